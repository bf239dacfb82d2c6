//! Erasing a course sign-up, or a person's web activity, at their request
//! (GDPR Art. 17(1)), without their leaving the register: "take me off that
//! course's list", "delete the log of my visits". No law keeps either (the
//! order a paid course was bought with is the accounting record, not the
//! sign-up); a legal hold does (Art. 17(3)(e)). A held sign-up is refused
//! with its reason; of the web activity, the events a hold keeps stay and the
//! rest go, since the exception covers what the claim needs and no more (a
//! hold on the customer keeps all of it, and is refused). The request
//! records what went: a sign-up by the day of its event, never by the
//! course; web activity by how many events went, the times of the first and
//! the last, and how many a hold kept, never by an address.

use chrono::{DateTime, NaiveDate, Utc};
use serde::Serialize;

use super::due::RecordKind;
use super::part_erasure::{answering, answering_one_of, held, held_of, Part};
use crate::audit::to_json as json;
use crate::audit::Action;
use crate::error::{Error, Result};
use crate::msg;
use crate::register::{EventRegistration, WebEvent};
use crate::requests::RequestKind;
use crate::settings::Settings;
use crate::store::{self, WriteTx};
use crate::values::{CustomerId, EventRegistrationId, RequestId, WebEventId};
use crate::Register;

/// A course sign-up erased for a request: which, the day of its event, and
/// when and by whom it went.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, sqlx::FromRow, schemars::JsonSchema)]
pub struct SignUpErasure {
    pub id: i64,
    pub request_id: RequestId,
    pub customer_id: CustomerId,
    pub signup_id: EventRegistrationId,
    /// The day of the course or event the sign-up was for.
    pub event_date: NaiveDate,
    pub erased_at: DateTime<Utc>,
    pub erased_by: String,
}

/// A customer's web activity that an erasure would erase: how many events,
/// and the times of the first and the last; and how many a legal hold keeps.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, schemars::JsonSchema)]
pub struct WebActivity {
    pub customer_id: CustomerId,
    pub events: i64,
    pub first_at: DateTime<Utc>,
    pub last_at: DateTime<Utc>,
    /// The events a legal hold keeps, which stay (Art. 17(3)(e)).
    pub held: i64,
}

/// A customer's web activity erased for a request: how many events went,
/// the times of the first and the last, how many a legal hold kept, and when
/// and by whom.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, sqlx::FromRow, schemars::JsonSchema)]
pub struct WebActivityErasure {
    pub id: i64,
    pub request_id: RequestId,
    pub customer_id: CustomerId,
    pub events: i64,
    pub first_at: DateTime<Utc>,
    pub last_at: DateTime<Utc>,
    /// The events a legal hold kept, which stayed (Art. 17(3)(e)): the part
    /// of the request to refuse, with that reason (Art. 12(4)).
    pub held: i64,
    pub erased_at: DateTime<Utc>,
    pub erased_by: String,
    /// Of one event erased alone, its keyed digest ([`event_digest`]): what
    /// a web log imported again, or a restore, knows it by. None: all the
    /// activity until `erased_at`. Not in any document.
    #[serde(skip)]
    #[schemars(skip)]
    pub event_digest: Option<String>,
}

impl WebActivityErasure {
    /// Whether it erased the event of `customer` at `at` from `ip` doing
    /// `action`, as the digest keyed with `key` names it: the one event, or
    /// any until it was made.
    pub(crate) fn erased(&self, key: Option<&str>, at: DateTime<Utc>, ip: &str, action: &str) -> bool {
        match (&self.event_digest, key) {
            (None, _) => at <= self.erased_at,
            (Some(d), Some(key)) => *d == event_digest(key, at, ip, action),
            (Some(_), None) => false,
        }
    }
}

/// The keyed digest that names one web event: its time (to the
/// microsecond, as both databases keep it), address (as the register
/// writes it) and action, under the register's erasure key, so that the
/// record of its erasure does not keep the address (Art. 17(1)).
pub(crate) fn event_digest(key: &str, at: DateTime<Utc>, ip: &str, action: &str) -> String {
    let ip = ip.parse::<std::net::IpAddr>().map(|a| a.to_string()).unwrap_or_else(|_| ip.to_owned());
    super::erasure::email_digest(key, &format!("web-event\n{}\n{ip}\n{action}", at.timestamp_micros()))
}

impl Register {
    /// The sign-up erasing `id` for `request` would erase, or why it may not
    /// be; changes nothing.
    pub async fn signup_erasure_preview(
        &self,
        id: EventRegistrationId,
        request: RequestId,
    ) -> Result<EventRegistration> {
        self.part_preview(&SignUpPart { id, request }).await
    }

