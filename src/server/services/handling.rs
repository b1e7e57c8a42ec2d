//! The shop handles an order: holds, shipments, deliveries, cancellation. Each action is one
//! transaction that first claims the order at the version the merchant's form showed, so a
//! double submit or a race with a colleague applies once and the other answers `Conflict`.

use super::cancel_effects::{self, Cancellation, Scope};
use super::cancellation;
use super::order_view::quantities;
use super::{merchant_auth::Merchant, ServiceError, ServiceResult};
use crate::api::admin_order::ShipLine;
use crate::api::{AppError, Field};
use crate::domain::handling::{after_shipping, mark_delivered as deliverable};
use crate::domain::{
    Actor, CancelReason, FulfilmentState, Handling, HoldReason, InputProblem, Lifecycle,
    LineQuantities, OrderEvent, OrderNumber,
};
use crate::server::mail::outbox_email::{self, EmailPayload};
use crate::server::state::AppState;
use crate::server::store::handling::{self as store, NewParcel};
use crate::server::store::requests;
use crate::server::store::rows::StoredOrder;
use crate::server::store::{millis, orders, Tx};

const MAX_NOTE: usize = 500;
const MAX_CARRIER: usize = 100;
const MAX_TRACKING_NUMBER: usize = 100;
const MAX_URL: usize = 2000;

/// Who changes which order, from which version.
pub struct Change<'a> {
    state: &'a AppState,
    actor: Actor,
    actor_id: i64,
    number: &'a str,
    /// The version the merchant's form showed; `None` acts on the order as it is now.
    version: Option<i64>,
}

impl<'a> Change<'a> {
    pub fn new(state: &'a AppState, merchant: &Merchant, number: &'a str, version: i64) -> Self {
        Self {
            state,
            actor: Actor::Merchant,
            actor_id: merchant.user_id,
            number,
            version: Some(version),
        }
    }

    /// The shop's own system through the API (`token_id` names the API token). It sends no
    /// version: concurrent calls are ordered by the order's lock and each applies once.
    pub fn by_integration(state: &'a AppState, token_id: i64, number: &'a str) -> Self {
        Self {
            state,
            actor: Actor::Integration,
            actor_id: token_id,
            number,
            version: None,
        }
    }
}

/// An order claimed for one change, inside its transaction.
struct Claimed {
    tx: Tx,
    order: StoredOrder,
    lines: Vec<LineQuantities>,
    lifecycle: Lifecycle,
    now: i64,
    actor: Actor,
    actor_id: i64,
    by: String,
}

impl Claimed {
    fn facts(&self) -> Handling<'_> {
        Handling {
            lifecycle: self.lifecycle,
            on_hold: self.order.active_hold.is_some(),
            lines: &self.lines,
        }
    }

    async fn record(&mut self, event: &OrderEvent) -> ServiceResult<()> {
        let (id, now, by) = (self.order.order.id, self.now, Some(self.actor_id));
        orders::append_event_by(&mut self.tx, id, now, self.actor, by, event).await?;
        Ok(())
    }

    async fn email(&mut self, payload: EmailPayload) -> ServiceResult<()> {
        let id = self.order.order.id;
        outbox_email::queue_noted(&mut self.tx, id, &payload, self.now).await
    }

    async fn commit(self, what: &str) -> ServiceResult<()> {
        self.tx.commit().await?;
        tracing::info!(
            order_id = self.order.order.id,
            by = %self.by,
            what,
            "order handled"
        );
        Ok(())
    }
}

async fn claim(change: Change<'_>) -> ServiceResult<Claimed> {
    let now = millis(change.state.now());
    let number = OrderNumber::parse(change.number).map_err(|_| AppError::NotFound)?;
    let mut tx = change.state.db.begin().await?;
    let order = orders::find_by_number(&mut tx, number.as_str())
        .await?
        .ok_or(AppError::NotFound)?;
    if !store::lock(&mut tx, order.id, change.version, now).await? {
        return Err(AppError::Conflict.into());
    }
    let order = orders::load(&mut tx, order, false).await?;
    let lifecycle = Lifecycle::parse(&order.order.lifecycle)
        .ok_or_else(|| ServiceError::Other("stored order has an invalid lifecycle".into()))?;
    let lines = order.lines.iter().map(quantities).collect();
    Ok(Claimed {
        tx,
        order,
        lines,
        lifecycle,
        now,
        actor: change.actor,
        actor_id: change.actor_id,
        by: format!("{}:{}", change.actor.as_str(), change.actor_id),
    })
}

