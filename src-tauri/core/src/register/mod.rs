//! The register: customers and everything attached to them.
//!
//! [`Register`] is the one entry point the command line and the app call. Each
//! operation validates its input, runs as one transaction and audits what it
//! changed in that same transaction; no caller writes SQL or audit entries.

pub mod customer;
pub mod finder;
pub mod listing;
pub mod order_form;
pub mod phone;
pub mod records;
pub mod restriction;
pub mod search;
pub mod series;

use chrono::{DateTime, NaiveDate, Utc};
use serde::Serialize;

pub use customer::{validate_email, Customer, CustomerChanges, CustomerFields, CustomerInput, CustomerState};
pub use order_form::{LineDraft, OrderDraft, OrderTotals};
pub use records::*;
pub use series::Series;

use crate::audit::Action;
use crate::audit::{to_json as json, StoredEntry};
use crate::error::{Error, Result};
use crate::msg;
use crate::processing::{self, Category};
use crate::requests::{Request, RequestKind};
use crate::settings::{self, Settings};
use crate::store::cipher::Passphrase;
use crate::store::records::OrderKey;
use crate::store::{self, Location, OpenMode, Store, WriteTx};
use crate::values::{
    ConsentId, CustomerId, EventRegistrationId, InteractionId, Language, Money, OrderId, RequestId, ShopCountry,
};

/// An open register and who is working in it (for the audit trail).
#[derive(Debug, Clone)]
pub struct Register {
    store: Store,
    actor: String,
    list_marks: listing::ListMarks,
}

/// What a new register starts with.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct InitOptions {
    pub country: ShopCountry,
    pub language: Language,
}

/// A page of the customer list.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, schemars::JsonSchema)]
pub struct Page<T> {
    pub total: i64,
    pub offset: i64,
    pub items: Vec<T>,
    /// The list version the page was read at ([`Register::list_version`]):
    /// pages of one version fit together; a page of another means the list
    /// changed in between, and the pages read before are out of date.
    pub version: i64,
}

/// Everything the register holds about one customer (the customer page).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, schemars::JsonSchema)]
pub struct CustomerPage {
    pub customer: Customer,
    /// The customer's phone as people read it ([`phone::of_customer`]): in
    /// the national form when the customer and the number are of the shop's
    /// own country, in the international form otherwise.
    pub phone_display: Option<String>,
    pub orders: Vec<Order>,
    pub invoices: Vec<Invoice>,
    pub interactions: Vec<Interaction>,
    pub web_events: Vec<WebEvent>,
    pub consents: Vec<Consent>,
    pub event_registrations: Vec<EventRegistration>,
    pub requests: Vec<Request>,
    /// Restrictions (Art. 18), the one in force and lifted ones.
    pub restrictions: Vec<restriction::Restriction>,
    /// The personal data breaches recorded as concerning the customer (Art. 34).
    pub breaches: Vec<crate::breaches::Breach>,
    pub history: Vec<StoredEntry>,
    /// The corrections of the customer's details and notes, with the values
    /// they replaced (Art. 16; kept by the audit trail, not the register).
    pub corrections: Vec<crate::audit::corrections::Correction>,
}

impl CustomerPage {
    /// The categories of data the register holds about the customer: the
    /// identity always, each other while it has a record.
    pub fn categories(&self) -> std::collections::BTreeSet<Category> {
        use Category::*;
        [
            (IdentityContact, true),
            (PurchaseHistory, !self.orders.is_empty()),
            (Invoices, !self.invoices.is_empty()),
            (Communications, !self.interactions.is_empty()),
            (WebActivity, !self.web_events.is_empty()),
            (Consents, !self.consents.is_empty()),
            (Events, !self.event_registrations.is_empty()),
            (Requests, !self.requests.is_empty()),
        ]
        .into_iter()
        .filter_map(|(category, held)| held.then_some(category))
        .collect()
    }
}

impl Register {
    /// Opens the register at `location`; `actor` names the person in the audit trail.
    pub async fn open(location: &Location, mode: OpenMode, actor: &str) -> Result<Register> {
        Register::open_keyed(location, mode, None, actor).await
    }

    /// Opens (or creates) an SQLite register encrypted under `key`; see [`Store::open_keyed`].
    pub async fn open_keyed(
        location: &Location,
        mode: OpenMode,
        key: Option<&Passphrase>,
        actor: &str,
    ) -> Result<Register> {
        Ok(Register {
            store: Store::open_keyed(location, mode, key).await?,
            actor: actor.to_owned(),
            list_marks: listing::ListMarks::default(),
        })
    }

