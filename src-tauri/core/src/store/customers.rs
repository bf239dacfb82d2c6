//! SQL of customers and their search tokens.

use std::collections::{HashMap, HashSet};

use chrono::{DateTime, Utc};

use super::{on_pool, on_tx, search, Store, Within, WriteTx};
use crate::error::{Error, Result};
use crate::register::finder::Key;
use crate::register::search::{customer_tokens, name_key, number_tokens};
use crate::register::{Customer, CustomerFields};
use crate::values::CustomerId;

pub(super) const COLUMNS: &str = "id, number, name, email, phone, street, postal_code, city, country, language, \
                       created_at, last_activity_at, state, pseudonym, version";

/// The condition of a customer named by `$1`: their own number, or the shop's
/// number of them. A shop number is never a customer's own ([`check_unique`]),
/// so it holds for one customer at most.
const BY_NUMBER: &str = "number = $1 OR id = (SELECT customer_id FROM shop_numbers WHERE number = $1)";

/// Adds a customer; `by_hand` whether they were added by hand (`Some(false)`:
/// by an import; `None`: not known, migration 51).
pub(crate) async fn insert(
    tx: &mut WriteTx,
    f: &CustomerFields,
    pseudonym: String,
    created_at: DateTime<Utc>,
    by_hand: Option<bool>,
) -> Result<Customer> {
    check_unique(tx, f, None).await?;
    // A customer without a number gets "K" and their id; the pseudonym stands in
    // until the id is known (it is unique too).
    let number = f.number.clone().unwrap_or_else(|| pseudonym.clone());
    let sql = format!(
        "INSERT INTO customers (number, name, name_key, email, phone, street, postal_code, city, country, language, \
         created_at, last_activity_at, state, pseudonym, version, by_hand) \
         VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $11, 'active', $12, 1, $13) RETURNING {COLUMNS}"
    );
    let mut c: Customer = on_tx!(tx, c => sqlx::query_as(&sql)
        .bind(&number)
        .bind(&f.name)
        .bind(name_key(Some(&f.name)))
        .bind(&f.email)
        .bind(&f.phone)
        .bind(&f.street)
        .bind(&f.postal_code)
        .bind(&f.city)
        .bind(&f.country)
        .bind(f.language)
        .bind(created_at)
        .bind(&pseudonym)
        .bind(by_hand)
        .fetch_one(c)
        .await?);
    if f.number.is_none() {
        c.number = format!("K{:06}", c.id.0);
        on_tx!(tx, conn => sqlx::query("UPDATE customers SET number = $1 WHERE id = $2")
            .bind(&c.number).bind(c.id).execute(conn).await?.rows_affected());
    }
    write_tokens(tx, &c, &[]).await?;
    Ok(c)
}

/// The customers these numbers name, by their own or as the shop's number
/// of them (migration 29), inside a write (an import's batch): (number, customer).
pub(crate) async fn by_numbers_tx(tx: &mut WriteTx, numbers: &[&str]) -> Result<Vec<(String, Customer)>> {
    if numbers.is_empty() {
        return Ok(vec![]);
    }
    let sql =
        format!("SELECT {COLUMNS} FROM customers WHERE number IN ({})", super::params(tx.backend(), 1, numbers.len()));
    let own: Vec<Customer> = on_tx!(tx, c => {
        let mut q = sqlx::query_as(&sql);
        for n in numbers {
            q = q.bind(*n);
        }
        q.fetch_all(c).await?
    });
    let found: HashSet<&str> = own.iter().map(|c| c.number.as_str()).collect();
    let rest: Vec<&str> = numbers.iter().copied().filter(|n| !found.contains(n)).collect();
    let shops = super::shop_numbers::owners(tx, &rest).await?;
    let mut named: Vec<(String, Customer)> = own.into_iter().map(|c| (c.number.clone(), c)).collect();
    if !shops.is_empty() {
        let ids: Vec<CustomerId> = shops.iter().map(|(_, id)| *id).collect();
        let by_id: HashMap<CustomerId, Customer> =
            super::erasure::customers(tx, &ids).await?.into_iter().map(|c| (c.id, c)).collect();
        for (number, id) in shops {
            let c = by_id.get(&id).ok_or_else(|| Error::Internal(format!("shop number {number} of no customer")))?;
            named.push((number, c.clone()));
        }
    }
    Ok(named)
}

