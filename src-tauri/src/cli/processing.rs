//! `processing`: the categories, legal bases, processors and recipients the
//! access report and the records of processing (Art. 30) are generated from.

use chrono::NaiveDate;
use clap::{Args, Subcommand};
use kundvakt_core::processing::{
    Category, CategoryChanges, CategoryList, LegalBasis, NewProcessor, Processor, ProcessorRole, Source,
};
use kundvakt_core::values::ProcessorId;
use kundvakt_core::{Error, Message, Register};

use super::assessments::{self, AssessmentCommand};
use super::order::parse_date;
use super::output::{self, opt};

#[derive(Debug, Subcommand)]
pub enum ProcessingCommand {
    /// Every category with its purpose, legal basis and source, and every processor and recipient
    Show {
        /// Print the answer as JSON (for scripts) instead of text
        #[arg(long)]
        json: bool,
    },
    /// Add, change or remove a processor or recipient
    #[command(subcommand)]
    Processor(ProcessorCommand),
    /// Document, revise or withdraw a legitimate-interest assessment (Art. 6(1)(f))
    #[command(subcommand)]
    Assessment(AssessmentCommand),
    /// Change how a category of data is processed (an empty --purpose returns to the default text)
    Category {
        /// The category's code (see `processing show`)
        code: Category,
        /// Why the shop processes it, in the shop's own words
        #[arg(long)]
        purpose: Option<String>,
        /// The legal basis under Art. 6(1): consent, contract, legal_obligation or legitimate_interest
        #[arg(long)]
        legal_basis: Option<LegalBasis>,
        /// Where the data comes from: data_subject (the person), shop or observed
        #[arg(long)]
        source: Option<Source>,
    },
}

#[derive(Debug, Subcommand)]
pub enum ProcessorCommand {
    /// Add a processor or recipient; prints the new id
    Add {
        #[command(flatten)]
        fields: ProcessorArgs,
    },
    /// Change a processor or recipient (only the fields given)
    Edit {
        /// The processor's id (see `processing show`)
        id: i64,
        #[command(flatten)]
        fields: ProcessorArgs,
    },
    /// Remove a processor or recipient the shop no longer uses (the audit trail keeps that it was one)
    Remove {
        /// The processor's id (see `processing show`)
        id: i64,
    },
}

#[derive(Debug, Args)]
pub struct ProcessorArgs {
    /// Its name, such as PostNord Sverige AB
    #[arg(long)]
    name: Option<String>,
    /// processor (on the shop's behalf, Art. 28) or recipient
    #[arg(long)]
    role: Option<ProcessorRole>,
    /// Where it is established: ISO 3166 two-letter code
    #[arg(long)]
    country: Option<String>,
    /// What it does with the data, such as delivering parcels
    #[arg(long)]
    purpose: Option<String>,
    /// The categories of data it receives, comma-separated (see `processing show`)
    #[arg(long)]
    categories: Option<String>,
    /// When the data processing agreement was signed, YYYY-MM-DD
    #[arg(long, value_parser = parse_date)]
    agreement_date: Option<NaiveDate>,
    /// Data goes outside the EU/EEA (needs --safeguards)
    #[arg(long)]
    outside_eea: Option<bool>,
    /// The safeguards of a transfer outside the EU/EEA (Art. 46), such as the standard contractual clauses
    #[arg(long)]
    safeguards: Option<String>,
}

impl ProcessorArgs {
    fn merged_over(self, old: Option<&Processor>) -> Result<NewProcessor, Error> {
        let need = |v: Option<String>, old: Option<String>, field: &str| {
            v.or(old).ok_or_else(|| Error::invalid(field, Message::english(format!("give --{field}"))))
        };
        let categories = match self.categories {
            Some(text) => CategoryList::parse(&text, "categories")?,
            None => old.map(|p| p.fields.categories.clone()).unwrap_or_default(),
        };
        Ok(NewProcessor {
            categories,
            name: need(self.name, old.map(|p| p.fields.name.clone()), "name")?,
            role: self.role.or(old.map(|p| p.fields.role)).unwrap_or(ProcessorRole::Processor),
            country: need(self.country, old.map(|p| p.fields.country.clone()), "country")?,
            purpose: need(self.purpose, old.map(|p| p.fields.purpose.clone()), "purpose")?,
            agreement_date: self.agreement_date.or(old.and_then(|p| p.fields.agreement_date)),
            outside_eea: self.outside_eea.or(old.map(|p| p.fields.outside_eea)).unwrap_or(false),
            safeguards: self.safeguards.or(old.and_then(|p| p.fields.safeguards.clone())),
        })
    }
}

