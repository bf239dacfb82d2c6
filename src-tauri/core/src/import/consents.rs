//! The marketing choices a web shop's customer export records (Shopify's
//! "Accepts Email Marketing", "Accepts SMS Marketing"; before 2023 "Accepts
//! Marketing"), carried into the register's consents, so that the mailing
//! list made from the register is the shop's.
//!
//! A "yes" where the register has no consent to the purpose, standing or
//! withdrawn, records one: the export does not say when or to which wording
//! the person agreed, so the consent is dated by the import, and its wording
//! says it was given in the web shop by that day and names the column (the
//! web shop keeps the original, Art. 7(1)). A "yes" where the person
//! withdrew their consent in the register gives nothing back, and the
//! import says so at the row. A "no" withdraws a standing consent to the
//! purpose: whoever unsubscribed in the web shop is mailed no more from the
//! register (Art. 7(3), 21(3)). Where that consent was given another way (on
//! paper at a course, at the counter), the "no" may only mean that the
//! person never ticked the web shop's box: it is withdrawn all the same, as
//! mailing on a doubtful consent is what the law forbids, and the import says
//! so at the row, for the shop to record the consent again if it stands. An
//! empty cell says nothing. Importing the same file again changes nothing.

use std::sync::atomic::{AtomicU64, Ordering};

use super::formats::{Field, Mapping};
use super::{Outcome, RowError};
use crate::error::Result;
use crate::register::NewConsent;
use crate::store::{self, WriteTx};
use crate::values::{ConsentId, CustomerId, Language};

/// The purposes the columns speak of, as the register names them (`consent-purpose-…`).
const PURPOSES: [(Field, &str); 2] = [(Field::EmailMarketing, "newsletter"), (Field::SmsMarketing, "sms")];

/// The channel the consents came by: the web shop (`channel-web_shop`).
const CHANNEL: &str = store::consents::IMPORTED;

