//! One order in the merchant console: what the shop sees of it and what it can do with it.
//! Every action carries the order version the form was drawn from; a stale or repeated submit
//! changes nothing and answers `Conflict`.

use super::views::OrderView;
use super::AppError;
use crate::domain::backorder::NoticeAnswer;
use crate::domain::{
    Actor, BackorderChoice, FulfilmentStatus, HoldReason, Lifecycle, Money, OrderEvent,
};
use jiff::civil::{Date, DateTime};
use leptos::prelude::*;
use serde::{Deserialize, Serialize};

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct AdminOrder {
    /// The full (verified) view the shopper also sees.
    pub view: OrderView,
    pub version: i64,
    pub email: String,
    pub lifecycle: Lifecycle,
    pub fulfilment: FulfilmentStatus,
    /// Line ids and still-open units, in the order of `view.lines`.
    pub lines: Vec<AdminLine>,
    /// Parcel ids, in the order of `view.shipments`.
    pub shipment_ids: Vec<i64>,
    pub hold: Option<AdminHold>,
    /// A shopper's cancellation request waiting for an answer.
    pub request: Option<AdminRequest>,
    /// What a cancellation now would refund.
    pub refundable: Money,
    /// Lines that wait (or waited) for stock, in the order of `view.lines`.
    pub backorders: Vec<AdminBackorder>,
    pub timeline: Vec<AdminEvent>,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct AdminLine {
    pub id: i64,
    pub open: u32,
}

/// A line that waits for stock, or did: one the shopper made a choice for or was sent a delay
/// notice about.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct AdminBackorder {
    pub title: String,
    /// Open units still waiting for stock.
    pub waiting: u32,
    pub choice: BackorderChoice,
    /// When the shopper made that choice (shop-local); `None` when they never chose.
    pub chosen_at: Option<DateTime>,
    /// Oldest first.
    pub notices: Vec<AdminNotice>,
}

