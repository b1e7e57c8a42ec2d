//! The merchant's reports.

use super::AppError;
use crate::domain::estimate::Tally;
use crate::domain::CancelReason;
use leptos::prelude::*;
use serde::{Deserialize, Serialize};

/// The periods a report covers, in days.
pub const PERIODS: [u32; 4] = [7, 30, 90, 365];

/// Why orders (or lines) were cancelled, as counted.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(tag = "by", rename_all = "snake_case")]
pub enum ReportReason {
    /// The shopper's pick from the shop's list (its label today; `None` when none was
    /// recorded).
    Shopper { label: Option<String> },
    /// The shop (or its system) cancelled, for this reason.
    Shop { reason: Option<CancelReason> },
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct CancellationReport {
    pub days: u32,
    pub total: i64,
    pub by_shoppers: i64,
    /// Most frequent first.
    pub by_reason: Vec<(ReportReason, i64)>,
    /// Counts per time since placement: < 15 min, < 1 h, < 1 day, < 7 days, later.
    pub by_age: Vec<i64>,
}

/// Cancellations of the last `days` days (one of `PERIODS`; anything else reads as 30).
#[server(prefix = "/fn", endpoint = "admin_reports")]
pub async fn get_reports(#[server(default)] days: u32) -> Result<CancellationReport, AppError> {
    use crate::server::services::{merchant_auth, reports};
    let ctx = crate::server::web::Ctx::current()?;
    let result = async {
        merchant_auth::current(&ctx).await?;
        reports::cancellations(&ctx.state, days).await
    }
    .await;
    ctx.respond(result)
}

/// How well ship-by promises were kept over a period (actual ship date = first shipment).
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct AccuracyReport {
    pub days: u32,
    pub orders: Tally,
    /// By product, most shipped first.
    pub by_product: Vec<ProductAccuracy>,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct ProductAccuracy {
    pub sku: String,
    pub title: String,
    pub tally: Tally,
}

/// Estimate accuracy of the last `days` days (one of `PERIODS`; anything else reads as 30).
#[server(prefix = "/fn", endpoint = "admin_report_accuracy")]
pub async fn get_accuracy(#[server(default)] days: u32) -> Result<AccuracyReport, AppError> {
    use crate::server::services::{merchant_auth, reports};
    let ctx = crate::server::web::Ctx::current()?;
    let result = async {
        merchant_auth::current(&ctx).await?;
        reports::accuracy(&ctx.state, days).await
    }
    .await;
    ctx.respond(result)
}
