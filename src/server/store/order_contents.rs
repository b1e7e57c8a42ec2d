//! An order's lines (with their products), parcels and timeline, read in the same statement as
//! the order itself.
//!
//! Each statement is a round trip to the database — on SQLite a hand-off to the connection's
//! worker thread and back, on PostgreSQL a network exchange — and on the order status page those
//! round trips cost more than the reads (docs/benchmarks.md, "Fifth round"). So each of the three
//! lists is one column holding a JSON array that the engine builds (`json_group_array` on SQLite,
//! `json_agg` on PostgreSQL). The arrays hold positional arrays, decoded here into the row types
//! in the order the SQL names the columns, and sorted here (an aggregate's own `ORDER BY` needs
//! SQLite 3.44, newer than Debian's `sqlite3` that `bench/plans.sh` runs them with). Flags are
//! cast to integers so that both engines write them alike.

use super::catalog::ProductRow;
use super::columns::Columns;
use super::rows::{EventRow, FulfilmentLineRow, FulfilmentRow, LineRow};
use super::{Engine, StoreError, StoreResult};
use serde::de::DeserializeOwned;
use std::sync::LazyLock;

/// The lists of one order, as read.
#[derive(Debug, Default)]
pub(super) struct Contents {
    pub lines: Vec<LineRow>,
    pub products: Vec<ProductRow>,
    pub fulfilments: Vec<FulfilmentRow>,
    pub fulfilment_lines: Vec<FulfilmentLineRow>,
    pub events: Vec<EventRow>,
}

/// The three list columns for the order `o` of the statement they are part of; the timeline
/// holds only what the shopper may see when `shopper_view`.
pub(super) fn columns(engine: Engine, shopper_view: bool) -> &'static str {
    static COLUMNS: LazyLock<[String; 4]> = LazyLock::new(|| {
        [
            sql(Engine::Sqlite, false),
            sql(Engine::Sqlite, true),
            sql(Engine::Postgres, false),
            sql(Engine::Postgres, true),
        ]
    });
    let i = match engine {
        Engine::Sqlite => 0,
        Engine::Postgres => 2,
    };
    &COLUMNS[i + usize::from(shopper_view)]
}

fn sql(engine: Engine, shopper_view: bool) -> String {
    // The merchant user behind an event: `actor_id` holds the user's id as text. SQLite
    // compares it with the integer key by its number, one key lookup per event;
    // PostgreSQL needs the key as text (it refuses to compare the two, and a cast of the text
    // would fail on other actors' ids).
    let (agg, arr, user) = match engine {
        Engine::Sqlite => ("json_group_array", "json_array", "u.id = e.actor_id"),
        Engine::Postgres => (
            "json_agg",
            "json_build_array",
            "CAST(u.id AS TEXT) = e.actor_id",
        ),
    };
    let visible = if shopper_view {
        " AND e.visible_to_shopper = TRUE"
    } else {
        ""
    };
    format!(
        "(SELECT CAST({agg}({arr}(
             {arr}(l.id, l.position, l.sku, l.title, l.unit_price, l.quantity,
                   l.quantity_fulfilled, l.quantity_cancelled, l.quantity_backordered,
                   l.backorder_choice, l.promised_ship_earliest, l.promised_ship_latest),
             {arr}(p.sku, p.title, p.processing_min_days, p.processing_max_days,
                   CAST(p.made_to_order AS INTEGER), CAST(p.not_cancellable AS INTEGER),
                   p.stock, p.expected_restock))) AS TEXT)
          FROM order_lines l LEFT JOIN products p ON p.sku = l.sku
          WHERE l.order_id = o.id) AS contents_lines,
         (SELECT CAST({agg}({arr}(f.id, f.status, f.carrier, f.tracking_number, f.tracking_url,
                   f.shipped_at, f.delivered_at, fl.line_id, fl.quantity)) AS TEXT)
          FROM fulfilments f LEFT JOIN fulfilment_lines fl ON fl.fulfilment_id = f.id
          WHERE f.order_id = o.id) AS contents_parcels,
         (SELECT CAST({agg}({arr}(e.id, e.at, e.kind, e.data, e.actor, u.email)) AS TEXT)
          FROM order_events e
          LEFT JOIN merchant_users u ON e.actor = 'merchant' AND {user}
          WHERE e.order_id = o.id{visible}) AS contents_events"
    )
}

type LineColumns = (
    i64,
    i64,
    String,
    String,
    i64,
    i64,
    i64,
    i64,
    i64,
    String,
    Option<String>,
    Option<String>,
);
type ProductColumns = (
    Option<String>,
    Option<String>,
    Option<i64>,
    Option<i64>,
    Option<i64>,
    Option<i64>,
    Option<i64>,
    Option<String>,
);
type ParcelColumns = (
    i64,
    String,
    Option<String>,
    Option<String>,
    Option<String>,
    Option<i64>,
    Option<i64>,
    Option<i64>,
    Option<i64>,
);
type EventColumns = (i64, i64, String, String, String, Option<String>);

