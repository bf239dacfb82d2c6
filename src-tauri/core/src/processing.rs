//! The processing catalogue (GDPR Art. 30): every category of personal data with
//! its legal basis and source, and the processors and recipients it goes to.
//!
//! The access report is generated from this mapping, never written by hand.
//! A new register starts with the shop's published privacy policy (PRODUCT.md
//! section 2) as its defaults; the shop edits them.

use chrono::NaiveDate;
use serde::Serialize;

use crate::macros::text_enum;
use crate::values::ProcessorId;

text_enum! {
    /// Each personal-data field belongs to exactly one category (PRODUCT.md section 3).
    pub enum Category {
        IdentityContact = "identity_contact",
        PurchaseHistory = "purchase_history",
        Invoices = "invoices",
        Communications = "communications",
        WebActivity = "web_activity",
        Consents = "consents",
        Events = "events",
        Requests = "requests",
    }
}

text_enum! {
    /// GDPR Art. 6(1).
    pub enum LegalBasis {
        /// Art. 6(1)(a)
        Consent = "consent",
        /// Art. 6(1)(b)
        Contract = "contract",
        /// Art. 6(1)(c), here the bookkeeping law
        LegalObligation = "legal_obligation",
        /// Art. 6(1)(f), after a documented balancing assessment
        LegitimateInterest = "legitimate_interest",
    }
}

text_enum! {
    /// Where the data comes from (Art. 14(2)(f) and 15(1)(g)).
    pub enum Source {
        /// Given by the customer (account, orders, contact forms, calls).
        DataSubject = "data_subject",
        /// Observed about the customer (web-site IP addresses and actions).
        Observed = "observed",
        /// Created by the shop (order numbers, invoices, notes of its own).
        Shop = "shop",
    }
}

text_enum! {
    pub enum ProcessorRole {
        /// Processes on the shop's behalf under a data processing agreement (Art. 28).
        Processor = "processor",
        /// Receives data and decides its own purposes (payment providers, ad platforms).
        Recipient = "recipient",
    }
}

/// One row of the catalogue: a category and how it is processed.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, sqlx::FromRow)]
pub struct CategoryProcessing {
    pub code: Category,
    /// The shop's own wording; `None` means the translated default text.
    pub purpose: Option<String>,
    pub legal_basis: LegalBasis,
    pub source: Source,
}

impl Category {
    pub fn default_processing(self) -> CategoryProcessing {
        use Category::*;
        let (legal_basis, source) = match self {
            IdentityContact => (LegalBasis::Contract, Source::DataSubject),
            PurchaseHistory => (LegalBasis::LegalObligation, Source::DataSubject),
            Invoices => (LegalBasis::LegalObligation, Source::Shop),
            Communications => (LegalBasis::LegitimateInterest, Source::DataSubject),
            WebActivity => (LegalBasis::LegitimateInterest, Source::Observed),
            Consents => (LegalBasis::Consent, Source::DataSubject),
            Events => (LegalBasis::Contract, Source::DataSubject),
            Requests => (LegalBasis::LegalObligation, Source::DataSubject),
        };
        CategoryProcessing { code: self, purpose: None, legal_basis, source }
    }
}

/// A processor or recipient of personal data.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, sqlx::FromRow)]
pub struct Processor {
    pub id: ProcessorId,
    pub name: String,
    pub role: ProcessorRole,
    /// ISO 3166 alpha-2 of where it processes.
    pub country: String,
    pub purpose: String,
    pub agreement_date: Option<NaiveDate>,
    pub outside_eea: bool,
    /// Art. 46 safeguards where data leaves the EU/EEA.
    pub safeguards: Option<String>,
}

/// A processor as it is entered, before it has an id.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct NewProcessor {
    pub name: String,
    pub role: ProcessorRole,
    pub country: String,
    pub purpose: String,
    pub agreement_date: Option<NaiveDate>,
    pub outside_eea: bool,
    pub safeguards: Option<String>,
}

/// The recipients named in the shop's privacy policy (PRODUCT.md section 2).
pub fn default_processors() -> Vec<NewProcessor> {
    let p = |name: &str, role, country: &str, purpose: &str, outside_eea, safeguards: Option<&str>| NewProcessor {
        name: name.to_owned(),
        role,
        country: country.to_owned(),
        purpose: purpose.to_owned(),
        agreement_date: None,
        outside_eea,
        safeguards: safeguards.map(str::to_owned),
    };
    vec![
        p(
            "Web platform supplier",
            ProcessorRole::Processor,
            "SE",
            "Web shop platform and hosting of customer accounts and orders",
            false,
            None,
        ),
        p(
            "Google Analytics (Google Ireland Ltd)",
            ProcessorRole::Recipient,
            "IE",
            "Web-site statistics through cookies",
            true,
            Some("EU-US Data Privacy Framework; standard contractual clauses"),
        ),
        p(
            "Facebook (Meta Platforms Ireland Ltd)",
            ProcessorRole::Recipient,
            "IE",
            "Advertising through the Facebook pixel",
            true,
            Some("EU-US Data Privacy Framework; standard contractual clauses"),
        ),
        p(
            "Klarna Bank AB",
            ProcessorRole::Recipient,
            "SE",
            "Payment and invoicing; holds the card and payment data",
            false,
            None,
        ),
        p("PayEx Sverige AB", ProcessorRole::Recipient, "SE", "Card payments; holds the card data", false, None),
    ]
}

/// A documented legitimate-interest assessment (Art. 6(1)(f)).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, sqlx::FromRow)]
pub struct Assessment {
    pub id: crate::values::AssessmentId,
    pub purpose: String,
    pub interest: String,
    pub necessity: String,
    pub balancing: String,
    pub outcome: String,
    pub assessed_on: NaiveDate,
    pub author: String,
}

/// The assessments behind the policy's legitimate-interest purposes.
pub fn default_assessments() -> Vec<(String, String, String, String, String)> {
    vec![
        (
            "Following up support requests and keeping notes of calls, meetings and e-mail".into(),
            "Answering the customer's questions and handling complaints".into(),
            "Notes are needed to follow a matter that spans several contacts".into(),
            "Customers expect a shop to remember their matter; notes are short and deleted 2 years after the matter closes".into(),
            "Legitimate interest outweighs; notes kept 2 years after the matter closed".into(),
        ),
        (
            "Web-site security and statistics from IP addresses and actions".into(),
            "Protecting the web shop against misuse and improving it".into(),
            "IP addresses are needed to detect misuse; no profiling".into(),
            "Limited data, kept 13 months, no special categories".into(),
            "Legitimate interest outweighs; web events kept 13 months".into(),
        ),
    ]
}
