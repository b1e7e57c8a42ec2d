//! What a cancellation does, whoever asked for it (the shopper, the shop, its system): inside
//! the caller's transaction, which already holds the order's lock, it cancels the order or one
//! line's open units, puts them back in stock, records a refund for what was paid, writes the
//! timeline and queues the emails and the webhook. Deciding *whether* is the caller's job.

use super::order_view::quantities;
use super::{ServiceError, ServiceResult};
use crate::api::AppError;
use crate::domain::{Actor, CancelReason, Currency, Money, OrderEvent, PaymentStatus};
use crate::server::mail::outbox_email::{self, EmailPayload, Notice};
use crate::server::store::cancellations::{self, NewCancellation};
use crate::server::store::handling as store;
use crate::server::store::rows::{LineRow, StoredOrder};
use crate::server::store::{orders, Conn};
use crate::server::webhooks;

/// What is cancelled.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Scope {
    Order,
    /// All open units of the line with this id. When no other line has anything open and
    /// nothing has shipped, the whole order is cancelled instead.
    Line(i64),
    /// The units of the line with this id that wait for stock (the shopper's backorder
    /// opt-out). When they are all that is left of the order, the whole order is cancelled.
    Backordered(i64),
}

/// Who cancels, why, and who hears about it.
pub struct Cancellation<'a> {
    pub scope: Scope,
    pub actor: Actor,
    /// The merchant user or API token, when one acted.
    pub actor_id: Option<i64>,
    /// Names the actor on released holds, e.g. `merchant:3`.
    pub by: &'a str,
    /// The order's reason code: `customer` for the shopper, else the shop's `CancelReason`.
    pub reason: &'a str,
    pub event_reason: CancelReason,
    /// The shopper's pick from the shop's list, and its text (label plus their own words).
    pub shopper_reason: Option<(&'a str, &'a str)>,
    pub restock: bool,
    /// Stored on the refund record, e.g. `customer_cancelled`.
    pub refund_reason: &'a str,
    pub email_shopper: bool,
    pub notify_shop: bool,
    pub now: i64,
}

fn corrupt(what: &str) -> ServiceError {
    ServiceError::Other(format!("stored order has an invalid {what}"))
}

/// Applies the cancellation; returns the id of its record. A line with nothing open is
/// refused as a bad request (the callers' decisions rule that out).
pub async fn apply(conn: &mut Conn, s: &StoredOrder, c: &Cancellation<'_>) -> ServiceResult<i64> {
    let units = |l: &LineRow| match c.scope {
        Scope::Backordered(id) if l.id == id => quantities(l).waiting_for_stock(),
        _ => quantities(l).open(),
    };
    let open: Vec<(i64, &str, i64, i64)> = s
        .lines
        .iter()
        .map(|l| (l.id, l.sku.as_str(), i64::from(units(l)), l.unit_price))
        .filter(|(_, _, n, _)| *n > 0)
        .collect();
    let line = match c.scope {
        Scope::Order => None,
        Scope::Backordered(id) => {
            let line = s.lines.iter().find(|l| l.id == id);
            let Some(line) = line.filter(|l| quantities(l).waiting_for_stock() > 0) else {
                return Err(AppError::BadRequest.into());
            };
            let nothing_shipped = s.lines.iter().all(|l| l.quantity_fulfilled == 0);
            let all_that_is_left = quantities(line).open() == quantities(line).waiting_for_stock()
                && s.lines
                    .iter()
                    .all(|l| l.id == id || quantities(l).open() == 0);
            (!(nothing_shipped && all_that_is_left)).then_some(id)
        }
        Scope::Line(id) => {
            if !open.iter().any(|(l, ..)| *l == id) {
                return Err(AppError::BadRequest.into());
            }
            let nothing_shipped = s.lines.iter().all(|l| l.quantity_fulfilled == 0);
            let last_open = open.iter().all(|(l, ..)| *l == id);
            (!(nothing_shipped && last_open)).then_some(id)
        }
    };
    let cancelled: Vec<_> = match line {
        Some(id) => open.into_iter().filter(|(l, ..)| *l == id).collect(),
        None => open,
    };
    effects(conn, s, c, &cancelled, line).await
}

