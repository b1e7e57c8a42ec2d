//! The few words and patterns an island shows, as props. Islands run in the browser without the
//! text tables (that keeps the bundle small), so the server hands each one what it needs:
//! borrowed from the texts on the server, owned once deserialized in the browser. The server's
//! own formatting goes through the same code, so both render the same text.

use super::format::{fill, nth};
use super::Texts;
use jiff::civil::{Date, DateTime};
use serde::{Deserialize, Serialize};
use std::borrow::Cow;

/// The words of a countdown: "2 d 3 h", "1 h 05 min", "4 min 09 s".
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct CountdownWords {
    days: Cow<'static, str>,
    hours: Cow<'static, str>,
    minutes: Cow<'static, str>,
}

impl CountdownWords {
    pub fn of(texts: &'static Texts) -> Self {
        Self {
            days: Cow::Borrowed(texts.countdown_days),
            hours: Cow::Borrowed(texts.countdown_hours),
            minutes: Cow::Borrowed(texts.countdown_minutes),
        }
    }

    /// Time left, coarse to fine.
    pub fn format(&self, seconds: i64) -> String {
        let s = seconds.max(0);
        let (d, h, m, sec) = (s / 86_400, s / 3600 % 24, s / 60 % 60, s % 60);
        let two = |n: i64| format!("{n:02}");
        if d > 0 {
            fill(&self.days, &[("d", &d.to_string()), ("h", &h.to_string())])
        } else if h > 0 {
            fill(&self.hours, &[("h", &h.to_string()), ("m", &two(m))])
        } else {
            fill(&self.minutes, &[("m", &m.to_string()), ("s", &two(sec))])
        }
    }
}

/// The patterns and names of a full date and time: `Tue 24 Nov 2026, 14:35`.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct DateWords {
    date_pattern: Cow<'static, str>,
    datetime_pattern: Cow<'static, str>,
    weekdays_short: Cow<'static, str>,
    months_short: Cow<'static, str>,
}

impl DateWords {
    pub fn of(texts: &'static Texts) -> Self {
        Self {
            date_pattern: Cow::Borrowed(texts.date_pattern),
            datetime_pattern: Cow::Borrowed(texts.datetime_pattern),
            weekdays_short: Cow::Borrowed(texts.weekdays_short),
            months_short: Cow::Borrowed(texts.months_short),
        }
    }

    /// `Tue 24 Nov 2026`.
    pub fn date(&self, date: Date) -> String {
        let weekday = date.weekday().to_monday_zero_offset() as usize;
        let (year, month, day) = (i64::from(date.year()), date.month() as u8, date.day() as u8);
        self.date_of(year, month, day, weekday)
    }

    /// `Tue 24 Nov 2026, 14:35`.
    pub fn at(&self, at: WallMinute) -> String {
        let p = at.parts();
        let date = self.date_of(p.year, p.month, p.day, p.weekday);
        let time = format!("{:02}:{:02}", p.hour, p.minute);
        fill(&self.datetime_pattern, &[("date", &date), ("time", &time)])
    }

    fn date_of(&self, year: i64, month: u8, day: u8, weekday: usize) -> String {
        fill(
            &self.date_pattern,
            &[
                ("weekday", nth(&self.weekdays_short, weekday)),
                ("day", &day.to_string()),
                ("month", nth(&self.months_short, usize::from(month) - 1)),
                ("year", &year.to_string()),
            ],
        )
    }
}

/// A wall-clock minute (no time zone) as minutes since 1970-01-01 00:00: enough for an island
/// to add minutes to "now" and show the result, without a date library in the bundle.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
pub struct WallMinute(i64);

struct Parts {
    year: i64,
    month: u8,
    day: u8,
    /// Monday = 0.
    weekday: usize,
    hour: i64,
    minute: i64,
}

/// The years a date library on the server can represent; beyond them there is nothing to show.
const YEARS: std::ops::RangeInclusive<i64> = -9999..=9999;

impl WallMinute {
    pub fn of(at: DateTime) -> Self {
        let days = days_from_civil(i64::from(at.year()), at.month() as u8, at.day() as u8);
        Self(days * 1440 + i64::from(at.hour()) * 60 + i64::from(at.minute()))
    }

    /// `minutes` later, or `None` past the years a date can have.
    pub fn plus(self, minutes: i64) -> Option<Self> {
        let later = Self(self.0.checked_add(minutes)?);
        YEARS.contains(&later.parts().year).then_some(later)
    }

