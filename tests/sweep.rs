//! The retention sweep: it removes exactly what is due, a second sweep finds
//! nothing, its summary is a signed document, and a sweep killed mid-run
//! (SIGKILL) leaves a whole register that the next sweep finishes.

mod common;

use std::collections::BTreeMap;
use std::io::{BufRead, BufReader};
use std::process::{Command, Stdio};

use chrono::NaiveDate;
use common::{assert_valid, kv_ok, kv_output, pdftotext, register, schema, sqlite3, Kind};
use kundvakt_core::register::{CustomerChanges, CustomerInput, CustomerState, InteractionChanges};
use kundvakt_core::reports::Format;
use kundvakt_core::retention::due::RecordKind;
use kundvakt_core::retention::sweep::{Batching, SweepAction, SweepOrder};
use kundvakt_core::values::{CustomerId, InteractionId};

fn d(s: &str) -> NaiveDate {
    s.parse().expect("date")
}

async fn sweep_removes_exactly_what_is_due(kind: Kind) {
    // The sweep chooses, kind by kind, the oldest first or id order, and
    // batches of a size or of a time; each way removes the same records.
    let mut outcomes = vec![];
    let fixed = Batching::Fixed(37);
    for way in [
        (SweepOrder::Chosen, fixed),
        (SweepOrder::Oldest, fixed),
        (SweepOrder::Ids, fixed),
        (SweepOrder::Chosen, Batching::Timed),
    ] {
        outcomes.push((way, sweep_in_order(kind, way.0, way.1).await));
    }
    for (way, counts) in &outcomes[1..] {
        assert_eq!(counts, &outcomes[0].1, "{way:?} against {:?}", outcomes[0].0);
    }
}

