//! The passphrase prompt of an encrypted register (Art. 32(1)(a)).
//!
//! When the register is encrypted and no `KUNDVAKT_PASSPHRASE` is set, the
//! window opens without a register: the page asks for the passphrase and
//! `register_unlock` opens the register with it, after which every other
//! command finds it managed. The passphrase stays in this process's memory
//! only; it is never written anywhere. From Settings, the open register is
//! encrypted, given a new passphrase, or stored plain again, in place.

use kundvakt_core::{Location, Passphrase, Register};
use tauri::{AppHandle, Manager, State};

use super::error::{invalid, CmdResult};

/// Where the register is and who works in it, for opening it once unlocked.
pub struct Unlock {
    pub location: Location,
    pub actor: String,
    /// Named by --db or KUNDVAKT_DB rather than chosen (see `crate::place`).
    pub named: bool,
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
    super::prepare_list(&reg);
    app.manage(reg);
    Ok(())
}

/// Encrypts the open register under `new`, changes its passphrase to `new`,
/// or with `new` None stores it plain again; `current` is its passphrase
/// now, when it has one. Returns whether it is encrypted afterwards.
#[tauri::command]
pub async fn register_passphrase(
    reg: State<'_, Register>,
    current: Option<String>,
    new: Option<String>,
) -> CmdResult<bool> {
    let current = match current.filter(|c| !c.is_empty()) {
        Some(c) => {
            Some(Passphrase::new(c).map_err(|_| invalid("current", kundvakt_core::msg!("msg-give-passphrase")))?)
        }
        None => None,
    };
    let new = new.map(Passphrase::new_key).transpose()?;
    reg.set_passphrase(current.as_ref(), new.as_ref()).await?;
    Ok(reg.store().encrypted())
}
