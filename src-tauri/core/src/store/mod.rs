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
pub mod corrections;
pub mod customers;
pub mod documents;
pub mod erasure;
pub mod holds;
pub mod records;
pub mod requests;
pub mod restrictions;
pub mod retention;
pub mod search;
pub mod series;
pub mod settings;
pub mod sweep;

use std::path::{Path, PathBuf};
use std::str::FromStr;
use std::sync::{Arc, RwLock};
use std::time::Duration;

use chrono::{DateTime, Utc};
use sqlx::migrate::Migrator;
use sqlx::postgres::{PgConnectOptions, PgPool, PgPoolOptions};
use sqlx::sqlite::{SqliteJournalMode, SqlitePool, SqlitePoolOptions, SqliteSynchronous};
use sqlx::{Postgres, Sqlite, Transaction};
use tokio::sync::watch;

use crate::error::{Error, Result};

pub(crate) static SQLITE_MIGRATIONS: Migrator = sqlx::migrate!("./migrations/sqlite");
pub(crate) static POSTGRES_MIGRATIONS: Migrator = sqlx::migrate!("./migrations/postgres");

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
            Location::Postgres(_) => Error::Database(e),
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

/// A transaction of either backend.
pub(crate) enum TxInner {
    Sqlite(Transaction<'static, Sqlite>),
    Postgres(Transaction<'static, Postgres>),
}

impl TxInner {
    fn backend(&self) -> Backend {
        match self {
            TxInner::Sqlite(_) => Backend::Sqlite,
            TxInner::Postgres(_) => Backend::Postgres,
        }
    }
}

/// A transaction that statements run in ([`on_tx!`]): a [`WriteTx`] or a
/// [`Snapshot`]. A reading function that takes `&mut impl Within` serves both.
pub(crate) trait Within {
    fn within(&mut self) -> &mut TxInner;

    fn backend_of(&mut self) -> Backend {
        self.within().backend()
    }
}

impl Within for WriteTx {
    fn within(&mut self) -> &mut TxInner {
        &mut self.inner
    }
}

/// The register as of one moment: a read-only transaction whose statements all
/// see the same committed state, whatever other windows or computers write
/// meanwhile. What reads many statements and says what it read from, such as
/// an access report (its contents and the audit head it names) or the
/// accountant's export (its rows and its totals), reads through one.
///
/// On SQLite the transaction's first read fixes the snapshot (write-ahead
/// log); writers go on, and a checkpoint leaves the pages it still reads. On
/// PostgreSQL it is REPEATABLE READ, which takes its snapshot at the first
/// statement too. A rewrite of the file (encryption, restore) that begins
/// meanwhile closes the pool only once this connection is back in it.
pub(crate) struct Snapshot {
    inner: TxInner,
    /// The audit chain's head as of the snapshot: its number and hash.
    head: (i64, String),
}

impl Within for Snapshot {
    fn within(&mut self) -> &mut TxInner {
        &mut self.inner
    }
}

impl Snapshot {
    /// The last audit entry this snapshot sees, its number and hash. Every
    /// write appends one, so two snapshots of one head read the same
    /// register. (The number alone is not enough: a restored backup's chain
    /// grows back to numbers it had before, with other entries.)
    pub fn head(&self) -> &(i64, String) {
        &self.head
    }

    /// Ends the read. (Dropped without it, the transaction is rolled back
    /// when its connection goes back to the pool.)
    pub async fn end(self) -> Result<()> {
        match self.inner {
            TxInner::Sqlite(t) => t.rollback().await?,
            TxInner::Postgres(t) => t.rollback().await?,
        }
        Ok(())
    }
}

/// A write transaction that audits what it changes.
pub(crate) struct WriteTx {
    pub(crate) inner: TxInner,
    head: audit::Head,
    actor: String,
    now: DateTime<Utc>,
}

impl WriteTx {
    /// Where the register was moved to, if it was.
    pub(crate) fn moved_to(&self) -> Option<&str> {
        self.head.moved_to.as_deref()
    }

    /// The time of this transaction: every row and audit entry it writes shares it.
    pub fn now(&self) -> DateTime<Utc> {
        self.now
    }

    pub fn actor(&self) -> &str {
        &self.actor
    }

    pub(crate) fn backend(&self) -> Backend {
        self.inner.backend()
    }

    /// Appends an audit entry: `action` on `entity` `id`, concerning `customer`,
    /// with digests of the record before and after (never the record itself: the
    /// trail must not keep data that an erasure removes).
    pub async fn audit(
        &mut self,
        action: crate::audit::Action,
        entity: &str,
        id: impl ToString,
        customer: Option<crate::values::CustomerId>,
        before: Option<&serde_json::Value>,
        after: Option<&serde_json::Value>,
    ) -> Result<()> {
        let entry = self.chain(action, entity, id.to_string(), customer, before, after);
        audit::insert_many(&mut self.inner, std::slice::from_ref(&entry)).await
    }

    /// [`WriteTx::audit`] for a correction of personal data (Art. 16): the
    /// entry holds the digests, and the values before and after are kept
    /// beside it ([`corrections`]) until the person is erased or the note
    /// deleted, because a correction keeps the old value in the audit trail,
    /// not in the register (PRODUCT.md section 4). `request`: the person's
    /// request for rectification that it answers.
    pub async fn audit_correction(
        &mut self,
        action: crate::audit::Action,
        customer: crate::values::CustomerId,
        interaction: Option<crate::values::InteractionId>,
        request: Option<crate::values::RequestId>,
        before: &serde_json::Value,
        after: &serde_json::Value,
    ) -> Result<()> {
        let (entity, id) = match interaction {
            Some(n) => ("interaction", n.to_string()),
            None => ("customer", customer.to_string()),
        };
        let entry = self.chain(action, entity, id, Some(customer), Some(before), Some(after));
        let seq = entry.0.seq;
        audit::insert_many(&mut self.inner, std::slice::from_ref(&entry)).await?;
        let row = corrections::NewCorrection {
            seq,
            customer_id: customer,
            interaction_id: interaction,
            request_id: request,
            before: before.to_string(),
            after: after.to_string(),
        };
        corrections::insert(self, &row).await
    }

    /// Appends one `action` entry on `entity` for each of `items` (id, the
    /// customer concerned, the digest of the record after, [`crate::audit::digest`]),
    /// chained in order and written in one statement: what [`WriteTx::audit`]
    /// does for a batch of new records, whose digests the caller worked out
    /// while the database was busy.
    pub async fn audit_added(
        &mut self,
        action: crate::audit::Action,
        entity: &str,
        items: Vec<(String, Option<crate::values::CustomerId>, String)>,
    ) -> Result<()> {
        let entries: Vec<(crate::audit::Entry, String)> = items
            .into_iter()
            .map(|(id, customer, after)| self.chain_digests(action, entity, id, customer, None, Some(after)))
            .collect();
        audit::insert_many(&mut self.inner, &entries).await
    }

    /// The next entry of the chain, with its hash; the head moves on to it.
    fn chain(
        &mut self,
        action: crate::audit::Action,
        entity: &str,
        entity_id: String,
        customer: Option<crate::values::CustomerId>,
        before: Option<&serde_json::Value>,
        after: Option<&serde_json::Value>,
    ) -> (crate::audit::Entry, String) {
        let (before, after) = (before.map(crate::audit::digest), after.map(crate::audit::digest));
        self.chain_digests(action, entity, entity_id, customer, before, after)
    }

    /// [`WriteTx::chain`], given the records' digests.
    fn chain_digests(
        &mut self,
        action: crate::audit::Action,
        entity: &str,
        entity_id: String,
        customer: Option<crate::values::CustomerId>,
        before_digest: Option<String>,
        after_digest: Option<String>,
    ) -> (crate::audit::Entry, String) {
        let entry = crate::audit::Entry {
            seq: self.head.seq + 1,
            at: self.now,
            actor: self.actor.clone(),
            action: action.as_str().to_owned(),
            entity: entity.to_owned(),
            entity_id,
            customer_id: customer,
            before_digest,
            after_digest,
            prev_hash: self.head.hash.clone(),
        };
        let hash = entry.hash();
        self.head.seq = entry.seq;
        self.head.hash = hash.clone();
        (entry, hash)
    }

    /// Undoes everything (a preview computed inside the transaction that would do it).
    pub async fn rollback(self) -> Result<()> {
        match self.inner {
            TxInner::Sqlite(t) => t.rollback().await?,
            TxInner::Postgres(t) => t.rollback().await?,
        }
        Ok(())
    }

    pub async fn commit(mut self) -> Result<()> {
        audit::store_head(&mut self.inner, &self.head).await?;
        match self.inner {
            TxInner::Sqlite(t) => t.commit().await?,
            TxInner::Postgres(t) => t.commit().await?,
        }
        Ok(())
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

async fn open_sqlite(path: &Path, mode: OpenMode, key: Option<&cipher::Passphrase>) -> Result<SqlitePool> {
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

async fn open_postgres(url: &str) -> Result<PgPool> {
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
        other => Error::Database(other),
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
    fn many_rows_are_numbered_across_the_rows() {
        assert_eq!(rows(Backend::Postgres, 3, 2), "($1, $2, $3), ($4, $5, $6)");
        assert_eq!(rows(Backend::Sqlite, 2, 3), "(?, ?), (?, ?), (?, ?)");
        assert_eq!(params(Backend::Postgres, 9, 3), "$9, $10, $11");
        assert_eq!(rows(Backend::Sqlite, 2, 0), "");
    }

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
