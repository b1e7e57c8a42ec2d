//! `/admin/reports`: cancellations by reason and by time since the order was placed, estimate
//! accuracy and backorders, over a period chosen with a plain GET form (works without
//! JavaScript), as charts plus the numbers.

mod backorders;

use super::order::forms::cancel_reason_label;
use crate::api::reports::{
    get_accuracy, get_backorder_report, get_reports, AccuracyReport, CancellationReport,
    ReportReason, PERIODS,
};
use crate::i18n::{fill, Texts};
use crate::ui::components::BarChart;
use crate::ui::use_texts;
use leptos::prelude::*;
use leptos_meta::Title;
use leptos_router::hooks::use_query_map;

fn reason_label(t: &'static Texts, reason: &ReportReason) -> String {
    match reason {
        ReportReason::Shopper { label: Some(label) } => label.clone(),
        ReportReason::Shopper { label: None } => t.cancel_reason_other.to_owned(),
        ReportReason::Shop { reason } => {
            let why = reason.map_or(t.cancel_reason_other, |r| cancel_reason_label(t, r));
            fill(t.reports_by_shop, &[("reason", why)])
        }
    }
}

/// "42 %" of `total` (nothing to share of zero).
fn share(count: i64, total: i64) -> String {
    if total == 0 {
        return "–".into();
    }
    format!("{} %", (count * 100 + total / 2) / total)
}

#[component]
pub fn AdminReportsPage() -> impl IntoView {
    let t = use_texts();
    let query = use_query_map();
    let days = move || {
        query
            .read()
            .get("days")
            .and_then(|d| d.parse::<u32>().ok())
            .filter(|d| PERIODS.contains(d))
            .unwrap_or(30)
    };
    let report = Resource::new(days, get_reports);
    let accuracy = Resource::new(days, get_accuracy);
    let backorder_report = Resource::new(days, get_backorder_report);
    let options = move || {
        let chosen = days();
        PERIODS
            .iter()
            .map(|d| {
                let label = fill(t.reports_last_days, &[("n", &d.to_string())]);
                view! { <option value=d.to_string() selected=*d == chosen>{label}</option> }
            })
            .collect_view()
    };
    view! {
        <Title text=t.reports_title/>
        <super::AdminNav current="/admin/reports"/>
        <h1>{t.reports_title}</h1>
        <form method="get" class="inline-form card">
            <label for="report-days">{t.reports_period}</label>
            <select id="report-days" name="days">{options}</select>
            <button type="submit" class="button">{t.reports_show}</button>
        </form>
        {super::admin_loaded(report, move |report| view! { <Cancellations report/> })}
        {super::admin_loaded(accuracy, move |report| view! { <Accuracy report/> })}
        {super::admin_loaded(backorder_report, move |report| view! { <backorders::Backorders report/> })}
    }
}

/// Tenths of a day as "1.5".
fn tenths(t: &'static Texts, n: i64) -> String {
    format!("{}{}{}", n / 10, t.decimal_separator, n % 10)
}

