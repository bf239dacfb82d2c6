//! The records kept about a customer besides their identity: orders and their
//! lines, invoices and reminders (accounting records under the bookkeeping law),
//! interactions, web events, consents and event registrations.

use chrono::{DateTime, NaiveDate, Utc};
use serde::{Deserialize, Serialize};

use super::customer::optional_text;
use crate::error::{Error, Result};
use crate::macros::text_enum;
use crate::msg;
use crate::values::{
    ConsentId, Currency, CustomerId, EventRegistrationId, InteractionId, InvoiceId, Money, OrderId, WebEventId,
};

text_enum! {
    pub enum OrderStatus { Placed = "placed", Paid = "paid", Shipped = "shipped", Cancelled = "cancelled", Refunded = "refunded" }
}

/// An order: a voucher under the bookkeeping law (BFL 5 kap. 6 §, Bokføringsloven § 10).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, schemars::JsonSchema)]
pub struct Order {
    pub id: OrderId,
    pub number: String,
    /// `None` once the customer is erased and the order only serves the books.
    pub customer_id: Option<CustomerId>,
    pub order_date: NaiveDate,
    pub total: Money,
    pub vat: Money,
    pub payment_provider: Option<String>,
    pub payment_reference: Option<String>,
    pub status: OrderStatus,
    /// Art. 18: kept only for the legal obligation.
    pub restricted: bool,
    pub pseudonym: Option<String>,
    pub created_at: DateTime<Utc>,
    pub lines: Vec<OrderLine>,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, schemars::JsonSchema)]
pub struct OrderLine {
    pub line_no: i64,
    pub description: String,
    pub quantity: i64,
    /// Including VAT, as Nordic shops price for consumers.
    pub unit_price: Money,
    /// VAT rate in basis points: 2500 is 25 %.
    pub vat_rate_bp: i64,
}

impl OrderLine {
    pub fn gross(&self) -> Money {
        Money::new(self.quantity * self.unit_price.minor, self.unit_price.currency)
    }

    /// The VAT inside the gross amount, rounded half away from zero to the minor unit.
    pub fn vat(&self) -> Money {
        let gross = self.gross().minor as i128;
        let rate = self.vat_rate_bp as i128;
        let num = gross * rate;
        let den = 10_000 + rate;
        let vat = (2 * num + den.signum() * num.signum() * den) / (2 * den);
        Money::new(vat as i64, self.unit_price.currency)
    }
}

/// An order as it is entered.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct NewOrder {
    pub customer_id: CustomerId,
    pub number: String,
    pub order_date: NaiveDate,
    pub total: Money,
    pub vat: Option<Money>,
    pub payment_provider: Option<String>,
    pub payment_reference: Option<String>,
    pub status: OrderStatus,
    pub lines: Vec<NewOrderLine>,
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct NewOrderLine {
    pub description: String,
    pub quantity: i64,
    pub unit_price_minor: i64,
    pub vat_rate_bp: i64,
}

