//! SQL of legal holds.

use super::{on_pool, on_tx, Store, WriteTx};
use crate::error::Result;
use crate::retention::due::RecordKind;
use crate::retention::holds::{Hold, HoldView};
use crate::values::CustomerId;

const COLUMNS: &str = "id, entity, entity_id, reason, set_by, set_at, lifted_by, lifted_at";

pub(crate) async fn record_exists(tx: &mut WriteTx, entity: RecordKind, id: i64) -> Result<bool> {
    let table = super::retention::table(entity);
    let sql = format!("SELECT COUNT(*) FROM {table} WHERE id = $1");
    let n: i64 = on_tx!(tx, c => sqlx::query_scalar(&sql).bind(id).fetch_one(c).await?);
    Ok(n > 0)
}

pub(crate) async fn insert(tx: &mut WriteTx, entity: RecordKind, id: i64, reason: &str) -> Result<Hold> {
    let (now, actor) = (tx.now(), tx.actor().to_owned());
    let sql = format!("INSERT INTO legal_holds (entity, entity_id, reason, set_by, set_at) VALUES ($1, $2, $3, $4, $5) RETURNING {COLUMNS}");
    Ok(
        on_tx!(tx, c => sqlx::query_as(&sql).bind(entity).bind(id).bind(reason).bind(&actor).bind(now).fetch_one(c).await?),
    )
}

/// The erased customer whose erasure hold `id` alone holds back, if it does.
pub(crate) async fn erasure_held_back(tx: &mut WriteTx, id: i64) -> Result<Option<CustomerId>> {
    let sql = format!("SELECT {ERASABLE_OWNER} FROM legal_holds h WHERE h.id = $1 AND {}", alone_keeps_erased());
    let found: Option<i64> = on_tx!(tx, c => sqlx::query_scalar(&sql).bind(id).fetch_optional(c).await?);
    Ok(found.map(CustomerId))
}

pub(crate) async fn lift(tx: &mut WriteTx, id: i64) -> Result<Option<Hold>> {
    let (now, actor) = (tx.now(), tx.actor().to_owned());
    let sql = format!(
        "UPDATE legal_holds SET lifted_by = $1, lifted_at = $2 WHERE id = $3 AND lifted_at IS NULL RETURNING {COLUMNS}"
    );
    Ok(on_tx!(tx, c => sqlx::query_as(&sql).bind(&actor).bind(now).bind(id).fetch_optional(c).await?))
}

/// The customer of the record hold `h` keeps, where the record is of a kind
/// that no law keeps after an erasure: an ordinary note, web activity, a
/// course sign-up (retention::erasure). NULL for any other record.
const ERASABLE_OWNER: &str = "CASE h.entity \
       WHEN 'interaction' THEN (SELECT customer_id FROM interactions WHERE id = h.entity_id AND bookkeeping = FALSE) \
       WHEN 'web_event' THEN (SELECT customer_id FROM web_events WHERE id = h.entity_id) \
       WHEN 'event_registration' THEN (SELECT customer_id FROM event_registrations WHERE id = h.entity_id) \
     END";

/// Whether hold `h`, in force, alone keeps its record from an erasure: the
/// record is of such a kind, its customer was erased, and no other hold in
/// force keeps it. Lifting such a hold completes the erasure.
fn alone_keeps_erased() -> String {
    format!(
        "h.lifted_at IS NULL AND EXISTS (SELECT 1 FROM customers c WHERE c.id = {ERASABLE_OWNER} AND c.state = 'erased' \
         AND NOT EXISTS (SELECT 1 FROM legal_holds o WHERE o.lifted_at IS NULL AND o.id <> h.id \
         AND ((o.entity = h.entity AND o.entity_id = h.entity_id) OR (o.entity = 'customer' AND o.entity_id = c.id))))"
    )
}

/// Holds in force (with `all`, lifted ones too), each with its record's
/// number and whose record it is, where the record still says.
pub(crate) async fn list(store: &Store, all: bool) -> Result<Vec<HoldView>> {
    let filter = if all { "" } else { "WHERE h.lifted_at IS NULL" };
    let sql = format!(
        "SELECT h.id, h.entity, h.entity_id, h.reason, h.set_by, h.set_at, h.lifted_by, h.lifted_at, \
         CASE h.entity \
           WHEN 'customer' THEN (SELECT number FROM customers WHERE id = h.entity_id) \
           WHEN 'order' THEN (SELECT number FROM orders WHERE id = h.entity_id) \
           WHEN 'invoice' THEN (SELECT number FROM invoices WHERE id = h.entity_id) \
         END AS number, \
         CASE h.entity \
           WHEN 'customer' THEN (SELECT id FROM customers WHERE id = h.entity_id) \
           WHEN 'order' THEN (SELECT customer_id FROM orders WHERE id = h.entity_id) \
           WHEN 'invoice' THEN (SELECT o.customer_id FROM invoices i JOIN orders o ON o.id = i.order_id \
                                WHERE i.id = h.entity_id) \
           WHEN 'interaction' THEN (SELECT customer_id FROM interactions WHERE id = h.entity_id) \
           WHEN 'web_event' THEN (SELECT customer_id FROM web_events WHERE id = h.entity_id) \
           WHEN 'consent' THEN (SELECT customer_id FROM consents WHERE id = h.entity_id) \
           WHEN 'event_registration' THEN (SELECT customer_id FROM event_registrations WHERE id = h.entity_id) \
           WHEN 'request' THEN (SELECT customer_id FROM requests WHERE id = h.entity_id) \
         END AS customer_id, \
         CASE WHEN {} THEN TRUE ELSE FALSE END AS erases \
         FROM legal_holds h {filter} ORDER BY h.id",
        alone_keeps_erased()
    );
    Ok(on_pool!(store, p => sqlx::query_as(&sql).fetch_all(p).await?))
}
