//! Cancellation requests: a shopper asks, the shop approves or rejects, once.

use super::{Conn, StoreResult};
use sqlx::FromRow;

#[derive(Debug, Clone, FromRow)]
pub struct RequestRow {
    pub id: i64,
    pub reason: String,
    pub note: Option<String>,
    pub created_at: i64,
}

pub async fn insert(
    conn: &mut Conn,
    order_id: i64,
    reason: &str,
    note: Option<&str>,
    now: i64,
) -> StoreResult<i64> {
    Ok(sqlx::query_scalar(
        "INSERT INTO cancellation_requests (order_id, status, reason, note, created_at)
         VALUES ($1, 'requested', $2, $3, $4) RETURNING id",
    )
    .bind(order_id)
    .bind(reason)
    .bind(note)
    .bind(now)
    .fetch_one(conn)
    .await?)
}

/// The request waiting for the shop, if any.
pub async fn pending(conn: &mut Conn, order_id: i64) -> StoreResult<Option<RequestRow>> {
    Ok(sqlx::query_as(
        "SELECT id, reason, note, created_at FROM cancellation_requests
         WHERE order_id = $1 AND status = 'requested' ORDER BY id DESC LIMIT 1",
    )
    .bind(order_id)
    .fetch_optional(conn)
    .await?)
}

/// Records the shop's answer; `false` when the request was already answered.
pub async fn decide(
    conn: &mut Conn,
    id: i64,
    approved: bool,
    by: &str,
    message: Option<&str>,
    now: i64,
) -> StoreResult<bool> {
    let done = sqlx::query(
        "UPDATE cancellation_requests SET status = $2, decided_at = $3, decided_by = $4,
             message = $5
         WHERE id = $1 AND status = 'requested'",
    )
    .bind(id)
    .bind(if approved { "approved" } else { "rejected" })
    .bind(now)
    .bind(by)
    .bind(message)
    .execute(conn)
    .await?;
    Ok(done.rows_affected() == 1)
}

/// The shop's message with the latest rejected request (for the shopper's email).
pub async fn last_rejection(conn: &mut Conn, order_id: i64) -> StoreResult<Option<String>> {
    Ok(sqlx::query_scalar::<_, Option<String>>(
        "SELECT message FROM cancellation_requests
         WHERE order_id = $1 AND status = 'rejected' ORDER BY id DESC LIMIT 1",
    )
    .bind(order_id)
    .fetch_optional(conn)
    .await?
    .flatten())
}