    /// Encrypts a plain register under `new`, changes its passphrase from `old`
    /// to `new`, or (with `new` None) stores it plain again, and returns it
    /// reopened. Refused while the register is open anywhere else (Art. 32(1)(a)).
    pub async fn change_passphrase(
        location: &Location,
        old: Option<&Passphrase>,
        new: Option<&Passphrase>,
        actor: &str,
    ) -> Result<Register> {
        if let Location::Sqlite(path) = location {
            if store::cipher::file_state(path)? == store::cipher::FileState::Missing {
                return Err(Error::NoRegister(path.display().to_string()));
            }
        }
        let reg = Register::open_keyed(location, OpenMode::Existing, old, actor).await?;
        reg.set_passphrase(old, new).await?;
        Ok(reg)
    }

    /// The same for this open register, in place: every clone of it goes on
    /// with the rewritten file. `current` must be its passphrase when it has
    /// one, so that someone at an unlocked computer cannot take the register
    /// over. Its other connections are closed first, and the file is
    /// rewritten whole or not at all; on failure the register reopens as it
    /// was. Backups made before keep the key they were made under.
    pub async fn set_passphrase(&self, current: Option<&Passphrase>, new: Option<&Passphrase>) -> Result<()> {
        let Location::Sqlite(path) = &self.store.location() else {
            return Err(Error::Refused(msg!("msg-encrypt-postgres")));
        };
        // From here on the window's other commands wait; the key is read after
        // any rewrite before this one.
        let rewrite = self.store.rewrite().await;
        let old = self.store.key();
        match (&old, current) {
            (Some(key), Some(given)) if key.matches(given) => {}
            (Some(_), Some(_)) => return Err(Error::invalid("current", msg!("msg-not-the-passphrase"))),
            (Some(_), None) => return Err(Error::invalid("current", msg!("msg-give-passphrase"))),
            (None, _) if new.is_none() => return Err(Error::Refused(msg!("msg-not-encrypted", path = path.display()))),
            (None, _) => {}
        }
        self.store.close().await;
        if let Err(e) = store::cipher::rekey(path, old.as_ref(), new).await {
            self.store.reopen(old.as_ref()).await?;
            return Err(e);
        }
        self.store.reopen(new).await?;
        drop(rewrite);
        let mut tx = self.store.begin(&self.actor).await?;
        let after = serde_json::json!({ "encrypted": new.is_some() });
        tx.audit(Action::RegisterPassphrase, "register", "1", None, None, Some(&after)).await?;
        tx.commit().await
    }

    pub fn store(&self) -> &Store {
        &self.store
    }

    pub fn actor(&self) -> &str {
        &self.actor
    }

    /// True once `init` has run (the catalogue exists).
    pub async fn is_initialised(&self) -> Result<bool> {
        store::catalogue::is_seeded(&self.store).await
    }

    /// Gives a new register its settings and the privacy policy's catalogue.
    /// Does nothing on a register that has them already.
    pub async fn init(&self, options: InitOptions) -> Result<bool> {
        let mut tx = self.store.begin(&self.actor).await?;
        if store::catalogue::is_seeded_tx(&mut tx).await? {
            return Ok(false);
        }
        for (key, value) in [
            ("country", options.country.code()),
            ("language", options.language.as_str()),
            ("time_zone", options.country.default_time_zone()),
        ] {
            store::settings::set(&mut tx, key, value).await?;
        }
        for c in Category::ALL {
            store::catalogue::upsert_category(&mut tx, &c.default_processing()).await?;
        }
        for p in processing::default_processors(&crate::i18n::Translator::new(options.language)) {
            store::catalogue::insert_processor(&mut tx, &p).await?;
        }
        let today = tx.now().date_naive();
        for a in crate::assessments::defaults(&crate::i18n::Translator::new(options.language), today) {
            store::catalogue::insert_assessment(&mut tx, &a).await?;
        }
        let after = json(&options.country.code())?;
        tx.audit(Action::RegisterInit, "register", "1", None, None, Some(&after)).await?;
        tx.commit().await?;
        Ok(true)
    }

    pub async fn settings(&self) -> Result<Settings> {
        Ok(store::in_snapshot!(self.store, s => settings_in(&mut s).await?))
    }

