//! The API's one error shape: `{"error": {"code", "message"}}` with a fitting status. Internal
//! causes are logged, never sent; the response's `x-request-id` ties a report to the log.

use crate::api::AppError;
use crate::i18n::Locale;
use crate::server::services::ServiceError;
use axum::http::{header, HeaderValue, StatusCode};
use axum::response::{IntoResponse, Response};
use serde::Serialize;
use utoipa::ToSchema;

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ApiError {
    pub status: StatusCode,
    pub code: &'static str,
    pub message: String,
    pub retry_after_secs: Option<u64>,
}

/// The body of every error response.
#[derive(Debug, Serialize, ToSchema)]
pub struct ErrorBody {
    pub error: ErrorDetail,
}

#[derive(Debug, Serialize, ToSchema)]
pub struct ErrorDetail {
    /// Stable and machine-readable, e.g. `invalid_body`, `not_found`, `conflict`.
    pub code: String,
    /// A sentence for the integrator's logs.
    pub message: String,
}

pub type ApiResult<T> = Result<T, ApiError>;

impl ApiError {
    pub fn new(status: StatusCode, code: &'static str, message: impl Into<String>) -> Self {
        Self {
            status,
            code,
            message: message.into(),
            retry_after_secs: None,
        }
    }

    /// A body that parses but breaks a rule: 422 naming the field.
    pub fn invalid(field: &str, why: &str) -> Self {
        Self::new(
            StatusCode::UNPROCESSABLE_ENTITY,
            "invalid_body",
            format!("{field}: {why}"),
        )
    }

    pub fn unauthorized() -> Self {
        Self::new(
            StatusCode::UNAUTHORIZED,
            "unauthorized",
            "Send a valid API token as `Authorization: Bearer <token>`.",
        )
    }

    pub fn not_found(what: &str) -> Self {
        Self::new(
            StatusCode::NOT_FOUND,
            "not_found",
            format!("No such {what}."),
        )
    }

    pub fn internal() -> Self {
        Self::new(
            StatusCode::INTERNAL_SERVER_ERROR,
            "internal",
            "Something went wrong on our side. Quote this response's x-request-id when reporting it.",
        )
    }

    pub fn body(&self) -> ErrorBody {
        ErrorBody {
            error: ErrorDetail {
                code: self.code.to_owned(),
                message: self.message.clone(),
            },
        }
    }
}

impl IntoResponse for ApiError {
    fn into_response(self) -> Response {
        let mut response = (self.status, axum::Json(self.body())).into_response();
        if let Some(secs) = self.retry_after_secs {
            if let Ok(value) = HeaderValue::from_str(&secs.to_string()) {
                response.headers_mut().insert(header::RETRY_AFTER, value);
            }
        }
        response
    }
}

impl From<AppError> for ApiError {
    fn from(e: AppError) -> Self {
        let t = Locale::En.texts();
        let status = StatusCode::from_u16(e.status_code()).unwrap_or(StatusCode::BAD_REQUEST);
        let mut error = match &e {
            AppError::Invalid { field, .. } => {
                let name = serde_json::to_value(field)
                    .ok()
                    .and_then(|v| v.as_str().map(str::to_owned))
                    .unwrap_or_default();
                return ApiError::invalid(&name, &e.message(t));
            }
            AppError::Internal { .. } => return ApiError::internal(),
            AppError::NotFound => return ApiError::not_found("order"),
            _ => ApiError::new(status, e.code(), e.message(t)),
        };
        if let AppError::TooManyAttempts { retry_after_secs } = e {
            error.retry_after_secs = Some(retry_after_secs);
        }
        error
    }
}

impl From<ServiceError> for ApiError {
    fn from(e: ServiceError) -> Self {
        match e {
            ServiceError::App(app) => app.into(),
            ServiceError::DuplicateOrder => ApiError::new(
                StatusCode::CONFLICT,
                "conflict",
                "The order was created by another request at the same moment; send it again.",
            ),
            other => {
                tracing::error!(error = %other, "api request failed");
                ApiError::internal()
            }
        }
    }
}

impl From<crate::server::store::StoreError> for ApiError {
    fn from(e: crate::server::store::StoreError) -> Self {
        ServiceError::from(e).into()
    }
}

impl From<sqlx::Error> for ApiError {
    fn from(e: sqlx::Error) -> Self {
        ServiceError::from(e).into()
    }
}
