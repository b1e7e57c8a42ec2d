//! `/products/{sku}` and `/settings/processing`.

use super::auth::Integration;
use super::body::JsonBody;
use super::error::{ApiError, ApiResult, ErrorBody};
use super::idempotency::{self, Answer};
use super::order_input::text;
use super::types::{DayRange, ProcessingSettings, ProductInput, ProductResource};
use crate::domain::cancellation::{Policy, PolicyField};
use crate::domain::processing::{ProcessingError, ProcessingField};
use crate::domain::product::{self, ProductProblem};
use crate::domain::InputProblem;
use crate::server::services::{cancellation, catalog, estimates};
use crate::server::state::AppState;
use crate::server::store::catalog::ProductRow;
use axum::extract::{Path, State};
use axum::http::{HeaderMap, StatusCode};
use axum::response::Response;
use axum::Json;

fn product_resource(p: &ProductRow) -> ProductResource {
    let processing_days = match (p.processing_min_days, p.processing_max_days) {
        (Some(min), Some(max)) => Some(DayRange {
            min: u32::try_from(min).unwrap_or(0),
            max: u32::try_from(max).unwrap_or(0),
        }),
        _ => None,
    };
    ProductResource {
        sku: p.sku.clone(),
        title: p.title.clone(),
        processing_days,
        made_to_order: p.made_to_order,
        not_cancellable: p.not_cancellable,
        stock: p.stock,
        expected_restock: p.expected_restock.clone(),
    }
}

/// Create or replace a product.
#[utoipa::path(put, path = "/products/{sku}", tag = "products",
    params(("sku" = String, Path), ("Idempotency-Key" = Option<String>, Header)),
    request_body = ProductInput,
    responses((status = 201, description = "Created", body = ProductResource),
        (status = 200, description = "Replaced", body = ProductResource),
        (status = 422, body = ErrorBody)),
    security(("bearer" = [])))]
pub async fn put_product(
    State(state): State<AppState>,
    caller: Integration,
    Path(sku): Path<String>,
    headers: HeaderMap,
    body: JsonBody<ProductInput>,
) -> Response {
    let request = format!("PUT /products/{sku}");
    idempotency::once(&state, &caller, &headers, &request, &body.raw, || async {
        let input = &body.value;
        let checked = product::check(
            &input.title,
            input.processing_days.map(|r| (r.min, r.max)),
            input.expected_restock.as_deref(),
        )
        .map_err(|problem| match problem {
            ProductProblem::Title(InputProblem::Required) => {
                ApiError::invalid("title", "must not be empty")
            }
            ProductProblem::Title(_) => {
                ApiError::invalid("title", "at most 200 characters, no control characters")
            }
            ProductProblem::ProcessingDays(InputProblem::Mismatch) => {
                ApiError::invalid("processing_days", "min must not exceed max")
            }
            ProductProblem::ProcessingDays(_) => {
                ApiError::invalid("processing_days", "at most 365 days")
            }
            ProductProblem::RestockDate => {
                ApiError::invalid("expected_restock", "must be a date YYYY-MM-DD")
            }
        })?;
        let product = ProductRow {
            sku: text("sku", &sku, 64)?,
            title: checked.title,
            processing_min_days: checked.processing_days.map(|(min, _)| i64::from(min)),
            processing_max_days: checked.processing_days.map(|(_, max)| i64::from(max)),
            made_to_order: input.made_to_order,
            not_cancellable: input.not_cancellable,
            stock: i64::from(input.stock),
            expected_restock: checked.expected_restock,
        };
        let created = catalog::put_product(&state, &product, caller.token_id).await?;
        let status = if created {
            StatusCode::CREATED
        } else {
            StatusCode::OK
        };
        let body =
            serde_json::to_value(product_resource(&product)).map_err(|_| ApiError::internal())?;
        Ok::<Answer, ApiError>((status, body))
    })
    .await
}

async fn processing(state: &AppState) -> ApiResult<ProcessingSettings> {
    let mut conn = state.db.read().await?;
    Ok(estimates::shop(&mut conn).await?.settings)
}

