//! The command line of the one binary: `serve` (default), `migrate`, `demo-data`,
//! `user create --email E --role owner|staff`, `token create --name N`, `import FILE`.

use super::config::Settings;
use super::mail::{worker, Mailer};
use super::services::{estimates, integrations, links};
use super::state::AppState;
use super::store::{millis, users, Db};
use super::{demo, passwords, telemetry, web};
use crate::domain::CustomerEmail;
use leptos::config::LeptosOptions;
use std::net::SocketAddr;
use std::process::ExitCode;
use tokio::sync::watch;

const USAGE: &str =
    "usage: order-portal [serve | migrate | demo-data | user create --email E --role owner|staff \
     | token create --name N | import FILE]";

pub async fn main() -> ExitCode {
    let args: Vec<String> = std::env::args().skip(1).collect();
    let settings = match Settings::load() {
        Ok(s) => s,
        Err(e) => {
            eprintln!("{e}");
            return ExitCode::from(2);
        }
    };
    telemetry::init(&settings);
    let words: Vec<&str> = args.iter().map(String::as_str).collect();
    let result = match words.as_slice() {
        [] | ["serve"] => serve(settings).await,
        ["migrate"] => connect(&settings)
            .await
            .map(|_| println!("migrations applied")),
        ["demo-data"] => demo_data(&settings).await,
        ["user", "create", rest @ ..] => create_user(&settings, rest).await,
        ["token", "create", "--name", name] => create_token(&settings, name).await,
        ["import", file] => import(settings, file).await,
        _ => Err(USAGE.into()),
    };
    match result {
        Ok(()) => ExitCode::SUCCESS,
        Err(e) => {
            eprintln!("{e}");
            ExitCode::FAILURE
        }
    }
}

type CliResult = Result<(), String>;

async fn connect(settings: &Settings) -> Result<Db, String> {
    std::fs::create_dir_all(&settings.data_dir)
        .map_err(|e| format!("cannot create {}: {e}", settings.data_dir.display()))?;
    let db = Db::connect(&settings.database_url())
        .await
        .map_err(|e| format!("database: {e}"))?;
    estimates::keep_defaults(&db, &settings.shop_time_zone)
        .await
        .map_err(|e| format!("database: {e}"))?;
    Ok(db)
}

async fn demo_data(settings: &Settings) -> CliResult {
    let db = connect(settings).await?;
    let loaded = demo::load(&db, jiff::Timestamp::now())
        .await
        .map_err(|e| e.to_string())?;
    println!(
        "{}",
        if loaded {
            "demo shop loaded"
        } else {
            "orders exist already; nothing loaded"
        }
    );
    Ok(())
}

async fn create_user(settings: &Settings, args: &[&str]) -> CliResult {
    let value = |flag: &str| args.windows(2).find(|w| w[0] == flag).map(|w| w[1]);
    let email = value("--email").ok_or(USAGE)?;
    let email =
        CustomerEmail::parse(email).map_err(|_| format!("not an email address: {email}"))?;
    let role = value("--role").ok_or(USAGE)?;
    if role != "owner" && role != "staff" {
        return Err("--role must be owner or staff".into());
    }
    let password = match std::env::var("APP_USER_PASSWORD") {
        Ok(p) => p,
        Err(_) => {
            let mut line = String::new();
            std::io::stdin()
                .read_line(&mut line)
                .map_err(|e| e.to_string())?;
            line.trim_end_matches(['\r', '\n']).to_owned()
        }
    };
    if password.chars().count() < 8 || password.chars().count() > 128 {
        return Err("the password must have 8 to 128 characters".into());
    }
    let db = connect(settings).await?;
    let hash = passwords::hash(password).await.map_err(|e| e.to_string())?;
    let mut tx = db.begin().await.map_err(|e| e.to_string())?;
    if users::exists(&mut tx, email.as_str())
        .await
        .map_err(|e| e.to_string())?
    {
        return Err(format!("a user with the email {email} exists already"));
    }
    users::insert(
        &mut tx,
        email.as_str(),
        &hash,
        role,
        millis(jiff::Timestamp::now()),
    )
    .await
    .map_err(|e| e.to_string())?;
    tx.commit().await.map_err(|e| e.to_string())?;
    println!("created {role} {email}");
    Ok(())
}

