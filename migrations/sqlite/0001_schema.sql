-- The whole data model (DESIGN §4). Instants are UTC unix milliseconds (INTEGER); shop-local
-- calendar dates are 'YYYY-MM-DD' text; money is integer minor units; flags are 0/1.

CREATE TABLE customers (
    id            INTEGER PRIMARY KEY,
    email         TEXT    NOT NULL UNIQUE,
    name          TEXT    NOT NULL,
    locale        TEXT    NOT NULL,
    password_hash TEXT,
    created_at    INTEGER NOT NULL
);

CREATE TABLE products (
    id                  INTEGER PRIMARY KEY,
    sku                 TEXT    NOT NULL UNIQUE,
    title               TEXT    NOT NULL,
    processing_min_days INTEGER,
    processing_max_days INTEGER,
    made_to_order       INTEGER NOT NULL DEFAULT 0,
    not_cancellable     INTEGER NOT NULL DEFAULT 0,
    stock               INTEGER NOT NULL DEFAULT 0,
    expected_restock    TEXT,
    updated_at          INTEGER NOT NULL
);

CREATE TABLE orders (
    id                     INTEGER PRIMARY KEY,
    number                 TEXT    NOT NULL UNIQUE,
    customer_id            INTEGER NOT NULL REFERENCES customers (id),
    email                  TEXT    NOT NULL,
    customer_name          TEXT    NOT NULL,
    locale                 TEXT    NOT NULL,
    currency               TEXT    NOT NULL,
    placed_at              INTEGER NOT NULL,
    payment_status         TEXT    NOT NULL,
    lifecycle              TEXT    NOT NULL DEFAULT 'open',
    cancel_reason          TEXT,
    cancel_note            TEXT,
    cancelled_at           INTEGER,
    shipping_method        TEXT    NOT NULL,
    shipping_address       TEXT,
    cancel_deadline        INTEGER,
    promised_ship_earliest TEXT,
    promised_ship_latest   TEXT,
    version                INTEGER NOT NULL DEFAULT 1,
    created_at             INTEGER NOT NULL,
    updated_at             INTEGER NOT NULL
);
CREATE INDEX orders_by_email ON orders (email, placed_at DESC);
CREATE INDEX orders_by_placed ON orders (placed_at DESC, id DESC);
CREATE INDEX orders_by_lifecycle ON orders (lifecycle, placed_at DESC);

CREATE TABLE order_lines (
    id                     INTEGER PRIMARY KEY,
    order_id               INTEGER NOT NULL REFERENCES orders (id),
    position               INTEGER NOT NULL,
    sku                    TEXT    NOT NULL,
    title                  TEXT    NOT NULL,
    unit_price             INTEGER NOT NULL,
    quantity               INTEGER NOT NULL CHECK (quantity > 0),
    quantity_fulfilled     INTEGER NOT NULL DEFAULT 0 CHECK (quantity_fulfilled >= 0),
    quantity_cancelled     INTEGER NOT NULL DEFAULT 0 CHECK (quantity_cancelled >= 0),
    quantity_backordered   INTEGER NOT NULL DEFAULT 0 CHECK (quantity_backordered >= 0),
    backorder_choice       TEXT    NOT NULL DEFAULT 'wait',
    promised_ship_earliest TEXT,
    promised_ship_latest   TEXT,
    UNIQUE (order_id, position)
);
CREATE INDEX order_lines_by_sku ON order_lines (sku);

CREATE TABLE fulfilments (
    id              INTEGER PRIMARY KEY,
    order_id        INTEGER NOT NULL REFERENCES orders (id),
    status          TEXT    NOT NULL,
    carrier         TEXT,
    tracking_number TEXT,
    tracking_url    TEXT,
    created_at      INTEGER NOT NULL,
    shipped_at      INTEGER,
    delivered_at    INTEGER
);
CREATE INDEX fulfilments_by_order ON fulfilments (order_id);

CREATE TABLE fulfilment_lines (
    fulfilment_id INTEGER NOT NULL REFERENCES fulfilments (id),
    line_id       INTEGER NOT NULL REFERENCES order_lines (id),
    quantity      INTEGER NOT NULL CHECK (quantity > 0),
    PRIMARY KEY (fulfilment_id, line_id)
);
CREATE INDEX fulfilment_lines_by_line ON fulfilment_lines (line_id);

CREATE TABLE holds (
    id          INTEGER PRIMARY KEY,
    order_id    INTEGER NOT NULL REFERENCES orders (id),
    reason      TEXT    NOT NULL,
    note        TEXT,
    placed_at   INTEGER NOT NULL,
    placed_by   TEXT    NOT NULL,
    released_at INTEGER,
    released_by TEXT
);
CREATE INDEX holds_by_order ON holds (order_id, released_at);

CREATE TABLE refunds (
    id           INTEGER PRIMARY KEY,
    order_id     INTEGER NOT NULL REFERENCES orders (id),
    amount       INTEGER NOT NULL CHECK (amount >= 0),
    currency     TEXT    NOT NULL,
    reason       TEXT    NOT NULL,
    status       TEXT    NOT NULL DEFAULT 'pending',
    created_at   INTEGER NOT NULL,
    confirmed_at INTEGER
);
CREATE INDEX refunds_by_order ON refunds (order_id);
CREATE INDEX refunds_by_status ON refunds (status, created_at);

