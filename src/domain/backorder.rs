//! Backorders (DESIGN §5.3): the shop's options, which choices a shopper has for a line that
//! waits for stock, and when a delay notice is due. Pure; the server enforces these answers,
//! the page explains them.

use super::{BackorderChoice, Currency, InputProblem, Lifecycle, LineQuantities, Money};
use jiff::civil::Date;
use jiff::{SignedDuration, Timestamp};
use serde::{Deserialize, Serialize};

/// Days without a restock date after which the shopper hears about the delay anyway.
pub const NO_DATE_NOTICE_DAYS: i64 = 30;
/// A year: a longer threshold would mean "never".
pub const MAX_THRESHOLD_DAYS: u32 = 365;
pub const MAX_FEES: usize = 10;
/// 100 000.00 in a two-decimal currency.
pub const MAX_FEE_MINOR: i64 = 10_000_000;

/// The merchant's backorder options.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "ssr", derive(utoipa::ToSchema))]
#[serde(deny_unknown_fields)]
pub struct BackorderSettings {
    /// Shoppers may have the in-stock part shipped first.
    pub offer_ship_now: bool,
    /// Shoppers may cancel the backordered quantity for a partial refund.
    pub offer_cancel: bool,
    /// What the extra shipment costs, per currency; a currency not listed ships it free.
    #[serde(default)]
    pub ship_now_fees: Vec<Fee>,
    /// A line's estimate may slip this many days past its promised window before the shopper
    /// gets a delay notice.
    pub delay_threshold_days: u32,
    /// Send delay notices at all.
    pub delay_notices: bool,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "ssr", derive(utoipa::ToSchema))]
#[serde(deny_unknown_fields)]
pub struct Fee {
    #[cfg_attr(feature = "ssr", schema(value_type = String, example = "NOK"))]
    pub currency: Currency,
    /// Minor units (øre, cents).
    pub amount_minor: i64,
}

impl Default for BackorderSettings {
    fn default() -> Self {
        BackorderSettings {
            offer_ship_now: true,
            offer_cancel: true,
            ship_now_fees: Vec::new(),
            delay_threshold_days: 3,
            delay_notices: true,
        }
    }
}

/// Which part of the settings breaks a rule.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum SettingsField {
    DelayThreshold,
    /// The fee list as a whole, or its entry `i`.
    Fees(Option<usize>),
}

impl SettingsField {
    /// The field's path in the API body.
    pub fn path(&self) -> String {
        match self {
            SettingsField::DelayThreshold => "delay_threshold_days".into(),
            SettingsField::Fees(None) => "ship_now_fees".into(),
            SettingsField::Fees(Some(i)) => format!("ship_now_fees[{i}]"),
        }
    }
}

impl BackorderSettings {
    pub fn validated(self) -> Result<Self, (SettingsField, InputProblem)> {
        if self.delay_threshold_days > MAX_THRESHOLD_DAYS {
            return Err((SettingsField::DelayThreshold, InputProblem::TooLong));
        }
        if self.ship_now_fees.len() > MAX_FEES {
            return Err((SettingsField::Fees(None), InputProblem::TooLong));
        }
        for (i, fee) in self.ship_now_fees.iter().enumerate() {
            if !(0..=MAX_FEE_MINOR).contains(&fee.amount_minor) {
                return Err((SettingsField::Fees(Some(i)), InputProblem::Malformed));
            }
            if self.ship_now_fees[..i]
                .iter()
                .any(|f| f.currency == fee.currency)
            {
                return Err((SettingsField::Fees(Some(i)), InputProblem::Taken));
            }
        }
        Ok(self)
    }

    /// What shipping the in-stock part first costs an order in `currency`; `None`: free.
    pub fn fee_for(&self, currency: Currency) -> Option<Money> {
        self.ship_now_fees
            .iter()
            .find(|f| f.currency == currency && f.amount_minor > 0)
            .map(|f| Money::new(f.amount_minor, f.currency))
    }
}

/// Reads a fee as a merchant writes it: `49 NOK`, `4.95 EUR`, `4,95 eur`.
pub fn parse_fee(text: &str) -> Result<Fee, InputProblem> {
    let mut parts = text.split_whitespace();
    let (Some(amount), Some(code), None) = (parts.next(), parts.next(), parts.next()) else {
        return Err(if text.trim().is_empty() {
            InputProblem::Required
        } else {
            InputProblem::Malformed
        });
    };
    let currency = Currency::parse(code)?;
    let digits = currency.minor_digits() as usize;
    let amount = amount.replace(',', ".");
    let (whole, fraction) = amount.split_once('.').unwrap_or((&amount, ""));
    let numeric = |s: &str| s.bytes().all(|b| b.is_ascii_digit());
    if whole.is_empty() || !numeric(whole) || !numeric(fraction) || fraction.len() > digits {
        return Err(InputProblem::Malformed);
    }
    let scale = 10_i64.pow(digits as u32);
    let whole: i64 = whole.parse().map_err(|_| InputProblem::Malformed)?;
    let fraction: i64 = if fraction.is_empty() {
        0
    } else {
        format!("{fraction:0<digits$}")
            .parse()
            .map_err(|_| InputProblem::Malformed)?
    };
    let amount_minor = whole
        .checked_mul(scale)
        .and_then(|w| w.checked_add(fraction))
        .filter(|m| *m <= MAX_FEE_MINOR)
        .ok_or(InputProblem::TooLong)?;
    Ok(Fee {
        currency,
        amount_minor,
    })
}