/// The sweep of the demo shop taking records in `order`, `batching` them, checked; its counts.
async fn sweep_in_order(
    kind: Kind,
    order: SweepOrder,
    batching: Batching,
) -> BTreeMap<(RecordKind, String, SweepAction), i64> {
    let t = register(kind).await;
    kundvakt_core::demo::fill(&t.reg, 300, kundvakt_core::demo::DEMO_TODAY).await.expect("demo");
    let as_of = d("2026-01-01");
    let due = t.reg.retention_due(as_of).await.expect("due");
    let mut want: BTreeMap<RecordKind, i64> = BTreeMap::new();
    for i in &due.items {
        *want.entry(i.entity).or_default() += 1;
    }
    assert!(want.len() >= 4, "the demo has several kinds due: {want:?}");
    let preview = t.reg.sweep_preview(as_of).await.expect("preview");
    assert_eq!(preview.total, due.items.len() as i64);
    assert_eq!(preview.held, due.held.len() as i64);
    let counted: BTreeMap<RecordKind, i64> = preview.counts.iter().map(|c| (c.entity, c.records)).collect();
    assert_eq!(counted, want, "the preview counts what the due list lists, kind by kind");
    assert_eq!(t.reg.retention_due(as_of).await.expect("due").items, due.items, "a preview changes nothing");

    let future = t.reg.today().await.expect("today").succ_opt().expect("date");
    assert_eq!(
        t.reg.sweep(future, Batching::Fixed(100), &mut |_| {}).await.expect_err("ahead of today").code(),
        "invalid"
    );

    // Whose each order is before the sweep: the orders an erased customer's
    // kept books must carry that customer's own pseudonym after it.
    let owners = order_owners(&t.reg).await;
    let mut pseudonyms = BTreeMap::new();
    for i in due.items.iter().filter(|i| i.entity == RecordKind::Customer) {
        let c = t.reg.customer(CustomerId(i.id)).await.expect("customer");
        pseudonyms.insert(c.number, c.pseudonym);
    }

    // A due note of a customer who stays, corrected: its old wording goes
    // with the note (the cascade of migration 25), while a correction of a
    // living customer's details stays.
    let due_customers: Vec<i64> = due.items.iter().filter(|i| i.entity == RecordKind::Customer).map(|i| i.id).collect();
    let fix = InteractionChanges { summary: Some("Rättad anteckning".into()), ..Default::default() };
    let mut corrected_note = None;
    for i in due.items.iter().filter(|i| i.entity == RecordKind::Interaction) {
        let note = t.reg.edit_interaction(InteractionId(i.id), &fix, None).await.expect("correct a due note");
        if !due_customers.contains(&note.customer_id.0) {
            corrected_note = Some(note);
            break;
        }
    }
    let corrected_note = corrected_note.expect("a due note of a customer who stays");
    let stays = t.reg.customer(corrected_note.customer_id).await.expect("customer");
    let street =
        CustomerChanges { fields: CustomerInput { street: Some("Rättad gata 1".into()), ..Default::default() } };
    t.reg.edit_customer(stays.id, &street, None).await.expect("correct a customer who stays");
    let corrections_of = |what: String| {
        let location = t.location.clone();
        async move { common::scalar(&location, &format!("SELECT count(*) FROM corrections WHERE {what}")).await }
    };
    assert_eq!(corrections_of(format!("interaction_id = {}", corrected_note.id.0)).await, 1);

    let mut seen = vec![];
    let run = t.reg.sweep_in(as_of, batching, order, &mut |p| seen.push(p)).await.expect("sweep");
    assert_eq!(
        corrections_of(format!("interaction_id = {}", corrected_note.id.0)).await,
        0,
        "the note's old wording went with it"
    );
    let details = format!("customer_id = {} AND interaction_id IS NULL", stays.id.0);
    assert_eq!(corrections_of(details).await, 1, "a living customer's corrections stay");
    assert!(seen.len() > 1 && seen.windows(2).all(|w| w[0].done < w[1].done), "progress after every batch");
    let (run, counts) = t.reg.sweep_run(run.id).await.expect("run");
    assert_eq!(run.as_of, as_of);
    assert!(run.batches as usize >= seen.len());
    // Each due record was counted under its own rule; erased customers' other
    // records are counted under the customer rule.
    let rule_of = |k: RecordKind| due.items.iter().find(|i| i.entity == k).map(|i| i.rule.clone());
    for (k, n) in &want {
        let action = if *k == RecordKind::Customer { SweepAction::Anonymised } else { SweepAction::Deleted };
        let got: i64 = counts
            .iter()
            .filter(|c| c.entity == *k && c.action == action && Some(&c.rule) == rule_of(*k).as_ref())
            .map(|c| c.records)
            .sum();
        assert_eq!(got, *n, "{k}: {counts:?}");
    }
    // Each row says which records it counts: the last day of their dates
    // whose period had ended on the sweep's day, by the law (the demo shop's
    // financial year is the calendar year: 2018's records went on 1 January
    // 2026, BFL 7 kap. 2 §) or by the setting; what an inactive customer's
    // erasure took is dated by the customer's last activity.
    let customers = "setting retention.inactive_customer_months";
    for c in &counts {
        let (dated_by, cutoff) = match (c.rule.as_str(), c.entity) {
            ("SE BFL 7:2", kind) => (kind, "2018-12-31"),
            (rule, _) if rule == customers => (RecordKind::Customer, "2022-12-31"),
            ("setting retention.interaction_months", kind) => (kind, "2023-12-31"),
            ("setting retention.web_event_months", kind) => (kind, "2024-11-30"),
            ("setting retention.consent_proof_months", kind) => (kind, "2022-12-31"),
            ("setting retention.event_months", kind) => (kind, "2024-12-31"),
            (rule, kind) => panic!("{kind} under {rule}: {counts:?}"),
        };
        assert_eq!((c.dated_by, c.cutoff), (Some(dated_by), Some(d(cutoff))), "{c:?}");
    }
    assert!(counts.iter().any(|c| c.rule == customers && c.entity != RecordKind::Customer), "{counts:?}");
    // Every due record is gone (a due customer is an empty tombstone).
    for i in &due.items {
        if i.entity == RecordKind::Customer {
            let c = t.reg.customer(CustomerId(i.id)).await.expect("tombstone");
            assert_eq!((c.state, c.name), (CustomerState::Erased, None));
            // Each erasure of a batch logged with its own plan, whose digest
            // its own entry in the trail holds (else the confirmation is refused).
            let again = t.reg.erasure_confirmation_again(c.id, Format::Json, None).await.expect("confirmation");
            let plan: serde_json::Value = serde_json::from_slice(&again.bytes).expect("JSON");
            assert_eq!(plan["pseudonym"], c.pseudonym.as_str(), "{plan}");
            let trail = kundvakt_core::audit::history(t.reg.store(), c.id).await.expect("history");
            assert_eq!(trail.iter().filter(|e| e.entry.action == "customer.erase").count(), 1, "{}", c.number);
        }
    }
    // Their search words went with them, removed by the copies their rows
    // kept (migration 21): the words left are exactly the living rows' copies.
    let erased_words = "SELECT COUNT(*) FROM customer_search s JOIN customers c ON c.id = s.customer_id \
                        WHERE c.state = 'erased'";
    assert_eq!(common::scalar(&t.location, erased_words).await, 0);
    let copies = "SELECT CAST(COALESCE(SUM(length(search_words) - length(replace(search_words, ' ', ''))), 0) \
                  AS BIGINT) FROM customers";
    let words = common::scalar(&t.location, "SELECT COUNT(*) FROM customer_search").await;
    assert!(words > 0, "the living customers keep their words");
    assert_eq!(common::scalar(&t.location, copies).await, words);
    // The list's count, kept by triggers (migration 17) and read while the
    // list's marks are out of date, is the names' after the tombstones.
    let kept = t.reg.list_customers(0, 1).await.expect("list").total;
    assert_eq!(kept, t.reg.list_customers_in_steps(0, 1, 1).await.expect("walked").total);
    let mut kept_of = BTreeMap::new();
    for (order, (customer, restricted)) in order_owners(&t.reg).await {
        let Some(pseudonym) = owners.get(&order).and_then(|(was, _)| pseudonyms.get(was)) else { continue };
        assert_eq!((&customer, restricted), (pseudonym, true), "order {order} of an erased customer");
        *kept_of.entry(customer).or_insert(0) += 1;
    }
    assert!(kept_of.len() > 1, "the books of several erased customers are kept: {kept_of:?}");
    let after = t.reg.retention_due(as_of).await.expect("due");
    assert!(after.items.is_empty(), "nothing is due after the sweep: {:?}", &after.items[..after.items.len().min(3)]);
    assert_eq!(after.held, due.held);

    // A second sweep finds nothing and changes nothing.
    let second = t.reg.sweep(as_of, Batching::Fixed(37), &mut |_| {}).await.expect("second sweep");
    assert_ne!(second.id, run.id);
    assert!(t.reg.sweep_run(second.id).await.expect("run").1.is_empty());
    // Both listed, the newest first, each with what it removed and what it kept for the books.
    let listed = t.reg.sweeps().await.expect("sweeps");
    let kept: i64 = counts.iter().filter(|c| c.action == SweepAction::Pseudonymised).map(|c| c.records).sum();
    let removed = counts.iter().map(|c| c.records).sum::<i64>() - kept;
    assert!(kept > 0 && removed > 0, "{counts:?}");
    let seen: Vec<_> = listed.iter().map(|l| (l.run.id, l.removed, l.kept)).collect();
    assert_eq!(seen, [(second.id, 0, 0), (run.id, removed, kept)]);

    // A period changed after the sweep: its summary states the one it deleted under.
    t.reg.set_setting("retention.inactive_customer_months", "48").await.expect("setting");
    let pdf = t.reg.sweep_summary(run.id, None, Format::Pdf).await.expect("pdf");
    let text = pdftotext(&pdf.bytes);
    // Each rule as the shop reads it: the statute, or the setting by its name
    // with its period then; never a code.
    assert!(text.contains("Gallring") && text.contains("Bokföringslagen (1999:1078) 7 kap. 2 §"), "{text}");
    // (A rule's cell keeps its period on a line, but may break before it.)
    assert!(text.contains("Inställning: Inaktiva kundkonton") && text.contains("(36 månader)"), "{text}");
    assert!(!text.contains("(48 månader)"), "{text}");
    // Which records each row counts, beside its rule (a cell's lines lie
    // among its neighbours' in the text: its last words are read).
    let flat = text.split_whitespace().collect::<Vec<_>>().join(" ");
    assert!(flat.contains("Vilka poster") && flat.contains("senast 2018-12-31"), "{text}");
    assert!(flat.contains("aktiva 2022-12-31 eller tidigare"), "{text}");
    assert!(flat.contains("ingen post med ett senare datum togs bort enligt regeln"), "{text}");
    assert!(!text.contains("SE BFL") && !text.contains("retention."), "{text}");
    let json = t.reg.sweep_summary(run.id, None, Format::Json).await.expect("json");
    let value: serde_json::Value = serde_json::from_slice(&json.bytes).expect("JSON");
    assert_valid(&schema("sweep-summary.v1.json"), &value, "sweep summary");
    assert_eq!(value["total"], counts.iter().map(|c| c.records).sum::<i64>());
    assert_eq!(value["periods"]["retention.inactive_customer_months"], 36, "{}", value["periods"]);
    let orders = value["counts"].as_array().and_then(|c| c.iter().find(|c| c["rule"] == "SE BFL 7:2"));
    let orders = orders.expect("a bookkeeping row");
    assert_eq!((&orders["cutoff"], &orders["dated_by"]), (&"2018-12-31".into(), &orders["entity"]), "{orders}");
    let v = kundvakt_core::audit::verify(t.reg.store()).await.expect("verify");
    assert!(v.broken.is_none(), "{:?}", v.broken);
    counts.into_iter().map(|c| ((c.entity, c.rule, c.action), c.records)).collect()
}

