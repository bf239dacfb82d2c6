//! `erase`, `restrict`, `unrestrict` and `consent give|withdraw|list`: the
//! rights of Art. 17, 18 and 7(3), and the consent they concern.

use std::path::PathBuf;

use chrono::NaiveDate;
use clap::{Args, Subcommand};
use kundvakt_core::register::restriction::RestrictionGround;
use kundvakt_core::reports::notices::KeptPending;
use kundvakt_core::reports::Format;
use kundvakt_core::retention::erasure::ErasurePlan;
use kundvakt_core::values::{ConsentId, RequestId};
use kundvakt_core::{Error, Register};

use super::order::parse_date;
use super::output::{self, confirm};

#[derive(Debug, Args)]
pub struct EraseArgs {
    /// The customer's id or customer number
    customer: String,
    /// Show what would be erased and kept, change nothing
    #[arg(long)]
    dry_run: bool,
    /// Confirm without asking (scripts)
    #[arg(long)]
    yes: bool,
    /// The erasure request this answers (its identity check must be done)
    #[arg(long)]
    request: Option<i64>,
    /// Where to write the erasure confirmation (PDF and JSON) [default: the current folder]
    #[arg(long, value_name = "DIR", default_value = ".")]
    confirmation_dir: PathBuf,
    /// Print the answer as JSON (for scripts) instead of text
    #[arg(long)]
    json: bool,
}

#[derive(Debug, Args)]
pub struct RestrictArgs {
    /// The customer's id or customer number
    customer: String,
    /// accuracy_contested, unlawful_processing, legal_claims or objection_pending (Art. 18(1)(a)-(d))
    #[arg(long)]
    ground: RestrictionGround,
    /// The restriction or objection request this answers
    #[arg(long)]
    request: Option<i64>,
    /// A note for the restriction's record
    #[arg(long)]
    note: Option<String>,
    /// Print the restriction and whom to tell of it as JSON (for scripts)
    #[arg(long)]
    json: bool,
}

#[derive(Debug, Args)]
pub struct UnrestrictArgs {
    /// The customer's id or customer number
    customer: String,
    /// The day the person was told that the restriction is lifted (Art. 18(3))
    #[arg(long, value_parser = parse_date)]
    notified_on: NaiveDate,
}

#[derive(Debug, Subcommand)]
pub enum ConsentCommand {
    /// Record a consent the customer gave (Art. 7(1)); prints the new id
    Give {
        /// The customer's id or customer number
        #[arg(long)]
        customer: String,
        /// What the consent is for, such as newsletter or sms
        #[arg(long)]
        purpose: String,
        /// Which version of the consent text the person was shown
        #[arg(long)]
        text_version: String,
        /// How it was given, such as web_form, email or paper
        #[arg(long)]
        channel: String,
        /// When: YYYY-MM-DD HH:MM in the shop's time zone, or RFC 3339 [default: now]
        #[arg(long)]
        at: Option<String>,
        /// Print the answer as JSON (for scripts) instead of text
        #[arg(long)]
        json: bool,
    },
    /// Withdraw a consent (Art. 7(3)): the purpose stops now, the proof is kept
    Withdraw {
        /// The consent's id (see `customer show`)
        id: i64,
        /// The withdrawal request this answers
        #[arg(long)]
        request: Option<i64>,
    },
    /// The purposes consented to; with --purpose and --out, the mailing list of those who consent to one now
    List {
        /// The purpose, such as newsletter or sms
        #[arg(long, requires = "out")]
        purpose: Option<String>,
        /// The CSV file to write the mailing list to (take it afresh before each send: withdrawals stop it at once)
        #[arg(long, requires = "purpose")]
        out: Option<PathBuf>,
        /// Print the answer as JSON (for scripts) instead of text
        #[arg(long)]
        json: bool,
    },
}

