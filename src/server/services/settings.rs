//! The merchant's settings pages: read and save a settings document with its version (a form
//! drawn from an older version is refused, so two tabs never overwrite each other silently),
//! owner only, written to the audit log.

use super::merchant_auth::Merchant;
use super::{cancellation, ServiceError, ServiceResult};
use crate::api::settings::{CancellationSettings, ReasonRow};
use crate::api::{AppError, Field};
use crate::domain::cancellation::{code_from_label, Policy, PolicyField, ReasonOption};
use crate::domain::{InputProblem, Role};
use crate::server::store::{accounts, catalog, millis};
use crate::server::web::Ctx;

pub async fn cancellation(ctx: &Ctx, me: &Merchant) -> ServiceResult<CancellationSettings> {
    let mut conn = ctx.state.db.read().await?;
    let policy = cancellation::policy(&mut conn).await?;
    let version = catalog::setting_version(&mut conn, cancellation::POLICY).await?;
    Ok(CancellationSettings {
        policy,
        version,
        can_manage: me.role == Role::Owner,
        now_local: ctx.state.local(ctx.state.now()),
    })
}

/// The cancellation form as posted.
pub struct CancellationForm<'a> {
    pub version: i64,
    pub window_minutes: &'a str,
    pub enabled: bool,
    pub requests_after_window: bool,
    pub restock: bool,
    pub allow_line_cancel: bool,
    pub reasons: &'a [ReasonRow],
}

/// The reasons in their new order, without the removed ones and the blank "add" row.
fn reasons(rows: &[ReasonRow]) -> ServiceResult<Vec<ReasonOption>> {
    let mut kept: Vec<(i64, usize, ReasonOption)> = Vec::new();
    for (i, row) in rows.iter().enumerate() {
        let label = row.label.trim();
        if row.remove.is_some() || (row.code.is_empty() && label.is_empty()) {
            continue;
        }
        let position = match row.position.trim() {
            "" => i64::MAX,
            p => p
                .parse::<i64>()
                .map_err(|_| AppError::invalid(Field::Position, InputProblem::Malformed))?,
        };
        let code = if row.code.is_empty() {
            code_from_label(label)
        } else {
            row.code.clone()
        };
        let code = if code.is_empty() {
            format!("reason_{i}")
        } else {
            code
        };
        kept.push((
            position,
            i,
            ReasonOption {
                code,
                label: label.to_owned(),
                translations: row.translations.clone(),
            },
        ));
    }
    kept.sort_by_key(|(position, i, _)| (*position, *i));
    Ok(kept.into_iter().map(|(_, _, r)| r).collect())
}

pub async fn save_cancellation(
    ctx: &Ctx,
    me: &Merchant,
    form: CancellationForm<'_>,
) -> ServiceResult<()> {
    me.owner_only("settings change")?;
    let window_minutes = form
        .window_minutes
        .trim()
        .parse::<u32>()
        .map_err(|_| AppError::invalid(Field::WindowMinutes, InputProblem::Malformed))?;
    let policy = Policy {
        enabled: form.enabled,
        window_minutes,
        requests_after_window: form.requests_after_window,
        reasons: reasons(form.reasons)?,
        restock: form.restock,
        allow_line_cancel: form.allow_line_cancel,
    };
    let policy = policy.validated().map_err(|(field, problem)| {
        let field = match field {
            PolicyField::WindowMinutes => Field::WindowMinutes,
            PolicyField::Reasons
            | PolicyField::ReasonCode(_)
            | PolicyField::ReasonLabel(_)
            | PolicyField::ReasonTranslation(..) => Field::Reasons,
        };
        AppError::invalid(field, problem)
    })?;
    save_versioned(
        ctx,
        me,
        cancellation::POLICY,
        form.version,
        &policy,
        "cancellation_policy_changed",
    )
    .await
}

/// Stores a validated settings document if the form was drawn from the current `version`, and
/// writes the audit entry in the same transaction. A stale form is a conflict; nothing changes.
pub async fn save_versioned<T: serde::Serialize>(
    ctx: &Ctx,
    me: &Merchant,
    key: &str,
    version: i64,
    value: &T,
    action: &str,
) -> ServiceResult<()> {
    let json = serde_json::to_string(value).map_err(|e| ServiceError::Other(e.to_string()))?;
    let data: serde_json::Value = serde_json::from_str(&json).unwrap_or_default();
    let now = millis(ctx.state.now());
    let by = format!("merchant:{}", me.user_id);
    let mut tx = ctx.state.db.begin().await?;
    if !catalog::put_setting_at(&mut tx, key, &json, &by, now, version).await? {
        return Err(AppError::Conflict.into());
    }
    accounts::audit(&mut tx, now, me.user_id, action, &data).await?;
    tx.commit().await?;
    ctx.state.views.forget();
    tracing::info!(user_id = me.user_id, action, "settings changed");
    Ok(())
}
