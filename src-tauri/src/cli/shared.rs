//! `shared`: which register this computer opens, and moving its register
//! into a PostgreSQL database that several computers then share.

use clap::Subcommand;
use kundvakt_core::{Error, Location, Message, OpenMode, Register};

use super::{output, safety};
use crate::place;

#[derive(Debug, Subcommand)]
pub enum SharedCommand {
    /// Which register this computer opens, and why
    Show {
        /// Print the answer as JSON (for scripts) instead of text
        #[arg(long)]
        json: bool,
    },
    /// From now on open the shared register at URL (postgres://user:password@server/database), in the window and on the command line of this computer
    Use {
        /// The PostgreSQL database, postgres://USER@HOST/DATABASE
        url: String,
        /// Move this computer's register there first (the database must exist and be empty)
        #[arg(long = "move")]
        move_here: bool,
    },
    /// From now on open this computer's own register file again
    Leave,
    /// Delete the file this computer's register was moved from: a copy that erasures made since do not reach
    DeleteCopy {
        /// Confirm without asking (scripts)
        #[arg(long)]
        yes: bool,
    },
}

/// `location` is the register the command line would open; `named` whether
/// `--db` or `KUNDVAKT_DB` named it.
pub async fn run(location: &Location, named: bool, actor: &str, command: SharedCommand) -> Result<(), Error> {
    match command {
        SharedCommand::Show { json } => {
            let why = if named {
                "named by --db or KUNDVAKT_DB"
            } else if matches!(location, Location::Postgres(_)) {
                "the shared register chosen for this computer"
            } else {
                "this computer's own register file"
            };
            let copy = place::moved_from()?;
            if json {
                output::json(&serde_json::json!({
                    "register": location.display(), "why": why,
                    "moved_from": copy.as_ref().map(|p| p.display().to_string()),
                }))?;
            } else {
                say!("This computer opens {} ({why}).", location.display());
                if let Some(copy) = copy {
                    say!("The file its register was moved from is still at {}.", copy.display());
                }
            }
            Ok(())
        }
        SharedCommand::Use { url, move_here } => {
            let shared = kundvakt_core::sharing::shared_location(&url)?;
            if move_here {
                let key = safety::for_register(location)?;
                let source = Register::open_keyed(location, OpenMode::Existing, key.as_ref(), actor).await?;
                let moved = source.move_into(&shared).await;
                source.store().close().await;
                moved?.store().close().await;
            } else {
                Register::open_shared(&shared, actor).await?.store().close().await;
            }
            let moved_from = place::choose_shared(&shared, move_here.then_some(location))?;
            say!("This computer opens the shared register at {} from now on.", shared.display());
            if let Some(from) = moved_from {
                say!(
                    "The register at {} was moved there whole. The file is kept as it was, and nothing more is recorded in it (`kundvakt shared leave` takes it back into use); erasures made from now on do not reach it: delete it with `kundvakt shared delete-copy` once you have checked the shared register.",
                    from.display()
                );
            }
            Ok(())
        }
        SharedCommand::Leave => {
            // The file goes back into use: a move marked it, and the mark goes (audited).
            let own = place::this_computers()?;
            let taken_back = match &own {
                Location::Sqlite(path) if path.exists() => {
                    let key = safety::for_register(&own)?;
                    let file = Register::open_keyed(&own, OpenMode::Existing, key.as_ref(), actor).await?;
                    let taken = file.take_back().await;
                    file.store().close().await;
                    taken?
                }
                _ => false,
            };
            let own = place::choose_this_computers()?;
            say!("This computer opens its own register at {} from now on.", own.display());
            if taken_back {
                say!("It had been moved to a shared register: it holds what it held then, and is written to again.");
            }
            Ok(())
        }
        SharedCommand::DeleteCopy { yes } => {
            let Some(copy) = place::moved_from()? else {
                return Err(Error::Refused(Message::english(
                    "no file that a register was moved from is left on this computer",
                )));
            };
            if Location::Sqlite(copy.clone()) == *location {
                return Err(Error::Refused(Message::english(format!(
                    "{} is the register this computer opens",
                    copy.display()
                ))));
            }
            if !yes {
                return Err(Error::Refused(Message::english(format!(
                    "this deletes {}; confirm with --yes",
                    copy.display()
                ))));
            }
            kundvakt_core::store::cipher::delete_register_file(&copy)?;
            place::forget_moved_from()?;
            say!("Deleted {}.", copy.display());
            Ok(())
        }
    }
}
