//! Which register this computer opens: the one `--db` or `KUNDVAKT_DB`
//! names; otherwise the shared register chosen in the app's settings (kept
//! in `register.json` in the user's configuration folder); otherwise the
//! register file in the user's data folder. The window and the command line
//! read the same choice.

use std::path::{Path, PathBuf};

use kundvakt_core::{Error, Location};
use serde::{Deserialize, Serialize};

/// What the configuration file holds.
#[derive(Debug, Default, Serialize, Deserialize)]
struct Saved {
    /// The register this computer opens: a shared one's `postgres://` URL,
    /// or (gone back to it) the file its register was moved from.
    register: Option<String>,
    /// The file this computer's register was moved from, until it is deleted.
    moved_from: Option<PathBuf>,
}

fn dirs() -> Result<directories::ProjectDirs, Error> {
    directories::ProjectDirs::from("se", "Kundvakt", "Kundvakt")
        .ok_or_else(|| Error::Internal("cannot find your user folders; give --db".into()))
}

fn config_file() -> Result<PathBuf, Error> {
    Ok(dirs()?.config_dir().join("register.json"))
}

fn file_error(path: &Path, reason: impl ToString) -> Error {
    Error::File { path: path.display().to_string(), reason: reason.to_string() }
}

fn read() -> Result<Saved, Error> {
    let path = config_file()?;
    match std::fs::read_to_string(&path) {
        Ok(text) => serde_json::from_str(&text).map_err(|e| file_error(&path, format!("is not readable: {e}"))),
        Err(e) if e.kind() == std::io::ErrorKind::NotFound => Ok(Saved::default()),
        Err(e) => Err(file_error(&path, e)),
    }
}

/// Writes the file whole (a new file renamed over the old), readable by this
/// user alone: a shared register's address carries its password.
fn write(saved: &Saved) -> Result<(), Error> {
    let path = config_file()?;
    let dir = path.parent().unwrap_or(Path::new("."));
    std::fs::create_dir_all(dir).map_err(|e| file_error(dir, e))?;
    let partial = dir.join(".register.json.partial");
    let text = serde_json::to_string_pretty(saved).map_err(|e| Error::Internal(e.to_string()))?;
    let mut options = std::fs::OpenOptions::new();
    options.write(true).create(true).truncate(true);
    #[cfg(unix)]
    std::os::unix::fs::OpenOptionsExt::mode(&mut options, 0o600);
    let written = options.open(&partial).and_then(|mut f| std::io::Write::write_all(&mut f, text.as_bytes()));
    written.and_then(|()| std::fs::rename(&partial, &path)).map_err(|e| {
        let _ = std::fs::remove_file(&partial);
        file_error(&path, e)
    })
}

/// The register file in this user's data folder.
fn data_folder_register() -> Result<Location, Error> {
    Ok(Location::Sqlite(dirs()?.data_dir().join("register.db")))
}

/// This computer's own register: the file its register was moved from while
/// that is still there, else the register file in the user's data folder.
pub fn this_computers() -> Result<Location, Error> {
    match moved_from()? {
        Some(file) => Ok(Location::Sqlite(file)),
        None => data_folder_register(),
    }
}

/// The register to open when neither `--db` nor `KUNDVAKT_DB` names one.
pub fn default_location() -> Result<Location, Error> {
    match read()?.register {
        Some(register) => Ok(Location::parse(&register)),
        None => data_folder_register(),
    }
}

/// From now on this computer opens `shared`; `moved_from` is the register
/// that was moved there, when one was. Returns the file left behind by the
/// move, if it was one.
pub fn choose_shared(shared: &Location, moved_from: Option<&Location>) -> Result<Option<PathBuf>, Error> {
    let Location::Postgres(url) = shared else {
        return Err(Error::Internal("only a shared register is chosen".into()));
    };
    let file = match moved_from {
        Some(Location::Sqlite(path)) => Some(path.clone()),
        _ => None,
    };
    let earlier = read()?.moved_from;
    write(&Saved { register: Some(url.clone()), moved_from: file.clone().or(earlier) })?;
    Ok(file)
}

/// From now on this computer opens its own register again ([`this_computers`]).
pub fn choose_this_computers() -> Result<Location, Error> {
    let own = this_computers()?;
    let saved = read()?;
    let register = match (&own, &saved.moved_from) {
        (Location::Sqlite(file), Some(from)) if file == from => Some(file.display().to_string()),
        _ => None,
    };
    write(&Saved { register, moved_from: saved.moved_from })?;
    Ok(own)
}

/// The file this computer's register was moved from, if it is still there.
pub fn moved_from() -> Result<Option<PathBuf>, Error> {
    Ok(read()?.moved_from.filter(|p| p.exists()))
}

/// Forgets the moved-from file, once it is deleted.
pub fn forget_moved_from() -> Result<(), Error> {
    let saved = read()?;
    write(&Saved { register: saved.register, moved_from: None })
}
