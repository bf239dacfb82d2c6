//! One row of a customer file: checked as the register checks a typed customer,
//! matched on the shop's number then the e-mail, and added, updated or left.

use super::formats::{Field, Mapping};
use super::{Context, Outcome, RowError};
use crate::audit::to_json as json;
use crate::error::Result;
use crate::register::{Customer, CustomerFields, CustomerInput, CustomerState};
use crate::store::{self, WriteTx};

fn input(mapping: &Mapping, r: &csv::StringRecord) -> CustomerInput {
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

fn same(c: &Customer, f: &CustomerFields) -> bool {
    f.number.as_deref().is_none_or(|n| n == c.number)
        && Some(&f.name) == c.name.as_ref()
        && f.email == c.email
        && f.phone == c.phone
        && f.street == c.street
        && f.postal_code == c.postal_code
        && f.city == c.city
        && Some(&f.country) == c.country.as_ref()
        && f.language == c.language
}

pub(crate) async fn import_row(
    tx: &mut WriteTx,
    cx: &Context<'_>,
    mapping: &Mapping,
    record: &csv::StringRecord,
) -> Result<std::result::Result<Outcome, RowError>> {
    let s = cx.settings;
    let fields = match CustomerFields::validate(&input(mapping, record), s.country(), s.language()) {
        Ok(f) => f,
        Err(e) => return Ok(Err(RowError::from_error(e, mapping)?)),
    };
    let existing = match &fields.number {
        Some(n) => store::customers::by_number_tx(tx, n).await?,
        None => None,
    };
    let existing = match (existing, &fields.email) {
        (Some(c), _) => Some(c),
        (None, Some(email)) if fields.number.is_none() => store::customers::by_email_tx(tx, email).await?,
        _ => None,
    };
    let Some(current) = existing else {
        if let (Some(key), Some(email)) = (cx.erasure_key, &fields.email) {
            let digest = crate::retention::erasure::email_digest(key, email);
            if store::erasure::erased_email_tx(tx, &digest).await? {
                return Ok(Ok(Outcome::Skipped("this person was erased and is not brought back".into())));
            }
        }
        let now = tx.now();
        return Ok(match crate::register::add_customer_in(tx, &fields, crate::register::new_pseudonym(), now).await {
            Ok(_) => Ok(Outcome::Added),
            Err(e) => Err(RowError::from_error(e, mapping)?),
        });
    };
    match current.state {
        CustomerState::Erased => {
            return Ok(Ok(Outcome::Skipped(format!("customer {} was erased and is not brought back", current.number))))
        }
        CustomerState::Restricted => {
            return Ok(Ok(Outcome::Skipped(format!(
                "customer {} is restricted (GDPR Art. 18): not changed",
                current.number
            ))))
        }
        CustomerState::Active => {}
    }
    if same(&current, &fields) {
        return Ok(Ok(Outcome::Unchanged));
    }
    let updated = match store::customers::update(tx, &current, &fields).await {
        Ok(u) => u,
        Err(e) => return Ok(Err(RowError::from_error(e, mapping)?)),
    };
    tx.audit("customer.edit", "customer", current.id, Some(current.id), Some(&json(&current)?), Some(&json(&updated)?))
        .await?;
    Ok(Ok(Outcome::Updated))
}
