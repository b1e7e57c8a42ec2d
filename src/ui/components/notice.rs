use leptos::prelude::*;

/// A message box; `alert` ones are announced by screen readers when they appear.
#[component]
pub fn Notice(
    #[prop(default = "info")] tone: &'static str,
    #[prop(optional)] alert: bool,
    children: Children,
) -> impl IntoView {
    view! {
        <div class=format!("notice notice-{tone}") role=alert.then_some("alert")>
            {children()}
        </div>
    }
}
