use super::{shop_name, use_texts};
use leptos::prelude::*;

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
