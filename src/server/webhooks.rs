//! Signed webhooks to the shop's system (DESIGN §5.5). An event is queued in the outbox inside
//! the transaction of the change it reports, with its body fixed then; the worker posts it with
//! `X-Portal-Signature: sha256=<hex HMAC-SHA256 of the raw body>`, retrying with back-off. The
//! event id in the body stays the same on every retry, so the receiver can drop duplicates.

use crate::server::rest::resource;
use crate::server::services::{estimates, ServiceError, ServiceResult};
use crate::server::state::AppState;
use crate::server::store::outbox::{self, NewMessage, OutboxRow};
use crate::server::store::{catalog, orders, sync, timestamp, Conn};
use crate::server::tokens::new_token;
use hmac::{Hmac, Mac};
use serde::{Deserialize, Serialize};
use sha2::Sha256;
use std::sync::OnceLock;
use std::time::Duration;

/// The settings key of the endpoint document.
pub const SETTING: &str = "webhooks";
pub const SIGNATURE_HEADER: &str = "x-portal-signature";

/// Where events go and the secret they are signed with.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Endpoint {
    pub url: String,
    pub secret: String,
}

pub async fn endpoint(conn: &mut Conn) -> ServiceResult<Option<Endpoint>> {
    let Some(json) = catalog::setting(conn, SETTING).await? else {
        return Ok(None);
    };
    let endpoint: Endpoint = serde_json::from_str(&json)
        .map_err(|e| ServiceError::Other(format!("stored webhook endpoint: {e}")))?;
    Ok(Some(endpoint).filter(|e| !e.url.is_empty()))
}

/// `sha256=<hex>` of the body under the secret.
pub fn sign(secret: &str, body: &[u8]) -> String {
    let mut mac =
        Hmac::<Sha256>::new_from_slice(secret.as_bytes()).expect("HMAC takes any key length");
    mac.update(body);
    format!("sha256={}", hex::encode(mac.finalize().into_bytes()))
}

/// A fresh signing secret, `whsec_` + 256 random bits.
pub fn new_secret() -> String {
    format!("whsec_{}", new_token())
}

/// Queues an event when an endpoint is set; returns the event id.
pub async fn emit(
    conn: &mut Conn,
    kind: &str,
    order_id: Option<i64>,
    data: serde_json::Value,
    now: i64,
) -> ServiceResult<Option<String>> {
    if endpoint(conn).await?.is_none() {
        return Ok(None);
    }
    let id = format!("evt_{}", new_token().replace(['-', '_'], ""));
    let body = serde_json::json!({
        "id": id,
        "type": kind,
        "created_at": timestamp(now)?.to_string(),
        "data": data,
    });
    let payload = body.to_string();
    let message = NewMessage {
        kind: "webhook",
        topic: kind,
        order_id,
        payload: &payload,
        message_id: &id,
    };
    outbox::enqueue(conn, &message, now).await?;
    Ok(Some(id))
}

/// Queues an event about an order, carrying the order as the API shows it after the change.
pub async fn emit_order(conn: &mut Conn, kind: &str, order_id: i64, now: i64) -> ServiceResult<()> {
    emit_order_with(conn, kind, order_id, serde_json::json!({}), now).await
}

/// `emit_order` with more fields in `data` next to `order` (`detail` is a JSON object).
pub async fn emit_order_with(
    conn: &mut Conn,
    kind: &str,
    order_id: i64,
    detail: serde_json::Value,
    now: i64,
) -> ServiceResult<()> {
    if endpoint(conn).await?.is_none() {
        return Ok(());
    }
    let row = orders::find_by_id(conn, order_id)
        .await?
        .ok_or_else(|| ServiceError::Other("webhook for a missing order".into()))?;
    let order = orders::load(conn, row, false).await?;
    let refunds = sync::refunds_of(conn, order_id).await?;
    let estimate = estimates::current(conn, &order).await?;
    let mut data = detail;
    data["order"] = serde_json::to_value(resource::order(&order, &refunds, &estimate)?)
        .map_err(|e| ServiceError::Other(e.to_string()))?;
    emit(conn, kind, Some(order_id), data, now).await?;
    Ok(())
}

/// A delivery that has not answered after this long has failed (and is retried later).
pub const TIMEOUT_SECS: u64 = 10;

fn client() -> &'static reqwest::Client {
    static CLIENT: OnceLock<reqwest::Client> = OnceLock::new();
    CLIENT.get_or_init(|| {
        reqwest::Client::builder()
            .timeout(Duration::from_secs(TIMEOUT_SECS))
            .redirect(reqwest::redirect::Policy::none())
            .user_agent("order-portal-webhooks/1")
            .build()
            .expect("HTTP client")
    })
}

/// Posts one queued event; any answer but 2xx is a failure to retry.
pub async fn deliver(state: &AppState, row: &OutboxRow) -> Result<(), String> {
    let mut conn = state.db.read().await.map_err(|e| e.to_string())?;
    let Some(endpoint) = endpoint(&mut conn).await.map_err(|e| e.to_string())? else {
        return Err("no webhook endpoint is set".into());
    };
    drop(conn);
    let response = client()
        .post(&endpoint.url)
        .header("content-type", "application/json")
        .header(
            SIGNATURE_HEADER,
            sign(&endpoint.secret, row.payload.as_bytes()),
        )
        .header("x-portal-event", &row.topic)
        .header("x-portal-delivery", &row.message_id)
        .body(row.payload.clone())
        .send()
        .await
        .map_err(|e| format!("could not reach the endpoint: {}", e.without_url()))?;
    if response.status().is_success() {
        Ok(())
    } else {
        Err(format!(
            "the endpoint answered HTTP {}",
            response.status().as_u16()
        ))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_signature_is_the_hex_hmac_sha256_of_the_body() {
        // RFC 4231 test case 2.
        assert_eq!(
            sign("Jefe", b"what do ya want for nothing?"),
            "sha256=5bdcc146bf60754e6a042426089575c75a003f089d2739839dec58b964ec3843"
        );
        assert!(new_secret().starts_with("whsec_"));
    }
}