fn refused(refusal: crate::domain::Refusal) -> ServiceError {
    AppError::Refused { refusal }.into()
}

/// Trimmed optional text; empty is `None`.
fn optional_text(raw: &str, max: usize, field: Field) -> ServiceResult<Option<String>> {
    let text = raw.trim();
    if text.chars().count() > max {
        return Err(AppError::invalid(field, InputProblem::TooLong).into());
    }
    if !crate::domain::text::is_plain(text) {
        return Err(AppError::invalid(field, InputProblem::Malformed).into());
    }
    Ok((!text.is_empty()).then(|| text.to_owned()))
}

pub async fn place_hold(change: Change<'_>, reason: &str, note: &str) -> ServiceResult<()> {
    let reason = HoldReason::parse(reason).ok_or(AppError::BadRequest)?;
    let note = optional_text(note, MAX_NOTE, Field::Note)?;
    let mut c = claim(change).await?;
    c.facts().place_hold().map_err(refused)?;
    let (id, now) = (c.order.order.id, c.now);
    store::insert_hold(&mut c.tx, id, reason.as_str(), note.as_deref(), &c.by, now).await?;
    c.record(&OrderEvent::HoldPlaced { reason, note }).await?;
    c.commit("hold placed").await
}

pub async fn release_hold(change: Change<'_>) -> ServiceResult<()> {
    let mut c = claim(change).await?;
    c.facts().release_hold().map_err(refused)?;
    let (id, now) = (c.order.order.id, c.now);
    store::release_holds(&mut c.tx, id, &c.by, now).await?;
    c.record(&OrderEvent::HoldReleased).await?;
    c.commit("hold released").await
}

/// A shipment form as typed.
pub struct ParcelInput<'a> {
    pub lines: &'a [ShipLine],
    pub carrier: &'a str,
    pub tracking_number: &'a str,
    pub tracking_url: &'a str,
}

fn quantity(raw: &str) -> ServiceResult<u32> {
    let text = raw.trim();
    if text.is_empty() {
        return Ok(0);
    }
    text.parse()
        .map_err(|_| AppError::invalid(Field::Quantity, InputProblem::Malformed).into())
}

fn tracking_url(raw: &str) -> ServiceResult<Option<String>> {
    let Some(url) = optional_text(raw, MAX_URL, Field::TrackingUrl)? else {
        return Ok(None);
    };
    let web = url.starts_with("https://") || url.starts_with("http://");
    let host = url.split("://").nth(1).unwrap_or("");
    if !web || host.is_empty() || url.chars().any(char::is_whitespace) {
        return Err(AppError::invalid(Field::TrackingUrl, InputProblem::Malformed).into());
    }
    Ok(Some(url))
}

pub async fn ship(change: Change<'_>, input: &ParcelInput<'_>) -> ServiceResult<()> {
    let carrier = optional_text(input.carrier, MAX_CARRIER, Field::Carrier)?;
    let tracking_number = optional_text(
        input.tracking_number,
        MAX_TRACKING_NUMBER,
        Field::TrackingNumber,
    )?;
    let url = tracking_url(input.tracking_url)?;
    let typed: Vec<(i64, u32)> = input
        .lines
        .iter()
        .map(|l| Ok((l.line, quantity(&l.quantity)?)))
        .collect::<ServiceResult<_>>()?;

    let mut c = claim(change).await?;
    let mut wanted = vec![0u32; c.order.lines.len()];
    for (line_id, n) in typed {
        let index = c
            .order
            .lines
            .iter()
            .position(|l| l.id == line_id)
            .ok_or(AppError::BadRequest)?;
        wanted[index] = wanted[index].saturating_add(n);
    }
    c.facts().ship(&wanted).map_err(refused)?;

    let (order_id, now) = (c.order.order.id, c.now);
    let parcel = NewParcel {
        carrier: carrier.as_deref(),
        tracking_number: tracking_number.as_deref(),
        tracking_url: url.as_deref(),
    };
    let parcel_id = store::insert_shipped_parcel(&mut c.tx, order_id, &parcel, now).await?;
    for (i, n) in wanted.iter().enumerate().filter(|(_, n)| **n > 0) {
        let next = after_shipping(c.lines[i], *n);
        let line_id = c.order.lines[i].id;
        let (fulfilled, backordered) = (i64::from(next.fulfilled), i64::from(next.backordered));
        store::ship_line(
            &mut c.tx,
            parcel_id,
            line_id,
            i64::from(*n),
            fulfilled,
            backordered,
        )
        .await?;
    }
    c.record(&OrderEvent::Shipped {
        carrier,
        tracking_number,
    })
    .await?;
    c.email(EmailPayload::Shipped {
        order_id,
        parcel_id,
    })
    .await?;
    c.commit("shipped").await
}

