//! Keeps what was typed into a refused form (see `ui::components::kept_input`).
//!
//! A form post to a server function that is refused is answered by Leptos with a redirect back
//! to the page and the error in the URL (`__path`, `__err`). On the way out, this layer adds a
//! short-lived cookie with the posted fields (passwords, link tokens and one-time codes left
//! out); the next page request that carries that error takes the fields into its render and
//! removes the cookie.

use super::cookie;
use crate::server::state::AppState;
use crate::ui::components::KeptInput;
use axum::body::{to_bytes, Body};
use axum::extract::{Request, State};
use axum::middleware::Next;
use axum::response::Response;
use base64::engine::general_purpose::URL_SAFE_NO_PAD;
use base64::Engine;
use http::header::{CONTENT_TYPE, COOKIE, LOCATION, SET_COOKIE};
use http::{HeaderValue, Method};

/// How long the fields wait for the page they were refused on.
const KEEP_SECS: u64 = 300;
/// Browsers keep cookies up to about 4 KB; larger input is not kept (the error still shows).
const MAX_COOKIE_VALUE: usize = 3_800;

pub async fn keep(State(state): State<AppState>, request: Request, next: Next) -> Response {
    let secure = state.settings.secure_cookies();
    if request.method() == Method::POST && is_form_post(&request) {
        return keep_refused(request, next, secure).await;
    }
    let Some(cookie) = cookie_in(&request, secure) else {
        return next.run(request).await;
    };
    let Some(path) = refused_path(request.uri().query()) else {
        return next.run(request).await;
    };
    let mut request = request;
    if let Some(kept) = decode(&cookie).filter(|kept| kept.path == path) {
        request.extensions_mut().insert(kept);
    }
    let mut response = next.run(request).await;
    if let Ok(value) = HeaderValue::from_str(&cookie_value("", 0, secure)) {
        response.headers_mut().append(SET_COOKIE, value);
    }
    response
}

fn is_form_post(request: &Request) -> bool {
    request.uri().path().starts_with("/fn/")
        && request
            .headers()
            .get(CONTENT_TYPE)
            .and_then(|v| v.to_str().ok())
            .is_some_and(|v| v.starts_with("application/x-www-form-urlencoded"))
}

async fn keep_refused(request: Request, next: Next, secure: bool) -> Response {
    let path = request.uri().path().to_owned();
    let (parts, body) = request.into_parts();
    // The body limit layer outside this one has already bounded the body.
    let bytes = match to_bytes(body, usize::MAX).await {
        Ok(bytes) => bytes,
        Err(_) => {
            let mut response = Response::new(Body::empty());
            *response.status_mut() = http::StatusCode::PAYLOAD_TOO_LARGE;
            return response;
        }
    };
    let fields: Vec<(String, String)> = form_urlencoded::parse(&bytes)
        .filter(|(name, _)| !KeptInput::is_secret(name))
        .map(|(n, v)| (n.into_owned(), v.into_owned()))
        .collect();
    let mut response = next
        .run(Request::from_parts(parts, Body::from(bytes)))
        .await;
    let refused = response.status().is_redirection()
        && response
            .headers()
            .get(LOCATION)
            .and_then(|v| v.to_str().ok())
            .and_then(|location| location.split_once('?'))
            .is_some_and(|(_, query)| refused_path(Some(query)).as_deref() == Some(&*path));
    if refused {
        let value = encode(&KeptInput { path, fields });
        if value.len() <= MAX_COOKIE_VALUE {
            if let Ok(value) = HeaderValue::from_str(&cookie_value(&value, KEEP_SECS, secure)) {
                response.headers_mut().append(SET_COOKIE, value);
            }
        }
    }
    response
}

/// The server function named by a refused post's redirect (`__path`, with `__err` present).
fn refused_path(query: Option<&str>) -> Option<String> {
    let mut path = None;
    let mut has_error = false;
    for (name, value) in form_urlencoded::parse(query?.as_bytes()) {
        match &*name {
            "__path" => path = Some(value.into_owned()),
            "__err" => has_error = true,
            _ => {}
        }
    }
    path.filter(|_| has_error)
}

fn cookie_name(secure: bool) -> &'static str {
    if secure {
        "__Host-portal_kept"
    } else {
        "portal_kept"
    }
}

fn cookie_in(request: &Request, secure: bool) -> Option<String> {
    request
        .headers()
        .get_all(COOKIE)
        .iter()
        .filter_map(|v| v.to_str().ok())
        .find_map(|header| cookie::find(header, cookie_name(secure)))
        .map(str::to_owned)
}

fn cookie_value(value: &str, max_age: u64, secure: bool) -> String {
    cookie::set(cookie_name(secure), value, max_age, secure)
}

fn encode(kept: &KeptInput) -> String {
    URL_SAFE_NO_PAD.encode(serde_json::to_vec(kept).unwrap_or_default())
}

fn decode(value: &str) -> Option<KeptInput> {
    let bytes = URL_SAFE_NO_PAD.decode(value).ok()?;
    serde_json::from_slice(&bytes).ok()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_cookie_value_round_trips_any_text() {
        let kept = KeptInput {
            path: "/fn/save".into(),
            fields: vec![
                ("note".into(), "Ærlig talt; \"nei\", takk = 100 %\n".into()),
                ("reasons[0][label]".into(), String::new()),
            ],
        };
        let value = encode(&kept);
        assert!(value
            .bytes()
            .all(|b| b.is_ascii_alphanumeric() || b == b'-' || b == b'_'));
        assert_eq!(decode(&value), Some(kept));
        assert_eq!(decode("not base64!"), None);
        assert_eq!(decode(&URL_SAFE_NO_PAD.encode("{}")), None);
    }

    #[test]
    fn only_a_redirect_with_an_error_names_a_refused_function() {
        let refused = "done=1&__path=%2Ffn%2Fsave&__err=eyJ9";
        assert_eq!(refused_path(Some(refused)).as_deref(), Some("/fn/save"));
        assert_eq!(refused_path(Some("__path=%2Ffn%2Fsave")), None);
        assert_eq!(refused_path(Some("done=saved")), None);
        assert_eq!(refused_path(None), None);
    }
}
