//! SQL of the consents as lists: who consents to a purpose now (a mailing
//! list), which purposes are consented to, and those recorded by hand since
//! a backup was made. The consents of one customer are kept by records.rs.

use chrono::{DateTime, Utc};

use super::customers::{Who, COLUMNS as CUSTOMER_COLUMNS};
use super::records::CONSENT_COLUMNS;
use super::{on_tx, Within};
use crate::audit::Action;
use crate::error::Result;
use crate::register::{Consent, Customer};

/// The channel of the consents a web shop's file records (import/consents.rs).
pub(crate) const IMPORTED: &str = "web_shop";

/// A customer not erased with a standing consent to a purpose: the
/// customer, and when, how and to which wording they consented.
#[derive(Debug, Clone, sqlx::FromRow)]
pub(crate) struct Holder {
    #[sqlx(flatten)]
    pub customer: Customer,
    pub given_at: DateTime<Utc>,
    pub text_version: String,
    pub channel: String,
}

/// Up to `limit` customers numbered after `after` (in the database's order
/// of numbers) who have a standing consent to `purpose`, each once, with
/// their latest consent to it. The customers are walked by their number's
/// index and their consents found by theirs, so that paging through a
/// register costs what one pass does.
pub(crate) async fn holders_after(tx: &mut impl Within, purpose: &str, after: &str, limit: i64) -> Result<Vec<Holder>> {
    let columns: Vec<String> = CUSTOMER_COLUMNS.split(',').map(|c| format!("c.{}", c.trim())).collect();
    let sql = format!(
        "SELECT {}, r.given_at, r.text_version, r.channel FROM customers c JOIN consents r ON r.customer_id = c.id \
         WHERE c.number > $2 AND c.state <> 'erased' AND r.purpose = $1 AND r.withdrawn_at IS NULL \
         ORDER BY c.number, r.given_at DESC, r.id DESC LIMIT $3",
        columns.join(", ")
    );
    let rows: Vec<Holder> =
        on_tx!(tx, c => sqlx::query_as(&sql).bind(purpose).bind(after).bind(limit).fetch_all(c).await?);
    Ok(rows)
}

/// Every purpose a consent was ever given to, with how many customers not
/// erased consent to it now, by purpose.
pub(crate) async fn purposes(tx: &mut impl Within) -> Result<Vec<(String, i64)>> {
    Ok(on_tx!(tx, c => sqlx::query_as(
        "SELECT r.purpose, count(DISTINCT CASE WHEN r.withdrawn_at IS NULL AND c.state <> 'erased' \
         THEN r.customer_id END) FROM consents r JOIN customers c ON c.id = r.customer_id \
         GROUP BY r.purpose ORDER BY r.purpose")
        .fetch_all(c).await?))
}

/// A consent as the register has it, with its customer, and when and under
/// which entry of the audit trail (its place and hash) it was recorded.
#[derive(Debug, Clone, sqlx::FromRow)]
pub(crate) struct Recorded {
    #[sqlx(flatten)]
    pub consent: Consent,
    #[sqlx(flatten)]
    pub customer: Who,
    pub recorded_at: DateTime<Utc>,
    pub entry_seq: i64,
    pub entry_hash: String,
}

/// The consents recorded by hand at `since` or later, in the order recorded:
/// not those a web shop's file brought, which the file brings back. The
/// trail's time is compared as text on SQLite: the bound is a day earlier,
/// and the times read are compared again.
pub(crate) async fn recorded_by_hand_since(tx: &mut impl Within, since: DateTime<Utc>) -> Result<Vec<Recorded>> {
    let columns: Vec<String> = CONSENT_COLUMNS.split(", ").map(|c| format!("r.{c}")).collect();
    let sql = format!(
        "SELECT {}, c.number, c.pseudonym, a.at AS recorded_at, a.seq AS entry_seq, a.hash AS entry_hash \
         FROM consents r JOIN customers c ON c.id = r.customer_id JOIN audit_entries a ON a.entity = 'consent' \
         AND a.entity_id = CAST(r.id AS TEXT) AND a.action = $1 AND a.at >= $2 WHERE r.channel <> $3 ORDER BY a.seq",
        columns.join(", ")
    );
    let rows: Vec<Recorded> = on_tx!(tx, c => sqlx::query_as(&sql).bind(Action::ConsentGive)
        .bind(since - chrono::Duration::days(1)).bind(IMPORTED).fetch_all(c).await?);
    Ok(rows.into_iter().filter(|r| r.recorded_at >= since).collect())
}

/// Whether consent `r` is here: by the entry of its recording in the trail,
/// which a backup of the same register shares, or as a consent of the same
/// customer to the same purpose and wording, given at the same moment.
pub(crate) async fn holds_recorded(tx: &mut impl Within, r: &Recorded) -> Result<bool> {
    let sql = "SELECT EXISTS (SELECT 1 FROM audit_entries a JOIN consents k ON CAST(k.id AS TEXT) = a.entity_id \
               WHERE a.seq = $1 AND a.hash = $2 AND a.entity = 'consent') \
               OR EXISTS (SELECT 1 FROM consents k JOIN customers c ON c.id = k.customer_id WHERE c.pseudonym = $3 \
               AND k.purpose = $4 AND k.text_version = $5 AND k.given_at = $6)";
    let k = &r.consent;
    Ok(on_tx!(tx, c => sqlx::query_scalar(sql).bind(r.entry_seq).bind(&r.entry_hash).bind(&r.customer.pseudonym)
        .bind(&k.purpose).bind(&k.text_version).bind(k.given_at).fetch_one(c).await?))
}
