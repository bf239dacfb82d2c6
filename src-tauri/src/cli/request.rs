//! `request open|list|show|verify|start|extend|answer|refuse|close`.

use std::path::PathBuf;

use chrono::NaiveDate;
use clap::Subcommand;
use kundvakt_core::requests::{Asker, ListFilter, RequestKind, RequestView, Step};
use kundvakt_core::values::{Language, RequestId};
use kundvakt_core::{Error, Register};

use super::order::parse_date;
use super::output::{self, opt};

#[derive(Debug, Subcommand)]
pub enum RequestCommand {
    /// Log a request received from a customer, or from someone the register has no customer for; prints the new id
    #[command(group(clap::ArgGroup::new("from").required(true).args(["customer", "person"])))]
    Open {
        /// The customer's id or customer number
        #[arg(long)]
        customer: Option<String>,
        /// Someone the register has no customer for, as they named themselves: their name and how to reach them
        /// ("Eva Ek, eva@example.se"). They are owed an answer too, if only that nothing of them is held (Art. 15(1));
        /// `request link` links the request to a customer found later
        #[arg(long, value_name = "NAME AND CONTACT")]
        person: Option<String>,
        /// The language of the letters to that person (sv, nb or en) [default: the register's]
        #[arg(long, requires = "person")]
        lang: Option<Language>,
        /// access, rectification, erasure, restriction, portability, objection or withdraw_consent
        #[arg(long)]
        kind: RequestKind,
        /// The day it was received, YYYY-MM-DD [default: today]
        #[arg(long, value_parser = parse_date)]
        received: Option<NaiveDate>,
        /// How it arrived (e-mail, letter, phone, in person, web form)
        #[arg(long)]
        channel: Option<String>,
        /// Print the answer as JSON (for scripts) instead of text
        #[arg(long)]
        json: bool,
    },
    /// The inbox: open requests, most urgent first
    List {
        /// Count days left as on this day [default: today]
        #[arg(long, value_parser = parse_date)]
        as_of: Option<NaiveDate>,
        /// Answered, refused and closed requests too
        #[arg(long)]
        all: bool,
        /// Write the list to this CSV file (UTF-8, `;`), each request with
        /// its deadline and the day of each step; audited
        #[arg(long, value_name = "FILE", conflicts_with = "json")]
        csv: Option<PathBuf>,
        /// Print the answer as JSON (for scripts) instead of text
        #[arg(long)]
        json: bool,
    },
    /// One request, with its deadline and every step taken
    Show {
        /// The request's id
        id: i64,
        /// Count days left as on this day [default: today]
        #[arg(long, value_parser = parse_date)]
        as_of: Option<NaiveDate>,
        /// Print the answer as JSON (for scripts) instead of text
        #[arg(long)]
        json: bool,
    },
    /// The person's identity is verified
    Verify {
        /// The request's id
        id: i64,
        /// How it was checked, for the request's record: "BankID", "from the e-mail address in the register"
        #[arg(long)]
        how: Option<String>,
        #[command(flatten)]
        on: OnArg,
    },
    /// Work on the request has started
    Start {
        /// The request's id
        id: i64,
        #[command(flatten)]
        on: OnArg,
    },
    /// Extend the deadline by two months (Art. 12(3)); by the first deadline, with the reason told to the person
    Extend {
        /// The request's id
        id: i64,
        /// Why: told to the person with the extension or refusal (Art. 12(3)-(5))
        #[arg(long)]
        reason: String,
        #[command(flatten)]
        on: OnArg,
    },
    /// Record the answer given
    Answer {
        /// The request's id
        id: i64,
        /// What was done or sent, for the request's record
        #[arg(long)]
        answer: String,
        #[command(flatten)]
        on: OnArg,
    },
    /// Refuse the request, with the reason (Art. 12(4))
    Refuse {
        /// The request's id
        id: i64,
        /// Why: told to the person with the extension or refusal (Art. 12(3)-(5))
        #[arg(long)]
        reason: String,
        #[command(flatten)]
        on: OnArg,
    },
    /// Close an answered or refused request
    Close {
        /// The request's id
        id: i64,
        #[command(flatten)]
        on: OnArg,
    },
    /// Link an open request from someone the register had no customer for (or one a restore carried over without
    /// its customer) to the customer it is about, once found
    Link {
        /// The request's id
        id: i64,
        /// The customer's id or customer number
        #[arg(long)]
        customer: String,
    },
}

