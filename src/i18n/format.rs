//! Locale-aware formatting of dates, money, plurals and placeholders.

use super::words::{DateWords, WallMinute};
use super::{Locale, Texts};
use crate::domain::estimate::Window;
use crate::domain::Money;
use jiff::civil::{Date, DateTime};

/// Replaces `{name}` placeholders with values, in one pass (every page fills dozens of
/// these). Values are inserted as they are; a placeholder without a value is kept.
pub fn fill(template: &str, values: &[(&str, &str)]) -> String {
    let extra: usize = values.iter().map(|(_, value)| value.len()).sum();
    let mut out = String::with_capacity(template.len() + extra);
    let mut rest = template;
    while let Some(open) = rest.find('{') {
        out.push_str(&rest[..open]);
        let after = &rest[open + 1..];
        let value = after.find('}').and_then(|close| {
            let name = &after[..close];
            let (_, value) = values.iter().find(|(n, _)| *n == name)?;
            Some((value, close))
        });
        match value {
            Some((value, close)) => {
                out.push_str(value);
                rest = &after[close + 1..];
            }
            None => {
                out.push('{');
                rest = after;
            }
        }
    }
    out.push_str(rest);
    out
}

/// The sorted placeholder names in a template, for the completeness test.
#[cfg(test)]
pub fn placeholders(template: &str) -> Vec<&str> {
    let mut names: Vec<&str> = template
        .split('{')
        .skip(1)
        .filter_map(|rest| rest.split_once('}').map(|(name, _)| name))
        .collect();
    names.sort_unstable();
    names.dedup();
    names
}

/// Chooses between the singular and plural template: all four locales use the one/other
/// rule (`1 vare`, `2 varer`; `1 tuote`, `3 tuotetta`; `1 artikel`, `3 artikelen`).
pub fn one_or_other<'a>(n: i64, one: &'a str, other: &'a str) -> &'a str {
    if n == 1 {
        one
    } else {
        other
    }
}

/// The plural pair's template for `n` with `{n}` filled in.
pub fn plural(n: i64, one: &str, other: &str) -> String {
    fill(one_or_other(n, one, other), &[("n", &n.to_string())])
}

pub(super) fn nth(list: &str, index: usize) -> &str {
    list.split(' ').nth(index).unwrap_or("")
}

/// `Tue 24 Nov 2026` in the locale's own pattern.
pub fn format_date(texts: &'static Texts, date: Date) -> String {
    DateWords::of(texts).date(date)
}

/// `Tue 24 Nov`: a date close enough that the year goes without saying.
pub fn format_date_short(texts: &Texts, date: Date) -> String {
    fill(
        texts.date_short_pattern,
        &[
            (
                "weekday",
                nth(
                    texts.weekdays_short,
                    date.weekday().to_monday_zero_offset() as usize,
                ),
            ),
            ("day", &date.day().to_string()),
            ("month", nth(texts.months_short, date.month() as usize - 1)),
        ],
    )
}

/// `26 Nov`.
pub fn format_day_month(texts: &Texts, date: Date) -> String {
    fill(
        texts.day_month_pattern,
        &[
            ("day", &date.day().to_string()),
            ("month", nth(texts.months_short, date.month() as usize - 1)),
        ],
    )
}

/// "Ships between Tue 24 Nov and Thu 26 Nov", or "Ships on Tue 24 Nov" for a single day.
pub fn format_ship_window(texts: &Texts, w: Window) -> String {
    if w.earliest == w.latest {
        fill(
            texts.estimate_ships_on,
            &[("date", &format_date_short(texts, w.earliest))],
        )
    } else {
        fill(
            texts.estimate_ships_between,
            &[
                ("from", &format_date_short(texts, w.earliest)),
                ("to", &format_date_short(texts, w.latest)),
            ],
        )
    }
}

/// "Ships between … · arrives 26 Nov – 1 Dec" (the arrival only when it is known).
pub fn format_estimate(texts: &Texts, ship: Window, delivery: Option<Window>) -> String {
    let ship = format_ship_window(texts, ship);
    let Some(d) = delivery else {
        return ship;
    };
    let arrives = if d.earliest == d.latest {
        fill(
            texts.estimate_arrives_on,
            &[("date", &format_day_month(texts, d.earliest))],
        )
    } else {
        fill(
            texts.estimate_arrives_between,
            &[
                ("from", &format_day_month(texts, d.earliest)),
                ("to", &format_day_month(texts, d.latest)),
            ],
        )
    };
    format!("{ship} · {arrives}")
}

