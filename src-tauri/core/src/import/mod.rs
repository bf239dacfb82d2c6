//! Getting a web shop's customers and orders in (the import issue), and the
//! web site's log of its visitors' activity.
//!
//! One pass over the file, inside one transaction: each row is read and
//! checked (on a thread of its own, [`rows`], a few hundred rows ahead) and
//! written; a problem is recorded as `file:line: column: reason`. At the end
//! the import is all or nothing: any problem and the transaction rolls back, so
//! the register is exactly as before. With `skip_invalid` the good rows land and
//! the rejected ones are written beside the input. Rows are matched on the
//! shop's customer or order number, then the e-mail, so importing a file again
//! changes nothing; a person who was erased is recognised (by number, or by the
//! keyed digest of their e-mail) and not brought back. The file is streamed.

mod consents;
mod customers;
pub mod formats;
mod orders;
pub mod read;
mod rejected;
mod rows;
pub mod values;
mod web;

use std::path::Path;
use std::sync::atomic::{AtomicBool, Ordering};

use serde::Serialize;

use crate::audit::to_json as json;
use crate::audit::Action;
use crate::error::{Error, Result};
use crate::i18n::Translator;
use crate::message::Message;
use crate::msg;
use crate::register::customer::Problems;
use crate::register::Customer;
use crate::store::{self, WriteTx};
use crate::values::Language;
use crate::Register;
pub use formats::{Field, ImportFormat, ImportKind, Mapping};
pub use read::{Source, TextEncoding};

/// How to import.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct ImportOptions {
    /// The format; `None`: recognised from the header.
    pub format: Option<ImportFormat>,
    /// `COLUMN=FIELD` overrides of the format's mapping (`None`: leave the column out).
    pub map: Vec<(String, Option<Field>)>,
    /// Land the valid rows and write the rejected ones beside the input.
    pub skip_invalid: bool,
    /// Check everything, change nothing.
    pub dry_run: bool,
    /// The language the rows set aside say what is wrong in: the person's
    /// who mends them (the window's); `None`, the register's.
    pub language: Option<Language>,
}

/// A row that cannot be imported, or a row skipped on purpose (a notice).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, schemars::JsonSchema)]
pub struct Problem {
    pub line: u64,
    pub column: String,
    /// In English, as the command line prints it.
    pub message: String,
    /// The same, for the app to say in the window's language.
    pub reason: Message,
}

impl Problem {
    pub(crate) fn new(line: u64, column: String, reason: Message) -> Self {
        Problem { line, column, message: reason.to_string(), reason }
    }

    /// "kunder.csv:14: E-post: ..." as the import issue asks.
    pub fn display(&self, file: &str) -> String {
        format!("{file}:{}: {}: {}", self.line, self.column, self.message)
    }
}

/// At most this many problems and notices are kept for showing; all are counted.
const SHOWN: usize = 1000;

#[derive(Debug, Clone, PartialEq, Eq, Serialize, schemars::JsonSchema)]
pub struct ImportReport {
    pub file: String,
    pub source: Source,
    pub kind: ImportKind,
    pub format: ImportFormat,
    pub mapping: Mapping,
    /// Records read (an order spanning several rows counts each).
    pub rows: u64,
    pub added: u64,
    pub updated: u64,
    pub unchanged: u64,
    /// People who were erased, or are restricted, and so were not imported.
    pub skipped: u64,
    pub rejected: u64,
    /// Consents the file's marketing columns gave ("yes" where the register
    /// had none standing) and withdrew ("no"), see `import::consents`.
    pub consents_given: u64,
    pub consents_withdrawn: u64,
    pub problem_count: u64,
    pub problems: Vec<Problem>,
    /// Rows skipped on purpose (erased or restricted people), with why,
    /// rows found by e-mail as a customer the file names by another number,
    /// and rows whose "yes" met a consent withdrawn in the register.
    pub notices: Vec<Problem>,
    /// The first rows as read, for the app's preview.
    pub sample: Vec<Vec<String>>,
    pub dry_run: bool,
    /// Whether the register changed.
    pub committed: bool,
    pub rejected_file: Option<String>,
}

