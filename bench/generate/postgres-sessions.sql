-- Benchmark data for PostgreSQL, part 3: the same sessions and samples as sqlite-sessions.sql
-- (read that file for what they are), then the identity sequences moved past the ids given
-- here and fresh planner statistics, as autovacuum would have them on a live database.
CREATE TEMP TABLE bench_tokens (k BIGINT PRIMARY KEY, token TEXT, hash TEXT);
\copy bench_tokens FROM '{{TOKENS}}' WITH (FORMAT csv)

CREATE TEMP TABLE bench_access (k BIGINT PRIMARY KEY, order_id BIGINT);
INSERT INTO bench_access
SELECT k, CASE WHEN k <= {{VIEWERS}}
               THEN 1 + (k - 1) * (({{ORDERS}} - {{CANCELLABLE}}) / {{VIEWERS}})
               ELSE {{ORDERS}} - {{CANCELLABLE}} + (k - {{VIEWERS}}) END
FROM bench_tokens;

INSERT INTO sessions (id, token_hash, merchant_user_id, customer_id, created_at, expires_at,
                      last_seen_at)
SELECT k, hash, NULL, NULL, {{NOW}} - 3600000, {{NOW}} + 30 * 86400000::bigint, 0
FROM bench_tokens ORDER BY k;

INSERT INTO session_orders (session_id, order_id, access, granted_at)
SELECT k, order_id, 'verified', {{NOW}} - 3600000 FROM bench_access ORDER BY k;

CREATE TEMP TABLE g_sessions AS
SELECT (SELECT MAX(k) FROM bench_tokens) + i AS id, floor(random() * 1e15)::bigint AS r
FROM generate_series(1, {{BACKGROUND_SESSIONS}}) AS s(i);

INSERT INTO sessions (id, token_hash, merchant_user_id, customer_id, created_at, expires_at,
                      last_seen_at)
SELECT g.id, md5(g.id || ':' || random()::text) || md5(random()::text), NULL,
       CASE WHEN g.r % 10 = 0 THEN o.customer_id END,
       {{NOW}} - (g.r / 1000) % (60 * 86400000::bigint),
       {{NOW}} - (g.r / 1000) % (60 * 86400000::bigint) + 30 * 86400000::bigint, 0
FROM g_sessions g JOIN orders o ON o.id = 1 + (g.r / 100) % {{ORDERS}}
ORDER BY g.id;

INSERT INTO session_orders (session_id, order_id, access, granted_at)
SELECT g.id, 1 + (g.r / 100) % {{ORDERS}},
       CASE WHEN g.r % 10 < 3 THEN 'verified' ELSE 'redacted' END,
       {{NOW}} - (g.r / 1000) % (60 * 86400000::bigint)
FROM g_sessions g ORDER BY g.id;

-- The samples for the wrk scripts (\copy takes its query on one line).
\copy (SELECT o.number, t.token FROM bench_tokens t JOIN bench_access a ON a.k = t.k JOIN orders o ON o.id = a.order_id WHERE t.k <= {{VIEWERS}} ORDER BY t.k) TO '{{OUT}}/view.txt' WITH (DELIMITER ' ')
\copy (SELECT o.number, t.token, o.version FROM bench_tokens t JOIN bench_access a ON a.k = t.k JOIN orders o ON o.id = a.order_id WHERE t.k > {{VIEWERS}} ORDER BY t.k) TO '{{OUT}}/cancel.txt' WITH (DELIMITER ' ')
\copy (SELECT o.number, o.email FROM generate_series(1, {{LOOKUPS}}) AS s(i) JOIN orders o ON o.id = 1 + (s.i * 7919) % ({{ORDERS}} - {{CANCELLABLE}}) ORDER BY s.i) TO '{{OUT}}/lookup.txt' WITH (DELIMITER ' ')
\copy (SELECT sku FROM products ORDER BY id) TO '{{OUT}}/skus.txt'

-- Ids were given explicitly above: the next ones the portal takes must come after them.
DO $$
DECLARE t TEXT;
BEGIN
    FOREACH t IN ARRAY ARRAY['customers', 'products', 'orders', 'fulfilments', 'refunds',
                             'outbox', 'sessions'] LOOP
        EXECUTE format('SELECT setval(pg_get_serial_sequence(%L, ''id''),
                                      (SELECT COALESCE(MAX(id), 0) + 1 FROM %I), false)', t, t);
    END LOOP;
END $$;

ANALYZE;
