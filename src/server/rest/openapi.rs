//! The OpenAPI 3.1 document, generated from the handlers and types above.

use super::{backorder_settings, catalog, error, estimates, orders, types};
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
        catalog::put_processing, catalog::get_cancellation, catalog::put_cancellation,
        estimates::post, backorder_settings::get_backorders, backorder_settings::put_backorders),
    components(schemas(error::ErrorBody, types::OrderInput, types::OrderResource)),
    modifiers(&Bearer, &CommonErrors)
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

/// Answers every operation can give, documented on each so no response goes undescribed.
struct CommonErrors;

impl Modify for CommonErrors {
    fn modify(&self, openapi: &mut utoipa::openapi::OpenApi) {
        use utoipa::openapi::schema::Ref;
        use utoipa::openapi::{ContentBuilder, ResponseBuilder};
        let common = [
            ("400", "Malformed JSON or a bad header"),
            ("401", "Missing, unknown or revoked token"),
            ("404", "No such resource"),
            ("405", "Method not allowed"),
            ("409", "Conflicts with the current state"),
            ("413", "Body too large"),
            ("415", "Body is not application/json"),
            ("422", "The body breaks a rule; the message names the field"),
            (
                "500",
                "Something went wrong on our side (quote x-request-id)",
            ),
        ];
        for item in openapi.paths.paths.values_mut() {
            let operations = [
                &mut item.get,
                &mut item.put,
                &mut item.post,
                &mut item.delete,
            ];
            for operation in operations.into_iter().flatten() {
                for (status, description) in common {
                    operation
                        .responses
                        .responses
                        .entry(status.to_owned())
                        .or_insert_with(|| {
                            let content = ContentBuilder::new()
                                .schema(Some(Ref::from_schema_name("ErrorBody")))
                                .build();
                            ResponseBuilder::new()
                                .description(description)
                                .content("application/json", content)
                                .build()
                                .into()
                        });
                }
            }
        }
    }
}

pub fn document() -> utoipa::openapi::OpenApi {
    ApiDoc::openapi()
}

pub async fn serve() -> Json<utoipa::openapi::OpenApi> {
    Json(document())
}
