//! Two customers who are one person, made one. A person who bought under
//! two e-mail addresses is two customers; once the shop has found, by the
//! identity it checked, that they are one (register/likeness.rs names those
//! who may be), keeping them apart keeps inaccurate data of the person (GDPR
//! Art. 5(1)(d)), and an access report or an erasure made from one leaves
//! the other's data out (Art. 15(1), 17(1)).
//!
//! A merge moves every record of one customer (orders, notes, web activity,
//! consents, sign-ups, requests and their documents, corrections, the marks
//! of restrictions and objections, what earlier erasures left) to the one
//! kept, fills the kept customer's empty details from the other's, keeps the
//! other's number as a web shop number of the kept one (so that their next
//! file, and the shop's own papers, find the person), and retires the other's
//! row (emptied, under its pseudonym, never listed). It is recorded
//! (migration 42), audited on both, made again by a restore of an earlier
//! backup, and for thirty days may be undone (register/unmerge.rs).
//!
//! Refused while either is restricted or erased (Art. 18(2): such data is
//! only stored) or under a legal hold of the customer as a whole (Art.
//! 17(3)(e): the hold names that customer's records as they are).

use chrono::{DateTime, Utc};
use serde::Serialize;

use super::customer::CustomerFields;
use super::{refuse_unless_active, Customer, CustomerState, Register};
use crate::audit::to_json as json;
use crate::audit::Action;
use crate::error::{Error, Result};
use crate::msg;
use crate::store::{self, Within, WriteTx};
use crate::values::CustomerId;

/// A customer merged into another.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, sqlx::FromRow, schemars::JsonSchema)]
pub struct Merge {
    pub id: i64,
    /// The customer kept.
    pub customer_id: CustomerId,
    /// The merged customer's id: their row is retired, emptied and never listed.
    pub merged_id: CustomerId,
    /// The merged customer's number, now a web shop number of the one kept.
    pub merged_number: String,
    pub merged_pseudonym: String,
    pub merged_by: String,
    pub merged_at: DateTime<Utc>,
    /// Until when the merge may be undone ([`super::unmerge`]); none once
    /// it may not. Given with the merges of a customer (their page).
    #[sqlx(default)]
    pub undo_until: Option<DateTime<Utc>>,
}

/// Of a merged customer's retired row, the customer it was merged into,
/// as the merges stand now (a later merge of that one, the one after).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, schemars::JsonSchema)]
pub struct MergedInto {
    pub customer_id: CustomerId,
    pub number: String,
    pub name: Option<String>,
    /// The merged customer's number before the merge.
    pub merged_number: String,
    pub merged_by: String,
    pub merged_at: DateTime<Utc>,
}

/// Whom the customer of retired row `id` was merged into, if it is one.
pub(crate) async fn merged_into(tx: &mut impl Within, id: CustomerId) -> Result<Option<MergedInto>> {
    match store::merges::of_merged(tx, id).await? {
        Some(m) => Ok(Some(into_of(tx, m).await?)),
        None => Ok(None),
    }
}

/// Merge `m` as whom it was into.
async fn into_of(tx: &mut impl Within, m: Merge) -> Result<MergedInto> {
    let kept = store::merges::kept(tx, &m).await?;
    Ok(MergedInto {
        customer_id: kept.id,
        number: kept.number,
        name: kept.name,
        merged_number: m.merged_number,
        merged_by: m.merged_by,
        merged_at: m.merged_at,
    })
}

/// A customer found by a reference ([`Register::locate_customer`]).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Located {
    pub customer: Customer,
    /// The merge through which the reference names `customer`: it named the
    /// customer merged into them.
    pub merged: Option<Merge>,
}

