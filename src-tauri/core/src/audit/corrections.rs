//! Corrections of personal data (GDPR Art. 16). The register keeps the
//! corrected value; the audit trail keeps the old one (PRODUCT.md section 4),
//! so that the shop can show what it held and when it changed, and the person
//! can be told (Art. 15 covers what the trail still holds).
//!
//! The chain's entries hold digests only, so that nothing in them outlives an
//! erasure. The values sit beside the entry that records the correction, as
//! the very texts whose SHA-256 the entry holds: each is checked against the
//! chain when it is read, and all of a person's go when they are erased or
//! their note is deleted.
//!
//! A detail removed at the person's request for erasure (their phone number,
//! Art. 17(1)) is not kept beside the trail: that would keep what they had
//! erased. Every value of that part in the customer's corrections is
//! replaced there by `true` (no detail of a customer is a boolean), which
//! says that the part held a value and nothing of what it was; the entries'
//! digests stay, and a side holding such a mark cannot be checked against
//! them.

use chrono::{DateTime, Utc};
use serde::Serialize;
use sha2::{Digest, Sha256};

use crate::error::Result;
use crate::macros::text_enum;
use crate::store::corrections::StoredCorrection;
use crate::store::{Within, WriteTx};
use crate::values::{CustomerId, InteractionId, RequestId};

text_enum! {
    /// A part of a record that a correction can change: the customer's
    /// details, or a note's wording, staff, channel, direction and kind.
    pub enum Corrected {
        Number = "number",
        Name = "name",
        Email = "email",
        Phone = "phone",
        Street = "street",
        PostalCode = "postal_code",
        City = "city",
        Country = "country",
        Language = "language",
        Summary = "summary",
        Staff = "staff",
        Channel = "channel",
        Direction = "direction",
        Bookkeeping = "bookkeeping",
    }
}

/// One part that a correction changed.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, schemars::JsonSchema)]
pub struct Change {
    pub field: Corrected,
    /// The value before; `None` where the part was empty. A note's kind is
    /// `"true"` (accounting material) or `"false"`.
    pub before: Option<String>,
    pub after: Option<String>,
    /// A phone number's change as people read the numbers, like the
    /// customer page's `phone_display` ([`crate::register::phone::of_customer`]);
    /// `None` for every other part, which the window names itself.
    pub before_shown: Option<String>,
    pub after_shown: Option<String>,
    /// The value before was erased at the person's request (Art. 17(1)):
    /// the register keeps that the part held a value, not what it was, and
    /// `before` is `None`.
    pub before_erased: bool,
    /// The same of the value after.
    pub after_erased: bool,
}

/// A correction of a customer's details or of one of their notes.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, schemars::JsonSchema)]
pub struct Correction {
    /// The audit entry that records it.
    pub seq: i64,
    pub at: DateTime<Utc>,
    pub actor: String,
    /// The note corrected; `None` for the customer's own details.
    pub interaction_id: Option<InteractionId>,
    /// When the contact whose note was corrected took place, which names the
    /// note to people; `None` for the customer's own details.
    pub note_time: Option<DateTime<Utc>>,
    /// The person's request for rectification (Art. 16) it answers, if it does.
    pub request_id: Option<RequestId>,
    /// The parts that changed, in the order the record lists them.
    pub changes: Vec<Change>,
    /// Whether the values kept are the ones whose SHA-256 the audit entry
    /// holds; `false` means they were altered since, and are not the trail's.
    /// A side holding values erased at the person's request is not checked.
    pub intact: bool,
}

/// The corrections of a customer's details and notes, oldest first; `shown`
/// writes a phone number as people read it.
pub(crate) async fn of_customer(
    tx: &mut impl Within,
    customer: CustomerId,
    shown: impl Fn(&str) -> String,
) -> Result<Vec<Correction>> {
    let rows = crate::store::corrections::of_customer(tx, customer).await?;
    Ok(with_phones_shown(rows, shown))
}

/// The corrections that answer a request for rectification, oldest first;
/// `shown` as for [`of_customer`].
pub(crate) async fn of_request(
    tx: &mut impl Within,
    request: RequestId,
    shown: impl Fn(&str) -> String,
) -> Result<Vec<Correction>> {
    let rows = crate::store::corrections::of_request(tx, request).await?;
    Ok(with_phones_shown(rows, shown))
}