async fn create_token(settings: &Settings, name: &str) -> CliResult {
    let name = name.trim();
    if name.is_empty() || name.chars().count() > integrations::MAX_NAME {
        return Err(format!(
            "--name must have 1 to {} characters",
            integrations::MAX_NAME
        ));
    }
    let db = connect(settings).await?;
    let (_, token) = integrations::create_token(&db, name, millis(jiff::Timestamp::now()))
        .await
        .map_err(|e| e.to_string())?;
    eprintln!("API token \"{name}\" created. It is shown only now; store it safely:");
    println!("{token}");
    Ok(())
}

async fn import(settings: Settings, file: &str) -> CliResult {
    use std::io::{BufRead, BufReader, IsTerminal, Write};
    let open = || std::fs::File::open(file).map_err(|e| format!("cannot read {file}: {e}"));
    let total = BufReader::new(open()?)
        .lines()
        .map_while(Result::ok)
        .filter(|l| !l.trim().is_empty())
        .count();
    let db = connect(&settings).await?;
    let mailer = Mailer::from_settings(&settings).map_err(|e| e.to_string())?;
    let state = AppState::new(settings, db, mailer, leptos_options()?);
    let terminal = std::io::stderr().is_terminal();
    let mut shown = 0;
    let progress = |done: usize| {
        let percent = (done * 100).checked_div(total).unwrap_or(100);
        if terminal {
            let bar = "#".repeat(percent / 4) + &"-".repeat(25 - percent / 4);
            eprint!("\r[{bar}] {done}/{total} ({percent}%)");
            let _ = std::io::stderr().flush();
        } else if percent >= shown + 10 || done == total {
            shown = percent - percent % 10;
            eprintln!("{done}/{total} ({percent}%)");
        }
    };
    let summary = crate::server::rest::import::run(&state, BufReader::new(open()?), progress)
        .await
        .map_err(|e| format!("cannot read {file}: {e}"))?;
    if terminal {
        eprintln!();
    }
    println!(
        "created {}, updated {}, unchanged {}, rejected {}",
        summary.created,
        summary.updated,
        summary.unchanged,
        summary.rejected.len()
    );
    for (line, reason) in &summary.rejected {
        println!("  line {line}: {reason}");
    }
    if summary.rejected.is_empty() {
        Ok(())
    } else {
        Err(format!(
            "{} lines were not imported",
            summary.rejected.len()
        ))
    }
}

/// Leptos settings from the environment cargo-leptos sets (`LEPTOS_*`), with the defaults of
/// Cargo.toml when the binary runs on its own.
pub fn leptos_options() -> Result<LeptosOptions, String> {
    let env = |key: &str, default: &str| std::env::var(key).unwrap_or_else(|_| default.to_owned());
    let addr: SocketAddr = env("LEPTOS_SITE_ADDR", "127.0.0.1:3000")
        .parse()
        .map_err(|e| format!("LEPTOS_SITE_ADDR: {e}"))?;
    Ok(LeptosOptions::builder()
        .output_name(env("LEPTOS_OUTPUT_NAME", "order-portal"))
        .site_root(env("LEPTOS_SITE_ROOT", "target/site"))
        .site_pkg_dir(env("LEPTOS_SITE_PKG_DIR", "pkg"))
        .site_addr(addr)
        .build())
}