    /// Changes one setting after checking it; returns the value stored.
    pub async fn set_setting(&self, key: &str, value: &str) -> Result<String> {
        let value = settings::validate(key, value)?;
        let mut tx = self.store.begin(&self.actor).await?;
        let before = store::settings::get(&mut tx, key).await?;
        store::settings::set(&mut tx, key, &value).await?;
        tx.audit(
            Action::SettingsSet,
            "setting",
            key,
            None,
            before.as_ref().map(json).transpose()?.as_ref(),
            Some(&json(&value)?),
        )
        .await?;
        tx.commit().await?;
        Ok(value)
    }

    pub async fn add_customer(&self, input: &CustomerInput) -> Result<Customer> {
        let s = self.settings().await?;
        let fields = CustomerFields::validate(input, s.country(), s.language())?;
        let mut tx = self.store.begin(&self.actor).await?;
        let now = tx.now();
        let customer = add_customer_in(&mut tx, &fields, new_pseudonym(), now).await?;
        tx.commit().await?;
        Ok(customer)
    }

    /// Withdraws a consent (Art. 7(3)): as easy as giving it, the purpose stops
    /// at once, and the proof stays. `request`: the withdrawal request it answers.
    pub async fn withdraw_consent(&self, id: ConsentId, request: Option<RequestId>) -> Result<Consent> {
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
        let saved = withdraw_consent_in(&mut tx, id, now, request).await?;
        tx.commit().await?;
        Ok(saved)
    }

    /// Edits a customer. With `expected_version`, refuses if someone saved the
    /// customer since that version was read (never silently overwrites).
    pub async fn edit_customer(
        &self,
        id: CustomerId,
        changes: &CustomerChanges,
        expected_version: Option<i64>,
    ) -> Result<Customer> {
        self.edit_customer_answering(id, changes, expected_version, None).await
    }

    /// [`Register::edit_customer`] as the answer to the person's `request`
    /// for rectification (Art. 16), which must be theirs, open and their
    /// identity verified: the correction is recorded under it.
    pub async fn edit_customer_answering(
        &self,
        id: CustomerId,
        changes: &CustomerChanges,
        expected_version: Option<i64>,
        request: Option<RequestId>,
    ) -> Result<Customer> {
        let s = self.settings().await?;
        let mut tx = self.store.begin(&self.actor).await?;
        let current = store::customers::get_tx(&mut tx, id).await?.ok_or_else(|| Error::not_found("customer", id))?;
        if current.state == CustomerState::Erased {
            return Err(Error::Refused(msg!("msg-erased-not-edited", customer = current.number)));
        }
        if let Some(expected) = expected_version {
            if expected != current.version {
                return Err(Error::Conflict {
                    entity: "customer",
                    id: id.to_string(),
                    expected,
                    current: current.version,
                });
            }
        }
        if let Some(r) = request {
            crate::requests::check_answers(&mut tx, &current, r, &[RequestKind::Rectification]).await?;
        }
        let updated = correct_customer_in(&mut tx, &s, &current, changes, request).await?;
        tx.commit().await?;
        Ok(updated)
    }

    pub async fn customer(&self, id: CustomerId) -> Result<Customer> {
        store::customers::get(&self.store, id).await?.ok_or_else(|| Error::not_found("customer", id))
    }

    /// A customer by row id or customer number, as a person types it.
    pub async fn find_customer(&self, reference: &str) -> Result<Customer> {
        let r = reference.trim();
        if let Ok(id) = r.parse::<i64>() {
            if let Some(c) = store::customers::get(&self.store, CustomerId(id)).await? {
                return Ok(c);
            }
        }
        store::customers::by_number(&self.store, r).await?.ok_or_else(|| Error::not_found("customer", r))
    }

    /// Everything the register holds about a customer, read as of one moment.
    pub async fn customer_page(&self, id: CustomerId) -> Result<CustomerPage> {
        Ok(store::in_snapshot!(self.store, s => {
            let shop = settings_in(&mut s).await?.country();
            customer_page_in(&mut s, id, shop).await?
        }))
    }

    /// Customers in name order, `limit` from `offset` (the list view pages through these).
    pub async fn list_customers(&self, offset: i64, limit: i64) -> Result<Page<Customer>> {
        self.list_marks.page(&self.store, offset.max(0), limit.clamp(1, 500), listing::STEP, listing::Wait::No).await
    }