on_both_backends!(sweep_removes_exactly_what_is_due);

/// Every order's customer (number, or pseudonym once erased) and whether it is
/// restricted, by order number, from the accountant's export.
async fn order_owners(reg: &kundvakt_core::Register) -> BTreeMap<String, (String, bool)> {
    let dir = tempfile::tempdir().expect("dir");
    let out = dir.path().join("orders.json");
    let format = kundvakt_core::export::ExportFormat::Json;
    reg.export_orders(d("1990-01-01"), d("2100-12-31"), format, false, &out).await.expect("export");
    let v: serde_json::Value = serde_json::from_slice(&std::fs::read(&out).expect("read")).expect("JSON");
    v["orders"]
        .as_array()
        .expect("orders")
        .iter()
        .map(|o| {
            let text = |k: &str| o[k].as_str().expect("text").to_owned();
            (text("number"), (text("customer"), o["restricted"].as_bool().expect("restricted")))
        })
        .collect()
}

/// The sweep's counts, as `retention sweep --json` prints them.
fn counts_of(out: &str) -> Vec<(String, String, String, i64)> {
    let v: serde_json::Value = serde_json::from_str(out).expect("JSON");
    let mut rows: Vec<_> = v["counts"]
        .as_array()
        .expect("counts")
        .iter()
        .map(|c| {
            (
                c["entity"].as_str().unwrap_or_default().to_owned(),
                c["rule"].as_str().unwrap_or_default().to_owned(),
                c["action"].as_str().unwrap_or_default().to_owned(),
                c["records"].as_i64().unwrap_or_default(),
            )
        })
        .collect();
    rows.sort();
    rows
}

