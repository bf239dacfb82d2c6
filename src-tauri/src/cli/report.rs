//! `report access|portability|receipt|notice|erasure|erased|processing|privacy-notice|breaches|breach-letter|sweep|schema`: the documents.

use std::path::{Path, PathBuf};

use clap::{Args, Subcommand};
use kundvakt_core::files;
use kundvakt_core::reports::privacy::{NoticeFormat, NoticeState};
use kundvakt_core::reports::{self, Format, Generated};
use kundvakt_core::requests::{ListFilter, RequestKind, RequestState, RequestView};
use kundvakt_core::values::{BreachId, CustomerId, Language, RequestId};
use kundvakt_core::{Error, Register};

#[derive(Debug, Subcommand)]
pub enum ReportCommand {
    /// Everything held about a customer (GDPR Art. 15), as PDF for people or JSON for machines
    Access {
        /// The customer's id or customer number
        customer: String,
        /// pdf (for the person) or json (for machines)
        #[arg(long)]
        format: Format,
        #[command(flatten)]
        out: Target,
        /// sv, nb or en [default: the customer's language]
        #[arg(long)]
        lang: Option<Language>,
        /// The request this report answers
        #[arg(long)]
        request: Option<i64>,
    },
    /// The data a customer provided or that was observed about them (Art. 20), as JSON
    Portability {
        /// The customer's id or customer number
        customer: String,
        #[command(flatten)]
        out: Target,
        /// The request this export answers
        #[arg(long)]
        request: Option<i64>,
    },
    /// The receipt of a request, with its deadline (Art. 12(3))
    Receipt(RequestDocument),
    /// The notice of a request's extension (Art. 12(3)) or refusal (Art. 12(4)), with the reasons; to someone the
    /// register has no customer for, once answered, the answer that nothing of them is held (Art. 15(1))
    Notice(RequestDocument),
    /// The confirmation of what a request for erasure of some of a person's data erased (Art. 17(1)): the details
    /// removed, the notes, sign-ups and web activity erased, never what they held (a customer erased whole gets
    /// theirs from `erase`, and again from `report erased`)
    Erasure(RequestDocument),
    /// The erasure confirmation of a customer erased whole, made again as `erase` wrote it: for a
    /// person who asks again what was erased and what the law keeps, or whose copy was lost
    Erased {
        /// The erased customer's customer number (or id, or a web shop number of theirs)
        customer: String,
        /// pdf (for the person) or json (for machines)
        #[arg(long)]
        format: Format,
        #[command(flatten)]
        out: Target,
        /// A request of theirs made since, of any kind, that it goes with (it answers a request for access),
        /// recorded under it
        #[arg(long)]
        request: Option<i64>,
    },
    /// The records of processing activities (Art. 30)
    Processing(ShopDocument),
    /// The privacy notice (Art. 13, 14), for everyone whose data the shop collects: each category's purpose, legal
    /// basis, source, recipients and retention, and the person's rights; made from the same record of processing
    PrivacyNotice {
        /// pdf (to hand out or attach) or html (for the web shop's privacy page)
        #[arg(long)]
        format: NoticeFormat,
        #[command(flatten)]
        out: Target,
        /// sv, nb or en [default: the shop's language]
        #[arg(long)]
        lang: Option<Language>,
    },
    /// The record of personal data breaches (Art. 33(5)), every one, open and closed
    Breaches(ShopDocument),
    /// The summary of a retention sweep, made again: what it deleted, by kind and rule, under the periods then in
    /// force (`retention sweeps` lists them)
    Sweep {
        /// The sweep's number
        sweep: i64,
        #[command(flatten)]
        document: ShopDocument,
    },
    /// The letter to the people a breach concerns (Art. 34): what happened, what it may mean for
    /// them, what the shop does, whom to ask and where to complain; one per language written to
    BreachLetter {
        /// The breach's number
        breach: i64,
        /// Addressed to this customer (id or customer number), in their language unless --lang says otherwise
        #[arg(long)]
        customer: Option<String>,
        /// One letter to each customer the breach concerns (`breach concern`), in their languages,
        /// written into the folder --out names as breach-ID-NUMBER.pdf
        #[arg(long, conflicts_with = "customer")]
        concerned: bool,
        #[command(flatten)]
        document: ShopDocument,
    },
    /// Write the JSON Schemas of the documents into a folder
    Schema {
        /// The folder to write them into
        #[arg(long)]
        out: PathBuf,
    },
}

