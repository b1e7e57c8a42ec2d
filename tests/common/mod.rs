//! Starts the real portal on a random port with a fresh database — SQLite in a temp directory,
//! or a new database on the PostgreSQL server named by `PORTAL_TEST_PG_URL`.

#![allow(dead_code)] // each test binary uses its own part of these helpers

pub mod process;
pub mod smtp_sink;

use order_portal::server::config::{MailTransport, Secret, Settings};
use order_portal::server::mail::Mailer;
use order_portal::server::services::estimates;
use order_portal::server::state::AppState;
use order_portal::server::store::Db;
use order_portal::server::{cli, demo};
use sqlx::Connection;
use std::net::SocketAddr;
use tokio::sync::oneshot;

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Engine {
    Sqlite,
    Postgres,
}

/// Runs a test body once per engine, as `<name>::sqlite` and `<name>::postgres`.
#[macro_export]
macro_rules! both_engines {
    ($(async fn $name:ident($engine:ident: Engine) $body:block)*) => {
        $(
            mod $name {
                use super::*;
                async fn run($engine: Engine) $body

                #[tokio::test(flavor = "multi_thread", worker_threads = 2)]
                async fn sqlite() {
                    $crate::common::within_limit(run(Engine::Sqlite)).await
                }

                #[tokio::test(flavor = "multi_thread", worker_threads = 2)]
                async fn postgres() {
                    if $crate::common::postgres_url().is_none() {
                        return $crate::common::skip_without_postgres();
                    }
                    $crate::common::within_limit(run(Engine::Postgres)).await
                }
            }
        )*
    };
}

/// A test still running after this long is stuck: it fails with its name instead of holding
/// the whole run until CI's time limit.
pub const TEST_LIMIT: std::time::Duration = std::time::Duration::from_secs(300);

pub async fn within_limit(test: impl std::future::Future<Output = ()>) {
    if tokio::time::timeout(TEST_LIMIT, test).await.is_err() {
        panic!("the test did not finish within {TEST_LIMIT:?}: it is stuck");
    }
}

pub fn postgres_url() -> Option<String> {
    std::env::var("PORTAL_TEST_PG_URL")
        .ok()
        .filter(|u| !u.is_empty())
}

/// Without a PostgreSQL server the PostgreSQL half cannot run. `make test` always provides
/// one and sets `PORTAL_REQUIRE_PG=1`, so there a missing server fails loudly.
pub fn skip_without_postgres() {
    if std::env::var("PORTAL_REQUIRE_PG").is_ok_and(|v| v == "1") {
        panic!("PORTAL_REQUIRE_PG=1 but PORTAL_TEST_PG_URL is not set");
    }
    eprintln!("PORTAL_TEST_PG_URL not set: PostgreSQL half not run (make test runs it)");
}

fn unique_name() -> String {
    use rand::RngCore;
    let mut bytes = [0u8; 6];
    rand::rngs::OsRng.fill_bytes(&mut bytes);
    format!("portal_test_{}", hex::encode(bytes))
}

/// A fresh, empty, migrated database for one test.
pub async fn fresh_database(engine: Engine, dir: &std::path::Path) -> String {
    match engine {
        Engine::Sqlite => format!("sqlite://{}/portal.db?mode=rwc", dir.display()),
        Engine::Postgres => {
            let admin = postgres_url().expect("PORTAL_TEST_PG_URL");
            let name = unique_name();
            let mut conn = sqlx::PgConnection::connect(&admin)
                .await
                .expect("connect to PostgreSQL");
            sqlx::query(&format!("CREATE DATABASE {name}"))
                .execute(&mut conn)
                .await
                .expect("create test database");
            let base = admin.rsplit_once('/').map(|(b, _)| b).unwrap_or(&admin);
            format!("{base}/{name}")
        }
    }
}

pub async fn fresh_db(engine: Engine) -> (Db, tempfile::TempDir) {
    let dir = tempfile::tempdir().expect("temp dir");
    let url = fresh_database(engine, dir.path()).await;
    (Db::connect(&url).await.expect("connect and migrate"), dir)
}

