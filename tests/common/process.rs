//! The real portal binary as a separate process, for tests about what only processes show:
//! several instances on one database, and being killed mid-write.

use std::path::Path;
use std::process::{Child, Command, Stdio};
use std::time::Duration;

/// One running portal process; killed when dropped.
pub struct Instance {
    pub child: Child,
    pub base: String,
}

impl Drop for Instance {
    fn drop(&mut self) {
        let _ = self.child.kill();
        let _ = self.child.wait();
    }
}

impl Instance {
    pub fn url(&self, path: &str) -> String {
        format!("{}{path}", self.base)
    }
}

pub fn free_port() -> u16 {
    std::net::TcpListener::bind("127.0.0.1:0")
        .and_then(|l| l.local_addr())
        .expect("free port")
        .port()
}

/// The portal binary with the settings both instances share.
pub fn portal(database_url: &str, data_dir: &Path, smtp_port: u16) -> Command {
    let mut command = Command::new(env!("CARGO_BIN_EXE_order-portal"));
    command
        .env_clear()
        .env("PATH", std::env::var("PATH").unwrap_or_default())
        .env("DATABASE_URL", database_url)
        .env("APP_DATA_DIR", data_dir)
        .env("APP_PUBLIC_URL", "http://portal.test")
        .env("APP_MAIL_TRANSPORT", "smtp")
        .env("APP_SMTP_HOST", "127.0.0.1")
        .env("APP_SMTP_PORT", smtp_port.to_string())
        .env("APP_SMTP_TLS", "none")
        // The local sink answers at once; a short timeout keeps the outbox lease short (8 s),
        // so a killed instance's claimed emails are taken over quickly.
        .env("APP_SMTP_TIMEOUT_SECS", "1")
        .env("APP_OUTBOX_POLL_MILLIS", "50")
        .env("APP_DELAY_CHECK_SECS", "1")
        .env("APP_LOOKUP_LIMIT_PER_ORDER", "6")
        .env("APP_LOG_LEVEL", "warn")
        .env("LEPTOS_SITE_ROOT", data_dir);
    command
}

pub async fn start(mut command: Command, dir: &Path, name: &str, demo: bool) -> Instance {
    let port = free_port();
    let log = std::fs::File::create(dir.join(format!("{name}.log"))).expect("log file");
    let child = command
        .env("LEPTOS_SITE_ADDR", format!("127.0.0.1:{port}"))
        .env("APP_DEMO_DATA", demo.to_string())
        .stdout(Stdio::null())
        .stderr(log)
        .spawn()
        .expect("start the portal binary");
    let instance = Instance {
        child,
        base: format!("http://127.0.0.1:{port}"),
    };
    let client = super::api_client();
    for _ in 0..300 {
        if let Ok(response) = client.get(instance.url("/readyz")).send().await {
            if response.status().is_success() {
                return instance;
            }
        }
        tokio::time::sleep(Duration::from_millis(100)).await;
    }
    let log = std::fs::read_to_string(dir.join(format!("{name}.log"))).unwrap_or_default();
    panic!("instance {name} did not become ready:\n{log}");
}

/// An API token made with the binary's own `token create`, as an operator would.
pub fn api_token(mut command: Command) -> String {
    let output = command
        .args(["token", "create", "--name", "ERP"])
        .output()
        .expect("token create");
    assert!(output.status.success(), "{output:?}");
    String::from_utf8(output.stdout)
        .expect("utf-8")
        .trim()
        .to_owned()
}
