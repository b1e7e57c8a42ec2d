use crate::api::admin::AdminLogin;
use crate::api::{AppError, Field};
use crate::ui::components::{FormField, Notice};
use crate::ui::use_texts;
use leptos::prelude::*;
use leptos_meta::Title;

/// `/admin/login`.
#[component]
pub fn AdminLoginPage() -> impl IntoView {
    let t = use_texts();
    let action = ServerAction::<AdminLogin>::new();
    let error = move || action.value().get().and_then(Result::err);
    let field_error = move |field: Field| {
        Signal::derive(move || {
            error()
                .filter(|e| e.field() == Some(field))
                .map(|e| e.message(t))
        })
    };
    let form_error = move || {
        error()
            .filter(|e: &AppError| e.field().is_none())
            .map(|e| view! { <Notice tone="error" alert=true><p>{e.message(t)}</p></Notice> })
    };
    view! {
        <Title text=t.admin_login_title/>
        <section class="card narrow">
            <h1>{t.admin_login_title}</h1>
            <p class="lead">{t.admin_login_intro}</p>
            <ActionForm action attr:class="stack" attr:novalidate=true>
                <div aria-live="polite">{form_error}</div>
                <FormField
                    id="admin-email"
                    name="email"
                    kind="email"
                    label=t.admin_email_label
                    autocomplete="username"
                    max_length=254
                    error=field_error(Field::Email)
                />
                <FormField
                    id="admin-password"
                    name="password"
                    kind="password"
                    label=t.admin_password_label
                    autocomplete="current-password"
                    max_length=128
                    error=field_error(Field::Password)
                />
                <button type="submit" class="button primary" disabled=move || action.pending().get()>
                    {t.admin_login_submit}
                </button>
            </ActionForm>
        </section>
    }
}
