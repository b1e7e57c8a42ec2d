//! `Idempotency-Key` with Stripe's semantics: the same key with the same request replays the
//! first answer; with a different request it is refused (422); while the first is still
//! running, a second one waits its turn (409). Keys are scoped to the API token and kept a day.

use super::auth::Integration;
use super::error::{ApiError, ApiResult};
use crate::server::state::AppState;
use crate::server::store::{api, millis};
use axum::http::{HeaderMap, HeaderValue, StatusCode};
use axum::response::{IntoResponse, Response};
use sha2::{Digest, Sha256};
use std::future::Future;

const HEADER: &str = "idempotency-key";
const KEEP_MS: i64 = 24 * 3600 * 1000;
/// A key claimed this long ago without an answer belongs to a request that died; it may be
/// claimed again.
const ABANDONED_MS: i64 = 5 * 60 * 1000;

/// A successful answer: status and JSON body.
pub type Answer = (StatusCode, serde_json::Value);

fn respond(status: StatusCode, body: String, replayed: bool) -> Response {
    let mut response = (
        status,
        [(axum::http::header::CONTENT_TYPE, "application/json")],
        body,
    )
        .into_response();
    if replayed {
        response
            .headers_mut()
            .insert("idempotent-replayed", HeaderValue::from_static("true"));
    }
    response
}

fn key_of(headers: &HeaderMap) -> ApiResult<Option<String>> {
    let Some(value) = headers.get(HEADER) else {
        return Ok(None);
    };
    let key = value.to_str().unwrap_or("").trim();
    if key.is_empty() || key.len() > 255 || !key.bytes().all(|b| b.is_ascii_graphic()) {
        return Err(ApiError::new(
            StatusCode::BAD_REQUEST,
            "invalid_idempotency_key",
            "Idempotency-Key must be 1 to 255 visible ASCII characters.",
        ));
    }
    Ok(Some(key.to_owned()))
}

/// Runs `work` at most once per key. `request` names the operation (method and path).
pub async fn once<F, Fut>(
    state: &AppState,
    caller: &Integration,
    headers: &HeaderMap,
    request: &str,
    raw: &[u8],
    work: F,
) -> Response
where
    F: FnOnce() -> Fut,
    Fut: Future<Output = ApiResult<Answer>>,
{
    match run(state, caller, headers, request, raw, work).await {
        Ok(response) => response,
        Err(error) => error.into_response(),
    }
}

async fn run<F, Fut>(
    state: &AppState,
    caller: &Integration,
    headers: &HeaderMap,
    request: &str,
    raw: &[u8],
    work: F,
) -> ApiResult<Response>
where
    F: FnOnce() -> Fut,
    Fut: Future<Output = ApiResult<Answer>>,
{
    let Some(key) = key_of(headers)? else {
        let (status, body) = work().await?;
        return Ok(respond(status, body.to_string(), false));
    };
    let scope = format!("token:{}", caller.token_id);
    let mut hasher = Sha256::new();
    hasher.update(request.as_bytes());
    hasher.update(b"\n");
    hasher.update(raw);
    let hash = hex::encode(hasher.finalize());
    let now = millis(state.now());

    let mut tx = state.db.begin().await?;
    api::expire_keys(&mut tx, now - KEEP_MS).await?;
    let mut claimed = api::claim_key(&mut tx, &scope, &key, &hash, now).await?;
    if !claimed {
        let Some(stored) = api::find_key(&mut tx, &scope, &key).await? else {
            return Err(in_use());
        };
        if stored.request_hash != hash {
            return Err(ApiError::new(
                StatusCode::UNPROCESSABLE_ENTITY,
                "idempotency_key_reused",
                "This Idempotency-Key was used for a different request.",
            ));
        }
        match (stored.response_status, stored.response_body) {
            (Some(status), Some(body)) => {
                tx.commit().await?;
                let status = u16::try_from(status)
                    .ok()
                    .and_then(|s| StatusCode::from_u16(s).ok())
                    .unwrap_or(StatusCode::OK);
                return Ok(respond(status, body, true));
            }
            _ if stored.created_at < now - ABANDONED_MS => {
                api::release_key(&mut tx, &scope, &key).await?;
                claimed = api::claim_key(&mut tx, &scope, &key, &hash, now).await?;
            }
            _ => {}
        }
    }
    tx.commit().await?;
    if !claimed {
        return Err(in_use());
    }

    let outcome = work().await;
    let mut tx = state.db.begin().await?;
    let response = match outcome {
        Ok((status, body)) => {
            let body = body.to_string();
            api::finish_key(&mut tx, &scope, &key, status.as_u16(), &body).await?;
            respond(status, body, false)
        }
        // A refusal is an answer too: the same request gets the same refusal.
        Err(error) if error.status.is_client_error() => {
            let body = serde_json::to_string(&error.body()).unwrap_or_default();
            api::finish_key(&mut tx, &scope, &key, error.status.as_u16(), &body).await?;
            error.into_response()
        }
        Err(error) => {
            api::release_key(&mut tx, &scope, &key).await?;
            error.into_response()
        }
    };
    tx.commit().await?;
    Ok(response)
}

fn in_use() -> ApiError {
    ApiError::new(
        StatusCode::CONFLICT,
        "idempotency_key_in_use",
        "A request with this Idempotency-Key is still being processed; retry shortly.",
    )
}
