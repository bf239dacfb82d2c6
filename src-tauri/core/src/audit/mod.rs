//! The audit trail: every write to the register leaves an entry, and each entry
//! carries the hash of the one before it, so that editing, deleting or
//! reordering any entry afterwards breaks the chain (GDPR Art. 5(2) and 24:
//! the controller must be able to demonstrate what it did).
//!
//! Entries hold digests of the record before and after, never the data: an
//! erasure must not survive in the trail that proves it. The old values of a
//! correction are kept beside the chain, checked against it, until the
//! erasure ([`corrections`]).

use chrono::{DateTime, Utc};
use serde::Serialize;
use sha2::{Digest, Sha256};

use crate::error::Result;
use crate::macros::text_enum;
use crate::store::Store;
use crate::values::CustomerId;

pub mod corrections;
pub mod file_check;
pub mod purge;
pub mod trail;

text_enum! {
    /// What an entry records: one word per kind of write, stored as its text
    /// (the entries' hashes cover that text, so a name never changes once
    /// written). The window names each one in the user's language
    /// (`audit-action-…` in the locales; a test keeps every one there).
    pub enum Action {
        RegisterInit = "register.init",
        RegisterPassphrase = "register.passphrase",
        RegisterBackup = "register.backup",
        RegisterRestore = "register.restore",
        RegisterMoved = "register.moved",
        RegisterMovedAway = "register.moved_away",
        RegisterTakenBack = "register.taken_back",
        SettingsSet = "settings.set",
        CategoryEdit = "category.edit",
        ProcessorAdd = "processor.add",
        ProcessorEdit = "processor.edit",
        ProcessorRemove = "processor.remove",
        AssessmentAdd = "assessment.add",
        AssessmentEdit = "assessment.edit",
        AssessmentRemove = "assessment.remove",
        CustomerAdd = "customer.add",
        CustomerEdit = "customer.edit",
        CustomerShopNumber = "customer.shop_number",
        CustomerShopNumberRemove = "customer.shop_number_remove",
        CustomerRestrict = "customer.restrict",
        CustomerUnrestrict = "customer.unrestrict",
        CustomerErase = "customer.erase",
        CustomerMerge = "customer.merge",
        CustomerUnmerge = "customer.unmerge",
        OrderAdd = "order.add",
        OrderStatus = "order.status",
        InvoiceAdd = "invoice.add",
        InteractionAdd = "interaction.add",
        InteractionEdit = "interaction.edit",
        InteractionClose = "interaction.close",
        InteractionErase = "interaction.erase",
        InteractionMove = "interaction.move",
        WebEventAdd = "web_event.add",
        WebActivityErase = "web_event.erase",
        WebActivityStop = "web_event.stop",
        WebActivityResume = "web_event.resume",
        ConsentGive = "consent.give",
        ConsentWithdraw = "consent.withdraw",
        EventRegistrationAdd = "event_registration.add",
        EventRegistrationStatus = "event_registration.status",
        EventRegistrationErase = "event_registration.erase",
        RequestOpen = "request.open",
        RequestVerify = "request.verify",
        RequestStart = "request.start",
        RequestExtend = "request.extend",
        RequestAnswer = "request.answer",
        RequestRefuse = "request.refuse",
        RequestClose = "request.close",
        RequestLink = "request.link",
        DocumentGenerate = "document.generate",
        HoldAdd = "hold.add",
        HoldLift = "hold.lift",
        HoldEraseOnLift = "hold.erase_on_lift",
        SweepStart = "retention.sweep.start",
        SweepBatch = "retention.sweep.batch",
        SweepFinish = "retention.sweep.finish",
        AuditPurge = "audit.purge",
        SweepResume = "retention.sweep.resume",
        SweepAbandon = "retention.sweep.abandon",
        ImportRun = "import.run",
        ExportOrders = "export.orders",
        ExportInvoices = "export.invoices",
        ExportAuditTrail = "export.audit_trail",
        ExportRequests = "export.requests",
        ExportConsents = "export.consents",
        BreachRecord = "breach.record",
        BreachNotify = "breach.notify",
        BreachInform = "breach.inform",
        BreachUpdate = "breach.update",
        BreachClose = "breach.close",
        BreachConcern = "breach.concern",
        BreachLink = "breach.link",
        BreachUnlink = "breach.unlink",
        BreachRecipients = "breach.recipients",
        PrivacyNoticeSave = "privacy_notice.save",
    }
}

impl Action {
    /// The locale key that names the action for people.
    pub fn message_key(self) -> String {
        format!("audit-action-{}", self.as_str().replace(['.', '_'], "-"))
    }

    /// An entry's stored action in words; a text no version names (an entry
    /// written by a newer Kundvakt) stays as stored.
    pub fn words(stored: &str, tr: &crate::i18n::Translator) -> String {
        Self::ALL.iter().find(|a| a.as_str() == stored).map_or_else(|| stored.to_owned(), |a| tr.t(&a.message_key()))
    }
}

/// The hash that precedes the first entry.
pub const GENESIS: &str = "0000000000000000000000000000000000000000000000000000000000000000";

