//! Orders, their lines and everything hanging off them.

use super::columns::{Columns, ReaderRow};
use super::order_contents;
use super::rows::{HoldRow, OrderRow, StoredOrder};
use super::{Conn, Db, Engine, Reader, StoreError, StoreResult};
use crate::domain::{Actor, OrderEvent};
use std::sync::LazyLock;

const ORDER_COLUMNS: &str = "id, number, customer_id, email, customer_name, locale, currency, \
     placed_at, payment_status, lifecycle, shipping_method, shipping_address, version, \
     cancel_deadline, promised_ship_earliest, promised_ship_latest, \
     promised_delivery_earliest, promised_delivery_latest";

/// A new order as the services hand it to the store.
#[derive(Debug, Clone)]
pub struct NewOrder<'a> {
    pub number: &'a str,
    pub customer_id: i64,
    pub email: &'a str,
    pub customer_name: &'a str,
    pub locale: &'a str,
    pub currency: &'a str,
    pub placed_at: i64,
    pub payment_status: &'a str,
    pub shipping_method: &'a str,
    pub shipping_address: Option<&'a str>,
    /// The self-service cancellation deadline promised at placement.
    pub cancel_deadline: i64,
    pub now: i64,
}

#[derive(Debug, Clone)]
pub struct NewLine<'a> {
    pub sku: &'a str,
    pub title: &'a str,
    pub unit_price: i64,
    pub quantity: i64,
    pub quantity_backordered: i64,
}

/// Creates the customer for an email or refreshes their name; returns the customer id.
pub async fn upsert_customer(
    conn: &mut Conn,
    email: &str,
    name: &str,
    locale: &str,
    now: i64,
) -> StoreResult<i64> {
    let id = sqlx::query_scalar(
        "INSERT INTO customers (email, name, locale, created_at) VALUES ($1, $2, $3, $4)
         ON CONFLICT (email) DO UPDATE SET name = excluded.name
         RETURNING id",
    )
    .bind(email)
    .bind(name)
    .bind(locale)
    .bind(now)
    .fetch_one(conn)
    .await?;
    Ok(id)
}

/// Inserts the order row; a duplicate number is a unique violation for the caller to map.
pub async fn insert_order(conn: &mut Conn, o: &NewOrder<'_>) -> StoreResult<i64> {
    let id = sqlx::query_scalar(
        "INSERT INTO orders (number, customer_id, email, customer_name, locale, currency,
             placed_at, payment_status, shipping_method, shipping_address, created_at, updated_at,
             cancel_deadline)
         VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $11, $12)
         RETURNING id",
    )
    .bind(o.number)
    .bind(o.customer_id)
    .bind(o.email)
    .bind(o.customer_name)
    .bind(o.locale)
    .bind(o.currency)
    .bind(o.placed_at)
    .bind(o.payment_status)
    .bind(o.shipping_method)
    .bind(o.shipping_address)
    .bind(o.now)
    .bind(o.cancel_deadline)
    .fetch_one(conn)
    .await?;
    Ok(id)
}

pub async fn insert_line(
    conn: &mut Conn,
    order_id: i64,
    position: i64,
    line: &NewLine<'_>,
) -> StoreResult<i64> {
    let id = sqlx::query_scalar(
        "INSERT INTO order_lines (order_id, position, sku, title, unit_price, quantity,
             quantity_backordered)
         VALUES ($1, $2, $3, $4, $5, $6, $7)
         RETURNING id",
    )
    .bind(order_id)
    .bind(position)
    .bind(line.sku)
    .bind(line.title)
    .bind(line.unit_price)
    .bind(line.quantity)
    .bind(line.quantity_backordered)
    .fetch_one(conn)
    .await?;
    Ok(id)
}

pub async fn append_event(
    conn: &mut Conn,
    order_id: i64,
    at: i64,
    actor: Actor,
    event: &OrderEvent,
) -> StoreResult<()> {
    append_event_by(conn, order_id, at, actor, None, event).await
}

/// Appends an event done by a known merchant user (`actor_id`).
pub async fn append_event_by(
    conn: &mut Conn,
    order_id: i64,
    at: i64,
    actor: Actor,
    actor_id: Option<i64>,
    event: &OrderEvent,
) -> StoreResult<()> {
    let data = serde_json::to_string(event).expect("events serialise");
    sqlx::query(
        "INSERT INTO order_events (order_id, at, actor, actor_id, kind, data, visible_to_shopper)
         VALUES ($1, $2, $3, $4, $5, $6, $7)",
    )
    .bind(order_id)
    .bind(at)
    .bind(actor.as_str())
    .bind(actor_id.map(|id| id.to_string()))
    .bind(event.kind())
    .bind(data)
    .bind(event.visible_to_shopper())
    .execute(conn)
    .await?;
    Ok(())
}

