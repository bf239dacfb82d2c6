//! Data-subject requests (GDPR Art. 15-22 and 7(3)): their workflow and deadlines.
//!
//! received → identity_verified → in_progress → answered | refused → closed.
//! Every step is dated (the day it happened, in the shop's time zone), carried
//! out by a named actor and audited. Art. 12(3): answer within one month of
//! receipt, extendable by two further months when the person is told within the
//! first month, with reasons; Art. 12(4): a refusal gives reasons.

pub mod deadline;

use chrono::{DateTime, NaiveDate, Utc};
use serde::Serialize;

use crate::audit::to_json as json;
use crate::audit::Action;
use crate::error::{Error, Result};
use crate::macros::text_enum;
use crate::msg;
use crate::register::customer::optional_text;
use crate::store::{self, WriteTx};
use crate::values::{CustomerId, Language, RequestId};
use crate::Register;

text_enum! {
    pub enum RequestKind {
        /// Art. 15
        Access = "access",
        /// Art. 16
        Rectification = "rectification",
        /// Art. 17
        Erasure = "erasure",
        /// Art. 18
        Restriction = "restriction",
        /// Art. 20
        Portability = "portability",
        /// Art. 21
        Objection = "objection",
        /// Art. 7(3)
        WithdrawConsent = "withdraw_consent",
    }
}

impl RequestKind {
    /// The kind as people read it, with its article: "access (Art. 15)" (`kind-…`).
    pub fn name(self, tr: &crate::i18n::Translator) -> String {
        tr.t(&format!("kind-{self}"))
    }

    /// The article of the GDPR the request rests on.
    pub fn article(self) -> &'static str {
        match self {
            RequestKind::Access => "Art. 15",
            RequestKind::Rectification => "Art. 16",
            RequestKind::Erasure => "Art. 17",
            RequestKind::Restriction => "Art. 18",
            RequestKind::Portability => "Art. 20",
            RequestKind::Objection => "Art. 21",
            RequestKind::WithdrawConsent => "Art. 7(3)",
        }
    }
}

text_enum! {
    pub enum RequestState {
        Received = "received",
        IdentityVerified = "identity_verified",
        InProgress = "in_progress",
        Answered = "answered",
        Refused = "refused",
        Closed = "closed",
    }
}

impl RequestState {
    /// The state as people read it: "identity verified" (`request-state-…`).
    pub fn name(self, tr: &crate::i18n::Translator) -> String {
        tr.t(&format!("request-state-{self}"))
    }

    /// Still waiting for the shop's answer: the deadline runs.
    pub fn is_open(self) -> bool {
        matches!(self, RequestState::Received | RequestState::IdentityVerified | RequestState::InProgress)
    }
}

impl RequestKind {
    /// Whether the request, while open, keeps its customer's records from
    /// the sweep. A person who asks for a copy of their data (Art. 15(1),
    /// 20(1)) is owed the data the shop held when they asked: deleted while
    /// the answer is prepared, it could only be answered with what was
    /// deleted. A person who asks for restriction may need the data for a
    /// legal claim precisely when the shop's own need has ended (Art.
    /// 18(1)(c)). Either is answered within months (Art. 12(3)); the records
    /// go at the first sweep after it.
    pub fn keeps_records(self) -> bool {
        matches!(self, RequestKind::Access | RequestKind::Portability | RequestKind::Restriction)
    }
}

/// A request as stored.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, sqlx::FromRow, schemars::JsonSchema)]
pub struct Request {
    pub id: RequestId,
    pub customer_id: Option<CustomerId>,
    pub kind: RequestKind,
    pub state: RequestState,
    pub channel: Option<String>,
    pub received_on: NaiveDate,
    pub due_on: NaiveDate,
    pub extended_to: Option<NaiveDate>,
    pub extension_reason: Option<String>,
    pub verified_on: Option<NaiveDate>,
    /// How the identity was checked (Art. 12(6)), where the shop said.
    pub verification: Option<String>,
    pub started_on: Option<NaiveDate>,
    pub answered_on: Option<NaiveDate>,
    pub answer: Option<String>,
    pub refusal_reason: Option<String>,
    pub closed_on: Option<NaiveDate>,
    pub created_at: DateTime<Utc>,
    /// Who asked, as they named themselves, where the register has no
    /// customer for them ([`Asker::Person`]); none once linked to one.
    pub requester: Option<String>,
    /// The language of the letters to them, where the shop chose one.
    pub requester_language: Option<Language>,
}

