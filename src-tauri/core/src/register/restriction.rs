//! Restriction of processing (GDPR Art. 18): the customer's data is only
//! stored; nothing new is recorded about them and they are left out of every
//! use but the legal obligations and legal claims, until the restriction is
//! lifted, and the person is told before it is (Art. 18(3)).

use chrono::{DateTime, NaiveDate, Utc};
use serde::Serialize;

use crate::audit::to_json as json;
use crate::audit::Action;
use crate::error::{Error, Result};
use crate::macros::text_enum;
use crate::register::records::optional_text_field;
use crate::register::CustomerState;
use crate::requests::RequestKind;
use crate::store;
use crate::values::{CustomerId, RequestId};
use crate::Register;

text_enum! {
    /// The grounds of Art. 18(1).
    pub enum RestrictionGround {
        /// (a) the person contests the accuracy, while the shop checks it.
        AccuracyContested = "accuracy_contested",
        /// (b) the processing is unlawful and the person prefers restriction to erasure.
        UnlawfulProcessing = "unlawful_processing",
        /// (c) the shop no longer needs the data, the person needs it for legal claims.
        LegalClaims = "legal_claims",
        /// (d) the person has objected (Art. 21(1)) and the balancing is pending.
        ObjectionPending = "objection_pending",
    }
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, sqlx::FromRow, schemars::JsonSchema)]
pub struct Restriction {
    pub id: i64,
    pub customer_id: CustomerId,
    pub ground: RestrictionGround,
    pub request_id: Option<RequestId>,
    pub note: Option<String>,
    pub set_by: String,
    pub set_at: DateTime<Utc>,
    pub lifted_by: Option<String>,
    pub lifted_at: Option<DateTime<Utc>>,
    /// The day the person was told that the restriction would be lifted.
    pub notified_on: Option<NaiveDate>,
}

impl Register {
    /// Restricts a customer's data on `ground`; `request`: the restriction request it answers.
    pub async fn restrict_customer(
        &self,
        customer: CustomerId,
        ground: RestrictionGround,
        request: Option<RequestId>,
        note: Option<&str>,
    ) -> Result<Restriction> {
        let note = optional_text_field(note, "note", 1000)?;
        let mut tx = self.store().begin(self.actor()).await?;
        let c =
            store::customers::get_tx(&mut tx, customer).await?.ok_or_else(|| Error::not_found("customer", customer))?;
        super::refuse_merged(&mut tx, &c).await?;
        match c.state {
            CustomerState::Active => {}
            CustomerState::Restricted => {
                return Err(Error::Refused(crate::msg!("msg-customer-restricted-already", customer = c.number)));
            }
            CustomerState::Erased => {
                return Err(Error::Refused(crate::msg!("msg-customer-erased", customer = c.number)))
            }
        }
        if let Some(r) = request {
            crate::requests::check_answers(&mut tx, &c, r, &[RequestKind::Restriction, RequestKind::Objection]).await?;
        }
        let set = (tx.actor().to_owned(), tx.now());
        let saved =
            store::restrictions::insert(&mut tx, customer, ground, request, note.as_deref(), (&set.0, set.1)).await?;
        store::restrictions::set_state(&mut tx, customer, CustomerState::Restricted).await?;
        tx.audit(
            Action::CustomerRestrict,
            "customer",
            customer,
            Some(customer),
            Some(&json(&c)?),
            Some(&json(&saved)?),
        )
        .await?;
        tx.commit().await?;
        Ok(saved)
    }

    /// Lifts the restriction in force. `notified_on`: the day the person was told (Art. 18(3)), not after today.
    pub async fn lift_restriction(&self, customer: CustomerId, notified_on: NaiveDate) -> Result<Restriction> {
        let today = self.today().await?;
        if notified_on > today {
            return Err(Error::invalid("notified_on", crate::msg!("msg-told-before-lifting")));
        }
        let mut tx = self.store().begin(self.actor()).await?;
        let current = store::restrictions::in_force(&mut tx, customer)
            .await?
            .ok_or_else(|| Error::Refused(crate::msg!("msg-no-restriction", customer)))?;
        let by = (tx.actor().to_owned(), tx.now());
        let lifted = store::restrictions::lift(&mut tx, current.id, notified_on, (&by.0, by.1)).await?;
        store::restrictions::set_state(&mut tx, customer, CustomerState::Active).await?;
        tx.audit(
            Action::CustomerUnrestrict,
            "customer",
            customer,
            Some(customer),
            Some(&json(&current)?),
            Some(&json(&lifted)?),
        )
        .await?;
        tx.commit().await?;
        Ok(lifted)
    }

    /// A customer's restrictions, lifted ones too.
    pub async fn restrictions(&self, customer: CustomerId) -> Result<Vec<Restriction>> {
        Ok(store::in_snapshot!(self.store(), s => store::restrictions::of_customer(&mut s, customer).await?))
    }
}