pub async fn find_by_number(conn: &mut Conn, number: &str) -> StoreResult<Option<OrderRow>> {
    let sql = format!("SELECT {ORDER_COLUMNS} FROM orders WHERE number = $1");
    Ok(sqlx::query_as(&sql)
        .bind(number)
        .fetch_optional(conn)
        .await?)
}

/// The order columns of `ORDER_COLUMNS` read from `orders o` (for statements that join).
fn order_columns_of_o() -> &'static str {
    static COLUMNS: LazyLock<String> = LazyLock::new(|| {
        ORDER_COLUMNS
            .split(',')
            .map(|c| format!("o.{}", c.trim()))
            .collect::<Vec<_>>()
            .join(", ")
    });
    &COLUMNS
}

/// The open hold's columns (empty without one) and the counts `load` reads with it, for the
/// order `o` of the statement they are part of.
const STATE_COLUMNS: &str = "h.id AS hold_id, h.reason AS hold_reason, h.note AS hold_note,
    h.placed_at AS hold_placed_at,
    (SELECT COUNT(*) FROM cancellation_requests
     WHERE order_id = o.id AND status = 'requested') AS requests,
    (SELECT CAST(COALESCE(SUM(amount), 0) AS BIGINT) FROM refunds
     WHERE order_id = o.id) AS refunded";

/// The order's open hold as `h`. The newest is the one placed last, so the highest id: the
/// order of `holds_by_order`'s entries (sorting by `placed_at` would take a sort per read).
/// SQLite has no `LATERAL`; on PostgreSQL the join by id let the planner hash the whole holds
/// table on every read while the table was small (the 10k benchmark: a sequential scan of
/// every hold per status page), where the lateral subquery reads the order's own holds.
fn state_join(engine: Engine) -> &'static str {
    match engine {
        Engine::Sqlite => {
            "LEFT JOIN holds h ON h.id = (SELECT id FROM holds
             WHERE order_id = o.id AND released_at IS NULL ORDER BY id DESC LIMIT 1)"
        }
        Engine::Postgres => {
            "LEFT JOIN LATERAL (SELECT id, reason, note, placed_at FROM holds
             WHERE order_id = o.id AND released_at IS NULL ORDER BY id DESC LIMIT 1) h ON TRUE"
        }
    }
}

/// An order by number, complete as the shopper may see it, with the access the session
/// `token_hash` has to it (`None` when it has no grant), in one statement: the only read of
/// an order status page. It runs outside the pool: on SQLite on the calling thread
/// (`sqlite_reader`), on PostgreSQL on a connection of its own (`pg_reader`).
pub async fn find_seen(
    db: &Db,
    number: &str,
    token_hash: &str,
    now: i64,
) -> StoreResult<Option<(StoredOrder, Option<String>)>> {
    match &db.reader {
        Reader::Sqlite(reader) => reader.read(|conn| {
            let mut statement = conn.prepare_cached(seen_sql(Engine::Sqlite))?;
            let mut rows = statement.query(rusqlite::named_params! {
                "$1": number,
                "$2": token_hash,
                "$3": now,
            })?;
            rows.next()?
                .map(|row| seen_row(&ReaderRow::new(row)))
                .transpose()
        }),
        Reader::Postgres(reader) => {
            let row = reader
                .fetch_optional(|| {
                    sqlx::query(seen_sql(Engine::Postgres))
                        .bind(number)
                        .bind(token_hash)
                        .bind(now)
                })
                .await?;
            row.as_ref().map(seen_row).transpose()
        }
    }
}

/// `find_seen` on a connection of the pool (either engine). Pages read through the readers;
/// this is the read `tests/store.rs` checks both readers against.
pub async fn find_for_session(
    conn: &mut Conn,
    number: &str,
    token_hash: &str,
    now: i64,
) -> StoreResult<Option<(StoredOrder, Option<String>)>> {
    let row = sqlx::query(seen_sql(Engine::of(conn)))
        .bind(number)
        .bind(token_hash)
        .bind(now)
        .fetch_optional(conn)
        .await?;
    row.as_ref().map(seen_row).transpose()
}

