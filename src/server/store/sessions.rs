//! Browser sessions and the orders each may see. The cookie holds a random token; only its hash
//! is stored.

use super::{Conn, StoreResult};

pub async fn create(
    conn: &mut Conn,
    token_hash: &str,
    now: i64,
    expires_at: i64,
) -> StoreResult<i64> {
    let id = sqlx::query_scalar(
        "INSERT INTO sessions (token_hash, created_at, expires_at) VALUES ($1, $2, $3) RETURNING id",
    )
    .bind(token_hash)
    .bind(now)
    .bind(expires_at)
    .fetch_one(conn)
    .await?;
    Ok(id)
}

/// The id of a live session.
pub async fn find(conn: &mut Conn, token_hash: &str, now: i64) -> StoreResult<Option<i64>> {
    Ok(
        sqlx::query_scalar("SELECT id FROM sessions WHERE token_hash = $1 AND expires_at > $2")
            .bind(token_hash)
            .bind(now)
            .fetch_optional(conn)
            .await?,
    )
}

/// Lets a session see an order; an existing `verified` grant is never lowered to `redacted`.
pub async fn grant(
    conn: &mut Conn,
    session_id: i64,
    order_id: i64,
    access: &str,
    now: i64,
) -> StoreResult<()> {
    sqlx::query(
        "INSERT INTO session_orders (session_id, order_id, access, granted_at)
         VALUES ($1, $2, $3, $4)
         ON CONFLICT (session_id, order_id) DO UPDATE SET
             access = CASE WHEN session_orders.access = 'verified' THEN 'verified'
                           ELSE excluded.access END,
             granted_at = excluded.granted_at",
    )
    .bind(session_id)
    .bind(order_id)
    .bind(access)
    .bind(now)
    .execute(conn)
    .await?;
    Ok(())
}

/// What a live session may see of an order, if anything.
pub async fn access(
    conn: &mut Conn,
    token_hash: &str,
    order_id: i64,
    now: i64,
) -> StoreResult<Option<String>> {
    Ok(sqlx::query_scalar(
        "SELECT CASE WHEN s.customer_id = o.customer_id THEN 'verified' ELSE so.access END
         FROM sessions s
         JOIN orders o ON o.id = $3
         LEFT JOIN session_orders so ON so.session_id = s.id AND so.order_id = o.id
         WHERE s.token_hash = $1 AND s.expires_at > $2
           AND (so.access IS NOT NULL OR s.customer_id = o.customer_id)",
    )
    .bind(token_hash)
    .bind(now)
    .bind(order_id)
    .fetch_optional(conn)
    .await?)
}

/// A merchant's session as stored, with its user.
#[derive(Debug, Clone, sqlx::FromRow)]
pub struct MerchantSessionRow {
    pub id: i64,
    pub user_id: i64,
    pub email: String,
    pub role: String,
    pub created_at: i64,
    pub last_seen_at: i64,
}

pub async fn create_merchant(
    conn: &mut Conn,
    token_hash: &str,
    user_id: i64,
    now: i64,
    expires_at: i64,
) -> StoreResult<i64> {
    let id = sqlx::query_scalar(
        "INSERT INTO sessions (token_hash, merchant_user_id, created_at, last_seen_at, expires_at)
         VALUES ($1, $2, $3, $3, $4) RETURNING id",
    )
    .bind(token_hash)
    .bind(user_id)
    .bind(now)
    .bind(expires_at)
    .fetch_one(conn)
    .await?;
    Ok(id)
}

pub async fn find_merchant(
    conn: &mut Conn,
    token_hash: &str,
    now: i64,
) -> StoreResult<Option<MerchantSessionRow>> {
    Ok(sqlx::query_as(
        "SELECT s.id, u.id AS user_id, u.email, u.role, s.created_at, s.last_seen_at
         FROM sessions s JOIN merchant_users u ON u.id = s.merchant_user_id
         WHERE s.token_hash = $1 AND s.expires_at > $2 AND u.removed_at IS NULL",
    )
    .bind(token_hash)
    .bind(now)
    .fetch_optional(conn)
    .await?)
}

pub async fn touch(conn: &mut Conn, id: i64, now: i64) -> StoreResult<()> {
    sqlx::query("UPDATE sessions SET last_seen_at = $2 WHERE id = $1")
        .bind(id)
        .bind(now)
        .execute(conn)
        .await?;
    Ok(())
}

/// Ends a session on the server (logout, rotation at login).
pub async fn delete(conn: &mut Conn, token_hash: &str) -> StoreResult<()> {
    sqlx::query("DELETE FROM sessions WHERE token_hash = $1")
        .bind(token_hash)
        .execute(conn)
        .await?;
    Ok(())
}

/// Gives a session a new token, keeping its grants: the old token stops working. Done at every
/// sign-in and verification so a token seen before cannot ride on the new rights.
pub async fn rotate(conn: &mut Conn, id: i64, new_token_hash: &str) -> StoreResult<()> {
    sqlx::query("UPDATE sessions SET token_hash = $2 WHERE id = $1")
        .bind(id)
        .bind(new_token_hash)
        .execute(conn)
        .await?;
    Ok(())
}

/// Signs a shopper session in to a customer account.
pub async fn attach_customer(conn: &mut Conn, id: i64, customer_id: i64) -> StoreResult<()> {
    sqlx::query("UPDATE sessions SET customer_id = $2 WHERE id = $1")
        .bind(id)
        .bind(customer_id)
        .execute(conn)
        .await?;
    Ok(())
}

/// The customer account a live shopper session is signed in to: (customer id, email).
pub async fn find_customer(
    conn: &mut Conn,
    token_hash: &str,
    now: i64,
) -> StoreResult<Option<(i64, String)>> {
    Ok(sqlx::query_as(
        "SELECT c.id, c.email FROM sessions s JOIN customers c ON c.id = s.customer_id
         WHERE s.token_hash = $1 AND s.expires_at > $2",
    )
    .bind(token_hash)
    .bind(now)
    .fetch_optional(conn)
    .await?)
}

/// The language of the customer account a live shopper session is signed in to.
pub async fn customer_locale(
    conn: &mut Conn,
    token_hash: &str,
    now: i64,
) -> StoreResult<Option<String>> {
    Ok(sqlx::query_scalar(
        "SELECT c.locale FROM sessions s JOIN customers c ON c.id = s.customer_id
         WHERE s.token_hash = $1 AND s.expires_at > $2",
    )
    .bind(token_hash)
    .bind(now)
    .fetch_optional(conn)
    .await?)
}

/// Ends every session signed in to a customer account.
pub async fn end_customer_sessions(conn: &mut Conn, customer_id: i64) -> StoreResult<()> {
    sqlx::query("DELETE FROM sessions WHERE customer_id = $1")
        .bind(customer_id)
        .execute(conn)
        .await?;
    Ok(())
}
