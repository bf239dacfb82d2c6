//! `interaction add|edit|close|erase|move`, `consent give`, `signup
//! add|status|erase` and `web erase`: the notes, consents, course sign-ups
//! and web activity a shop records beside a customer's orders (PRODUCT.md
//! section 3).

use chrono::{DateTime, NaiveDate, Utc};
use clap::{Args, Subcommand};
use kundvakt_core::import::values::moment;
use kundvakt_core::processing::Category;
use kundvakt_core::register::{
    Channel, Direction, InteractionChanges, NewConsent, NewEventRegistration, NewInteraction, RegistrationStatus,
};
use kundvakt_core::values::{EventRegistrationId, InteractionId, RequestId, WebEventId};
use kundvakt_core::{Error, Register};

use super::order::parse_date;
use super::output;

#[derive(Debug, Subcommand)]
pub enum InteractionCommand {
    /// Note a call, meeting, e-mail, letter, document or web form; prints the new id
    Add {
        /// The customer's id or customer number
        #[arg(long)]
        customer: String,
        /// meeting, phone, email, letter, document or web_form
        #[arg(long)]
        channel: Channel,
        /// inbound (the customer got in touch) or outbound
        #[arg(long)]
        direction: Direction,
        /// What was said or sent
        #[arg(long)]
        summary: String,
        /// When: YYYY-MM-DD HH:MM in the shop's time zone, or RFC 3339 [default: now]
        #[arg(long)]
        at: Option<String>,
        /// Who at the shop took it
        #[arg(long)]
        staff: Option<String>,
        /// The day the matter closed, YYYY-MM-DD; retention counts from it
        #[arg(long, value_parser = parse_date)]
        closed_on: Option<NaiveDate>,
        /// It documents a business event (an agreement, a change of an order, a settled complaint): kept as the bookkeeping law keeps such correspondence
        #[arg(long)]
        bookkeeping: bool,
        /// Print the answer as JSON (for scripts) instead of text
        #[arg(long)]
        json: bool,
    },
    /// Correct a note (Art. 16); the audit trail records the correction
    Edit {
        /// The note's id (see `customer show`)
        id: i64,
        /// What was said or sent
        #[arg(long)]
        summary: Option<String>,
        /// Who at the shop took it ("" clears it)
        #[arg(long)]
        staff: Option<String>,
        /// meeting, phone, email, letter, document or web_form
        #[arg(long)]
        channel: Option<Channel>,
        /// inbound or outbound
        #[arg(long)]
        direction: Option<Direction>,
        /// true: it documents a business event, kept as the bookkeeping law keeps such correspondence; false: an ordinary note
        #[arg(long)]
        bookkeeping: Option<bool>,
        /// The person's request for rectification this answers (its identity check must be done)
        #[arg(long)]
        request: Option<i64>,
    },
    /// Close the matter of a note: its retention period starts that day
    Close {
        /// The note's id (see `customer show`)
        id: i64,
        /// The day the matter closed, YYYY-MM-DD [default: today]
        #[arg(long, value_parser = parse_date)]
        on: Option<NaiveDate>,
    },
    /// Erase one note for the person's request for erasure (Art. 17(1)), where they asked for that note and not for everything
    Erase {
        /// The note's id (see `customer show`)
        id: i64,
        #[command(flatten)]
        part: PartArgs,
        /// The note is under a legal hold: erase it for the request when the hold is lifted (Art. 17(3)(e))
        #[arg(long, conflicts_with_all = ["yes", "dry_run"])]
        when_lifted: bool,
    },
    /// Move a note filed under the wrong customer to the right one (Art. 16), with its corrections' old wordings
    Move {
        /// The note's id (see `customer show`)
        id: i64,
        /// The customer it is about: id or customer number
        #[arg(long)]
        to: String,
    },
}

/// How a part of a person's data is erased for their request for erasure.
#[derive(Debug, Args)]
pub struct PartArgs {
    /// The person's request for erasure this answers (its identity check must be done)
    #[arg(long)]
    request: i64,
    /// Do not ask for confirmation
    #[arg(long)]
    yes: bool,
    /// Say what would be erased, or why it may not be, and change nothing
    #[arg(long)]
    dry_run: bool,
}

