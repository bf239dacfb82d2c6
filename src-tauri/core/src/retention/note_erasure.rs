//! Erasing one note at the person's request (GDPR Art. 17(1)). A person may
//! ask for a note of a call or a meeting to be erased without asking to
//! leave the register: the note goes, with the old wordings its corrections
//! kept, and the request records which note went, by its time and way of
//! contact, never by what it said. What the law keeps is refused with the
//! reason, so that the shop can refuse that part of the request (Art. 12(4)).

use chrono::{DateTime, NaiveDate, Utc};
use serde::Serialize;

use super::due::RecordKind;
use super::part_erasure::{answering, held, Part};
use crate::audit::to_json as json;
use crate::audit::Action;
use crate::error::{Error, Result};
use crate::msg;
use crate::register::{Channel, Direction, Interaction};
use crate::settings::Settings;
use crate::store::{self, WriteTx};
use crate::values::{CustomerId, InteractionId, RequestId};
use crate::Register;

/// A note erased for a request: which note, and when and by whom it went.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, sqlx::FromRow, schemars::JsonSchema)]
pub struct NoteErasure {
    pub id: i64,
    pub request_id: RequestId,
    pub customer_id: CustomerId,
    pub note_id: InteractionId,
    /// When the contact the note was of took place.
    pub occurred_at: DateTime<Utc>,
    pub channel: Channel,
    pub direction: Direction,
    pub erased_at: DateTime<Utc>,
    pub erased_by: String,
}

impl Register {
    /// The note erasing `id` for `request` would erase, or why it may not
    /// be; changes nothing.
    pub async fn note_erasure_preview(&self, id: InteractionId, request: RequestId) -> Result<Interaction> {
        self.part_preview(&NotePart { id, request }).await
    }

    /// Erases note `id` for the person's erasure `request` (open, their
    /// identity verified), in one transaction, after a backup as before any
    /// erasure, and flushes its text out of the database's log.
    pub async fn erase_note(&self, id: InteractionId, request: RequestId) -> Result<NoteErasure> {
        self.erase_part(&NotePart { id, request }).await
    }
}

/// Note `id`, to erase for `request`.
struct NotePart {
    id: InteractionId,
    request: RequestId,
}

impl Part for NotePart {
    type Checked = Interaction;
    type Erased = NoteErasure;

    /// The note, unless the request does not allow its erasure or a law keeps it.
    async fn check(&self, tx: &mut WriteTx, settings: &Settings, today: NaiveDate) -> Result<Interaction> {
        let note =
            store::records::interaction_tx(tx, self.id).await?.ok_or_else(|| Error::not_found("note", self.id))?;
        let c = answering(tx, note.customer_id, self.request).await?;
        // Art. 17(3)(e): a dispute's legal hold keeps the note, or all the customer's records.
        if held(tx, c.id, RecordKind::Interaction, &[note.id.0]).await? > 0 {
            return Err(Error::Refused(msg!("msg-note-held", id = note.id)));
        }
        law_keeps(settings, today, &note)?;
        Ok(note)
    }

    async fn erase(&self, tx: &mut WriteTx, note: Interaction) -> Result<NoteErasure> {
        erase_note_in(tx, &note, self.request).await
    }
}

/// Refused where the law keeps `note` (Art. 17(3)(b)): a note that documents
/// a business event is accounting material, kept for the bookkeeping law's
/// period from its matter's close.
pub(crate) fn law_keeps(settings: &Settings, today: NaiveDate, note: &Interaction) -> Result<()> {
    if note.bookkeeping {
        let kept = super::correspondence(settings, note.closed_on.unwrap_or(today)).retain_until;
        if let Some(until) = kept.filter(|until| *until >= today) {
            return Err(Error::Refused(msg!("msg-note-kept-by-law", id = note.id, until)));
        }
    }
    Ok(())
}

/// Deletes `note` and records its erasure under `request`, audited: the
/// entry holds the digest of the note as it was, the record its time and
/// way of contact.
pub(crate) async fn erase_note_in(tx: &mut WriteTx, note: &Interaction, request: RequestId) -> Result<NoteErasure> {
    if !store::note_erasures::delete_note(tx, note.id).await? {
        return Err(Error::not_found("note", note.id));
    }
    let record = NoteErasure {
        id: 0,
        request_id: request,
        customer_id: note.customer_id,
        note_id: note.id,
        occurred_at: note.occurred_at,
        channel: note.channel,
        direction: note.direction,
        erased_at: tx.now(),
        erased_by: tx.actor().to_owned(),
    };
    let saved = store::note_erasures::insert(tx, &record).await?;
    let after = serde_json::json!({ "request": request, "erasure": saved.id });
    tx.audit(
        Action::InteractionErase,
        "interaction",
        note.id,
        Some(note.customer_id),
        Some(&json(note)?),
        Some(&after),
    )
    .await?;
    Ok(saved)
}