pub async fn run(reg: &Register, command: ProcessingCommand) -> Result<(), Error> {
    match command {
        ProcessingCommand::Show { json } => {
            let c = reg.catalogue().await?;
            if json {
                return output::json(&c);
            }
            // In words, each category with the code `processing category` takes;
            // a purpose the shop left as suggested is printed as the documents print it.
            let en = kundvakt_core::i18n::Translator::english();
            let rows: Vec<Vec<String>> = c
                .categories
                .iter()
                .map(|k| {
                    vec![
                        format!("{} ({})", output::category(k.code), k.code),
                        en.t(&format!("ui-basis-{}", k.legal_basis)),
                        en.t(&format!("ui-source-{}", k.source)),
                        k.purpose
                            .clone()
                            .unwrap_or_else(|| format!("{} (default)", en.t(&format!("purpose-{}", k.code)))),
                    ]
                })
                .collect();
            output::table(&["category", "legal basis", "source", "purpose"], &rows);
            say!();
            let rows: Vec<Vec<String>> = c
                .processors
                .iter()
                .map(|p| {
                    vec![
                        p.id.to_string(),
                        p.fields.name.clone(),
                        p.fields.role.to_string(),
                        p.fields.country.clone(),
                        if p.fields.outside_eea { "yes" } else { "no" }.to_owned(),
                        p.fields.purpose.clone(),
                        p.fields.categories.to_text(),
                        opt(&p.fields.safeguards),
                    ]
                })
                .collect();
            output::table(
                &["id", "name", "role", "country", "outside EU/EEA", "purpose", "categories", "safeguards"],
                &rows,
            );
            say!("\nLegitimate-interest assessments (`processing show --json` has their whole text):");
            let rows: Vec<Vec<String>> = c
                .assessments
                .iter()
                .map(|a| {
                    let f = &a.fields;
                    vec![
                        a.id.to_string(),
                        f.purpose.clone(),
                        f.categories.to_text(),
                        f.assessed_on.to_string(),
                        f.author.clone(),
                        f.outcome.clone(),
                    ]
                })
                .collect();
            output::table(&["id", "processing", "categories", "assessed", "author", "conclusion"], &rows);
            if !c.unassessed.is_empty() {
                let codes: Vec<&str> = c.unassessed.iter().map(|k| k.as_str()).collect();
                say!(
                    "\nResting on legitimate interest, with no assessment covering them (Art. 6(1)(f), 5(2)): {}.\n\
                     Document one: `processing assessment add --categories {} ...`, or cover them in one: \
                     `processing assessment edit ID --categories ...`.",
                    codes.join(", "),
                    codes.join(",")
                );
            }
            Ok(())
        }
        ProcessingCommand::Assessment(command) => assessments::run(reg, command).await,
        ProcessingCommand::Processor(ProcessorCommand::Add { fields }) => {
            let saved = reg.add_processor(&fields.merged_over(None)?).await?;
            say!("{}", saved.id);
            Ok(())
        }
        ProcessingCommand::Processor(ProcessorCommand::Edit { id, fields }) => {
            let current = reg.catalogue().await?.processors.into_iter().find(|p| p.id.0 == id);
            let current = current.ok_or_else(|| Error::not_found("processor", id))?;
            let saved = reg.update_processor(ProcessorId(id), &fields.merged_over(Some(&current))?).await?;
            say!("Saved {}.", saved.fields.name);
            Ok(())
        }
        ProcessingCommand::Processor(ProcessorCommand::Remove { id }) => {
            let removed = reg.remove_processor(ProcessorId(id)).await?;
            say!("Removed {}.", removed.fields.name);
            Ok(())
        }
        ProcessingCommand::Category { code, purpose, legal_basis, source } => {
            let saved = reg.change_category(code, &CategoryChanges { purpose, legal_basis, source }).await?;
            say!("{}: {}, {}", saved.code, saved.legal_basis, saved.source);
            if reg.catalogue().await?.unassessed.contains(&saved.code) {
                eprintln!(
                    "note: no legitimate-interest assessment covers {0} yet (Art. 6(1)(f), 5(2)): document one with \
                     `processing assessment add --categories {0} ...`",
                    saved.code
                );
            }
            Ok(())
        }
    }
}
