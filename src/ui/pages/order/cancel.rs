//! The cancel card on a verified order page: cancel until the deadline, or — when the shop
//! allows it — ask the shop to cancel; otherwise why not and what to do instead. Each form is a
//! confirmation step inside a `<details>` disclosure, so it works without JavaScript.

use super::OrderRefresh;
use crate::api::error::blocker_text;
use crate::api::order::{CancelOrder, RequestCancellation};
use crate::api::views::CancelView;
use crate::api::Field;
use crate::domain::cancellation::{Decision, ReasonOption, MAX_OTHER_TEXT};
use crate::i18n::{fill, format_datetime, format_money, Locale};
use crate::ui::components::{FormErrorNotice, FormErrors};
use crate::ui::use_texts;
use leptos::prelude::*;

/// The reason choice (and the words for "other") both forms ask for.
#[component]
fn ReasonFields(
    number: String,
    version: i64,
    reasons: Vec<ReasonOption>,
    errors: FormErrors,
) -> impl IntoView {
    let t = use_texts();
    let reason_error = errors.field(Field::Reason);
    let other_error = errors.field(Field::Note);
    let options = reasons
        .into_iter()
        .enumerate()
        .map(|(i, r)| {
            let id = format!("cancel-reason-{i}");
            view! {
                <div class="check">
                    <input type="radio" id=id.clone() name="reason" value=r.code required=true/>
                    <label for=id>{r.label}</label>
                </div>
            }
        })
        .collect_view();
    view! {
        <FormErrorNotice errors/>
        <input type="hidden" name="number" value=number/>
        <input type="hidden" name="version" value=version.to_string()/>
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
    }
}

#[component]
pub fn CancelCard(number: String, view: CancelView, locale: Locale) -> impl IntoView {
    let t = use_texts();
    let cancel = ServerAction::<CancelOrder>::new();
    let request = ServerAction::<RequestCancellation>::new();
    OrderRefresh::after(cancel);
    OrderRefresh::after(request);
    let (version, reasons) = (view.version, view.reasons.clone());
    match view.decision {
        Decision::Cancel { .. } => {
            let errors = FormErrors::of_action(cancel);
            let failed = errors.any();
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
            view! {
                <section class="card" aria-labelledby="cancel-heading" data-testid="cancel">
                    <h2 id="cancel-heading">{t.cancel_heading}</h2>
                    <p data-testid="cancel-until">{until}</p>
                    <details class="confirm" open=move || failed.get()>
                        <summary class="button">{t.cancel_open}</summary>
                        <ActionForm action=cancel attr:class="stack">
                            <ReasonFields number version reasons errors/>
                            <p data-testid="cancel-refund">{refund}</p>
                            <button type="submit" class="button danger" disabled=move || cancel.pending().get()>{t.cancel_submit}</button>
                        </ActionForm>
                    </details>
                </section>
            }
            .into_any()
        }
        Decision::Request { because } => {
            let errors = FormErrors::of_action(request);
            let failed = errors.any();
            view! {
                <section class="card" aria-labelledby="cancel-heading" data-testid="cancel">
                    <h2 id="cancel-heading">{t.cancel_not_possible_heading}</h2>
                    <p>{blocker_text(t, &because)}</p>
                    <p>{t.cancel_request_intro}</p>
                    <details class="confirm" open=move || failed.get()>
                        <summary class="button">{t.cancel_request_open}</summary>
                        <ActionForm action=request attr:class="stack">
                            <ReasonFields number version reasons errors/>
                            <button type="submit" class="button" disabled=move || request.pending().get()>{t.cancel_request_submit}</button>
                        </ActionForm>
                    </details>
                </section>
            }
            .into_any()
        }
        Decision::No { because } => view! {
            <section class="card" aria-labelledby="cancel-heading" data-testid="cancel">
                <h2 id="cancel-heading">{t.cancel_not_possible_heading}</h2>
                <p>{blocker_text(t, &because)}</p>
                <p class="muted">{t.cancel_contact_shop}</p>
            </section>
        }
        .into_any(),
    }
}
