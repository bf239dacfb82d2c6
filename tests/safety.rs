//! Safe with the shop's data (issue 8): encryption at rest, backups with the
//! audit head, restore that replays erasures, automatic rotation, and two
//! instances that never overwrite each other silently.

mod common;

use std::path::Path;
use std::process::{Command, Output};

use chrono::{DateTime, Utc};
use common::*;
use kundvakt_core::backup::BackupPurpose;
use kundvakt_core::breaches::{BreachRisk, BreachStep, NewBreach};
use kundvakt_core::register::{CustomerChanges, CustomerInput, CustomerState};
use kundvakt_core::requests::{RequestKind, Step};
use kundvakt_core::retention::sweep::Batching;
use kundvakt_core::store::cipher::{file_state, FileState};
use kundvakt_core::values::BreachId;
use kundvakt_core::{Error, Location, OpenMode, Passphrase, Register};

const PASS: &str = "korrekt häst batteri häftklammer";

fn kv_with(db: &str, args: &[&str], env: &[(&str, &str)]) -> Output {
    let mut cmd = Command::new(env!("CARGO_BIN_EXE_kundvakt"));
    cmd.arg("--db").arg(db).args(args).env_remove("KUNDVAKT_DB");
    cmd.env("KUNDVAKT_TEST_DEMO_DAY", kundvakt_core::demo::DEMO_TODAY.to_string());
    for var in ["KUNDVAKT_PASSPHRASE", "KUNDVAKT_NEW_PASSPHRASE", "KUNDVAKT_BACKUP_PASSPHRASE"] {
        cmd.env_remove(var);
    }
    for (k, v) in env {
        cmd.env(k, v);
    }
    cmd.output().expect("run kundvakt")
}

fn kv_with_ok(db: &str, args: &[&str], env: &[(&str, &str)]) -> String {
    let out = kv_with(db, args, env);
    assert!(out.status.success(), "kundvakt {args:?} failed: {}", String::from_utf8_lossy(&out.stderr));
    String::from_utf8(out.stdout).expect("UTF-8")
}

fn stderr(out: &Output) -> String {
    String::from_utf8_lossy(&out.stderr).into_owned()
}

/// Every byte of the register: the file and its write-ahead log.
fn file_bytes(db: &str) -> Vec<u8> {
    let mut all = std::fs::read(db).expect("read the register");
    if let Ok(wal) = std::fs::read(format!("{db}-wal")) {
        all.extend(wal);
    }
    all
}

fn contains(haystack: &[u8], needle: &str) -> bool {
    haystack.windows(needle.len()).any(|w| w == needle.as_bytes())
}

fn sha(path: &str) -> String {
    use sha2::Digest;
    hex::encode(sha2::Sha256::digest(std::fs::read(path).expect("read")))
}

fn key() -> Passphrase {
    Passphrase::new(PASS).expect("passphrase")
}

/// A backup of `reg` made now, in a folder of its own (kept while the first
/// value lives): encrypted for a PostgreSQL register (`backup --encrypt`),
/// whose restore then needs the passphrase, the third value.
async fn back_up(reg: &Register, kind: Kind) -> (tempfile::TempDir, std::path::PathBuf, Option<Passphrase>) {
    let dir = tempfile::tempdir().expect("dir");
    let backup = dir.path().join("before.db");
    let backup_key = matches!(kind, Kind::Postgres).then(key);
    reg.backup(&backup, backup_key.as_ref()).await.expect("backup");
    (dir, backup, backup_key)
}

/// Some demo customers' e-mail addresses, read with the passphrase.
async fn demo_emails(db: &str, key: Option<&Passphrase>) -> Vec<String> {
    let reg = Register::open_keyed(&Location::Sqlite(db.into()), OpenMode::Existing, key, "test").await.expect("open");
    let page = reg.list_customers(0, 20).await.expect("list");
    reg.store().close().await;
    page.items.into_iter().filter_map(|c| c.email).collect()
}

#[tokio::test]
async fn an_encrypted_register_reveals_nothing_without_its_passphrase() {
    let dir = tempfile::tempdir().expect("dir");
    let db = dir.path().join("shop.db").display().to_string();
    let env = [("KUNDVAKT_PASSPHRASE", PASS)];
    kv_with_ok(&db, &["init", "--encrypt", "--demo", "--demo-customers", "40"], &env);

    let bytes = file_bytes(&db);
    assert!(!bytes.starts_with(b"SQLite format 3"), "the file does not begin with SQLite's header");
    assert_eq!(file_state(Path::new(&db)).expect("state"), FileState::Encrypted);
    let emails = demo_emails(&db, Some(&key())).await;
    assert!(emails.len() >= 10, "the demo shop has customers with e-mail");
    for email in &emails {
        assert!(!contains(&bytes, email), "{email} is not readable in the file");
    }
    assert!(!contains(&bytes, "Kundvakt defaults"), "nor any other text of the register");

    // The control: the same demo shop unencrypted shows its addresses to `strings`.
    let plain = dir.path().join("plain.db").display().to_string();
    kv_with_ok(&plain, &["init", "--demo", "--demo-customers", "40"], &[]);
    let plain_emails = demo_emails(&plain, None).await;
    assert!(plain_emails.iter().any(|e| contains(&file_bytes(&plain), e)), "the plain file does show them");

    // Without the passphrase: a clear error, and not a byte written.
    let before = sha(&db);
    let locked = kv_with(&db, &["customer", "list"], &[]);
    assert_eq!(locked.status.code(), Some(1), "{}", stderr(&locked));
    assert!(stderr(&locked).contains("is encrypted"), "{}", stderr(&locked));
    let wrong = kv_with(&db, &["customer", "list"], &[("KUNDVAKT_PASSPHRASE", "fel fras, helt fel")]);
    assert_eq!(wrong.status.code(), Some(1), "{}", stderr(&wrong));
    assert!(stderr(&wrong).contains("wrong passphrase"), "{}", stderr(&wrong));
    assert_eq!(sha(&db), before, "a wrong passphrase changes nothing");
    let e = Register::open(&Location::Sqlite(db.clone().into()), OpenMode::Existing, "test").await.expect_err("locked");
    assert_eq!(e.code(), "register_locked");

    // With it, everything works and the trail holds.
    let listed = kv_with_ok(&db, &["customer", "list", "--json"], &env);
    assert!(listed.contains(&emails[0]));
    kv_with_ok(&db, &["audit", "verify"], &env);

    // A short passphrase is refused for a new register.
    let short = kv_with(
        &dir.path().join("short.db").display().to_string(),
        &["init", "--encrypt"],
        &[("KUNDVAKT_PASSPHRASE", "kort")],
    );
    assert_eq!(short.status.code(), Some(1));
    assert!(stderr(&short).contains("shorter than 8"), "{}", stderr(&short));
}

#[tokio::test]
async fn the_passphrase_changes_encrypts_and_decrypts_without_losing_a_row() {
    let dir = tempfile::tempdir().expect("dir");
    let db = dir.path().join("shop.db").display().to_string();
    kv_with_ok(&db, &["init", "--demo", "--demo-customers", "30"], &[]);
    let count = |env: &[(&str, &str)]| {
        let v: serde_json::Value =
            serde_json::from_str(&kv_with_ok(&db, &["customer", "list", "--json"], env)).expect("JSON");
        v["total"].as_i64().expect("total")
    };
    let before = count(&[]);

    // Plain to encrypted.
    kv_with_ok(&db, &["passphrase", "change"], &[("KUNDVAKT_NEW_PASSPHRASE", PASS)]);
    assert_eq!(file_state(Path::new(&db)).expect("state"), FileState::Encrypted);
    assert_eq!(count(&[("KUNDVAKT_PASSPHRASE", PASS)]), before);

    // A new passphrase: the old one stops working.
    let next = "ett helt annat lösenord";
    kv_with_ok(&db, &["passphrase", "change"], &[("KUNDVAKT_PASSPHRASE", PASS), ("KUNDVAKT_NEW_PASSPHRASE", next)]);
    let old = kv_with(&db, &["customer", "list"], &[("KUNDVAKT_PASSPHRASE", PASS)]);
    assert!(stderr(&old).contains("wrong passphrase"), "{}", stderr(&old));
    assert_eq!(count(&[("KUNDVAKT_PASSPHRASE", next)]), before);
    let trail = kv_with_ok(&db, &["audit", "verify", "--json"], &[("KUNDVAKT_PASSPHRASE", next)]);
    assert!(trail.contains("\"broken\": null") || trail.contains("\"broken\":null"), "{trail}");

    // While another program has the register open, the file is not rewritten.
    let held = Register::open_keyed(
        &Location::Sqlite(db.clone().into()),
        OpenMode::Existing,
        Some(&Passphrase::new(next).expect("p")),
        "app",
    )
    .await
    .expect("open in 'the app'");
    held.list_customers(0, 1).await.expect("read");
    let refused =
        kv_with(&db, &["passphrase", "change"], &[("KUNDVAKT_PASSPHRASE", next), ("KUNDVAKT_NEW_PASSPHRASE", PASS)]);
    assert_eq!(refused.status.code(), Some(1), "{}", stderr(&refused));
    assert!(stderr(&refused).contains("open in another window"), "{}", stderr(&refused));
    held.store().close().await;
    assert_eq!(count(&[("KUNDVAKT_PASSPHRASE", next)]), before, "the old passphrase still opens it");

    // And back to a plain file.
    kv_with_ok(&db, &["passphrase", "change", "--remove", "--yes"], &[("KUNDVAKT_PASSPHRASE", next)]);
    assert_eq!(file_state(Path::new(&db)).expect("state"), FileState::Plain);
    assert_eq!(count(&[]), before);
}

#[tokio::test]
async fn the_open_register_is_encrypted_in_place_and_goes_on_working() {
    let dir = tempfile::tempdir().expect("dir");
    let db = dir.path().join("shop.db").display().to_string();
    kv_with_ok(&db, &["init", "--demo", "--demo-customers", "30"], &[]);
    let location = Location::Sqlite(db.clone().into());
    // The window's register, and a clone of it (the commands share one).
    let window = Register::open(&location, OpenMode::Existing, "app").await.expect("open");
    let shared = window.clone();
    let before = window.list_customers(0, 1).await.expect("list").total;
    let first = key();

    window.set_passphrase(None, Some(&first)).await.expect("encrypt");
    assert_eq!(file_state(Path::new(&db)).expect("state"), FileState::Encrypted);
    assert!(shared.store().encrypted(), "every clone goes on with the encrypted file");
    assert_eq!(shared.list_customers(0, 1).await.expect("list").total, before);
    let locked = kv_with(&db, &["customer", "list"], &[]);
    assert_eq!(locked.status.code(), Some(1), "{}", stderr(&locked));

    // Changing or removing it takes the passphrase it has now.
    let next = Passphrase::new_key("ett helt annat lösenord").expect("p");
    let wrong = Passphrase::new("inte det").expect("p");
    for current in [None, Some(&wrong)] {
        match window.set_passphrase(current, Some(&next)).await {
            Err(Error::Invalid { place, .. }) => assert_eq!(place.0, "current"),
            other => panic!("refused at `current`, got {other:?}"),
        }
    }
    assert_eq!(file_state(Path::new(&db)).expect("state"), FileState::Encrypted);
    window.set_passphrase(Some(&first), Some(&next)).await.expect("change");
    let with_next = [("KUNDVAKT_PASSPHRASE", "ett helt annat lösenord")];
    assert!(kv_with_ok(&db, &["audit", "verify"], &with_next).contains("holds"));

    // While another program has the file open, nothing is rewritten and the window goes on.
    let other = Register::open_keyed(&location, OpenMode::Existing, Some(&next), "other").await.expect("open");
    other.list_customers(0, 1).await.expect("read");
    let refused = window.set_passphrase(Some(&next), None).await.expect_err("refused");
    assert!(refused.to_string().contains("open in another window"), "{refused}");
    assert_eq!(window.list_customers(0, 1).await.expect("list").total, before);
    other.store().close().await;

    window.set_passphrase(Some(&next), None).await.expect("decrypt");
    assert_eq!(file_state(Path::new(&db)).expect("state"), FileState::Plain);
    assert_eq!(shared.list_customers(0, 1).await.expect("list").total, before);
    let verified = kundvakt_core::audit::verify(window.store()).await.expect("verify");
    assert!(verified.broken.is_none(), "{verified:?}");
}

#[tokio::test]
async fn backups_are_encrypted_logged_with_their_audit_head_and_rotated() {
    let dir = tempfile::tempdir().expect("dir");
    let db = dir.path().join("shop.db").display().to_string();
    let env = [("KUNDVAKT_PASSPHRASE", PASS)];
    kv_with_ok(&db, &["init", "--encrypt", "--demo", "--demo-customers", "30"], &env);
    let file = dir.path().join("copy.db").display().to_string();
    let out = kv_with_ok(&db, &["backup", &file, "--json"], &env);
    let made: serde_json::Value = serde_json::from_str(&out).expect("JSON");
    assert_eq!(made["encrypted"], true);
    assert!(!std::fs::read(&file).expect("backup").starts_with(b"SQLite format 3"), "the backup is encrypted too");

    // The copy opens under the same passphrase, holds the trail up to the head
    // the register logged, and its trail verifies.
    let copy = kv_with_ok(&file, &["audit", "verify", "--json"], &env);
    let copy: serde_json::Value = serde_json::from_str(&copy).expect("JSON");
    assert_eq!(copy["entries"], made["audit_seq"]);
    assert_eq!(copy["head"], made["audit_hash"]);
    let list: serde_json::Value =
        serde_json::from_str(&kv_with_ok(&db, &["backup", "--list", "--json"], &env)).expect("JSON");
    assert_eq!(list[0]["audit_hash"], made["audit_hash"]);
    assert_eq!(list[0]["purpose"], "manual");
    // A backup never overwrites a file.
    let again = kv_with(&db, &["backup", &file], &env);
    assert_eq!(again.status.code(), Some(1));

    // Before each erasure an automatic backup, the newest `backup.keep` kept.
    kv_with_ok(&db, &["settings", "set", "backup.keep", "2"], &env);
    let reg = Register::open_keyed(&Location::Sqlite(db.clone().into()), OpenMode::Existing, Some(&key()), "test")
        .await
        .expect("open");
    let customers = reg.list_customers(0, 3).await.expect("list").items;
    for c in &customers {
        reg.erase_customer(c.id, None).await.expect("erase");
    }
    reg.store().close().await;
    let folder = dir.path().join("shop-backups");
    let mut kept: Vec<String> = std::fs::read_dir(&folder)
        .expect("backup folder")
        .map(|e| e.expect("entry").path().display().to_string())
        .collect();
    kept.sort();
    assert_eq!(kept.len(), 2, "three made, the newest two kept: {kept:?}");
    for f in &kept {
        assert!(f.ends_with("-erasure.db"), "{f}");
        assert_eq!(file_state(Path::new(f)).expect("state"), FileState::Encrypted);
    }
    // The newest holds the second erasure, not yet the third.
    let newest = kv_with_ok(&kept[1], &["customer", "show", &customers[2].number, "--json"], &env);
    assert!(newest.contains(customers[2].email.as_deref().expect("e-mail")), "{newest}");
    let older = kv_with(&kept[1], &["customer", "show", &customers[1].number, "--json"], &env);
    assert!(!String::from_utf8_lossy(&older.stdout).contains(customers[1].email.as_deref().expect("e-mail")));
}

