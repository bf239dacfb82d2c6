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
/// The chain starts after its anchor, where a purge left one (migration 30).
pub(crate) async fn verify_chain(store: &Store) -> Result<Verification> {
    let sql = format!("SELECT {ENTRY_COLUMNS} FROM audit_entries ORDER BY seq");
    Ok(in_snapshot!(store, s => on_tx!(&mut s, c => {
        let anchor: Option<(i64, String)> =
            sqlx::query_as("SELECT seq, hash FROM audit_anchor WHERE id = 1").fetch_optional(&mut *c).await?;
        let mut walker = match &anchor {
            Some((seq, hash)) => ChainWalker::after(*seq, hash),
            None => ChainWalker::new(),
        };
        // The newest purge's record of the anchor, which the anchor must match.
        let mut purged: Option<String> = None;
        {
            let mut rows = sqlx::query_as::<_, StoredEntry>(&sql).fetch(&mut *c);
            while let Some(e) = rows.try_next().await? {
                if !walker.feed(&e) {
                    break;
                }
                if e.entry.action == crate::audit::Action::AuditPurge.as_str() {
                    purged = e.entry.after_digest;
                }
            }
        }
        if let Some((seq, hash)) = &anchor {
            walker.check_anchor(*seq, hash, purged.as_deref());
        }
        let (seq, hash): (i64, String) = sqlx::query_as(HEAD).fetch_one(c).await?;
        walker.finish(seq, &hash)
    })))
}

/// The entries a purge may remove: those before the first entry written at
/// or after `cutoff`, and before the first entry about a request still kept
/// (taking the requests `leaving` as gone: a sweep's preview, of the
/// requests the sweep deletes before it purges). Returns the seq the chain
/// starts after now and the last seq that may go; `None` when none may.
pub(crate) async fn purge_bound(
    tx: &mut impl Within,
    cutoff: chrono::DateTime<chrono::Utc>,
    leaving: &std::collections::HashSet<i64>,
) -> Result<Option<(i64, i64)>> {
    Ok(on_tx!(tx, c => {
        let start: i64 = sqlx::query_scalar("SELECT COALESCE(MAX(seq), 0) FROM audit_anchor")
            .fetch_one(&mut *c).await?;
        // In seq order from the start, stopping at the first recent entry: a
        // purge reads what it removes and one entry more.
        let recent: Option<i64> = sqlx::query_scalar(
            "SELECT seq FROM audit_entries WHERE at >= $1 ORDER BY seq LIMIT 1")
            .bind(cutoff).fetch_optional(&mut *c).await?;
        // Through the (entity, entity_id) index, one seek per request kept (a
        // shop's requests number in the hundreds, not the millions).
        let firsts: Vec<(String, i64)> = sqlx::query_as(
            "SELECT entity_id, MIN(seq) FROM audit_entries WHERE entity = 'request' \
             AND entity_id IN (SELECT CAST(id AS TEXT) FROM requests) GROUP BY entity_id")
            .fetch_all(&mut *c).await?;
        let request = firsts
            .into_iter()
            .filter(|(id, _)| id.parse::<i64>().map_or(true, |id| !leaving.contains(&id)))
            .map(|(_, seq)| seq)
            .min();
        let head: i64 = sqlx::query_scalar("SELECT seq FROM audit_head WHERE id = 1").fetch_one(&mut *c).await?;
        let through = recent.unwrap_or(head + 1).min(request.unwrap_or(i64::MAX)) - 1;
        (through > start).then_some((start, through))
    }))
}

/// Removes the oldest entries, a prefix of the chain ([`purge_bound`]), moves
/// the anchor to the last one removed and takes the corrections' old values
/// recorded beside them. Returns that entry's seq and hash and how many
/// entries went; `None` when none may go.
pub(crate) async fn purge_before(
    tx: &mut WriteTx,
    cutoff: chrono::DateTime<chrono::Utc>,
) -> Result<Option<(i64, String, i64)>> {
    let Some((start, through)) = purge_bound(tx, cutoff, &Default::default()).await? else { return Ok(None) };
    Ok(on_tx!(tx, c => {
        let hash: String = sqlx::query_scalar("SELECT hash FROM audit_entries WHERE seq = $1")
            .bind(through).fetch_one(&mut *c).await?;
        sqlx::query("DELETE FROM audit_entries WHERE seq <= $1").bind(through).execute(&mut *c).await?;
        sqlx::query("DELETE FROM corrections WHERE seq <= $1").bind(through).execute(&mut *c).await?;
        sqlx::query("INSERT INTO audit_anchor (id, seq, hash) VALUES (1, $1, $2) \
                     ON CONFLICT (id) DO UPDATE SET seq = excluded.seq, hash = excluded.hash")
            .bind(through).bind(&hash).execute(&mut *c).await?;
        Some((through, hash, through - start))
    }))
}

