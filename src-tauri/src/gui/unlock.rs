//! The passphrase prompt of an encrypted register (Art. 32(1)(a)).
//!
//! When the register is encrypted and no `KUNDVAKT_PASSPHRASE` is set, the
//! window opens without a register: the page asks for the passphrase and
//! `register_unlock` opens the register with it, after which every other
//! command finds it managed. The passphrase stays in this process's memory
//! only; it is never written anywhere.

use kundvakt_core::{Location, Passphrase, Register};
use tauri::{AppHandle, Manager, State};

use super::error::CmdResult;

/// Where the register is and who works in it, for opening it once unlocked.
pub struct Unlock {
    pub location: Location,
    pub actor: String,
}

/// The register's place while it waits for its passphrase; None once open.
#[tauri::command]
pub fn register_locked(app: AppHandle, unlock: State<'_, Unlock>) -> Option<String> {
    match app.try_state::<Register>() {
        Some(_) => None,
        None => Some(unlock.location.display()),
    }
}

/// Opens the register with `passphrase`; a wrong one is the error
/// `wrong_passphrase`, and the page asks again.
#[tauri::command]
pub async fn register_unlock(app: AppHandle, unlock: State<'_, Unlock>, passphrase: String) -> CmdResult<()> {
    if app.try_state::<Register>().is_some() {
        return Ok(());
    }
    let key = Passphrase::new(passphrase)?;
    let reg = super::open(&unlock.location, Some(&key), &unlock.actor).await?;
    app.manage(reg);
    Ok(())
}