fn with_phones_shown(rows: Vec<StoredCorrection>, shown: impl Fn(&str) -> String) -> Vec<Correction> {
    let mut all: Vec<Correction> = rows.into_iter().map(from_stored).collect();
    for change in all.iter_mut().flat_map(|k| k.changes.iter_mut()).filter(|c| c.field == Corrected::Phone) {
        change.before_shown = change.before.as_deref().map(&shown);
        change.after_shown = change.after.as_deref().map(&shown);
    }
    all
}

pub(crate) fn from_stored(row: StoredCorrection) -> Correction {
    let sha = |text: &str| hex::encode(Sha256::digest(text.as_bytes()));
    let parse = |text: &str| serde_json::from_str::<serde_json::Value>(text).unwrap_or(serde_json::Value::Null);
    let (before, after) = (parse(&row.before), parse(&row.after));
    let mut changes = changes(&before, &after);
    // Only a customer's details are marked; a note's kind is a boolean of its own.
    let details = row.interaction_id.is_none();
    let marked = |record: &serde_json::Value, field: Corrected| details && record.get(field.as_str()) == Some(&ERASED);
    for c in changes.iter_mut() {
        if marked(&before, c.field) {
            (c.before, c.before_erased) = (None, true);
        }
        if marked(&after, c.field) {
            (c.after, c.after_erased) = (None, true);
        }
    }
    let holds_erased = |record: &serde_json::Value| Corrected::ALL.iter().any(|f| marked(record, *f));
    let checked = |record: &serde_json::Value, text: &str, digest: Option<&str>| {
        holds_erased(record) || digest == Some(sha(text).as_str())
    };
    let intact = checked(&before, &row.before, row.before_digest.as_deref())
        && checked(&after, &row.after, row.after_digest.as_deref());
    Correction {
        seq: row.seq,
        at: row.at,
        actor: row.actor,
        interaction_id: row.interaction_id,
        note_time: row.note_time,
        request_id: row.request_id,
        changes,
        intact,
    }
}

/// What the corrections table keeps for a removed part's old value.
const ERASED: serde_json::Value = serde_json::Value::Bool(true);

/// The parts of a customer's details that went from `before` to `after`.
pub(crate) fn removed(before: &serde_json::Value, after: &serde_json::Value) -> Vec<Corrected> {
    changes(before, after).into_iter().filter(|c| c.after.is_none()).map(|c| c.field).collect()
}

/// `record` (a customer's details) with each value of `parts` marked
/// [`ERASED`]; whether it held any.
fn forget(record: &mut serde_json::Value, parts: &[Corrected]) -> bool {
    let mut any = false;
    for part in parts {
        if let Some(value) = record.get_mut(part.as_str()) {
            if text(Some(value)).is_some() && *value != ERASED {
                (*value, any) = (ERASED, true);
            }
        }
    }
    any
}

/// Forgets every value of `parts` that the corrections of `customer`'s
/// details keep, after the person had those parts removed at their request
/// for erasure (Art. 17(1)).
pub(crate) async fn forget_removed(tx: &mut WriteTx, customer: CustomerId, parts: &[Corrected]) -> Result<()> {
    if parts.is_empty() {
        return Ok(());
    }
    let parse = |text: &str| serde_json::from_str::<serde_json::Value>(text).unwrap_or(serde_json::Value::Null);
    for (seq, before, after) in crate::store::corrections::of_details(tx, customer).await? {
        let (mut before, mut after) = (parse(&before), parse(&after));
        if forget(&mut before, parts) | forget(&mut after, parts) {
            crate::store::corrections::set_values(tx, seq, &before.to_string(), &after.to_string()).await?;
        }
    }
    Ok(())
}

/// The parts that differ between two versions of a record.
pub(crate) fn changes(before: &serde_json::Value, after: &serde_json::Value) -> Vec<Change> {
    Corrected::ALL
        .iter()
        .filter_map(|&field| {
            let (b, a) = (text(before.get(field.as_str())), text(after.get(field.as_str())));
            (b != a).then_some(Change {
                field,
                before: b,
                after: a,
                before_shown: None,
                after_shown: None,
                before_erased: false,
                after_erased: false,
            })
        })
        .collect()
}

