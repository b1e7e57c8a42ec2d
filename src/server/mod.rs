//! Everything that touches I/O. This module is the one `ssr` fence: nothing outside it reads the
//! clock, the database, the network or the file system.

pub mod cli;
pub mod config;
pub mod demo;
pub mod mail;
pub mod passwords;
pub mod rest;
pub mod services;
pub mod state;
pub mod store;
pub mod telemetry;
pub mod tokens;
pub mod web;
pub mod webhooks;

pub use config::Settings;
pub use state::AppState;
