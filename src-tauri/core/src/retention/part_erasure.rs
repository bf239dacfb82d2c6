//! What erasing part of a person's data at their request has in common
//! (GDPR Art. 17(1)): a note ([`super::note_erasure`]), a course sign-up or
//! their web activity ([`super::record_erasure`]). The person asked for that
//! part and not for everything, so the request must be their open request
//! for erasure with their identity verified (Art. 12(6)); what a legal hold
//! keeps is refused with the reason (Art. 17(3)(e)), for the shop to refuse
//! that part of the request (Art. 12(4)). A backup is made first, as before
//! any erasure, and the deleted text is flushed out of the database's log.

use chrono::NaiveDate;

use super::due::RecordKind;
use crate::error::{Error, Result};
use crate::msg;
use crate::register::{Customer, CustomerState};
use crate::requests::RequestKind;
use crate::settings::Settings;
use crate::store::{self, WriteTx};
use crate::values::{CustomerId, RequestId};
use crate::Register;

/// A part of a person's data that can be erased alone for their request.
pub(crate) trait Part {
    /// The part as it is, which the preview shows.
    type Checked;
    /// The record of its erasure under the request.
    type Erased;
    /// The part, unless the request does not allow its erasure or a law keeps it.
    async fn check(&self, tx: &mut WriteTx, settings: &Settings, today: NaiveDate) -> Result<Self::Checked>;
    /// Deletes the checked part and records its erasure under the request, audited.
    async fn erase(&self, tx: &mut WriteTx, checked: Self::Checked) -> Result<Self::Erased>;
}

impl Register {
    /// What erasing `part` would erase, or why it may not be; changes nothing.
    pub(crate) async fn part_preview<P: Part>(&self, part: &P) -> Result<P::Checked> {
        let settings = self.settings().await?;
        let today = self.today().await?;
        let mut tx = self.store().begin(self.actor()).await?;
        let checked = part.check(&mut tx, &settings, today).await;
        tx.rollback().await?;
        checked
    }

    /// Erases `part` in one transaction, after a backup, and flushes its
    /// text out of the database's free pages and log.
    pub(crate) async fn erase_part<P: Part>(&self, part: &P) -> Result<P::Erased> {
        self.part_preview(part).await?;
        self.rotate_backup(crate::backup::BackupPurpose::Erasure).await?;
        let settings = self.settings().await?;
        let today = self.today().await?;
        let mut tx = self.store().begin(self.actor()).await?;
        // Checked again: someone may have acted while the backup was made.
        let checked = part.check(&mut tx, &settings, today).await?;
        let erased = part.erase(&mut tx, checked).await?;
        tx.commit().await?;
        store::erasure::flush_deleted(self.store()).await?;
        Ok(erased)
    }
}

/// Customer `id`, whose data `request` may erase part of: theirs, for
/// erasure, open, with their identity verified, and they are not erased.
pub(crate) async fn answering(tx: &mut WriteTx, id: CustomerId, request: RequestId) -> Result<Customer> {
    answering_one_of(tx, id, request, &[RequestKind::Erasure]).await
}

/// [`answering`] a request of one of `kinds`: web activity is erased for an
/// objection too, which the shop accepted (Art. 17(1)(c)).
pub(crate) async fn answering_one_of(
    tx: &mut WriteTx,
    id: CustomerId,
    request: RequestId,
    kinds: &[RequestKind],
) -> Result<Customer> {
    let c = store::customers::get_tx(tx, id).await?.ok_or_else(|| Error::not_found("customer", id))?;
    crate::register::refuse_merged(tx, &c).await?;
    if c.state == CustomerState::Erased {
        return Err(Error::Refused(msg!("msg-customer-erased", customer = c.number)));
    }
    crate::requests::check_answers(tx, &c, request, kinds).await?;
    Ok(c)
}

/// How many of the customer's records `ids` (of `kind`) a legal hold keeps
/// (Art. 17(3)(e)): all of them where the hold is on the customer.
pub(crate) async fn held(tx: &mut WriteTx, customer: CustomerId, kind: RecordKind, ids: &[i64]) -> Result<usize> {
    Ok(held_of(tx, customer, kind, ids).await?.len())
}

/// Those of the customer's records `ids` (of `kind`) a legal hold keeps
/// (Art. 17(3)(e)): all of them where the hold is on the customer.
pub(crate) async fn held_of(tx: &mut WriteTx, customer: CustomerId, kind: RecordKind, ids: &[i64]) -> Result<Vec<i64>> {
    let holds: Vec<_> = store::holds::all(tx).await?.into_iter().filter(|h| h.lifted_at.is_none()).collect();
    if holds.iter().any(|h| h.entity == RecordKind::Customer && h.entity_id == customer.0) {
        return Ok(ids.to_vec());
    }
    Ok(ids.iter().copied().filter(|id| holds.iter().any(|h| h.entity == kind && h.entity_id == *id)).collect())
}
