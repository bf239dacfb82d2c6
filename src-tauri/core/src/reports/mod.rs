//! The documents Kundvakt produces, as PDF for people and JSON for machines.
//!
//! Generating a document is itself recorded: who, when, for which customer and
//! request, and the SHA-256 digest of the exact bytes produced (the audit trail
//! and `request_documents`), so that the shop can later show which document it
//! sent. Files are written under a temporary name and renamed into place: a
//! document appears whole or not at all.

pub mod access;
mod access_build;
pub mod access_pdf;
pub mod breaches;
pub mod document;
pub mod html;
pub mod notices;
pub mod part_erasure;
pub mod pdf;
pub mod privacy;
pub mod sweep;

use schemars::JsonSchema;
use serde::Serialize;
use sha2::{Digest, Sha256};

use document::Clock;

use crate::audit::Action;
use crate::error::{Error, Result};
use crate::i18n::Translator;
use crate::macros::text_enum;
use crate::processing::Category;
use crate::requests::{Request, RequestKind};
use crate::settings::Settings;
use crate::store;
use crate::values::{BreachId, CustomerId, Language, RequestId};
use crate::Register;

text_enum! {
    pub enum Format { Pdf = "pdf", Json = "json" }
}

text_enum! {
    pub enum DocumentKind {
        Access = "access",
        Portability = "portability",
        Receipt = "receipt",
        Notice = "notice",
        Erasure = "erasure",
        Processing = "processing",
        Sweep = "sweep",
        /// The record of personal data breaches (Art. 33(5)).
        Breaches = "breaches",
        /// The letter to the people a breach concerns (Art. 34).
        BreachLetter = "breach-letter",
    }
}

/// A produced document.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Generated {
    pub kind: DocumentKind,
    pub format: Format,
    pub language: Language,
    pub bytes: Vec<u8>,
    /// SHA-256 of `bytes`, hex.
    pub digest: String,
}

/// A document as recorded when it was produced: what proves, later, which
/// document the shop handed out for a request (Art. 5(2)), by its digest.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, sqlx::FromRow, JsonSchema)]
pub struct ProducedDocument {
    pub id: i64,
    pub kind: DocumentKind,
    pub format: Format,
    pub language: Language,
    /// SHA-256 of the bytes produced, hex.
    pub digest: String,
    pub created_at: chrono::DateTime<chrono::Utc>,
    /// Who produced it (kept with the document: after a restore that carried
    /// it over, its audit entry is the restorer's).
    pub actor: Option<String>,
}

fn json_bytes(value: &impl Serialize) -> Result<Vec<u8>> {
    let mut bytes = serde_json::to_vec_pretty(value).map_err(|e| Error::Internal(format!("JSON: {e}")))?;
    bytes.push(b'\n');
    Ok(bytes)
}

/// A request's document's sources ([`Register::request_sources`]).
struct RequestSources {
    request: Request,
    customer_number: Option<String>,
    /// The person the document is addressed to, where the register names them.
    customer_name: Option<String>,
    settings: Settings,
    head: access::AuditHead,
    tr: Translator,
}

impl RequestSources {
    fn reference(&self) -> access::RequestRef {
        access::request_ref(&self.request)
    }

    fn clock(&self) -> Clock {
        Clock(self.settings.time_zone())
    }
}

/// The JSON Schemas of the documents, by file name (committed under `docs/schema/`).
pub fn schemas() -> Vec<(&'static str, serde_json::Value)> {
    fn schema<T: JsonSchema>() -> serde_json::Value {
        serde_json::to_value(schemars::schema_for!(T)).unwrap_or_default()
    }
    vec![
        ("access-report.v1.json", schema::<access::AccessReport>()),
        ("portability-export.v1.json", schema::<access::PortabilityExport>()),
        ("request-receipt.v1.json", schema::<notices::RequestReceipt>()),
        ("request-notice.v1.json", schema::<notices::RequestNotice>()),
        ("erasure-confirmation.v1.json", schema::<notices::ErasureConfirmation>()),
        ("part-erasure-confirmation.v1.json", schema::<part_erasure::PartErasureConfirmation>()),
        ("processing-records.v1.json", schema::<notices::ProcessingRecords>()),
        ("sweep-summary.v1.json", schema::<sweep::SweepSummary>()),
        ("breach-record.v1.json", schema::<breaches::BreachRecord>()),
        ("breach-letter.v1.json", schema::<breaches::BreachLetter>()),
        ("order-export.v1.json", schema::<crate::export::OrderExport>()),
        ("invoice-export.v1.json", schema::<crate::export::invoices::InvoiceExport>()),
    ]
}

