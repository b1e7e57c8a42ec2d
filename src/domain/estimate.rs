//! Processing-time and delivery estimates, exactly as DESIGN §5.4 fixes them. The same
//! function serves the status page, `GET /orders/{number}`, `POST /estimates`, the windows
//! promised at placement and the delay checks, so one number appears everywhere.

use super::calendar::ShopCalendar;
use jiff::civil::Date;
use jiff::Timestamp;
use serde::{Deserialize, Serialize};

#[cfg(test)]
mod tests;

/// A range of working days (processing or transit).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "ssr", derive(utoipa::ToSchema))]
#[serde(deny_unknown_fields)]
pub struct DayRange {
    pub min: u32,
    pub max: u32,
}

/// A window of shop-local calendar dates, both ends included.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Serialize, Deserialize)]
pub struct Window {
    pub earliest: Date,
    pub latest: Date,
}

impl Window {
    /// Component-wise latest of the two: the order ships when its last line does.
    pub fn latest_of(self, other: Window) -> Window {
        Window {
            earliest: self.earliest.max(other.earliest),
            latest: self.latest.max(other.latest),
        }
    }

    /// Whether `day` falls inside the window.
    pub fn contains(&self, day: Date) -> bool {
        self.earliest <= day && day <= self.latest
    }
}

/// Where a line's goods come from.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(tag = "kind", rename_all = "snake_case")]
pub enum Supply {
    InStock,
    /// Waiting for stock, with the expected restock date when the shop knows it.
    Backordered {
        restock: Option<Date>,
    },
}

/// What the engine needs to know about one line.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct LineInput {
    /// The product's processing time, or the shop's default.
    pub processing: DayRange,
    pub supply: Supply,
    /// False when nothing of the line is left to ship (cancelled or already shipped): it does
    /// not count towards the order's window.
    pub counts: bool,
}

/// One line's ship-by estimate.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(tag = "kind", rename_all = "snake_case")]
pub enum LineEstimate {
    Ships(Window),
    /// Backordered without a known restock date.
    Unknown,
    /// Nothing left to ship on this line.
    NotCounted,
}

impl LineEstimate {
    pub fn window(&self) -> Option<Window> {
        match self {
            LineEstimate::Ships(w) => Some(*w),
            _ => None,
        }
    }
}

/// The order's estimate: `None` windows mean "not known yet" (or nothing left to ship).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Estimate {
    pub ship: Option<Window>,
    pub delivery: Option<Window>,
    pub lines: Vec<LineEstimate>,
}

/// Steps 2–3: a line's ship window counted from the order day `d0`.
pub fn line_ship(calendar: &ShopCalendar, d0: Date, line: &LineInput) -> LineEstimate {
    if !line.counts {
        return LineEstimate::NotCounted;
    }
    let start = match line.supply {
        Supply::InStock => d0,
        Supply::Backordered { restock: None } => return LineEstimate::Unknown,
        Supply::Backordered {
            restock: Some(restock),
        } => d0.max(calendar.working_day_on_or_after(restock)),
    };
    LineEstimate::Ships(Window {
        earliest: calendar.add_working_days(start, line.processing.min),
        latest: calendar.add_working_days(start, line.processing.max),
    })
}

/// Step 5: the delivery window for a ship window and a shipping method's transit time.
pub fn delivery(calendar: &ShopCalendar, ship: Window, transit: DayRange) -> Window {
    Window {
        earliest: calendar.add_working_days(ship.earliest, transit.min),
        latest: calendar.add_working_days(ship.latest, transit.max),
    }
}

/// The whole computation for an order placed at `placed_at`. `transit` is `None` when the
/// shipping method is not known; then only the ship window is given.
pub fn estimate(
    calendar: &ShopCalendar,
    placed_at: Timestamp,
    lines: &[LineInput],
    transit: Option<DayRange>,
) -> Estimate {
    let d0 = calendar.order_day(placed_at);
    let lines: Vec<LineEstimate> = lines.iter().map(|l| line_ship(calendar, d0, l)).collect();
    let mut ship: Option<Window> = None;
    let mut unknown = false;
    for line in &lines {
        match line {
            LineEstimate::Ships(w) => ship = Some(ship.map_or(*w, |s| s.latest_of(*w))),
            LineEstimate::Unknown => unknown = true,
            LineEstimate::NotCounted => {}
        }
    }
    let ship = ship.filter(|_| !unknown);
    let delivery = ship.zip(transit).map(|(s, t)| delivery(calendar, s, t));
    Estimate {
        ship,
        delivery,
        lines,
    }
}

/// How a shipment kept its promise.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Punctuality {
    Early,
    Inside,
    /// Calendar days after the promised latest date.
    Late {
        days: i64,
    },
}

/// Where the actual ship date fell against the promised window (shop-local dates).
pub fn punctuality(promised: Window, shipped: Date) -> Punctuality {
    if shipped < promised.earliest {
        Punctuality::Early
    } else if shipped <= promised.latest {
        Punctuality::Inside
    } else {
        let days = (shipped - promised.latest).get_days();
        Punctuality::Late {
            days: i64::from(days),
        }
    }
}

/// Counts of kept and broken promises, for the accuracy report.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct Tally {
    pub early: i64,
    pub inside: i64,
    pub late: i64,
    /// Sum of the late shipments' days late.
    pub days_late: i64,
}

impl Tally {
    pub fn add(&mut self, p: Punctuality) {
        match p {
            Punctuality::Early => self.early += 1,
            Punctuality::Inside => self.inside += 1,
            Punctuality::Late { days } => {
                self.late += 1;
                self.days_late += days;
            }
        }
    }

    pub fn total(&self) -> i64 {
        self.early + self.inside + self.late
    }

    /// Average days late of the late shipments, in tenths of a day (0 when none was late).
    pub fn average_days_late_tenths(&self) -> i64 {
        if self.late == 0 {
            0
        } else {
            (self.days_late * 10 + self.late / 2) / self.late
        }
    }
}
