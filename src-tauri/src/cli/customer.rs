//! `customer add|show|edit|shop-number|merge|search|list`.

use clap::{Args, Subcommand};
use kundvakt_core::audit::corrections::Correction;
use kundvakt_core::processing::Category;
use kundvakt_core::register::likeness::{Likeness, MaybeSame};
use kundvakt_core::register::merge::Moved;
use kundvakt_core::register::unmerge::UNDO_DAYS;
use kundvakt_core::register::{phone, Customer, CustomerChanges, CustomerInput, CustomerPage, Found};
use kundvakt_core::requests::RequestKind;
use kundvakt_core::retention::due::RecordKind;
use kundvakt_core::retention::erasure::ErasedBy;
use kundvakt_core::settings::Settings;
use kundvakt_core::values::{RequestId, ShopCountry};
use kundvakt_core::{Error, Message, Register};

use super::output::{self, confirm, opt};

#[derive(Debug, Subcommand)]
pub enum CustomerCommand {
    /// Add a customer; prints the new id
    Add {
        #[command(flatten)]
        fields: FieldArgs,
        /// Print the answer as JSON (for scripts) instead of text
        #[arg(long)]
        json: bool,
    },
    /// Everything the register holds about a customer (by id or customer number)
    Show {
        /// The customer's id or customer number
        customer: String,
        /// Print the answer as JSON (for scripts) instead of text
        #[arg(long)]
        json: bool,
    },
    /// Change a customer's details; an empty value clears a field
    Edit {
        /// The customer's id or customer number
        customer: String,
        #[command(flatten)]
        fields: FieldArgs,
        /// Refuse if the customer changed since this version was read
        #[arg(long, value_name = "VERSION")]
        expect_version: Option<i64>,
        /// The person's request this answers: for rectification, or to erase the details the edit empties (its identity check must be done)
        #[arg(long)]
        request: Option<i64>,
        /// Print the answer as JSON (for scripts) instead of text
        #[arg(long)]
        json: bool,
    },
    /// Record a number the web shop knows the customer by, besides the register's (or --remove it)
    ShopNumber {
        /// The customer's id or customer number
        customer: String,
        /// The web shop's id of the customer, as its files name them
        number: String,
        /// Take the number away instead (a customer file's row matched to the wrong person)
        #[arg(long)]
        remove: bool,
        /// Print the customer's shop numbers as JSON (for scripts) instead of text
        #[arg(long)]
        json: bool,
    },
    /// Merge a customer into another who is the same person: their records move over, their number finds the one kept
    Merge {
        /// The customer kept (id or customer number)
        keep: String,
        /// The customer merged into them, whose row is retired (id or customer number)
        other: String,
        /// Show what would move and what would not be kept, change nothing
        #[arg(long)]
        dry_run: bool,
        /// Confirm without asking (scripts)
        #[arg(long)]
        yes: bool,
        /// Print the answer as JSON (for scripts) instead of text
        #[arg(long)]
        json: bool,
    },
    /// Undo a merge, for thirty days after it: the customer merged (by the number they had) gets back their details and the records the merge moved
    Unmerge {
        /// The customer merged into another, by the customer number they had (or their id)
        customer: String,
        /// Show whom it would give back, with which details and records, change nothing
        #[arg(long)]
        dry_run: bool,
        /// Confirm without asking (scripts)
        #[arg(long)]
        yes: bool,
        /// Print the answer as JSON (for scripts) instead of text
        #[arg(long)]
        json: bool,
    },
    /// Find customers by name, e-mail, phone or customer number (prefixes, any case, with or without accents), or by the number of an order or invoice of theirs
    Search {
        /// Words to find, such as "asa ober" or "0701"
        query: String,
        /// At most this many customers
        #[arg(long, default_value_t = 20)]
        limit: i64,
        /// Print the answer as JSON (for scripts) instead of text
        #[arg(long)]
        json: bool,
    },
    /// All customers in name order, a page at a time
    List {
        /// Skip this many customers first
        #[arg(long, default_value_t = 0)]
        offset: i64,
        /// At most this many customers
        #[arg(long, default_value_t = 50)]
        limit: i64,
        /// Print the answer as JSON (for scripts) instead of text
        #[arg(long)]
        json: bool,
    },
}

