//! The API's bodies, as integrators see them (DESIGN §6). They also generate the OpenAPI
//! document, so the documentation cannot drift from what the server accepts and answers.

use crate::domain::{BackorderChoice, FulfilmentState, HoldReason, Lifecycle, PaymentStatus};
use serde::{Deserialize, Serialize};
use utoipa::ToSchema;

/// `PUT /orders/{number}`: creates the order, or updates what may change after placement.
#[derive(Debug, Clone, Deserialize, ToSchema)]
#[serde(deny_unknown_fields)]
pub struct OrderInput {
    pub customer: CustomerInput,
    /// `en`, `nb`, `fi` or `nl` (region suffixes such as `nb-NO` are accepted).
    pub locale: String,
    /// ISO 4217 code, e.g. `NOK`, `EUR`.
    pub currency: String,
    /// RFC 3339 instant, e.g. `2026-11-20T09:30:00Z`.
    #[schema(format = DateTime)]
    pub placed_at: String,
    pub payment_status: PaymentStatus,
    pub shipping_method: String,
    /// Address lines as printed on the parcel.
    #[serde(default)]
    pub shipping_address: Option<Vec<String>>,
    #[schema(min_items = 1)]
    pub lines: Vec<LineInput>,
}

#[derive(Debug, Clone, Deserialize, ToSchema)]
#[serde(deny_unknown_fields)]
pub struct CustomerInput {
    pub email: String,
    pub name: String,
}

#[derive(Debug, Clone, Deserialize, ToSchema)]
#[serde(deny_unknown_fields)]
pub struct LineInput {
    pub sku: String,
    pub title: String,
    #[schema(minimum = 1)]
    pub quantity: u32,
    /// Price of one unit in minor units (øre, cents).
    #[schema(minimum = 0)]
    pub unit_price: i64,
    /// How many of `quantity` wait for stock.
    #[serde(default)]
    pub quantity_backordered: u32,
}

/// An order as `GET /orders/{number}` and every order mutation answer it.
#[derive(Debug, Clone, Serialize, ToSchema)]
pub struct OrderResource {
    pub number: String,
    pub customer: CustomerResource,
    pub locale: String,
    pub currency: String,
    #[schema(format = DateTime)]
    pub placed_at: String,
    pub payment_status: PaymentStatus,
    pub lifecycle: Lifecycle,
    /// The stage the shopper sees, e.g. `processing`, `waiting_for_stock`, `shipped`.
    pub stage: String,
    pub shipping_method: String,
    pub shipping_address: Option<Vec<String>>,
    /// Increases with every change.
    pub version: i64,
    pub lines: Vec<LineResource>,
    pub fulfillments: Vec<FulfillmentResource>,
    pub hold: Option<HoldResource>,
    pub refunds: Vec<RefundResource>,
    pub estimates: Estimates,
}

#[derive(Debug, Clone, Serialize, ToSchema)]
pub struct CustomerResource {
    pub email: String,
    pub name: String,
}

#[derive(Debug, Clone, Serialize, ToSchema)]
pub struct LineResource {
    pub id: i64,
    pub sku: String,
    pub title: String,
    pub unit_price: i64,
    pub quantity: i64,
    pub quantity_fulfilled: i64,
    pub quantity_cancelled: i64,
    pub quantity_backordered: i64,
    pub backorder_choice: BackorderChoice,
    /// The current ship-by window of what is left of the line; `null` when the restock date
    /// is not known or nothing is left to ship.
    pub ship_by: Option<DateWindow>,
    /// The ship-by window promised at placement.
    pub promised_ship_by: Option<DateWindow>,
}

#[derive(Debug, Clone, Serialize, ToSchema)]
pub struct FulfillmentResource {
    pub id: i64,
    pub status: FulfilmentState,
    pub carrier: Option<String>,
    pub tracking_number: Option<String>,
    pub tracking_url: Option<String>,
    #[schema(format = DateTime)]
    pub shipped_at: Option<String>,
    #[schema(format = DateTime)]
    pub delivered_at: Option<String>,
    pub lines: Vec<FulfilledLine>,
}

#[derive(Debug, Clone, Serialize, ToSchema)]
pub struct FulfilledLine {
    pub line_id: i64,
    pub sku: String,
    pub quantity: i64,
}

#[derive(Debug, Clone, Serialize, ToSchema)]
pub struct HoldResource {
    pub id: i64,
    pub reason: HoldReason,
    pub note: Option<String>,
    #[schema(format = DateTime)]
    pub placed_at: String,
}

#[derive(Debug, Clone, Serialize, ToSchema)]
pub struct RefundResource {
    pub id: i64,
    pub amount: i64,
    pub currency: String,
    pub reason: String,
    /// `pending` until the shop confirms it was paid out, then `confirmed`.
    pub status: String,
    #[schema(format = DateTime)]
    pub created_at: String,
    #[schema(format = DateTime)]
    pub confirmed_at: Option<String>,
}

