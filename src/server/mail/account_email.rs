//! Emails about access rather than an order's progress: team invitations, customer account
//! links and one-time codes. The secret each carries is made when the email is built, so the
//! outbox never holds it.

use super::templates::{self, Email};
use crate::i18n::{fill, format_datetime, Locale};
use crate::server::services::{codes, ServiceError, ServiceResult};
use crate::server::state::AppState;
use crate::server::store::accounts::{self, PasswordOwner};
use crate::server::store::outbox::OutboxRow;
use crate::server::store::{millis, orders, timestamp};
use crate::server::tokens::{hash_token, new_token};

/// How long a set-password link works.
const INVITE_TTL_MS: i64 = 7 * 86_400_000;
const ACCOUNT_LINK_TTL_MS: i64 = 86_400_000;

type Recipient = (String, String);

fn gone(row: &OutboxRow, what: &str) -> ServiceError {
    ServiceError::Other(format!("outbox {}: {what} is gone", row.id))
}

async fn mint_password_link(
    state: &AppState,
    row: &OutboxRow,
    owner: PasswordOwner,
    ttl_ms: i64,
    locale: Locale,
) -> ServiceResult<(String, String)> {
    let now = millis(state.now());
    let token = new_token();
    let expires_at = now + ttl_ms;
    let mut tx = state.db.begin().await?;
    accounts::insert_password_token(&mut tx, &hash_token(&token), owner, row.id, now, expires_at)
        .await?;
    tx.commit().await?;
    let link = format!("{}/password/{token}", state.settings.public_base());
    let until = format_datetime(locale.texts(), state.local(timestamp(expires_at)?));
    Ok((link, until))
}

pub async fn invite(
    state: &AppState,
    row: &OutboxRow,
    user_id: i64,
    invited_by: &str,
) -> ServiceResult<(Recipient, Email)> {
    let email = accounts::member_email(&mut *state.db.read().await?, user_id)
        .await?
        .ok_or_else(|| gone(row, "team member"))?;
    let owner = PasswordOwner::Member(user_id);
    let locale = state.settings.shop_locale;
    let (link, until) = mint_password_link(state, row, owner, INVITE_TTL_MS, locale).await?;
    let t = locale.texts();
    let shop = &state.settings.shop_name;
    let body = templates::Simple {
        locale,
        subject: fill(t.email_invite_subject, &[("shop", shop)]),
        paragraphs: vec![fill(
            t.email_invite_body,
            &[("inviter", invited_by), ("shop", shop)],
        )],
        button: Some((t.email_choose_password, &link)),
        code: None,
        notes: vec![fill(t.email_link_works_once, &[("date", &until)])],
        shop_name: shop,
    };
    Ok(((email, String::new()), templates::simple(t, body)))
}

pub async fn account_link(
    state: &AppState,
    row: &OutboxRow,
    customer_id: i64,
) -> ServiceResult<(Recipient, Email)> {
    let (email, name, locale): (String, String, String) =
        sqlx::query_as("SELECT email, name, locale FROM customers WHERE id = $1")
            .bind(customer_id)
            .fetch_optional(&mut *state.db.read().await?)
            .await?
            .ok_or_else(|| gone(row, "customer"))?;
    let owner = PasswordOwner::Customer(customer_id);
    let locale = Locale::parse(&locale).unwrap_or_default();
    let (link, until) = mint_password_link(state, row, owner, ACCOUNT_LINK_TTL_MS, locale).await?;
    let t = locale.texts();
    let shop = &state.settings.shop_name;
    let body = templates::Simple {
        locale,
        subject: fill(t.email_account_subject, &[("shop", shop)]),
        paragraphs: vec![fill(t.email_account_body, &[("shop", shop)])],
        button: Some((t.email_choose_password, &link)),
        code: None,
        notes: vec![
            fill(t.email_link_works_once, &[("date", &until)]),
            t.email_ignore_if_not_you.to_owned(),
        ],
        shop_name: shop,
    };
    Ok(((email, name), templates::simple(t, body)))
}

pub async fn code(
    state: &AppState,
    row: &OutboxRow,
    order_id: i64,
    session_id: i64,
) -> ServiceResult<(Recipient, Email)> {
    let order = orders::find_by_id(&mut *state.db.read().await?, order_id)
        .await?
        .ok_or_else(|| gone(row, "order"))?;
    let Some(code) = codes::mint(state, session_id, order_id).await? else {
        return Err(gone(row, "session"));
    };
    let locale = Locale::parse(&order.locale).unwrap_or_default();
    let t = locale.texts();
    let body = templates::Simple {
        locale,
        subject: fill(t.email_code_subject, &[("number", &order.number)]),
        paragraphs: vec![t.email_code_body.to_owned()],
        button: None,
        code: Some(&code),
        notes: vec![t.email_code_expires.to_owned()],
        shop_name: &state.settings.shop_name,
    };
    Ok((
        (order.email, order.customer_name),
        templates::simple(t, body),
    ))
}
