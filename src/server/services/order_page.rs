//! The order status page's data, as far as the session may see it.

use super::order_view::build;
use super::ServiceResult;
use super::{backorders, cancellation, estimates};
use crate::api::views::{Access, OrderPage};
use crate::api::AppError;
use crate::domain::OrderNumber;
use crate::server::store::millis;
use crate::server::store::orders;
use crate::server::store::rows::StoredOrder;
use crate::server::tokens::hash_token;
use crate::server::web::Ctx;
use std::sync::Arc;

/// An order the locale middleware already read for this request (to pick the page language),
/// complete as the shopper may see it, with this session's access to it: the page uses it
/// instead of reading it again.
#[derive(Debug)]
pub struct SeenOrder {
    pub stored: StoredOrder,
    pub access: String,
    /// The session it was read for (the page checks it is its own).
    pub token_hash: String,
}

/// Unknown orders and orders this session has no grant for are refused alike.
#[tracing::instrument(skip_all, fields(order = %raw_number.chars().take(40).collect::<String>()))]
pub async fn load(ctx: &Ctx, raw_number: &str) -> ServiceResult<OrderPage> {
    let number = OrderNumber::parse(raw_number).map_err(|_| AppError::Forbidden)?;
    let token = ctx.session_token().ok_or(AppError::Forbidden)?;
    let token_hash = hash_token(&token);
    // Shared, not cloned: the request's extensions are copied wherever its parts go.
    let seen = ctx
        .parts
        .extensions
        .get::<Arc<SeenOrder>>()
        .filter(|seen| seen.stored.order.number == number.as_str() && seen.token_hash == token_hash)
        .cloned();
    let seen = match seen {
        Some(seen) => seen,
        None => {
            let now = millis(ctx.state.now());
            let (stored, access) =
                orders::find_seen(&ctx.state.db, number.as_str(), &token_hash, now)
                    .await?
                    .ok_or(AppError::Forbidden)?;
            Arc::new(SeenOrder {
                stored,
                access: access.ok_or(AppError::Forbidden)?,
                token_hash,
            })
        }
    };
    let access = match seen.access.as_str() {
        "verified" => Access::Verified,
        _ => Access::Redacted,
    };
    let stored = &seen.stored;
    // Nearly always unused: the settings are in memory (`view_settings`).
    let mut conn = ctx.state.db.lazy();
    let (cancellation, backorders) = match access {
        Access::Verified => (
            Some(cancellation::view(&ctx.state, &mut conn, stored, ctx.page_locale()).await?),
            backorders::view(&ctx.state, &mut conn, stored).await?,
        ),
        Access::Redacted => (None, None),
    };
    let estimate = estimates::shown(&ctx.state, &mut conn, stored).await?;
    Ok(OrderPage {
        access,
        order: build(&ctx.state, stored, access, &estimate)?,
        cancellation,
        backorders,
    })
}
