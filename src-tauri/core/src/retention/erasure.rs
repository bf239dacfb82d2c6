//! Erasing a customer (GDPR Art. 17) without destroying the books.
//!
//! Everything no law keeps goes: the identity and contact data, notes of calls
//! and e-mails, web activity, course sign-ups, consents whose proof period has
//! ended. Art. 17(3)(b) does not reach what a legal obligation keeps: orders and
//! invoices still under the bookkeeping law stay, lose their link to the person
//! and carry the customer's stable pseudonym instead, and are restricted
//! (Art. 18: kept, used for nothing but that obligation and legal claims) until
//! the sweep deletes them the day after their `retain_until`. The proof of a
//! consent (Art. 7(1)) and the record of the person's requests (Art. 5(2)) stay
//! for their set periods; records under a legal hold stay until it is lifted
//! (Art. 17(3)(e)), and those no law keeps go then (`Register::lift_hold`). The customer row stays as an empty tombstone (number,
//! pseudonym, state `erased`) so that requests, the erasure log and a re-import
//! can refer to the person without naming them. Every recipient of the data
//! erased or restricted is named in the plan, to be told of it (Art. 19).

use std::collections::{BTreeMap, BTreeSet, HashMap, HashSet};

use chrono::{DateTime, NaiveDate, Utc};
use schemars::JsonSchema;
use serde::Serialize;
use sha2::{Digest, Sha256};

use super::due::RecordKind;
use crate::audit::to_json as json;
use crate::audit::Action;
use crate::error::{Error, Result};
use crate::macros::text_enum;
use crate::processing::{Category, InformedRecipient, Processor};
use crate::register::{Customer, CustomerState};
use crate::reports::notices::{ErasedItem, KeptBreach, KeptItem, KeptPending};
use crate::requests::RequestKind;
use crate::settings::Settings;
use crate::store::erasure::Holdings;
use crate::store::{self, WriteTx};
use crate::values::{CustomerId, Language, RequestId};
use crate::Register;

text_enum! {
    /// Why a customer was erased.
    pub enum ErasureReason {
        /// The person asked (Art. 17(1)), through a logged request.
        Request = "request",
        /// The inactive-account period ended (the retention sweep).
        Retention = "retention",
        /// The shop erased the customer without a logged request.
        Manual = "manual",
    }
}

/// When, why and on whose request customers are erased.
#[derive(Debug, Clone, Copy)]
pub(crate) struct Occasion {
    /// The day the erasure takes effect (retention is judged on this day).
    pub on: NaiveDate,
    pub reason: ErasureReason,
    /// The erasure request answered, if any.
    pub request: Option<RequestId>,
}

/// What erasing a customer does: the preview, and afterwards the record of it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, serde::Deserialize, JsonSchema)]
pub struct ErasurePlan {
    pub customer: CustomerId,
    pub number: String,
    /// The stable pseudonym that the kept accounting records carry instead of the person.
    pub pseudonym: String,
    /// The person's language, for the confirmation.
    pub language: Language,
    /// The day the erasure takes effect (retention is judged on this day).
    pub on: NaiveDate,
    pub request: Option<RequestId>,
    pub reason: ErasureReason,
    pub erased: Vec<ErasedItem>,
    pub kept: Vec<KeptItem>,
    /// The personal data breaches whose record keeps the link to the person,
    /// under the pseudonym (Art. 33(5)).
    pub breaches: Vec<KeptBreach>,
    /// Who received what the erasure erases or restricts, and must be told
    /// of it (Art. 19): the catalogue's processors and recipients of those
    /// categories.
    pub recipients: Vec<InformedRecipient>,
    /// What the customer's row keeps of them, so that the shop's files do not add them again.
    pub kept_identifiers: KeptIdentifiers,
}

/// The identifiers an erased customer's row keeps, and nothing else of them:
/// said in the preview and the confirmation, since the person is told what is
/// kept (Art. 12(1)).
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, serde::Deserialize, JsonSchema)]
pub struct KeptIdentifiers {
    /// The customer number and the web shop's numbers of the person.
    pub numbers: Vec<String>,
    /// Whether a keyed checksum of the e-mail address is kept (never the address).
    pub email_checksum: bool,
}

impl ErasurePlan {
    pub fn erased_count(&self) -> i64 {
        self.erased.iter().map(|e| e.records).sum()
    }

