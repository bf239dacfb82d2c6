//! What a restore carries over from the register it replaces into the
//! restored copy: what the law asks the shop to keep, or to have done, that
//! a backup made earlier does not have. Erasures are replayed (deletions.rs);
//! here the record of breaches (Art. 33(5)), the data-subject requests and
//! their deadlines (Art. 12(3)), the legal holds (Art. 17(3)(e)),
//! restrictions (Art. 18), objections to the recording of web activity
//! (Art. 21(1)) and the record of the documents handed out (Art. 5(2));
//! the consents given and withdrawn are in [`super::consents`], the merges
//! and their undoing in [`super::merges`], the corrections made for
//! requests for rectification (Art. 16) in [`super::rectifications`], the
//! parts of a person's data erased for their requests in
//! [`super::erased_parts`]. A record is found
//! in the copy by what names it outside one database: a customer by their
//! pseudonym (which, unlike their number, no correction changes), a hold's
//! record and when and by whom it was placed.

use crate::audit::to_json as json;
use crate::audit::Action;
use crate::error::Result;
use crate::register::restriction::Restriction;
use crate::register::web_objection::WebObjection;
use crate::register::{Customer, CustomerState};
use crate::requests::Request;
use crate::retention::due::RecordKind;
use crate::retention::holds::{lift_in, Hold};
use crate::store::customers::Who;
use crate::store::{self, Within, WriteTx};
use crate::values::{BreachId, CustomerId, RequestId};

/// Carries `known` (the breaches the register had) into the restored copy:
/// one the copy lacks is recorded again whole, one it has with fewer steps is
/// brought up to the register's. A breach is the same one where it was
/// recorded at the same moment by the same person. Returns how many changed,
/// and each known breach's id with its id in the restored copy.
pub(super) async fn carry_breaches(
    tx: &mut store::WriteTx,
    known: &[crate::breaches::Breach],
) -> Result<(i64, Vec<(BreachId, BreachId)>)> {
    let here = store::breaches::list(tx, true).await?;
    let mut carried = 0;
    let mut same_as = Vec::with_capacity(known.len());
    for b in known {
        let same = here.iter().find(|h| h.recorded_at == b.recorded_at && h.recorded_by == b.recorded_by);
        let (id, before) = match same {
            Some(h) if h.fields == b.fields && steps(h) == steps(b) => {
                same_as.push((b.id, h.id));
                continue;
            }
            Some(h) => {
                let updated = crate::breaches::Breach { id: h.id, ..b.clone() };
                store::breaches::update(tx, &updated).await?;
                (h.id, Some(json(h)?))
            }
            None => (store::breaches::insert_whole(tx, b).await?.id, None),
        };
        tx.audit(Action::BreachRecord, "breach", id, None, before.as_ref(), Some(&json(b)?)).await?;
        same_as.push((b.id, id));
        carried += 1;
    }
    Ok((carried, same_as))
}

/// Links the restored copy's breaches (`same_as`: the register's id, the
/// copy's) to the customers the register linked them to (`known`), where
/// the copy has them. Returns the numbers of those it has not.
pub(super) async fn carry_concerned(
    tx: &mut store::WriteTx,
    same_as: &[(BreachId, BreachId)],
    known: &[(BreachId, Who)],
) -> Result<Vec<String>> {
    let here = store::breaches::concerned_customers(tx).await?;
    let mut lost = Vec::new();
    for &(theirs, ours) in same_as {
        // Sorted here: the register and the copy may be of backends that sort text apart.
        let mut want: Vec<&Who> = known.iter().filter(|(b, _)| *b == theirs).map(|(_, w)| w).collect();
        let mut have: Vec<&str> = here.iter().filter(|(b, _)| *b == ours).map(|(_, w)| w.pseudonym.as_str()).collect();
        want.sort_by(|a, b| a.pseudonym.cmp(&b.pseudonym));
        have.sort();
        if want.iter().map(|w| w.pseudonym.as_str()).eq(have) {
            continue;
        }
        let before = store::breaches::unconcern_all(tx, ours).await?;
        let mut ids = Vec::with_capacity(want.len());
        let mut missing = 0i64;
        for who in want {
            match store::customers::same_tx(tx, who).await? {
                Some(c) => ids.push(c.id),
                None => {
                    lost.push(who.number.clone());
                    missing += 1;
                }
            }
        }
        store::breaches::concern(tx, ours, &ids).await?;
        // Counts, not numbers: a breach of the whole register links every customer.
        let change = serde_json::json!({ "before": before, "linked": ids.len(), "lost": missing });
        tx.audit(Action::BreachConcern, "breach", ours, None, None, Some(&json(&change)?)).await?;
    }
    Ok(lost)
}

