//! The owner connects the shop's system: API tokens made and revoked on the integrations page,
//! and webhooks that arrive signed at a real HTTP receiver started here, retried after a failed
//! delivery and sent again on request. Both engines.
#![cfg(feature = "ssr")]

mod common;

use axum::http::{HeaderMap, StatusCode};
use common::{browser, spawn_app, Engine, TestApp};
use order_portal::server::demo::{OWNER_EMAIL, OWNER_PASSWORD};
use order_portal::server::webhooks::sign;
use serde_json::Value;
use std::collections::VecDeque;
use std::sync::{Arc, Mutex};

/// What the receiver got: the signature header and the raw body.
type Received = Arc<Mutex<Vec<(String, String)>>>;

/// A local endpoint answering with the given statuses in turn (then 200).
async fn receiver(answers: Vec<u16>) -> (String, Received) {
    let received: Received = Arc::default();
    let answers = Arc::new(Mutex::new(VecDeque::from(answers)));
    let log = received.clone();
    let app = axum::Router::new().route(
        "/hooks/portal",
        axum::routing::post(move |headers: HeaderMap, body: String| {
            let (log, answers) = (log.clone(), answers.clone());
            async move {
                let signature = headers
                    .get("x-portal-signature")
                    .and_then(|v| v.to_str().ok())
                    .unwrap_or("")
                    .to_owned();
                log.lock().unwrap().push((signature, body));
                let status = answers.lock().unwrap().pop_front().unwrap_or(200);
                StatusCode::from_u16(status).unwrap()
            }
        }),
    );
    let listener = tokio::net::TcpListener::bind("127.0.0.1:0").await.unwrap();
    let addr = listener.local_addr().unwrap();
    tokio::spawn(async move { axum::serve(listener, app).await.unwrap() });
    (format!("http://{addr}/hooks/portal"), received)
}

async fn owner(app: &TestApp) -> reqwest::Client {
    let client = browser();
    let fields = [("email", OWNER_EMAIL), ("password", OWNER_PASSWORD)];
    assert_eq!(app.call_as(&client, "admin_login", &fields).await.0, 200);
    client
}

async fn outbox_status(app: &TestApp, topic: &str) -> Vec<(String, i64)> {
    sqlx::query_as(
        "SELECT status, attempts FROM outbox WHERE kind = 'webhook' AND topic = $1 ORDER BY id",
    )
    .bind(topic)
    .fetch_all(app.state.db.pool())
    .await
    .unwrap()
}

/// Lets the retry back-off pass, as time would.
async fn time_passes(app: &TestApp) {
    sqlx::query("UPDATE outbox SET next_attempt_at = 0 WHERE status = 'pending'")
        .execute(app.state.db.pool())
        .await
        .unwrap();
}

