//! Lookup, signed links and the order status page, over HTTP against the real server, on both
//! database engines.
#![cfg(feature = "ssr")]

mod common;

use common::{spawn_app, spawn_app_with, Engine};

const KARI: &str = "kari.nordmann@example.no";

both_engines! {
    async fn health_and_readiness_answer(engine: Engine) {
        let app = spawn_app(engine).await;
        assert_eq!(app.page("/healthz").await, (200, "ok".into()));
        assert_eq!(app.page("/readyz").await, (200, "ready".into()));
        let response = app.get("/healthz").await;
        assert!(response.headers().get("x-request-id").is_some(), "every response carries a request id");
    }

    async fn a_matching_lookup_opens_a_redacted_view(engine: Engine) {
        let app = spawn_app(engine).await;
        let response = app.lookup_form(" #1001 ", "Kari.Nordmann@Example.no").await;
        assert_eq!(response.status().as_u16(), 302);
        assert_eq!(response.headers()["location"], "/orders/1001");
        let cookie = response.headers()["set-cookie"].to_str().unwrap().to_owned();
        assert!(cookie.contains("HttpOnly") && cookie.contains("SameSite=Lax"));

        let (status, html) = app.page("/orders/1001").await;
        assert_eq!(status, 200);
        assert!(html.contains("Order 1001"));
        assert!(html.contains("data-shop=\"Fjord &amp; Furu\""));
        assert!(html.contains("Stoneware mug"));
        assert!(html.contains("k***@example.no"), "email is masked");
        assert!(!html.contains(KARI), "full email is not shown");
        assert!(!html.contains("Storgata 12"), "address is not shown");
        assert!(!html.contains("Kari Nordmann"), "name is not shown");
        assert!(html.contains("limited view"));
    }

    async fn unknown_order_and_wrong_email_get_the_same_answer(engine: Engine) {
        let app = spawn_app(engine).await;
        let unknown = app.lookup_json("999999", KARI).await;
        let wrong_email = app.lookup_json("1001", "someone.else@example.no").await;
        assert_eq!(unknown.status().as_u16(), 404);
        assert_eq!(wrong_email.status().as_u16(), 404);
        let (a, b) = (unknown.text().await.unwrap(), wrong_email.text().await.unwrap());
        assert_eq!(a, b);
        assert!(a.contains("lookup_no_match"));

        // Without JavaScript the answer is rendered on the lookup page.
        let response = app.lookup_form("1001", "someone.else@example.no").await;
        assert_eq!(response.status().as_u16(), 302, "a form post is redirected back to the form");
        let location = response.headers()["location"].to_str().unwrap().to_owned();
        assert!(!location.contains("someone.else"), "what was typed stays out of the URL: {location}");
        let (_, html) = app.page(&location.replace(&app.base, "")).await;
        assert!(html.contains("couldn&#x27;t find an order") || html.contains("couldn't find an order"), "{html}");
        // What was typed is back in the form, once.
        assert!(html.contains(r#"value="1001""#) && html.contains(r#"value="someone.else@example.no""#), "{html}");
        let (_, again) = app.page(&location.replace(&app.base, "")).await;
        assert!(!again.contains("someone.else@example.no"), "kept for one page only");
    }

    async fn lookups_are_limited_per_order_number(engine: Engine) {
        let app = spawn_app_with(engine, |s| s.lookup_limit_per_order = 3).await;
        for _ in 0..3 {
            assert_eq!(app.lookup_json("1002", "wrong@example.fi").await.status().as_u16(), 404);
        }
        let limited = app.lookup_json("1002", "aino.virtanen@example.fi").await;
        assert_eq!(limited.status().as_u16(), 429);
        assert!(limited.headers().get("retry-after").is_some());
        let body = limited.text().await.unwrap();
        assert!(body.contains("too_many_attempts"), "{body}");
        // Another order number is not affected.
        assert_eq!(app.lookup_json("1001", KARI).await.status().as_u16(), 200);
    }

    async fn lookups_are_limited_per_address(engine: Engine) {
        let app = spawn_app_with(engine, |s| s.lookup_limit_per_ip = 2).await;
        app.lookup_json("1001", "a@example.no").await;
        app.lookup_json("1002", "b@example.no").await;
        assert_eq!(app.lookup_json("1003", "c@example.no").await.status().as_u16(), 429);
    }

    async fn bad_lookup_input_is_refused_with_field_messages(engine: Engine) {
        let app = spawn_app(engine).await;
        let cases = [
            ("", KARI, "order_number", "required"),
            ("1001", "", "email", "required"),
            ("<script>alert(1)</script>", KARI, "order_number", "malformed"),
            ("1001' OR '1'='1", KARI, "order_number", "malformed"),
            ("1001", "kari@", "email", "malformed"),
            ("1001", "ünïcødé", "email", "malformed"),
        ];
        for (number, email, field, problem) in cases {
            let response = app.lookup_json(number, email).await;
            assert_eq!(response.status().as_u16(), 400, "{number:?} {email:?}");
            let body: serde_json::Value = response.json().await.unwrap();
            assert_eq!(body["field"], field);
            assert_eq!(body["problem"], problem);
        }
        let long = "9".repeat(5000);
        let response = app.lookup_json(&long, KARI).await;
        assert_eq!(response.status().as_u16(), 400);
        // On its own connection: the server answers 413 without reading the body and closes
        // that connection, which a pooled keep-alive client could otherwise reuse.
        let huge = "x".repeat(200_000);
        let response = common::api_client()
            .post(app.url("/fn/lookup"))
            .header("accept", "application/json")
            .form(&[("order_number", "1001"), ("email", huge.as_str())])
            .send()
            .await
            .unwrap();
        assert_eq!(response.status().as_u16(), 413);
        // Nothing was granted by any of it.
        assert_eq!(app.page("/orders/1001").await.0, 403);
    }

    async fn an_order_page_without_access_reveals_nothing(engine: Engine) {
        let app = spawn_app(engine).await;
        let (status, html) = app.page("/orders/1002").await;
        let (unknown_status, unknown_html) = app.page("/orders/424242").await;
        assert_eq!(status, 403);
        assert_eq!(unknown_status, 403);
        assert!(html.contains("enter the email address you used"));
        assert!(!html.contains("Wool throw"));
        // The visible page is the same but for the number typed (scripts carry per-request nonces).
        let main = |page: &str| page[page.find("<main").unwrap()..page.find("</main>").unwrap()].to_owned();
        assert_eq!(main(&html).replace("1002", "N"), main(&unknown_html).replace("424242", "N"));
    }

    async fn a_signed_link_opens_the_full_order_and_drops_the_token(engine: Engine) {
        let app = spawn_app(engine).await;
        let link = app.signed_link("1001").await;
        let response = app.get(&link).await;
        assert_eq!(response.status().as_u16(), 303);
        assert_eq!(response.headers()["location"], "/orders/1001");
        assert_eq!(response.headers()["referrer-policy"], "no-referrer");
        let (status, html) = app.page("/orders/1001").await;
        assert_eq!(status, 200);
        assert!(html.contains("Kari Nordmann"));
        assert!(html.contains("Storgata 12"));
        assert!(html.contains(KARI));
        assert!(!html.contains("limited view"));
        // A later lookup does not lower the access.
        app.lookup_form("1001", KARI).await;
        assert!(app.page("/orders/1001").await.1.contains("Storgata 12"));
    }

    async fn opening_a_link_replaces_the_session_token(engine: Engine) {
        let app = spawn_app(engine).await;
        assert_eq!(app.lookup_json("1001", KARI).await.status().as_u16(), 200);
        let before: (i64, String) = sqlx::query_as("SELECT id, token_hash FROM sessions")
            .fetch_one(app.state.db.pool())
            .await
            .unwrap();
        let response = app.get(&app.signed_link("1001").await).await;
        assert_eq!(response.status().as_u16(), 303);
        assert!(response.headers().get("set-cookie").is_some(), "a new token is handed out");
        let after: Vec<(i64, String)> = sqlx::query_as("SELECT id, token_hash FROM sessions")
            .fetch_all(app.state.db.pool())
            .await
            .unwrap();
        assert_eq!(after.len(), 1, "the same session is raised, not a second one made");
        assert_eq!(after[0].0, before.0);
        assert_ne!(after[0].1, before.1, "the token known before verification no longer works");
        let (status, html) = app.page("/orders/1001").await;
        assert_eq!(status, 200);
        assert!(html.contains("Storgata 12"), "the new cookie carries the verified access");
    }

    async fn tampered_and_expired_links_explain_themselves(engine: Engine) {
        let app = spawn_app(engine).await;
        let link = app.signed_link("1001").await;
        let mut tampered = link.clone();
        let other = if link.ends_with("AAA") { "BBB" } else { "AAA" };
        tampered.replace_range(link.len() - 3.., other);
        let (status, html) = app.page(&tampered).await;
        assert_eq!(status, 404);
        assert!(html.contains("This link doesn"));
        assert!(html.contains("Fjord &amp; Furu"), "the page carries the shop's name");
        let (status, _) = app.page("/o/not-a-token").await;
        assert_eq!(status, 404);

        sqlx::query("UPDATE order_links SET expires_at = 0")
            .execute(app.state.db.pool())
            .await
            .unwrap();
        let (status, html) = app.page(&link).await;
        assert_eq!(status, 410);
        assert!(html.contains("This link has expired"));
        assert_eq!(app.page("/orders/1001").await.0, 403, "no access was granted");
    }

    async fn the_status_page_shows_stage_lines_shipments_and_timeline(engine: Engine) {
        let app = spawn_app(engine).await;
        // 1012: partly shipped with tracking (Finnish customer, EUR).
        app.get(&app.signed_link("1012").await).await;
        let (status, html) = app.page("/orders/1012").await;
        assert_eq!(status, 200);
        assert!(html.contains("Partly shipped"));
        assert!(html.contains("Posti"));
        assert!(html.contains("https://www.posti.fi/fi/seuranta#/lahetys/FI001012DEMO"));
        assert!(html.contains("2 shipped"));
        assert!(html.contains("Shipped with Posti"));
        // 1008: waiting for stock; 1022: cancelled with a refund; 1007: on hold.
        for (number, stage) in [("1008", "Waiting for stock"), ("1022", "Cancelled"), ("1007", "On hold")] {
            app.get(&app.signed_link(number).await).await;
            let (status, html) = app.page(&format!("/orders/{number}")).await;
            assert_eq!(status, 200, "{number}");
            assert!(html.contains(stage), "{number} shows {stage}");
        }
        let (_, html) = app.page("/orders/1007").await;
        assert!(html.contains("routine check"), "the hold reason is worded for shoppers");
        let (_, html) = app.page("/orders/1022").await;
        assert!(html.contains("1 cancelled") && html.contains("on its way"));
    }

    async fn unknown_routes_get_a_localized_404_page(engine: Engine) {
        let app = spawn_app(engine).await;
        let response = app
            .client
            .get(app.url("/no/such/page"))
            .header("accept-language", "nb-NO,nb;q=0.9")
            .send()
            .await
            .unwrap();
        assert_eq!(response.status().as_u16(), 404);
        let html = response.text().await.unwrap();
        // Norwegian is negotiated, and reads English until its table exists.
        assert!(html.contains("lang=\"en\""));
        assert!(html.contains("Page not found"));
    }

    async fn placing_an_order_sends_one_confirmation_with_a_working_link(engine: Engine) {
        let app = spawn_app(engine).await;
        app.drain_outbox().await;
        let emails = app.sent_emails();
        assert_eq!(emails.len(), 30, "one confirmation per demo order");
        let kari = emails
            .iter()
            .find(|m| m.contains("Subject: Bestilling 1001 er bekreftet"))
            .expect("confirmation for 1001");
        assert!(kari.contains("Message-ID: <"));
        assert!(kari.contains("Content-Type: text/html"));
        assert!(kari.contains("Content-Type: text/plain"));
        let start = kari.find("http://portal.test/o/").expect("signed link in the email");
        let token: String = kari[start + "http://portal.test/o/".len()..].chars().take(43).collect();
        let response = app.get(&format!("/o/{token}")).await;
        assert_eq!(response.status().as_u16(), 303);
        // Draining again sends nothing twice.
        app.drain_outbox().await;
        assert_eq!(app.sent_emails().len(), 30);
    }
}

/// Listing the app's routes makes Leptos hold back every resource first polled meanwhile, in the
/// whole process. A second router built while pages are served (as each test here builds its
/// own) must not leave a page waiting forever: the routes are listed once per process.
#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn pages_are_answered_while_another_router_is_built() {
    let app = spawn_app(Engine::Sqlite).await;
    assert_eq!(app.lookup_form("1001", KARI).await.status().as_u16(), 302);
    let state = app.state.clone();
    let building = tokio::task::spawn_blocking(move || {
        for _ in 0..300 {
            drop(order_portal::server::web::router(state.clone()));
        }
    });
    let mut views = 0;
    while views < 20 || !building.is_finished() {
        let response = app
            .client
            .get(app.url("/orders/1001"))
            .header("accept", "text/html")
            // A page here takes milliseconds; one held back is never answered at all.
            .timeout(std::time::Duration::from_secs(20))
            .send()
            .await
            .unwrap_or_else(|e| panic!("view {views} not answered while routers were built: {e}"));
        assert_eq!(response.status(), 200);
        assert!(response.text().await.unwrap().contains("Stoneware mug"));
        views += 1;
    }
    building.await.unwrap();
}
