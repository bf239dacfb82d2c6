//! The merges a restore makes again (two customers found to be one person,
//! Art. 5(1)(d)) and the merges undone since the backup (two people merged
//! by mistake), each after the legal holds and restrictions the register
//! had lifted by then, since a merge is refused while either is held or
//! restricted.

use super::carry::{lift_restriction, KnownHold};
use crate::error::Result;
use crate::register::restriction::Restriction;
use crate::register::{Customer, CustomerState};
use crate::retention::due::RecordKind;
use crate::retention::holds::lift_in;
use crate::store::customers::Who;
use crate::store::{self, WriteTx};
use crate::values::CustomerId;

/// What [`carry_merges`] or [`carry_unmerges`] did: the numbers of the
/// customers merged (or given back) again, and of those it could not; how
/// many holds and restrictions it lifted first.
#[derive(Debug, Default)]
pub(super) struct CarriedMerges {
    pub replayed: Vec<String>,
    pub lost: Vec<String>,
    pub holds_lifted: i64,
    pub restrictions_lifted: i64,
}

/// What the register lifted, which a merge replayed may wait for.
pub(super) struct Lifted<'a> {
    pub holds: &'a [KnownHold],
    pub restrictions: &'a [(Who, Restriction)],
}

/// Merges again in the copy the customers merged in the register (`known`,
/// each with the customer kept) that the copy still has apart, each after
/// lifting the holds on either as a whole and their restrictions that the
/// register had lifted by then (`lifted`: a merge is refused while one is
/// held or restricted). One it cannot merge is named: the customer kept is
/// not in the copy, or the copy restricts, erases or holds one of the two
/// (a merge there is refused as it would be by hand).
pub(super) async fn carry_merges(
    tx: &mut WriteTx,
    known: &[(Who, crate::register::merge::Merge)],
    lifted: &Lifted<'_>,
) -> Result<CarriedMerges> {
    let mut out = CarriedMerges::default();
    for (kept, m) in known {
        let merged = Who { number: m.merged_number.clone(), pseudonym: m.merged_pseudonym.clone() };
        // Not in the copy (added after it was made), or merged in it already (its row retired).
        let Some(other) = store::customers::same_tx(tx, &merged).await?.filter(|c| c.state != CustomerState::Erased)
        else {
            continue;
        };
        let Some(keep) = store::customers::same_tx(tx, kept).await? else {
            out.lost.push(other.number);
            continue;
        };
        let pair = [keep.id, other.id];
        out.holds_lifted += lift_customer_holds(tx, lifted.holds, &pair, m.merged_at).await?;
        let restricted = lift_restrictions(tx, lifted.restrictions, &pair, m.merged_at).await?;
        out.restrictions_lifted += restricted;
        let (keep, other) =
            if restricted > 0 { (reread(tx, keep).await?, reread(tx, other).await?) } else { (keep, other) };
        // As the register made it, by whom and when: its days to undo it are the register's.
        match crate::register::merge::merge_in(tx, &keep, &other, Some((&m.merged_by, m.merged_at))).await {
            Ok(_) => out.replayed.push(other.number),
            Err(e) if e.is_user() => out.lost.push(other.number),
            Err(e) => return Err(e),
        }
    }
    Ok(out)
}

/// Customer `c` as the copy holds them now.
async fn reread(tx: &mut WriteTx, c: Customer) -> Result<Customer> {
    Ok(store::customers::get_tx(tx, c.id).await?.unwrap_or(c))
}

/// Lifts in the copy, as the register lifted them by `by`, the
/// restrictions in force there of customers `ids`: known, as a hold is, by
/// who placed them and when. How many it lifted.
async fn lift_restrictions(
    tx: &mut WriteTx,
    known: &[(Who, Restriction)],
    ids: &[CustomerId],
    by: chrono::DateTime<chrono::Utc>,
) -> Result<i64> {
    let mut lifted = 0;
    for &id in ids {
        for here in store::restrictions::of_customer(tx, id).await?.iter().filter(|h| h.lifted_at.is_none()) {
            let theirs = known.iter().map(|(_, r)| r).find(|r| {
                (r.set_at, &r.set_by) == (here.set_at, &here.set_by) && r.lifted_at.is_some_and(|at| at <= by)
            });
            if let Some(theirs) = theirs {
                lifted += i64::from(lift_restriction(tx, id, here, theirs).await?);
            }
        }
    }
    Ok(lifted)
}