/// A part's value as text: `None` for an empty or missing one.
fn text(value: Option<&serde_json::Value>) -> Option<String> {
    match value? {
        serde_json::Value::Null => None,
        serde_json::Value::String(s) if s.is_empty() => None,
        serde_json::Value::String(s) => Some(s.clone()),
        other => Some(other.to_string()),
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::json;

    #[test]
    fn only_the_parts_that_differ_are_changes_and_empty_is_none() {
        let before = json!({"id": 1, "name": "Asa Oberg", "email": "a@example.se", "phone": null, "version": 1});
        let after = json!({"id": 1, "name": "Åsa Öberg", "email": "a@example.se", "phone": "", "version": 2});
        let got = changes(&before, &after);
        assert_eq!(
            got,
            vec![Change {
                field: Corrected::Name,
                before: Some("Asa Oberg".into()),
                after: Some("Åsa Öberg".into()),
                before_shown: None,
                after_shown: None,
                before_erased: false,
                after_erased: false,
            }]
        );
    }

    #[test]
    fn a_removed_value_is_kept_as_removed_and_read_so() {
        let before = json!({"name": "Kari", "phone": "+4791234567", "city": "Bergen"});
        let after = json!({"name": "Kari", "phone": null, "city": "Oslo"});
        assert_eq!(removed(&before, &after), [Corrected::Phone], "a new value is a correction");
        let mut kept = before.clone();
        assert!(forget(&mut kept, &[Corrected::Phone]));
        assert_eq!(kept, json!({"name": "Kari", "phone": true, "city": "Bergen"}));
        assert!(!forget(&mut kept.clone(), &[Corrected::Phone, Corrected::Street]), "nothing more to forget");
        let row = |interaction_id| StoredCorrection {
            seq: 1,
            at: chrono::Utc::now(),
            actor: "eva".into(),
            interaction_id,
            note_time: None,
            request_id: None,
            before: kept.to_string(),
            after: after.to_string(),
            before_digest: Some(hex::encode(Sha256::digest(before.to_string().as_bytes()))),
            after_digest: Some(hex::encode(Sha256::digest(after.to_string().as_bytes()))),
        };
        let read = from_stored(row(None));
        let phone = read.changes.iter().find(|c| c.field == Corrected::Phone).expect("phone");
        assert_eq!((phone.before.as_deref(), phone.after.as_deref()), (None, None));
        assert_eq!((phone.before_erased, phone.after_erased), (true, false));
        let city = read.changes.iter().find(|c| c.field == Corrected::City).expect("city");
        assert_eq!((city.before.as_deref(), city.before_erased), (Some("Bergen"), false));
        assert!(read.intact, "checked by the value after");
        let mut altered = row(None);
        altered.after = json!({"name": "Kari", "phone": null, "city": "Malmö"}).to_string();
        assert!(!from_stored(altered).intact);
        // A note's kind is true or false of its own: no mark.
        let note = from_stored(row(Some(InteractionId(7))));
        let phone = note.changes.iter().find(|c| c.field == Corrected::Phone).expect("phone");
        assert_eq!((phone.before.as_deref(), phone.before_erased, note.intact), (Some("true"), false, false));
    }

    #[test]
    fn every_part_is_named_in_every_language() {
        for language in crate::values::Language::ALL {
            let tr = crate::i18n::Translator::new(*language);
            let keys = Corrected::ALL.iter().map(|f| format!("corrected-{f}"));
            for key in keys.chain(["corrected-value-true".into(), "corrected-value-false".into()]) {
                assert!(!tr.t(&key).starts_with('['), "{key} in {language:?}");
            }
        }
    }

    #[test]
    fn a_note_kind_is_true_or_false() {
        let got = changes(&json!({"bookkeeping": false}), &json!({"bookkeeping": true}));
        assert_eq!(got[0].before.as_deref(), Some("false"));
        assert_eq!(got[0].after.as_deref(), Some("true"));
    }
}
