//! The sweep's summary (PRODUCT.md section 5: "writes a signed summary"): what a
//! sweep deleted, per category and rule, with the audit chain's head after it,
//! and recorded with the SHA-256 of its bytes like every document.

use chrono::{DateTime, NaiveDate, Utc};
use schemars::JsonSchema;
use serde::Serialize;

use super::access::{AuditHead, Controller};
use super::access_pdf::controller_fields;
use super::document::{Block, Clock, Doc, Table};
use super::notices::doc;
use crate::i18n::Translator;
use crate::retention::sweep::{SweepCount, SweepState};

#[derive(Debug, Clone, PartialEq, Eq, Serialize, JsonSchema)]
pub struct SweepSummary {
    /// Always "kundvakt/sweep-summary".
    pub schema: String,
    pub schema_version: u32,
    pub generated_at: DateTime<Utc>,
    pub controller: Controller,
    pub sweep: i64,
    /// The day whose due records the sweep removed.
    pub as_of: NaiveDate,
    pub state: SweepState,
    pub started_by: String,
    pub started_at: DateTime<Utc>,
    pub finished_at: Option<DateTime<Utc>>,
    pub batches: i64,
    pub counts: Vec<SweepCount>,
    pub total: i64,
    /// The audit trail's oldest entries the sweep removed, older than the
    /// records of requests are kept. Added to version 1 of the schema
    /// without making it required.
    #[schemars(default)]
    pub audit_removed: i64,
    /// How many months the records of requests, and so the trail, are kept.
    #[schemars(default)]
    pub audit_months: u32,
    pub audit_head: AuditHead,
}

impl SweepSummary {
    pub fn to_doc(&self, tr: &Translator, clock: Clock) -> Doc {
        let mut blocks = vec![
            Block::Title(tr.t("sweep-title")),
            Block::Subtitle(tr.t("sweep-subject")),
            controller_fields(tr, &self.controller),
            Block::Paragraph(tr.t_args("sweep-intro", &[("date", tr.date(self.as_of))])),
        ];
        if self.counts.is_empty() {
            blocks.push(Block::Paragraph(tr.t("sweep-nothing")));
        } else {
            let mut t = Table::with_titles(vec![
                (tr.t("col-kind"), 2.2),
                (tr.t("col-rule"), 3.0),
                (tr.t("col-action"), 1.6),
                (tr.t("col-count"), 0.8),
            ]);
            for c in &self.counts {
                t.rows.push(vec![
                    c.category.name(tr),
                    crate::retention::rule_text(&c.rule, tr),
                    tr.t(&format!("sweep-action-{}", c.action)),
                    c.records.to_string(),
                ]);
            }
            t.rows.push(vec![tr.t("sweep-total"), String::new(), String::new(), self.total.to_string()]);
            blocks.push(Block::Table(t));
        }
        if self.audit_removed > 0 {
            blocks.push(Block::Paragraph(tr.t_args(
                "sweep-audit-removed",
                &[("entries", self.audit_removed.to_string()), ("months", self.audit_months.to_string())],
            )));
        }
        let finished = self.finished_at.map(|t| tr.date(clock.day(&t))).unwrap_or_else(|| "–".into());
        blocks.push(Block::Fields(vec![
            (tr.t("sweep-run"), self.sweep.to_string()),
            (tr.t("sweep-state"), tr.t(&format!("sweep-state-{}", self.state))),
            (tr.t("sweep-started"), format!("{} ({})", tr.date(clock.day(&self.started_at)), self.started_by)),
            (tr.t("sweep-finished"), finished),
            (tr.t("sweep-batches"), self.batches.to_string()),
        ]));
        blocks.push(Block::Note(tr.t_args("doc-generated", &[("date", tr.date(clock.day(&self.generated_at)))])));
        doc(tr, tr.t("sweep-title"), "sweep-subject", &self.controller, self.generated_at, &self.audit_head, blocks)
    }
}