/// The file a document is written to. A file there already (a copy sent
/// to a person) is kept unless `--force` says to replace it.
#[derive(Debug, Args)]
pub struct Target {
    /// The file to write
    #[arg(long = "out", value_name = "FILE")]
    pub path: PathBuf,
    /// Replace the file if it exists
    #[arg(long)]
    pub force: bool,
}

impl Target {
    /// Checked before the document is made: making it may be recorded
    /// (a copy answering a request), and must not be where its file cannot be.
    pub fn check(&self) -> Result<(), Error> {
        if self.force {
            return files::check_target(&self.path);
        }
        files::check_new(&self.path, Some("or add --force to replace it"))
    }
}

/// A document of one request: its receipt, its notice or its erasure confirmation.
#[derive(Debug, Args)]
pub struct RequestDocument {
    /// The request's id
    request: i64,
    /// pdf or json
    #[arg(long)]
    format: Format,
    #[command(flatten)]
    out: Target,
    /// sv, nb or en [default: the customer's language]
    #[arg(long)]
    lang: Option<Language>,
}

/// A document of the shop's own records, in the shop's language by default.
#[derive(Debug, Args)]
pub struct ShopDocument {
    /// pdf or json
    #[arg(long)]
    format: Format,
    #[command(flatten)]
    out: Target,
    /// sv, nb or en [default: the shop's language]
    #[arg(long)]
    lang: Option<Language>,
}

/// After a document given to a person: where the settings leave the shop
/// nameless or unreachable, the document does not say who the controller is
/// or how to reach them (Art. 13(1)(a)), and the shop must know.
pub(super) async fn warn_if_nameless(reg: &Register) -> Result<(), Error> {
    let settings = reg.settings().await?;
    if let Some((setting, why)) = settings.controller_gap() {
        eprintln!("warning: {setting}: {why}");
    }
    // The document prints the shop's details as stored, wrong or not.
    for p in settings.problems().into_iter().filter(|p| p.key.starts_with("controller.")) {
        eprintln!("warning: {}: {} (the document prints it as stored)", p.key, p.message);
    }
    Ok(())
}

pub(super) fn save(g: &Generated, out: &Target) -> Result<(), Error> {
    let out = &out.path;
    files::write_whole(out, &g.bytes)?;
    say!("Wrote {} ({} {}, {} bytes, SHA-256 {}).", out.display(), g.kind, g.format, g.bytes.len(), g.digest);
    Ok(())
}

/// The letters of breach `id` in `format` that a folder holds already.
fn letters_in(dir: &Path, id: i64, format: Format) -> Result<Vec<String>, Error> {
    let entries =
        std::fs::read_dir(dir).map_err(|e| Error::File { path: dir.display().to_string(), reason: e.to_string() })?;
    let (prefix, suffix) = (format!("breach-{id}-"), format!(".{format}"));
    let mut names: Vec<String> = entries
        .filter_map(|e| e.ok())
        .map(|e| e.file_name().to_string_lossy().into_owned())
        .filter(|n| n.starts_with(&prefix) && n.ends_with(&suffix))
        .collect();
    names.sort();
    Ok(names)
}

/// Where the command's file goes can be written, before anything is made.
fn check_place(command: &ReportCommand) -> Result<(), Error> {
    match command {
        ReportCommand::Access { out, .. }
        | ReportCommand::Portability { out, .. }
        | ReportCommand::Erased { out, .. }
        | ReportCommand::PrivacyNotice { out, .. } => out.check(),
        ReportCommand::Receipt(d) | ReportCommand::Notice(d) | ReportCommand::Erasure(d) => d.out.check(),
        ReportCommand::Processing(d) | ReportCommand::Breaches(d) | ReportCommand::Sweep { document: d, .. } => {
            d.out.check()
        }
        ReportCommand::BreachLetter { breach, concerned: true, document: d, .. } => {
            files::check_folder(&d.out.path)?;
            let there = letters_in(&d.out.path, *breach, d.format)?;
            match there.first() {
                Some(first) if !d.out.force => Err(Error::File {
                    path: d.out.path.join(first).display().to_string(),
                    reason: format!(
                        "{} of breach {breach} there already: choose another folder, or add --force to replace them",
                        super::output::count(there.len(), "letter", "letters")
                    ),
                }),
                _ => Ok(()),
            }
        }
        ReportCommand::BreachLetter { document: d, .. } => d.out.check(),
        ReportCommand::Schema { .. } => Ok(()),
    }
}