/// Which of these e-mail addresses (lower-cased) a customer has already.
pub(crate) async fn emails_taken_tx(tx: &mut WriteTx, emails: &[String]) -> Result<Vec<String>> {
    if emails.is_empty() {
        return Ok(vec![]);
    }
    let sql = format!(
        "SELECT lower(email) FROM customers WHERE email IS NOT NULL AND lower(email) IN ({})",
        super::params(tx.backend(), 1, emails.len())
    );
    Ok(on_tx!(tx, c => {
        let mut q = sqlx::query_scalar(&sql);
        for e in emails {
            q = q.bind(e.to_lowercase());
        }
        q.fetch_all(c).await?
    }))
}

/// Adds customers that all have their own numbers, checked unique by the
/// caller, with their search words: a few statements for the whole batch.
/// Only the new ids come back from the database: the rest of each customer is
/// what was written (a whole row read back per customer was a tenth of an
/// import's time, in copies). `meanwhile` runs on the new customers while the
/// database writes their words, the longest of the statements (work that
/// would otherwise wait for it, and it for the work), and its result is returned.
pub(crate) async fn insert_many<T>(
    tx: &mut WriteTx,
    rows: &[(&CustomerFields, String)],
    created_at: DateTime<Utc>,
    meanwhile: impl FnOnce(&[Customer]) -> T,
) -> Result<T> {
    if rows.is_empty() {
        return Ok(meanwhile(&[]));
    }
    // Each row's number, name key and words, worked out once.
    let mut words: HashMap<&str, (usize, String, Vec<String>)> = HashMap::with_capacity(rows.len());
    for (i, (f, _)) in rows.iter().enumerate() {
        let number = f.number.as_deref().ok_or_else(|| Error::Internal("a batch row without a number".into()))?;
        let tokens = customer_tokens(number, Some(&f.name), f.email.as_deref(), f.phone.as_deref());
        words.insert(number, (i, name_key(Some(&f.name)), tokens));
    }
    let sql = format!(
        "{} customers (number, name, name_key, email, phone, street, postal_code, city, country, language, \
         created_at, last_activity_at, pseudonym, search_words, state, version, by_hand) VALUES {} RETURNING id, number",
        super::insert_rows(tx.backend()),
        super::rows(tx.backend(), 14, rows.len()).replace(')', ", 'active', 1, FALSE)")
    );
    let mut ids: Vec<(CustomerId, String)> = on_tx!(tx, c => {
        let mut q = sqlx::query_as(&sql);
        for (f, pseudonym) in rows {
            let number = f.number.as_deref().unwrap_or_default();
            let (key, tokens) = words.get(number).map(|(_, k, t)| (k.as_str(), t.as_slice())).unwrap_or_default();
            q = q
                .bind(number)
                .bind(&f.name)
                .bind(key)
                .bind(&f.email)
                .bind(&f.phone)
                .bind(&f.street)
                .bind(&f.postal_code)
                .bind(&f.city)
                .bind(&f.country)
                .bind(f.language)
                .bind(created_at)
                .bind(created_at)
                .bind(pseudonym)
                .bind(search::joined(tokens));
        }
        q.fetch_all(c).await?
    });
    // RETURNING's order is not promised: the number says which row an id is.
    ids.sort_unstable_by_key(|(id, _)| *id);
    let mut added = Vec::with_capacity(ids.len());
    let mut tokens: Vec<(&str, &str, CustomerId)> = vec![];
    for (id, number) in ids {
        let Some((i, key, words)) = words.get(number.as_str()) else {
            return Err(Error::Internal(format!("the database returned a number not inserted: {number}")));
        };
        let (f, pseudonym) = &rows[*i];
        tokens.extend(words.iter().map(|t| (t.as_str(), key.as_str(), id)));
        added.push(Customer {
            id,
            number,
            name: Some(f.name.clone()),
            email: f.email.clone(),
            phone: f.phone.clone(),
            street: f.street.clone(),
            postal_code: f.postal_code.clone(),
            city: f.city.clone(),
            country: Some(f.country.clone()),
            language: f.language,
            created_at,
            last_activity_at: created_at,
            state: crate::register::CustomerState::Active,
            pseudonym: pseudonym.clone(),
            version: 1,
        });
    }
    // In index order: a batch's words then land on neighbouring index pages,
    // each page changed once per statement rather than once per customer.
    tokens.sort_unstable();
    let words = async {
        // Within both databases' limits on bound values.
        for chunk in tokens.chunks(3000) {
            let sql = format!(
                "{} customer_search (token, name_key, customer_id) VALUES {}",
                super::insert_rows(tx.backend()),
                super::rows(tx.backend(), 3, chunk.len())
            );
            on_tx!(tx, c => {
                let mut q = sqlx::query(&sql);
                for (t, key, id) in chunk {
                    q = q.bind(*t).bind(*key).bind(*id);
                }
                q.execute(c).await?.rows_affected()
            });
        }
        Ok::<_, Error>(())
    };
    // Biased: the words' first poll hands their statement to the database
    // (SQLite's own thread, or the server) before `meanwhile` takes this one.
    let (written, done) = tokio::join!(biased; words, async { meanwhile(&added) });
    written?;
    Ok(done)
}

