//! SQL of the audit chain: the head row, appending, and walking the entries.

use futures_util::TryStreamExt;

use super::{in_snapshot, on_pool, on_tx, Store, TxInner, Within, WriteTx};
use crate::audit::trail::{TrailEntry, TrailFilter};
use crate::audit::{ChainWalker, Entry, StoredEntry, Verification};
use crate::error::Result;
use crate::values::CustomerId;

pub(crate) struct Head {
    pub seq: i64,
    pub hash: String,
    /// Where the register was moved to, if it was (then nothing more is written to it).
    pub moved_to: Option<String>,
}

const ENTRY_COLUMNS: &str =
    "seq, at, actor, action, entity, entity_id, customer_id, before_digest, after_digest, prev_hash, hash";

/// The first statement of every write transaction: a no-op update of the head
/// row, which makes concurrent writers wait for each other on both backends.
pub(crate) async fn lock_head(tx: &mut TxInner) -> Result<Head> {
    let sql = "UPDATE audit_head SET seq = seq WHERE id = 1 RETURNING seq, hash, moved_to";
    let (seq, hash, moved_to): (i64, String, Option<String>) = match tx {
        TxInner::Sqlite(t) => sqlx::query_as(sql).fetch_one(&mut **t).await?,
        TxInner::Postgres(t) => sqlx::query_as(sql).fetch_one(&mut **t).await?,
    };
    Ok(Head { seq, hash, moved_to })
}

/// Appends entries, several in one statement (an import's thousands of rows).
pub(crate) async fn insert_many(tx: &mut TxInner, entries: &[(Entry, String)]) -> Result<()> {
    if entries.is_empty() {
        return Ok(());
    }
    let backend = match tx {
        TxInner::Sqlite(_) => super::Backend::Sqlite,
        TxInner::Postgres(_) => super::Backend::Postgres,
    };
    let sql = format!(
        "{} audit_entries ({ENTRY_COLUMNS}) VALUES {}",
        super::insert_rows(backend),
        super::rows(backend, 11, entries.len())
    );
    macro_rules! run {
        ($c:expr) => {{
            let mut q = sqlx::query(&sql);
            for (e, hash) in entries {
                q = q
                    .bind(e.seq)
                    .bind(e.at)
                    .bind(&e.actor)
                    .bind(&e.action)
                    .bind(&e.entity)
                    .bind(&e.entity_id)
                    .bind(e.customer_id)
                    .bind(&e.before_digest)
                    .bind(&e.after_digest)
                    .bind(&e.prev_hash)
                    .bind(hash);
            }
            q.execute($c).await?.rows_affected()
        }};
    }
    match tx {
        TxInner::Sqlite(t) => run!(&mut **t),
        TxInner::Postgres(t) => run!(&mut **t),
    };
    Ok(())
}

/// Marks the register as moved to `to` (or, with `None`, in use again).
pub(crate) async fn set_moved_to(tx: &mut WriteTx, to: Option<&str>) -> Result<()> {
    on_tx!(tx, c => sqlx::query("UPDATE audit_head SET moved_to = $1 WHERE id = 1").bind(to).execute(c).await?
        .rows_affected());
    Ok(())
}

pub(crate) async fn store_head(tx: &mut TxInner, head: &Head) -> Result<()> {
    let sql = "UPDATE audit_head SET seq = $1, hash = $2 WHERE id = 1";
    match tx {
        TxInner::Sqlite(t) => sqlx::query(sql).bind(head.seq).bind(&head.hash).execute(&mut **t).await?.rows_affected(),
        TxInner::Postgres(t) => {
            sqlx::query(sql).bind(head.seq).bind(&head.hash).execute(&mut **t).await?.rows_affected()
        }
    };
    Ok(())
}

/// Streams every entry in order through the walker, in one snapshot, so that
/// the entries and the head are read as of one moment. (A read transaction
/// alone was not enough on PostgreSQL, whose default gives each statement its
/// own snapshot: an entry written by another computer between the two reads
/// made the head run ahead of the entries, which reads as a broken chain.)
pub(crate) async fn verify_chain(store: &Store) -> Result<Verification> {
    let sql = format!("SELECT {ENTRY_COLUMNS} FROM audit_entries ORDER BY seq");
    Ok(in_snapshot!(store, s => on_tx!(&mut s, c => {
        let mut walker = ChainWalker::new();
        {
            let mut rows = sqlx::query_as::<_, StoredEntry>(&sql).fetch(&mut *c);
            while let Some(e) = rows.try_next().await? {
                if !walker.feed(&e) {
                    break;
                }
            }
        }
        let (seq, hash): (i64, String) = sqlx::query_as(HEAD).fetch_one(c).await?;
        walker.finish(seq, &hash)
    })))
}

