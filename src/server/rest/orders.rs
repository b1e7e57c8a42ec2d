//! `/orders/{number}` and what the shop's system does to an order.

use super::auth::Integration;
use super::body::JsonBody;
use super::error::{ApiError, ApiResult, ErrorBody};
use super::idempotency::{self, Answer};
use super::order_input::{self, optional_text};
use super::resource;
use super::types::{FulfillmentInput, HoldInput, OrderInput, OrderResource};
use crate::api::admin_order::ShipLine;
use crate::server::services::handling::{self, Change, ParcelInput};
use crate::server::services::order_sync::{self, Fixed, Source, Synced};
use crate::server::state::AppState;
use axum::extract::{Path, State};
use axum::http::{HeaderMap, StatusCode};
use axum::response::Response;
use axum::Json;

/// The order as it is now, as JSON.
async fn current(state: &AppState, number: &str) -> ApiResult<serde_json::Value> {
    let (order, refunds, estimate) = order_sync::load(state, number)
        .await?
        .ok_or_else(|| ApiError::not_found("order"))?;
    let body = resource::order(&order, &refunds, &estimate)?;
    serde_json::to_value(body).map_err(|_| ApiError::internal())
}

async fn answer(state: &AppState, status: StatusCode, number: &str) -> ApiResult<Answer> {
    Ok((status, current(state, number).await?))
}

/// Create or update an order.
///
/// Creating queues the confirmation email with the shopper's signed link. Updating may change
/// the customer's name, locale, payment status, shipping method and address, line titles and
/// backordered quantities; anything else is fixed once placed (409 naming the field). An
/// update never changes whether the order is cancelled.
#[utoipa::path(put, path = "/orders/{number}", tag = "orders",
    params(("number" = String, Path, description = "The order number shoppers see"),
           ("Idempotency-Key" = Option<String>, Header)),
    request_body = OrderInput,
    responses(
        (status = 201, description = "Created", body = OrderResource),
        (status = 200, description = "Updated or unchanged", body = OrderResource),
        (status = 409, description = "A fixed field differs", body = ErrorBody),
        (status = 422, description = "The body breaks a rule", body = ErrorBody)),
    security(("bearer" = [])))]
pub async fn put(
    State(state): State<AppState>,
    caller: Integration,
    Path(number): Path<String>,
    headers: HeaderMap,
    body: JsonBody<OrderInput>,
) -> Response {
    let request = format!("PUT /orders/{number}");
    idempotency::once(&state, &caller, &headers, &request, &body.raw, || async {
        let draft = order_input::draft(&number, &body.value)?;
        let source = Source::Api {
            token_id: caller.token_id,
        };
        match order_sync::upsert(&state, &draft, source).await? {
            Err(Fixed(field)) => Err(ApiError::new(
                StatusCode::CONFLICT,
                "fixed_field",
                format!("{field} cannot change after the order was placed."),
            )),
            Ok(synced) => {
                let status = match synced {
                    Synced::Created => StatusCode::CREATED,
                    Synced::Updated | Synced::Unchanged => StatusCode::OK,
                };
                answer(&state, status, draft.number.as_str()).await
            }
        }
    })
    .await
}

/// The order with its lines, status, stage, fulfilments, hold, refunds and estimates.
#[utoipa::path(get, path = "/orders/{number}", tag = "orders",
    params(("number" = String, Path, description = "The order number shoppers see")),
    responses((status = 200, body = OrderResource), (status = 404, body = ErrorBody)),
    security(("bearer" = [])))]
pub async fn get(
    State(state): State<AppState>,
    _caller: Integration,
    Path(number): Path<String>,
) -> ApiResult<Json<serde_json::Value>> {
    let number = order_input::number(&number).map_err(|_| ApiError::not_found("order"))?;
    Ok(Json(current(&state, number.as_str()).await?))
}

/// Record a parcel that left the warehouse (emails the shopper).
#[utoipa::path(post, path = "/orders/{number}/fulfillments", tag = "orders",
    params(("number" = String, Path), ("Idempotency-Key" = Option<String>, Header)),
    request_body = FulfillmentInput,
    responses((status = 201, body = OrderResource),
        (status = 409, description = "More than is open, or the order is on hold or cancelled", body = ErrorBody),
        (status = 422, body = ErrorBody)),
    security(("bearer" = [])))]