/// No request to the test server takes this long unless a handler is stuck: the request then
/// fails with its URL, which names the stuck handler.
pub const REQUEST_LIMIT: std::time::Duration = std::time::Duration::from_secs(60);

/// A plain HTTP client for the API (no cookies, redirects followed), with the request limit.
pub fn api_client() -> reqwest::Client {
    reqwest::Client::builder()
        .timeout(REQUEST_LIMIT)
        .build()
        .expect("client")
}

/// A second browser: its own cookies, redirects not followed. It has picked English with the
/// language switcher (the demo orders are in Norwegian, Finnish and Dutch, and most tests read
/// the English words); `tests/languages.rs` uses `browser_without_language`.
pub fn browser() -> reqwest::Client {
    reqwest::Client::builder()
        .timeout(REQUEST_LIMIT)
        .cookie_provider(english_jar())
        .redirect(reqwest::redirect::Policy::none())
        .build()
        .expect("client")
}

/// A browser that follows redirects, in English like `browser`.
pub fn following_browser() -> reqwest::Client {
    reqwest::Client::builder()
        .timeout(REQUEST_LIMIT)
        .cookie_provider(english_jar())
        .build()
        .expect("client")
}

/// A browser with no language chosen: Accept-Language and the order's language decide.
pub fn browser_without_language() -> reqwest::Client {
    reqwest::Client::builder()
        .timeout(REQUEST_LIMIT)
        .cookie_store(true)
        .redirect(reqwest::redirect::Policy::none())
        .build()
        .expect("client")
}

/// A cookie jar holding the switcher's English choice for the test server (cookies match the
/// host, whatever the port).
fn english_jar() -> std::sync::Arc<reqwest::cookie::Jar> {
    let jar = reqwest::cookie::Jar::default();
    let url = "http://127.0.0.1/".parse().expect("url");
    jar.add_cookie_str("portal_lang=en; Path=/", &url);
    std::sync::Arc::new(jar)
}

pub struct TestApp {
    pub addr: SocketAddr,
    pub base: String,
    pub state: AppState,
    pub client: reqwest::Client,
    pub dir: tempfile::TempDir,
    stop: Option<oneshot::Sender<()>>,
}

impl Drop for TestApp {
    fn drop(&mut self) {
        if let Some(stop) = self.stop.take() {
            let _ = stop.send(());
        }
    }
}

pub fn test_settings(dir: &std::path::Path) -> Settings {
    Settings {
        data_dir: dir.to_path_buf(),
        public_url: "http://portal.test".into(),
        mail_transport: MailTransport::File,
        // Tests deliver the outbox themselves (`drain_outbox`), so nothing races them.
        outbox_worker: false,
        // Tests run the delay check themselves, with the clock they need.
        delay_check_secs: 0,
        ..Settings::default()
    }
}

/// The portal with the demo shop loaded.
pub async fn spawn_app(engine: Engine) -> TestApp {
    spawn_app_with(engine, |_| {}).await
}

pub async fn spawn_app_with(engine: Engine, adjust: impl FnOnce(&mut Settings)) -> TestApp {
    let dir = tempfile::tempdir().expect("temp dir");
    let mut settings = test_settings(dir.path());
    settings.database_url = Secret::new(fresh_database(engine, dir.path()).await);
    adjust(&mut settings);
    let db = Db::connect(&settings.database_url())
        .await
        .expect("connect and migrate");
    demo::load(&db, jiff::Timestamp::now())
        .await
        .expect("demo data");
    estimates::keep_defaults(&db, &settings.shop_time_zone)
        .await
        .expect("default processing settings");
    let mailer = Mailer::from_settings(&settings).expect("mailer");
    let listener = tokio::net::TcpListener::bind("127.0.0.1:0")
        .await
        .expect("bind");
    let addr = listener.local_addr().expect("addr");
    let mut leptos = cli::leptos_options().expect("leptos options");
    leptos.site_addr = addr;
    leptos.site_root = dir.path().to_string_lossy().into();
    let state = AppState::new(settings, db, mailer, leptos);
    let (stop, stopped) = oneshot::channel::<()>();
    let server_state = state.clone();
    tokio::spawn(async move {
        let shutdown = async {
            let _ = stopped.await;
        };
        cli::run(server_state, listener, shutdown)
            .await
            .expect("server runs");
    });
    let client = browser();
    TestApp {
        addr,
        base: format!("http://{addr}"),
        state,
        client,
        dir,
        stop: Some(stop),
    }
}

