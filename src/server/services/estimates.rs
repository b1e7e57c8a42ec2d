//! Estimates from stored facts: the shop's processing settings, its products and an order's
//! lines, fed to the one pure engine (`domain::estimate`). Current estimates are computed on
//! every read, so a change to the settings, a product's processing time or its restock date
//! shows at once; the promised windows are fixed at placement.

use super::catalog::PROCESSING;
use super::{ServiceError, ServiceResult};
use crate::domain::calendar::ShopCalendar;
use crate::domain::estimate::{estimate, DayRange, Estimate, LineInput, Supply, Window};
use crate::domain::processing::{parse_date, ProcessingSettings};
use crate::server::state::AppState;
use crate::server::store::catalog::{self, ProductRow};
use crate::server::store::rows::StoredOrder;
use crate::server::store::{millis, timestamp, Conn, Db, LazyConn};
use jiff::tz::TimeZone;
use jiff::Timestamp;

/// The processing settings with their calendar resolved.
#[derive(Debug, Clone)]
pub struct Shop {
    pub settings: ProcessingSettings,
    pub calendar: ShopCalendar,
}

/// Stores the default processing settings in the configured shop time zone unless the shop
/// has settings already; run at start-up, so every reader (pages, API, webhooks, placement)
/// computes with the same stored document.
pub async fn keep_defaults(db: &Db, shop_time_zone: &str) -> ServiceResult<()> {
    let mut tx = db.begin().await?;
    if catalog::setting(&mut tx, PROCESSING).await?.is_none() {
        let defaults = ProcessingSettings::defaults(shop_time_zone);
        let json =
            serde_json::to_string(&defaults).map_err(|e| ServiceError::Other(e.to_string()))?;
        catalog::put_setting(
            &mut tx,
            PROCESSING,
            &json,
            "defaults",
            millis(Timestamp::now()),
        )
        .await?;
    }
    tx.commit().await?;
    Ok(())
}

/// The merchant's processing settings (the defaults in UTC if none were ever stored).
pub async fn shop(conn: &mut Conn) -> ServiceResult<Shop> {
    let settings = match catalog::setting(conn, PROCESSING).await? {
        Some(json) => serde_json::from_str(&json)
            .map_err(|e| ServiceError::Other(format!("stored processing settings: {e}")))?,
        None => ProcessingSettings::defaults("UTC"),
    };
    let zone = TimeZone::get(&settings.time_zone).unwrap_or(TimeZone::UTC);
    Ok(Shop {
        calendar: settings.calendar(zone),
        settings,
    })
}

fn processing(shop: &Shop, product: Option<&ProductRow>) -> DayRange {
    match product.map(|p| (p.processing_min_days, p.processing_max_days)) {
        Some((Some(min), Some(max))) => DayRange {
            min: u32::try_from(min).unwrap_or(0),
            max: u32::try_from(max).unwrap_or(0),
        },
        _ => shop.settings.default_processing_days,
    }
}

fn restock(product: Option<&ProductRow>) -> Option<jiff::civil::Date> {
    product
        .and_then(|p| p.expected_restock.as_deref())
        .and_then(parse_date)
}

fn transit(shop: &Shop, method: &str) -> Option<DayRange> {
    shop.settings.method(method).map(|m| m.transit_days)
}

async fn products(conn: &mut Conn, skus: Vec<&str>) -> ServiceResult<Vec<ProductRow>> {
    Ok(catalog::products_by_sku(conn, &skus).await?)
}

/// One line of an order about to be placed or already placed.
pub struct PlacedLine<'a> {
    pub sku: &'a str,
    /// Units still waiting for stock.
    pub backordered: bool,
    /// Units still to ship (not shipped, not cancelled).
    pub open: bool,
}

