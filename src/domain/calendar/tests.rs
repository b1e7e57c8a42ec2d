use super::*;
use jiff::civil::Date;

fn d(text: &str) -> Date {
    text.parse().unwrap()
}

fn at(text: &str) -> Timestamp {
    text.parse().unwrap()
}

fn zone(name: &str) -> TimeZone {
    TimeZone::get(name).unwrap()
}

/// Every day of the week works: lets the DST tests fall on the Sunday the clocks change.
fn every_day(name: &str) -> ShopCalendar {
    ShopCalendar {
        working_weekdays: [true; 7],
        ..ShopCalendar::weekdays(zone(name))
    }
}

#[test]
fn easter_sunday_matches_the_published_dates() {
    let known = [
        (2000, "2000-04-23"),
        (2019, "2019-04-21"),
        (2024, "2024-03-31"),
        (2025, "2025-04-20"),
        (2026, "2026-04-05"),
        (2027, "2027-03-28"),
        (2028, "2028-04-16"),
        (2029, "2029-04-01"),
        (2030, "2030-04-21"),
        (2038, "2038-04-25"),
        (2285, "2285-03-22"),
    ];
    for (year, easter) in known {
        assert_eq!(easter_sunday(year), d(easter), "Easter {year}");
    }
}

/// The Easter-based days of 2025–2030, as published: Maundy Thursday, Good Friday, Easter
/// Sunday, Easter Monday, Ascension Day, Whit Sunday, Whit Monday.
const EASTER_DAYS: [(i16, [&str; 7]); 6] = [
    (
        2025,
        [
            "2025-04-17",
            "2025-04-18",
            "2025-04-20",
            "2025-04-21",
            "2025-05-29",
            "2025-06-08",
            "2025-06-09",
        ],
    ),
    (
        2026,
        [
            "2026-04-02",
            "2026-04-03",
            "2026-04-05",
            "2026-04-06",
            "2026-05-14",
            "2026-05-24",
            "2026-05-25",
        ],
    ),
    (
        2027,
        [
            "2027-03-25",
            "2027-03-26",
            "2027-03-28",
            "2027-03-29",
            "2027-05-06",
            "2027-05-16",
            "2027-05-17",
        ],
    ),
    (
        2028,
        [
            "2028-04-13",
            "2028-04-14",
            "2028-04-16",
            "2028-04-17",
            "2028-05-25",
            "2028-06-04",
            "2028-06-05",
        ],
    ),
    (
        2029,
        [
            "2029-03-29",
            "2029-03-30",
            "2029-04-01",
            "2029-04-02",
            "2029-05-10",
            "2029-05-20",
            "2029-05-21",
        ],
    ),
    (
        2030,
        [
            "2030-04-18",
            "2030-04-19",
            "2030-04-21",
            "2030-04-22",
            "2030-05-30",
            "2030-06-09",
            "2030-06-10",
        ],
    ),
];

fn dates(list: &[&str]) -> Vec<Date> {
    let mut v: Vec<Date> = list.iter().map(|s| d(s)).collect();
    v.sort();
    v
}

fn days_of(calendar: HolidayCalendar, year: i16) -> Vec<Date> {
    calendar
        .holidays(year)
        .into_iter()
        .map(|(day, _)| day)
        .collect()
}

#[test]
fn norway_has_its_twelve_days_every_year_2025_to_2030() {
    for (year, [maundy, good, easter, monday, ascension, whit, whit_monday]) in EASTER_DAYS {
        let y = |md: &str| format!("{year}-{md}");
        let fixed = [y("01-01"), y("05-01"), y("05-17"), y("12-25"), y("12-26")];
        let mut expected: Vec<&str> = fixed.iter().map(String::as_str).collect();
        expected.extend([maundy, good, easter, monday, ascension, whit, whit_monday]);
        assert_eq!(
            days_of(HolidayCalendar::Norway, year),
            dates(&expected),
            "NO {year}"
        );
    }
}

