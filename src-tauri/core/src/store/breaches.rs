//! SQL of the record of personal data breaches.

use super::customers::Who;
use super::customers::COLUMNS as CUSTOMER_COLUMNS;
use super::{on_tx, Within, WriteTx};
use crate::breaches::{Breach, NewBreach};
use crate::error::Result;
use crate::register::Customer;
use crate::values::{BreachId, CustomerId};

const COLUMNS: &str = "id, aware_at, nature, categories, people, consequences, measures, risk, recorded_by, \
                       recorded_at, notified_at, authority_reference, delay_reason, informed_at, informed_how, closed_at";

pub(crate) async fn insert(tx: &mut WriteTx, b: &NewBreach) -> Result<Breach> {
    let (now, actor) = (tx.now(), tx.actor().to_owned());
    let sql = format!(
        "INSERT INTO breaches (aware_at, nature, categories, people, consequences, measures, risk, recorded_by, recorded_at) \
         VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9) RETURNING {COLUMNS}"
    );
    Ok(on_tx!(tx, c => sqlx::query_as(&sql)
        .bind(b.aware_at).bind(&b.nature).bind(b.categories.to_text()).bind(b.people).bind(&b.consequences)
        .bind(&b.measures).bind(b.risk).bind(&actor).bind(now).fetch_one(c).await?))
}

/// A breach as another copy of the register recorded it (a restore carries it
/// over), with its steps and who recorded it when; a new id here.
pub(crate) async fn insert_whole(tx: &mut WriteTx, b: &Breach) -> Result<Breach> {
    let f = &b.fields;
    let sql = format!(
        "INSERT INTO breaches (aware_at, nature, categories, people, consequences, measures, risk, recorded_by, recorded_at, \
         notified_at, authority_reference, delay_reason, informed_at, informed_how, closed_at) \
         VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13, $14, $15) RETURNING {COLUMNS}"
    );
    Ok(on_tx!(tx, c => sqlx::query_as(&sql)
        .bind(f.aware_at).bind(&f.nature).bind(f.categories.to_text()).bind(f.people).bind(&f.consequences)
        .bind(&f.measures).bind(f.risk).bind(&b.recorded_by).bind(b.recorded_at).bind(b.notified_at)
        .bind(&b.authority_reference).bind(&b.delay_reason).bind(b.informed_at).bind(&b.informed_how).bind(b.closed_at)
        .fetch_one(c).await?))
}

/// Writes the facts as learnt and the steps taken (when the shop became aware,
/// and who recorded it when, never change).
pub(crate) async fn update(tx: &mut WriteTx, b: &Breach) -> Result<()> {
    let f = &b.fields;
    on_tx!(tx, c => sqlx::query(
        "UPDATE breaches SET nature = $1, categories = $2, people = $3, consequences = $4, measures = $5, risk = $6, \
         notified_at = $7, authority_reference = $8, delay_reason = $9, informed_at = $10, informed_how = $11, \
         closed_at = $12 WHERE id = $13")
        .bind(&f.nature).bind(f.categories.to_text()).bind(f.people).bind(&f.consequences).bind(&f.measures)
        .bind(f.risk).bind(b.notified_at).bind(&b.authority_reference).bind(&b.delay_reason).bind(b.informed_at)
        .bind(&b.informed_how).bind(b.closed_at).bind(b.id)
        .execute(c).await?.rows_affected());
    Ok(())
}

pub(crate) async fn get_tx(tx: &mut impl Within, id: BreachId) -> Result<Option<Breach>> {
    let sql = format!("SELECT {COLUMNS} FROM breaches WHERE id = $1");
    Ok(on_tx!(tx, c => sqlx::query_as(&sql).bind(id).fetch_optional(c).await?))
}

/// Open breaches (with `all`, closed ones too); a shop records a handful a year.
pub(crate) async fn list(tx: &mut impl Within, all: bool) -> Result<Vec<Breach>> {
    let filter = if all { "" } else { "WHERE closed_at IS NULL" };
    let sql = format!("SELECT {COLUMNS} FROM breaches {filter} ORDER BY id");
    Ok(on_tx!(tx, c => sqlx::query_as(&sql).fetch_all(c).await?))
}

/// Links `customers` to breach `id`; returns those not linked before.
pub(crate) async fn concern(tx: &mut WriteTx, id: BreachId, customers: &[CustomerId]) -> Result<Vec<CustomerId>> {
    let (now, actor) = (tx.now(), tx.actor().to_owned());
    let mut added = Vec::new();
    for &c in customers {
        let n = on_tx!(tx, conn => sqlx::query(
            "INSERT INTO breach_customers (breach_id, customer_id, added_by, added_at) VALUES ($1, $2, $3, $4) \
             ON CONFLICT (breach_id, customer_id) DO NOTHING")
            .bind(id).bind(c).bind(&actor).bind(now).execute(conn).await?.rows_affected());
        if n > 0 {
            added.push(c);
        }
    }
    Ok(added)
}

