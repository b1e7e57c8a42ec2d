//! Merchant sign-in, sessions and the overview, on both engines.
#![cfg(feature = "ssr")]

mod common;

use common::{spawn_app, spawn_app_with, Engine, TestApp};
use order_portal::server::demo::{OWNER_EMAIL, OWNER_PASSWORD};

async fn login(app: &TestApp, email: &str, password: &str) -> reqwest::Response {
    app.client
        .post(app.url("/fn/admin_login"))
        .header("accept", "application/json")
        .form(&[("email", email), ("password", password)])
        .send()
        .await
        .unwrap()
}

fn admin_cookie(response: &reqwest::Response) -> String {
    response
        .headers()
        .get_all("set-cookie")
        .iter()
        .filter_map(|v| v.to_str().ok())
        .find(|v| v.starts_with("portal_admin="))
        .expect("merchant cookie set")
        .to_owned()
}

/// `/admin` requested with only the given cookie, as a replayed request would be.
async fn admin_with_cookie(app: &TestApp, cookie: &str) -> reqwest::Response {
    let replay = reqwest::Client::builder()
        .timeout(common::REQUEST_LIMIT)
        .redirect(reqwest::redirect::Policy::none())
        .build()
        .unwrap();
    replay
        .get(app.url("/admin"))
        .header("cookie", cookie)
        .header("accept", "text/html")
        .send()
        .await
        .unwrap()
}

