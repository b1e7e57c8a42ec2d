//! The integration API over HTTP against the real server, on both engines: orders in and out,
//! fulfilments, holds, refunds, products, settings, idempotency, auth, bad bodies, and every
//! answer checked against the OpenAPI document the server publishes.
#![cfg(feature = "ssr")]

mod common;

use common::{spawn_app, Engine, TestApp};
use order_portal::server::services::{handling, integrations};
use serde_json::{json, Value};

struct Api<'a> {
    app: &'a TestApp,
    token: String,
    token_id: i64,
    /// Every answer, to check against the OpenAPI document: method, path, status, body.
    log: std::sync::Mutex<Vec<(String, String, u16, Value)>>,
}

struct Reply {
    status: u16,
    headers: reqwest::header::HeaderMap,
    body: Value,
}

impl<'a> Api<'a> {
    async fn new(app: &'a TestApp) -> Self {
        let now = jiff::Timestamp::now().as_millisecond();
        let (token_id, token) = integrations::create_token(&app.state.db, "ERP", now)
            .await
            .expect("token");
        Api {
            app,
            token,
            token_id,
            log: Default::default(),
        }
    }

    /// Checks every answer so far against the response the document lists for its operation
    /// and status.
    fn all_documented(&self, doc: &Value) {
        let log = self.log.lock().unwrap();
        assert!(!log.is_empty());
        for (method, path, status, body) in log.iter() {
            let schema = documented(doc, method, path, *status);
            let problems = violations_of(doc, &schema, body);
            assert!(
                problems.is_empty(),
                "{method} {path} {status}: {problems:?}\n{body}"
            );
        }
    }

    async fn send(
        &self,
        method: &str,
        path: &str,
        body: Option<&Value>,
        key: Option<&str>,
    ) -> Reply {
        let request_method = reqwest::Method::from_bytes(method.as_bytes()).unwrap();
        let mut request = common::api_client()
            .request(
                request_method.clone(),
                self.app.url(&format!("/api/v1{path}")),
            )
            .bearer_auth(&self.token);
        if let Some(body) = body {
            request = request.json(body);
        }
        if let Some(key) = key {
            request = request.header("idempotency-key", key);
        }
        let method = request_method.to_string();
        let answer = reply(request.send().await.expect("request")).await;
        self.log.lock().unwrap().push((
            method,
            path.to_owned(),
            answer.status,
            answer.body.clone(),
        ));
        answer
    }
}

async fn reply(response: reqwest::Response) -> Reply {
    let status = response.status().as_u16();
    let headers = response.headers().clone();
    let text = response.text().await.expect("body");
    let body =
        serde_json::from_str(&text).unwrap_or_else(|_| panic!("not JSON ({status}): {text}"));
    Reply {
        status,
        headers,
        body,
    }
}

fn order_body(payment: &str) -> Value {
    json!({
        "customer": {"email": "Lise.Moen@example.no", "name": "Lise Moen"},
        "locale": "nb-NO",
        "currency": "NOK",
        "placed_at": "2026-11-20T09:30:00Z",
        "payment_status": payment,
        "shipping_method": "standard",
        "shipping_address": ["Kirkegata 3", "4006 Stavanger", "Norway"],
        "lines": [
            {"sku": "FF-MUG-01", "title": "Stoneware mug", "quantity": 2, "unit_price": 24900},
            {"sku": "FF-LINEN-08", "title": "Linen napkins", "quantity": 1, "unit_price": 39900,
             "quantity_backordered": 1}
        ]
    })
}

fn error_code(reply: &Reply) -> &str {
    reply.body["error"]["code"]
        .as_str()
        .unwrap_or_else(|| panic!("no error code in {}", reply.body))
}

fn message(reply: &Reply) -> &str {
    reply.body["error"]["message"].as_str().unwrap_or("")
}

async fn openapi(app: &TestApp) -> Value {
    reply(reqwest::get(app.url("/api/v1/openapi.json")).await.unwrap())
        .await
        .body
}

async fn count(app: &TestApp, sql: &str) -> i64 {
    sqlx::query_scalar(sql)
        .fetch_one(app.state.db.pool())
        .await
        .expect(sql)
}

