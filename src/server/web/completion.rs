//! A request, once the server has accepted it, runs to the end even when the client hangs up.
//!
//! Without this, a closed tab or a dropped connection cancels the handler wherever it is
//! awaiting — possibly between a database write and the bookkeeping around it. sqlx's SQLite
//! `BEGIN IMMEDIATE`, cancelled at the wrong moment, returned its connection to the pool with the
//! transaction still open and the write lock held, so every later write failed. Running the rest
//! of the stack on its own task makes every handler complete (or fail) as a whole; only sending
//! the answer is given up.

use axum::extract::Request;
use axum::middleware::Next;
use axum::response::{IntoResponse, Response};
use tracing::Instrument;

pub async fn run_to_completion(request: Request, next: Next) -> Response {
    let handler = tokio::spawn(next.run(request).in_current_span());
    match handler.await {
        Ok(response) => response,
        // Re-raised here so the panic layer outside answers it as any other panic.
        Err(e) if e.is_panic() => std::panic::resume_unwind(e.into_panic()),
        Err(_) => http::StatusCode::SERVICE_UNAVAILABLE.into_response(),
    }
}
