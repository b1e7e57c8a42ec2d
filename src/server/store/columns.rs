//! A result row, whichever driver read it. The order status page's statement is read by sqlx
//! on PostgreSQL (and by every write path) and by the SQLite reader on the embedded engine
//! (`sqlite_reader`); its rows are decoded once, by code written against this trait.

use super::{StoreError, StoreResult};
use sqlx::any::AnyRow;
use sqlx::{Any, Row};

/// A column type both drivers decode (`i64`, `String`, and their `Option`s for NULL).
pub(super) trait Value:
    for<'r> sqlx::Decode<'r, Any> + sqlx::Type<Any> + rusqlite::types::FromSql
{
}

impl<T> Value for T where
    T: for<'r> sqlx::Decode<'r, Any> + sqlx::Type<Any> + rusqlite::types::FromSql
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

impl Columns for rusqlite::Row<'_> {
    fn get<T: Value>(&self, name: &str) -> StoreResult<T> {
        Ok(rusqlite::Row::get(self, name)?)
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
