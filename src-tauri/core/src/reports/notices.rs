//! The shorter documents: the receipt of a request (Art. 12), the notice of
//! its extension or refusal (Art. 12(3) and (4)), the erasure confirmation
//! (Art. 17) and the records of processing (Art. 30). Each is typed
//! content (its JSON) and a [`Doc`] printed from it.

use chrono::{DateTime, NaiveDate, Utc};
use schemars::JsonSchema;
use serde::Serialize;

use super::access::{AuditHead, Authority, Controller, RecipientInfo, RequestRef, Transfer};
use super::access_pdf::controller_fields;
use super::document::{Block, Clock, Doc, Table};
use crate::assessments::Assessment;
use crate::i18n::Translator;
use crate::macros::text_enum;
use crate::processing::{Category, InformedRecipient, LegalBasis, Source};
pub use crate::retention::erasure::KeptIdentifiers;

pub(super) fn doc(
    tr: &Translator,
    title: String,
    subject_key: &str,
    controller: &Controller,
    created: DateTime<Utc>,
    head: &AuditHead,
    blocks: Vec<Block>,
) -> Doc {
    Doc {
        title,
        subject: tr.t(subject_key),
        author: controller.name.clone(),
        language: tr.language(),
        created,
        footer_note: tr.t_args("doc-audit-head", &[("seq", head.seq.to_string()), ("hash", head.hash.clone())]),
        page_label: tr.t_args("doc-page", &[("page", "{page}".into()), ("pages", "{pages}".into())]),
        blocks,
    }
}

/// The receipt sent when a request arrives.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, JsonSchema)]
pub struct RequestReceipt {
    /// Always "kundvakt/request-receipt".
    pub schema: String,
    pub schema_version: u32,
    pub generated_at: DateTime<Utc>,
    pub controller: Controller,
    pub request: RequestRef,
    pub customer_number: Option<String>,
    /// The person it is addressed to, as the register names them, or, for
    /// someone the register has no customer for, as they named themselves
    /// (none where the name is erased).
    pub customer_name: Option<String>,
    pub audit_head: AuditHead,
}

impl RequestReceipt {
    pub fn to_doc(&self, tr: &Translator, clock: Clock) -> Doc {
        let r = &self.request;
        let mut blocks = vec![
            Block::Title(tr.t("receipt-title")),
            Block::Subtitle(tr.t("receipt-subject")),
            controller_fields(tr, &self.controller),
            Block::Paragraph(tr.t_args(
                "receipt-intro",
                &[("kind", r.kind.name(tr)), ("received", tr.date(r.received)), ("due", tr.date(r.due_date))],
            )),
            Block::Paragraph(tr.t_args("receipt-extension", &[("due", tr.date(r.due_date))])),
            Block::Paragraph(tr.t("receipt-identity")),
            Block::Paragraph(tr.t_args("receipt-reference", &[("id", r.id.to_string())])),
            Block::Note(tr.t_args("doc-generated", &[("date", tr.date(clock.day(&self.generated_at)))])),
        ];
        // Under the shop's details, whom it is to.
        blocks.splice(3..3, addressee(tr, &self.customer_name, &self.customer_number));
        doc(tr, tr.t("receipt-title"), "receipt-subject", &self.controller, self.generated_at, &self.audit_head, blocks)
    }
}

/// Whom a letter about a request is to: the person by name and customer
/// number, as far as the register knows them.
pub(super) fn addressee(tr: &Translator, name: &Option<String>, number: &Option<String>) -> Option<Block> {
    let line = match (name, number) {
        (Some(name), Some(number)) => tr.t_args("doc-to", &[("name", name.clone()), ("number", number.clone())]),
        (Some(name), None) => tr.t_args("doc-to-name", &[("name", name.clone())]),
        (None, Some(number)) => tr.t_args("doc-to-customer", &[("number", number.clone())]),
        (None, None) => return None,
    };
    Some(Block::Paragraph(line))
}

