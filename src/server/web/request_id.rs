//! A request id on every request: generated (or taken from a trusted upstream), echoed in the
//! response header, carried by the tracing span and shown on error pages.

use axum::body::Body;
use http::{HeaderName, Request};
use rand::RngCore;
use std::sync::LazyLock;
use tower_http::request_id::{MakeRequestId, RequestId};
use tracing::Span;

pub static HEADER: LazyLock<HeaderName> = LazyLock::new(|| HeaderName::from_static("x-request-id"));

#[derive(Clone, Copy, Default)]
pub struct MakeId;

impl MakeRequestId for MakeId {
    fn make_request_id<B>(&mut self, _request: &Request<B>) -> Option<RequestId> {
        let mut bytes = [0u8; 8];
        rand::rngs::OsRng.fill_bytes(&mut bytes);
        hex::encode(bytes).parse().ok().map(RequestId::new)
    }
}

pub fn span(request: &Request<Body>) -> Span {
    let id = request
        .headers()
        .get(&*HEADER)
        .and_then(|v| v.to_str().ok())
        .unwrap_or("-");
    tracing::info_span!("request", id, method = %request.method(), path = %request.uri().path())
}

/// The id of the request being handled, for error messages.
pub fn of(headers: &http::HeaderMap) -> String {
    headers
        .get(&*HEADER)
        .and_then(|v| v.to_str().ok())
        .unwrap_or("-")
        .chars()
        .filter(char::is_ascii_alphanumeric)
        .take(32)
        .collect()
}
