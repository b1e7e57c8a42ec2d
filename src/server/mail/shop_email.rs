//! Emails to the shop itself (its `APP_SHOP_EMAIL`): what shoppers did that the shop must act on.

use super::outbox_email::Notice;
use super::templates::{self, Email};
use crate::i18n::{fill, format_money};
use crate::server::services::{ServiceError, ServiceResult};
use crate::server::state::AppState;
use crate::server::store::outbox::OutboxRow;
use crate::server::store::{cancellations, orders, requests};

/// What a notice to the shop reports.
pub struct About {
    pub order_id: i64,
    pub about: Notice,
    pub cancellation_id: Option<i64>,
    /// The line of a backorder choice.
    pub line_id: Option<i64>,
}

/// "Order 1001 was cancelled by the customer" (reason, refund), "… asks to cancel" (reason) or
/// "… changed how to ship", with a link to the order in the console.
pub async fn notice(
    state: &AppState,
    row: &OutboxRow,
    about: About,
) -> ServiceResult<((String, String), Email)> {
    let About {
        order_id,
        about,
        cancellation_id,
        line_id,
    } = about;
    let mut conn = state.db.read().await?;
    let order = orders::find_by_id(&mut conn, order_id)
        .await?
        .ok_or_else(|| ServiceError::Other(format!("outbox {}: order is gone", row.id)))?;
    let record = match cancellation_id {
        Some(id) => cancellations::find(&mut conn, id).await?,
        None => None,
    };
    let note: Option<String> = match (about, &record) {
        (Notice::BackorderShipNow | Notice::BackorderWait, _) => None,
        (Notice::CancellationRequested, _) => requests::pending(&mut conn, order_id)
            .await?
            .map(|r| r.reason),
        (_, Some(record)) => record.note.clone(),
        (_, None) => orders::cancel_note(&mut conn, order_id).await?,
    };
    let stored = orders::load(&mut conn, order, false).await?;
    drop(conn);
    let locale = state.settings.shop_locale;
    let t = locale.texts();
    let o = &stored.order;
    let shop = &state.settings.shop_name;
    let (subject, body) = match about {
        Notice::Cancelled => (t.email_shop_cancel_subject, t.email_shop_cancel_body),
        Notice::CancellationRequested => (t.email_shop_request_subject, t.email_shop_request_body),
        Notice::LineCancelled => (t.email_shop_line_subject, t.email_shop_line_body),
        Notice::BackorderShipNow => (
            t.email_shop_backorder_subject,
            t.email_shop_backorder_ship_now_body,
        ),
        Notice::BackorderWait => (
            t.email_shop_backorder_subject,
            t.email_shop_backorder_wait_body,
        ),
    };
    let line_of = record.as_ref().and_then(|r| r.line_id).or(line_id);
    let item = stored
        .lines
        .iter()
        .find(|l| Some(l.id) == line_of)
        .map(|l| l.title.as_str())
        .unwrap_or_default();
    let quantity = record.as_ref().map(|r| r.quantity).unwrap_or_default();
    let mut paragraphs = vec![fill(
        body,
        &[
            ("name", &o.customer_name),
            ("number", &o.number),
            ("quantity", &quantity.to_string()),
            ("item", item),
        ],
    )];
    if let Some(reason) = note {
        paragraphs.push(fill(t.email_shop_cancel_reason, &[("reason", &reason)]));
    }
    let refunded = match (about, &record) {
        (Notice::CancellationRequested | Notice::BackorderShipNow | Notice::BackorderWait, _) => 0,
        (_, Some(record)) => record.refund_amount,
        (_, None) => stored.refunded,
    };
    if refunded > 0 {
        let currency = crate::domain::Currency::parse(&o.currency)
            .map_err(|_| ServiceError::Other("stored order has an invalid currency".into()))?;
        let amount = format_money(locale, crate::domain::Money::new(refunded, currency));
        paragraphs.push(fill(t.email_shop_cancel_refund, &[("amount", &amount)]));
    }
    let link = format!("{}/admin/orders/{}", state.settings.public_base(), o.number);
    let body = templates::Simple {
        locale,
        subject: fill(subject, &[("number", &o.number)]),
        paragraphs,
        button: Some((t.email_open_order, &link)),
        code: None,
        notes: Vec::new(),
        shop_name: shop,
    };
    let to = (state.settings.shop_email.clone(), shop.clone());
    Ok((to, templates::simple(t, body)))
}
