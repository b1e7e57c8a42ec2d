use crate::i18n::fill;
use crate::ui::use_texts;
use leptos::prelude::*;
use leptos_meta::Title;

/// Why a signed link could not be used; the server provides it when rendering `/o/{token}`.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum LinkProblem {
    Invalid,
    Expired,
}

/// The request id shown when the link could not be checked at all (a server fault).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct LinkFailure(pub String);

/// `/o/{token}` when the token is unknown, tampered with or expired. A working link never
/// renders this page: the server exchanges it for a session and redirects.
#[component]
pub fn LinkProblemPage() -> impl IntoView {
    let t = use_texts();
    let problem = use_context::<LinkProblem>().unwrap_or(LinkProblem::Invalid);
    let failure = use_context::<LinkFailure>();
    let (title, body) = match (&failure, problem) {
        (Some(_), _) => (t.error_title, t.error_body),
        (None, LinkProblem::Invalid) => (t.link_invalid_title, t.link_invalid_body),
        (None, LinkProblem::Expired) => (t.link_expired_title, t.link_expired_body),
    };
    let reference = failure.map(|LinkFailure(id)| {
        view! { <p class="muted small">{fill(t.error_reference, &[("id", &id)])}</p> }
    });
    view! {
        <Title text=title/>
        <section class="card narrow">
            <h1>{title}</h1>
            <p>{body}</p>
            {reference}
            <p><a class="button" href="/">{t.link_lookup_instead}</a></p>
        </section>
    }
}
