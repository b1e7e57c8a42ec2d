//! The cancel card on a verified order page: cancel until the deadline, or — when the shop
//! allows it — ask the shop to cancel; otherwise why not and what to do instead. Each form is a
//! confirmation step inside a `<details>` disclosure, so it works without JavaScript.

use crate::api::error::blocker_text;
use crate::api::order::{CancelLine, CancelOrder, RequestCancellation};
use crate::api::views::{CancelView, LineCancel, ReasonChoice};
use crate::api::Field;
use crate::domain::cancellation::{Decision, MAX_OTHER_TEXT};
use crate::domain::Money;
use crate::i18n::{fill, format_datetime, format_money, CountdownWords, Locale, Texts};
use crate::ui::components::{Disclosure, FormErrorNotice, FormErrors, Kept};
use crate::ui::use_texts;
use leptos::prelude::*;

/// The reason choice (and the words for "other") every form asks for; `prefix` keeps the
/// element ids of several forms on one page apart.
#[component]
fn ReasonFields(
    #[prop(into)] prefix: String,
    number: String,
    version: i64,
    reasons: Vec<ReasonChoice>,
    errors: FormErrors,
    /// What was typed, when the last post was refused.
    kept: Kept,
) -> impl IntoView {
    let t = use_texts();
    let reason_error = errors.field(Field::Reason);
    let other_error = errors.field(Field::Note);
    let options = reasons
        .into_iter()
        .enumerate()
        .map(|(i, r)| {
            let id = format!("{prefix}-reason-{i}");
            let checked = kept.chosen("reason", &r.code, false);
            view! {
                <div class="check">
                    <input type="radio" id=id.clone() name="reason" value=r.code checked=checked required=true/>
                    <label for=id>{r.label}</label>
                </div>
            }
        })
        .collect_view();
    let (reason_error_id, other_id) = (format!("{prefix}-reason-error"), format!("{prefix}-other"));
    let other_error_id = format!("{other_id}-error");
    let other = kept.text("other", "");
    view! {
        <FormErrorNotice errors/>
        <input type="hidden" name="number" value=number/>
        <input type="hidden" name="version" value=version.to_string()/>
        <fieldset aria-describedby=reason_error_id.clone()>
            <legend>{t.cancel_reason_legend}</legend>
            {options}
            <p id=reason_error_id.clone() class="field-error" role="alert">{move || reason_error.get()}</p>
        </fieldset>
        <div class="field">
            <label for=other_id.clone()>{t.cancel_other_label}</label>
            <textarea id=other_id.clone() name="other" maxlength=MAX_OTHER_TEXT rows="3"
                aria-describedby=other_error_id.clone()>{other}</textarea>
            <p id=other_error_id.clone() class="field-error" role="alert">{move || other_error.get()}</p>
        </div>
    }
}

/// "You get 12,00 € back …", or that nothing was charged.
pub(super) fn refund_text(t: &'static Texts, locale: Locale, refund: Option<Money>) -> String {
    match refund.filter(|m| m.minor > 0) {
        Some(amount) => fill(
            t.cancel_refund_note,
            &[("amount", &format_money(locale, amount))],
        ),
        None => t.cancel_no_payment_note.to_owned(),
    }
}

/// A live "42 min 10 s left to cancel" once the page runs in the browser (the server's page
/// says "until 14:35" without it). At zero the page is loaded again, so the card explains what
/// is possible now. An island: the only code of this card that ships to the browser.
#[island]
fn Countdown(
    seconds_left: i64,
    /// "{time} left to cancel."
    template: String,
    words: CountdownWords,
) -> impl IntoView {
    let left = RwSignal::new(None::<i64>);
    #[cfg(feature = "hydrate")]
    Effect::new(move |_| {
        let start = js_sys::Date::now();
        let tick = move || {
            let gone = ((js_sys::Date::now() - start) / 1000.0) as i64;
            let now_left = (seconds_left - gone).max(0);
            // Only a countdown that was running reloads: a page that arrives at zero stays put.
            if now_left == 0 && matches!(left.get_untracked(), Some(n) if n > 0) {
                let _ = window().location().reload();
            }
            left.set(Some(now_left));
        };
        tick();
        if let Ok(handle) = set_interval_with_handle(tick, std::time::Duration::from_secs(1)) {
            on_cleanup(move || handle.clear());
        }
    });
    #[cfg(not(feature = "hydrate"))]
    let _ = seconds_left;
    view! {
        <p role="timer" class="countdown" data-testid="cancel-countdown">
            {move || left.get().map(|s| fill(&template, &[("time", &words.format(s))]))}
        </p>
    }
}

