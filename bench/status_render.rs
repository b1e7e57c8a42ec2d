//! The order status page rendered in process: the portal's router answers
//! `GET /orders/{number}` for a verified session of each demo order, with no network and no
//! other load, one request at a time, on a single-threaded runtime. Beside them, in the same
//! rounds, the lookup page: a Leptos page with the same shell and layout but no read, the floor
//! of any page. Without wrk and the kernel's network path on the same two cores, the page's own
//! cost (read, service, render) is measured per order (docs/benchmarks.md, "Eleventh round"):
//!
//! ```text
//! cargo run --release --features ssr --example status_render -- 2000
//! ```
//!
//! The argument is the number of rounds; each round requests every page once, in turn, so drift
//! in the machine's speed hits all of them alike. For each page it prints the CPU time the whole
//! process spent per request (all threads: the clock `CLOCK_PROCESS_CPUTIME_ID`; median and
//! mean) and the wall time (median). Compare builds by alternating runs: between two runs of one
//! build the mean moves by up to about 6 %.

use axum::body::Body;
use axum::extract::ConnectInfo;
use http::{header, Request, StatusCode};
use order_portal::server::config::{MailTransport, Settings};
use order_portal::server::mail::Mailer;
use order_portal::server::services::{estimates, links};
use order_portal::server::state::AppState;
use order_portal::server::store::{orders, Db};
use order_portal::server::{cli, demo, web};
use std::net::SocketAddr;
use std::time::{Duration, Instant};
use tower::ServiceExt;

/// The server's allocator (`src/main.rs`), so the figures are the server's.
#[global_allocator]
static ALLOCATOR: mimalloc::MiMalloc = mimalloc::MiMalloc;

/// One kind of request and its timings.
struct Page {
    name: String,
    path: String,
    cookie: Option<String>,
    bytes: usize,
    wall: Vec<Duration>,
    cpu: Vec<Duration>,
}

impl Page {
    fn new(name: String, path: String, cookie: Option<String>, rounds: usize) -> Self {
        Self {
            name,
            path,
            cookie,
            bytes: 0,
            wall: Vec::with_capacity(rounds),
            cpu: Vec::with_capacity(rounds),
        }
    }
}

/// CPU time of the whole process so far (every thread).
fn process_cpu() -> Duration {
    let mut now = libc::timespec {
        tv_sec: 0,
        tv_nsec: 0,
    };
    // SAFETY: `now` is a valid, writable timespec for the call's duration.
    let result = unsafe { libc::clock_gettime(libc::CLOCK_PROCESS_CPUTIME_ID, &mut now) };
    assert_eq!(result, 0, "the process CPU clock is readable");
    Duration::new(now.tv_sec as u64, now.tv_nsec as u32)
}

async fn answer(router: &axum::Router, path: &str, cookie: Option<&str>) -> (StatusCode, Vec<u8>) {
    let mut request = Request::get(path).header(header::ACCEPT, "text/html");
    if let Some(cookie) = cookie {
        request = request.header(header::COOKIE, cookie);
    }
    let mut request = request.body(Body::empty()).expect("request");
    let peer: SocketAddr = "127.0.0.1:40000".parse().expect("address");
    request.extensions_mut().insert(ConnectInfo(peer));
    let response = router.clone().oneshot(request).await.expect("answer");
    let status = response.status();
    let cookies: Vec<String> = response
        .headers()
        .get_all(header::SET_COOKIE)
        .iter()
        .filter_map(|v| v.to_str().ok().map(str::to_owned))
        .collect();
    let body = axum::body::to_bytes(response.into_body(), 1 << 20)
        .await
        .expect("body");
    if status == StatusCode::SEE_OTHER {
        // The signed link's answer: the session cookie is what the caller wants.
        return (status, cookies.join("\n").into_bytes());
    }
    (status, body.to_vec())
}