/// One line as the choice rules see it.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct LineFacts {
    pub quantities: LineQuantities,
    pub choice: BackorderChoice,
    /// Made to order or flagged `not_cancellable` by the shop.
    pub locked: bool,
}

impl LineFacts {
    /// Open units that are on the shelf now.
    fn in_stock(&self) -> u32 {
        self.quantities.open() - self.quantities.waiting_for_stock()
    }
}

/// Why a choice is refused, in terms a shopper understands.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum ChoiceBlocker {
    /// The order is cancelled or closed.
    OrderNotOpen,
    /// Nothing of this line waits for stock (any more): it arrived, shipped or was cancelled.
    NotBackordered,
    /// The shop does not offer this choice.
    NotOffered,
    /// Nothing of the order is on the shelf, so there is nothing to ship first.
    NothingInStock,
    /// The shop does not cancel this item (made to order).
    ItemNotCancellable,
}

/// May the shopper make `wanted` the choice for line `index` now? Choosing what is already
/// chosen is allowed (it changes nothing).
pub fn check(
    lifecycle: Lifecycle,
    lines: &[LineFacts],
    index: usize,
    settings: &BackorderSettings,
    wanted: BackorderChoice,
) -> Result<(), ChoiceBlocker> {
    if lifecycle != Lifecycle::Open {
        return Err(ChoiceBlocker::OrderNotOpen);
    }
    let line = lines.get(index).ok_or(ChoiceBlocker::NotBackordered)?;
    if line.quantities.waiting_for_stock() == 0 || line.choice == BackorderChoice::Cancelled {
        return Err(ChoiceBlocker::NotBackordered);
    }
    match wanted {
        BackorderChoice::Wait => Ok(()),
        BackorderChoice::ShipAvailableNow => {
            if !settings.offer_ship_now {
                Err(ChoiceBlocker::NotOffered)
            } else if lines.iter().all(|l| l.in_stock() == 0) {
                Err(ChoiceBlocker::NothingInStock)
            } else {
                Ok(())
            }
        }
        BackorderChoice::Cancelled => {
            if !settings.offer_cancel {
                Err(ChoiceBlocker::NotOffered)
            } else if line.locked {
                Err(ChoiceBlocker::ItemNotCancellable)
            } else {
                Ok(())
            }
        }
    }
}

/// The choices line `index` offers now, in the order the page lists them (empty when the line
/// does not wait for stock).
pub fn options(
    lifecycle: Lifecycle,
    lines: &[LineFacts],
    index: usize,
    settings: &BackorderSettings,
) -> Vec<BackorderChoice> {
    BackorderChoice::ALL
        .iter()
        .copied()
        .filter(|c| check(lifecycle, lines, index, settings, *c).is_ok())
        .collect()
}

/// What a delay notice is about: the ship-by date the line slipped to, or that there is still
/// no restock date.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Slip {
    To(Date),
    Unknown,
}

impl Slip {
    /// The stored form: the date, or `unknown`.
    pub fn key(&self) -> String {
        match self {
            Slip::To(date) => date.to_string(),
            Slip::Unknown => "unknown".into(),
        }
    }

    pub fn parse(key: &str) -> Option<Slip> {
        match key {
            "unknown" => Some(Slip::Unknown),
            date => date.parse().ok().map(Slip::To),
        }
    }
}

/// Is a delay notice due for a line waiting for stock?
///
/// * `promised_latest`: the last ship-by day promised at placement (`None`: nothing promised,
///   e.g. the restock date was unknown then);
/// * `current_latest`: the last ship-by day now (`None`: not known);
/// * `last`: what the previous notice for this line was about.
///
/// A notice is due when the estimate is more than `threshold_days` past the promise, or when
/// `NO_DATE_NOTICE_DAYS` have passed since placement without a date; a further notice only
/// when the line slips again past the date of the last one (or loses its date).
pub fn notice_due(
    settings: &BackorderSettings,
    promised_latest: Option<Date>,
    current_latest: Option<Date>,
    placed_at: Timestamp,
    now: Timestamp,
    last: Option<Slip>,
) -> Option<Slip> {
    if !settings.delay_notices {
        return None;
    }
    let slip = match current_latest {
        Some(current) => {
            let promised = promised_latest?;
            let late_by = (current - promised).get_days();
            (i64::from(late_by) > i64::from(settings.delay_threshold_days))
                .then_some(Slip::To(current))?
        }
        None => {
            let waited = now.duration_since(placed_at);
            (waited >= SignedDuration::from_hours(24 * NO_DATE_NOTICE_DAYS))
                .then_some(Slip::Unknown)?
        }
    };
    match (last, slip) {
        (None, _) => Some(slip),
        (Some(Slip::To(before)), Slip::To(now_date)) => (now_date > before).then_some(slip),
        (Some(Slip::To(_)), Slip::Unknown) => Some(slip),
        (Some(Slip::Unknown), Slip::To(_)) => Some(slip),
        (Some(Slip::Unknown), Slip::Unknown) => None,
    }
}

/// The answers a delay notice's links give.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum NoticeAnswer {
    KeepWaiting,
    Cancel,
}

impl NoticeAnswer {
    pub fn as_str(&self) -> &'static str {
        match self {
            NoticeAnswer::KeepWaiting => "keep_waiting",
            NoticeAnswer::Cancel => "cancel",
        }
    }

    pub fn parse(text: &str) -> Option<Self> {
        match text {
            "keep_waiting" => Some(NoticeAnswer::KeepWaiting),
            "cancel" => Some(NoticeAnswer::Cancel),
            _ => None,
        }
    }
}

#[cfg(test)]
mod tests;
