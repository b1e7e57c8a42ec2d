//! `GET /o/{token}`: a signed link from an email becomes a verified session, and the browser
//! moves on to a URL without the token.

use super::{page_context, request_id};
use crate::app::shell;
use crate::server::services::links::{redeem as redeem_link, Redeemed};
use crate::server::services::session::{cookie_value, token_from_cookie_header, SessionCookie};
use crate::server::state::AppState;
use crate::ui::pages::{LinkFailure, LinkProblem};
use axum::body::Body;
use axum::extract::{Path, State};
use axum::response::{IntoResponse, Response};
use http::header::{CACHE_CONTROL, COOKIE, LOCATION, REFERRER_POLICY, SET_COOKIE};
use http::{HeaderValue, Request, StatusCode};
use leptos::prelude::provide_context;

pub async fn redeem(
    State(state): State<AppState>,
    Path(token): Path<String>,
    request: Request<Body>,
) -> Response {
    let session = request
        .headers()
        .get_all(COOKIE)
        .iter()
        .filter_map(|v| v.to_str().ok())
        .find_map(|v| {
            token_from_cookie_header(v, SessionCookie::Shopper, state.settings.secure_cookies())
        });
    let outcome = redeem_link(&state, &token, session).await;
    let mut failure = None;
    let (problem, status) = match outcome {
        Ok(Redeemed::Granted {
            number,
            new_session,
        }) => {
            return granted(&state, &number, new_session);
        }
        Ok(Redeemed::Invalid) => (LinkProblem::Invalid, StatusCode::NOT_FOUND),
        Ok(Redeemed::Expired) => (LinkProblem::Expired, StatusCode::GONE),
        Err(e) => {
            let id = request_id::of(request.headers());
            tracing::error!(request_id = %id, error = %e, "redeeming a link failed");
            failure = Some(LinkFailure(id));
            (LinkProblem::Invalid, StatusCode::INTERNAL_SERVER_ERROR)
        }
    };
    let leptos = state.leptos.clone();
    let render = leptos_axum::render_app_to_stream_with_context(
        move || {
            provide_context(state.clone());
            page_context();
            provide_context(problem);
            if let Some(failure) = failure.clone() {
                provide_context(failure);
            }
        },
        move || shell(leptos.clone()),
    );
    let mut response = render(request).await.into_response();
    *response.status_mut() = status;
    response
        .headers_mut()
        .insert(REFERRER_POLICY, HeaderValue::from_static("no-referrer"));
    response
}

fn granted(state: &AppState, number: &str, new_session: Option<String>) -> Response {
    let mut response = StatusCode::SEE_OTHER.into_response();
    let headers = response.headers_mut();
    let location = format!("/orders/{number}");
    if let Ok(value) = HeaderValue::from_str(&location) {
        headers.insert(LOCATION, value);
    }
    headers.insert(CACHE_CONTROL, HeaderValue::from_static("no-store"));
    headers.insert(REFERRER_POLICY, HeaderValue::from_static("no-referrer"));
    if let Some(token) = new_session {
        let settings = &state.settings;
        let max_age = u64::from(settings.session_ttl_days) * 86_400;
        let cookie = cookie_value(
            SessionCookie::Shopper,
            &token,
            max_age,
            settings.secure_cookies(),
        );
        if let Ok(value) = HeaderValue::from_str(&cookie) {
            headers.insert(SET_COOKIE, value);
        }
    }
    response
}