/// What `--when-lifted` did, for the record `what` `id`.
fn held_back_said(what: &str, id: i64, request: RequestId) -> String {
    format!(
        "{what} {id} stays while the legal hold lasts and is erased for request {request} when it is lifted; \
         refuse that part of the request with that reason (GDPR Art. 17(3)(e))."
    )
}

impl PartArgs {
    /// Says what `--dry-run` would erase (`what`, which the register has
    /// checked may go), or asks unless `--yes`, then erases it with `erase`.
    /// Whether it was erased.
    async fn erase<T>(
        &self,
        what: &str,
        erase: impl std::future::Future<Output = Result<T, Error>>,
    ) -> Result<bool, Error> {
        let request = self.request;
        if self.dry_run {
            say!("Would erase {what} for request {request}; nothing was changed.");
            return Ok(false);
        }
        let question = format!("Erase {what} for request {request} now? This cannot be undone.");
        if !output::confirm(&question, self.yes)? {
            say!("Nothing was erased.");
            return Ok(false);
        }
        erase.await?;
        Ok(true)
    }
}

pub async fn interaction(reg: &Register, command: InteractionCommand) -> Result<(), Error> {
    match command {
        InteractionCommand::Add { customer, channel, direction, summary, at, staff, closed_on, bookkeeping, json } => {
            let customer = super::customer::find(reg, &customer).await?;
            let occurred_at = time(reg, at.as_deref(), "--at").await?;
            let customer_id = customer.id;
            let note =
                NewInteraction { customer_id, occurred_at, channel, direction, summary, staff, closed_on, bookkeeping };
            let saved = reg.add_interaction(&note).await?;
            created(saved.id.0, json)
        }
        InteractionCommand::Edit { id, summary, staff, channel, direction, bookkeeping, request } => {
            let changes = InteractionChanges { summary, staff, channel, direction, bookkeeping };
            let request = request.map(RequestId);
            let saved = reg.edit_interaction_answering(InteractionId(id), &changes, None, request).await?;
            say!("Note {} corrected; the audit trail records the correction and the old wording.", saved.id);
            if let Some(r) = request {
                say!("Recorded as the answer to request {r}.");
            }
            Ok(())
        }
        InteractionCommand::Close { id, on } => {
            let on = match on {
                Some(day) => day,
                None => reg.today().await?,
            };
            let saved = reg.close_interaction(InteractionId(id), on).await?;
            say!("The matter of note {} closed on {on}; its retention period starts there.", saved.id);
            Ok(())
        }
        InteractionCommand::Move { id, to } => {
            let to = super::customer::find(reg, &to).await?;
            let moved = reg.move_interaction(InteractionId(id), to.id).await?;
            say!("Note {} moved to customer {}; both customers' histories record the move.", moved.id, to.number);
            // The note was about the other person all along: a recipient of
            // the first customer's notes holds it under the wrong name (Art. 19).
            let told = reg.recipients_to_tell(to.id, Some(Category::Communications)).await?;
            if !told.is_empty() {
                let names: Vec<&str> = told.iter().map(|r| r.name.as_str()).collect();
                say!("If they received the note, tell them of the move (GDPR Art. 19): {}.", names.join(", "));
            }
            Ok(())
        }
        InteractionCommand::Erase { id, part, when_lifted: true } => {
            let request = RequestId(part.request);
            reg.hold_back_note_erasure(InteractionId(id), request).await?;
            say!("{}", held_back_said("Note", id, request));
            Ok(())
        }
        InteractionCommand::Erase { id, part, when_lifted: false } => {
            let (id, request) = (InteractionId(id), RequestId(part.request));
            let note = reg.note_erasure_preview(id, request).await?;
            let when = note.occurred_at.with_timezone(&reg.settings().await?.time_zone());
            let what = format!("note {id} ({} {}, {})", note.channel, note.direction, when.format("%Y-%m-%d %H:%M"));
            if part.erase(&what, reg.erase_note(id, request)).await? {
                say!("Note {id} erased for request {request}; the request records it, the note's words are gone.");
            }
            Ok(())
        }
    }
}

