//! The parsers that read what shoppers, merchants and other systems type or send — order
//! numbers, email addresses, currencies, dates, cut-off times, fees, languages, tokens — fed
//! 20 000 generated inputs each (random Unicode, and valid inputs with one character changed):
//! none may panic, and whatever one accepts it must accept again unchanged from its own output
//! (normalising is stable), within the limits it promises.

use order_portal::domain::backorder::{parse_fee, Slip};
use order_portal::domain::processing::{parse_cutoff, parse_date};
use order_portal::domain::{Currency, CustomerEmail, OrderNumber};
use order_portal::i18n::Locale;
use rand::rngs::StdRng;
use rand::{Rng, SeedableRng};

const INPUTS: usize = 20_000;

/// Characters that have broken text handling elsewhere: case changes that change length,
/// combining marks, full-width digits, controls, separators, right-to-left marks.
const ODD: &[char] = &[
    'İ', 'ß', 'ﬁ', 'Σ', 'ς', '\u{301}', '１', '٣', '\u{0}', '\u{7f}', '\u{200b}', '\u{202e}',
    '\u{feff}', '\u{2028}', '@', '#', '-', ':', '.', ',', ';', '<', '"', ' ', '\t', '\n', '💶',
];

struct Inputs {
    rng: StdRng,
    seeds: &'static [&'static str],
}

impl Inputs {
    fn next(&mut self) -> String {
        if self.rng.gen_bool(0.5) {
            let length = self.rng.gen_range(0..40);
            return (0..length).map(|_| self.char()).collect();
        }
        let seed = self.seeds[self.rng.gen_range(0..self.seeds.len())];
        let mut chars: Vec<char> = seed.chars().collect();
        for _ in 0..self.rng.gen_range(1..4) {
            let at = self.rng.gen_range(0..=chars.len());
            match self.rng.gen_range(0..3) {
                0 => chars.insert(at, self.char()),
                1 if at < chars.len() => {
                    chars.remove(at);
                }
                _ if at < chars.len() => chars[at] = self.char(),
                _ => chars.push(self.char()),
            }
        }
        chars.into_iter().collect()
    }

    fn char(&mut self) -> char {
        match self.rng.gen_range(0..4) {
            0 => ODD[self.rng.gen_range(0..ODD.len())],
            1 => char::from_u32(self.rng.gen_range(0x20..0x7f)).unwrap_or('x'),
            2 => char::from_u32(self.rng.gen_range(0x80..0x3000)).unwrap_or('x'),
            _ => char::from_u32(self.rng.gen_range(0..0x11_0000)).unwrap_or('x'),
        }
    }
}

fn inputs(seed: u64, seeds: &'static [&'static str]) -> impl Iterator<Item = String> {
    let mut generated = Inputs {
        rng: StdRng::seed_from_u64(seed),
        seeds,
    };
    let mut fixed = seeds.iter().map(|s| s.to_string());
    (0..INPUTS).map(move |_| fixed.next().unwrap_or_else(|| generated.next()))
}

#[test]
fn order_numbers_normalise_stably_within_their_limits() {
    let mut accepted = 0;
    for input in inputs(
        1,
        &["1001", "#1001", " #NO-1001 ", "ab-12", "#", "-1", "1-"],
    ) {
        if let Ok(number) = OrderNumber::parse(&input) {
            accepted += 1;
            let text = number.as_str();
            assert!(text.len() <= 32, "{input:?} → {text:?}");
            assert!(
                text.chars()
                    .all(|c| c.is_ascii_uppercase() || c.is_ascii_digit() || c == '-'),
                "{input:?} → {text:?}"
            );
            assert_eq!(OrderNumber::parse(text).as_ref(), Ok(&number), "{input:?}");
        }
    }
    assert!(
        accepted > 100,
        "the generator reaches valid numbers: {accepted}"
    );
}

#[test]
fn email_addresses_normalise_stably_within_their_limits() {
    let mut accepted = 0;
    for input in inputs(
        2,
        &[
            "lise.moen@example.no",
            " KARI@Example.NO ",
            "a@b.c",
            "İ@example.no",
            "x@y",
        ],
    ) {
        if let Ok(email) = CustomerEmail::parse(&input) {
            accepted += 1;
            let text = email.as_str();
            assert_eq!(text.matches('@').count(), 1, "{input:?} → {text:?}");
            assert_eq!(
                CustomerEmail::parse(text).as_ref(),
                Ok(&email),
                "{input:?} → {text:?}"
            );
            let _ = email.masked();
        }
    }
    assert!(
        accepted > 100,
        "the generator reaches valid addresses: {accepted}"
    );
}

#[test]
fn currencies_dates_times_fees_and_slips_never_panic_and_round_trip() {
    for input in inputs(3, &["NOK", "eur", " SEK ", "XXX"]) {
        if let Ok(currency) = Currency::parse(&input) {
            assert_eq!(Currency::parse(currency.code()), Ok(currency), "{input:?}");
        }
    }
    for input in inputs(
        4,
        &["2026-11-30", "2026-02-30", " 2026-12-24 ", "0000-01-01"],
    ) {
        if let Some(date) = parse_date(&input) {
            assert_eq!(parse_date(&date.to_string()), Some(date), "{input:?}");
        }
        if let Some(slip) = Slip::parse(&input) {
            assert_eq!(Slip::parse(&slip.key()), Some(slip), "{input:?}");
        }
    }
    for input in inputs(5, &["14:00", "23:59", "24:00", " 09:30 ", "9:30"]) {
        if let Some(time) = parse_cutoff(&input) {
            let again = format!("{:02}:{:02}", time.hour(), time.minute());
            assert_eq!(parse_cutoff(&again), Some(time), "{input:?}");
        }
    }
    for input in inputs(6, &["49", "49.00", "49,50", "0", "100000.00", "-1", "1e3"]) {
        let _ = parse_fee(&input);
    }
}

#[test]
fn language_headers_never_panic_and_pick_a_supported_language() {
    let seeds = &[
        "nb-NO,nb;q=0.9,en;q=0.8",
        "fi",
        "nl-BE;q=0.5",
        "*",
        "en;q=abc",
        "no;q=1.5",
    ];
    for input in inputs(7, seeds) {
        if let Some(locale) = Locale::negotiate(&input) {
            assert_eq!(Locale::parse(locale.tag()), Some(locale), "{input:?}");
        }
    }
}

#[cfg(feature = "ssr")]
#[test]
fn token_shapes_are_recognised_exactly() {
    use order_portal::server::tokens::{looks_like_token, new_token};
    for _ in 0..1000 {
        assert!(looks_like_token(&new_token()));
    }
    for input in inputs(8, &["AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA", "opk_x"]) {
        if looks_like_token(&input) {
            assert_eq!(input.len(), 43, "{input:?}");
            assert!(input
                .bytes()
                .all(|b| b.is_ascii_alphanumeric() || b == b'-' || b == b'_'));
        }
    }
}
