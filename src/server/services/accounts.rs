//! Customer accounts and set-password links. A shopper proves they own an email by opening a
//! link sent to it, chooses a password, and from then on signs in to see every order placed
//! with that email. Nothing here tells a visitor whether an email has orders or an account.

use super::session::{self, SessionCookie};
use super::{limits, ServiceError, ServiceResult};
use crate::api::account::{AccountOrder, AccountPage, PasswordFor};
use crate::api::{AppError, Field};
use crate::domain::password::check_new_password;
use crate::domain::{CustomerEmail, InputProblem};
use crate::server::mail::outbox_email::{self, EmailPayload};
use crate::server::passwords;
use crate::server::store::accounts::{self, PasswordOwner};
use crate::server::store::{millis, sessions, timestamp, users};
use crate::server::tokens::{hash_token, looks_like_token, new_token};
use crate::server::web::Ctx;

fn other(e: passwords::PasswordError) -> ServiceError {
    ServiceError::Other(e.to_string())
}

/// Emails a set-password link when the email has orders; answers the same either way.
pub async fn request_link(ctx: &Ctx, raw_email: &str) -> ServiceResult<()> {
    let email = CustomerEmail::parse(raw_email).map_err(|p| AppError::invalid(Field::Email, p))?;
    limits::sign_in(ctx, "account_link", &email).await?;
    let now = millis(ctx.state.now());
    let mut tx = ctx.state.db.begin().await?;
    if let Some((customer_id, _)) = accounts::customer_by_email(&mut tx, email.as_str()).await? {
        outbox_email::queue(&mut tx, &EmailPayload::AccountLink { customer_id }, now).await?;
        tracing::info!(customer_id, "account link queued");
    }
    tx.commit().await?;
    Ok(())
}

/// Who a set-password link is for, without spending it (the page shows it before the form).
pub async fn link_target(ctx: &Ctx, token: &str) -> ServiceResult<PasswordFor> {
    if !looks_like_token(token) {
        return Err(AppError::NotFound.into());
    }
    let now = millis(ctx.state.now());
    let row: Option<(Option<i64>, i64, Option<i64>)> = sqlx::query_as(
        "SELECT merchant_user_id, expires_at, used_at FROM password_tokens WHERE token_hash = $1",
    )
    .bind(hash_token(token))
    .fetch_optional(&mut *ctx.state.db.read().await?)
    .await?;
    match row {
        Some((member, expires_at, None)) if expires_at > now => Ok(if member.is_some() {
            PasswordFor::Team
        } else {
            PasswordFor::Customer
        }),
        _ => Err(AppError::NotFound.into()),
    }
}

/// Spends a set-password link: stores the new password and ends the owner's other sessions.
/// Answers whom it was for, so the page can send them to the right sign-in.
pub async fn set_password(
    ctx: &Ctx,
    token: &str,
    new: &str,
    repeated: &str,
) -> ServiceResult<PasswordFor> {
    check_new_password(new, repeated).map_err(|p| AppError::invalid(Field::NewPassword, p))?;
    if !looks_like_token(token) {
        return Err(AppError::NotFound.into());
    }
    let hash = passwords::hash(new.to_owned()).await.map_err(other)?;
    let now = millis(ctx.state.now());
    let mut tx = ctx.state.db.begin().await?;
    let owner = accounts::use_password_token(&mut tx, &hash_token(token), now)
        .await?
        .ok_or(AppError::NotFound)?;
    let target = match owner {
        PasswordOwner::Member(id) => {
            users::set_password_hash(&mut tx, id, &hash).await?;
            accounts::end_member_sessions(&mut tx, id, None).await?;
            let data = serde_json::json!({});
            accounts::audit(&mut tx, now, id, "password_set_by_link", &data).await?;
            PasswordFor::Team
        }
        PasswordOwner::Customer(id) => {
            accounts::set_customer_password(&mut tx, id, &hash).await?;
            sessions::end_customer_sessions(&mut tx, id).await?;
            PasswordFor::Customer
        }
    };
    tx.commit().await?;
    tracing::info!(?target, "password set by link");
    Ok(target)
}

