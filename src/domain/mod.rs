//! Pure shop rules, compiled for the server and the browser. Nothing here reads the clock, the
//! database or the network: callers pass `now` and the facts in.

pub mod backoff;
pub mod backorder;
pub mod calendar;
pub mod cancellation;
pub mod email;
pub mod estimate;
pub mod event;
pub mod handling;
pub mod merchant;
pub mod money;
pub mod order;
pub mod order_number;
pub mod password;
pub mod processing;
pub mod product;
pub mod text;

pub use email::CustomerEmail;
pub use event::{Actor, OrderEvent};
pub use handling::{Handling, Refusal};
pub use merchant::Role;
pub use money::{Currency, Money};
pub use order::{
    customer_stage, fulfilment_status, BackorderChoice, CancelReason, CustomerStage,
    FulfilmentState, FulfilmentStatus, HoldReason, Lifecycle, LineQuantities, OrderFacts,
    PaymentStatus,
};
pub use order_number::OrderNumber;

/// Why a piece of input was refused; the UI turns it into a localized sentence.
#[derive(Debug, Clone, Copy, PartialEq, Eq, serde::Serialize, serde::Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum InputProblem {
    Required,
    TooLong,
    Malformed,
    TooShort,
    TooCommon,
    /// The repeated entry differs.
    Mismatch,
    /// Already in use (an email on the team).
    Taken,
    /// Not accepted as it is (a wrong current password, an unknown or used code).
    Wrong,
}