/// A breach's steps: what a restore may find the backup behind on.
fn steps(b: &crate::breaches::Breach) -> impl PartialEq + '_ {
    (b.notified_at, &b.authority_reference, &b.delay_reason, b.informed_at, &b.informed_how, b.closed_at)
}

/// What names a held record outside one database: its own number (a
/// customer, an order, an invoice) and its customer's pseudonym.
type Mark = (Option<String>, Option<String>);

/// Whether two marks name the same record: the same customer, and for an
/// order or an invoice the same number. A customer's own number can have
/// been corrected since; their pseudonym cannot.
fn same_record(entity: RecordKind, a: &Option<Mark>, b: &Option<Mark>) -> bool {
    match (a, b) {
        (Some(a), Some(b)) if entity == RecordKind::Customer => a.1 == b.1,
        (a, b) => a == b,
    }
}

/// A hold of a register that a restore replaces, with its record's mark
/// there (`None`: the record is gone).
#[derive(Debug, Clone)]
pub(super) struct KnownHold {
    pub hold: Hold,
    pub mark: Option<Mark>,
}

/// Every hold of the register, placed or lifted, with its record's mark.
pub(super) async fn known_holds(tx: &mut impl Within) -> Result<Vec<KnownHold>> {
    let mut known = vec![];
    for hold in store::holds::all(tx).await? {
        let mark = store::holds::mark(tx, hold.entity, hold.entity_id).await?;
        known.push(KnownHold { hold, mark });
    }
    Ok(known)
}

/// The holds a restore carried over, and those it could not.
#[derive(Debug, Default)]
pub(super) struct CarriedHolds {
    /// Each known hold the restored copy has now (by its index in the
    /// known list) with its id there.
    pub same: Vec<(usize, i64)>,
    /// How many were placed again.
    pub placed: i64,
    /// The records of holds in force that the copy lacks ("order 10234",
    /// "interaction 17").
    pub lost: Vec<String>,
    /// The holds on records carried after the holds (by index in the known
    /// list): placed by [`carry_later_holds`] once their records are.
    pub on_later: Vec<usize>,
}

/// Places on a restored copy each hold the register had that the copy
/// lacks, where the copy has its record: the same row, by id, number and
/// customer. A restore must not lose a hold placed after the backup: the
/// sweep would then delete what a legal claim needs (Art. 17(3)(e)). A hold
/// on one of `later` (the register's records that the restore carries after
/// the erasures, which the copy may have under another id: the notes of
/// business written since, the sign-ups recorded or changed since) waits
/// for its record.
pub(super) async fn carry_holds(
    tx: &mut WriteTx,
    known: &[KnownHold],
    later: &[(RecordKind, i64)],
) -> Result<CarriedHolds> {
    let here = store::holds::all(tx).await?;
    let mut carried = CarriedHolds::default();
    for (i, k) in known.iter().enumerate() {
        let h = &k.hold;
        let same = here
            .iter()
            .find(|o| (o.entity, o.entity_id, &o.set_by, o.set_at) == (h.entity, h.entity_id, &h.set_by, h.set_at));
        if let Some(o) = same {
            carried.same.push((i, o.id));
            continue;
        }
        // A lifted hold whose record the register has since deleted (an
        // erasure it held back, completed) keeps nothing there either.
        if k.mark.is_none() {
            continue;
        }
        if later.contains(&(h.entity, h.entity_id)) {
            carried.on_later.push(i);
            continue;
        }
        let mark = store::holds::mark(tx, h.entity, h.entity_id).await?;
        if !same_record(h.entity, &mark, &k.mark) {
            carried.lost.extend(lost_name(k));
            continue;
        }
        let placed = place(tx, h, h.entity_id).await?;
        carried.same.push((i, placed));
        carried.placed += 1;
    }
    Ok(carried)
}

