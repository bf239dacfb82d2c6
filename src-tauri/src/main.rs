//! `kundvakt`: the desktop app and, with a subcommand, the command line.
//! Both are thin layers over `kundvakt-core`.

mod cli;
#[cfg(feature = "gui")]
mod gui;
mod place;

// A large import allocates for every field of every row, and sqlx copies
// every bound value; with glibc's allocator that was about a tenth of an
// import of 200 000 customers (docs/BENCHMARKS.md). SQLite keeps the system's.
#[global_allocator]
static ALLOCATOR: mimalloc::MiMalloc = mimalloc::MiMalloc;

fn main() -> std::process::ExitCode {
    cli::main()
}
