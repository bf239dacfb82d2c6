//! The documents of personal data breaches: the record (Art. 33(5): the
//! documentation "shall enable the supervisory authority to verify
//! compliance"), every breach with its facts and steps, to hand over on
//! request; and the letter to the people a breach concerns (Art. 34).

use chrono::{DateTime, Utc};
use schemars::JsonSchema;
use serde::Serialize;

use super::access::{AuditHead, Authority, Controller};
use super::access_pdf::controller_fields;
use super::document::{printable, Block, Clock, Doc};
use super::notices::doc;
use crate::breaches::{Breach, BreachView};
use crate::i18n::Translator;
use crate::processing::Category;
use crate::values::BreachId;

#[derive(Debug, Clone, PartialEq, Eq, Serialize, JsonSchema)]
pub struct BreachRecord {
    /// Always "kundvakt/breach-record".
    pub schema: String,
    pub schema_version: u32,
    pub generated_at: DateTime<Utc>,
    pub controller: Controller,
    /// Where a breach is notified (Art. 33(1), 55): the authority of the shop's country, or the settings'.
    pub supervisory_authority: Authority,
    /// Every breach recorded, open and closed, oldest first, as it stood when the document was made.
    pub breaches: Vec<BreachView>,
    pub audit_head: AuditHead,
}

impl BreachRecord {
    pub fn to_doc(&self, tr: &Translator, clock: Clock) -> Doc {
        let mut blocks = vec![
            Block::Title(tr.t("breaches-doc-title")),
            Block::Subtitle(tr.t("breaches-doc-subject")),
            controller_fields(tr, &self.controller),
            Block::Paragraph(tr.t("breaches-doc-intro")),
            Block::Fields(vec![(
                tr.t("breaches-doc-authority"),
                format!("{}, {}", self.supervisory_authority.name, self.supervisory_authority.address),
            )]),
        ];
        if self.breaches.is_empty() {
            blocks.push(Block::Paragraph(tr.t("breaches-doc-none")));
        }
        let time = |t: &Option<DateTime<Utc>>| t.map(|t| clock.time(tr, &t)).unwrap_or_default();
        for v in &self.breaches {
            let b = &v.breach;
            let f = &b.fields;
            blocks.push(Block::Heading(
                tr.t_args("breaches-doc-heading", &[("id", b.id.to_string()), ("at", clock.time(tr, &f.aware_at))]),
            ));
            let categories: Vec<String> = f.categories.0.iter().map(|c| c.name(tr)).collect();
            let pairs = [
                ("ui-breach-nature", f.nature.clone()),
                ("ui-breach-categories", categories.join(", ")),
                ("ui-breach-people", f.people.map(|n| n.to_string()).unwrap_or_default()),
                ("ui-breach-concerned", if v.concerned > 0 { v.concerned.to_string() } else { String::new() }),
                ("ui-breach-consequences", f.consequences.clone()),
                ("ui-breach-measures", f.measures.clone()),
                ("ui-breach-risk", tr.t(&format!("breach-risk-{}", f.risk))),
                ("breaches-doc-notify-by", if b.must_notify() { clock.time(tr, &v.notify_by) } else { String::new() }),
                ("ui-breach-notified-at", time(&b.notified_at)),
                ("ui-breach-reference", b.authority_reference.clone().unwrap_or_default()),
                ("ui-breach-delay-reason", b.delay_reason.clone().unwrap_or_default()),
                ("ui-breach-informed-at", time(&b.informed_at)),
                ("ui-breach-how", b.informed_how.clone().unwrap_or_default()),
                ("ui-breach-recorded-by", format!("{} ({})", clock.time(tr, &b.recorded_at), b.recorded_by)),
                ("breaches-doc-closed", time(&b.closed_at)),
            ];
            blocks.push(Block::Fields(
                pairs.into_iter().filter(|(_, v)| !v.is_empty()).map(|(k, v)| (tr.t(k), printable(&v))).collect(),
            ));
            if v.overdue {
                blocks.push(Block::Note(tr.t("breaches-doc-overdue")));
            }
        }
        blocks.push(Block::Note(tr.t_args("doc-generated", &[("date", tr.date(clock.day(&self.generated_at)))])));
        doc(
            tr,
            tr.t("breaches-doc-title"),
            "breaches-doc-subject",
            &self.controller,
            self.generated_at,
            &self.audit_head,
            blocks,
        )
    }
}

/// The communication of a breach to the people it concerns (Art. 34(1)):
/// "in clear and plain language the nature of the personal data breach" with
/// at least the contact point, the likely consequences and the measures taken
/// or proposed, including those to mitigate its effects (Art. 34(2), which
/// names Art. 33(3)(b), (c) and (d)). One letter for everyone concerned, in
/// their language: sent to each, or made public where that would take a
/// disproportionate effort (Art. 34(3)(c)); or one addressed to a customer,
/// in theirs, for the post or for whoever asks whether they were concerned.
/// The facts are printed as the shop wrote them.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, JsonSchema)]
pub struct BreachLetter {
    /// Always "kundvakt/breach-letter".
    pub schema: String,
    pub schema_version: u32,
    pub generated_at: DateTime<Utc>,
    /// The shop, and how to reach it: the contact point (Art. 33(3)(b)).
    pub controller: Controller,
    pub breach: BreachId,
    /// The customer the letter is addressed to; none for a letter to everyone concerned.
    pub addressee: Option<Addressee>,
    /// When the shop became aware of the breach.
    pub aware_at: DateTime<Utc>,
    /// What happened, as the shop recorded it.
    pub nature: String,
    /// The categories of data concerned.
    pub categories: Vec<Category>,
    /// Its likely consequences (Art. 33(3)(c)).
    pub consequences: String,
    /// What was done or is proposed, including to limit its effects (Art. 33(3)(d)).
    pub measures: String,
    /// Where a complaint may be lodged (Art. 77).
    pub supervisory_authority: Authority,
    pub audit_head: AuditHead,
}