text_enum! {
    /// What a notice tells of a request.
    pub enum NoticeKind {
        /// The deadline is extended by up to two months (Art. 12(3)).
        Extension = "extension",
        /// The shop will not act on the request (Art. 12(4)).
        Refusal = "refusal",
        /// The answer to someone the register has no customer for: no
        /// personal data of theirs is held (Art. 15(1)).
        NothingHeld = "nothing_held",
    }
}

/// The notice the person must be given, with the reasons, when their request
/// is extended (within the first month, GDPR art. 12(3)) or refused (art.
/// 12(4): with the possibility of a complaint and of a judicial remedy); and
/// the answer to someone the register has no customer for, that nothing of
/// them is held (art. 15(1)).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, JsonSchema)]
pub struct RequestNotice {
    /// Always "kundvakt/request-notice".
    pub schema: String,
    pub schema_version: u32,
    pub generated_at: DateTime<Utc>,
    pub controller: Controller,
    /// The request; its `due_date` is the deadline in force.
    pub request: RequestRef,
    pub customer_number: Option<String>,
    /// The person it is addressed to, as the register names them, or, for
    /// someone the register has no customer for, as they named themselves
    /// (none where the name is erased).
    pub customer_name: Option<String>,
    pub notice: NoticeKind,
    /// The reasons, as recorded with the step; for `nothing_held`, the answer.
    pub reason: String,
    /// Where a refusal may be complained of (Art. 77); none for an extension.
    pub supervisory_authority: Option<Authority>,
    pub audit_head: AuditHead,
}

impl RequestNotice {
    pub fn to_doc(&self, tr: &Translator, clock: Clock) -> Doc {
        let r = &self.request;
        let (title, intro) = match self.notice {
            NoticeKind::Extension => ("notice-extension-title", "notice-extension-intro"),
            NoticeKind::Refusal => ("notice-refusal-title", "notice-refusal-intro"),
            NoticeKind::NothingHeld => ("notice-nothing-held-title", "notice-nothing-held-intro"),
        };
        let reasons = match self.notice {
            NoticeKind::NothingHeld => "notice-answer",
            _ => "notice-reasons",
        };
        let mut blocks = vec![
            Block::Title(tr.t(title)),
            Block::Subtitle(tr.t("notice-subject")),
            controller_fields(tr, &self.controller),
            Block::Paragraph(tr.t_args(
                intro,
                &[("kind", r.kind.name(tr)), ("received", tr.date(r.received)), ("due", tr.date(r.due_date))],
            )),
            Block::Heading(tr.t(reasons)),
            Block::Paragraph(self.reason.clone()),
        ];
        if let Some(authority) = &self.supervisory_authority {
            blocks.extend([
                Block::Heading(tr.t("authority-title")),
                Block::Paragraph(tr.t("notice-refusal-remedies")),
                Block::Fields(vec![
                    (tr.t("col-name"), authority.name.clone()),
                    (tr.t("doc-address"), authority.address.clone()),
                ]),
                Block::Paragraph(tr.t("authority-where-you-live")),
            ]);
        }
        blocks.extend([
            Block::Paragraph(tr.t_args("receipt-reference", &[("id", r.id.to_string())])),
            Block::Note(tr.t_args("doc-generated", &[("date", tr.date(clock.day(&self.generated_at)))])),
        ]);
        blocks.splice(3..3, addressee(tr, &self.customer_name, &self.customer_number));
        doc(tr, tr.t(title), "notice-subject", &self.controller, self.generated_at, &self.audit_head, blocks)
    }
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, serde::Deserialize, JsonSchema)]
pub struct ErasedItem {
    pub category: Category,
    pub records: i64,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, serde::Deserialize, JsonSchema)]
pub struct KeptItem {
    pub category: Category,
    /// The record's number (an order or invoice number).
    pub record: String,
    /// The rule's short name, such as "SE BFL 7:2".
    pub rule: String,
    /// The statute, as cited.
    pub law: String,
    /// The last day it is kept; `None` while that waits on `pending`.
    pub retain_until: Option<NaiveDate>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub pending: Option<KeptPending>,
}

