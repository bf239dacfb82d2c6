//! Kundvakt's benchmarks: the targets of PRODUCT.md section 8 measured on this
//! machine (`make bench` prints them for docs/BENCHMARKS.md), and, at a small
//! size, the same run as a smoke test in the suite (tests/scale.rs), which
//! checks what each step produced and never its time.

pub mod import;
pub mod scale;

use std::time::{Duration, Instant};

use chrono::NaiveDate;
use kundvakt_core::register::{Channel, CustomerInput, Direction, NewInteraction, NewOrder, NewOrderLine, OrderStatus};
use kundvakt_core::reports::Format;
use kundvakt_core::retention::due::{DueItem, DueSink, DueTotals};
use kundvakt_core::retention::sweep::Batching;
use kundvakt_core::values::{Currency, Money};
use kundvakt_core::{Location, OpenMode, Register};

/// One line of the results table.
pub struct Row {
    pub what: String,
    pub runs: usize,
    pub median: Duration,
    pub max: Duration,
    pub target: &'static str,
}

impl Row {
    /// A measurement made once: its time is the median and the maximum.
    fn once(what: String, t: Duration, target: &'static str) -> Row {
        Row { what, runs: 1, median: t, max: t, target }
    }
}

/// The sizes of a run.
pub struct Config {
    pub customers: usize,
    pub orders: i64,
    /// Orders of the one customer whose access report is timed.
    pub report_orders: usize,
    /// Repetitions of each timed report.
    pub runs: usize,
    /// Search queries and customer pages timed.
    pub lookups: usize,
    /// Customers asked of a search: the app's list asks for 200.
    pub search_limit: i64,
}

impl Config {
    /// `make bench`: KUNDVAKT_BENCH_CUSTOMERS (default 1 000 000) and
    /// KUNDVAKT_BENCH_ORDERS (default five per customer). A value that is no
    /// number is an error naming it, not the default: a typo once meant a
    /// run of the wrong size, found out minutes later.
    pub fn from_env() -> Result<Config, String> {
        let customers = size("KUNDVAKT_BENCH_CUSTOMERS")?.unwrap_or(1_000_000);
        let orders = size("KUNDVAKT_BENCH_ORDERS")?.unwrap_or(5 * customers);
        let orders = i64::try_from(orders).map_err(|_| format!("KUNDVAKT_BENCH_ORDERS: {orders} is too many"))?;
        Ok(Config {
            customers: customers as usize,
            orders,
            report_orders: 2000,
            runs: 10,
            lookups: 1000,
            search_limit: 200,
        })
    }

    /// The PostgreSQL run of `make bench`: KUNDVAKT_BENCH_PG_CUSTOMERS (default
    /// 100 000: at a million the PostgreSQL half would double the run) and
    /// five orders each.
    pub fn postgres_from_env() -> Result<Config, String> {
        let customers = size("KUNDVAKT_BENCH_PG_CUSTOMERS")?.unwrap_or(100_000);
        Ok(Config { customers: customers as usize, orders: 5 * customers as i64, ..Config::from_env()? })
    }
}

/// The size in environment variable `name`, if it is set: a whole number above nought.
fn size(name: &str) -> Result<Option<u64>, String> {
    match std::env::var(name) {
        Err(std::env::VarError::NotPresent) => Ok(None),
        Err(std::env::VarError::NotUnicode(v)) => Err(format!("{name}: {v:?} is not a number")),
        Ok(v) => parse_size(name, &v).map(Some),
    }
}

/// A size as a shell gives it (`1000000` or `1_000_000`): a whole number above nought.
fn parse_size(name: &str, value: &str) -> Result<u64, String> {
    match value.trim().replace('_', "").parse::<u64>() {
        Ok(n) if n > 0 => Ok(n),
        _ => Err(format!("{name}: `{value}` is not a whole number above nought")),
    }
}

/// The due list read through as `retention due` reads it, counted: the
/// benchmark times the reading, not a terminal.
#[derive(Default)]
struct Counted {
    due: usize,
}