#[test]
fn finland_has_its_fifteen_days_every_year_2025_to_2030() {
    // Midsummer Eve and Day, All Saints' Day: the weekday rules, checked against the almanac.
    let moving = [
        (2025, "2025-06-20", "2025-06-21", "2025-11-01"),
        (2026, "2026-06-19", "2026-06-20", "2026-10-31"),
        (2027, "2027-06-25", "2027-06-26", "2027-11-06"),
        (2028, "2028-06-23", "2028-06-24", "2028-11-04"),
        (2029, "2029-06-22", "2029-06-23", "2029-11-03"),
        (2030, "2030-06-21", "2030-06-22", "2030-11-02"),
    ];
    for ((year, [_, good, easter, monday, ascension, whit, _]), (y2, eve, day, saints)) in
        EASTER_DAYS.into_iter().zip(moving)
    {
        assert_eq!(year, y2);
        let y = |md: &str| format!("{year}-{md}");
        let fixed = [
            y("01-01"),
            y("01-06"),
            y("05-01"),
            y("12-06"),
            y("12-24"),
            y("12-25"),
            y("12-26"),
        ];
        let mut expected: Vec<&str> = fixed.iter().map(String::as_str).collect();
        expected.extend([good, easter, monday, ascension, whit, eve, day, saints]);
        assert_eq!(
            days_of(HolidayCalendar::Finland, year),
            dates(&expected),
            "FI {year}"
        );
    }
}

#[test]
fn the_netherlands_has_kings_day_and_liberation_day_every_fifth_year() {
    // 27 April 2025 is a Sunday: King's Day moves to Saturday the 26th.
    let kings = [
        "2025-04-26",
        "2026-04-27",
        "2027-04-27",
        "2028-04-27",
        "2029-04-27",
        "2030-04-27",
    ];
    for ((year, [_, good, easter, monday, ascension, whit, whit_monday]), kings) in
        EASTER_DAYS.into_iter().zip(kings)
    {
        let y = |md: &str| format!("{year}-{md}");
        let mut fixed = vec![y("01-01"), y("12-25"), y("12-26")];
        if year % 5 == 0 {
            fixed.push(y("05-05"));
        }
        let mut expected: Vec<&str> = fixed.iter().map(String::as_str).collect();
        expected.extend([good, easter, monday, kings, ascension, whit, whit_monday]);
        assert_eq!(
            days_of(HolidayCalendar::Netherlands, year),
            dates(&expected),
            "NL {year}"
        );
    }
    let liberation = |year| {
        HolidayCalendar::Netherlands
            .holidays(year)
            .iter()
            .any(|(_, h)| *h == Holiday::LiberationDay)
    };
    assert!(liberation(2025) && liberation(2030));
    assert!(!liberation(2026) && !liberation(2029));
}

#[test]
fn holidays_are_named_and_codes_round_trip() {
    assert_eq!(
        HolidayCalendar::Norway.holiday_on(d("2026-05-17")),
        Some(Holiday::ConstitutionDay)
    );
    assert_eq!(HolidayCalendar::Finland.holiday_on(d("2026-05-17")), None);
    for c in HolidayCalendar::ALL {
        assert_eq!(HolidayCalendar::parse(c.code()), Some(c));
        assert_eq!(HolidayCalendar::parse(&c.code().to_lowercase()), Some(c));
    }
    assert_eq!(HolidayCalendar::parse("SE"), None);
}

#[test]
fn weekends_and_holidays_are_not_working_days() {
    let mut cal = ShopCalendar::weekdays(zone("Europe/Oslo"));
    cal.public_holidays = Some(HolidayCalendar::Norway);
    cal.shop_holidays.insert(d("2026-11-27"));
    assert!(cal.is_working_day(d("2026-11-26"))); // Thursday
    assert!(!cal.is_working_day(d("2026-11-27"))); // the shop's own day off
    assert!(!cal.is_working_day(d("2026-11-28"))); // Saturday
    assert!(!cal.is_working_day(d("2026-05-14"))); // Ascension Day
    assert_eq!(cal.closed_because(d("2026-11-27")), Some(ClosedDay::Shop));
    assert_eq!(
        cal.closed_because(d("2026-12-25")),
        Some(ClosedDay::Public(Holiday::ChristmasDay))
    );
    // Thursday + 1 skips the shop's Friday and the weekend.
    assert_eq!(cal.add_working_days(d("2026-11-26"), 1), d("2026-11-30"));
    assert_eq!(cal.add_working_days(d("2026-11-26"), 0), d("2026-11-26"));
    // Easter 2026 in Norway: Wednesday 1 April + 1 is Tuesday 7 April.
    assert_eq!(cal.add_working_days(d("2026-04-01"), 1), d("2026-04-07"));
}

#[test]
fn a_tuesday_to_saturday_week_works_on_saturdays() {
    let mut cal = ShopCalendar::weekdays(zone("Europe/Oslo"));
    cal.working_weekdays = [false, true, true, true, true, true, false];
    assert!(cal.is_working_day(d("2026-11-28"))); // Saturday
    assert!(!cal.is_working_day(d("2026-11-30"))); // Monday
    assert_eq!(cal.add_working_days(d("2026-11-28"), 1), d("2026-12-01"));
    // Placed on a Sunday: counts from Tuesday.
    assert_eq!(cal.order_day(at("2026-11-29T09:00:00Z")), d("2026-12-01"));
}

