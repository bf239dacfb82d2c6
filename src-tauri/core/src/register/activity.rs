//! What a customer did and agreed to besides buying: notes of calls, meetings
//! and e-mails, web activity, consents and course sign-ups, added, corrected
//! (Art. 16) and moved on, each audited in its own transaction.

use chrono::{DateTime, NaiveDate, Utc};

use super::{active_customer_in, records, refuse_if_erased, slack_today, Register};
use super::{Consent, EventRegistration, Interaction, InteractionChanges, RegistrationStatus, WebEvent};
use super::{NewConsent, NewEventRegistration, NewInteraction, NewWebEvent};
use crate::audit::to_json as json;
use crate::audit::Action;
use crate::error::{Checks, Error, Result};
use crate::msg;
use crate::requests::RequestKind;
use crate::store::{self, WriteTx};
use crate::values::{ConsentId, EventRegistrationId, InteractionId, RequestId};

impl Register {
    /// Withdraws a consent (Art. 7(3)): as easy as giving it, the purpose stops
    /// at once, and the proof stays. `request`: the withdrawal request it
    /// answers. The consent `id` first, then any other of the customer's to
    /// the purpose that stood ([`withdraw_consent_in`]).
    pub async fn withdraw_consent(&self, id: ConsentId, request: Option<RequestId>) -> Result<Vec<Consent>> {
        let mut tx = self.store.begin(&self.actor).await?;
        if let Some(r) = request {
            let customer =
                store::records::consent_customer(&mut tx, id).await?.ok_or_else(|| Error::not_found("consent", id))?;
            let c = store::customers::get_tx(&mut tx, customer)
                .await?
                .ok_or_else(|| Error::not_found("customer", customer))?;
            crate::requests::check_answers(&mut tx, &c, r, &[RequestKind::WithdrawConsent, RequestKind::Objection])
                .await?;
        }
        let now = tx.now();
        let withdrawn = withdraw_consent_in(&mut tx, id, now, request).await?;
        tx.commit().await?;
        Ok(withdrawn)
    }

    pub async fn add_interaction(&self, interaction: &NewInteraction) -> Result<Interaction> {
        let mut tx = self.store.begin(&self.actor).await?;
        let saved = add_interaction_in(&mut tx, interaction).await?;
        tx.commit().await?;
        Ok(saved)
    }

    /// Closes the matter of a note on `on`: the note's retention period starts
    /// there (PRODUCT.md section 3); while the matter is open it is kept.
    pub async fn close_interaction(&self, id: InteractionId, on: NaiveDate) -> Result<Interaction> {
        let mut tx = self.store.begin(&self.actor).await?;
        let current =
            store::records::interaction_tx(&mut tx, id).await?.ok_or_else(|| Error::not_found("interaction", id))?;
        if let Some(day) = current.closed_on {
            return Err(Error::Refused(msg!("msg-closed-on-already", id, day)));
        }
        refuse_if_erased(&mut tx, current.customer_id).await?;
        records::check_closed_on(current.occurred_at, on, tx.now())?;
        let saved = store::records::close_interaction(&mut tx, id, on)
            .await?
            .ok_or_else(|| Error::Refused(msg!("msg-closed-already", id)))?;
        let (before, after) = (json(&current)?, json(&saved)?);
        tx.audit(Action::InteractionClose, "interaction", id, Some(saved.customer_id), Some(&before), Some(&after))
            .await?;
        tx.commit().await?;
        Ok(saved)
    }

    /// Corrects a note (Art. 16): the register keeps only the corrected
    /// wording, and the audit trail the old one (PRODUCT.md section 4; see
    /// [`crate::audit::corrections`]). With `expected` (the note
    /// as the window showed it), a correction made meanwhile by someone else
    /// is refused rather than overwritten.
    pub async fn edit_interaction(
        &self,
        id: InteractionId,
        changes: &InteractionChanges,
        expected: Option<&Interaction>,
    ) -> Result<Interaction> {
        self.edit_interaction_answering(id, changes, expected, None).await
    }

    /// [`Register::edit_interaction`] as the answer to the person's `request`
    /// for rectification, as [`Register::edit_customer_answering`].
    pub async fn edit_interaction_answering(
        &self,
        id: InteractionId,
        changes: &InteractionChanges,
        expected: Option<&Interaction>,
        request: Option<RequestId>,
    ) -> Result<Interaction> {
        let mut tx = self.store.begin(&self.actor).await?;
        let current =
            store::records::interaction_tx(&mut tx, id).await?.ok_or_else(|| Error::not_found("interaction", id))?;
        if expected.is_some_and(|e| *e != current) {
            return Err(Error::Refused(msg!("msg-note-changed-open-again", id)));
        }
        refuse_if_erased(&mut tx, current.customer_id).await?;
        if let Some(r) = request {
            let c = store::customers::get_tx(&mut tx, current.customer_id)
                .await?
                .ok_or_else(|| Error::not_found("customer", current.customer_id))?;
            crate::requests::check_answers(&mut tx, &c, r, &[RequestKind::Rectification]).await?;
        }
        let saved = correct_interaction_in(&mut tx, &current, changes, request)
            .await?
            .ok_or_else(|| Error::Refused(msg!("msg-note-same", id)))?;
        tx.commit().await?;
        Ok(saved)
    }