#[test]
fn a_killed_sweep_leaves_a_whole_register_and_resumes() {
    let dir = tempfile::tempdir().expect("dir");
    let (db, reference) = (dir.path().join("killed.db"), dir.path().join("reference.db"));
    let (db, reference) = (db.display().to_string(), reference.display().to_string());
    let summaries = dir.path().display().to_string();
    for r in [&db, &reference] {
        kv_ok(r, &["init", "--demo"]);
    }
    let args = ["retention", "sweep", "--as-of", "2026-01-01", "--yes", "--json", "--summary-dir", &summaries];

    // Without --yes and without a terminal, a sweep refuses.
    let refused = kv_output(&db, &args[..4]);
    assert_eq!(refused.status.code(), Some(1));
    assert!(String::from_utf8_lossy(&refused.stderr).contains("--yes"));

    kill_sweep_after(&db, &args, 60);

    // Whole: the file is sound, the audit chain holds, nothing half-erased.
    assert_eq!(sqlite3(&db, "PRAGMA integrity_check"), "ok");
    kv_ok(&db, &["audit", "verify"]);
    assert_eq!(sqlite3(&db, "SELECT state FROM retention_sweeps"), "running");
    let half = "SELECT COUNT(*) FROM customers WHERE state = 'erased' AND (name IS NOT NULL OR email IS NOT NULL \
                OR EXISTS (SELECT 1 FROM orders o WHERE o.customer_id = customers.id) \
                OR EXISTS (SELECT 1 FROM customer_search s WHERE s.customer_id = customers.id))";
    assert_eq!(sqlite3(&db, half), "0");
    let swept: i64 = sqlite3(&db, "SELECT SUM(records) FROM retention_sweep_counts").parse().expect("number");
    assert!(swept >= 59, "the committed batches stayed: {swept}");

    // Resumable: the next sweep continues the same run and ends where an
    // uninterrupted sweep of an identical register ends.
    let plan = kv_ok(&db, &["retention", "sweep", "--as-of", "2026-01-01", "--dry-run"]);
    assert!(plan.contains("This continues sweep 1, which was cut off."), "{plan}");
    let resumed = kv_ok(&db, &args);
    let whole = kv_ok(&reference, &args);
    let v: serde_json::Value = serde_json::from_str(&resumed).expect("JSON");
    assert_eq!(v["sweep"]["id"], 1, "the cut-off sweep was resumed");
    assert_eq!(v["sweep"]["state"], "done");
    assert_eq!(counts_of(&resumed), counts_of(&whole));
    for r in [&db, &reference] {
        let due: serde_json::Value =
            serde_json::from_str(&kv_ok(r, &["retention", "due", "--as-of", "2026-01-01", "--json"])).expect("JSON");
        assert_eq!(due["items"].as_array().map(Vec::len), Some(0));
    }
    let dump = |p: &str| sqlite3(p, "SELECT COUNT(*) || '/' || SUM(total_minor) FROM orders");
    assert_eq!(dump(&db), dump(&reference), "the same orders remain");
    kv_ok(&db, &["audit", "verify"]);
    assert!(std::path::Path::new(&summaries).join("sweep-1-2026-01-01.pdf").exists());
}