/// What a kept record's end waits on when it has no date yet.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, serde::Deserialize, JsonSchema)]
#[serde(rename_all = "snake_case")]
pub enum KeptPending {
    /// The request is still open; its record is kept for the set period after it closes.
    RequestClosed,
    /// A legal hold keeps it until the hold is lifted.
    HoldLifted,
}

/// A personal data breach whose record keeps, under the pseudonym, that it
/// concerned the person: the controller documents each breach and its effects
/// (GDPR Art. 33(5)), and whom it reached is part of them, as is the proof
/// that they were told (Art. 34). The link holds no name or contact detail.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, serde::Deserialize, JsonSchema)]
pub struct KeptBreach {
    /// The breach's number in the shop's record.
    pub breach: i64,
    /// The day, on the shop's clock, the shop became aware of it.
    pub aware_on: NaiveDate,
    /// The statute, as cited.
    pub law: String,
}

/// What an erasure removed and what the law keeps, until when.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, JsonSchema)]
pub struct ErasureConfirmation {
    /// Always "kundvakt/erasure-confirmation".
    pub schema: String,
    pub schema_version: u32,
    pub generated_at: DateTime<Utc>,
    pub controller: Controller,
    pub request: Option<RequestRef>,
    /// The stable pseudonym the kept records now carry instead of the person.
    pub pseudonym: String,
    pub erased_on: NaiveDate,
    pub erased: Vec<ErasedItem>,
    pub kept: Vec<KeptItem>,
    /// The breaches whose record keeps the link to the person under the
    /// pseudonym, as long as the record of breaches is kept. Added to version
    /// 1 of the schema without making it required, as `recipients` was.
    #[schemars(default)]
    pub breaches: Vec<KeptBreach>,
    /// The recipients told of the erasure (Art. 19). Added to version 1 of
    /// the schema without making it required: a confirmation written before
    /// still validates.
    #[schemars(default)]
    pub recipients: Vec<InformedRecipient>,
    /// How long the record of a request is kept after it is closed (a setting).
    pub request_retention_months: u32,
    /// What the erased customer's row keeps, so that the shop's files do not
    /// add the person again. Added to version 1 of the schema without making
    /// it required, as `recipients` was.
    #[schemars(default)]
    pub kept_identifiers: KeptIdentifiers,
    pub audit_head: AuditHead,
}

impl ErasureConfirmation {
    pub fn to_doc(&self, tr: &Translator) -> Doc {
        let mut blocks = vec![
            Block::Title(tr.t("erasure-title")),
            Block::Subtitle(tr.t("erasure-subject")),
            controller_fields(tr, &self.controller),
            Block::Paragraph(tr.t_args("erasure-intro", &[("date", tr.date(self.erased_on))])),
            Block::Heading(tr.t("erasure-erased")),
        ];
        let mut t = Table::with_titles(vec![(tr.t("col-kind"), 3.0), (tr.t("col-count"), 1.0)]);
        for e in &self.erased {
            t.rows.push(vec![e.category.name(tr), e.records.to_string()]);
        }
        blocks.push(Block::Table(t));
        blocks.push(Block::Heading(tr.t("erasure-kept")));
        if self.kept.is_empty() && self.breaches.is_empty() {
            blocks.push(Block::Paragraph(tr.t("erasure-kept-none")));
        } else if !self.kept.is_empty() {
            let mut t = Table::with_titles(vec![
                (tr.t("col-kind"), 2.0),
                (tr.t("col-number"), 1.2),
                (tr.t("col-law"), 3.0),
                (tr.t("col-kept-until"), 1.3),
            ]);
            for k in &self.kept {
                t.rows.push(vec![
                    k.category.name(tr),
                    crate::retention::erasure::record_name(tr, &k.record),
                    k.law.clone(),
                    match (k.retain_until, k.pending) {
                        (Some(d), _) => tr.date(d),
                        (None, Some(KeptPending::HoldLifted)) => tr.t("erasure-until-hold"),
                        (None, _) => {
                            tr.t_args("erasure-until-request", &[("months", self.request_retention_months.to_string())])
                        }
                    },
                ]);
            }
            blocks.push(Block::Table(t));
            blocks.push(Block::Paragraph(tr.t_args("erasure-pseudonym", &[("pseudonym", self.pseudonym.clone())])));
        }
        if let Some(said) = self.kept_identifiers.said(tr) {
            blocks.push(Block::Paragraph(said));
        }
        if !self.breaches.is_empty() {
            blocks.push(Block::Paragraph(tr.t_args("erasure-breaches", &[("pseudonym", self.pseudonym.clone())])));
            let mut t =
                Table::with_titles(vec![(tr.t("col-breach"), 1.2), (tr.t("col-aware"), 2.0), (tr.t("col-law"), 3.0)]);
            for b in &self.breaches {
                t.rows.push(vec![b.breach.to_string(), tr.date(b.aware_on), b.law.clone()]);
            }
            blocks.push(Block::Table(t));
        }
        blocks.extend(told(tr, &self.recipients));
        blocks.push(Block::Paragraph(tr.t("erasure-audit")));
        if let Some(r) = &self.request {
            blocks.push(Block::Paragraph(tr.t_args("receipt-reference", &[("id", r.id.to_string())])));
        }
        doc(tr, tr.t("erasure-title"), "erasure-subject", &self.controller, self.generated_at, &self.audit_head, blocks)
    }
}

