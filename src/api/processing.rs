//! `/admin/settings/processing`: the business calendar, processing time and shipping methods
//! that every estimate is computed from.
// A server function's arguments are its form's fields.
#![allow(clippy::too_many_arguments)]

use super::AppError;
use crate::domain::calendar::ClosedDay;
use crate::domain::estimate::Window;
use crate::domain::processing::ProcessingSettings;
use jiff::civil::{Date, DateTime};
use leptos::prelude::*;
use serde::{Deserialize, Serialize};

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct ProcessingPage {
    pub settings: ProcessingSettings,
    /// Changes since the start; a form drawn from an older version is refused.
    pub version: i64,
    pub can_manage: bool,
    /// The shop's clock now, in its own time zone.
    pub now_local: DateTime,
    /// The next closed days that fall on working weekdays.
    pub closed_days: Vec<(Date, ClosedDay)>,
    /// What an in-stock item with the default processing time ordered now would get, per
    /// shipping method.
    pub preview: Vec<MethodPreview>,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct MethodPreview {
    pub name: String,
    pub ship: Window,
    pub delivery: Window,
}

/// One shipping method row of the form, as posted.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct MethodRow {
    /// Empty for a method added in this form (made from the name).
    #[serde(default)]
    pub code: String,
    #[serde(default)]
    pub name: String,
    #[serde(default)]
    pub transit_min: String,
    #[serde(default)]
    pub transit_max: String,
    /// Ticked: remove it.
    #[serde(default)]
    pub remove: Option<String>,
}

#[server(prefix = "/fn", endpoint = "processing_settings")]
pub async fn get_processing_settings() -> Result<ProcessingPage, AppError> {
    use crate::server::services::{merchant_auth, processing_settings};
    use crate::server::web::Ctx;
    let ctx = Ctx::current()?;
    let result = async {
        let me = merchant_auth::current(&ctx).await?;
        processing_settings::page(&ctx, &me).await
    }
    .await;
    ctx.respond(result)
}

#[server(prefix = "/fn", endpoint = "processing_settings_save")]
pub async fn save_processing_settings(
    version: i64,
    time_zone: String,
    cutoff: String,
    processing_min: String,
    processing_max: String,
    #[server(default)] working_days: Vec<String>,
    #[server(default)] holiday_calendar: String,
    #[server(default)] holidays: String,
    #[server(default)] methods: Vec<MethodRow>,
) -> Result<(), AppError> {
    use crate::server::services::{merchant_auth, processing_settings};
    use crate::server::web::Ctx;
    let ctx = Ctx::current()?;
    let result = async {
        let me = merchant_auth::current(&ctx).await?;
        let form = processing_settings::ProcessingForm {
            version,
            time_zone: &time_zone,
            working_days: &working_days,
            cutoff: &cutoff,
            holiday_calendar: &holiday_calendar,
            holidays: &holidays,
            processing: (&processing_min, &processing_max),
            methods: &methods,
        };
        processing_settings::save(&ctx, &me, form).await
    }
    .await;
    ctx.respond(result)?;
    leptos_axum::redirect("/admin/settings/processing?done=saved");
    Ok(())
}
