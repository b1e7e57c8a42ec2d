use super::*;
use crate::domain::BackorderChoice::{Cancelled, ShipAvailableNow, Wait};
use jiff::civil::date;

fn line(ordered: u32, fulfilled: u32, cancelled: u32, backordered: u32) -> LineFacts {
    LineFacts {
        quantities: LineQuantities::new(ordered, fulfilled, cancelled, backordered),
        choice: Wait,
        locked: false,
    }
}

fn all_on() -> BackorderSettings {
    BackorderSettings::default()
}

#[test]
fn a_line_waiting_for_stock_offers_every_choice_the_shop_allows() {
    // 3 ordered, 1 waits; another line is on the shelf.
    let lines = [line(3, 0, 0, 1), line(1, 0, 0, 0)];
    let open = Lifecycle::Open;
    assert_eq!(
        options(open, &lines, 0, &all_on()),
        vec![Wait, ShipAvailableNow, Cancelled]
    );
    let no_ship_now = BackorderSettings {
        offer_ship_now: false,
        ..all_on()
    };
    assert_eq!(
        options(open, &lines, 0, &no_ship_now),
        vec![Wait, Cancelled]
    );
    assert_eq!(
        check(open, &lines, 0, &no_ship_now, ShipAvailableNow),
        Err(ChoiceBlocker::NotOffered)
    );
    let no_cancel = BackorderSettings {
        offer_cancel: false,
        ..all_on()
    };
    assert_eq!(
        check(open, &lines, 0, &no_cancel, Cancelled),
        Err(ChoiceBlocker::NotOffered)
    );
}

#[test]
fn a_line_that_does_not_wait_has_no_choice() {
    let open = Lifecycle::Open;
    // Nothing backordered; backordered units all shipped; all cancelled.
    for l in [line(2, 0, 0, 0), line(2, 2, 0, 1), line(2, 0, 2, 1)] {
        assert_eq!(
            check(open, &[l], 0, &all_on(), Wait),
            Err(ChoiceBlocker::NotBackordered)
        );
        assert!(options(open, &[l], 0, &all_on()).is_empty());
    }
    // An index that is not a line.
    assert_eq!(
        check(open, &[line(1, 0, 0, 1)], 3, &all_on(), Wait),
        Err(ChoiceBlocker::NotBackordered)
    );
    // A cancelled backorder stays cancelled.
    let cancelled = LineFacts {
        choice: Cancelled,
        ..line(2, 0, 0, 1)
    };
    assert_eq!(
        check(open, &[cancelled], 0, &all_on(), Wait),
        Err(ChoiceBlocker::NotBackordered)
    );
}

#[test]
fn a_closed_or_cancelled_order_has_no_choice() {
    for lifecycle in [Lifecycle::Cancelled, Lifecycle::Closed] {
        assert_eq!(
            check(lifecycle, &[line(1, 0, 0, 1)], 0, &all_on(), Wait),
            Err(ChoiceBlocker::OrderNotOpen)
        );
    }
}

#[test]
fn shipping_first_needs_something_on_the_shelf() {
    let open = Lifecycle::Open;
    // Everything waits.
    let lines = [line(2, 0, 0, 2), line(1, 0, 0, 1)];
    assert_eq!(
        check(open, &lines, 0, &all_on(), ShipAvailableNow),
        Err(ChoiceBlocker::NothingInStock)
    );
    // Part of the same line is on the shelf.
    assert_eq!(
        check(open, &[line(3, 0, 0, 2)], 0, &all_on(), ShipAvailableNow),
        Ok(())
    );
    // Shipped units are not on the shelf.
    assert_eq!(
        check(open, &[line(3, 1, 0, 2)], 0, &all_on(), ShipAvailableNow),
        Err(ChoiceBlocker::NothingInStock)
    );
}

#[test]
fn an_item_the_shop_does_not_cancel_can_only_wait_or_ship_first() {
    let locked = LineFacts {
        locked: true,
        ..line(2, 0, 0, 1)
    };
    assert_eq!(
        check(Lifecycle::Open, &[locked], 0, &all_on(), Cancelled),
        Err(ChoiceBlocker::ItemNotCancellable)
    );
    assert_eq!(
        options(Lifecycle::Open, &[locked], 0, &all_on()),
        vec![Wait, ShipAvailableNow]
    );
}

#[test]
fn settings_are_checked() {
    let fee = |code: &str, amount_minor| Fee {
        currency: Currency::parse(code).unwrap(),
        amount_minor,
    };
    let ok = BackorderSettings {
        ship_now_fees: vec![fee("NOK", 4900), fee("EUR", 495)],
        ..all_on()
    };
    assert_eq!(ok.clone().validated(), Ok(ok.clone()));
    assert_eq!(
        ok.fee_for(Currency::parse("EUR").unwrap()),
        Some(Money::new(495, Currency::parse("EUR").unwrap()))
    );
    assert_eq!(ok.fee_for(Currency::parse("SEK").unwrap()), None);
    let bad = |s: BackorderSettings| s.validated().unwrap_err();
    assert_eq!(
        bad(BackorderSettings {
            delay_threshold_days: 366,
            ..all_on()
        }),
        (SettingsField::DelayThreshold, InputProblem::TooLong)
    );
    assert_eq!(
        bad(BackorderSettings {
            ship_now_fees: vec![fee("NOK", 1), fee("NOK", 2)],
            ..all_on()
        }),
        (SettingsField::Fees(Some(1)), InputProblem::Taken)
    );
    assert_eq!(
        bad(BackorderSettings {
            ship_now_fees: vec![fee("NOK", -1)],
            ..all_on()
        }),
        (SettingsField::Fees(Some(0)), InputProblem::Malformed)
    );
    assert_eq!(SettingsField::Fees(Some(1)).path(), "ship_now_fees[1]");
}