pub async fn fulfil(
    State(state): State<AppState>,
    caller: Integration,
    Path(number): Path<String>,
    headers: HeaderMap,
    body: JsonBody<FulfillmentInput>,
) -> Response {
    let request = format!("POST /orders/{number}/fulfillments");
    idempotency::once(&state, &caller, &headers, &request, &body.raw, || async {
        let input = &body.value;
        let number = order_input::number(&number).map_err(|_| ApiError::not_found("order"))?;
        let (order, _, _) = order_sync::load(&state, number.as_str())
            .await?
            .ok_or_else(|| ApiError::not_found("order"))?;
        if input.lines.is_empty() {
            return Err(ApiError::invalid("lines", "name at least one line"));
        }
        // Each unit goes to the first line of that SKU with room; what does not fit stays on
        // the last one, where the domain rule refuses it.
        let mut wanted: Vec<u32> = vec![0; order.lines.len()];
        for (i, l) in input.lines.iter().enumerate() {
            let matching: Vec<usize> = (0..order.lines.len())
                .filter(|&k| order.lines[k].sku == l.sku.trim())
                .collect();
            let Some(&last) = matching.last() else {
                return Err(ApiError::invalid(
                    &format!("lines[{i}].sku"),
                    "not in this order",
                ));
            };
            if l.quantity == 0 {
                return Err(ApiError::invalid(
                    &format!("lines[{i}].quantity"),
                    "must be at least 1",
                ));
            }
            let mut left = l.quantity;
            for &k in &matching {
                let line = &order.lines[k];
                let open = (line.quantity - line.quantity_fulfilled - line.quantity_cancelled)
                    .max(0) as u32;
                let room = open.saturating_sub(wanted[k]);
                let take = left.min(room);
                wanted[k] += take;
                left -= take;
            }
            wanted[last] += left;
        }
        let lines: Vec<ShipLine> = order
            .lines
            .iter()
            .zip(&wanted)
            .filter(|(_, n)| **n > 0)
            .map(|(l, n)| ShipLine {
                line: l.id,
                quantity: n.to_string(),
            })
            .collect();
        let carrier = optional_text("carrier", input.carrier.as_deref(), 100)?;
        let tracking = optional_text("tracking_number", input.tracking_number.as_deref(), 100)?;
        let parcel = ParcelInput {
            lines: &lines,
            carrier: carrier.as_deref().unwrap_or(""),
            tracking_number: tracking.as_deref().unwrap_or(""),
            tracking_url: input.tracking_url.as_deref().unwrap_or(""),
        };
        let change = Change::by_integration(&state, caller.token_id, number.as_str());
        handling::ship(change, &parcel).await?;
        answer(&state, StatusCode::CREATED, number.as_str()).await
    })
    .await
}

/// Place a hold: nothing ships until it is released.
#[utoipa::path(post, path = "/orders/{number}/holds", tag = "orders",
    params(("number" = String, Path), ("Idempotency-Key" = Option<String>, Header)),
    request_body = HoldInput,
    responses((status = 201, description = "The order, with `hold` set", body = OrderResource),
        (status = 409, description = "Already on hold, cancelled or shipped", body = ErrorBody)),
    security(("bearer" = [])))]
pub async fn hold(
    State(state): State<AppState>,
    caller: Integration,
    Path(number): Path<String>,
    headers: HeaderMap,
    body: JsonBody<HoldInput>,
) -> Response {
    let request = format!("POST /orders/{number}/holds");
    idempotency::once(&state, &caller, &headers, &request, &body.raw, || async {
        let number = order_input::number(&number).map_err(|_| ApiError::not_found("order"))?;
        let note = optional_text("note", body.value.note.as_deref(), 500)?;
        let change = Change::by_integration(&state, caller.token_id, number.as_str());
        let reason = body.value.reason.as_str();
        handling::place_hold(change, reason, note.as_deref().unwrap_or("")).await?;
        answer(&state, StatusCode::CREATED, number.as_str()).await
    })
    .await
}

/// Release the order's active hold.
#[utoipa::path(delete, path = "/orders/{number}/holds/{id}", tag = "orders",
    params(("number" = String, Path), ("id" = i64, Path), ("Idempotency-Key" = Option<String>, Header)),
    responses((status = 200, body = OrderResource),
        (status = 404, description = "No such active hold", body = ErrorBody)),
    security(("bearer" = [])))]
pub async fn release(
    State(state): State<AppState>,
    caller: Integration,
    Path((number, id)): Path<(String, i64)>,
    headers: HeaderMap,
) -> Response {
    let request = format!("DELETE /orders/{number}/holds/{id}");
    idempotency::once(&state, &caller, &headers, &request, b"", || async {
        let number = order_input::number(&number).map_err(|_| ApiError::not_found("order"))?;
        let (order, _, _) = order_sync::load(&state, number.as_str())
            .await?
            .ok_or_else(|| ApiError::not_found("order"))?;
        if order.active_hold.as_ref().map(|h| h.id) != Some(id) {
            return Err(ApiError::not_found("active hold"));
        }
        let change = Change::by_integration(&state, caller.token_id, number.as_str());
        handling::release_hold(change).await?;
        answer(&state, StatusCode::OK, number.as_str()).await
    })
    .await
}

/// Confirm that a pending refund was paid out (shown to the shopper). Confirming again
/// changes nothing.
#[utoipa::path(post, path = "/refunds/{id}/confirm", tag = "refunds",
    params(("id" = i64, Path), ("Idempotency-Key" = Option<String>, Header)),
    responses((status = 200, description = "The refund's order", body = OrderResource),
        (status = 404, body = ErrorBody)),
    security(("bearer" = [])))]
pub async fn confirm_refund(
    State(state): State<AppState>,
    caller: Integration,
    Path(id): Path<i64>,
    headers: HeaderMap,
) -> Response {
    let request = format!("POST /refunds/{id}/confirm");
    idempotency::once(&state, &caller, &headers, &request, b"", || async {
        let number = order_sync::confirm_refund(&state, id, caller.token_id)
            .await?
            .ok_or_else(|| ApiError::not_found("refund"))?;
        answer(&state, StatusCode::OK, &number).await
    })
    .await
}
