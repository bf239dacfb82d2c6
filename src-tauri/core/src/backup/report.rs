//! What a restore did: what it carried into the restored register, and
//! what it could not (to be seen to by hand), as the window and the command
//! line say it and the audit trail records it.

use chrono::{DateTime, NaiveDate, Utc};
use serde::Serialize;

use crate::message::Message;
use crate::store::backup::LoggedBackup;

/// A customer erased after the backup whom the restored register would not erase again.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, schemars::JsonSchema)]
pub struct NotErasedAgain {
    /// The customer's number.
    pub number: String,
    /// Why, in English, as the command line says it.
    pub reason: String,
    /// Why, for the window to say in its language.
    pub why: Message,
}

/// What a restore did.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, schemars::JsonSchema)]
pub struct RestoreReport {
    /// The audit chain head of the backup that was restored.
    pub backup_audit_seq: i64,
    pub backup_audit_hash: String,
    /// Whether this register's backup log records a backup with that head.
    pub backup_recorded: bool,
    /// Customers (by number) merged into another after the backup was made,
    /// merged again in the restored register before anything else is carried.
    pub merges_replayed: Vec<String>,
    /// Such customers (by number) whom the restored register cannot merge:
    /// the customer kept is not in it, or it restricts or holds one of the
    /// two. Their records are apart there: merge them again by hand.
    pub merges_lost: Vec<String>,
    /// Customers (by number) whose merge into another was undone after the
    /// backup was made: given back their records again in the restored
    /// register, before the merges are carried.
    pub unmerges_replayed: Vec<String>,
    /// Such customers (by number) the restored register cannot give back
    /// (it restricts, erases or holds the customer kept): still merged
    /// there, to be undone by hand.
    pub unmerges_lost: Vec<String>,
    /// Customers (by number) erased again because the backup predates their erasure.
    pub erasures_replayed: Vec<String>,
    /// Customers created and erased after the backup: their tombstones carried over.
    pub tombstones_carried: i64,
    /// The days of the retention sweeps made after the backup, made again:
    /// what they deleted is not brought back (Art. 5(1)(e)).
    pub sweeps_replayed: Vec<NaiveDate>,
    /// The settings (by key) changed after the backup was made: changed
    /// again, each in its place among the erasures and sweeps made again, so
    /// that these delete under the retention periods then in force.
    pub settings_carried: Vec<String>,
    /// How many categories, processors and recipients, and legitimate-interest
    /// assessments of the records of processing (Art. 30) were changed, added
    /// or removed again, as the register changed them after the backup.
    pub catalogue_carried: i64,
    /// Erasures that could not be replayed (a legal hold in the backup the
    /// register did not have).
    pub not_replayed: Vec<NotErasedAgain>,
    /// Personal data breaches recorded, or taken further, after the backup was
    /// made: carried over, as Art. 33(5) asks the shop to keep them.
    pub breaches_carried: i64,
    /// Customers (by number) a breach concerned who are not in the restored
    /// register (created after the backup, and not erased since): the link is
    /// lost with them, the breach's own record is not.
    pub concerned_lost: Vec<String>,
    /// Legal holds placed, or lifted, after the backup was made: carried
    /// over, so that the sweep does not delete what a legal claim needs.
    pub holds_carried: i64,
    /// The records of holds in force, placed after the backup, that the
    /// restored register does not have ("order 10234"): nothing there to keep.
    pub holds_lost: Vec<String>,
    /// Data-subject requests logged or taken further after the backup was
    /// made: carried over, so that none passes its deadline unanswered.
    pub requests_carried: i64,
    /// Customers (by number) with a request carried over whom the restored
    /// register does not have (added after the backup, and not erased): the
    /// request is kept without its customer, to be answered all the same.
    pub requests_without_customer: Vec<String>,
    /// Restrictions (Art. 18) placed or lifted after the backup was made:
    /// carried over for the customers the restored register has.
    pub restrictions_carried: i64,
    /// Customers (by number) restricted in the register, added after the
    /// backup, whom the restored register does not have: should an import
    /// bring them back, they must be restricted again.
    pub restrictions_lost: Vec<String>,
    /// Objections to the recording of web activity (Art. 21(1)) made or
    /// lifted after the backup was made: carried over for the customers the
    /// restored register has.
    pub web_objections_carried: i64,
    /// Customers (by number) who objected after the backup, and whom the
    /// restored register does not have: should an import bring them back,
    /// the recording of their web activity must be stopped again.
    pub web_objections_lost: Vec<String>,
    /// Consents withdrawn after the backup was made (Art. 7(3)): withdrawn
    /// in the restored register too.
    pub withdrawals_carried: i64,
    /// Consents recorded by hand after the backup was made (not by a web
    /// shop's file, which brings its own back): recorded again as given,
    /// the shop's proof of them (Art. 7(1)).
    pub consents_carried: i64,
    /// Customers (by number) with such a consent whom the restored register
    /// does not have: to be recorded again should they come back.
    pub consents_lost: Vec<String>,
    /// Sign-ups for courses and events recorded, or marked attended or
    /// cancelled, after the backup was made: as the register had them.
    pub signups_carried: i64,
    /// Customers (by number) with such a sign-up whom the restored register
    /// does not have.
    pub signups_lost: Vec<String>,
    /// Customers (by number) whose data the shop corrected after the backup
    /// was made, for their request for rectification: corrected again in
    /// the restored register (Art. 16), under the request.
    pub rectifications_replayed: Vec<String>,
    /// Customers (by number) with such a correction that the restored
    /// register cannot take (the customer or the note is not in it, or the
    /// value is refused there): to be corrected again by hand.
    pub rectifications_lost: Vec<String>,
    /// Customers (by number) whose note, course sign-up or web activity the
    /// shop erased after the backup was made, for their request for erasure:
    /// erased again in the restored register (Art. 17(1)), under the request.
    pub parts_erased_again: Vec<String>,
    /// Documents made after the backup was made (access reports, receipts,
    /// notices, confirmations, letters): recorded in the restored register
    /// too, with their digests, under their requests where it has them.
    pub documents_carried: i64,
    /// The numbers of the orders recorded by hand after the backup was made
    /// (the order form, `order add`): carried over, with their lines, as the
    /// register had them. The books must keep them, and nothing else has them
    /// (backup/vouchers.rs).
    pub orders_carried: Vec<String>,
    /// The numbers of the customers added after the backup was made whom
    /// such an order, or a note below, names: carried with it, as the
    /// register had them (a voucher names its counterparty, BFL 5 kap. 7 §).
    pub customers_carried: Vec<String>,
    /// The numbers of the invoices, reminders and credit notes recorded after
    /// the backup was made, of orders the restored register has: carried over.
    pub invoices_carried: Vec<String>,
    /// How many notes of calls, letters or e-mails that document a purchase
    /// or an agreement (`--bookkeeping`: accounting material, kept under the
    /// bookkeeping law) written after the backup was made: carried over, as
    /// the register has them.
    pub notes_carried: i64,
    /// The customers (by number) of such notes that the restored register
    /// cannot take (someone else has their number or e-mail address there):
    /// the safety copy has the notes.
    pub notes_lost: Vec<String>,
    /// The numbers of the orders the restored register has whose status was
    /// changed after the backup was made: changed again to the register's.
    pub statuses_carried: Vec<String>,
    /// The customers (by number) added after the backup was made whom the
    /// restored register does not have: neither erased since (their
    /// tombstones are carried) nor brought with an order or a note. A web
    /// shop's file imported again brings its own back; one added by hand is
    /// added again (the safety copy has them).
    pub customers_lost: Vec<String>,
    /// Of `customers_lost`, those added by hand (the window, `customer
    /// add`): only the register as it was before the restore has them.
    pub customers_lost_by_hand: Vec<String>,
    /// Of `customers_lost`, those an import brought: the same file imported
    /// again brings them back. (The others were added by a version before
    /// migration 51, which did not mark how.)
    pub customers_lost_imported: Vec<String>,
    /// The numbers of orders recorded after the backup was made that the
    /// restored register does not have: those a web shop's file brought
    /// (imported again, it brings them back; not carried over, since a
    /// restore is also how a mistaken import is undone), and those recorded
    /// by hand for a customer added after the backup whose number or e-mail
    /// address someone else has there.
    /// The books must keep them (the bookkeeping law): the safety copy has them.
    pub orders_lost: Vec<String>,
    /// The numbers of invoices, reminders and credit notes recorded after
    /// the backup was made, whatever day they are dated (or, kept by a
    /// version before migration 27, dated on the backup's day or later), or
    /// of an order recorded since, that the restored register does not have.
    pub invoices_lost: Vec<String>,
    /// The customers (by number) with notes written after the backup was
    /// made that the restored register does not have: notes of calls,
    /// letters or e-mails that document no purchase or agreement, which a
    /// restore does not carry (backup/undone.rs). The register as it was
    /// before has them.
    pub notes_undone: Vec<String>,
    /// The customers (by number, as the register had it) with notes changed
    /// after the backup was made (corrected, closed, moved to another
    /// customer) that are as the backup has them in the restored register:
    /// to be changed again where the change was meant. Corrections a person
    /// asked for are made again, and not named here.
    pub notes_changed_undone: Vec<String>,
    /// The customers (by number, as the register had it) whose details
    /// (number, name, e-mail, phone, address, language) were changed after
    /// the backup was made, by hand or by an import, and are as the backup
    /// has them in the restored register: to be changed again where the
    /// change was meant. Corrections a person asked for are made again
    /// (`rectifications_replayed`), and not named here.
    pub details_undone: Vec<String>,
    /// When each import run after the backup was made was (a web shop's
    /// customers or orders, a web site's log): what it brought is not in the
    /// restored register, but for what is named as kept above (the orders a
    /// customer it brought placed by hand, say); the same file imported
    /// again brings it back.
    pub imports_undone: Vec<DateTime<Utc>>,
    /// The copy of the register as it was just before the restore.
    pub safety_backup: Option<LoggedBackup>,
}

impl RestoreReport {
    /// Nothing carried yet, of a backup with this audit chain head; whether
    /// the register's backup log (`backups`) records it.
    pub(super) fn of(head: &(i64, String), backups: &[LoggedBackup], safety: Option<LoggedBackup>) -> RestoreReport {
        RestoreReport {
            backup_audit_seq: head.0,
            backup_audit_hash: head.1.clone(),
            backup_recorded: backups.iter().any(|b| b.audit_seq == head.0 && b.audit_hash == head.1),
            safety_backup: safety,
            ..RestoreReport::default()
        }
    }
}
