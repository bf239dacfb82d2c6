//! SQL of customers merged into another (register/merge.rs, migration 42).

use chrono::{DateTime, Utc};

use super::customers::Who;
use super::{on_pool, on_tx, Store, Within, WriteTx};
use crate::error::{Error, Result};
use crate::register::merge::Merge;
use crate::register::Customer;
use crate::values::CustomerId;

/// The tables whose rows belong to one customer by `customer_id`, with
/// each row's key (what an undo moves back by), each moved whole to the
/// customer kept. The customer's search words are not
/// among them (they are the merged row's, removed with it); nor the audit
/// trail's entries, which are never rewritten (their history is read with
/// the kept customer's through `customer_merges`).
pub(crate) const OWNED: &[(&str, &str)] = &[
    ("orders", "id"),
    ("interactions", "id"),
    ("web_events", "id"),
    ("consents", "id"),
    ("event_registrations", "id"),
    ("requests", "id"),
    ("request_documents", "id"),
    ("corrections", "seq"),
    ("shop_numbers", "number"),
    ("restrictions", "id"),
    ("web_objections", "id"),
    ("note_erasures", "id"),
    ("signup_erasures", "id"),
    ("web_activity_erasures", "id"),
    ("erasures_held_back", "id"),
    ("customer_merges", "id"),
];

/// Moves every record of customer `from` to `to`: the rows of [`OWNED`],
/// the breaches that concern them, and the lifted holds placed on them.
pub(crate) async fn move_records(tx: &mut WriteTx, from: CustomerId, to: CustomerId) -> Result<()> {
    for (table, _) in OWNED {
        let sql = format!("UPDATE {table} SET customer_id = $1 WHERE customer_id = $2");
        on_tx!(tx, c => sqlx::query(&sql).bind(to).bind(from).execute(c).await?.rows_affected());
    }
    // A breach that concerned both concerns the one person once.
    let moved = "UPDATE breach_customers SET customer_id = $1 WHERE customer_id = $2 \
                 AND breach_id NOT IN (SELECT breach_id FROM breach_customers WHERE customer_id = $1)";
    on_tx!(tx, c => sqlx::query(moved).bind(to).bind(from).execute(c).await?.rows_affected());
    on_tx!(tx, c => sqlx::query("DELETE FROM breach_customers WHERE customer_id = $1").bind(from).execute(c).await?.rows_affected());
    let holds = "UPDATE legal_holds SET entity_id = $1 WHERE entity = 'customer' AND entity_id = $2";
    on_tx!(tx, c => sqlx::query(holds).bind(to).bind(from).execute(c).await?.rows_affected());
    Ok(())
}

/// How many rows of `table`, one of [`OWNED`], belong to customer `id`.
pub(crate) async fn count_records(tx: &mut impl Within, table: &str, id: CustomerId) -> Result<usize> {
    debug_assert!(OWNED.iter().any(|(t, _)| *t == table));
    let sql = format!("SELECT COUNT(*) FROM {table} WHERE customer_id = $1");
    let n: i64 = on_tx!(tx, c => sqlx::query_scalar(&sql).bind(id).fetch_one(c).await?);
    Ok(n as usize)
}

/// Whether a legal hold on customer `id` as a whole is in force.
pub(crate) async fn customer_held(tx: &mut impl Within, id: CustomerId) -> Result<bool> {
    let sql = "SELECT COUNT(*) FROM legal_holds WHERE entity = 'customer' AND entity_id = $1 AND lifted_at IS NULL";
    let n: i64 = on_tx!(tx, c => sqlx::query_scalar(sql).bind(id).fetch_one(c).await?);
    Ok(n > 0)
}

/// Retires the row of customer `id`, whose records are all elsewhere by
/// now: emptied as an erased customer's is, and numbered by its pseudonym,
/// which frees its number for the customer kept. The row stays so that its
/// id is never given to anyone else (SQLite gives a new row the highest id
/// plus one, and would give a removed newest customer's id again), which
/// would hand that newcomer the merged customer's history.
pub(crate) async fn retire_customer(tx: &mut WriteTx, id: CustomerId) -> Result<()> {
    super::erasure::tombstone(tx, &[id]).await?;
    let sql = "UPDATE customers SET number = pseudonym WHERE id = $1";
    on_tx!(tx, c => sqlx::query(sql).bind(id).execute(c).await?.rows_affected());
    Ok(())
}

