//! One conformance suite for the storage layer, run against SQLite and PostgreSQL alike.
#![cfg(feature = "ssr")]

mod common;

use common::{fresh_db, Engine};
use order_portal::domain::{Actor, Currency, CustomerEmail, OrderNumber, PaymentStatus};
use order_portal::i18n::Locale;
use order_portal::server::services::place_order::{place, Confirm, DraftLine, OrderDraft};
use order_portal::server::services::{limits, ServiceError};
use order_portal::server::store::catalog::{self, ProductRow};
use order_portal::server::store::outbox::{self, NewMessage};
use order_portal::server::store::{flag, handling, orders, rate_limit, requests, sessions, Db};
use sqlx::Row;
use std::collections::HashSet;

fn draft(number: &str) -> OrderDraft {
    OrderDraft {
        number: OrderNumber::parse(number).unwrap(),
        email: CustomerEmail::parse("test@example.no").unwrap(),
        customer_name: "Test <Kunde> 'O''Brien'; DROP TABLE orders;--".into(),
        locale: Locale::Nb,
        currency: Currency::parse("NOK").unwrap(),
        placed_at: jiff::Timestamp::now(),
        payment: PaymentStatus::Paid,
        shipping_method: "Posten".into(),
        shipping_address: Some(vec!["Gate 1".into(), "0150 Oslo".into()]),
        lines: vec![DraftLine {
            sku: "SKU-1".into(),
            title: "Ting – æøå".into(),
            unit_price: 12_345,
            quantity: 2,
            quantity_backordered: 1,
        }],
    }
}

async fn outbox_count(db: &Db, status: &str) -> i64 {
    let mut conn = db.read().await.unwrap();
    outbox::count_by_status(&mut conn, status).await.unwrap()
}

