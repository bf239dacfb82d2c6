//! Backups from the window (Art. 32(1)(c)): what exists, a copy made now,
//! and a copy restored into the open register, which the window goes on with
//! (erasures made since the copy are made again). And the audit trail's
//! check, which a backup is the remedy for, and its reading, on the screen
//! or into a file.

use kundvakt_core::audit::file_check::TrailFileCheck;
use kundvakt_core::audit::trail::{TrailPage, TrailQuery};
use kundvakt_core::audit::Verification;
use kundvakt_core::backup::{Backups, RestoreReport};
use kundvakt_core::export::trail::TrailExportSummary;
use kundvakt_core::store::backup::LoggedBackup;
use kundvakt_core::values::Language;
use kundvakt_core::{Passphrase, Register};
use tauri::{AppHandle, State};

use super::commands::{open_path, save_path};
use super::error::CmdResult;

/// The automatic backups in the backup folder and the ones made by hand.
#[tauri::command]
pub async fn backups_list(reg: State<'_, Register>) -> CmdResult<Backups> {
    Ok(reg.backup_overview().await?)
}

/// A consistent copy of the register, saved where the native dialog says;
/// `None` when the dialog was cancelled. An encrypted register's copy is
/// encrypted under its passphrase.
#[tauri::command]
pub async fn backup_save(app: AppHandle, reg: State<'_, Register>) -> CmdResult<Option<LoggedBackup>> {
    let name = format!("kundvakt-backup-{}.db", reg.today().await?);
    let Some(path) = save_path(&app, &name, "Kundvakt", "db")? else { return Ok(None) };
    Ok(Some(reg.backup(&path, None).await?))
}

/// Walks the audit trail's hash chain (Art. 5(2)): whole, or the first entry
/// that does not hold. A broken chain is an answer, not an error: the window
/// says what it means and what to do.
#[tauri::command]
pub async fn audit_verify(reg: State<'_, Register>) -> CmdResult<Verification> {
    Ok(kundvakt_core::audit::verify(reg.store()).await?)
}

/// A saved file of the trail, chosen in the native open dialog, checked on
/// its own as `audit verify --file` does; `None` when the dialog was cancelled.
#[tauri::command]
pub fn audit_file_check(app: AppHandle) -> CmdResult<Option<TrailFileCheck>> {
    let Some(path) = open_path(&app, "CSV", &["csv"])? else { return Ok(None) };
    Ok(Some(kundvakt_core::audit::file_check::check_trail_file(&path)?))
}

/// A page of the audit trail, newest first, as `audit log` reads it: who
/// did what and when, filtered by days on the shop's clock, whose work, the
/// customer and the kind of action.
#[tauri::command]
pub async fn audit_trail(reg: State<'_, Register>, query: TrailQuery) -> CmdResult<TrailPage> {
    Ok(kundvakt_core::audit::trail::read(reg.store(), &query).await?)
}

/// Every entry `query` selects, saved as CSV where the native dialog says,
/// its columns and kinds of action in the window's `language`; `None` when
/// the dialog was cancelled.
#[tauri::command]
pub async fn audit_trail_save(
    app: AppHandle,
    reg: State<'_, Register>,
    query: TrailQuery,
    language: Language,
) -> CmdResult<Option<TrailExportSummary>> {
    let name = format!("kundvakt-audit-trail-{}.csv", reg.today().await?);
    let Some(path) = save_path(&app, &name, "CSV", "csv")? else { return Ok(None) };
    Ok(Some(reg.export_audit_trail(&query, language, &path).await?))
}

/// A backup file chosen in the native open dialog; `None` when cancelled.
#[tauri::command]
pub fn backup_choose(app: AppHandle) -> CmdResult<Option<String>> {
    Ok(open_path(&app, "Kundvakt", &["db"])?.map(|p| p.display().to_string()))
}

/// Replaces the open register with the backup `file`, after keeping a copy
/// of it as it is; erasures made since the copy are made again.
/// `passphrase`: the backup's own, for one made under an earlier passphrase.
#[tauri::command]
pub async fn backup_restore(
    reg: State<'_, Register>,
    file: String,
    passphrase: Option<String>,
) -> CmdResult<RestoreReport> {
    let key = passphrase.filter(|p| !p.is_empty()).map(Passphrase::new).transpose()?;
    Ok(reg.restore_in_place(std::path::Path::new(&file), key.as_ref()).await?)
}