/// Ship-by and delivery windows (shop-local dates, DESIGN §5.4). The current ones follow the
/// settings, processing times and restock dates as they are now; `null` when not known yet
/// (an item waits for stock without a restock date) or nothing is left to ship. The promised
/// ones were fixed at placement.
#[derive(Debug, Clone, Serialize, ToSchema)]
pub struct Estimates {
    pub ship_by: Option<DateWindow>,
    pub delivery: Option<DateWindow>,
    pub promised_ship_by: Option<DateWindow>,
    pub promised_delivery: Option<DateWindow>,
}

#[derive(Debug, Clone, Serialize, Deserialize, ToSchema)]
pub struct DateWindow {
    #[schema(format = Date)]
    pub earliest: String,
    #[schema(format = Date)]
    pub latest: String,
}

impl From<Window> for DateWindow {
    fn from(w: Window) -> Self {
        DateWindow {
            earliest: w.earliest.to_string(),
            latest: w.latest.to_string(),
        }
    }
}

/// `POST /orders/{number}/fulfillments`: a parcel that left the warehouse.
#[derive(Debug, Clone, Deserialize, ToSchema)]
#[serde(deny_unknown_fields)]
pub struct FulfillmentInput {
    #[schema(min_items = 1)]
    pub lines: Vec<FulfillmentLineInput>,
    #[serde(default)]
    pub carrier: Option<String>,
    #[serde(default)]
    pub tracking_number: Option<String>,
    /// http(s) only.
    #[serde(default)]
    pub tracking_url: Option<String>,
}

#[derive(Debug, Clone, Deserialize, ToSchema)]
#[serde(deny_unknown_fields)]
pub struct FulfillmentLineInput {
    pub sku: String,
    #[schema(minimum = 1)]
    pub quantity: u32,
}

/// `POST /orders/{number}/holds`.
#[derive(Debug, Clone, Deserialize, ToSchema)]
#[serde(deny_unknown_fields)]
pub struct HoldInput {
    pub reason: HoldReason,
    /// For the merchant's staff; never shown to the shopper.
    #[serde(default)]
    pub note: Option<String>,
}

/// `PUT /products/{sku}`.
#[derive(Debug, Clone, Deserialize, ToSchema)]
#[serde(deny_unknown_fields)]
pub struct ProductInput {
    pub title: String,
    /// Working days to prepare an order of it; `null` uses the shop's default.
    #[serde(default)]
    pub processing_days: Option<DayRange>,
    #[serde(default)]
    pub made_to_order: bool,
    #[serde(default)]
    pub not_cancellable: bool,
    #[serde(default)]
    pub stock: u32,
    /// `YYYY-MM-DD`, or `null` when not known.
    #[serde(default)]
    #[schema(format = Date)]
    pub expected_restock: Option<String>,
}

#[derive(Debug, Clone, Serialize, ToSchema)]
pub struct ProductResource {
    pub sku: String,
    pub title: String,
    pub processing_days: Option<DayRange>,
    pub made_to_order: bool,
    pub not_cancellable: bool,
    pub stock: i64,
    #[schema(format = Date)]
    pub expected_restock: Option<String>,
}

pub use crate::domain::estimate::DayRange;
use crate::domain::estimate::Window;
pub use crate::domain::processing::{ProcessingSettings, ShippingMethod};

/// `POST /estimates`: a cart as it would be placed.
#[derive(Debug, Clone, Deserialize, ToSchema)]
#[serde(deny_unknown_fields)]
pub struct EstimateInput {
    /// RFC 3339 with an offset, e.g. `2026-11-24T10:00:00+01:00`.
    #[schema(format = DateTime)]
    pub placed_at: String,
    #[schema(min_items = 1, max_items = 200)]
    pub lines: Vec<EstimateLineInput>,
    /// The code of one of the shop's shipping methods.
    pub shipping_method: String,
}

#[derive(Debug, Clone, Deserialize, ToSchema)]
#[serde(deny_unknown_fields)]
pub struct EstimateLineInput {
    pub sku: String,
    #[schema(minimum = 1)]
    pub quantity: u32,
}

/// The cart's windows; `null` when not known (an item waits for stock without a restock date).
#[derive(Debug, Clone, Serialize, ToSchema)]
pub struct EstimateResource {
    pub ship_by: Option<DateWindow>,
    pub delivery: Option<DateWindow>,
    pub lines: Vec<LineEstimateResource>,
}

#[derive(Debug, Clone, Serialize, ToSchema)]
pub struct LineEstimateResource {
    pub sku: String,
    pub ship_by: Option<DateWindow>,
}