impl Counted {
    async fn read(reg: &Register, day: NaiveDate) -> Counted {
        let mut counted = Counted::default();
        reg.retention_due_into(day, &mut counted).await.expect("due");
        counted
    }
}

impl DueSink for Counted {
    fn totals(&mut self, _: DueTotals) -> kundvakt_core::Result<()> {
        Ok(())
    }

    fn due(&mut self, _: DueItem) -> kundvakt_core::Result<()> {
        self.due += 1;
        Ok(())
    }

    /// The benchmark sets no hold.
    fn held(&mut self, _: DueItem) -> kundvakt_core::Result<()> {
        Ok(())
    }
}

/// What a run produced, for the smoke test's checks.
pub struct Outcome {
    pub rows: Vec<Row>,
    pub imported: i64,
    pub search_hits: usize,
    pub due_before: usize,
    /// What the retention screen counted before the sweep.
    pub due_counted: i64,
    /// What the start-up check counted before the sweep.
    pub due_previewed: i64,
    pub swept: i64,
    pub due_after: usize,
    pub exported_orders: i64,
}

fn stats(mut samples: Vec<Duration>) -> (Duration, Duration) {
    samples.sort();
    (samples[samples.len() / 2], *samples.last().unwrap_or(&Duration::ZERO))
}

/// A register with one customer who has `orders` orders, each with a line.
async fn customer_with_orders(reg: &Register, orders: usize) -> kundvakt_core::values::CustomerId {
    let c = reg
        .add_customer(&CustomerInput {
            name: Some("Märta Ångström".into()),
            email: Some("marta@example.se".into()),
            phone: Some("070-123 45 67".into()),
            street: Some("Storgatan 1".into()),
            postal_code: Some("791 71".into()),
            city: Some("Falun".into()),
            ..Default::default()
        })
        .await
        .expect("customer");
    let sek = Currency::parse("SEK").expect("SEK");
    for i in 1..=orders {
        reg.add_order(&NewOrder {
            customer_id: c.id,
            number: format!("B-{i:05}"),
            order_date: NaiveDate::from_ymd_opt(2018 + (i % 8) as i32, 1 + (i % 12) as u32, 1 + (i % 28) as u32)
                .expect("date"),
            total: Money::new(24_900, sek),
            vat: None,
            payment_provider: Some("Klarna".into()),
            payment_reference: Some(format!("KL-{i:08}")),
            status: OrderStatus::Shipped,
            lines: vec![NewOrderLine {
                description: "Linneduk, 140 × 250 cm".into(),
                quantity: 1,
                unit_price_minor: 24_900,
                vat_rate_bp: 2500,
            }],
        })
        .await
        .expect("order");
    }
    c.id
}

/// Runs every measurement at the sizes of `cfg` on SQLite registers.
pub async fn run(cfg: &Config) -> Outcome {
    let dir = tempfile::tempdir().expect("temp dir");
    let reg = Register::open(&Location::Sqlite(dir.path().join("bench.db")), OpenMode::Create, "bench")
        .await
        .expect("register");
    reg.init(kundvakt_core::register::InitOptions {
        country: kundvakt_core::values::ShopCountry::Se,
        language: kundvakt_core::values::Language::Sv,
    })
    .await
    .expect("init");
    let customer = customer_with_orders(&reg, cfg.report_orders).await;
    let mut rows = vec![];
    let runs = cfg.runs;
    let sample = reg.access_report(customer, None, None, Format::Pdf).await.expect("pdf");
    let pdf = scale::each(runs, |_| reg.access_report(customer, None, None, Format::Pdf)).await;
    let (median, max) = stats(pdf);
    rows.push(Row {
        what: format!(
            "access report PDF, customer with {} orders ({} KB, SQLite)",
            cfg.report_orders,
            sample.bytes.len() / 1024
        ),
        runs,
        median,
        max,
        target: "< 1 s",
    });
    let json = scale::each(runs, |_| reg.access_report(customer, None, None, Format::Json)).await;
    let (median, max) = stats(json);
    rows.push(Row {
        what: format!("access report JSON, customer with {} orders (SQLite)", cfg.report_orders),
        runs,
        median,
        max,
        target: "< 100 ms",
    });

    let csv = dir.path().join("customers.csv");
    import::write_customers(&csv, cfg.customers, 42);
    let bare = import::sqlite3_import(&csv, dir.path());
    let mut outcome = import_and_scale(cfg, &Location::Sqlite(dir.path().join("import.db")), &csv, Some(bare)).await;
    rows.append(&mut outcome.rows);
    outcome.rows = rows;
    outcome
}

