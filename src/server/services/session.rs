//! Shopper sessions: a random cookie token, stored hashed, granting access order by order.

use super::ServiceResult;
use crate::server::store::{sessions, Conn};
use crate::server::tokens::{hash_token, looks_like_token, new_token};
use crate::server::web::Ctx;

const COOKIE: &str = "portal_sid";
/// Over HTTPS the cookie is pinned to this host and path (`__Host-`: Secure, Path=/, no Domain).
const HOST_COOKIE: &str = "__Host-portal_sid";

pub fn cookie_name(secure: bool) -> &'static str {
    if secure {
        HOST_COOKIE
    } else {
        COOKIE
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
    ctx.set_session_cookie(&token);
    Ok(id)
}

/// A fresh session; returns its id and the token for the cookie.
pub async fn create(ttl_days: u32, conn: &mut Conn, now: i64) -> ServiceResult<(i64, String)> {
    let token = new_token();
    let expires_at = now + i64::from(ttl_days) * 86_400_000;
    let id = sessions::create(conn, &hash_token(&token), now, expires_at).await?;
    Ok((id, token))
}

/// Reads the session token from a `Cookie` header value.
pub fn token_from_cookie_header(header: &str, secure: bool) -> Option<String> {
    let wanted = cookie_name(secure);
    header
        .split(';')
        .filter_map(|pair| pair.trim().split_once('='))
        .find(|(name, _)| *name == wanted)
        .map(|(_, value)| value.to_owned())
        .filter(|value| looks_like_token(value))
}

/// The `Set-Cookie` value for a session token.
pub fn cookie_value(token: &str, ttl_days: u32, secure: bool) -> String {
    let max_age = u64::from(ttl_days) * 86_400;
    let name = cookie_name(secure);
    let secure = if secure { "; Secure" } else { "" };
    format!("{name}={token}; Path=/; Max-Age={max_age}; HttpOnly; SameSite=Lax{secure}")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_session_token_is_found_among_other_cookies() {
        let token = new_token();
        let header = format!("theme=dark; {COOKIE}={token}; other=1");
        assert_eq!(
            token_from_cookie_header(&header, false),
            Some(token.clone())
        );
        assert_eq!(
            token_from_cookie_header(&header, true),
            None,
            "https wants the __Host- cookie"
        );
        let secure = format!("{HOST_COOKIE}={token}");
        assert_eq!(token_from_cookie_header(&secure, true), Some(token));
        assert_eq!(token_from_cookie_header("portal_sid=garbage", false), None);
        assert_eq!(token_from_cookie_header("", false), None);
    }

    #[test]
    fn the_cookie_is_http_only_lax_and_secure_over_https() {
        let value = cookie_value("abc", 30, true);
        assert!(value.starts_with("__Host-portal_sid=abc; Path=/;"));
        assert!(value.contains("HttpOnly"));
        assert!(value.contains("SameSite=Lax"));
        assert!(value.ends_with("; Secure"));
        assert!(!cookie_value("abc", 30, false).contains("Secure"));
    }
}
