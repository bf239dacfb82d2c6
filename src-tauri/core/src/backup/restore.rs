//! Restore: a backup replaces the register, and what the law asks the shop
//! to keep, or to have done, since the backup was made is carried into it
//! (replay.rs), or named where it cannot be.

use std::path::Path;

use chrono::{DateTime, Utc};

use super::RestoreReport;
use crate::error::{Error, Result};
use crate::store::backup as stored;
use crate::store::cipher::{self, FileState, Passphrase};
use crate::store::{self, Location, OpenMode};
use crate::Register;

/// A backup checked to be restored.
pub(super) struct Checked {
    /// Its audit chain head.
    pub head: (i64, String),
    /// About when it was made: a day before its newest audit entry (a day's
    /// margin for the clocks of the computers sharing a register). What the
    /// register did since may be missing from it; what it did before is not
    /// read again, record by record.
    pub since: DateTime<Utc>,
}

/// Copies the backup `file` whole into a new file `staged` (encrypted under
/// `key`, or plain), which is then checked before anything else is touched.
/// A damaged backup is refused here, named as the backup that it is (not as
/// the register): by SQLite's check of every page first, since the copy
/// (`sqlcipher_export`) tells damage it meets as an error without its code.
async fn copy_backup(
    file: &Path,
    file_key: Option<&Passphrase>,
    staged: &Path,
    key: Option<&Passphrase>,
) -> Result<()> {
    let named = |e: Error| match e {
        Error::Damaged { detail } => Error::Refused(crate::msg!("msg-backup-damaged", file = file.display(), detail)),
        e => e,
    };
    let mut source = cipher::connect(file, file_key).await.map_err(named)?;
    let copied = async {
        let found: Vec<String> = sqlx::query_scalar("PRAGMA quick_check(3)").fetch_all(&mut source).await?;
        if found != ["ok"] {
            return Err(Error::Damaged { detail: found.join("; ") });
        }
        cipher::export(&mut source, staged, key).await
    }
    .await
    .map_err(named);
    let closed = sqlx::Connection::close(source).await;
    copied?;
    Ok(closed?)
}

/// A register file too damaged for a restore to read what it carries over
/// from it (the erasures made since the backup, above all: Art. 17 does not
/// let a restore bring their people back unsaid). Refused, with the way to
/// restore all the same, in which the shop makes those again itself.
fn over_damaged(path: &Path) -> impl Fn(Error) -> Error + '_ {
    move |e| match e {
        Error::Damaged { detail } => {
            Error::Refused(crate::msg!("msg-restore-over-damaged", register = path.display(), detail))
        }
        e => e,
    }
}

impl Register {
    /// [`Register::restore`] for this open register, in place: its own
    /// connections are closed, the backup replaces it (or, refused, nothing
    /// changes), and every clone of it goes on with the register as it is
    /// then. A backup encrypted under the register's passphrase needs no
    /// other; `file_key` is for one made under an earlier passphrase.
    pub async fn restore_in_place(&self, file: &Path, file_key: Option<&Passphrase>) -> Result<RestoreReport> {
        // From here on the window's other commands wait.
        let rewrite = self.store().rewrite().await;
        let key = self.store().key();
        let file_key = match cipher::file_state(file)? {
            FileState::Encrypted => file_key.or(key.as_ref()),
            _ => None,
        };
        self.store().close().await;
        let restored = Register::restore(&self.store().location(), key.as_ref(), file, file_key, self.actor()).await;
        if let Ok((reg, _)) = &restored {
            reg.store().close().await;
        }
        // The restored register keeps the register's encryption: the same key opens it.
        self.store().reopen(key.as_ref()).await?;
        drop(rewrite);
        restored.map(|(_, report)| report)
    }

