//! The command line (PRODUCT.md section 7). Parses, opens the register, calls
//! one core operation, prints. Exit codes: 0 success, 1 a user error (one line
//! naming the field or place), 2 an internal error.

/// `println!` for the command line's output. A reader that stops early
/// (`kundvakt ... | head`) closes the pipe: the program then ends quietly with
/// success instead of panicking on the failed write.
macro_rules! say {
    ($($arg:tt)*) => {{
        use std::io::Write as _;
        if let Err(e) = writeln!(std::io::stdout().lock(), $($arg)*) {
            if e.kind() == std::io::ErrorKind::BrokenPipe {
                std::process::exit(0);
            }
        }
    }};
}

mod assessments;
mod breach;
mod customer;
mod due;
mod erasure;
mod flags;
mod order;
mod output;
mod processing;
mod records;
mod register;
mod report;
mod request;
mod retention;
mod safety;
mod shared;
mod transfer;

use std::process::ExitCode;

use clap::{CommandFactory, FromArgMatches, Parser, Subcommand};
use kundvakt_core::{Error, Location, Message, OpenMode, Register};

#[derive(Debug, Parser)]
#[command(name = "kundvakt", version, about = "The customer register that keeps the GDPR and the bookkeeping law")]
pub struct Cli {
    /// The register: a file path, sqlite:PATH or postgres://URL [default: the shared register chosen in the app, else the register in your user data folder]
    #[arg(long, global = true, env = "KUNDVAKT_DB", value_name = "DB")]
    db: Option<String>,

    /// Who is working, for the audit trail [default: your user name]
    #[arg(long, global = true, env = "KUNDVAKT_ACTOR", value_name = "NAME")]
    actor: Option<String>,

    #[command(subcommand)]
    command: Option<Command>,
}

#[derive(Debug, Subcommand)]
enum Command {
    /// Create the register (with --demo: fill it with the demo shop)
    Init(register::InitArgs),
    /// Show or change the shop's settings
    #[command(subcommand)]
    Settings(register::SettingsCommand),
    /// Add, show, edit, search and list customers
    #[command(subcommand)]
    Customer(customer::CustomerCommand),
    /// Record orders, their invoices, reminders and credit notes, and their status
    #[command(subcommand)]
    Order(order::OrderCommand),
    /// Notes of calls, meetings, e-mails, letters, documents and web forms
    #[command(subcommand)]
    Interaction(records::InteractionCommand),
    /// Sign-ups for courses and events
    #[command(subcommand)]
    Signup(records::SignupCommand),
    /// A customer's activity on the web site (imported with `import web_events`)
    #[command(subcommand)]
    Web(records::WebCommand),
    /// The categories of data, legal bases, processors and recipients (Art. 30)
    #[command(subcommand)]
    Processing(processing::ProcessingCommand),
    /// Import customers or orders from a web shop's CSV export (Shopify, WooCommerce) or a generic CSV, or the web site's activity log
    Import(transfer::ImportArgs),
    /// The order history (CSV, JSON or SIE) and the invoices of a period, for the accountant
    #[command(subcommand)]
    Export(transfer::ExportCommand),
    /// Data-subject requests and their deadlines
    #[command(subcommand)]
    Request(request::RequestCommand),
    /// Access reports, portability exports, the letters of a request or a breach, the records of processing and of
    /// breaches, the privacy notice, and the summaries of sweeps
    #[command(subcommand)]
    Report(report::ReportCommand),
    /// What falls due under the retention rules, and the sweep that deletes it
    #[command(subcommand)]
    Retention(retention::RetentionCommand),
    /// Erase a customer (GDPR Art. 17): what no law keeps goes, accounting records stay restricted under a pseudonym
    Erase(erasure::EraseArgs),
    /// Restrict a customer's data (Art. 18) on one of its grounds
    Restrict(erasure::RestrictArgs),
    /// Lift a restriction, once the person has been told (Art. 18(3))
    Unrestrict(erasure::UnrestrictArgs),
    /// Consents given and withdrawn (Art. 7), and the mailing list of those who consent now
    #[command(subcommand)]
    Consent(erasure::ConsentCommand),
    /// Legal holds that keep records from deletion
    #[command(subcommand)]
    Hold(retention::HoldCommand),
    /// The record of personal data breaches and the 72 hours to notify them (GDPR Art. 33, 34)
    #[command(subcommand)]
    Breach(breach::BreachCommand),
    /// Read the audit trail, save it, and check its hash chain
    #[command(subcommand)]
    Audit(register::AuditCommand),
    /// Write a consistent copy of the register to FILE (an SQLite register file), or list the backups made
    Backup(safety::BackupArgs),
    /// Replace the register with a backup; erasures made since the backup are made again, the orders, invoices and notes for the books entered by hand since are kept, and voucher numbers issued since are not issued again
    Restore(safety::RestoreArgs),
    /// Encrypt the register, or change or remove its passphrase
    #[command(subcommand)]
    Passphrase(safety::PassphraseCommand),
    /// Which register this computer opens; a register shared by several computers (PostgreSQL)
    #[command(subcommand)]
    Shared(shared::SharedCommand),
}

