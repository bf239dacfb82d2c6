//! Legal holds: a record, or every record of a customer, that must not be
//! deleted while a dispute or an authority's order lasts (GDPR Art. 17(3)(e),
//! "the establishment, exercise or defence of legal claims").

use chrono::{DateTime, Utc};
use serde::Serialize;

use super::due::RecordKind;
use crate::audit::to_json as json;
use crate::audit::Action;
use crate::error::{Error, Result};
use crate::msg;
use crate::register::records::check_text;
use crate::store::WriteTx;
use crate::Register;

#[derive(Debug, Clone, PartialEq, Eq, Serialize, sqlx::FromRow, schemars::JsonSchema)]
pub struct Hold {
    pub id: i64,
    pub entity: RecordKind,
    pub entity_id: i64,
    pub reason: String,
    pub set_by: String,
    pub set_at: DateTime<Utc>,
    pub lifted_by: Option<String>,
    pub lifted_at: Option<DateTime<Utc>>,
}

/// A hold as the lists show it: with the number of the record it keeps (a
/// customer, order or invoice number) and the customer the record is about,
/// where the record still says.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, sqlx::FromRow, schemars::JsonSchema)]
pub struct HoldView {
    #[sqlx(flatten)]
    #[serde(flatten)]
    pub hold: Hold,
    pub number: Option<String>,
    pub customer_id: Option<crate::values::CustomerId>,
    /// That customer's number: the window opens their page by it.
    pub customer_number: Option<String>,
    /// Whether lifting the hold erases its record: its customer was erased
    /// and this hold alone kept it (see [`Register::lift_hold`]).
    pub erases: bool,
    /// Whether lifting the hold erases what it alone kept from a person's
    /// request to erase it: a note, a sign-up, web events (see [`Register::lift_hold`]).
    pub releases: bool,
}

/// A lifted hold, and the record its lifting erased, if it did.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, schemars::JsonSchema)]
pub struct LiftedHold {
    #[serde(flatten)]
    pub hold: Hold,
    /// The erased customer whose record the lifting erased (where no
    /// request asked for that record: then it is among `released`).
    pub erased_for: Option<crate::values::CustomerId>,
    /// What the hold had kept from a person's request to erase it (a note,
    /// a sign-up, web events), erased now under that request.
    pub released: Vec<crate::retention::held_back::HeldBack>,
}

impl Register {
    /// The id of the record of `entity` that `number` names, for a hold on
    /// it: an order or an invoice by its number, a customer by their customer
    /// number (or id); other records are named by their id alone.
    pub async fn record_numbered(&self, entity: RecordKind, number: &str) -> Result<i64> {
        let number = number.trim();
        match entity {
            RecordKind::Customer => Ok(self.find_customer(number).await?.id.0),
            RecordKind::Order | RecordKind::Invoice => crate::store::holds::numbered(self.store(), entity, number)
                .await?
                .ok_or_else(|| Error::not_found(entity.as_str(), number)),
            _ => Err(Error::invalid("number", msg!("msg-record-has-no-number", entity = entity.as_str()))),
        }
    }

    /// Puts a hold on a record (or, with `RecordKind::Customer`, on all of a customer's records).
    pub async fn add_hold(&self, entity: RecordKind, entity_id: i64, reason: &str) -> Result<Hold> {
        let reason = check_text(reason, "reason", 1000)?;
        let mut tx = self.store().begin(self.actor()).await?;
        if !crate::store::holds::record_exists(&mut tx, entity, entity_id).await? {
            return Err(Error::not_found(entity.as_str(), entity_id));
        }
        let (who, at) = (tx.actor().to_owned(), tx.now());
        let hold = crate::store::holds::insert(&mut tx, entity, entity_id, &reason, &who, at).await?;
        let customer = (entity == RecordKind::Customer).then_some(crate::values::CustomerId(entity_id));
        tx.audit(Action::HoldAdd, "legal_hold", hold.id, customer, None, Some(&json(&hold)?)).await?;
        tx.commit().await?;
        Ok(hold)
    }

    /// Lifts a hold. Where the hold alone kept a record of an erased
    /// customer that no law keeps (an ordinary note, web activity, a course
    /// sign-up), the record is erased with it: the erasure the hold held back
    /// (Art. 17(3)(e)) is owed "without undue delay" once the claim is
    /// settled (Art. 17(1)), not after the record's ordinary period. So is
    /// what it alone kept from a person's request to erase it (a note, a
    /// sign-up, web events), under that request ([`super::held_back`]).
    pub async fn lift_hold(&self, id: i64) -> Result<LiftedHold> {
        // A lifting that erases makes its backup first, as every erasure does.
        let view = self.holds(false).await?.into_iter().find(|v| v.hold.id == id);
        if view.is_some_and(|v| v.erases || v.releases) {
            self.rotate_backup(crate::backup::BackupPurpose::Erasure).await?;
        }
        let mut tx = self.store().begin(self.actor()).await?;
        let (who, at) = (tx.actor().to_owned(), tx.now());
        let lifted = lift_in(&mut tx, id, &who, at).await?;
        tx.commit().await?;
        if lifted.erased_for.is_some() || !lifted.released.is_empty() {
            crate::store::erasure::flush_deleted(self.store()).await?;
        }
        Ok(lifted)
    }

    /// Holds in force (and lifted ones with `all`).
    pub async fn holds(&self, all: bool) -> Result<Vec<HoldView>> {
        crate::store::holds::list(self.store(), all).await
    }
}

/// Lifts hold `id` inside `tx`, by `who` at `at` (a restore carries a lift
/// over as it was made), erasing the record where [`Register::lift_hold`]
/// says.
pub(crate) async fn lift_in(tx: &mut WriteTx, id: i64, who: &str, at: DateTime<Utc>) -> Result<LiftedHold> {
    let erased_for = crate::store::holds::erasure_held_back(tx, id).await?;
    let hold = crate::store::holds::lift(tx, id, who, at)
        .await?
        .ok_or_else(|| Error::Refused(crate::msg!("msg-no-hold", id)))?;
    // What a request asked to erase goes under it first; what an erasure of
    // the whole customer left goes after.
    let released = crate::retention::held_back::release(tx).await?;
    if erased_for.is_some() {
        crate::store::erasure::delete(tx, hold.entity, &[hold.entity_id]).await?;
    }
    let customer = match hold.entity {
        RecordKind::Customer => Some(crate::values::CustomerId(hold.entity_id)),
        _ => erased_for,
    };
    // A record a request asked to erase is told as erased for that request, once.
    let for_request = released.iter().any(|b| b.entity == hold.entity && b.entity_id == hold.entity_id);
    let erased_for = erased_for.filter(|_| !for_request);
    let lifted = LiftedHold { hold, erased_for, released };
    tx.audit(Action::HoldLift, "legal_hold", id, customer, None, Some(&json(&lifted)?)).await?;
    Ok(lifted)
}
