//! `/admin/settings/integrations`: API tokens, the webhook endpoint and its deliveries.

use super::AppError;
use jiff::civil::DateTime;
use leptos::prelude::*;
use serde::{Deserialize, Serialize};

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct TokenView {
    pub id: i64,
    pub name: String,
    pub created_at: DateTime,
    pub last_used_at: Option<DateTime>,
    pub revoked: bool,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Delivery {
    pub id: i64,
    pub event_id: String,
    pub event_type: String,
    /// `pending`, `sent` or `dead`.
    pub status: String,
    pub attempts: i64,
    pub last_error: Option<String>,
    pub at: DateTime,
}

/// The random part of a secret created a moment ago (shown once, without JavaScript too).
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Revealed(pub String);

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Integrations {
    pub can_manage: bool,
    pub tokens: Vec<TokenView>,
    pub endpoint: Option<String>,
    pub deliveries: Vec<Delivery>,
    pub revealed: Option<Revealed>,
}

#[server(prefix = "/fn", endpoint = "integrations")]
pub async fn get_integrations() -> Result<Integrations, AppError> {
    use crate::server::services::{integrations, merchant_auth};
    use crate::server::web::Ctx;
    let ctx = Ctx::current()?;
    let result = async {
        let me = merchant_auth::current(&ctx).await?;
        integrations::page(&ctx, &me).await
    }
    .await;
    ctx.respond(result)
}

/// Runs an owner action and returns to the page with `done` (forms work without JavaScript).
#[cfg(feature = "ssr")]
async fn owner_action<T, F, Fut>(done: &str, action: F) -> Result<T, AppError>
where
    F: FnOnce(crate::server::web::Ctx, crate::server::services::merchant_auth::Merchant) -> Fut,
    Fut: std::future::Future<Output = crate::server::services::ServiceResult<T>>,
{
    use crate::server::services::merchant_auth;
    use crate::server::web::Ctx;
    let ctx = Ctx::current()?;
    let me = match merchant_auth::current(&ctx).await {
        Ok(me) => me,
        Err(e) => return ctx.respond(Err(e)),
    };
    let result = action(ctx.clone(), me).await;
    let value = ctx.respond(result)?;
    leptos_axum::redirect(&format!("/admin/settings/integrations?done={done}"));
    Ok(value)
}

#[server(prefix = "/fn", endpoint = "api_token_create")]
pub async fn create_api_token(name: String) -> Result<String, AppError> {
    use crate::server::services::integrations;
    owner_action("token_created", |ctx, me| async move {
        integrations::new_token(&ctx, &me, &name).await
    })
    .await
}

#[server(prefix = "/fn", endpoint = "api_token_revoke")]
pub async fn revoke_api_token(token: i64) -> Result<(), AppError> {
    use crate::server::services::integrations;
    owner_action("token_revoked", |ctx, me| async move {
        integrations::revoke_token(&ctx, &me, token).await
    })
    .await
}

#[server(prefix = "/fn", endpoint = "webhook_endpoint")]
pub async fn set_webhook_endpoint(url: String) -> Result<Option<String>, AppError> {
    use crate::server::services::integrations;
    owner_action("endpoint_saved", |ctx, me| async move {
        integrations::set_endpoint(&ctx, &me, &url).await
    })
    .await
}

#[server(prefix = "/fn", endpoint = "webhook_secret_rotate")]
pub async fn rotate_webhook_secret() -> Result<String, AppError> {
    use crate::server::services::integrations;
    owner_action("secret_rotated", |ctx, me| async move {
        integrations::rotate_secret(&ctx, &me).await
    })
    .await
}

#[server(prefix = "/fn", endpoint = "webhook_test")]
pub async fn send_test_webhook() -> Result<(), AppError> {
    use crate::server::services::integrations;
    owner_action("test_queued", |ctx, me| async move {
        integrations::send_test(&ctx, &me).await
    })
    .await
}

#[server(prefix = "/fn", endpoint = "webhook_resend")]
pub async fn resend_webhook(delivery: i64) -> Result<(), AppError> {
    use crate::server::services::integrations;
    owner_action("resent", |ctx, me| async move {
        integrations::resend(&ctx, &me, delivery).await
    })
    .await
}
