-- The order status page reads an order's lines and timeline from an index alone (SQLite).
-- Without these, each line and each event was an index entry and then a second descent into
-- the table for its row: at a million orders, pages the page cache rarely holds. With every
-- column the page reads in the index, that second descent is gone (docs/benchmarks.md, eighth
-- round: 18 → 12.5 page reads and about 8 % less CPU per status page at 1M orders).
--
-- The timeline's index replaces the one it extends (same leading columns, same order). The
-- lines keep their unique (order_id, position) for the constraint. PostgreSQL keeps its
-- indexes: its B-tree entries are limited to about 2.7 KB, which an event's data may exceed,
-- and its reads are not where its status page's time goes.
DROP INDEX order_events_by_order;
CREATE INDEX order_events_by_order ON order_events
    (order_id, id, visible_to_shopper, at, actor, actor_id, kind, data);
CREATE INDEX order_lines_shown ON order_lines
    (order_id, position, id, sku, title, unit_price, quantity, quantity_fulfilled,
     quantity_cancelled, quantity_backordered, backorder_choice, promised_ship_earliest,
     promised_ship_latest);
