use crate::api::admin::{admin_dashboard, AdminLogout, Dashboard};
use crate::i18n::fill;
use crate::ui::use_texts;
use leptos::prelude::*;
use leptos_meta::Title;

/// `/admin`: counts of the orders that need attention. Signed-out visitors go to the sign-in.
#[component]
pub fn AdminDashboardPage() -> impl IntoView {
    let t = use_texts();
    let dashboard = Resource::new(|| (), |_| admin_dashboard());
    view! {
        <Title text=t.admin_dashboard_title/>
        {super::admin_loaded(dashboard, move |d| view! { <Overview dashboard=d/> })}
    }
}

#[component]
fn Overview(dashboard: Dashboard) -> impl IntoView {
    let t = use_texts();
    let logout = ServerAction::<AdminLogout>::new();
    let c = dashboard.counts;
    let tiles = [
        (t.admin_count_open, c.open),
        (t.admin_count_unfulfilled, c.unfulfilled),
        (t.admin_count_backordered, c.backordered),
        (t.admin_count_on_hold, c.on_hold),
        (t.admin_count_requests, c.cancellation_requests),
    ]
    .into_iter()
    .map(|(label, n)| view! { <li class="tile"><span class="tile-number">{n}</span><span class="tile-label">{label}</span></li> })
    .collect_view();
    let signed_in = fill(
        t.admin_signed_in_as,
        &[
            ("email", &dashboard.email),
            ("role", dashboard.role.as_str()),
        ],
    );
    view! {
        <div class="admin-head">
            <h1>{t.admin_dashboard_title}</h1>
            <p class="muted">{signed_in}</p>
            <ActionForm action=logout>
                <button type="submit" class="button">{t.admin_logout}</button>
            </ActionForm>
        </div>
        <super::AdminNav current="/admin"/>
        <ul class="tiles" data-testid="counts">{tiles}</ul>
    }
}
