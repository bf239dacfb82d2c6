//! `retention due|sweep|sweeps` and `hold add|lift|list`.

use std::path::PathBuf;

use chrono::NaiveDate;
use clap::Subcommand;
use kundvakt_core::reports::Format;
use kundvakt_core::retention::due::RecordKind;
use kundvakt_core::retention::sweep::{Batching, SweepAction};
use kundvakt_core::{Error, Register};

use super::order::parse_date;
use super::output::{self, confirm};

#[derive(Debug, Subcommand)]
pub enum RetentionCommand {
    /// What may be deleted on a day (retain_until before it), what a hold, a restriction or an open request keeps, and the next 24 months
    Due {
        /// The day to look from [default: today]
        #[arg(long, value_parser = parse_date)]
        as_of: Option<NaiveDate>,
        /// Print the answer as JSON (for scripts) instead of text
        #[arg(long)]
        json: bool,
    },
    /// Delete what is due (erase inactive customers), batch by batch; resumes a sweep that was cut off
    Sweep {
        /// The day to sweep for, today or earlier [default: today]
        #[arg(long, value_parser = parse_date)]
        as_of: Option<NaiveDate>,
        /// Show what would go, change nothing
        #[arg(long)]
        dry_run: bool,
        /// Confirm without asking (scripts)
        #[arg(long)]
        yes: bool,
        /// Print the answer as JSON (for scripts) instead of text
        #[arg(long)]
        json: bool,
        /// Where to write the summary (PDF and JSON) [default: the current folder]
        #[arg(long, value_name = "DIR", default_value = ".")]
        summary_dir: PathBuf,
        /// Records per transaction [default: as many as take about a fifth of a second, from 500 of each kind]
        #[arg(long, value_parser = clap::value_parser!(i64).range(1..=100_000))]
        batch_size: Option<i64>,
    },
    /// Every sweep made, the newest first, with what each removed (`report sweep ID` makes its summary again)
    Sweeps {
        /// Print the answer as JSON (for scripts) instead of text
        #[arg(long)]
        json: bool,
    },
}

#[derive(Debug, Subcommand)]
pub enum HoldCommand {
    /// Keep a record (or, with --entity customer, all of a customer's records) from deletion
    Add {
        /// order, invoice, customer, interaction, web_event, consent, event_registration or request
        #[arg(long)]
        entity: RecordKind,
        /// The record's id (see `customer show --json`)
        #[arg(long, required_unless_present = "number")]
        id: Option<i64>,
        /// An order's or an invoice's number, or a customer's customer number, instead of its id
        #[arg(long, conflicts_with = "id")]
        number: Option<String>,
        /// Why: the dispute, the authority's order
        #[arg(long)]
        reason: String,
    },
    /// Lift a hold
    Lift {
        /// The hold's id (see `hold list`)
        id: i64,
    },
    /// The holds in force
    List {
        /// Lifted holds too
        #[arg(long)]
        all: bool,
        /// Print the answer as JSON (for scripts) instead of text
        #[arg(long)]
        json: bool,
    },
}

pub async fn run(reg: &Register, command: RetentionCommand) -> Result<(), Error> {
    match command {
        RetentionCommand::Due { as_of, json } => super::due::due(reg, as_of, json).await,
        RetentionCommand::Sweep { as_of, dry_run, yes, json, summary_dir, batch_size } => {
            let as_of = match as_of {
                Some(d) => d,
                None => reg.today().await?,
            };
            sweep(reg, as_of, dry_run, yes, json, &summary_dir, batch_size).await
        }
        RetentionCommand::Sweeps { json } => sweeps(reg, json).await,
    }
}

