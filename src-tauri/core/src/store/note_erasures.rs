//! SQL of the notes erased alone at a person's request
//! ([`crate::retention::note_erasure`], migration 32).

use super::customers::Who;
use super::{on_pool, on_tx, Store, Within, WriteTx};
use crate::error::Result;
use crate::retention::note_erasure::NoteErasure;
use crate::values::{CustomerId, InteractionId, RequestId};

const COLUMNS: &str =
    "e.id, e.request_id, e.customer_id, e.note_id, e.occurred_at, e.channel, e.direction, e.erased_at, e.erased_by";
/// [`COLUMNS`] for a RETURNING clause, which SQLite reads without the table's alias.
const RETURNED: &str = "id, request_id, customer_id, note_id, occurred_at, channel, direction, erased_at, erased_by";

/// Deletes note `id`; its corrections' old values go with it (the cascade of
/// migration 25). Whether there was such a note.
pub(crate) async fn delete_note(tx: &mut WriteTx, id: InteractionId) -> Result<bool> {
    let sql = "DELETE FROM interactions WHERE id = $1";
    Ok(on_tx!(tx, c => sqlx::query(sql).bind(id).execute(c).await?.rows_affected()) > 0)
}

/// Records that `e`'s note was erased; `e.id` is the register's.
pub(crate) async fn insert(tx: &mut WriteTx, e: &NoteErasure) -> Result<NoteErasure> {
    let sql = format!(
        "INSERT INTO note_erasures (request_id, customer_id, note_id, occurred_at, channel, direction, \
         erased_at, erased_by) VALUES ($1, $2, $3, $4, $5, $6, $7, $8) RETURNING {RETURNED}"
    );
    Ok(on_tx!(tx, c => sqlx::query_as(&sql)
        .bind(e.request_id).bind(e.customer_id).bind(e.note_id).bind(e.occurred_at).bind(e.channel)
        .bind(e.direction).bind(e.erased_at).bind(&e.erased_by).fetch_one(c).await?))
}

/// The notes erased for `request`, in the order they were.
pub(crate) async fn of_request(tx: &mut impl Within, request: RequestId) -> Result<Vec<NoteErasure>> {
    let sql = format!("SELECT {COLUMNS} FROM note_erasures e WHERE e.request_id = $1 ORDER BY e.id");
    on_tx!(tx, c => Ok(sqlx::query_as(&sql).bind(request).fetch_all(c).await?))
}

/// An erasure of part of a person's data with the customer whose it was.
#[derive(Debug, Clone, PartialEq, Eq, sqlx::FromRow)]
pub(crate) struct Whose<E> {
    #[sqlx(flatten)]
    pub who: Who,
    #[sqlx(flatten)]
    pub erasure: E,
}

/// Every note erasure the register recorded, oldest first: what a restore
/// of an earlier backup makes again.
pub(crate) async fn all_with_customers(store: &Store) -> Result<Vec<Whose<NoteErasure>>> {
    let sql = format!(
        "SELECT k.number, k.pseudonym, {COLUMNS} FROM note_erasures e JOIN customers k ON k.id = e.customer_id \
         ORDER BY e.id"
    );
    on_pool!(store, p => Ok(sqlx::query_as(&sql).fetch_all(p).await?))
}

/// The notes of `customer` erased for requests, in the order they were.
pub(crate) async fn of_customer(tx: &mut impl Within, customer: CustomerId) -> Result<Vec<NoteErasure>> {
    let sql = format!("SELECT {COLUMNS} FROM note_erasures e WHERE e.customer_id = $1 ORDER BY e.id");
    on_tx!(tx, c => Ok(sqlx::query_as(&sql).bind(customer).fetch_all(c).await?))
}
