//! `init`, `settings` and `audit`: the register as a whole.

use clap::{Args, Subcommand};
use kundvakt_core::countries::CountryCode;
use kundvakt_core::values::{Language, ShopCountry};
use kundvakt_core::{demo, register::InitOptions, Error, Message, Register};

use super::output;
use chrono::NaiveDate;
use kundvakt_core::audit::trail::{self, TrailQuery, MAX_PAGE};
use std::path::PathBuf;

#[derive(Debug, Args)]
pub struct InitArgs {
    /// Fill the new register with the demo shop (a Swedish craft shop)
    #[arg(long)]
    demo: bool,
    /// How many customers the demo shop has
    #[arg(long, default_value_t = 300, requires = "demo", hide = true)]
    demo_customers: usize,
    /// The shop's country, whose bookkeeping law and holidays apply: SE, NO, DK, FI or DE
    /// [default: your system's, else SE; SE for the demo shop]
    #[arg(long)]
    country: Option<ShopCountry>,
    /// The language of the app and documents: sv, nb or en [default: your system's]
    #[arg(long)]
    language: Option<Language>,
    /// Encrypt the register file under a passphrase (asked twice, or KUNDVAKT_PASSPHRASE)
    #[arg(long)]
    pub encrypt: bool,
}

pub async fn init(reg: &Register, args: InitArgs) -> Result<(), Error> {
    // As the window does on first start: the system's country and language,
    // said below, so that a shop abroad does not keep Sweden's law unseen.
    let locale = sys_locale::get_locale().unwrap_or_default();
    let language = args.language.unwrap_or_else(|| Language::from_locale(&locale));
    // The demo shop is a Swedish one, its data of Sweden.
    let country =
        args.country.unwrap_or_else(|| if args.demo { ShopCountry::Se } else { ShopCountry::from_locale(&locale) });
    let created = reg.init(InitOptions { country, language }).await?;
    let place = reg.store().location().display();
    if args.demo {
        if reg.has_customers().await? {
            return Err(Error::Refused(Message::english(format!(
                "the register at {place} has customers already; the demo shop needs an empty register"
            ))));
        }
        let last_day = demo::last_day(reg).await?;
        let sum = demo::fill(reg, args.demo_customers, last_day).await?;
        say!(
            "Created the demo shop at {place}, its records up to {last_day}: {} customers, {} orders, {} interactions, {} web events, {} consents, {} course sign-ups, {} open request.",
            sum.customers, sum.orders, sum.interactions, sum.web_events, sum.consents, sum.event_registrations, sum.requests
        );
    } else if created {
        let name = CountryCode::read(country.code(), "country").map(|c| c.name(Language::En)).unwrap_or(country.code());
        say!(
            "Created the register at {place}, for a shop in {name} ({}: its bookkeeping law, holidays and time zone {}), its documents in {}.",
            country.code(),
            country.default_time_zone(),
            kundvakt_core::i18n::Translator::english().t(&format!("language-{}", language.as_str()))
        );
        say!("To change them: `kundvakt settings set country CODE` (SE, NO, DK, FI or DE), `kundvakt settings set language CODE` (sv, nb or en).");
    } else {
        say!("The register at {place} exists already; nothing changed.");
    }
    Ok(())
}

#[derive(Debug, Subcommand)]
pub enum SettingsCommand {
    /// Every setting with its value in force
    Show {
        /// Print the answer as JSON (for scripts) instead of text
        #[arg(long)]
        json: bool,
    },
    /// Change one setting (see `settings show` for the keys)
    Set {
        /// The setting, such as country or retention.interaction_months (see `settings show`)
        key: String,
        /// Its new value
        value: String,
    },
    /// Every change of the settings, the newest first: when, by whom, and the value set
    History {
        /// One setting's changes alone, such as retention.interaction_months
        key: Option<String>,
        /// Print the answer as JSON (for scripts) instead of text
        #[arg(long)]
        json: bool,
    },
}