async fn a_restored_backup_does_not_bring_erased_people_back(kind: Kind) {
    let t = register(kind).await;
    let reg = &t.reg;
    kundvakt_core::demo::fill(reg, 40, kundvakt_core::demo::DEMO_TODAY).await.expect("demo");
    // Automatic backups off: the restore keeps its copy of the register all the same.
    reg.set_setting("backup.keep", "0").await.expect("setting");
    let all = reg.list_customers(0, 40).await.expect("list").items;
    let (anna, bertil) = (&all[3], &all[7]);
    let dir = tempfile::tempdir().expect("dir");
    let backup = dir.path().join("before.db");
    // A PostgreSQL register's backup may be encrypted (`backup --encrypt`); restore then needs its passphrase.
    let backup_key = matches!(kind, Kind::Postgres).then(key);
    // A breach the backup holds unnotified; after it, notified, and a second one recorded (Art. 33(5)).
    let stolen = breach("Bärbar dator stulen ur bilen", BreachRisk::Risk);
    let first = reg.record_breach(&stolen).await.expect("breach").breach;
    // It concerns two customers when the backup is made, and a third after.
    let (dora, emil, fia) = (&all[10], &all[12], &all[14]);
    reg.breach_concern(first.id, &[dora.id, emil.id], &[]).await.expect("concern");
    // Anna and Dora moved: the backup holds their old streets in the trail (Art. 16).
    for c in [anna, dora] {
        let moved =
            CustomerChanges { fields: CustomerInput { street: Some("Nygatan 2".into()), ..Default::default() } };
        reg.edit_customer(c.id, &moved, None).await.expect("correct");
    }
    let made = reg.backup(&backup, backup_key.as_ref()).await.expect("backup");
    reg.breach_concern(first.id, &[fia.id], &[dora.id]).await.expect("concern");
    let notify = BreachStep::Notify { at: None, reference: Some("IMY-2026-5".into()), delay_reason: None };
    let first = reg.breach_step(first.id, &notify).await.expect("notify").breach;
    let second = reg.record_breach(&breach("Utpressningsprogram krypterade kassadatorn", BreachRisk::High)).await;
    let second = second.expect("breach").breach;
    assert_eq!(made.encrypted, backup_key.is_some());
    if backup_key.is_some() {
        assert_eq!(file_state(&backup).expect("state"), FileState::Encrypted);
    }

    // After the backup: two erasures, one of a customer the backup does not know.
    // Anna's and Cecilia's web shop numbers were recorded since, too.
    reg.add_shop_number(anna.id, "WC-1").await.expect("shop number");
    reg.erase_customer(anna.id, None).await.expect("erase");
    let late = reg.add_customer(&input("Cecilia Ström", "cecilia@exempel.se")).await.expect("add");
    reg.add_shop_number(late.id, "WC-2").await.expect("shop number");
    // The second breach concerns Cecilia (erased since) and Gustav, whom the
    // backup does not know and who is not erased: his link is lost with him.
    let gustav = reg.add_customer(&input("Gustav Ny", "gustav@exempel.se")).await.expect("add");
    reg.breach_concern(second.id, &[late.id, gustav.id], &[]).await.expect("concern");
    reg.erase_customer(late.id, None).await.expect("erase");
    reg.erase_customer(bertil.id, None).await.expect("erase");
    reg.store().close().await;

    let (restored, report) =
        Register::restore(&t.location, None, &backup, backup_key.as_ref(), "test").await.expect("restore");
    assert!(report.backup_recorded, "the register's log knows that backup");
    let mut replayed = report.erasures_replayed.clone();
    replayed.sort();
    let mut expected = vec![anna.number.clone(), bertil.number.clone()];
    expected.sort();
    assert_eq!(replayed, expected);
    assert_eq!(report.tombstones_carried, 1);
    assert!(report.not_replayed.is_empty());
    // The erased people's web shop numbers still say who they were: the
    // shop's next file, whatever e-mail it gives, does not bring them back.
    for (number, who) in [("WC-1", anna), ("WC-2", &late)] {
        let found = restored.find_customer(number).await.expect("by the shop's number");
        assert_eq!(
            (found.pseudonym.as_str(), found.state),
            (who.pseudonym.as_str(), CustomerState::Erased),
            "{number}"
        );
    }
    // The breaches are the register's as it was, not the backup's: a restore after ransomware keeps its record.
    assert_eq!(report.breaches_carried, 2);
    let mut kept: Vec<_> = restored.breaches(true).await.expect("breaches").into_iter().map(|v| v.breach).collect();
    kept.sort_by_key(|b| b.recorded_at);
    let strip = |b: &kundvakt_core::breaches::Breach| kundvakt_core::breaches::Breach { id: BreachId(0), ..b.clone() };
    assert_eq!(kept.iter().map(strip).collect::<Vec<_>>(), [strip(&first), strip(&second)]);
    // With the customers the register linked them to, where the restored copy has them.
    let back = &restored;
    let linked = |id| async move {
        let mut n: Vec<String> =
            back.breach_concerned(id).await.expect("concerned").into_iter().map(|c| c.number).collect();
        n.sort();
        n
    };
    let mut expected = vec![emil.number.clone(), fia.number.clone()];
    expected.sort();
    assert_eq!(linked(kept[0].id).await, expected);
    assert_eq!(
        linked(kept[1].id).await,
        std::slice::from_ref(&late.number),
        "the tombstone carried over keeps her link"
    );
    assert_eq!(report.concerned_lost, std::slice::from_ref(&gustav.number));
    let safety = report.safety_backup.as_ref().expect("a copy of the register before the restore");
    assert!(Path::new(&safety.file).exists(), "{}", safety.file);
    assert_eq!(Path::new(&safety.file).parent(), backup.parent(), "beside the backup, as no folder is set");

    for c in [anna, bertil] {
        let now = restored.customer(c.id).await.expect("tombstone");
        assert_eq!(now.state, CustomerState::Erased);
        assert_eq!(now.name, None);
        let name = c.name.clone().expect("a demo name");
        let found = restored.search_customers(&name, 10).await.expect("search");
        assert!(found.iter().all(|f| f.id != c.id), "{name} is not found");
        let known = restored.erased_with_email(c.email.as_deref().expect("e-mail")).await.expect("lookup");
        assert_eq!(known.map(|k| k.number), Some(c.number.clone()));
        // The erasure made again takes the old values the backup's trail kept.
        assert_eq!(restored.customer_page(c.id).await.expect("page").corrections, vec![], "{name}");
    }
    let dora_page = restored.customer_page(dora.id).await.expect("page");
    let old_street: Vec<_> = dora_page.corrections.iter().flat_map(|k| &k.changes).map(|x| x.before.clone()).collect();
    assert_eq!(old_street, vec![dora.street.clone()], "a living customer's correction comes back with the backup");
    // The person created and erased after the backup stays erased: a re-import is recognised.
    assert!(restored.erased_with_email("cecilia@exempel.se").await.expect("lookup").is_some());
    // Everybody else is back as the backup had them, and the register goes on.
    let other = &all[10];
    assert_eq!(restored.customer(other.id).await.expect("customer").name, other.name);
    let v = kundvakt_core::audit::verify(restored.store()).await.expect("verify");
    assert!(v.broken.is_none(), "{:?}", v.broken);
    let next =
        restored.add_customer(&input("Dag Ny", "dag@exempel.se")).await.expect("a new customer after the restore");
    assert!(next.id.0 > late.id.0, "ids go on after the restored ones");
    restored.store().close().await;

    if let Location::Sqlite(path) = &t.location {
        assert_eq!(sqlite3(path, "PRAGMA integrity_check"), "ok");
    }
}

fn breach(nature: &str, risk: BreachRisk) -> NewBreach {
    NewBreach {
        aware_at: kundvakt_core::store::now() - chrono::Duration::hours(3),
        nature: nature.into(),
        categories: Default::default(),
        people: None,
        consequences: "Kunduppgifter kan ha lästs".into(),
        measures: "Lösenord bytta".into(),
        risk,
    }
}

/// The requests, legal holds, restrictions and withdrawals of consent made
/// after a backup are carried over when it is restored: a request lost
/// would pass its deadline unanswered (Art. 12(3)); a hold lost would let the
/// sweep delete what a legal claim needs (Art. 17(3)(e)), a lift lost would
/// keep what an erasure asked to go; a restriction lost would have the shop
/// use what is only to be stored (Art. 18(2)), a withdrawal lost would have
/// it write again to someone who said no (Art. 7(3)).
async fn a_restored_backup_keeps_the_requests_holds_restrictions_and_withdrawals_made_since(kind: Kind) {
    use kundvakt_core::retention::due::RecordKind;
    let t = register(kind).await;
    let reg = &t.reg;
    kundvakt_core::demo::fill(reg, 40, kundvakt_core::demo::DEMO_TODAY).await.expect("demo");
    reg.set_setting("backup.keep", "0").await.expect("setting");
    let all = reg.list_customers(0, 40).await.expect("list").items;
    let (held, buyer, noted) = (&all[2], &all[8], &all[5]);
    let order = reg.add_order(&paid_order(buyer.id, "T-1", "2026-05-04", 25_000)).await.expect("order");
    let note = reg
        .add_interaction(&kundvakt_core::register::NewInteraction {
            customer_id: noted.id,
            occurred_at: kundvakt_core::store::now(),
            channel: kundvakt_core::register::Channel::Phone,
            direction: kundvakt_core::register::Direction::Inbound,
            summary: "Frågade om en retur".into(),
            staff: None,
            closed_on: None,
            bookkeeping: false,
        })
        .await
        .expect("note");
    let before = reg.add_hold(RecordKind::Customer, held.id.0, "Tvist om leverans").await.expect("hold");
    let on_note = reg.add_hold(RecordKind::Interaction, note.id.0, "Tvist om samtalet").await.expect("hold");
    // A restriction and a standing consent when the backup is made.
    use kundvakt_core::register::restriction::RestrictionGround;
    let (was_restricted, restricted_since, subscriber) = (&all[11], &all[16], &all[13]);
    reg.restrict_customer(was_restricted.id, RestrictionGround::LegalClaims, None, None).await.expect("restrict");
    let consent = kundvakt_core::register::NewConsent {
        customer_id: subscriber.id,
        purpose: "nyhetsbrev-2026".into(),
        text_version: "v4".into(),
        given_at: kundvakt_core::store::now() - chrono::Duration::days(30),
        channel: "web_form".into(),
    };
    let consent = reg.add_consent(&consent).await.expect("consent");
    // A request logged before the backup, taken further after it.
    use kundvakt_core::requests::{ListFilter, RequestKind, Step};
    let asked = reg.open_request(subscriber.id, RequestKind::Access, None, None).await.expect("request");
    use kundvakt_core::reports::Format;
    let early = reg.request_receipt(asked.id, None, Format::Json).await.expect("receipt").digest;
    // One from someone the register had no customer for, found after the backup.
    use kundvakt_core::requests::Asker;
    let unknown = Asker::person("Per Lund, per@exempel.se");
    let unknown = reg.open_request_from(&unknown, RequestKind::Access, None, None).await.expect("request");
    let (_dir, backup, backup_key) = back_up(reg, kind).await;

    // After the backup: the customer's hold lifted; one placed on the order;
    // the note's customer erased, the note kept by its hold until that is
    // lifted; a hold on a customer the backup does not know.
    reg.lift_hold(before.id).await.expect("lift");
    reg.add_hold(RecordKind::Order, order.id.0, "Reklamation").await.expect("hold");
    let page = reg.customer_page(noted.id).await.expect("page");
    let standing = page.consents.iter().filter(|c| c.withdrawn_at.is_none()).count() as i64;
    reg.erase_customer(noted.id, None).await.expect("erase");
    assert_eq!(reg.lift_hold(on_note.id).await.expect("lift").erased_for, Some(noted.id));
    let today = reg.today().await.expect("today");
    reg.lift_restriction(was_restricted.id, today).await.expect("unrestrict");
    reg.request_step(asked.id, Step::Verify { how: None }, None).await.expect("verify");
    // A restriction request logged and answered after the backup.
    let restriction =
        reg.open_request(restricted_since.id, RequestKind::Restriction, None, None).await.expect("request");
    reg.request_step(restriction.id, Step::Verify { how: None }, None).await.expect("verify");
    let ground = RestrictionGround::AccuracyContested;
    reg.restrict_customer(restricted_since.id, ground, Some(restriction.id), Some("Adressen")).await.expect("restrict");
    let withdrawn = reg.withdraw_consent(consent.id, None).await.expect("withdraw")[0].withdrawn_at;
    let late = reg.add_customer(&input("Greta Sen", "greta@exempel.se")).await.expect("add");
    reg.add_hold(RecordKind::Customer, late.id.0, "Myndighetens beslut").await.expect("hold");
    reg.restrict_customer(late.id, RestrictionGround::ObjectionPending, None, None).await.expect("restrict");
    let greta = reg.open_request(late.id, RequestKind::Erasure, None, None).await.expect("request");
    reg.link_request(unknown.id, buyer.id).await.expect("found");
    let stranger = Asker::person("Okänd, okand@exempel.se");
    reg.open_request_from(&stranger, RequestKind::Objection, None, None).await.expect("request");
    // Documents made after the backup: their record is the shop's proof of what it handed out.
    let receipt = reg.request_receipt(asked.id, None, Format::Pdf).await.expect("receipt").digest;
    let gretas = reg.request_receipt(greta.id, None, Format::Json).await.expect("receipt").digest;
    let requests_before = reg.list_requests(today, ListFilter { include_done: true }).await.expect("requests");
    let holds_before: Vec<_> = reg.holds(true).await.expect("holds").into_iter().map(|v| v.hold).collect();
    reg.store().close().await;

    let (restored, report) =
        Register::restore(&t.location, None, &backup, backup_key.as_ref(), "restorer").await.expect("restore");
    assert_eq!(report.erasures_replayed, std::slice::from_ref(&noted.number));
    assert_eq!(report.holds_carried, 3, "one placed, two lifted");
    assert_eq!(report.holds_lost, [format!("customer {}", late.number)]);
    // In force: the order's hold alone, as in the register.
    let in_force: Vec<(RecordKind, i64, String)> = restored
        .holds(false)
        .await
        .expect("holds")
        .into_iter()
        .map(|v| (v.hold.entity, v.hold.entity_id, v.hold.reason))
        .collect();
    assert_eq!(in_force, [(RecordKind::Order, order.id.0, "Reklamation".to_owned())]);
    // Each as it was placed and lifted: by whom and when.
    let strip = |h: &kundvakt_core::retention::holds::Hold| {
        (h.entity, h.entity_id, h.set_by.clone(), h.set_at, h.lifted_by.clone(), h.lifted_at)
    };
    let after: Vec<_> = restored.holds(true).await.expect("holds").iter().map(|v| strip(&v.hold)).collect();
    let expected: Vec<_> = holds_before.iter().filter(|h| h.entity_id != late.id.0).map(strip).collect();
    assert_eq!(after, expected);
    // The subscriber's withdrawal, and those the erasure of the note's customer made.
    assert!(standing > 0, "the demo's customer has a consent that stands");
    assert_eq!((report.restrictions_carried, report.withdrawals_carried), (2, 1 + standing));
    assert_eq!(report.restrictions_lost, std::slice::from_ref(&late.number), "restricted, and not in the backup");
    let state = |c: &kundvakt_core::register::Customer| {
        let back = &restored;
        let id = c.id;
        async move { back.customer(id).await.expect("customer").state }
    };
    assert_eq!(state(was_restricted).await, CustomerState::Active);
    assert_eq!(state(restricted_since).await, CustomerState::Restricted);
    // Every request as the register had it, by when it was logged; Greta's without her.
    assert_eq!(report.requests_carried, 5, "two taken further (one linked to its customer), three logged");
    assert_eq!(report.requests_without_customer, std::slice::from_ref(&late.number));
    let requests_after = restored.list_requests(today, ListFilter { include_done: true }).await.expect("requests");
    let shown = |list: &[kundvakt_core::requests::RequestView], late_number: &str| {
        let mut v: Vec<_> = list
            .iter()
            .map(|r| {
                let number = r.customer_number.clone().filter(|n| n != late_number);
                (r.received, r.kind, r.state, r.due_date, r.verified_on, number)
            })
            .collect();
        v.sort_by_key(|x| format!("{x:?}"));
        v
    };
    assert_eq!(shown(&requests_after, &late.number), shown(&requests_before, &late.number));
    let asked_by = |list: &[kundvakt_core::requests::RequestView]| {
        let mut v: Vec<_> = list.iter().map(|r| (r.kind, r.customer_number.clone(), r.requester.clone())).collect();
        v.retain(|(_, number, _)| number.as_ref().is_none_or(|n| *n == buyer.number));
        v.sort_by_key(|x| format!("{x:?}"));
        v
    };
    // Per's, linked since, is the buyer's; the stranger's keeps how they named
    // themselves; Greta's, whom the copy lacks, has neither.
    let expected = [
        (RequestKind::Access, Some(buyer.number.clone()), None),
        (RequestKind::Erasure, None, None),
        (RequestKind::Objection, None, Some("Okänd, okand@exempel.se".to_owned())),
    ];
    assert_eq!(asked_by(&requests_after), expected);
    // Greta's, carried over without her, is hers again once she is added back.
    let orphan = requests_after.iter().find(|r| r.kind == RequestKind::Erasure && r.customer.is_none()).expect("hers");
    let back = restored.add_customer(&input("Greta Sen", "greta@exempel.se")).await.expect("added back");
    let linked = restored.link_request(orphan.id, back.id).await.expect("linked");
    assert_eq!(linked.customer_id, Some(back.id));
    assert_eq!(report.documents_carried, 2, "made after the backup, the one before it not twice");
    let documents = |kind: RequestKind, number: Option<&str>| {
        let r = requests_after.iter().find(|r| r.kind == kind && r.customer_number.as_deref() == number);
        let (back, id) = (&restored, r.expect("the request").id);
        async move {
            let detail = back.request_detail(id, today).await.expect("detail");
            detail.documents.into_iter().map(|d| (d.digest, d.actor)).collect::<Vec<_>>()
        }
    };
    // Each still names who made it, not who restored it.
    let by_test = |digest: String| (digest, Some("test".to_owned()));
    assert_eq!(documents(RequestKind::Access, Some(&subscriber.number)).await, [by_test(early), by_test(receipt)]);
    assert_eq!(documents(RequestKind::Erasure, None).await, [by_test(gretas)], "Greta's request, without her");
    let kept: Vec<_> = restored.restrictions(restricted_since.id).await.expect("restrictions");
    let answered = requests_after.iter().find(|r| r.kind == RequestKind::Restriction).expect("the restriction request");
    assert_eq!(kept[0].request_id, Some(answered.id), "the restriction answers the request carried over");
    assert_eq!(
        kept.iter().map(|r| (r.ground, r.note.as_deref())).collect::<Vec<_>>(),
        [(RestrictionGround::AccuracyContested, Some("Adressen"))]
    );
    let page = restored.customer_page(subscriber.id).await.expect("page");
    let back = page.consents.iter().find(|c| c.purpose == "nyhetsbrev-2026").expect("the consent");
    assert_eq!(back.withdrawn_at, withdrawn, "withdrawn as it was withdrawn");
    // The note, kept by the erasure replayed, went when its hold was lifted, here as there.
    let notes =
        common::scalar(&t.location, &format!("SELECT COUNT(*) FROM interactions WHERE id = {}", note.id.0)).await;
    assert_eq!(notes, 0);
    let v = kundvakt_core::audit::verify(restored.store()).await.expect("verify");
    assert!(v.broken.is_none(), "{:?}", v.broken);
    restored.store().close().await;
}

