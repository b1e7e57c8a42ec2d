//! The merchant's overview: how many orders need attention.

use super::ServiceResult;
use crate::api::admin::DashboardCounts;
use crate::server::store::order_filters::{BACKORDERED, ON_HOLD, OPEN, REQUESTED, UNFULFILLED};
use crate::server::store::Conn;

/// Cancelled orders are never counted as unfulfilled.
pub async fn counts(conn: &mut Conn) -> ServiceResult<DashboardCounts> {
    async fn count(conn: &mut Conn, condition: &str) -> ServiceResult<i64> {
        let sql = format!("SELECT COUNT(*) FROM orders o WHERE {condition}");
        Ok(sqlx::query_scalar(&sql).fetch_one(conn).await?)
    }
    Ok(DashboardCounts {
        open: count(conn, OPEN).await?,
        unfulfilled: count(conn, UNFULFILLED).await?,
        backordered: count(conn, BACKORDERED).await?,
        on_hold: count(conn, ON_HOLD).await?,
        cancellation_requests: count(conn, REQUESTED).await?,
    })
}
