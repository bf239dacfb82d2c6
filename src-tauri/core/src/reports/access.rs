//! The access report (GDPR Art. 15) and the portability export (Art. 20): their
//! content as typed data. The JSON document is this data serialised; its schema
//! is generated from these types (`docs/schema/`); the PDF is printed from it.
//! Nothing here is written by hand per customer: every category comes from the
//! register and the processing catalogue.

use chrono::{DateTime, NaiveDate, Utc};
use schemars::JsonSchema;
use serde::Serialize;

use crate::audit::corrections::Corrected;
use crate::i18n::Translator;
use crate::processing::{Catalogue, Category, CategoryProcessing, LegalBasis, ProcessorRole, Source};
use crate::register::{Customer, CustomerState, OrderStatus};
use crate::requests::{Request, RequestKind, RequestState};
use crate::retention::{KeptPast, Retention};
use crate::settings::Settings;
use crate::values::{Language, Money, RequestId};

pub const ACCESS_SCHEMA: &str = "kundvakt/access-report";
pub const PORTABILITY_SCHEMA: &str = "kundvakt/portability-export";
pub const SCHEMA_VERSION: u32 = 1;

#[derive(Debug, Clone, PartialEq, Eq, Serialize, JsonSchema)]
pub struct Controller {
    pub name: String,
    pub org_number: String,
    pub address: String,
    pub email: String,
    pub phone: String,
    pub website: String,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, JsonSchema)]
pub struct RequestRef {
    pub id: RequestId,
    pub kind: RequestKind,
    pub received: NaiveDate,
    pub due_date: NaiveDate,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, JsonSchema)]
pub struct AuditHead {
    /// The audit trail's last entry when the document was made.
    pub seq: i64,
    /// Its hash: later tampering with the trail before this point is detectable.
    pub hash: String,
}

/// A person's name and contact details, as the register holds them.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, JsonSchema)]
pub struct ContactDetails {
    pub name: Option<String>,
    pub email: Option<String>,
    pub phone: Option<String>,
    pub street: Option<String>,
    pub postal_code: Option<String>,
    pub city: Option<String>,
    pub country: Option<String>,
    pub language: Language,
}

impl From<&Customer> for ContactDetails {
    fn from(c: &Customer) -> Self {
        ContactDetails {
            name: c.name.clone(),
            email: c.email.clone(),
            phone: c.phone.clone(),
            street: c.street.clone(),
            postal_code: c.postal_code.clone(),
            city: c.city.clone(),
            country: c.country.clone(),
            language: c.language,
        }
    }
}

/// The customer's record: their numbers, details, and how long they are kept.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, JsonSchema)]
pub struct IdentityRecord {
    pub customer_number: String,
    /// The web shop's other numbers for the customer: the ids its files name
    /// them by where the register gives them another number.
    pub shop_numbers: Vec<String>,
    #[serde(flatten)]
    pub contact: ContactDetails,
    pub customer_since: DateTime<Utc>,
    pub last_activity: DateTime<Utc>,
    pub state: CustomerState,
    pub retention: Retention,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, JsonSchema)]
pub struct OrderLineRecord {
    pub description: String,
    pub quantity: i64,
    pub unit_price: Money,
    /// VAT rate in percent, as a decimal string ("25.00").
    pub vat_rate: String,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, JsonSchema)]
pub struct OrderRecord {
    pub number: String,
    pub date: NaiveDate,
    pub status: OrderStatus,
    pub total: Money,
    pub vat: Money,
    pub payment_provider: Option<String>,
    pub payment_reference: Option<String>,
    pub lines: Vec<OrderLineRecord>,
    /// Kept only for the bookkeeping obligation (Art. 18).
    pub restricted: bool,
    pub retention: Retention,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, JsonSchema)]
pub struct InvoiceRecord {
    pub number: String,
    pub kind: crate::register::InvoiceKind,
    pub order_number: Option<String>,
    pub issued: NaiveDate,
    pub due: Option<NaiveDate>,
    /// Negative for a credit note.
    pub amount: Money,
    /// A credit note's: the number of the invoice it credits.
    pub credits: Option<String>,
    pub retention: Retention,
}

/// A note of a contact. The staff member's name is left out: it is another
/// person's data (Art. 15(4)).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, JsonSchema)]
pub struct InteractionRecord {
    pub time: DateTime<Utc>,
    pub channel: crate::register::Channel,
    pub direction: crate::register::Direction,
    pub summary: String,
    pub closed_on: Option<NaiveDate>,
    pub retention: Retention,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, JsonSchema)]
