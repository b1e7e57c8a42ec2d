//! `/admin/settings/integrations`: the shop's own system talks to the portal through API
//! tokens and hears back through signed webhooks. The owner manages both; staff can look.

use crate::api::integrations::{
    get_integrations, CreateApiToken, Delivery, Integrations, ResendWebhook, RevokeApiToken,
    RotateWebhookSecret, SendTestWebhook, SetWebhookEndpoint, TokenView,
};
use crate::api::{AppError, Field};
use crate::i18n::{fill, format_datetime, Texts};
use crate::ui::components::{FormErrorNotice, FormErrors, FormField, Kept, Notice};
use crate::ui::use_texts;
use leptos::either::EitherOf3;
use leptos::prelude::*;
use leptos_meta::Title;
use leptos_router::components::Redirect;
use leptos_router::hooks::use_query_map;

fn done_text(t: &'static Texts, done: &str) -> Option<&'static str> {
    Some(match done {
        "token_created" => t.done_token_created,
        "token_revoked" => t.done_token_revoked,
        "endpoint_saved" => t.done_endpoint_saved,
        "secret_rotated" => t.done_secret_rotated,
        "test_queued" => t.done_test_queued,
        "resent" => t.done_resent,
        _ => return None,
    })
}

/// Every action of the page, so the page reloads its data after any of them.
#[derive(Clone, Copy)]
struct Actions {
    create: ServerAction<CreateApiToken>,
    revoke: ServerAction<RevokeApiToken>,
    endpoint: ServerAction<SetWebhookEndpoint>,
    rotate: ServerAction<RotateWebhookSecret>,
    test: ServerAction<SendTestWebhook>,
    resend: ServerAction<ResendWebhook>,
}

impl Actions {
    fn versions(&self) -> [usize; 6] {
        [
            self.create.version().get(),
            self.revoke.version().get(),
            self.endpoint.version().get(),
            self.rotate.version().get(),
            self.test.version().get(),
            self.resend.version().get(),
        ]
    }
}

#[component]
pub fn AdminIntegrationsPage() -> impl IntoView {
    let t = use_texts();
    let query = use_query_map();
    let actions = Actions {
        create: ServerAction::new(),
        revoke: ServerAction::new(),
        endpoint: ServerAction::new(),
        rotate: ServerAction::new(),
        test: ServerAction::new(),
        resend: ServerAction::new(),
    };
    let page = Resource::new(
        move || (query.read().get("done"), actions.versions()),
        |_| get_integrations(),
    );
    let done = move || {
        let done = query.read().get("done")?;
        done_text(t, &done).map(|text| view! { <Notice tone="success"><p>{text}</p></Notice> })
    };
    view! {
        <Title text=t.integrations_title/>
        <super::AdminNav current="/admin/settings/integrations"/>
        <h1>{t.integrations_title}</h1>
        <p class="lead">{t.integrations_intro}" "
            <a href="/api/v1/openapi.json">{t.integrations_openapi}</a>
        </p>
        <div role="status" aria-live="polite">{done}</div>
        <Suspense fallback=|| ()>
            {move || Suspend::new(async move {
                let done = query.read_untracked().get("done").unwrap_or_default();
                match page.await {
                    Ok(page) => EitherOf3::A(view! { <Sections page actions done/> }),
                    Err(AppError::Unauthorized) => EitherOf3::B(view! { <Redirect path="/admin/login"/> }),
                    Err(e) => EitherOf3::C(view! { <p role="alert">{e.message(t)}</p> }),
                }
            })}
        </Suspense>
    }
}

/// A secret shown this once.
fn once(label: &'static str, secret: String) -> impl IntoView {
    view! {
        <Notice tone="success">
            <p>{label}</p>
            <p><code class="secret" data-testid="revealed">{secret}</code></p>
        </Notice>
    }
}

#[component]
fn Sections(page: Integrations, actions: Actions, done: String) -> impl IntoView {
    let t = use_texts();
    // With JavaScript the secret comes back as the action's answer; without, the next page
    // view carries it (`revealed`, its kind following from what was done).
    let fresh = move || {
        let token = actions.create.value().get().and_then(Result::ok);
        let secret = actions
            .rotate
            .value()
            .get()
            .and_then(Result::ok)
            .or_else(|| {
                actions
                    .endpoint
                    .value()
                    .get()
                    .and_then(Result::ok)
                    .flatten()
            });
        (token, secret)
    };
    let from_action = move || {
        let (token, secret) = fresh();
        view! {
            {token.map(|s| once(t.integrations_token_once, s))}
            {secret.map(|s| once(t.integrations_secret_once, s))}
        }
    };
    let revealed = page.revealed.map(|r| {
        let (label, prefix) = if done == "token_created" {
            (t.integrations_token_once, "opk_")
        } else {
            (t.integrations_secret_once, "whsec_")
        };
        (label, format!("{prefix}{}", r.0))
    });
    let from_page = move || {
        let (token, secret) = fresh();
        let none_yet = token.is_none() && secret.is_none();
        revealed
            .clone()
            .filter(|_| none_yet)
            .map(|(label, secret)| once(label, secret))
    };
    let manage = page.can_manage;
    view! {
        {from_action}
        {from_page}
        {(!manage).then(|| view! { <p class="muted">{t.integrations_only_owner}</p> })}
        <Tokens tokens=page.tokens manage actions/>
        <Webhooks endpoint=page.endpoint manage actions/>
        <Deliveries deliveries=page.deliveries manage resend=actions.resend/>
    }
}

#[component]
fn Tokens(tokens: Vec<TokenView>, manage: bool, actions: Actions) -> impl IntoView {
    let t = use_texts();
    let create_errors = FormErrors::of_action(actions.create);
    let token_name = Kept::of_action(actions.create).text("name", "");
    let revoke = actions.revoke;
    let rows = tokens
        .into_iter()
        .map(|tok| {
            let used = tok
                .last_used_at
                .map(|at| format_datetime(t, at))
                .unwrap_or_else(|| t.integrations_never.to_owned());
            let state = if tok.revoked { t.integrations_revoked } else { t.integrations_active };
            let button = (manage && !tok.revoked).then(|| {
                let label = fill(t.integrations_revoke_named, &[("name", &tok.name)]);
                view! {
                    <ActionForm action=revoke>
                        <input type="hidden" name="token" value=tok.id.to_string()/>
                        <button type="submit" class="button danger" aria-label=label>{t.integrations_revoke}</button>
                    </ActionForm>
                }
            });
            view! {
                <tr>
                    <th scope="row">{tok.name}</th>
                    <td class="nowrap">{format_datetime(t, tok.created_at)}</td>
                    <td class="nowrap">{used}</td>
                    <td>{state}</td>
                    <td>{button}</td>
                </tr>
            }
        })
        .collect_view();
    let create = actions.create;
    view! {
        <section class="card" aria-labelledby="tokens-heading">
            <h2 id="tokens-heading">{t.integrations_tokens_heading}</h2>
            <p class="muted">{t.integrations_tokens_intro}</p>
            <div class="table-scroll">
                <table class="data" data-testid="tokens">
                    <thead><tr>
                        <th scope="col">{t.integrations_column_name}</th>
                        <th scope="col">{t.integrations_column_created}</th>
                        <th scope="col">{t.integrations_column_last_used}</th>
                        <th scope="col">{t.integrations_column_state}</th>
                        <th scope="col"><span class="visually-hidden">{t.integrations_revoke}</span></th>
                    </tr></thead>
                    <tbody>{rows}</tbody>
                </table>
            </div>
            {manage.then(|| view! {
                <ActionForm action=create attr:class="stack" attr:novalidate=true>
                    <FormErrorNotice errors=create_errors/>
                    <FormField id="token-name" name="name" label=t.integrations_token_name
                        hint=t.integrations_token_name_hint autocomplete="off" value=token_name.clone() max_length=80
                        error=create_errors.field(Field::Name)/>
                    <button type="submit" class="button" disabled=move || create.pending().get()>{t.integrations_create_token}</button>
                </ActionForm>
            })}
        </section>
    }
}

#[component]
fn Webhooks(endpoint: Option<String>, manage: bool, actions: Actions) -> impl IntoView {
    let t = use_texts();
    let errors = FormErrors::of_action(actions.endpoint);
    let url = Kept::of_action(actions.endpoint).text("url", endpoint.clone().unwrap_or_default());
    let test_errors = FormErrors::of_action(actions.test);
    let (save, rotate, test) = (actions.endpoint, actions.rotate, actions.test);
    let has_endpoint = endpoint.is_some();
    let current = match &endpoint {
        Some(url) => {
            view! { <p>{t.integrations_endpoint_current}" "<code>{url.clone()}</code></p> }
                .into_any()
        }
        None => view! { <p class="muted">{t.integrations_endpoint_none}</p> }.into_any(),
    };
    let forms = manage.then(|| {
        view! {
            <ActionForm action=save attr:class="stack" attr:novalidate=true>
                <FormErrorNotice errors/>
                <FormField id="webhook-url" name="url" kind="url" label=t.integrations_endpoint_label
                    hint=t.integrations_endpoint_hint autocomplete="off" max_length=2000
                    value=url.clone() error=errors.field(Field::Url)/>
                <button type="submit" class="button" disabled=move || save.pending().get()>{t.integrations_endpoint_save}</button>
            </ActionForm>
            {has_endpoint.then(|| view! {
                <div class="button-row">
                    <ActionForm action=test>
                        <FormErrorNotice errors=test_errors/>
                        <button type="submit" class="button">{t.integrations_send_test}</button>
                    </ActionForm>
                    <ActionForm action=rotate>
                        <button type="submit" class="button danger">{t.integrations_rotate}</button>
                    </ActionForm>
                </div>
            })}
        }
    });
    view! {
        <section class="card" aria-labelledby="webhooks-heading">
            <h2 id="webhooks-heading">{t.integrations_webhooks_heading}</h2>
            <p class="muted">{t.integrations_webhooks_intro}</p>
            {current}
            {forms}
        </section>
    }
}

#[component]
fn Deliveries(
    deliveries: Vec<Delivery>,
    manage: bool,
    resend: ServerAction<ResendWebhook>,
) -> impl IntoView {
    let t = use_texts();
    let empty = deliveries
        .is_empty()
        .then(|| view! { <p class="muted">{t.integrations_no_deliveries}</p> });
    let rows = deliveries
        .into_iter()
        .map(|d| {
            let status = match d.status.as_str() {
                "sent" => t.delivery_sent,
                "dead" => t.delivery_failed,
                _ if d.attempts > 0 => t.delivery_retrying,
                _ => t.delivery_pending,
            };
            let button = manage.then(|| {
                let label = fill(t.integrations_resend_named, &[("event", &d.event_id)]);
                view! {
                    <ActionForm action=resend>
                        <input type="hidden" name="delivery" value=d.id.to_string()/>
                        <button type="submit" class="button" aria-label=label>{t.integrations_resend}</button>
                    </ActionForm>
                }
            });
            view! {
                <tr>
                    <th scope="row"><code>{d.event_type}</code><span class="muted small line">{d.event_id}</span></th>
                    <td>{status}<span class="muted small line">{d.last_error}</span></td>
                    <td>{d.attempts}</td>
                    <td class="nowrap">{format_datetime(t, d.at)}</td>
                    <td>{button}</td>
                </tr>
            }
        })
        .collect_view();
    view! {
        <section class="card" aria-labelledby="deliveries-heading">
            <h2 id="deliveries-heading">{t.integrations_deliveries_heading}</h2>
            {empty}
            <div class="table-scroll">
                <table class="data" data-testid="deliveries">
                    <thead><tr>
                        <th scope="col">{t.integrations_column_event}</th>
                        <th scope="col">{t.integrations_column_status}</th>
                        <th scope="col">{t.integrations_column_attempts}</th>
                        <th scope="col">{t.integrations_column_time}</th>
                        <th scope="col"><span class="visually-hidden">{t.integrations_resend}</span></th>
                    </tr></thead>
                    <tbody>{rows}</tbody>
                </table>
            </div>
        </section>
    }
}
