//! The commands of the record of personal data breaches (GDPR Art. 33, 34):
//! the core decides what may be recorded and when.

use kundvakt_core::breaches::{BreachStep, BreachView, NewBreach};
use kundvakt_core::values::BreachId;
use kundvakt_core::Register;
use tauri::State;

use super::commands::positive;
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
