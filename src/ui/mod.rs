//! Leptos pages and components. Every visible string comes from `use_texts()`.

pub mod components;
pub mod layout;
pub mod pages;

use crate::i18n::{Locale, Texts};
use leptos::prelude::*;

/// The locale the page is rendered in. The server decides it per request (the order's locale on
/// order pages, then Accept-Language) and writes it into `<html lang>`; the browser reads it back
/// from there so hydration renders the same words.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct PageLocale(pub Locale);

pub fn page_locale() -> Locale {
    if let Some(PageLocale(locale)) = use_context::<PageLocale>() {
        return locale;
    }
    html_attribute("lang")
        .and_then(|tag| Locale::parse(&tag))
        .unwrap_or_default()
}

/// The shop's name for the header and titles: provided by the server, written into
/// `<html data-shop>` by the shell and read back from there in the browser.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ShopName(pub String);

pub fn shop_name() -> String {
    if let Some(ShopName(name)) = use_context::<ShopName>() {
        return name;
    }
    html_attribute("data-shop").unwrap_or_default()
}

/// An attribute of `<html>` as the server wrote it; only the browser has a document to read.
fn html_attribute(name: &str) -> Option<String> {
    if cfg!(target_arch = "wasm32") {
        document().document_element()?.get_attribute(name)
    } else {
        None
    }
}

pub fn use_texts() -> &'static Texts {
    page_locale().texts()
}
