//! The action forms of the order page. Plain HTML forms posting to server functions, so each
//! works without JavaScript; each carries the order version it was drawn from.

use crate::api::admin_order::{
    AdminCancel, AdminHold, AdminLine, AdminMarkDelivered, AdminOrder, AdminPlaceHold,
    AdminReleaseHold, AdminShip,
};
use crate::api::views::{LineView, ShipmentView};
use crate::api::Field;
use crate::domain::{CancelReason, HoldReason, Money};
use crate::i18n::{fill, format_datetime, format_money, Locale, Texts};
use crate::ui::components::{FormErrorNotice, FormErrors, FormField, Kept};
use crate::ui::pages::order::shipments::state_text;
use crate::ui::use_texts;
use leptos::prelude::*;

/// The hidden fields every action form carries.
#[component]
fn Target(number: String, version: i64) -> impl IntoView {
    view! {
        <input type="hidden" name="number" value=number/>
        <input type="hidden" name="version" value=version.to_string()/>
    }
}

pub fn hold_reason_label(t: &'static Texts, reason: HoldReason) -> &'static str {
    match reason {
        HoldReason::AwaitingPayment => t.hold_reason_awaiting_payment,
        HoldReason::AddressCheck => t.hold_reason_address_check,
        HoldReason::OutOfStock => t.hold_reason_out_of_stock,
        HoldReason::FraudReview => t.hold_reason_fraud_review,
        HoldReason::Other => t.hold_reason_other,
    }
}

pub fn cancel_reason_label(t: &'static Texts, reason: CancelReason) -> &'static str {
    match reason {
        CancelReason::CustomerRequest => t.cancel_reason_customer_request,
        CancelReason::OutOfStock => t.cancel_reason_out_of_stock,
        CancelReason::PaymentDeclined => t.cancel_reason_payment_declined,
        CancelReason::FraudSuspected => t.cancel_reason_fraud_suspected,
        CancelReason::Other => t.cancel_reason_other,
    }
}

#[component]
pub fn ShipForm(
    action: ServerAction<AdminShip>,
    number: String,
    version: i64,
    lines: Vec<LineView>,
    ids: Vec<AdminLine>,
) -> impl IntoView {
    let t = use_texts();
    let errors = FormErrors::of_action(action);
    let kept = Kept::of_action(action);
    let quantity_error = errors.field(Field::Quantity);
    let rows = lines
        .into_iter()
        .zip(ids)
        .enumerate()
        .filter(|(_, (_, line))| line.open > 0)
        .map(|(i, (view, line))| {
            let id = format!("ship-qty-{i}");
            let quantity_name = format!("lines[{i}][quantity]");
            let quantity = kept.text(&quantity_name, line.open.to_string());
            let label = fill(
                t.admin_ship_quantity,
                &[("item", &view.title), ("n", &line.open.to_string())],
            );
            view! {
                <tr>
                    <td><label for=id.clone()>{label}</label><span class="muted small line">{view.sku}</span></td>
                    <td class="num">
                        <input type="hidden" name=format!("lines[{i}][line]") value=line.id.to_string()/>
                        <input id=id class="qty" type="number" inputmode="numeric" min="0"
                            max=line.open.to_string() name=quantity_name
                            value=quantity
                            aria-invalid=move || quantity_error.get().is_some().then_some("true")
                            aria-describedby=move || quantity_error.get().is_some().then_some("ship-qty-error")/>
                    </td>
                </tr>
            }
        })
        .collect_view();
    view! {
        <section class="card" aria-labelledby="ship-heading">
            <h2 id="ship-heading">{t.admin_ship_heading}</h2>
            <p class="muted">{t.admin_ship_intro}</p>
            <ActionForm action attr:class="stack" attr:novalidate=true attr:data-testid="ship-form">
                <FormErrorNotice errors/>
                <Target number version/>
                <table class="data"><tbody>{rows}</tbody></table>
                {move || quantity_error.get().map(|m| view! { <p class="field-error" id="ship-qty-error">{m}</p> })}
                <FormField id="ship-carrier" name="carrier" label=t.admin_carrier_label max_length=100
                    value=kept.text("carrier", "") optional=true error=errors.field(Field::Carrier)/>
                <FormField id="ship-tracking-number" name="tracking_number" label=t.admin_tracking_number_label
                    value=kept.text("tracking_number", "") max_length=100 optional=true
                    error=errors.field(Field::TrackingNumber)/>
                <FormField id="ship-tracking-url" name="tracking_url" kind="url" label=t.admin_tracking_url_label
                    hint=t.admin_tracking_url_hint value=kept.text("tracking_url", "") max_length=2000
                    optional=true error=errors.field(Field::TrackingUrl)/>
                <button type="submit" class="button primary" disabled=move || action.pending().get()>
                    {t.admin_ship_submit}
                </button>
            </ActionForm>
        </section>
    }
}

/// The parcels, each shipped one with a "delivered" button.
#[component]
pub fn Parcels(
    action: ServerAction<AdminMarkDelivered>,
    number: String,
    version: i64,
    shipments: Vec<ShipmentView>,
    deliverable: Vec<(usize, i64)>,
) -> impl IntoView {
    let t = use_texts();
    let errors = FormErrors::of_action(action);
    if shipments.is_empty() {
        return view! {
            <section class="card" aria-labelledby="shipments-heading">
                <h2 id="shipments-heading">{t.shipments_heading}</h2>
                <p class="muted">{t.admin_no_parcels}</p>
            </section>
        }
        .into_any();
    }
    let items = shipments
        .into_iter()
        .enumerate()
        .map(|(i, s)| {
            let title = fill(t.shipment_title, &[("n", &(i + 1).to_string())]);
            let state = state_text(t, &s);
            let contents = s
                .items
                .iter()
                .map(|item| format!("{} × {}", item.quantity, item.title))
                .collect::<Vec<_>>()
                .join(", ");
            let tracking = s.tracking_number.clone().map(|n| {
                view! { <p class="muted small">{fill(t.shipment_tracking_number, &[("number", &n)])}</p> }
            });
            let deliver = deliverable.iter().find(|(index, _)| *index == i).map(|(_, id)| {
                let (number, id) = (number.clone(), *id);
                view! {
                    <ActionForm action>
                        <Target number version/>
                        <input type="hidden" name="shipment" value=id.to_string()/>
                        <button type="submit" class="button" disabled=move || action.pending().get()>
                            {t.admin_deliver_submit}
                        </button>
                    </ActionForm>
                }
            });
            view! {
                <article class="shipment">
                    <h3>{title}{s.carrier.map(|c| format!(" · {c}"))}</h3>
                    <p class="shipment-state">{state}</p>
                    <p>{contents}</p>
                    {tracking}
                    {deliver}
                </article>
            }
        })
        .collect_view();
    view! {
        <section class="card" aria-labelledby="shipments-heading">
            <h2 id="shipments-heading">{t.shipments_heading}</h2>
            <FormErrorNotice errors/>
            {items}
        </section>
    }
    .into_any()
}

#[component]
pub fn CustomerCard(order: AdminOrder) -> impl IntoView {
    let t = use_texts();
    let v = order.view;
    let address = v
        .shipping_address
        .unwrap_or_default()
        .into_iter()
        .map(|l| view! { <span class="line">{l}</span> })
        .collect_view();
    view! {
        <section class="card" aria-labelledby="customer-heading">
            <h2 id="customer-heading">{t.admin_customer_heading}</h2>
            <dl class="facts">
                <dt>{t.contact_name_label}</dt>
                <dd>{v.customer_name.unwrap_or_default()}</dd>
                <dt>{t.contact_email_label}</dt>
                <dd data-testid="email">{order.email}</dd>
                <dt>{t.shipping_method_label}</dt>
                <dd>{v.shipping_method}</dd>
                <dt>{t.shipping_address_label}</dt>
                <dd class="address">{address}</dd>
            </dl>
        </section>
    }
}

#[component]
pub fn HoldCard(
    hold_action: ServerAction<AdminPlaceHold>,
    release_action: ServerAction<AdminReleaseHold>,
    number: String,
    version: i64,
    hold: Option<AdminHold>,
    can_hold: bool,
    can_release: bool,
) -> impl IntoView {
    let t = use_texts();
    let hold_errors = FormErrors::of_action(hold_action);
    let release_errors = FormErrors::of_action(release_action);
    let kept = Kept::of_action(hold_action);
    let current = hold.map(|h| {
        let text = fill(
            t.admin_hold_active,
            &[
                ("date", &format_datetime(t, h.placed_at)),
                ("reason", hold_reason_label(t, h.reason)),
            ],
        );
        let note = h
            .note
            .map(|n| view! { <p class="muted">{fill(t.event_hold_note, &[("note", &n)])}</p> });
        view! { <p data-testid="hold">{text}</p>{note} }
    });
    let release = can_release.then(|| {
        let number = number.clone();
        view! {
            <ActionForm action=release_action>
                <FormErrorNotice errors=release_errors/>
                <Target number version/>
                <button type="submit" class="button" disabled=move || release_action.pending().get()>
                    {t.admin_release_submit}
                </button>
            </ActionForm>
        }
    });
    let place = can_hold.then(|| {
        let options = HoldReason::ALL
            .iter()
            .map(|r| {
                let selected = kept.chosen("reason", r.as_str(), false);
                view! { <option value=r.as_str() selected=selected>{hold_reason_label(t, *r)}</option> }
            })
            .collect_view();
        view! {
            <ActionForm action=hold_action attr:class="stack" attr:novalidate=true>
                <FormErrorNotice errors=hold_errors/>
                <Target number version/>
                <div class="field">
                    <label for="hold-reason">{t.admin_hold_reason_label}</label>
                    <select id="hold-reason" name="reason">{options}</select>
                </div>
                <FormField id="hold-note" name="note" label=t.admin_hold_note_label hint=t.admin_hold_note_hint
                    value=kept.text("note", "") max_length=500 optional=true error=hold_errors.field(Field::Note)/>
                <button type="submit" class="button" disabled=move || hold_action.pending().get()>
                    {t.admin_hold_submit}
                </button>
            </ActionForm>
        }
    });
    (can_hold || can_release).then(|| {
        view! {
            <section class="card" aria-labelledby="hold-heading">
                <h2 id="hold-heading">{t.admin_hold_heading}</h2>
                {current}
                {release}
                {place}
            </section>
        }
    })
}

#[component]
pub fn CancelCard(
    action: ServerAction<AdminCancel>,
    number: String,
    version: i64,
    refundable: Money,
    locale: Locale,
) -> impl IntoView {
    let t = use_texts();
    let errors = FormErrors::of_action(action);
    let kept = Kept::of_action(action);
    let options = CancelReason::ALL
        .iter()
        .map(|r| {
            let selected = kept.chosen("reason", r.as_str(), false);
            view! { <option value=r.as_str() selected=selected>{cancel_reason_label(t, *r)}</option> }
        })
        .collect_view();
    let refund = (refundable.minor > 0).then(|| {
        let amount = format_money(locale, refundable);
        view! { <p>{fill(t.admin_cancel_refund, &[("amount", &amount)])}</p> }
    });
    view! {
        <section class="card" aria-labelledby="cancel-heading">
            <h2 id="cancel-heading">{t.admin_cancel_heading}</h2>
            <p class="muted">{t.admin_cancel_intro}</p>
            {refund}
            <ActionForm action attr:class="stack" attr:data-testid="cancel-form">
                <FormErrorNotice errors/>
                <Target number version/>
                <div class="field">
                    <label for="cancel-reason">{t.admin_cancel_reason_label}</label>
                    <select id="cancel-reason" name="reason">{options}</select>
                </div>
                <label class="check"><input type="checkbox" name="restock" value="yes" checked=kept.checked("restock", true)/>{t.admin_cancel_restock}</label>
                <label class="check"><input type="checkbox" name="notify" value="yes" checked=kept.checked("notify", true)/>{t.admin_cancel_notify}</label>
                <button type="submit" class="button danger" disabled=move || action.pending().get()>
                    {t.admin_cancel_submit}
                </button>
            </ActionForm>
        </section>
    }
}