/// Unlinks `customers` from breach `id`; returns those that were linked.
pub(crate) async fn unconcern(tx: &mut WriteTx, id: BreachId, customers: &[CustomerId]) -> Result<Vec<CustomerId>> {
    let mut removed = Vec::new();
    for &c in customers {
        let n = on_tx!(tx, conn => sqlx::query("DELETE FROM breach_customers WHERE breach_id = $1 AND customer_id = $2")
            .bind(id).bind(c).execute(conn).await?.rows_affected());
        if n > 0 {
            removed.push(c);
        }
    }
    Ok(removed)
}

/// Links every customer not erased to breach `id` (the whole register was
/// reached); returns how many were not linked before.
pub(crate) async fn concern_everyone(tx: &mut WriteTx, id: BreachId) -> Result<u64> {
    let (now, actor) = (tx.now(), tx.actor().to_owned());
    Ok(on_tx!(tx, c => sqlx::query(
        "INSERT INTO breach_customers (breach_id, customer_id, added_by, added_at) \
         SELECT $1, id, $2, $3 FROM customers WHERE state <> 'erased' \
         ON CONFLICT (breach_id, customer_id) DO NOTHING")
        .bind(id).bind(&actor).bind(now).execute(c).await?.rows_affected()))
}

/// The customers breach `id` concerns, by customer number; the first `limit` of them.
pub(crate) async fn concerned(tx: &mut impl Within, id: BreachId, limit: Option<i64>) -> Result<Vec<Customer>> {
    // Every customer number sorts after the empty text.
    concerned_after(tx, id, "", limit.unwrap_or(i64::MAX)).await
}

/// The breaches that concern customer `id`, the most recent first.
pub(crate) async fn of_customer(tx: &mut impl Within, id: CustomerId) -> Result<Vec<Breach>> {
    let columns: Vec<String> = COLUMNS.split(',').map(|c| format!("b.{}", c.trim())).collect();
    let sql = format!(
        "SELECT {} FROM breaches b JOIN breach_customers c ON c.breach_id = b.id \
         WHERE c.customer_id = $1 ORDER BY b.aware_at DESC, b.id DESC",
        columns.join(", ")
    );
    Ok(on_tx!(tx, c => sqlx::query_as(&sql).bind(id).fetch_all(c).await?))
}

/// The customers breach `id` concerns whose number sorts after `after`, by
/// number, at most `limit` (a page of a list too long to hold).
pub(crate) async fn concerned_after(
    tx: &mut impl Within,
    id: BreachId,
    after: &str,
    limit: i64,
) -> Result<Vec<Customer>> {
    let columns: Vec<String> = CUSTOMER_COLUMNS.split(',').map(|c| format!("c.{}", c.trim())).collect();
    let sql = format!(
        "SELECT {} FROM breach_customers b JOIN customers c ON c.id = b.customer_id \
         WHERE b.breach_id = $1 AND c.number > $2 ORDER BY c.number LIMIT $3",
        columns.join(", ")
    );
    Ok(on_tx!(tx, c => sqlx::query_as(&sql).bind(id).bind(after).bind(limit).fetch_all(c).await?))
}

/// How many customers each breach concerns (breaches concerning none left out).
pub(crate) async fn concerned_counts(tx: &mut impl Within) -> Result<Vec<(BreachId, i64)>> {
    Ok(on_tx!(tx, c => sqlx::query_as(
        "SELECT breach_id, count(*) FROM breach_customers GROUP BY breach_id")
        .fetch_all(c).await?))
}

/// Every link, with its customer (what a restore carries over).
pub(crate) async fn concerned_customers(tx: &mut impl Within) -> Result<Vec<(BreachId, Who)>> {
    let rows: Vec<(BreachId, String, String)> = on_tx!(tx, c => sqlx::query_as(
        "SELECT b.breach_id, c.number, c.pseudonym FROM breach_customers b JOIN customers c ON c.id = b.customer_id \
         ORDER BY b.breach_id, c.number")
        .fetch_all(c).await?);
    Ok(rows.into_iter().map(|(b, number, pseudonym)| (b, Who { number, pseudonym })).collect())
}

/// Removes every link of breach `id`; returns how many there were.
pub(crate) async fn unconcern_all(tx: &mut WriteTx, id: BreachId) -> Result<u64> {
    Ok(on_tx!(tx, c => sqlx::query("DELETE FROM breach_customers WHERE breach_id = $1")
        .bind(id).execute(c).await?.rows_affected()))
}

pub(crate) async fn concerned_count(tx: &mut impl Within, id: BreachId) -> Result<i64> {
    Ok(on_tx!(tx, c => sqlx::query_scalar("SELECT count(*) FROM breach_customers WHERE breach_id = $1")
        .bind(id).fetch_one(c).await?))
}
