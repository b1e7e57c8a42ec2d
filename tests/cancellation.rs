//! Self-service cancellation over HTTP against the real server, on both engines: inside the
//! window it cancels once (one refund, one email of each kind) however often it is submitted;
//! outside it, or for what cannot be cancelled, it explains why and changes nothing; racing the
//! shop's shipment, exactly one of the two wins.
#![cfg(feature = "ssr")]

mod common;

use common::{browser, join_all, spawn_app, Engine, TestApp};
use order_portal::server::demo::{OWNER_EMAIL, OWNER_PASSWORD};
use order_portal::server::services::integrations;
use serde_json::json;

async fn scalar(app: &TestApp, sql: &str, number: &str) -> i64 {
    sqlx::query_scalar(sql)
        .bind(number)
        .fetch_one(app.state.db.pool())
        .await
        .expect(sql)
}

async fn version(app: &TestApp, number: &str) -> String {
    scalar(app, "SELECT version FROM orders WHERE number = $1", number)
        .await
        .to_string()
}

const REFUNDS: &str =
    "SELECT COUNT(*) FROM refunds r JOIN orders o ON o.id = r.order_id WHERE o.number = $1";
const PARCELS: &str =
    "SELECT COUNT(*) FROM fulfilments f JOIN orders o ON o.id = f.order_id WHERE o.number = $1";
const CANCELLED: &str = "SELECT COUNT(*) FROM orders WHERE number = $1 AND lifecycle = 'cancelled'";

/// Emails about the order queued in the outbox, by topic.
async fn emails(app: &TestApp, number: &str, topic: &str) -> i64 {
    sqlx::query_scalar(
        "SELECT COUNT(*) FROM outbox x JOIN orders o ON o.id = x.order_id
         WHERE o.number = $1 AND x.topic = $2",
    )
    .bind(number)
    .bind(topic)
    .fetch_one(app.state.db.pool())
    .await
    .unwrap()
}

fn cancel_form<'a>(
    number: &'a str,
    version: &'a str,
    reason: &'a str,
    other: &'a str,
) -> [(&'a str, &'a str); 4] {
    [
        ("number", number),
        ("version", version),
        ("reason", reason),
        ("other", other),
    ]
}

/// An order placed through the API `minutes_ago` with these lines, in `currency`.
async fn put_lines(
    app: &TestApp,
    token: &str,
    number: &str,
    minutes_ago: i64,
    payment: &str,
    (currency, lines): (&str, serde_json::Value),
) {
    let placed = jiff::Timestamp::now() - jiff::SignedDuration::from_mins(minutes_ago);
    let body = json!({
        "customer": {"email": "lise.moen@example.no", "name": "Lise Moen"},
        "locale": "en", "currency": currency, "placed_at": placed.to_string(),
        "payment_status": payment, "shipping_method": "standard",
        "lines": lines
    });
    let response = common::api_client()
        .put(app.url(&format!("/api/v1/orders/{number}")))
        .bearer_auth(token)
        .json(&body)
        .send()
        .await
        .unwrap();
    assert_eq!(
        response.status().as_u16(),
        201,
        "{}",
        response.text().await.unwrap()
    );
}

/// Orders of one line (2 × `sku`) placed through the API, `minutes_ago`, paid or pending.
async fn put_order(
    app: &TestApp,
    token: &str,
    number: &str,
    minutes_ago: i64,
    payment: &str,
    sku: &str,
) {
    let lines =
        json!([{"sku": sku, "title": format!("Item {sku}"), "quantity": 2, "unit_price": 24900}]);
    put_lines(app, token, number, minutes_ago, payment, ("NOK", lines)).await;
}

async fn token(app: &TestApp) -> String {
    let now = jiff::Timestamp::now().as_millisecond();
    integrations::create_token(&app.state.db, "ERP", now)
        .await
        .unwrap()
        .1
}