impl Register {
    /// Records a produced document: the audit entry and the document row.
    async fn record_document(
        &self,
        g: &Generated,
        customer: Option<CustomerId>,
        request: Option<RequestId>,
    ) -> Result<()> {
        let mut tx = self.store().begin(self.actor()).await?;
        let id = crate::store::documents::insert(&mut tx, request, customer, g).await?;
        let about = serde_json::json!({
            "kind": g.kind, "format": g.format, "language": g.language, "digest": g.digest, "request": request,
        });
        tx.audit(Action::DocumentGenerate, "document", id, customer, None, Some(&about)).await?;
        tx.commit().await
    }

    async fn finish(
        &self,
        kind: DocumentKind,
        format: Format,
        language: Language,
        bytes: Vec<u8>,
        customer: Option<CustomerId>,
        request: Option<RequestId>,
    ) -> Result<Generated> {
        let digest = hex::encode(Sha256::digest(&bytes));
        let g = Generated { kind, format, language, bytes, digest };
        self.record_document(&g, customer, request).await?;
        Ok(g)
    }

    /// The access report's content, to show before anything is produced (the
    /// app's preview); not recorded, as nothing leaves the register.
    pub async fn access_report_content(
        &self,
        customer: CustomerId,
        language: Option<Language>,
        request: Option<RequestId>,
    ) -> Result<access::AccessReport> {
        let src = access_build::Sources::load(self, customer, request, &[RequestKind::Access]).await?;
        let tr = Translator::new(language.unwrap_or(src.page.customer.language));
        Ok(access_build::build_access(&src, &tr))
    }

    /// The access report (Art. 15) of a customer, in `language` (default: theirs).
    pub async fn access_report(
        &self,
        customer: CustomerId,
        language: Option<Language>,
        request: Option<RequestId>,
        format: Format,
    ) -> Result<Generated> {
        Ok(self.access_report_telling(customer, language, request, format).await?.0)
    }

    /// [`Register::access_report`], with how many of its records it tells
    /// the person are to be deleted ([`access::AccessReport::records_past_due`]):
    /// for the shop to delete them once it has answered.
    pub async fn access_report_telling(
        &self,
        customer: CustomerId,
        language: Option<Language>,
        request: Option<RequestId>,
        format: Format,
    ) -> Result<(Generated, usize)> {
        let src = access_build::Sources::load(self, customer, request, &[RequestKind::Access]).await?;
        let language = language.unwrap_or(src.page.customer.language);
        let tr = Translator::new(language);
        let report = access_build::build_access(&src, &tr);
        let bytes = match format {
            Format::Json => json_bytes(&report)?,
            Format::Pdf => {
                pdf::render(&access_pdf::to_doc(&report, &tr, Clock(src.settings.time_zone()), src.settings.country()))?
            }
        };
        let made = self.finish(DocumentKind::Access, format, language, bytes, Some(customer), request).await?;
        Ok((made, report.records_past_due()))
    }

    /// The portability export (Art. 20): JSON only, the machine-readable format the article asks for.
    pub async fn portability_export(&self, customer: CustomerId, request: Option<RequestId>) -> Result<Generated> {
        let src = access_build::Sources::load(self, customer, request, &[RequestKind::Portability]).await?;
        let bytes = json_bytes(&access_build::build_portability(&src))?;
        let language = src.page.customer.language;
        self.finish(DocumentKind::Portability, Format::Json, language, bytes, Some(customer), request).await
    }

