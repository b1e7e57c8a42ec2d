//! The order status page's data, as far as the session may see it.

use super::order_view::build;
use super::ServiceResult;
use super::{backorders, cancellation, estimates};
use crate::api::views::{Access, OrderPage};
use crate::api::AppError;
use crate::domain::OrderNumber;
use crate::server::store::millis;
use crate::server::store::orders::{self, OrderState};
use crate::server::store::rows::OrderRow;
use crate::server::tokens::hash_token;
use crate::server::web::Ctx;

/// An order the locale middleware already read for this request (to pick the page language),
/// with this session's access to it: the page uses it instead of reading both again.
#[derive(Debug, Clone)]
pub struct SeenOrder {
    pub order: OrderRow,
    pub access: String,
    /// Its hold and counts, read with it.
    pub state: OrderState,
    /// The session it was read for (the page checks it is its own).
    pub token_hash: String,
}

/// Unknown orders and orders this session has no grant for are refused alike.
#[tracing::instrument(skip_all, fields(order = %raw_number.chars().take(40).collect::<String>()))]
pub async fn load(ctx: &Ctx, raw_number: &str) -> ServiceResult<OrderPage> {
    let number = OrderNumber::parse(raw_number).map_err(|_| AppError::Forbidden)?;
    let token = ctx.session_token().ok_or(AppError::Forbidden)?;
    let token_hash = hash_token(&token);
    let mut conn = ctx.state.db.read().await?;
    let seen = ctx
        .parts
        .extensions
        .get::<SeenOrder>()
        .filter(|seen| seen.order.number == number.as_str() && seen.token_hash == token_hash)
        .cloned();
    let (order, level, state) = match seen {
        Some(SeenOrder {
            order,
            access,
            state,
            ..
        }) => (order, Some(access), state),
        None => {
            let now = millis(ctx.state.now());
            orders::find_for_session(&mut conn, number.as_str(), &token_hash, now)
                .await?
                .ok_or(AppError::Forbidden)?
        }
    };
    let access = match level {
        Some(level) if level == "verified" => Access::Verified,
        Some(_) => Access::Redacted,
        None => return Err(AppError::Forbidden.into()),
    };
    let stored = orders::load_seen(&mut conn, order, state, true).await?;
    let (cancellation, backorders) = match access {
        Access::Verified => (
            Some(cancellation::view(&ctx.state, &mut conn, &stored).await?),
            backorders::view(&ctx.state, &mut conn, &stored).await?,
        ),
        Access::Redacted => (None, None),
    };
    let estimate = estimates::shown(&ctx.state, &mut conn, &stored).await?;
    Ok(OrderPage {
        access,
        order: build(&ctx.state, &stored, access, &estimate)?,
        cancellation,
        backorders,
    })
}