pub struct WebEventRecord {
    pub time: DateTime<Utc>,
    pub ip_address: String,
    pub action: String,
    pub user_agent: Option<String>,
    pub retention: Retention,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, JsonSchema)]
pub struct ConsentRecord {
    pub purpose: String,
    pub text_version: String,
    pub given_at: DateTime<Utc>,
    pub channel: String,
    pub withdrawn_at: Option<DateTime<Utc>>,
    /// Where the person agreed again since, to a new wording, and this
    /// consent is not withdrawn: the consent in force now.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub replaced_by: Option<ConsentReplacement>,
    pub retention: Retention,
}

/// The later consent to the same purpose that is in force in an earlier one's stead.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, JsonSchema)]
pub struct ConsentReplacement {
    pub text_version: String,
    pub given_at: DateTime<Utc>,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, JsonSchema)]
pub struct EventRecord {
    pub event: String,
    pub date: NaiveDate,
    pub status: crate::register::RegistrationStatus,
    pub retention: Retention,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, JsonSchema)]
pub struct RequestRecord {
    pub id: RequestId,
    pub kind: RequestKind,
    pub received: NaiveDate,
    pub due_date: NaiveDate,
    pub state: RequestState,
    pub answered_on: Option<NaiveDate>,
    pub retention: Retention,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, JsonSchema)]
pub struct Transfer {
    pub recipient: String,
    pub country: String,
    pub safeguards: Option<String>,
}

/// One category: the data, and how and why it is processed (Art. 15(1)(a)-(g)).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, JsonSchema)]
#[schemars(rename = "SectionOf{T}")]
pub struct Section<T> {
    pub category: Category,
    pub title: String,
    pub purpose: String,
    pub legal_basis: LegalBasis,
    pub legal_basis_text: String,
    /// Where the basis is the shop's legitimate interest: that interest, as
    /// each assessment covering the category states it (Art. 13(1)(d),
    /// 14(2)(b)); empty otherwise.
    pub legitimate_interests: Vec<String>,
    pub source: Source,
    pub source_text: String,
    pub retention_text: String,
    pub recipients: Vec<String>,
    pub transfers_outside_eea: Vec<Transfer>,
    pub records: Vec<T>,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, JsonSchema)]
pub struct AccessCategories {
    pub identity_contact: Section<IdentityRecord>,
    pub purchase_history: Section<OrderRecord>,
    pub invoices: Section<InvoiceRecord>,
    pub communications: Section<InteractionRecord>,
    pub web_activity: Section<WebEventRecord>,
    pub consents: Section<ConsentRecord>,
    pub events: Section<EventRecord>,
    pub requests: Section<RequestRecord>,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, JsonSchema)]
pub struct RecipientInfo {
    pub name: String,
    pub role: ProcessorRole,
    pub country: String,
    pub purpose: String,
    pub categories: Vec<Category>,
    pub outside_eea: bool,
    pub safeguards: Option<String>,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, JsonSchema)]
pub struct RightInfo {
    pub right: String,
    pub article: String,
    pub text: String,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, JsonSchema)]
pub struct Authority {
    pub name: String,
    pub address: String,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, JsonSchema)]
pub struct AutomatedDecisions {
    /// Art. 15(1)(h): whether decisions based solely on automated processing, or profiling, take place.
    pub used: bool,
    pub text: String,
}

/// The access report: everything held about one customer, and the processing
/// information of Art. 15(1).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, JsonSchema)]
pub struct AccessReport {
    /// Always "kundvakt/access-report".
    pub schema: String,
    pub schema_version: u32,
    pub generated_at: DateTime<Utc>,
    pub language: Language,
    pub controller: Controller,
    pub request: Option<RequestRef>,
    pub customer_number: String,
    pub categories: AccessCategories,
    pub recipients: Vec<RecipientInfo>,
    pub automated_decision_making: AutomatedDecisions,
    pub rights: Vec<RightInfo>,
    pub supervisory_authority: Authority,
    /// The personal data breaches the shop recorded as concerning the
    /// customer (Art. 33, 34): that their data was breached is itself data
    /// about them. Left out when there are none.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub breaches: Vec<BreachConcerning>,
    /// The values that corrections of the customer's data replaced, which
    /// the audit trail keeps (Art. 16; PRODUCT.md section 4): data held about
    /// them, so told (Art. 15(1)). Left out when there are none.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub corrections: Vec<CorrectionRecord>,
    /// The day, on the shop's clock, since which the shop no longer records
    /// the customer's web activity, for their objection (Art. 21(1)). Left
    /// out while it is recorded.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub web_activity_stopped: Option<NaiveDate>,
    /// The customers found to be the same person and merged into this one
    /// (register/merge.rs): the data in this report includes theirs, which
    /// the person may wonder at otherwise (Art. 15(1), 5(1)(a)). Left out
    /// when there are none.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub merged: Vec<MergedCustomer>,
    pub audit_head: AuditHead,
}