both_engines! {
    async fn webhooks_arrive_signed_are_retried_and_can_be_sent_again(engine: Engine) {
        let app = spawn_app(engine).await;
        app.drain_outbox().await;
        let (url, received) = receiver(vec![503]).await;
        let owner = owner(&app).await;

        let (status, body) = app.call_as(&owner, "webhook_test", &[]).await;
        assert_eq!(status, 400, "no endpoint yet: {body}");
        let (status, body) = app.call_as(&owner, "webhook_endpoint", &[("url", "ftp://example.com/x")]).await;
        assert_eq!(status, 400);
        assert!(body.contains(r#""field":"url","problem":"malformed""#), "{body}");
        let (status, body) = app.call_as(&owner, "webhook_endpoint", &[("url", url.as_str())]).await;
        assert_eq!(status, 200, "{body}");
        let secret: String = serde_json::from_str::<Option<String>>(&body).unwrap().expect("a secret the first time");
        assert!(secret.starts_with("whsec_"));
        let (_, again) = app.call_as(&owner, "webhook_endpoint", &[("url", url.as_str())]).await;
        assert_eq!(again, "null", "saving again keeps the secret");
        let (_, page) = app.page_as(&owner, "/admin/settings/integrations?done=endpoint_saved").await;
        assert!(page.contains(&secret), "the next page view shows the secret once");
        let (_, page) = app.page_as(&owner, "/admin/settings/integrations?done=endpoint_saved").await;
        assert!(!page.contains(&secret), "and never again");

        assert_eq!(app.call_as(&owner, "webhook_test", &[]).await.0, 200);
        app.drain_outbox().await;
        assert_eq!(outbox_status(&app, "ping").await, vec![("pending".to_owned(), 1)], "a 503 is retried later");
        time_passes(&app).await;
        app.drain_outbox().await;
        assert_eq!(outbox_status(&app, "ping").await, vec![("sent".to_owned(), 2)]);
        {
            let got = received.lock().unwrap();
            assert_eq!(got.len(), 2);
            assert_eq!(got[0], got[1], "a retry sends the same bytes with the same signature");
            assert_eq!(got[0].0, sign(&secret, got[0].1.as_bytes()));
            let event: Value = serde_json::from_str(&got[0].1).unwrap();
            assert_eq!(event["type"], "ping");
            assert!(event["id"].as_str().unwrap().starts_with("evt_"));
        }

        // The shop cancels an order: the event carries the order as the API shows it.
        let version: i64 = sqlx::query_scalar("SELECT version FROM orders WHERE number = '1001'")
            .fetch_one(app.state.db.pool()).await.unwrap();
        let cancel = [("number", "1001"), ("version", &version.to_string()), ("reason", "out_of_stock")];
        assert_eq!(app.call_as(&owner, "admin_cancel", &cancel).await.0, 200);
        app.drain_outbox().await;
        let cancelled: Value = {
            let got = received.lock().unwrap();
            assert_eq!(got.len(), 3);
            assert_eq!(got[2].0, sign(&secret, got[2].1.as_bytes()));
            serde_json::from_str(&got[2].1).unwrap()
        };
        assert_eq!(cancelled["type"], "order.cancelled");
        assert_eq!(cancelled["data"]["order"]["number"], "1001");
        assert_eq!(cancelled["data"]["order"]["lifecycle"], "cancelled");

        // The page lists the deliveries; the owner sends one again, same event id.
        let (_, page) = app.page_as(&owner, "/admin/settings/integrations").await;
        assert!(page.contains("order.cancelled") && page.contains("Delivered"), "listed");
        let delivery: i64 = sqlx::query_scalar("SELECT id FROM outbox WHERE kind = 'webhook' AND topic = 'order.cancelled'")
            .fetch_one(app.state.db.pool()).await.unwrap();
        assert_eq!(app.call_as(&owner, "webhook_resend", &[("delivery", &delivery.to_string())]).await.0, 200);
        app.drain_outbox().await;
        let got = received.lock().unwrap();
        assert_eq!(got.len(), 4);
        assert_eq!(got[3], got[2], "the same event again");
    }

    async fn api_tokens_are_made_shown_once_and_revoked_by_the_owner(engine: Engine) {
        let app = spawn_app(engine).await;
        let owner = owner(&app).await;
        let (status, body) = app.call_as(&owner, "api_token_create", &[("name", "")]).await;
        assert_eq!(status, 400);
        assert!(body.contains(r#""field":"name","problem":"required""#), "{body}");

        // Without JavaScript: the form posts, the page shows the token once.
        let response = owner
            .post(app.url("/fn/api_token_create"))
            .header("accept", "text/html")
            .header("referer", app.url("/admin/settings/integrations"))
            .form(&[("name", "Warehouse")])
            .send()
            .await
            .unwrap();
        assert!(response.status().is_redirection(), "{}", response.status());
        let (_, page) = app.page_as(&owner, "/admin/settings/integrations?done=token_created").await;
        let start = page.find("opk_").expect("the token is shown");
        let token = page[start..start + 47].to_owned();
        let (_, page) = app.page_as(&owner, "/admin/settings/integrations?done=token_created").await;
        assert!(!page.contains(&token), "only once");
        assert!(page.contains("Warehouse"));

        let api = |token: String| {
            let url = app.url("/api/v1/orders/1001");
            async move { common::api_client().get(url).bearer_auth(token).send().await.unwrap().status().as_u16() }
        };
        assert_eq!(api(token.clone()).await, 200);
        let id: i64 = sqlx::query_scalar("SELECT id FROM api_tokens WHERE name = 'Warehouse'")
            .fetch_one(app.state.db.pool()).await.unwrap();

        // Staff can look but not change.
        app.add_staff("per@fjordogfuru.example", "staff-pass-2026").await;
        let staff = browser();
        let fields = [("email", "per@fjordogfuru.example"), ("password", "staff-pass-2026")];
        assert_eq!(app.call_as(&staff, "admin_login", &fields).await.0, 200);
        let (status, page) = app.page_as(&staff, "/admin/settings/integrations").await;
        assert_eq!(status, 200);
        assert!(page.contains("Only the shop owner can create tokens"));
        assert_eq!(app.call_as(&staff, "api_token_revoke", &[("token", &id.to_string())]).await.0, 403);
        assert_eq!(app.call_as(&staff, "api_token_create", &[("name", "Mine")]).await.0, 403);
        assert_eq!(api(token.clone()).await, 200, "still works");

        assert_eq!(app.call_as(&owner, "api_token_revoke", &[("token", &id.to_string())]).await.0, 200);
        assert_eq!(api(token).await, 401);
        assert_eq!(app.call_as(&owner, "api_token_revoke", &[("token", &id.to_string())]).await.0, 404, "once");
        let audit: i64 = sqlx::query_scalar("SELECT COUNT(*) FROM audit_log WHERE action IN ('api_token_created', 'api_token_revoked')")
            .fetch_one(app.state.db.pool()).await.unwrap();
        assert_eq!(audit, 2);
        // Signed out, the page sends you to sign in.
        assert_eq!(app.page_as(&browser(), "/admin/settings/integrations").await.0, 302);
    }
}
