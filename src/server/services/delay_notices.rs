//! Delay notices (DESIGN §5.3): when a line waiting for stock slips past its promised window
//! by more than the shop's threshold — or 30 days pass with no restock date — the shopper is
//! emailed the new date with two one-click answers, "keep waiting" and "cancel and refund".
//!
//! The check runs periodically in every instance and right after a restock date changes. It
//! is safe to run anywhere at once: a notice row is unique per line and slip, and inserting it
//! is the claim, so exactly one instance queues the email.

use super::backorder_settings;
use super::backorders;
use super::cancellation::refund_of;
use super::estimates::{self, stored_window};
use super::order_view::quantities;
use super::{ServiceError, ServiceResult};
use crate::api::delay::{NoticeState, NoticeView};
use crate::api::{AppError, Field};
use crate::domain::backorder::{self, notice_due, NoticeAnswer, Slip};
use crate::domain::estimate::LineEstimate;
use crate::domain::{Actor, BackorderChoice, InputProblem, Lifecycle, OrderEvent};
use crate::server::mail::outbox_email::{self, EmailPayload};
use crate::server::state::AppState;
use crate::server::store::backorders::{self as store, NewNotice, NoticeRow};
use crate::server::store::handling::lock;
use crate::server::store::rows::StoredOrder;
use crate::server::store::{millis, orders, timestamp, Conn};
use crate::server::tokens::{hash_token, looks_like_token, new_token};
use crate::server::webhooks;
use jiff::Timestamp;
use std::time::Duration;
use tokio::sync::watch;

/// Runs the check every `delay_check_secs` until `shutdown` changes.
pub async fn run(state: AppState, mut shutdown: watch::Receiver<bool>) {
    let every = Duration::from_secs(state.settings.delay_check_secs.max(1));
    loop {
        if let Err(e) = check(&state, None, state.now()).await {
            tracing::error!(error = %e, "delay check failed");
        }
        tokio::select! {
            _ = tokio::time::sleep(every) => {}
            _ = shutdown.changed() => return,
        }
        if *shutdown.borrow() {
            return;
        }
    }
}

/// A product's restock date or processing time changed: the lines waiting for it are checked
/// at once. The change itself is saved whatever happens here (the periodic check catches up).
pub async fn after_product_change(state: &AppState, sku: &str) {
    if let Err(e) = check(state, Some(sku), state.now()).await {
        tracing::error!(error = %e, sku, "delay check after a product change failed");
    }
}

/// Looks at every open line waiting for stock (or only those of product `sku`) and sends the
/// notices that are due at `now` (the server's clock, or a test's); returns how many were sent.
#[tracing::instrument(skip(state))]
pub async fn check(state: &AppState, sku: Option<&str>, now: Timestamp) -> ServiceResult<usize> {
    let order_ids = {
        let mut conn = state.db.read().await?;
        let settings = backorder_settings::current(&mut conn).await?;
        if !settings.delay_notices {
            return Ok(0);
        }
        store::waiting_orders(&mut conn, sku).await?
    };
    let mut sent = 0;
    for order_id in order_ids {
        sent += check_order(state, order_id, now).await?;
    }
    if sent > 0 {
        tracing::info!(sent, "delay notices queued");
    }
    Ok(sent)
}

