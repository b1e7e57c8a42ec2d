//! A believable demo shop: Norwegian, Finnish, Dutch and English customers, NOK and EUR, and
//! orders in every state a shopper can meet. Loaded through the same services as real orders.

mod data;

use super::passwords;
use super::services::place_order::{place, Confirm, DraftLine, OrderDraft};
use super::services::{ServiceError, ServiceResult};
use super::store::cancellations::{self, NewCancellation};
use super::store::{millis, orders, users, Db};
use crate::domain::estimate::DayRange;
use crate::domain::processing::{ProcessingSettings, ShippingMethod};
use crate::domain::{Actor, Currency, CustomerEmail, OrderEvent, OrderNumber};
use crate::i18n::Locale;
use crate::server::services::catalog::PROCESSING;
use crate::server::store::catalog;
use data::{After, CUSTOMERS, PRODUCTS, SCENARIOS};

/// The demo shop is in Norway.
const DEMO_ZONE: &str = "Europe/Oslo";
use jiff::{SignedDuration, Timestamp};

pub const OWNER_EMAIL: &str = "owner@fjordogfuru.example";
pub const OWNER_PASSWORD: &str = "demo-owner-2026";

pub const FIRST_NUMBER: u32 = 1001;

fn carrier(locale: &str, n: u32) -> (&'static str, String, String) {
    let tracking = format!("{locale}{n:06}DEMO").to_uppercase();
    match locale {
        "nb" => (
            "Posten Bring",
            format!("https://sporing.posten.no/sporing/{tracking}"),
            tracking,
        ),
        "fi" => (
            "Posti",
            format!("https://www.posti.fi/fi/seuranta#/lahetys/{tracking}"),
            tracking,
        ),
        "nl" => (
            "PostNL",
            format!("https://postnl.nl/tracktrace/?B={tracking}"),
            tracking,
        ),
        _ => (
            "DHL Express",
            format!("https://www.dhl.com/track?id={tracking}"),
            tracking,
        ),
    }
}

/// Loads the demo shop unless there are orders already. Returns whether it loaded anything.
pub async fn load(db: &Db, now: Timestamp) -> ServiceResult<bool> {
    let mut conn = db.read().await?;
    if orders::count(&mut conn).await? > 0 {
        return Ok(false);
    }
    drop(conn);
    // Products and the business calendar first: placing an order promises ship-by dates.
    load_products(db, now).await?;
    load_processing(db, now).await?;
    let bad = |e| ServiceError::Other(format!("demo data: {e:?}"));
    for (i, (who, minutes_ago, payment, lines, after)) in SCENARIOS.iter().enumerate() {
        let n = FIRST_NUMBER + i as u32;
        let (email, name, locale, currency, address) = CUSTOMERS[*who];
        let eur = currency == "EUR";
        let placed_at = now - SignedDuration::from_mins(*minutes_ago);
        let draft = OrderDraft {
            number: OrderNumber::parse(&n.to_string()).map_err(bad)?,
            email: CustomerEmail::parse(email).map_err(bad)?,
            customer_name: name.into(),
            locale: Locale::parse(locale).unwrap_or_default(),
            currency: Currency::parse(currency).map_err(bad)?,
            placed_at,
            payment: *payment,
            shipping_method: if eur {
                "Standard (PostNL / Posti)".into()
            } else {
                "Posten Bring – pakke i postkassen".into()
            },
            shipping_address: Some(address.iter().map(|s| s.to_string()).collect()),
            lines: lines
                .iter()
                .map(|&(p, quantity, backordered)| {
                    let (sku, title, nok, eur_price, _, _) = PRODUCTS[p];
                    DraftLine {
                        sku: sku.into(),
                        title: title.into(),
                        unit_price: if eur { eur_price } else { nok },
                        quantity,
                        quantity_backordered: backordered,
                    }
                })
                .collect(),
        };
        let order_id = place(db, &draft, Actor::Integration, placed_at, Confirm::Send).await?;
        apply(db, order_id, n, locale, *after, placed_at).await?;
    }
    let mut tx = db.begin().await?;
    if !users::exists(&mut tx, OWNER_EMAIL).await? {
        let hash = passwords::hash(OWNER_PASSWORD.into())
            .await
            .map_err(|e| ServiceError::Other(e.to_string()))?;
        users::insert(&mut tx, OWNER_EMAIL, &hash, "owner", millis(now)).await?;
    }
    tx.commit().await?;
    tracing::info!(orders = SCENARIOS.len(), "demo shop loaded");
    Ok(true)
}

