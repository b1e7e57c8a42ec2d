//! What may be done to an order right now when the shop handles it: holds, shipments,
//! deliveries and cancellation. Pure: the server enforces these answers, the page explains them.

use super::{FulfilmentState, Lifecycle, LineQuantities};
use serde::{Deserialize, Serialize};

/// Why an action on an order is refused, in terms the merchant can act on.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Refusal {
    OrderCancelled,
    OrderClosed,
    AlreadyOnHold,
    NotOnHold,
    /// A hold blocks shipping until it is released.
    OnHold,
    NothingToShip,
    /// More than is still open on a line.
    TooMany,
    NothingSelected,
    NotShipped,
    AlreadyDelivered,
    /// Part of the order has left the warehouse; only the open lines could still be cancelled.
    AlreadyShipped,
}

/// The facts the handling rules look at.
#[derive(Debug, Clone, Copy)]
pub struct Handling<'a> {
    pub lifecycle: Lifecycle,
    pub on_hold: bool,
    pub lines: &'a [LineQuantities],
}

impl Handling<'_> {
    fn open(&self) -> Result<(), Refusal> {
        match self.lifecycle {
            Lifecycle::Open => Ok(()),
            Lifecycle::Cancelled => Err(Refusal::OrderCancelled),
            Lifecycle::Closed => Err(Refusal::OrderClosed),
        }
    }

    fn open_units(&self) -> u32 {
        self.lines.iter().map(LineQuantities::open).sum()
    }

    pub fn place_hold(&self) -> Result<(), Refusal> {
        self.open()?;
        if self.on_hold {
            return Err(Refusal::AlreadyOnHold);
        }
        if self.open_units() == 0 {
            return Err(Refusal::NothingToShip);
        }
        Ok(())
    }

    pub fn release_hold(&self) -> Result<(), Refusal> {
        if !self.on_hold {
            return Err(Refusal::NotOnHold);
        }
        Ok(())
    }

    /// Checks a shipment of `quantities[i]` units of line `i`.
    pub fn ship(&self, quantities: &[u32]) -> Result<(), Refusal> {
        self.open()?;
        if self.on_hold {
            return Err(Refusal::OnHold);
        }
        if self.open_units() == 0 {
            return Err(Refusal::NothingToShip);
        }
        if quantities.len() != self.lines.len() {
            return Err(Refusal::NothingSelected);
        }
        if quantities.iter().all(|q| *q == 0) {
            return Err(Refusal::NothingSelected);
        }
        let too_many = self
            .lines
            .iter()
            .zip(quantities)
            .any(|(line, q)| *q > line.open());
        if too_many {
            return Err(Refusal::TooMany);
        }
        Ok(())
    }

    /// The shop cancels the whole order. Only before anything has shipped: afterwards the
    /// shopper has goods in hand and the remainder is a line cancellation.
    pub fn cancel(&self) -> Result<(), Refusal> {
        self.open()?;
        if self.lines.iter().any(|l| l.fulfilled > 0) {
            return Err(Refusal::AlreadyShipped);
        }
        if self.open_units() == 0 {
            return Err(Refusal::NothingToShip);
        }
        Ok(())
    }
}

/// A parcel can be marked delivered once, after it has shipped.
pub fn mark_delivered(parcel: FulfilmentState) -> Result<(), Refusal> {
    match parcel {
        FulfilmentState::Shipped => Ok(()),
        FulfilmentState::InProgress => Err(Refusal::NotShipped),
        FulfilmentState::Delivered => Err(Refusal::AlreadyDelivered),
    }
}

/// The quantities of a line after `shipped` more units left: what still waits for stock can
/// never exceed what is still open.
pub fn after_shipping(line: LineQuantities, shipped: u32) -> LineQuantities {
    let mut next = line;
    next.fulfilled = line.fulfilled + shipped;
    next.backordered = line.backordered.min(next.open());
    next
}

#[cfg(test)]
mod tests {
    use super::*;

    use LineQuantities as Q;

    fn open_order(lines: &[LineQuantities]) -> Handling<'_> {
        Handling {
            lifecycle: Lifecycle::Open,
            on_hold: false,
            lines,
        }
    }

    #[test]
    fn shipping_checks_every_line_against_what_is_open() {
        let lines = [Q::new(2, 1, 0, 0), Q::new(3, 0, 1, 0)];
        let order = open_order(&lines);
        assert_eq!(order.ship(&[1, 2]), Ok(()));
        assert_eq!(order.ship(&[2, 0]), Err(Refusal::TooMany));
        assert_eq!(order.ship(&[0, 3]), Err(Refusal::TooMany));
        assert_eq!(order.ship(&[0, 0]), Err(Refusal::NothingSelected));
        assert_eq!(order.ship(&[1]), Err(Refusal::NothingSelected));
    }

    #[test]
    fn a_hold_blocks_shipping_but_not_its_release() {
        let lines = [Q::new(1, 0, 0, 0)];
        let held = Handling {
            on_hold: true,
            ..open_order(&lines)
        };
        assert_eq!(held.ship(&[1]), Err(Refusal::OnHold));
        assert_eq!(held.place_hold(), Err(Refusal::AlreadyOnHold));
        assert_eq!(held.release_hold(), Ok(()));
        assert_eq!(open_order(&lines).release_hold(), Err(Refusal::NotOnHold));
    }

    #[test]
    fn a_cancelled_order_takes_no_further_handling() {
        let lines = [Q::new(1, 0, 1, 0)];
        let cancelled = Handling {
            lifecycle: Lifecycle::Cancelled,
            ..open_order(&lines)
        };
        assert_eq!(cancelled.ship(&[1]), Err(Refusal::OrderCancelled));
        assert_eq!(cancelled.place_hold(), Err(Refusal::OrderCancelled));
        assert_eq!(cancelled.cancel(), Err(Refusal::OrderCancelled));
    }

    #[test]
    fn the_shop_cancels_only_before_anything_shipped() {
        let untouched = [Q::new(2, 0, 0, 1)];
        assert_eq!(open_order(&untouched).cancel(), Ok(()));
        let partly = [Q::new(2, 1, 0, 0)];
        assert_eq!(open_order(&partly).cancel(), Err(Refusal::AlreadyShipped));
    }

    #[test]
    fn a_fully_shipped_order_cannot_be_held_or_shipped_again() {
        let lines = [Q::new(2, 2, 0, 0)];
        assert_eq!(open_order(&lines).place_hold(), Err(Refusal::NothingToShip));
        assert_eq!(open_order(&lines).ship(&[1]), Err(Refusal::NothingToShip));
    }

    #[test]
    fn shipping_shrinks_the_backorder_to_what_is_still_open() {
        // 3 ordered, 1 waiting for stock: shipping the 2 in stock leaves the 1 waiting.
        let l = Q::new(3, 0, 0, 1);
        assert_eq!(after_shipping(l, 2), Q::new(3, 2, 0, 1));
        // Shipping all 3 (the stock arrived) leaves nothing waiting.
        assert_eq!(after_shipping(l, 3), Q::new(3, 3, 0, 0));
    }

    #[test]
    fn a_parcel_is_delivered_once_after_it_shipped() {
        assert_eq!(mark_delivered(FulfilmentState::Shipped), Ok(()));
        assert_eq!(
            mark_delivered(FulfilmentState::Delivered),
            Err(Refusal::AlreadyDelivered)
        );
        assert_eq!(
            mark_delivered(FulfilmentState::InProgress),
            Err(Refusal::NotShipped)
        );
    }
}
