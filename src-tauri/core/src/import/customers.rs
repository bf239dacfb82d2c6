//! One row of a customer file: checked as the register checks a typed customer,
//! matched on the shop's number then the e-mail, and added, updated or left.
//!
//! Rows come in batches ([`import_batch`]), checked as they were read: in the
//! usual file (every row has its own number and e-mail) the new customers of a
//! batch are looked up and added with a handful of statements instead of six each, which
//! is what makes a file of a million customers practical. A batch where rows
//! could affect each other (a repeated number or e-mail, a row without a
//! number) goes row by row through [`import_row`], with the same results.

use std::collections::{HashMap, HashSet};

use super::consents::{self, Choices};
use super::formats::{Field, Mapping};
use super::{at, Context, Outcome, RowError, Run};
use crate::audit::to_json as json;
use crate::audit::Action;
use crate::error::Result;
use crate::msg;
use crate::register::customer::Problems;
use crate::register::{Customer, CustomerChanges, CustomerFields, CustomerInput, CustomerState};
use crate::store::{self, WriteTx};

pub(crate) fn input(mapping: &Mapping, r: &csv::StringRecord) -> CustomerInput {
    let get = |f: Field| mapping.get(r, f).map(|(v, _)| v.to_owned());
    let name = get(Field::Name).or_else(|| {
        let full = [get(Field::FirstName), get(Field::LastName)].into_iter().flatten().collect::<Vec<_>>().join(" ");
        (!full.is_empty()).then_some(full)
    });
    // An address typed on two lines in the shop becomes one line.
    let one_line = |v: Option<String>| {
        v.map(|s| s.lines().map(str::trim).filter(|l| !l.is_empty()).collect::<Vec<_>>().join(", "))
    };
    let street = match (one_line(get(Field::Street)), one_line(get(Field::Street2))) {
        (Some(a), Some(b)) => Some(format!("{a}, {b}")),
        (a, b) => a.or(b),
    };
    CustomerInput {
        number: get(Field::CustomerNumber),
        name,
        email: get(Field::Email),
        phone: get(Field::Phone),
        street,
        postal_code: get(Field::PostalCode),
        city: get(Field::City),
        country: get(Field::Country),
        language: get(Field::Language),
    }
}

/// Whether the row names the customer by the same words (case, accents and order aside).
fn same_name(c: &Customer, f: &CustomerFields) -> bool {
    let words = |name: &str| {
        let mut w: Vec<String> = crate::register::search::words(name).collect();
        w.sort();
        w
    };
    c.name.as_deref().is_some_and(|name| words(name) == words(&f.name))
}

/// The row over the customer the register holds: what the file leaves out,
/// a column it does not have or a cell left empty, keeps the register's value.
/// A newsletter list of names and e-mail addresses, or the shop's export
/// with no phone for someone whose number the staff took on a call, would
/// otherwise wipe what it never said anything about (and reset the language
/// their documents are written in). Clearing a field is a correction made on
/// the customer's page. Checked again, since the phone is read by the
/// numbering plan of the country the customer ends up with.
fn over_current(
    cx: &Context<'_>,
    record: &csv::StringRecord,
    mapping: &Mapping,
    current: &Customer,
) -> std::result::Result<CustomerFields, Problems> {
    let row = CustomerChanges { fields: input(mapping, record).without_blanks() };
    CustomerFields::check(&row.apply_to(current), cx.settings.country(), cx.settings.language())
}

/// The customer kept by the merge that did not keep the row's e-mail
/// address (the merged customer's), with that merge, if there is one.
async fn of_merged_email(
    tx: &mut WriteTx,
    cx: &Context<'_>,
    fields: &CustomerFields,
) -> Result<Option<(Customer, crate::register::merge::Merge)>> {
    let (Some(key), Some(email)) = (cx.erasure_key, &fields.email) else { return Ok(None) };
    store::merges::of_email_digest(tx, &crate::retention::erasure::email_digest(key, email)).await
}

