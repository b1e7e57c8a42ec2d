//! Merchant users.

use super::{Conn, StoreResult};

pub async fn insert(
    conn: &mut Conn,
    email: &str,
    password_hash: &str,
    role: &str,
    now: i64,
) -> StoreResult<i64> {
    let id = sqlx::query_scalar(
        "INSERT INTO merchant_users (email, password_hash, role, created_at)
         VALUES ($1, $2, $3, $4) RETURNING id",
    )
    .bind(email)
    .bind(password_hash)
    .bind(role)
    .bind(now)
    .fetch_one(conn)
    .await?;
    Ok(id)
}

pub async fn exists(conn: &mut Conn, email: &str) -> StoreResult<bool> {
    let n: i64 = sqlx::query_scalar("SELECT COUNT(*) FROM merchant_users WHERE email = $1")
        .bind(email)
        .fetch_one(conn)
        .await?;
    Ok(n > 0)
}

/// An active merchant user as stored.
#[derive(Debug, Clone, sqlx::FromRow)]
pub struct UserRow {
    pub id: i64,
    pub email: String,
    pub password_hash: String,
    pub role: String,
}

pub async fn find_by_email(conn: &mut Conn, email: &str) -> StoreResult<Option<UserRow>> {
    Ok(sqlx::query_as(
        "SELECT id, email, password_hash, role FROM merchant_users
         WHERE email = $1 AND removed_at IS NULL",
    )
    .bind(email)
    .fetch_optional(conn)
    .await?)
}

pub async fn set_password_hash(conn: &mut Conn, id: i64, password_hash: &str) -> StoreResult<()> {
    sqlx::query("UPDATE merchant_users SET password_hash = $2 WHERE id = $1")
        .bind(id)
        .bind(password_hash)
        .execute(conn)
        .await?;
    Ok(())
}
