//! The merchant's view of one order: the shopper's verified view plus versions, ids, the
//! active hold with its note, and the whole timeline with who did what.

use super::order_view::{self, quantities};
use super::{ServiceError, ServiceResult};
use crate::api::admin_order::{
    AdminBackorder, AdminEvent, AdminHold, AdminLine, AdminNotice, AdminOrder, AdminRequest,
};
use crate::api::views::Access;
use crate::api::AppError;
use crate::domain::backorder::NoticeAnswer;
use crate::domain::processing::parse_date;
use crate::domain::{
    fulfilment_status, Actor, BackorderChoice, FulfilmentState, HoldReason, Lifecycle,
    LineQuantities, Money, OrderEvent, OrderFacts, OrderNumber, PaymentStatus,
};
use crate::server::state::AppState;
use crate::server::store::backorders::{self, NoticeRow};
use crate::server::store::rows::StoredOrder;
use crate::server::store::{orders, requests, timestamp};

fn corrupt(what: &str) -> ServiceError {
    ServiceError::Other(format!("stored order has an invalid {what}"))
}

fn actor(text: &str) -> Actor {
    match text {
        "shopper" => Actor::Shopper,
        "merchant" => Actor::Merchant,
        "integration" => Actor::Integration,
        _ => Actor::System,
    }
}

pub async fn load(state: &AppState, number: &str) -> ServiceResult<AdminOrder> {
    let number = OrderNumber::parse(number).map_err(|_| AppError::NotFound)?;
    let mut conn = state.db.read().await?;
    let row = orders::find_by_number(&mut conn, number.as_str())
        .await?
        .ok_or(AppError::NotFound)?;
    let stored = orders::load(&mut conn, row, false).await?;
    let request = requests::pending(&mut conn, stored.order.id).await?;
    let estimate = super::estimates::current(&mut conn, &stored).await?;
    let chosen = backorders::choice_times(&mut conn, stored.order.id).await?;
    let notices = backorders::notices_of_order(&mut conn, stored.order.id).await?;
    drop(conn);
    let backorders = backorder_lines(state, &stored, &chosen, &notices)?;
    let request = request
        .map(|r| {
            Ok::<_, ServiceError>(AdminRequest {
                reason: r.reason,
                at: state.local(timestamp(r.created_at)?),
            })
        })
        .transpose()?;

    let view = order_view::build(state, &stored, Access::Verified, &estimate)?;
    let o = &stored.order;
    let lifecycle = Lifecycle::parse(&o.lifecycle).ok_or_else(|| corrupt("lifecycle"))?;
    let payment = PaymentStatus::parse(&o.payment_status).ok_or_else(|| corrupt("payment"))?;
    let q: Vec<LineQuantities> = stored.lines.iter().map(quantities).collect();
    let parcels: Vec<FulfilmentState> = stored
        .fulfilments
        .iter()
        .map(|f| FulfilmentState::parse(&f.status).ok_or_else(|| corrupt("parcel")))
        .collect::<Result<_, _>>()?;
    let hold = stored
        .active_hold
        .as_ref()
        .map(|h| {
            Ok::<_, ServiceError>(AdminHold {
                reason: HoldReason::parse(&h.reason).unwrap_or(HoldReason::Other),
                note: h.note.clone(),
                placed_at: state.local(timestamp(h.placed_at)?),
            })
        })
        .transpose()?;
    let fulfilment = fulfilment_status(&OrderFacts {
        lifecycle,
        payment,
        lines: &q,
        fulfilments: &parcels,
        active_hold: hold.as_ref().map(|h| h.reason),
        cancellation_requested: stored.cancellation_requested,
    });
    let refundable_minor: i64 = stored
        .lines
        .iter()
        .zip(&q)
        .map(|(l, q)| l.unit_price * i64::from(q.open()))
        .sum();
    let timeline = stored
        .events
        .iter()
        .filter_map(|e| {
            let event: OrderEvent = serde_json::from_str(&e.data).ok()?;
            Some((e, event))
        })
        .map(|(e, event)| {
            Ok(AdminEvent {
                at: state.local(timestamp(e.at)?),
                actor: actor(&e.actor),
                user: e.actor_email.clone(),
                event,
            })
        })
        .collect::<ServiceResult<Vec<_>>>()?;
    Ok(AdminOrder {
        request,
        version: o.version,
        email: o.email.clone(),
        lifecycle,
        fulfilment,
        lines: stored
            .lines
            .iter()
            .zip(&q)
            .map(|(l, q)| AdminLine {
                id: l.id,
                open: q.open(),
            })
            .collect(),
        shipment_ids: stored.fulfilments.iter().map(|f| f.id).collect(),
        hold,
        refundable: Money::new(refundable_minor, view.totals.total.currency),
        backorders,
        timeline,
        view,
    })
}

/// The lines that wait for stock, or whose shopper chose something other than waiting, or that
/// were sent a delay notice: with the choice, when it was made, and every notice's answer.
fn backorder_lines(
    state: &AppState,
    stored: &StoredOrder,
    chosen: &[(i64, Option<i64>)],
    notices: &[NoticeRow],
) -> ServiceResult<Vec<AdminBackorder>> {
    let local = |ms: Option<i64>| {
        ms.map(|ms| timestamp(ms).map(|at| state.local(at)))
            .transpose()
    };
    let mut lines = Vec::new();
    for line in &stored.lines {
        let choice = BackorderChoice::parse(&line.backorder_choice)
            .ok_or_else(|| corrupt("backorder choice"))?;
        let notices: Vec<AdminNotice> = notices
            .iter()
            .filter(|n| n.line_id == line.id)
            .map(|n| {
                Ok(AdminNotice {
                    sent_at: state.local(timestamp(n.created_at)?),
                    ship_latest: n.ship_latest.as_deref().and_then(parse_date),
                    answer: n.answer.as_deref().and_then(NoticeAnswer::parse),
                    answered_at: local(n.answered_at)?,
                })
            })
            .collect::<ServiceResult<_>>()?;
        if line.quantity_backordered == 0 && choice == BackorderChoice::Wait && notices.is_empty() {
            continue;
        }
        let chosen_at = chosen
            .iter()
            .find(|(id, _)| *id == line.id)
            .and_then(|(_, at)| *at);
        lines.push(AdminBackorder {
            title: line.title.clone(),
            waiting: quantities(line).waiting_for_stock(),
            choice,
            chosen_at: local(chosen_at)?,
            notices,
        });
    }
    Ok(lines)
}
