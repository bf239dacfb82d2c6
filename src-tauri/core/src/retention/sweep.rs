//! The sweep: deletes what has reached the end of its retention, batch by batch.
//!
//! Each batch is one transaction that reads the next records due (the oldest
//! first, or in id order when many are due, see [`in_id_order`]), deletes them
//! (or erases the inactive customers among them together, see
//! [`super::erasure::erase_all_in`]), adds its counts to
//! the sweep's row and audits itself. A sweep cut off anywhere (a crash, a kill,
//! a full disk) has lost at most the batch in flight, which rolled back whole;
//! the next sweep on the same day resumes the same run (under the same
//! retention periods), so its summary counts everything. What is gone is not
//! due any more, so a second sweep finds nothing.

use std::collections::{BTreeMap, HashSet};
use std::time::{Duration, Instant};

use chrono::{DateTime, NaiveDate, Utc};
use schemars::JsonSchema;
use serde::Serialize;

use super::due::{bases, Basis, KeptCount, KeptTally, RecordKind, INACTIVE_CUSTOMERS};
use super::erasure::{erase_all_in, ErasurePlan, ErasureReason, Occasion};
use crate::audit::to_json as json;
use crate::audit::Action;
use crate::error::{Error, Result};
use crate::macros::text_enum;
use crate::processing::Category;
use crate::store;
use crate::values::CustomerId;
use crate::Register;

/// The records a sweep's first transaction of each kind takes, unless told
/// otherwise: a batch cut off loses no more than that much work.
pub const BATCH: i64 = 500;

/// About how long a transaction of [`Batching::Timed`] lasts: while it
/// writes, the other computers sharing the register wait to save.
pub const BATCH_TIME: Duration = Duration::from_millis(200);

/// The bounds of a timed batch.
const BATCH_MIN: i64 = 50;
const BATCH_MAX: i64 = 20_000;

/// How many records each of a sweep's transactions takes.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Batching {
    /// That many (the command line's `--batch-size`; the tests cut a sweep
    /// off after batches of one).
    Fixed(i64),
    /// As many as take about [`BATCH_TIME`]. A commit writes every page its
    /// deletions changed to the log, and the records due next lie on many of
    /// the same pages: in batches of 500, a sweep of half a million orders
    /// spent 11 of its 24 s committing, the same pages written again and
    /// again, and in batches of 5 000 took 13 s in all. But an inactive
    /// customer's erasure takes some 0.25 ms (with its orders kept under the
    /// pseudonym, its search words and its commit), so 5 000 of them would
    /// hold the register for more than a second. So each kind begins at
    /// [`BATCH`], and the size doubles while a transaction takes under half
    /// the time, and halves while one takes over twice it (docs/BENCHMARKS.md,
    /// 57th and 58th runs).
    Timed,
}

/// The size of the next batch, following the time the last took.
struct BatchSize {
    batching: Batching,
    size: i64,
}

impl BatchSize {
    fn new(batching: Batching) -> Self {
        let size = match batching {
            Batching::Fixed(n) => n.max(1),
            Batching::Timed => BATCH,
        };
        BatchSize { batching, size }
    }

    /// After a batch that took `took`.
    fn took(&mut self, took: Duration) {
        if self.batching != Batching::Timed {
            return;
        }
        if took < BATCH_TIME / 2 {
            self.size = (self.size * 2).min(BATCH_MAX);
        } else if took > BATCH_TIME * 2 {
            self.size = (self.size / 2).max(BATCH_MIN);
        }
    }
}

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
    /// The audit trail's oldest entries it removed ([`crate::audit::purge`]).
    pub audit_removed: i64,
}

/// How many records of one kind, under one rule, had one outcome.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, JsonSchema)]
pub struct SweepCount {
    pub entity: RecordKind,
    pub category: Category,
    pub rule: String,
    pub action: SweepAction,
    pub records: i64,
    /// The last day of the records' dates that the rule let go on the
    /// sweep's day: each record counted is dated on or before it, by the
    /// date its retention is counted from. Left out for a sweep of a
    /// register older than migration 52. Added to version 1 of the sweep
    /// summary's schema without making it required, as is `dated_by`.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub cutoff: Option<NaiveDate>,
    /// The kind of record whose date `cutoff` is: the customer's (their last
    /// activity) for the records an inactive customer's erasure took, else
    /// the record's own (an order's date, the day a note's matter closed).
    /// Given with `cutoff`.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub dated_by: Option<RecordKind>,
}

