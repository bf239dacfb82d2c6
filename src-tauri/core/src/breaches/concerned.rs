//! The customers a breach concerns, and the letters to them (GDPR Art. 34).
//!
//! Art. 33(3)(a) asks for the approximate number of people concerned, which
//! the record keeps as the shop's estimate; where the shop knows them by name
//! (the rows of a leaked file, the orders on a stolen laptop), it links them
//! here. Art. 34(1) then asks it to tell each of them "without undue delay":
//! the linked customers are the letters' addressees, each in their language.
//! An erased customer stays linked under their pseudonym (the record is the
//! shop's proof, Art. 33(5)) but has no name or address left to write to.

use std::collections::hash_map::{Entry, HashMap};
use std::path::{Path, PathBuf};
use std::sync::atomic::{AtomicBool, Ordering};

use serde::Serialize;

use crate::audit::Action;
use crate::error::{Error, Result};
use crate::msg;
use crate::register::{Customer, CustomerState};
use crate::reports::Format;
use crate::store;
use crate::values::{BreachId, CustomerId, Language};
use crate::Register;

/// What a change in whom a breach concerns did.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, schemars::JsonSchema)]
pub struct ConcernChange {
    /// The customer numbers linked now that were not before.
    pub added: Vec<String>,
    /// The customer numbers no longer linked.
    pub removed: Vec<String>,
    /// How many customers the breach concerns now.
    pub concerned: i64,
}

/// The first customers a breach concerns, by number, and how many it concerns in all.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, schemars::JsonSchema)]
pub struct ConcernedPage {
    pub customers: Vec<Customer>,
    pub total: i64,
}

/// The letters written to each customer a breach concerns.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, schemars::JsonSchema)]
pub struct LettersWritten {
    /// The folder they were written into.
    pub folder: String,
    /// Each letter's customer number and file.
    pub written: Vec<(String, String)>,
    /// The erased customers (by pseudonym): nobody left to write to.
    pub erased: Vec<String>,
    /// Stopped when asked, with the letters above written.
    pub cancelled: bool,
}

/// How far the letters to each customer a breach concerns have got.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, schemars::JsonSchema)]
pub struct LettersProgress {
    /// Customers done (written to, or erased and left out).
    pub done: u64,
    /// Customers the breach concerned when the letters began.
    pub total: u64,
}

impl Register {
    /// Links `add` to breach `id` and unlinks `remove`, in one audited
    /// transaction; a customer already linked, or not linked, is no change.
    pub async fn breach_concern(
        &self,
        id: BreachId,
        add: &[CustomerId],
        remove: &[CustomerId],
    ) -> Result<ConcernChange> {
        let mut tx = self.store().begin(self.actor()).await?;
        open_breach(&mut tx, id).await?;
        let mut numbers: HashMap<CustomerId, String> = HashMap::with_capacity(add.len());
        for &c in add {
            let customer =
                store::customers::get_tx(&mut tx, c).await?.ok_or_else(|| Error::not_found("customer", c))?;
            numbers.insert(c, customer.number);
        }
        let added = store::breaches::concern(&mut tx, id, add).await?;
        let removed = store::breaches::unconcern(&mut tx, id, remove).await?;
        for &c in &removed {
            if let Entry::Vacant(slot) = numbers.entry(c) {
                let customer =
                    store::customers::get_tx(&mut tx, c).await?.ok_or_else(|| Error::not_found("customer", c))?;
                slot.insert(customer.number);
            }
        }
        let pairs = |ids: &[CustomerId]| -> Vec<(CustomerId, String)> {
            ids.iter().filter_map(|c| numbers.get(c).map(|n| (*c, n.clone()))).collect()
        };
        let (added, removed) = (pairs(&added), pairs(&removed));
        audit_links(&mut tx, Action::BreachLink, id, &added).await?;
        audit_links(&mut tx, Action::BreachUnlink, id, &removed).await?;
        let change = ConcernChange {
            added: added.into_iter().map(|(_, n)| n).collect(),
            removed: removed.into_iter().map(|(_, n)| n).collect(),
            concerned: store::breaches::concerned_count(&mut tx, id).await?,
        };
        tx.commit().await?;
        Ok(change)
    }