/// Who a request is from: a customer of the register, or a person it has
/// none for, named as they named themselves ("Eva Ek, eva@example.se"). Such
/// a person is owed an answer within the month too, if only that nothing of
/// them is held (Art. 12(3), 15(1)).
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Asker {
    Customer(CustomerId),
    /// `language`: of the letters to them, where not the shop's (Art. 12(1)).
    Person {
        name: String,
        language: Option<Language>,
    },
}

impl Asker {
    /// Someone the register has no customer for, written to in the shop's language.
    pub fn person(name: &str) -> Asker {
        Asker::Person { name: name.to_owned(), language: None }
    }
}

impl Request {
    /// The deadline in force: the extended one once the extension is recorded.
    pub fn due_date(&self) -> NaiveDate {
        self.extended_to.unwrap_or(self.due_on)
    }

    /// Whether the request, as it stands, keeps its customer's records from
    /// the sweep ([`RequestKind::keeps_records`], while it is open).
    pub fn keeps_records(&self) -> bool {
        self.customer_id.is_some() && self.kind.keeps_records() && self.state.is_open()
    }
}

/// A request as lists and scripts see it, on a given day (PRODUCT.md section 7:
/// `id`, `customer`, `kind`, `state`, `received`, `due_date`, `extended_due_date`, `days_left`).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, schemars::JsonSchema)]
pub struct RequestView {
    pub id: RequestId,
    pub customer: Option<CustomerId>,
    pub customer_number: Option<String>,
    pub customer_name: Option<String>,
    /// Who asked, where the register has no customer for them.
    pub requester: Option<String>,
    /// The language of the letters to them, where the shop chose one.
    pub requester_language: Option<Language>,
    pub kind: RequestKind,
    pub article: &'static str,
    pub state: RequestState,
    pub channel: Option<String>,
    pub received: NaiveDate,
    pub due_date: NaiveDate,
    /// The one-month deadline, whether or not it was extended.
    pub first_due_date: NaiveDate,
    pub extended_due_date: Option<NaiveDate>,
    pub extension_reason: Option<String>,
    /// Days from `as_of` to the deadline in force; negative when overdue.
    pub days_left: i64,
    pub overdue: bool,
    /// Open, and due within seven days.
    pub due_soon: bool,
    pub as_of: NaiveDate,
    pub verified_on: Option<NaiveDate>,
    /// How the identity was checked, where the shop said.
    pub verification: Option<String>,
    pub started_on: Option<NaiveDate>,
    pub answered_on: Option<NaiveDate>,
    pub answer: Option<String>,
    pub refusal_reason: Option<String>,
    pub closed_on: Option<NaiveDate>,
}

/// The days before a deadline from which the inbox warns (PRODUCT.md section 4).
pub const WARN_DAYS: i64 = 7;

impl RequestView {
    pub fn new(r: &Request, customer_number: Option<String>, customer_name: Option<String>, as_of: NaiveDate) -> Self {
        let due = r.due_date();
        let days_left = (due - as_of).num_days();
        let open = r.state.is_open();
        RequestView {
            id: r.id,
            customer: r.customer_id,
            customer_number,
            customer_name,
            requester: r.requester.clone(),
            requester_language: r.requester_language,
            kind: r.kind,
            article: r.kind.article(),
            state: r.state,
            channel: r.channel.clone(),
            received: r.received_on,
            due_date: due,
            first_due_date: r.due_on,
            extended_due_date: r.extended_to,
            extension_reason: r.extension_reason.clone(),
            days_left,
            overdue: open && days_left < 0,
            due_soon: open && (0..=WARN_DAYS).contains(&days_left),
            as_of,
            verified_on: r.verified_on,
            verification: r.verification.clone(),
            started_on: r.started_on,
            answered_on: r.answered_on,
            answer: r.answer.clone(),
            refusal_reason: r.refusal_reason.clone(),
            closed_on: r.closed_on,
        }
    }
}

