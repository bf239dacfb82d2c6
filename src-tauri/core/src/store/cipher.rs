//! Encryption at rest of the SQLite register (GDPR Art. 32(1)(a)).
//!
//! The SQLite library linked into Kundvakt is SQLCipher: with a key, every page
//! of the file, its write-ahead log and its copies (`VACUUM INTO`) is encrypted
//! with AES-256; the key is derived from the passphrase (PBKDF2-HMAC-SHA512,
//! SQLCipher 4's defaults) on every connection and never written anywhere.
//! Without a key the same library reads and writes ordinary SQLite files.
//!
//! Changing the passphrase, encrypting a plain register and restoring a backup
//! all go through one primitive, [`export`]: `sqlcipher_export` copies every
//! table, index and the schema version into a new file under a new key, and the
//! new file replaces the old by a rename, so the register is whole before and
//! after and never half re-encrypted.

use std::fmt;
use std::io::Read;
use std::path::{Path, PathBuf};

use sqlx::sqlite::SqliteConnectOptions;
use sqlx::{ConnectOptions, Connection, SqliteConnection};

use crate::error::{Error, Result};

/// The passphrase of an encrypted register. Never printed, never stored.
#[derive(Clone, PartialEq, Eq)]
pub struct Passphrase(String);

/// The shortest passphrase accepted for a new key: the key derivation slows a
/// guesser down, it does not make a short passphrase strong.
pub const MIN_PASSPHRASE_CHARS: usize = 8;

impl Passphrase {
    /// Any passphrase (to open a register whose key was set earlier).
    pub fn new(text: impl Into<String>) -> Result<Passphrase> {
        let text = text.into();
        if text.is_empty() {
            return Err(Error::invalid("passphrase", crate::msg!("msg-is-empty")));
        }
        if text.contains('\0') {
            return Err(Error::invalid("passphrase", crate::msg!("msg-passphrase-nul")));
        }
        Ok(Passphrase(text))
    }

    /// A passphrase for a new key: long enough to be worth having.
    pub fn new_key(text: impl Into<String>) -> Result<Passphrase> {
        let p = Passphrase::new(text)?;
        if p.0.chars().count() < MIN_PASSPHRASE_CHARS {
            return Err(Error::invalid("passphrase", crate::msg!("msg-passphrase-short", min = MIN_PASSPHRASE_CHARS)));
        }
        Ok(p)
    }

    /// Whether `other` is the same passphrase, compared by digest so that the
    /// time taken says nothing about how much of it was right.
    pub(crate) fn matches(&self, other: &Passphrase) -> bool {
        use sha2::{Digest, Sha256};
        Sha256::digest(self.0.as_bytes()) == Sha256::digest(other.0.as_bytes())
    }

    /// The passphrase as an SQL string literal, for `PRAGMA key` and `ATTACH ... KEY`
    /// (neither takes a bound parameter).
    pub(crate) fn literal(&self) -> String {
        format!("'{}'", self.0.replace('\'', "''"))
    }
}

/// The memory that held a passphrase is overwritten when it goes, so that it
/// does not linger for a memory dump or a swap file. (Copies handed to
/// SQLCipher's `PRAGMA key`, which sqlx keeps to reconnect, are out of reach.)
impl Drop for Passphrase {
    fn drop(&mut self) {
        zeroize::Zeroize::zeroize(&mut self.0);
    }
}

impl fmt::Debug for Passphrase {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str("Passphrase(***)")
    }
}

/// What is at a register path, read from the first bytes of the file.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum FileState {
    /// Nothing there (or an empty file): a register can be created.
    Missing,
    /// An ordinary SQLite file: its header is readable text.
    Plain,
    /// Not an SQLite header, and whole pages of random-looking bytes: an
    /// encrypted register (or something that only a key can tell from one).
    Encrypted,
    /// Neither: a text file, a spreadsheet, ... never a register.
    Foreign,
}

const SQLITE_HEADER: &[u8; 16] = b"SQLite format 3\0";

pub fn file_state(path: &Path) -> Result<FileState> {
    let mut file = match std::fs::File::open(path) {
        Ok(f) => f,
        Err(e) if e.kind() == std::io::ErrorKind::NotFound => return Ok(FileState::Missing),
        Err(e) => return Err(Error::File { path: path.display().to_string(), reason: e.to_string() }),
    };
    let len = file.metadata().map(|m| m.len()).unwrap_or(0);
    let mut header = [0u8; 16];
    let mut read = 0;
    while read < header.len() {
        match file.read(&mut header[read..]) {
            Ok(0) => break,
            Ok(n) => read += n,
            Err(e) => return Err(Error::File { path: path.display().to_string(), reason: e.to_string() }),
        }
    }
    Ok(match read {
        0 => FileState::Missing,
        _ if &header == SQLITE_HEADER => FileState::Plain,
        // SQLCipher writes whole pages (512 to 65 536 bytes, powers of two).
        _ if len >= 512 && len % 512 == 0 => FileState::Encrypted,
        _ => FileState::Foreign,
    })
}

