//! Turns stored rows into the shopper's view, deriving stage and totals with the domain rules.

use super::estimates::stored_window;
use super::{ServiceError, ServiceResult};
use crate::api::views::{
    Access, EstimateView, LineView, OrderView, ShipmentItem, ShipmentView, TimelineEntry, Totals,
};
use crate::domain::estimate::{Estimate, LineEstimate};
use crate::domain::{
    customer_stage, Currency, CustomerEmail, FulfilmentState, HoldReason, Lifecycle,
    LineQuantities, Money, OrderEvent, OrderFacts, PaymentStatus,
};
use crate::i18n::Locale;
use crate::server::state::AppState;
use crate::server::store::rows::{LineRow, StoredOrder};
use crate::server::store::timestamp;

fn corrupt(what: &str) -> ServiceError {
    ServiceError::Other(format!("stored order has an invalid {what}"))
}

fn count(value: i64) -> u32 {
    u32::try_from(value).unwrap_or(0)
}

pub fn quantities(line: &LineRow) -> LineQuantities {
    LineQuantities {
        ordered: count(line.quantity),
        fulfilled: count(line.quantity_fulfilled),
        cancelled: count(line.quantity_cancelled),
        backordered: count(line.quantity_backordered),
    }
}

/// Only web links are shown as links; anything else (`javascript:` …) is dropped.
fn safe_url(url: &Option<String>) -> Option<String> {
    url.as_ref()
        .filter(|u| u.starts_with("https://") || u.starts_with("http://"))
        .cloned()
}

/// Address lines from the stored JSON (`{"lines": [...]}` or a plain list).
pub fn address_lines(stored: &Option<String>) -> Option<Vec<String>> {
    let value: serde_json::Value = serde_json::from_str(stored.as_deref()?).ok()?;
    let list = value.get("lines").unwrap_or(&value).as_array()?;
    Some(
        list.iter()
            .filter_map(|v| v.as_str().map(str::to_owned))
            .collect(),
    )
}

/// The shopper's view of a stored order with its current estimate (`estimates::for_order`).
pub fn build(
    state: &AppState,
    s: &StoredOrder,
    access: Access,
    current: &Estimate,
) -> ServiceResult<OrderView> {
    let o = &s.order;
    let currency = Currency::parse(&o.currency).map_err(|_| corrupt("currency"))?;
    let money = |minor| Money::new(minor, currency);
    let payment = PaymentStatus::parse(&o.payment_status).ok_or_else(|| corrupt("payment"))?;
    let lifecycle = Lifecycle::parse(&o.lifecycle).ok_or_else(|| corrupt("lifecycle"))?;
    let quantities: Vec<LineQuantities> = s.lines.iter().map(quantities).collect();
    let parcels: Vec<FulfilmentState> = s
        .fulfilments
        .iter()
        .map(|f| FulfilmentState::parse(&f.status).ok_or_else(|| corrupt("fulfilment")))
        .collect::<Result<_, _>>()?;
    let stage = customer_stage(&OrderFacts {
        lifecycle,
        payment,
        lines: &quantities,
        fulfilments: &parcels,
        active_hold: s
            .active_hold
            .as_ref()
            .and_then(|h| HoldReason::parse(&h.reason)),
        cancellation_requested: s.cancellation_requested,
    });

    let lines: Vec<LineView> = s
        .lines
        .iter()
        .zip(&quantities)
        .enumerate()
        .map(|(i, (l, q))| LineView {
            sku: l.sku.clone(),
            title: l.title.clone(),
            unit_price: money(l.unit_price),
            quantities: *q,
            line_total: money(l.unit_price * i64::from(q.ordered)),
            estimate: current
                .lines
                .get(i)
                .copied()
                .unwrap_or(LineEstimate::NotCounted),
            promised: stored_window(&l.promised_ship_earliest, &l.promised_ship_latest),
        })
        .collect();
    let something_to_ship = current.lines.iter().any(|l| *l != LineEstimate::NotCounted);
    let estimate = (lifecycle == Lifecycle::Open && something_to_ship).then(|| EstimateView {
        ship: current.ship,
        delivery: current.delivery,
        promised_ship: stored_window(&o.promised_ship_earliest, &o.promised_ship_latest),
        promised_delivery: stored_window(
            &o.promised_delivery_earliest,
            &o.promised_delivery_latest,
        ),
    });
    let subtotal: i64 = lines.iter().map(|l| l.line_total.minor).sum();
    let cancelled: i64 = s
        .lines
        .iter()
        .zip(&quantities)
        .map(|(l, q)| l.unit_price * i64::from(q.cancelled))
        .sum();

    let local = |ms: i64| timestamp(ms).map(|t| state.local(t));
    let shipments = s
        .fulfilments
        .iter()
        .zip(&parcels)
        .map(|(f, st)| {
            let items = s
                .fulfilment_lines
                .iter()
                .filter(|fl| fl.fulfilment_id == f.id)
                .filter_map(|fl| {
                    let line = s.lines.iter().find(|l| l.id == fl.line_id)?;
                    Some(ShipmentItem {
                        title: line.title.clone(),
                        quantity: count(fl.quantity),
                    })
                })
                .collect();
            Ok(ShipmentView {
                state: *st,
                carrier: f.carrier.clone(),
                tracking_number: f.tracking_number.clone(),
                tracking_url: safe_url(&f.tracking_url),
                shipped_at: f.shipped_at.map(local).transpose()?,
                delivered_at: f.delivered_at.map(local).transpose()?,
                items,
            })
        })
        .collect::<ServiceResult<Vec<_>>>()?;
    let timeline = s
        .events
        .iter()
        .filter_map(|e| {
            let event: OrderEvent = serde_json::from_str(&e.data).ok()?;
            Some((e.at, event))
        })
        .filter(|(_, event)| event.visible_to_shopper())
        .map(|(at, event)| {
            Ok(TimelineEntry {
                at: local(at)?,
                event: event.for_shopper(),
            })
        })
        .collect::<ServiceResult<Vec<_>>>()?;

    let verified = access == Access::Verified;
    let email = CustomerEmail::parse(&o.email).map_err(|_| corrupt("email"))?;
    Ok(OrderView {
        number: o.number.clone(),
        locale: Locale::parse(&o.locale).unwrap_or_default(),
        placed_at: local(o.placed_at)?,
        stage,
        payment,
        lines,
        shipments,
        timeline,
        totals: Totals {
            subtotal: money(subtotal),
            cancelled: money(cancelled),
            refunded: money(s.refunded),
            total: money(subtotal - cancelled),
        },
        shipping_method: o.shipping_method.clone(),
        estimate,
        contact_email: if verified {
            email.to_string()
        } else {
            email.masked()
        },
        customer_name: verified.then(|| o.customer_name.clone()),
        shipping_address: if verified {
            address_lines(&o.shipping_address)
        } else {
            None
        },
    })
}
