//! The shop's system keeps orders in step through the API: it creates them, updates what may
//! change after placement, and reads them back. An update never changes the lifecycle, so a
//! cancelled order stays cancelled whatever is sent.

use super::place_order::{self, Confirm, OrderDraft};
use super::{ServiceError, ServiceResult};
use crate::domain::estimate::Estimate;
use crate::domain::{Actor, OrderEvent, PaymentStatus};
use crate::server::state::AppState;
use crate::server::store::handling::lock;
use crate::server::store::rows::StoredOrder;
use crate::server::store::sync::{self, OrderChanges, RefundRow};
use crate::server::store::{millis, orders, Tx};

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Synced {
    Created,
    Updated,
    Unchanged,
}

/// A field that cannot change once the order is placed (named as in the API body).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Fixed(pub String);

pub type SyncResult = ServiceResult<Result<Synced, Fixed>>;

/// Where an order comes from: the API (`token_id`) or a file import.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Source {
    Api { token_id: i64 },
    Import,
}

impl Source {
    fn actor_id(self) -> Option<i64> {
        match self {
            Source::Api { token_id } => Some(token_id),
            Source::Import => None,
        }
    }
}

/// Creates the order or updates it. Through the API a new order gets its confirmation email
/// and signed link; an import brings over orders the shop confirmed before, silently.
#[tracing::instrument(skip_all, fields(order = %draft.number))]
pub async fn upsert(state: &AppState, draft: &OrderDraft, source: Source) -> SyncResult {
    let exists = orders::find_by_number(&mut *state.db.read().await?, draft.number.as_str())
        .await?
        .is_some();
    if !exists {
        let confirm = match source {
            Source::Api { .. } => Confirm::Send,
            Source::Import => Confirm::Skip,
        };
        let now = state.now();
        match place_order::place(&state.db, draft, Actor::Integration, now, confirm).await {
            Ok(_) => return Ok(Ok(Synced::Created)),
            // Created by a concurrent request a moment ago: this one is an update.
            Err(ServiceError::DuplicateOrder) => {}
            Err(e) => return Err(e),
        }
    }
    update(state, draft, source).await
}

/// An event done through the API with the token `token_id`.
async fn by_shop(
    tx: &mut Tx,
    order_id: i64,
    now: i64,
    by: Option<i64>,
    event: &OrderEvent,
) -> ServiceResult<()> {
    orders::append_event_by(tx, order_id, now, Actor::Integration, by, event).await?;
    Ok(())
}

fn address_json(lines: &Option<Vec<String>>) -> Option<String> {
    lines
        .as_ref()
        .map(|l| serde_json::json!({ "lines": l }).to_string())
}

