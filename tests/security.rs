//! The security baseline on every route: CSRF refusal, response headers, cookie attributes.
#![cfg(feature = "ssr")]

mod common;

use common::{spawn_app, spawn_app_with, Engine};

const KARI: &str = "kari.nordmann@example.no";

both_engines! {
    async fn a_cross_site_post_is_refused_and_changes_nothing(engine: Engine) {
        let app = spawn_app_with(engine, |s| s.lookup_limit_per_order = 1).await;
        let forged = [
            ("origin", "https://evil.example"),
            ("sec-fetch-site", "cross-site"),
            ("referer", "https://evil.example/page"),
            ("origin", "null"),
        ];
        for (name, value) in forged {
            let response = app
                .client
                .post(app.url("/fn/lookup"))
                .header(name, value)
                .form(&[("order_number", "1001"), ("email", KARI)])
                .send()
                .await
                .unwrap();
            assert_eq!(response.status().as_u16(), 403, "{name}: {value}");
        }
        // None of the refused attempts counted or granted anything: the one allowed attempt works.
        let same_site = app
            .client
            .post(app.url("/fn/lookup"))
            .header("origin", &app.base)
            .header("accept", "application/json")
            .form(&[("order_number", "1001"), ("email", KARI)])
            .send()
            .await
            .unwrap();
        assert_eq!(same_site.status().as_u16(), 200);
    }

    async fn a_server_function_does_not_answer_get(engine: Engine) {
        let app = spawn_app(engine).await;
        let response = app.get("/fn/lookup?order_number=1001&email=kari.nordmann%40example.no").await;
        assert_eq!(response.status().as_u16(), 405);
    }

    async fn pages_carry_the_security_headers(engine: Engine) {
        let app = spawn_app(engine).await;
        let response = app.get("/").await;
        let headers = response.headers().clone();
        let html = response.text().await.unwrap();
        let csp = headers["content-security-policy"].to_str().unwrap().to_owned();
        let nonce = html.split("nonce=\"").nth(1).and_then(|rest| rest.split('"').next()).unwrap();
        assert!(csp.contains(&format!("'nonce-{nonce}'")), "{csp}");
        assert!(csp.contains("'wasm-unsafe-eval'") && csp.contains("frame-ancestors 'none'"));
        assert_eq!(headers["x-frame-options"], "DENY");
        assert_eq!(headers["x-content-type-options"], "nosniff");
        assert!(headers.get("strict-transport-security").is_none(), "no HSTS over plain http");

        app.lookup_form("1001", KARI).await;
        let order = app.get("/orders/1001").await;
        assert_eq!(order.headers()["cache-control"], "no-store");
        let health = app.get("/healthz").await;
        assert!(health.headers()["content-security-policy"].to_str().unwrap().starts_with("default-src 'self'"));
    }

    async fn over_https_cookies_are_host_only_secure_and_hsts_is_sent(engine: Engine) {
        let app = spawn_app_with(engine, |s| s.public_url = "https://portal.test".into()).await;
        let response = app.lookup_json("1001", KARI).await;
        assert_eq!(response.status().as_u16(), 200);
        let cookie = response.headers()["set-cookie"].to_str().unwrap();
        assert!(cookie.starts_with("__Host-portal_sid="), "{cookie}");
        assert!(cookie.contains("; Path=/;") && cookie.contains("HttpOnly") && cookie.contains("SameSite=Lax") && cookie.ends_with("; Secure"));
        assert!(!cookie.contains("Domain="));
        assert!(response.headers()["strict-transport-security"].to_str().unwrap().starts_with("max-age="));
    }

    async fn a_database_failure_shows_a_reference_and_no_database_text(engine: Engine) {
        let app = spawn_app(engine).await;
        let link = app.signed_link("1001").await;
        for table in ["rate_limits", "order_links"] {
            sqlx::query(&format!("DROP TABLE {table}")).execute(app.state.db.pool()).await.unwrap();
        }
        let leaks = |body: &str| ["rate_limits", "order_links", "sql", "relation", "table"]
            .iter()
            .any(|word| body.to_lowercase().contains(word));

        let response = app.lookup_json("1001", KARI).await;
        assert_eq!(response.status().as_u16(), 500);
        let id = response.headers()["x-request-id"].to_str().unwrap().to_owned();
        let body = response.text().await.unwrap();
        assert!(body.contains(&id), "{body}");
        assert!(!leaks(&body), "{body}");

        let response = app.get(&link).await;
        assert_eq!(response.status().as_u16(), 500);
        let id = response.headers()["x-request-id"].to_str().unwrap().to_owned();
        let html = response.text().await.unwrap();
        assert!(html.contains(&format!("Reference: {id}")));
        let main = &html[html.find("<main").unwrap()..html.find("</main>").unwrap()];
        assert!(!leaks(main), "{main}");
    }
}