/// What the shop recorded by hand after a backup (an order taken on the
/// telephone with its lines, invoices, a reminder, a credit note, a status)
/// exists nowhere else, and the books must keep it (bookkeeping law): a
/// restore carries it into the restored register as it was recorded, an
/// erased customer's order kept under the pseudonym, a customer added since
/// with their order. What a web shop's file brought is not carried
/// (importing the file again brings it back; a restore also undoes a
/// mistaken import), nor an order of a customer the backup has someone else
/// under the e-mail address of: the restore names those, and the safety
/// copy holds them. The vouchers the backup has are not named, however recently they
/// were recorded.
async fn a_restore_carries_the_vouchers_recorded_by_hand_since(kind: Kind) {
    use kundvakt_core::import::{ImportKind, ImportOptions};
    use kundvakt_core::register::{CustomerChanges, CustomerInput, CustomerState};
    use kundvakt_core::register::{InvoiceDraft, InvoiceKind, LineDraft, NewInteraction, OrderDraft, OrderStatus};
    let t = register(kind).await;
    let reg = &t.reg;
    kundvakt_core::demo::fill(reg, 20, kundvakt_core::demo::DEMO_TODAY).await.expect("demo");
    reg.set_setting("backup.keep", "0").await.expect("setting");
    let listed = reg.list_customers(0, 5).await.expect("list").items;
    let (buyer, leaving) = (&listed[3], &listed[4]);
    let today = chrono::Utc::now().date_naive();
    reg.add_order(&paid_order(buyer.id, "T-1", "2026-05-04", 25_000)).await.expect("order");
    let invoice = |order: &str, kind| InvoiceDraft {
        order: order.into(),
        number: String::new(),
        kind,
        issued_on: today,
        due_on: None,
        amount: "250.00".into(),
        credits: None,
    };
    let first = reg.record_invoice(&invoice("T-1", InvoiceKind::Invoice)).await.expect("invoice");
    // T-1 came in weeks before the backup, not within the day's margin a
    // restore gives the times it compares (what it carries must not hang on it).
    common::execute(&t.location, "UPDATE orders SET created_at = '2026-05-04 10:00:00+00:00' WHERE number = 'T-1'")
        .await;
    // A note of an agreement written just before the backup, and corrected after it.
    let business = |customer, summary: &str| NewInteraction {
        bookkeeping: true,
        closed_on: Some(today),
        ..phone_call(customer, summary, Some("Eva"))
    };
    let priced = reg.add_interaction(&business(buyer.id, "Avtalade pris")).await.expect("note");
    let dir = tempfile::tempdir().expect("dir");
    let backup = dir.path().join("before.db");
    reg.backup(&backup, None).await.expect("backup");
    let price = kundvakt_core::register::InteractionChanges {
        summary: Some("Avtalade pris: 200 kr".into()),
        ..Default::default()
    };
    reg.edit_interaction(priced.id, &price, None).await.expect("correct");

    // After the backup: a web-shop order from its file, a reminder of the
    // order the backup has, and an order taken by hand with its invoice.
    let file = dir.path().join("orders.csv");
    let row = format!("T-2,2026-06-01,{},99.00,SEK\n", buyer.number);
    std::fs::write(&file, format!("order_number,order_date,customer_number,total,currency\n{row}")).expect("write");
    let cancel = std::sync::atomic::AtomicBool::new(false);
    let imported = reg.import(&file, ImportKind::Orders, &ImportOptions::default(), &mut |_| {}, &cancel).await;
    assert_eq!(imported.expect("import").added, 1);
    let reminder = reg.record_invoice(&invoice("T-1", InvoiceKind::Reminder)).await.expect("reminder");
    let line = |description: &str, quantity: &str, unit_price: &str| LineDraft {
        description: description.into(),
        quantity: quantity.into(),
        unit_price: unit_price.into(),
        vat_rate: "25".into(),
    };
    let draft = |customer_id| OrderDraft {
        customer_id,
        number: String::new(),
        order_date: today,
        currency: "SEK".into(),
        total: None,
        vat: None,
        payment_provider: Some("Swish".into()),
        payment_reference: None,
        status: OrderStatus::Placed,
        lines: vec![line("Tekanna, blå", "1", "200.00"), line("Kopp", "2", "25.00")],
    };
    let by_hand = reg.record_order(&draft(buyer.id)).await.expect("order");
    let billed = reg.record_invoice(&invoice(&by_hand.number, InvoiceKind::Invoice)).await.expect("invoice");
    // Recorded after the backup, dated before it: the invoice of the imported order.
    let late_entry = InvoiceDraft {
        issued_on: "2026-06-02".parse().expect("date"),
        amount: "99.00".into(),
        ..invoice("T-2", InvoiceKind::Invoice)
    };
    let backdated = reg.record_invoice(&late_entry).await.expect("invoice");
    // Entered late: an invoice dated before the backup was made, of an order the backup has.
    let entered_late =
        InvoiceDraft { issued_on: "2026-06-03".parse().expect("date"), ..invoice("T-1", InvoiceKind::Invoice) };
    let entered_late = reg.record_invoice(&entered_late).await.expect("invoice");
    // A return of the order the backup has: credited, and its status moved on.
    let credit = InvoiceDraft {
        amount: "100.00".into(),
        credits: Some(first.number.clone()),
        ..invoice("T-1", InvoiceKind::CreditNote)
    };
    let credit = reg.record_invoice(&credit).await.expect("credit note");
    reg.set_order_status("T-1", OrderStatus::Refunded).await.expect("status");
    // An order by hand of a customer added since, and one of a customer erased since.
    let newcomer = reg.add_customer(&input("Gustav Ny", "gustav@exempel.se")).await.expect("add");
    let newcomer_order = reg.record_order(&draft(newcomer.id)).await.expect("order");
    // A customer added since under the e-mail address someone else had in
    // the backup (they changed theirs since): the copy cannot take them.
    let (moved, moved_from) = (&listed[2], listed[2].email.clone().expect("an e-mail address"));
    let changes =
        CustomerChanges { fields: CustomerInput { email: Some("ny.adress@exempel.se".into()), ..Default::default() } };
    reg.edit_customer(moved.id, &changes, None).await.expect("edit");
    let taker = reg.add_customer(&input("Tove Tagare", &moved_from)).await.expect("add");
    let taker_order = reg.record_order(&draft(taker.id)).await.expect("order");
    // A customer added since with nothing for the books: not kept, but named.
    let passing = reg.add_customer(&input("Ida Förbi", "ida@exempel.se")).await.expect("add");
    let leaving_order = reg.record_order(&draft(leaving.id)).await.expect("order");
    // Notes written since: of a business event, kept for the books (one of
    // the customer then erased too), and of a plain call, which is not.
    let agreed = reg.add_interaction(&business(buyer.id, "Avtalade delleverans")).await.expect("note");
    reg.add_interaction(&phone_call(buyer.id, "Frågade om öppettider", None)).await.expect("note");
    let settled = reg.add_interaction(&business(leaving.id, "Reklamation avgjord")).await.expect("note");
    let instalments = reg.add_interaction(&business(taker.id, "Avtal om avbetalning")).await.expect("note");
    // Holds placed on those notes since: one in force, one lifted again, one
    // on the note the copy cannot take.
    use kundvakt_core::retention::due::RecordKind;
    let disputed = reg.add_hold(RecordKind::Interaction, agreed.id.0, "Tvist om delleveransen").await.expect("hold");
    let lifted = reg.add_hold(RecordKind::Interaction, settled.id.0, "Reklamationen").await.expect("hold");
    let lifted = reg.lift_hold(lifted.id).await.expect("lift").hold;
    reg.add_hold(RecordKind::Interaction, instalments.id.0, "Avbetalningen").await.expect("hold");
    reg.erase_customer(leaving.id, None).await.expect("erase");
    let before = reg.customer_page(buyer.id).await.expect("page");
    let kept_before = reg.customer_page(leaving.id).await.expect("page");
    reg.store().close().await;

    let (restored, report) = Register::restore(&t.location, None, &backup, None, "test").await.expect("restore");
    let carried = [by_hand.number.clone(), newcomer_order.number.clone(), leaving_order.number.clone()];
    assert_eq!(report.orders_carried, carried);
    // The newcomer comes with their order, as they were: a voucher names its customer.
    assert_eq!(report.customers_carried, std::slice::from_ref(&newcomer.number));
    let brought = restored.find_customer(&newcomer.number).await.expect("found");
    assert_eq!((brought.name.as_deref(), brought.email.as_deref()), (Some("Gustav Ny"), Some("gustav@exempel.se")));
    assert_eq!((brought.pseudonym.as_str(), brought.created_at), (newcomer.pseudonym.as_str(), newcomer.created_at));
    let theirs = restored.customer_page(brought.id).await.expect("page").orders;
    assert_eq!(theirs.iter().map(|o| o.number.as_str()).collect::<Vec<_>>(), [newcomer_order.number.as_str()]);
    assert_eq!(
        report.invoices_carried,
        [reminder.number.clone(), billed.number.clone(), entered_late.number.clone(), credit.number.clone()]
    );
    assert_eq!(report.statuses_carried, ["T-1".to_owned()]);
    assert_eq!((report.notes_carried, report.notes_lost.as_slice()), (2, std::slice::from_ref(&taker.number)));
    // The holds on the notes come with them, on the copy's rows, as they
    // were placed and lifted; the one whose note is lost is named.
    assert_eq!(report.holds_carried, 3, "two placed, one lifted: {report:?}");
    assert_eq!(report.holds_lost, [format!("interaction {}", instalments.id)]);
    let held_after = held_notes(&restored).await;
    assert_eq!(held_after.len(), 2, "{held_after:?}");
    let in_force: Vec<_> = held_after.iter().filter(|h| h.5.is_none()).map(|h| (h.0.as_str(), h.1.as_str())).collect();
    assert_eq!(in_force, [(agreed.summary.as_str(), disputed.reason.as_str())]);
    let lifted_after = held_after.iter().find(|h| h.5.is_some()).expect("the lifted hold");
    assert_eq!(lifted_after.0, "Reklamation avgjord");
    let placed_and_lifted = (&lifted.set_by, lifted.set_at, &lifted.lifted_by, lifted.lifted_at);
    assert_eq!((&lifted_after.2, lifted_after.3, &lifted_after.4, lifted_after.5), placed_and_lifted);
    let notes = |page: &kundvakt_core::register::CustomerPage| {
        let mut notes: Vec<_> = page
            .interactions
            .iter()
            .map(|n| (n.occurred_at, n.summary.clone(), n.staff.clone(), n.closed_on, n.bookkeeping))
            .collect();
        notes.sort();
        notes
    };
    assert_eq!(report.orders_lost, ["T-2".to_owned(), taker_order.number.clone()]);
    assert_eq!(report.customers_lost, [taker.number.clone(), passing.number.clone()]);
    assert_eq!(report.invoices_lost, std::slice::from_ref(&backdated.number));
    assert!(!report.invoices_lost.contains(&first.number), "the backup has the first invoice");
    // The buyer's orders and invoices are as they were, T-2 aside, each as recorded.
    let after = restored.customer_page(buyer.id).await.expect("page");
    let without_ids = |page: &kundvakt_core::register::CustomerPage| {
        let orders: Vec<_> = page
            .orders
            .iter()
            .filter(|o| o.number != "T-2")
            .map(|o| {
                let provider = o.payment_provider.clone();
                (o.number.clone(), o.order_date, o.total, o.vat, o.status, o.lines.clone(), o.created_at, provider)
            })
            .collect();
        let invoices: Vec<_> = page
            .invoices
            .iter()
            .filter(|i| i.number != backdated.number)
            .map(|i| (i.number.clone(), i.kind, i.issued_on, i.amount, i.credits.clone()))
            .collect();
        (orders, invoices)
    };
    assert_eq!(without_ids(&after), without_ids(&before));
    // The note of the business event is as it was written; the plain call is
    // gone; the note the backup has is as the backup has it, once (its
    // correction since goes with the restore, as any edit does).
    let mut expected = notes(&before);
    expected.retain(|n| n.1 != "Frågade om öppettider");
    for n in &mut expected {
        if n.1 == "Avtalade pris: 200 kr" {
            n.1 = priced.summary.clone();
        }
    }
    expected.sort();
    assert_eq!(notes(&after), expected);
    assert!(notes(&after).iter().any(|n| n.1 == agreed.summary && n.4));
    assert_eq!(after.orders.iter().find(|o| o.number == by_hand.number).expect("carried").lines.len(), 2);
    // The erased customer's order is kept under the pseudonym for the books, restricted.
    let kept = restored.customer_page(leaving.id).await.expect("page");
    assert_eq!(kept.customer.state, CustomerState::Erased);
    let kept_order = kept.orders.iter().find(|o| o.number == leaving_order.number).expect("kept");
    assert!(kept_order.restricted && kept_order.customer_id.is_none(), "{kept_order:?}");
    let ends = |page: &kundvakt_core::register::CustomerPage| {
        page.kept.iter().map(|k| (k.until, k.rule.clone(), k.held)).collect::<Vec<_>>()
    };
    assert_eq!(ends(&kept), ends(&kept_before));
    assert_eq!(kept.orders.len(), kept_before.orders.len());
    assert_eq!(notes(&kept), notes(&kept_before), "the erased customer's note, kept for the books");
    assert!(notes(&kept).iter().any(|n| n.1 == "Reklamation avgjord"));
    // The safety copy has what is lost.
    let safety = report.safety_backup.as_ref().expect("a copy of the register as it was");
    let copy = Location::Sqlite(safety.file.clone().into());
    let sql = format!("SELECT COUNT(*) FROM orders WHERE number IN ('T-2', '{}')", taker_order.number);
    assert_eq!(common::scalar(&copy, &sql).await, 2);
    let v = kundvakt_core::audit::verify(restored.store()).await.expect("verify");
    assert!(v.broken.is_none(), "{:?}", v.broken);
    // Restored again: the vouchers by hand are carried again, the rest is as before.
    restored.store().close().await;
    let (again, second) = Register::restore(&t.location, None, &backup, None, "test").await.expect("restore");
    assert_eq!(second.orders_carried, report.orders_carried);
    assert_eq!(second.notes_carried, 2);
    assert!(second.orders_lost.is_empty() && second.invoices_lost.is_empty(), "{second:?}");
    assert!(second.customers_lost.is_empty(), "{second:?}");
    // The note the first restore named lost is not in the register replaced now.
    assert_eq!((second.holds_carried, second.holds_lost.len()), (3, 0), "{second:?}");
    assert_eq!(held_notes(&again).await, held_after);
    assert_eq!(without_ids(&again.customer_page(buyer.id).await.expect("page")), without_ids(&before));
    again.store().close().await;
}

/// The holds of a register on notes: what each note says, and the hold's
/// reason, who placed and lifted it and when.
async fn held_notes(
    r: &Register,
) -> Vec<(String, String, String, DateTime<Utc>, Option<String>, Option<DateTime<Utc>>)> {
    let mut held = Vec::new();
    for v in r.holds(true).await.expect("holds") {
        let h = v.hold;
        assert_eq!(h.entity, kundvakt_core::retention::due::RecordKind::Interaction);
        let page = r.customer_page(v.customer_id.expect("a customer")).await.expect("page");
        let note = page.interactions.iter().find(|n| n.id.0 == h.entity_id).expect("the held note");
        held.push((note.summary.clone(), h.reason, h.set_by, h.set_at, h.lifted_by, h.lifted_at));
    }
    held.sort();
    held
}

