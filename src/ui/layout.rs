use super::{page_locale, shop_name, use_texts};
use crate::i18n::Locale;
use leptos::prelude::*;
use leptos_router::hooks::use_location;

/// Header, main landmark and footer around every page.
#[component]
pub fn Layout(children: Children) -> impl IntoView {
    let t = use_texts();
    let shop = shop_name();
    view! {
        <a class="skip-link" href="#main">{t.skip_to_content}</a>
        <header class="site-header">
            <div class="wrap">
                <a class="brand" href="/">
                    <span class="brand-mark" aria-hidden="true">"◆"</span>
                    <span class="brand-text">{shop}</span>
                    <span class="brand-tagline">{t.site_tagline}</span>
                </a>
                <LanguageSwitcher/>
            </div>
        </header>
        <main id="main" class="wrap" tabindex="-1">
            {children()}
        </main>
        <footer class="site-footer">
            <div class="wrap"><p>{t.footer_note}</p></div>
        </footer>
    }
}

/// Plain links to the same page in each language: they work without JavaScript, and the
/// server remembers the choice in a cookie. `rel="external"` makes the router load the page
/// from the server, which renders it in the chosen language.
#[component]
fn LanguageSwitcher() -> impl IntoView {
    let t = use_texts();
    let current = page_locale();
    let path = use_location().pathname;
    let links = Locale::ALL
        .into_iter()
        .map(|locale| {
            let href = move || format!("{}?lang={}", path.get(), locale.tag());
            let is_current = locale == current;
            view! {
                <li>
                    <a
                        href=href
                        rel="external"
                        lang=locale.tag()
                        hreflang=locale.tag()
                        aria-current=is_current.then_some("true")
                    >
                        {locale.texts().language_name}
                    </a>
                </li>
            }
        })
        .collect_view();
    view! {
        <nav class="language-switcher" aria-label=t.language_label>
            <ul>{links}</ul>
        </nav>
    }
}
