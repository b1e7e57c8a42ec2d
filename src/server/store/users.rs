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
