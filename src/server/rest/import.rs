//! `import FILE`: orders from a file, one JSON document per line — the API's order body plus
//! its `"number"`. Each line is checked and stored like `PUT /orders/{number}`; a bad line is
//! reported with its number and reason and never stops the rest. Imported orders were
//! confirmed by the shop before, so no confirmation emails go out, and importing the same file
//! again changes nothing.

use super::body::parse;
use super::order_input;
use super::types::OrderInput;
use crate::server::services::order_sync::{self, Fixed, Source, Synced};
use crate::server::state::AppState;
use std::io::BufRead;

#[derive(Debug, Default, Clone, PartialEq, Eq)]
pub struct Summary {
    pub created: usize,
    pub updated: usize,
    pub unchanged: usize,
    /// `(line number, reason)`.
    pub rejected: Vec<(usize, String)>,
}

impl Summary {
    pub fn total(&self) -> usize {
        self.created + self.updated + self.unchanged + self.rejected.len()
    }
}

/// Why one line cannot be imported, or `Ok` with what happened to its order.
async fn line(state: &AppState, text: &str) -> Result<Synced, String> {
    let mut value: serde_json::Value =
        serde_json::from_str(text).map_err(|e| format!("not valid JSON: {e}"))?;
    let number = match value.as_object_mut().and_then(|o| o.remove("number")) {
        Some(serde_json::Value::String(n)) => n,
        Some(_) => return Err("number: must be a string".into()),
        None => return Err("number: missing".into()),
    };
    let body = serde_json::to_vec(&value).map_err(|e| e.to_string())?;
    let input: OrderInput = parse(&body).map_err(|e| e.message)?;
    let draft = order_input::draft(&number, &input).map_err(|e| e.message)?;
    match order_sync::upsert(state, &draft, Source::Import).await {
        Ok(Ok(synced)) => Ok(synced),
        Ok(Err(Fixed(field))) => Err(format!(
            "{field} differs from the stored order and cannot change"
        )),
        Err(e) => {
            tracing::error!(error = %e, order = %number, "import failed");
            Err("could not be stored (see the log)".into())
        }
    }
}

/// Imports every line of `reader`; `progress(done)` is called after each line.
pub async fn run<R: BufRead>(
    state: &AppState,
    reader: R,
    mut progress: impl FnMut(usize),
) -> std::io::Result<Summary> {
    let mut summary = Summary::default();
    for (index, text) in reader.lines().enumerate() {
        let text = text?;
        if text.trim().is_empty() {
            continue;
        }
        match line(state, &text).await {
            Ok(Synced::Created) => summary.created += 1,
            Ok(Synced::Updated) => summary.updated += 1,
            Ok(Synced::Unchanged) => summary.unchanged += 1,
            Err(reason) => summary.rejected.push((index + 1, reason)),
        }
        progress(summary.total());
    }
    Ok(summary)
}
