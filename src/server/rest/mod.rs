//! The integration API under `/api/v1` (DESIGN §6): the shop's own system feeds orders,
//! fulfilments, holds, products and settings in. JSON in and out, bearer tokens, idempotent
//! mutations, one error shape. Handlers parse and answer; the services hold the rules.

pub mod auth;
mod backorder_settings;
mod body;
mod catalog;
pub mod error;
mod estimates;
mod idempotency;
pub mod import;
pub mod openapi;
mod order_input;
mod orders;
pub mod resource;
pub mod types;

use crate::server::state::AppState;
use axum::http::StatusCode;
use axum::routing::{get, post, put};
use axum::Router;
use error::ApiError;

pub fn router() -> Router<AppState> {
    Router::new()
        .route("/openapi.json", get(openapi::serve))
        .route("/orders/{number}", put(orders::put).get(orders::get))
        .route("/orders/{number}/fulfillments", post(orders::fulfil))
        .route("/orders/{number}/holds", post(orders::hold))
        .route(
            "/orders/{number}/holds/{id}",
            axum::routing::delete(orders::release),
        )
        .route("/refunds/{id}/confirm", post(orders::confirm_refund))
        .route("/products/{sku}", put(catalog::put_product))
        .route("/estimates", post(estimates::post))
        .route(
            "/settings/processing",
            get(catalog::get_processing).put(catalog::put_processing),
        )
        .route(
            "/settings/cancellation",
            get(catalog::get_cancellation).put(catalog::put_cancellation),
        )
        .route(
            "/settings/backorders",
            get(backorder_settings::get_backorders).put(backorder_settings::put_backorders),
        )
        .fallback(|| async {
            ApiError::new(StatusCode::NOT_FOUND, "not_found", "No such endpoint.")
        })
        .method_not_allowed_fallback(|| async {
            ApiError::new(
                StatusCode::METHOD_NOT_ALLOWED,
                "method_not_allowed",
                "This endpoint does not accept that method.",
            )
        })
}