/// One request whole: what `request show` and the request's page in the app show.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, schemars::JsonSchema)]
pub struct RequestDetail {
    #[serde(flatten)]
    pub request: RequestView,
    /// Each step as the audit trail recorded it: when, by whom (Art. 5(2)).
    pub steps: Vec<crate::audit::StoredEntry>,
    /// The documents produced for the request, with their digests.
    pub documents: Vec<crate::reports::ProducedDocument>,
    /// The corrections made as its answer, for a request for rectification
    /// (Art. 16), or the details removed for a request to erase them (Art.
    /// 17(1)), with the values they replaced.
    pub corrections: Vec<crate::audit::corrections::Correction>,
    /// The notes erased alone for a request for erasure (Art. 17(1)), by
    /// their time and way of contact.
    pub notes_erased: Vec<crate::retention::note_erasure::NoteErasure>,
    /// The course sign-ups erased alone for a request for erasure, by the
    /// day of their event.
    pub signups_erased: Vec<crate::retention::record_erasure::SignUpErasure>,
    /// The web activity erased alone for a request for erasure: how many
    /// events, from when to when.
    pub web_activity_erased: Vec<crate::retention::record_erasure::WebActivityErasure>,
    /// What a legal hold keeps of what it asked to erase, to be erased under
    /// it once the hold is lifted ([`crate::retention::held_back`]).
    pub held_back: Vec<crate::retention::held_back::HeldBack>,
    /// When the customer was erased whole, where they are, and for which
    /// request: nothing of them is left to act on but what the law keeps
    /// (Art. 12(4), 17(3)(b)).
    pub customer_erased: Option<CustomerErased>,
    /// While the request is open, the others in the register who may be
    /// the same person as its customer: its answer should cover each that
    /// is (Art. 15, 17; [`crate::register::likeness`]).
    pub maybe_same: Vec<crate::register::likeness::MaybeSame>,
    /// How many more than those named were found (the list names ten at most).
    pub maybe_same_more: usize,
}

/// The erasure of a request's customer.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, schemars::JsonSchema)]
pub struct CustomerErased {
    pub at: DateTime<Utc>,
    /// The request for erasure it answered, this one or another; none for a
    /// sweep's or the shop's own erasure.
    pub request: Option<RequestId>,
}

/// What `request list` shows.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub struct ListFilter {
    /// Answered, refused and closed requests too.
    pub include_done: bool,
}

/// One step of the workflow, with what it records. The app sends it as
/// `{"step": "extend", "reason": "..."}`.
#[derive(Debug, Clone, PartialEq, Eq, serde::Deserialize, schemars::JsonSchema)]
#[serde(tag = "step", rename_all = "snake_case")]
pub enum Step {
    /// `how` the identity was checked: BankID, the e-mail address the register
    /// holds, an ID card shown in the shop (Art. 12(6); kept for Art. 5(2)).
    Verify {
        #[serde(default)]
        how: Option<String>,
    },
    Start,
    Extend {
        reason: String,
    },
    Answer {
        answer: String,
    },
    Refuse {
        reason: String,
    },
    Close,
}

impl Step {
    /// The step's word ("verify"), as its audit action names it.
    fn name(&self) -> &'static str {
        let action = self.action().as_str();
        action.strip_prefix("request.").unwrap_or(action)
    }

    /// What the audit trail records for the step.
    fn action(&self) -> crate::audit::Action {
        match self {
            Step::Verify { .. } => Action::RequestVerify,
            Step::Start => Action::RequestStart,
            Step::Extend { .. } => Action::RequestExtend,
            Step::Answer { .. } => Action::RequestAnswer,
            Step::Refuse { .. } => Action::RequestRefuse,
            Step::Close => Action::RequestClose,
        }
    }

    /// The states the step may start from.
    fn allowed_from(&self) -> &'static [RequestState] {
        use RequestState::*;
        match self {
            Step::Verify { .. } => &[Received],
            Step::Start => &[IdentityVerified],
            Step::Extend { .. } => &[Received, IdentityVerified, InProgress],
            // No data is disclosed or changed before the person is identified (Art. 12(6)).
            Step::Answer { .. } => &[IdentityVerified, InProgress],
            Step::Refuse { .. } => &[Received, IdentityVerified, InProgress],
            Step::Close => &[Answered, Refused],
        }
    }
}

