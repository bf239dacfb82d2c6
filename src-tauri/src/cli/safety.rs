//! Passphrases, `passphrase change`, `backup` and `restore`: keeping the
//! register safe (GDPR Art. 32).
//!
//! A passphrase comes from the environment (for scripts: `KUNDVAKT_PASSPHRASE`,
//! and `KUNDVAKT_NEW_PASSPHRASE` for a new one) or from a prompt on the
//! terminal that does not echo it; it is never an argument, which other users
//! of the computer could read in the process list.

use std::io::IsTerminal;
use std::path::{Path, PathBuf};

use clap::{Args, Subcommand};
use kundvakt_core::store::cipher::{file_state, FileState};
use kundvakt_core::{Error, Location, Message, Passphrase, Register};

use super::output;

const PASSPHRASE_ENV: &str = "KUNDVAKT_PASSPHRASE";
const NEW_PASSPHRASE_ENV: &str = "KUNDVAKT_NEW_PASSPHRASE";
const BACKUP_PASSPHRASE_ENV: &str = "KUNDVAKT_BACKUP_PASSPHRASE";

fn from_env(var: &str) -> Result<Option<Passphrase>, Error> {
    match std::env::var(var) {
        Ok(text) if !text.is_empty() => Passphrase::new(text).map(Some),
        _ => Ok(None),
    }
}

fn prompt_text(question: &str) -> Result<String, Error> {
    rpassword::prompt_password(question).map_err(|e| Error::Internal(format!("reading the passphrase: {e}")))
}

fn prompt(question: &str) -> Result<Passphrase, Error> {
    Passphrase::new(prompt_text(question)?)
}

fn interactive() -> bool {
    std::io::stdin().is_terminal()
}

/// The passphrase of the file at `path` when it is encrypted: from `var`, or asked.
fn for_file(path: &Path, var: &str) -> Result<Option<Passphrase>, Error> {
    if file_state(path)? != FileState::Encrypted {
        return Ok(None);
    }
    if let Some(p) = from_env(var)? {
        return Ok(Some(p));
    }
    if !interactive() {
        return Err(Error::Locked(path.display().to_string()));
    }
    prompt(&format!("Passphrase for {}: ", path.display())).map(Some)
}

/// The passphrase the register at `location` needs, if it is an encrypted SQLite file.
pub fn for_register(location: &Location) -> Result<Option<Passphrase>, Error> {
    match location {
        Location::Sqlite(path) => for_file(path, PASSPHRASE_ENV),
        Location::Postgres(_) => Ok(None),
    }
}

/// A new passphrase: from `var`, or asked twice.
fn new_passphrase(var: &str) -> Result<Passphrase, Error> {
    if let Ok(text) = std::env::var(var) {
        if !text.is_empty() {
            return Passphrase::new_key(text);
        }
    }
    if !interactive() {
        return Err(Error::Refused(Message::english(format!(
            "not run from a terminal: give the new passphrase in {var}"
        ))));
    }
    let first = prompt_text("New passphrase: ")?;
    let again = prompt_text("The same passphrase again: ")?;
    if first != again {
        return Err(Error::invalid("passphrase", Message::english("the two entries differ; nothing was changed")));
    }
    Passphrase::new_key(first)
}

/// The passphrase for `init --encrypt`: a new register's key.
pub fn for_new_register() -> Result<Passphrase, Error> {
    new_passphrase(PASSPHRASE_ENV)
}

#[derive(Debug, Subcommand)]
pub enum PassphraseCommand {
    /// Change the passphrase of an encrypted register, or encrypt a plain one
    /// (the register must not be open in the app meanwhile)
    Change {
        /// Store the register unencrypted instead (not recommended: anyone with the file reads it)
        #[arg(long)]
        remove: bool,
        /// Confirm --remove without asking
        #[arg(long)]
        yes: bool,
    },
}