/// How a restore names a hold it could not carry, where it is still in
/// force: a lifted one kept nothing.
fn lost_name(k: &KnownHold) -> Option<String> {
    let h = &k.hold;
    let number = k.mark.clone().and_then(|(number, _)| number);
    h.lifted_at.is_none().then(|| format!("{} {}", h.entity, number.unwrap_or_else(|| h.entity_id.to_string())))
}

/// Places `h` again on the restored copy's record `entity_id`, as it was
/// placed; its id there.
async fn place(tx: &mut WriteTx, h: &Hold, entity_id: i64) -> Result<i64> {
    let placed = store::holds::insert(tx, h.entity, entity_id, &h.reason, &h.set_by, h.set_at).await?;
    let customer = (h.entity == RecordKind::Customer).then_some(CustomerId(entity_id));
    tx.audit(Action::HoldAdd, "legal_hold", placed.id, customer, None, Some(&json(&placed)?)).await?;
    Ok(placed.id)
}

/// Places each hold of `carried.on_later` on a record of kind `entity` on
/// that record in the restored copy (`records`: the register's id of each
/// record of the kind carried, and the copy's), and lifts it where it was
/// lifted: a note of a purchase or an agreement, or a sign-up, that a
/// dispute needs must not lose its hold to a restore (Art. 17(3)(e)).
/// Lifting one erases nothing: the register erased nothing when it lifted
/// it, or the record would not be here. One whose record the copy could not
/// take is named lost. How many holds it placed or lifted.
pub(super) async fn carry_later_holds(
    tx: &mut WriteTx,
    known: &[KnownHold],
    carried: &mut CarriedHolds,
    entity: RecordKind,
    records: &[(i64, i64)],
) -> Result<i64> {
    let mut count = 0;
    for &i in carried.on_later.iter().filter(|&&i| known[i].hold.entity == entity) {
        let (k, h) = (&known[i], &known[i].hold);
        let Some(&(_, here)) = records.iter().find(|(there, _)| *there == h.entity_id) else {
            carried.lost.extend(lost_name(k));
            continue;
        };
        let placed = place(tx, h, here).await?;
        count += 1;
        if let (Some(who), Some(at)) = (&h.lifted_by, h.lifted_at) {
            lift_in(tx, placed, who, at).await?;
            count += 1;
        }
    }
    Ok(count)
}

/// The holds carried over that the register lifted and the restored copy
/// has in force: each as (its index in `known`, the copy's id), in the order
/// they were lifted, for [`carry_lifts`].
pub(super) async fn lifts_to_carry(
    tx: &mut WriteTx,
    known: &[KnownHold],
    same: &[(usize, i64)],
) -> Result<Vec<(usize, i64)>> {
    let in_force: Vec<i64> =
        store::holds::all(tx).await?.into_iter().filter(|h| h.lifted_at.is_none()).map(|h| h.id).collect();
    let mut lifts: Vec<(usize, i64)> =
        same.iter().copied().filter(|&(i, id)| known[i].hold.lifted_at.is_some() && in_force.contains(&id)).collect();
    lifts.sort_by_key(|&(i, _)| known[i].hold.lifted_at);
    Ok(lifts)
}

