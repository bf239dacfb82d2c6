//! What the register deleted after a backup was made, made again on the
//! restored copy in the order the register made it: each erasure, after the
//! legal holds lifted and the settings changed before it, and each retention
//! sweep likewise. Nobody erased and nothing swept comes back (Art. 17(1),
//! 5(1)(e)), and each is recorded as the register recorded it: when, by whom,
//! for which request.

use chrono::{DateTime, Utc};

use super::carry::{self, KnownHold};
use super::ended::Ended;
use super::settings::Changes;
use super::{NotErasedAgain, RestoreReport};
use crate::error::Result;
use crate::message::Message;
use crate::register::CustomerState;
use crate::retention::erasure::{erase_in, ErasureReason, Occasion};
use crate::retention::sweep::{Batching, SweepOrder, SweepRun};
use crate::store;
use crate::store::customers::Who;
use crate::store::erasure::LoggedErasure;
use crate::values::{CustomerId, RequestId};
use crate::Register;

/// What the register deleted, as it recorded it.
pub(super) struct Deletions<'a> {
    /// Every erasure of its log, the oldest first.
    pub erasures: &'a [LoggedErasure],
    /// The sweeps started about when the backup was made, or later.
    pub sweeps: Vec<SweepRun>,
    /// Its legal holds, of which the lifts are made in their place.
    pub holds: &'a [KnownHold],
    /// Its requests and restrictions, of which the ends are carried before each sweep.
    pub ended: Ended<'a>,
    /// About when the backup was made.
    pub since: DateTime<Utc>,
}

/// What making the deletions again leaves to do.
pub(super) struct Replayed<'a> {
    /// Erased in the register, and unknown to the copy: their tombstones to carry.
    pub unknown: Vec<&'a LoggedErasure>,
    /// The customers erased again for a request, with the register's number of the request.
    pub answered: Vec<(CustomerId, RequestId)>,
    /// How many of the lifts were made.
    pub lifted: usize,
}

impl Register {
    /// Makes `d` again on this copy, with the lifts (`lifts`, the oldest
    /// first, drained of those made) and the changes of settings (`changes`,
    /// drained likewise) each before what followed it, and says in `report`
    /// what it made and what it could not.
    pub(super) async fn replay_deletions<'a>(
        &self,
        d: Deletions<'a>,
        changes: &mut Changes,
        lifts: &mut Vec<(usize, i64)>,
        report: &mut RestoreReport,
    ) -> Result<Replayed<'a>> {
        let today = self.today().await?;
        let mut lifted = 0;
        let mut unknown = Vec::new();
        // The customers erased again for a request, with the register's number of the request.
        let mut answered = Vec::new();
        // The sweeps the copy lacks, each in its place among the erasures by time.
        let mut sweeps = self.sweeps_lacking(d.sweeps).await?.into_iter().peekable();
        let mut settings = self.settings().await?;
        for e in d.erasures {
            let mut changed = false;
            while let Some(run) = sweeps.next_if(|r| r.started_at < e.erased_at) {
                changed |= self.change_settings_until(changes, Some(run.started_at)).await?;
                lifted += self.sweep_again(&run, (d.holds, d.ended), lifts, report).await?;
                report.sweeps_replayed.push(run.as_of);
            }
            changed |= self.change_settings_until(changes, Some(e.erased_at)).await?;
            if changed {
                settings = self.settings().await?;
            }
            let mut tx = self.store().begin(self.actor()).await?;
            // The holds lifted before this erasure was made first: the register erased no one held.
            let lifted_before = carry::carry_lifts(&mut tx, d.holds, lifts, Some(e.erased_at)).await?;
            // By pseudonym: a customer whose number was corrected after the backup has the old one there.
            let who = Who { number: e.number.clone(), pseudonym: e.pseudonym.clone() };
            match store::customers::same_tx(&mut tx, &who).await? {
                Some(c) if c.state == CustomerState::Erased => {
                    // Erased in the copy too: by the backup, or by a sweep made again
                    // above, whose erasure is then recorded as the register made it.
                    if e.erased_at >= d.since {
                        store::erasure::restate_latest(&mut tx, c.id, e.erased_at, &e.erased_by).await?;
                    }
                    tx.commit().await?;
                    lifted += lifts.drain(..lifted_before).count();
                }
                // One transaction per person: a legal hold in the backup refuses that one only.
                Some(c) => {
                    let reason: ErasureReason = e.reason.parse().unwrap_or(ErasureReason::Manual);
                    let occasion = Occasion { on: today, reason, request: None };
                    match erase_in(&mut tx, &settings, c.id, occasion).await {
                        Ok(_) => {
                            // Recorded as the register made it; its request once the requests are carried over.
                            store::erasure::restate_latest(&mut tx, c.id, e.erased_at, &e.erased_by).await?;
                            tx.commit().await?;
                            answered.extend(e.request_id.map(|r| (c.id, r)));
                            lifted += lifts.drain(..lifted_before).count();
                            report.erasures_replayed.push(e.number.clone());
                        }
                        Err(err) if err.is_user() => {
                            // The lifts with it: the next erasure, or the end, lifts them.
                            tx.rollback().await?;
                            let why = err.message().unwrap_or_else(|| Message::english(err.to_string()));
                            let number = e.number.clone();
                            report.not_replayed.push(NotErasedAgain { number, reason: err.to_string(), why });
                        }
                        Err(err) => return Err(err),
                    }
                }
                None => {
                    tx.commit().await?;
                    lifted += lifts.drain(..lifted_before).count();
                    unknown.push(e);
                }
            }
        }
        for run in sweeps {
            self.change_settings_until(changes, Some(run.started_at)).await?;
            lifted += self.sweep_again(&run, (d.holds, d.ended), lifts, report).await?;
            report.sweeps_replayed.push(run.as_of);
        }
        Ok(Replayed { unknown, answered, lifted })
    }

    /// Of `sweeps` (the register's), those the copy has no record of.
    async fn sweeps_lacking(&self, sweeps: Vec<SweepRun>) -> Result<Vec<SweepRun>> {
        let Some(first) = sweeps.first() else { return Ok(sweeps) };
        let here = store::sweep::since(self.store(), first.started_at).await?;
        Ok(sweeps
            .into_iter()
            .filter(|r| !here.iter().any(|h| h.started_at == r.started_at && h.as_of == r.as_of))
            .collect())
    }

    /// Makes `run` (a sweep of the register's) again on the copy, after the
    /// lifts of legal holds the register made before it (`lifts`, drained of
    /// those made; returns how many) and the restrictions and requests it
    /// ended before it ([`Ended`]), so that it deletes what the register's
    /// deleted, and records it as the register did.
    async fn sweep_again(
        &self,
        run: &SweepRun,
        (holds, ended): (&[KnownHold], Ended<'_>),
        lifts: &mut Vec<(usize, i64)>,
        report: &mut RestoreReport,
    ) -> Result<usize> {
        let mut tx = self.store().begin(self.actor()).await?;
        let lifted = carry::carry_lifts(&mut tx, holds, lifts, Some(run.started_at)).await?;
        let (requests, restrictions) = ended.carry_before(&mut tx, run).await?;
        report.requests_carried += requests;
        report.restrictions_carried += restrictions;
        tx.commit().await?;
        lifts.drain(..lifted);
        let preview = self.sweep_preview(run.as_of).await?;
        let again = self.swept(&preview, Batching::Timed, SweepOrder::Chosen, &mut |_| {}).await?;
        let mut tx = self.store().begin(self.actor()).await?;
        store::sweep::restate(&mut tx, again.id, run).await?;
        tx.commit().await?;
        Ok(lifted)
    }
}