pub async fn passphrase(location: &Location, actor: &str, command: PassphraseCommand) -> Result<(), Error> {
    let PassphraseCommand::Change { remove, yes } = command;
    let old = for_register(location)?;
    let new = if remove {
        if old.is_none() {
            return Err(Error::Refused(Message::english(format!(
                "the register at {} is not encrypted",
                location.display()
            ))));
        }
        if !output::confirm("Store the register unencrypted, readable by anyone who has the file?", yes)? {
            return Err(Error::Refused(Message::english("nothing was changed")));
        }
        None
    } else {
        Some(new_passphrase(NEW_PASSPHRASE_ENV)?)
    };
    let reg = Register::change_passphrase(location, old.as_ref(), new.as_ref(), actor).await?;
    reg.store().close().await;
    let place = location.display();
    match (&old, &new) {
        (None, Some(_)) => say!("The register at {place} is now encrypted. Keep the passphrase safe: without it the register cannot be opened, by anyone."),
        (Some(_), Some(_)) => say!("The passphrase of the register at {place} is changed. Backups made before keep the old one."),
        _ => say!("The register at {place} is stored unencrypted now."),
    }
    Ok(())
}

#[derive(Debug, Args)]
pub struct BackupArgs {
    /// The backup file to write (a register file, which `--db FILE` opens as it is); `list` lists the backups made
    #[arg(required_unless_present = "list")]
    file: Option<PathBuf>,
    /// List the backups made of this register instead, newest first
    #[arg(long, conflicts_with_all = ["file", "encrypt"])]
    list: bool,
    /// Encrypt the backup of a PostgreSQL register (asks for a passphrase, or
    /// KUNDVAKT_BACKUP_PASSPHRASE); an encrypted SQLite register's backups are
    /// always encrypted under its own passphrase
    #[arg(long)]
    encrypt: bool,
    /// Print the answer as JSON (for scripts) instead of text
    #[arg(long)]
    json: bool,
}

pub async fn backup(reg: &Register, args: BackupArgs) -> Result<(), Error> {
    // `backup list`, as `hold list` and `request list` are said, lists; it
    // does not write a backup into a file named "list".
    let listing = args.list || args.file.as_deref().is_some_and(|f| f == std::path::Path::new("list"));
    if listing {
        let list = reg.backups().await?;
        if args.json {
            return output::json(&list);
        }
        let zone = reg.settings().await?.time_zone();
        let rows: Vec<Vec<String>> = list
            .iter()
            .map(|b| {
                vec![
                    output::minute(b.made_at, zone),
                    b.purpose.clone(),
                    b.file.clone(),
                    if b.encrypted { "yes".into() } else { "no".into() },
                    b.audit_seq.to_string(),
                ]
            })
            .collect();
        output::table(&["made", "before", "file", "encrypted", "audit entry"], &rows);
        return Ok(());
    }
    let Some(file) = args.file else {
        return Err(Error::invalid("FILE", Message::english("give the backup file to write")));
    };
    let key = if args.encrypt {
        if reg.store().encrypted() {
            None
        } else {
            Some(match from_env(BACKUP_PASSPHRASE_ENV)? {
                Some(p) => p,
                None => new_passphrase(BACKUP_PASSPHRASE_ENV)?,
            })
        }
    } else {
        None
    };
    let made = reg.backup(&file, key.as_ref()).await?;
    if args.json {
        return output::json(&made);
    }
    say!(
        "Backed up to {}{} (audit trail entry {}, head {}).",
        file.display(),
        if made.encrypted { ", encrypted" } else { "" },
        made.audit_seq,
        made.audit_hash
    );
    Ok(())
}

#[derive(Debug, Args)]
pub struct RestoreArgs {
    /// The backup file to restore
    file: PathBuf,
    /// Confirm without asking
    #[arg(long)]
    yes: bool,
    /// Print the answer as JSON (for scripts) instead of text
    #[arg(long)]
    json: bool,
}

