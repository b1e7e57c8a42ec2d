//! Emails as outbox rows: queued inside the transaction of the change they report, rendered
//! and sent by the worker. The signed link is minted at send time, so no raw token is stored.

use super::{account_email, shop_email, templates};
use crate::api::views::Access;
use crate::domain::BackorderChoice;
use crate::i18n::Locale;
use crate::server::services::{
    cancellation, delay_notices, estimates, links, order_view, ServiceError, ServiceResult,
};
use crate::server::state::AppState;
use crate::server::store::outbox::{self, NewMessage, OutboxRow};
use crate::server::store::{cancellations, millis, orders, requests, Conn};
use crate::server::tokens::new_token;
use lettre::message::header::{ContentType, HeaderName, HeaderValue};
use lettre::message::{Mailbox, MultiPart, SinglePart};
use lettre::Message;
use serde::{Deserialize, Serialize};

#[derive(Debug, Serialize, Deserialize)]
#[serde(tag = "template", rename_all = "snake_case")]
pub enum EmailPayload {
    OrderConfirmation {
        order_id: i64,
    },
    Shipped {
        order_id: i64,
        parcel_id: i64,
    },
    Cancelled {
        order_id: i64,
        /// The shopper cancelled it themselves (else the shop did).
        #[serde(default)]
        by_shopper: bool,
    },
    /// A set-password link for an invited team member (minted at send time).
    MemberInvite {
        user_id: i64,
        invited_by: String,
    },
    /// A set-password link for a customer account (minted at send time).
    AccountLink {
        customer_id: i64,
    },
    /// A one-time code for a session's redacted view of an order (made at send time).
    OneTimeCode {
        order_id: i64,
        session_id: i64,
    },
    /// Tells the shop its customer cancelled an order (or asked to).
    ShopNotice {
        order_id: i64,
        #[serde(default)]
        about: Notice,
        /// The cancellation it reports (older rows have none).
        #[serde(default)]
        cancellation_id: Option<i64>,
        /// The line it is about (a backorder choice).
        #[serde(default)]
        line_id: Option<i64>,
    },
    /// Confirms to the shopper that items of their order were cancelled.
    LineCancelled {
        order_id: i64,
        cancellation_id: i64,
    },
    /// Confirms to the shopper that their cancellation request reached the shop.
    RequestReceived {
        order_id: i64,
    },
    /// The shop declined the shopper's cancellation request (its message included).
    RequestRejected {
        order_id: i64,
    },
    /// Confirms the shopper's choice for a line waiting for stock (wait or ship the rest first).
    BackorderChoice {
        order_id: i64,
        line_id: i64,
        /// As chosen (the line may have moved on by the time the email is rendered).
        choice: BackorderChoice,
    },
    /// A line slipped past its promise: the new date and two one-click answers (minted at
    /// send time).
    DelayNotice {
        order_id: i64,
        notice_id: i64,
    },
}

/// What a notice to the shop is about.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Notice {
    #[default]
    Cancelled,
    CancellationRequested,
    LineCancelled,
    /// The shopper chose to have what is in stock shipped first.
    BackorderShipNow,
    /// The shopper chose to wait for a backordered line (after asking to ship first).
    BackorderWait,
}

impl EmailPayload {
    /// The stored topic, also shown in the merchant's timeline.
    pub fn topic(&self) -> &'static str {
        match self {
            EmailPayload::OrderConfirmation { .. } => "order_confirmation",
            EmailPayload::Shipped { .. } => "shipped",
            EmailPayload::Cancelled { .. } => "cancelled",
            EmailPayload::MemberInvite { .. } => "member_invite",
            EmailPayload::AccountLink { .. } => "account_link",
            EmailPayload::OneTimeCode { .. } => "one_time_code",
            EmailPayload::ShopNotice { .. } => "shop_notice",
            EmailPayload::RequestReceived { .. } => "request_received",
            EmailPayload::RequestRejected { .. } => "request_rejected",
            EmailPayload::LineCancelled { .. } => "line_cancelled",
            EmailPayload::BackorderChoice { .. } => "backorder_choice",
            EmailPayload::DelayNotice { .. } => "delay_notice",
        }
    }

    fn order_id(&self) -> Option<i64> {
        match self {
            EmailPayload::OrderConfirmation { order_id }
            | EmailPayload::Shipped { order_id, .. }
            | EmailPayload::Cancelled { order_id, .. }
            | EmailPayload::OneTimeCode { order_id, .. }
            | EmailPayload::ShopNotice { order_id, .. }
            | EmailPayload::RequestReceived { order_id }
            | EmailPayload::RequestRejected { order_id }
            | EmailPayload::LineCancelled { order_id, .. }
            | EmailPayload::BackorderChoice { order_id, .. }
            | EmailPayload::DelayNotice { order_id, .. } => Some(*order_id),
            EmailPayload::MemberInvite { .. } | EmailPayload::AccountLink { .. } => None,
        }
    }
}

