//! SQL of the course sign-ups and the web activity erased alone at a
//! person's request ([`crate::retention::record_erasure`], migrations 33 and 35).

use super::note_erasures::Whose;
use super::{on_pool, on_tx, Store, Within, WriteTx};
use crate::error::Result;
use crate::register::WebEvent;
use crate::retention::record_erasure::{SignUpErasure, WebActivityErasure};
use crate::values::{CustomerId, EventRegistrationId, RequestId};

const SIGNUP_COLUMNS: &str = "e.id, e.request_id, e.customer_id, e.signup_id, e.event_date, e.erased_at, e.erased_by";
/// [`SIGNUP_COLUMNS`] for a RETURNING clause, which SQLite reads without the table's alias.
const SIGNUP_RETURNED: &str = "id, request_id, customer_id, signup_id, event_date, erased_at, erased_by";
const WEB_COLUMNS: &str =
    "e.id, e.request_id, e.customer_id, e.events, e.first_at, e.last_at, e.held, e.erased_at, e.erased_by";
/// [`WEB_COLUMNS`] for a RETURNING clause.
const WEB_RETURNED: &str = "id, request_id, customer_id, events, first_at, last_at, held, erased_at, erased_by";

/// Deletes sign-up `id`. Whether there was such a sign-up.
pub(crate) async fn delete_signup(tx: &mut WriteTx, id: EventRegistrationId) -> Result<bool> {
    let sql = "DELETE FROM event_registrations WHERE id = $1";
    Ok(on_tx!(tx, c => sqlx::query(sql).bind(id).execute(c).await?.rows_affected()) > 0)
}

/// Deletes `events`, one by one: a person's activity is at most some
/// thousands of rows, and neither database binds a list the same way.
pub(crate) async fn delete_web_events(tx: &mut WriteTx, events: &[WebEvent]) -> Result<()> {
    let sql = "DELETE FROM web_events WHERE id = $1";
    for e in events {
        on_tx!(tx, c => sqlx::query(sql).bind(e.id).execute(c).await?.rows_affected());
    }
    Ok(())
}

/// Records that `e`'s sign-up was erased; `e.id` is the register's.
pub(crate) async fn insert_signup(tx: &mut WriteTx, e: &SignUpErasure) -> Result<SignUpErasure> {
    let sql = format!(
        "INSERT INTO signup_erasures (request_id, customer_id, signup_id, event_date, erased_at, erased_by) \
         VALUES ($1, $2, $3, $4, $5, $6) RETURNING {SIGNUP_RETURNED}"
    );
    Ok(on_tx!(tx, c => sqlx::query_as(&sql)
        .bind(e.request_id).bind(e.customer_id).bind(e.signup_id).bind(e.event_date).bind(e.erased_at)
        .bind(&e.erased_by).fetch_one(c).await?))
}

/// Records that `e`'s web activity was erased; `e.id` is the register's.
pub(crate) async fn insert_web(tx: &mut WriteTx, e: &WebActivityErasure) -> Result<WebActivityErasure> {
    let sql = format!(
        "INSERT INTO web_activity_erasures (request_id, customer_id, events, first_at, last_at, held, erased_at, \
         erased_by) VALUES ($1, $2, $3, $4, $5, $6, $7, $8) RETURNING {WEB_RETURNED}"
    );
    Ok(on_tx!(tx, c => sqlx::query_as(&sql)
        .bind(e.request_id).bind(e.customer_id).bind(e.events).bind(e.first_at).bind(e.last_at).bind(e.held)
        .bind(e.erased_at).bind(&e.erased_by).fetch_one(c).await?))
}

/// The sign-ups erased for `request`, in the order they were.
pub(crate) async fn signups_of_request(tx: &mut impl Within, request: RequestId) -> Result<Vec<SignUpErasure>> {
    let sql = format!("SELECT {SIGNUP_COLUMNS} FROM signup_erasures e WHERE e.request_id = $1 ORDER BY e.id");
    on_tx!(tx, c => Ok(sqlx::query_as(&sql).bind(request).fetch_all(c).await?))
}

/// The web activity erased for `request`, in the order it was.
pub(crate) async fn web_of_request(tx: &mut impl Within, request: RequestId) -> Result<Vec<WebActivityErasure>> {
    let sql = format!("SELECT {WEB_COLUMNS} FROM web_activity_erasures e WHERE e.request_id = $1 ORDER BY e.id");
    on_tx!(tx, c => Ok(sqlx::query_as(&sql).bind(request).fetch_all(c).await?))
}