/// Writes the checked fields over `current`, bumping its version.
pub(crate) async fn update(tx: &mut WriteTx, current: &Customer, f: &CustomerFields) -> Result<Customer> {
    check_unique(tx, f, Some(current.id)).await?;
    remove_words(tx, &[current.id]).await?;
    let number = f.number.clone().unwrap_or_else(|| current.number.clone());
    let sql = format!(
        "UPDATE customers SET number = $1, name = $2, name_key = $3, email = $4, phone = $5, street = $6, \
         postal_code = $7, city = $8, country = $9, language = $10, version = version + 1 \
         WHERE id = $11 AND version = $12 RETURNING {COLUMNS}"
    );
    let updated: Option<Customer> = on_tx!(tx, c => sqlx::query_as(&sql)
        .bind(&number)
        .bind(&f.name)
        .bind(name_key(Some(&f.name)))
        .bind(&f.email)
        .bind(&f.phone)
        .bind(&f.street)
        .bind(&f.postal_code)
        .bind(&f.city)
        .bind(&f.country)
        .bind(f.language)
        .bind(current.id)
        .bind(current.version)
        .fetch_optional(c)
        .await?);
    let updated = updated.ok_or_else(|| Error::Conflict {
        entity: "customer",
        id: current.id.to_string(),
        expected: current.version,
        current: current.version + 1,
    })?;
    // The shop's number of the customer made their own is no longer another.
    if updated.number != current.number {
        super::shop_numbers::remove(tx, current.id, &updated.number).await?;
    }
    let shop = super::shop_numbers::of_customer(tx, current.id).await?;
    write_tokens(tx, &updated, &shop).await?;
    Ok(updated)
}

