//! Backorder choices and delay notices (with the hashes of their one-click links).

use super::{Conn, StoreResult};
use sqlx::FromRow;

/// Records the shopper's choice for a line.
pub async fn set_choice(conn: &mut Conn, line_id: i64, choice: &str, now: i64) -> StoreResult<()> {
    sqlx::query(
        "UPDATE order_lines SET backorder_choice = $2, backorder_choice_at = $3 WHERE id = $1",
    )
    .bind(line_id)
    .bind(choice)
    .bind(now)
    .execute(conn)
    .await?;
    Ok(())
}

#[derive(Debug, Clone, FromRow)]
pub struct NoticeRow {
    pub id: i64,
    pub order_id: i64,
    pub line_id: i64,
    pub notice_key: String,
    pub ship_earliest: Option<String>,
    pub ship_latest: Option<String>,
    pub created_at: i64,
    pub expires_at: i64,
    pub answer: Option<String>,
    pub answered_at: Option<i64>,
}

const NOTICE_COLUMNS: &str = "id, order_id, line_id, notice_key, ship_earliest, ship_latest,
    created_at, expires_at, answer, answered_at";

pub struct NewNotice<'a> {
    pub order_id: i64,
    pub line_id: i64,
    pub key: &'a str,
    pub ship: Option<(String, String)>,
    pub now: i64,
    pub expires_at: i64,
}

/// Records a notice unless one for this line and slip exists: the insert is the claim, so of
/// several instances checking at once exactly one gets `Some(id)`.
pub async fn insert_notice(conn: &mut Conn, n: &NewNotice<'_>) -> StoreResult<Option<i64>> {
    let (earliest, latest) = match &n.ship {
        Some((e, l)) => (Some(e.as_str()), Some(l.as_str())),
        None => (None, None),
    };
    Ok(sqlx::query_scalar(
        "INSERT INTO delay_notices (order_id, line_id, notice_key, ship_earliest, ship_latest,
             created_at, expires_at)
         VALUES ($1, $2, $3, $4, $5, $6, $7)
         ON CONFLICT (line_id, notice_key) DO NOTHING RETURNING id",
    )
    .bind(n.order_id)
    .bind(n.line_id)
    .bind(n.key)
    .bind(earliest)
    .bind(latest)
    .bind(n.now)
    .bind(n.expires_at)
    .fetch_optional(conn)
    .await?)
}

/// The line's latest notice.
pub async fn last_notice(conn: &mut Conn, line_id: i64) -> StoreResult<Option<NoticeRow>> {
    Ok(sqlx::query_as(&format!(
        "SELECT {NOTICE_COLUMNS} FROM delay_notices WHERE line_id = $1
         ORDER BY created_at DESC, id DESC LIMIT 1"
    ))
    .bind(line_id)
    .fetch_optional(conn)
    .await?)
}

pub async fn notices_of_order(conn: &mut Conn, order_id: i64) -> StoreResult<Vec<NoticeRow>> {
    Ok(sqlx::query_as(&format!(
        "SELECT {NOTICE_COLUMNS} FROM delay_notices WHERE order_id = $1 ORDER BY id"
    ))
    .bind(order_id)
    .fetch_all(conn)
    .await?)
}

pub async fn find_notice(conn: &mut Conn, id: i64) -> StoreResult<Option<NoticeRow>> {
    Ok(sqlx::query_as(&format!(
        "SELECT {NOTICE_COLUMNS} FROM delay_notices WHERE id = $1"
    ))
    .bind(id)
    .fetch_optional(conn)
    .await?)
}

/// Records the shopper's answer once; `false` when the notice was answered already.
pub async fn answer_notice(conn: &mut Conn, id: i64, answer: &str, now: i64) -> StoreResult<bool> {
    let done = sqlx::query(
        "UPDATE delay_notices SET answer = $2, answered_at = $3 WHERE id = $1 AND answer IS NULL",
    )
    .bind(id)
    .bind(answer)
    .bind(now)
    .execute(conn)
    .await?;
    Ok(done.rows_affected() == 1)
}

pub async fn insert_link(
    conn: &mut Conn,
    token_hash: &str,
    notice_id: i64,
    action: &str,
    outbox_id: i64,
) -> StoreResult<()> {
    sqlx::query(
        "INSERT INTO delay_notice_links (token_hash, notice_id, action, outbox_id)
         VALUES ($1, $2, $3, $4)",
    )
    .bind(token_hash)
    .bind(notice_id)
    .bind(action)
    .bind(outbox_id)
    .execute(conn)
    .await?;
    Ok(())
}

/// The notice and action a link token stands for.
pub async fn link(conn: &mut Conn, token_hash: &str) -> StoreResult<Option<(i64, String)>> {
    Ok(
        sqlx::query_as("SELECT notice_id, action FROM delay_notice_links WHERE token_hash = $1")
            .bind(token_hash)
            .fetch_optional(conn)
            .await?,
    )
}