/// The demo shop's business calendar: Oslo time, Norwegian public holidays, a closed day
/// between Christmas and New Year, and its two shipping methods.
async fn load_processing(db: &Db, now: Timestamp) -> ServiceResult<()> {
    let mut settings = ProcessingSettings::defaults(DEMO_ZONE);
    settings.holiday_calendar = Some("NO".into());
    let year = now.to_zoned(jiff::tz::TimeZone::UTC).year();
    settings.holidays = vec![format!("{year}-12-27")];
    // The demo warehouse often ships the same day.
    settings.default_processing_days = DayRange { min: 0, max: 2 };
    settings.shipping_methods = vec![
        ShippingMethod {
            code: "mailbox".into(),
            name: "Posten Bring – pakke i postkassen".into(),
            transit_days: DayRange { min: 1, max: 3 },
        },
        ShippingMethod {
            code: "standard-eu".into(),
            name: "Standard (PostNL / Posti)".into(),
            transit_days: DayRange { min: 2, max: 5 },
        },
    ];
    let settings = settings
        .validated()
        .map_err(|e| ServiceError::Other(format!("demo processing settings: {e:?}")))?;
    let json = serde_json::to_string(&settings).map_err(|e| ServiceError::Other(e.to_string()))?;
    let mut tx = db.begin().await?;
    catalog::put_setting(&mut tx, PROCESSING, &json, "demo", millis(now)).await?;
    tx.commit().await?;
    Ok(())
}

async fn load_products(db: &Db, now: Timestamp) -> ServiceResult<()> {
    let mut tx = db.begin().await?;
    let restock = (now + SignedDuration::from_hours(24 * 9))
        .to_zoned(jiff::tz::TimeZone::UTC)
        .date();
    for (sku, title, _, _, stock, made_to_order) in PRODUCTS {
        let expected = (*sku == "FF-LINEN-08").then(|| restock.to_string());
        sqlx::query(
            "INSERT INTO products (sku, title, made_to_order, stock, expected_restock, updated_at)
             VALUES ($1, $2, $3, $4, $5, $6)",
        )
        .bind(*sku)
        .bind(*title)
        .bind(*made_to_order)
        .bind(*stock)
        .bind(expected)
        .bind(millis(now))
        .execute(&mut *tx)
        .await?;
    }
    tx.commit().await?;
    Ok(())
}