/// The number and the e-mail identify a customer: refuse a second one. (The
/// e-mail query says `email IS NOT NULL` so that the partial unique index on
/// lower(email) serves it; without it SQLite scans the whole table.)
async fn check_unique(tx: &mut WriteTx, f: &CustomerFields, except: Option<CustomerId>) -> Result<()> {
    let except = except.unwrap_or(CustomerId(0));
    if let Some(number) = &f.number {
        let other: Option<String> = on_tx!(tx, c => sqlx::query_scalar(
            "SELECT number FROM customers WHERE number = $1 AND id <> $2")
            .bind(number).bind(except).fetch_optional(c).await?);
        if other.is_some() {
            return Err(Error::duplicate("number", crate::msg!("msg-customer-number-taken", number)));
        }
        if let Some(owner) = super::shop_numbers::owner(tx, number).await?.filter(|o| *o != except) {
            let theirs = get_tx(tx, owner).await?.ok_or_else(|| Error::not_found("customer", owner))?;
            return Err(Error::duplicate(
                "number",
                crate::msg!("msg-customer-number-of-shop", number, customer = theirs.number),
            ));
        }
    }
    if let Some(email) = &f.email {
        let other: Option<String> = on_tx!(tx, c => sqlx::query_scalar(
            "SELECT number FROM customers WHERE email IS NOT NULL AND lower(email) = lower($1) AND id <> $2")
            .bind(email).bind(except).fetch_optional(c).await?);
        if let Some(number) = other {
            return Err(Error::duplicate("email", crate::msg!("msg-email-taken", number, email)));
        }
    }
    Ok(())
}

/// Writes the search words of the customer and of their web shop numbers
/// `shop`, in their table and beside the name (where the old ones were
/// removed first, [`remove_words`]).
async fn write_tokens(tx: &mut WriteTx, c: &Customer, shop: &[String]) -> Result<()> {
    let mut tokens = customer_tokens(&c.number, c.name.as_deref(), c.email.as_deref(), c.phone.as_deref());
    if !shop.is_empty() {
        tokens.extend(shop.iter().flat_map(|n| number_tokens(n)));
        tokens.sort();
        tokens.dedup();
    }
    let key = name_key(c.name.as_deref());
    let joined = search::joined(&tokens);
    // One statement for all of a customer's words: each statement is a round
    // trip to the database thread, and an import adds customers by the million.
    let insert = format!(
        "INSERT INTO customer_search (token, name_key, customer_id) VALUES {}",
        super::rows(tx.backend(), 3, tokens.len())
    );
    on_tx!(tx, conn => {
        sqlx::query("UPDATE customers SET search_words = $1 WHERE id = $2")
            .bind(&joined).bind(c.id).execute(&mut *conn).await?.rows_affected();
        if !tokens.is_empty() {
            let mut q = sqlx::query(&insert);
            for t in &tokens {
                q = q.bind(t).bind(&key).bind(c.id);
            }
            q.execute(&mut *conn).await?.rows_affected();
        }
    });
    Ok(())
}

/// Writes the search words of customer `id` again, after their web shop
/// numbers changed. An erased customer has none, and gets none.
pub(crate) async fn rewrite_words(tx: &mut WriteTx, id: CustomerId) -> Result<()> {
    let Some(c) = get_tx(tx, id).await?.filter(|c| c.state != crate::register::CustomerState::Erased) else {
        return Ok(());
    };
    remove_words(tx, &[id]).await?;
    let shop = super::shop_numbers::of_customer(tx, id).await?;
    write_tokens(tx, &c, &shop).await
}

