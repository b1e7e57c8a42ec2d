//! `POST /estimates`: the ship-by and delivery windows for a cart, computed by the same engine
//! as the status page, so product and cart pages show the same dates.

use super::auth::Integration;
use super::body::JsonBody;
use super::error::{ApiError, ApiResult, ErrorBody};
use super::types::{DateWindow, EstimateInput, EstimateResource, LineEstimateResource};
use crate::domain::estimate::LineEstimate;
use crate::server::services::estimates::{self, CartProblem};
use crate::server::state::AppState;
use axum::extract::State;
use axum::Json;
use jiff::Timestamp;

/// Most lines a cart may have.
const MAX_LINES: usize = 200;

/// Estimate a cart.
#[utoipa::path(post, path = "/estimates", tag = "estimates",
    request_body = EstimateInput,
    responses((status = 200, body = EstimateResource), (status = 422, body = ErrorBody)),
    security(("bearer" = [])))]
pub async fn post(
    State(state): State<AppState>,
    _caller: Integration,
    body: JsonBody<EstimateInput>,
) -> ApiResult<Json<EstimateResource>> {
    let input = &body.value;
    let placed_at: Timestamp = input.placed_at.trim().parse().map_err(|_| {
        ApiError::invalid(
            "placed_at",
            "must be an RFC 3339 time with an offset, e.g. 2026-11-24T10:00:00+01:00",
        )
    })?;
    if input.lines.is_empty() {
        return Err(ApiError::invalid("lines", "at least one line"));
    }
    if input.lines.len() > MAX_LINES {
        return Err(ApiError::invalid("lines", "at most 200 lines"));
    }
    for (i, line) in input.lines.iter().enumerate() {
        if line.quantity == 0 {
            return Err(ApiError::invalid(
                &format!("lines[{i}].quantity"),
                "at least 1",
            ));
        }
    }
    let cart: Vec<(&str, u32)> = input
        .lines
        .iter()
        .map(|l| (l.sku.trim(), l.quantity))
        .collect();
    let mut conn = state.db.read().await?;
    let shop = estimates::shop(&mut conn).await?;
    let method = input.shipping_method.trim();
    let estimate = estimates::for_cart(&mut conn, &shop, placed_at, &cart, method)
        .await?
        .map_err(|problem| match problem {
            CartProblem::UnknownSku(i) => {
                ApiError::invalid(&format!("lines[{i}].sku"), "no product with this SKU")
            }
            CartProblem::UnknownShippingMethod => {
                ApiError::invalid("shipping_method", "not one of the shop's shipping methods")
            }
        })?;
    let lines = cart
        .iter()
        .zip(&estimate.lines)
        .map(|((sku, _), line)| LineEstimateResource {
            sku: (*sku).to_owned(),
            ship_by: LineEstimate::window(line).map(DateWindow::from),
        })
        .collect();
    Ok(Json(EstimateResource {
        ship_by: estimate.ship.map(DateWindow::from),
        delivery: estimate.delivery.map(DateWindow::from),
        lines,
    }))
}