/// Starts the sweep `args` on `db` one record per batch, and kills it
/// (SIGKILL) once it has told of `batches` batches.
fn kill_sweep_after(db: &str, args: &[&str], batches: usize) {
    let mut child = Command::new(env!("CARGO_BIN_EXE_kundvakt"))
        .arg("--db")
        .arg(db)
        .args(args)
        .args(["--batch-size", "1"])
        .env_remove("KUNDVAKT_DB")
        .stdout(Stdio::null())
        .stderr(Stdio::piped())
        .spawn()
        .expect("start the sweep");
    let stderr = child.stderr.take().expect("stderr");
    let mut progress = 0;
    for line in BufReader::new(stderr).lines() {
        let line = line.expect("line");
        if line.starts_with("sweep ") {
            progress += 1;
        }
        if progress == batches {
            break;
        }
    }
    assert_eq!(progress, batches, "the sweep reported its batches");
    child.kill().expect("SIGKILL");
    child.wait().expect("wait");
}

/// `retention sweep` of the demo shop on 1 January 2026, its summaries written to `summaries`.
fn sweep_args(summaries: &str) -> [&str; 8] {
    ["retention", "sweep", "--as-of", "2026-01-01", "--yes", "--json", "--summary-dir", summaries]
}

/// The demo shop in a register of its own, whose sweep ([`sweep_args`]) was
/// killed after `batches` batches of one record.
fn demo_sweep_cut_off(batches: usize) -> (tempfile::TempDir, String) {
    let dir = tempfile::tempdir().expect("dir");
    let db = dir.path().join("cut.db").display().to_string();
    kv_ok(&db, &["init", "--demo"]);
    kill_sweep_after(&db, &sweep_args(&dir.path().display().to_string()), batches);
    assert_eq!(sqlite3(&db, "SELECT state FROM retention_sweeps"), "running");
    (dir, db)
}