/// A date with the 24-hour time, e.g. `Tue 24 Nov 2026, 14:35`.
pub fn format_datetime(texts: &'static Texts, at: DateTime) -> String {
    DateWords::of(texts).at(WallMinute::of(at))
}

fn group_digits(mut whole: u64, separator: &str) -> String {
    let mut groups = Vec::new();
    loop {
        let group = whole % 1000;
        whole /= 1000;
        if whole == 0 {
            groups.push(group.to_string());
            break;
        }
        groups.push(format!("{group:03}"));
    }
    groups.reverse();
    groups.join(separator)
}

/// Money the way shoppers of the locale write it: `kr 1 234,50`, `1 234,50 €`, `€ 1.234,50`.
pub fn format_money(locale: Locale, money: Money) -> String {
    const NBSP: &str = "\u{a0}";
    let (whole, fraction) = money.split();
    let (group, decimal) = match locale {
        Locale::En => (",", "."),
        Locale::Nb | Locale::Fi => (NBSP, ","),
        Locale::Nl => (".", ","),
    };
    let mut amount = group_digits(whole, group);
    if !fraction.is_empty() {
        amount = format!("{amount}{decimal}{fraction}");
    }
    let sign = if money.minor < 0 { "-" } else { "" };
    let code = money.currency.code();
    let symbol = match code {
        "EUR" => "€",
        "NOK" | "SEK" | "DKK" if locale == Locale::Nb => "kr",
        _ => code,
    };
    match locale {
        Locale::En if symbol == "€" => format!("{sign}€{amount}"),
        Locale::En | Locale::Nl => format!("{sign}{symbol}{NBSP}{amount}"),
        Locale::Nb if symbol == "kr" => format!("{sign}kr{NBSP}{amount}"),
        Locale::Nb | Locale::Fi => format!("{sign}{amount}{NBSP}{symbol}"),
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::domain::Currency;
    use crate::i18n::CountdownWords;

    fn money(minor: i64, code: &str) -> Money {
        Money::new(minor, Currency::parse(code).unwrap())
    }

    #[test]
    fn countdowns_go_from_days_to_seconds() {
        let t = Locale::En.texts();
        let cases = [
            (200_000, "2 d 7 h"),
            (3_900, "1 h 05 min"),
            (3_599, "59 min 59 s"),
            (249, "4 min 09 s"),
            (0, "0 min 00 s"),
            (-5, "0 min 00 s"),
        ];
        for (seconds, text) in cases {
            assert_eq!(CountdownWords::of(t).format(seconds), text, "{seconds} s");
        }
    }

    #[test]
    fn money_is_written_the_local_way() {
        let cases = [
            (Locale::En, money(123_450, "EUR"), "€1,234.50"),
            (Locale::En, money(123_450, "NOK"), "NOK\u{a0}1,234.50"),
            (Locale::Nb, money(123_450, "NOK"), "kr\u{a0}1\u{a0}234,50"),
            (Locale::Fi, money(99, "EUR"), "0,99\u{a0}€"),
            (Locale::Nl, money(100_000_000, "EUR"), "€\u{a0}1.000.000,00"),
            (Locale::En, money(-500, "EUR"), "-€5.00"),
        ];
        for (locale, amount, expected) in cases {
            assert_eq!(format_money(locale, amount), expected);
        }
    }

    #[test]
    fn placeholders_are_filled_and_listed() {
        assert_eq!(
            fill("Hi {name}, {n} items", &[("name", "Kari"), ("n", "2")]),
            "Hi Kari, 2 items"
        );
        assert_eq!(
            fill("{a}{b} {a}", &[("a", "1"), ("b", "{a}")]),
            "1{a} 1",
            "every placeholder, values as they are"
        );
        assert_eq!(
            fill("{ {unknown} {x} }{", &[("x", "æ")]),
            "{ {unknown} æ }{",
            "braces without a value are kept"
        );
        assert_eq!(placeholders("{b} and {a} and {b}"), vec!["a", "b"]);
        assert_eq!(plural(1, "{n} item", "{n} items"), "1 item");
        assert_eq!(plural(3, "{n} item", "{n} items"), "3 items");
    }

    #[test]
    fn dates_use_the_locale_pattern() {
        let texts = Locale::En.texts();
        let date = Date::new(2026, 11, 24).unwrap();
        assert_eq!(format_date(texts, date), "Tue 24 Nov 2026");
        let at = date.at(9, 5, 0, 0);
        assert_eq!(format_datetime(texts, at), "Tue 24 Nov 2026, 09:05");
    }
}
