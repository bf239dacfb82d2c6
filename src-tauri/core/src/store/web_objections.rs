//! SQL of objections to the recording of web activity (Art. 21(1)).

use chrono::{DateTime, Utc};

use super::customers::Who;
use super::{on_tx, Within, WriteTx};
use crate::error::Result;
use crate::register::web_objection::WebObjection;
use crate::values::{CustomerId, RequestId};

const COLUMNS: &str = "id, customer_id, request_id, set_by, set_at, lifted_by, lifted_at";

/// An objection of `customer`, for `request`, recorded by `who` at `at`.
pub(crate) async fn insert(
    tx: &mut WriteTx,
    customer: CustomerId,
    request: Option<RequestId>,
    (who, at): (&str, DateTime<Utc>),
) -> Result<WebObjection> {
    let sql = format!(
        "INSERT INTO web_objections (customer_id, request_id, set_by, set_at) VALUES ($1, $2, $3, $4) \
         RETURNING {COLUMNS}"
    );
    Ok(on_tx!(tx, c => sqlx::query_as(&sql).bind(customer).bind(request).bind(who).bind(at).fetch_one(c).await?))
}

/// The customer's objection in force, if any.
pub(crate) async fn in_force(tx: &mut impl Within, customer: CustomerId) -> Result<Option<WebObjection>> {
    let sql = format!("SELECT {COLUMNS} FROM web_objections WHERE customer_id = $1 AND lifted_at IS NULL");
    Ok(on_tx!(tx, c => sqlx::query_as(&sql).bind(customer).fetch_optional(c).await?))
}

/// Lifts objection `id`, by `who` at `at`.
pub(crate) async fn lift(tx: &mut WriteTx, id: i64, (who, at): (&str, DateTime<Utc>)) -> Result<WebObjection> {
    let sql = format!("UPDATE web_objections SET lifted_by = $1, lifted_at = $2 WHERE id = $3 RETURNING {COLUMNS}");
    Ok(on_tx!(tx, c => sqlx::query_as(&sql).bind(who).bind(at).bind(id).fetch_one(c).await?))
}

/// The customer's objections, lifted ones too, in the order they were made.
pub(crate) async fn of_customer(tx: &mut impl Within, customer: CustomerId) -> Result<Vec<WebObjection>> {
    let sql = format!("SELECT {COLUMNS} FROM web_objections WHERE customer_id = $1 ORDER BY id");
    Ok(on_tx!(tx, c => sqlx::query_as(&sql).bind(customer).fetch_all(c).await?))
}

/// Every objection, in force or lifted, with its customer, in the order
/// they were made (what a restore carries over).
pub(crate) async fn all_with_customers(tx: &mut impl Within) -> Result<Vec<(Who, WebObjection)>> {
    let columns: Vec<String> = COLUMNS.split(", ").map(|c| format!("o.{c}")).collect();
    let sql = format!(
        "SELECT c.number, c.pseudonym, {} FROM web_objections o JOIN customers c ON c.id = o.customer_id ORDER BY o.id",
        columns.join(", ")
    );
    let rows: Vec<Whose> = on_tx!(tx, c => sqlx::query_as(&sql).fetch_all(c).await?);
    Ok(rows.into_iter().map(|r| (r.who, r.objection)).collect())
}

#[derive(sqlx::FromRow)]
struct Whose {
    #[sqlx(flatten)]
    who: Who,
    #[sqlx(flatten)]
    objection: WebObjection,
}
