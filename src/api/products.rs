//! The merchant's products: what the shop sells, as the estimates and the cancellation rules
//! see it. The shop's system keeps them in step through `PUT /api/v1/products/{sku}`; the
//! team corrects them here.

// The save form has a field per column; the generated client stub takes them one by one.
#![allow(clippy::too_many_arguments)]

use super::AppError;
use leptos::prelude::*;
use serde::{Deserialize, Serialize};

/// Products shown per page.
pub const PAGE_SIZE: usize = 50;

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct ProductView {
    pub sku: String,
    pub title: String,
    /// Working days to prepare it; `None` uses the shop's default.
    pub processing_days: Option<(u32, u32)>,
    pub made_to_order: bool,
    pub not_cancellable: bool,
    pub stock: i64,
    /// `YYYY-MM-DD`.
    pub expected_restock: Option<String>,
    /// Changes with every save, so a stale form changes nothing.
    pub version: i64,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct ProductList {
    pub search: String,
    pub page: u32,
    pub products: Vec<ProductView>,
    pub more: bool,
}

#[server(prefix = "/fn", endpoint = "admin_products")]
pub async fn list_products(
    #[server(default)] search: String,
    #[server(default)] page: u32,
) -> Result<ProductList, AppError> {
    use crate::server::services::{merchant_auth, products};
    let ctx = crate::server::web::Ctx::current()?;
    let result = async {
        merchant_auth::current(&ctx).await?;
        products::list(&ctx.state, &search, page).await
    }
    .await;
    ctx.respond(result)
}

#[server(prefix = "/fn", endpoint = "admin_product")]
pub async fn get_product(sku: String) -> Result<ProductView, AppError> {
    use crate::server::services::{merchant_auth, products};
    let ctx = crate::server::web::Ctx::current()?;
    let result = async {
        merchant_auth::current(&ctx).await?;
        products::one(&ctx.state, &sku).await
    }
    .await;
    ctx.respond(result)
}

/// Saves the product form (owner and staff), if the product is still as the form showed it.
#[server(prefix = "/fn", endpoint = "admin_product_save")]
pub async fn save_product(
    sku: String,
    version: i64,
    title: String,
    #[server(default)] processing_min: String,
    #[server(default)] processing_max: String,
    #[server(default)] made_to_order: Option<String>,
    #[server(default)] not_cancellable: Option<String>,
    stock: String,
    #[server(default)] expected_restock: String,
) -> Result<(), AppError> {
    use crate::server::services::{merchant_auth, products};
    let ctx = crate::server::web::Ctx::current()?;
    let result = async {
        let me = merchant_auth::current(&ctx).await?;
        let form = products::ProductForm {
            sku: &sku,
            version,
            title: &title,
            processing_min: &processing_min,
            processing_max: &processing_max,
            made_to_order: made_to_order.is_some(),
            not_cancellable: not_cancellable.is_some(),
            stock: &stock,
            expected_restock: &expected_restock,
        };
        products::save(&ctx.state, &me, form).await
    }
    .await;
    ctx.respond(result)?;
    let path = format!("/admin/products/{}?done=saved", super::path_segment(&sku));
    leptos_axum::redirect(&path);
    Ok(())
}
