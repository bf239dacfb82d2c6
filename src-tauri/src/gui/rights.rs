//! The commands of erasure, restriction, objection to the recording of web
//! activity, consent withdrawal, legal holds and the sweep. The window
//! previews first and confirms in a dialog; the core decides what goes.

use chrono::NaiveDate;
use kundvakt_core::processing::{Category, InformedRecipient};
use kundvakt_core::register::restriction::{Restriction, RestrictionGround};
use kundvakt_core::register::web_objection::WebObjection;
use kundvakt_core::register::Consent;
use kundvakt_core::retention::due::RecordKind;
use kundvakt_core::retention::erasure::ErasurePlan;
use kundvakt_core::retention::holds::{Hold, HoldView, LiftedHold};
use kundvakt_core::retention::sweep::{SweepCount, SweepListed, SweepPreview, SweepRun};
use kundvakt_core::values::{ConsentId, CustomerId, RequestId};
use kundvakt_core::Register;
use serde::Serialize;
use tauri::{AppHandle, State};

use super::commands::{positive, Progress};
use super::error::{invalid, CmdResult};

pub(crate) fn request_id(request: Option<i64>) -> CmdResult<Option<RequestId>> {
    Ok(request.map(|r| positive(r, "request")).transpose()?.map(RequestId))
}

#[tauri::command]
pub async fn erasure_preview(reg: State<'_, Register>, customer: i64, request: Option<i64>) -> CmdResult<ErasurePlan> {
    Ok(reg.erasure_preview(CustomerId(positive(customer, "customer")?), request_id(request)?).await?)
}

/// Erases a customer. `number` must repeat the customer's number: the dialog's
/// explicit confirmation, checked here rather than trusted to the page.
#[tauri::command]
pub async fn customer_erase(
    reg: State<'_, Register>,
    customer: i64,
    request: Option<i64>,
    number: String,
) -> CmdResult<ErasurePlan> {
    let id = CustomerId(positive(customer, "customer")?);
    let c = reg.customer(id).await?;
    if number.trim() != c.number {
        return Err(invalid("number", kundvakt_core::msg!("msg-confirm-erasure-number")));
    }
    Ok(reg.erase_customer(id, request_id(request)?).await?)
}

/// Whom a restriction of the customer's data (or, with `only`, a correction
/// of one category) must be told of (Art. 19).
#[tauri::command]
pub async fn customer_recipients(
    reg: State<'_, Register>,
    customer: i64,
    only: Option<Category>,
) -> CmdResult<Vec<InformedRecipient>> {
    Ok(reg.recipients_to_tell(CustomerId(positive(customer, "customer")?), only).await?)
}

#[tauri::command]
pub async fn customer_restrict(
    reg: State<'_, Register>,
    customer: i64,
    ground: RestrictionGround,
    request: Option<i64>,
    note: Option<String>,
) -> CmdResult<Restriction> {
    let id = CustomerId(positive(customer, "customer")?);
    Ok(reg.restrict_customer(id, ground, request_id(request)?, note.as_deref()).await?)
}

#[tauri::command]
pub async fn customer_unrestrict(
    reg: State<'_, Register>,
    customer: i64,
    notified_on: NaiveDate,
) -> CmdResult<Restriction> {
    Ok(reg.lift_restriction(CustomerId(positive(customer, "customer")?), notified_on).await?)
}

/// Stops recording the customer's web activity, for their objection `request` (Art. 21(1)).
#[tauri::command]
pub async fn web_stop(reg: State<'_, Register>, customer: i64, request: i64) -> CmdResult<WebObjection> {
    let (customer, request) = (CustomerId(positive(customer, "customer")?), RequestId(positive(request, "request")?));
    Ok(reg.stop_web_activity(customer, request).await?)
}

/// Records the customer's web activity again.
#[tauri::command]
pub async fn web_resume(reg: State<'_, Register>, customer: i64) -> CmdResult<WebObjection> {
    Ok(reg.resume_web_activity(CustomerId(positive(customer, "customer")?)).await?)
}

#[tauri::command]
pub async fn consent_withdraw(reg: State<'_, Register>, consent: i64, request: Option<i64>) -> CmdResult<Vec<Consent>> {
    Ok(reg.withdraw_consent(ConsentId(positive(consent, "consent")?), request_id(request)?).await?)
}

/// Legal holds in force, each with its record's number and customer.
#[tauri::command]
pub async fn holds_list(reg: State<'_, Register>) -> CmdResult<Vec<HoldView>> {
    Ok(reg.holds(false).await?)
}

/// Keeps a record, or all of a customer's records, from deletion while a dispute
/// or an authority's order lasts (Art. 17(3)(e)).
#[tauri::command]
pub async fn hold_add(reg: State<'_, Register>, entity: RecordKind, id: i64, reason: String) -> CmdResult<Hold> {
    Ok(reg.add_hold(entity, positive(id, "id")?, &reason).await?)
}

#[tauri::command]
pub async fn hold_lift(reg: State<'_, Register>, id: i64) -> CmdResult<LiftedHold> {
    Ok(reg.lift_hold(positive(id, "id")?).await?)
}

#[tauri::command]
pub async fn sweep_preview(reg: State<'_, Register>) -> CmdResult<SweepPreview> {
    let today = reg.today().await?;
    Ok(reg.sweep_preview(today).await?)
}

/// A finished sweep and what it did.
#[derive(Debug, Serialize, schemars::JsonSchema)]
pub struct SweepDone {
    pub run: SweepRun,
    pub counts: Vec<SweepCount>,
}

/// Sweeps what is due today, telling the window after each batch (`progress` events, task "sweep").
#[tauri::command]
pub async fn sweep_run(app: AppHandle, reg: State<'_, Register>) -> CmdResult<SweepDone> {
    let today = reg.today().await?;
    let mut report = |p: kundvakt_core::retention::sweep::SweepProgress| {
        Progress::send(&app, "sweep", p.done as u64, p.total as u64);
    };
    let run = reg.sweep(today, kundvakt_core::retention::sweep::Batching::Timed, &mut report).await?;
    let (run, counts) = reg.sweep_run(run.id).await?;
    Ok(SweepDone { run, counts })
}

/// Every sweep made, the newest first, each with what it removed; its summary is saved as any document.
#[tauri::command]
pub async fn sweeps(reg: State<'_, Register>) -> CmdResult<Vec<SweepListed>> {
    Ok(reg.sweeps().await?)
}
