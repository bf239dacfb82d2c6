//! A merge undone. Two customers merged by mistake (two people of one name
//! in one town, a family's shared phone) are two people: keeping them as one
//! keeps inaccurate data of both (GDPR Art. 5(1)(d)), hands one the other's
//! orders in an access report (Art. 15) and would erase both for one's
//! request (Art. 17). The merge emptied one customer's row; without what it
//! noted the shop could only tell them apart by hand.
//!
//! So a merge notes (migration 46) the merged customer's details, the kept
//! customer's before and after, and the keys of the records it moved, and
//! for [`UNDO_DAYS`] days the merge may be undone: the records it moved go
//! back, the merged customer's row is theirs again (number, details, search
//! words), and of the kept customer's details those the merge filled in and
//! nobody changed since are as they were. Records added since stay with the
//! kept customer: nothing says whose they are but the shop. Then the note
//! is forgotten (data minimisation, Art. 5(1)(c)): when the merge is undone,
//! when its days are over, and when the kept customer is erased.
//!
//! Refused while the kept customer is restricted (Art. 18(2): the data is
//! only stored), erased, or under a legal hold as a whole, and while a later
//! merge has made them part of another customer (undo that one first).

use std::collections::BTreeMap;

use serde::{Deserialize, Serialize};

use super::customer::CustomerFields;
use super::merge::{Contact, Merge, Moved};
use super::{refuse_unless_active, Customer, Register};
use crate::audit::to_json as json;
use crate::audit::Action;
use crate::error::{Error, Result};
use crate::msg;
use crate::store::merge_undos::{self, BreachLink, UndoRow};
use crate::store::{self, WriteTx};
use crate::values::CustomerId;

/// For how many days after a merge it may be undone.
pub const UNDO_DAYS: u64 = 30;

/// What a merge moves, as keys, noted before it moves them.
#[derive(Debug, Clone, Default, Serialize, Deserialize)]
pub(crate) struct MovedKeys {
    /// By table (store::merges::OWNED), the keys of the merged customer's rows.
    rows: BTreeMap<String, Vec<String>>,
    /// The breaches that concerned the merged customer alone, moved.
    breaches_moved: Vec<i64>,
    /// The breaches that concerned both: the merged customer's link was dropped.
    breaches_shared: Vec<BreachLink>,
    /// The legal holds placed on the merged customer as a whole.
    holds: Vec<i64>,
    /// The merged customer's objection to web recording, lifted by the merge.
    pub objection_lifted: Option<i64>,
}

/// The merged customer's details and the kept customer's, around the merge,
/// as an undo reads them.
#[derive(Debug, Clone)]
struct Noted {
    merged: Customer,
    kept_before: Customer,
    kept_after: Customer,
}

/// A merge undone.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, schemars::JsonSchema)]
pub struct Unmerged {
    /// The customer the merge kept, as saved.
    pub kept: Customer,
    /// The merged customer, theirs again.
    pub restored: Customer,
    /// Their phone as people read it, as the customer page's `phone_display`
    /// ([`super::phone::of_customer`]); `restored.phone` is in E.164.
    pub restored_phone_shown: Option<String>,
    /// How many of each record went back to them.
    pub moved: Moved,
    /// The kept customer's details given back as they were before the merge.
    pub reverted: Vec<String>,
}

/// What `other`'s merge into `keep` will move, noted before it does.
pub(crate) async fn noted(tx: &mut WriteTx, keep: &Customer, other: &Customer) -> Result<MovedKeys> {
    let theirs = merge_undos::breach_links(tx, other.id).await?;
    let mine: Vec<i64> = merge_undos::breach_links(tx, keep.id).await?.iter().map(|l| l.breach_id).collect();
    let (shared, alone): (Vec<BreachLink>, Vec<BreachLink>) =
        theirs.into_iter().partition(|l| mine.contains(&l.breach_id));
    Ok(MovedKeys {
        rows: merge_undos::keys_of(tx, other.id).await?,
        breaches_moved: alone.iter().map(|l| l.breach_id).collect(),
        breaches_shared: shared,
        holds: merge_undos::holds_of(tx, other.id).await?,
        objection_lifted: None,
    })
}

