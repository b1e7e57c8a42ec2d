//! May the shopper cancel this order now? One pure decision from the order's facts, the shop's
//! cancellation policy and the time (DESIGN §5.2). The server enforces its answer; the page
//! shows it, with the deadline and, when the answer is no, why and what is possible instead.

use super::{InputProblem, Lifecycle, LineQuantities, PaymentStatus};
use crate::i18n::{Locale, Texts};
use jiff::{SignedDuration, Timestamp};
use serde::{Deserialize, Serialize};
use std::collections::BTreeMap;

/// Most a shopper may write for the "other" reason.
pub const MAX_OTHER_TEXT: usize = 500;

/// The merchant's rules for self-service cancellation.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "ssr", derive(utoipa::ToSchema))]
#[serde(deny_unknown_fields)]
pub struct Policy {
    pub enabled: bool,
    /// How long after placement a shopper may cancel on their own.
    pub window_minutes: u32,
    /// After the window, until fulfilment starts, a shopper may ask the shop to cancel.
    pub requests_after_window: bool,
    /// The reasons a shopper picks from, in this order. `other` asks for free text.
    pub reasons: Vec<ReasonOption>,
    /// Put cancelled units back in stock.
    pub restock: bool,
    /// Shoppers may cancel single lines, not only the whole order.
    pub allow_line_cancel: bool,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "ssr", derive(utoipa::ToSchema))]
#[serde(deny_unknown_fields)]
pub struct ReasonOption {
    /// Stable code, `a-z0-9_`; `other` takes free text.
    pub code: String,
    /// What the shopper reads when there is no translation for their language; also the
    /// wording the shop's emails, timeline and reports use.
    pub label: String,
    /// The label in other languages, by language tag (`en`, `nb`, `fi`, `nl`): what a shopper
    /// reading the page in that language sees.
    #[serde(default, skip_serializing_if = "BTreeMap::is_empty")]
    pub translations: BTreeMap<String, String>,
}

impl ReasonOption {
    /// What a shopper reading the page in `locale` sees.
    pub fn label_in(&self, locale: Locale) -> &str {
        self.translations
            .get(locale.tag())
            .map_or(&self.label, String::as_str)
    }
}

impl Default for Policy {
    fn default() -> Self {
        // The label in English, translated into every other language the portal speaks.
        let reason = |code: &str, text: fn(&Texts) -> &'static str| ReasonOption {
            code: code.into(),
            label: text(Locale::En.texts()).into(),
            translations: Locale::ALL
                .into_iter()
                .filter(|l| *l != Locale::En)
                .map(|l| (l.tag().to_owned(), text(l.texts()).to_owned()))
                .collect(),
        };
        Policy {
            enabled: true,
            window_minutes: 60,
            requests_after_window: true,
            reasons: vec![
                reason("changed_mind", |t| t.reason_changed_mind),
                reason("ordered_by_mistake", |t| t.reason_ordered_by_mistake),
                reason("found_cheaper", |t| t.reason_found_cheaper),
                reason("delivery_too_slow", |t| t.reason_delivery_too_slow),
                reason("other", |t| t.reason_other),
            ],
            restock: true,
            allow_line_cancel: false,
        }
    }
}

impl Policy {
    /// The deadline promised to an order placed at `placed_at` under this policy.
    pub fn deadline_for(&self, placed_at: Timestamp) -> Timestamp {
        placed_at + SignedDuration::from_mins(i64::from(self.window_minutes))
    }

    pub fn reason(&self, code: &str) -> Option<&ReasonOption> {
        self.reasons.iter().find(|r| r.code == code)
    }
}

/// A week: longer windows would outlast most shipping times.
pub const MAX_WINDOW_MINUTES: u32 = 7 * 24 * 60;
pub const MAX_REASONS: usize = 20;
pub const MAX_REASON_LABEL: usize = 100;

/// Which part of a policy breaks a rule.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum PolicyField {
    WindowMinutes,
    Reasons,
    ReasonCode(usize),
    ReasonLabel(usize),
    /// A translation: an unknown language or a bad label.
    ReasonTranslation(usize, String),
}

