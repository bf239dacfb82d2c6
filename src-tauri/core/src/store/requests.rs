//! SQL of data-subject requests.

use std::collections::HashMap;

use chrono::{DateTime, NaiveDate, Utc};

use super::customers::Who;
use super::{on_pool, on_tx, Store, Within, WriteTx};
use crate::audit::Action;
use crate::error::Result;
use crate::requests::{Asker, Request, RequestKind};
use crate::values::{CustomerId, RequestId};

const COLUMNS: &str = "id, customer_id, kind, state, channel, received_on, due_on, extended_to, extension_reason, \
                       verified_on, verification, started_on, answered_on, answer, refusal_reason, closed_on, created_at, \
                       requester, requester_language";

pub(crate) async fn insert(
    tx: &mut WriteTx,
    from: &Asker,
    kind: RequestKind,
    received_on: NaiveDate,
    due_on: NaiveDate,
    channel: Option<&str>,
) -> Result<Request> {
    let now = tx.now();
    let (customer, requester, language) = match from {
        Asker::Customer(c) => (Some(*c), None, None),
        Asker::Person { name, language } => (None, Some(name.as_str()), *language),
    };
    let sql = format!(
        "INSERT INTO requests (customer_id, kind, state, channel, received_on, due_on, created_at, requester, \
         requester_language) VALUES ($1, $2, 'received', $3, $4, $5, $6, $7, $8) RETURNING {COLUMNS}"
    );
    Ok(on_tx!(tx, c => sqlx::query_as(&sql)
        .bind(customer).bind(kind).bind(channel).bind(received_on).bind(due_on).bind(now).bind(requester)
        .bind(language).fetch_one(c).await?))
}

/// Links a request from someone not yet found to the customer it is about;
/// who asked is then the customer's record, and the words they gave go.
pub(crate) async fn link(tx: &mut WriteTx, id: RequestId, customer: CustomerId) -> Result<()> {
    on_tx!(tx, c => sqlx::query("UPDATE requests SET customer_id = $1, requester = NULL, requester_language = NULL WHERE id = $2")
        .bind(customer).bind(id).execute(c).await?.rows_affected());
    Ok(())
}

/// A request as it was logged and taken further elsewhere (a restore
/// carries it over), for `customer` where there is one.
pub(crate) async fn insert_whole(tx: &mut WriteTx, r: &Request, customer: Option<CustomerId>) -> Result<Request> {
    let sql = format!(
        "INSERT INTO requests (customer_id, kind, state, channel, received_on, due_on, extended_to, extension_reason, \
         verified_on, verification, started_on, answered_on, answer, refusal_reason, closed_on, created_at, requester, \
         requester_language) \
         VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13, $14, $15, $16, $17, $18) RETURNING {COLUMNS}"
    );
    Ok(on_tx!(tx, c => sqlx::query_as(&sql)
        .bind(customer).bind(r.kind).bind(r.state).bind(&r.channel).bind(r.received_on).bind(r.due_on)
        .bind(r.extended_to).bind(&r.extension_reason).bind(r.verified_on).bind(&r.verification).bind(r.started_on)
        .bind(r.answered_on).bind(&r.answer).bind(&r.refusal_reason).bind(r.closed_on).bind(r.created_at)
        .bind(&r.requester).bind(r.requester_language)
        .fetch_one(c).await?))
}

/// Every request, in the order they were logged.
pub(crate) async fn all(tx: &mut impl Within) -> Result<Vec<Request>> {
    let sql = format!("SELECT {COLUMNS} FROM requests ORDER BY id");
    Ok(on_tx!(tx, c => sqlx::query_as(&sql).fetch_all(c).await?))
}

/// Writes a request's workflow fields (the rest never changes).
pub(crate) async fn update(tx: &mut WriteTx, r: &Request) -> Result<()> {
    on_tx!(tx, c => sqlx::query(
        "UPDATE requests SET state = $1, extended_to = $2, extension_reason = $3, verified_on = $4, started_on = $5, \
         answered_on = $6, answer = $7, refusal_reason = $8, closed_on = $9, verification = $10 WHERE id = $11")
        .bind(r.state).bind(r.extended_to).bind(&r.extension_reason).bind(r.verified_on).bind(r.started_on)
        .bind(r.answered_on).bind(&r.answer).bind(&r.refusal_reason).bind(r.closed_on).bind(&r.verification)
        .bind(r.id)
        .execute(c).await?.rows_affected());
    Ok(())
}

