//! What a restore erases again: the notes, course sign-ups and web activity
//! that the register erased alone for people's requests for erasure after
//! the backup was made. A restore must not bring back what a person had
//! erased while their request, carried over, says it was answered
//! (Art. 17(1)). A record is found in the copy by its customer and what the
//! erasure recorded of it (a note's time and way of contact, a sign-up's
//! day); one the copy does not have (added after the backup) is only
//! recorded under the request, as the copy numbers it; one the copy records
//! as erased already is left alone. So are the records a legal hold keeps
//! from such a request, to be erased when the hold is lifted: found in the
//! copy the same way, they are recorded as held back again. Times are
//! compared here, not in SQL: a copy of a shared register writes them as
//! SQLite does.

use crate::error::Result;
use crate::register::{Customer, CustomerState};
use crate::retention::due::RecordKind;
use crate::retention::held_back::HeldBack;
use crate::retention::note_erasure::{erase_note_in, NoteErasure};
use crate::retention::record_erasure::{
    erase_signup_in, erase_web_in, Scope, SignUpErasure, WebActivityErasure, WebChosen,
};
use crate::store::note_erasures::Whose;
use crate::store::record_erasures::{restate, Alone};
use crate::store::{self, WriteTx};
use crate::values::{CustomerId, RequestId};

/// What the register erased alone for requests: every erasure, with its customer.
pub(super) struct ErasedParts {
    pub notes: Vec<Whose<NoteErasure>>,
    pub signups: Vec<Whose<SignUpErasure>>,
    pub web: Vec<Whose<WebActivityErasure>>,
    pub held_back: Vec<Whose<HeldBack>>,
    /// The register's erasure key, which the digests of single web events
    /// erased are keyed with (the copy takes it, restore.rs).
    pub key: Option<String>,
}

impl ErasedParts {
    pub async fn of(store: &store::Store) -> Result<ErasedParts> {
        Ok(ErasedParts {
            notes: store::note_erasures::all_with_customers(store).await?,
            signups: store::record_erasures::all_signups_with_customers(store).await?,
            web: store::record_erasures::all_web_with_customers(store).await?,
            held_back: store::held_back::all_with_customers(store).await?,
            key: store::erasure::stored_key(store, "erasure").await?,
        })
    }

