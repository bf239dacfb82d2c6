//! The files the command line writes where the user says: a place that cannot
//! take the file is refused before anything is recorded (a copy made for a
//! request, an erasure, a sweep), and a file there already — a copy sent to a
//! person, last year's file for the accountant — is replaced only with --force.

mod common;

use std::path::Path;

use common::{kv_ok, kv_output, sqlite3, user_error as refused};

fn arg(path: &Path) -> String {
    path.display().to_string()
}

/// A register with one customer, Åsa, who has an order of 2024 and an open,
/// verified access request; returns the --db argument and her number.
fn register(dir: &Path) -> (String, String) {
    let db = arg(&dir.join("r.db"));
    kv_ok(&db, &["init"]);
    kv_ok(&db, &["settings", "set", "controller.name", "Åsas Garn AB"]);
    kv_ok(&db, &["settings", "set", "controller.email", "hej@asasgarn.example"]);
    let added = kv_ok(&db, &["customer", "add", "--name", "Åsa Öberg", "--email", "asa@example.se", "--json"]);
    let number =
        serde_json::from_str::<serde_json::Value>(&added).expect("JSON")["number"].as_str().expect("number").to_owned();
    let order = ["order", "add", "--customer", &number, "--number", "A-1", "--date", "2024-03-15", "--total", "125.00"];
    kv_ok(&db, &[&order[..], &["--currency", "SEK"]].concat());
    (db, number)
}

#[test]
fn a_document_does_not_replace_a_file_unless_told_to() {
    let dir = tempfile::tempdir().expect("dir");
    let (db, asa) = register(dir.path());
    let request = kv_ok(&db, &["request", "open", "--customer", &asa, "--kind", "access"]).trim().to_owned();
    kv_ok(&db, &["request", "verify", &request, "--how", "e-mail from the address on file"]);
    // Last week's copy of another matter, under the name the user types again.
    let copy = dir.path().join("kopia.pdf");
    std::fs::write(&copy, b"the copy sent last week").expect("write");
    let before = sqlite3(&db, ".dump");
    let out =
        kv_output(&db, &["report", "access", &asa, "--format", "pdf", "--out", &arg(&copy), "--request", &request]);
    refused(&out, "kopia.pdf: exists already: choose another name, or add --force to replace it");
    assert_eq!(std::fs::read(&copy).expect("read"), b"the copy sent last week", "the file stays");
    assert_eq!(sqlite3(&db, ".dump"), before, "no copy is recorded for the request");

    // Told to, it replaces the file, and the copy is recorded.
    let out = kv_output(
        &db,
        &["report", "access", &asa, "--format", "pdf", "--out", &arg(&copy), "--request", &request, "--force"],
    );
    assert!(out.status.success(), "{}", String::from_utf8_lossy(&out.stderr));
    assert!(std::fs::read(&copy).expect("read").starts_with(b"%PDF-"));
    let shown = kv_ok(&db, &["request", "show", &request, "--json"]);
    let documents = serde_json::from_str::<serde_json::Value>(&shown).expect("JSON")["documents"].clone();
    assert_eq!(documents.as_array().map(Vec::len), Some(1), "the copy is recorded once: {shown}");

    // The other documents take the same flag; a receipt over the copy is refused too.
    let out = kv_output(&db, &["report", "receipt", &request, "--format", "json", "--out", &arg(&copy)]);
    refused(&out, "exists already");
    let out = kv_output(&db, &["report", "processing", "--format", "json", "--out", &arg(&copy)]);
    refused(&out, "exists already");
    assert!(std::fs::read(&copy).expect("read").starts_with(b"%PDF-"), "still the access report");
}

