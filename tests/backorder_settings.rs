//! The merchant's backorder settings over HTTP, on both engines: the API gives the defaults
//! until the shop sets its own, refuses bad documents naming the field and storing nothing; the
//! owner's page shows and saves the same document (also without JavaScript), refuses stale
//! forms and staff, names the fee line that does not parse, and audits every save.
#![cfg(feature = "ssr")]

mod common;

use common::{browser, spawn_app, Engine, TestApp};
use order_portal::server::demo::{OWNER_EMAIL, OWNER_PASSWORD};
use order_portal::server::services::integrations;
use serde_json::{json, Value};

const PAGE: &str = "/admin/settings/backorders";
const PATH: &str = "/api/v1/settings/backorders";

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

    async fn get(&self) -> Value {
        let response = common::api_client()
            .get(self.app.url(PATH))
            .bearer_auth(&self.token)
            .send()
            .await
            .unwrap();
        assert_eq!(response.status().as_u16(), 200);
        response.json().await.unwrap()
    }

    /// `PUT`, with an idempotency key when given: status, body, whether it was a replay.
    async fn put(&self, body: &Value, key: Option<&str>) -> (u16, Value, bool) {
        let mut request = common::api_client()
            .put(self.app.url(PATH))
            .bearer_auth(&self.token)
            .json(body);
        if let Some(key) = key {
            request = request.header("idempotency-key", key);
        }
        let response = request.send().await.unwrap();
        let status = response.status().as_u16();
        let replayed = response.headers().contains_key("idempotent-replayed");
        (
            status,
            response.json().await.unwrap_or(Value::Null),
            replayed,
        )
    }
}

async fn signed_in(app: &TestApp, email: &str, password: &str) -> reqwest::Client {
    let client = browser();
    let fields = [("email", email), ("password", password)];
    assert_eq!(app.call_as(&client, "admin_login", &fields).await.0, 200);
    client
}

async fn owner(app: &TestApp) -> reqwest::Client {
    signed_in(app, OWNER_EMAIL, OWNER_PASSWORD).await
}

/// The version the settings page would put in its form now.
async fn version(app: &TestApp, client: &reqwest::Client) -> String {
    let (status, body) = app.call_as(client, "backorder_settings", &[]).await;
    assert_eq!(status, 200, "{body}");
    let page: Value = serde_json::from_str(&body).unwrap();
    page["version"].to_string()
}

/// The page's `<input>` tag with this id.
fn input<'p>(page: &'p str, id: &str) -> &'p str {
    let at = page
        .find(&format!("id=\"{id}\""))
        .unwrap_or_else(|| panic!("#{id}"));
    let start = page[..at].rfind('<').unwrap();
    let end = at + page[at..].find('>').unwrap();
    &page[start..=end]
}

fn ticked(page: &str, id: &str) -> bool {
    input(page, id).contains(" checked")
}

async fn audited(app: &TestApp) -> Vec<String> {
    sqlx::query_scalar(
        "SELECT data FROM audit_log WHERE action = 'backorder_settings_changed' ORDER BY id",
    )
    .fetch_all(app.state.db.pool())
    .await
    .unwrap()
}

fn shop_settings() -> Value {
    json!({"offer_ship_now": false, "offer_cancel": true,
        "ship_now_fees": [{"currency": "NOK", "amount_minor": 4900}, {"currency": "EUR", "amount_minor": 495}],
        "delay_threshold_days": 7, "delay_notices": false})
}

/// A form post as a browser without JavaScript sends it: the answer is a redirect.
async fn post_form(app: &TestApp, client: &reqwest::Client, fields: &[(&str, &str)]) -> String {
    let response = client
        .post(app.url("/fn/backorder_settings_save"))
        .header("accept", "text/html")
        .header("referer", app.url(PAGE))
        .form(fields)
        .send()
        .await
        .unwrap();
    assert!(response.status().is_redirection(), "{}", response.status());
    let location = response.headers()["location"].to_str().unwrap();
    location.trim_start_matches(&app.base).to_owned()
}

