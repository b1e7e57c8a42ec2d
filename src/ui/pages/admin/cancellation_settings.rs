//! `/admin/settings/cancellation`: when and how shoppers may cancel. The form carries the
//! settings' version, so two tabs never overwrite each other silently; every save is audited.

use crate::api::settings::{
    get_cancellation_settings, CancellationSettings, SaveCancellationSettings,
};
use crate::api::Field;
use crate::domain::cancellation::ReasonOption;
use crate::i18n::{fill, DateWords, Locale, Texts, WallMinute};
use crate::ui::components::{FormErrorNotice, FormErrors, Kept, Notice};
use crate::ui::use_texts;
use leptos::prelude::*;
use leptos_meta::Title;
use leptos_router::hooks::use_query_map;

#[component]
pub fn AdminCancellationSettingsPage() -> impl IntoView {
    let t = use_texts();
    let query = use_query_map();
    let save = ServerAction::<SaveCancellationSettings>::new();
    let settings = Resource::new(
        move || (query.read().get("done"), save.version().get()),
        |_| get_cancellation_settings(),
    );
    let done = move || {
        (query.read().get("done").as_deref() == Some("saved"))
            .then(|| view! { <Notice tone="success"><p>{t.done_settings_saved}</p></Notice> })
    };
    view! {
        <Title text=t.cancel_settings_title/>
        <super::AdminNav current="/admin/settings/cancellation"/>
        <h1>{t.cancel_settings_title}</h1>
        <div role="status" aria-live="polite">{done}</div>
        {super::admin_loaded(settings, move |settings| view! { <PolicyForm settings save/> })}
    }
}

#[component]
fn PolicyForm(
    settings: CancellationSettings,
    save: ServerAction<SaveCancellationSettings>,
) -> impl IntoView {
    let t = use_texts();
    let errors = FormErrors::of_action(save);
    let kept = Kept::of_action(save);
    let window_error = errors.field(Field::WindowMinutes);
    let reasons_error = errors.field(Field::Reasons);
    let policy = settings.policy;
    let manage = settings.can_manage;
    let rows = policy
        .reasons
        .iter()
        .enumerate()
        .map(|(i, r)| {
            let label_id = format!("reason-label-{i}");
            let position_id = format!("reason-position-{i}");
            let remove_id = format!("reason-remove-{i}");
            let field = |part: &str| format!("reasons[{i}][{part}]");
            let label = kept.text(&field("label"), r.label.clone());
            let position = kept.text(&field("position"), (i + 1).to_string());
            let remove = kept.checked(&field("remove"), false);
            let name = fill(t.cancel_settings_reason_label, &[("n", &(i + 1).to_string())]);
            view! {
                <tr>
                    <td>
                        <input type="hidden" name=field("code") value=r.code.clone()/>
                        <label class="visually-hidden" for=label_id.clone()>{name.clone()}</label>
                        <input id=label_id type="text" name=field("label") value=label maxlength="100" disabled=!manage/>
                        {translations(t, &kept, i, &name, r, manage)}
                    </td>
                    <td>
                        <label class="visually-hidden" for=position_id.clone()>{t.cancel_settings_position}</label>
                        <input id=position_id class="qty" type="number" min="1" name=field("position") value=position disabled=!manage/>
                    </td>
                    <td class="check">
                        <input id=remove_id.clone() type="checkbox" name=field("remove") value="on" checked=remove disabled=!manage/>
                        <label for=remove_id>{t.cancel_settings_remove}</label>
                    </td>
                </tr>
            }
        })
        .collect_view();
    let new_index = policy.reasons.len();
    let new_label = kept.text(&format!("reasons[{new_index}][label]"), "");
    let checkbox = {
        let kept = kept.clone();
        move |id: &'static str, name: &'static str, label: &'static str, saved: bool| {
            let checked = kept.checked(name, saved);
            view! {
                <div class="check">
                    <input id=id type="checkbox" name=name value="on" checked=checked disabled=!manage/>
                    <label for=id>{label}</label>
                </div>
            }
        }
    };
    view! {
        {(!manage).then(|| view! { <p class="muted">{t.settings_only_owner}</p> })}
        <ActionForm action=save attr:class="stack card" attr:novalidate=true>
            <FormErrorNotice errors/>
            <input type="hidden" name="version" value=settings.version.to_string()/>
            {checkbox("enabled", "enabled", t.cancel_settings_enabled, policy.enabled)}
            <div class="field">
                <label for="window-minutes">{t.cancel_settings_window}</label>
                <p class="hint" id="window-minutes-hint">{t.cancel_settings_window_hint}</p>
                <WindowMinutes value=kept.text("window_minutes", policy.window_minutes.to_string()) error=window_error.get_untracked()
                    disabled=!manage now=WallMinute::of(settings.now_local) preview=t.cancel_settings_preview.to_owned()
                    words=DateWords::of(t)/>
            </div>
            {checkbox("requests", "requests_after_window", t.cancel_settings_requests, policy.requests_after_window)}
            {checkbox("restock", "restock", t.cancel_settings_restock, policy.restock)}
            {checkbox("lines", "allow_line_cancel", t.cancel_settings_lines, policy.allow_line_cancel)}
            <fieldset>
                <legend>{t.cancel_settings_reasons}</legend>
                <p class="hint">{t.cancel_settings_reasons_hint}</p>
                <table class="data">
                    <thead><tr>
                        <th scope="col">{t.cancel_settings_reason}</th>
                        <th scope="col">{t.cancel_settings_position}</th>
                        <th scope="col"><span class="visually-hidden">{t.cancel_settings_remove}</span></th>
                    </tr></thead>
                    <tbody>
                        {rows}
                        <tr>
                            <td colspan="3">
                                <label for="reason-new">{t.cancel_settings_add}</label>
                                <input id="reason-new" type="text" name=format!("reasons[{new_index}][label]") value=new_label maxlength="100" disabled=!manage/>
                            </td>
                        </tr>
                    </tbody>
                </table>
                <p class="field-error" role="alert">{move || reasons_error.get()}</p>
            </fieldset>
            {manage.then(|| view! {
                <button type="submit" class="button primary" disabled=move || save.pending().get()>{t.cancel_settings_save}</button>
            })}
        </ActionForm>
    }
}