/// How far an import has got.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, schemars::JsonSchema)]
pub struct ImportProgress {
    pub rows: u64,
    pub bytes: u64,
    pub total_bytes: u64,
}

/// What happened to one row or order.
pub(crate) enum Outcome {
    Added,
    Updated,
    Unchanged,
    Skipped(Message),
    /// Updated, and said so: a row that named a known customer by another
    /// number, whose number was kept as the shop's (`import::customers`).
    Matched(Message),
    /// What happened, and what the shop should know of it: a row whose
    /// "yes" met a consent the person withdrew in the register, or whose
    /// "no" withdrew one given another way than in the web shop.
    Noted(Box<Outcome>, Message),
}

/// A row's problem before its line is known.
pub(crate) struct RowError {
    pub column: String,
    pub message: Message,
}

impl RowError {
    pub fn new(column: impl Into<String>, message: Message) -> Self {
        RowError { column: column.into(), message }
    }

    /// A core error about a field, told about the column that held it.
    pub fn from_error(e: Error, mapping: &Mapping) -> std::result::Result<Self, Error> {
        match e {
            Error::Invalid { place, message } | Error::Duplicate { place, message } => {
                let field =
                    if place.0 == "number" { Some(Field::CustomerNumber) } else { place.0.parse::<Field>().ok() };
                Ok(RowError::new(field.map(|f| mapping.column(f)).unwrap_or(place.0), message))
            }
            Error::Refused(message) => Ok(RowError::new("-", message)),
            other => Err(other),
        }
    }

    /// Every problem a row's check found, told about their columns.
    pub fn from_problems(problems: Problems, mapping: &Mapping) -> Result<Vec<Self>> {
        problems.into_vec().into_iter().map(|e| RowError::from_error(e, mapping)).collect()
    }
}

/// Where an import is, while it runs.
pub(crate) struct Run<'a> {
    pub report: ImportReport,
    rejected: Option<rejected::Rejected>,
    pub mapping: &'a Mapping,
}

impl Run<'_> {
    fn count(&mut self, outcome: Outcome, line: u64) {
        match outcome {
            Outcome::Added => self.report.added += 1,
            Outcome::Updated => self.report.updated += 1,
            Outcome::Unchanged => self.report.unchanged += 1,
            Outcome::Skipped(why) => {
                self.report.skipped += 1;
                self.notice(line, why);
            }
            Outcome::Matched(how) => {
                self.report.updated += 1;
                self.notice(line, how);
            }
            Outcome::Noted(outcome, note) => {
                self.count(*outcome, line);
                self.notice(line, note);
            }
        }
    }

    fn notice(&mut self, line: u64, message: Message) {
        if self.report.notices.len() < SHOWN {
            self.report.notices.push(Problem::new(line, "-".into(), message));
        }
    }

    /// Sets a row aside (an order: its rows) with every problem found in it,
    /// each at its line; the first problem's line is the row's.
    fn reject(&mut self, problems: Vec<(u64, RowError)>, records: &[csv::StringRecord]) -> Result<()> {
        let mut problems: Vec<(u64, RowError)> =
            problems.into_iter().map(|(line, e)| (line, spanning(e, line, records, self.mapping))).collect();
        // As the file has them: by line, then from left to right.
        let place = |column: &str| self.mapping.columns.iter().position(|(c, _)| c == column).unwrap_or(usize::MAX);
        problems.sort_by_key(|(line, e)| (*line, place(&e.column)));
        self.report.problem_count += problems.len() as u64;
        self.report.rejected += 1;
        for (line, e) in &problems {
            if self.report.problems.len() < SHOWN {
                self.report.problems.push(Problem::new(*line, e.column.clone(), e.message.clone()));
            }
        }
        match &mut self.rejected {
            Some(file) => file.write(&problems, records),
            None => Ok(()),
        }
    }
}

