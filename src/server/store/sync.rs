//! Writes of the shop's system through the API: what may change on an existing order, refund
//! confirmations, and the refunds of an order as the API shows them.

use super::{Conn, StoreResult};
use sqlx::FromRow;

#[derive(Debug, Clone, FromRow)]
pub struct RefundRow {
    pub id: i64,
    pub order_id: i64,
    pub amount: i64,
    pub currency: String,
    pub reason: String,
    pub status: String,
    pub created_at: i64,
    pub confirmed_at: Option<i64>,
}

pub async fn refunds_of(conn: &mut Conn, order_id: i64) -> StoreResult<Vec<RefundRow>> {
    Ok(sqlx::query_as(
        "SELECT id, order_id, amount, currency, reason, status, created_at, confirmed_at
         FROM refunds WHERE order_id = $1 ORDER BY id",
    )
    .bind(order_id)
    .fetch_all(conn)
    .await?)
}

pub async fn find_refund(conn: &mut Conn, id: i64) -> StoreResult<Option<RefundRow>> {
    Ok(sqlx::query_as(
        "SELECT id, order_id, amount, currency, reason, status, created_at, confirmed_at
         FROM refunds WHERE id = $1",
    )
    .bind(id)
    .fetch_optional(conn)
    .await?)
}

/// `true` when this call confirmed it (it was pending).
pub async fn confirm_refund(conn: &mut Conn, id: i64, now: i64) -> StoreResult<bool> {
    let done = sqlx::query(
        "UPDATE refunds SET status = 'confirmed', confirmed_at = $2
         WHERE id = $1 AND status = 'pending'",
    )
    .bind(id)
    .bind(now)
    .execute(conn)
    .await?;
    Ok(done.rows_affected() == 1)
}

/// What the shop may change on a placed order.
pub struct OrderChanges<'a> {
    pub customer_name: &'a str,
    pub locale: &'a str,
    pub payment_status: &'a str,
    pub shipping_method: &'a str,
    pub shipping_address: Option<&'a str>,
}

pub async fn update_order(
    conn: &mut Conn,
    order_id: i64,
    c: &OrderChanges<'_>,
    now: i64,
) -> StoreResult<()> {
    sqlx::query(
        "UPDATE orders SET customer_name = $2, locale = $3, payment_status = $4,
             shipping_method = $5, shipping_address = $6, updated_at = $7
         WHERE id = $1",
    )
    .bind(order_id)
    .bind(c.customer_name)
    .bind(c.locale)
    .bind(c.payment_status)
    .bind(c.shipping_method)
    .bind(c.shipping_address)
    .bind(now)
    .execute(conn)
    .await?;
    Ok(())
}

pub async fn update_line(
    conn: &mut Conn,
    line_id: i64,
    title: &str,
    quantity_backordered: i64,
) -> StoreResult<()> {
    sqlx::query("UPDATE order_lines SET title = $2, quantity_backordered = $3 WHERE id = $1")
        .bind(line_id)
        .bind(title)
        .bind(quantity_backordered)
        .execute(conn)
        .await?;
    Ok(())
}