    /// The receipt of a request (Art. 12(3)): when it was received and the deadline.
    pub async fn request_receipt(
        &self,
        request: RequestId,
        language: Option<Language>,
        format: Format,
    ) -> Result<Generated> {
        let src = self.request_sources(request, language).await?;
        let receipt = notices::RequestReceipt {
            schema: "kundvakt/request-receipt".into(),
            schema_version: access::SCHEMA_VERSION,
            generated_at: crate::store::now(),
            controller: access::controller(&src.settings),
            request: src.reference(),
            customer_number: src.customer_number.clone(),
            customer_name: src.customer_name.clone(),
            audit_head: src.head.clone(),
        };
        let bytes = match format {
            Format::Json => json_bytes(&receipt)?,
            Format::Pdf => pdf::render(&receipt.to_doc(&src.tr, src.clock()))?,
        };
        self.finish(DocumentKind::Receipt, format, src.tr.language(), bytes, src.request.customer_id, Some(request))
            .await
    }

    /// The notice of a request's extension (Art. 12(3)) or refusal (Art.
    /// 12(4)), with the reasons recorded with the step; a refusal names where
    /// it may be complained of. A request refused after it was extended gets
    /// the refusal's notice; one neither extended nor refused, none.
    pub async fn request_notice(
        &self,
        request: RequestId,
        language: Option<Language>,
        format: Format,
    ) -> Result<Generated> {
        let src = self.request_sources(request, language).await?;
        let r = &src.request;
        // Someone the register has no customer for, answered: told in writing
        // that nothing of them is held (Art. 15(1)), in the answer's words.
        let nothing_held = r.customer_id.is_none() && r.requester.is_some();
        let (notice, reason) = match (&r.refusal_reason, &r.answer, &r.extension_reason) {
            (Some(reason), _, _) => (notices::NoticeKind::Refusal, reason.clone()),
            (None, Some(answer), _) if nothing_held => (notices::NoticeKind::NothingHeld, answer.clone()),
            (None, _, Some(reason)) => (notices::NoticeKind::Extension, reason.clone()),
            _ => return Err(Error::Refused(crate::msg!("msg-no-notice", request = r.id))),
        };
        let supervisory_authority = (notice == notices::NoticeKind::Refusal).then(|| {
            let (name, address) = src.settings.authority(&src.tr);
            access::Authority { name, address }
        });
        let document = notices::RequestNotice {
            schema: "kundvakt/request-notice".into(),
            schema_version: access::SCHEMA_VERSION,
            generated_at: crate::store::now(),
            controller: access::controller(&src.settings),
            request: src.reference(),
            customer_number: src.customer_number.clone(),
            customer_name: src.customer_name.clone(),
            notice,
            reason,
            supervisory_authority,
            audit_head: src.head.clone(),
        };
        let bytes = match format {
            Format::Json => json_bytes(&document)?,
            Format::Pdf => pdf::render(&document.to_doc(&src.tr, src.clock()))?,
        };
        self.finish(DocumentKind::Notice, format, src.tr.language(), bytes, r.customer_id, Some(request)).await
    }

    /// What a request's document is made of, read in one snapshot as every
    /// document is (its audit head is the state it shows), and the language
    /// it speaks: the one asked for, else the customer's, else the one chosen
    /// for someone the register has no customer for, else the shop's.
    async fn request_sources(&self, request: RequestId, language: Option<Language>) -> Result<RequestSources> {
        let mut snapshot = self.store().snapshot().await?;
        let r = store::requests::get_tx(&mut snapshot, request)
            .await?
            .ok_or_else(|| Error::not_found("request", request))?;
        let customer = match r.customer_id {
            Some(c) => {
                Some(store::customers::get_tx(&mut snapshot, c).await?.ok_or_else(|| Error::not_found("customer", c))?)
            }
            None => None,
        };
        let settings = crate::register::settings_in(&mut snapshot).await?;
        let (seq, hash) = snapshot.head().clone();
        snapshot.end().await?;
        let language =
            language.or(customer.as_ref().map(|c| c.language)).or(r.requester_language).unwrap_or(settings.language());
        // A person the register has no customer for is written to as they named themselves.
        let name = customer.as_ref().and_then(|c| c.name.clone()).or_else(|| r.requester.clone());
        Ok(RequestSources {
            request: r,
            customer_name: name,
            customer_number: customer.map(|c| c.number),
            settings,
            head: access::AuditHead { seq, hash },
            tr: Translator::new(language),
        })
    }

    /// The erasure confirmation (Art. 17) as the erasure issue fills it in.
    pub async fn erasure_confirmation(
        &self,
        confirmation: &notices::ErasureConfirmation,
        customer: Option<CustomerId>,
        language: Language,
        format: Format,
    ) -> Result<Generated> {
        let under = confirmation.request.as_ref().map(|r| r.id);
        self.erasure_confirmation_under(confirmation, customer, language, format, under).await
    }

