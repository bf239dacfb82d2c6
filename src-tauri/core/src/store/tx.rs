//! The transactions statements run in: [`WriteTx`], which audits every change
//! in the same transaction as the change (the hash chain's next entries, its
//! head stored at commit), and [`Snapshot`], a read of one moment.

use chrono::{DateTime, Utc};
use sqlx::{Postgres, Sqlite, Transaction};

use super::{audit, corrections, Backend};
use crate::error::Result;

/// One entry of [`WriteTx::audit_many`]: the record's id, the customer it
/// concerns, and the digests ([`crate::audit::digest`]) of the record before
/// and after the change.
pub(crate) struct Audited {
    pub id: String,
    pub customer: Option<crate::values::CustomerId>,
    pub before: Option<String>,
    pub after: Option<String>,
}

/// A transaction of either backend.
pub(crate) enum TxInner {
    Sqlite(Transaction<'static, Sqlite>),
    Postgres(Transaction<'static, Postgres>),
}

impl TxInner {
    pub(super) fn backend(&self) -> Backend {
        match self {
            TxInner::Sqlite(_) => Backend::Sqlite,
            TxInner::Postgres(_) => Backend::Postgres,
        }
    }
}

/// A transaction that statements run in ([`on_tx!`]): a [`WriteTx`] or a
/// [`Snapshot`]. A reading function that takes `&mut impl Within` serves both.
pub(crate) trait Within {
    fn within(&mut self) -> &mut TxInner;

    fn backend_of(&mut self) -> Backend {
        self.within().backend()
    }
}

impl Within for WriteTx {
    fn within(&mut self) -> &mut TxInner {
        &mut self.inner
    }
}

/// The register as of one moment: a read-only transaction whose statements all
/// see the same committed state, whatever other windows or computers write
/// meanwhile. What reads many statements and says what it read from, such as
/// an access report (its contents and the audit head it names) or the
/// accountant's export (its rows and its totals), reads through one.
///
/// On SQLite the transaction's first read fixes the snapshot (write-ahead
/// log); writers go on, and a checkpoint leaves the pages it still reads. On
/// PostgreSQL it is REPEATABLE READ, which takes its snapshot at the first
/// statement too. A rewrite of the file (encryption, restore) that begins
/// meanwhile closes the pool only once this connection is back in it.
pub(crate) struct Snapshot {
    pub(super) inner: TxInner,
    /// The audit chain's head as of the snapshot: its number and hash.
    pub(super) head: (i64, String),
}

impl Within for Snapshot {
    fn within(&mut self) -> &mut TxInner {
        &mut self.inner
    }
}

impl Snapshot {
    /// The last audit entry this snapshot sees, its number and hash. Every
    /// write appends one, so two snapshots of one head read the same
    /// register. (The number alone is not enough: a restored backup's chain
    /// grows back to numbers it had before, with other entries.)
    pub fn head(&self) -> &(i64, String) {
        &self.head
    }

    /// Ends the read. (Dropped without it, the transaction is rolled back
    /// when its connection goes back to the pool.)
    pub async fn end(self) -> Result<()> {
        match self.inner {
            TxInner::Sqlite(t) => t.rollback().await?,
            TxInner::Postgres(t) => t.rollback().await?,
        }
        Ok(())
    }
}

/// A write transaction that audits what it changes.
pub(crate) struct WriteTx {
    pub(crate) inner: TxInner,
    pub(super) head: audit::Head,
    pub(super) actor: String,
    pub(super) now: DateTime<Utc>,
}

impl WriteTx {
    /// Where the register was moved to, if it was.
    pub(crate) fn moved_to(&self) -> Option<&str> {
        self.head.moved_to.as_deref()
    }

    /// The time of this transaction: every row and audit entry it writes shares it.
    pub fn now(&self) -> DateTime<Utc> {
        self.now
    }

    pub fn actor(&self) -> &str {
        &self.actor
    }

    pub(crate) fn backend(&self) -> Backend {
        self.inner.backend()
    }

    /// Appends an audit entry: `action` on `entity` `id`, concerning `customer`,
    /// with digests of the record before and after (never the record itself: the
    /// trail must not keep data that an erasure removes).
    pub async fn audit(
        &mut self,
        action: crate::audit::Action,
        entity: &str,
        id: impl ToString,
        customer: Option<crate::values::CustomerId>,
        before: Option<&serde_json::Value>,
        after: Option<&serde_json::Value>,
    ) -> Result<()> {
        let entry = self.chain(action, entity, id.to_string(), customer, before, after);
        audit::insert_many(&mut self.inner, std::slice::from_ref(&entry)).await
    }

    /// [`WriteTx::audit`] for a correction of personal data (Art. 16): the
    /// entry holds the digests, and the values before and after are kept
    /// beside it ([`corrections`]) until the person is erased or the note
    /// deleted, because a correction keeps the old value in the audit trail,
    /// not in the register (PRODUCT.md section 4). `request`: the person's
    /// request for rectification that it answers.
    pub async fn audit_correction(
        &mut self,
        action: crate::audit::Action,
        customer: crate::values::CustomerId,
        interaction: Option<crate::values::InteractionId>,
        request: Option<crate::values::RequestId>,
        before: &serde_json::Value,
        after: &serde_json::Value,
    ) -> Result<()> {
        let (entity, id) = match interaction {
            Some(n) => ("interaction", n.to_string()),
            None => ("customer", customer.to_string()),
        };
        let entry = self.chain(action, entity, id, Some(customer), Some(before), Some(after));
        let seq = entry.0.seq;
        audit::insert_many(&mut self.inner, std::slice::from_ref(&entry)).await?;
        let row = corrections::NewCorrection {
            seq,
            customer_id: customer,
            interaction_id: interaction,
            request_id: request,
            before: before.to_string(),
            after: after.to_string(),
        };
        corrections::insert(self, &row).await
    }

    /// Appends one `action` entry on `entity` for each of `items`, chained in
    /// order and written a thousand to a statement: what [`WriteTx::audit`]
    /// does for a batch of records (an import's new customers, a sweep's
    /// erasures), whose digests the caller worked out while the database was busy.
    pub async fn audit_many(&mut self, action: crate::audit::Action, entity: &str, items: Vec<Audited>) -> Result<()> {
        let entries: Vec<(crate::audit::Entry, String)> = items
            .into_iter()
            .map(|a| self.chain_digests(action, entity, a.id, a.customer, a.before, a.after))
            .collect();
        for chunk in entries.chunks(1000) {
            audit::insert_many(&mut self.inner, chunk).await?;
        }
        Ok(())
    }

    /// The next entry of the chain, with its hash; the head moves on to it.
    fn chain(
        &mut self,
        action: crate::audit::Action,
        entity: &str,
        entity_id: String,
        customer: Option<crate::values::CustomerId>,
        before: Option<&serde_json::Value>,
        after: Option<&serde_json::Value>,
    ) -> (crate::audit::Entry, String) {
        let (before, after) = (before.map(crate::audit::digest), after.map(crate::audit::digest));
        self.chain_digests(action, entity, entity_id, customer, before, after)
    }

    /// [`WriteTx::chain`], given the records' digests.
    fn chain_digests(
        &mut self,
        action: crate::audit::Action,
        entity: &str,
        entity_id: String,
        customer: Option<crate::values::CustomerId>,
        before_digest: Option<String>,
        after_digest: Option<String>,
    ) -> (crate::audit::Entry, String) {
        let entry = crate::audit::Entry {
            seq: self.head.seq + 1,
            at: self.now,
            actor: self.actor.clone(),
            action: action.as_str().to_owned(),
            entity: entity.to_owned(),
            entity_id,
            customer_id: customer,
            before_digest,
            after_digest,
            prev_hash: self.head.hash.clone(),
        };
        let hash = entry.hash();
        self.head.seq = entry.seq;
        self.head.hash = hash.clone();
        (entry, hash)
    }

    /// Undoes everything (a preview computed inside the transaction that would do it).
    pub async fn rollback(self) -> Result<()> {
        match self.inner {
            TxInner::Sqlite(t) => t.rollback().await?,
            TxInner::Postgres(t) => t.rollback().await?,
        }
        Ok(())
    }

    pub async fn commit(mut self) -> Result<()> {
        audit::store_head(&mut self.inner, &self.head).await?;
        match self.inner {
            TxInner::Sqlite(t) => t.commit().await?,
            TxInner::Postgres(t) => t.commit().await?,
        }
        Ok(())
    }
}
