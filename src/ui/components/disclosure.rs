//! A confirmation step that opens in place: a `<details>` disclosure, so it works without
//! JavaScript. It is an island: in the browser it behaves like a small dialog for keyboard
//! users: opening it moves focus to its first control, and Escape closes it and puts focus back
//! on the button that opened it. Its children (the form) stay server-rendered HTML.

use leptos::html;
use leptos::prelude::*;
use leptos::wasm_bindgen::JsCast;

const FIRST_CONTROL: &str =
    "input:not([type=hidden]):not([disabled]), select, textarea, button:not([disabled])";

#[island]
pub fn Disclosure(
    /// The text of the button that opens it.
    #[prop(into)]
    label: String,
    /// Rendered open (after a refused submit, so the error shows in place).
    open: bool,
    children: Children,
) -> impl IntoView {
    let details = NodeRef::<html::Details>::new();
    let summary = NodeRef::<html::Summary>::new();
    let on_toggle = move |_| {
        let Some(details) = details.get_untracked() else {
            return;
        };
        if !details.open() {
            return;
        }
        let first = details.query_selector(FIRST_CONTROL).ok().flatten();
        if let Some(control) = first.and_then(|e| e.dyn_into::<leptos::web_sys::HtmlElement>().ok())
        {
            let _ = control.focus();
        }
    };
    let on_keydown = move |event: leptos::ev::KeyboardEvent| {
        if event.key() != "Escape" {
            return;
        }
        if let Some(details) = details.get_untracked().filter(|d| d.open()) {
            event.prevent_default();
            details.set_open(false);
            if let Some(summary) = summary.get_untracked() {
                let _ = summary.focus();
            }
        }
    };
    view! {
        <details class="confirm" open=open node_ref=details on:toggle=on_toggle on:keydown=on_keydown>
            <summary class="button" node_ref=summary>{label}</summary>
            {children()}
        </details>
    }
}
