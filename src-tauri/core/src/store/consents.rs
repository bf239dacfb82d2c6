//! SQL of the consents as lists: who consents to a purpose now (a mailing
//! list), and which purposes are consented to. The consents of one customer
//! are kept by records.rs.

use chrono::{DateTime, Utc};

use super::customers::COLUMNS as CUSTOMER_COLUMNS;
use super::{on_tx, Within};
use crate::error::Result;
use crate::register::Customer;

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
