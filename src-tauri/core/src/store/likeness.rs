//! SQL of the customers who may be the same person as another
//! (register/likeness.rs): read through the search words and the name index.

use super::customers::COLUMNS;
use super::{on_tx, Within};
use crate::error::Result;
use crate::register::Customer;

/// The customers, not erased, found by the whole search word `token` (a
/// phone number's digits), at most `limit`. Only a customer not erased has
/// search words.
pub(crate) async fn with_word(tx: &mut impl Within, token: &str, limit: i64) -> Result<Vec<Customer>> {
    let sql = format!(
        "SELECT {COLUMNS} FROM customers WHERE id IN \
         (SELECT customer_id FROM customer_search WHERE token = $1 LIMIT $2) ORDER BY id"
    );
    Ok(on_tx!(tx, c => sqlx::query_as(&sql).bind(token).bind(limit).fetch_all(c).await?))
}

/// The customers, not erased, whose name folds to `key` and whose postal
/// code is `code` (without spaces, in capitals), at most `limit`: read
/// through the index of the name and the postal code so compared (migration
/// 45), however many share the name.
pub(crate) async fn named_at(tx: &mut impl Within, key: &str, code: &str, limit: i64) -> Result<Vec<Customer>> {
    let sql = format!(
        "SELECT {COLUMNS} FROM customers WHERE state <> 'erased' AND name_key = $1 \
         AND upper(replace(postal_code, ' ', '')) = $2 ORDER BY id LIMIT $3"
    );
    Ok(on_tx!(tx, c => sqlx::query_as(&sql).bind(key).bind(code).bind(limit).fetch_all(c).await?))
}

/// The customers, not erased, whose name folds to `key`, at most `limit`.
pub(crate) async fn named(tx: &mut impl Within, key: &str, limit: i64) -> Result<Vec<Customer>> {
    let sql = format!("SELECT {COLUMNS} FROM customers WHERE state <> 'erased' AND name_key = $1 ORDER BY id LIMIT $2");
    Ok(on_tx!(tx, c => sqlx::query_as(&sql).bind(key).bind(limit).fetch_all(c).await?))
}
