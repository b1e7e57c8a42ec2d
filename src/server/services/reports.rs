//! The merchant's reports, counted in the database over a period.

use super::estimates;
use super::{cancellation, ServiceResult};
use crate::api::reports::{
    AccuracyReport, CancellationReport, ProductAccuracy, ReportReason, PERIODS,
};
use crate::domain::estimate::{punctuality, Tally, Window};
use crate::domain::processing::parse_date;
use crate::domain::{Actor, CancelReason};
use crate::server::state::AppState;
use crate::server::store::estimates::{self as promises, Shipped};
use crate::server::store::{cancellations, millis, timestamp};
use jiff::SignedDuration;

/// The period asked for (one of `PERIODS`, else 30 days) and its start.
fn period(state: &AppState, days: u32) -> (u32, i64) {
    let days = if PERIODS.contains(&days) { days } else { 30 };
    let from = millis(state.now() - SignedDuration::from_hours(24 * i64::from(days)));
    (days, from)
}

/// Cancellations by reason and by time since the order was placed.
pub async fn cancellations(state: &AppState, days: u32) -> ServiceResult<CancellationReport> {
    let (days, from) = period(state, days);
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

/// Ship-by promises kept and broken: for orders and per product, comparing the first shipment's
/// shop-local date with the window promised at placement.
pub async fn accuracy(state: &AppState, days: u32) -> ServiceResult<AccuracyReport> {
    let (days, from) = period(state, days);
    let mut conn = state.db.read().await?;
    let zone = estimates::shop(&mut conn).await?.calendar.time_zone;
    let orders = promises::orders_shipped_since(&mut conn, from).await?;
    let lines = promises::lines_shipped_since(&mut conn, from).await?;
    let kept = |row: &Shipped| -> ServiceResult<Option<_>> {
        let promised = Window {
            earliest: match parse_date(&row.promised_ship_earliest) {
                Some(d) => d,
                None => return Ok(None),
            },
            latest: match parse_date(&row.promised_ship_latest) {
                Some(d) => d,
                None => return Ok(None),
            },
        };
        let shipped = timestamp(row.shipped)?.to_zoned(zone.clone()).date();
        Ok(Some(punctuality(promised, shipped)))
    };
    let mut total = Tally::default();
    for row in &orders {
        if let Some(p) = kept(row)? {
            total.add(p);
        }
    }
    let mut by_product: Vec<ProductAccuracy> = Vec::new();
    for row in &lines {
        let Some(p) = kept(row)? else { continue };
        let sku = row.sku.clone().unwrap_or_default();
        match by_product.iter_mut().find(|a| a.sku == sku) {
            Some(a) => a.tally.add(p),
            None => {
                let mut tally = Tally::default();
                tally.add(p);
                by_product.push(ProductAccuracy {
                    title: row.title.clone().unwrap_or_default(),
                    sku,
                    tally,
                });
            }
        }
    }
    by_product.sort_by(|a, b| {
        b.tally
            .total()
            .cmp(&a.tally.total())
            .then(a.sku.cmp(&b.sku))
    });
    Ok(AccuracyReport {
        days,
        orders: total,
        by_product,
    })
}