    /// The records kept: under the law's periods, and the breach links.
    pub fn kept_count(&self) -> usize {
        self.kept.len() + self.breaches.len()
    }
}

/// The writes that carry a plan out.
#[derive(Default)]
struct Actions {
    delete: BTreeMap<RecordKind, Vec<i64>>,
    pseudonymise: Vec<i64>,
    withdraw: Vec<i64>,
    /// Kept notes whose matter the erasure closes.
    close_notes: Vec<i64>,
    email: Option<String>,
}

pub(crate) fn category_of(kind: RecordKind) -> Category {
    match kind {
        RecordKind::Customer => Category::IdentityContact,
        RecordKind::Order => Category::PurchaseHistory,
        RecordKind::Invoice => Category::Invoices,
        RecordKind::Interaction => Category::Communications,
        RecordKind::WebEvent => Category::WebActivity,
        RecordKind::Consent => Category::Consents,
        RecordKind::EventRegistration => Category::Events,
        RecordKind::Request => Category::Requests,
    }
}

const HOLD_RULE: &str = "legal hold";
const HOLD_LAW: &str = "GDPR Art. 17(3)(e)";
const BREACH_LAW: &str = "GDPR Art. 33(5)";

/// A kept record without a number of its own, by its kind's word and id
/// ("consent 3", "note 12"): the confirmation's JSON keeps it so, in English.
fn record_label(kind: RecordKind, id: i64) -> String {
    match kind {
        RecordKind::Interaction => format!("note {id}"),
        kind => format!("{kind} {id}"),
    }
}

/// A kept record's label as `tr`'s language names it: an order or invoice
/// by its number, a record labelled by [`record_label`] by the language's
/// word for its kind ("Samtycke 3").
pub fn record_name(tr: &crate::i18n::Translator, record: &str) -> String {
    let Some((word, id)) = record.split_once(' ') else { return record.to_owned() };
    let kind = match word {
        "note" => Some(RecordKind::Interaction),
        _ => word.parse::<RecordKind>().ok().filter(|k| !matches!(k, RecordKind::Order | RecordKind::Invoice)),
    };
    match kind {
        Some(kind) if !id.is_empty() && id.chars().all(|c| c.is_ascii_digit()) => {
            format!("{} {id}", tr.t(&format!("entity-{}", kind.as_str().replace('_', "-"))))
        }
        _ => record.to_owned(),
    }
}

fn held_item(kind: RecordKind, record: String) -> KeptItem {
    KeptItem {
        category: category_of(kind),
        record,
        rule: HOLD_RULE.into(),
        law: HOLD_LAW.into(),
        retain_until: None,
        pending: Some(KeptPending::HoldLifted),
    }
}

fn accounting_kept(
    rule: &super::rules::AccountingRule,
    category: Category,
    record: String,
    until: NaiveDate,
) -> KeptItem {
    KeptItem {
        category,
        record,
        rule: rule.code.into(),
        law: rule.source.into(),
        retain_until: Some(until),
        pending: None,
    }
}