/// What a merge did.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, schemars::JsonSchema)]
pub struct Merged {
    /// The customer kept, as saved.
    pub customer: Customer,
    pub merge: Merge,
    /// How many of each record came over from the merged customer.
    pub moved: Moved,
    /// The merged customer's details that were not kept: the kept customer
    /// had their own ("email", "phone", "address"). Only the audit trail's
    /// digest of them stays.
    pub not_kept: Vec<String>,
}

/// What a merge would do, before it is done: asked of the shop first.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, schemars::JsonSchema)]
pub struct MergePlan {
    pub keep: Customer,
    pub other: Customer,
    /// How many of each record would come over from `other`.
    pub moved: Moved,
    /// `other`'s details that would not be kept, `keep` having their own.
    pub not_kept: Vec<String>,
}

/// The records moved by a merge, counted.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, schemars::JsonSchema)]
pub struct Moved {
    pub orders: usize,
    pub interactions: usize,
    pub web_events: usize,
    pub consents: usize,
    pub event_registrations: usize,
    pub requests: usize,
}

impl Register {
    /// Merges customer `other` into customer `keep`: both must be active,
    /// and neither held as a whole.
    pub async fn merge_customers(&self, keep: CustomerId, other: CustomerId) -> Result<Merged> {
        let mut tx = self.store().begin(self.actor()).await?;
        let kept = store::customers::get_tx(&mut tx, keep).await?.ok_or_else(|| Error::not_found("customer", keep))?;
        let merged =
            store::customers::get_tx(&mut tx, other).await?.ok_or_else(|| Error::not_found("customer", other))?;
        let done = merge_in(&mut tx, &kept, &merged, None).await?;
        tx.commit().await?;
        Ok(done)
    }

    /// What merging `other` into `keep` would do; refused as the merge would be.
    pub async fn merge_preview(&self, keep: CustomerId, other: CustomerId) -> Result<MergePlan> {
        Ok(store::in_snapshot!(self.store(), s => {
            let kept = store::customers::get_tx(&mut s, keep).await?.ok_or_else(|| Error::not_found("customer", keep))?;
            let merged =
                store::customers::get_tx(&mut s, other).await?.ok_or_else(|| Error::not_found("customer", other))?;
            planned(&mut s, &kept, &merged).await?.0
        }))
    }

    /// The customer `reference` names, and the merge through which it names
    /// them, if it does: a number, id or pseudonym of a customer merged into
    /// them. Their records are the kept customer's now, so a request, a note
    /// or a report for them is the kept customer's (and a merged customer's
    /// retired row has nothing left to answer with).
    pub async fn locate_customer(&self, reference: &str) -> Result<Located> {
        let r = reference.trim();
        let named = match self.named_customer(reference).await {
            // The number of a customer merged into one who no longer has it
            // as a web shop number (the shop took it away): the merge still
            // says who is meant, and an undo of it is still found by it.
            Err(Error::NotFound { .. }) => {
                return self.merged_number(r).await?.ok_or_else(|| Error::not_found("customer", r));
            }
            named => named?,
        };
        Ok(store::in_snapshot!(self.store(), s => {
            let retired = match named.state {
                CustomerState::Erased => store::merges::of_merged(&mut s, named.id).await?,
                _ => None,
            };
            match retired {
                Some(m) => {
                    Located { customer: store::merges::kept(&mut s, &m).await?, merged: Some(m) }
                }
                None if named.number != r => {
                    let merged = store::merges::of_number(&mut s, named.id, r).await?;
                    Located { customer: named, merged }
                }
                None => Located { customer: named, merged: None },
            }
        }))
    }

    /// The customer kept by the latest merge of one numbered `number`.
    async fn merged_number(&self, number: &str) -> Result<Option<Located>> {
        Ok(store::in_snapshot!(self.store(), s => match store::merges::of_merged_number(&mut s, number).await? {
            Some(m) => Some(Located { customer: store::merges::kept(&mut s, &m).await?, merged: Some(m) }),
            None => None,
        }))
    }

