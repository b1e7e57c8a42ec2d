//! The one boundary error type, shared by server functions and the REST API. It carries a code
//! and what the UI needs to explain it; internal causes are logged on the server, never sent.

use crate::domain::backorder::ChoiceBlocker;
use crate::domain::cancellation::Blocker;
use crate::domain::{InputProblem, Refusal};
use crate::i18n::{fill, Texts};
use leptos::server_fn::codec::JsonEncoding;
use leptos::server_fn::error::{FromServerFnError, ServerFnErrorErr};
use serde::{Deserialize, Serialize};

/// A form field an error belongs to, so the page can show it next to the control.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Field {
    OrderNumber,
    Email,
    Password,
    NewPassword,
    Quantity,
    Carrier,
    TrackingNumber,
    TrackingUrl,
    Note,
    Code,
    Name,
    Url,
    Reason,
    WindowMinutes,
    Reasons,
    Position,
    /// A line of an order (its id, as a form sends it).
    Line,
    Title,
    ProcessingDays,
    Stock,
    RestockDate,
    Search,
    TimeZone,
    WorkingDays,
    Cutoff,
    HolidayCalendar,
    Holidays,
    DefaultProcessingDays,
    ShippingMethods,
    MethodCode,
    MethodName,
    TransitDays,
    /// A backorder choice (wait, ship what is in stock, cancel).
    Choice,
    /// Days a backordered line may slip before the shopper hears about it.
    DelayThreshold,
    /// The extra-shipment fees as a whole.
    ShipNowFees,
    /// One line of the extra-shipment fees, counted from 1.
    ShipNowFeeLine(u32),
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, thiserror::Error)]
#[serde(tag = "code", rename_all = "snake_case")]
pub enum AppError {
    #[error("invalid {field:?}: {problem:?}")]
    Invalid { field: Field, problem: InputProblem },
    #[error("no order matches that number and email")]
    LookupNoMatch,
    #[error("email or password not recognised")]
    LoginFailed,
    #[error("not signed in")]
    Unauthorized,
    #[error("too many attempts")]
    TooManyAttempts { retry_after_secs: u64 },
    #[error("bad request")]
    BadRequest,
    #[error("forbidden")]
    Forbidden,
    /// The record changed since the form was shown; nothing was written.
    #[error("changed meanwhile")]
    Conflict,
    /// The action is not possible in the record's current state.
    #[error("refused: {refusal:?}")]
    Refused { refusal: Refusal },
    /// The shopper may not cancel this order (now).
    #[error("cannot cancel: {because:?}")]
    CannotCancel { because: Blocker },
    /// The shopper may not make this backorder choice (now).
    #[error("cannot choose: {because:?}")]
    CannotChoose { because: ChoiceBlocker },
    #[error("not found")]
    NotFound,
    /// A link that worked once has expired.
    #[error("expired")]
    Expired,
    #[error("internal error (request {request_id})")]
    Internal { request_id: String },
    #[error("network error")]
    Network,
}

impl AppError {
    pub fn invalid(field: Field, problem: InputProblem) -> Self {
        AppError::Invalid { field, problem }
    }

