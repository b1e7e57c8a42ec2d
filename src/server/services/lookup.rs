//! Order lookup by number + email (DESIGN §5.1).

use super::{limits, session, ServiceResult};
use crate::api::{AppError, Field};
use crate::domain::{CustomerEmail, OrderNumber};
use crate::server::store::{millis, orders, sessions};
use crate::server::web::Ctx;
use subtle::ConstantTimeEq;

/// Compared against when the order does not exist, so both refusals do the same work.
const NOBODY: &str = "nobody@invalid.invalid";

/// Grants the session a redacted view of the order when number and email match. Unknown order
/// and wrong email are one answer; every attempt counts against the visitor's address and the
/// order number.
#[tracing::instrument(skip_all, fields(order = %raw_number.chars().take(40).collect::<String>()))]
pub async fn lookup(ctx: &Ctx, raw_number: &str, raw_email: &str) -> ServiceResult<OrderNumber> {
    let number =
        OrderNumber::parse(raw_number).map_err(|p| AppError::invalid(Field::OrderNumber, p))?;
    let email = CustomerEmail::parse(raw_email).map_err(|p| AppError::invalid(Field::Email, p))?;
    let settings = &ctx.state.settings;
    let now = millis(ctx.state.now());
    let window = i64::from(settings.lookup_window_minutes) * 60_000;

    let mut tx = ctx.state.db.begin().await?;
    let keys = [
        (
            format!("lookup:ip:{}", ctx.client_ip()),
            settings.lookup_limit_per_ip,
        ),
        (
            format!("lookup:order:{number}"),
            settings.lookup_limit_per_order,
        ),
    ];
    if let Some(retry_after_secs) = limits::count(&mut tx, now, window, &keys).await? {
        tx.commit().await?;
        return Err(AppError::TooManyAttempts { retry_after_secs }.into());
    }

    let order = orders::find_by_number(&mut tx, number.as_str()).await?;
    let stored_email = order.as_ref().map_or(NOBODY, |o| o.email.as_str());
    let same: bool = stored_email
        .as_bytes()
        .ct_eq(email.as_str().as_bytes())
        .into();
    let order = match order {
        Some(order) if same => order,
        _ => {
            tx.commit().await?;
            tracing::info!("lookup: no match");
            return Err(AppError::LookupNoMatch.into());
        }
    };
    let session_id = session::ensure(ctx, &mut tx, now).await?;
    sessions::grant(&mut tx, session_id, order.id, "redacted", now).await?;
    tx.commit().await?;
    tracing::info!("lookup: redacted access granted");
    Ok(number)
}
