//! What server functions send to pages. Built on the server from stored rows; never carries a
//! hash, token or other server-only field.

use crate::domain::cancellation::Decision;
use crate::domain::estimate::{LineEstimate, Window};
use crate::domain::{
    BackorderChoice, CustomerStage, FulfilmentState, LineQuantities, Money, OrderEvent,
    PaymentStatus,
};
use crate::i18n::Locale;
use jiff::civil::{Date, DateTime};
use serde::{Deserialize, Serialize};

/// How much of an order the current visitor may see and do.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Access {
    /// After a lookup by number and email: no address, no name, no actions.
    Redacted,
    /// After a signed link (or, later, a one-time code or an account): everything.
    Verified,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct OrderPage {
    pub access: Access,
    pub order: OrderView,
    /// What the shopper may do about cancelling (verified sessions only).
    pub cancellation: Option<CancelView>,
    /// The choices for lines waiting for stock (verified sessions only; none when no line
    /// waits).
    #[serde(default)]
    pub backorders: Option<BackorderView>,
}

/// The backorder card: each line waiting for stock with the choices the shop offers.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct BackorderView {
    /// The order's version, so a repeated or stale submit applies at most once.
    pub version: i64,
    pub lines: Vec<BackorderLine>,
    /// When the items on the shelf would ship if they went first.
    pub first_shipment: Option<Window>,
    /// What shipping them first costs; `None`: free.
    pub ship_now_fee: Option<Money>,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct BackorderLine {
    pub line_id: i64,
    pub title: String,
    pub ordered: u32,
    /// Units waiting for stock.
    pub waiting: u32,
    /// The expected restock date, when the shop knows it.
    pub restock: Option<Date>,
    /// The line's current ship-by estimate.
    pub estimate: LineEstimate,
    pub choice: BackorderChoice,
    /// What the shopper may choose now (the current choice included).
    pub options: Vec<BackorderChoice>,
    /// What cancelling the waiting units gives back; `None` when nothing was charged.
    pub refund: Option<Money>,
}

/// A reason the shopper may pick: its code, and its label in the page's language.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct ReasonChoice {
    pub code: String,
    pub label: String,
}

/// The cancel card: the decision, with what the page needs to explain it and act on it.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct CancelView {
    /// The order's version, so a repeated or stale submit applies at most once.
    pub version: i64,
    pub decision: Decision,
    /// The deadline in the shop's time, for "until 14:35".
    pub deadline_local: Option<DateTime>,
    /// The shop's reasons, in the page's language.
    pub reasons: Vec<ReasonChoice>,
    /// What cancelling now would give back; `None` when nothing was charged.
    pub refund: Option<Money>,
    /// Seconds until the deadline when the shopper may cancel now, for the live countdown.
    pub seconds_left: Option<i64>,
    /// The lines the shopper may cancel on their own (when the shop allows single lines and
    /// more than one line is open).
    pub lines: Vec<LineCancel>,
}

/// One line the shopper may cancel: all its units not yet shipped.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct LineCancel {
    pub line_id: i64,
    pub title: String,
    pub quantity: u32,
    /// What cancelling it gives back; `None` when nothing was charged.
    pub refund: Option<Money>,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct OrderView {
    pub number: String,
    pub locale: Locale,
    /// Shop-local time of placement.
    pub placed_at: DateTime,
    pub stage: CustomerStage,
    pub payment: PaymentStatus,
    pub lines: Vec<LineView>,
    pub shipments: Vec<ShipmentView>,
    pub timeline: Vec<TimelineEntry>,
    pub totals: Totals,
    pub shipping_method: String,
    /// When the rest of the order ships and arrives; none once nothing is left to ship.
    pub estimate: Option<EstimateView>,
    /// Masked (`k***@example.no`) in the redacted view.
    pub contact_email: String,
    /// Only in the verified view.
    pub customer_name: Option<String>,
    /// Only in the verified view.
    pub shipping_address: Option<Vec<String>>,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct LineView {
    pub sku: String,
    pub title: String,
    pub unit_price: Money,
    pub quantities: LineQuantities,
    pub line_total: Money,
    /// The current ship-by estimate of what is left of the line.
    pub estimate: LineEstimate,
    /// The ship-by window promised at placement.
    pub promised: Option<Window>,
}

/// The order's ship-by and delivery windows, now and as promised at placement.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct EstimateView {
    /// `None`: not known yet (an item waits for stock without a restock date).
    pub ship: Option<Window>,
    /// `None` also when the shipping method has no transit time set.
    pub delivery: Option<Window>,
    pub promised_ship: Option<Window>,
    pub promised_delivery: Option<Window>,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct ShipmentView {
    pub state: FulfilmentState,
    pub carrier: Option<String>,
    pub tracking_number: Option<String>,
    /// Only `http(s)` URLs are ever sent.
    pub tracking_url: Option<String>,
    pub shipped_at: Option<DateTime>,
    pub delivered_at: Option<DateTime>,
    pub items: Vec<ShipmentItem>,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct ShipmentItem {
    pub title: String,
    pub quantity: u32,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct TimelineEntry {
    pub at: DateTime,
    pub event: OrderEvent,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Totals {
    pub subtotal: Money,
    pub cancelled: Money,
    pub refunded: Money,
    pub total: Money,
}
