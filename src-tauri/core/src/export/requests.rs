//! The log of data-subject requests as a file: every request the inbox
//! lists (open ones, or all), with its deadline, each step's day and how
//! the person's identity was checked (Art. 12(6)), for
//! whoever asks the shop to show that it answered in time (GDPR Art. 12(3),
//! 5(2); a supervisory authority's inquiry, Art. 58(1)(a)). CSV as the
//! accountant's export writes it (UTF-8 with a BOM, `;`, formula-like cells
//! neutralised), the column names, kinds and states in the language asked
//! for. A shop's requests are a few hundred at most, so they are read as the
//! inbox reads them and written at once. The file appears whole or not at
//! all; writing it is audited, as it names the people who asked.

use std::path::Path;

use chrono::NaiveDate;
use serde::Serialize;

use super::file::{csv_done, csv_err, Staged};
use super::neutralise;
use crate::audit::Action;
use crate::error::{Error, Result};
use crate::i18n::Translator;
use crate::requests::{ListFilter, RequestView};
use crate::values::Language;
use crate::Register;

/// What a file of the requests holds.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, schemars::JsonSchema)]
pub struct RequestsExportSummary {
    pub path: String,
    /// The requests in the file.
    pub requests: i64,
    /// SHA-256 of the file's bytes.
    pub digest: String,
}

/// The columns, by their locale keys (`requests-col-…`).
const COLUMNS: [&str; 16] = [
    "number",
    "customer",
    "name",
    "kind",
    "state",
    "channel",
    "received",
    "due",
    "extended-to",
    "extension-reason",
    "days-left",
    "verified-on",
    "verified-how",
    "answered-on",
    "refusal-reason",
    "closed-on",
];

impl Register {
    /// Writes the requests the inbox lists as of `as_of` (with
    /// `filter.include_done`, the answered, refused and closed ones too) to
    /// `out`, in the inbox's order, the words in `language`.
    pub async fn export_requests(
        &self,
        as_of: NaiveDate,
        filter: ListFilter,
        language: Language,
        out: &Path,
    ) -> Result<RequestsExportSummary> {
        let tr = Translator::new(language);
        let (staged, hashing) = Staged::begin(out)?;
        let written = async {
            let header: Vec<String> = COLUMNS.iter().map(|c| tr.t(&format!("requests-col-{c}"))).collect();
            let mut csv = hashing.into_csv(&header, out)?;
            let views = self.list_requests(as_of, filter).await?;
            for v in &views {
                csv.write_record(row(v, &tr)).map_err(csv_err)?;
            }
            Ok::<_, Error>((csv_done(csv)?, views.len() as i64))
        }
        .await;
        let (digest, requests) = staged.finish(written, out)?;
        let about = serde_json::json!({
            "file": staged.name, "requests": requests, "digest": digest, "as_of": as_of,
            "include_done": filter.include_done,
        });
        self.audit_saved(Action::ExportRequests, "export", &digest[..16], about).await?;
        Ok(RequestsExportSummary { path: out.display().to_string(), requests, digest })
    }
}

/// One request's cells: dates as ISO dates, the days left only while it is
/// open (a closed request has no deadline left to count).
fn row(v: &RequestView, tr: &Translator) -> [String; 16] {
    let text = |t: &Option<String>| neutralise(t.as_deref().unwrap_or_default());
    let day = |d: Option<NaiveDate>| d.map(|d| d.to_string()).unwrap_or_default();
    [
        v.id.to_string(),
        text(&v.customer_number),
        text(&v.customer_name.clone().or(v.requester.clone())),
        v.kind.name(tr),
        v.state.name(tr),
        text(&v.channel),
        v.received.to_string(),
        v.first_due_date.to_string(),
        day(v.extended_due_date),
        text(&v.extension_reason),
        if v.state.is_open() { v.days_left.to_string() } else { String::new() },
        day(v.verified_on),
        text(&v.verification),
        day(v.answered_on),
        text(&v.refusal_reason),
        day(v.closed_on),
    ]
}