#[derive(Debug, Args)]
pub struct FieldArgs {
    /// The shop's customer number [default on add: K and the id]
    #[arg(long)]
    number: Option<String>,
    /// The customer's full name
    #[arg(long)]
    name: Option<String>,
    /// E-mail address (unique in the register)
    #[arg(long)]
    email: Option<String>,
    /// Phone number; stored in E.164 (+46...) where the country is known
    #[arg(long)]
    phone: Option<String>,
    /// Street address
    #[arg(long, visible_alias = "address")]
    street: Option<String>,
    /// Postal code
    #[arg(long)]
    postal_code: Option<String>,
    /// City
    #[arg(long)]
    city: Option<String>,
    /// ISO 3166 code (SE, NO, ...) or the country's name [default on add: the shop's country]
    #[arg(long)]
    country: Option<String>,
    /// sv, nb or en [default on add: the shop's language]
    #[arg(long)]
    language: Option<String>,
}

impl FieldArgs {
    fn into_input(self) -> CustomerInput {
        CustomerInput {
            number: self.number,
            name: self.name,
            email: self.email,
            phone: self.phone,
            street: self.street,
            postal_code: self.postal_code,
            city: self.city,
            country: self.country,
            language: self.language,
        }
    }
}

pub async fn run(reg: &Register, command: CustomerCommand) -> Result<(), Error> {
    match command {
        CustomerCommand::Add { fields, json } => {
            let c = reg.add_customer(&fields.into_input()).await?;
            if json {
                output::json(&serde_json::json!({ "id": c.id, "number": c.number, "version": c.version }))
            } else {
                say!("{}", c.id);
                Ok(())
            }
        }
        CustomerCommand::Show { customer, json } => {
            let c = find(reg, &customer).await?;
            let page = reg.customer_page(c.id).await?;
            if json {
                output::json(&page)?;
            } else {
                print_page(&page, reg.settings().await?.time_zone());
            }
            // Details saved before today's checks: said, with how to correct them (Art. 5(1)(d)).
            for p in &page.problems {
                let flag = p.field.replace('_', "-");
                eprintln!(
                    "warning: {}: {} (correct it: kundvakt customer edit {} --{flag} VALUE)",
                    p.field, p.message, page.customer.number
                );
            }
            Ok(())
        }
        CustomerCommand::Edit { customer, fields, expect_version, request, json } => {
            let c = find(reg, &customer).await?;
            let changes = CustomerChanges { fields: fields.into_input() };
            if changes.is_empty() {
                return Err(Error::invalid(
                    "customer edit",
                    Message::english("name at least one field to change, such as --phone"),
                ));
            }
            let request = request.map(RequestId);
            let updated = reg.edit_customer_answering(c.id, &changes, expect_version, request).await?;
            // A correction of what recipients received is theirs to learn too
            // (Art. 19); a change of the language alone corrects nothing they hold.
            // A save that changed nothing (the same number written another way) tells no one.
            let told = match changes.corrects_details() && updated.version != c.version {
                true => reg.recipients_to_tell(c.id, Some(Category::IdentityContact)).await?,
                false => vec![],
            };
            if json {
                // The customer as saved, and beside its fields whom to tell.
                let mut saved =
                    serde_json::to_value(&updated).map_err(|e| Error::Internal(format!("cannot write JSON: {e}")))?;
                if let Some(fields) = saved.as_object_mut() {
                    fields.insert("recipients_to_tell".into(), serde_json::json!(told));
                }
                return output::json(&saved);
            }
            if updated.version == c.version {
                say!(
                    "Customer {} is unchanged: the values given are those held (version {}).",
                    updated.number,
                    updated.version
                );
                return Ok(());
            }
            say!("Saved customer {} (version {}).", updated.number, updated.version);
            // Details removed for a request to erase them are an erasure: their values are not kept (Art. 17(1)).
            let erased = match request {
                Some(r) => reg.request(r).await?.kind == RequestKind::Erasure,
                None => false,
            };
            match request {
                Some(r) if erased => say!("Recorded as the answer to request {r}; the removed values are not kept."),
                Some(r) => say!("Recorded as the answer to request {r}; the audit trail keeps the old values."),
                None => {}
            }
            if !told.is_empty() {
                let names: Vec<&str> = told.iter().map(|r| r.name.as_str()).collect();
                // Art. 19 covers both.
                let (old, change) = if erased { ("removed", "erasure") } else { ("old", "correction") };
                say!(
                    "If they received the {old} details, tell them of the {change} (GDPR Art. 19): {}.",
                    names.join(", ")
                );
            }
            Ok(())
        }
        CustomerCommand::ShopNumber { customer, number, remove, json } => {
            let c = find(reg, &customer).await?;
            let numbers = match remove {
                true => reg.remove_shop_number(c.id, &number).await?,
                false => reg.add_shop_number(c.id, &number).await?,
            };
            if json {
                return output::json(&serde_json::json!({ "number": c.number, "shop_numbers": numbers }));
            }
            match numbers.is_empty() {
                true => say!("Customer {} has no web shop numbers besides their own.", c.number),
                false => say!("Web shop numbers of customer {}: {}.", c.number, numbers.join(", ")),
            }
            Ok(())
        }
        CustomerCommand::Merge { keep, other, dry_run, yes, json } => {
            merge(reg, (&keep, &other), dry_run, yes, json).await
        }
        CustomerCommand::Unmerge { customer, dry_run, yes, json } => unmerge(reg, &customer, dry_run, yes, json).await,
        CustomerCommand::Search { query, limit, json } => {
            let found = reg.look_up(&query, limit).await?;
            let settings = reg.settings().await?;
            let said = found_said(&found, query.trim(), &settings);
            // A script reads the customers from stdout as before; what is
            // said of them (whose a voucher is, an erasure) is its note.
            if json {
                output::json(&found.customers)?;
                for line in said {
                    eprintln!("note: {line}");
                }
            } else {
                print_customers(&found.customers, settings.country());
                for line in said {
                    say!("{line}");
                }
            }
            if !query.chars().any(char::is_alphanumeric) {
                eprintln!("note: nothing to search for; give a name, e-mail, phone or customer number (`customer list` lists everyone)");
            }
            Ok(())
        }
        CustomerCommand::List { offset, limit, json } => {
            let page = reg.list_customers(offset, limit).await?;
            if json {
                output::json(&page)
            } else {
                print_customers(&page.items, reg.settings().await?.country());
                let last = page.offset + page.items.len() as i64;
                match page.items.is_empty() {
                    true => say!("none from {} on; the register has {}", page.offset + 1, page.total),
                    false if last < page.total => {
                        say!("{} to {last} of {}; the next page: add --offset {last}", page.offset + 1, page.total)
                    }
                    false => say!("{} to {last} of {}", page.offset + 1, page.total),
                }
                Ok(())
            }
        }
    }
}

