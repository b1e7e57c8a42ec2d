//! The merchant's processing settings (DESIGN §6 `/settings/processing`): the business
//! calendar, the default processing time and the shipping methods. One set of rules for the
//! API and the settings page.

use super::calendar::{HolidayCalendar, ShopCalendar};
use super::estimate::DayRange;
use super::InputProblem;
use jiff::civil::{Date, Time};
use jiff::tz::TimeZone;
use serde::{Deserialize, Serialize};

pub const WEEKDAYS: [&str; 7] = ["mon", "tue", "wed", "thu", "fri", "sat", "sun"];
/// Longer than this is a restock date, not a processing or transit time.
pub const MAX_DAYS: u32 = 60;
pub const MAX_HOLIDAYS: usize = 1000;
pub const MAX_METHODS: usize = 20;
pub const MAX_METHOD_NAME: usize = 100;

/// `GET|PUT /settings/processing`.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "ssr", derive(utoipa::ToSchema))]
#[serde(deny_unknown_fields)]
pub struct ProcessingSettings {
    /// IANA time zone, e.g. `Europe/Oslo`.
    pub time_zone: String,
    /// `mon` … `sun`.
    pub working_days: Vec<String>,
    /// `HH:MM`, shop-local: orders placed at or after it count from the next working day.
    pub cutoff: String,
    /// `NO`, `FI`, `NL` or `null`.
    pub holiday_calendar: Option<String>,
    /// The shop's own closed days, `YYYY-MM-DD`.
    pub holidays: Vec<String>,
    pub default_processing_days: DayRange,
    pub shipping_methods: Vec<ShippingMethod>,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "ssr", derive(utoipa::ToSchema))]
#[serde(deny_unknown_fields)]
pub struct ShippingMethod {
    pub code: String,
    pub name: String,
    pub transit_days: DayRange,
}

/// Which part of the settings breaks a rule.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(tag = "field", content = "index", rename_all = "snake_case")]
pub enum ProcessingField {
    TimeZone,
    WorkingDays,
    WorkingDay(usize),
    Cutoff,
    HolidayCalendar,
    Holidays,
    Holiday(usize),
    DefaultProcessingDays,
    ShippingMethods,
    MethodCode(usize),
    MethodName(usize),
    MethodTransit(usize),
}

impl ProcessingField {
    /// The field's path in the API body, e.g. `shipping_methods[1].transit_days`.
    pub fn path(&self) -> String {
        match self {
            ProcessingField::TimeZone => "time_zone".into(),
            ProcessingField::WorkingDays => "working_days".into(),
            ProcessingField::WorkingDay(i) => format!("working_days[{i}]"),
            ProcessingField::Cutoff => "cutoff".into(),
            ProcessingField::HolidayCalendar => "holiday_calendar".into(),
            ProcessingField::Holidays => "holidays".into(),
            ProcessingField::Holiday(i) => format!("holidays[{i}]"),
            ProcessingField::DefaultProcessingDays => "default_processing_days".into(),
            ProcessingField::ShippingMethods => "shipping_methods".into(),
            ProcessingField::MethodCode(i) => format!("shipping_methods[{i}].code"),
            ProcessingField::MethodName(i) => format!("shipping_methods[{i}].name"),
            ProcessingField::MethodTransit(i) => format!("shipping_methods[{i}].transit_days"),
        }
    }
}

pub type ProcessingError = (ProcessingField, InputProblem);

/// A strict `YYYY-MM-DD` calendar date (2026-02-30 is refused).
pub fn parse_date(raw: &str) -> Option<Date> {
    let raw = raw.trim();
    let b = raw.as_bytes();
    if b.len() != 10 || b[4] != b'-' || b[7] != b'-' {
        return None;
    }
    raw.parse().ok()
}

/// A strict `HH:MM` 24-hour time (25:00 is refused).
pub fn parse_cutoff(raw: &str) -> Option<Time> {
    let raw = raw.trim();
    if raw.len() != 5 || raw.as_bytes()[2] != b':' {
        return None;
    }
    let hour: i8 = raw[..2].parse().ok()?;
    let minute: i8 = raw[3..].parse().ok()?;
    Time::new(hour, minute, 0, 0).ok()
}

fn days(range: DayRange) -> Result<DayRange, InputProblem> {
    if range.min > range.max {
        return Err(InputProblem::Mismatch);
    }
    if range.max > MAX_DAYS {
        return Err(InputProblem::TooLong);
    }
    Ok(range)
}

fn method_code_ok(code: &str) -> bool {
    !code.is_empty()
        && code.len() <= 32
        && code
            .bytes()
            .all(|b| b.is_ascii_lowercase() || b.is_ascii_digit() || b == b'-' || b == b'_')
}

