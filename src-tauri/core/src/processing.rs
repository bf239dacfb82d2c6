//! The processing catalogue (GDPR Art. 30): every category of personal data with
//! its legal basis and source, and the processors and recipients it goes to.
//!
//! The access report is generated from this mapping, never written by hand.
//! A new register starts with the shop's published privacy policy (PRODUCT.md
//! section 2) as its defaults; the shop edits them.

use std::collections::BTreeSet;

use chrono::NaiveDate;
use serde::Serialize;

use crate::audit::to_json;
use crate::audit::Action;
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

impl LegalBasis {
    /// The locale key of the basis as a document states it for `category`. A
    /// legal obligation names its law where Kundvakt knows it: the bookkeeping
    /// law for accounting records, the GDPR's own duty to answer requests and
    /// show that they were answered (Art. 12, 5(2)) for the requests; any
    /// other category moved onto a legal obligation gets the article alone.
    pub fn text_key(self, category: Category) -> String {
        match (self, category) {
            (LegalBasis::LegalObligation, Category::PurchaseHistory | Category::Invoices) => {
                "basis-legal_obligation-bookkeeping".to_owned()
            }
            (LegalBasis::LegalObligation, Category::Requests) => "basis-legal_obligation-requests".to_owned(),
            (basis, _) => format!("basis-{basis}"),
        }
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
#[derive(Debug, Clone, PartialEq, Eq, Serialize, sqlx::FromRow, schemars::JsonSchema)]
pub struct CategoryProcessing {
    pub code: Category,
    /// The shop's own wording; `None` means the translated default text.
    pub purpose: Option<String>,
    pub legal_basis: LegalBasis,
    pub source: Source,
}

impl Category {
    /// The category as people read it, in the translator's language (`cat-…`).
    pub fn name(self, tr: &crate::i18n::Translator) -> String {
        tr.t(&format!("cat-{self}"))
    }

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

/// Categories as stored: comma-separated codes in one TEXT column.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, serde::Deserialize, schemars::JsonSchema)]
#[serde(transparent)]
pub struct CategoryList(pub Vec<Category>);

impl TryFrom<String> for CategoryList {
    type Error = String;
    fn try_from(s: String) -> Result<Self, String> {
        s.split(',')
            .map(str::trim)
            .filter(|c| !c.is_empty())
            .map(str::parse)
            .collect::<Result<_, _>>()
            .map(CategoryList)
    }
}

impl CategoryList {
    /// Categories as a person writes them: comma-separated codes; refused naming `place`.
    pub fn parse(text: &str, place: &str) -> crate::Result<CategoryList> {
        CategoryList::try_from(text.to_owned()).map_err(|e| crate::Error::invalid(place, crate::Message::english(e)))
    }

    pub fn to_text(&self) -> String {
        self.0.iter().map(|c| c.as_str()).collect::<Vec<_>>().join(",")
    }
}

/// A processor or recipient of personal data.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, sqlx::FromRow, schemars::JsonSchema)]
pub struct Processor {
    pub id: ProcessorId,
    #[sqlx(flatten)]
    #[serde(flatten)]
    pub fields: NewProcessor,
}

/// A processor or recipient as it is entered, before it has an id.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, serde::Deserialize, sqlx::FromRow, schemars::JsonSchema)]
pub struct NewProcessor {
    pub name: String,
    pub role: ProcessorRole,
    /// ISO 3166 alpha-2 of where it is established.
    pub country: String,
    pub purpose: String,
    /// The categories of data it receives.
    #[sqlx(try_from = "String")]
    pub categories: CategoryList,
    pub agreement_date: Option<NaiveDate>,
    /// Whether data goes outside the EU/EEA (Art. 44).
    pub outside_eea: bool,
    /// Art. 46 safeguards where data leaves the EU/EEA.
    pub safeguards: Option<String>,
}

/// The recipients named in the shop's privacy policy (PRODUCT.md section 2),
/// worded in the register's language.
pub fn default_processors(tr: &crate::i18n::Translator) -> Vec<NewProcessor> {
    use Category::*;
    let us = Some(tr.t("default-safeguards-us"));
    let p = |name: String, role, country: &str, purpose: &str, categories: &[Category], safeguards: Option<String>| {
        NewProcessor {
            name,
            role,
            country: country.to_owned(),
            purpose: tr.t(purpose),
            categories: CategoryList(categories.to_vec()),
            agreement_date: None,
            outside_eea: safeguards.is_some(),
            safeguards,
        }
    };
    vec![
        p(
            tr.t("default-processor-platform"),
            ProcessorRole::Processor,
            "SE",
            "default-purpose-platform",
            &[IdentityContact, PurchaseHistory, Invoices, Communications, WebActivity, Consents, Events],
            None,
        ),
        p(
            "Google Analytics (Google Ireland Ltd)".into(),
            ProcessorRole::Recipient,
            "IE",
            "default-purpose-analytics",
            &[WebActivity],
            us.clone(),
        ),
        p(
            "Facebook (Meta Platforms Ireland Ltd)".into(),
            ProcessorRole::Recipient,
            "IE",
            "default-purpose-pixel",
            &[WebActivity],
            us,
        ),
        p(
            "Klarna Bank AB".into(),
            ProcessorRole::Recipient,
            "SE",
            "default-purpose-klarna",
            &[IdentityContact, PurchaseHistory, Invoices],
            None,
        ),
        p("PayEx Sverige AB".into(), ProcessorRole::Recipient, "SE", "default-purpose-payex", &[PurchaseHistory], None),
    ]
}

/// The whole catalogue, as `processing show` and the documents read it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, schemars::JsonSchema)]
pub struct Catalogue {
    pub categories: Vec<CategoryProcessing>,
    pub processors: Vec<Processor>,
    pub assessments: Vec<crate::assessments::Assessment>,
    /// The categories resting on legitimate interest that no assessment
    /// covers: processing the shop cannot show it weighed (Art. 6(1)(f),
    /// 5(2)). Empty when every one is covered.
    pub unassessed: Vec<Category>,
}

impl Catalogue {
    fn new(
        categories: Vec<CategoryProcessing>,
        processors: Vec<Processor>,
        assessments: Vec<crate::assessments::Assessment>,
    ) -> Catalogue {
        let unassessed = categories
            .iter()
            .filter(|c| c.legal_basis == LegalBasis::LegitimateInterest)
            .map(|c| c.code)
            .filter(|code| !assessments.iter().any(|a| a.fields.categories.0.contains(code)))
            .collect();
        Catalogue { categories, processors, assessments, unassessed }
    }
}

impl NewProcessor {
    /// Checks the fields; a transfer outside the EU/EEA needs its safeguards named (Art. 44-46).
    pub fn validate(&self) -> crate::Result<()> {
        use crate::register::records::check_text;
        // Every field is checked before any is told, in the form's order.
        let mut c = crate::error::Checks::default();
        c.take(check_text(&self.name, "name", 200));
        c.take(crate::values::CountryCode::parse(&self.country, "country").map(drop));
        c.take(check_text(&self.purpose, "purpose", 500));
        let safeguards = self.safeguards.as_deref().map(str::trim).filter(|s| !s.is_empty());
        if self.outside_eea && safeguards.is_none() {
            c.fail(crate::Error::invalid("safeguards", crate::msg!("msg-needs-safeguards")));
        }
        if let Some(s) = safeguards {
            c.take(check_text(s, "safeguards", 500));
        }
        c.done()
    }
}

/// Changes to a category's processing: `None` leaves a field as it is; an empty
/// purpose returns to the translated default text.
#[derive(Debug, Clone, Default, PartialEq, Eq, serde::Deserialize, schemars::JsonSchema)]
pub struct CategoryChanges {
    pub purpose: Option<String>,
    pub legal_basis: Option<LegalBasis>,
    pub source: Option<Source>,
}

/// A processor or recipient of data that an erasure, restriction or correction
/// reaches: the shop tells each of it (GDPR art. 19, first sentence), and the
/// person may learn who they are (second sentence).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, serde::Deserialize, schemars::JsonSchema)]
pub struct InformedRecipient {
    pub name: String,
    pub role: ProcessorRole,
    /// The categories it receives that the change reaches.
    pub categories: Vec<Category>,
}

/// The catalogue's processors and recipients of any `reached` category, each
/// with those of its categories: whom an erasure, restriction or correction
/// of those data must be told of (GDPR art. 19).
pub(crate) fn recipients_of(catalogue: &[Processor], reached: &BTreeSet<Category>) -> Vec<InformedRecipient> {
    catalogue
        .iter()
        .filter_map(|p| {
            let categories: Vec<Category> =
                p.fields.categories.0.iter().copied().filter(|c| reached.contains(c)).collect();
            (!categories.is_empty()).then(|| InformedRecipient {
                name: p.fields.name.clone(),
                role: p.fields.role,
                categories,
            })
        })
        .collect()
}

/// The catalogue within a snapshot (or a write).
/// The records of processing, by the names the audit trail gives them.
pub(crate) const CATALOGUE_ENTITIES: &[&str] = &["category", "processor", "assessment"];

pub(crate) async fn catalogue_in(tx: &mut impl crate::store::Within) -> crate::Result<Catalogue> {
    use crate::store::catalogue as sql;
    Ok(Catalogue::new(sql::categories(tx).await?, sql::processors(tx).await?, sql::assessments(tx).await?))
}

impl crate::Register {
    pub async fn catalogue(&self) -> crate::Result<Catalogue> {
        Ok(crate::store::in_snapshot!(self.store(), s => catalogue_in(&mut s).await?))
    }

    /// Whom a restriction or correction of the customer's data must be told
    /// of (Art. 19): the processors and recipients of the categories the
    /// register holds about the customer, or of `only` that one (a
    /// correction of the customer's details reaches their identity and
    /// contact data alone; an objection to the recording of their web
    /// activity, what the web site sends of it, whether or not the register
    /// holds any).
    pub async fn recipients_to_tell(
        &self,
        customer: crate::values::CustomerId,
        only: Option<Category>,
    ) -> crate::Result<Vec<InformedRecipient>> {
        let reached = match only {
            Some(only) => {
                self.customer(customer).await?;
                BTreeSet::from([only])
            }
            None => self.customer_page(customer).await?.categories(),
        };
        Ok(recipients_of(&self.catalogue().await?.processors, &reached))
    }

    pub async fn add_processor(&self, p: &NewProcessor) -> crate::Result<Processor> {
        p.validate()?;
        let mut tx = self.store().begin(self.actor()).await?;
        let saved = crate::store::catalogue::insert_processor(&mut tx, p).await?;
        tx.audit(Action::ProcessorAdd, "processor", saved.id, None, None, Some(&to_json(&saved)?)).await?;
        tx.commit().await?;
        Ok(saved)
    }

    pub async fn update_processor(&self, id: ProcessorId, p: &NewProcessor) -> crate::Result<Processor> {
        p.validate()?;
        let mut tx = self.store().begin(self.actor()).await?;
        let before = crate::store::catalogue::processor_tx(&mut tx, id)
            .await?
            .ok_or_else(|| crate::Error::not_found("processor", id))?;
        let saved = crate::store::catalogue::update_processor(&mut tx, id, p).await?;
        tx.audit(Action::ProcessorEdit, "processor", id, None, Some(&to_json(&before)?), Some(&to_json(&saved)?))
            .await?;
        tx.commit().await?;
        Ok(saved)
    }

    pub async fn remove_processor(&self, id: ProcessorId) -> crate::Result<Processor> {
        let mut tx = self.store().begin(self.actor()).await?;
        let before = crate::store::catalogue::processor_tx(&mut tx, id)
            .await?
            .ok_or_else(|| crate::Error::not_found("processor", id))?;
        crate::store::catalogue::delete_processor(&mut tx, id).await?;
        tx.audit(Action::ProcessorRemove, "processor", id, None, Some(&to_json(&before)?), None).await?;
        tx.commit().await?;
        Ok(before)
    }

    pub async fn change_category(
        &self,
        code: Category,
        changes: &CategoryChanges,
    ) -> crate::Result<CategoryProcessing> {
        if let Some(p) = &changes.purpose {
            crate::register::records::optional_text_field(Some(p), "purpose", 500)?;
        }
        let mut tx = self.store().begin(self.actor()).await?;
        let before =
            crate::store::catalogue::category_tx(&mut tx, code).await?.unwrap_or_else(|| code.default_processing());
        let after = CategoryProcessing {
            code,
            purpose: match &changes.purpose {
                Some(p) if p.trim().is_empty() => None,
                Some(p) => Some(p.trim().to_owned()),
                None => before.purpose.clone(),
            },
            legal_basis: changes.legal_basis.unwrap_or(before.legal_basis),
            source: changes.source.unwrap_or(before.source),
        };
        crate::store::catalogue::upsert_category(&mut tx, &after).await?;
        tx.audit(Action::CategoryEdit, "category", code, None, Some(&to_json(&before)?), Some(&to_json(&after)?))
            .await?;
        tx.commit().await?;
        Ok(after)
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::i18n::{message_ids, Translator};
    use crate::values::Language;

    #[test]
    fn a_processor_is_told_every_wrong_field_at_once() {
        let p = NewProcessor {
            name: " ".into(),
            role: ProcessorRole::Processor,
            country: "Amerika".into(),
            purpose: String::new(),
            categories: CategoryList::default(),
            agreement_date: None,
            outside_eea: true,
            safeguards: Some("  ".into()),
        };
        match p.validate() {
            Err(crate::Error::InvalidFields(fields)) => {
                let places: Vec<&str> = fields.iter().map(|(p, _)| p.0.as_str()).collect();
                assert_eq!(places, ["name", "country", "purpose", "safeguards"]);
            }
            other => panic!("expected every field, got {other:?}"),
        }
        let good = NewProcessor {
            name: "Fortnox AB".into(),
            country: "SE".into(),
            purpose: "Bookkeeping".into(),
            outside_eea: false,
            safeguards: None,
            ..p
        };
        assert!(good.validate().is_ok());
    }

    #[test]
    fn a_legal_obligation_names_its_law() {
        let en = Translator::new(Language::En);
        let text = |basis: LegalBasis, c: Category| en.t(&basis.text_key(c));
        assert!(text(LegalBasis::LegalObligation, Category::Invoices).contains("the bookkeeping law"));
        let requests = text(LegalBasis::LegalObligation, Category::Requests);
        assert!(requests.contains("answer your requests") && !requests.contains("bookkeeping"), "{requests}");
        assert_eq!(text(LegalBasis::LegalObligation, Category::Events), "A legal obligation (Art. 6(1)(c))");
        assert_eq!(text(LegalBasis::Consent, Category::Requests), en.t("basis-consent"));
        let ids = message_ids(Language::En);
        for basis in LegalBasis::ALL {
            for category in Category::ALL {
                assert!(ids.contains(&basis.text_key(*category)), "{basis} of {category}");
            }
        }
    }
}