/// The statement of `find_seen`: `$1` the order number, `$2` the session's token hash, `$3`
/// now.
fn seen_sql(engine: Engine) -> &'static str {
    // The same rule as `sessions::access`: the order's own customer is verified, anyone else
    // has what the session was granted for this order.
    static SQL: LazyLock<[String; 2]> = LazyLock::new(|| {
        [Engine::Sqlite, Engine::Postgres].map(|engine| {
            format!(
                "SELECT {}, {STATE_COLUMNS}, {},
                (SELECT CASE WHEN s.customer_id = o.customer_id THEN 'verified' ELSE so.access END
                 FROM sessions s
                 LEFT JOIN session_orders so ON so.session_id = s.id AND so.order_id = o.id
                 WHERE s.token_hash = $2 AND s.expires_at > $3
                   AND (so.access IS NOT NULL OR s.customer_id = o.customer_id)) AS access
         FROM orders o {} WHERE o.number = $1",
                order_columns_of_o(),
                order_contents::columns(engine, true),
                state_join(engine),
            )
        })
    });
    match engine {
        Engine::Sqlite => &SQL[0],
        Engine::Postgres => &SQL[1],
    }
}

fn seen_row(row: &impl Columns) -> StoreResult<(StoredOrder, Option<String>)> {
    let stored = stored(OrderRow::read(row)?, row)?;
    Ok((stored, row.get("access")?))
}

pub async fn find_by_id(conn: &mut Conn, id: i64) -> StoreResult<Option<OrderRow>> {
    let sql = format!("SELECT {ORDER_COLUMNS} FROM orders WHERE id = $1");
    Ok(sqlx::query_as(&sql).bind(id).fetch_optional(conn).await?)
}

pub async fn count(conn: &mut Conn) -> StoreResult<i64> {
    Ok(sqlx::query_scalar("SELECT COUNT(*) FROM orders")
        .fetch_one(conn)
        .await?)
}

/// Loads the order with lines, parcels, hold, requests, refunds and (optionally only the
/// shopper-visible) events, in one statement.
pub async fn load(
    conn: &mut Conn,
    order: OrderRow,
    shopper_view: bool,
) -> StoreResult<StoredOrder> {
    let engine = Engine::of(conn);
    let sql = format!(
        "SELECT {STATE_COLUMNS}, {} FROM orders o {} WHERE o.id = $1",
        order_contents::columns(engine, shopper_view),
        state_join(engine),
    );
    let row = sqlx::query(&sql)
        .bind(order.id)
        .fetch_optional(&mut *conn)
        .await?
        .ok_or_else(|| StoreError::Corrupt(format!("order {} is gone", order.id)))?;
    stored(order, &row)
}

/// The order with the state and lists read with it.
fn stored(order: OrderRow, row: &impl Columns) -> StoreResult<StoredOrder> {
    let state = OrderStateRow::read(row)?;
    let contents = order_contents::read(row)?;
    Ok(StoredOrder {
        order,
        lines: contents.lines,
        fulfilments: contents.fulfilments,
        fulfilment_lines: contents.fulfilment_lines,
        cancellation_requested: state.requests > 0,
        refunded: state.refunded,
        active_hold: state.hold(),
        events: contents.events,
        products: contents.products,
    })
}

/// `STATE_COLUMNS` as read: the open hold (all empty without one), whether the shopper asked
/// to cancel and what was refunded.
struct OrderStateRow {
    hold_id: Option<i64>,
    hold_reason: Option<String>,
    hold_note: Option<String>,
    hold_placed_at: Option<i64>,
    requests: i64,
    refunded: i64,
}

impl OrderStateRow {
    fn read(row: &impl Columns) -> StoreResult<Self> {
        Ok(Self {
            hold_id: row.get("hold_id")?,
            hold_reason: row.get("hold_reason")?,
            hold_note: row.get("hold_note")?,
            hold_placed_at: row.get("hold_placed_at")?,
            requests: row.get("requests")?,
            refunded: row.get("refunded")?,
        })
    }

    fn hold(self) -> Option<HoldRow> {
        Some(HoldRow {
            id: self.hold_id?,
            reason: self.hold_reason?,
            note: self.hold_note,
            placed_at: self.hold_placed_at?,
        })
    }
}

/// The shopper's or shop's words stored with a cancellation.
pub async fn cancel_note(conn: &mut Conn, order_id: i64) -> StoreResult<Option<String>> {
    Ok(
        sqlx::query_scalar::<_, Option<String>>("SELECT cancel_note FROM orders WHERE id = $1")
            .bind(order_id)
            .fetch_optional(conn)
            .await?
            .flatten(),
    )
}
