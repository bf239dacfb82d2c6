//! The record of personal data breaches as a document (Art. 33(5): the
//! documentation "shall enable the supervisory authority to verify
//! compliance"): every breach with its facts and steps, to hand over on request.

use chrono::{DateTime, Utc};
use schemars::JsonSchema;
use serde::Serialize;

use super::access::{AuditHead, Authority, Controller};
use super::access_pdf::controller_fields;
use super::document::{printable, Block, Clock, Doc};
use super::notices::doc;
use crate::breaches::BreachView;
use crate::i18n::Translator;

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
        let time = |t: &Option<DateTime<Utc>>| t.map(|t| clock.time(&t)).unwrap_or_default();
        for v in &self.breaches {
            let b = &v.breach;
            let f = &b.fields;
            blocks.push(Block::Heading(
                tr.t_args("breaches-doc-heading", &[("id", b.id.to_string()), ("at", clock.time(&f.aware_at))]),
            ));
            let categories: Vec<String> = f.categories.0.iter().map(|c| tr.t(&format!("cat-{c}"))).collect();
            let pairs = [
                ("ui-breach-nature", f.nature.clone()),
                ("ui-breach-categories", categories.join(", ")),
                ("ui-breach-people", f.people.map(|n| n.to_string()).unwrap_or_default()),
                ("ui-breach-consequences", f.consequences.clone()),
                ("ui-breach-measures", f.measures.clone()),
                ("ui-breach-risk", tr.t(&format!("breach-risk-{}", f.risk))),
                ("breaches-doc-notify-by", if b.must_notify() { clock.time(&v.notify_by) } else { String::new() }),
                ("ui-breach-notified-at", time(&b.notified_at)),
                ("ui-breach-reference", b.authority_reference.clone().unwrap_or_default()),
                ("ui-breach-delay-reason", b.delay_reason.clone().unwrap_or_default()),
                ("ui-breach-informed-at", time(&b.informed_at)),
                ("ui-breach-how", b.informed_how.clone().unwrap_or_default()),
                ("ui-breach-recorded-by", format!("{} ({})", clock.time(&b.recorded_at), b.recorded_by)),
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
