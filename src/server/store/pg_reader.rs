//! Reads of the scale-out database on connections of their own.
//!
//! The order status page makes one statement per view. Through the pool that statement cost
//! two round trips to PostgreSQL: sqlx tests every connection given back to its pool with a
//! ping, in a task of its own (not configurable in sqlx 0.8), and its `Any` driver copied every
//! value of the row once more. Here the statement runs on a native connection kept open
//! between reads. A connection is kept only after a read that finished, so it has nothing
//! left to flush and needs no test; a read that failed or was cut off midway (the shopper
//! closed the tab) drops its connection with it.
//!
//! Each read is one statement outside a transaction, so it sees everything committed before
//! it started, as the pool's connections do. When the server has closed a kept connection (a
//! restart, an administrator), the read is repeated once on a new one and the other kept
//! connections, likely closed as well, are dropped: a restart costs no failed view.

use super::{Engine, StoreResult, ACQUIRE_TIMEOUT};
use sqlx::postgres::{PgArguments, PgConnectOptions, PgConnection, PgRow};
use sqlx::query::Query;
use sqlx::{ConnectOptions, Connection, Postgres};
use std::str::FromStr;
use std::sync::Mutex;
use tokio::sync::{Semaphore, SemaphorePermit};

/// Reads at once, each on a connection of its own; more wait for one to finish. The pool
/// keeps its own 16 for everything else.
const AT_ONCE: usize = 8;

/// How the reader's sessions show in `pg_stat_activity`.
const APPLICATION_NAME: &str = "order-portal reader";

pub(super) struct PgReader {
    options: PgConnectOptions,
    /// Open connections between reads.
    idle: Mutex<Vec<PgConnection>>,
    at_once: Semaphore,
}

impl std::fmt::Debug for PgReader {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("PgReader").finish_non_exhaustive()
    }
}

/// A connection lent for one read. Dropped without `keep`, the connection is closed.
struct Lease<'a> {
    reader: &'a PgReader,
    conn: Option<PgConnection>,
    /// Whether the connection was kept from an earlier read (rather than opened for this one).
    reused: bool,
    _permit: SemaphorePermit<'a>,
}

impl Lease<'_> {
    fn conn(&mut self) -> &mut PgConnection {
        self.conn
            .as_mut()
            .expect("a lease holds its connection until kept")
    }

    /// The read finished: the connection is kept for the next one.
    fn keep(mut self) {
        if let (Some(conn), Ok(mut idle)) = (self.conn.take(), self.reader.idle.lock()) {
            idle.push(conn);
        }
    }
}

impl PgReader {
    /// For the database of a `postgres://` URL (already migrated by the pool).
    pub(super) fn new(url: &str) -> StoreResult<Self> {
        Ok(Self {
            options: PgConnectOptions::from_str(url)?.application_name(APPLICATION_NAME),
            idle: Mutex::new(Vec::new()),
            at_once: Semaphore::new(AT_ONCE),
        })
    }

    /// Runs the statement `query` builds (twice if the server had closed the kept connection)
    /// and returns its first row.
    pub(super) async fn fetch_optional<'q>(
        &self,
        query: impl Fn() -> Query<'q, Postgres, PgArguments>,
    ) -> StoreResult<Option<PgRow>> {
        let mut lease = self.lease().await?;
        match query().fetch_optional(lease.conn()).await {
            Ok(row) => {
                lease.keep();
                Ok(row)
            }
            Err(error) if lease.reused && lost_connection(&error) => {
                tracing::warn!(%error, "a kept connection of the status page's reader was closed");
                drop(lease);
                drop(self.take_idle());
                let mut lease = self.lease().await?;
                let row = query().fetch_optional(lease.conn()).await?;
                lease.keep();
                Ok(row)
            }
            Err(error) => Err(error.into()),
        }
    }

    /// A kept connection (the one used last) or a new one, within the pool's time limit (a
    /// server that does not answer fails the view instead of holding it).
    async fn lease(&self) -> StoreResult<Lease<'_>> {
        tokio::time::timeout(ACQUIRE_TIMEOUT, self.lease_now())
            .await
            .unwrap_or(Err(sqlx::Error::PoolTimedOut.into()))
    }

    async fn lease_now(&self) -> StoreResult<Lease<'_>> {
        let permit = self
            .at_once
            .acquire()
            .await
            .expect("the reader's semaphore is never closed");
        let kept = self.idle.lock().map(|mut idle| idle.pop()).unwrap_or(None);
        let reused = kept.is_some();
        let conn = match kept {
            Some(conn) => conn,
            None => self.connect().await?,
        };
        Ok(Lease {
            reader: self,
            conn: Some(conn),
            reused,
            _permit: permit,
        })
    }

    async fn connect(&self) -> StoreResult<PgConnection> {
        let mut conn = self.options.connect().await?;
        for statement in Engine::Postgres.connection_setup() {
            sqlx::query(statement).execute(&mut conn).await?;
        }
        Ok(conn)
    }

    fn take_idle(&self) -> Vec<PgConnection> {
        self.idle
            .lock()
            .map(|mut idle| std::mem::take(&mut *idle))
            .unwrap_or_default()
    }

    /// Closes the kept connections (at shutdown).
    pub(super) async fn close(&self) {
        for conn in self.take_idle() {
            let _ = conn.close().await;
        }
    }
}

/// The error of a connection the server (or the network) has closed, rather than of the
/// statement: PostgreSQL's classes 08 (connection exception) and 57P (shutdown, restart).
fn lost_connection(error: &sqlx::Error) -> bool {
    match error {
        sqlx::Error::Io(_) | sqlx::Error::Protocol(_) => true,
        sqlx::Error::Database(e) => e
            .code()
            .is_some_and(|code| code.starts_with("08") || code.starts_with("57P")),
        _ => false,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn only_a_lost_connection_is_read_again() {
        let reset = std::io::Error::from(std::io::ErrorKind::ConnectionReset);
        assert!(lost_connection(&sqlx::Error::Io(reset)));
        assert!(lost_connection(&sqlx::Error::Protocol(
            "unexpected end".into()
        )));
        assert!(!lost_connection(&sqlx::Error::RowNotFound));
        assert!(!lost_connection(&sqlx::Error::ColumnNotFound(
            "access".into()
        )));
        assert!(!lost_connection(&sqlx::Error::PoolTimedOut));
    }

    /// A server that accepts the connection but never answers (a hung host) fails the read
    /// after the pool's time limit instead of holding the view. The clock is paused: tokio
    /// moves it on while everything waits.
    #[tokio::test(start_paused = true)]
    async fn a_server_that_does_not_answer_fails_the_read_after_the_time_limit() {
        let silent = std::net::TcpListener::bind("127.0.0.1:0").unwrap();
        let url = format!("postgres://portal@{}/portal", silent.local_addr().unwrap());
        let reader = PgReader::new(&url).unwrap();
        let started = tokio::time::Instant::now();
        let read = reader.fetch_optional(|| sqlx::query("SELECT 1")).await;
        assert!(
            matches!(
                read,
                Err(super::super::StoreError::Sqlx(sqlx::Error::PoolTimedOut))
            ),
            "{read:?}"
        );
        assert!(started.elapsed() >= ACQUIRE_TIMEOUT);
        assert_eq!(
            reader.at_once.available_permits(),
            AT_ONCE,
            "its place freed"
        );
    }
}
