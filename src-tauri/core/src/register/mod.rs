//! The register: customers and everything attached to them.
//!
//! [`Register`] is the one entry point the command line and the app call. Each
//! operation validates its input, runs as one transaction and audits what it
//! changed in that same transaction; no caller writes SQL or audit entries.

mod activity;
pub mod customer;
pub mod finder;
pub mod likeness;
pub mod listing;
mod lookup;
pub mod merge;
mod note_move;
pub mod order_form;
mod order_sheet;
pub mod phone;
pub mod records;
pub mod restriction;
pub mod search;
pub mod series;
mod shop_numbers;
pub mod unmerge;
mod vouchers;
pub mod web_objection;

use chrono::{DateTime, NaiveDate, Utc};
use serde::Serialize;

pub use customer::{validate_email, Customer, CustomerChanges, CustomerFields, CustomerInput, CustomerState};
pub use lookup::{Found, VoucherFound};
pub use order_form::{LineDraft, OrderDraft, OrderTotals};
pub use order_sheet::{LineAmounts, OrderSheet};
pub use records::*;
pub use series::Series;

pub(crate) use activity::{
    add_consent_in, add_event_registration_in, add_interaction_in, add_web_event_in, correct_interaction_in,
    withdraw_consent_in, withdraw_one_in,
};
pub(crate) use shop_numbers::record_in as record_shop_number;
pub(crate) use vouchers::{add_invoice_in, add_order_in, set_order_status_in, Entered};

use crate::audit::Action;
use crate::audit::{to_json as json, StoredEntry};
use crate::error::{Error, Result};
use crate::fiscal_years::FinancialYears;
use crate::msg;
use crate::processing::{self, Category};
use crate::requests::{Request, RequestKind};
use crate::retention::due::Keeper;
use crate::retention::KeptPast;
use crate::settings::{self, Settings};
use crate::store::cipher::Passphrase;
use crate::store::{self, Location, OpenMode, Store, WriteTx};
use crate::values::{CustomerId, Language, OrderId, RequestId, ShopCountry};

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
    /// The web shop's other numbers for the customer, in the order they were
    /// recorded ([`shop_numbers`]).
    pub shop_numbers: Vec<String>,
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
    /// The stored details that today's checks refuse ([`Customer::problems`]).
    pub problems: Vec<customer::FieldProblem>,
    /// Of a customer erased, until when the law keeps each order kept under
    /// the pseudonym, in the order of `orders`; empty for any other customer.
    pub kept: Vec<KeptOrder>,
    /// Their objection to the recording of their web activity, while it is
    /// in force (Art. 21(1)): none of it is recorded ([`web_objection`]).
    pub web_objection: Option<web_objection::WebObjection>,
    /// Others in the register who may be the same person ([`likeness`]):
    /// a copy or an erasure for them should cover those that are.
    pub maybe_same: Vec<likeness::MaybeSame>,
    /// How many more than those named were found (the list names ten at most).
    pub maybe_same_more: usize,
    /// The customers merged into this one, oldest first ([`merge`]): their
    /// history is read with this customer's.
    pub merges: Vec<merge::Merge>,
    /// Of a customer merged into another, whom into: this row is retired,
    /// and everything it held is that customer's now.
    pub merged_into: Option<merge::MergedInto>,
}