#[test]
fn the_accountant_s_file_is_not_replaced_unless_told_to() {
    let dir = tempfile::tempdir().expect("dir");
    let (db, _) = register(dir.path());
    let file = arg(&dir.path().join("ordrar-2024.csv"));
    let export = ["export", "orders", "--fiscal-year", "2024", "--format", "csv", "--out", &file];
    kv_ok(&db, &export);
    let first = std::fs::read(&file).expect("first export");
    let entries = sqlite3(&db, "SELECT COUNT(*) FROM audit_entries");
    refused(&kv_output(&db, &export), "ordrar-2024.csv: exists already");
    assert_eq!(std::fs::read(&file).expect("read"), first);
    assert_eq!(sqlite3(&db, "SELECT COUNT(*) FROM audit_entries"), entries, "no export is audited");
    let invoices = ["export", "invoices", "--fiscal-year", "2024", "--format", "json", "--out", &file];
    refused(&kv_output(&db, &invoices), "exists already");
    kv_ok(&db, &[&export[..], &["--force"]].concat());
    let n: i64 = sqlite3(&db, "SELECT COUNT(*) FROM audit_entries").trim().parse().expect("count");
    assert_eq!(n, entries.trim().parse::<i64>().expect("count") + 1, "the second export is audited");
}

#[test]
fn an_erasure_is_not_made_where_its_confirmation_cannot_be_written() {
    let dir = tempfile::tempdir().expect("dir");
    let (db, asa) = register(dir.path());
    let before = sqlite3(&db, ".dump");
    let nowhere = arg(&dir.path().join("bekräftelser"));
    let out = kv_output(&db, &["erase", &asa, "--yes", "--confirmation-dir", &nowhere]);
    refused(&out, "bekräftelser: no such folder: create it first, or choose another");
    assert!(out.stdout.is_empty(), "no plan is shown for an erasure that cannot be made");
    assert_eq!(sqlite3(&db, ".dump"), before, "Åsa is not erased");
    // Where a file stands in the folder's place, the same.
    std::fs::write(&nowhere, b"").expect("write");
    refused(&kv_output(&db, &["erase", &asa, "--yes", "--confirmation-dir", &nowhere]), "not a folder");
    assert_eq!(sqlite3(&db, ".dump"), before, "Åsa is not erased");
    // A dry run writes nothing, and needs no folder.
    assert!(kv_ok(&db, &["erase", &asa, "--dry-run", "--confirmation-dir", &nowhere]).contains("Erasure of customer"));

    let folder = dir.path().join("intyg");
    std::fs::create_dir(&folder).expect("folder");
    let done = kv_ok(&db, &["erase", &asa, "--yes", "--json", "--confirmation-dir", &arg(&folder)]);
    let files: Vec<String> = serde_json::from_str::<serde_json::Value>(&done).expect("JSON")["confirmation"]
        .as_array()
        .expect("files")
        .iter()
        .map(|f| f.as_str().expect("path").to_owned())
        .collect();
    assert_eq!(files.len(), 2, "{done}");
    assert!(files.iter().all(|f| Path::new(f).starts_with(&folder) && Path::new(f).is_file()), "{files:?}");
}

#[test]
fn a_sweep_does_not_run_where_its_summary_cannot_be_written() {
    let dir = tempfile::tempdir().expect("dir");
    let (db, asa) = register(dir.path());
    // An order of 2018 was kept through 2025 in Sweden (Bokföringslagen 7 kap. 2 §): due now.
    let old = ["order", "add", "--customer", &asa, "--number", "A-0", "--date", "2018-03-15", "--total", "80.00"];
    kv_ok(&db, &[&old[..], &["--currency", "SEK"]].concat());
    let before = sqlite3(&db, ".dump");
    let nowhere = arg(&dir.path().join("utgallring"));
    let sweep = ["retention", "sweep", "--yes", "--summary-dir", &nowhere];
    refused(&kv_output(&db, &sweep), "utgallring: no such folder");
    assert_eq!(sqlite3(&db, ".dump"), before, "nothing is deleted");
    let dry = kv_ok(&db, &["retention", "sweep", "--dry-run", "--summary-dir", &nowhere]);
    assert!(dry.contains("Due on") && dry.contains("order"), "{dry}");
    std::fs::create_dir(&nowhere).expect("folder");
    kv_ok(&db, &sweep);
    assert_eq!(sqlite3(&db, "SELECT number FROM orders").trim(), "A-1", "the order of 2018 is deleted");
    assert_eq!(std::fs::read_dir(&nowhere).expect("dir").count(), 2, "the summary, as PDF and JSON");
}