impl ProcessingSettings {
    /// Monday to Friday, cut-off 14:00, no public-holiday calendar, 1–3 days processing and a
    /// standard method of 1–4 days: what a shop gets until it sets its own.
    pub fn defaults(time_zone: &str) -> Self {
        ProcessingSettings {
            time_zone: time_zone.to_owned(),
            working_days: WEEKDAYS[..5].iter().map(|d| (*d).to_owned()).collect(),
            cutoff: "14:00".into(),
            holiday_calendar: None,
            holidays: Vec::new(),
            default_processing_days: DayRange { min: 1, max: 3 },
            shipping_methods: vec![ShippingMethod {
                code: "standard".into(),
                name: "Standard".into(),
                transit_days: DayRange { min: 1, max: 4 },
            }],
        }
    }

    /// The settings with every rule checked and normalised (weekdays in order, codes upper
    /// case, holidays sorted without repeats), or the first field that breaks a rule.
    pub fn validated(self) -> Result<ProcessingSettings, ProcessingError> {
        use ProcessingField as F;
        let time_zone = self.time_zone.trim().to_owned();
        if time_zone.is_empty() {
            return Err((F::TimeZone, InputProblem::Required));
        }
        if TimeZone::get(&time_zone).is_err() {
            return Err((F::TimeZone, InputProblem::Malformed));
        }
        let mut working: Vec<String> = Vec::new();
        for (i, d) in self.working_days.iter().enumerate() {
            let day = d.trim().to_ascii_lowercase();
            if !WEEKDAYS.contains(&day.as_str()) {
                return Err((F::WorkingDay(i), InputProblem::Malformed));
            }
            if working.contains(&day) {
                return Err((F::WorkingDay(i), InputProblem::Taken));
            }
            working.push(day);
        }
        if working.is_empty() {
            return Err((F::WorkingDays, InputProblem::Required));
        }
        working.sort_by_key(|d| WEEKDAYS.iter().position(|w| w == d));
        let cutoff = parse_cutoff(&self.cutoff).ok_or((F::Cutoff, InputProblem::Malformed))?;
        let calendar = match self.holiday_calendar.as_deref().map(str::trim) {
            None | Some("") => None,
            Some(code) => Some(
                HolidayCalendar::parse(code)
                    .ok_or((F::HolidayCalendar, InputProblem::Malformed))?,
            ),
        };
        if self.holidays.len() > MAX_HOLIDAYS {
            return Err((F::Holidays, InputProblem::TooLong));
        }
        let mut holidays = Vec::new();
        for (i, raw) in self.holidays.iter().enumerate() {
            let day = parse_date(raw).ok_or((F::Holiday(i), InputProblem::Malformed))?;
            holidays.push(day);
        }
        holidays.sort();
        holidays.dedup();
        let default_processing_days =
            days(self.default_processing_days).map_err(|p| (F::DefaultProcessingDays, p))?;
        if self.shipping_methods.is_empty() {
            return Err((F::ShippingMethods, InputProblem::Required));
        }
        if self.shipping_methods.len() > MAX_METHODS {
            return Err((F::ShippingMethods, InputProblem::TooLong));
        }
        let mut methods: Vec<ShippingMethod> = Vec::new();
        for (i, m) in self.shipping_methods.into_iter().enumerate() {
            let code = m.code.trim().to_owned();
            if !method_code_ok(&code) {
                return Err((F::MethodCode(i), InputProblem::Malformed));
            }
            if methods.iter().any(|other| other.code == code) {
                return Err((F::MethodCode(i), InputProblem::Taken));
            }
            let name = m.name.trim().to_owned();
            if name.is_empty() {
                return Err((F::MethodName(i), InputProblem::Required));
            }
            if name.chars().count() > MAX_METHOD_NAME || name.chars().any(char::is_control) {
                return Err((F::MethodName(i), InputProblem::TooLong));
            }
            let transit_days = days(m.transit_days).map_err(|p| (F::MethodTransit(i), p))?;
            methods.push(ShippingMethod {
                code,
                name,
                transit_days,
            });
        }
        Ok(ProcessingSettings {
            time_zone,
            working_days: working,
            cutoff: format!("{:02}:{:02}", cutoff.hour(), cutoff.minute()),
            holiday_calendar: calendar.map(|c| c.code().to_owned()),
            holidays: holidays.iter().map(ToString::to_string).collect(),
            default_processing_days,
            shipping_methods: methods,
        })
    }

    /// The calendar these (validated) settings describe, in the given resolved time zone.
    /// Entries that do not parse are skipped: stored settings were validated on the way in.
    pub fn calendar(&self, time_zone: TimeZone) -> ShopCalendar {
        let mut working_weekdays = [false; 7];
        for day in &self.working_days {
            if let Some(i) = WEEKDAYS.iter().position(|w| w == day) {
                working_weekdays[i] = true;
            }
        }
        if !working_weekdays.contains(&true) {
            working_weekdays = [true, true, true, true, true, false, false];
        }
        ShopCalendar {
            time_zone,
            working_weekdays,
            cutoff: parse_cutoff(&self.cutoff).unwrap_or(Time::constant(14, 0, 0, 0)),
            public_holidays: self
                .holiday_calendar
                .as_deref()
                .and_then(HolidayCalendar::parse),
            shop_holidays: self.holidays.iter().filter_map(|d| parse_date(d)).collect(),
        }
    }