/// An erasure confirmation's section on the processors and recipients told
/// of the erasure (Art. 19), each with the categories it receives.
pub(super) fn told(tr: &Translator, recipients: &[InformedRecipient]) -> Vec<Block> {
    let mut blocks = vec![Block::Heading(tr.t("erasure-recipients"))];
    if recipients.is_empty() {
        blocks.push(Block::Paragraph(tr.t("erasure-recipients-none")));
        return blocks;
    }
    blocks.push(Block::Paragraph(tr.t("erasure-recipients-intro")));
    let mut t = Table::with_titles(vec![(tr.t("col-name"), 2.5), (tr.t("col-categories"), 4.0)]);
    for r in recipients {
        let categories: Vec<String> = r.categories.iter().map(|c| c.name(tr)).collect();
        t.rows.push(vec![tr.defaulted(&r.name), categories.join(", ")]);
    }
    blocks.push(Block::Table(t));
    blocks
}

impl KeptIdentifiers {
    /// The confirmation's sentence about them; none where nothing is kept.
    fn said(&self, tr: &Translator) -> Option<String> {
        if self.numbers.is_empty() {
            return None;
        }
        let key = if self.email_checksum { "erasure-identifiers-email" } else { "erasure-identifiers" };
        // Fluent's plural categories need a number; the translator passes text, so the form is named.
        let form = if self.numbers.len() == 1 { "one" } else { "other" };
        Some(tr.t_args(key, &[("form", form.to_owned()), ("numbers", self.numbers.join(", "))]))
    }
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, JsonSchema)]
pub struct ProcessingEntry {
    pub category: Category,
    pub title: String,
    pub purpose: String,
    pub legal_basis: LegalBasis,
    pub source: Source,
    pub retention: String,
    pub recipients: Vec<String>,
}

/// The records of processing activities (Art. 30(1)).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, JsonSchema)]
pub struct ProcessingRecords {
    /// Always "kundvakt/processing-records".
    pub schema: String,
    pub schema_version: u32,
    pub generated_at: DateTime<Utc>,
    pub controller: Controller,
    pub data_subjects: String,
    pub processing: Vec<ProcessingEntry>,
    pub recipients: Vec<RecipientInfo>,
    pub transfers_outside_eea: Vec<Transfer>,
    pub security_measures: String,
    pub assessments: Vec<Assessment>,
    pub audit_head: AuditHead,
}

