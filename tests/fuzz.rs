//! Generated hostile input for every server function, every integration-API endpoint and the
//! pages, against the real server on both engines: no input may cause a server error (5xx), a
//! dropped connection (a panic) or a hang. `make test` uses a fixed seed, so it is repeatable;
//! `PORTAL_FUZZ_SEED=random` explores new inputs (the seed is printed, and
//! `PORTAL_FUZZ_SEED=<seed>` replays a run); `PORTAL_FUZZ_INPUTS` sets how many inputs each
//! engine gets (default 6 000, so a `make test` run sends over 10 000).
//!
//! The generator knows the shape of what it attacks without a hand-kept list: server functions
//! and their parameter names come from the registry and from `src/api/`, API routes and field
//! names from the published OpenAPI document, and valid API bodies (read back from the server)
//! are mutated one field at a time so the input gets past the first check.
#![cfg(feature = "ssr")]

mod common;

use common::{join_all, spawn_app_with, Engine, TestApp};
use rand::rngs::StdRng;
use rand::{Rng, SeedableRng};
use serde_json::{json, Map, Value};
use std::collections::BTreeMap;

/// Strings that have broken parsers and queries before: empty and huge, numeric edge cases,
/// markup, SQL, control characters, odd Unicode, near-valid dates, emails and order numbers.
const NASTY: &[&str] = &[
    "",
    " ",
    "0",
    "-1",
    "1",
    "1001",
    "1005",
    "1012",
    "007",
    "1.5",
    "1e309",
    "NaN",
    "-0",
    "9223372036854775807",
    "9223372036854775808",
    "-9223372036854775809",
    "4294967296",
    "null",
    "true",
    "false",
    "[]",
    "{}",
    "{\"a\":",
    "<script>alert(1)</script>",
    "' OR 1=1 --",
    "\"; DROP TABLE orders; --",
    "../../etc/passwd",
    "%00",
    "%ZZ",
    "\u{0}",
    "\r\n",
    "\t",
    "🦀",
    "ø æ å ä ö",
    "\u{202e}abc",
    "\u{feff}",
    "2026-02-30",
    "2026-11-22",
    "2026-11-22T10:00:00Z",
    "2026-11-22T10:00:00",
    "24:61",
    "10:00",
    "Europe/Oslo",
    "Mars/Base",
    "NOK",
    "EUR",
    "XXX",
    "en",
    "nb",
    "fi",
    "nl",
    "xx",
    "standard",
    "express",
    "other",
    "lise.moen@example.no",
    "kari.nordmann@example.no",
    "owner@fjordogfuru.example",
    "a@b",
    "@",
    "a@",
    "FF-MUG-01",
    "AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA",
    "on",
    "off",
    "mon",
    "sun",
    "NO",
    "FI",
    "NL",
    "https://example.com/hook",
    "http://127.0.0.1:1/",
    "ftp://x",
];

/// The seed `make test` uses (one run with it found the NUL-byte bug in product SKUs).
const DEFAULT_SEED: u64 = 16_159_639_656_512_872_606;

/// Page routes with `{}` standing for a generated segment.
const PAGES: &[&str] = &[
    "/",
    "/orders/{}",
    "/o/{}",
    "/n/{}",
    "/password/{}",
    "/account",
    "/account/login",
    "/admin",
    "/admin/orders",
    "/admin/orders/{}",
    "/admin/products",
    "/admin/products/{}",
    "/admin/reports",
    "/admin/team",
    "/admin/settings/cancellation",
    "/admin/settings/processing",
    "/admin/settings/backorders",
    "/admin/settings/integrations",
    "/{}",
];
const QUERY_KEYS: &[&str] = &[
    "lang", "filter", "q", "after", "days", "error", "code", "page",
];

struct Fuzzer {
    rng: StdRng,
    /// Field names seen anywhere (server functions and the API schema).
    words: Vec<String>,
}

