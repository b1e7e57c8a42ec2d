use sqlx::migrate::Migrator;
use std::time::Duration;

static SQLITE_MIGRATIONS: Migrator = sqlx::migrate!("migrations/sqlite");
static POSTGRES_MIGRATIONS: Migrator = sqlx::migrate!("migrations/postgres");

/// What differs between the embedded and the scale-out database.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Engine {
    Sqlite,
    Postgres,
}

impl Engine {
    pub fn from_url(url: &str) -> Option<Self> {
        if url.starts_with("sqlite:") {
            Some(Engine::Sqlite)
        } else if url.starts_with("postgres://") || url.starts_with("postgresql://") {
            Some(Engine::Postgres)
        } else {
            None
        }
    }

    /// The engine behind a connection of the pool.
    pub(super) fn of(conn: &super::Conn) -> Self {
        if conn.backend_name() == <sqlx::Postgres as sqlx::Database>::NAME {
            Engine::Postgres
        } else {
            Engine::Sqlite
        }
    }

    pub fn name(&self) -> &'static str {
        match self {
            Engine::Sqlite => "sqlite",
            Engine::Postgres => "postgres",
        }
    }

    pub(super) fn migrator(&self) -> &'static Migrator {
        match self {
            Engine::Sqlite => &SQLITE_MIGRATIONS,
            Engine::Postgres => &POSTGRES_MIGRATIONS,
        }
    }

    /// SQLite has one writer at a time; a few connections serve concurrent readers in WAL mode.
    pub(super) fn max_connections(&self) -> u32 {
        match self {
            Engine::Sqlite => 8,
            Engine::Postgres => 16,
        }
    }

    /// Whether the pool pings a connection that has been idle for `idle_for` before handing it
    /// out. An in-process SQLite connection cannot go away; the ping was one more hand-off to
    /// its worker thread on every acquire (docs/benchmarks.md, "Third round"). A PostgreSQL
    /// connection can (a restarted server), and the ping replaces it instead of failing a
    /// request — but the pool already pings every connection given back, so one given back
    /// moments ago was just tested: only one idle for a second or more is tested again (that
    /// ping was a third round trip per status page, "Seventh round").
    pub(super) fn ping_before_acquire(&self, idle_for: Duration) -> bool {
        match self {
            Engine::Sqlite => false,
            Engine::Postgres => idle_for >= Duration::from_secs(1),
        }
    }

    /// Run on every new connection.
    pub(super) fn connection_setup(&self) -> &'static [&'static str] {
        match self {
            Engine::Sqlite => &[
                "PRAGMA journal_mode = WAL",
                "PRAGMA synchronous = NORMAL",
                "PRAGMA busy_timeout = 10000",
                "PRAGMA foreign_keys = ON",
            ],
            Engine::Postgres => &["SET TIME ZONE 'UTC'"],
        }
    }

    pub(super) fn begin_statement(&self) -> &'static str {
        match self {
            Engine::Sqlite => "BEGIN IMMEDIATE",
            Engine::Postgres => "BEGIN",
        }
    }

    /// Suffix for a `SELECT` that claims rows other instances may be claiming at the same time.
    /// SQLite needs none: its write transaction already excludes every other writer.
    pub fn skip_locked(&self) -> &'static str {
        match self {
            Engine::Sqlite => "",
            Engine::Postgres => " FOR UPDATE SKIP LOCKED",
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn only_a_postgres_connection_idle_for_a_second_is_pinged_before_use() {
        for idle in [0, 999, 1_000, 3_600_000] {
            let idle_for = Duration::from_millis(idle);
            assert!(!Engine::Sqlite.ping_before_acquire(idle_for));
            assert_eq!(
                Engine::Postgres.ping_before_acquire(idle_for),
                idle >= 1_000
            );
        }
    }
}