async fn effects(
    conn: &mut Conn,
    s: &StoredOrder,
    c: &Cancellation<'_>,
    cancelled: &[(i64, &str, i64, i64)],
    line: Option<i64>,
) -> ServiceResult<i64> {
    let o = &s.order;
    let (order_id, now) = (o.id, c.now);
    let note = c.shopper_reason.map(|(_, text)| text);
    let event = match line {
        None => {
            store::cancel_order(conn, order_id, c.reason, note, now).await?;
            store::release_holds(conn, order_id, c.by, now).await?;
            OrderEvent::OrderCancelled {
                reason: Some(c.event_reason),
                restocked: c.restock,
            }
        }
        Some(line_id) => {
            let (_, _, n, _) = cancelled[0];
            store::cancel_line(conn, line_id, n).await?;
            let title = s
                .lines
                .iter()
                .find(|l| l.id == line_id)
                .map(|l| l.title.clone());
            OrderEvent::LineCancelled {
                title: title.unwrap_or_default(),
                quantity: u32::try_from(n).map_err(|_| corrupt("quantity"))?,
            }
        }
    };
    if c.restock {
        for (_, sku, n, _) in cancelled {
            store::restock(conn, sku, *n, now).await?;
        }
    }
    orders::append_event_by(conn, order_id, now, c.actor, c.actor_id, &event).await?;

    let payment = PaymentStatus::parse(&o.payment_status).ok_or_else(|| corrupt("payment"))?;
    let paid = matches!(
        payment,
        PaymentStatus::Paid | PaymentStatus::Authorized | PaymentStatus::PartiallyRefunded
    );
    let refund: Vec<(i64, i64, i64)> = cancelled
        .iter()
        .map(|(id, _, n, price)| (*id, *n, n * price))
        .collect();
    let amount: i64 = refund.iter().map(|(_, _, a)| a).sum();
    let refunded = if paid && amount > 0 {
        store::insert_refund(conn, order_id, &o.currency, c.refund_reason, &refund, now).await?;
        let currency = Currency::parse(&o.currency).map_err(|_| corrupt("currency"))?;
        let event = OrderEvent::RefundCreated {
            amount: Money::new(amount, currency),
        };
        orders::append_event(conn, order_id, now, Actor::System, &event).await?;
        amount
    } else {
        0
    };
    let record = NewCancellation {
        order_id,
        line_id: line,
        quantity: cancelled.iter().map(|(_, _, n, _)| n).sum(),
        actor: c.actor.as_str(),
        reason: c.reason,
        shopper_reason: c.shopper_reason.map(|(code, _)| code),
        note,
        refund_amount: refunded,
        now,
    };
    let id = cancellations::insert(conn, &record).await?;

    if c.email_shopper {
        let email = match line {
            None => EmailPayload::Cancelled {
                order_id,
                by_shopper: c.actor == Actor::Shopper,
            },
            Some(_) => EmailPayload::LineCancelled {
                order_id,
                cancellation_id: id,
            },
        };
        outbox_email::queue_noted(conn, order_id, &email, now).await?;
    }
    if c.notify_shop {
        let notice = EmailPayload::ShopNotice {
            order_id,
            about: if line.is_some() {
                Notice::LineCancelled
            } else {
                Notice::Cancelled
            },
            cancellation_id: Some(id),
            line_id: None,
        };
        outbox_email::queue_noted(conn, order_id, &notice, now).await?;
    }
    match line {
        None => webhooks::emit_order(conn, "order.cancelled", order_id, now).await?,
        Some(line_id) => {
            let detail = serde_json::json!({
                "line_cancellation": {
                    "line_id": line_id,
                    "quantity": record.quantity,
                    "refund_amount": refunded,
                    "reason": c.shopper_reason.map(|(code, _)| code).unwrap_or(c.reason),
                }
            });
            webhooks::emit_order_with(conn, "order.line_cancelled", order_id, detail, now).await?
        }
    }
    Ok(id)
}
