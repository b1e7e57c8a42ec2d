//! Stored orders as the API shows them.

use super::types::{
    CustomerResource, DateWindow, Estimates, FulfilledLine, FulfillmentResource, HoldResource,
    LineResource, OrderResource, RefundResource,
};
use crate::domain::estimate::{Estimate, LineEstimate};
use crate::domain::{
    customer_stage, BackorderChoice, FulfilmentState, HoldReason, Lifecycle, OrderFacts,
    PaymentStatus,
};
use crate::server::services::estimates::stored_window;
use crate::server::services::order_view::{address_lines, quantities};
use crate::server::services::{ServiceError, ServiceResult};
use crate::server::store::rows::StoredOrder;
use crate::server::store::sync::RefundRow;
use crate::server::store::timestamp;

fn corrupt(what: &str) -> ServiceError {
    ServiceError::Other(format!("stored order has an invalid {what}"))
}

fn instant(ms: i64) -> ServiceResult<String> {
    Ok(timestamp(ms)?.to_string())
}

/// The stage's stable name, e.g. `on_hold`.
fn stage_name(stage: &crate::domain::CustomerStage) -> String {
    serde_json::to_value(stage)
        .ok()
        .and_then(|v| v.get("stage").and_then(|s| s.as_str()).map(str::to_owned))
        .unwrap_or_default()
}

/// The order with its current estimate (`estimates::current`).
pub fn order(
    s: &StoredOrder,
    refunds: &[RefundRow],
    estimate: &Estimate,
) -> ServiceResult<OrderResource> {
    let o = &s.order;
    let payment = PaymentStatus::parse(&o.payment_status).ok_or_else(|| corrupt("payment"))?;
    let lifecycle = Lifecycle::parse(&o.lifecycle).ok_or_else(|| corrupt("lifecycle"))?;
    let counts: Vec<_> = s.lines.iter().map(quantities).collect();
    let parcels: Vec<FulfilmentState> = s
        .fulfilments
        .iter()
        .map(|f| FulfilmentState::parse(&f.status).ok_or_else(|| corrupt("fulfilment")))
        .collect::<Result<_, _>>()?;
    let hold_reason = s
        .active_hold
        .as_ref()
        .and_then(|h| HoldReason::parse(&h.reason));
    let stage = customer_stage(&OrderFacts {
        lifecycle,
        payment,
        lines: &counts,
        fulfilments: &parcels,
        active_hold: hold_reason,
        cancellation_requested: s.cancellation_requested,
    });
    let lines = s
        .lines
        .iter()
        .enumerate()
        .map(|(i, l)| {
            Ok(LineResource {
                id: l.id,
                sku: l.sku.clone(),
                title: l.title.clone(),
                unit_price: l.unit_price,
                quantity: l.quantity,
                quantity_fulfilled: l.quantity_fulfilled,
                quantity_cancelled: l.quantity_cancelled,
                quantity_backordered: l.quantity_backordered,
                backorder_choice: BackorderChoice::parse(&l.backorder_choice)
                    .ok_or_else(|| corrupt("backorder choice"))?,
                ship_by: estimate
                    .lines
                    .get(i)
                    .and_then(LineEstimate::window)
                    .map(DateWindow::from),
                promised_ship_by: stored_window(&l.promised_ship_earliest, &l.promised_ship_latest)
                    .map(DateWindow::from),
            })
        })
        .collect::<ServiceResult<Vec<_>>>()?;
    let fulfillments = s
        .fulfilments
        .iter()
        .zip(&parcels)
        .map(|(f, status)| {
            let lines = s
                .fulfilment_lines
                .iter()
                .filter(|fl| fl.fulfilment_id == f.id)
                .map(|fl| FulfilledLine {
                    line_id: fl.line_id,
                    sku: s
                        .lines
                        .iter()
                        .find(|l| l.id == fl.line_id)
                        .map(|l| l.sku.clone())
                        .unwrap_or_default(),
                    quantity: fl.quantity,
                })
                .collect();
            Ok(FulfillmentResource {
                id: f.id,
                status: *status,
                carrier: f.carrier.clone(),
                tracking_number: f.tracking_number.clone(),
                tracking_url: f.tracking_url.clone(),
                shipped_at: f.shipped_at.map(instant).transpose()?,
                delivered_at: f.delivered_at.map(instant).transpose()?,
                lines,
            })
        })
        .collect::<ServiceResult<Vec<_>>>()?;
    let hold = match (&s.active_hold, hold_reason) {
        (Some(h), Some(reason)) => Some(HoldResource {
            id: h.id,
            reason,
            note: h.note.clone(),
            placed_at: instant(h.placed_at)?,
        }),
        _ => None,
    };
    let refunds = refunds
        .iter()
        .map(|r| {
            Ok(RefundResource {
                id: r.id,
                amount: r.amount,
                currency: r.currency.clone(),
                reason: r.reason.clone(),
                status: r.status.clone(),
                created_at: instant(r.created_at)?,
                confirmed_at: r.confirmed_at.map(instant).transpose()?,
            })
        })
        .collect::<ServiceResult<Vec<_>>>()?;
    Ok(OrderResource {
        number: o.number.clone(),
        customer: CustomerResource {
            email: o.email.clone(),
            name: o.customer_name.clone(),
        },
        locale: o.locale.clone(),
        currency: o.currency.clone(),
        placed_at: instant(o.placed_at)?,
        payment_status: payment,
        lifecycle,
        stage: stage_name(&stage),
        shipping_method: o.shipping_method.clone(),
        shipping_address: address_lines(&o.shipping_address),
        version: o.version,
        lines,
        fulfillments,
        hold,
        refunds,
        estimates: Estimates {
            ship_by: estimate.ship.map(DateWindow::from),
            delivery: estimate.delivery.map(DateWindow::from),
            promised_ship_by: stored_window(&o.promised_ship_earliest, &o.promised_ship_latest)
                .map(DateWindow::from),
            promised_delivery: stored_window(
                &o.promised_delivery_earliest,
                &o.promised_delivery_latest,
            )
            .map(DateWindow::from),
        },
    })
}
