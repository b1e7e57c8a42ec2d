//! Products as the shop's system describes them, and the merchant's settings documents.

use super::{flag, Conn, StoreResult};
use sqlx::any::AnyRow;
use sqlx::Row;

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ProductRow {
    pub sku: String,
    pub title: String,
    pub processing_min_days: Option<i64>,
    pub processing_max_days: Option<i64>,
    pub made_to_order: bool,
    pub not_cancellable: bool,
    pub stock: i64,
    pub expected_restock: Option<String>,
}

const PRODUCT_COLUMNS: &str = "sku, title, processing_min_days, processing_max_days,
    made_to_order, not_cancellable, stock, expected_restock, updated_at";

fn product_of(row: &AnyRow) -> StoreResult<ProductRow> {
    Ok(ProductRow {
        sku: row.try_get("sku")?,
        title: row.try_get("title")?,
        processing_min_days: row.try_get("processing_min_days")?,
        processing_max_days: row.try_get("processing_max_days")?,
        made_to_order: flag(row, "made_to_order")?,
        not_cancellable: flag(row, "not_cancellable")?,
        stock: row.try_get("stock")?,
        expected_restock: row.try_get("expected_restock")?,
    })
}

pub async fn find_product(conn: &mut Conn, sku: &str) -> StoreResult<Option<ProductRow>> {
    Ok(find_product_versioned(conn, sku).await?.map(|(p, _)| p))
}

/// The product with its version (the time it last changed), for forms that must not
/// overwrite a change they did not show.
pub async fn find_product_versioned(
    conn: &mut Conn,
    sku: &str,
) -> StoreResult<Option<(ProductRow, i64)>> {
    let sql = format!("SELECT {PRODUCT_COLUMNS} FROM products WHERE sku = $1");
    let row = sqlx::query(&sql).bind(sku).fetch_optional(conn).await?;
    row.map(|row| Ok((product_of(&row)?, row.try_get("updated_at")?)))
        .transpose()
}

/// One page of products by SKU, those whose SKU or title contains `search` (any case);
/// one more than `limit` is read so the caller knows whether another page follows.
pub async fn list_products(
    conn: &mut Conn,
    search: &str,
    limit: i64,
    offset: i64,
) -> StoreResult<Vec<(ProductRow, i64)>> {
    let sql = format!(
        "SELECT {PRODUCT_COLUMNS} FROM products
         WHERE $1 = '' OR LOWER(sku) LIKE $2 OR LOWER(title) LIKE $2
         ORDER BY sku LIMIT $3 OFFSET $4"
    );
    let pattern = format!("%{}%", search.to_lowercase().replace(['%', '_'], ""));
    let rows = sqlx::query(&sql)
        .bind(search)
        .bind(pattern)
        .bind(limit + 1)
        .bind(offset)
        .fetch_all(conn)
        .await?;
    rows.iter()
        .map(|row| Ok((product_of(row)?, row.try_get("updated_at")?)))
        .collect()
}

/// Replaces the product if it is still at `version`; `false` when it changed meanwhile (or
/// is gone) and nothing was written.
pub async fn update_product_at(
    conn: &mut Conn,
    p: &ProductRow,
    version: i64,
    now: i64,
) -> StoreResult<bool> {
    let query = sqlx::query(
        "UPDATE products SET title = $2, processing_min_days = $3, processing_max_days = $4,
             made_to_order = $5, not_cancellable = $6, stock = $7, expected_restock = $8,
             updated_at = $9
         WHERE sku = $1 AND updated_at = $10",
    );
    let done = with_product(query, p)
        .bind(now.max(version + 1))
        .bind(version)
        .execute(conn)
        .await?;
    Ok(done.rows_affected() == 1)
}

/// Binds the product's columns as `$1`…`$8` in table order.
fn with_product<'q>(
    query: sqlx::query::Query<'q, sqlx::Any, sqlx::any::AnyArguments<'q>>,
    p: &'q ProductRow,
) -> sqlx::query::Query<'q, sqlx::Any, sqlx::any::AnyArguments<'q>> {
    query
        .bind(&p.sku)
        .bind(&p.title)
        .bind(p.processing_min_days)
        .bind(p.processing_max_days)
        .bind(p.made_to_order)
        .bind(p.not_cancellable)
        .bind(p.stock)
        .bind(&p.expected_restock)
}

