//! The sweep: deletes what has reached the end of its retention, batch by batch.
//!
//! Each batch is one transaction that reads the next records due, deletes them
//! (or erases the inactive customers among them together, see
//! [`super::erasure::erase_all_in`]), adds its counts to
//! the sweep's row and audits itself. A sweep cut off anywhere (a crash, a kill,
//! a full disk) has lost at most the batch in flight, which rolled back whole;
//! the next sweep on the same day resumes the same run, so its summary counts
//! everything. What is gone is not due any more, so a second sweep finds nothing.

use chrono::{DateTime, NaiveDate, Utc};
use schemars::JsonSchema;
use serde::Serialize;

use super::due::{bases, RecordKind};
use super::erasure::{erase_all_in, ErasurePlan, ErasureReason, Occasion};
use crate::audit::to_json as json;
use crate::error::{Error, Result};
use crate::macros::text_enum;
use crate::processing::Category;
use crate::store;
use crate::values::CustomerId;
use crate::Register;

text_enum! {
    /// What happened to the records counted.
    pub enum SweepAction {
        Deleted = "deleted",
        /// Accounting records of an erased customer: kept, restricted, under the pseudonym.
        Pseudonymised = "pseudonymised",
        /// The customer row, emptied of everything that identifies the person.
        Anonymised = "anonymised",
    }
}

text_enum! {
    pub enum SweepState {
        Running = "running",
        Done = "done",
        /// Cut off, and a sweep for another day started after it.
        Abandoned = "abandoned",
    }
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, sqlx::FromRow, JsonSchema)]
pub struct SweepRun {
    pub id: i64,
    pub as_of: NaiveDate,
    pub started_by: String,
    pub started_at: DateTime<Utc>,
    pub state: SweepState,
    pub finished_at: Option<DateTime<Utc>>,
    pub batches: i64,
}

/// How many records of one kind, under one rule, had one outcome.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, JsonSchema)]
pub struct SweepCount {
    pub entity: RecordKind,
    pub category: Category,
    pub rule: String,
    pub action: SweepAction,
    pub records: i64,
}

impl SweepCount {
    pub fn new(entity: RecordKind, rule: String, action: SweepAction, records: i64) -> Self {
        SweepCount { entity, category: super::erasure::category_of(entity), rule, action, records }
    }
}

/// What a sweep on `as_of` would do.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, JsonSchema)]
pub struct SweepPreview {
    pub as_of: NaiveDate,
    /// Records due, by kind and rule (customers are erased: their other records go or are pseudonymised with them).
    pub counts: Vec<SweepCount>,
    pub total: i64,
    /// Records past their end that legal holds keep.
    pub held: i64,
    /// The unfinished sweep of the same day that this one would resume.
    pub resumes: Option<i64>,
}

/// How far a running sweep has got.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, JsonSchema)]
pub struct SweepProgress {
    pub sweep: i64,
    pub done: i64,
    pub total: i64,
}

/// The order in which kinds are swept: invoices before their orders (an order
/// takes its invoices with it), a customer last, so that their records due on
/// their own have gone before the rest is erased or pseudonymised.
const ORDER: [RecordKind; 8] = [
    RecordKind::Invoice,
    RecordKind::Order,
    RecordKind::Interaction,
    RecordKind::WebEvent,
    RecordKind::Consent,
    RecordKind::EventRegistration,
    RecordKind::Request,
    RecordKind::Customer,
];

/// The counts an erasure adds to a sweep.
fn erasure_counts(plan: &ErasurePlan, rule: &str) -> Vec<(RecordKind, String, SweepAction, i64)> {
    let mut out = vec![];
    for e in &plan.erased {
        let kind = ORDER.iter().copied().find(|k| super::erasure::category_of(*k) == e.category);
        let Some(kind) = kind else { continue };
        let action = if kind == RecordKind::Customer { SweepAction::Anonymised } else { SweepAction::Deleted };
        out.push((kind, rule.to_owned(), action, e.records));
    }
    let pseudonymised = plan.kept.iter().filter(|k| k.category == Category::PurchaseHistory).count() as i64;
    if pseudonymised > 0 {
        out.push((RecordKind::Order, rule.to_owned(), SweepAction::Pseudonymised, pseudonymised));
    }
    out
}

/// Counts of the same kind, rule and action added up (a batch of erasures
/// gives a few per customer, and its row in the sweep wants one each).
fn summed(
    counts: impl Iterator<Item = (RecordKind, String, SweepAction, i64)>,
) -> Vec<(RecordKind, String, SweepAction, i64)> {
    let mut out: Vec<(RecordKind, String, SweepAction, i64)> = vec![];
    for (kind, rule, action, n) in counts {
        match out.iter_mut().find(|c| c.0 == kind && c.1 == rule && c.2 == action) {
            Some(c) => c.3 += n,
            None => out.push((kind, rule, action, n)),
        }
    }
    out
}

