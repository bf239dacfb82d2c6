//! SQL of the erasures a legal hold holds back (migration 37): what a
//! person's request for erasure asked for and a hold kept, to be erased under
//! the request once no hold keeps it ([`crate::retention::held_back`]).

use chrono::{DateTime, Utc};

use super::note_erasures::Whose;
use super::{on_pool, on_tx, Store, Within, WriteTx};
use crate::error::Result;
use crate::retention::due::RecordKind;
use crate::retention::held_back::HeldBack;
use crate::values::{CustomerId, RequestId};

/// The column naming a record of `kind`; `None` for a kind no request erases alone.
fn column(kind: RecordKind) -> Option<&'static str> {
    match kind {
        RecordKind::Interaction => Some("interaction_id"),
        RecordKind::EventRegistration => Some("signup_id"),
        RecordKind::WebEvent => Some("web_event_id"),
        _ => None,
    }
}

/// Records that a hold keeps record `id` of `kind`, of `customer`, from the
/// erasure `request` asked for; a row for the record there already, under
/// an earlier request, stays. Whether a row was added.
pub(crate) async fn insert(
    tx: &mut WriteTx,
    request: RequestId,
    customer: CustomerId,
    kind: RecordKind,
    id: i64,
    at: DateTime<Utc>,
) -> Result<bool> {
    let Some(column) = column(kind) else {
        return Err(crate::Error::Internal(format!("no erasure of a {kind} is held back")));
    };
    let sql = format!(
        "INSERT INTO erasures_held_back (request_id, customer_id, {column}, held_at) VALUES ($1, $2, $3, $4) \
         ON CONFLICT ({column}) DO NOTHING"
    );
    let added = on_tx!(tx, c => sqlx::query(&sql).bind(request).bind(customer).bind(id).bind(at).execute(c).await?.rows_affected());
    Ok(added > 0)
}

/// The erasure of record `id` of `kind` recorded as held back `at`: held back
/// again by a restore, as the register held it back.
pub(crate) async fn restate(tx: &mut WriteTx, kind: RecordKind, id: i64, at: DateTime<Utc>) -> Result<()> {
    let Some(column) = column(kind) else {
        return Err(crate::Error::Internal(format!("no erasure of a {kind} is held back")));
    };
    let sql = format!("UPDATE erasures_held_back SET held_at = $1 WHERE {column} = $2");
    on_tx!(tx, c => sqlx::query(&sql).bind(at).bind(id).execute(c).await?.rows_affected());
    Ok(())
}

/// The columns of a row as [`HeldBack`], with what names each record to people.
const COLUMNS: &str = "b.request_id, b.customer_id, \
       CASE WHEN b.interaction_id IS NOT NULL THEN 'interaction' \
            WHEN b.signup_id IS NOT NULL THEN 'event_registration' ELSE 'web_event' END AS entity, \
       COALESCE(b.interaction_id, b.signup_id, b.web_event_id) AS entity_id, \
       COALESCE(i.occurred_at, w.occurred_at) AS occurred_at, i.channel, s.event_date, b.held_at";

/// The joins of a row `b` to its record.
const JOINS: &str = "LEFT JOIN interactions i ON i.id = b.interaction_id \
     LEFT JOIN event_registrations s ON s.id = b.signup_id \
     LEFT JOIN web_events w ON w.id = b.web_event_id";

/// Whether hold `h` keeps the record of row `b`: a hold on the record, or on its customer.
pub(crate) fn keeps(h: &str, b: &str) -> String {
    format!(
        "(({h}.entity = 'interaction' AND {h}.entity_id = {b}.interaction_id) \
          OR ({h}.entity = 'event_registration' AND {h}.entity_id = {b}.signup_id) \
          OR ({h}.entity = 'web_event' AND {h}.entity_id = {b}.web_event_id) \
          OR ({h}.entity = 'customer' AND {h}.entity_id = {b}.customer_id))"
    )
}

/// What a hold still keeps from the erasure `request` asked for, in the order it was held back.
pub(crate) async fn of_request(tx: &mut impl Within, request: RequestId) -> Result<Vec<HeldBack>> {
    let sql = format!("SELECT {COLUMNS} FROM erasures_held_back b {JOINS} WHERE b.request_id = $1 ORDER BY b.id");
    on_tx!(tx, c => Ok(sqlx::query_as(&sql).bind(request).fetch_all(c).await?))
}

/// What no hold in force keeps any more, with the request that asked for each.
pub(crate) async fn released(tx: &mut WriteTx) -> Result<Vec<HeldBack>> {
    let sql = format!(
        "SELECT {COLUMNS} FROM erasures_held_back b {JOINS} \
         WHERE NOT EXISTS (SELECT 1 FROM legal_holds h WHERE h.lifted_at IS NULL AND {}) ORDER BY b.id",
        keeps("h", "b")
    );
    on_tx!(tx, c => Ok(sqlx::query_as(&sql).fetch_all(c).await?))
}

/// Every erasure held back, with its customer: what a restore of an earlier
/// backup records again.
pub(crate) async fn all_with_customers(store: &Store) -> Result<Vec<Whose<HeldBack>>> {
    let sql = format!(
        "SELECT k.number, k.pseudonym, {COLUMNS} FROM erasures_held_back b \
         JOIN customers k ON k.id = b.customer_id {JOINS} ORDER BY b.id"
    );
    on_pool!(store, p => Ok(sqlx::query_as(&sql).fetch_all(p).await?))
}
