//! A shopper's cancellation request waiting for the shop: approve (cancels the order, refunds
//! and tells the shopper) or reject with a message to the shopper.

use crate::api::admin_order::{AdminAnswerRequest, AdminRequest};
use crate::api::Field;
use crate::i18n::{fill, format_datetime};
use crate::ui::components::{FormErrorNotice, FormErrors, Kept};
use crate::ui::use_texts;
use leptos::prelude::*;

#[component]
pub fn RequestCard(
    action: ServerAction<AdminAnswerRequest>,
    number: String,
    version: i64,
    request: AdminRequest,
) -> impl IntoView {
    let t = use_texts();
    let errors = FormErrors::of_action(action);
    let message = Kept::of_action(action).text("message", "");
    let message_error = errors.field(Field::Note);
    let asked = fill(
        t.request_asked_at,
        &[("date", &format_datetime(t, request.at))],
    );
    let number_again = number.clone();
    view! {
        <section class="card attention" aria-labelledby="request-heading" data-testid="request">
            <h2 id="request-heading">{t.request_heading}</h2>
            <p class="muted">{asked}</p>
            <p>{fill(t.request_reason, &[("reason", &request.reason)])}</p>
            <FormErrorNotice errors/>
            <ActionForm action attr:class="stack">
                <input type="hidden" name="number" value=number/>
                <input type="hidden" name="version" value=version.to_string()/>
                <input type="hidden" name="approve" value="true"/>
                <button type="submit" class="button danger" disabled=move || action.pending().get()>{t.request_approve}</button>
            </ActionForm>
            <ActionForm action attr:class="stack">
                <input type="hidden" name="number" value=number_again/>
                <input type="hidden" name="version" value=version.to_string()/>
                <input type="hidden" name="approve" value="false"/>
                <div class="field">
                    <label for="reject-message">{t.request_reject_message}</label>
                    <textarea id="reject-message" name="message" maxlength="500" rows="3"
                        aria-describedby="reject-message-error">{message}</textarea>
                    <p id="reject-message-error" class="field-error" role="alert">{move || message_error.get()}</p>
                </div>
                <button type="submit" class="button" disabled=move || action.pending().get()>{t.request_reject}</button>
            </ActionForm>
        </section>
    }
}
