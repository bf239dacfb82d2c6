//! The desktop window: Tauri 2 over the core. The register is opened (and on
//! first start created and given the privacy policy's defaults) before the
//! window appears; every command is a thin call into `kundvakt-core`.

mod commands;
mod error;
mod rights;
mod transfer;
pub mod types;

use std::process::ExitCode;

use kundvakt_core::register::InitOptions;
use kundvakt_core::values::{Language, ShopCountry};
use kundvakt_core::{Location, OpenMode, Register};

pub fn run(location: Location, actor: String) -> ExitCode {
    let opened = tauri::async_runtime::block_on(async {
        let reg = Register::open(&location, OpenMode::Create, &actor).await?;
        // First start: the system's language and country; both are settings after.
        let locale = sys_locale::get_locale().unwrap_or_default();
        reg.init(InitOptions { country: ShopCountry::from_locale(&locale), language: Language::from_locale(&locale) })
            .await?;
        Ok::<_, kundvakt_core::Error>(reg)
    });
    let reg = match opened {
        Ok(reg) => reg,
        Err(e) => {
            eprintln!("error: {e}");
            return ExitCode::from(if e.is_user() { 1 } else { 2 });
        }
    };
    let result = tauri::Builder::default()
        .plugin(tauri_plugin_dialog::init())
        .manage(reg)
        .manage(rights::Erasures::default())
        .manage(transfer::ImportState::default())
        .invoke_handler(tauri::generate_handler![
            commands::app_info,
            commands::customers_list,
            commands::customers_search,
            commands::customer_page,
            commands::customer_add,
            commands::customer_edit,
            commands::requests_list,
            commands::request_open,
            commands::request_step,
            commands::retention_due,
            commands::settings_get,
            commands::settings_set,
            commands::catalogue_get,
            commands::demo_create,
            commands::report_preview,
            commands::document_save,
            commands::processor_add,
            commands::processor_update,
            commands::processor_remove,
            rights::erasure_preview,
            rights::customer_erase,
            rights::customer_restrict,
            rights::customer_unrestrict,
            rights::consent_withdraw,
            rights::sweep_preview,
            rights::sweep_run,
            transfer::import_choose,
            transfer::import_preview,
            transfer::import_run,
            transfer::import_cancel,
            transfer::fiscal_year,
            transfer::export_save,
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