    /// [`Register::erasure_confirmation`], recorded under the request `under`.
    async fn erasure_confirmation_under(
        &self,
        confirmation: &notices::ErasureConfirmation,
        customer: Option<CustomerId>,
        language: Language,
        format: Format,
        under: Option<RequestId>,
    ) -> Result<Generated> {
        let tr = Translator::new(language);
        let bytes = match format {
            Format::Json => json_bytes(confirmation)?,
            Format::Pdf => pdf::render(&confirmation.to_doc(&tr))?,
        };
        self.finish(DocumentKind::Erasure, format, language, bytes, customer, under).await
    }

    /// The erasure confirmation of an erased customer, made again from what
    /// the register kept of their erasure: for a person who asks again what
    /// was erased and what the law keeps (Art. 12(1), 15), or whose copy was
    /// never saved. Refused for a customer who is not erased, for an erasure
    /// made before Kundvakt kept its plan (or made again by a restore), and
    /// where the plan kept no longer matches the digest the audit trail's
    /// entry of the erasure holds.
    ///
    /// `answering`: a later request of the person (to know what is held of
    /// them, Art. 15, or to have it, Art. 20), open and their identity
    /// verified, which the confirmation answers: it is recorded under that
    /// request, and says what the law still keeps.
    pub async fn erasure_confirmation_again(
        &self,
        customer: CustomerId,
        format: Format,
        answering: Option<RequestId>,
    ) -> Result<Generated> {
        let c = store::customers::get(self.store(), customer)
            .await?
            .ok_or_else(|| Error::not_found("customer", customer))?;
        if c.state != crate::register::CustomerState::Erased {
            return Err(Error::Refused(crate::msg!("msg-not-erased", customer = c.number)));
        }
        if let Some(id) = answering {
            let r = store::requests::get(self.store(), id).await?.ok_or_else(|| Error::not_found("request", id))?;
            if r.customer_id != Some(customer) {
                let wrong = crate::msg!("msg-request-not-from", request = id, customer = c.number);
                return Err(Error::invalid("request", wrong));
            }
            // Whatever an erased person asks, what is left of them to tell or
            // act on is what this confirmation lists (Art. 12(4)).
            crate::requests::check_answerable(&r, RequestKind::ALL)?;
        }
        let (plan, digest) = store::erasure::latest_plan(self.store(), customer).await?;
        let Some(plan) = plan else {
            return Err(Error::Refused(crate::msg!("msg-erasure-plan-missing", customer = c.number)));
        };
        let value: serde_json::Value =
            serde_json::from_str(&plan).map_err(|e| Error::Internal(format!("the erasure's plan: {e}")))?;
        // The trail holds the digest of what the erasure did: a plan altered
        // since is not passed off as the proof of it (Art. 5(2)).
        if digest.is_some_and(|d| d != crate::audit::digest(&value)) {
            return Err(Error::Refused(crate::msg!("msg-erasure-plan-altered", customer = c.number)));
        }
        let plan: crate::retention::erasure::ErasurePlan =
            serde_json::from_value(value).map_err(|e| Error::Internal(format!("the erasure's plan: {e}")))?;
        self.erasure_confirmation_made(&plan, format, answering.or(plan.request)).await
    }

    /// The erasure confirmation of an erasure that has been carried out.
    pub async fn erasure_confirmation_of(
        &self,
        plan: &crate::retention::erasure::ErasurePlan,
        format: Format,
    ) -> Result<Generated> {
        self.erasure_confirmation_made(plan, format, plan.request).await
    }

