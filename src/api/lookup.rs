use super::AppError;
use leptos::prelude::*;

/// Finds an order by number and email. On a match the visitor's session may see a redacted view
/// of it and the browser goes to the order page; unknown order and wrong email answer alike.
#[server(prefix = "/fn", endpoint = "lookup")]
pub async fn lookup_order(order_number: String, email: String) -> Result<(), AppError> {
    use crate::server::web::Ctx;
    let ctx = Ctx::current()?;
    let result = crate::server::services::lookup::lookup(&ctx, &order_number, &email).await;
    let number = ctx.respond(result)?;
    leptos_axum::redirect(&format!("/orders/{number}"));
    Ok(())
}
