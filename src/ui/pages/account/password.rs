use crate::api::account::{password_link, PasswordFor, SetPassword};
use crate::api::{AppError, Field};
use crate::ui::components::{FormErrorNotice, FormErrors, FormField};
use crate::ui::use_texts;
use leptos::either::Either;
use leptos::prelude::*;
use leptos_meta::Title;
use leptos_router::hooks::use_params_map;

/// `/password/{token}`: choose a password from an invitation or account email.
#[component]
pub fn SetPasswordPage() -> impl IntoView {
    let t = use_texts();
    let params = use_params_map();
    let token = move || params.read().get("token").unwrap_or_default();
    let target = Resource::new(token, password_link);
    let action = ServerAction::<SetPassword>::new();
    let errors = FormErrors::of_action(action);
    view! {
        <Title text=t.setpw_title/>
        <section class="card narrow">
            <h1>{t.setpw_title}</h1>
            <Suspense fallback=|| ()>
                {move || Suspend::new(async move {
                    match target.await {
                        Ok(who) => Either::Left(view! {
                            <p class="lead">{match who { PasswordFor::Team => t.setpw_intro_team, PasswordFor::Customer => t.setpw_intro_customer }}</p>
                            <ActionForm action attr:class="stack" attr:novalidate=true>
                                <FormErrorNotice errors/>
                                <input type="hidden" name="token" value=token()/>
                                <FormField id="new-password" name="new_password" kind="password" label=t.password_new_label
                                    hint=t.password_new_hint autocomplete="new-password" max_length=128 error=errors.field(Field::NewPassword)/>
                                <FormField id="repeat-password" name="repeat_password" kind="password" label=t.password_repeat_label
                                    autocomplete="new-password" max_length=128 error=Signal::derive(|| None::<String>)/>
                                <button type="submit" class="button primary" disabled=move || action.pending().get()>{t.setpw_submit}</button>
                            </ActionForm>
                        }),
                        Err(AppError::NotFound) | Err(_) => Either::Right(view! { <p role="alert">{t.setpw_invalid}</p> }),
                    }
                })}
            </Suspense>
        </section>
    }
}
