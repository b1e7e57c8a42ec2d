//! How a verified shopper's change begins: the session must hold verified access to the order,
//! and the order is claimed at the version the page showed. A double submit, a retry or a race
//! with the shop therefore applies once; a repeat of a change that already went through
//! answers as it did then, anything else that moved the order is a conflict.

use super::ServiceResult;
use crate::api::AppError;
use crate::domain::OrderNumber;
use crate::server::store::handling::lock;
use crate::server::store::rows::OrderRow;
use crate::server::store::{millis, orders, sessions, Conn, Tx};
use crate::server::tokens::hash_token;
use crate::server::web::Ctx;

/// The order, locked for this change inside `tx`.
pub struct Held {
    pub tx: Tx,
    pub order: OrderRow,
    pub now_ts: jiff::Timestamp,
    pub now: i64,
}

/// Checks the session's access and claims the order at `version`. An unknown or malformed
/// number answers like a number the session may not act on. When the order is at another
/// version, `reached` looks at it as it is now: if it moved exactly once and shows the change
/// already made, this is a repeat of a submit that went through — `None`, nothing written,
/// answer as then; otherwise it is a conflict (409).
pub async fn claim(
    ctx: &Ctx,
    raw_number: &str,
    version: i64,
    reached: impl AsyncFnOnce(&mut Conn, OrderRow) -> ServiceResult<bool>,
) -> ServiceResult<Option<Held>> {
    let number = OrderNumber::parse(raw_number).map_err(|_| AppError::Forbidden)?;
    let token = ctx.session_token().ok_or(AppError::Forbidden)?;
    let now_ts = ctx.state.now();
    let now = millis(now_ts);
    let mut tx = ctx.state.db.begin().await?;
    let order = orders::find_by_number(&mut tx, number.as_str())
        .await?
        .ok_or(AppError::Forbidden)?;
    let access = sessions::access(&mut tx, &hash_token(&token), order.id, now).await?;
    if access.as_deref() != Some("verified") {
        return Err(AppError::Forbidden.into());
    }
    if lock(&mut tx, order.id, Some(version), now).await? {
        // Read before the lock, but nothing changed in between: the version still matched.
        return Ok(Some(Held {
            tx,
            order,
            now_ts,
            now,
        }));
    }
    drop(tx);
    let mut conn = ctx.state.db.read().await?;
    let current = orders::find_by_id(&mut conn, order.id)
        .await?
        .ok_or(AppError::Forbidden)?;
    if current.version == version + 1 && reached(&mut conn, current).await? {
        return Ok(None);
    }
    Err(AppError::Conflict.into())
}
