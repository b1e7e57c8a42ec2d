use crate::api::views::ShipmentView;
use crate::domain::FulfilmentState;
use crate::i18n::{fill, format_date, Texts};
use crate::ui::use_texts;
use leptos::prelude::*;

/// Where a parcel is: being packed, shipped on a date, or delivered on a date.
pub fn state_text(t: &'static Texts, s: &ShipmentView) -> String {
    match (s.state, s.delivered_at, s.shipped_at) {
        (FulfilmentState::Delivered, Some(at), _) => fill(
            t.shipment_delivered_at,
            &[("date", &format_date(t, at.date()))],
        ),
        (FulfilmentState::InProgress, _, _) | (_, _, None) => t.shipment_in_progress.to_string(),
        (_, _, Some(at)) => fill(
            t.shipment_shipped_at,
            &[("date", &format_date(t, at.date()))],
        ),
    }
}

#[component]
pub fn Shipments(shipments: Vec<ShipmentView>) -> impl IntoView {
    let t = use_texts();
    let body = if shipments.is_empty() {
        view! { <p class="muted">{t.no_shipments_yet}</p> }.into_any()
    } else {
        shipments
            .into_iter()
            .enumerate()
            .map(|(i, s)| {
                let title = fill(t.shipment_title, &[("n", &(i + 1).to_string())]);
                let state = state_text(t, &s);
                let tracking = s.tracking_number.clone().map(|n| {
                    view! { <p class="muted small">{fill(t.shipment_tracking_number, &[("number", &n)])}</p> }
                });
                let link = s.tracking_url.clone().map(|url| view! {
                    <a class="button" href=url rel="noopener noreferrer" target="_blank">{t.shipment_track}</a>
                });
                let items = s
                    .items
                    .into_iter()
                    .map(|item| view! { <li>{format!("{} × {}", item.quantity, item.title)}</li> })
                    .collect_view();
                view! {
                    <article class="shipment">
                        <h3>{title}{s.carrier.map(|c| format!(" · {c}"))}</h3>
                        <p class="shipment-state">{state}</p>
                        <ul class="plain">{items}</ul>
                        {tracking}
                        {link}
                    </article>
                }
            })
            .collect_view()
            .into_any()
    };
    view! {
        <section class="card" aria-labelledby="shipments-heading">
            <h2 id="shipments-heading">{t.shipments_heading}</h2>
            {body}
        </section>
    }
}
