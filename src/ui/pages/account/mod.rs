//! Customer accounts: sign-in, the list of orders, and choosing a password from an emailed link.

mod password;

pub use password::SetPasswordPage;

use crate::api::account::{
    get_account, AccountLogin, AccountLogout, AccountPage, RequestAccountLink,
};
use crate::api::{AppError, Field};
use crate::i18n::{fill, format_datetime};
use crate::ui::components::{FormErrorNotice, FormErrors, FormField, Kept, Notice};
use crate::ui::use_texts;
use leptos::either::EitherOf3;
use leptos::prelude::*;
use leptos_meta::Title;
use leptos_router::components::Redirect;
use leptos_router::hooks::use_query_map;

/// `/account/login`: sign in, or ask for a link to choose a password.
#[component]
pub fn AccountLoginPage() -> impl IntoView {
    let t = use_texts();
    let query = use_query_map();
    let login = ServerAction::<AccountLogin>::new();
    let link = ServerAction::<RequestAccountLink>::new();
    let login_errors = FormErrors::of_action(login);
    let link_errors = FormErrors::of_action(link);
    let login_email = Kept::of_action(login).text("email", "");
    let link_email = Kept::of_action(link).text("email", "");
    let notice = move || {
        let q = query.read();
        let text = if q.get("sent").is_some() {
            Some(t.account_link_sent)
        } else if q.get("password").is_some() {
            Some(t.password_set_done)
        } else {
            None
        };
        text.map(|text| view! { <Notice tone="success"><p>{text}</p></Notice> })
    };
    view! {
        <Title text=t.account_login_title/>
        <section class="card narrow">
            <h1>{t.account_login_title}</h1>
            <div role="status" aria-live="polite">{notice}</div>
            <p class="lead">{t.account_login_intro}</p>
            <ActionForm action=login attr:class="stack" attr:novalidate=true>
                <FormErrorNotice errors=login_errors/>
                <FormField id="account-email" name="email" kind="email" label=t.lookup_email_label
                    autocomplete="username" value=login_email max_length=254 error=login_errors.field(Field::Email)/>
                <FormField id="account-password" name="password" kind="password" label=t.admin_password_label
                    autocomplete="current-password" max_length=128 error=login_errors.field(Field::Password)/>
                <button type="submit" class="button primary" disabled=move || login.pending().get()>{t.account_login_submit}</button>
            </ActionForm>
        </section>
        <section class="card narrow" aria-labelledby="account-create-heading">
            <h2 id="account-create-heading">{t.account_create_heading}</h2>
            <p>{t.account_create_intro}</p>
            <ActionForm action=link attr:class="stack" attr:novalidate=true>
                <FormErrorNotice errors=link_errors/>
                <FormField id="link-email" name="email" kind="email" label=t.lookup_email_label
                    autocomplete="email" value=link_email max_length=254 error=link_errors.field(Field::Email)/>
                <button type="submit" class="button" disabled=move || link.pending().get()>{t.account_create_submit}</button>
            </ActionForm>
        </section>
    }
}

/// `/account`: every order placed with the signed-in email, newest first.
#[component]
pub fn AccountPageView() -> impl IntoView {
    let t = use_texts();
    let account = Resource::new(|| (), |_| get_account());
    view! {
        <Title text=t.account_title/>
        <Suspense fallback=|| ()>
            {move || Suspend::new(async move {
                match account.await {
                    Ok(page) => EitherOf3::A(view! { <Orders page/> }),
                    Err(AppError::Unauthorized) => EitherOf3::B(view! { <Redirect path="/account/login"/> }),
                    Err(e) => EitherOf3::C(view! { <p role="alert">{e.message(t)}</p> }),
                }
            })}
        </Suspense>
    }
}

#[component]
fn Orders(page: AccountPage) -> impl IntoView {
    let t = use_texts();
    let logout = ServerAction::<AccountLogout>::new();
    let empty = page
        .orders
        .is_empty()
        .then(|| view! { <p class="muted">{t.account_no_orders}</p> });
    let items = page
        .orders
        .into_iter()
        .map(|o| {
            let label = fill(t.account_view, &[("number", &o.number)]);
            let cancelled = o.cancelled.then(
                || view! { <span class="chip chip-cancelled">{t.account_order_cancelled}</span> },
            );
            view! {
                <li class="account-order">
                    <a href=format!("/orders/{}", o.number)>{label}</a>
                    <span class="muted">{format_datetime(t, o.placed_at)}</span>
                    {cancelled}
                </li>
            }
        })
        .collect_view();
    view! {
        <div class="admin-head">
            <h1>{t.account_title}</h1>
            <p class="muted">{fill(t.account_signed_in_as, &[("email", &page.email)])}</p>
            <ActionForm action=logout>
                <button type="submit" class="button">{t.account_logout}</button>
            </ActionForm>
        </div>
        <section class="card">
            <ul class="plain" data-testid="account-orders">{items}</ul>
            {empty}
        </section>
    }
}