impl Register {
    /// What a sweep on `as_of` would delete; changes nothing.
    pub async fn sweep_preview(&self, as_of: NaiveDate) -> Result<SweepPreview> {
        // Counted, not listed: on a large register the due records number in
        // the millions, and a preview (or a sweep's progress total) must not
        // hold them all.
        let settings = self.settings().await?;
        let all = bases(&settings);
        let (mut counts, mut total, mut held) = (vec![], 0, 0);
        for basis in ORDER.iter().filter_map(|k| all.iter().find(|b| b.kind == *k)) {
            let Some(cutoff) = basis.cutoff(as_of) else { continue };
            let due = store::retention::count_between(self.store(), &settings, basis, None, cutoff, false).await?;
            held += store::retention::count_between(self.store(), &settings, basis, None, cutoff, true).await?;
            if due > 0 {
                let action =
                    if basis.kind == RecordKind::Customer { SweepAction::Anonymised } else { SweepAction::Deleted };
                counts.push(SweepCount::new(basis.kind, basis.rule.clone(), action, due));
                total += due;
            }
        }
        let latest = store::sweep::latest(self.store()).await?;
        Ok(SweepPreview {
            as_of,
            total,
            held,
            counts,
            resumes: latest.filter(|r| r.state == SweepState::Running && r.as_of == as_of).map(|r| r.id),
        })
    }

    /// Sweeps what is due on `as_of` (today or earlier), `batch` records per
    /// transaction, telling `progress` after each batch. Resumes an unfinished
    /// sweep of the same day.
    pub async fn sweep(
        &self,
        as_of: NaiveDate,
        batch: i64,
        progress: &mut (dyn FnMut(SweepProgress) + Send),
    ) -> Result<SweepRun> {
        let today = self.today().await?;
        if as_of > today {
            return Err(Error::invalid(
                "--as-of",
                format!("a sweep cannot run ahead of today ({today}): what is due on {as_of} is still kept by law"),
            ));
        }
        let settings = self.settings().await?;
        let total = self.sweep_preview(as_of).await?.total;
        if total > 0 {
            self.rotate_backup(crate::backup::BackupPurpose::Sweep).await?;
        }
        let run = self.begin_sweep(as_of).await?;
        let mut done = 0;
        let all = bases(&settings);
        for basis in ORDER.iter().filter_map(|k| all.iter().find(|b| b.kind == *k)) {
            let Some(cutoff) = basis.cutoff(as_of) else { continue };
            loop {
                let mut tx = self.store().begin(self.actor()).await?;
                let ids = store::retention::due_ids(&mut tx, &settings, basis, cutoff, batch.max(1)).await?;
                if ids.is_empty() {
                    tx.rollback().await?;
                    break;
                }
                let counts = if basis.kind == RecordKind::Customer {
                    let customers: Vec<CustomerId> = ids.iter().copied().map(CustomerId).collect();
                    let occasion = Occasion { on: as_of, reason: ErasureReason::Retention, request: None };
                    let plans = erase_all_in(&mut tx, &settings, &customers, occasion).await?;
                    summed(plans.iter().flat_map(|plan| erasure_counts(plan, &basis.rule)))
                } else {
                    let n = store::erasure::delete(&mut tx, basis.kind, &ids).await? as i64;
                    vec![(basis.kind, basis.rule.clone(), SweepAction::Deleted, n)]
                };
                store::sweep::add_batch(&mut tx, run.id, &counts).await?;
                let about = serde_json::json!({ "entity": basis.kind, "rule": basis.rule, "ids": ids });
                tx.audit("retention.sweep.batch", "retention_sweep", run.id, None, None, Some(&json(&about)?)).await?;
                tx.commit().await?;
                done += ids.len() as i64;
                progress(SweepProgress { sweep: run.id, done, total: total.max(done) });
            }
        }
        let mut tx = self.store().begin(self.actor()).await?;
        let now = tx.now();
        store::sweep::end(&mut tx, run.id, SweepState::Done, now).await?;
        let counts = store::sweep::counts(self.store(), run.id).await?;
        tx.audit("retention.sweep.finish", "retention_sweep", run.id, None, None, Some(&json(&counts)?)).await?;
        tx.commit().await?;
        store::erasure::flush_deleted(self.store()).await?;
        store::sweep::get(self.store(), run.id).await?.ok_or_else(|| Error::not_found("sweep", run.id))
    }

    /// The run a sweep on `as_of` continues: the unfinished one of that day, or a new one.
    async fn begin_sweep(&self, as_of: NaiveDate) -> Result<SweepRun> {
        let mut tx = self.store().begin(self.actor()).await?;
        let now = tx.now();
        if let Some(open) = store::sweep::unfinished(&mut tx).await? {
            if open.as_of == as_of {
                tx.audit("retention.sweep.resume", "retention_sweep", open.id, None, None, Some(&json(&open)?)).await?;
                tx.commit().await?;
                return Ok(open);
            }
            store::sweep::end(&mut tx, open.id, SweepState::Abandoned, now).await?;
            tx.audit("retention.sweep.abandon", "retention_sweep", open.id, None, None, Some(&json(&open)?)).await?;
        }
        let run = store::sweep::start(&mut tx, as_of).await?;
        tx.audit("retention.sweep.start", "retention_sweep", run.id, None, None, Some(&json(&run)?)).await?;
        tx.commit().await?;
        Ok(run)
    }

    /// A sweep and its counts so far.
    pub async fn sweep_run(&self, id: i64) -> Result<(SweepRun, Vec<SweepCount>)> {
        let run = store::sweep::get(self.store(), id).await?.ok_or_else(|| Error::not_found("sweep", id))?;
        Ok((run, store::sweep::counts(self.store(), id).await?))
    }
}