impl ProcessingRecords {
    pub fn to_doc(&self, tr: &Translator) -> Doc {
        let title = tr.t("records-title");
        let mut blocks = vec![
            Block::Title(title.clone()),
            Block::Subtitle(tr.t("records-subject")),
            controller_fields(tr, &self.controller),
            Block::Paragraph(if self.controller.name.trim().is_empty() {
                tr.t("records-intro-nameless")
            } else {
                tr.t_args("records-intro", &[("controller", self.controller.name.clone())])
            }),
            Block::Heading(tr.t("records-subjects-title")),
            Block::Paragraph(self.data_subjects.clone()),
            Block::Heading(tr.t("records-categories-title")),
        ];
        let mut t = Table::with_titles(vec![
            (tr.t("col-kind"), 1.6),
            (tr.t("col-purpose"), 2.6),
            (tr.t("section-legal-basis"), 1.8),
            (tr.t("section-recipients"), 1.8),
        ]);
        for p in &self.processing {
            t.rows.push(vec![
                p.title.clone(),
                p.purpose.clone(),
                tr.t(&p.legal_basis.text_key(p.category)),
                if p.recipients.is_empty() { tr.t("recipients-none") } else { p.recipients.join(", ") },
            ]);
        }
        blocks.push(Block::Table(t));
        blocks.push(Block::Heading(tr.t("recipients-title")));
        if self.recipients.is_empty() {
            blocks.push(Block::Paragraph(tr.t("recipients-nobody")));
        }
        let mut t = Table::with_titles(vec![
            (tr.t("col-name"), 2.0),
            (tr.t("col-role"), 2.0),
            (tr.t("col-country"), 1.3),
            (tr.t("col-purpose"), 2.2),
            (tr.t("col-categories"), 2.1),
        ]);
        for r in &self.recipients {
            let cats: Vec<String> = r.categories.iter().map(|c| c.name(tr)).collect();
            t.rows.push(vec![
                r.name.clone(),
                tr.t(&format!("role-{}", r.role)),
                tr.country(&r.country),
                r.purpose.clone(),
                cats.join(", "),
            ]);
        }
        if !t.rows.is_empty() {
            blocks.push(Block::Table(t));
        }
        blocks.push(Block::Heading(tr.t("records-transfers-title")));
        if self.transfers_outside_eea.is_empty() {
            blocks.push(Block::Paragraph(tr.t("records-transfers-none")));
        } else {
            let mut t = Table::with_titles(vec![
                (tr.t("col-name"), 2.4),
                (tr.t("col-country"), 1.3),
                (tr.t("col-safeguards"), 3.1),
            ]);
            for x in &self.transfers_outside_eea {
                t.rows.push(vec![
                    x.recipient.clone(),
                    tr.country(&x.country),
                    x.safeguards.clone().unwrap_or_default(),
                ]);
            }
            blocks.push(Block::Table(t));
        }
        blocks.push(Block::Heading(tr.t("records-erasure-title")));
        let mut t = Table::with_titles(vec![(tr.t("col-kind"), 2.0), (tr.t("section-retention"), 4.5)]);
        for p in &self.processing {
            t.rows.push(vec![p.title.clone(), p.retention.clone()]);
        }
        blocks.push(Block::Table(t));
        blocks.push(Block::Heading(tr.t("records-security-title")));
        blocks.push(Block::Paragraph(self.security_measures.clone()));
        if !self.assessments.is_empty() {
            blocks.push(Block::Heading(tr.t("records-assessments-title")));
            // The whole balancing, as the shop wrote it (art. 5(2): it shows that it weighed).
            for a in &self.assessments {
                let a = &a.fields;
                let categories: Vec<String> = a.categories.0.iter().map(|c| c.name(tr)).collect();
                // Kundvakt's proposal, where the shop has kept it, in the document's language.
                let text = |t: &str| tr.defaulted(t);
                let mut fields = vec![(tr.t("assessment-purpose"), text(&a.purpose))];
                if !categories.is_empty() {
                    fields.push((tr.t("assessment-categories"), categories.join(", ")));
                }
                fields.extend([
                    (tr.t("assessment-interest"), text(&a.interest)),
                    (tr.t("assessment-necessity"), text(&a.necessity)),
                    (tr.t("assessment-balancing"), text(&a.balancing)),
                    (tr.t("assessment-outcome"), text(&a.outcome)),
                    (tr.t("assessment-assessed"), format!("{}, {}", tr.date(a.assessed_on), text(&a.author))),
                ]);
                blocks.push(Block::Fields(fields));
            }
        }
        doc(tr, title, "records-subject", &self.controller, self.generated_at, &self.audit_head, blocks)
    }
}