/// What erasing `customer` does, from what they hold and the legal holds in
/// force; `now` is when their standing consents are withdrawn.
fn plan(
    settings: &Settings,
    catalogue: &[Processor],
    customer: &Customer,
    holdings: Holdings,
    holds: &HashSet<(RecordKind, i64)>,
    occasion: Occasion,
    now: DateTime<Utc>,
) -> Result<(ErasurePlan, Actions)> {
    let Occasion { on, reason, request } = occasion;
    let id = customer.id;
    if customer.state == CustomerState::Erased {
        return Err(Error::Refused(crate::msg!("msg-customer-erased-already", customer = customer.number)));
    }
    if holds.contains(&(RecordKind::Customer, id.0)) {
        return Err(Error::Refused(crate::msg!("msg-customer-held", customer = customer.number)));
    }
    let held = |kind: RecordKind, rid: i64| holds.contains(&(kind, rid));
    let mut actions = Actions { email: customer.email.clone(), ..Actions::default() };
    let mut erased: BTreeMap<Category, i64> = BTreeMap::new();
    let mut kept = vec![];
    let erase = |actions: &mut Actions, erased: &mut BTreeMap<Category, i64>, kind: RecordKind, rid: i64| {
        actions.delete.entry(kind).or_default().push(rid);
        *erased.entry(category_of(kind)).or_default() += 1;
    };

    // Accounting records (bookkeeping law). An order is kept as long as any of
    // its invoices is, since deleting the order would take them with it.
    let rule = super::rules::accounting_rule(settings.country());
    for order in holdings.orders {
        let until = super::order_kept_until(settings, order.date, order.invoices.iter().map(|i| i.2));
        let is_held =
            held(RecordKind::Order, order.id) || order.invoices.iter().any(|i| held(RecordKind::Invoice, i.0));
        if until < on && !is_held {
            erase(&mut actions, &mut erased, RecordKind::Order, order.id);
            if !order.invoices.is_empty() {
                *erased.entry(Category::Invoices).or_default() += order.invoices.len() as i64;
            }
            continue;
        }
        actions.pseudonymise.push(order.id);
        if is_held {
            kept.push(held_item(RecordKind::Order, order.number.clone()));
        } else {
            kept.push(accounting_kept(rule, Category::PurchaseHistory, order.number, until));
        }
        for (_, number, issued) in order.invoices {
            let until = super::accounting_record(settings, issued).retain_until.unwrap_or(issued);
            kept.push(accounting_kept(rule, Category::Invoices, number, until));
        }
    }

    // Notes: one that documents a business event is accounting material
    // (Art. 17(3)(b)): kept, on the tombstone that carries only the
    // pseudonym, until the bookkeeping law's end for such correspondence,
    // counted from the day its matter closed, or closes now. Only the law
    // keeps it: the shop's own period for notes served the relationship,
    // which the erasure ends.
    for (rid, closed, bookkeeping) in holdings.notes {
        if held(RecordKind::Interaction, rid) {
            // Its matter closes too, so that its period runs once the hold is lifted.
            if closed.is_none() {
                actions.close_notes.push(rid);
            }
            kept.push(held_item(RecordKind::Interaction, record_label(RecordKind::Interaction, rid)));
            continue;
        }
        let law_keeps = match bookkeeping {
            true => super::correspondence(settings, closed.unwrap_or(on)).retain_until.filter(|until| *until >= on),
            false => None,
        };
        let Some(until) = law_keeps else {
            erase(&mut actions, &mut erased, RecordKind::Interaction, rid);
            continue;
        };
        if closed.is_none() {
            actions.close_notes.push(rid);
        }
        let rule = super::rules::correspondence_rule(settings.country());
        kept.push(accounting_kept(rule, Category::Communications, record_label(RecordKind::Interaction, rid), until));
    }

    // Categories that no law keeps.
    for (kind, ids) in holdings.others {
        for rid in ids {
            if held(kind, rid) {
                kept.push(held_item(kind, record_label(kind, rid)));
            } else {
                erase(&mut actions, &mut erased, kind, rid);
            }
        }
    }

    // Consents: withdrawn now if they stand (the person wants nothing more from
    // us), and the proof kept for its period (Art. 7(1)); older proof goes.
    // A hold keeps the proof from deletion, not the consent from withdrawal.
    for (rid, withdrawn) in holdings.consents {
        if withdrawn.is_none() {
            actions.withdraw.push(rid);
        }
        if held(RecordKind::Consent, rid) {
            kept.push(held_item(RecordKind::Consent, record_label(RecordKind::Consent, rid)));
            continue;
        }
        let r = super::consent(settings, Some(withdrawn.unwrap_or(now)));
        match r.retain_until {
            Some(until) if until < on => erase(&mut actions, &mut erased, RecordKind::Consent, rid),
            until => kept.push(KeptItem {
                category: Category::Consents,
                record: record_label(RecordKind::Consent, rid),
                rule: r.rule,
                law: "GDPR Art. 7(1)".into(),
                retain_until: until,
                pending: None,
            }),
        }
    }

    // The record of the person's requests shows that the shop answered them (Art. 5(2)).
    for (rid, closed) in holdings.requests {
        let r = super::request(settings, closed);
        kept.push(KeptItem {
            category: Category::Requests,
            record: record_label(RecordKind::Request, rid),
            rule: r.rule,
            law: "GDPR Art. 5(2)".into(),
            retain_until: r.retain_until,
            pending: r.retain_until.is_none().then_some(KeptPending::RequestClosed),
        });
    }
    // The record of breaches documents whom each reached (Art. 33(5)) and
    // that they were told (Art. 34): the link stays, to the tombstone that
    // now carries only the pseudonym.
    let zone = settings.time_zone();
    let breaches = holdings
        .breaches
        .into_iter()
        .map(|(breach, aware)| KeptBreach {
            breach,
            aware_on: aware.with_timezone(&zone).date_naive(),
            law: BREACH_LAW.into(),
        })
        .collect();
    *erased.entry(Category::IdentityContact).or_default() += 1;
    let reached: BTreeSet<Category> = erased.keys().copied().chain(kept.iter().map(|k| k.category)).collect();

    let plan = ErasurePlan {
        customer: id,
        number: customer.number.clone(),
        pseudonym: customer.pseudonym.clone(),
        language: customer.language,
        on,
        request,
        reason,
        erased: erased.into_iter().map(|(category, records)| ErasedItem { category, records }).collect(),
        kept,
        breaches,
        recipients: crate::processing::recipients_of(catalogue, &reached),
        kept_identifiers: KeptIdentifiers {
            numbers: std::iter::once(customer.number.clone()).chain(holdings.shop_numbers).collect(),
            // Whenever there is an address: the erasure makes the register's key for it.
            email_checksum: customer.email.is_some(),
        },
    };
    Ok((plan, actions))
}