impl TestApp {
    pub fn url(&self, path: &str) -> String {
        format!("{}{path}", self.base)
    }

    /// The lookup form as a browser without JavaScript submits it.
    pub async fn lookup_form(&self, number: &str, email: &str) -> reqwest::Response {
        self.client
            .post(self.url("/fn/lookup"))
            .header("accept", "text/html")
            .header("referer", self.url("/"))
            .form(&[("order_number", number), ("email", email)])
            .send()
            .await
            .expect("lookup request")
    }

    /// The lookup as the hydrated page calls it.
    pub async fn lookup_json(&self, number: &str, email: &str) -> reqwest::Response {
        self.client
            .post(self.url("/fn/lookup"))
            .header("accept", "application/json")
            .form(&[("order_number", number), ("email", email)])
            .send()
            .await
            .expect("lookup request")
    }

    /// A page request as a browser makes it.
    pub async fn get(&self, path: &str) -> reqwest::Response {
        self.client
            .get(self.url(path))
            .header("accept", "text/html,application/xhtml+xml")
            .send()
            .await
            .expect("GET")
    }

    pub async fn page(&self, path: &str) -> (u16, String) {
        let response = self.get(path).await;
        let status = response.status().as_u16();
        (status, response.text().await.expect("body"))
    }

    /// A server function as the hydrated page calls it, in this app's own browser session.
    pub async fn call(&self, endpoint: &str, fields: &[(&str, &str)]) -> (u16, String) {
        self.call_as(&self.client, endpoint, fields).await
    }

    /// A server function called from another browser (its own cookie jar).
    pub async fn call_as(
        &self,
        client: &reqwest::Client,
        endpoint: &str,
        fields: &[(&str, &str)],
    ) -> (u16, String) {
        let response = client
            .post(self.url(&format!("/fn/{endpoint}")))
            .header("accept", "application/json")
            .form(fields)
            .send()
            .await
            .expect("server function request");
        let status = response.status().as_u16();
        (status, response.text().await.expect("body"))
    }

    /// A page as another browser sees it.
    pub async fn page_as(&self, client: &reqwest::Client, path: &str) -> (u16, String) {
        let response = client
            .get(self.url(path))
            .header("accept", "text/html")
            .send()
            .await
            .expect("GET");
        let status = response.status().as_u16();
        (status, response.text().await.expect("body"))
    }

    /// A staff member who can sign in with `password` (made directly, as `user create` would).
    pub async fn add_staff(&self, email: &str, password: &str) {
        let hash = order_portal::server::passwords::hash(password.into())
            .await
            .expect("hash");
        let mut tx = self.state.db.begin().await.expect("tx");
        order_portal::server::store::users::insert(&mut tx, email, &hash, "staff", 0)
            .await
            .expect("staff member");
        tx.commit().await.expect("commit");
    }

    /// A fresh signed link for a demo order, as an email would carry it.
    pub async fn signed_link(&self, number: &str) -> String {
        let mut tx = self.state.db.begin().await.expect("tx");
        let order = order_portal::server::store::orders::find_by_number(&mut tx, number)
            .await
            .expect("query")
            .expect("order exists");
        let now = jiff::Timestamp::now().as_millisecond();
        let (token, _) =
            order_portal::server::services::links::mint(&mut tx, 60, order.id, None, now)
                .await
                .expect("mint");
        tx.commit().await.expect("commit");
        format!("/o/{token}")
    }

    /// A shopper's browser that opened the order's signed link (a verified session).
    pub async fn verified_shopper(&self, number: &str) -> reqwest::Client {
        let shopper = browser();
        let link = self.signed_link(number).await;
        let response = shopper
            .get(self.url(&link))
            .send()
            .await
            .expect("open link");
        assert_eq!(
            response.status().as_u16(),
            303,
            "the link redirects to the order"
        );
        shopper
    }