    /// Erases sign-up `id` for the person's erasure `request` (open, their
    /// identity verified), after a backup as before any erasure.
    pub async fn erase_signup(&self, id: EventRegistrationId, request: RequestId) -> Result<SignUpErasure> {
        self.erase_part(&SignUpPart { id, request }).await
    }

    /// The web activity erasing `customer`'s for `request` would erase, or
    /// why it may not be; changes nothing.
    pub async fn web_activity_erasure_preview(&self, customer: CustomerId, request: RequestId) -> Result<WebActivity> {
        let chosen = self.part_preview(&WebPart { customer, request }).await?;
        activity(customer, &chosen).ok_or_else(|| Error::Refused(msg!("msg-web-activity-none")))
    }

    /// Erases `customer`'s web activity for their `request` (open, their
    /// identity verified) for erasure, or their objection the shop accepted
    /// (Art. 17(1)(c)), after a backup as before any erasure: all of it but
    /// the events a legal hold keeps.
    pub async fn erase_web_activity(&self, customer: CustomerId, request: RequestId) -> Result<WebActivityErasure> {
        self.erase_part(&WebPart { customer, request }).await
    }

    /// The web event erasing `event` alone for `request` would erase, or why
    /// it may not be; changes nothing.
    pub async fn web_event_erasure_preview(&self, event: WebEventId, request: RequestId) -> Result<WebEvent> {
        let mut chosen = self.part_preview(&WebEventPart { event, request }).await?;
        chosen.events.pop().ok_or_else(|| Error::not_found("web event", event))
    }

    /// Erases web event `event` alone for the person's `request` (for
    /// erasure, or their objection the shop accepted; open, their identity
    /// verified), after a backup as before any erasure: "delete the record
    /// of that visit". Refused where a legal hold keeps it.
    pub async fn erase_web_event(&self, event: WebEventId, request: RequestId) -> Result<WebActivityErasure> {
        self.erase_part(&WebEventPart { event, request }).await
    }
}

/// One web event, to erase alone for `request`.
struct WebEventPart {
    event: WebEventId,
    request: RequestId,
}

impl Part for WebEventPart {
    type Checked = WebChosen;
    type Erased = WebActivityErasure;

    async fn check(&self, tx: &mut WriteTx, _: &Settings, _: NaiveDate) -> Result<WebChosen> {
        let event = store::records::web_event_tx(tx, self.event)
            .await?
            .ok_or_else(|| Error::not_found("web event", self.event))?;
        let kinds = [RequestKind::Erasure, RequestKind::Objection];
        let c = answering_one_of(tx, event.customer_id, self.request, &kinds).await?;
        if held(tx, c.id, RecordKind::WebEvent, &[event.id.0]).await? > 0 {
            return Err(Error::Refused(msg!("msg-web-event-held", id = event.id)));
        }
        Ok(WebChosen { events: vec![event], held: vec![] })
    }

    async fn erase(&self, tx: &mut WriteTx, chosen: WebChosen) -> Result<WebActivityErasure> {
        let customer =
            chosen.events.first().map(|e| e.customer_id).ok_or_else(|| Error::not_found("web event", self.event))?;
        erase_web_in(tx, customer, &chosen, self.request, Scope::One).await
    }
}

/// Sign-up `id`, to erase for `request`.
struct SignUpPart {
    id: EventRegistrationId,
    request: RequestId,
}

impl Part for SignUpPart {
    type Checked = EventRegistration;
    type Erased = SignUpErasure;

    async fn check(&self, tx: &mut WriteTx, _: &Settings, _: NaiveDate) -> Result<EventRegistration> {
        let signup = store::records::event_registration_tx(tx, self.id)
            .await?
            .ok_or_else(|| Error::not_found("sign-up", self.id))?;
        let c = answering(tx, signup.customer_id, self.request).await?;
        if held(tx, c.id, RecordKind::EventRegistration, &[signup.id.0]).await? > 0 {
            return Err(Error::Refused(msg!("msg-signup-held", id = signup.id)));
        }
        Ok(signup)
    }

    async fn erase(&self, tx: &mut WriteTx, signup: EventRegistration) -> Result<SignUpErasure> {
        erase_signup_in(tx, &signup, self.request).await
    }
}

/// All the web activity of `customer`, to erase for `request`.
struct WebPart {
    customer: CustomerId,
    request: RequestId,
}

/// The web events an erasure erases, and those a legal hold keeps.
pub(crate) struct WebChosen {
    pub(crate) events: Vec<WebEvent>,
    /// The ids of the events a legal hold keeps.
    pub(crate) held: Vec<i64>,
}

impl WebChosen {
    /// Of `events` of `customer`, those no legal hold keeps.
    pub(crate) async fn of(tx: &mut WriteTx, customer: CustomerId, events: Vec<WebEvent>) -> Result<WebChosen> {
        let ids: Vec<i64> = events.iter().map(|e| e.id.0).collect();
        let held = held_of(tx, customer, RecordKind::WebEvent, &ids).await?;
        Ok(WebChosen { events: events.into_iter().filter(|e| !held.contains(&e.id.0)).collect(), held })
    }
}