/// A correction the shop made after a backup for a person's request for
/// rectification is made again when the backup is restored, under the
/// request carried over: a restore must not bring back what the person had
/// corrected while their request says it was answered (Art. 16). One the
/// backup cannot take (its customer added since) is named; a correction of
/// nobody's request goes with the restore, as every other edit does; and a
/// backup that holds the corrections already gets none twice.
async fn a_restore_makes_again_the_corrections_people_asked_for(kind: Kind) {
    use kundvakt_core::register::{CustomerChanges, InteractionChanges};
    use kundvakt_core::requests::{ListFilter, RequestKind, Step};
    let t = register(kind).await;
    let reg = &t.reg;
    kundvakt_core::demo::fill(reg, 20, kundvakt_core::demo::DEMO_TODAY).await.expect("demo");
    reg.set_setting("backup.keep", "0").await.expect("setting");
    let all = reg.list_customers(0, 20).await.expect("list").items;
    let (moved, caller, fixed) = (&all[2], &all[5], &all[9]);
    let note = reg.add_interaction(&phone_call(caller.id, "Beställde storlek 40", None)).await.expect("note");
    let (dir, backup, backup_key) = back_up(reg, kind).await;

    // After the backup: three people ask for corrections and prove who they are.
    let late = reg.add_customer(&input("Greta Sen", "greta@exempel.se")).await.expect("add");
    let asked = |c: kundvakt_core::values::CustomerId| async move {
        let r = reg.open_request(c, RequestKind::Rectification, None, None).await.expect("request");
        reg.request_step(r.id, Step::Verify { how: Some("BankID".into()) }, None).await.expect("verify");
        r.id
    };
    let (r_moved, r_caller, r_late) = (asked(moved.id).await, asked(caller.id).await, asked(late.id).await);
    let change = |fields: CustomerInput| CustomerChanges { fields };
    let city = change(CustomerInput { city: Some("Luleå".into()), street: Some("".into()), ..Default::default() });
    reg.edit_customer_answering(moved.id, &city, None, Some(r_moved)).await.expect("correct");
    // Her number corrected too: the copy finds her all the same, and her request is hers there.
    let renumbered = change(CustomerInput { number: Some("K-RÄTT-1".into()), ..Default::default() });
    reg.edit_customer_answering(moved.id, &renumbered, None, Some(r_moved)).await.expect("correct");
    let size = InteractionChanges { summary: Some("Beställde storlek 41".into()), ..Default::default() };
    reg.edit_interaction_answering(note.id, &size, None, Some(r_caller)).await.expect("correct the note");
    let greta = change(CustomerInput { city: Some("Umeå".into()), ..Default::default() });
    reg.edit_customer_answering(late.id, &greta, None, Some(r_late)).await.expect("correct");
    // The shop's own fix, asked for by nobody.
    let own = change(CustomerInput { city: Some("Visby".into()), ..Default::default() });
    reg.edit_customer(fixed.id, &own, None).await.expect("edit");
    let after_backup = dir.path().join("after.db");
    reg.backup(&after_backup, backup_key.as_ref()).await.expect("backup");
    reg.store().close().await;

    let (restored, report) =
        Register::restore(&t.location, None, &backup, backup_key.as_ref(), "restorer").await.expect("restore");
    // Named by the numbers they have now: hers corrected too.
    assert_eq!(report.rectifications_replayed, ["K-RÄTT-1".to_owned(), caller.number.clone()]);
    assert_eq!(report.rectifications_lost, std::slice::from_ref(&late.number), "added after the backup");
    let back = restored.customer(moved.id).await.expect("customer");
    assert_eq!((back.number.as_str(), back.city.as_deref(), back.street), ("K-RÄTT-1", Some("Luleå"), None));
    let page = restored.customer_page(caller.id).await.expect("page");
    let summary: Vec<_> = page.interactions.iter().filter(|n| n.id == note.id).map(|n| n.summary.as_str()).collect();
    assert_eq!(summary, ["Beställde storlek 41"]);
    assert_eq!(restored.customer(fixed.id).await.expect("customer").city, fixed.city, "nobody asked: undone");
    // Recorded under each request as the restored register numbers it, with the values they replaced.
    let today = restored.today().await.expect("today");
    let requests = restored.list_requests(today, ListFilter { include_done: true }).await.expect("requests");
    let request_of = |number: &str| {
        let r = requests
            .iter()
            .find(|r| r.kind == RequestKind::Rectification && r.customer_number.as_deref() == Some(number));
        r.unwrap_or_else(|| panic!("{number}: {requests:#?}")).id
    };
    let detail = restored.request_detail(request_of("K-RÄTT-1"), today).await.expect("detail");
    let made: Vec<_> = detail
        .corrections
        .iter()
        .flat_map(|k| k.changes.iter().map(|x| (x.field.as_str(), x.before.clone(), x.after.clone())))
        .collect();
    // In the order they were made: the city (and the street emptied), then the number.
    let mut want = vec![];
    if moved.street.is_some() {
        want.push(("street", moved.street.clone(), None));
    }
    want.push(("city", moved.city.clone(), Some("Luleå".to_owned())));
    want.push(("number", Some(moved.number.clone()), Some("K-RÄTT-1".to_owned())));
    assert_eq!(made, want);
    let noted = restored.request_detail(request_of(&caller.number), today).await.expect("detail");
    assert_eq!(noted.corrections.len(), 1);
    assert_eq!(noted.corrections[0].interaction_id, Some(note.id));
    assert_eq!(noted.corrections[0].changes[0].after.as_deref(), Some("Beställde storlek 41"));
    assert!(kundvakt_core::audit::verify(restored.store()).await.expect("verify").broken.is_none());
    restored.store().close().await;

    // A backup made after the corrections holds them: none is made twice.
    let (again, report) =
        Register::restore(&t.location, None, &after_backup, backup_key.as_ref(), "restorer").await.expect("restore");
    assert_eq!((report.rectifications_replayed.len(), report.rectifications_lost.len()), (0, 0), "{report:?}");
    // That backup numbers the request as the register did.
    let detail = again.request_detail(r_moved, today).await.expect("detail");
    assert_eq!(detail.corrections.len(), 2, "the two corrections the register made, once each");
    again.store().close().await;
}

/// A customer whose number was corrected after the backup is found in it
/// all the same, by the pseudonym no correction changes: erased again if
/// they were erased since (Art. 17), and their restriction, request, hold,
/// withdrawal and breach carried to them, not named as lost (or, by their
/// old number, to someone else); and whoever took that number since and was
/// erased is carried over as a tombstone all the same.
async fn a_restore_finds_customers_renumbered_since_the_backup(kind: Kind) {
    use kundvakt_core::register::restriction::RestrictionGround;
    use kundvakt_core::requests::{ListFilter, RequestKind};
    use kundvakt_core::retention::due::RecordKind;
    let t = register(kind).await;
    let reg = &t.reg;
    kundvakt_core::demo::fill(reg, 20, kundvakt_core::demo::DEMO_TODAY).await.expect("demo");
    reg.set_setting("backup.keep", "0").await.expect("setting");
    let all = reg.list_customers(0, 20).await.expect("list").items;
    let (gone, kept) = (&all[4], &all[7]);
    let consent = kundvakt_core::register::NewConsent {
        customer_id: kept.id,
        purpose: "nyhetsbrev-2026".into(),
        text_version: "v4".into(),
        given_at: kundvakt_core::store::now() - chrono::Duration::days(30),
        channel: "web_form".into(),
    };
    let consent = reg.add_consent(&consent).await.expect("consent");
    let (_dir, backup, backup_key) = back_up(reg, kind).await;

    // After the backup both get new numbers; one is then erased, the other
    // restricted, asks for a copy, is held, withdraws her consent and is
    // among those a breach concerns.
    let renumber = |number: &str| CustomerChanges {
        fields: CustomerInput { number: Some(number.to_owned()), ..Default::default() },
    };
    reg.edit_customer(gone.id, &renumber("NY-1"), None).await.expect("renumber");
    reg.edit_customer(kept.id, &renumber("NY-2"), None).await.expect("renumber");
    reg.erase_customer(gone.id, None).await.expect("erase");
    // A new customer takes the number she gave up, and is erased.
    let taker = CustomerInput { number: Some(kept.number.clone()), ..input("Ny Kund", "ny.kund@exempel.se") };
    let taker = reg.add_customer(&taker).await.expect("add");
    reg.erase_customer(taker.id, None).await.expect("erase");
    reg.restrict_customer(kept.id, RestrictionGround::LegalClaims, None, None).await.expect("restrict");
    let asked = reg.open_request(kept.id, RequestKind::Access, None, None).await.expect("request");
    reg.add_hold(RecordKind::Customer, kept.id.0, "Tvist").await.expect("hold");
    reg.withdraw_consent(consent.id, None).await.expect("withdraw");
    let b = reg.record_breach(&breach("Stulen dator", BreachRisk::High)).await.expect("breach").breach;
    reg.breach_concern(b.id, &[kept.id], &[]).await.expect("concern");
    reg.store().close().await;

    let (restored, report) =
        Register::restore(&t.location, None, &backup, backup_key.as_ref(), "restorer").await.expect("restore");
    assert_eq!(report.erasures_replayed, ["NY-1".to_owned()], "{report:?}");
    // The newcomer's tombstone, under its pseudonym: the number is hers in the backup.
    assert_eq!(report.tombstones_carried, 1, "{report:?}");
    let tombstone = restored.find_customer(&taker.pseudonym).await.expect("the tombstone");
    assert_eq!((tombstone.state, tombstone.pseudonym), (CustomerState::Erased, taker.pseudonym.clone()));
    assert_eq!(restored.customer(gone.id).await.expect("customer").state, CustomerState::Erased);
    let none: [String; 0] = [];
    assert_eq!(
        (
            &report.requests_without_customer[..],
            &report.restrictions_lost[..],
            &report.holds_lost[..],
            &report.concerned_lost[..]
        ),
        (&none[..], &none[..], &none[..], &none[..]),
        "{report:?}"
    );
    // Hers, under the number the backup knows her by.
    let her = restored.customer(kept.id).await.expect("customer");
    assert_eq!((her.number.as_str(), her.state), (kept.number.as_str(), CustomerState::Restricted));
    let today = restored.today().await.expect("today");
    let requests = restored.list_requests(today, ListFilter { include_done: true }).await.expect("requests");
    let hers = requests.iter().find(|r| r.received == asked.received_on && r.kind == RequestKind::Access);
    assert_eq!(hers.and_then(|r| r.customer), Some(kept.id));
    let holds: Vec<_> = restored.holds(false).await.expect("holds").into_iter().map(|v| v.hold.entity_id).collect();
    assert_eq!(holds, [kept.id.0]);
    let page = restored.customer_page(kept.id).await.expect("page");
    let withdrawn = page.consents.iter().find(|c| c.id == consent.id).map(|c| c.withdrawn_at.is_some());
    assert_eq!(withdrawn, Some(true), "{:?}", page.consents);
    assert_eq!(page.breaches.iter().map(|x| x.id).collect::<Vec<_>>(), [b.id]);
    restored.store().close().await;
}

/// A backup made just after a correction a person asked for holds it, and
/// holds what the shop changed after it too: restored, it is left as it is,
/// not corrected again over the later change.
async fn a_restore_leaves_a_correction_the_backup_holds(kind: Kind) {
    use kundvakt_core::requests::{RequestKind, Step};
    let t = register(kind).await;
    let reg = &t.reg;
    kundvakt_core::demo::fill(reg, 10, kundvakt_core::demo::DEMO_TODAY).await.expect("demo");
    reg.set_setting("backup.keep", "0").await.expect("setting");
    let c = &reg.list_customers(0, 10).await.expect("list").items[3];
    let r = reg.open_request(c.id, RequestKind::Rectification, None, None).await.expect("request");
    reg.request_step(r.id, Step::Verify { how: None }, None).await.expect("verify");
    let city =
        |name: &str| CustomerChanges { fields: CustomerInput { city: Some(name.to_owned()), ..Default::default() } };
    reg.edit_customer_answering(c.id, &city("Malmö"), None, Some(r.id)).await.expect("correct");
    // The person wrote again: the shop changed it once more, on its own.
    reg.edit_customer(c.id, &city("Lund"), None).await.expect("edit");
    let dir = tempfile::tempdir().expect("dir");
    let backup = dir.path().join("after.db");
    let backup_key = matches!(kind, Kind::Postgres).then(key);
    reg.backup(&backup, backup_key.as_ref()).await.expect("backup");
    reg.store().close().await;

    let (restored, report) =
        Register::restore(&t.location, None, &backup, backup_key.as_ref(), "restorer").await.expect("restore");
    assert_eq!((report.rectifications_replayed.len(), report.rectifications_lost.len()), (0, 0), "{report:?}");
    assert_eq!(restored.customer(c.id).await.expect("customer").city.as_deref(), Some("Lund"));
    restored.store().close().await;
}

/// A note, a course sign-up and web activity the shop erased after a
/// backup, for a person's request to erase them, are erased again when the
/// backup is restored, under the request carried over: a restore must not
/// bring back what the person had erased while their request says it was
/// answered (Art. 17(1)). A note added after the backup is recorded under
/// the request all the same, a visit a legal hold placed after the backup
/// keeps stays (the hold is carried over first), a held note the shop had
/// erased when its hold is lifted is so again, and a backup made after the
/// erasure has nothing to erase again.
async fn a_restore_erases_again_what_people_had_erased_alone(kind: Kind) {
    use kundvakt_core::requests::{RequestKind, Step};
    let t = register(kind).await;
    let reg = &t.reg;
    reg.set_setting("backup.keep", "0").await.expect("setting");
    let c = reg.add_customer(&input("Åsa Öberg", "asa@exempel.se")).await.expect("add");
    let told = reg.add_interaction(&phone_call(c.id, "Berättade om flytten", None)).await.expect("note");
    let kept = reg.add_interaction(&phone_call(c.id, "Beställde vantar", None)).await.expect("note");
    let disputed = phone_call(c.id, "Klagade på leveransen", None);
    let disputed = kundvakt_core::register::NewInteraction {
        occurred_at: kept.occurred_at - chrono::Duration::hours(1),
        ..disputed
    };
    let disputed = reg.add_interaction(&disputed).await.expect("note");
    let course = kundvakt_core::register::NewEventRegistration {
        customer_id: c.id,
        event_name: "Stickkurs".into(),
        event_date: "2026-03-14".parse().expect("date"),
        status: kundvakt_core::register::RegistrationStatus::Attended,
    };
    let course = reg.add_event_registration(&course).await.expect("signup");
    let mut visits = Vec::new();
    for (days, ip) in [(9, "198.51.100.9"), (5, "198.51.100.5"), (2, "198.51.100.2")] {
        let visit = kundvakt_core::register::NewWebEvent {
            customer_id: c.id,
            occurred_at: chrono::Utc::now() - chrono::Duration::days(days),
            ip: ip.parse().expect("ip"),
            action: "login".into(),
            user_agent: None,
        };
        visits.push(reg.add_web_event(&visit).await.expect("event"));
    }
    let (dir, backup, backup_key) = back_up(reg, kind).await;

    let later = reg.add_interaction(&phone_call(c.id, "Ringde igen om flytten", None)).await.expect("note");
    let evidence = visits[1].id;
    use kundvakt_core::retention::due::RecordKind;
    reg.add_hold(RecordKind::WebEvent, evidence.0, "Tvist").await.expect("hold");
    let note_hold = reg.add_hold(RecordKind::Interaction, disputed.id.0, "Tvist").await.expect("hold");
    let r = reg.open_request(c.id, RequestKind::Erasure, None, None).await.expect("request");
    reg.request_step(r.id, Step::Verify { how: Some("BankID".into()) }, None).await.expect("verify");
    reg.erase_note(told.id, r.id).await.expect("erase");
    reg.erase_note(later.id, r.id).await.expect("erase");
    reg.erase_signup(course.id, r.id).await.expect("erase");
    reg.erase_web_activity(c.id, r.id).await.expect("erase");
    reg.hold_back_note_erasure(disputed.id, r.id).await.expect("held back");
    let after_backup = dir.path().join("after.db");
    reg.backup(&after_backup, backup_key.as_ref()).await.expect("backup");
    // When and by whom each was erased or held back: the shop's proof of its answer.
    let when = |d: &kundvakt_core::requests::RequestDetail| {
        let mut v: Vec<_> = d.notes_erased.iter().map(|e| (e.erased_at, e.erased_by.clone())).collect();
        v.extend(d.signups_erased.iter().map(|e| (e.erased_at, e.erased_by.clone())));
        v.extend(d.web_activity_erased.iter().map(|e| (e.erased_at, e.erased_by.clone())));
        v.extend(d.held_back.iter().map(|b| (b.held_at, String::new())));
        v
    };
    let made = when(&reg.request_detail(r.id, reg.today().await.expect("today")).await.expect("detail"));
    assert_eq!(made.len(), 6);
    reg.store().close().await;

    let (restored, report) =
        Register::restore(&t.location, None, &backup, backup_key.as_ref(), "restorer").await.expect("restore");
    assert_eq!(report.parts_erased_again, std::slice::from_ref(&c.number));
    let page = restored.customer_page(c.id).await.expect("page");
    let left: Vec<_> = page.interactions.iter().map(|n| n.id).collect();
    assert_eq!(left, [kept.id, disputed.id], "the erased note is gone again, the held one stays");
    assert_eq!(page.event_registrations, vec![], "so is the sign-up");
    assert_eq!(page.web_events.iter().map(|e| e.id).collect::<Vec<_>>(), [evidence], "and the visits not held");
    let today = restored.today().await.expect("today");
    let request = page.requests.iter().find(|q| q.kind == RequestKind::Erasure).expect("the request carried").id;
    let detail = restored.request_detail(request, today).await.expect("detail");
    let erased: Vec<_> = detail.notes_erased.iter().map(|e| (e.note_id, e.occurred_at)).collect();
    assert_eq!(erased, [(told.id, told.occurred_at), (later.id, later.occurred_at)]);
    let signups: Vec<_> = detail.signups_erased.iter().map(|e| (e.signup_id, e.event_date)).collect();
    assert_eq!(signups, [(course.id, course.event_date)]);
    assert_eq!(detail.web_activity_erased.iter().map(|e| (e.events, e.held)).collect::<Vec<_>>(), [(2, 1)]);
    let kept_back: Vec<_> = detail.held_back.iter().map(|b| (b.entity, b.entity_id)).collect();
    assert_eq!(kept_back, [(RecordKind::WebEvent, evidence.0), (RecordKind::Interaction, disputed.id.0)]);
    assert_eq!(when(&detail), made, "recorded as the register made them");
    assert!(kundvakt_core::audit::verify(restored.store()).await.expect("verify").broken.is_none());
    restored.store().close().await;

    let (again, report) =
        Register::restore(&t.location, None, &after_backup, backup_key.as_ref(), "restorer").await.expect("restore");
    assert_eq!(report.parts_erased_again, Vec::<String>::new(), "the backup has the erasures");
    let detail = again.request_detail(r.id, today).await.expect("detail");
    assert_eq!(detail.notes_erased.len(), 2, "recorded once each");
    assert_eq!((detail.signups_erased.len(), detail.web_activity_erased.len(), detail.held_back.len()), (1, 1, 2));
    // The hold lifted in the restored register, the note goes under the request.
    let lifted = again.lift_hold(note_hold.id).await.expect("lift");
    assert_eq!(lifted.released.iter().map(|b| b.entity_id).collect::<Vec<_>>(), [disputed.id.0]);
    again.store().close().await;
}

