//! SQL of what undoes a merge (register/unmerge.rs, migration 46): the
//! merge's undo record, and the records of the customer kept moved back to
//! the one merged, by the keys the merge noted.

use std::collections::BTreeMap;

use chrono::{DateTime, Utc};
use serde::{Deserialize, Serialize};

use super::merges::OWNED;
use super::{on_tx, Within, WriteTx};
use crate::error::{Error, Result};
use crate::values::CustomerId;

/// Keys are bound this many at a time (far below either backend's limit).
const CHUNK: usize = 500;

/// The keys of customer `id`'s rows in each table of [`OWNED`], as text:
/// one statement (on PostgreSQL, a round trip for each table was most of a
/// merge's time).
pub(crate) async fn keys_of(tx: &mut WriteTx, id: CustomerId) -> Result<BTreeMap<String, Vec<String>>> {
    let parts: Vec<String> = OWNED
        .iter()
        .map(|(table, key)| format!("SELECT '{table}', CAST({key} AS TEXT) FROM {table} WHERE customer_id = $1"))
        .collect();
    let sql = parts.join(" UNION ALL ");
    let rows: Vec<(String, String)> = on_tx!(tx, c => sqlx::query_as(&sql).bind(id).fetch_all(c).await?);
    let mut keys: BTreeMap<String, Vec<String>> = BTreeMap::new();
    for (table, key) in rows {
        keys.entry(table).or_default().push(key);
    }
    Ok(keys)
}

/// Moves the rows of `table` keyed `keys` that customer `from` has back to
/// customer `to`; how many moved (a row deleted since is not there to move).
pub(crate) async fn move_back(
    tx: &mut WriteTx,
    table: &str,
    keys: &[String],
    (from, to): (CustomerId, CustomerId),
) -> Result<u64> {
    // The table's name comes from a record in the register: only those a merge moves.
    let Some((table, key)) = OWNED.iter().find(|(t, _)| *t == table) else {
        return Err(Error::Internal(format!("a merge moved no rows of {table}")));
    };
    let mut moved = 0;
    for chunk in keys.chunks(CHUNK) {
        // Numbered on both backends: SQLite's driver would give a bare `?` the first value, not the third.
        let list: Vec<String> = (3..3 + chunk.len()).map(|i| format!("${i}")).collect();
        let sql = format!(
            "UPDATE {table} SET customer_id = $1 WHERE customer_id = $2 AND CAST({key} AS TEXT) IN ({})",
            list.join(", ")
        );
        moved += on_tx!(tx, c => {
            let mut q = sqlx::query(&sql).bind(to).bind(from);
            for k in chunk {
                q = q.bind(k);
            }
            q.execute(c).await?.rows_affected()
        });
    }
    Ok(moved)
}

/// A personal data breach's link to a customer, as recorded.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, sqlx::FromRow)]
pub(crate) struct BreachLink {
    pub breach_id: i64,
    pub added_by: String,
    pub added_at: DateTime<Utc>,
}

/// The breaches recorded as concerning customer `id`.
pub(crate) async fn breach_links(tx: &mut WriteTx, id: CustomerId) -> Result<Vec<BreachLink>> {
    let sql = "SELECT breach_id, added_by, added_at FROM breach_customers WHERE customer_id = $1 ORDER BY breach_id";
    Ok(on_tx!(tx, c => sqlx::query_as(sql).bind(id).fetch_all(c).await?))
}

/// Links breach `link` to customer `id` again, unless it is.
pub(crate) async fn relink_breach(tx: &mut WriteTx, id: CustomerId, link: &BreachLink) -> Result<()> {
    let sql = "INSERT INTO breach_customers (breach_id, customer_id, added_by, added_at) VALUES ($1, $2, $3, $4) \
               ON CONFLICT DO NOTHING";
    on_tx!(tx, c => sqlx::query(sql).bind(link.breach_id).bind(id).bind(&link.added_by).bind(link.added_at)
        .execute(c).await?.rows_affected());
    Ok(())
}

/// Moves the links of breaches `breaches` from customer `from` back to `to`.
pub(crate) async fn move_breaches_back(
    tx: &mut WriteTx,
    breaches: &[i64],
    (from, to): (CustomerId, CustomerId),
) -> Result<()> {
    for b in breaches {
        let sql = "UPDATE breach_customers SET customer_id = $1 WHERE customer_id = $2 AND breach_id = $3";
        on_tx!(tx, c => sqlx::query(sql).bind(to).bind(from).bind(b).execute(c).await?.rows_affected());
    }
    Ok(())
}

