//! Backups, their automatic rotation, and restore: the ability to restore the
//! register in a timely manner after an incident (GDPR Art. 32(1)(c)).
//!
//! A backup is a whole register file (SQLite, encrypted under the register's
//! key when the register is encrypted), logged in the register with the audit
//! chain head that the copy holds. Before a sweep, an erasure, an import or a
//! restore, a backup is made automatically into the backup folder and only the
//! newest `backup.keep` of them are kept, so that an old copy of an erased
//! person does not outlive a few further operations.
//!
//! A backup made before an erasure still holds the person. Restoring it would
//! bring them back, against Art. 17; so a restore replays every erasure the
//! register recorded that the backup does not have (by customer number), and
//! carries their tombstones and e-mail digests over, before the restored file
//! replaces the register. The record of personal data breaches is carried over
//! likewise (Art. 33(5)): a restore is often the answer to a breach, and must
//! not take the breach's own record with it; and so are the data-subject
//! requests, the legal holds, the restrictions, the objections to the
//! recording of web activity, the withdrawals of consent, the merges, the
//! corrections people asked for, the settings and records of processing
//! changed, and the record of the documents made since the backup
//! (replay.rs, and the module of each). Orders and invoices recorded since
//! are named, not carried: a restore is also how a mistaken import is undone.

mod carry;
mod catalogue;
mod consents;
mod deletions;
mod ended;
mod erased_parts;
mod known;
mod merges;
mod rectifications;
mod replay;
mod report;
mod restore;
mod settings;
mod signups;
mod undone;
mod vouchers;

pub use report::{NotErasedAgain, RestoreReport};

use std::path::{Path, PathBuf};

use chrono::{DateTime, Utc};
use serde::Serialize;

use crate::audit::to_json as json;
use crate::audit::Action;
use crate::error::{Error, Result};
use crate::macros::text_enum;
use crate::store::backup::{self as stored, LoggedBackup};
use crate::store::cipher::Passphrase;
use crate::store::{self, Location};
use crate::Register;

text_enum! {
    /// Why a backup was made.
    pub enum BackupPurpose {
        Manual = "manual",
        Sweep = "sweep",
        Erasure = "erasure",
        Import = "import",
        Restore = "restore",
    }
}

/// An automatic backup in the backup folder, as its file name records it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, schemars::JsonSchema)]
pub struct AutomaticBackup {
    pub file: String,
    pub made_at: DateTime<Utc>,
    /// The operation it was made before.
    pub purpose: BackupPurpose,
}

/// The backups of a register: where the automatic ones go and how many are
/// kept, those in the folder now, and the ones made by hand (logged in the
/// register with their audit head).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, schemars::JsonSchema)]
pub struct Backups {
    /// `None` when automatic backups are off (`backup.keep` 0) or have no
    /// folder (a PostgreSQL register without `backup.folder`).
    pub folder: Option<String>,
    pub keep: u32,
    /// Newest first.
    pub automatic: Vec<AutomaticBackup>,
    /// Newest first.
    pub manual: Vec<LoggedBackup>,
    /// Whether the register is encrypted, and so its copies, which a restore
    /// opens with its passphrase (one made under an earlier passphrase asks
    /// for that). Told here too, for a register too damaged to say more.
    pub encrypted: bool,
}

impl Register {
    /// What [`Backups`] says, for the app's settings screen.
    pub async fn backup_overview(&self) -> Result<Backups> {
        let settings = self.settings().await?;
        let keep = settings.months("backup.keep");
        let folder = backup_folder(&self.store().location(), settings.get("backup.folder")).filter(|_| keep > 0);
        let mut automatic = vec![];
        if let Some((dir, stem)) = &folder {
            // A folder not made yet holds no backups.
            for entry in std::fs::read_dir(dir).into_iter().flatten().flatten() {
                let name = entry.file_name().to_string_lossy().into_owned();
                if let Some((made_at, purpose)) = rotated_name_parts(&name, stem) {
                    automatic.push(AutomaticBackup { file: entry.path().display().to_string(), made_at, purpose });
                }
            }
        }
        automatic.sort_by_key(|b| std::cmp::Reverse(b.made_at));
        Ok(Backups {
            folder: folder.map(|(dir, _)| dir.display().to_string()),
            keep,
            automatic,
            manual: self.backups().await?,
            encrypted: self.store().encrypted(),
        })
    }

