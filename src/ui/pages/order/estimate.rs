//! When the order ships and arrives: the current estimate, what was promised when it differs,
//! and what "not known yet" means.

use crate::api::views::{EstimateView, LineView};
use crate::domain::estimate::LineEstimate;
use crate::i18n::{fill, format_date_short, format_estimate, format_ship_window, Texts};
use crate::ui::use_texts;
use leptos::prelude::*;

/// The order's estimate under the stage title.
#[component]
pub fn OrderEstimate(estimate: EstimateView) -> impl IntoView {
    let t = use_texts();
    let Some(ship) = estimate.ship else {
        return view! {
            <div class="estimate estimate-unknown" data-testid="estimate">
                <p class="estimate-main">{t.estimate_unknown}</p>
                <p class="muted">{t.estimate_unknown_body}</p>
            </div>
        }
        .into_any();
    };
    let now = format_estimate(t, ship, estimate.delivery);
    let promised = estimate.promised_ship.map(|p| {
        let delivery = estimate
            .promised_delivery
            .filter(|_| estimate.delivery.is_some());
        format_estimate(t, p, delivery)
    });
    let was = promised.filter(|p| *p != now).map(|p| {
        view! {
            <p class="estimate-was muted" data-testid="estimate-was">
                {fill(t.estimate_originally, &[("estimate", &p)])}
            </p>
        }
    });
    view! {
        <div class="estimate" data-testid="estimate">
            <p class="estimate-main">{now}</p>
            {was}
        </div>
    }
    .into_any()
}

/// The line's own ship-by note for the items table, when something of it is left to ship.
pub fn line_note(t: &'static Texts, line: &LineView) -> Option<String> {
    match line.estimate {
        LineEstimate::NotCounted => None,
        LineEstimate::Unknown => Some(t.line_ship_unknown.to_owned()),
        LineEstimate::Ships(w) => {
            let now = format_ship_window(t, w);
            match line.promised.filter(|p| *p != w) {
                Some(p) => {
                    let range = if p.earliest == p.latest {
                        format_date_short(t, p.earliest)
                    } else {
                        format!(
                            "{} – {}",
                            format_date_short(t, p.earliest),
                            format_date_short(t, p.latest)
                        )
                    };
                    let was = fill(t.line_originally, &[("window", &range)]);
                    Some(format!("{now} ({was})"))
                }
                None => Some(now),
            }
        }
    }
}
