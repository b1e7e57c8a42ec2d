//! JSON request bodies: size-limited, strictly typed (unknown fields are named and refused),
//! and kept raw for idempotency checks.

use super::error::ApiError;
use crate::server::state::AppState;
use axum::body::{to_bytes, Bytes};
use axum::extract::{FromRequest, Request};
use axum::http::{header, StatusCode};
use serde::de::DeserializeOwned;

/// A parsed body and the bytes it came from.
pub struct JsonBody<T> {
    pub value: T,
    pub raw: Bytes,
}

impl<T: DeserializeOwned> FromRequest<AppState> for JsonBody<T> {
    type Rejection = ApiError;

    async fn from_request(request: Request, state: &AppState) -> Result<Self, ApiError> {
        let limit = state.settings.api_max_body_bytes;
        let too_large = || {
            ApiError::new(
                StatusCode::PAYLOAD_TOO_LARGE,
                "payload_too_large",
                format!("Request bodies are limited to {limit} bytes."),
            )
        };
        let json = request
            .headers()
            .get(header::CONTENT_TYPE)
            .and_then(|v| v.to_str().ok())
            .is_some_and(|v| v.split(';').next().unwrap_or("").trim() == "application/json");
        if !json {
            return Err(ApiError::new(
                StatusCode::UNSUPPORTED_MEDIA_TYPE,
                "unsupported_media_type",
                "Send the body as `Content-Type: application/json`.",
            ));
        }
        let declared = request
            .headers()
            .get(header::CONTENT_LENGTH)
            .and_then(|v| v.to_str().ok())
            .and_then(|v| v.parse::<usize>().ok());
        if declared.is_some_and(|n| n > limit) {
            return Err(too_large());
        }
        let raw = to_bytes(request.into_body(), limit)
            .await
            .map_err(|_| too_large())?;
        let value = parse(&raw)?;
        Ok(JsonBody { value, raw })
    }
}

/// Parses JSON: broken syntax is 400, a well-formed body of the wrong shape is 422 with serde's
/// description (which names unknown or missing fields and the expected types).
pub fn parse<T: DeserializeOwned>(raw: &[u8]) -> Result<T, ApiError> {
    serde_json::from_slice(raw).map_err(|e| {
        use serde_json::error::Category;
        match e.classify() {
            Category::Syntax | Category::Eof | Category::Io => ApiError::new(
                StatusCode::BAD_REQUEST,
                "malformed_json",
                format!("The body is not valid JSON: {e}"),
            ),
            Category::Data => ApiError::new(
                StatusCode::UNPROCESSABLE_ENTITY,
                "invalid_body",
                e.to_string(),
            ),
        }
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[derive(Debug, serde::Deserialize)]
    #[serde(deny_unknown_fields)]
    #[allow(dead_code)]
    struct Sample {
        quantity: u32,
    }

    #[test]
    fn syntax_errors_are_400_and_shape_errors_422_naming_the_field() {
        let broken = parse::<Sample>(b"{\"quantity\": ").unwrap_err();
        assert_eq!(broken.status, StatusCode::BAD_REQUEST);
        let unknown = parse::<Sample>(b"{\"quantity\": 1, \"colour\": \"red\"}").unwrap_err();
        assert_eq!(unknown.status, StatusCode::UNPROCESSABLE_ENTITY);
        assert!(
            unknown.message.contains("unknown field `colour`"),
            "{}",
            unknown.message
        );
        let negative = parse::<Sample>(b"{\"quantity\": -1}").unwrap_err();
        assert!(negative.message.contains("-1"), "{}", negative.message);
    }
}