async fn serve(settings: Settings) -> CliResult {
    let db = connect(&settings).await?;
    if settings.demo_data {
        demo::load(&db, jiff::Timestamp::now())
            .await
            .map_err(|e| e.to_string())?;
    }
    let mailer = Mailer::from_settings(&settings).map_err(|e| e.to_string())?;
    let leptos = leptos_options()?;
    let addr = leptos.site_addr;
    let state = AppState::new(settings, db, mailer, leptos);
    let listener = tokio::net::TcpListener::bind(addr)
        .await
        .map_err(|e| format!("cannot listen on {addr}: {e}"))?;
    if state.settings.demo_data {
        print_demo_help(&state).await;
    }
    tracing::info!(%addr, engine = state.db.engine().name(), "order portal listening");
    run(state, listener, shutdown_signal()).await
}

/// Serves until `shutdown` resolves, with the outbox worker and the periodic delay check
/// alongside.
pub async fn run(
    state: AppState,
    listener: tokio::net::TcpListener,
    shutdown: impl std::future::Future<Output = ()> + Send + 'static,
) -> CliResult {
    let (stop_tx, stop_rx) = watch::channel(false);
    let worker = state
        .settings
        .outbox_worker
        .then(|| tokio::spawn(worker::run(state.clone(), stop_rx.clone())));
    let delay_check = (state.settings.delay_check_secs > 0).then(|| {
        tokio::spawn(crate::server::services::delay_notices::run(
            state.clone(),
            stop_rx,
        ))
    });
    let app = web::router(state.clone());
    // Answers go out as soon as they are written: without TCP_NODELAY a response written in two
    // parts (headers, then a file body) waits for the client's delayed ACK (~40 ms).
    let listener = axum::serve::ListenerExt::tap_io(listener, |socket| {
        if let Err(e) = socket.set_nodelay(true) {
            tracing::warn!(error = %e, "could not set TCP_NODELAY");
        }
    });
    let served = axum::serve(
        listener,
        app.into_make_service_with_connect_info::<SocketAddr>(),
    )
    .with_graceful_shutdown(shutdown)
    .await
    .map_err(|e| e.to_string());
    let _ = stop_tx.send(true);
    for job in [worker, delay_check].into_iter().flatten() {
        let _ = job.await;
    }
    state.db.close().await;
    served
}

async fn shutdown_signal() {
    let ctrl_c = async {
        let _ = tokio::signal::ctrl_c().await;
    };
    let term = async {
        match tokio::signal::unix::signal(tokio::signal::unix::SignalKind::terminate()) {
            Ok(mut s) => {
                s.recv().await;
            }
            Err(_) => std::future::pending::<()>().await,
        }
    };
    tokio::select! { _ = ctrl_c => {}, _ = term => {} }
    tracing::info!("shutting down");
}

async fn print_demo_help(state: &AppState) {
    let base = state.settings.public_base().to_owned();
    println!("\n  Order portal running at {base}/\n");
    println!("  Look up a demo order with its number and email:");
    for (number, email, what) in demo::sample_orders() {
        println!("    {number:<6} {email:<28} {what}");
    }
    // Fresh signed links, as the order emails carry them (see data/mail/ for the emails).
    if let Ok(mut conn) = state.db.begin().await {
        let now = millis(state.now());
        let mut shown = Vec::new();
        for number in ["1001", "1012"] {
            if let Ok(Some(order)) = super::store::orders::find_by_number(&mut conn, number).await {
                if let Ok((token, _)) = links::mint(&mut conn, 1, order.id, None, now).await {
                    shown.push(format!("    {number:<6} {base}/o/{token}"));
                }
            }
        }
        if conn.commit().await.is_ok() && !shown.is_empty() {
            println!("\n  Or open an order as its shopper (signed links, valid for a day):");
            shown.iter().for_each(|line| println!("{line}"));
        }
    }
    println!(
        "\n  Merchant login: {}  password: {}",
        demo::OWNER_EMAIL,
        demo::OWNER_PASSWORD
    );
    println!(
        "  Emails that would have been sent: {}\n",
        state.settings.mail_dir().display()
    );
}