both_engines! {
    async fn a_placed_order_is_stored_whole_with_one_queued_email(engine: Engine) {
        let (db, _dir) = fresh_db(engine).await;
        let id = place(&db, &draft("T-1"), Actor::Integration, jiff::Timestamp::now(), Confirm::Send).await.unwrap();
        let mut conn = db.read().await.unwrap();
        let row = orders::find_by_number(&mut conn, "T-1").await.unwrap().expect("stored");
        assert_eq!(row.id, id);
        assert_eq!(row.customer_name, "Test <Kunde> 'O''Brien'; DROP TABLE orders;--");
        let stored = orders::load(&mut conn, row, true).await.unwrap();
        assert_eq!(stored.lines.len(), 1);
        assert_eq!(stored.lines[0].title, "Ting – æøå");
        assert_eq!(stored.lines[0].quantity_backordered, 1);
        let kinds: Vec<&str> = stored.events.iter().map(|e| e.kind.as_str()).collect();
        assert_eq!(kinds, ["order_placed", "payment_confirmed"], "internal events are hidden from shoppers");
        drop(conn);
        assert_eq!(outbox_count(&db, "pending").await, 1);
    }

    async fn a_duplicate_order_number_is_refused_and_changes_nothing(engine: Engine) {
        let (db, _dir) = fresh_db(engine).await;
        place(&db, &draft("T-2"), Actor::Integration, jiff::Timestamp::now(), Confirm::Send).await.unwrap();
        let again = place(&db, &draft("T-2"), Actor::Integration, jiff::Timestamp::now(), Confirm::Send).await;
        assert!(matches!(again, Err(ServiceError::DuplicateOrder)), "{again:?}");
        assert_eq!(outbox_count(&db, "pending").await, 1);
    }

    async fn concurrent_workers_claim_each_outbox_row_once(engine: Engine) {
        let (db, _dir) = fresh_db(engine).await;
        let mut tx = db.begin().await.unwrap();
        for i in 0..40 {
            let id = format!("m{i}");
            let m = NewMessage { kind: "email", topic: "t", order_id: None, payload: "{}", message_id: &id };
            outbox::enqueue(&mut tx, &m, 0).await.unwrap();
        }
        tx.commit().await.unwrap();
        let claims = (0..4).map(|_| {
            let db = db.clone();
            tokio::spawn(async move { outbox::claim_due(&db, 1000, 60_000, 15).await.unwrap() })
        });
        let mut seen = HashSet::new();
        let mut total = 0;
        for claim in claims {
            for row in claim.await.unwrap() {
                total += 1;
                assert!(seen.insert(row.id), "row {} claimed twice", row.id);
            }
        }
        assert_eq!(total, 40);
        assert!(outbox::claim_due(&db, 2000, 60_000, 15).await.unwrap().is_empty(), "leased rows stay claimed");
        assert_eq!(outbox::claim_due(&db, 70_000, 60_000, 100).await.unwrap().len(), 40, "an expired lease is claimable");
    }

    async fn a_lease_renews_only_while_no_other_worker_took_the_message_over(engine: Engine) {
        let (db, _dir) = fresh_db(engine).await;
        let mut tx = db.begin().await.unwrap();
        for id in ["slow", "fast"] {
            let m = NewMessage { kind: "email", topic: "t", order_id: None, payload: "{}", message_id: id };
            outbox::enqueue(&mut tx, &m, 0).await.unwrap();
        }
        tx.commit().await.unwrap();
        // Worker A claims both until 11 000 and renews the first before sending it.
        let a = outbox::claim_due(&db, 1_000, 10_000, 10).await.unwrap();
        assert_eq!(a.len(), 2);
        assert!(outbox::renew(&db, a[0].id, 11_000, 40_000).await.unwrap(), "A still holds it");
        // A's first send is slow: the second message's lease runs out and worker B takes it.
        let b = outbox::claim_due(&db, 12_000, 10_000, 10).await.unwrap();
        assert_eq!(b.iter().map(|r| r.id).collect::<Vec<_>>(), vec![a[1].id], "only the unrenewed one");
        assert!(!outbox::renew(&db, a[1].id, 11_000, 50_000).await.unwrap(), "A must skip it now");
        assert!(outbox::renew(&db, b[0].id, 22_000, 50_000).await.unwrap(), "B sends it");
        let mut conn = db.begin().await.unwrap();
        outbox::mark_sent(&mut conn, a[0].id, 13_000).await.unwrap();
        conn.commit().await.unwrap();
        assert!(!outbox::renew(&db, a[0].id, 40_000, 60_000).await.unwrap(), "a sent message is not leased again");
    }

    async fn failed_deliveries_back_off_and_die_after_the_last_attempt(engine: Engine) {
        let (db, _dir) = fresh_db(engine).await;
        let mut tx = db.begin().await.unwrap();
        let m = NewMessage { kind: "email", topic: "t", order_id: None, payload: "{}", message_id: "x" };
        let id = outbox::enqueue(&mut tx, &m, 0).await.unwrap();
        outbox::mark_failed(&mut tx, id, "refused", 5_000, false).await.unwrap();
        tx.commit().await.unwrap();
        assert!(outbox::claim_due(&db, 4_999, 1, 10).await.unwrap().is_empty());
        assert_eq!(outbox::claim_due(&db, 5_000, 1, 10).await.unwrap().len(), 1);
        let mut tx = db.begin().await.unwrap();
        outbox::mark_failed(&mut tx, id, "refused again", 6_000, true).await.unwrap();
        tx.commit().await.unwrap();
        assert_eq!(outbox_count(&db, "dead").await, 1);
        assert!(outbox::claim_due(&db, 1_000_000, 1, 10).await.unwrap().is_empty());
    }

    async fn rate_limit_windows_count_and_reset(engine: Engine) {
        let (db, _dir) = fresh_db(engine).await;
        let mut tx = db.begin().await.unwrap();
        assert_eq!(rate_limit::hit(&mut tx, "k", 1_000, 60_000).await.unwrap(), (1, 1_000, 0));
        assert_eq!(rate_limit::hit(&mut tx, "k", 2_000, 60_000).await.unwrap(), (2, 1_000, 0));
        assert_eq!(rate_limit::hit(&mut tx, "k", 61_000, 60_000).await.unwrap(), (1, 61_000, 0));
        assert_eq!(rate_limit::hit(&mut tx, "other", 61_000, 60_000).await.unwrap(), (1, 61_000, 0));
        tx.commit().await.unwrap();
    }

    async fn limits_back_off_exponentially_and_hold_past_the_window(engine: Engine) {
        let (db, _dir) = fresh_db(engine).await;
        let mut tx = db.begin().await.unwrap();
        let window = 60_000;
        let keys = [("login:account:x".to_string(), 2)];
        let mut waits = Vec::new();
        for at in [1_000, 2_000, 3_000, 4_000, 5_000] {
            waits.push(limits::count(&mut tx, at, window, &keys).await.unwrap());
        }
        // Two allowed; then 60 s, 120 s, 240 s, each counted from the refused attempt.
        assert_eq!(waits, [None, None, Some(60), Some(120), Some(240)]);
        // The window has long run out, but the block has not: still refused, and longer.
        let later = limits::count(&mut tx, 200_000, window, &keys).await.unwrap();
        assert_eq!(later, Some(480));
        // Once the block has passed, a fresh window starts.
        let after = limits::count(&mut tx, 200_000 + 480_001, window, &keys).await.unwrap();
        assert_eq!(after, None);
        tx.commit().await.unwrap();
    }

    async fn concurrent_rate_limit_hits_are_all_counted(engine: Engine) {
        let (db, _dir) = fresh_db(engine).await;
        let hits = (0..20).map(|_| {
            let db = db.clone();
            tokio::spawn(async move {
                let mut tx = db.begin().await.unwrap();
                let r = rate_limit::hit(&mut tx, "busy", 1_000, 60_000).await.unwrap();
                tx.commit().await.unwrap();
                r.0
            })
        });
        let mut counts = Vec::new();
        for h in hits {
            counts.push(h.await.unwrap());
        }
        counts.sort_unstable();
        assert_eq!(counts, (1..=20).collect::<Vec<_>>());
    }

    async fn a_verified_grant_is_never_lowered(engine: Engine) {
        let (db, _dir) = fresh_db(engine).await;
        let order_id = place(&db, &draft("T-3"), Actor::Integration, jiff::Timestamp::now(), Confirm::Send).await.unwrap();
        let mut tx = db.begin().await.unwrap();
        let session = sessions::create(&mut tx, "hash", 0, 10_000).await.unwrap();
        sessions::grant(&mut tx, session, order_id, "verified", 1).await.unwrap();
        sessions::grant(&mut tx, session, order_id, "redacted", 2).await.unwrap();
        assert_eq!(sessions::access(&mut tx, "hash", order_id, 5).await.unwrap().as_deref(), Some("verified"));
        assert_eq!(sessions::access(&mut tx, "hash", order_id, 10_000).await.unwrap(), None, "expired session");
        assert_eq!(sessions::access(&mut tx, "other", order_id, 5).await.unwrap(), None);
        tx.commit().await.unwrap();
    }

    async fn the_status_page_read_sees_the_same_order_as_a_full_load(engine: Engine) {
        let (db, _dir) = fresh_db(engine).await;
        let mut with_two = draft("T-4");
        with_two.lines.push(DraftLine { sku: "SKU-2".into(), title: "Other".into(), unit_price: 500, quantity: 1, quantity_backordered: 0 });
        with_two.lines.push(DraftLine { sku: "SKU-1".into(), title: "Ting again".into(), unit_price: 100, quantity: 1, quantity_backordered: 0 });
        let order_id = place(&db, &with_two, Actor::Integration, jiff::Timestamp::now(), Confirm::Send).await.unwrap();
        let mut tx = db.begin().await.unwrap();
        let product = ProductRow {
            sku: "SKU-1".into(),
            title: "Ting".into(),
            processing_min_days: Some(2),
            processing_max_days: Some(4),
            made_to_order: true,
            not_cancellable: false,
            stock: 3,
            expected_restock: Some("2030-01-02".into()),
        };
        catalog::upsert_product(&mut tx, &product, 1).await.unwrap();
        let session = sessions::create(&mut tx, "hash", 0, 10_000).await.unwrap();
        sessions::grant(&mut tx, session, order_id, "verified", 1).await.unwrap();
        let older = handling::insert_hold(&mut tx, order_id, "fraud_review", None, "merchant", 5).await.unwrap();
        let newer = handling::insert_hold(&mut tx, order_id, "address_check", Some("Gate 1?"), "merchant", 6).await.unwrap();
        assert_ne!(older, newer);
        requests::insert(&mut tx, order_id, "changed_mind", None, 7).await.unwrap();
        let placed = orders::find_by_id(&mut tx, order_id).await.unwrap().unwrap();
        let lines = orders::load(&mut tx, placed, false).await.unwrap().lines;
        let line = lines[0].id;
        handling::insert_refund(&mut tx, order_id, "NOK", "cancelled", &[(line, 1, 12_345)], 8).await.unwrap();
        handling::insert_refund(&mut tx, order_id, "NOK", "cancelled", &[(line, 1, 55)], 9).await.unwrap();
        let parcel = handling::NewParcel { carrier: Some("Posten"), tracking_number: Some("T1"), tracking_url: None };
        let first = handling::insert_shipped_parcel(&mut tx, order_id, &parcel, 11).await.unwrap();
        handling::ship_line(&mut tx, first, lines[2].id, 1, 1, 0).await.unwrap();
        handling::ship_line(&mut tx, first, lines[0].id, 1, 1, 1).await.unwrap();
        let empty = handling::insert_shipped_parcel(&mut tx, order_id, &parcel, 12).await.unwrap();
        tx.commit().await.unwrap();

        let mut conn = db.read().await.unwrap();
        let (seen, access) = orders::find_for_session(&mut conn, "T-4", "hash", 5).await.unwrap().expect("found");
        assert_eq!(access.as_deref(), Some("verified"));
        assert_eq!(orders::find_for_session(&mut conn, "T-4", "other", 5).await.unwrap().expect("found").1, None, "no grant");
        // The page's own path (the reader outside the pool) reads the same.
        let (by_page, page_access) = orders::find_seen(&db, "T-4", "hash", 5).await.unwrap().expect("found");
        assert_eq!((format!("{by_page:?}"), page_access), (format!("{seen:?}"), access));
        assert_eq!(orders::find_seen(&db, "T-4", "other", 5).await.unwrap().expect("found").1, None, "no grant");
        assert_eq!(orders::find_seen(&db, "T-4", "hash", 10_000).await.unwrap().expect("found").1, None, "expired");
        assert!(orders::find_seen(&db, "T-404", "hash", 5).await.unwrap().is_none());
        let full = orders::load(&mut conn, seen.order.clone(), true).await.unwrap();
        let for_shop = orders::load(&mut conn, seen.order.clone(), false).await.unwrap();
        for stored in [&seen, &full, &for_shop] {
            let hold = stored.active_hold.as_ref().expect("the open hold");
            assert_eq!((hold.id, hold.reason.as_str(), hold.note.as_deref()), (newer, "address_check", Some("Gate 1?")), "the newest open hold");
            assert!(stored.cancellation_requested);
            assert_eq!(stored.refunded, 12_400);
            let positions: Vec<i64> = stored.lines.iter().map(|l| l.position).collect();
            assert_eq!(positions, [1, 2, 3], "lines in their order");
            assert_eq!(stored.lines[0].title, "Ting – æøå");
            assert_eq!((stored.lines[0].quantity_fulfilled, stored.lines[0].quantity_backordered), (1, 1));
            assert_eq!(stored.products, vec![product.clone()], "one entry per known SKU, none for SKU-2");
            assert!(stored.locked("SKU-1") && !stored.locked("SKU-2"));
            let parcels: Vec<(i64, Option<&str>)> = stored.fulfilments.iter().map(|f| (f.id, f.carrier.as_deref())).collect();
            assert_eq!(parcels, [(first, Some("Posten")), (empty, Some("Posten"))], "a parcel without lines too");
            let parcel_lines: Vec<(i64, i64, i64)> = stored.fulfilment_lines.iter().map(|l| (l.fulfilment_id, l.line_id, l.quantity)).collect();
            let mut expected = vec![(first, lines[0].id, 1), (first, lines[2].id, 1)];
            expected.sort();
            assert_eq!(parcel_lines, expected);
            let times: Vec<i64> = stored.events.iter().map(|e| e.at).collect();
            assert!(times.windows(2).all(|w| w[0] <= w[1]), "the timeline in order: {times:?}");
        }
        assert_eq!(format!("{:?}", seen.events), format!("{:?}", full.events));
        assert!(!seen.events.is_empty());
        assert!(for_shop.events.len() > seen.events.len(), "the shop sees the emails queued too");
        assert!(seen.events.iter().all(|e| e.kind != "confirmation_email_queued"), "{:?}", seen.events);
        drop(conn);

        let mut tx = db.begin().await.unwrap();
        handling::release_holds(&mut tx, order_id, "merchant", 10).await.unwrap();
        tx.commit().await.unwrap();
        let mut conn = db.read().await.unwrap();
        let (seen, _) = orders::find_for_session(&mut conn, "T-4", "hash", 5).await.unwrap().unwrap();
        assert!(seen.active_hold.is_none(), "released holds are not shown");
        let (by_page, _) = orders::find_seen(&db, "T-4", "hash", 5).await.unwrap().unwrap();
        assert!(by_page.active_hold.is_none(), "the page's kept connection sees the commit at once");
        assert!(orders::load(&mut conn, seen.order, true).await.unwrap().active_hold.is_none());
    }

    async fn an_order_without_parcels_or_known_products_loads_with_empty_lists(engine: Engine) {
        let (db, _dir) = fresh_db(engine).await;
        place(&db, &draft("T-5"), Actor::Integration, jiff::Timestamp::now(), Confirm::Skip).await.unwrap();
        let mut conn = db.read().await.unwrap();
        let order = orders::find_by_number(&mut conn, "T-5").await.unwrap().unwrap();
        let stored = orders::load(&mut conn, order, false).await.unwrap();
        assert_eq!(stored.lines.len(), 1);
        assert!(stored.products.is_empty() && stored.fulfilments.is_empty() && stored.fulfilment_lines.is_empty());
        assert!(stored.active_hold.is_none() && !stored.cancellation_requested);
        assert_eq!(stored.refunded, 0);
    }

    async fn flags_read_the_same_on_both_engines(engine: Engine) {
        let (db, _dir) = fresh_db(engine).await;
        sqlx::query("INSERT INTO products (sku, title, made_to_order, not_cancellable, stock, updated_at) VALUES ('A', 'A', $1, $2, 0, 0)")
            .bind(true)
            .bind(false)
            .execute(db.pool())
            .await
            .unwrap();
        let row = sqlx::query("SELECT made_to_order, not_cancellable FROM products WHERE sku = 'A'")
            .fetch_one(db.pool())
            .await
            .unwrap();
        assert!(flag(&row, "made_to_order").unwrap());
        assert!(!flag(&row, "not_cancellable").unwrap());
        let _ = row.columns();
    }
}