#[derive(Debug, Clone, PartialEq, Eq, Serialize, sqlx::FromRow, schemars::JsonSchema)]
pub struct Entry {
    pub seq: i64,
    pub at: DateTime<Utc>,
    pub actor: String,
    pub action: String,
    pub entity: String,
    pub entity_id: String,
    pub customer_id: Option<CustomerId>,
    pub before_digest: Option<String>,
    pub after_digest: Option<String>,
    pub prev_hash: String,
}

impl Entry {
    /// SHA-256 over the previous hash and every field, each length-prefixed so
    /// that no two different entries hash the same text.
    pub fn hash(&self) -> String {
        let mut h = Sha256::new();
        let at = hashed_time(&self.at);
        let customer = self.customer_id.map(|c| c.to_string()).unwrap_or_else(|| "-".to_owned());
        let fields: [&str; 10] = [
            &self.prev_hash,
            &self.seq.to_string(),
            &at,
            &self.actor,
            &self.action,
            &self.entity,
            &self.entity_id,
            &customer,
            self.before_digest.as_deref().unwrap_or("-"),
            self.after_digest.as_deref().unwrap_or("-"),
        ];
        for f in fields {
            h.update((f.len() as u64).to_be_bytes());
            h.update(f.as_bytes());
        }
        hex::encode(h.finalize())
    }
}

/// An entry's time as its hash covers it: UTC, to the microsecond.
pub fn hashed_time(at: &DateTime<Utc>) -> String {
    at.format("%Y-%m-%dT%H:%M:%S%.6fZ").to_string()
}

/// A stored entry with the hash it was stored with.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, sqlx::FromRow, schemars::JsonSchema)]
pub struct StoredEntry {
    #[sqlx(flatten)]
    #[serde(flatten)]
    pub entry: Entry,
    pub hash: String,
}

/// A record as JSON, for [`digest`] and the audit entry's before and after.
pub fn to_json(record: &impl Serialize) -> Result<serde_json::Value> {
    serde_json::to_value(record)
        .map_err(|e| crate::Error::Internal(format!("cannot serialise for the audit trail: {e}")))
}

/// SHA-256 of a record's canonical JSON (serde_json writes object keys in order).
pub fn digest(value: &serde_json::Value) -> String {
    hex::encode(Sha256::digest(value.to_string().as_bytes()))
}

/// The outcome of walking the chain.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, schemars::JsonSchema)]
pub struct Verification {
    pub entries: i64,
    pub head: String,
    /// The first entry that does not hold, and why; `None` when the chain is whole.
    pub broken: Option<Break>,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, schemars::JsonSchema)]
pub struct Break {
    pub seq: i64,
    /// What does not hold, for the window to say in its language.
    pub kind: BreakKind,
    /// The same in English, with the entries concerned.
    pub reason: String,
}

crate::macros::text_enum! {
    /// How a chain can break: an entry gone, a link that points elsewhere, an
    /// entry edited after it was written, the newest entries cut off, or the
    /// oldest removed other than by a purge ([`purge`]).
    pub enum BreakKind { Missing = "missing", Link = "link", Edited = "edited", Cut = "cut", Anchor = "anchor" }
}

/// Walks entries in order and reports the first link that does not hold.
#[derive(Debug)]
pub(crate) struct ChainWalker {
    /// The seq the chain starts after: 0, or the last entry a purge removed.
    start: i64,
    expected_seq: i64,
    prev_hash: String,
    pub(crate) broken: Option<Break>,
}

impl ChainWalker {
    pub(crate) fn new() -> Self {
        Self::after(0, GENESIS)
    }

    /// A walk of a chain whose entries up to `seq` (of hash `hash`) were purged.
    pub(crate) fn after(seq: i64, hash: &str) -> Self {
        ChainWalker { start: seq, expected_seq: seq + 1, prev_hash: hash.to_owned(), broken: None }
    }

    /// Feeds the next entry; returns false once the chain is broken.
    pub(crate) fn feed(&mut self, e: &StoredEntry) -> bool {
        let reason = if e.entry.seq != self.expected_seq {
            Some((
                BreakKind::Missing,
                format!("entry {} is missing (the next entry is {})", self.expected_seq, e.entry.seq),
            ))
        } else if e.entry.prev_hash != self.prev_hash {
            Some((BreakKind::Link, "its link to the previous entry does not match".to_owned()))
        } else if e.entry.hash() != e.hash {
            Some((BreakKind::Edited, "its contents do not match its hash (edited after it was written)".to_owned()))
        } else {
            None
        };
        if let Some((kind, reason)) = reason {
            self.broken = Some(Break { seq: self.expected_seq.min(e.entry.seq), kind, reason });
            return false;
        }
        self.expected_seq += 1;
        self.prev_hash = e.hash.clone();
        true
    }

