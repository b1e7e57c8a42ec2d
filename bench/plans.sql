-- The queries behind the benchmarked endpoints, copied from src/server/store (the source is
-- named in each header) with the format!() pieces filled in. bench/plans.sh explains each.
-- Header: -- == title | source | PostgreSQL parameter types | sample arguments (psql variables)
-- {agg} and {arr} stand for each engine's JSON functions, {user} for its match of an event's
-- merchant user, {hold} for its join of the open hold (bench/plans.sh fills them in).

-- ---- GET /orders/{number} (verified session): web/locale.rs, then services/order_page.rs --
-- == the whole order by number with the session's access: its open hold, pending cancellation requests, refunded, and its lines, parcels and shopper-visible timeline as JSON arrays | store/orders.rs seen_sql (find_seen), store/order_contents.rs | text, text, bigint | :'number', :'hash', :now
SELECT o.id, o.number, o.customer_id, o.email, o.customer_name, o.locale, o.currency,
       o.placed_at, o.payment_status, o.lifecycle, o.shipping_method, o.shipping_address,
       o.version, o.cancel_deadline, o.promised_ship_earliest, o.promised_ship_latest,
       o.promised_delivery_earliest, o.promised_delivery_latest,
       h.id AS hold_id, h.reason AS hold_reason, h.note AS hold_note,
       h.placed_at AS hold_placed_at,
       (SELECT COUNT(*) FROM cancellation_requests
        WHERE order_id = o.id AND status = 'requested') AS requests,
       (SELECT CAST(COALESCE(SUM(amount), 0) AS BIGINT) FROM refunds
        WHERE order_id = o.id) AS refunded,
       (SELECT CAST({agg}({arr}(
            {arr}(l.id, l.position, l.sku, l.title, l.unit_price, l.quantity,
                  l.quantity_fulfilled, l.quantity_cancelled, l.quantity_backordered,
                  l.backorder_choice, l.promised_ship_earliest, l.promised_ship_latest),
            {arr}(p.sku, p.title, p.processing_min_days, p.processing_max_days,
                  CAST(p.made_to_order AS INTEGER), CAST(p.not_cancellable AS INTEGER),
                  p.stock, p.expected_restock))) AS TEXT)
        FROM order_lines l LEFT JOIN products p ON p.sku = l.sku
        WHERE l.order_id = o.id) AS contents_lines,
       (SELECT CAST({agg}({arr}(f.id, f.status, f.carrier, f.tracking_number, f.tracking_url,
                  f.shipped_at, f.delivered_at, fl.line_id, fl.quantity)) AS TEXT)
        FROM fulfilments f LEFT JOIN fulfilment_lines fl ON fl.fulfilment_id = f.id
        WHERE f.order_id = o.id) AS contents_parcels,
       (SELECT CAST({agg}({arr}(e.id, e.at, e.kind, e.data, e.actor, u.email)) AS TEXT)
        FROM order_events e
        LEFT JOIN merchant_users u ON e.actor = 'merchant' AND {user}
        WHERE e.order_id = o.id AND e.visible_to_shopper = TRUE) AS contents_events,
       (SELECT CASE WHEN s.customer_id = o.customer_id THEN 'verified' ELSE so.access END
        FROM sessions s
        LEFT JOIN session_orders so ON so.session_id = s.id AND so.order_id = o.id
        WHERE s.token_hash = $2 AND s.expires_at > $3
          AND (so.access IS NOT NULL OR s.customer_id = o.customer_id)) AS access
FROM orders o
{hold}
WHERE o.number = $1;

-- == settings document (backorders; the status page keeps policy and processing for 1 s) | store/catalog.rs setting | text | 'processing'
SELECT value FROM settings WHERE key = $1;

-- ---- POST /fn/lookup: services/lookup.rs, services/limits.rs ------------------------------
-- == attempt counter (per address, per order) | store/rate_limit.rs hit | text, bigint, bigint | 'lookup:order:' || :'number', :now, :now - 900000
INSERT INTO rate_limits (key, window_start, count) VALUES ($1, $2, 1)
ON CONFLICT (key) DO UPDATE SET
    count = CASE WHEN rate_limits.window_start <= $3 AND rate_limits.blocked_until <= $2
                 THEN 1 ELSE rate_limits.count + 1 END,
    window_start = CASE WHEN rate_limits.window_start <= $3
                         AND rate_limits.blocked_until <= $2
                        THEN $2 ELSE rate_limits.window_start END
RETURNING count, window_start, blocked_until;

-- == live session from the cookie (then the order by number: the first statement above without its access column) | store/sessions.rs find | text, bigint | :'hash', :now
SELECT id FROM sessions WHERE token_hash = $1 AND expires_at > $2;

-- == new session | store/sessions.rs create | text, bigint, bigint | 'bench-plan', :now, :now + 86400000
INSERT INTO sessions (token_hash, created_at, expires_at) VALUES ($1, $2, $3) RETURNING id;

-- == redacted grant | store/sessions.rs grant | bigint, bigint, text, bigint | :session_id, :order_id, 'redacted', :now
INSERT INTO session_orders (session_id, order_id, access, granted_at)
VALUES ($1, $2, $3, $4)
ON CONFLICT (session_id, order_id) DO UPDATE SET
    access = CASE WHEN session_orders.access = 'verified' THEN 'verified'
                  ELSE excluded.access END,
    granted_at = excluded.granted_at;

-- ---- POST /api/v1/estimates: rest/auth.rs, then the settings as above and the products ----
-- == API token | store/api.rs find_live_token | text | :'api_hash'
SELECT id, name, created_at, last_used_at, revoked_at FROM api_tokens
WHERE token_hash = $1 AND revoked_at IS NULL;

-- == token last used (at most once a minute) | store/api.rs touch_token | bigint, bigint | 1, :now
UPDATE api_tokens SET last_used_at = $2
WHERE id = $1 AND (last_used_at IS NULL OR last_used_at < $2 - 60000);

-- == the cart's products | store/catalog.rs products_by_sku | text, text | :'sku1', :'sku2'
SELECT sku, title, processing_min_days, processing_max_days,
    made_to_order, not_cancellable, stock, expected_restock, updated_at FROM products WHERE sku IN ($1, $2);