/// A reason's label in each language the portal speaks, folded away under "Translations (n)";
/// a page without JavaScript opens it natively.
fn translations(
    t: &'static Texts,
    kept: &Kept,
    i: usize,
    reason: &str,
    r: &ReasonOption,
    manage: bool,
) -> AnyView {
    let inputs = Locale::ALL
        .into_iter()
        .map(|locale| {
            let tag = locale.tag();
            let id = format!("reason-{i}-{tag}");
            let name = format!("reasons[{i}][translations][{tag}]");
            let value = kept.text(&name, r.translations.get(tag).cloned().unwrap_or_default());
            view! {
                <div class="field">
                    <label for=id.clone()>
                        <span class="visually-hidden">{format!("{reason}: ")}</span>
                        <span lang=tag>{locale.texts().language_name}</span>
                    </label>
                    <input id=id type="text" name=name value=value lang=tag maxlength="100" disabled=!manage/>
                </div>
            }
        })
        .collect_view();
    view! {
        <details class="translations">
            <summary>{format!("{} ({})", t.cancel_settings_translations, r.translations.len())}</summary>
            <p class="hint">{t.cancel_settings_translations_hint}</p>
            {inputs}
        </details>
    }
    // Erased: the form's view type is otherwise too deep for the compiler.
    .into_any()
}

/// The window's input with a preview ("A shopper ordering now could cancel until …") that
/// follows what is typed. An island: without JavaScript the preview shows the saved window.
#[island]
fn WindowMinutes(
    value: String,
    error: Option<String>,
    disabled: bool,
    now: WallMinute,
    preview: String,
    words: DateWords,
) -> impl IntoView {
    // The attribute is what a page without JavaScript shows (the property alone is not
    // rendered on the server); the property follows what is typed once hydrated.
    let saved = value.clone();
    let window = RwSignal::new(value);
    let until = move || {
        let minutes: i64 = window.get().trim().parse().unwrap_or(0);
        let until = now.plus(minutes).map(|at| words.at(at)).unwrap_or_default();
        fill(&preview, &[("time", &until)])
    };
    let invalid = error.is_some().then_some("true");
    view! {
        <input id="window-minutes" class="qty" type="number" min="0" max="10080" name="window_minutes"
            value=saved prop:value=move || window.get() on:input=move |ev| window.set(event_target_value(&ev))
            aria-describedby="window-minutes-hint window-minutes-error"
            aria-invalid=invalid disabled=disabled/>
        <p id="window-minutes-error" class="field-error" role="alert">{error}</p>
        <p class="muted" aria-live="polite" data-testid="preview">{until}</p>
    }
}
