//! SQL of erasure: what a customer has, and the deletions, pseudonymisation and
//! tombstone that erase them (retention::erasure decides which is which).

use std::collections::{BTreeMap, HashMap};

use chrono::{DateTime, NaiveDate, Utc};

use super::{on_tx, Pool, Store, Within, WriteTx};
use crate::error::Result;
use crate::register::Customer;
use crate::retention::due::RecordKind;
use crate::retention::erasure::ErasedCustomer;
use crate::values::{CustomerId, RequestId};

/// An order of the customer with its invoices (id, number, issued on).
pub(crate) struct AccountingRow {
    pub id: i64,
    pub number: String,
    pub date: NaiveDate,
    pub invoices: Vec<(i64, String, NaiveDate)>,
}

/// Everything of one customer that an erasure decides about.
#[derive(Default)]
pub(crate) struct Holdings {
    /// Orders by date, each with its invoices by issue date.
    pub orders: Vec<AccountingRow>,
    /// Web events and course sign-ups, by id.
    pub others: BTreeMap<RecordKind, Vec<i64>>,
    /// Notes: id, the day their matter closed, whether they document a business event.
    pub notes: Vec<(i64, Option<NaiveDate>, bool)>,
    /// Consents: id, withdrawn at.
    pub consents: Vec<(i64, Option<DateTime<Utc>>)>,
    /// Requests: id, closed on.
    pub requests: Vec<(i64, Option<NaiveDate>)>,
    /// Personal data breaches recorded as concerning them: id, became aware at.
    pub breaches: Vec<(i64, DateTime<Utc>)>,
    /// The web shop's numbers for them, in the order they were recorded (the tombstone keeps them).
    pub shop_numbers: Vec<String>,
}

/// The holdings of each of `customers`, in a handful of queries however many
/// they are (the sweep erases a batch of customers at once).
pub(crate) async fn holdings_of(tx: &mut WriteTx, customers: &[CustomerId]) -> Result<HashMap<CustomerId, Holdings>> {
    let ids: Vec<i64> = customers.iter().map(|c| c.0).collect();
    let mut all: HashMap<CustomerId, Holdings> = customers.iter().map(|c| (*c, Holdings::default())).collect();
    let mut invoices: HashMap<i64, Vec<(i64, String, NaiveDate)>> = HashMap::new();
    let rows: Vec<(i64, i64, String, NaiveDate)> = fetch_by_ids(
        tx,
        "SELECT i.order_id, i.id, i.number, i.issued_on FROM invoices i JOIN orders o ON o.id = i.order_id \
         WHERE o.customer_id IN ({ids}) ORDER BY i.issued_on, i.id",
        &ids,
    )
    .await?;
    for (order, id, number, issued) in rows {
        invoices.entry(order).or_default().push((id, number, issued));
    }
    let orders: Vec<(i64, i64, String, NaiveDate)> = fetch_by_ids(
        tx,
        "SELECT customer_id, id, number, order_date FROM orders WHERE customer_id IN ({ids}) \
         ORDER BY customer_id, order_date, id",
        &ids,
    )
    .await?;
    for (customer, id, number, date) in orders {
        let invoices = invoices.remove(&id).unwrap_or_default();
        holder(&mut all, customer)?.orders.push(AccountingRow { id, number, date, invoices });
    }
    let sql = "SELECT customer_id, id, closed_on, bookkeeping FROM interactions WHERE customer_id IN ({ids}) \
               ORDER BY customer_id, id";
    for (customer, id, closed, bookkeeping) in
        fetch_by_ids::<(i64, i64, Option<NaiveDate>, bool)>(tx, sql, &ids).await?
    {
        holder(&mut all, customer)?.notes.push((id, closed, bookkeeping));
    }
    for kind in [RecordKind::WebEvent, RecordKind::EventRegistration] {
        let sql = format!(
            "SELECT customer_id, id FROM {} WHERE customer_id IN ({{ids}}) ORDER BY customer_id, id",
            super::retention::table(kind)
        );
        for (customer, id) in fetch_by_ids::<(i64, i64)>(tx, &sql, &ids).await? {
            holder(&mut all, customer)?.others.entry(kind).or_default().push(id);
        }
    }
    let sql =
        "SELECT customer_id, id, withdrawn_at FROM consents WHERE customer_id IN ({ids}) ORDER BY customer_id, id";
    for (customer, id, withdrawn) in fetch_by_ids::<(i64, i64, Option<DateTime<Utc>>)>(tx, sql, &ids).await? {
        holder(&mut all, customer)?.consents.push((id, withdrawn));
    }
    let sql = "SELECT customer_id, id, closed_on FROM requests WHERE customer_id IN ({ids}) ORDER BY customer_id, id";
    for (customer, id, closed) in fetch_by_ids::<(i64, i64, Option<NaiveDate>)>(tx, sql, &ids).await? {
        holder(&mut all, customer)?.requests.push((id, closed));
    }
    let sql = "SELECT l.customer_id, b.id, b.aware_at FROM breach_customers l JOIN breaches b ON b.id = l.breach_id \
               WHERE l.customer_id IN ({ids}) ORDER BY l.customer_id, b.aware_at, b.id";
    for (customer, id, aware) in fetch_by_ids::<(i64, i64, DateTime<Utc>)>(tx, sql, &ids).await? {
        holder(&mut all, customer)?.breaches.push((id, aware));
    }
    let sql = "SELECT customer_id, number FROM shop_numbers WHERE customer_id IN ({ids}) \
               ORDER BY customer_id, recorded_at, number";
    for (customer, number) in fetch_by_ids::<(i64, String)>(tx, sql, &ids).await? {
        holder(&mut all, customer)?.shop_numbers.push(number);
    }
    Ok(all)
}

