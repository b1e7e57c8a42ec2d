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
    use crate::server::web::Ctx;
    let ctx = Ctx::current()?;
    let result =
        crate::server::services::cancellation::cancel(&ctx, &number, version, &reason, &other)
            .await;
    ctx.respond(result)?;
    leptos_axum::redirect(&super::order_redirect(
        "/orders",
        &number,
        "?done=cancelled",
    ));
    Ok(())
}

/// The shopper asks the shop to cancel (when the shop's policy allows requests).
#[server(prefix = "/fn", endpoint = "request_cancellation")]
pub async fn request_cancellation(
    number: String,
    version: i64,
    reason: String,
    #[server(default)] other: String,
) -> Result<(), AppError> {
    use crate::server::web::Ctx;
    let ctx = Ctx::current()?;
    let result =
        crate::server::services::cancellation::request(&ctx, &number, version, &reason, &other)
            .await;
    ctx.respond(result)?;
    leptos_axum::redirect(&super::order_redirect(
        "/orders",
        &number,
        "?done=requested",
    ));
    Ok(())
}
