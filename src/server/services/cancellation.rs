//! Self-service cancellation (DESIGN §5.2): the shop's policy, the decision for one order, and
//! the shopper's cancellation — one transaction that claims the order at the version the page
//! showed, so a double submit, a retry or a race with the shop's fulfilment applies once.

use super::cancel_effects::{self, Cancellation, Scope};
use super::order_view::quantities;
use super::shopper_claim::{self, Held};
use super::{ServiceError, ServiceResult};
use crate::api::views::{CancelView, LineCancel, ReasonChoice};
use crate::api::{AppError, Field};
use crate::domain::cancellation::{
    decide, decide_line, Decision, LineFacts, OrderFacts, Policy, MAX_OTHER_TEXT,
};
use crate::domain::{
    Actor, CancelReason, Currency, InputProblem, Lifecycle, Money, OrderEvent, PaymentStatus,
};
use crate::i18n::Locale;
use crate::server::mail::outbox_email::{self, EmailPayload, Notice};
use crate::server::state::AppState;
use crate::server::store::rows::{LineRow, StoredOrder};
use crate::server::store::{catalog, orders, requests, timestamp, Conn, LazyConn};
use crate::server::web::Ctx;
use crate::server::webhooks;

/// The settings key of the policy document.
pub const POLICY: &str = "cancellation";

/// The shop's policy, or the defaults until the merchant sets one.
pub async fn policy(conn: &mut Conn) -> ServiceResult<Policy> {
    match catalog::setting(conn, POLICY).await? {
        None => Ok(Policy::default()),
        Some(json) => serde_json::from_str(&json)
            .map_err(|e| ServiceError::Other(format!("stored cancellation policy: {e}"))),
    }
}

fn corrupt(what: &str) -> ServiceError {
    ServiceError::Other(format!("stored order has an invalid {what}"))
}

/// The order as the decision sees it.
pub fn facts(s: &StoredOrder, policy: &Policy) -> ServiceResult<OrderFacts> {
    let o = &s.order;
    let placed_at = timestamp(o.placed_at)?;
    let promised = match o.cancel_deadline {
        Some(ms) => timestamp(ms)?,
        None => policy.deadline_for(placed_at),
    };
    Ok(OrderFacts {
        lifecycle: Lifecycle::parse(&o.lifecycle).ok_or_else(|| corrupt("lifecycle"))?,
        payment: PaymentStatus::parse(&o.payment_status).ok_or_else(|| corrupt("payment"))?,
        promised_deadline: promised,
        placed_at,
        lines: s
            .lines
            .iter()
            .map(|l| LineFacts {
                title: l.title.clone(),
                quantities: quantities(l),
                locked: s.locked(&l.sku),
            })
            .collect(),
        fulfilment_in_progress: s.fulfilments.iter().any(|f| f.status == "in_progress"),
        request_pending: s.cancellation_requested,
    })
}

/// What cancelling `units` (line, open quantity) would give back on a paid or authorised order.
pub fn refund_of(s: &StoredOrder, units: &[(&LineRow, u32)]) -> ServiceResult<Option<Money>> {
    let payment =
        PaymentStatus::parse(&s.order.payment_status).ok_or_else(|| corrupt("payment"))?;
    if !matches!(payment, PaymentStatus::Paid | PaymentStatus::Authorized) {
        return Ok(None);
    }
    let currency = Currency::parse(&s.order.currency).map_err(|_| corrupt("currency"))?;
    let minor: i64 = units
        .iter()
        .map(|(l, n)| l.unit_price * i64::from(*n))
        .sum();
    Ok(Some(Money::new(minor, currency)))
}