impl Fuzzer {
    fn pick<'a, T>(&mut self, items: &'a [T]) -> &'a T {
        &items[self.rng.gen_range(0..items.len())]
    }

    fn word(&mut self) -> String {
        let i = self.rng.gen_range(0..self.words.len());
        self.words[i].clone()
    }

    fn string(&mut self) -> String {
        match self.rng.gen_range(0..10) {
            0..=5 => self.pick(NASTY).to_string(),
            6 => "x".repeat(self.rng.gen_range(200..20_000)),
            7 => (0..self.rng.gen_range(1..40))
                .map(|_| char::from_u32(self.rng.gen_range(0x20..0x2FFF)).unwrap_or('?'))
                .collect(),
            8 => self.rng.gen::<i64>().to_string(),
            _ => format!("{}{}", self.pick(NASTY), self.pick(NASTY)),
        }
    }

    fn value(&mut self, depth: u32) -> Value {
        match self.rng.gen_range(0..if depth > 2 { 6 } else { 9 }) {
            0 => Value::Null,
            1 => Value::Bool(self.rng.gen()),
            2 => json!(*self.pick(&[0i64, -1, 1, i64::MAX, i64::MIN, 10_000_001, 366, 10_081])),
            3 => json!(self.rng.gen::<f64>() * 1e12 - 5e11),
            4 | 5 => Value::String(self.string()),
            6 | 7 => {
                let mut object = Map::new();
                for _ in 0..self.rng.gen_range(0..5) {
                    let key = self.word();
                    let value = self.value(depth + 1);
                    object.insert(key, value);
                }
                Value::Object(object)
            }
            _ => Value::Array(
                (0..self.rng.gen_range(0..4))
                    .map(|_| self.value(depth + 1))
                    .collect(),
            ),
        }
    }

    /// The valid document with one change deep inside: a field replaced, removed or added.
    fn mutate(&mut self, valid: &Value) -> Value {
        let mut doc = valid.clone();
        self.mutate_in(&mut doc);
        doc
    }

    fn mutate_in(&mut self, at: &mut Value) {
        let descend = self.rng.gen_bool(0.6);
        match at {
            Value::Object(map) if !map.is_empty() => {
                let keys: Vec<String> = map.keys().cloned().collect();
                let key = self.pick(&keys).clone();
                let inner = map.get_mut(&key).expect("key");
                if descend && (inner.is_object() || inner.is_array()) {
                    return self.mutate_in(inner);
                }
                match self.rng.gen_range(0..3) {
                    0 => {
                        map.remove(&key);
                    }
                    1 => {
                        let extra = self.word();
                        let value = self.value(1);
                        map.insert(extra, value);
                    }
                    _ => *inner = self.value(1),
                }
            }
            Value::Array(items) if !items.is_empty() => {
                let i = self.rng.gen_range(0..items.len());
                if descend && (items[i].is_object() || items[i].is_array()) {
                    return self.mutate_in(&mut items[i]);
                }
                match self.rng.gen_range(0..3) {
                    0 => {
                        items.remove(i);
                    }
                    1 => {
                        let copy = items[i].clone();
                        items.extend(std::iter::repeat_n(copy, self.rng.gen_range(1..300)));
                    }
                    _ => items[i] = self.value(1),
                }
            }
            other => *other = self.value(1),
        }
    }

    /// A form body for a server function: mostly its own fields (sometimes nested the way
    /// `Vec<Row>` fields are encoded), some repeated or foreign, all with hostile values.
    fn form(&mut self, own: &[String]) -> Vec<(String, String)> {
        let mut fields = Vec::new();
        for name in own {
            if self.rng.gen_bool(0.85) {
                let key = if self.rng.gen_bool(0.2) {
                    let (i, sub) = (self.rng.gen_range(0..3), self.word());
                    format!("{name}[{i}][{sub}]")
                } else {
                    name.clone()
                };
                let value = if self.rng.gen_bool(0.5) {
                    self.plausible(name)
                } else {
                    self.string()
                };
                fields.push((key, value));
            }
        }
        for _ in 0..self.rng.gen_range(0..3) {
            fields.push((self.word(), self.string()));
        }
        fields
    }

    /// A value of the kind the field expects, so the input reaches the checks behind parsing.
    fn plausible(&mut self, name: &str) -> String {
        let small = || ["0", "1", "2", "3", "5", "-1"];
        let pick: &[&str] = match name {
            n if n.contains("version")
                || n == "line"
                || n == "user"
                || n == "delivery"
                || n == "token" && self.rng.gen_bool(0.5)
                || n == "days"
                || n.contains("quantity") =>
            {
                &small()
            }
            n if n.contains("email") => &[
                "lise.moen@example.no",
                "kari.nordmann@example.no",
                "owner@fjordogfuru.example",
                "new.person@example.fi",
            ],
            n if n.contains("number") => &["1001", "1005", "1012", "1007", "424242"],
            n if n.contains("password") => &["demo-owner-2026", "fjord-and-pine-2026", "short"],
            "sku" => &["FF-MUG-01", "NO-SUCH-SKU"],
            "reason" => &["changed_mind", "other", "address_check"],
            "choice" => &["wait", "ship_now", "cancel_waiting"],
            _ => NASTY,
        };
        self.pick(pick).to_string()
    }

    fn segment(&mut self) -> String {
        let raw = self.string();
        let raw: String = raw.chars().take(300).collect();
        percent_encode(&raw)
    }
}

