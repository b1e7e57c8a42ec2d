use super::views::OrderPage;
use super::AppError;
use leptos::prelude::*;

/// The order as the current session may see it: redacted after a lookup, complete after a
/// signed link. Without any grant (or for an unknown number) the answer is `Forbidden`.
#[server(prefix = "/fn", endpoint = "order")]
pub async fn get_order(number: String) -> Result<OrderPage, AppError> {
    use crate::server::web::Ctx;
    let ctx = Ctx::current()?;
    let result = crate::server::services::order_page::load(&ctx, &number).await;
    ctx.respond(result)
}

/// The shopper cancels the whole order (verified sessions only; the shop's policy decides).
#[server(prefix = "/fn", endpoint = "cancel_order")]
pub async fn cancel_order(
    number: String,
    version: i64,
    reason: String,
    #[server(default)] other: String,
) -> Result<(), AppError> {
    use crate::server::services::cancellation;
    let ctx = crate::server::web::Ctx::current()?;
    let result = cancellation::cancel(&ctx, &number, version, &reason, &other).await;
    back_to_order(&ctx, result, &number, "cancelled")
}

/// The shopper cancels one line — all its units not yet shipped — when the shop allows it.
#[server(prefix = "/fn", endpoint = "cancel_line")]
pub async fn cancel_line(
    number: String,
    version: i64,
    line: i64,
    reason: String,
    #[server(default)] other: String,
) -> Result<(), AppError> {
    use crate::server::services::cancellation;
    let ctx = crate::server::web::Ctx::current()?;
    let result = cancellation::cancel_line(&ctx, &number, version, line, &reason, &other).await;
    back_to_order(&ctx, result, &number, "line_cancelled")
}

/// The shopper asks the shop to cancel (when the shop's policy allows requests).
#[server(prefix = "/fn", endpoint = "request_cancellation")]
pub async fn request_cancellation(
    number: String,
    version: i64,
    reason: String,
    #[server(default)] other: String,
) -> Result<(), AppError> {
    use crate::server::services::cancellation;
    let ctx = crate::server::web::Ctx::current()?;
    let result = cancellation::request(&ctx, &number, version, &reason, &other).await;
    back_to_order(&ctx, result, &number, "requested")
}

/// The shopper's choice for a line waiting for stock: `wait`, `ship_available_now` or
/// `cancelled` (the waiting units, for a partial refund).
#[server(prefix = "/fn", endpoint = "choose_backorder")]
pub async fn choose_backorder(
    number: String,
    version: i64,
    line: i64,
    choice: String,
) -> Result<(), AppError> {
    use crate::server::services::backorders;
    let ctx = crate::server::web::Ctx::current()?;
    let result = backorders::choose(&ctx, &number, version, line, &choice).await;
    let done = if choice == "cancelled" {
        "backorder_cancelled"
    } else {
        "backorder_saved"
    };
    back_to_order(&ctx, result, &number, done)
}

/// Answers a shopper's form: the error, or back to the order page saying what was `done`
/// (a redirect for forms posted without JavaScript).
#[cfg(feature = "ssr")]
fn back_to_order(
    ctx: &crate::server::web::Ctx,
    result: crate::server::services::ServiceResult<()>,
    number: &str,
    done: &str,
) -> Result<(), AppError> {
    ctx.respond(result)?;
    let query = format!("?done={done}");
    leptos_axum::redirect(&super::order_redirect("/orders", number, &query));
    Ok(())
}