pub async fn settings(reg: &Register, command: SettingsCommand) -> Result<(), Error> {
    match command {
        SettingsCommand::Show { json } => {
            let s = reg.settings().await?;
            if json {
                let map: serde_json::Map<String, serde_json::Value> =
                    s.iter().map(|(k, v)| (k.to_owned(), serde_json::Value::String(v.to_owned()))).collect();
                output::json(&map)
            } else {
                let rows: Vec<Vec<String>> = s.iter().map(|(k, v)| vec![k.to_owned(), v.to_owned()]).collect();
                output::table(&["setting", "value"], &rows);
                // Values saved before today's checks, or a folder since removed.
                for p in s.problems() {
                    eprintln!("warning: {}: {} (set it anew: kundvakt settings set {} VALUE)", p.key, p.message, p.key);
                }
                // A first year counted from an order before the law lets it begin.
                if let Some(note) = reg.financial_years().await?.shown().note {
                    eprintln!("note: first_fiscal_year_end: {note}");
                }
                say!("\n{}", super::report::notice_said(reg).await?);
                Ok(())
            }
        }
        SettingsCommand::History { key, json } => {
            let changes = reg.setting_changes(key.as_deref()).await?;
            if json {
                return output::json(&changes);
            }
            if changes.is_empty() {
                // Kept since migration 47: a register older than that has none from before.
                say!("No change of {} is recorded.", key.as_deref().unwrap_or("the settings"));
                return Ok(());
            }
            let zone = reg.settings().await?.time_zone();
            let rows: Vec<Vec<String>> =
                changes.into_iter().map(|c| vec![output::minute(c.set_at, zone), c.set_by, c.key, c.value]).collect();
            output::table(&["when", "by", "setting", "value"], &rows);
            Ok(())
        }
        SettingsCommand::Set { key, value } => {
            let zone = reg.settings().await?.get("time_zone").map(str::to_owned);
            let stored = reg.set_setting(&key, &value).await?;
            say!("{key} = {stored}");
            // A new country may bring its time zone along (`Register::set_setting`).
            let now = reg.settings().await?.get("time_zone").map(str::to_owned);
            if let (true, Some(now)) = (key == "country" && now != zone, now) {
                say!("time_zone = {now} (the country's own, as the register kept the old one's)");
            }
            // The financial years the bookkeeping law counts from, as they are now.
            if key != "country" && kundvakt_core::fiscal_years::YEAR_KEYS.contains(&key.as_str()) {
                let s = reg.settings().await?;
                if key == kundvakt_core::fiscal_years::CHANGED_KEY {
                    say!(
                        "fiscal_year_start_month = {} (the month after the last changed year)",
                        s.fiscal_year_start_month()
                    );
                }
                if key == "fiscal_year_start_month" && s.financial_years().changed().is_empty() {
                    say!(
                        "Every financial year now begins in month {}, the past ones too. If the financial year changed \
                         rather than was set wrong, give the changed year instead, so that the years before it keep \
                         their ends: `kundvakt settings set changed_fiscal_years FIRST..LAST`.",
                        s.fiscal_year_start_month()
                    );
                }
                let shown = reg.financial_years().await?.shown();
                let years: Vec<String> = shown.years.iter().map(|(from, to)| format!("{from}..{to}")).collect();
                if !years.is_empty() {
                    say!("The financial years around the changes: {}", years.join(", "));
                }
                if let Some(note) = shown.note {
                    say!("{note}");
                }
            }
            Ok(())
        }
    }
}

#[derive(Debug, Subcommand)]
pub enum AuditCommand {
    /// Walk the hash chain and report the first entry that does not hold; with --file, check a saved file of the trail instead
    Verify {
        /// A file of the trail saved by `audit log --csv` or the window: check each row's hash and the links between the rows, without a register
        #[arg(long)]
        file: Option<std::path::PathBuf>,
        /// Print the answer as JSON (for scripts) instead of text
        #[arg(long)]
        json: bool,
    },
    /// Read the trail, newest first: who did what and when
    Log {
        /// From this day on (YYYY-MM-DD, on the shop's clock)
        #[arg(long)]
        from: Option<NaiveDate>,
        /// To this day, inclusive
        #[arg(long)]
        to: Option<NaiveDate>,
        /// Whose work, by the name the trail records
        #[arg(long = "by")]
        actor: Option<String>,
        /// The entries that concern this customer (number or id)
        #[arg(long)]
        customer: Option<String>,
        /// An action by its code, such as customer.erase (the code is in brackets in the log), or a group, such as customer, document or export
        #[arg(long)]
        action: Option<String>,
        /// Entries older than this one (the last seq of the page before)
        #[arg(long, conflicts_with = "csv")]
        before: Option<i64>,
        /// How many entries at most (up to 500)
        #[arg(long, default_value_t = 50, value_parser = clap::value_parser!(u32).range(1..=i64::from(MAX_PAGE)), conflicts_with = "csv")]
        limit: u32,
        /// Write every matching entry to this CSV file (UTF-8, `;`), with
        /// the chain's digests and hashes; audited
        #[arg(long, value_name = "FILE", conflicts_with = "json")]
        csv: Option<PathBuf>,
        /// Print the answer as JSON (for scripts) instead of text
        #[arg(long)]
        json: bool,
    },
}

