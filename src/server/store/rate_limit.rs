//! Fixed-window counters in the database, so every instance sees the same limits.

use super::{Conn, StoreResult};

/// Counts one attempt under `key`; returns the attempts so far in the current window and when
/// that window started.
pub async fn hit(conn: &mut Conn, key: &str, now: i64, window_ms: i64) -> StoreResult<(i64, i64)> {
    let expired_before = now - window_ms;
    Ok(sqlx::query_as(
        "INSERT INTO rate_limits (key, window_start, count) VALUES ($1, $2, 1)
         ON CONFLICT (key) DO UPDATE SET
             count = CASE WHEN rate_limits.window_start <= $3 THEN 1
                          ELSE rate_limits.count + 1 END,
             window_start = CASE WHEN rate_limits.window_start <= $3 THEN $2
                                 ELSE rate_limits.window_start END
         RETURNING count, window_start",
    )
    .bind(key)
    .bind(now)
    .bind(expired_before)
    .fetch_one(conn)
    .await?)
}
