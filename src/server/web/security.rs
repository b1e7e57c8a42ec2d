//! The security baseline applied to every route: a same-origin check on state-changing requests
//! (CSRF), and response headers (CSP, framing, sniffing, referrer, HSTS, caching).

use crate::server::state::AppState;
use axum::extract::{Request, State};
use axum::middleware::Next;
use axum::response::{IntoResponse, Response};
use http::header::{self, HeaderMap, HeaderValue};
use http::{Method, StatusCode};

/// The policy for responses that carry no inline script. Pages rendered by Leptos replace it
/// with one that also allows their per-response nonce (see `page_csp`).
const BASE_CSP: &str = "default-src 'self'; script-src 'self' 'wasm-unsafe-eval'; \
     style-src 'self'; img-src 'self' data:; connect-src 'self'; form-action 'self'; \
     base-uri 'none'; object-src 'none'; frame-ancestors 'none'";

/// The page policy: inline hydration scripts run only with this response's nonce.
pub fn page_csp(nonce: &str) -> String {
    BASE_CSP.replacen(
        "script-src 'self'",
        &format!("script-src 'self' 'nonce-{nonce}'"),
        1,
    )
}

/// Paths whose responses depend on who is asking and must never be stored by a cache.
fn private_path(path: &str) -> bool {
    [
        "/orders/",
        "/o/",
        "/n/",
        "/fn/",
        "/account",
        "/admin",
        "/password/",
        "/api/",
    ]
    .iter()
    .any(|prefix| path.starts_with(prefix))
}

pub async fn guard(State(state): State<AppState>, request: Request, next: Next) -> Response {
    if !same_origin_or_not_a_browser(&state, request.method(), request.headers()) {
        tracing::warn!(path = %request.uri().path(), "cross-site request refused");
        return (StatusCode::FORBIDDEN, "Cross-site request refused.").into_response();
    }
    let private = private_path(request.uri().path());
    let mut response = next.run(request).await;
    let headers = response.headers_mut();
    let mut set = |name: header::HeaderName, value: &'static str| {
        headers
            .entry(name)
            .or_insert_with(|| HeaderValue::from_static(value));
    };
    set(header::CONTENT_SECURITY_POLICY, BASE_CSP);
    set(header::X_CONTENT_TYPE_OPTIONS, "nosniff");
    set(header::X_FRAME_OPTIONS, "DENY");
    // Pages whose address carries a secret (`/n/…`, `/password/…`) never send it to another
    // site; their own forms do send it back here: a refused form post returns to the page it
    // came from by its Referer, with the error in the query.
    set(header::REFERRER_POLICY, "same-origin");
    if private {
        set(header::CACHE_CONTROL, "no-store");
    }
    if state.settings.secure_cookies() {
        set(
            header::STRICT_TRANSPORT_SECURITY,
            "max-age=31536000; includeSubDomains",
        );
    }
    response
}

/// State-changing requests from a browser must come from our own pages. Browsers say where a
/// request comes from (`Sec-Fetch-Site`, else `Origin`, else `Referer`); a request with none of
/// them is not a browser's (an integration, a script) and cannot ride on a visitor's cookie.
fn same_origin_or_not_a_browser(state: &AppState, method: &Method, headers: &HeaderMap) -> bool {
    if matches!(*method, Method::GET | Method::HEAD | Method::OPTIONS) {
        return true;
    }
    let text = |name: &str| headers.get(name).and_then(|v| v.to_str().ok());
    if let Some(site) = text("sec-fetch-site") {
        return site == "same-origin" || site == "none";
    }
    let source = text("origin")
        .filter(|o| *o != "null")
        .or_else(|| text("referer"));
    let Some(source) = source else {
        return text("origin") != Some("null");
    };
    let source_origin = origin_of(source);
    let own = origin_of(state.settings.public_base());
    let host = text("host").unwrap_or_default();
    source_origin == own || source_origin.split("://").nth(1) == Some(host)
}

/// `scheme://host[:port]` of a URL.
fn origin_of(url: &str) -> String {
    let (scheme, rest) = url.split_once("://").unwrap_or(("", url));
    let authority = rest.split(['/', '?', '#']).next().unwrap_or("");
    format!(
        "{}://{}",
        scheme.to_ascii_lowercase(),
        authority.to_ascii_lowercase()
    )
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn origins_keep_scheme_host_and_port_only() {
        assert_eq!(
            origin_of("https://Shop.example:8443/fn/x?y#z"),
            "https://shop.example:8443"
        );
        assert_eq!(origin_of("http://127.0.0.1:3000"), "http://127.0.0.1:3000");
    }

    #[test]
    fn the_page_policy_allows_only_its_own_nonce_for_inline_scripts() {
        let csp = page_csp("abc");
        assert!(csp.contains("script-src 'self' 'nonce-abc' 'wasm-unsafe-eval'"));
        assert!(csp.contains("frame-ancestors 'none'"));
        assert!(!csp.contains("unsafe-inline"));
    }

    #[test]
    fn private_paths_are_recognised() {
        assert!(private_path("/orders/1001"));
        assert!(private_path("/o/token"));
        assert!(!private_path("/"));
        assert!(!private_path("/pkg/order-portal.js"));
    }
}
