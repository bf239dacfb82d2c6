//! Legal holds: a record, or every record of a customer, that must not be
//! deleted while a dispute or an authority's order lasts (GDPR Art. 17(3)(e),
//! "the establishment, exercise or defence of legal claims").

use chrono::{DateTime, Utc};
use serde::Serialize;

use super::due::RecordKind;
use crate::audit::to_json as json;
use crate::audit::Action;
use crate::error::{Error, Result};
use crate::register::records::check_text;
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
}

impl Register {
    /// Puts a hold on a record (or, with `RecordKind::Customer`, on all of a customer's records).
    pub async fn add_hold(&self, entity: RecordKind, entity_id: i64, reason: &str) -> Result<Hold> {
        let reason = check_text(reason, "reason", 1000)?;
        let mut tx = self.store().begin(self.actor()).await?;
        if !crate::store::holds::record_exists(&mut tx, entity, entity_id).await? {
            return Err(Error::not_found(entity.as_str(), entity_id));
        }
        let hold = crate::store::holds::insert(&mut tx, entity, entity_id, &reason).await?;
        let customer = (entity == RecordKind::Customer).then_some(crate::values::CustomerId(entity_id));
        tx.audit(Action::HoldAdd, "legal_hold", hold.id, customer, None, Some(&json(&hold)?)).await?;
        tx.commit().await?;
        Ok(hold)
    }

    pub async fn lift_hold(&self, id: i64) -> Result<Hold> {
        let mut tx = self.store().begin(self.actor()).await?;
        let lifted = crate::store::holds::lift(&mut tx, id)
            .await?
            .ok_or_else(|| Error::Refused(crate::msg!("msg-no-hold", id)))?;
        let customer = (lifted.entity == RecordKind::Customer).then_some(crate::values::CustomerId(lifted.entity_id));
        tx.audit(Action::HoldLift, "legal_hold", id, customer, None, Some(&json(&lifted)?)).await?;
        tx.commit().await?;
        Ok(lifted)
    }

    /// Holds in force (and lifted ones with `all`).
    pub async fn holds(&self, all: bool) -> Result<Vec<HoldView>> {
        crate::store::holds::list(self.store(), all).await
    }
}
