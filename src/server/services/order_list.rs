//! The merchant's orders list: filters, exact search and keyset pagination (every page is an
//! index range scan on `orders (placed_at DESC, id DESC)`, however deep).

use super::{ServiceError, ServiceResult};
use crate::api::admin::{
    ListBackorder, ListNotice, ListStatus, OrderFilter, OrderList, OrderListRow,
};
use crate::api::AppError;
use crate::domain::backorder::NoticeAnswer;
use crate::domain::{BackorderChoice, Currency, CustomerEmail, Money, OrderNumber};
use crate::server::state::AppState;
use crate::server::store::backorders::{self, WaitingLine};
use crate::server::store::order_filters::{
    BACKORDERED, CANCELLED, ON_HOLD, OPEN, REQUESTED, UNFULFILLED,
};
use crate::server::store::{flag, timestamp};
use sqlx::Row;

pub const PAGE_SIZE: i64 = 25;

#[derive(Debug, Clone, PartialEq)]
pub enum Search {
    Everything,
    Number(OrderNumber),
    Email(CustomerEmail),
    /// Neither an order number nor an email: nothing can match.
    Nothing,
}

#[derive(Debug, Clone, PartialEq)]
pub struct Query {
    pub filter: OrderFilter,
    pub search: Search,
    pub after: Option<(i64, i64)>,
}

impl Query {
    pub fn parse(filter: &str, q: &str, after: &str) -> Result<Self, AppError> {
        let q = q.trim();
        let search = if q.is_empty() {
            Search::Everything
        } else if q.contains('@') {
            CustomerEmail::parse(q).map_or(Search::Nothing, Search::Email)
        } else {
            OrderNumber::parse(q).map_or(Search::Nothing, Search::Number)
        };
        let after = match after.trim() {
            "" => None,
            cursor => {
                let (at, id) = cursor.split_once('-').ok_or(AppError::BadRequest)?;
                Some((
                    at.parse().map_err(|_| AppError::BadRequest)?,
                    id.parse().map_err(|_| AppError::BadRequest)?,
                ))
            }
        };
        Ok(Self {
            filter: OrderFilter::parse(filter),
            search,
            after,
        })
    }
}

fn condition(filter: OrderFilter) -> &'static str {
    match filter {
        OrderFilter::All => "TRUE",
        OrderFilter::Open => OPEN,
        OrderFilter::Unfulfilled => UNFULFILLED,
        OrderFilter::Backordered => BACKORDERED,
        OrderFilter::OnHold => ON_HOLD,
        OrderFilter::Requested => REQUESTED,
        OrderFilter::Cancelled => CANCELLED,
    }
}

pub async fn page(state: &AppState, query: &Query) -> ServiceResult<OrderList> {
    let (search_sql, search_value) = match &query.search {
        // `$1` is referenced in every shape so the parameters keep their numbers.
        Search::Everything => (" AND $1 = ''", String::new()),
        Search::Number(n) => (" AND o.number = $1", n.to_string()),
        Search::Email(e) => (" AND o.email = $1", e.to_string()),
        Search::Nothing => {
            return Ok(OrderList {
                rows: Vec::new(),
                next: None,
            })
        }
    };
    let (at, id) = query.after.unwrap_or((i64::MAX, i64::MAX));
    let sql = format!(
        "SELECT o.id, o.number, o.email, o.customer_name, o.placed_at, o.currency,
                (SELECT CAST(COALESCE(SUM(l.unit_price * (l.quantity - l.quantity_cancelled)), 0) AS BIGINT)
                   FROM order_lines l WHERE l.order_id = o.id) AS total,
                ({CANCELLED}) AS cancelled, ({REQUESTED}) AS requested, ({ON_HOLD}) AS held,
                ({BACKORDERED}) AS waiting, ({UNFULFILLED}) AS unshipped
         FROM orders o
         WHERE ({filter}){search_sql}
           AND (o.placed_at < $2 OR (o.placed_at = $2 AND o.id < $3))
         ORDER BY o.placed_at DESC, o.id DESC
         LIMIT $4",
        filter = condition(query.filter),
    );
    let mut conn = state.db.read().await?;
    let rows = sqlx::query(&sql)
        .bind(search_value)
        .bind(at)
        .bind(id)
        .bind(PAGE_SIZE + 1)
        .fetch_all(&mut *conn)
        .await?;
    let more = rows.len() as i64 > PAGE_SIZE;
    let rows = &rows[..rows.len().min(PAGE_SIZE as usize)];
    let ids = rows
        .iter()
        .map(|row| row.try_get::<i64, _>("id"))
        .collect::<Result<Vec<_>, _>>()?;
    // One query for the whole page's waiting lines, never one per row.
    let waiting = backorders::waiting_lines(&mut conn, &ids).await?;
    drop(conn);
    let mut list = Vec::with_capacity(PAGE_SIZE as usize);
    let mut last = None;
    for (row, id) in rows.iter().zip(ids) {
        let status = if flag(row, "cancelled")? {
            ListStatus::Cancelled
        } else if flag(row, "requested")? {
            ListStatus::CancellationRequested
        } else if flag(row, "held")? {
            ListStatus::OnHold
        } else if flag(row, "waiting")? {
            ListStatus::WaitingForStock
        } else if flag(row, "unshipped")? {
            ListStatus::NotYetShipped
        } else {
            ListStatus::Shipped
        };
        let placed: i64 = row.try_get("placed_at")?;
        let currency: String = row.try_get("currency")?;
        let currency = Currency::parse(&currency)
            .map_err(|_| ServiceError::Other("stored order has an invalid currency".into()))?;
        last = Some((placed, id));
        list.push(OrderListRow {
            number: row.try_get("number")?,
            email: row.try_get("email")?,
            customer_name: row.try_get("customer_name")?,
            placed_at: state.local(timestamp(placed)?),
            status,
            total: Money::new(row.try_get("total")?, currency),
            backorders: waiting
                .iter()
                .filter(|l| l.order_id == id)
                .map(list_backorder)
                .collect::<ServiceResult<_>>()?,
        });
    }
    let next = last.filter(|_| more).map(|(at, id)| format!("{at}-{id}"));
    Ok(OrderList { rows: list, next })
}

fn list_backorder(line: &WaitingLine) -> ServiceResult<ListBackorder> {
    let corrupt = |what: &str| ServiceError::Other(format!("stored line has an invalid {what}"));
    let choice = BackorderChoice::parse(&line.choice).ok_or_else(|| corrupt("backorder choice"))?;
    let notice = match line.notice.as_deref() {
        None => None,
        Some("none") => Some(ListNotice::Unanswered),
        Some(answer) => Some(ListNotice::Answered(
            NoticeAnswer::parse(answer).ok_or_else(|| corrupt("notice answer"))?,
        )),
    };
    Ok(ListBackorder {
        title: line.title.clone(),
        waiting: u32::try_from(line.backordered.min(line.open)).unwrap_or(0),
        choice,
        notice,
    })
}
