//! The one storage layer: every SQL statement of the core lives under this module.
//!
//! Two backends, one SQL text. SQLite is the embedded register, PostgreSQL the
//! shared one. The queries are written once in the subset both accept (`$1`
//! placeholders, which sqlx-sqlite binds by number; `RETURNING`; `ON CONFLICT`)
//! and run through [`on_pool!`] / [`on_tx!`], which expand the same code for each
//! pool type. Only the schema differs (`migrations/sqlite`, `migrations/postgres`:
//! identity columns, DATE/TIMESTAMPTZ, the C collation of the search tokens).
//! The alternative, a trait with a query module per backend, would have written
//! every statement twice for the sake of a handful of type names.
//!
//! Every write goes through a [`WriteTx`]: it begins by updating the audit chain's
//! head row, which takes SQLite's write lock (`BEGIN IMMEDIATE`) or PostgreSQL's
//! row lock, so writers queue instead of forking the chain, and every change is
//! audited in the same transaction as the change itself.

pub mod audit;
pub mod backup;
pub mod breaches;
pub mod catalogue;
pub mod cipher;
mod connect;
pub mod consents;
pub mod corrections;
pub mod customers;
pub mod documents;
pub mod erasure;
pub mod hand_vouchers;
pub mod held_back;
pub mod holds;
pub mod likeness;
pub mod merge_undos;
pub mod merges;
pub mod note_erasures;
pub mod record_erasures;
pub mod records;
pub mod requests;
pub mod restrictions;
pub mod retention;
pub mod search;
pub mod series;
pub mod settings;
pub mod shop_numbers;
pub mod signups;
mod statistics;
pub mod sweep;
mod tx;
pub mod web_objections;

use std::sync::{Arc, RwLock};

use chrono::{DateTime, Utc};
use sqlx::migrate::Migrator;
use sqlx::postgres::PgPool;
use sqlx::sqlite::SqlitePool;
use tokio::sync::watch;

use crate::error::{Error, Result};

pub(crate) use connect::close_pool;
pub use connect::Location;
use connect::{open_postgres, open_sqlite};
pub(crate) use tx::{Audited, Snapshot, TxInner, Within, WriteTx};

pub(crate) static SQLITE_MIGRATIONS: Migrator = sqlx::migrate!("./migrations/sqlite");
pub(crate) static POSTGRES_MIGRATIONS: Migrator = sqlx::migrate!("./migrations/postgres");

/// Whether opening may create a new, empty register.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum OpenMode {
    Create,
    Existing,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, serde::Serialize, schemars::JsonSchema)]
#[serde(rename_all = "lowercase")]
pub enum Backend {
    Sqlite,
    Postgres,
}

#[derive(Debug, Clone)]
pub(crate) enum Pool {
    Sqlite(SqlitePool),
    Postgres(PgPool),
}

/// An open register database, migrated to this version's schema. Clones
/// share one connection pool, which [`Store::reopen`] replaces for all of them
/// (the window keeps one register for its life, and an encryption rewrites
/// the file under it).
#[derive(Debug, Clone)]
pub struct Store {
    open: Arc<RwLock<Open>>,
    /// True while the file is rewritten under the pool (see [`Store::rewrite`]).
    rewriting: Arc<watch::Sender<bool>>,
    /// Held for reading by each statement from the moment it takes the pool
    /// until it is done with it, and for writing by a rewrite: so a rewrite
    /// begins only when the statements under way are over.
    in_use: Arc<tokio::sync::RwLock<()>>,
}

/// A rewrite of the register's file under way: statements wait for it to end
/// instead of meeting the closed pool. Ends when dropped, on every path.
#[derive(Debug)]
pub(crate) struct Rewrite {
    busy: Arc<watch::Sender<bool>>,
    _quiet: tokio::sync::OwnedRwLockWriteGuard<()>,
}

impl Drop for Rewrite {
    fn drop(&mut self) {
        // The lock goes after this: a statement that waits for it sees the flag down.
        self.busy.send_replace(false);
    }
}

/// The pool for one statement, which no rewrite closes while this is held.
pub(crate) struct LivePool {
    pub pool: Pool,
    _use: tokio::sync::OwnedRwLockReadGuard<()>,
}