fn holder(all: &mut HashMap<CustomerId, Holdings>, customer: i64) -> Result<&mut Holdings> {
    all.get_mut(&CustomerId(customer))
        .ok_or_else(|| crate::error::Error::Internal(format!("a row of customer {customer}, who was not asked for")))
}

/// The customers of `ids` that exist, in no particular order.
pub(crate) async fn customers(tx: &mut WriteTx, ids: &[CustomerId]) -> Result<Vec<Customer>> {
    let ids: Vec<i64> = ids.iter().map(|c| c.0).collect();
    let sql = format!("SELECT {} FROM customers WHERE id IN ({{ids}})", super::customers::COLUMNS);
    fetch_by_ids(tx, &sql, &ids).await
}

/// Runs the query `sql` over `ids` in chunks (`{ids}` in it becomes a chunk's
/// placeholders) and returns every row.
pub(super) async fn fetch_by_ids<T>(tx: &mut WriteTx, sql: &str, ids: &[i64]) -> Result<Vec<T>>
where
    T: for<'r> sqlx::FromRow<'r, sqlx::sqlite::SqliteRow>
        + for<'r> sqlx::FromRow<'r, sqlx::postgres::PgRow>
        + Send
        + Unpin,
{
    let mut out = Vec::new();
    for chunk in ids.chunks(CHUNK) {
        let sql = sql.replace("{ids}", &super::params(tx.backend(), 1, chunk.len()));
        let rows: Vec<T> = on_tx!(tx, c => {
            let mut q = sqlx::query_as(&sql);
            for id in chunk {
                q = q.bind(*id);
            }
            q.fetch_all(c).await?
        });
        out.extend(rows);
    }
    Ok(out)
}

/// Ids per statement: well under SQLite's 32 766 parameters and PostgreSQL's 65 535.
const CHUNK: usize = 500;

/// Every hold in force, as (entity, id).
pub(crate) async fn holds_in_force(tx: &mut WriteTx) -> Result<Vec<(RecordKind, i64)>> {
    Ok(on_tx!(tx, c => sqlx::query_as("SELECT entity, entity_id FROM legal_holds WHERE lifted_at IS NULL")
        .fetch_all(c).await?))
}

/// Runs `sql` over `ids` in chunks: `{ids}` in it becomes the chunk's
/// placeholders, which follow `$1` (the only numbered one) when `value` is bound first.
async fn by_ids<V>(tx: &mut WriteTx, sql: &str, value: Option<V>, ids: &[i64]) -> Result<u64>
where
    V: for<'q> sqlx::Encode<'q, sqlx::Sqlite>
        + sqlx::Type<sqlx::Sqlite>
        + for<'q> sqlx::Encode<'q, sqlx::Postgres>
        + sqlx::Type<sqlx::Postgres>
        + Clone
        + Send
        + Sync
        + 'static,
{
    let first = if value.is_some() { 2 } else { 1 };
    // sqlx-sqlite numbers anonymous `?` on their own, from 1: on SQLite the
    // value's `$1` becomes a `?` too, so that it is the first of them.
    let sql = match tx.backend() {
        super::Backend::Sqlite => sql.replace("$1", "?"),
        super::Backend::Postgres => sql.to_owned(),
    };
    let mut n = 0;
    for chunk in ids.chunks(CHUNK) {
        let sql = sql.replace("{ids}", &super::params(tx.backend(), first, chunk.len()));
        n += on_tx!(tx, c => {
            let mut q = sqlx::query(&sql);
            if let Some(v) = &value {
                q = q.bind(v.clone());
            }
            for id in chunk {
                q = q.bind(*id);
            }
            q.execute(c).await?.rows_affected()
        });
    }
    Ok(n)
}