/// What `customer search` says beneath the customers it found about the
/// query: the address a merge did not keep, the order or invoice it is the
/// number of, or the customer erased it names.
fn found_said(found: &Found, query: &str, settings: &Settings) -> Vec<String> {
    let day = |at: chrono::DateTime<chrono::Utc>| settings.day_of(at);
    let mut said = Vec::new();
    if let Some(into) = &found.merged {
        said.push(format!(
            "{query} was the address of customer {}, merged into {} on {}.",
            into.merged_number,
            into.number,
            day(into.merged_at)
        ));
    }
    if let Some(v) = &found.voucher {
        let kind = if v.kind == RecordKind::Order { "Order" } else { "Invoice" };
        said.push(format!("{kind} {} belongs to customer {}.", v.number, v.customer_number));
    }
    if let Some(e) = &found.erased {
        let asked = e.request_id.map(|r| format!(" for request {r}")).unwrap_or_default();
        let had = if e.by == ErasedBy::Email { " had this e-mail address and" } else { "" };
        said.push(format!(
            "Customer {}{had} was erased on {}{asked}; the records the law keeps are under the pseudonym {} (`customer show {}` lists them).",
            e.number,
            day(e.erased_at),
            e.pseudonym,
            e.number
        ));
    }
    said
}

/// `customer merge`: says what would go where, asks, merges.
async fn merge(reg: &Register, (keep, other): (&str, &str), dry_run: bool, yes: bool, json: bool) -> Result<(), Error> {
    let (keep, other) = (find(reg, keep).await?, find(reg, other).await?);
    let plan = reg.merge_preview(keep.id, other.id).await?;
    if dry_run && json {
        return output::json(&plan);
    }
    if !json {
        let who = |c: &Customer| format!("{} ({})", c.number, [opt(&c.name), opt(&c.email)].join(", "));
        say!(
            "Customer {} would be merged into {}: details {} lacks are taken from them, and the number {} finds {} from then on.",
            who(&other),
            who(&keep),
            keep.number,
            other.number,
            keep.number
        );
        say!("Moving over: {}.", moved(&plan.moved));
        print_not_kept(&plan.not_kept, &other.number, &keep.number);
    }
    if dry_run {
        return Ok(());
    }
    let question = format!(
        "Merge customer {} into {} now? It can be undone for {UNDO_DAYS} days (`customer unmerge {}`).",
        other.number, keep.number, other.number
    );
    if !confirm(&question, yes)? {
        say!("Nothing was merged.");
        return Ok(());
    }
    let merged = reg.merge_customers(keep.id, other.id).await?;
    if json {
        return output::json(&merged);
    }
    say!(
        "Merged customer {} into {} (version {}): {} moved.",
        other.number,
        merged.customer.number,
        merged.customer.version,
        moved(&merged.moved)
    );
    // The register's record of the person changed: whoever received either customer's details learns of it (Art. 19).
    let told = reg.recipients_to_tell(keep.id, Some(Category::IdentityContact)).await?;
    if !told.is_empty() {
        let names: Vec<&str> = told.iter().map(|r| r.name.as_str()).collect();
        say!(
            "If they received either customer's details, tell them that the two are one (GDPR Art. 19): {}.",
            names.join(", ")
        );
    }
    say!(
        "Merge the two accounts in the web shop too: a row of its files under {} gives {} its consents, not its details.",
        other.number,
        keep.number
    );
    Ok(())
}

