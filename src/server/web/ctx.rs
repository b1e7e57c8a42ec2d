//! The request as a server function sees it: shared state, request parts, response options.

use super::request_id;
use crate::api::AppError;
use crate::server::services::session::{cookie_value, token_from_cookie_header, SessionCookie};
use crate::server::services::ServiceError;
use crate::server::state::AppState;
use axum::extract::ConnectInfo;
use http::header::{HeaderValue, COOKIE, SET_COOKIE};
use http::request::Parts;
use http::StatusCode;
use leptos::prelude::*;
use leptos_axum::ResponseOptions;
use std::net::{IpAddr, Ipv4Addr, SocketAddr};

#[derive(Clone)]
pub struct Ctx {
    pub state: AppState,
    pub parts: Parts,
    response: ResponseOptions,
    pub request_id: String,
}

impl Ctx {
    /// The context of the server function being run. Missing pieces mean the function was
    /// called outside a request, which is a bug: logged, and answered as an internal error.
    pub fn current() -> Result<Self, AppError> {
        match (
            use_context::<AppState>(),
            use_context::<Parts>(),
            use_context::<ResponseOptions>(),
        ) {
            (Some(state), Some(parts), Some(response)) => {
                let request_id = request_id::of(&parts.headers);
                Ok(Self {
                    state,
                    parts,
                    response,
                    request_id,
                })
            }
            _ => {
                tracing::error!("server function called without request context");
                Err(AppError::Internal {
                    request_id: String::new(),
                })
            }
        }
    }

    /// The language the page is rendered in (what `ui::page_locale` gives its components).
    pub fn page_locale(&self) -> crate::i18n::Locale {
        self.parts
            .extensions
            .get::<crate::ui::PageLocale>()
            .map(|crate::ui::PageLocale(locale)| *locale)
            .unwrap_or_default()
    }

    /// Maps a service result to the boundary: expected refusals pass through with their status;
    /// anything else is logged with its cause and becomes "something went wrong" + request id.
    pub fn respond<T>(&self, result: Result<T, ServiceError>) -> Result<T, AppError> {
        let error = match result {
            Ok(value) => return Ok(value),
            Err(ServiceError::App(e)) => e,
            Err(other) => {
                tracing::error!(request_id = %self.request_id, error = %other, "request failed");
                AppError::Internal {
                    request_id: self.request_id.clone(),
                }
            }
        };
        // A plain HTML form post (no JavaScript) is answered with a redirect back to the form,
        // the error encoded in the URL; a status here would replace that redirect.
        if !self.is_form_post() {
            if let Ok(status) = StatusCode::from_u16(error.status_code()) {
                self.response.set_status(status);
            }
        }
        if let AppError::TooManyAttempts { retry_after_secs } = &error {
            if let Ok(value) = HeaderValue::from_str(&retry_after_secs.to_string()) {
                self.response
                    .insert_header(http::header::RETRY_AFTER, value);
            }
        }
        Err(error)
    }

    fn is_form_post(&self) -> bool {
        let accepts_html = self
            .parts
            .headers
            .get(http::header::ACCEPT)
            .and_then(|v| v.to_str().ok())
            .is_some_and(|v| v.contains("text/html"));
        accepts_html && self.parts.uri.path().starts_with("/fn/")
    }

    /// The shopper session token from the request's cookies.
    pub fn session_token(&self) -> Option<String> {
        self.cookie(SessionCookie::Shopper)
    }

    pub fn cookie(&self, cookie: SessionCookie) -> Option<String> {
        let secure = self.state.settings.secure_cookies();
        self.parts
            .headers
            .get_all(COOKIE)
            .iter()
            .filter_map(|v| v.to_str().ok())
            .find_map(|v| token_from_cookie_header(v, cookie, secure))
    }

    /// Sets (or, with an empty token and age 0, removes) a session cookie on the response.
    pub fn set_cookie(&self, cookie: SessionCookie, token: &str, max_age: u64) {
        let value = cookie_value(cookie, token, max_age, self.state.settings.secure_cookies());
        if let Ok(value) = HeaderValue::from_str(&value) {
            self.response.append_header(SET_COOKIE, value);
        }
    }

    /// The visitor's address: the socket peer, or the first `X-Forwarded-For` hop when the
    /// portal is configured to trust its proxy.
    pub fn client_ip(&self) -> IpAddr {
        if self.state.settings.trust_proxy {
            let forwarded = self
                .parts
                .headers
                .get("x-forwarded-for")
                .and_then(|v| v.to_str().ok())
                .and_then(|v| v.split(',').next())
                .and_then(|ip| ip.trim().parse().ok());
            if let Some(ip) = forwarded {
                return ip;
            }
        }
        self.parts
            .extensions
            .get::<ConnectInfo<SocketAddr>>()
            .map(|ConnectInfo(addr)| addr.ip())
            .unwrap_or(IpAddr::V4(Ipv4Addr::UNSPECIFIED))
    }
}