#[component]
fn Accuracy(report: AccuracyReport) -> impl IntoView {
    let t = use_texts();
    let o = report.orders;
    let total = o.total();
    let summary = if total == 0 {
        t.reports_accuracy_none.to_owned()
    } else {
        let mut text = fill(
            t.reports_accuracy_summary,
            &[
                ("count", &total.to_string()),
                ("inside", &share(o.inside, total)),
                ("early", &o.early.to_string()),
                ("late", &o.late.to_string()),
            ],
        );
        if o.late > 0 {
            let days = tenths(t, o.average_days_late_tenths());
            text.push(' ');
            text.push_str(&fill(t.reports_accuracy_late_by, &[("days", &days)]));
        }
        text
    };
    let rows: Vec<(String, i64)> = vec![
        (t.reports_early.to_owned(), o.early),
        (t.reports_inside.to_owned(), o.inside),
        (t.reports_late.to_owned(), o.late),
    ];
    let products = report
        .by_product
        .into_iter()
        .map(|p| {
            let n = p.tally.total();
            view! {
                <tr>
                    <th scope="row">{p.title}<span class="item-sku muted">{p.sku}</span></th>
                    <td class="num">{n.to_string()}</td>
                    <td class="num">{share(p.tally.inside, n)}</td>
                    <td class="num">{p.tally.early.to_string()}</td>
                    <td class="num">{p.tally.late.to_string()}</td>
                    <td class="num">{tenths(t, p.tally.average_days_late_tenths())}</td>
                </tr>
            }
        })
        .collect_view();
    let details = (total > 0).then(|| {
        view! {
            <section class="card" aria-labelledby="by-punctuality">
                <h3 id="by-punctuality">{t.reports_punctuality}</h3>
                <BarChart title=t.reports_punctuality rows=rows.clone()/>
                <CountTable label=t.reports_column_when rows total count_label=t.reports_column_orders/>
            </section>
            <section class="card" aria-labelledby="by-product">
                <h3 id="by-product">{t.reports_by_product}</h3>
                <div class="table-scroll">
                    <table class="data" data-testid="accuracy-products">
                        <thead><tr>
                            <th scope="col">{t.reports_column_product}</th>
                            <th scope="col" class="num">{t.reports_column_shipped}</th>
                            <th scope="col" class="num">{t.reports_inside}</th>
                            <th scope="col" class="num">{t.reports_early}</th>
                            <th scope="col" class="num">{t.reports_late}</th>
                            <th scope="col" class="num">{t.reports_column_days_late}</th>
                        </tr></thead>
                        <tbody>{products}</tbody>
                    </table>
                </div>
            </section>
        }
    });
    view! {
        <h2>{t.reports_accuracy_heading}</h2>
        <p data-testid="accuracy-summary">{summary}</p>
        {details}
    }
}

#[component]
fn Cancellations(report: CancellationReport) -> impl IntoView {
    let t = use_texts();
    let total = report.total;
    let summary = if total == 0 {
        t.reports_none.to_owned()
    } else {
        fill(
            t.reports_total,
            &[
                ("count", &total.to_string()),
                ("shopper", &report.by_shoppers.to_string()),
            ],
        )
    };
    let reasons: Vec<(String, i64)> = report
        .by_reason
        .iter()
        .map(|(reason, count)| (reason_label(t, reason), *count))
        .collect();
    let ages = [
        t.reports_age_15m,
        t.reports_age_1h,
        t.reports_age_1d,
        t.reports_age_7d,
        t.reports_age_later,
    ];
    let ages: Vec<(String, i64)> = ages
        .iter()
        .zip(&report.by_age)
        .map(|(label, count)| ((*label).to_owned(), *count))
        .collect();
    let charts = (total > 0).then(|| {
        view! {
            <section class="card" aria-labelledby="by-reason">
                <h3 id="by-reason">{t.reports_by_reason}</h3>
                <BarChart title=t.reports_by_reason rows=reasons.clone()/>
                <CountTable label=t.reports_column_reason rows=reasons total count_label=t.reports_column_count/>
            </section>
            <section class="card" aria-labelledby="by-age">
                <h3 id="by-age">{t.reports_by_age}</h3>
                <BarChart title=t.reports_by_age rows=ages.clone()/>
                <CountTable label=t.reports_column_time rows=ages total count_label=t.reports_column_count/>
            </section>
        }
    });
    view! {
        <h2>{t.reports_cancellations_heading}</h2>
        <p data-testid="report-summary">{summary}</p>
        {charts}
    }
}

#[component]
fn CountTable(
    label: &'static str,
    count_label: &'static str,
    rows: Vec<(String, i64)>,
    total: i64,
) -> impl IntoView {
    let t = use_texts();
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
        <table class="data">
            <thead><tr>
                <th scope="col">{label}</th>
                <th scope="col" class="num">{count_label}</th>
                <th scope="col" class="num">{t.reports_column_share}</th>
            </tr></thead>
            <tbody>{body}</tbody>
        </table>
    }
}
