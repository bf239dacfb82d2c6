//! SQL of restrictions (Art. 18).

use chrono::{DateTime, NaiveDate, Utc};

use super::customers::Who;
use super::{on_tx, Within, WriteTx};
use crate::error::Result;
use crate::register::restriction::{Restriction, RestrictionGround};
use crate::register::CustomerState;
use crate::values::{CustomerId, RequestId};

const COLUMNS: &str = "id, customer_id, ground, request_id, note, set_by, set_at, lifted_by, lifted_at, notified_on";

/// A restriction of `customer`, set by `who` at `at`.
pub(crate) async fn insert(
    tx: &mut WriteTx,
    customer: CustomerId,
    ground: RestrictionGround,
    request: Option<RequestId>,
    note: Option<&str>,
    (who, at): (&str, DateTime<Utc>),
) -> Result<Restriction> {
    let sql = format!(
        "INSERT INTO restrictions (customer_id, ground, request_id, note, set_by, set_at) \
         VALUES ($1, $2, $3, $4, $5, $6) RETURNING {COLUMNS}"
    );
    Ok(on_tx!(tx, c => sqlx::query_as(&sql)
        .bind(customer).bind(ground).bind(request).bind(note).bind(who).bind(at).fetch_one(c).await?))
}

pub(crate) async fn in_force(tx: &mut WriteTx, customer: CustomerId) -> Result<Option<Restriction>> {
    let sql = format!("SELECT {COLUMNS} FROM restrictions WHERE customer_id = $1 AND lifted_at IS NULL");
    Ok(on_tx!(tx, c => sqlx::query_as(&sql).bind(customer).fetch_optional(c).await?))
}

/// Lifts restriction `id`, by `who` at `at`, the person told on `notified_on`.
pub(crate) async fn lift(
    tx: &mut WriteTx,
    id: i64,
    notified_on: NaiveDate,
    (who, at): (&str, DateTime<Utc>),
) -> Result<Restriction> {
    let sql = format!(
        "UPDATE restrictions SET lifted_by = $1, lifted_at = $2, notified_on = $3 WHERE id = $4 RETURNING {COLUMNS}"
    );
    Ok(on_tx!(tx, c => sqlx::query_as(&sql).bind(who).bind(at).bind(notified_on).bind(id).fetch_one(c).await?))
}

/// Sets the customer's state (restricted while a restriction is in force).
pub(crate) async fn set_state(tx: &mut WriteTx, customer: CustomerId, state: CustomerState) -> Result<()> {
    on_tx!(tx, c => sqlx::query("UPDATE customers SET state = $1, version = version + 1 WHERE id = $2")
        .bind(state).bind(customer).execute(c).await?.rows_affected());
    Ok(())
}

pub(crate) async fn of_customer(tx: &mut impl Within, customer: CustomerId) -> Result<Vec<Restriction>> {
    let sql = format!("SELECT {COLUMNS} FROM restrictions WHERE customer_id = $1 ORDER BY id");
    Ok(on_tx!(tx, c => sqlx::query_as(&sql).bind(customer).fetch_all(c).await?))
}

/// Every restriction, placed or lifted, with its customer, in the order
/// they were placed.
pub(crate) async fn all_with_customers(tx: &mut impl Within) -> Result<Vec<(Who, Restriction)>> {
    let columns: Vec<String> = COLUMNS.split(", ").map(|c| format!("r.{c}")).collect();
    let sql = format!(
        "SELECT c.number, c.pseudonym, {} FROM restrictions r JOIN customers c ON c.id = r.customer_id ORDER BY r.id",
        columns.join(", ")
    );
    let rows: Vec<Whose> = on_tx!(tx, c => sqlx::query_as(&sql).fetch_all(c).await?);
    Ok(rows.into_iter().map(|r| (r.who, r.restriction)).collect())
}

#[derive(sqlx::FromRow)]
struct Whose {
    #[sqlx(flatten)]
    who: Who,
    #[sqlx(flatten)]
    restriction: Restriction,
}
