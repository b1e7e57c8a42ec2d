//! Self-service cancellation (DESIGN §5.2): the shop's policy, the decision for one order, and
//! the shopper's cancellation — one transaction that claims the order at the version the page
//! showed, so a double submit, a retry or a race with the shop's fulfilment applies once.

use super::order_view::quantities;
use super::{ServiceError, ServiceResult};
use crate::api::views::CancelView;
use crate::api::{AppError, Field};
use crate::domain::cancellation::{
    decide, Decision, LineFacts, OrderFacts, Policy, MAX_OTHER_TEXT,
};
use crate::domain::{
    Actor, CancelReason, Currency, InputProblem, Lifecycle, Money, OrderEvent, OrderNumber,
    PaymentStatus,
};
use crate::server::mail::outbox_email::{self, EmailPayload, Notice};
use crate::server::state::AppState;
use crate::server::store::handling::{self as handling_store, lock};
use crate::server::store::rows::StoredOrder;
use crate::server::store::{catalog, millis, orders, requests, sessions, timestamp, Conn};
use crate::server::tokens::hash_token;
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
pub async fn facts(conn: &mut Conn, s: &StoredOrder, policy: &Policy) -> ServiceResult<OrderFacts> {
    let o = &s.order;
    let locked = catalog::locked_skus(conn, o.id).await?;
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
                locked: locked.contains(&l.sku),
            })
            .collect(),
        fulfilment_in_progress: s.fulfilments.iter().any(|f| f.status == "in_progress"),
        request_pending: s.cancellation_requested,
    })
}

/// What a cancellation now would give back: the open units of a paid or authorised order.
fn refund_of(s: &StoredOrder) -> ServiceResult<Option<Money>> {
    let payment =
        PaymentStatus::parse(&s.order.payment_status).ok_or_else(|| corrupt("payment"))?;
    if !matches!(payment, PaymentStatus::Paid | PaymentStatus::Authorized) {
        return Ok(None);
    }
    let currency = Currency::parse(&s.order.currency).map_err(|_| corrupt("currency"))?;
    let minor: i64 = s
        .lines
        .iter()
        .map(|l| l.unit_price * i64::from(quantities(l).open()))
        .sum();
    Ok(Some(Money::new(minor, currency)))
}

/// The cancel card of a verified order page.
pub async fn view(state: &AppState, conn: &mut Conn, s: &StoredOrder) -> ServiceResult<CancelView> {
    let policy = policy(conn).await?;
    let facts = facts(conn, s, &policy).await?;
    let decision = decide(&facts, &policy, state.now());
    let deadline_local = match &decision {
        Decision::Cancel { deadline } => Some(state.local(*deadline)),
        _ => None,
    };
    Ok(CancelView {
        version: s.order.version,
        decision,
        deadline_local,
        reasons: policy.reasons.clone(),
        refund: refund_of(s)?,
    })
}

/// The shopper's reason as stored: the option's label, plus their own words for `other`.
fn reason_text(policy: &Policy, code: &str, other: &str) -> ServiceResult<String> {
    let option = policy
        .reason(code)
        .ok_or(AppError::invalid(Field::Reason, InputProblem::Required))?;
    let words = other.trim();
    if words.chars().count() > MAX_OTHER_TEXT {
        return Err(AppError::invalid(Field::Note, InputProblem::TooLong).into());
    }
    if option.code == "other" {
        if words.is_empty() {
            return Err(AppError::invalid(Field::Note, InputProblem::Required).into());
        }
        return Ok(format!("{}: {words}", option.label));
    }
    Ok(option.label.clone())
}

/// A verified shopper's claim on the order, at the version their page showed.
struct Claim {
    tx: crate::server::store::Tx,
    stored: StoredOrder,
    policy: Policy,
    reason: String,
    decision: Decision,
    now: i64,
}

