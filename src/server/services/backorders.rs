//! Backorder choices (DESIGN §5.3): for each line waiting for stock the shopper chooses to wait,
//! to have what is in stock shipped first, or to cancel the waiting units for a partial refund.
//! Each choice claims the order at the version the page showed, so a double submit, a retry or
//! a race with the shop's fulfilment applies once.

use super::backorder_settings;
use super::cancel_effects::{self, Cancellation, Scope};
use super::cancellation::refund_of;
use super::estimates;
use super::order_view::quantities;
use super::shopper_claim::{self, Held};
use super::{ServiceError, ServiceResult};
use crate::api::views::{BackorderLine, BackorderView};
use crate::api::{AppError, Field};
use crate::domain::backorder::{self, LineFacts};
use crate::domain::estimate::LineEstimate;
use crate::domain::{
    Actor, BackorderChoice, CancelReason, Currency, InputProblem, Lifecycle, OrderEvent,
};
use crate::server::mail::outbox_email::{self, EmailPayload, Notice};
use crate::server::state::AppState;
use crate::server::store::rows::StoredOrder;
use crate::server::store::{backorders, orders, Conn, LazyConn};
use crate::server::web::Ctx;
use crate::server::webhooks;

fn corrupt(what: &str) -> ServiceError {
    ServiceError::Other(format!("stored order has an invalid {what}"))
}

/// The order's lines as the choice rules see them.
pub fn facts(s: &StoredOrder) -> ServiceResult<(Lifecycle, Vec<LineFacts>)> {
    let lifecycle = Lifecycle::parse(&s.order.lifecycle).ok_or_else(|| corrupt("lifecycle"))?;
    let lines = s
        .lines
        .iter()
        .map(|l| {
            Ok(LineFacts {
                quantities: quantities(l),
                choice: BackorderChoice::parse(&l.backorder_choice)
                    .ok_or_else(|| corrupt("backorder choice"))?,
                locked: s.locked(&l.sku),
            })
        })
        .collect::<ServiceResult<_>>()?;
    Ok((lifecycle, lines))
}

/// The backorder card of a verified order page; `None` when no line waits for stock.
pub async fn view(
    state: &AppState,
    conn: &mut LazyConn<'_>,
    s: &StoredOrder,
) -> ServiceResult<Option<BackorderView>> {
    // Most orders have nothing waiting: answered without a query.
    let open = Lifecycle::parse(&s.order.lifecycle) == Some(Lifecycle::Open);
    let anything_waits = s.lines.iter().any(|l| {
        quantities(l).waiting_for_stock() > 0
            && l.backorder_choice != BackorderChoice::Cancelled.as_str()
    });
    if !open || !anything_waits {
        return Ok(None);
    }
    let (lifecycle, facts) = facts(s)?;
    let waiting: Vec<usize> = (0..s.lines.len())
        .filter(|i| facts[*i].quantities.waiting_for_stock() > 0)
        .filter(|i| facts[*i].choice != BackorderChoice::Cancelled)
        .collect();
    if waiting.is_empty() || lifecycle != Lifecycle::Open {
        return Ok(None);
    }
    let settings = state.views.backorders(conn).await?;
    let shop = state.views.shop(conn).await?;
    let current = estimates::for_order(&shop, s)?;
    let mut lines = Vec::new();
    for i in waiting {
        let line = &s.lines[i];
        let n = facts[i].quantities.waiting_for_stock();
        lines.push(BackorderLine {
            line_id: line.id,
            title: line.title.clone(),
            ordered: facts[i].quantities.ordered,
            waiting: n,
            restock: estimates::restock_of(s, &line.sku),
            estimate: current
                .lines
                .get(i)
                .copied()
                .unwrap_or(LineEstimate::NotCounted),
            choice: facts[i].choice,
            options: backorder::options(lifecycle, &facts, i, &settings),
            refund: refund_of(s, &[(line, n)])?,
        });
    }
    let currency = Currency::parse(&s.order.currency).map_err(|_| corrupt("currency"))?;
    Ok(Some(BackorderView {
        version: s.order.version,
        lines,
        first_shipment: estimates::first_shipment(&shop, s, state.now())?,
        ship_now_fee: settings.fee_for(currency),
    }))
}