impl Part for WebPart {
    type Checked = WebChosen;
    type Erased = WebActivityErasure;

    async fn check(&self, tx: &mut WriteTx, _: &Settings, _: NaiveDate) -> Result<WebChosen> {
        let kinds = [RequestKind::Erasure, RequestKind::Objection];
        let c = answering_one_of(tx, self.customer, self.request, &kinds).await?;
        let events = store::records::web_events_of(tx, c.id).await?;
        if events.is_empty() {
            return Err(Error::Refused(msg!("msg-web-activity-none")));
        }
        let chosen = WebChosen::of(tx, c.id, events).await?;
        if chosen.events.is_empty() {
            let events = chosen.held.len();
            return Err(Error::Refused(msg!("msg-web-activity-held", customer = c.number, events)));
        }
        Ok(chosen)
    }

    async fn erase(&self, tx: &mut WriteTx, chosen: WebChosen) -> Result<WebActivityErasure> {
        erase_web_in(tx, self.customer, &chosen, self.request, Scope::UntilNow).await
    }
}

/// What an erasure of web activity covers: all of it until then, or one event.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Scope {
    UntilNow,
    One,
}

/// How many of the `chosen` events there are, from when to when; `None` for none.
fn activity(customer: CustomerId, chosen: &WebChosen) -> Option<WebActivity> {
    let events = &chosen.events;
    Some(WebActivity {
        customer_id: customer,
        events: i64::try_from(events.len()).ok()?,
        first_at: events.iter().map(|e| e.occurred_at).min()?,
        last_at: events.iter().map(|e| e.occurred_at).max()?,
        held: i64::try_from(chosen.held.len()).ok()?,
    })
}

/// Deletes `signup` and records its erasure under `request`, audited: the
/// entry holds the digest of the sign-up as it was.
pub(crate) async fn erase_signup_in(
    tx: &mut WriteTx,
    signup: &EventRegistration,
    request: RequestId,
) -> Result<SignUpErasure> {
    if !store::record_erasures::delete_signup(tx, signup.id).await? {
        return Err(Error::not_found("sign-up", signup.id));
    }
    let record = SignUpErasure {
        id: 0,
        request_id: request,
        customer_id: signup.customer_id,
        signup_id: signup.id,
        event_date: signup.event_date,
        erased_at: tx.now(),
        erased_by: tx.actor().to_owned(),
    };
    let saved = store::record_erasures::insert_signup(tx, &record).await?;
    let after = serde_json::json!({ "request": request, "erasure": saved.id });
    let before = json(signup)?;
    let customer = Some(signup.customer_id);
    tx.audit(Action::EventRegistrationErase, "event_registration", signup.id, customer, Some(&before), Some(&after))
        .await?;
    Ok(saved)
}

/// Deletes the `chosen` events of `customer` and records their erasure under
/// `request`, audited: the entry holds the digest of the events as they were.
/// The events a hold keeps are recorded as held back from the request, for
/// lifting the hold to erase them ([`super::held_back`]).
pub(crate) async fn erase_web_in(
    tx: &mut WriteTx,
    customer: CustomerId,
    chosen: &WebChosen,
    request: RequestId,
    scope: Scope,
) -> Result<WebActivityErasure> {
    let Some(was) = activity(customer, chosen) else {
        return Err(Error::Refused(msg!("msg-web-activity-none")));
    };
    let event_digest = match (scope, chosen.events.as_slice()) {
        (Scope::UntilNow, _) => None,
        (Scope::One, [e]) => {
            Some(event_digest(&super::erasure::erasure_key(tx).await?, e.occurred_at, &e.ip, &e.action))
        }
        (Scope::One, _) => return Err(Error::Internal("one web event to erase, and not one".into())),
    };
    let events = &chosen.events;
    store::record_erasures::delete_web_events(tx, events).await?;
    let record = WebActivityErasure {
        id: 0,
        request_id: request,
        customer_id: customer,
        events: was.events,
        first_at: was.first_at,
        last_at: was.last_at,
        held: was.held,
        erased_at: tx.now(),
        erased_by: tx.actor().to_owned(),
        event_digest,
    };
    let saved = store::record_erasures::insert_web(tx, &record).await?;
    for event in &chosen.held {
        store::held_back::insert(tx, request, customer, RecordKind::WebEvent, *event, saved.erased_at).await?;
    }
    let after =
        serde_json::json!({ "request": request, "erasure": saved.id, "events": saved.events, "held": saved.held });
    tx.audit(Action::WebActivityErase, "customer", customer, Some(customer), Some(&json(&events)?), Some(&after))
        .await?;
    Ok(saved)
}
