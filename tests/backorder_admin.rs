//! The shop's view of backorders over HTTP, on both engines: the order page shows each waiting
//! line's choice and its delay notices with their answers, the "waiting for stock" list sums
//! every order up in a column, and the reports count opt-outs, choices and notice answers.
#![cfg(feature = "ssr")]

mod common;

use common::{browser, spawn_app, Engine, TestApp};
use order_portal::i18n::{format_date, format_datetime, Locale};
use order_portal::server::demo::{OWNER_EMAIL, OWNER_PASSWORD};
use order_portal::server::services::{delay_notices, integrations};
use serde_json::{json, Value};

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

/// The id of the order's only backordered product line (the one that is not the mug).
async fn line_id(app: &TestApp, number: &str) -> String {
    let sql = "SELECT l.id FROM order_lines l JOIN orders o ON o.id = l.order_id
        WHERE o.number = $1 AND l.sku <> 'FF-MUG-01'";
    scalar(app, sql, number).await.to_string()
}

async fn put_json(app: &TestApp, token: &str, path: &str, body: Value) {
    let response = common::api_client()
        .put(app.url(&format!("/api/v1{path}")))
        .bearer_auth(token)
        .json(&body)
        .send()
        .await
        .unwrap();
    let status = response.status().as_u16();
    assert!(status < 300, "{path}: {}", response.text().await.unwrap());
}

/// A product out of stock, back on `restock` (or at an unknown date).
async fn put_product(app: &TestApp, token: &str, sku: &str, restock: Option<&str>) {
    let body = json!({"title": format!("Product {sku}"), "processing_days": null,
        "made_to_order": false, "not_cancellable": false, "stock": 0, "expected_restock": restock});
    put_json(app, token, &format!("/products/{sku}"), body).await;
}

/// A paid order placed now: 3 × Wool blanket (`sku`, 2 of them backordered) and a mug.
async fn put_order(app: &TestApp, token: &str, number: &str, sku: &str) {
    let body = json!({
        "customer": {"email": "lise.moen@example.no", "name": "Lise Moen"},
        "locale": "en", "currency": "NOK", "placed_at": jiff::Timestamp::now().to_string(),
        "payment_status": "paid", "shipping_method": "standard",
        "lines": [
            {"sku": sku, "title": "Wool blanket", "quantity": 3, "unit_price": 49900,
             "quantity_backordered": 2},
            {"sku": "FF-MUG-01", "title": "Mug", "quantity": 1, "unit_price": 24900}
        ]
    });
    put_json(app, token, &format!("/orders/{number}"), body).await;
}

async fn choose(app: &TestApp, number: &str, choice: &str) {
    let shopper = app.verified_shopper(number).await;
    let (v, line) = (version(app, number).await, line_id(app, number).await);
    let form = [
        ("number", number),
        ("version", v.as_str()),
        ("line", line.as_str()),
        ("choice", choice),
    ];
    let (status, body) = app.call_as(&shopper, "choose_backorder", &form).await;
    assert_eq!(status, 200, "{number} {choice}: {body}");
}

/// The one-click "keep waiting" token of the delay notice emailed about `number`.
fn keep_link(app: &TestApp, number: &str) -> String {
    let subject = format!("Subject: Order {number}: Wool blanket is delayed");
    let mails = app.sent_emails();
    let mail = mails.iter().find(|m| m.contains(&subject)).expect("notice");
    mail.split("Keep waiting: http://portal.test/n/")
        .nth(1)
        .expect("keep link")
        .chars()
        .take_while(|c| c.is_ascii_alphanumeric() || *c == '-' || *c == '_')
        .collect()
}

/// A page's text as a reader sees it: tags gone, entities decoded, whitespace collapsed.
fn text_of(html: &str) -> String {
    let mut text = String::with_capacity(html.len());
    let mut in_tag = false;
    for c in html.chars() {
        match c {
            '<' => in_tag = true,
            '>' if in_tag => {
                in_tag = false;
                text.push(' ');
            }
            _ if !in_tag => text.push(c),
            _ => {}
        }
    }
    let text = text
        .replace("&#x27;", "'")
        .replace("&quot;", "\"")
        .replace("&lt;", "<")
        .replace("&gt;", ">")
        .replace("&amp;", "&");
    text.split_whitespace().collect::<Vec<_>>().join(" ")
}