/// Lifts on the restored copy, as they were lifted and erasing what
/// [`lift_in`] erases, the first of `lifts` (from [`lifts_to_carry`]): those
/// lifted by `by`, or all. How many it lifted. Replayed in their place among
/// the erasures: an erasure made once a hold was lifted is refused while it
/// is in force, and a lift made after an erasure completes what the erasure
/// held back.
pub(super) async fn carry_lifts(
    tx: &mut WriteTx,
    known: &[KnownHold],
    lifts: &[(usize, i64)],
    by: Option<chrono::DateTime<chrono::Utc>>,
) -> Result<usize> {
    let mut lifted = 0;
    for &(i, id) in lifts {
        let h = &known[i].hold;
        // Every one of `lifts` was lifted; a lift names who made it.
        let (who, at) = (h.lifted_by.as_deref().unwrap_or_default(), h.lifted_at.unwrap_or_default());
        if by.is_some_and(|by| at > by) {
            break;
        }
        lift_in(tx, id, who, at).await?;
        lifted += 1;
    }
    Ok(lifted)
}

/// The copy's requests, each under what makes a register's request the same
/// one: logged at the same moment for the same kind.
pub(super) async fn requests_here(
    tx: &mut WriteTx,
) -> Result<std::collections::HashMap<(chrono::DateTime<chrono::Utc>, crate::requests::RequestKind), Request>> {
    Ok(store::requests::all(tx).await?.into_iter().map(|h| ((h.created_at, h.kind), h)).collect())
}

/// Whether `here` (the copy's) is the register's restriction `theirs`: set at the same moment by the same person.
pub(super) fn same_restriction(here: &Restriction, theirs: &Restriction) -> bool {
    (here.set_at, &here.set_by) == (theirs.set_at, &theirs.set_by)
}

/// Requests carried over: how many, the copy's id of each of the
/// register's, and the customers (by number) the copy lacks.
#[derive(Debug, Default)]
pub(super) struct CarriedRequests {
    pub carried: i64,
    pub same_as: Vec<(RequestId, RequestId)>,
    pub without_customer: Vec<String>,
}

/// Carries over the requests (`known`, each with its customer)
/// logged or taken further after the backup: a request lost would pass its
/// deadline unanswered (Art. 12(3)). One the copy lacks is logged again
/// whole (for its customer where the copy has them), one it has behind is
/// brought up to the register's. A request is the same one where it was
/// logged at the same moment for the same kind.
pub(super) async fn carry_requests(tx: &mut WriteTx, known: &[(Request, Option<Who>)]) -> Result<CarriedRequests> {
    let here = requests_here(tx).await?;
    let mut out = CarriedRequests::default();
    for (r, who) in known {
        let same = here.get(&(r.created_at, r.kind));
        if let Some(h) = same {
            out.same_as.push((r.id, h.id));
            // Linked to the customer found since the copy was made: linked
            // again, where the copy has that customer.
            let mut customer_id = h.customer_id;
            if let (Some(_), None, Some(w)) = (&h.requester, &r.requester, who) {
                if let Some(c) = store::customers::same_tx(tx, w).await? {
                    store::requests::link(tx, h.id, c.id).await?;
                    customer_id = Some(c.id);
                }
            }
            let (requester, requester_language) = match customer_id == h.customer_id {
                true => (h.requester.clone(), h.requester_language),
                false => (None, None),
            };
            let updated = Request { id: h.id, customer_id, requester, requester_language, ..r.clone() };
            if *h == updated {
                continue;
            }
            store::requests::update(tx, &updated).await?;
            tx.audit(Action::RequestOpen, "request", h.id, customer_id, Some(&json(h)?), Some(&json(&updated)?))
                .await?;
            out.carried += 1;
            continue;
        }
        let customer = match who {
            Some(w) => store::customers::same_tx(tx, w).await?.map(|c| c.id),
            None => None,
        };
        if let (Some(w), None) = (who, customer) {
            out.without_customer.push(w.number.clone());
        }
        let saved = store::requests::insert_whole(tx, r, customer).await?;
        tx.audit(Action::RequestOpen, "request", saved.id, customer, None, Some(&json(&saved)?)).await?;
        out.same_as.push((r.id, saved.id));
        out.carried += 1;
    }
    Ok(out)
}

