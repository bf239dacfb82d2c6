//! The mailing list of the customers a personal data breach concerns, for a
//! mail merge of the letters of GDPR Art. 34: CSV as the accountant's export
//! writes it (UTF-8 with a BOM, `;`, cells a spreadsheet would run as
//! formulas neutralised), read a page at a time in one snapshot and written
//! as it comes, so that a breach of the whole register does not hold it in
//! memory. The file appears whole or not at all; writing it is audited, as
//! it is the register's personal data leaving it.

use std::path::Path;

use serde::Serialize;

use super::file::{csv_done, csv_err, Staged};
use super::{contact_cells, neutralise};
use crate::audit::Action;
use crate::error::{Error, Result};
use crate::register::CustomerState;
use crate::store;
use crate::values::BreachId;
use crate::Register;

/// Customers read per page.
const PAGE: i64 = 1000;

/// What a mailing list holds.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, schemars::JsonSchema)]
pub struct RecipientsSummary {
    pub path: String,
    /// The customers in the file.
    pub recipients: i64,
    /// The erased customers the breach concerns: no name or address left.
    pub erased_left_out: i64,
    /// SHA-256 of the file's bytes.
    pub digest: String,
}

impl Register {
    /// Writes the mailing list of the customers breach `id` concerns to `out`.
    pub async fn export_breach_recipients(&self, id: BreachId, out: &Path) -> Result<RecipientsSummary> {
        let (staged, hashing) = Staged::begin(out)?;
        let written = async {
            let header: Vec<String> =
                ["number", "name", "email", "phone", "street", "postal_code", "city", "country", "language"]
                    .map(String::from)
                    .to_vec();
            let mut csv = hashing.into_csv(&header, out)?;
            let (mut recipients, mut erased) = (0i64, 0i64);
            let mut s = self.store().snapshot().await?;
            store::breaches::get_tx(&mut s, id).await?.ok_or_else(|| Error::not_found("breach", id))?;
            let mut after = String::new();
            loop {
                let page = store::breaches::concerned_after(&mut s, id, &after, PAGE).await?;
                for c in &page {
                    if c.state == CustomerState::Erased {
                        erased += 1;
                        continue;
                    }
                    let cell = |v: &Option<String>| neutralise(v.as_deref().unwrap_or(""));
                    let address = [
                        cell(&c.street),
                        cell(&c.postal_code),
                        cell(&c.city),
                        cell(&c.country),
                        c.language.to_string(),
                    ];
                    csv.write_record(contact_cells(c).into_iter().chain(address)).map_err(csv_err)?;
                    recipients += 1;
                }
                match page.last() {
                    Some(c) if page.len() as i64 == PAGE => after = c.number.clone(),
                    _ => break,
                }
            }
            s.end().await?;
            Ok::<_, Error>((csv_done(csv)?, (recipients, erased)))
        }
        .await;
        let (digest, (recipients, erased_left_out)) = staged.finish(written, out)?;
        let about = serde_json::json!({
            "file": staged.name, "recipients": recipients, "erased_left_out": erased_left_out, "digest": digest,
        });
        self.audit_saved(Action::BreachRecipients, "breach", id, about).await?;
        Ok(RecipientsSummary { path: out.display().to_string(), recipients, erased_left_out, digest })
    }
}