/// The pool, where it is open, and the key it was opened with.
#[derive(Debug, Clone)]
struct Open {
    pool: Pool,
    location: Location,
    /// The passphrase an SQLite register is encrypted under (None: plain file, or PostgreSQL).
    key: Option<cipher::Passphrase>,
}

/// Runs `$body` with `$p` bound to the store's pool, whichever backend it is,
/// once any rewrite of the file is over.
macro_rules! on_pool {
    ($store:expr, $p:ident => $body:expr) => {
        match &$store.live_pool().await.pool {
            $crate::store::Pool::Sqlite($p) => $body,
            $crate::store::Pool::Postgres($p) => $body,
        }
    };
}

/// Runs `$body` with `$c` bound to the connection of a write transaction
/// or a snapshot (anything [`Within`]).
macro_rules! on_tx {
    ($tx:expr, $c:ident => $body:expr) => {
        match $crate::store::Within::within(&mut *$tx) {
            $crate::store::TxInner::Sqlite(t) => {
                let $c = &mut **t;
                $body
            }
            $crate::store::TxInner::Postgres(t) => {
                let $c = &mut **t;
                $body
            }
        }
    };
}

/// The value of `$body`, which reads through `$s`, a [`Snapshot`] of `$store`
/// begun for it and ended after it (dropped on an error, which rolls it back).
macro_rules! in_snapshot {
    ($store:expr, $s:ident => $body:expr) => {{
        let mut $s = $store.snapshot().await?;
        let value = $body;
        $s.end().await?;
        value
    }};
}

pub(crate) use {in_snapshot, on_pool, on_tx};

impl Store {
    /// Opens (or, with `OpenMode::Create`, creates) the register and brings its
    /// schema up to this version. Refuses databases that are not registers.
    pub async fn open(location: &Location, mode: OpenMode) -> Result<Store> {
        Store::open_keyed(location, mode, None).await
    }

    /// Opens an SQLite register with the passphrase it is encrypted under, or
    /// creates a new one encrypted under it. A plain file opens plainly (see
    /// [`Store::encrypted`]); an encrypted one without a passphrase is
    /// [`Error::Locked`], with a wrong one [`Error::WrongPassphrase`], and
    /// neither writes a byte to the file.
    pub async fn open_keyed(location: &Location, mode: OpenMode, key: Option<&cipher::Passphrase>) -> Result<Store> {
        let (pool, key) = match location {
            Location::Sqlite(path) => {
                let key = match (cipher::file_state(path)?, key) {
                    (cipher::FileState::Encrypted, None) => return Err(Error::Locked(path.display().to_string())),
                    (cipher::FileState::Foreign, _) => return Err(cipher::not_a_database(path)),
                    (cipher::FileState::Plain, _) => None,
                    (_, key) => key.cloned(),
                };
                (Pool::Sqlite(open_sqlite(path, mode, key.as_ref()).await?), key)
            }
            Location::Postgres(url) => (Pool::Postgres(open_postgres(url).await?), None),
        };
        let store = Store {
            open: Arc::new(RwLock::new(Open { pool, location: location.clone(), key })),
            rewriting: Arc::new(watch::Sender::new(false)),
            in_use: Arc::new(tokio::sync::RwLock::new(())),
        };
        store.check_is_register(mode).await?;
        store.migrate().await?;
        Ok(store)
    }

