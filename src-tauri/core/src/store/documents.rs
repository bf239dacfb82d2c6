//! SQL of the produced documents.

use super::{on_tx, WriteTx};
use crate::error::Result;
use crate::reports::Generated;
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
