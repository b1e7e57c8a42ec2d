//! The append-only order timeline. Events are stored as tagged JSON; shoppers see a friendly,
//! filtered subset, merchants see everything.

use super::{BackorderChoice, CancelReason, HoldReason, Money};
use serde::{Deserialize, Serialize};

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(tag = "type", rename_all = "snake_case")]
pub enum OrderEvent {
    OrderPlaced,
    PaymentConfirmed,
    HoldPlaced {
        reason: HoldReason,
        /// Free text for the merchant's colleagues; never shown to shoppers.
        #[serde(default, skip_serializing_if = "Option::is_none")]
        note: Option<String>,
    },
    HoldReleased,
    Shipped {
        #[serde(default, skip_serializing_if = "Option::is_none")]
        carrier: Option<String>,
        #[serde(default, skip_serializing_if = "Option::is_none")]
        tracking_number: Option<String>,
    },
    Delivered,
    OrderCancelled {
        /// Set when the shop cancelled; merchant-only (a fraud suspicion is not for the shopper).
        #[serde(default, skip_serializing_if = "Option::is_none")]
        reason: Option<CancelReason>,
        #[serde(default)]
        restocked: bool,
    },
    LineCancelled {
        title: String,
        quantity: u32,
    },
    RefundCreated {
        amount: Money,
    },
    /// The shopper asked the shop to cancel.
    CancellationRequested {
        reason: String,
    },
    /// The shop declined a cancellation request, with its message to the shopper.
    CancellationRejected {
        message: String,
    },
    /// The shop's payment system paid the refund out.
    RefundConfirmed {
        amount: Money,
    },
    /// The shop's system changed details of the order (merchant timeline only).
    UpdatedByShop {
        fields: Vec<String>,
    },
    /// The shopper chose how to handle a line waiting for stock (wait or ship the rest first;
    /// cancelling shows as `LineCancelled`).
    BackorderChoiceMade {
        title: String,
        choice: BackorderChoice,
    },
    /// The shopper was told a line is delayed (with links to keep waiting or cancel).
    DelayNoticeSent {
        title: String,
    },
    /// The shopper answered a delay notice: keep waiting.
    DelayAccepted {
        title: String,
    },
    ConfirmationEmailQueued,
    /// A message to the shopper was queued (merchant timeline only).
    EmailQueued {
        template: String,
    },
}

impl OrderEvent {
    /// The stored kind, for filtering without parsing the JSON.
    pub fn kind(&self) -> &'static str {
        match self {
            OrderEvent::OrderPlaced => "order_placed",
            OrderEvent::PaymentConfirmed => "payment_confirmed",
            OrderEvent::HoldPlaced { .. } => "hold_placed",
            OrderEvent::HoldReleased => "hold_released",
            OrderEvent::Shipped { .. } => "shipped",
            OrderEvent::Delivered => "delivered",
            OrderEvent::OrderCancelled { .. } => "order_cancelled",
            OrderEvent::LineCancelled { .. } => "line_cancelled",
            OrderEvent::RefundCreated { .. } => "refund_created",
            OrderEvent::RefundConfirmed { .. } => "refund_confirmed",
            OrderEvent::CancellationRequested { .. } => "cancellation_requested",
            OrderEvent::CancellationRejected { .. } => "cancellation_rejected",
            OrderEvent::UpdatedByShop { .. } => "updated_by_shop",
            OrderEvent::BackorderChoiceMade { .. } => "backorder_choice_made",
            OrderEvent::DelayNoticeSent { .. } => "delay_notice_sent",
            OrderEvent::DelayAccepted { .. } => "delay_accepted",
            OrderEvent::ConfirmationEmailQueued => "confirmation_email_queued",
            OrderEvent::EmailQueued { .. } => "email_queued",
        }
    }

    /// Whether the shopper's timeline shows it.
    pub fn visible_to_shopper(&self) -> bool {
        !matches!(
            self,
            OrderEvent::ConfirmationEmailQueued
                | OrderEvent::EmailQueued { .. }
                | OrderEvent::UpdatedByShop { .. }
        )
    }

    /// The same event with merchant-only details removed.
    pub fn for_shopper(&self) -> Self {
        match self {
            OrderEvent::HoldPlaced { reason, .. } => OrderEvent::HoldPlaced {
                reason: *reason,
                note: None,
            },
            OrderEvent::OrderCancelled { .. } => OrderEvent::OrderCancelled {
                reason: None,
                restocked: false,
            },
            other => other.clone(),
        }
    }
}

/// Who did something to an order.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Actor {
    Shopper,
    Merchant,
    Integration,
    System,
}

impl Actor {
    pub fn as_str(&self) -> &'static str {
        match self {
            Actor::Shopper => "shopper",
            Actor::Merchant => "merchant",
            Actor::Integration => "integration",
            Actor::System => "system",
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_hold_note_never_reaches_the_shopper() {
        let event = OrderEvent::HoldPlaced {
            reason: HoldReason::FraudReview,
            note: Some("card country mismatch".into()),
        };
        let shown = serde_json::to_string(&event.for_shopper()).unwrap();
        assert!(!shown.contains("mismatch"));
        assert_eq!(event.kind(), "hold_placed");
    }

    #[test]
    fn the_shops_cancel_reason_stays_with_the_shop() {
        let event = OrderEvent::OrderCancelled {
            reason: Some(CancelReason::FraudSuspected),
            restocked: true,
        };
        let shown = serde_json::to_string(&event.for_shopper()).unwrap();
        assert!(!shown.contains("fraud"), "{shown}");
        // Events stored before the reason existed still read.
        let old: OrderEvent = serde_json::from_str(r#"{"type":"order_cancelled"}"#).unwrap();
        assert_eq!(old.kind(), "order_cancelled");
    }
}
