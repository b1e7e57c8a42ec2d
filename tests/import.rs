//! `import FILE` and `token create`: through the library on both engines, and through the real
//! binary (progress, summary, exit code) on SQLite.
#![cfg(feature = "ssr")]

mod common;

use common::{spawn_app, Engine};
use order_portal::server::rest::import;
use std::process::Command;

fn order_line(number: &str, quantity: i64) -> String {
    serde_json::json!({
        "number": number,
        "customer": {"email": "eva.lund@example.no", "name": "Eva Lund"},
        "locale": "nb", "currency": "NOK", "placed_at": "2026-10-02T12:00:00Z",
        "payment_status": "paid", "shipping_method": "standard",
        "lines": [{"sku": "FF-MUG-01", "title": "Stoneware mug", "quantity": quantity, "unit_price": 24900}]
    })
    .to_string()
}

fn file() -> String {
    [
        order_line("4001", 1),
        String::new(),
        order_line("4002", 2),
        "{\"number\": \"4003\", \"customer\": ".into(),
        order_line("4004", 0),
        order_line("bad number!", 1),
        order_line("4001", 1).replace("\"number\"", "\"colour\": \"red\", \"number\""),
    ]
    .join("\n")
}

both_engines! {
    async fn an_import_reports_each_bad_line_and_repeats_without_change(engine: Engine) {
        let app = spawn_app(engine).await;
        app.drain_outbox().await;
        let mails_before = app.sent_emails().len();
        let mut seen = Vec::new();
        let summary = import::run(&app.state, file().as_bytes(), |done| seen.push(done)).await.unwrap();
        assert_eq!((summary.created, summary.updated, summary.unchanged), (2, 0, 0));
        let lines: Vec<usize> = summary.rejected.iter().map(|(line, _)| *line).collect();
        assert_eq!(lines, vec![4, 5, 6, 7], "{:?}", summary.rejected);
        assert!(summary.rejected[0].1.contains("not valid JSON"));
        assert!(summary.rejected[1].1.contains("lines[0].quantity"));
        assert!(summary.rejected[2].1.starts_with("number"));
        assert!(summary.rejected[3].1.contains("unknown field `colour`"));
        assert_eq!(seen, vec![1, 2, 3, 4, 5, 6], "progress after every line");

        let again = import::run(&app.state, file().as_bytes(), |_| {}).await.unwrap();
        assert_eq!((again.created, again.updated, again.unchanged), (0, 0, 2), "nothing changes");
        let versions: Vec<i64> = sqlx::query_scalar("SELECT version FROM orders WHERE number IN ('4001', '4002')")
            .fetch_all(app.state.db.pool()).await.unwrap();
        assert_eq!(versions, vec![1, 1]);
        app.drain_outbox().await;
        assert_eq!(app.sent_emails().len(), mails_before, "imported orders are not confirmed again");
    }
}

#[test]
fn the_binary_creates_tokens_and_imports_with_a_summary() {
    let dir = tempfile::tempdir().unwrap();
    let run = |args: &[&str]| {
        Command::new(env!("CARGO_BIN_EXE_order-portal"))
            .args(args)
            .env("APP_DATA_DIR", dir.path())
            .env("APP_LOG_LEVEL", "warn")
            .env_remove("DATABASE_URL")
            .output()
            .expect("the binary runs")
    };
    let token = run(&["token", "create", "--name", "ERP"]);
    assert!(
        token.status.success(),
        "{}",
        String::from_utf8_lossy(&token.stderr)
    );
    let printed = String::from_utf8(token.stdout).unwrap();
    assert!(
        printed.trim().starts_with("opk_") && printed.trim().len() == 47,
        "{printed}"
    );
    assert!(!run(&["token", "create", "--name", ""]).status.success());

    let path = dir.path().join("orders.jsonl");
    std::fs::write(&path, file()).unwrap();
    let first = run(&["import", path.to_str().unwrap()]);
    let out = String::from_utf8(first.stdout).unwrap();
    let err = String::from_utf8(first.stderr).unwrap();
    assert_eq!(
        first.status.code(),
        Some(1),
        "rejections make the exit code 1: {out} {err}"
    );
    assert!(
        out.contains("created 2, updated 0, unchanged 0, rejected 4"),
        "{out}"
    );
    assert!(out.contains("line 5: lines[0].quantity"), "{out}");
    assert!(err.contains("6/6 (100%)"), "progress is shown: {err}");
    let second = run(&["import", path.to_str().unwrap()]);
    assert!(String::from_utf8(second.stdout)
        .unwrap()
        .contains("created 0, updated 0, unchanged 2"));
    let missing = run(&["import", "/no/such/file.jsonl"]);
    assert!(!missing.status.success());
    assert!(String::from_utf8(missing.stderr)
        .unwrap()
        .contains("cannot read"));
}
