//! API tokens for the shop's own system: created by the owner (page or command line), shown
//! once, revocable.

use super::ServiceResult;
use crate::server::rest::auth;
use crate::server::store::{api, Db};

pub const MAX_NAME: usize = 80;

/// Creates a token named `name`; returns the raw token, which is never shown again.
pub async fn create_token(db: &Db, name: &str, now: i64) -> ServiceResult<(i64, String)> {
    let (token, hash) = auth::mint();
    let mut tx = db.begin().await?;
    let id = api::insert_token(&mut tx, name, &hash, now).await?;
    tx.commit().await?;
    tracing::info!(token_id = id, "api token created");
    Ok((id, token))
}
