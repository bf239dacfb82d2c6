//! What kept records from a sweep and ended before it, carried to the copy
//! before the sweep is made again (backup/deletions.rs): the restrictions the
//! register lifted before the sweep began (Art. 18(2)), and the requests for
//! a copy or a restriction it answered, refused or closed before the sweep
//! began (`RequestKind::keeps_records`). Without them the sweep made again keeps
//! what the register's deleted: the customers it erased are erased again
//! afterwards from the erasure log, but a kept customer's notes or web
//! activity it deleted would come back (Art. 17(1), 5(1)(e)), and its
//! record, the shop's proof, would not be the register's (Art. 5(2)). The
//! rest of each, and every later change, is carried with the requests and
//! restrictions afterwards (backup/replay.rs), which finds these done.

use std::collections::HashMap;

use chrono::{DateTime, Utc};

use super::carry::{lift_restriction, not_erased_in_copy, requests_here, same_restriction};
use crate::audit::to_json as json;
use crate::audit::Action;
use crate::error::Result;
use crate::register::restriction::Restriction;
use crate::requests::Request;
use crate::retention::sweep::SweepRun;
use crate::store::customers::Who;
use crate::store::{self, WriteTx};
use crate::values::RequestId;

/// The register's requests and restrictions, whose ends are carried before each sweep made again.
#[derive(Debug, Clone, Copy)]
pub(super) struct Ended<'a> {
    pub requests: &'a [(Request, Option<Who>)],
    /// When the trail recorded each request ended, since about the backup.
    pub requests_ended: &'a HashMap<RequestId, DateTime<Utc>>,
    pub restrictions: &'a [(Who, Restriction)],
}

impl Ended<'_> {
    /// Ends in the copy what the register ended before `run`; how many
    /// requests and restrictions it carried. A request ended when the trail
    /// recorded it so, not on the day the shop gave the step (which may be
    /// earlier, or the sweep's own): one answered after the sweep began kept
    /// the customer's records from it in the register, and keeps them in the copy.
    pub(super) async fn carry_before(self, tx: &mut WriteTx, run: &SweepRun) -> Result<(i64, i64)> {
        let (mut requests, mut restrictions) = (0, 0);
        let here = requests_here(tx).await?;
        for (r, _) in self.requests {
            let ended = match self.requests_ended.get(&r.id) {
                Some(at) => *at < run.started_at,
                // Not timed since the backup: ended in the copy already, or open there
                // without the trail's entry (purged); then by its day.
                None => r.answered_on.or(r.closed_on).is_some_and(|day| day <= run.as_of),
            };
            if r.state.is_open() || !ended || !r.kind.keeps_records() {
                continue;
            }
            let Some(h) = here.get(&(r.created_at, r.kind)).filter(|h| h.state.is_open()) else { continue };
            // As the register has it, for the copy's customer: carried whole, it is not carried again.
            let (requester, requester_language) = (h.requester.clone(), h.requester_language);
            let now = Request { id: h.id, customer_id: h.customer_id, requester, requester_language, ..r.clone() };
            store::requests::update(tx, &now).await?;
            tx.audit(Action::RequestOpen, "request", h.id, h.customer_id, Some(&json(h)?), Some(&json(&now)?)).await?;
            requests += 1;
        }
        // Those the copy lacks are named as lost when the restrictions are carried.
        let mut lost = vec![];
        for (who, r) in self.restrictions {
            if r.lifted_at.is_none_or(|at| at >= run.started_at) {
                continue;
            }
            let Some(c) = not_erased_in_copy(tx, who, false, &mut lost).await? else { continue };
            let in_copy = store::restrictions::of_customer(tx, c.id).await?;
            if let Some(h) = in_copy.iter().find(|h| same_restriction(h, r) && h.lifted_at.is_none()) {
                restrictions += i64::from(lift_restriction(tx, c.id, h, r).await?);
            }
        }
        Ok((requests, restrictions))
    }
}
