//! The shop's business calendar (DESIGN §5.4): which days are working days, the built-in
//! public-holiday calendars (computed for any year, Easter-based days included), and the order
//! day with the daily cut-off in the shop's own time zone.

use jiff::civil::{date, Date, Time, Weekday};
use jiff::tz::TimeZone;
use jiff::{Span, Timestamp};
use serde::{Deserialize, Serialize};
use std::collections::BTreeSet;

#[cfg(test)]
mod tests;

/// A built-in public-holiday calendar.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
pub enum HolidayCalendar {
    #[serde(rename = "NO")]
    Norway,
    #[serde(rename = "FI")]
    Finland,
    #[serde(rename = "NL")]
    Netherlands,
}

/// A public holiday of one of the built-in calendars.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Holiday {
    NewYearsDay,
    Epiphany,
    MaundyThursday,
    GoodFriday,
    EasterSunday,
    EasterMonday,
    LabourDay,
    ConstitutionDay,
    KingsDay,
    LiberationDay,
    AscensionDay,
    WhitSunday,
    WhitMonday,
    MidsummerEve,
    MidsummerDay,
    AllSaintsDay,
    IndependenceDay,
    ChristmasEve,
    ChristmasDay,
    BoxingDay,
}

/// Easter Sunday of `year` in the Gregorian calendar (the anonymous Gregorian algorithm).
pub fn easter_sunday(year: i16) -> Date {
    let y = i32::from(year);
    let a = y % 19;
    let b = y / 100;
    let c = y % 100;
    let d = b / 4;
    let e = b % 4;
    let f = (b + 8) / 25;
    let g = (b - f + 1) / 3;
    let h = (19 * a + b - d - g + 15) % 30;
    let i = c / 4;
    let k = c % 4;
    let l = (32 + 2 * e + 2 * i - h - k) % 7;
    let m = (a + 11 * h + 22 * l) / 451;
    let month = (h + l - 7 * m + 114) / 31;
    let day = (h + l - 7 * m + 114) % 31 + 1;
    // Both fit: month is 3 or 4, day 1..=31.
    date(year, month as i8, day as i8)
}

fn plus(d: Date, days: i64) -> Date {
    d.saturating_add(Span::new().days(days))
}

/// The first `weekday` on or after `from`.
fn first_on_or_after(from: Date, weekday: Weekday) -> Date {
    let ahead = (weekday.to_monday_zero_offset() - from.weekday().to_monday_zero_offset() + 7) % 7;
    plus(from, i64::from(ahead))
}

impl HolidayCalendar {
    pub const ALL: [HolidayCalendar; 3] = [
        HolidayCalendar::Norway,
        HolidayCalendar::Finland,
        HolidayCalendar::Netherlands,
    ];

    /// `NO`, `FI` or `NL`.
    pub fn code(&self) -> &'static str {
        match self {
            HolidayCalendar::Norway => "NO",
            HolidayCalendar::Finland => "FI",
            HolidayCalendar::Netherlands => "NL",
        }
    }

    pub fn parse(code: &str) -> Option<Self> {
        Self::ALL
            .into_iter()
            .find(|c| c.code().eq_ignore_ascii_case(code.trim()))
    }

    /// The calendar's holidays in `year`, in date order.
    pub fn holidays(&self, year: i16) -> Vec<(Date, Holiday)> {
        use Holiday::*;
        let easter = easter_sunday(year);
        let e = |offset: i64| plus(easter, offset);
        let on = |month: i8, day: i8| date(year, month, day);
        let mut days = vec![
            (on(1, 1), NewYearsDay),
            (e(-2), GoodFriday),
            (easter, EasterSunday),
            (e(1), EasterMonday),
            (e(39), AscensionDay),
            (e(49), WhitSunday),
            (on(12, 25), ChristmasDay),
            (on(12, 26), BoxingDay),
        ];
        match self {
            HolidayCalendar::Norway => days.extend([
                (e(-3), MaundyThursday),
                (on(5, 1), LabourDay),
                (on(5, 17), ConstitutionDay),
                (e(50), WhitMonday),
            ]),
            HolidayCalendar::Finland => days.extend([
                (on(1, 6), Epiphany),
                (on(5, 1), LabourDay),
                (first_on_or_after(on(6, 19), Weekday::Friday), MidsummerEve),
                (
                    first_on_or_after(on(6, 20), Weekday::Saturday),
                    MidsummerDay,
                ),
                (
                    first_on_or_after(on(10, 31), Weekday::Saturday),
                    AllSaintsDay,
                ),
                (on(12, 6), IndependenceDay),
                (on(12, 24), ChristmasEve),
            ]),
            HolidayCalendar::Netherlands => {
                let kings = on(4, 27);
                let kings = if kings.weekday() == Weekday::Sunday {
                    on(4, 26)
                } else {
                    kings
                };
                days.extend([(kings, KingsDay), (e(50), WhitMonday)]);
                if year % 5 == 0 {
                    days.push((on(5, 5), LiberationDay));
                }
            }
        }
        days.sort_by_key(|(d, _)| *d);
        days
    }

    pub fn holiday_on(&self, day: Date) -> Option<Holiday> {
        self.holidays(day.year())
            .into_iter()
            .find(|(d, _)| *d == day)
            .map(|(_, h)| h)
    }
}