both_engines! {
    async fn the_owner_signs_in_and_sees_the_overview(engine: Engine) {
        let app = spawn_app(engine).await;
        let response = login(&app, OWNER_EMAIL, OWNER_PASSWORD).await;
        assert_eq!(response.status().as_u16(), 200);
        let cookie = admin_cookie(&response);
        assert!(cookie.contains("; Path=/; Max-Age=43200; HttpOnly; SameSite=Lax"), "{cookie}");

        let (status, html) = app.page("/admin").await;
        assert_eq!(status, 200);
        assert!(html.contains("Signed in as owner@fjordogfuru.example (owner)"));
        // Demo shop: 27 open orders (3 cancelled), 3 on hold, of which none is fully shipped.
        let counts: Vec<String> = html
            .split("class=\"tile-number\">")
            .skip(1)
            .map(|rest| rest.split('<').next().unwrap().to_owned())
            .collect();
        assert_eq!(counts[0], "27", "open");
        assert_eq!(counts[3], "3", "on hold");
        assert_eq!(counts[4], "0", "cancellation requests");
        let unfulfilled: i64 = counts[1].parse().unwrap();
        assert!(unfulfilled < 27, "shipped and cancelled orders are not unfulfilled");
    }

    async fn unknown_email_and_wrong_password_get_the_same_answer(engine: Engine) {
        let app = spawn_app(engine).await;
        let unknown = login(&app, "nobody@fjordogfuru.example", "whatever-password").await;
        let wrong = login(&app, OWNER_EMAIL, "not-the-password").await;
        assert_eq!(unknown.status().as_u16(), 401);
        assert_eq!(wrong.status().as_u16(), 401);
        assert!(unknown.headers().get("set-cookie").is_none());
        let (a, b) = (unknown.text().await.unwrap(), wrong.text().await.unwrap());
        assert_eq!(a, b);
        assert!(a.contains("login_failed"));
        assert_eq!(app.page("/admin").await.0, 302, "still signed out");
    }

    async fn bad_sign_in_input_is_explained(engine: Engine) {
        let app = spawn_app(engine).await;
        let long = "p".repeat(129);
        for (email, password, field) in [("", "x", "email"), ("owner@", "x", "email"), (OWNER_EMAIL, "", "password"), (OWNER_EMAIL, long.as_str(), "password")] {
            let response = login(&app, email, password).await;
            assert_eq!(response.status().as_u16(), 400);
            let body: serde_json::Value = response.json().await.unwrap();
            assert_eq!(body["field"], field);
        }
    }

    async fn signed_out_visitors_are_sent_to_the_sign_in(engine: Engine) {
        let app = spawn_app(engine).await;
        let response = app.get("/admin").await;
        assert_eq!(response.status().as_u16(), 302);
        assert_eq!(response.headers()["location"], "/admin/login");
        let call = app
            .client
            .post(app.url("/fn/admin_dashboard"))
            .header("accept", "application/json")
            .send()
            .await
            .unwrap();
        assert_eq!(call.status().as_u16(), 401);
        let (status, html) = app.page("/admin/login").await;
        assert_eq!(status, 200);
        assert!(html.contains("Merchant sign-in"));
    }

    async fn signing_in_again_replaces_the_session(engine: Engine) {
        let app = spawn_app(engine).await;
        let first = admin_cookie(&login(&app, OWNER_EMAIL, OWNER_PASSWORD).await);
        let second = admin_cookie(&login(&app, OWNER_EMAIL, OWNER_PASSWORD).await);
        assert_ne!(first, second, "a new session id at every sign-in");
        let old = first.split(';').next().unwrap().to_owned();
        let response = admin_with_cookie(&app, &old).await;
        assert_eq!(response.status().as_u16(), 302, "the previous session ended");
    }

    async fn signing_out_ends_the_session_on_the_server(engine: Engine) {
        let app = spawn_app(engine).await;
        let cookie = admin_cookie(&login(&app, OWNER_EMAIL, OWNER_PASSWORD).await);
        let token = cookie.split(';').next().unwrap().to_owned();
        let out = app
            .client
            .post(app.url("/fn/admin_logout"))
            .header("accept", "application/json")
            .send()
            .await
            .unwrap();
        assert_eq!(out.status().as_u16(), 200);
        let cleared = admin_cookie(&out);
        assert!(cleared.starts_with("portal_admin=;") && cleared.contains("Max-Age=0"));
        let response = admin_with_cookie(&app, &token).await;
        assert_eq!(response.status().as_u16(), 302);
    }

    async fn an_idle_session_ends_after_thirty_minutes(engine: Engine) {
        let app = spawn_app(engine).await;
        login(&app, OWNER_EMAIL, OWNER_PASSWORD).await;
        assert_eq!(app.page("/admin").await.0, 200);
        let idle = jiff::Timestamp::now().as_millisecond() - 31 * 60_000;
        sqlx::query("UPDATE sessions SET last_seen_at = $1 WHERE merchant_user_id IS NOT NULL")
            .bind(idle)
            .execute(app.state.db.pool())
            .await
            .unwrap();
        assert_eq!(app.page("/admin").await.0, 302);
    }

    async fn sign_in_attempts_are_limited_per_account(engine: Engine) {
        let app = spawn_app_with(engine, |s| s.login_limit_per_account = 2).await;
        for _ in 0..2 {
            assert_eq!(login(&app, OWNER_EMAIL, "wrong-password").await.status().as_u16(), 401);
        }
        let limited = login(&app, OWNER_EMAIL, OWNER_PASSWORD).await;
        assert_eq!(limited.status().as_u16(), 429);
        assert!(limited.headers().get("retry-after").is_some());
    }

    async fn the_orders_list_filters_searches_and_pages(engine: Engine) {
        let app = spawn_app(engine).await;
        login(&app, OWNER_EMAIL, OWNER_PASSWORD).await;
        let numbers = |html: &str| -> Vec<String> {
            let Some(start) = html.find("data-testid=\"orders\"") else { return Vec::new() };
            html[start..]
                .split("<th scope=\"row\">")
                .skip(1)
                .map(|rest| {
                    let cell = rest.split("</th>").next().unwrap();
                    cell.split(['<', '>']).nth(2).unwrap_or(cell).to_owned()
                })
                .collect()
        };
        let (status, first) = app.page("/admin/orders").await;
        assert_eq!(status, 200);
        let first_page = numbers(&first);
        assert_eq!(first_page.len(), 25);
        assert_eq!(first_page[0], "1001", "newest first");
        let start = first.find("rel=\"next\"").map(|i| first[..i].rfind("href=\"").unwrap() + 6).expect("a next page");
        let href = first[start..].split('"').next().unwrap().replace("&amp;", "&");
        let (_, second) = app.page(&href).await;
        let second_page = numbers(&second);
        assert_eq!(second_page.len(), 5);
        assert!(second_page.iter().all(|n| !first_page.contains(n)), "pages do not overlap");
        assert!(!second.contains("rel=\"next\""));

        let (_, held) = app.page("/admin/orders?filter=on_hold").await;
        assert_eq!(numbers(&held), ["1005", "1006", "1007"]);
        let (_, cancelled) = app.page("/admin/orders?filter=cancelled").await;
        assert_eq!(numbers(&cancelled).len(), 3);
        assert!(cancelled.contains("Cancelled"));
        let (_, by_email) = app.page("/admin/orders?q=Aino.Virtanen%40example.fi").await;
        assert_eq!(numbers(&by_email), ["1002", "1030", "1012", "1021"]);
        let (_, by_number) = app.page("/admin/orders?q=%231012").await;
        assert_eq!(numbers(&by_number), ["1012"]);
        let (_, junk) = app.page("/admin/orders?q=%3Cscript%3E&filter=nonsense").await;
        assert!(numbers(&junk).is_empty() && junk.contains("No orders match."));
        assert!(!junk.contains("<script>"));
        let bad_cursor = app.page("/admin/orders?after=abc").await;
        assert_eq!(bad_cursor.0, 400);
    }

    async fn the_orders_list_needs_a_signed_in_merchant(engine: Engine) {
        let app = spawn_app(engine).await;
        assert_eq!(app.page("/admin/orders").await.0, 302);
        let call = app
            .client
            .post(app.url("/fn/admin_orders"))
            .header("accept", "application/json")
            .form(&[("filter", "all"), ("q", ""), ("after", "")])
            .send()
            .await
            .unwrap();
        assert_eq!(call.status().as_u16(), 401);
        // A shopper's verified session is not a merchant session.
        app.get(&app.signed_link("1001").await).await;
        assert_eq!(app.page("/admin/orders").await.0, 302);
    }
}
