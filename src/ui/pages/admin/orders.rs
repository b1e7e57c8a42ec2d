use crate::api::admin::{
    admin_orders, ListBackorder, ListNotice, ListStatus, OrderFilter, OrderList,
};
use crate::domain::backorder::NoticeAnswer;
use crate::domain::BackorderChoice;
use crate::i18n::{fill, format_datetime, format_money, Texts};
use crate::ui::{page_locale, use_texts};
use leptos::prelude::*;
use leptos_meta::Title;
use leptos_router::hooks::use_query_map;

fn filter_label(t: &'static Texts, filter: OrderFilter) -> &'static str {
    match filter {
        OrderFilter::All => t.filter_all,
        OrderFilter::Open => t.filter_open,
        OrderFilter::Unfulfilled => t.filter_unfulfilled,
        OrderFilter::Backordered => t.filter_backordered,
        OrderFilter::OnHold => t.filter_on_hold,
        OrderFilter::Requested => t.filter_requested,
        OrderFilter::Cancelled => t.filter_cancelled,
    }
}

fn status_label(t: &'static Texts, status: ListStatus) -> &'static str {
    match status {
        ListStatus::Cancelled => t.list_cancelled,
        ListStatus::CancellationRequested => t.list_requested,
        ListStatus::OnHold => t.list_on_hold,
        ListStatus::WaitingForStock => t.list_waiting,
        ListStatus::NotYetShipped => t.list_unshipped,
        ListStatus::Shipped => t.list_shipped,
    }
}

/// "2 × Wool blanket: waits · notice sent, no answer".
fn backorder_summary(t: &'static Texts, line: &ListBackorder) -> String {
    let choice = match line.choice {
        BackorderChoice::Wait => t.list_backorder_waits,
        BackorderChoice::ShipAvailableNow => t.list_backorder_ship_now,
        BackorderChoice::Cancelled => t.admin_notice_answer_cancel,
    };
    let summary = fill(
        t.list_backorder_line,
        &[
            ("n", &line.waiting.to_string()),
            ("item", &line.title),
            ("choice", choice),
        ],
    );
    let notice = match line.notice {
        None => return summary,
        Some(ListNotice::Unanswered) => t.list_notice_unanswered,
        Some(ListNotice::Answered(NoticeAnswer::KeepWaiting)) => t.admin_notice_answer_keep,
        Some(ListNotice::Answered(NoticeAnswer::Cancel)) => t.admin_notice_answer_cancel,
    };
    fill(
        t.list_backorder_notice,
        &[("line", &summary), ("notice", notice)],
    )
}

/// `/admin/orders?filter=…&q=…&after=…`: a plain GET form, so it works without JavaScript.
#[component]
pub fn AdminOrdersPage() -> impl IntoView {
    let t = use_texts();
    let query = use_query_map();
    let param = move |name: &str| query.read().get(name).unwrap_or_default();
    let orders = Resource::new(
        move || (param("filter"), param("q"), param("after")),
        |(filter, q, after)| admin_orders(filter, q, after),
    );
    view! {
        <Title text=t.admin_orders_title/>
        <super::AdminNav current="/admin/orders"/>
        <h1>{t.admin_orders_title}</h1>
        <form method="get" action="/admin/orders" class="filters">
            <div class="field">
                <label for="filter">{t.admin_filter_label}</label>
                <select id="filter" name="filter">
                    {OrderFilter::ALL.into_iter().map(|f| view! {
                        <option value=f.as_str() selected=move || OrderFilter::parse(&param("filter")) == f>
                            {filter_label(t, f)}
                        </option>
                    }).collect_view()}
                </select>
            </div>
            <div class="field">
                <label for="q">{t.admin_search_label}</label>
                <input id="q" name="q" type="search" maxlength="254" value=move || param("q") aria-describedby="q-hint"/>
                <p class="hint" id="q-hint">{t.admin_search_hint}</p>
            </div>
            <button type="submit" class="button">{t.admin_apply}</button>
        </form>
        {super::admin_loaded(orders, move |list| view! { <OrdersTable list filter=param("filter") q=param("q")/> })}
    }
}

#[component]
fn OrdersTable(list: OrderList, filter: String, q: String) -> impl IntoView {
    let t = use_texts();
    let locale = page_locale();
    if list.rows.is_empty() {
        return view! { <p class="card">{t.admin_no_orders}</p> }.into_any();
    }
    // The column only when an order on this page waits for stock.
    let with_backorders = list.rows.iter().any(|row| !row.backorders.is_empty());
    let rows = list
        .rows
        .into_iter()
        .map(|row| {
            let backorders = with_backorders.then(|| {
                let lines = row
                    .backorders
                    .iter()
                    .map(|line| view! { <span class="line small">{backorder_summary(t, line)}</span> })
                    .collect_view();
                view! { <td data-testid="backorder-summary">{lines}</td> }
            });
            view! {
            <tr>
                <th scope="row"><a href=format!("/admin/orders/{}", row.number)>{row.number.clone()}</a></th>
                <td><span class="line">{row.customer_name}</span><span class="muted small line">{row.email}</span></td>
                <td class="nowrap">{format_datetime(t, row.placed_at)}</td>
                <td>{status_label(t, row.status)}</td>
                <td class="num">{format_money(locale, row.total)}</td>
                {backorders}
            </tr>
            }
        })
        .collect_view();
    let next = list.next.map(|cursor| {
        let href = format!(
            "/admin/orders?filter={}&q={}&after={cursor}",
            OrderFilter::parse(&filter).as_str(),
            encode(&q)
        );
        view! { <p><a class="button" href=href rel="next">{t.admin_next_page}</a></p> }
    });
    view! {
        <div class="card table-scroll">
            <table class="data" data-testid="orders">
                <thead>
                    <tr>
                        <th scope="col">{t.column_order}</th>
                        <th scope="col">{t.column_customer}</th>
                        <th scope="col">{t.column_placed}</th>
                        <th scope="col">{t.column_status}</th>
                        <th scope="col" class="num">{t.line_total_column}</th>
                        {with_backorders.then(|| view! { <th scope="col">{t.admin_backorder_column}</th> })}
                    </tr>
                </thead>
                <tbody>{rows}</tbody>
            </table>
        </div>
        {next}
    }
    .into_any()
}

/// Percent-encodes a query value.
fn encode(value: &str) -> String {
    value
        .bytes()
        .map(|b| match b {
            b'A'..=b'Z' | b'a'..=b'z' | b'0'..=b'9' | b'-' | b'.' | b'_' | b'~' => {
                (b as char).to_string()
            }
            _ => format!("%{b:02X}"),
        })
        .collect()
}