/// The estimate for placed lines: a line waits for stock when it has a backordered quantity.
pub async fn for_lines(
    conn: &mut Conn,
    shop: &Shop,
    placed_at: Timestamp,
    shipping_method: &str,
    lines: &[PlacedLine<'_>],
) -> ServiceResult<Estimate> {
    let found = products(conn, lines.iter().map(|l| l.sku).collect()).await?;
    Ok(of_lines(shop, placed_at, shipping_method, lines, &found))
}

/// `for_lines` with the lines' products already read.
fn of_lines(
    shop: &Shop,
    placed_at: Timestamp,
    shipping_method: &str,
    lines: &[PlacedLine<'_>],
    found: &[ProductRow],
) -> Estimate {
    let inputs: Vec<LineInput> = lines
        .iter()
        .map(|l| {
            let product = found.iter().find(|p| p.sku == l.sku);
            LineInput {
                processing: processing(shop, product),
                supply: if l.backordered {
                    Supply::Backordered {
                        restock: restock(product),
                    }
                } else {
                    Supply::InStock
                },
                counts: l.open,
            }
        })
        .collect();
    estimate(
        &shop.calendar,
        placed_at,
        &inputs,
        transit(shop, shipping_method),
    )
}

/// The current estimate of a stored order, with the products read with its lines.
pub fn for_order(shop: &Shop, s: &StoredOrder) -> ServiceResult<Estimate> {
    let lines: Vec<PlacedLine> = s
        .lines
        .iter()
        .map(|l| {
            let open = l.quantity - l.quantity_fulfilled - l.quantity_cancelled > 0;
            PlacedLine {
                sku: &l.sku,
                backordered: open && l.quantity_backordered > 0,
                open,
            }
        })
        .collect();
    let placed_at = timestamp(s.order.placed_at)?;
    Ok(of_lines(
        shop,
        placed_at,
        &s.order.shipping_method,
        &lines,
        &s.products,
    ))
}

/// Why a cart cannot be estimated.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum CartProblem {
    /// The line at this index names a product the shop does not have.
    UnknownSku(usize),
    UnknownShippingMethod,
}

/// `POST /estimates`: a line waits for stock when its quantity exceeds the stock on hand.
pub async fn for_cart(
    conn: &mut Conn,
    shop: &Shop,
    placed_at: Timestamp,
    lines: &[(&str, u32)],
    shipping_method: &str,
) -> ServiceResult<Result<Estimate, CartProblem>> {
    let Some(transit) = transit(shop, shipping_method) else {
        return Ok(Err(CartProblem::UnknownShippingMethod));
    };
    let found = products(conn, lines.iter().map(|(sku, _)| *sku).collect()).await?;
    let mut inputs = Vec::new();
    for (i, (sku, quantity)) in lines.iter().enumerate() {
        let Some(product) = found.iter().find(|p| p.sku == *sku) else {
            return Ok(Err(CartProblem::UnknownSku(i)));
        };
        let supply = if i64::from(*quantity) > product.stock {
            Supply::Backordered {
                restock: restock(Some(product)),
            }
        } else {
            Supply::InStock
        };
        inputs.push(LineInput {
            processing: processing(shop, Some(product)),
            supply,
            counts: true,
        });
    }
    Ok(Ok(estimate(
        &shop.calendar,
        placed_at,
        &inputs,
        Some(transit),
    )))
}

/// A stored `YYYY-MM-DD` pair as a window.
pub fn stored_window(earliest: &Option<String>, latest: &Option<String>) -> Option<Window> {
    Some(Window {
        earliest: parse_date(earliest.as_deref()?)?,
        latest: parse_date(latest.as_deref()?)?,
    })
}

/// The current estimate of a stored order under the shop's settings as they are now.
pub async fn current(conn: &mut Conn, s: &StoredOrder) -> ServiceResult<Estimate> {
    let shop = shop(conn).await?;
    for_order(&shop, s)
}

/// The estimate the status page shows, with the settings as pages see them (`view_settings`).
pub async fn shown(
    state: &AppState,
    conn: &mut LazyConn<'_>,
    s: &StoredOrder,
) -> ServiceResult<Estimate> {
    let shop = state.views.shop(conn).await?;
    for_order(&shop, s)
}

/// The expected restock date of a line's product, if the shop gave one.
pub fn restock_of(s: &StoredOrder, sku: &str) -> Option<jiff::civil::Date> {
    restock(s.product(sku))
}

/// When the units of a stored order that are on the shelf now would ship if they went first
/// (the shopper's "ship what is in stock now"), counted from placement or from `now`, whichever
/// is later; `None` when nothing is on the shelf.
pub fn first_shipment(
    shop: &Shop,
    s: &StoredOrder,
    now: Timestamp,
) -> ServiceResult<Option<Window>> {
    let lines: Vec<PlacedLine> = s
        .lines
        .iter()
        .map(|l| {
            let open = l.quantity - l.quantity_fulfilled - l.quantity_cancelled;
            PlacedLine {
                sku: &l.sku,
                backordered: false,
                open: open - l.quantity_backordered.min(open) > 0,
            }
        })
        .collect();
    if !lines.iter().any(|l| l.open) {
        return Ok(None);
    }
    let from = timestamp(s.order.placed_at)?.max(now);
    let e = of_lines(shop, from, &s.order.shipping_method, &lines, &s.products);
    Ok(e.ship)
}