/// The shopper's choice for one line, once. Choosing what is already chosen changes nothing;
/// a repeat of a submit that went through answers as it did then.
#[tracing::instrument(skip_all)]
pub async fn choose(
    ctx: &Ctx,
    raw_number: &str,
    version: i64,
    line_id: i64,
    raw_choice: &str,
) -> ServiceResult<()> {
    let wanted = BackorderChoice::parse(raw_choice)
        .ok_or(AppError::invalid(Field::Choice, InputProblem::Required))?;
    let Held {
        mut tx, order, now, ..
    } = match shopper_claim::claim(ctx, raw_number, version, async |conn, current| {
        let stored = orders::load(conn, current, false).await?;
        Ok(stored
            .lines
            .iter()
            .any(|l| l.id == line_id && l.backorder_choice == wanted.as_str()))
    })
    .await?
    {
        Some(held) => held,
        None => return Ok(()),
    };
    let stored = orders::load(&mut tx, order, false).await?;
    let index = stored
        .lines
        .iter()
        .position(|l| l.id == line_id)
        .ok_or(AppError::invalid(Field::Line, InputProblem::Wrong))?;
    let settings = backorder_settings::current(&mut tx).await?;
    let (lifecycle, facts) = facts(&stored)?;
    backorder::check(lifecycle, &facts, index, &settings, wanted)
        .map_err(|because| AppError::CannotChoose { because })?;
    if facts[index].choice == wanted {
        // Nothing changes; the version bump is dropped with the transaction.
        return Ok(());
    }
    apply(&mut tx, &stored, index, wanted, Actor::Shopper, now).await?;
    tx.commit().await?;
    tracing::info!(
        order_id = stored.order.id,
        line_id,
        choice = wanted.as_str(),
        "backorder choice"
    );
    Ok(())
}

/// Makes `wanted` the choice of line `index` inside the caller's transaction, which holds the
/// order's lock and has checked the choice is allowed: the timeline, the emails to the shopper
/// and the shop where money or shipments change, and the webhooks.
pub async fn apply(
    conn: &mut Conn,
    s: &StoredOrder,
    index: usize,
    wanted: BackorderChoice,
    actor: Actor,
    now: i64,
) -> ServiceResult<()> {
    let line = &s.lines[index];
    let order_id = s.order.id;
    backorders::set_choice(conn, line.id, wanted.as_str(), now).await?;
    if wanted == BackorderChoice::Cancelled {
        let cancellation = Cancellation {
            scope: Scope::Backordered(line.id),
            actor,
            actor_id: None,
            by: "shopper",
            reason: "customer",
            event_reason: CancelReason::CustomerRequest,
            shopper_reason: None,
            restock: false,
            refund_reason: "backorder_cancelled",
            email_shopper: true,
            notify_shop: true,
            now,
        };
        cancel_effects::apply(conn, s, &cancellation).await?;
    } else {
        let event = OrderEvent::BackorderChoiceMade {
            title: line.title.clone(),
            choice: wanted,
        };
        orders::append_event(conn, order_id, now, actor, &event).await?;
        let email = EmailPayload::BackorderChoice {
            order_id,
            line_id: line.id,
            choice: wanted,
        };
        outbox_email::queue_noted(conn, order_id, &email, now).await?;
        let notice = EmailPayload::ShopNotice {
            order_id,
            about: if wanted == BackorderChoice::ShipAvailableNow {
                Notice::BackorderShipNow
            } else {
                Notice::BackorderWait
            },
            cancellation_id: None,
            line_id: Some(line.id),
        };
        outbox_email::queue_noted(conn, order_id, &notice, now).await?;
    }
    let detail = serde_json::json!({
        "backorder_choice": {
            "line_id": line.id,
            "sku": line.sku,
            "choice": wanted.as_str(),
            "quantity": quantities(line).waiting_for_stock(),
        }
    });
    webhooks::emit_order_with(conn, "order.backorder_choice", order_id, detail, now).await?;
    Ok(())
}
