-- Benchmark data for the PostgreSQL schema (migrations/postgres), part 1: customers,
-- products, orders, lines, parcels, holds, cancellation requests, refunds and cancellations.
-- The same data as sqlite.sql (read that file for the reasons); what differs is the dialect:
-- generate_series, random() in [0, 1), BOOLEAN flags, date arithmetic, and BIGINT for
-- day-sized products.

-- The day `days` after the instant `ms` as YYYY-MM-DD, in UTC (as SQLite's date() gives it).
CREATE FUNCTION pg_temp.day(ms BIGINT, days INTEGER) RETURNS TEXT
    LANGUAGE sql
    AS $$ SELECT ((to_timestamp(ms / 1000.0) AT TIME ZONE 'UTC')::date + days)::text $$;

SELECT setseed(0.42);

-- One row per order: its state (g_state), customer, number of lines and when it was placed.
-- The last {{CANCELLABLE}} orders were placed minutes ago and may still be cancelled.
CREATE TEMP TABLE g_rand AS
SELECT i AS id, floor(random() * 1e15)::bigint AS a, floor(random() * 1e15)::bigint AS b
FROM generate_series(1, {{ORDERS}}) AS s(i);

CREATE TEMP TABLE g_orders (id BIGINT PRIMARY KEY, state INTEGER, customer_id BIGINT,
                            nlines INTEGER, misc BIGINT, age_draw BIGINT, placed_at BIGINT);
INSERT INTO g_orders
SELECT r.id,
       CASE WHEN r.id > {{ORDERS}} - {{CANCELLABLE}} THEN 9
            ELSE (SELECT st.state FROM g_state st WHERE r.a % 100 < st.upto
                  ORDER BY st.upto LIMIT 1) END AS state,
       1 + r.b % {{CUSTOMERS}} AS customer_id,
       CASE WHEN (r.a / 100) % 100 < 45 THEN 1 WHEN (r.a / 100) % 100 < 75 THEN 2
            WHEN (r.a / 100) % 100 < 90 THEN 3 WHEN (r.a / 100) % 100 < 97 THEN 4 ELSE 5 END
           AS nlines,
       (r.a / 10000) % 1000 AS misc,
       (r.b / 100000) % 1000000 AS age_draw,
       NULL
FROM g_rand r;
-- Partly shipped orders have a shipped line and an open one.
UPDATE g_orders SET nlines = 2 WHERE state = 3 AND nlines = 1;

UPDATE g_orders g
SET placed_at = {{NOW}}
    - (st.min_age * 1000000 + g.age_draw * (st.max_age - st.min_age)) * 60 / 1000
FROM g_state st WHERE st.state = g.state;
ANALYZE g_orders;

-- Customers: about 0.7 per order, so some shoppers come back.
INSERT INTO customers (id, email, name, locale, password_hash, created_at)
SELECT s.i,
       'shopper' || s.i || '@example.' || l.tld,
       f.first || ' ' || n.last,
       l.locale, NULL, {{NOW}} - 740 * 86400000::bigint
FROM generate_series(1, {{CUSTOMERS}}) AS s(i)
JOIN g_locale l ON l.k = s.i % 10
JOIN g_first f ON f.locale = l.locale AND f.k = (s.i / 10) % 8
JOIN g_last n ON n.locale = l.locale AND n.k = (s.i / 80) % 8;

-- The shop's processing settings (time zone, cut-off, shipping methods), replacing the
-- defaults `migrate` stored.
INSERT INTO settings (key, value, version, updated_at, updated_by)
SELECT key, value, 1, {{NOW}}, 'bench' FROM g_settings WHERE TRUE
ON CONFLICT (key) DO UPDATE SET value = excluded.value, version = settings.version + 1,
    updated_at = excluded.updated_at, updated_by = excluded.updated_by;

-- Products: a catalogue of {{PRODUCTS}} items; some made to order or not cancellable, some out
-- of stock with a restock date, some with their own processing time.
INSERT INTO products (id, sku, title, processing_min_days, processing_max_days, made_to_order,
                      not_cancellable, stock, expected_restock, updated_at)
SELECT s.i,
       'BN-' || lpad(s.i::text, 5, '0'),
       a.word || ' ' || n.word || ' “' || c.word || '”',
       CASE WHEN s.i % 5 = 0 THEN 1 + s.i % 3 END,
       CASE WHEN s.i % 5 = 0 THEN 4 + s.i % 4 END,
       s.i % 50 = 0,
       s.i % 97 = 0,
       CASE WHEN s.i % 20 = 1 OR s.i % 50 = 0 THEN 0 ELSE 5 + s.i % 200 END,
       CASE WHEN s.i % 20 = 1 THEN pg_temp.day({{NOW}}, 3 + s.i % 30) END,
       {{NOW}} - 30 * 86400000::bigint
FROM generate_series(1, {{PRODUCTS}}) AS s(i)
JOIN g_words a ON a.list = 'adjective' AND a.k = s.i % 10
JOIN g_words n ON n.list = 'noun' AND n.k = (s.i / 10) % 10
JOIN g_words c ON c.list = 'colour' AND c.k = (s.i / 100) % 10;

-- Prices per currency (products carry none: the shop's system sends them with each order).
CREATE TEMP TABLE g_products AS
SELECT id, sku, title, expected_restock, 990 + (id * 7919 % 40) * 500 AS price_eur,
       (990 + (id * 7919 % 40) * 500) * 11 / 100 * 100 AS price_nok
FROM products;

-- Which products a line may draw: any in stock, the cancellable ones in stock (for the orders
-- that may still be cancelled) and the ones waiting for a restock.
CREATE TEMP TABLE g_pick (list TEXT, k BIGINT, product_id BIGINT, PRIMARY KEY (list, k));
INSERT INTO g_pick SELECT 'any', ROW_NUMBER() OVER (ORDER BY id) - 1, id FROM products
    WHERE stock > 0 OR made_to_order;
INSERT INTO g_pick SELECT 'safe', ROW_NUMBER() OVER (ORDER BY id) - 1, id FROM products
    WHERE stock > 0 AND NOT made_to_order AND NOT not_cancellable;
INSERT INTO g_pick SELECT 'restock', ROW_NUMBER() OVER (ORDER BY id) - 1, id FROM products
    WHERE expected_restock IS NOT NULL;
CREATE TEMP TABLE g_lists AS SELECT list, COUNT(*) AS size FROM g_pick GROUP BY list;

-- Orders.
INSERT INTO orders (id, number, customer_id, email, customer_name, locale, currency, placed_at,
                    payment_status, lifecycle, cancel_reason, cancel_note, cancelled_at,
                    shipping_method, shipping_address, cancel_deadline, promised_ship_earliest,
                    promised_ship_latest, version, created_at, updated_at,
                    promised_delivery_earliest, promised_delivery_latest)
SELECT g.id, CAST(100000 + g.id AS TEXT), c.id, c.email, c.name, c.locale, l.currency,
       g.placed_at,
       CASE WHEN g.state = 6 AND g.misc % 3 = 0 THEN 'pending'
            WHEN g.state = 7 THEN 'pending'
            WHEN g.state = 8 AND g.placed_at < {{NOW}} - 14 * 86400000::bigint THEN 'refunded'
            WHEN g.state IN (4, 9) AND g.misc % 5 = 0 THEN 'authorized'
            ELSE 'paid' END,
       CASE WHEN g.state = 8 THEN 'cancelled' ELSE 'open' END,
       CASE WHEN g.state = 8 THEN 'customer' END,
       CASE WHEN g.state = 8 THEN r.label END,
       CASE WHEN g.state = 8 THEN g.placed_at + 600000 + g.misc * 60000 END,
       CASE WHEN l.locale = 'nb' AND g.misc % 10 < 7 THEN 'Posten Bring – pakke i postkassen'
            ELSE 'Standard (PostNL / Posti)' END,
       '{"lines":["' || p.street || ' ' || (1 + c.id % 80) || '","' || p.city || '","'
           || p.country || '"]}',
       g.placed_at + 3600000,
       pg_temp.day(g.placed_at, 1),
       pg_temp.day(g.placed_at, 3),
       st.version, g.placed_at, g.placed_at,
       pg_temp.day(g.placed_at, 2),
       pg_temp.day(g.placed_at, 8)
FROM g_orders g
JOIN g_state st ON st.state = g.state
JOIN customers c ON c.id = g.customer_id
JOIN g_locale l ON l.locale = c.locale AND l.k = c.id % 10
JOIN g_place p ON p.locale = c.locale AND p.k = c.id % 4
JOIN g_reason r ON r.k = g.misc % 4
ORDER BY g.id;

-- Lines: the product and quantity are drawn once per line (MATERIALIZED keeps the draw).
INSERT INTO order_lines (order_id, position, sku, title, unit_price, quantity,
                         quantity_fulfilled, quantity_cancelled, quantity_backordered,
                         backorder_choice, promised_ship_earliest, promised_ship_latest)
WITH x AS MATERIALIZED (
    SELECT g.id, g.state, g.placed_at, pos.n AS position,
           CASE WHEN g.state = 9 THEN 'safe'
                WHEN g.state = 5 AND pos.n = 1 THEN 'restock' ELSE 'any' END AS list,
           floor(random() * 1e12)::bigint AS r
    FROM g_orders g JOIN g_pos pos ON pos.n <= g.nlines
)
SELECT x.id, x.position, pr.sku, pr.title,
       CASE o.currency WHEN 'NOK' THEN pr.price_nok ELSE pr.price_eur END,
       x.q,
       CASE WHEN x.state IN (1, 2) OR (x.state = 3 AND x.position = 1) THEN x.q ELSE 0 END,
       CASE WHEN x.state = 8 THEN x.q ELSE 0 END,
       CASE WHEN x.list = 'restock' THEN x.q ELSE 0 END,
       'wait',
       CASE WHEN x.list = 'restock' THEN pr.expected_restock ELSE o.promised_ship_earliest END,
       CASE WHEN x.list = 'restock' THEN (pr.expected_restock::date + 2)::text
            ELSE o.promised_ship_latest END
FROM (SELECT x.*, CASE WHEN x.r % 10 < 7 THEN 1 WHEN x.r % 10 < 9 THEN 2 ELSE 3 END AS q
      FROM x) x
JOIN g_lists gl ON gl.list = x.list
JOIN g_pick k ON k.list = x.list AND k.k = (x.r / 10) % gl.size
JOIN g_products pr ON pr.id = k.product_id
JOIN orders o ON o.id = x.id
ORDER BY x.id, x.position;

-- One parcel per shipped order (its id is the order's), with its lines.
INSERT INTO fulfilments (id, order_id, status, carrier, tracking_number, tracking_url,
                         created_at, shipped_at, delivered_at)
SELECT g.id, g.id, CASE g.state WHEN 1 THEN 'delivered' ELSE 'shipped' END,
       l.carrier, l.tracking_prefix || (100000 + g.id),
       l.tracking_url || l.tracking_prefix || (100000 + g.id),
       g.placed_at + 86400000 + g.misc * 60000,
       g.placed_at + 86400000 + g.misc * 60000,
       CASE g.state WHEN 1 THEN g.placed_at + 3 * 86400000 + g.misc * 120000 END
FROM g_orders g
JOIN orders o ON o.id = g.id
JOIN g_locale l ON l.locale = o.locale AND l.k = o.customer_id % 10
WHERE g.state IN (1, 2, 3)
ORDER BY g.id;

INSERT INTO fulfilment_lines (fulfilment_id, line_id, quantity)
SELECT order_id, id, quantity_fulfilled FROM order_lines WHERE quantity_fulfilled > 0;

-- Holds on the orders on hold.
INSERT INTO holds (order_id, reason, note, placed_at, placed_by)
SELECT g.id,
       CASE g.misc % 3 WHEN 0 THEN 'awaiting_payment' WHEN 1 THEN 'address_check'
                       ELSE 'fraud_review' END,
       NULL, g.placed_at + 1800000, 'shop'
FROM g_orders g WHERE g.state = 6 ORDER BY g.id;

-- Some processing orders, past their cancellation window, whose shopper asked the shop to
-- cancel (the request claimed the order: one more version).
INSERT INTO cancellation_requests (order_id, status, reason, note, created_at)
SELECT g.id, 'requested', r.label, NULL, g.placed_at + 5400000
FROM g_orders g JOIN g_reason r ON r.k = g.misc % 4
WHERE g.state = 4 AND g.misc % 10 = 0 ORDER BY g.id;
UPDATE orders SET version = version + 1 WHERE id IN (SELECT order_id FROM cancellation_requests);

-- Cancelled orders: the refund of everything, its lines and the cancellation record.
INSERT INTO refunds (id, order_id, amount, currency, reason, status, created_at, confirmed_at)
SELECT o.id, o.id, SUM(l.unit_price * l.quantity), o.currency, 'customer_cancelled',
       CASE o.payment_status WHEN 'refunded' THEN 'confirmed' ELSE 'pending' END,
       o.cancelled_at,
       CASE o.payment_status WHEN 'refunded' THEN o.cancelled_at + 2 * 86400000 END
FROM orders o JOIN order_lines l ON l.order_id = o.id
WHERE o.lifecycle = 'cancelled'
GROUP BY o.id ORDER BY o.id;

INSERT INTO refund_lines (refund_id, line_id, quantity, amount)
SELECT l.order_id, l.id, l.quantity, l.unit_price * l.quantity
FROM order_lines l WHERE l.quantity_cancelled > 0;

INSERT INTO cancellations (order_id, line_id, quantity, actor, reason, shopper_reason, note,
                           refund_amount, created_at)
SELECT r.order_id, NULL, (SELECT SUM(quantity) FROM refund_lines WHERE refund_id = r.id),
       'shopper', 'customer', g.code, o.cancel_note, r.amount, r.created_at
FROM refunds r JOIN orders o ON o.id = r.order_id
JOIN g_orders go ON go.id = o.id JOIN g_reason g ON g.k = go.misc % 4
ORDER BY r.order_id;
