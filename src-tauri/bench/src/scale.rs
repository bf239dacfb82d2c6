//! The scale benchmark: a register of many customers (imported from the
//! generated CSV, so through the product's own path) and millions of orders,
//! then the everyday operations on it — search, the customer page, what is
//! due, the sweep, the accountant's export — with latencies and peak memory.
//!
//! The orders are written by one SQL statement each for orders and lines,
//! deterministic in every field, straight into the register (SQLite file or
//! PostgreSQL database): going
//! through `add_order` would take hours for five million and measure nothing
//! the import does not. They carry no audit entries.

use std::time::{Duration, Instant};

use kundvakt_core::Location;
use sqlx::Connection;

/// Writes the orders, a line each, and moves each customer's last activity to
/// their newest order (as add_order keeps it), in one transaction; the same
/// code on either connection type. The orders' own indexes (`$indexes`: name
/// and definition, those that back no constraint) are dropped first and made
/// again at the end: sorting five million entries once is minutes faster
/// than inserting them one by one at random places, and the register ends up
/// with the very indexes its migrations made. `$settle`: what stands for the
/// years the orders span once they are in: on PostgreSQL, what autovacuum
/// does (its vacuum and analysis); on SQLite, an `ANALYZE`, which the app
/// does not take (store/statistics.rs: the figures of docs/BENCHMARKS.md are
/// with it, and its fiftieth run measured what it is worth).
macro_rules! fill {
    ($conn:expr, $indexes:expr, $orders:expr, $activity:expr, $settle:expr) => {{
        let indexes: Vec<(String, String)> = sqlx::query_as($indexes).fetch_all(&mut $conn).await.expect("indexes");
        let mut tx = $conn.begin().await.expect("begin");
        for (name, _) in &indexes {
            sqlx::query(&format!("DROP INDEX {name}")).execute(&mut *tx).await.expect("drop index");
        }
        sqlx::query(&$orders).execute(&mut *tx).await.expect("orders");
        sqlx::query(
            "INSERT INTO order_lines (order_id, line_no, description, quantity, unit_price_minor, vat_rate_bp) \
             SELECT id, 1, 'Linneduk, 140 × 250 cm', 1, total_minor, 2500 FROM orders WHERE number LIKE 'S-%'",
        )
        .execute(&mut *tx)
        .await
        .expect("lines");
        // The indexes again before the last activity: it reads each customer's orders through one.
        for (_, definition) in &indexes {
            sqlx::query(definition).execute(&mut *tx).await.expect("create index");
        }
        let update = format!("UPDATE customers SET last_activity_at = COALESCE({}, last_activity_at)", $activity);
        sqlx::query(&update).execute(&mut *tx).await.expect("activity");
        tx.commit().await.expect("commit");
        sqlx::query($settle).execute(&mut $conn).await.expect("settle");
    }};
}

/// Adds `orders` orders of one line each, spread over customers 1..=`customers`
/// and over the order dates 2015-01-01 to 2026-10-31, to the register at `at`.
pub async fn bulk_orders(at: &Location, customers: i64, orders: i64) {
    match at {
        Location::Sqlite(db) => {
            let url = format!("sqlite:{}", db.display());
            let mut conn = sqlx::SqliteConnection::connect(&url).await.expect("connect");
            sqlx::query("PRAGMA busy_timeout = 10000").execute(&mut conn).await.expect("busy timeout");
            // The register's own connections keep 64 MiB of pages; this one
            // sorts the new indexes in memory as far as it can.
            sqlx::query("PRAGMA cache_size = -262144").execute(&mut conn).await.expect("cache size");
            let numbers = format!("WITH RECURSIVE n(i) AS (SELECT 1 UNION ALL SELECT i + 1 FROM n WHERE i < {orders})");
            let date = "date('2015-01-01', '+' || ((i * 37) % 4322) || ' days')";
            let number = "printf('S-%09d', i)";
            let sql = insert_orders(&numbers, number, date, "0", "'2026-11-01T12:00:00+00:00'", customers);
            let activity =
                "(SELECT MAX(order_date) FROM orders o WHERE o.customer_id = customers.id) || 'T12:00:00+00:00'";
            let indexes = "SELECT name, sql FROM sqlite_master WHERE type = 'index' AND tbl_name = 'orders' \
                           AND sql IS NOT NULL";
            fill!(conn, indexes, sql, activity, "ANALYZE");
            conn.close().await.expect("close");
        }
        Location::Postgres(url) => {
            let mut conn = sqlx::PgConnection::connect(url).await.expect("connect");
            let numbers = format!("WITH n(i) AS (SELECT generate_series(1, {orders}::bigint))");
            let date = "DATE '2015-01-01' + ((i * 37) % 4322)::int";
            let number = "'S-' || lpad(i::text, 9, '0')";
            let created = "TIMESTAMPTZ '2026-11-01T12:00:00+00:00'";
            let sql = insert_orders(&numbers, number, date, "FALSE", created, customers);
            let activity = "(SELECT MAX(order_date) FROM orders o WHERE o.customer_id = customers.id) + TIME '12:00'";
            let indexes = "SELECT i.relname::text, pg_get_indexdef(i.oid) FROM pg_index x \
                           JOIN pg_class i ON i.oid = x.indexrelid JOIN pg_class t ON t.oid = x.indrelid \
                           WHERE t.relname = 'orders' AND NOT EXISTS \
                           (SELECT 1 FROM pg_constraint c WHERE c.conindid = x.indexrelid)";
            fill!(conn, indexes, sql, activity, "VACUUM ANALYZE");
            conn.close().await.expect("close");
        }
    }
}