#[test]
fn a_sweep_cut_off_is_not_resumed_under_other_periods() {
    // A period changed after a sweep was cut off: the next sweep does not go
    // on under the new period in the record of the old one; it leaves that
    // run as cut off, with what it deleted, and begins its own, so that each
    // summary names the periods its records were deleted under (Art. 5(2)).
    let (dir, db) = demo_sweep_cut_off(5);
    let summaries = dir.path().display().to_string();
    let args = sweep_args(&summaries);
    kv_ok(&db, &["settings", "set", "retention.web_event_months", "24"]);

    let plan = kv_ok(&db, &["retention", "sweep", "--as-of", "2026-01-01", "--dry-run"]);
    assert!(!plan.contains("continues"), "{plan}");
    let v: serde_json::Value = serde_json::from_str(&kv_ok(&db, &args)).expect("JSON");
    assert_eq!((v["sweep"]["id"].as_i64(), v["sweep"]["state"].as_str()), (Some(2), Some("done")));
    let due: serde_json::Value =
        serde_json::from_str(&kv_ok(&db, &["retention", "due", "--as-of", "2026-01-01", "--json"])).expect("JSON");
    assert_eq!(due["items"].as_array().map(Vec::len), Some(0), "nothing due is left");

    // Both listed, the newest first, each with what it removed.
    let listed: serde_json::Value =
        serde_json::from_str(&kv_ok(&db, &["retention", "sweeps", "--json"])).expect("JSON");
    let states: Vec<(i64, &str)> = listed
        .as_array()
        .expect("list")
        .iter()
        .map(|s| (s["run"]["id"].as_i64().expect("id"), s["run"]["state"].as_str().expect("state")))
        .collect();
    assert_eq!(states, [(2, "done"), (1, "abandoned")]);
    assert!(listed[1]["removed"].as_i64().expect("removed") >= 4, "the committed batches stayed: {listed}");
    let text = kv_ok(&db, &["retention", "sweeps"]);
    assert!(text.lines().nth(2).is_some_and(|l| l.starts_with("1 ") && l.contains("abandoned")), "{text}");

    // Each summary, made again, with the periods of its own run.
    for (id, months) in [(1, 13), (2, 24)] {
        let out = dir.path().join(format!("again-{id}.json"));
        let out = out.display().to_string();
        let said = kv_ok(&db, &["report", "sweep", &id.to_string(), "--format", "json", "--out", &out]);
        assert!(said.starts_with(&format!("Wrote {out} (sweep json")), "{said}");
        let summary: serde_json::Value =
            serde_json::from_str(&std::fs::read_to_string(&out).expect("summary")).expect("JSON");
        assert_valid(&schema("sweep-summary.v1.json"), &summary, "sweep summary");
        assert_eq!(
            (summary["sweep"].as_i64(), summary["periods"]["retention.web_event_months"].as_i64()),
            (Some(id), Some(months))
        );
        let total: i64 = listed
            .as_array()
            .expect("list")
            .iter()
            .filter(|s| s["run"]["id"] == id)
            .map(|s| s["removed"].as_i64().expect("removed") + s["kept"].as_i64().expect("kept"))
            .sum();
        assert_eq!(summary["total"].as_i64(), Some(total));
    }
    let pdf = dir.path().join("again-1.pdf").display().to_string();
    kv_ok(&db, &["report", "sweep", "1", "--format", "pdf", "--out", &pdf]);
    let text = pdftotext(&std::fs::read(&pdf).expect("pdf"));
    assert!(text.contains("cut off") || text.contains("avbruten"), "{text}");
    // One that never was is named.
    let missing = kv_output(&db, &["report", "sweep", "9", "--format", "pdf", "--out", &pdf, "--force"]);
    assert_eq!(missing.status.code(), Some(1));
    assert!(String::from_utf8_lossy(&missing.stderr).contains("no sweep 9"));
    kv_ok(&db, &["audit", "verify"]);
}