/// Deletes rows by id (an order takes its lines and invoices with it); returns how many went.
pub(crate) async fn delete(tx: &mut WriteTx, kind: RecordKind, ids: &[i64]) -> Result<u64> {
    // A voucher's number outlives it: its series does not issue it again.
    super::series::remember_numbers_of(tx, kind, ids).await?;
    let sql = format!("DELETE FROM {} WHERE id IN ({{ids}})", super::retention::table(kind));
    by_ids::<i64>(tx, &sql, None, ids).await
}

/// Withdraws standing consents at `at` (Art. 7(3)); the rows stay as proof.
pub(crate) async fn withdraw_consents(tx: &mut WriteTx, ids: &[i64], at: DateTime<Utc>) -> Result<u64> {
    by_ids(tx, "UPDATE consents SET withdrawn_at = $1 WHERE withdrawn_at IS NULL AND id IN ({ids})", Some(at), ids)
        .await
}

/// Closes, on `on`, the open matters of notes an erasure keeps as accounting
/// material, so that their period runs and the sweep takes them at its end.
pub(crate) async fn close_notes(tx: &mut WriteTx, ids: &[i64], on: NaiveDate) -> Result<u64> {
    by_ids(tx, "UPDATE interactions SET closed_on = $1 WHERE closed_on IS NULL AND id IN ({ids})", Some(on), ids).await
}

/// Accounting records kept after an erasure: no link to the person, restricted
/// (Art. 18), and their customer's pseudonym so that the accountant can still
/// group them. (Both backends read the old row on the right of SET.)
pub(crate) async fn pseudonymise_orders(tx: &mut WriteTx, ids: &[i64]) -> Result<u64> {
    let sql = "UPDATE orders SET pseudonym = (SELECT c.pseudonym FROM customers c WHERE c.id = orders.customer_id), \
               customer_id = NULL, restricted = TRUE WHERE id IN ({ids})";
    by_ids::<i64>(tx, sql, None, ids).await
}

/// Empties the customer rows of everything that identifies the person; each
/// row stays (number, pseudonym, state `erased`) for the requests and the erasure log.
pub(crate) async fn tombstone(tx: &mut WriteTx, customers: &[CustomerId]) -> Result<()> {
    super::customers::remove_words(tx, customers).await?;
    let ids: Vec<i64> = customers.iter().map(|c| c.0).collect();
    let sql = "UPDATE customers SET name = NULL, name_key = '', email = NULL, phone = NULL, street = NULL, \
               postal_code = NULL, city = NULL, country = NULL, search_words = '', state = 'erased', version = version + 1 \
               WHERE id IN ({ids})";
    by_ids::<i64>(tx, sql, None, &ids).await?;
    by_ids::<i64>(tx, "UPDATE restrictions SET note = NULL WHERE customer_id IN ({ids})", None, &ids).await?;
    // The old values of corrections go with the person (Art. 17); the chain keeps their digests.
    by_ids::<i64>(tx, "DELETE FROM corrections WHERE customer_id IN ({ids})", None, &ids).await?;
    // So do the details of customers merged into them that an undo would give back (migration 46).
    let undos =
        "DELETE FROM merge_undos WHERE merge_id IN (SELECT id FROM customer_merges WHERE customer_id IN ({ids}))";
    by_ids::<i64>(tx, undos, None, &ids).await?;
    Ok(())
}

/// What [`log_erasures`] records of an erasure.
pub(crate) struct Logged<'a> {
    pub customer: CustomerId,
    pub reason: &'a str,
    pub request: Option<RequestId>,
    pub email_digest: Option<String>,
    /// The erasure's plan, kept as canonical JSON to make its confirmation again.
    pub plan: Option<serde_json::Value>,
}