    /// The shipping method an order names, by its code or (for orders from systems that
    /// send the name) its name.
    pub fn method(&self, code_or_name: &str) -> Option<&ShippingMethod> {
        let wanted = code_or_name.trim();
        self.shipping_methods
            .iter()
            .find(|m| m.code == wanted)
            .or_else(|| {
                self.shipping_methods
                    .iter()
                    .find(|m| m.name.eq_ignore_ascii_case(wanted))
            })
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn with(
        change: impl FnOnce(&mut ProcessingSettings),
    ) -> Result<ProcessingSettings, ProcessingError> {
        let mut s = ProcessingSettings::defaults("Europe/Oslo");
        change(&mut s);
        s.validated()
    }

    type Change = Box<dyn FnOnce(&mut ProcessingSettings)>;

    #[test]
    fn bad_settings_name_their_field() {
        use InputProblem::*;
        use ProcessingField as F;
        let cases: Vec<(Change, ProcessingError)> = vec![
            (
                Box::new(|s| s.time_zone = "Europe/Atlantis".into()),
                (F::TimeZone, Malformed),
            ),
            (
                Box::new(|s| s.time_zone = " ".into()),
                (F::TimeZone, Required),
            ),
            (
                Box::new(|s| s.cutoff = "25:00".into()),
                (F::Cutoff, Malformed),
            ),
            (
                Box::new(|s| s.cutoff = "9:00".into()),
                (F::Cutoff, Malformed),
            ),
            (
                Box::new(|s| s.working_days = vec![]),
                (F::WorkingDays, Required),
            ),
            (
                Box::new(|s| s.working_days = vec!["mon".into(), "funday".into()]),
                (F::WorkingDay(1), Malformed),
            ),
            (
                Box::new(|s| s.working_days = vec!["mon".into(), "MON".into()]),
                (F::WorkingDay(1), Taken),
            ),
            (
                Box::new(|s| s.holiday_calendar = Some("SE".into())),
                (F::HolidayCalendar, Malformed),
            ),
            (
                Box::new(|s| s.holidays = vec!["2026-02-30".into()]),
                (F::Holiday(0), Malformed),
            ),
            (
                Box::new(|s| s.holidays = vec!["2026-2-3".into()]),
                (F::Holiday(0), Malformed),
            ),
            (
                Box::new(|s| s.default_processing_days = DayRange { min: 4, max: 2 }),
                (F::DefaultProcessingDays, Mismatch),
            ),
            (
                Box::new(|s| s.default_processing_days = DayRange { min: 1, max: 61 }),
                (F::DefaultProcessingDays, TooLong),
            ),
            (
                Box::new(|s| s.shipping_methods.clear()),
                (F::ShippingMethods, Required),
            ),
            (
                Box::new(|s| s.shipping_methods[0].code = "Express!".into()),
                (F::MethodCode(0), Malformed),
            ),
            (
                Box::new(|s| s.shipping_methods[0].name = "".into()),
                (F::MethodName(0), Required),
            ),
            (
                Box::new(|s| s.shipping_methods[0].transit_days = DayRange { min: 3, max: 1 }),
                (F::MethodTransit(0), Mismatch),
            ),
        ];
        for (change, expected) in cases {
            assert_eq!(with(change), Err(expected));
        }
    }

    #[test]
    fn good_settings_are_tidied() {
        let s = with(|s| {
            s.working_days = vec!["SAT".into(), " tue ".into()];
            s.cutoff = "09:30".into();
            s.holiday_calendar = Some("fi".into());
            s.holidays = vec![
                "2026-12-31".into(),
                "2026-12-24".into(),
                "2026-12-31".into(),
            ];
        })
        .unwrap();
        assert_eq!(s.working_days, ["tue", "sat"]);
        assert_eq!(s.holiday_calendar.as_deref(), Some("FI"));
        assert_eq!(s.holidays, ["2026-12-24", "2026-12-31"]);
        let cal = s.calendar(TimeZone::get(&s.time_zone).unwrap());
        assert_eq!(
            cal.working_weekdays,
            [false, true, false, false, false, true, false]
        );
        assert_eq!(cal.cutoff, Time::constant(9, 30, 0, 0));
        assert_eq!(cal.public_holidays, Some(HolidayCalendar::Finland));
        assert_eq!(
            s.method("Standard").map(|m| m.code.as_str()),
            Some("standard")
        );
    }
}
