//! The owner connects the shop's own system: API tokens (shown once, stored hashed,
//! revocable) and the webhook endpoint with its signing secret; recent deliveries can be
//! resent. Every change is written to the audit log.

use super::merchant_auth::Merchant;
use super::session::SessionCookie;
use super::{ServiceError, ServiceResult};
use crate::api::integrations::{Delivery, Integrations, Revealed, TokenView};
use crate::api::{AppError, Field};
use crate::domain::{InputProblem, Role};
use crate::server::rest::auth;
use crate::server::store::{accounts, api, catalog, millis, outbox, timestamp, Db};
use crate::server::web::Ctx;
use crate::server::webhooks::{self, Endpoint};
use serde_json::json;

pub const MAX_NAME: usize = 80;
const MAX_URL: usize = 2000;
const REVEAL_SECS: u64 = 60;

/// Creates a token named `name`; returns its id and the raw token, which is never shown again.
pub async fn create_token(db: &Db, name: &str, now: i64) -> ServiceResult<(i64, String)> {
    let (token, hash) = auth::mint();
    let mut tx = db.begin().await?;
    let id = api::insert_token(&mut tx, name, &hash, now).await?;
    tx.commit().await?;
    tracing::info!(token_id = id, "api token created");
    Ok((id, token))
}

/// The random part of a secret: after its prefix (`opk_`, `whsec_`), which has the only `_`
/// that is not random.
fn random_part(secret: &str) -> &str {
    secret.split_once('_').map_or("", |(_, random)| random)
}

/// Hands a fresh secret to the page that shows it once (see `SessionCookie::Reveal`).
fn reveal(ctx: &Ctx, secret: &str) {
    ctx.set_cookie(SessionCookie::Reveal, random_part(secret), REVEAL_SECS);
}

/// Everything the integrations page shows; a secret created a moment ago is shown this once.
pub async fn page(ctx: &Ctx, me: &Merchant) -> ServiceResult<Integrations> {
    let local = |ms: i64| -> ServiceResult<_> { Ok(ctx.state.local(timestamp(ms)?)) };
    let mut conn = ctx.state.db.read().await?;
    let tokens = api::list_tokens(&mut conn)
        .await?
        .into_iter()
        .map(|t| {
            Ok(TokenView {
                id: t.id,
                name: t.name,
                created_at: local(t.created_at)?,
                last_used_at: t.last_used_at.map(local).transpose()?,
                revoked: t.revoked_at.is_some(),
            })
        })
        .collect::<ServiceResult<Vec<_>>>()?;
    let endpoint = webhooks::endpoint(&mut conn).await?.map(|e| e.url);
    let deliveries = outbox::recent(&mut conn, "webhook", 25)
        .await?
        .into_iter()
        .map(|d| {
            let event_type = d.topic;
            Ok(Delivery {
                id: d.id,
                event_id: d.message_id,
                event_type,
                status: d.status,
                attempts: d.attempts,
                last_error: d.last_error,
                at: local(d.sent_at.unwrap_or(d.created_at))?,
            })
        })
        .collect::<ServiceResult<Vec<_>>>()?;
    drop(conn);
    let revealed = ctx.cookie(SessionCookie::Reveal).map(|random| {
        ctx.set_cookie(SessionCookie::Reveal, "", 0);
        Revealed(random)
    });
    Ok(Integrations {
        can_manage: me.role == Role::Owner,
        tokens,
        endpoint,
        deliveries,
        revealed,
    })
}

/// A new API token; its raw value is returned and shown once.
pub async fn new_token(ctx: &Ctx, me: &Merchant, raw_name: &str) -> ServiceResult<String> {
    me.owner_only("integration change")?;
    let name = raw_name.trim();
    if name.is_empty() {
        return Err(AppError::invalid(Field::Name, InputProblem::Required).into());
    }
    if name.chars().count() > MAX_NAME || name.chars().any(char::is_control) {
        return Err(AppError::invalid(Field::Name, InputProblem::TooLong).into());
    }
    let now = millis(ctx.state.now());
    let (id, token) = create_token(&ctx.state.db, name, now).await?;
    audit(
        ctx,
        me,
        "api_token_created",
        json!({ "token_id": id, "name": name }),
    )
    .await?;
    reveal(ctx, &token);
    Ok(token)
}

pub async fn revoke_token(ctx: &Ctx, me: &Merchant, id: i64) -> ServiceResult<()> {
    me.owner_only("integration change")?;
    let now = millis(ctx.state.now());
    let mut tx = ctx.state.db.begin().await?;
    if !api::revoke_token(&mut tx, id, now).await? {
        return Err(AppError::NotFound.into());
    }
    let data = json!({ "token_id": id });
    accounts::audit(&mut tx, now, me.user_id, "api_token_revoked", &data).await?;
    tx.commit().await?;
    tracing::info!(token_id = id, "api token revoked");
    Ok(())
}

