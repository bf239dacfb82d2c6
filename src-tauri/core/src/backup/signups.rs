//! The sign-ups for courses and events recorded, or marked attended or
//! cancelled, after a backup was made, carried into the restored copy as
//! the register has them. A sign-up is recorded by hand and exists nowhere
//! else; a restore that dropped it would leave the shop not knowing who
//! comes to a course, and not telling them what it promised to (the
//! purpose the privacy notice names). Carried after the erasures and sweeps
//! made again: a sign-up the register deleted since is not among those read,
//! and one of a customer the copy has erased is not taken. A legal hold
//! placed on one since comes with it (backup/carry.rs).

use crate::audit::to_json as json;
use crate::audit::Action;
use crate::error::Result;
use crate::register::{CustomerState, NewEventRegistration};
use crate::retention::due::RecordKind;
use crate::store::signups::{self as stored, Changed};
use crate::store::{self, WriteTx};

/// What a restore made again of the sign-ups.
#[derive(Debug, Default)]
pub(super) struct Carried {
    /// Sign-ups recorded again, or given their status again.
    pub carried: i64,
    /// Each sign-up of those in the restored copy: its id in the register
    /// replaced and in the copy (for the holds placed on it since).
    pub here: Vec<(i64, i64)>,
    /// The customers (by number) whose sign-ups the copy cannot take: it
    /// does not have them, or has them erased.
    pub lost: Vec<String>,
}

/// Records in the restored copy each sign-up of `changed` that it lacks,
/// and gives one it has the status the register gave it since.
pub(super) async fn carry(tx: &mut WriteTx, changed: &[Changed]) -> Result<Carried> {
    let mut carried = Carried::default();
    for r in changed {
        let s = &r.signup;
        if let Some(id) = stored::same(tx, r).await? {
            carried.here.push((s.id.0, id.0));
            let Some(here) = store::records::event_registration_tx(tx, id).await? else { continue };
            if here.status == s.status {
                continue;
            }
            let Some(saved) = store::records::set_registration_status(tx, id, s.status).await? else { continue };
            let (before, after) = (json(&here)?, json(&saved)?);
            let customer = Some(saved.customer_id);
            tx.audit(Action::EventRegistrationStatus, "event_registration", id, customer, Some(&before), Some(&after))
                .await?;
            carried.carried += 1;
            continue;
        }
        let customer = store::customers::same_tx(tx, &r.customer).await?;
        let Some(customer) = customer.filter(|c| c.state != CustomerState::Erased) else {
            carried.lost.push(r.customer.number.clone());
            continue;
        };
        let signup = NewEventRegistration {
            customer_id: customer.id,
            event_name: s.event_name.clone(),
            event_date: s.event_date,
            status: s.status,
        };
        let saved = store::records::insert_event_registration(tx, &signup).await?;
        carried.here.push((s.id.0, saved.id.0));
        tx.audit(
            Action::EventRegistrationAdd,
            "event_registration",
            saved.id,
            Some(customer.id),
            None,
            Some(&json(&saved)?),
        )
        .await?;
        carried.carried += 1;
    }
    carried.lost.sort();
    carried.lost.dedup();
    Ok(carried)
}

/// The register's ids of the sign-ups `changed`: a hold on one is carried
/// with it, which the copy may have under another id, if at all.
pub(super) fn ids(changed: &[Changed]) -> impl Iterator<Item = (RecordKind, i64)> + '_ {
    changed.iter().map(|r| (RecordKind::EventRegistration, r.signup.id.0))
}
