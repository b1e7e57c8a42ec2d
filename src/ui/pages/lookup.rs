use crate::ui::components::LookupForm;
use crate::ui::use_texts;
use leptos::prelude::*;
use leptos_meta::Title;

/// `/`: order number + email.
#[component]
pub fn LookupPage() -> impl IntoView {
    let t = use_texts();
    view! {
        <Title text=t.lookup_title/>
        <section class="card narrow">
            <h1>{t.lookup_title}</h1>
            <p class="lead">{t.lookup_intro}</p>
            <LookupForm prefill_number=None/>
            <p class="muted small">{t.lookup_privacy_note}</p>
        </section>
    }
}
