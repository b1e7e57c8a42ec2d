//! Accounts: the merchant's team, customers' passwords, set-password links and one-time codes.
//! Tokens and codes are stored only as hashes.

use super::{Conn, StoreResult};

#[derive(Debug, Clone, sqlx::FromRow)]
pub struct MemberRow {
    pub id: i64,
    pub email: String,
    pub role: String,
    pub created_at: i64,
    /// Whether the member has chosen a password yet.
    pub active: i64,
}

/// Password hash of a member who was invited and has not chosen a password: never verifies.
pub const UNUSABLE_HASH: &str = "!invited";

pub async fn members(conn: &mut Conn) -> StoreResult<Vec<MemberRow>> {
    let sql = format!(
        "SELECT id, email, role, created_at,
                CASE WHEN password_hash = '{UNUSABLE_HASH}' THEN 0 ELSE 1 END AS active
         FROM merchant_users WHERE removed_at IS NULL ORDER BY created_at, id"
    );
    Ok(sqlx::query_as(&sql).fetch_all(conn).await?)
}

pub async fn member_email(conn: &mut Conn, id: i64) -> StoreResult<Option<String>> {
    Ok(
        sqlx::query_scalar("SELECT email FROM merchant_users WHERE id = $1 AND removed_at IS NULL")
            .bind(id)
            .fetch_optional(conn)
            .await?,
    )
}

pub async fn password_hash(conn: &mut Conn, user_id: i64) -> StoreResult<Option<String>> {
    Ok(
        sqlx::query_scalar("SELECT password_hash FROM merchant_users WHERE id = $1")
            .bind(user_id)
            .fetch_optional(conn)
            .await?,
    )
}

/// Marks a member removed; returns whether an active staff member was removed.
pub async fn remove_staff(conn: &mut Conn, id: i64, now: i64) -> StoreResult<bool> {
    let done = sqlx::query(
        "UPDATE merchant_users SET removed_at = $2
         WHERE id = $1 AND role = 'staff' AND removed_at IS NULL",
    )
    .bind(id)
    .bind(now)
    .execute(conn)
    .await?;
    Ok(done.rows_affected() == 1)
}

/// Ends every session of a merchant user except the one with `keep` (a token hash).
pub async fn end_member_sessions(
    conn: &mut Conn,
    user_id: i64,
    keep: Option<&str>,
) -> StoreResult<u64> {
    let done = sqlx::query(
        "DELETE FROM sessions WHERE merchant_user_id = $1 AND ($2 IS NULL OR token_hash <> $2)",
    )
    .bind(user_id)
    .bind(keep)
    .execute(conn)
    .await?;
    Ok(done.rows_affected())
}

pub async fn audit(
    conn: &mut Conn,
    at: i64,
    actor_id: i64,
    action: &str,
    data: &serde_json::Value,
) -> StoreResult<()> {
    sqlx::query(
        "INSERT INTO audit_log (at, actor, actor_id, action, data) VALUES ($1, 'merchant', $2, $3, $4)",
    )
    .bind(at)
    .bind(actor_id.to_string())
    .bind(action)
    .bind(data.to_string())
    .execute(conn)
    .await?;
    Ok(())
}

/// A customer by email: id and stored password hash (if they made an account).
pub async fn customer_by_email(
    conn: &mut Conn,
    email: &str,
) -> StoreResult<Option<(i64, Option<String>)>> {
    Ok(
        sqlx::query_as("SELECT id, password_hash FROM customers WHERE email = $1")
            .bind(email)
            .fetch_optional(conn)
            .await?,
    )
}

pub async fn set_customer_password(conn: &mut Conn, id: i64, hash: &str) -> StoreResult<()> {
    sqlx::query("UPDATE customers SET password_hash = $2 WHERE id = $1")
        .bind(id)
        .bind(hash)
        .execute(conn)
        .await?;
    Ok(())
}

/// Whom a set-password link is for.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum PasswordOwner {
    Member(i64),
    Customer(i64),
}

pub async fn insert_password_token(
    conn: &mut Conn,
    token_hash: &str,
    owner: PasswordOwner,
    outbox_id: i64,
    now: i64,
    expires_at: i64,
) -> StoreResult<()> {
    let (member, customer) = match owner {
        PasswordOwner::Member(id) => (Some(id), None),
        PasswordOwner::Customer(id) => (None, Some(id)),
    };
    sqlx::query(
        "INSERT INTO password_tokens (token_hash, merchant_user_id, customer_id, outbox_id,
             created_at, expires_at)
         VALUES ($1, $2, $3, $4, $5, $6)",
    )
    .bind(token_hash)
    .bind(member)
    .bind(customer)
    .bind(outbox_id)
    .bind(now)
    .bind(expires_at)
    .execute(conn)
    .await?;
    Ok(())
}

/// Spends a set-password token: returns its owner if it was unused and unexpired, and marks it
/// used in the same statement, so a token works once even under concurrent submits.
pub async fn use_password_token(
    conn: &mut Conn,
    token_hash: &str,
    now: i64,
) -> StoreResult<Option<PasswordOwner>> {
    let row: Option<(Option<i64>, Option<i64>)> = sqlx::query_as(
        "UPDATE password_tokens SET used_at = $2
         WHERE token_hash = $1 AND used_at IS NULL AND expires_at > $2
         RETURNING merchant_user_id, customer_id",
    )
    .bind(token_hash)
    .bind(now)
    .fetch_optional(conn)
    .await?;
    Ok(match row {
        Some((Some(member), _)) => Some(PasswordOwner::Member(member)),
        Some((None, Some(customer))) => Some(PasswordOwner::Customer(customer)),
        _ => None,
    })
}

pub async fn insert_code(
    conn: &mut Conn,
    session_id: i64,
    order_id: i64,
    code_hash: &str,
    now: i64,
    expires_at: i64,
) -> StoreResult<()> {
    // A new code replaces any earlier one for the same session and order.
    sqlx::query(
        "UPDATE one_time_codes SET used_at = $3
         WHERE session_id = $1 AND order_id = $2 AND used_at IS NULL",
    )
    .bind(session_id)
    .bind(order_id)
    .bind(now)
    .execute(&mut *conn)
    .await?;
    sqlx::query(
        "INSERT INTO one_time_codes (session_id, order_id, code_hash, created_at, expires_at)
         VALUES ($1, $2, $3, $4, $5)",
    )
    .bind(session_id)
    .bind(order_id)
    .bind(code_hash)
    .bind(now)
    .bind(expires_at)
    .execute(conn)
    .await?;
    Ok(())
}

/// Counts one try against the live code of a session and order; returns the code's id, hash
/// and tries so far (including this one).
pub async fn try_code(
    conn: &mut Conn,
    session_id: i64,
    order_id: i64,
    now: i64,
) -> StoreResult<Option<(i64, String, i64)>> {
    Ok(sqlx::query_as(
        "UPDATE one_time_codes SET attempts = attempts + 1
         WHERE session_id = $1 AND order_id = $2 AND used_at IS NULL AND expires_at > $3
         RETURNING id, code_hash, attempts",
    )
    .bind(session_id)
    .bind(order_id)
    .bind(now)
    .fetch_optional(conn)
    .await?)
}

pub async fn use_code(conn: &mut Conn, id: i64, now: i64) -> StoreResult<bool> {
    let done =
        sqlx::query("UPDATE one_time_codes SET used_at = $2 WHERE id = $1 AND used_at IS NULL")
            .bind(id)
            .bind(now)
            .execute(conn)
            .await?;
    Ok(done.rows_affected() == 1)
}