    /// [`Register::erasure_confirmation_of`], recorded under the request `under`.
    async fn erasure_confirmation_made(
        &self,
        plan: &crate::retention::erasure::ErasurePlan,
        format: Format,
        under: Option<RequestId>,
    ) -> Result<Generated> {
        let mut snapshot = self.store().snapshot().await?;
        let settings = crate::register::settings_in(&mut snapshot).await?;
        let request = match plan.request {
            Some(id) => {
                let r =
                    store::requests::get_tx(&mut snapshot, id).await?.ok_or_else(|| Error::not_found("request", id))?;
                Some(access::RequestRef { id: r.id, kind: r.kind, received: r.received_on, due_date: r.due_date() })
            }
            None => None,
        };
        let (seq, hash) = snapshot.head().clone();
        snapshot.end().await?;
        let confirmation = notices::ErasureConfirmation {
            schema: "kundvakt/erasure-confirmation".into(),
            schema_version: access::SCHEMA_VERSION,
            generated_at: crate::store::now(),
            controller: access::controller(&settings),
            request,
            pseudonym: plan.pseudonym.clone(),
            erased_on: plan.on,
            erased: plan.erased.clone(),
            kept: plan.kept.clone(),
            breaches: plan.breaches.clone(),
            recipients: plan.recipients.clone(),
            request_retention_months: settings.months("retention.request_months"),
            kept_identifiers: plan.kept_identifiers.clone(),
            audit_head: access::AuditHead { seq, hash },
        };
        self.erasure_confirmation_under(&confirmation, Some(plan.customer), plan.language, format, under).await
    }

    /// The signed summary of a sweep (PRODUCT.md section 5), in the shop's language by default.
    pub async fn sweep_summary(&self, id: i64, language: Option<Language>, format: Format) -> Result<Generated> {
        let mut snapshot = self.store().snapshot().await?;
        let settings = crate::register::settings_in(&mut snapshot).await?;
        let (run, counts) = crate::retention::sweep::sweep_run_in(&mut snapshot, id).await?;
        let audit_months = crate::store::sweep::audit_months(&mut snapshot, id).await?;
        let periods = crate::store::sweep::periods(&mut snapshot, id).await?.unwrap_or_default();
        let held = crate::store::sweep::held(&mut snapshot, id).await?.unwrap_or_default();
        let (seq, hash) = snapshot.head().clone();
        snapshot.end().await?;
        let language = language.unwrap_or(settings.language());
        let summary = sweep::SweepSummary {
            schema: "kundvakt/sweep-summary".into(),
            schema_version: access::SCHEMA_VERSION,
            generated_at: crate::store::now(),
            controller: access::controller(&settings),
            sweep: run.id,
            as_of: run.as_of,
            state: run.state,
            started_by: run.started_by,
            started_at: run.started_at,
            finished_at: run.finished_at,
            batches: run.batches,
            total: counts.iter().map(|c| c.records).sum(),
            counts,
            audit_removed: run.audit_removed,
            // As the purge counted them; a sweep that removed nothing, by today's setting.
            audit_months: audit_months.unwrap_or_else(|| settings.months("retention.request_months")),
            periods,
            held,
            audit_head: access::AuditHead { seq, hash },
        };
        let bytes = match format {
            Format::Json => json_bytes(&summary)?,
            Format::Pdf => pdf::render(&summary.to_doc(&Translator::new(language), Clock(settings.time_zone())))?,
        };
        self.finish(DocumentKind::Sweep, format, language, bytes, None, None).await
    }

    /// The record of personal data breaches (Art. 33(5)), every one, open and closed.
    pub async fn breach_record(&self, language: Option<Language>, format: Format) -> Result<Generated> {
        let mut snapshot = self.store().snapshot().await?;
        let settings = crate::register::settings_in(&mut snapshot).await?;
        let now = crate::store::now();
        let breaches = crate::breaches::views_in(&mut snapshot, true, now).await?;
        let (seq, hash) = snapshot.head().clone();
        snapshot.end().await?;
        let language = language.unwrap_or(settings.language());
        let tr = Translator::new(language);
        let (name, address) = settings.authority(&tr);
        let record = breaches::BreachRecord {
            schema: "kundvakt/breach-record".into(),
            schema_version: access::SCHEMA_VERSION,
            generated_at: now,
            controller: access::controller(&settings),
            supervisory_authority: access::Authority { name, address },
            breaches,
            audit_head: access::AuditHead { seq, hash },
        };
        let bytes = match format {
            Format::Json => json_bytes(&record)?,
            Format::Pdf => pdf::render(&record.to_doc(&tr, Clock(settings.time_zone())))?,
        };
        self.finish(DocumentKind::Breaches, format, language, bytes, None, None).await
    }