impl SweepCount {
    pub fn new(entity: RecordKind, rule: String, action: SweepAction, records: i64, cutoff: Option<NaiveDate>) -> Self {
        let category = super::erasure::category_of(entity);
        let customers = super::rule_setting(&rule) == Some(INACTIVE_CUSTOMERS);
        let dated_by = cutoff.map(|_| if customers { RecordKind::Customer } else { entity });
        SweepCount { entity, category, rule, action, records, cutoff, dated_by }
    }

    /// Which records the count is, in `tr`'s language: "dated, with their
    /// invoices, on or before 31 December 2018"; `None` without a cutoff.
    pub fn cutoff_text(&self, tr: &crate::i18n::Translator) -> Option<String> {
        let (day, kind) = (self.cutoff?, self.dated_by?);
        Some(tr.t_args(&format!("sweep-cutoff-{kind}"), &[("date", tr.date(day))]))
    }
}

/// The cutoff of each kind's rule on a day ([`Basis::cutoff`]), as a sweep
/// on that day records it beside its counts.
struct Cutoffs(BTreeMap<(RecordKind, String), NaiveDate>);

impl Cutoffs {
    fn on(all: &[Basis], as_of: NaiveDate) -> Cutoffs {
        let mut map: BTreeMap<(RecordKind, String), NaiveDate> = BTreeMap::new();
        for basis in all {
            let Some(cutoff) = basis.cutoff(as_of) else { continue };
            // The notes the law keeps are two bases under one rule (those an
            // erasure kept, and the others): the later cutoff bounds both.
            let entry = map.entry((basis.kind, basis.rule.clone())).or_insert(cutoff);
            *entry = (*entry).max(cutoff);
        }
        Cutoffs(map)
    }

    /// The cutoff of `kind`'s records under `rule`; for the records an
    /// erasure took with their customer, the customer's.
    fn of(&self, kind: RecordKind, rule: &str) -> Option<NaiveDate> {
        let own = self.0.get(&(kind, rule.to_owned()));
        own.or_else(|| self.0.get(&(RecordKind::Customer, rule.to_owned()))).copied()
    }

    fn count(&self, (kind, rule, action, records): (RecordKind, String, SweepAction, i64)) -> SweepCount {
        let cutoff = self.of(kind, &rule);
        SweepCount::new(kind, rule, action, records, cutoff)
    }
}

/// What a sweep on `as_of` would do.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, JsonSchema)]
pub struct SweepPreview {
    pub as_of: NaiveDate,
    /// Records due, by kind and rule (customers are erased: their other records go or are pseudonymised with them).
    pub counts: Vec<SweepCount>,
    pub total: i64,
    /// Records past their end that legal holds, restrictions or open requests keep.
    pub held: i64,
    /// Of those, how many each keeps (a record kept by more than one under
    /// the first, [`super::due::Keeper`]); only those that keep any.
    pub held_by: Vec<KeptCount>,
    /// The unfinished sweep of the same day that this one would resume.
    pub resumes: Option<i64>,
    /// The audit trail's oldest entries it would remove, older than the
    /// records of requests are kept ([`crate::audit::purge`]).
    pub audit_entries: i64,
}

/// A sweep made (or cut off), as the list of sweeps shows it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, JsonSchema)]
pub struct SweepListed {
    pub run: SweepRun,
    /// Records it deleted, and customers it anonymised.
    pub removed: i64,
    /// Accounting records of the customers it erased, kept under a pseudonym (BFL 7 kap.).
    pub kept: i64,
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

/// In which order a sweep takes each kind's due records.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum SweepOrder {
    /// In id order when many are due, else the oldest first ([`in_id_order`]).
    Chosen,
    Oldest,
    Ids,
}