/// Creates or replaces the product; `true` when it was created.
pub async fn upsert_product(conn: &mut Conn, p: &ProductRow, now: i64) -> StoreResult<bool> {
    let existed: Option<i64> = sqlx::query_scalar("SELECT id FROM products WHERE sku = $1")
        .bind(&p.sku)
        .fetch_optional(&mut *conn)
        .await?;
    let query = sqlx::query(
        "INSERT INTO products (sku, title, processing_min_days, processing_max_days,
             made_to_order, not_cancellable, stock, expected_restock, updated_at)
         VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9)
         ON CONFLICT (sku) DO UPDATE SET title = excluded.title,
             processing_min_days = excluded.processing_min_days,
             processing_max_days = excluded.processing_max_days,
             made_to_order = excluded.made_to_order, not_cancellable = excluded.not_cancellable,
             stock = excluded.stock, expected_restock = excluded.expected_restock,
             updated_at = excluded.updated_at",
    );
    with_product(query, p).bind(now).execute(conn).await?;
    Ok(existed.is_none())
}

/// A settings document (JSON text) by key.
pub async fn setting(conn: &mut Conn, key: &str) -> StoreResult<Option<String>> {
    Ok(
        sqlx::query_scalar("SELECT value FROM settings WHERE key = $1")
            .bind(key)
            .fetch_optional(conn)
            .await?,
    )
}

pub async fn put_setting(
    conn: &mut Conn,
    key: &str,
    value: &str,
    by: &str,
    now: i64,
) -> StoreResult<()> {
    let updated = sqlx::query(
        "UPDATE settings SET value = $2, version = version + 1, updated_at = $3, updated_by = $4
         WHERE key = $1",
    )
    .bind(key)
    .bind(value)
    .bind(now)
    .bind(by)
    .execute(&mut *conn)
    .await?;
    if updated.rows_affected() == 0 {
        sqlx::query(
            "INSERT INTO settings (key, value, updated_at, updated_by) VALUES ($1, $2, $3, $4)",
        )
        .bind(key)
        .bind(value)
        .bind(now)
        .bind(by)
        .execute(conn)
        .await?;
    }
    Ok(())
}

/// An audit-log row for a change made through the API (`token_id` names the token).
pub async fn audit_integration(
    conn: &mut Conn,
    at: i64,
    token_id: i64,
    action: &str,
    data: &str,
) -> StoreResult<()> {
    sqlx::query(
        "INSERT INTO audit_log (at, actor, actor_id, action, data)
         VALUES ($1, 'integration', $2, $3, $4)",
    )
    .bind(at)
    .bind(token_id.to_string())
    .bind(action)
    .bind(data)
    .execute(conn)
    .await?;
    Ok(())
}

/// The version of a settings document (0 before its first save).
pub async fn setting_version(conn: &mut Conn, key: &str) -> StoreResult<i64> {
    Ok(
        sqlx::query_scalar::<_, i64>("SELECT version FROM settings WHERE key = $1")
            .bind(key)
            .fetch_optional(conn)
            .await?
            .unwrap_or(0),
    )
}

/// Saves a settings document only if it is still at `expected` (0: never saved); `false` when
/// someone saved it in between.
pub async fn put_setting_at(
    conn: &mut Conn,
    key: &str,
    value: &str,
    by: &str,
    now: i64,
    expected: i64,
) -> StoreResult<bool> {
    if expected == 0 {
        let done = sqlx::query(
            "INSERT INTO settings (key, value, updated_at, updated_by) VALUES ($1, $2, $3, $4)
             ON CONFLICT (key) DO NOTHING",
        )
        .bind(key)
        .bind(value)
        .bind(now)
        .bind(by)
        .execute(conn)
        .await?;
        return Ok(done.rows_affected() == 1);
    }
    let done = sqlx::query(
        "UPDATE settings SET value = $2, version = version + 1, updated_at = $3, updated_by = $4
         WHERE key = $1 AND version = $5",
    )
    .bind(key)
    .bind(value)
    .bind(now)
    .bind(by)
    .bind(expected)
    .execute(conn)
    .await?;
    Ok(done.rows_affected() == 1)
}

/// The products with these SKUs (unknown SKUs are simply absent).
pub async fn products_by_sku(conn: &mut Conn, skus: &[&str]) -> StoreResult<Vec<ProductRow>> {
    if skus.is_empty() {
        return Ok(Vec::new());
    }
    let marks: Vec<String> = (1..=skus.len()).map(|i| format!("${i}")).collect();
    let sql = format!(
        "SELECT {PRODUCT_COLUMNS} FROM products WHERE sku IN ({})",
        marks.join(", ")
    );
    let mut query = sqlx::query(&sql);
    for sku in skus {
        query = query.bind(*sku);
    }
    query
        .fetch_all(conn)
        .await?
        .iter()
        .map(product_of)
        .collect()
}