/// Removes the search words of the customers `ids` from their table, each by
/// the table's whole key: the customer's row keeps its words beside the name
/// and its `name_key`, and the words have no index by customer (migration 21,
/// which made every row's copy agree with the table). Called while the rows
/// still hold the words to remove.
pub(crate) async fn remove_words(tx: &mut WriteTx, ids: &[CustomerId]) -> Result<()> {
    let b = tx.backend();
    for chunk in ids.chunks(500) {
        let sql = format!(
            "SELECT id, name_key, search_words FROM customers WHERE id IN ({})",
            super::params(b, 1, chunk.len())
        );
        let rows: Vec<(CustomerId, String, Option<String>)> = on_tx!(tx, c => {
            let mut q = sqlx::query_as(&sql);
            for id in chunk {
                q = q.bind(*id);
            }
            q.fetch_all(c).await?
        });
        let words: Vec<(&str, &str, CustomerId)> = rows
            .iter()
            .flat_map(|(id, key, words)| {
                words.as_deref().unwrap_or("").split_whitespace().map(move |w| (w, key.as_str(), *id))
            })
            .collect();
        match super::Within::within(&mut *tx) {
            // Each term one seek of the primary key ("MULTI-INDEX OR"); a
            // row-value IN list made SQLite scan the table.
            super::TxInner::Sqlite(t) => {
                for part in words.chunks(300) {
                    let terms: Vec<String> = (0..part.len())
                        .map(|i| {
                            let p = |k: usize| super::params(b, 3 * i + k, 1);
                            format!("(token = {} AND name_key = {} AND customer_id = {})", p(1), p(2), p(3))
                        })
                        .collect();
                    let sql = format!("DELETE FROM customer_search WHERE {}", terms.join(" OR "));
                    let mut q = sqlx::query(&sql);
                    for (word, key, id) in part {
                        q = q.bind(*word).bind(*key).bind(*id);
                    }
                    q.execute(&mut **t).await?;
                }
            }
            // One statement of three arrays, planned once: the same OR list
            // took PostgreSQL longer to plan (5 ms for 300 words) than to run.
            super::TxInner::Postgres(t) => {
                let tokens: Vec<&str> = words.iter().map(|w| w.0).collect();
                let keys: Vec<&str> = words.iter().map(|w| w.1).collect();
                let ids: Vec<i64> = words.iter().map(|w| w.2 .0).collect();
                sqlx::query(
                    "DELETE FROM customer_search s \
                     USING unnest($1::text[], $2::text[], $3::bigint[]) AS w (token, name_key, customer_id) \
                     WHERE s.token = w.token COLLATE \"C\" AND s.name_key = w.name_key COLLATE \"C\" \
                     AND s.customer_id = w.customer_id",
                )
                .bind(tokens)
                .bind(keys)
                .bind(ids)
                .execute(&mut **t)
                .await?;
            }
        }
    }
    Ok(())
}

/// Moves the customer's last activity forward (never back) to `at`.
pub(crate) async fn touch(tx: &mut WriteTx, id: CustomerId, at: Option<DateTime<Utc>>) -> Result<()> {
    let Some(at) = at else { return Ok(()) };
    on_tx!(tx, c => sqlx::query("UPDATE customers SET last_activity_at = $1 WHERE id = $2 AND last_activity_at < $1")
        .bind(at).bind(id).execute(c).await?.rows_affected());
    Ok(())
}

pub(crate) async fn get_tx(tx: &mut impl Within, id: CustomerId) -> Result<Option<Customer>> {
    let sql = format!("SELECT {COLUMNS} FROM customers WHERE id = $1");
    Ok(on_tx!(tx, c => sqlx::query_as(&sql).bind(id).fetch_optional(c).await?))
}

pub(crate) async fn get(store: &Store, id: CustomerId) -> Result<Option<Customer>> {
    let sql = format!("SELECT {COLUMNS} FROM customers WHERE id = $1");
    Ok(on_pool!(store, p => sqlx::query_as(&sql).bind(id).fetch_optional(p).await?))
}

/// A customer by their number or the shop's number of them (migration 29).
pub(crate) async fn by_number(store: &Store, number: &str) -> Result<Option<Customer>> {
    let sql = format!("SELECT {COLUMNS} FROM customers WHERE {BY_NUMBER}");
    Ok(on_pool!(store, p => sqlx::query_as(&sql).bind(number).fetch_optional(p).await?))
}

/// The customer whose pseudonym this is.
pub(crate) async fn by_pseudonym(store: &Store, pseudonym: &str) -> Result<Option<Customer>> {
    let sql = format!("SELECT {COLUMNS} FROM customers WHERE pseudonym = $1");
    Ok(on_pool!(store, p => sqlx::query_as(&sql).bind(pseudonym).fetch_optional(p).await?))
}