pub async fn restore(location: &Location, actor: &str, args: RestoreArgs) -> Result<(), Error> {
    let key = for_register(location)?;
    // A backup made under the register's passphrase opens with it; an older one may need its own.
    let file_key = match file_state(&args.file)? {
        FileState::Encrypted => match (from_env(BACKUP_PASSPHRASE_ENV)?, &key) {
            (Some(p), _) => Some(p),
            (None, Some(k)) => Some(k.clone()),
            (None, None) => for_file(&args.file, BACKUP_PASSPHRASE_ENV)?,
        },
        _ => None,
    };
    let question = format!(
        "Replace the register at {} with the backup {}? (A copy of the register as it is now is kept first.)",
        location.display(),
        args.file.display()
    );
    if !output::confirm(&question, args.yes)? {
        return Err(Error::Refused(Message::english("nothing was changed")));
    }
    let (reg, report) = Register::restore(location, key.as_ref(), &args.file, file_key.as_ref(), actor).await?;
    let zone = reg.settings().await.map(|s| s.time_zone());
    reg.store().close().await;
    let zone = zone?;
    if args.json {
        return output::json(&report);
    }
    say!(
        "Restored {} into {} (its audit trail ends at entry {}{}).",
        args.file.display(),
        location.display(),
        report.backup_audit_seq,
        if report.backup_recorded {
            ", as this register's backup log records it"
        } else {
            "; this register's backup log does not record that backup"
        }
    );
    if let Some(safety) = &report.safety_backup {
        say!("The register as it was before: {}", safety.file);
    }
    // The merges first, as the restore makes them: what follows names the person as the customer kept.
    if !report.unmerges_replayed.is_empty() {
        say!(
            "Given back their records again, as a merge of them was undone after the backup was made: {}",
            report.unmerges_replayed.join(", ")
        );
    }
    if !report.merges_replayed.is_empty() {
        say!(
            "Merged again, as they were after the backup was made (GDPR Art. 5(1)(d)): {}",
            report.merges_replayed.join(", ")
        );
    }
    if !report.erasures_replayed.is_empty() || report.tombstones_carried > 0 {
        say!(
            "Erased again, as they were after the backup was made: {} customer(s) {}; {} more erased customer(s) carried over.",
            report.erasures_replayed.len(),
            report.erasures_replayed.join(", "),
            report.tombstones_carried
        );
    }
    if !report.sweeps_replayed.is_empty() {
        let days: Vec<String> = report.sweeps_replayed.iter().map(ToString::to_string).collect();
        say!(
            "Swept again, as the register was swept after the backup was made (what those sweeps deleted stays deleted, GDPR Art. 5(1)(e)): {}",
            days.join(", ")
        );
    }
    if !report.settings_carried.is_empty() {
        say!(
            "Settings changed after the backup was made, changed again as the register had them: {}",
            report.settings_carried.join(", ")
        );
    }
    if report.catalogue_carried > 0 {
        say!(
            "The records of processing kept as the register had them (GDPR Art. 30): {} change(s) to the categories, processors and recipients or assessments, made after the backup was made, made again.",
            report.catalogue_carried
        );
    }
    if report.breaches_carried > 0 {
        say!(
            "Kept as the register had them: {} personal data breach(es) recorded or taken further after the backup (GDPR Art. 33(5)).",
            report.breaches_carried
        );
    }
    if !report.concerned_lost.is_empty() {
        eprintln!(
            "note: customers a breach concerned, added after the backup, are not in it; their link to the breach is gone with them: {}",
            report.concerned_lost.join(", ")
        );
    }
    if report.holds_carried > 0 {
        say!(
            "Kept as the register had them: {} legal hold(s) placed or lifted after the backup (GDPR Art. 17(3)(e)).",
            report.holds_carried
        );
    }
    if report.requests_carried > 0 {
        say!(
            "Kept as the register had them: {} data-subject request(s) logged or taken further after the backup (GDPR Art. 12(3)).",
            report.requests_carried
        );
    }
    if !report.requests_without_customer.is_empty() {
        eprintln!(
            "note: requests of customers added after the backup are kept without their customer, to be answered all the same: {}",
            report.requests_without_customer.join(", ")
        );
    }
    if !report.orders_carried.is_empty() || !report.invoices_carried.is_empty() || !report.statuses_carried.is_empty() {
        say!(
            "Kept as the register had them, for the books (bookkeeping law): {} order(s), {} invoice(s) and {} order status(es) entered by hand after the backup. Orders: {}. Invoices: {}.",
            report.orders_carried.len(),
            report.invoices_carried.len(),
            report.statuses_carried.len(),
            some_of(&report.orders_carried),
            some_of(&report.invoices_carried),
        );
    }
    if report.notes_carried > 0 {
        say!(
            "Kept as the register had them, for the books (bookkeeping law): {} note(s) documenting a purchase or an agreement (`--bookkeeping`) written after the backup.",
            report.notes_carried
        );
    }
    if !report.notes_lost.is_empty() {
        eprintln!(
            "warning: notes documenting a purchase or an agreement written after the backup could not be kept (the restored register has someone else under the customer's number or e-mail address); the books must keep them, and the register as it was before has them: {}",
            report.notes_lost.join(", ")
        );
    }
    if !report.customers_carried.is_empty() {
        say!(
            "Kept with their orders or notes, as the register had them (a voucher names its customer): customers added after the backup: {}.",
            some_of(&report.customers_carried),
        );
    }
    if report.documents_carried > 0 {
        say!(
            "Kept as the register had them: {} document(s) made after the backup, with their digests (GDPR Art. 5(2)).",
            report.documents_carried
        );
    }
    if report.restrictions_carried > 0 || report.consents_carried > 0 || report.withdrawals_carried > 0 {
        say!(
            "Kept as the register had them: {} restriction(s) placed or lifted (Art. 18), {} consent(s) given (Art. 7(1)) and {} withdrawn (Art. 7(3)) after the backup.",
            report.restrictions_carried,
            report.consents_carried,
            report.withdrawals_carried
        );
    }
    if report.web_objections_carried > 0 {
        say!(
            "Kept as the register had them: {} objection(s) to the recording of web activity made or lifted after the backup (Art. 21(1)).",
            report.web_objections_carried
        );
    }
    if !report.rectifications_replayed.is_empty() {
        say!(
            "Corrected again, as the customers asked after the backup was made (GDPR Art. 16): {}",
            report.rectifications_replayed.join(", ")
        );
    }
    if !report.parts_erased_again.is_empty() {
        say!(
            "Notes, sign-ups or web activity erased again, as the customers asked after the backup was made (GDPR Art. 17): {}",
            report.parts_erased_again.join(", ")
        );
    }
    if !report.rectifications_lost.is_empty() {
        eprintln!(
            "note: corrections the customers asked for after the backup could not be made again (the customer or the note is not in the restored register); correct them by hand (Art. 16): {}",
            report.rectifications_lost.join(", ")
        );
    }
    if !report.restrictions_lost.is_empty() {
        eprintln!(
            "note: customers restricted after the backup are not in it; should an import bring them back, restrict them again (Art. 18): {}",
            report.restrictions_lost.join(", ")
        );
    }
    if !report.consents_lost.is_empty() {
        eprintln!(
            "note: customers who gave a consent after the backup are not in it; should they come back, record their consent again (Art. 7(1); the register as it was before has it): {}",
            some_of(&report.consents_lost)
        );
    }
    if report.signups_carried > 0 {
        say!(
            "Kept as the register had them: {} sign-up(s) for courses and events recorded or changed after the backup.",
            report.signups_carried
        );
    }
    if !report.signups_lost.is_empty() {
        eprintln!(
            "note: customers who signed up for a course or an event after the backup are not in it; should they come back, record their sign-ups again (the register as it was before has them): {}",
            some_of(&report.signups_lost)
        );
    }
    if !report.web_objections_lost.is_empty() {
        eprintln!(
            "note: customers who objected to the recording of their web activity after the backup are not in it; should an import bring them back, stop it again (Art. 21(1)): {}",
            report.web_objections_lost.join(", ")
        );
    }
    if !report.holds_lost.is_empty() {
        eprintln!(
            "note: legal holds were placed after the backup on records it does not have: {}",
            report.holds_lost.join(", ")
        );
    }
    // Those added by hand are to be added again; an import's come back with
    // its file; of the rest (added by a version that did not mark how), either.
    if !report.customers_lost_by_hand.is_empty() {
        eprintln!(
            "note: {} customer(s) added by hand after the backup are not in the restored register; add them again (the register as it was before has them): {}",
            report.customers_lost_by_hand.len(),
            some_of(&report.customers_lost_by_hand)
        );
    }
    if !report.customers_lost_imported.is_empty() {
        eprintln!(
            "note: {} customer(s) an import brought after the backup are not in the restored register; importing the same file again brings them back: {}",
            report.customers_lost_imported.len(),
            some_of(&report.customers_lost_imported)
        );
    }
    let marked: std::collections::HashSet<&String> =
        report.customers_lost_by_hand.iter().chain(&report.customers_lost_imported).collect();
    let unmarked: Vec<String> = report.customers_lost.iter().filter(|n| !marked.contains(n)).cloned().collect();
    if !unmarked.is_empty() {
        eprintln!(
            "note: {} customer(s) added after the backup are not in the restored register (importing the web shop's file again brings its own back; add again those added by hand; the register as it was before has them): {}",
            unmarked.len(),
            some_of(&unmarked)
        );
    }
    if !report.notes_undone.is_empty() {
        eprintln!(
            "note: notes written after the backup (those of a purchase or an agreement are kept) are not in the restored register; the register as it was before has them. Customers: {}",
            some_of(&report.notes_undone)
        );
    }
    if !report.notes_changed_undone.is_empty() {
        eprintln!(
            "note: notes changed after the backup (corrected, closed or moved to another customer) are as the backup had them; change them again where the change was meant (the register as it was before has them). Customers: {}",
            some_of(&report.notes_changed_undone)
        );
    }
    if !report.details_undone.is_empty() {
        eprintln!(
            "note: customers' details changed after the backup (by hand or by an import) are as the backup had them; change them again where the change was meant (the register as it was before has them): {}",
            some_of(&report.details_undone)
        );
    }
    if !report.imports_undone.is_empty() {
        let times: Vec<String> = report.imports_undone.iter().map(|t| output::minute(*t, zone)).collect();
        eprintln!(
            "note: what the imports run after the backup brought ({}) is not in the restored register, but for what is kept above; import the same files again to bring it back",
            times.join(", ")
        );
    }
    if !report.orders_lost.is_empty() || !report.invoices_lost.is_empty() {
        eprintln!(
            "warning: {} order(s) and {} invoice(s) recorded after the backup are not in the restored register; the books must keep them (bookkeeping law){}. Orders: {}. Invoices: {}. Importing the web shop's order export again brings its orders back.",
            report.orders_lost.len(),
            report.invoices_lost.len(),
            report.safety_backup.as_ref().map(|s| format!(", and the register as it was before has them: {}", s.file)).unwrap_or_default(),
            some_of(&report.orders_lost),
            some_of(&report.invoices_lost),
        );
    }
    if !report.merges_lost.is_empty() {
        eprintln!(
            "note: customers merged after the backup could not be merged again (the customer kept is not in the restored register, or it restricts or holds one of the two); merge them by hand: {}",
            report.merges_lost.join(", ")
        );
    }
    if !report.unmerges_lost.is_empty() {
        eprintln!(
            "note: merges undone after the backup could not be undone again (the restored register restricts, erases or holds the customer kept); undo them by hand with `kundvakt customer unmerge NUMBER`: {}",
            report.unmerges_lost.join(", ")
        );
    }
    for not in &report.not_replayed {
        eprintln!(
            "warning: customer {} was erased after the backup but could not be erased again: {}",
            not.number, not.reason
        );
    }
    Ok(())
}

/// The first twenty of `numbers`, and how many more there are: the JSON
/// report has them all.
fn some_of(numbers: &[String]) -> String {
    const SHOWN: usize = 20;
    match numbers.len() {
        0 => "none".into(),
        n if n <= SHOWN => numbers.join(", "),
        n => format!("{} and {} more", numbers[..SHOWN].join(", "), n - SHOWN),
    }
}