    /// Delivers everything due in the outbox now.
    pub async fn drain_outbox(&self) {
        while order_portal::server::mail::worker::drain_once(&self.state)
            .await
            .expect("drain")
            > 0
        {}
    }

    /// The `.eml` files written by the file transport, their quoted-printable parts decoded
    /// so tests can look for the words a reader sees.
    pub fn sent_emails(&self) -> Vec<String> {
        let dir = self.state.settings.mail_dir();
        let mut mails: Vec<String> = std::fs::read_dir(dir)
            .map(|entries| {
                entries
                    .filter_map(Result::ok)
                    .filter(|e| e.path().extension().is_some_and(|x| x == "eml"))
                    .filter_map(|e| std::fs::read_to_string(e.path()).ok())
                    .map(|mail| quoted_printable_decoded(&subject_decoded(&mail)))
                    .collect()
            })
            .unwrap_or_default();
        mails.sort();
        mails
    }
}

/// Writes the `Subject:` header as a reader sees it: folded lines joined and RFC 2047 encoded
/// words (`=?utf-8?b?…?=`, used for subjects like "Bestilling 1001 er på vei") decoded.
pub fn subject_decoded(mail: &str) -> String {
    use base64::Engine as _;
    let Some(start) = mail.find("\nSubject: ").map(|i| i + 1) else {
        return mail.to_owned();
    };
    let mut end = start + mail[start..].find('\n').unwrap_or(mail.len() - start);
    while mail[end + 1..].starts_with([' ', '\t']) {
        end += 1 + mail[end + 1..].find('\n').unwrap_or(mail.len() - end - 1);
    }
    let header = mail[start + "Subject: ".len()..end].replace(['\r', '\n'], "");
    let mut subject = String::new();
    let mut after_encoded = false;
    for word in header.split_whitespace() {
        let decoded = word
            .strip_prefix("=?utf-8?b?")
            .or_else(|| word.strip_prefix("=?UTF-8?B?"))
            .and_then(|w| w.strip_suffix("?="))
            .and_then(|b64| base64::engine::general_purpose::STANDARD.decode(b64).ok())
            .and_then(|bytes| String::from_utf8(bytes).ok());
        // Space between two encoded words is folding; any other space is text.
        let folding = after_encoded && decoded.is_some();
        if !subject.is_empty() && !folding {
            subject.push(' ');
        }
        after_encoded = decoded.is_some();
        subject.push_str(decoded.as_deref().unwrap_or(word));
    }
    format!("{}Subject: {subject}{}", &mail[..start], &mail[end..])
}

/// Undoes quoted-printable: soft line breaks go, `=XX` becomes the byte it stands for.
pub fn quoted_printable_decoded(text: &str) -> String {
    let joined = text.replace("=\r\n", "").replace("=\n", "");
    order_portal::api::unescape_hex(&joined, b'=')
}

/// Runs futures concurrently on this task and collects their outputs in order.
pub async fn join_all<F: std::future::Future>(
    futures: impl IntoIterator<Item = F>,
) -> Vec<F::Output> {
    let futures: Vec<_> = futures.into_iter().map(Box::pin).collect();
    let mut outputs: Vec<Option<F::Output>> = futures.iter().map(|_| None).collect();
    let mut pending: Vec<_> = futures
        .into_iter()
        .enumerate()
        .map(|(i, f)| Some((i, f)))
        .collect();
    std::future::poll_fn(|cx| {
        let mut left = false;
        for slot in pending.iter_mut() {
            if let Some((i, future)) = slot {
                match future.as_mut().poll(cx) {
                    std::task::Poll::Ready(out) => {
                        outputs[*i] = Some(out);
                        *slot = None;
                    }
                    std::task::Poll::Pending => left = true,
                }
            }
        }
        if left {
            std::task::Poll::Pending
        } else {
            std::task::Poll::Ready(())
        }
    })
    .await;
    outputs
        .into_iter()
        .map(|o| o.expect("every future finished"))
        .collect()
}