/// Whom a letter is addressed to: a customer's name and postal address.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, JsonSchema)]
pub struct Addressee {
    pub customer_number: String,
    pub name: String,
    /// The postal address, line by line (street, postal code and city, country).
    pub address: Vec<String>,
}

impl Addressee {
    /// `c` as an envelope names them; the country only when it is not the shop's.
    pub fn of(c: &crate::register::Customer, shop_country: &str, tr: &Translator) -> Self {
        let town = [c.postal_code.as_deref(), c.city.as_deref()].into_iter().flatten().collect::<Vec<_>>().join(" ");
        let country = c.country.as_deref().filter(|k| *k != shop_country).map(|k| tr.country(k));
        Addressee {
            customer_number: c.number.clone(),
            name: c.name.clone().unwrap_or_default(),
            address: [c.street.clone(), Some(town), country].into_iter().flatten().filter(|l| !l.is_empty()).collect(),
        }
    }
}

impl BreachLetter {
    pub fn new(
        b: &Breach,
        addressee: Option<Addressee>,
        controller: Controller,
        authority: Authority,
        at: DateTime<Utc>,
        head: AuditHead,
    ) -> Self {
        let f = &b.fields;
        BreachLetter {
            schema: "kundvakt/breach-letter".into(),
            schema_version: super::access::SCHEMA_VERSION,
            generated_at: at,
            controller,
            breach: b.id,
            addressee,
            aware_at: f.aware_at,
            nature: f.nature.clone(),
            categories: f.categories.0.clone(),
            consequences: f.consequences.clone(),
            measures: f.measures.clone(),
            supervisory_authority: authority,
            audit_head: head,
        }
    }

    pub fn to_doc(&self, tr: &Translator, clock: Clock) -> Doc {
        let c = &self.controller;
        let shop = [("shop", c.name.clone())];
        let contact: Vec<&str> =
            [c.email.as_str(), c.phone.as_str(), c.address.as_str()].into_iter().filter(|v| !v.is_empty()).collect();
        let section = |key: &str, text: &str| [Block::Heading(tr.t(key)), Block::Paragraph(printable(text))];
        let mut blocks = vec![
            Block::Title(tr.t_args("breach-letter-title", &shop)),
            Block::Subtitle(tr.t("breach-letter-subject")),
            controller_fields(tr, c),
        ];
        if let Some(to) = &self.addressee {
            let lines = std::iter::once(to.name.as_str())
                .chain(to.address.iter().map(String::as_str))
                .filter(|l| !l.is_empty());
            blocks.push(Block::Fields(vec![(
                tr.t("breach-letter-to"),
                printable(&lines.collect::<Vec<_>>().join("\n")),
            )]));
            if !to.name.is_empty() {
                blocks.push(Block::Paragraph(tr.t_args("breach-letter-dear", &[("name", printable(&to.name))])));
            }
        }
        blocks.push(Block::Paragraph(tr.t_args("breach-letter-intro", &shop)));
        blocks.extend(section("breach-letter-what", &self.nature));
        blocks.push(Block::Fields(vec![(tr.t("breach-letter-aware"), tr.date(clock.day(&self.aware_at)))]));
        blocks.push(Block::Heading(tr.t("breach-letter-data")));
        blocks.push(if self.categories.is_empty() {
            Block::Paragraph(tr.t("breach-letter-data-unknown"))
        } else {
            Block::Bullets(self.categories.iter().map(|cat| cat.name(tr)).collect())
        });
        blocks.extend(section("breach-letter-consequences", &self.consequences));
        blocks.extend(section("breach-letter-measures", &self.measures));
        blocks.push(Block::Heading(tr.t("breach-letter-questions")));
        blocks.push(Block::Paragraph(match contact.is_empty() {
            false => tr.t_args("breach-letter-contact", &[("shop", c.name.clone()), ("contact", contact.join(", "))]),
            true => tr.t_args("breach-letter-contact-shop", &shop),
        }));
        blocks.push(Block::Heading(tr.t("authority-title")));
        blocks.push(Block::Paragraph(tr.t_args(
            "breach-letter-complain",
            &[
                ("authority", self.supervisory_authority.name.clone()),
                ("address", self.supervisory_authority.address.clone()),
            ],
        )));
        let customer = self.addressee.as_ref().map(|a| a.customer_number.clone()).unwrap_or_default();
        blocks.push(Block::Note(tr.t_args(
            if customer.is_empty() { "breach-letter-reference" } else { "breach-letter-reference-customer" },
            &[
                ("id", self.breach.to_string()),
                ("date", tr.date(clock.day(&self.generated_at))),
                ("customer", customer),
            ],
        )));
        doc(
            tr,
            tr.t_args("breach-letter-title", &shop),
            "breach-letter-subject",
            c,
            self.generated_at,
            &self.audit_head,
            blocks,
        )
    }
}
