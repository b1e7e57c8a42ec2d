//! Writes of the shop's order handling: holds, parcels, deliveries, cancellation and refunds.
//! Callers hold the order's lock (`lock`) for the whole transaction.

use super::{Conn, StoreResult};

/// Claims the order for one change: bumps its version if it is still `expected` (or whatever it
/// is, with `None`). `false` means someone else changed it first; nothing was written. Every
/// writer goes through here, so on PostgreSQL the row lock also orders concurrent changes.
pub async fn lock(
    conn: &mut Conn,
    order_id: i64,
    expected: Option<i64>,
    now: i64,
) -> StoreResult<bool> {
    let done = sqlx::query(
        "UPDATE orders SET version = version + 1, updated_at = $3
         WHERE id = $1 AND ($2 IS NULL OR version = $2)",
    )
    .bind(order_id)
    .bind(expected)
    .bind(now)
    .execute(conn)
    .await?;
    Ok(done.rows_affected() == 1)
}

pub async fn insert_hold(
    conn: &mut Conn,
    order_id: i64,
    reason: &str,
    note: Option<&str>,
    placed_by: &str,
    now: i64,
) -> StoreResult<i64> {
    Ok(sqlx::query_scalar(
        "INSERT INTO holds (order_id, reason, note, placed_at, placed_by)
         VALUES ($1, $2, $3, $4, $5) RETURNING id",
    )
    .bind(order_id)
    .bind(reason)
    .bind(note)
    .bind(now)
    .bind(placed_by)
    .fetch_one(conn)
    .await?)
}

pub async fn release_holds(
    conn: &mut Conn,
    order_id: i64,
    released_by: &str,
    now: i64,
) -> StoreResult<u64> {
    let done = sqlx::query(
        "UPDATE holds SET released_at = $2, released_by = $3
         WHERE order_id = $1 AND released_at IS NULL",
    )
    .bind(order_id)
    .bind(now)
    .bind(released_by)
    .execute(conn)
    .await?;
    Ok(done.rows_affected())
}

pub struct NewParcel<'a> {
    pub carrier: Option<&'a str>,
    pub tracking_number: Option<&'a str>,
    pub tracking_url: Option<&'a str>,
}

/// A parcel that has left the warehouse now.
pub async fn insert_shipped_parcel(
    conn: &mut Conn,
    order_id: i64,
    parcel: &NewParcel<'_>,
    now: i64,
) -> StoreResult<i64> {
    Ok(sqlx::query_scalar(
        "INSERT INTO fulfilments (order_id, status, carrier, tracking_number, tracking_url,
             created_at, shipped_at)
         VALUES ($1, 'shipped', $2, $3, $4, $5, $5) RETURNING id",
    )
    .bind(order_id)
    .bind(parcel.carrier)
    .bind(parcel.tracking_number)
    .bind(parcel.tracking_url)
    .bind(now)
    .fetch_one(conn)
    .await?)
}

/// Records `quantity` units of a line in a parcel and the line's new quantities.
pub async fn ship_line(
    conn: &mut Conn,
    parcel_id: i64,
    line_id: i64,
    quantity: i64,
    fulfilled: i64,
    backordered: i64,
) -> StoreResult<()> {
    sqlx::query(
        "INSERT INTO fulfilment_lines (fulfilment_id, line_id, quantity) VALUES ($1, $2, $3)",
    )
    .bind(parcel_id)
    .bind(line_id)
    .bind(quantity)
    .execute(&mut *conn)
    .await?;
    sqlx::query(
        "UPDATE order_lines SET quantity_fulfilled = $2, quantity_backordered = $3 WHERE id = $1",
    )
    .bind(line_id)
    .bind(fulfilled)
    .bind(backordered)
    .execute(conn)
    .await?;
    Ok(())
}

pub async fn mark_delivered(conn: &mut Conn, parcel_id: i64, now: i64) -> StoreResult<()> {
    sqlx::query(
        "UPDATE fulfilments SET status = 'delivered', delivered_at = $2
         WHERE id = $1 AND status = 'shipped'",
    )
    .bind(parcel_id)
    .bind(now)
    .execute(conn)
    .await?;
    Ok(())
}

/// Cancels the order and every unshipped unit of its lines.
pub async fn cancel_order(
    conn: &mut Conn,
    order_id: i64,
    reason: &str,
    note: Option<&str>,
    now: i64,
) -> StoreResult<()> {
    sqlx::query(
        "UPDATE orders SET lifecycle = 'cancelled', cancel_reason = $2, cancel_note = $3,
             cancelled_at = $4
         WHERE id = $1",
    )
    .bind(order_id)
    .bind(reason)
    .bind(note)
    .bind(now)
    .execute(&mut *conn)
    .await?;
    sqlx::query(
        "UPDATE order_lines SET quantity_cancelled = quantity - quantity_fulfilled,
             quantity_backordered = 0
         WHERE order_id = $1",
    )
    .bind(order_id)
    .execute(conn)
    .await?;
    Ok(())
}

/// Cancels `quantity` open units of one line, backordered units first.
pub async fn cancel_line(conn: &mut Conn, line_id: i64, quantity: i64) -> StoreResult<()> {
    sqlx::query(
        "UPDATE order_lines SET quantity_cancelled = quantity_cancelled + $2,
             quantity_backordered = CASE WHEN quantity_backordered > $2
                                         THEN quantity_backordered - $2 ELSE 0 END
         WHERE id = $1",
    )
    .bind(line_id)
    .bind(quantity)
    .execute(conn)
    .await?;
    Ok(())
}

/// A refund waiting for the shop's payment system to confirm it; `lines` are
/// `(line id, quantity, amount)`.
pub async fn insert_refund(
    conn: &mut Conn,
    order_id: i64,
    currency: &str,
    reason: &str,
    lines: &[(i64, i64, i64)],
    now: i64,
) -> StoreResult<i64> {
    let amount: i64 = lines.iter().map(|(_, _, amount)| amount).sum();
    let id: i64 = sqlx::query_scalar(
        "INSERT INTO refunds (order_id, amount, currency, reason, status, created_at)
         VALUES ($1, $2, $3, $4, 'pending', $5) RETURNING id",
    )
    .bind(order_id)
    .bind(amount)
    .bind(currency)
    .bind(reason)
    .bind(now)
    .fetch_one(&mut *conn)
    .await?;
    for (line_id, quantity, amount) in lines {
        sqlx::query(
            "INSERT INTO refund_lines (refund_id, line_id, quantity, amount) VALUES ($1, $2, $3, $4)",
        )
        .bind(id)
        .bind(line_id)
        .bind(quantity)
        .bind(amount)
        .execute(&mut *conn)
        .await?;
    }
    Ok(id)
}

/// Puts units back on the shelf (products the shop does not list are skipped).
pub async fn restock(conn: &mut Conn, sku: &str, quantity: i64, now: i64) -> StoreResult<()> {
    sqlx::query("UPDATE products SET stock = stock + $2, updated_at = $3 WHERE sku = $1")
        .bind(sku)
        .bind(quantity)
        .bind(now)
        .execute(conn)
        .await?;
    Ok(())
}