/// Applies `step` on day `on` to `r`, or says why it may not be taken.
pub fn apply(r: &Request, step: &Step, on: NaiveDate, country: crate::values::ShopCountry) -> Result<Request> {
    if !step.allowed_from().contains(&r.state) {
        let states = step.allowed_from().iter().map(|s| s.as_str()).collect::<Vec<_>>().join(" / ");
        return Err(Error::Refused(msg!(
            "msg-step-not-now",
            request = r.id,
            state = r.state,
            step = step.name(),
            states
        )));
    }
    if on < r.received_on {
        return Err(Error::invalid("--on", msg!("msg-before-received", on, received = r.received_on)));
    }
    let mut next = r.clone();
    match step {
        Step::Verify { how } => {
            next.state = RequestState::IdentityVerified;
            next.verified_on = Some(on);
            next.verification = optional_text(how.as_deref(), "how", 500)?;
        }
        Step::Start => {
            next.state = RequestState::InProgress;
            next.started_on = Some(on);
        }
        Step::Extend { reason } => {
            if r.extended_to.is_some() {
                return Err(Error::Refused(msg!("msg-extended-already", request = r.id, due = r.due_date())));
            }
            // Art. 12(3): the person must be told within the first month.
            if on > r.due_on {
                return Err(Error::Refused(msg!("msg-extension-too-late", due = r.due_on, on)));
            }
            next.extension_reason = Some(required_text(reason, "reason", 2000)?);
            next.extended_to = Some(deadline::extended_due(country, r.received_on));
        }
        Step::Answer { answer } => {
            next.state = RequestState::Answered;
            next.answered_on = Some(on);
            next.answer = Some(required_text(answer, "answer", 5000)?);
        }
        Step::Refuse { reason } => {
            next.state = RequestState::Refused;
            next.answered_on = Some(on);
            next.refusal_reason = Some(required_text(reason, "reason", 5000)?);
        }
        Step::Close => {
            next.state = RequestState::Closed;
            next.closed_on = Some(on);
        }
    }
    Ok(next)
}

fn required_text(value: &str, field: &str, max: usize) -> Result<String> {
    optional_text(Some(value), field, max)?.ok_or_else(|| Error::invalid(field, msg!("msg-not-empty")))
}

impl Register {
    /// Today in the shop's time zone: the day steps are dated by default.
    pub async fn today(&self) -> Result<NaiveDate> {
        let tz = self.settings().await?.time_zone();
        Ok(Utc::now().with_timezone(&tz).date_naive())
    }

    /// Logs a request received on `received` (default today) and computes its deadline.
    /// A receipt date in the future is accepted (the spec's contract computes
    /// deadlines for such dates); the command line warns about it.
    pub async fn open_request(
        &self,
        customer: CustomerId,
        kind: RequestKind,
        received: Option<NaiveDate>,
        channel: Option<&str>,
    ) -> Result<Request> {
        self.open_request_from(&Asker::Customer(customer), kind, received, channel).await
    }

    /// [`Register::open_request`] of a customer, or of a person the register
    /// has no customer for ([`Asker::Person`]).
    pub async fn open_request_from(
        &self,
        from: &Asker,
        kind: RequestKind,
        received: Option<NaiveDate>,
        channel: Option<&str>,
    ) -> Result<Request> {
        let settings = self.settings().await?;
        let today = self.today().await?;
        let received = received.unwrap_or(today);
        let channel = optional_text(channel, "channel", 100)?;
        let due = deadline::due(settings.country(), received);
        let mut tx = self.store().begin(self.actor()).await?;
        // A person erased may still ask anything of the shop, and every
        // request is answered within its month, even where nothing is left to
        // act on (Art. 12(3), 12(4)): it is logged with its deadline like any
        // other. What is left of them is what the law keeps, restricted
        // already (Art. 18(2)), which their erasure confirmation names.
        let from = match from {
            Asker::Customer(c) => {
                let customer =
                    store::customers::get_tx(&mut tx, *c).await?.ok_or_else(|| Error::not_found("customer", *c))?;
                // A merged customer's row is retired: their requests are the kept customer's.
                crate::register::refuse_merged(&mut tx, &customer).await?;
                from.clone()
            }
            Asker::Person { name, language } => {
                Asker::Person { name: required_text(name, "requester", 500)?, language: *language }
            }
        };
        let saved = open_in(&mut tx, &from, kind, received, due, channel.as_deref()).await?;
        tx.commit().await?;
        Ok(saved)
    }

