//! SQL of the values that corrections replaced ([`crate::audit::corrections`]).

use chrono::{DateTime, Utc};

use super::customers::Who;
use super::{on_pool, on_tx, Store, Within, WriteTx};
use crate::error::Result;
use crate::values::{CustomerId, InteractionId, RequestId};

/// The values of a correction: whose record, and its JSON before and after.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) struct NewCorrection {
    pub seq: i64,
    pub customer_id: CustomerId,
    pub interaction_id: Option<InteractionId>,
    pub request_id: Option<RequestId>,
    pub before: String,
    pub after: String,
}

/// A correction's values with the audit entry that records them.
#[derive(Debug, Clone, PartialEq, Eq, sqlx::FromRow)]
pub(crate) struct StoredCorrection {
    pub seq: i64,
    pub at: DateTime<Utc>,
    pub actor: String,
    pub interaction_id: Option<InteractionId>,
    /// When the contact whose note was corrected took place.
    pub note_time: Option<DateTime<Utc>>,
    pub request_id: Option<RequestId>,
    pub before: String,
    pub after: String,
    pub before_digest: Option<String>,
    pub after_digest: Option<String>,
}

pub(crate) async fn insert(tx: &mut WriteTx, row: &NewCorrection) -> Result<()> {
    on_tx!(tx, c => sqlx::query(
        "INSERT INTO corrections (seq, customer_id, interaction_id, request_id, before, after) \
         VALUES ($1, $2, $3, $4, $5, $6)")
        .bind(row.seq).bind(row.customer_id).bind(row.interaction_id).bind(row.request_id)
        .bind(&row.before).bind(&row.after)
        .execute(c).await?.rows_affected());
    Ok(())
}

/// The values of the corrections of `customer`'s own details, as kept:
/// (the entry's number, before, after).
pub(crate) async fn of_details(tx: &mut WriteTx, customer: CustomerId) -> Result<Vec<(i64, String, String)>> {
    let sql =
        "SELECT seq, before, after FROM corrections WHERE customer_id = $1 AND interaction_id IS NULL ORDER BY seq";
    on_tx!(tx, c => Ok(sqlx::query_as(sql).bind(customer).fetch_all(c).await?))
}

/// Replaces the values kept of correction `seq` (values the person had erased, marked so).
pub(crate) async fn set_values(tx: &mut WriteTx, seq: i64, before: &str, after: &str) -> Result<()> {
    let sql = "UPDATE corrections SET before = $1, after = $2 WHERE seq = $3";
    on_tx!(tx, c => sqlx::query(sql).bind(before).bind(after).bind(seq).execute(c).await?.rows_affected());
    Ok(())
}

const COLUMNS: &str = "c.seq, a.at, a.actor, c.interaction_id, i.occurred_at AS note_time, c.request_id, \
                       c.before, c.after, a.before_digest, a.after_digest";
/// The corrections with the audit entries that record them and the notes they corrected.
const FROM: &str =
    "corrections c JOIN audit_entries a ON a.seq = c.seq LEFT JOIN interactions i ON i.id = c.interaction_id";

/// The corrections of a customer's details and notes, oldest first. Values
/// whose entry is not in the trail are no values of the trail: left out (a
/// gap in the chain is what `audit verify` finds).
pub(crate) async fn of_customer(tx: &mut impl Within, customer: CustomerId) -> Result<Vec<StoredCorrection>> {
    let sql = format!("SELECT {COLUMNS} FROM {FROM} WHERE c.customer_id = $1 ORDER BY c.seq");
    on_tx!(tx, c => Ok(sqlx::query_as(&sql).bind(customer).fetch_all(c).await?))
}

/// The corrections that answer a request for rectification, oldest first.
pub(crate) async fn of_request(tx: &mut impl Within, request: RequestId) -> Result<Vec<StoredCorrection>> {
    let sql = format!("SELECT {COLUMNS} FROM {FROM} WHERE c.request_id = $1 ORDER BY c.seq");
    on_tx!(tx, c => Ok(sqlx::query_as(&sql).bind(request).fetch_all(c).await?))
}

/// Whether this register holds correction `seq` with the values `after`:
/// a backup made after it was recorded does (the chain's entries keep their
/// numbers in every copy of one register).
pub(crate) async fn holds(tx: &mut impl Within, seq: i64, after: &str) -> Result<bool> {
    let sql = "SELECT count(*) FROM corrections WHERE seq = $1 AND after = $2";
    let n: i64 = on_tx!(tx, c => sqlx::query_scalar(sql).bind(seq).bind(after).fetch_one(c).await?);
    Ok(n > 0)
}

/// A correction made for a person's request for rectification, with the
/// customer it corrected.
#[derive(Debug, Clone, PartialEq, Eq, sqlx::FromRow)]
pub(crate) struct Rectification {
    #[sqlx(flatten)]
    pub who: Who,
    #[sqlx(flatten)]
    pub correction: StoredCorrection,
}

/// The corrections recorded at `since` or later that answer a request for
/// rectification, oldest first: what a restore of an earlier backup makes again.
pub(crate) async fn answering_since(store: &Store, since: DateTime<Utc>) -> Result<Vec<Rectification>> {
    // A day more in the statement: the bound is compared as text on SQLite.
    let sql = format!(
        "SELECT k.number, k.pseudonym, {COLUMNS} FROM {FROM} JOIN customers k ON k.id = c.customer_id \
         WHERE c.request_id IS NOT NULL AND a.at >= $1 ORDER BY c.seq"
    );
    let rows: Vec<Rectification> = on_pool!(store, p => sqlx::query_as(&sql)
        .bind(since - chrono::Duration::days(1)).fetch_all(p).await?);
    Ok(rows.into_iter().filter(|r| r.correction.at >= since).collect())
}