    /// Links every customer not erased to breach `id` (`everyone`: the whole
    /// register was reached, a stolen laptop, a copied database), or unlinks
    /// every customer; audited with the counts, as the numbers of a whole
    /// register would not be read in an audit entry. Returns how many
    /// customers the breach concerns now.
    pub async fn breach_concern_all(&self, id: BreachId, everyone: bool) -> Result<i64> {
        let mut tx = self.store().begin(self.actor()).await?;
        open_breach(&mut tx, id).await?;
        let changed = if everyone {
            store::breaches::concern_everyone(&mut tx, id).await?
        } else {
            store::breaches::unconcern_all(&mut tx, id).await?
        };
        let concerned = store::breaches::concerned_count(&mut tx, id).await?;
        if changed > 0 {
            let (key, n) = (if everyone { "added_everyone" } else { "removed_everyone" }, changed as i64);
            let after = serde_json::json!({ key: n, "concerned": concerned });
            tx.audit(Action::BreachConcern, "breach", id, None, None, Some(&crate::audit::to_json(&after)?)).await?;
        }
        tx.commit().await?;
        Ok(concerned)
    }

    /// The customers that `references` name (each a customer number or id,
    /// with the place it was read from, as [`references`] gives them), or the
    /// first that names nobody, by its place.
    pub async fn find_customers(&self, references: &[(String, String)]) -> Result<Vec<CustomerId>> {
        let mut ids = Vec::with_capacity(references.len());
        for (place, reference) in references {
            match self.find_customer(reference).await {
                Ok(c) => ids.push(c.id),
                Err(Error::NotFound { .. }) => {
                    return Err(Error::invalid(
                        place.as_str(),
                        msg!("msg-not-found", entity = "customer", id = reference),
                    ))
                }
                Err(e) => return Err(e),
            }
        }
        Ok(ids)
    }

    /// The customers breach `id` concerns, by customer number.
    pub async fn breach_concerned(&self, id: BreachId) -> Result<Vec<Customer>> {
        Ok(self.breach_concerned_page(id, None).await?.customers)
    }

    /// The first `limit` customers breach `id` concerns (all without one), and how many in all.
    pub async fn breach_concerned_page(&self, id: BreachId, limit: Option<i64>) -> Result<ConcernedPage> {
        Ok(store::in_snapshot!(self.store(), s => {
            store::breaches::get_tx(&mut s, id).await?.ok_or_else(|| Error::not_found("breach", id))?;
            ConcernedPage {
                customers: store::breaches::concerned(&mut s, id, limit).await?,
                total: store::breaches::concerned_count(&mut s, id).await?,
            }
        }))
    }

    /// A letter (Art. 34(2)) to each customer breach `id` concerns, in
    /// `language` or each one's own, written into folder `dir` as
    /// `breach-ID-NUMBER.pdf` (or `.json`) and recorded under them. Each
    /// file is written whole or not at all; if one fails, those before it stay
    /// written and recorded, and the error names the file. A letter takes
    /// some 5 ms (2 000 in 9.5 s, release build), so a whole register's take
    /// minutes: `progress` hears of each, and `cancel` stops between two
    /// letters with those before it written.
    pub async fn breach_letters(
        &self,
        id: BreachId,
        dir: &Path,
        language: Option<Language>,
        format: Format,
        progress: &mut (dyn FnMut(LettersProgress) + Send),
        cancel: &AtomicBool,
    ) -> Result<LettersWritten> {
        crate::files::check_folder(dir)?;
        let mut letters = LettersWritten {
            folder: dir.display().to_string(),
            written: Vec::new(),
            erased: Vec::new(),
            cancelled: false,
        };
        let total = store::in_snapshot!(self.store(), s => store::breaches::concerned_count(&mut s, id).await?);
        let mut seen = LettersProgress { done: 0, total: total.max(0) as u64 };
        // A page of customers at a time: each letter reads the register anew.
        let mut after = String::new();
        'pages: loop {
            let page = store::in_snapshot!(self.store(), s => {
                store::breaches::get_tx(&mut s, id).await?.ok_or_else(|| Error::not_found("breach", id))?;
                store::breaches::concerned_after(&mut s, id, &after, PAGE).await?
            });
            for c in &page {
                if cancel.load(Ordering::Relaxed) {
                    letters.cancelled = true;
                    break 'pages;
                }
                if c.state == CustomerState::Erased {
                    letters.erased.push(c.pseudonym.clone());
                } else {
                    let file = dir.join(letter_name(id, &c.number, format));
                    let letter = self.breach_letter(id, Some(c.id), language, format).await?;
                    crate::files::write_whole(&file, &letter.bytes)?;
                    letters.written.push((c.number.clone(), file.display().to_string()));
                }
                // Linked meanwhile: the total grows with them.
                seen.done += 1;
                seen.total = seen.total.max(seen.done);
                progress(seen);
            }
            match page.last() {
                Some(c) if page.len() as i64 == PAGE => after = c.number.clone(),
                _ => break,
            }
        }
        if letters.written.is_empty() && letters.erased.is_empty() && !letters.cancelled {
            return Err(Error::Refused(msg!("msg-breach-concerns-nobody", id)));
        }
        Ok(letters)
    }
}