/// How many of the status page reader's connections (`pg_reader`) the server has open for
/// the test's database.
async fn reader_sessions(db: &Db) -> i64 {
    sqlx::query_scalar(
        "SELECT COUNT(*) FROM pg_stat_activity
         WHERE application_name = 'order-portal reader' AND datname = current_database()",
    )
    .fetch_one(db.pool())
    .await
    .unwrap()
}

/// On PostgreSQL the status page reads on connections of its own: however many views come at
/// once, it opens no more than 8; and when the server closes them (a restart, an
/// administrator) the next view is still answered.
#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn the_status_page_reader_is_bounded_and_outlives_its_connections() {
    if common::postgres_url().is_none() {
        return common::skip_without_postgres();
    }
    common::within_limit(async {
        let (db, _dir) = fresh_db(Engine::Postgres).await;
        let order_id = place(
            &db,
            &draft("T-6"),
            Actor::Integration,
            jiff::Timestamp::now(),
            Confirm::Skip,
        )
        .await
        .unwrap();
        let mut tx = db.begin().await.unwrap();
        let session = sessions::create(&mut tx, "hash", 0, 10_000).await.unwrap();
        sessions::grant(&mut tx, session, order_id, "verified", 1)
            .await
            .unwrap();
        tx.commit().await.unwrap();
        let view = || async {
            let (order, access) = orders::find_seen(&db, "T-6", "hash", 5)
                .await
                .unwrap()
                .expect("found");
            assert_eq!(
                (order.order.number.as_str(), access.as_deref()),
                ("T-6", Some("verified"))
            );
        };

        common::join_all((0..60).map(|_| view())).await;
        let open = reader_sessions(&db).await;
        assert!(
            (1..=8).contains(&open),
            "{open} connections for 60 views at once"
        );

        let closed: i64 = sqlx::query_scalar(
            "SELECT COUNT(*) FROM (SELECT pg_terminate_backend(pid, 5000) FROM pg_stat_activity
             WHERE application_name = 'order-portal reader' AND datname = current_database()) t",
        )
        .fetch_one(db.pool())
        .await
        .unwrap();
        assert_eq!(closed, open);
        for _ in 0..3 {
            view().await;
        }
        assert_eq!(
            reader_sessions(&db).await,
            1,
            "the closed ones dropped, one new one kept"
        );
    })
    .await
}