/// Erases a customer inside `tx` (the erasure command, a restore's replay).
pub(crate) async fn erase_in(
    tx: &mut WriteTx,
    settings: &Settings,
    customer: CustomerId,
    occasion: Occasion,
) -> Result<ErasurePlan> {
    let mut plans = erase_all_in(tx, settings, &[customer], occasion).await?;
    plans.pop().ok_or_else(|| Error::Internal(format!("no erasure plan for customer {customer}")))
}

/// Works out what erasing each of `customers` does, inside the transaction
/// that will do it (or, for a preview, roll back), in the order asked.
async fn plans_in(
    tx: &mut WriteTx,
    settings: &Settings,
    customers: &[CustomerId],
    occasion: Occasion,
) -> Result<Vec<(Customer, ErasurePlan, Actions)>> {
    let mut found: HashMap<CustomerId, Customer> =
        store::erasure::customers(tx, customers).await?.into_iter().map(|c| (c.id, c)).collect();
    let mut rows = Vec::with_capacity(customers.len());
    for id in customers {
        let c = found.remove(id).ok_or_else(|| Error::not_found("customer", *id))?;
        crate::register::refuse_merged(tx, &c).await?;
        rows.push(c);
    }
    if let Some(r) = occasion.request {
        for c in &rows {
            crate::requests::check_answers(tx, c, r, &[RequestKind::Erasure]).await?;
        }
    }
    let catalogue = store::catalogue::processors(tx).await?;
    let holds: HashSet<(RecordKind, i64)> = store::erasure::holds_in_force(tx).await?.into_iter().collect();
    let mut holdings = store::erasure::holdings_of(tx, customers).await?;
    let now = tx.now();
    let mut out = Vec::with_capacity(rows.len());
    for c in rows {
        let held = holdings.remove(&c.id).unwrap_or_default();
        let (plan, actions) = plan(settings, &catalogue, &c, held, &holds, occasion, now)?;
        out.push((c, plan, actions));
    }
    Ok(out)
}