/// The lists from a row read with `columns`.
pub(super) fn read(row: &impl Columns) -> StoreResult<Contents> {
    let mut contents = Contents::default();
    let mut lines = list::<(LineColumns, ProductColumns)>(row, "contents_lines")?;
    lines.sort_by_key(|(line, _)| line.1); // position
    for (line, product) in lines {
        contents.lines.push(line_of(line));
        if let Some(product) = product_of(product)? {
            if !contents.products.iter().any(|p| p.sku == product.sku) {
                contents.products.push(product);
            }
        }
    }
    let mut parcels = list::<ParcelColumns>(row, "contents_parcels")?;
    parcels.sort_by_key(|parcel| (parcel.0, parcel.7)); // parcel id, then line id
    for parcel in parcels {
        let (id, status, carrier, tracking_number, tracking_url, shipped_at, delivered_at, line, n) =
            parcel;
        if let (Some(line_id), Some(quantity)) = (line, n) {
            contents.fulfilment_lines.push(FulfilmentLineRow {
                fulfilment_id: id,
                line_id,
                quantity,
            });
        }
        if contents.fulfilments.last().map(|p| p.id) != Some(id) {
            contents.fulfilments.push(FulfilmentRow {
                id,
                status,
                carrier,
                tracking_number,
                tracking_url,
                shipped_at,
                delivered_at,
            });
        }
    }
    let mut events = list::<EventColumns>(row, "contents_events")?;
    events.sort_by_key(|event| event.0); // as they happened (event id)
    for (_, at, kind, data, actor, actor_email) in events {
        contents.events.push(EventRow {
            at,
            kind,
            data,
            actor,
            actor_email,
        });
    }
    Ok(contents)
}

/// One list column; empty when the engine aggregated no rows (PostgreSQL's `json_agg` gives
/// NULL then, SQLite's `json_group_array` an empty array).
fn list<T: DeserializeOwned>(row: &impl Columns, column: &str) -> StoreResult<Vec<T>> {
    match row.get::<Option<String>>(column)? {
        None => Ok(Vec::new()),
        Some(json) => {
            serde_json::from_str(&json).map_err(|e| StoreError::Corrupt(format!("{column}: {e}")))
        }
    }
}

fn line_of(c: LineColumns) -> LineRow {
    LineRow {
        id: c.0,
        position: c.1,
        sku: c.2,
        title: c.3,
        unit_price: c.4,
        quantity: c.5,
        quantity_fulfilled: c.6,
        quantity_cancelled: c.7,
        quantity_backordered: c.8,
        backorder_choice: c.9,
        promised_ship_earliest: c.10,
        promised_ship_latest: c.11,
    }
}

/// The line's catalog entry; `None` when the catalog does not know its SKU.
fn product_of(columns: ProductColumns) -> StoreResult<Option<ProductRow>> {
    let (sku, title, min_days, max_days, made_to_order, not_cancellable, stock, restock) = columns;
    let Some(sku) = sku else {
        return Ok(None);
    };
    let missing = |name: &str| StoreError::Corrupt(format!("product {sku}: no {name}"));
    Ok(Some(ProductRow {
        title: title.ok_or_else(|| missing("title"))?,
        processing_min_days: min_days,
        processing_max_days: max_days,
        made_to_order: made_to_order.ok_or_else(|| missing("made_to_order"))? != 0,
        not_cancellable: not_cancellable.ok_or_else(|| missing("not_cancellable"))? != 0,
        stock: stock.ok_or_else(|| missing("stock"))?,
        expected_restock: restock,
        sku,
    }))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_line_decodes_from_the_engines_positional_arrays() {
        // PostgreSQL's json_agg separates with ", " and may break lines; SQLite writes compact.
        let json = r#"[[[7, 1, "MUG", "Mug", 1250, 3, 1, 0, 2, "none", null, "2026-12-10"],
                        ["MUG", "Mug", 2, 4, 0, 1, 0, "2026-12-08"]],
                       [[8,2,"GIFT","Card",500,1,0,0,0,"none",null,null],
                        [null,null,null,null,null,null,null,null]]]"#;
        let rows: Vec<(LineColumns, ProductColumns)> = serde_json::from_str(json).unwrap();
        let (line, product) = rows.into_iter().next().unwrap();
        let line = line_of(line);
        assert_eq!(
            (line.id, line.position, line.quantity_backordered),
            (7, 1, 2)
        );
        assert_eq!(line.promised_ship_latest.as_deref(), Some("2026-12-10"));
        let product = product_of(product).unwrap().unwrap();
        assert!(!product.made_to_order && product.not_cancellable);
        assert_eq!(product.expected_restock.as_deref(), Some("2026-12-08"));
        assert_eq!(
            product_of((None, None, None, None, None, None, None, None)).unwrap(),
            None,
            "a SKU the catalog does not know"
        );
    }

    #[test]
    fn a_product_row_with_a_sku_but_no_flags_is_corrupt_not_guessed() {
        let columns = (
            Some("MUG".to_owned()),
            Some("Mug".to_owned()),
            None,
            None,
            None,
            Some(0),
            Some(1),
            None,
        );
        assert!(matches!(product_of(columns), Err(StoreError::Corrupt(_))));
    }
}