/// Plays what happened after placement straight into the store (the merchant console and the
/// integration API do the same through their own services).
async fn apply(
    db: &Db,
    order_id: i64,
    n: u32,
    locale: &str,
    after: After,
    placed: Timestamp,
) -> ServiceResult<()> {
    let mut tx = db.begin().await?;
    let at = |hours: i64| millis(placed + SignedDuration::from_hours(hours));
    match after {
        After::Nothing => {}
        After::Hold(reason) => {
            sqlx::query("INSERT INTO holds (order_id, reason, placed_at, placed_by) VALUES ($1, $2, $3, 'demo')")
                .bind(order_id)
                .bind(reason.as_str())
                .bind(at(1))
                .execute(&mut *tx)
                .await?;
            let event = OrderEvent::HoldPlaced { reason, note: None };
            orders::append_event(&mut tx, order_id, at(1), Actor::Merchant, &event).await?;
        }
        After::ShipPart | After::ShipAll | After::Deliver => {
            let (name, url, tracking) = carrier(locale, n);
            let delivered = matches!(after, After::Deliver).then(|| at(72));
            let status = if delivered.is_some() {
                "delivered"
            } else {
                "shipped"
            };
            let fulfilment_id: i64 = sqlx::query_scalar(
                "INSERT INTO fulfilments (order_id, status, carrier, tracking_number, tracking_url,
                     created_at, shipped_at, delivered_at)
                 VALUES ($1, $2, $3, $4, $5, $6, $6, $7) RETURNING id",
            )
            .bind(order_id)
            .bind(status)
            .bind(name)
            .bind(tracking.clone())
            .bind(url)
            .bind(at(20))
            .bind(delivered)
            .fetch_one(&mut *tx)
            .await?;
            let lines: Vec<(i64, i64, i64)> = sqlx::query_as(
                "SELECT id, quantity, quantity_backordered FROM order_lines WHERE order_id = $1 ORDER BY position",
            )
            .bind(order_id)
            .fetch_all(&mut *tx)
            .await?;
            for (i, (line_id, quantity, backordered)) in lines.into_iter().enumerate() {
                let ship = match after {
                    After::ShipPart if i > 0 => 0,
                    _ => quantity - backordered,
                };
                if ship <= 0 {
                    continue;
                }
                sqlx::query("INSERT INTO fulfilment_lines (fulfilment_id, line_id, quantity) VALUES ($1, $2, $3)")
                    .bind(fulfilment_id)
                    .bind(line_id)
                    .bind(ship)
                    .execute(&mut *tx)
                    .await?;
                sqlx::query("UPDATE order_lines SET quantity_fulfilled = $2 WHERE id = $1")
                    .bind(line_id)
                    .bind(ship)
                    .execute(&mut *tx)
                    .await?;
            }
            let event = OrderEvent::Shipped {
                carrier: Some(name.into()),
                tracking_number: Some(tracking.to_owned()),
            };
            orders::append_event(&mut tx, order_id, at(20), Actor::Merchant, &event).await?;
            if let Some(when) = delivered {
                orders::append_event(
                    &mut tx,
                    order_id,
                    when,
                    Actor::Integration,
                    &OrderEvent::Delivered,
                )
                .await?;
            }
        }
        After::Cancel => {
            // Shoppers cancel for different reasons, some right away, some a day later.
            let (reason, label, hours) = [
                ("changed_mind", "I changed my mind", 0),
                ("found_cheaper", "I found it cheaper elsewhere", 3),
                ("delivery_too_slow", "Delivery takes too long", 30),
            ][n as usize % 3];
            let when = at(hours);
            sqlx::query(
                "UPDATE orders SET lifecycle = 'cancelled', cancel_reason = 'customer',
                     cancelled_at = $2, version = version + 1 WHERE id = $1",
            )
            .bind(order_id)
            .bind(when)
            .execute(&mut *tx)
            .await?;
            sqlx::query("UPDATE order_lines SET quantity_cancelled = quantity WHERE order_id = $1")
                .bind(order_id)
                .execute(&mut *tx)
                .await?;
            let (amount, units, currency): (i64, i64, String) = sqlx::query_as(
                "SELECT CAST(SUM(l.unit_price * l.quantity) AS BIGINT),
                        CAST(SUM(l.quantity) AS BIGINT), o.currency
                 FROM order_lines l JOIN orders o ON o.id = l.order_id
                 WHERE l.order_id = $1 GROUP BY o.currency",
            )
            .bind(order_id)
            .fetch_one(&mut *tx)
            .await?;
            sqlx::query(
                "INSERT INTO refunds (order_id, amount, currency, reason, status, created_at)
                 VALUES ($1, $2, $3, 'customer', 'pending', $4)",
            )
            .bind(order_id)
            .bind(amount)
            .bind(&currency)
            .bind(when)
            .execute(&mut *tx)
            .await?;
            orders::append_event(
                &mut tx,
                order_id,
                when,
                Actor::Shopper,
                &OrderEvent::OrderCancelled {
                    reason: None,
                    restocked: false,
                },
            )
            .await?;
            let money = crate::domain::Money::new(
                amount,
                Currency::parse(&currency).map_err(|e| ServiceError::Other(format!("{e:?}")))?,
            );
            orders::append_event(
                &mut tx,
                order_id,
                when,
                Actor::System,
                &OrderEvent::RefundCreated { amount: money },
            )
            .await?;
            let record = NewCancellation {
                order_id,
                line_id: None,
                quantity: units,
                actor: "shopper",
                reason: "customer",
                shopper_reason: Some(reason),
                note: Some(label),
                refund_amount: amount,
                now: when,
            };
            cancellations::insert(&mut tx, &record).await?;
        }
    }
    tx.commit().await?;
    Ok(())
}

/// A few demo orders to print at start: (number, email).
pub fn sample_orders() -> Vec<(String, &'static str, &'static str)> {
    [0usize, 7, 11, 16, 21]
        .iter()
        .map(|&i| {
            let (who, _, _, _, after) = SCENARIOS[i];
            let what = match after {
                After::Nothing if i == 0 => "just placed, inside the cancellation window",
                After::Nothing => "waiting for stock",
                After::ShipPart => "partly shipped",
                After::Deliver => "delivered",
                After::Cancel => "cancelled",
                _ => "",
            };
            (
                (FIRST_NUMBER + i as u32).to_string(),
                CUSTOMERS[who].0,
                what,
            )
        })
        .collect()
}
