//! SQL of the number series of the vouchers the shop makes itself: the
//! numbers a series has issued, those the register holds and those it
//! remembers once their vouchers are gone (register/series.rs).

use futures_util::TryStreamExt;

use chrono::{DateTime, Utc};

use super::{on_pool, on_tx, Store, Within, WriteTx};
use crate::error::Result;
use crate::register::series::{self, Highest};
use crate::register::Series;
use crate::retention::due::RecordKind;

/// The numbers of `series` vouchers beginning with `prefix`, highest first:
/// those from `prefix` up to, not including, `below`, read through the
/// numbers' unique index.
pub(crate) async fn numbers_in_series(store: &Store, series: Series, prefix: &str, below: &str) -> Result<Vec<String>> {
    let table = match series {
        Series::Orders => "orders",
        Series::Invoices => "invoices",
    };
    let number = in_code_point_order(store);
    let sql = format!(
        "SELECT number FROM {table} WHERE {number} >= $1 AND {number} < $2 \
         ORDER BY length(number) DESC, {number} DESC LIMIT 100"
    );
    Ok(on_pool!(store, p => sqlx::query_scalar(&sql).bind(prefix).bind(below).fetch_all(p).await?))
}

/// The numbers the register remembers of `series` (register/series.rs)
/// from `prefix` up to, not including, `below`.
pub(crate) async fn remembered_in_series(
    store: &Store,
    series: Series,
    prefix: &str,
    below: &str,
) -> Result<Vec<String>> {
    let number = in_code_point_order(store);
    let sql = format!("SELECT number FROM series_highest WHERE series = $1 AND {number} >= $2 AND {number} < $3");
    Ok(
        on_pool!(store, p => sqlx::query_scalar(&sql).bind(series.as_str()).bind(prefix).bind(below).fetch_all(p).await?),
    )
}

/// The number column compared in its characters' code points' order, as a
/// series' range needs: a PostgreSQL database's own collation may pass over
/// the punctuation of `M-` (so there its index cannot serve, and the table
/// is read through).
fn in_code_point_order(store: &Store) -> &'static str {
    match store.backend() {
        super::Backend::Sqlite => "number",
        super::Backend::Postgres => "number COLLATE \"C\"",
    }
}

/// Remembers the highest numbers of `series` that the register is about to
/// lose, where they are further on than those it remembers already.
pub(crate) async fn remember_highest(tx: &mut WriteTx, series: Series, seen: &Highest) -> Result<()> {
    for (prefix, number) in seen.iter() {
        let held: Option<String> = on_tx!(tx, c => sqlx::query_scalar(
            "SELECT number FROM series_highest WHERE series = $1 AND prefix = $2")
            .bind(series.as_str()).bind(prefix).fetch_optional(c).await?);
        if held.is_some_and(|held| !series::further_on(number, &held)) {
            continue;
        }
        on_tx!(tx, c => sqlx::query(
            "INSERT INTO series_highest (series, prefix, number) VALUES ($1, $2, $3) \
             ON CONFLICT (series, prefix) DO UPDATE SET number = excluded.number")
            .bind(series.as_str()).bind(prefix).bind(number).execute(c).await?.rows_affected());
    }
    Ok(())
}

/// Before the vouchers `ids` of `kind` are deleted (an order takes its
/// invoices with it): their highest numbers, remembered.
pub(crate) async fn remember_numbers_of(tx: &mut WriteTx, kind: RecordKind, ids: &[i64]) -> Result<()> {
    let reads: &[(Series, &str)] = match kind {
        RecordKind::Order => &[
            (Series::Orders, "SELECT number FROM orders WHERE id IN ({ids})"),
            (Series::Invoices, "SELECT number FROM invoices WHERE order_id IN ({ids})"),
        ],
        RecordKind::Invoice => &[(Series::Invoices, "SELECT number FROM invoices WHERE id IN ({ids})")],
        _ => return Ok(()),
    };
    for (series, sql) in reads {
        let mut seen = Highest::default();
        for (number,) in super::erasure::fetch_by_ids::<(String,)>(tx, sql, ids).await? {
            seen.see(&number);
        }
        remember_highest(tx, *series, &seen).await?;
    }
    Ok(())
}

/// The highest numbers of each series that the register holds or
/// remembers, read as they stream by: what a backup restored over it must
/// not issue again.
pub(crate) async fn highest_numbers(store: &Store) -> Result<Vec<(Series, Highest)>> {
    let mut all = vec![];
    for (series, sql) in [
        (
            Series::Orders,
            "SELECT number FROM orders UNION ALL SELECT number FROM series_highest WHERE series = 'orders'",
        ),
        (
            Series::Invoices,
            "SELECT number FROM invoices UNION ALL SELECT number FROM series_highest WHERE series = 'invoices'",
        ),
    ] {
        let mut seen = Highest::default();
        on_pool!(store, p => {
            let mut rows = sqlx::query_scalar::<_, String>(sql).fetch(p);
            while let Some(n) = rows.try_next().await? {
                seen.see(&n);
            }
        });
        all.push((series, seen));
    }
    Ok(all)
}

/// The numbers of the vouchers made at `since` or later, orders first: each
/// by when it was recorded (an invoice of an older register, which kept no
/// such time, by its date), and an invoice also as one of such an order's.
/// Read through: a restore asks this once, of a register it replaces.
pub(crate) async fn made_since(store: &Store, since: DateTime<Utc>) -> Result<Vec<(Series, String)>> {
    let orders = "SELECT number FROM orders WHERE created_at >= $1 ORDER BY id";
    let invoices = "SELECT number FROM invoices WHERE created_at >= $1 OR (created_at IS NULL AND issued_on >= $2) \
                    OR order_id IN (SELECT id FROM orders WHERE created_at >= $3) ORDER BY id";
    let (orders, invoices): (Vec<String>, Vec<String>) = on_pool!(store, p => (
        sqlx::query_scalar(orders).bind(since).fetch_all(p).await?,
        sqlx::query_scalar(invoices).bind(since).bind(since.date_naive()).bind(since).fetch_all(p).await?,
    ));
    let orders = orders.into_iter().map(|n| (Series::Orders, n));
    Ok(orders.chain(invoices.into_iter().map(|n| (Series::Invoices, n))).collect())
}

/// Whether the register holds the `series` voucher numbered `number`.
pub(crate) async fn holds_number(tx: &mut impl Within, series: Series, number: &str) -> Result<bool> {
    let sql = match series {
        Series::Orders => "SELECT EXISTS (SELECT 1 FROM orders WHERE number = $1)",
        Series::Invoices => "SELECT EXISTS (SELECT 1 FROM invoices WHERE number = $1)",
    };
    Ok(on_tx!(tx, c => sqlx::query_scalar(sql).bind(number).fetch_one(c).await?))
}