fn percent_encode(text: &str) -> String {
    text.bytes()
        .map(|b| match b {
            b'A'..=b'Z' | b'a'..=b'z' | b'0'..=b'9' | b'-' | b'_' | b'.' | b'~' => {
                (b as char).to_string()
            }
            _ => format!("%{b:02X}"),
        })
        .collect()
}

/// Every server function's parameter names, read from the `#[server]` functions in `src/api/`.
fn server_fn_params() -> BTreeMap<String, Vec<String>> {
    let dir = concat!(env!("CARGO_MANIFEST_DIR"), "/src/api");
    let mut params = BTreeMap::new();
    for entry in std::fs::read_dir(dir).expect("src/api") {
        let source = std::fs::read_to_string(entry.expect("entry").path()).expect("read");
        for chunk in source.split("#[server(").skip(1) {
            let Some(endpoint) = chunk
                .split("endpoint = \"")
                .nth(1)
                .and_then(|rest| rest.split('"').next())
            else {
                continue;
            };
            let signature = chunk
                .split_once("fn ")
                .and_then(|(_, rest)| rest.split_once('('))
                .and_then(|(_, rest)| rest.split_once(") ->"))
                .map(|(args, _)| args.replace("#[server(default)]", ""))
                .unwrap_or_default();
            let mut names = Vec::new();
            let mut depth = 0;
            let mut current = String::new();
            for c in signature.chars() {
                match c {
                    '<' | '(' | '[' => depth += 1,
                    '>' | ')' | ']' => depth -= 1,
                    ',' if depth == 0 => {
                        names.push(std::mem::take(&mut current));
                        continue;
                    }
                    _ => {}
                }
                current.push(c);
            }
            names.push(current);
            let names = names
                .iter()
                .filter_map(|arg| arg.split_once(':').map(|(name, _)| name.trim().to_owned()))
                .filter(|name| !name.is_empty())
                .collect();
            params.insert(format!("/fn/{endpoint}"), names);
        }
    }
    params
}

/// Every property name in the OpenAPI document.
fn schema_words(doc: &Value, into: &mut Vec<String>) {
    match doc {
        Value::Object(map) => {
            if let Some(Value::Object(properties)) = map.get("properties") {
                into.extend(properties.keys().cloned());
            }
            map.values().for_each(|v| schema_words(v, into));
        }
        Value::Array(items) => items.iter().for_each(|v| schema_words(v, into)),
        _ => {}
    }
}

/// One generated request and what came back.
struct Outcome {
    what: String,
    status: Result<u16, String>,
    body: String,
}

/// A form post without JavaScript is answered with a redirect carrying the error: one that
/// carries an internal error is a server error too.
fn redirect_hides_server_error(response: &reqwest::Response) -> Option<String> {
    let location = response.headers().get("location")?.to_str().ok()?;
    let decoded = common::quoted_printable_decoded(&location.replace('%', "="));
    decoded
        .to_lowercase()
        .contains("internal")
        .then_some(decoded)
}

async fn send(request: reqwest::RequestBuilder, what: String) -> Outcome {
    match request.send().await {
        Ok(response) => {
            let status = match redirect_hides_server_error(&response) {
                Some(location) => {
                    return Outcome {
                        what,
                        status: Ok(500),
                        body: location,
                    }
                }
                None => response.status().as_u16(),
            };
            let body = response.text().await.unwrap_or_default();
            Outcome {
                what,
                status: Ok(status),
                body: body.chars().take(300).collect(),
            }
        }
        Err(e) => Outcome {
            what,
            status: Err(e.to_string()),
            body: String::new(),
        },
    }
}

