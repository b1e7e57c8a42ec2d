//! The merchant's team: the owner invites and removes staff; everyone changes their own
//! password. Every change is written to the audit log.

use super::merchant_auth::Merchant;
use super::session::SessionCookie;
use super::{ServiceError, ServiceResult};
use crate::api::team::Member;
use crate::api::{AppError, Field};
use crate::domain::password::check_new_password;
use crate::domain::{CustomerEmail, InputProblem, Role};
use crate::server::mail::outbox_email::{self, EmailPayload};
use crate::server::passwords;
use crate::server::store::{accounts, millis, timestamp, users};
use crate::server::tokens::hash_token;
use crate::server::web::Ctx;
use serde_json::json;

pub async fn members(ctx: &Ctx, merchant: &Merchant) -> ServiceResult<Vec<Member>> {
    let rows = accounts::members(&mut *ctx.state.db.read().await?).await?;
    rows.into_iter()
        .map(|r| {
            Ok(Member {
                id: r.id,
                email: r.email,
                role: Role::parse(&r.role).unwrap_or(Role::Staff),
                since: ctx.state.local(timestamp(r.created_at)?).date(),
                invited: r.active == 0,
                you: r.id == merchant.user_id,
            })
        })
        .collect()
}

/// Adds a staff member and emails them a link to choose their password.
pub async fn invite(ctx: &Ctx, owner: &Merchant, raw_email: &str) -> ServiceResult<()> {
    owner.owner_only("team change")?;
    let email = CustomerEmail::parse(raw_email).map_err(|p| AppError::invalid(Field::Email, p))?;
    let now = millis(ctx.state.now());
    let mut tx = ctx.state.db.begin().await?;
    if users::exists(&mut tx, email.as_str()).await? {
        return Err(AppError::invalid(Field::Email, InputProblem::Taken).into());
    }
    let inserted = users::insert(
        &mut tx,
        email.as_str(),
        accounts::UNUSABLE_HASH,
        Role::Staff.as_str(),
        now,
    )
    .await;
    let user_id = match inserted {
        Ok(id) => id,
        // Two owners' tabs inviting the same address at once: one wins.
        Err(e) if e.is_unique_violation() => {
            return Err(AppError::invalid(Field::Email, InputProblem::Taken).into())
        }
        Err(e) => return Err(e.into()),
    };
    let payload = EmailPayload::MemberInvite {
        user_id,
        invited_by: owner.email.clone(),
    };
    outbox_email::queue(&mut tx, &payload, now).await?;
    let data = json!({ "user_id": user_id, "email": email.as_str() });
    accounts::audit(&mut tx, now, owner.user_id, "member_invited", &data).await?;
    tx.commit().await?;
    tracing::info!(user_id, "team member invited");
    Ok(())
}

/// Removes a staff member and ends their sessions at once.
pub async fn remove(ctx: &Ctx, owner: &Merchant, user_id: i64) -> ServiceResult<()> {
    owner.owner_only("team change")?;
    let now = millis(ctx.state.now());
    let mut tx = ctx.state.db.begin().await?;
    if !accounts::remove_staff(&mut tx, user_id, now).await? {
        return Err(AppError::NotFound.into());
    }
    accounts::end_member_sessions(&mut tx, user_id, None).await?;
    let data = json!({ "user_id": user_id });
    accounts::audit(&mut tx, now, owner.user_id, "member_removed", &data).await?;
    tx.commit().await?;
    tracing::info!(user_id, "team member removed");
    Ok(())
}

/// Changes the signed-in user's password after checking the current one; every other session
/// of the user ends.
pub async fn change_password(
    ctx: &Ctx,
    me: &Merchant,
    current: &str,
    new: &str,
    repeated: &str,
) -> ServiceResult<()> {
    if current.is_empty() {
        return Err(AppError::invalid(Field::Password, InputProblem::Required).into());
    }
    check_new_password(new, repeated).map_err(|p| AppError::invalid(Field::NewPassword, p))?;
    let stored = accounts::password_hash(&mut *ctx.state.db.read().await?, me.user_id)
        .await?
        .ok_or(AppError::Unauthorized)?;
    let other = |e: passwords::PasswordError| ServiceError::Other(e.to_string());
    if !passwords::verify(current.to_owned(), stored)
        .await
        .map_err(other)?
    {
        return Err(AppError::invalid(Field::Password, InputProblem::Wrong).into());
    }
    let hash = passwords::hash(new.to_owned()).await.map_err(other)?;
    let now = millis(ctx.state.now());
    let keep = ctx.cookie(SessionCookie::Merchant).map(|t| hash_token(&t));
    let mut tx = ctx.state.db.begin().await?;
    users::set_password_hash(&mut tx, me.user_id, &hash).await?;
    let ended = accounts::end_member_sessions(&mut tx, me.user_id, keep.as_deref()).await?;
    accounts::audit(&mut tx, now, me.user_id, "password_changed", &json!({})).await?;
    tx.commit().await?;
    tracing::info!(user_id = me.user_id, ended, "password changed");
    Ok(())
}
