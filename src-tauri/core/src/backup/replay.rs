//! The replay: on a checked copy of a backup, what the register did since
//! the backup was made, stage by stage, in the order the law needs: the
//! merges (whom everything else names), the vouchers recorded by hand, the
//! legal holds, the consents, then the erasures and sweeps under the
//! settings then in force, and last what hangs on who is erased (notes,
//! sign-ups, requests, restrictions, documents). What the copy cannot take
//! is named in the report.

use std::mem;

use chrono::{DateTime, Utc};

use super::carry::{self, CarriedHolds};
use super::deletions::{Deletions, Replayed};
use super::known::Known;
use super::restore::Checked;
use super::RestoreReport;
use crate::audit::to_json as json;
use crate::audit::Action;
use crate::error::Result;
use crate::register::Series;
use crate::retention::due::RecordKind;
use crate::settings::Settings;
use crate::store::backup as stored;
use crate::store::customers::Who;
use crate::store::erasure::LoggedErasure;
use crate::store::{self, WriteTx};
use crate::values::{CustomerId, RequestId};
use crate::Register;

impl Register {
    /// On a checked copy: makes again what the register did since the
    /// backup (the module's stages, in their order) and records the restore.
    pub(super) async fn replay(&self, checked: &Checked, mut known: Known) -> Result<RestoreReport> {
        let mut report = RestoreReport::of(&checked.head, &known.backups, known.safety.take());
        // A backup of a register that had been moved away (a copy of its
        // file) carries the mark; restored, it is the register in use.
        self.take_back().await?;
        let same_key = self.take_erasure_key(known.erasure_key.as_deref()).await?;
        self.replay_merges(&known, &mut report).await?;
        // The vouchers recorded by hand since, under the customers they are
        // under now, before the holds and the deletions (backup/vouchers.rs).
        let mut tx = self.store().begin(self.actor()).await?;
        let carried = known.by_hand.carry(&mut tx).await?;
        (report.orders_carried, report.invoices_carried) = (carried.orders, carried.invoices);
        (report.customers_carried, report.statuses_carried) = (carried.customers, carried.statuses);
        tx.commit().await?;
        // The holds first, so that the erasures replayed keep what they keep.
        let mut tx = self.store().begin(self.actor()).await?;
        let later: Vec<_> = known.by_hand.note_ids().chain(super::signups::ids(&known.signups)).collect();
        let mut holds = carry::carry_holds(&mut tx, &known.holds, &later).await?;
        let mut lifts = carry::lifts_to_carry(&mut tx, &known.holds, &holds.same).await?;
        tx.commit().await?;
        // The consents given by hand since, then those withdrawn since, each
        // as it was withdrawn, before the erasures and sweeps: the proof of a
        // consent that these keep says when it ended, and not the day of the
        // restore (Art. 7(1)).
        let mut tx = self.store().begin(self.actor()).await?;
        let consents =
            super::consents::carry(&mut tx, &known.consents_given, &known.withdrawals, checked.since).await?;
        (report.consents_carried, report.withdrawals_carried) = (consents.given, consents.withdrawn);
        report.consents_lost = consents.lost;
        tx.commit().await?;
        // Then what the register deleted since, in the order it deleted it,
        // each under the settings then in force, and the settings as they are.
        let mut changes = self.settings_lacking(mem::take(&mut known.settings)).await?;
        let deletions = Deletions {
            erasures: &known.erasures,
            sweeps: mem::take(&mut known.sweeps),
            holds: &known.holds,
            ended: super::ended::Ended {
                requests: &known.requests,
                requests_ended: &known.requests_ended,
                restrictions: &known.restrictions,
            },
            since: checked.since,
        };
        let Replayed { unknown, mut answered, lifted } =
            self.replay_deletions(deletions, &mut changes, &mut lifts, &mut report).await?;
        self.change_settings_until(&mut changes, None).await?;
        report.settings_carried = changes.carried;
        report.holds_carried += lifted as i64;
        let settings = self.settings().await?;
        // The rest in one transaction, on the copy with everyone erased as erased.
        let mut tx = self.store().begin(self.actor()).await?;
        report.tombstones_carried = carry_tombstones(&mut tx, unknown, same_key, &mut answered).await?;
        carry_shop_numbers(&mut tx, &known.erased_shop_numbers).await?;
        carry_later_records(&mut tx, &known, &mut holds, &mut report).await?;
        keep_past(&mut tx, &known).await?;
        let (carried, same) = carry::carry_breaches(&mut tx, &known.breaches).await?;
        report.breaches_carried = carried;
        report.concerned_lost = carry::carry_concerned(&mut tx, &same, &known.concerned).await?;
        carry_rights(&mut tx, &known, &settings, &answered, checked.since, &mut report).await?;
        if let Some(catalogue) = &known.catalogue {
            report.catalogue_carried = super::catalogue::carry_catalogue(&mut tx, catalogue).await?;
        }
        report.holds_carried += holds.placed + carry::carry_lifts(&mut tx, &known.holds, &lifts, None).await? as i64;
        report.holds_lost = holds.lost;
        name_lost(&mut tx, &known, &mut report).await?;
        known.undone.name(&mut tx, &mut report).await?;
        stored::log_restore(&mut tx, &checked.head, report.erasures_replayed.len() as i64).await?;
        tx.audit(Action::RegisterRestore, "register", checked.head.0, None, None, Some(&json(&report)?)).await?;
        tx.commit().await?;
        store::erasure::flush_deleted(self.store()).await?;
        Ok(report)
    }