async fn valid_documents(app: &TestApp, token: &str) -> Vec<(String, &'static str, Value)> {
    let mut docs = vec![
        (
            "/api/v1/orders/{number}".to_owned(),
            "PUT",
            json!({"customer": {"email": "lise.moen@example.no", "name": "Lise Moen"},
                "locale": "nb", "currency": "NOK", "placed_at": "2026-11-20T09:30:00Z",
                "payment_status": "paid", "shipping_method": "standard",
                "shipping_address": ["Kirkegata 3", "4006 Stavanger", "Norway"],
                "lines": [{"sku": "FF-MUG-01", "title": "Stoneware mug", "quantity": 2,
                    "unit_price": 24900, "quantity_backordered": 1}]}),
        ),
        (
            "/api/v1/orders/{number}/fulfillments".to_owned(),
            "POST",
            json!({"lines": [{"sku": "FF-MUG-01", "quantity": 1}], "carrier": "Bring",
                "tracking_number": "70712345678",
                "tracking_url": "https://sporing.bring.no/70712345678"}),
        ),
        (
            "/api/v1/orders/{number}/holds".to_owned(),
            "POST",
            json!({"reason": "address_check", "note": "flat number?"}),
        ),
        (
            "/api/v1/products/{sku}".to_owned(),
            "PUT",
            json!({"title": "Wool blanket", "processing_days": {"min": 1, "max": 3},
                "made_to_order": false, "not_cancellable": false, "stock": 0,
                "expected_restock": "2026-12-24"}),
        ),
        (
            "/api/v1/estimates".to_owned(),
            "POST",
            json!({"placed_at": "2026-11-24T10:00:00+01:00", "shipping_method": "standard",
                "lines": [{"sku": "FF-MUG-01", "quantity": 2}]}),
        ),
    ];
    for path in [
        "/api/v1/settings/processing",
        "/api/v1/settings/cancellation",
        "/api/v1/settings/backorders",
    ] {
        let current: Value = common::api_client()
            .get(app.url(path))
            .bearer_auth(token)
            .send()
            .await
            .expect("GET settings")
            .json()
            .await
            .expect("settings JSON");
        docs.push((path.to_owned(), "PUT", current));
    }
    docs
}