/// A row's problems, each at the row's line.
fn at(line: u64, problems: Vec<RowError>) -> Vec<(u64, RowError)> {
    problems.into_iter().map(|e| (line, e)).collect()
}

/// A field found wrong that runs over several lines most likely holds a
/// quote meant to be closed on its first line: the reader took the lines
/// after it into the field, up to the next quote. Said so, with the lines,
/// in place of what the field's value then broke (a line break in a name,
/// a date that is no date). A quote never closed is told as such already.
fn spanning(e: RowError, line: u64, records: &[csv::StringRecord], mapping: &Mapping) -> RowError {
    let [record] = records else { return e };
    let column = mapping.columns.iter().position(|(c, _)| *c == e.column);
    let Some((i, field)) = column.and_then(|i| record.get(i).map(|f| (i, f))) else { return e };
    let inside = read::breaks(field);
    if inside == 0 || e.message.key == "msg-open-quote" {
        return e;
    }
    let first = line + record.iter().take(i).map(read::breaks).sum::<u64>();
    RowError::new(e.column, msg!("msg-spans-lines", first, last = first + inside))
}

fn csv_problem(file: &Path, e: &csv::Error) -> Error {
    if let Some(long) = read::too_long(file, e) {
        return long;
    }
    let line = e.position().map(|p| p.line()).unwrap_or(0);
    Error::invalid(format!("{}:{line}", file.display()), msg!("msg-unreadable-row", detail = e))
}

/// Rows written from which an import is a bulk load, after which a
/// PostgreSQL register's tables are vacuumed and analysed: its autovacuum
/// comes to a table from this many changes (its base threshold) as well.
const BULK: u64 = 1000;

