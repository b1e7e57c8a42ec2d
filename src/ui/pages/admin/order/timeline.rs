//! Everything that happened to the order, newest first, with who did it.

use super::forms::{cancel_reason_label, hold_reason_label};
use crate::api::admin_order::AdminEvent;
use crate::domain::{Actor, OrderEvent};
use crate::i18n::{fill, format_datetime, Locale, Texts};
use crate::ui::pages::order::timeline::describe;
use crate::ui::use_texts;
use leptos::prelude::*;

fn actor_label(t: &'static Texts, actor: Actor) -> &'static str {
    match actor {
        Actor::Shopper => t.actor_shopper,
        Actor::Merchant => t.actor_merchant,
        Actor::Integration => t.actor_integration,
        Actor::System => t.actor_system,
    }
}

/// The merchant's wording: merchant-only details (hold notes, cancel reasons, emails) included.
fn describe_for_shop(t: &'static Texts, locale: Locale, event: &OrderEvent) -> String {
    match event {
        OrderEvent::HoldPlaced { reason, note } => {
            let held = fill(
                t.event_held_by_shop,
                &[("reason", hold_reason_label(t, *reason))],
            );
            match note {
                Some(note) => format!("{held} — {}", fill(t.event_hold_note, &[("note", note)])),
                None => held,
            }
        }
        OrderEvent::OrderCancelled {
            reason: Some(reason),
            ..
        } => fill(
            t.event_cancelled_by_shop,
            &[("reason", cancel_reason_label(t, *reason))],
        ),
        OrderEvent::ConfirmationEmailQueued => t.event_confirmation_email_queued.into(),
        OrderEvent::EmailQueued { template } => {
            fill(t.event_email_queued, &[("template", template)])
        }
        other => describe(t, locale, other),
    }
}

#[component]
pub fn AdminTimeline(entries: Vec<AdminEvent>, locale: Locale) -> impl IntoView {
    let t = use_texts();
    let items = entries
        .into_iter()
        .rev()
        .map(|e| {
            let who = match &e.user {
                Some(user) => format!("{} · {user}", actor_label(t, e.actor)),
                None => actor_label(t, e.actor).to_owned(),
            };
            view! {
                <li>
                    <span class="when">{format_datetime(t, e.at)}" · "{who}</span>
                    <span class="what">{describe_for_shop(t, locale, &e.event)}</span>
                </li>
            }
        })
        .collect_view();
    view! {
        <section class="card" aria-labelledby="admin-timeline-heading">
            <h2 id="admin-timeline-heading">{t.admin_timeline_heading}</h2>
            <ol class="timeline" data-testid="admin-timeline">{items}</ol>
        </section>
    }
}
