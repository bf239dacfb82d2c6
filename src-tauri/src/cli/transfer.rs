//! `import customers|orders|web_events FILE` and `export orders|invoices`: the shop's
//! files in, the accountant's file out.

use std::path::PathBuf;
use std::sync::atomic::AtomicBool;

use chrono::NaiveDate;
use clap::{Args, Subcommand};
use kundvakt_core::export::ExportFormat;
use kundvakt_core::import::{formats, Field, ImportFormat, ImportKind, ImportOptions, ImportReport};
use kundvakt_core::{Error, Message, Register};

use super::order::parse_date;
use super::output;

#[derive(Debug, Args)]
pub struct ImportArgs {
    /// customers, orders, or web_events (the web site's log of signed-in visitors' actions)
    kind: ImportKind,
    /// The CSV file (UTF-8, Windows-1252, Mac OS Roman or UTF-16; `,` `;` or tab)
    file: PathBuf,
    /// generic, shopify or woocommerce [default: recognised from the header]
    #[arg(long)]
    format: Option<ImportFormat>,
    /// Which field a column holds, such as --map "E-post=email"; "COLUMN=" leaves it out (repeatable)
    #[arg(long, value_name = "COLUMN=FIELD", value_parser = parse_map)]
    map: Vec<(String, Option<Field>)>,
    /// Import the valid rows and write the others to FILE.rejected.csv beside the input
    #[arg(long)]
    skip_invalid: bool,
    /// Check every row, change nothing
    #[arg(long)]
    dry_run: bool,
    /// Print the answer as JSON (for scripts) instead of text
    #[arg(long)]
    json: bool,
}

fn parse_map(text: &str) -> Result<(String, Option<Field>), String> {
    formats::parse_override(text).map_err(|e| e.to_string())
}

#[derive(Debug, Subcommand)]
pub enum ExportCommand {
    /// The order history of a period for the accountant, one row per order line
    Orders(ExportArgs),
    /// The invoices, reminders and credit notes issued in a period (csv or json)
    Invoices(ExportArgs),
}

#[derive(Debug, Args)]
pub struct ExportArgs {
    /// The financial year that begins in this year (the shop's start month)
    #[arg(long, conflicts_with_all = ["from", "to"], required_unless_present_all = ["from", "to"])]
    fiscal_year: Option<i32>,
    /// The first day of the period, YYYY-MM-DD (with --to)
    #[arg(long, value_parser = parse_date, requires = "to")]
    from: Option<NaiveDate>,
    /// The last day of the period, YYYY-MM-DD (included)
    #[arg(long, value_parser = parse_date, requires = "from")]
    to: Option<NaiveDate>,
    /// csv (UTF-8 with BOM, `;`), json, or (orders) sie: SIE 4I vouchers for a Swedish bookkeeping program, in SEK
    #[arg(long)]
    format: ExportFormat,
    #[command(flatten)]
    out: super::report::Target,
    /// Write amounts with a decimal comma (CSV)
    #[arg(long)]
    decimal_comma: bool,
    /// Print the answer as JSON (for scripts) instead of text
    #[arg(long)]
    json: bool,
}

fn print_report(r: &ImportReport) {
    let delimiter = if r.source.delimiter == "\t" { "tab".to_owned() } else { format!("`{}`", r.source.delimiter) };
    // An import that did not land (a dry run, or refused for its bad rows) counts what it
    // would have done: "1 added" above "nothing was imported" reads as a contradiction.
    let would = if r.committed { "" } else { "would be " };
    say!(
        "{}: {} file, {}, {} delimiter; {} row{}: {} {would}added, {} updated, {} unchanged, {} skipped, {} rejected.",
        r.file,
        r.format,
        r.source.encoding,
        delimiter,
        r.rows,
        if r.rows == 1 { "" } else { "s" },
        r.added,
        r.updated,
        r.unchanged,
        r.skipped,
        r.rejected
    );
    // The mailing list made from the register changes with them (Art. 7(3)): said, in numbers.
    if r.consents_given + r.consents_withdrawn > 0 {
        say!(
            "Consents from the web shop: {} {would}recorded, {} {would}withdrawn.",
            r.consents_given,
            r.consents_withdrawn
        );
    }
    // A column the format does not know is left out without a word otherwise: name them, so
    // that one holding something wanted (an address under another name) can be mapped.
    let left_out: Vec<&str> = r.mapping.columns.iter().filter(|(_, f)| f.is_none()).map(|(h, _)| h.as_str()).collect();
    if !left_out.is_empty() {
        say!("Not imported (map them with --map COLUMN=FIELD): {}.", left_out.join(", "));
    }
    for n in &r.notices {
        say!("{}", n.display(&r.file));
    }
}

