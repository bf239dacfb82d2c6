//! The scale benchmark at a tenth of a percent of its size (10 000 customers,
//! 50 000 orders) as a smoke test: every step runs on a real SQLite register
//! and its results are checked; its times are not (docs/BENCHMARKS.md holds
//! the measured figures of `make bench`).

use kundvakt_bench::{run, run_postgres, table, Config};

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn the_benchmark_runs_and_its_results_hold_at_ten_thousand_customers() {
    let cfg = Config { customers: 10_000, orders: 50_000, report_orders: 50, runs: 1, lookups: 100, search_limit: 200 };
    let outcome = run(&cfg).await;
    assert_eq!(outcome.imported, 10_000, "every generated customer was imported");
    assert!(outcome.search_hits > 0, "the generated names are found");
    assert!(outcome.due_before > 0, "orders from 2015 on are past the bookkeeping law's years");
    assert_eq!(outcome.due_counted, outcome.due_before as i64, "the retention screen counts what is listed");
    assert_eq!(outcome.due_previewed, outcome.due_before as i64, "the start-up check counts what is listed");
    assert!(outcome.swept >= outcome.due_before as i64, "the sweep removed at least what was due");
    assert_eq!(outcome.due_after, 0, "nothing is due after the sweep");
    assert!(outcome.exported_orders > 0, "the year 2025 has orders to export");
    let printed = table(&outcome.rows);
    println!("{printed}");
    assert_eq!(printed.lines().count(), 2 + outcome.rows.len());
    for what in [
        "access report PDF",
        "import of 10000 customers",
        "sqlite3 copying the same rows into our schema",
        "of which the customers table alone",
        "search",
        "customer page",
        "customer list",
        "the first page after each of 10 notes",
        "customer merge, 10 pairs of random customers",
        "retention due",
        "export",
        "sweep",
    ] {
        assert!(printed.contains(what), "{what} is in the table:\n{printed}");
    }
}

/// The PostgreSQL half of `make bench` (import, orders, search, customer page,
/// due, export, sweep) at 2 000 customers on the test cluster.
#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn the_postgres_half_runs_and_its_results_hold() {
    let admin = std::env::var("KUNDVAKT_TEST_PG").expect("KUNDVAKT_TEST_PG: run the tests with `make test`");
    let cfg = Config { customers: 2_000, orders: 10_000, report_orders: 0, runs: 1, lookups: 50, search_limit: 200 };
    let outcome = run_postgres(&cfg, &admin).await;
    assert_eq!(outcome.imported, 2_000);
    assert!(outcome.search_hits > 0 && outcome.due_before > 0 && outcome.exported_orders > 0);
    assert!(outcome.swept >= outcome.due_before as i64);
    assert_eq!(outcome.due_counted, outcome.due_before as i64, "the retention screen counts what is listed");
    assert_eq!(outcome.due_previewed, outcome.due_before as i64, "the start-up check counts what is listed");
    assert_eq!(outcome.due_after, 0, "nothing is due after the sweep");
    let printed = table(&outcome.rows);
    assert!(printed.contains("import of 2000 customers (PostgreSQL)") && printed.contains("PostgreSQL)"), "{printed}");
}
