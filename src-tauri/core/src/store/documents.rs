//! SQL of the produced documents.

use chrono::{DateTime, Utc};

use super::customers::Who;
use super::{on_pool, on_tx, Store, Within, WriteTx};
use crate::error::Result;
use crate::reports::{Generated, ProducedDocument};
use crate::values::{CustomerId, RequestId};

pub(crate) async fn insert(
    tx: &mut WriteTx,
    request: Option<RequestId>,
    customer: Option<CustomerId>,
    g: &Generated,
) -> Result<i64> {
    let (now, actor) = (tx.now(), tx.actor().to_owned());
    Ok(on_tx!(tx, c => sqlx::query_scalar(
        "INSERT INTO request_documents (request_id, customer_id, kind, format, language, digest, created_at, made_by) \
         VALUES ($1, $2, $3, $4, $5, $6, $7, $8) RETURNING id")
        .bind(request).bind(customer).bind(g.kind).bind(g.format).bind(g.language).bind(&g.digest).bind(now).bind(actor)
        .fetch_one(c).await?))
}

/// The documents produced for `request`, oldest first, each with who produced it.
pub(crate) async fn of_request(tx: &mut impl Within, request: RequestId) -> Result<Vec<ProducedDocument>> {
    Ok(on_tx!(tx, c => sqlx::query_as(
        "SELECT d.id, d.kind, d.format, d.language, d.digest, d.created_at, d.made_by AS actor \
         FROM request_documents d WHERE d.request_id = $1 ORDER BY d.id")
        .bind(request).fetch_all(c).await?))
}

/// A document made at `since` or later, with the request it was made for and
/// its customer: what a restore of an older backup carries over.
pub(crate) type Made = (Option<RequestId>, Option<Who>, ProducedDocument);

/// The documents made at `since` or later, oldest first, each with its
/// request, its customer and who made it.
pub(crate) async fn made_since(store: &Store, since: DateTime<Utc>) -> Result<Vec<Made>> {
    #[derive(sqlx::FromRow)]
    struct Row {
        request_id: Option<RequestId>,
        number: Option<String>,
        pseudonym: Option<String>,
        #[sqlx(flatten)]
        document: ProducedDocument,
    }
    let sql =
        "SELECT d.request_id, c.number, c.pseudonym, d.id, d.kind, d.format, d.language, d.digest, d.created_at, \
               d.made_by AS actor FROM request_documents d LEFT JOIN customers c ON c.id = d.customer_id \
               WHERE d.created_at >= $1 ORDER BY d.id";
    let rows: Vec<Row> = on_pool!(store, p => sqlx::query_as(sql).bind(since).fetch_all(p).await?);
    Ok(rows.into_iter().map(|r| (r.request_id, Who::of(r.number, r.pseudonym), r.document)).collect())
}

/// When each document made at `since` or later was recorded, and its
/// digest: what names a document in another copy of the register. Compared
/// as times, not as the texts a backend writes them in.
pub(crate) async fn recorded_since(tx: &mut impl Within, since: DateTime<Utc>) -> Result<Vec<(DateTime<Utc>, String)>> {
    // A day more in the statement: the bound is compared as text on SQLite.
    let sql = "SELECT created_at, digest FROM request_documents WHERE created_at >= $1";
    let rows: Vec<(DateTime<Utc>, String)> =
        on_tx!(tx, c => sqlx::query_as(sql).bind(since - chrono::Duration::days(1)).fetch_all(c).await?);
    Ok(rows.into_iter().filter(|(at, _)| *at >= since).collect())
}

/// Records `d` again as it was recorded, for `request` and `customer`.
pub(crate) async fn insert_whole(
    tx: &mut WriteTx,
    request: Option<RequestId>,
    customer: Option<CustomerId>,
    d: &ProducedDocument,
) -> Result<i64> {
    Ok(on_tx!(tx, c => sqlx::query_scalar(
        "INSERT INTO request_documents (request_id, customer_id, kind, format, language, digest, created_at, made_by) \
         VALUES ($1, $2, $3, $4, $5, $6, $7, $8) RETURNING id")
        .bind(request).bind(customer).bind(d.kind).bind(d.format).bind(d.language).bind(&d.digest).bind(d.created_at)
        .bind(&d.actor).fetch_one(c).await?))
}