/// The error for a file that is no SQLite database at all.
pub fn not_a_database(path: &Path) -> Error {
    Error::NotARegister { path: path.display().to_string(), detail: " (not an SQLite database)".into() }
}

/// Connection options for a register file under `key` (or none).
pub(crate) fn options(path: &Path, key: Option<&Passphrase>) -> SqliteConnectOptions {
    let options = SqliteConnectOptions::new().filename(path);
    match key {
        // sqlx runs the `key` pragma first on every connection, before anything reads the file.
        Some(k) => options.pragma("key", k.literal()),
        None => options,
    }
}

/// The error of a connection that could not read the file: with a key, a wrong
/// passphrase (SQLCipher cannot tell that from a file that is no database).
pub(crate) fn open_error(path: &Path, key: Option<&Passphrase>, e: sqlx::Error) -> Error {
    match &e {
        sqlx::Error::Database(d) if d.code().as_deref() == Some("26") => match key {
            Some(_) => Error::WrongPassphrase(path.display().to_string()),
            None => {
                Error::NotARegister { path: path.display().to_string(), detail: " (not an SQLite database)".into() }
            }
        },
        sqlx::Error::Database(d) if d.code().as_deref() == Some("14") => {
            Error::File { path: path.display().to_string(), reason: "cannot open the file".into() }
        }
        _ => Error::from(e),
    }
}

/// One connection to a register file, for the operations that work on the file
/// as a whole (export, restore) rather than through the pool.
pub(crate) async fn connect(path: &Path, key: Option<&Passphrase>) -> Result<SqliteConnection> {
    if !path.is_file() {
        return Err(Error::File { path: path.display().to_string(), reason: "no such file".into() });
    }
    // "Create" only so that ATTACH (in `export`) may create its target: the
    // connection's open flags are the attached file's too.
    let mut conn = options(path, key).create_if_missing(true).connect().await.map_err(|e| open_error(path, key, e))?;
    // SQLCipher reads the first page only on the first statement: this is where
    // a wrong key shows.
    sqlx::query("SELECT count(*) FROM sqlite_master").execute(&mut conn).await.map_err(|e| open_error(path, key, e))?;
    Ok(conn)
}

/// Copies the whole database open on `conn` into a new file `target` under
/// `key` (`None`: a plain SQLite file). The caller holds whatever lock keeps
/// the source still; the target must not exist.
pub(crate) async fn export(conn: &mut SqliteConnection, target: &Path, key: Option<&Passphrase>) -> Result<()> {
    let key_literal = key.map(Passphrase::literal).unwrap_or_else(|| "''".to_owned());
    sqlx::query(&format!("ATTACH DATABASE $1 AS target KEY {key_literal}"))
        .bind(target.to_string_lossy().into_owned())
        .execute(&mut *conn)
        .await?;
    let copied = sqlx::query("SELECT sqlcipher_export('target')").execute(&mut *conn).await;
    let detached = sqlx::query("DETACH DATABASE target").execute(&mut *conn).await;
    copied?;
    detached?;
    Ok(())
}

/// A name beside `path` for a file that becomes `path` by a rename.
pub(crate) fn sibling(path: &Path, suffix: &str) -> PathBuf {
    let name = path.file_name().map(|n| n.to_string_lossy().into_owned()).unwrap_or_else(|| "register".into());
    path.with_file_name(format!(".{name}.{suffix}"))
}

/// Removes a file that is not (or no longer) to become the register, with the
/// write-ahead log and shared-memory files SQLite may have left beside it.
pub(crate) fn discard(path: &Path) {
    for suffix in ["", "-wal", "-shm", "-journal"] {
        let _ = std::fs::remove_file(format!("{}{suffix}", path.display()));
    }
}

/// Deletes a register file that nothing uses any more (the one a register
/// was moved from), with the files SQLite keeps beside it. Refuses anything
/// that is not an SQLite register file, plain or encrypted.
pub fn delete_register_file(path: &Path) -> Result<()> {
    match file_state(path)? {
        FileState::Plain | FileState::Encrypted => {}
        FileState::Missing => {
            return Err(Error::File { path: path.display().to_string(), reason: "no such file".into() })
        }
        FileState::Foreign => return Err(not_a_database(path)),
    }
    std::fs::remove_file(path).map_err(|e| Error::File { path: path.display().to_string(), reason: e.to_string() })?;
    discard(path);
    Ok(())
}

/// Replaces the register file at `path` with `new`: the write-ahead log and
/// shared-memory files of the old one go with it (they belong to its pages).
pub(crate) fn replace(new: &Path, path: &Path) -> Result<()> {
    let file_error = |p: &Path, e: std::io::Error| Error::File { path: p.display().to_string(), reason: e.to_string() };
    for suffix in ["-wal", "-shm"] {
        let side = PathBuf::from(format!("{}{suffix}", path.display()));
        match std::fs::remove_file(&side) {
            Ok(()) => {}
            Err(e) if e.kind() == std::io::ErrorKind::NotFound => {}
            Err(e) => return Err(file_error(&side, e)),
        }
    }
    std::fs::rename(new, path).map_err(|e| file_error(path, e))
}

