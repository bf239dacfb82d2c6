//! `make bench`: measures the targets of PRODUCT.md section 8 on this machine and
//! prints a Markdown table for docs/BENCHMARKS.md. Timings are medians and
//! maxima over repeated runs of the release build; nothing here is a test.

mod import;

use std::time::{Duration, Instant};

use chrono::NaiveDate;
use kundvakt_core::register::{CustomerInput, NewOrder, NewOrderLine, OrderStatus};
use kundvakt_core::reports::Format;
use kundvakt_core::values::{Currency, Money};
use kundvakt_core::{Location, OpenMode, Register};

struct Row {
    what: String,
    runs: usize,
    median: Duration,
    max: Duration,
    target: &'static str,
}

fn stats(mut samples: Vec<Duration>) -> (Duration, Duration) {
    samples.sort();
    (samples[samples.len() / 2], *samples.last().unwrap_or(&Duration::ZERO))
}

async fn time<F, Fut, T>(runs: usize, mut f: F) -> Vec<Duration>
where
    F: FnMut() -> Fut,
    Fut: std::future::Future<Output = T>,
{
    let mut samples = Vec::with_capacity(runs);
    for _ in 0..runs {
        let start = Instant::now();
        let _ = f().await;
        samples.push(start.elapsed());
    }
    samples
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

#[tokio::main(flavor = "multi_thread", worker_threads = 2)]
async fn main() {
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
    let customer = customer_with_orders(&reg, 2000).await;
    let mut rows = vec![];
    let runs = 10;
    let sample = reg.access_report(customer, None, None, Format::Pdf).await.expect("pdf");
    let pdf = time(runs, || reg.access_report(customer, None, None, Format::Pdf)).await;
    let (median, max) = stats(pdf);
    rows.push(Row {
        what: format!("access report PDF, customer with 2 000 orders ({} KB, SQLite)", sample.bytes.len() / 1024),
        runs,
        median,
        max,
        target: "< 1 s",
    });
    let json = time(runs, || reg.access_report(customer, None, None, Format::Json)).await;
    let (median, max) = stats(json);
    rows.push(Row {
        what: "access report JSON, customer with 2 000 orders (SQLite)".into(),
        runs,
        median,
        max,
        target: "< 100 ms",
    });

    // Import: ours against sqlite3's .import of the same file. KUNDVAKT_BENCH_CUSTOMERS sets the size.
    let n: usize = std::env::var("KUNDVAKT_BENCH_CUSTOMERS").ok().and_then(|v| v.parse().ok()).unwrap_or(100_000);
    let csv = dir.path().join("customers.csv");
    import::write_customers(&csv, n, 42);
    let bare = import::sqlite3_import(&csv, dir.path());
    let target = Register::open(&Location::Sqlite(dir.path().join("import.db")), OpenMode::Create, "bench")
        .await
        .expect("register");
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
            &csv,
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
    let ratio = ours.as_secs_f64() / bare.as_secs_f64();
    rows.push(Row {
        what: format!(
            "import of {n} customers (SQLite): {:.0} rows/s; sqlite3 .import of the same file {:.2} s; ours/sqlite3 = {ratio:.1}×; peak RSS {rss_before:.0} → {rss_after:.0} MiB",
            n as f64 / ours.as_secs_f64(),
            bare.as_secs_f64()
        ),
        runs: 1,
        median: ours,
        max: ours,
        target: "within 2× of sqlite3 .import",
    });

    println!("| measurement | runs | median | max | target |");
    println!("| --- | ---: | ---: | ---: | --- |");
    for r in rows {
        println!(
            "| {} | {} | {:.1} ms | {:.1} ms | {} |",
            r.what,
            r.runs,
            r.median.as_secs_f64() * 1e3,
            r.max.as_secs_f64() * 1e3,
            r.target
        );
    }
}
