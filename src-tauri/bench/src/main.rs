//! `make bench`: measures the targets of PRODUCT.md section 8 on this machine and
//! prints a Markdown table for docs/BENCHMARKS.md. Timings are medians and
//! maxima over repeated runs of the release build; nothing here is a test.

#[tokio::main(flavor = "multi_thread", worker_threads = 2)]
async fn main() {
    let cfg = kundvakt_bench::Config::from_env();
    eprintln!("benchmark: {} customers, {} orders", cfg.customers, cfg.orders);
    let started = std::time::Instant::now();
    let outcome = kundvakt_bench::run(&cfg).await;
    print!("{}", kundvakt_bench::table(&outcome.rows));
    eprintln!("the whole run took {:.0} s", started.elapsed().as_secs_f64());
}