/// Open orders with a line still waiting for stock (optionally only lines of one product), for
/// the delay check.
pub async fn waiting_orders(conn: &mut Conn, sku: Option<&str>) -> StoreResult<Vec<i64>> {
    Ok(sqlx::query_scalar(
        "SELECT DISTINCT l.order_id FROM order_lines l JOIN orders o ON o.id = l.order_id
         WHERE l.quantity_backordered > 0 AND l.backorder_choice <> 'cancelled'
           AND l.quantity > l.quantity_fulfilled + l.quantity_cancelled
           AND o.lifecycle = 'open' AND ($1 IS NULL OR l.sku = $1)
         ORDER BY l.order_id",
    )
    .bind(sku)
    .fetch_all(conn)
    .await?)
}

/// Counts for the reports since `from`: choices made (by choice) and notice answers (by
/// answer, `none` for unanswered).
pub async fn choice_counts(conn: &mut Conn, from: i64) -> StoreResult<Vec<(String, i64)>> {
    Ok(sqlx::query_as(
        "SELECT backorder_choice, COUNT(*) FROM order_lines
         WHERE backorder_choice_at IS NOT NULL AND backorder_choice_at >= $1
         GROUP BY backorder_choice ORDER BY backorder_choice",
    )
    .bind(from)
    .fetch_all(conn)
    .await?)
}

pub async fn answer_counts(conn: &mut Conn, from: i64) -> StoreResult<Vec<(String, i64)>> {
    Ok(sqlx::query_as(
        "SELECT COALESCE(answer, 'none'), COUNT(*) FROM delay_notices WHERE created_at >= $1
         GROUP BY COALESCE(answer, 'none') ORDER BY 1",
    )
    .bind(from)
    .fetch_all(conn)
    .await?)
}

/// When the shopper made each line's current choice (`None`: never chose), by line id.
pub async fn choice_times(conn: &mut Conn, order_id: i64) -> StoreResult<Vec<(i64, Option<i64>)>> {
    Ok(sqlx::query_as(
        "SELECT id, backorder_choice_at FROM order_lines WHERE order_id = $1 ORDER BY position",
    )
    .bind(order_id)
    .fetch_all(conn)
    .await?)
}

/// A line waiting for stock as the orders list summarises it.
#[derive(Debug, Clone, FromRow)]
pub struct WaitingLine {
    pub order_id: i64,
    pub title: String,
    /// Units still to ship, and how many of the line are backordered.
    pub open: i64,
    pub backordered: i64,
    pub choice: String,
    /// The answer to the line's latest delay notice: `keep_waiting`, `cancel`, `none` when
    /// unanswered; `None` when no notice was sent.
    pub notice: Option<String>,
}

/// The lines of these orders that wait for stock the shopper has not opted out of (the
/// orders list's `BACKORDERED` condition, line by line), with their latest notice's answer;
/// one query for a whole page of orders.
pub async fn waiting_lines(conn: &mut Conn, order_ids: &[i64]) -> StoreResult<Vec<WaitingLine>> {
    if order_ids.is_empty() {
        return Ok(Vec::new());
    }
    let marks: Vec<String> = (1..=order_ids.len()).map(|i| format!("${i}")).collect();
    let sql = format!(
        "SELECT l.order_id, l.title, l.quantity - l.quantity_fulfilled - l.quantity_cancelled AS open,
                l.quantity_backordered AS backordered, l.backorder_choice AS choice,
                (SELECT COALESCE(n.answer, 'none') FROM delay_notices n WHERE n.line_id = l.id
                 ORDER BY n.created_at DESC, n.id DESC LIMIT 1) AS notice
         FROM order_lines l
         WHERE l.order_id IN ({}) AND l.quantity_backordered > 0
           AND l.backorder_choice <> 'cancelled'
           AND l.quantity - l.quantity_fulfilled - l.quantity_cancelled > 0
         ORDER BY l.order_id, l.position",
        marks.join(", ")
    );
    let mut query = sqlx::query_as(&sql);
    for id in order_ids {
        query = query.bind(*id);
    }
    Ok(query.fetch_all(conn).await?)
}

/// For the opt-out rate, over the lines of orders placed since `from` that waited for stock —
/// still backordered, or with a backorder choice or a delay notice (a line whose stock arrived
/// before either leaves no trace and is not counted): how many there are, and how many of
/// them the shopper cancelled the waiting units of (on the order page or from a notice).
pub async fn opt_outs(conn: &mut Conn, from: i64) -> StoreResult<(i64, i64)> {
    Ok(sqlx::query_as(
        "SELECT COUNT(*),
                CAST(COALESCE(SUM(CASE WHEN l.backorder_choice = 'cancelled' THEN 1 ELSE 0 END), 0)
                     AS BIGINT)
         FROM order_lines l JOIN orders o ON o.id = l.order_id
         WHERE o.placed_at >= $1
           AND (l.quantity_backordered > 0 OR l.backorder_choice <> 'wait'
                OR l.backorder_choice_at IS NOT NULL
                OR EXISTS (SELECT 1 FROM delay_notices n WHERE n.line_id = l.id))",
    )
    .bind(from)
    .fetch_one(conn)
    .await?)
}