/// The cancel card of a verified order page.
pub async fn view(
    state: &AppState,
    conn: &mut LazyConn<'_>,
    s: &StoredOrder,
    locale: Locale,
) -> ServiceResult<CancelView> {
    let policy = state.views.policy(conn).await?;
    let facts = facts(s, &policy)?;
    let now = state.now();
    let decision = decide(&facts, &policy, now);
    let (deadline_local, seconds_left) = match &decision {
        Decision::Cancel { deadline } => (
            Some(state.local(*deadline)),
            Some(deadline.duration_since(now).as_secs()),
        ),
        _ => (None, None),
    };
    let open: Vec<(&LineRow, u32)> = s
        .lines
        .iter()
        .map(|l| (l, quantities(l).open()))
        .filter(|(_, n)| *n > 0)
        .collect();
    let mut lines = Vec::new();
    if open.len() > 1 {
        for (index, line) in s.lines.iter().enumerate() {
            if !decide_line(&facts, &policy, now, index).may_cancel() {
                continue;
            }
            let quantity = quantities(line).open();
            lines.push(LineCancel {
                line_id: line.id,
                title: line.title.clone(),
                quantity,
                refund: refund_of(s, &[(line, quantity)])?,
            });
        }
    }
    Ok(CancelView {
        version: s.order.version,
        decision,
        deadline_local,
        reasons: policy
            .reasons
            .iter()
            .map(|r| ReasonChoice {
                code: r.code.clone(),
                label: r.label_in(locale).to_owned(),
            })
            .collect(),
        refund: refund_of(s, &open)?,
        seconds_left,
        lines,
    })
}

/// The shopper's reason as stored: the option's code, and its label plus their own words for
/// `other`.
fn reason_text(policy: &Policy, code: &str, other: &str) -> ServiceResult<(String, String)> {
    let option = policy
        .reason(code)
        .ok_or(AppError::invalid(Field::Reason, InputProblem::Required))?;
    let words = other.trim();
    if words.chars().count() > MAX_OTHER_TEXT {
        return Err(AppError::invalid(Field::Note, InputProblem::TooLong).into());
    }
    if !crate::domain::text::is_plain(words) {
        return Err(AppError::invalid(Field::Note, InputProblem::Malformed).into());
    }
    if option.code == "other" {
        if words.is_empty() {
            return Err(AppError::invalid(Field::Note, InputProblem::Required).into());
        }
        return Ok((option.code.clone(), format!("{}: {words}", option.label)));
    }
    Ok((option.code.clone(), option.label.clone()))
}

/// A verified shopper's claim on the order, at the version their page showed.
struct Claim {
    tx: crate::server::store::Tx,
    stored: StoredOrder,
    policy: Policy,
    facts: OrderFacts,
    /// The reason's code and text.
    reason: (String, String),
    now_ts: jiff::Timestamp,
    now: i64,
}

/// What a submit that already went through left behind.
#[derive(Clone, Copy)]
enum Outcome {
    Cancelled,
    Requested,
    /// Nothing of this line is open any more.
    LineCancelled(i64),
}

/// Checks access and input, then claims the order. `None`: this exact submit went through
/// before (the order moved on by one version, to the `outcome` it asks for), so it answers as
/// it did then.
async fn claim(
    ctx: &Ctx,
    raw_number: &str,
    version: i64,
    reason: &str,
    other: &str,
    outcome: Outcome,
) -> ServiceResult<Option<Claim>> {
    let Held {
        mut tx,
        order,
        now_ts,
        now,
    } = match shopper_claim::claim(ctx, raw_number, version, async |conn, current| {
        Ok(match outcome {
            Outcome::Cancelled => current.lifecycle == Lifecycle::Cancelled.as_str(),
            Outcome::Requested => requests::pending(conn, current.id).await?.is_some(),
            Outcome::LineCancelled(line_id) => {
                let stored = orders::load(conn, current, false).await?;
                let line = stored.lines.iter().find(|l| l.id == line_id);
                line.is_some_and(|l| quantities(l).open() == 0 && l.quantity_cancelled > 0)
            }
        })
    })
    .await?
    {
        Some(held) => held,
        None => return Ok(None),
    };
    let policy = policy(&mut tx).await?;
    let reason = reason_text(&policy, reason, other)?;
    let stored = orders::load(&mut tx, order, false).await?;
    let facts = facts(&stored, &policy)?;
    Ok(Some(Claim {
        tx,
        stored,
        policy,
        facts,
        reason,
        now_ts,
        now,
    }))
}

