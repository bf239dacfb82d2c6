//! `retention due` and `hold add|lift|list`.

use chrono::NaiveDate;
use clap::Subcommand;
use kundvakt_core::retention::due::RecordKind;
use kundvakt_core::{Error, Register};

use super::order::parse_date;
use super::output::{self, opt};

#[derive(Debug, Subcommand)]
pub enum RetentionCommand {
    /// What may be deleted on a day (retain_until before it), what a hold keeps, and the next 24 months
    Due {
        /// The day to look from [default: today]
        #[arg(long, value_parser = parse_date)]
        as_of: Option<NaiveDate>,
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
        #[arg(long)]
        id: i64,
        /// Why: the dispute, the authority's order
        #[arg(long)]
        reason: String,
    },
    /// Lift a hold
    Lift { id: i64 },
    /// The holds in force
    List {
        /// Lifted holds too
        #[arg(long)]
        all: bool,
        #[arg(long)]
        json: bool,
    },
}

pub async fn due(reg: &Register, command: RetentionCommand) -> Result<(), Error> {
    let RetentionCommand::Due { as_of, json } = command;
    let as_of = match as_of {
        Some(d) => d,
        None => reg.today().await?,
    };
    let report = reg.retention_due(as_of).await?;
    if json {
        return output::json(&report);
    }
    println!(
        "Due on {}: {} records ({} overdue); {} held.",
        report.as_of,
        report.items.len(),
        report.overdue,
        report.held.len()
    );
    let rows: Vec<Vec<String>> = report
        .items
        .iter()
        .map(|i| {
            vec![i.entity.to_string(), i.id.to_string(), opt(&i.number), i.retain_until.to_string(), i.rule.clone()]
        })
        .collect();
    output::table(&["record", "id", "number", "kept until", "rule"], &rows);
    println!("\nFalls due in the coming months:");
    let rows: Vec<Vec<String>> = report
        .forecast
        .iter()
        .map(|m| {
            let parts: Vec<String> = m.by_entity.iter().map(|(k, v)| format!("{k} {v}")).collect();
            vec![m.month.clone(), m.total.to_string(), parts.join(", ")]
        })
        .collect();
    output::table(&["month", "records", ""], &rows);
    Ok(())
}

pub async fn hold(reg: &Register, command: HoldCommand) -> Result<(), Error> {
    match command {
        HoldCommand::Add { entity, id, reason } => {
            let h = reg.add_hold(entity, id, &reason).await?;
            println!("{}", h.id);
        }
        HoldCommand::Lift { id } => {
            let h = reg.lift_hold(id).await?;
            println!("Lifted hold {} on {} {}.", h.id, h.entity, h.entity_id);
        }
        HoldCommand::List { all, json } => {
            let holds = reg.holds(all).await?;
            if json {
                return output::json(&holds);
            }
            let rows: Vec<Vec<String>> = holds
                .iter()
                .map(|h| {
                    vec![
                        h.id.to_string(),
                        format!("{} {}", h.entity, h.entity_id),
                        h.reason.clone(),
                        format!("{} {}", h.set_by, h.set_at.format("%Y-%m-%d")),
                        h.lifted_at.map(|t| t.format("%Y-%m-%d").to_string()).unwrap_or_default(),
                    ]
                })
                .collect();
            output::table(&["id", "record", "reason", "set", "lifted"], &rows);
        }
    }
    Ok(())
}