/// A customer held as a whole when the backup was made, whose hold was
/// lifted and who was then erased: a restore lifts the hold as the register
/// did before it erases them again, rather than naming them as not erased
/// (the register erased them; a restore must not bring them back, Art. 17).
async fn a_restore_erases_again_someone_whose_hold_was_lifted_first(kind: Kind) {
    use kundvakt_core::retention::due::RecordKind;
    let t = register(kind).await;
    let reg = &t.reg;
    reg.set_setting("backup.keep", "0").await.expect("setting");
    let held = reg.add_customer(&input("Hanna Höjd", "hanna@exempel.se")).await.expect("add");
    let still = reg.add_customer(&input("Ivar Is", "ivar@exempel.se")).await.expect("add");
    let hold = reg.add_hold(RecordKind::Customer, held.id.0, "Tvist om leverans").await.expect("hold");
    let kept = reg.add_hold(RecordKind::Customer, still.id.0, "Tvist om betalning").await.expect("hold");
    let (_dir, backup, backup_key) = back_up(reg, kind).await;
    // The dispute settled, she asks to be erased; his hold is lifted after the restore's copy was made.
    reg.lift_hold(hold.id).await.expect("lift");
    reg.erase_customer(held.id, None).await.expect("erase");
    reg.store().close().await;

    let (restored, report) =
        Register::restore(&t.location, None, &backup, backup_key.as_ref(), "restorer").await.expect("restore");
    assert_eq!(report.not_replayed, vec![], "nothing left to do by hand");
    assert_eq!(report.erasures_replayed, std::slice::from_ref(&held.number));
    assert_eq!(restored.customer(held.id).await.expect("her row").state, CustomerState::Erased);
    // The lift is recorded as the register made it; his hold stays in force.
    let holds: Vec<_> = restored.holds(true).await.expect("holds").into_iter().map(|v| v.hold).collect();
    let hers = holds.iter().find(|h| h.entity_id == held.id.0).expect("her hold");
    assert!(hers.lifted_at.is_some(), "{hers:?}");
    let his = holds.iter().find(|h| h.id == kept.id).expect("his hold");
    assert_eq!(his.lifted_at, None);
    restored.store().close().await;
}

/// An erased customer's consents are kept as proof (Art. 7(1)) with when
/// they ended. A restore that erases the customer again must keep those
/// times: the one the person withdrew before the erasure, and the one the
/// erasure withdrew then, not the day of the restore (which would show the
/// shop holding a consent the person had taken back).
async fn a_restore_keeps_when_an_erased_customer_s_consents_ended(kind: Kind) {
    use kundvakt_core::register::NewConsent;
    let t = register(kind).await;
    let reg = &t.reg;
    reg.set_setting("backup.keep", "0").await.expect("setting");
    let she = reg.add_customer(&input("Karin Kvist", "karin@exempel.se")).await.expect("add");
    let consent = |purpose: &str| NewConsent {
        customer_id: she.id,
        purpose: purpose.into(),
        text_version: "v1".into(),
        given_at: kundvakt_core::store::now() - chrono::Duration::days(100),
        channel: "web_form".into(),
    };
    let letter = reg.add_consent(&consent("newsletter")).await.expect("consent");
    reg.add_consent(&consent("sms")).await.expect("consent");
    let (_dir, backup, backup_key) = back_up(reg, kind).await;
    // After the backup: she says no more newsletters, and later asks to be erased.
    reg.withdraw_consent(letter.id, None).await.expect("withdraw");
    reg.erase_customer(she.id, None).await.expect("erase");
    let ended = |page: kundvakt_core::register::CustomerPage| {
        let mut v: Vec<_> = page.consents.into_iter().map(|c| (c.purpose, c.withdrawn_at)).collect();
        v.sort();
        v
    };
    let before = ended(reg.customer_page(she.id).await.expect("page"));
    assert_eq!(before.len(), 2, "both kept as proof: {before:?}");
    assert!(before[0].1 < before[1].1, "the newsletter's withdrawn first: {before:?}");
    reg.store().close().await;

    let (restored, report) =
        Register::restore(&t.location, None, &backup, backup_key.as_ref(), "restorer").await.expect("restore");
    assert_eq!(report.erasures_replayed, std::slice::from_ref(&she.number));
    assert_eq!(ended(restored.customer_page(she.id).await.expect("page")), before);
    restored.store().close().await;
}

/// The consents recorded by hand after a backup are kept when it is
/// restored, as they were given, with the withdrawals made since, in the
/// order made: the shop must be able to show that the person consented
/// (Art. 7(1)), and a restore must not take someone off the list they asked
/// to be on without a word. Someone who withdrew and then agreed again
/// consents after the restore as before it; someone erased since keeps the
/// proof, ended when they were erased; a consent a web shop's file brought
/// is left to the file; that of a customer added since is named.
async fn a_restore_keeps_the_consents_given_since(kind: Kind) {
    use kundvakt_core::import::{ImportKind, ImportOptions};
    use kundvakt_core::register::NewConsent;
    let (t, [anna, bo, cia]) = anna_bo_and_cia(kind).await;
    let reg = &t.reg;
    let dan = reg.add_customer(&input("Dan Dahl", "dan@exempel.se")).await.expect("add");
    let consent = |customer_id, purpose: &str, days: i64| NewConsent {
        customer_id,
        purpose: purpose.into(),
        text_version: "v1".into(),
        given_at: kundvakt_core::store::now() - chrono::Duration::days(days),
        channel: "meeting".into(),
    };
    let bos_first = reg.add_consent(&consent(bo.id, "newsletter", 100)).await.expect("consent");
    let (dir, backup, backup_key) = back_up(reg, kind).await;

    // After the backup: Anna agrees to text messages at the counter; Bo
    // withdraws, then agrees again to the same wording; Cia agrees and is
    // then erased; Dan says yes in the web shop; Eva, new, agrees.
    reg.add_consent(&consent(anna.id, "sms", 0)).await.expect("consent");
    reg.withdraw_consent(bos_first.id, None).await.expect("withdraw");
    reg.add_consent(&consent(bo.id, "newsletter", 0)).await.expect("consent");
    reg.add_consent(&consent(cia.id, "newsletter", 2)).await.expect("consent");
    reg.erase_customer(cia.id, None).await.expect("erase");
    let file = dir.path().join("shopify.csv");
    let header = "Customer ID,First Name,Last Name,Email,Accepts Email Marketing,Default Address Company,\
                  Default Address Address1,Default Address Address2,Default Address City,Default Address Province Code,\
                  Default Address Country Code,Default Address Zip,Default Address Phone,Phone,Accepts SMS Marketing,\
                  Total Spent,Total Orders,Note,Tax Exempt,Tags";
    let row = "7012345670001,Dan,Dahl,dan@exempel.se,yes,,,,,,SE,,,,no,0.00,0,,no,";
    std::fs::write(&file, format!("{header}\n{row}\n")).expect("write");
    let cancel = std::sync::atomic::AtomicBool::new(false);
    let imported = reg.import(&file, ImportKind::Customers, &ImportOptions::default(), &mut |_| {}, &cancel).await;
    assert_eq!(imported.expect("import").consents_given, 1);
    let eva = reg.add_customer(&input("Eva Ek", "eva@exempel.se")).await.expect("add");
    reg.add_consent(&consent(eva.id, "newsletter", 0)).await.expect("consent");
    let three = [&anna, &bo, &cia];
    let before = consents_of(reg, &three).await;
    assert_eq!(before.iter().map(Vec::len).collect::<Vec<_>>(), [1, 2, 1]);
    reg.store().close().await;

    let (restored, report) =
        Register::restore(&t.location, None, &backup, backup_key.as_ref(), "restorer").await.expect("restore");
    assert_eq!(report.consents_carried, 3, "Anna's, Bo's second and Cia's: {report:?}");
    assert_eq!(report.withdrawals_carried, 2, "Bo's first, and Cia's when she was erased: {report:?}");
    assert_eq!(report.consents_lost, std::slice::from_ref(&eva.number));
    assert_eq!(report.erasures_replayed, std::slice::from_ref(&cia.number));
    assert_eq!(consents_of(&restored, &three).await, before);
    assert_eq!(consents_of(&restored, &[&dan]).await, [vec![]], "the file brings Dan's back");
    // Bo consents now, as he did before the restore; Cia is erased.
    let now: Vec<_> =
        restored.consent_purposes().await.expect("purposes").into_iter().map(|p| (p.purpose, p.consenting)).collect();
    assert_eq!(now, [("newsletter".to_owned(), 1), ("sms".to_owned(), 1)]);
    let v = kundvakt_core::audit::verify(restored.store()).await.expect("verify");
    assert!(v.broken.is_none(), "{:?}", v.broken);
    // Restored again: the same, and nothing twice.
    restored.store().close().await;
    let (again, second) =
        Register::restore(&t.location, None, &backup, backup_key.as_ref(), "restorer").await.expect("restore");
    assert_eq!((second.consents_carried, second.withdrawals_carried), (3, 2), "{second:?}");
    assert!(second.consents_lost.is_empty(), "{second:?}");
    assert_eq!(consents_of(&again, &three).await, before);
    again.store().close().await;
}

/// The sign-ups for courses recorded after a backup, and the statuses
/// changed since, are kept when it is restored, as the register had them:
/// a sign-up exists nowhere else, and the shop must know who comes. That of
/// a customer added since is named; that of someone erased since stays
/// erased.
async fn a_restore_keeps_the_sign_ups_recorded_since(kind: Kind) {
    use kundvakt_core::register::{NewEventRegistration, RegistrationStatus};
    let (t, [anna, bo, cia]) = anna_bo_and_cia(kind).await;
    let reg = &t.reg;
    let day = chrono::Utc::now().date_naive() + chrono::Days::new(30);
    let signup = |customer_id, event_name: &str| NewEventRegistration {
        customer_id,
        event_name: event_name.into(),
        event_date: day,
        status: RegistrationStatus::Registered,
    };
    let annas = reg.add_event_registration(&signup(anna.id, "Kurs i tovning")).await.expect("sign-up");
    let (_dir, backup, backup_key) = back_up(reg, kind).await;

    // After the backup: Anna cancels; Bo signs up; Cia signs up and is
    // erased; Eva, new, signs up.
    reg.set_registration_status(annas.id, RegistrationStatus::Cancelled).await.expect("cancel");
    let bos = reg.add_event_registration(&signup(bo.id, "Vävkurs")).await.expect("sign-up");
    reg.add_event_registration(&signup(cia.id, "Vävkurs")).await.expect("sign-up");
    reg.erase_customer(cia.id, None).await.expect("erase");
    let eva = reg.add_customer(&input("Eva Ek", "eva@exempel.se")).await.expect("add");
    let evas = reg.add_event_registration(&signup(eva.id, "Vävkurs")).await.expect("sign-up");
    // Bo's sign-up is disputed (the fee), and so is Eva's: held since.
    use kundvakt_core::retention::due::RecordKind;
    let held = reg.add_hold(RecordKind::EventRegistration, bos.id.0, "Tvist om avgiften").await.expect("hold");
    reg.add_hold(RecordKind::EventRegistration, evas.id.0, "Tvist om avgiften").await.expect("hold");
    let three = [&anna, &bo, &cia];
    let before = signups_of(reg, &three).await;
    assert_eq!(before.iter().map(Vec::len).collect::<Vec<_>>(), [1, 1, 0]);
    reg.store().close().await;

    let (restored, report) =
        Register::restore(&t.location, None, &backup, backup_key.as_ref(), "restorer").await.expect("restore");
    assert_eq!(report.signups_carried, 2, "Anna's status and Bo's sign-up: {report:?}");
    assert_eq!(report.signups_lost, std::slice::from_ref(&eva.number));
    assert_eq!(signups_of(&restored, &three).await, before);
    // The hold on Bo's sign-up comes with it, on the copy's row, as placed;
    // the one on Eva's, whose sign-up the copy cannot take, is named.
    assert_eq!((report.holds_carried, &report.holds_lost), (1, &vec![format!("event_registration {}", evas.id)]));
    let holds = restored.holds(false).await.expect("holds");
    let page = restored.customer_page(bo.id).await.expect("page");
    let here = page.event_registrations.iter().find(|s| s.event_name == "Vävkurs").expect("Bo's sign-up").id;
    let placed: Vec<_> = holds
        .iter()
        .map(|v| (v.hold.entity, v.hold.entity_id, &v.hold.reason, &v.hold.set_by, v.hold.set_at))
        .collect();
    assert_eq!(placed, [(RecordKind::EventRegistration, here.0, &held.reason, &held.set_by, held.set_at)]);
    let v = kundvakt_core::audit::verify(restored.store()).await.expect("verify");
    assert!(v.broken.is_none(), "{:?}", v.broken);
    // Restored again: the same, and nothing twice.
    restored.store().close().await;
    let (again, second) =
        Register::restore(&t.location, None, &backup, backup_key.as_ref(), "restorer").await.expect("restore");
    assert_eq!((second.signups_carried, second.signups_lost.len()), (2, 0), "{second:?}");
    assert_eq!((second.holds_carried, second.holds_lost.len()), (1, 0), "{second:?}");
    assert_eq!(signups_of(&again, &three).await, before);
    again.store().close().await;
}