/// Lifts in the copy, as the register lifted them by `by`, the holds in
/// force there on customers `ids` as a whole. A hold is known by who placed
/// it and when, not by its customer: a merge in the register moved it to
/// the customer kept. How many it lifted.
async fn lift_customer_holds(
    tx: &mut WriteTx,
    known: &[KnownHold],
    ids: &[CustomerId],
    by: chrono::DateTime<chrono::Utc>,
) -> Result<i64> {
    let held = store::holds::all(tx).await?.into_iter().filter(|h| {
        h.lifted_at.is_none() && h.entity == RecordKind::Customer && ids.contains(&CustomerId(h.entity_id))
    });
    let mut lifted = 0;
    for h in held.collect::<Vec<_>>() {
        let Some(k) = known.iter().map(|k| &k.hold).find(|k| {
            (k.entity, &k.set_by, k.set_at) == (RecordKind::Customer, &h.set_by, h.set_at)
                && k.lifted_at.is_some_and(|at| at <= by)
        }) else {
            continue;
        };
        if let (Some(who), Some(at)) = (&k.lifted_by, k.lifted_at) {
            lift_in(tx, h.id, who, at).await?;
            lifted += 1;
        }
    }
    Ok(lifted)
}

/// Undoes again in the copy the merges the register undid since the backup
/// was made: those of the customers `undone` names (by pseudonym, with when
/// the undo was made) that the copy has and the register (`known`, its
/// merges now) has not: one that merged the same customer at the same
/// moment, or into the same customer (a merge carried by an earlier restore
/// is made anew). Two people merged by mistake stay two (Art. 5(1)(d)):
/// merged again, an access report for one would give the other's data. Run
/// before the merges are carried, so that one undone and then merged into
/// someone else is merged there again; each after lifting the holds on the
/// customer kept and their restrictions that the register had lifted by
/// then (`lifted`). Returns the numbers of the customers given back, and of
/// those the copy cannot give back (it restricts, erases or holds the
/// customer kept, or no longer notes the merge): to be undone by hand; and
/// how many holds and restrictions it lifted.
pub(super) async fn carry_unmerges(
    tx: &mut WriteTx,
    known: &[(Who, crate::register::merge::Merge)],
    undone: &[(String, chrono::DateTime<chrono::Utc>)],
    lifted: &Lifted<'_>,
) -> Result<CarriedMerges> {
    let mut out = CarriedMerges::default();
    let in_force = |kept: &Who, m: &crate::register::merge::Merge| {
        known.iter().any(|(into, k)| {
            k.merged_pseudonym == m.merged_pseudonym && (k.merged_at == m.merged_at || into.pseudonym == kept.pseudonym)
        })
    };
    // The newest first: a merge made on from the customer kept is undone before the one into them.
    let in_copy = store::merges::all_with_customers(tx).await?;
    for (kept, m) in in_copy.iter().rev() {
        let found = undone.binary_search_by(|(p, _)| p.as_str().cmp(&m.merged_pseudonym));
        let Some(&(_, at)) = found.ok().map(|i| &undone[i]).filter(|_| !in_force(kept, m)) else { continue };
        let pair = [m.customer_id];
        out.holds_lifted += lift_customer_holds(tx, lifted.holds, &pair, at).await?;
        out.restrictions_lifted += lift_restrictions(tx, lifted.restrictions, &pair, at).await?;
        match crate::register::unmerge::unmerge_in(tx, m.merged_id).await {
            Ok(u) => out.replayed.push(u.restored.number),
            Err(e) if e.is_user() => out.lost.push(m.merged_number.clone()),
            Err(e) => return Err(e),
        }
    }
    Ok(out)
}