/// Whether the sweep takes `kind`'s due records in id order rather than the
/// oldest first: when at least one in a hundred of them is due (a first
/// sweep; a register whose history was imported, or generated by the
/// benchmark, with ids that do not follow the dates). Rows lie in the table
/// in id order, so deleting them in that order changes each page of the
/// table, and of the indexes in the same order, once for many rows; the
/// oldest first changed a page all over the file for nearly every row (at a
/// million customers, 26 s per 100 000 orders). When few are due, the date
/// index finds them without reading the table, and their order matters little.
async fn in_id_order(reg: &Register, kind: RecordKind, due: i64) -> Result<bool> {
    Ok(due > 0 && due.saturating_mul(100) >= store::retention::highest_id(reg.store(), kind).await?)
}

/// The start of the day `retention.request_months` before `as_of`, on the
/// shop's clock (as the records' days are): the trail's entries written
/// before it are older than the records of requests are kept.
fn audit_cutoff(settings: &crate::settings::Settings, as_of: NaiveDate) -> DateTime<Utc> {
    let months = chrono::Months::new(settings.months("retention.request_months"));
    match as_of.checked_sub_months(months).and_then(|day| day.pred_opt()) {
        Some(before) => super::due::instant_after(settings, before),
        None => DateTime::<Utc>::MIN_UTC,
    }
}

/// `all` in the order a sweep takes its kinds; both of a kind's bases (the
/// notes') in turn. A list, not an iterator: its closures would be held
/// across the sweep's awaits, which a future sent between threads refuses.
fn in_order(all: &[Basis]) -> Vec<&Basis> {
    ORDER.iter().flat_map(|k| all.iter().filter(move |b| b.kind == *k)).collect()
}

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

/// The ids of the requests due on `cutoff` that nothing keeps, page by page.
async fn request_ids(
    s: &mut store::Snapshot,
    settings: &crate::settings::Settings,
    basis: &Basis,
    cutoff: NaiveDate,
    holds: store::retention::Holds,
) -> Result<Vec<i64>> {
    const PAGE: usize = 1000;
    let mut ids = vec![];
    let mut after = None;
    loop {
        let at = store::retention::Page { after, limit: PAGE, named: false };
        let page = store::retention::records_after(s, settings, basis, cutoff, holds.free(), at).await?;
        after = page.last().map(|r| (r.date, r.id));
        let full = page.len() == PAGE;
        ids.extend(page.into_iter().map(|r| r.id));
        if !full {
            return Ok(ids);
        }
    }
}

impl Register {
    /// What a sweep on `as_of` would delete; changes nothing.
    pub async fn sweep_preview(&self, as_of: NaiveDate) -> Result<SweepPreview> {
        // Counted, not listed: on a large register the due records number in
        // the millions, and a preview (or a sweep's progress total) must not
        // hold them all.
        // Counted in one moment of the register, so the counts agree.
        let mut s = self.store().snapshot().await?;
        let settings = crate::register::settings_in(&mut s).await?;
        let all = bases(&settings);
        let holds = store::retention::holds(&mut s).await?;
        let cutoffs = Cutoffs::on(&all, as_of);
        let (mut counts, mut total, mut kept) = (vec![], 0, KeptTally::default());
        let mut requests_due = HashSet::new();
        for basis in in_order(&all) {
            let Some(cutoff) = basis.cutoff(as_of) else { continue };
            if basis.kind == RecordKind::Request {
                requests_due.extend(request_ids(&mut s, &settings, basis, cutoff, holds).await?);
            }
            let tally = store::retention::tally(&mut s, &settings, basis, cutoff, None, holds).await?;
            let due = tally.free;
            kept.add(&tally);
            if due > 0 {
                let action =
                    if basis.kind == RecordKind::Customer { SweepAction::Anonymised } else { SweepAction::Deleted };
                counts.push(cutoffs.count((basis.kind, basis.rule.clone(), action, due)));
                total += due;
            }
        }
        // The sweep deletes the requests due before it purges: their entries
        // no longer hold the trail back.
        let bound = store::audit::purge_bound(&mut s, audit_cutoff(&settings, as_of), &requests_due).await?;
        let resumes = match store::sweep::unfinished(&mut s).await? {
            Some(open) if resumes(&mut s, &open, as_of, &settings).await? => Some(open.id),
            _ => None,
        };
        s.end().await?;
        let held_by = kept.counts();
        Ok(SweepPreview {
            as_of,
            total,
            held: held_by.iter().map(|k| k.records).sum(),
            held_by,
            counts,
            audit_entries: bound.map(|(start, through)| through - start).unwrap_or(0),
            resumes,
        })
    }

