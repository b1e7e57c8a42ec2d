//! The HTML shell and the route table.

use crate::ui::layout::Layout;
use crate::ui::pages::{
    AccountLoginPage, AccountPageView, AdminBackorderSettingsPage, AdminCancellationSettingsPage,
    AdminDashboardPage, AdminIntegrationsPage, AdminLoginPage, AdminOrderPage, AdminOrdersPage,
    AdminProcessingSettingsPage, AdminProductPage, AdminProductsPage, AdminReportsPage,
    AdminTeamPage, DelayNoticePage, LinkProblemPage, LookupPage, NotFoundPage, OrderStatusPage,
    SetPasswordPage,
};
use crate::ui::{page_locale, shop_name, PageLocale, ShopName};
use leptos::prelude::*;
use leptos_meta::{provide_meta_context, Html, Title};
use leptos_router::{
    components::{Route, Router, Routes},
    path, SsrMode,
};

/// The document around the app, rendered on the server only.
pub fn shell(options: LeptosOptions) -> impl IntoView {
    let shop = use_context::<ShopName>()
        .map(|ShopName(name)| name)
        .unwrap_or_default();
    view! {
        <!DOCTYPE html>
        <html data-shop=shop>
            <head>
                <meta charset="utf-8"/>
                <meta name="viewport" content="width=device-width, initial-scale=1"/>
                <meta name="color-scheme" content="light"/>
                <link rel="stylesheet" id="leptos" href="/pkg/order-portal.css"/>
                <link rel="icon" type="image/x-icon" href="/favicon.ico"/>
                <HydrationScripts options islands=true/>
                <leptos_meta::MetaTags/>
            </head>
            <body>
                <App/>
            </body>
        </html>
    }
}

#[component]
pub fn App() -> impl IntoView {
    provide_meta_context();
    let locale = page_locale();
    provide_context(PageLocale(locale));
    let texts = locale.texts();
    let shop = shop_name();
    provide_context(ShopName(shop.clone()));

    view! {
        <Html attr:lang=locale.tag()/>
        <Title formatter=move |page: String| {
            let site = if shop.is_empty() { texts.site_tagline.to_string() } else { shop.clone() };
            if page.is_empty() { site } else { format!("{page} · {site}") }
        }/>
        <Router>
            <Layout>
                <Routes fallback=NotFoundPage>
                    <Route path=path!("/") view=LookupPage/>
                    <Route path=path!("/orders/:number") view=OrderStatusPage ssr=SsrMode::Async/>
                    <Route path=path!("/o/:token") view=LinkProblemPage/>
                    <Route path=path!("/n/:token") view=DelayNoticePage ssr=SsrMode::Async/>
                    <Route path=path!("/admin/login") view=AdminLoginPage/>
                    <Route path=path!("/admin") view=AdminDashboardPage ssr=SsrMode::Async/>
                    <Route path=path!("/admin/orders") view=AdminOrdersPage ssr=SsrMode::Async/>
                    <Route path=path!("/admin/orders/:number") view=AdminOrderPage ssr=SsrMode::Async/>
                    <Route path=path!("/admin/team") view=AdminTeamPage ssr=SsrMode::Async/>
                    <Route path=path!("/admin/reports") view=AdminReportsPage ssr=SsrMode::Async/>
                    <Route path=path!("/admin/products") view=AdminProductsPage ssr=SsrMode::Async/>
                    <Route path=path!("/admin/products/:sku") view=AdminProductPage ssr=SsrMode::Async/>
                    <Route path=path!("/admin/settings/integrations") view=AdminIntegrationsPage ssr=SsrMode::Async/>
                    <Route path=path!("/admin/settings/cancellation") view=AdminCancellationSettingsPage ssr=SsrMode::Async/>
                    <Route path=path!("/admin/settings/processing") view=AdminProcessingSettingsPage ssr=SsrMode::Async/>
                    <Route path=path!("/admin/settings/backorders") view=AdminBackorderSettingsPage ssr=SsrMode::Async/>
                    <Route path=path!("/account/login") view=AccountLoginPage/>
                    <Route path=path!("/account") view=AccountPageView ssr=SsrMode::Async/>
                    <Route path=path!("/password/:token") view=SetPasswordPage ssr=SsrMode::Async/>
                </Routes>
            </Layout>
        </Router>
    }
}