/// The list's version: drawn anew by every change to the list of customers
/// (added, deleted, renamed, erased), by the triggers of migration 13.
pub(crate) async fn list_version(tx: &mut impl Within) -> Result<i64> {
    Ok(on_tx!(tx, c => sqlx::query_scalar("SELECT list_version FROM audit_head WHERE id = 1").fetch_one(c).await?))
}

/// How many customers the list shows (not erased): kept by the triggers that
/// draw the list version (migration 17), so read without counting.
pub(crate) async fn listed(tx: &mut impl Within) -> Result<i64> {
    Ok(on_tx!(tx, c => sqlx::query_scalar("SELECT listed FROM audit_head WHERE id = 1").fetch_one(c).await?))
}

/// The key of the customer `skip` places after `from` (or at it, with 0) in
/// the list's order, if there is one: read from the name index alone.
pub(crate) async fn listed_key(tx: &mut impl Within, from: &Key, skip: i64) -> Result<Option<Key>> {
    let row: Option<(String, CustomerId)> =
        on_tx!(tx, c => sqlx::query_as(LISTED_KEY).bind(&from.name).bind(from.id).bind(skip).fetch_optional(c).await?);
    Ok(row.map(|(name, id)| Key { name, id }))
}

const LISTED_KEY: &str = "SELECT name_key, id FROM customers WHERE state <> 'erased' AND (name_key, id) >= ($1, $2) \
                          ORDER BY name_key, id LIMIT 1 OFFSET $3";

/// How many customers the list has from `from` on, counting no further than `cap`.
pub(crate) async fn listed_from(tx: &mut impl Within, from: &Key, cap: i64) -> Result<i64> {
    let sql = "SELECT COUNT(*) FROM (SELECT 1 FROM customers WHERE state <> 'erased' \
               AND (name_key, id) >= ($1, $2) LIMIT $3) w";
    Ok(on_tx!(tx, c => sqlx::query_scalar(sql).bind(&from.name).bind(from.id).bind(cap).fetch_one(c).await?))
}

/// A page of the list: `limit` customers not erased in name order, `skip`
/// places after `from`. The page's place is found in the name index (which
/// holds only the customers not erased), and only the page's rows are read.
pub(crate) async fn list_from(tx: &mut impl Within, from: &Key, skip: i64, limit: i64) -> Result<Vec<Customer>> {
    let sql = format!(
        "SELECT {COLUMNS} FROM customers WHERE id IN (SELECT id FROM customers WHERE state <> 'erased' \
         AND (name_key, id) >= ($1, $2) ORDER BY name_key, id LIMIT $3 OFFSET $4) ORDER BY name_key, id"
    );
    Ok(on_tx!(tx, c => sqlx::query_as(&sql).bind(&from.name).bind(from.id).bind(limit).bind(skip).fetch_all(c).await?))
}

/// These customers, in the order of `ids`.
pub(crate) async fn by_ids(store: &Store, ids: &[CustomerId]) -> Result<Vec<Customer>> {
    if ids.is_empty() {
        return Ok(vec![]);
    }
    let sql = format!("SELECT {COLUMNS} FROM customers WHERE id IN ({})", super::params(store.backend(), 1, ids.len()));
    let mut found: Vec<Customer> = on_pool!(store, p => {
        let mut q = sqlx::query_as(&sql);
        for id in ids {
            q = q.bind(*id);
        }
        q.fetch_all(p).await?
    });
    let place: HashMap<CustomerId, usize> = ids.iter().enumerate().map(|(i, id)| (*id, i)).collect();
    found.sort_by_key(|c| place.get(&c.id).copied().unwrap_or(usize::MAX));
    Ok(found)
}

/// The highest edit version any customer has.
pub(crate) async fn highest_version(store: &Store) -> Result<i64> {
    Ok(on_pool!(store, p => sqlx::query_scalar("SELECT COALESCE(MAX(version), 0) FROM customers").fetch_one(p).await?))
}