    /// The digests of the register's log are keyed with its erasure key:
    /// the restored copy takes it (it is the same key, or the copy has none
    /// yet). Whether the copy's key is the register's.
    async fn take_erasure_key(&self, key: Option<&str>) -> Result<bool> {
        let Some(key) = key else { return Ok(false) };
        let mut tx = self.store().begin(self.actor()).await?;
        let kept = store::erasure::register_key(&mut tx, "erasure", key.to_owned()).await?;
        tx.commit().await?;
        Ok(kept == key)
    }

    /// The merges before all else: what is carried next names the person as
    /// the customer kept (an erasure of them must reach what the other had,
    /// Art. 17(1)), and a hold on a record, the customer it is under now.
    /// Those undone since go first: one undone and then merged into someone
    /// else is merged there next. Each after the lifts of holds and
    /// restrictions the register made before it.
    async fn replay_merges(&self, known: &Known, report: &mut RestoreReport) -> Result<()> {
        let lifted = super::merges::Lifted { holds: &known.holds, restrictions: &known.restrictions };
        let mut tx = self.store().begin(self.actor()).await?;
        let unmerged = super::merges::carry_unmerges(&mut tx, &known.merges, &known.unmerged, &lifted).await?;
        tx.commit().await?;
        let mut tx = self.store().begin(self.actor()).await?;
        let merged = super::merges::carry_merges(&mut tx, &known.merges, &lifted).await?;
        tx.commit().await?;
        (report.unmerges_replayed, report.unmerges_lost) = (unmerged.replayed, unmerged.lost);
        (report.merges_replayed, report.merges_lost) = (merged.replayed, merged.lost);
        report.holds_carried += unmerged.holds_lifted + merged.holds_lifted;
        report.restrictions_carried += unmerged.restrictions_lifted + merged.restrictions_lifted;
        Ok(())
    }
}

/// The tombstones of the customers created and erased after the backup,
/// whom the copy does not have; how many. The erasure each records answers
/// the person's request as theirs did (`answered`).
async fn carry_tombstones(
    tx: &mut WriteTx,
    unknown: Vec<&LoggedErasure>,
    same_key: bool,
    answered: &mut Vec<(CustomerId, RequestId)>,
) -> Result<i64> {
    let mut carried = 0;
    for e in unknown {
        // The number can be someone else's in the copy (a customer renumbered
        // since gave it up, and the one erased took it): the tombstone then
        // goes under its pseudonym, which nobody else has.
        let taken = store::customers::by_number_tx(tx, &e.number).await?.is_some();
        let number = if taken { &e.pseudonym } else { &e.number };
        let id = store::erasure::insert_tombstone(tx, number, &e.pseudonym).await?;
        // The e-mail digest is keyed: of use only under the same key.
        let email_digest = if same_key { e.email_digest.clone() } else { None };
        let logged =
            store::erasure::Logged { customer: id, reason: &e.reason, request: None, email_digest, plan: None };
        store::erasure::log_erasures(tx, &[logged]).await?;
        store::erasure::restate_latest(tx, id, e.erased_at, &e.erased_by).await?;
        answered.extend(e.request_id.map(|r| (id, r)));
        carried += 1;
    }
    Ok(carried)
}

