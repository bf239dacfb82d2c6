//! What a register knows that a backup restored over it may not: read from
//! it, with a copy of it as it is, before the restore replaces it.

use std::path::Path;

use chrono::{DateTime, Utc};

use super::{carry, BackupPurpose};
use crate::error::Result;
use crate::register::Series;
use crate::store;
use crate::store::backup::LoggedBackup;
use crate::store::cipher::Passphrase;
use crate::store::customers::Who;
use crate::values::BreachId;
use crate::Register;

/// What a register knows that a backup restored over it may not: carried
/// over into the restored register. Nothing, for a register restored into a
/// file that did not exist.
#[derive(Default)]
pub(super) struct Known {
    /// Every merge, with the customer kept.
    pub merges: Vec<(Who, crate::register::merge::Merge)>,
    /// The pseudonyms of the customers a merge undone since the backup concerned.
    pub unmerged: Vec<(String, DateTime<Utc>)>,
    pub erasures: Vec<store::erasure::LoggedErasure>,
    /// The retention sweeps started about when the backup was made, or later.
    pub sweeps: Vec<crate::retention::sweep::SweepRun>,
    /// The changes of settings made about when the backup was made, or later.
    pub settings: Vec<store::settings::SettingChange>,
    /// The records of processing, where they changed about when the backup was made, or later.
    pub catalogue: Option<crate::processing::Catalogue>,
    /// The web shop numbers of erased customers: (pseudonym, number).
    pub erased_shop_numbers: Vec<(String, String)>,
    pub erasure_key: Option<String>,
    pub backups: Vec<LoggedBackup>,
    /// The highest edit version of its customers.
    pub versions: i64,
    pub numbers: Vec<(crate::register::Series, crate::register::series::Highest)>,
    pub breaches: Vec<crate::breaches::Breach>,
    /// The customers each breach concerns.
    pub concerned: Vec<(BreachId, Who)>,
    pub holds: Vec<carry::KnownHold>,
    /// Every request, with its customer.
    pub requests: Vec<(crate::requests::Request, Option<Who>)>,
    /// When each request ended about when the backup was made, or later, as the trail timed it.
    pub requests_ended: std::collections::HashMap<crate::values::RequestId, DateTime<Utc>>,
    /// Every restriction, with its customer.
    pub restrictions: Vec<(Who, crate::register::restriction::Restriction)>,
    /// Every objection to the recording of web activity, with its customer.
    pub web_objections: Vec<(Who, crate::register::web_objection::WebObjection)>,
    /// Every withdrawn consent, with its customer: of one erased, the proof
    /// kept (Art. 7(1)) says when it ended.
    pub withdrawals: Vec<(Who, crate::register::Consent)>,
    /// The consents recorded by hand about when the backup was made, or later.
    pub consents_given: Vec<store::consents::Recorded>,
    /// The sign-ups recorded or changed about when the backup was made, or later.
    pub signups: Vec<store::signups::Changed>,
    /// The corrections made for requests for rectification about when the backup was, or later.
    pub rectifications: Vec<store::corrections::Rectification>,
    /// Every note, sign-up or web activity erased alone for a request for
    /// erasure, with its customer.
    pub erased_parts: Option<super::erased_parts::ErasedParts>,
    /// The numbers of the vouchers made about when the backup was, or later.
    pub vouchers: Vec<(Series, String)>,
    /// Those of them recorded by hand, whole, and the statuses changed by hand.
    pub by_hand: super::vouchers::HandVouchers,
    /// The customers added about when the backup was made, or later, and not erased.
    pub added: Vec<store::customers::Added>,
    /// The documents made about when the backup was, or later.
    pub documents: Vec<store::documents::Made>,
    /// What it recorded about when the backup was made, or later, that a
    /// restore goes back on: named, not carried.
    pub undone: super::undone::Undone,
    /// The copy of it as it was before the restore.
    pub safety: Option<LoggedBackup>,
}

impl Register {
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
    pub(super) async fn known_to_restore(
        &self,
        file: &Path,
        key: Option<&Passphrase>,
        since: DateTime<Utc>,
    ) -> Result<Known> {
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
            requests_ended: store::requests::ended_since(self.store(), since).await?,
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
            undone: store::in_snapshot!(self.store(), s => super::undone::Undone::of(&mut s, since).await?),
            safety: Some(self.copy_before_restore(file, key).await?),
        })
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
