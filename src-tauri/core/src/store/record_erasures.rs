//! SQL of the course sign-ups and the web activity erased alone at a
//! person's request ([`crate::retention::record_erasure`], migrations 33 and 35).

use chrono::{DateTime, Utc};

use super::note_erasures::Whose;
use super::{on_pool, on_tx, Store, Within, WriteTx};
use crate::error::Result;
use crate::register::WebEvent;
use crate::retention::record_erasure::{SignUpErasure, WebActivityErasure};
use crate::values::{CustomerId, EventRegistrationId, RequestId};

const SIGNUP_COLUMNS: &str = "e.id, e.request_id, e.customer_id, e.signup_id, e.event_date, e.erased_at, e.erased_by";
/// [`SIGNUP_COLUMNS`] for a RETURNING clause, which SQLite reads without the table's alias.
const SIGNUP_RETURNED: &str = "id, request_id, customer_id, signup_id, event_date, erased_at, erased_by";
const WEB_COLUMNS: &str = "e.id, e.request_id, e.customer_id, e.events, e.first_at, e.last_at, e.held, e.erased_at, \
                           e.erased_by, e.event_digest";
/// [`WEB_COLUMNS`] for a RETURNING clause.
const WEB_RETURNED: &str =
    "id, request_id, customer_id, events, first_at, last_at, held, erased_at, erased_by, event_digest";

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

/// Which record of a part of someone's data erased alone for their request.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Alone {
    Note,
    SignUp,
    Web,
}

/// Record `id` of `alone` as made `at` by `by`: a part erased again by a
/// restore is the erasure the register made.
pub(crate) async fn restate(tx: &mut WriteTx, alone: Alone, id: i64, at: DateTime<Utc>, by: &str) -> Result<()> {
    let table = match alone {
        Alone::Note => "note_erasures",
        Alone::SignUp => "signup_erasures",
        Alone::Web => "web_activity_erasures",
    };
    let sql = format!("UPDATE {table} SET erased_at = $1, erased_by = $2 WHERE id = $3");
    on_tx!(tx, c => sqlx::query(&sql).bind(at).bind(by).bind(id).execute(c).await?.rows_affected());
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
         erased_by, event_digest) VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9) RETURNING {WEB_RETURNED}"
    );
    Ok(on_tx!(tx, c => sqlx::query_as(&sql)
        .bind(e.request_id).bind(e.customer_id).bind(e.events).bind(e.first_at).bind(e.last_at).bind(e.held)
        .bind(e.erased_at).bind(&e.erased_by).bind(&e.event_digest).fetch_one(c).await?))
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
