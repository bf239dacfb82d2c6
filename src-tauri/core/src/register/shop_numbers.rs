//! The web shop's other numbers for a customer: the ids its files name them
//! by when the register gives them another number (a customer typed in by
//! hand before the shop's first file; a second shop). An import keeps the
//! number of a row it matches by e-mail; the shop owner can add one they know
//! and take away one that was matched wrongly. Each is an identifier of the
//! person, so it is audited, shown on the customer's page and in the access
//! report (Art. 15(1)), and kept with an erased customer as their own number
//! is, so that a later file does not add the person again.

use super::customer::optional_text;
use super::{refuse_if_erased, refuse_unless_active, Register};
use crate::audit::Action;
use crate::error::{Error, Result};
use crate::msg;
use crate::store::{self, WriteTx};
use crate::values::CustomerId;

impl Register {
    /// Adds `number` as the web shop's number of `customer`, who must be
    /// active (Art. 18(2): nothing new is done with restricted data).
    pub async fn add_shop_number(&self, customer: CustomerId, number: &str) -> Result<Vec<String>> {
        let number = checked(number)?;
        let mut tx = self.store.begin(&self.actor).await?;
        let c =
            store::customers::get_tx(&mut tx, customer).await?.ok_or_else(|| Error::not_found("customer", customer))?;
        refuse_unless_active(&c)?;
        if let Some(other) = store::customers::by_number_tx(&mut tx, &number).await? {
            let taken = if other.id == c.id && other.number != number {
                msg!("msg-shop-number-already", number)
            } else if other.number == number {
                msg!("msg-customer-number-taken", number)
            } else {
                msg!("msg-customer-number-of-shop", number, customer = other.number)
            };
            return Err(Error::duplicate("number", taken));
        }
        record_in(&mut tx, c.id, &number).await?;
        let numbers = store::shop_numbers::of_customer(&mut tx, c.id).await?;
        tx.commit().await?;
        Ok(numbers)
    }

    /// Takes `number` away from `customer`'s shop numbers (a match that was
    /// wrong). An erased customer's stay: they keep the person from being
    /// added again by a later file.
    pub async fn remove_shop_number(&self, customer: CustomerId, number: &str) -> Result<Vec<String>> {
        let number = number.trim();
        let mut tx = self.store.begin(&self.actor).await?;
        refuse_if_erased(&mut tx, customer).await?;
        if !store::shop_numbers::remove(&mut tx, customer, number).await? {
            return Err(Error::Refused(msg!("msg-shop-number-not-theirs", number)));
        }
        store::customers::rewrite_words(&mut tx, customer).await?;
        tx.audit(Action::CustomerShopNumberRemove, "customer", customer, Some(customer), Some(&about(number)), None)
            .await?;
        let numbers = store::shop_numbers::of_customer(&mut tx, customer).await?;
        tx.commit().await?;
        Ok(numbers)
    }
}

/// Records `number` as the shop's for `customer`, audited: the caller has
/// checked that no customer has it as their own or the shop's.
pub(crate) async fn record_in(tx: &mut WriteTx, customer: CustomerId, number: &str) -> Result<()> {
    let now = tx.now();
    store::shop_numbers::record(tx, number, customer, now).await?;
    // Found by it in the register's search, as by their own number.
    store::customers::rewrite_words(tx, customer).await?;
    tx.audit(Action::CustomerShopNumber, "customer", customer, Some(customer), None, Some(&about(number))).await
}

/// What the audit entry's digest covers: the number, never stored in the trail.
fn about(number: &str) -> serde_json::Value {
    serde_json::json!({ "shop_number": number })
}

/// A shop number as a customer number is checked: one word of at most 40 characters.
fn checked(number: &str) -> Result<String> {
    let n = optional_text(Some(number), "number", 40)?
        .ok_or_else(|| Error::invalid("number", msg!("msg-shop-number-empty")))?;
    if n.chars().any(char::is_whitespace) {
        return Err(Error::invalid("number", msg!("msg-number-spaces")));
    }
    Ok(n)
}
