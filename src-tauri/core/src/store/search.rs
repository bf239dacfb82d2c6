//! SQL of the search words; how a query combines these reads is
//! [`crate::register::finder`]'s job.
//!
//! `customer_search` has one row per word of a customer, keyed by
//! (token, name_key, customer_id): the customers of one token lie in the index
//! in name order. Each customer's row keeps its words too (`search_words`,
//! also in the customers' name index, for a walk in name order), and that is
//! where a customer's other words are checked: the words have no index by
//! customer (migration 21). Every read here is a range of one of those indexes,
//! bounded by a `LIMIT`, so none of them sorts more than it returns.

use std::collections::HashSet;

use super::{on_pool, params, Store};
use crate::error::Result;
use crate::register::finder::Key;
use crate::register::search::prefix_end;
use crate::values::CustomerId;

/// How many words start with `word`, counting no further than `cap`.
pub(crate) async fn count_capped(store: &Store, word: &str, cap: i64) -> Result<i64> {
    let sql = "SELECT COUNT(*) FROM (SELECT 1 FROM customer_search WHERE token >= $1 AND token < $2 LIMIT $3) w";
    Ok(on_pool!(store, p => sqlx::query_scalar(sql).bind(word).bind(prefix_end(word)).bind(cap).fetch_one(p).await?))
}

/// About how many customers the register has, from one index seek: the
/// highest id (erased customers' tombstones count too; an estimate is enough
/// for planning and a `COUNT(*)` reads every row).
pub(crate) async fn customers_estimate(store: &Store) -> Result<i64> {
    let sql = "SELECT COALESCE(MAX(id), 0) FROM customers";
    Ok(on_pool!(store, p => sqlx::query_scalar(sql).fetch_one(p).await?))
}

/// The distinct tokens that start with `word`, in order, at most `max`: one
/// index seek each (a recursive query that skips from token to token).
pub(crate) async fn tokens(store: &Store, word: &str, max: i64) -> Result<Vec<String>> {
    let sql = "WITH RECURSIVE t (token, n) AS ( \
                 SELECT (SELECT MIN(token) FROM customer_search WHERE token >= $1 AND token < $2), 1 \
                 UNION ALL \
                 SELECT (SELECT MIN(s.token) FROM customer_search s WHERE s.token > t.token AND s.token < $2), t.n + 1 \
                 FROM t WHERE t.token IS NOT NULL AND t.n < $3) \
               SELECT token FROM t WHERE token IS NOT NULL ORDER BY token";
    Ok(on_pool!(store, p => sqlx::query_scalar(sql).bind(word).bind(prefix_end(word)).bind(max).fetch_all(p).await?))
}

/// The customers of one token from `from` on, in name order, at most `limit`.
pub(crate) async fn postings(store: &Store, token: &str, from: &Key, limit: i64) -> Result<Vec<Key>> {
    let sql = "SELECT name_key, customer_id FROM customer_search \
               WHERE token = $1 AND (name_key, customer_id) >= ($2, $3) \
               ORDER BY name_key, customer_id LIMIT $4";
    let rows: Vec<(String, CustomerId)> = on_pool!(store, p => sqlx::query_as(sql)
        .bind(token).bind(&from.name).bind(from.id).bind(limit).fetch_all(p).await?);
    Ok(rows.into_iter().map(|(name, id)| Key { name, id }).collect())
}

/// A customer's words as they are kept beside the name in the customers'
/// name index: each after one space, so that " word" begins exactly where a
/// word begins.
pub(crate) fn joined(tokens: &[String]) -> String {
    tokens.iter().flat_map(|t| [" ", t.as_str()]).collect()
}

/// A `LIKE` pattern (escape `\`) for words kept by [`joined`]: one of them
/// starts with `word`.
fn word_start(word: &str) -> String {
    let mut pattern = String::from("% ");
    for c in word.chars() {
        if matches!(c, '%' | '_' | '\\') {
            pattern.push('\\');
        }
        pattern.push(c);
    }
    pattern.push('%');
    pattern
}