    /// Makes the customer list's marks now, unless they are up to date (see
    /// [`listing`]): the window calls it in the background when it opens the
    /// register, so that the list is quick from the first scroll on, not only
    /// once a page has asked for them. The command line, which lists a page
    /// and exits, does not.
    pub async fn prepare_list(&self) -> Result<()> {
        self.list_marks.prepare(&self.store, listing::STEP).await
    }

    /// The version of the list of customers: another value after every change
    /// to it (a customer added, renamed or erased), made here or on another
    /// computer; the same after changes to anything else (notes, orders, an
    /// e-mail address). Pages of the list read at one version fit together.
    pub async fn list_version(&self) -> Result<i64> {
        Ok(store::in_snapshot!(self.store, s => store::customers::list_version(&mut s).await?))
    }

    /// Whether the register has a customer who is not erased: one index entry
    /// read, where a page's total would count them all (or start making the
    /// list's marks) after a change to the list.
    pub async fn has_customers(&self) -> Result<bool> {
        let listed = store::in_snapshot!(self.store, s => store::customers::listed_from(&mut s, &finder::Key::first(), 1).await?);
        Ok(listed > 0)
    }

    /// [`Self::list_customers`] from the list's marks `step` customers apart,
    /// made first if they are out of date (see [`listing`]); every step gives
    /// the same page.
    pub async fn list_customers_in_steps(&self, offset: i64, limit: i64, step: i64) -> Result<Page<Customer>> {
        let wait = listing::Wait::ForMarks;
        self.list_marks.page(&self.store, offset.max(0), limit.clamp(1, 500), step.max(1), wait).await
    }

    /// Customers whose name, e-mail, phone or number has words starting with
    /// every word of `query`, case- and accent-insensitively (see [`search`]).
    pub async fn search_customers(&self, query: &str, limit: i64) -> Result<Vec<Customer>> {
        self.search_customers_planned(query, limit, &finder::Plan::default()).await
    }

    /// [`Self::search_customers`] with other thresholds between the ways a
    /// search is answered (see [`finder`]); every plan gives the same answer.
    pub async fn search_customers_planned(
        &self,
        query: &str,
        limit: i64,
        plan: &finder::Plan,
    ) -> Result<Vec<Customer>> {
        let words = search::query_words(query);
        if words.is_empty() {
            return Ok(vec![]);
        }
        let ids = finder::find(&self.store, &words, limit.clamp(1, 500) as usize, plan).await?;
        store::customers::by_ids(&self.store, &ids).await
    }

    /// The next number of the shop's `series` (orders taken by hand,
    /// invoices); `None` when its setting is empty.
    pub async fn next_number(&self, series: Series) -> Result<Option<String>> {
        let Some(prefix) = series.prefix(&self.settings().await?) else { return Ok(None) };
        let Some(below) = series::series_end(&prefix) else { return Ok(None) };
        let mut taken = store::series::numbers_in_series(&self.store, series, &prefix, &below).await?;
        taken.extend(store::series::remembered_in_series(&self.store, series, &prefix, &below).await?);
        Ok(Some(series::next_in_series(&prefix, &taken)))
    }

    /// Records a voucher with the number `typed`, or, when nothing was typed,
    /// with the next of `series`. Two computers (or two windows) issuing at
    /// the same moment both see the same next number; the one that comes
    /// second finds it taken, and `record` is run again with the one after.
    async fn numbered<T, F, Fut>(&self, typed: &str, series: Series, record: F) -> Result<T>
    where
        F: Fn(String) -> Fut,
        Fut: std::future::Future<Output = Result<T>>,
    {
        /// Enough for every writer of a small shop's computers at once.
        const TRIES: usize = 10;
        let typed = typed.trim();
        if !typed.is_empty() {
            return record(typed.to_owned()).await;
        }
        let mut tries = 1;
        loop {
            let number = self
                .next_number(series)
                .await?
                .ok_or_else(|| Error::invalid("number", msg!("msg-give-number", setting = series.setting())))?;
            match record(number).await {
                Err(e) if e.is_number_taken() && tries < TRIES => tries += 1,
                done => return done,
            }
        }
    }

    /// Records an order as typed (the app's form, `kundvakt order add`); one
    /// typed without a number takes the next of the shop's series.
    pub async fn record_order(&self, draft: &OrderDraft) -> Result<Order> {
        let order = draft.read()?;
        self.numbered(&order.number, Series::Orders, |number| {
            let order = NewOrder { number, ..order.clone() };
            async move { self.add_order(&order).await }
        })
        .await
    }