/// The shop-local moment stored in the notice column `column` for `number`, as the page
/// writes it (a date, or a date and time).
async fn notice_time(app: &TestApp, column: &str, number: &str, with_time: bool) -> String {
    let sql = format!(
        "SELECT n.{column} FROM delay_notices n JOIN orders o ON o.id = n.order_id
         WHERE o.number = $1"
    );
    let ms = scalar(app, &sql, number).await;
    let at = app
        .state
        .local(jiff::Timestamp::from_millisecond(ms).unwrap());
    let t = Locale::En.texts();
    if with_time {
        format_datetime(t, at)
    } else {
        format_date(t, at.date())
    }
}

async fn report(app: &TestApp, owner: &reqwest::Client) -> Value {
    let (status, body) = app
        .call_as(owner, "admin_report_backorders", &[("days", "30")])
        .await;
    assert_eq!(status, 200, "{body}");
    serde_json::from_str(&body).unwrap()
}

fn count(report: &Value, list: &str, key: Value) -> i64 {
    report[list]
        .as_array()
        .unwrap()
        .iter()
        .find(|pair| pair[0] == key)
        .map_or_else(
            || panic!("{list} has {key}: {report}"),
            |pair| pair[1].as_i64().unwrap(),
        )
}

/// "42 %", as the report rounds it.
fn share(n: i64, total: i64) -> String {
    format!("{} %", (n * 100 + total / 2) / total)
}