/// One line the shopper may cancel on its own, with its own confirmation step.
#[component]
fn LineCancelForm(
    number: String,
    version: i64,
    line: LineCancel,
    reasons: Vec<ReasonChoice>,
    locale: Locale,
) -> impl IntoView {
    let t = use_texts();
    let action = ServerAction::<CancelLine>::new();
    let errors = FormErrors::of_action(action);
    let kept = Kept::of_action(action).posted_with("line", &line.line_id.to_string());
    let failed = errors.any();
    let prefix = format!("line-{}", line.line_id);
    let item = fill(
        t.cancel_line_summary,
        &[
            ("quantity", &line.quantity.to_string()),
            ("item", &line.title),
        ],
    );
    view! {
        <li data-testid="cancel-line">
            <Disclosure label=fill(t.cancel_line_open, &[("item", &item)]) open=failed.get_untracked()>
                <ActionForm action attr:class="stack">
                    <input type="hidden" name="line" value=line.line_id.to_string()/>
                    <ReasonFields prefix number version reasons errors kept/>
                    <p data-testid="cancel-line-refund">{refund_text(t, locale, line.refund)}</p>
                    <button type="submit" class="button danger" disabled=move || action.pending().get()>
                        {fill(t.cancel_line_submit, &[("item", &line.title)])}
                    </button>
                </ActionForm>
            </Disclosure>
        </li>
    }
}

/// The lines the shopper may cancel one by one, under the order's own card.
#[component]
fn LineCancels(number: String, view: CancelView, locale: Locale) -> impl IntoView {
    let t = use_texts();
    let forms = view
        .lines
        .into_iter()
        .map(|line| {
            let (number, reasons) = (number.clone(), view.reasons.clone());
            view! { <LineCancelForm number version=view.version line reasons locale/> }
        })
        .collect_view();
    view! {
        <section class="card" aria-labelledby="cancel-lines-heading" data-testid="cancel-lines">
            <h2 id="cancel-lines-heading">{t.cancel_lines_heading}</h2>
            <p>{t.cancel_lines_intro}</p>
            <ul class="plain stack">{forms}</ul>
        </section>
    }
}

#[component]
pub fn CancelCard(number: String, view: CancelView, locale: Locale) -> impl IntoView {
    let lines = (!view.lines.is_empty()).then(|| {
        view! { <LineCancels number=number.clone() view=view.clone() locale/> }
    });
    view! {
        <OrderCancel number view locale/>
        {lines}
    }
}

/// The whole order: cancel, ask the shop, or why neither.
#[component]
fn OrderCancel(number: String, view: CancelView, locale: Locale) -> impl IntoView {
    let t = use_texts();
    let (version, reasons) = (view.version, view.reasons.clone());
    // Each branch creates only the action its form posts to: most orders past the window show
    // neither form.
    match view.decision {
        Decision::Cancel { .. } => {
            let cancel = ServerAction::<CancelOrder>::new();
            let errors = FormErrors::of_action(cancel);
            let kept = Kept::of_action(cancel);
            let failed = errors.any();
            let until = view
                .deadline_local
                .map(|at| fill(t.cancel_until, &[("time", &format_datetime(t, at))]));
            let refund = refund_text(t, locale, view.refund);
            let countdown = view.seconds_left.map(|seconds_left| {
                let (template, words) = (t.cancel_time_left.to_owned(), CountdownWords::of(t));
                view! { <Countdown seconds_left template words/> }
            });
            view! {
                <section class="card" aria-labelledby="cancel-heading" data-testid="cancel">
                    <h2 id="cancel-heading">{t.cancel_heading}</h2>
                    <p data-testid="cancel-until">{until}</p>
                    {countdown}
                    <Disclosure label=t.cancel_open open=failed.get_untracked()>
                        <ActionForm action=cancel attr:class="stack">
                            <ReasonFields prefix="cancel" number version reasons errors kept/>
                            <p data-testid="cancel-refund">{refund}</p>
                            <button type="submit" class="button danger" disabled=move || cancel.pending().get()>{t.cancel_submit}</button>
                        </ActionForm>
                    </Disclosure>
                </section>
            }
            .into_any()
        }
        Decision::Request { because } => {
            let request = ServerAction::<RequestCancellation>::new();
            let errors = FormErrors::of_action(request);
            let kept = Kept::of_action(request);
            let failed = errors.any();
            view! {
                <section class="card" aria-labelledby="cancel-heading" data-testid="cancel">
                    <h2 id="cancel-heading">{t.cancel_not_possible_heading}</h2>
                    <p>{blocker_text(t, &because)}</p>
                    <p>{t.cancel_request_intro}</p>
                    <Disclosure label=t.cancel_request_open open=failed.get_untracked()>
                        <ActionForm action=request attr:class="stack">
                            <ReasonFields prefix="request" number version reasons errors kept/>
                            <button type="submit" class="button" disabled=move || request.pending().get()>{t.cancel_request_submit}</button>
                        </ActionForm>
                    </Disclosure>
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
