//! Times the benchmark's search queries on a register that exists already,
//! for work on search between runs of `make bench` (which builds its register
//! anew, some ten minutes at a million customers):
//!
//! ```text
//! cargo run --release -p kundvakt-bench --example search -- REGISTER.db [ROUNDS]
//! cargo run --release -p kundvakt-bench --example search -- REGISTER.db 1 "kund9"
//! ```
//!
//! The first form runs the benchmark's 1 000 queries `ROUNDS` times (the
//! first rounds warm the caches) and names the last round's slowest; the
//! second times one query three times. The figures of docs/BENCHMARKS.md come
//! from `make bench` alone.

use std::time::{Duration, Instant};

use kundvakt_core::{Location, OpenMode, Register};

#[tokio::main(flavor = "multi_thread", worker_threads = 2)]
async fn main() {
    let mut args = std::env::args().skip(1);
    let Some(path) = args.next() else {
        eprintln!("usage: search REGISTER.db [ROUNDS [QUERY]]");
        std::process::exit(2);
    };
    let rounds: usize = args.next().and_then(|r| r.parse().ok()).unwrap_or(3);
    let one = args.next();
    let reg = Register::open(&Location::Sqlite(path.into()), OpenMode::Existing, "bench").await.expect("open");
    let ms = |d: Duration| d.as_secs_f64() * 1e3;
    if let Some(q) = one {
        for _ in 0..3 {
            let start = Instant::now();
            let n = reg.search_customers(&q, 200).await.expect("search").len();
            println!("{q:?}: {n} in {:.2} ms", ms(start.elapsed()));
        }
        return;
    }
    let queries = kundvakt_bench::scale::queries(1000, 7);
    let mut last: Vec<(Duration, &String)> = vec![];
    for round in 0..rounds {
        last.clear();
        for q in &queries {
            let start = Instant::now();
            reg.search_customers(q, 200).await.expect("search");
            last.push((start.elapsed(), q));
        }
        let mut times: Vec<Duration> = last.iter().map(|(t, _)| *t).collect();
        times.sort();
        println!(
            "round {round}: p50 {:.2} ms, p99 {:.2} ms, max {:.2} ms",
            ms(times[500]),
            ms(times[990]),
            ms(times[999])
        );
    }
    last.sort();
    for (d, q) in last.iter().rev().take(15) {
        println!("slowest {q:?}: {:.1} ms", ms(*d));
    }
}