/// What a restore does not carry, since a restore is also how a mistake is
/// undone (a plain note, an edit of someone's details, an import), it names:
/// the shop is told what it goes back on, and that the register as it was
/// before has it. A bookkeeping note, which it carries, and an edit undone
/// again, which changes nothing, are not named.
async fn a_restore_names_what_it_goes_back_on(kind: Kind) {
    use kundvakt_core::import::{ImportKind, ImportOptions};
    use kundvakt_core::register::NewInteraction;
    let (t, [anna, bo, cia]) = anna_bo_and_cia(kind).await;
    let reg = &t.reg;
    let asked = reg.add_interaction(&phone_call(anna.id, "Frågade om leveransen", None)).await.expect("note");
    let (dir, backup, backup_key) = back_up(reg, kind).await;

    // After the backup: a plain note on Bo and a bookkeeping note on Anna;
    // Bo moves; Cia's phone is typed in and taken out again; a file of the
    // web shop renames Anna and brings Dan.
    let wanted = reg.add_interaction(&phone_call(bo.id, "Ville byta storlek", None)).await.expect("note");
    // Anna's note of before is corrected, Bo's of after too (named once, as not in the copy).
    let said =
        |text: &str| kundvakt_core::register::InteractionChanges { summary: Some(text.into()), ..Default::default() };
    reg.edit_interaction(asked.id, &said("Frågade om leveransen till Umeå"), Some(&asked)).await.expect("correct");
    reg.edit_interaction(wanted.id, &said("Ville byta till storlek M"), Some(&wanted)).await.expect("correct");
    let agreed = NewInteraction { bookkeeping: true, ..phone_call(anna.id, "Avtalade pris", None) };
    reg.add_interaction(&agreed).await.expect("note");
    let edit = |fields| CustomerChanges { fields };
    let moved = CustomerInput { city: Some("Umeå".into()), ..Default::default() };
    reg.edit_customer(bo.id, &edit(moved), None).await.expect("move");
    let phone = CustomerInput { phone: Some("070-123 45 67".into()), ..Default::default() };
    reg.edit_customer(cia.id, &edit(phone), None).await.expect("phone");
    let none = CustomerInput { phone: Some(String::new()), ..Default::default() };
    reg.edit_customer(cia.id, &edit(none), None).await.expect("phone out");
    let eva = reg.add_customer(&input("Eva Ek", "eva@exempel.se")).await.expect("add");
    // Fia as a version before migration 51 added her: not marked either way.
    let fia = reg.add_customer(&input("Fia Fors", "fia@exempel.se")).await.expect("add");
    common::execute(&t.location, &format!("UPDATE customers SET by_hand = NULL WHERE id = {}", fia.id)).await;
    let file = dir.path().join("kunder.csv");
    let rows =
        format!("Kundnr;Namn;E-post\n{};Anna Ask-Lund;anna@exempel.se\nW-7;Dan Dahl;dan@exempel.se\n", anna.number);
    std::fs::write(&file, rows).expect("file");
    let cancel = std::sync::atomic::AtomicBool::new(false);
    let options = ImportOptions::default();
    let imported = reg.import(&file, ImportKind::Customers, &options, &mut |_| {}, &cancel).await.expect("import");
    assert_eq!((imported.added, imported.updated), (1, 1), "{imported:?}");
    reg.store().close().await;

    let (restored, report) =
        Register::restore(&t.location, None, &backup, backup_key.as_ref(), "restorer").await.expect("restore");
    assert_eq!(report.notes_carried, 1, "Anna's agreement: {report:?}");
    assert_eq!(report.notes_undone, std::slice::from_ref(&bo.number), "Bo's plain note");
    assert_eq!(report.notes_changed_undone, std::slice::from_ref(&anna.number), "Anna's note corrected");
    assert_eq!(report.details_undone, [anna.number.clone(), bo.number.clone()], "renamed, moved; Cia as she was");
    // Eva, added by hand, is to be added again; Dan comes back with the file; Fia is either.
    assert_eq!(report.customers_lost, [eva.number.clone(), fia.number.clone(), "W-7".into()]);
    assert_eq!(report.customers_lost_by_hand, std::slice::from_ref(&eva.number));
    assert_eq!(report.customers_lost_imported, ["W-7"]);
    assert_eq!(report.imports_undone.len(), 1, "{report:?}");
    let ran = report.imports_undone[0];
    assert!(ran <= chrono::Utc::now() && ran > chrono::Utc::now() - chrono::Duration::minutes(5), "{ran}");
    // As the backup had them.
    let page = restored.customer_page(bo.id).await.expect("page");
    assert_eq!((page.customer.city.as_deref(), page.interactions.len()), (None, 0));
    let page = restored.customer_page(anna.id).await.expect("page");
    assert_eq!(page.customer.name.as_deref(), Some("Anna Ask"));
    assert_eq!(page.interactions.len(), 2, "the note before the backup, and the agreement");
    assert!(page.interactions.iter().any(|n| n.summary == "Frågade om leveransen"), "as it was written");
    // Restored again over the restored register: nothing of it is undone twice.
    restored.store().close().await;
    let (again, second) =
        Register::restore(&t.location, None, &backup, backup_key.as_ref(), "restorer").await.expect("restore");
    let named = (&second.notes_undone, &second.notes_changed_undone, &second.details_undone);
    assert_eq!(named, (&vec![], &vec![], &vec![]), "{second:?}");
    assert!(second.imports_undone.is_empty(), "{second:?}");
    again.store().close().await;
}

/// A register that makes no automatic backups (each test makes its own),
/// with Anna Ask, Bo Berg and Cia Cedersund in it.
async fn anna_bo_and_cia(kind: Kind) -> (TestRegister, [kundvakt_core::register::Customer; 3]) {
    let t = register(kind).await;
    t.reg.set_setting("backup.keep", "0").await.expect("setting");
    let mut three = Vec::new();
    for (name, email) in
        [("Anna Ask", "anna@exempel.se"), ("Bo Berg", "bo@exempel.se"), ("Cia Cedersund", "cia@exempel.se")]
    {
        three.push(t.reg.add_customer(&input(name, email)).await.expect("add"));
    }
    let three = three.try_into().expect("three");
    (t, three)
}

/// Each customer's sign-ups: event, day and status.
async fn signups_of(
    r: &Register,
    customers: &[&kundvakt_core::register::Customer],
) -> Vec<Vec<(String, chrono::NaiveDate, kundvakt_core::register::RegistrationStatus)>> {
    let mut all = Vec::new();
    for c in customers {
        let page = r.customer_page(c.id).await.expect("page");
        let mut v: Vec<_> =
            page.event_registrations.into_iter().map(|s| (s.event_name, s.event_date, s.status)).collect();
        v.sort_by(|a, b| (&a.0, a.1).cmp(&(&b.0, b.1)));
        all.push(v);
    }
    all
}

/// Each customer's consents: purpose, wording, given, channel and withdrawn.
type ConsentRow = (String, String, DateTime<Utc>, String, Option<DateTime<Utc>>);

/// The consents of `customers` in `r`, each customer's sorted.
async fn consents_of(r: &Register, customers: &[&kundvakt_core::register::Customer]) -> Vec<Vec<ConsentRow>> {
    let mut all = Vec::new();
    for c in customers {
        let page = r.customer_page(c.id).await.expect("page");
        let mut v: Vec<ConsentRow> = page
            .consents
            .into_iter()
            .map(|c| (c.purpose, c.text_version, c.given_at, c.channel, c.withdrawn_at))
            .collect();
        v.sort();
        all.push(v);
    }
    all
}

/// The record of an erasure made after a backup says, once the backup is
/// restored, what it said before: when the person was erased and for which
/// of their requests (the shop's proof that it answered in time, Art. 5(2),
/// 12(3)), not the day of the restore and no request.
async fn a_restore_keeps_when_and_for_which_request_someone_was_erased(kind: Kind) {
    use kundvakt_core::requests::{ListFilter, RequestKind, Step};
    let t = register(kind).await;
    let reg = &t.reg;
    reg.set_setting("backup.keep", "0").await.expect("setting");
    let she = reg.add_customer(&input("Lisa Lund", "lisa@exempel.se")).await.expect("add");
    let shop = reg.add_customer(&input("Mats Mo", "mats@exempel.se")).await.expect("add");
    let (_dir, backup, backup_key) = back_up(reg, kind).await;
    // After the backup: she asks to be erased and is; the shop erases him of its own accord.
    let asked = reg.open_request(she.id, RequestKind::Erasure, None, None).await.expect("request");
    reg.request_step(asked.id, Step::Verify { how: None }, None).await.expect("verify");
    reg.erase_customer(she.id, Some(asked.id)).await.expect("erase");
    reg.erase_customer(shop.id, None).await.expect("erase");
    let today = reg.today().await.expect("today");
    let found = |r: &Register, number: String| {
        let r = r.clone();
        async move {
            let e = r.erased_matching(&number).await.expect("search").expect("erased");
            (e.erased_at, e.request_id)
        }
    };
    let later = reg.add_customer(&input("Nils Ny", "nils@exempel.se")).await.expect("add");
    let his_request = reg.open_request(later.id, RequestKind::Erasure, None, None).await.expect("request");
    reg.request_step(his_request.id, Step::Verify { how: None }, None).await.expect("verify");
    reg.erase_customer(later.id, Some(his_request.id)).await.expect("erase");
    let late_erased = found(reg, later.number.clone()).await;
    let (hers, his) = (found(reg, she.number.clone()).await, found(reg, shop.number.clone()).await);
    assert_eq!((hers.1, his.1), (Some(asked.id), None));
    let answered = reg.request_detail(asked.id, today).await.expect("detail").customer_erased;
    let by = "SELECT COUNT(*) FROM erasures WHERE erased_by = 'restorer'";
    reg.store().close().await;

    let (restored, report) =
        Register::restore(&t.location, None, &backup, backup_key.as_ref(), "restorer").await.expect("restore");
    assert_eq!(report.erasures_replayed, [she.number.clone(), shop.number.clone()]);
    // The request, logged after the backup, is carried over: the copy's own.
    let list = restored.list_requests(today, ListFilter { include_done: true }).await.expect("list");
    let [carried, _] = &list[..] else { panic!("two requests: {list:?}") };
    let carried = if carried.customer_number.as_deref() == Some(&she.number) { carried } else { &list[1] };
    assert_eq!(found(&restored, she.number.clone()).await, (hers.0, Some(carried.id)));
    assert_eq!(found(&restored, shop.number.clone()).await, his);
    // Someone the backup never had, erased at their request: their tombstone
    // answers their request too.
    let late = found(&restored, later.number.clone()).await;
    let theirs = list.iter().find(|r| r.kind == RequestKind::Erasure && r.id != carried.id).expect("their request");
    assert_eq!(late, (late_erased.0, Some(theirs.id)));
    let detail = restored.request_detail(carried.id, today).await.expect("detail").customer_erased;
    assert_eq!(detail.map(|e| e.at), answered.map(|e| e.at));
    // Made by whom the register says, not by whoever restored it.
    assert_eq!(common::scalar(&t.location, by).await, 0);
    restored.store().close().await;
}

/// What a sweep deleted after a backup stays deleted once the backup is
/// restored (Art. 5(1)(e): kept no longer than needed), as the register
/// swept it: with the holds lifted before it lifted first, and its run
/// recorded as the register recorded it (the shop's proof it deleted on time).
async fn a_restore_sweeps_again_what_the_register_swept_since(kind: Kind) {
    use kundvakt_core::retention::due::RecordKind;
    let t = register(kind).await;
    let reg = &t.reg;
    kundvakt_core::demo::fill(reg, 40, kundvakt_core::demo::DEMO_TODAY).await.expect("demo");
    reg.set_setting("backup.keep", "0").await.expect("setting");
    let as_of = reg.today().await.expect("today");
    let due = reg.retention_due(as_of).await.expect("due");
    assert!(due.items.len() > 10, "the demo shop has records due: {}", due.items.len());
    // A record held when the backup is made, its hold lifted before the sweep.
    let held = due.items.iter().find(|i| i.entity == RecordKind::Interaction).expect("a note due").clone();
    let hold = reg.add_hold(held.entity, held.id, "Tvist om samtalet").await.expect("hold");
    // Two more inactive customers, kept from the sweep when the backup is made: one who asked for
    // a copy of their data, answered before the sweep, and one restricted, lifted before it.
    let mut inactive = due.items.iter().filter(|i| i.entity == RecordKind::Customer);
    let [inactive, asked, restricted] = [(); 3].map(|_| inactive.next().expect("a customer due").clone());
    let id = |i: &kundvakt_core::retention::due::DueItem| kundvakt_core::values::CustomerId(i.id);
    let access = reg.open_request(id(&asked), RequestKind::Access, None, None).await.expect("request");
    // And a customer with a note due who asked for a copy, answered the same day but after the
    // sweep: the request kept the note from it.
    let taken = [inactive.id, asked.id, restricted.id];
    let mut late = None;
    for c in
        reg.list_customers(0, 1000).await.expect("customers").items.into_iter().filter(|c| !taken.contains(&c.id.0))
    {
        let notes = reg.customer_page(c.id).await.expect("page").interactions;
        let due_note = |n: &&kundvakt_core::register::Interaction| {
            n.id.0 != held.id && due.items.iter().any(|i| (i.entity, i.id) == (RecordKind::Interaction, n.id.0))
        };
        if let Some(note) = notes.iter().find(due_note) {
            late = Some((c.id, note.id.0));
            break;
        }
    }
    let (late, note) = late.expect("a customer with a note due");
    let copy = reg.open_request(late, RequestKind::Portability, None, None).await.expect("request");
    let ground = kundvakt_core::register::restriction::RestrictionGround::LegalClaims;
    reg.restrict_customer(id(&restricted), ground, None, None).await.expect("restrict");
    // A sweep the backup holds (made within the restore's margin of a day): not made again.
    let yesterday = as_of.pred_opt().expect("day");
    reg.sweep(yesterday, Batching::Fixed(50), &mut |_| {}).await.expect("sweep");
    let (_dir, backup, backup_key) = back_up(reg, kind).await;
    reg.lift_hold(hold.id).await.expect("lift");
    reg.request_step(access.id, Step::Verify { how: None }, None).await.expect("verify");
    reg.access_report(id(&asked), None, Some(access.id), kundvakt_core::reports::Format::Json).await.expect("copy");
    reg.request_step(access.id, Step::Answer { answer: "Bifogat".into() }, None).await.expect("answer");
    reg.lift_restriction(id(&restricted), as_of).await.expect("unrestrict");
    let run = reg.sweep(as_of, Batching::Fixed(7), &mut |_| {}).await.expect("sweep");
    reg.request_step(copy.id, Step::Verify { how: None }, None).await.expect("verify");
    reg.portability_export(late, Some(copy.id)).await.expect("copy");
    reg.request_step(copy.id, Step::Answer { answer: "Bifogat".into() }, None).await.expect("answer");
    let due_now = reg.retention_due(as_of).await.expect("due").items;
    assert!(due_now.iter().any(|i| (i.entity, i.id) == (RecordKind::Interaction, note)), "kept, and due once answered");
    let number = inactive.number.clone().expect("a customer's number");
    let erased = reg.erased_matching(&number).await.expect("search").expect("erased by the sweep");
    let mut ended = vec![];
    for i in [&asked, &restricted] {
        let number = i.number.clone().expect("a customer's number");
        let tombstone = reg.erased_matching(&number).await.expect("search").expect("erased by the sweep");
        ended.push((number, tombstone));
    }
    let swept = reg.sweep_run(run.id).await.expect("run");
    let far = as_of + chrono::Duration::days(40 * 366);
    let left = reg.retention_due(far).await.expect("due").items;
    assert!(!left.iter().any(|i| i.entity == held.entity && i.id == held.id), "the note is gone");
    reg.store().close().await;

    let (restored, report) =
        Register::restore(&t.location, None, &backup, backup_key.as_ref(), "restorer").await.expect("restore");
    assert_eq!(report.sweeps_replayed, [as_of]);
    // The customer it erased, erased as the register recorded it.
    assert_eq!(restored.erased_matching(&number).await.expect("search"), Some(erased));
    // And those the backup kept from it, whose request was answered and restriction lifted before
    // it: the sweep made again is made after them, and they do not come back (Art. 17(1), 5(1)(e)).
    for (number, tombstone) in ended {
        assert_eq!(restored.erased_matching(&number).await.expect("search"), Some(tombstone), "{number}");
    }
    let answered = restored.request(access.id).await.expect("request");
    assert_eq!(answered.state, kundvakt_core::requests::RequestState::Answered);
    // The note of the one whose request was answered after the sweep: kept in the copy too, and
    // due now as in the register, though answered on the sweep's day.
    let answered = restored.request(copy.id).await.expect("request");
    assert_eq!(answered.state, kundvakt_core::requests::RequestState::Answered);
    assert_eq!(answered.answered_on, Some(as_of));
    assert_eq!(restored.retention_due(as_of).await.expect("due").items, due_now, "nothing else due is back");
    assert_eq!(restored.retention_due(far).await.expect("due").items, left, "what is left is what the register had");
    // Its run as the register recorded it, and what it deleted (in batches of its own).
    let again = restored.sweep_run(run.id).await.expect("run");
    let said = |(r, counts): (kundvakt_core::retention::sweep::SweepRun, Vec<_>)| {
        (r.as_of, r.started_by, r.started_at, r.state, r.finished_at, counts)
    };
    assert_eq!(said(again), said(swept));
    restored.store().close().await;
}

