-- Backorders (DESIGN §5.3): when the shopper made their choice, and the delay notices with the
-- one-click answers they carry.
ALTER TABLE order_lines ADD COLUMN backorder_choice_at INTEGER;

-- One notice per line and slip: `notice_key` is the ship-by date the line slipped to, or
-- `unknown` (30 days without a restock date). The unique key is what makes the periodic check
-- safe when several instances run it: the insert is the claim.
CREATE TABLE delay_notices (
    id             INTEGER PRIMARY KEY,
    order_id       INTEGER NOT NULL REFERENCES orders (id),
    line_id        INTEGER NOT NULL REFERENCES order_lines (id),
    notice_key     TEXT    NOT NULL,
    -- The line's new ship-by window; NULL when not known.
    ship_earliest  TEXT,
    ship_latest    TEXT,
    created_at     INTEGER NOT NULL,
    expires_at     INTEGER NOT NULL,
    -- `keep_waiting` or `cancelled`, with when the shopper answered.
    answer         TEXT,
    answered_at    INTEGER,
    UNIQUE (line_id, notice_key)
);
CREATE INDEX delay_notices_by_order ON delay_notices (order_id);
CREATE INDEX delay_notices_by_time ON delay_notices (created_at);

-- The two links of a notice, stored as hashes; minted when the email is rendered.
CREATE TABLE delay_notice_links (
    token_hash TEXT    PRIMARY KEY,
    notice_id  INTEGER NOT NULL REFERENCES delay_notices (id),
    action     TEXT    NOT NULL,
    outbox_id  INTEGER
);
CREATE INDEX delay_notice_links_by_outbox ON delay_notice_links (outbox_id);

CREATE INDEX order_lines_backordered ON order_lines (order_id) WHERE quantity_backordered > 0;
