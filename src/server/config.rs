//! Typed settings: built-in defaults, then an optional `portal.toml` (or the file named by
//! `APP_CONFIG`), then `APP_*` environment variables; `DATABASE_URL` picks the database.

use crate::i18n::Locale;
use figment::providers::{Env, Format, Serialized, Toml};
use figment::Figment;
use serde::{Deserialize, Serialize};
use std::fmt;
use std::path::PathBuf;

/// A value that must never appear in logs.
#[derive(Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(transparent)]
pub struct Secret(String);

impl Secret {
    pub fn new(value: impl Into<String>) -> Self {
        Self(value.into())
    }
    pub fn expose(&self) -> &str {
        &self.0
    }
    pub fn is_empty(&self) -> bool {
        self.0.is_empty()
    }
}

impl fmt::Debug for Secret {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(if self.0.is_empty() {
            "\"\""
        } else {
            "[redacted]"
        })
    }
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum LogFormat {
    Text,
    Json,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum MailTransport {
    /// `.eml` files under `<data_dir>/mail/`.
    File,
    Smtp,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum SmtpTls {
    /// Plain connection upgraded with STARTTLS (required).
    Starttls,
    /// TLS from the first byte (port 465).
    Tls,
    /// No encryption: only for a relay on the same host.
    None,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields, default)]
pub struct Settings {
    /// Where the SQLite file and the mail folder live.
    pub data_dir: PathBuf,
    /// `sqlite://…` or `postgres://…`; empty means `<data_dir>/portal.db`.
    pub database_url: Secret,
    /// Base of every link in emails. Never derived from a request's Host header.
    pub public_url: String,
    pub shop_name: String,
    /// The sender of shopper emails.
    pub shop_email: String,
    /// IANA zone used to show shop-local dates.
    pub shop_time_zone: String,
    /// The language of emails to the shop's team (notifications, invitations, password links).
    pub shop_locale: Locale,
    pub link_ttl_days: u32,
    pub session_ttl_days: u32,
    pub log_format: LogFormat,
    /// A tracing filter such as `info` or `order_portal=debug,info`.
    pub log_level: String,
    pub mail_transport: MailTransport,
    pub smtp_host: String,
    pub smtp_port: u16,
    pub smtp_tls: SmtpTls,
    pub smtp_username: String,
    pub smtp_password: Secret,
    pub smtp_timeout_secs: u64,
    /// Run the outbox worker in this instance (turn off for web-only instances).
    pub outbox_worker: bool,
    pub outbox_max_attempts: u32,
    pub outbox_poll_millis: u64,
    /// How often this instance looks for backordered lines that slipped (seconds; 0 turns the
    /// periodic check off — it also runs after every restock-date change).
    pub delay_check_secs: u64,
    /// How long the one-click answers in a delay notice work.
    pub delay_answer_days: u32,
    pub lookup_limit_per_ip: u32,
    pub lookup_limit_per_order: u32,
    pub lookup_window_minutes: u32,
    /// Merchant sign-in attempts per window (`lookup_window_minutes`), per address and account.
    pub login_limit_per_ip: u32,
    pub login_limit_per_account: u32,
    /// Trust the first `X-Forwarded-For` address (only behind a proxy you run).
    pub trust_proxy: bool,
    /// Load the demo shop on start when the database has no orders.
    pub demo_data: bool,
    /// Largest request body the integration API accepts (bytes); larger ones get 413.
    pub api_max_body_bytes: usize,
}

impl Default for Settings {
    fn default() -> Self {
        Self {
            data_dir: PathBuf::from("./data"),
            database_url: Secret::default(),
            public_url: "http://127.0.0.1:3000".into(),
            shop_name: "Fjord & Furu".into(),
            shop_email: "orders@fjordogfuru.example".into(),
            shop_time_zone: "Europe/Oslo".into(),
            shop_locale: Locale::En,
            link_ttl_days: 60,
            session_ttl_days: 30,
            log_format: LogFormat::Text,
            log_level: "info".into(),
            mail_transport: MailTransport::File,
            smtp_host: "localhost".into(),
            smtp_port: 587,
            smtp_tls: SmtpTls::Starttls,
            smtp_username: String::new(),
            smtp_password: Secret::default(),
            smtp_timeout_secs: 20,
            outbox_worker: true,
            outbox_max_attempts: 8,
            outbox_poll_millis: 1000,
            delay_check_secs: 600,
            delay_answer_days: 14,
            lookup_limit_per_ip: 20,
            lookup_limit_per_order: 10,
            lookup_window_minutes: 15,
            login_limit_per_ip: 20,
            login_limit_per_account: 10,
            trust_proxy: false,
            demo_data: false,
            api_max_body_bytes: 1024 * 1024,
        }
    }
}

#[derive(Debug, thiserror::Error)]
pub enum ConfigError {
    #[error("configuration: {0}")]
    Figment(#[from] Box<figment::Error>),
    #[error("configuration: {0}")]
    Invalid(String),
}

impl Settings {
    /// Reads defaults, the optional file and the environment.
    pub fn load() -> Result<Self, ConfigError> {
        let file = std::env::var("APP_CONFIG").unwrap_or_else(|_| "portal.toml".into());
        Self::from_figment(
            Figment::from(Serialized::defaults(Settings::default()))
                .merge(Toml::file(file))
                .merge(Env::prefixed("APP_").filter(|key| Self::is_known(key.as_str())))
                .merge(Env::raw().only(&["database_url"])),
        )
    }

    /// Unrelated `APP_*` variables in the environment are not ours to refuse; unknown keys in
    /// the file are (they are typos).
    fn is_known(key: &str) -> bool {
        let defaults = serde_json::to_value(Settings::default()).unwrap_or_default();
        defaults
            .as_object()
            .is_some_and(|fields| fields.contains_key(&key.to_ascii_lowercase()))
    }

    pub fn from_figment(figment: Figment) -> Result<Self, ConfigError> {
        let settings: Settings = figment.extract().map_err(Box::new)?;
        settings.validate()?;
        Ok(settings)
    }

    fn validate(&self) -> Result<(), ConfigError> {
        let url = self.public_url.trim_end_matches('/');
        if !(url.starts_with("http://") || url.starts_with("https://")) {
            return Err(ConfigError::Invalid(format!(
                "APP_PUBLIC_URL must start with http:// or https:// (got {url:?})"
            )));
        }
        if jiff::tz::TimeZone::get(&self.shop_time_zone).is_err() {
            return Err(ConfigError::Invalid(format!(
                "APP_SHOP_TIME_ZONE {:?} is not an IANA time zone",
                self.shop_time_zone
            )));
        }
        if self.link_ttl_days == 0 || self.outbox_max_attempts == 0 || self.delay_answer_days == 0 {
            return Err(ConfigError::Invalid(
                "APP_LINK_TTL_DAYS, APP_OUTBOX_MAX_ATTEMPTS and APP_DELAY_ANSWER_DAYS must be at \
                 least 1"
                    .into(),
            ));
        }
        Ok(())
    }

    /// The database to use: `DATABASE_URL`, else the SQLite file in the data directory.
    pub fn database_url(&self) -> String {
        if self.database_url.is_empty() {
            format!("sqlite://{}/portal.db?mode=rwc", self.data_dir.display())
        } else {
            self.database_url.expose().to_owned()
        }
    }

    pub fn public_base(&self) -> &str {
        self.public_url.trim_end_matches('/')
    }

    /// Cookies get `Secure` when the portal is served over HTTPS.
    pub fn secure_cookies(&self) -> bool {
        self.public_url.starts_with("https://")
    }

    pub fn mail_dir(&self) -> PathBuf {
        self.data_dir.join("mail")
    }
}

#[cfg(test)]
// figment's `Jail` closures return its own (large) error type.
#[allow(clippy::result_large_err)]
mod tests {
    use super::*;
    use figment::Jail;

    #[test]
    fn environment_overrides_file_which_overrides_defaults() {
        Jail::expect_with(|jail| {
            jail.create_file(
                "portal.toml",
                "shop_name = \"From file\"\nlink_ttl_days = 7\n",
            )?;
            jail.set_env("APP_LINK_TTL_DAYS", "3");
            jail.set_env("DATABASE_URL", "postgres://u:pw@localhost/db");
            let s = Settings::load().expect("loads");
            assert_eq!(s.shop_name, "From file");
            assert_eq!(s.link_ttl_days, 3);
            assert_eq!(s.database_url(), "postgres://u:pw@localhost/db");
            Ok(())
        });
    }

    #[test]
    fn secrets_are_redacted_in_debug_output() {
        let s = Settings {
            smtp_password: Secret::new("hunter2"),
            database_url: Secret::new("postgres://u:pw@h/db"),
            ..Settings::default()
        };
        let shown = format!("{s:?}");
        assert!(!shown.contains("hunter2"));
        assert!(!shown.contains("pw@h"));
    }

    #[test]
    fn a_public_url_without_scheme_is_refused() {
        Jail::expect_with(|jail| {
            jail.set_env("APP_PUBLIC_URL", "shop.example");
            assert!(Settings::load().is_err());
            Ok(())
        });
    }

    #[test]
    fn an_unknown_setting_in_the_file_is_refused() {
        Jail::expect_with(|jail| {
            jail.create_file("portal.toml", "shop_nmae = \"typo\"\n")?;
            assert!(Settings::load().is_err());
            Ok(())
        });
    }
}
