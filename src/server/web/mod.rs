//! HTTP: the router, per-request context for server functions, and the few plain handlers.

mod completion;
pub mod cookie;
mod ctx;
mod fn_status;
mod health;
mod kept_input;
mod link;
mod locale;
mod request_id;
mod security;

pub use ctx::Ctx;

use crate::app::{shell, App};
use crate::server::state::AppState;
use crate::ui::components::KeptInput;
use crate::ui::{PageLocale, ShopName};
use axum::routing::get;
use axum::{middleware, Router};
use http::header::HeaderValue;
use leptos::prelude::*;
use leptos_axum::{generate_route_list_with_exclusions, AxumRouteListing, LeptosRoutes};
use std::sync::LazyLock;
use tower::ServiceBuilder;
use tower_http::catch_panic::CatchPanicLayer;
use tower_http::limit::RequestBodyLimitLayer;
use tower_http::request_id::{PropagateRequestIdLayer, SetRequestIdLayer};
use tower_http::trace::TraceLayer;

/// Request bodies beyond this are refused with 413 before any handler runs.
const MAX_BODY_BYTES: usize = 64 * 1024;

/// Makes the shop name and the page locale chosen by the middleware visible to components.
pub(crate) fn page_context() {
    if let Some(state) = use_context::<AppState>() {
        provide_context(ShopName(state.settings.shop_name.clone()));
    }
    if let Some(parts) = use_context::<http::request::Parts>() {
        if let Some(locale) = parts.extensions.get::<PageLocale>() {
            provide_context(*locale);
        }
        if let Some(kept) = parts.extensions.get::<KeptInput>() {
            provide_context(kept.clone());
        }
    }
    // Rendered pages carry inline hydration scripts marked with this response's nonce.
    if let (Some(nonce), Some(response)) = (
        leptos::nonce::use_nonce(),
        use_context::<leptos_axum::ResponseOptions>(),
    ) {
        if let Ok(value) = HeaderValue::from_str(&security::page_csp(&nonce.to_string())) {
            response.insert_header(http::header::CONTENT_SECURITY_POLICY, value);
        }
    }
}

/// The app's page routes, found by rendering the app once — once per process.
///
/// While Leptos renders the app to list its routes it sets a flag for the whole process that
/// turns every resource first polled meanwhile, on any thread, into one that never resolves
/// (leptos_server 0.8 `SuppressResourceLoad`). A page being rendered for a visitor at that
/// moment would never be answered. A server builds its router before it serves, so one server
/// per process is safe either way; several in one process (the test suite runs one per test,
/// in parallel) must not list the routes while another serves pages. Listing them once, with
/// every later router waiting for that first listing, makes that impossible.
static PAGE_ROUTES: LazyLock<Vec<AxumRouteListing>> = LazyLock::new(|| {
    // `/o/{token}` is answered by `link::redeem`, which renders the Leptos page only when the
    // link cannot be used.
    generate_route_list_with_exclusions(App, Some(vec!["/o/{token}".into()]))
});

pub fn router(state: AppState) -> Router {
    let routes = PAGE_ROUTES.clone();
    let leptos = state.leptos.clone();
    Router::new()
        .route("/healthz", get(health::live))
        .route("/readyz", get(health::ready))
        .route("/o/{token}", get(link::redeem))
        .leptos_routes_with_context(&state, routes, page_context, move || shell(leptos.clone()))
        .fallback(leptos_axum::file_and_error_handler_with_context::<
            AppState,
            _,
        >(page_context, shell))
        .layer(middleware::from_fn(fn_status::correct))
        .layer(middleware::from_fn_with_state(
            state.clone(),
            kept_input::keep,
        ))
        .layer(middleware::from_fn_with_state(
            state.clone(),
            locale::resolve,
        ))
        .layer(RequestBodyLimitLayer::new(MAX_BODY_BYTES))
        // The API answers its own limits and errors as JSON (see `rest`).
        .nest("/api/v1", crate::server::rest::router())
        .layer(middleware::from_fn_with_state(
            state.clone(),
            security::guard,
        ))
        .layer(
            ServiceBuilder::new()
                .layer(SetRequestIdLayer::new(
                    request_id::HEADER.clone(),
                    request_id::MakeId,
                ))
                .layer(TraceLayer::new_for_http().make_span_with(request_id::span))
                .layer(PropagateRequestIdLayer::new(request_id::HEADER.clone()))
                .layer(CatchPanicLayer::custom(panicked))
                .layer(middleware::from_fn(completion::run_to_completion)),
        )
        .with_state(state)
}

/// The last line of defence: a handler that panicked answers a plain 500 (with the request id
/// header, which the layers around add) and the details go to the log only.
fn panicked(details: Box<dyn std::any::Any + Send + 'static>) -> http::Response<axum::body::Body> {
    let message = details
        .downcast_ref::<String>()
        .map(String::as_str)
        .or_else(|| details.downcast_ref::<&str>().copied())
        .unwrap_or("(no message)");
    tracing::error!(panic = message, "a request handler panicked");
    let mut response = http::Response::new(axum::body::Body::from(
        "Something went wrong on our side. Please try again in a moment.",
    ));
    *response.status_mut() = http::StatusCode::INTERNAL_SERVER_ERROR;
    response.headers_mut().insert(
        http::header::CONTENT_TYPE,
        HeaderValue::from_static("text/plain; charset=utf-8"),
    );
    response
}

#[cfg(test)]
mod tests {
    use super::*;
    use tower::ServiceExt;

    #[tokio::test]
    async fn a_panicking_handler_answers_a_plain_500_without_its_details() {
        let app: Router = Router::new()
            .route(
                "/boom",
                get(|| async {
                    if std::hint::black_box(true) {
                        panic!("secret table name in a panic message");
                    }
                    "never"
                }),
            )
            .layer(CatchPanicLayer::custom(panicked));
        let request = http::Request::get("/boom")
            .body(axum::body::Body::empty())
            .unwrap();
        let response = app.oneshot(request).await.unwrap();
        assert_eq!(response.status(), http::StatusCode::INTERNAL_SERVER_ERROR);
        let body = axum::body::to_bytes(response.into_body(), 4096)
            .await
            .unwrap();
        let body = String::from_utf8_lossy(&body);
        assert!(body.contains("Something went wrong"), "{body}");
        assert!(!body.contains("secret"), "{body}");
    }
}