/// Queues the confirmation of a new order.
pub async fn queue_confirmation(conn: &mut Conn, order_id: i64, now: i64) -> ServiceResult<i64> {
    queue(conn, &EmailPayload::OrderConfirmation { order_id }, now).await
}

/// Queues an email about an order and notes it in the merchant's timeline, inside the
/// caller's transaction.
pub async fn queue_noted(
    conn: &mut Conn,
    order_id: i64,
    email: &EmailPayload,
    now: i64,
) -> ServiceResult<()> {
    queue(conn, email, now).await?;
    let event = crate::domain::OrderEvent::EmailQueued {
        template: email.topic().to_owned(),
    };
    orders::append_event(conn, order_id, now, crate::domain::Actor::System, &event).await?;
    Ok(())
}

/// Queues an email to the order's shopper, inside the caller's transaction.
pub async fn queue(conn: &mut Conn, email: &EmailPayload, now: i64) -> ServiceResult<i64> {
    let order_id = email.order_id();
    let payload = serde_json::to_string(email).map_err(|e| ServiceError::Other(e.to_string()))?;
    let message_id = format!("{}.{}", new_token().replace(['-', '_'], ""), email.topic());
    let message = NewMessage {
        kind: "email",
        topic: email.topic(),
        order_id,
        payload: &payload,
        message_id: &message_id,
    };
    Ok(outbox::enqueue(conn, &message, now).await?)
}

/// Builds the message for an outbox row, minting the link or code it carries.
pub async fn build(state: &AppState, row: &OutboxRow) -> ServiceResult<Message> {
    let payload: EmailPayload = serde_json::from_str(&row.payload)
        .map_err(|e| ServiceError::Other(format!("outbox {}: {e}", row.id)))?;
    let (to, email) = match payload {
        EmailPayload::MemberInvite {
            user_id,
            invited_by,
        } => account_email::invite(state, row, user_id, &invited_by).await?,
        EmailPayload::AccountLink { customer_id } => {
            account_email::account_link(state, row, customer_id).await?
        }
        EmailPayload::OneTimeCode {
            order_id,
            session_id,
        } => account_email::code(state, row, order_id, session_id).await?,
        EmailPayload::ShopNotice {
            order_id,
            about,
            cancellation_id,
            line_id,
        } => {
            let about = shop_email::About {
                order_id,
                about,
                cancellation_id,
                line_id,
            };
            shop_email::notice(state, row, about).await?
        }
        order_email => return build_order_email(state, row, order_email).await,
    };
    compose(state, &to.0, &to.1, &row.message_id, email)
}

