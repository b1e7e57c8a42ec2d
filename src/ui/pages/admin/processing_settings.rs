//! `/admin/settings/processing`: time zone, working week, cut-off, holidays, the default
//! processing time and the shipping methods. Shows what an order placed now would be told and
//! the coming closed days. The form carries the settings' version; every save is audited.

use crate::api::processing::{get_processing_settings, ProcessingPage, SaveProcessingSettings};
use crate::api::Field;
use crate::domain::calendar::{ClosedDay, Holiday};
use crate::domain::processing::WEEKDAYS;
use crate::i18n::{fill, format_date, format_datetime, format_estimate, Texts};
use crate::ui::components::{FormErrorNotice, FormErrors, FormField, Kept, Notice};
use crate::ui::use_texts;
use leptos::prelude::*;
use leptos_meta::Title;
use leptos_router::hooks::use_query_map;

#[component]
pub fn AdminProcessingSettingsPage() -> impl IntoView {
    let t = use_texts();
    let query = use_query_map();
    let save = ServerAction::<SaveProcessingSettings>::new();
    let page = Resource::new(
        move || (query.read().get("done"), save.version().get()),
        |_| get_processing_settings(),
    );
    let done = move || {
        (query.read().get("done").as_deref() == Some("saved"))
            .then(|| view! { <Notice tone="success"><p>{t.done_processing_saved}</p></Notice> })
    };
    view! {
        <Title text=t.processing_title/>
        <super::AdminNav current="/admin/settings/processing"/>
        <h1>{t.processing_title}</h1>
        <p class="muted">{t.processing_intro}</p>
        <div role="status" aria-live="polite">{done}</div>
        {super::admin_loaded(page, move |page| view! {
            <div class="settings-grid">
                <ProcessingForm page=page.clone() save/>
                <aside class="stack">
                    <Preview page=page.clone()/>
                    <ClosedDays page/>
                </aside>
            </div>
        })}
    }
}

