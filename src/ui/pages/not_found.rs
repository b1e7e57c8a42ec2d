use crate::ui::use_texts;
use leptos::prelude::*;
use leptos_meta::Title;

/// Rendered by the server's fallback handler, which answers 404.
#[component]
pub fn NotFoundPage() -> impl IntoView {
    let t = use_texts();
    view! {
        <Title text=t.not_found_title/>
        <section class="card narrow">
            <h1>{t.not_found_title}</h1>
            <p>{t.not_found_body}</p>
            <p><a class="button" href="/">{t.go_to_lookup}</a></p>
        </section>
    }
}