/// The scale half on a fresh PostgreSQL database of the cluster at `admin_url`.
pub async fn run_postgres(cfg: &Config, admin_url: &str) -> Outcome {
    use sqlx::Connection;
    let dir = tempfile::tempdir().expect("temp dir");
    let name = format!("kundvakt_bench_{}", std::process::id());
    let mut admin = sqlx::PgConnection::connect(admin_url).await.expect("connect to PostgreSQL");
    sqlx::query(&format!("DROP DATABASE IF EXISTS {name}")).execute(&mut admin).await.expect("drop");
    sqlx::query(&format!("CREATE DATABASE {name}")).execute(&mut admin).await.expect("create database");
    let url = format!("{}/{name}", admin_url.rsplit_once('/').expect("URL with a database").0);
    let csv = dir.path().join("customers.csv");
    import::write_customers(&csv, cfg.customers, 42);
    let outcome = import_and_scale(cfg, &Location::Postgres(url), &csv, None).await;
    sqlx::query(&format!("DROP DATABASE IF EXISTS {name} WITH (FORCE)")).execute(&mut admin).await.expect("drop");
    outcome
}

/// Imports the customers of `csv` into a new register at `at` (beside
/// sqlite3's `.import` of the same file, when `bare` has its time), gives them
/// their orders, and times the everyday operations on the result.
async fn import_and_scale(cfg: &Config, at: &Location, csv: &std::path::Path, bare: Option<Duration>) -> Outcome {
    let backend = match at {
        Location::Sqlite(_) => "SQLite",
        Location::Postgres(_) => "PostgreSQL",
    };
    let mut rows = vec![];
    let n = cfg.customers;
    let target = Register::open(at, OpenMode::Create, "bench").await.expect("register");
    target
        .init(kundvakt_core::register::InitOptions {
            country: kundvakt_core::values::ShopCountry::Se,
            language: kundvakt_core::values::Language::Sv,
        })
        .await
        .expect("init");
    let rss_before = import::peak_rss_mib();
    let cancel = std::sync::atomic::AtomicBool::new(false);
    let start = Instant::now();
    let report = target
        .import(
            csv,
            kundvakt_core::import::ImportKind::Customers,
            &kundvakt_core::import::ImportOptions::default(),
            &mut |_| {},
            &cancel,
        )
        .await
        .expect("import");
    let ours = start.elapsed();
    assert_eq!(report.added as usize, n, "{:?}", report.problems.first());
    let rss_after = import::peak_rss_mib();
    let beside = bare.map_or(String::new(), |bare| {
        format!(
            "; sqlite3 .import of the same file {:.2} s; ours/sqlite3 = {:.1}×",
            bare.as_secs_f64(),
            ours.as_secs_f64() / bare.as_secs_f64()
        )
    });
    // The database's share, on SQLite: the same rows copied into an empty register.
    let floor = match (at, bare) {
        (Location::Sqlite(imported), Some(bare)) => {
            let empty = imported.with_file_name("schema-floor.db");
            let reg =
                Register::open(&Location::Sqlite(empty.clone()), OpenMode::Create, "bench").await.expect("register");
            reg.init(kundvakt_core::register::InitOptions {
                country: kundvakt_core::values::ShopCountry::Se,
                language: kundvakt_core::values::Language::Sv,
            })
            .await
            .expect("init");
            reg.store().close().await;
            let floor = import::sqlite3_copy_into_schema(imported, &empty);
            assert_eq!(floor.copied, n, "sqlite3 copied every imported customer");
            for suffix in ["", "-wal", "-shm"] {
                let _ = std::fs::remove_file(format!("{}{suffix}", empty.display()));
            }
            format!(
                "; sqlite3 copying the same rows into our schema {:.2} s ({:.1}× .import), \
                 of which the customers table alone {:.2} s ({:.1}× .import)",
                floor.total.as_secs_f64(),
                floor.total.as_secs_f64() / bare.as_secs_f64(),
                floor.customers.as_secs_f64(),
                floor.customers.as_secs_f64() / bare.as_secs_f64()
            )
        }
        _ => String::new(),
    };
    // sqlite3's .import is the anchor on SQLite only.
    let goal = if bare.is_some() { "within 2× of sqlite3 .import" } else { "rows/s (recorded)" };
    rows.push(Row::once(
        format!(
            "import of {n} customers ({backend}): {:.0} rows/s{beside}{floor}; peak RSS {rss_before:.0} → {rss_after:.0} MiB",
            n as f64 / ours.as_secs_f64()
        ),
        ours,
        goal,
    ));

    // Scale: the imported register gets its orders, then the everyday operations.
    let orders = cfg.orders;
    let start = Instant::now();
    scale::bulk_orders(at, n as i64, orders).await;
    eprintln!("{orders} orders written in {:.1} s", start.elapsed().as_secs_f64());
    let size = format!("{n} customers, {orders} orders, {backend}");

    let queries = scale::queries(cfg.lookups, 7);
    let mut search_hits = 0;
    let mut searched = Vec::with_capacity(queries.len());
    for q in &queries {
        let start = Instant::now();
        search_hits += target.search_customers(q, cfg.search_limit).await.expect("search").len();
        searched.push(start.elapsed());
    }
    if std::env::var_os("KUNDVAKT_BENCH_SLOWEST").is_some() {
        let mut slow: Vec<(Duration, &String)> = searched.iter().copied().zip(&queries).collect();
        slow.sort();
        for (d, q) in slow.iter().rev().take(12) {
            eprintln!("slow search {q:?}: {:.1} ms", d.as_secs_f64() * 1e3);
        }
    }
    rows.push(scale::latency_row(
        format!("search, {} queries of 3–10 characters, first {} matches ({size})", cfg.lookups, cfg.search_limit),
        searched,
        "p99 < 20 ms",
    ));
    let mut random = scale::Lcg(11);
    let ids: Vec<i64> = (0..cfg.lookups).map(|_| 1 + (random.draw() % n as u64) as i64).collect();
    let pages = scale::each(ids.len(), |i| target.customer_page(kundvakt_core::values::CustomerId(ids[i]))).await;
    rows.push(scale::latency_row(
        format!("customer page (all categories), {} random customers ({size})", cfg.lookups),
        pages,
        "p99 < 50 ms",
    ));
    // The app's customer list asks for pages of 100 (with the total) as the
    // person scrolls; anywhere in the register, the far end included. The
    // window makes the list's marks when it opens the register
    // (`prepare_list`): so does this, before the pages, which then measure
    // the list as it is once the window is open. The page right after a
    // change, before the marks are made again, is the next row's.
    target.prepare_list().await.expect("the list's marks");
    let offsets: Vec<i64> =
        (0..cfg.lookups).map(|_| (random.draw() % n as u64) as i64 / LIST_PAGE * LIST_PAGE).collect();
    let listed = scale::each(offsets.len(), |i| target.list_customers(offsets[i], LIST_PAGE)).await;
    rows.push(scale::latency_row(
        format!("customer list, {} pages of {LIST_PAGE} at random places with the total ({size})", cfg.lookups),
        listed,
        "p99 < 50 ms",
    ));
    // A new customer changes the list's version, and the next page remakes
    // the list's marks (register::listing): the page after a change, ten times.
    let mut after_change = Vec::with_capacity(10);
    for i in 0..10 {
        let added = CustomerInput {
            name: Some(format!("Ny Kund {i}")),
            email: Some(format!("ny{i}@example.se")),
            ..Default::default()
        };
        target.add_customer(&added).await.expect("a new customer");
        let start = Instant::now();
        target.list_customers(offsets[i % offsets.len()], LIST_PAGE).await.expect("list");
        after_change.push(start.elapsed());
    }
    rows.push(scale::latency_row(
        format!("customer list, the first page after each of 10 changes ({size})"),
        after_change,
        "recorded",
    ));
    // A note (as an order or an e-mail address) leaves the list as it was:
    // the marks stand (the list version, migration 13), and the next page
    // is read from them. The marks of the last change are made first.
    target.list_customers_in_steps(0, LIST_PAGE, kundvakt_core::register::listing::STEP).await.expect("marks");
    let mut after_note = Vec::with_capacity(10);
    for i in 0..10 {
        let note = NewInteraction {
            customer_id: kundvakt_core::values::CustomerId(ids[i % ids.len()]),
            occurred_at: kundvakt_core::store::now(),
            channel: Channel::Phone,
            direction: Direction::Inbound,
            summary: format!("Samtal {i}"),
            staff: None,
            closed_on: None,
            bookkeeping: false,
        };
        target.add_interaction(&note).await.expect("a note");
        let start = Instant::now();
        target.list_customers(offsets[i % offsets.len()], LIST_PAGE).await.expect("list");
        after_note.push(start.elapsed());
    }
    rows.push(scale::latency_row(
        format!("customer list, the first page after each of 10 notes ({size})"),
        after_note,
        "p99 < 50 ms",
    ));
    // Two customers found to be one person, merged: every table of theirs
    // moved by its customer index, the merged row retired. Ten pairs of
    // random customers; a pair refused (restricted, erased, held, or met
    // before) is passed over, and the count says how many were merged.
    let mut merged = Vec::with_capacity(10);
    let mut pairs = scale::Lcg(13);
    let mut tried = 0;
    while merged.len() < 10 && tried < 100 {
        tried += 1;
        let keep = kundvakt_core::values::CustomerId(1 + (pairs.draw() % n as u64) as i64);
        let other = kundvakt_core::values::CustomerId(1 + (pairs.draw() % n as u64) as i64);
        let start = Instant::now();
        if target.merge_customers(keep, other).await.is_ok() {
            merged.push(start.elapsed());
        }
    }
    rows.push(scale::latency_row(
        format!("customer merge, {} pairs of random customers ({size})", merged.len()),
        merged,
        "recorded",
    ));
    let today = target.today().await.expect("today");
    // What the window asks at start for its banner: what a sweep would delete, counted.
    let start = Instant::now();
    let preview = target.sweep_preview(today).await.expect("sweep preview");
    let t = start.elapsed();
    rows.push(Row::once(
        format!("the start-up check, what a sweep would delete: {} records counted ({size})", preview.total),
        t,
        "recorded",
    ));
    // The window's retention screen: counted, with the first 200 (the app's page).
    scale::reset_peak_rss();
    let start = Instant::now();
    let view = target.retention_view(today, 200).await.expect("retention view");
    let t = start.elapsed();
    rows.push(Row::once(
        format!(
            "retention screen on {today}: {} records due counted, the first {} read; peak RSS {:.0} MiB ({size})",
            view.total,
            view.first.len(),
            import::peak_rss_mib()
        ),
        t,
        "recorded",
    ));
    // The same screen while a request for a copy is open and a legal hold
    // is in force (a shop's usual day, not the bench's register alone): the
    // counts then ask of each record what keeps it (store/retention.rs).
    // Both are ended after, so the sweep below deletes what it would have.
    let customer = |i: usize| kundvakt_core::values::CustomerId(ids[i % ids.len()]);
    let access = kundvakt_core::requests::RequestKind::Access;
    // A customer merged away above is refused either, and the next is taken.
    let mut tries = 0..ids.len();
    let request = loop {
        let i = tries.next().expect("a customer to request");
        if let Ok(r) = target.open_request(customer(i), access, None, None).await {
            break r;
        }
    };
    let whole = kundvakt_core::retention::due::RecordKind::Customer;
    let hold = loop {
        let i = tries.next().expect("a customer to hold");
        if let Ok(h) = target.add_hold(whole, customer(i).0, "Tvist").await {
            break h;
        }
    };
    let start = Instant::now();
    let kept = target.retention_view(today, 200).await.expect("retention view");
    let t = start.elapsed();
    rows.push(Row::once(
        format!(
            "retention screen on {today}, a request for a copy open and a legal hold in force: {} records due counted ({size})",
            kept.total
        ),
        t,
        "recorded",
    ));
    let refuse = kundvakt_core::requests::Step::Refuse { reason: "Bench".into() };
    target.request_step(request.id, refuse, None).await.expect("refused");
    target.lift_hold(hold.id).await.expect("lifted");
    scale::reset_peak_rss();
    let start = Instant::now();
    let due = Counted::read(&target, today).await;
    let t = start.elapsed();
    rows.push(Row::once(
        format!(
            "retention due on {today}, the whole list read as the command line reads it: {} records due, {:.0} orders/s; peak RSS {:.0} MiB ({size})",
            due.due,
            orders as f64 / t.as_secs_f64(),
            import::peak_rss_mib()
        ),
        t,
        "rows/s (recorded), memory flat",
    ));
    let (from, to) = target.fiscal_year(2025).await.expect("year");
    let out = tempfile::tempdir().expect("temp dir");
    let out = out.path().join("orders-2025.csv");
    scale::reset_peak_rss();
    let start = Instant::now();
    let exported =
        target.export_orders(from, to, kundvakt_core::export::ExportFormat::Csv, false, &out).await.expect("export");
    let t = start.elapsed();
    rows.push(Row::once(
        format!(
            "accountant export of 2025 (CSV): {} orders, {:.0} orders/s; peak RSS {:.0} MiB ({size})",
            exported.orders,
            exported.orders as f64 / t.as_secs_f64(),
            import::peak_rss_mib()
        ),
        t,
        "rows/s (recorded), memory flat",
    ));
    scale::reset_peak_rss();
    let start = Instant::now();
    let swept = target.sweep(today, Batching::Timed, &mut |_| {}).await.expect("sweep");
    let t = start.elapsed();
    let counts = target.sweep_run(swept.id).await.expect("counts").1;
    let records: i64 = counts.iter().map(|c| c.records).sum();
    rows.push(Row::once(
        format!(
            "full retention sweep on {today}: {records} records, {:.0} records/s; peak RSS {:.0} MiB ({size})",
            records as f64 / t.as_secs_f64(),
            import::peak_rss_mib()
        ),
        t,
        "rows/s (recorded), memory flat",
    ));

    let due_after = Counted::read(&target, today).await.due;
    Outcome {
        rows,
        imported: report.added as i64,
        search_hits,
        due_before: due.due,
        due_counted: view.total,
        due_previewed: preview.total,
        swept: records,
        due_after,
        exported_orders: exported.orders,
    }
}