/// The emails about an order, each carrying a fresh signed link to it.
async fn build_order_email(
    state: &AppState,
    row: &OutboxRow,
    payload: EmailPayload,
) -> ServiceResult<Message> {
    let order_id = payload
        .order_id()
        .ok_or_else(|| ServiceError::Other(format!("outbox {}: no order", row.id)))?;
    let now = millis(state.now());
    let mut tx = state.db.begin().await?;
    let order = orders::find_by_id(&mut tx, order_id)
        .await?
        .ok_or_else(|| {
            ServiceError::Other(format!("outbox {}: order {order_id} is gone", row.id))
        })?;
    let stored = orders::load(&mut tx, order, true).await?;
    let estimate = estimates::current(&mut tx, &stored).await?;
    let (token, expires_at) = links::mint(
        &mut tx,
        state.settings.link_ttl_days,
        order_id,
        Some(row.id),
        now,
    )
    .await?;
    let answers = match &payload {
        EmailPayload::DelayNotice { notice_id, .. } => {
            let notice = delay_notices::notice(&mut tx, *notice_id).await?;
            let links = delay_notices::mint_links(&mut tx, *notice_id, row.id).await?;
            Some((notice, links))
        }
        _ => None,
    };
    tx.commit().await?;

    let view = order_view::build(state, &stored, Access::Verified, &estimate)?;
    let locale = Locale::parse(&stored.order.locale).unwrap_or_default();
    let link = format!("{}/o/{token}", state.settings.public_base());
    let expires = state
        .local(crate::server::store::timestamp(expires_at)?)
        .date();
    let context = templates::Context {
        texts: locale.texts(),
        locale,
        shop_name: &state.settings.shop_name,
        link: &link,
        link_expires: expires,
        order: &view,
    };
    let email = match payload {
        EmailPayload::OrderConfirmation { .. } => templates::order_confirmation(&context),
        EmailPayload::Shipped { parcel_id, .. } => {
            let index = stored.fulfilments.iter().position(|f| f.id == parcel_id);
            let parcel = index.and_then(|i| view.shipments.get(i)).ok_or_else(|| {
                ServiceError::Other(format!("outbox {}: parcel {parcel_id} is gone", row.id))
            })?;
            templates::shipped(&context, parcel)
        }
        EmailPayload::Cancelled { by_shopper, .. } => templates::cancelled(&context, by_shopper),
        EmailPayload::RequestReceived { .. } => templates::request_received(&context),
        EmailPayload::LineCancelled {
            cancellation_id, ..
        } => {
            let mut conn = state.db.read().await?;
            let record = cancellations::find(&mut conn, cancellation_id)
                .await?
                .ok_or_else(|| {
                    ServiceError::Other(format!("outbox {}: cancellation is gone", row.id))
                })?;
            let title = stored
                .lines
                .iter()
                .find(|l| Some(l.id) == record.line_id)
                .map(|l| l.title.clone())
                .unwrap_or_default();
            templates::line_cancelled(&context, &title, &record)
        }
        EmailPayload::BackorderChoice {
            line_id, choice, ..
        } => {
            let line = stored.lines.iter().find(|l| l.id == line_id);
            let line = line.ok_or_else(|| {
                ServiceError::Other(format!("outbox {}: line {line_id} is gone", row.id))
            })?;
            let ship_now = choice == BackorderChoice::ShipAvailableNow;
            templates::backorder_choice(&context, &line.title, ship_now)
        }
        EmailPayload::DelayNotice { .. } => {
            let Some((notice, (keep, cancel))) = answers else {
                return Err(ServiceError::Other(format!("outbox {}: no notice", row.id)));
            };
            let line = stored.lines.iter().find(|l| l.id == notice.line_id);
            let line = line.ok_or_else(|| {
                ServiceError::Other(format!("outbox {}: notice line is gone", row.id))
            })?;
            let quantity = order_view::quantities(line).waiting_for_stock().max(1);
            let ship = estimates::stored_window(&notice.ship_earliest, &notice.ship_latest);
            let base = state.settings.public_base();
            let (keep_link, cancel_link) =
                (format!("{base}/n/{keep}"), format!("{base}/n/{cancel}"));
            let delay = templates::Delay {
                title: &line.title,
                quantity,
                ship: ship.map(|w| (w.earliest, w.latest)),
                refund: cancellation::refund_of(&stored, &[(line, quantity)])?,
                keep_link: &keep_link,
                cancel_link: &cancel_link,
                answer_by: state
                    .local(crate::server::store::timestamp(notice.expires_at)?)
                    .date(),
            };
            templates::delay_notice(&context, &delay)
        }
        EmailPayload::RequestRejected { .. } => {
            let message = requests::last_rejection(&mut *state.db.read().await?, order_id)
                .await?
                .unwrap_or_default();
            templates::request_rejected(&context, &message)
        }
        other => {
            let topic = other.topic();
            return Err(ServiceError::Other(format!(
                "outbox {}: {topic} is not about an order",
                row.id
            )));
        }
    };
    compose(
        state,
        &stored.order.email,
        &stored.order.customer_name,
        &row.message_id,
        email,
    )
}

pub(super) fn compose(
    state: &AppState,
    to_email: &str,
    to_name: &str,
    message_id: &str,
    email: templates::Email,
) -> ServiceResult<Message> {
    let bad = |what: &str| ServiceError::Other(format!("cannot address email: {what}"));
    let from: Mailbox = format!(
        "{} <{}>",
        state.settings.shop_name, state.settings.shop_email
    )
    .parse()
    .or_else(|_| state.settings.shop_email.parse())
    .map_err(|_| bad("sender"))?;
    let to = Mailbox::new(
        (!to_name.is_empty()).then(|| to_name.to_owned()),
        to_email.parse().map_err(|_| bad("recipient"))?,
    );
    let host = state
        .settings
        .public_base()
        .split("://")
        .nth(1)
        .unwrap_or("portal.invalid")
        .split(['/', ':'])
        .next()
        .unwrap_or("portal.invalid")
        .to_owned();
    Message::builder()
        .from(from)
        .to(to)
        .subject(email.subject)
        .message_id(Some(format!("<{message_id}@{host}>")))
        .raw_header(HeaderValue::new(
            HeaderName::new_from_ascii_str("Auto-Submitted"),
            "auto-generated".into(),
        ))
        .multipart(
            MultiPart::alternative()
                .singlepart(
                    SinglePart::builder()
                        .header(ContentType::TEXT_PLAIN)
                        .body(email.text),
                )
                .singlepart(
                    SinglePart::builder()
                        .header(ContentType::TEXT_HTML)
                        .body(email.html),
                ),
        )
        .map_err(|e| ServiceError::Other(format!("cannot build email: {e}")))
}
