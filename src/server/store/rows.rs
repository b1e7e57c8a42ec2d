//! Row shapes as stored. Turned into domain values by the services, never sent to a browser.

use super::catalog::ProductRow;
use super::columns::Columns;
use super::{StoreError, StoreResult};
use sqlx::any::AnyRow;
use sqlx::FromRow;

#[derive(Debug, Clone)]
pub struct OrderRow {
    pub id: i64,
    pub number: String,
    pub customer_id: i64,
    pub email: String,
    pub customer_name: String,
    pub locale: String,
    pub currency: String,
    pub placed_at: i64,
    pub payment_status: String,
    pub lifecycle: String,
    pub shipping_method: String,
    pub shipping_address: Option<String>,
    pub version: i64,
    /// Promised at placement; older orders may have none (their policy then decides).
    pub cancel_deadline: Option<i64>,
    /// The ship-by and delivery windows promised at placement (`YYYY-MM-DD`); none when the
    /// date was not known then (or for orders from before estimates).
    pub promised_ship_earliest: Option<String>,
    pub promised_ship_latest: Option<String>,
    pub promised_delivery_earliest: Option<String>,
    pub promised_delivery_latest: Option<String>,
}

impl OrderRow {
    /// The columns of `orders::ORDER_COLUMNS`, from either driver's row.
    pub(super) fn read(row: &impl Columns) -> StoreResult<Self> {
        Ok(Self {
            id: row.get("id")?,
            number: row.get("number")?,
            customer_id: row.get("customer_id")?,
            email: row.get("email")?,
            customer_name: row.get("customer_name")?,
            locale: row.get("locale")?,
            currency: row.get("currency")?,
            placed_at: row.get("placed_at")?,
            payment_status: row.get("payment_status")?,
            lifecycle: row.get("lifecycle")?,
            shipping_method: row.get("shipping_method")?,
            shipping_address: row.get("shipping_address")?,
            version: row.get("version")?,
            cancel_deadline: row.get("cancel_deadline")?,
            promised_ship_earliest: row.get("promised_ship_earliest")?,
            promised_ship_latest: row.get("promised_ship_latest")?,
            promised_delivery_earliest: row.get("promised_delivery_earliest")?,
            promised_delivery_latest: row.get("promised_delivery_latest")?,
        })
    }
}

impl<'r> FromRow<'r, AnyRow> for OrderRow {
    fn from_row(row: &'r AnyRow) -> Result<Self, sqlx::Error> {
        Self::read(row).map_err(StoreError::into_sqlx)
    }
}

#[derive(Debug, Clone, FromRow)]
pub struct LineRow {
    pub id: i64,
    pub position: i64,
    pub sku: String,
    pub title: String,
    pub unit_price: i64,
    pub quantity: i64,
    pub quantity_fulfilled: i64,
    pub quantity_cancelled: i64,
    pub quantity_backordered: i64,
    pub backorder_choice: String,
    pub promised_ship_earliest: Option<String>,
    pub promised_ship_latest: Option<String>,
}

#[derive(Debug, Clone, FromRow)]
pub struct FulfilmentRow {
    pub id: i64,
    pub status: String,
    pub carrier: Option<String>,
    pub tracking_number: Option<String>,
    pub tracking_url: Option<String>,
    pub shipped_at: Option<i64>,
    pub delivered_at: Option<i64>,
}

#[derive(Debug, Clone, FromRow)]
pub struct FulfilmentLineRow {
    pub fulfilment_id: i64,
    pub line_id: i64,
    pub quantity: i64,
}

#[derive(Debug, Clone, FromRow)]
pub struct EventRow {
    pub at: i64,
    pub kind: String,
    pub data: String,
    pub actor: String,
    /// The merchant user who did it, when one did.
    pub actor_email: Option<String>,
}

#[derive(Debug, Clone, FromRow)]
pub struct HoldRow {
    pub id: i64,
    pub reason: String,
    pub note: Option<String>,
    pub placed_at: i64,
}

/// Everything about one order, as loaded for a page or an email.
#[derive(Debug, Clone)]
pub struct StoredOrder {
    pub order: OrderRow,
    pub lines: Vec<LineRow>,
    pub fulfilments: Vec<FulfilmentRow>,
    pub fulfilment_lines: Vec<FulfilmentLineRow>,
    pub active_hold: Option<HoldRow>,
    pub cancellation_requested: bool,
    pub refunded: i64,
    pub events: Vec<EventRow>,
    /// The catalog entries of its lines' SKUs (one per SKU; none for a SKU the catalog does
    /// not know), read with the lines.
    pub products: Vec<ProductRow>,
}

impl StoredOrder {
    /// The catalog entry of a line's SKU.
    pub fn product(&self, sku: &str) -> Option<&ProductRow> {
        self.products.iter().find(|p| p.sku == sku)
    }

    /// Whether the shopper may not cancel units of this SKU: made to order or flagged by the
    /// shop.
    pub fn locked(&self, sku: &str) -> bool {
        self.product(sku)
            .is_some_and(|p| p.made_to_order || p.not_cancellable)
    }
}