    pub async fn add_order(&self, order: &NewOrder) -> Result<Order> {
        let mut tx = self.store.begin(&self.actor).await?;
        let saved = add_order_in(&mut tx, order).await?;
        tx.commit().await?;
        Ok(saved)
    }

    /// Moves an order on (paid, shipped, cancelled, refunded); returns the
    /// status it had. Refused when it has that status already.
    pub async fn set_order_status(&self, number: &str, status: OrderStatus) -> Result<OrderStatus> {
        let mut tx = self.store.begin(&self.actor).await?;
        let before = set_order_status_in(&mut tx, number, status)
            .await?
            .ok_or_else(|| Error::Refused(msg!("msg-order-status-already", number, status)))?;
        tx.commit().await?;
        Ok(before)
    }

    /// Issues an invoice, a reminder or a credit note of an order as a person
    /// gives it (the app's form, `kundvakt order invoice`); without a
    /// number, the next of the shop's invoice series.
    pub async fn record_invoice(&self, draft: &InvoiceDraft) -> Result<Invoice> {
        self.numbered(&draft.number, Series::Invoices, |number| self.invoice_numbered(draft, number)).await
    }

    async fn invoice_numbered(&self, draft: &InvoiceDraft, number: String) -> Result<Invoice> {
        let mut tx = self.store.begin(&self.actor).await?;
        let order = draft.order.trim();
        let invoiced = store::records::order_for_invoice(&mut tx, OrderKey::Number(order))
            .await?
            .ok_or_else(|| Error::not_found("order", order))?;
        let currency = crate::values::Currency::parse(&invoiced.currency)?;
        let invoice = NewInvoice {
            order_id: invoiced.id,
            number,
            kind: draft.kind,
            issued_on: draft.issued_on,
            due_on: draft.due_on,
            amount: crate::values::Money::parse(&draft.amount, currency, "amount")?,
            credits: draft.credits.as_deref().map(str::trim).filter(|c| !c.is_empty()).map(str::to_owned),
        };
        let saved = invoice_of(&mut tx, &invoice, &invoiced).await?;
        tx.commit().await?;
        Ok(saved)
    }