    /// Sweeps what is due on `as_of` (today or earlier), `batch` records per
    /// transaction, telling `progress` after each batch. Resumes an unfinished
    /// sweep of the same day.
    pub async fn sweep(
        &self,
        as_of: NaiveDate,
        batch: Batching,
        progress: &mut (dyn FnMut(SweepProgress) + Send),
    ) -> Result<SweepRun> {
        self.sweep_in(as_of, batch, SweepOrder::Chosen, progress).await
    }

    /// [`Register::sweep`], taking each kind's due records in `order` (the
    /// tests sweep each way: what goes must not change).
    pub async fn sweep_in(
        &self,
        as_of: NaiveDate,
        batch: Batching,
        order: SweepOrder,
        progress: &mut (dyn FnMut(SweepProgress) + Send),
    ) -> Result<SweepRun> {
        let today = self.today().await?;
        if as_of > today {
            return Err(Error::invalid("--as-of", crate::msg!("msg-sweep-ahead", today, as_of)));
        }
        let preview = self.sweep_preview(as_of).await?;
        // A copy before every deletion, the trail's oldest entries too.
        if preview.total > 0 || preview.audit_entries > 0 {
            self.rotate_backup(crate::backup::BackupPurpose::Sweep).await?;
        }
        self.swept(&preview, batch, order, progress).await
    }

    /// The sweep `preview` says, made (a restore makes again a sweep made
    /// after its backup, without a backup of the copy it prepares).
    pub(crate) async fn swept(
        &self,
        preview: &SweepPreview,
        batch: Batching,
        order: SweepOrder,
        progress: &mut (dyn FnMut(SweepProgress) + Send),
    ) -> Result<SweepRun> {
        let (as_of, total) = (preview.as_of, preview.total);
        let settings = self.settings().await?;
        let cutoff = audit_cutoff(&settings, as_of);
        let run = self.begin_sweep(as_of, &preview.held_by).await?;
        let mut done = 0;
        let all = bases(&settings);
        let cutoffs = Cutoffs::on(&all, as_of);
        for basis in in_order(&all) {
            let Some(cutoff) = basis.cutoff(as_of) else { continue };
            let due = preview
                .counts
                .iter()
                .filter(|c| c.entity == basis.kind && c.rule == basis.rule)
                .map(|c| c.records)
                .sum();
            let by_id = match order {
                SweepOrder::Chosen => in_id_order(self, basis.kind, due).await?,
                SweepOrder::Oldest => false,
                SweepOrder::Ids => true,
            };
            let mut after = by_id.then_some(i64::MIN);
            // Each kind from the first size: an order's deletion is no measure of a customer's erasure.
            let mut size = BatchSize::new(batch);
            loop {
                let began = Instant::now();
                let mut tx = self.store().begin(self.actor()).await?;
                let ids = store::retention::due_ids(&mut tx, &settings, basis, cutoff, size.size, after).await?;
                if ids.is_empty() {
                    tx.rollback().await?;
                    break;
                }
                after = after.map(|a| ids.iter().copied().fold(a, i64::max));
                let counts = if basis.kind == RecordKind::Customer {
                    let customers: Vec<CustomerId> = ids.iter().copied().map(CustomerId).collect();
                    let occasion = Occasion { on: as_of, reason: ErasureReason::Retention, request: None };
                    let plans = erase_all_in(&mut tx, &settings, &customers, occasion).await?;
                    summed(plans.iter().flat_map(|plan| erasure_counts(plan, &basis.rule)))
                } else {
                    let n = store::erasure::delete(&mut tx, basis.kind, &ids).await? as i64;
                    vec![(basis.kind, basis.rule.clone(), SweepAction::Deleted, n)]
                };
                let counts: Vec<SweepCount> = counts.into_iter().map(|c| cutoffs.count(c)).collect();
                store::sweep::add_batch(&mut tx, run.id, &counts).await?;
                let about = serde_json::json!({ "entity": basis.kind, "rule": basis.rule, "ids": ids });
                tx.audit(Action::SweepBatch, "retention_sweep", run.id, None, None, Some(&json(&about)?)).await?;
                tx.commit().await?;
                size.took(began.elapsed());
                done += ids.len() as i64;
                progress(SweepProgress { sweep: run.id, done, total: total.max(done) });
            }
        }
        // The trail's entries older than the records of requests are kept
        // (PRODUCT.md section 3), after the requests that went.
        let mut tx = self.store().begin(self.actor()).await?;
        if let Some(purged) = crate::audit::purge::purge_in(&mut tx, cutoff).await? {
            let months = settings.months("retention.request_months");
            store::sweep::add_audit_removed(&mut tx, run.id, purged.entries, months).await?;
        }
        let now = tx.now();
        // A merge's note for its undo is kept thirty days (register/unmerge.rs), not longer.
        store::merge_undos::forget_ended(&mut tx, now).await?;
        store::sweep::end(&mut tx, run.id, SweepState::Done, now).await?;
        let counts = store::sweep::counts(&mut tx, run.id).await?;
        tx.audit(Action::SweepFinish, "retention_sweep", run.id, None, None, Some(&json(&counts)?)).await?;
        let finished = store::sweep::get(&mut tx, run.id).await?.ok_or_else(|| Error::not_found("sweep", run.id))?;
        tx.commit().await?;
        store::erasure::flush_deleted(self.store()).await?;
        Ok(finished)
    }