#[test]
fn the_cut_off_is_exclusive() {
    let cal = ShopCalendar::weekdays(zone("Europe/Oslo"));
    // Tuesday 24 Nov 2026, Oslo is UTC+1: 14:00 local is 13:00Z.
    assert_eq!(cal.order_day(at("2026-11-24T12:59:59Z")), d("2026-11-24"));
    assert_eq!(cal.order_day(at("2026-11-24T13:00:00Z")), d("2026-11-25"));
    // Friday at the cut-off counts from Monday.
    assert_eq!(cal.order_day(at("2026-11-27T13:00:00Z")), d("2026-11-30"));
    // Saturday morning counts from Monday.
    assert_eq!(cal.order_day(at("2026-11-28T08:00:00Z")), d("2026-11-30"));
    // Just after midnight local (23:30Z the day before) is the next local date.
    assert_eq!(cal.order_day(at("2026-11-23T23:30:00Z")), d("2026-11-24"));
}

#[test]
fn a_holiday_placement_counts_from_the_next_working_day() {
    let mut cal = ShopCalendar::weekdays(zone("Europe/Oslo"));
    cal.public_holidays = Some(HolidayCalendar::Norway);
    // Maundy Thursday 2026 morning: Thursday, Friday and Monday are holidays.
    assert_eq!(cal.order_day(at("2026-04-02T07:00:00Z")), d("2026-04-07"));
}

/// On the days the clocks change, the cut-off is still 14:00 on the wall clock.
#[test]
fn the_cut_off_follows_daylight_saving_time() {
    let cases = [
        // (zone, UTC one second before the local cut-off, at the cut-off, the date)
        (
            "Europe/Oslo",
            "2026-03-29T11:59:59Z",
            "2026-03-29T12:00:00Z",
            "2026-03-29",
        ),
        (
            "Europe/Oslo",
            "2026-10-25T12:59:59Z",
            "2026-10-25T13:00:00Z",
            "2026-10-25",
        ),
        (
            "Europe/Helsinki",
            "2026-03-29T10:59:59Z",
            "2026-03-29T11:00:00Z",
            "2026-03-29",
        ),
        (
            "Europe/Helsinki",
            "2026-10-25T11:59:59Z",
            "2026-10-25T12:00:00Z",
            "2026-10-25",
        ),
        (
            "Europe/Amsterdam",
            "2026-03-29T11:59:59Z",
            "2026-03-29T12:00:00Z",
            "2026-03-29",
        ),
        (
            "Europe/Amsterdam",
            "2026-10-25T12:59:59Z",
            "2026-10-25T13:00:00Z",
            "2026-10-25",
        ),
        (
            "America/New_York",
            "2026-03-08T17:59:59Z",
            "2026-03-08T18:00:00Z",
            "2026-03-08",
        ),
        (
            "America/New_York",
            "2026-11-01T18:59:59Z",
            "2026-11-01T19:00:00Z",
            "2026-11-01",
        ),
    ];
    for (name, before, at_cutoff, day) in cases {
        let cal = every_day(name);
        let day = d(day);
        assert_eq!(cal.order_day(at(before)), day, "{name} {before}");
        assert_eq!(
            cal.order_day(at(at_cutoff)),
            plus(day, 1),
            "{name} {at_cutoff}"
        );
    }
    // The instant the clocks jump (02:00 becomes 03:00) is early morning of the same date.
    let cal = every_day("Europe/Oslo");
    assert_eq!(cal.order_day(at("2026-03-29T01:00:00Z")), d("2026-03-29"));
}

#[test]
fn coming_closed_days_list_only_days_that_would_have_been_worked() {
    let mut cal = ShopCalendar::weekdays(zone("Europe/Oslo"));
    cal.public_holidays = Some(HolidayCalendar::Norway);
    cal.shop_holidays.insert(d("2026-12-28"));
    let coming = cal.coming_closed_days(d("2026-12-20"), 4);
    assert_eq!(
        coming,
        vec![
            (d("2026-12-25"), ClosedDay::Public(Holiday::ChristmasDay)),
            // Boxing Day 2026 is a Saturday: not listed.
            (d("2026-12-28"), ClosedDay::Shop),
            (d("2027-01-01"), ClosedDay::Public(Holiday::NewYearsDay)),
            (d("2027-03-25"), ClosedDay::Public(Holiday::MaundyThursday)),
        ]
    );
}