#[derive(Debug, clap::Args)]
pub struct OnArg {
    /// The day the step happened, YYYY-MM-DD [default: today]
    #[arg(long, value_parser = parse_date)]
    on: Option<NaiveDate>,
}

pub async fn run(reg: &Register, command: RequestCommand) -> Result<(), Error> {
    let (id, step, on) = match command {
        RequestCommand::Open { customer, person, lang, kind, received, channel, json } => {
            let from = match (customer, person) {
                (Some(customer), _) => Asker::Customer(super::customer::find(reg, &customer).await?.id),
                (None, person) => Asker::Person { name: person.unwrap_or_default(), language: lang },
            };
            let r = reg.open_request_from(&from, kind, received, channel.as_deref()).await?;
            if r.received_on > reg.today().await? {
                eprintln!("note: request {} is dated {}, which is in the future", r.id, r.received_on);
            }
            return if json {
                let view = reg.request_view(r.id, reg.today().await?).await?;
                output::json(&view)
            } else {
                say!("{}", r.id);
                Ok(())
            };
        }
        RequestCommand::List { as_of, all, csv, json } => {
            let as_of = match as_of {
                Some(d) => d,
                None => reg.today().await?,
            };
            if let Some(out) = csv {
                let language = reg.settings().await?.language();
                let file = reg.export_requests(as_of, ListFilter { include_done: all }, language, &out).await?;
                let requests = output::count(file.requests, "request", "requests");
                say!("Wrote {} ({requests}, SHA-256 {}).", file.path, file.digest);
                return Ok(());
            }
            let views = reg.list_requests(as_of, ListFilter { include_done: all }).await?;
            return if json { output::json(&views) } else { print_list(&views) };
        }
        RequestCommand::Show { id, as_of, json } => {
            let as_of = match as_of {
                Some(d) => d,
                None => reg.today().await?,
            };
            let detail = reg.request_detail(RequestId(id), as_of).await?;
            let zone = reg.settings().await?.time_zone();
            return if json {
                output::json(&detail)
            } else {
                print_one(&detail.request);
                if let Some(e) = detail.customer_erased {
                    print_erased(&detail.request, e, zone);
                }
                if detail.request.customer.is_none() && detail.request.state.is_open() {
                    say!(
                        "\nThe register has no customer for them. Search it for every name, e-mail address and number \
                         they gave (`kundvakt customer search TEXT`): if one is theirs, `kundvakt request link {} \
                         --customer NUMBER` makes this that customer's request. If none is, answer that nothing of \
                         them is held (GDPR Art. 15(1)).",
                        detail.request.id
                    );
                }
                super::customer::print_maybe_same(&detail.maybe_same, detail.maybe_same_more);
                say!("\nSteps");
                let rows: Vec<Vec<String>> = detail
                    .steps
                    .iter()
                    .map(|e| {
                        vec![output::minute(e.entry.at, zone), output::action(&e.entry.action), e.entry.actor.clone()]
                    })
                    .collect();
                output::table(&["recorded", "step", "by"], &rows);
                say!("\nDocuments produced");
                let rows: Vec<Vec<String>> = detail
                    .documents
                    .iter()
                    .map(|d| {
                        vec![
                            output::minute(d.created_at, zone),
                            d.kind.to_string(),
                            d.format.to_string(),
                            d.language.to_string(),
                            d.digest.clone(),
                            opt(&d.actor),
                        ]
                    })
                    .collect();
                output::table(&["produced", "document", "format", "language", "SHA-256", "by"], &rows);
                if detail.request.kind == RequestKind::Rectification {
                    say!("\nCorrections made for it (the old values kept by the audit trail)");
                    super::customer::print_corrections(&detail.corrections, zone);
                }
                // Some details erased at the person's request (Art. 17(1)), where that is what answered it.
                if detail.request.kind == RequestKind::Erasure && !detail.corrections.is_empty() {
                    say!("\nDetails removed for it (their values are not kept)");
                    super::customer::print_corrections(&detail.corrections, zone);
                }
                if !detail.notes_erased.is_empty() {
                    say!("\nNotes erased for it (their words are gone)");
                    let rows: Vec<Vec<String>> = detail
                        .notes_erased
                        .iter()
                        .map(|e| {
                            vec![
                                output::minute(e.erased_at, zone),
                                format!("note {}", e.note_id),
                                format!("{} {}", e.channel, e.direction),
                                output::minute(e.occurred_at, zone),
                                e.erased_by.clone(),
                            ]
                        })
                        .collect();
                    output::table(&["erased", "note", "how", "of the contact", "by"], &rows);
                }
                if !detail.signups_erased.is_empty() {
                    say!("\nSign-ups erased for it");
                    let rows: Vec<Vec<String>> = detail
                        .signups_erased
                        .iter()
                        .map(|e| {
                            vec![
                                output::minute(e.erased_at, zone),
                                format!("sign-up {}", e.signup_id),
                                e.event_date.to_string(),
                                e.erased_by.clone(),
                            ]
                        })
                        .collect();
                    output::table(&["erased", "sign-up", "for the day of", "by"], &rows);
                }
                if !detail.web_activity_erased.is_empty() {
                    say!("\nWeb activity erased for it (the addresses are gone)");
                    let rows: Vec<Vec<String>> = detail
                        .web_activity_erased
                        .iter()
                        .map(|e| {
                            vec![
                                output::minute(e.erased_at, zone),
                                e.events.to_string(),
                                output::minute(e.first_at, zone),
                                output::minute(e.last_at, zone),
                                e.held.to_string(),
                                e.erased_by.clone(),
                            ]
                        })
                        .collect();
                    let titles = ["erased", "events", "first", "last", "kept by a hold", "by"];
                    output::table(&titles, &rows);
                }
                if !detail.held_back.is_empty() {
                    say!("\nKept by a legal hold, erased for it when the hold is lifted");
                    let rows: Vec<Vec<String>> = detail
                        .held_back
                        .iter()
                        .map(|b| {
                            let when = match (b.occurred_at, b.event_date) {
                                (Some(at), _) => output::minute(at, zone),
                                (None, Some(day)) => day.to_string(),
                                (None, None) => String::new(),
                            };
                            vec![
                                format!("{} {}", b.entity, b.entity_id),
                                when,
                                b.held_at.with_timezone(&zone).format("%Y-%m-%d").to_string(),
                            ]
                        })
                        .collect();
                    output::table(&["record", "of", "since"], &rows);
                }
                Ok(())
            };
        }
        RequestCommand::Link { id, customer } => {
            let c = super::customer::find(reg, &customer).await?;
            let r = reg.link_request(RequestId(id), c.id).await?;
            say!("Request {} is customer {}'s now; who asked is named by their record.", r.id, c.number);
            return Ok(());
        }
        RequestCommand::Verify { id, how, on } => (id, Step::Verify { how }, on.on),
        RequestCommand::Start { id, on } => (id, Step::Start, on.on),
        RequestCommand::Extend { id, reason, on } => (id, Step::Extend { reason }, on.on),
        RequestCommand::Answer { id, answer, on } => (id, Step::Answer { answer }, on.on),
        RequestCommand::Refuse { id, reason, on } => (id, Step::Refuse { reason }, on.on),
        RequestCommand::Close { id, on } => (id, Step::Close, on.on),
    };
    let r = reg.request_step(RequestId(id), step, on).await?;
    say!("Request {} is {}; due {}.", r.id, output::request_state(r.state), r.due_date());
    Ok(())
}