    fn opened(&self) -> std::sync::RwLockReadGuard<'_, Open> {
        // A panic elsewhere while the lock was held leaves a whole `Open`: the swap is one assignment.
        self.open.read().unwrap_or_else(std::sync::PoisonError::into_inner)
    }

    /// The pool now (a handle: connections stay in the pool), even while
    /// the file is rewritten: for the rewrite itself, and a store just opened.
    pub(crate) fn pool(&self) -> Pool {
        self.opened().pool.clone()
    }

    /// The pool once any rewrite of the file is over: what every statement
    /// uses, holding it until the statement is done.
    pub(crate) async fn live_pool(&self) -> LivePool {
        let mut rewriting = self.rewriting.subscribe();
        loop {
            // Fails only when the sender is gone, and this store holds it.
            let _ = rewriting.wait_for(|busy| !busy).await;
            let held = self.in_use.clone().read_owned().await;
            // A rewrite that began in between has run by the time the lock
            // was had; one that has only raised its flag goes first.
            if !*self.rewriting.borrow() {
                return LivePool { pool: self.pool(), _use: held };
            }
        }
    }

    /// Marks the start of a rewrite of the file (an encryption, a restore):
    /// waits for one already under way, then makes every clone's statements
    /// wait until the returned guard is dropped. The rewriter closes the pool
    /// and reopens it with [`Store::pool`] and [`Store::reopen`], which do
    /// not wait.
    pub(crate) async fn rewrite(&self) -> Rewrite {
        let mut rewriting = self.rewriting.subscribe();
        loop {
            let _ = rewriting.wait_for(|busy| !busy).await;
            // Taken only if still free: two rewrites never overlap.
            if self.rewriting.send_if_modified(|busy| !std::mem::replace(busy, true)) {
                // New statements wait now; those under way finish first.
                let quiet = self.in_use.clone().write_owned().await;
                return Rewrite { busy: self.rewriting.clone(), _quiet: quiet };
            }
        }
    }

    /// Opens the register anew under `key` and makes every clone of this
    /// store use it; the caller has closed the old pool.
    pub(crate) async fn reopen(&self, key: Option<&cipher::Passphrase>) -> Result<()> {
        let fresh = Store::open_keyed(&self.location(), OpenMode::Existing, key).await?;
        self.adopt(&fresh);
        Ok(())
    }

    /// Makes every clone of this store use `other`'s pool, location and key:
    /// the window goes on with another register. The caller holds a
    /// [`Rewrite`] and has closed this store's pool.
    pub(crate) fn adopt(&self, other: &Store) {
        let open = other.opened().clone();
        *self.open.write().unwrap_or_else(std::sync::PoisonError::into_inner) = open;
    }

    /// Where the register is.
    pub fn location(&self) -> Location {
        self.opened().location.clone()
    }

    /// True for an SQLite register encrypted at rest.
    pub fn encrypted(&self) -> bool {
        self.opened().key.is_some()
    }

    pub(crate) fn key(&self) -> Option<cipher::Passphrase> {
        self.opened().key.clone()
    }

    pub fn backend(&self) -> Backend {
        match self.pool() {
            Pool::Sqlite(_) => Backend::Sqlite,
            Pool::Postgres(_) => Backend::Postgres,
        }
    }

    /// The embedded migrations of this store's backend.
    pub fn migrator(backend: Backend) -> &'static Migrator {
        match backend {
            Backend::Sqlite => &SQLITE_MIGRATIONS,
            Backend::Postgres => &POSTGRES_MIGRATIONS,
        }
    }

    /// Closes every connection, and returns only when none is left. Does not
    /// wait for a rewrite: the rewriter closes the pool it is replacing.
    pub async fn close(&self) {
        match &self.pool() {
            Pool::Sqlite(p) => close_pool(p).await,
            Pool::Postgres(p) => close_pool(p).await,
        }
    }

    /// A register has our migrations table; an empty database may become one
    /// (only when creating); anything else is someone else's database.
    async fn check_is_register(&self, mode: OpenMode) -> Result<()> {
        let tables: Vec<String> = match &self.pool() {
            Pool::Sqlite(p) => sqlx::query_scalar("SELECT name FROM sqlite_master WHERE type = 'table'")
                .fetch_all(p)
                .await
                .map_err(|e| self.classify_open_error(e))?,
            Pool::Postgres(p) => {
                sqlx::query_scalar(
                    "SELECT table_name::text FROM information_schema.tables WHERE table_schema = current_schema()",
                )
                .fetch_all(p)
                .await?
            }
        };
        let ours = tables.iter().any(|t| t == "_sqlx_migrations");
        match (ours, tables.is_empty(), mode) {
            (true, _, _) => Ok(()),
            (false, true, OpenMode::Create) => Ok(()),
            (false, true, OpenMode::Existing) => Err(Error::NoRegister(self.location().display())),
            (false, false, _) => Err(Error::NotARegister {
                path: self.location().display(),
                detail: format!(
                    " (it holds other tables: {})",
                    tables.iter().take(5).cloned().collect::<Vec<_>>().join(", ")
                ),
            }),
        }
    }

    fn classify_open_error(&self, e: sqlx::Error) -> Error {
        match &self.location() {
            Location::Sqlite(path) => cipher::open_error(path, self.key().as_ref(), e),
            Location::Postgres(_) => Error::from(e),
        }
    }

    async fn migrate(&self) -> Result<()> {
        let result = match &self.pool() {
            Pool::Sqlite(p) => SQLITE_MIGRATIONS.run(p).await,
            Pool::Postgres(p) => POSTGRES_MIGRATIONS.run(p).await,
        };
        match result {
            Ok(()) => Ok(()),
            Err(sqlx::migrate::MigrateError::VersionMissing(_)) => Err(Error::TooNew(self.location().display())),
            // A damaged file is said as such, whatever step first reads the damage.
            Err(sqlx::migrate::MigrateError::Execute(e) | sqlx::migrate::MigrateError::ExecuteMigration(e, _))
                if crate::error::damage(&e).is_some() =>
            {
                Err(e.into())
            }
            Err(e) => Err(e.into()),
        }
    }

    /// Begins a write: locks the audit chain head so that this transaction's
    /// audit entries follow the previous writer's. Refused on a register that
    /// was moved into a shared one: what was written to it would stay where
    /// nobody reads it any more.
    pub(crate) async fn begin(&self, actor: &str) -> Result<WriteTx> {
        let tx = self.begin_even_if_moved(actor).await?;
        match tx.head.moved_to.clone() {
            Some(to) => {
                tx.rollback().await?;
                Err(Error::Moved { here: self.location().display(), to })
            }
            None => Ok(tx),
        }
    }

    /// Refused, as [`Store::begin`] is, on a register that was moved into a
    /// shared one: for what writes beside the register (its backups, a
    /// restore over it) before any transaction begins.
    pub(crate) async fn refuse_if_moved(&self) -> Result<()> {
        match audit::moved_now(self).await? {
            Some(to) => Err(Error::Moved { here: self.location().display(), to }),
            None => Ok(()),
        }
    }

    /// [`Store::begin`] on a register that was moved away, too: for taking it
    /// back into use.
    pub(crate) async fn begin_even_if_moved(&self, actor: &str) -> Result<WriteTx> {
        let mut inner = match &self.live_pool().await.pool {
            Pool::Sqlite(p) => TxInner::Sqlite(p.begin_with("BEGIN IMMEDIATE").await?),
            Pool::Postgres(p) => TxInner::Postgres(p.begin().await?),
        };
        let head = audit::lock_head(&mut inner).await?;
        Ok(WriteTx { inner, head, actor: actor.to_owned(), now: now() })
    }

    /// Begins a read of the register as of now (see [`Snapshot`]).
    pub(crate) async fn snapshot(&self) -> Result<Snapshot> {
        let inner = match &self.live_pool().await.pool {
            Pool::Sqlite(p) => TxInner::Sqlite(p.begin_with("BEGIN DEFERRED").await?),
            Pool::Postgres(p) => {
                TxInner::Postgres(p.begin_with("BEGIN ISOLATION LEVEL REPEATABLE READ, READ ONLY").await?)
            }
        };
        let mut snapshot = Snapshot { inner, head: (0, String::new()) };
        // Both take the snapshot at the first read, not at BEGIN: now.
        snapshot.head = audit::head(&mut snapshot).await?;
        Ok(snapshot)
    }
}

