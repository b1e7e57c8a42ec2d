-- Benchmark data for SQLite, part 3: shopper sessions, and the samples the wrk scripts read.
--
-- Sessions store only the SHA-256 of their cookie token (`server::tokens`). bench/generate.sh
-- makes {{VIEWERS}} + {{CANCELLABLE}} known tokens with their hashes (tokens.csv: k, token,
-- hash): tokens 1..{{VIEWERS}} get verified access to one order each, spread over all the
-- orders that are not cancellable; the rest one each to the cancellable orders.
CREATE TEMP TABLE bench_tokens (k INTEGER PRIMARY KEY, token TEXT, hash TEXT);
.import --csv --schema temp {{TOKENS}} bench_tokens

CREATE TEMP TABLE bench_access (k INTEGER PRIMARY KEY, order_id INTEGER);
INSERT INTO bench_access
SELECT k, CASE WHEN k <= {{VIEWERS}}
               THEN 1 + (k - 1) * (({{ORDERS}} - {{CANCELLABLE}}) / {{VIEWERS}})
               ELSE {{ORDERS}} - {{CANCELLABLE}} + (k - {{VIEWERS}}) END
FROM bench_tokens;

INSERT INTO sessions (id, token_hash, merchant_user_id, customer_id, created_at, expires_at,
                      last_seen_at)
SELECT k, hash, NULL, NULL, {{NOW}} - 3600000, {{NOW}} + 30 * 86400000, 0
FROM bench_tokens ORDER BY k;

INSERT INTO session_orders (session_id, order_id, access, granted_at)
SELECT k, order_id, 'verified', {{NOW}} - 3600000 FROM bench_access ORDER BY k;

-- Other shoppers' sessions of the last 60 days (some expired, some signed in to their
-- account), each with a grant for one order.
CREATE TEMP TABLE g_sessions AS
WITH RECURSIVE s(i) AS (SELECT 1 UNION ALL SELECT i + 1 FROM s WHERE i < {{BACKGROUND_SESSIONS}})
SELECT (SELECT MAX(k) FROM bench_tokens) + i AS id, abs(random()) AS r FROM s;

INSERT INTO sessions (id, token_hash, merchant_user_id, customer_id, created_at, expires_at,
                      last_seen_at)
SELECT g.id, lower(hex(randomblob(32))), NULL,
       CASE WHEN g.r % 10 = 0 THEN o.customer_id END,
       {{NOW}} - (g.r / 1000) % (60 * 86400000),
       {{NOW}} - (g.r / 1000) % (60 * 86400000) + 30 * 86400000, 0
FROM g_sessions g JOIN orders o ON o.id = 1 + (g.r / 100) % {{ORDERS}}
ORDER BY g.id;

INSERT INTO session_orders (session_id, order_id, access, granted_at)
SELECT g.id, 1 + (g.r / 100) % {{ORDERS}},
       CASE WHEN g.r % 10 < 3 THEN 'verified' ELSE 'redacted' END,
       {{NOW}} - (g.r / 1000) % (60 * 86400000)
FROM g_sessions g ORDER BY g.id;

-- The samples for the wrk scripts, one space-separated record per line.
.headers off
.mode list
.separator " "
.once {{OUT}}/view.txt
SELECT o.number, t.token FROM bench_tokens t JOIN bench_access a ON a.k = t.k
JOIN orders o ON o.id = a.order_id WHERE t.k <= {{VIEWERS}} ORDER BY t.k;
.once {{OUT}}/cancel.txt
SELECT o.number, t.token, o.version FROM bench_tokens t JOIN bench_access a ON a.k = t.k
JOIN orders o ON o.id = a.order_id WHERE t.k > {{VIEWERS}} ORDER BY t.k;
.once {{OUT}}/lookup.txt
WITH RECURSIVE s(i) AS (SELECT 1 UNION ALL SELECT i + 1 FROM s WHERE i < {{LOOKUPS}})
SELECT o.number, o.email FROM s
JOIN orders o ON o.id = 1 + (s.i * 7919) % ({{ORDERS}} - {{CANCELLABLE}}) ORDER BY s.i;
.once {{OUT}}/skus.txt
SELECT sku FROM products ORDER BY id;
