//! The due list read as it goes: each kind's records a page at a time, merged
//! into one list in the order of their ends.
//!
//! A kind's retention end is a non-decreasing function of its date, so a
//! kind's records read by date (then id) come in the order of their ends, and
//! the whole list is the kinds' lists merged: by end, then kind, each kind in
//! its own order. Reading it so holds a page per kind, not the list: at five
//! million orders the list runs to millions of records.

use std::collections::VecDeque;

use chrono::NaiveDate;

use super::due::{Basis, DueItem, RecordOwner};
use crate::error::Result;
use crate::settings::Settings;
use crate::store::retention::{records_after, HoldFilter, Page, RowDate};
use crate::store::Within;

/// One kind's part of the list: the page read and not yet taken.
struct KindPages<'b> {
    basis: &'b Basis,
    cutoff: NaiveDate,
    read: VecDeque<DueItem>,
    /// The last record read (its date and id): the next page starts after it.
    after: Option<(RowDate, i64)>,
    done: bool,
}

/// The records due on a day (or those held back), in due order.
pub(crate) struct DueList<'b> {
    kinds: Vec<KindPages<'b>>,
    filter: HoldFilter,
    page: usize,
    /// Whether each record comes with its customer.
    named: bool,
    tz: chrono_tz::Tz,
}

impl<'b> DueList<'b> {
    /// The records of `bases` past their end on `as_of` that pass `filter`
    /// (those due, or those one keeper keeps), `page` of a kind at a time.
    /// Those a keeper keeps come with their customer, whom the owner turns
    /// to about them; those due only when [`DueList::named`].
    pub(crate) fn new(
        settings: &Settings,
        bases: &'b [Basis],
        as_of: NaiveDate,
        filter: HoldFilter,
        page: usize,
    ) -> DueList<'b> {
        let kinds = bases
            .iter()
            .filter_map(|basis| {
                let cutoff = basis.cutoff(as_of)?;
                Some(KindPages { basis, cutoff, read: VecDeque::new(), after: None, done: false })
            })
            .collect();
        DueList { kinds, filter, page: page.max(1), named: filter.held(), tz: settings.time_zone() }
    }

    /// Each record with its customer: a list that a person reads (the
    /// window's), not one of millions written out.
    pub(crate) fn named(self) -> DueList<'b> {
        DueList { named: true, ..self }
    }

    /// The next record of the list; `None` after the last.
    pub(crate) async fn next(&mut self, tx: &mut impl Within, settings: &Settings) -> Result<Option<DueItem>> {
        for kind in self.kinds.iter_mut().filter(|k| k.read.is_empty() && !k.done) {
            let page = Page { after: kind.after, limit: self.page, named: self.named };
            let rows = records_after(tx, settings, kind.basis, kind.cutoff, self.filter, page).await?;
            kind.done = rows.len() < self.page;
            kind.after = rows.last().map(|r| (r.date, r.id));
            let (basis, tz, keeper) = (kind.basis, self.tz, self.filter.keeper());
            kind.read.extend(rows.into_iter().map(|r| {
                let local = match r.date {
                    RowDate::Day(d) => d,
                    RowDate::Time(t) => t.with_timezone(&tz).date_naive(),
                };
                DueItem {
                    entity: basis.kind,
                    id: r.id,
                    number: r.number,
                    retain_until: basis.retain_until(local),
                    rule: basis.rule.clone(),
                    kept_by: keeper,
                    customer: r.owner.map(|(id, number)| RecordOwner { id, number }),
                }
            }));
        }
        // Kinds differ, so (end, kind) is never a tie between two heads.
        let head = self.kinds.iter_mut().filter(|k| !k.read.is_empty()).min_by_key(|k| {
            let first = &k.read[0];
            (first.retain_until, first.entity)
        });
        Ok(head.and_then(|k| k.read.pop_front()))
    }
}