pub async fn import(reg: &Register, args: ImportArgs) -> Result<(), Error> {
    let options = ImportOptions {
        format: args.format,
        map: args.map,
        skip_invalid: args.skip_invalid,
        dry_run: args.dry_run,
        language: None,
    };
    let cancel = AtomicBool::new(false);
    let report = reg.import(&args.file, args.kind, &options, &mut |_| {}, &cancel).await?;
    if args.json {
        output::json(&report)?;
    } else {
        print_report(&report);
        if let Some(f) = &report.rejected_file {
            say!("The rejected rows are in {f}.");
        }
    }
    let shown = report.problems.len() as u64;
    for p in &report.problems {
        eprintln!("{}", p.display(&args.file.display().to_string()));
    }
    match report.problem_count.saturating_sub(shown) {
        0 => {}
        1 => eprintln!("... and 1 more problem"),
        more => eprintln!("... and {more} more problems"),
    }
    if report.problem_count > 0 && !args.skip_invalid {
        // No row set aside: the header names no column a row needs, and no row was read.
        let rows = match report.rejected {
            0 => "its header has a problem".to_owned(),
            1 => "1 row has a problem".to_owned(),
            n => format!("{n} rows have problems"),
        };
        return Err(Error::invalid(
            args.file.display().to_string(),
            Message::english(format!("{rows}; nothing was imported")),
        ));
    }
    if args.dry_run && !args.json {
        say!("Dry run: nothing was changed.");
    }
    Ok(())
}

pub async fn export(reg: &Register, command: ExportCommand) -> Result<(), Error> {
    let (ExportCommand::Orders(args) | ExportCommand::Invoices(args)) = &command;
    let (from, to) = match (args.fiscal_year, args.from, args.to) {
        (Some(y), _, _) => reg.fiscal_year(y).await?,
        (None, Some(f), Some(t)) => (f, t),
        _ => return Err(Error::invalid("--fiscal-year", Message::english("give --fiscal-year, or --from and --to"))),
    };
    args.out.check()?;
    let gross = |totals: Vec<String>| if totals.is_empty() { "0".to_owned() } else { totals.join(", ") };
    if let ExportCommand::Invoices(args) = &command {
        let s = reg.export_invoices(from, to, args.format, args.decimal_comma, &args.out.path).await?;
        if args.json {
            return output::json(&s);
        }
        let totals = s.totals.iter().map(|t| format!("{} {}", t.gross.to_decimal_string(), t.gross.currency)).collect();
        say!(
            "Wrote {} ({}, {} to {}; invoiced less credited {}; SHA-256 {}).",
            s.path,
            output::count(s.rows, "invoice, reminder or credit note", "invoices, reminders and credit notes"),
            s.from,
            s.to,
            gross(totals),
            s.digest
        );
        return Ok(());
    }
    let s = reg.export_orders(from, to, args.format, args.decimal_comma, &args.out.path).await?;
    if args.json {
        return output::json(&s);
    }
    let totals = s.totals.iter().map(|t| format!("{} {}", t.gross.to_decimal_string(), t.gross.currency)).collect();
    if args.format == ExportFormat::Sie {
        say!(
            "Wrote {} ({}: {} and {}, {} to {}; {} without a credit note left out; orders' gross {}; SHA-256 {}).",
            s.path,
            output::count(s.rows, "voucher", "vouchers"),
            output::count(s.orders, "order", "orders"),
            output::count(s.credit_notes, "credit note", "credit notes"),
            s.from,
            s.to,
            output::count(s.left_out, "cancelled order", "cancelled orders"),
            gross(totals),
            s.digest
        );
        return Ok(());
    }
    say!(
        "Wrote {} ({}, {}, {} to {}; gross {}; SHA-256 {}).",
        s.path,
        output::count(s.orders, "order", "orders"),
        output::count(s.rows, "row", "rows"),
        s.from,
        s.to,
        gross(totals),
        s.digest
    );
    Ok(())
}
