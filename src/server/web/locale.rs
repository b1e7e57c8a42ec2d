//! Picks the page language before rendering. In order of precedence:
//! 1. the visitor's own choice from the language switcher (`?lang=nb`, then remembered in a
//!    cookie for a year);
//! 2. on an order's page, the order's language (when this visitor may see the order);
//! 3. the shopper account the visitor is signed in to;
//! 4. the browser's Accept-Language;
//! 5. English.
//!
//! Emails do not pass through here: they are written in the order's (or account's) language.

use super::cookie;
use crate::i18n::Locale;
use crate::server::services::order_page::SeenOrder;
use crate::server::services::session::{token_from_cookie_header, SessionCookie};
use crate::server::state::AppState;
use crate::server::store::{millis, orders, sessions};
use crate::server::tokens::hash_token;
use crate::ui::PageLocale;
use axum::extract::{Request, State};
use axum::middleware::Next;
use axum::response::Response;
use http::header::{ACCEPT_LANGUAGE, COOKIE, SET_COOKIE};
use http::HeaderValue;

/// The query parameter the language switcher's links carry.
pub const LANG_PARAM: &str = "lang";
const REMEMBER_SECS: u64 = 365 * 86_400;

pub async fn resolve(State(state): State<AppState>, mut request: Request, next: Next) -> Response {
    let secure = state.settings.secure_cookies();
    let cookies: Vec<String> = request
        .headers()
        .get_all(COOKIE)
        .iter()
        .filter_map(|v| v.to_str().ok().map(str::to_owned))
        .collect();
    let switched = request.uri().query().and_then(chosen_in_query);
    let remembered = cookies.iter().find_map(|c| chosen_in_cookie(c, secure));
    let shopper = || {
        cookies
            .iter()
            .find_map(|c| token_from_cookie_header(c, SessionCookie::Shopper, secure))
    };

    let mut locale = switched.or(remembered);
    if locale.is_none() {
        if let Some(token) = shopper() {
            let seen = match request.uri().path().strip_prefix("/orders/") {
                Some(number) if !number.contains('/') => seen_order(&state, number, &token).await,
                _ => None,
            };
            if let Some(seen) = seen {
                locale = Locale::parse(&seen.stored.order.locale);
                request.extensions_mut().insert(std::sync::Arc::new(seen));
            }
            if locale.is_none() {
                locale = account_locale(&state, &token).await;
            }
        }
    }
    let locale = locale
        .or_else(|| {
            request
                .headers()
                .get(ACCEPT_LANGUAGE)
                .and_then(|v| v.to_str().ok())
                .and_then(Locale::negotiate)
        })
        .unwrap_or_default();
    request.extensions_mut().insert(PageLocale(locale));
    let mut response = next.run(request).await;
    if let Some(choice) = switched {
        if let Ok(value) = HeaderValue::from_str(&remember_cookie(choice, secure)) {
            response.headers_mut().append(SET_COOKIE, value);
        }
    }
    response
}

fn cookie_name(secure: bool) -> &'static str {
    if secure {
        "__Host-portal_lang"
    } else {
        "portal_lang"
    }
}

fn remember_cookie(locale: Locale, secure: bool) -> String {
    cookie::set(cookie_name(secure), locale.tag(), REMEMBER_SECS, secure)
}

/// `?lang=fi` (only the exact tags the switcher writes).
fn chosen_in_query(query: &str) -> Option<Locale> {
    query
        .split('&')
        .filter_map(|pair| pair.split_once('='))
        .find(|(name, _)| *name == LANG_PARAM)
        .and_then(|(_, value)| Locale::from_tag(value))
}

fn chosen_in_cookie(header: &str, secure: bool) -> Option<Locale> {
    cookie::find(header, cookie_name(secure)).and_then(Locale::from_tag)
}

/// The order on this page, when this visitor may see it: one statement, whose result the page
/// then uses instead of reading the order again (its server function still reads the order
/// itself when the browser calls it, as those calls skip this middleware).
async fn seen_order(state: &AppState, number: &str, token: &str) -> Option<SeenOrder> {
    let number = crate::domain::OrderNumber::parse(number).ok()?;
    let token_hash = hash_token(token);
    let now = millis(state.now());
    let (stored, access) = orders::find_seen(&state.db, number.as_str(), &token_hash, now)
        .await
        .ok()??;
    Some(SeenOrder {
        stored,
        access: access?,
        token_hash,
    })
}

async fn account_locale(state: &AppState, token: &str) -> Option<Locale> {
    let mut conn = state.db.read().await.ok()?;
    let now = millis(state.now());
    let tag = sessions::customer_locale(&mut conn, &hash_token(token), now)
        .await
        .ok()??;
    Locale::parse(&tag)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_switcher_choice_is_read_from_the_query_and_the_cookie() {
        assert_eq!(chosen_in_query("lang=fi"), Some(Locale::Fi));
        assert_eq!(chosen_in_query("done=cancelled&lang=nl"), Some(Locale::Nl));
        assert_eq!(chosen_in_query("lang=de"), None);
        assert_eq!(chosen_in_query("lang=nb%00"), None);
        assert_eq!(chosen_in_query("language=nb"), None);
        assert_eq!(
            chosen_in_cookie("portal_sid=x; portal_lang=nb", false),
            Some(Locale::Nb)
        );
        assert_eq!(chosen_in_cookie("portal_lang=nb", true), None);
        assert_eq!(
            chosen_in_cookie("__Host-portal_lang=en", true),
            Some(Locale::En)
        );
    }

    #[test]
    fn the_remembered_choice_is_a_year_long_lax_cookie() {
        assert_eq!(
            remember_cookie(Locale::Fi, true),
            "__Host-portal_lang=fi; Path=/; Max-Age=31536000; HttpOnly; SameSite=Lax; Secure"
        );
    }
}