    /// Takes one workflow step on day `on` (default today).
    pub async fn request_step(&self, id: RequestId, step: Step, on: Option<NaiveDate>) -> Result<Request> {
        let settings = self.settings().await?;
        let today = self.today().await?;
        let on = on.unwrap_or(today);
        if on > today {
            return Err(Error::invalid("--on", msg!("msg-in-the-future", when = on)));
        }
        let mut tx = self.store().begin(self.actor()).await?;
        let current = store::requests::get_tx(&mut tx, id).await?.ok_or_else(|| Error::not_found("request", id))?;
        let next = apply(&current, &step, on, settings.country())?;
        if matches!(step, Step::Answer { .. }) {
            check_copy_made(&mut tx, &current).await?;
            check_erased(&mut tx, &current).await?;
        }
        store::requests::update(&mut tx, &next).await?;
        tx.audit(step.action(), "request", id, current.customer_id, Some(&json(&current)?), Some(&json(&next)?))
            .await?;
        tx.commit().await?;
        Ok(next)
    }

    /// Links a request from a person the register had no customer for to
    /// the customer it turns out to be about, once the shop found them
    /// (under another address, say), or a request a restore carried over
    /// without its customer to them: from then on it is that customer's
    /// request, answered with their copy where it asks for one. Who asked,
    /// as they named themselves, is no longer kept: the customer's record
    /// names them (Art. 5(1)(c)).
    pub async fn link_request(&self, id: RequestId, customer: CustomerId) -> Result<Request> {
        let mut tx = self.store().begin(self.actor()).await?;
        let current = store::requests::get_tx(&mut tx, id).await?.ok_or_else(|| Error::not_found("request", id))?;
        let c =
            store::customers::get_tx(&mut tx, customer).await?.ok_or_else(|| Error::not_found("customer", customer))?;
        if current.customer_id.is_some() {
            return Err(Error::Refused(msg!("msg-request-has-customer", request = id)));
        }
        if !current.state.is_open() {
            return Err(Error::Refused(msg!("msg-request-link-closed", request = id)));
        }
        store::requests::link(&mut tx, id, c.id).await?;
        let next = store::requests::get_tx(&mut tx, id).await?.ok_or_else(|| Error::not_found("request", id))?;
        tx.audit(Action::RequestLink, "request", id, Some(c.id), Some(&json(&current)?), Some(&json(&next)?)).await?;
        tx.commit().await?;
        Ok(next)
    }

    pub async fn request(&self, id: RequestId) -> Result<Request> {
        store::requests::get(self.store(), id).await?.ok_or_else(|| Error::not_found("request", id))
    }

    /// A request as seen on `as_of`.
    pub async fn request_view(&self, id: RequestId, as_of: NaiveDate) -> Result<RequestView> {
        Ok(store::in_snapshot!(self.store(), s => view_in(&mut s, id, as_of).await?))
    }

    /// The inbox on `as_of`: open requests by days left (most urgent first), then the others.
    pub async fn list_requests(&self, as_of: NaiveDate, filter: ListFilter) -> Result<Vec<RequestView>> {
        let rows = store::requests::list(self.store(), filter.include_done).await?;
        let mut views: Vec<RequestView> =
            rows.into_iter().map(|(r, number, name)| RequestView::new(&r, number, name, as_of)).collect();
        views.sort_by_key(|v| {
            (!v.state.is_open(), if v.state.is_open() { v.days_left } else { 0 }, std::cmp::Reverse(v.received), v.id)
        });
        Ok(views)
    }