/// `now_ts` is the moment the rules judge; what is written is stamped with the server's clock.
async fn check_order(state: &AppState, order_id: i64, now_ts: Timestamp) -> ServiceResult<usize> {
    let now = millis(state.now());
    let mut tx = state.db.begin().await?;
    let Some(order) = orders::find_by_id(&mut tx, order_id).await? else {
        return Ok(0);
    };
    let settings = backorder_settings::current(&mut tx).await?;
    let stored = orders::load(&mut tx, order, false).await?;
    let current = estimates::current(&mut tx, &stored).await?;
    let placed_at = timestamp(stored.order.placed_at)?;
    let expires_at = now + i64::from(state.settings.delay_answer_days) * 86_400_000;
    let mut sent = 0;
    for (i, line) in stored.lines.iter().enumerate() {
        let waiting = quantities(line).waiting_for_stock() > 0;
        if !waiting || line.backorder_choice == BackorderChoice::Cancelled.as_str() {
            continue;
        }
        let window = match current.lines.get(i) {
            Some(LineEstimate::Ships(w)) => Some(*w),
            Some(LineEstimate::Unknown) => None,
            _ => continue,
        };
        let promised = stored_window(&line.promised_ship_earliest, &line.promised_ship_latest);
        let last = store::last_notice(&mut tx, line.id)
            .await?
            .and_then(|n| Slip::parse(&n.notice_key));
        let due = notice_due(
            &settings,
            promised.map(|w| w.latest),
            window.map(|w| w.latest),
            placed_at,
            now_ts,
            last,
        );
        let Some(slip) = due else { continue };
        let notice = NewNotice {
            order_id,
            line_id: line.id,
            key: &slip.key(),
            ship: window.map(|w| (w.earliest.to_string(), w.latest.to_string())),
            now,
            expires_at,
        };
        let Some(notice_id) = store::insert_notice(&mut tx, &notice).await? else {
            continue; // another instance sent it
        };
        let event = OrderEvent::DelayNoticeSent {
            title: line.title.clone(),
        };
        orders::append_event(&mut tx, order_id, now, Actor::System, &event).await?;
        let email = EmailPayload::DelayNotice {
            order_id,
            notice_id,
        };
        outbox_email::queue_noted(&mut tx, order_id, &email, now).await?;
        let detail = serde_json::json!({
            "delay_notice": {
                "line_id": line.id,
                "sku": line.sku,
                "ship_by": window.map(|w| serde_json::json!({
                    "earliest": w.earliest.to_string(),
                    "latest": w.latest.to_string(),
                })),
            }
        });
        webhooks::emit_order_with(&mut tx, "order.delay_notice", order_id, detail, now).await?;
        sent += 1;
    }
    tx.commit().await?;
    Ok(sent)
}

/// The raw link tokens of a notice's two answers, minted when its email is rendered (only
/// their hashes are stored, next to the outbox row they were made for).
pub async fn mint_links(
    conn: &mut Conn,
    notice_id: i64,
    outbox_id: i64,
) -> ServiceResult<(String, String)> {
    let keep = new_token();
    let cancel = new_token();
    for (token, answer) in [
        (&keep, NoticeAnswer::KeepWaiting),
        (&cancel, NoticeAnswer::Cancel),
    ] {
        store::insert_link(
            conn,
            &hash_token(token),
            notice_id,
            answer.as_str(),
            outbox_id,
        )
        .await?;
    }
    Ok((keep, cancel))
}

pub async fn notice(conn: &mut Conn, id: i64) -> ServiceResult<NoticeRow> {
    store::find_notice(conn, id)
        .await?
        .ok_or_else(|| ServiceError::Other(format!("delay notice {id} is gone")))
}

/// A link's notice and answer; `None` for anything that is not one of our links.
async fn resolve(conn: &mut Conn, token: &str) -> ServiceResult<Option<(NoticeRow, NoticeAnswer)>> {
    if !looks_like_token(token) {
        return Ok(None);
    }
    let Some((notice_id, action)) = store::link(conn, &hash_token(token)).await? else {
        return Ok(None);
    };
    let answer = NoticeAnswer::parse(&action)
        .ok_or_else(|| ServiceError::Other(format!("delay link with action {action}")))?;
    Ok(Some((notice(conn, notice_id).await?, answer)))
}

fn line_of(stored: &StoredOrder, line_id: i64) -> ServiceResult<usize> {
    stored
        .lines
        .iter()
        .position(|l| l.id == line_id)
        .ok_or_else(|| ServiceError::Other(format!("line {line_id} is gone")))
}