async fn update(state: &AppState, draft: &OrderDraft, source: Source) -> SyncResult {
    let now = millis(state.now());
    let mut tx = state.db.begin().await?;
    let row = orders::find_by_number(&mut tx, draft.number.as_str())
        .await?
        .ok_or_else(|| ServiceError::Other("order vanished during update".into()))?;
    let current = orders::load(&mut tx, row, false).await?;
    let o = &current.order;

    if o.email != draft.email.as_str() {
        return Ok(Err(Fixed("customer.email".into())));
    }
    if o.currency != draft.currency.code() {
        return Ok(Err(Fixed("currency".into())));
    }
    if o.placed_at != millis(draft.placed_at) {
        return Ok(Err(Fixed("placed_at".into())));
    }
    if current.lines.len() != draft.lines.len() {
        return Ok(Err(Fixed("lines".into())));
    }
    for (i, (have, want)) in current.lines.iter().zip(&draft.lines).enumerate() {
        if have.sku != want.sku {
            return Ok(Err(Fixed(format!("lines[{i}].sku"))));
        }
        if have.quantity != i64::from(want.quantity) {
            return Ok(Err(Fixed(format!("lines[{i}].quantity"))));
        }
        if have.unit_price != want.unit_price {
            return Ok(Err(Fixed(format!("lines[{i}].unit_price"))));
        }
    }

    let address = address_json(&draft.shipping_address);
    let mut changed: Vec<String> = Vec::new();
    let mut note = |differs: bool, field: &str| {
        if differs {
            changed.push(field.to_owned());
        }
    };
    note(o.customer_name != draft.customer_name, "customer.name");
    note(o.locale != draft.locale.tag(), "locale");
    note(o.payment_status != draft.payment.as_str(), "payment_status");
    note(
        o.shipping_method != draft.shipping_method,
        "shipping_method",
    );
    note(o.shipping_address != address, "shipping_address");
    // Stock news may only concern what is still open (not shipped, not cancelled).
    let mut line_updates = Vec::new();
    for (i, (have, want)) in current.lines.iter().zip(&draft.lines).enumerate() {
        let open = have.quantity - have.quantity_fulfilled - have.quantity_cancelled;
        let backordered = i64::from(want.quantity_backordered).min(open.max(0));
        if have.title != want.title || have.quantity_backordered != backordered {
            changed.push(format!("lines[{i}]"));
            line_updates.push((have.id, want.title.clone(), backordered));
        }
    }
    if changed.is_empty() {
        return Ok(Ok(Synced::Unchanged));
    }

    lock(&mut tx, o.id, None, now).await?;
    let changes = OrderChanges {
        customer_name: &draft.customer_name,
        locale: draft.locale.tag(),
        payment_status: draft.payment.as_str(),
        shipping_method: &draft.shipping_method,
        shipping_address: address.as_deref(),
    };
    sync::update_order(&mut tx, o.id, &changes, now).await?;
    for (line_id, title, backordered) in &line_updates {
        sync::update_line(&mut tx, *line_id, title, *backordered).await?;
    }
    let was_pending = PaymentStatus::parse(&o.payment_status) == Some(PaymentStatus::Pending);
    if was_pending
        && matches!(
            draft.payment,
            PaymentStatus::Paid | PaymentStatus::Authorized
        )
    {
        orders::append_event(
            &mut tx,
            o.id,
            now,
            Actor::Integration,
            &OrderEvent::PaymentConfirmed,
        )
        .await?;
    }
    let event = OrderEvent::UpdatedByShop { fields: changed };
    by_shop(&mut tx, o.id, now, source.actor_id(), &event).await?;
    tx.commit().await?;
    tracing::info!(order_id = o.id, "order updated by the shop");
    Ok(Ok(Synced::Updated))
}

/// The order with everything the API shows, or `None`.
pub async fn load(
    state: &AppState,
    number: &str,
) -> ServiceResult<Option<(StoredOrder, Vec<RefundRow>, Estimate)>> {
    let mut conn = state.db.read().await?;
    let Some(row) = orders::find_by_number(&mut conn, number).await? else {
        return Ok(None);
    };
    let order = orders::load(&mut conn, row, false).await?;
    let refunds = sync::refunds_of(&mut conn, order.order.id).await?;
    let estimate = super::estimates::current(&mut conn, &order).await?;
    Ok(Some((order, refunds, estimate)))
}

/// Confirms a pending refund once; confirming again changes nothing. `None` when unknown.
pub async fn confirm_refund(
    state: &AppState,
    id: i64,
    token_id: i64,
) -> ServiceResult<Option<String>> {
    let now = millis(state.now());
    let mut tx = state.db.begin().await?;
    let Some(refund) = sync::find_refund(&mut tx, id).await? else {
        return Ok(None);
    };
    let order = orders::find_by_id(&mut tx, refund.order_id)
        .await?
        .ok_or_else(|| ServiceError::Other("refund without order".into()))?;
    lock(&mut tx, order.id, None, now).await?;
    if sync::confirm_refund(&mut tx, id, now).await? {
        let currency = crate::domain::Currency::parse(&refund.currency)
            .map_err(|_| ServiceError::Other("stored refund has an invalid currency".into()))?;
        let event = OrderEvent::RefundConfirmed {
            amount: crate::domain::Money::new(refund.amount, currency),
        };
        by_shop(&mut tx, order.id, now, Some(token_id), &event).await?;
        tx.commit().await?;
        tracing::info!(refund_id = id, "refund confirmed");
    }
    Ok(Some(order.number))
}
