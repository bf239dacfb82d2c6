//! The commands of the Import & export screen. The file to import is the one
//! chosen in the native dialog and kept here: the page names no paths. The
//! screen also saves the accountant's files and the mailing lists of consents.

use std::path::PathBuf;
use std::sync::atomic::{AtomicBool, Ordering};
use std::sync::Mutex;

use chrono::NaiveDate;
use kundvakt_core::export::consents::{ConsentListSummary, ConsentPurpose};
use kundvakt_core::export::invoices::InvoiceExportSummary;
use kundvakt_core::export::{ExportFormat, ExportSummary};
use kundvakt_core::import::{Field, ImportFormat, ImportKind, ImportOptions, ImportReport};
use kundvakt_core::values::Language;
use kundvakt_core::Register;
use tauri::{AppHandle, State};

use super::commands::{open_path, save_path, Progress};
use super::error::{from_page, invalid, CmdResult};

/// The chosen file, and the flag that cancels a running import.
#[derive(Default)]
pub struct ImportState {
    file: Mutex<Option<PathBuf>>,
    cancel: AtomicBool,
}

impl ImportState {
    fn file(&self) -> CmdResult<PathBuf> {
        self.file
            .lock()
            .map_err(|_| from_page("file", "busy"))?
            .clone()
            .ok_or_else(|| invalid("file", kundvakt_core::msg!("msg-choose-file-first")))
    }
}

/// Asks for the file to import; returns its name, or `None` when the dialog was cancelled.
#[tauri::command]
pub async fn import_choose(app: AppHandle, state: State<'_, ImportState>) -> CmdResult<Option<String>> {
    let Some(path) = open_path(&app, "CSV", &["csv", "txt", "tsv"])? else { return Ok(None) };
    let name = path.file_name().map(|n| n.to_string_lossy().into_owned()).unwrap_or_default();
    *state.file.lock().map_err(|_| from_page("file", "busy"))? = Some(path);
    Ok(Some(name))
}

/// Reads the chosen file through without changing anything: the detected
/// format and mapping, the first rows, and every problem.
#[tauri::command]
pub async fn import_preview(
    reg: State<'_, Register>,
    state: State<'_, ImportState>,
    kind: ImportKind,
    format: Option<ImportFormat>,
    map: Vec<(String, Option<Field>)>,
) -> CmdResult<ImportReport> {
    let options = ImportOptions { format, map, skip_invalid: false, dry_run: true, language: None };
    let never = AtomicBool::new(false);
    Ok(reg.import(&state.file()?, kind, &options, &mut |_| {}, &never).await?)
}

/// Imports the chosen file, telling the window as it goes (`progress` events, task "import").
#[tauri::command]
// A command's arguments are the named fields the window sends; State and the
// handle are Tauri's. Bundling them in a struct would only rename them.
#[allow(clippy::too_many_arguments)]
pub async fn import_run(
    app: AppHandle,
    reg: State<'_, Register>,
    state: State<'_, ImportState>,
    kind: ImportKind,
    format: Option<ImportFormat>,
    map: Vec<(String, Option<Field>)>,
    skip_invalid: bool,
    language: Language,
) -> CmdResult<ImportReport> {
    state.cancel.store(false, Ordering::SeqCst);
    // The rows set aside are mended by whoever imports: in the window's language.
    let options = ImportOptions { format, map, skip_invalid, dry_run: false, language: Some(language) };
    let mut report = |p: kundvakt_core::import::ImportProgress| {
        Progress::send(&app, "import", p.bytes, p.total_bytes);
    };
    Ok(reg.import(&state.file()?, kind, &options, &mut report, &state.cancel).await?)
}

#[tauri::command]
pub async fn import_cancel(state: State<'_, ImportState>) -> CmdResult<()> {
    state.cancel.store(true, Ordering::SeqCst);
    Ok(())
}

/// The dates of the last financial year that has ended, on the shop's clock:
/// the period the export offers first.
#[tauri::command]
pub async fn last_fiscal_year(reg: State<'_, Register>) -> CmdResult<(NaiveDate, NaiveDate)> {
    let today = reg.today().await?;
    Ok(reg.last_fiscal_year(today).await?)
}

/// Where the user saves an export named `what` of a period; `None` when the
/// dialog was cancelled.
fn export_path(
    app: &AppHandle,
    what: &str,
    from: NaiveDate,
    to: NaiveDate,
    format: ExportFormat,
) -> CmdResult<Option<PathBuf>> {
    let (label, ext) = match format {
        ExportFormat::Csv => ("CSV", "csv"),
        ExportFormat::Json => ("JSON", "json"),
        ExportFormat::Sie => ("SIE", "si"),
    };
    save_path(app, &format!("{what}-{from}-{to}.{ext}"), label, ext)
}

/// The accountant's export, saved where the user chooses; `None` when the dialog was cancelled.
#[tauri::command]
pub async fn export_save(
    app: AppHandle,
    reg: State<'_, Register>,
    from: NaiveDate,
    to: NaiveDate,
    format: ExportFormat,
    decimal_comma: bool,
) -> CmdResult<Option<ExportSummary>> {
    let Some(path) = export_path(&app, "orders", from, to, format)? else { return Ok(None) };
    Ok(Some(reg.export_orders(from, to, format, decimal_comma, &path).await?))
}

/// The invoice journal (invoices, reminders, credit notes), saved where the
/// user chooses; `None` when the dialog was cancelled.
#[tauri::command]
pub async fn export_invoices_save(
    app: AppHandle,
    reg: State<'_, Register>,
    from: NaiveDate,
    to: NaiveDate,
    format: ExportFormat,
    decimal_comma: bool,
) -> CmdResult<Option<InvoiceExportSummary>> {
    let Some(path) = export_path(&app, "invoices", from, to, format)? else { return Ok(None) };
    Ok(Some(reg.export_invoices(from, to, format, decimal_comma, &path).await?))
}

/// The purposes consents have been given to, with how many consent to each now.
#[tauri::command]
pub async fn consent_purposes(reg: State<'_, Register>) -> CmdResult<Vec<ConsentPurpose>> {
    Ok(reg.consent_purposes().await?)
}

/// The mailing list of those who consent to `purpose` now, saved where the
/// user chooses; `None` when the dialog was cancelled.
#[tauri::command]
pub async fn consent_list_save(
    app: AppHandle,
    reg: State<'_, Register>,
    purpose: String,
) -> CmdResult<Option<ConsentListSummary>> {
    let today = reg.today().await?;
    let name: String = purpose.chars().map(|c| if c.is_alphanumeric() { c } else { '-' }).collect();
    let Some(path) = save_path(&app, &format!("{name}-{today}.csv"), "CSV", "csv")? else { return Ok(None) };
    Ok(Some(reg.export_consent_list(&purpose, &path).await?))
}