/// The days to the deadline in words: "1 day left", "3 days late".
fn days_left(days: i64) -> String {
    match days {
        0.. => format!("{} left", output::count(days, "day", "days")),
        _ => format!("{} late", output::count(-days, "day", "days")),
    }
}

fn flag(v: &RequestView) -> &'static str {
    if v.overdue {
        "OVERDUE"
    } else if v.due_soon {
        "due soon"
    } else {
        ""
    }
}

fn print_list(views: &[RequestView]) -> Result<(), Error> {
    let rows: Vec<Vec<String>> = views
        .iter()
        .map(|v| {
            vec![
                v.id.to_string(),
                who(v),
                output::request_kind(v.kind),
                output::request_state(v.state),
                v.received.to_string(),
                v.due_date.to_string(),
                if v.state.is_open() { v.days_left.to_string() } else { String::new() },
                flag(v).to_owned(),
            ]
        })
        .collect();
    output::table(&["id", "customer", "kind", "state", "received", "due", "days left", ""], &rows);
    Ok(())
}

/// Whom a request is from: the customer's number and name, or, for someone
/// the register has no customer for, how they named themselves.
fn who(v: &RequestView) -> String {
    match &v.requester {
        Some(person) => format!("{person} (no customer in the register)"),
        None => format!("{} {}", opt(&v.customer_number), opt(&v.customer_name)).trim().to_owned(),
    }
}

