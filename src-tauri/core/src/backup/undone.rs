//! What a restore goes back on: what the register recorded since the backup
//! was made that no law asks it to keep whatever happens, and that it
//! therefore does not carry (the copy has it as it was then). A restore is
//! also how a mistake is undone, so it is not made again; but it is named,
//! for the shop to do again what it meant: the plain notes written since,
//! the notes changed since, the customers' details changed since, and the
//! imports run since. The
//! register as it was before the restore (its safety copy) has them all.

use chrono::{DateTime, Utc};

use super::RestoreReport;
use crate::audit::Action;
use crate::error::Result;
use crate::register::Customer;
use crate::store::customers::Who;
use crate::store::hand_vouchers::{self as notes, HandNote};
use crate::store::{self, Within, WriteTx};

/// What the register recorded since the backup that a restore does not carry.
#[derive(Default)]
pub(super) struct Undone {
    /// The notes written since that document no purchase or agreement
    /// (those that do are carried, backup/vouchers.rs).
    notes: Vec<HandNote>,
    /// The notes changed since (corrected, closed, moved), as the register has them.
    changed_notes: Vec<HandNote>,
    /// The customers whose details were changed since, as the register has them.
    edited: Vec<Customer>,
    /// The imports run since: their place and hash in the trail, and when.
    imports: Vec<(i64, String, DateTime<Utc>)>,
}

impl Undone {
    /// Read from the register a restore replaces, at one moment.
    pub(super) async fn of(tx: &mut impl Within, since: DateTime<Utc>) -> Result<Undone> {
        Ok(Undone {
            notes: notes::notes_since(tx, since, false).await?,
            changed_notes: notes::notes_changed_since(tx, since).await?,
            edited: store::customers::edited_since(tx, since).await?,
            imports: store::audit::entries_since(tx, "import", Action::ImportRun, since).await?,
        })
    }

    /// Names in `report` what of it the restored copy (`tx`, with all else
    /// carried) does not have, or has otherwise.
    pub(super) async fn name(&self, tx: &mut WriteTx, report: &mut RestoreReport) -> Result<()> {
        for h in &self.notes {
            let here = match store::customers::same_tx(tx, &h.customer).await? {
                Some(c) => notes::same_note(tx, c.id, h).await?,
                None => None,
            };
            if here.is_none() {
                push_once(&mut report.notes_undone, &h.customer.number);
            }
        }
        // A note the copy has from before the backup (its writing in the copy's
        // trail), and has otherwise: one a person had corrected is so again
        // (backup/rectifications.rs), and is not named.
        for h in &self.changed_notes {
            if !store::audit::holds_entry(tx, h.added.0, &h.added.1).await? {
                continue;
            }
            let there = store::records::interaction_tx(tx, h.note.id).await?;
            if there.is_some_and(|n| n != h.note) {
                push_once(&mut report.notes_changed_undone, &h.customer.number);
            }
        }
        for c in &self.edited {
            let who = Who { number: c.number.clone(), pseudonym: c.pseudonym.clone() };
            // One the copy lacks is named among the customers lost.
            match store::customers::same_tx(tx, &who).await? {
                Some(here) if !same_details(&here, c) => report.details_undone.push(c.number.clone()),
                _ => {}
            }
        }
        for (seq, hash, at) in &self.imports {
            if !store::audit::holds_entry(tx, *seq, hash).await? {
                report.imports_undone.push(*at);
            }
        }
        Ok(())
    }
}

/// The details a person sees and corrects (Art. 16), the number among them.
fn same_details(a: &Customer, b: &Customer) -> bool {
    (&a.number, &a.name, &a.email, &a.phone, &a.street, &a.postal_code, &a.city, &a.country, a.language)
        == (&b.number, &b.name, &b.email, &b.phone, &b.street, &b.postal_code, &b.city, &b.country, b.language)
}

fn push_once(numbers: &mut Vec<String>, number: &str) {
    if !numbers.iter().any(|n| n == number) {
        numbers.push(number.to_owned());
    }
}