impl PolicyField {
    /// The field's path in the API body, e.g. `reasons[2].label`.
    pub fn path(&self) -> String {
        match self {
            PolicyField::WindowMinutes => "window_minutes".into(),
            PolicyField::Reasons => "reasons".into(),
            PolicyField::ReasonCode(i) => format!("reasons[{i}].code"),
            PolicyField::ReasonLabel(i) => format!("reasons[{i}].label"),
            PolicyField::ReasonTranslation(i, tag) => format!("reasons[{i}].translations.{tag}"),
        }
    }
}

/// A reason code made from its label for a reason the merchant just added: `a-z0-9_`.
pub fn code_from_label(label: &str) -> String {
    let mut code = String::new();
    for c in label.trim().to_lowercase().chars() {
        let c = match c {
            'æ' => 'a',
            'ø' | 'ö' => 'o',
            'å' | 'ä' => 'a',
            c if c.is_ascii_alphanumeric() => c,
            _ => '_',
        };
        if !(c == '_' && (code.is_empty() || code.ends_with('_'))) {
            code.push(c);
        }
    }
    let code = code.trim_end_matches('_');
    code.chars().take(32).collect()
}

impl Policy {
    /// Checks the rules of a policy and returns it tidied (trimmed labels, unique codes).
    pub fn validated(self) -> Result<Policy, (PolicyField, InputProblem)> {
        if self.window_minutes > MAX_WINDOW_MINUTES {
            return Err((PolicyField::WindowMinutes, InputProblem::TooLong));
        }
        if self.reasons.is_empty() {
            return Err((PolicyField::Reasons, InputProblem::Required));
        }
        if self.reasons.len() > MAX_REASONS {
            return Err((PolicyField::Reasons, InputProblem::TooLong));
        }
        let mut reasons: Vec<ReasonOption> = Vec::new();
        for (i, r) in self.reasons.into_iter().enumerate() {
            let code = r.code.trim().to_owned();
            let code_ok = !code.is_empty()
                && code.len() <= 32
                && code
                    .bytes()
                    .all(|b| b.is_ascii_lowercase() || b.is_ascii_digit() || b == b'_');
            if !code_ok {
                return Err((PolicyField::ReasonCode(i), InputProblem::Malformed));
            }
            if reasons.iter().any(|other| other.code == code) {
                return Err((PolicyField::ReasonCode(i), InputProblem::Taken));
            }
            let label = r.label.trim().to_owned();
            if label.is_empty() {
                return Err((PolicyField::ReasonLabel(i), InputProblem::Required));
            }
            if !label_ok(&label) {
                return Err((PolicyField::ReasonLabel(i), InputProblem::TooLong));
            }
            let mut translations = BTreeMap::new();
            for (tag, text) in r.translations {
                let field = || PolicyField::ReasonTranslation(i, tag.clone());
                if Locale::from_tag(&tag).is_none() {
                    return Err((field(), InputProblem::Malformed));
                }
                let text = text.trim();
                if !label_ok(text) {
                    return Err((field(), InputProblem::TooLong));
                }
                // An empty translation is none: the label stands in.
                if !text.is_empty() {
                    translations.insert(tag, text.to_owned());
                }
            }
            reasons.push(ReasonOption {
                code,
                label,
                translations,
            });
        }
        Ok(Policy { reasons, ..self })
    }
}

/// A label fits: at most `MAX_REASON_LABEL` characters, no control characters.
fn label_ok(label: &str) -> bool {
    label.chars().count() <= MAX_REASON_LABEL && !label.chars().any(char::is_control)
}

/// Why the shopper cannot cancel on their own right now.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(tag = "reason", rename_all = "snake_case")]
pub enum Blocker {
    CancellingDisabled,
    AlreadyCancelled,
    OrderClosed,
    /// "Payment is still being processed".
    PaymentPending,
    /// Something has shipped or is being packed.
    FulfilmentStarted,
    WindowClosed,
    /// This item cannot be cancelled (made to order or flagged by the shop).
    ItemNotCancellable {
        title: String,
    },
    /// A request is already waiting for the shop.
    AlreadyRequested,
    /// The shop lets shoppers cancel whole orders only.
    LinesNotCancellable,
    /// Nothing of this line is left to cancel (shipped or cancelled already).
    NothingToCancel,
}