fn print_one(v: &RequestView) {
    let date = |d: Option<NaiveDate>| d.map(|d| d.to_string()).unwrap_or_default();
    for (label, value) in [
        ("Request", format!("{}, {}", v.id, output::request_kind(v.kind))),
        ("Customer", who(v)),
        ("State", output::request_state(v.state)),
        ("Received", format!("{} {}", v.received, v.channel.as_deref().map(|c| format!("by {c}")).unwrap_or_default())),
        ("Due", format!("{} ({} on {}) {}", v.due_date, days_left(v.days_left), v.as_of, flag(v))),
        ("First deadline", v.first_due_date.to_string()),
        ("Extended to", format!("{} {}", date(v.extended_due_date), opt(&v.extension_reason))),
        ("Verified", format!("{} {}", date(v.verified_on), opt(&v.verification))),
        ("Started", date(v.started_on)),
        ("Answered", format!("{} {}", date(v.answered_on), opt(&v.answer))),
        ("Refused", opt(&v.refusal_reason)),
        ("Closed", date(v.closed_on)),
    ] {
        let value = value.trim();
        say!("{label:<15} {}", if value.is_empty() { "—" } else { value });
    }
}

/// Of a customer erased whole: when, and what is left to tell them (Art. 12(4)).
fn print_erased(v: &RequestView, e: kundvakt_core::requests::CustomerErased, zone: chrono_tz::Tz) {
    let number = opt(&v.customer_number);
    let why = match e.request {
        Some(r) if r == v.id => " for this request".to_owned(),
        Some(r) => format!(" for request {r}"),
        None => String::new(),
    };
    say!("\nCustomer {number} was erased{why} on {}.", output::minute(e.at, zone));
    if e.request != Some(v.id) {
        say!(
            "Nothing of them is left to act on but what the law keeps, restricted (GDPR Art. 18(2)); answer saying so."
        );
    }
    let command = format!("kundvakt report erased {number} --format pdf --out FILE --request {}", v.id);
    say!("Their erasure confirmation says what is kept and until when: `{command}` makes it for this request.");
}

#[cfg(test)]
mod tests {
    #[test]
    fn the_days_to_a_deadline_are_said_in_words() {
        assert_eq!(super::days_left(1), "1 day left");
        assert_eq!(super::days_left(0), "0 days left");
        assert_eq!(super::days_left(-3), "3 days late");
        assert_eq!(super::days_left(-1), "1 day late");
    }
}
