//! The OpenAPI 3.1 document, generated from the handlers and types above.

use super::{catalog, error, orders, types};
use axum::Json;
use utoipa::openapi::security::{HttpAuthScheme, HttpBuilder, SecurityScheme};
use utoipa::{Modify, OpenApi};

#[derive(OpenApi)]
#[openapi(
    info(title = "Order portal integration API", version = "1",
        description = "The shop's system feeds orders, fulfilments, holds, products and settings \
            in; the portal answers with the order as shoppers see it. JSON only; send \
            `Authorization: Bearer <token>`. Mutations accept `Idempotency-Key`."),
    servers((url = "/api/v1")),
    paths(orders::put, orders::get, orders::fulfil, orders::hold, orders::release,
        orders::confirm_refund, catalog::put_product, catalog::get_processing,
        catalog::put_processing),
    components(schemas(error::ErrorBody, types::OrderInput, types::OrderResource)),
    modifiers(&Bearer)
)]
pub struct ApiDoc;

struct Bearer;

impl Modify for Bearer {
    fn modify(&self, openapi: &mut utoipa::openapi::OpenApi) {
        let components = openapi.components.get_or_insert_with(Default::default);
        components.add_security_scheme(
            "bearer",
            SecurityScheme::Http(HttpBuilder::new().scheme(HttpAuthScheme::Bearer).build()),
        );
    }
}

pub fn document() -> utoipa::openapi::OpenApi {
    ApiDoc::openapi()
}

pub async fn serve() -> Json<utoipa::openapi::OpenApi> {
    Json(document())
}