    /// The run a sweep on `as_of` continues: the unfinished one of that day, or a new one.
    async fn begin_sweep(&self, as_of: NaiveDate, held: &[KeptCount]) -> Result<SweepRun> {
        let mut tx = self.store().begin(self.actor()).await?;
        let now = tx.now();
        let settings = crate::register::settings_in(&mut tx).await?;
        if let Some(open) = store::sweep::unfinished(&mut tx).await? {
            if resumes(&mut tx, &open, as_of, &settings).await? {
                tx.audit(Action::SweepResume, "retention_sweep", open.id, None, None, Some(&json(&open)?)).await?;
                tx.commit().await?;
                return Ok(open);
            }
            store::sweep::end(&mut tx, open.id, SweepState::Abandoned, now).await?;
            tx.audit(Action::SweepAbandon, "retention_sweep", open.id, None, None, Some(&json(&open)?)).await?;
        }
        // The periods it deletes under, for its summary (reports/sweep.rs).
        let run = store::sweep::start(&mut tx, as_of, &periods(&settings), held).await?;
        tx.audit(Action::SweepStart, "retention_sweep", run.id, None, None, Some(&json(&run)?)).await?;
        tx.commit().await?;
        Ok(run)
    }

    /// Every sweep made, the newest first, with what each removed: the
    /// shop's proof that it deletes on time (Art. 5(1)(e), 5(2)), each
    /// one's summary to be made again ([`Register::sweep_summary`]).
    pub async fn sweeps(&self) -> Result<Vec<SweepListed>> {
        let (runs, totals) = store::in_snapshot!(self.store(), s => {
            (store::sweep::all(&mut s).await?, store::sweep::totals(&mut s).await?)
        });
        let sum = |id: i64, kept: bool| -> i64 {
            let of = |a: &SweepAction| (*a == SweepAction::Pseudonymised) == kept;
            totals.iter().filter(|(run, action, _)| *run == id && of(action)).map(|t| t.2).sum()
        };
        Ok(runs
            .into_iter()
            .map(|run| SweepListed { removed: sum(run.id, false), kept: sum(run.id, true), run })
            .collect())
    }

