//! The sweep's summary (PRODUCT.md section 5: "writes a signed summary"): what a
//! sweep deleted, per category and rule, with the audit chain's head after it,
//! and recorded with the SHA-256 of its bytes like every document.

use std::collections::BTreeMap;

use chrono::{DateTime, NaiveDate, Utc};
use schemars::JsonSchema;
use serde::Serialize;

use super::access::{AuditHead, Controller};
use super::access_pdf::controller_fields;
use super::document::{Block, Clock, Doc, Table};
use super::notices::doc;
use crate::i18n::Translator;
use crate::retention::due::KeptCount;
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
    /// The retention periods in force when the sweep began, in months by
    /// setting (`retention.interaction_months`): those of the counts' rules
    /// `setting …`. Empty for a sweep of a register older than migration 48.
    /// Added to version 1 of the schema without making it required.
    #[schemars(default)]
    pub periods: BTreeMap<String, u32>,
    /// What kept records past their end from the sweep when it began, and
    /// how many each (a record kept by more than one under the first):
    /// every record past its end is either counted in `counts` or here.
    /// Empty where nothing kept any, and for a sweep of a register older than
    /// migration 53. Added to version 1 of the schema without making it required.
    #[schemars(default)]
    pub held: Vec<KeptCount>,
    pub audit_head: AuditHead,
}

impl SweepSummary {
    /// The rule's name, with the period in force when the sweep began where the rule is a setting of the shop's.
    fn rule_text(&self, code: &str, tr: &Translator) -> String {
        let months = crate::retention::rule_setting(code).and_then(|key| self.periods.get(key)).copied();
        crate::retention::rule_text_with_period(code, tr, months)
    }

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
            // A sweep of a register older than migration 52 recorded no cutoffs.
            let cutoffs = self.counts.iter().any(|c| c.cutoff.is_some());
            let mut titles = vec![(tr.t("col-kind"), 1.6), (tr.t("col-rule"), 3.4)];
            if cutoffs {
                titles.push((tr.t("col-cutoff"), 2.3));
            }
            titles.extend([(tr.t("col-action"), 1.3), (tr.t("col-count"), 0.6)]);
            let mut t = Table::with_titles(titles);
            for c in &self.counts {
                let mut row = vec![c.category.name(tr), self.rule_text(&c.rule, tr)];
                if cutoffs {
                    row.push(c.cutoff_text(tr).unwrap_or_default());
                }
                row.extend([tr.t(&format!("sweep-action-{}", c.action)), c.records.to_string()]);
                t.rows.push(row);
            }
            let mut total = vec![tr.t("sweep-total")];
            total.resize(t.columns.len() - 1, String::new());
            total.push(self.total.to_string());
            t.rows.push(total);
            blocks.push(Block::Table(t));
            if cutoffs {
                blocks.push(Block::Note(tr.t("sweep-cutoff-note")));
            }
        }
        if !self.held.is_empty() {
            blocks.push(Block::Paragraph(tr.t("sweep-held-intro")));
            let mut t = Table::with_titles(vec![(tr.t("col-kept-by"), 7.9), (tr.t("col-count"), 0.6)]);
            t.rows = self.held.iter().map(|k| vec![k.keeper.name(tr), k.records.to_string()]).collect();
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

#[cfg(test)]
mod tests {
    use super::*;
    use crate::values::Language;

    #[test]
    fn a_setting_s_rule_is_named_with_its_period_then() {
        let summary = |periods: &[(&str, u32)]| SweepSummary {
            schema: "kundvakt/sweep-summary".into(),
            schema_version: 1,
            generated_at: DateTime::UNIX_EPOCH,
            controller: crate::reports::access::controller(&crate::settings::Settings::from_stored([])),
            sweep: 1,
            as_of: NaiveDate::MIN,
            state: SweepState::Done,
            started_by: "anna".into(),
            started_at: DateTime::UNIX_EPOCH,
            finished_at: None,
            batches: 0,
            counts: vec![],
            total: 0,
            audit_removed: 0,
            audit_months: 36,
            periods: periods.iter().map(|(k, m)| ((*k).to_owned(), *m)).collect(),
            held: vec![],
            audit_head: AuditHead { seq: 1, hash: String::new() },
        };
        let notes = "setting retention.interaction_months";
        let (en, sv) = (Translator::new(Language::En), Translator::new(Language::Sv));
        let one = summary(&[("retention.interaction_months", 1)]);
        assert_eq!(one.rule_text(notes, &en), "Setting: Notes after the matter closed (one month)");
        assert_eq!(one.rule_text(notes, &sv), "Inställning: Anteckningar efter avslutat ärende (en månad)");
        let two_years = summary(&[("retention.interaction_months", 24)]);
        assert_eq!(two_years.rule_text(notes, &en), "Setting: Notes after the matter closed (24 months)");
        // A statute names its own period; a sweep of an older register has none recorded.
        assert_eq!(two_years.rule_text("SE BFL 7:2", &sv), "Bokföringslagen (1999:1078) 7 kap. 2 §");
        assert_eq!(summary(&[]).rule_text(notes, &en), "Setting: Notes after the matter closed");
    }
}