fn print_plan(plan: &ErasurePlan, rules: &output::Rules) {
    say!("Erasure of customer {} (pseudonym {}) on {}:", plan.number, plan.pseudonym, plan.on);
    let rows: Vec<Vec<String>> =
        plan.erased.iter().map(|e| vec![output::category(e.category), e.records.to_string()]).collect();
    output::table(&["erased", "records"], &rows);
    if plan.kept.is_empty() && plan.breaches.is_empty() {
        say!("\nNo record is kept under the law.");
    } else if !plan.kept.is_empty() {
        say!("\nKept, restricted, without the person's name (the law requires it):");
        let rows: Vec<Vec<String>> = plan
            .kept
            .iter()
            .map(|k| {
                let until = match (k.retain_until, k.pending) {
                    (Some(d), _) => d.to_string(),
                    (None, Some(KeptPending::HoldLifted)) => "while the legal hold lasts".into(),
                    (None, _) => "after the request is closed".into(),
                };
                vec![output::category(k.category), k.record.clone(), rules.text(&k.rule), until]
            })
            .collect();
        output::table(&["kept", "record", "rule", "until"], &rows);
    }
    let ids = &plan.kept_identifiers;
    let numbers = match ids.numbers.len() {
        1 => format!("their customer number {}", ids.numbers.join(", ")),
        _ => format!("their customer numbers {}", ids.numbers.join(", ")),
    };
    let email = if ids.email_checksum { ", and a checksum of the e-mail address (not the address)," } else { "" };
    say!("The customer's row keeps {numbers}{email} so that the shop's files do not add the person again.");
    if !plan.breaches.is_empty() {
        say!("\nThe record of personal data breaches keeps the link to the person, under the pseudonym:");
        let rows: Vec<Vec<String>> =
            plan.breaches.iter().map(|b| vec![b.breach.to_string(), b.aware_on.to_string(), b.law.clone()]).collect();
        output::table(&["breach", "became aware", "law"], &rows);
    }
    if plan.recipients.is_empty() {
        say!("\nNo processor or recipient in the records of processing receives these data.");
        return;
    }
    say!("\nTo be told of the erasure (GDPR Art. 19), as they received these data:");
    let rows: Vec<Vec<String>> = plan
        .recipients
        .iter()
        .map(|r| {
            let categories: Vec<String> = r.categories.iter().map(|&c| output::category(c)).collect();
            vec![r.name.clone(), r.role.to_string(), categories.join("; ")]
        })
        .collect();
    output::table(&["recipient", "role", "data"], &rows);
}

pub async fn erase(reg: &Register, args: EraseArgs) -> Result<(), Error> {
    let c = super::customer::find(reg, &args.customer).await?;
    let request = args.request.map(RequestId);
    let preview = reg.erasure_preview(c.id, request).await?;
    if args.dry_run && args.json {
        return output::json(&preview);
    }
    let rules = output::Rules::of(reg).await?;
    if args.dry_run {
        print_plan(&preview, &rules);
        return Ok(());
    }
    // The confirmation is the proof of the erasure (Art. 17, 5(2)): its
    // folder is checked before anything is erased, not after.
    kundvakt_core::files::check_folder(&args.confirmation_dir)?;
    if !args.json {
        print_plan(&preview, &rules);
        say!();
    }
    let question = format!("Erase customer {} now? This cannot be undone.", preview.number);
    if !confirm(&question, args.yes)? {
        say!("Nothing was erased.");
        return Ok(());
    }
    let plan = reg.erase_customer(c.id, request).await?;
    let mut written = vec![];
    for format in [Format::Pdf, Format::Json] {
        let g = reg.erasure_confirmation_of(&plan, format).await?;
        let path = args.confirmation_dir.join(format!("erasure-{}.{format}", plan.pseudonym));
        kundvakt_core::files::write_whole(&path, &g.bytes)?;
        written.push(path.display().to_string());
    }
    super::report::warn_if_nameless(reg).await?;
    if args.json {
        return output::json(&serde_json::json!({ "erasure": plan, "confirmation": written }));
    }
    let erased = output::count(plan.erased_count(), "record", "records");
    say!("Erased customer {}: {erased} erased, {} kept.", plan.number, plan.kept_count());
    say!(
        "Erasure confirmation: {} (`kundvakt report erased {}` makes it again later).",
        written.join(", "),
        plan.number
    );
    if !plan.recipients.is_empty() {
        let names: Vec<&str> = plan.recipients.iter().map(|r| r.name.as_str()).collect();
        say!("Tell them of the erasure now (GDPR Art. 19): {}.", names.join(", "));
    }
    if let Some(r) = request {
        say!("Once the confirmation is sent, record the answer: kundvakt request answer {r} --answer \"…\"");
    }
    Ok(())
}