/// One row, checked as it was read, on its own, with the consents it gives or withdraws.
async fn import_row(
    tx: &mut WriteTx,
    cx: &Context<'_>,
    mapping: &Mapping,
    record: &csv::StringRecord,
    fields: &CustomerFields,
    choices: &Choices,
) -> Result<std::result::Result<Outcome, Vec<RowError>>> {
    let by_number = match &fields.number {
        Some(n) => store::customers::by_number_tx(tx, n).await?,
        None => None,
    };
    // The shop's number first (the register's own, or one kept as the shop's),
    // then the e-mail: a customer typed in by hand (numbered by Kundvakt) is
    // the one the web shop's export names by its own id. Under another number,
    // only one of the same name: two people of one e-mail address stay two,
    // and the row is refused as the e-mail's. Matched by e-mail under another
    // number, the customer keeps the register's, and the row's is kept as the
    // shop's (migration 29): its next file finds them by it, whatever e-mail
    // it gives then.
    //
    // With no number at all the same holds: a list of names and addresses
    // that gives someone else at a shared address ("Per Ek" where the
    // register has Eva Ek) would otherwise rename the customer, and give her
    // his details. A row changes a name only under the customer's number.
    let (existing, shop_number) = match (by_number, &fields.email) {
        (Some(c), _) => (Some(c), None),
        (None, Some(email)) => match store::customers::by_email_tx(tx, email).await? {
            Some(c) if same_name(&c, fields) => (Some(c), fields.number.as_deref()),
            Some(c) => {
                let refused = msg!("msg-email-other-name", number = c.number, email = email.as_str());
                return Ok(Err(vec![RowError::new(mapping.column(Field::Email), refused)]));
            }
            None => (None, None),
        },
        (None, None) => (None, None),
    };
    // An address a merge did not keep is the person's other account (migration 44).
    let (existing, by_email_of) = match existing {
        Some(c) => (Some(c), None),
        None => match of_merged_email(tx, cx, fields).await? {
            Some((kept, _)) if kept.state == CustomerState::Erased => {
                return Ok(Ok(Outcome::Skipped(msg!("msg-skipped-person-erased"))));
            }
            Some((kept, merge)) if same_name(&kept, fields) => (Some(kept), Some(merge)),
            _ => (None, None),
        },
    };
    let Some(current) = existing else {
        if let (Some(key), Some(email)) = (cx.erasure_key, &fields.email) {
            let digest = crate::retention::erasure::email_digest(key, email);
            if store::erasure::erased_email_tx(tx, &digest).await? {
                return Ok(Ok(Outcome::Skipped(msg!("msg-skipped-person-erased"))));
            }
        }
        let now = tx.now();
        return Ok(
            match crate::register::add_customer_in(tx, fields, crate::register::new_pseudonym(), now, Some(false)).await
            {
                Ok(added) => {
                    consents::apply(tx, added.id, true, choices, cx.settings.language(), cx.consents).await?;
                    Ok(Outcome::Added)
                }
                Err(e) => Err(vec![RowError::from_error(e, mapping)?]),
            },
        );
    };
    match current.state {
        CustomerState::Erased => {
            return Ok(Ok(Outcome::Skipped(msg!("msg-skipped-customer-erased", customer = current.number))))
        }
        CustomerState::Restricted => {
            return Ok(Ok(Outcome::Skipped(msg!("msg-skipped-customer-restricted", customer = current.number))))
        }
        CustomerState::Active => {}
    }
    // A row under the number of a customer merged into this one (kept as
    // the shop's, register/merge.rs) is the web shop's other account of the
    // person: its details would write over those the shop chose to keep,
    // file after file. Its consents are the person's choices all the same.
    // So is a row that gives their address the merge did not keep.
    let matched_number = fields.number.as_deref().filter(|n| *n != current.number);
    let by_number_of = match (&by_email_of, matched_number) {
        (None, Some(n)) => store::merges::of_number(tx, current.id, n).await?,
        _ => None,
    };
    let told = match (by_number_of, by_email_of) {
        (Some(m), _) => Some(msg!("msg-row-of-merged", number = m.merged_number, customer = current.number)),
        (None, Some(m)) => Some(msg!("msg-row-email-of-merged", number = m.merged_number, customer = current.number)),
        (None, None) => None,
    };
    if let Some(note) = told {
        let applied = consents::apply(tx, current.id, false, choices, cx.settings.language(), cx.consents).await?;
        let done = if applied.changed { Outcome::Updated } else { Outcome::Unchanged };
        return Ok(Ok(applied.told(Outcome::Noted(Box::new(done), note), &current.number)));
    }
    let fields = match over_current(cx, record, mapping, &current) {
        // Matched by e-mail under another number: the customer keeps theirs.
        Ok(f) if f.number.as_deref().is_some_and(|n| n != current.number) => CustomerFields { number: None, ..f },
        Ok(f) => f,
        Err(problems) => return Ok(Err(RowError::from_problems(problems, mapping)?)),
    };
    // An address that differs from the register's in the case of its letters
    // alone is the same mailbox: the register's spelling stays, and the row
    // changes nothing (the e-mail is matched without case too).
    let fields = match (&fields.email, &current.email) {
        (Some(new), Some(old)) if new != old && new.to_lowercase() == old.to_lowercase() => {
            CustomerFields { email: Some(old.clone()), ..fields }
        }
        _ => fields,
    };
    let fields = &fields;
    let mut changed = !fields.unchanged(&current);
    if changed {
        let updated = match store::customers::update(tx, &current, fields).await {
            Ok(u) => u,
            Err(e) => return Ok(Err(vec![RowError::from_error(e, mapping)?])),
        };
        tx.audit_correction(Action::CustomerEdit, current.id, None, None, &json(&current)?, &json(&updated)?).await?;
    }
    let applied = consents::apply(tx, current.id, false, choices, cx.settings.language(), cx.consents).await?;
    changed |= applied.changed;
    // Said, so that the shop owner can check the match (and take the number
    // away on the customer's page if the row was someone else).
    let outcome = match shop_number {
        Some(number) => {
            crate::register::record_shop_number(tx, current.id, number).await?;
            Outcome::Matched(msg!("msg-matched-by-email", customer = current.number, number))
        }
        None if changed => Outcome::Updated,
        None => Outcome::Unchanged,
    };
    Ok(Ok(applied.told(outcome, &current.number)))
}