/// The schema the document gives for an answer: the operation's path template is the one whose
/// segments match (`{…}` matches any); unknown paths answer the error body.
fn documented(doc: &Value, method: &str, path: &str, status: u16) -> Value {
    let segments: Vec<&str> = path.split('/').collect();
    let template = doc["paths"].as_object().unwrap().keys().find(|t| {
        let parts: Vec<&str> = t.split('/').collect();
        parts.len() == segments.len()
            && parts
                .iter()
                .zip(&segments)
                .all(|(p, s)| p.starts_with('{') || p == s)
    });
    let Some(template) = template else {
        return json!({"$ref": "#/components/schemas/ErrorBody"});
    };
    let operation = &doc["paths"][template][method.to_lowercase()];
    assert!(operation.is_object(), "{method} {template} is documented");
    let response = &operation["responses"][status.to_string()];
    assert!(
        response.is_object(),
        "{method} {template} answered {status}, which the document does not list"
    );
    response["content"]["application/json"]["schema"].clone()
}

/// What `value` breaks of `schema` (which may refer to the document's components).
fn violations_of(doc: &Value, schema: &Value, value: &Value) -> Vec<String> {
    let root = json!({
        "$schema": "https://json-schema.org/draft/2020-12/schema",
        "allOf": [schema],
        "components": doc["components"],
    });
    let validator = jsonschema::validator_for(&root).expect("a valid schema");
    validator
        .iter_errors(value)
        .map(|e| format!("{e} at {}", e.instance_path))
        .collect()
}

/// What `value` breaks of a named schema in the published OpenAPI document.
fn violations(doc: &Value, schema: &str, value: &Value) -> Vec<String> {
    assert!(
        doc["components"]["schemas"][schema].is_object(),
        "the document describes {schema}"
    );
    let reference = json!({"$ref": format!("#/components/schemas/{schema}")});
    violations_of(doc, &reference, value)
}

fn conforms(doc: &Value, schema: &str, value: &Value) {
    let problems = violations(doc, schema, value);
    assert!(problems.is_empty(), "{schema}: {problems:?}\n{value}");
}

