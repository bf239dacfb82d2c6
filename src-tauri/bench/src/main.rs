//! `make bench`: measures the targets of PRODUCT.md section 8 on this machine and
//! prints a Markdown table for docs/BENCHMARKS.md. Timings are medians and
//! maxima over repeated runs of the release build; nothing here is a test.
//! With KUNDVAKT_TEST_PG (a PostgreSQL cluster's URL), the scale half runs on
//! PostgreSQL too.

// As the app's: what is measured is what ships.
#[global_allocator]
static ALLOCATOR: mimalloc::MiMalloc = mimalloc::MiMalloc;

/// What the command takes: its sizes come from the environment, so that
/// `make bench` and a shell give them the same way.
const USAGE: &str = "kundvakt-bench (run by `make bench`) takes no arguments. It measures PRODUCT.md \
section 8's targets for several minutes and prints the table for docs/BENCHMARKS.md. Sizes come from \
the environment: KUNDVAKT_BENCH_CUSTOMERS (default 1000000), KUNDVAKT_BENCH_ORDERS (default five per \
customer), KUNDVAKT_BENCH_PG_CUSTOMERS (default 100000, with KUNDVAKT_TEST_PG the URL of a PostgreSQL \
cluster); KUNDVAKT_BENCH_SLOWEST=1 names the slowest searches.";

#[tokio::main(flavor = "multi_thread", worker_threads = 2)]
async fn main() {
    // `--help` once started the whole run: anything on the command line is answered instead.
    let args: Vec<String> = std::env::args().skip(1).collect();
    if !args.is_empty() {
        eprintln!("{USAGE}");
        std::process::exit(if args.iter().all(|a| a == "--help" || a == "-h") { 0 } else { 2 });
    }
    // Both halves' sizes are read before either runs.
    let cfg = kundvakt_bench::Config::from_env().unwrap_or_else(|e| refuse(&e));
    let postgres = std::env::var("KUNDVAKT_TEST_PG")
        .ok()
        .map(|admin| (admin, kundvakt_bench::Config::postgres_from_env().unwrap_or_else(|e| refuse(&e))));
    eprintln!("benchmark: {} customers, {} orders", cfg.customers, cfg.orders);
    let started = std::time::Instant::now();
    let outcome = kundvakt_bench::run(&cfg).await;
    print!("{}", kundvakt_bench::table(&outcome.rows));
    // PostgreSQL where a server is given (`make bench` starts a throw-away one).
    if let Some((admin, cfg)) = postgres {
        eprintln!("benchmark on PostgreSQL: {} customers, {} orders", cfg.customers, cfg.orders);
        let outcome = kundvakt_bench::run_postgres(&cfg, &admin).await;
        println!();
        print!("{}", kundvakt_bench::table(&outcome.rows));
    }
    eprintln!("the whole run took {:.0} s", started.elapsed().as_secs_f64());
}

/// A size in the environment that is no size: said before minutes are spent.
fn refuse(reason: &str) -> ! {
    eprintln!("kundvakt-bench: {reason}");
    std::process::exit(2)
}