fn actor(cli: &Cli) -> String {
    cli.actor
        .clone()
        .or_else(|| std::env::var("USER").ok())
        .or_else(|| std::env::var("USERNAME").ok())
        // An app started without a login shell's environment still has an account.
        .or_else(|| whoami::fallible::username().ok())
        .filter(|a| !a.trim().is_empty())
        .unwrap_or_else(|| "unknown".to_owned())
}

/// A refused command line in one line, as every user error: clap's first
/// paragraph (which names missing arguments on the lines after its first),
/// its tip where it has one (a flag spelt nearly so), and the help of the
/// subcommand that was typed, which lists its flags.
fn usage_error(rendered: &str) -> String {
    let first: Vec<&str> = rendered.lines().take_while(|l| !l.trim().is_empty()).map(str::trim).collect();
    let mut line = if first.is_empty() { "error: bad arguments".to_owned() } else { first.join(" ") };
    for tip in rendered.lines().map(str::trim).filter(|l| l.starts_with("tip:")) {
        line = format!("{line}; {tip}");
    }
    let command = rendered
        .lines()
        .find_map(|l| l.trim().strip_prefix("Usage: "))
        .map(|usage| usage.split_whitespace().take_while(|w| !w.starts_with(['[', '<', '-'])).collect::<Vec<_>>())
        .filter(|words| !words.is_empty())
        .map_or_else(|| "kundvakt".to_owned(), |words| words.join(" "));
    format!("{line} (see `{command} --help`)")
}

pub fn main() -> ExitCode {
    let root = Cli::command();
    let parsed = root.clone().try_get_matches().and_then(|m| Cli::from_arg_matches(&m).map(|cli| (cli, m)));
    let (cli, matches) = match parsed {
        Ok(parsed) => parsed,
        Err(e) => {
            use clap::error::ErrorKind::*;
            if matches!(e.kind(), DisplayHelp | DisplayVersion | DisplayHelpOnMissingArgumentOrSubcommand) {
                let _ = e.print();
                return ExitCode::SUCCESS;
            }
            eprintln!("{}", usage_error(&e.render().to_string()));
            return ExitCode::from(1);
        }
    };
    if cli.command.is_none() {
        return window(&cli);
    }
    let runtime = match tokio::runtime::Builder::new_multi_thread().worker_threads(2).enable_all().build() {
        Ok(rt) => rt,
        Err(e) => {
            eprintln!("internal error: cannot start: {e}");
            return ExitCode::from(2);
        }
    };
    match runtime.block_on(run(cli)) {
        Ok(()) => ExitCode::SUCCESS,
        Err(e) => {
            let e = flags::by_flags(e, &flags::invoked(&root, &matches));
            let mut line = e.to_string().replace('\n', " ");
            if let Some(how) = e.message().as_ref().and_then(output::commands_for) {
                line = format!("{line} ({how})");
            }
            if e.is_user() {
                eprintln!("error: {line}");
                ExitCode::from(1)
            } else {
                // An internal error says so itself.
                eprintln!("internal error: {}", line.strip_prefix("internal error: ").unwrap_or(&line));
                ExitCode::from(2)
            }
        }
    }
}

