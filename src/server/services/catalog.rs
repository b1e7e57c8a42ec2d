//! Products and settings documents written by the shop's system or the merchant.

use super::ServiceResult;
use crate::server::state::AppState;
use crate::server::store::catalog::{self, ProductRow};
use crate::server::store::millis;

/// The key of the processing-time and business-calendar document.
pub const PROCESSING: &str = "processing";

/// Creates or replaces the product; `true` when created.
pub async fn put_product(
    state: &AppState,
    product: &ProductRow,
    token_id: i64,
) -> ServiceResult<bool> {
    let now = millis(state.now());
    let mut tx = state.db.begin().await?;
    let created = catalog::upsert_product(&mut tx, product, now).await?;
    tx.commit().await?;
    tracing::info!(sku = %product.sku, created, token_id, "product saved");
    super::delay_notices::after_product_change(state, &product.sku).await;
    Ok(created)
}

pub async fn setting(state: &AppState, key: &str) -> ServiceResult<Option<String>> {
    Ok(catalog::setting(&mut *state.db.read().await?, key).await?)
}

/// Stores a settings document and records who changed it.
pub async fn put_setting(
    state: &AppState,
    key: &str,
    json: &str,
    token_id: i64,
) -> ServiceResult<()> {
    let now = millis(state.now());
    let by = format!("integration:{token_id}");
    let mut tx = state.db.begin().await?;
    catalog::put_setting(&mut tx, key, json, &by, now).await?;
    let action = format!("settings_{key}_changed");
    catalog::audit_integration(&mut tx, now, token_id, &action, json).await?;
    tx.commit().await?;
    state.views.forget();
    tracing::info!(key, token_id, "settings changed");
    Ok(())
}