pub async fn mark_delivered(change: Change<'_>, parcel_id: i64) -> ServiceResult<()> {
    let mut c = claim(change).await?;
    let parcel = c
        .order
        .fulfilments
        .iter()
        .find(|f| f.id == parcel_id)
        .ok_or(AppError::NotFound)?;
    let state = FulfilmentState::parse(&parcel.status)
        .ok_or_else(|| ServiceError::Other("stored parcel has an invalid status".into()))?;
    deliverable(state).map_err(refused)?;
    store::mark_delivered(&mut c.tx, parcel_id, c.now).await?;
    c.record(&OrderEvent::Delivered).await?;
    c.commit("delivered").await
}

pub async fn cancel(
    change: Change<'_>,
    reason: &str,
    restock: bool,
    notify: bool,
) -> ServiceResult<()> {
    let reason = CancelReason::parse(reason).ok_or(AppError::BadRequest)?;
    let mut c = claim(change).await?;
    cancel_claimed(&mut c, reason, restock, notify).await?;
    c.commit("cancelled").await
}

/// Answers the shopper's pending cancellation request: approving cancels the order (restock
/// as the policy says) and emails the cancellation; rejecting needs a message, which the
/// shopper gets by email.
pub async fn answer_request(change: Change<'_>, approve: bool, message: &str) -> ServiceResult<()> {
    let message = optional_text(message, MAX_NOTE, Field::Note)?;
    if !approve && message.is_none() {
        return Err(AppError::invalid(Field::Note, InputProblem::Required).into());
    }
    let mut c = claim(change).await?;
    let order_id = c.order.order.id;
    let request = requests::pending(&mut c.tx, order_id)
        .await?
        .ok_or(AppError::NotFound)?;
    if !requests::decide(
        &mut c.tx,
        request.id,
        approve,
        &c.by,
        message.as_deref(),
        c.now,
    )
    .await?
    {
        return Err(AppError::Conflict.into());
    }
    if approve {
        let restock = cancellation::policy(&mut c.tx).await?.restock;
        cancel_claimed(&mut c, CancelReason::CustomerRequest, restock, true).await?;
        return c.commit("cancellation request approved").await;
    }
    let message = message.unwrap_or_default();
    c.record(&OrderEvent::CancellationRejected { message })
        .await?;
    c.email(EmailPayload::RequestRejected { order_id }).await?;
    c.commit("cancellation request rejected").await
}

/// The cancellation itself, inside the caller's claim.
async fn cancel_claimed(
    c: &mut Claimed,
    reason: CancelReason,
    restock: bool,
    notify: bool,
) -> ServiceResult<()> {
    c.facts().cancel().map_err(refused)?;
    let refund_reason = format!("shop_cancelled:{}", reason.as_str());
    let cancellation = Cancellation {
        scope: Scope::Order,
        actor: c.actor,
        actor_id: Some(c.actor_id),
        by: &c.by,
        reason: reason.as_str(),
        event_reason: reason,
        shopper_reason: None,
        restock,
        refund_reason: &refund_reason,
        email_shopper: notify,
        notify_shop: false,
        now: c.now,
    };
    cancel_effects::apply(&mut c.tx, &c.order, &cancellation).await?;
    Ok(())
}