    /// The stable machine-readable code (also the JSON `code`).
    pub fn code(&self) -> &'static str {
        match self {
            AppError::Invalid { .. } => "invalid",
            AppError::LookupNoMatch => "lookup_no_match",
            AppError::LoginFailed => "login_failed",
            AppError::Unauthorized => "unauthorized",
            AppError::TooManyAttempts { .. } => "too_many_attempts",
            AppError::BadRequest => "bad_request",
            AppError::Forbidden => "forbidden",
            AppError::Conflict => "conflict",
            AppError::Refused { .. } => "refused",
            AppError::CannotCancel { .. } => "cannot_cancel",
            AppError::CannotChoose { .. } => "cannot_choose",
            AppError::NotFound => "not_found",
            AppError::Expired => "expired",
            AppError::Internal { .. } => "internal",
            AppError::Network => "network",
        }
    }

    pub fn status_code(&self) -> u16 {
        match self {
            AppError::Invalid { .. } | AppError::BadRequest => 400,
            AppError::LookupNoMatch => 404,
            AppError::LoginFailed | AppError::Unauthorized => 401,
            AppError::TooManyAttempts { .. } => 429,
            AppError::Forbidden => 403,
            AppError::Conflict
            | AppError::Refused { .. }
            | AppError::CannotCancel { .. }
            | AppError::CannotChoose { .. } => 409,
            AppError::NotFound => 404,
            AppError::Expired => 410,
            AppError::Internal { .. } => 500,
            AppError::Network => 503,
        }
    }

    pub fn field(&self) -> Option<Field> {
        match self {
            AppError::Invalid { field, .. } => Some(*field),
            _ => None,
        }
    }

    /// The sentence a shopper reads.
    pub fn message(&self, t: &Texts) -> String {
        match self {
            AppError::Invalid { field, problem } => match (problem, field) {
                (InputProblem::Required, Field::ProcessingDays) => t.processing_days_both.into(),
                (InputProblem::Required, Field::WorkingDays) => t.working_days_required.into(),
                (InputProblem::Required, Field::ShippingMethods) => t.methods_required.into(),
                (InputProblem::Required, _) => t.field_required.into(),
                (InputProblem::Malformed, Field::TimeZone) => t.time_zone_unknown.into(),
                (InputProblem::Malformed, Field::Cutoff) => t.cutoff_malformed.into(),
                (InputProblem::Malformed, Field::Holidays) => t.date_malformed.into(),
                (InputProblem::Malformed, Field::MethodCode) => t.method_code_malformed.into(),
                (InputProblem::Taken, Field::MethodCode) => t.method_code_taken.into(),
                (InputProblem::Malformed, Field::DefaultProcessingDays | Field::TransitDays) => {
                    t.quantity_malformed.into()
                }
                (InputProblem::Mismatch, Field::DefaultProcessingDays | Field::TransitDays) => {
                    t.processing_min_over_max.into()
                }
                (InputProblem::TooLong, Field::DefaultProcessingDays | Field::TransitDays) => {
                    t.days_too_many.into()
                }
                (InputProblem::Mismatch, Field::ProcessingDays) => t.processing_min_over_max.into(),
                (InputProblem::TooLong, Field::ProcessingDays) => t.processing_days_too_many.into(),
                (InputProblem::Malformed, Field::RestockDate) => t.date_malformed.into(),
                (InputProblem::Malformed, Field::Stock | Field::ProcessingDays) => {
                    t.quantity_malformed.into()
                }
                (InputProblem::TooLong, Field::ShipNowFeeLine(line)) => fill(
                    t.admin_backorders_fee_too_high,
                    &[("line", &line.to_string())],
                ),
                (InputProblem::Taken, Field::ShipNowFeeLine(line)) => {
                    fill(t.admin_backorders_fee_taken, &[("line", &line.to_string())])
                }
                (_, Field::ShipNowFeeLine(line)) => fill(
                    t.admin_backorders_fee_malformed,
                    &[("line", &line.to_string())],
                ),
                (_, Field::ShipNowFees) => fill(
                    t.admin_backorders_fees_too_many,
                    &[("max", &crate::domain::backorder::MAX_FEES.to_string())],
                ),
                (_, Field::DelayThreshold) => fill(
                    t.admin_backorders_threshold_malformed,
                    &[(
                        "max",
                        &crate::domain::backorder::MAX_THRESHOLD_DAYS.to_string(),
                    )],
                ),
                (InputProblem::TooLong, _) => t.field_too_long.into(),
                (InputProblem::TooShort, _) => t.password_too_short.into(),
                (InputProblem::TooCommon, _) => t.password_too_common.into(),
                (InputProblem::Mismatch, _) => t.password_mismatch.into(),
                (InputProblem::Taken, _) => t.email_taken.into(),
                (InputProblem::Wrong, Field::Code) => t.code_wrong.into(),
                (InputProblem::Wrong, Field::Line) => t.line_not_in_order.into(),
                (InputProblem::Wrong, _) => t.password_wrong.into(),
                (InputProblem::Malformed, Field::Code) => t.code_malformed.into(),
                (InputProblem::Malformed, Field::OrderNumber) => t.order_number_malformed.into(),
                (InputProblem::Malformed, Field::Email) => t.email_malformed.into(),
                (InputProblem::Malformed, Field::Password | Field::NewPassword) => {
                    t.field_required.into()
                }
                (InputProblem::Malformed, Field::Quantity) => t.quantity_malformed.into(),
                (InputProblem::Malformed, Field::TrackingUrl | Field::Url) => {
                    t.url_malformed.into()
                }
                (InputProblem::Malformed, _) => t.field_malformed.into(),
            },
            AppError::LookupNoMatch => t.lookup_no_match.into(),
            AppError::LoginFailed => t.admin_login_failed.into(),
            AppError::Unauthorized => t.error_unauthorized.into(),
            AppError::TooManyAttempts { retry_after_secs } => {
                let minutes = retry_after_secs.div_ceil(60).max(1);
                fill(t.lookup_too_many, &[("minutes", &minutes.to_string())])
            }
            AppError::BadRequest => t.error_bad_request.into(),
            AppError::Forbidden => t.error_forbidden.into(),
            AppError::Conflict => t.error_conflict.into(),
            AppError::Refused { refusal } => refusal_text(t, *refusal).into(),
            AppError::CannotCancel { because } => blocker_text(t, because),
            AppError::CannotChoose { because } => choice_blocker_text(t, *because).into(),
            AppError::NotFound => t.error_not_found.into(),
            AppError::Expired => t.notice_expired.into(),
            AppError::Internal { request_id } => format!(
                "{} {}",
                t.error_body,
                fill(t.error_reference, &[("id", request_id)])
            ),
            AppError::Network => t.error_network.into(),
        }
    }
}

