//! `/admin/team`: who can sign in; the owner invites and removes staff; everyone changes their
//! own password here.

use crate::api::team::{get_team, ChangePassword, InviteMember, RemoveMember, Team};
use crate::api::Field;
use crate::domain::Role;
use crate::i18n::{fill, format_date, Texts};
use crate::ui::components::{FormErrorNotice, FormErrors, FormField, Kept, Notice};
use crate::ui::use_texts;
use leptos::prelude::*;
use leptos_meta::Title;
use leptos_router::hooks::use_query_map;

fn done_text(t: &'static Texts, done: &str) -> Option<&'static str> {
    Some(match done {
        "invited" => t.done_invited,
        "removed" => t.done_removed,
        "password" => t.done_password,
        _ => return None,
    })
}

#[component]
pub fn AdminTeamPage() -> impl IntoView {
    let t = use_texts();
    let query = use_query_map();
    let invite = ServerAction::<InviteMember>::new();
    let remove = ServerAction::<RemoveMember>::new();
    let change = ServerAction::<ChangePassword>::new();
    let team = Resource::new(
        move || {
            (
                query.read().get("done"),
                invite.version().get(),
                remove.version().get(),
            )
        },
        |_| get_team(),
    );
    let done = move || {
        let done = query.read().get("done")?;
        done_text(t, &done).map(|text| view! { <Notice tone="success"><p>{text}</p></Notice> })
    };
    view! {
        <Title text=t.team_title/>
        <super::AdminNav current="/admin/team"/>
        <h1>{t.team_title}</h1>
        <div role="status" aria-live="polite">{done}</div>
        {super::admin_loaded(team, move |team| view! {
                        <Members team remove/>
                        <InviteForm action=invite/>
                        <PasswordForm action=change/>
                    })}
    }
}

#[component]
fn Members(team: Team, remove: ServerAction<RemoveMember>) -> impl IntoView {
    let t = use_texts();
    let errors = FormErrors::of_action(remove);
    let can_manage = team.can_manage;
    let rows = team
        .members
        .into_iter()
        .map(|m| {
            let role = match m.role {
                Role::Owner => t.team_role_owner,
                Role::Staff => t.team_role_staff,
            };
            let mut who = m.email.clone();
            if m.you {
                who.push_str(&format!(" ({})", t.team_you));
            }
            let state = m.invited.then_some(t.team_invited);
            let action = (can_manage && m.role == Role::Staff).then(|| {
                let label = fill(t.team_remove, &[("email", &m.email)]);
                view! {
                    <ActionForm action=remove>
                        <input type="hidden" name="user" value=m.id.to_string()/>
                        <button type="submit" class="button danger" aria-label=label>{t.team_remove_button}</button>
                    </ActionForm>
                }
            });
            view! {
                <tr>
                    <th scope="row">{who}<span class="muted small line">{state}</span></th>
                    <td>{role}</td>
                    <td class="nowrap">{format_date(t, m.since)}</td>
                    <td>{action}</td>
                </tr>
            }
        })
        .collect_view();
    view! {
        <section class="card">
            <p class="muted">{t.team_intro}</p>
            <FormErrorNotice errors/>
            <div class="table-scroll">
                <table class="data" data-testid="team">
                    <thead><tr>
                        <th scope="col">{t.column_email}</th>
                        <th scope="col">{t.column_role}</th>
                        <th scope="col">{t.column_since}</th>
                        <th scope="col"><span class="visually-hidden">{t.team_remove_button}</span></th>
                    </tr></thead>
                    <tbody>{rows}</tbody>
                </table>
            </div>
            {(!can_manage).then(|| view! { <p class="muted">{t.team_only_owner}</p> })}
        </section>
    }
}

#[component]
fn InviteForm(action: ServerAction<InviteMember>) -> impl IntoView {
    let t = use_texts();
    let errors = FormErrors::of_action(action);
    let email = Kept::of_action(action).text("email", "");
    view! {
        <section class="card" aria-labelledby="invite-heading">
            <h2 id="invite-heading">{t.team_invite_heading}</h2>
            <ActionForm action attr:class="stack" attr:novalidate=true>
                <FormErrorNotice errors/>
                <FormField id="invite-email" name="email" kind="email" label=t.team_invite_email_label
                    autocomplete="off" value=email max_length=254 error=errors.field(Field::Email)/>
                <button type="submit" class="button" disabled=move || action.pending().get()>{t.team_invite_submit}</button>
            </ActionForm>
        </section>
    }
}

#[component]
fn PasswordForm(action: ServerAction<ChangePassword>) -> impl IntoView {
    let t = use_texts();
    let errors = FormErrors::of_action(action);
    view! {
        <section class="card" aria-labelledby="password-heading">
            <h2 id="password-heading">{t.password_heading}</h2>
            <p class="muted">{t.password_change_note}</p>
            <ActionForm action attr:class="stack" attr:novalidate=true>
                <FormErrorNotice errors/>
                <FormField id="current-password" name="password" kind="password" label=t.password_current_label
                    autocomplete="current-password" max_length=128 error=errors.field(Field::Password)/>
                <FormField id="new-password" name="new_password" kind="password" label=t.password_new_label
                    hint=t.password_new_hint autocomplete="new-password" max_length=128 error=errors.field(Field::NewPassword)/>
                <FormField id="repeat-password" name="repeat_password" kind="password" label=t.password_repeat_label
                    autocomplete="new-password" max_length=128 error=Signal::derive(|| None::<String>)/>
                <button type="submit" class="button" disabled=move || action.pending().get()>{t.password_change_submit}</button>
            </ActionForm>
        </section>
    }
}
