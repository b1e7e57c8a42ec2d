//! The record of every cancellation (a whole order or one line's units): what the emails about
//! it say and what the reports count.

use super::{Conn, StoreResult};
use sqlx::FromRow;

pub struct NewCancellation<'a> {
    pub order_id: i64,
    /// `None`: the whole order.
    pub line_id: Option<i64>,
    pub quantity: i64,
    pub actor: &'a str,
    pub reason: &'a str,
    pub shopper_reason: Option<&'a str>,
    pub note: Option<&'a str>,
    pub refund_amount: i64,
    pub now: i64,
}

pub async fn insert(conn: &mut Conn, c: &NewCancellation<'_>) -> StoreResult<i64> {
    Ok(sqlx::query_scalar(
        "INSERT INTO cancellations (order_id, line_id, quantity, actor, reason, shopper_reason,
             note, refund_amount, created_at)
         VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9) RETURNING id",
    )
    .bind(c.order_id)
    .bind(c.line_id)
    .bind(c.quantity)
    .bind(c.actor)
    .bind(c.reason)
    .bind(c.shopper_reason)
    .bind(c.note)
    .bind(c.refund_amount)
    .bind(c.now)
    .fetch_one(conn)
    .await?)
}

#[derive(Debug, Clone, FromRow)]
pub struct CancellationRow {
    pub id: i64,
    pub order_id: i64,
    pub line_id: Option<i64>,
    pub quantity: i64,
    pub note: Option<String>,
    pub refund_amount: i64,
}

pub async fn find(conn: &mut Conn, id: i64) -> StoreResult<Option<CancellationRow>> {
    Ok(sqlx::query_as(
        "SELECT id, order_id, line_id, quantity, note, refund_amount
         FROM cancellations WHERE id = $1",
    )
    .bind(id)
    .fetch_optional(conn)
    .await?)
}

/// Cancellations since `from`, counted by who cancelled and why.
#[derive(Debug, Clone, FromRow)]
pub struct ReasonCount {
    pub actor: String,
    pub reason: String,
    pub shopper_reason: Option<String>,
    pub count: i64,
    pub refunded: i64,
}

pub async fn by_reason(conn: &mut Conn, from: i64) -> StoreResult<Vec<ReasonCount>> {
    Ok(sqlx::query_as(
        "SELECT actor, reason, shopper_reason, COUNT(*) AS count,
                CAST(COALESCE(SUM(refund_amount), 0) AS BIGINT) AS refunded
         FROM cancellations WHERE created_at >= $1
         GROUP BY actor, reason, shopper_reason
         ORDER BY count DESC, actor, reason",
    )
    .bind(from)
    .fetch_all(conn)
    .await?)
}

/// Upper bounds (milliseconds after placement) of the age buckets `by_age` counts; the last
/// bucket is everything later.
pub const AGE_BUCKETS: [i64; 4] = [
    15 * 60_000,
    60 * 60_000,
    24 * 60 * 60_000,
    7 * 24 * 60 * 60_000,
];

/// Cancellations since `from`, counted by how long after placement they came, one count per
/// bucket of `AGE_BUCKETS` plus one for later.
pub async fn by_age(conn: &mut Conn, from: i64) -> StoreResult<Vec<i64>> {
    let rows: Vec<(i64, i64)> = sqlx::query_as(
        "SELECT CAST(CASE WHEN c.created_at - o.placed_at < $2 THEN 0
                          WHEN c.created_at - o.placed_at < $3 THEN 1
                          WHEN c.created_at - o.placed_at < $4 THEN 2
                          WHEN c.created_at - o.placed_at < $5 THEN 3
                          ELSE 4 END AS BIGINT) AS bucket,
                COUNT(*) AS count
         FROM cancellations c JOIN orders o ON o.id = c.order_id
         WHERE c.created_at >= $1
         GROUP BY 1",
    )
    .bind(from)
    .bind(AGE_BUCKETS[0])
    .bind(AGE_BUCKETS[1])
    .bind(AGE_BUCKETS[2])
    .bind(AGE_BUCKETS[3])
    .fetch_all(conn)
    .await?;
    let mut counts = vec![0; AGE_BUCKETS.len() + 1];
    for (bucket, count) in rows {
        if let Some(slot) = usize::try_from(bucket).ok().and_then(|b| counts.get_mut(b)) {
            *slot = count;
        }
    }
    Ok(counts)
}