    /// The merge that did not keep the e-mail address `email`, the merged
    /// customer's (recognised by its digest, migration 44), as whom it was
    /// into, if there is one; `None` for anything that is no address. What
    /// a search for the address says of the customer it finds.
    pub async fn merged_address(&self, email: &str) -> Result<Option<MergedInto>> {
        let Ok(email) = super::customer::validate_email(email.trim(), "email") else { return Ok(None) };
        let Some(key) = store::erasure::stored_key(self.store(), "erasure").await? else { return Ok(None) };
        let digest = vec![crate::retention::erasure::email_digest(&key, &email)];
        Ok(store::in_snapshot!(self.store(), s => {
            match store::merges::of_email_digests(&mut s, &digest).await?.pop() {
                Some((_, m)) => Some(into_of(&mut s, m).await?),
                None => None,
            }
        }))
    }

    /// The customers merged into customer `id`, oldest first.
    pub async fn merges(&self, id: CustomerId) -> Result<Vec<Merge>> {
        Ok(store::in_snapshot!(self.store(), s => store::merges::into_customer(&mut s, id).await?))
    }
}

/// What merging `other` into `keep` would do, and `keep`'s details after
/// it; or why it may not be done.
async fn planned(tx: &mut impl Within, keep: &Customer, other: &Customer) -> Result<(MergePlan, CustomerFields)> {
    if keep.id == other.id {
        return Err(Error::invalid("customer", msg!("msg-merge-same", customer = keep.number)));
    }
    for c in [keep, other] {
        super::refuse_merged(tx, c).await?;
        refuse_unless_active(c)?;
        if store::merges::customer_held(tx, c.id).await? {
            return Err(Error::Refused(msg!("msg-merge-held", customer = c.number)));
        }
    }
    let settings = super::settings_in(tx).await?;
    let moved = Moved {
        orders: store::merges::count_records(tx, "orders", other.id).await?,
        interactions: store::merges::count_records(tx, "interactions", other.id).await?,
        web_events: store::merges::count_records(tx, "web_events", other.id).await?,
        consents: store::merges::count_records(tx, "consents", other.id).await?,
        event_registrations: store::merges::count_records(tx, "event_registrations", other.id).await?,
        requests: store::merges::count_records(tx, "requests", other.id).await?,
    };
    let (fields, not_kept) = filled(keep, other, settings.country().code());
    Ok((MergePlan { keep: keep.clone(), other: other.clone(), moved, not_kept }, fields))
}

/// Merges `other` into `keep` within `tx`, as made by `made` (who, when;
/// `tx`'s own where `None`): a restore makes a merge again as the register
/// made it, so that its days to undo it are the register's. Every refusal
/// comes before the first write.
pub(crate) async fn merge_in(
    tx: &mut WriteTx,
    keep: &Customer,
    other: &Customer,
    made: Option<(&str, DateTime<Utc>)>,
) -> Result<Merged> {
    let (MergePlan { moved, not_kept, .. }, fields) = planned(tx, keep, other).await?;
    let (actor, now) = match made {
        Some((who, at)) => (who.to_owned(), at),
        None => (tx.actor().to_owned(), tx.now()),
    };
    // What the merge moves, noted first, for an undo (register/unmerge.rs).
    let mut moved_keys = super::unmerge::noted(tx, keep, other).await?;
    // One objection in force is the person's: the other's ends with the merge.
    if store::web_objections::in_force(tx, keep.id).await?.is_some() {
        if let Some(theirs) = store::web_objections::in_force(tx, other.id).await? {
            store::web_objections::lift(tx, theirs.id, (&actor, now)).await?;
            moved_keys.objection_lifted = Some(theirs.id);
        }
    }
    store::merges::move_records(tx, other.id, keep.id).await?;
    // Their address not kept is known again by its digest: a file without
    // the shop's numbers that gives it is the person, not someone new.
    let email_digest = match (&other.email, not_kept.iter().any(|f| f == "email")) {
        (Some(email), true) => {
            let key = crate::retention::erasure::erasure_key(tx).await?;
            Some(crate::retention::erasure::email_digest(&key, email))
        }
        _ => None,
    };
    let merge = store::merges::insert(tx, keep.id, other, email_digest.as_deref(), (&actor, now)).await?;
    store::merges::retire_customer(tx, other.id).await?;
    let mut saved = store::customers::update(tx, keep, &fields).await?;
    let first = keep.created_at.min(other.created_at);
    let last = keep.last_activity_at.max(other.last_activity_at);
    if (first, last) != (saved.created_at, saved.last_activity_at) {
        store::merges::span(tx, keep.id, first, last).await?;
        (saved.created_at, saved.last_activity_at) = (first, last);
    }
    // Their number finds the person from now on, in a file or typed in.
    super::shop_numbers::record_in(tx, keep.id, &other.number).await?;
    let (before, after) = (json(keep)?, json(&saved)?);
    tx.audit(Action::CustomerMerge, "customer", other.id, Some(other.id), Some(&json(other)?), None).await?;
    tx.audit(Action::CustomerMerge, "customer", keep.id, Some(keep.id), Some(&before), Some(&after)).await?;
    let merge = super::unmerge::record(tx, merge, (other, keep, &saved), &moved_keys).await?;
    Ok(Merged { customer: saved, merge, moved, not_kept })
}