#[derive(Debug, Subcommand)]
pub enum SignupCommand {
    /// Sign a customer up for a course or an event; prints the new id
    Add {
        /// The customer's id or customer number
        #[arg(long)]
        customer: String,
        /// The course or event, such as "Sourdough baking"
        #[arg(long)]
        event: String,
        /// The day it takes place, YYYY-MM-DD; the sign-up is kept a set time after it
        #[arg(long, value_parser = parse_date)]
        date: NaiveDate,
        /// registered, attended or cancelled
        #[arg(long, default_value = "registered")]
        status: RegistrationStatus,
        /// Print the answer as JSON (for scripts) instead of text
        #[arg(long)]
        json: bool,
    },
    /// Mark a sign-up attended or cancelled (or registered again)
    Status {
        /// The sign-up's id (see `customer show`)
        id: i64,
        /// registered, attended or cancelled
        status: RegistrationStatus,
    },
    /// Erase one sign-up for the person's request for erasure (Art. 17(1)), where they asked for that and not for everything
    Erase {
        /// The sign-up's id (see `customer show`)
        id: i64,
        #[command(flatten)]
        part: PartArgs,
        /// The sign-up is under a legal hold: erase it for the request when the hold is lifted (Art. 17(3)(e))
        #[arg(long, conflicts_with_all = ["yes", "dry_run"])]
        when_lifted: bool,
    },
}

pub async fn signup(reg: &Register, command: SignupCommand) -> Result<(), Error> {
    match command {
        SignupCommand::Add { customer, event, date, status, json } => {
            let customer = super::customer::find(reg, &customer).await?;
            let signup = NewEventRegistration { customer_id: customer.id, event_name: event, event_date: date, status };
            let saved = reg.add_event_registration(&signup).await?;
            created(saved.id.0, json)
        }
        SignupCommand::Status { id, status } => {
            let saved = reg.set_registration_status(EventRegistrationId(id), status).await?;
            say!("Sign-up {} for {} on {} is {status}.", saved.id, saved.event_name, saved.event_date);
            Ok(())
        }
        SignupCommand::Erase { id, part, when_lifted: true } => {
            let request = RequestId(part.request);
            reg.hold_back_signup_erasure(EventRegistrationId(id), request).await?;
            say!("{}", held_back_said("Sign-up", id, request));
            Ok(())
        }
        SignupCommand::Erase { id, part, when_lifted: false } => {
            let (id, request) = (EventRegistrationId(id), RequestId(part.request));
            let signup = reg.signup_erasure_preview(id, request).await?;
            let what = format!("sign-up {id} ({}, {})", signup.event_name, signup.event_date);
            if part.erase(&what, reg.erase_signup(id, request)).await? {
                say!("Sign-up {id} erased for request {request}; the request records the day of its event, nothing more.");
            }
            Ok(())
        }
    }
}

#[derive(Debug, Subcommand)]
pub enum WebCommand {
    /// Erase all of a customer's web activity (times, IP addresses, actions) for their request for erasure, or their objection you accepted (Art. 17(1)), where they asked for that and not for everything
    Erase {
        /// The customer's id or customer number
        customer: String,
        #[command(flatten)]
        part: PartArgs,
    },
    /// Erase one web event alone (its time, IP address and action; the id is in `customer show`) for the person's request for erasure or accepted objection (Art. 17(1)): "delete the record of that visit"
    EraseEvent {
        /// The web event's id
        event: i64,
        #[command(flatten)]
        part: PartArgs,
    },
    /// Stop recording a customer's web activity, for their objection you accepted (Art. 21(1)): a web log's rows about them are skipped from now on
    Stop {
        /// The customer's id or customer number
        customer: String,
        /// The objection request it answers (open, the identity verified)
        #[arg(long)]
        request: i64,
    },
    /// Record a customer's web activity again: they withdrew their objection, or it was recorded by mistake
    Resume {
        /// The customer's id or customer number
        customer: String,
    },
}