/// The web shop numbers of the customers erased, where nobody in the copy
/// has the number: a re-import of the shop's file does not bring them back.
async fn carry_shop_numbers(tx: &mut WriteTx, numbers: &[(String, String)]) -> Result<()> {
    let now = tx.now();
    for (pseudonym, number) in numbers {
        let who = Who { number: String::new(), pseudonym: pseudonym.clone() };
        let Some(c) = store::customers::same_tx(tx, &who).await? else { continue };
        if store::customers::by_number_tx(tx, number).await?.is_none() {
            store::shop_numbers::record(tx, number, c.id, now).await?;
        }
    }
    Ok(())
}

/// The notes of purchases and agreements written since (backup/vouchers.rs)
/// and the sign-ups recorded or changed since, now that everyone erased is
/// in the copy as erased; then the holds placed on them.
async fn carry_later_records(
    tx: &mut WriteTx,
    known: &Known,
    holds: &mut CarriedHolds,
    report: &mut RestoreReport,
) -> Result<()> {
    let mut notes = super::vouchers::Carried::default();
    report.notes_lost = known.by_hand.carry_notes(tx, &mut notes).await?;
    report.notes_carried = notes.notes;
    report.customers_carried.extend(notes.customers);
    let here: Vec<_> = notes.notes_here.iter().map(|(there, here)| (there.0, here.0)).collect();
    report.holds_carried += carry::carry_later_holds(tx, &known.holds, holds, RecordKind::Interaction, &here).await?;
    let signups = super::signups::carry(tx, &known.signups).await?;
    (report.signups_carried, report.signups_lost) = (signups.carried, signups.lost);
    let kind = RecordKind::EventRegistration;
    report.holds_carried += carry::carry_later_holds(tx, &known.holds, holds, kind, &signups.here).await?;
    Ok(())
}

/// What the register issued must not be issued again by the copy.
async fn keep_past(tx: &mut WriteTx, known: &Known) -> Result<()> {
    // A window that showed a customer before the restore saves with the
    // version it read. Edits after the restore would count the restored
    // versions up through the same numbers, and such a save would then be
    // taken over them; past every version the register had, it is refused
    // as "changed by someone else" instead.
    if known.versions > 0 {
        store::customers::versions_past(tx, known.versions).await?;
    }
    // Invoices and orders issued after the backup was made are gone from
    // the restored register, but not from the customers' hands and the
    // books: their numbers are not issued again (register/series.rs).
    for (series, highest) in &known.numbers {
        store::series::remember_highest(tx, *series, highest).await?;
    }
    Ok(())
}

/// The data subjects' requests and what answered them: after the erasures,
/// so that what they erased is not restricted or corrected again.
async fn carry_rights(
    tx: &mut WriteTx,
    known: &Known,
    settings: &Settings,
    answered: &[(CustomerId, RequestId)],
    since: DateTime<Utc>,
    report: &mut RestoreReport,
) -> Result<()> {
    let requests = carry::carry_requests(tx, &known.requests).await?;
    let same_as = &requests.same_as;
    report.requests_carried += requests.carried;
    carry::link_erasures(tx, answered, same_as).await?;
    report.requests_without_customer = requests.without_customer;
    let (carried, lost) = carry::carry_restrictions(tx, &known.restrictions, same_as).await?;
    report.restrictions_carried += carried;
    report.restrictions_lost = lost;
    (report.web_objections_carried, report.web_objections_lost) =
        carry::carry_web_objections(tx, &known.web_objections, same_as).await?;
    let rectified = super::rectifications::carry_rectifications(tx, settings, &known.rectifications, same_as).await?;
    (report.rectifications_replayed, report.rectifications_lost) = (rectified.replayed, rectified.lost);
    if let Some(parts) = &known.erased_parts {
        report.parts_erased_again = parts.carry(tx, same_as).await?;
    }
    report.documents_carried = carry::carry_documents(tx, &known.documents, same_as, since).await?;
    Ok(())
}

/// The customers added and the vouchers numbered since that the restored
/// register does not have: named, for the shop to see to.
async fn name_lost(tx: &mut WriteTx, known: &Known, report: &mut RestoreReport) -> Result<()> {
    for added in &known.added {
        if store::customers::same_tx(tx, &added.who).await?.is_none() {
            let number = &added.who.number;
            report.customers_lost.push(number.clone());
            match added.by_hand {
                Some(true) => report.customers_lost_by_hand.push(number.clone()),
                Some(false) => report.customers_lost_imported.push(number.clone()),
                None => {}
            }
        }
    }
    for (series, number) in &known.vouchers {
        if !store::series::holds_number(tx, *series, number).await? {
            match series {
                Series::Orders => report.orders_lost.push(number.clone()),
                Series::Invoices => report.invoices_lost.push(number.clone()),
            }
        }
    }
    Ok(())
}