    /// A sweep and its counts so far.
    pub async fn sweep_run(&self, id: i64) -> Result<(SweepRun, Vec<SweepCount>)> {
        Ok(store::in_snapshot!(self.store(), s => sweep_run_in(&mut s, id).await?))
    }
}

/// The retention periods `settings` give, in months by setting: what a sweep records it began under.
fn periods(settings: &crate::settings::Settings) -> BTreeMap<String, u32> {
    crate::settings::retention_keys().map(|k| (k.to_owned(), settings.months(k))).collect()
}

/// Whether a sweep on `as_of` under `settings` continues `open`, a sweep cut
/// off: one of the same day, begun under the retention periods in force now,
/// whose counts so far were cut off where they would be now (the financial
/// years unchanged). Where either changed since, `open` is abandoned and a
/// new sweep begun, so that each run's record (and its summary) names the
/// periods and the days it deleted under (Art. 5(2)). A run of a register
/// older than migration 48 recorded no periods, nor before 52 the days, and
/// is continued.
async fn resumes(
    tx: &mut impl store::Within,
    open: &SweepRun,
    as_of: NaiveDate,
    settings: &crate::settings::Settings,
) -> Result<bool> {
    if open.as_of != as_of {
        return Ok(false);
    }
    if store::sweep::periods(tx, open.id).await?.is_some_and(|began| began != periods(settings)) {
        return Ok(false);
    }
    let now = Cutoffs::on(&bases(settings), as_of);
    let counted = store::sweep::counts(tx, open.id).await?;
    Ok(counted.iter().all(|c| c.cutoff.is_none() || c.cutoff == now.of(c.entity, &c.rule)))
}