pub async fn audit(reg: &Register, command: AuditCommand) -> Result<(), Error> {
    match command {
        AuditCommand::Verify { file: None, json } => verify(reg, json).await,
        AuditCommand::Verify { file: Some(_), .. } => {
            Err(Error::Internal("a file is checked without a register".into()))
        }
        AuditCommand::Log { from, to, actor, customer, action, before, limit, csv, json } => {
            let customer = match customer {
                Some(c) => Some(super::customer::find(reg, &c).await?.id),
                None => None,
            };
            let query = TrailQuery { from, to, actor, customer, action, before, limit };
            match csv {
                Some(out) => {
                    let language = reg.settings().await?.language();
                    let file = reg.export_audit_trail(&query, language, &out).await?;
                    let entries = output::count(file.entries, "entry", "entries");
                    say!("Wrote {} ({entries}, SHA-256 {}).", file.path, file.digest);
                    Ok(())
                }
                None => log(reg, &query, json).await,
            }
        }
    }
}

/// The chain walked whole; a broken one is a user error naming its entry.
async fn verify(reg: &Register, json: bool) -> Result<(), Error> {
    let v = kundvakt_core::audit::verify(reg.store()).await?;
    if json {
        output::json(&v)?;
    }
    match v.broken {
        None => {
            if !json {
                say!("The audit trail holds: {}, head {}.", output::count(v.entries, "entry", "entries"), v.head);
            }
            Ok(())
        }
        Some(b) => Err(Error::AuditBroken { seq: b.seq, reason: b.reason }),
    }
}

/// Checks a saved file of the trail on its own (no register is opened):
/// every row's hash, and the links between rows that follow each other.
/// A row that does not hold is a user error naming its line.
pub fn verify_file(file: &std::path::Path, json: bool) -> Result<(), Error> {
    let check = kundvakt_core::audit::file_check::check_trail_file(file)?;
    if json {
        output::json(&check)?;
    }
    let name = file.display().to_string();
    if let Some(first) = check.problems.first() {
        if !json {
            for p in &check.problems {
                eprintln!("{}", p.display(&name));
            }
        }
        return Err(Error::invalid(
            format!("{name}:{}", first.line),
            kundvakt_core::Message::english(format!(
                "rows that do not hold: {} of {}; the file was changed after it was saved",
                check.problems.len(),
                check.entries
            )),
        ));
    }
    if !json {
        match (check.oldest, check.newest, &check.newest_hash) {
            (Some(oldest), Some(newest), Some(hash)) => say!(
                "{name} holds: {} entries ({oldest} to {newest}), each row's hash and the {} links between entries \
                 that follow each other. The newest entry, {newest}, has the hash {hash}: compare it with that \
                 entry's in the register (`kundvakt audit log --json`).",
                check.entries,
                check.links
            ),
            _ => say!("{name} holds no entries."),
        }
    }
    Ok(())
}

/// A page of the trail, the times on the shop's clock; with `--json`, the
/// page as [`trail::TrailPage`] (times in UTC).
async fn log(reg: &Register, query: &TrailQuery, json: bool) -> Result<(), Error> {
    let page = trail::read(reg.store(), query).await?;
    if json {
        return output::json(&page);
    }
    let zone = reg.settings().await?.time_zone();
    let rows: Vec<Vec<String>> = page
        .entries
        .iter()
        .map(|t| {
            let e = &t.stored.entry;
            vec![
                e.seq.to_string(),
                e.at.with_timezone(&zone).format("%Y-%m-%d %H:%M:%S").to_string(),
                e.actor.clone(),
                output::action(&e.action),
                format!("{} {}", e.entity, t.record_number.as_deref().unwrap_or(&e.entity_id)),
                t.customer_number.clone().or_else(|| e.customer_id.map(|c| format!("id {c}"))).unwrap_or_default(),
            ]
        })
        .collect();
    output::table(&["seq", "time", "by", "action", "record", "customer"], &rows);
    if let (true, Some(last)) = (page.more, page.entries.last()) {
        say!("Older entries match too: add --before {}.", last.stored.entry.seq);
    }
    Ok(())
}
