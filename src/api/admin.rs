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

/// Which orders the list shows.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum OrderFilter {
    #[default]
    All,
    Open,
    Unfulfilled,
    Backordered,
    OnHold,
    Requested,
    Cancelled,
}

impl OrderFilter {
    pub const ALL: [OrderFilter; 7] = [
        OrderFilter::All,
        OrderFilter::Open,
        OrderFilter::Unfulfilled,
        OrderFilter::Backordered,
        OrderFilter::OnHold,
        OrderFilter::Requested,
        OrderFilter::Cancelled,
    ];

    pub fn as_str(&self) -> &'static str {
        match self {
            OrderFilter::All => "all",
            OrderFilter::Open => "open",
            OrderFilter::Unfulfilled => "unfulfilled",
            OrderFilter::Backordered => "backordered",
            OrderFilter::OnHold => "on_hold",
            OrderFilter::Requested => "requested",
            OrderFilter::Cancelled => "cancelled",
        }
    }

    /// Unknown values show everything rather than an error page.
    pub fn parse(text: &str) -> Self {
        Self::ALL
            .into_iter()
            .find(|f| f.as_str() == text)
            .unwrap_or_default()
    }
}

/// The one word the list shows for an order, most pressing first.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum ListStatus {
    Cancelled,
    CancellationRequested,
    OnHold,
    WaitingForStock,
    NotYetShipped,
    Shipped,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct OrderListRow {
    pub number: String,
    pub email: String,
    pub customer_name: String,
    pub placed_at: jiff::civil::DateTime,
    pub status: ListStatus,
    pub total: crate::domain::Money,
    /// The lines waiting for stock, each with the shopper's choice (empty for most orders).
    pub backorders: Vec<ListBackorder>,
}

/// A listed order's line that waits for stock.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct ListBackorder {
    pub title: String,
    pub waiting: u32,
    pub choice: crate::domain::BackorderChoice,
    /// The latest delay notice about the line; `None` when none was sent.
    pub notice: Option<ListNotice>,
}

/// Where a line's latest delay notice stands.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum ListNotice {
    Unanswered,
    Answered(crate::domain::backorder::NoticeAnswer),
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct OrderList {
    pub rows: Vec<OrderListRow>,
    /// Cursor of the next page (keyset: placed time and id of the last row).
    pub next: Option<String>,
}

/// Orders, newest first, filtered and searched (exact order number or email), 25 at a time.
#[server(prefix = "/fn", endpoint = "admin_orders")]
pub async fn admin_orders(filter: String, q: String, after: String) -> Result<OrderList, AppError> {
    use crate::server::services::{merchant_auth, order_list};
    use crate::server::web::Ctx;
    let ctx = Ctx::current()?;
    let result = async {
        merchant_auth::current(&ctx).await?;
        let query = order_list::Query::parse(&filter, &q, &after)?;
        order_list::page(&ctx.state, &query).await
    }
    .await;
    ctx.respond(result)
}