    pub async fn add_web_event(&self, event: &NewWebEvent) -> Result<WebEvent> {
        let mut tx = self.store.begin(&self.actor).await?;
        let saved = add_web_event_in(&mut tx, event).await?;
        tx.commit().await?;
        Ok(saved)
    }

    /// A consent recorded by hand (the command line's `consent give`).
    pub async fn add_consent(&self, consent: &NewConsent) -> Result<Consent> {
        // `web_shop` is the channel of the consents a web shop's file brings
        // (import/consents.rs), which the file brings back after a restore,
        // so that a restore does not carry them (backup/consents.rs). One
        // recorded by hand says how it was given: so marked, a restore would
        // drop it, and with it the shop's proof of it (Art. 7(1)).
        if consent.channel.trim().eq_ignore_ascii_case(store::consents::IMPORTED) {
            return Err(Error::invalid("channel", msg!("msg-consent-channel-imported")));
        }
        let mut tx = self.store.begin(&self.actor).await?;
        let saved = add_consent_in(&mut tx, consent).await?;
        tx.commit().await?;
        Ok(saved)
    }

    pub async fn add_event_registration(&self, registration: &NewEventRegistration) -> Result<EventRegistration> {
        let mut tx = self.store.begin(&self.actor).await?;
        let saved = add_event_registration_in(&mut tx, registration).await?;
        tx.commit().await?;
        Ok(saved)
    }

    /// Marks a sign-up attended, cancelled or signed up again. Its retention
    /// counts from the event's date whatever the status (PRODUCT.md section 3),
    /// so only the record changes, audited with before and after.
    pub async fn set_registration_status(
        &self,
        id: EventRegistrationId,
        status: RegistrationStatus,
    ) -> Result<EventRegistration> {
        let mut tx = self.store.begin(&self.actor).await?;
        let current = store::records::event_registration_tx(&mut tx, id)
            .await?
            .ok_or_else(|| Error::not_found("event registration", id))?;
        if current.status == status {
            return Err(Error::Refused(msg!("msg-signup-status-already", id, status)));
        }
        // A restricted customer's data is kept, not used (Art. 18(2)).
        active_customer_in(&mut tx, current.customer_id).await?;
        records::check_registration(current.event_date, status, slack_today(&tx))?;
        let saved = store::records::set_registration_status(&mut tx, id, status)
            .await?
            .ok_or_else(|| Error::not_found("event registration", id))?;
        let (before, after) = (json(&current)?, json(&saved)?);
        tx.audit(
            Action::EventRegistrationStatus,
            "event_registration",
            id,
            Some(saved.customer_id),
            Some(&before),
            Some(&after),
        )
        .await?;
        tx.commit().await?;
        Ok(saved)
    }
}

// Inside a caller's transaction (see the module `register`).

/// Refuses a time more than a day after now (the slack covers time zones),
/// said on the shop's clock, as it was typed; the outer error is the
/// register's, the inner the field's.
async fn not_in_future(tx: &mut WriteTx, at: DateTime<Utc>, field: &str) -> Result<Result<()>> {
    if at <= tx.now() + chrono::Days::new(1) {
        return Ok(Ok(()));
    }
    let zone = super::settings_in(tx).await?.time_zone();
    let when = crate::reports::document::Clock(zone).stamp(&at);
    Ok(Err(Error::invalid(field, msg!("msg-in-the-future", when))))
}

pub(crate) async fn add_interaction_in(tx: &mut WriteTx, i: &NewInteraction) -> Result<Interaction> {
    Checks::all([
        records::check_text(&i.summary, "summary", 5000).map(drop),
        records::optional_text_field(i.staff.as_deref(), "staff", 100).map(drop),
        not_in_future(tx, i.occurred_at, "occurred_at").await?,
        i.closed_on.map_or(Ok(()), |closed_on| records::check_closed_on(i.occurred_at, closed_on, tx.now())),
    ])?;
    active_customer_in(tx, i.customer_id).await?;
    let saved = store::records::insert_interaction(tx, i).await?;
    store::customers::touch(tx, i.customer_id, Some(i.occurred_at)).await?;
    tx.audit(Action::InteractionAdd, "interaction", saved.id, Some(i.customer_id), None, Some(&json(&saved)?)).await?;
    Ok(saved)
}

pub(crate) async fn add_web_event_in(tx: &mut WriteTx, e: &NewWebEvent) -> Result<WebEvent> {
    Checks::all([
        not_in_future(tx, e.occurred_at, "occurred_at").await?,
        records::check_text(&e.action, "action", 500).map(drop),
        records::optional_text_field(e.user_agent.as_deref(), "user_agent", 500).map(drop),
    ])?;
    let c = active_customer_in(tx, e.customer_id).await?;
    super::web_objection::refuse_if_objected(tx, &c).await?;
    let saved = store::records::insert_web_event(tx, e).await?;
    store::customers::touch(tx, e.customer_id, Some(e.occurred_at)).await?;
    tx.audit(Action::WebEventAdd, "web_event", saved.id, Some(e.customer_id), None, Some(&json(&saved)?)).await?;
    Ok(saved)
}

