//! Customer accounts, set-password links and one-time codes.

use super::AppError;
use jiff::civil::DateTime;
use leptos::prelude::*;
use serde::{Deserialize, Serialize};

/// Whom a set-password link belongs to.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum PasswordFor {
    Team,
    Customer,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct AccountOrder {
    pub number: String,
    pub placed_at: DateTime,
    pub cancelled: bool,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct AccountPage {
    pub email: String,
    pub orders: Vec<AccountOrder>,
}

#[server(prefix = "/fn", endpoint = "account_login")]
pub async fn account_login(email: String, password: String) -> Result<(), AppError> {
    use crate::server::web::Ctx;
    let ctx = Ctx::current()?;
    ctx.respond(crate::server::services::accounts::login(&ctx, &email, &password).await)?;
    leptos_axum::redirect("/account");
    Ok(())
}

#[server(prefix = "/fn", endpoint = "account_logout")]
pub async fn account_logout() -> Result<(), AppError> {
    use crate::server::web::Ctx;
    let ctx = Ctx::current()?;
    ctx.respond(crate::server::services::accounts::logout(&ctx).await)?;
    leptos_axum::redirect("/account/login");
    Ok(())
}

#[server(prefix = "/fn", endpoint = "account")]
pub async fn get_account() -> Result<AccountPage, AppError> {
    use crate::server::web::Ctx;
    let ctx = Ctx::current()?;
    ctx.respond(crate::server::services::accounts::page(&ctx).await)
}

/// Sends a set-password link when the email has orders; the answer never says whether it did.
#[server(prefix = "/fn", endpoint = "account_link")]
pub async fn request_account_link(email: String) -> Result<(), AppError> {
    use crate::server::web::Ctx;
    let ctx = Ctx::current()?;
    ctx.respond(crate::server::services::accounts::request_link(&ctx, &email).await)?;
    leptos_axum::redirect("/account/login?sent=1");
    Ok(())
}

#[server(prefix = "/fn", endpoint = "password_link")]
pub async fn password_link(token: String) -> Result<PasswordFor, AppError> {
    use crate::server::web::Ctx;
    let ctx = Ctx::current()?;
    ctx.respond(crate::server::services::accounts::link_target(&ctx, &token).await)
}

#[server(prefix = "/fn", endpoint = "set_password")]
pub async fn set_password(
    token: String,
    new_password: String,
    repeat_password: String,
) -> Result<(), AppError> {
    use crate::server::web::Ctx;
    let ctx = Ctx::current()?;
    let result = crate::server::services::accounts::set_password(
        &ctx,
        &token,
        &new_password,
        &repeat_password,
    )
    .await;
    let target = ctx.respond(result)?;
    leptos_axum::redirect(match target {
        PasswordFor::Team => "/admin/login?password=set",
        PasswordFor::Customer => "/account/login?password=set",
    });
    Ok(())
}

/// Emails a one-time code for an order the session has a redacted view of.
#[server(prefix = "/fn", endpoint = "code_request")]
pub async fn request_code(number: String) -> Result<(), AppError> {
    use crate::server::web::Ctx;
    let ctx = Ctx::current()?;
    ctx.respond(crate::server::services::codes::request(&ctx, &number).await)?;
    leptos_axum::redirect(&super::order_redirect("/orders", &number, "?code=sent"));
    Ok(())
}

#[server(prefix = "/fn", endpoint = "code_verify")]
pub async fn verify_code(number: String, code: String) -> Result<(), AppError> {
    use crate::server::web::Ctx;
    let ctx = Ctx::current()?;
    ctx.respond(crate::server::services::codes::verify(&ctx, &number, &code).await)?;
    leptos_axum::redirect(&super::order_redirect("/orders", &number, ""));
    Ok(())
}