impl Register {
    /// Imports `kind` from the CSV file at `path`. `progress` hears every
    /// thousand rows; setting `cancel` stops the import with nothing changed.
    pub async fn import(
        &self,
        path: &Path,
        kind: ImportKind,
        options: &ImportOptions,
        progress: &mut (dyn FnMut(ImportProgress) + Send),
        cancel: &AtomicBool,
    ) -> Result<ImportReport> {
        let source = Source::inspect(path)?;
        let (mut reader, lines) = source.reader()?;
        let header: Vec<String> =
            reader.headers().map_err(|e| csv_problem(path, &e))?.iter().map(str::to_owned).collect();
        // Web activity comes from the site's own log, never from a shop platform's export.
        let format = match (options.format, kind) {
            (Some(format), _) => format,
            (None, ImportKind::WebEvents) => ImportFormat::Generic,
            (None, _) => formats::detect(&header),
        };
        let mapping = Mapping::new(&header, format, kind, &options.map)?;
        // A preview still shows the columns and rows, so that the missing field can be mapped.
        let unmapped = match mapping.check(kind) {
            Err(Error::Invalid { place, message }) if !options.dry_run => {
                return Err(Error::invalid(format!("{}:1: {place}", path.display()), message));
            }
            checked => checked.err(),
        };
        if !options.dry_run {
            self.rotate_backup(crate::backup::BackupPurpose::Import).await?;
        }
        let settings = self.settings().await?;
        let key = crate::store::erasure::stored_key(self.store(), "erasure").await?;
        let file = path.file_name().map(|f| f.to_string_lossy().into_owned()).unwrap_or_default();
        let rejected = if options.skip_invalid && !options.dry_run {
            let language = options.language.unwrap_or(settings.language());
            Some(rejected::Rejected::create(&source, &header, Translator::new(language))?)
        } else {
            None
        };
        let mut run = Run {
            report: ImportReport {
                file: file.clone(),
                source: source.clone(),
                kind,
                format,
                mapping: mapping.clone(),
                rows: 0,
                added: 0,
                updated: 0,
                unchanged: 0,
                skipped: 0,
                rejected: 0,
                consents_given: 0,
                consents_withdrawn: 0,
                problem_count: 0,
                problems: vec![],
                notices: vec![],
                sample: vec![],
                dry_run: options.dry_run,
                committed: false,
                rejected_file: None,
            },
            rejected,
            mapping: &mapping,
        };
        let check = (kind == ImportKind::Customers && unmapped.is_none()).then(|| rows::CustomerCheck {
            mapping: mapping.clone(),
            country: settings.country(),
            language: settings.language(),
        });
        let mut rows = rows::Rows::start(reader, lines, path.to_path_buf(), check);
        let mut tx = self.store().begin(self.actor()).await?;
        let tally = consents::Tally::default();
        let context = Context { settings: &settings, erasure_key: key.as_deref(), consents: &tally };
        let mut group = orders::Group::default();
        let mut batch = customers::Batch::with_capacity(customers::BATCH);
        let mut open_quote = None;
        while let Some(item) = rows.next().await? {
            let row = match item {
                rows::Item::Row(row) => row,
                rows::Item::Unreadable { line, detail } => {
                    run.reject(vec![(line, RowError::new("-", msg!("msg-unreadable-row", detail)))], &[])?;
                    continue;
                }
                // The last row: told after the rows before it, in the file's order.
                rows::Item::OpenQuote { quote, record } => {
                    open_quote = Some((quote, record));
                    continue;
                }
            };
            let (at_byte, line) = (row.at_byte, row.line);
            run.report.rows += 1;
            if run.report.sample.len() < 5 {
                run.report.sample.push(row.record.iter().map(str::to_owned).collect());
            }
            if unmapped.is_some() {
                continue;
            }
            match (kind, row.customer) {
                (ImportKind::Customers, Some(checked)) => {
                    batch.push((row.record, line, checked));
                    if batch.len() == customers::BATCH {
                        customers::import_batch(&mut tx, &context, &mapping, &mut run, std::mem::take(&mut batch))
                            .await?;
                    }
                }
                (ImportKind::Customers, None) => {
                    return Err(Error::Internal("a customer row read without its check".into()));
                }
                (ImportKind::Orders, _) => {
                    if let Some(finished) = group.push(&mapping, row.record, line) {
                        orders::import_group(&mut tx, &context, &mut run, finished).await?;
                    }
                }
                (ImportKind::WebEvents, _) => match web::import_row(&mut tx, &context, &mapping, &row.record).await? {
                    Ok(outcome) => run.count(outcome, line),
                    Err(problems) => run.reject(at(line, problems), std::slice::from_ref(&row.record))?,
                },
            }
            if run.report.rows.is_multiple_of(1000) {
                if cancel.load(Ordering::Relaxed) {
                    tx.rollback().await?;
                    return Err(Error::Refused(msg!("msg-import-cancelled")));
                }
                let bytes = source.file_offset(at_byte);
                progress(ImportProgress { rows: run.report.rows, bytes, total_bytes: source.bytes });
            }
        }
        if let Some(finished) = group.finish() {
            orders::import_group(&mut tx, &context, &mut run, finished).await?;
        }
        if !batch.is_empty() {
            customers::import_batch(&mut tx, &context, &mapping, &mut run, batch).await?;
        }
        if let Some((quote, record)) = open_quote {
            run.report.rows += 1;
            let column = header.get(record.len().saturating_sub(1)).map_or("-", String::as_str);
            let message = msg!("msg-open-quote", last = quote.last_line);
            run.reject(vec![(quote.line, RowError::new(column, message))], std::slice::from_ref(&record))?;
        }
        progress(ImportProgress { rows: run.report.rows, bytes: source.bytes, total_bytes: source.bytes });
        if let Some(e) = unmapped {
            let reason = match e {
                Error::Invalid { message, .. } => message,
                other => return Err(other),
            };
            run.report.problem_count += 1;
            run.report.problems.push(Problem::new(1, "header".into(), reason));
        }
        run.report.consents_given = tally.given.into_inner();
        run.report.consents_withdrawn = tally.withdrawn.into_inner();
        let refused = run.report.problem_count > 0 && !options.skip_invalid;
        if refused || options.dry_run {
            tx.rollback().await?;
            return Ok(run.report);
        }
        audit_import(&mut tx, &run.report).await?;
        tx.commit().await?;
        run.report.committed = true;
        // A bulk load leaves PostgreSQL's statistics behind (store/statistics.rs).
        // Only an aid: the rows are in, whether or not the tables settle now.
        if run.report.added + run.report.updated >= BULK {
            let _ = self.store().settle_imported().await;
        }
        if let Some(file) = run.rejected.take() {
            let any = run.report.rejected > 0;
            run.report.rejected_file = file.finish(any)?.map(|p| p.display().to_string());
        }
        Ok(run.report)
    }
}

