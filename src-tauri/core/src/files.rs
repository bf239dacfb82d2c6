//! The files Kundvakt writes where the user says: a document, an export, a
//! backup, a folder of letters. Their place is checked before anything is
//! recorded, so that a register never notes a copy made, a customer erased or
//! a sweep run whose file then could not be written; and a file is written
//! under a hidden name beside its place and renamed into it only when whole.

use std::path::{Path, PathBuf};

use crate::error::{Error, Result};

fn refused(path: &Path, reason: impl Into<String>) -> Error {
    Error::File { path: path.display().to_string(), reason: reason.into() }
}

/// The folder a file is written into; `.` for a bare file name.
pub fn folder_of(path: &Path) -> &Path {
    path.parent().filter(|d| !d.as_os_str().is_empty()).unwrap_or(Path::new("."))
}

/// A folder files are to be written into exists.
pub fn check_folder(dir: &Path) -> Result<()> {
    if dir.is_dir() {
        return Ok(());
    }
    let what = if dir.exists() { "not a folder" } else { "no such folder: create it first, or choose another" };
    Err(refused(dir, what))
}

/// `path` can be written: its folder exists and it names a file, not a
/// folder. Whether a file there may be replaced is the caller's to say
/// ([`check_new`]).
pub fn check_target(path: &Path) -> Result<()> {
    if path.is_dir() {
        return Err(refused(path, "a folder: give the file's name in it"));
    }
    if path.file_name().is_none() {
        return Err(refused(path, "not a file name"));
    }
    check_folder(folder_of(path))
}

/// `path` can be written and holds no file yet: what was written there
/// before (a copy sent to a person, the accountant's file of last year) is
/// not replaced unless the user says so. `how_to_replace` tells how, where
/// there is a way (`or add --force to replace it`).
pub fn check_new(path: &Path, how_to_replace: Option<&str>) -> Result<()> {
    check_target(path)?;
    if path.exists() {
        let how = how_to_replace.map(|h| format!(", {h}")).unwrap_or_default();
        return Err(refused(path, format!("exists already: choose another name{how}")));
    }
    Ok(())
}

/// The hidden file beside `path` that is written first.
pub fn partial_of(path: &Path) -> Result<PathBuf> {
    let name = path.file_name().ok_or_else(|| refused(path, "not a file name"))?;
    Ok(folder_of(path).join(format!(".{}.partial", name.to_string_lossy())))
}

/// Writes `bytes` to `path` whole or not at all; a file there is replaced.
pub fn write_whole(path: &Path, bytes: &[u8]) -> Result<()> {
    check_target(path)?;
    let partial = partial_of(path)?;
    let result = std::fs::write(&partial, bytes).and_then(|()| std::fs::rename(&partial, path));
    if let Err(e) = result {
        let _ = std::fs::remove_file(&partial);
        return Err(refused(path, e.to_string()));
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_place_is_checked_before_it_is_written() {
        let dir = tempfile::tempdir().expect("dir");
        let file = dir.path().join("kopia.pdf");
        let reason = |e: Error| match e {
            Error::File { reason, .. } => reason,
            other => panic!("a file error, not {other}"),
        };
        assert!(check_new(&file, None).is_ok());
        write_whole(&file, b"first").expect("written");
        assert_eq!(
            reason(check_new(&file, Some("or add --force to replace it")).expect_err("refused")),
            "exists already: choose another name, or add --force to replace it"
        );
        assert!(check_target(&file).is_ok(), "replacing is the caller's to allow");
        write_whole(&file, b"second").expect("replaced");
        assert_eq!(std::fs::read(&file).expect("read"), b"second");
        assert_eq!(reason(check_target(dir.path()).expect_err("refused")), "a folder: give the file's name in it");
        let nowhere = dir.path().join("saknas").join("kopia.pdf");
        assert!(reason(check_target(&nowhere).expect_err("refused")).starts_with("no such folder"));
        assert!(reason(check_folder(&file).expect_err("refused")).starts_with("not a folder"));
        assert!(write_whole(&nowhere, b"x").is_err());
        let left: Vec<_> = std::fs::read_dir(dir.path()).expect("dir").filter_map(|e| e.ok()).collect();
        assert_eq!(left.len(), 1, "no partial file stays: {left:?}");
    }
}