    /// A request as seen on `as_of`, with its steps and the documents produced
    /// for it, read in one snapshot.
    pub async fn request_detail(&self, id: RequestId, as_of: NaiveDate) -> Result<RequestDetail> {
        Ok(store::in_snapshot!(self.store(), s => {
            let (r, customer) = with_customer_in(&mut s, id).await?;
            let shop = crate::register::settings_in(&mut s).await?.country();
            let country = customer.as_ref().and_then(|c| c.country.clone());
            let customer_erased = match customer.as_ref().filter(|c| c.state == crate::register::CustomerState::Erased) {
                Some(c) => store::erasure::latest_erasure_of(&mut s, c.id).await?,
                None => None,
            }
            .map(|e| CustomerErased { at: e.erased_at, request: e.request_id });
            let shown = |p: &str| crate::register::phone::of_customer(p, country.as_deref(), shop);
            let (maybe_same, maybe_same_more) = match customer.as_ref().filter(|_| r.state.is_open()) {
                Some(c) => crate::register::likeness::maybe_same_in(&mut s, c).await?,
                None => (vec![], 0),
            };
            RequestDetail {
                maybe_same,
                maybe_same_more,
                request: view(&r, customer, as_of),
                steps: store::audit::for_entity(&mut s, "request", &id.to_string()).await?,
                documents: store::documents::of_request(&mut s, id).await?,
                corrections: crate::audit::corrections::of_request(&mut s, id, shown).await?,
                notes_erased: store::note_erasures::of_request(&mut s, id).await?,
                signups_erased: store::record_erasures::signups_of_request(&mut s, id).await?,
                web_activity_erased: store::record_erasures::web_of_request(&mut s, id).await?,
                held_back: store::held_back::of_request(&mut s, id).await?,
                customer_erased,
            }
        }))
    }
}

/// Request `id` as seen on `as_of`, with its customer's number and name, within `tx`.
async fn view_in(tx: &mut impl store::Within, id: RequestId, as_of: NaiveDate) -> Result<RequestView> {
    let (r, customer) = with_customer_in(tx, id).await?;
    Ok(view(&r, customer, as_of))
}

/// Request `id` and its customer, if it still has one, within `tx`.
async fn with_customer_in(
    tx: &mut impl store::Within,
    id: RequestId,
) -> Result<(Request, Option<crate::register::Customer>)> {
    let r = store::requests::get_tx(tx, id).await?.ok_or_else(|| Error::not_found("request", id))?;
    let customer = match r.customer_id {
        Some(c) => store::customers::get_tx(tx, c).await?,
        None => None,
    };
    Ok((r, customer))
}

fn view(r: &Request, customer: Option<crate::register::Customer>, as_of: NaiveDate) -> RequestView {
    let (number, name) = customer.map(|c| (Some(c.number), c.name)).unwrap_or_default();
    RequestView::new(r, number, name, as_of)
}

/// Opens a request inside the caller's transaction, audited.
pub(crate) async fn open_in(
    tx: &mut WriteTx,
    from: &Asker,
    kind: RequestKind,
    received_on: NaiveDate,
    due_on: NaiveDate,
    channel: Option<&str>,
) -> Result<Request> {
    let saved = store::requests::insert(tx, from, kind, received_on, due_on, channel).await?;
    tx.audit(Action::RequestOpen, "request", saved.id, saved.customer_id, None, Some(&json(&saved)?)).await?;
    Ok(saved)
}

/// A request that an action answers (an erasure, a restriction, a withdrawal of
/// consent) must be this customer's, of one of `kinds`, open, and with the
/// person's identity verified (Art. 12(6)).
pub(crate) async fn check_answers(
    tx: &mut crate::store::WriteTx,
    customer: &crate::register::Customer,
    request: RequestId,
    kinds: &[RequestKind],
) -> Result<Request> {
    let r = crate::store::requests::get_tx(tx, request).await?.ok_or_else(|| Error::not_found("request", request))?;
    if r.customer_id != Some(customer.id) {
        return Err(Error::invalid("request", msg!("msg-request-not-customers", request, customer = customer.number)));
    }
    check_answerable(&r, kinds)?;
    Ok(r)
}