/// `retention sweeps`: the sweeps made, as the shop shows that it deletes on time (Art. 5(2)).
async fn sweeps(reg: &Register, json: bool) -> Result<(), Error> {
    let sweeps = reg.sweeps().await?;
    if json {
        return output::json(&sweeps);
    }
    if sweeps.is_empty() {
        say!("No sweep has been made yet (`kundvakt retention sweep`).");
        return Ok(());
    }
    let zone = reg.settings().await?.time_zone();
    let rows: Vec<Vec<String>> = sweeps
        .iter()
        .map(|s| {
            let r = &s.run;
            vec![
                r.id.to_string(),
                r.as_of.to_string(),
                format!("{} {}", output::minute(r.started_at, zone), r.started_by),
                r.state.to_string(),
                s.removed.to_string(),
                s.kept.to_string(),
                r.audit_removed.to_string(),
            ]
        })
        .collect();
    output::table(&["id", "day", "started", "state", "deleted", "kept (pseudonym)", "audit entries removed"], &rows);
    say!("Its summary, made again: `kundvakt report sweep ID --format pdf --out FILE`.");
    Ok(())
}

async fn sweep(
    reg: &Register,
    as_of: NaiveDate,
    dry_run: bool,
    yes: bool,
    json: bool,
    summary_dir: &std::path::Path,
    batch_size: Option<i64>,
) -> Result<(), Error> {
    if !dry_run {
        // The summary is the sweep's proof: its folder is checked before anything is deleted.
        kundvakt_core::files::check_folder(summary_dir)?;
    }
    let preview = reg.sweep_preview(as_of).await?;
    if dry_run && json {
        return output::json(&preview);
    }
    if !json {
        let rules = output::Rules::of(reg).await?;
        let due = output::count(preview.total, "record", "records");
        say!(
            "Due on {as_of}: {due}; {} kept by a legal hold, a restriction or a request not yet answered.",
            preview.held
        );
        let english = kundvakt_core::i18n::Translator::english();
        let rows: Vec<Vec<String>> = preview
            .counts
            .iter()
            .map(|c| {
                let which = c.cutoff_text(english).unwrap_or_default();
                vec![c.entity.to_string(), rules.text(&c.rule), which, c.action.to_string(), c.records.to_string()]
            })
            .collect();
        output::table(&["record", "rule", "which records", "action", "records"], &rows);
        if !preview.held_by.is_empty() {
            say!("Kept past their end:");
            let kept: Vec<Vec<String>> =
                preview.held_by.iter().map(|k| vec![k.keeper.name(english), k.records.to_string()]).collect();
            output::table(&["kept by", "records"], &kept);
        }
        if preview.audit_entries > 0 {
            say!(
                "The audit trail's {} oldest entries go too: older than the records of requests are kept \
                 (retention.request_months).",
                preview.audit_entries
            );
        }
        if let Some(id) = preview.resumes {
            say!("This continues sweep {id}, which was cut off.");
        }
    }
    if dry_run {
        return Ok(());
    }
    if preview.total == 0 && preview.resumes.is_none() && preview.audit_entries == 0 && !json {
        say!("Nothing to sweep.");
    }
    let question = match (preview.total, preview.audit_entries) {
        (0, 0) => None,
        (0, entries) => Some(format!("Remove the audit trail's {entries} oldest entries now?")),
        (total, _) => Some(format!("Delete these {total} records now?")),
    };
    if let Some(question) = question {
        if !confirm(&question, yes)? {
            say!("Nothing was deleted.");
            return Ok(());
        }
    }
    let mut report = |p: kundvakt_core::retention::sweep::SweepProgress| {
        eprintln!("sweep {}: {} of {} records", p.sweep, p.done, p.total);
    };
    let batching = batch_size.map_or(Batching::Timed, Batching::Fixed);
    let run = reg.sweep(as_of, batching, &mut report).await?;
    let mut written = vec![];
    for format in [Format::Pdf, Format::Json] {
        let g = reg.sweep_summary(run.id, None, format).await?;
        let path = summary_dir.join(format!("sweep-{}-{}.{format}", run.id, run.as_of));
        kundvakt_core::files::write_whole(&path, &g.bytes)?;
        written.push(path.display().to_string());
    }
    let (run, counts) = reg.sweep_run(run.id).await?;
    if json {
        return output::json(&serde_json::json!({ "sweep": run, "counts": counts, "summary": written }));
    }
    // The accounting records of the customers it erased are kept, not deleted: said apart.
    let kept: i64 = counts.iter().filter(|c| c.action == SweepAction::Pseudonymised).map(|c| c.records).sum();
    let removed = counts.iter().map(|c| c.records).sum::<i64>() - kept;
    let (records, batches) =
        (output::count(removed, "record", "records"), output::count(run.batches, "batch", "batches"));
    say!("Sweep {} done: {records} deleted or anonymised in {batches}. Summary: {}", run.id, written.join(", "));
    if kept > 0 {
        say!(
            "{} of the customers it erased kept under a pseudonym, as the bookkeeping law requires.",
            output::count(kept, "order or invoice", "orders and invoices")
        );
    }
    if run.audit_removed > 0 {
        say!(
            "The audit trail's {} oldest entries were removed too, older than the records of requests are kept \
             (retention.request_months).",
            run.audit_removed
        );
    }
    Ok(())
}

