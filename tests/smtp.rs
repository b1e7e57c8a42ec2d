//! The confirmation email travels over real SMTP to a local sink.
#![cfg(feature = "ssr")]

mod common;

use common::{smtp_sink, spawn_app_with, Engine};
use order_portal::server::config::{MailTransport, SmtpTls};
use std::time::Duration;

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn confirmations_are_delivered_over_smtp() {
    let (port, mut inbox) = smtp_sink::start().await;
    let app = spawn_app_with(Engine::Sqlite, |s| {
        s.mail_transport = MailTransport::Smtp;
        s.smtp_host = "127.0.0.1".into();
        s.smtp_port = port;
        s.smtp_tls = SmtpTls::None;
    })
    .await;
    app.drain_outbox().await;

    let mut received = Vec::new();
    while let Ok(Some(mail)) = tokio::time::timeout(Duration::from_secs(5), inbox.recv()).await {
        received.push(mail);
        if received.len() == 30 {
            break;
        }
    }
    assert_eq!(received.len(), 30, "one message per demo order");
    let kari = received
        .iter()
        .find(|m| {
            common::subject_decoded(&m.data).contains("Subject: Bestilling 1001 er bekreftet")
        })
        .expect("1001's confirmation arrived");
    assert_eq!(kari.to, vec!["<kari.nordmann@example.no>".to_string()]);
    assert!(kari.from.contains("orders@fjordogfuru.example"));
    assert!(kari.data.contains("Message-ID: <"));
    assert!(kari.data.contains("http://portal.test/o/"));
    let mut conn = app.state.db.read().await.unwrap();
    let sent = order_portal::server::store::outbox::count_by_status(&mut conn, "sent")
        .await
        .unwrap();
    assert_eq!(sent, 30);
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn an_unreachable_smtp_server_leaves_mail_queued_for_retry() {
    let closed_port = {
        let l = std::net::TcpListener::bind("127.0.0.1:0").unwrap();
        l.local_addr().unwrap().port()
    };
    let app = spawn_app_with(Engine::Sqlite, |s| {
        s.mail_transport = MailTransport::Smtp;
        s.smtp_host = "127.0.0.1".into();
        s.smtp_port = closed_port;
        s.smtp_tls = SmtpTls::None;
        s.smtp_timeout_secs = 2;
    })
    .await;
    app.drain_outbox().await;
    let rows: Vec<(String, i64)> = sqlx::query_as("SELECT status, attempts FROM outbox")
        .fetch_all(app.state.db.pool())
        .await
        .unwrap();
    assert_eq!(rows.len(), 30);
    assert!(
        rows.iter()
            .all(|(status, attempts)| status == "pending" && *attempts == 1),
        "{rows:?}"
    );
}
