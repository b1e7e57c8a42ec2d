//! Signed order links: minted for emails, redeemed for a verified session.

use super::{session, ServiceResult};
use crate::server::state::AppState;
use crate::server::store::{links, millis, orders, sessions, Conn};
use crate::server::tokens::{hash_token, looks_like_token, new_token};

/// Creates a link token for an order; returns the raw token (only its hash is stored).
pub async fn mint(
    conn: &mut Conn,
    ttl_days: u32,
    order_id: i64,
    outbox_id: Option<i64>,
    now: i64,
) -> ServiceResult<(String, i64)> {
    let token = new_token();
    let expires_at = now + i64::from(ttl_days) * 86_400_000;
    links::insert(
        conn,
        &hash_token(&token),
        order_id,
        outbox_id,
        now,
        expires_at,
    )
    .await?;
    Ok((token, expires_at))
}

#[derive(Debug, PartialEq, Eq)]
pub enum Redeemed {
    /// The session may now see the order in full; `new_session` is a cookie token to set.
    Granted {
        number: String,
        new_session: Option<String>,
    },
    Invalid,
    Expired,
}

/// Exchanges a link token for verified access in the visitor's session (or a new one).
#[tracing::instrument(skip_all)]
pub async fn redeem(
    state: &AppState,
    token: &str,
    session_token: Option<String>,
) -> ServiceResult<Redeemed> {
    if !looks_like_token(token) {
        return Ok(Redeemed::Invalid);
    }
    let now = millis(state.now());
    let mut tx = state.db.begin().await?;
    let Some((order_id, expires_at)) = links::find(&mut tx, &hash_token(token)).await? else {
        return Ok(Redeemed::Invalid);
    };
    if expires_at <= now {
        return Ok(Redeemed::Expired);
    }
    let existing = match session_token {
        Some(t) => sessions::find(&mut tx, &hash_token(&t), now).await?,
        None => None,
    };
    let (session_id, new_session) = match existing {
        // Verification raises what the session may see, so its token changes
        // (a token fixed before verification must not inherit the access).
        Some(id) => {
            let token = new_token();
            sessions::rotate(&mut tx, id, &hash_token(&token)).await?;
            (id, Some(token))
        }
        None => {
            let (id, token) =
                session::create(state.settings.session_ttl_days, &mut tx, now).await?;
            (id, Some(token))
        }
    };
    sessions::grant(&mut tx, session_id, order_id, "verified", now).await?;
    let number = orders::find_by_id(&mut tx, order_id)
        .await?
        .map(|o| o.number)
        .unwrap_or_default();
    tx.commit().await?;
    tracing::info!(order = %number, "signed link redeemed");
    Ok(Redeemed::Granted {
        number,
        new_session,
    })
}