/// What a submit that already went through left behind.
#[derive(Clone, Copy)]
enum Outcome {
    Cancelled,
    Requested,
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
    let number = OrderNumber::parse(raw_number).map_err(|_| AppError::Forbidden)?;
    let token = ctx.session_token().ok_or(AppError::Forbidden)?;
    let now_ts = ctx.state.now();
    let now = millis(now_ts);
    let mut tx = ctx.state.db.begin().await?;
    let order = orders::find_by_number(&mut tx, number.as_str())
        .await?
        .ok_or(AppError::Forbidden)?;
    let access = sessions::access(&mut tx, &hash_token(&token), order.id, now).await?;
    if access.as_deref() != Some("verified") {
        return Err(AppError::Forbidden.into());
    }
    let policy = policy(&mut tx).await?;
    let reason = reason_text(&policy, reason, other)?;
    if !lock(&mut tx, order.id, Some(version), now).await? {
        drop(tx);
        let mut conn = ctx.state.db.read().await?;
        let current = orders::find_by_id(&mut conn, order.id)
            .await?
            .ok_or(AppError::Forbidden)?;
        let reached = match outcome {
            Outcome::Cancelled => current.lifecycle == Lifecycle::Cancelled.as_str(),
            Outcome::Requested => requests::pending(&mut conn, order.id).await?.is_some(),
        };
        if current.version == version + 1 && reached {
            return Ok(None);
        }
        return Err(AppError::Conflict.into());
    }
    let stored = orders::load(&mut tx, order, false).await?;
    let facts = facts(&mut tx, &stored, &policy).await?;
    let decision = decide(&facts, &policy, now_ts);
    Ok(Some(Claim {
        tx,
        stored,
        policy,
        reason,
        decision,
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
    match &c.decision {
        Decision::Request { .. } => {}
        Decision::Cancel { .. } => return Err(AppError::Conflict.into()),
        Decision::No { because } => {
            return Err(AppError::CannotCancel {
                because: because.clone(),
            }
            .into())
        }
    }
    let (order_id, now) = (c.stored.order.id, c.now);
    requests::insert(&mut c.tx, order_id, &c.reason, None, now).await?;
    let event = OrderEvent::CancellationRequested {
        reason: c.reason.clone(),
    };
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
    let Some(claim) = claimed else {
        return Ok(());
    };
    let Claim {
        mut tx,
        stored,
        policy,
        reason,
        decision,
        now,
    } = claim;
    if let Decision::Request { because } | Decision::No { because } = decision {
        return Err(AppError::CannotCancel { because }.into());
    }

    let o = &stored.order;
    let open: Vec<(i64, String, i64, i64)> = stored
        .lines
        .iter()
        .map(|l| {
            (
                l.id,
                l.sku.clone(),
                i64::from(quantities(l).open()),
                l.unit_price,
            )
        })
        .filter(|(_, _, n, _)| *n > 0)
        .collect();
    handling_store::cancel_order(&mut tx, o.id, "customer", Some(&reason), now).await?;
    if policy.restock {
        for (_, sku, n, _) in &open {
            handling_store::restock(&mut tx, sku, *n, now).await?;
        }
    }
    let event = OrderEvent::OrderCancelled {
        reason: Some(CancelReason::CustomerRequest),
        restocked: policy.restock,
    };
    orders::append_event(&mut tx, o.id, now, Actor::Shopper, &event).await?;
    if let Some(amount) = refund_of(&stored)?.filter(|m| m.minor > 0) {
        let lines: Vec<(i64, i64, i64)> =
            open.iter().map(|(id, _, n, p)| (*id, *n, n * p)).collect();
        handling_store::insert_refund(
            &mut tx,
            o.id,
            &o.currency,
            "customer_cancelled",
            &lines,
            now,
        )
        .await?;
        let refund = OrderEvent::RefundCreated { amount };
        orders::append_event(&mut tx, o.id, now, Actor::System, &refund).await?;
    }
    outbox_email::queue_noted(
        &mut tx,
        o.id,
        &EmailPayload::Cancelled { order_id: o.id },
        now,
    )
    .await?;
    let notice = EmailPayload::ShopNotice {
        order_id: o.id,
        about: Notice::Cancelled,
    };
    outbox_email::queue_noted(&mut tx, o.id, &notice, now).await?;
    webhooks::emit_order(&mut tx, "order.cancelled", o.id, now).await?;
    tx.commit().await?;
    tracing::info!(order_id = o.id, "cancelled by the shopper");
    Ok(())
}