/// The legal holds placed on customer `id` as a whole, lifted ones too.
pub(crate) async fn holds_of(tx: &mut WriteTx, id: CustomerId) -> Result<Vec<i64>> {
    let sql = "SELECT id FROM legal_holds WHERE entity = 'customer' AND entity_id = $1 ORDER BY id";
    Ok(on_tx!(tx, c => sqlx::query_scalar(sql).bind(id).fetch_all(c).await?))
}

/// Moves holds `holds` from customer `from` back to `to`.
pub(crate) async fn move_holds_back(
    tx: &mut WriteTx,
    holds: &[i64],
    (from, to): (CustomerId, CustomerId),
) -> Result<()> {
    for h in holds {
        let sql = "UPDATE legal_holds SET entity_id = $1 WHERE entity = 'customer' AND entity_id = $2 AND id = $3";
        on_tx!(tx, c => sqlx::query(sql).bind(to).bind(from).bind(h).execute(c).await?.rows_affected());
    }
    Ok(())
}

/// Puts objection `id` to web recording in force again (a merge lifted it).
pub(crate) async fn unlift_objection(tx: &mut WriteTx, id: i64) -> Result<()> {
    let sql = "UPDATE web_objections SET lifted_by = NULL, lifted_at = NULL WHERE id = $1";
    on_tx!(tx, c => sqlx::query(sql).bind(id).execute(c).await?.rows_affected());
    Ok(())
}

/// A merge's undo record, its parts as JSON.
#[derive(Debug, Clone, sqlx::FromRow)]
pub(crate) struct UndoRow {
    pub merge_id: i64,
    pub merged: String,
    pub kept_before: String,
    pub kept_after: String,
    pub moved: String,
    pub until: DateTime<Utc>,
}

pub(crate) async fn insert(tx: &mut WriteTx, row: &UndoRow) -> Result<()> {
    let sql = "INSERT INTO merge_undos (merge_id, merged, kept_before, kept_after, moved, until) \
               VALUES ($1, $2, $3, $4, $5, $6)";
    on_tx!(tx, c => sqlx::query(sql)
        .bind(row.merge_id)
        .bind(&row.merged)
        .bind(&row.kept_before)
        .bind(&row.kept_after)
        .bind(&row.moved)
        .bind(row.until)
        .execute(c)
        .await?
        .rows_affected());
    Ok(())
}

/// The undo record of merge `merge_id`, while there is one.
pub(crate) async fn of_merge(tx: &mut impl Within, merge_id: i64) -> Result<Option<UndoRow>> {
    let sql = "SELECT merge_id, merged, kept_before, kept_after, moved, until FROM merge_undos WHERE merge_id = $1";
    Ok(on_tx!(tx, c => sqlx::query_as(sql).bind(merge_id).fetch_optional(c).await?))
}

/// Removes merge `merge_id`'s undo record, and the merge itself: the two
/// customers are apart again, and nothing reads them as one.
pub(crate) async fn remove_merge(tx: &mut WriteTx, merge_id: i64) -> Result<()> {
    on_tx!(tx, c => sqlx::query("DELETE FROM merge_undos WHERE merge_id = $1").bind(merge_id).execute(c).await?.rows_affected());
    on_tx!(tx, c => sqlx::query("DELETE FROM customer_merges WHERE id = $1").bind(merge_id).execute(c).await?.rows_affected());
    Ok(())
}

/// Forgets the undo records whose time ended by `now`; how many.
pub(crate) async fn forget_ended(tx: &mut WriteTx, now: DateTime<Utc>) -> Result<u64> {
    let sql = "DELETE FROM merge_undos WHERE until <= $1";
    Ok(on_tx!(tx, c => sqlx::query(sql).bind(now).execute(c).await?.rows_affected()))
}

/// Gives the retired row of customer `id` its number and state back; its
/// details are written by the caller (store::customers::update).
pub(crate) async fn unretire(tx: &mut WriteTx, id: CustomerId, number: &str) -> Result<()> {
    let sql = "UPDATE customers SET number = $1, state = 'active' WHERE id = $2";
    on_tx!(tx, c => sqlx::query(sql).bind(number).bind(id).execute(c).await?.rows_affected());
    Ok(())
}
