//! Backorder choices and delay notices over HTTP against the real server, on both engines: each
//! choice applies once however often it is submitted, cancelling the waiting units refunds
//! exactly them, a choice racing the shop's shipment resolves to one outcome, and the delay
//! check (with an injected clock) sends one notice per slip whose one-click links do only
//! their one thing.
#![cfg(feature = "ssr")]

mod common;

use common::{browser, join_all, spawn_app, Engine, TestApp};
use order_portal::server::services::{delay_notices, integrations};
use serde_json::json;

async fn scalar(app: &TestApp, sql: &str, key: &str) -> i64 {
    sqlx::query_scalar(sql)
        .bind(key)
        .fetch_one(app.state.db.pool())
        .await
        .expect(sql)
}

async fn version(app: &TestApp, number: &str) -> String {
    scalar(app, "SELECT version FROM orders WHERE number = $1", number)
        .await
        .to_string()
}

/// The id of the order's line with this SKU.
async fn line_id(app: &TestApp, number: &str, sku: &str) -> String {
    let id: i64 = sqlx::query_scalar(
        "SELECT l.id FROM order_lines l JOIN orders o ON o.id = l.order_id
         WHERE o.number = $1 AND l.sku = $2",
    )
    .bind(number)
    .bind(sku)
    .fetch_one(app.state.db.pool())
    .await
    .unwrap();
    id.to_string()
}

async fn line_text(app: &TestApp, column: &str, number: &str, sku: &str) -> String {
    sqlx::query_scalar(&format!(
        "SELECT CAST({column} AS TEXT) FROM order_lines l JOIN orders o ON o.id = l.order_id
         WHERE o.number = $1 AND l.sku = $2"
    ))
    .bind(number)
    .bind(sku)
    .fetch_one(app.state.db.pool())
    .await
    .unwrap()
}

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

const REFUNDED: &str = "SELECT CAST(COALESCE(SUM(r.amount), 0) AS BIGINT) FROM refunds r
    JOIN orders o ON o.id = r.order_id WHERE o.number = $1";
const NOTICES: &str = "SELECT COUNT(*) FROM delay_notices n JOIN orders o ON o.id = n.order_id
    WHERE o.number = $1";

async fn token(app: &TestApp) -> String {
    let now = jiff::Timestamp::now().as_millisecond();
    integrations::create_token(&app.state.db, "ERP", now)
        .await
        .unwrap()
        .1
}

async fn put_json(app: &TestApp, token: &str, path: &str, body: serde_json::Value) -> u16 {
    let response = common::api_client()
        .put(app.url(&format!("/api/v1{path}")))
        .bearer_auth(token)
        .json(&body)
        .send()
        .await
        .unwrap();
    let status = response.status().as_u16();
    assert!(status < 300, "{path}: {}", response.text().await.unwrap());
    status
}

/// A product waiting for stock, back on `restock` (or at an unknown date).
async fn put_product(app: &TestApp, token: &str, sku: &str, restock: Option<&str>) {
    let body = json!({"title": format!("Product {sku}"), "processing_days": null,
        "made_to_order": false, "not_cancellable": false, "stock": 0, "expected_restock": restock});
    put_json(app, token, &format!("/products/{sku}"), body).await;
}

/// A paid order placed now: 3 × `sku` (2 of them backordered) and 1 mug on the shelf.
async fn put_order(
    app: &TestApp,
    token: &str,
    number: &str,
    sku: &str,
    currency: &str,
    price: i64,
) {
    let body = json!({
        "customer": {"email": "lise.moen@example.no", "name": "Lise Moen"},
        "locale": "en", "currency": currency, "placed_at": jiff::Timestamp::now().to_string(),
        "payment_status": "paid", "shipping_method": "standard",
        "lines": [
            {"sku": sku, "title": "Wool blanket", "quantity": 3, "unit_price": price,
             "quantity_backordered": 2},
            {"sku": "FF-MUG-01", "title": "Mug", "quantity": 1, "unit_price": 24900}
        ]
    });
    put_json(app, token, &format!("/orders/{number}"), body).await;
}

