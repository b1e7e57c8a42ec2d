//! The portal killed with SIGKILL again and again while orders pour in over the API, on both
//! engines: after every restart each acknowledged order is there with its lines and its queued
//! confirmation email, SQLite's `integrity_check` is ok, and in the end every queued email
//! reaches the SMTP server at least once (a send cut off by the kill may arrive twice, under
//! the same Message-ID).
#![cfg(feature = "ssr")]

mod common;

use common::process::{api_token, portal, start};
use common::{smtp_sink, Engine};
use order_portal::server::store::Db;
use rand::Rng;
use serde_json::json;
use std::collections::HashSet;
use std::sync::atomic::{AtomicBool, AtomicUsize, Ordering};
use std::sync::Arc;
use std::time::{Duration, Instant};

const ROUNDS: usize = 5;
const WRITERS: usize = 6;
/// The outbox is stuck when no email went out for this long (a killed instance's lease is 8 s).
const STALLED_AFTER: Duration = Duration::from_secs(20);

async fn scalar(db: &Db, sql: &str) -> i64 {
    sqlx::query_scalar(sql)
        .fetch_one(db.pool())
        .await
        .expect(sql)
}

/// Places orders with fresh numbers until `stop`; returns the numbers the server acknowledged.
async fn write_load(
    base: String,
    token: String,
    next: Arc<AtomicUsize>,
    stop: Arc<AtomicBool>,
) -> Vec<String> {
    let client = common::api_client();
    let mut acknowledged = Vec::new();
    while !stop.load(Ordering::Relaxed) {
        let number = format!("8{:05}", next.fetch_add(1, Ordering::Relaxed));
        let body = json!({
            "customer": {"email": format!("shopper{number}@example.no"), "name": "Shopper"},
            "locale": "nb", "currency": "NOK", "placed_at": jiff::Timestamp::now().to_string(),
            "payment_status": "paid", "shipping_method": "standard",
            "lines": [{"sku": "FF-MUG-01", "title": "Mug", "quantity": 2, "unit_price": 24900},
                      {"sku": "FF-THROW-02", "title": "Throw", "quantity": 1, "unit_price": 34900}]
        });
        let sent = client
            .put(format!("{base}/api/v1/orders/{number}"))
            .bearer_auth(&token)
            .json(&body)
            .send()
            .await;
        match sent {
            Ok(response) if response.status().as_u16() == 201 => acknowledged.push(number),
            // Killed mid-request: not acknowledged, so either outcome is fine.
            Ok(_) | Err(_) => {
                if sent_failed_because_down(&client, &base).await {
                    break;
                }
            }
        }
    }
    acknowledged
}

async fn sent_failed_because_down(client: &reqwest::Client, base: &str) -> bool {
    client.get(format!("{base}/healthz")).send().await.is_err()
}

