-- Set-password links (merchant invitations, customer accounts) and one-time codes, both stored
-- only as hashes; exponential back-off for attempt limits.
CREATE TABLE password_tokens (
    id               INTEGER PRIMARY KEY,
    token_hash       TEXT    NOT NULL UNIQUE,
    merchant_user_id INTEGER REFERENCES merchant_users (id),
    customer_id      INTEGER REFERENCES customers (id),
    outbox_id        INTEGER,
    created_at       INTEGER NOT NULL,
    expires_at       INTEGER NOT NULL,
    used_at          INTEGER
);

CREATE TABLE one_time_codes (
    id         INTEGER PRIMARY KEY,
    session_id INTEGER NOT NULL REFERENCES sessions (id) ON DELETE CASCADE,
    order_id   INTEGER NOT NULL REFERENCES orders (id),
    code_hash  TEXT    NOT NULL,
    attempts   INTEGER NOT NULL DEFAULT 0,
    created_at INTEGER NOT NULL,
    expires_at INTEGER NOT NULL,
    used_at    INTEGER
);
CREATE INDEX one_time_codes_by_session ON one_time_codes (session_id, order_id);

ALTER TABLE rate_limits ADD COLUMN blocked_until INTEGER NOT NULL DEFAULT 0;
CREATE INDEX sessions_by_customer ON sessions (customer_id);