#[test]
fn fees_are_read_as_merchants_write_them() {
    let nok = Currency::parse("NOK").unwrap();
    let jpy = Currency::parse("JPY").unwrap();
    let fee = |currency, amount_minor| Fee {
        currency,
        amount_minor,
    };
    assert_eq!(parse_fee("49 NOK"), Ok(fee(nok, 4900)));
    assert_eq!(parse_fee(" 4,9 nok "), Ok(fee(nok, 490)));
    assert_eq!(parse_fee("4.95 NOK"), Ok(fee(nok, 495)));
    assert_eq!(parse_fee("500 JPY"), Ok(fee(jpy, 500)));
    assert_eq!(parse_fee(""), Err(InputProblem::Required));
    for bad in [
        "49",
        "NOK 49",
        "4.955 NOK",
        "-1 NOK",
        "1.5 JPY",
        "4.x NOK",
        "1 2 NOK",
    ] {
        assert!(parse_fee(bad).is_err(), "{bad}");
    }
    assert_eq!(parse_fee("100001 NOK"), Err(InputProblem::TooLong));
    assert_eq!(
        parse_fee("99999999999999999999 NOK"),
        Err(InputProblem::Malformed)
    );
}

fn at(text: &str) -> Timestamp {
    text.parse().unwrap()
}

#[test]
fn a_slip_past_the_threshold_is_noticed_once_and_again_when_it_slips_further() {
    let s = all_on(); // threshold 3 days
    let placed = at("2026-11-02T10:00:00Z");
    let now = at("2026-11-10T10:00:00Z");
    let promised = Some(date(2026, 11, 6));
    let due = |current, last| notice_due(&s, promised, current, placed, now, last);
    // On time, 3 days late (= threshold): no notice; 4 days late: a notice.
    assert_eq!(due(Some(date(2026, 11, 6)), None), None);
    assert_eq!(due(Some(date(2026, 11, 9)), None), None);
    assert_eq!(
        due(Some(date(2026, 11, 10)), None),
        Some(Slip::To(date(2026, 11, 10)))
    );
    // Already noticed for that date, or an earlier one again: nothing new.
    let noticed = Some(Slip::To(date(2026, 11, 10)));
    assert_eq!(due(Some(date(2026, 11, 10)), noticed), None);
    assert_eq!(due(Some(date(2026, 11, 9)), noticed), None);
    // A further slip: a new notice.
    assert_eq!(
        due(Some(date(2026, 11, 12)), noticed),
        Some(Slip::To(date(2026, 11, 12)))
    );
    // Notices off: never.
    let off = BackorderSettings {
        delay_notices: false,
        ..all_on()
    };
    let late = Some(date(2026, 12, 30));
    assert_eq!(notice_due(&off, promised, late, placed, now, None), None);
}

#[test]
fn thirty_days_without_a_restock_date_are_noticed_once() {
    let s = all_on();
    let placed = at("2026-11-01T10:00:00Z");
    let day_30 = at("2026-12-01T10:00:00Z");
    let just_before = at("2026-12-01T09:59:59Z");
    assert_eq!(notice_due(&s, None, None, placed, just_before, None), None);
    assert_eq!(
        notice_due(&s, None, None, placed, day_30, None),
        Some(Slip::Unknown)
    );
    let again = notice_due(&s, None, None, placed, day_30, Some(Slip::Unknown));
    assert_eq!(again, None);
    // After that, a date far past the promise is news.
    let promised = Some(date(2026, 11, 5));
    let dated = Some(date(2026, 12, 20));
    assert_eq!(
        notice_due(&s, promised, dated, placed, day_30, Some(Slip::Unknown)),
        Some(Slip::To(date(2026, 12, 20)))
    );
    // And losing a date again after a dated notice is news too.
    let last = Some(Slip::To(date(2026, 12, 20)));
    assert_eq!(
        notice_due(&s, promised, None, placed, day_30, last),
        Some(Slip::Unknown)
    );
}

#[test]
fn slip_keys_round_trip() {
    for slip in [Slip::To(date(2027, 2, 28)), Slip::Unknown] {
        assert_eq!(Slip::parse(&slip.key()), Some(slip));
    }
    assert_eq!(Slip::parse("2027-02-30"), None);
    for answer in [NoticeAnswer::KeepWaiting, NoticeAnswer::Cancel] {
        assert_eq!(NoticeAnswer::parse(answer.as_str()), Some(answer));
    }
}

/// Property: with notices on, a due notice is never about a date within the threshold, and a
/// notice is never due twice for the same slip.
#[test]
fn notices_are_never_early_and_never_repeated() {
    let mut seed: u64 = 0x5eed_cafe;
    let mut next = |n: u64| {
        seed = seed
            .wrapping_mul(6_364_136_223_846_793_005)
            .wrapping_add(1_442_695_040_888_963_407);
        (seed >> 33) % n
    };
    let base = date(2026, 1, 1);
    let placed = at("2026-01-01T08:00:00Z");
    for _ in 0..3000 {
        let s = BackorderSettings {
            delay_threshold_days: next(10) as u32,
            ..all_on()
        };
        let promised = base + jiff::Span::new().days(next(60) as i64);
        let current = (next(5) > 0).then(|| base + jiff::Span::new().days(next(120) as i64));
        let now = placed + SignedDuration::from_hours(next(24 * 90) as i64);
        if let Some(slip) = notice_due(&s, Some(promised), current, placed, now, None) {
            if let Slip::To(d) = slip {
                assert!((d - promised).get_days() > s.delay_threshold_days as i32);
            }
            assert_eq!(
                notice_due(&s, Some(promised), current, placed, now, Some(slip)),
                None
            );
        }
    }
}