/// The one statement that writes the orders; only the dialect's pieces differ.
/// The order numbers have nine digits, so that they come in the order of
/// their unique index and each lands at its end.
fn insert_orders(numbers: &str, number: &str, date: &str, unrestricted: &str, created: &str, customers: i64) -> String {
    format!(
        "{numbers} INSERT INTO orders (number, customer_id, order_date, currency, total_minor, vat_minor, \
         payment_provider, payment_reference, status, restricted, pseudonym, created_at) \
         SELECT {number}, 1 + (i * 7919) % {customers}, {date}, 'SEK', 12500 + (i * 13) % 90000, \
         (12500 + (i * 13) % 90000) / 5, 'Klarna', 'KL-' || i, 'shipped', {unrestricted}, NULL, {created} FROM n"
    )
}

/// Percentiles of latencies.
pub struct Latency {
    pub p50: Duration,
    pub p99: Duration,
    pub max: Duration,
}

pub fn latency(mut samples: Vec<Duration>) -> Latency {
    samples.sort();
    let at = |q: f64| samples[((samples.len() as f64 - 1.0) * q).round() as usize];
    Latency { p50: at(0.5), p99: at(0.99), max: *samples.last().unwrap_or(&Duration::ZERO) }
}

/// A 64-bit LCG (Knuth's MMIX constants): deterministic and dependency-free.
pub struct Lcg(pub u64);

impl Lcg {
    /// The next number, 31 bits of it.
    pub fn draw(&mut self) -> u64 {
        self.0 = self.0.wrapping_mul(6364136223846793005).wrapping_add(1442695040888963407);
        self.0 >> 33
    }
}

/// The row of a latency measurement: `what`, then its p50 and p99.
pub fn latency_row(what: String, samples: Vec<Duration>, target: &'static str) -> crate::Row {
    let runs = samples.len();
    let l = latency(samples);
    let ms = |d: Duration| d.as_secs_f64() * 1e3;
    crate::Row {
        what: format!("{what}, p50 {:.2} ms, p99 {:.2} ms", ms(l.p50), ms(l.p99)),
        runs,
        median: l.p50,
        max: l.max,
        target,
    }
}

/// Search queries as people type them: 3 to 10 characters of a name, the
/// start of a name and a surname, with or without the accents.
pub fn queries(n: usize, seed: u64) -> Vec<String> {
    let mut random = Lcg(seed);
    let mut next = move || random.draw() as usize;
    let names: Vec<&str> = crate::import::FIRST.iter().chain(crate::import::LAST).copied().collect();
    (0..n)
        .map(|_| {
            let first = names[next() % names.len()];
            let text = match next() % 4 {
                0 => first.to_owned(),
                1 => format!("{first} {}", crate::import::LAST[next() % crate::import::LAST.len()]),
                2 => strip_accents(first),
                _ => format!("kund{}", next() % 100_000),
            };
            let len = 3 + next() % 8;
            text.chars().take(len).collect::<String>().trim().to_owned()
        })
        .collect()
}

fn strip_accents(s: &str) -> String {
    s.chars()
        .map(|c| match c {
            'Å' | 'Ä' => 'A',
            'å' | 'ä' => 'a',
            'Ö' | 'Ø' => 'O',
            'ö' | 'ø' => 'o',
            'é' => 'e',
            other => other,
        })
        .collect()
}

/// Times `runs` calls of `f(i)`.
pub async fn each<F, Fut, T, E>(runs: usize, mut f: F) -> Vec<Duration>
where
    F: FnMut(usize) -> Fut,
    Fut: std::future::Future<Output = Result<T, E>>,
    E: std::fmt::Debug,
{
    let mut samples = Vec::with_capacity(runs);
    for i in 0..runs {
        let start = Instant::now();
        // A failed step is no measurement: the run stops and says why.
        f(i).await.expect("a timed step");
        samples.push(start.elapsed());
    }
    samples
}

/// Forgets the peak resident memory so far, so that the next reading is one
/// operation's own (Linux: writing 5 to clear_refs resets VmHWM).
pub fn reset_peak_rss() {
    let _ = std::fs::write("/proc/self/clear_refs", "5");
}
