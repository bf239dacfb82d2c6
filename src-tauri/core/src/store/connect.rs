//! Where a register lives and how its pool is opened and closed: the SQLite
//! file's settings (write-ahead log, cache, secure deletion) and PostgreSQL's
//! first connection, which tells at once when the server is not there.

use std::path::{Path, PathBuf};
use std::str::FromStr;
use std::time::Duration;

use sqlx::postgres::{PgConnectOptions, PgPool, PgPoolOptions};
use sqlx::sqlite::{SqliteJournalMode, SqlitePool, SqlitePoolOptions, SqliteSynchronous};

use super::{cipher, OpenMode};
use crate::error::{Error, Result};

/// Where a register lives.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Location {
    Sqlite(PathBuf),
    Postgres(String),
}

impl Location {
    /// A path, `sqlite:PATH`, `sqlite://PATH`, or a `postgres://` / `postgresql://` URL.
    pub fn parse(text: &str) -> Location {
        let t = text.trim();
        if t.starts_with("postgres://") || t.starts_with("postgresql://") {
            Location::Postgres(t.to_owned())
        } else if let Some(rest) = t.strip_prefix("sqlite://").or_else(|| t.strip_prefix("sqlite:")) {
            Location::Sqlite(PathBuf::from(rest))
        } else {
            Location::Sqlite(PathBuf::from(t))
        }
    }

    /// For messages: the path, or the URL without its password.
    pub fn display(&self) -> String {
        match self {
            Location::Sqlite(p) => p.display().to_string(),
            Location::Postgres(url) => redact_password(url),
        }
    }
}

fn redact_password(url: &str) -> String {
    // postgres://user:secret@host/db -> postgres://user:***@host/db
    let Some(scheme_end) = url.find("://") else { return url.to_owned() };
    let rest = &url[scheme_end + 3..];
    let Some(at) = rest.find('@') else { return url.to_owned() };
    match rest[..at].find(':') {
        Some(colon) => format!("{}{}:***{}", &url[..scheme_end + 3], &rest[..colon], &rest[at..]),
        None => url.to_owned(),
    }
}

/// Closes every connection of `pool`, and returns only when none is left.
///
/// sqlx 0.8's `Pool::close` can return while a connection that was on its way
/// back (past the pool's "closed?" check) lands among the idle ones, open
/// until the pool is dropped: the file then stays held, and a passphrase
/// change is refused as if another program had the register open. Another
/// close closes the idle ones and waits for the rest. Between tries it
/// sleeps rather than yields: the last SQLite connection to close moves the
/// whole log into the file first (seconds after an import), and a loop of
/// yields kept a core busy all that time (8 % of a 30 000-row import's CPU).
pub(crate) async fn close_pool<DB: sqlx::Database>(pool: &sqlx::Pool<DB>) {
    pool.close().await;
    while pool.size() > 0 {
        tokio::time::sleep(Duration::from_millis(2)).await;
        pool.close().await;
    }
}

pub(super) async fn open_sqlite(path: &Path, mode: OpenMode, key: Option<&cipher::Passphrase>) -> Result<SqlitePool> {
    if mode == OpenMode::Existing && !path.exists() {
        return Err(Error::NoRegister(path.display().to_string()));
    }
    if let Some(dir) = path.parent().filter(|d| !d.as_os_str().is_empty()) {
        std::fs::create_dir_all(dir)
            .map_err(|e| Error::File { path: dir.display().to_string(), reason: e.to_string() })?;
    }
    let options = cipher::options(path, key)
        .create_if_missing(mode == OpenMode::Create)
        .journal_mode(SqliteJournalMode::Wal)
        .synchronous(SqliteSynchronous::Normal)
        .foreign_keys(true)
        .busy_timeout(Duration::from_secs(10))
        // 64 MiB of page cache per connection (SQLite's default is 2 MiB): an
        // import's one transaction then writes its index pages once instead of
        // spilling them to the log again and again, and a search at a million
        // customers finds its words in memory (docs/BENCHMARKS.md). A bound,
        // not an allocation: a small register never uses it.
        .pragma("cache_size", "-65536")
        // The log is moved into the file after 16 384 pages (64 MiB), not
        // SQLite's 1 000: a sweep's batch of a thousand scattered deletions
        // dirties some 4 000 pages, and a move (with its fsync) after every
        // batch made the sweep at 50 000 customers take 39 s instead of 28 s
        // (docs/BENCHMARKS.md). An erasure and a sweep still empty the log
        // when they end, so no deleted text waits in it.
        .pragma("wal_autocheckpoint", "16384")
        // Deleted personal data is overwritten, not left in free pages (Art. 17).
        .pragma("secure_delete", "ON");
    SqlitePoolOptions::new()
        .max_connections(4)
        // No reaper of idle or old connections: sqlx 0.8.6's can count its
        // idle connections below zero and spin on a core for good, which at
        // the end of a command holds the process from exiting (sqlx#3645,
        // mended in sqlx#4289; a fresh-clone run hung 13 minutes in `order
        // add`). A file's connections cost nothing to keep.
        .idle_timeout(None)
        .max_lifetime(None)
        .connect_with(options)
        .await
        .map_err(|e| cipher::open_error(path, key, e))
}

pub(super) async fn open_postgres(url: &str) -> Result<PgPool> {
    use sqlx::Connection;
    let options = PgConnectOptions::from_str(url).map_err(|e| {
        Error::invalid("--db", crate::msg!("msg-not-a-postgres-url", url = redact_password(url), detail = e))
    })?;
    let server = format!("{}:{}", options.get_host(), options.get_port());
    let unreachable = |e: sqlx::Error| match e {
        sqlx::Error::Io(io) => Error::Unreachable { server: server.clone(), reason: io.to_string() },
        sqlx::Error::PoolTimedOut => {
            Error::Unreachable { server: server.clone(), reason: "no answer within 8 seconds".into() }
        }
        sqlx::Error::Tls(t) => Error::Unreachable { server: server.clone(), reason: t.to_string() },
        sqlx::Error::Database(d) => Error::Unreachable { server: server.clone(), reason: d.message().to_owned() },
        other => Error::from(other),
    };
    // One plain connection first: a pool retries a refused connection until its
    // timeout, and the person waiting should hear at once that the server is not there.
    let probe = tokio::time::timeout(Duration::from_secs(8), sqlx::PgConnection::connect_with(&options))
        .await
        .map_err(|_| unreachable(sqlx::Error::PoolTimedOut))?
        .map_err(&unreachable)?;
    probe.close().await.map_err(&unreachable)?;
    PgPoolOptions::new()
        .max_connections(8)
        .acquire_timeout(Duration::from_secs(8))
        // No reaper (open_sqlite says why): a window's few connections stay open.
        .idle_timeout(None)
        .max_lifetime(None)
        .connect_with(options)
        .await
        .map_err(unreachable)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn locations_parse() {
        assert_eq!(Location::parse("a.db"), Location::Sqlite("a.db".into()));
        assert_eq!(Location::parse("sqlite:/tmp/a.db"), Location::Sqlite("/tmp/a.db".into()));
        assert_eq!(Location::parse("sqlite:///tmp/a.db"), Location::Sqlite("/tmp/a.db".into()));
        assert!(matches!(Location::parse("postgres://u@h/db"), Location::Postgres(_)));
        assert_eq!(
            Location::parse("postgresql://kv:hemligt@db:5432/shop").display(),
            "postgresql://kv:***@db:5432/shop"
        );
    }
}