    pub async fn add_invoice(&self, invoice: &NewInvoice) -> Result<Invoice> {
        let mut tx = self.store.begin(&self.actor).await?;
        let saved = add_invoice_in(&mut tx, invoice).await?;
        tx.commit().await?;
        Ok(saved)
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

    pub async fn add_consent(&self, consent: &NewConsent) -> Result<Consent> {
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

// The operations inside a caller's transaction, so that a batch (the demo shop,
// an import) is one transaction with one audit entry per record.

/// Adds a customer who became one at `created_at` (now, or earlier for the demo and imports).
pub(crate) async fn add_customer_in(
    tx: &mut WriteTx,
    fields: &CustomerFields,
    pseudonym: String,
    created_at: DateTime<Utc>,
) -> Result<Customer> {
    let customer = store::customers::insert(tx, fields, pseudonym, created_at).await?;
    tx.audit(Action::CustomerAdd, "customer", customer.id, Some(customer.id), None, Some(&json(&customer)?)).await?;
    Ok(customer)
}

pub(crate) async fn add_order_in(tx: &mut WriteTx, order: &NewOrder) -> Result<Order> {
    let vat = order.validate()?;
    // Retention counts from the order's day (BFL 7 kap. 2 §): a day ahead of
    // the shop's would keep the voucher past its end. One day of slack for a
    // time zone east of the register's clock.
    if order.order_date > (tx.now() + chrono::Days::new(1)).date_naive() {
        return Err(Error::invalid("order_date", msg!("msg-in-the-future", when = order.order_date)));
    }
    let customer = active_customer_in(tx, order.customer_id).await?;
    if store::records::order_number_taken(tx, &order.number).await? {
        return Err(Error::duplicate("number", msg!("msg-order-exists", number = order.number)));
    }
    let saved = store::records::insert_order(tx, order, vat).await?;
    store::customers::touch(tx, customer.id, order.order_date.and_hms_opt(12, 0, 0).map(|t| t.and_utc())).await?;
    tx.audit(Action::OrderAdd, "order", saved.id, Some(customer.id), None, Some(&json(&saved)?)).await?;
    Ok(saved)
}

/// An invoice, a reminder or a credit note of an order: an accounting
/// record of its own (BFL 5 kap. 6 §), so it must agree with its order. Its
/// number is unique, it is issued on or after the order's day and not in the
/// future, falls due no earlier than it is issued, and is in the order's
/// currency. A credit note credits an invoice of the same order, issued on
/// or before it, by no more than is left of it. An erased customer's order
/// is kept only for the books: nothing is sent about it.
pub(crate) async fn add_invoice_in(tx: &mut WriteTx, invoice: &NewInvoice) -> Result<Invoice> {
    let invoiced = store::records::order_for_invoice(tx, OrderKey::Id(invoice.order_id))
        .await?
        .ok_or_else(|| Error::not_found("order", invoice.order_id))?;
    invoice_of(tx, invoice, &invoiced).await
}

/// Checks `invoice` against its order, `invoiced`, and records it.
async fn invoice_of(
    tx: &mut WriteTx,
    invoice: &NewInvoice,
    invoiced: &store::records::InvoicedOrder,
) -> Result<Invoice> {
    let number = records::check_text(&invoice.number, "number", 60)?;
    let store::records::InvoicedOrder { number: order_number, order_date, currency, customer_id, .. } = invoiced;
    // An erased customer's order is kept only for the books: nothing more is
    // sent about it. A refund made after the erasure must still reach the
    // books, as a credit note (a voucher, BFL 5 kap. 6 §), which needs no
    // personal data (GDPR Art. 17(3)(b): a legal obligation).
    if customer_id.is_none() && invoice.kind != InvoiceKind::CreditNote {
        return Err(Error::Refused(msg!("msg-order-of-erased", number = order_number)));
    }
    if store::records::invoice_number_taken(tx, &number).await? {
        return Err(Error::duplicate("number", msg!("msg-invoice-exists", number)));
    }
    if invoice.issued_on < *order_date {
        return Err(Error::invalid("issued_on", msg!("msg-invoice-before-order", order_date)));
    }
    if invoice.issued_on > (tx.now() + chrono::Days::new(1)).date_naive() {
        return Err(Error::invalid("issued_on", msg!("msg-in-the-future", when = invoice.issued_on)));
    }
    if invoice.due_on.is_some_and(|due| due < invoice.issued_on) {
        return Err(Error::invalid("due_on", msg!("msg-due-before-issued")));
    }
    if invoice.amount.currency.code() != currency.as_str() {
        return Err(Error::invalid("amount", msg!("msg-order-currency", currency)));
    }
    if invoice.amount.minor <= 0 {
        return Err(Error::invalid("amount", msg!("msg-more-than-zero")));
    }
    match (invoice.kind, invoice.credits.as_deref()) {
        (InvoiceKind::CreditNote, Some(credits)) => check_credit(tx, invoice, credits).await?,
        (InvoiceKind::CreditNote, None) => return Err(Error::invalid("credits", msg!("msg-give-credited"))),
        (_, Some(_)) => return Err(Error::invalid("credits", msg!("msg-only-credit-notes-credit"))),
        (_, None) => {}
    }
    let saved = store::records::insert_invoice(tx, invoice).await?;
    tx.audit(Action::InvoiceAdd, "invoice", saved.id, *customer_id, None, Some(&json(&saved)?)).await?;
    Ok(saved)
}

/// A credit note credits an invoice (not a reminder or another credit note)
/// of its own order, issued on or before it, and by no more than what
/// earlier credit notes have left of it.
async fn check_credit(tx: &mut WriteTx, note: &NewInvoice, credits: &str) -> Result<()> {
    let credited = store::records::credited(tx, credits)
        .await?
        .ok_or_else(|| Error::invalid("credits", msg!("msg-no-invoice", credits)))?;
    let invoice = &credited.invoice;
    if invoice.order_id != note.order_id {
        return Err(Error::invalid("credits", msg!("msg-invoice-of-another-order", credits)));
    }
    if invoice.kind != InvoiceKind::Invoice {
        return Err(Error::invalid("credits", msg!("msg-credit-not-an-invoice", credits)));
    }
    if note.issued_on < invoice.issued_on {
        return Err(Error::invalid(
            "issued_on",
            msg!("msg-credit-before-invoice", credits, issued = invoice.issued_on),
        ));
    }
    let left = Money::new(invoice.amount.minor + credited.credited_minor, invoice.amount.currency);
    if note.amount.minor > left.minor {
        return Err(Error::invalid("amount", msg!("msg-credit-left", left, credits)));
    }
    Ok(())
}

pub(crate) async fn add_interaction_in(tx: &mut WriteTx, i: &NewInteraction) -> Result<Interaction> {
    records::check_text(&i.summary, "summary", 5000)?;
    records::optional_text_field(i.staff.as_deref(), "staff", 100)?;
    records::not_in_future(i.occurred_at, tx.now(), "occurred_at")?;
    if let Some(closed_on) = i.closed_on {
        records::check_closed_on(i.occurred_at, closed_on, tx.now())?;
    }
    active_customer_in(tx, i.customer_id).await?;
    let saved = store::records::insert_interaction(tx, i).await?;
    store::customers::touch(tx, i.customer_id, Some(i.occurred_at)).await?;
    tx.audit(Action::InteractionAdd, "interaction", saved.id, Some(i.customer_id), None, Some(&json(&saved)?)).await?;
    Ok(saved)
}

/// An order's status, changed and audited: the amounts stay the voucher's (the
/// bookkeeping law keeps them as recorded), only what became of the order
/// moves on. `None` when the order had that status already.
pub(crate) async fn set_order_status_in(
    tx: &mut WriteTx,
    number: &str,
    status: OrderStatus,
) -> Result<Option<OrderStatus>> {
    let (id, before, customer) =
        store::records::order_status_by_number(tx, number).await?.ok_or_else(|| Error::not_found("order", number))?;
    if before == status {
        return Ok(None);
    }
    if !store::records::set_order_status(tx, id, before, status).await? {
        return Err(Error::Refused(msg!("msg-order-changed", number)));
    }
    let state = |s: OrderStatus| serde_json::json!({ "order": number, "status": s });
    tx.audit(Action::OrderStatus, "order", id, customer, Some(&state(before)), Some(&state(status))).await?;
    Ok(Some(before))
}

pub(crate) async fn add_web_event_in(tx: &mut WriteTx, e: &NewWebEvent) -> Result<WebEvent> {
    records::check_text(&e.action, "action", 500)?;
    records::optional_text_field(e.user_agent.as_deref(), "user_agent", 500)?;
    records::not_in_future(e.occurred_at, tx.now(), "occurred_at")?;
    active_customer_in(tx, e.customer_id).await?;
    let saved = store::records::insert_web_event(tx, e).await?;
    store::customers::touch(tx, e.customer_id, Some(e.occurred_at)).await?;
    tx.audit(Action::WebEventAdd, "web_event", saved.id, Some(e.customer_id), None, Some(&json(&saved)?)).await?;
    Ok(saved)
}

pub(crate) async fn add_consent_in(tx: &mut WriteTx, c: &NewConsent) -> Result<Consent> {
    records::check_text(&c.purpose, "purpose", 100)?;
    records::check_text(&c.text_version, "text_version", 100)?;
    records::check_text(&c.channel, "channel", 100)?;
    // Art. 7(1): the proof says when the person consented; that is never later than now.
    records::not_in_future(c.given_at, tx.now(), "given_at")?;
    active_customer_in(tx, c.customer_id).await?;
    let saved = store::records::insert_consent(tx, c).await?;
    tx.audit(Action::ConsentGive, "consent", saved.id, Some(c.customer_id), None, Some(&json(&saved)?)).await?;
    Ok(saved)
}

/// Art. 7(3): the purpose stops now; the consent row stays as proof.
pub(crate) async fn withdraw_consent_in(
    tx: &mut WriteTx,
    id: ConsentId,
    at: DateTime<Utc>,
    request: Option<RequestId>,
) -> Result<Consent> {
    let saved = store::records::withdraw_consent(tx, id, at)
        .await?
        .ok_or_else(|| Error::Refused(msg!("msg-consent-withdrawn", id)))?;
    let after = serde_json::json!({ "consent": json(&saved)?, "request": request });
    tx.audit(Action::ConsentWithdraw, "consent", saved.id, Some(saved.customer_id), None, Some(&after)).await?;
    Ok(saved)
}

pub(crate) async fn add_event_registration_in(tx: &mut WriteTx, r: &NewEventRegistration) -> Result<EventRegistration> {
    records::check_text(&r.event_name, "event_name", 200)?;
    records::check_registration(r.event_date, r.status, slack_today(tx))?;
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

/// Today at its latest anywhere: the day after today in UTC, the same slack
/// that the other checks of "not in the future" give for time zones.
fn slack_today(tx: &WriteTx) -> NaiveDate {
    (tx.now() + chrono::Days::new(1)).date_naive()
}

async fn active_customer_in(tx: &mut WriteTx, id: CustomerId) -> Result<Customer> {
    let c = store::customers::get_tx(tx, id).await?.ok_or_else(|| Error::not_found("customer", id))?;
    refuse_unless_active(&c)?;
    Ok(c)
}

/// What an erasure keeps of a customer (a note under the bookkeeping law or
/// a legal hold) is only stored (Art. 18(2)): it is neither corrected nor
/// closed, nor its mark taken away.
/// Writes a correction of customer `current` (Art. 16), checked as the
/// window's form is, recorded under `request` where it answers one. A change
/// that changes nothing ("070-123 45 67" for the stored "+46701234567") is
/// no edit: no new version, no audit entry, `current` back.
pub(crate) async fn correct_customer_in(
    tx: &mut WriteTx,
    s: &Settings,
    current: &Customer,
    changes: &CustomerChanges,
    request: Option<RequestId>,
) -> Result<Customer> {
    let fields = CustomerFields::validate(&changes.apply_to(current), s.country(), s.language())?;
    if fields.unchanged(current) {
        return Ok(current.clone());
    }
    let updated = store::customers::update(tx, current, &fields).await?;
    tx.audit_correction(Action::CustomerEdit, current.id, None, request, &json(current)?, &json(&updated)?).await?;
    Ok(updated)
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

async fn refuse_if_erased(tx: &mut WriteTx, id: CustomerId) -> Result<()> {
    let c = store::customers::get_tx(tx, id).await?.ok_or_else(|| Error::not_found("customer", id))?;
    match c.state {
        CustomerState::Erased => Err(Error::Refused(msg!("msg-customer-erased", customer = c.number))),
        _ => Ok(()),
    }
}

/// New records may only be attached to customers whose data is in use (Art. 18(2)).
fn refuse_unless_active(c: &Customer) -> Result<()> {
    match c.state {
        CustomerState::Active => Ok(()),
        state => Err(Error::Refused(msg!("msg-customer-not-active", customer = c.number, state))),
    }
}

/// A random pseudonym for a new customer.
pub(crate) fn new_pseudonym() -> String {
    pseudonym_from(&mut rand::thread_rng())
}

/// "P-" and twelve letters and digits (60 bits), from `rng`.
pub(crate) fn pseudonym_from(rng: &mut impl rand::Rng) -> String {
    const ALPHABET: &[u8] = b"ABCDEFGHJKLMNPQRSTUVWXYZ23456789";
    let s: String = (0..12).map(|_| ALPHABET[rng.gen_range(0..ALPHABET.len())] as char).collect();
    format!("P-{s}")
}

/// The settings within a snapshot (or a write).
pub(crate) async fn settings_in(tx: &mut impl store::Within) -> Result<Settings> {
    Ok(Settings::from_stored(store::settings::all(tx).await?))
}

/// [`Register::customer_page`] within `snapshot`, which the caller may read more from.
/// `shop`: the shop's country, for the phone's written form.
pub(crate) async fn customer_page_in(
    snapshot: &mut store::Snapshot,
    id: CustomerId,
    shop: ShopCountry,
) -> Result<CustomerPage> {
    let customer = store::customers::get_tx(snapshot, id).await?.ok_or_else(|| Error::not_found("customer", id))?;
    let phone_display = customer.phone.as_deref().map(|p| phone::of_customer(p, customer.country.as_deref(), shop));
    let orders = store::records::orders_of(snapshot, id).await?;
    let order_ids: Vec<OrderId> = orders.iter().map(|o| o.id).collect();
    Ok(CustomerPage {
        invoices: store::records::invoices_of(snapshot, &order_ids).await?,
        interactions: store::records::interactions_of(snapshot, id).await?,
        web_events: store::records::web_events_of(snapshot, id).await?,
        consents: store::records::consents_of(snapshot, id).await?,
        event_registrations: store::records::event_registrations_of(snapshot, id).await?,
        requests: store::requests::of_customer(snapshot, id).await?,
        restrictions: store::restrictions::of_customer(snapshot, id).await?,
        breaches: store::breaches::of_customer(snapshot, id).await?,
        history: store::audit::for_customer(snapshot, id).await?,
        corrections: crate::audit::corrections::of_customer(snapshot, id, |p| {
            phone::of_customer(p, customer.country.as_deref(), shop)
        })
        .await?,
        orders,
        customer,
        phone_display,
    })
}
