//! `/products/{sku}` and `/settings/processing`.

use super::auth::Integration;
use super::body::{parse, JsonBody};
use super::error::{ApiError, ApiResult, ErrorBody};
use super::idempotency::{self, Answer};
use super::order_input::text;
use super::types::{DayRange, ProcessingSettings, ProductInput, ProductResource, ShippingMethod};
use crate::domain::cancellation::{Policy, PolicyField};
use crate::domain::product::{self, ProductProblem};
use crate::domain::InputProblem;
use crate::server::services::{cancellation, catalog};
use crate::server::state::AppState;
use crate::server::store::catalog::ProductRow;
use axum::extract::{Path, State};
use axum::http::{HeaderMap, StatusCode};
use axum::response::Response;
use axum::Json;

const WEEKDAYS: [&str; 7] = ["mon", "tue", "wed", "thu", "fri", "sat", "sun"];

fn days(field: &str, range: DayRange, max: u32) -> ApiResult<DayRange> {
    if range.min > range.max {
        return Err(ApiError::invalid(field, "min must not exceed max"));
    }
    if range.max > max {
        return Err(ApiError::invalid(field, &format!("at most {max} days")));
    }
    Ok(range)
}

fn date(field: &str, raw: &str) -> ApiResult<String> {
    raw.trim()
        .parse::<jiff::civil::Date>()
        .map(|d| d.to_string())
        .map_err(|_| ApiError::invalid(field, "must be a date YYYY-MM-DD"))
}

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

/// The shop's defaults until the merchant sets them.
fn default_processing(state: &AppState) -> ProcessingSettings {
    ProcessingSettings {
        time_zone: state.settings.shop_time_zone.clone(),
        working_days: WEEKDAYS[..5].iter().map(|d| (*d).to_owned()).collect(),
        cutoff: "14:00".into(),
        holiday_calendar: None,
        holidays: Vec::new(),
        default_processing_days: DayRange { min: 1, max: 3 },
        shipping_methods: vec![ShippingMethod {
            code: "standard".into(),
            name: "Standard".into(),
            transit_days: DayRange { min: 1, max: 4 },
        }],
    }
}

async fn processing(state: &AppState) -> ApiResult<ProcessingSettings> {
    match catalog::setting(state, catalog::PROCESSING).await? {
        Some(stored) => parse(stored.as_bytes()).map_err(|_| ApiError::internal()),
        None => Ok(default_processing(state)),
    }
}

fn check_processing(s: ProcessingSettings) -> ApiResult<ProcessingSettings> {
    if jiff::tz::TimeZone::get(&s.time_zone).is_err() {
        return Err(ApiError::invalid(
            "time_zone",
            "not an IANA time zone, e.g. Europe/Oslo",
        ));
    }
    let mut working = Vec::new();
    for (i, d) in s.working_days.iter().enumerate() {
        let day = d.trim().to_ascii_lowercase();
        if !WEEKDAYS.contains(&day.as_str()) {
            return Err(ApiError::invalid(
                &format!("working_days[{i}]"),
                "must be mon … sun",
            ));
        }
        if working.contains(&day) {
            return Err(ApiError::invalid(
                &format!("working_days[{i}]"),
                "listed twice",
            ));
        }
        working.push(day);
    }
    if working.is_empty() {
        return Err(ApiError::invalid(
            "working_days",
            "at least one working day",
        ));
    }
    working.sort_by_key(|d| WEEKDAYS.iter().position(|w| w == d));
    let cutoff_ok = s.cutoff.len() == 5 && jiff::civil::Time::strptime("%H:%M", &s.cutoff).is_ok();
    if !cutoff_ok {
        return Err(ApiError::invalid("cutoff", "must be a time HH:MM"));
    }
    let calendar = s.holiday_calendar.map(|c| c.trim().to_ascii_uppercase());
    if calendar
        .as_deref()
        .is_some_and(|c| !["NO", "FI", "NL"].contains(&c))
    {
        return Err(ApiError::invalid(
            "holiday_calendar",
            "must be NO, FI, NL or null",
        ));
    }
    if s.holidays.len() > 1000 {
        return Err(ApiError::invalid("holidays", "at most 1000 dates"));
    }
    let mut holidays = s
        .holidays
        .iter()
        .enumerate()
        .map(|(i, d)| date(&format!("holidays[{i}]"), d))
        .collect::<ApiResult<Vec<_>>>()?;
    holidays.sort();
    holidays.dedup();
    let default_processing_days = days("default_processing_days", s.default_processing_days, 60)?;
    if s.shipping_methods.is_empty() {
        return Err(ApiError::invalid(
            "shipping_methods",
            "at least one shipping method",
        ));
    }
    let mut methods: Vec<ShippingMethod> = Vec::new();
    for (i, m) in s.shipping_methods.into_iter().enumerate() {
        let at = |f: &str| format!("shipping_methods[{i}].{f}");
        let code = m.code.trim().to_owned();
        let code_ok = !code.is_empty()
            && code.len() <= 32
            && code
                .bytes()
                .all(|b| b.is_ascii_lowercase() || b.is_ascii_digit() || b == b'-' || b == b'_');
        if !code_ok {
            return Err(ApiError::invalid(
                &at("code"),
                "1 to 32 of a-z, 0-9, - and _",
            ));
        }
        if methods.iter().any(|other| other.code == code) {
            return Err(ApiError::invalid(&at("code"), "listed twice"));
        }
        methods.push(ShippingMethod {
            name: text(&at("name"), &m.name, 100)?,
            transit_days: days(&at("transit_days"), m.transit_days, 60)?,
            code,
        });
    }
    Ok(ProcessingSettings {
        time_zone: s.time_zone,
        working_days: working,
        cutoff: s.cutoff,
        holiday_calendar: calendar,
        holidays,
        default_processing_days,
        shipping_methods: methods,
    })
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
            let settings = check_processing(body.value.clone())?;
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
