//! Two portal processes (the real binary) on one database, as a scaled-out deployment runs
//! them: a session made on one works on the other, attempt limits count across both, with both
//! outbox workers running every email goes out exactly once, and the periodic delay check on
//! both sends one notice. Runs on PostgreSQL (the scale-out engine) and on SQLite (two
//! processes sharing one file).
#![cfg(feature = "ssr")]

mod common;

use common::process::{api_token, portal, start};
use common::{browser, smtp_sink, Engine};
use order_portal::server::demo::{OWNER_EMAIL, OWNER_PASSWORD};
use order_portal::server::store::Db;
use serde_json::json;
use std::time::Duration;

async fn scalar(db: &Db, sql: &str) -> i64 {
    sqlx::query_scalar(sql)
        .fetch_one(db.pool())
        .await
        .expect(sql)
}

async fn put(client: &reqwest::Client, url: String, token: &str, body: serde_json::Value) {
    let response = client
        .put(url)
        .bearer_auth(token)
        .json(&body)
        .send()
        .await
        .expect("PUT");
    let status = response.status();
    assert!(
        status.is_success(),
        "{status}: {}",
        response.text().await.unwrap()
    );
}

/// Waits until `done` holds (checked every 100 ms, at most `secs` seconds).
async fn eventually<F, Fut>(secs: u64, what: &str, mut done: F)
where
    F: FnMut() -> Fut,
    Fut: std::future::Future<Output = bool>,
{
    for _ in 0..secs * 10 {
        if done().await {
            return;
        }
        tokio::time::sleep(Duration::from_millis(100)).await;
    }
    panic!("{what} did not happen within {secs} s");
}