pub async fn run(reg: &Register, command: ReportCommand) -> Result<(), Error> {
    check_place(&command)?;
    let names_the_shop = !matches!(command, ReportCommand::Breaches(_) | ReportCommand::Schema { .. });
    make(reg, command).await?;
    if names_the_shop {
        warn_if_nameless(reg).await?;
    }
    Ok(())
}

async fn make(reg: &Register, command: ReportCommand) -> Result<(), Error> {
    match command {
        ReportCommand::Access { customer, format, out, lang, request } => {
            let c = super::customer::find(reg, &customer).await?;
            let (g, past_due) = reg.access_report_telling(c.id, lang, request.map(RequestId), format).await?;
            save(&g, &out)?;
            hint_past_due(past_due, request.is_some());
            if request.is_none() {
                hint_request(reg, c.id, RequestKind::Access).await?;
            }
            Ok(())
        }
        ReportCommand::Portability { customer, out, request } => {
            let c = super::customer::find(reg, &customer).await?;
            save(&reg.portability_export(c.id, request.map(RequestId)).await?, &out)?;
            if request.is_none() {
                hint_request(reg, c.id, RequestKind::Portability).await?;
            }
            Ok(())
        }
        ReportCommand::Receipt(d) => save(&reg.request_receipt(RequestId(d.request), d.lang, d.format).await?, &d.out),
        ReportCommand::Notice(d) => save(&reg.request_notice(RequestId(d.request), d.lang, d.format).await?, &d.out),
        ReportCommand::Erasure(d) => {
            save(&reg.part_erasure_confirmation(RequestId(d.request), d.lang, d.format).await?, &d.out)
        }
        ReportCommand::Erased { customer, format, out, request } => {
            let c = super::customer::find(reg, &customer).await?;
            save(&reg.erasure_confirmation_again(c.id, format, request.map(RequestId)).await?, &out)
        }
        ReportCommand::Processing(d) => save(&reg.processing_records(d.lang, d.format).await?, &d.out),
        ReportCommand::PrivacyNotice { format, out, lang } => {
            let state = reg.save_privacy_notice(lang, format, &out.path).await?;
            say!(
                "Wrote {} (the privacy notice, {format}, dated {}, the last change to what it is made from): publish it where the shop collects personal data, on the web shop's privacy page (GDPR Art. 13, 14).",
                out.path.display(),
                shop_day(reg, state.changed_at).await?
            );
            Ok(())
        }
        ReportCommand::Breaches(d) => save(&reg.breach_record(d.lang, d.format).await?, &d.out),
        ReportCommand::Sweep { sweep, document: d } => save(&reg.sweep_summary(sweep, d.lang, d.format).await?, &d.out),
        ReportCommand::BreachLetter { breach, concerned: true, document: d, .. } => {
            let never = std::sync::atomic::AtomicBool::new(false);
            // A letter takes about a tenth of a second: a word every hundred, and at the end.
            let mut report = |p: kundvakt_core::breaches::LettersProgress| {
                if p.done.is_multiple_of(100) || p.done == p.total {
                    eprintln!("letters of breach {breach}: {} of {} customers", p.done, p.total);
                }
            };
            let letters =
                reg.breach_letters(BreachId(breach), &d.out.path, d.lang, d.format, &mut report, &never).await?;
            say!(
                "Wrote {} into {}.",
                super::output::count(letters.written.len(), "letter", "letters"),
                d.out.path.display()
            );
            if !letters.erased.is_empty() {
                eprintln!("note: no letter to the erased ({}): nothing is left to address", letters.erased.join(", "));
            }
            Ok(())
        }
        ReportCommand::BreachLetter { breach, customer, document: d, .. } => {
            let customer = match customer {
                Some(c) => Some(super::customer::find(reg, &c).await?.id),
                None => None,
            };
            save(&reg.breach_letter(BreachId(breach), customer, d.lang, d.format).await?, &d.out)
        }
        ReportCommand::Schema { out } => run_schema(&out),
    }
}