pub(crate) async fn get_tx(tx: &mut impl Within, id: RequestId) -> Result<Option<Request>> {
    let sql = format!("SELECT {COLUMNS} FROM requests WHERE id = $1");
    Ok(on_tx!(tx, c => sqlx::query_as(&sql).bind(id).fetch_optional(c).await?))
}

pub(crate) async fn get(store: &Store, id: RequestId) -> Result<Option<Request>> {
    let sql = format!("SELECT {COLUMNS} FROM requests WHERE id = $1");
    Ok(on_pool!(store, p => sqlx::query_as(&sql).bind(id).fetch_optional(p).await?))
}

pub(crate) async fn of_customer(tx: &mut impl Within, customer: CustomerId) -> Result<Vec<Request>> {
    let sql = format!("SELECT {COLUMNS} FROM requests WHERE customer_id = $1 ORDER BY received_on DESC, id DESC");
    Ok(on_tx!(tx, c => sqlx::query_as(&sql).bind(customer).fetch_all(c).await?))
}

#[derive(sqlx::FromRow)]
struct Listed {
    #[sqlx(flatten)]
    request: Request,
    customer_number: Option<String>,
    customer_name: Option<String>,
}

/// Every request with its customer (what a restore carries over).
pub(crate) async fn all_with_customers(store: &Store) -> Result<Vec<(Request, Option<Who>)>> {
    #[derive(sqlx::FromRow)]
    struct Row {
        #[sqlx(flatten)]
        request: Request,
        number: Option<String>,
        pseudonym: Option<String>,
    }
    let columns: Vec<String> = COLUMNS.split(", ").map(|c| format!("r.{c}")).collect();
    let sql = format!(
        "SELECT {}, c.number, c.pseudonym FROM requests r LEFT JOIN customers c ON c.id = r.customer_id ORDER BY r.id",
        columns.join(", ")
    );
    let rows: Vec<Row> = on_pool!(store, p => sqlx::query_as(&sql).fetch_all(p).await?);
    Ok(rows.into_iter().map(|r| (r.request, Who::of(r.number, r.pseudonym))).collect())
}

/// When the trail recorded each request answered, refused or closed at
/// `since` or later as first so: from then its records were no longer kept
/// for it (`RequestKind::keeps_records`), whatever day the shop gave the
/// step. Read through the entries' subject index; the bound a day earlier,
/// as the time is compared as text on SQLite, and the times read compared again.
pub(crate) async fn ended_since(store: &Store, since: DateTime<Utc>) -> Result<HashMap<RequestId, DateTime<Utc>>> {
    let sql = "SELECT entity_id, at FROM audit_entries WHERE entity = 'request' AND action IN ($1, $2, $3) \
               AND at >= $4 ORDER BY seq";
    let rows: Vec<(String, DateTime<Utc>)> = on_pool!(store, p => sqlx::query_as(sql)
        .bind(Action::RequestAnswer).bind(Action::RequestRefuse).bind(Action::RequestClose)
        .bind(since - chrono::Duration::days(1)).fetch_all(p).await?);
    let mut ended = HashMap::new();
    for (id, at) in rows.into_iter().filter(|(_, at)| *at >= since) {
        if let Ok(id) = id.parse() {
            ended.entry(RequestId(id)).or_insert(at);
        }
    }
    Ok(ended)
}

/// Requests with their customer's number and name; open ones only unless `include_done`.
pub(crate) async fn list(store: &Store, include_done: bool) -> Result<Vec<(Request, Option<String>, Option<String>)>> {
    let columns: Vec<String> = COLUMNS.split(", ").map(|c| format!("r.{c}")).collect();
    let filter = if include_done { "" } else { "WHERE r.state IN ('received', 'identity_verified', 'in_progress')" };
    let sql = format!(
        "SELECT {}, c.number AS customer_number, c.name AS customer_name FROM requests r \
         LEFT JOIN customers c ON c.id = r.customer_id {filter} ORDER BY r.id",
        columns.join(", ")
    );
    let rows: Vec<Listed> = on_pool!(store, p => sqlx::query_as(&sql).fetch_all(p).await?);
    Ok(rows.into_iter().map(|l| (l.request, l.customer_number, l.customer_name)).collect())
}