/// The sign-ups of `customer` erased for requests.
pub(crate) async fn signups_of_customer(tx: &mut impl Within, customer: CustomerId) -> Result<Vec<SignUpErasure>> {
    let sql = format!("SELECT {SIGNUP_COLUMNS} FROM signup_erasures e WHERE e.customer_id = $1 ORDER BY e.id");
    on_tx!(tx, c => Ok(sqlx::query_as(&sql).bind(customer).fetch_all(c).await?))
}

/// The web activity of `customer` erased for requests: what a web log
/// imported again must not bring back.
pub(crate) async fn web_of_customer(tx: &mut impl Within, customer: CustomerId) -> Result<Vec<WebActivityErasure>> {
    let sql = format!("SELECT {WEB_COLUMNS} FROM web_activity_erasures e WHERE e.customer_id = $1 ORDER BY e.id");
    on_tx!(tx, c => Ok(sqlx::query_as(&sql).bind(customer).fetch_all(c).await?))
}

/// Every sign-up erasure the register recorded, with its customer, oldest
/// first: what a restore of an earlier backup makes again.
pub(crate) async fn all_signups_with_customers(store: &Store) -> Result<Vec<Whose<SignUpErasure>>> {
    let sql = format!(
        "SELECT k.number, k.pseudonym, {SIGNUP_COLUMNS} FROM signup_erasures e \
         JOIN customers k ON k.id = e.customer_id ORDER BY e.id"
    );
    on_pool!(store, p => Ok(sqlx::query_as(&sql).fetch_all(p).await?))
}

/// Every web activity erasure the register recorded, with its customer,
/// oldest first.
pub(crate) async fn all_web_with_customers(store: &Store) -> Result<Vec<Whose<WebActivityErasure>>> {
    let sql = format!(
        "SELECT k.number, k.pseudonym, {WEB_COLUMNS} FROM web_activity_erasures e \
         JOIN customers k ON k.id = e.customer_id ORDER BY e.id"
    );
    on_pool!(store, p => Ok(sqlx::query_as(&sql).fetch_all(p).await?))
}

/// Records that a legal hold kept web event `event` of `customer` from the
/// erasure `request` asked for (migration 36); a row there already, under an
/// earlier request, stays.
pub(crate) async fn hold_back_web_event(
    tx: &mut WriteTx,
    request: RequestId,
    customer: CustomerId,
    event: i64,
) -> Result<()> {
    let sql = "INSERT INTO web_events_held_back (request_id, customer_id, web_event_id, held_at) \
               VALUES ($1, $2, $3, $4) ON CONFLICT (web_event_id) DO NOTHING";
    let at = tx.now();
    on_tx!(tx, c => sqlx::query(sql).bind(request).bind(customer).bind(event).bind(at).execute(c).await?.rows_affected());
    Ok(())
}

/// The web events held back from an erasure that no legal hold in force
/// keeps any more (neither on the event nor on its customer), with the
/// request that asked for each.
pub(crate) async fn web_events_released(tx: &mut WriteTx) -> Result<Vec<(RequestId, WebEvent)>> {
    let sql = "SELECT b.request_id, e.id, e.customer_id, e.occurred_at, e.ip, e.action, e.user_agent \
               FROM web_events_held_back b JOIN web_events e ON e.id = b.web_event_id \
               WHERE NOT EXISTS (SELECT 1 FROM legal_holds h WHERE h.lifted_at IS NULL \
                 AND ((h.entity = 'web_event' AND h.entity_id = b.web_event_id) \
                   OR (h.entity = 'customer' AND h.entity_id = b.customer_id))) \
               ORDER BY b.request_id, e.customer_id, e.occurred_at";
    let rows: Vec<Released> = on_tx!(tx, c => sqlx::query_as(sql).fetch_all(c).await?);
    Ok(rows.into_iter().map(|r| (r.request_id, r.event)).collect())
}

#[derive(sqlx::FromRow)]
struct Released {
    request_id: RequestId,
    #[sqlx(flatten)]
    event: WebEvent,
}

/// How many web events a legal hold still keeps from the erasure `request` asked for.
pub(crate) async fn web_events_held_back_of(tx: &mut impl Within, request: RequestId) -> Result<i64> {
    let sql = "SELECT COUNT(*) FROM web_events_held_back WHERE request_id = $1";
    on_tx!(tx, c => Ok(sqlx::query_scalar(sql).bind(request).fetch_one(c).await?))
}