both_engines! {
    async fn acknowledged_writes_survive_kill_9_and_every_email_goes_out(engine: Engine) {
        let dir = tempfile::tempdir().unwrap();
        let url = common::fresh_database(engine, dir.path()).await;
        let (smtp_port, mut inbox) = smtp_sink::start().await;
        let data = dir.path().join("data");
        std::fs::create_dir_all(&data).unwrap();
        let token = api_token(portal(&url, &data, smtp_port));
        let db = Db::connect(&url).await.expect("connect");
        let next = Arc::new(AtomicUsize::new(0));
        let mut acknowledged = Vec::<String>::new();

        for round in 0..ROUNDS {
            let mut instance = start(portal(&url, &data, smtp_port), &data, &format!("round{round}"), round == 0).await;
            let stop = Arc::new(AtomicBool::new(false));
            let writers: Vec<_> = (0..WRITERS)
                .map(|_| tokio::spawn(write_load(instance.base.clone(), token.clone(), next.clone(), stop.clone())))
                .collect();
            let lifetime = rand::thread_rng().gen_range(300..1500);
            tokio::time::sleep(Duration::from_millis(lifetime)).await;
            instance.child.kill().expect("SIGKILL");
            instance.child.wait().expect("reaped");
            stop.store(true, Ordering::Relaxed);
            for writer in writers {
                acknowledged.extend(writer.await.expect("writer"));
            }
            drop(instance);

            // Nothing acknowledged is lost, and nothing is half-written.
            let numbers = &acknowledged;
            let stored: HashSet<String> = sqlx::query_scalar("SELECT number FROM orders")
                .fetch_all(db.pool()).await.unwrap().into_iter().collect();
            let missing: Vec<&String> = numbers.iter().filter(|n| !stored.contains(*n)).collect();
            assert!(missing.is_empty(), "round {round}: acknowledged but missing: {missing:?}");
            let without_lines = scalar(&db, "SELECT COUNT(*) FROM orders o WHERE o.number LIKE '8%'
                AND (SELECT COUNT(*) FROM order_lines l WHERE l.order_id = o.id) <> 2").await;
            assert_eq!(without_lines, 0, "round {round}: an order without both its lines");
            let without_email = scalar(&db, "SELECT COUNT(*) FROM orders o WHERE o.number LIKE '8%'
                AND NOT EXISTS (SELECT 1 FROM outbox x WHERE x.order_id = o.id AND x.kind = 'email')").await;
            assert_eq!(without_email, 0, "round {round}: an order without its confirmation email");
            if engine == Engine::Sqlite {
                let check: String = sqlx::query_scalar("PRAGMA integrity_check").fetch_one(db.pool()).await.unwrap();
                assert_eq!(check, "ok", "round {round}");
            }
        }
        let placed = acknowledged.len();
        assert!(placed >= ROUNDS, "the load placed orders between the kills: {placed}");

        // A last start, left running: the outbox catches up on everything queued. How much that
        // is depends on how fast this machine placed orders, so the wait has no fixed end; it
        // fails only when sending stalls for longer than a killed instance's lease (8 s) could
        // explain.
        let _last = start(portal(&url, &data, smtp_port), &data, "last", false).await;
        let unsent = "SELECT COUNT(*) FROM outbox WHERE kind = 'email' AND status <> 'sent'";
        let mut left = scalar(&db, unsent).await;
        let mut progressed = Instant::now();
        while left > 0 && progressed.elapsed() < STALLED_AFTER {
            tokio::time::sleep(Duration::from_millis(100)).await;
            let now_left = scalar(&db, unsent).await;
            if now_left < left {
                progressed = Instant::now();
            }
            left = now_left;
        }
        if left != 0 {
            let statuses: Vec<(String, i64)> = sqlx::query_as(
                "SELECT status || ' attempts=' || CAST(attempts AS TEXT), COUNT(*) FROM outbox
                 WHERE kind = 'email' GROUP BY 1 ORDER BY 1")
                .fetch_all(db.pool()).await.unwrap();
            let log = std::fs::read_to_string(data.join("last.log")).unwrap_or_default();
            let tail: Vec<&str> = log.lines().rev().take(40).collect();
            panic!("{left} emails not sent, none for {STALLED_AFTER:?}: {statuses:?}\nthe last instance's log, newest first:\n{}", tail.join("\n"));
        }
        let queued: Vec<String> = sqlx::query_scalar("SELECT message_id FROM outbox WHERE kind = 'email'")
            .fetch_all(db.pool()).await.unwrap();
        let mut received = Vec::new();
        while let Ok(mail) = inbox.try_recv() {
            let id = mail.data.lines().find_map(|l| l.strip_prefix("Message-ID: <")).expect("Message-ID");
            received.push(id.split('@').next().unwrap_or_default().to_owned());
        }
        let distinct: HashSet<&String> = received.iter().collect();
        let never: Vec<&String> = queued.iter().filter(|id| !distinct.contains(id)).collect();
        assert!(never.is_empty(), "queued but never delivered: {never:?}");
        assert_eq!(distinct.len(), queued.len(), "nothing arrived that was not queued");
        eprintln!("{engine:?}: {ROUNDS} kills, {placed} acknowledged orders, {} emails, {} duplicate deliveries",
            queued.len(), received.len() - distinct.len());
        db.close().await;
    }
}
