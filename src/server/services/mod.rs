//! Use cases. Each opens its own transaction, applies domain rules, writes the change together
//! with its outbox rows, and returns a domain or view value.

pub mod accounts;
pub mod backorder_settings;
pub mod backorders;
pub mod cancel_effects;
pub mod cancellation;
pub mod catalog;
pub mod codes;
pub mod dashboard;
pub mod delay_notices;
pub mod estimates;
pub mod handling;
pub mod integrations;
pub mod limits;
pub mod links;
pub mod lookup;
pub mod merchant_auth;
pub mod order_admin;
pub mod order_list;
pub mod order_page;
pub mod order_sync;
pub mod order_view;
pub mod place_order;
pub mod processing_settings;
pub mod products;
pub mod reports;
pub mod session;
pub mod settings;
pub mod shopper_claim;
pub mod team;
pub mod view_settings;

use crate::api::AppError;
use crate::server::store::StoreError;

#[derive(Debug, thiserror::Error)]
pub enum ServiceError {
    /// Expected refusals the visitor is told about.
    #[error(transparent)]
    App(#[from] AppError),
    #[error(transparent)]
    Store(#[from] StoreError),
    #[error("an order with this number already exists")]
    DuplicateOrder,
    #[error("{0}")]
    Other(String),
}

impl From<sqlx::Error> for ServiceError {
    fn from(e: sqlx::Error) -> Self {
        ServiceError::Store(e.into())
    }
}

pub type ServiceResult<T> = Result<T, ServiceError>;