/// Undoes the merge of the customer `reference` names by the number they
/// had: says whom it gives back, with which details and records, asks, undoes.
async fn unmerge(reg: &Register, reference: &str, dry_run: bool, yes: bool, json: bool) -> Result<(), Error> {
    let found = reg.locate_customer(reference).await?;
    let Some(m) = found.merged else {
        let customer = found.customer.number;
        return Err(Error::invalid("customer", kundvakt_core::msg!("msg-unmerge-not-merged", customer)));
    };
    let plan = reg.unmerge_preview(m.merged_id).await?;
    if dry_run && json {
        return output::json(&plan);
    }
    let kept = found.customer.number;
    if !json {
        let r = &plan.restored;
        let town = format!("{} {}", opt(&r.postal_code), opt(&r.city));
        let details =
            [opt(&r.name), opt(&r.email), opt(&plan.restored_phone_shown), opt(&r.street), town.trim().to_owned()];
        let details: Vec<String> = details.into_iter().filter(|d| !d.is_empty()).collect();
        say!("Customer {} would be apart from {kept} again, with their details: {}.", r.number, details.join(", "));
        say!("Going back to {}: {}.", r.number, moved(&plan.moved));
        print_reverted(&plan.reverted, &kept, "would be");
    }
    if dry_run {
        return Ok(());
    }
    let question = format!(
        "Undo the merge of customer {} into {kept} now? What was added to {kept} since stays there.",
        m.merged_number
    );
    if !confirm(&question, yes)? {
        say!("Nothing was changed.");
        return Ok(());
    }
    let undone = reg.unmerge_customer(m.merged_id).await?;
    if json {
        return output::json(&undone);
    }
    say!(
        "Customer {} is apart from {} again: {} went back.",
        undone.restored.number,
        undone.kept.number,
        moved(&undone.moved)
    );
    print_reverted(&undone.reverted, &undone.kept.number, "are");
    // The register's record of each person changed again (Art. 19).
    let told = reg.recipients_to_tell(undone.kept.id, Some(Category::IdentityContact)).await?;
    if !told.is_empty() {
        let names: Vec<&str> = told.iter().map(|r| r.name.as_str()).collect();
        say!(
            "If they received either customer's details, tell them that the two are two (GDPR Art. 19): {}.",
            names.join(", ")
        );
    }
    Ok(())
}

