-- One row per cancellation — a whole order or one line's units, by the shopper, the shop or
-- its system — with the shopper's reason code, for the timeline emails and the reports.
CREATE TABLE cancellations (
    id             INTEGER PRIMARY KEY,
    order_id       INTEGER NOT NULL REFERENCES orders (id),
    -- NULL: the whole order.
    line_id        INTEGER REFERENCES order_lines (id),
    quantity       INTEGER NOT NULL CHECK (quantity >= 0),
    actor          TEXT    NOT NULL,
    -- The order's cancel reason code (customer, out_of_stock, …).
    reason         TEXT    NOT NULL,
    -- The shopper's pick from the shop's reason list, and its label (plus their own words).
    shopper_reason TEXT,
    note           TEXT,
    refund_amount  INTEGER NOT NULL DEFAULT 0 CHECK (refund_amount >= 0),
    created_at     INTEGER NOT NULL
);
CREATE INDEX cancellations_by_time ON cancellations (created_at);
CREATE INDEX cancellations_by_order ON cancellations (order_id);

-- Orders cancelled before this table existed.
INSERT INTO cancellations (order_id, line_id, quantity, actor, reason, shopper_reason, note,
                           refund_amount, created_at)
SELECT o.id, NULL,
       (SELECT COALESCE(SUM(l.quantity_cancelled), 0) FROM order_lines l WHERE l.order_id = o.id),
       CASE WHEN o.cancel_reason = 'customer' THEN 'shopper' ELSE 'merchant' END,
       COALESCE(o.cancel_reason, 'other'), NULL, o.cancel_note,
       (SELECT COALESCE(SUM(r.amount), 0) FROM refunds r WHERE r.order_id = o.id),
       COALESCE(o.cancelled_at, o.updated_at)
FROM orders o
WHERE o.lifecycle = 'cancelled';
