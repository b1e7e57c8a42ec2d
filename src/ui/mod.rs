//! Leptos pages and components. Every visible string comes from `use_texts()`.

pub mod components;
pub mod layout;
pub mod pages;

use crate::i18n::{Locale, Texts};
use leptos::prelude::*;

/// The locale the page is rendered in. The server decides it per request (the order's locale on
/// order pages, then Accept-Language) and writes it into `<html lang>`. Pages render on the
/// server only; islands get their words as props.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct PageLocale(pub Locale);

pub fn page_locale() -> Locale {
    use_context::<PageLocale>()
        .map(|PageLocale(locale)| locale)
        .unwrap_or_default()
}

/// The shop's name for the header and titles, provided by the server (the shell also writes it
/// into `<html data-shop>`).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ShopName(pub String);

pub fn shop_name() -> String {
    use_context::<ShopName>()
        .map(|ShopName(name)| name)
        .unwrap_or_default()
}

pub fn use_texts() -> &'static Texts {
    page_locale().texts()
}