    fn parts(self) -> Parts {
        let (days, minute_of_day) = (self.0.div_euclid(1440), self.0.rem_euclid(1440));
        let (year, month, day) = civil_from_days(days);
        Parts {
            year,
            month,
            day,
            // 1970-01-01 was a Thursday.
            weekday: (days + 3).rem_euclid(7) as usize,
            hour: minute_of_day / 60,
            minute: minute_of_day % 60,
        }
    }
}

// Days since 1970-01-01 in the proleptic Gregorian calendar and back: the era-based algorithm
// (400-year eras of 146,097 days, years starting in March so the leap day comes last).

fn days_from_civil(year: i64, month: u8, day: u8) -> i64 {
    let (month, day) = (i64::from(month), i64::from(day));
    let year = if month <= 2 { year - 1 } else { year };
    let era = year.div_euclid(400);
    let year_of_era = year - era * 400;
    let day_of_year = (153 * (month + if month > 2 { -3 } else { 9 }) + 2) / 5 + day - 1;
    let day_of_era = year_of_era * 365 + year_of_era / 4 - year_of_era / 100 + day_of_year;
    era * 146_097 + day_of_era - 719_468
}

fn civil_from_days(days: i64) -> (i64, u8, u8) {
    let days = days + 719_468;
    let era = days.div_euclid(146_097);
    let day_of_era = days.rem_euclid(146_097);
    let year_of_era =
        (day_of_era - day_of_era / 1460 + day_of_era / 36_524 - day_of_era / 146_096) / 365;
    let day_of_year = day_of_era - (365 * year_of_era + year_of_era / 4 - year_of_era / 100);
    let shifted_month = (5 * day_of_year + 2) / 153;
    let day = day_of_year - (153 * shifted_month + 2) / 5 + 1;
    let month = if shifted_month < 10 {
        shifted_month + 3
    } else {
        shifted_month - 9
    };
    let year = year_of_era + era * 400 + i64::from(month <= 2);
    (year, month as u8, day as u8)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::i18n::Locale;
    use jiff::civil::date;
    use jiff::{SignedDuration, ToSpan};

    #[test]
    fn wall_minutes_agree_with_the_date_library_day_by_day() {
        // Every day from 1899 to 2201 (leap years, 1900 and 2100 that are not, 2000 that is),
        // at a minute that moves through the day.
        let mut day = date(1899, 1, 1);
        let mut n = 0;
        while day < date(2201, 1, 1) {
            let at = day.at((n % 24) as i8, (n * 7 % 60) as i8, 0, 0);
            let wall = WallMinute::of(at);
            let p = wall.parts();
            let expected = (
                i64::from(at.year()),
                at.month() as u8,
                at.day() as u8,
                at.weekday().to_monday_zero_offset() as usize,
                i64::from(at.hour()),
                i64::from(at.minute()),
            );
            assert_eq!(
                (p.year, p.month, p.day, p.weekday, p.hour, p.minute),
                expected,
                "{at}"
            );
            day = day.checked_add(1.day()).unwrap();
            n += 1;
        }
    }

    #[test]
    fn adding_minutes_matches_the_date_library_and_stops_at_its_limits() {
        let t = Locale::En.texts();
        let words = DateWords::of(t);
        let now = date(2026, 2, 28).at(23, 50, 0, 0);
        for minutes in [0, 9, 10, 1440, 10_080, 525_600, -1_000_000] {
            let expected = now.checked_add(SignedDuration::from_mins(minutes)).unwrap();
            let wall = WallMinute::of(now).plus(minutes).unwrap();
            assert_eq!(wall, WallMinute::of(expected), "{minutes} min");
            assert_eq!(words.at(wall), crate::i18n::format_datetime(t, expected));
        }
        assert_eq!(WallMinute::of(now).plus(10_000 * 525_960), None);
        assert_eq!(WallMinute::of(now).plus(i64::MAX), None);
        assert_eq!(words.at(WallMinute::of(now)), "Sat 28 Feb 2026, 23:50");
    }

    #[test]
    fn words_survive_the_trip_to_the_browser() {
        let words = DateWords::of(Locale::Nb.texts());
        let json = serde_json::to_string(&words).unwrap();
        assert_eq!(serde_json::from_str::<DateWords>(&json).unwrap(), words);
        let countdown = CountdownWords::of(Locale::Fi.texts());
        let json = serde_json::to_string(&countdown).unwrap();
        assert_eq!(
            serde_json::from_str::<CountdownWords>(&json).unwrap(),
            countdown
        );
    }
}
