//! Attempt limits shared by every instance (the counters live in the database), with
//! exponential back-off once a limit is passed.

use super::ServiceResult;
use crate::api::AppError;
use crate::domain::backoff::wait_ms;
use crate::domain::CustomerEmail;
use crate::server::store::{millis, rate_limit, Conn, StoreResult};
use crate::server::web::Ctx;

/// Counts one attempt under each `(key, limit)`; returns the seconds until the visitor may try
/// again, or `None` when every limit still holds. Hits are logged.
pub async fn count(
    conn: &mut Conn,
    now: i64,
    window_ms: i64,
    keys: &[(String, u32)],
) -> StoreResult<Option<u64>> {
    let mut retry_after_ms: Option<i64> = None;
    for (key, limit) in keys {
        let (hits, _, _) = rate_limit::hit(conn, key, now, window_ms).await?;
        if let Some(wait) = wait_ms(window_ms, *limit, hits) {
            rate_limit::block(conn, key, now + wait).await?;
            retry_after_ms = Some(retry_after_ms.map_or(wait, |w| w.max(wait)));
            let kind = key.split(':').take(2).collect::<Vec<_>>().join(":");
            tracing::warn!(limit = %kind, hits, wait_secs = wait / 1000, "attempt limit reached");
        }
    }
    Ok(retry_after_ms.map(|ms| (ms / 1000).max(1) as u64))
}

/// The sign-in limits (per client address and per account email) under `kind`, in their own
/// transaction so the attempt counts even when the sign-in then fails.
pub async fn sign_in(ctx: &Ctx, kind: &str, email: &CustomerEmail) -> ServiceResult<()> {
    let settings = &ctx.state.settings;
    let now = millis(ctx.state.now());
    let window = i64::from(settings.lookup_window_minutes) * 60_000;
    let keys = [
        (
            format!("{kind}:ip:{}", ctx.client_ip()),
            settings.login_limit_per_ip,
        ),
        (
            format!("{kind}:account:{email}"),
            settings.login_limit_per_account,
        ),
    ];
    let mut tx = ctx.state.db.begin().await?;
    let hit = count(&mut tx, now, window, &keys).await?;
    tx.commit().await?;
    match hit {
        Some(retry_after_secs) => Err(AppError::TooManyAttempts { retry_after_secs }.into()),
        None => Ok(()),
    }
}
