//! The transactional outbox: side effects (emails, later webhooks) written in the same
//! transaction as the change they report, delivered later by the worker.

use super::{Conn, Db, StoreResult};
use sqlx::FromRow;

#[derive(Debug, Clone, FromRow)]
pub struct OutboxRow {
    pub id: i64,
    pub kind: String,
    pub topic: String,
    pub order_id: Option<i64>,
    pub payload: String,
    pub message_id: String,
    pub attempts: i64,
}

pub struct NewMessage<'a> {
    pub kind: &'a str,
    pub topic: &'a str,
    pub order_id: Option<i64>,
    pub payload: &'a str,
    /// Stable across retries, so a receiver can recognise a duplicate.
    pub message_id: &'a str,
}

pub async fn enqueue(conn: &mut Conn, m: &NewMessage<'_>, now: i64) -> StoreResult<i64> {
    let id = sqlx::query_scalar(
        "INSERT INTO outbox (kind, topic, order_id, payload, message_id, next_attempt_at, created_at)
         VALUES ($1, $2, $3, $4, $5, $6, $6) RETURNING id",
    )
    .bind(m.kind)
    .bind(m.topic)
    .bind(m.order_id)
    .bind(m.payload)
    .bind(m.message_id)
    .bind(now)
    .fetch_one(conn)
    .await?;
    Ok(id)
}

/// Leases up to `limit` due messages to this worker for `lease_ms`. Safe with several
/// instances: PostgreSQL skips rows another worker has locked, SQLite has one writer at a time,
/// and a leased row is invisible to others until its lease runs out.
pub async fn claim_due(
    db: &Db,
    now: i64,
    lease_ms: i64,
    limit: i64,
) -> StoreResult<Vec<OutboxRow>> {
    let mut tx = db.begin().await?;
    let select = format!(
        "SELECT id FROM outbox
         WHERE status = 'pending' AND next_attempt_at <= $1
           AND (locked_until IS NULL OR locked_until <= $1)
         ORDER BY next_attempt_at, id LIMIT $2{}",
        db.engine().skip_locked()
    );
    let ids: Vec<i64> = sqlx::query_scalar(&select)
        .bind(now)
        .bind(limit)
        .fetch_all(&mut *tx)
        .await?;
    let mut claimed = Vec::with_capacity(ids.len());
    for id in ids {
        let row: OutboxRow = sqlx::query_as(
            "UPDATE outbox SET locked_until = $2 WHERE id = $1
             RETURNING id, kind, topic, order_id, payload, message_id, attempts",
        )
        .bind(id)
        .bind(now + lease_ms)
        .fetch_one(&mut *tx)
        .await?;
        claimed.push(row);
    }
    tx.commit().await?;
    Ok(claimed)
}

/// Extends this worker's lease on a claimed message right before sending it; `false` when the
/// lease ran out meanwhile and another worker took the message over (then this one skips it).
pub async fn renew(db: &Db, id: i64, held_until: i64, until: i64) -> StoreResult<bool> {
    let mut tx = db.begin().await?;
    let renewed = sqlx::query(
        "UPDATE outbox SET locked_until = $3
         WHERE id = $1 AND locked_until = $2 AND status = 'pending'",
    )
    .bind(id)
    .bind(held_until)
    .bind(until)
    .execute(&mut *tx)
    .await?
    .rows_affected();
    tx.commit().await?;
    Ok(renewed == 1)
}

pub async fn mark_sent(conn: &mut Conn, id: i64, now: i64) -> StoreResult<()> {
    sqlx::query(
        "UPDATE outbox SET status = 'sent', sent_at = $2, attempts = attempts + 1,
             locked_until = NULL, last_error = NULL
         WHERE id = $1",
    )
    .bind(id)
    .bind(now)
    .execute(conn)
    .await?;
    Ok(())
}

/// Records a failed attempt: retried at `next_attempt_at`, or `dead` when out of attempts.
pub async fn mark_failed(
    conn: &mut Conn,
    id: i64,
    error: &str,
    next_attempt_at: i64,
    dead: bool,
) -> StoreResult<()> {
    sqlx::query(
        "UPDATE outbox SET attempts = attempts + 1, last_error = $2, next_attempt_at = $3,
             locked_until = NULL, status = CASE WHEN $4 THEN 'dead' ELSE status END
         WHERE id = $1",
    )
    .bind(id)
    .bind(error)
    .bind(next_attempt_at)
    .bind(dead)
    .execute(conn)
    .await?;
    Ok(())
}

/// Messages by status, for tests and the admin.
pub async fn count_by_status(conn: &mut Conn, status: &str) -> StoreResult<i64> {
    Ok(
        sqlx::query_scalar("SELECT COUNT(*) FROM outbox WHERE status = $1")
            .bind(status)
            .fetch_one(conn)
            .await?,
    )
}

/// A delivery as the integrations page lists it.
#[derive(Debug, Clone, FromRow)]
pub struct DeliveryRow {
    pub id: i64,
    pub topic: String,
    pub message_id: String,
    pub status: String,
    pub attempts: i64,
    pub last_error: Option<String>,
    pub created_at: i64,
    pub sent_at: Option<i64>,
}

/// The newest messages of one kind.
pub async fn recent(conn: &mut Conn, kind: &str, limit: i64) -> StoreResult<Vec<DeliveryRow>> {
    Ok(sqlx::query_as(
        "SELECT id, topic, message_id, status, attempts, last_error, created_at, sent_at
         FROM outbox WHERE kind = $1 ORDER BY id DESC LIMIT $2",
    )
    .bind(kind)
    .bind(limit)
    .fetch_all(conn)
    .await?)
}

/// Makes a message due again now, whatever happened to it; `false` when there is no such
/// message of that kind.
pub async fn requeue(conn: &mut Conn, id: i64, kind: &str, now: i64) -> StoreResult<bool> {
    let done = sqlx::query(
        "UPDATE outbox SET status = 'pending', next_attempt_at = $3, locked_until = NULL, attempts = 0
         WHERE id = $1 AND kind = $2",
    )
    .bind(id)
    .bind(kind)
    .bind(now)
    .execute(conn)
    .await?;
    Ok(done.rows_affected() == 1)
}