    /// The letter to the people breach `id` concerns (Art. 34), in `language`:
    /// to everyone concerned (default: the shop's language; one for each
    /// language the shop writes to), or addressed to `customer` (default:
    /// theirs) and recorded under them. An erased customer has no name or
    /// address left to write to.
    pub async fn breach_letter(
        &self,
        id: BreachId,
        customer: Option<CustomerId>,
        language: Option<Language>,
        format: Format,
    ) -> Result<Generated> {
        let mut snapshot = self.store().snapshot().await?;
        let settings = crate::register::settings_in(&mut snapshot).await?;
        let breach = crate::store::breaches::get_tx(&mut snapshot, id).await?;
        let to = match customer {
            Some(c) => {
                Some(store::customers::get_tx(&mut snapshot, c).await?.ok_or_else(|| Error::not_found("customer", c))?)
            }
            None => None,
        };
        let (seq, hash) = snapshot.head().clone();
        snapshot.end().await?;
        let breach = breach.ok_or_else(|| Error::not_found("breach", id))?;
        if let Some(c) = to.as_ref().filter(|c| c.state == crate::register::CustomerState::Erased) {
            return Err(Error::Refused(crate::msg!("msg-customer-erased", customer = c.number)));
        }
        let language = language.or(to.as_ref().map(|c| c.language)).unwrap_or(settings.language());
        let tr = Translator::new(language);
        let (name, address) = settings.authority(&tr);
        let addressee = to.as_ref().map(|c| breaches::Addressee::of(c, settings.country().code(), &tr));
        let letter = breaches::BreachLetter::new(
            &breach,
            addressee,
            access::controller(&settings),
            access::Authority { name, address },
            crate::store::now(),
            access::AuditHead { seq, hash },
        );
        let bytes = match format {
            Format::Json => json_bytes(&letter)?,
            Format::Pdf => pdf::render(&letter.to_doc(&tr, Clock(settings.time_zone())))?,
        };
        self.finish(DocumentKind::BreachLetter, format, language, bytes, customer, None).await
    }

    /// The records of processing activities (Art. 30), from the catalogue and settings.
    pub async fn processing_records(&self, language: Option<Language>, format: Format) -> Result<Generated> {
        let mut snapshot = self.store().snapshot().await?;
        let settings = crate::register::settings_in(&mut snapshot).await?;
        let catalogue = crate::processing::catalogue_in(&mut snapshot).await?;
        let (seq, hash) = snapshot.head().clone();
        snapshot.end().await?;
        let language = language.unwrap_or(settings.language());
        let tr = Translator::new(language);
        let processing = Category::ALL
            .iter()
            .map(|&c| {
                let p = catalogue
                    .categories
                    .iter()
                    .find(|p| p.code == c)
                    .cloned()
                    .unwrap_or_else(|| c.default_processing());
                let retention = access::retention_text(&settings, &tr, c);
                notices::ProcessingEntry {
                    category: c,
                    title: c.name(&tr),
                    purpose: p.purpose.unwrap_or_else(|| tr.t(&format!("purpose-{c}"))),
                    legal_basis: p.legal_basis,
                    source: p.source,
                    retention,
                    recipients: catalogue
                        .processors
                        .iter()
                        .filter(|r| r.fields.categories.0.contains(&c))
                        .map(|r| tr.defaulted(&r.fields.name))
                        .collect(),
                }
            })
            .collect();
        let recipients = access::recipients(&catalogue, &tr);
        let records = notices::ProcessingRecords {
            schema: "kundvakt/processing-records".into(),
            schema_version: access::SCHEMA_VERSION,
            generated_at: crate::store::now(),
            controller: access::controller(&settings),
            data_subjects: tr.t("records-subjects"),
            processing,
            transfers_outside_eea: recipients
                .iter()
                .filter(|r| r.outside_eea)
                .map(|r| access::Transfer {
                    recipient: r.name.clone(),
                    country: r.country.clone(),
                    safeguards: r.safeguards.clone(),
                })
                .collect(),
            recipients,
            security_measures: tr.t("records-security"),
            assessments: catalogue.assessments,
            audit_head: access::AuditHead { seq, hash },
        };
        let bytes = match format {
            Format::Json => json_bytes(&records)?,
            Format::Pdf => pdf::render(&records.to_doc(&tr))?,
        };
        self.finish(DocumentKind::Processing, format, language, bytes, None, None).await
    }
}