/// A delay notice sent about a line, and the shopper's answer.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct AdminNotice {
    pub sent_at: DateTime,
    /// The last ship-by day the notice gave; `None` when there was no restock date.
    pub ship_latest: Option<Date>,
    pub answer: Option<NoticeAnswer>,
    pub answered_at: Option<DateTime>,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct AdminRequest {
    /// The shopper's reason (their words for "other").
    pub reason: String,
    pub at: DateTime,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct AdminHold {
    pub reason: HoldReason,
    pub note: Option<String>,
    pub placed_at: DateTime,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct AdminEvent {
    pub at: DateTime,
    pub actor: Actor,
    /// The merchant user who acted, when one did.
    pub user: Option<String>,
    pub event: OrderEvent,
}

/// One line of a shipment form: `lines[i][line]` and `lines[i][quantity]`.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct ShipLine {
    pub line: i64,
    /// As typed; an empty box means none of this item.
    #[serde(default)]
    pub quantity: String,
}

#[server(prefix = "/fn", endpoint = "admin_order")]
pub async fn get_admin_order(number: String) -> Result<AdminOrder, AppError> {
    use crate::server::services::{merchant_auth, order_admin};
    use crate::server::web::Ctx;
    let ctx = Ctx::current()?;
    let result = async {
        merchant_auth::current(&ctx).await?;
        order_admin::load(&ctx.state, &number).await
    }
    .await;
    ctx.respond(result)
}

#[cfg(feature = "ssr")]
fn back_to(number: &str, done: &str) {
    let query = format!("?done={done}");
    leptos_axum::redirect(&super::order_redirect("/admin/orders", number, &query));
}

#[server(prefix = "/fn", endpoint = "admin_place_hold")]
pub async fn admin_place_hold(
    number: String,
    version: i64,
    reason: String,
    #[server(default)] note: String,
) -> Result<(), AppError> {
    use crate::server::services::{handling, merchant_auth};
    use crate::server::web::Ctx;
    let ctx = Ctx::current()?;
    let result = async {
        let merchant = merchant_auth::current(&ctx).await?;
        let change = handling::Change::new(&ctx.state, &merchant, &number, version);
        handling::place_hold(change, &reason, &note).await
    }
    .await;
    ctx.respond(result)?;
    back_to(&number, "hold_placed");
    Ok(())
}

#[server(prefix = "/fn", endpoint = "admin_release_hold")]
pub async fn admin_release_hold(number: String, version: i64) -> Result<(), AppError> {
    use crate::server::services::{handling, merchant_auth};
    use crate::server::web::Ctx;
    let ctx = Ctx::current()?;
    let result = async {
        let merchant = merchant_auth::current(&ctx).await?;
        let change = handling::Change::new(&ctx.state, &merchant, &number, version);
        handling::release_hold(change).await
    }
    .await;
    ctx.respond(result)?;
    back_to(&number, "hold_released");
    Ok(())
}

#[server(prefix = "/fn", endpoint = "admin_ship")]
pub async fn admin_ship(
    number: String,
    version: i64,
    #[server(default)] lines: Vec<ShipLine>,
    #[server(default)] carrier: String,
    #[server(default)] tracking_number: String,
    #[server(default)] tracking_url: String,
) -> Result<(), AppError> {
    use crate::server::services::{handling, merchant_auth};
    use crate::server::web::Ctx;
    let ctx = Ctx::current()?;
    let result = async {
        let merchant = merchant_auth::current(&ctx).await?;
        let change = handling::Change::new(&ctx.state, &merchant, &number, version);
        let parcel = handling::ParcelInput {
            lines: &lines,
            carrier: &carrier,
            tracking_number: &tracking_number,
            tracking_url: &tracking_url,
        };
        handling::ship(change, &parcel).await
    }
    .await;
    ctx.respond(result)?;
    back_to(&number, "shipped");
    Ok(())
}

#[server(prefix = "/fn", endpoint = "admin_mark_delivered")]
pub async fn admin_mark_delivered(
    number: String,
    version: i64,
    shipment: i64,
) -> Result<(), AppError> {
    use crate::server::services::{handling, merchant_auth};
    use crate::server::web::Ctx;
    let ctx = Ctx::current()?;
    let result = async {
        let merchant = merchant_auth::current(&ctx).await?;
        let change = handling::Change::new(&ctx.state, &merchant, &number, version);
        handling::mark_delivered(change, shipment).await
    }
    .await;
    ctx.respond(result)?;
    back_to(&number, "delivered");
    Ok(())
}

#[server(prefix = "/fn", endpoint = "admin_cancel")]
pub async fn admin_cancel(
    number: String,
    version: i64,
    reason: String,
    #[server(default)] restock: Option<String>,
    #[server(default)] notify: Option<String>,
) -> Result<(), AppError> {
    use crate::server::services::{handling, merchant_auth};
    use crate::server::web::Ctx;
    let ctx = Ctx::current()?;
    let result = async {
        let merchant = merchant_auth::current(&ctx).await?;
        let change = handling::Change::new(&ctx.state, &merchant, &number, version);
        handling::cancel(change, &reason, restock.is_some(), notify.is_some()).await
    }
    .await;
    ctx.respond(result)?;
    back_to(&number, "cancelled");
    Ok(())
}

/// Approve (cancels the order) or reject (with a message) the shopper's cancellation request.
#[server(prefix = "/fn", endpoint = "admin_answer_request")]
pub async fn admin_answer_request(
    number: String,
    version: i64,
    approve: bool,
    #[server(default)] message: String,
) -> Result<(), AppError> {
    use crate::server::services::{handling, merchant_auth};
    use crate::server::web::Ctx;
    let ctx = Ctx::current()?;
    let result = async {
        let merchant = merchant_auth::current(&ctx).await?;
        let change = handling::Change::new(&ctx.state, &merchant, &number, version);
        handling::answer_request(change, approve, &message).await
    }
    .await;
    ctx.respond(result)?;
    back_to(
        &number,
        if approve {
            "request_approved"
        } else {
            "request_rejected"
        },
    );
    Ok(())
}