/// The settings changed after a backup are changed again by its restore,
/// each in its place among the sweeps made again: a sweep made again deletes
/// what the register's deleted under the retention period then in force
/// (Art. 5(1)(e)), neither more (a longer period the shop chose) nor less,
/// and a period or the controller's name changed since does not go back to
/// the backup's. Each change is recorded as the register made it.
async fn a_restore_sweeps_under_the_settings_then_in_force_and_keeps_those_changed_since(kind: Kind) {
    use kundvakt_core::retention::due::RecordKind;
    let t = register(kind).await;
    let reg = &t.reg;
    kundvakt_core::demo::fill(reg, 40, kundvakt_core::demo::DEMO_TODAY).await.expect("demo");
    reg.set_setting("backup.keep", "0").await.expect("setting");
    let (_dir, backup, backup_key) = back_up(reg, kind).await;
    // Notes kept four years, not the two of the backup, when the sweep is made; three years since.
    reg.set_setting("retention.interaction_months", "48").await.expect("setting");
    let as_of = reg.today().await.expect("today");
    reg.sweep(as_of, Batching::Fixed(50), &mut |_| {}).await.expect("sweep");
    reg.set_setting("retention.interaction_months", "36").await.expect("setting");
    reg.set_setting("controller.name", "Garn & Tråd AB").await.expect("setting");
    let due = reg.retention_due(as_of).await.expect("due").items;
    assert!(
        due.iter().any(|i| i.entity == RecordKind::Interaction),
        "notes three to four years old, kept by the sweep, are due now: {due:?}"
    );
    let far = as_of + chrono::Duration::days(40 * 366);
    let left = reg.retention_due(far).await.expect("due").items;
    let settings = reg.settings().await.expect("settings");
    let changes = "SELECT COUNT(*) FROM setting_changes";
    let made = common::scalar(&t.location, changes).await;
    reg.store().close().await;

    let (restored, report) =
        Register::restore(&t.location, None, &backup, backup_key.as_ref(), "restorer").await.expect("restore");
    assert_eq!(report.sweeps_replayed, [as_of]);
    assert_eq!(report.settings_carried, ["retention.interaction_months", "controller.name"]);
    assert_eq!(report.catalogue_carried, 0, "the records of processing are the backup's");
    assert_eq!(restored.settings().await.expect("settings"), settings);
    assert_eq!(restored.retention_due(as_of).await.expect("due").items, due, "what the sweep kept is kept");
    assert_eq!(restored.retention_due(far).await.expect("due").items, left, "what is left is what the register had");
    // Each change as the register recorded it, those the backup holds once.
    assert_eq!(common::scalar(&t.location, changes).await, made);
    let by_restore = "SELECT COUNT(*) FROM setting_changes WHERE set_by = 'restorer'";
    assert_eq!(common::scalar(&t.location, by_restore).await, 0);
    let chain = kundvakt_core::audit::verify(restored.store()).await.expect("verify");
    assert!(chain.broken.is_none(), "{:?}", chain.broken);
    restored.store().close().await;
}

/// The records of processing (Art. 30) changed after a backup stay as the
/// register had them once the backup is restored: a category's purpose, a
/// processor added, changed or removed, an assessment written or withdrawn,
/// each audited again, under the ids the register gave them.
async fn a_restore_keeps_the_records_of_processing_changed_since(kind: Kind) {
    use kundvakt_core::processing::*;
    use kundvakt_core::reports::privacy::NoticeFormat;
    let t = register(kind).await;
    let reg = &t.reg;
    reg.set_setting("backup.keep", "0").await.expect("setting");
    // The privacy notice saved from them before the backup.
    let published = tempfile::tempdir().expect("dir");
    let notice = published.path().join("integritet.html");
    reg.save_privacy_notice(None, NoticeFormat::Html, &notice).await.expect("notice");
    let (_dir, backup, backup_key) = back_up(reg, kind).await;
    let fresh = reg.catalogue().await.expect("catalogue");
    let purpose = CategoryChanges { purpose: Some("Att leverera det kunden köpt".into()), ..Default::default() };
    reg.change_category(Category::IdentityContact, &purpose).await.expect("category");
    let carrier = NewProcessor {
        name: "Fraktbolaget AB".into(),
        role: ProcessorRole::Processor,
        country: "SE".into(),
        purpose: "Leveranser".into(),
        categories: CategoryList(vec![Category::IdentityContact, Category::PurchaseHistory]),
        agreement_date: chrono::NaiveDate::from_ymd_opt(2024, 1, 10),
        outside_eea: false,
        safeguards: None,
    };
    reg.add_processor(&carrier).await.expect("add");
    let first = &fresh.processors[0];
    let renamed = NewProcessor { name: format!("{} Nordic", first.fields.name), ..first.fields.clone() };
    reg.update_processor(first.id, &renamed).await.expect("edit");
    reg.remove_processor(fresh.processors[1].id).await.expect("remove");
    let withdrawn = &fresh.assessments[0];
    reg.remove_assessment(withdrawn.id).await.expect("withdraw");
    let again = kundvakt_core::assessments::NewAssessment {
        outcome: "Notes are kept, for two years at most.".into(),
        ..withdrawn.fields.clone()
    };
    reg.add_assessment(&again).await.expect("assess");
    let catalogue = reg.catalogue().await.expect("catalogue");
    reg.store().close().await;

    let (restored, report) =
        Register::restore(&t.location, None, &backup, backup_key.as_ref(), "restorer").await.expect("restore");
    assert_eq!(report.catalogue_carried, 6, "a category, three processors, two assessments");
    assert!(
        report.settings_carried.is_empty(),
        "the backup holds the one setting changed: {:?}",
        report.settings_carried
    );
    assert_eq!(restored.catalogue().await.expect("catalogue"), catalogue);
    let chain = kundvakt_core::audit::verify(restored.store()).await.expect("verify");
    assert!(chain.broken.is_none(), "{:?}", chain.broken);
    // Each change audited, as the window's would be: the notice saved before
    // no longer says what the records of processing say.
    let edits = "SELECT COUNT(*) FROM audit_entries WHERE actor = 'restorer' AND entity IN ('category', 'processor', 'assessment')";
    assert_eq!(common::scalar(&t.location, edits).await, 6);
    let state = restored.privacy_notice_state().await.expect("notice");
    assert!(state.saved.is_some() && state.outdated, "{state:?}");
    // The next one added takes an id of its own (PostgreSQL's identity goes on past those carried).
    let next = restored.add_processor(&NewProcessor { name: "Tryckeriet AB".into(), ..carrier }).await.expect("add");
    assert!(catalogue.processors.iter().all(|p| p.id.0 < next.id.0), "{:?}", next.id);
    restored.store().close().await;
}

on_both_backends!(
    a_restored_backup_does_not_bring_erased_people_back,
    a_restore_keeps_the_records_of_processing_changed_since,
    a_restore_sweeps_again_what_the_register_swept_since,
    a_restore_sweeps_under_the_settings_then_in_force_and_keeps_those_changed_since,
    a_restore_keeps_when_and_for_which_request_someone_was_erased,
    a_restore_erases_again_someone_whose_hold_was_lifted_first,
    a_restore_keeps_when_an_erased_customer_s_consents_ended,
    a_restore_keeps_the_consents_given_since,
    a_restore_keeps_the_sign_ups_recorded_since,
    a_restore_names_what_it_goes_back_on,
    a_restored_backup_keeps_the_requests_holds_restrictions_and_withdrawals_made_since,
    a_restore_carries_the_vouchers_recorded_by_hand_since,
    a_restore_makes_again_the_corrections_people_asked_for,
    a_restore_finds_customers_renumbered_since_the_backup,
    a_restore_leaves_a_correction_the_backup_holds,
    a_restore_erases_again_what_people_had_erased_alone
);

/// A shared register's backup is an SQLite register file, read as the
/// register it was made of. Its times are written as SQLite's own writes
/// write them, not as PostgreSQL writes them in JSON (`10:00:00.12` for
/// `10:00:00.120`; in a session of another time zone, its offset): the due
/// list compares and pages them as text, and a page that ends among rows of
/// one such instant would leave the rest of them out (`.12+` sorts before
/// the `.120+` it is asked to go on after). The server's time zone
/// is Stockholm's here, so that its offset would show.
#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_shared_register_s_backup_reads_as_the_register_does() {
    let url = fresh_pg_database().await;
    let name = url.rsplit_once('/').expect("database").1.to_owned();
    let mut admin = <sqlx::PgConnection as sqlx::Connection>::connect(&url).await.expect("connect");
    sqlx::query(&format!("ALTER DATABASE {name} SET timezone TO 'Europe/Stockholm'"))
        .execute(&mut admin)
        .await
        .expect("time zone");
    let shared = Register::open(&Location::Postgres(url.clone()), OpenMode::Create, "test").await.expect("open");
    let options = kundvakt_core::register::InitOptions {
        country: kundvakt_core::values::ShopCountry::Se,
        language: kundvakt_core::values::Language::Sv,
    };
    shared.init(options).await.expect("init");
    kundvakt_core::demo::fill(&shared, 60, kundvakt_core::demo::DEMO_TODAY).await.expect("demo");
    // Times to the microsecond that PostgreSQL writes shorter than SQLite
    // (`.12`, `.12345`: it drops the zeros at the end), some at one instant.
    sqlx::query(
        "UPDATE customers SET last_activity_at = CASE WHEN id % 2 = 0 THEN TIMESTAMPTZ '2019-05-01 10:00:00.12+00' \
         ELSE TIMESTAMPTZ '2019-05-01 10:00:00.12345+00' END WHERE id <= 12",
    )
    .execute(&mut admin)
    .await
    .expect("times");
    let dir = tempfile::tempdir().expect("dir");
    let backup = dir.path().join("shared.db");
    shared.backup(&backup, None).await.expect("backup");
    let copy = Register::open(&Location::Sqlite(backup.clone()), OpenMode::Existing, "test").await.expect("the copy");

    let mut file = <sqlx::SqliteConnection as sqlx::Connection>::connect(&format!("sqlite:{}", backup.display()))
        .await
        .expect("the file");
    let times: Vec<String> = sqlx::query_scalar(
        "SELECT last_activity_at FROM customers UNION ALL SELECT occurred_at FROM web_events \
         UNION ALL SELECT at FROM audit_entries",
    )
    .fetch_all(&mut file)
    .await
    .expect("times");
    assert!(times.len() > 100, "{}", times.len());
    for text in &times {
        let at = chrono::DateTime::parse_from_rfc3339(text).expect("a time").with_timezone(&chrono::Utc);
        assert_eq!(text, &at.to_rfc3339_opts(chrono::SecondsFormat::AutoSi, false), "as SQLite's writes");
    }
    for as_of in ["2026-10-31", "2028-06-30"] {
        let as_of = as_of.parse().expect("date");
        let want = shared.retention_due(as_of).await.expect("due");
        let got = tokio::time::timeout(std::time::Duration::from_secs(60), copy.retention_due(as_of))
            .await
            .expect("the list ends")
            .expect("due");
        assert_eq!(got, want, "due on {as_of}");
    }
    assert_eq!(kundvakt_core::audit::verify(copy.store()).await.expect("verify").broken, None);
    copy.store().close().await;
    shared.store().close().await;
}

/// Commands that arrive while the window rewrites its register (encrypts it,
/// restores a backup, stores it plain again) wait for the rewrite and then
/// run on the file as rewritten, instead of meeting closed connections.
#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn commands_that_come_during_a_rewrite_wait_for_it() {
    let dir = tempfile::tempdir().expect("dir");
    let db = dir.path().join("shop.db").display().to_string();
    kv_with_ok(&db, &["init", "--demo", "--demo-customers", "200"], &[]);
    let location = Location::Sqlite(db.clone().into());
    let window = Register::open(&location, OpenMode::Existing, "app").await.expect("open");
    let before = window.list_customers(0, 1).await.expect("list").total;
    let backup = dir.path().join("before.db");
    window.backup(&backup, None).await.expect("backup");
    for step in ["encrypt", "restore", "decrypt"] {
        let (busy, backup) = (window.clone(), backup.clone());
        let rewrite = tokio::spawn(async move {
            match step {
                "encrypt" => busy.set_passphrase(None, Some(&key())).await,
                "restore" => busy.restore_in_place(&backup, None).await.map(|_| ()),
                _ => busy.set_passphrase(Some(&key()), None).await,
            }
        });
        let mut answered = 0;
        while !rewrite.is_finished() {
            let page = window
                .list_customers(0, 1)
                .await
                .unwrap_or_else(|e| panic!("{step}: a command during the rewrite failed: {e}"));
            assert_eq!(page.total, before, "{step}");
            answered += 1;
        }
        rewrite.await.expect("join").unwrap_or_else(|e| panic!("{step}: {e}"));
        assert!(answered > 0, "{step}: the window asked while the file was rewritten");
    }
    assert_eq!(file_state(Path::new(&db)).expect("state"), FileState::Plain);
    let verified = kundvakt_core::audit::verify(window.store()).await.expect("verify");
    assert!(verified.broken.is_none(), "{verified:?}");
}

mod in_place {
    use super::*;

    /// The window's register restores a backup without letting go of it: every
    /// clone goes on with the register as restored, erasures made since are
    /// made again, and a backup that fails its check changes nothing.
    async fn the_window_restores_a_backup_in_place(kind: Kind) {
        let t = register(kind).await;
        let window = t.reg.clone();
        kundvakt_core::demo::fill(&window, 20, kundvakt_core::demo::DEMO_TODAY).await.expect("demo");
        let all = window.list_customers(0, 20).await.expect("list").items;
        let dir = tempfile::tempdir().expect("dir");
        let backup = dir.path().join("before.db");
        window.backup(&backup, None).await.expect("backup");
        window.erase_customer(all[3].id, None).await.expect("erase");
        window.add_customer(&input("Efter Kopian", "efter@exempel.se")).await.expect("add");

        // A copy changed after it was made is refused, and the register is as it was.
        let forged = dir.path().join("forged.db");
        std::fs::copy(&backup, &forged).expect("copy");
        sqlite3(&forged, "UPDATE audit_entries SET actor = 'mallory' WHERE seq = 3");
        let refused = window.restore_in_place(&forged, None).await.expect_err("refused");
        assert!(refused.to_string().contains("audit trail is broken"), "{refused}");
        assert_eq!(t.reg.search_customers("Efter Kopian", 5).await.expect("search").len(), 1);

        let report = window.restore_in_place(&backup, None).await.expect("restore");
        assert_eq!(report.erasures_replayed, vec![all[3].number.clone()]);
        assert!(report.safety_backup.is_some(), "the register as it was is kept first");
        // The clone the other commands use sees the restored register.
        assert!(t.reg.search_customers("Efter Kopian", 5).await.expect("search").is_empty());
        assert_eq!(t.reg.customer(all[3].id).await.expect("tombstone").state, CustomerState::Erased);
        assert_eq!(t.reg.customer(all[4].id).await.expect("customer").name, all[4].name);
        t.reg.add_customer(&input("Dag Ny", "dag@exempel.se")).await.expect("the register goes on");
        let v = kundvakt_core::audit::verify(t.reg.store()).await.expect("verify");
        assert!(v.broken.is_none(), "{:?}", v.broken);

        // An encrypted register restores its own encrypted backups with the key it has.
        if kind == Kind::Sqlite {
            window.set_passphrase(None, Some(&key())).await.expect("encrypt");
            let secret = dir.path().join("secret.db");
            let made = window.backup(&secret, None).await.expect("backup");
            assert!(made.encrypted);
            window.add_customer(&input("Sist Tillagd", "sist@exempel.se")).await.expect("add");
            window.restore_in_place(&secret, None).await.expect("restore");
            assert!(t.reg.store().encrypted());
            assert!(t.reg.search_customers("Sist Tillagd", 5).await.expect("search").is_empty());
        }
        t.reg.store().close().await;
    }

    /// The window's customer list after a restore is the restored register's,
    /// even once the restored register's audit chain has grown back to the
    /// length it had when the list was last drawn: the list's marks are kept
    /// for one head of the chain, its number and its hash.
    async fn the_list_after_a_restore_is_the_restored_registers(kind: Kind) {
        let t = register(kind).await;
        let window = t.reg.clone();
        for i in 0..5 {
            window.add_customer(&input(&format!("Före {i}"), &format!("fore{i}@exempel.se"))).await.expect("add");
        }
        let dir = tempfile::tempdir().expect("dir");
        let backup = dir.path().join("before.db");
        window.backup(&backup, None).await.expect("backup");
        for i in 0..12 {
            window.add_customer(&input(&format!("Efter {i}"), &format!("efter{i}@exempel.se"))).await.expect("add");
        }
        let drawn = window.list_customers_in_steps(0, 500, 4).await.expect("list");
        assert_eq!(drawn.total, 17);
        let (seq, _) = window.audit_head().await.expect("head");

        window.restore_in_place(&backup, None).await.expect("restore");
        let mut added = 0;
        while window.audit_head().await.expect("head").0 < seq {
            // Names that sort before every name the list had.
            window
                .add_customer(&input(&format!("Anna Ny {added}"), &format!("ny{added}@exempel.se")))
                .await
                .expect("add");
            added += 1;
        }
        assert_eq!(window.audit_head().await.expect("head").0, seq, "the chain is as long as when the list was drawn");
        let list = window.list_customers_in_steps(0, 500, 4).await.expect("list");
        let names: Vec<_> = list.items.iter().map(|c| c.name.clone().unwrap_or_default()).collect();
        assert_eq!(list.total, 5 + added, "{names:?}");
        assert_eq!(names.len() as i64, list.total);
        assert!(names.iter().all(|n| !n.starts_with("Efter")), "{names:?}");
        assert_eq!(names.iter().filter(|n| n.starts_with("Anna Ny")).count() as i64, added, "{names:?}");
        t.reg.store().close().await;
    }

