//! The order's backordered lines as the shop sees them: what still waits, what the shopper
//! chose and when, and every delay notice with its answer.

use crate::api::admin_order::{AdminBackorder, AdminNotice};
use crate::domain::backorder::NoticeAnswer;
use crate::domain::BackorderChoice;
use crate::i18n::{fill, format_date, format_datetime, Texts};
use crate::ui::use_texts;
use leptos::prelude::*;

fn choice_label(t: &'static Texts, choice: BackorderChoice) -> &'static str {
    match choice {
        BackorderChoice::Wait => t.backorder_choice_wait,
        BackorderChoice::ShipAvailableNow => t.backorder_choice_ship_now,
        BackorderChoice::Cancelled => t.backorder_choice_cancelled,
    }
}

/// "Delay notice Tue 24 Nov 2026 — keeps waiting (Wed 25 Nov 2026, 10:12)".
fn notice_text(t: &'static Texts, notice: &AdminNotice) -> String {
    let sent = fill(
        t.admin_notice_sent,
        &[("date", &format_date(t, notice.sent_at.date()))],
    );
    let answer = match notice.answer {
        None => t.admin_notice_answer_none,
        Some(NoticeAnswer::KeepWaiting) => t.admin_notice_answer_keep,
        Some(NoticeAnswer::Cancel) => t.admin_notice_answer_cancel,
    };
    match (notice.answer, notice.answered_at) {
        (Some(_), Some(at)) => fill(
            t.admin_notice_answered,
            &[
                ("notice", &sent),
                ("answer", answer),
                ("date", &format_datetime(t, at)),
            ],
        ),
        _ => fill(
            t.admin_notice_unanswered,
            &[("notice", &sent), ("answer", answer)],
        ),
    }
}

fn notices_view(t: &'static Texts, notices: Vec<AdminNotice>) -> AnyView {
    if notices.is_empty() {
        return view! { <span class="muted">{t.admin_order_backorders_no_notices}</span> }
            .into_any();
    }
    let items = notices
        .into_iter()
        .map(|n| {
            let ship_by = n.ship_latest.map(|date| {
                let text = fill(t.admin_notice_ship_by, &[("date", &format_date(t, date))]);
                view! { <span class="line muted small">{text}</span> }
            });
            view! { <li>{notice_text(t, &n)}{ship_by}</li> }
        })
        .collect_view();
    view! { <ul class="plain">{items}</ul> }.into_any()
}

#[component]
pub fn BackordersCard(lines: Vec<AdminBackorder>) -> impl IntoView {
    let t = use_texts();
    let rows = lines
        .into_iter()
        .map(|line| {
            let chosen_at = line.chosen_at.map(|at| {
                let text = fill(
                    t.admin_order_backorders_chosen_at,
                    &[("date", &format_datetime(t, at))],
                );
                view! { <span class="line muted small">{text}</span> }
            });
            view! {
                <tr>
                    <th scope="row">{line.title}</th>
                    <td class="num">{line.waiting.to_string()}</td>
                    <td><span class="line">{choice_label(t, line.choice)}</span>{chosen_at}</td>
                    <td>{notices_view(t, line.notices)}</td>
                </tr>
            }
        })
        .collect_view();
    view! {
        <section class="card" aria-labelledby="backorders-heading" data-testid="admin-backorders">
            <h2 id="backorders-heading">{t.admin_order_backorders_heading}</h2>
            <div class="table-scroll">
                <table class="data">
                    <thead><tr>
                        <th scope="col">{t.item_column}</th>
                        <th scope="col" class="num">{t.admin_order_backorders_waiting}</th>
                        <th scope="col">{t.admin_order_backorders_choice}</th>
                        <th scope="col">{t.admin_order_backorders_notices}</th>
                    </tr></thead>
                    <tbody>{rows}</tbody>
                </table>
            </div>
        </section>
    }
}
