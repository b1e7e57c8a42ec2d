//! Attempt limits shared by every instance (the counters live in the database).

use crate::server::store::{rate_limit, Conn, StoreResult};

/// Counts one attempt under each `(key, limit)`; returns the seconds until the earliest
/// exceeded window ends, or `None` when every limit still holds. Hits are logged.
pub async fn count(
    conn: &mut Conn,
    now: i64,
    window_ms: i64,
    keys: &[(String, u32)],
) -> StoreResult<Option<u64>> {
    let mut retry_after_ms: Option<i64> = None;
    for (key, limit) in keys {
        let (hits, since) = rate_limit::hit(conn, key, now, window_ms).await?;
        if hits > i64::from(*limit) {
            let wait = (since + window_ms - now).max(1000);
            retry_after_ms = Some(retry_after_ms.map_or(wait, |w| w.min(wait)));
            let kind = key.split(':').take(2).collect::<Vec<_>>().join(":");
            tracing::warn!(limit = %kind, hits, "attempt limit reached");
        }
    }
    Ok(retry_after_ms.map(|ms| (ms / 1000) as u64))
}