CREATE TABLE refund_lines (
    refund_id INTEGER NOT NULL REFERENCES refunds (id),
    line_id   INTEGER NOT NULL REFERENCES order_lines (id),
    quantity  INTEGER NOT NULL,
    amount    INTEGER NOT NULL,
    PRIMARY KEY (refund_id, line_id)
);

CREATE TABLE cancellation_requests (
    id         INTEGER PRIMARY KEY,
    order_id   INTEGER NOT NULL REFERENCES orders (id),
    status     TEXT    NOT NULL DEFAULT 'requested',
    reason     TEXT    NOT NULL,
    note       TEXT,
    created_at INTEGER NOT NULL,
    decided_at INTEGER,
    decided_by TEXT,
    message    TEXT
);
CREATE INDEX cancellation_requests_by_order ON cancellation_requests (order_id);
CREATE INDEX cancellation_requests_by_status ON cancellation_requests (status, created_at);

CREATE TABLE order_events (
    id                 INTEGER PRIMARY KEY,
    order_id           INTEGER NOT NULL REFERENCES orders (id),
    at                 INTEGER NOT NULL,
    actor              TEXT    NOT NULL,
    actor_id           TEXT,
    kind               TEXT    NOT NULL,
    data               TEXT    NOT NULL,
    visible_to_shopper INTEGER NOT NULL
);
CREATE INDEX order_events_by_order ON order_events (order_id, id);

CREATE TABLE merchant_users (
    id            INTEGER PRIMARY KEY,
    email         TEXT    NOT NULL UNIQUE,
    password_hash TEXT    NOT NULL,
    role          TEXT    NOT NULL,
    created_at    INTEGER NOT NULL,
    removed_at    INTEGER
);

CREATE TABLE sessions (
    id               INTEGER PRIMARY KEY,
    token_hash       TEXT    NOT NULL UNIQUE,
    merchant_user_id INTEGER REFERENCES merchant_users (id),
    customer_id      INTEGER REFERENCES customers (id),
    created_at       INTEGER NOT NULL,
    expires_at       INTEGER NOT NULL
);
CREATE INDEX sessions_by_expiry ON sessions (expires_at);

CREATE TABLE session_orders (
    session_id INTEGER NOT NULL REFERENCES sessions (id) ON DELETE CASCADE,
    order_id   INTEGER NOT NULL REFERENCES orders (id),
    access     TEXT    NOT NULL,
    granted_at INTEGER NOT NULL,
    PRIMARY KEY (session_id, order_id)
);

CREATE TABLE order_links (
    id         INTEGER PRIMARY KEY,
    token_hash TEXT    NOT NULL UNIQUE,
    order_id   INTEGER NOT NULL REFERENCES orders (id),
    outbox_id  INTEGER,
    created_at INTEGER NOT NULL,
    expires_at INTEGER NOT NULL
);
CREATE INDEX order_links_by_order ON order_links (order_id);
CREATE INDEX order_links_by_outbox ON order_links (outbox_id);

CREATE TABLE outbox (
    id              INTEGER PRIMARY KEY,
    kind            TEXT    NOT NULL,
    topic           TEXT    NOT NULL,
    order_id        INTEGER REFERENCES orders (id),
    payload         TEXT    NOT NULL,
    message_id      TEXT    NOT NULL UNIQUE,
    status          TEXT    NOT NULL DEFAULT 'pending',
    attempts        INTEGER NOT NULL DEFAULT 0,
    next_attempt_at INTEGER NOT NULL,
    locked_until    INTEGER,
    last_error      TEXT,
    created_at      INTEGER NOT NULL,
    sent_at         INTEGER
);
CREATE INDEX outbox_due ON outbox (status, next_attempt_at);
CREATE INDEX outbox_by_order ON outbox (order_id);

CREATE TABLE idempotency_keys (
    scope           TEXT    NOT NULL,
    key             TEXT    NOT NULL,
    request_hash    TEXT    NOT NULL,
    response_status INTEGER,
    response_body   TEXT,
    created_at      INTEGER NOT NULL,
    PRIMARY KEY (scope, key)
);
CREATE INDEX idempotency_keys_by_age ON idempotency_keys (created_at);

CREATE TABLE api_tokens (
    id           INTEGER PRIMARY KEY,
    name         TEXT    NOT NULL,
    token_hash   TEXT    NOT NULL UNIQUE,
    created_at   INTEGER NOT NULL,
    last_used_at INTEGER,
    revoked_at   INTEGER
);

CREATE TABLE settings (
    key        TEXT    PRIMARY KEY,
    value      TEXT    NOT NULL,
    version    INTEGER NOT NULL DEFAULT 1,
    updated_at INTEGER NOT NULL,
    updated_by TEXT
);

CREATE TABLE audit_log (
    id       INTEGER PRIMARY KEY,
    at       INTEGER NOT NULL,
    actor    TEXT    NOT NULL,
    actor_id TEXT,
    action   TEXT    NOT NULL,
    data     TEXT    NOT NULL
);
CREATE INDEX audit_log_by_time ON audit_log (at DESC);

CREATE TABLE rate_limits (
    key          TEXT    PRIMARY KEY,
    window_start INTEGER NOT NULL,
    count        INTEGER NOT NULL
);
