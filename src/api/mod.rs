//! Server functions: thin public endpoints (authorize -> parse -> service -> view type), and the
//! view types they return. Bodies run only on the server; the browser gets typed stubs.

pub mod account;
pub mod admin;
pub mod admin_order;
pub mod error;
pub mod lookup;
pub mod order;
pub mod team;
pub mod views;

pub use error::{AppError, Field};
