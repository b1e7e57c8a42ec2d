//! `/orders/{number}`: the order as the current session may see it.

mod backorder;
mod cancel;
mod code;
pub(crate) mod details;
pub mod estimate;
pub(crate) mod items;
pub(crate) mod shipments;
pub(crate) mod stage;
pub(crate) mod timeline;

use crate::api::order::get_order;
use crate::api::views::{Access, OrderPage, OrderView};
use crate::api::AppError;
use crate::i18n::{fill, format_datetime, plural};
use crate::ui::components::{LookupForm, Notice};
use crate::ui::{page_locale, use_texts};
use leptos::either::EitherOf3;
use leptos::prelude::*;
use leptos_meta::Title;
use leptos_router::hooks::use_params_map;

#[component]
pub fn OrderStatusPage() -> impl IntoView {
    let t = use_texts();
    // Read once: the page is rendered on the server only (islands), so its number never
    // changes under it, and a one-shot resource is all it needs (lighter than a `Resource`
    // that tracks its source).
    let number = use_params_map()
        .read_untracked()
        .get("number")
        .unwrap_or_default();
    let order = OnceResource::new(get_order(number.clone()));
    view! {
        <Suspense fallback=move || view! { <p class="muted" role="status">{t.order_loading}</p> }>
            {move || {
                let number = number.clone();
                Suspend::new(async move {
                    match order.await {
                        Ok(page) => EitherOf3::A(view! { <OrderDetails page/> }),
                        Err(AppError::Forbidden) => EitherOf3::B(view! { <LockedOrder number/> }),
                        Err(error) => EitherOf3::C(view! {
                            <Title text=t.error_title/>
                            <section class="card narrow">
                                <h1>{t.error_title}</h1>
                                <p>{error.message(t)}</p>
                            </section>
                        }),
                    }
                })
            }}
        </Suspense>
    }
}

/// No grant for this order in this session (or no such order: the page cannot tell).
#[component]
fn LockedOrder(number: String) -> impl IntoView {
    let t = use_texts();
    let body = fill(t.order_locked_body, &[("number", &number)]);
    view! {
        <Title text=t.order_locked_title/>
        <section class="card narrow">
            <h1>{t.order_locked_title}</h1>
            <p class="lead">{body}</p>
            <LookupForm prefill_number=Some(number)/>
        </section>
    }
}

#[component]
fn OrderDetails(page: OrderPage) -> impl IntoView {
    let t = use_texts();
    // Words, dates and amounts in the page's language (the order's own unless the visitor
    // picked another one with the language switcher).
    let locale = page_locale();
    // Taken apart, so each card gets its own part of the order without a copy.
    let OrderView {
        number,
        placed_at,
        stage,
        payment,
        lines,
        shipments,
        timeline,
        totals,
        shipping_method,
        estimate,
        contact_email,
        customer_name,
        shipping_address,
        ..
    } = page.order;
    let title = fill(t.order_title, &[("number", &number)]);
    let placed = fill(
        t.order_placed_at,
        &[("date", &format_datetime(t, placed_at))],
    );
    let units: u32 = lines.iter().map(|l| l.quantities.ordered).sum();
    let count = plural(i64::from(units), t.item_count_one, t.item_count_other);
    let query = leptos_router::hooks::use_query_map();
    let done = move || {
        let text = match query.read().get("done").as_deref() {
            Some("cancelled") => t.done_order_cancelled,
            Some("line_cancelled") => t.done_line_cancelled,
            Some("requested") => t.done_request_sent,
            Some("backorder_saved") => t.done_backorder_saved,
            Some("backorder_cancelled") => t.done_backorder_cancelled,
            _ => return None,
        };
        Some(view! { <Notice tone="success"><p>{text}</p></Notice> })
    };
    let limited = (page.access == Access::Redacted).then(|| {
        view! { <Notice tone="info"><p>{t.order_access_limited}</p></Notice> }
    });
    let code = (page.access == Access::Redacted).then(|| {
        view! { <code::CodeCard number=number.clone() masked_email=contact_email.clone()/> }
    });
    let backorders = page.backorders.map(|view| {
        view! { <backorder::BackorderCard number=number.clone() view locale/> }
    });
    let cancel = page.cancellation.map(|view| {
        view! { <cancel::CancelCard number=number.clone() view locale/> }
    });
    view! {
        <Title text=title.clone()/>
        <div class="order-head">
            <h1>{title}</h1>
            <p class="muted">{placed}" · "{count}</p>
        </div>
        <div role="status" aria-live="polite">{done}</div>
        {limited}
        {code}
        <div class="order-grid">
            <div class="order-main">
                <stage::StageCard stage estimate/>
                <items::Items lines totals locale/>
                {backorders}
                <shipments::Shipments shipments/>
                {cancel}
            </div>
            <aside class="order-side">
                <details::Details
                    payment
                    shipping_method
                    shipping_address
                    customer_name
                    contact_email
                />
                <timeline::Timeline entries=timeline locale/>
            </aside>
        </div>
    }
}
