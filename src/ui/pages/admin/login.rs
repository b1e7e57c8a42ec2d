use crate::api::admin::AdminLogin;
use crate::api::Field;
use crate::ui::components::{FormErrorNotice, FormErrors, FormField, Kept};
use crate::ui::use_texts;
use leptos::prelude::*;
use leptos_meta::Title;

/// `/admin/login`.
#[component]
pub fn AdminLoginPage() -> impl IntoView {
    let t = use_texts();
    let action = ServerAction::<AdminLogin>::new();
    let errors = FormErrors::of_action(action);
    let email = Kept::of_action(action).text("email", "");
    view! {
        <Title text=t.admin_login_title/>
        <section class="card narrow">
            <h1>{t.admin_login_title}</h1>
            <p class="lead">{t.admin_login_intro}</p>
            <ActionForm action attr:class="stack" attr:novalidate=true>
                <FormErrorNotice errors/>
                <FormField
                    id="admin-email"
                    name="email"
                    kind="email"
                    label=t.admin_email_label
                    autocomplete="username"
                    value=email
                    max_length=254
                    error=errors.field(Field::Email)
                />
                <FormField
                    id="admin-password"
                    name="password"
                    kind="password"
                    label=t.admin_password_label
                    autocomplete="current-password"
                    max_length=128
                    error=errors.field(Field::Password)
                />
                <button type="submit" class="button primary" disabled=move || action.pending().get()>
                    {t.admin_login_submit}
                </button>
            </ActionForm>
        </section>
    }
}