/// Placeholders for `n` values bound one after another, the first being the
/// statement's `from`-th. PostgreSQL gets `$from, ...`; SQLite gets anonymous
/// `?`, which sqlx-sqlite binds in order (counting only `?`: a statement must
/// not mix them with `$N`). sqlx-sqlite asks SQLite the
/// name of every parameter, which SQLite finds for a numbered one by a linear
/// search, so a statement with thousands of `$N` took quadratic time (perf put
/// three quarters of an import in `sqlite3VListNumToName`).
pub(crate) fn params(backend: Backend, from: usize, n: usize) -> String {
    let mut sql = String::with_capacity(n * 6);
    push_params(&mut sql, backend, from, n);
    sql
}

/// [`params`], written onto `sql`: a large batch's statement is built in one
/// string (a string per row and per placeholder was a fortieth of an import).
fn push_params(sql: &mut String, backend: Backend, from: usize, n: usize) {
    use std::fmt::Write;
    for i in from..from + n {
        if i > from {
            sql.push_str(", ");
        }
        match backend {
            Backend::Postgres => {
                let _ = write!(sql, "${i}");
            }
            Backend::Sqlite => sql.push('?'),
        }
    }
}

/// How a statement of many rows begins. On SQLite, a statement that may stop
/// half-way with its default ABORT copies every page it changes into a
/// statement journal first, so that it can undo just itself: for the import's
/// batches that copying was a seventh of the time. With FAIL a conflict still
/// ends the statement with its error, the rows before it stay, and the caller
/// gives up the whole transaction, which undoes them. (A foreign key that is
/// checked immediately needs the journal too: `customer_search`'s is deferred.)
pub(crate) fn insert_rows(backend: Backend) -> &'static str {
    match backend {
        Backend::Sqlite => "INSERT OR FAIL INTO",
        Backend::Postgres => "INSERT INTO",
    }
}

