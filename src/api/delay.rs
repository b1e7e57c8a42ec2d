//! `/n/{token}`: a delay notice's one-click answer — keep waiting, or cancel the waiting items
//! of that one line. The link is the credential: no sign-in, and the page works without
//! JavaScript (the answer is a form post, so a mail scanner opening the link changes nothing).

use super::AppError;
use crate::domain::backorder::NoticeAnswer;
use crate::domain::Money;
use leptos::prelude::*;
use serde::{Deserialize, Serialize};

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum NoticeState {
    /// Not one of our links.
    Invalid,
    Expired,
    /// Answered before (with this answer).
    Answered(NoticeAnswer),
    /// The line no longer waits (it arrived, shipped or was cancelled), or the order closed.
    NotWaiting,
    /// Waiting for the shopper's answer.
    Open,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct NoticeView {
    pub state: NoticeState,
    /// What this link answers.
    pub answer: NoticeAnswer,
    pub number: String,
    pub title: String,
    pub line_id: i64,
    pub quantity: u32,
    /// What cancelling gives back; `None` when nothing was charged.
    pub refund: Option<Money>,
}

impl NoticeView {
    pub fn invalid() -> Self {
        NoticeView {
            state: NoticeState::Invalid,
            answer: NoticeAnswer::KeepWaiting,
            number: String::new(),
            title: String::new(),
            line_id: 0,
            quantity: 0,
            refund: None,
        }
    }
}

#[server(prefix = "/fn", endpoint = "delay_notice")]
pub async fn get_delay_notice(token: String) -> Result<NoticeView, AppError> {
    use crate::server::services::delay_notices;
    let ctx = crate::server::web::Ctx::current()?;
    let result = delay_notices::view(&ctx.state, &token).await;
    ctx.respond(result)
}

/// Gives the link's answer for the line it was sent about.
#[server(prefix = "/fn", endpoint = "answer_delay_notice")]
pub async fn answer_delay_notice(token: String, line: i64) -> Result<(), AppError> {
    use crate::server::services::delay_notices;
    let ctx = crate::server::web::Ctx::current()?;
    let result = delay_notices::answer(&ctx.state, &token, line).await;
    ctx.respond(result)?;
    // Back to the same page, which now says what happened (for forms posted without
    // JavaScript). Only a token-shaped path segment is ever echoed.
    if token
        .bytes()
        .all(|b| b.is_ascii_alphanumeric() || b == b'-' || b == b'_')
    {
        leptos_axum::redirect(&format!("/n/{token}"));
    }
    Ok(())
}