/// Keeps what undoes `merge` for [`UNDO_DAYS`] days; the merge with until when.
pub(crate) async fn record(
    tx: &mut WriteTx,
    mut merge: Merge,
    (merged, kept_before, kept_after): (&Customer, &Customer, &Customer),
    moved: &MovedKeys,
) -> Result<Merge> {
    let now = tx.now();
    merge_undos::forget_ended(tx, now).await?;
    let until = merge.merged_at + chrono::Days::new(UNDO_DAYS);
    // A merge a restore makes again keeps the days it had: none, once they are over.
    if until <= now {
        merge.undo_until = None;
        return Ok(merge);
    }
    let row = UndoRow {
        merge_id: merge.id,
        merged: serde_json::to_string(merged).map_err(internal)?,
        kept_before: serde_json::to_string(kept_before).map_err(internal)?,
        kept_after: serde_json::to_string(kept_after).map_err(internal)?,
        moved: serde_json::to_string(moved).map_err(internal)?,
        until,
    };
    merge_undos::insert(tx, &row).await?;
    merge.undo_until = Some(until);
    Ok(merge)
}

/// Of `merges` (into one customer), the merged customers' details that
/// their notes keep, by merge id: what the person's access report must
/// name while they are kept (Art. 15(1)).
pub(crate) async fn noted_details(tx: &mut impl store::Within, merges: &[Merge]) -> Result<Vec<(i64, Customer)>> {
    let mut noted = Vec::new();
    for m in merges.iter().filter(|m| m.undo_until.is_some()) {
        if let Some(row) = merge_undos::of_merge(tx, m.id).await? {
            noted.push((m.id, serde_json::from_str(&row.merged).map_err(internal)?));
        }
    }
    Ok(noted)
}

fn internal(e: serde_json::Error) -> Error {
    Error::Internal(format!("a merge's undo record: {e}"))
}

impl Register {
    /// Undoes the merge that retired customer `merged`'s row (their id):
    /// see the module's text for what it gives back and when it is refused.
    pub async fn unmerge_customer(&self, merged: CustomerId) -> Result<Unmerged> {
        // Notes whose days are over go first, whether or not this undo is refused.
        let mut tx = self.store().begin(self.actor()).await?;
        let now = tx.now();
        merge_undos::forget_ended(&mut tx, now).await?;
        tx.commit().await?;
        let mut tx = self.store().begin(self.actor()).await?;
        let done = unmerge_in(&mut tx, merged).await?;
        tx.commit().await?;
        Ok(done)
    }

    /// What undoing the merge of `merged` would do, or why it may not be
    /// done; changes nothing. The undo itself, made and not kept: the
    /// shop sees whom it gives back, with which details and records, as
    /// the undo would give them.
    pub async fn unmerge_preview(&self, merged: CustomerId) -> Result<Unmerged> {
        let mut tx = self.store().begin(self.actor()).await?;
        let now = tx.now();
        merge_undos::forget_ended(&mut tx, now).await?;
        let planned = unmerge_in(&mut tx, merged).await;
        tx.rollback().await?;
        planned
    }
}

/// The merge of `merged`, its undo record and the customer kept, or why it
/// may not be undone.
async fn undoable(tx: &mut WriteTx, merged: CustomerId) -> Result<(Merge, Noted, MovedKeys, Customer)> {
    let Some(merge) = store::merges::of_merged(tx, merged).await? else {
        let c = store::customers::get_tx(tx, merged).await?.ok_or_else(|| Error::not_found("customer", merged))?;
        return Err(Error::invalid("customer", msg!("msg-unmerge-not-merged", customer = c.number)));
    };
    let customer = merge.merged_number.clone();
    let Some(row) = merge_undos::of_merge(tx, merge.id).await? else {
        return Err(Error::Refused(msg!("msg-unmerge-too-late", customer, days = UNDO_DAYS)));
    };
    let noted = Noted {
        merged: serde_json::from_str(&row.merged).map_err(internal)?,
        kept_before: serde_json::from_str(&row.kept_before).map_err(internal)?,
        kept_after: serde_json::from_str(&row.kept_after).map_err(internal)?,
    };
    let moved: MovedKeys = serde_json::from_str(&row.moved).map_err(internal)?;
    let kept = store::merges::kept(tx, &merge).await?;
    if kept.id != noted.kept_before.id {
        // A later merge made the kept customer part of another: theirs first.
        let (later, into) = (noted.kept_before.number.clone(), kept.number.clone());
        return Err(Error::Refused(msg!("msg-unmerge-merged-on", customer, later, into)));
    }
    refuse_unless_active(&kept)?;
    if store::merges::customer_held(tx, kept.id).await? {
        return Err(Error::Refused(msg!("msg-unmerge-held", customer = kept.number)));
    }
    Ok((merge, noted, moved, kept))
}