/// Writes `erasures` to the erasure log, at the transaction's time and by its
/// actor, a few hundred to a statement (a sweep erases hundreds at once).
pub(crate) async fn log_erasures(tx: &mut WriteTx, erasures: &[Logged<'_>]) -> Result<()> {
    const WIDTH: usize = 7;
    let (now, actor, b) = (tx.now(), tx.actor().to_owned(), tx.backend());
    for chunk in erasures.chunks(CHUNK) {
        let sql = format!(
            "INSERT INTO erasures (customer_id, reason, request_id, email_digest, erased_by, erased_at, plan) VALUES {}",
            super::rows(b, WIDTH, chunk.len())
        );
        on_tx!(tx, c => {
            let mut q = sqlx::query(&sql);
            for e in chunk {
                q = q.bind(e.customer).bind(e.reason).bind(e.request).bind(&e.email_digest).bind(&actor).bind(now)
                    .bind(e.plan.as_ref().map(|p| p.to_string()));
            }
            q.execute(c).await?.rows_affected()
        });
    }
    Ok(())
}

/// Whether the customer's latest erasure kept its plan, inside a write.
pub(crate) async fn has_plan_tx(tx: &mut WriteTx, customer: CustomerId) -> Result<bool> {
    let kept: Option<bool> = on_tx!(tx, c => sqlx::query_scalar(
        "SELECT plan IS NOT NULL FROM erasures WHERE customer_id = $1 ORDER BY erased_at DESC, id DESC LIMIT 1")
        .bind(customer).fetch_optional(c).await?);
    Ok(kept.unwrap_or(false))
}

/// The plan of the customer's latest erasure, as kept (`None` for one made
/// before migration 38, or made again by a restore), and the digest the
/// trail's entry of it holds, where the trail still has that entry.
pub(crate) async fn latest_plan(store: &Store, customer: CustomerId) -> Result<(Option<String>, Option<String>)> {
    Ok(super::on_pool!(store, p => {
        let plan: Option<Option<String>> = sqlx::query_scalar(
            "SELECT plan FROM erasures WHERE customer_id = $1 ORDER BY erased_at DESC, id DESC LIMIT 1")
            .bind(customer).fetch_optional(p).await?;
        let digest: Option<Option<String>> = sqlx::query_scalar(
            "SELECT after_digest FROM audit_entries WHERE customer_id = $1 AND action = 'customer.erase' \
             ORDER BY seq DESC LIMIT 1")
            .bind(customer).fetch_optional(p).await?;
        (plan.flatten(), digest.flatten())
    }))
}

/// The columns of [`ErasedCustomer`]: the erased row and its erasure.
const ERASED: &str = "SELECT c.id, c.number, c.pseudonym, e.erased_at, e.request_id FROM erasures e \
                      JOIN customers c ON c.id = e.customer_id";

/// The latest erasure of a customer with this e-mail digest.
pub(crate) async fn erased_with_email(store: &Store, digest: &str) -> Result<Option<ErasedCustomer>> {
    let sql = format!("{ERASED} WHERE e.email_digest = $1 ORDER BY e.erased_at DESC, e.id DESC LIMIT 1");
    Ok(super::on_pool!(store, p => sqlx::query_as(&sql).bind(digest).fetch_optional(p).await?))
}

/// The latest erasure of the customer `id`.
pub(crate) async fn latest_erasure_of(tx: &mut impl Within, id: CustomerId) -> Result<Option<ErasedCustomer>> {
    let sql = format!("{ERASED} WHERE e.customer_id = $1 ORDER BY e.erased_at DESC, e.id DESC LIMIT 1");
    Ok(on_tx!(tx, c => sqlx::query_as(&sql).bind(id).fetch_optional(c).await?))
}

/// The register's secret of `name`, made on first use from `fresh`.
pub(crate) async fn register_key(tx: &mut WriteTx, name: &str, fresh: String) -> Result<String> {
    on_tx!(tx, c => {
        sqlx::query("INSERT INTO register_keys (name, value) VALUES ($1, $2) ON CONFLICT (name) DO NOTHING")
            .bind(name).bind(&fresh).execute(&mut *c).await?.rows_affected();
        Ok(sqlx::query_scalar("SELECT value FROM register_keys WHERE name = $1").bind(name).fetch_one(&mut *c).await?)
    })
}

pub(crate) async fn stored_key(store: &Store, name: &str) -> Result<Option<String>> {
    Ok(super::on_pool!(store, p => sqlx::query_scalar("SELECT value FROM register_keys WHERE name = $1")
        .bind(name).fetch_optional(p).await?))
}

/// After an erasure or a sweep: SQLite moves the write-ahead log into the file
/// and truncates it, so that deleted text is not left in the log (secure_delete
/// has already zeroed it in the file's pages). PostgreSQL reclaims dead rows by
/// its own vacuum.
pub(crate) async fn flush_deleted(store: &Store) -> Result<()> {
    if let Pool::Sqlite(p) = &store.live_pool().await.pool {
        sqlx::query("PRAGMA wal_checkpoint(TRUNCATE)").execute(p).await?;
    }
    Ok(())
}

/// Whether an erased person had this e-mail digest, inside a write (an import must not bring them back).
pub(crate) async fn erased_email_tx(tx: &mut WriteTx, digest: &str) -> Result<bool> {
    let n: i64 = on_tx!(tx, c => sqlx::query_scalar("SELECT COUNT(*) FROM erasures WHERE email_digest = $1")
        .bind(digest).fetch_one(c).await?);
    Ok(n > 0)
}

/// One erasure of the log, with the tombstone's number and pseudonym: what a
/// restored backup replays.
#[derive(Debug, Clone, PartialEq, Eq, sqlx::FromRow)]
pub(crate) struct LoggedErasure {
    pub number: String,
    pub pseudonym: String,
    pub reason: String,
    pub email_digest: Option<String>,
    pub erased_at: DateTime<Utc>,
    pub erased_by: String,
    /// The person's request for erasure it answered, as the register numbered it.
    pub request_id: Option<RequestId>,
}

pub(crate) async fn log_all(store: &Store) -> Result<Vec<LoggedErasure>> {
    Ok(super::on_pool!(store, p => sqlx::query_as(
        "SELECT c.number, c.pseudonym, e.reason, e.email_digest, e.erased_at, e.erased_by, e.request_id \
         FROM erasures e JOIN customers c ON c.id = e.customer_id ORDER BY e.id")
        .fetch_all(p).await?))
}

/// The latest erasure of `customer` recorded as made `at` by `by`: an
/// erasure a restore makes again is the one the register made.
pub(crate) async fn restate_latest(tx: &mut WriteTx, customer: CustomerId, at: DateTime<Utc>, by: &str) -> Result<()> {
    on_tx!(tx, c => sqlx::query(
        "UPDATE erasures SET erased_at = $1, erased_by = $2 \
         WHERE id = (SELECT MAX(id) FROM erasures WHERE customer_id = $3)")
        .bind(at).bind(by).bind(customer).execute(c).await?.rows_affected());
    Ok(())
}

/// The latest erasure of `customer` recorded as the answer to `request`.
pub(crate) async fn answered_latest(tx: &mut WriteTx, customer: CustomerId, request: RequestId) -> Result<()> {
    on_tx!(tx, c => sqlx::query(
        "UPDATE erasures SET request_id = $1 WHERE id = (SELECT MAX(id) FROM erasures WHERE customer_id = $2)")
        .bind(request).bind(customer).execute(c).await?.rows_affected());
    Ok(())
}

/// A tombstone for a customer erased after a backup was made and unknown to
/// it: the number and pseudonym stay taken, and the e-mail digest keeps a
/// re-import from bringing the person back.
pub(crate) async fn insert_tombstone(tx: &mut WriteTx, number: &str, pseudonym: &str) -> Result<CustomerId> {
    let now = tx.now();
    Ok(on_tx!(tx, c => sqlx::query_scalar(
        "INSERT INTO customers (number, language, created_at, last_activity_at, state, pseudonym) \
         VALUES ($1, 'sv', $2, $2, 'erased', $3) RETURNING id")
        .bind(number).bind(now).bind(pseudonym).fetch_one(c).await?))
}

/// Which of these e-mail digests belong to erased people (an import's batch).
pub(crate) async fn erased_digests_tx(tx: &mut WriteTx, digests: &[String]) -> Result<Vec<String>> {
    if digests.is_empty() {
        return Ok(vec![]);
    }
    let sql = format!(
        "SELECT email_digest FROM erasures WHERE email_digest IN ({})",
        super::params(tx.backend(), 1, digests.len())
    );
    Ok(on_tx!(tx, c => {
        let mut q = sqlx::query_scalar(&sql);
        for d in digests {
            q = q.bind(d);
        }
        q.fetch_all(c).await?
    }))
}
