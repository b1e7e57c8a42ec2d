//! The reports' backorder section: the opt-out rate over orders placed in the period, and the
//! choices shoppers made and their answers to delay notices, as one chart plus the numbers.

use super::share;
use crate::api::reports::BackorderReport;
use crate::domain::backorder::NoticeAnswer;
use crate::domain::BackorderChoice;
use crate::i18n::{fill, Texts};
use crate::ui::components::BarChart;
use crate::ui::use_texts;
use leptos::prelude::*;

fn choice_label(t: &'static Texts, choice: BackorderChoice) -> &'static str {
    match choice {
        BackorderChoice::Wait => t.reports_choice_wait,
        BackorderChoice::ShipAvailableNow => t.reports_choice_ship_now,
        BackorderChoice::Cancelled => t.reports_choice_cancel,
    }
}

fn answer_label(t: &'static Texts, answer: Option<NoticeAnswer>) -> &'static str {
    match answer {
        Some(NoticeAnswer::KeepWaiting) => t.reports_notice_keep,
        Some(NoticeAnswer::Cancel) => t.reports_notice_cancel,
        None => t.reports_notice_none,
    }
}

#[component]
pub fn Backorders(report: BackorderReport) -> impl IntoView {
    let t = use_texts();
    let heading = view! { <h2>{t.reports_backorders_heading}</h2> };
    if report.is_empty() {
        return view! {
            {heading}
            <p data-testid="backorder-report-summary">{t.reports_backorders_none}</p>
        }
        .into_any();
    }
    let summary = fill(
        t.reports_backorders_opt_out,
        &[
            ("rate", &share(report.opted_out, report.backordered_lines)),
            ("cancelled", &report.opted_out.to_string()),
            ("lines", &report.backordered_lines.to_string()),
        ],
    );
    let choices: Vec<(String, i64)> = report
        .choices
        .iter()
        .map(|(c, n)| (choice_label(t, *c).to_owned(), *n))
        .collect();
    let notices: Vec<(String, i64)> = report
        .notices
        .iter()
        .map(|(a, n)| (answer_label(t, *a).to_owned(), *n))
        .collect();
    let any = choices.iter().chain(&notices).any(|(_, n)| *n > 0);
    let outcomes = if any {
        let chart: Vec<(String, i64)> = choices.iter().chain(&notices).cloned().collect();
        view! {
            <section class="card" aria-labelledby="backorder-outcomes">
                <h3 id="backorder-outcomes">{t.reports_backorders_outcomes}</h3>
                <BarChart title=t.reports_backorders_outcomes rows=chart/>
                <table class="data" data-testid="backorder-outcomes">
                    <thead><tr>
                        <th scope="col">{t.reports_column_outcome}</th>
                        <th scope="col" class="num">{t.reports_column_number}</th>
                        <th scope="col" class="num">{t.reports_column_share}</th>
                    </tr></thead>
                    <Group caption=t.reports_backorders_choices rows=choices/>
                    <Group caption=t.reports_backorders_notices rows=notices/>
                </table>
            </section>
        }
        .into_any()
    } else {
        view! { <p>{t.reports_backorders_no_outcomes}</p> }.into_any()
    };
    view! {
        {heading}
        <p data-testid="backorder-report-summary">{summary}</p>
        <p class="muted small">{t.reports_backorders_definition}</p>
        {outcomes}
    }
    .into_any()
}

/// One group of the table, each count with its share of the group.
#[component]
fn Group(caption: &'static str, rows: Vec<(String, i64)>) -> impl IntoView {
    let total: i64 = rows.iter().map(|(_, n)| n).sum();
    let body = rows
        .into_iter()
        .map(|(name, count)| {
            view! {
                <tr>
                    <th scope="row">{name}</th>
                    <td class="num">{count.to_string()}</td>
                    <td class="num">{share(count, total)}</td>
                </tr>
            }
        })
        .collect_view();
    view! {
        <tbody>
            <tr><th scope="rowgroup" colspan="3">{caption}</th></tr>
            {body}
        </tbody>
    }
}