fn choice_form<'a>(
    number: &'a str,
    version: &'a str,
    line: &'a str,
    choice: &'a str,
) -> [(&'a str, &'a str); 4] {
    [
        ("number", number),
        ("version", version),
        ("line", line),
        ("choice", choice),
    ]
}

both_engines! {
    async fn each_choice_applies_once_and_cancelling_refunds_only_the_waiting_units(engine: Engine) {
        let app = spawn_app(engine).await;
        let token = token(&app).await;
        put_product(&app, &token, "BO-BLANKET", Some("2027-01-15")).await;
        put_order(&app, &token, "7001", "BO-BLANKET", "NOK", 49900).await;
        let shopper = app.verified_shopper("7001").await;
        let (status, page) = app.page_as(&shopper, "/orders/7001").await;
        assert_eq!(status, 200);
        assert!(page.contains("Waiting for stock"), "the card is there");
        assert!(page.contains("2 of 3 × Wool blanket waiting for stock"), "waiting quantity");
        assert!(page.contains("Expected back in stock: Fri 15 Jan 2027."), "restock date");
        assert!(page.contains("Ship what&#x27;s in stock now") || page.contains("Ship what's in stock now"));
        assert!(page.contains("The extra shipment is free."));
        assert!(page.contains("Cancel the 2 waiting items instead"));
        let line = line_id(&app, "7001", "BO-BLANKET").await;
        let mug = line_id(&app, "7001", "FF-MUG-01").await;

        // Only a verified session may choose.
        let stranger = browser();
        let v = version(&app, "7001").await;
        let form = choice_form("7001", &v, &line, "ship_available_now");
        assert_eq!(app.call_as(&stranger, "choose_backorder", &form).await.0, 403);

        // Bad input changes nothing.
        let (status, body) = app.call_as(&shopper, "choose_backorder", &choice_form("7001", &v, &line, "teleport")).await;
        assert_eq!(status, 400, "{body}");
        assert!(body.contains(r#""field":"choice""#), "{body}");
        let (status, body) = app.call_as(&shopper, "choose_backorder", &choice_form("7001", &v, &mug, "cancelled")).await;
        assert_eq!(status, 409, "a line that does not wait: {body}");
        assert!(body.contains("not_backordered"), "{body}");
        let (status, body) = app.call_as(&shopper, "choose_backorder", &choice_form("7001", &v, "999999", "cancelled")).await;
        assert_eq!(status, 400, "a forged line id: {body}");
        assert_eq!(version(&app, "7001").await, v, "refusals did not touch the order");

        // Ship what is in stock now: once, with an email to each side, however often sent.
        let submits = (0..20).map(|_| app.call_as(&shopper, "choose_backorder", &form));
        let answers = join_all(submits).await;
        assert!(answers.iter().all(|(s, _)| *s == 200), "{:?}", answers.iter().find(|(s, _)| *s != 200));
        assert_eq!(line_text(&app, "backorder_choice", "7001", "BO-BLANKET").await, "ship_available_now");
        assert_eq!(emails(&app, "7001", "backorder_choice").await, 1);
        assert_eq!(emails(&app, "7001", "shop_notice").await, 1);
        let (_, page) = app.page_as(&shopper, "/orders/7001?done=backorder_saved").await;
        assert!(page.contains("Your choice is saved"));
        assert!(page.contains("You chose to have the items in stock shipped first"), "timeline");

        // Cancel the waiting units: a hundred identical submits, one cancellation and refund.
        let v = version(&app, "7001").await;
        let form = choice_form("7001", &v, &line, "cancelled");
        let submits = (0..100).map(|_| app.call_as(&shopper, "choose_backorder", &form));
        let answers = join_all(submits).await;
        assert!(answers.iter().all(|(s, _)| *s == 200), "{:?}", answers.iter().find(|(s, _)| *s != 200));
        assert_eq!(scalar(&app, REFUNDED, "7001").await, 2 * 49900, "exactly the waiting units");
        assert_eq!(line_text(&app, "quantity_cancelled", "7001", "BO-BLANKET").await, "2");
        assert_eq!(line_text(&app, "quantity_backordered", "7001", "BO-BLANKET").await, "0");
        assert_eq!(line_text(&app, "backorder_choice", "7001", "BO-BLANKET").await, "cancelled");
        assert_eq!(emails(&app, "7001", "line_cancelled").await, 1);
        assert_eq!(emails(&app, "7001", "shop_notice").await, 2);
        assert_eq!(scalar(&app, "SELECT COUNT(*) FROM orders WHERE number = $1 AND lifecycle = 'open'", "7001").await, 1,
            "the rest of the order goes ahead");

        // Nothing waits any more: a later choice is refused and the card is gone.
        let v = version(&app, "7001").await;
        let (status, body) = app.call_as(&shopper, "choose_backorder", &choice_form("7001", &v, &line, "wait")).await;
        assert_eq!(status, 409, "{body}");
        let (_, page) = app.page_as(&shopper, "/orders/7001").await;
        assert!(!page.contains("Waiting for stock"));

        // Another currency, another quantity: the refund is the waiting units' price.
        put_product(&app, &token, "BO-LAMP", None).await;
        put_order(&app, &token, "7002", "BO-LAMP", "EUR", 1250).await;
        let shopper = app.verified_shopper("7002").await;
        let (_, page) = app.page_as(&shopper, "/orders/7002").await;
        assert!(page.contains("The shop doesn&#x27;t know yet") || page.contains("The shop doesn't know yet"), "unknown restock");
        let (v, line) = (version(&app, "7002").await, line_id(&app, "7002", "BO-LAMP").await);
        let (status, body) = app.call_as(&shopper, "choose_backorder", &choice_form("7002", &v, &line, "cancelled")).await;
        assert_eq!(status, 200, "{body}");
        assert_eq!(scalar(&app, REFUNDED, "7002").await, 2 * 1250);
        app.drain_outbox().await;
        let failed: Vec<(String, Option<String>)> =
            sqlx::query_as("SELECT topic, last_error FROM outbox WHERE status <> 'sent'")
                .fetch_all(app.state.db.pool())
                .await
                .unwrap();
        assert!(failed.is_empty(), "{failed:?}");
        let mails = app.sent_emails();
        assert!(mails.iter().any(|m| m.contains("Subject: Order 7001: your shipping choice")
            && m.contains("the items in stock ship first")), "the shopper hears about the choice");
        assert!(mails.iter().any(|m| m.contains("7001") && m.contains("asks for the items in stock")), "and the shop");
    }

    async fn the_shops_backorder_settings_decide_what_is_offered(engine: Engine) {
        let app = spawn_app(engine).await;
        let token = token(&app).await;
        put_product(&app, &token, "BO-SET", Some("2027-01-15")).await;
        put_order(&app, &token, "7101", "BO-SET", "NOK", 10000).await;
        let settings = |ship_now: bool| json!({"offer_ship_now": ship_now, "offer_cancel": false,
            "ship_now_fees": [{"currency": "NOK", "amount_minor": 4900}],
            "delay_threshold_days": 3, "delay_notices": true});
        put_json(&app, &token, "/settings/backorders", settings(true)).await;
        let shopper = app.verified_shopper("7101").await;
        let (_, page) = app.page_as(&shopper, "/orders/7101").await;
        assert!(page.contains("The extra shipment costs"), "the fee is said");
        assert!(!page.contains("waiting items instead"), "cancelling is not offered");
        let (v, line) = (version(&app, "7101").await, line_id(&app, "7101", "BO-SET").await);
        let (status, body) = app.call_as(&shopper, "choose_backorder", &choice_form("7101", &v, &line, "cancelled")).await;
        assert_eq!(status, 409, "{body}");
        assert!(body.contains("not_offered"), "{body}");

        put_json(&app, &token, "/settings/backorders", settings(false)).await;
        let (_, page) = app.page_as(&shopper, "/orders/7101").await;
        assert!(page.contains("2 of 3 × Wool blanket waiting for stock"));
        assert!(!page.contains("Save my choice"), "nothing to choose: waiting is all there is");
        let (status, body) = app.call_as(&shopper, "choose_backorder", &choice_form("7101", &v, &line, "ship_available_now")).await;
        assert_eq!(status, 409, "{body}");
        assert!(body.contains("not_offered"), "{body}");
        assert_eq!(line_text(&app, "backorder_choice", "7101", "BO-SET").await, "wait");
        assert_eq!(version(&app, "7101").await, v, "nothing changed");
    }

    async fn a_choice_racing_the_shops_shipment_resolves_to_one_outcome(engine: Engine) {
        let app = spawn_app(engine).await;
        let token = token(&app).await;
        put_product(&app, &token, "BO-RACE", Some("2027-01-15")).await;
        let numbers: Vec<String> = (0..30).map(|i| format!("72{i:02}")).collect();
        for number in &numbers {
            put_order(&app, &token, number, "BO-RACE", "NOK", 10000).await;
        }
        let mut races = Vec::new();
        for number in &numbers {
            let shopper = app.verified_shopper(number).await;
            let (v, line) = (version(&app, number).await, line_id(&app, number, "BO-RACE").await);
            let app = &app;
            let token = token.clone();
            races.push(async move {
                let cancel = async {
                    app.call_as(&shopper, "choose_backorder", &choice_form(number, &v, &line, "cancelled")).await.0
                };
                let ship = async {
                    common::api_client()
                        .post(app.url(&format!("/api/v1/orders/{number}/fulfillments")))
                        .bearer_auth(&token)
                        .json(&json!({"lines": [{"sku": "BO-RACE", "quantity": 3}]}))
                        .send().await.unwrap().status().as_u16()
                };
                tokio::join!(cancel, ship)
            });
        }
        let outcomes = join_all(races).await;
        for ((cancel, ship), number) in outcomes.iter().zip(&numbers) {
            assert!(*cancel < 500 && *ship < 500, "{number}: no server errors ({cancel}, {ship})");
            let cancelled = line_text(&app, "quantity_cancelled", number, "BO-RACE").await;
            let shipped = line_text(&app, "quantity_fulfilled", number, "BO-RACE").await;
            let both = cancelled != "0" && shipped != "0";
            let neither = cancelled == "0" && shipped == "0";
            assert!(!both && !neither, "{number}: cancelled {cancelled}, shipped {shipped}");
            assert_eq!((cancelled == "2"), (*cancel == 200), "{number}: the answer matches");
            let refunds = scalar(&app, REFUNDED, number).await;
            assert_eq!(refunds, if cancelled == "2" { 20000 } else { 0 }, "{number}");
        }
    }

    async fn delay_notices_go_out_once_per_slip_and_their_links_do_one_thing(engine: Engine) {
        let app = spawn_app(engine).await;
        let token = token(&app).await;
        let today = jiff::Zoned::now().date();
        let restock = today + jiff::Span::new().days(10);
        put_product(&app, &token, "BO-DELAY", Some(&restock.to_string())).await;
        put_order(&app, &token, "7301", "BO-DELAY", "NOK", 30000).await;
        let now = jiff::Timestamp::now();
        assert_eq!(delay_notices::check(&app.state, None, now).await.unwrap(), 0, "on time: nothing");

        // The restock date slips by 20 days: checked at once by the product change.
        let later = restock + jiff::Span::new().days(20);
        put_product(&app, &token, "BO-DELAY", Some(&later.to_string())).await;
        assert_eq!(scalar(&app, NOTICES, "7301").await, 1, "one notice after the change");
        assert_eq!(emails(&app, "7301", "delay_notice").await, 1);
        // Checking again (any instance, any time) sends nothing new.
        for _ in 0..3 {
            assert_eq!(delay_notices::check(&app.state, None, now).await.unwrap(), 0);
        }
        assert_eq!(scalar(&app, NOTICES, "7301").await, 1);

        // The email carries two one-click links.
        app.drain_outbox().await;
        let mails = app.sent_emails();
        let notice = mails.iter().find(|m| m.contains("Subject: Order 7301: Wool blanket is delayed")).expect("notice sent");
        assert!(notice.contains("taking longer than we promised"));
        let links: Vec<String> = notice.split("http://portal.test/n/").skip(1)
            .map(|rest| rest.chars().take_while(|c| c.is_ascii_alphanumeric() || *c == '-' || *c == '_').collect())
            .collect();
        let keep = links.iter().find(|l| notice.contains(&format!("Keep waiting: http://portal.test/n/{l}"))).expect("keep link").clone();
        let cancel = links.iter().find(|l| notice.contains(&format!("Cancel and refund: http://portal.test/n/{l}"))).expect("cancel link").clone();
        let line = line_id(&app, "7301", "BO-DELAY").await;

        // Opening a link changes nothing; its button does its one thing, once.
        let visitor = browser();
        let response = visitor.get(app.url(&format!("/n/{keep}"))).header("accept", "text/html").send().await.unwrap();
        assert_eq!(response.status().as_u16(), 200);
        let header = |name: &str| response.headers().get(name).and_then(|v| v.to_str().ok()).unwrap_or_default().to_owned();
        assert_eq!(header("referrer-policy"), "same-origin", "the token never leaves the site");
        assert_eq!(header("cache-control"), "no-store");
        let page = response.text().await.unwrap();
        assert!(page.contains("Keep waiting for 2 × Wool blanket?"), "explains before acting");
        assert_eq!(scalar(&app, "SELECT COUNT(*) FROM delay_notices WHERE answer IS NOT NULL AND CAST(line_id AS TEXT) = $1", &line).await, 0);
        for _ in 0..2 {
            let (status, body) = app.call_as(&visitor, "answer_delay_notice", &[("token", &keep), ("line", &line)]).await;
            assert_eq!(status, 200, "{body}");
        }
        assert_eq!(scalar(&app, "SELECT COUNT(*) FROM delay_notices WHERE answer = 'keep_waiting' AND CAST(line_id AS TEXT) = $1", &line).await, 1);
        let (_, page) = app.page_as(&visitor, &format!("/n/{keep}")).await;
        assert!(page.contains("we'll keep Wool blanket on order") || page.contains("we&#x27;ll keep Wool blanket on order"));
        // The other answer of an answered notice is refused and changes nothing.
        let (status, _) = app.call_as(&visitor, "answer_delay_notice", &[("token", &cancel), ("line", &line)]).await;
        assert_eq!(status, 409);
        assert_eq!(scalar(&app, REFUNDED, "7301").await, 0);
        // Tampered links are not links.
        let last = if cancel.ends_with('A') { 'B' } else { 'A' };
        let tampered = format!("{}{last}", &cancel[..cancel.len() - 1]);
        let (status, _) = app.call_as(&visitor, "answer_delay_notice", &[("token", &tampered), ("line", &line)]).await;
        assert_eq!(status, 404);
        let (_, page) = app.page_as(&visitor, &format!("/n/{tampered}")).await;
        assert!(page.contains("This link is not valid"));

        // A further slip: a new notice; its cancel link works for its line only.
        let even_later = later + jiff::Span::new().days(10);
        put_product(&app, &token, "BO-DELAY", Some(&even_later.to_string())).await;
        assert_eq!(scalar(&app, NOTICES, "7301").await, 2, "a new notice for a further slip");
        app.drain_outbox().await;
        let mails = app.sent_emails();
        let second = mails.iter().filter(|m| m.contains("Subject: Order 7301: Wool blanket is delayed")).find(|m| !m.contains(&keep) && !m.contains(&cancel)).expect("second notice");
        let cancel2: String = second.split("Cancel and refund: http://portal.test/n/").nth(1).unwrap()
            .chars().take_while(|c| c.is_ascii_alphanumeric() || *c == '-' || *c == '_').collect();
        let mug = line_id(&app, "7301", "FF-MUG-01").await;
        let (status, body) = app.call_as(&visitor, "answer_delay_notice", &[("token", &cancel2), ("line", &mug)]).await;
        assert_eq!(status, 400, "reused for another line: {body}");
        assert_eq!(scalar(&app, REFUNDED, "7301").await, 0, "nothing changed");
        let (_, page) = app.page_as(&visitor, &format!("/n/{cancel2}")).await;
        assert!(page.contains("Cancel 2 × Wool blanket?") && page.contains("600,00") || page.contains("600.00"), "the refund shown first");
        let (status, body) = app.call_as(&visitor, "answer_delay_notice", &[("token", &cancel2), ("line", &line)]).await;
        assert_eq!(status, 200, "{body}");
        assert_eq!(scalar(&app, REFUNDED, "7301").await, 60000, "two blankets refunded");
        assert_eq!(line_text(&app, "backorder_choice", "7301", "BO-DELAY").await, "cancelled");

        // Thirty days without a restock date: one notice, at the injected time.
        put_product(&app, &token, "BO-NODATE", None).await;
        put_order(&app, &token, "7302", "BO-NODATE", "NOK", 30000).await;
        let day_29 = now + jiff::SignedDuration::from_hours(24 * 29);
        let day_31 = now + jiff::SignedDuration::from_hours(24 * 31);
        delay_notices::check(&app.state, None, day_29).await.unwrap();
        assert_eq!(scalar(&app, NOTICES, "7302").await, 0);
        delay_notices::check(&app.state, None, day_31).await.unwrap();
        delay_notices::check(&app.state, None, day_31).await.unwrap();
        assert_eq!(scalar(&app, NOTICES, "7302").await, 1);
        assert_eq!(emails(&app, "7302", "delay_notice").await, 1);

        // An expired link explains and does nothing.
        app.drain_outbox().await;
        sqlx::query("UPDATE delay_notices SET expires_at = 1 WHERE order_id = (SELECT id FROM orders WHERE number = '7302')")
            .execute(app.state.db.pool()).await.unwrap();
        let failed: Vec<(String, Option<String>)> = sqlx::query_as("SELECT topic, last_error FROM outbox WHERE status <> 'sent'").fetch_all(app.state.db.pool()).await.unwrap();
        assert!(failed.is_empty(), "{failed:?}");
        let mails = app.sent_emails();
        let third = mails.iter().find(|m| m.contains("Subject: Order 7302")).expect("third notice");
        assert!(third.contains("doesn't have a restock date yet") || third.contains("doesn&#39;t have a restock date yet"));
        let keep3: String = third.split("Keep waiting: http://portal.test/n/").nth(1).unwrap()
            .chars().take_while(|c| c.is_ascii_alphanumeric() || *c == '-' || *c == '_').collect();
        let line3 = line_id(&app, "7302", "BO-NODATE").await;
        let (status, _) = app.call_as(&visitor, "answer_delay_notice", &[("token", &keep3), ("line", &line3)]).await;
        assert_eq!(status, 410);
        let (_, page) = app.page_as(&visitor, &format!("/n/{keep3}")).await;
        assert!(page.contains("This link has expired"));
    }
}
