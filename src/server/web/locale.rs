//! Picks the page language before rendering: the order's locale on its own page (when this
//! visitor may see it), otherwise the browser's Accept-Language, otherwise English.

use crate::i18n::Locale;
use crate::server::services::session::{token_from_cookie_header, SessionCookie};
use crate::server::state::AppState;
use crate::server::store::{millis, orders, sessions};
use crate::server::tokens::hash_token;
use crate::ui::PageLocale;
use axum::extract::{Request, State};
use axum::middleware::Next;
use axum::response::Response;
use http::header::{ACCEPT_LANGUAGE, COOKIE};

pub async fn resolve(State(state): State<AppState>, mut request: Request, next: Next) -> Response {
    let order_locale = match request.uri().path().strip_prefix("/orders/") {
        Some(number) if !number.contains('/') => {
            let cookie = request.headers().get(COOKIE).and_then(|v| v.to_str().ok());
            let secure = state.settings.secure_cookies();
            match cookie.and_then(|c| token_from_cookie_header(c, SessionCookie::Shopper, secure)) {
                Some(token) => order_locale(&state, number, &token).await,
                None => None,
            }
        }
        _ => None,
    };
    let locale = order_locale
        .or_else(|| {
            request
                .headers()
                .get(ACCEPT_LANGUAGE)
                .and_then(|v| v.to_str().ok())
                .and_then(Locale::negotiate)
        })
        .unwrap_or_default();
    request
        .extensions_mut()
        .insert(PageLocale(locale.effective()));
    next.run(request).await
}

/// Two indexed reads; the page's own server function repeats them (it must also answer calls
/// from the browser, which skip this middleware). The benchmark work decides whether to share.
async fn order_locale(state: &AppState, number: &str, token: &str) -> Option<Locale> {
    let number = crate::domain::OrderNumber::parse(number).ok()?;
    let mut conn = state.db.read().await.ok()?;
    let order = orders::find_by_number(&mut conn, number.as_str())
        .await
        .ok()??;
    let now = millis(state.now());
    sessions::access(&mut conn, &hash_token(token), order.id, now)
        .await
        .ok()??;
    Locale::parse(&order.locale)
}