#[test]
fn a_sweep_cut_off_is_not_resumed_under_other_financial_years() {
    // The financial year set otherwise after a sweep was cut off: the
    // records of the law's rule it deleted were those of the years ended
    // by 31 December 2018; the next sweep cuts off at 30 June 2018, and a
    // summary stating one day for both would be wrong. It begins its own run.
    let (dir, db) = demo_sweep_cut_off(2);
    let summaries = dir.path().display().to_string();
    let args = sweep_args(&summaries);
    let counted = "SELECT DISTINCT entity || ' ' || cutoff FROM retention_sweep_counts";
    assert_eq!(sqlite3(&db, counted), "invoice 2018-12-31", "invoices go first");
    kv_ok(&db, &["settings", "set", "fiscal_year_start_month", "7"]);

    let plan = kv_ok(&db, &["retention", "sweep", "--as-of", "2026-01-01", "--dry-run"]);
    assert!(!plan.contains("continues"), "{plan}");
    assert!(plan.contains("dated, with their invoices, on or before 30 June 2018"), "{plan}");
    let v: serde_json::Value = serde_json::from_str(&kv_ok(&db, &args)).expect("JSON");
    assert_eq!((v["sweep"]["id"].as_i64(), v["sweep"]["state"].as_str()), (Some(2), Some("done")));
    let orders = v["counts"].as_array().and_then(|c| c.iter().find(|c| c["entity"] == "order"));
    assert_eq!(orders.map(|c| &c["cutoff"]), Some(&"2018-06-30".into()), "{v}");
    let states = sqlite3(&db, "SELECT group_concat(id || ' ' || state, ', ') FROM retention_sweeps");
    assert_eq!(states, "1 abandoned, 2 done");
    // The run cut off keeps the day it deleted its invoices under.
    let first = dir.path().join("first.pdf").display().to_string();
    kv_ok(&db, &["report", "sweep", "1", "--format", "pdf", "--out", &first, "--lang", "en"]);
    let text = pdftotext(&std::fs::read(&first).expect("pdf"));
    assert!(text.contains("issued on or before 31") && text.contains("December 2018"), "{text}");
    // A sweep of a register older than migration 52 recorded no such day: its summary has no column for it.
    sqlite3(&db, "UPDATE retention_sweep_counts SET cutoff = NULL WHERE sweep_id = 1");
    kv_ok(&db, &["report", "sweep", "1", "--format", "pdf", "--out", &first, "--lang", "en", "--force"]);
    let text = pdftotext(&std::fs::read(&first).expect("pdf"));
    assert!(text.contains("Bokföringslagen") && !text.contains("Which records"), "{text}");
    let json = dir.path().join("first.json").display().to_string();
    kv_ok(&db, &["report", "sweep", "1", "--format", "json", "--out", &json]);
    let summary: serde_json::Value =
        serde_json::from_str(&std::fs::read_to_string(&json).expect("json")).expect("JSON");
    assert_valid(&schema("sweep-summary.v1.json"), &summary, "sweep summary");
    assert!(summary["counts"][0].get("cutoff").is_none() && summary["counts"][0].get("dated_by").is_none());

    // Unchanged, a sweep cut off is resumed (a_killed_sweep_leaves_a_whole_register_and_resumes):
    // the same day's cutoffs are the same.
    kv_ok(&db, &["audit", "verify"]);
}
