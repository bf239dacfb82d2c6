//! SQL of the sign-ups for courses and events that a restore carries: those
//! recorded, or whose status changed, since a backup was made, read from the
//! register a restore replaces (backup/signups.rs). The sign-ups of one
//! customer are kept by records.rs.

use chrono::{DateTime, Utc};

use super::customers::Who;
use super::records::REGISTRATION_COLUMNS;
use super::{on_tx, Within};
use crate::audit::Action;
use crate::error::Result;
use crate::register::EventRegistration;
use crate::values::EventRegistrationId;

/// A sign-up as the register has it, with its customer, the entry of its
/// recording in the audit trail (its place and hash; none for a sign-up
/// written by another program), and when it was last recorded or changed.
#[derive(Debug, Clone, sqlx::FromRow)]
pub(crate) struct Changed {
    #[sqlx(flatten)]
    pub signup: EventRegistration,
    #[sqlx(flatten)]
    pub customer: Who,
    pub entry_seq: Option<i64>,
    pub entry_hash: Option<String>,
    pub changed_at: DateTime<Utc>,
}

/// The sign-ups recorded, or whose status changed, at `since` or later, in
/// the order recorded. The trail's time is compared as text on SQLite: the
/// bound is a day earlier, and the times read are compared again.
pub(crate) async fn changed_since(tx: &mut impl Within, since: DateTime<Utc>) -> Result<Vec<Changed>> {
    let columns: Vec<String> = REGISTRATION_COLUMNS.split(", ").map(|c| format!("r.{c}")).collect();
    let sql = format!(
        "SELECT {}, c.number, c.pseudonym, e.seq AS entry_seq, e.hash AS entry_hash, \
         (SELECT MAX(a.at) FROM audit_entries a WHERE a.entity = 'event_registration' \
          AND a.entity_id = CAST(r.id AS TEXT) AND a.action IN ($1, $2)) AS changed_at \
         FROM event_registrations r JOIN customers c ON c.id = r.customer_id \
         LEFT JOIN audit_entries e ON e.entity = 'event_registration' AND e.entity_id = CAST(r.id AS TEXT) AND e.action = $1 \
         WHERE EXISTS (SELECT 1 FROM audit_entries a WHERE a.entity = 'event_registration' \
          AND a.entity_id = CAST(r.id AS TEXT) AND a.action IN ($1, $2) AND a.at >= $3) ORDER BY r.id",
        columns.join(", ")
    );
    let rows: Vec<Changed> = on_tx!(tx, c => sqlx::query_as(&sql).bind(Action::EventRegistrationAdd)
        .bind(Action::EventRegistrationStatus).bind(since - chrono::Duration::days(1)).fetch_all(c).await?);
    Ok(rows.into_iter().filter(|r| r.changed_at >= since).collect())
}

/// The id here of sign-up `r`: by the entry of its recording in the trail,
/// which a backup of the same register shares, or as a sign-up of the same
/// customer for the same event on the same day.
pub(crate) async fn same(tx: &mut impl Within, r: &Changed) -> Result<Option<EventRegistrationId>> {
    let sql = "SELECT COALESCE((SELECT k.id FROM audit_entries a JOIN event_registrations k \
               ON CAST(k.id AS TEXT) = a.entity_id WHERE a.seq = $1 AND a.hash = $2 AND a.entity = 'event_registration'), \
               (SELECT MIN(k.id) FROM event_registrations k JOIN customers c ON c.id = k.customer_id \
               WHERE c.pseudonym = $3 AND k.event_name = $4 AND k.event_date = $5))";
    let s = &r.signup;
    Ok(on_tx!(tx, c => sqlx::query_scalar(sql).bind(r.entry_seq).bind(&r.entry_hash).bind(&r.customer.pseudonym)
        .bind(&s.event_name).bind(s.event_date).fetch_one(c).await?))
}