/// The first `limit` customers not erased, in name order, among the first
/// `budget` of the name index, who have a word starting with each of
/// `words`. The name index holds each customer's words beside the name, so
/// the walk reads that index alone, entry after entry; the inner `LIMIT`
/// bounds what it reads and the outer one stops it at `limit` matches (the
/// inner query runs as a co-routine: neither collects its rows first).
///
/// One query, where a walk in windows took two per window (one to find the
/// window's end, one to read it): at a million customers a whole search for
/// "kund9" took 9 ms instead of 17–26 (the fastest of three, 2026-12-02).
/// The matches come in the index's order; the outer query does not sort
/// them again, which would make SQLite collect the whole window first.
pub(crate) async fn walk(store: &Store, words: &[&str], budget: i64, limit: i64) -> Result<Vec<Key>> {
    let hit: Vec<String> = (0..words.len()).map(|i| format!("search_words LIKE ${} ESCAPE '\\'", i + 1)).collect();
    let sql = format!(
        "SELECT name_key, id FROM (SELECT name_key, id, ({}) AS hit FROM customers WHERE state <> 'erased' \
         ORDER BY name_key, id LIMIT ${}) w WHERE hit LIMIT ${}",
        hit.join(" AND "),
        words.len() + 1,
        words.len() + 2
    );
    let rows: Vec<(String, CustomerId)> = on_pool!(store, p => {
        let mut q = sqlx::query_as(&sql);
        for w in words {
            q = q.bind(word_start(w));
        }
        q.bind(budget).bind(limit).fetch_all(p).await?
    });
    Ok(rows.into_iter().map(|(name, id)| Key { name, id }).collect())
}

/// Which of `ids` have a word starting with `word`.
pub(crate) async fn having(store: &Store, ids: &[CustomerId], word: &str) -> Result<HashSet<CustomerId>> {
    if ids.is_empty() {
        return Ok(HashSet::new());
    }
    // The ids first, then the range: SQLite's anonymous placeholders are positional.
    let b = store.backend();
    let n = ids.len();
    let sql = format!(
        "SELECT id FROM customers WHERE id IN ({}) AND search_words LIKE {} ESCAPE '\\'",
        params(b, 1, n),
        params(b, n + 1, 1)
    );
    let found: Vec<CustomerId> = on_pool!(store, p => {
        let mut q = sqlx::query_scalar(&sql);
        for id in ids {
            q = q.bind(*id);
        }
        q.bind(word_start(word)).fetch_all(p).await?
    });
    Ok(found.into_iter().collect())
}

/// The first `limit` customers in name order with a word starting with
/// `driver` and one starting with each of `others`: every match of `driver`
/// is read and checked, so this is for a driver with few matches.
///
/// A customer with several words that start with `driver` comes once per
/// word. Asking the database for distinct customers made it collect every
/// match before sorting (8 ms for 11 000 matches, against 3 ms for the first
/// 200 in order), so the first rows in order are asked for and repeats
/// dropped here, and more are asked for should the repeats leave too few.
pub(crate) async fn driven(store: &Store, driver: &str, others: &[&str], limit: i64) -> Result<Vec<Key>> {
    let mut asked = limit.saturating_add(16);
    loop {
        let rows = driven_rows(store, driver, others, asked).await?;
        let short = (rows.len() as i64) < asked;
        let mut keys: Vec<Key> = Vec::with_capacity(rows.len());
        for key in rows {
            if keys.last() != Some(&key) {
                keys.push(key);
            }
        }
        if short || keys.len() as i64 >= limit {
            keys.truncate(limit.max(0) as usize);
            return Ok(keys);
        }
        asked = asked.saturating_mul(4);
    }
}

/// The rows of [`driven`], a customer once per matching word, in name order.
async fn driven_rows(store: &Store, driver: &str, others: &[&str], limit: i64) -> Result<Vec<Key>> {
    let checks: String = (0..others.len())
        .map(|i| {
            format!(
                " AND EXISTS (SELECT 1 FROM customers b WHERE b.id = a.customer_id \
                 AND b.search_words LIKE ${} ESCAPE '\\')",
                i + 3
            )
        })
        .collect();
    let sql = format!(
        "SELECT a.name_key, a.customer_id FROM customer_search a WHERE a.token >= $1 AND a.token < $2{checks} \
         ORDER BY a.name_key, a.customer_id LIMIT ${}",
        others.len() + 3
    );
    let rows: Vec<(String, CustomerId)> = on_pool!(store, p => {
        let mut q = sqlx::query_as(&sql).bind(driver).bind(prefix_end(driver));
        for w in others {
            q = q.bind(word_start(w));
        }
        q.bind(limit).fetch_all(p).await?
    });
    Ok(rows.into_iter().map(|(name, id)| Key { name, id }).collect())
}
