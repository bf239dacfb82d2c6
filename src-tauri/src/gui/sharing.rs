//! Settings → where the register is. The window moves its register into a
//! PostgreSQL database that several computers share, or connects to one that
//! holds a register, goes back to this computer's own file, and deletes the
//! file a register was moved from. The choice is this computer's
//! (`crate::place`): the window and the command line open it from then on.

use kundvakt_core::{Backend, Location, OpenMode, Passphrase, Register};
use serde::Serialize;
use tauri::State;

use super::error::CmdResult;
use super::unlock::Unlock;
use crate::place;

/// Where the window's register is, and what this computer chose.
#[derive(Debug, Serialize, schemars::JsonSchema)]
pub struct RegisterPlace {
    /// The open register: a file, or a shared register's address without its password.
    pub register: String,
    pub backend: Backend,
    /// Where this computer's own register file is.
    pub this_computers: String,
    /// The window was started with --db or KUNDVAKT_DB, which a choice made
    /// here does not override: it applies when Kundvakt starts without them.
    pub named_at_start: bool,
    /// The file this computer's register was moved from, while it is there.
    pub moved_from: Option<String>,
}

fn place_of(reg: &Register, unlock: &Unlock) -> CmdResult<RegisterPlace> {
    Ok(RegisterPlace {
        register: reg.store().location().display(),
        backend: reg.store().backend(),
        this_computers: place::this_computers()?.display(),
        named_at_start: unlock.named,
        moved_from: place::moved_from()?.map(|p| p.display().to_string()),
    })
}

#[tauri::command]
pub fn register_place(reg: State<'_, Register>, unlock: State<'_, Unlock>) -> CmdResult<RegisterPlace> {
    place_of(&reg, &unlock)
}

/// Goes on with the shared register at `url`: with `move_here`, this
/// register is moved there first (the database must be empty); without,
/// the register there is opened. This computer opens it from then on.
#[tauri::command]
pub async fn register_share(
    reg: State<'_, Register>,
    unlock: State<'_, Unlock>,
    url: String,
    move_here: bool,
) -> CmdResult<RegisterPlace> {
    let shared = kundvakt_core::sharing::shared_location(&url)?;
    let from = reg.store().location();
    if move_here {
        reg.move_and_go_on(&shared).await?;
    } else {
        let other = Register::open_shared(&shared, reg.actor()).await?;
        reg.go_on_with(other).await;
    }
    place::choose_shared(&shared, move_here.then_some(&from))?;
    place_of(&reg, &unlock)
}

/// Goes back to this computer's own register file (its passphrase, when
/// it is encrypted); this computer opens it from then on.
#[tauri::command]
pub async fn register_leave(
    reg: State<'_, Register>,
    unlock: State<'_, Unlock>,
    passphrase: Option<String>,
) -> CmdResult<RegisterPlace> {
    let own = place::this_computers()?;
    let key = passphrase.filter(|p| !p.is_empty()).map(Passphrase::new).transpose()?;
    let other = Register::open_keyed(&own, OpenMode::Existing, key.as_ref(), reg.actor()).await?;
    // Written to again: a move marked the file, and the mark goes (audited).
    if let Err(e) = other.take_back().await {
        other.store().close().await;
        return Err(e.into());
    }
    place::choose_this_computers()?;
    reg.go_on_with(other).await;
    place_of(&reg, &unlock)
}

/// Deletes the file this computer's register was moved from, unless it is
/// the register open now.
#[tauri::command]
pub fn register_delete_copy(reg: State<'_, Register>, unlock: State<'_, Unlock>) -> CmdResult<RegisterPlace> {
    let Some(copy) = place::moved_from()? else { return place_of(&reg, &unlock) };
    if reg.store().location() == Location::Sqlite(copy.clone()) {
        let path = copy.display();
        return Err(kundvakt_core::Error::Refused(kundvakt_core::msg!("msg-moved-copy-open", path)).into());
    }
    kundvakt_core::store::cipher::delete_register_file(&copy)?;
    place::forget_moved_from()?;
    place_of(&reg, &unlock)
}