/// The entries about `customer`, and about the customers `merged` into them
/// (whose entries keep their own ids: the trail is never rewritten).
pub(crate) async fn for_customer(
    tx: &mut impl Within,
    customer: CustomerId,
    merged: &[crate::register::merge::Merge],
) -> Result<Vec<StoredEntry>> {
    let ids: Vec<CustomerId> = std::iter::once(customer).chain(merged.iter().map(|m| m.merged_id)).collect();
    let marks: Vec<String> = (1..=ids.len()).map(|i| format!("${i}")).collect();
    let sql =
        format!("SELECT {ENTRY_COLUMNS} FROM audit_entries WHERE customer_id IN ({}) ORDER BY seq", marks.join(", "));
    on_tx!(tx, c => {
        let mut q = sqlx::query_as(&sql);
        for id in &ids {
            q = q.bind(*id);
        }
        Ok(q.fetch_all(c).await?)
    })
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
/// filters pass over, not the whole trail; a customer's entries are read
/// through their index. The statement holds only the filters given: written
/// as `$n IS NULL OR ...`, it could not use that index, and a customer
/// whose last entry was long ago had the whole trail after it walked (0.3 s
/// at 372 000 entries, seconds at a million customers' six million).
pub(crate) async fn trail(tx: &mut impl Within, f: &TrailFilter) -> Result<Vec<TrailEntry>> {
    let columns: Vec<String> = ENTRY_COLUMNS.split(", ").map(|c| format!("a.{c}")).collect();
    // A customer's entries are theirs and those of the customers merged into them.
    let customers: Vec<CustomerId> = match f.customer {
        Some(id) => {
            let merged = super::merges::into_customer(tx, id).await?;
            std::iter::once(id).chain(merged.iter().map(|m| m.merged_id)).collect()
        }
        None => vec![],
    };
    // The filters given, in the order they are bound below.
    let mut conditions = vec![];
    let mut n = 0;
    let mut param = || {
        n += 1;
        format!("${n}")
    };
    if f.before.is_some() {
        conditions.push(format!("a.seq < {}", param()));
    }
    if f.since.is_some() {
        conditions.push(format!("a.at >= {}", param()));
    }
    if f.until.is_some() {
        conditions.push(format!("a.at < {}", param()));
    }
    if f.actor.is_some() {
        conditions.push(format!("a.actor = {}", param()));
    }
    if !customers.is_empty() {
        let marks: Vec<String> = customers.iter().map(|_| param()).collect();
        conditions.push(format!("a.customer_id IN ({})", marks.join(", ")));
    }
    if f.action.is_some() {
        let (action, group) = (param(), param());
        conditions.push(format!("(a.action = {action} OR a.action LIKE {group} ESCAPE '\\')"));
    }
    let limit = param();
    let filters = if conditions.is_empty() { "1 = 1".to_owned() } else { conditions.join(" AND ") };
    let sql = format!(
        "SELECT {}, CASE WHEN c.state = 'erased' \
                  THEN COALESCE((SELECT m.merged_number FROM customer_merges m WHERE m.merged_id = c.id), c.pseudonym) \
                  ELSE c.number END AS customer_number, \
                CASE a.entity \
                  WHEN 'order' THEN (SELECT o.number FROM orders o WHERE o.id = CAST(a.entity_id AS BIGINT)) \
                  WHEN 'invoice' THEN (SELECT i.number FROM invoices i WHERE i.id = CAST(a.entity_id AS BIGINT)) \
                END AS record_number \
               FROM audit_entries a LEFT JOIN customers c ON c.id = a.customer_id \
               WHERE {filters} ORDER BY a.seq DESC LIMIT {limit}",
        columns.join(", ")
    );
    on_tx!(tx, c => {
        let mut q = sqlx::query_as(&sql);
        if let Some(v) = f.before { q = q.bind(v); }
        if let Some(v) = f.since { q = q.bind(v); }
        if let Some(v) = f.until { q = q.bind(v); }
        if let Some(v) = &f.actor { q = q.bind(v); }
        for v in &customers { q = q.bind(*v); }
        if let Some(v) = &f.action { q = q.bind(v).bind(&f.action_group); }
        Ok(q.bind(f.limit + 1).fetch_all(c).await?)
    })
}

/// The chain head, for documents and backups that record it: read in the
/// snapshot that their contents are read in.
pub(crate) async fn head(tx: &mut impl Within) -> Result<(i64, String)> {
    Ok(on_tx!(tx, c => sqlx::query_as(HEAD).fetch_one(c).await?))
}

/// The entries of `action` about records of `entity` written at `since`
/// or later: their place and hash in the chain, and when. Read through the
/// subject index; the bound a day earlier, as the time is compared as text
/// on SQLite, and the times read compared again.
pub(crate) async fn entries_since(
    tx: &mut impl Within,
    entity: &str,
    action: crate::audit::Action,
    since: chrono::DateTime<chrono::Utc>,
) -> Result<Vec<(i64, String, chrono::DateTime<chrono::Utc>)>> {
    let sql = "SELECT seq, hash, at FROM audit_entries WHERE entity = $1 AND action = $2 AND at >= $3 ORDER BY seq";
    let rows: Vec<(i64, String, chrono::DateTime<chrono::Utc>)> = on_tx!(tx, c => sqlx::query_as(sql)
        .bind(entity).bind(action).bind(since - chrono::Duration::days(1)).fetch_all(c).await?);
    Ok(rows.into_iter().filter(|(_, _, at)| *at >= since).collect())
}

/// Whether the trail holds the entry at `seq` with `hash`: a copy of the
/// same register made after it was written does.
pub(crate) async fn holds_entry(tx: &mut impl Within, seq: i64, hash: &str) -> Result<bool> {
    let sql = "SELECT COUNT(*) FROM audit_entries WHERE seq = $1 AND hash = $2";
    let n: i64 = on_tx!(tx, c => sqlx::query_scalar(sql).bind(seq).bind(hash).fetch_one(c).await?);
    Ok(n > 0)
}

/// When the newest entry of the trail was written, if there is one.
pub(crate) async fn newest_at(tx: &mut impl Within) -> Result<Option<chrono::DateTime<chrono::Utc>>> {
    let sql = "SELECT at FROM audit_entries ORDER BY seq DESC LIMIT 1";
    Ok(on_tx!(tx, c => sqlx::query_scalar(sql).fetch_optional(c).await?))
}

/// The newest entry about a record of one of `entities`, or about one of the
/// settings `settings`: its place in the chain, when and by whom. Read
/// through the entries' subject index, so it costs what those records have
/// (a handful of edits), not the length of the trail.
pub(crate) async fn newest_about(
    tx: &mut impl Within,
    entities: &[&str],
    settings: &[&str],
) -> Result<Option<(i64, chrono::DateTime<chrono::Utc>, String)>> {
    let backend = tx.backend_of();
    let mut wheres = vec![];
    if !entities.is_empty() {
        wheres.push(format!("entity IN ({})", super::params(backend, 1, entities.len())));
    }
    if !settings.is_empty() {
        let keys = super::params(backend, entities.len() + 1, settings.len());
        wheres.push(format!("(entity = 'setting' AND entity_id IN ({keys}))"));
    }
    let sql = format!(
        "SELECT seq, at, actor FROM audit_entries WHERE seq = (SELECT MAX(seq) FROM audit_entries WHERE {})",
        wheres.join(" OR ")
    );
    on_tx!(tx, c => {
        let mut q = sqlx::query_as(&sql);
        for value in entities.iter().chain(settings) {
            q = q.bind(*value);
        }
        Ok(q.fetch_optional(c).await?)
    })
}

/// When the oldest entry the trail still holds was written (the register's
/// creation, unless older entries were purged).
pub(crate) async fn oldest_at(tx: &mut impl Within) -> Result<Option<chrono::DateTime<chrono::Utc>>> {
    let sql = "SELECT at FROM audit_entries ORDER BY seq LIMIT 1";
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
