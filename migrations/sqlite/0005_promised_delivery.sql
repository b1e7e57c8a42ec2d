-- The delivery window promised at placement, next to the ship-by window already stored, so the
-- status page can say "originally …, now …" for both (DESIGN §5.4).
ALTER TABLE orders ADD COLUMN promised_delivery_earliest TEXT;
ALTER TABLE orders ADD COLUMN promised_delivery_latest TEXT;