/// A customer's contact details as a merge picks them: the name, e-mail and
/// phone each on its own, the address as a whole (street, postal code, city
/// and country belong together).
#[derive(Debug, Clone, PartialEq, Eq)]
pub(super) struct Contact {
    pub name: Option<String>,
    pub email: Option<String>,
    pub phone: Option<String>,
    pub address: (Option<String>, Option<String>, Option<String>, Option<String>),
}

impl Contact {
    pub fn of(c: &Customer) -> Self {
        let address = (c.street.clone(), c.postal_code.clone(), c.city.clone(), c.country.clone());
        Contact { name: c.name.clone(), email: c.email.clone(), phone: c.phone.clone(), address }
    }

    fn has_address(&self) -> bool {
        let (street, postal_code, city, _) = &self.address;
        street.is_some() || postal_code.is_some() || city.is_some()
    }

    /// `c`'s fields to save with these details; an address without a country in `country`.
    pub fn fields(self, c: &Customer, country: &str) -> CustomerFields {
        let (street, postal_code, city, in_country) = self.address;
        let (name, country) = (self.name.unwrap_or_default(), in_country.unwrap_or_else(|| country.to_owned()));
        CustomerFields { name, email: self.email, phone: self.phone, street, postal_code, city, country, ..c.into() }
    }
}

/// `keep`'s details, each one they lack taken from `other`, and the names
/// of `other`'s details left out because `keep` has their own.
fn filled(keep: &Customer, other: &Customer, shop_country: &str) -> (CustomerFields, Vec<String>) {
    let (mine, theirs) = (Contact::of(keep), Contact::of(other));
    let mut not_kept = vec![];
    let mut pick = |field: &str, mine: &Option<String>, theirs: &Option<String>| match (mine, theirs) {
        (Some(m), Some(t)) => {
            if m != t {
                not_kept.push(field.to_owned());
            }
            Some(m.clone())
        }
        (m, t) => m.clone().or_else(|| t.clone()),
    };
    let name = pick("name", &mine.name, &theirs.name);
    let email = pick("email", &mine.email, &theirs.email);
    let phone = pick("phone", &mine.phone, &theirs.phone);
    let address = match (mine.has_address(), theirs.has_address()) {
        (false, true) => theirs.address,
        (true, true) if mine.address != theirs.address => {
            not_kept.push("address".to_owned());
            mine.address
        }
        _ => mine.address,
    };
    (Contact { name, email, phone, address }.fields(keep, shop_country), not_kept)
}