/// [`Register::sweep_run`] within a snapshot or a write.
pub(crate) async fn sweep_run_in(tx: &mut impl store::Within, id: i64) -> Result<(SweepRun, Vec<SweepCount>)> {
    let run = store::sweep::get(tx, id).await?.ok_or_else(|| Error::not_found("sweep", id))?;
    Ok((run, store::sweep::counts(tx, id).await?))
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::settings::Settings;

    /// The cutoffs a sweep on `as_of` records under `stored` settings, by kind and rule code.
    fn cutoffs(stored: &[(&str, &str)], as_of: &str) -> Cutoffs {
        let settings = Settings::from_stored(stored.iter().map(|(k, v)| ((*k).to_owned(), (*v).to_owned())));
        Cutoffs::on(&bases(&settings), as_of.parse().expect("day"))
    }

    #[test]
    fn a_sweep_s_cutoffs_are_the_law_s_and_the_settings_last_days() {
        let day = |s: &str| s.parse::<NaiveDate>().ok();
        // Sweden, the calendar year: records of 2018 are kept through 2025
        // (BFL 7 kap. 2 §) and go on 1 January 2026; those of 2019 stay.
        let se = cutoffs(&[], "2026-01-01");
        assert_eq!(se.of(RecordKind::Order, "SE BFL 7:2"), day("2018-12-31"));
        assert_eq!(se.of(RecordKind::Invoice, "SE BFL 7:2"), day("2018-12-31"));
        // The same day a year's last: nothing more went on 31 December 2025.
        assert_eq!(cutoffs(&[], "2025-12-31").of(RecordKind::Order, "SE BFL 7:2"), day("2017-12-31"));
        // A year July–June: the year that ended 30 June 2018 goes, the next stays to the end of 2032.
        let july = cutoffs(&[("fiscal_year_start_month", "7")], "2026-01-01");
        assert_eq!(july.of(RecordKind::Order, "SE BFL 7:2"), day("2018-06-30"));
        // Norway: five years after the year's end (primary), three and a half for correspondence.
        let no = cutoffs(&[("country", "NO"), ("fiscal_year_start_month", "7")], "2026-01-01");
        assert_eq!(no.of(RecordKind::Order, "NO BFL 13"), day("2020-06-30"));
        assert_eq!(no.of(RecordKind::Interaction, "NO BFL 13 secondary"), day("2022-06-30"));
        // The shop's own periods: the last day whose months had run out by the day before.
        let notes = "setting retention.interaction_months";
        assert_eq!(se.of(RecordKind::Interaction, notes), day("2023-12-31"));
        assert_eq!(se.of(RecordKind::WebEvent, "setting retention.web_event_months"), day("2024-11-30"));
        let customers = "setting retention.inactive_customer_months";
        assert_eq!(se.of(RecordKind::Customer, customers), day("2022-12-31"));
        // What an inactive customer's erasure takes is dated by the customer.
        assert_eq!(se.of(RecordKind::WebEvent, customers), day("2022-12-31"));
        let count = se.count((RecordKind::Order, customers.to_owned(), SweepAction::Pseudonymised, 3));
        assert_eq!((count.cutoff, count.dated_by), (day("2022-12-31"), Some(RecordKind::Customer)));
        let count = se.count((RecordKind::Order, "SE BFL 7:2".to_owned(), SweepAction::Deleted, 3));
        assert_eq!(count.dated_by, Some(RecordKind::Order));
        // A rule no basis of the kind has gives none.
        assert_eq!(se.of(RecordKind::Consent, "SE BFL 7:2"), None);
        let en = crate::i18n::Translator::new(crate::values::Language::En);
        assert_eq!(
            count.cutoff_text(&en).as_deref(),
            Some("dated, with their invoices, on or before 31 December 2018")
        );
    }

    #[test]
    fn a_timed_batch_follows_the_time_its_transactions_take() {
        let ms = Duration::from_millis;
        let mut timed = BatchSize::new(Batching::Timed);
        assert_eq!(timed.size, BATCH);
        // Quick ones double it, to the bound.
        let sizes: Vec<i64> = (0..8)
            .map(|_| {
                timed.took(ms(20));
                timed.size
            })
            .collect();
        assert_eq!(sizes, [1_000, 2_000, 4_000, 8_000, 16_000, 20_000, 20_000, 20_000]);
        // About the time it aims at: it stays.
        timed.took(BATCH_TIME);
        timed.took(BATCH_TIME * 2);
        timed.took(BATCH_TIME / 2);
        assert_eq!(timed.size, 20_000);
        // Slow ones halve it, to the bound.
        timed.took(ms(2_000));
        assert_eq!(timed.size, 10_000);
        for _ in 0..20 {
            timed.took(ms(2_000));
        }
        assert_eq!(timed.size, BATCH_MIN);
        // A fixed size is kept, whatever its batches take; none is less than one.
        let mut fixed = BatchSize::new(Batching::Fixed(7));
        fixed.took(ms(1));
        fixed.took(ms(9_000));
        assert_eq!(fixed.size, 7);
        assert_eq!(BatchSize::new(Batching::Fixed(0)).size, 1);
    }

    #[test]
    fn the_trail_s_cutoff_is_midnight_on_the_shop_s_clock() {
        let at = |s: &str| s.parse::<DateTime<Utc>>().expect("time");
        let day = |s: &str| s.parse::<NaiveDate>().expect("day");
        let stockholm = Settings::from_stored([("time_zone".to_owned(), "Europe/Stockholm".to_owned())]);
        // 36 months before 4 December 2026 is 4 December 2023, which began an hour before UTC's.
        assert_eq!(audit_cutoff(&stockholm, day("2026-12-04")), at("2023-12-03T23:00:00Z"));
        // In summer time, two hours.
        assert_eq!(audit_cutoff(&stockholm, day("2026-07-01")), at("2023-06-30T22:00:00Z"));
        let months = [("retention.request_months".to_owned(), "12".to_owned())];
        let utc = Settings::from_stored(months.into_iter().chain([("time_zone".to_owned(), "UTC".to_owned())]));
        assert_eq!(audit_cutoff(&utc, day("2025-03-31")), at("2024-03-31T00:00:00Z"));
        // The month's last day where the date does not exist.
        assert_eq!(audit_cutoff(&utc, day("2028-02-29")), at("2027-02-28T00:00:00Z"));
    }
}
