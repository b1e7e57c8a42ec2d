//! Order lookup by number + email (DESIGN §5.1).

use super::{session, ServiceResult};
use crate::api::{AppError, Field};
use crate::domain::{CustomerEmail, OrderNumber};
use crate::server::store::{millis, orders, rate_limit, sessions};
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
    let ip_key = format!("lookup:ip:{}", ctx.client_ip());
    let order_key = format!("lookup:order:{number}");
    let (ip_hits, ip_since) = rate_limit::hit(&mut tx, &ip_key, now, window).await?;
    let (order_hits, order_since) = rate_limit::hit(&mut tx, &order_key, now, window).await?;
    let over_ip = ip_hits > i64::from(settings.lookup_limit_per_ip);
    let over_order = order_hits > i64::from(settings.lookup_limit_per_order);
    if over_ip || over_order {
        tx.commit().await?;
        let window_start = match (over_ip, over_order) {
            (true, true) => ip_since.min(order_since),
            (true, false) => ip_since,
            _ => order_since,
        };
        let retry_after_ms = (window_start + window - now).max(1000);
        tracing::info!("lookup refused: too many attempts");
        return Err(AppError::TooManyAttempts {
            retry_after_secs: (retry_after_ms / 1000) as u64,
        }
        .into());
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
