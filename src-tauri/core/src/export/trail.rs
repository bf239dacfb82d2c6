//! The audit trail as a file: the entries a [`TrailQuery`] selects, all of
//! them, newest first, for whoever asks the shop to show what was done with
//! the data (GDPR Art. 5(2), 24; a supervisory authority's inquiry, Art.
//! 58(1)(a)). CSV as the accountant's export writes it (UTF-8 with a BOM, `;`,
//! formula-like cells neutralised), the column names and the kinds of action
//! in the language asked for, and every entry's digests and hashes with the
//! fields they cover, so that the file can be checked against the chain, or
//! on its own ([`crate::audit::file_check`]). Read a page at a time in one
//! snapshot and written as it comes; the file appears whole or not at all.
//! Writing it is audited: it names the register's customers.

use std::path::Path;

use serde::Serialize;

use super::file::{csv_done, csv_err, Staged};
use super::neutralise;
use crate::audit::trail::{TrailEntry, TrailQuery, MAX_PAGE};
use crate::audit::Action;
use crate::error::{Error, Result};
use crate::i18n::Translator;
use crate::values::Language;
use crate::Register;

/// What a file of the trail holds.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, schemars::JsonSchema)]
pub struct TrailExportSummary {
    pub path: String,
    /// The entries in the file.
    pub entries: i64,
    /// SHA-256 of the file's bytes.
    pub digest: String,
}

/// The columns, by their locale keys (`trail-col-…`): for people, then the
/// fields the hash covers as the register hashed them, so that the file can
/// be checked on its own ([`crate::audit::file_check`], which reads them by
/// position).
const COLUMNS: [&str; 16] = [
    "seq",
    "time",
    "by",
    "action",
    "what",
    "record-kind",
    "record",
    "customer",
    "before",
    "after",
    "previous",
    "hash",
    "time-utc",
    "entity",
    "entity-id",
    "customer-id",
];

impl Register {
    /// Writes every entry `query` selects (its `before` and `limit` aside) to
    /// `out`, the column names and kinds of action in `language`.
    pub async fn export_audit_trail(
        &self,
        query: &TrailQuery,
        language: Language,
        out: &Path,
    ) -> Result<TrailExportSummary> {
        let tr = Translator::new(language);
        let (staged, hashing) = Staged::begin(out)?;
        let written = async {
            let header: Vec<String> = COLUMNS.iter().map(|c| tr.t(&format!("trail-col-{c}"))).collect();
            let mut csv = hashing.into_csv(&header, out)?;
            let mut s = self.store().snapshot().await?;
            let settings = crate::register::settings_in(&mut s).await?;
            let zone = settings.time_zone();
            let mut filter = TrailQuery { before: None, limit: MAX_PAGE, ..query.clone() }.filter(&settings)?;
            let mut entries = 0i64;
            loop {
                let mut page = crate::store::audit::trail(&mut s, &filter).await?;
                let more = page.len() as i64 > filter.limit;
                page.truncate(filter.limit as usize);
                for t in &page {
                    csv.write_record(row(t, &tr, zone)).map_err(csv_err)?;
                    entries += 1;
                }
                match page.last() {
                    Some(last) if more => filter.before = Some(last.stored.entry.seq),
                    _ => break,
                }
            }
            s.end().await?;
            Ok::<_, Error>((csv_done(csv)?, entries))
        }
        .await;
        let (digest, entries) = staged.finish(written, out)?;
        let about = serde_json::json!({
            "file": staged.name, "entries": entries, "digest": digest, "from": query.from, "to": query.to,
            "by": query.actor, "customer": query.customer, "action": query.action,
        });
        self.audit_saved(Action::ExportAuditTrail, "export", &digest[..16], about).await?;
        Ok(TrailExportSummary { path: out.display().to_string(), entries, digest })
    }
}

/// One entry's cells: its time on the shop's clock with the offset (a
/// summer time's hour is not read twice), who and what in words, the record
/// as people know it, the chain's digests and hashes as stored, and the
/// time, record and customer as the hash covers them.
fn row(t: &TrailEntry, tr: &Translator, zone: chrono_tz::Tz) -> [String; 16] {
    let e = &t.stored.entry;
    let what = Action::words(&e.action, tr);
    let kind_key = format!("entity-{}", e.entity.replace('_', "-"));
    let kind = if tr.has(&kind_key) { tr.t(&kind_key) } else { e.entity.clone() };
    let text = |v: &str| neutralise(v);
    [
        e.seq.to_string(),
        e.at.with_timezone(&zone).format("%Y-%m-%d %H:%M:%S %:z").to_string(),
        text(&e.actor),
        text(&e.action),
        text(&what),
        text(&kind),
        text(t.record_number.as_deref().unwrap_or(&e.entity_id)),
        text(&t.customer_number.clone().or_else(|| e.customer_id.map(|c| format!("id {c}"))).unwrap_or_default()),
        e.before_digest.clone().unwrap_or_default(),
        e.after_digest.clone().unwrap_or_default(),
        e.prev_hash.clone(),
        t.stored.hash.clone(),
        crate::audit::hashed_time(&e.at),
        text(&e.entity),
        text(&e.entity_id),
        e.customer_id.map(|c| c.to_string()).unwrap_or_default(),
    ]
}