/// The kept customer's new first and last days: the earlier start and the
/// later activity of the two (retention counts from the last, PRODUCT.md 5).
pub(crate) async fn span(
    tx: &mut WriteTx,
    id: CustomerId,
    created_at: DateTime<Utc>,
    last_activity_at: DateTime<Utc>,
) -> Result<()> {
    let sql = "UPDATE customers SET created_at = $1, last_activity_at = $2 WHERE id = $3";
    on_tx!(tx, c => sqlx::query(sql).bind(created_at).bind(last_activity_at).bind(id).execute(c).await?.rows_affected());
    Ok(())
}

/// Records that `merged` was merged into customer `into`, by `who` at `at`,
/// with the keyed digest of their e-mail address where it was not kept
/// (migration 44).
pub(crate) async fn insert(
    tx: &mut WriteTx,
    into: CustomerId,
    merged: &Customer,
    email_digest: Option<&str>,
    (who, at): (&str, DateTime<Utc>),
) -> Result<Merge> {
    let sql = format!(
        "INSERT INTO customer_merges \
         (customer_id, merged_id, merged_number, merged_pseudonym, merged_email_digest, merged_by, merged_at) \
         VALUES ($1, $2, $3, $4, $5, $6, $7) RETURNING {MERGE_COLUMNS}"
    );
    Ok(on_tx!(tx, c => sqlx::query_as(&sql)
        .bind(into)
        .bind(merged.id)
        .bind(&merged.number)
        .bind(&merged.pseudonym)
        .bind(email_digest)
        .bind(who)
        .bind(at)
        .fetch_one(c)
        .await?))
}

/// Of the e-mail digests given, those of a merged customer's address that
/// was not kept, each with the merge (the customer kept, as merges stand now).
pub(crate) async fn of_email_digests(tx: &mut impl Within, digests: &[String]) -> Result<Vec<(String, Merge)>> {
    if digests.is_empty() {
        return Ok(vec![]);
    }
    let sql = format!(
        "SELECT merged_email_digest, {MERGE_COLUMNS} FROM customer_merges WHERE merged_email_digest IN ({})",
        super::params(tx.backend_of(), 1, digests.len())
    );
    let rows: Vec<Digested> = on_tx!(tx, c => {
        let mut q = sqlx::query_as(&sql);
        for d in digests {
            q = q.bind(d);
        }
        q.fetch_all(c).await?
    });
    Ok(rows.into_iter().map(|r| (r.merged_email_digest, r.merge)).collect())
}

/// The customer kept by the merge whose merged customer's address (not
/// kept) has e-mail digest `digest`, with that merge, if there is one.
pub(crate) async fn of_email_digest(tx: &mut impl Within, digest: &str) -> Result<Option<(Customer, Merge)>> {
    match of_email_digests(tx, &[digest.to_owned()]).await?.pop() {
        Some((_, merge)) => Ok(Some((kept(tx, &merge).await?, merge))),
        None => Ok(None),
    }
}

/// The customer `merge` kept, as merges stand now.
pub(crate) async fn kept(tx: &mut impl Within, merge: &Merge) -> Result<Customer> {
    let missing = || Error::Internal(format!("customer {} merged into no customer", merge.merged_number));
    super::customers::get_tx(tx, merge.customer_id).await?.ok_or_else(missing)
}

#[derive(sqlx::FromRow)]
struct Digested {
    merged_email_digest: String,
    #[sqlx(flatten)]
    merge: Merge,
}

const MERGE_COLUMNS: &str = "id, customer_id, merged_id, merged_number, merged_pseudonym, merged_by, merged_at";

