//! SQL of the produced documents.

use super::{on_tx, Within, WriteTx};
use crate::error::Result;
use crate::reports::{Generated, ProducedDocument};
use crate::values::{CustomerId, RequestId};

pub(crate) async fn insert(
    tx: &mut WriteTx,
    request: Option<RequestId>,
    customer: Option<CustomerId>,
    g: &Generated,
) -> Result<i64> {
    let now = tx.now();
    Ok(on_tx!(tx, c => sqlx::query_scalar(
        "INSERT INTO request_documents (request_id, customer_id, kind, format, language, digest, created_at) \
         VALUES ($1, $2, $3, $4, $5, $6, $7) RETURNING id")
        .bind(request).bind(customer).bind(g.kind).bind(g.format).bind(g.language).bind(&g.digest).bind(now)
        .fetch_one(c).await?))
}

/// The documents produced for `request`, oldest first, each with who produced
/// it (its audit entry's actor).
pub(crate) async fn of_request(tx: &mut impl Within, request: RequestId) -> Result<Vec<ProducedDocument>> {
    Ok(on_tx!(tx, c => sqlx::query_as(
        "SELECT d.id, d.kind, d.format, d.language, d.digest, d.created_at, a.actor FROM request_documents d \
         LEFT JOIN audit_entries a ON a.entity = 'document' AND a.entity_id = CAST(d.id AS TEXT) \
         WHERE d.request_id = $1 ORDER BY d.id")
        .bind(request).fetch_all(c).await?))
}
