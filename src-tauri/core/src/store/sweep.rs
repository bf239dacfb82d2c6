//! SQL of the retention sweep's own records: the runs and what each removed.

use std::collections::BTreeMap;

use chrono::{DateTime, NaiveDate, Utc};

use super::{on_pool, on_tx, Store, Within, WriteTx};
use crate::error::{Error, Result};
use crate::retention::due::{KeptCount, RecordKind};
use crate::retention::sweep::{SweepAction, SweepCount, SweepRun, SweepState};

const COLUMNS: &str = "id, as_of, started_by, started_at, state, finished_at, batches, audit_removed";

/// The newest sweep that has not finished (cut off by a crash or a kill).
pub(crate) async fn unfinished(tx: &mut impl Within) -> Result<Option<SweepRun>> {
    let sql = format!("SELECT {COLUMNS} FROM retention_sweeps WHERE state = 'running' ORDER BY id DESC LIMIT 1");
    Ok(on_tx!(tx, c => sqlx::query_as(&sql).fetch_optional(c).await?))
}

/// A sweep begun now for `as_of`, under the retention periods `periods`
/// (months by setting, migration 48), with what kept records past their end
/// then (migration 53).
pub(crate) async fn start(
    tx: &mut WriteTx,
    as_of: NaiveDate,
    periods: &BTreeMap<String, u32>,
    held: &[KeptCount],
) -> Result<SweepRun> {
    let (now, actor) = (tx.now(), tx.actor().to_owned());
    let periods = serde_json::to_string(periods).map_err(|e| Error::Internal(format!("sweep periods: {e}")))?;
    let held = serde_json::to_string(held).map_err(|e| Error::Internal(format!("sweep held: {e}")))?;
    let sql = format!(
        "INSERT INTO retention_sweeps (as_of, started_by, started_at, state, batches, periods, held) \
         VALUES ($1, $2, $3, 'running', 0, $4, $5) RETURNING {COLUMNS}"
    );
    Ok(on_tx!(tx, c => sqlx::query_as(&sql)
        .bind(as_of).bind(&actor).bind(now).bind(&periods).bind(&held).fetch_one(c).await?))
}

/// What kept records past their end when sweep `id` began; `None` for a sweep of an older register.
pub(crate) async fn held(tx: &mut impl Within, id: i64) -> Result<Option<Vec<KeptCount>>> {
    let text: Option<String> = on_tx!(tx, c => sqlx::query_scalar(
        "SELECT held FROM retention_sweeps WHERE id = $1").bind(id).fetch_optional(c).await?.flatten());
    text.map(|t| serde_json::from_str(&t).map_err(|e| Error::Internal(format!("sweep {id}'s held: {e}")))).transpose()
}

/// The retention periods in force when sweep `id` began; `None` for a sweep of an older register.
pub(crate) async fn periods(tx: &mut impl Within, id: i64) -> Result<Option<BTreeMap<String, u32>>> {
    let text: Option<String> = on_tx!(tx, c => sqlx::query_scalar(
        "SELECT periods FROM retention_sweeps WHERE id = $1").bind(id).fetch_optional(c).await?.flatten());
    text.map(|t| serde_json::from_str(&t).map_err(|e| Error::Internal(format!("sweep {id}'s periods: {e}"))))
        .transpose()
}

pub(crate) async fn end(tx: &mut WriteTx, id: i64, state: SweepState, at: DateTime<Utc>) -> Result<()> {
    on_tx!(tx, c => sqlx::query("UPDATE retention_sweeps SET state = $1, finished_at = $2 WHERE id = $3")
        .bind(state).bind(at).bind(id).execute(c).await?.rows_affected());
    Ok(())
}

/// Adds one batch's counts to the sweep, in the batch's transaction. A
/// row's cutoff is the one its first batch recorded: a sweep resumes only
/// where its cutoffs are the same (retention/sweep.rs).
pub(crate) async fn add_batch(tx: &mut WriteTx, id: i64, counts: &[SweepCount]) -> Result<()> {
    on_tx!(tx, c => {
        sqlx::query("UPDATE retention_sweeps SET batches = batches + 1 WHERE id = $1")
            .bind(id).execute(&mut *c).await?.rows_affected();
        for n in counts {
            sqlx::query(
                "INSERT INTO retention_sweep_counts (sweep_id, entity, rule, action, records, cutoff) \
                 VALUES ($1, $2, $3, $4, $5, $6) ON CONFLICT (sweep_id, entity, rule, action) \
                 DO UPDATE SET records = retention_sweep_counts.records + excluded.records")
                .bind(id).bind(n.entity).bind(&n.rule).bind(n.action).bind(n.records).bind(n.cutoff)
                .execute(&mut *c).await?.rows_affected();
        }
    });
    Ok(())
}