pub async fn restrict(reg: &Register, args: RestrictArgs) -> Result<(), Error> {
    let c = super::customer::find(reg, &args.customer).await?;
    let r = reg.restrict_customer(c.id, args.ground, args.request.map(RequestId), args.note.as_deref()).await?;
    let told = reg.recipients_to_tell(c.id, None).await?;
    if args.json {
        return output::json(&serde_json::json!({ "id": r.id, "restriction": r, "recipients": told }));
    }
    say!("{}", r.id);
    // Beside the id that scripts read: whom the restriction must be told to.
    if !told.is_empty() {
        let names: Vec<&str> = told.iter().map(|r| r.name.as_str()).collect();
        eprintln!("Tell them of the restriction (GDPR Art. 19): {}.", names.join(", "));
    }
    Ok(())
}

pub async fn unrestrict(reg: &Register, args: UnrestrictArgs) -> Result<(), Error> {
    let c = super::customer::find(reg, &args.customer).await?;
    let r = reg.lift_restriction(c.id, args.notified_on).await?;
    say!("Lifted restriction {} of customer {} (the person was told on {}).", r.id, c.number, args.notified_on);
    Ok(())
}

pub async fn consent(reg: &Register, command: ConsentCommand) -> Result<(), Error> {
    match command {
        ConsentCommand::Give { customer, purpose, text_version, channel, at, json } => {
            let give = super::records::GiveConsent { customer, purpose, text_version, channel, at, json };
            return super::records::give_consent(reg, give).await;
        }
        ConsentCommand::Withdraw { id, request } => {
            let withdrawn = reg.withdraw_consent(ConsentId(id), request.map(RequestId)).await?;
            let purpose = withdrawn.first().map(|c| c.purpose.clone()).unwrap_or_default();
            match withdrawn.as_slice() {
                [c] => say!("Withdrew consent {} ({purpose}); the proof is kept.", c.id),
                _ => {
                    let ids: Vec<String> = withdrawn.iter().map(|c| c.id.to_string()).collect();
                    say!(
                        "Withdrew consents {} ({purpose}): every one of the customer's to the purpose that stood; \
                         the proof is kept.",
                        ids.join(", ")
                    );
                }
            }
        }
        ConsentCommand::List { purpose: Some(purpose), out: Some(out), json } => {
            let list = reg.export_consent_list(&purpose, &out).await?;
            if json {
                return output::json(&list);
            }
            say!(
                "Wrote {} ({} consenting to {} now{}; SHA-256 {}).",
                list.path,
                output::count(list.recipients, "customer", "customers"),
                list.purpose,
                match list.restricted_left_out {
                    0 => String::new(),
                    n => format!(", {n} restricted left out (Art. 18(2))"),
                },
                list.digest
            );
        }
        ConsentCommand::List { json, .. } => {
            let purposes = reg.consent_purposes().await?;
            if json {
                return output::json(&purposes);
            }
            let rows: Vec<Vec<String>> =
                purposes.iter().map(|p| vec![p.purpose.clone(), p.consenting.to_string()]).collect();
            output::table(&["purpose", "consenting now"], &rows);
        }
    }
    Ok(())
}