/// Why a day is closed, for the merchant's list of coming closed days.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(tag = "kind", content = "holiday", rename_all = "snake_case")]
pub enum ClosedDay {
    /// A public holiday of the built-in calendar.
    Public(Holiday),
    /// One of the shop's own dates.
    Shop,
}

/// The shop's calendar: time zone, working weekdays, cut-off and holidays.
#[derive(Debug, Clone, PartialEq)]
pub struct ShopCalendar {
    pub time_zone: TimeZone,
    /// Indexed Monday = 0 … Sunday = 6. At least one is true.
    pub working_weekdays: [bool; 7],
    /// Orders placed at or after this local time count from the next working day.
    pub cutoff: Time,
    pub public_holidays: Option<HolidayCalendar>,
    pub shop_holidays: BTreeSet<Date>,
}

/// More than any real calendar needs to find the next working day (the shop lists at most a
/// thousand closed days); a guard against a calendar with no working day at all.
const MAX_STEPS: usize = 20_000;

impl ShopCalendar {
    /// Monday to Friday, cut-off 14:00, no holidays.
    pub fn weekdays(time_zone: TimeZone) -> Self {
        ShopCalendar {
            time_zone,
            working_weekdays: [true, true, true, true, true, false, false],
            cutoff: Time::constant(14, 0, 0, 0),
            public_holidays: None,
            shop_holidays: BTreeSet::new(),
        }
    }

    pub fn closed_because(&self, day: Date) -> Option<ClosedDay> {
        if self.shop_holidays.contains(&day) {
            return Some(ClosedDay::Shop);
        }
        self.public_holidays
            .and_then(|c| c.holiday_on(day))
            .map(ClosedDay::Public)
    }

    pub fn is_working_day(&self, day: Date) -> bool {
        self.working_weekdays[day.weekday().to_monday_zero_offset() as usize]
            && self.closed_because(day).is_none()
    }

    /// `day` itself when it is a working day, otherwise the next one.
    pub fn working_day_on_or_after(&self, day: Date) -> Date {
        let mut d = day;
        for _ in 0..MAX_STEPS {
            if self.is_working_day(d) {
                return d;
            }
            d = plus(d, 1);
        }
        d
    }

    /// The `n`-th working day after `day`; adding 0 leaves the day unchanged.
    pub fn add_working_days(&self, day: Date, n: u32) -> Date {
        let mut d = day;
        for _ in 0..n {
            d = self.working_day_on_or_after(plus(d, 1));
        }
        d
    }

    /// `D0`: the local date of placement when that is a working day and the local time is
    /// strictly before the cut-off; otherwise the next working day after that date.
    pub fn order_day(&self, placed_at: Timestamp) -> Date {
        let local = placed_at.to_zoned(self.time_zone.clone()).datetime();
        let day = local.date();
        if self.is_working_day(day) && local.time() < self.cutoff {
            day
        } else {
            self.working_day_on_or_after(plus(day, 1))
        }
    }

    /// The closed days on working weekdays from `from` on, at most `limit` of them within a
    /// year: what the merchant sees as "the next holidays that apply".
    pub fn coming_closed_days(&self, from: Date, limit: usize) -> Vec<(Date, ClosedDay)> {
        (0..366)
            .map(|i| plus(from, i))
            .filter(|d| self.working_weekdays[d.weekday().to_monday_zero_offset() as usize])
            .filter_map(|d| self.closed_because(d).map(|why| (d, why)))
            .take(limit)
            .collect()
    }
}
