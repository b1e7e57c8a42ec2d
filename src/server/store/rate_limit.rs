//! Attempt counters in the database, so every instance sees the same limits. A counter's window
//! restarts only when it has run out and no back-off is in force.

use super::{Conn, StoreResult};

/// Counts one attempt under `key`; returns the attempts so far in the current window, when the
/// window started and until when the key is blocked.
pub async fn hit(
    conn: &mut Conn,
    key: &str,
    now: i64,
    window_ms: i64,
) -> StoreResult<(i64, i64, i64)> {
    let expired_before = now - window_ms;
    Ok(sqlx::query_as(
        "INSERT INTO rate_limits (key, window_start, count) VALUES ($1, $2, 1)
         ON CONFLICT (key) DO UPDATE SET
             count = CASE WHEN rate_limits.window_start <= $3 AND rate_limits.blocked_until <= $2
                          THEN 1 ELSE rate_limits.count + 1 END,
             window_start = CASE WHEN rate_limits.window_start <= $3
                                  AND rate_limits.blocked_until <= $2
                                 THEN $2 ELSE rate_limits.window_start END
         RETURNING count, window_start, blocked_until",
    )
    .bind(key)
    .bind(now)
    .bind(expired_before)
    .fetch_one(conn)
    .await?)
}

/// Refuses `key` until `until` (never shortens a block already in force).
pub async fn block(conn: &mut Conn, key: &str, until: i64) -> StoreResult<()> {
    sqlx::query("UPDATE rate_limits SET blocked_until = $2 WHERE key = $1 AND blocked_until < $2")
        .bind(key)
        .bind(until)
        .execute(conn)
        .await?;
    Ok(())
}