/// One audit entry for each customer linked to or unlinked from breach
/// `id`, under the customer, so that their own history shows who linked
/// them and when; written a thousand to a statement ([`store::WriteTx::audit_many`]).
async fn audit_links(
    tx: &mut store::WriteTx,
    action: Action,
    id: BreachId,
    customers: &[(CustomerId, String)],
) -> Result<()> {
    let items = customers
        .iter()
        .map(|(c, number)| {
            let after = serde_json::json!({ "breach": id, "customer": number });
            store::Audited {
                id: id.to_string(),
                customer: Some(*c),
                before: None,
                after: Some(crate::audit::digest(&after)),
            }
        })
        .collect();
    tx.audit_many(action, "breach", items).await?;
    Ok(())
}

/// Breach `id`, which must be open to take changes.
async fn open_breach(tx: &mut store::WriteTx, id: BreachId) -> Result<()> {
    let breach = store::breaches::get_tx(tx, id).await?.ok_or_else(|| Error::not_found("breach", id))?;
    if breach.closed_at.is_some() {
        return Err(Error::Refused(msg!("msg-breach-closed", id)));
    }
    Ok(())
}

/// The customer references in `text` (numbers or ids separated by commas,
/// spaces or lines; `#` begins a comment), each with its place: `source`, or
/// `source:LINE` for a file of several lines.
pub fn references(text: &str, source: &str) -> Vec<(String, String)> {
    let lines = text.lines().count() > 1;
    let mut out = Vec::new();
    for (n, line) in text.lines().enumerate() {
        let line = line.split('#').next().unwrap_or("");
        let place = if lines { format!("{source}:{}", n + 1) } else { source.to_owned() };
        for r in line.split(|c: char| c == ',' || c == ';' || c.is_whitespace()).filter(|r| !r.is_empty()) {
            out.push((place.clone(), r.to_owned()));
        }
    }
    out
}

/// Customers read per page of the letters.
const PAGE: i64 = 500;

/// A letter's file name: the customer number with anything a file system may
/// refuse (`/`, `:`, `#` of some web shops' numbers) made `_`.
pub fn letter_name(id: BreachId, number: &str, format: Format) -> PathBuf {
    let safe: String =
        number.chars().map(|ch| if ch.is_alphanumeric() || ch == '-' || ch == '_' { ch } else { '_' }).collect();
    let ext = match format {
        Format::Pdf => "pdf",
        Format::Json => "json",
    };
    PathBuf::from(format!("breach-{id}-{safe}.{ext}"))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn references_are_read_with_their_place() {
        let one = references(" K000001, K000002 ;7 ", "customers");
        let places: Vec<&str> = one.iter().map(|(p, _)| p.as_str()).collect();
        let refs: Vec<&str> = one.iter().map(|(_, r)| r.as_str()).collect();
        assert_eq!(refs, ["K000001", "K000002", "7"]);
        assert!(places.iter().all(|p| *p == "customers"));
        let file = references("# from the leaked dump\r\nK000001\r\n\r\nK000009 # twice in it\r\n", "leak.txt");
        assert_eq!(
            file,
            [("leak.txt:2".to_owned(), "K000001".to_owned()), ("leak.txt:4".to_owned(), "K000009".to_owned())]
        );
    }

    #[test]
    fn a_letters_file_name_holds_no_path() {
        assert_eq!(letter_name(BreachId(3), "K000012", Format::Pdf), PathBuf::from("breach-3-K000012.pdf"));
        assert_eq!(letter_name(BreachId(3), "#1001/a:b", Format::Json), PathBuf::from("breach-3-_1001_a_b.json"));
        assert_eq!(letter_name(BreachId(3), "Åsa-ø", Format::Pdf), PathBuf::from("breach-3-Åsa-ø.pdf"));
    }
}
