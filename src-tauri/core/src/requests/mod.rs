//! Data-subject requests (GDPR Art. 15-22 and 7(3)) and their legal deadlines.
//!
//! Art. 12(3): answer without undue delay and within one month of receipt,
//! extendable by two further months. Months are counted per Regulation 1182/71
//! (see [`crate::calendar`]).

pub mod deadline;

use chrono::{DateTime, NaiveDate, Utc};
use serde::Serialize;

use crate::macros::text_enum;
use crate::values::{CustomerId, RequestId};

text_enum! {
    pub enum RequestKind {
        /// Art. 15
        Access = "access",
        /// Art. 16
        Rectification = "rectification",
        /// Art. 17
        Erasure = "erasure",
        /// Art. 18
        Restriction = "restriction",
        /// Art. 20
        Portability = "portability",
        /// Art. 21
        Objection = "objection",
        /// Art. 7(3)
        WithdrawConsent = "withdraw_consent",
    }
}

text_enum! {
    /// received → identity_verified → in_progress → answered | refused → closed
    pub enum RequestState {
        Received = "received",
        IdentityVerified = "identity_verified",
        InProgress = "in_progress",
        Answered = "answered",
        Refused = "refused",
        Closed = "closed",
    }
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, sqlx::FromRow)]
pub struct Request {
    pub id: RequestId,
    pub customer_id: Option<CustomerId>,
    pub kind: RequestKind,
    pub state: RequestState,
    pub received_on: NaiveDate,
    pub due_on: NaiveDate,
    pub extended_to: Option<NaiveDate>,
    pub extension_reason: Option<String>,
    pub verified_on: Option<NaiveDate>,
    pub answered_on: Option<NaiveDate>,
    pub answer: Option<String>,
    pub refusal_reason: Option<String>,
    pub closed_on: Option<NaiveDate>,
    pub created_at: DateTime<Utc>,
}

/// Opens a request inside the caller's transaction, audited.
pub(crate) async fn open_in(
    tx: &mut crate::store::WriteTx,
    customer: CustomerId,
    kind: RequestKind,
    received_on: NaiveDate,
    due_on: NaiveDate,
) -> crate::Result<Request> {
    let saved = crate::store::requests::insert(tx, customer, kind, received_on, due_on).await?;
    let after = serde_json::to_value(&saved).map_err(|e| crate::Error::Internal(e.to_string()))?;
    tx.audit("request.open", "request", saved.id, Some(customer), None, Some(&after)).await?;
    Ok(saved)
}
