//! Merchant sign-in, sign-out and the signed-in user of a request.

use super::{limits, ServiceError, ServiceResult};
use crate::api::{AppError, Field};
use crate::domain::merchant::{merchant_session_alive, ABSOLUTE_LIFETIME_MS};
use crate::domain::{CustomerEmail, InputProblem, Role};
use crate::server::passwords;
use crate::server::services::session::SessionCookie;
use crate::server::store::{millis, sessions, users};
use crate::server::tokens::{hash_token, new_token};
use crate::server::web::Ctx;

/// The signed-in merchant user.
#[derive(Debug, Clone)]
pub struct Merchant {
    pub user_id: i64,
    pub email: String,
    pub role: Role,
}

impl Merchant {
    /// Team and integration changes are the owner's; staff get 403 (and a log line).
    pub fn owner_only(&self, what: &str) -> ServiceResult<()> {
        if self.role != Role::Owner {
            tracing::warn!(user_id = self.user_id, what, "refused: not the owner");
            return Err(AppError::Forbidden.into());
        }
        Ok(())
    }
}

fn password_problem(password: &str) -> Option<InputProblem> {
    match password.chars().count() {
        0 => Some(InputProblem::Required),
        n if n > 128 => Some(InputProblem::TooLong),
        _ => None,
    }
}

/// Checks the password and starts a new session (any session the browser had ends: the id
/// is never reused across a sign-in). Unknown email and wrong password answer alike.
#[tracing::instrument(skip_all)]
pub async fn login(ctx: &Ctx, raw_email: &str, password: &str) -> ServiceResult<()> {
    let email = CustomerEmail::parse(raw_email).map_err(|p| AppError::invalid(Field::Email, p))?;
    if let Some(problem) = password_problem(password) {
        return Err(AppError::invalid(Field::Password, problem).into());
    }
    limits::sign_in(ctx, "login", &email).await?;

    let user = users::find_by_email(&mut *ctx.state.db.read().await?, email.as_str()).await?;
    let stored = match &user {
        Some(u) => u.password_hash.clone(),
        None => passwords::dummy_hash().await.to_owned(),
    };
    let matches = passwords::verify(password.to_owned(), stored)
        .await
        .map_err(|e| ServiceError::Other(e.to_string()))?;
    let Some(user) = user.filter(|_| matches) else {
        tracing::info!("merchant sign-in refused");
        return Err(AppError::LoginFailed.into());
    };

    let now = millis(ctx.state.now());
    let token = new_token();
    let mut tx = ctx.state.db.begin().await?;
    if passwords::needs_rehash(&user.password_hash) {
        let fresh = passwords::hash(password.to_owned())
            .await
            .map_err(|e| ServiceError::Other(e.to_string()))?;
        users::set_password_hash(&mut tx, user.id, &fresh).await?;
    }
    if let Some(previous) = ctx.cookie(SessionCookie::Merchant) {
        sessions::delete(&mut tx, &hash_token(&previous)).await?;
    }
    let expires_at = now + ABSOLUTE_LIFETIME_MS;
    sessions::create_merchant(&mut tx, &hash_token(&token), user.id, now, expires_at).await?;
    tx.commit().await?;
    ctx.set_cookie(
        SessionCookie::Merchant,
        &token,
        (ABSOLUTE_LIFETIME_MS / 1000) as u64,
    );
    tracing::info!(user_id = user.id, "merchant signed in");
    Ok(())
}

/// Ends the session on the server and removes the cookie.
pub async fn logout(ctx: &Ctx) -> ServiceResult<()> {
    if let Some(token) = ctx.cookie(SessionCookie::Merchant) {
        let mut tx = ctx.state.db.begin().await?;
        sessions::delete(&mut tx, &hash_token(&token)).await?;
        tx.commit().await?;
    }
    ctx.set_cookie(SessionCookie::Merchant, "", 0);
    Ok(())
}

/// The merchant user signed in on this request, or `Unauthorized`.
pub async fn current(ctx: &Ctx) -> ServiceResult<Merchant> {
    let token = ctx
        .cookie(SessionCookie::Merchant)
        .ok_or(AppError::Unauthorized)?;
    let now = millis(ctx.state.now());
    let mut conn = ctx.state.db.read().await?;
    let row = sessions::find_merchant(&mut conn, &hash_token(&token), now)
        .await?
        .ok_or(AppError::Unauthorized)?;
    if !merchant_session_alive(row.created_at, row.last_seen_at, now) {
        sessions::delete(&mut conn, &hash_token(&token)).await?;
        return Err(AppError::Unauthorized.into());
    }
    // Recording every request would make each page a write; a minute's precision suffices.
    if now - row.last_seen_at > 60_000 {
        sessions::touch(&mut conn, row.id, now).await?;
    }
    let role = Role::parse(&row.role).ok_or_else(|| ServiceError::Other("unknown role".into()))?;
    Ok(Merchant {
        user_id: row.user_id,
        email: row.email,
        role,
    })
}
