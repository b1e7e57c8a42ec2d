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
    use leptos::prelude::{document, set_timeout};
    console_error_panic_hook::set_once();
    // Pages are server-rendered; this starts the reactive runtime, and the island script then
    // hydrates each `#[island]` on the page (forms are plain HTML forms and need no code).
    leptos::mount::hydrate_islands();
    // The islands hydrate right after this returns, within the same task; a timeout runs after
    // them and marks the page live, so tests can tell a page whose islands work from plain HTML.
    set_timeout(
        || {
            if let Some(body) = document().body() {
                let _ = body.set_attribute("data-hydrated", "true");
            }
        },
        std::time::Duration::ZERO,
    );
}
