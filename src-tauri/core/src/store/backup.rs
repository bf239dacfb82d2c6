//! Consistent copies of a register while it is in use.
//!
//! The copy is always an SQLite register file, whichever backend it comes from,
//! so that it can be opened with `--db FILE` as it is. It is written under a
//! temporary name beside the target and renamed into place at the end: the
//! backup appears whole or not at all.

use std::path::{Path, PathBuf};

use futures_util::TryStreamExt;

use chrono::{DateTime, Utc};

use super::cipher::{self, Passphrase};
use super::{on_pool, on_tx, Pool, Store, WriteTx};
use crate::error::{Error, Result};

fn file_error(path: &Path, e: impl ToString) -> Error {
    Error::File { path: path.display().to_string(), reason: e.to_string() }
}

/// Writes the copy. An SQLite register's copy is encrypted under its key
/// (SQLCipher's `VACUUM INTO` keeps the key of the database it copies); a
/// PostgreSQL register's copy under `key` where one is given.
pub(crate) async fn backup(store: &Store, target: &Path, key: Option<&Passphrase>) -> Result<()> {
    // A backup is never replaced: an older copy may be the only one left.
    crate::files::check_new(target, None)?;
    let partial: PathBuf = crate::files::partial_of(target)?;
    let _ = std::fs::remove_file(&partial);
    let result = match &store.live_pool().await.pool {
        // VACUUM INTO reads one snapshot and writes a compact copy.
        Pool::Sqlite(p) => sqlx::query("VACUUM INTO $1")
            .bind(partial.to_string_lossy().into_owned())
            .execute(p)
            .await
            .map(|_| ())
            .map_err(Error::from),
        Pool::Postgres(p) => copy_postgres(p, &partial, key).await,
    };
    if let Err(e) = result {
        let _ = std::fs::remove_file(&partial);
        return Err(e);
    }
    std::fs::rename(&partial, target).map_err(|e| file_error(target, e))
}

/// [`backup`] of the SQLite register file at `source`, on a connection of
/// its own: for a rewrite that has closed the store's pool.
pub(crate) async fn copy_file(source: &Path, key: Option<&Passphrase>, target: &Path) -> Result<()> {
    use sqlx::Connection;
    let mut conn = cipher::connect(source, key).await?;
    let copied = sqlx::query("VACUUM INTO $1").bind(target.to_string_lossy().into_owned()).execute(&mut conn).await;
    conn.close().await?;
    copied?;
    Ok(())
}

/// Copies every table of a PostgreSQL register, read in one repeatable-read
/// snapshot, into a new SQLite register at `target`. The copy is written on one
/// connection in rollback-journal mode: with WAL, committed rows could still sit
/// in the `-wal` file beside the temporary name when the file is renamed.
async fn copy_postgres(pg: &sqlx::PgPool, target: &Path, key: Option<&Passphrase>) -> Result<()> {
    let options = super::cipher::options(target, key)
        .create_if_missing(true)
        .journal_mode(sqlx::sqlite::SqliteJournalMode::Delete)
        // Rows arrive table by table, not in foreign-key order; they are
        // consistent as a whole because they come from one snapshot.
        .foreign_keys(false);
    // A pool of one connection rather than the connection itself: the migrator
    // over `&mut SqliteConnection` makes this future lose `Send`.
    let lite = sqlx::sqlite::SqlitePoolOptions::new()
        .max_connections(1)
        // No reaper (store/mod.rs's open_sqlite says why).
        .idle_timeout(None)
        .max_lifetime(None)
        .connect_with(options)
        .await?;
    super::SQLITE_MIGRATIONS.run(&lite).await?;
    // Every table of the schema, so that a table added by a later migration is never left out.
    let tables: Vec<String> = sqlx::query_scalar(
        "SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite_%' \
         AND name NOT IN ('_sqlx_migrations', 'audit_head') ORDER BY name",
    )
    .fetch_all(&lite)
    .await?;
    let mut src = pg.begin().await?;
    sqlx::query("SET TRANSACTION ISOLATION LEVEL REPEATABLE READ READ ONLY").execute(&mut *src).await?;
    // PostgreSQL writes a time in JSON as it likes (`.12` for 120 ms); the
    // SQLite register compares and pages its times as text, so they are
    // written as its own writes write them.
    let timed: Vec<(String, String)> = sqlx::query_as(
        "SELECT table_name::text, column_name::text FROM information_schema.columns \
         WHERE table_schema = current_schema() AND data_type = 'timestamp with time zone'",
    )
    .fetch_all(&mut *src)
    .await?;
    let mut dst = lite.begin().await?;
    for table in &tables {
        let times: Vec<&str> = timed.iter().filter(|(t, _)| t == table).map(|(_, c)| c.as_str()).collect();
        let sql = format!("SELECT row_to_json(t)::text FROM {table} t");
        let mut rows = sqlx::query_scalar::<_, String>(&sql).fetch(&mut *src);
        while let Some(text) = rows.try_next().await? {
            let row: serde_json::Map<String, serde_json::Value> =
                serde_json::from_str(&text).map_err(|e| Error::Internal(format!("backup of {table}: {e}")))?;
            insert_json_row(&mut dst, table, &row, &times).await?;
        }
    }
    let (seq, hash): (i64, String) =
        sqlx::query_as("SELECT seq, hash FROM audit_head WHERE id = 1").fetch_one(&mut *src).await?;
    sqlx::query("UPDATE audit_head SET seq = $1, hash = $2 WHERE id = 1")
        .bind(seq)
        .bind(hash)
        .execute(&mut *dst)
        .await?;
    dst.commit().await?;
    src.rollback().await?;
    super::close_pool(&lite).await;
    Ok(())
}

