//! Restore: a backup replaces the register, and what the law asks the shop
//! to keep, or to have done, since the backup was made is carried into it
//! (carry.rs), or named where it cannot be.

use std::path::Path;

use chrono::{DateTime, NaiveDate, Utc};
use serde::Serialize;

use super::deletions::{Deletions, Replayed};
use super::{carry, BackupPurpose};
use crate::audit::to_json as json;
use crate::audit::Action;
use crate::error::{Error, Result};
use crate::message::Message;
use crate::register::Series;
use crate::retention::due::RecordKind;
use crate::store::backup::{self as stored, LoggedBackup};
use crate::store::cipher::{self, FileState, Passphrase};
use crate::store::customers::Who;
use crate::store::{self, Location, OpenMode};
use crate::values::BreachId;
use crate::Register;

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
#[derive(Debug, Clone, PartialEq, Eq, Serialize, schemars::JsonSchema)]
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
    /// The copy of the register as it was just before the restore.
    pub safety_backup: Option<LoggedBackup>,
}

/// What a register knows that a backup restored over it may not: carried
/// over into the restored register. Nothing, for a register restored into a
/// file that did not exist.
#[derive(Default)]
struct Known {
    /// Every merge, with the customer kept.
    merges: Vec<(Who, crate::register::merge::Merge)>,
    /// The pseudonyms of the customers a merge undone since the backup concerned.
    unmerged: Vec<(String, DateTime<Utc>)>,
    erasures: Vec<store::erasure::LoggedErasure>,
    /// The retention sweeps started about when the backup was made, or later.
    sweeps: Vec<crate::retention::sweep::SweepRun>,
    /// The changes of settings made about when the backup was made, or later.
    settings: Vec<store::settings::SettingChange>,
    /// The records of processing, where they changed about when the backup was made, or later.
    catalogue: Option<crate::processing::Catalogue>,
    /// The web shop numbers of erased customers: (pseudonym, number).
    erased_shop_numbers: Vec<(String, String)>,
    erasure_key: Option<String>,
    backups: Vec<LoggedBackup>,
    /// The highest edit version of its customers.
    versions: i64,
    numbers: Vec<(crate::register::Series, crate::register::series::Highest)>,
    breaches: Vec<crate::breaches::Breach>,
    /// The customers each breach concerns.
    concerned: Vec<(BreachId, Who)>,
    holds: Vec<carry::KnownHold>,
    /// Every request, with its customer.
    requests: Vec<(crate::requests::Request, Option<Who>)>,
    /// Every restriction, with its customer.
    restrictions: Vec<(Who, crate::register::restriction::Restriction)>,
    /// Every objection to the recording of web activity, with its customer.
    web_objections: Vec<(Who, crate::register::web_objection::WebObjection)>,
    /// Every withdrawn consent, with its customer: of one erased, the proof
    /// kept (Art. 7(1)) says when it ended.
    withdrawals: Vec<(Who, crate::register::Consent)>,
    /// The consents recorded by hand about when the backup was made, or later.
    consents_given: Vec<store::consents::Recorded>,
    /// The sign-ups recorded or changed about when the backup was made, or later.
    signups: Vec<store::signups::Changed>,
    /// The corrections made for requests for rectification about when the backup was, or later.
    rectifications: Vec<store::corrections::Rectification>,
    /// Every note, sign-up or web activity erased alone for a request for
    /// erasure, with its customer.
    erased_parts: Option<super::erased_parts::ErasedParts>,
    /// The numbers of the vouchers made about when the backup was, or later.
    vouchers: Vec<(Series, String)>,
    /// Those of them recorded by hand, whole, and the statuses changed by hand.
    by_hand: super::vouchers::HandVouchers,
    /// The customers added about when the backup was made, or later, and not erased.
    added: Vec<Who>,
    /// The documents made about when the backup was, or later.
    documents: Vec<store::documents::Made>,
    /// The copy of it as it was before the restore.
    safety: Option<LoggedBackup>,
}