pub fn holiday_name(t: &'static Texts, holiday: Holiday) -> &'static str {
    match holiday {
        Holiday::NewYearsDay => t.holiday_new_years_day,
        Holiday::Epiphany => t.holiday_epiphany,
        Holiday::MaundyThursday => t.holiday_maundy_thursday,
        Holiday::GoodFriday => t.holiday_good_friday,
        Holiday::EasterSunday => t.holiday_easter_sunday,
        Holiday::EasterMonday => t.holiday_easter_monday,
        Holiday::LabourDay => t.holiday_labour_day,
        Holiday::ConstitutionDay => t.holiday_constitution_day,
        Holiday::KingsDay => t.holiday_kings_day,
        Holiday::LiberationDay => t.holiday_liberation_day,
        Holiday::AscensionDay => t.holiday_ascension_day,
        Holiday::WhitSunday => t.holiday_whit_sunday,
        Holiday::WhitMonday => t.holiday_whit_monday,
        Holiday::MidsummerEve => t.holiday_midsummer_eve,
        Holiday::MidsummerDay => t.holiday_midsummer_day,
        Holiday::AllSaintsDay => t.holiday_all_saints_day,
        Holiday::IndependenceDay => t.holiday_independence_day,
        Holiday::ChristmasEve => t.holiday_christmas_eve,
        Holiday::ChristmasDay => t.holiday_christmas_day,
        Holiday::BoxingDay => t.holiday_boxing_day,
    }
}

#[component]
fn Preview(page: ProcessingPage) -> impl IntoView {
    let t = use_texts();
    let heading = fill(
        t.processing_preview_heading,
        &[("time", &format_datetime(t, page.now_local))],
    );
    let rows = page
        .preview
        .into_iter()
        .map(|p| {
            view! {
                <li><strong>{p.name}</strong>": "{format_estimate(t, p.ship, Some(p.delivery))}</li>
            }
        })
        .collect_view();
    view! {
        <section class="card" aria-labelledby="preview-heading">
            <h2 id="preview-heading">{heading}</h2>
            <ul class="plain" data-testid="processing-preview">{rows}</ul>
        </section>
    }
}

#[component]
fn ClosedDays(page: ProcessingPage) -> impl IntoView {
    let t = use_texts();
    let rows = page
        .closed_days
        .iter()
        .map(|(day, why)| {
            let name = match why {
                ClosedDay::Public(h) => holiday_name(t, *h),
                ClosedDay::Shop => t.closed_shop_day,
            };
            view! { <tr><td class="nowrap">{format_date(t, *day)}</td><td>{name}</td></tr> }
        })
        .collect_view();
    let body = if page.closed_days.is_empty() {
        view! { <p class="muted">{t.processing_closed_none}</p> }.into_any()
    } else {
        view! {
            <table class="data" data-testid="closed-days">
                <thead><tr><th scope="col">{t.closed_column_date}</th><th scope="col">{t.closed_column_why}</th></tr></thead>
                <tbody>{rows}</tbody>
            </table>
        }
        .into_any()
    };
    view! {
        <section class="card" aria-labelledby="closed-heading">
            <h2 id="closed-heading">{t.processing_closed_heading}</h2>
            {body}
        </section>
    }
}

#[component]
fn ProcessingForm(
    page: ProcessingPage,
    save: ServerAction<SaveProcessingSettings>,
) -> impl IntoView {
    let t = use_texts();
    let errors = FormErrors::of_action(save);
    let kept = Kept::of_action(save);
    let s = page.settings;
    let manage = page.can_manage;
    let error_text = move |field: Field, id: &'static str| {
        let message = errors.field(field);
        move || {
            message
                .get()
                .map(|m| view! { <p class="field-error" id=id>{m}</p> })
        }
    };
    let weekday_names: Vec<&str> = t.weekdays_short.split(' ').collect();
    let weekdays = WEEKDAYS
        .iter()
        .enumerate()
        .map(|(i, code)| {
            let id = format!("working-{code}");
            let name = format!("working_days[{i}]");
            let checked = kept.checked(&name, s.working_days.iter().any(|d| d == code));
            view! {
                <span class="check">
                    <input id=id.clone() type="checkbox" name=name value=*code checked=checked disabled=!manage/>
                    <label for=id>{weekday_names.get(i).copied().unwrap_or(code)}</label>
                </span>
            }
        })
        .collect_view();
    let calendar = s.holiday_calendar.clone().unwrap_or_default();
    let option = {
        let kept = kept.clone();
        move |value: &'static str, label: &'static str| {
            let selected = kept.chosen("holiday_calendar", value, calendar == value);
            view! { <option value=value selected=selected>{label}</option> }
        }
    };
    let methods = s
        .shipping_methods
        .iter()
        .enumerate()
        .map(|(i, m)| {
            let name_id = format!("method-name-{i}");
            let min_id = format!("method-min-{i}");
            let max_id = format!("method-max-{i}");
            let remove_id = format!("method-remove-{i}");
            let field = |part: &str| format!("methods[{i}][{part}]");
            let name = kept.text(&field("name"), m.name.clone());
            let min = kept.text(&field("transit_min"), m.transit_days.min.to_string());
            let max = kept.text(&field("transit_max"), m.transit_days.max.to_string());
            let remove = kept.checked(&field("remove"), false);
            view! {
                <tr>
                    <td>
                        <input type="hidden" name=format!("methods[{i}][code]") value=m.code.clone()/>
                        <label class="visually-hidden" for=name_id.clone()>{t.method_name}</label>
                        <input id=name_id type="text" name=field("name") value=name maxlength="100" disabled=!manage/>
                        <span class="muted item-sku">{m.code.clone()}</span>
                    </td>
                    <td class="nowrap">
                        <label class="visually-hidden" for=min_id.clone()>{t.method_transit_min}</label>
                        <input id=min_id class="qty" type="number" min="0" max="60" name=field("transit_min") value=min disabled=!manage/>
                        " – "
                        <label class="visually-hidden" for=max_id.clone()>{t.method_transit_max}</label>
                        <input id=max_id class="qty" type="number" min="0" max="60" name=field("transit_max") value=max disabled=!manage/>
                    </td>
                    <td class="check">
                        <input id=remove_id.clone() type="checkbox" name=field("remove") value="on" checked=remove disabled=!manage/>
                        <label for=remove_id>{t.method_remove}</label>
                    </td>
                </tr>
            }
        })
        .collect_view();
    let new_index = s.shipping_methods.len();
    let new_field = move |part: &str| format!("methods[{new_index}][{part}]");
    let (new_name, new_min, new_max) = (
        kept.text(&new_field("name"), ""),
        kept.text(&new_field("transit_min"), ""),
        kept.text(&new_field("transit_max"), ""),
    );
    let methods_error = Signal::derive(move || {
        [
            Field::ShippingMethods,
            Field::MethodCode,
            Field::MethodName,
            Field::TransitDays,
        ]
        .into_iter()
        .find_map(|f| errors.field(f).get())
    });
    view! {
        <ActionForm action=save attr:class="stack card" attr:novalidate=true>
            {(!manage).then(|| view! { <p class="muted">{t.settings_only_owner}</p> })}
            <FormErrorNotice errors/>
            <input type="hidden" name="version" value=page.version.to_string()/>
            <FormField id="time-zone" name="time_zone" label=t.processing_time_zone
                hint=t.processing_time_zone_hint max_length=64 value=kept.text("time_zone", s.time_zone.clone())
                error=errors.field(Field::TimeZone)/>
            <fieldset aria-describedby="working-days-error">
                <legend>{t.processing_working_days}</legend>
                <div class="check-row">{weekdays}</div>
                {error_text(Field::WorkingDays, "working-days-error")}
            </fieldset>
            <FormField id="cutoff" name="cutoff" label=t.processing_cutoff kind="time"
                hint=t.processing_cutoff_hint max_length=5 value=kept.text("cutoff", s.cutoff.clone())
                error=errors.field(Field::Cutoff)/>
            <div class="field">
                <label for="holiday-calendar">{t.processing_calendar}</label>
                <p class="hint" id="holiday-calendar-hint">{t.processing_calendar_hint}</p>
                <select id="holiday-calendar" name="holiday_calendar" aria-describedby="holiday-calendar-hint" disabled=!manage>
                    {option("", t.calendar_none)}
                    {option("NO", t.calendar_norway)}
                    {option("FI", t.calendar_finland)}
                    {option("NL", t.calendar_netherlands)}
                </select>
            </div>
            <div class="field">
                <label for="holidays">{t.processing_holidays}</label>
                <p class="hint" id="holidays-hint">{t.processing_holidays_hint}</p>
                <textarea id="holidays" name="holidays" rows="4" aria-describedby="holidays-hint holidays-error"
                    aria-invalid=move || errors.field(Field::Holidays).get().is_some().then_some("true")
                    disabled=!manage>{kept.text("holidays", s.holidays.join("\n"))}</textarea>
                {error_text(Field::Holidays, "holidays-error")}
            </div>
            <fieldset aria-describedby="processing-days-hint processing-days-error">
                <legend>{t.processing_default_days}</legend>
                <p class="hint" id="processing-days-hint">{t.processing_default_hint}</p>
                <div class="day-range">
                    <label for="processing-min">{t.processing_days_from}</label>
                    <input id="processing-min" class="qty" type="number" min="0" max="60" name="processing_min"
                        value=kept.text("processing_min", s.default_processing_days.min.to_string()) disabled=!manage/>
                    <label for="processing-max">{t.processing_days_to}</label>
                    <input id="processing-max" class="qty" type="number" min="0" max="60" name="processing_max"
                        value=kept.text("processing_max", s.default_processing_days.max.to_string()) disabled=!manage/>
                </div>
                {error_text(Field::DefaultProcessingDays, "processing-days-error")}
            </fieldset>
            <fieldset aria-describedby="methods-hint methods-error">
                <legend>{t.processing_methods}</legend>
                <p class="hint" id="methods-hint">{t.processing_methods_hint}</p>
                <div class="table-scroll">
                    <table class="data">
                        <thead><tr>
                            <th scope="col">{t.method_name}</th>
                            <th scope="col">{t.method_transit}</th>
                            <th scope="col"><span class="visually-hidden">{t.method_remove}</span></th>
                        </tr></thead>
                        <tbody>
                            {methods}
                            <tr>
                                <td>
                                    <label for="method-new">{t.method_add}</label>
                                    <input id="method-new" type="text" name=new_field("name") value=new_name maxlength="100" disabled=!manage/>
                                </td>
                                <td class="nowrap">
                                    <label class="visually-hidden" for="method-new-min">{t.method_transit_min}</label>
                                    <input id="method-new-min" class="qty" type="number" min="0" max="60" name=new_field("transit_min") value=new_min disabled=!manage/>
                                    " – "
                                    <label class="visually-hidden" for="method-new-max">{t.method_transit_max}</label>
                                    <input id="method-new-max" class="qty" type="number" min="0" max="60" name=new_field("transit_max") value=new_max disabled=!manage/>
                                </td>
                                <td></td>
                            </tr>
                        </tbody>
                    </table>
                </div>
                <p class="field-error" id="methods-error">{move || methods_error.get()}</p>
            </fieldset>
            {manage.then(|| view! {
                <button type="submit" class="button primary" disabled=move || save.pending().get()>{t.processing_save}</button>
            })}
        </ActionForm>
    }
}