/// Erases `customers` inside `tx`, each as [`erase_in`] would, in a number of
/// statements that does not grow with them (the sweep erases a batch of
/// inactive customers at once). Returns their plans in the order asked.
pub(crate) async fn erase_all_in(
    tx: &mut WriteTx,
    settings: &Settings,
    customers: &[CustomerId],
    occasion: Occasion,
) -> Result<Vec<ErasurePlan>> {
    let planned = plans_in(tx, settings, customers, occasion).await?;
    let now = tx.now();
    let mut all = Actions::default();
    let mut done = Vec::with_capacity(planned.len());
    for (c, plan, actions) in planned {
        all.withdraw.extend(actions.withdraw);
        all.close_notes.extend(actions.close_notes);
        all.pseudonymise.extend(actions.pseudonymise);
        for (kind, ids) in actions.delete {
            all.delete.entry(kind).or_default().extend(ids);
        }
        done.push((c, plan, actions.email));
    }
    store::erasure::withdraw_consents(tx, &all.withdraw, now).await?;
    store::erasure::close_notes(tx, &all.close_notes, occasion.on).await?;
    for (kind, ids) in &all.delete {
        store::erasure::delete(tx, *kind, ids).await?;
    }
    store::erasure::pseudonymise_orders(tx, &all.pseudonymise).await?;
    store::erasure::tombstone(tx, customers).await?;
    let key = match done.iter().any(|(_, _, email)| email.is_some()) {
        true => Some(erasure_key(tx).await?),
        false => None,
    };
    // The erasure log keeps each plan, to make its confirmation again; the
    // trail's entry holds its digest and that of the customer row before.
    let mut logged = Vec::with_capacity(done.len());
    let mut audited = Vec::with_capacity(done.len());
    for (c, plan, email) in &done {
        let kept = json(plan)?;
        let (before, after) = (Some(crate::audit::digest(&json(c)?)), Some(crate::audit::digest(&kept)));
        audited.push(store::Audited { id: c.id.to_string(), customer: Some(c.id), before, after });
        logged.push(store::erasure::Logged {
            customer: c.id,
            reason: occasion.reason.as_str(),
            request: occasion.request,
            email_digest: key.as_deref().zip(email.as_deref()).map(|(key, email)| email_digest(key, email)),
            plan: Some(kept),
        });
    }
    store::erasure::log_erasures(tx, &logged).await?;
    tx.audit_many(Action::CustomerErase, "customer", audited).await?;
    Ok(done.into_iter().map(|(_, plan, _)| plan).collect())
}

/// The register's own secret for the e-mail digests, made at the first erasure.
pub(crate) async fn erasure_key(tx: &mut WriteTx) -> Result<String> {
    use rand::RngCore;
    let mut fresh = [0u8; 32];
    rand::thread_rng().fill_bytes(&mut fresh);
    store::erasure::register_key(tx, "erasure", hex::encode(fresh)).await
}

/// A keyed digest of an e-mail address: recognises a returning address without keeping it.
pub(crate) fn email_digest(key: &str, email: &str) -> String {
    let mut h = Sha256::new();
    h.update(key.as_bytes());
    h.update(b"\n");
    h.update(email.trim().to_lowercase().as_bytes());
    hex::encode(h.finalize())
}

/// A restricted customer's data is only stored (Art. 18(2)); erasing it is
/// processing, which the person's own erasure request allows. Asked by the
/// shop's own erasures alone: the sweep erases no restricted customer, and
/// a restore replays an erasure the register made, whatever the backup says
/// of the customer.
async fn refuse_if_restricted(tx: &mut WriteTx, customer: CustomerId, request: Option<RequestId>) -> Result<()> {
    if request.is_some() {
        return Ok(());
    }
    match store::customers::get_tx(tx, customer).await? {
        Some(c) if c.state == CustomerState::Restricted => {
            Err(Error::Refused(crate::msg!("msg-customer-restricted-erase", customer = c.number)))
        }
        _ => Ok(()),
    }
}

impl Register {
    /// What erasing `customer` today would do; changes nothing.
    pub async fn erasure_preview(&self, customer: CustomerId, request: Option<RequestId>) -> Result<ErasurePlan> {
        let settings = self.settings().await?;
        let on = self.today().await?;
        let mut tx = self.store().begin(self.actor()).await?;
        let reason = if request.is_some() { ErasureReason::Request } else { ErasureReason::Manual };
        let planned = match refuse_if_restricted(&mut tx, customer, request).await {
            Ok(()) => plans_in(&mut tx, &settings, &[customer], Occasion { on, reason, request }).await,
            Err(e) => Err(e),
        };
        tx.rollback().await?;
        let (_, plan, _) =
            planned?.pop().ok_or_else(|| Error::Internal(format!("no erasure plan for customer {customer}")))?;
        Ok(plan)
    }

    /// Erases `customer` today, in one transaction, and flushes the deleted
    /// text out of the database's log. `request`: the erasure request it answers.
    pub async fn erase_customer(&self, customer: CustomerId, request: Option<RequestId>) -> Result<ErasurePlan> {
        let settings = self.settings().await?;
        let on = self.today().await?;
        let reason = if request.is_some() { ErasureReason::Request } else { ErasureReason::Manual };
        self.rotate_backup(crate::backup::BackupPurpose::Erasure).await?;
        let mut tx = self.store().begin(self.actor()).await?;
        refuse_if_restricted(&mut tx, customer, request).await?;
        let plan = erase_in(&mut tx, &settings, customer, Occasion { on, reason, request }).await?;
        tx.commit().await?;
        store::erasure::flush_deleted(self.store()).await?;
        Ok(plan)
    }

