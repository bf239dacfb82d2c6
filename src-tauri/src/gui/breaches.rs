//! The commands of the record of personal data breaches (GDPR Art. 33, 34)
//! and the customers each concerns: the core decides what may be recorded and when.

use kundvakt_core::breaches::concerned::references;
use kundvakt_core::breaches::{BreachStep, BreachView, ConcernChange, ConcernedPage, LettersWritten, NewBreach};
use kundvakt_core::reports::Format;
use kundvakt_core::values::{BreachId, CustomerId, Language};
use kundvakt_core::Register;
use std::sync::atomic::{AtomicBool, Ordering};
use tauri::{AppHandle, State};

use super::commands::{folder_path, positive, save_path, Progress};
use super::error::CmdResult;

/// The open breaches (with `all`, closed ones too), the nearest notification first.
#[tauri::command]
pub async fn breaches_list(reg: State<'_, Register>, all: bool) -> CmdResult<Vec<BreachView>> {
    Ok(reg.breaches(all).await?)
}

/// Records a breach (Art. 33(5)).
#[tauri::command]
pub async fn breach_record(reg: State<'_, Register>, breach: NewBreach) -> CmdResult<BreachView> {
    Ok(reg.record_breach(&breach).await?)
}

/// The authority notified, the people told, or the breach closed.
#[tauri::command]
pub async fn breach_step(reg: State<'_, Register>, id: i64, step: BreachStep) -> CmdResult<BreachView> {
    Ok(reg.breach_step(BreachId(positive(id, "id")?), &step).await?)
}

/// Links the customers typed in `add` (numbers or ids, separated by commas,
/// spaces or lines) to the breach, and unlinks `remove` (row ids).
#[tauri::command]
pub async fn breach_concern(
    reg: State<'_, Register>,
    id: i64,
    add: String,
    remove: Vec<i64>,
) -> CmdResult<ConcernChange> {
    let add = reg.find_customers(&references(&add, "customers")).await?;
    let remove: Vec<CustomerId> = remove.into_iter().map(CustomerId).collect();
    Ok(reg.breach_concern(BreachId(positive(id, "id")?), &add, &remove).await?)
}

/// Links every customer not erased to the breach (`everyone`), or unlinks
/// every customer; how many it concerns now.
#[tauri::command]
pub async fn breach_concern_all(reg: State<'_, Register>, id: i64, everyone: bool) -> CmdResult<i64> {
    Ok(reg.breach_concern_all(BreachId(positive(id, "id")?), everyone).await?)
}

/// The first customers the breach concerns, by number (a page the window
/// can draw, whatever the register's size), and how many in all.
#[tauri::command]
pub async fn breach_concerned(reg: State<'_, Register>, id: i64) -> CmdResult<ConcernedPage> {
    Ok(reg.breach_concerned_page(BreachId(positive(id, "id")?), Some(SHOWN)).await?)
}

/// A breach that concerns nobody has no letters or list to save: said before a dialog opens.
async fn someone_concerned(reg: &Register, id: BreachId) -> CmdResult<()> {
    if reg.breach_concerned_page(id, Some(0)).await?.total == 0 {
        let why = kundvakt_core::msg!("msg-breach-concerns-nobody", id);
        return Err(kundvakt_core::Error::Refused(why).into());
    }
    Ok(())
}

/// How many of a breach's customers the window lists.
const SHOWN: i64 = 200;

/// A letter to each customer the breach concerns, into a folder the user
/// picks (the native dialog); `None` when cancelled.
#[tauri::command]
pub async fn breach_letters_save(
    app: AppHandle,
    reg: State<'_, Register>,
    cancel: State<'_, LettersCancel>,
    id: i64,
    language: Option<Language>,
) -> CmdResult<Option<LettersWritten>> {
    let id = BreachId(positive(id, "id")?);
    someone_concerned(&reg, id).await?;
    let Some(dir) = folder_path(&app)? else {
        return Ok(None);
    };
    cancel.0.store(false, Ordering::SeqCst);
    let mut report = |p: kundvakt_core::breaches::LettersProgress| {
        Progress::send(&app, "letters", p.done, p.total);
    };
    Ok(Some(reg.breach_letters(id, &dir, language, Format::Pdf, &mut report, &cancel.0).await?))
}

/// The flag that stops the letters being written, between two letters.
#[derive(Default)]
pub struct LettersCancel(AtomicBool);

/// Stops the letters being written; those written stay.
#[tauri::command]
pub async fn breach_letters_cancel(cancel: State<'_, LettersCancel>) -> CmdResult<()> {
    cancel.0.store(true, Ordering::SeqCst);
    Ok(())
}

/// The mailing list of the customers the breach concerns (CSV), saved where
/// the user says; the path, or `None` when cancelled.
#[tauri::command]
pub async fn breach_recipients_save(app: AppHandle, reg: State<'_, Register>, id: i64) -> CmdResult<Option<String>> {
    let id = BreachId(positive(id, "id")?);
    someone_concerned(&reg, id).await?;
    let Some(path) = save_path(&app, &format!("breach-{id}-recipients.csv"), "CSV", "csv")? else {
        return Ok(None);
    };
    Ok(Some(reg.export_breach_recipients(id, &path).await?.path))
}
