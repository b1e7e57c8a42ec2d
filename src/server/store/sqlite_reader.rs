//! Reads of the embedded database on the calling thread.
//!
//! sqlx runs every SQLite connection on a thread of its own: each statement is handed to that
//! thread and its rows handed back, and each connection given back to the pool is tested with
//! one more such round trip. For the order status page — one index-bound statement of a few
//! dozen microseconds — those hand-offs cost more than the read itself (docs/benchmarks.md,
//! "Sixth round"). So the page's read runs here instead: on the request's own thread, on a
//! small set of connections that are read-only (`query_only`) and kept open between reads.
//!
//! Each read is one statement in autocommit mode, so it sees everything committed before it
//! started, as the pool's connections do (WAL: readers do not wait for the writer). Only
//! short, index-bound reads belong here, since they hold up the runtime thread they run on.

use super::StoreResult;
use rusqlite::{Connection, OpenFlags};
use std::path::PathBuf;
use std::str::FromStr;
use std::sync::Mutex;
use std::time::Duration;

/// How much of the database file each reader connection maps into memory instead of copying
/// pages into its own cache with a read call per page: all of a shop's database up to about
/// 15k orders (10k orders are 37 MB), the first part of a larger one. Pages are shared with the
/// operating system's file cache, but each mapped page a read touched counts in the process's
/// resident size, so the cap also bounds what mapping can add to it (docs/benchmarks.md, "Tenth
/// round").
const MAPPED_BYTES: i64 = 64 * 1024 * 1024;

/// Connections kept open between reads: reads run on the runtime's worker threads (one per
/// core), so about as many run at once; at least a few for machines with one or two cores.
fn kept_for_this_machine() -> usize {
    std::thread::available_parallelism()
        .map_or(1, usize::from)
        .max(4)
}

pub(super) struct SqliteReader {
    path: PathBuf,
    idle: Mutex<Vec<Connection>>,
    /// At most this many idle connections are kept.
    keep: usize,
}

impl std::fmt::Debug for SqliteReader {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("SqliteReader")
            .field("path", &self.path)
            .finish_non_exhaustive()
    }
}

impl SqliteReader {
    /// For the database of a `sqlite://` URL (already created and migrated by the pool).
    pub(super) fn new(url: &str) -> StoreResult<Self> {
        let options = sqlx::sqlite::SqliteConnectOptions::from_str(url)?;
        Ok(Self {
            path: options.get_filename().to_path_buf(),
            idle: Mutex::new(Vec::new()),
            keep: kept_for_this_machine(),
        })
    }

    /// Runs `read` on a kept connection (or a new one).
    pub(super) fn read<T>(
        &self,
        read: impl FnOnce(&Connection) -> StoreResult<T>,
    ) -> StoreResult<T> {
        let kept = self.idle.lock().map(|mut idle| idle.pop()).unwrap_or(None);
        let conn = match kept {
            Some(conn) => conn,
            None => self.connect()?,
        };
        let result = read(&conn);
        // A statement that failed may have left the connection in any state: not kept.
        if result.is_ok() {
            if let Ok(mut idle) = self.idle.lock() {
                if idle.len() < self.keep {
                    idle.push(conn);
                }
            }
        }
        result
    }

    fn connect(&self) -> StoreResult<Connection> {
        let conn = Connection::open_with_flags(
            &self.path,
            OpenFlags::SQLITE_OPEN_READ_WRITE | OpenFlags::SQLITE_OPEN_NO_MUTEX,
        )?;
        conn.busy_timeout(Duration::from_secs(10))?;
        conn.pragma_update(None, "query_only", true)?;
        conn.pragma_update(None, "mmap_size", MAPPED_BYTES)?;
        Ok(conn)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn database() -> (tempfile::TempDir, Connection, SqliteReader) {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("portal.db");
        let writer = Connection::open(&path).unwrap();
        writer
            .execute_batch(
                "PRAGMA journal_mode = WAL;
                 CREATE TABLE t (id INTEGER PRIMARY KEY, v TEXT);
                 INSERT INTO t VALUES (1, 'first');",
            )
            .unwrap();
        let url = format!("sqlite://{}?mode=rwc", path.display());
        (dir, writer, SqliteReader::new(&url).unwrap())
    }

    fn value(reader: &SqliteReader) -> StoreResult<String> {
        reader.read(|conn| {
            let mut statement = conn.prepare_cached("SELECT v FROM t WHERE id = $1")?;
            Ok(statement.query_row(rusqlite::named_params! {"$1": 1}, |row| row.get(0))?)
        })
    }

    fn kept(reader: &SqliteReader) -> usize {
        reader.idle.lock().unwrap().len()
    }

    #[test]
    fn a_kept_connection_sees_what_was_committed_after_its_last_read() {
        let (_dir, writer, reader) = database();
        assert_eq!(value(&reader).unwrap(), "first");
        assert_eq!(kept(&reader), 1);
        writer.execute("UPDATE t SET v = 'second'", []).unwrap();
        assert_eq!(value(&reader).unwrap(), "second");
        assert_eq!(kept(&reader), 1, "the same connection, reused");
    }

    #[test]
    fn reads_map_the_database_file_up_to_the_cap() {
        let (_dir, _writer, reader) = database();
        let mapped: i64 = reader
            .read(|conn| Ok(conn.query_row("PRAGMA mmap_size", [], |row| row.get(0))?))
            .unwrap();
        assert_eq!(mapped, MAPPED_BYTES);
    }

    #[test]
    fn the_reader_cannot_write_and_drops_a_connection_that_failed() {
        let (_dir, writer, reader) = database();
        let refused = reader.read(|conn| Ok(conn.execute("DELETE FROM t", [])?));
        assert!(refused.is_err());
        assert_eq!(kept(&reader), 0);
        let rows: i64 = writer
            .query_row("SELECT COUNT(*) FROM t", [], |row| row.get(0))
            .unwrap();
        assert_eq!(rows, 1, "nothing deleted");
    }

    /// Reads inside reads: `depth + 1` connections open at once.
    fn nested(reader: &SqliteReader, depth: usize) -> StoreResult<()> {
        reader.read(|_| match depth {
            0 => Ok(()),
            _ => nested(reader, depth - 1),
        })
    }

    #[test]
    fn no_more_than_a_few_connections_are_kept() {
        let (_dir, _writer, reader) = database();
        assert!(reader.keep >= 4);
        nested(&reader, reader.keep + 2).unwrap();
        assert_eq!(kept(&reader), reader.keep);
    }
}
