//! Bearer tokens for the shop's own system: `opk_` + 43 random characters, shown once, stored
//! as a SHA-256 hash, revocable.

use super::error::ApiError;
use crate::server::state::AppState;
use crate::server::store::{api, millis};
use crate::server::tokens::{hash_token, looks_like_token, new_token};
use axum::extract::FromRequestParts;
use axum::http::header;
use axum::http::request::Parts;

const PREFIX: &str = "opk_";

/// A fresh API token (the raw form, to show once) and its stored hash.
pub fn mint() -> (String, String) {
    let token = format!("{PREFIX}{}", new_token());
    let hash = hash_token(&token);
    (token, hash)
}

fn well_formed(token: &str) -> bool {
    token.strip_prefix(PREFIX).is_some_and(looks_like_token)
}

/// The caller of an API request, authenticated by its token.
#[derive(Debug, Clone)]
pub struct Integration {
    pub token_id: i64,
    pub name: String,
}

impl FromRequestParts<AppState> for Integration {
    type Rejection = ApiError;

    async fn from_request_parts(parts: &mut Parts, state: &AppState) -> Result<Self, ApiError> {
        let presented = parts
            .headers
            .get(header::AUTHORIZATION)
            .and_then(|v| v.to_str().ok())
            .and_then(|v| v.strip_prefix("Bearer "))
            .map(str::trim)
            .filter(|t| well_formed(t))
            .ok_or_else(ApiError::unauthorized)?;
        let now = millis(state.now());
        // A read, so API calls do not queue for SQLite's write lock; the use is recorded (a
        // write) only when the last record is over a minute old.
        let mut conn = state.db.read().await?;
        let Some(token) = api::find_live_token(&mut conn, &hash_token(presented)).await? else {
            tracing::info!("api: unknown or revoked token");
            return Err(ApiError::unauthorized());
        };
        drop(conn);
        if token
            .last_used_at
            .is_none_or(|at| at < now - api::TOUCH_EVERY_MS)
        {
            let mut tx = state.db.begin().await?;
            api::touch_token(&mut tx, token.id, now).await?;
            tx.commit().await?;
        }
        Ok(Integration {
            token_id: token.id,
            name: token.name,
        })
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn minted_tokens_are_prefixed_and_recognised() {
        let (token, hash) = mint();
        assert!(token.starts_with("opk_") && token.len() == 47);
        assert!(well_formed(&token));
        assert_eq!(hash, hash_token(&token));
        assert!(!well_formed(&token[4..]), "the prefix is required");
        assert!(!well_formed("opk_short"));
    }
}
