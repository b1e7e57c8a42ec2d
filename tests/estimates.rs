//! Processing-time and delivery estimates over HTTP, on both engines: the API, `POST
//! /estimates` and the status page show the same dates; promised windows stay while current
//! ones follow settings, processing times and restock dates; bad input changes nothing; the
//! merchant's settings page saves with the API's rules.
#![cfg(feature = "ssr")]

mod common;

use common::{browser, spawn_app, Engine, TestApp};
use order_portal::server::demo::{OWNER_EMAIL, OWNER_PASSWORD};
use order_portal::server::services::integrations;
use serde_json::{json, Value};

struct Api<'a> {
    app: &'a TestApp,
    token: String,
}

impl<'a> Api<'a> {
    async fn new(app: &'a TestApp) -> Self {
        let now = jiff::Timestamp::now().as_millisecond();
        let (_, token) = integrations::create_token(&app.state.db, "ERP", now)
            .await
            .unwrap();
        Api { app, token }
    }

    async fn send(
        &self,
        method: reqwest::Method,
        path: &str,
        body: Option<&Value>,
    ) -> (u16, Value) {
        let mut request = common::api_client()
            .request(method, self.app.url(&format!("/api/v1{path}")))
            .bearer_auth(&self.token);
        if let Some(body) = body {
            request = request.json(body);
        }
        let response = request.send().await.unwrap();
        let status = response.status().as_u16();
        (status, response.json().await.unwrap_or(Value::Null))
    }

    async fn put(&self, path: &str, body: &Value) -> (u16, Value) {
        self.send(reqwest::Method::PUT, path, Some(body)).await
    }

    async fn get(&self, path: &str) -> Value {
        let (status, body) = self.send(reqwest::Method::GET, path, None).await;
        assert_eq!(status, 200, "{body}");
        body
    }

    async fn estimate(&self, body: &Value) -> (u16, Value) {
        self.send(reqwest::Method::POST, "/estimates", Some(body))
            .await
    }
}

fn window(earliest: &str, latest: &str) -> Value {
    json!({"earliest": earliest, "latest": latest})
}

/// Oslo, Monday to Friday, cut-off 14:00, Norwegian holidays, 1–3 days, one method of 1–4 days.
fn settings() -> Value {
    json!({"time_zone": "Europe/Oslo", "working_days": ["mon", "tue", "wed", "thu", "fri"],
        "cutoff": "14:00", "holiday_calendar": "NO", "holidays": [],
        "default_processing_days": {"min": 1, "max": 3},
        "shipping_methods": [{"code": "standard", "name": "Standard", "transit_days": {"min": 1, "max": 4}}]})
}

/// Tuesday 17 Nov 2026, 10:00 in Oslo: the order day is that Tuesday.
const PLACED: &str = "2026-11-17T09:00:00Z";

fn order(sku: &str, backordered: u32) -> Value {
    json!({"customer": {"email": "lise.moen@example.no", "name": "Lise Moen"},
        "locale": "en", "currency": "NOK", "placed_at": PLACED, "payment_status": "paid",
        "shipping_method": "standard",
        "lines": [{"sku": sku, "title": "Reading lamp", "quantity": 2, "unit_price": 59900,
            "quantity_backordered": backordered}]})
}

async fn status_page(app: &TestApp, number: &str) -> String {
    let shopper = app.verified_shopper(number).await;
    let (status, page) = app.page_as(&shopper, &format!("/orders/{number}")).await;
    assert_eq!(status, 200);
    page
}