/// The shopper asks the shop to cancel (past the window, or an item they cannot cancel
/// themselves), once. The shop answers on the order's page.
#[tracing::instrument(skip_all)]
pub async fn request(
    ctx: &Ctx,
    raw_number: &str,
    version: i64,
    reason: &str,
    other: &str,
) -> ServiceResult<()> {
    let claimed = claim(ctx, raw_number, version, reason, other, Outcome::Requested).await?;
    let Some(mut c) = claimed else {
        return Ok(());
    };
    match decide(&c.facts, &c.policy, c.now_ts) {
        Decision::Request { .. } => {}
        Decision::Cancel { .. } => return Err(AppError::Conflict.into()),
        Decision::No { because } => return Err(AppError::CannotCancel { because }.into()),
    }
    let (order_id, now) = (c.stored.order.id, c.now);
    let text = c.reason.1.clone();
    requests::insert(&mut c.tx, order_id, &text, None, now).await?;
    let event = OrderEvent::CancellationRequested { reason: text };
    orders::append_event(&mut c.tx, order_id, now, Actor::Shopper, &event).await?;
    outbox_email::queue_noted(
        &mut c.tx,
        order_id,
        &EmailPayload::RequestReceived { order_id },
        now,
    )
    .await?;
    let notice = EmailPayload::ShopNotice {
        order_id,
        about: Notice::CancellationRequested,
        cancellation_id: None,
        line_id: None,
    };
    outbox_email::queue_noted(&mut c.tx, order_id, &notice, now).await?;
    webhooks::emit_order(&mut c.tx, "order.cancellation_requested", order_id, now).await?;
    c.tx.commit().await?;
    tracing::info!(order_id, "cancellation requested by the shopper");
    Ok(())
}

/// Cancels the whole order for a verified shopper, once.
#[tracing::instrument(skip_all)]
pub async fn cancel(
    ctx: &Ctx,
    raw_number: &str,
    version: i64,
    reason: &str,
    other: &str,
) -> ServiceResult<()> {
    let claimed = claim(ctx, raw_number, version, reason, other, Outcome::Cancelled).await?;
    let Some(c) = claimed else {
        return Ok(());
    };
    let decision = decide(&c.facts, &c.policy, c.now_ts);
    apply(c, decision, Scope::Order).await
}

/// Cancels one line (all its units not yet shipped) for a verified shopper, once. A line id
/// that is not this order's is refused and changes nothing.
#[tracing::instrument(skip_all)]
pub async fn cancel_line(
    ctx: &Ctx,
    raw_number: &str,
    version: i64,
    line_id: i64,
    reason: &str,
    other: &str,
) -> ServiceResult<()> {
    let outcome = Outcome::LineCancelled(line_id);
    let claimed = claim(ctx, raw_number, version, reason, other, outcome).await?;
    let Some(c) = claimed else {
        return Ok(());
    };
    let index = c
        .stored
        .lines
        .iter()
        .position(|l| l.id == line_id)
        .ok_or(AppError::invalid(Field::Line, InputProblem::Wrong))?;
    let decision = decide_line(&c.facts, &c.policy, c.now_ts, index);
    apply(c, decision, Scope::Line(line_id)).await
}

/// The shopper's cancellation, when the decision allows it.
async fn apply(mut c: Claim, decision: Decision, scope: Scope) -> ServiceResult<()> {
    if let Decision::Request { because } | Decision::No { because } = decision {
        return Err(AppError::CannotCancel { because }.into());
    }
    let (code, text) = &c.reason;
    let cancellation = Cancellation {
        scope,
        actor: Actor::Shopper,
        actor_id: None,
        by: "shopper",
        reason: "customer",
        event_reason: CancelReason::CustomerRequest,
        shopper_reason: Some((code, text)),
        restock: c.policy.restock,
        refund_reason: "customer_cancelled",
        email_shopper: true,
        notify_shop: true,
        now: c.now,
    };
    cancel_effects::apply(&mut c.tx, &c.stored, &cancellation).await?;
    c.tx.commit().await?;
    let order_id = c.stored.order.id;
    tracing::info!(order_id, ?scope, "cancelled by the shopper");
    Ok(())
}
