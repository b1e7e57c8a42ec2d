-- Merchant sessions end after 30 idle minutes; remember when each was last used.
ALTER TABLE sessions ADD COLUMN last_seen_at INTEGER NOT NULL DEFAULT 0;
CREATE INDEX sessions_by_user ON sessions (merchant_user_id);