    /// Writes a consistent copy of the register to `target` and logs it with
    /// the audit head the copy holds. A PostgreSQL register's copy is
    /// encrypted under `key` where one is given.
    pub async fn backup(&self, target: &Path, key: Option<&Passphrase>) -> Result<LoggedBackup> {
        let made = self.copy(target, BackupPurpose::Manual, key).await?;
        let mut tx = self.store().begin(self.actor()).await?;
        stored::log_backup(&mut tx, &made).await?;
        tx.audit(Action::RegisterBackup, "backup", made.audit_seq, None, None, Some(&json(&made)?)).await?;
        tx.commit().await?;
        Ok(made)
    }

    /// The backups made of this register, newest first.
    pub async fn backups(&self) -> Result<Vec<LoggedBackup>> {
        stored::logged(self.store()).await
    }

    /// The copy itself, and what its log entry would say.
    async fn copy(&self, target: &Path, purpose: BackupPurpose, key: Option<&Passphrase>) -> Result<LoggedBackup> {
        // A register moved into a shared one is kept as it was: its backups
        // would be nobody's register, and an automatic one, made before an
        // operation that is then refused, would push a real backup out of
        // the folder.
        self.store().refuse_if_moved().await?;
        let own = self.store().key();
        let key = own.as_ref().or(key);
        stored::backup(self.store(), target, key).await?;
        let (audit_seq, audit_hash) = stored::head_of_file(target, key).await?;
        // The log is read from anywhere (the window's restore box, another
        // day's command line): a path given relative to here is kept whole.
        let file = std::path::absolute(target).unwrap_or_else(|_| target.to_path_buf());
        Ok(LoggedBackup {
            file: file.display().to_string(),
            purpose: purpose.as_str().to_owned(),
            audit_seq,
            audit_hash,
            encrypted: key.is_some(),
            made_by: self.actor().to_owned(),
            made_at: store::now(),
        })
    }

    /// The automatic backup before a destructive operation, into the backup
    /// folder, keeping the newest `backup.keep`. None where backups are turned
    /// off (`backup.keep` 0) or have no folder (a PostgreSQL register without
    /// `backup.folder`). Not logged in the register: an operation that then
    /// fails (an import refused whole) must leave the register exactly as it
    /// was; the file holds its own audit head.
    pub async fn rotate_backup(&self, purpose: BackupPurpose) -> Result<Option<LoggedBackup>> {
        let settings = self.settings().await?;
        let keep = settings.months("backup.keep") as usize;
        let Some((folder, stem)) = backup_folder(&self.store().location(), settings.get("backup.folder")) else {
            return Ok(None);
        };
        if keep == 0 {
            return Ok(None);
        }
        std::fs::create_dir_all(&folder)
            .map_err(|e| Error::File { path: folder.display().to_string(), reason: e.to_string() })?;
        let stamp = store::now().format("%Y%m%d-%H%M%S-%6f").to_string();
        let target = folder.join(format!("{stem}-{stamp}-{}.db", purpose.as_str()));
        let made = self.copy(&target, purpose, None).await?;
        prune(&folder, &stem, keep)?;
        Ok(Some(made))
    }
}

/// The folder automatic backups go to, and the stem of their names.
fn backup_folder(location: &Location, setting: Option<&str>) -> Option<(PathBuf, String)> {
    let configured = setting.filter(|f| !f.is_empty()).map(PathBuf::from);
    match location {
        Location::Sqlite(path) => {
            let stem = path.file_stem().map(|s| s.to_string_lossy().into_owned()).unwrap_or_else(|| "register".into());
            let folder = configured.unwrap_or_else(|| path.with_file_name(format!("{stem}-backups")));
            Some((folder, stem))
        }
        Location::Postgres(_) => configured.map(|f| (f, "register".to_owned())),
    }
}