pub async fn hold(reg: &Register, command: HoldCommand) -> Result<(), Error> {
    match command {
        HoldCommand::Add { entity, id, number, reason } => {
            let id = match (id, number) {
                (Some(id), _) => id,
                (None, number) => reg.record_numbered(entity, number.as_deref().unwrap_or_default()).await?,
            };
            let h = reg.add_hold(entity, id, &reason).await?;
            say!("{}", h.id);
        }
        HoldCommand::Lift { id } => {
            let lifted = reg.lift_hold(id).await?;
            let h = &lifted.hold;
            say!("Lifted hold {} on {} {}.", h.id, h.entity, h.entity_id);
            if let Some(customer) = lifted.erased_for {
                let number = reg.customer(customer).await?.number;
                say!("Customer {number} was erased and only this hold kept the record: it is erased now.");
            }
            for b in &lifted.released {
                let number = reg.customer(b.customer_id).await?.number;
                let what = match b.entity {
                    RecordKind::Interaction => "note",
                    RecordKind::EventRegistration => "sign-up",
                    _ => "web event",
                };
                say!(
                    "Erased now, as request {} asked, what only this hold kept: {what} {} of customer {number} (GDPR Art. 17(1)).",
                    b.request_id,
                    b.entity_id
                );
            }
        }
        HoldCommand::List { all, json } => {
            let holds = reg.holds(all).await?;
            if json {
                return output::json(&holds);
            }
            // The days on the shop's clock, as everywhere else.
            let settings = reg.settings().await?;
            let day = |t: chrono::DateTime<chrono::Utc>| settings.day_of(t).to_string();
            let rows: Vec<Vec<String>> = holds
                .iter()
                .map(|v| {
                    let h = &v.hold;
                    // The record by its own number where it has one ("order 10234"), else by id.
                    let record =
                        format!("{} {}", h.entity, v.number.clone().unwrap_or_else(|| h.entity_id.to_string()));
                    vec![
                        h.id.to_string(),
                        record,
                        v.customer_number.clone().unwrap_or_default(),
                        h.reason.clone(),
                        format!("{} {}", h.set_by, day(h.set_at)),
                        h.lifted_at.map(day).unwrap_or_default(),
                        // What lifting it does beyond the hold itself.
                        match (v.erases, v.releases) {
                            (true, _) => "erases the record (customer erased)".into(),
                            (false, true) => "erases what a request asked to erase".into(),
                            (false, false) => String::new(),
                        },
                    ]
                })
                .collect();
            output::table(&["id", "record", "customer", "reason", "set", "lifted", "on lifting"], &rows);
        }
    }
    Ok(())
}
