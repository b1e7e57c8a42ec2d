//! Storage. One `Db` interface over the two engines: the queries are shared SQL (both engines
//! accept `$n` parameters, `ON CONFLICT`, `RETURNING`, and store the same column types), and
//! everything that differs — connection set-up, migrations, how a write transaction starts, how
//! work is claimed — lives in the `Engine` implementation for each.

pub mod accounts;
pub mod api;
pub mod backorders;
pub mod cancellations;
pub mod catalog;
mod columns;
mod engine;
pub mod estimates;
pub mod handling;
pub mod links;
mod order_contents;
pub mod order_filters;
pub mod orders;
pub mod outbox;
mod pg_reader;
pub mod rate_limit;
pub mod requests;
pub mod rows;
pub mod sessions;
mod sqlite_reader;
pub mod sync;
pub mod users;

pub use engine::Engine;
use pg_reader::PgReader;
use sqlite_reader::SqliteReader;
use std::sync::Arc;

use sqlx::any::{AnyPoolOptions, AnyRow};
use sqlx::{AnyConnection, AnyPool, Connection, Row, Transaction};
use std::time::Duration;

pub type Tx = Transaction<'static, sqlx::Any>;
pub type Conn = AnyConnection;

#[derive(Debug, thiserror::Error)]
pub enum StoreError {
    #[error("database: {0}")]
    Sqlx(#[from] sqlx::Error),
    #[error("database: {0}")]
    Sqlite(#[from] rusqlite::Error),
    #[error("migrations: {0}")]
    Migrate(#[from] sqlx::migrate::MigrateError),
    #[error("stored data is not valid: {0}")]
    Corrupt(String),
    #[error("unsupported database URL (use sqlite://… or postgres://…)")]
    UnsupportedUrl,
}

impl StoreError {
    /// A unique or primary-key constraint refused the write.
    pub fn is_unique_violation(&self) -> bool {
        matches!(self, StoreError::Sqlx(sqlx::Error::Database(e)) if e.is_unique_violation())
    }
}

pub type StoreResult<T> = Result<T, StoreError>;

/// How long a request waits for a connection (the pool's, or a reader's) before it fails.
const ACQUIRE_TIMEOUT: Duration = Duration::from_secs(10);

/// The database handle the whole server shares.
#[derive(Clone, Debug)]
pub struct Db {
    pool: AnyPool,
    engine: Engine,
    /// The status page's read, outside the pool.
    reader: Reader,
}

/// Connections of their own for the status page's read: the pool's hand-offs and tests cost
/// more than the read (`sqlite_reader`, `pg_reader`).
#[derive(Clone, Debug)]
enum Reader {
    Sqlite(Arc<SqliteReader>),
    Postgres(Arc<PgReader>),
}

impl Db {
    /// Connects and applies pending migrations.
    pub async fn connect(url: &str) -> StoreResult<Self> {
        sqlx::any::install_default_drivers();
        let engine = Engine::from_url(url).ok_or(StoreError::UnsupportedUrl)?;
        let options = AnyPoolOptions::new()
            .max_connections(engine.max_connections())
            .test_before_acquire(false)
            .before_acquire(move |conn, meta| {
                Box::pin(async move {
                    if engine.ping_before_acquire(meta.idle_for) {
                        conn.ping().await?;
                    }
                    Ok(true)
                })
            })
            .acquire_timeout(ACQUIRE_TIMEOUT)
            .after_connect(move |conn, _meta| {
                Box::pin(async move {
                    for statement in engine.connection_setup() {
                        sqlx::query(statement).execute(&mut *conn).await?;
                    }
                    Ok(())
                })
            });
        let pool = options.connect(url).await?;
        let reader = match engine {
            Engine::Sqlite => Reader::Sqlite(Arc::new(SqliteReader::new(url)?)),
            Engine::Postgres => Reader::Postgres(Arc::new(PgReader::new(url)?)),
        };
        let db = Self {
            pool,
            engine,
            reader,
        };
        db.migrate().await?;
        Ok(db)
    }

    pub async fn migrate(&self) -> StoreResult<()> {
        self.engine.migrator().run(&self.pool).await?;
        Ok(())
    }

    pub fn engine(&self) -> Engine {
        self.engine
    }

    pub fn pool(&self) -> &AnyPool {
        &self.pool
    }

    /// Starts a write transaction. On SQLite it takes the write lock up front (`BEGIN
    /// IMMEDIATE`), so a contended write waits for the busy timeout instead of failing later.
    pub async fn begin(&self) -> StoreResult<Tx> {
        Ok(self.pool.begin_with(self.engine.begin_statement()).await?)
    }

    /// A read-only connection from the pool.
    pub async fn read(&self) -> StoreResult<sqlx::pool::PoolConnection<sqlx::Any>> {
        Ok(self.pool.acquire().await?)
    }

    /// A connection taken only when first needed (`LazyConn`).
    pub fn lazy(&self) -> LazyConn<'_> {
        LazyConn {
            db: self,
            conn: None,
        }
    }

    pub async fn ping(&self) -> StoreResult<()> {
        sqlx::query("SELECT 1").execute(&self.pool).await?;
        Ok(())
    }

    pub async fn close(&self) {
        if let Reader::Postgres(reader) = &self.reader {
            reader.close().await;
        }
        self.pool.close().await;
    }
}

/// A pool connection taken when first asked for. A page whose reads are mostly answered from
/// memory (the settings `view_settings` keeps) then takes none: every connection given back to
/// the pool costs a round trip (sqlx tests it; on SQLite a hand-off to its thread and back).
pub struct LazyConn<'a> {
    db: &'a Db,
    conn: Option<sqlx::pool::PoolConnection<sqlx::Any>>,
}

impl LazyConn<'_> {
    pub async fn get(&mut self) -> StoreResult<&mut Conn> {
        let conn = match self.conn.take() {
            Some(conn) => conn,
            None => self.db.read().await?,
        };
        Ok(&mut **self.conn.insert(conn))
    }
}

/// Reads a flag stored as BOOLEAN (PostgreSQL) or 0/1 (SQLite).
pub fn flag(row: &AnyRow, column: &str) -> StoreResult<bool> {
    if let Ok(value) = row.try_get::<bool, _>(column) {
        return Ok(value);
    }
    Ok(row.try_get::<i64, _>(column)? != 0)
}

/// Current time in unix milliseconds: the one clock the store writes.
pub fn millis(at: jiff::Timestamp) -> i64 {
    at.as_millisecond()
}

pub fn timestamp(ms: i64) -> StoreResult<jiff::Timestamp> {
    jiff::Timestamp::from_millisecond(ms).map_err(|e| StoreError::Corrupt(e.to_string()))
}
