//! Crash safety (issue 8): the command line is killed (SIGKILL, no chance to
//! clean up) in the middle of an import, an erasure and a backup, at several
//! moments. Each time the register must open, pass SQLite's integrity check
//! and `audit verify`, and hold either everything from before or everything
//! from after: nothing lost, nothing half-written. (The sweep's kill test is
//! in tests/sweep.rs.)

mod common;

use std::path::Path;
use std::process::{Command, Stdio};
use std::time::Duration;

use common::*;

fn count(db: &str, sql: &str) -> i64 {
    sqlite3(db, sql).parse().expect("a number")
}

/// Runs `kundvakt --db DB ARGS`, kills it after `ms` milliseconds, and tells
/// whether it was still running then (false: it had finished on its own).
fn kill_after(db: &str, args: &[&str], ms: u64) -> bool {
    let mut child = Command::new(env!("CARGO_BIN_EXE_kundvakt"))
        .arg("--db")
        .arg(db)
        .args(args)
        .env_remove("KUNDVAKT_DB")
        .stdout(Stdio::null())
        .stderr(Stdio::null())
        .spawn()
        .expect("start kundvakt");
    std::thread::sleep(Duration::from_millis(ms));
    let running = child.try_wait().expect("poll").is_none();
    child.kill().expect("SIGKILL");
    child.wait().expect("wait");
    running
}

/// The register opens, is sound, and its audit chain holds.
fn assert_whole(db: &str) {
    assert_eq!(sqlite3(db, "PRAGMA integrity_check"), "ok", "{db}");
    kv_ok(db, &["audit", "verify"]);
}

/// A Shopify customers export of `n` people.
fn shopify_csv(path: &Path, n: usize) {
    let mut text = String::from(
        "Customer ID,First Name,Last Name,Email,Accepts Email Marketing,Default Address Company,\
         Default Address Address1,Default Address Address2,Default Address City,Default Address Province Code,\
         Default Address Country Code,Default Address Zip,Default Address Phone,Phone,Accepts SMS Marketing,\
         Total Spent,Total Orders,Note,Tax Exempt,Tags\n",
    );
    for i in 0..n {
        text.push_str(&format!(
            "{},Åsa{i},Öberg,asa.{i}@exempel.se,yes,,Storgatan {i},,Falun,,SE,791 71,,,no,0.00,0,,no,\n",
            7_100_000_000_000u64 + i as u64
        ));
    }
    std::fs::write(path, text).expect("write the CSV");
}

#[test]
fn a_killed_import_leaves_the_register_as_it_was_or_whole() {
    let dir = tempfile::tempdir().expect("dir");
    let db = dir.path().join("shop.db").display().to_string();
    kv_ok(&db, &["init", "--demo", "--demo-customers", "30"]);
    let csv = dir.path().join("customers.csv");
    let n = 30_000;
    shopify_csv(&csv, n);
    let csv = csv.display().to_string();
    let before = count(&db, "SELECT COUNT(*) FROM customers");

    let mut interrupted = 0;
    for ms in [150, 500, 1200, 2500] {
        let killed = kill_after(&db, &["import", "customers", &csv], ms);
        assert_whole(&db);
        let now = count(&db, "SELECT COUNT(*) FROM customers");
        let words = count(&db, "SELECT COUNT(DISTINCT customer_id) FROM customer_search");
        assert!(now == before || now == before + n as i64, "all or nothing: {now} customers after {ms} ms");
        assert_eq!(words, now, "every customer is searchable, none half-added");
        if killed {
            interrupted += 1;
        }
        if now != before {
            break;
        }
    }
    assert!(interrupted > 0, "at least one import was killed while it ran");
    kv_ok(&db, &["import", "customers", &csv]);
    assert_eq!(count(&db, "SELECT COUNT(*) FROM customers"), before + n as i64);
    assert_whole(&db);
}

