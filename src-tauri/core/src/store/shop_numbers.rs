//! SQL of the web shop's other numbers for a customer (migration 29): kept
//! when a customer file names a known person by a number the register does
//! not give them, so that the shop's next file finds them by it.

use chrono::{DateTime, Utc};

use super::{on_tx, Within, WriteTx};
use crate::error::Result;
use crate::values::CustomerId;

/// Records `number` as the shop's for `customer`.
pub(crate) async fn record(tx: &mut WriteTx, number: &str, customer: CustomerId, at: DateTime<Utc>) -> Result<()> {
    on_tx!(tx, c => sqlx::query("INSERT INTO shop_numbers (number, customer_id, recorded_at) VALUES ($1, $2, $3)")
        .bind(number).bind(customer).bind(at).execute(c).await?.rows_affected());
    Ok(())
}

/// Whose shop number `number` is.
pub(crate) async fn owner(tx: &mut impl Within, number: &str) -> Result<Option<CustomerId>> {
    Ok(on_tx!(tx, c => sqlx::query_scalar("SELECT customer_id FROM shop_numbers WHERE number = $1")
        .bind(number).fetch_optional(c).await?))
}

/// The customers these numbers are the shop's numbers of: (number, customer).
pub(crate) async fn owners(tx: &mut WriteTx, numbers: &[&str]) -> Result<Vec<(String, CustomerId)>> {
    if numbers.is_empty() {
        return Ok(vec![]);
    }
    let sql = format!(
        "SELECT number, customer_id FROM shop_numbers WHERE number IN ({})",
        super::params(tx.backend(), 1, numbers.len())
    );
    Ok(on_tx!(tx, c => {
        let mut q = sqlx::query_as(&sql);
        for n in numbers {
            q = q.bind(*n);
        }
        q.fetch_all(c).await?
    }))
}

/// The shop's numbers of `customer`, in the order they were recorded.
pub(crate) async fn of_customer(tx: &mut impl Within, customer: CustomerId) -> Result<Vec<String>> {
    Ok(on_tx!(tx, c => sqlx::query_scalar(
        "SELECT number FROM shop_numbers WHERE customer_id = $1 ORDER BY recorded_at, number")
        .bind(customer).fetch_all(c).await?))
}

/// Removes `number` from `customer`'s; whether it was theirs.
pub(crate) async fn remove(tx: &mut WriteTx, customer: CustomerId, number: &str) -> Result<bool> {
    let removed = on_tx!(tx, c => sqlx::query("DELETE FROM shop_numbers WHERE number = $1 AND customer_id = $2")
        .bind(number).bind(customer).execute(c).await?.rows_affected());
    Ok(removed > 0)
}

/// The shop numbers of erased customers, by the customer's pseudonym: a
/// restored backup keeps them, so that a later file does not bring back a
/// person erased since the backup was made.
pub(crate) async fn of_erased(store: &super::Store) -> Result<Vec<(String, String)>> {
    Ok(super::on_pool!(store, p => sqlx::query_as(
        "SELECT c.pseudonym, s.number FROM shop_numbers s JOIN customers c ON c.id = s.customer_id \
         WHERE c.state = 'erased' ORDER BY s.number")
        .fetch_all(p).await?))
}