/// Inserts a row read as JSON; `times` are its columns that hold a time.
async fn insert_json_row(
    dst: &mut sqlx::SqliteConnection,
    table: &str,
    row: &serde_json::Map<String, serde_json::Value>,
    times: &[&str],
) -> Result<()> {
    use serde_json::Value;
    let columns: Vec<&str> = row.keys().map(String::as_str).collect();
    let placeholders: Vec<String> = (1..=columns.len()).map(|i| format!("${i}")).collect();
    let sql = format!("INSERT INTO {table} ({}) VALUES ({})", columns.join(", "), placeholders.join(", "));
    let mut q = sqlx::query(&sql);
    for (column, value) in row {
        q = match value {
            Value::Null => q.bind(None::<String>),
            Value::Bool(b) => q.bind(*b),
            Value::Number(n) => match n.as_i64() {
                Some(i) => q.bind(i),
                None => q.bind(n.as_f64()),
            },
            Value::String(s) if times.contains(&column.as_str()) => {
                let at = chrono::DateTime::parse_from_rfc3339(s)
                    .map_err(|e| Error::Internal(format!("backup of {table}.{column}: `{s}`: {e}")))?;
                q.bind(at.with_timezone(&chrono::Utc))
            }
            Value::String(s) => q.bind(s.clone()),
            other => q.bind(other.to_string()),
        };
    }
    q.execute(&mut *dst).await?.rows_affected();
    Ok(())
}

/// The audit chain head that the register file at `path` holds.
pub(crate) async fn head_of_file(path: &Path, key: Option<&Passphrase>) -> Result<(i64, String)> {
    use sqlx::Connection;
    let mut conn = cipher::connect(path, key).await?;
    let head = sqlx::query_as("SELECT seq, hash FROM audit_head WHERE id = 1").fetch_optional(&mut conn).await;
    conn.close().await?;
    head?.ok_or_else(|| Error::NotARegister {
        path: path.display().to_string(),
        detail: " (it has no audit trail)".into(),
    })
}

/// One backup of the register, as its log records it.
#[derive(Debug, Clone, PartialEq, Eq, serde::Serialize, schemars::JsonSchema, sqlx::FromRow)]
pub struct LoggedBackup {
    pub file: String,
    pub purpose: String,
    pub audit_seq: i64,
    pub audit_hash: String,
    pub encrypted: bool,
    pub made_by: String,
    pub made_at: DateTime<Utc>,
}

pub(crate) async fn log_backup(tx: &mut WriteTx, b: &LoggedBackup) -> Result<()> {
    on_tx!(tx, c => sqlx::query(
        "INSERT INTO backups (file, purpose, audit_seq, audit_hash, encrypted, made_by, made_at) \
         VALUES ($1, $2, $3, $4, $5, $6, $7)")
        .bind(&b.file).bind(&b.purpose).bind(b.audit_seq).bind(&b.audit_hash).bind(b.encrypted)
        .bind(&b.made_by).bind(b.made_at)
        .execute(c).await?.rows_affected());
    Ok(())
}

/// The backups made of this register, newest first.
pub(crate) async fn logged(store: &Store) -> Result<Vec<LoggedBackup>> {
    Ok(on_pool!(store, p => sqlx::query_as(
        "SELECT file, purpose, audit_seq, audit_hash, encrypted, made_by, made_at FROM backups ORDER BY id DESC")
        .fetch_all(p).await?))
}