/// A request for access or portability is answered with the copy it asks
/// for (Art. 15(3), 20(1)), made for the request so that the register shows
/// which file the person was given (Art. 5(2)). Nothing can be made for a
/// request once it is answered, so the answer waits for the copy. Of a
/// customer erased, what is left to tell is what the law keeps: a request
/// for access waits for their erasure confirmation made for it, where the
/// register kept what the erasure did (migration 38); otherwise, and for
/// portability, there is nothing to make, and the answer says so in its words.
async fn check_copy_made(tx: &mut WriteTx, r: &Request) -> Result<()> {
    use crate::reports::DocumentKind;
    let copy = match r.kind {
        RequestKind::Access => DocumentKind::Access,
        RequestKind::Portability => DocumentKind::Portability,
        _ => return Ok(()),
    };
    let Some(id) = r.customer_id else { return Ok(()) };
    let Some(customer) = store::customers::get_tx(tx, id).await? else { return Ok(()) };
    let erased = customer.state == crate::register::CustomerState::Erased;
    // The copy made before the erasure answers it too: it was what the person was sent.
    let answers = match (erased, r.kind) {
        (false, _) => vec![copy],
        (true, RequestKind::Access) if store::erasure::has_plan_tx(tx, id).await? => vec![copy, DocumentKind::Erasure],
        (true, _) => return Ok(()),
    };
    if store::documents::of_request(tx, r.id).await?.iter().any(|d| answers.contains(&d.kind)) {
        return Ok(());
    }
    let number = customer.number;
    Err(Error::Refused(match erased {
        true => msg!("msg-answer-erased-without-confirmation", request = r.id, customer = number),
        false => msg!("msg-answer-without-copy", request = r.id, kind = r.kind, customer = number),
    }))
}

/// A request for erasure is answered by the erasure (Art. 17(1)): what the
/// law makes the shop keep is kept by the erasure itself, restricted, and
/// listed in its confirmation (Art. 17(3)); or, where the person asked for
/// some details or records only (their phone number, the note of a call,
/// a course sign-up, their web activity), by removing those under the
/// request. Answering before either would record as done what was not;
/// where nothing may be erased, the request is refused with that reason
/// (Art. 12(4)).
async fn check_erased(tx: &mut WriteTx, r: &Request) -> Result<()> {
    if r.kind != RequestKind::Erasure {
        return Ok(());
    }
    let Some(id) = r.customer_id else { return Ok(()) };
    match store::customers::get_tx(tx, id).await? {
        Some(c) if c.state != crate::register::CustomerState::Erased => {
            // Some details removed, or some notes, sign-ups or web activity
            // erased, where the person asked for those only.
            if store::corrections::of_request(tx, r.id).await?.is_empty()
                && store::note_erasures::of_request(tx, r.id).await?.is_empty()
                && store::record_erasures::signups_of_request(tx, r.id).await?.is_empty()
                && store::record_erasures::web_of_request(tx, r.id).await?.is_empty()
            {
                return Err(Error::Refused(msg!("msg-answer-without-erasure", request = r.id, customer = c.number)));
            }
            Ok(())
        }
        _ => Ok(()),
    }
}

/// A request can be answered by what is made or done for it only when it is of
/// one of `kinds`, open, and the person's identity verified: handing a copy of
/// someone's data to whoever asked, unchecked, would itself be a breach
/// (Art. 12(6), 32(1)).
pub(crate) fn check_answerable(r: &Request, kinds: &[RequestKind]) -> Result<()> {
    let request = r.id;
    if !kinds.contains(&r.kind) {
        let kinds = kinds.iter().map(|k| k.as_str()).collect::<Vec<_>>().join(" / ");
        return Err(Error::invalid("request", msg!("msg-request-kind", request, kind = r.kind, kinds)));
    }
    if !matches!(r.state, RequestState::IdentityVerified | RequestState::InProgress) {
        return Err(Error::Refused(msg!("msg-request-not-open", request, state = r.state)));
    }
    Ok(())
}
