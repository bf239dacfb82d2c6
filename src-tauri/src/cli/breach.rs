//! `breach record|list|show|update|notify|inform|close|concern|customers`: the
//! record of personal data breaches (GDPR Art. 33(5)), its 72-hour clock
//! (Art. 33(1)) and the customers a breach concerns (Art. 34).

use chrono::{DateTime, Utc};
use chrono_tz::Tz;
use clap::Subcommand;
use std::path::PathBuf;

use kundvakt_core::breaches::concerned::references;
use kundvakt_core::breaches::{BreachRisk, BreachStep, BreachView, NewBreach};
use kundvakt_core::import::values::moment;
use kundvakt_core::processing::CategoryList;
use kundvakt_core::register::CustomerState;
use kundvakt_core::reports::document::Clock;
use kundvakt_core::values::BreachId;
use kundvakt_core::{Error, Register};

use super::output::{self, opt};

#[derive(Debug, Subcommand)]
pub enum BreachCommand {
    /// Record a breach (what happened, to which data, its consequences and the measures); prints the new id
    Record {
        /// When the shop became aware of it, on the shop's clock ("2026-12-03 09:15") [default: now]; the 72 hours run from here
        #[arg(long)]
        aware: Option<String>,
        /// What happened (Art. 33(3)(a))
        #[arg(long)]
        nature: String,
        /// The categories of data concerned, comma-separated (see `processing show`)
        #[arg(long, default_value = "")]
        categories: String,
        /// About how many people are concerned, where known
        #[arg(long, allow_negative_numbers = true)]
        people: Option<i64>,
        /// Its likely consequences for them (Art. 33(3)(c))
        #[arg(long)]
        consequences: String,
        /// What was done, or is proposed, to deal with it and limit its effects (Art. 33(3)(d))
        #[arg(long)]
        measures: String,
        /// unlikely (to pose a risk: recorded, not notified), risk (notify the authority within 72 hours) or high (tell the people too, Art. 34)
        #[arg(long)]
        risk: BreachRisk,
        /// Print the record as JSON (for scripts) instead of its id
        #[arg(long)]
        json: bool,
    },
    /// The open breaches, the most urgent notification first
    List {
        /// Closed breaches too
        #[arg(long)]
        all: bool,
        /// Print the answer as JSON (for scripts) instead of text
        #[arg(long)]
        json: bool,
    },
    /// One breach, with its deadline and the steps taken
    Show {
        /// The breach's id
        id: i64,
        /// Print the answer as JSON (for scripts) instead of text
        #[arg(long)]
        json: bool,
    },
    /// The supervisory authority was notified (Art. 33(1))
    Notify {
        /// The breach's id
        id: i64,
        /// When, on the shop's clock [default: now]
        #[arg(long)]
        at: Option<String>,
        /// The authority's reference for the notification
        #[arg(long)]
        reference: Option<String>,
        /// Why it came after the 72 hours (required then)
        #[arg(long)]
        delay_reason: Option<String>,
    },
    /// The people concerned were told, or why they need not be (Art. 34)
    Inform {
        /// The breach's id
        id: i64,
        /// How they were told, or why not (Art. 34(3))
        #[arg(long)]
        how: String,
        /// When, on the shop's clock [default: now]
        #[arg(long)]
        at: Option<String>,
    },
    /// What was learnt since (Art. 33(4)): the facts given replace those recorded; when the shop became aware stays
    Update {
        /// The breach's id
        id: i64,
        /// What happened
        #[arg(long)]
        nature: Option<String>,
        /// The categories of data concerned, comma-separated
        #[arg(long)]
        categories: Option<String>,
        /// About how many people are concerned
        #[arg(long, allow_negative_numbers = true)]
        people: Option<i64>,
        /// Its likely consequences for them
        #[arg(long)]
        consequences: Option<String>,
        /// What was done, or is proposed
        #[arg(long)]
        measures: Option<String>,
        /// unlikely, risk or high
        #[arg(long)]
        risk: Option<BreachRisk>,
    },
    /// Nothing more is to be done about the breach
    Close {
        /// The breach's id
        id: i64,
    },
    /// Link the customers the breach concerns (or, with --remove, unlink them); the letters of Art. 34 go to them
    Concern {
        /// The breach's id
        id: i64,
        /// Customer numbers or ids
        customers: Vec<String>,
        /// A file of customer numbers or ids, separated by lines, commas or spaces (`#` begins a comment)
        #[arg(long)]
        from_file: Option<PathBuf>,
        /// Unlink them instead
        #[arg(long)]
        remove: bool,
        /// Every customer not erased (the whole register was reached); with --remove, unlink every customer
        #[arg(long, conflicts_with_all = ["customers", "from_file"])]
        all: bool,
    },
    /// The customers the breach concerns; with --csv, their mailing list for a mail merge (the erased left out)
    Customers {
        /// The breach's id
        id: i64,
        /// Write the mailing list (CSV: UTF-8 with BOM, `;`) to this file
        #[arg(long, conflicts_with = "json")]
        csv: Option<PathBuf>,
        /// Print the answer as JSON (for scripts) instead of text
        #[arg(long)]
        json: bool,
    },
}