    /// A window that showed a customer before a restore does not save over
    /// edits made after it: the restored customers' versions start past
    /// every version the register had, so the window's save is refused as a
    /// change by someone else, however many edits came after the restore.
    async fn a_save_from_before_a_restore_does_not_overwrite_later_edits(kind: Kind) {
        let t = register(kind).await;
        let window = t.reg.clone();
        let c = window.add_customer(&input("Åsa Öberg", "asa@exempel.se")).await.expect("add");
        let dir = tempfile::tempdir().expect("dir");
        let backup = dir.path().join("before.db");
        window.backup(&backup, None).await.expect("backup");
        let phone = |p: &str| CustomerChanges { fields: CustomerInput { phone: Some(p.into()), ..Default::default() } };
        window.edit_customer(c.id, &phone("070-111 11 11"), None).await.expect("edit");
        let shown = window.edit_customer(c.id, &phone("070-222 22 22"), None).await.expect("edit");
        assert_eq!(shown.version, 3, "the window shows the customer at version 3");

        window.restore_in_place(&backup, None).await.expect("restore");
        // Someone else edits the restored customer twice, as many edits as
        // took the register from the backup's version to the window's.
        window.edit_customer(c.id, &phone("070-333 33 33"), None).await.expect("edit after the restore");
        let later = window.edit_customer(c.id, &phone("070-444 44 44"), None).await.expect("edit after the restore");
        let stale = window
            .edit_customer(c.id, &phone("070-555 55 55"), Some(shown.version))
            .await
            .expect_err("the window's save from before the restore");
        assert!(matches!(stale, Error::Conflict { .. }), "{stale}");
        assert_eq!(
            window.customer(c.id).await.expect("read").phone.as_deref(),
            Some("+46704444444"),
            "the edit made after the restore stands"
        );
        assert!(later.version > shown.version, "versions go on past the register's ({})", later.version);
        t.reg.store().close().await;
    }

    on_both_backends!(
        the_window_restores_a_backup_in_place,
        the_list_after_a_restore_is_the_restored_registers,
        a_save_from_before_a_restore_does_not_overwrite_later_edits
    );
}

#[test]
fn an_import_and_a_sweep_are_each_preceded_by_a_backup() {
    let dir = tempfile::tempdir().expect("dir");
    let db = dir.path().join("shop.db").display().to_string();
    kv_with_ok(&db, &["init", "--demo", "--demo-customers", "30"], &[]);
    let fixture = concat!(env!("CARGO_MANIFEST_DIR"), "/../tests/fixtures/import/shopify-customers.csv");
    kv_with_ok(&db, &["import", "customers", fixture], &[]);
    let summaries = dir.path().display().to_string();
    kv_with_ok(&db, &["retention", "sweep", "--yes", "--summary-dir", &summaries], &[]);
    // A preview changes nothing and copies nothing.
    kv_with_ok(&db, &["import", "customers", fixture, "--dry-run"], &[]);
    let mut made: Vec<String> = std::fs::read_dir(dir.path().join("shop-backups"))
        .expect("backup folder")
        .map(|e| e.expect("entry").file_name().to_string_lossy().into_owned())
        .collect();
    made.sort();
    assert_eq!(made.len(), 2, "{made:?}");
    assert!(made[0].ends_with("-import.db") && made[1].ends_with("-sweep.db"), "{made:?}");
    // The copy before the sweep still holds what the sweep deleted.
    let due_then = kv_with_ok(
        &dir.path().join("shop-backups").join(&made[1]).display().to_string(),
        &["retention", "due", "--json"],
        &[],
    );
    let due_now = kv_with_ok(&db, &["retention", "due", "--json"], &[]);
    let items =
        |text: &str| serde_json::from_str::<serde_json::Value>(text).expect("JSON")["items"].as_array().map(Vec::len);
    assert!(items(&due_then) > Some(0));
    assert_eq!(items(&due_now), Some(0));
}

/// The app's list of backups: the automatic ones in the folder, as their names
/// record them, and the ones made by hand, from the register's log.
#[tokio::test]
async fn the_backups_are_listed_for_the_window() {
    let dir = tempfile::tempdir().expect("dir");
    let db = dir.path().join("shop.db").display().to_string();
    kv_with_ok(&db, &["init", "--demo", "--demo-customers", "30"], &[]);
    let fixture = concat!(env!("CARGO_MANIFEST_DIR"), "/../tests/fixtures/import/shopify-customers.csv");
    kv_with_ok(&db, &["import", "customers", fixture], &[]);
    let copy = dir.path().join("by-hand.db");
    kv_with_ok(&db, &["backup", &copy.display().to_string()], &[]);
    // Something else in the folder is not a backup of this register.
    std::fs::write(dir.path().join("shop-backups").join("notes.db"), b"x").expect("write");
    let reg = Register::open(&Location::Sqlite(db.clone().into()), OpenMode::Existing, "test").await.expect("open");
    let b = reg.backup_overview().await.expect("overview");
    assert_eq!(b.folder, Some(dir.path().join("shop-backups").display().to_string()));
    assert_eq!(b.keep, 5, "the default");
    let automatic: Vec<(BackupPurpose, bool)> =
        b.automatic.iter().map(|a| (a.purpose, a.file.ends_with("-import.db"))).collect();
    assert_eq!(automatic, vec![(BackupPurpose::Import, true)]);
    let manual: Vec<(&str, &str)> = b.manual.iter().map(|m| (m.purpose.as_str(), m.file.as_str())).collect();
    assert_eq!(manual, vec![("manual", copy.to_str().expect("path"))]);
    assert!(b.automatic[0].made_at <= b.manual[0].made_at, "the import came first");
    // Turned off, there is no folder to speak of; the copies made by hand stay listed.
    reg.set_setting("backup.keep", "0").await.expect("off");
    let off = reg.backup_overview().await.expect("overview");
    assert_eq!((off.folder, off.automatic.len(), off.manual.len()), (None, 0, 1));
    reg.store().close().await;
}

/// A customer erased since the backup whom the backup holds under a legal
/// hold the register never had (a copy from a register restored in
/// between): not erased again, and named with the reason, which the
/// window says in its own language.
#[tokio::test]
async fn an_erasure_a_restore_cannot_make_again_is_named_with_its_reason() {
    let dir = tempfile::tempdir().expect("dir");
    let location = Location::Sqlite(dir.path().join("shop.db"));
    let reg = Register::open(&location, OpenMode::Create, "test").await.expect("create");
    reg.set_setting("backup.keep", "0").await.expect("setting");
    let held = reg.add_customer(&input("Hanna Höjd", "hanna@exempel.se")).await.expect("add");
    let backup = dir.path().join("copy.db");
    reg.backup(&backup, None).await.expect("backup");
    reg.erase_customer(held.id, None).await.expect("erase");
    reg.store().close().await;
    let hold = format!(
        "INSERT INTO legal_holds (entity, entity_id, reason, set_by, set_at) \
         VALUES ('customer', {}, 'Tvist', 'någon', '2026-01-05T10:00:00+00:00')",
        held.id.0
    );
    sqlite3(&backup, &hold);

    let (restored, report) = Register::restore(&location, None, &backup, None, "test").await.expect("restore");
    let [not] = report.not_replayed.as_slice() else { panic!("{:?}", report.not_replayed) };
    assert_eq!(not.number, held.number);
    assert!(not.reason.contains("is under a legal hold"), "{}", not.reason);
    assert_eq!(not.why.key, "msg-customer-held");
    let swedish = not.why.in_language(&kundvakt_core::i18n::Translator::new(kundvakt_core::values::Language::Sv));
    assert!(swedish.starts_with(&format!("kund {} omfattas av ett rättsligt bevarande", held.number)), "{swedish}");
    assert_eq!(restored.customer(held.id).await.expect("row").state, CustomerState::Active, "as the copy holds her");
    restored.store().close().await;
}

#[tokio::test]
async fn a_backup_changed_after_it_was_made_is_not_restored() {
    let dir = tempfile::tempdir().expect("dir");
    let path = dir.path().join("shop.db");
    let location = Location::Sqlite(path.clone());
    let reg = Register::open(&location, OpenMode::Create, "test").await.expect("create");
    kundvakt_core::demo::fill(&reg, 20, kundvakt_core::demo::DEMO_TODAY).await.expect("demo");
    let backup = dir.path().join("copy.db");
    reg.backup(&backup, None).await.expect("backup");
    reg.store().close().await;
    let dump = || sqlite3(&path, ".dump");
    let before = dump();

    // Someone rewrites history in the copy.
    sqlite3(&backup, "UPDATE audit_entries SET actor = 'nobody' WHERE seq = 5");

    let e = Register::restore(&location, None, &backup, None, "test").await.expect_err("refused");
    assert!(matches!(e, Error::Refused(_)), "{e}");
    assert!(e.to_string().contains("broken at entry 5"), "{e}");
    assert!(dump() == before, "the register is untouched");
    assert_no_restore_leftovers(dir.path());
}

#[tokio::test]
async fn restore_from_the_command_line_asks_for_the_backup_s_passphrase() {
    let dir = tempfile::tempdir().expect("dir");
    let db = dir.path().join("shop.db").display().to_string();
    let env = [("KUNDVAKT_PASSPHRASE", PASS)];
    kv_with_ok(&db, &["init", "--encrypt", "--demo", "--demo-customers", "20"], &env);
    let file = dir.path().join("copy.db").display().to_string();
    kv_with_ok(&db, &["backup", &file], &env);
    // Without --yes and a terminal, nothing happens.
    let refused = kv_with(&db, &["restore", &file], &env);
    assert_eq!(refused.status.code(), Some(1), "{}", stderr(&refused));
    let out = kv_with_ok(&db, &["restore", &file, "--yes", "--json"], &env);
    let report: serde_json::Value = serde_json::from_str(&out).expect("JSON");
    assert_eq!(report["backup_recorded"], true);
    assert_eq!(file_state(Path::new(&db)).expect("state"), FileState::Encrypted, "still encrypted");
    kv_with_ok(&db, &["audit", "verify"], &env);
    // An order the web shop's file brought after the backup: the restore
    // warns that the restored register lacks it, and where it is. One taken
    // by hand is kept, and said so.
    let orders = dir.path().join("orders.csv");
    let row = "W-77,2026-11-02,K000001,99.00,SEK";
    std::fs::write(&orders, format!("order_number,order_date,customer_number,total,currency\n{row}\n")).expect("write");
    kv_with_ok(&db, &["import", "orders", &orders.display().to_string()], &env);
    let add = ["order", "add", "--customer", "1", "--number", "H-78", "--date", "2026-11-02", "--total", "49,00"];
    kv_with_ok(&db, &add, &env);
    let note = ["interaction", "add", "--customer", "1", "--channel", "phone", "--direction", "inbound"];
    let note = [
        &note[..],
        &[
            "--summary",
            "Avtalade delbetalning",
            "--at",
            "2026-11-02 10:00",
            "--bookkeeping",
            "--closed-on",
            "2026-11-02",
        ],
    ]
    .concat();
    kv_with_ok(&db, &note, &env);
    // And a setting changed: it stays as changed, and the restore says so.
    kv_with_ok(&db, &["settings", "set", "retention.web_event_months", "6"], &env);
    let restored = kv_with(&db, &["restore", &file, "--yes"], &env);
    assert!(restored.status.success(), "{}", stderr(&restored));
    let warning = stderr(&restored);
    assert!(warning.contains("1 order(s) and 0 invoice(s) recorded after the backup"), "{warning}");
    assert!(warning.contains("Orders: W-77. Invoices: none."), "{warning}");
    assert!(warning.contains("the register as it was before has them: "), "{warning}");
    let said = String::from_utf8_lossy(&restored.stdout);
    let kept = "Settings changed after the backup was made, changed again as the register had them: retention.web_event_months";
    assert!(said.contains(kept), "{said}");
    let kept = "1 order(s), 0 invoice(s) and 0 order status(es) entered by hand after the backup. Orders: H-78. Invoices: none.";
    assert!(said.contains(kept), "{said}");
    assert!(
        said.contains("1 note(s) documenting a purchase or an agreement (`--bookkeeping`) written after the backup."),
        "{said}"
    );
    let shown = kv_with_ok(&db, &["customer", "show", "K000001", "--json"], &env);
    assert!(shown.contains("\"H-78\"") && !shown.contains("\"W-77\""), "{shown}");
    assert!(shown.contains("Avtalade delbetalning"), "{shown}");
    let settings = kv_with_ok(&db, &["settings", "show", "--json"], &env);
    let settings: serde_json::Value = serde_json::from_str(&settings).expect("JSON");
    assert_eq!(settings["retention.web_event_months"], "6", "{settings}");
}

async fn two_instances_never_overwrite_each_other(kind: Kind) {
    let t = register(kind).await;
    let c = t.reg.add_customer(&input("Åsa Öberg", "asa@example.se")).await.expect("add");
    // A second app instance: its own connections to the same register.
    let other = Register::open(&t.location, OpenMode::Existing, "other").await.expect("second instance");
    let seen_here = t.reg.customer(c.id).await.expect("read");
    let seen_there = other.customer(c.id).await.expect("read");
    let phone = |p: &str| kundvakt_core::register::CustomerChanges {
        fields: kundvakt_core::register::CustomerInput { phone: Some(p.into()), ..Default::default() },
    };
    other.edit_customer(c.id, &phone("070-111 11 11"), Some(seen_there.version)).await.expect("first save");
    let e = t.reg.edit_customer(c.id, &phone("070-222 22 22"), Some(seen_here.version)).await.expect_err("stale");
    assert_eq!(e.code(), "conflict");
    assert!(e.to_string().contains("changed by someone else"), "{e}");
    assert_eq!(t.reg.customer(c.id).await.expect("read").phone.as_deref(), Some("+46701111111"));
    other.store().close().await;
}

/// Two computers issuing invoices at the same moment, each leaving the number
/// to the series: every invoice lands, each with a number of its own.
async fn two_instances_number_their_invoices_apart(kind: Kind) {
    let t = register(kind).await;
    let c = t.reg.add_customer(&input("Åsa Öberg", "asa@example.se")).await.expect("add");
    let order = kundvakt_core::register::OrderDraft {
        customer_id: c.id,
        number: String::new(),
        order_date: chrono::Utc::now().date_naive(),
        currency: "SEK".into(),
        total: Some("1000.00".into()),
        vat: Some("200.00".into()),
        payment_provider: None,
        payment_reference: None,
        status: kundvakt_core::register::OrderStatus::Placed,
        lines: vec![],
    };
    t.reg.record_order(&order).await.expect("order");
    let other = Register::open(&t.location, OpenMode::Existing, "other").await.expect("second instance");
    let draft = |amount: &str| kundvakt_core::register::InvoiceDraft {
        order: "M-00001".into(),
        number: String::new(),
        kind: kundvakt_core::register::InvoiceKind::Invoice,
        issued_on: chrono::Utc::now().date_naive(),
        due_on: None,
        amount: amount.into(),
        credits: None,
    };
    let mut tasks = vec![];
    for i in 0..6 {
        let reg = if i % 2 == 0 { t.reg.clone() } else { other.clone() };
        let d = draft(&format!("{}.00", 10 + i));
        tasks.push(tokio::spawn(async move { reg.record_invoice(&d).await }));
    }
    let mut numbers = vec![];
    for task in tasks {
        numbers.push(task.await.expect("task").expect("every invoice lands").number);
    }
    numbers.sort();
    assert_eq!(numbers, ["F-00001", "F-00002", "F-00003", "F-00004", "F-00005", "F-00006"]);
    // Orders taken by hand at the same moment, likewise.
    let mut tasks = vec![];
    for i in 0..4 {
        let reg = if i % 2 == 0 { t.reg.clone() } else { other.clone() };
        let o = order.clone();
        tasks.push(tokio::spawn(async move { reg.record_order(&o).await }));
    }
    let mut numbers = vec![];
    for task in tasks {
        numbers.push(task.await.expect("task").expect("every order lands").number);
    }
    numbers.sort();
    assert_eq!(numbers, ["M-00002", "M-00003", "M-00004", "M-00005"]);
    other.store().close().await;
}

mod instances {
    use super::*;
    on_both_backends!(two_instances_never_overwrite_each_other, two_instances_number_their_invoices_apart);
}
