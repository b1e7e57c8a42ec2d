//! The ship-by and delivery windows promised at placement.

use super::{Conn, StoreResult};
use crate::domain::estimate::Window;

fn ends(window: Option<Window>) -> (Option<String>, Option<String>) {
    match window {
        Some(w) => (Some(w.earliest.to_string()), Some(w.latest.to_string())),
        None => (None, None),
    }
}

/// Records the order's promised windows (`None`: not known at placement).
pub async fn promise_order(
    conn: &mut Conn,
    order_id: i64,
    ship: Option<Window>,
    delivery: Option<Window>,
) -> StoreResult<()> {
    let (ship_from, ship_to) = ends(ship);
    let (delivery_from, delivery_to) = ends(delivery);
    sqlx::query(
        "UPDATE orders SET promised_ship_earliest = $1, promised_ship_latest = $2,
             promised_delivery_earliest = $3, promised_delivery_latest = $4
         WHERE id = $5",
    )
    .bind(ship_from)
    .bind(ship_to)
    .bind(delivery_from)
    .bind(delivery_to)
    .bind(order_id)
    .execute(conn)
    .await?;
    Ok(())
}

/// Records one line's promised ship-by window.
pub async fn promise_line(conn: &mut Conn, line_id: i64, ship: Option<Window>) -> StoreResult<()> {
    let (from, to) = ends(ship);
    sqlx::query(
        "UPDATE order_lines SET promised_ship_earliest = $1, promised_ship_latest = $2 WHERE id = $3",
    )
    .bind(from)
    .bind(to)
    .bind(line_id)
    .execute(conn)
    .await?;
    Ok(())
}

/// A promise and when it was first kept: the first shipment of an order or of one line.
#[derive(Debug, Clone, sqlx::FromRow)]
pub struct Shipped {
    pub sku: Option<String>,
    pub title: Option<String>,
    pub promised_ship_earliest: String,
    pub promised_ship_latest: String,
    pub shipped: i64,
}

/// Orders with a promised ship-by window whose first shipment left at or after `from`.
pub async fn orders_shipped_since(conn: &mut Conn, from: i64) -> StoreResult<Vec<Shipped>> {
    Ok(sqlx::query_as(
        "SELECT CAST(NULL AS TEXT) AS sku, CAST(NULL AS TEXT) AS title,
                o.promised_ship_earliest, o.promised_ship_latest, MIN(f.shipped_at) AS shipped
         FROM orders o JOIN fulfilments f ON f.order_id = o.id
         WHERE o.promised_ship_latest IS NOT NULL AND f.shipped_at IS NOT NULL
         GROUP BY o.id, o.promised_ship_earliest, o.promised_ship_latest
         HAVING MIN(f.shipped_at) >= $1",
    )
    .bind(from)
    .fetch_all(conn)
    .await?)
}

/// Order lines with a promised ship-by window whose first shipment left at or after `from`.
pub async fn lines_shipped_since(conn: &mut Conn, from: i64) -> StoreResult<Vec<Shipped>> {
    Ok(sqlx::query_as(
        "SELECT l.sku, MAX(l.title) AS title,
                l.promised_ship_earliest, l.promised_ship_latest, MIN(f.shipped_at) AS shipped
         FROM order_lines l
         JOIN fulfilment_lines fl ON fl.line_id = l.id
         JOIN fulfilments f ON f.id = fl.fulfilment_id
         WHERE l.promised_ship_latest IS NOT NULL AND f.shipped_at IS NOT NULL
         GROUP BY l.id, l.sku, l.promised_ship_earliest, l.promised_ship_latest
         HAVING MIN(f.shipped_at) >= $1",
    )
    .bind(from)
    .fetch_all(conn)
    .await?)
}
