//! `/admin/settings/backorders`: which choices shoppers get for items waiting for stock, what
//! shipping the in-stock part first costs, and when delay notices go out.

use super::AppError;
use crate::domain::backorder::BackorderSettings;
use leptos::prelude::*;
use serde::{Deserialize, Serialize};

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct BackorderSettingsPage {
    pub settings: BackorderSettings,
    /// Changes since the start; a form drawn from an older version is refused.
    pub version: i64,
    pub can_manage: bool,
}

#[server(prefix = "/fn", endpoint = "backorder_settings")]
pub async fn get_backorder_settings() -> Result<BackorderSettingsPage, AppError> {
    use crate::server::services::{backorder_settings, merchant_auth};
    use crate::server::web::Ctx;
    let ctx = Ctx::current()?;
    let result = async {
        let me = merchant_auth::current(&ctx).await?;
        backorder_settings::page(&ctx, &me).await
    }
    .await;
    ctx.respond(result)
}

#[server(prefix = "/fn", endpoint = "backorder_settings_save")]
pub async fn save_backorder_settings(
    version: i64,
    delay_threshold_days: String,
    #[server(default)] offer_ship_now: Option<String>,
    #[server(default)] offer_cancel: Option<String>,
    #[server(default)] ship_now_fees: String,
    #[server(default)] delay_notices: Option<String>,
) -> Result<(), AppError> {
    use crate::server::services::{backorder_settings, merchant_auth};
    use crate::server::web::Ctx;
    let ctx = Ctx::current()?;
    let result = async {
        let me = merchant_auth::current(&ctx).await?;
        let form = backorder_settings::BackorderForm {
            version,
            offer_ship_now: offer_ship_now.is_some(),
            offer_cancel: offer_cancel.is_some(),
            ship_now_fees: &ship_now_fees,
            delay_threshold_days: &delay_threshold_days,
            delay_notices: delay_notices.is_some(),
        };
        backorder_settings::save(&ctx, &me, form).await
    }
    .await;
    ctx.respond(result)?;
    leptos_axum::redirect("/admin/settings/backorders?done=saved");
    Ok(())
}
