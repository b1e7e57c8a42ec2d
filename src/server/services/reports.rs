//! The merchant's reports, counted in the database over a period.

use super::{cancellation, ServiceResult};
use crate::api::reports::{CancellationReport, ReportReason, PERIODS};
use crate::domain::{Actor, CancelReason};
use crate::server::state::AppState;
use crate::server::store::{cancellations, millis};
use jiff::SignedDuration;

/// Cancellations by reason and by time since the order was placed.
pub async fn cancellations(state: &AppState, days: u32) -> ServiceResult<CancellationReport> {
    let days = if PERIODS.contains(&days) { days } else { 30 };
    let from = millis(state.now() - SignedDuration::from_hours(24 * i64::from(days)));
    let mut conn = state.db.read().await?;
    let policy = cancellation::policy(&mut conn).await?;
    let rows = cancellations::by_reason(&mut conn, from).await?;
    let by_age = cancellations::by_age(&mut conn, from).await?;

    let mut by_reason: Vec<(ReportReason, i64)> = Vec::new();
    let mut by_shoppers = 0;
    for row in rows {
        let reason = if row.actor == Actor::Shopper.as_str() {
            by_shoppers += row.count;
            ReportReason::Shopper {
                label: row.shopper_reason.as_deref().map(|code| {
                    policy
                        .reason(code)
                        .map_or_else(|| code.to_owned(), |r| r.label.clone())
                }),
            }
        } else {
            ReportReason::Shop {
                reason: CancelReason::parse(&row.reason),
            }
        };
        match by_reason.iter_mut().find(|(r, _)| *r == reason) {
            Some((_, count)) => *count += row.count,
            None => by_reason.push((reason, row.count)),
        }
    }
    by_reason.sort_by_key(|(_, count)| std::cmp::Reverse(*count));
    Ok(CancellationReport {
        days,
        total: by_age.iter().sum(),
        by_shoppers,
        by_reason,
        by_age,
    })
}