/// Undoes the merge of `merged` within `tx`; refused, before anything is
/// written, as [`Register::unmerge_customer`] is.
pub(crate) async fn unmerge_in(tx: &mut WriteTx, merged: CustomerId) -> Result<Unmerged> {
    let (merge, noted, keys, kept) = undoable(tx, merged).await?;
    let pair = (kept.id, merged);
    // Their number names them again, not the customer kept.
    store::shop_numbers::remove(tx, kept.id, &merge.merged_number).await?;
    let mut moved = Moved::default();
    for (table, rows) in &keys.rows {
        let n = merge_undos::move_back(tx, table, rows, pair).await? as usize;
        match table.as_str() {
            "orders" => moved.orders = n,
            "interactions" => moved.interactions = n,
            "web_events" => moved.web_events = n,
            "consents" => moved.consents = n,
            "event_registrations" => moved.event_registrations = n,
            "requests" => moved.requests = n,
            _ => {}
        }
    }
    merge_undos::move_breaches_back(tx, &keys.breaches_moved, pair).await?;
    for link in &keys.breaches_shared {
        merge_undos::relink_breach(tx, merged, link).await?;
    }
    merge_undos::move_holds_back(tx, &keys.holds, pair).await?;
    if let Some(id) = keys.objection_lifted {
        merge_undos::unlift_objection(tx, id).await?;
    }
    // The kept customer's details first: one the merge filled in (their
    // e-mail address) is the merged customer's again.
    let (fields, reverted) = reverted(&kept, &noted);
    let kept_now = match reverted.is_empty() {
        true => kept.clone(),
        false => store::customers::update(tx, &kept, &fields).await?,
    };
    let kept_now = respan(tx, kept_now, &noted).await?;
    merge_undos::unretire(tx, merged, &merge.merged_number).await?;
    let retired = store::customers::get_tx(tx, merged).await?.ok_or_else(|| Error::not_found("customer", merged))?;
    let restored = store::customers::update(tx, &retired, &(&noted.merged).into()).await?;
    merge_undos::remove_merge(tx, merge.id).await?;
    tx.audit(Action::CustomerUnmerge, "customer", merged, Some(merged), None, Some(&json(&restored)?)).await?;
    let (before, after) = (json(&kept)?, json(&kept_now)?);
    tx.audit(Action::CustomerUnmerge, "customer", kept.id, Some(kept.id), Some(&before), Some(&after)).await?;
    let shop = super::settings_in(tx).await?.country();
    let restored_phone_shown =
        restored.phone.as_deref().map(|p| super::phone::of_customer(p, restored.country.as_deref(), shop));
    Ok(Unmerged { kept: kept_now, restored, restored_phone_shown, moved, reverted })
}

/// The kept customer's details with those the merge filled in, and no one
/// changed since, as they were before it; and which those are.
fn reverted(kept: &Customer, noted: &Noted) -> (CustomerFields, Vec<String>) {
    let (now, before, after) = (Contact::of(kept), Contact::of(&noted.kept_before), Contact::of(&noted.kept_after));
    let mut names = vec![];
    let mut back = |field: &str, now: Option<String>, b: Option<String>, a: Option<String>| {
        if now == a && a != b {
            names.push(field.to_owned());
            b
        } else {
            now
        }
    };
    let name = back("name", now.name, before.name, after.name);
    let email = back("email", now.email, before.email, after.email);
    let phone = back("phone", now.phone, before.phone, after.phone);
    let address = match now.address == after.address && after.address != before.address {
        true => {
            names.push("address".to_owned());
            before.address
        }
        false => now.address,
    };
    (Contact { name, email, phone, address }.fields(kept, ""), names)
}

/// The kept customer's first and last days as before the merge, where the
/// merge moved them and nothing has since.
async fn respan(tx: &mut WriteTx, kept: Customer, noted: &Noted) -> Result<Customer> {
    let (before, after) = (&noted.kept_before, &noted.kept_after);
    let first = if kept.created_at == after.created_at { before.created_at } else { kept.created_at };
    let last =
        if kept.last_activity_at == after.last_activity_at { before.last_activity_at } else { kept.last_activity_at };
    if (first, last) == (kept.created_at, kept.last_activity_at) {
        return Ok(kept);
    }
    store::merges::span(tx, kept.id, first, last).await?;
    Ok(Customer { created_at: first, last_activity_at: last, ..kept })
}
