//! The team's view and edits of the products (the same rules as `PUT /api/v1/products/{sku}`):
//! each save applies only to the product as the form showed it, and is audited.

use super::merchant_auth::Merchant;
use super::ServiceResult;
use crate::api::products::{ProductList, ProductView, PAGE_SIZE};
use crate::api::{AppError, Field};
use crate::domain::product::{self, ProductProblem};
use crate::domain::InputProblem;
use crate::server::state::AppState;
use crate::server::store::catalog::{self, ProductRow};
use crate::server::store::{accounts, millis};

fn view_of(p: ProductRow, version: i64) -> ProductView {
    let processing_days = match (p.processing_min_days, p.processing_max_days) {
        (Some(min), Some(max)) => Some((
            u32::try_from(min).unwrap_or(0),
            u32::try_from(max).unwrap_or(0),
        )),
        _ => None,
    };
    ProductView {
        sku: p.sku,
        title: p.title,
        processing_days,
        made_to_order: p.made_to_order,
        not_cancellable: p.not_cancellable,
        stock: p.stock,
        expected_restock: p.expected_restock,
        version,
    }
}

pub async fn list(state: &AppState, search: &str, page: u32) -> ServiceResult<ProductList> {
    let search = search.trim();
    if search.chars().count() > 100 {
        return Err(AppError::invalid(Field::Search, InputProblem::TooLong).into());
    }
    if !crate::domain::text::is_plain(search) {
        return Err(AppError::invalid(Field::Search, InputProblem::Malformed).into());
    }
    let size = PAGE_SIZE as i64;
    let offset = i64::from(page.min(100_000)) * size;
    let mut conn = state.db.read().await?;
    let mut rows = catalog::list_products(&mut conn, search, size, offset).await?;
    let more = rows.len() > PAGE_SIZE;
    rows.truncate(PAGE_SIZE);
    Ok(ProductList {
        search: search.to_owned(),
        page,
        products: rows.into_iter().map(|(p, v)| view_of(p, v)).collect(),
        more,
    })
}

pub async fn one(state: &AppState, sku: &str) -> ServiceResult<ProductView> {
    // No stored SKU looks like this (the API refuses them), so there is nothing to read.
    if sku.is_empty() || sku.chars().count() > 64 || sku.chars().any(char::is_control) {
        return Err(AppError::NotFound.into());
    }
    let mut conn = state.db.read().await?;
    let (product, version) = catalog::find_product_versioned(&mut conn, sku)
        .await?
        .ok_or(AppError::NotFound)?;
    Ok(view_of(product, version))
}

/// The product form as posted.
pub struct ProductForm<'a> {
    pub sku: &'a str,
    pub version: i64,
    pub title: &'a str,
    pub processing_min: &'a str,
    pub processing_max: &'a str,
    pub made_to_order: bool,
    pub not_cancellable: bool,
    pub stock: &'a str,
    pub expected_restock: &'a str,
}

fn whole(raw: &str, field: Field) -> ServiceResult<Option<u32>> {
    match raw.trim() {
        "" => Ok(None),
        text => text
            .parse::<u32>()
            .map(Some)
            .map_err(|_| AppError::invalid(field, InputProblem::Malformed).into()),
    }
}

fn problem(p: ProductProblem) -> AppError {
    match p {
        ProductProblem::Title(problem) => AppError::invalid(Field::Title, problem),
        ProductProblem::ProcessingDays(problem) => {
            AppError::invalid(Field::ProcessingDays, problem)
        }
        ProductProblem::RestockDate => {
            AppError::invalid(Field::RestockDate, InputProblem::Malformed)
        }
    }
}

pub async fn save(state: &AppState, me: &Merchant, form: ProductForm<'_>) -> ServiceResult<()> {
    let min = whole(form.processing_min, Field::ProcessingDays)?;
    let max = whole(form.processing_max, Field::ProcessingDays)?;
    let processing = match (min, max) {
        (None, None) => None,
        (Some(min), Some(max)) => Some((min, max)),
        _ => return Err(AppError::invalid(Field::ProcessingDays, InputProblem::Required).into()),
    };
    let stock = whole(form.stock, Field::Stock)?
        .ok_or(AppError::invalid(Field::Stock, InputProblem::Required))?;
    let restock = match form.expected_restock.trim() {
        "" => None,
        date => Some(date),
    };
    let checked = product::check(form.title, processing, restock).map_err(problem)?;
    let row = ProductRow {
        sku: form.sku.to_owned(),
        title: checked.title,
        processing_min_days: checked.processing_days.map(|(min, _)| i64::from(min)),
        processing_max_days: checked.processing_days.map(|(_, max)| i64::from(max)),
        made_to_order: form.made_to_order,
        not_cancellable: form.not_cancellable,
        stock: i64::from(stock),
        expected_restock: checked.expected_restock,
    };

    let now = millis(state.now());
    let mut tx = state.db.begin().await?;
    let Some((before, _)) = catalog::find_product_versioned(&mut tx, form.sku).await? else {
        return Err(AppError::NotFound.into());
    };
    if !catalog::update_product_at(&mut tx, &row, form.version, now).await? {
        return Err(AppError::Conflict.into());
    }
    let data = serde_json::json!({
        "sku": row.sku,
        "before": audit_view(&before),
        "after": audit_view(&row),
    });
    accounts::audit(&mut tx, now, me.user_id, "product_changed", &data).await?;
    tx.commit().await?;
    tracing::info!(sku = %row.sku, user_id = me.user_id, "product changed");
    super::delay_notices::after_product_change(state, &row.sku).await;
    Ok(())
}

fn audit_view(p: &ProductRow) -> serde_json::Value {
    serde_json::json!({
        "title": p.title,
        "processing_days": [p.processing_min_days, p.processing_max_days],
        "made_to_order": p.made_to_order,
        "not_cancellable": p.not_cancellable,
        "stock": p.stock,
        "expected_restock": p.expected_restock,
    })
}