/// A backup checked to be restored.
struct Checked {
    /// Its audit chain head.
    head: (i64, String),
    /// About when it was made: a day before its newest audit entry (a day's
    /// margin for the clocks of the computers sharing a register). What the
    /// register did since may be missing from it; what it did before is not
    /// read again, record by record.
    since: DateTime<Utc>,
}

impl Register {
    /// [`Register::restore`] for this open register, in place: its own
    /// connections are closed, the backup replaces it (or, refused, nothing
    /// changes), and every clone of it goes on with the register as it is
    /// then. A backup encrypted under the register's passphrase needs no
    /// other; `file_key` is for one made under an earlier passphrase.
    pub async fn restore_in_place(&self, file: &Path, file_key: Option<&Passphrase>) -> Result<RestoreReport> {
        // From here on the window's other commands wait.
        let rewrite = self.store().rewrite().await;
        let key = self.store().key();
        let file_key = match cipher::file_state(file)? {
            FileState::Encrypted => file_key.or(key.as_ref()),
            _ => None,
        };
        self.store().close().await;
        let restored = Register::restore(&self.store().location(), key.as_ref(), file, file_key, self.actor()).await;
        if let Ok((reg, _)) = &restored {
            reg.store().close().await;
        }
        // The restored register keeps the register's encryption: the same key opens it.
        self.store().reopen(key.as_ref()).await?;
        drop(rewrite);
        restored.map(|(_, report)| report)
    }

    /// Replaces the register at `location` (an SQLite file encrypted under
    /// `key` or plain, or a PostgreSQL database) with the backup `file`
    /// (encrypted under `file_key`, or plain),
    /// replays the erasures the register recorded since, and returns the
    /// register reopened. The register is whole before and after: the restored
    /// copy is prepared beside it and replaces it by a rename.
    pub async fn restore(
        location: &Location,
        key: Option<&Passphrase>,
        file: &Path,
        file_key: Option<&Passphrase>,
        actor: &str,
    ) -> Result<(Register, RestoreReport)> {
        match cipher::file_state(file)? {
            FileState::Missing => {
                return Err(Error::File { path: file.display().to_string(), reason: "no such backup file".into() })
            }
            FileState::Encrypted if file_key.is_none() => return Err(Error::Locked(file.display().to_string())),
            FileState::Foreign => return Err(cipher::not_a_database(file)),
            _ => {}
        }
        let path = match location {
            Location::Sqlite(path) => path,
            Location::Postgres(_) => return Register::restore_postgres(location, file, file_key, actor).await,
        };
        // A register moved into a shared one is kept as it was (sharing.rs):
        // a backup restored over it would bring it back into use beside the
        // shared register, and what was written to it then would reach
        // nobody. `kundvakt shared leave` takes it back first, if that is
        // what is wanted.
        if !matches!(cipher::file_state(path)?, FileState::Missing) {
            let reg = Register::open_keyed(location, OpenMode::Existing, key, actor).await?;
            let moved = reg.store().refuse_if_moved().await;
            reg.store().close().await;
            moved?;
        }
        // The restored register keeps the register's encryption; a new one the backup's.
        let new_key = match cipher::file_state(path)? {
            FileState::Encrypted => Some(key.ok_or_else(|| Error::Locked(path.display().to_string()))?),
            FileState::Plain => None,
            FileState::Missing => file_key,
            FileState::Foreign => return Err(cipher::not_a_database(path)),
        };
        // The backup is copied beside the register and checked before the
        // register itself is touched: a refused restore changes nothing.
        let staged = cipher::sibling(path, "restore");
        let checked = async {
            cipher::discard(&staged);
            let mut source = cipher::connect(file, file_key).await?;
            cipher::export(&mut source, &staged, new_key).await?;
            sqlx::Connection::close(source).await?;
            let copy =
                Register::open_keyed(&Location::Sqlite(staged.clone()), OpenMode::Existing, new_key, actor).await?;
            let verified = copy.check_restorable().await;
            copy.store().close().await;
            verified
        };
        let checked = match checked.await {
            Ok(checked) => checked,
            Err(e) => {
                cipher::discard(&staged);
                return Err(e);
            }
        };
        let prepared = async {
            // What the register knows now, and a copy of it as it is.
            let current = match cipher::file_state(path)? {
                FileState::Missing => None,
                _ => {
                    let reg = Register::open_keyed(location, OpenMode::Existing, key, actor).await?;
                    let known = reg.known_to_restore(file, None, checked.since).await;
                    reg.store().close().await;
                    Some(known?)
                }
            };
            let lock = match &current {
                Some(_) => Some(cipher::exclusive(path, key).await?),
                None => None,
            };
            let copy =
                Register::open_keyed(&Location::Sqlite(staged.clone()), OpenMode::Existing, new_key, actor).await?;
            let report = copy.replay(&checked, current.unwrap_or_default()).await;
            copy.store().close().await;
            Ok::<_, Error>((report?, lock))
        };
        let (report, lock) = match prepared.await {
            Ok(done) => done,
            Err(e) => {
                cipher::discard(&staged);
                return Err(e);
            }
        };
        // The replay ended with a checkpoint (flush_deleted): everything it
        // wrote is in the staged file itself, not in a log beside it.
        match lock {
            Some(held) => held.replace_with(&staged, path).await?,
            None => cipher::replace(&staged, path)?,
        }
        cipher::discard(&staged);
        let reg = Register::open_keyed(location, OpenMode::Existing, new_key, actor).await?;
        Ok((reg, report))
    }

