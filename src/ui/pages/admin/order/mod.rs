//! `/admin/orders/{number}`: one order with everything the shop can do to it. The forms shown
//! follow the same domain rules the server enforces; the server has the last word.

mod backorders;
pub(super) mod forms;
mod request;
mod timeline;

use crate::api::admin_order::{
    get_admin_order, AdminAnswerRequest, AdminCancel, AdminMarkDelivered, AdminOrder,
    AdminPlaceHold, AdminReleaseHold, AdminShip,
};
use crate::api::AppError;
use crate::domain::{FulfilmentState, FulfilmentStatus, Handling, LineQuantities};
use crate::i18n::{fill, format_datetime, Texts};
use crate::ui::components::Notice;
use crate::ui::pages::order::estimate::OrderEstimate;
use crate::ui::pages::order::{details::payment_text, items::Items, stage::stage_title};
use crate::ui::{page_locale, use_texts};
use leptos::either::EitherOf3;
use leptos::prelude::*;
use leptos_meta::Title;
use leptos_router::components::Redirect;
use leptos_router::hooks::{use_params_map, use_query_map};

/// The actions of the page, shared so a finished one reloads the order.
#[derive(Clone, Copy)]
pub(super) struct Actions {
    pub hold: ServerAction<AdminPlaceHold>,
    pub release: ServerAction<AdminReleaseHold>,
    pub ship: ServerAction<AdminShip>,
    pub deliver: ServerAction<AdminMarkDelivered>,
    pub cancel: ServerAction<AdminCancel>,
    pub answer: ServerAction<AdminAnswerRequest>,
}

impl Actions {
    fn new() -> Self {
        Self {
            hold: ServerAction::new(),
            release: ServerAction::new(),
            ship: ServerAction::new(),
            deliver: ServerAction::new(),
            cancel: ServerAction::new(),
            answer: ServerAction::new(),
        }
    }

    fn versions(&self) -> [usize; 6] {
        [
            self.hold.version().get(),
            self.release.version().get(),
            self.ship.version().get(),
            self.deliver.version().get(),
            self.cancel.version().get(),
            self.answer.version().get(),
        ]
    }
}

fn fulfilment_text(t: &'static Texts, status: FulfilmentStatus) -> &'static str {
    match status {
        FulfilmentStatus::Unfulfilled => t.fstatus_unfulfilled,
        FulfilmentStatus::PartiallyFulfilled => t.fstatus_partially_fulfilled,
        FulfilmentStatus::Fulfilled => t.fstatus_fulfilled,
        FulfilmentStatus::OnHold => t.fstatus_on_hold,
    }
}

fn done_text(t: &'static Texts, done: &str) -> Option<&'static str> {
    Some(match done {
        "hold_placed" => t.done_hold_placed,
        "hold_released" => t.done_hold_released,
        "shipped" => t.done_shipped,
        "delivered" => t.done_delivered,
        "cancelled" => t.done_cancelled,
        "request_approved" => t.done_request_approved,
        "request_rejected" => t.done_request_rejected,
        _ => return None,
    })
}

#[component]
pub fn AdminOrderPage() -> impl IntoView {
    let t = use_texts();
    let params = use_params_map();
    let query = use_query_map();
    let number = move || params.read().get("number").unwrap_or_default();
    let actions = Actions::new();
    let order = Resource::new(
        move || (number(), query.read().get("done"), actions.versions()),
        |(number, _, _)| get_admin_order(number),
    );
    let done = move || {
        let done = query.read().get("done")?;
        done_text(t, &done).map(|text| view! { <Notice tone="success"><p>{text}</p></Notice> })
    };
    view! {
        <crate::ui::pages::admin::AdminNav current=""/>
        <p><a href="/admin/orders">{t.admin_back_to_orders}</a></p>
        <div role="status" aria-live="polite">{done}</div>
        <Suspense fallback=|| ()>
            {move || Suspend::new(async move {
                match order.await {
                    Ok(order) => EitherOf3::A(view! { <OrderAdmin order actions/> }),
                    Err(AppError::Unauthorized) => EitherOf3::B(view! { <Redirect path="/admin/login"/> }),
                    Err(e) => EitherOf3::C(view! {
                        <Title text=t.error_title/>
                        <section class="card narrow"><h1>{t.error_title}</h1><p role="alert">{e.message(t)}</p></section>
                    }),
                }
            })}
        </Suspense>
    }
}

#[component]
fn OrderAdmin(order: AdminOrder, actions: Actions) -> impl IntoView {
    let t = use_texts();
    let view_ = &order.view;
    let title = fill(t.admin_order_title, &[("number", &view_.number)]);
    let placed = fill(
        t.order_placed_at,
        &[("date", &format_datetime(t, view_.placed_at))],
    );
    let quantities: Vec<LineQuantities> = view_.lines.iter().map(|l| l.quantities).collect();
    let rules = Handling {
        lifecycle: order.lifecycle,
        on_hold: order.hold.is_some(),
        lines: &quantities,
    };
    let everything_open: Vec<u32> = quantities.iter().map(LineQuantities::open).collect();
    let can_ship = rules.ship(&everything_open).is_ok();
    let can_hold = rules.place_hold().is_ok();
    let can_release = rules.release_hold().is_ok();
    let can_cancel = rules.cancel().is_ok();
    let deliverable: Vec<(usize, i64)> = view_
        .shipments
        .iter()
        .zip(&order.shipment_ids)
        .enumerate()
        .filter(|(_, (s, _))| s.state == FulfilmentState::Shipped)
        .map(|(i, (_, id))| (i, *id))
        .collect();
    let (number, version) = (view_.number.clone(), order.version);
    view! {
        <Title text=title.clone()/>
        <div class="order-head">
            <h1>{title}</h1>
            <p class="muted">{placed}</p>
            <p class="badges">
                <span class="badge">{stage_title(t, view_.stage)}</span>
                {(fulfilment_text(t, order.fulfilment) != stage_title(t, view_.stage)).then(|| view! {
                    <span class="badge">{fulfilment_text(t, order.fulfilment)}</span>
                })}
                <span class="badge">{payment_text(t, view_.payment)}</span>
            </p>
            {view_.estimate.clone().map(|estimate| view! { <OrderEstimate estimate/> })}
        </div>
        <div class="order-grid">
            <div class="order-main">
                <Items lines=view_.lines.clone() totals=view_.totals.clone() locale=page_locale()/>
                {(!order.backorders.is_empty()).then(|| view! {
                    <backorders::BackordersCard lines=order.backorders.clone()/>
                })}
                {can_ship.then(|| view! {
                    <forms::ShipForm action=actions.ship number=number.clone() version lines=order.view.lines.clone() ids=order.lines.clone()/>
                })}
                <forms::Parcels action=actions.deliver number=number.clone() version shipments=order.view.shipments.clone() deliverable/>
            </div>
            <aside class="order-side">
                {order.request.clone().map(|request| view! {
                    <request::RequestCard action=actions.answer number=number.clone() version request/>
                })}
                <forms::CustomerCard order=order.clone()/>
                <forms::HoldCard hold_action=actions.hold release_action=actions.release number=number.clone() version hold=order.hold.clone() can_hold can_release/>
                {can_cancel.then(|| view! {
                    <forms::CancelCard action=actions.cancel number=number.clone() version refundable=order.refundable locale=page_locale()/>
                })}
                <timeline::AdminTimeline entries=order.timeline.clone() locale=page_locale()/>
            </aside>
        </div>
    }
}