/// A connection that alone holds the register file, from the moment it is
/// taken until the file is replaced: leaving WAL mode needs the only
/// connection (so it refuses while the app or another program has the register
/// open), and the exclusive locking mode then keeps every other reader and
/// writer out.
pub(crate) struct Exclusive(SqliteConnection);

pub(crate) async fn exclusive(path: &Path, key: Option<&Passphrase>) -> Result<Exclusive> {
    let mut conn = connect(path, key).await?;
    let busy = |e: sqlx::Error| match &e {
        sqlx::Error::Database(d) if matches!(d.code().as_deref(), Some("5") | Some("6")) => {
            Error::Refused(crate::msg!("msg-register-busy", path = path.display()))
        }
        _ => Error::from(e),
    };
    // A program that closed the register a moment ago (the app, a command) may
    // still be letting its connections go (seen taking over two seconds under
    // load): wait up to ten, for every step of taking the lock (a lingering
    // connection can stand in the way of any). This process's own pools are
    // closed whole by `store::close_pool`.
    let mut tries = 0;
    loop {
        let mut taken = Ok(());
        for step in ["PRAGMA journal_mode = DELETE", "PRAGMA locking_mode = EXCLUSIVE", "BEGIN EXCLUSIVE", "COMMIT"] {
            taken = sqlx::query(step).execute(&mut conn).await.map(|_| ());
            if taken.is_err() {
                break;
            }
        }
        let Err(e) = taken else { return Ok(Exclusive(conn)) };
        // A transaction that began and then could not go on is not left open.
        let _ = sqlx::query("ROLLBACK").execute(&mut conn).await;
        tries += 1;
        match busy(e) {
            Error::Refused(_) if tries < 100 => tokio::time::sleep(std::time::Duration::from_millis(100)).await,
            other => return Err(other),
        }
    }
}

impl Exclusive {
    /// Puts `new` in the place of the held file `path`, then lets go.
    pub(crate) async fn replace_with(self, new: &Path, path: &Path) -> Result<()> {
        // Windows renames no open file: there the lock ends a moment early.
        #[cfg(windows)]
        self.0.close().await?;
        if let Err(e) = replace(new, path) {
            discard(new);
            return Err(e);
        }
        #[cfg(not(windows))]
        self.0.close().await?;
        Ok(())
    }
}

/// Re-keys the register file at `path` from `old` to `new` (either may be
/// `None`: plain), through a new file that must open under the new key before
/// it replaces the old one.
pub(crate) async fn rekey(path: &Path, old: Option<&Passphrase>, new: Option<&Passphrase>) -> Result<()> {
    let mut held = exclusive(path, old).await?;
    let target = sibling(path, "rekey");
    discard(&target);
    let copied = async {
        export(&mut held.0, &target, new).await?;
        let mut c = connect(&target, new).await?;
        let ok: String = sqlx::query_scalar("PRAGMA integrity_check").fetch_one(&mut c).await?;
        c.close().await?;
        if ok == "ok" {
            Ok(())
        } else {
            Err(Error::Internal(format!("the re-keyed copy failed its integrity check: {ok}")))
        }
    };
    if let Err(e) = copied.await {
        discard(&target);
        return Err(e);
    }
    held.replace_with(&target, path).await
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_passphrase_is_never_printed() {
        let p = Passphrase::new("hemlig fras").expect("valid");
        assert_eq!(format!("{p:?}"), "Passphrase(***)");
    }

    #[test]
    fn quotes_are_escaped_in_the_literal() {
        assert_eq!(Passphrase::new("it's").expect("valid").literal(), "'it''s'");
    }

    #[test]
    fn new_keys_must_be_long_enough() {
        assert!(Passphrase::new_key("kort").is_err());
        assert!(Passphrase::new_key("åäöåäöåä").is_ok());
        assert!(Passphrase::new("").is_err());
        assert!(Passphrase::new("a\0b").is_err());
    }

    #[test]
    fn the_header_tells_plain_from_encrypted() {
        let dir = tempfile::tempdir().expect("temp dir");
        let missing = dir.path().join("none.db");
        assert_eq!(file_state(&missing).expect("state"), FileState::Missing);
        let plain = dir.path().join("plain.db");
        std::fs::write(&plain, b"SQLite format 3\0rest of the page").expect("write");
        assert_eq!(file_state(&plain).expect("state"), FileState::Plain);
        let enc = dir.path().join("enc.db");
        std::fs::write(&enc, [0x8f_u8; 4096]).expect("write");
        assert_eq!(file_state(&enc).expect("state"), FileState::Encrypted);
        let text = dir.path().join("notes.txt");
        std::fs::write(&text, "namn;e-post\nÅsa;asa@exempel.se\n").expect("write");
        assert_eq!(file_state(&text).expect("state"), FileState::Foreign);
        let empty = dir.path().join("empty.db");
        std::fs::write(&empty, b"").expect("write");
        assert_eq!(file_state(&empty).expect("state"), FileState::Missing);
    }
}