/// A verified session for `number`, as the order email's signed link opens one.
async fn verified_cookie(state: &AppState, router: &axum::Router, number: &str) -> String {
    let mut conn = state.db.begin().await.expect("transaction");
    let order = orders::find_by_number(&mut conn, number)
        .await
        .expect("read")
        .expect("demo order");
    let now = jiff::Timestamp::now().as_millisecond();
    let (token, _) = links::mint(&mut conn, 1, order.id, None, now)
        .await
        .expect("link");
    conn.commit().await.expect("commit");
    let (status, cookies) = answer(router, &format!("/o/{token}"), None).await;
    assert_eq!(status, StatusCode::SEE_OTHER, "the link opens the order");
    let cookies = String::from_utf8(cookies).expect("cookies");
    cookies
        .lines()
        .filter_map(|c| c.split(';').next())
        .filter(|c| c.contains("portal_sid="))
        .collect::<Vec<_>>()
        .join("; ")
}

fn percentile(sorted: &[Duration], p: f64) -> Duration {
    let index = ((sorted.len() as f64 - 1.0) * p).round() as usize;
    sorted[index]
}

#[tokio::main(flavor = "current_thread")]
async fn main() {
    let rounds: usize = std::env::args()
        .nth(1)
        .and_then(|n| n.parse().ok())
        .filter(|&n: &usize| n > 0)
        .unwrap_or(1000);
    let dir = tempfile::tempdir().expect("temp dir");
    let settings = Settings {
        data_dir: dir.path().to_path_buf(),
        mail_transport: MailTransport::File,
        outbox_worker: false,
        delay_check_secs: 0,
        ..Settings::default()
    };
    let db = Db::connect(&settings.database_url())
        .await
        .expect("database");
    demo::load(&db, jiff::Timestamp::now())
        .await
        .expect("demo shop");
    estimates::keep_defaults(&db, &settings.shop_time_zone)
        .await
        .expect("processing settings");
    let mailer = Mailer::from_settings(&settings).expect("mailer");
    let mut leptos = cli::leptos_options().expect("leptos options");
    leptos.site_root = dir.path().to_string_lossy().into();
    let state = AppState::new(settings, db, mailer, leptos);
    let router = web::router(state.clone());

    let mut pages = Vec::new();
    for (number, _, _) in demo::sample_orders() {
        let cookie = verified_cookie(&state, &router, &number).await;
        pages.push(Page::new(
            format!("order {number}"),
            format!("/orders/{number}"),
            Some(cookie),
            rounds,
        ));
    }
    let orders = pages.len();
    pages.push(Page::new(
        "lookup page (no read)".into(),
        "/".into(),
        None,
        rounds,
    ));

    // Warm-up: statements prepared, caches filled, allocator settled.
    for _ in 0..20 {
        for page in &mut pages {
            let (status, body) = answer(&router, &page.path, page.cookie.as_deref()).await;
            assert_eq!(status, StatusCode::OK, "{} answers", page.path);
            page.bytes = body.len();
        }
    }
    for _ in 0..rounds {
        for page in &mut pages {
            let (started, cpu) = (Instant::now(), process_cpu());
            let (status, _) = answer(&router, &page.path, page.cookie.as_deref()).await;
            page.cpu.push(process_cpu().saturating_sub(cpu));
            page.wall.push(started.elapsed());
            assert_eq!(status, StatusCode::OK, "{} answers", page.path);
        }
    }

    println!("{rounds} rounds, one request at a time, in process\n");
    println!("| page | bytes | CPU p50 µs | CPU mean µs | wall p50 µs |");
    println!("|---|---:|---:|---:|---:|");
    let micros = |d: Duration| d.as_secs_f64() * 1e6;
    let mean = |times: &[Duration]| times.iter().sum::<Duration>() / times.len() as u32;
    for page in &mut pages {
        page.cpu.sort();
        page.wall.sort();
        println!(
            "| {} | {} | {:.1} | {:.1} | {:.1} |",
            page.name,
            page.bytes,
            micros(percentile(&page.cpu, 0.5)),
            micros(mean(&page.cpu)),
            micros(percentile(&page.wall, 0.5)),
        );
    }
    let orders_cpu: Vec<Duration> = pages[..orders]
        .iter()
        .flat_map(|page| page.cpu.iter().copied())
        .collect();
    let status = micros(mean(&orders_cpu));
    let lookup = micros(mean(&pages[orders].cpu));
    println!(
        "\nstatus pages (all {orders} orders): {status:.1} µs CPU per request on average, \
         {:.2}× the lookup page ({lookup:.1} µs)",
        status / lookup,
    );
}
