//! The console's navigation, the same on every page; the current section is marked.

use crate::ui::use_texts;
use leptos::prelude::*;

#[component]
pub fn AdminNav(current: &'static str) -> impl IntoView {
    let t = use_texts();
    let links = [
        ("/admin", t.admin_nav_overview),
        ("/admin/orders", t.admin_nav_orders),
        ("/admin/products", t.admin_nav_products),
        ("/admin/reports", t.admin_nav_reports),
        ("/admin/team", t.admin_nav_team),
        ("/admin/settings/cancellation", t.admin_nav_cancellation),
        ("/admin/settings/processing", t.admin_nav_processing),
        ("/admin/settings/backorders", t.admin_nav_backorders),
        ("/admin/settings/integrations", t.admin_nav_integrations),
    ]
    .into_iter()
    .map(|(href, label)| {
        let here = (href == current).then_some("page");
        view! { <a href=href aria-current=here>{label}</a> }
    })
    .collect_view();
    view! { <nav class="admin-nav" aria-label=t.admin_nav_label>{links}</nav> }
}