    /// Checks the anchor the chain starts after against the record the newest
    /// purge made of it (`purged`, that entry's after-digest): the oldest
    /// entries removed behind the product's back, and the anchor moved to
    /// hide it, do not match.
    pub(crate) fn check_anchor(&mut self, seq: i64, hash: &str, purged: Option<&str>) {
        if self.broken.is_none() && purged != Some(digest(&purge::anchor(seq, hash)).as_str()) {
            self.broken = Some(Break {
                seq: seq + 1,
                kind: BreakKind::Anchor,
                reason: format!("the chain starts after entry {seq}, but no purge removed the entries before it"),
            });
        }
    }

    /// Checks the end of the chain against the head row (detects a cut-off tail).
    pub(crate) fn finish(mut self, head_seq: i64, head_hash: &str) -> Verification {
        let walked = self.expected_seq - 1;
        if self.broken.is_none() && (head_seq != walked || head_hash != self.prev_hash) {
            self.broken = Some(Break {
                seq: walked + 1,
                kind: BreakKind::Cut,
                reason: format!("the chain ends at entry {walked} but its head says {head_seq}: entries were removed"),
            });
        }
        Verification { entries: walked - self.start, head: self.prev_hash, broken: self.broken }
    }
}

/// Walks the whole chain and reports the first broken entry.
pub async fn verify(store: &Store) -> Result<Verification> {
    crate::store::audit::verify_chain(store).await
}

/// The entries that concern one customer, and those merged into them, oldest first.
pub async fn history(store: &Store, customer: CustomerId) -> Result<Vec<StoredEntry>> {
    Ok(crate::store::in_snapshot!(store, s => {
        let merged = crate::store::merges::into_customer(&mut s, customer).await?;
        crate::store::audit::for_customer(&mut s, customer, &merged).await?
    }))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_action_is_named_in_the_locales_and_reads_back() {
        let english = crate::i18n::message_ids(crate::values::Language::En);
        for action in Action::ALL {
            assert!(english.contains(&action.message_key()), "{} has no {}", action, action.message_key());
            assert_eq!(action.as_str().parse::<Action>(), Ok(*action));
        }
        assert_eq!(Action::SweepBatch.message_key(), "audit-action-retention-sweep-batch");
        assert_eq!(Action::WebEventAdd.message_key(), "audit-action-web-event-add");
        // The other languages have the same keys (i18n's completeness test).
    }

    fn entry(seq: i64, prev: &str) -> StoredEntry {
        let entry = Entry {
            seq,
            at: DateTime::from_timestamp_micros(1_700_000_000_123_456).expect("time"),
            actor: "anna".into(),
            action: "customer.add".into(),
            entity: "customer".into(),
            entity_id: seq.to_string(),
            customer_id: Some(CustomerId(7)),
            before_digest: None,
            after_digest: Some("ab".into()),
            prev_hash: prev.into(),
        };
        let hash = entry.hash();
        StoredEntry { entry, hash }
    }

    #[test]
    fn a_whole_chain_verifies_and_any_change_breaks_it() {
        let a = entry(1, GENESIS);
        let b = entry(2, &a.hash);
        let c = entry(3, &b.hash);
        let mut w = ChainWalker::new();
        assert!([&a, &b, &c].iter().all(|e| w.feed(e)));
        assert_eq!(w.finish(3, &c.hash).broken, None);

        let mut edited = b.clone();
        edited.entry.actor = "mallory".into();
        let mut w = ChainWalker::new();
        assert!(w.feed(&a) && !w.feed(&edited));
        assert_eq!(w.broken.as_ref().map(|b| b.seq), Some(2));

        let mut w = ChainWalker::new();
        assert!(w.feed(&a) && !w.feed(&c), "a deleted middle entry is found");

        let mut w = ChainWalker::new();
        assert!(w.feed(&a) && w.feed(&b));
        assert_eq!(w.finish(3, &c.hash).broken.map(|b| b.seq), Some(3), "a cut tail is found");
    }

    #[test]
    fn a_chain_purged_up_to_its_anchor_verifies_only_with_the_purge_s_record_of_it() {
        let a = entry(1, GENESIS);
        let b = entry(2, &a.hash);
        let c = entry(3, &b.hash);
        let recorded = digest(&purge::anchor(1, &a.hash));
        let mut w = ChainWalker::after(1, &a.hash);
        assert!(w.feed(&b) && w.feed(&c));
        w.check_anchor(1, &a.hash, Some(&recorded));
        let v = w.finish(3, &c.hash);
        assert_eq!((v.entries, v.broken), (2, None));

        // The anchor moved past an entry removed by hand: no purge recorded it there.
        let mut w = ChainWalker::after(2, &b.hash);
        assert!(w.feed(&c));
        w.check_anchor(2, &b.hash, Some(&recorded));
        assert_eq!(w.finish(3, &c.hash).broken.map(|b| (b.seq, b.kind)), Some((3, BreakKind::Anchor)));
        let mut w = ChainWalker::after(1, &a.hash);
        assert!(w.feed(&b));
        w.check_anchor(1, &a.hash, None);
        assert_eq!(w.broken.map(|b| b.kind), Some(BreakKind::Anchor), "an anchor without a purge");
    }
}
