//! The merchant's reports, counted in the database over a period.

use super::estimates;
use super::{cancellation, ServiceResult};
use crate::api::reports::{
    AccuracyReport, BackorderReport, CancellationReport, ProductAccuracy, ReportReason, PERIODS,
};
use crate::domain::backorder::NoticeAnswer;
use crate::domain::estimate::{punctuality, Tally, Window};
use crate::domain::processing::parse_date;
use crate::domain::{Actor, BackorderChoice, CancelReason};
use crate::server::state::AppState;
use crate::server::store::estimates::{self as promises, Shipped};
use crate::server::store::{backorders as store_backorders, cancellations, millis, timestamp};
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

/// Backorders over the period. The opt-out rate covers the items of orders *placed* in the
/// period that waited for stock (still backordered, or with a backorder choice or a delay
/// notice; an item whose stock arrived before either leaves no trace): the share whose
/// waiting units the shopper cancelled, on the order page or from a notice. Choices and
/// notice answers are counted by when they were made or sent.
pub async fn backorders(state: &AppState, days: u32) -> ServiceResult<BackorderReport> {
    let (days, from) = period(state, days);
    let mut conn = state.db.read().await?;
    let (backordered_lines, opted_out) = store_backorders::opt_outs(&mut conn, from).await?;
    let choice_rows = store_backorders::choice_counts(&mut conn, from).await?;
    let answer_rows = store_backorders::answer_counts(&mut conn, from).await?;
    let count_of = |rows: &[(String, i64)], key: &str| {
        rows.iter()
            .filter(|(k, _)| k == key)
            .map(|(_, n)| *n)
            .sum::<i64>()
    };
    let choices = BackorderChoice::ALL
        .iter()
        .map(|c| (*c, count_of(&choice_rows, c.as_str())))
        .collect();
    let notices = [
        Some(NoticeAnswer::KeepWaiting),
        Some(NoticeAnswer::Cancel),
        None,
    ]
    .into_iter()
    .map(|a| (a, count_of(&answer_rows, a.map_or("none", |a| a.as_str()))))
    .collect();
    Ok(BackorderReport {
        days,
        backordered_lines,
        opted_out,
        choices,
        notices,
    })
}