/// The customers merged into customer `id`, in the order they were merged.
/// Each with until when it may be undone (migration 46), while it may.
pub(crate) async fn into_customer(tx: &mut impl Within, id: CustomerId) -> Result<Vec<Merge>> {
    let columns: Vec<String> = MERGE_COLUMNS.split(", ").map(|c| format!("m.{c}")).collect();
    let sql = format!(
        "SELECT {}, u.until AS undo_until FROM customer_merges m LEFT JOIN merge_undos u ON u.merge_id = m.id \
         WHERE m.customer_id = $1 ORDER BY m.id",
        columns.join(", ")
    );
    let mut merges: Vec<Merge> = on_tx!(tx, c => sqlx::query_as(&sql).bind(id).fetch_all(c).await?);
    // A note whose days are over is forgotten by the next write that looks (register/unmerge.rs).
    let now = super::now();
    for m in &mut merges {
        m.undo_until = m.undo_until.filter(|until| *until > now);
    }
    Ok(merges)
}

/// The merge into customer `into` of the customer once numbered `number`, if there was one.
pub(crate) async fn of_number(tx: &mut impl Within, into: CustomerId, number: &str) -> Result<Option<Merge>> {
    let sql = format!("SELECT {MERGE_COLUMNS} FROM customer_merges WHERE customer_id = $1 AND merged_number = $2");
    Ok(on_tx!(tx, c => sqlx::query_as(&sql).bind(into).bind(number).fetch_optional(c).await?))
}

/// The latest merge of a customer who had the number `number`: their
/// number is the kept customer's shop number until the shop takes it away,
/// and the merge still names them after that.
pub(crate) async fn of_merged_number(tx: &mut impl Within, number: &str) -> Result<Option<Merge>> {
    let sql = format!("SELECT {MERGE_COLUMNS} FROM customer_merges WHERE merged_number = $1 ORDER BY id DESC LIMIT 1");
    Ok(on_tx!(tx, c => sqlx::query_as(&sql).bind(number).fetch_optional(c).await?))
}

/// The merge that retired customer `id`'s row, if one did: its
/// `customer_id` is the customer kept as the merges stand now (a later merge
/// of that one moves the record on, with their other records).
pub(crate) async fn of_merged(tx: &mut impl Within, id: CustomerId) -> Result<Option<Merge>> {
    let sql = format!("SELECT {MERGE_COLUMNS} FROM customer_merges WHERE merged_id = $1");
    Ok(on_tx!(tx, c => sqlx::query_as(&sql).bind(id).fetch_optional(c).await?))
}

/// Every merge with the customer kept, in the order they were made (what a
/// restore makes again).
pub(crate) async fn all_with_customers(tx: &mut impl Within) -> Result<Vec<(Who, Merge)>> {
    let columns: Vec<String> = MERGE_COLUMNS.split(", ").map(|c| format!("m.{c}")).collect();
    let sql = format!(
        "SELECT c.number, c.pseudonym, {} FROM customer_merges m JOIN customers c ON c.id = m.customer_id ORDER BY m.id",
        columns.join(", ")
    );
    let rows: Vec<Whose> = on_tx!(tx, c => sqlx::query_as(&sql).fetch_all(c).await?);
    Ok(rows.into_iter().map(|r| (r.who, r.merge)).collect())
}

/// The pseudonyms of the customers a merge undone at `since` or later
/// concerned (the customer given back and the one kept), each with when it
/// was last undone, by pseudonym: with the merges the register has now, what
/// a restore of an older backup undoes again.
pub(crate) async fn undone_since(store: &Store, since: DateTime<Utc>) -> Result<Vec<(String, DateTime<Utc>)>> {
    // A day more in the statement: the bound is compared as text on SQLite.
    let sql = "SELECT c.pseudonym, a.at FROM audit_entries a JOIN customers c ON c.id = a.customer_id \
               WHERE a.action = $1 AND a.at >= $2";
    let rows: Vec<(String, DateTime<Utc>)> = on_pool!(store, p => sqlx::query_as(sql)
        .bind(crate::audit::Action::CustomerUnmerge).bind(since - chrono::Duration::days(1)).fetch_all(p).await?);
    let mut undone: Vec<(String, DateTime<Utc>)> = rows.into_iter().filter(|(_, at)| *at >= since).collect();
    // The latest undo of each last, then that one alone.
    undone.sort();
    undone.reverse();
    undone.dedup_by(|later, earlier| later.0 == earlier.0);
    undone.reverse();
    Ok(undone)
}

#[derive(sqlx::FromRow)]
struct Whose {
    #[sqlx(flatten)]
    who: Who,
    #[sqlx(flatten)]
    merge: Merge,
}
