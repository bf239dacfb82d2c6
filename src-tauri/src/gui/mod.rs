//! The desktop window: Tauri 2 over the core. The register is opened (and on
//! first start created and given the privacy policy's defaults) before the
//! window appears; every command is a thin call into `kundvakt-core`.

mod breaches;
mod commands;
mod error;
mod rights;
mod safety;
mod sharing;
mod transfer;
pub mod types;
mod unlock;

use std::process::ExitCode;

use kundvakt_core::register::InitOptions;
use kundvakt_core::store::cipher::FileState;
use kundvakt_core::values::{Language, ShopCountry};
use kundvakt_core::{Location, OpenMode, Passphrase, Register};

pub fn run(location: Location, named: bool, actor: String) -> ExitCode {
    let key = match std::env::var("KUNDVAKT_PASSPHRASE") {
        Ok(text) if !text.is_empty() => match Passphrase::new(text) {
            Ok(k) => Some(k),
            Err(e) => return fail(&e),
        },
        _ => None,
    };
    // An encrypted register without its passphrase: the page asks for it (unlock.rs).
    let locked = match &location {
        Location::Sqlite(path) => {
            key.is_none() && matches!(kundvakt_core::store::cipher::file_state(path), Ok(FileState::Encrypted))
        }
        Location::Postgres(_) => false,
    };
    let reg = if locked {
        None
    } else {
        match tauri::async_runtime::block_on(open(&location, key.as_ref(), &actor)) {
            Ok(reg) => Some(reg),
            Err(e) => return fail(&e),
        }
    };
    let mut builder = tauri::Builder::default().manage(unlock::Unlock { location, actor, named });
    if let Some(reg) = reg {
        prepare_list(&reg);
        builder = builder.manage(reg);
    }
    let result = builder
        .plugin(tauri_plugin_dialog::init())
        .manage(transfer::ImportState::default())
        .manage(breaches::LettersCancel::default())
        .invoke_handler(tauri::generate_handler![
            unlock::register_locked,
            unlock::register_unlock,
            unlock::register_passphrase,
            sharing::register_place,
            sharing::register_share,
            sharing::register_leave,
            sharing::register_delete_copy,
            commands::app_info,
            commands::customers_list,
            commands::customers_list_version,
            commands::customers_search,
            commands::customers_look_up,
            commands::customer_page,
            commands::customer_find,
            commands::customer_add,
            commands::customer_edit,
            commands::customer_shop_number_add,
            commands::customer_merge,
            commands::customer_unmerge,
            commands::customer_unmerge_preview,
            commands::customer_merge_preview,
            commands::customer_shop_number_remove,
            commands::interaction_add,
            commands::interaction_close,
            commands::note_erasure_preview,
            commands::note_erase,
            commands::note_hold_back,
            commands::interaction_move,
            commands::signup_erasure_preview,
            commands::signup_erase,
            commands::signup_hold_back,
            commands::web_erasure_preview,
            commands::web_erase,
            commands::web_event_erase_preview,
            commands::web_event_erase,
            commands::interaction_edit,
            commands::order_status,
            commands::order_sheet,
            commands::order_add,
            commands::order_totals,
            commands::next_number,
            commands::invoice_add,
            commands::registration_add,
            commands::registration_status,
            commands::consent_give,
            commands::requests_list,
            commands::requests_save,
            commands::category_change,
            commands::request_detail,
            commands::request_open,
            commands::request_link,
            commands::request_step,
            commands::retention_view,
            commands::retention_rule_texts,
            commands::settings_get,
            commands::settings_set,
            commands::financial_years,
            commands::settings_problems,
            commands::settings_history,
            commands::catalogue_get,
            commands::demo_create,
            commands::report_preview,
            commands::report_past_due,
            commands::document_save,
            commands::privacy_notice_save,
            commands::privacy_notice_state,
            commands::processor_add,
            commands::processor_update,
            commands::processor_remove,
            commands::assessment_add,
            commands::assessment_update,
            commands::assessment_remove,
            rights::erasure_preview,
            rights::customer_erase,
            rights::customer_recipients,
            rights::customer_restrict,
            rights::customer_unrestrict,
            rights::web_stop,
            rights::web_resume,
            rights::consent_withdraw,
            rights::holds_list,
            rights::hold_add,
            rights::hold_lift,
            breaches::breaches_list,
            breaches::breach_record,
            breaches::breach_step,
            breaches::breach_concern,
            breaches::breach_concerned,
            breaches::breach_concern_all,
            breaches::breach_letters_save,
            breaches::breach_letters_cancel,
            breaches::breach_recipients_save,
            safety::backups_list,
            safety::backup_save,
            safety::audit_verify,
            safety::audit_file_check,
            safety::audit_trail,
            safety::audit_trail_save,
            safety::backup_choose,
            safety::backup_restore,
            rights::sweep_preview,
            rights::sweep_run,
            rights::sweeps,
            transfer::import_choose,
            transfer::import_preview,
            transfer::import_run,
            transfer::import_cancel,
            transfer::last_fiscal_year,
            transfer::export_save,
            transfer::export_invoices_save,
            transfer::consent_purposes,
            transfer::consent_list_save,
        ])
        .run(tauri::generate_context!());
    match result {
        Ok(()) => ExitCode::SUCCESS,
        Err(e) => {
            eprintln!("internal error: the window failed: {e}");
            ExitCode::from(2)
        }
    }
}

/// Opens (on first start: creates) the register, and gives a new one the
/// system's language and country; both are settings after.
async fn open(location: &Location, key: Option<&Passphrase>, actor: &str) -> kundvakt_core::Result<Register> {
    let reg = Register::open_keyed(location, OpenMode::Create, key, actor).await?;
    let locale = sys_locale::get_locale().unwrap_or_default();
    reg.init(InitOptions { country: ShopCountry::from_locale(&locale), language: Language::from_locale(&locale) })
        .await?;
    Ok(reg)
}

/// Makes the customer list's marks in the background, so that the list is
/// quick from the first scroll on (a million customers take about a second).
/// A failure is no matter: the list makes them itself when it needs them.
fn prepare_list(reg: &Register) {
    let reg = reg.clone();
    tauri::async_runtime::spawn(async move {
        let _ = reg.prepare_list().await;
    });
}

fn fail(e: &kundvakt_core::Error) -> ExitCode {
    eprintln!("error: {e}");
    ExitCode::from(if e.is_user() { 1 } else { 2 })
}
