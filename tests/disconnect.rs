//! Clients that hang up mid-request (a closed tab, a dropped mobile connection, a load
//! balancer's timeout) must not leave anything half-done behind: after hundreds of writes cut
//! off at every moment, writes still go through, on both engines.
#![cfg(feature = "ssr")]

mod common;

use common::{join_all, spawn_app_with, Engine};
use rand::Rng;
use std::time::Duration;
use tokio::io::AsyncWriteExt;

/// Sends `request` and closes the connection `after` later, whatever the server was doing.
async fn hang_up(addr: std::net::SocketAddr, request: Vec<u8>, after: Duration) {
    let Ok(mut socket) = tokio::net::TcpStream::connect(addr).await else {
        return;
    };
    let _ = socket.write_all(&request).await;
    tokio::time::sleep(after).await;
    drop(socket);
}

fn post(path: &str, content_type: &str, extra: &str, body: &str) -> Vec<u8> {
    format!(
        "POST {path} HTTP/1.1\r\nHost: portal.test\r\nAccept: application/json\r\n\
         Content-Type: {content_type}\r\n{extra}Content-Length: {}\r\n\r\n{body}",
        body.len()
    )
    .into_bytes()
}

both_engines! {
    async fn requests_cut_off_midway_leave_no_transaction_open(engine: Engine) {
        let app = spawn_app_with(engine, |s| {
            s.lookup_limit_per_ip = 100_000;
            s.lookup_limit_per_order = 100_000;
        })
        .await;
        let now = jiff::Timestamp::now().as_millisecond();
        let token = order_portal::server::services::integrations::create_token(&app.state.db, "ERP", now)
            .await
            .unwrap()
            .1;
        let lookup = post("/fn/lookup", "application/x-www-form-urlencoded", "",
            "order_number=1001&email=someone%40example.no");
        let estimate = post("/api/v1/estimates", "application/json", &format!("Authorization: Bearer {token}\r\n"),
            r#"{"placed_at":"2026-11-24T10:00:00+01:00","shipping_method":"mailbox","lines":[{"sku":"FF-MUG-01","quantity":1}]}"#);
        let mut rng = rand::thread_rng();
        for _ in 0..30 {
            let cuts: Vec<_> = (0..10)
                .map(|i| {
                    let request = if i % 2 == 0 { lookup.clone() } else { estimate.clone() };
                    let after = Duration::from_micros(rng.gen_range(0..8_000));
                    hang_up(app.addr, request, after)
                })
                .collect();
            join_all(cuts).await;
        }
        // Every write still goes through (a transaction left open would hold SQLite's write
        // lock: these would fail at once or after the busy timeout).
        for _ in 0..20 {
            let response = app.lookup_json("1001", "kari.nordmann@example.no").await;
            assert_eq!(response.status().as_u16(), 200, "{}", response.text().await.unwrap());
            let answer = common::api_client()
                .post(app.url("/api/v1/estimates"))
                .bearer_auth(&token)
                .json(&serde_json::json!({"placed_at": "2026-11-24T10:00:00+01:00",
                    "shipping_method": "mailbox", "lines": [{"sku": "FF-MUG-01", "quantity": 1}]}))
                .send()
                .await
                .unwrap();
            assert_eq!(answer.status().as_u16(), 200, "{}", answer.text().await.unwrap());
        }
    }
}
