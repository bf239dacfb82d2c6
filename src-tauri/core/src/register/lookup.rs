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
use crate::retention::due::RecordKind;
use crate::retention::erasure::{ErasedBy, ErasedCustomer};
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
    /// they had, a number of theirs, their pseudonym or the number of an
    /// order or invoice of theirs kept for the books.
    pub erased: Option<ErasedCustomer>,
    /// The query is the number of an order or an invoice: whose it is, the
    /// first of the customers found (or the customer erased).
    pub voucher: Option<VoucherFound>,
}

/// An order or an invoice a search found by its number, and whose it is.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, schemars::JsonSchema)]
pub struct VoucherFound {
    /// `order` or `invoice`.
    pub kind: RecordKind,
    /// Its number as recorded (a search for `1001` finds Shopify's `#1001`).
    pub number: String,
    /// The number of the customer it is of.
    pub customer_number: String,
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

    /// [`Self::search_customers`], with whose a merged address was, whom a
    /// query names that was erased, and whose an order's or invoice's
    /// number is (that customer first).
    pub async fn look_up(&self, query: &str, limit: i64) -> Result<Found> {
        let (mut customers, merged) = self.found(query, limit, &finder::Plan::default()).await?;
        let (mut voucher, mut erased) = (None, None);
        if let Some((found, owner)) = self.voucher_numbered(query).await? {
            voucher = Some(found);
            match owner.state {
                CustomerState::Erased => erased = self.erasure_of(owner.id, ErasedBy::Voucher).await?,
                _ => {
                    customers.retain(|c| c.id != owner.id);
                    customers.insert(0, owner);
                    customers.truncate(limit.clamp(1, 500) as usize);
                }
            }
        }
        if customers.is_empty() && erased.is_none() {
            erased = self.erased_matching(query).await?;
        }
        Ok(Found { customers, merged, erased, voucher })
    }

    /// The order or invoice numbered `query` and whose it is, as
    /// [`Self::look_up`] finds it: for a command given a voucher's number
    /// where a customer's is asked for, to name the customer meant.
    pub async fn whose_voucher(&self, query: &str) -> Result<Option<VoucherFound>> {
        Ok(self.voucher_numbered(query).await?.map(|(found, _)| found))
    }

    /// The order or, where none is, the invoice numbered `query`, and the
    /// customer it is of (erased or not), as [`Self::numbered_voucher`] finds it.
    async fn voucher_numbered(&self, query: &str) -> Result<Option<(VoucherFound, Customer)>> {
        let Some(v) = self.numbered_voucher(query).await? else { return Ok(None) };
        let owner = self.voucher_owner(&v).await?;
        let kind = if v.kind == "order" { RecordKind::Order } else { RecordKind::Invoice };
        Ok(owner.map(|c| (VoucherFound { kind, number: v.number, customer_number: c.number.clone() }, c)))
    }

    /// The order or, where none is, the invoice numbered `query`. A customer
    /// who calls about an order, an accountant who asks about an invoice,
    /// gives its number: found as typed, in capitals (`o-10006`), or with a
    /// web shop's `#` (Shopify numbers its orders `#1001`). Only a query of
    /// one word with a digit is looked up: no name is a voucher number.
    pub(super) async fn numbered_voucher(&self, query: &str) -> Result<Option<store::records::NumberedVoucher>> {
        let query = query.trim();
        if query.is_empty() || query.contains(char::is_whitespace) || !query.contains(|c: char| c.is_ascii_digit()) {
            return Ok(None);
        }
        let bare = query.trim_start_matches('#');
        let mut numbers: Vec<String> = vec![query.into(), query.to_uppercase(), format!("#{bare}"), bare.into()];
        numbers.sort();
        numbers.dedup();
        let mut found = store::records::vouchers_numbered(self.store(), &numbers).await?;
        // An order before an invoice, and the number as typed before another form of it.
        found.sort_by_key(|v| (v.kind != "order", v.number != query));
        Ok(found.into_iter().next())
    }

    /// The customer a voucher is of: its order's, or once they are erased,
    /// the row that keeps their number and the pseudonym it is kept under.
    pub(super) async fn voucher_owner(&self, v: &store::records::NumberedVoucher) -> Result<Option<Customer>> {
        Ok(match (v.customer_id, &v.pseudonym) {
            (Some(id), _) => Some(self.customer(id).await?),
            (None, Some(pseudonym)) => store::customers::by_pseudonym(self.store(), pseudonym).await?,
            (None, None) => None,
        })
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