pub async fn run(reg: &Register, command: BreachCommand) -> Result<(), Error> {
    let zone = reg.settings().await?.time_zone();
    let when = |text: Option<&str>, place: &str| -> Result<Option<DateTime<Utc>>, Error> {
        text.map(|t| moment(t, zone).map_err(|why| Error::invalid(place, why))).transpose()
    };
    match command {
        BreachCommand::Record { aware, nature, categories, people, consequences, measures, risk, json } => {
            let categories = CategoryList::parse(&categories, "--categories")?;
            let aware_at = when(aware.as_deref(), "--aware")?.unwrap_or_else(kundvakt_core::store::now);
            let new = NewBreach { aware_at, nature, categories, people, consequences, measures, risk };
            let saved = reg.record_breach(&new).await?;
            if json {
                return output::json(&saved);
            }
            say!("{}", saved.breach.id);
            if saved.hours_left.is_some() {
                eprintln!(
                    "note: notify the supervisory authority by {} (GDPR Art. 33(1)), then record it with `kundvakt breach notify {}`",
                    local(saved.notify_by, zone),
                    saved.breach.id
                );
            }
            Ok(())
        }
        BreachCommand::List { all, json } => {
            let list = reg.breaches(all).await?;
            if json {
                return output::json(&list);
            }
            let rows: Vec<Vec<String>> = list
                .iter()
                .map(|v| {
                    let b = &v.breach;
                    vec![
                        b.id.to_string(),
                        local(b.fields.aware_at, zone),
                        b.fields.risk.to_string(),
                        state(v, zone),
                        b.fields.nature.chars().take(60).collect(),
                    ]
                })
                .collect();
            output::table(&["id", "aware", "risk", "state", "what happened"], &rows);
            Ok(())
        }
        BreachCommand::Show { id, json } => {
            let v = reg.breach(BreachId(id)).await?;
            if json {
                return output::json(&v);
            }
            let b = &v.breach;
            let f = &b.fields;
            let at = |t: Option<DateTime<Utc>>| t.map(|t| local(t, zone));
            let rows = [
                ("breach", b.id.to_string()),
                ("state", state(&v, zone)),
                ("aware", local(f.aware_at, zone)),
                ("notify by", local(v.notify_by, zone)),
                ("risk", f.risk.to_string()),
                ("what happened", f.nature.clone()),
                // In words; the codes `breach update --categories` takes, beside them.
                ("categories", categories_named(&f.categories)),
                ("people", f.people.map(|n| n.to_string()).unwrap_or_default()),
                ("customers", format!("{} linked (`breach customers {}`)", v.concerned, b.id)),
                ("consequences", f.consequences.clone()),
                ("measures", f.measures.clone()),
                ("recorded", format!("{} by {}", local(b.recorded_at, zone), b.recorded_by)),
                ("notified", opt(&at(b.notified_at))),
                ("reference", opt(&b.authority_reference)),
                ("delay reason", opt(&b.delay_reason)),
                ("people told", opt(&at(b.informed_at))),
                ("how", opt(&b.informed_how)),
                ("closed", opt(&at(b.closed_at))),
            ];
            for (label, value) in rows {
                say!("{label:<14} {value}");
            }
            Ok(())
        }
        BreachCommand::Notify { id, at, reference, delay_reason } => {
            let at = when(at.as_deref(), "--at")?;
            let v = reg.breach_step(BreachId(id), &BreachStep::Notify { at, reference, delay_reason }).await?;
            say!(
                "Breach {id}: the supervisory authority was notified {}.",
                opt(&v.breach.notified_at.map(|t| local(t, zone)))
            );
            Ok(())
        }
        BreachCommand::Inform { id, how, at } => {
            let at = when(at.as_deref(), "--at")?;
            reg.breach_step(BreachId(id), &BreachStep::Inform { at, how }).await?;
            say!("Breach {id}: recorded how the people concerned were told.");
            Ok(())
        }
        BreachCommand::Update { id, nature, categories, people, consequences, measures, risk } => {
            let categories = categories.map(|c| CategoryList::parse(&c, "--categories")).transpose()?;
            let step = BreachStep::Update { nature, categories, people, consequences, measures, risk };
            let v = reg.breach_step(BreachId(id), &step).await?;
            say!("Breach {id}: {}.", state(&v, zone));
            Ok(())
        }
        BreachCommand::Close { id } => {
            reg.breach_step(BreachId(id), &BreachStep::Close).await?;
            say!("Breach {id} is closed.");
            Ok(())
        }
        BreachCommand::Concern { id, all: true, remove, .. } => {
            let concerned = reg.breach_concern_all(BreachId(id), !remove).await?;
            say!("Breach {id} concerns {}.", output::count(concerned, "customer", "customers"));
            Ok(())
        }
        BreachCommand::Concern { id, customers, from_file, remove, .. } => {
            let mut refs = references(&customers.join(" "), "CUSTOMER");
            if let Some(file) = &from_file {
                let text = std::fs::read_to_string(file)
                    .map_err(|e| Error::File { path: file.display().to_string(), reason: e.to_string() })?;
                refs.extend(references(&text, &file.display().to_string()));
            }
            if refs.is_empty() {
                return Err(Error::invalid("CUSTOMER", kundvakt_core::msg!("msg-customers-needed")));
            }
            let ids = reg.find_customers(&refs).await?;
            let (add, drop) = if remove { (&[][..], &ids[..]) } else { (&ids[..], &[][..]) };
            let change = reg.breach_concern(BreachId(id), add, drop).await?;
            let (done, n) = if remove { ("unlinked", change.removed.len()) } else { ("linked", change.added.len()) };
            say!("Breach {id} concerns {} ({n} {done} now).", output::count(change.concerned, "customer", "customers"));
            Ok(())
        }
        BreachCommand::Customers { id, csv, json } => {
            if let Some(out) = csv {
                let list = reg.export_breach_recipients(BreachId(id), &out).await?;
                say!(
                    "Wrote {} ({}, SHA-256 {}).",
                    list.path,
                    output::count(list.recipients, "recipient", "recipients"),
                    list.digest
                );
                if list.erased_left_out > 0 {
                    let erased = output::count(list.erased_left_out, "erased customer", "erased customers");
                    eprintln!("note: {erased} left out: nothing is left to address");
                }
                return Ok(());
            }
            let list = reg.breach_concerned(BreachId(id)).await?;
            if json {
                return output::json(&list);
            }
            let rows: Vec<Vec<String>> = list
                .iter()
                .map(|c| {
                    let erased = c.state == CustomerState::Erased;
                    vec![
                        if erased { c.pseudonym.clone() } else { c.number.clone() },
                        opt(&c.name),
                        opt(&c.email),
                        c.language.to_string(),
                        c.state.to_string(),
                    ]
                })
                .collect();
            output::table(&["customer", "name", "e-mail", "language", "state"], &rows);
            Ok(())
        }
    }
}

fn local(t: DateTime<Utc>, zone: Tz) -> String {
    Clock(zone).stamp(&t)
}

/// Where the breach stands: what is still owed, most pressing first.
fn state(v: &BreachView, zone: Tz) -> String {
    let b = &v.breach;
    match v.hours_left {
        _ if b.closed_at.is_some() => "closed".into(),
        Some(h) if v.overdue => {
            format!("NOTIFY: {} late (was due {})", output::count(-h, "hour", "hours"), local(v.notify_by, zone))
        }
        Some(h) => format!("notify within {} (by {})", output::count(h, "hour", "hours"), local(v.notify_by, zone)),
        None if v.inform_owed => "tell the people concerned (Art. 34)".into(),
        None => "open".into(),
    }
}

/// Categories in words, with the codes their flags take: "Orders (purchase
/// history); Invoices and reminders (purchase_history,invoices)".
fn categories_named(list: &CategoryList) -> String {
    if list.0.is_empty() {
        return String::new();
    }
    let words: Vec<String> = list.0.iter().map(|&c| output::category(c)).collect();
    format!("{} ({})", words.join("; "), list.to_text())
}
