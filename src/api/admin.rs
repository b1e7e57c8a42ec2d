//! Merchant console server functions.

use super::AppError;
use crate::domain::Role;
use leptos::prelude::*;
use serde::{Deserialize, Serialize};

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct DashboardCounts {
    pub open: i64,
    pub unfulfilled: i64,
    pub backordered: i64,
    pub on_hold: i64,
    pub cancellation_requests: i64,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Dashboard {
    pub email: String,
    pub role: Role,
    pub counts: DashboardCounts,
}

/// Signs a merchant user in and opens the overview.
#[server(prefix = "/fn", endpoint = "admin_login")]
pub async fn admin_login(email: String, password: String) -> Result<(), AppError> {
    use crate::server::web::Ctx;
    let ctx = Ctx::current()?;
    let result = crate::server::services::merchant_auth::login(&ctx, &email, &password).await;
    ctx.respond(result)?;
    leptos_axum::redirect("/admin");
    Ok(())
}

/// Ends the merchant session.
#[server(prefix = "/fn", endpoint = "admin_logout")]
pub async fn admin_logout() -> Result<(), AppError> {
    use crate::server::web::Ctx;
    let ctx = Ctx::current()?;
    ctx.respond(crate::server::services::merchant_auth::logout(&ctx).await)?;
    leptos_axum::redirect("/admin/login");
    Ok(())
}

#[server(prefix = "/fn", endpoint = "admin_dashboard")]
pub async fn admin_dashboard() -> Result<Dashboard, AppError> {
    use crate::server::services::{dashboard, merchant_auth};
    use crate::server::web::Ctx;
    let ctx = Ctx::current()?;
    let result = async {
        let merchant = merchant_auth::current(&ctx).await?;
        let counts = dashboard::counts(&mut *ctx.state.db.read().await?).await?;
        Ok(Dashboard {
            email: merchant.email,
            role: merchant.role,
            counts,
        })
    }
    .await;
    ctx.respond(result)
}
