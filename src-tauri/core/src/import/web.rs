//! Web activity from the site's own log: one row per thing a signed-in
//! visitor did, with the IP address it came from (PRODUCT.md section 3: a web
//! event, kept the set number of months, 13 by default).
//!
//! Each row names its customer by number or e-mail, as an order does. A row
//! the register has already (same customer, moment, address and action) is
//! left, so a log imported twice adds nothing. A row about an erased or a
//! restricted person is skipped, and so is one of a person who objected to
//! the recording of their web activity (Art. 21(1)), one from before the
//! person had their web activity erased at their request, or the one visit
//! they had erased alone (Art. 17(1)), and
//! one older than the period web activity is kept: the storage limitation of
//! Art. 5(1)(e) forbids keeping it, so it is never written only to be swept
//! away.

use super::formats::{Field, Mapping};
use super::values::moment;
use super::{Context, Named, Outcome, RowError};
use crate::error::Result;
use crate::msg;
use crate::register::{CustomerState, NewWebEvent};
use crate::store::{self, WriteTx};

/// A row's outcome, or every problem found in it.
type Row<T> = std::result::Result<T, Vec<RowError>>;

pub(crate) async fn import_row(
    tx: &mut WriteTx,
    cx: &Context<'_>,
    m: &Mapping,
    record: &csv::StringRecord,
) -> Result<Row<Outcome>> {
    let mut problems = vec![];
    let mut required = |f: Field, what: &str| {
        let found = m.get(record, f);
        if found.is_none() {
            problems.push(RowError::new(m.column(f), msg!("msg-row-needs", what)));
        }
        found
    };
    let (at, ip, action) =
        (required(Field::OccurredAt, "time"), required(Field::Ip, "ip"), required(Field::Action, "action"));
    let settings = cx.settings;
    let occurred_at = at.and_then(|(at, column)| {
        moment(at, settings.time_zone()).map_err(|why| problems.push(RowError::new(column, why))).ok()
    });
    // "[2001:db8::1]" as some logs bracket an IPv6 address.
    let ip = ip.and_then(|(ip, column)| {
        let parsed = ip.trim_start_matches('[').trim_end_matches(']').parse::<std::net::IpAddr>();
        parsed.map_err(|_| problems.push(RowError::new(column, msg!("msg-not-an-ip", text = ip)))).ok()
    });
    let erased = || Ok(Ok(Outcome::Skipped(msg!("msg-skipped-activity-erased"))));
    let customer = match super::named_customer(tx, cx, m, record).await? {
        Named::Customer(c) => Some(*c),
        Named::Erased if problems.is_empty() => return erased(),
        Named::Erased => None,
        Named::Missing(e) => {
            problems.push(e);
            None
        }
    };
    let (Some(occurred_at), Some(ip), Some((action, _)), Some(customer)) = (occurred_at, ip, action, customer) else {
        return Ok(Err(problems));
    };
    let action = action.to_owned();
    match customer.state {
        CustomerState::Erased => return erased(),
        CustomerState::Restricted => {
            return Ok(Ok(Outcome::Skipped(msg!("msg-skipped-activity-restricted", customer = customer.number))))
        }
        CustomerState::Active => {}
    }
    // Art. 21(1): the person objected, and the shop no longer records it.
    if let Some(o) = store::web_objections::in_force(tx, customer.id).await? {
        let since = o.since(settings);
        return Ok(Ok(Outcome::Skipped(msg!("msg-skipped-activity-objected", customer = customer.number, since))));
    }
    // Art. 17(1): activity the person had erased at their request does not
    // come back with a log that still has it.
    let erasures = store::record_erasures::web_of_customer(tx, customer.id).await?;
    let ip_text = ip.to_string();
    let erased = |e: &&crate::retention::record_erasure::WebActivityErasure| {
        e.erased(cx.erasure_key, occurred_at, &ip_text, &action)
    };
    if let Some(e) = erasures.iter().filter(erased).max_by_key(|e| e.erased_at) {
        let day = settings.day_of(e.erased_at);
        let said = match e.event_digest {
            Some(_) => msg!("msg-skipped-visit-erased-on-request", customer = customer.number, day),
            None => msg!("msg-skipped-activity-erased-on-request", customer = customer.number, day),
        };
        return Ok(Ok(Outcome::Skipped(said)));
    }
    let today = settings.day_of(tx.now());
    if let Some(until) = crate::retention::web_event(settings, occurred_at).retain_until.filter(|d| *d < today) {
        let months = settings.months("retention.web_event_months");
        let day = settings.day_of(occurred_at);
        return Ok(Ok(Outcome::Skipped(msg!("msg-skipped-activity-old", day, months, until))));
    }
    let event = NewWebEvent {
        customer_id: customer.id,
        occurred_at,
        ip,
        action,
        user_agent: m.get(record, Field::UserAgent).map(|(v, _)| v.to_owned()),
    };
    if store::records::web_event_exists(tx, &event).await? {
        return Ok(Ok(Outcome::Unchanged));
    }
    Ok(match crate::register::add_web_event_in(tx, &event).await {
        Ok(_) => Ok(Outcome::Added),
        Err(e) => Err(vec![RowError::from_error(e, m)?]),
    })
}
