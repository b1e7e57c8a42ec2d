//! `/admin/settings/backorders`: the choices shoppers get for items waiting for stock, the fee
//! for shipping the in-stock part first, and when delay notices go out. The form carries the
//! settings' version; every save is audited.

use crate::api::backorder_settings::{
    get_backorder_settings, BackorderSettingsPage, SaveBackorderSettings,
};
use crate::api::Field;
use crate::domain::backorder::{Fee, MAX_THRESHOLD_DAYS, NO_DATE_NOTICE_DAYS};
use crate::i18n::{fill, Texts};
use crate::ui::components::{FormErrorNotice, FormErrors, Kept, Notice};
use crate::ui::use_texts;
use leptos::prelude::*;
use leptos_meta::Title;
use leptos_router::hooks::use_query_map;

#[component]
pub fn AdminBackorderSettingsPage() -> impl IntoView {
    let t = use_texts();
    let query = use_query_map();
    let save = ServerAction::<SaveBackorderSettings>::new();
    let page = Resource::new(
        move || (query.read().get("done"), save.version().get()),
        |_| get_backorder_settings(),
    );
    let done = move || {
        (query.read().get("done").as_deref() == Some("saved"))
            .then(|| view! { <Notice tone="success"><p>{t.admin_backorders_saved}</p></Notice> })
    };
    view! {
        <Title text=t.admin_backorders_title/>
        <super::AdminNav current="/admin/settings/backorders"/>
        <h1>{t.admin_backorders_title}</h1>
        <p class="muted">{t.admin_backorders_intro}</p>
        <div role="status" aria-live="polite">{done}</div>
        {super::admin_loaded(page, move |page| view! { <BackorderForm page save/> })}
    }
}

/// A fee as the merchant writes it (`49 NOK`, `4.95 EUR`), so the form reads back as it parses.
fn fee_line(t: &Texts, fee: &Fee) -> String {
    let digits = fee.currency.minor_digits();
    let scale = 10_i64.pow(digits);
    let (whole, fraction) = (fee.amount_minor / scale, fee.amount_minor % scale);
    if fraction == 0 {
        format!("{whole} {}", fee.currency)
    } else {
        let width = digits as usize;
        let separator = t.decimal_separator;
        format!("{whole}{separator}{fraction:0width$} {}", fee.currency)
    }
}

/// A ticked-or-not option with its one-sentence explanation.
#[component]
fn Toggle(
    id: &'static str,
    name: &'static str,
    label: &'static str,
    hint: &'static str,
    checked: bool,
    manage: bool,
) -> impl IntoView {
    let hint_id = format!("{id}-hint");
    view! {
        <div class="check">
            <input id=id type="checkbox" name=name value="on" checked=checked
                aria-describedby=hint_id.clone() disabled=!manage/>
            <label for=id>{label}</label>
            <p class="hint" id=hint_id>{hint}</p>
        </div>
    }
}

#[component]
fn BackorderForm(
    page: BackorderSettingsPage,
    save: ServerAction<SaveBackorderSettings>,
) -> impl IntoView {
    let t = use_texts();
    let errors = FormErrors::of_action(save);
    let kept = Kept::of_action(save);
    let threshold_error = errors.field(Field::DelayThreshold);
    // Any fee problem: the list as a whole or the line it names.
    let fees_error = Signal::derive(move || {
        save.value()
            .get()
            .and_then(Result::err)
            .filter(|e| {
                matches!(
                    e.field(),
                    Some(Field::ShipNowFees | Field::ShipNowFeeLine(_))
                )
            })
            .map(|e| e.message(t))
    });
    let s = page.settings;
    let manage = page.can_manage;
    let fees: Vec<String> = s.ship_now_fees.iter().map(|f| fee_line(t, f)).collect();
    let threshold_hint = fill(
        t.admin_backorders_threshold_hint,
        &[("days", &NO_DATE_NOTICE_DAYS.to_string())],
    );
    view! {
        {(!manage).then(|| view! { <p class="muted">{t.settings_only_owner}</p> })}
        <ActionForm action=save attr:class="stack card" attr:novalidate=true>
            <FormErrorNotice errors/>
            <input type="hidden" name="version" value=page.version.to_string()/>
            <fieldset>
                <legend>{t.admin_backorders_choices}</legend>
                <Toggle id="offer-ship-now" name="offer_ship_now" label=t.admin_backorders_ship_now
                    hint=t.admin_backorders_ship_now_hint checked=kept.checked("offer_ship_now", s.offer_ship_now) manage/>
                <Toggle id="offer-cancel" name="offer_cancel" label=t.admin_backorders_cancel
                    hint=t.admin_backorders_cancel_hint checked=kept.checked("offer_cancel", s.offer_cancel) manage/>
                <div class="field">
                    <label for="ship-now-fees">{t.admin_backorders_fees}</label>
                    <p class="hint" id="ship-now-fees-hint">{t.admin_backorders_fees_hint}</p>
                    <textarea id="ship-now-fees" name="ship_now_fees" rows="3"
                        aria-describedby="ship-now-fees-hint ship-now-fees-error"
                        aria-invalid=move || fees_error.get().is_some().then_some("true")
                        disabled=!manage>{kept.text("ship_now_fees", fees.join("\n"))}</textarea>
                    <p class="field-error" id="ship-now-fees-error" role="alert">{move || fees_error.get()}</p>
                </div>
            </fieldset>
            <fieldset>
                <legend>{t.admin_backorders_delays}</legend>
                <div class="field">
                    <label for="delay-threshold-days">{t.admin_backorders_threshold}</label>
                    <p class="hint" id="delay-threshold-days-hint">{threshold_hint}</p>
                    <input id="delay-threshold-days" class="qty" type="number" min="0"
                        max=MAX_THRESHOLD_DAYS.to_string() name="delay_threshold_days"
                        value=kept.text("delay_threshold_days", s.delay_threshold_days.to_string())
                        aria-describedby="delay-threshold-days-hint delay-threshold-days-error"
                        aria-invalid=move || threshold_error.get().is_some().then_some("true")
                        disabled=!manage/>
                    <p class="field-error" id="delay-threshold-days-error" role="alert">{move || threshold_error.get()}</p>
                </div>
                <Toggle id="delay-notices" name="delay_notices" label=t.admin_backorders_notices
                    hint=t.admin_backorders_notices_hint checked=kept.checked("delay_notices", s.delay_notices) manage/>
            </fieldset>
            {manage.then(|| view! {
                <button type="submit" class="button primary" disabled=move || save.pending().get()>{t.admin_backorders_save}</button>
            })}
        </ActionForm>
    }
}