/// The records a merge moves, counted as `customer merge` says them.
fn moved(m: &Moved) -> String {
    format!(
        "orders {}, notes {}, web events {}, consents {}, sign-ups {}, requests {}",
        m.orders, m.interactions, m.web_events, m.consents, m.event_registrations, m.requests
    )
}

/// The kept customer's details an undo gives back as before the merge, if any.
fn print_reverted(fields: &[String], kept: &str, verb: &str) {
    if !fields.is_empty() {
        let named: Vec<String> = fields.iter().map(|f| f.replace("email", "e-mail")).collect();
        say!("Of {kept}'s details, these {verb} as before the merge, which filled them in: {}.", named.join(", "));
    }
}

/// The merged customer's details the kept one has their own of, if any.
fn print_not_kept(fields: &[String], other: &str, keep: &str) {
    if !fields.is_empty() {
        let named: Vec<String> = fields.iter().map(|f| f.replace("email", "e-mail")).collect();
        say!("Not kept of {other}, since {keep} has their own: {}.", named.join(", "));
    }
}

/// Customers as a table, their phones as the shop writes them (the JSON keeps E.164).
fn print_customers(customers: &[Customer], shop: ShopCountry) {
    let phone = |c: &Customer| c.phone.as_deref().map(|p| phone::of_customer(p, c.country.as_deref(), shop));
    let rows: Vec<Vec<String>> = customers
        .iter()
        .map(|c| vec![c.id.to_string(), c.number.clone(), opt(&c.name), opt(&c.email), opt(&phone(c)), opt(&c.city)])
        .collect();
    output::table(&["id", "number", "name", "e-mail", "phone", "city"], &rows);
}

/// The customer `reference` names ([`Register::locate_customer`]); one
/// named by the number, id or pseudonym of a customer merged into them is
/// said to be meant, on stderr, so that nobody looks for the other.
pub(crate) async fn find(reg: &Register, reference: &str) -> Result<Customer, Error> {
    let found = match reg.locate_customer(reference).await {
        // An order's or invoice's number given for the customer's: whose it is.
        Err(missing @ Error::NotFound { .. }) => {
            if let Some(v) = reg.whose_voucher(reference).await? {
                let kind = if v.kind == RecordKind::Order { "an order" } else { "an invoice" };
                eprintln!(
                    "note: {} is {kind} of customer {}; give the customer's number (kundvakt order show {} shows the order)",
                    v.number, v.customer_number, v.number
                );
            }
            return Err(missing);
        }
        found => found?,
    };
    if let Some(m) = &found.merged {
        let day = reg.settings().await?.day_of(m.merged_at);
        eprintln!(
            "note: customer {} was merged into {} on {day}: {} is meant",
            m.merged_number, found.customer.number, found.customer.number
        );
    }
    Ok(found.customer)
}