    /// Restore into a PostgreSQL register: the backup is checked and the
    /// erasures replayed on a copy in the temporary folder (encrypted as the
    /// backup is), which then replaces every row of the register in one
    /// transaction.
    async fn restore_postgres(
        location: &Location,
        file: &Path,
        file_key: Option<&Passphrase>,
        actor: &str,
    ) -> Result<(Register, RestoreReport)> {
        let staged = std::env::temp_dir().join(format!(
            "kundvakt-restore-{}-{}.db",
            std::process::id(),
            store::now().timestamp_micros()
        ));
        let staged_location = Location::Sqlite(staged.clone());
        let result = async {
            let mut source = cipher::connect(file, file_key).await?;
            cipher::export(&mut source, &staged, file_key).await?;
            sqlx::Connection::close(source).await?;
            let copy = Register::open_keyed(&staged_location, OpenMode::Existing, file_key, actor).await?;
            let checked = copy.check_restorable().await;
            copy.store().close().await;
            let checked = checked?;
            let reg = Register::open(location, OpenMode::Existing, actor).await?;
            let known = reg.known_to_restore(file, file_key, checked.since).await?;
            let copy = Register::open_keyed(&staged_location, OpenMode::Existing, file_key, actor).await?;
            let report = copy.replay(&checked, known).await;
            copy.store().close().await;
            let report = report?;
            stored::load_into_postgres(reg.store(), &staged, file_key).await?;
            Ok((reg, report))
        }
        .await;
        cipher::discard(&staged);
        result
    }

    /// The copy of the register as it is, before a restore replaces it: in the
    /// backup folder as usual, and where automatic backups are off or have no
    /// folder (`backup.keep` 0, a PostgreSQL register without `backup.folder`)
    /// beside the backup being restored — a restore never goes without one.
    async fn copy_before_restore(&self, file: &Path, key: Option<&Passphrase>) -> Result<LoggedBackup> {
        if let Some(made) = self.rotate_backup(BackupPurpose::Restore).await? {
            return Ok(made);
        }
        let stamp = store::now().format("%Y%m%d-%H%M%S-%6f").to_string();
        let name = format!("register-{stamp}-{}.db", BackupPurpose::Restore.as_str());
        self.copy(&file.with_file_name(name), BackupPurpose::Restore, key).await
    }

