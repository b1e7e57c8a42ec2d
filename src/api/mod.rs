//! Server functions: thin public endpoints (authorize -> parse -> service -> view type), and the
//! view types they return. Bodies run only on the server; the browser gets typed stubs.

pub mod account;
pub mod admin;
pub mod admin_order;
pub mod error;
pub mod integrations;
pub mod lookup;
pub mod order;
pub mod settings;
pub mod team;
pub mod views;

pub use error::{AppError, Field};

/// Where a form about one order returns to: `{base}/{number}{query}`, with the number as the
/// domain normalises it (never raw input in a Location header); `base` when it does not parse.
#[cfg(feature = "ssr")]
fn order_redirect(base: &str, number: &str, query: &str) -> String {
    match crate::domain::OrderNumber::parse(number) {
        Ok(number) => format!("{base}/{}{query}", number.as_str()),
        Err(_) => base.to_owned(),
    }
}
