//! Emails to the shop itself (its `APP_SHOP_EMAIL`): what shoppers did that the shop must act on.

use super::outbox_email::Notice;
use super::templates::{self, Email};
use crate::i18n::{fill, format_money, Locale};
use crate::server::services::{ServiceError, ServiceResult};
use crate::server::state::AppState;
use crate::server::store::outbox::OutboxRow;
use crate::server::store::{orders, requests};

/// "Order 1001 was cancelled by the customer" (reason, refund) or "… asks to cancel" (reason),
/// with a link to the order in the console.
pub async fn notice(
    state: &AppState,
    row: &OutboxRow,
    order_id: i64,
    about: Notice,
) -> ServiceResult<((String, String), Email)> {
    let mut conn = state.db.read().await?;
    let order = orders::find_by_id(&mut conn, order_id)
        .await?
        .ok_or_else(|| ServiceError::Other(format!("outbox {}: order is gone", row.id)))?;
    let note: Option<String> = match about {
        Notice::Cancelled => orders::cancel_note(&mut conn, order_id).await?,
        Notice::CancellationRequested => requests::pending(&mut conn, order_id)
            .await?
            .map(|r| r.reason),
    };
    let stored = orders::load(&mut conn, order, false).await?;
    drop(conn);
    // The console speaks English until the translations arrive.
    let t = Locale::En.texts();
    let o = &stored.order;
    let shop = &state.settings.shop_name;
    let (subject, body) = match about {
        Notice::Cancelled => (t.email_shop_cancel_subject, t.email_shop_cancel_body),
        Notice::CancellationRequested => (t.email_shop_request_subject, t.email_shop_request_body),
    };
    let mut paragraphs = vec![fill(
        body,
        &[("name", &o.customer_name), ("number", &o.number)],
    )];
    if let Some(reason) = note {
        paragraphs.push(fill(t.email_shop_cancel_reason, &[("reason", &reason)]));
    }
    if about == Notice::Cancelled && stored.refunded > 0 {
        let currency = crate::domain::Currency::parse(&o.currency)
            .map_err(|_| ServiceError::Other("stored order has an invalid currency".into()))?;
        let amount = format_money(
            Locale::En,
            crate::domain::Money::new(stored.refunded, currency),
        );
        paragraphs.push(fill(t.email_shop_cancel_refund, &[("amount", &amount)]));
    }
    let link = format!("{}/admin/orders/{}", state.settings.public_base(), o.number);
    let body = templates::Simple {
        locale: Locale::En,
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