impl AccessReport {
    /// Every record's retention, in the order of the categories.
    pub fn retentions(&self) -> impl Iterator<Item = &Retention> {
        let c = &self.categories;
        (c.identity_contact.records.iter().map(|r| &r.retention))
            .chain(c.purchase_history.records.iter().map(|r| &r.retention))
            .chain(c.invoices.records.iter().map(|r| &r.retention))
            .chain(c.communications.records.iter().map(|r| &r.retention))
            .chain(c.web_activity.records.iter().map(|r| &r.retention))
            .chain(c.consents.records.iter().map(|r| &r.retention))
            .chain(c.events.records.iter().map(|r| &r.retention))
            .chain(c.requests.records.iter().map(|r| &r.retention))
    }

    /// How many of its records had passed their last day with nothing to
    /// keep them: the report tells the person they are to be deleted, and
    /// the shop should see that they are, once it has answered.
    pub fn records_past_due(&self) -> usize {
        self.retentions().filter(|r| r.kept_past == Some(KeptPast::Due)).count()
    }
}

/// A customer merged into the one the report is about.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, JsonSchema)]
pub struct MergedCustomer {
    pub customer_number: String,
    /// The day of the merge, on the shop's clock.
    pub merged_on: NaiveDate,
    /// The merged customer's details as they were at the merge, which the
    /// shop keeps beside it while the merge may be undone
    /// (register/unmerge.rs): data held about the person (Art. 15(1)).
    /// Left out once they are forgotten.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub kept_to_undo: Option<KeptToUndo>,
}

/// A merged customer's details, kept so that a merge of two people can be undone.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, JsonSchema)]
pub struct KeptToUndo {
    /// The last day they are kept, on the shop's clock.
    pub until: NaiveDate,
    #[serde(flatten)]
    pub contact: ContactDetails,
}

/// One part of the customer's data as it was before a correction.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, JsonSchema)]
pub struct CorrectionRecord {
    pub corrected_at: DateTime<Utc>,
    /// The time of the contact whose note was corrected; `None` for the
    /// customer's own details.
    pub note_time: Option<DateTime<Utc>>,
    pub field: Corrected,
    /// As stored: a country or language by its code, a note's channel and
    /// direction by their names, its kind as `"true"` or `"false"`; `None`
    /// where the part was empty.
    pub before: Option<String>,
    pub after: Option<String>,
}

/// A breach as the access report tells the customer of it: what the letter
/// of Art. 34(2) says, and when they were told.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, JsonSchema)]
pub struct BreachConcerning {
    /// The breach's number in the shop's record.
    pub id: i64,
    /// When the shop became aware of it.
    pub aware_at: DateTime<Utc>,
    pub nature: String,
    pub categories: Vec<Category>,
    pub consequences: String,
    pub measures: String,
    /// When the people concerned were told, where the record says.
    pub informed_at: Option<DateTime<Utc>>,
}

/// What Art. 20 covers: data the customer provided and data observed about them,
/// never notes written by the shop's staff or other people's data.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, JsonSchema)]
pub struct PortabilityExport {
    /// Always "kundvakt/portability-export".
    pub schema: String,
    pub schema_version: u32,
    pub generated_at: DateTime<Utc>,
    pub controller: Controller,
    pub request: Option<RequestRef>,
    pub provided: ProvidedData,
    pub observed: ObservedData,
    pub audit_head: AuditHead,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, JsonSchema)]
pub struct ProvidedData {
    pub identity_contact: Vec<IdentityRecord>,
    pub orders: Vec<OrderRecord>,
    pub consents: Vec<ConsentRecord>,
    pub event_registrations: Vec<EventRecord>,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, JsonSchema)]
pub struct ObservedData {
    pub web_activity: Vec<WebEventRecord>,
}

pub(crate) fn controller(s: &Settings) -> Controller {
    let get = |k: &str| s.get(k).unwrap_or_default().to_owned();
    Controller {
        name: get("controller.name"),
        org_number: get("controller.org_number"),
        address: get("controller.address"),
        email: get("controller.email"),
        phone: get("controller.phone"),
        website: get("controller.website"),
    }
}