both_engines! {
    async fn no_generated_input_causes_a_server_error(engine: Engine) {
        let app = spawn_app_with(engine, |s| {
            s.lookup_limit_per_ip = 1_000_000;
            s.lookup_limit_per_order = 1_000_000;
            s.login_limit_per_ip = 1_000_000;
            s.login_limit_per_account = 1_000_000;
        })
        .await;
        // A fixed seed by default, so `make test` is repeatable; `PORTAL_FUZZ_SEED=random`
        // explores new inputs (longer runs: `PORTAL_FUZZ_INPUTS`).
        let seed = match std::env::var("PORTAL_FUZZ_SEED").ok().as_deref() {
            Some("random") => rand::random::<u64>(),
            Some(given) => given.parse().expect("PORTAL_FUZZ_SEED: a number or `random`"),
            None => DEFAULT_SEED,
        };
        let inputs: usize = std::env::var("PORTAL_FUZZ_INPUTS")
            .ok()
            .and_then(|s| s.parse().ok())
            .unwrap_or(6_000);
        eprintln!("fuzzing {engine:?} with PORTAL_FUZZ_SEED={seed}, {inputs} inputs");

        let now = jiff::Timestamp::now().as_millisecond();
        let token = order_portal::server::services::integrations::create_token(&app.state.db, "fuzz", now)
            .await
            .expect("token")
            .1;
        // Who sends: nobody, a shopper with a verified order, the signed-in owner.
        let anonymous = common::browser();
        let shopper = app.verified_shopper("1001").await;
        let owner = common::browser();
        let signed_in = owner.post(app.url("/fn/admin_login")).header("accept", "application/json")
            .form(&[("email", order_portal::server::demo::OWNER_EMAIL),
                    ("password", order_portal::server::demo::OWNER_PASSWORD)])
            .send().await.expect("sign in");
        assert_eq!(signed_in.status().as_u16(), 200);

        let functions = server_fn_params();
        let registered: Vec<(String, String)> = leptos::server_fn::axum::server_fn_paths()
            .map(|(path, method)| (path.to_owned(), method.to_string()))
            .collect();
        assert!(registered.len() >= 50, "the server functions are registered: {registered:?}");
        for (path, _) in &registered {
            assert!(functions.contains_key(path), "{path}: parameters not found in src/api");
        }
        let openapi: Value = common::api_client().get(app.url("/api/v1/openapi.json")).send().await
            .expect("openapi").json().await.expect("openapi JSON");
        let mut routes = Vec::new();
        for (path, item) in openapi["paths"].as_object().expect("paths") {
            for method in item.as_object().expect("path item").keys() {
                if ["get", "put", "post", "delete", "patch"].contains(&method.as_str()) {
                    routes.push((format!("/api/v1{}", path.trim_start_matches("/api/v1")), method.to_uppercase()));
                }
            }
        }
        assert!(routes.len() >= 14, "the API routes are published: {routes:?}");
        let mut words: Vec<String> = functions.values().flatten().cloned().collect();
        schema_words(&openapi, &mut words);
        words.sort();
        words.dedup();
        let valid = valid_documents(&app, &token).await;

        let mut fuzz = Fuzzer { rng: StdRng::seed_from_u64(seed), words };
        let mut failures = Vec::new();
        let mut statuses: BTreeMap<(String, u16), usize> = BTreeMap::new();
        let mut sent = 0;
        while sent < inputs {
            let mut batch = Vec::new();
            for _ in 0..8 {
                let client = match fuzz.rng.gen_range(0..3) {
                    0 => &anonymous,
                    1 => &shopper,
                    _ => &owner,
                };
                let accept = *fuzz.pick(&["application/json", "text/html", "*/*"]);
                let request = match fuzz.rng.gen_range(0..10) {
                    // Server functions: form posts, sometimes with the wrong body altogether.
                    0..=4 => {
                        let (path, method) = fuzz.pick(&registered).clone();
                        // Signing out would end the session the other inputs use.
                        let client = if path.ends_with("logout") { &anonymous } else { client };
                        let own = functions.get(&path).cloned().unwrap_or_default();
                        let fields = fuzz.form(&own);
                        let what = format!("{method} {path} {fields:?}");
                        let request = if method == "GET" {
                            let query: Vec<String> = fields.iter()
                                .map(|(k, v)| format!("{}={}", percent_encode(k), percent_encode(v))).collect();
                            client.get(format!("{}?{}", app.url(&path), query.join("&")))
                        } else if fuzz.rng.gen_bool(0.1) {
                            let body = fuzz.value(0).to_string();
                            client.post(app.url(&path)).header("content-type", "application/json").body(body)
                        } else if fuzz.rng.gen_bool(0.05) {
                            let bytes: Vec<u8> = (0..fuzz.rng.gen_range(0..500)).map(|_| fuzz.rng.gen()).collect();
                            client.post(app.url(&path)).header("content-type", "application/x-www-form-urlencoded").body(bytes)
                        } else {
                            client.post(app.url(&path)).form(&fields)
                        };
                        send(request.header("accept", accept).header("referer", app.url("/")), what)
                    }
                    // The integration API: valid documents with one change, or random JSON.
                    5..=7 => {
                        let (template, method) = fuzz.pick(&routes).clone();
                        let path = template
                            .replace("{number}", &if fuzz.rng.gen_bool(0.5) { "1001".to_owned() } else { fuzz.segment() })
                            .replace("{sku}", &if fuzz.rng.gen_bool(0.5) { "FF-MUG-01".to_owned() } else { fuzz.segment() })
                            .replace("{id}", &fuzz.segment());
                        let body = match valid.iter().find(|(t, m, _)| *t == template && *m == method) {
                            Some((_, _, doc)) if fuzz.rng.gen_bool(0.8) => fuzz.mutate(doc),
                            _ => fuzz.value(0),
                        };
                        let mut request = common::api_client()
                            .request(method.parse().expect("method"), app.url(&path))
                            .header("content-type", "application/json")
                            .body(body.to_string());
                        if fuzz.rng.gen_bool(0.95) {
                            request = request.bearer_auth(&token);
                        }
                        if fuzz.rng.gen_bool(0.2) {
                            let key = fuzz.string().chars().filter(|c| c.is_ascii_graphic()).take(300).collect::<String>();
                            request = request.header("idempotency-key", key);
                        }
                        send(request, format!("{method} {path} {body}"))
                    }
                    // Pages, with generated path segments and query strings.
                    _ => {
                        let page = fuzz.pick(PAGES).replace("{}", &fuzz.segment());
                        let query: Vec<String> = (0..fuzz.rng.gen_range(0..3))
                            .map(|_| format!("{}={}", fuzz.pick(QUERY_KEYS), fuzz.segment()))
                            .collect();
                        let url = format!("{}?{}", app.url(&page), query.join("&"));
                        send(client.get(&url).header("accept", accept), format!("GET {url}"))
                    }
                };
                batch.push(request);
            }
            sent += batch.len();
            for outcome in join_all(batch).await {
                let kind = outcome.what.split(' ').nth(1).unwrap_or("").split('/').take(3).collect::<Vec<_>>().join("/");
                *statuses.entry((kind, *outcome.status.as_ref().unwrap_or(&0))).or_default() += 1;
                match outcome.status {
                    Ok(status) if status < 500 => {}
                    Ok(status) => failures.push(format!("{status} for {} → {}", outcome.what, outcome.body)),
                    Err(e) => failures.push(format!("no answer ({e}) for {}", outcome.what)),
                }
            }
        }
        eprintln!("answers by route kind and status: {statuses:?}");
        let (alive, _) = app.page("/readyz").await;
        assert_eq!(alive, 200, "the server still answers");
        let shown: Vec<&String> = failures.iter().take(10).collect();
        assert!(failures.is_empty(), "{} of {sent} inputs failed (PORTAL_FUZZ_SEED={seed}):\n{shown:#?}", failures.len());
    }
}
