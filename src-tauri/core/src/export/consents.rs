//! The mailing list of a consent's purpose: the customers who consent to it
//! now (the newsletter, text messages), for the mailing tool that sends it.
//! Marketing rests on that consent alone (GDPR Art. 6(1)(a); the Swedish
//! Marketing Act 19 §, the Norwegian Marketing Control Act § 15), and a
//! withdrawal stops it at once (Art. 7(3)): so the list is taken afresh
//! before each send, and a customer who withdrew, was erased, or is
//! restricted (Art. 18(2): their data only stored; an objection pending,
//! 21(3)) is not on it. CSV as the other exports write it (UTF-8 with a BOM,
//! `;`, formula-like cells neutralised), with column names a mailing tool
//! maps; read a page at a time in one snapshot and written as it comes. The
//! file appears whole or not at all; writing it is audited, as it is the
//! register's personal data leaving it.

use std::path::Path;

use serde::Serialize;

use super::file::{csv_done, csv_err, Staged};
use super::{contact_cells, neutralise};
use crate::audit::Action;
use crate::error::{Error, Result};
use crate::register::CustomerState;
use crate::store;
use crate::Register;

/// Customers read per page.
const PAGE: i64 = 1000;

/// The file's columns.
const COLUMNS: [&str; 8] =
    ["number", "name", "email", "phone", "language", "consent_given_at", "consent_text_version", "consent_channel"];

/// What a mailing list holds.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, schemars::JsonSchema)]
pub struct ConsentListSummary {
    pub path: String,
    pub purpose: String,
    /// The customers in the file.
    pub recipients: i64,
    /// The customers consenting whose data is restricted (Art. 18(2)): left out.
    pub restricted_left_out: i64,
    /// SHA-256 of the file's bytes.
    pub digest: String,
}

/// A purpose consents have been given to, and how many customers consent to it now.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, schemars::JsonSchema)]
pub struct ConsentPurpose {
    pub purpose: String,
    /// Customers not erased with a standing consent to it (the restricted among them).
    pub consenting: i64,
}

impl Register {
    /// The purposes consents have been given to, each with how many consent to it now.
    pub async fn consent_purposes(&self) -> Result<Vec<ConsentPurpose>> {
        let all = store::in_snapshot!(self.store(), s => store::consents::purposes(&mut s).await?);
        Ok(all.into_iter().map(|(purpose, consenting)| ConsentPurpose { purpose, consenting }).collect())
    }

    /// Writes to `out` the mailing list of the customers who consent to
    /// `purpose` now, by customer number. A purpose no consent was ever
    /// given to is refused as a slip, naming those there are; one whose
    /// consents are all withdrawn gives a list of none, which is what a
    /// mailing tool must then hold.
    pub async fn export_consent_list(&self, purpose: &str, out: &Path) -> Result<ConsentListSummary> {
        let purpose = crate::register::records::purpose_code(purpose);
        let purpose = purpose.as_str();
        let known = self.consent_purposes().await?;
        if known.is_empty() {
            return Err(Error::invalid("purpose", crate::msg!("msg-no-consents-yet", purpose)));
        }
        if !known.iter().any(|p| p.purpose == purpose) {
            let purposes = known.iter().map(|p| p.purpose.as_str()).collect::<Vec<_>>().join(", ");
            return Err(Error::invalid("purpose", crate::msg!("msg-no-consent-purpose", purpose, purposes)));
        }
        let (staged, hashing) = Staged::begin(out)?;
        let written = async {
            let mut csv = hashing.into_csv(&COLUMNS.map(String::from), out)?;
            let (mut recipients, mut restricted) = (0i64, 0i64);
            let mut s = self.store().snapshot().await?;
            let mut after = String::new();
            loop {
                let page = store::consents::holders_after(&mut s, purpose, &after, PAGE).await?;
                for h in &page {
                    let c = &h.customer;
                    // A customer's earlier consents to the purpose follow their latest, or were on the page before.
                    if c.number == after {
                        continue;
                    }
                    after = c.number.clone();
                    if c.state != CustomerState::Active {
                        restricted += 1;
                        continue;
                    }
                    let consent = [
                        c.language.to_string(),
                        h.given_at.to_rfc3339_opts(chrono::SecondsFormat::Secs, true),
                        neutralise(&h.text_version),
                        neutralise(&h.channel),
                    ];
                    csv.write_record(contact_cells(c).into_iter().chain(consent)).map_err(csv_err)?;
                    recipients += 1;
                }
                if (page.len() as i64) < PAGE {
                    break;
                }
            }
            s.end().await?;
            Ok::<_, Error>((csv_done(csv)?, (recipients, restricted)))
        }
        .await;
        let (digest, (recipients, restricted_left_out)) = staged.finish(written, out)?;
        let about = serde_json::json!({
            "file": staged.name, "purpose": purpose, "recipients": recipients,
            "restricted_left_out": restricted_left_out, "digest": digest,
        });
        self.audit_saved(Action::ExportConsents, "export", &digest[..16], about).await?;
        Ok(ConsentListSummary {
            path: out.display().to_string(),
            purpose: purpose.to_owned(),
            recipients,
            restricted_left_out,
            digest,
        })
    }
}
