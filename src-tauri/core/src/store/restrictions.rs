//! SQL of restrictions (Art. 18).

use chrono::NaiveDate;

use super::{on_tx, Within, WriteTx};
use crate::error::Result;
use crate::register::restriction::{Restriction, RestrictionGround};
use crate::register::CustomerState;
use crate::values::{CustomerId, RequestId};

const COLUMNS: &str = "id, customer_id, ground, request_id, note, set_by, set_at, lifted_by, lifted_at, notified_on";

pub(crate) async fn insert(
    tx: &mut WriteTx,
    customer: CustomerId,
    ground: RestrictionGround,
    request: Option<RequestId>,
    note: Option<&str>,
) -> Result<Restriction> {
    let (now, actor) = (tx.now(), tx.actor().to_owned());
    let sql = format!(
        "INSERT INTO restrictions (customer_id, ground, request_id, note, set_by, set_at) \
         VALUES ($1, $2, $3, $4, $5, $6) RETURNING {COLUMNS}"
    );
    Ok(on_tx!(tx, c => sqlx::query_as(&sql)
        .bind(customer).bind(ground).bind(request).bind(note).bind(&actor).bind(now).fetch_one(c).await?))
}

pub(crate) async fn in_force(tx: &mut WriteTx, customer: CustomerId) -> Result<Option<Restriction>> {
    let sql = format!("SELECT {COLUMNS} FROM restrictions WHERE customer_id = $1 AND lifted_at IS NULL");
    Ok(on_tx!(tx, c => sqlx::query_as(&sql).bind(customer).fetch_optional(c).await?))
}

pub(crate) async fn lift(tx: &mut WriteTx, id: i64, notified_on: NaiveDate) -> Result<Restriction> {
    let (now, actor) = (tx.now(), tx.actor().to_owned());
    let sql = format!(
        "UPDATE restrictions SET lifted_by = $1, lifted_at = $2, notified_on = $3 WHERE id = $4 RETURNING {COLUMNS}"
    );
    Ok(on_tx!(tx, c => sqlx::query_as(&sql).bind(&actor).bind(now).bind(notified_on).bind(id).fetch_one(c).await?))
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