    /// Replaces the register at `location` (an SQLite file encrypted under
    /// `key` or plain, or a PostgreSQL database) with the backup `file`
    /// (encrypted under `file_key`, or plain),
    /// replays the erasures the register recorded since, and returns the
    /// register reopened. The register is whole before and after: the restored
    /// copy is prepared beside it and replaces it by a rename.
    pub async fn restore(
        location: &Location,
        key: Option<&Passphrase>,
        file: &Path,
        file_key: Option<&Passphrase>,
        actor: &str,
    ) -> Result<(Register, RestoreReport)> {
        match cipher::file_state(file)? {
            FileState::Missing => {
                return Err(Error::File { path: file.display().to_string(), reason: "no such backup file".into() })
            }
            FileState::Encrypted if file_key.is_none() => return Err(Error::Locked(file.display().to_string())),
            FileState::Foreign => return Err(cipher::not_a_database(file)),
            _ => {}
        }
        let path = match location {
            Location::Sqlite(path) => path,
            Location::Postgres(_) => return Register::restore_postgres(location, file, file_key, actor).await,
        };
        // A register moved into a shared one is kept as it was (sharing.rs):
        // a backup restored over it would bring it back into use beside the
        // shared register, and what was written to it then would reach
        // nobody. `kundvakt shared leave` takes it back first, if that is
        // what is wanted.
        if !matches!(cipher::file_state(path)?, FileState::Missing) {
            let reg =
                Register::open_keyed(location, OpenMode::Existing, key, actor).await.map_err(over_damaged(path))?;
            let moved = reg.store().refuse_if_moved().await;
            reg.store().close().await;
            moved.map_err(over_damaged(path))?;
        }
        // The restored register keeps the register's encryption; a new one the backup's.
        let new_key = match cipher::file_state(path)? {
            FileState::Encrypted => Some(key.ok_or_else(|| Error::Locked(path.display().to_string()))?),
            FileState::Plain => None,
            FileState::Missing => file_key,
            FileState::Foreign => return Err(cipher::not_a_database(path)),
        };
        // The backup is copied beside the register and checked before the
        // register itself is touched: a refused restore changes nothing.
        let staged = cipher::sibling(path, "restore");
        let checked = async {
            cipher::discard(&staged);
            copy_backup(file, file_key, &staged, new_key).await?;
            let copy =
                Register::open_keyed(&Location::Sqlite(staged.clone()), OpenMode::Existing, new_key, actor).await?;
            let verified = copy.check_restorable().await;
            copy.store().close().await;
            verified
        };
        let checked = match checked.await {
            Ok(checked) => checked,
            Err(e) => {
                cipher::discard(&staged);
                return Err(e);
            }
        };
        let prepared = async {
            // What the register knows now, and a copy of it as it is.
            let current = match cipher::file_state(path)? {
                FileState::Missing => None,
                _ => {
                    let reg = Register::open_keyed(location, OpenMode::Existing, key, actor)
                        .await
                        .map_err(over_damaged(path))?;
                    let known = reg.known_to_restore(file, None, checked.since).await;
                    reg.store().close().await;
                    Some(known.map_err(over_damaged(path))?)
                }
            };
            let lock = match &current {
                Some(_) => Some(cipher::exclusive(path, key).await?),
                None => None,
            };
            let copy =
                Register::open_keyed(&Location::Sqlite(staged.clone()), OpenMode::Existing, new_key, actor).await?;
            let report = copy.replay(&checked, current.unwrap_or_default()).await;
            copy.store().close().await;
            Ok::<_, Error>((report?, lock))
        };
        let (report, lock) = match prepared.await {
            Ok(done) => done,
            Err(e) => {
                cipher::discard(&staged);
                return Err(e);
            }
        };
        // The replay ended with a checkpoint (flush_deleted): everything it
        // wrote is in the staged file itself, not in a log beside it.
        match lock {
            Some(held) => held.replace_with(&staged, path).await?,
            None => cipher::replace(&staged, path)?,
        }
        cipher::discard(&staged);
        let reg = Register::open_keyed(location, OpenMode::Existing, new_key, actor).await?;
        Ok((reg, report))
    }

    /// Restore into a PostgreSQL register: the backup is checked and the
    /// erasures replayed on a copy in the temporary folder (encrypted as the
    /// backup is), which then replaces every row of the register in one
    /// transaction.
    async fn restore_postgres(
        location: &Location,
        file: &Path,
        file_key: Option<&Passphrase>,
        actor: &str,
    ) -> Result<(Register, RestoreReport)> {
        let staged = std::env::temp_dir().join(format!(
            "kundvakt-restore-{}-{}.db",
            std::process::id(),
            store::now().timestamp_micros()
        ));
        let staged_location = Location::Sqlite(staged.clone());
        let result = async {
            copy_backup(file, file_key, &staged, file_key).await?;
            let copy = Register::open_keyed(&staged_location, OpenMode::Existing, file_key, actor).await?;
            let checked = copy.check_restorable().await;
            copy.store().close().await;
            let checked = checked?;
            let reg = Register::open(location, OpenMode::Existing, actor).await?;
            let known = reg.known_to_restore(file, file_key, checked.since).await?;
            let copy = Register::open_keyed(&staged_location, OpenMode::Existing, file_key, actor).await?;
            let report = copy.replay(&checked, known).await;
            copy.store().close().await;
            let report = report?;
            stored::load_into_postgres(reg.store(), &staged, file_key).await?;
            Ok((reg, report))
        }
        .await;
        cipher::discard(&staged);
        result
    }

    /// A copy about to be restored: its audit trail must hold.
    async fn check_restorable(&self) -> Result<Checked> {
        let check = crate::audit::verify(self.store()).await?;
        if let Some(b) = check.broken {
            return Err(Error::Refused(crate::msg!("msg-backup-broken", seq = b.seq, reason = b.reason)));
        }
        let newest = store::in_snapshot!(self.store(), s => store::audit::newest_at(&mut s).await?);
        // A day's margin for the clocks of the computers sharing a register;
        // a copy with no entry at all was made before anything was recorded.
        let since = newest.map_or(DateTime::UNIX_EPOCH, |t| t - chrono::Duration::days(1));
        Ok(Checked { head: self.audit_head().await?, since })
    }
}
