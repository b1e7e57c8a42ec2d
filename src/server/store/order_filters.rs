//! SQL conditions on `orders o` shared by the overview counts and the orders list, so both
//! always agree on what "not yet shipped", "waiting for stock" and "on hold" mean.

/// An open line still has something to ship.
pub const UNFULFILLED: &str = "o.lifecycle = 'open' AND EXISTS (
    SELECT 1 FROM order_lines l WHERE l.order_id = o.id
      AND l.quantity - l.quantity_fulfilled - l.quantity_cancelled > 0)";

/// An open line waits for stock the shopper has not opted out of.
pub const BACKORDERED: &str = "o.lifecycle = 'open' AND EXISTS (
    SELECT 1 FROM order_lines l WHERE l.order_id = o.id AND l.quantity_backordered > 0
      AND l.backorder_choice <> 'cancelled'
      AND l.quantity - l.quantity_fulfilled - l.quantity_cancelled > 0)";

pub const ON_HOLD: &str = "o.lifecycle = 'open' AND EXISTS (
    SELECT 1 FROM holds h WHERE h.order_id = o.id AND h.released_at IS NULL)";

pub const REQUESTED: &str = "EXISTS (
    SELECT 1 FROM cancellation_requests r WHERE r.order_id = o.id AND r.status = 'requested')";

pub const OPEN: &str = "o.lifecycle = 'open'";

pub const CANCELLED: &str = "o.lifecycle = 'cancelled'";