both_engines! {
    async fn a_verified_shopper_cancels_inside_the_window_exactly_once(engine: Engine) {
        let app = spawn_app(engine).await;
        let shopper = app.verified_shopper("1001").await;
        let (status, page) = app.page_as(&shopper, "/orders/1001").await;
        assert_eq!(status, 200);
        assert!(page.contains("Cancel this order") && page.contains("You can cancel until"), "offered");
        assert!(page.contains("back to the payment method you used"), "the refund is explained");

        // A lookup alone (redacted) may not act.
        let stranger = browser();
        app.call_as(&stranger, "lookup", &[("order_number", "1001"), ("email", "kari.nordmann@example.no")]).await;
        let v = version(&app, "1001").await;
        assert_eq!(app.call_as(&stranger, "cancel_order", &cancel_form("1001", &v, "changed_mind", "")).await.0, 403);

        // Bad input changes nothing.
        let (status, body) = app.call_as(&shopper, "cancel_order", &cancel_form("1001", &v, "because", "")).await;
        assert_eq!(status, 400);
        assert!(body.contains(r#""field":"reason""#), "{body}");
        let (_, body) = app.call_as(&shopper, "cancel_order", &cancel_form("1001", &v, "other", "  ")).await;
        assert!(body.contains(r#""field":"note","problem":"required""#), "{body}");
        let long = "x".repeat(501);
        let (_, body) = app.call_as(&shopper, "cancel_order", &cancel_form("1001", &v, "other", &long)).await;
        assert!(body.contains(r#""problem":"too_long""#), "{body}");
        assert_eq!(scalar(&app, CANCELLED, "1001").await, 0);
        assert_eq!(version(&app, "1001").await, v, "refusals did not touch the order");

        // A hundred identical submits at once (double clicks, retries, tabs): one cancellation.
        let form = cancel_form("1001", &v, "other", "Bought the wrong colour");
        let submits = (0..100).map(|_| app.call_as(&shopper, "cancel_order", &form));
        let answers = join_all(submits).await;
        assert!(answers.iter().all(|(s, _)| *s == 200), "{:?}", answers.iter().filter(|(s, _)| *s != 200).take(3).collect::<Vec<_>>());
        assert_eq!(scalar(&app, CANCELLED, "1001").await, 1);
        assert_eq!(scalar(&app, REFUNDS, "1001").await, 1);
        assert_eq!(emails(&app, "1001", "cancelled").await, 1);
        assert_eq!(emails(&app, "1001", "shop_notice").await, 1);
        let refund = scalar(&app, "SELECT r.amount FROM refunds r JOIN orders o ON o.id = r.order_id WHERE o.number = $1", "1001").await;
        let total = scalar(&app, "SELECT CAST(SUM(l.unit_price * l.quantity) AS BIGINT) FROM order_lines l JOIN orders o ON o.id = l.order_id WHERE o.number = $1", "1001").await;
        assert_eq!(refund, total, "everything paid comes back");

        let (_, page) = app.page_as(&shopper, "/orders/1001?done=cancelled").await;
        assert!(page.contains("Your order is cancelled"));
        assert!(page.contains("This order is cancelled."), "the card says so");
        app.drain_outbox().await;
        let mails = app.sent_emails();
        let shop = mails.iter().find(|m| m.contains("was cancelled by the customer")).expect("the shop is told");
        assert!(shop.contains("To: \"Fjord & Furu\" <orders@fjordogfuru.example>") || shop.contains("orders@fjordogfuru.example"));
        assert!(shop.contains("Bought the wrong colour"));
        let shopper_mails: Vec<&String> = mails.iter().filter(|m| m.contains("kari.nordmann@example.no") && m.contains("Subject: Bestilling 1001 er kansellert")).collect();
        assert_eq!(shopper_mails.len(), 1, "one confirmation to the shopper");
    }

    async fn when_cancelling_is_not_possible_the_page_says_why(engine: Engine) {
        let app = spawn_app(engine).await;
        let token = token(&app).await;
        put_order(&app, &token, "6001", 90, "paid", "FF-MUG-01").await;
        put_order(&app, &token, "6002", 5, "pending", "FF-MUG-01").await;
        put_order(&app, &token, "6003", 5, "paid", "FF-CHAIR-04").await;
        let cases = [
            ("6001", "The time to cancel this order yourself has passed."),
            ("6002", "Your payment is still being processed."),
            ("6003", "is made or prepared just for you"),
        ];
        for (number, why) in cases {
            let shopper = app.verified_shopper(number).await;
            let (_, page) = app.page_as(&shopper, &format!("/orders/{number}")).await;
            assert!(page.contains(why), "{number}: {why}");
            assert!(!page.contains("Yes, cancel the order"), "{number} offers no cancel button");
            let v = version(&app, number).await;
            let (status, body) = app.call_as(&shopper, "cancel_order", &cancel_form(number, &v, "changed_mind", "")).await;
            assert_eq!(status, 409, "{number}: {body}");
            assert!(body.contains("cannot_cancel"), "{body}");
            assert_eq!(scalar(&app, CANCELLED, number).await, 0);
            assert_eq!(version(&app, number).await, v);
        }
        // A policy change never shortens a promised window; a longer one extends it.
        let policy = json!({"enabled": true, "window_minutes": 120, "requests_after_window": true,
            "reasons": [{"code": "changed_mind", "label": "I changed my mind"}], "restock": true,
            "allow_line_cancel": false});
        let saved = common::api_client().put(app.url("/api/v1/settings/cancellation")).bearer_auth(&token)
            .json(&policy).send().await.unwrap();
        assert_eq!(saved.status().as_u16(), 200);
        let shopper = app.verified_shopper("6001").await;
        let v = version(&app, "6001").await;
        assert_eq!(app.call_as(&shopper, "cancel_order", &cancel_form("6001", &v, "changed_mind", "")).await.0, 200);
        let mut short = policy.clone();
        short["window_minutes"] = json!(1);
        common::api_client().put(app.url("/api/v1/settings/cancellation")).bearer_auth(&token)
            .json(&short).send().await.unwrap();
        let shopper = app.verified_shopper("1001").await;
        let v = version(&app, "1001").await;
        assert_eq!(app.call_as(&shopper, "cancel_order", &cancel_form("1001", &v, "changed_mind", "")).await.0, 200,
            "1001 was promised an hour when it was placed");
        let mut bad = policy.clone();
        bad["reasons"] = json!([{"code": "A B", "label": "x"}]);
        let refused = common::api_client().put(app.url("/api/v1/settings/cancellation")).bearer_auth(&token)
            .json(&bad).send().await.unwrap();
        assert_eq!(refused.status().as_u16(), 422);
    }

    async fn past_the_window_the_shopper_asks_and_the_shop_answers(engine: Engine) {
        let app = spawn_app(engine).await;
        let token = token(&app).await;
        put_order(&app, &token, "6101", 90, "paid", "FF-MUG-01").await;
        put_order(&app, &token, "6102", 90, "paid", "FF-MUG-01").await;
        let merchant = browser();
        let fields = [("email", OWNER_EMAIL), ("password", OWNER_PASSWORD)];
        assert_eq!(app.call_as(&merchant, "admin_login", &fields).await.0, 200);

        for number in ["6101", "6102"] {
            let shopper = app.verified_shopper(number).await;
            let (_, page) = app.page_as(&shopper, &format!("/orders/{number}")).await;
            assert!(page.contains("Ask the shop to cancel"), "{number} offers a request");
            let v = version(&app, number).await;
            let form = cancel_form(number, &v, "delivery_too_slow", "");
            let (a, b) = tokio::join!(app.call_as(&shopper, "request_cancellation", &form), app.call_as(&shopper, "request_cancellation", &form));
            assert_eq!((a.0, b.0), (200, 200), "a double submit is one request: {} {}", a.1, b.1);
            let requests = scalar(&app, "SELECT COUNT(*) FROM cancellation_requests r JOIN orders o ON o.id = r.order_id WHERE o.number = $1", number).await;
            assert_eq!(requests, 1);
            assert_eq!(emails(&app, number, "request_received").await, 1);
            assert_eq!(emails(&app, number, "shop_notice").await, 1);
            let (_, page) = app.page_as(&shopper, &format!("/orders/{number}")).await;
            assert!(page.contains("Cancellation requested") || page.contains("You have asked the shop to cancel"), "{number}");
            let (_, admin) = app.page_as(&merchant, &format!("/admin/orders/{number}")).await;
            assert!(admin.contains("The customer asks to cancel") && admin.contains("Delivery takes too long"));
        }

        // Approving cancels once, refunds and tells the shopper.
        let v = version(&app, "6101").await;
        let approve = [("number", "6101"), ("version", v.as_str()), ("approve", "true")];
        assert_eq!(app.call_as(&merchant, "admin_answer_request", &approve).await.0, 200);
        assert_eq!(app.call_as(&merchant, "admin_answer_request", &approve).await.0, 409, "answered once");
        assert_eq!(scalar(&app, CANCELLED, "6101").await, 1);
        assert_eq!(scalar(&app, REFUNDS, "6101").await, 1);
        assert_eq!(emails(&app, "6101", "cancelled").await, 1);

        // Rejecting needs a message, which the shopper gets.
        let v = version(&app, "6102").await;
        let silent = [("number", "6102"), ("version", v.as_str()), ("approve", "false"), ("message", " ")];
        let (status, body) = app.call_as(&merchant, "admin_answer_request", &silent).await;
        assert_eq!(status, 400);
        assert!(body.contains(r#""field":"note","problem":"required""#), "{body}");
        let reject = [("number", "6102"), ("version", v.as_str()), ("approve", "false"), ("message", "It is already packed, sorry!")];
        assert_eq!(app.call_as(&merchant, "admin_answer_request", &reject).await.0, 200);
        assert_eq!(scalar(&app, CANCELLED, "6102").await, 0);
        let shopper = app.verified_shopper("6102").await;
        let (_, page) = app.page_as(&shopper, "/orders/6102").await;
        assert!(page.contains("The shop couldn&#x27;t cancel the order: It is already packed, sorry!")
            || page.contains("The shop couldn't cancel the order: It is already packed, sorry!"));
        app.drain_outbox().await;
        let mails = app.sent_emails();
        assert!(mails.iter().any(|m| m.contains("About your request to cancel order 6102") && m.contains("already packed")));
        assert!(mails.iter().any(|m| m.contains("Order 6101: the customer asks to cancel")));
    }

    async fn the_owner_edits_the_policy_and_stale_forms_change_nothing(engine: Engine) {
        let app = spawn_app(engine).await;
        let token = token(&app).await;
        let owner = browser();
        let fields = [("email", OWNER_EMAIL), ("password", OWNER_PASSWORD)];
        assert_eq!(app.call_as(&owner, "admin_login", &fields).await.0, 200);
        let (status, page) = app.page_as(&owner, "/admin/settings/cancellation").await;
        assert_eq!(status, 200);
        assert!(page.contains("An order placed now could be cancelled until"), "preview");

        // Rename the first, move the last to the top, remove the second, add one.
        let form = [
            ("version", "0"), ("window_minutes", "30"), ("enabled", "on"), ("restock", "on"),
            ("reasons[0][code]", "changed_mind"), ("reasons[0][label]", "Changed my mind"), ("reasons[0][position]", "2"),
            ("reasons[1][code]", "ordered_by_mistake"), ("reasons[1][label]", "x"), ("reasons[1][remove]", "on"),
            ("reasons[2][code]", "other"), ("reasons[2][label]", "Something else"), ("reasons[2][position]", "1"),
            ("reasons[3][label]", "Kjøpte feil størrelse"),
        ];
        let (status, body) = app.call_as(&owner, "cancellation_settings_save", &form).await;
        assert_eq!(status, 200, "{body}");
        let saved: serde_json::Value = common::api_client().get(app.url("/api/v1/settings/cancellation"))
            .bearer_auth(&token).send().await.unwrap().json().await.unwrap();
        assert_eq!(saved["window_minutes"], 30);
        assert_eq!(saved["requests_after_window"], false, "unticked");
        let codes: Vec<&str> = saved["reasons"].as_array().unwrap().iter().map(|r| r["code"].as_str().unwrap()).collect();
        assert_eq!(codes, ["other", "changed_mind", "kjopte_feil_storrelse"]);
        assert_eq!(saved["reasons"][1]["label"], "Changed my mind");

        // The same form again was drawn from version 0: refused, nothing changes.
        assert_eq!(app.call_as(&owner, "cancellation_settings_save", &form).await.0, 409);
        let mut bad = form.to_vec();
        bad[0] = ("version", "1");
        bad[1] = ("window_minutes", "soon");
        let (status, body) = app.call_as(&owner, "cancellation_settings_save", &bad).await;
        assert_eq!(status, 400);
        assert!(body.contains(r#""field":"window_minutes""#), "{body}");
        bad[1] = ("window_minutes", "20000");
        assert_eq!(app.call_as(&owner, "cancellation_settings_save", &bad).await.0, 400);
        let audit = scalar(&app, "SELECT COUNT(*) FROM audit_log WHERE action = $1", "cancellation_policy_changed").await;
        assert_eq!(audit, 1);

        // Staff may look, not change.
        app.add_staff("per@fjordogfuru.example", "staff-pass-2026").await;
        let staff = browser();
        let fields = [("email", "per@fjordogfuru.example"), ("password", "staff-pass-2026")];
        assert_eq!(app.call_as(&staff, "admin_login", &fields).await.0, 200);
        let (_, page) = app.page_as(&staff, "/admin/settings/cancellation").await;
        assert!(page.contains("Only the shop owner can change these settings."));
        let mut again = form.to_vec();
        again[0] = ("version", "1");
        assert_eq!(app.call_as(&staff, "cancellation_settings_save", &again).await.0, 403);
    }

    async fn reasons_speak_the_shoppers_language_and_the_shop_keeps_its_own_words(engine: Engine) {
        let app = spawn_app(engine).await;
        let token = token(&app).await;
        let shopper = app.verified_shopper("1001").await;
        let page = |lang: &'static str| {
            let shopper = shopper.clone();
            let app = &app;
            async move { app.page_as(&shopper, &format!("/orders/1001?lang={lang}")).await.1 }
        };
        // The default reasons come in every language of the portal.
        let dutch = page("nl").await;
        assert!(dutch.contains("Ik ben van gedachten veranderd") && !dutch.contains("I changed my mind"), "nl");
        assert!(page("fi").await.contains("Muutin mieleni"), "fi");
        assert!(page("en").await.contains("I changed my mind"), "en");
        let get_policy = || async {
            common::api_client().get(app.url("/api/v1/settings/cancellation")).bearer_auth(&token)
                .send().await.unwrap().json::<serde_json::Value>().await.unwrap()
        };
        assert_eq!(get_policy().await["reasons"][0]["translations"]["nb"], "Jeg har ombestemt meg");

        // The owner rewords one reason and translates it into Norwegian only.
        let owner = browser();
        let fields = [("email", OWNER_EMAIL), ("password", OWNER_PASSWORD)];
        assert_eq!(app.call_as(&owner, "admin_login", &fields).await.0, 200);
        let (_, form_page) = app.page_as(&owner, "/admin/settings/cancellation").await;
        assert!(form_page.contains(r#"name="reasons[0][translations][fi]" value="Muutin mieleni""#), "the form shows them");
        let form = [
            ("version", "0"), ("window_minutes", "60"), ("enabled", "on"), ("requests_after_window", "on"),
            ("reasons[0][code]", "changed_mind"), ("reasons[0][label]", "Changed my mind"),
            ("reasons[0][translations][nb]", " Ombestemte meg "), ("reasons[0][translations][nl]", ""),
            ("reasons[1][code]", "other"), ("reasons[1][label]", "Other"),
        ];
        let (status, body) = app.call_as(&owner, "cancellation_settings_save", &form).await;
        assert_eq!(status, 200, "{body}");
        let saved = get_policy().await;
        assert_eq!(saved["reasons"][0]["translations"], json!({"nb": "Ombestemte meg"}), "trimmed, empty dropped");
        assert!(saved["reasons"][1].get("translations").is_none(), "none given");
        assert!(page("nb").await.contains("Ombestemte meg"));
        assert!(page("nl").await.contains("Changed my mind"), "no Dutch: the label stands in");

        // A language the portal does not speak is refused on either side; nothing changes.
        let mut bad = form.to_vec();
        bad[0] = ("version", "1");
        bad[7] = ("reasons[0][translations][sv]", "Ångrade mig");
        let (status, body) = app.call_as(&owner, "cancellation_settings_save", &bad).await;
        assert_eq!(status, 400, "{body}");
        assert!(body.contains(r#""field":"reasons""#), "{body}");
        let mut put = saved.clone();
        put["reasons"][0]["translations"] = json!({"sv": "Ångrade mig"});
        let refused = common::api_client().put(app.url("/api/v1/settings/cancellation")).bearer_auth(&token)
            .json(&put).send().await.unwrap();
        assert_eq!(refused.status().as_u16(), 422);
        let why = refused.text().await.unwrap();
        assert!(why.contains("reasons[0].translations.sv") && why.contains("not a language"), "{why}");
        assert_eq!(get_policy().await, saved);

        // A Norwegian shopper's cancellation reaches the shop in the shop's own words.
        let v = version(&app, "1001").await;
        let (status, body) = app.call_as(&shopper, "cancel_order", &cancel_form("1001", &v, "changed_mind", "")).await;
        assert_eq!(status, 200, "{body}");
        app.drain_outbox().await;
        let mails = app.sent_emails();
        let shop = mails.iter().find(|m| m.contains("Order 1001") && m.contains("Changed my mind")).expect("the shop is told");
        assert!(!shop.contains("Ombestemte meg"), "{shop}");
    }

    async fn a_saved_policy_shows_on_the_next_status_page_at_once(engine: Engine) {
        // Pages keep the settings documents in memory for a moment; a save drops them.
        let app = spawn_app(engine).await;
        let token = token(&app).await;
        let shopper = app.verified_shopper("1001").await;
        let page = || async { app.page_as(&shopper, "/orders/1001").await.1 };
        assert!(page().await.contains("You can cancel until"));

        let owner = browser();
        let fields = [("email", OWNER_EMAIL), ("password", OWNER_PASSWORD)];
        assert_eq!(app.call_as(&owner, "admin_login", &fields).await.0, 200);
        let off = [("version", "0"), ("window_minutes", "60"), ("reasons[0][code]", "other"), ("reasons[0][label]", "Other")];
        let (status, body) = app.call_as(&owner, "cancellation_settings_save", &off).await;
        assert_eq!(status, 200, "{body}");
        let html = page().await;
        assert!(html.contains("This shop does not take cancellations online."), "saved in the console");
        assert!(!html.contains("You can cancel until"));

        let on = json!({"enabled": true, "window_minutes": 60, "requests_after_window": true,
            "reasons": [{"code": "other", "label": "Other"}], "restock": true, "allow_line_cancel": false});
        let saved = common::api_client().put(app.url("/api/v1/settings/cancellation")).bearer_auth(&token)
            .json(&on).send().await.unwrap();
        assert_eq!(saved.status().as_u16(), 200);
        assert!(page().await.contains("You can cancel until"), "saved through the API");
    }

    async fn a_cancel_racing_the_shops_shipment_lets_exactly_one_win(engine: Engine) {
        let app = spawn_app(engine).await;
        let token = token(&app).await;
        let merchant = browser();
        let fields = [("email", OWNER_EMAIL), ("password", OWNER_PASSWORD)];
        assert_eq!(app.call_as(&merchant, "admin_login", &fields).await.0, 200);
        // 200 in `make test`; the benchmark harness runs 2 000 (`bench/race.sh`).
        let orders: usize = std::env::var("PORTAL_RACE_ORDERS").ok().and_then(|n| n.parse().ok()).unwrap_or(200);
        let numbers: Vec<String> = (0..orders).map(|i| format!("7{i:04}")).collect();
        for n in &numbers {
            put_order(&app, &token, n, 1, "paid", "FF-MUG-01").await;
        }
        let mut results = Vec::new();
        // Each order is raced on its own; 200 races at a time keep the pools' waits short.
        for wave in numbers.chunks(200) {
            let mut shoppers = Vec::new();
            for n in wave {
                shoppers.push(app.verified_shopper(n).await);
            }
            let mut races = Vec::new();
            for (n, shopper) in wave.iter().zip(&shoppers) {
                let v = version(&app, n).await;
                let line: i64 = scalar(&app, "SELECT l.id FROM order_lines l JOIN orders o ON o.id = l.order_id WHERE o.number = $1", n).await;
                let (app, merchant) = (&app, &merchant);
                races.push(async move {
                    let cancel = [("number", n.as_str()), ("version", v.as_str()), ("reason", "changed_mind"), ("other", "")];
                    let line = line.to_string();
                    let ship = [("number", n.as_str()), ("version", v.as_str()), ("lines[0][line]", line.as_str()),
                        ("lines[0][quantity]", "2"), ("carrier", "Posten"), ("tracking_number", ""), ("tracking_url", "")];
                    tokio::join!(app.call_as(shopper, "cancel_order", &cancel), app.call_as(merchant, "admin_ship", &ship))
                });
            }
            results.extend(join_all(races).await);
        }
        let (mut both, mut neither, mut errors) = (0, 0, 0);
        for (n, ((cancel, _), (ship, _))) in numbers.iter().zip(&results) {
            if *cancel >= 500 || *ship >= 500 {
                errors += 1;
            }
            let cancelled = scalar(&app, CANCELLED, n).await == 1;
            let shipped = scalar(&app, PARCELS, n).await == 1;
            both += usize::from(cancelled && shipped);
            neither += usize::from(!cancelled && !shipped);
            assert_eq!(cancelled, *cancel == 200, "{n}: the answer matches what happened");
            assert_eq!(shipped, *ship == 200, "{n}");
        }
        eprintln!("{} races on {engine:?}: {both} both applied, {neither} neither, {errors} server errors", numbers.len());
        assert_eq!((both, neither, errors), (0, 0, 0));
    }
}

/// The shop lets shoppers cancel single lines (through the API, as its system would).
async fn allow_lines(app: &TestApp, token: &str) {
    let client = common::api_client();
    let url = app.url("/api/v1/settings/cancellation");
    let mut policy: serde_json::Value = client
        .get(&url)
        .bearer_auth(token)
        .send()
        .await
        .unwrap()
        .json()
        .await
        .unwrap();
    policy["allow_line_cancel"] = json!(true);
    let response = client
        .put(&url)
        .bearer_auth(token)
        .json(&policy)
        .send()
        .await
        .unwrap();
    assert_eq!(
        response.status().as_u16(),
        200,
        "{}",
        response.text().await.unwrap()
    );
}

/// A paid order of three lines placed a minute ago: 2 × mug, 1 × bowl (made to order), 3 × plate.
async fn put_three_lines(app: &TestApp, token: &str, number: &str) {
    let product = json!({"title": "Bowl", "made_to_order": true});
    let response = common::api_client()
        .put(app.url("/api/v1/products/BOWL-1"))
        .bearer_auth(token)
        .json(&product)
        .send()
        .await
        .unwrap();
    assert!(
        response.status().is_success(),
        "{}",
        response.text().await.unwrap()
    );
    let lines = json!([
        {"sku": "MUG-1", "title": "Mug", "quantity": 2, "unit_price": 1250},
        {"sku": "BOWL-1", "title": "Bowl", "quantity": 1, "unit_price": 3900},
        {"sku": "PLATE-1", "title": "Plate", "quantity": 3, "unit_price": 990}
    ]);
    put_lines(app, token, number, 1, "paid", ("EUR", lines)).await;
}

async fn line_id(app: &TestApp, number: &str, sku: &str) -> String {
    sqlx::query_scalar::<_, i64>("SELECT l.id FROM order_lines l JOIN orders o ON o.id = l.order_id WHERE o.number = $1 AND l.sku = $2")
        .bind(number).bind(sku).fetch_one(app.state.db.pool()).await.unwrap().to_string()
}

both_engines! {
    async fn a_shopper_cancels_single_lines_once_with_the_partial_refund(engine: Engine) {
        let app = spawn_app(engine).await;
        let token = token(&app).await;
        put_three_lines(&app, &token, "5101").await;
        let shopper = app.verified_shopper("5101").await;
        let (_, page) = app.page_as(&shopper, "/orders/5101").await;
        assert!(!page.contains("Cancel single items"), "not offered until the shop allows it");
        let (mug, plate) = (line_id(&app, "5101", "MUG-1").await, line_id(&app, "5101", "PLATE-1").await);
        let v = version(&app, "5101").await;
        let mug_form = [("number", "5101"), ("version", v.as_str()), ("line", mug.as_str()), ("reason", "changed_mind"), ("other", "")];
        let (status, body) = app.call_as(&shopper, "cancel_line", &mug_form).await;
        assert_eq!(status, 409, "{body}");
        assert!(body.contains("lines_not_cancellable"), "{body}");

        allow_lines(&app, &token).await;
        let owner = browser();
        let fields = [("email", OWNER_EMAIL), ("password", OWNER_PASSWORD)];
        assert_eq!(app.call_as(&owner, "admin_login", &fields).await.0, 200);
        let hook = [("url", "http://127.0.0.1:9/hooks/portal")];
        assert_eq!(app.call_as(&owner, "webhook_endpoint", &hook).await.0, 200);
        let (_, page) = app.page_as(&shopper, "/orders/5101").await;
        assert!(page.contains("Cancel single items"), "offered now");
        assert!(page.contains("Cancel 2 × Mug") && page.contains("Cancel 3 × Plate"));
        assert!(!page.contains("Cancel 1 × Bowl"), "the made-to-order bowl is not offered");
        assert!(page.contains("€25.00"), "the mug's refund is shown before confirming");

        // Forged and foreign line ids, the bowl, bad reasons: refused, nothing changes.
        let other_order = scalar(&app, "SELECT MIN(l.id) FROM order_lines l JOIN orders o ON o.id = l.order_id WHERE o.number = $1", "1001").await.to_string();
        let bowl = line_id(&app, "5101", "BOWL-1").await;
        for (line, reason, status, needle) in [
            ("999999", "changed_mind", 400, r#""field":"line""#),
            (other_order.as_str(), "changed_mind", 400, r#""field":"line""#),
            ("abc", "changed_mind", 400, ""),
            (bowl.as_str(), "changed_mind", 409, "item_not_cancellable"),
            (mug.as_str(), "not_a_reason", 400, r#""field":"reason""#),
        ] {
            let form = [("number", "5101"), ("version", v.as_str()), ("line", line), ("reason", reason), ("other", "")];
            let (got, body) = app.call_as(&shopper, "cancel_line", &form).await;
            assert_eq!(got, status, "{line} {reason}: {body}");
            assert!(body.contains(needle), "{body}");
        }
        assert_eq!(version(&app, "5101").await, v, "refusals did not touch the order");

        // Fifty identical submits: the mug is cancelled once, refunded once, told once.
        let mug_form = [("number", "5101"), ("version", v.as_str()), ("line", mug.as_str()), ("reason", "changed_mind"), ("other", "")];
        let answers = join_all((0..50).map(|_| app.call_as(&shopper, "cancel_line", &mug_form))).await;
        assert!(answers.iter().all(|(s, _)| *s == 200), "{:?}", answers.iter().find(|(s, _)| *s != 200));
        assert_eq!(scalar(&app, CANCELLED, "5101").await, 0, "the order goes ahead");
        assert_eq!(scalar(&app, REFUNDS, "5101").await, 1);
        let refunded = scalar(&app, "SELECT CAST(SUM(r.amount) AS BIGINT) FROM refunds r JOIN orders o ON o.id = r.order_id WHERE o.number = $1", "5101").await;
        assert_eq!(refunded, 2500, "2 × 12.50");
        let mug_cancelled = scalar(&app, "SELECT l.quantity_cancelled FROM order_lines l JOIN orders o ON o.id = l.order_id WHERE o.number = $1 AND l.sku = 'MUG-1'", "5101").await;
        assert_eq!(mug_cancelled, 2);
        assert_eq!(emails(&app, "5101", "line_cancelled").await, 1);
        assert_eq!(emails(&app, "5101", "shop_notice").await, 1);
        let hooks: Vec<String> = sqlx::query_scalar("SELECT payload FROM outbox WHERE topic = 'order.line_cancelled'")
            .fetch_all(app.state.db.pool()).await.unwrap();
        assert_eq!(hooks.len(), 1, "one webhook");
        let hook: serde_json::Value = serde_json::from_str(&hooks[0]).unwrap();
        assert_eq!(hook["data"]["line_cancellation"]["line_id"].to_string(), mug);
        assert_eq!(hook["data"]["line_cancellation"]["refund_amount"], 2500);
        assert_eq!(hook["data"]["line_cancellation"]["reason"], "changed_mind");
        assert_eq!(hook["data"]["order"]["lines"][0]["quantity_cancelled"], 2);
        let records = scalar(&app, "SELECT COUNT(*) FROM cancellations c JOIN orders o ON o.id = c.order_id WHERE o.number = $1 AND c.shopper_reason = 'changed_mind'", "5101").await;
        assert_eq!(records, 1);

        let (_, page) = app.page_as(&shopper, "/orders/5101?done=line_cancelled").await;
        assert!(page.contains("The item is cancelled"));
        assert!(!page.contains("Cancel 2 × Mug"));
        app.drain_outbox().await;
        let mails = app.sent_emails();
        let mine = mails.iter().find(|m| m.contains("You've cancelled items of order 5101")).expect("the shopper is told");
        assert!(mine.contains("2 × Mug") && mine.contains("€25.00"), "{mine}");
        let shop = mails.iter().find(|m| m.contains("Order 5101: the customer cancelled an item")).expect("the shop is told");
        assert!(shop.contains("2 × Mug") && shop.contains("I changed my mind"), "{shop}");

        // The plate now (a fresh version), then the last open line is the bowl: the order
        // itself still cannot be cancelled by the shopper, and lines are no longer offered.
        let v = version(&app, "5101").await;
        let plate_form = [("number", "5101"), ("version", v.as_str()), ("line", plate.as_str()), ("reason", "changed_mind"), ("other", "")];
        assert_eq!(app.call_as(&shopper, "cancel_line", &plate_form).await.0, 200);
        let (_, page) = app.page_as(&shopper, "/orders/5101").await;
        assert!(!page.contains("Cancel single items"), "one line left");
        assert_eq!(scalar(&app, CANCELLED, "5101").await, 0);
    }

    async fn cancelling_the_last_open_line_cancels_the_order(engine: Engine) {
        let app = spawn_app(engine).await;
        let token = token(&app).await;
        allow_lines(&app, &token).await;
        put_order(&app, &token, "5102", 1, "paid", "MUG-1").await;
        let shopper = app.verified_shopper("5102").await;
        let (_, page) = app.page_as(&shopper, "/orders/5102").await;
        assert!(!page.contains("Cancel single items"), "a single line is the whole order");
        let v = version(&app, "5102").await;
        let line = line_id(&app, "5102", "MUG-1").await;
        let form = [("number", "5102"), ("version", v.as_str()), ("line", line.as_str()), ("reason", "changed_mind"), ("other", "")];
        assert_eq!(app.call_as(&shopper, "cancel_line", &form).await.0, 200);
        assert_eq!(scalar(&app, CANCELLED, "5102").await, 1);
        assert_eq!(emails(&app, "5102", "cancelled").await, 1);
        assert_eq!(emails(&app, "5102", "line_cancelled").await, 0);
    }
}