/// Carries over the restrictions (`known`, each with its customer) placed
/// or lifted after the backup, for the customers the copy
/// has and has not erased: one lifted in the register is lifted as it was,
/// one in force there is placed again as it was. A restriction lost would
/// let the copy use, or the sweep delete, what is only to be stored
/// (Art. 18(2)). Returns how many it carried, and the numbers of the
/// customers restricted in the register whom the copy does not have.
pub(super) async fn carry_restrictions(
    tx: &mut WriteTx,
    known: &[(Who, Restriction)],
    requests: &[(RequestId, RequestId)],
) -> Result<(i64, Vec<String>)> {
    let mut carried = 0;
    let mut lost = Vec::new();
    for (who, r) in known {
        let Some(c) = not_erased_in_copy(tx, who, r.lifted_at.is_none(), &mut lost).await? else { continue };
        let here = store::restrictions::of_customer(tx, c.id).await?;
        let same = here.iter().find(|h| same_restriction(h, r));
        match (same, r.lifted_at) {
            (Some(h), Some(_)) if h.lifted_at.is_none() => {
                carried += i64::from(lift_restriction(tx, c.id, h, r).await?)
            }
            (None, None) if c.state == CustomerState::Active => {
                // The request it answered, as the copy numbers it.
                let request = r.request_id.and_then(|q| requests.iter().find(|(theirs, _)| *theirs == q)).map(|p| p.1);
                let set = (r.set_by.as_str(), r.set_at);
                let saved = store::restrictions::insert(tx, c.id, r.ground, request, r.note.as_deref(), set).await?;
                store::restrictions::set_state(tx, c.id, CustomerState::Restricted).await?;
                tx.audit(
                    Action::CustomerRestrict,
                    "customer",
                    c.id,
                    Some(c.id),
                    Some(&json(&c)?),
                    Some(&json(&saved)?),
                )
                .await?;
                carried += 1;
            }
            _ => {}
        }
    }
    lost.dedup();
    Ok((carried, lost))
}

/// Lifts restriction `here` of customer `customer` in the copy as the
/// register lifted the same one (`theirs`); false where it was not lifted
/// there, or lifted without the day the person was told (Art. 18(3)).
pub(super) async fn lift_restriction(
    tx: &mut WriteTx,
    customer: CustomerId,
    here: &Restriction,
    theirs: &Restriction,
) -> Result<bool> {
    let (Some(at), Some(notified)) = (theirs.lifted_at, theirs.notified_on) else { return Ok(false) };
    let by = theirs.lifted_by.as_deref().unwrap_or_default();
    let lifted = store::restrictions::lift(tx, here.id, notified, (by, at)).await?;
    store::restrictions::set_state(tx, customer, CustomerState::Active).await?;
    let (before, after) = (json(here)?, json(&lifted)?);
    tx.audit(Action::CustomerUnrestrict, "customer", customer, Some(customer), Some(&before), Some(&after)).await?;
    Ok(true)
}

/// Carries over the objections to the recording of web activity (`known`,
/// each with its customer) made or lifted after the backup, as restrictions
/// are: one lost would have the copy record again what the person objected
/// to (Art. 21(1)). Returns how many it carried, and the numbers of the
/// customers with one in force whom the copy does not have.
pub(super) async fn carry_web_objections(
    tx: &mut WriteTx,
    known: &[(Who, WebObjection)],
    requests: &[(RequestId, RequestId)],
) -> Result<(i64, Vec<String>)> {
    let mut carried = 0;
    let mut lost = Vec::new();
    for (who, o) in known {
        let Some(c) = not_erased_in_copy(tx, who, o.lifted_at.is_none(), &mut lost).await? else { continue };
        let here = store::web_objections::of_customer(tx, c.id).await?;
        let same = here.iter().find(|h| (h.set_at, &h.set_by) == (o.set_at, &o.set_by));
        match (same, o.lifted_at) {
            (Some(h), Some(at)) if h.lifted_at.is_none() => {
                let by = o.lifted_by.as_deref().unwrap_or_default();
                let lifted = store::web_objections::lift(tx, h.id, (by, at)).await?;
                let (before, after) = (json(h)?, json(&lifted)?);
                tx.audit(Action::WebActivityResume, "customer", c.id, Some(c.id), Some(&before), Some(&after)).await?;
                carried += 1;
            }
            (None, None) if here.iter().all(|h| h.lifted_at.is_some()) => {
                let request = o.request_id.and_then(|q| requests.iter().find(|(theirs, _)| *theirs == q)).map(|p| p.1);
                let saved = store::web_objections::insert(tx, c.id, request, (&o.set_by, o.set_at)).await?;
                tx.audit(Action::WebActivityStop, "customer", c.id, Some(c.id), None, Some(&json(&saved)?)).await?;
                carried += 1;
            }
            _ => {}
        }
    }
    lost.dedup();
    Ok((carried, lost))
}

