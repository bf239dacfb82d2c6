//! Erasures a legal hold holds back. A person asked for a note, a course
//! sign-up or their web activity to be erased, and a hold keeps it while a
//! legal claim is settled (Art. 17(3)(e)): the shop refuses that part of
//! the request for now, with that reason (Art. 12(4)). The hold is then the
//! only reason the record stays, so the register remembers the request's
//! ask (the web events an erasure of web activity leaves, by itself; a note
//! or a sign-up when the shop says so) and lifting the last hold on the
//! record erases it under the request (Art. 17(1)), rather than leaving it
//! to its ordinary retention period.

use chrono::{DateTime, NaiveDate, Utc};
use serde::Serialize;

use super::due::RecordKind;
use super::part_erasure::{answering, held};
use crate::audit::Action;
use crate::error::{Error, Result};
use crate::msg;
use crate::register::Channel;
use crate::store::{self, WriteTx};
use crate::values::{CustomerId, EventRegistrationId, InteractionId, RequestId};
use crate::Register;

/// A record a hold keeps from the erasure a request asked for, with what
/// names it to people: the time of the contact or visit, the way of
/// contact, the day of the course; never what it held.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, sqlx::FromRow, schemars::JsonSchema)]
pub struct HeldBack {
    pub request_id: RequestId,
    pub customer_id: CustomerId,
    /// `interaction` (a note), `event_registration` (a sign-up) or `web_event`.
    pub entity: RecordKind,
    pub entity_id: i64,
    /// When the contact of a note, or a web event, took place.
    pub occurred_at: Option<DateTime<Utc>>,
    /// How the contact of a note took place.
    pub channel: Option<Channel>,
    /// The day of the course or event of a sign-up.
    pub event_date: Option<NaiveDate>,
    pub held_at: DateTime<Utc>,
}

impl Register {
    /// Has note `id`, which a legal hold keeps, erased for the person's
    /// erasure `request` (open, their identity verified) once no hold keeps
    /// it. Refused for a note no hold keeps (erase it now) and for one the
    /// bookkeeping law keeps.
    pub async fn hold_back_note_erasure(&self, id: InteractionId, request: RequestId) -> Result<HeldBack> {
        let settings = self.settings().await?;
        let today = self.today().await?;
        let mut tx = self.store().begin(self.actor()).await?;
        let note = store::records::interaction_tx(&mut tx, id).await?.ok_or_else(|| Error::not_found("note", id))?;
        let c = answering(&mut tx, note.customer_id, request).await?;
        super::note_erasure::law_keeps(&settings, today, &note)?;
        let held_back = hold_back_in(&mut tx, request, c.id, RecordKind::Interaction, id.0).await?;
        tx.commit().await?;
        Ok(held_back)
    }

    /// Has sign-up `id`, which a legal hold keeps, erased for the person's
    /// erasure `request` (open, their identity verified) once no hold keeps
    /// it. Refused for a sign-up no hold keeps (erase it now).
    pub async fn hold_back_signup_erasure(&self, id: EventRegistrationId, request: RequestId) -> Result<HeldBack> {
        let mut tx = self.store().begin(self.actor()).await?;
        let signup =
            store::records::event_registration_tx(&mut tx, id).await?.ok_or_else(|| Error::not_found("sign-up", id))?;
        let c = answering(&mut tx, signup.customer_id, request).await?;
        let held_back = hold_back_in(&mut tx, request, c.id, RecordKind::EventRegistration, id.0).await?;
        tx.commit().await?;
        Ok(held_back)
    }
}

/// Records that record `id` of `kind`, which a hold must keep, is to be
/// erased for `request` once no hold does; audited.
async fn hold_back_in(
    tx: &mut WriteTx,
    request: RequestId,
    customer: CustomerId,
    kind: RecordKind,
    id: i64,
) -> Result<HeldBack> {
    if held(tx, customer, kind, &[id]).await? == 0 {
        return Err(Error::Refused(msg!("msg-not-held-erase-now", entity = kind, id)));
    }
    let now = tx.now();
    if !store::held_back::insert(tx, request, customer, kind, id, now).await? {
        return Err(Error::Refused(msg!("msg-held-back-already", entity = kind, id)));
    }
    let after = serde_json::json!({ "request": request, "entity": kind, "id": id });
    tx.audit(Action::HoldEraseOnLift, kind.as_str(), id, Some(customer), None, Some(&after)).await?;
    let mine = store::held_back::of_request(tx, request).await?;
    mine.into_iter()
        .find(|b| b.entity == kind && b.entity_id == id)
        .ok_or_else(|| Error::Internal(format!("the {kind} {id} held back is not found")))
}

/// Erases what no legal hold keeps any more of what requests asked to
/// erase, each under the request that asked: the hold was the only reason it
/// stayed (Art. 17(3)(e)), and the erasure is owed once it is lifted
/// (Art. 17(1)). Run where a hold is lifted. What was erased.
pub(crate) async fn release(tx: &mut WriteTx) -> Result<Vec<HeldBack>> {
    let released = store::held_back::released(tx).await?;
    for b in &released {
        let request = b.request_id;
        match b.entity {
            RecordKind::Interaction => {
                if let Some(note) = store::records::interaction_tx(tx, InteractionId(b.entity_id)).await? {
                    super::note_erasure::erase_note_in(tx, &note, request).await?;
                }
            }
            RecordKind::EventRegistration => {
                let id = EventRegistrationId(b.entity_id);
                if let Some(signup) = store::records::event_registration_tx(tx, id).await? {
                    super::record_erasure::erase_signup_in(tx, &signup, request).await?;
                }
            }
            _ => {
                let events = store::records::web_events_of(tx, b.customer_id).await?;
                let events: Vec<_> = events.into_iter().filter(|e| e.id.0 == b.entity_id).collect();
                let chosen = super::record_erasure::WebChosen { events, held: vec![] };
                // The one event the hold kept: the request's erasure before it covered the rest.
                if !chosen.events.is_empty() {
                    let one = super::record_erasure::Scope::One;
                    super::record_erasure::erase_web_in(tx, b.customer_id, &chosen, request, one).await?;
                }
            }
        }
    }
    Ok(released)
}