both_engines! {
    async fn two_instances_share_sessions_limits_the_outbox_and_the_delay_check(engine: Engine) {
        let dir = tempfile::tempdir().unwrap();
        let url = common::fresh_database(engine, dir.path()).await;
        let (smtp_port, mut inbox) = smtp_sink::start().await;
        let (dir_a, dir_b) = (dir.path().join("a"), dir.path().join("b"));
        std::fs::create_dir_all(&dir_a).unwrap();
        std::fs::create_dir_all(&dir_b).unwrap();
        let a = start(portal(&url, &dir_a, smtp_port), &dir_a, "a", true).await;
        let b = start(portal(&url, &dir_b, smtp_port), &dir_b, "b", false).await;
        let token = api_token(portal(&url, &dir_a, smtp_port));
        let db = Db::connect(&url).await.expect("connect");

        // A shopper's verified session made on A opens the full order on B.
        let link = {
            let mut tx = db.begin().await.unwrap();
            let order = order_portal::server::store::orders::find_by_number(&mut tx, "1001")
                .await.unwrap().expect("demo order");
            let now = jiff::Timestamp::now().as_millisecond();
            let (token, _) = order_portal::server::services::links::mint(&mut tx, 60, order.id, None, now)
                .await.unwrap();
            tx.commit().await.unwrap();
            token
        };
        let shopper = browser();
        let opened = shopper.get(a.url(&format!("/o/{link}"))).send().await.unwrap();
        assert_eq!(opened.status().as_u16(), 303, "the link opens a session on A");
        let page = shopper.get(b.url("/orders/1001")).header("accept", "text/html").send().await.unwrap();
        assert_eq!(page.status().as_u16(), 200);
        assert!(page.text().await.unwrap().contains("Storgata 12"), "B knows A's verified session");

        // A merchant signed in on B is signed in on A.
        let merchant = browser();
        let signed_in = merchant.post(b.url("/fn/admin_login")).header("accept", "application/json")
            .form(&[("email", OWNER_EMAIL), ("password", OWNER_PASSWORD)]).send().await.unwrap();
        assert_eq!(signed_in.status().as_u16(), 200);
        let console = merchant.get(a.url("/admin")).header("accept", "text/html").send().await.unwrap();
        assert_eq!(console.status().as_u16(), 200);
        assert!(console.text().await.unwrap().contains("Signed in as owner@fjordogfuru.example"));

        // The lookup limit (6 per order number) counts attempts on both instances together.
        let visitor = browser();
        for attempt in 0..6 {
            let on = if attempt % 2 == 0 { &a } else { &b };
            let answer = visitor.post(on.url("/fn/lookup")).header("accept", "application/json")
                .form(&[("order_number", "1002"), ("email", "wrong@example.fi")]).send().await.unwrap();
            assert_eq!(answer.status().as_u16(), 404, "attempt {attempt} is still counted, not limited");
        }
        for on in [&a, &b] {
            let limited = visitor.post(on.url("/fn/lookup")).header("accept", "application/json")
                .form(&[("order_number", "1002"), ("email", "aino.virtanen@example.fi")]).send().await.unwrap();
            assert_eq!(limited.status().as_u16(), 429, "the seventh attempt is limited on either instance");
        }

        // Orders placed on both instances: every queued email is delivered once, though both
        // outbox workers poll the same table every 50 ms.
        let api = common::api_client();
        for n in 0..20 {
            let on = if n % 2 == 0 { &a } else { &b };
            put(&api, on.url(&format!("/api/v1/orders/{}", 9100 + n)), &token, json!({
                "customer": {"email": format!("shopper{n}@example.no"), "name": "Shopper"},
                "locale": "en", "currency": "NOK", "placed_at": jiff::Timestamp::now().to_string(),
                "payment_status": "paid", "shipping_method": "standard",
                "lines": [{"sku": "FF-MUG-01", "title": "Mug", "quantity": 1, "unit_price": 24900}]
            })).await;
        }

        // A backordered line whose restock date then slips past its promise without a product
        // save (so only the periodic check, running on both instances every second, sees it).
        let today = jiff::Zoned::now().date();
        let restock = today + jiff::Span::new().days(10);
        put(&api, a.url("/api/v1/products/BO-TWO"), &token, json!({"title": "Wool blanket",
            "processing_days": null, "made_to_order": false, "not_cancellable": false, "stock": 0,
            "expected_restock": restock.to_string()})).await;
        put(&api, b.url("/api/v1/orders/9200"), &token, json!({
            "customer": {"email": "lise.moen@example.no", "name": "Lise Moen"},
            "locale": "en", "currency": "NOK", "placed_at": jiff::Timestamp::now().to_string(),
            "payment_status": "paid", "shipping_method": "standard",
            "lines": [{"sku": "BO-TWO", "title": "Wool blanket", "quantity": 2, "unit_price": 49900,
                       "quantity_backordered": 2}]
        })).await;
        let later = restock + jiff::Span::new().days(30);
        sqlx::query("UPDATE products SET expected_restock = $1 WHERE sku = 'BO-TWO'")
            .bind(later.to_string()).execute(db.pool()).await.unwrap();
        let notices = "SELECT COUNT(*) FROM delay_notices n JOIN orders o ON o.id = n.order_id WHERE o.number = '9200'";
        eventually(30, "a delay notice", || async { scalar(&db, notices).await == 1 }).await;
        // Several more rounds of both checks: still one notice.
        tokio::time::sleep(Duration::from_secs(3)).await;
        assert_eq!(scalar(&db, notices).await, 1, "the two delay checks never double-send");

        let emails = "SELECT COUNT(*) FROM outbox WHERE kind = 'email'";
        let unsent = "SELECT COUNT(*) FROM outbox WHERE kind = 'email' AND status <> 'sent'";
        eventually(60, "delivery of every email", || async { scalar(&db, unsent).await == 0 }).await;
        let queued = scalar(&db, emails).await;
        assert!(queued >= 21, "20 confirmations and 1 delay notice at least: {queued}");
        // Give a duplicate delivery time to arrive, then count what the SMTP server received.
        tokio::time::sleep(Duration::from_secs(1)).await;
        let mut ids = Vec::new();
        while let Ok(mail) = inbox.try_recv() {
            let id = mail.data.lines().find_map(|l| l.strip_prefix("Message-ID: ")).expect("Message-ID").to_owned();
            ids.push(id);
        }
        let received = ids.len();
        ids.sort();
        ids.dedup();
        assert_eq!(ids.len(), received, "no message was delivered twice");
        assert_eq!(received as i64, queued, "every queued email was delivered");
        let delay_mails = "SELECT COUNT(*) FROM outbox x JOIN orders o ON o.id = x.order_id
            WHERE o.number = '9200' AND x.topic = 'delay_notice'";
        assert_eq!(scalar(&db, delay_mails).await, 1, "one delay notice email");
        db.close().await;
    }
}
