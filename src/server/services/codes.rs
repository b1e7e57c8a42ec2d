//! One-time codes: a shopper with a redacted view asks for a 6-digit code by email and becomes
//! verified for that order by typing it. Single use, 15 minutes, 5 tries, stored hashed.

use super::{limits, ServiceResult};
use crate::api::{AppError, Field};
use crate::domain::{InputProblem, OrderNumber};
use crate::server::mail::outbox_email::{self, EmailPayload};
use crate::server::state::AppState;
use crate::server::store::{accounts, millis, orders, sessions};
use crate::server::tokens::{hash_token, new_token};
use crate::server::web::Ctx;
use rand::Rng;
use subtle::ConstantTimeEq;

pub const CODE_TTL_MS: i64 = 15 * 60_000;
pub const MAX_TRIES: i64 = 5;
/// Codes one order may be sent per limit window.
const CODES_PER_ORDER: u32 = 5;

fn salted(salt: &str, code: &str) -> String {
    format!("{salt}${}", hash_token(&format!("{salt}{code}")))
}

fn matches(stored: &str, typed: &str) -> bool {
    let Some((salt, _)) = stored.split_once('$') else {
        return false;
    };
    salted(salt, typed)
        .as_bytes()
        .ct_eq(stored.as_bytes())
        .into()
}

/// Makes the code for an email being built; `None` when the session has ended meanwhile.
pub async fn mint(
    state: &AppState,
    session_id: i64,
    order_id: i64,
) -> ServiceResult<Option<String>> {
    let code = format!("{:06}", rand::rngs::OsRng.gen_range(0..1_000_000u32));
    let now = millis(state.now());
    let mut tx = state.db.begin().await?;
    let alive: Option<i64> = sqlx::query_scalar("SELECT id FROM sessions WHERE id = $1")
        .bind(session_id)
        .fetch_optional(&mut *tx)
        .await?;
    if alive.is_none() {
        return Ok(None);
    }
    let stored = salted(&new_token(), &code);
    accounts::insert_code(
        &mut tx,
        session_id,
        order_id,
        &stored,
        now,
        now + CODE_TTL_MS,
    )
    .await?;
    tx.commit().await?;
    Ok(Some(code))
}

/// The session's id and the order, if the session may see the order at all.
async fn session_and_order(ctx: &Ctx, raw_number: &str) -> ServiceResult<(i64, i64, String)> {
    let number = OrderNumber::parse(raw_number).map_err(|_| AppError::Forbidden)?;
    let token = ctx.session_token().ok_or(AppError::Forbidden)?;
    let now = millis(ctx.state.now());
    let mut conn = ctx.state.db.read().await?;
    let session_id = sessions::find(&mut conn, &hash_token(&token), now)
        .await?
        .ok_or(AppError::Forbidden)?;
    let order = orders::find_by_number(&mut conn, number.as_str())
        .await?
        .ok_or(AppError::Forbidden)?;
    sessions::access(&mut conn, &hash_token(&token), order.id, now)
        .await?
        .ok_or(AppError::Forbidden)?;
    Ok((session_id, order.id, order.email))
}

/// Emails a code to the order's address. Answers with the masked address it went to.
pub async fn request(ctx: &Ctx, raw_number: &str) -> ServiceResult<()> {
    let (session_id, order_id, _) = session_and_order(ctx, raw_number).await?;
    let now = millis(ctx.state.now());
    let window = i64::from(ctx.state.settings.lookup_window_minutes) * 60_000;
    let mut tx = ctx.state.db.begin().await?;
    let keys = [(format!("code:order:{order_id}"), CODES_PER_ORDER)];
    if let Some(retry_after_secs) = limits::count(&mut tx, now, window, &keys).await? {
        tx.commit().await?;
        return Err(AppError::TooManyAttempts { retry_after_secs }.into());
    }
    let payload = EmailPayload::OneTimeCode {
        order_id,
        session_id,
    };
    outbox_email::queue(&mut tx, &payload, now).await?;
    tx.commit().await?;
    tracing::info!(order_id, "one-time code requested");
    Ok(())
}

/// Checks a typed code; on success the session is verified for the order and gets a new id.
pub async fn verify(ctx: &Ctx, raw_number: &str, typed: &str) -> ServiceResult<()> {
    let typed: String = typed.chars().filter(|c| !c.is_whitespace()).collect();
    if typed.is_empty() {
        return Err(AppError::invalid(Field::Code, InputProblem::Required).into());
    }
    if typed.len() != 6 || !typed.bytes().all(|b| b.is_ascii_digit()) {
        return Err(AppError::invalid(Field::Code, InputProblem::Malformed).into());
    }
    let (session_id, order_id, _) = session_and_order(ctx, raw_number).await?;
    let now = millis(ctx.state.now());
    let wrong = || AppError::invalid(Field::Code, InputProblem::Wrong).into();
    let mut tx = ctx.state.db.begin().await?;
    let Some((code_id, stored, tries)) =
        accounts::try_code(&mut tx, session_id, order_id, now).await?
    else {
        tx.commit().await?;
        return Err(wrong());
    };
    if tries > MAX_TRIES || !matches(&stored, &typed) {
        if tries >= MAX_TRIES {
            // The last try is spent: the code is dead whatever was typed.
            accounts::use_code(&mut tx, code_id, now).await?;
        }
        tx.commit().await?;
        tracing::info!(order_id, tries, "one-time code refused");
        return Err(wrong());
    }
    if !accounts::use_code(&mut tx, code_id, now).await? {
        return Err(wrong());
    }
    sessions::grant(&mut tx, session_id, order_id, "verified", now).await?;
    let token = new_token();
    sessions::rotate(&mut tx, session_id, &hash_token(&token)).await?;
    tx.commit().await?;
    let max_age = u64::from(ctx.state.settings.session_ttl_days) * 86_400;
    ctx.set_cookie(super::session::SessionCookie::Shopper, &token, max_age);
    tracing::info!(order_id, "one-time code accepted");
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn codes_are_stored_salted_and_compared_whole() {
        let stored = salted("somesalt", "042917");
        assert!(!stored.contains("042917"));
        assert!(matches(&stored, "042917"));
        assert!(!matches(&stored, "042918"));
        assert!(!matches(&stored, "04291"));
        assert!(!matches("garbage", "042917"));
        assert_ne!(
            salted("a", "000000"),
            salted("b", "000000"),
            "salt differs per code"
        );
    }
}
