//! Signed order links (`/o/{token}`): stored as hashes, expiring.

use super::{Conn, StoreResult};

pub async fn insert(
    conn: &mut Conn,
    token_hash: &str,
    order_id: i64,
    outbox_id: Option<i64>,
    now: i64,
    expires_at: i64,
) -> StoreResult<()> {
    sqlx::query(
        "INSERT INTO order_links (token_hash, order_id, outbox_id, created_at, expires_at)
         VALUES ($1, $2, $3, $4, $5)",
    )
    .bind(token_hash)
    .bind(order_id)
    .bind(outbox_id)
    .bind(now)
    .bind(expires_at)
    .execute(conn)
    .await?;
    Ok(())
}

/// The order and expiry of a link, whether or not it has expired.
pub async fn find(conn: &mut Conn, token_hash: &str) -> StoreResult<Option<(i64, i64)>> {
    Ok(
        sqlx::query_as("SELECT order_id, expires_at FROM order_links WHERE token_hash = $1")
            .bind(token_hash)
            .fetch_optional(conn)
            .await?,
    )
}

/// Drops the links minted for an earlier, failed attempt at sending an email.
pub async fn delete_for_outbox(conn: &mut Conn, outbox_id: i64) -> StoreResult<()> {
    sqlx::query("DELETE FROM order_links WHERE outbox_id = $1")
        .bind(outbox_id)
        .execute(conn)
        .await?;
    Ok(())
}