/// How long an order of a customer erased is kept (Art. 17(3)(b)): until the
/// bookkeeping law's end for it and its invoices, or, while a legal hold is
/// on it, one of its invoices or the customer, until the hold is lifted.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, schemars::JsonSchema)]
pub struct KeptOrder {
    pub order: OrderId,
    pub until: NaiveDate,
    /// The law's rule, as [`crate::retention::Retention::rule`] names it.
    pub rule: String,
    /// A legal hold keeps it, whatever its end: it is kept while the hold lasts.
    pub held: bool,
    /// Where `until` has passed, on the day the page was read: what keeps
    /// it, as the sweep reads it (the person's request for a copy, until it
    /// is answered), or that the next sweep deletes it. A page that told
    /// only a day gone by would say the shop keeps it without end.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub kept_past: Option<KeptPast>,
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
            // The history of the settings begins with the register.
            store::settings::record_now(&mut tx, key, value).await?;
        }
        for c in Category::ALL {
            store::catalogue::upsert_category(&mut tx, &c.default_processing()).await?;
        }
        for p in processing::default_processors(&crate::i18n::Translator::new(options.language)) {
            store::catalogue::insert_processor(&mut tx, &p).await?;
        }
        // The suggestions are dated the day the register began on the shop's clock.
        let today = settings_in(&mut tx).await?.day_of(tx.now());
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

    /// The shop's financial years as the settings have them, a first year
    /// from the register's first order where that is earlier than the law
    /// allows the year to begin ([`FinancialYears::with_first_record`]: its
    /// export leaves no order out; no invoice is issued before its order).
    pub async fn financial_years(&self) -> Result<FinancialYears> {
        Ok(store::in_snapshot!(self.store, s => {
            let years = settings_in(&mut s).await?.financial_years().clone();
            match years.has_first_year() {
                true => years.with_first_record(store::records::earliest_order_date(&mut s).await?),
                false => years,
            }
        }))
    }

    /// The changes of the settings, of `key` alone if given, the newest
    /// first: what the shop set when, and who did (Art. 5(2)). Recorded since
    /// migration 47; a key no setting has is refused.
    pub async fn setting_changes(&self, key: Option<&str>) -> Result<Vec<settings::SettingChange>> {
        if let Some(key) = key {
            settings::check_key(key)?;
        }
        Ok(store::in_snapshot!(self.store, s => store::settings::changes(&mut s, key).await?))
    }

    /// Changes one setting after checking it; returns the value stored. A
    /// value the setting has already changes nothing.
    ///
    /// A new country brings its time zone where the register keeps the old
    /// country's own (the one a register starts with): a Finnish shop started
    /// as a Swedish one would otherwise date everything an hour off. A time
    /// zone the shop chose itself stays.
    pub async fn set_setting(&self, key: &str, value: &str) -> Result<String> {
        let value = settings::validate(key, value)?;
        let mut tx = self.store.begin(&self.actor).await?;
        if store::settings::get(&mut tx, key).await?.as_deref() == Some(value.as_str()) {
            // Saved as it stands (a field left again, a form sent twice):
            // nothing changes, so the history and the trail say nothing.
            tx.rollback().await?;
            return Ok(value);
        }
        let before = set_setting_in(&mut tx, key, &value).await?;
        if key == "country" {
            let old = before.as_deref().and_then(|c| c.parse::<ShopCountry>().ok());
            let new = value.parse::<ShopCountry>().ok();
            let zone = store::settings::get(&mut tx, "time_zone").await?;
            if let (Some(old), Some(new), Some(zone)) = (old, new, zone) {
                if zone == old.default_time_zone() && old != new {
                    set_setting_in(&mut tx, "time_zone", new.default_time_zone()).await?;
                }
            }
        }
        // The years after a change begin in the month the changed year hands
        // on to; and the years must agree whichever of them was saved (only
        // then: years saved before the check do not stop other settings).
        if key == crate::fiscal_years::CHANGED_KEY {
            if let Some(last) = crate::fiscal_years::parse_changed(&value)?.last() {
                let month = chrono::Datelike::month(&last.next()).to_string();
                if store::settings::get(&mut tx, "fiscal_year_start_month").await?.as_deref() != Some(month.as_str()) {
                    set_setting_in(&mut tx, "fiscal_year_start_month", &month).await?;
                }
            }
        }
        if crate::fiscal_years::YEAR_KEYS.contains(&key) {
            settings_in(&mut tx).await?.financial_years().check(key)?;
        }
        tx.commit().await?;
        Ok(value)
    }

    pub async fn add_customer(&self, input: &CustomerInput) -> Result<Customer> {
        let s = self.settings().await?;
        let fields = CustomerFields::check(input, s.country(), s.language())?;
        let mut tx = self.store.begin(&self.actor).await?;
        let now = tx.now();
        let customer = add_customer_in(&mut tx, &fields, new_pseudonym(), now, Some(true)).await?;
        tx.commit().await?;
        Ok(customer)
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
    /// for rectification (Art. 16), or for erasure of the details it removes
    /// (Art. 17), which must be theirs, open and their identity verified:
    /// the correction is recorded under it.
    pub async fn edit_customer_answering(
        &self,
        id: CustomerId,
        changes: &CustomerChanges,
        expected_version: Option<i64>,
        request: Option<RequestId>,
    ) -> Result<Customer> {
        let s = self.settings().await?;
        // Details removed at the person's request are erased: a backup first, as before any erasure.
        if let Some(r) = request {
            if store::requests::get(&self.store, r).await?.is_some_and(|r| r.kind == RequestKind::Erasure) {
                self.rotate_backup(crate::backup::BackupPurpose::Erasure).await?;
            }
        }
        let mut tx = self.store.begin(&self.actor).await?;
        let current = store::customers::get_tx(&mut tx, id).await?.ok_or_else(|| Error::not_found("customer", id))?;
        // A window showing the customer as they were before someone erased or
        // merged them is told of the change first: read again, it says what happened.
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
        if current.state == CustomerState::Erased {
            return Err(Error::Refused(msg!("msg-erased-not-edited", customer = current.number)));
        }
        let answering = match request {
            Some(r) => Some(
                crate::requests::check_answers(
                    &mut tx,
                    &current,
                    r,
                    &[RequestKind::Rectification, RequestKind::Erasure],
                )
                .await?,
            ),
            None => None,
        };
        let updated = correct_customer_in(&mut tx, &s, &current, changes, request).await?;
        // A request to erase some details (the phone number, the address) is
        // answered by removing them (Art. 17(1)); a new value is a correction,
        // which a request for rectification asks for (Art. 16).
        let erasure = answering.filter(|r| r.kind == RequestKind::Erasure);
        if let Some(r) = &erasure {
            if !only_removes(&current, &updated) {
                return Err(Error::Refused(msg!("msg-erasure-only-removes", request = r.id)));
            }
        }
        tx.commit().await?;
        // What was removed leaves no copy in the database's log, as after any erasure.
        if erasure.is_some() {
            store::erasure::flush_deleted(&self.store).await?;
        }
        Ok(updated)
    }

    pub async fn customer(&self, id: CustomerId) -> Result<Customer> {
        store::customers::get(&self.store, id).await?.ok_or_else(|| Error::not_found("customer", id))
    }

    /// A customer by row id, customer number or a web shop number of theirs,
    /// as a person types it; a customer merged into another is found as the
    /// one kept, the person they are.
    pub async fn find_customer(&self, reference: &str) -> Result<Customer> {
        Ok(self.locate_customer(reference).await?.customer)
    }

    /// The customer `reference` names as it is written: by id, else by
    /// number, web shop number or pseudonym; a merged customer's retired row
    /// too ([`Register::locate_customer`] goes on to the one kept).
    pub(crate) async fn named_customer(&self, reference: &str) -> Result<Customer> {
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
            let settings = settings_in(&mut s).await?;
            customer_page_in(&mut s, id, &settings).await?
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
}

// The operations inside a caller's transaction, so that a batch (the demo shop,
// an import) is one transaction with one audit entry per record: a customer's
// here, an order's or invoice's in `vouchers`, the other records' in `activity`.

/// Adds a customer who became one at `created_at` (now, or earlier for the
/// demo and imports); `by_hand` whether by hand, where it is known.
pub(crate) async fn add_customer_in(
    tx: &mut WriteTx,
    fields: &CustomerFields,
    pseudonym: String,
    created_at: DateTime<Utc>,
    by_hand: Option<bool>,
) -> Result<Customer> {
    let customer = store::customers::insert(tx, fields, pseudonym, created_at, by_hand).await?;
    tx.audit(Action::CustomerAdd, "customer", customer.id, Some(customer.id), None, Some(&json(&customer)?)).await?;
    Ok(customer)
}

/// Today at its latest anywhere: the day after today in UTC, the same slack
/// that the other checks of "not in the future" give for time zones.
fn slack_today(tx: &WriteTx) -> NaiveDate {
    (tx.now() + chrono::Days::new(1)).date_naive()
}

async fn active_customer_in(tx: &mut WriteTx, id: CustomerId) -> Result<Customer> {
    let c = store::customers::get_tx(tx, id).await?.ok_or_else(|| Error::not_found("customer", id))?;
    refuse_merged(tx, &c).await?;
    refuse_unless_active(&c)?;
    Ok(c)
}

/// A merged customer's retired row (a window may still show it) is refused
/// as what it is, naming the customer whose their records are now.
pub(crate) async fn refuse_merged(tx: &mut impl store::Within, c: &Customer) -> Result<()> {
    if c.state != CustomerState::Erased {
        return Ok(());
    }
    match merge::merged_into(tx, c.id).await? {
        Some(into) => {
            let (customer, into) = (into.merged_number, into.number);
            Err(Error::Refused(msg!("msg-customer-merged-into", customer, into)))
        }
        None => Ok(()),
    }
}

/// Whether `after` only takes away details `before` held.
fn only_removes(before: &Customer, after: &Customer) -> bool {
    let kept_or_gone = |b: &Option<String>, a: &Option<String>| a.is_none() || a == b;
    (&before.number, &before.name, &before.country, before.language)
        == (&after.number, &after.name, &after.country, after.language)
        && [
            (&before.email, &after.email),
            (&before.phone, &after.phone),
            (&before.street, &after.street),
            (&before.postal_code, &after.postal_code),
            (&before.city, &after.city),
        ]
        .into_iter()
        .all(|(b, a)| kept_or_gone(b, a))
}

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
    let fields = CustomerFields::check(&changes.apply_to(current), s.country(), s.language())?;
    if fields.unchanged(current) {
        return Ok(current.clone());
    }
    let updated = store::customers::update(tx, current, &fields).await?;
    let (before, after) = (json(current)?, json(&updated)?);
    tx.audit_correction(Action::CustomerEdit, current.id, None, request, &before, &after).await?;
    // A detail removed at the person's request for erasure is not kept beside the trail either (Art. 17(1)).
    let erasure = match request {
        Some(r) => {
            store::requests::get_tx(tx, r).await?.is_some_and(|r| r.kind == crate::requests::RequestKind::Erasure)
        }
        None => false,
    };
    if erasure {
        let removed = crate::audit::corrections::removed(&before, &after);
        crate::audit::corrections::forget_removed(tx, current.id, &removed).await?;
    }
    Ok(updated)
}

