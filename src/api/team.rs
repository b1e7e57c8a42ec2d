//! The merchant's team and the signed-in user's own password.

use super::AppError;
use crate::domain::Role;
use jiff::civil::Date;
use leptos::prelude::*;
use serde::{Deserialize, Serialize};

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Member {
    pub id: i64,
    pub email: String,
    pub role: Role,
    pub since: Date,
    /// Invited, has not chosen a password yet.
    pub invited: bool,
    /// The signed-in user.
    pub you: bool,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Team {
    pub members: Vec<Member>,
    /// Whether the signed-in user may invite and remove.
    pub can_manage: bool,
}

#[server(prefix = "/fn", endpoint = "team")]
pub async fn get_team() -> Result<Team, AppError> {
    use crate::server::services::{merchant_auth, team};
    use crate::server::web::Ctx;
    let ctx = Ctx::current()?;
    let result = async {
        let me = merchant_auth::current(&ctx).await?;
        Ok(Team {
            members: team::members(&ctx, &me).await?,
            can_manage: me.role == Role::Owner,
        })
    }
    .await;
    ctx.respond(result)
}

#[server(prefix = "/fn", endpoint = "team_invite")]
pub async fn invite_member(email: String) -> Result<(), AppError> {
    use crate::server::services::{merchant_auth, team};
    use crate::server::web::Ctx;
    let ctx = Ctx::current()?;
    let result = async {
        let me = merchant_auth::current(&ctx).await?;
        team::invite(&ctx, &me, &email).await
    }
    .await;
    ctx.respond(result)?;
    leptos_axum::redirect("/admin/team?done=invited");
    Ok(())
}

#[server(prefix = "/fn", endpoint = "team_remove")]
pub async fn remove_member(user: i64) -> Result<(), AppError> {
    use crate::server::services::{merchant_auth, team};
    use crate::server::web::Ctx;
    let ctx = Ctx::current()?;
    let result = async {
        let me = merchant_auth::current(&ctx).await?;
        team::remove(&ctx, &me, user).await
    }
    .await;
    ctx.respond(result)?;
    leptos_axum::redirect("/admin/team?done=removed");
    Ok(())
}

#[server(prefix = "/fn", endpoint = "change_password")]
pub async fn change_password(
    password: String,
    new_password: String,
    repeat_password: String,
) -> Result<(), AppError> {
    use crate::server::services::{merchant_auth, team};
    use crate::server::web::Ctx;
    let ctx = Ctx::current()?;
    let result = async {
        let me = merchant_auth::current(&ctx).await?;
        team::change_password(&ctx, &me, &password, &new_password, &repeat_password).await
    }
    .await;
    ctx.respond(result)?;
    leptos_axum::redirect("/admin/team?done=password");
    Ok(())
}