pub(crate) async fn for_customer(tx: &mut impl Within, customer: CustomerId) -> Result<Vec<StoredEntry>> {
    let sql = format!("SELECT {ENTRY_COLUMNS} FROM audit_entries WHERE customer_id = $1 ORDER BY seq");
    on_tx!(tx, c => Ok(sqlx::query_as(&sql).bind(customer).fetch_all(c).await?))
}

pub(crate) async fn for_entity(tx: &mut impl Within, entity: &str, entity_id: &str) -> Result<Vec<StoredEntry>> {
    let sql = format!("SELECT {ENTRY_COLUMNS} FROM audit_entries WHERE entity = $1 AND entity_id = $2 ORDER BY seq");
    on_tx!(tx, c => Ok(sqlx::query_as(&sql).bind(entity).bind(entity_id).fetch_all(c).await?))
}

/// A page of the trail, newest first, one entry more than asked for (to
/// tell whether there are older ones); an erased customer named by their
/// pseudonym, as the accountant's export names them; an order or invoice by
/// its number (the id is cast only in its own branch: other records' ids are
/// words, such as a setting's key). Walks the chain backwards from its
/// newest entry (or `before`), so a page of a long trail costs what the
/// filters pass over, not the whole trail.
pub(crate) async fn trail(tx: &mut impl Within, f: &TrailFilter) -> Result<Vec<TrailEntry>> {
    let columns: Vec<String> = ENTRY_COLUMNS.split(", ").map(|c| format!("a.{c}")).collect();
    let sql = format!(
        "SELECT {}, CASE WHEN c.state = 'erased' THEN c.pseudonym ELSE c.number END AS customer_number, \
                CASE a.entity \
                  WHEN 'order' THEN (SELECT o.number FROM orders o WHERE o.id = CAST(a.entity_id AS BIGINT)) \
                  WHEN 'invoice' THEN (SELECT i.number FROM invoices i WHERE i.id = CAST(a.entity_id AS BIGINT)) \
                END AS record_number \
               FROM audit_entries a LEFT JOIN customers c ON c.id = a.customer_id \
               WHERE ($1 IS NULL OR a.seq < $1) AND ($2 IS NULL OR a.at >= $2) AND ($3 IS NULL OR a.at < $3) \
                 AND ($4 IS NULL OR a.actor = $4) AND ($5 IS NULL OR a.customer_id = $5) \
                 AND ($6 IS NULL OR a.action = $6 OR a.action LIKE $7 ESCAPE '\\') \
               ORDER BY a.seq DESC LIMIT $8",
        columns.join(", ")
    );
    on_tx!(tx, c => Ok(sqlx::query_as(&sql)
        .bind(f.before)
        .bind(f.since)
        .bind(f.until)
        .bind(&f.actor)
        .bind(f.customer)
        .bind(&f.action)
        .bind(&f.action_group)
        .bind(f.limit + 1)
        .fetch_all(c)
        .await?))
}

/// The chain head, for documents and backups that record it: read in the
/// snapshot that their contents are read in.
pub(crate) async fn head(tx: &mut impl Within) -> Result<(i64, String)> {
    Ok(on_tx!(tx, c => sqlx::query_as(HEAD).fetch_one(c).await?))
}

/// When the newest entry of the trail was written, if there is one.
pub(crate) async fn newest_at(tx: &mut impl Within) -> Result<Option<chrono::DateTime<chrono::Utc>>> {
    let sql = "SELECT at FROM audit_entries ORDER BY seq DESC LIMIT 1";
    Ok(on_tx!(tx, c => sqlx::query_scalar(sql).fetch_optional(c).await?))
}

/// The chain head as it is now (a statement of its own).
pub(crate) async fn head_now(store: &Store) -> Result<(i64, String)> {
    Ok(on_pool!(store, p => sqlx::query_as(HEAD).fetch_one(p).await?))
}

const HEAD: &str = "SELECT seq, hash FROM audit_head WHERE id = 1";

/// Where the register was moved to, if it was, as it is now.
pub(crate) async fn moved_now(store: &Store) -> Result<Option<String>> {
    let sql = "SELECT moved_to FROM audit_head WHERE id = 1";
    Ok(on_pool!(store, p => sqlx::query_scalar(sql).fetch_one(p).await?))
}
