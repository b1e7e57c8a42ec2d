//! The merchant's reports.

use super::AppError;
use crate::domain::backorder::NoticeAnswer;
use crate::domain::estimate::Tally;
use crate::domain::{BackorderChoice, CancelReason};
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

/// What happened to backordered items over a period.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct BackorderReport {
    pub days: u32,
    /// Items of orders placed in the period that waited for stock: still backordered, or with
    /// a backorder choice or a delay notice.
    pub backordered_lines: i64,
    /// Of those, the items whose waiting units the shopper cancelled. The opt-out rate is
    /// `opted_out / backordered_lines`.
    pub opted_out: i64,
    /// Choices made in the period, one entry per choice (zeros included).
    pub choices: Vec<(BackorderChoice, i64)>,
    /// Delay notices sent in the period by their answer (`None`: not answered), zeros included.
    pub notices: Vec<(Option<NoticeAnswer>, i64)>,
}

impl BackorderReport {
    /// Nothing to report: no backordered items, choices or notices.
    pub fn is_empty(&self) -> bool {
        self.backordered_lines == 0
            && self.choices.iter().all(|(_, n)| *n == 0)
            && self.notices.iter().all(|(_, n)| *n == 0)
    }
}

/// Backorders of the last `days` days (one of `PERIODS`; anything else reads as 30).
#[server(prefix = "/fn", endpoint = "admin_report_backorders")]
pub async fn get_backorder_report(
    #[server(default)] days: u32,
) -> Result<BackorderReport, AppError> {
    use crate::server::services::{merchant_auth, reports};
    let ctx = crate::server::web::Ctx::current()?;
    let result = async {
        merchant_auth::current(&ctx).await?;
        reports::backorders(&ctx.state, days).await
    }
    .await;
    ctx.respond(result)
}