/// What an erasure keeps of a customer (a note under the bookkeeping law or
/// a legal hold) is only stored (Art. 18(2)): it is neither corrected nor
/// closed, nor its mark taken away.
async fn refuse_if_erased(tx: &mut WriteTx, id: CustomerId) -> Result<()> {
    let c = store::customers::get_tx(tx, id).await?.ok_or_else(|| Error::not_found("customer", id))?;
    refuse_merged(tx, &c).await?;
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

/// Stores one checked setting, records and audits the change; returns the value before.
async fn set_setting_in(tx: &mut WriteTx, key: &str, value: &str) -> Result<Option<String>> {
    let before = store::settings::get(tx, key).await?;
    store::settings::set(tx, key, value).await?;
    store::settings::record_now(tx, key, value).await?;
    let was = before.as_ref().map(json).transpose()?;
    tx.audit(Action::SettingsSet, "setting", key, None, was.as_ref(), Some(&json(&value)?)).await?;
    Ok(before)
}

/// The settings within a snapshot (or a write).
pub(crate) async fn settings_in(tx: &mut impl store::Within) -> Result<Settings> {
    Ok(Settings::from_stored(store::settings::all(tx).await?))
}

/// [`CustomerPage::kept`]: the law's end of each order, and what keeps it
/// past that day, the legal hold whatever the day.
async fn kept_orders(
    snapshot: &mut store::Snapshot,
    settings: &Settings,
    orders: &[Order],
    invoices: &[Invoice],
) -> Result<Vec<KeptOrder>> {
    // A hold on the order, one of its invoices or the erased customer, or
    // a request of the person's, as the sweep reads it: the first of what
    // keeps a record past its end is a hold, where there is one.
    let ids: Vec<OrderId> = orders.iter().map(|o| o.id).collect();
    let keepers: std::collections::HashMap<OrderId, Option<Keeper>> =
        store::retention::order_keepers(snapshot, &ids).await?.into_iter().collect();
    let today = settings.day_of(store::now());
    Ok(orders
        .iter()
        .map(|o| {
            let keeper = keepers.get(&o.id).copied().flatten();
            let of_order = invoices.iter().filter(|i| i.order_id == o.id).map(|i| i.issued_on);
            let end = crate::retention::order(settings, o.order_date, of_order)
                .on(today, || keeper.map_or(KeptPast::Due, KeptPast::from));
            KeptOrder {
                order: o.id,
                until: end.retain_until.unwrap_or(o.order_date),
                rule: end.rule,
                held: keeper == Some(Keeper::LegalHold),
                kept_past: end.kept_past,
            }
        })
        .collect())
}

/// [`Register::customer_page`] within `snapshot`, which the caller may read more from.
/// `settings`: the shop's, for the phone's written form and the kept orders' ends.
pub(crate) async fn customer_page_in(
    snapshot: &mut store::Snapshot,
    id: CustomerId,
    settings: &Settings,
) -> Result<CustomerPage> {
    let shop = settings.country();
    let customer = store::customers::get_tx(snapshot, id).await?.ok_or_else(|| Error::not_found("customer", id))?;
    let phone_display = customer.phone.as_deref().map(|p| phone::of_customer(p, customer.country.as_deref(), shop));
    // An erased customer's orders and invoices are kept for the bookkeeping
    // law under the pseudonym, restricted (Art. 17(3)(b), 18): the page shows
    // them, so that the shop finds them for the books (a credit note of a
    // return), and for nothing else.
    let of = match customer.state {
        CustomerState::Erased => store::records::OrdersOf::KeptUnder(&customer.pseudonym),
        _ => store::records::OrdersOf::Customer(id),
    };
    let orders = store::records::orders_of(snapshot, of).await?;
    let order_ids: Vec<OrderId> = orders.iter().map(|o| o.id).collect();
    let invoices = store::records::invoices_of(snapshot, &order_ids).await?;
    let kept = match customer.state {
        CustomerState::Erased => kept_orders(snapshot, settings, &orders, &invoices).await?,
        _ => vec![],
    };
    let mut consents = store::records::consents_of(snapshot, id).await?;
    records::mark_replaced(&mut consents);
    let merges = store::merges::into_customer(snapshot, id).await?;
    let merged_into = match customer.state {
        CustomerState::Erased => merge::merged_into(snapshot, id).await?,
        _ => None,
    };
    let (maybe_same, maybe_same_more) = likeness::maybe_same_in(snapshot, &customer).await?;
    Ok(CustomerPage {
        merged_into,
        maybe_same,
        maybe_same_more,
        kept,
        invoices,
        interactions: store::records::interactions_of(snapshot, id).await?,
        web_events: store::records::web_events_of(snapshot, id).await?,
        consents,
        event_registrations: store::records::event_registrations_of(snapshot, id).await?,
        requests: store::requests::of_customer(snapshot, id).await?,
        restrictions: store::restrictions::of_customer(snapshot, id).await?,
        web_objection: store::web_objections::in_force(snapshot, id).await?,
        breaches: store::breaches::of_customer(snapshot, id).await?,
        history: store::audit::for_customer(snapshot, id, &merges).await?,
        corrections: crate::audit::corrections::of_customer(snapshot, id, |p| {
            phone::of_customer(p, customer.country.as_deref(), shop)
        })
        .await?,
        shop_numbers: store::shop_numbers::of_customer(snapshot, id).await?,
        orders,
        problems: customer.problems(shop),
        customer,
        phone_display,
        merges,
    })
}