both_engines! {
    async fn an_order_is_created_read_and_updated_without_surprises(engine: Engine) {
        let app = spawn_app(engine).await;
        let api = Api::new(&app).await;
        let doc = openapi(&app).await;
        assert!(doc["openapi"].as_str().unwrap().starts_with("3.1"));

        let created = api.send("PUT", "/orders/2001", Some(&order_body("pending")), None).await;
        assert_eq!(created.status, 201, "{}", created.body);
        conforms(&doc, "OrderResource", &created.body);
        let mut drifted = created.body.clone();
        drifted["lines"][0]["quantity"] = json!("2");
        drifted.as_object_mut().unwrap().remove("stage");
        assert_eq!(violations(&doc, "OrderResource", &drifted).len(), 2, "the check can fail");
        let order = &created.body;
        assert_eq!(order["number"], "2001");
        assert_eq!(order["customer"]["email"], "lise.moen@example.no");
        assert_eq!(order["locale"], "nb");
        assert_eq!(order["stage"], "waiting_for_stock");
        assert_eq!(order["lines"][1]["quantity_backordered"], 1);
        // The shopper gets the confirmation with a signed link, as for any order.
        app.drain_outbox().await;
        let mail = app.sent_emails().into_iter().find(|m| m.contains("2001")).expect("confirmation");
        assert!(mail.replace("=\r\n", "").contains("/o/"), "carries the signed link");

        let read = api.send("GET", "/orders/2001", None, None).await;
        assert_eq!(read.status, 200);
        assert_eq!(read.body, created.body);

        // The same body again changes nothing.
        let again = api.send("PUT", "/orders/2001", Some(&order_body("pending")), None).await;
        assert_eq!(again.status, 200);
        assert_eq!(again.body["version"], created.body["version"]);

        // Payment arrives and stock comes in.
        let mut paid = order_body("paid");
        paid["lines"][1]["quantity_backordered"] = json!(0);
        let updated = api.send("PUT", "/orders/2001", Some(&paid), None).await;
        assert_eq!(updated.status, 200, "{}", updated.body);
        assert_eq!(updated.body["payment_status"], "paid");
        assert_eq!(updated.body["stage"], "processing");
        assert!(updated.body["version"].as_i64() > created.body["version"].as_i64());
        let confirmations = count(&app, "SELECT COUNT(*) FROM order_events e JOIN orders o ON o.id = e.order_id
            WHERE o.number = '2001' AND e.kind = 'payment_confirmed'").await;
        assert_eq!(confirmations, 1);

        // What was sold stays as sold.
        let mut more = paid.clone();
        more["lines"][0]["quantity"] = json!(3);
        let refused = api.send("PUT", "/orders/2001", Some(&more), None).await;
        assert_eq!(refused.status, 409);
        assert_eq!(error_code(&refused), "fixed_field");
        assert!(message(&refused).contains("lines[0].quantity"), "{}", refused.body);
        conforms(&doc, "ErrorBody", &refused.body);

        // A cancelled order stays cancelled whatever the shop's system sends.
        let change = handling::Change::by_integration(&app.state, api.token_id, "2001");
        handling::cancel(change, "customer_request", false, false).await.expect("cancel");
        let mut refunded = paid.clone();
        refunded["payment_status"] = json!("refunded");
        let after = api.send("PUT", "/orders/2001", Some(&refunded), None).await;
        assert_eq!(after.status, 200);
        assert_eq!(after.body["lifecycle"], "cancelled");
        assert_eq!(after.body["payment_status"], "refunded");
        assert_eq!(after.body["stage"], "cancelled");

        let missing = api.send("GET", "/orders/424242", None, None).await;
        assert_eq!(missing.status, 404);
        assert_eq!(error_code(&missing), "not_found");
        api.all_documented(&doc);
    }

    async fn tokens_are_required_and_revocable(engine: Engine) {
        let app = spawn_app(engine).await;
        let api = Api::new(&app).await;
        let anonymous = reply(reqwest::get(app.url("/api/v1/orders/1001")).await.unwrap()).await;
        assert_eq!(anonymous.status, 401);
        assert_eq!(error_code(&anonymous), "unauthorized");
        let forged = Api { app: &app, token: format!("opk_{}", "A".repeat(43)), token_id: 0, log: Default::default() };
        assert_eq!(forged.send("GET", "/orders/1001", None, None).await.status, 401);
        let garbage = Api { app: &app, token: "let-me-in".into(), token_id: 0, log: Default::default() };
        assert_eq!(garbage.send("GET", "/orders/1001", None, None).await.status, 401);

        let ok = api.send("GET", "/orders/1001", None, None).await;
        assert_eq!(ok.status, 200);
        assert_eq!(ok.body["customer"]["email"], "kari.nordmann@example.no");
        let used = count(&app, "SELECT COUNT(*) FROM api_tokens WHERE last_used_at IS NOT NULL").await;
        assert_eq!(used, 1, "last use is recorded");

        sqlx::query("UPDATE api_tokens SET revoked_at = 1").execute(app.state.db.pool()).await.unwrap();
        let revoked = api.send("GET", "/orders/1001", None, None).await;
        assert_eq!(revoked.status, 401);
        assert_eq!(error_code(&revoked), "unauthorized");

        // Every endpoint, with a revoked token and with none: 401, and nothing changes.
        let anonymous = Api { app: &app, token: String::new(), token_id: 0, log: Default::default() };
        let body = json!({});
        let endpoints = [("PUT", "/orders/1001"), ("GET", "/orders/1001"), ("POST", "/orders/1001/fulfillments"),
            ("POST", "/orders/1001/holds"), ("DELETE", "/orders/1001/holds/1"), ("POST", "/refunds/1/confirm"),
            ("PUT", "/products/FF-MUG-01"), ("GET", "/settings/processing"), ("PUT", "/settings/processing"),
            ("GET", "/settings/cancellation"), ("PUT", "/settings/cancellation"), ("POST", "/estimates")];
        for (method, path) in endpoints {
            let sends = matches!(method, "PUT" | "POST") && !path.ends_with("/confirm");
            for who in [&api, &anonymous] {
                let refused = who.send(method, path, sends.then_some(&body), None).await;
                assert_eq!(refused.status, 401, "{method} {path}");
            }
        }
        let doc = openapi(&app).await;
        api.all_documented(&doc);
        anonymous.all_documented(&doc);
    }

    async fn idempotency_keys_replay_the_first_answer(engine: Engine) {
        let app = spawn_app(engine).await;
        let api = Api::new(&app).await;
        let hold = json!({"reason": "address_check", "note": "Check the flat number"});
        let first = api.send("POST", "/orders/1001/holds", Some(&hold), Some("hold-1001-a")).await;
        assert_eq!(first.status, 201, "{}", first.body);
        assert_eq!(first.body["hold"]["reason"], "address_check");
        let replay = api.send("POST", "/orders/1001/holds", Some(&hold), Some("hold-1001-a")).await;
        assert_eq!(replay.status, 201);
        assert_eq!(replay.body, first.body);
        assert_eq!(replay.headers["idempotent-replayed"], "true");
        let holds = count(&app, "SELECT COUNT(*) FROM holds h JOIN orders o ON o.id = h.order_id
            WHERE o.number = '1001'").await;
        assert_eq!(holds, 1, "placed once");

        let other = json!({"reason": "fraud_review"});
        let reused = api.send("POST", "/orders/1001/holds", Some(&other), Some("hold-1001-a")).await;
        assert_eq!(reused.status, 422);
        assert_eq!(error_code(&reused), "idempotency_key_reused");
        // Without a key, a second hold is refused by the rule itself.
        let second = api.send("POST", "/orders/1001/holds", Some(&other), None).await;
        assert_eq!(second.status, 409);

        // A double submit of one shipment, at the same moment, with one key: one parcel.
        let id = first.body["hold"]["id"].as_i64().unwrap();
        assert_eq!(api.send("DELETE", &format!("/orders/1001/holds/{id}"), None, None).await.status, 200);
        let parcel = json!({"lines": [{"sku": "FF-MUG-01", "quantity": 2}], "carrier": "Posten"});
        let (a, b) = tokio::join!(
            api.send("POST", "/orders/1001/fulfillments", Some(&parcel), Some("ship-1001")),
            api.send("POST", "/orders/1001/fulfillments", Some(&parcel), Some("ship-1001")),
        );
        let statuses = [a.status, b.status];
        assert!(statuses.contains(&201), "{statuses:?} {} {}", a.body, b.body);
        assert!(statuses.iter().all(|s| *s == 201 || *s == 409), "{statuses:?}");
        let parcels = count(&app, "SELECT COUNT(*) FROM fulfilments f JOIN orders o ON o.id = f.order_id
            WHERE o.number = '1001'").await;
        assert_eq!(parcels, 1, "shipped once");
        // And without a key, racing shipments of the last units: exactly one wins.
        let rest = json!({"lines": [{"sku": "FF-CANDLE-05", "quantity": 1}]});
        let (a, b) = tokio::join!(
            api.send("POST", "/orders/1001/fulfillments", Some(&rest), None),
            api.send("POST", "/orders/1001/fulfillments", Some(&rest), None),
        );
        let mut statuses = [a.status, b.status];
        statuses.sort();
        assert_eq!(statuses, [201, 409], "{} {}", a.body, b.body);

        // Every kind of mutation replays its first answer for the same key.
        let refund: i64 = sqlx::query_scalar("SELECT r.id FROM refunds r JOIN orders o ON o.id = r.order_id WHERE o.number = '1022'")
            .fetch_one(app.state.db.pool()).await.unwrap();
        let settings = api.send("GET", "/settings/processing", None, None).await.body;
        let product = json!({"title": "Stoneware mug", "stock": 40});
        let mutations = [
            ("PUT", "/orders/2005".to_owned(), Some(order_body("paid"))),
            ("POST", "/orders/2005/holds".to_owned(), Some(json!({"reason": "other"}))),
            ("POST", format!("/refunds/{refund}/confirm"), None),
            ("PUT", "/products/FF-MUG-01".to_owned(), Some(product)),
            ("PUT", "/settings/processing".to_owned(), Some(settings)),
        ];
        for (i, (method, path, body)) in mutations.iter().enumerate() {
            let key = format!("replay-{i}");
            let first = api.send(method, path, body.as_ref(), Some(&key)).await;
            assert!(first.status < 300, "{method} {path}: {}", first.body);
            let again = api.send(method, path, body.as_ref(), Some(&key)).await;
            assert_eq!((again.status, &again.body), (first.status, &first.body), "{method} {path}");
            assert_eq!(again.headers["idempotent-replayed"], "true");
        }
        assert_eq!(count(&app, "SELECT COUNT(*) FROM orders WHERE number = '2005'").await, 1);
        let bad_key = api.send("PUT", "/orders/2005", Some(&order_body("paid")), Some("")).await;
        assert_eq!((bad_key.status, error_code(&bad_key)), (400, "invalid_idempotency_key"));
        api.all_documented(&openapi(&app).await);
    }

    async fn bad_bodies_are_refused_and_change_nothing(engine: Engine) {
        let app = spawn_app(engine).await;
        let api = Api::new(&app).await;
        let orders_before = count(&app, "SELECT COUNT(*) FROM orders").await;
        let raw = |body: &'static str| {
            let app = &app;
            let token = api.token.clone();
            async move {
                reply(common::api_client().put(app.url("/api/v1/orders/3001")).bearer_auth(token)
                    .header("content-type", "application/json").body(body).send().await.unwrap()).await
            }
        };
        let broken = raw("{\"customer\": ").await;
        assert_eq!((broken.status, error_code(&broken)), (400, "malformed_json"));

        let mut cases: Vec<(Value, &str)> = Vec::new();
        let mut v = order_body("paid"); v["lines"][0]["quantity"] = json!("two"); cases.push((v, "invalid type"));
        let mut v = order_body("paid"); v["lines"][0]["quantity"] = json!(-1); cases.push((v, "-1"));
        let mut v = order_body("paid"); v["lines"][0]["quantity"] = json!(0); cases.push((v, "lines[0].quantity"));
        let mut v = order_body("paid"); v["colour"] = json!("red"); cases.push((v, "unknown field `colour`"));
        let mut v = order_body("paid"); v["currency"] = json!("XYZ"); cases.push((v, "currency"));
        let mut v = order_body("paid"); v["placed_at"] = json!("2026-13-45"); cases.push((v, "placed_at"));
        let mut v = order_body("paid"); v["payment_status"] = json!("maybe"); cases.push((v, "unknown variant"));
        let mut v = order_body("paid"); v["customer"]["email"] = json!("<script>@x"); cases.push((v, "customer.email"));
        let mut v = order_body("paid"); v["lines"] = json!([]); cases.push((v, "lines"));
        let mut v = order_body("paid"); v["lines"][1]["quantity_backordered"] = json!(5); cases.push((v, "quantity_backordered"));
        let mut v = order_body("paid"); v.as_object_mut().unwrap().remove("customer"); cases.push((v, "missing field `customer`"));
        for (body, expected) in cases {
            let refused = api.send("PUT", "/orders/3001", Some(&body), None).await;
            assert_eq!(refused.status, 422, "{expected}: {}", refused.body);
            assert_eq!(error_code(&refused), "invalid_body");
            assert!(message(&refused).contains(expected), "{expected}: {}", refused.body);
        }
        let big = json!({"title": "x".repeat(2 * 1024 * 1024)});
        let too_big = api.send("PUT", "/products/FF-MUG-01", Some(&big), None).await;
        assert_eq!((too_big.status, error_code(&too_big)), (413, "payload_too_large"));
        let form = reply(common::api_client().put(app.url("/api/v1/orders/3001")).bearer_auth(&api.token)
            .form(&[("a", "b")]).send().await.unwrap()).await;
        assert_eq!(form.status, 415);
        let nowhere = api.send("GET", "/nowhere", None, None).await;
        assert_eq!((nowhere.status, error_code(&nowhere)), (404, "not_found"));
        assert_eq!(count(&app, "SELECT COUNT(*) FROM orders").await, orders_before, "nothing was created");
        api.all_documented(&openapi(&app).await);
    }

    async fn fulfilments_holds_and_refunds_follow_the_rules(engine: Engine) {
        let app = spawn_app(engine).await;
        let api = Api::new(&app).await;
        let doc = openapi(&app).await;
        assert_eq!(api.send("PUT", "/orders/2002", Some(&order_body("paid")), None).await.status, 201);
        let held = api.send("POST", "/orders/2002/holds", Some(&json!({"reason": "fraud_review"})), None).await;
        assert_eq!(held.status, 201);
        assert_eq!(held.body["stage"], "on_hold");
        let parcel = json!({"lines": [{"sku": "FF-MUG-01", "quantity": 2}], "carrier": "Bring",
            "tracking_number": "70712345678", "tracking_url": "https://sporing.bring.no/70712345678"});
        let blocked = api.send("POST", "/orders/2002/fulfillments", Some(&parcel), None).await;
        assert_eq!((blocked.status, error_code(&blocked)), (409, "refused"));
        assert_eq!(api.send("DELETE", "/orders/2002/holds/999999", None, None).await.status, 404);
        let id = held.body["hold"]["id"].as_i64().unwrap();
        let released = api.send("DELETE", &format!("/orders/2002/holds/{id}"), None, None).await;
        assert_eq!(released.status, 200);
        assert!(released.body["hold"].is_null());

        let bad_url = json!({"lines": [{"sku": "FF-MUG-01", "quantity": 1}], "tracking_url": "javascript:alert(1)"});
        let refused = api.send("POST", "/orders/2002/fulfillments", Some(&bad_url), None).await;
        assert_eq!(refused.status, 422);
        assert!(message(&refused).starts_with("tracking_url"), "{}", refused.body);
        let unknown = json!({"lines": [{"sku": "NOPE", "quantity": 1}]});
        let refused = api.send("POST", "/orders/2002/fulfillments", Some(&unknown), None).await;
        assert!(message(&refused).contains("lines[0].sku"), "{}", refused.body);

        let shipped = api.send("POST", "/orders/2002/fulfillments", Some(&parcel), None).await;
        assert_eq!(shipped.status, 201, "{}", shipped.body);
        conforms(&doc, "OrderResource", &shipped.body);
        assert_eq!(shipped.body["fulfillments"][0]["tracking_number"], "70712345678");
        assert_eq!(shipped.body["fulfillments"][0]["lines"][0]["quantity"], 2);
        assert_eq!(shipped.body["stage"], "partially_shipped");
        let too_many = api.send("POST", "/orders/2002/fulfillments", Some(&parcel), None).await;
        assert_eq!(too_many.status, 409);
        app.drain_outbox().await;
        assert!(app.sent_emails().iter().any(|m| m.contains("2002") && m.contains("70712345678")), "the shopper is told");

        // Order 1022 was cancelled with its refund pending.
        let refund_id: i64 = sqlx::query_scalar("SELECT r.id FROM refunds r JOIN orders o ON o.id = r.order_id WHERE o.number = '1022'")
            .fetch_one(app.state.db.pool()).await.unwrap();
        let confirmed = api.send("POST", &format!("/refunds/{refund_id}/confirm"), None, None).await;
        assert_eq!(confirmed.status, 200, "{}", confirmed.body);
        assert_eq!(confirmed.body["refunds"][0]["status"], "confirmed");
        let again = api.send("POST", &format!("/refunds/{refund_id}/confirm"), None, None).await;
        assert_eq!(again.body["version"], confirmed.body["version"], "confirming twice changes nothing");
        assert_eq!(api.send("POST", "/refunds/999999/confirm", None, None).await.status, 404);
        let (_, page) = {
            app.get(&app.signed_link("1022").await).await;
            app.page("/orders/1022").await
        };
        assert!(page.contains("paid out"), "the shopper sees the refund was paid");
        api.all_documented(&doc);
    }

    async fn products_and_processing_settings_are_validated(engine: Engine) {
        let app = spawn_app(engine).await;
        let api = Api::new(&app).await;
        let doc = openapi(&app).await;
        let product = json!({"title": "Wool blanket", "processing_days": {"min": 2, "max": 5},
            "made_to_order": true, "stock": 0, "expected_restock": "2026-12-10"});
        let created = api.send("PUT", "/products/FF-BLANKET-09", Some(&product), None).await;
        assert_eq!(created.status, 201, "{}", created.body);
        conforms(&doc, "ProductResource", &created.body);
        assert_eq!(api.send("PUT", "/products/FF-BLANKET-09", Some(&product), None).await.status, 200);
        let mut bad = product.clone();
        bad["processing_days"] = json!({"min": 5, "max": 2});
        assert!(message(&api.send("PUT", "/products/FF-BLANKET-09", Some(&bad), None).await).starts_with("processing_days"));
        let mut bad = product.clone();
        bad["expected_restock"] = json!("10.12.2026");
        assert!(message(&api.send("PUT", "/products/FF-BLANKET-09", Some(&bad), None).await).starts_with("expected_restock"));
        let mut bad = product.clone();
        bad["stock"] = json!(-3);
        assert_eq!(api.send("PUT", "/products/FF-BLANKET-09", Some(&bad), None).await.status, 422);

        let defaults = api.send("GET", "/settings/processing", None, None).await;
        assert_eq!(defaults.status, 200);
        conforms(&doc, "ProcessingSettings", &defaults.body);
        let settings = json!({"time_zone": "Europe/Helsinki", "working_days": ["tue", "mon", "wed", "thu", "fri", "sat"],
            "cutoff": "15:30", "holiday_calendar": "fi", "holidays": ["2026-12-31", "2026-12-24", "2026-12-31"],
            "default_processing_days": {"min": 1, "max": 2},
            "shipping_methods": [{"code": "posti", "name": "Posti", "transit_days": {"min": 1, "max": 3}}]});
        let saved = api.send("PUT", "/settings/processing", Some(&settings), None).await;
        assert_eq!(saved.status, 200, "{}", saved.body);
        assert_eq!(saved.body["working_days"], json!(["mon", "tue", "wed", "thu", "fri", "sat"]));
        assert_eq!(saved.body["holiday_calendar"], "FI");
        assert_eq!(saved.body["holidays"], json!(["2026-12-24", "2026-12-31"]));
        assert_eq!(api.send("GET", "/settings/processing", None, None).await.body, saved.body);
        for (field, value) in [("time_zone", json!("Mars/Olympus")), ("cutoff", json!("25:00")),
            ("working_days", json!([])), ("holiday_calendar", json!("SE")), ("holidays", json!(["2026-02-30"]))] {
            let mut bad = settings.clone();
            bad[field] = value;
            let refused = api.send("PUT", "/settings/processing", Some(&bad), None).await;
            assert_eq!(refused.status, 422, "{field}");
            assert!(message(&refused).starts_with(field), "{field}: {}", refused.body);
        }
        assert_eq!(api.send("GET", "/settings/processing", None, None).await.body, saved.body, "refusals changed nothing");

        // Estimates for a cart, in the documented shapes (answer and refusal).
        let cart = json!({"placed_at": "2026-11-24T10:00:00+02:00", "shipping_method": "posti",
            "lines": [{"sku": "FF-BLANKET-09", "quantity": 1}]});
        let estimate = api.send("POST", "/estimates", Some(&cart), None).await;
        assert_eq!(estimate.status, 200, "{}", estimate.body);
        assert_eq!(estimate.body["lines"][0]["sku"], "FF-BLANKET-09");
        let mut bad = cart.clone();
        bad["shipping_method"] = json!("standard");
        let refused = api.send("POST", "/estimates", Some(&bad), None).await;
        assert_eq!(refused.status, 422);
        assert!(message(&refused).starts_with("shipping_method"), "{}", refused.body);
        api.all_documented(&doc);
    }
}
