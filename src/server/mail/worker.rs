//! Drains the outbox: claims due messages (emails and webhooks), sends them, and records the outcome. Failures are
//! retried with exponential back-off until `outbox_max_attempts`, then marked dead.

use super::outbox_email;
use crate::server::config::Settings;
use crate::server::state::AppState;
use crate::server::store::millis;
use crate::server::store::outbox::{self, OutboxRow};
use std::time::Duration;
use tokio::sync::watch;

const BATCH: i64 = 20;

/// How long a message stays leased to one worker: long enough for one send to finish or time
/// out (the SMTP timeout applies per protocol step, so three steps and a margin). The lease is
/// taken for the whole batch at claim time and renewed right before each send, so a slow batch
/// never lets another instance send the same message, and the messages of an instance that
/// died are taken over once their lease runs out.
fn lease_ms(settings: &Settings, kind: &str) -> i64 {
    let timeout = match kind {
        "webhook" => crate::server::webhooks::TIMEOUT_SECS,
        _ => settings.smtp_timeout_secs,
    };
    (timeout.saturating_mul(3).saturating_add(5) * 1000) as i64
}

/// Delay before retry `attempt` (1-based): 10 s, 20 s, 40 s … capped at one hour.
pub fn backoff(attempt: u32) -> Duration {
    let secs = 10u64.saturating_mul(1 << attempt.saturating_sub(1).min(20));
    Duration::from_secs(secs.min(3600))
}

/// Runs until `shutdown` changes.
pub async fn run(state: AppState, mut shutdown: watch::Receiver<bool>) {
    let idle = Duration::from_millis(state.settings.outbox_poll_millis);
    loop {
        let worked = match drain_once(&state).await {
            Ok(n) => n > 0,
            Err(e) => {
                tracing::error!(error = %e, "outbox: claiming failed");
                false
            }
        };
        if !worked {
            tokio::select! {
                _ = tokio::time::sleep(idle) => {}
                _ = shutdown.changed() => return,
            }
        }
        if *shutdown.borrow() {
            return;
        }
    }
}

/// Processes one batch of due messages; returns how many were attempted.
pub async fn drain_once(state: &AppState) -> Result<usize, crate::server::store::StoreError> {
    let now = millis(state.now());
    let held_until = now + lease_ms(&state.settings, "email");
    let rows = outbox::claim_due(&state.db, now, held_until - now, BATCH).await?;
    let n = rows.len();
    for row in rows {
        let until = millis(state.now()) + lease_ms(&state.settings, &row.kind);
        if outbox::renew(&state.db, row.id, held_until, until).await? {
            deliver(state, row).await?;
        } else {
            tracing::info!(
                outbox_id = row.id,
                "outbox: lease taken over by another worker"
            );
        }
    }
    Ok(n)
}

#[tracing::instrument(skip_all, fields(outbox_id = row.id, topic = %row.topic))]
async fn deliver(state: &AppState, row: OutboxRow) -> Result<(), crate::server::store::StoreError> {
    let result = match row.kind.as_str() {
        "email" => match outbox_email::build(state, &row).await {
            Ok(message) => state.mailer.send(message).await.map_err(|e| e.to_string()),
            Err(e) => Err(e.to_string()),
        },
        "webhook" => crate::server::webhooks::deliver(state, &row).await,
        other => Err(format!("unknown outbox kind {other}")),
    };
    let now = millis(state.now());
    let mut conn = state.db.begin().await?;
    match result {
        Ok(()) => {
            outbox::mark_sent(&mut conn, row.id, now).await?;
            tracing::info!("outbox: delivered");
        }
        Err(error) => {
            let attempt = u32::try_from(row.attempts + 1).unwrap_or(u32::MAX);
            let dead = attempt >= state.settings.outbox_max_attempts;
            let next = now + backoff(attempt).as_millis() as i64;
            outbox::mark_failed(&mut conn, row.id, &error, next, dead).await?;
            tracing::warn!(attempt, dead, %error, "outbox: delivery failed");
        }
    }
    conn.commit().await?;
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn backoff_doubles_and_is_capped() {
        assert_eq!(backoff(1), Duration::from_secs(10));
        assert_eq!(backoff(2), Duration::from_secs(20));
        assert_eq!(backoff(4), Duration::from_secs(80));
        assert_eq!(backoff(30), Duration::from_secs(3600));
    }
}
