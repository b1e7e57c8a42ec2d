//! What the integration API keeps: its tokens (hashed) and its idempotency keys.

use super::{Conn, StoreResult};
use sqlx::FromRow;

#[derive(Debug, Clone, FromRow)]
pub struct TokenRow {
    pub id: i64,
    pub name: String,
    pub created_at: i64,
    pub last_used_at: Option<i64>,
    pub revoked_at: Option<i64>,
}

pub async fn insert_token(conn: &mut Conn, name: &str, hash: &str, now: i64) -> StoreResult<i64> {
    Ok(sqlx::query_scalar(
        "INSERT INTO api_tokens (name, token_hash, created_at) VALUES ($1, $2, $3) RETURNING id",
    )
    .bind(name)
    .bind(hash)
    .bind(now)
    .fetch_one(conn)
    .await?)
}

/// The live (not revoked) token with this hash.
pub async fn find_live_token(conn: &mut Conn, hash: &str) -> StoreResult<Option<TokenRow>> {
    Ok(sqlx::query_as(
        "SELECT id, name, created_at, last_used_at, revoked_at FROM api_tokens
         WHERE token_hash = $1 AND revoked_at IS NULL",
    )
    .bind(hash)
    .fetch_optional(conn)
    .await?)
}

/// How stale a token's "last used" may get before a request records it again.
pub const TOUCH_EVERY_MS: i64 = 60_000;

/// Records use, at most once a minute per token (the list shows it; every request writing
/// would serialise them on SQLite).
pub async fn touch_token(conn: &mut Conn, id: i64, now: i64) -> StoreResult<()> {
    sqlx::query(
        "UPDATE api_tokens SET last_used_at = $2
         WHERE id = $1 AND (last_used_at IS NULL OR last_used_at < $2 - $3)",
    )
    .bind(id)
    .bind(now)
    .bind(TOUCH_EVERY_MS)
    .execute(conn)
    .await?;
    Ok(())
}

pub async fn list_tokens(conn: &mut Conn) -> StoreResult<Vec<TokenRow>> {
    Ok(sqlx::query_as(
        "SELECT id, name, created_at, last_used_at, revoked_at FROM api_tokens
         ORDER BY revoked_at IS NOT NULL, created_at DESC, id DESC",
    )
    .fetch_all(conn)
    .await?)
}

/// `true` when a live token was revoked now.
pub async fn revoke_token(conn: &mut Conn, id: i64, now: i64) -> StoreResult<bool> {
    let done =
        sqlx::query("UPDATE api_tokens SET revoked_at = $2 WHERE id = $1 AND revoked_at IS NULL")
            .bind(id)
            .bind(now)
            .execute(conn)
            .await?;
    Ok(done.rows_affected() == 1)
}

/// A stored idempotency key: the request it was first used for and, once finished, the answer.
#[derive(Debug, Clone, FromRow)]
pub struct KeyRow {
    pub request_hash: String,
    pub response_status: Option<i64>,
    pub response_body: Option<String>,
    pub created_at: i64,
}

/// Claims `(scope, key)` for a request; `false` when it is claimed already.
pub async fn claim_key(
    conn: &mut Conn,
    scope: &str,
    key: &str,
    request_hash: &str,
    now: i64,
) -> StoreResult<bool> {
    let done = sqlx::query(
        "INSERT INTO idempotency_keys (scope, key, request_hash, created_at)
         VALUES ($1, $2, $3, $4) ON CONFLICT DO NOTHING",
    )
    .bind(scope)
    .bind(key)
    .bind(request_hash)
    .bind(now)
    .execute(conn)
    .await?;
    Ok(done.rows_affected() == 1)
}

pub async fn find_key(conn: &mut Conn, scope: &str, key: &str) -> StoreResult<Option<KeyRow>> {
    Ok(sqlx::query_as(
        "SELECT request_hash, response_status, response_body, created_at FROM idempotency_keys
         WHERE scope = $1 AND key = $2",
    )
    .bind(scope)
    .bind(key)
    .fetch_optional(conn)
    .await?)
}

pub async fn finish_key(
    conn: &mut Conn,
    scope: &str,
    key: &str,
    status: u16,
    body: &str,
) -> StoreResult<()> {
    sqlx::query(
        "UPDATE idempotency_keys SET response_status = $3, response_body = $4
         WHERE scope = $1 AND key = $2",
    )
    .bind(scope)
    .bind(key)
    .bind(i64::from(status))
    .bind(body)
    .execute(conn)
    .await?;
    Ok(())
}

/// Forgets a key whose request failed on our side, so a retry runs again; or an abandoned one.
pub async fn release_key(conn: &mut Conn, scope: &str, key: &str) -> StoreResult<()> {
    sqlx::query("DELETE FROM idempotency_keys WHERE scope = $1 AND key = $2")
        .bind(scope)
        .bind(key)
        .execute(conn)
        .await?;
    Ok(())
}

/// Keys are kept for a day, like Stripe's.
pub async fn expire_keys(conn: &mut Conn, before: i64) -> StoreResult<()> {
    sqlx::query("DELETE FROM idempotency_keys WHERE created_at < $1")
        .bind(before)
        .execute(conn)
        .await?;
    Ok(())
}