fn endpoint_url(raw: &str) -> ServiceResult<String> {
    let url = raw.trim();
    if url.is_empty() {
        return Err(AppError::invalid(Field::Url, InputProblem::Required).into());
    }
    if url.chars().count() > MAX_URL {
        return Err(AppError::invalid(Field::Url, InputProblem::TooLong).into());
    }
    let host = url
        .strip_prefix("https://")
        .or_else(|| url.strip_prefix("http://"))
        .unwrap_or("");
    if host.is_empty()
        || host.starts_with('/')
        || url.chars().any(|c| c.is_whitespace() || c.is_control())
    {
        return Err(AppError::invalid(Field::Url, InputProblem::Malformed).into());
    }
    Ok(url.to_owned())
}

/// Sets the endpoint URL. The first time, a signing secret is made and shown once (returned);
/// later changes keep the secret.
pub async fn set_endpoint(
    ctx: &Ctx,
    me: &Merchant,
    raw_url: &str,
) -> ServiceResult<Option<String>> {
    me.owner_only("integration change")?;
    let url = endpoint_url(raw_url)?;
    let now = millis(ctx.state.now());
    let mut tx = ctx.state.db.begin().await?;
    let current = webhooks::endpoint(&mut tx).await?;
    let fresh = current.is_none().then(webhooks::new_secret);
    let secret = match (&current, &fresh) {
        (Some(c), _) => c.secret.clone(),
        (None, Some(s)) => s.clone(),
        (None, None) => unreachable!("a secret is made when none exists"),
    };
    save(
        &mut tx,
        me,
        &Endpoint {
            url: url.clone(),
            secret,
        },
        now,
    )
    .await?;
    let data = json!({ "url": url });
    accounts::audit(&mut tx, now, me.user_id, "webhook_endpoint_set", &data).await?;
    tx.commit().await?;
    if let Some(secret) = &fresh {
        reveal(ctx, secret);
    }
    Ok(fresh)
}

/// A new signing secret (the old one stops working at once); shown once.
pub async fn rotate_secret(ctx: &Ctx, me: &Merchant) -> ServiceResult<String> {
    me.owner_only("integration change")?;
    let now = millis(ctx.state.now());
    let mut tx = ctx.state.db.begin().await?;
    let current = webhooks::endpoint(&mut tx)
        .await?
        .ok_or(AppError::invalid(Field::Url, InputProblem::Required))?;
    let secret = webhooks::new_secret();
    save(
        &mut tx,
        me,
        &Endpoint {
            url: current.url,
            secret: secret.clone(),
        },
        now,
    )
    .await?;
    let data = json!({});
    accounts::audit(&mut tx, now, me.user_id, "webhook_secret_rotated", &data).await?;
    tx.commit().await?;
    reveal(ctx, &secret);
    Ok(secret)
}

async fn save(
    tx: &mut crate::server::store::Tx,
    me: &Merchant,
    e: &Endpoint,
    now: i64,
) -> ServiceResult<()> {
    let json = serde_json::to_string(e).map_err(|err| ServiceError::Other(err.to_string()))?;
    let by = format!("merchant:{}", me.user_id);
    catalog::put_setting(tx, webhooks::SETTING, &json, &by, now).await?;
    Ok(())
}

/// Queues a `ping` event so the shop can check its receiver.
pub async fn send_test(ctx: &Ctx, me: &Merchant) -> ServiceResult<()> {
    me.owner_only("integration change")?;
    let now = millis(ctx.state.now());
    let mut tx = ctx.state.db.begin().await?;
    let data = json!({ "message": "A test event from the order portal." });
    if webhooks::emit(&mut tx, "ping", None, data, now)
        .await?
        .is_none()
    {
        return Err(AppError::invalid(Field::Url, InputProblem::Required).into());
    }
    tx.commit().await?;
    Ok(())
}

/// Sends a delivery again (same event id and body) as soon as the worker runs.
pub async fn resend(ctx: &Ctx, me: &Merchant, id: i64) -> ServiceResult<()> {
    me.owner_only("integration change")?;
    let now = millis(ctx.state.now());
    let mut tx = ctx.state.db.begin().await?;
    if !outbox::requeue(&mut tx, id, "webhook", now).await? {
        return Err(AppError::NotFound.into());
    }
    let data = json!({ "outbox_id": id });
    accounts::audit(&mut tx, now, me.user_id, "webhook_resent", &data).await?;
    tx.commit().await?;
    Ok(())
}

async fn audit(
    ctx: &Ctx,
    me: &Merchant,
    action: &str,
    data: serde_json::Value,
) -> ServiceResult<()> {
    let now = millis(ctx.state.now());
    let mut tx = ctx.state.db.begin().await?;
    accounts::audit(&mut tx, now, me.user_id, action, &data).await?;
    tx.commit().await?;
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_random_part_keeps_its_own_underscores() {
        let random = "ab_cd-ef_gh";
        assert_eq!(random_part(&format!("opk_{random}")), random);
        assert_eq!(random_part(&format!("whsec_{random}")), random);
    }
}