/// Signs the shopper in to their account. Unknown email, no account yet and wrong password
/// answer alike and take the same time.
pub async fn login(ctx: &Ctx, raw_email: &str, password: &str) -> ServiceResult<()> {
    let email = CustomerEmail::parse(raw_email).map_err(|p| AppError::invalid(Field::Email, p))?;
    match password.chars().count() {
        0 => return Err(AppError::invalid(Field::Password, InputProblem::Required).into()),
        n if n > 128 => {
            return Err(AppError::invalid(Field::Password, InputProblem::TooLong).into())
        }
        _ => {}
    }
    limits::sign_in(ctx, "account_login", &email).await?;
    let customer =
        accounts::customer_by_email(&mut *ctx.state.db.read().await?, email.as_str()).await?;
    let (customer_id, stored) = match customer {
        Some((id, Some(hash))) => (Some(id), hash),
        _ => (None, passwords::dummy_hash().await.to_owned()),
    };
    let matches = passwords::verify(password.to_owned(), stored)
        .await
        .map_err(other)?;
    let Some(customer_id) = customer_id.filter(|_| matches) else {
        tracing::info!("account sign-in refused");
        return Err(AppError::LoginFailed.into());
    };

    let now = millis(ctx.state.now());
    let mut tx = ctx.state.db.begin().await?;
    let existing = match ctx.session_token() {
        Some(t) => sessions::find(&mut tx, &hash_token(&t), now).await?,
        None => None,
    };
    let session_id = match existing {
        Some(id) => id,
        None => {
            session::create(ctx.state.settings.session_ttl_days, &mut tx, now)
                .await?
                .0
        }
    };
    // A new token for the signed-in session: whatever token was known before is worthless.
    let token = new_token();
    sessions::rotate(&mut tx, session_id, &hash_token(&token)).await?;
    sessions::attach_customer(&mut tx, session_id, customer_id).await?;
    tx.commit().await?;
    let max_age = u64::from(ctx.state.settings.session_ttl_days) * 86_400;
    ctx.set_cookie(SessionCookie::Shopper, &token, max_age);
    tracing::info!(customer_id, "customer signed in");
    Ok(())
}

/// Ends the shopper session (account and every order grant in it).
pub async fn logout(ctx: &Ctx) -> ServiceResult<()> {
    if let Some(token) = ctx.session_token() {
        let mut tx = ctx.state.db.begin().await?;
        sessions::delete(&mut tx, &hash_token(&token)).await?;
        tx.commit().await?;
    }
    ctx.set_cookie(SessionCookie::Shopper, "", 0);
    Ok(())
}

/// The signed-in customer's orders, newest first.
pub async fn page(ctx: &Ctx) -> ServiceResult<AccountPage> {
    let token = ctx.session_token().ok_or(AppError::Unauthorized)?;
    let now = millis(ctx.state.now());
    let mut conn = ctx.state.db.read().await?;
    let (_, email) = sessions::find_customer(&mut conn, &hash_token(&token), now)
        .await?
        .ok_or(AppError::Unauthorized)?;
    let rows: Vec<(String, i64, String, String)> = sqlx::query_as(
        "SELECT number, placed_at, lifecycle, currency FROM orders
         WHERE email = $1 ORDER BY placed_at DESC, id DESC LIMIT 200",
    )
    .bind(&email)
    .fetch_all(&mut *conn)
    .await?;
    let orders = rows
        .into_iter()
        .map(|(number, placed_at, lifecycle, _)| {
            Ok(AccountOrder {
                number,
                placed_at: ctx.state.local(timestamp(placed_at)?),
                cancelled: lifecycle == "cancelled",
            })
        })
        .collect::<ServiceResult<Vec<_>>>()?;
    Ok(AccountPage { email, orders })
}