/// A customer added, and whether by hand (migration 51; `None`: not known).
#[derive(Debug, Clone, sqlx::FromRow)]
pub(crate) struct Added {
    #[sqlx(flatten)]
    pub who: Who,
    pub by_hand: Option<bool>,
}

/// The customers added at `since` or later and not erased, in the order added.
/// Read through: a restore asks this once, of a register it replaces.
pub(crate) async fn added_since(store: &Store, since: DateTime<Utc>) -> Result<Vec<Added>> {
    let sql =
        "SELECT number, pseudonym, by_hand FROM customers WHERE created_at >= $1 AND state <> 'erased' ORDER BY id";
    Ok(on_pool!(store, p => sqlx::query_as(sql).bind(since).fetch_all(p).await?))
}

/// The customers not erased whose details were changed at `since` or up to
/// a day before (the trail's time is compared as text on SQLite), as the
/// register has them now: by hand, for a request, or by an import.
pub(crate) async fn edited_since(tx: &mut impl Within, since: DateTime<Utc>) -> Result<Vec<Customer>> {
    let sql = format!(
        "SELECT {COLUMNS} FROM customers WHERE state <> 'erased' AND id IN (SELECT CAST(a.entity_id AS BIGINT) \
         FROM audit_entries a WHERE a.entity = 'customer' AND a.action = $1 AND a.at >= $2) ORDER BY id"
    );
    Ok(on_tx!(tx, c => sqlx::query_as(&sql).bind(crate::audit::Action::CustomerEdit)
        .bind(since - chrono::Duration::days(1)).fetch_all(c).await?))
}

/// Moves every customer's edit version on by `by` (a restore, see backup.rs).
pub(crate) async fn versions_past(tx: &mut WriteTx, by: i64) -> Result<()> {
    on_tx!(tx, c => sqlx::query("UPDATE customers SET version = version + $1").bind(by).execute(c).await?.rows_affected());
    Ok(())
}

/// A customer as a restore finds them in another copy of the register (an
/// older backup): by their pseudonym, which nothing changes once it is
/// given, where a number can be corrected; named to people by their number.
#[derive(Debug, Clone, PartialEq, Eq, sqlx::FromRow)]
pub(crate) struct Who {
    pub number: String,
    pub pseudonym: String,
}

impl Who {
    /// From the columns of a LEFT JOIN: `None` where there is no customer.
    pub(crate) fn of(number: Option<String>, pseudonym: Option<String>) -> Option<Who> {
        Some(Who { number: number?, pseudonym: pseudonym? })
    }
}

/// The customer `who` is, inside a write: found by pseudonym.
pub(crate) async fn same_tx(tx: &mut WriteTx, who: &Who) -> Result<Option<Customer>> {
    let sql = format!("SELECT {COLUMNS} FROM customers WHERE pseudonym = $1");
    Ok(on_tx!(tx, c => sqlx::query_as(&sql).bind(&who.pseudonym).fetch_optional(c).await?))
}

/// A customer by their number or the shop's number of them (migration 29),
/// inside a write (an import matching its rows).
pub(crate) async fn by_number_tx(tx: &mut WriteTx, number: &str) -> Result<Option<Customer>> {
    let sql = format!("SELECT {COLUMNS} FROM customers WHERE {BY_NUMBER}");
    Ok(on_tx!(tx, c => sqlx::query_as(&sql).bind(number).fetch_optional(c).await?))
}

/// A customer by e-mail, any case, inside a write.
pub(crate) async fn by_email_tx(tx: &mut WriteTx, email: &str) -> Result<Option<Customer>> {
    // `email IS NOT NULL` lets both databases use the partial index on lower(email).
    let sql = format!("SELECT {COLUMNS} FROM customers WHERE email IS NOT NULL AND lower(email) = lower($1)");
    Ok(on_tx!(tx, c => sqlx::query_as(&sql).bind(email).fetch_optional(c).await?))
}
