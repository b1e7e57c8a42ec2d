//! A result row, whichever driver read it. The order status page's statement is read by sqlx
//! on PostgreSQL (and by every write path) and by the SQLite reader on the embedded engine
//! (`sqlite_reader`); its rows are decoded once, by code written against this trait.

use super::{StoreError, StoreResult};
use sqlx::any::AnyRow;
use sqlx::Row;

pub(super) trait Columns {
    fn int(&self, name: &str) -> StoreResult<i64>;
    fn int_or_null(&self, name: &str) -> StoreResult<Option<i64>>;
    fn text(&self, name: &str) -> StoreResult<String>;
    fn text_or_null(&self, name: &str) -> StoreResult<Option<String>>;
}

impl Columns for AnyRow {
    fn int(&self, name: &str) -> StoreResult<i64> {
        Ok(self.try_get(name)?)
    }
    fn int_or_null(&self, name: &str) -> StoreResult<Option<i64>> {
        Ok(self.try_get(name)?)
    }
    fn text(&self, name: &str) -> StoreResult<String> {
        Ok(self.try_get(name)?)
    }
    fn text_or_null(&self, name: &str) -> StoreResult<Option<String>> {
        Ok(self.try_get(name)?)
    }
}

impl Columns for rusqlite::Row<'_> {
    fn int(&self, name: &str) -> StoreResult<i64> {
        Ok(self.get(name)?)
    }
    fn int_or_null(&self, name: &str) -> StoreResult<Option<i64>> {
        Ok(self.get(name)?)
    }
    fn text(&self, name: &str) -> StoreResult<String> {
        Ok(self.get(name)?)
    }
    fn text_or_null(&self, name: &str) -> StoreResult<Option<String>> {
        Ok(self.get(name)?)
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
