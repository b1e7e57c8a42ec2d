use super::*;
use crate::domain::calendar::{HolidayCalendar, ShopCalendar};
use jiff::tz::TimeZone;

fn d(text: &str) -> Date {
    text.parse().unwrap()
}

fn at(text: &str) -> Timestamp {
    text.parse().unwrap()
}

fn oslo() -> ShopCalendar {
    let mut cal = ShopCalendar::weekdays(TimeZone::get("Europe/Oslo").unwrap());
    cal.public_holidays = Some(HolidayCalendar::Norway);
    cal
}

fn window(earliest: &str, latest: &str) -> Window {
    Window {
        earliest: d(earliest),
        latest: d(latest),
    }
}

fn in_stock(min: u32, max: u32) -> LineInput {
    LineInput {
        processing: DayRange { min, max },
        supply: Supply::InStock,
        counts: true,
    }
}

fn backordered(min: u32, max: u32, restock: Option<&str>) -> LineInput {
    LineInput {
        supply: Supply::Backordered {
            restock: restock.map(d),
        },
        ..in_stock(min, max)
    }
}

const STANDARD: DayRange = DayRange { min: 1, max: 4 };
/// Tuesday 24 Nov 2026, 10:00 in Oslo: before the cut-off, so D0 is that Tuesday.
const TUESDAY_MORNING: &str = "2026-11-24T09:00:00Z";

#[test]
fn an_in_stock_line_ships_within_its_processing_time_and_arrives_after_transit() {
    let e = estimate(
        &oslo(),
        at(TUESDAY_MORNING),
        &[in_stock(1, 3)],
        Some(STANDARD),
    );
    assert_eq!(e.ship, Some(window("2026-11-25", "2026-11-27")));
    // Thu 27 + 4 working days = Thu 3 Dec; Wed 25 + 1 = Thu 26.
    assert_eq!(e.delivery, Some(window("2026-11-26", "2026-12-03")));
    assert_eq!(
        e.lines,
        vec![LineEstimate::Ships(window("2026-11-25", "2026-11-27"))]
    );
}

#[test]
fn zero_processing_days_ship_on_the_order_day() {
    let e = estimate(&oslo(), at(TUESDAY_MORNING), &[in_stock(0, 0)], None);
    assert_eq!(e.ship, Some(window("2026-11-24", "2026-11-24")));
    assert_eq!(e.delivery, None, "no shipping method, no delivery window");
    // After the cut-off it is the next working day.
    let e = estimate(&oslo(), at("2026-11-24T13:00:00Z"), &[in_stock(0, 0)], None);
    assert_eq!(e.ship, Some(window("2026-11-25", "2026-11-25")));
}

#[test]
fn a_backordered_line_starts_at_the_restock_date_when_it_is_later() {
    let cal = oslo();
    let placed = at(TUESDAY_MORNING);
    // Future restock on a Saturday: counts from the next working day, Monday 7 Dec.
    let e = estimate(&cal, placed, &[backordered(1, 2, Some("2026-12-05"))], None);
    assert_eq!(e.ship, Some(window("2026-12-08", "2026-12-09")));
    // A restock date in the past changes nothing: counts from D0.
    let e = estimate(&cal, placed, &[backordered(1, 2, Some("2026-11-01"))], None);
    assert_eq!(e.ship, Some(window("2026-11-25", "2026-11-26")));
    // Restock on D0 itself: the same as in stock.
    let e = estimate(&cal, placed, &[backordered(1, 2, Some("2026-11-24"))], None);
    assert_eq!(e.ship, Some(window("2026-11-25", "2026-11-26")));
}

#[test]
fn an_unknown_restock_date_makes_the_line_and_the_order_unknown() {
    let lines = [in_stock(1, 3), backordered(1, 2, None)];
    let e = estimate(&oslo(), at(TUESDAY_MORNING), &lines, Some(STANDARD));
    assert_eq!(e.lines[1], LineEstimate::Unknown);
    assert_eq!(
        e.lines[0].window(),
        Some(window("2026-11-25", "2026-11-27"))
    );
    assert_eq!((e.ship, e.delivery), (None, None));
}