/// Removes all but the newest `keep` automatic backups of `stem` in `folder`
/// (their names sort by time).
fn prune(folder: &Path, stem: &str, keep: usize) -> Result<()> {
    let file_error = |p: &Path, e: std::io::Error| Error::File { path: p.display().to_string(), reason: e.to_string() };
    let mut ours: Vec<PathBuf> = std::fs::read_dir(folder)
        .map_err(|e| file_error(folder, e))?
        .filter_map(|entry| entry.ok().map(|e| e.path()))
        .filter(|p| {
            let name = p.file_name().map(|n| n.to_string_lossy().into_owned()).unwrap_or_default();
            is_rotated_name(&name, stem)
        })
        .collect();
    ours.sort();
    let excess = ours.len().saturating_sub(keep);
    for old in &ours[..excess] {
        std::fs::remove_file(old).map_err(|e| file_error(old, e))?;
    }
    Ok(())
}

/// `STEM-YYYYMMDD-HHMMSS-FFFFFF-PURPOSE.db`: only the rotation's own files are ever pruned.
fn is_rotated_name(name: &str, stem: &str) -> bool {
    rotated_name_parts(name, stem).is_some()
}

/// When an automatic backup was made and before what, from its name
/// (`{stem}-20261201-053151-123456-import.db`, the time in UTC).
fn rotated_name_parts(name: &str, stem: &str) -> Option<(DateTime<Utc>, BackupPurpose)> {
    let rest = name.strip_prefix(stem)?.strip_prefix('-')?.strip_suffix(".db")?;
    let parts: Vec<&str> = rest.splitn(4, '-').collect();
    let [day, time, micros, purpose] = parts.as_slice() else { return None };
    if ![(day, 8), (time, 6), (micros, 6)].iter().all(|(p, n)| p.len() == *n && p.bytes().all(|b| b.is_ascii_digit())) {
        return None;
    }
    let made = chrono::NaiveDateTime::parse_from_str(&format!("{day}{time}{micros}"), "%Y%m%d%H%M%S%6f").ok()?;
    Some((made.and_utc(), purpose.parse().ok()?))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn only_the_rotation_s_own_files_are_pruned() {
        assert!(is_rotated_name("register-20261125-141500-123456-erasure.db", "register"));
        assert!(!is_rotated_name("register-20261125-141500-123456-other.db", "register"));
        assert!(!is_rotated_name("register.db", "register"));
        assert!(!is_rotated_name("my-backup.db", "register"));
        assert!(!is_rotated_name("shop-20261125-141500-123456-erasure.db", "register"));
        assert!(
            !is_rotated_name("register-20261399-141500-123456-erasure.db", "register"),
            "no 99th of the 13th month"
        );
        let (made, purpose) =
            rotated_name_parts("register-20261125-141500-123456-import.db", "register").expect("parts");
        assert_eq!(
            (made.to_rfc3339(), purpose),
            ("2026-11-25T14:15:00.123456+00:00".to_owned(), BackupPurpose::Import)
        );

        let dir = tempfile::tempdir().expect("temp dir");
        for i in 0..7 {
            std::fs::write(dir.path().join(format!("register-2026112{i}-141500-000000-sweep.db")), b"x")
                .expect("write");
        }
        std::fs::write(dir.path().join("keep-me.db"), b"x").expect("write");
        prune(dir.path(), "register", 3).expect("prune");
        let mut left: Vec<String> = std::fs::read_dir(dir.path())
            .expect("read")
            .map(|e| e.expect("entry").file_name().to_string_lossy().into_owned())
            .collect();
        left.sort();
        assert_eq!(
            left,
            [
                "keep-me.db",
                "register-20261124-141500-000000-sweep.db",
                "register-20261125-141500-000000-sweep.db",
                "register-20261126-141500-000000-sweep.db"
            ]
        );
    }

    #[test]
    fn automatic_backups_go_beside_an_sqlite_register() {
        let loc = Location::Sqlite(PathBuf::from("/data/shop.db"));
        assert_eq!(backup_folder(&loc, Some("")), Some((PathBuf::from("/data/shop-backups"), "shop".to_owned())));
        assert_eq!(backup_folder(&loc, Some("/mnt/usb")), Some((PathBuf::from("/mnt/usb"), "shop".to_owned())));
        assert_eq!(backup_folder(&Location::Postgres("postgres://h/db".into()), Some("")), None);
    }
}
