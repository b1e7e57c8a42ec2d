//! Email: two transports (`.eml` files by default, or SMTP), the templates, and the outbox
//! worker that delivers queued messages.

mod account_email;
pub mod outbox_email;
mod shop_email;
pub mod templates;
pub mod worker;

use crate::server::config::{MailTransport, Settings, SmtpTls};
use lettre::transport::smtp::authentication::Credentials;
use lettre::{AsyncFileTransport, AsyncSmtpTransport, AsyncTransport, Message, Tokio1Executor};
use std::time::Duration;

#[derive(Clone)]
pub enum Mailer {
    File(AsyncFileTransport<Tokio1Executor>),
    Smtp(AsyncSmtpTransport<Tokio1Executor>),
}

impl std::fmt::Debug for Mailer {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(match self {
            Mailer::File(_) => "Mailer::File",
            Mailer::Smtp(_) => "Mailer::Smtp",
        })
    }
}

#[derive(Debug, thiserror::Error)]
pub enum MailError {
    #[error("mail setup: {0}")]
    Setup(String),
    #[error("sending failed: {0}")]
    Send(String),
}

impl Mailer {
    pub fn from_settings(settings: &Settings) -> Result<Self, MailError> {
        match settings.mail_transport {
            MailTransport::File => {
                let dir = settings.mail_dir();
                std::fs::create_dir_all(&dir)
                    .map_err(|e| MailError::Setup(format!("{}: {e}", dir.display())))?;
                Ok(Mailer::File(AsyncFileTransport::new(dir)))
            }
            MailTransport::Smtp => {
                let host = settings.smtp_host.as_str();
                let builder = match settings.smtp_tls {
                    SmtpTls::Starttls => AsyncSmtpTransport::<Tokio1Executor>::starttls_relay(host),
                    SmtpTls::Tls => AsyncSmtpTransport::<Tokio1Executor>::relay(host),
                    SmtpTls::None => Ok(AsyncSmtpTransport::<Tokio1Executor>::builder_dangerous(
                        host,
                    )),
                }
                .map_err(|e| MailError::Setup(e.to_string()))?;
                let mut builder = builder
                    .port(settings.smtp_port)
                    .timeout(Some(Duration::from_secs(settings.smtp_timeout_secs)));
                if !settings.smtp_username.is_empty() {
                    builder = builder.credentials(Credentials::new(
                        settings.smtp_username.clone(),
                        settings.smtp_password.expose().to_owned(),
                    ));
                }
                Ok(Mailer::Smtp(builder.build()))
            }
        }
    }

    pub async fn send(&self, message: Message) -> Result<(), MailError> {
        match self {
            Mailer::File(t) => t
                .send(message)
                .await
                .map(drop)
                .map_err(|e| MailError::Send(e.to_string())),
            Mailer::Smtp(t) => t
                .send(message)
                .await
                .map(drop)
                .map_err(|e| MailError::Send(e.to_string())),
        }
    }
}
