//! Order self-service portal: shoppers track, cancel and adjust orders; merchants set the rules.
//!
//! `domain` holds the pure rules (both targets), `api` the server functions and view types,
//! `ui` the Leptos pages, and `server` — the one `ssr` fence — everything that touches I/O.

pub mod api;
pub mod app;
pub mod domain;
pub mod i18n;
pub mod ui;

#[cfg(feature = "ssr")]
pub mod server;

#[cfg(feature = "hydrate")]
#[wasm_bindgen::prelude::wasm_bindgen]
pub fn hydrate() {
    console_error_panic_hook::set_once();
    leptos::mount::hydrate_body(app::App);
}