/// Why a shopper cannot cancel, as they read it.
pub fn blocker_text(t: &Texts, because: &Blocker) -> String {
    match because {
        Blocker::CancellingDisabled => t.cancel_blocked_disabled.into(),
        Blocker::AlreadyCancelled => t.cancel_blocked_cancelled.into(),
        Blocker::OrderClosed => t.cancel_blocked_closed.into(),
        Blocker::PaymentPending => t.cancel_blocked_payment_pending.into(),
        Blocker::FulfilmentStarted => t.cancel_blocked_fulfilment.into(),
        Blocker::WindowClosed => t.cancel_blocked_window.into(),
        Blocker::ItemNotCancellable { title } => fill(t.cancel_blocked_item, &[("item", title)]),
        Blocker::AlreadyRequested => t.cancel_blocked_requested.into(),
        Blocker::LinesNotCancellable => t.cancel_blocked_lines.into(),
        Blocker::NothingToCancel => t.cancel_blocked_nothing.into(),
    }
}

/// Why a shopper cannot make a backorder choice, as they read it.
pub fn choice_blocker_text(t: &Texts, because: ChoiceBlocker) -> &'static str {
    match because {
        ChoiceBlocker::OrderNotOpen => t.backorder_blocked_order,
        ChoiceBlocker::NotBackordered => t.backorder_blocked_not_waiting,
        ChoiceBlocker::NotOffered => t.backorder_blocked_not_offered,
        ChoiceBlocker::NothingInStock => t.backorder_blocked_nothing_in_stock,
        ChoiceBlocker::ItemNotCancellable => t.backorder_blocked_item,
    }
}

fn refusal_text(t: &Texts, refusal: Refusal) -> &'static str {
    match refusal {
        Refusal::OrderCancelled => t.refused_order_cancelled,
        Refusal::OrderClosed => t.refused_order_closed,
        Refusal::AlreadyOnHold => t.refused_already_on_hold,
        Refusal::NotOnHold => t.refused_not_on_hold,
        Refusal::OnHold => t.refused_on_hold,
        Refusal::NothingToShip => t.refused_nothing_to_ship,
        Refusal::TooMany => t.refused_too_many,
        Refusal::NothingSelected => t.refused_nothing_selected,
        Refusal::NotShipped => t.refused_not_shipped,
        Refusal::AlreadyDelivered => t.refused_already_delivered,
        Refusal::AlreadyShipped => t.refused_already_shipped,
    }
}

impl FromServerFnError for AppError {
    type Encoder = JsonEncoding;

    fn from_server_fn_error(value: ServerFnErrorErr) -> Self {
        match value {
            ServerFnErrorErr::Request(_) | ServerFnErrorErr::Response(_) => AppError::Network,
            ServerFnErrorErr::Args(_)
            | ServerFnErrorErr::MissingArg(_)
            | ServerFnErrorErr::Deserialization(_)
            | ServerFnErrorErr::UnsupportedRequestMethod(_) => AppError::BadRequest,
            ServerFnErrorErr::Registration(_)
            | ServerFnErrorErr::ServerError(_)
            | ServerFnErrorErr::MiddlewareError(_)
            | ServerFnErrorErr::Serialization(_) => AppError::Internal {
                request_id: String::new(),
            },
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::i18n::Locale;

    #[test]
    fn the_rate_limit_message_rounds_up_to_whole_minutes() {
        let t = Locale::En.texts();
        let e = AppError::TooManyAttempts {
            retry_after_secs: 61,
        };
        assert_eq!(
            e.message(t),
            "Too many attempts. Please try again in 2 minutes."
        );
        assert_eq!(e.status_code(), 429);
    }

    #[test]
    fn errors_round_trip_through_json_without_internal_details() {
        let e = AppError::invalid(Field::Email, InputProblem::Malformed);
        let json = serde_json::to_string(&e).unwrap();
        assert_eq!(
            json,
            r#"{"code":"invalid","field":"email","problem":"malformed"}"#
        );
        assert_eq!(serde_json::from_str::<AppError>(&json).unwrap(), e);
    }
}
