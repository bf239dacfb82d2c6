//! SQL of legal holds.

use chrono::{DateTime, Utc};

use super::{on_pool, on_tx, Store, Within, WriteTx};
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

/// The id of the order or invoice numbered `number` (the only records with a
/// number of their own besides the customer).
pub(crate) async fn numbered(store: &Store, entity: RecordKind, number: &str) -> Result<Option<i64>> {
    let table = match entity {
        RecordKind::Order | RecordKind::Invoice => super::retention::table(entity),
        _ => return Ok(None),
    };
    let sql = format!("SELECT id FROM {table} WHERE number = $1");
    Ok(on_pool!(store, p => sqlx::query_scalar(&sql).bind(number).fetch_optional(p).await?))
}

/// A hold on record `id` of `entity`, placed by `who` at `at`.
pub(crate) async fn insert(
    tx: &mut WriteTx,
    entity: RecordKind,
    id: i64,
    reason: &str,
    who: &str,
    at: DateTime<Utc>,
) -> Result<Hold> {
    let sql = format!("INSERT INTO legal_holds (entity, entity_id, reason, set_by, set_at) VALUES ($1, $2, $3, $4, $5) RETURNING {COLUMNS}");
    Ok(on_tx!(tx, c => sqlx::query_as(&sql).bind(entity).bind(id).bind(reason).bind(who).bind(at).fetch_one(c).await?))
}

/// The erased customer whose erasure hold `id` alone holds back, if it does.
pub(crate) async fn erasure_held_back(tx: &mut WriteTx, id: i64) -> Result<Option<CustomerId>> {
    let sql = format!("SELECT {ERASABLE_OWNER} FROM legal_holds h WHERE h.id = $1 AND {}", alone_keeps_erased());
    let found: Option<i64> = on_tx!(tx, c => sqlx::query_scalar(&sql).bind(id).fetch_optional(c).await?);
    Ok(found.map(CustomerId))
}

/// Lifts hold `id`, by `who` at `at`; `None` when it is not in force.
pub(crate) async fn lift(tx: &mut WriteTx, id: i64, who: &str, at: DateTime<Utc>) -> Result<Option<Hold>> {
    let sql = format!(
        "UPDATE legal_holds SET lifted_by = $1, lifted_at = $2 WHERE id = $3 AND lifted_at IS NULL RETURNING {COLUMNS}"
    );
    Ok(on_tx!(tx, c => sqlx::query_as(&sql).bind(who).bind(at).bind(id).fetch_optional(c).await?))
}

/// Every hold, in force or lifted, in the order they were placed.
pub(crate) async fn all(tx: &mut impl Within) -> Result<Vec<Hold>> {
    let sql = format!("SELECT {COLUMNS} FROM legal_holds ORDER BY id");
    Ok(on_tx!(tx, c => sqlx::query_as(&sql).fetch_all(c).await?))
}

/// What names the record a hold is on outside one database: its own number
/// (customers, orders, invoices) and its customer's pseudonym (which no
/// correction changes); `None` where there is no such record.
pub(crate) async fn mark(
    tx: &mut impl Within,
    entity: RecordKind,
    id: i64,
) -> Result<Option<(Option<String>, Option<String>)>> {
    let sql = match entity {
        RecordKind::Customer => "SELECT number, pseudonym FROM customers WHERE id = $1".to_owned(),
        RecordKind::Order => {
            "SELECT r.number, c.pseudonym FROM orders r LEFT JOIN customers c ON c.id = r.customer_id WHERE r.id = $1"
                .to_owned()
        }
        RecordKind::Invoice => "SELECT r.number, c.pseudonym FROM invoices r JOIN orders o ON o.id = r.order_id \
                                LEFT JOIN customers c ON c.id = o.customer_id WHERE r.id = $1"
            .to_owned(),
        other => format!(
            "SELECT CAST(NULL AS TEXT), c.pseudonym FROM {} r LEFT JOIN customers c ON c.id = r.customer_id WHERE r.id = $1",
            super::retention::table(other)
        ),
    };
    Ok(on_tx!(tx, c => sqlx::query_as(&sql).bind(id).fetch_optional(c).await?))
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

/// Whether hold `h`, in force, alone keeps a record from the erasure a
/// person's request asked for (migration 37): lifting it erases the record.
fn alone_keeps_held_back() -> String {
    format!(
        "h.lifted_at IS NULL AND EXISTS (SELECT 1 FROM erasures_held_back b WHERE {} \
         AND NOT EXISTS (SELECT 1 FROM legal_holds o WHERE o.lifted_at IS NULL AND o.id <> h.id AND {}))",
        super::held_back::keeps("h", "b"),
        super::held_back::keeps("o", "b")
    )
}

/// Holds in force (with `all`, lifted ones too), each with its record's
/// number and whose record it is (their id and number), where the record
/// still says.
pub(crate) async fn list(store: &Store, all: bool) -> Result<Vec<HoldView>> {
    let filter = if all { "" } else { "WHERE h.lifted_at IS NULL" };
    let sql = format!(
        "SELECT v.*, (SELECT number FROM customers WHERE id = v.customer_id) AS customer_number FROM (\
         SELECT h.id, h.entity, h.entity_id, h.reason, h.set_by, h.set_at, h.lifted_by, h.lifted_at, \
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
         CASE WHEN {} THEN TRUE ELSE FALSE END AS erases, \
         CASE WHEN {} THEN TRUE ELSE FALSE END AS releases \
         FROM legal_holds h {filter}) v ORDER BY v.id",
        alone_keeps_erased(),
        alone_keeps_held_back()
    );
    Ok(on_pool!(store, p => sqlx::query_as(&sql).fetch_all(p).await?))
}
