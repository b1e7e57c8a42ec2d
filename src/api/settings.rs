//! `/admin/settings/cancellation`: the shop's self-service cancellation policy.

use super::AppError;
use crate::domain::cancellation::Policy;
use jiff::civil::DateTime;
use leptos::prelude::*;
use serde::{Deserialize, Serialize};

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct CancellationSettings {
    pub policy: Policy,
    /// Changes since the start; a form drawn from an older version is refused.
    pub version: i64,
    pub can_manage: bool,
    /// The shop's clock now, for the preview "an order placed now could be cancelled until …".
    pub now_local: DateTime,
}

/// One reason row of the form, as posted.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct ReasonRow {
    /// Empty for a reason added in this form (made from the label).
    #[serde(default)]
    pub code: String,
    #[serde(default)]
    pub label: String,
    /// Where it goes in the list (1 = first); ties keep the form's order.
    #[serde(default)]
    pub position: String,
    /// Ticked: remove it.
    #[serde(default)]
    pub remove: Option<String>,
    /// The label in other languages, by language tag; empty ones are none.
    #[serde(default)]
    pub translations: std::collections::BTreeMap<String, String>,
}

#[server(prefix = "/fn", endpoint = "cancellation_settings")]
pub async fn get_cancellation_settings() -> Result<CancellationSettings, AppError> {
    use crate::server::services::{merchant_auth, settings};
    use crate::server::web::Ctx;
    let ctx = Ctx::current()?;
    let result = async {
        let me = merchant_auth::current(&ctx).await?;
        settings::cancellation(&ctx, &me).await
    }
    .await;
    ctx.respond(result)
}

#[allow(clippy::too_many_arguments)]
#[server(prefix = "/fn", endpoint = "cancellation_settings_save")]
pub async fn save_cancellation_settings(
    version: i64,
    window_minutes: String,
    #[server(default)] enabled: Option<String>,
    #[server(default)] requests_after_window: Option<String>,
    #[server(default)] restock: Option<String>,
    #[server(default)] allow_line_cancel: Option<String>,
    #[server(default)] reasons: Vec<ReasonRow>,
) -> Result<(), AppError> {
    use crate::server::services::{merchant_auth, settings};
    use crate::server::web::Ctx;
    let ctx = Ctx::current()?;
    let result = async {
        let me = merchant_auth::current(&ctx).await?;
        let form = settings::CancellationForm {
            version,
            window_minutes: &window_minutes,
            enabled: enabled.is_some(),
            requests_after_window: requests_after_window.is_some(),
            restock: restock.is_some(),
            allow_line_cancel: allow_line_cancel.is_some(),
            reasons: &reasons,
        };
        settings::save_cancellation(&ctx, &me, form).await
    }
    .await;
    ctx.respond(result)?;
    leptos_axum::redirect("/admin/settings/cancellation?done=saved");
    Ok(())
}