/// The customers per page of the app's list (ui/src/views/register.ts).
const LIST_PAGE: i64 = 100;

/// The results as the Markdown table of docs/BENCHMARKS.md.
pub fn table(rows: &[Row]) -> String {
    let mut out = String::from("| measurement | runs | median | max | target |\n| --- | ---: | ---: | ---: | --- |\n");
    for r in rows {
        out.push_str(&format!(
            "| {} | {} | {:.1} ms | {:.1} ms | {} |\n",
            r.what,
            r.runs,
            r.median.as_secs_f64() * 1e3,
            r.max.as_secs_f64() * 1e3,
            r.target
        ));
    }
    out
}

#[cfg(test)]
mod tests {
    use super::parse_size;

    #[test]
    fn sizes_are_whole_numbers_above_nought() {
        assert_eq!(parse_size("N", "1000000"), Ok(1_000_000));
        assert_eq!(parse_size("N", " 1_000_000 "), Ok(1_000_000));
        for wrong in ["10k", "", "0", "-5", "1e6", "2.5"] {
            let e = parse_size("KUNDVAKT_BENCH_CUSTOMERS", wrong).expect_err(wrong);
            assert!(e.starts_with("KUNDVAKT_BENCH_CUSTOMERS: `") && e.contains(wrong), "{e}");
        }
    }
}