/// Counts the audit entries a purge removed in the sweep's run (migration
/// 30), and the months the trail was kept by then (migration 31).
pub(crate) async fn add_audit_removed(tx: &mut WriteTx, id: i64, n: i64, months: u32) -> Result<()> {
    on_tx!(tx, c => sqlx::query(
        "UPDATE retention_sweeps SET audit_removed = audit_removed + $1, audit_months = $2 WHERE id = $3")
        .bind(n).bind(i64::from(months)).bind(id).execute(c).await?.rows_affected());
    Ok(())
}

/// The months the trail was kept when the sweep purged it; `None` when it removed nothing.
pub(crate) async fn audit_months(tx: &mut impl Within, id: i64) -> Result<Option<u32>> {
    let months: Option<i64> = on_tx!(tx, c => sqlx::query_scalar(
        "SELECT audit_months FROM retention_sweeps WHERE id = $1").bind(id).fetch_optional(c).await?.flatten());
    Ok(months.and_then(|m| u32::try_from(m).ok()))
}

pub(crate) async fn get(tx: &mut impl Within, id: i64) -> Result<Option<SweepRun>> {
    let sql = format!("SELECT {COLUMNS} FROM retention_sweeps WHERE id = $1");
    Ok(on_tx!(tx, c => sqlx::query_as(&sql).bind(id).fetch_optional(c).await?))
}

/// The sweeps started at `since` or later, the oldest first: what a restore of a backup made then sweeps again.
pub(crate) async fn since(store: &Store, since: DateTime<Utc>) -> Result<Vec<SweepRun>> {
    let sql = format!("SELECT {COLUMNS} FROM retention_sweeps WHERE started_at >= $1 ORDER BY id");
    Ok(on_pool!(store, p => sqlx::query_as(&sql).bind(since).fetch_all(p).await?))
}

/// Sweep `id` recorded as `was` was started and, where it finished, ended: a
/// sweep a restore makes again is the one the register made.
pub(crate) async fn restate(tx: &mut WriteTx, id: i64, was: &SweepRun) -> Result<()> {
    on_tx!(tx, c => sqlx::query(
        "UPDATE retention_sweeps SET started_by = $1, started_at = $2, finished_at = COALESCE($3, finished_at) WHERE id = $4")
        .bind(&was.started_by).bind(was.started_at).bind(was.finished_at).bind(id).execute(c).await?.rows_affected());
    Ok(())
}

/// Every sweep, the newest first.
pub(crate) async fn all(tx: &mut impl Within) -> Result<Vec<SweepRun>> {
    let sql = format!("SELECT {COLUMNS} FROM retention_sweeps ORDER BY id DESC");
    Ok(on_tx!(tx, c => sqlx::query_as(&sql).fetch_all(c).await?))
}

/// How many records each sweep removed, by sweep and what happened to them.
pub(crate) async fn totals(tx: &mut impl Within) -> Result<Vec<(i64, SweepAction, i64)>> {
    Ok(on_tx!(tx, c => sqlx::query_as(
        "SELECT sweep_id, action, CAST(SUM(records) AS BIGINT) FROM retention_sweep_counts GROUP BY sweep_id, action")
        .fetch_all(c).await?))
}

pub(crate) async fn counts(tx: &mut impl Within, id: i64) -> Result<Vec<SweepCount>> {
    let rows: Vec<(RecordKind, String, SweepAction, i64, Option<NaiveDate>)> = on_tx!(tx, c => sqlx::query_as(
        "SELECT entity, rule, action, records, cutoff FROM retention_sweep_counts WHERE sweep_id = $1 \
         ORDER BY entity, rule, action")
        .bind(id).fetch_all(c).await?);
    Ok(rows
        .into_iter()
        .map(|(entity, rule, action, records, cutoff)| SweepCount::new(entity, rule, action, records, cutoff))
        .collect())
}