/// The page as text, its days on the shop's clock (`zone`), as the window shows them.
fn print_page(p: &CustomerPage, zone: chrono_tz::Tz) {
    let day = |t: chrono::DateTime<chrono::Utc>| t.with_timezone(&zone).format("%Y-%m-%d").to_string();
    let c = &p.customer;
    for (label, value) in [
        ("Customer", format!("{} (id {}, version {})", c.number, c.id, c.version)),
        ("Name", opt(&c.name)),
        ("E-mail", opt(&c.email)),
        ("Phone", opt(&p.phone_display)),
        (
            "Address",
            [opt(&c.street), format!("{} {}", opt(&c.postal_code), opt(&c.city)).trim().to_owned(), opt(&c.country)]
                .into_iter()
                .filter(|s| !s.is_empty())
                .collect::<Vec<_>>()
                .join(", "),
        ),
        ("Language", c.language.to_string()),
        ("State", c.state.to_string()),
        ("Created", day(c.created_at)),
        ("Last activity", day(c.last_activity_at)),
    ] {
        say!("{label:<14} {value}");
    }
    if !p.shop_numbers.is_empty() {
        say!("{:<14} {}", "Shop numbers", p.shop_numbers.join(", "));
    }
    // Erased: what the bookkeeping law keeps is no longer linked here, only named by the pseudonym (Art. 17(3)(b)).
    let erased = c.state == kundvakt_core::register::CustomerState::Erased;
    if erased {
        say!("{:<14} {} (the records the law keeps, restricted, are under it)", "Pseudonym", c.pseudonym);
        say!("\nOrders kept for the bookkeeping law under {} ({}): restricted, for the books alone (Art. 18); a return is recorded as a credit note (`order invoice NUMBER --kind credit_note`)", c.pseudonym, p.orders.len());
    } else {
        say!("\nOrders ({})", p.orders.len());
    }
    // Kept until the law's end for it and its invoices, or while a legal hold
    // lasts; past that end, what keeps it or that the next sweep deletes it.
    let kept = |o: &kundvakt_core::register::Order| {
        use kundvakt_core::retention::KeptPast;
        p.kept.iter().find(|k| k.order == o.id).map(|k| match (k.held, k.kept_past) {
            (true, _) => "while a legal hold lasts".to_owned(),
            (false, Some(KeptPast::Request)) => format!("until their request is answered ({} passed)", k.until),
            (false, Some(KeptPast::Due)) => format!("{} ({}), passed: the next sweep deletes it", k.until, k.rule),
            (false, _) => format!("{} ({})", k.until, k.rule),
        })
    };
    let rows: Vec<Vec<String>> = p
        .orders
        .iter()
        .map(|o| {
            let mut row = vec![
                o.number.clone(),
                o.order_date.to_string(),
                o.total.to_string(),
                o.status.to_string(),
                opt(&o.payment_provider),
            ];
            row.extend(kept(o));
            row
        })
        .collect();
    let head: &[&str] = if erased {
        &["number", "date", "total", "status", "paid with", "kept until"]
    } else {
        &["number", "date", "total", "status", "paid with"]
    };
    output::table(head, &rows);
    print_records(p, &day);
    // Each with the id `web erase-event` takes.
    if !p.web_events.is_empty() {
        say!("\nWeb events ({})", p.web_events.len());
        let rows: Vec<Vec<String>> = p
            .web_events
            .iter()
            .map(|w| vec![w.id.to_string(), output::minute(w.occurred_at, zone), w.ip.clone(), w.action.clone()])
            .collect();
        output::table(&["id", "time", "address", "action"], &rows);
    }
    say!("\nInvoices {}, web events {}, audit entries {}", p.invoices.len(), p.web_events.len(), p.history.len());
    if let Some(o) = &p.web_objection {
        let request = o.request_id.map(|r| format!(", request {r}")).unwrap_or_default();
        say!("Web activity not recorded since {} (they objected, Art. 21(1){request})", day(o.set_at));
    }
    print_maybe_same(&p.maybe_same, p.maybe_same_more);
    for m in &p.merges {
        let undo = m
            .undo_until
            .map(|u| format!(" (`customer unmerge {}` until {})", m.merged_number, day(u)))
            .unwrap_or_default();
        say!("Merged into this customer: {} on {} by {}{undo}", m.merged_number, day(m.merged_at), m.merged_by);
    }
    if !p.corrections.is_empty() {
        say!("\nCorrections ({}): the old values, kept by the audit trail (Art. 16)", p.corrections.len());
        print_corrections(&p.corrections, zone);
    }
}

/// The others who may be the same person (`customer show`, `request show`), if any.
pub(crate) fn print_maybe_same(maybe_same: &[MaybeSame], more: usize) {
    if maybe_same.is_empty() {
        return;
    }
    say!("\nMay be the same person: answer a request for access or erasure for each that is, or merge them (`customer merge`) (Art. 15, 17)");
    let rows: Vec<Vec<String>> = maybe_same
        .iter()
        .map(|m| {
            let why: Vec<&str> = m.likeness.iter().map(|l| likeness(*l)).collect();
            vec![m.number.clone(), opt(&m.name), opt(&m.email), opt(&m.city), why.join(", ")]
        })
        .collect();
    output::table(&["number", "name", "e-mail", "city", "in common"], &rows);
    if more > 0 {
        say!("and {more} more not named here: find them with `customer search`");
    }
}