pub(crate) async fn log_restore(tx: &mut WriteTx, backup_head: &(i64, String), replayed: i64) -> Result<()> {
    let (now, actor) = (tx.now(), tx.actor().to_owned());
    on_tx!(tx, c => sqlx::query(
        "INSERT INTO restores (backup_audit_seq, backup_audit_hash, erasures_replayed, restored_by, restored_at) \
         VALUES ($1, $2, $3, $4, $5)")
        .bind(backup_head.0).bind(&backup_head.1).bind(replayed).bind(&actor).bind(now)
        .execute(c).await?.rows_affected());
    Ok(())
}

/// Replaces every row of a PostgreSQL register with the rows of the SQLite
/// register file at `source` (a checked, replayed copy of a backup), in one
/// transaction: other users wait for it and then see the restored register
/// whole, or, if anything fails, the register as it was. Both schemas are the
/// same version (each was migrated on opening).
pub(crate) async fn load_into_postgres(store: &Store, source: &Path, key: Option<&Passphrase>) -> Result<()> {
    use sqlx::Connection;
    let Pool::Postgres(pg) = &store.pool() else {
        return Err(Error::Internal("load_into_postgres on an SQLite register".into()));
    };
    let mut lite = cipher::connect(source, key).await?;
    let tables: Vec<String> = sqlx::query_scalar(
        "SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite_%' \
         AND name <> '_sqlx_migrations' ORDER BY name",
    )
    .fetch_all(&mut lite)
    .await?;
    let mut tx = pg.begin().await?;
    // Parents before children: the foreign keys between the register's tables.
    let edges: Vec<(String, String)> = sqlx::query_as(
        "SELECT c.conrelid::regclass::text, c.confrelid::regclass::text FROM pg_constraint c \
         WHERE c.contype = 'f' AND c.connamespace = current_schema()::regnamespace",
    )
    .fetch_all(&mut *tx)
    .await?;
    let order = parents_first(&tables, &edges)?;
    sqlx::query(&format!("TRUNCATE {} RESTART IDENTITY", order.join(", "))).execute(&mut *tx).await?;
    for table in &order {
        let columns: Vec<String> = sqlx::query_scalar("SELECT name FROM pragma_table_info($1) ORDER BY cid")
            .bind(table)
            .fetch_all(&mut lite)
            .await?;
        let pairs: Vec<String> = columns.iter().map(|c| format!("'{c}', {c}")).collect();
        let select = format!("SELECT json_object({}) FROM {table}", pairs.join(", "));
        let insert = format!("INSERT INTO {table} SELECT * FROM json_populate_recordset(NULL::{table}, $1::json)");
        let mut rows = sqlx::query_scalar::<_, String>(&select).fetch(&mut lite);
        let mut batch: Vec<String> = Vec::with_capacity(1000);
        loop {
            let next = rows.try_next().await?;
            if let Some(row) = &next {
                batch.push(row.clone());
            }
            if batch.len() == 1000 || (next.is_none() && !batch.is_empty()) {
                sqlx::query(&insert).bind(format!("[{}]", batch.join(","))).execute(&mut *tx).await?;
                batch.clear();
            }
            if next.is_none() {
                break;
            }
        }
    }
    // The list's count came with the head's row, and the customers' triggers
    // added to it as they arrived, whichever came first: counted anew.
    sqlx::query("UPDATE audit_head SET listed = (SELECT count(*) FROM customers WHERE state <> 'erased') WHERE id = 1")
        .execute(&mut *tx)
        .await?;
    // Identity columns go on after the highest id restored.
    let identities: Vec<(String, String)> = sqlx::query_as(
        "SELECT table_name::text, column_name::text FROM information_schema.columns \
         WHERE table_schema = current_schema() AND is_identity = 'YES'",
    )
    .fetch_all(&mut *tx)
    .await?;
    for (table, column) in identities {
        let sql = format!(
            "SELECT setval(pg_get_serial_sequence('{table}', '{column}'), COALESCE(MAX({column}), 0) + 1, false) FROM {table}"
        );
        sqlx::query(&sql).execute(&mut *tx).await?;
    }
    tx.commit().await?;
    lite.close().await?;
    Ok(())
}

/// The tables in an order where every table comes after the tables it refers to.
fn parents_first(tables: &[String], edges: &[(String, String)]) -> Result<Vec<String>> {
    let mut left: Vec<&String> = tables.iter().collect();
    let mut order: Vec<String> = Vec::with_capacity(tables.len());
    while !left.is_empty() {
        let ready: Vec<&String> = left
            .iter()
            .copied()
            .filter(|t| {
                edges.iter().all(|(child, parent)| {
                    child != *t || parent == *t || order.contains(parent) || !tables.contains(parent)
                })
            })
            .collect();
        if ready.is_empty() {
            return Err(Error::Internal(format!("the register's tables refer to each other in a circle: {left:?}")));
        }
        left.retain(|t| !ready.contains(t));
        order.extend(ready.into_iter().cloned());
    }
    Ok(order)
}
