//! The cancel card on a verified order page: cancel until the deadline (a confirmation step
//! with the reason and the refund), or why not and what to do instead. Works without
//! JavaScript: the confirmation is a `<details>` disclosure and the form posts.

use super::OrderRefresh;
use crate::api::error::blocker_text;
use crate::api::order::CancelOrder;
use crate::api::views::CancelView;
use crate::api::Field;
use crate::domain::cancellation::{Decision, MAX_OTHER_TEXT};
use crate::i18n::{fill, format_datetime, format_money, Locale};
use crate::ui::components::{FormErrorNotice, FormErrors};
use crate::ui::use_texts;
use leptos::prelude::*;

#[component]
pub fn CancelCard(number: String, view: CancelView, locale: Locale) -> impl IntoView {
    let t = use_texts();
    let action = ServerAction::<CancelOrder>::new();
    OrderRefresh::after(action);
    let errors = FormErrors::of_action(action);
    let Decision::Cancel { .. } = view.decision else {
        let because = match &view.decision {
            Decision::Request { because } | Decision::No { because } => blocker_text(t, because),
            Decision::Cancel { .. } => String::new(),
        };
        return view! {
            <section class="card" aria-labelledby="cancel-heading" data-testid="cancel">
                <h2 id="cancel-heading">{t.cancel_not_possible_heading}</h2>
                <p>{because}</p>
                <p class="muted">{t.cancel_contact_shop}</p>
            </section>
        }
        .into_any();
    };
    let until = view
        .deadline_local
        .map(|at| fill(t.cancel_until, &[("time", &format_datetime(t, at))]));
    let refund = match view.refund.filter(|m| m.minor > 0) {
        Some(amount) => fill(
            t.cancel_refund_note,
            &[("amount", &format_money(locale, amount))],
        ),
        None => t.cancel_no_payment_note.to_owned(),
    };
    let options = view
        .reasons
        .iter()
        .enumerate()
        .map(|(i, r)| {
            let id = format!("cancel-reason-{i}");
            view! {
                <div class="check">
                    <input type="radio" id=id.clone() name="reason" value=r.code.clone() required=true/>
                    <label for=id>{r.label.clone()}</label>
                </div>
            }
        })
        .collect_view();
    let failed = errors.any();
    let reason_error = errors.field(Field::Reason);
    let other_error = errors.field(Field::Note);
    view! {
        <section class="card" aria-labelledby="cancel-heading" data-testid="cancel">
            <h2 id="cancel-heading">{t.cancel_heading}</h2>
            <p data-testid="cancel-until">{until}</p>
            <details class="confirm" open=move || failed.get()>
                <summary class="button">{t.cancel_open}</summary>
                <ActionForm action attr:class="stack">
                    <FormErrorNotice errors/>
                    <input type="hidden" name="number" value=number/>
                    <input type="hidden" name="version" value=view.version.to_string()/>
                    <fieldset aria-describedby="cancel-reason-error">
                        <legend>{t.cancel_reason_legend}</legend>
                        {options}
                        <p id="cancel-reason-error" class="field-error" role="alert">{move || reason_error.get()}</p>
                    </fieldset>
                    <div class="field">
                        <label for="cancel-other">{t.cancel_other_label}</label>
                        <textarea id="cancel-other" name="other" maxlength=MAX_OTHER_TEXT rows="3"
                            aria-describedby="cancel-other-error"></textarea>
                        <p id="cancel-other-error" class="field-error" role="alert">{move || other_error.get()}</p>
                    </div>
                    <p data-testid="cancel-refund">{refund}</p>
                    <button type="submit" class="button danger" disabled=move || action.pending().get()>{t.cancel_submit}</button>
                </ActionForm>
            </details>
        </section>
    }
    .into_any()
}
