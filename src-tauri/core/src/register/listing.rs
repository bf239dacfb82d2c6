//! The customer list in name order: a page at any offset, with the total.
//!
//! The app's list is virtualised: as the person scrolls or drags, it asks for
//! the page of 100 at any offset, with the total. An SQL `OFFSET` walks the
//! name index entry by entry and a `COUNT(*)` reads all of it: at a million
//! customers that was 120 ms a page (docs/BENCHMARKS.md). The register keeps
//! marks instead: the key of every `step`th customer in name order, and the
//! total, made by hopping along the index `step` entries at a time. They hold
//! while the list stays as it was: the register's list version (migration 13)
//! is drawn anew, in the same transaction, by every statement that adds,
//! deletes, renames or erases a customer, whichever computer makes it; notes,
//! orders and other details leave it (and the marks) as they were. A page then
//! starts at its mark and skips fewer than `step` entries. While the marks are
//! out of date, pages are answered the way without them (an offset, and the
//! total the same triggers keep, migration 17), and new marks are made in the
//! background.

use std::sync::{Arc, Mutex};

use super::finder::Key;
use super::Page;
use crate::error::Result;
use crate::register::Customer;
use crate::store::{self, Snapshot, Store};

/// Customers between two marks: a thousand hops mark a million customers.
pub const STEP: i64 = 1000;

#[derive(Debug)]
struct Marks {
    /// The list version they were made at, and their step.
    version: i64,
    step: i64,
    /// The first customer, the `step`th after it, and so on.
    keys: Vec<Key>,
    total: i64,
}

/// The marks of the register's list, shared by the clones of a register.
#[derive(Debug, Clone, Default)]
pub(crate) struct ListMarks(Arc<Mutex<Kept>>);

#[derive(Debug, Default)]
struct Kept {
    marks: Option<Arc<Marks>>,
    /// Marks are being made in the background.
    making: bool,
}

/// Whether a page waits for marks that are not there yet.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Wait {
    /// Make them first (the benchmark and tests, which compare the ways).
    ForMarks,
    /// Answer the way without marks (the kept count and an offset) and make
    /// them in the background: after a change to the list, here or on another
    /// computer sharing the register, the next page at a random place in a
    /// million customers took 100 ms (median; 360 ms while the total was
    /// counted) instead of the 1.25 s of making the marks first
    /// (docs/BENCHMARKS.md).
    No,
}

impl ListMarks {
    /// Customers not erased, in name order, `limit` from `offset` on: the
    /// page and its total as of one moment (a snapshot), so that a write in
    /// between cannot give a page the total of another register.
    pub(crate) async fn page(
        &self,
        store: &Store,
        offset: i64,
        limit: i64,
        step: i64,
        wait: Wait,
    ) -> Result<Page<Customer>> {
        let mut s = store.snapshot().await?;
        let version = store::customers::list_version(&mut s).await?;
        let kept = self.0.lock().ok().and_then(|k| k.marks.clone()).filter(|m| m.version == version && m.step == step);
        let marks = match (kept, wait) {
            (Some(marks), _) => marks,
            (None, Wait::ForMarks) => {
                // Made outside the lock; two callers may both make them, and either is right.
                let marks = Arc::new(make(&mut s, step).await?);
                if let Ok(mut kept) = self.0.lock() {
                    kept.marks = Some(marks.clone());
                }
                marks
            }
            (None, Wait::No) => {
                self.make_in_background(store, step);
                let total = store::customers::listed(&mut s).await?;
                let items = store::customers::list_from(&mut s, &Key::first(), offset, limit).await?;
                s.end().await?;
                return Ok(Page { total, offset, items, version });
            }
        };
        let items = match marks.keys.get((offset / step) as usize) {
            Some(mark) => store::customers::list_from(&mut s, mark, offset % step, limit).await?,
            None => vec![],
        };
        s.end().await?;
        Ok(Page { total: marks.total, offset, items, version })
    }

    /// Makes the marks of the register as it is now, unless they are up to
    /// date: the window does this when it opens the register, so that the
    /// first pages the person scrolls to start at their marks.
    pub(crate) async fn prepare(&self, store: &Store, step: i64) -> Result<()> {
        let mut s = store.snapshot().await?;
        let version = store::customers::list_version(&mut s).await?;
        let current =
            self.0.lock().ok().and_then(|k| k.marks.clone()).is_some_and(|m| m.version == version && m.step == step);
        if !current {
            let marks = Arc::new(make(&mut s, step).await?);
            if let Ok(mut kept) = self.0.lock() {
                kept.marks = Some(marks);
            }
        }
        s.end().await
    }

    /// Starts making the marks of the register as it is now, unless that is
    /// under way already. A failure leaves no marks, and the next page tries again.
    fn make_in_background(&self, store: &Store, step: i64) {
        match self.0.lock() {
            Ok(mut kept) if !kept.making => kept.making = true,
            _ => return,
        }
        let (this, store) = (self.clone(), store.clone());
        tokio::spawn(async move {
            let made = async {
                let mut s = store.snapshot().await?;
                let marks = make(&mut s, step).await?;
                s.end().await?;
                Ok::<_, crate::Error>(marks)
            }
            .await;
            if let Ok(mut kept) = this.0.lock() {
                kept.making = false;
                if let Ok(marks) = made {
                    kept.marks = Some(Arc::new(marks));
                }
            }
        });
    }
}

/// The marks of the register as `s` sees it, labelled with its list version.
async fn make(s: &mut Snapshot, step: i64) -> Result<Marks> {
    let version = store::customers::list_version(s).await?;
    let mut keys: Vec<Key> = vec![];
    let mut next = store::customers::listed_key(s, &Key::first(), 0).await?;
    while let Some(key) = next {
        next = store::customers::listed_key(s, &key, step).await?;
        keys.push(key);
    }
    let total = match keys.last() {
        Some(last) => (keys.len() as i64 - 1) * step + store::customers::listed_from(s, last, step).await?,
        None => 0,
    };
    Ok(Marks { version, step, keys, total })
}
