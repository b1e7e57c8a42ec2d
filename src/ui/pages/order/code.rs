use crate::api::account::{RequestCode, VerifyCode};
use crate::api::Field;
use crate::i18n::fill;
use crate::ui::components::{FormErrorNotice, FormErrors, FormField, Notice};
use crate::ui::use_texts;
use leptos::prelude::*;
use leptos_router::hooks::use_query_map;

/// On a redacted view: ask for a one-time code by email, then type it to see everything.
#[component]
pub fn CodeCard(number: String, masked_email: String) -> impl IntoView {
    let t = use_texts();
    let query = use_query_map();
    let request = ServerAction::<RequestCode>::new();
    let verify = ServerAction::<VerifyCode>::new();
    let request_errors = FormErrors::of_action(request);
    let verify_errors = FormErrors::of_action(verify);
    let number_again = number.clone();
    let sent_text = fill(t.code_sent, &[("email", &masked_email)]);
    let sent = move || {
        let text = sent_text.clone();
        (query.read().get("code").as_deref() == Some("sent"))
            .then(move || view! { <Notice tone="success"><p>{text}</p></Notice> })
    };
    view! {
        <section class="card" aria-labelledby="code-heading">
            <h2 id="code-heading">{t.code_heading}</h2>
            <p>{fill(t.code_intro, &[("email", &masked_email)])}</p>
            <div role="status" aria-live="polite">{sent}</div>
            <ActionForm action=request attr:class="stack">
                <FormErrorNotice errors=request_errors/>
                <input type="hidden" name="number" value=number.clone()/>
                <button type="submit" class="button" disabled=move || request.pending().get()>{t.code_request_submit}</button>
            </ActionForm>
            <ActionForm action=verify attr:class="stack" attr:novalidate=true>
                <FormErrorNotice errors=verify_errors/>
                <input type="hidden" name="number" value=number_again/>
                <FormField id="otp-code" name="code" kind="text" label=t.code_label autocomplete="one-time-code"
                    max_length=12 error=verify_errors.field(Field::Code)/>
                <button type="submit" class="button primary" disabled=move || verify.pending().get()>{t.code_verify_submit}</button>
            </ActionForm>
        </section>
    }
}
