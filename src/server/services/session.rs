//! Shopper sessions: a random cookie token, stored hashed, granting access order by order.

use super::ServiceResult;
use crate::server::store::{sessions, Conn};
use crate::server::tokens::{hash_token, looks_like_token, new_token};
use crate::server::web::{self, Ctx};

/// The two browser sessions: a shopper's (orders it may see) and a merchant user's.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum SessionCookie {
    Shopper,
    Merchant,
    /// A just-created secret (API token, webhook secret) on its way to the one page view that
    /// shows it, for browsers without JavaScript; a minute long, cleared when shown.
    Reveal,
}

impl SessionCookie {
    /// Over HTTPS the cookie is pinned to this host and path (`__Host-`: Secure, Path=/, no
    /// Domain).
    pub fn name(self, secure: bool) -> &'static str {
        match (self, secure) {
            (SessionCookie::Shopper, false) => "portal_sid",
            (SessionCookie::Shopper, true) => "__Host-portal_sid",
            (SessionCookie::Merchant, false) => "portal_admin",
            (SessionCookie::Merchant, true) => "__Host-portal_admin",
            (SessionCookie::Reveal, false) => "portal_reveal",
            (SessionCookie::Reveal, true) => "__Host-portal_reveal",
        }
    }
}

/// The live session named by the request's cookie, or a new one (its cookie is set on the
/// response).
pub async fn ensure(ctx: &Ctx, conn: &mut Conn, now: i64) -> ServiceResult<i64> {
    if let Some(token) = ctx.session_token() {
        if let Some(id) = sessions::find(conn, &hash_token(&token), now).await? {
            return Ok(id);
        }
    }
    let (id, token) = create(ctx.state.settings.session_ttl_days, conn, now).await?;
    let max_age = u64::from(ctx.state.settings.session_ttl_days) * 86_400;
    ctx.set_cookie(SessionCookie::Shopper, &token, max_age);
    Ok(id)
}

/// A fresh session; returns its id and the token for the cookie.
pub async fn create(ttl_days: u32, conn: &mut Conn, now: i64) -> ServiceResult<(i64, String)> {
    let token = new_token();
    let expires_at = now + i64::from(ttl_days) * 86_400_000;
    let id = sessions::create(conn, &hash_token(&token), now, expires_at).await?;
    Ok((id, token))
}

/// Reads a session token from a `Cookie` header value.
pub fn token_from_cookie_header(
    header: &str,
    cookie: SessionCookie,
    secure: bool,
) -> Option<String> {
    web::cookie::find(header, cookie.name(secure))
        .filter(|value| looks_like_token(value))
        .map(str::to_owned)
}

/// The `Set-Cookie` value for a session token (an empty token with age 0 removes the cookie).
pub fn cookie_value(cookie: SessionCookie, token: &str, max_age: u64, secure: bool) -> String {
    web::cookie::set(cookie.name(secure), token, max_age, secure)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_session_token_is_found_among_other_cookies() {
        let token = new_token();
        let shopper = SessionCookie::Shopper;
        let header = format!("theme=dark; portal_sid={token}; other=1");
        assert_eq!(
            token_from_cookie_header(&header, shopper, false),
            Some(token.clone())
        );
        assert_eq!(
            token_from_cookie_header(&header, shopper, true),
            None,
            "https wants __Host-"
        );
        assert_eq!(
            token_from_cookie_header(&header, SessionCookie::Merchant, false),
            None
        );
        let secure = format!("__Host-portal_sid={token}");
        assert_eq!(
            token_from_cookie_header(&secure, shopper, true),
            Some(token)
        );
        assert_eq!(
            token_from_cookie_header("portal_sid=garbage", shopper, false),
            None
        );
        assert_eq!(token_from_cookie_header("", shopper, false), None);
    }

    #[test]
    fn the_cookie_is_http_only_lax_and_host_bound_over_https() {
        let value = cookie_value(SessionCookie::Shopper, "abc", 60, true);
        assert_eq!(
            value,
            "__Host-portal_sid=abc; Path=/; Max-Age=60; HttpOnly; SameSite=Lax; Secure"
        );
        let plain = cookie_value(SessionCookie::Merchant, "abc", 60, false);
        assert_eq!(
            plain,
            "portal_admin=abc; Path=/; Max-Age=60; HttpOnly; SameSite=Lax"
        );
    }
}
