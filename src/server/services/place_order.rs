//! Placing an order: the order, its lines, the timeline and the confirmation email, in one
//! transaction.

use super::estimates::{self, PlacedLine};
use super::{cancellation, ServiceError, ServiceResult};
use crate::domain::{Actor, Currency, CustomerEmail, OrderEvent, OrderNumber, PaymentStatus};
use crate::i18n::Locale;
use crate::server::mail::outbox_email;
use crate::server::store::orders::{self, NewLine, NewOrder};
use crate::server::store::{self as store_root, millis, Db};
use jiff::Timestamp;

/// A parsed order, ready to store.
#[derive(Debug, Clone)]
pub struct OrderDraft {
    pub number: OrderNumber,
    pub email: CustomerEmail,
    pub customer_name: String,
    pub locale: Locale,
    pub currency: Currency,
    pub placed_at: Timestamp,
    pub payment: PaymentStatus,
    pub shipping_method: String,
    pub shipping_address: Option<Vec<String>>,
    pub lines: Vec<DraftLine>,
}

#[derive(Debug, Clone)]
pub struct DraftLine {
    pub sku: String,
    pub title: String,
    pub unit_price: i64,
    pub quantity: u32,
    pub quantity_backordered: u32,
}

/// Whether the shopper gets the confirmation email (with the signed link) for a new order.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Confirm {
    Send,
    /// Orders brought over from before the portal: the shop confirmed them already.
    Skip,
}

/// Stores the order with the windows it is promised and (usually) queues its confirmation
/// email. Returns the new order's id.
#[tracing::instrument(skip_all, fields(order = %draft.number))]
pub async fn place(
    db: &Db,
    draft: &OrderDraft,
    actor: Actor,
    now: Timestamp,
    confirm: Confirm,
) -> ServiceResult<i64> {
    let now = millis(now);
    let mut tx = db.begin().await?;
    let customer_id = orders::upsert_customer(
        &mut tx,
        draft.email.as_str(),
        &draft.customer_name,
        draft.locale.tag(),
        now,
    )
    .await?;
    let address = draft
        .shipping_address
        .as_ref()
        .map(|lines| serde_json::json!({ "lines": lines }).to_string());
    let placed_at = millis(draft.placed_at);
    // The cancellation window is promised now; later policy changes never shorten it.
    let policy = cancellation::policy(&mut tx).await?;
    let cancel_deadline = millis(policy.deadline_for(draft.placed_at));
    let inserted = orders::insert_order(
        &mut tx,
        &NewOrder {
            number: draft.number.as_str(),
            customer_id,
            email: draft.email.as_str(),
            customer_name: &draft.customer_name,
            locale: draft.locale.tag(),
            currency: draft.currency.code(),
            placed_at,
            payment_status: draft.payment.as_str(),
            shipping_method: &draft.shipping_method,
            shipping_address: address.as_deref(),
            cancel_deadline,
            now,
        },
    )
    .await;
    let order_id = match inserted {
        Ok(id) => id,
        Err(e) if e.is_unique_violation() => return Err(ServiceError::DuplicateOrder),
        Err(e) => return Err(e.into()),
    };
    // The ship-by and delivery windows are promised now, from today's settings and stock.
    let shop = estimates::shop(&mut tx).await?;
    let placed: Vec<PlacedLine> = draft
        .lines
        .iter()
        .map(|l| PlacedLine {
            sku: &l.sku,
            backordered: l.quantity_backordered > 0,
            open: true,
        })
        .collect();
    let promise = estimates::for_lines(
        &mut tx,
        &shop,
        draft.placed_at,
        &draft.shipping_method,
        &placed,
    )
    .await?;
    store_root::estimates::promise_order(&mut tx, order_id, promise.ship, promise.delivery).await?;
    for ((position, line), promised) in draft.lines.iter().enumerate().zip(&promise.lines) {
        let new_line = NewLine {
            sku: &line.sku,
            title: &line.title,
            unit_price: line.unit_price,
            quantity: i64::from(line.quantity),
            quantity_backordered: i64::from(line.quantity_backordered.min(line.quantity)),
        };
        let line_id =
            orders::insert_line(&mut tx, order_id, position as i64 + 1, &new_line).await?;
        store_root::estimates::promise_line(&mut tx, line_id, promised.window()).await?;
    }
    orders::append_event(
        &mut tx,
        order_id,
        placed_at,
        actor,
        &OrderEvent::OrderPlaced,
    )
    .await?;
    if matches!(
        draft.payment,
        PaymentStatus::Paid | PaymentStatus::Authorized
    ) {
        let event = OrderEvent::PaymentConfirmed;
        orders::append_event(&mut tx, order_id, placed_at, Actor::System, &event).await?;
    }
    if confirm == Confirm::Send {
        outbox_email::queue_confirmation(&mut tx, order_id, now).await?;
        let queued = OrderEvent::ConfirmationEmailQueued;
        orders::append_event(&mut tx, order_id, now, Actor::System, &queued).await?;
    }
    tx.commit().await?;
    tracing::info!(order_id, "order placed");
    Ok(order_id)
}
