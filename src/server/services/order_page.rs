//! The order status page's data, as far as the session may see it.

use super::order_view::build;
use super::ServiceResult;
use super::{backorders, cancellation, estimates};
use crate::api::views::{Access, OrderPage};
use crate::api::AppError;
use crate::domain::OrderNumber;
use crate::server::store::{millis, orders, sessions};
use crate::server::tokens::hash_token;
use crate::server::web::Ctx;

/// Unknown orders and orders this session has no grant for are refused alike.
#[tracing::instrument(skip_all, fields(order = %raw_number.chars().take(40).collect::<String>()))]
pub async fn load(ctx: &Ctx, raw_number: &str) -> ServiceResult<OrderPage> {
    let number = OrderNumber::parse(raw_number).map_err(|_| AppError::Forbidden)?;
    let token = ctx.session_token().ok_or(AppError::Forbidden)?;
    let mut conn = ctx.state.db.read().await?;
    let order = orders::find_by_number(&mut conn, number.as_str())
        .await?
        .ok_or(AppError::Forbidden)?;
    let now = millis(ctx.state.now());
    let access = match sessions::access(&mut conn, &hash_token(&token), order.id, now).await? {
        Some(level) if level == "verified" => Access::Verified,
        Some(_) => Access::Redacted,
        None => return Err(AppError::Forbidden.into()),
    };
    let stored = orders::load(&mut conn, order, true).await?;
    let (cancellation, backorders) = match access {
        Access::Verified => (
            Some(cancellation::view(&ctx.state, &mut conn, &stored).await?),
            backorders::view(&ctx.state, &mut conn, &stored).await?,
        ),
        Access::Redacted => (None, None),
    };
    let estimate = estimates::current(&mut conn, &stored).await?;
    Ok(OrderPage {
        access,
        order: build(&ctx.state, &stored, access, &estimate)?,
        cancellation,
        backorders,
    })
}
