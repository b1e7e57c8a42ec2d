use super::{FormErrorNotice, FormErrors, FormField, Kept};
use crate::api::lookup::LookupOrder;
use crate::api::Field;
use crate::ui::use_texts;
use leptos::prelude::*;

/// Order number + email. Works as a plain HTML form; with JavaScript it submits in place.
#[component]
pub fn LookupForm(prefill_number: Option<String>) -> impl IntoView {
    let t = use_texts();
    let action = ServerAction::<LookupOrder>::new();
    let errors = FormErrors::of_action(action);
    let kept = Kept::of_action(action);
    view! {
        <ActionForm action attr:class="stack" attr:novalidate=true>
            <FormErrorNotice errors/>
            <FormField
                id="order-number"
                name="order_number"
                label=t.lookup_number_label
                hint=t.lookup_number_hint
                autocomplete="off"
                value=kept.text("order_number", prefill_number.unwrap_or_default())
                max_length=40
                error=errors.field(Field::OrderNumber)
            />
            <FormField
                id="email"
                name="email"
                kind="email"
                label=t.lookup_email_label
                hint=t.lookup_email_hint
                autocomplete="email"
                value=kept.text("email", "")
                max_length=254
                error=errors.field(Field::Email)
            />
            <button type="submit" class="button primary" disabled=move || action.pending().get()>
                {move || if action.pending().get() { t.lookup_submitting } else { t.lookup_submit }}
            </button>
        </ActionForm>
    }
}
