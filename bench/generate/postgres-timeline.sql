-- Benchmark data for PostgreSQL, part 2: the same as sqlite-timeline.sql (timelines, sent
-- confirmation emails, signed links) but for how the random hex is made.

INSERT INTO order_events (order_id, at, actor, actor_id, kind, data, visible_to_shopper)
SELECT id, placed_at, 'integration', NULL, 'order_placed', '{"type":"order_placed"}', TRUE
FROM orders ORDER BY id;

INSERT INTO order_events (order_id, at, actor, actor_id, kind, data, visible_to_shopper)
SELECT id, placed_at, 'system', NULL, 'payment_confirmed', '{"type":"payment_confirmed"}', TRUE
FROM orders WHERE payment_status <> 'pending' ORDER BY id;

INSERT INTO order_events (order_id, at, actor, actor_id, kind, data, visible_to_shopper)
SELECT id, placed_at, 'system', NULL, 'confirmation_email_queued',
       '{"type":"confirmation_email_queued"}', FALSE
FROM orders ORDER BY id;

INSERT INTO order_events (order_id, at, actor, actor_id, kind, data, visible_to_shopper)
SELECT order_id, placed_at, 'merchant', NULL, 'hold_placed',
       '{"type":"hold_placed","reason":"' || reason || '"}', TRUE
FROM holds ORDER BY order_id;

INSERT INTO order_events (order_id, at, actor, actor_id, kind, data, visible_to_shopper)
SELECT order_id, created_at, 'shopper', NULL, 'cancellation_requested',
       '{"type":"cancellation_requested","reason":"' || reason || '"}', TRUE
FROM cancellation_requests ORDER BY order_id;

INSERT INTO order_events (order_id, at, actor, actor_id, kind, data, visible_to_shopper)
SELECT order_id, created_at, 'system', NULL, 'email_queued',
       '{"type":"email_queued","template":"request_received"}', FALSE
FROM cancellation_requests ORDER BY order_id;

INSERT INTO order_events (order_id, at, actor, actor_id, kind, data, visible_to_shopper)
SELECT order_id, shipped_at, 'merchant', NULL, 'shipped',
       '{"type":"shipped","carrier":"' || carrier || '","tracking_number":"' || tracking_number
           || '"}', TRUE
FROM fulfilments ORDER BY order_id;

INSERT INTO order_events (order_id, at, actor, actor_id, kind, data, visible_to_shopper)
SELECT order_id, shipped_at, 'system', NULL, 'email_queued',
       '{"type":"email_queued","template":"shipped"}', FALSE
FROM fulfilments ORDER BY order_id;

INSERT INTO order_events (order_id, at, actor, actor_id, kind, data, visible_to_shopper)
SELECT order_id, delivered_at, 'integration', NULL, 'delivered', '{"type":"delivered"}', TRUE
FROM fulfilments WHERE delivered_at IS NOT NULL ORDER BY order_id;

INSERT INTO order_events (order_id, at, actor, actor_id, kind, data, visible_to_shopper)
SELECT id, cancelled_at, 'shopper', NULL, 'order_cancelled',
       '{"type":"order_cancelled","reason":"customer_request","restocked":true}', TRUE
FROM orders WHERE lifecycle = 'cancelled' ORDER BY id;

INSERT INTO order_events (order_id, at, actor, actor_id, kind, data, visible_to_shopper)
SELECT order_id, created_at, 'system', NULL, 'refund_created',
       '{"type":"refund_created","amount":{"minor":' || amount || ',"currency":"' || currency
           || '"}}', TRUE
FROM refunds ORDER BY order_id;

INSERT INTO order_events (order_id, at, actor, actor_id, kind, data, visible_to_shopper)
SELECT r.order_id, r.created_at, 'system', NULL, 'email_queued',
       '{"type":"email_queued","template":"' || t.template || '"}', FALSE
FROM refunds r, (SELECT 'cancelled' AS template UNION ALL SELECT 'shop_notice') t
ORDER BY r.order_id;

INSERT INTO order_events (order_id, at, actor, actor_id, kind, data, visible_to_shopper)
SELECT order_id, confirmed_at, 'integration', NULL, 'refund_confirmed',
       '{"type":"refund_confirmed","amount":{"minor":' || amount || ',"currency":"' || currency
           || '"}}', TRUE
FROM refunds WHERE confirmed_at IS NOT NULL ORDER BY order_id;

-- The order confirmation, sent (its id is the order's), and the signed link it carried.
INSERT INTO outbox (id, kind, topic, order_id, payload, message_id, status, attempts,
                    next_attempt_at, locked_until, last_error, created_at, sent_at)
SELECT id, 'email', 'order_confirmation', id,
       '{"template":"order_confirmation","order_id":' || id || '}',
       md5(id || ':' || random()::text) || '.order_confirmation', 'sent', 1,
       placed_at, NULL, NULL, placed_at, placed_at + 2000
FROM orders ORDER BY id;

INSERT INTO order_links (token_hash, order_id, outbox_id, created_at, expires_at)
SELECT md5(random()::text) || md5(random()::text), id, id, placed_at + 2000,
       placed_at + 2000 + 60 * 86400000::bigint
FROM orders ORDER BY id;