    /// The latest erasure of a customer who had the e-mail address `email`,
    /// recognised by its digest (the address itself is gone); `None` where no
    /// one with it was erased, or `email` is no address. What the shop tells a
    /// person who asks again what it holds of them (Art. 15), and how an
    /// import knows not to bring them back.
    pub async fn erased_with_email(&self, email: &str) -> Result<Option<ErasedCustomer>> {
        let Ok(email) = crate::register::customer::validate_email(email, "email") else {
            return Ok(None);
        };
        let Some(key) = store::erasure::stored_key(self.store(), "erasure").await? else { return Ok(None) };
        if let Some(erased) = store::erasure::erased_with_email(self.store(), &email_digest(&key, &email)).await? {
            return Ok(Some(erased));
        }
        // The address of a customer merged into one erased since, which the merge did not keep.
        let Some(into) = self.merged_address(&email).await? else { return Ok(None) };
        let mut s = self.store().snapshot().await?;
        let erased = store::erasure::latest_erasure_of(&mut s, into.customer_id).await?;
        s.end().await?;
        Ok(erased)
    }

    /// The erased customer a search names, when it finds no one else: by an
    /// e-mail address they had, by a customer number of theirs (the
    /// register's, or a web shop's, which the erased row keeps against a
    /// re-import), or by the pseudonym the records the law keeps are under
    /// (the accountant's export names them so). Where the shop looks up a
    /// person who asks again (Art. 15), or the order of an erased customer
    /// that comes back for a refund.
    pub async fn erased_matching(&self, query: &str) -> Result<Option<ErasedCustomer>> {
        let query = query.trim();
        if query.contains('@') {
            return self.erased_with_email(query).await;
        }
        if query.is_empty() || query.chars().any(char::is_whitespace) {
            return Ok(None);
        }
        let (by, found) = match store::customers::by_number(self.store(), query).await? {
            Some(c) => (ErasedBy::Number, Some(c)),
            None => (ErasedBy::Pseudonym, store::customers::by_pseudonym(self.store(), query).await?),
        };
        match found.filter(|c| c.state == CustomerState::Erased) {
            Some(c) => self.erasure_of(c.id, by).await,
            None => Ok(None),
        }
    }

    /// The latest erasure of the erased customer `id`, whom a search named `by`.
    pub(crate) async fn erasure_of(&self, id: CustomerId, by: ErasedBy) -> Result<Option<ErasedCustomer>> {
        let mut s = self.store().snapshot().await?;
        let erased = store::erasure::latest_erasure_of(&mut s, id).await?.map(|e| ErasedCustomer { by, ..e });
        s.end().await?;
        Ok(erased)
    }
}

/// How a search named an erased customer.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Serialize, JsonSchema)]
#[serde(rename_all = "snake_case")]
pub enum ErasedBy {
    /// By an e-mail address they had (its digest).
    #[default]
    Email,
    /// By their customer number, or a web shop number of theirs.
    Number,
    /// By the pseudonym of the records kept for the books.
    Pseudonym,
    /// By the number of an order or invoice of theirs kept for the books.
    Voucher,
}

/// A customer erased: their number and pseudonym, which the erased row
/// keeps, and when and for which request.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, JsonSchema, sqlx::FromRow)]
pub struct ErasedCustomer {
    /// The erased row, whose page shows the records kept for the books.
    pub id: CustomerId,
    pub number: String,
    /// What the records the law keeps (orders, invoices) are filed under.
    pub pseudonym: String,
    pub erased_at: DateTime<Utc>,
    /// The person's request for erasure, where it answered one (a sweep's or
    /// the shop's own erasure answers none).
    pub request_id: Option<RequestId>,
    /// What the search gave that named them.
    #[sqlx(skip)]
    pub by: ErasedBy,
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_email_digest_ignores_case_and_spaces_and_depends_on_the_key() {
        let a = email_digest("k1", "Asa.Oberg@example.se ");
        assert_eq!(a, email_digest("k1", "asa.oberg@example.se"));
        assert_ne!(a, email_digest("k2", "asa.oberg@example.se"));
        assert_eq!(a.len(), 64);
    }
}
