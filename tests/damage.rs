//! A damaged register file (a disk, a power cut, a copy cut short): every
//! command says the register is damaged, in the person's language, with the
//! way out (its latest backup), and writes nothing; a damaged backup is
//! refused by its own name; and a restore over a damaged register says how
//! to restore all the same. Real files, damaged the way a disk does: a page
//! of the customers table overwritten.

mod common;

use std::path::{Path, PathBuf};

use common::*;
use kundvakt_core::i18n::Translator;
use kundvakt_core::values::{CustomerId, Language};
use kundvakt_core::{Error, Location, OpenMode, Register};

/// A register of the demo shop's first twenty customers in `dir`, closed,
/// and a backup of it beside it.
async fn shop_with_backup(dir: &Path) -> (PathBuf, PathBuf) {
    let path = dir.join("shop.db");
    let reg = Register::open(&Location::Sqlite(path.clone()), OpenMode::Create, "test").await.expect("create");
    kundvakt_core::demo::fill(&reg, 20, kundvakt_core::demo::DEMO_TODAY).await.expect("demo");
    let backup = dir.join("backup.db");
    reg.backup(&backup, None).await.expect("backup");
    reg.store().close().await;
    (path, backup)
}

/// Overwrites the head of the customers table's first page, as a failing
/// disk would: every read of a customer meets it.
fn damage(db: &Path) {
    sqlite3(db, "PRAGMA wal_checkpoint(TRUNCATE)");
    let root: u64 = sqlite3(db, "SELECT rootpage FROM sqlite_master WHERE name = 'customers'").parse().expect("page");
    let size: u64 = sqlite3(db, "PRAGMA page_size").parse().expect("size");
    let mut bytes = std::fs::read(db).expect("read");
    let at = ((root - 1) * size) as usize;
    bytes[at..at + 16].fill(0xff);
    std::fs::write(db, bytes).expect("write");
}

fn sha(path: &Path) -> String {
    use sha2::Digest;
    hex::encode(sha2::Sha256::digest(std::fs::read(path).expect("read")))
}

fn key_of(e: &Error) -> &'static str {
    e.message().map(|m| m.key).unwrap_or_default()
}

#[tokio::test]
async fn a_damaged_register_is_named_as_such_and_nothing_is_written() {
    let dir = tempfile::tempdir().expect("dir");
    let (path, _) = shop_with_backup(dir.path()).await;
    damage(&path);
    let before = sha(&path);

    // The core: a code of its own, the user's to mend, said in each language.
    let reg = Register::open(&Location::Sqlite(path.clone()), OpenMode::Existing, "test").await.expect("opens");
    let e = reg.customer(CustomerId(1)).await.expect_err("damaged");
    assert_eq!(e.code(), "register_damaged", "{e}");
    assert!(e.is_user(), "the shop mends it from a backup: {e}");
    assert_eq!(key_of(&e), "msg-register-damaged");
    let swedish = e.message().expect("a message").in_language(&Translator::new(Language::Sv));
    assert!(swedish.contains("database disk image is malformed"), "the database's words: {swedish}");
    assert!(swedish.contains("Återställ dess senaste säkerhetskopia"), "{swedish}");
    reg.store().close().await;

    // The command line: one line, exit code 1, the way out on it.
    let db = path.to_str().expect("path");
    for args in [&["customer", "show", "K000001"][..], &["customer", "list"], &["retention", "due"]] {
        let out = kv_output(db, args);
        user_error(&out, "the register is damaged: Kundvakt cannot read all of it (database disk image is malformed)");
        user_error(&out, "`kundvakt restore FILE` restores one");
    }
    // A change refused whole: the file is as it was.
    let out = kv_output(db, &["customer", "edit", "K000001", "--city", "Mora"]);
    user_error(&out, "the register is damaged");
    assert_eq!(sha(&path), before, "nothing was written to the damaged file");
}

#[tokio::test]
async fn a_damaged_backup_is_refused_by_its_name() {
    let dir = tempfile::tempdir().expect("dir");
    let (path, backup) = shop_with_backup(dir.path()).await;
    damage(&backup);
    let dump = || sqlite3(&path, ".dump");
    let before = dump();

    let e = Register::restore(&Location::Sqlite(path.clone()), None, &backup, None, "test").await.expect_err("refused");
    assert_eq!((e.code(), key_of(&e)), ("refused", "msg-backup-damaged"), "{e}");
    let text = e.to_string();
    assert!(text.contains(&format!("the backup {} is damaged", backup.display())), "{text}");
    assert!(!text.contains("the register is damaged"), "the register is whole: {text}");
    assert!(dump() == before, "the register is untouched");
    assert_no_restore_leftovers(dir.path());
}

#[tokio::test]
async fn a_restore_over_a_damaged_register_says_how_to_restore_all_the_same() {
    let dir = tempfile::tempdir().expect("dir");
    let (path, backup) = shop_with_backup(dir.path()).await;
    damage(&path);
    let before = sha(&path);
    let location = Location::Sqlite(path.clone());

    // What the register recorded since the backup (the erasures above all)
    // cannot be read: a restore over it is refused, and says what to do.
    let e = Register::restore(&location, None, &backup, None, "test").await.expect_err("refused");
    assert_eq!((e.code(), key_of(&e)), ("refused", "msg-restore-over-damaged"), "{e}");
    let text = e.to_string();
    assert!(text.contains(&format!("the register {} is damaged", path.display())), "{text}");
    assert!(text.contains("move the damaged file to another folder"), "{text}");
    assert_eq!(sha(&path), before, "the damaged file is kept as it was");

    // Done so, the backup is the register again, whole.
    let aside = dir.path().join("aside");
    std::fs::create_dir(&aside).expect("dir");
    std::fs::rename(&path, aside.join("shop.db")).expect("move aside");
    for suffix in ["-wal", "-shm"] {
        let _ = std::fs::remove_file(format!("{}{suffix}", path.display()));
    }
    let (reg, _) = Register::restore(&location, None, &backup, None, "test").await.expect("restored");
    let first = reg.customer(CustomerId(1)).await.expect("readable again");
    assert_eq!(first.number, "K000001");
    let check = kundvakt_core::audit::verify(reg.store()).await.expect("verify");
    assert!(check.broken.is_none(), "the chain holds");
    reg.store().close().await;
    assert_eq!(sqlite3(&path, "PRAGMA integrity_check"), "ok");
    assert_eq!(sha(&aside.join("shop.db")), before, "the damaged file, moved, is as it was");
}