#[test]
fn the_latest_line_wins_component_wise() {
    // Line A: 0–5 days, line B: 2–3 days → earliest from B, latest from A.
    let lines = [in_stock(0, 5), in_stock(2, 3)];
    let e = estimate(&oslo(), at(TUESDAY_MORNING), &lines, None);
    assert_eq!(e.ship, Some(window("2026-11-26", "2026-12-01")));
}

#[test]
fn lines_with_nothing_left_to_ship_do_not_count() {
    let mut cancelled = backordered(5, 9, None);
    cancelled.counts = false;
    let lines = [in_stock(1, 3), cancelled];
    let e = estimate(&oslo(), at(TUESDAY_MORNING), &lines, None);
    assert_eq!(e.lines[1], LineEstimate::NotCounted);
    assert_eq!(e.ship, Some(window("2026-11-25", "2026-11-27")));
    // Nothing left at all: no window.
    let e = estimate(&oslo(), at(TUESDAY_MORNING), &[cancelled], Some(STANDARD));
    assert_eq!((e.ship, e.delivery), (None, None));
}

#[test]
fn holidays_push_every_step() {
    // Placed Wednesday 1 April 2026 after the cut-off: Easter in Norway closes Thu, Fri, Mon.
    let e = estimate(
        &oslo(),
        at("2026-04-01T13:00:00Z"),
        &[in_stock(0, 1)],
        Some(STANDARD),
    );
    assert_eq!(e.ship, Some(window("2026-04-07", "2026-04-08")));
    assert_eq!(e.delivery, Some(window("2026-04-08", "2026-04-14")));
}

#[test]
fn punctuality_counts_days_after_the_promised_latest_date() {
    let promised = window("2026-11-25", "2026-11-27");
    assert_eq!(punctuality(promised, d("2026-11-24")), Punctuality::Early);
    assert_eq!(punctuality(promised, d("2026-11-25")), Punctuality::Inside);
    assert_eq!(punctuality(promised, d("2026-11-27")), Punctuality::Inside);
    assert_eq!(
        punctuality(promised, d("2026-11-28")),
        Punctuality::Late { days: 1 }
    );
    assert_eq!(
        punctuality(promised, d("2026-12-02")),
        Punctuality::Late { days: 5 }
    );
    let mut tally = Tally::default();
    for day in ["2026-11-24", "2026-11-26", "2026-11-28", "2026-11-29"] {
        tally.add(punctuality(promised, d(day)));
    }
    assert_eq!(
        (tally.early, tally.inside, tally.late, tally.total()),
        (1, 1, 2, 4)
    );
    // (1 + 2) / 2 = 1.5 days.
    assert_eq!(tally.average_days_late_tenths(), 15);
    assert_eq!(Tally::default().average_days_late_tenths(), 0);
}

// --- Properties over generated calendars, orders and placements -------------------------

struct Lcg(u64);

impl Lcg {
    fn next(&mut self, below: u64) -> u64 {
        self.0 = self
            .0
            .wrapping_mul(6364136223846793005)
            .wrapping_add(1442695040888963407);
        (self.0 >> 33) % below
    }
}

const ZONES: [&str; 4] = [
    "Europe/Oslo",
    "Europe/Helsinki",
    "Europe/Amsterdam",
    "America/New_York",
];

fn random_calendar(rng: &mut Lcg) -> ShopCalendar {
    let zone = TimeZone::get(ZONES[rng.next(4) as usize]).unwrap();
    let mut cal = ShopCalendar::weekdays(zone);
    loop {
        for day in cal.working_weekdays.iter_mut() {
            *day = rng.next(4) != 0;
        }
        if cal.working_weekdays.contains(&true) {
            break;
        }
    }
    cal.cutoff = jiff::civil::Time::new(rng.next(24) as i8, rng.next(60) as i8, 0, 0).unwrap();
    cal.public_holidays = match rng.next(4) {
        0 => None,
        n => Some(HolidayCalendar::ALL[n as usize - 1]),
    };
    for _ in 0..rng.next(20) {
        cal.shop_holidays.insert(random_day(rng));
    }
    cal
}

fn random_day(rng: &mut Lcg) -> Date {
    d("2025-01-01").saturating_add(jiff::Span::new().days(rng.next(6 * 365) as i64))
}

