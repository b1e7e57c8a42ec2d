//! The merchant's overview: how many orders need attention.

use super::ServiceResult;
use crate::api::admin::DashboardCounts;
use crate::server::store::Conn;

/// Cancelled orders are never counted as unfulfilled.
pub async fn counts(conn: &mut Conn) -> ServiceResult<DashboardCounts> {
    let count = |sql: &'static str| sqlx::query_scalar::<_, i64>(sql);
    let open = "SELECT COUNT(*) FROM orders WHERE lifecycle = 'open'";
    let unfulfilled = "SELECT COUNT(*) FROM orders o WHERE o.lifecycle = 'open' AND EXISTS (
        SELECT 1 FROM order_lines l WHERE l.order_id = o.id
          AND l.quantity - l.quantity_fulfilled - l.quantity_cancelled > 0)";
    let backordered = "SELECT COUNT(*) FROM orders o WHERE o.lifecycle = 'open' AND EXISTS (
        SELECT 1 FROM order_lines l WHERE l.order_id = o.id AND l.quantity_backordered > 0
          AND l.backorder_choice <> 'cancelled'
          AND l.quantity - l.quantity_fulfilled - l.quantity_cancelled > 0)";
    let on_hold = "SELECT COUNT(*) FROM orders o WHERE o.lifecycle = 'open' AND EXISTS (
        SELECT 1 FROM holds h WHERE h.order_id = o.id AND h.released_at IS NULL)";
    let requests = "SELECT COUNT(*) FROM cancellation_requests WHERE status = 'requested'";
    Ok(DashboardCounts {
        open: count(open).fetch_one(&mut *conn).await?,
        unfulfilled: count(unfulfilled).fetch_one(&mut *conn).await?,
        backordered: count(backordered).fetch_one(&mut *conn).await?,
        on_hold: count(on_hold).fetch_one(&mut *conn).await?,
        cancellation_requests: count(requests).fetch_one(&mut *conn).await?,
    })
}
