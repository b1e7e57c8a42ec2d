//! `/n/{token}`: the page behind a delay notice's "keep waiting" or "cancel and refund" link.
//! Opening the link only shows what will happen; the one button does it (so a mail scanner
//! that follows links changes nothing). Works without JavaScript.

use crate::api::delay::{get_delay_notice, AnswerDelayNotice, NoticeState, NoticeView};
use crate::domain::backorder::NoticeAnswer;
use crate::i18n::{fill, format_money, Texts};
use crate::ui::components::{FormErrorNotice, FormErrors, Notice};
use crate::ui::{page_locale, use_texts};
use leptos::prelude::*;
use leptos_meta::Title;
use leptos_router::hooks::use_params_map;

#[component]
pub fn DelayNoticePage() -> impl IntoView {
    let t = use_texts();
    let params = use_params_map();
    let token = move || params.read().get("token").unwrap_or_default();
    let answer = ServerAction::<AnswerDelayNotice>::new();
    let notice = Resource::new(
        move || (token(), answer.version().get()),
        |(token, _)| get_delay_notice(token),
    );
    view! {
        <Suspense fallback=move || view! { <p class="muted" role="status">{t.order_loading}</p> }>
            {move || Suspend::new(async move {
                match notice.await {
                    Ok(view) => view! { <NoticeCard view token=token() answer/> }.into_any(),
                    Err(error) => view! {
                        <Title text=t.error_title/>
                        <section class="card narrow">
                            <h1>{t.error_title}</h1>
                            <p>{error.message(t)}</p>
                        </section>
                    }
                    .into_any(),
                }
            })}
        </Suspense>
    }
}

fn answered_text(t: &'static Texts, answer: NoticeAnswer, item: &str) -> String {
    match answer {
        NoticeAnswer::KeepWaiting => fill(t.notice_done_keep, &[("item", item)]),
        NoticeAnswer::Cancel => fill(t.notice_done_cancel, &[("item", item)]),
    }
}

#[component]
fn NoticeCard(
    view: NoticeView,
    token: String,
    answer: ServerAction<AnswerDelayNotice>,
) -> impl IntoView {
    let t = use_texts();
    let locale = page_locale();
    let title = fill(t.notice_title, &[("number", &view.number)]);
    let order_link = view! {
        <p><a href=format!("/orders/{}", view.number)>{t.notice_order_link}</a></p>
    };
    let body = match view.state {
        NoticeState::Invalid => {
            return view! {
                <Title text=t.link_invalid_title/>
                <section class="card narrow">
                    <h1>{t.link_invalid_title}</h1>
                    <p>{t.notice_invalid}</p>
                    <p><a class="button" href="/">{t.link_lookup_instead}</a></p>
                </section>
            }
            .into_any();
        }
        NoticeState::Expired => view! { <p>{t.notice_expired}</p>{order_link} }.into_any(),
        NoticeState::NotWaiting => view! { <p>{t.notice_not_waiting}</p>{order_link} }.into_any(),
        NoticeState::Answered(given) => view! {
            <Notice tone="success"><p>{answered_text(t, given, &view.title)}</p></Notice>
            {order_link}
        }
        .into_any(),
        NoticeState::Open => {
            let errors = FormErrors::of_action(answer);
            let n = view.quantity.to_string();
            let (intro, submit, refund) = match view.answer {
                NoticeAnswer::KeepWaiting => (t.notice_keep_intro, t.notice_keep_submit, None),
                NoticeAnswer::Cancel => {
                    let refund = match view.refund.filter(|m| m.minor > 0) {
                        Some(amount) => fill(
                            t.cancel_refund_note,
                            &[("amount", &format_money(locale, amount))],
                        ),
                        None => t.cancel_no_payment_note.to_owned(),
                    };
                    (t.notice_cancel_intro, t.notice_cancel_submit, Some(refund))
                }
            };
            let danger = view.answer == NoticeAnswer::Cancel;
            view! {
                <p>{fill(intro, &[("n", &n), ("item", &view.title)])}</p>
                {refund.map(|r| view! { <p data-testid="notice-refund">{r}</p> })}
                <ActionForm action=answer attr:class="stack" attr:data-testid="notice-answer">
                    <FormErrorNotice errors/>
                    <input type="hidden" name="token" value=token/>
                    <input type="hidden" name="line" value=view.line_id.to_string()/>
                    <button type="submit" class="button" class:danger=danger
                        disabled=move || answer.pending().get()>{submit}</button>
                </ActionForm>
            }
            .into_any()
        }
    };
    view! {
        <Title text=title.clone()/>
        <section class="card narrow" aria-labelledby="notice-heading" data-testid="delay-notice">
            <h1 id="notice-heading">{title}</h1>
            <div role="status" aria-live="polite">{body}</div>
        </section>
    }
    .into_any()
}