pub(crate) async fn add_consent_in(tx: &mut WriteTx, c: &NewConsent) -> Result<Consent> {
    Checks::all([
        records::check_text(&c.purpose, "purpose", 100).map(drop),
        records::check_text(&c.text_version, "text_version", 100).map(drop),
        records::check_text(&c.channel, "channel", 100).map(drop),
        // Art. 7(1): the proof says when the person consented; that is never later than now.
        not_in_future(tx, c.given_at, "given_at").await?,
    ])?;
    // A purpose a language names ("nyhetsbrev") is kept as its code, so that
    // every document names it in its own language and its mailing list is one.
    let c = &NewConsent { purpose: records::purpose_code(&c.purpose), ..c.clone() };
    active_customer_in(tx, c.customer_id).await?;
    // The same wording agreed to again while the first consent stands adds
    // no proof, and a second row in force would outlive the withdrawal of
    // the one the shop saw (a new wording is a new consent, and recorded).
    let standing = store::records::consents_of(tx, c.customer_id)
        .await?
        .into_iter()
        .find(|k| k.withdrawn_at.is_none() && k.purpose == c.purpose && k.text_version.trim() == c.text_version.trim());
    if let Some(k) = standing {
        let zone = super::settings_in(tx).await?.time_zone();
        let given = crate::reports::document::Clock(zone).stamp(&k.given_at);
        return Err(Error::duplicate("text_version", msg!("msg-consent-stands", id = k.id, given)));
    }
    let saved = store::records::insert_consent(tx, c).await?;
    tx.audit(Action::ConsentGive, "consent", saved.id, Some(c.customer_id), None, Some(&json(&saved)?)).await?;
    Ok(saved)
}

/// Art. 7(3): the purpose stops now. The consent `id` is withdrawn, and with
/// it every other consent of the customer to the same purpose that still
/// stands (one to an earlier wording, or recorded twice before that was
/// refused): a person who withdraws is mailed no more, whichever row the
/// shop pressed. The rows stay as proof; each withdrawal is audited. The
/// consent `id` comes first in the answer.
pub(crate) async fn withdraw_consent_in(
    tx: &mut WriteTx,
    id: ConsentId,
    at: DateTime<Utc>,
    request: Option<RequestId>,
) -> Result<Vec<Consent>> {
    let first =
        withdraw_one_in(tx, id, at, request).await?.ok_or_else(|| Error::Refused(msg!("msg-consent-withdrawn", id)))?;
    let mut withdrawn = vec![first];
    for other in store::records::consents_of(tx, withdrawn[0].customer_id).await? {
        if other.withdrawn_at.is_none() && other.purpose == withdrawn[0].purpose {
            withdrawn.extend(withdraw_one_in(tx, other.id, at, request).await?);
        }
    }
    Ok(withdrawn)
}

/// Withdraws consent `id` alone at `at`, audited (for `request`); `None`
/// where it does not stand.
pub(crate) async fn withdraw_one_in(
    tx: &mut WriteTx,
    id: ConsentId,
    at: DateTime<Utc>,
    request: Option<RequestId>,
) -> Result<Option<Consent>> {
    let Some(saved) = store::records::withdraw_consent(tx, id, at).await? else { return Ok(None) };
    let after = serde_json::json!({ "consent": json(&saved)?, "request": request });
    tx.audit(Action::ConsentWithdraw, "consent", saved.id, Some(saved.customer_id), None, Some(&after)).await?;
    Ok(Some(saved))
}

pub(crate) async fn add_event_registration_in(tx: &mut WriteTx, r: &NewEventRegistration) -> Result<EventRegistration> {
    Checks::all([
        records::check_text(&r.event_name, "event_name", 200).map(drop),
        records::check_registration(r.event_date, r.status, slack_today(tx)),
    ])?;
    active_customer_in(tx, r.customer_id).await?;
    let saved = store::records::insert_event_registration(tx, r).await?;
    tx.audit(
        Action::EventRegistrationAdd,
        "event_registration",
        saved.id,
        Some(r.customer_id),
        None,
        Some(&json(&saved)?),
    )
    .await?;
    Ok(saved)
}

/// Writes a correction of note `current` (Art. 16), recorded under
/// `request` where it answers one; `None` where it changes nothing.
pub(crate) async fn correct_interaction_in(
    tx: &mut WriteTx,
    current: &Interaction,
    changes: &InteractionChanges,
    request: Option<RequestId>,
) -> Result<Option<Interaction>> {
    let corrected = changes.apply_to(current)?;
    if corrected == *current {
        return Ok(None);
    }
    let id = current.id;
    let saved = store::records::update_interaction(tx, current, &corrected)
        .await?
        .ok_or_else(|| Error::Refused(msg!("msg-note-changed", id)))?;
    let (before, after) = (json(current)?, json(&saved)?);
    tx.audit_correction(Action::InteractionEdit, saved.customer_id, Some(id), request, &before, &after).await?;
    Ok(Some(saved))
}