both_engines! {
    async fn the_api_the_estimates_endpoint_and_the_status_page_agree(engine: Engine) {
        let app = spawn_app(engine).await;
        let api = Api::new(&app).await;
        assert_eq!(api.put("/settings/processing", &settings()).await.0, 200);
        let lamp = json!({"title": "Reading lamp", "processing_days": {"min": 2, "max": 4}, "stock": 10});
        assert_eq!(api.put("/products/EST-LAMP", &lamp).await.0, 201);
        assert_eq!(api.put("/orders/E-100", &order("EST-LAMP", 0)).await.0, 201);

        // Tue 17 + 2..4 working days = Thu 19 .. Mon 23 Nov; + 1..4 days transit.
        let ship = window("2026-11-19", "2026-11-23");
        let delivery = window("2026-11-20", "2026-11-27");
        let placed = api.get("/orders/E-100").await;
        let e = &placed["estimates"];
        assert_eq!((&e["ship_by"], &e["delivery"]), (&ship, &delivery), "{e}");
        assert_eq!((&e["promised_ship_by"], &e["promised_delivery"]), (&ship, &delivery), "promised at placement");
        assert_eq!(placed["lines"][0]["ship_by"], ship);
        assert_eq!(placed["lines"][0]["promised_ship_by"], ship);

        let cart = json!({"placed_at": "2026-11-17T10:00:00+01:00", "shipping_method": "standard",
            "lines": [{"sku": "EST-LAMP", "quantity": 2}]});
        let (status, estimate) = api.estimate(&cart).await;
        assert_eq!(status, 200, "{estimate}");
        assert_eq!(estimate, json!({"ship_by": ship, "delivery": delivery,
            "lines": [{"sku": "EST-LAMP", "ship_by": ship}]}));

        let page = status_page(&app, "E-100").await;
        assert!(page.contains("Ships between Thu 19 Nov and Mon 23 Nov · arrives 20 Nov – 27 Nov"), "order estimate");
        assert_eq!(page.matches("Ships between Thu 19 Nov and Mon 23 Nov").count(), 2, "order and line");
        assert!(!page.contains("Originally"), "nothing moved yet");
        app.drain_outbox().await;
        let mail = app.sent_emails().into_iter().find(|m| m.contains("E-100")).expect("confirmation");
        assert!(mail.contains("Ships between Thu 19 Nov and Mon 23 Nov · arrives 20 Nov – 27 Nov."), "the email says it too");

        // More items than in stock: the cart line waits for stock without a date.
        let big = json!({"placed_at": PLACED, "shipping_method": "standard",
            "lines": [{"sku": "EST-LAMP", "quantity": 11}]});
        let (_, estimate) = api.estimate(&big).await;
        assert_eq!(estimate, json!({"ship_by": null, "delivery": null,
            "lines": [{"sku": "EST-LAMP", "ship_by": null}]}));
    }

    async fn promised_windows_stay_while_current_ones_follow_the_shop(engine: Engine) {
        let app = spawn_app(engine).await;
        let api = Api::new(&app).await;
        assert_eq!(api.put("/settings/processing", &settings()).await.0, 200);
        let lamp = json!({"title": "Reading lamp", "stock": 0});
        assert_eq!(api.put("/products/EST-WAIT", &lamp).await.0, 201);
        assert_eq!(api.put("/orders/E-200", &order("EST-WAIT", 2)).await.0, 201);

        // Backordered without a restock date: not known, and the page says what that means.
        let placed = api.get("/orders/E-200").await;
        assert_eq!(placed["estimates"]["ship_by"], Value::Null);
        assert_eq!(placed["estimates"]["promised_ship_by"], Value::Null);
        assert_eq!(placed["lines"][0]["ship_by"], Value::Null);
        let page = status_page(&app, "E-200").await;
        assert!(page.contains("Ship date not known yet"), "unknown explained");
        assert!(page.contains("doesn&#x27;t have a restock date yet") || page.contains("doesn't have a restock date yet"));

        // The shop learns the restock date (Tuesday 1 Dec): the estimate follows at once.
        let restocked = json!({"title": "Reading lamp", "stock": 0, "expected_restock": "2026-12-01"});
        assert_eq!(api.put("/products/EST-WAIT", &restocked).await.0, 200);
        let now = api.get("/orders/E-200").await;
        assert_eq!(now["estimates"]["ship_by"], window("2026-12-02", "2026-12-04"));
        assert_eq!(now["estimates"]["promised_ship_by"], Value::Null, "nothing was promised");

        // An in-stock order, then the shop slows down: current moves, promised stays.
        assert_eq!(api.put("/products/EST-FAST", &json!({"title": "Mug", "stock": 50})).await.0, 201);
        assert_eq!(api.put("/orders/E-201", &order("EST-FAST", 0)).await.0, 201);
        let promised = window("2026-11-18", "2026-11-20");
        assert_eq!(api.get("/orders/E-201").await["estimates"]["ship_by"], promised);
        let mut slower = settings();
        slower["default_processing_days"] = json!({"min": 2, "max": 5});
        slower["holidays"] = json!(["2026-11-19"]);
        assert_eq!(api.put("/settings/processing", &slower).await.0, 200);
        let moved = api.get("/orders/E-201").await;
        // Tue 17 + 2 (skipping the shop's Thursday 19) = Fri 20; + 5 = Wed 25.
        assert_eq!(moved["estimates"]["ship_by"], window("2026-11-20", "2026-11-25"));
        assert_eq!(moved["estimates"]["promised_ship_by"], promised);
        assert_eq!(moved["lines"][0]["promised_ship_by"], promised);
        let page = status_page(&app, "E-201").await;
        assert!(page.contains("Ships between Fri 20 Nov and Wed 25 Nov"), "current");
        assert!(page.contains("Originally: Ships between Wed 18 Nov and Fri 20 Nov"), "promised shown next to it");
        assert!(page.contains("(originally Wed 18 Nov – Fri 20 Nov)"), "on the line too");

        // Cancelled quantities do not count: while one line waits without a date the order
        // has no estimate; once that line is cancelled, the rest of the order has one.
        let mut two = order("EST-FAST", 0);
        two["lines"].as_array_mut().unwrap().push(json!({"sku": "EST-NODATE", "title": "Vase",
            "quantity": 1, "unit_price": 19900, "quantity_backordered": 1}));
        assert_eq!(api.put("/orders/E-202", &two).await.0, 201);
        assert_eq!(api.get("/orders/E-202").await["estimates"]["ship_by"], Value::Null);
        sqlx::query("UPDATE order_lines SET quantity_cancelled = quantity WHERE sku = 'EST-NODATE'")
            .execute(app.state.db.pool()).await.unwrap();
        let rest = api.get("/orders/E-202").await;
        assert_eq!(rest["estimates"]["ship_by"], window("2026-11-20", "2026-11-25"));
        assert_eq!(rest["lines"][1]["ship_by"], Value::Null);
    }

    async fn bad_estimate_input_is_refused_and_changes_nothing(engine: Engine) {
        let app = spawn_app(engine).await;
        let api = Api::new(&app).await;
        assert_eq!(api.put("/settings/processing", &settings()).await.0, 200);
        assert_eq!(api.put("/products/EST-LAMP", &json!({"title": "Lamp", "stock": 3})).await.0, 201);
        let cart = json!({"placed_at": PLACED, "shipping_method": "standard",
            "lines": [{"sku": "EST-LAMP", "quantity": 1}]});
        assert_eq!(api.estimate(&cart).await.0, 200);
        let bad = |field: &str, value: Value| {
            let mut body = cart.clone();
            body[field] = value;
            body
        };
        for (body, field) in [
            (bad("placed_at", json!("2026-11-17T10:00:00")), "placed_at"),
            (bad("placed_at", json!("2026-02-30T10:00:00Z")), "placed_at"),
            (bad("shipping_method", json!("teleport")), "shipping_method"),
            (bad("lines", json!([])), "lines"),
            (bad("lines", json!([{"sku": "NO-SUCH-SKU", "quantity": 1}])), "lines[0].sku"),
            (bad("lines", json!([{"sku": "EST-LAMP", "quantity": 0}])), "lines[0].quantity"),
        ] {
            let (status, answer) = api.estimate(&body).await;
            assert_eq!(status, 422, "{body} → {answer}");
            let message = answer["error"]["message"].as_str().unwrap_or_default();
            assert!(message.starts_with(field), "{field}: {answer}");
        }
        for body in [bad("lines", json!([{"sku": "EST-LAMP", "quantity": -1}])), bad("extra", json!(1))] {
            assert_eq!(api.estimate(&body).await.0, 422, "{body}");
        }

        let before = api.get("/settings/processing").await;
        let mut bad_settings = Vec::new();
        for (field, value) in [
            ("time_zone", json!("Europe/Atlantis")),
            ("cutoff", json!("25:00")),
            ("default_processing_days", json!({"min": 4, "max": 2})),
            ("default_processing_days", json!({"min": -1, "max": 2})),
            ("holidays", json!(["2026-02-30"])),
        ] {
            let mut body = settings();
            body[field] = value;
            bad_settings.push(body);
        }
        let mut body = settings();
        body["shipping_methods"][0]["transit_days"] = json!({"min": 5, "max": 1});
        bad_settings.push(body);
        for body in bad_settings {
            assert_eq!(api.put("/settings/processing", &body).await.0, 422, "{body}");
        }
        assert_eq!(api.get("/settings/processing").await, before, "nothing stored");
    }

    async fn the_owner_sets_processing_on_the_settings_page(engine: Engine) {
        let app = spawn_app(engine).await;
        let owner = browser();
        let login = [("email", OWNER_EMAIL), ("password", OWNER_PASSWORD)];
        assert_eq!(app.call_as(&owner, "admin_login", &login).await.0, 200);
        let (status, page) = app.page_as(&owner, "/admin/settings/processing").await;
        assert_eq!(status, 200);
        assert!(page.contains("Coming closed days") && page.contains("Christmas Day"), "the demo shop uses NO");
        assert!(page.contains("An item in stock ordered now"), "preview");

        let (_, current) = app.call_as(&owner, "processing_settings", &[]).await;
        let current: Value = serde_json::from_str(&current).unwrap();
        let version = current["version"].to_string();
        let form = |cutoff: &'static str, holidays: &'static str, min: &'static str| {
            vec![
                ("version", version.clone()), ("time_zone", "Europe/Helsinki".into()),
                ("cutoff", cutoff.into()), ("processing_min", min.into()), ("processing_max", "4".into()),
                ("working_days[1]", "tue".into()), ("working_days[5]", "sat".into()),
                ("holiday_calendar", "FI".into()), ("holidays", holidays.into()),
                ("methods[0][code]", "mailbox".into()), ("methods[0][name]", "Posti mailbox".into()),
                ("methods[0][transit_min]", "1".into()), ("methods[0][transit_max]", "2".into()),
                ("methods[1][code]", "standard-eu".into()), ("methods[1][name]", "Standard (PostNL / Posti)".into()),
                ("methods[1][transit_min]", "2".into()), ("methods[1][transit_max]", "5".into()),
                ("methods[1][remove]", "on".into()),
                ("methods[2][name]", "Express".into()), ("methods[2][transit_min]", "0".into()),
                ("methods[2][transit_max]", "1".into()),
            ]
        };
        let save = |fields: Vec<(&'static str, String)>| {
            let (owner, app) = (owner.clone(), &app);
            async move {
                let fields: Vec<(&str, &str)> = fields.iter().map(|(k, v)| (*k, v.as_str())).collect();
                app.call_as(&owner, "processing_settings_save", &fields).await
            }
        };
        for (fields, field) in [
            (form("25:00", "", "1"), "cutoff"),
            (form("15:00", "2026-02-30", "1"), "holidays"),
            (form("15:00", "", "9"), "default_processing_days"),
            (form("15:00", "", "x"), "default_processing_days"),
        ] {
            let (status, body) = save(fields).await;
            assert_eq!(status, 400, "{body}");
            assert!(body.contains(&format!(r#""field":"{field}""#)), "{body}");
        }
        let (status, body) = save(form("15:00", "2026-12-31\n2026-12-30", "1")).await;
        assert_eq!(status, 200, "{body}");
        let (_, saved) = app.call_as(&owner, "processing_settings", &[]).await;
        let saved: Value = serde_json::from_str(&saved).unwrap();
        let s = &saved["settings"];
        assert_eq!(s["time_zone"], "Europe/Helsinki");
        assert_eq!(s["working_days"], json!(["tue", "sat"]));
        assert_eq!(s["cutoff"], "15:00");
        assert_eq!(s["holiday_calendar"], "FI");
        assert_eq!(s["holidays"], json!(["2026-12-30", "2026-12-31"]));
        assert_eq!(s["default_processing_days"], json!({"min": 1, "max": 4}));
        assert_eq!(s["shipping_methods"], json!([
            {"code": "mailbox", "name": "Posti mailbox", "transit_days": {"min": 1, "max": 2}},
            {"code": "express", "name": "Express", "transit_days": {"min": 0, "max": 1}}]));
        // The same form again was drawn from the old version.
        assert_eq!(save(form("15:00", "", "1")).await.0, 409);
        let audited: i64 = sqlx::query_scalar(
            "SELECT COUNT(*) FROM audit_log WHERE action = 'processing_settings_changed'")
            .fetch_one(app.state.db.pool()).await.unwrap();
        assert_eq!(audited, 1);

        // Staff may look but not change.
        app.add_staff("staff@example.no", "a long staff password").await;
        let staff = browser();
        let login = [("email", "staff@example.no"), ("password", "a long staff password")];
        assert_eq!(app.call_as(&staff, "admin_login", &login).await.0, 200);
        let (_, page) = app.page_as(&staff, "/admin/settings/processing").await;
        assert!(page.contains("Only the shop owner can change these settings."));
        let version = saved["version"].to_string();
        let fields = [("version", version.as_str()), ("time_zone", "UTC"), ("cutoff", "10:00"),
            ("processing_min", "0"), ("processing_max", "0"), ("working_days[0]", "mon"),
            ("methods[0][name]", "Any"), ("methods[0][transit_min]", "1"), ("methods[0][transit_max]", "1")];
        assert_eq!(app.call_as(&staff, "processing_settings_save", &fields).await.0, 403);
    }

    async fn the_accuracy_report_compares_first_shipments_with_the_promise(engine: Engine) {
        let app = spawn_app(engine).await;
        let api = Api::new(&app).await;
        assert_eq!(api.put("/settings/processing", &settings()).await.0, 200);
        let lamp = json!({"title": "Reading lamp", "processing_days": {"min": 1, "max": 2}, "stock": 10});
        assert_eq!(api.put("/products/EST-ACC", &lamp).await.0, 201);
        let placed = jiff::Timestamp::now() - jiff::SignedDuration::from_hours(24 * 10);
        let oslo = jiff::tz::TimeZone::get("Europe/Oslo").unwrap();
        // Shipped one day before the window, on its last day, and four days after it.
        for (number, offset_from) in [("E-301", "earliest-1"), ("E-302", "latest"), ("E-303", "latest+4")] {
            let mut body = order("EST-ACC", 0);
            body["placed_at"] = json!(placed.to_string());
            assert_eq!(api.put(&format!("/orders/{number}"), &body).await.0, 201);
            let promised = api.get(&format!("/orders/{number}")).await["estimates"]["promised_ship_by"].clone();
            let day = |key: &str| promised[key].as_str().unwrap().parse::<jiff::civil::Date>().unwrap();
            let shipped = match offset_from {
                "earliest-1" => day("earliest").yesterday().unwrap(),
                "latest" => day("latest"),
                _ => day("latest") + jiff::Span::new().days(4),
            };
            let parcel = json!({"lines": [{"sku": "EST-ACC", "quantity": 2}]});
            let (status, _) = api.send(reqwest::Method::POST, &format!("/orders/{number}/fulfillments"), Some(&parcel)).await;
            assert_eq!(status, 201);
            // Noon in Oslo on that date, as if the parcel had left then.
            let at = shipped.at(12, 0, 0, 0).to_zoned(oslo.clone()).unwrap().timestamp().as_millisecond();
            sqlx::query("UPDATE fulfilments SET shipped_at = $1 WHERE order_id = (SELECT id FROM orders WHERE number = $2)")
                .bind(at).bind(number).execute(app.state.db.pool()).await.unwrap();
        }
        let owner = browser();
        let login = [("email", OWNER_EMAIL), ("password", OWNER_PASSWORD)];
        assert_eq!(app.call_as(&owner, "admin_login", &login).await.0, 200);
        let (status, body) = app.call_as(&owner, "admin_report_accuracy", &[("days", "30")]).await;
        assert_eq!(status, 200, "{body}");
        let report: Value = serde_json::from_str(&body).unwrap();
        let lamp = report["by_product"].as_array().unwrap().iter()
            .find(|p| p["sku"] == "EST-ACC").expect("the lamp is listed").clone();
        assert_eq!(lamp["tally"], json!({"early": 1, "inside": 1, "late": 1, "days_late": 4}));
        assert!(report["orders"]["late"].as_i64().unwrap() >= 1);
        let (_, page) = app.page_as(&owner, "/admin/reports?days=30").await;
        assert!(page.contains("Estimate accuracy") && page.contains("EST-ACC"), "the page shows it");
    }
}
