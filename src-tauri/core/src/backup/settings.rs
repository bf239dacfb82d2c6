//! The settings the register changed after a backup was made, changed again
//! on the restored copy, each in its place among the erasures and sweeps made
//! again: a sweep made again deletes what the register's deleted, under the
//! retention periods then in force (Art. 5(1)(e)), and a period, the country
//! or the controller's details changed since do not go back to the backup's.

use std::collections::VecDeque;

use chrono::{DateTime, Utc};

use crate::audit::to_json as json;
use crate::audit::Action;
use crate::error::Result;
use crate::store::settings::{self as stored, SettingChange};
use crate::Register;

/// The register's changes that the copy lacks, the oldest first, and the
/// settings changed so far.
pub(super) struct Changes {
    pending: VecDeque<SettingChange>,
    /// The keys changed on the copy, in the order first changed.
    pub carried: Vec<String>,
}

impl Register {
    /// Of `made` (the register's changes since about when the backup was
    /// made), those this copy has no record of: made before the backup, within
    /// the restore's margin, it has them already.
    pub(super) async fn settings_lacking(&self, made: Vec<SettingChange>) -> Result<Changes> {
        let here = match made.first() {
            Some(first) => stored::changes_since(self.store(), first.set_at).await?,
            None => Vec::new(),
        };
        let pending =
            made.into_iter().filter(|c| !here.iter().any(|h| h.key == c.key && h.set_at == c.set_at)).collect();
        Ok(Changes { pending, carried: Vec::new() })
    }

    /// Makes on this copy the changes of `changes` made before `until` (every
    /// one left, with `None`), each recorded as the register made it; says
    /// whether it made any.
    pub(super) async fn change_settings_until(
        &self,
        changes: &mut Changes,
        until: Option<DateTime<Utc>>,
    ) -> Result<bool> {
        let due = |c: &SettingChange| until.is_none_or(|u| c.set_at < u);
        if !changes.pending.front().is_some_and(due) {
            return Ok(false);
        }
        let mut tx = self.store().begin(self.actor()).await?;
        while let Some(change) = changes.pending.pop_front_if(|c| due(c)) {
            let before = stored::get(&mut tx, &change.key).await?;
            stored::set(&mut tx, &change.key, &change.value).await?;
            stored::record_change(&mut tx, &change).await?;
            let was = before.as_ref().map(json).transpose()?;
            let key = change.key.as_str();
            tx.audit(Action::SettingsSet, "setting", key, None, was.as_ref(), Some(&json(&change.value)?)).await?;
            if !changes.carried.contains(&change.key) {
                changes.carried.push(change.key);
            }
        }
        tx.commit().await?;
        Ok(true)
    }
}