fn processing_of(c: &Catalogue, category: Category) -> CategoryProcessing {
    c.categories.iter().find(|p| p.code == category).cloned().unwrap_or_else(|| category.default_processing())
}

/// A category with how and why it is processed, from the catalogue and
/// the settings: the access report's (with the person's `records`) and the
/// privacy notice's (with none).
pub(crate) fn processing_section<T>(
    settings: &Settings,
    catalogue: &Catalogue,
    tr: &Translator,
    category: Category,
    records: Vec<T>,
) -> Section<T> {
    let p = processing_of(catalogue, category);
    let receivers: Vec<&crate::processing::Processor> =
        catalogue.processors.iter().filter(|r| r.fields.categories.0.contains(&category)).collect();
    let retention_text = retention_text(settings, tr, category);
    Section {
        category,
        title: category.name(tr),
        purpose: p.purpose.clone().unwrap_or_else(|| tr.t(&format!("purpose-{category}"))),
        legal_basis: p.legal_basis,
        legal_basis_text: tr.t(&p.legal_basis.text_key(category)),
        legitimate_interests: match p.legal_basis {
            LegalBasis::LegitimateInterest => catalogue
                .assessments
                .iter()
                .filter(|a| a.fields.categories.0.contains(&category))
                .map(|a| tr.defaulted(&a.fields.interest))
                .collect(),
            _ => vec![],
        },
        source: p.source,
        source_text: tr.t(&format!("source-{}", p.source)),
        retention_text,
        recipients: receivers.iter().map(|r| tr.defaulted(&r.fields.name)).collect(),
        transfers_outside_eea: receivers
            .iter()
            .filter(|r| r.fields.outside_eea)
            .map(|r| Transfer {
                recipient: tr.defaulted(&r.fields.name),
                country: r.fields.country.clone(),
                safeguards: r.fields.safeguards.as_deref().map(|s| tr.defaulted(s)),
            })
            .collect(),
        records,
    }
}

/// How long a category is kept, in words, with the shop's periods and law.
pub(crate) fn retention_text(settings: &Settings, tr: &Translator, category: Category) -> String {
    let law = crate::retention::rules::accounting_rule(settings.country()).source.to_owned();
    let months = |key: &str| ("months", settings.months(key).to_string());
    match category {
        Category::IdentityContact => {
            tr.t_args("retention-identity_contact", &[months("retention.inactive_customer_months")])
        }
        Category::PurchaseHistory => tr.t_args("retention-purchase_history", &[("law", law)]),
        Category::Invoices => tr.t_args("retention-invoices", &[("law", law)]),
        Category::Communications => {
            let law = crate::retention::rules::correspondence_rule(settings.country()).source.to_owned();
            tr.t_args("retention-communications", &[months("retention.interaction_months"), ("law", law)])
        }
        Category::WebActivity => tr.t_args("retention-web_activity", &[months("retention.web_event_months")]),
        Category::Consents => tr.t_args("retention-consents", &[months("retention.consent_proof_months")]),
        Category::Events => tr.t_args("retention-events", &[months("retention.event_months")]),
        Category::Requests => tr.t_args("retention-requests", &[months("retention.request_months")]),
    }
}

/// Every processor and recipient, as the documents list them, in `tr`'s
/// language where the shop has kept Kundvakt's wording.
pub(crate) fn recipients(c: &Catalogue, tr: &Translator) -> Vec<RecipientInfo> {
    c.processors
        .iter()
        .map(|p| RecipientInfo {
            name: tr.defaulted(&p.fields.name),
            role: p.fields.role,
            country: p.fields.country.clone(),
            purpose: tr.defaulted(&p.fields.purpose),
            categories: p.fields.categories.0.clone(),
            outside_eea: p.fields.outside_eea,
            safeguards: p.fields.safeguards.as_deref().map(|s| tr.defaulted(s)),
        })
        .collect()
}

pub(crate) fn request_ref(r: &Request) -> RequestRef {
    RequestRef { id: r.id, kind: r.kind, received: r.received_on, due_date: r.due_date() }
}

pub(crate) const RIGHTS: [(&str, &str, &str); 7] = [
    ("access", "Art. 15", "right-access"),
    ("rectification", "Art. 16", "right-rectification"),
    ("erasure", "Art. 17", "right-erasure"),
    ("restriction", "Art. 18", "right-restriction"),
    ("portability", "Art. 20", "right-portability"),
    ("objection", "Art. 21", "right-objection"),
    ("withdraw_consent", "Art. 7(3)", "right-withdraw"),
];
