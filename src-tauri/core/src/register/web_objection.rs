//! An objection to the recording of web activity (GDPR Art. 21(1)). The shop
//! records what signed-in visitors do on its site, and from which address,
//! on its legitimate interest (Art. 6(1)(f)). A person may object; unless the
//! shop shows compelling legitimate grounds that override theirs, it "shall
//! no longer process" that data. Accepting the objection marks the customer:
//! from then on nothing of their web activity is recorded (a web log's rows
//! about them are skipped, an event added by hand is refused) until the mark
//! is lifted, when they withdraw the objection or it was made by mistake.
//! What was recorded before is erased for the same request where the person
//! asks for that too (Art. 17(1)(c)): [`Register::erase_web_activity`].

use chrono::{DateTime, NaiveDate, Utc};
use serde::Serialize;

use super::{Customer, CustomerState};
use crate::audit::to_json as json;
use crate::audit::Action;
use crate::error::{Error, Result};
use crate::msg;
use crate::requests::RequestKind;
use crate::settings::Settings;
use crate::store::{self, Within};
use crate::values::{CustomerId, RequestId};
use crate::Register;

/// A customer's objection to the recording of their web activity: in force
/// from `set_at` until `lifted_at`.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, sqlx::FromRow, schemars::JsonSchema)]
pub struct WebObjection {
    pub id: i64,
    pub customer_id: CustomerId,
    /// The objection request it answers (none once that request's record is purged).
    pub request_id: Option<RequestId>,
    pub set_by: String,
    pub set_at: DateTime<Utc>,
    pub lifted_by: Option<String>,
    pub lifted_at: Option<DateTime<Utc>>,
}

impl WebObjection {
    /// The day it was recorded, on the shop's clock.
    pub fn since(&self, settings: &Settings) -> NaiveDate {
        settings.day_of(self.set_at)
    }
}

impl Register {
    /// Stops recording `customer`'s web activity, answering their objection
    /// `request` (theirs, open, their identity verified). Allowed while the
    /// customer is restricted: Art. 18(1)(d) restricts them while an
    /// objection is weighed, and this is its outcome.
    pub async fn stop_web_activity(&self, customer: CustomerId, request: RequestId) -> Result<WebObjection> {
        let mut tx = self.store().begin(self.actor()).await?;
        let c =
            store::customers::get_tx(&mut tx, customer).await?.ok_or_else(|| Error::not_found("customer", customer))?;
        super::refuse_merged(&mut tx, &c).await?;
        if c.state == CustomerState::Erased {
            return Err(Error::Refused(msg!("msg-customer-erased", customer = c.number)));
        }
        crate::requests::check_answers(&mut tx, &c, request, &[RequestKind::Objection]).await?;
        if let Some(o) = store::web_objections::in_force(&mut tx, customer).await? {
            let since = o.since(&super::settings_in(&mut tx).await?);
            return Err(Error::Refused(msg!("msg-web-stopped-already", customer = c.number, since)));
        }
        let set = (tx.actor().to_owned(), tx.now());
        let saved = store::web_objections::insert(&mut tx, customer, Some(request), (&set.0, set.1)).await?;
        tx.audit(Action::WebActivityStop, "customer", customer, Some(customer), None, Some(&json(&saved)?)).await?;
        tx.commit().await?;
        Ok(saved)
    }

    /// Records `customer`'s web activity again: they withdrew their
    /// objection, or it was recorded by mistake.
    pub async fn resume_web_activity(&self, customer: CustomerId) -> Result<WebObjection> {
        let mut tx = self.store().begin(self.actor()).await?;
        let c =
            store::customers::get_tx(&mut tx, customer).await?.ok_or_else(|| Error::not_found("customer", customer))?;
        super::refuse_merged(&mut tx, &c).await?;
        if c.state == CustomerState::Erased {
            return Err(Error::Refused(msg!("msg-customer-erased", customer = c.number)));
        }
        let current = store::web_objections::in_force(&mut tx, customer)
            .await?
            .ok_or_else(|| Error::Refused(msg!("msg-web-not-stopped", customer = c.number)))?;
        let by = (tx.actor().to_owned(), tx.now());
        let lifted = store::web_objections::lift(&mut tx, current.id, (&by.0, by.1)).await?;
        let (before, after) = (json(&current)?, json(&lifted)?);
        tx.audit(Action::WebActivityResume, "customer", customer, Some(customer), Some(&before), Some(&after)).await?;
        tx.commit().await?;
        Ok(lifted)
    }

    /// A customer's objections to the recording of their web activity, lifted ones too.
    pub async fn web_objections(&self, customer: CustomerId) -> Result<Vec<WebObjection>> {
        Ok(store::in_snapshot!(self.store(), s => store::web_objections::of_customer(&mut s, customer).await?))
    }
}

/// Refuses to record web activity of `c` while their objection is in force.
pub(crate) async fn refuse_if_objected(tx: &mut impl Within, c: &Customer) -> Result<()> {
    let Some(o) = store::web_objections::in_force(tx, c.id).await? else { return Ok(()) };
    let since = o.since(&super::settings_in(tx).await?);
    Err(Error::Refused(msg!("msg-web-stopped", customer = c.number.clone(), since)))
}