/// `count` rows of `width` placeholders each, "(…), (…)", for a multi-row VALUES.
pub(crate) fn rows(backend: Backend, width: usize, count: usize) -> String {
    let mut sql = String::with_capacity(count * (width * 6 + 4));
    for i in 0..count {
        if i > 0 {
            sql.push_str(", ");
        }
        sql.push('(');
        push_params(&mut sql, backend, width * i + 1, width);
        sql.push(')');
    }
    sql
}

/// Now, to the microsecond (PostgreSQL's precision), so that a time read back
/// equals the time written and audit hashes recompute.
pub fn now() -> DateTime<Utc> {
    let t = Utc::now();
    DateTime::from_timestamp_micros(t.timestamp_micros()).unwrap_or(t)
}

#[cfg(test)]
mod tests {
    use std::time::Duration;

    use super::*;

    #[test]
    fn many_rows_are_numbered_across_the_rows() {
        assert_eq!(rows(Backend::Postgres, 3, 2), "($1, $2, $3), ($4, $5, $6)");
        assert_eq!(rows(Backend::Sqlite, 2, 3), "(?, ?), (?, ?), (?, ?)");
        assert_eq!(params(Backend::Postgres, 9, 3), "$9, $10, $11");
        assert_eq!(rows(Backend::Sqlite, 2, 0), "");
    }

    /// A statement that has taken the pool finishes on it before a rewrite
    /// closes it; one that comes during the rewrite waits for its end. (Once,
    /// in a full run of the suite, a statement that took the pool just before
    /// a restore began met it closed.)
    #[tokio::test(flavor = "multi_thread", worker_threads = 2)]
    async fn a_rewrite_waits_for_the_statements_under_way() {
        let (store, _dir) = new_sqlite_store().await;
        let under_way = store.live_pool().await;
        let (rewriter, began) = (store.clone(), Arc::new(std::sync::atomic::AtomicBool::new(false)));
        let flag = began.clone();
        let rewrite = tokio::spawn(async move {
            let guard = rewriter.rewrite().await;
            flag.store(true, std::sync::atomic::Ordering::SeqCst);
            tokio::time::sleep(Duration::from_millis(100)).await;
            drop(guard);
        });
        tokio::time::sleep(Duration::from_millis(100)).await;
        assert!(!began.load(std::sync::atomic::Ordering::SeqCst), "the rewrite waits for the statement under way");
        let Pool::Sqlite(p) = &under_way.pool else { unreachable!("an SQLite location") };
        sqlx::query("SELECT 1").execute(p).await.expect("the statement runs on an open pool");
        drop(under_way);
        tokio::time::sleep(Duration::from_millis(20)).await;
        let started = std::time::Instant::now();
        let after = store.live_pool().await;
        assert!(started.elapsed() >= Duration::from_millis(50), "a statement during the rewrite waits for it");
        rewrite.await.expect("the rewrite ends");
        drop(after);
        store.close().await;
    }

