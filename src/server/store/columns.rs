//! A result row, whichever driver read it. The order status page's statement is read by the
//! readers outside the pool (`sqlite_reader` through rusqlite, `pg_reader` through sqlx's
//! native PostgreSQL driver) and by every write path through the pool (sqlx's `Any`); its rows
//! are decoded once, by code written against this trait.

use super::{StoreError, StoreResult};
use sqlx::any::AnyRow;
use sqlx::postgres::PgRow;
use sqlx::{Any, Postgres, Row};
use std::cell::Cell;

/// A column type every driver decodes (`i64`, `String`, and their `Option`s for NULL).
pub(super) trait Value:
    for<'r> sqlx::Decode<'r, Any>
    + sqlx::Type<Any>
    + for<'r> sqlx::Decode<'r, Postgres>
    + sqlx::Type<Postgres>
    + rusqlite::types::FromSql
{
}

impl<T> Value for T where
    T: for<'r> sqlx::Decode<'r, Any>
        + sqlx::Type<Any>
        + for<'r> sqlx::Decode<'r, Postgres>
        + sqlx::Type<Postgres>
        + rusqlite::types::FromSql
{
}

pub(super) trait Columns {
    fn get<T: Value>(&self, name: &str) -> StoreResult<T>;
}

impl Columns for AnyRow {
    fn get<T: Value>(&self, name: &str) -> StoreResult<T> {
        Ok(self.try_get(name)?)
    }
}

impl Columns for PgRow {
    fn get<T: Value>(&self, name: &str) -> StoreResult<T> {
        Ok(self.try_get(name)?)
    }
}

/// A row of the SQLite reader. A column is looked up from the one after the column read last,
/// by exact name (as sqlx does): the decoders read columns in the order the statement names
/// them, so each lookup compares one name, where rusqlite's own lookup compares names from
/// the first column on, ignoring case.
pub(super) struct ReaderRow<'r, 's> {
    row: &'r rusqlite::Row<'s>,
    next: Cell<usize>,
}

impl<'r, 's> ReaderRow<'r, 's> {
    pub(super) fn new(row: &'r rusqlite::Row<'s>) -> Self {
        Self {
            row,
            next: Cell::new(0),
        }
    }
}

impl Columns for ReaderRow<'_, '_> {
    fn get<T: Value>(&self, name: &str) -> StoreResult<T> {
        let statement = self.row.as_ref();
        let start = self.next.get();
        let index = (start..statement.column_count())
            .chain(0..start)
            .find(|&i| statement.column_name(i).is_ok_and(|n| n == name))
            .ok_or_else(|| rusqlite::Error::InvalidColumnName(name.to_owned()))?;
        self.next.set(index + 1);
        Ok(self.row.get(index)?)
    }
}

impl StoreError {
    /// For `sqlx::FromRow` implementations written against `Columns`.
    pub(super) fn into_sqlx(self) -> sqlx::Error {
        match self {
            StoreError::Sqlx(e) => e,
            other => sqlx::Error::Decode(Box::new(other)),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_reader_row_finds_columns_in_any_order_by_exact_name() {
        let conn = rusqlite::Connection::open_in_memory().unwrap();
        let mut statement = conn
            .prepare("SELECT 1 AS a, 'two' AS b, NULL AS c, 4 AS \"D\"")
            .unwrap();
        let mut rows = statement.query([]).unwrap();
        let row = ReaderRow::new(rows.next().unwrap().unwrap());
        assert_eq!(row.get::<i64>("a").unwrap(), 1);
        assert_eq!(row.get::<String>("b").unwrap(), "two");
        assert_eq!(row.get::<Option<i64>>("c").unwrap(), None);
        // Back to the start, and again out of order.
        assert_eq!(row.get::<i64>("a").unwrap(), 1);
        assert_eq!(row.get::<i64>("D").unwrap(), 4);
        assert_eq!(row.get::<String>("b").unwrap(), "two");
        assert!(matches!(row.get::<i64>("d"), Err(StoreError::Sqlite(_))));
        assert!(matches!(
            row.get::<i64>("missing"),
            Err(StoreError::Sqlite(_))
        ));
        assert!(row.get::<i64>("b").is_err(), "text is not an integer");
    }
}
