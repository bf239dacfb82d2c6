//! The consents given and withdrawn after a backup was made, carried into
//! the restored copy. A consent recorded by hand (in the shop, on the
//! telephone, on a course's sign-up sheet) exists nowhere else, and the
//! shop must be able to show that the person consented, to what wording and
//! when (Art. 7(1)): a restore that dropped it would drop the person from
//! the mailing list they asked to be on, without a word. A withdrawal stops
//! the purpose at once (Art. 7(3)): one lost would have the shop write
//! again to someone who said no, so one made since is made again, with its
//! time, before the erasures (whose proof of a consent then says when it
//! ended). Each is withdrawn as the register withdrew it: a person who
//! withdrew and then agreed again to the same wording consents now. The
//! consents a web shop's file brought since are not carried: importing the
//! file again brings them back, as it does the file's orders.

use chrono::{DateTime, Utc};

use crate::audit::to_json as json;
use crate::audit::Action;
use crate::error::Result;
use crate::register::{Consent, CustomerState, NewConsent};
use crate::store::consents::{self as stored, Recorded};
use crate::store::customers::Who;
use crate::store::{self, WriteTx};

/// What a restore made again of the consents.
#[derive(Debug, Default)]
pub(super) struct Carried {
    /// Consents recorded again.
    pub given: i64,
    /// Consents withdrawn again.
    pub withdrawn: i64,
    /// The customers (by number) whose consents given since the copy cannot
    /// take: it does not have them, or has them erased.
    pub lost: Vec<String>,
}

/// Records again in the restored copy the consents `given` since the
/// backup that it lacks, then withdraws again each of those `known` (every
/// withdrawn consent of the register replaced) withdrawn at `since` or
/// later, in the order withdrawn. Each as the register withdrew it, and no
/// other: one to the same purpose that the person agreed to after it (a
/// consent carried keeps when it was given) still stands.
pub(super) async fn carry(
    tx: &mut WriteTx,
    given: &[Recorded],
    known: &[(Who, Consent)],
    since: DateTime<Utc>,
) -> Result<Carried> {
    let mut carried = Carried::default();
    for r in given {
        give(tx, r, &mut carried).await?;
    }
    // Only those withdrawn about when the backup was made, or later, can be
    // missing from it: a backup of last week is not read consent by consent
    // for a register's whole history.
    let mut withdrawn: Vec<_> =
        known.iter().filter_map(|(who, k)| k.withdrawn_at.filter(|at| *at >= since).map(|at| (at, who, k))).collect();
    withdrawn.sort_by_key(|(at, _, _)| *at);
    for (at, who, k) in withdrawn {
        if let Some(id) = store::records::standing_consent(tx, who, &k.purpose, k.given_at).await? {
            if crate::register::withdraw_one_in(tx, id, at, None).await?.is_some() {
                carried.withdrawn += 1;
            }
        }
    }
    carried.lost.sort();
    carried.lost.dedup();
    Ok(carried)
}

/// Records consent `r` in the copy, as it was given, where the copy lacks it
/// and has its customer (not erased).
async fn give(tx: &mut WriteTx, r: &Recorded, carried: &mut Carried) -> Result<()> {
    if stored::holds_recorded(tx, r).await? {
        return Ok(());
    }
    let customer = store::customers::same_tx(tx, &r.customer).await?;
    let Some(customer) = customer.filter(|c| c.state != CustomerState::Erased) else {
        carried.lost.push(r.customer.number.clone());
        return Ok(());
    };
    let k = &r.consent;
    let consent = NewConsent {
        customer_id: customer.id,
        purpose: k.purpose.clone(),
        text_version: k.text_version.clone(),
        given_at: k.given_at,
        channel: k.channel.clone(),
    };
    let saved = store::records::insert_consent(tx, &consent).await?;
    tx.audit(Action::ConsentGive, "consent", saved.id, Some(customer.id), None, Some(&json(&saved)?)).await?;
    carried.given += 1;
    Ok(())
}