both_engines! {
    async fn the_api_gives_the_defaults_until_the_shop_puts_its_own_which_the_page_shows(engine: Engine) {
        let app = spawn_app(engine).await;
        let api = Api::new(&app).await;
        assert_eq!(api.get().await, json!({"offer_ship_now": true, "offer_cancel": true,
            "ship_now_fees": [], "delay_threshold_days": 3, "delay_notices": true}));

        let (status, body, _) = api.put(&shop_settings(), Some("backorders-1")).await;
        assert_eq!((status, &body), (200, &shop_settings()));
        assert_eq!(api.get().await, shop_settings());
        let (status, body, replayed) = api.put(&shop_settings(), Some("backorders-1")).await;
        assert_eq!((status, &body, replayed), (200, &shop_settings(), true), "the same key replays");
        let mut other = shop_settings();
        other["delay_threshold_days"] = json!(9);
        let (status, body, _) = api.put(&other, Some("backorders-1")).await;
        assert_eq!((status, body["error"]["code"].as_str()), (422, Some("idempotency_key_reused")));
        assert_eq!(api.get().await, shop_settings(), "the reused key changed nothing");

        let (status, page) = app.page_as(&owner(&app).await, PAGE).await;
        assert_eq!(status, 200);
        assert!(page.contains("49 NOK\n4.95 EUR"), "the fees as the merchant writes them");
        assert!(input(&page, "delay-threshold-days").contains("value=\"7\""));
        assert!(!ticked(&page, "offer-ship-now") && ticked(&page, "offer-cancel"));
        assert!(!ticked(&page, "delay-notices"));
        assert!(page.contains("after 30 days without a restock date they hear anyway"), "the threshold explained");
        assert!(page.contains("href=\"/admin/settings/backorders\" aria-current=\"page\""), "in the nav");

        let doc: Value = reqwest::get(app.url("/api/v1/openapi.json")).await.unwrap().json().await.unwrap();
        let documented = &doc["paths"]["/settings/backorders"];
        assert!(documented["get"].is_object() && documented["put"].is_object(), "{documented}");
    }

    async fn the_api_refuses_bad_settings_naming_the_field_and_stores_nothing(engine: Engine) {
        let app = spawn_app(engine).await;
        let api = Api::new(&app).await;
        assert_eq!(api.put(&shop_settings(), None).await.0, 200);
        let with = |field: &str, value: Value| {
            let mut body = shop_settings();
            body[field] = value;
            body
        };
        for (body, named) in [
            (with("delay_threshold_days", json!(400)), "delay_threshold_days: "),
            (with("ship_now_fees", json!([{"currency": "NOK", "amount_minor": 4900},
                {"currency": "nok", "amount_minor": 100}])), "ship_now_fees[1]: "),
            (with("ship_now_fees", json!([{"currency": "EUR", "amount_minor": -495}])), "ship_now_fees[0]: "),
            (with("colour", json!("red")), "unknown field `colour`"),
        ] {
            let (status, answer, _) = api.put(&body, None).await;
            assert_eq!(status, 422, "{body} → {answer}");
            assert_eq!(answer["error"]["code"], "invalid_body", "{answer}");
            let message = answer["error"]["message"].as_str().unwrap_or_default();
            assert!(message.contains(named), "{named}: {answer}");
        }
        assert_eq!(api.get().await, shop_settings(), "nothing stored");
    }

    async fn the_owner_saves_the_page_and_a_stale_form_changes_nothing(engine: Engine) {
        let app = spawn_app(engine).await;
        let api = Api::new(&app).await;
        let owner = owner(&app).await;
        let (status, page) = app.page_as(&owner, PAGE).await;
        assert_eq!(status, 200);
        assert!(page.contains("Let shoppers have what is in stock shipped first"));
        assert!(page.contains("name=\"version\" value=\"0\""), "never saved yet");

        // Without JavaScript: the form posts, the page comes back saying so.
        let form = [("version", "0"), ("offer_cancel", "on"), ("ship_now_fees", "49 NOK\r\n\r\n4,95 eur"),
            ("delay_threshold_days", " 10 "), ("delay_notices", "on")];
        let location = post_form(&app, &owner, &form).await;
        assert_eq!(location, format!("{PAGE}?done=saved"));
        let (_, page) = app.page_as(&owner, &location).await;
        assert!(page.contains("Saved. Shoppers get these choices from now on."));
        let saved = json!({"offer_ship_now": false, "offer_cancel": true,
            "ship_now_fees": [{"currency": "NOK", "amount_minor": 4900}, {"currency": "EUR", "amount_minor": 495}],
            "delay_threshold_days": 10, "delay_notices": true});
        assert_eq!(api.get().await, saved);
        let audits = audited(&app).await;
        assert_eq!(audits.len(), 1);
        assert_eq!(serde_json::from_str::<Value>(&audits[0]).unwrap(), saved, "the audit row holds what was saved");

        // The same form again was drawn from version 0: refused, nothing changes.
        let (status, body) = app.call_as(&owner, "backorder_settings_save", &form).await;
        assert_eq!(status, 409, "{body}");
        assert!(body.contains(r#""code":"conflict""#), "{body}");
        assert_eq!(api.get().await, saved);
        assert_eq!(audited(&app).await.len(), 1);

        // Saved from the current version, with JavaScript.
        let current = version(&app, &owner).await;
        let form = [("version", current.as_str()), ("offer_ship_now", "on"), ("ship_now_fees", ""),
            ("delay_threshold_days", "0")];
        assert_eq!(app.call_as(&owner, "backorder_settings_save", &form).await.0, 200);
        assert_eq!(api.get().await, json!({"offer_ship_now": true, "offer_cancel": false,
            "ship_now_fees": [], "delay_threshold_days": 0, "delay_notices": false}));
        assert_eq!(audited(&app).await.len(), 2);
    }

    async fn a_bad_field_is_named_on_the_page_and_changes_nothing(engine: Engine) {
        let app = spawn_app(engine).await;
        let api = Api::new(&app).await;
        let owner = owner(&app).await;
        let before = api.get().await;
        let form = |fees: &'static str, threshold: &'static str| {
            [("version", "0"), ("offer_cancel", "on"), ("ship_now_fees", fees),
                ("delay_threshold_days", threshold)]
        };
        for (fields, field) in [
            (form("49 NOK\nfree", "3"), r#""field":{"ship_now_fee_line":2},"problem":"malformed""#),
            (form("49 NOK\n\n1 nok", "3"), r#""field":{"ship_now_fee_line":3},"problem":"taken""#),
            (form("", "366"), r#""field":"delay_threshold","problem":"too_long""#),
            (form("", "soon"), r#""field":"delay_threshold","problem":"malformed""#),
        ] {
            let (status, body) = app.call_as(&owner, "backorder_settings_save", &fields).await;
            assert_eq!(status, 400, "{body}");
            assert!(body.contains(field), "{field}: {body}");
        }

        // Without JavaScript the page comes back with the message next to the field.
        let location = post_form(&app, &owner, &form("49 NOK\n4.95 EURO", "3")).await;
        assert!(location.contains("__err="), "{location}");
        let (_, page) = app.page_as(&owner, &location).await;
        assert!(page.contains("Line 2: write an amount and a currency code, e.g. 49 NOK or 4.95 EUR."), "the line is named");
        assert!(page.contains("aria-describedby=\"ship-now-fees-hint ship-now-fees-error\""));
        assert!(page.contains("aria-invalid=\"true\""));
        // What was typed is back in the form, not the saved settings.
        assert!(page.contains(">49 NOK\n4.95 EURO</textarea>"), "{page}");
        assert!(ticked(&page, "offer-cancel") && !ticked(&page, "offer-ship-now"));
        assert!(input(&page, "delay-threshold-days").contains(r#"value="3""#));
        let (_, again) = app.page_as(&owner, &location).await;
        assert!(!again.contains("4.95 EURO"), "kept for one page only");
        assert!(ticked(&again, "offer-ship-now"), "the saved settings again");

        // A form from an older version keeps nothing: the page shows what is saved now.
        let mut stale = form("99 NOK", "4").to_vec();
        stale[0] = ("version", "7");
        let location = post_form(&app, &owner, &stale).await;
        let (_, page) = app.page_as(&owner, &location).await;
        assert!(page.contains("Someone changed"), "the conflict is named: {page}");
        assert!(!page.contains("99 NOK"), "nothing typed is kept on a conflict");

        assert_eq!(api.get().await, before, "nothing stored");
        assert!(audited(&app).await.is_empty());
    }

    async fn staff_may_look_but_not_change(engine: Engine) {
        let app = spawn_app(engine).await;
        let api = Api::new(&app).await;
        app.add_staff("per@fjordogfuru.example", "staff-pass-2026").await;
        let staff = signed_in(&app, "per@fjordogfuru.example", "staff-pass-2026").await;
        let (status, page) = app.page_as(&staff, PAGE).await;
        assert_eq!(status, 200);
        assert!(page.contains("Only the shop owner can change these settings."));
        assert!(input(&page, "delay-threshold-days").contains(" disabled"), "read-only");
        assert!(!page.contains("Save settings"), "no save button");

        let before = api.get().await;
        let form = [("version", "0"), ("ship_now_fees", "10 NOK"), ("delay_threshold_days", "1")];
        let (status, body) = app.call_as(&staff, "backorder_settings_save", &form).await;
        assert_eq!(status, 403, "{body}");
        assert_eq!(api.get().await, before, "nothing changed");
        assert!(audited(&app).await.is_empty());
    }
}