/// What the shopper may do about cancelling.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(tag = "decision", rename_all = "snake_case")]
pub enum Decision {
    /// Cancel now, until `deadline`.
    Cancel { deadline: Timestamp },
    /// Not on their own, but they may ask the shop (`because` says why not directly).
    Request { because: Blocker },
    /// Neither; `because` says why.
    No { because: Blocker },
}

impl Decision {
    pub fn may_cancel(&self) -> bool {
        matches!(self, Decision::Cancel { .. })
    }
}

/// One line as the rule sees it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct LineFacts {
    pub title: String,
    pub quantities: LineQuantities,
    /// Made to order or flagged `not_cancellable` by the shop.
    pub locked: bool,
}

/// The order as the rule sees it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct OrderFacts {
    pub lifecycle: Lifecycle,
    pub payment: PaymentStatus,
    /// The deadline fixed when the order was placed.
    pub promised_deadline: Timestamp,
    pub placed_at: Timestamp,
    pub lines: Vec<LineFacts>,
    /// A parcel is being packed (not yet shipped).
    pub fulfilment_in_progress: bool,
    pub request_pending: bool,
}

/// The window closes at the promised deadline; a later, longer policy may extend it, a
/// shorter one never takes time already promised.
pub fn deadline(order: &OrderFacts, policy: &Policy) -> Timestamp {
    order
        .promised_deadline
        .max(policy.deadline_for(order.placed_at))
}

pub fn decide(order: &OrderFacts, policy: &Policy, now: Timestamp) -> Decision {
    let no = |because| Decision::No { because };
    match order.lifecycle {
        Lifecycle::Cancelled => return no(Blocker::AlreadyCancelled),
        Lifecycle::Closed => return no(Blocker::OrderClosed),
        Lifecycle::Open => {}
    }
    if !policy.enabled {
        return no(Blocker::CancellingDisabled);
    }
    let shipped = order.lines.iter().any(|l| l.quantities.fulfilled > 0);
    if shipped || order.fulfilment_in_progress {
        return no(Blocker::FulfilmentStarted);
    }
    if order.request_pending {
        return no(Blocker::AlreadyRequested);
    }
    // Past the direct route, a request may still be possible.
    let request_or_no = |because: Blocker| {
        if policy.requests_after_window {
            Decision::Request { because }
        } else {
            Decision::No { because }
        }
    };
    if let Some(line) = order
        .lines
        .iter()
        .find(|l| l.locked && l.quantities.open() > 0)
    {
        return request_or_no(Blocker::ItemNotCancellable {
            title: line.title.clone(),
        });
    }
    if order.payment == PaymentStatus::Pending {
        return no(Blocker::PaymentPending);
    }
    if !matches!(
        order.payment,
        PaymentStatus::Authorized | PaymentStatus::Paid
    ) {
        return no(Blocker::OrderClosed);
    }
    let deadline = deadline(order, policy);
    if now >= deadline {
        return request_or_no(Blocker::WindowClosed);
    }
    Decision::Cancel { deadline }
}

/// May the shopper cancel line `index` (all its units not yet shipped) on its own? The order's
/// rules hold as for the whole order, except that an item the shop will not cancel blocks only
/// its own line. Cancelling the last open line cancels the order. Requests are for whole
/// orders, so a line is either `Cancel` or `No`.
pub fn decide_line(order: &OrderFacts, policy: &Policy, now: Timestamp, index: usize) -> Decision {
    let no = |because| Decision::No { because };
    let Some(line) = order.lines.get(index) else {
        return no(Blocker::NothingToCancel);
    };
    let others_free = OrderFacts {
        lines: order
            .lines
            .iter()
            .map(|l| LineFacts {
                locked: false,
                ..l.clone()
            })
            .collect(),
        ..order.clone()
    };
    match decide(&others_free, policy, now) {
        Decision::Cancel { deadline } => {
            if !policy.allow_line_cancel {
                no(Blocker::LinesNotCancellable)
            } else if line.quantities.open() == 0 {
                no(Blocker::NothingToCancel)
            } else if line.locked {
                no(Blocker::ItemNotCancellable {
                    title: line.title.clone(),
                })
            } else {
                Decision::Cancel { deadline }
            }
        }
        Decision::Request { because } | Decision::No { because } => no(because),
    }
}

#[cfg(test)]
mod tests;