    /// What this register knows that a backup restored over it may not, and
    /// a copy of it as it is (`file` the backup, `key` for a copy beside it).
    async fn known_to_restore(&self, file: &Path, key: Option<&Passphrase>, since: DateTime<Utc>) -> Result<Known> {
        Ok(Known {
            merges: store::in_snapshot!(self.store(), s => store::merges::all_with_customers(&mut s).await?),
            unmerged: store::merges::undone_since(self.store(), since).await?,
            erasures: store::erasure::log_all(self.store()).await?,
            sweeps: store::sweep::since(self.store(), since).await?,
            settings: store::settings::changes_since(self.store(), since).await?,
            catalogue: store::in_snapshot!(self.store(), s => catalogue_changed_since(&mut s, since).await?),
            erased_shop_numbers: store::shop_numbers::of_erased(self.store()).await?,
            erasure_key: store::erasure::stored_key(self.store(), "erasure").await?,
            backups: self.backups().await?,
            versions: store::customers::highest_version(self.store()).await?,
            numbers: store::series::highest_numbers(self.store()).await?,
            breaches: store::in_snapshot!(self.store(), s => store::breaches::list(&mut s, true).await?),
            concerned: store::in_snapshot!(self.store(), s => store::breaches::concerned_customers(&mut s).await?),
            holds: store::in_snapshot!(self.store(), s => carry::known_holds(&mut s).await?),
            requests: store::requests::all_with_customers(self.store()).await?,
            restrictions: store::in_snapshot!(self.store(), s => store::restrictions::all_with_customers(&mut s).await?),
            web_objections: store::in_snapshot!(self.store(), s => store::web_objections::all_with_customers(&mut s).await?),
            withdrawals: store::in_snapshot!(self.store(), s => store::records::withdrawn_with_customers(&mut s).await?),
            consents_given: store::in_snapshot!(self.store(), s => store::consents::recorded_by_hand_since(&mut s, since).await?),
            signups: store::in_snapshot!(self.store(), s => store::signups::changed_since(&mut s, since).await?),
            rectifications: store::corrections::answering_since(self.store(), since).await?,
            erased_parts: Some(super::erased_parts::ErasedParts::of(self.store()).await?),
            vouchers: store::series::made_since(self.store(), since).await?,
            by_hand: super::vouchers::HandVouchers::of(self.store(), since).await?,
            added: store::customers::added_since(self.store(), since).await?,
            documents: store::documents::made_since(self.store(), since).await?,
            safety: Some(self.copy_before_restore(file, key).await?),
        })
    }

    /// A copy about to be restored: its audit trail must hold.
    async fn check_restorable(&self) -> Result<Checked> {
        let check = crate::audit::verify(self.store()).await?;
        if let Some(b) = check.broken {
            return Err(Error::Refused(crate::msg!("msg-backup-broken", seq = b.seq, reason = b.reason)));
        }
        let newest = store::in_snapshot!(self.store(), s => store::audit::newest_at(&mut s).await?);
        // A day's margin for the clocks of the computers sharing a register;
        // a copy with no entry at all was made before anything was recorded.
        let since = newest.map_or(DateTime::UNIX_EPOCH, |t| t - chrono::Duration::days(1));
        Ok(Checked { head: self.audit_head().await?, since })
    }