/// The API's sentence for a processing-settings problem (the page words the same problems in
/// the merchant's language).
pub fn processing_problem((field, problem): ProcessingError) -> ApiError {
    use ProcessingField as F;
    let why = match (field, problem) {
        (F::TimeZone, InputProblem::Required) => "must not be empty",
        (F::TimeZone, _) => "not an IANA time zone, e.g. Europe/Oslo",
        (F::WorkingDays, _) => "at least one working day",
        (_, InputProblem::Taken) => "listed twice",
        (F::WorkingDay(_), _) => "must be mon … sun",
        (F::Cutoff, _) => "must be a time HH:MM (00:00 to 23:59)",
        (F::HolidayCalendar, _) => "must be NO, FI, NL or null",
        (F::Holidays, _) => "at most 1000 dates",
        (F::Holiday(_), _) => "must be a date YYYY-MM-DD",
        (F::ShippingMethods, InputProblem::Required) => "at least one shipping method",
        (F::ShippingMethods, _) => "at most 20 shipping methods",
        (F::MethodCode(_), _) => "1 to 32 of a-z, 0-9, - and _",
        (F::MethodName(_), InputProblem::Required) => "must not be empty",
        (F::MethodName(_), _) => "at most 100 characters, no control characters",
        (_, InputProblem::Mismatch) => "min must not exceed max",
        _ => "at most 60 days",
    };
    ApiError::invalid(&field.path(), why)
}

/// The business calendar and processing times.
#[utoipa::path(get, path = "/settings/processing", tag = "settings",
    responses((status = 200, body = ProcessingSettings)),
    security(("bearer" = [])))]
pub async fn get_processing(
    State(state): State<AppState>,
    _caller: Integration,
) -> ApiResult<Json<ProcessingSettings>> {
    Ok(Json(processing(&state).await?))
}

/// Replace the business calendar and processing times.
#[utoipa::path(put, path = "/settings/processing", tag = "settings",
    params(("Idempotency-Key" = Option<String>, Header)),
    request_body = ProcessingSettings,
    responses((status = 200, body = ProcessingSettings), (status = 422, body = ErrorBody)),
    security(("bearer" = [])))]
pub async fn put_processing(
    State(state): State<AppState>,
    caller: Integration,
    headers: HeaderMap,
    body: JsonBody<ProcessingSettings>,
) -> Response {
    idempotency::once(
        &state,
        &caller,
        &headers,
        "PUT /settings/processing",
        &body.raw,
        || async {
            let settings = body.value.clone().validated().map_err(processing_problem)?;
            let json = serde_json::to_string(&settings).map_err(|_| ApiError::internal())?;
            catalog::put_setting(&state, catalog::PROCESSING, &json, caller.token_id).await?;
            let body = serde_json::to_value(&settings).map_err(|_| ApiError::internal())?;
            Ok::<Answer, ApiError>((StatusCode::OK, body))
        },
    )
    .await
}

fn check_policy(p: Policy) -> ApiResult<Policy> {
    p.validated().map_err(|(field, problem)| {
        let why = match problem {
            InputProblem::Required => "must not be empty",
            InputProblem::Taken => "listed twice",
            InputProblem::Malformed if matches!(field, PolicyField::ReasonTranslation(..)) => {
                "not a language the portal speaks (en, nb, fi, nl)"
            }
            InputProblem::Malformed => "1 to 32 of a-z, 0-9 and _",
            _ if field == PolicyField::WindowMinutes => "at most 10080 (a week)",
            _ if field == PolicyField::Reasons => "between 1 and 20 reasons",
            _ => "too long (at most 100 characters)",
        };
        ApiError::invalid(&field.path(), why)
    })
}

/// The self-service cancellation policy.
#[utoipa::path(get, path = "/settings/cancellation", tag = "settings",
    responses((status = 200, body = Policy)),
    security(("bearer" = [])))]
pub async fn get_cancellation(
    State(state): State<AppState>,
    _caller: Integration,
) -> ApiResult<Json<Policy>> {
    let mut conn = state.db.read().await?;
    Ok(Json(cancellation::policy(&mut conn).await?))
}

/// Replace the cancellation policy. Orders placed before keep the deadline they were promised.
#[utoipa::path(put, path = "/settings/cancellation", tag = "settings",
    params(("Idempotency-Key" = Option<String>, Header)),
    request_body = Policy,
    responses((status = 200, body = Policy), (status = 422, body = ErrorBody)),
    security(("bearer" = [])))]
pub async fn put_cancellation(
    State(state): State<AppState>,
    caller: Integration,
    headers: HeaderMap,
    body: JsonBody<Policy>,
) -> Response {
    let request = "PUT /settings/cancellation";
    idempotency::once(&state, &caller, &headers, request, &body.raw, || async {
        let policy = check_policy(body.value.clone())?;
        let json = serde_json::to_string(&policy).map_err(|_| ApiError::internal())?;
        catalog::put_setting(&state, cancellation::POLICY, &json, caller.token_id).await?;
        let body = serde_json::to_value(&policy).map_err(|_| ApiError::internal())?;
        Ok::<Answer, ApiError>((StatusCode::OK, body))
    })
    .await
}