    /// Erases each again in the copy (`tx`), under its request as the copy
    /// numbers it (`requests`: the register's id, the copy's). Returns the
    /// customers (by number) whose data was erased again.
    pub async fn carry(&self, tx: &mut WriteTx, requests: &[(RequestId, RequestId)]) -> Result<Vec<String>> {
        let mut again = Vec::new();
        let mut erased_again = |who: &store::customers::Who| {
            if !again.contains(&who.number) {
                again.push(who.number.clone());
            }
        };
        for k in &self.notes {
            let e = &k.erasure;
            let Some((c, request)) = in_copy(tx, k, e.request_id, requests).await? else { continue };
            let recorded = store::note_erasures::of_customer(tx, c.id).await?;
            if recorded.iter().any(|r| (r.note_id, r.occurred_at) == (e.note_id, e.occurred_at)) {
                continue;
            }
            let same = |n: &&crate::register::Interaction| {
                (n.occurred_at, n.channel, n.direction) == (e.occurred_at, e.channel, e.direction)
            };
            let notes = store::records::interactions_of(tx, c.id).await?;
            match notes.iter().filter(same).min_by_key(|n| (n.id != e.note_id, n.id)) {
                Some(note) => {
                    let made = erase_note_in(tx, note, request).await?;
                    restate(tx, Alone::Note, made.id, e.erased_at, &e.erased_by).await?;
                    erased_again(&k.who);
                }
                None => {
                    let record = NoteErasure { request_id: request, customer_id: c.id, ..e.clone() };
                    store::note_erasures::insert(tx, &record).await?;
                }
            }
        }
        for k in &self.signups {
            let e = &k.erasure;
            let Some((c, request)) = in_copy(tx, k, e.request_id, requests).await? else { continue };
            let recorded = store::record_erasures::signups_of_customer(tx, c.id).await?;
            if recorded.iter().any(|r| (r.signup_id, r.event_date) == (e.signup_id, e.event_date)) {
                continue;
            }
            let signups = store::records::event_registrations_of(tx, c.id).await?;
            let same = signups.iter().filter(|s| s.event_date == e.event_date);
            match same.min_by_key(|s| (s.id != e.signup_id, s.id)) {
                Some(signup) => {
                    let made = erase_signup_in(tx, signup, request).await?;
                    restate(tx, Alone::SignUp, made.id, e.erased_at, &e.erased_by).await?;
                    erased_again(&k.who);
                }
                None => {
                    let record = SignUpErasure { request_id: request, customer_id: c.id, ..e.clone() };
                    store::record_erasures::insert_signup(tx, &record).await?;
                }
            }
        }
        for k in &self.web {
            let e = &k.erasure;
            let Some((c, request)) = in_copy(tx, k, e.request_id, requests).await? else { continue };
            // The copy has the erasure under the request only where it was
            // made before the backup. What the person had erased is all their
            // activity until then, or the one event they named, as an
            // imported log is kept from bringing back, but for what a legal
            // hold keeps (the holds are carried over first).
            let recorded = store::record_erasures::web_of_customer(tx, c.id).await?;
            if recorded.iter().any(|r| r.request_id == request && r.event_digest == e.event_digest) {
                continue;
            }
            let key = self.key.as_deref();
            let events: Vec<_> = store::records::web_events_of(tx, c.id)
                .await?
                .into_iter()
                .filter(|w| e.erased(key, w.occurred_at, &w.ip, &w.action))
                .collect();
            let chosen = WebChosen::of(tx, c.id, events).await?;
            let scope = if e.event_digest.is_some() { Scope::One } else { Scope::UntilNow };
            if chosen.events.is_empty() || (scope == Scope::One && chosen.events.len() != 1) {
                let record = WebActivityErasure { request_id: request, customer_id: c.id, ..e.clone() };
                store::record_erasures::insert_web(tx, &record).await?;
            } else {
                let made = erase_web_in(tx, c.id, &chosen, request, scope).await?;
                restate(tx, Alone::Web, made.id, e.erased_at, &e.erased_by).await?;
                erased_again(&k.who);
            }
        }
        for k in &self.held_back {
            let b = &k.erasure;
            let Some((c, request)) = in_copy(tx, k, b.request_id, requests).await? else { continue };
            if let Some(id) = record_in_copy(tx, c.id, b).await? {
                if !store::held_back::insert(tx, request, c.id, b.entity, id, b.held_at).await? {
                    // Held back by an erasure made again above: as the register held it back.
                    store::held_back::restate(tx, b.entity, id, b.held_at).await?;
                }
            }
        }
        Ok(again)
    }
}

/// The id in the copy of the record `b` holds back, of customer `c`: the one
/// with the same time and way of contact (a note), day (a sign-up) or time
/// (a web event), the same id first.
async fn record_in_copy(tx: &mut WriteTx, c: CustomerId, b: &HeldBack) -> Result<Option<i64>> {
    let pick = |found: Vec<i64>| found.into_iter().min_by_key(|id| (*id != b.entity_id, *id));
    Ok(match b.entity {
        RecordKind::Interaction => pick(
            store::records::interactions_of(tx, c)
                .await?
                .into_iter()
                .filter(|n| Some(n.occurred_at) == b.occurred_at && Some(n.channel) == b.channel)
                .map(|n| n.id.0)
                .collect(),
        ),
        RecordKind::EventRegistration => pick(
            store::records::event_registrations_of(tx, c)
                .await?
                .into_iter()
                .filter(|s| Some(s.event_date) == b.event_date)
                .map(|s| s.id.0)
                .collect(),
        ),
        _ => pick(
            store::records::web_events_of(tx, c)
                .await?
                .into_iter()
                .filter(|w| Some(w.occurred_at) == b.occurred_at)
                .map(|w| w.id.0)
                .collect(),
        ),
    })
}

/// The customer of `k` in the copy and the request (`theirs` in the
/// register) as the copy numbers it; `None` where the copy has no such
/// customer or request, or erased the customer whole (the part went with
/// them).
async fn in_copy<E>(
    tx: &mut WriteTx,
    k: &Whose<E>,
    theirs: RequestId,
    requests: &[(RequestId, RequestId)],
) -> Result<Option<(Customer, RequestId)>> {
    let Some(c) = store::customers::same_tx(tx, &k.who).await? else { return Ok(None) };
    if c.state == CustomerState::Erased {
        return Ok(None);
    }
    Ok(requests.iter().find(|(r, _)| *r == theirs).map(|p| (c, p.1)))
}