/// The customer `who` is in the copy, unless the copy lacks them or has
/// erased them: one it lacks while a mark of theirs is `in_force` is named
/// in `lost`, to be marked again should an import bring them back.
pub(super) async fn not_erased_in_copy(
    tx: &mut WriteTx,
    who: &Who,
    in_force: bool,
    lost: &mut Vec<String>,
) -> Result<Option<Customer>> {
    let Some(c) = store::customers::same_tx(tx, who).await? else {
        if in_force {
            lost.push(who.number.clone());
        }
        return Ok(None);
    };
    Ok((c.state != CustomerState::Erased).then_some(c))
}

/// Records each erasure made again (`answered`: its customer in the copy,
/// with the register's number of the request) as the answer to its request,
/// found through `requests` (the register's id, the copy's), else under the
/// same number: a request not taken further since the backup has it there.
/// The record is the shop's proof that it answered (Art. 5(2), 12(3)).
pub(super) async fn link_erasures(
    tx: &mut WriteTx,
    answered: &[(CustomerId, RequestId)],
    requests: &[(RequestId, RequestId)],
) -> Result<()> {
    for &(customer, request) in answered {
        let here = requests.iter().find(|(theirs, _)| *theirs == request).map_or(request, |(_, ours)| *ours);
        if store::requests::get_tx(tx, here).await?.is_some_and(|r| r.customer_id == Some(customer)) {
            store::erasure::answered_latest(tx, customer, here).await?;
        }
    }
    Ok(())
}

/// Records in the copy the documents (`known`, each with its request as the
/// register numbered it and its customer) made at `since` or later
/// that the copy lacks: the record of which document the shop handed out for
/// a request is its proof of the answer (Art. 5(2)). A document is the same
/// one where it was recorded at the same moment with the same digest. Its
/// request is found through `requests` (the register's id, the copy's), its
/// customer as [`Who`] says. Returns how many it recorded.
pub(super) async fn carry_documents(
    tx: &mut WriteTx,
    known: &[store::documents::Made],
    requests: &[(RequestId, RequestId)],
    since: chrono::DateTime<chrono::Utc>,
) -> Result<i64> {
    let here = store::documents::recorded_since(tx, since).await?;
    let mut carried = 0;
    for (request, who, d) in known {
        if here.iter().any(|(at, digest)| *at == d.created_at && *digest == d.digest) {
            continue;
        }
        let request = request.and_then(|q| requests.iter().find(|(theirs, _)| *theirs == q)).map(|p| p.1);
        let customer = match who {
            Some(w) => store::customers::same_tx(tx, w).await?.map(|c| c.id),
            None => None,
        };
        let id = store::documents::insert_whole(tx, request, customer, d).await?;
        // Who made it, as the register's trail said: this entry's actor is the restore's.
        let about = serde_json::json!({
            "kind": d.kind, "format": d.format, "language": d.language, "digest": d.digest,
            "request": request, "made_at": d.created_at, "made_by": d.actor,
        });
        tx.audit(Action::DocumentGenerate, "document", id, customer, None, Some(&about)).await?;
        carried += 1;
    }
    Ok(carried)
}
