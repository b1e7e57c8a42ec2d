//! `/settings/backorders`: the choices shoppers get for items waiting for stock, the fee for
//! shipping the in-stock part first, and when delay notices go out.

use super::auth::Integration;
use super::body::JsonBody;
use super::error::{ApiError, ApiResult, ErrorBody};
use super::idempotency::{self, Answer};
use crate::domain::backorder::{
    BackorderSettings, SettingsField, MAX_FEES, MAX_FEE_MINOR, MAX_THRESHOLD_DAYS,
};
use crate::domain::InputProblem;
use crate::server::services::{backorder_settings, catalog};
use crate::server::state::AppState;
use axum::extract::State;
use axum::http::{HeaderMap, StatusCode};
use axum::response::Response;
use axum::Json;

/// The API's sentence for a backorder-settings problem, starting with the field's path (the
/// page words the same problems in the merchant's language).
fn backorder_problem((field, problem): (SettingsField, InputProblem)) -> ApiError {
    let why = match (field, problem) {
        (SettingsField::DelayThreshold, _) => format!("at most {MAX_THRESHOLD_DAYS} days"),
        (SettingsField::Fees(None), _) => format!("at most {MAX_FEES} fees"),
        (SettingsField::Fees(Some(_)), InputProblem::Taken) => "currency listed twice".into(),
        (SettingsField::Fees(Some(_)), _) => {
            format!("amount_minor must be between 0 and {MAX_FEE_MINOR}")
        }
    };
    ApiError::invalid(&field.path(), &why)
}

/// The shop's backorder options (the defaults until they are set).
#[utoipa::path(get, path = "/settings/backorders", tag = "settings",
    responses((status = 200, body = BackorderSettings)),
    security(("bearer" = [])))]
pub async fn get_backorders(
    State(state): State<AppState>,
    _caller: Integration,
) -> ApiResult<Json<BackorderSettings>> {
    let mut conn = state.db.read().await?;
    Ok(Json(backorder_settings::current(&mut conn).await?))
}

/// Replace the backorder options. Choices shoppers already made stay as they are.
#[utoipa::path(put, path = "/settings/backorders", tag = "settings",
    params(("Idempotency-Key" = Option<String>, Header)),
    request_body = BackorderSettings,
    responses((status = 200, body = BackorderSettings), (status = 422, body = ErrorBody)),
    security(("bearer" = [])))]
pub async fn put_backorders(
    State(state): State<AppState>,
    caller: Integration,
    headers: HeaderMap,
    body: JsonBody<BackorderSettings>,
) -> Response {
    let request = "PUT /settings/backorders";
    idempotency::once(&state, &caller, &headers, request, &body.raw, || async {
        let settings = body.value.clone().validated().map_err(backorder_problem)?;
        let json = serde_json::to_string(&settings).map_err(|_| ApiError::internal())?;
        let key = backorder_settings::BACKORDERS;
        catalog::put_setting(&state, key, &json, caller.token_id).await?;
        let body = serde_json::to_value(&settings).map_err(|_| ApiError::internal())?;
        Ok::<Answer, ApiError>((StatusCode::OK, body))
    })
    .await
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_problem_is_named_by_its_path_in_the_body() {
        let cases = [
            (SettingsField::DelayThreshold, InputProblem::TooLong),
            (SettingsField::Fees(None), InputProblem::TooLong),
            (SettingsField::Fees(Some(1)), InputProblem::Taken),
            (SettingsField::Fees(Some(0)), InputProblem::Malformed),
        ];
        for (field, problem) in cases {
            let error = backorder_problem((field, problem));
            assert_eq!(error.status, StatusCode::UNPROCESSABLE_ENTITY);
            assert!(
                error.message.starts_with(&format!("{}: ", field.path())),
                "{}",
                error.message
            );
        }
    }
}
