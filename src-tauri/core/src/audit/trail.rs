//! Reading the trail: who did what and when, newest first, for the shop
//! owner who must answer for it (GDPR Art. 5(2) and 24: the controller shows
//! what was done with the data; Art. 32(1)(b): who had access and used it).
//! `audit verify` proves that the trail is whole; this is how it is read:
//! one computer or person's work of a day, everything done about one
//! customer, every erasure or document handed out in a year.
//!
//! The trail holds digests, never the data (see the module above), so an
//! entry says what kind of thing was done to which record, not its contents.

use chrono::{DateTime, NaiveDate, Utc};
use serde::{Deserialize, Serialize};

use super::{Action, StoredEntry};
use crate::error::{Error, Result};
use crate::msg;
use crate::settings::Settings;
use crate::store::Store;
use crate::values::CustomerId;

/// The most entries one page holds.
pub const MAX_PAGE: u32 = 500;

/// Which entries to read. Every part left out reads them all.
#[derive(Debug, Clone, Default, PartialEq, Eq, Deserialize, schemars::JsonSchema)]
pub struct TrailQuery {
    /// From this day on, on the shop's clock.
    pub from: Option<NaiveDate>,
    /// To this day, inclusive, on the shop's clock.
    pub to: Option<NaiveDate>,
    /// Whose work: the name the trail records (the computer's account, or
    /// the name given to the command line).
    pub actor: Option<String>,
    /// The entries that concern this customer, or a customer merged into them.
    pub customer: Option<CustomerId>,
    /// An action ("customer.erase") or the group of actions its first word
    /// names ("customer", "request", "document", "export").
    pub action: Option<String>,
    /// Entries written before this one (the last entry of the page before).
    pub before: Option<i64>,
    /// How many, at most [`MAX_PAGE`].
    pub limit: u32,
}

/// One entry as people read it: the entry as the chain holds it, and the
/// customer it concerns by number.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, sqlx::FromRow, schemars::JsonSchema)]
pub struct TrailEntry {
    #[sqlx(flatten)]
    #[serde(flatten)]
    pub stored: StoredEntry,
    /// The customer's number as the register holds it now: an erased
    /// customer's pseudonym, a merged customer's number of before the merge
    /// (a web shop number of the one kept now), none where the customer's
    /// row is gone.
    pub customer_number: Option<String>,
    /// An order's or invoice's number, by which people know it (the entry
    /// names its id); none for other records, or where the record is gone.
    pub record_number: Option<String>,
}

/// A page of the trail, newest first.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, schemars::JsonSchema)]
pub struct TrailPage {
    pub entries: Vec<TrailEntry>,
    /// Older entries match too: ask again with `before` the last one's seq.
    pub more: bool,
}

/// The query as the storage layer reads it: days made instants on the shop's clock.
#[derive(Debug)]
pub(crate) struct TrailFilter {
    pub since: Option<DateTime<Utc>>,
    pub until: Option<DateTime<Utc>>,
    pub actor: Option<String>,
    pub customer: Option<CustomerId>,
    pub action: Option<String>,
    /// `action`'s group as a LIKE pattern ("web\_event.%").
    pub action_group: Option<String>,
    pub before: Option<i64>,
    pub limit: i64,
}

impl TrailQuery {
    pub(crate) fn filter(&self, settings: &Settings) -> Result<TrailFilter> {
        if let (Some(from), Some(to)) = (self.from, self.to) {
            if from > to {
                return Err(Error::invalid("--to", msg!("msg-to-before-from", to, from)));
            }
        }
        let action = self.action.as_deref().map(str::trim).filter(|a| !a.is_empty());
        if let Some(a) = action {
            let known = Action::ALL.iter().any(|k| k.as_str() == a || k.as_str().starts_with(&format!("{a}.")));
            if !known {
                return Err(Error::invalid(
                    "--action",
                    msg!("msg-unknown-audit-action", text = a, known = groups().join(", ")),
                ));
            }
        }
        let day_start = |d: NaiveDate| crate::retention::due::instant_after(settings, d.pred_opt().unwrap_or(d));
        Ok(TrailFilter {
            since: self.from.map(day_start),
            until: self.to.map(|d| crate::retention::due::instant_after(settings, d)),
            actor: self.actor.as_deref().map(str::trim).filter(|a| !a.is_empty()).map(str::to_owned),
            customer: self.customer,
            action: action.map(str::to_owned),
            action_group: action
                .map(|a| format!("{}.%", a.replace('\\', "\\\\").replace('_', "\\_").replace('%', "\\%"))),
            before: self.before,
            limit: i64::from(self.limit.clamp(1, MAX_PAGE)),
        })
    }
}

/// A page of the entries `query` asks for, newest first, read in one
/// snapshot with the settings whose clock its days are on.
pub async fn read(store: &Store, query: &TrailQuery) -> Result<TrailPage> {
    let mut s = store.snapshot().await?;
    let settings = crate::register::settings_in(&mut s).await?;
    let filter = query.filter(&settings)?;
    let mut entries = crate::store::audit::trail(&mut s, &filter).await?;
    s.end().await?;
    let more = entries.len() as i64 > filter.limit;
    entries.truncate(filter.limit as usize);
    Ok(TrailPage { entries, more })
}

/// The groups of actions, by the first word of their names, in the order
/// the actions are declared.
pub fn groups() -> Vec<&'static str> {
    let mut groups: Vec<&'static str> = vec![];
    for a in Action::ALL {
        let group = a.as_str().split('.').next().unwrap_or_default();
        if !groups.contains(&group) {
            groups.push(group);
        }
    }
    groups
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn groups_are_the_first_words_of_the_actions() {
        let g = groups();
        assert_eq!(&g[..3], ["register", "settings", "category"]);
        assert!(g.contains(&"customer") && g.contains(&"web_event") && g.contains(&"retention"));
        assert_eq!(g.iter().filter(|x| **x == "customer").count(), 1);
    }
}