/// What another customer has in common with this one, as `customer show` says it.
fn likeness(l: Likeness) -> &'static str {
    match l {
        Likeness::Phone => "phone",
        Likeness::NameAndPostalCode => "name and postal code",
        Likeness::NameAndCity => "name and city",
    }
}

/// The records a shop acts on by id (`interaction edit`, `consent withdraw`,
/// `signup status`, `request show`), so that the page gives the id the next command needs.
fn print_records(p: &CustomerPage, day: &dyn Fn(chrono::DateTime<chrono::Utc>) -> String) {
    if let Some(r) = p.restrictions.iter().find(|r| r.lifted_at.is_none()) {
        say!("\nRestricted since {} ({}): kept, not used (Art. 18)", day(r.set_at), r.ground);
    }
    say!("\nInteractions ({})", p.interactions.len());
    let rows: Vec<Vec<String>> = p
        .interactions
        .iter()
        .map(|i| {
            vec![
                i.id.to_string(),
                day(i.occurred_at),
                format!("{} {}", i.channel, i.direction),
                output::first_line(&i.summary, 60),
                i.closed_on.map(|d| d.to_string()).unwrap_or_default(),
            ]
        })
        .collect();
    output::table(&["id", "date", "how", "summary", "closed"], &rows);
    say!("\nConsents ({})", p.consents.len());
    let rows: Vec<Vec<String>> = p
        .consents
        .iter()
        .map(|c| {
            vec![
                c.id.to_string(),
                c.purpose.clone(),
                c.text_version.clone(),
                day(c.given_at),
                c.channel.clone(),
                match (c.withdrawn_at, c.replaced_by) {
                    (Some(w), _) => format!("withdrawn {}", day(w)),
                    (None, Some(by)) => format!("replaced by {by}"),
                    (None, None) => "in force".to_owned(),
                },
            ]
        })
        .collect();
    output::table(&["id", "purpose", "wording", "given", "how", "now"], &rows);
    say!("\nCourse and event sign-ups ({})", p.event_registrations.len());
    let rows: Vec<Vec<String>> = p
        .event_registrations
        .iter()
        .map(|e| vec![e.id.to_string(), e.event_name.clone(), e.event_date.to_string(), e.status.to_string()])
        .collect();
    output::table(&["id", "event", "date", "status"], &rows);
    say!("\nRequests ({})", p.requests.len());
    let rows: Vec<Vec<String>> = p
        .requests
        .iter()
        .map(|r| {
            vec![
                r.id.to_string(),
                output::request_kind(r.kind),
                output::request_state(r.state),
                r.received_on.to_string(),
                r.due_date().to_string(),
            ]
        })
        .collect();
    output::table(&["id", "kind", "state", "received", "due"], &rows);
}

/// Each part the corrections changed, with its values before and after (a
/// phone as the shop writes it) and whether the values are still the trail's,
/// on the day the shop's clock (`zone`) says.
pub(super) fn print_corrections(corrections: &[Correction], zone: chrono_tz::Tz) {
    // A value the person had erased (Art. 17(1)) is not kept: said so.
    let value = |erased: bool, shown: &Option<String>, kept: &Option<String>| match erased {
        true => "(erased)".to_owned(),
        false => opt(&shown.clone().or_else(|| kept.clone())),
    };
    let rows: Vec<Vec<String>> = corrections
        .iter()
        .flat_map(|k| {
            let record = k.interaction_id.map_or_else(|| "details".to_owned(), |n| format!("note {n}"));
            let altered = if k.intact { "" } else { " (altered since: not the trail's)" };
            k.changes.iter().map(move |x| {
                vec![
                    k.at.with_timezone(&zone).format("%Y-%m-%d").to_string(),
                    format!("{record}: {}", x.field),
                    value(x.before_erased, &x.before_shown, &x.before),
                    format!("{}{altered}", value(x.after_erased, &x.after_shown, &x.after)),
                    k.actor.clone(),
                    k.request_id.map(|r| r.to_string()).unwrap_or_default(),
                ]
            })
        })
        .collect();
    output::table(&["date", "part", "before", "after", "by", "request"], &rows);
}