fn location(cli: &Cli) -> Result<Location, Error> {
    match &cli.db {
        Some(db) if !db.trim().is_empty() => Ok(Location::parse(db)),
        _ => crate::place::default_location(),
    }
}

/// The key of a register that `init --encrypt` creates (or opens, when it is encrypted already).
fn new_register_key(location: &Location) -> Result<Option<kundvakt_core::Passphrase>, Error> {
    use kundvakt_core::store::cipher::{file_state, FileState};
    match location {
        Location::Sqlite(path) => match file_state(path)? {
            FileState::Missing => safety::for_new_register().map(Some),
            FileState::Encrypted => safety::for_register(location),
            FileState::Foreign => Err(kundvakt_core::store::cipher::not_a_database(path)),
            FileState::Plain => Err(Error::Refused(Message::english(format!(
                "the register at {} exists and is not encrypted; `kundvakt passphrase change` encrypts it",
                path.display()
            )))),
        },
        Location::Postgres(_) => Err(Error::Refused(Message::english(
            "--encrypt is for SQLite registers; a PostgreSQL register is protected by its server",
        ))),
    }
}

/// No subcommand: the window.
#[cfg(feature = "gui")]
fn window(cli: &Cli) -> ExitCode {
    // Without a display the toolkit would panic; say what is wrong instead.
    #[cfg(all(unix, not(target_os = "macos")))]
    if std::env::var_os("DISPLAY").is_none() && std::env::var_os("WAYLAND_DISPLAY").is_none() {
        eprintln!("error: there is no display to open the window on; the command line works without one (see `kundvakt --help`)");
        return ExitCode::from(1);
    }
    match location(cli) {
        Ok(location) => crate::gui::run(location, named(cli), actor(cli)),
        Err(e) => {
            eprintln!("error: {e}");
            ExitCode::from(1)
        }
    }
}

#[cfg(not(feature = "gui"))]
fn window(_: &Cli) -> ExitCode {
    eprintln!("this kundvakt was built without the window (feature `gui`); see `kundvakt --help`");
    ExitCode::from(1)
}

/// Whether `--db` or `KUNDVAKT_DB` named the register (rather than this computer's choice).
fn named(cli: &Cli) -> bool {
    cli.db.as_deref().is_some_and(|db| !db.trim().is_empty())
}