/// One row's choices: the purpose, yes or no, and the column that said so.
#[derive(Debug, Default, Clone, PartialEq, Eq)]
pub(crate) struct Choices(Vec<(&'static str, bool, String)>);

impl Choices {
    pub fn is_empty(&self) -> bool {
        self.0.is_empty()
    }
}

/// Consents recorded and withdrawn by an import, counted as its rows land.
#[derive(Debug, Default)]
pub(crate) struct Tally {
    pub given: AtomicU64,
    pub withdrawn: AtomicU64,
}

/// Whether the file says anything about consents at all.
pub(crate) fn mapped(mapping: &Mapping) -> bool {
    PURPOSES.iter().any(|(f, _)| mapping.has(*f))
}

/// A row's choices; a value that is neither yes nor no is the row's problem, at its column (each of them).
pub(crate) fn read(mapping: &Mapping, record: &csv::StringRecord) -> std::result::Result<Choices, Vec<RowError>> {
    let mut out = Choices::default();
    let mut problems = vec![];
    for (field, purpose) in PURPOSES {
        let Some((value, column)) = mapping.get(record, field) else { continue };
        match yes_or_no(value) {
            Some(yes) => out.0.push((purpose, yes, column.to_owned())),
            None => problems.push(RowError::new(column, crate::msg!("msg-not-yes-or-no", value))),
        }
    }
    if problems.is_empty() {
        Ok(out)
    } else {
        Err(problems)
    }
}

/// Yes or no as web shops and spreadsheets write it, in the three languages.
fn yes_or_no(value: &str) -> Option<bool> {
    match value.trim().to_lowercase().as_str() {
        "yes" | "y" | "true" | "1" | "ja" | "j" | "x" | "subscribed" => Some(true),
        "no" | "n" | "false" | "0" | "nej" | "nei" | "not_subscribed" | "unsubscribed" => Some(false),
        _ => None,
    }
}

/// What a row's choices did to a customer's consents.
#[derive(Debug, Default)]
pub(crate) struct Applied {
    pub changed: bool,
    /// The purposes the row said yes to that the person withdrew their
    /// consent to in the register: not given back, and said so.
    pub kept_withdrawn: Vec<&'static str>,
    /// The purposes the row said no to whose consent, given another way
    /// than in the web shop, it withdrew: said, to be recorded again if the
    /// person did not unsubscribe.
    pub withdrew_elsewhere: Vec<&'static str>,
}

impl Applied {
    /// `outcome`, with a word to the shop where a "yes" met a withdrawal of
    /// customer `number`'s.
    pub fn told(self, outcome: Outcome, number: &str) -> Outcome {
        let mut outcome = outcome;
        if !self.kept_withdrawn.is_empty() {
            let purposes = self.kept_withdrawn.join(", ");
            let note = crate::msg!("msg-import-consent-withdrawn-kept", customer = number, purposes);
            outcome = Outcome::Noted(Box::new(outcome), note);
        }
        if !self.withdrew_elsewhere.is_empty() {
            let purposes = self.withdrew_elsewhere.join(", ");
            let note = crate::msg!("msg-import-consent-no-elsewhere", customer = number, purposes);
            outcome = Outcome::Noted(Box::new(outcome), note);
        }
        outcome
    }
}

/// Brings customer `customer`'s consents in line with `choices`, audited
/// as the register's own consents and withdrawals are. `new`: a customer
/// the import has just added, who has no consents to look up.
pub(crate) async fn apply(
    tx: &mut WriteTx,
    customer: CustomerId,
    new: bool,
    choices: &Choices,
    language: Language,
    tally: &Tally,
) -> Result<Applied> {
    let mut applied = Applied::default();
    if choices.is_empty() {
        return Ok(applied);
    }
    let known = if new { vec![] } else { store::records::consents_of(tx, customer).await? };
    let now = tx.now();
    for (purpose, yes, column) in &choices.0 {
        let of_purpose = || known.iter().filter(|c| c.purpose == *purpose);
        let standing = || of_purpose().filter(|c| c.withdrawn_at.is_none());
        let held: Vec<ConsentId> = standing().map(|c| c.id).collect();
        // A consent withdrawn in the register (Art. 7(3)) is not given back by
        // a file the web shop has not caught up with; a new one is recorded
        // on the customer's page, where the person gives it.
        let withdrawn = of_purpose().any(|c| c.withdrawn_at.is_some());
        if *yes && held.is_empty() && withdrawn {
            applied.kept_withdrawn.push(purpose);
        } else if *yes && held.is_empty() {
            let consent = NewConsent {
                customer_id: customer,
                purpose: (*purpose).to_owned(),
                text_version: wording(column, language),
                given_at: now,
                channel: CHANNEL.to_owned(),
            };
            crate::register::add_consent_in(tx, &consent).await?;
            tally.given.fetch_add(1, Ordering::Relaxed);
            applied.changed = true;
        } else if !*yes {
            if standing().any(|c| c.channel != CHANNEL) {
                applied.withdrew_elsewhere.push(purpose);
            }
            // One withdrawal stops the purpose: every consent to it that stands.
            if let Some(&first) = held.first() {
                let withdrawn = crate::register::withdraw_consent_in(tx, first, now, None).await?;
                tally.withdrawn.fetch_add(withdrawn.len() as u64, Ordering::Relaxed);
                applied.changed = true;
            }
        }
    }
    Ok(applied)
}

/// The consent's wording, as far as the register knows it: given in the web
/// shop by the day it is dated (the import's), and the web shop's column, in
/// the register's language (at most the 100 characters a wording takes).
fn wording(column: &str, language: Language) -> String {
    let column: String = column.chars().take(40).collect();
    crate::i18n::Translator::new(language).t_args("consent-imported-wording", &[("column", column)])
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn yes_and_no_are_read_as_shops_write_them() {
        for v in ["yes", "Yes", " TRUE ", "1", "ja", "subscribed"] {
            assert_eq!(yes_or_no(v), Some(true), "{v}");
        }
        for v in ["no", "No", "false", "0", "nej", "nei", "unsubscribed"] {
            assert_eq!(yes_or_no(v), Some(false), "{v}");
        }
        for v in ["maybe", "2", "jo", "pending"] {
            assert_eq!(yes_or_no(v), None, "{v}");
        }
    }

    #[test]
    fn the_wording_names_the_column_within_its_length() {
        let long = "A".repeat(300);
        for language in [Language::Sv, Language::Nb, Language::En] {
            let w = wording(&long, language);
            assert!(w.chars().count() <= 100, "{w}");
            assert!(wording("Accepts Email Marketing", language).contains("Accepts Email Marketing"));
        }
    }
}
