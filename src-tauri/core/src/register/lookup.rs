//! A search of the register as the shop reads it: the customers found
//! ([`super::search`] matches, [`super::finder`] answers in name order),
//! and what the register knows of the query besides. Someone who asks
//! again what the shop holds of them (Art. 15) may have been erased, or
//! merged into another customer (Art. 5(1)(d)): their old address or number
//! says so, where a bare list would say nothing or name someone else.

use serde::Serialize;

use super::merge::MergedInto;
use super::{finder, search, Customer, CustomerState, Register};
use crate::error::Result;
use crate::retention::erasure::ErasedCustomer;
use crate::store;

/// What a search found.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, schemars::JsonSchema)]
pub struct Found {
    /// The customers found, in name order.
    pub customers: Vec<Customer>,
    /// The query is an e-mail address a merge did not keep: whose it was and
    /// whom they were merged into, who is among the customers found.
    pub merged: Option<MergedInto>,
    /// No one found, and the query names a customer erased: by an address
    /// they had, a number of theirs or their pseudonym.
    pub erased: Option<ErasedCustomer>,
}

impl Register {
    /// Customers whose name, e-mail, phone or number has words starting with
    /// every word of `query`, case- and accent-insensitively (see [`search`]).
    pub async fn search_customers(&self, query: &str, limit: i64) -> Result<Vec<Customer>> {
        self.search_customers_planned(query, limit, &finder::Plan::default()).await
    }

    /// [`Self::search_customers`] with other thresholds between the ways a
    /// search is answered (see [`finder`]); every plan gives the same answer.
    pub async fn search_customers_planned(
        &self,
        query: &str,
        limit: i64,
        plan: &finder::Plan,
    ) -> Result<Vec<Customer>> {
        Ok(self.found(query, limit, plan).await?.0)
    }

    /// [`Self::search_customers`], with whose a merged address was and whom
    /// a query names that was erased.
    pub async fn look_up(&self, query: &str, limit: i64) -> Result<Found> {
        let (customers, merged) = self.found(query, limit, &finder::Plan::default()).await?;
        let erased = match customers.is_empty() {
            true => self.erased_matching(query).await?,
            false => None,
        };
        Ok(Found { customers, merged, erased })
    }

    /// The customers `query` finds, and the merge that did not keep it when
    /// it is such an address.
    async fn found(&self, query: &str, limit: i64, plan: &finder::Plan) -> Result<(Vec<Customer>, Option<MergedInto>)> {
        let words = search::query_words(query);
        if words.is_empty() {
            return Ok((vec![], None));
        }
        let ids = finder::find(self.store(), &words, limit.clamp(1, 500) as usize, plan).await?;
        let mut customers = store::customers::by_ids(self.store(), &ids).await?;
        // Someone's own address is theirs, whatever a merge did not keep.
        let own = |c: &Customer| c.email.as_deref().is_some_and(|e| e.eq_ignore_ascii_case(query.trim()));
        if !query.contains('@') || customers.iter().any(own) {
            return Ok((customers, None));
        }
        let Some(into) = self.merged_address(query).await? else { return Ok((customers, None)) };
        if customers.iter().any(|c| c.id == into.customer_id) {
            return Ok((customers, Some(into)));
        }
        // The address finds the person it was first (the customer kept),
        // then anyone its words find; once erased, the erasure names them.
        let kept = self.customer(into.customer_id).await?;
        if kept.state == CustomerState::Erased {
            return Ok((customers, None));
        }
        customers.insert(0, kept);
        customers.truncate(limit.clamp(1, 500) as usize);
        Ok((customers, Some(into)))
    }
}