/// Whom a row of orders or web activity is about.
pub(crate) enum Named {
    Customer(Box<Customer>),
    /// Someone erased, recognised by the keyed digest of their e-mail: their
    /// data is not brought back (Art. 17).
    Erased,
    Missing(RowError),
}

/// The customer a row names: by the shop's customer number, else by e-mail
/// (a guest order in WooCommerce has customer_id 0: the e-mail finds the person).
pub(crate) async fn named_customer(
    tx: &mut WriteTx,
    cx: &Context<'_>,
    m: &Mapping,
    record: &csv::StringRecord,
) -> Result<Named> {
    let by_number = match m.get(record, Field::CustomerNumber) {
        Some((number, _)) => store::customers::by_number_tx(tx, number).await?,
        None => None,
    };
    let email = m.get(record, Field::CustomerEmail);
    let found = match (by_number, email) {
        (Some(c), _) => Some(c),
        (None, Some((email, _))) => store::customers::by_email_tx(tx, email).await?,
        (None, None) => None,
    };
    if let Some(c) = found {
        return Ok(Named::Customer(Box::new(c)));
    }
    if let (Some(key), Some((email, _))) = (cx.erasure_key, email) {
        let digest = crate::retention::erasure::email_digest(key, email);
        // The address of a customer merged into another, which the merge did
        // not keep (migration 44): the order is the person's.
        if let Some((kept, _)) = store::merges::of_email_digest(tx, &digest).await? {
            return Ok(match kept.state {
                crate::register::CustomerState::Erased => Named::Erased,
                _ => Named::Customer(Box::new(kept)),
            });
        }
        if store::erasure::erased_email_tx(tx, &digest).await? {
            return Ok(Named::Erased);
        }
    }
    Ok(Named::Missing(match m.get(record, Field::CustomerNumber).or(email) {
        Some((value, column)) => RowError::new(column, msg!("msg-no-such-customer", value)),
        None => RowError::new(m.column(Field::CustomerNumber), msg!("msg-row-names-no-customer")),
    }))
}

/// What every row's handling needs.
pub(crate) struct Context<'a> {
    pub settings: &'a crate::settings::Settings,
    pub erasure_key: Option<&'a str>,
    /// The consents the rows give and withdraw, counted.
    pub consents: &'a consents::Tally,
}

async fn audit_import(tx: &mut WriteTx, r: &ImportReport) -> Result<()> {
    let about = serde_json::json!({
        "file": r.file, "digest": r.source.digest, "kind": r.kind, "format": r.format,
        "rows": r.rows, "added": r.added, "updated": r.updated, "unchanged": r.unchanged,
        "skipped": r.skipped, "rejected": r.rejected,
        "consents_given": r.consents_given, "consents_withdrawn": r.consents_withdrawn,
    });
    tx.audit(Action::ImportRun, "import", &r.source.digest[..16], None, None, Some(&json(&about)?)).await
}