async fn run(cli: Cli) -> Result<(), Error> {
    let location = location(&cli)?;
    let named = named(&cli);
    let actor = actor(&cli);
    let Some(command) = cli.command else {
        return Err(Error::Internal("no command".into()));
    };
    if let Command::Report(report::ReportCommand::Schema { out }) = &command {
        // The schemas are part of the program, not of a register.
        return report::run_schema(out);
    }
    if let Command::Audit(register::AuditCommand::Verify { file: Some(file), json }) = &command {
        // A saved file of the trail is checked on its own, by whoever was given it.
        return register::verify_file(file, *json);
    }
    // These two replace the register file: nothing may hold it open.
    let command = match command {
        Command::Passphrase(c) => return safety::passphrase(&location, &actor, c).await,
        Command::Restore(a) => return safety::restore(&location, &actor, a).await,
        // Which register to open is this computer's choice, made before opening one.
        Command::Shared(c) => return shared::run(&location, named, &actor, c).await,
        other => other,
    };
    let mode = if matches!(command, Command::Init(_)) { OpenMode::Create } else { OpenMode::Existing };
    let key = match &command {
        Command::Init(args) if args.encrypt => new_register_key(&location)?,
        _ => safety::for_register(&location)?,
    };
    let reg = Register::open_keyed(&location, mode, key.as_ref(), &actor).await?;
    // A change to what the privacy notice is made from leaves the one published behind: said once, when it does.
    // Only a word: a register that cannot say where its notice stands still does what it was asked.
    let notice = match command {
        Command::Settings(_) | Command::Processing(_) => reg.privacy_notice_state().await.ok(),
        _ => None,
    };
    let result = match command {
        Command::Init(args) => register::init(&reg, args).await,
        Command::Settings(c) => register::settings(&reg, c).await,
        Command::Customer(c) => customer::run(&reg, c).await,
        Command::Order(c) => order::run(&reg, c).await,
        Command::Interaction(c) => records::interaction(&reg, c).await,
        Command::Signup(c) => records::signup(&reg, c).await,
        Command::Web(c) => records::web(&reg, c).await,
        Command::Processing(c) => processing::run(&reg, c).await,
        Command::Request(c) => request::run(&reg, c).await,
        Command::Report(c) => report::run(&reg, c).await,
        Command::Retention(c) => retention::run(&reg, c).await,
        Command::Import(a) => transfer::import(&reg, a).await,
        Command::Export(c) => transfer::export(&reg, c).await,
        Command::Erase(a) => erasure::erase(&reg, a).await,
        Command::Restrict(a) => erasure::restrict(&reg, a).await,
        Command::Unrestrict(a) => erasure::unrestrict(&reg, a).await,
        Command::Consent(c) => erasure::consent(&reg, c).await,
        Command::Hold(c) => retention::hold(&reg, c).await,
        Command::Breach(c) => breach::run(&reg, c).await,
        Command::Audit(c) => register::audit(&reg, c).await,
        Command::Backup(args) => safety::backup(&reg, args).await,
        Command::Restore(_) | Command::Passphrase(_) | Command::Shared(_) => {
            Err(Error::Internal("handled before opening".into()))
        }
    };
    if let (Ok(()), Some(before)) = (&result, notice) {
        report::notice_outdated(&reg, &before).await;
    }
    reg.store().close().await;
    result
}

#[cfg(test)]
mod tests {
    use clap::CommandFactory;

    /// `kundvakt … --help` explains every argument of every command: the
    /// command line is documented by its help, and a shop owner's
    /// accountant reads it without the source.
    #[test]
    fn every_argument_has_a_help_text() {
        fn walk(cmd: &clap::Command, path: &str, missing: &mut Vec<String>) {
            for arg in cmd.get_arguments() {
                if arg.get_help().is_none() && !["help", "version"].contains(&arg.get_id().as_str()) {
                    missing.push(format!("{path} {}", arg.get_id()));
                }
            }
            for sub in cmd.get_subcommands() {
                if sub.get_about().is_none() {
                    missing.push(format!("{path} {} (the command)", sub.get_name()));
                }
                walk(sub, &format!("{path} {}", sub.get_name()), missing);
            }
        }
        let mut missing = vec![];
        walk(&super::Cli::command(), "kundvakt", &mut missing);
        assert!(missing.is_empty(), "arguments without a help text: {missing:#?}");
        // The walk reaches the nested commands.
        assert!(super::Cli::command().find_subcommand("retention").and_then(|r| r.find_subcommand("sweep")).is_some());
    }

    /// A refused command line points to the help of the subcommand typed,
    /// and keeps clap's tip of the flag meant.
    #[test]
    fn a_refused_command_line_names_its_subcommand_s_help() {
        let refused = |args: &[&str]| {
            let e = super::Cli::command().try_get_matches_from(args).expect_err("refused");
            super::usage_error(&e.render().to_string())
        };
        assert_eq!(
            refused(&["kundvakt", "customer", "add", "--name", "Åsa", "--emial", "a@b.se"]),
            "error: unexpected argument '--emial' found; tip: a similar argument exists: '--email' \
             (see `kundvakt customer add --help`)"
        );
        let missing = refused(&["kundvakt", "interaction", "add", "--customer", "1"]);
        assert!(missing.starts_with("error: the following required arguments were not provided:"), "{missing}");
        assert!(missing.ends_with("(see `kundvakt interaction add --help`)"), "{missing}");
        assert!(refused(&["kundvakt", "no-such"]).ends_with("(see `kundvakt --help`)"));
    }
}