#[test]
fn a_killed_erasure_leaves_the_customer_whole_or_erased() {
    let dir = tempfile::tempdir().expect("dir");
    let db = dir.path().join("shop.db").display().to_string();
    kv_ok(&db, &["init", "--demo", "--demo-customers", "30"]);
    let (id, number) = {
        let row = sqlite3(&db, "SELECT id || ' ' || number FROM customers WHERE email IS NOT NULL ORDER BY id LIMIT 1");
        let (id, number) = row.split_once(' ').expect("id and number");
        (id.to_owned(), number.to_owned())
    };
    // A customer with a long web history: the erasure takes a while.
    sqlite3(
        &db,
        &format!(
            "WITH RECURSIVE n(i) AS (SELECT 1 UNION ALL SELECT i + 1 FROM n WHERE i < 40000) \
             INSERT INTO web_events (customer_id, occurred_at, ip, action, user_agent) \
             SELECT {id}, '2026-10-01T12:00:00+00:00', '198.51.100.' || (i % 250), 'view', \
             printf('%.300c', 'x') FROM n"
        ),
    );
    let events = format!("SELECT COUNT(*) FROM web_events WHERE customer_id = {id}");
    let total = count(&db, &events);
    let confirmations = dir.path().display().to_string();
    let args = ["erase", number.as_str(), "--yes", "--confirmation-dir", confirmations.as_str()];

    let mut interrupted = 0;
    for ms in [40, 120, 300, 700, 1500] {
        let killed = kill_after(&db, &args, ms);
        assert_whole(&db);
        let state = sqlite3(&db, &format!("SELECT state || ' ' || (name IS NULL) FROM customers WHERE id = {id}"));
        let left = count(&db, &events);
        let logged = count(&db, &format!("SELECT COUNT(*) FROM erasures WHERE customer_id = {id}"));
        match state.as_str() {
            "erased 1" => {
                assert_eq!((left, logged), (0, 1), "erased wholly");
                break;
            }
            "active 0" => assert_eq!((left, logged), (total, 0), "untouched wholly after {ms} ms"),
            other => panic!("half-erased after {ms} ms: {other}"),
        }
        if killed {
            interrupted += 1;
        }
    }
    assert!(interrupted > 0, "at least one erasure was killed while it ran");
    let out = kv_output(&db, &args);
    let erased = sqlite3(&db, &format!("SELECT state FROM customers WHERE id = {id}"));
    assert!(out.status.success() || erased == "erased", "{}", String::from_utf8_lossy(&out.stderr));
    assert_eq!(erased, "erased");
    assert_eq!(count(&db, &events), 0);
    assert_whole(&db);
}

#[test]
fn a_killed_backup_leaves_no_half_backup() {
    let dir = tempfile::tempdir().expect("dir");
    let db = dir.path().join("shop.db").display().to_string();
    kv_ok(&db, &["init", "--demo", "--demo-customers", "30"]);
    // Bulk, so that the copy takes long enough to be interrupted.
    sqlite3(
        &db,
        "WITH RECURSIVE n(i) AS (SELECT 1 UNION ALL SELECT i + 1 FROM n WHERE i < 150000) \
         INSERT INTO web_events (customer_id, occurred_at, ip, action, user_agent) \
         SELECT (SELECT MIN(id) FROM customers), '2026-10-01T12:00:00+00:00', '198.51.100.1', 'view', \
         printf('%.400c', 'y') FROM n",
    );
    let mut interrupted = 0;
    for (i, ms) in [10, 40, 90, 180, 400].into_iter().enumerate() {
        let target = dir.path().join(format!("backup-{i}.db"));
        let t = target.display().to_string();
        if kill_after(&db, &["backup", &t], ms) {
            interrupted += 1;
        }
        assert_whole(&db);
        // The backup is there whole, or not at all.
        if target.exists() {
            assert_whole(&t);
            let events = "SELECT COUNT(*) FROM web_events";
            assert_eq!(count(&t, events), count(&db, events), "every row is in the backup");
        }
    }
    assert!(interrupted > 0, "at least one backup was killed while it ran");
    // A killed backup's leftovers do not stand in the way of the next.
    let last = dir.path().join("backup-0.db").display().to_string();
    let _ = std::fs::remove_file(&last);
    kv_ok(&db, &["backup", &last]);
    assert_whole(&last);
}