impl NewOrder {
    /// Checks the order and returns its VAT: as given, or the sum of its lines'.
    pub fn validate(&self) -> Result<Money> {
        optional_text(Some(&self.number), "number", 60)?
            .ok_or_else(|| Error::invalid("number", msg!("msg-order-needs-number")))?;
        optional_text(self.payment_provider.as_deref(), "payment_provider", 100)?;
        optional_text(self.payment_reference.as_deref(), "payment_reference", 200)?;
        let currency = self.total.currency;
        let mut line_gross = 0_i64;
        let mut line_vat = 0_i64;
        for (i, l) in self.lines.iter().enumerate() {
            let place = format!("lines[{}]", i + 1);
            let description = format!("{place}.description");
            optional_text(Some(&l.description), &description, 500)?
                .ok_or_else(|| Error::invalid(description.as_str(), msg!("msg-line-needs-description")))?;
            if l.quantity <= 0 {
                return Err(Error::invalid(format!("{place}.quantity"), msg!("msg-at-least-one")));
            }
            if !(0..=10_000).contains(&l.vat_rate_bp) {
                return Err(Error::invalid(format!("{place}.vat_rate"), msg!("msg-rate-range")));
            }
            let line = OrderLine {
                line_no: i as i64 + 1,
                description: l.description.clone(),
                quantity: l.quantity,
                unit_price: Money::new(l.unit_price_minor, currency),
                vat_rate_bp: l.vat_rate_bp,
            };
            line_gross = line_gross
                .checked_add(
                    l.quantity
                        .checked_mul(l.unit_price_minor)
                        .ok_or_else(|| Error::invalid(format!("{place}.unit_price"), msg!("msg-amount-too-large")))?,
                )
                .ok_or_else(|| Error::invalid("total", msg!("msg-amount-too-large")))?;
            line_vat += line.vat().minor;
        }
        if !self.lines.is_empty() && line_gross != self.total.minor {
            let sum = Money::new(line_gross, currency);
            return Err(Error::invalid("total", msg!("msg-total-not-sum", total = self.total, sum)));
        }
        let vat = match self.vat {
            Some(v) if v.currency != currency => return Err(Error::invalid("vat", msg!("msg-vat-currency"))),
            Some(v) if v.minor.abs() > self.total.minor.abs() => {
                return Err(Error::invalid("vat", msg!("msg-vat-above-total")))
            }
            // VAT is a part of the total: a sale's is not negative, a return's not positive.
            Some(v) if v.minor.signum() * self.total.minor.signum() < 0 => {
                return Err(Error::invalid("vat", msg!("msg-vat-sign")))
            }
            Some(v) => v,
            None => Money::new(line_vat, currency),
        };
        Ok(vat)
    }
}