pub async fn web(reg: &Register, command: WebCommand) -> Result<(), Error> {
    match command {
        WebCommand::Stop { customer, request } => {
            let customer = super::customer::find(reg, &customer).await?;
            reg.stop_web_activity(customer.id, RequestId(request)).await?;
            say!(
                "Web activity of customer {} is no longer recorded (their objection, request {request}); a web log's rows about them are skipped. Erase what was recorded with `kundvakt web erase {} --request {request}` if they asked for that too.",
                customer.number,
                customer.number
            );
            // The site sends their visits on by itself (analytics, pixels): the objection reaches that processing too.
            let told = reg.recipients_to_tell(customer.id, Some(Category::WebActivity)).await?;
            if !told.is_empty() {
                let names: Vec<&str> = told.iter().map(|r| r.name.as_str()).collect();
                say!(
                    "Their web activity also reaches {} (the record of processing): see to it that they stop processing it for this person too (GDPR Art. 21(1)).",
                    names.join(", ")
                );
            }
            Ok(())
        }
        WebCommand::Resume { customer } => {
            let customer = super::customer::find(reg, &customer).await?;
            reg.resume_web_activity(customer.id).await?;
            say!("Web activity of customer {} is recorded again.", customer.number);
            Ok(())
        }
        WebCommand::EraseEvent { event, part } => erase_event(reg, event, part).await,
        WebCommand::Erase { customer, part } => {
            let customer = super::customer::find(reg, &customer).await?;
            let request = RequestId(part.request);
            let seen = reg.web_activity_erasure_preview(customer.id, request).await?;
            let zone = reg.settings().await?.time_zone();
            let (first, last) = (seen.first_at.with_timezone(&zone), seen.last_at.with_timezone(&zone));
            let mut what = format!(
                "the web activity of customer {} ({}, {} to {})",
                customer.number,
                output::count(seen.events, "event", "events"),
                first.format("%Y-%m-%d %H:%M"),
                last.format("%Y-%m-%d %H:%M")
            );
            if seen.held > 0 {
                what.push_str(&format!(", not the {} kept by a legal hold,", seen.held));
            }
            if part.erase(&what, reg.erase_web_activity(customer.id, request)).await? {
                say!(
                    "Web activity of customer {} erased for request {request}; the request records how many events and when, and a web log imported again does not bring them back.",
                    customer.number
                );
                if seen.held > 0 {
                    say!(
                        "Kept by a legal hold, and not erased: {} (GDPR Art. 17(3)(e)); refuse that part of the request with this reason.",
                        seen.held
                    );
                }
            }
            Ok(())
        }
    }
}

/// `web erase-event`: says which visit, asks, erases it alone.
async fn erase_event(reg: &Register, event: i64, part: PartArgs) -> Result<(), Error> {
    let request = RequestId(part.request);
    let seen = reg.web_event_erasure_preview(WebEventId(event), request).await?;
    let zone = reg.settings().await?.time_zone();
    let what =
        format!("web event {event} ({} from {}, {})", output::minute(seen.occurred_at, zone), seen.ip, seen.action);
    if part.erase(&what, reg.erase_web_event(WebEventId(event), request)).await? {
        say!(
            "Web event {event} erased for request {request}; the request records it as one event at its time, and a web log imported again does not bring that visit back."
        );
    }
    Ok(())
}

/// `consent give`.
pub struct GiveConsent {
    pub customer: String,
    pub purpose: String,
    pub text_version: String,
    pub channel: String,
    pub at: Option<String>,
    pub json: bool,
}

pub async fn give_consent(reg: &Register, c: GiveConsent) -> Result<(), Error> {
    let customer = super::customer::find(reg, &c.customer).await?;
    let given_at = time(reg, c.at.as_deref(), "--at").await?;
    let consent = NewConsent {
        customer_id: customer.id,
        purpose: c.purpose,
        text_version: c.text_version,
        given_at,
        channel: c.channel,
    };
    let saved = reg.add_consent(&consent).await?;
    created(saved.id.0, c.json)
}

fn created(id: i64, json: bool) -> Result<(), Error> {
    if json {
        output::json(&serde_json::json!({ "id": id }))
    } else {
        say!("{id}");
        Ok(())
    }
}

/// `text` as a moment (RFC 3339, or a date and time on the shop's clock); none is now.
async fn time(reg: &Register, text: Option<&str>, place: &str) -> Result<DateTime<Utc>, Error> {
    let Some(text) = text else { return Ok(kundvakt_core::store::now()) };
    let zone = reg.settings().await?.time_zone();
    moment(text, zone).map_err(|why| Error::invalid(place, why))
}
