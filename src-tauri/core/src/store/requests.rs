//! SQL of data-subject requests.

use chrono::NaiveDate;

use super::{on_pool, on_tx, Store, WriteTx};
use crate::error::Result;
use crate::requests::{Request, RequestKind};
use crate::values::CustomerId;

const COLUMNS: &str = "id, customer_id, kind, state, received_on, due_on, extended_to, extension_reason, \
                       verified_on, answered_on, answer, refusal_reason, closed_on, created_at";

pub(crate) async fn insert(
    tx: &mut WriteTx,
    customer: CustomerId,
    kind: RequestKind,
    received_on: NaiveDate,
    due_on: NaiveDate,
) -> Result<Request> {
    let now = tx.now();
    let sql = format!(
        "INSERT INTO requests (customer_id, kind, state, received_on, due_on, created_at) \
         VALUES ($1, $2, 'received', $3, $4, $5) RETURNING {COLUMNS}"
    );
    Ok(on_tx!(tx, c => sqlx::query_as(&sql)
        .bind(customer).bind(kind).bind(received_on).bind(due_on).bind(now).fetch_one(c).await?))
}

pub(crate) async fn of_customer(store: &Store, customer: CustomerId) -> Result<Vec<Request>> {
    let sql = format!("SELECT {COLUMNS} FROM requests WHERE customer_id = $1 ORDER BY received_on DESC, id DESC");
    Ok(on_pool!(store, p => sqlx::query_as(&sql).bind(customer).fetch_all(p).await?))
}