    /// On a checked copy: erases again whom the register erased since the
    /// backup, moves the customers' edit versions past the highest the
    /// register had, and carries over the highest voucher numbers it issued.
    async fn replay(&self, checked: &Checked, known: Known) -> Result<RestoreReport> {
        let head = &checked.head;
        let Known {
            merges,
            unmerged,
            erasures,
            sweeps,
            settings,
            catalogue,
            erased_shop_numbers,
            erasure_key,
            backups,
            versions,
            numbers,
            breaches,
            concerned,
            holds,
            requests,
            restrictions,
            web_objections,
            withdrawals,
            consents_given,
            signups,
            rectifications,
            erased_parts,
            vouchers,
            by_hand,
            added,
            documents,
            safety,
        } = known;
        let mut report = RestoreReport {
            backup_audit_seq: head.0,
            backup_audit_hash: head.1.clone(),
            backup_recorded: backups.iter().any(|b| b.audit_seq == head.0 && b.audit_hash == head.1),
            merges_replayed: Vec::new(),
            merges_lost: Vec::new(),
            unmerges_replayed: Vec::new(),
            unmerges_lost: Vec::new(),
            erasures_replayed: Vec::new(),
            tombstones_carried: 0,
            sweeps_replayed: Vec::new(),
            settings_carried: Vec::new(),
            catalogue_carried: 0,
            not_replayed: Vec::new(),
            breaches_carried: 0,
            concerned_lost: Vec::new(),
            holds_carried: 0,
            holds_lost: Vec::new(),
            requests_carried: 0,
            requests_without_customer: Vec::new(),
            restrictions_carried: 0,
            restrictions_lost: Vec::new(),
            web_objections_carried: 0,
            web_objections_lost: Vec::new(),
            withdrawals_carried: 0,
            consents_carried: 0,
            consents_lost: Vec::new(),
            signups_carried: 0,
            signups_lost: Vec::new(),
            rectifications_replayed: Vec::new(),
            rectifications_lost: Vec::new(),
            parts_erased_again: Vec::new(),
            documents_carried: 0,
            orders_carried: Vec::new(),
            customers_carried: Vec::new(),
            invoices_carried: Vec::new(),
            statuses_carried: Vec::new(),
            notes_carried: 0,
            notes_lost: Vec::new(),
            customers_lost: Vec::new(),
            orders_lost: Vec::new(),
            invoices_lost: Vec::new(),
            safety_backup: safety,
        };
        // A backup of a register that had been moved away (a copy of its
        // file) carries the mark; restored, it is the register in use.
        self.take_back().await?;
        // The digests of the register's log are keyed with its erasure key:
        // the restored copy takes it (it is the same key, or the copy has none yet).
        let same_key = match erasure_key.as_deref() {
            Some(k) => {
                let mut tx = self.store().begin(self.actor()).await?;
                let kept = store::erasure::register_key(&mut tx, "erasure", k.to_owned()).await?;
                tx.commit().await?;
                kept == k
            }
            None => false,
        };
        // The merges before all else: what is carried next names the person
        // as the customer kept (an erasure of them must reach what the other
        // had, Art. 17(1)), and a hold on a record, the customer it is under
        // now. Those undone since go first: one undone and then merged into
        // someone else is merged there next.
        // Each after the lifts of holds and restrictions the register made before it.
        let register_lifted = super::merges::Lifted { holds: &holds, restrictions: &restrictions };
        let mut tx = self.store().begin(self.actor()).await?;
        let unmerged = super::merges::carry_unmerges(&mut tx, &merges, &unmerged, &register_lifted).await?;
        (report.unmerges_replayed, report.unmerges_lost) = (unmerged.replayed, unmerged.lost);
        tx.commit().await?;
        let mut tx = self.store().begin(self.actor()).await?;
        let merged = super::merges::carry_merges(&mut tx, &merges, &register_lifted).await?;
        (report.merges_replayed, report.merges_lost) = (merged.replayed, merged.lost);
        tx.commit().await?;
        // The vouchers recorded by hand since, under the customers they are
        // under now, before the holds and the deletions (backup/vouchers.rs).
        let mut tx = self.store().begin(self.actor()).await?;
        let carried = by_hand.carry(&mut tx).await?;
        (report.orders_carried, report.invoices_carried) = (carried.orders, carried.invoices);
        (report.customers_carried, report.statuses_carried) = (carried.customers, carried.statuses);
        tx.commit().await?;
        // The holds first, so that the erasures replayed keep what they keep.
        let mut tx = self.store().begin(self.actor()).await?;
        let later: Vec<_> = by_hand.note_ids().chain(super::signups::ids(&signups)).collect();
        let mut carried_holds = carry::carry_holds(&mut tx, &holds, &later).await?;
        let mut lifts = carry::lifts_to_carry(&mut tx, &holds, &carried_holds.same).await?;
        tx.commit().await?;
        // The consents given by hand since, then those withdrawn since, each
        // as it was withdrawn, before the erasures and sweeps: the proof of a
        // consent that these keep says when it ended, and not the day of the
        // restore (Art. 7(1)).
        let mut tx = self.store().begin(self.actor()).await?;
        let consents = super::consents::carry(&mut tx, &consents_given, &withdrawals, checked.since).await?;
        (report.consents_carried, report.withdrawals_carried) = (consents.given, consents.withdrawn);
        report.consents_lost = consents.lost;
        tx.commit().await?;
        // Then what the register deleted since, in the order it deleted it,
        // each under the settings then in force, and the settings as they are.
        let mut changes = self.settings_lacking(settings).await?;
        let deletions = Deletions { erasures: &erasures, sweeps, holds: &holds, since: checked.since };
        let Replayed { unknown, mut answered, mut lifted } =
            self.replay_deletions(deletions, &mut changes, &mut lifts, &mut report).await?;
        self.change_settings_until(&mut changes, None).await?;
        report.settings_carried = changes.carried;
        let settings = self.settings().await?;
        let mut tx = self.store().begin(self.actor()).await?;
        for e in unknown {
            // The number can be someone else's in the copy (a customer renumbered
            // since gave it up, and the one erased took it): the tombstone then
            // goes under its pseudonym, which nobody else has.
            let taken = store::customers::by_number_tx(&mut tx, &e.number).await?.is_some();
            let number = if taken { &e.pseudonym } else { &e.number };
            let id = store::erasure::insert_tombstone(&mut tx, number, &e.pseudonym).await?;
            let digest = if same_key { e.email_digest.as_deref() } else { None };
            let logged = store::erasure::Logged { reason: &e.reason, request: None, email_digest: digest, plan: None };
            store::erasure::log_erasure(&mut tx, id, logged).await?;
            store::erasure::restate_latest(&mut tx, id, e.erased_at, &e.erased_by).await?;
            // A tombstone answers the person's request as their erasure did.
            answered.extend(e.request_id.map(|r| (id, r)));
            report.tombstones_carried += 1;
        }
        // Their web shop numbers too, where nobody in the copy has the number.
        let now = tx.now();
        for (pseudonym, number) in &erased_shop_numbers {
            let who = Who { number: String::new(), pseudonym: pseudonym.clone() };
            let Some(c) = store::customers::same_tx(&mut tx, &who).await? else { continue };
            if store::customers::by_number_tx(&mut tx, number).await?.is_none() {
                store::shop_numbers::record(&mut tx, number, c.id, now).await?;
            }
        }
        // The notes of purchases and agreements written since, now that everyone
        // erased is in the copy as erased (backup/vouchers.rs).
        let mut notes = super::vouchers::Carried::default();
        report.notes_lost = by_hand.carry_notes(&mut tx, &mut notes).await?;
        report.notes_carried = notes.notes;
        report.customers_carried.extend(notes.customers);
        let here: Vec<_> = notes.notes_here.iter().map(|(there, here)| (there.0, here.0)).collect();
        let mut later_holds =
            carry::carry_later_holds(&mut tx, &holds, &mut carried_holds, RecordKind::Interaction, &here).await?;
        // The sign-ups recorded or changed since, likewise after the erasures.
        let signups = super::signups::carry(&mut tx, &signups).await?;
        (report.signups_carried, report.signups_lost) = (signups.carried, signups.lost);
        let kind = RecordKind::EventRegistration;
        later_holds += carry::carry_later_holds(&mut tx, &holds, &mut carried_holds, kind, &signups.here).await?;
        // A window that showed a customer before the restore saves with the
        // version it read. Edits after the restore would count the restored
        // versions up through the same numbers, and such a save would then
        // be taken over them; past every version the register had, it is
        // refused as "changed by someone else" instead.
        if versions > 0 {
            store::customers::versions_past(&mut tx, versions).await?;
        }
        // Invoices and orders issued after the backup was made are gone from
        // the restored register, but not from the customers' hands and the
        // books: their numbers are not issued again (register/series.rs).
        for (series, highest) in &numbers {
            store::series::remember_highest(&mut tx, *series, highest).await?;
        }
        let (carried, same) = carry::carry_breaches(&mut tx, &breaches).await?;
        report.breaches_carried = carried;
        report.concerned_lost = carry::carry_concerned(&mut tx, &same, &concerned).await?;
        // After the erasures: what they erased is not restricted again.
        let requests = carry::carry_requests(&mut tx, &requests).await?;
        report.requests_carried = requests.carried;
        carry::link_erasures(&mut tx, &answered, &requests.same_as).await?;
        report.requests_without_customer = requests.without_customer;
        (report.restrictions_carried, report.restrictions_lost) =
            carry::carry_restrictions(&mut tx, &restrictions, &requests.same_as).await?;
        report.restrictions_carried += unmerged.restrictions_lifted + merged.restrictions_lifted;
        (report.web_objections_carried, report.web_objections_lost) =
            carry::carry_web_objections(&mut tx, &web_objections, &requests.same_as).await?;
        let rectified =
            super::rectifications::carry_rectifications(&mut tx, &settings, &rectifications, &requests.same_as).await?;
        (report.rectifications_replayed, report.rectifications_lost) = (rectified.replayed, rectified.lost);
        if let Some(parts) = &erased_parts {
            report.parts_erased_again = parts.carry(&mut tx, &requests.same_as).await?;
        }
        if let Some(catalogue) = &catalogue {
            report.catalogue_carried = super::catalogue::carry_catalogue(&mut tx, catalogue).await?;
        }
        report.documents_carried =
            carry::carry_documents(&mut tx, &documents, &requests.same_as, checked.since).await?;
        lifted += carry::carry_lifts(&mut tx, &holds, &lifts, None).await?;
        report.holds_carried =
            carried_holds.placed + later_holds + unmerged.holds_lifted + merged.holds_lifted + lifted as i64;
        report.holds_lost = carried_holds.lost;
        for who in &added {
            if store::customers::same_tx(&mut tx, who).await?.is_none() {
                report.customers_lost.push(who.number.clone());
            }
        }
        for (series, number) in vouchers {
            if !store::series::holds_number(&mut tx, series, &number).await? {
                match series {
                    Series::Orders => report.orders_lost.push(number),
                    Series::Invoices => report.invoices_lost.push(number),
                }
            }
        }
        stored::log_restore(&mut tx, head, report.erasures_replayed.len() as i64).await?;
        tx.audit(Action::RegisterRestore, "register", head.0, None, None, Some(&json(&report)?)).await?;
        tx.commit().await?;
        store::erasure::flush_deleted(self.store()).await?;
        Ok(report)
    }
}

/// The records of processing as they are, where the audit trail records a
/// change to them at `since` or later.
async fn catalogue_changed_since(
    s: &mut store::Snapshot,
    since: DateTime<Utc>,
) -> Result<Option<crate::processing::Catalogue>> {
    let newest = store::audit::newest_about(s, crate::processing::CATALOGUE_ENTITIES, &[]).await?;
    match newest {
        Some((_, at, _)) if at >= since => Ok(Some(crate::processing::catalogue_in(s).await?)),
        _ => Ok(None),
    }
}