text_enum! {
    /// An invoice, a reminder of one, or a credit note: the voucher that puts
    /// an issued invoice right (a mistake, a refund), since the invoice itself
    /// is never changed.
    pub enum InvoiceKind { Invoice = "invoice", Reminder = "reminder", CreditNote = "credit_note" }
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, schemars::JsonSchema)]
pub struct Invoice {
    pub id: InvoiceId,
    pub number: String,
    pub order_id: OrderId,
    pub kind: InvoiceKind,
    pub issued_on: NaiveDate,
    pub due_on: Option<NaiveDate>,
    /// What the voucher says: negative for a credit note.
    pub amount: Money,
    /// A credit note's: the number of the invoice it credits.
    pub credits: Option<String>,
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct NewInvoice {
    pub order_id: OrderId,
    pub number: String,
    pub kind: InvoiceKind,
    pub issued_on: NaiveDate,
    pub due_on: Option<NaiveDate>,
    /// More than zero; a credit note's is what it credits, and is kept negative.
    pub amount: Money,
    /// A credit note's: the number of the invoice it credits (of the same order).
    pub credits: Option<String>,
}

/// An invoice, reminder or credit note as a person gives it (the app's form,
/// `kundvakt order invoice`): the order by its number, the amount as typed
/// ("349,00") in the order's currency.
#[derive(Debug, Clone, PartialEq, Eq, Deserialize, schemars::JsonSchema)]
pub struct InvoiceDraft {
    pub order: String,
    /// Empty: the next of the shop's invoice series.
    pub number: String,
    pub kind: InvoiceKind,
    pub issued_on: NaiveDate,
    pub due_on: Option<NaiveDate>,
    pub amount: String,
    /// A credit note's: the number of the invoice it credits.
    pub credits: Option<String>,
}

text_enum! {
    /// How the shop and the customer were in touch (the privacy policy's channels).
    pub enum Channel {
        Meeting = "meeting", Phone = "phone", Email = "email", Letter = "letter",
        Document = "document", WebForm = "web_form",
    }
}

text_enum! {
    pub enum Direction { Inbound = "inbound", Outbound = "outbound" }
}

/// A note of a call, meeting, e-mail, letter, document or web form.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, sqlx::FromRow, schemars::JsonSchema)]
pub struct Interaction {
    pub id: InteractionId,
    pub customer_id: CustomerId,
    pub occurred_at: DateTime<Utc>,
    pub channel: Channel,
    pub direction: Direction,
    pub summary: String,
    pub staff: Option<String>,
    /// When the matter closed; retention counts from here.
    pub closed_on: Option<NaiveDate>,
    /// It documents a business event (an agreement, a change of an order, a
    /// settled complaint): accounting material, kept as long as the
    /// bookkeeping law keeps such correspondence where that is longer than
    /// the shop's own period ([`crate::retention::interaction`]).
    #[serde(default)]
    pub bookkeeping: bool,
}

/// A correction of a note (Art. 16): what was said, who at the shop, how and
/// which way, and whether it documents a business event; `None` leaves a
/// part as it is, and an empty `staff` clears it. When it happened and when
/// the matter closed are not corrected here: the note's retention counts
/// from them.
#[derive(Debug, Clone, Default, PartialEq, Eq, Deserialize, schemars::JsonSchema)]
pub struct InteractionChanges {
    pub summary: Option<String>,
    pub staff: Option<String>,
    pub channel: Option<Channel>,
    pub direction: Option<Direction>,
    pub bookkeeping: Option<bool>,
}

impl InteractionChanges {
    /// `current` with the changes made, checked as a new note is.
    pub(crate) fn apply_to(&self, current: &Interaction) -> Result<Interaction> {
        if *self == InteractionChanges::default() {
            return Err(Error::invalid("changes", msg!("msg-note-no-changes")));
        }
        let summary = match &self.summary {
            Some(s) => check_text(s, "summary", 5000)?,
            None => current.summary.clone(),
        };
        let staff = match &self.staff {
            Some(s) => optional_text(Some(s), "staff", 100)?,
            None => current.staff.clone(),
        };
        Ok(Interaction {
            summary,
            staff,
            channel: self.channel.unwrap_or(current.channel),
            direction: self.direction.unwrap_or(current.direction),
            bookkeeping: self.bookkeeping.unwrap_or(current.bookkeeping),
            ..current.clone()
        })
    }
}

/// A note to add, as the command line and the app's form give it.
#[derive(Debug, Clone, PartialEq, Eq, Deserialize, schemars::JsonSchema)]
pub struct NewInteraction {
    pub customer_id: CustomerId,
    pub occurred_at: DateTime<Utc>,
    pub channel: Channel,
    pub direction: Direction,
    pub summary: String,
    pub staff: Option<String>,
    pub closed_on: Option<NaiveDate>,
    /// It documents a business event: see [`Interaction::bookkeeping`].
    #[serde(default)]
    pub bookkeeping: bool,
}

/// An action on the web site, with the IP address it came from.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, sqlx::FromRow, schemars::JsonSchema)]
pub struct WebEvent {
    pub id: WebEventId,
    pub customer_id: CustomerId,
    pub occurred_at: DateTime<Utc>,
    pub ip: String,
    pub action: String,
    pub user_agent: Option<String>,
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct NewWebEvent {
    pub customer_id: CustomerId,
    pub occurred_at: DateTime<Utc>,
    pub ip: std::net::IpAddr,
    pub action: String,
    pub user_agent: Option<String>,
}

/// Consent to a purpose (Art. 7(1): the shop must be able to show who consented,
/// when, through which channel, to which text).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, sqlx::FromRow, schemars::JsonSchema)]
pub struct Consent {
    pub id: ConsentId,
    pub customer_id: CustomerId,
    pub purpose: String,
    pub text_version: String,
    pub given_at: DateTime<Utc>,
    pub channel: String,
    pub withdrawn_at: Option<DateTime<Utc>>,
    /// A consent that stands beside a later one to the same purpose (the
    /// person agreed again, to a new wording): the later one, in force now.
    /// Both stay as proof of what was agreed to when (Art. 7(1)); one
    /// withdrawal stops the purpose. Set by [`mark_replaced`] where a
    /// customer's consents are read together.
    #[sqlx(skip)]
    #[serde(skip_serializing_if = "Option::is_none")]
    pub replaced_by: Option<ConsentId>,
}

/// Marks each standing consent that a later standing consent to the same
/// purpose replaces with that later one's id: the newest standing consent
/// of a purpose is the one in force.
pub fn mark_replaced(consents: &mut [Consent]) {
    let newest = |c: &Consent, all: &[Consent]| {
        all.iter()
            .filter(|d| d.withdrawn_at.is_none() && d.purpose == c.purpose)
            .max_by_key(|d| (d.given_at, d.id.0))
            .map(|d| d.id)
    };
    let replaced: Vec<Option<ConsentId>> = consents
        .iter()
        .map(|c| match c.withdrawn_at {
            Some(_) => None,
            None => newest(c, consents).filter(|&id| id != c.id),
        })
        .collect();
    for (c, by) in consents.iter_mut().zip(replaced) {
        c.replaced_by = by;
    }
}

/// A consent's purpose as typed: the code of one a language names
/// (`consent-purpose-…`: "nyhetsbrev", "Text messages (SMS)"), any other
/// as typed.
pub fn purpose_code(typed: &str) -> String {
    crate::i18n::code_named("consent-purpose-", typed).unwrap_or_else(|| typed.trim().to_owned())
}

/// A consent to record, as the command line and the app's form give it.
#[derive(Debug, Clone, PartialEq, Eq, Deserialize, schemars::JsonSchema)]
pub struct NewConsent {
    pub customer_id: CustomerId,
    pub purpose: String,
    pub text_version: String,
    pub given_at: DateTime<Utc>,
    pub channel: String,
}

text_enum! {
    pub enum RegistrationStatus { Registered = "registered", Attended = "attended", Cancelled = "cancelled" }
}

/// A sign-up for a course or an event.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, sqlx::FromRow, schemars::JsonSchema)]
pub struct EventRegistration {
    pub id: EventRegistrationId,
    pub customer_id: CustomerId,
    pub event_name: String,
    pub event_date: NaiveDate,
    pub status: RegistrationStatus,
}

/// A sign-up to record, as the command line and the app's form give it.
#[derive(Debug, Clone, PartialEq, Eq, Deserialize, schemars::JsonSchema)]
pub struct NewEventRegistration {
    pub customer_id: CustomerId,
    pub event_name: String,
    pub event_date: NaiveDate,
    pub status: RegistrationStatus,
}

/// Checks the free-text fields of the smaller records.
pub(crate) fn check_text(value: &str, field: &str, max: usize) -> Result<String> {
    optional_text(Some(value), field, max)?.ok_or_else(|| Error::invalid(field, msg!("msg-not-empty")))
}

pub(crate) fn optional_text_field(value: Option<&str>, field: &str, max: usize) -> Result<Option<String>> {
    optional_text(value, field, max)
}

/// Refuses a day that a note's matter closed on before its contact, or after
/// today (a day's slack each way covers time zones): retention counts from it
/// (PRODUCT.md section 3), so either would keep the note too short or too long.
pub(crate) fn check_closed_on(occurred_at: DateTime<Utc>, closed_on: NaiveDate, now: DateTime<Utc>) -> Result<()> {
    if closed_on < (occurred_at - chrono::Days::new(1)).date_naive() {
        return Err(Error::invalid("closed_on", msg!("msg-closed-before-contact")));
    }
    if closed_on > (now + chrono::Days::new(1)).date_naive() {
        return Err(Error::invalid("closed_on", msg!("msg-in-the-future", when = closed_on)));
    }
    Ok(())
}

/// Refuses what a sign-up cannot be: attended before the day of its event, or
/// an event so far ahead that its date is a typing slip (its retention counts
/// from that date, PRODUCT.md section 3, so a wrong year would keep it for decades).
pub(crate) fn check_registration(event_date: NaiveDate, status: RegistrationStatus, today: NaiveDate) -> Result<()> {
    if event_date > today + chrono::Months::new(12 * 10) {
        return Err(Error::invalid("event_date", msg!("msg-event-too-far", event_date)));
    }
    if status == RegistrationStatus::Attended && event_date > today {
        return Err(Error::invalid("status", msg!("msg-event-not-yet", event_date)));
    }
    Ok(())
}

pub(crate) fn currency_of(code: &str) -> Result<Currency> {
    Currency::parse(code)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn sek(minor: i64) -> Money {
        Money::new(minor, Currency::parse("SEK").expect("SEK"))
    }

    fn order(total: i64, lines: Vec<NewOrderLine>) -> NewOrder {
        NewOrder {
            customer_id: CustomerId(1),
            number: "A-1".into(),
            order_date: NaiveDate::from_ymd_opt(2024, 3, 15).expect("date"),
            total: sek(total),
            vat: None,
            payment_provider: None,
            payment_reference: None,
            status: OrderStatus::Paid,
            lines,
        }
    }

    fn line(qty: i64, price: i64, rate: i64) -> NewOrderLine {
        NewOrderLine { description: "Ljusstake".into(), quantity: qty, unit_price_minor: price, vat_rate_bp: rate }
    }

    #[test]
    fn the_newest_standing_consent_of_a_purpose_replaces_the_older() {
        let at = |day: u32| chrono::TimeZone::with_ymd_and_hms(&Utc, 2026, 3, day, 10, 0, 0).single().expect("time");
        let consent = |id: i64, purpose: &str, day: u32, withdrawn: Option<u32>| Consent {
            id: ConsentId(id),
            customer_id: CustomerId(1),
            purpose: purpose.into(),
            text_version: format!("v{id}"),
            given_at: at(day),
            channel: "web_form".into(),
            withdrawn_at: withdrawn.map(at),
            replaced_by: None,
        };
        let mut consents = vec![
            consent(1, "newsletter", 1, None),
            consent(2, "newsletter", 9, None),
            consent(3, "newsletter", 5, None),
            consent(4, "newsletter", 20, Some(21)),
            consent(5, "sms", 2, None),
            consent(6, "sms", 1, Some(3)),
        ];
        mark_replaced(&mut consents);
        let by: Vec<Option<i64>> = consents.iter().map(|c| c.replaced_by.map(|r| r.0)).collect();
        // The newest standing newsletter consent (2) replaces the older ones; a
        // withdrawn one neither replaces nor is replaced; sms has one standing.
        assert_eq!(by, [Some(2), None, Some(2), None, None, None]);
    }

    #[test]
    fn vat_is_derived_from_the_lines() {
        let vat = order(37500, vec![line(2, 12500, 2500), line(1, 12500, 1200)]).validate().expect("valid");
        // 25000 * 25/125 = 5000; 12500 * 12/112 = 1339.29 -> 1339
        assert_eq!(vat.minor, 5000 + 1339);
    }

    #[test]
    fn totals_must_match_their_lines() {
        let err = order(100, vec![line(1, 50, 2500)]).validate().expect_err("mismatch");
        assert!(err.to_string().starts_with("total: "), "{err}");
        let err = order(0, vec![line(0, 50, 2500)]).validate().expect_err("qty");
        assert!(err.to_string().starts_with("lines[1].quantity"), "{err}");
    }

    #[test]
    fn vat_is_a_part_of_the_total_of_its_sign() {
        let with_vat = |total: i64, vat: i64| NewOrder { vat: Some(sek(vat)), ..order(total, vec![]) }.validate();
        assert_eq!(with_vat(12500, 2500).expect("a sale").minor, 2500);
        assert_eq!(with_vat(-12500, -2500).expect("a return").minor, -2500);
        assert_eq!(with_vat(12500, 0).expect("no VAT").minor, 0);
        assert_eq!(with_vat(0, 0).expect("nothing").minor, 0);
        for (total, vat, why) in
            [(1000, -100, "msg-vat-sign"), (-1000, 100, "msg-vat-sign"), (1000, 1001, "msg-vat-above-total")]
        {
            match with_vat(total, vat) {
                Err(Error::Invalid { place, message }) => assert_eq!((place.0.as_str(), message.key), ("vat", why)),
                other => panic!("{total} with VAT {vat}: {other:?}"),
            }
        }
    }
}
