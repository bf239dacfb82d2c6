//! Removing the oldest entries of the trail once the law no longer asks for
//! them. The trail proves what was done for as long as the records of the
//! data-subject requests are kept (PRODUCT.md section 3: audit entries are
//! "purged with the request records"), and no longer: it names the staff who
//! acted and links to customers' rows, and personal data is kept no longer
//! than its purpose needs (Art. 5(1)(e)).
//!
//! Only a prefix of the chain goes, so that every entry kept still proves its
//! place: the chain then starts after an anchor, the last entry removed (its
//! seq and hash), and the purge's own entry holds the anchor's digest, so
//! that entries removed behind the product's back, with the anchor moved to
//! hide it, break the chain (`audit verify`).

use chrono::{DateTime, Utc};
use schemars::JsonSchema;
use serde::Serialize;

use super::Action;
use crate::error::Result;
use crate::store::{self, WriteTx};
use crate::Register;

/// What a purge removed.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, JsonSchema)]
pub struct Purged {
    /// The last entry removed: the chain starts after it.
    pub through: i64,
    pub entries: i64,
}

/// The anchor as the purge's entry records it (its after-digest).
pub(crate) fn anchor(seq: i64, hash: &str) -> serde_json::Value {
    serde_json::json!({ "through": seq, "hash": hash })
}

/// Removes the entries written before `cutoff`, except from the first entry
/// about a request still kept on, and records the purge in the trail.
pub(crate) async fn purge_in(tx: &mut WriteTx, cutoff: DateTime<Utc>) -> Result<Option<Purged>> {
    let Some((through, hash, entries)) = store::audit::purge_before(tx, cutoff).await? else {
        return Ok(None);
    };
    tx.audit(Action::AuditPurge, "audit", through, None, None, Some(&anchor(through, &hash))).await?;
    Ok(Some(Purged { through, entries }))
}

impl Register {
    /// Removes the trail's entries written before `cutoff` (the sweep's is
    /// `retention.request_months` before its day), keeping every entry from
    /// the first about a request still in the register on.
    pub async fn purge_audit(&self, cutoff: DateTime<Utc>) -> Result<Option<Purged>> {
        let mut tx = self.store().begin(self.actor()).await?;
        let purged = purge_in(&mut tx, cutoff).await?;
        tx.commit().await?;
        Ok(purged)
    }
}