/// What a notice link's page shows.
pub async fn view(state: &AppState, token: &str) -> ServiceResult<NoticeView> {
    let mut conn = state.db.read().await?;
    let Some((notice, answer)) = resolve(&mut conn, token).await? else {
        return Ok(NoticeView::invalid());
    };
    let order = orders::find_by_id(&mut conn, notice.order_id)
        .await?
        .ok_or_else(|| ServiceError::Other("delay notice without its order".into()))?;
    let stored = orders::load(&mut conn, order, false).await?;
    let index = line_of(&stored, notice.line_id)?;
    let line = &stored.lines[index];
    let waiting = quantities(line).waiting_for_stock();
    let state_now = if let Some(given) = notice.answer.as_deref().and_then(NoticeAnswer::parse) {
        NoticeState::Answered(given)
    } else if notice.expires_at <= millis(state.now()) {
        NoticeState::Expired
    } else if waiting == 0 || stored.order.lifecycle != Lifecycle::Open.as_str() {
        NoticeState::NotWaiting
    } else {
        NoticeState::Open
    };
    let quantity = if waiting > 0 {
        waiting
    } else {
        u32::try_from(line.quantity).unwrap_or(0)
    };
    Ok(NoticeView {
        state: state_now,
        answer,
        number: stored.order.number.clone(),
        title: line.title.clone(),
        line_id: line.id,
        quantity,
        refund: refund_of(&stored, &[(line, quantity)])?,
    })
}

/// Answers a notice through one of its links, once: only that answer, only for that line. A
/// repeat of an answer already given changes nothing and succeeds.
#[tracing::instrument(skip_all)]
pub async fn answer(state: &AppState, token: &str, line_id: i64) -> ServiceResult<()> {
    let now = millis(state.now());
    let mut tx = state.db.begin().await?;
    let Some((notice, answer)) = resolve(&mut tx, token).await? else {
        return Err(AppError::NotFound.into());
    };
    if notice.line_id != line_id {
        return Err(AppError::invalid(Field::Line, InputProblem::Wrong).into());
    }
    if let Some(given) = notice.answer.as_deref() {
        return if given == answer.as_str() {
            Ok(())
        } else {
            Err(AppError::Conflict.into())
        };
    }
    if notice.expires_at <= now {
        return Err(AppError::Expired.into());
    }
    // Serialises with the shopper's page, the shop's fulfilment and the other link.
    lock(&mut tx, notice.order_id, None, now).await?;
    if !store::answer_notice(&mut tx, notice.id, answer.as_str(), now).await? {
        // Answered while this request waited for the lock: a double click succeeds, the other
        // link of the same notice does not.
        let given = store::find_notice(&mut tx, notice.id)
            .await?
            .and_then(|n| n.answer);
        return if given.as_deref() == Some(answer.as_str()) {
            Ok(())
        } else {
            Err(AppError::Conflict.into())
        };
    }
    let order = orders::find_by_id(&mut tx, notice.order_id)
        .await?
        .ok_or(AppError::NotFound)?;
    let stored = orders::load(&mut tx, order, false).await?;
    let index = line_of(&stored, line_id)?;
    let (lifecycle, facts) = backorders::facts(&stored)?;
    // A notice always offers cancelling, whatever the page offers.
    let settings = backorder::BackorderSettings {
        offer_cancel: true,
        ..backorder_settings::current(&mut tx).await?
    };
    let line = &stored.lines[index];
    match answer {
        NoticeAnswer::KeepWaiting => {
            backorder::check(lifecycle, &facts, index, &settings, BackorderChoice::Wait)
                .map_err(|because| AppError::CannotChoose { because })?;
            let event = OrderEvent::DelayAccepted {
                title: line.title.clone(),
            };
            orders::append_event(&mut tx, stored.order.id, now, Actor::Shopper, &event).await?;
            let detail = serde_json::json!({
                "backorder_choice": {
                    "line_id": line.id,
                    "sku": line.sku,
                    "choice": facts[index].choice.as_str(),
                    "delay_notice_answer": answer.as_str(),
                    "quantity": facts[index].quantities.waiting_for_stock(),
                }
            });
            let order_id = stored.order.id;
            webhooks::emit_order_with(&mut tx, "order.backorder_choice", order_id, detail, now)
                .await?;
        }
        NoticeAnswer::Cancel => {
            backorder::check(
                lifecycle,
                &facts,
                index,
                &settings,
                BackorderChoice::Cancelled,
            )
            .map_err(|because| AppError::CannotChoose { because })?;
            backorders::apply(
                &mut tx,
                &stored,
                index,
                BackorderChoice::Cancelled,
                Actor::Shopper,
                now,
            )
            .await?;
        }
    }
    tx.commit().await?;
    tracing::info!(
        notice_id = notice.id,
        answer = answer.as_str(),
        "delay notice answered"
    );
    Ok(())
}