/// A copy made without `--request` answers none: where the customer has an
/// open request of `kind`, the one it was likely made for, say what is left
/// to do to answer it (the identity check first, Art. 12(6)), so that its
/// deadline does not run out unseen.
async fn hint_request(reg: &Register, customer: CustomerId, kind: RequestKind) -> Result<(), Error> {
    let today = reg.today().await?;
    let open = reg.list_requests(today, ListFilter { include_done: false }).await?;
    let theirs = |r: &&RequestView| r.customer == Some(customer) && r.kind == kind;
    for r in open.iter().filter(theirs) {
        let (id, due) = (r.id, r.due_date);
        if r.state == RequestState::Received {
            eprintln!(
                "note: this copy answers no request; request {id} ({kind}, due {due}) is open, its identity not yet checked (Art. 12(6)): `request verify {id}`, then add --request {id} to answer it"
            );
        } else {
            eprintln!("note: this copy answers no request; request {id} ({kind}, due {due}) is open: add --request {id} to answer it");
        }
    }
    Ok(())
}

/// The records the report tells the person are to be deleted: the shop
/// answers with what it held when asked, and deletes them after (the
/// sweep). Those a hold, a restriction or another open request keeps, the
/// report marks so.
fn hint_past_due(past: usize, answering: bool) {
    if past > 0 {
        let (records, have) = if past == 1 { ("record", "has") } else { ("records", "have") };
        let them = if past == 1 { "it" } else { "them" };
        let when = if answering {
            format!("once the request is answered, as nothing else keeps {them}")
        } else {
            format!("at its next run, as nothing keeps {them}")
        };
        eprintln!(
            "note: {past} {records} in the report {have} passed the end of {retention}: the report tells the person so; `kundvakt retention sweep` deletes {them} {when} (GDPR Art. 5(1)(e))",
            retention = if past == 1 { "its retention" } else { "their retention" },
        );
    }
}

pub fn run_schema(out: &std::path::Path) -> Result<(), Error> {
    for (name, schema) in reports::schemas() {
        let mut text = serde_json::to_string_pretty(&schema).map_err(|e| Error::Internal(e.to_string()))?;
        text.push('\n');
        let path = out.join(name);
        files::write_whole(&path, text.as_bytes())?;
        say!("Wrote {}.", path.display());
    }
    Ok(())
}

/// Says, on stderr, that the privacy notice saved last no longer says what
/// the shop does, once a change (`before` was the state ahead of it) made it
/// so: the published one is to be written and published again (Art. 12(1), 13).
pub(crate) async fn notice_outdated(reg: &Register, before: &NoticeState) {
    let Ok(now) = reg.privacy_notice_state().await else { return };
    if let (false, true, Some(saved)) = (before.outdated, now.outdated, &now.saved) {
        let day = shop_day(reg, saved.at).await.map_or_else(|_| saved.at.date_naive().to_string(), |d| d.to_string());
        eprintln!(
            "note: the privacy notice saved on {day} no longer says this: write it again (`kundvakt report privacy-notice`) and publish it."
        );
    }
}

/// Where the privacy notice stands, in a sentence: the day it carries, and
/// when it was last saved, or that a change since has left that one behind.
pub(crate) async fn notice_said(reg: &Register) -> Result<String, Error> {
    let state = reg.privacy_notice_state().await?;
    let dated = shop_day(reg, state.changed_at).await?;
    let saved = match &state.saved {
        None => "not saved from this register yet (`kundvakt report privacy-notice`)".to_owned(),
        Some(s) if state.outdated => format!(
            "last saved on {} by {}, before that change: write it again (`kundvakt report privacy-notice`) and publish it",
            shop_day(reg, s.at).await?,
            s.by
        ),
        Some(s) => format!("last saved on {} by {}", shop_day(reg, s.at).await?, s.by),
    };
    Ok(format!("Privacy notice: dated {dated}, the last change to what it is made from; {saved}."))
}

/// The day `at` falls on, on the shop's clock.
async fn shop_day(reg: &Register, at: chrono::DateTime<chrono::Utc>) -> Result<chrono::NaiveDate, Error> {
    Ok(reg.settings().await?.day_of(at))
}