both_engines! {
    async fn the_shop_sees_each_backorder_choice_and_delay_notice_on_the_order_the_list_and_the_reports(engine: Engine) {
        // Arrange: the owner, and the report before anything happened (the demo shop's own
        // backordered lines, with no choices or notices yet).
        let app = spawn_app(engine).await;
        let owner = browser();
        let fields = [("email", OWNER_EMAIL), ("password", OWNER_PASSWORD)];
        assert_eq!(app.call_as(&owner, "admin_login", &fields).await.0, 200);
        let before = report(&app, &owner).await;
        let (_, page) = app.page_as(&owner, "/admin/reports").await;
        let text = text_of(&page);
        assert!(text.contains("No backorder choices were made and no delay notices were sent"), "{text}");
        assert_eq!(page.matches("<svg ").count(), 3, "no backorder chart without choices or notices");

        let now = jiff::Timestamp::now().as_millisecond();
        let token = integrations::create_token(&app.state.db, "ERP", now).await.unwrap().1;
        let restock = (jiff::Zoned::now().date() + jiff::Span::new().days(20)).to_string();
        put_product(&app, &token, "BA-DATED", Some(&restock)).await;
        put_product(&app, &token, "BA-NODATE", None).await;
        put_order(&app, &token, "7501", "BA-DATED").await;
        put_order(&app, &token, "7502", "BA-DATED").await;
        put_order(&app, &token, "7503", "BA-NODATE").await;
        put_order(&app, &token, "7504", "BA-NODATE").await;

        // Act: 7501 ships the rest first, 7502 cancels the waiting blankets; 30 days on with no
        // restock date, 7503 and 7504 get a delay notice (only this product is checked, so the
        // demo's own waiting lines do not blur the counts) and 7503 keeps waiting.
        choose(&app, "7501", "ship_available_now").await;
        choose(&app, "7502", "cancelled").await;
        let day_31 = jiff::Timestamp::now() + jiff::SignedDuration::from_hours(24 * 31);
        let sent = delay_notices::check(&app.state, Some("BA-NODATE"), day_31).await.unwrap();
        assert_eq!(sent, 2, "one notice for each of 7503 and 7504");
        app.drain_outbox().await;
        let keep = keep_link(&app, "7503");
        let line = line_id(&app, "7503").await;
        let (status, body) = app.call_as(&browser(), "answer_delay_notice", &[("token", &keep), ("line", &line)]).await;
        assert_eq!(status, 200, "{body}");

        // Assert: the order pages.
        let (status, page) = app.page_as(&owner, "/admin/orders/7501").await;
        assert_eq!(status, 200);
        let text = text_of(&page);
        assert!(page.contains(r#"data-testid="admin-backorders""#), "the card is there");
        assert!(text.contains("Backorders Item Waiting Shopper's choice Delay notices"), "{text}");
        assert!(text.contains("Wool blanket 2 Ship what's in stock now; this item follows when it arrives chosen "), "{text}");
        assert!(text.contains("none sent"), "{text}");

        let (_, page) = app.page_as(&owner, "/admin/orders/7502").await;
        assert!(text_of(&page).contains("Wool blanket 0 Cancelled chosen "), "the opted-out line stays listed");

        let (_, page) = app.page_as(&owner, "/admin/orders/7503").await;
        let sent_on = notice_time(&app, "created_at", "7503", false).await;
        let answered = notice_time(&app, "answered_at", "7503", true).await;
        let expected = format!("Wool blanket 2 Wait and ship everything together Delay notice {sent_on} — keeps waiting ({answered})");
        assert!(text_of(&page).contains(&expected), "{expected}\n{}", text_of(&page));

        let (_, page) = app.page_as(&owner, "/admin/orders/7504").await;
        let sent_on = notice_time(&app, "created_at", "7504", false).await;
        let expected = format!("Delay notice {sent_on} — no answer yet");
        assert!(text_of(&page).contains(&expected), "{expected}\n{}", text_of(&page));

        let (_, page) = app.page_as(&owner, "/admin/orders/1001").await;
        assert!(!page.contains(r#"data-testid="admin-backorders""#), "no card for an order with nothing waiting");

        // The "waiting for stock" list: a summary per order, 7502 no longer waits.
        let (status, page) = app.page_as(&owner, "/admin/orders?filter=backordered").await;
        assert_eq!(status, 200);
        let text = text_of(&page);
        assert!(text.contains("Total Backorder"), "the column: {text}");
        assert!(text.contains("2 × Wool blanket: ships the rest first"), "{text}");
        assert!(text.contains("2 × Wool blanket: waits · keeps waiting"), "{text}");
        assert!(text.contains("2 × Wool blanket: waits · notice sent, no answer"), "{text}");
        assert!(!page.contains(r#"href="/admin/orders/7502""#), "nothing of 7502 waits any more");
        let (_, page) = app.page_as(&owner, "/admin/orders?filter=cancelled").await;
        assert!(!text_of(&page).contains("Total Backorder"), "no column when nothing on the page waits");

        // The reports: JSON and the page, the same numbers.
        let after = report(&app, &owner).await;
        let lines = before["backordered_lines"].as_i64().unwrap() + 4;
        let opted_out = before["opted_out"].as_i64().unwrap() + 1;
        assert_eq!(after["backordered_lines"].as_i64().unwrap(), lines, "{after}");
        assert_eq!(after["opted_out"].as_i64().unwrap(), opted_out, "{after}");
        for (choice, n) in [("wait", 0), ("ship_available_now", 1), ("cancelled", 1)] {
            assert_eq!(count(&after, "choices", json!(choice)) - count(&before, "choices", json!(choice)), n, "{choice}");
        }
        for (answer, n) in [(json!("keep_waiting"), 1), (json!("cancel"), 0), (Value::Null, 1)] {
            assert_eq!(count(&after, "notices", answer.clone()) - count(&before, "notices", answer.clone()), n, "{answer}");
        }

        let (_, page) = app.page_as(&owner, "/admin/reports").await;
        let text = text_of(&page);
        let summary = format!(
            "Opt-out rate: {} — shoppers cancelled the waiting units of {opted_out} of {lines} backordered items.",
            share(opted_out, lines)
        );
        assert!(text.contains(&summary), "{summary}\n{text}");
        assert!(text.contains("Choices made Chose to wait 0 0 % Chose to ship the rest first 1 50 % Chose to cancel 1 50 %"), "{text}");
        assert!(text.contains("Delay notices sent Notice: keeps waiting 1 50 % Notice: cancelled 0 0 % Notice: no answer 1 50 %"), "{text}");
        assert_eq!(page.matches("<svg ").count(), 4, "a chart for the backorders too");
        assert!(page.contains(r#"aria-label="Choices and delay notices""#));

        // Only for the shop's team.
        assert_eq!(app.call_as(&browser(), "admin_report_backorders", &[("days", "30")]).await.0, 401);
    }
}