/// Rows of a batch, with their lines and what checking them found.
pub(crate) type Batch = Vec<(csv::StringRecord, u64, std::result::Result<CustomerFields, Problems>)>;

/// The rows per batch: one statement's worth of bound values on both databases.
pub(crate) const BATCH: usize = 500;

/// Imports a batch of rows; their outcomes are counted in file order.
pub(crate) async fn import_batch(
    tx: &mut WriteTx,
    cx: &Context<'_>,
    mapping: &Mapping,
    run: &mut Run<'_>,
    batch: Batch,
) -> Result<()> {
    // What each row comes to; new customers are added together below.
    let mut outcomes: Vec<Option<std::result::Result<Outcome, Vec<RowError>>>> = Vec::with_capacity(batch.len());
    let mut checked: Vec<Option<CustomerFields>> = Vec::with_capacity(batch.len());
    let mut choices: Vec<Choices> = Vec::with_capacity(batch.len());
    let mut records: Vec<(csv::StringRecord, u64)> = Vec::with_capacity(batch.len());
    let with_consents = consents::mapped(mapping);
    for (record, line, fields) in batch {
        let chosen = if with_consents { consents::read(mapping, &record) } else { Ok(Choices::default()) };
        match (fields, chosen) {
            (Ok(f), Ok(c)) => {
                checked.push(Some(f));
                choices.push(c);
                outcomes.push(None);
            }
            (Err(problems), chosen) => {
                let mut problems = RowError::from_problems(problems, mapping)?;
                problems.extend(chosen.err().unwrap_or_default());
                checked.push(None);
                choices.push(Choices::default());
                outcomes.push(Some(Err(problems)));
            }
            (Ok(_), Err(problems)) => {
                checked.push(None);
                choices.push(Choices::default());
                outcomes.push(Some(Err(problems)));
            }
        }
        records.push((record, line));
    }
    if !independent(&checked) {
        for ((((record, line), fields), outcome), chosen) in records.into_iter().zip(checked).zip(outcomes).zip(choices)
        {
            let outcome = match (fields, outcome) {
                (Some(fields), _) => import_row(tx, cx, mapping, &record, &fields, &chosen).await?,
                (None, Some(rejected)) => rejected,
                (None, None) => return Err(crate::error::Error::Internal("a batch row without an outcome".into())),
            };
            match outcome {
                Ok(outcome) => run.count(outcome, line),
                Err(problems) => run.reject(at(line, problems), std::slice::from_ref(&record))?,
            }
        }
        return Ok(());
    }
    let numbers: Vec<&str> = checked.iter().flatten().filter_map(|f| f.number.as_deref()).collect();
    let existing: HashMap<String, Customer> =
        store::customers::by_numbers_tx(tx, &numbers).await?.into_iter().collect();
    let new_emails: Vec<String> = checked
        .iter()
        .flatten()
        .filter(|f| f.number.as_ref().is_some_and(|n| !existing.contains_key(n)))
        .filter_map(|f| f.email.clone())
        .collect();
    let taken: HashSet<String> = store::customers::emails_taken_tx(tx, &new_emails).await?.into_iter().collect();
    let digests: HashMap<String, String> = match cx.erasure_key {
        Some(key) => {
            new_emails.iter().map(|e| (e.to_lowercase(), crate::retention::erasure::email_digest(key, e))).collect()
        }
        None => HashMap::new(),
    };
    let (erased, merged): (HashSet<String>, HashSet<String>) = {
        let all: Vec<String> = digests.values().cloned().collect();
        let erased = store::erasure::erased_digests_tx(tx, &all).await?.into_iter().collect();
        let merged = store::merges::of_email_digests(tx, &all).await?.into_iter().map(|(d, _)| d).collect();
        (erased, merged)
    };
    let mut adding: Vec<(usize, &CustomerFields, String)> = vec![];
    for (i, fields) in checked.iter().enumerate() {
        let Some(fields) = fields else { continue };
        let number = fields.number.as_deref().unwrap_or_default();
        let email = fields.email.as_ref().map(|e| e.to_lowercase());
        let known = existing.contains_key(number);
        let digest = email.as_ref().and_then(|e| digests.get(e));
        let was_erased = digest.is_some_and(|d| erased.contains(d));
        let was_merged = digest.is_some_and(|d| merged.contains(d));
        if known || was_merged || email.as_ref().is_some_and(|e| taken.contains(e)) {
            // An existing customer, an e-mail another customer has, or one
            // a merge did not keep: the row's own way.
            outcomes[i] = Some(import_row(tx, cx, mapping, &records[i].0, fields, &choices[i]).await?);
        } else if was_erased {
            outcomes[i] = Some(Ok(Outcome::Skipped(msg!("msg-skipped-person-erased"))));
        } else {
            adding.push((i, fields, crate::register::new_pseudonym()));
        }
    }
    let rows: Vec<(&CustomerFields, String)> = adding.iter().map(|(_, f, p)| (*f, p.clone())).collect();
    let now = tx.now();
    // The audit entries' digests of the new customers, worked out while their
    // words are written, and their ids by number.
    let (audited, ids) = store::customers::insert_many(tx, &rows, now, |added| {
        let audited = added
            .iter()
            .map(|c| {
                let after = Some(crate::audit::digest(&json(c)?));
                Ok(store::Audited { id: c.id.to_string(), customer: Some(c.id), before: None, after })
            })
            .collect::<Result<Vec<_>>>();
        let ids: HashMap<String, crate::values::CustomerId> =
            if with_consents { added.iter().map(|c| (c.number.clone(), c.id)).collect() } else { HashMap::new() };
        (audited, ids)
    })
    .await?;
    tx.audit_many(Action::CustomerAdd, "customer", audited?).await?;
    for (i, fields, _) in &adding {
        let id = fields.number.as_ref().and_then(|n| ids.get(n));
        if let (Some(id), false) = (id, choices[*i].is_empty()) {
            consents::apply(tx, *id, true, &choices[*i], cx.settings.language(), cx.consents).await?;
        }
        outcomes[*i] = Some(Ok(Outcome::Added));
    }
    for ((record, line), outcome) in records.into_iter().zip(outcomes) {
        match outcome {
            Some(Ok(o)) => run.count(o, line),
            Some(Err(problems)) => run.reject(at(line, problems), std::slice::from_ref(&record))?,
            None => return Err(crate::error::Error::Internal("a batch row without an outcome".into())),
        }
    }
    Ok(())
}

/// True when no row of the batch can change what another row finds: each has
/// its own number, and no number or e-mail comes twice.
fn independent(checked: &[Option<CustomerFields>]) -> bool {
    let mut numbers = HashSet::new();
    let mut emails = HashSet::new();
    checked.iter().flatten().all(|f| {
        f.number.as_ref().is_some_and(|n| numbers.insert(n.clone()))
            && f.email.as_ref().is_none_or(|e| emails.insert(e.to_lowercase()))
    })
}
