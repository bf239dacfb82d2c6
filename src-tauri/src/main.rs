//! `kundvakt`: the desktop app and, with a subcommand, the command line.
//! Both are thin layers over `kundvakt-core`.

mod cli;
#[cfg(feature = "gui")]
mod gui;
mod place;

fn main() -> std::process::ExitCode {
    cli::main()
}