    /// Statements in a snapshot read the register as it was when it began,
    /// whatever is committed meanwhile; the next snapshot reads the change.
    #[tokio::test(flavor = "multi_thread", worker_threads = 2)]
    async fn a_snapshot_reads_one_moment() {
        let (store, _dir) = new_sqlite_store().await;
        let count = "SELECT COUNT(*) FROM settings WHERE key LIKE 'test.%'";
        let mut snapshot = store.snapshot().await.expect("snapshot");
        let mut tx = store.begin("test").await.expect("a write while the snapshot is open");
        settings::set(&mut tx, "test.written", "yes").await.expect("set");
        tx.commit().await.expect("commit");
        let now: i64 = store.pool_count(count).await;
        let seen: i64 = on_tx!(&mut snapshot, c => sqlx::query_scalar(count).fetch_one(c).await.expect("read"));
        assert_eq!((now, seen), (1, 0), "the register has the row; the snapshot does not see it");
        snapshot.end().await.expect("end");
        let mut next = store.snapshot().await.expect("snapshot");
        let seen: i64 = on_tx!(&mut next, c => sqlx::query_scalar(count).fetch_one(c).await.expect("read"));
        assert_eq!(seen, 1, "a snapshot begun after the write reads it");
        next.end().await.expect("end");
        store.close().await;
    }

    /// A new SQLite register's store, and the folder that holds it.
    async fn new_sqlite_store() -> (Store, tempfile::TempDir) {
        let dir = tempfile::tempdir().expect("temp dir");
        let store = Store::open_keyed(&Location::Sqlite(dir.path().join("shop.db")), OpenMode::Create, None)
            .await
            .expect("open");
        (store, dir)
    }

    impl Store {
        async fn pool_count(&self, sql: &str) -> i64 {
            on_pool!(self, p => sqlx::query_scalar(sql).fetch_one(p).await.expect("count"))
        }
    }

    /// A register that was closed must be closed: changing the passphrase
    /// needs the only connection to the file.
    #[tokio::test(flavor = "multi_thread", worker_threads = 2)]
    async fn a_closed_store_holds_no_connection() {
        let dir = tempfile::tempdir().expect("temp dir");
        let location = Location::Sqlite(dir.path().join("shop.db"));
        for round in 0..200 {
            let mode = if round == 0 { OpenMode::Create } else { OpenMode::Existing };
            let store = Store::open_keyed(&location, mode, None).await.expect("open");
            let Pool::Sqlite(pool) = &store.pool() else { unreachable!("an SQLite location") };
            // Reads on several connections at once: each goes back to the
            // pool in a task of its own, some of them still under way when
            // the close begins.
            let mut reads = tokio::task::JoinSet::new();
            for _ in 0..4 {
                let pool = pool.clone();
                reads.spawn(async move { sqlx::query("SELECT count(*) FROM sqlite_master").execute(&pool).await });
            }
            while let Some(read) = reads.join_next().await {
                read.expect("task").expect("read");
            }
            store.close().await;
            assert_eq!(pool.size(), 0, "round {round}: a connection outlived the close");
        }
    }

    /// The pool runs no reaper of idle or old connections, whose miscount in
    /// sqlx 0.8.6 can spin a core for good and hold a command from exiting
    /// (open_sqlite).
    #[tokio::test]
    async fn the_pool_runs_no_reaper() {
        let dir = tempfile::tempdir().expect("temp dir");
        let store = Store::open_keyed(&Location::Sqlite(dir.path().join("shop.db")), OpenMode::Create, None)
            .await
            .expect("open");
        let Pool::Sqlite(pool) = &store.pool() else { unreachable!("an SQLite location") };
        let options = pool.options();
        assert_eq!((options.get_idle_timeout(), options.get_max_lifetime()), (None, None));
        assert_eq!(options.get_min_connections(), 0, "no task keeping connections open either");
        store.close().await;
    }
}