fn random_lines(rng: &mut Lcg) -> Vec<LineInput> {
    (0..1 + rng.next(4))
        .map(|_| {
            let min = rng.next(6) as u32;
            let processing = DayRange {
                min,
                max: min + rng.next(6) as u32,
            };
            let supply = match rng.next(4) {
                0 => Supply::Backordered {
                    restock: Some(random_day(rng)),
                },
                1 if rng.next(3) == 0 => Supply::Backordered { restock: None },
                _ => Supply::InStock,
            };
            LineInput {
                processing,
                supply,
                counts: rng.next(8) != 0,
            }
        })
        .collect()
}

fn random_placement(rng: &mut Lcg) -> Timestamp {
    let start = at("2025-01-01T00:00:00Z").as_second();
    Timestamp::from_second(start + rng.next(6 * 365 * 86_400) as i64).unwrap()
}

fn windows(e: &Estimate) -> Vec<Window> {
    e.lines
        .iter()
        .filter_map(LineEstimate::window)
        .chain(e.ship)
        .chain(e.delivery)
        .collect()
}

#[test]
fn every_date_is_a_working_day_and_windows_are_ordered() {
    let mut rng = Lcg(7);
    for _ in 0..3_000 {
        let cal = random_calendar(&mut rng);
        let lines = random_lines(&mut rng);
        let transit = DayRange {
            min: rng.next(3) as u32,
            max: 3 + rng.next(3) as u32,
        };
        let e = estimate(&cal, random_placement(&mut rng), &lines, Some(transit));
        for w in windows(&e) {
            assert!(w.earliest <= w.latest, "{w:?}");
            assert!(cal.is_working_day(w.earliest), "{w:?} {cal:?}");
            assert!(cal.is_working_day(w.latest), "{w:?} {cal:?}");
        }
        if let (Some(ship), Some(delivery)) = (e.ship, e.delivery) {
            assert!(ship.earliest <= delivery.earliest && ship.latest <= delivery.latest);
        }
    }
}

#[test]
fn a_later_placement_never_gives_an_earlier_estimate() {
    let mut rng = Lcg(11);
    for _ in 0..3_000 {
        let cal = random_calendar(&mut rng);
        let lines = random_lines(&mut rng);
        let first = random_placement(&mut rng);
        let later = first + jiff::SignedDuration::from_secs(rng.next(10 * 86_400) as i64);
        let a = estimate(&cal, first, &lines, Some(STANDARD));
        let b = estimate(&cal, later, &lines, Some(STANDARD));
        assert!(cal.order_day(first) <= cal.order_day(later));
        for (x, y) in a.lines.iter().zip(&b.lines) {
            if let (Some(x), Some(y)) = (x.window(), y.window()) {
                assert!(
                    x.earliest <= y.earliest && x.latest <= y.latest,
                    "{x:?} {y:?}"
                );
            }
        }
        if let (Some(x), Some(y)) = (a.delivery, b.delivery) {
            assert!(x.earliest <= y.earliest && x.latest <= y.latest);
        }
    }
}

#[test]
fn adding_a_holiday_never_makes_an_estimate_earlier() {
    let mut rng = Lcg(13);
    for _ in 0..3_000 {
        let cal = random_calendar(&mut rng);
        let lines = random_lines(&mut rng);
        let placed = random_placement(&mut rng);
        let before = estimate(&cal, placed, &lines, Some(STANDARD));
        let mut closed = cal.clone();
        // A day near the estimate, so the holiday matters often.
        let near = cal
            .order_day(placed)
            .saturating_add(jiff::Span::new().days(rng.next(12) as i64));
        closed.shop_holidays.insert(near);
        let after = estimate(&closed, placed, &lines, Some(STANDARD));
        for (x, y) in before.lines.iter().zip(&after.lines) {
            if let (Some(x), Some(y)) = (x.window(), y.window()) {
                assert!(
                    x.earliest <= y.earliest && x.latest <= y.latest,
                    "{x:?} {y:?}"
                );
            }
        }
        if let (Some(x), Some(y)) = (before.delivery, after.delivery) {
            assert!(x.earliest <= y.earliest && x.latest <= y.latest);
        }
    }
}
