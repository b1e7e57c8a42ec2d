//! Order states and the two views derived from them: the merchant's fulfilment status and the
//! shopper's stage. Both are computed from facts on every read, never stored.

use serde::{Deserialize, Serialize};

macro_rules! string_enum {
    ($(#[$meta:meta])* $name:ident { $($variant:ident = $text:literal),* $(,)? }) => {
        $(#[$meta])*
        #[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
        #[cfg_attr(feature = "ssr", derive(utoipa::ToSchema))]
        #[serde(rename_all = "snake_case")]
        pub enum $name { $($variant),* }

        impl $name {
            pub const ALL: &'static [$name] = &[$($name::$variant),*];

            /// The stable text stored in the database and used by the API.
            pub fn as_str(&self) -> &'static str {
                match self { $($name::$variant => $text),* }
            }

            pub fn parse(text: &str) -> Option<Self> {
                match text { $($text => Some($name::$variant),)* _ => None }
            }
        }
    };
}

string_enum!(PaymentStatus {
    Pending = "pending",
    Authorized = "authorized",
    Paid = "paid",
    PartiallyRefunded = "partially_refunded",
    Refunded = "refunded",
    Voided = "voided",
});

string_enum!(Lifecycle {
    Open = "open",
    Cancelled = "cancelled",
    Closed = "closed",
});

string_enum!(HoldReason {
    AwaitingPayment = "awaiting_payment",
    AddressCheck = "address_check",
    OutOfStock = "out_of_stock",
    FraudReview = "fraud_review",
    Other = "other",
});

string_enum!(
    /// Why the shop cancelled an order.
    CancelReason {
        CustomerRequest = "customer_request",
        OutOfStock = "out_of_stock",
        PaymentDeclined = "payment_declined",
        FraudSuspected = "fraud_suspected",
        Other = "other",
    }
);

string_enum!(BackorderChoice {
    Wait = "wait",
    ShipAvailableNow = "ship_available_now",
    Cancelled = "cancelled",
});

string_enum!(
    /// Where one fulfilment (a parcel) is.
    FulfilmentState {
        InProgress = "in_progress",
        Shipped = "shipped",
        Delivered = "delivered",
    }
);

string_enum!(FulfilmentStatus {
    Unfulfilled = "unfulfilled",
    PartiallyFulfilled = "partially_fulfilled",
    Fulfilled = "fulfilled",
    OnHold = "on_hold",
});

/// The quantities of one order line.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default, Serialize, Deserialize)]
pub struct LineQuantities {
    pub ordered: u32,
    pub fulfilled: u32,
    pub cancelled: u32,
    pub backordered: u32,
}

impl LineQuantities {
    pub const fn new(ordered: u32, fulfilled: u32, cancelled: u32, backordered: u32) -> Self {
        Self {
            ordered,
            fulfilled,
            cancelled,
            backordered,
        }
    }

    /// Still to be shipped: ordered, less shipped, less cancelled.
    pub fn open(&self) -> u32 {
        self.ordered
            .saturating_sub(self.fulfilled)
            .saturating_sub(self.cancelled)
    }

    /// The part of the open quantity that waits for stock.
    pub fn waiting_for_stock(&self) -> u32 {
        self.backordered.min(self.open())
    }
}

/// The shopper-facing stage, in the order a shopper expects to meet them.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(tag = "stage", content = "reason", rename_all = "snake_case")]
pub enum CustomerStage {
    Received,
    Processing,
    WaitingForStock,
    OnHold(HoldReason),
    PartiallyShipped,
    Shipped,
    Delivered,
    CancellationRequested,
    Cancelled,
}

/// Everything the derived views need to know about an order.
#[derive(Debug, Clone, Copy)]
pub struct OrderFacts<'a> {
    pub lifecycle: Lifecycle,
    pub payment: PaymentStatus,
    pub lines: &'a [LineQuantities],
    pub fulfilments: &'a [FulfilmentState],
    pub active_hold: Option<HoldReason>,
    pub cancellation_requested: bool,
}

impl OrderFacts<'_> {
    fn shipped_units(&self) -> u32 {
        self.lines.iter().map(|l| l.fulfilled).sum()
    }

    fn open_units(&self) -> u32 {
        self.lines.iter().map(LineQuantities::open).sum()
    }
}

/// The merchant's view: has the order been shipped, partly, not at all, or is it held?
pub fn fulfilment_status(facts: &OrderFacts<'_>) -> FulfilmentStatus {
    let shipped = facts.shipped_units();
    let open = facts.open_units();
    if shipped > 0 && open == 0 {
        FulfilmentStatus::Fulfilled
    } else if facts.active_hold.is_some() {
        FulfilmentStatus::OnHold
    } else if shipped > 0 {
        FulfilmentStatus::PartiallyFulfilled
    } else {
        FulfilmentStatus::Unfulfilled
    }
}

/// The shopper's view of where the order is.
pub fn customer_stage(facts: &OrderFacts<'_>) -> CustomerStage {
    if facts.lifecycle == Lifecycle::Cancelled {
        return CustomerStage::Cancelled;
    }
    if facts.cancellation_requested {
        return CustomerStage::CancellationRequested;
    }
    match fulfilment_status(facts) {
        FulfilmentStatus::Fulfilled => {
            let all_delivered = !facts.fulfilments.is_empty()
                && facts
                    .fulfilments
                    .iter()
                    .all(|f| *f == FulfilmentState::Delivered);
            if all_delivered {
                CustomerStage::Delivered
            } else {
                CustomerStage::Shipped
            }
        }
        FulfilmentStatus::OnHold => {
            CustomerStage::OnHold(facts.active_hold.unwrap_or(HoldReason::Other))
        }
        FulfilmentStatus::PartiallyFulfilled => CustomerStage::PartiallyShipped,
        FulfilmentStatus::Unfulfilled => {
            if facts.lines.iter().any(|l| l.waiting_for_stock() > 0) {
                CustomerStage::WaitingForStock
            } else if facts.payment == PaymentStatus::Pending {
                CustomerStage::Received
            } else {
                CustomerStage::Processing
            }
        }
    }
}

#[cfg(test)]
mod tests;
