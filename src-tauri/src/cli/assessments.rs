//! `processing assessment`: the legitimate-interest assessments (Art. 6(1)(f))
//! the shop documents, which the records of processing print.

use chrono::NaiveDate;
use clap::{Args, Subcommand};
use kundvakt_core::assessments::{Assessment, NewAssessment};
use kundvakt_core::processing::CategoryList;
use kundvakt_core::values::AssessmentId;
use kundvakt_core::{Error, Message, Register};

use super::order::parse_date;
use super::output;

#[derive(Debug, Subcommand)]
pub enum AssessmentCommand {
    /// Document an assessment; prints the new id
    Add {
        #[command(flatten)]
        fields: AssessmentArgs,
    },
    /// Revise an assessment (only the answers given; the audit trail keeps the old text)
    Edit {
        /// The assessment's id (see `processing show`)
        id: i64,
        #[command(flatten)]
        fields: AssessmentArgs,
    },
    /// Withdraw an assessment the shop no longer relies on (the audit trail keeps its text)
    Remove {
        /// The assessment's id (see `processing show`)
        id: i64,
    },
}

#[derive(Debug, Args)]
pub struct AssessmentArgs {
    /// The processing it concerns, such as keeping notes of calls
    #[arg(long)]
    purpose: Option<String>,
    /// The categories of data it concerns, comma-separated (see `processing show`); "" for none
    #[arg(long)]
    categories: Option<String>,
    /// The shop's interest in that processing
    #[arg(long)]
    interest: Option<String>,
    /// Why the processing is needed for the interest
    #[arg(long)]
    necessity: Option<String>,
    /// The customers' interests, rights and expectations weighed against it
    #[arg(long)]
    balancing: Option<String>,
    /// What the shop concluded, with the limits it set
    #[arg(long)]
    outcome: Option<String>,
    /// The day of the assessment, YYYY-MM-DD [default: today, or the day it had]
    #[arg(long, value_parser = parse_date)]
    date: Option<NaiveDate>,
    /// Who made it [default: who is working (--actor), or who made it]
    #[arg(long)]
    author: Option<String>,
    /// Print the saved assessment as JSON (for scripts) instead of its id
    #[arg(long)]
    json: bool,
}

impl AssessmentArgs {
    /// The answers given, over `old`'s where there is one; a new assessment needs them all.
    fn merged_over(self, old: Option<&NewAssessment>, today: NaiveDate) -> Result<NewAssessment, Error> {
        let need = |v: Option<String>, old: Option<&String>, field: &str| {
            v.or(old.cloned()).ok_or_else(|| Error::invalid(field, Message::english(format!("give --{field}"))))
        };
        let categories = match self.categories {
            Some(text) => CategoryList::parse(&text, "categories")?,
            None => old.map(|a| a.categories.clone()).unwrap_or_default(),
        };
        Ok(NewAssessment {
            purpose: need(self.purpose, old.map(|a| &a.purpose), "purpose")?,
            categories,
            interest: need(self.interest, old.map(|a| &a.interest), "interest")?,
            necessity: need(self.necessity, old.map(|a| &a.necessity), "necessity")?,
            balancing: need(self.balancing, old.map(|a| &a.balancing), "balancing")?,
            outcome: need(self.outcome, old.map(|a| &a.outcome), "outcome")?,
            assessed_on: self.date.or(old.map(|a| a.assessed_on)).unwrap_or(today),
            // Left blank, the register names who is working.
            author: self.author.or(old.map(|a| a.author.clone())).unwrap_or_default(),
        })
    }
}

fn said(saved: &Assessment, json: bool, text: String) -> Result<(), Error> {
    if json {
        return output::json(saved);
    }
    say!("{text}");
    Ok(())
}

pub async fn run(reg: &Register, command: AssessmentCommand) -> Result<(), Error> {
    let today = reg.today().await?;
    match command {
        AssessmentCommand::Add { fields } => {
            let json = fields.json;
            let saved = reg.add_assessment(&fields.merged_over(None, today)?).await?;
            said(&saved, json, saved.id.to_string())
        }
        AssessmentCommand::Edit { id, fields } => {
            let current = reg.catalogue().await?.assessments.into_iter().find(|a| a.id.0 == id);
            let current = current.ok_or_else(|| Error::not_found("assessment", id))?;
            let json = fields.json;
            let merged = fields.merged_over(Some(&current.fields), today)?;
            let saved = reg.update_assessment(AssessmentId(id), &merged).await?;
            said(&saved, json, format!("Saved the assessment of {}.", saved.fields.purpose))
        }
        AssessmentCommand::Remove { id } => {
            let removed = reg.remove_assessment(AssessmentId(id)).await?;
            say!("Withdrew the assessment of {}.", removed.fields.purpose);
            Ok(())
        }
    }
}
