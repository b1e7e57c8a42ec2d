use super::stage::hold_text;
use crate::api::views::TimelineEntry;
use crate::domain::{BackorderChoice, OrderEvent};
use crate::i18n::{fill, format_datetime, format_money, Locale, Texts};
use crate::ui::use_texts;
use leptos::prelude::*;

pub fn describe(t: &'static Texts, locale: Locale, event: &OrderEvent) -> String {
    match event {
        OrderEvent::OrderPlaced => t.event_order_placed.into(),
        OrderEvent::PaymentConfirmed => t.event_payment_confirmed.into(),
        OrderEvent::HoldPlaced { reason, .. } => {
            fill(t.event_hold_placed, &[("reason", hold_text(t, *reason))])
        }
        OrderEvent::HoldReleased => t.event_hold_released.into(),
        OrderEvent::Shipped {
            carrier: Some(c), ..
        } => fill(t.event_shipped_with, &[("carrier", c)]),
        OrderEvent::Shipped { carrier: None, .. } => t.event_shipped.into(),
        OrderEvent::Delivered => t.event_delivered.into(),
        OrderEvent::OrderCancelled { .. } => t.event_order_cancelled.into(),
        OrderEvent::LineCancelled { title, quantity } => fill(
            t.event_line_cancelled,
            &[("n", &quantity.to_string()), ("item", title)],
        ),
        OrderEvent::RefundCreated { amount } => fill(
            t.event_refund_created,
            &[("amount", &format_money(locale, *amount))],
        ),
        OrderEvent::RefundConfirmed { amount } => fill(
            t.event_refund_confirmed,
            &[("amount", &format_money(locale, *amount))],
        ),
        OrderEvent::CancellationRequested { .. } => t.event_cancellation_requested.into(),
        OrderEvent::CancellationRejected { message } => {
            fill(t.event_cancellation_rejected, &[("message", message)])
        }
        OrderEvent::UpdatedByShop { fields } => {
            fill(t.event_updated_by_shop, &[("fields", &fields.join(", "))])
        }
        OrderEvent::BackorderChoiceMade { title, choice } => {
            let text = match choice {
                BackorderChoice::ShipAvailableNow => t.event_backorder_ship_now,
                BackorderChoice::Wait | BackorderChoice::Cancelled => t.event_backorder_wait,
            };
            fill(text, &[("item", title)])
        }
        OrderEvent::DelayNoticeSent { title } => fill(t.event_delay_notice, &[("item", title)]),
        OrderEvent::DelayAccepted { title } => fill(t.event_delay_keep_waiting, &[("item", title)]),
        OrderEvent::ConfirmationEmailQueued | OrderEvent::EmailQueued { .. } => String::new(),
    }
}

/// The shopper's history of the order, newest first.
#[component]
pub fn Timeline(entries: Vec<TimelineEntry>, locale: Locale) -> impl IntoView {
    let t = use_texts();
    let items = entries
        .into_iter()
        .rev()
        .map(|entry| {
            let when = format_datetime(t, entry.at);
            view! {
                <li>
                    <span class="when">{when}</span>
                    <span class="what">{describe(t, locale, &entry.event)}</span>
                </li>
            }
        })
        .collect_view();
    view! {
        <section class="card" aria-labelledby="timeline-heading">
            <h2 id="timeline-heading">{t.timeline_heading}</h2>
            <ol class="timeline" data-testid="timeline">{items}</ol>
        </section>
    }
}
