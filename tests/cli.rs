//! The `kundvakt` command line, run as a process: the contract of PRODUCT.md
//! section 7 and the bad-input rules of the register-core issue.

mod common;

use std::path::Path;
use std::process::Command;

use common::Kind;
use serde_json::Value;

use common::{kv_ok as ok, kv_output as kv, user_error};

const KV: &str = env!("CARGO_BIN_EXE_kundvakt");

fn json(db: &str, args: &[&str]) -> Value {
    serde_json::from_str(&ok(db, args)).expect("JSON output")
}

/// The whole content of an SQLite register, as sqlite3 dumps it.
fn dump(path: &str) -> String {
    common::sqlite3(path, ".dump")
}

/// The customer number of the customer with row id `id`.
fn shown_number(db: &str, id: &str) -> String {
    json(db, &["customer", "show", id, "--json"])["customer"]["number"].as_str().expect("a number").to_owned()
}

async fn db_of(kind: Kind, dir: &Path) -> String {
    match kind {
        Kind::Sqlite => dir.join("register.db").display().to_string(),
        Kind::Postgres => common::fresh_pg_database().await,
    }
}

#[tokio::test]
async fn the_demo_answers_the_same_on_both_backends() {
    let dir = tempfile::tempdir().expect("dir");
    let mut answers = vec![];
    for kind in [Kind::Sqlite, Kind::Postgres] {
        let db = db_of(kind, dir.path()).await;
        let out = ok(&db, &["init", "--demo"]);
        assert!(out.contains("300 customers"), "{out}");
        user_error(&kv(&db, &["init", "--demo"]), "the demo shop needs an empty register");
        let found = json(&db, &["customer", "search", "asa oberg", "--json"]);
        let names: Vec<&str> = found.as_array().expect("a list").iter().filter_map(|c| c["name"].as_str()).collect();
        assert!(!names.is_empty() && names.iter().all(|n| *n == "Åsa Öberg"), "{names:?}");
        // Punctuation alone finds no one, and the command line says what to give instead.
        let nothing = kv(&db, &["customer", "search", "%"]);
        assert!(nothing.status.success());
        assert!(String::from_utf8_lossy(&nothing.stderr).starts_with("note: nothing to search for; give a name"));
        let mut page = json(&db, &["customer", "show", "K000001", "--json"]);
        // When a row was written differs between two runs; what it says must not.
        assert!(
            page["history"].as_array().is_some_and(|h| h.len() > 10),
            "the page shows the customer's audit history"
        );
        page["history"] = Value::Null;
        for order in page["orders"].as_array_mut().expect("orders") {
            order["created_at"] = Value::Null;
        }
        answers.push((found, page));
        assert!(ok(&db, &["audit", "verify"]).contains("holds"));
    }
    assert!(
        answers[0] == answers[1],
        "SQLite and PostgreSQL give the same answer:\n{:?}\n{:?}",
        answers[0],
        answers[1]
    );
    let page = &answers[0].1;
    let order_dates: Vec<&str> =
        page["orders"].as_array().expect("orders").iter().filter_map(|o| o["order_date"].as_str()).collect();
    assert!(order_dates.contains(&"2017-03-14") && order_dates.contains(&"2026-09-03"), "{order_dates:?}");
    assert_eq!(page["orders"][0]["total"]["currency"], "SEK");
    assert!(page["orders"][0]["total"]["amount"].as_str().expect("amount").contains('.'));
    for category in ["invoices", "interactions", "web_events", "consents", "event_registrations", "requests"] {
        assert!(page[category].is_array(), "{category}");
    }
}

#[tokio::test]
async fn customers_are_added_edited_and_shown() {
    for kind in [Kind::Sqlite, Kind::Postgres] {
        let dir = tempfile::tempdir().expect("dir");
        let db = db_of(kind, dir.path()).await;
        ok(&db, &["init", "--language", "en"]);
        let added = json(
            &db,
            &[
                "customer",
                "add",
                "--name",
                "Øyvind Sæther",
                "--email",
                "oyvind@example.no",
                "--country",
                "no",
                "--phone",
                "912 34 567",
                "--json",
            ],
        );
        let id = added["id"].as_i64().expect("id").to_string();
        assert!(
            ok(&db, &["customer", "add", "--name", "Anna", "--email", "anna@example.se"]).trim().parse::<i64>().is_ok(),
            "prints the id"
        );
        let edited = ok(&db, &["customer", "edit", &id, "--phone", "+47 400 00 000", "--expect-version", "1"]);
        // Those who receive contact data are named, to be told of the correction (Art. 19).
        let tell = edited.lines().nth(1).unwrap_or_default();
        let start = "If they received the old details, tell them of the correction (GDPR Art. 19): ";
        assert!(tell.starts_with(start) && tell.contains("Klarna Bank AB") && !tell.contains("PayEx"), "{edited}");
        let shown = json(&db, &["customer", "show", &id, "--json"]);
        assert_eq!(shown["customer"]["phone"], "+4740000000");
        assert_eq!(shown["customer"]["version"], 2);
        // The same number written another way changes nothing, and says so.
        let same = ok(&db, &["customer", "edit", &id, "--phone", "400 00 000"]);
        assert_eq!(same, "Customer K000001 is unchanged: the values given are those held (version 2).\n", "{same}");
        // The language of the person's documents alone is no correction of what others received.
        let language = ok(&db, &["customer", "edit", &id, "--language", "nb"]);
        assert_eq!(language.lines().count(), 1, "{language}");
        assert_eq!(shown["customer"]["language"], "en", "the shop's language by default");
        // For scripts: the customer as saved, and whom to tell of the correction beside it.
        let saved = json(&db, &["customer", "edit", &id, "--street", "Storgata 1", "--json"]);
        assert_eq!((&saved["street"], &saved["version"]), (&"Storgata 1".into(), &4.into()), "{saved}");
        let told: Vec<&str> =
            saved["recipients_to_tell"].as_array().expect("a list").iter().filter_map(|r| r["name"].as_str()).collect();
        assert!(told.contains(&"Klarna Bank AB") && !told.contains(&"PayEx Sverige AB"), "{told:?}");
        let language = json(&db, &["customer", "edit", &id, "--language", "en", "--json"]);
        assert_eq!(language["recipients_to_tell"], serde_json::json!([]), "{language}");
        user_error(
            &kv(&db, &["customer", "edit", &id, "--city", "Bergen", "--expect-version", "1"]),
            "changed by someone else",
        );
        // The old values stay in the audit trail, not the register (Art. 16), and `show` names them.
        let shown = ok(&db, &["customer", "show", &id]);
        let corrections = shown.split("\nCorrections (4): ").nth(1).expect("the corrections");
        let phone = corrections.lines().find(|l| l.contains("details: phone")).expect("the phone's correction");
        assert!(phone.contains("+47 91 23 45 67") && phone.contains("+47 40 00 00 00"), "{shown}");
        assert!(corrections.lines().any(|l| l.contains("details: street") && l.contains("Storgata 1")), "{shown}");
        // A correction that answers the person's request for rectification is recorded under it.
        let asked = json(&db, &["request", "open", "--customer", &id, "--kind", "rectification", "--json"]);
        let asked = asked["id"].to_string();
        let moved = ["customer", "edit", &id, "--city", "Tromsø", "--request", &asked];
        user_error(&kv(&db, &moved), "verify the person's identity first");
        // A state is said in words; `--json` gives its code.
        let verified = ok(&db, &["request", "verify", &asked, "--how", "BankID"]);
        assert!(verified.starts_with(&format!("Request {asked} is identity verified; due ")), "{verified}");
        let saved = ok(&db, &moved);
        assert!(saved.contains(&format!("Recorded as the answer to request {asked};")), "{saved}");
        let shown = ok(&db, &["request", "show", &asked]);
        assert!(shown.lines().any(|l| l.starts_with("State") && l.ends_with(" identity verified")), "{shown}");
        assert!(shown.lines().any(|l| l.starts_with("Request") && l.ends_with(", rectification (Art. 16)")), "{shown}");
        let listed = ok(&db, &["request", "list"]);
        assert!(listed.contains("rectification (Art. 16)  identity verified"), "kind and state in words: {listed}");
        // Its steps in words, with the audit trail's code.
        assert!(shown.lines().any(|l| l.contains("Identity verified (request.verify)")), "{shown}");
        let made = shown.split("Corrections made for it").nth(1).expect("the request's corrections");
        assert!(made.contains("details: city") && made.contains("Tromsø"), "{shown}");
        // The inbox saved as CSV, for whoever asks the shop to show it answered in time.
        let file = dir.path().join("requests.csv").display().to_string();
        let said = ok(&db, &["request", "list", "--all", "--csv", &file]);
        assert!(said.starts_with(&format!("Wrote {file} (1 request, SHA-256 ")), "{said}");
        let saved = std::fs::read_to_string(&file).expect("the file");
        let row = saved.lines().nth(1).expect("the request's row");
        assert!(row.starts_with(&format!("{asked};")) && row.contains(";rectification (Art. 16);"), "{saved}");
        user_error(&kv(&db, &["request", "list", "--csv", &file, "--json"]), "--json");
        let found = json(&db, &["customer", "search", "SAETHER", "--json"]);
        assert_eq!(found.as_array().map(Vec::len), Some(1));
        // The web shop's own id of him: kept beside the register's number, and he is found by it.
        let number = shown_number(&db, &id);
        let said = ok(&db, &["customer", "shop-number", &id, "WC-17"]);
        assert_eq!(said.trim(), format!("Web shop numbers of customer {number}: WC-17."));
        let shown = ok(&db, &["customer", "show", "WC-17"]);
        assert!(shown.lines().any(|l| l.starts_with("Shop numbers") && l.ends_with(" WC-17")), "{shown}");
        user_error(
            &kv(&db, &["customer", "add", "--name", "Bo", "--number", "WC-17"]),
            "web shop's number of customer",
        );
        let gone = json(&db, &["customer", "shop-number", &id, "WC-17", "--remove", "--json"]);
        assert_eq!(gone, serde_json::json!({ "number": number, "shop_numbers": [] }));
        user_error(&kv(&db, &["customer", "shop-number", &id, "WC-17", "--remove"]), "not a web shop number");
        let listed = json(&db, &["customer", "list", "--limit", "1", "--json"]);
        assert_eq!((listed["total"].as_i64(), listed["items"].as_array().map(Vec::len)), (Some(2), Some(1)));
        // In text, the page says where the next one starts.
        let page = ok(&db, &["customer", "list", "--limit", "1"]);
        assert!(page.trim_end().ends_with("1 to 1 of 2; the next page: add --offset 1"), "{page}");
        assert!(ok(&db, &["customer", "list", "--offset", "1"]).trim_end().ends_with("2 to 2 of 2"));
        let order = json(
            &db,
            &[
                "order",
                "add",
                "--customer",
                &id,
                "--number",
                "A-1",
                "--date",
                "2024-03-15",
                "--total",
                "1 114,00",
                "--currency",
                "NOK",
                "--line",
                "Ullfilt; grå;2;495,00;25",
                "--line",
                "Syltetøy;1;124;15",
                "--json",
            ],
        );
        assert_eq!(order["number"], "A-1");
        let shown = json(&db, &["customer", "show", &id, "--json"]);
        assert_eq!(shown["orders"][0]["lines"][0]["description"], "Ullfilt; grå");
        assert_eq!(shown["orders"][0]["total"]["amount"], "1114.00");
        assert_eq!(shown["orders"][0]["vat"]["amount"], "214.17");
        // Without --total, the order's total is its lines' sum.
        let lines = ["--line", "Ullfilt;3;495,00;25", "--currency", "NOK", "--date", "2024-03-16"];
        ok(&db, &[&["order", "add", "--customer", &id, "--number", "A-2"][..], &lines[..]].concat());
        let shown = json(&db, &["customer", "show", &id, "--json"]);
        let a2 = shown["orders"].as_array().and_then(|o| o.iter().find(|o| o["number"] == "A-2")).expect("A-2");
        assert_eq!((a2["total"]["amount"].as_str(), a2["vat"]["amount"].as_str()), (Some("1485.00"), Some("297.00")));
        user_error(
            &kv(
                &db,
                &["order", "add", "--customer", &id, "--number", "A-3", "--date", "2024-03-16", "--currency", "NOK"],
            ),
            "--total",
        );
        // Without --date and --currency: today in the shop's time zone, and its country's currency.
        ok(&db, &["settings", "set", "country", "DK"]);
        ok(&db, &["order", "add", "--customer", &id, "--number", "A-4", "--total", "75,00"]);
        let shown = json(&db, &["customer", "show", &id, "--json"]);
        let a4 = shown["orders"].as_array().and_then(|o| o.iter().find(|o| o["number"] == "A-4")).expect("A-4");
        let zone: chrono_tz::Tz =
            json(&db, &["settings", "show", "--json"])["time_zone"].as_str().expect("zone").parse().expect("tz");
        let today = chrono::Utc::now().with_timezone(&zone).date_naive().to_string();
        assert_eq!((a4["order_date"].as_str(), a4["total"]["currency"].as_str()), (Some(&*today), Some("DKK")));
        let invoice = json(&db, &["order", "invoice", "A-4", "--amount", "75,00", "--json"]);
        let shown = json(&db, &["customer", "show", &id, "--json"]);
        let issued =
            shown["invoices"].as_array().and_then(|i| i.iter().find(|i| i["id"] == invoice["id"])).expect("invoice");
        assert_eq!(issued["issued_on"].as_str(), Some(&*today));
        // Without --number, the next of the shop's series for orders taken by hand.
        let next = |db: &str| json(db, &[&["order", "add", "--customer", &id, "--json"][..], &lines[..]].concat());
        assert_eq!((next(&db)["number"].as_str(), next(&db)["number"].as_str()), (Some("M-00001"), Some("M-00002")));
        ok(&db, &["settings", "set", "order.series", "Kassa/"]);
        assert_eq!(next(&db)["number"], "Kassa/00001");
        // A return is an order of a negative total, its VAT negative too.
        let back = json(&db, &["order", "add", "--customer", &id, "--total", "-125,00", "--vat", "-25", "--json"]);
        let page = json(&db, &["customer", "show", &id, "--json"]);
        let orders = page["orders"].as_array().expect("orders");
        let back = orders.iter().find(|o| o["number"] == back["number"]).expect("the return");
        assert_eq!(
            (back["total"]["amount"].as_str(), back["vat"]["amount"].as_str()),
            (Some("-125.00"), Some("-25.00"))
        );
        ok(&db, &["settings", "set", "order.series", ""]);
        user_error(
            &kv(&db, &[&["order", "add", "--customer", &id][..], &lines[..]].concat()),
            "--number: give a number (the setting order.series is empty",
        );
    }
}

/// `order add` of an order numbered A for `customer`, then `rest`.
fn order_a<'a>(customer: &'a str, rest: &[&'a str]) -> Vec<&'a str> {
    let mut args = vec!["order", "add", "--customer", customer, "--number", "A"];
    args.extend_from_slice(rest);
    args
}

/// `interaction add` for `customer` over `channel`, then `rest`.
fn note<'a>(customer: &'a str, channel: &'a str, rest: &[&'a str]) -> Vec<&'a str> {
    let mut args = vec!["interaction", "add", "--customer", customer, "--channel", channel, "--direction", "inbound"];
    args.extend_from_slice(rest);
    args
}

/// `interaction erase`: one note erased for the person's request for
/// erasure, after a look and a confirmation; the request shows it and can
/// then be answered.
#[test]
fn a_note_is_erased_for_its_request_from_the_command_line() {
    let dir = tempfile::tempdir().expect("dir");
    let db = dir.path().join("r.db").display().to_string();
    ok(&db, &["init", "--language", "en"]);
    let id = ok(&db, &["customer", "add", "--name", "Kari Nordmann", "--email", "kari@example.no"]);
    let id = id.trim();
    let said = ["--summary", "Fortalte om sykdommen", "--at", "2025-03-10 10:00"];
    // The page gives its days on the shop's clock: half past midnight in Stockholm is the day before in UTC.
    let late = ["--summary", "Ringde sent", "--at", "2025-06-01 00:30"];
    let late = ok(&db, &note(id, "phone", &late)).trim().to_owned();
    let note = ok(&db, &note(id, "phone", &said)).trim().to_owned();
    let page = ok(&db, &["customer", "show", id]);
    let row = page.lines().find(|l| l.starts_with(&format!("{late} "))).unwrap_or_default().to_owned();
    assert!(row.contains(" 2025-06-01 ") && row.contains("Ringde sent"), "{page}");
    let opened = json(&db, &["request", "open", "--customer", id, "--kind", "erasure", "--json"]);
    let r = opened["id"].to_string();
    user_error(&kv(&db, &["interaction", "erase", &note, "--request", &r, "--yes"]), "identity");
    ok(&db, &["request", "verify", &r, "--how", "BankID"]);
    // Not answered before anything is erased; the message names the commands that erase.
    let early = kv(&db, &["request", "answer", &r, "--answer", "Notatet er slettet"]);
    user_error(&early, &format!("(on the command line: `erase K000001 --request {r}`; `customer edit K000001"));
    user_error(&early, &format!("`interaction erase NOTE --request {r}`;"));
    let look = ok(&db, &["interaction", "erase", &note, "--request", &r, "--dry-run"]);
    assert!(
        look.starts_with(&format!("Would erase note {note} (phone inbound, 2025-03-10 10:00) for request {r}")),
        "{look}"
    );
    user_error(&kv(&db, &["interaction", "erase", &note, "--request", &r]), "add --yes to confirm");
    assert_eq!(json(&db, &["customer", "show", id, "--json"])["interactions"].as_array().map(Vec::len), Some(2));
    ok(&db, &["interaction", "erase", &note, "--request", &r, "--yes"]);
    let left = json(&db, &["customer", "show", id, "--json"])["interactions"].as_array().map(|n| n.len());
    assert_eq!(left, Some(1), "the other note stays");
    let shown = ok(&db, &["request", "show", &r]);
    assert!(shown.contains("Notes erased for it") && shown.contains(&format!("note {note}")), "{shown}");
    assert!(!shown.contains("sykdommen"), "{shown}");
    // Its times on the shop's clock, as it was typed (09:00 in UTC).
    let row = shown.lines().find(|l| l.contains(&format!("note {note}"))).unwrap_or_default();
    assert!(row.contains("phone inbound  2025-03-10 10:00"), "{shown}");
    ok(&db, &["request", "answer", &r, "--answer", "Notatet er slettet"]);
    assert!(ok(&db, &["audit", "verify"]).contains("holds"));
}

/// `signup erase` and `web erase`: a course sign-up and the web activity
/// erased for the person's request for erasure, after a look and a
/// confirmation; the request shows what went, without the course or an
/// address, and can then be answered.
#[test]
fn a_sign_up_and_web_activity_are_erased_from_the_command_line() {
    let dir = tempfile::tempdir().expect("dir");
    let db = dir.path().join("r.db").display().to_string();
    ok(&db, &["init", "--language", "en"]);
    let id = ok(&db, &["customer", "add", "--name", "Kari Nordmann", "--email", "kari@example.no"]);
    let id = id.trim();
    let signup = ["signup", "add", "--customer", id, "--event", "Strikkekurs", "--date", "2026-03-14"];
    let signup = ok(&db, &signup).trim().to_owned();
    let log = dir.path().join("weblog.csv");
    let at = |days: i64| (chrono::Utc::now() - chrono::Duration::days(days)).format("%Y-%m-%dT%H:%M:%SZ");
    let text = format!(
        "Timestamp;IP_Address;Event;User_Agent;Email\n{};198.51.100.31;login;;kari@example.no\n{};198.51.100.32;checkout;;kari@example.no\n{};203.0.113.40;login;;kari@example.no\n",
        at(6),
        at(1),
        at(4)
    );
    std::fs::write(&log, text).expect("write");
    ok(&db, &["import", "web_events", &log.display().to_string()]);
    // The visit from 203.0.113.40 is evidence in a dispute: it stays, the others go.
    let events = json(&db, &["customer", "show", id, "--json"])["web_events"].clone();
    let events = events.as_array().expect("events");
    let evidence = events.iter().find(|e| e["ip"] == "203.0.113.40").expect("the visit")["id"].to_string();
    let hold = ok(&db, &["hold", "add", "--entity", "web_event", "--id", &evidence, "--reason", "Tvist om en ordre"]);
    let hold = hold.trim();
    let opened = json(&db, &["request", "open", "--customer", id, "--kind", "erasure", "--json"]);
    let r = opened["id"].to_string();
    user_error(&kv(&db, &["signup", "erase", &signup, "--request", &r, "--yes"]), "identity");
    user_error(&kv(&db, &["web", "erase", id, "--request", &r, "--yes"]), "identity");
    ok(&db, &["request", "verify", &r, "--how", "BankID"]);
    let early = kv(&db, &["request", "answer", &r, "--answer", "Slettet"]);
    user_error(&early, &format!("`signup erase SIGNUP --request {r}`; `web erase K000001 --request {r}`)"));
    let look = ok(&db, &["signup", "erase", &signup, "--request", &r, "--dry-run"]);
    assert_eq!(
        look.trim(),
        format!("Would erase sign-up {signup} (Strikkekurs, 2026-03-14) for request {r}; nothing was changed.")
    );
    let look = ok(&db, &["web", "erase", "K000001", "--request", &r, "--dry-run"]);
    assert!(look.starts_with("Would erase the web activity of customer K000001 (2 events, 20"), "{look}");
    assert!(look.contains("), not the 1 kept by a legal hold, for request"), "{look}");
    user_error(&kv(&db, &["web", "erase", id, "--request", &r]), "add --yes to confirm");
    assert_eq!(json(&db, &["customer", "show", id, "--json"])["web_events"].as_array().map(Vec::len), Some(3));
    // One visit alone, by the id `customer show` lists; the held one is refused with the reason.
    let shown = ok(&db, &["customer", "show", id]);
    assert!(shown.contains("Web events (3)") && shown.contains("198.51.100.32  checkout"), "{shown}");
    user_error(&kv(&db, &["web", "erase-event", &evidence, "--request", &r, "--yes"]), "is under a legal hold");
    let visit = events.iter().find(|e| e["ip"] == "198.51.100.32").expect("the visit")["id"].to_string();
    let look = ok(&db, &["web", "erase-event", &visit, "--request", &r, "--dry-run"]);
    assert!(
        look.starts_with(&format!("Would erase web event {visit} (")) && look.contains("198.51.100.32, checkout)"),
        "{look}"
    );
    let said = ok(&db, &["web", "erase-event", &visit, "--request", &r, "--yes"]);
    assert!(said.starts_with(&format!("Web event {visit} erased for request {r}")), "{said}");
    assert_eq!(json(&db, &["customer", "show", id, "--json"])["web_events"].as_array().map(Vec::len), Some(2));
    ok(&db, &["signup", "erase", &signup, "--request", &r, "--yes"]);
    let erased = ok(&db, &["web", "erase", id, "--request", &r, "--yes"]);
    assert!(
        erased.ends_with(
            "Kept by a legal hold, and not erased: 1 (GDPR Art. 17(3)(e)); refuse that part of the request with this \
             reason.\n"
        ),
        "{erased}"
    );
    let page = json(&db, &["customer", "show", id, "--json"]);
    assert_eq!(
        (page["web_events"].as_array().map(Vec::len), page["event_registrations"].as_array().map(Vec::len)),
        (Some(1), Some(0))
    );
    assert_eq!(page["web_events"][0]["ip"], "203.0.113.40");
    let shown = ok(&db, &["request", "show", &r]);
    assert!(shown.contains("Sign-ups erased for it") && shown.contains(&format!("sign-up {signup}")), "{shown}");
    assert!(shown.contains("Web activity erased for it") && shown.contains("2026-03-14"), "{shown}");
    assert!(!shown.contains("Strikkekurs") && !shown.contains("198.51.100"), "{shown}");
    assert!(shown.contains("kept by a hold"), "{shown}");
    // The same log imported again brings nothing back.
    let again = ok(&db, &["import", "web_events", &log.display().to_string()]);
    assert!(again.contains("when their web activity was erased at their request"), "{again}");
    assert_eq!(json(&db, &["customer", "show", id, "--json"])["web_events"].as_array().map(Vec::len), Some(1));
    // A held sign-up the shop has erased when its hold is lifted.
    let loom = ["signup", "add", "--customer", id, "--event", "Vevstol", "--date", "2026-04-18"];
    let loom = ok(&db, &loom).trim().to_owned();
    let loom_hold = ok(&db, &["hold", "add", "--entity", "event_registration", "--id", &loom, "--reason", "Tvist"]);
    user_error(
        &kv(&db, &["signup", "erase", &loom, "--request", &r, "--yes"]),
        &format!("erased when the hold is lifted (on the command line: `signup erase {loom} --request REQUEST --when-lifted`)"),
    );
    let later = ok(&db, &["signup", "erase", &loom, "--request", &r, "--when-lifted"]);
    assert_eq!(
        later.trim(),
        format!(
            "Sign-up {loom} stays while the legal hold lasts and is erased for request {r} when it is lifted; refuse \
             that part of the request with that reason (GDPR Art. 17(3)(e))."
        )
    );
    let shown = ok(&db, &["request", "show", &r]);
    assert!(shown.contains("Kept by a legal hold, erased for it when the hold is lifted"), "{shown}");
    assert!(shown.contains(&format!("event_registration {loom}")) && shown.contains("2026-04-18"), "{shown}");
    ok(&db, &["request", "answer", &r, "--answer", "Slettet"]);
    // The dispute settled, lifting the hold erases the visit too, under her request.
    assert!(ok(&db, &["hold", "list"]).contains("erases what a request asked to erase"));
    let lifted = ok(&db, &["hold", "lift", hold]);
    assert!(
        lifted.ends_with(&format!(
            "Erased now, as request {r} asked, what only this hold kept: web event {evidence} of customer K000001 \
             (GDPR Art. 17(1)).\n"
        )),
        "{lifted}"
    );
    let lifted = ok(&db, &["hold", "lift", loom_hold.trim()]);
    assert!(lifted.contains(&format!("what only this hold kept: sign-up {loom} of customer K000001")), "{lifted}");
    let page = json(&db, &["customer", "show", id, "--json"]);
    assert_eq!(page["event_registrations"].as_array().map(Vec::len), Some(0));
    assert_eq!(json(&db, &["customer", "show", id, "--json"])["web_events"].as_array().map(Vec::len), Some(0));
    assert!(ok(&db, &["audit", "verify"]).contains("holds"));
}

/// `customer show` names the others who may be the same person, with what
/// they have in common; the JSON gives them as `maybe_same`.
#[test]
fn customer_show_names_who_may_be_the_same_person() {
    let dir = tempfile::tempdir().expect("dir");
    let db = dir.path().join("r.db").display().to_string();
    ok(&db, &["init", "--language", "en"]);
    let add = |name: &str, email: &str, phone: &str| {
        let args = ["customer", "add", "--name", name, "--email", email, "--phone", phone, "--city", "Örebro"];
        ok(&db, &args).trim().to_owned()
    };
    let asa = add("Åsa Öberg", "asa@example.se", "070-123 45 67");
    add("Asa Oberg", "asa.oberg@work.example.se", "070-765 43 21");
    add("Lennart Öberg", "lennart@example.se", "+46701234567");
    let shown = ok(&db, &["customer", "show", &asa]);
    let from = shown.find("May be the same person").unwrap_or_else(|| panic!("{shown}"));
    let said: Vec<&str> = shown[from..].lines().skip(1).take(3).map(str::trim_end).collect();
    assert!(said[0].starts_with("number") && said[0].ends_with("in common"), "{shown}");
    assert!(said[1].starts_with("K000002  Asa Oberg") && said[1].ends_with("name and city"), "{shown}");
    assert!(said[2].starts_with("K000003  Lennart Öberg") && said[2].ends_with("phone"), "{shown}");
    let page = json(&db, &["customer", "show", &asa, "--json"]);
    let likeness: Vec<_> = page["maybe_same"].as_array().expect("list").iter().map(|m| m["likeness"].clone()).collect();
    assert_eq!(likeness, [serde_json::json!(["name_and_city"]), serde_json::json!(["phone"])]);
    // Her open request says the same.
    let r = json(&db, &["request", "open", "--customer", &asa, "--kind", "access", "--json"])["id"].to_string();
    let shown = ok(&db, &["request", "show", &r]);
    assert!(shown.contains("May be the same person") && shown.contains("K000003  Lennart Öberg"), "{shown}");
    let detail = json(&db, &["request", "show", &r, "--json"]);
    assert_eq!(detail["maybe_same"].as_array().map(Vec::len), Some(2));
}

/// `customer merge KEEP OTHER`: without a terminal it needs --yes; it says
/// what moved and what was not kept; the merged number shows the kept
/// customer, whose page names the merge; a refusal changes nothing.
#[test]
fn customer_merge_makes_two_customers_one() {
    let dir = tempfile::tempdir().expect("dir");
    let db = dir.path().join("r.db").display().to_string();
    ok(&db, &["init", "--language", "en"]);
    let asa = ok(&db, &["customer", "add", "--name", "Åsa Öberg", "--email", "asa@example.se"]).trim().to_owned();
    let args = ["customer", "add", "--name", "Åsa Öberg", "--email", "asa.o@example.se", "--phone", "070-123 45 67"];
    let other = ok(&db, &args).trim().to_owned();
    ok(&db, &["order", "add", "--customer", &other, "--number", "5001", "--date", "2026-11-02", "--total", "199.00"]);
    user_error(&kv(&db, &["customer", "merge", &asa, "K000002"]), "add --yes");
    user_error(&kv(&db, &["customer", "merge", &asa, &asa, "--yes"]), "cannot be merged into themselves");
    assert_eq!(json(&db, &["customer", "show", &other, "--json"])["orders"].as_array().map(Vec::len), Some(1));

    let plan = json(&db, &["customer", "merge", &asa, "K000002", "--dry-run", "--json"]);
    assert_eq!((plan["moved"]["orders"].as_u64(), plan["not_kept"].clone()), (Some(1), serde_json::json!(["email"])));
    let looked = ok(&db, &["customer", "merge", &asa, "K000002", "--dry-run"]);
    assert!(
        looked.contains("Moving over: orders 1, notes 0, web events 0, consents 0, sign-ups 0, requests 0."),
        "{looked}"
    );
    assert_eq!(
        json(&db, &["customer", "show", "K000002", "--json"])["customer"]["id"].to_string(),
        other,
        "not merged"
    );
    let said = ok(&db, &["customer", "merge", &asa, "K000002", "--yes"]);
    let asked =
        "Customer K000002 (Åsa Öberg, asa.o@example.se) would be merged into K000001 (Åsa Öberg, asa@example.se)";
    assert!(said.starts_with(asked), "{said}");
    assert!(said.contains("Not kept of K000002, since K000001 has their own: e-mail."), "{said}");
    assert!(said.contains("Merged customer K000002 into K000001 (version 2): orders 1, notes 0"), "{said}");
    let tell = "tell them that the two are one (GDPR Art. 19): Web platform supplier, Klarna Bank AB.";
    assert!(said.contains(tell), "{said}");
    let merged = kv(&db, &["customer", "show", "K000002"]);
    let note = String::from_utf8_lossy(&merged.stderr);
    assert!(note.starts_with("note: customer K000002 was merged into K000001 on "), "{note}");
    let page = json(&db, &["customer", "show", "K000002", "--json"]);
    assert_eq!(
        (page["customer"]["number"].as_str(), page["customer"]["phone"].as_str()),
        (Some("K000001"), Some("+46701234567"))
    );
    assert_eq!(page["orders"][0]["number"], "5001");
    assert_eq!(page["merges"][0]["merged_number"], "K000002");
    let shown = ok(&db, &["customer", "show", &asa]);
    assert!(shown.contains("Merged into this customer: K000002 on "), "{shown}");
    // By the merged customer's id too, in any command that names a customer: she is meant.
    let logged = kv(&db, &["request", "open", "--customer", &other, "--kind", "access", "--json"]);
    let note = String::from_utf8_lossy(&logged.stderr);
    assert!(note.starts_with("note: customer K000002 was merged into K000001 on "), "{note}");
    let request: serde_json::Value = serde_json::from_slice(&logged.stdout).expect("JSON");
    assert_eq!((request["customer"].to_string(), request["customer_number"].as_str()), (asa.clone(), Some("K000001")));
    let listed = json(&db, &["customer", "list", "--json"]);
    assert_eq!(listed["total"], 1);
    // Her second address, which the merge did not keep, finds her, and says whose it was.
    let found = ok(&db, &["customer", "search", "asa.o@example.se"]);
    assert!(found.contains("asa.o@example.se was the address of customer K000002, merged into K000001 on "), "{found}");

    // Found to be two people after all: undone, by the number she had, within its thirty days.
    assert!(
        shown.contains("Merged into this customer: K000002 on ")
            && shown.contains("(`customer unmerge K000002` until ")
    );
    let merged_copy = dir.path().join("merged.db").display().to_string();
    ok(&db, &["backup", &merged_copy]);
    // The web shop's number taken away (the shop merged the accounts there too): the undo is still found by it.
    let left = ok(&db, &["customer", "shop-number", "K000001", "K000002", "--remove"]);
    assert!(left.contains("no web shop numbers besides their own"), "{left}");
    user_error(&kv(&db, &["customer", "unmerge", "K000002"]), "add --yes");
    // Asked first, it says whom it gives back, with which details and records, and changes nothing.
    let head = ok(&db, &["audit", "verify"]);
    let plan = ok(&db, &["customer", "unmerge", "K000002", "--dry-run"]);
    let said = "Customer K000002 would be apart from K000001 again, with their details: Åsa Öberg, asa.o@example.se";
    assert!(plan.starts_with(said), "{plan}");
    assert!(plan.contains("Going back to K000002: orders 1, notes 0"), "{plan}");
    assert!(
        plan.contains("Of K000001's details, these would be as before the merge, which filled them in: phone."),
        "{plan}"
    );
    let planned = json(&db, &["customer", "unmerge", "K000002", "--dry-run", "--json"]);
    assert_eq!(
        (planned["restored"]["number"].as_str(), planned["reverted"][0].as_str()),
        (Some("K000002"), Some("phone"))
    );
    assert_eq!(ok(&db, &["audit", "verify"]), head, "nothing was written");
    let undone = ok(&db, &["customer", "unmerge", "K000002", "--yes"]);
    let said = "Customer K000002 is apart from K000001 again: orders 1, notes 0, web events 0, consents 0, sign-ups 0, requests 0 went back.";
    assert!(undone.starts_with(plan.as_str()) && undone.contains(said), "what it would do, then what it did: {undone}");
    assert!(
        undone.contains("Of K000001's details, these are as before the merge, which filled them in: phone."),
        "{undone}"
    );
    let page = json(&db, &["customer", "show", "K000002", "--json"]);
    assert_eq!(
        (page["customer"]["email"].as_str(), page["orders"][0]["number"].as_str()),
        (Some("asa.o@example.se"), Some("5001"))
    );
    assert_eq!(json(&db, &["customer", "show", &asa, "--json"])["customer"]["phone"], serde_json::Value::Null);
    assert_eq!(json(&db, &["customer", "list", "--json"])["total"], 2);
    user_error(&kv(&db, &["customer", "unmerge", "K000002", "--yes"]), "customer K000002 was not merged into anyone");
    // The copy made while they were merged, restored: they stay two.
    let restored = ok(&db, &["restore", &merged_copy, "--yes"]);
    let said = "Given back their records again, as a merge of them was undone after the backup was made: K000002";
    assert!(restored.contains(said), "{restored}");
    assert_eq!(json(&db, &["customer", "list", "--json"])["total"], 2);
    assert!(ok(&db, &["audit", "verify"]).contains("holds"));
}

/// `restore` says, on stderr, what it goes back on: the notes written since,
/// the details changed since, the imports run since (on the shop's clock).
#[test]
fn restore_names_what_it_goes_back_on() {
    let dir = tempfile::tempdir().expect("dir");
    let db = dir.path().join("r.db").display().to_string();
    ok(&db, &["init", "--language", "en", "--country", "SE"]);
    ok(&db, &["settings", "set", "time_zone", "Europe/Stockholm"]);
    let id = ok(&db, &["customer", "add", "--name", "Kari Nordmann", "--email", "kari@example.no"]);
    let note = ["--channel", "phone", "--direction", "inbound", "--summary", "Asked about prices"];
    let before = ok(&db, &[&["interaction", "add", "--customer", id.trim()][..], &note[..]].concat());
    let copy = dir.path().join("copy.db").display().to_string();
    ok(&db, &["backup", &copy]);
    let note = ["--channel", "phone", "--direction", "inbound", "--summary", "Asked about opening hours"];
    ok(&db, &[&["interaction", "add", "--customer", id.trim()][..], &note[..]].concat());
    ok(&db, &["interaction", "edit", before.trim(), "--summary", "Asked about the prices of yarn"]);
    ok(&db, &["customer", "edit", "K000001", "--city", "Tromsø"]);
    ok(&db, &["customer", "add", "--name", "Kåre Nordmann", "--number", "H-1"]);
    let file = dir.path().join("customers.csv");
    std::fs::write(&file, "customer_number,name,email\nW-1,Ola Nordmann,ola@example.no\n").expect("file");
    ok(&db, &["import", "customers", &file.display().to_string()]);
    let imported = json(&db, &["audit", "log", "--json"]);
    let at =
        imported["entries"].as_array().and_then(|a| a.iter().find(|e| e["action"] == "import.run")).expect("import")
            ["at"]
            .as_str()
            .expect("at")
            .to_owned();
    let out = kv(&db, &["restore", &copy, "--yes"]);
    assert!(out.status.success(), "{}", String::from_utf8_lossy(&out.stderr));
    let said = String::from_utf8(out.stderr).expect("UTF-8");
    assert!(said.contains("note: notes written after the backup (those of a purchase or an agreement are kept) are not in the restored register; the register as it was before has them. Customers: K000001"), "{said}");
    assert!(said.contains("note: notes changed after the backup (corrected, closed or moved to another customer) are as the backup had them; change them again where the change was meant (the register as it was before has them). Customers: K000001\n"), "{said}");
    assert!(said.contains("by hand or by an import) are as the backup had them; change them again where the change was meant (the register as it was before has them): K000001"), "{said}");
    assert!(said.contains("note: 1 customer(s) added by hand after the backup are not in the restored register; add them again (the register as it was before has them): H-1\n"), "{said}");
    assert!(said.contains("note: 1 customer(s) an import brought after the backup are not in the restored register; importing the same file again brings them back: W-1\n"), "{said}");
    assert!(!said.contains("customer(s) added after the backup"), "none added before customers were marked: {said}");
    // The time as the shop's clock reads it, to the minute.
    let run = chrono::DateTime::parse_from_rfc3339(&at).expect("time").with_timezone(&chrono_tz::Europe::Stockholm);
    let minute = run.format("%Y-%m-%d %H:%M").to_string();
    assert!(
        said.contains(&format!(
            "note: what the imports run after the backup brought ({minute}) is not in the restored register"
        )),
        "{minute}: {said}"
    );
    assert_eq!(json(&db, &["customer", "show", "K000001", "--json"])["customer"]["city"], Value::Null);
}

/// `web stop` and `web resume`: an objection to the recording of web
/// activity (Art. 21(1)) stops it, `customer show` says since when, a web
/// log's row about the person is skipped with the reason, and `web resume`
/// records it again.
#[test]
fn an_objection_stops_the_recording_of_web_activity_from_the_command_line() {
    let dir = tempfile::tempdir().expect("dir");
    let db = dir.path().join("r.db").display().to_string();
    ok(&db, &["init", "--language", "en"]);
    let id = ok(&db, &["customer", "add", "--name", "Kari Nordmann", "--email", "kari@example.no"]);
    let id = id.trim();
    let r = json(&db, &["request", "open", "--customer", id, "--kind", "objection", "--json"])["id"].to_string();
    user_error(&kv(&db, &["web", "stop", id, "--request", &r]), "identity");
    ok(&db, &["request", "verify", &r, "--how", "BankID"]);
    let stopped = ok(&db, &["web", "stop", "K000001", "--request", &r]);
    assert!(
        stopped.starts_with(&format!(
            "Web activity of customer K000001 is no longer recorded (their objection, request {r})"
        )),
        "{stopped}"
    );
    assert!(stopped.contains(&format!("`kundvakt web erase K000001 --request {r}`")), "{stopped}");
    // Nothing of hers is recorded yet, but the site sends her visits on by itself: those who receive them are named.
    let sent = "Their web activity also reaches Web platform supplier, Google Analytics (Google Ireland Ltd), \
                Facebook (Meta Platforms Ireland Ltd) (the record of processing)";
    assert!(stopped.contains(sent), "{stopped}");
    user_error(&kv(&db, &["web", "stop", id, "--request", &r]), "has been stopped since");
    let shown = ok(&db, &["customer", "show", id]);
    let line = shown.lines().find(|l| l.starts_with("Web activity not recorded since")).unwrap_or_default();
    assert!(line.ends_with(&format!("(they objected, Art. 21(1), request {r})")), "{shown}");
    assert_eq!(json(&db, &["customer", "show", id, "--json"])["web_objection"]["request_id"].to_string(), r);

    let log = dir.path().join("weblog.csv");
    let at = (chrono::Utc::now() - chrono::Duration::hours(2)).format("%Y-%m-%dT%H:%M:%SZ");
    std::fs::write(
        &log,
        format!("Timestamp;IP_Address;Event;User_Agent;Email\n{at};198.51.100.31;login;;kari@example.no\n"),
    )
    .expect("write");
    let skipped = ok(&db, &["import", "web_events", &log.display().to_string()]);
    assert!(skipped.contains("who objected to the recording of their web activity on"), "{skipped}");
    assert_eq!(json(&db, &["customer", "show", id, "--json"])["web_events"].as_array().map(Vec::len), Some(0));

    assert_eq!(ok(&db, &["web", "resume", id]).trim(), "Web activity of customer K000001 is recorded again.");
    user_error(&kv(&db, &["web", "resume", id]), "is not stopped");
    assert!(!ok(&db, &["customer", "show", id]).contains("Web activity not recorded"));
    assert!(json(&db, &["customer", "show", id, "--json"])["web_objection"].is_null());
    ok(&db, &["import", "web_events", &log.display().to_string()]);
    assert_eq!(json(&db, &["customer", "show", id, "--json"])["web_events"].as_array().map(Vec::len), Some(1));
    assert!(ok(&db, &["audit", "verify"]).contains("holds"));
}

/// `settings history`: every change of the settings, the newest first, with
/// when (on the shop's clock), by whom and the value set; one setting's alone;
/// a key no setting has refused.
#[test]
fn the_settings_keep_their_history() {
    let dir = tempfile::tempdir().expect("dir");
    let db = dir.path().join("r.db").display().to_string();
    ok(&db, &["--actor", "eva", "init", "--country", "SE"]);
    ok(&db, &["--actor", "anna", "settings", "set", "retention.interaction_months", "36"]);
    ok(&db, &["--actor", "bo", "settings", "set", "country", "NO"]);
    let table = ok(&db, &["settings", "history"]);
    let rows: Vec<Vec<&str>> = table.lines().map(|l| l.split_whitespace().collect()).collect();
    assert_eq!(rows[0], ["when", "by", "setting", "value"], "{table}");
    // The new country's time zone came with it, in the same moment.
    let said: Vec<&[&str]> = rows[1..].iter().map(|r| &r[2..]).collect();
    assert_eq!(
        said,
        [
            &["bo", "time_zone", "Europe/Oslo"][..],
            &["bo", "country", "NO"],
            &["anna", "retention.interaction_months", "36"],
            &["eva", "time_zone", "Europe/Stockholm"],
            &["eva", "language", "en"],
            &["eva", "country", "SE"],
        ],
        "{table}"
    );
    let one = json(&db, &["settings", "history", "retention.interaction_months", "--json"]);
    assert_eq!(one.as_array().map(Vec::len), Some(1), "{one}");
    assert_eq!((&one[0]["value"], &one[0]["set_by"]), (&Value::from("36"), &Value::from("anna")));
    user_error(&kv(&db, &["settings", "history", "retention.notes"]), "`retention.notes` is not a setting");
}

/// A change of the financial year from the command line: the changed year
/// brings the start month and the years around it are printed; the start
/// month set alone says what it does to the past years; the accountant's
/// year that none begins in names the year that covers it.
#[test]
fn a_change_of_the_financial_year_is_said_as_it_is_saved() {
    let dir = tempfile::tempdir().expect("dir");
    let db = dir.path().join("r.db").display().to_string();
    ok(&db, &["init", "--country", "SE"]);
    let alone = ok(&db, &["settings", "set", "fiscal_year_start_month", "7"]);
    assert!(alone.contains("Every financial year now begins in month 7, the past ones too."), "{alone}");
    ok(&db, &["settings", "set", "fiscal_year_start_month", "1"]);
    let said = ok(&db, &["settings", "set", "changed_fiscal_years", "2025-01-01 – 2026-04-30"]);
    assert_eq!(
        said.lines().collect::<Vec<_>>(),
        [
            "changed_fiscal_years = 2025-01-01..2026-04-30",
            "fiscal_year_start_month = 5 (the month after the last changed year)",
            "The financial years around the changes: 2024-01-01..2024-12-31, 2025-01-01..2026-04-30, 2026-05-01..2027-04-30",
        ],
        "{said}"
    );
    user_error(
        &kv(&db, &["settings", "set", "fiscal_year_start_month", "1"]),
        "fiscal_year_start_month: After the changed financial year 2025-01-01..2026-04-30 the years begin on 2026-05-01",
    );
    user_error(
        &kv(&db, &["settings", "set", "changed_fiscal_years", "2025-01-01..2025-04-15"]),
        "changed_fiscal_years: 2025-01-01..2025-04-15: a financial year begins on the first day of a month and ends on the last day of a month",
    );
    let out = dir.path().join("orders.csv").display().to_string();
    let wrote = ok(&db, &["export", "orders", "--fiscal-year", "2025", "--format", "csv", "--out", &out]);
    assert!(wrote.contains("2025-01-01 to 2026-04-30"), "{wrote}");
    let covered = dir.path().join("none.csv").display().to_string();
    let none = kv(&db, &["export", "orders", "--fiscal-year", "2025", "--format", "csv", "--out", &covered]);
    assert!(none.status.success(), "2025 begins the changed year");
    ok(&db, &["settings", "set", "changed_fiscal_years", ""]);
    user_error(
        &kv(&db, &["settings", "set", "first_fiscal_year_end", "2025-12-31"]),
        "the years after it begin on 2026-01-01",
    );
    ok(&db, &["settings", "set", "fiscal_year_start_month", "1"]);
    ok(&db, &["settings", "set", "first_fiscal_year_end", "2025-12-31"]);
    let next = dir.path().join("2025.csv").display().to_string();
    user_error(
        &kv(&db, &["export", "orders", "--fiscal-year", "2025", "--format", "csv", "--out", &next]),
        "No financial year begins in 2025: the financial year 2024-07-01–2025-12-31 covers it",
    );
    // An order before the earliest day the first year may begin: the year is
    // counted from it, and saving the year's end says so.
    let id = ok(&db, &["customer", "add", "--name", "Anna", "--email", "anna@example.se"]);
    ok(&db, &["order", "add", "--customer", id.trim(), "--number", "A-1", "--date", "2023-03-15", "--total", "100"]);
    let said = ok(&db, &["settings", "set", "first_fiscal_year_end", "2025-12-31"]);
    assert!(
        said.contains("The financial years around the changes: 2023-03-15..2025-12-31, 2026-01-01..2026-12-31"),
        "{said}"
    );
    assert!(
        said.contains(
            "The first order is dated 2023-03-15, before 2024-07-01, the earliest day a first financial year that \
             ends on 2025-12-31 may begin (at most 18 months, BFL 3 kap. 3 §)."
        ),
        "{said}"
    );
    let shown = kv(&db, &["settings", "show"]);
    let noted = String::from_utf8_lossy(&shown.stderr);
    assert!(noted.starts_with("note: first_fiscal_year_end: The first order is dated 2023-03-15, before"), "{noted}");
    user_error(
        &kv(&db, &["export", "orders", "--fiscal-year", "2025", "--format", "csv", "--out", &next]),
        "No financial year begins in 2025: the financial year 2023-03-15–2025-12-31 covers it",
    );
    let first = ok(&db, &["export", "orders", "--fiscal-year", "2023", "--format", "csv", "--out", &next]);
    assert!(first.contains("(1 order, 1 row, 2023-03-15 to 2025-12-31;"), "{first}");
}

/// `report privacy-notice`: the page for the web shop, named as the shop is
/// and dated by the last change to what it is made from; a place already
/// taken is refused unless replaced on purpose; a change that leaves the
/// notice saved behind is said when it is made.
#[test]
fn the_privacy_notice_is_written_for_the_web_shop() {
    let dir = tempfile::tempdir().expect("dir");
    let db = dir.path().join("r.db").display().to_string();
    ok(&db, &["init", "--language", "en"]);
    ok(&db, &["settings", "set", "controller.name", "Ek & Son"]);
    let page = dir.path().join("privacy.html").display().to_string();
    let said = ok(&db, &["report", "privacy-notice", "--format", "html", "--out", &page]);
    assert!(said.starts_with(&format!("Wrote {page} (the privacy notice, html, dated ")), "{said}");
    let html = std::fs::read_to_string(&page).expect("the page");
    assert!(html.contains("<h1>Privacy notice of Ek &amp; Son</h1>"), "{html}");
    user_error(&kv(&db, &["report", "privacy-notice", "--format", "pdf", "--lang", "sv", "--out", &page]), "--force");
    ok(&db, &["report", "privacy-notice", "--format", "pdf", "--lang", "sv", "--out", &page, "--force"]);
    assert!(std::fs::read(&page).expect("the PDF").starts_with(b"%PDF-"));
    let shown = ok(&db, &["settings", "show"]);
    assert!(shown.contains("Privacy notice: dated ") && shown.contains("; last saved on "), "{shown}");
    let note = |args: &[&str]| String::from_utf8_lossy(&kv(&db, args).stderr).into_owned();
    assert_eq!(note(&["settings", "set", "order.series", "W-"]), "", "not what the notice is made from");
    let changed = note(&["settings", "set", "controller.phone", "08-123 456 78"]);
    assert!(
        changed.starts_with("note: the privacy notice saved on ") && changed.contains("no longer says this"),
        "{changed}"
    );
    assert_eq!(note(&["settings", "set", "controller.email", "info@ek.se"]), "", "said once");
    let shown = ok(&db, &["settings", "show"]);
    assert!(shown.contains("before that change: write it again (`kundvakt report privacy-notice`)"), "{shown}");
}

/// `interaction move`: a note filed under the wrong customer moves to the right one.
#[test]
fn a_note_is_moved_to_the_right_customer_from_the_command_line() {
    let dir = tempfile::tempdir().expect("dir");
    let db = dir.path().join("r.db").display().to_string();
    ok(&db, &["init", "--language", "en"]);
    let kari = ok(&db, &["customer", "add", "--name", "Kari Nordmann", "--email", "kari@example.no"]);
    ok(&db, &["customer", "add", "--name", "Ola Nordmann", "--email", "ola@example.no"]);
    let said = ["--summary", "Ola ringte om ordren sin", "--at", "2025-03-10 10:00"];
    let id = ok(&db, &note(kari.trim(), "phone", &said)).trim().to_owned();
    user_error(&kv(&db, &["interaction", "move", &id, "--to", "K000001"]), "is filed under customer K000001 already");
    user_error(&kv(&db, &["interaction", "move", &id, "--to", "K000009"]), "K000009");
    // A helpdesk service received the notes, as the default web platform does; the parcel carrier did not.
    let helpdesk = ["--name", "Supportdesk AS", "--country", "NO", "--purpose", "customer service"];
    ok(&db, &[&["processing", "processor", "add", "--categories", "communications"][..], &helpdesk].concat());
    let carrier = ["--name", "Posten Bring AS", "--country", "NO", "--purpose", "delivering parcels"];
    ok(&db, &[&["processing", "processor", "add", "--categories", "identity_contact"][..], &carrier].concat());
    let moved = ok(&db, &["interaction", "move", &id, "--to", "K000002"]);
    assert_eq!(
        moved.lines().collect::<Vec<_>>(),
        [
            format!("Note {id} moved to customer K000002; both customers' histories record the move.").as_str(),
            "If they received the note, tell them of the move (GDPR Art. 19): Web platform supplier, Supportdesk AS.",
        ]
    );
    let notes =
        |number: &str| json(&db, &["customer", "show", number, "--json"])["interactions"].as_array().map(Vec::len);
    assert_eq!((notes("K000001"), notes("K000002")), (Some(0), Some(1)));
    assert!(ok(&db, &["audit", "verify"]).contains("holds"));
}

/// `consent give` of a newsletter consent by `customer` at `at`.
fn consent<'a>(customer: &'a str, at: &'a str) -> Vec<&'a str> {
    let purpose = ["--purpose", "newsletter", "--text-version", "nb-2025-01", "--channel", "web_form"];
    let mut args = vec!["consent", "give", "--customer", customer, "--at", at];
    args.extend_from_slice(&purpose);
    args
}

#[tokio::test]
async fn calls_and_consents_are_recorded_on_the_shop_s_clock() {
    for kind in [Kind::Sqlite, Kind::Postgres] {
        let dir = tempfile::tempdir().expect("dir");
        let db = db_of(kind, dir.path()).await;
        ok(&db, &["init", "--language", "en"]);
        assert_eq!(ok(&db, &["settings", "set", "time_zone", "Europe/Oslo"]), "time_zone = Europe/Oslo\n");
        let added = json(&db, &["customer", "add", "--name", "Kari Nordmann", "--email", "kari@example.no", "--json"]);
        let id = added["id"].as_i64().expect("id").to_string();
        let call =
            ["--summary", "Spurte om retur", "--at", "2025-03-30 02:30", "--staff", "Per", "--closed-on", "2025-04-02"];
        let saved = json(&db, &[note(&id, "phone", &call), vec!["--json"]].concat());
        assert!(saved["id"].as_i64().is_some_and(|n| n > 0), "{saved}");
        // 02:30 does not exist in Oslo that night (summer time began at 02:00): the moment after the gap, 01:30 UTC.
        let shown = json(&db, &["customer", "show", &id, "--json"]);
        let i = &shown["interactions"][0];
        assert_eq!(
            (&i["occurred_at"], &i["channel"], &i["direction"], &i["staff"], &i["closed_on"]),
            (&"2025-03-30T01:30:00Z".into(), &"phone".into(), &"inbound".into(), &"Per".into(), &"2025-04-02".into())
        );
        let given = ok(&db, &consent(&id, "2025-01-10 09:00"));
        assert!(given.trim().parse::<i64>().is_ok(), "prints the id: {given}");
        let shown = json(&db, &["customer", "show", &id, "--json"]);
        let c = &shown["consents"][0];
        assert_eq!(
            (&c["given_at"], &c["text_version"], &c["withdrawn_at"]),
            (&"2025-01-10T08:00:00Z".into(), &"nb-2025-01".into(), &Value::Null)
        );
        // Bad input: one line naming the field, nothing written.
        let before = json(&db, &["customer", "show", &id, "--json"]);
        user_error(
            &kv(&db, &note(&id, "email", &["--summary", "Svar", "--at", "2999-01-01 10:00"])),
            "error: --at: 2999-01-01 10:00 is in the future",
        );
        user_error(&kv(&db, &note(&id, "email", &["--summary", "Svar", "--at", "i går"])), "--at");
        user_error(&kv(&db, &note(&id, "email", &["--summary", "  "])), "summary");
        let closed_early = ["--summary", "Svar", "--at", "2025-05-10 10:00", "--closed-on", "2025-05-01"];
        user_error(&kv(&db, &note(&id, "email", &closed_early)), "error: --closed-on: ");
        user_error(&kv(&db, &note(&id, "fax", &["--summary", "x"])), "fax");
        user_error(&kv(&db, &note("K404", "phone", &["--summary", "x"])), "K404");
        user_error(&kv(&db, &consent(&id, "2999-01-01")), "error: --at: ");
        // The same wording again while the consent stands: refused, on the shop's clock.
        let twice = format!("error: --text-version: consent {}, given 2025-01-10 09:00, ", given.trim());
        user_error(&kv(&db, &consent(&id, "2025-02-01 12:00")), &twice);
        assert_eq!(json(&db, &["customer", "show", &id, "--json"]), before, "nothing written");
        // A matter left open is kept until it is closed; retention counts from that day.
        let waiting = ["--summary", "Väntar på svar", "--at", "2025-05-10 10:00", "--json"];
        let open_id = json(&db, &note(&id, "email", &waiting))["id"].as_i64().expect("id");
        let open = open_id.to_string();
        user_error(&kv(&db, &["interaction", "close", &open, "--on", "2025-05-01"]), "error: --on: ");
        ok(&db, &["interaction", "close", &open, "--on", "2025-06-01"]);
        user_error(&kv(&db, &["interaction", "close", &open]), "closed on 2025-06-01 already");
        user_error(&kv(&db, &["interaction", "close", "999999"]), "999999");
        let shown = json(&db, &["customer", "show", &id, "--json"]);
        let closed: Vec<&Value> =
            shown["interactions"].as_array().expect("notes").iter().filter(|i| i["id"] == open_id).collect();
        assert_eq!(closed.first().map(|i| &i["closed_on"]), Some(&"2025-06-01".into()));
        let actions: Vec<&str> =
            shown["history"].as_array().expect("history").iter().filter_map(|e| e["action"].as_str()).collect();
        assert!(actions.contains(&"interaction.close"), "the closing is audited: {actions:?}");
        // A note is corrected (Art. 16), part by part; a correction naming nothing is refused.
        ok(&db, &["interaction", "edit", &open, "--summary", "Väntar på bilder av vantarna", "--staff", "Eva"]);
        user_error(&kv(&db, &["interaction", "edit", &open]), "changes");
        user_error(&kv(&db, &["interaction", "edit", &open, "--channel", "fax"]), "fax");
        let shown = json(&db, &["customer", "show", &id, "--json"]);
        let corrected: Vec<(&Value, &Value)> = shown["interactions"]
            .as_array()
            .expect("notes")
            .iter()
            .filter(|i| i["id"] == open_id)
            .map(|i| (&i["summary"], &i["staff"]))
            .collect();
        assert_eq!(corrected, vec![(&"Väntar på bilder av vantarna".into(), &"Eva".into())]);
        // A note that documents a purchase or an agreement: marked when noted, or later, and unmarked.
        let deal = [
            "--summary",
            "Avtalt rabatt",
            "--at",
            "2025-06-02 10:00",
            "--closed-on",
            "2025-06-02",
            "--bookkeeping",
            "--json",
        ];
        let deal_id = json(&db, &note(&id, "email", &deal))["id"].as_i64().expect("id");
        let marks = |db: &str| -> Vec<(i64, bool)> {
            let shown = json(db, &["customer", "show", &id, "--json"]);
            let notes = shown["interactions"].as_array().expect("notes").iter();
            notes.map(|i| (i["id"].as_i64().expect("id"), i["bookkeeping"].as_bool().expect("mark"))).collect()
        };
        assert!(marks(&db).contains(&(deal_id, true)) && marks(&db).contains(&(open_id, false)));
        ok(&db, &["interaction", "edit", &open, "--bookkeeping", "true"]);
        ok(&db, &["interaction", "edit", &deal_id.to_string(), "--bookkeeping", "false"]);
        assert!(marks(&db).contains(&(deal_id, false)) && marks(&db).contains(&(open_id, true)));
        user_error(&kv(&db, &["interaction", "edit", &open, "--bookkeeping", "ja"]), "--bookkeeping");
        assert!(ok(&db, &["audit", "verify"]).contains("holds"), "the chain holds");
        // Restricted data is not processed further (Art. 18(2)): no new notes.
        let restricted = kv(&db, &["restrict", &id, "--ground", "accuracy_contested"]);
        assert!(restricted.status.success());
        // The new restriction's id alone on stdout; whom to tell (Art. 19) beside it.
        let printed = String::from_utf8_lossy(&restricted.stdout);
        assert!(printed.trim().parse::<i64>().is_ok(), "{printed}");
        let note_of = String::from_utf8_lossy(&restricted.stderr);
        assert!(
            note_of.starts_with("Tell them of the restriction (GDPR Art. 19): ") && note_of.contains("Klarna Bank AB")
        );
        let refused = kv(&db, &note(&id, "phone", &["--summary", "Ny kontakt"]));
        assert_eq!(refused.status.code(), Some(1), "{}", String::from_utf8_lossy(&refused.stderr));
        // For scripts: the id, the restriction and whom to tell, with their categories.
        ok(&db, &["unrestrict", &id, "--notified-on", "2025-03-20"]);
        let again = json(&db, &["restrict", &id, "--ground", "objection_pending", "--json"]);
        assert!(again["id"].as_i64().is_some_and(|n| n.to_string() != printed.trim()), "{again}");
        assert_eq!(
            (&again["restriction"]["id"], &again["restriction"]["ground"]),
            (&again["id"], &"objection_pending".into())
        );
        let klarna = again["recipients"].as_array().and_then(|r| r.iter().find(|r| r["name"] == "Klarna Bank AB"));
        assert!(klarna.is_some_and(|k| k["categories"].as_array().is_some_and(|c| !c.is_empty())), "{again}");
        // The page in text gives the ids the next commands need, and what stands now.
        let consent_id = shown["consents"][0]["id"].as_i64().expect("id").to_string();
        ok(&db, &["consent", "withdraw", &consent_id]);
        let page = ok(&db, &["customer", "show", &id]);
        let row = |first: &str, has: &str| {
            page.lines().find(|l| l.split_whitespace().next() == Some(first) && l.contains(has)).map(str::to_owned)
        };
        let withdrawn = row(&consent_id, "newsletter").expect("the consent's row");
        assert!(withdrawn.contains("withdrawn 20") && withdrawn.contains("2025-01-10"), "{page}");
        let waiting = row(&open, "email inbound").expect("the note's row");
        assert!(waiting.contains("Väntar på bilder av vantarna") && waiting.ends_with("2025-06-01"), "{page}");
        assert!(page.contains("Restricted since") && page.contains("(objection_pending)"), "{page}");
    }
}

/// The person agrees again, to a new wording: both consents stand as proof
/// of what was agreed when (Art. 7(1)), and every view says which is in force.
#[test]
fn a_consent_to_a_new_wording_is_the_one_in_force() {
    let dir = tempfile::tempdir().expect("dir");
    let db = dir.path().join("register.db").display().to_string();
    ok(&db, &["init", "--language", "en"]);
    let id = ok(&db, &["customer", "add", "--name", "Kari Nordmann", "--email", "kari@example.no"]).trim().to_owned();
    let first = ok(&db, &consent(&id, "2025-01-10 09:00")).trim().to_owned();
    let give = ["consent", "give", "--customer", &id, "--purpose", "newsletter", "--text-version", "nb-2026-03"];
    // Not marked as the web shop's file marks its consents: a restore would take it for one the file brings back.
    let head = ok(&db, &["audit", "verify"]);
    let imported = kv(&db, &[&give[..], &["--channel", "Web_Shop", "--at", "2026-03-01 10:00"]].concat());
    user_error(&imported, "channel: “web_shop” marks the consents a web shop's file brings in; for a consent recorded by hand, say how it was given");
    assert_eq!(ok(&db, &["audit", "verify"]), head, "nothing was written");
    let second = ok(&db, &[&give[..], &["--channel", "email", "--at", "2026-03-01 10:00"]].concat()).trim().to_owned();
    let page = ok(&db, &["customer", "show", &id]);
    let row = |first: &str| page.lines().find(|l| l.split_whitespace().next() == Some(first)).unwrap_or_default();
    assert!(row(&first).contains("nb-2025-01") && row(&first).ends_with(&format!("replaced by {second}")), "{page}");
    assert!(row(&second).contains("nb-2026-03") && row(&second).ends_with("in force"), "{page}");
    let shown = json(&db, &["customer", "show", &id, "--json"]);
    let by: Vec<(String, Value)> = shown["consents"]
        .as_array()
        .expect("consents")
        .iter()
        .map(|c| (c["id"].to_string(), c.get("replaced_by").cloned().unwrap_or(Value::Null)))
        .collect();
    assert_eq!(by, [(second.clone(), Value::Null), (first, second.parse::<i64>().expect("id").into())]);
    // The person's copy says the same (Art. 15(1)): as data, and in words.
    let out = dir.path().join("kopia.json").display().to_string();
    ok(&db, &["report", "access", &id, "--format", "json", "--out", &out]);
    let report: Value = serde_json::from_slice(&std::fs::read(&out).expect("report")).expect("JSON");
    let records = report["categories"]["consents"]["records"].as_array().expect("records").clone();
    let replaced: Vec<&Value> = records.iter().filter_map(|r| r.get("replaced_by")).collect();
    assert_eq!(replaced.len(), 1, "{records:?}");
    assert_eq!(replaced[0]["text_version"], "nb-2026-03");
    let pdf = dir.path().join("kopia.pdf").display().to_string();
    ok(&db, &["report", "access", &id, "--format", "pdf", "--out", &pdf, "--lang", "en"]);
    let text = common::pdftotext(&std::fs::read(&pdf).expect("pdf")).split_whitespace().collect::<Vec<_>>().join(" ");
    // The cell wraps beside its neighbours: its words in order, on their lines.
    let at = text.find("10 January 2025 09:00 web form replaced by").expect("the older consent's row");
    assert!(text[at..].contains("wording nb-2026-03 (1 March 2026 10:00)"), "{text}");
    // One withdrawal stops the purpose: neither is replaced by a withdrawn one.
    ok(&db, &["consent", "withdraw", &second]);
    let page = ok(&db, &["customer", "show", &id]);
    assert!(!page.contains("replaced by") && page.matches("withdrawn 20").count() == 2, "{page}");
}

/// A copy made with records past their last day says so to the shop, on
/// stderr, with as many as the document marks to be deleted; one without
/// says nothing of it.
#[test]
fn an_access_report_with_records_to_be_deleted_says_so() {
    let dir = tempfile::tempdir().expect("dir");
    let db = dir.path().join("r.db").display().to_string();
    ok(&db, &["init", "--demo"]);
    let out = dir.path().join("k1.json").display().to_string();
    let made = kv(&db, &["report", "access", "K000001", "--format", "json", "--out", &out]);
    assert!(made.status.success());
    let report: Value = serde_json::from_slice(&std::fs::read(&out).expect("report")).expect("JSON");
    let marked = report["categories"]
        .as_object()
        .expect("categories")
        .values()
        .flat_map(|c| c["records"].as_array().expect("records").iter())
        .filter(|r| r["retention"]["kept_past"] == "due")
        .count();
    assert!(marked > 1, "the demo's first customer has an order past its end: {report}");
    let err = String::from_utf8_lossy(&made.stderr);
    assert!(
        err.contains(&format!("note: {marked} records in the report have passed the end of their retention")),
        "{err}"
    );
    assert!(err.contains("`kundvakt retention sweep` deletes them at its next run, as nothing keeps them"), "{err}");
    // Her request for a copy keeps them until it is answered: the copy that
    // answers it tells her they are to be deleted, one that answers nothing that the request keeps them.
    let request = ok(&db, &["request", "open", "--customer", "K000001", "--kind", "access"]).trim().to_owned();
    ok(&db, &["request", "verify", &request]);
    let answer = dir.path().join("k1-answer.json").display().to_string();
    let answering =
        kv(&db, &["report", "access", "K000001", "--format", "json", "--out", &answer, "--request", &request]);
    let err = String::from_utf8_lossy(&answering.stderr);
    assert!(err.contains(&format!("note: {marked} records in the report have passed")), "{err}");
    assert!(err.contains("deletes them once the request is answered, as nothing else keeps them"), "{err}");
    let out = dir.path().join("k1-aside.json").display().to_string();
    let aside = kv(&db, &["report", "access", "K000001", "--format", "json", "--out", &out]);
    assert!(aside.status.success() && !String::from_utf8_lossy(&aside.stderr).contains("passed the end"));
    let report: Value = serde_json::from_slice(&std::fs::read(&out).expect("report")).expect("JSON");
    let kept = report["categories"].as_object().expect("categories").values();
    let kept = kept
        .flat_map(|c| c["records"].as_array().expect("records").iter())
        .filter(|r| r["retention"]["kept_past"] == "request");
    assert_eq!(kept.count(), marked, "{report}");
    let id = ok(&db, &["customer", "add", "--name", "Ny Kund", "--email", "ny@example.se"]).trim().to_owned();
    let out = dir.path().join("ny.json").display().to_string();
    let made = kv(&db, &["report", "access", &id, "--format", "json", "--out", &out]);
    assert!(made.status.success() && !String::from_utf8_lossy(&made.stderr).contains("passed the end"));
}

fn signup<'a>(customer: &'a str, event: &'a str, date: &'a str, rest: &[&'a str]) -> Vec<&'a str> {
    [vec!["signup", "add", "--customer", customer, "--event", event, "--date", date], rest.to_vec()].concat()
}

#[tokio::test]
async fn course_sign_ups_are_recorded_marked_and_kept_a_year_after_the_event() {
    for kind in [Kind::Sqlite, Kind::Postgres] {
        let dir = tempfile::tempdir().expect("dir");
        let db = db_of(kind, dir.path()).await;
        ok(&db, &["init", "--language", "en"]);
        let added = json(&db, &["customer", "add", "--name", "Åsa Öberg", "--email", "asa@example.se", "--json"]);
        let id = added["id"].as_i64().expect("id").to_string();
        let held = json(&db, &signup(&id, "Surdegsbakning", "2025-03-15", &["--status", "attended", "--json"]));
        let held_id = held["id"].as_i64().expect("id");
        // A course ahead: signed up by default, and it cannot have been attended yet.
        let ahead = today_plus(40);
        let printed = ok(&db, &signup(&id, "Kaffeprovning", &ahead, &[]));
        let ahead_id: i64 = printed.trim().parse().expect("prints the id");
        let before = json(&db, &["customer", "show", &id, "--json"]);
        user_error(&kv(&db, &signup(&id, "Kaffeprovning", &ahead, &["--status", "attended"])), "status");
        user_error(&kv(&db, &signup(&id, "Kaffeprovning", &today_plus(365 * 11), &[])), "error: --date: ");
        user_error(&kv(&db, &signup(&id, "  ", "2025-03-15", &[])), "error: --event: must not be empty");
        user_error(&kv(&db, &signup(&id, "Kurs", "2025-02-30", &[])), "2025-02-30");
        user_error(&kv(&db, &signup(&id, "Kurs", "2025-03-15", &["--status", "maybe"])), "maybe");
        user_error(&kv(&db, &signup("K404", "Kurs", "2025-03-15", &[])), "K404");
        user_error(&kv(&db, &["signup", "status", &ahead_id.to_string(), "attended"]), "status");
        user_error(&kv(&db, &["signup", "status", &held_id.to_string(), "attended"]), "attended already");
        user_error(&kv(&db, &["signup", "status", "999999", "cancelled"]), "999999");
        assert_eq!(json(&db, &["customer", "show", &id, "--json"]), before, "nothing written");
        ok(&db, &["signup", "status", &ahead_id.to_string(), "cancelled"]);
        let shown = json(&db, &["customer", "show", &id, "--json"]);
        let of =
            |n: i64| shown["event_registrations"].as_array().expect("sign-ups").iter().find(|r| r["id"] == n).cloned();
        let held = of(held_id).expect("held course");
        assert_eq!(
            (&held["event_name"], &held["event_date"], &held["status"]),
            (&"Surdegsbakning".into(), &"2025-03-15".into(), &"attended".into())
        );
        assert_eq!(of(ahead_id).map(|r| r["status"].clone()), Some("cancelled".into()));
        let changes: Vec<&Value> = shown["history"]
            .as_array()
            .expect("history")
            .iter()
            .filter(|e| e["action"] == "event_registration.status")
            .collect();
        assert_eq!(changes.len(), 1, "the change is audited once: {changes:?}");
        assert!(ok(&db, &["audit", "verify"]).contains("holds"), "the chain holds");
        // Kept a year after the event (the default setting), whatever its status.
        let due = json(&db, &["retention", "due", "--as-of", "2026-03-16", "--json"]);
        let item = due["items"]
            .as_array()
            .expect("items")
            .iter()
            .find(|i| i["entity"] == "event_registration" && i["id"] == held_id)
            .cloned()
            .expect("the held course is due");
        assert_eq!(item["retain_until"], "2026-03-15");
        // Restricted data is not processed further (Art. 18(2)): no status changes, no new sign-ups.
        ok(&db, &["restrict", &id, "--ground", "accuracy_contested"]);
        user_error(&kv(&db, &["signup", "status", &ahead_id.to_string(), "registered"]), "restricted");
        user_error(&kv(&db, &signup(&id, "Kurs", "2025-03-15", &[])), "restricted");
    }
}

/// The day `days` from today, as the command line takes it.
fn today_plus(days: u64) -> String {
    (chrono::Utc::now().date_naive() + chrono::Days::new(days)).to_string()
}

#[tokio::test]
async fn an_order_moves_on_is_invoiced_and_its_amounts_stay() {
    for kind in [Kind::Sqlite, Kind::Postgres] {
        let dir = tempfile::tempdir().expect("dir");
        let db = db_of(kind, dir.path()).await;
        an_order_moves_on(&db, dir.path());
    }
}

fn an_order_moves_on(db: &str, dir: &Path) {
    let db = db.to_owned();
    ok(&db, &["init", "--language", "en"]);
    let id = ok(&db, &["customer", "add", "--name", "Åsa Öberg", "--email", "asa@example.se"]).trim().to_owned();
    let add = ["order", "add", "--customer", &id, "--number", "A-1", "--date", "2025-03-15", "--total", "125,00"];
    ok(&db, &[&add[..], &["--currency", "SEK", "--status", "paid"]].concat());
    let said = ok(&db, &["order", "status", "A-1", "refunded"]);
    assert!(said.contains("paid → refunded"), "{said}");
    user_error(&kv(&db, &["order", "status", "A-1", "refunded"]), "refunded already");
    user_error(&kv(&db, &["order", "status", "A-404", "paid"]), "A-404");
    user_error(&kv(&db, &["order", "status", "A-1", "betald"]), "betald");
    let shown = json(&db, &["customer", "show", &id, "--json"]);
    let order = &shown["orders"][0];
    assert_eq!((&order["status"], &order["total"]["amount"]), (&"refunded".into(), &"125.00".into()));
    // A legal hold on the order, named by its number as the customer's page shows it.
    let hold = ok(&db, &["hold", "add", "--entity", "order", "--number", "A-1", "--reason", "Reklamation"]);
    let holds = json(&db, &["hold", "list", "--json"]);
    let held = holds.as_array().and_then(|h| h.iter().find(|h| h["id"].as_i64() == hold.trim().parse().ok()));
    assert_eq!(held.map(|h| (&h["entity_id"], &h["number"])), Some((&order["id"], &"A-1".into())), "{holds}");
    // And whose record it is, by their number in the table.
    let whose = &shown["customer"]["number"];
    assert_eq!(held.map(|h| (&h["customer_id"], &h["customer_number"])), Some((&shown["customer"]["id"], whose)));
    let listed = ok(&db, &["hold", "list"]);
    let row = listed.lines().find(|l| l.starts_with(&format!("{} ", hold.trim()))).expect("the hold's row");
    assert!(row.contains(&format!("order A-1  {}", whose.as_str().expect("number"))), "{listed}");
    user_error(&kv(&db, &["hold", "add", "--entity", "order", "--number", "A-404", "--reason", "x"]), "no order A-404");
    user_error(
        &kv(&db, &["hold", "add", "--entity", "consent", "--number", "1", "--reason", "x"]),
        "error: --number: a record of the kind consent has no number of its own",
    );
    ok(&db, &["hold", "lift", hold.trim()]);
    // Its days on the shop's clock: at any hour, one of these zones is on another day than UTC.
    let zone_was = json(&db, &["settings", "show", "--json"])["time_zone"].as_str().expect("zone").to_owned();
    for zone in ["Pacific/Kiritimati", "Pacific/Pago_Pago"] {
        ok(&db, &["settings", "set", "time_zone", zone]);
        let day = chrono::Utc::now().with_timezone(&zone.parse::<chrono_tz::Tz>().expect("tz")).date_naive();
        let listed = ok(&db, &["hold", "list", "--all"]);
        let row = listed.lines().find(|l| l.starts_with(&format!("{} ", hold.trim()))).expect("the hold's row");
        assert_eq!(row.matches(&day.to_string()).count(), 2, "set and lifted on {day} there: {listed}");
    }
    ok(&db, &["settings", "set", "time_zone", &zone_was]);
    let out = dir.join("orders.csv");
    let out = out.display().to_string();
    let said =
        ok(&db, &["export", "orders", "--from", "2025-01-01", "--to", "2025-12-31", "--format", "csv", "--out", &out]);
    assert!(said.starts_with(&format!("Wrote {out} (1 order, ")), "counted in words: {said}");
    let text = std::fs::read_to_string(&out).expect("export");
    let row = text.lines().nth(1).expect("the order's row");
    assert!(row.starts_with("A-1;") && row.ends_with(";refunded"), "{row}");
    // Its invoice and a reminder: accounting records that agree with the order.
    let invoice = |number: &str, issued: &str, due: &str, amount: &str| {
        let args =
            ["order", "invoice", "A-1", "--number", number, "--issued", issued, "--due", due, "--amount", amount];
        args.map(str::to_owned).to_vec()
    };
    let run = |args: Vec<String>| kv(&db, &args.iter().map(String::as_str).collect::<Vec<_>>());
    let first = run(invoice("F-1", "2025-03-16", "2025-04-15", "125,00"));
    assert_eq!(first.status.code(), Some(0), "{}", String::from_utf8_lossy(&first.stderr));
    let mut reminder = invoice("P-1", "2025-04-20", "2025-05-05", "60");
    reminder.extend(["--kind".into(), "reminder".into()]);
    assert_eq!(run(reminder).status.code(), Some(0));
    let before = json(&db, &["customer", "show", &id, "--json"]);
    user_error(&run(invoice("F-1", "2025-03-16", "2025-04-15", "125,00")), "exists already");
    user_error(
        &run(invoice("F-2", "2025-03-14", "2025-04-15", "125,00")),
        "error: --issued: the order is of 2025-03-15",
    );
    user_error(
        &run(invoice("F-2", "2025-03-16", "2025-03-01", "125,00")),
        "error: --due: an invoice cannot fall due before it is issued",
    );
    user_error(&run(invoice("F-2", "2025-03-16", "2025-04-15", "0")), "error: --amount: ");
    user_error(&run(invoice("F-2", "2025-03-16", "2025-04-15", "12,345")), "amount");
    user_error(
        &kv(&db, &["order", "invoice", "A-404", "--number", "F-2", "--issued", "2025-03-16", "--amount", "1"]),
        "A-404",
    );
    assert_eq!(json(&db, &["customer", "show", &id, "--json"]), before, "nothing written");
    let invoices: Vec<(String, String, String)> = before["invoices"]
        .as_array()
        .expect("invoices")
        .iter()
        .map(|i| (i["number"].to_string(), i["kind"].to_string(), i["amount"]["amount"].to_string()))
        .collect();
    assert_eq!(
        invoices,
        vec![
            ("\"F-1\"".into(), "\"invoice\"".into(), "\"125.00\"".into()),
            ("\"P-1\"".into(), "\"reminder\"".into(), "\"60.00\"".into())
        ]
    );
    // A credit note puts an invoice right (the invoice itself never changes):
    // it credits an invoice of the same order, by no more than is left of it.
    let credit = |number: &str, credits: &str, issued: &str, amount: &str| {
        let mut args = invoice(number, issued, "2025-05-22", amount);
        args.extend(["--kind", "credit_note", "--credits", credits].map(str::to_owned));
        args
    };
    let mut uncredited = invoice("K-1", "2025-04-22", "2025-05-22", "10");
    uncredited.extend(["--kind", "credit_note"].map(str::to_owned));
    user_error(&run(uncredited), "credits: give the invoice it credits");
    let mut not_a_note = invoice("F-9", "2025-04-22", "2025-05-22", "10");
    not_a_note.extend(["--credits", "F-1"].map(str::to_owned));
    user_error(&run(not_a_note), "credits: only a credit note credits an invoice");
    user_error(&run(credit("K-1", "P-1", "2025-04-22", "10")), "credits: P-1 is not an invoice");
    user_error(&run(credit("K-1", "F-404", "2025-04-22", "10")), "credits: no invoice F-404");
    user_error(&run(credit("K-1", "F-1", "2025-03-15", "10")), "--issued: invoice F-1 is of 2025-03-16");
    user_error(&run(credit("K-1", "F-1", "2025-04-22", "125,01")), "amount: at most 125.00 SEK is left");
    ok(
        &db,
        &[
            "order",
            "add",
            "--customer",
            &id,
            "--number",
            "A-9",
            "--date",
            "2025-03-15",
            "--total",
            "50",
            "--currency",
            "SEK",
        ],
    );
    let mut other_order = credit("K-1", "F-1", "2025-04-22", "10");
    other_order[2] = "A-9".into();
    user_error(&run(other_order), "credits: invoice F-1 is of another order");
    assert_eq!(run(credit("K-1", "F-1", "2025-04-22", "100,00")).status.code(), Some(0));
    user_error(&run(credit("K-2", "F-1", "2025-04-22", "25,01")), "amount: at most 25.00 SEK is left");
    assert_eq!(run(credit("K-2", "F-1", "2025-04-23", "25")).status.code(), Some(0));
    user_error(&run(credit("K-3", "F-1", "2025-04-23", "0,01")), "amount: at most 0.00 SEK is left");
    let shown = json(&db, &["customer", "show", &id, "--json"]);
    let notes: Vec<(&str, &str, &str)> = shown["invoices"]
        .as_array()
        .expect("invoices")
        .iter()
        .filter(|i| i["kind"] == "credit_note")
        .map(|i| {
            (
                i["number"].as_str().unwrap_or(""),
                i["credits"].as_str().unwrap_or(""),
                i["amount"]["amount"].as_str().unwrap_or(""),
            )
        })
        .collect();
    assert_eq!(notes, vec![("K-1", "F-1", "-100.00"), ("K-2", "F-1", "-25.00")]);
    // The access report carries them, in JSON and in the PDF's words.
    let report = dir.join("access.json");
    ok(&db, &["report", "access", &id, "--format", "json", "--out", &report.display().to_string()]);
    let report: Value = serde_json::from_str(&std::fs::read_to_string(&report).expect("report")).expect("JSON");
    let listed = report["categories"]["invoices"]["records"].as_array().expect("invoices");
    let k1 = listed.iter().find(|i| i["number"] == "K-1").expect("K-1 in the report");
    assert_eq!(
        (&k1["kind"], &k1["credits"], &k1["amount"]["amount"]),
        (&"credit_note".into(), &"F-1".into(), &"-100.00".into())
    );
    let pdf = dir.join("access.pdf");
    ok(&db, &["report", "access", &id, "--format", "pdf", "--out", &pdf.display().to_string(), "--lang", "sv"]);
    let text = common::pdftotext(&std::fs::read(&pdf).expect("pdf"));
    // The kind column is widened to hold "kreditfaktura för F-1" on the row.
    let row = text.lines().find(|l| l.starts_with("K-1 ")).expect("K-1's row");
    assert!(row.contains("kreditfaktura för F-1") && row.contains("-100,00 SEK"), "{row}");
    // Without --number, the next of the shop's invoice series: on from F-1.
    let unnumbered = ["order", "invoice", "A-1", "--issued", "2025-04-21", "--amount", "5", "--kind", "reminder"];
    assert_eq!(json(&db, &[&unnumbered[..], &["--json"]].concat())["number"], "F-00002");
    ok(&db, &["settings", "set", "invoice.series", ""]);
    user_error(&kv(&db, &unnumbered), "--number: give a number (the setting invoice.series is empty");
    assert!(ok(&db, &["audit", "verify"]).contains("holds"));
    // The order as the accountant asks about it: by its number, in any case, or by a voucher's.
    let sheet = json(&db, &["order", "show", "a-1", "--json"]);
    assert_eq!((&sheet["order"]["number"], &sheet["found_by_invoice"]), (&"A-1".into(), &Value::Null));
    let numbers: Vec<&str> =
        sheet["invoices"].as_array().expect("invoices").iter().filter_map(|i| i["number"].as_str()).collect();
    assert_eq!(numbers, ["F-1", "P-1", "F-00002", "K-1", "K-2"], "in the order they were issued");
    assert_eq!(
        (&sheet["retention"]["retain_until"], &sheet["retention"]["rule"]),
        (&"2032-12-31".into(), &"SE BFL 7:2".into())
    );
    let shown = ok(&db, &["order", "show", "A-1"]);
    let said = |label: &str| shown.lines().find(|l| l.starts_with(label)).unwrap_or_default().to_owned();
    assert_eq!(said("Order "), format!("Order          A-1 (id {})", sheet["order"]["id"]));
    assert_eq!(said("Customer "), "Customer       K000001, Åsa Öberg, asa@example.se");
    assert_eq!(said("Status "), "Status         refunded");
    assert!(said("Total ").starts_with("Total          125.00 SEK (VAT "), "{shown}");
    assert!(
        said("Kept until ").starts_with("Kept until     2032-12-31 (Bokföringslagen (1999:1078) 7 kap. 2 §"),
        "{shown}"
    );
    let row = said("K-1 ");
    assert!(["credit_note", "2025-04-22", "-100.00 SEK", "F-1"].iter().all(|w| row.contains(w)), "{shown}");
    let by_note = ok(&db, &["order", "show", "k-2"]);
    assert!(by_note.starts_with("K-2 is a credit note of order A-1.\n\nOrder          A-1 "), "{by_note}");
    user_error(&kv(&db, &["order", "show", "A-404"]), "no order A-404");
    // An order's number finds whose it is, in any case.
    let found = ok(&db, &["customer", "search", "a-1"]);
    assert!(found.lines().nth(1).is_some_and(|l| l.contains(" K000001 ")), "{found}");
    assert!(found.ends_with("Order A-1 belongs to customer K000001.\n"), "{found}");
    // Given where a customer's number is asked for, it is refused, and whose it is said.
    let refused = kv(&db, &["customer", "show", "a-1"]);
    let said = String::from_utf8_lossy(&refused.stderr);
    assert!(!refused.status.success());
    assert!(
        said.starts_with(
            "note: A-1 is an order of customer K000001; give the customer's number (kundvakt order show A-1 shows \
             the order)\nerror: no customer a-1"
        ),
        "{said}"
    );
    // Once the customer is erased, the order serves only the books: nothing more is issued about it.
    // At the person's request: the erasure answers it, and says how to record the answer.
    let r = json(&db, &["request", "open", "--customer", &id, "--kind", "erasure", "--json"])["id"].to_string();
    ok(&db, &["request", "verify", &r]);
    let said = ok(&db, &["erase", &id, "--request", &r, "--yes", "--confirmation-dir", &dir.display().to_string()]);
    let next = format!("Once the confirmation is sent, record the answer: kundvakt request answer {r} --answer");
    assert!(said.trim_end().lines().last().is_some_and(|l| l.starts_with(&next)), "{said}");
    ok(&db, &["request", "answer", &r, "--answer", "The confirmation was sent by e-mail"]);
    user_error(&run(invoice("F-3", "2025-05-16", "2025-06-15", "125,00")), "erased");
    // Its page names the pseudonym the kept order goes under.
    let pseudonym =
        json(&db, &["customer", "show", &id, "--json"])["customer"]["pseudonym"].as_str().map(str::to_owned);
    let page = ok(&db, &["customer", "show", &id]);
    let line = page.lines().find(|l| l.starts_with("Pseudonym")).unwrap_or_default().to_owned();
    let pseudonym = pseudonym.expect("a pseudonym");
    assert!(line.contains(&format!(" {pseudonym} (the records the law keeps")), "{page}");
    // The order says so too: the books keep it under the pseudonym, the person is not named.
    let shown = ok(&db, &["order", "show", "A-1"]);
    let whose = shown.lines().find(|l| l.starts_with("Customer ")).unwrap_or_default();
    let kept = format!("the order is kept for the books alone under {pseudonym})");
    assert!(whose.starts_with("Customer       K000001 (erased on ") && whose.ends_with(&kept), "{shown}");
    assert!(!shown.contains("Åsa") && !shown.contains("asa@"), "{shown}");
    // Asked again by her address, the register finds no one, and says who had it and when it was erased.
    let found = ok(&db, &["customer", "search", "ASA@example.se"]);
    let said = found.lines().last().unwrap_or_default();
    assert!(said.starts_with("Customer K000001 had this e-mail address and was erased on "), "{found}");
    let under =
        format!("the records the law keeps are under the pseudonym {pseudonym} (`customer show K000001` lists them).");
    assert!(said.ends_with(&under), "{found}");
    assert!(!ok(&db, &["customer", "search", "other@example.se"]).contains("erased"));
    // A credit note's number, asked about by the accountant, names her and the erasure.
    let found = ok(&db, &["customer", "search", "K-1"]);
    let said: Vec<&str> = found.lines().skip(2).collect();
    assert_eq!(said[0], "Invoice K-1 belongs to customer K000001.", "{found}");
    assert!(said[1].starts_with("Customer K000001 was erased on ") && said[1].ends_with(&under), "{found}");
    // A script reads the customers found (none), and the same words as notes.
    let scripted = kv(&db, &["customer", "search", "K-1", "--json"]);
    assert!(scripted.status.success());
    assert_eq!(serde_json::from_slice::<Value>(&scripted.stdout).expect("JSON"), serde_json::json!([]));
    let notes = String::from_utf8_lossy(&scripted.stderr);
    assert_eq!(notes.lines().collect::<Vec<_>>(), said.iter().map(|l| format!("note: {l}")).collect::<Vec<_>>());
}

/// An erased customer's orders stay for the books, under the pseudonym the
/// accountant's file gives: found by it, or by the customer number, and
/// shown with their invoices; a return after the erasure is a credit note.
#[test]
fn what_the_law_keeps_of_an_erased_customer_is_found_by_pseudonym_or_number() {
    let dir = tempfile::tempdir().expect("dir");
    let db = dir.path().join("register.db").display().to_string();
    ok(&db, &["init", "--language", "en"]);
    let id = ok(&db, &["customer", "add", "--name", "Åsa Öberg", "--email", "asa@example.se"]).trim().to_owned();
    let other = ok(&db, &["customer", "add", "--name", "Eva Ek", "--email", "eva@example.se"]).trim().to_owned();
    ok(&db, &order_a(&id, &["--date", "2025-03-14", "--total", "125,00", "--currency", "SEK"]));
    ok(&db, &["order", "invoice", "A", "--number", "F-1", "--issued", "2025-03-14", "--amount", "125,00"]);
    // And one past its end, which a hold kept through the erasure and keeps no longer.
    let old = ["order", "add", "--customer", &id, "--number", "B", "--date", "2017-05-02", "--total", "80,00"];
    ok(&db, &[&old[..], &["--currency", "SEK"]].concat());
    let hold = ok(&db, &["hold", "add", "--entity", "order", "--number", "B", "--reason", "Reklamation"]);
    let erased = ok(&db, &["erase", &id, "--yes", "--confirmation-dir", &dir.path().display().to_string()]);
    ok(&db, &["hold", "lift", hold.trim()]);
    let shown = json(&db, &["customer", "show", &id, "--json"]);
    let pseudonym = shown["customer"]["pseudonym"].as_str().expect("pseudonym").to_owned();
    assert!(erased.contains("(`kundvakt report erased K000001` makes it again later)"), "{erased}");
    let (number, eva) = (shown_number(&db, &id), shown_number(&db, &other));
    // The accountant's file names the order's customer by the pseudonym: the search leads there.
    let export = dir.path().join("ordrar.csv");
    let export_arg = export.display().to_string();
    ok(&db, &["export", "orders", "--fiscal-year", "2025", "--format", "csv", "--out", &export_arg]);
    assert!(std::fs::read_to_string(&export).expect("export").contains(&pseudonym));
    for query in [pseudonym.as_str(), number.as_str()] {
        let found = ok(&db, &["customer", "search", query]);
        let said = found.lines().last().unwrap_or_default();
        assert!(said.starts_with(&format!("Customer {number} was erased on ")), "{query}: {found}");
        assert!(said.contains(&format!("under the pseudonym {pseudonym} (`customer show {number}`")), "{found}");
    }
    // The erasure confirmation, made again for a person who asks again: as `erase` wrote it.
    let again = dir.path().join("igen.json").display().to_string();
    ok(&db, &["report", "erased", &number, "--format", "json", "--out", &again]);
    let read = |path: &Path| -> Value {
        let mut doc: Value = serde_json::from_slice(&std::fs::read(path).expect("file")).expect("JSON");
        let fields = doc.as_object_mut().expect("object");
        fields.remove("generated_at");
        fields.remove("audit_head");
        doc
    };
    let written = dir.path().join(format!("erasure-{pseudonym}.json"));
    assert_eq!(read(Path::new(&again)), read(&written));
    user_error(&kv(&db, &["report", "erased", &eva, "--format", "pdf", "--out", &again]), "exists already");
    let other = dir.path().join("eva.pdf").display().to_string();
    user_error(&kv(&db, &["report", "erased", &eva, "--format", "pdf", "--out", &other]), "is not erased");
    // The person asks again what is held of them (Art. 15): the confirmation answers it, recorded under it.
    let asked = json(&db, &["request", "open", "--customer", &number, "--kind", "access", "--json"])["id"].to_string();
    // Until it is answered, the request keeps what the law no longer does, and the page says so.
    let page = ok(&db, &["customer", "show", &number]);
    let waits = |l: &str| l.starts_with("B ") && l.ends_with("until their request is answered (2024-12-31 passed)");
    assert!(page.lines().any(waits), "{page}");
    let answer = dir.path().join("svar.pdf").display().to_string();
    let made = ["report", "erased", &number, "--format", "pdf", "--out", &answer, "--request", &asked];
    user_error(&kv(&db, &made), "identity");
    ok(&db, &["request", "verify", &asked, "--how", "from the e-mail address they wrote from"]);
    ok(&db, &made);
    let documents = json(&db, &["request", "show", &asked, "--json"])["documents"].clone();
    let kinds: Vec<&str> = documents.as_array().expect("documents").iter().filter_map(|d| d["kind"].as_str()).collect();
    assert_eq!(kinds, ["erasure"], "{documents}");
    ok(
        &db,
        &["request", "answer", &asked, "--answer", "Sent the erasure confirmation: what the law keeps, and until when"],
    );
    // Whatever else they ask is logged with its deadline (Art. 12(3)-(4)); its page says they are erased.
    let objection = ok(&db, &["request", "open", "--customer", &number, "--kind", "objection"]).trim().to_owned();
    let shown = ok(&db, &["request", "show", &objection]);
    assert!(shown.contains(&format!("\nCustomer {number} was erased on ")), "{shown}");
    assert!(shown.contains("Nothing of them is left to act on but what the law keeps"), "{shown}");
    let command = format!("`kundvakt report erased {number} --format pdf --out FILE --request {objection}`");
    assert!(shown.contains(&command), "{shown}");
    // A customer who is not erased is found as ever, and no erasure is spoken of.
    let found = ok(&db, &["customer", "search", &eva]);
    assert!(found.contains("Eva Ek") && !found.contains("erased"), "{found}");
    // The page lists the kept order and its invoice, restricted, for the books alone.
    let page = ok(&db, &["customer", "show", &number]);
    assert!(page.contains(&format!("Orders kept for the bookkeeping law under {pseudonym} (2)")), "{page}");
    let kept = |l: &str| l.starts_with("A ") && l.contains("125.00 SEK") && l.ends_with("2032-12-31 (SE BFL 7:2)");
    assert!(page.lines().any(kept), "kept until the law's end: {page}");
    let due =
        |l: &str| l.starts_with("B ") && l.ends_with("2024-12-31 (SE BFL 7:2), passed: the next sweep deletes it");
    assert!(page.lines().any(due), "past its end, nothing keeps it: {page}");
    // A return after the erasure: a credit note of the kept order, and nothing else.
    user_error(
        &kv(&db, &["order", "invoice", "A", "--number", "F-2", "--issued", "2025-04-01", "--amount", "10"]),
        "erased",
    );
    let credit = ["order", "invoice", "A", "--kind", "credit_note", "--credits", "F-1", "--amount", "125,00"];
    ok(&db, &[&credit[..], &["--number", "K-1", "--issued", "2025-04-01"]].concat());
    let shown = json(&db, &["customer", "show", &number, "--json"]);
    let invoices: Vec<(&str, &str)> = shown["invoices"]
        .as_array()
        .expect("invoices")
        .iter()
        .map(|i| (i["number"].as_str().unwrap_or(""), i["kind"].as_str().unwrap_or("")))
        .collect();
    assert_eq!(invoices, [("F-1", "invoice"), ("K-1", "credit_note")]);
}

/// Someone the register has no customer for asks: logged as they named
/// themselves, listed so, and linked to the customer once found.
#[test]
fn a_request_from_someone_not_in_the_register_is_logged_and_linked() {
    let dir = tempfile::tempdir().expect("dir");
    let db = dir.path().join("register.db").display().to_string();
    ok(&db, &["init", "--language", "en"]);
    let none = kv(&db, &["request", "open", "--kind", "access"]);
    assert!(!none.status.success() && String::from_utf8_lossy(&none.stderr).contains("--customer"), "{none:?}");
    let both = kv(&db, &["request", "open", "--kind", "access", "--customer", "1", "--person", "Eva"]);
    assert!(!both.status.success(), "one or the other");
    let lang = kv(&db, &["request", "open", "--kind", "access", "--customer", "1", "--lang", "sv"]);
    assert!(!lang.status.success(), "a customer's letters are in their own language");
    let english = ["request", "open", "--person", "John Smith", "--lang", "en", "--kind", "objection", "--json"];
    assert_eq!(json(&db, &english)["requester_language"], "en");
    let asked =
        ["request", "open", "--person", "Eva Ek, eva@example.se", "--kind", "access", "--received", "2025-03-05"];
    let id = ok(&db, &asked).trim().to_owned();
    let listed = ok(&db, &["request", "list", "--as-of", "2025-03-06"]);
    assert!(listed.contains("Eva Ek, eva@example.se (no customer in the register)"), "{listed}");
    let shown = ok(&db, &["request", "show", &id]);
    assert!(shown.contains(&format!("`kundvakt request link {id} --customer NUMBER`")), "{shown}");
    let view = json(&db, &["request", "show", &id, "--json"]);
    assert_eq!(
        (view["customer"].clone(), view["requester"].clone()),
        (Value::Null, Value::from("Eva Ek, eva@example.se"))
    );
    let customer = ok(&db, &["customer", "add", "--name", "Eva Ek", "--email", "eva.ek@example.se"]).trim().to_owned();
    let number = shown_number(&db, &customer);
    let linked = ok(&db, &["request", "link", &id, "--customer", &number]);
    assert!(linked.contains(&format!("Request {id} is customer {number}'s now")), "{linked}");
    let view = json(&db, &["request", "show", &id, "--json"]);
    assert_eq!(
        (view["customer_number"].clone(), view["requester"].clone()),
        (Value::from(number.as_str()), Value::Null)
    );
    user_error(&kv(&db, &["request", "link", &id, "--customer", &number]), "is a customer's already");
}

#[tokio::test]
async fn bad_input_is_one_line_exit_1_and_changes_nothing() {
    let dir = tempfile::tempdir().expect("dir");
    let db = dir.path().join("register.db").display().to_string();
    ok(&db, &["init"]);
    let id = ok(&db, &["customer", "add", "--name", "Åsa Öberg", "--email", "asa@example.se"]).trim().to_owned();
    let before = dump(&db);
    for (args, needle) in [
        (
            vec!["customer", "add", "--name", "X", "--email", "not-an-email"],
            "error: --email: `not-an-email` is not a valid e-mail address",
        ),
        (vec!["customer", "add", "--name", "X", "--country", "XX"], "--country: `XX` is not an ISO 3166"),
        (vec!["customer", "add", "--name", "X", "--email", "ASA@example.se"], "--email: customer"),
        (vec!["customer", "show", "4711"], "no customer 4711"),
        (vec!["customer", "edit", "4711", "--phone", "070-1234567"], "no customer 4711"),
        (vec!["customer", "edit", &id], "name at least one field"),
        (order_a(&id, &["--date", "2024-02-30", "--total", "1", "--currency", "SEK"]), "2024-02-30"),
        (order_a(&id, &["--date", "2024-02-03", "--total", "1.234", "--currency", "SEK"]), "--total: `1.234`"),
        (order_a(&id, &["--date", "2024-02-03", "--total", "1", "--currency", "XYZ"]), "currency"),
        (
            order_a(&id, &["--date", "2099-02-03", "--total", "1", "--currency", "SEK"]),
            "--date: 2099-02-03 is in the future",
        ),
        (
            order_a(
                &id,
                &[
                    "--date",
                    "2024-02-03",
                    "--total",
                    "10",
                    "--currency",
                    "SEK",
                    "--line",
                    "x;1;10;25",
                    "--line",
                    "y;tre;0;25",
                ],
            ),
            "--line 2 (quantity): `tre` is not a whole number",
        ),
        (
            order_a(&id, &["--date", "2024-02-03", "--total", "9", "--currency", "SEK", "--line", "x;1;5;25"]),
            "--total: 9.00 SEK does not equal",
        ),
        (
            order_a(&id, &["--date", "2024-02-03", "--total", "10", "--currency", "SEK", "--vat", "-2"]),
            "error: --vat: VAT has the total's sign",
        ),
        (vec!["settings", "set", "country", "US"], "error: country: `US` is not a supported country"),
        (vec!["settings", "set", "colour", "blue"], "`colour` is not a setting"),
        (vec!["customer", "frobnicate"], "frobnicate"),
    ] {
        user_error(&kv(&db, &args), needle);
    }
    // A header that names no column a row needs: the refusal says so, not that a row is wrong.
    let addresses = dir.path().join("adresser.csv");
    std::fs::write(&addresses, "Adress;Ort\nStorgatan 1;Gävle\n").expect("write");
    let out = kv(&db, &["import", "customers", &addresses.display().to_string(), "--dry-run"]);
    assert_eq!(out.status.code(), Some(1));
    let said = String::from_utf8_lossy(&out.stderr);
    assert!(said.contains(":1: header: no column holds name"), "{said}");
    assert!(said.trim_end().ends_with("adresser.csv: its header has a problem; nothing was imported"), "{said}");
    assert_eq!(dump(&db), before, "nothing changed");
}

#[tokio::test]
async fn what_is_not_a_register_is_a_clear_error() {
    let dir = tempfile::tempdir().expect("dir");
    let text = dir.path().join("kunder.csv");
    std::fs::write(&text, "namn;e-post\nÅsa;asa@example.se\n".repeat(200)).expect("write");
    let before = std::fs::read(&text).expect("read");
    for cmd in [&["customer", "search", "asa"][..], &["init"][..]] {
        user_error(&kv(&text.display().to_string(), cmd), "is not a Kundvakt register");
    }
    assert_eq!(std::fs::read(&text).expect("read"), before, "the file is untouched");

    let missing = dir.path().join("nowhere.db").display().to_string();
    user_error(&kv(&missing, &["customer", "search", "asa"]), "kundvakt init");
    assert!(!Path::new(&missing).exists());

    let out = kv("postgres://kundvakt:secret@127.0.0.1:1/shop", &["customer", "search", "asa"]);
    user_error(&out, "cannot reach the database server 127.0.0.1:1");
    assert!(!String::from_utf8_lossy(&out.stderr).contains("secret"), "the password is never printed");
}

#[tokio::test]
async fn tampering_by_hand_is_found_and_named() {
    let dir = tempfile::tempdir().expect("dir");
    let db = dir.path().join("register.db").display().to_string();
    ok(&db, &["init", "--demo", "--demo-customers", "20"]);
    ok(&db, &["audit", "verify"]);
    common::sqlite3(&db, "UPDATE audit_entries SET actor = 'mallory' WHERE seq = 17");
    user_error(&kv(&db, &["audit", "verify"]), "broken at entry 17");
    let out = kv(&db, &["audit", "verify", "--json"]);
    assert_eq!(out.status.code(), Some(1));
    let report: Value = serde_json::from_slice(&out.stdout).expect("the report is JSON");
    assert_eq!(report["broken"]["seq"], 17);
}

/// `audit log` reads the trail newest first, filtered, in text and JSON;
/// a kind of action it does not know is a user error naming the groups.
#[tokio::test]
async fn the_audit_log_says_who_did_what() {
    let dir = tempfile::tempdir().expect("dir");
    let db = dir.path().join("register.db").display().to_string();
    ok(&db, &["init", "--demo", "--demo-customers", "20"]);
    ok(&db, &["--actor", "Kari", "customer", "edit", "K000003", "--city", "Gävle"]);
    ok(
        &db,
        &[
            "--actor",
            "Kari",
            "report",
            "access",
            "K000003",
            "--format",
            "json",
            "--out",
            &format!("{}/r.json", dir.path().display()),
        ],
    );
    let text = ok(&db, &["audit", "log", "--by", "Kari"]);
    let lines: Vec<&str> = text.lines().collect();
    assert!(lines[0].starts_with("seq") && lines[0].contains("customer"), "{text}");
    // Actions in words, with the code that --action takes.
    assert!(
        lines[1].contains("Document produced (document.generate)") && lines[1].contains("K000003"),
        "newest first: {text}"
    );
    assert!(lines[2].contains("Details corrected (customer.edit)") && lines[2].contains("Kari"), "{text}");
    assert_eq!(lines.len(), 3, "Kari's two entries alone: {text}");

    let page = json(&db, &["audit", "log", "--customer", "K000003", "--action", "customer", "--json"]);
    let actions: Vec<&str> =
        page["entries"].as_array().expect("entries").iter().map(|e| e["action"].as_str().expect("action")).collect();
    assert_eq!(actions, ["customer.edit", "customer.add"]);
    assert_eq!(page["more"], false);

    let first = json(&db, &["audit", "log", "--limit", "3", "--json"]);
    assert_eq!((first["entries"].as_array().map(Vec::len), &first["more"]), (Some(3), &Value::Bool(true)));
    let last = first["entries"][2]["seq"].as_i64().expect("seq");
    assert!(ok(&db, &["audit", "log", "--limit", "3"]).contains(&format!("add --before {last}")));
    let next = json(&db, &["audit", "log", "--limit", "3", "--before", &last.to_string(), "--json"]);
    assert_eq!(next["entries"][0]["seq"].as_i64(), Some(last - 1), "the next page goes on where the first ended");

    // Kari's work saved whole as CSV, in the register's language.
    ok(&db, &["settings", "set", "language", "nb"]);
    let file = dir.path().join("kari.csv").display().to_string();
    let said = ok(&db, &["audit", "log", "--by", "Kari", "--csv", &file]);
    assert!(said.starts_with(&format!("Wrote {file} (2 entries, SHA-256 ")), "{said}");
    let saved = std::fs::read_to_string(&file).expect("the file");
    let rows: Vec<&str> = saved.lines().collect();
    assert!(rows[0].starts_with("\u{feff}Nr.;Tid;Av;Hendelse;Hva;"), "{saved}");
    assert!(rows[1].contains(";Kari;document.generate;") && rows[1].contains(";K000003;"), "{saved}");
    assert!(rows[2].contains(";Kari;customer.edit;Opplysninger rettet;"), "{saved}");
    assert_eq!(rows.len(), 3, "{saved}");
    let logged = json(&db, &["audit", "log", "--action", "export", "--limit", "1", "--json"]);
    assert_eq!(logged["entries"][0]["action"], "export.audit_trail", "saving it is audited");
    user_error(&kv(&db, &["audit", "log", "--csv", &file, "--limit", "5"]), "--limit");

    user_error(
        &kv(&db, &["audit", "log", "--action", "erase"]),
        "--action: no action of the audit trail is called `erase`",
    );
    user_error(
        &kv(&db, &["audit", "log", "--from", "2026-02-01", "--to", "2026-01-31"]),
        "--to: 2026-01-31 is before 2026-02-01",
    );
    user_error(&kv(&db, &["audit", "log", "--customer", "K999999"]), "K999999");
}

#[tokio::test]
async fn backup_copies_a_register_in_use() {
    for kind in [Kind::Sqlite, Kind::Postgres] {
        let dir = tempfile::tempdir().expect("dir");
        let db = db_of(kind, dir.path()).await;
        ok(&db, &["init", "--demo", "--demo-customers", "40"]);
        // Another user keeps writing while the backup runs.
        let writer_db = db.clone();
        let writer = std::thread::spawn(move || {
            for i in 0..15 {
                ok(
                    &writer_db,
                    &["customer", "add", "--name", &format!("Ny kund {i}"), "--email", &format!("ny{i}@example.se")],
                );
            }
        });
        let copy = dir.path().join("kopia.db").display().to_string();
        let out = ok(&db, &["backup", &copy]);
        assert!(out.contains("audit trail entry"), "{out}");
        writer.join().expect("writer");
        // Checked before the copy is opened (opening it makes its own -wal and -shm).
        let leftovers: Vec<String> = std::fs::read_dir(dir.path())
            .expect("dir")
            .filter_map(|e| e.ok())
            .map(|e| e.file_name().to_string_lossy().into_owned())
            .filter(|n| n.contains("kopia") && n != "kopia.db")
            .collect();
        assert!(leftovers.is_empty(), "nothing but the backup file: {leftovers:?}");
        assert!(ok(&copy, &["audit", "verify"]).contains("holds"), "the {kind:?} copy is consistent");
        let found = json(&copy, &["customer", "search", "asa oberg", "--json"]);
        assert!(!found.as_array().expect("list").is_empty());
        user_error(&kv(&db, &["backup", &copy]), "exists already");
        // A file named from the folder one stands in is logged by its whole path,
        // which the window's restore box and another day's command line can open.
        let here = Command::new(env!("CARGO_BIN_EXE_kundvakt"))
            .args(["--db", &db, "backup", "här.db"])
            .env_remove("KUNDVAKT_DB")
            .current_dir(dir.path())
            .output()
            .expect("run kundvakt");
        assert!(here.status.success(), "{}", String::from_utf8_lossy(&here.stderr));
        // `backup list`, said as `hold list` is, lists them, newest first.
        let listed = ok(&db, &["backup", "list"]);
        let newest = listed.lines().nth(1).unwrap_or_default();
        assert!(newest.contains(&dir.path().join("här.db").display().to_string()), "{listed}");
        assert!(!dir.path().join("list").exists() && !Path::new("list").exists(), "no backup named list");
    }
}

/// A detail saved before today's checks is warned of with the command that
/// corrects it; the page itself is printed as ever.
#[test]
fn customer_show_warns_of_details_saved_before_today_s_checks() {
    let dir = tempfile::tempdir().expect("dir");
    let db = dir.path().join("register.db").display().to_string();
    ok(&db, &["init", "--language", "en"]);
    let id = ok(&db, &["customer", "add", "--name", "Åsa Öberg", "--email", "asa@example.se"]).trim().to_owned();
    assert!(kv(&db, &["customer", "show", &id]).stderr.is_empty(), "saved today, it holds");
    common::sqlite3(&db, &format!("UPDATE customers SET phone = '070-123 45 67' WHERE id = {id}"));
    let out = kv(&db, &["customer", "show", &id]);
    let (page, warned) = (String::from_utf8_lossy(&out.stdout), String::from_utf8_lossy(&out.stderr));
    assert!(out.status.success() && page.contains("Åsa Öberg"), "{page}");
    assert_eq!(
        warned.trim(),
        "warning: phone: `070-123 45 67` is stored as it was typed, not as the number it is: saved again, it is stored as +46701234567 (correct it: kundvakt customer edit K000001 --phone VALUE)"
    );
    ok(&db, &["customer", "edit", &id, "--phone", "070-123 45 67"]);
    assert!(kv(&db, &["customer", "show", &id, "--json"]).stderr.is_empty(), "saved again, it holds");
}

/// `init` takes the country and language of the system, as the window does
/// on first start, and says what it took and how to change it: a Norwegian
/// shop does not keep Sweden's bookkeeping law unseen.
#[test]
fn init_takes_the_system_s_country_and_says_so() {
    let dir = tempfile::tempdir().expect("dir");
    let init = |name: &str, locale: &str, args: &[&str]| {
        let db = dir.path().join(name).display().to_string();
        let out = Command::new(KV)
            .args(["--db", &db, "init"])
            .args(args)
            .env_remove("KUNDVAKT_DB")
            .env_remove("LC_MESSAGES")
            .env("LC_ALL", locale)
            .env("LANG", locale)
            .output()
            .expect("run");
        assert!(out.status.success(), "{}", String::from_utf8_lossy(&out.stderr));
        let settings = json(&db, &["settings", "show", "--json"]);
        let setting = |key: &str| settings[key].as_str().unwrap_or_default().to_owned();
        (
            String::from_utf8_lossy(&out.stdout).into_owned(),
            [setting("country"), setting("language"), setting("time_zone")],
        )
    };
    let (said, set) = init("no.db", "nb_NO.UTF-8", &[]);
    assert_eq!(set, ["NO", "nb", "Europe/Oslo"]);
    assert!(
        said.contains("for a shop in Norway (NO: its bookkeeping law, holidays and time zone Europe/Oslo)"),
        "{said}"
    );
    assert!(said.contains("its documents in Norwegian Bokmål") && said.contains("settings set country CODE"), "{said}");
    let (said, set) = init("dk.db", "nb_NO.UTF-8", &["--country", "DK", "--language", "en"]);
    assert_eq!(set, ["DK", "en", "Europe/Copenhagen"], "the flags win: {said}");
    let (_, set) = init("c.db", "C.UTF-8", &[]);
    assert_eq!(set, ["SE", "en", "Europe/Stockholm"], "a system that names no country: Sweden");
    // The demo shop is a Swedish shop, whatever the system.
    let (said, set) = init("demo.db", "nb_NO.UTF-8", &["--demo", "--demo-customers", "3"]);
    assert_eq!(set[0], "SE", "{said}");
}

#[test]
fn settings_show_and_set() {
    let dir = tempfile::tempdir().expect("dir");
    let db = dir.path().join("register.db").display().to_string();
    ok(&db, &["init", "--country", "NO"]);
    let s = json(&db, &["settings", "show", "--json"]);
    assert_eq!((s["country"].as_str(), s["time_zone"].as_str()), (Some("NO"), Some("Europe/Oslo")));
    let moved = ok(&db, &["settings", "set", "country", "FI"]);
    assert_eq!(
        moved,
        "country = FI\ntime_zone = Europe/Helsinki (the country's own, as the register kept the old one's)\n"
    );
    assert_eq!(ok(&db, &["settings", "set", "time_zone", "Europe/Oslo"]), "time_zone = Europe/Oslo\n");
    assert_eq!(ok(&db, &["settings", "set", "country", "NO"]), "country = NO\n", "a zone set by hand stays");
    assert_eq!(
        ok(&db, &["settings", "set", "controller.name", "Strikkebua AS"]).trim(),
        "controller.name = Strikkebua AS"
    );
    assert_eq!(json(&db, &["settings", "show", "--json"])["controller.name"], "Strikkebua AS");
}

/// `processing assessment`: documented in the register's language by default,
/// then one added (all answers needed), revised (only what is given) and withdrawn.
#[test]
fn legitimate_interest_assessments_are_kept_from_the_command_line() {
    let dir = tempfile::tempdir().expect("dir");
    let db = dir.path().join("register.db").display().to_string();
    ok(&db, &["init", "--country", "NO", "--language", "nb"]);
    let defaults = json(&db, &["processing", "show", "--json"])["assessments"].clone();
    assert!(defaults[0]["purpose"].as_str().is_some_and(|p| p.starts_with("Følge opp")), "{defaults}");
    let answers = [
        "--purpose",
        "Kameraovervåking",
        "--interest",
        "Forebygge tyveri",
        "--necessity",
        "Alarm har ikke vært nok",
        "--balancing",
        "Skilt ved inngangen; slettes etter 7 dager",
    ];
    let add = |extra: &[&str]| {
        kv(&db, &[&["--actor", "Kari", "processing", "assessment", "add"], &answers[..], extra].concat())
    };
    user_error(&add(&[]), "outcome");
    let added: Value =
        serde_json::from_slice(&add(&["--outcome", "Berettiget interesse", "--json"]).stdout).expect("JSON");
    assert_eq!((added["purpose"].as_str(), added["author"].as_str()), (Some("Kameraovervåking"), Some("Kari")));
    let id = added["id"].to_string();
    let edited = json(&db, &["processing", "assessment", "edit", &id, "--outcome", "Veier tyngst", "--json"]);
    assert_eq!(
        (edited["outcome"].as_str(), edited["interest"].as_str()),
        (Some("Veier tyngst"), Some("Forebygge tyveri"))
    );
    user_error(
        &kv(&db, &["processing", "assessment", "edit", &id, "--date", "2999-01-01"]),
        "error: --date: 2999-01-01 is after today",
    );
    assert!(ok(&db, &["processing", "show"]).contains("Kameraovervåking"));
    // A category put on legitimate interest is named until an assessment covers it.
    assert_eq!(json(&db, &["processing", "show", "--json"])["unassessed"], serde_json::json!([]));
    let moved = kv(&db, &["processing", "category", "events", "--legal-basis", "legitimate_interest"]);
    assert!(
        moved.status.success()
            && String::from_utf8_lossy(&moved.stderr).contains("no legitimate-interest assessment covers events")
    );
    assert_eq!(json(&db, &["processing", "show", "--json"])["unassessed"], serde_json::json!(["events"]));
    let shown = ok(&db, &["processing", "show"]);
    assert!(shown.contains("no assessment covering them (Art. 6(1)(f), 5(2)): events."), "{shown}");
    user_error(&kv(&db, &["processing", "assessment", "edit", &id, "--categories", "events,kurs"]), "categories");
    let covering = json(&db, &["processing", "assessment", "edit", &id, "--categories", "events", "--json"]);
    assert_eq!(covering["categories"], serde_json::json!(["events"]));
    assert_eq!(json(&db, &["processing", "show", "--json"])["unassessed"], serde_json::json!([]));
    assert!(!ok(&db, &["processing", "show"]).contains("no assessment covering"));
    assert!(ok(&db, &["processing", "assessment", "remove", &id]).contains("Kameraovervåking"));
    assert_eq!(json(&db, &["processing", "show", "--json"])["assessments"], defaults);
    user_error(&kv(&db, &["processing", "assessment", "remove", &id]), "assessment");
}

/// Without `--actor` or a login shell's `USER`, the audit trail names the
/// operating system's account, as a desktop started by launchd or a service runs.
#[cfg(unix)]
#[test]
fn the_actor_is_the_account_when_the_environment_names_none() {
    let dir = tempfile::tempdir().expect("dir");
    let db = dir.path().join("r.db").display().to_string();
    ok(&db, &["init"]);
    let account = Command::new("id").arg("-un").output().expect("id -un");
    let account = String::from_utf8(account.stdout).expect("UTF-8").trim().to_owned();
    assert!(!account.is_empty());
    let out = Command::new(KV)
        .args(["--db", &db, "processing", "assessment", "add", "--purpose", "Kameror", "--interest", "Stöld"])
        .args(["--necessity", "Larm räcker inte", "--balancing", "Skyltat", "--outcome", "Berättigat", "--json"])
        .env_remove("KUNDVAKT_DB")
        .env_remove("KUNDVAKT_ACTOR")
        .env_remove("USER")
        .env_remove("USERNAME")
        .output()
        .expect("run kundvakt");
    assert!(out.status.success(), "{}", String::from_utf8_lossy(&out.stderr));
    let added: Value = serde_json::from_slice(&out.stdout).expect("JSON");
    assert_eq!(added["author"].as_str(), Some(account.as_str()), "{added}");
}

#[test]
fn the_register_is_found_without_db() {
    let dir = tempfile::tempdir().expect("dir");
    let run = |args: &[&str], env_db: Option<&str>| {
        let mut c = Command::new(KV);
        c.args(args).env("XDG_DATA_HOME", dir.path()).env("HOME", dir.path()).env_remove("KUNDVAKT_DB");
        if let Some(db) = env_db {
            c.env("KUNDVAKT_DB", db);
        }
        c.output().expect("run")
    };
    assert!(run(&["init"], None).status.success());
    assert!(dir.path().join("kundvakt/register.db").exists(), "the per-user data folder");
    let other = dir.path().join("other.db").display().to_string();
    assert!(run(&["init"], Some(&other)).status.success());
    assert!(Path::new(&other).exists(), "KUNDVAKT_DB chooses another register");
}

#[test]
fn usage_and_help() {
    let out = Command::new(KV).arg("--help").output().expect("run");
    assert_eq!(out.status.code(), Some(0));
    assert!(String::from_utf8_lossy(&out.stdout).contains("customer"));
    let out = Command::new(KV).args(["customer", "add", "--nmae", "x"]).output().expect("run");
    user_error(&out, "--nmae");
}

/// A reader that stops early (`kundvakt ... | head -1`) ends the program quietly.
#[test]
fn output_into_a_closed_pipe_is_not_a_crash() {
    use std::io::{BufRead, BufReader};
    let dir = tempfile::tempdir().expect("dir");
    let db = dir.path().join("r.db").display().to_string();
    ok(&db, &["init", "--demo"]);
    // Every record of the demo shop, far more than a pipe holds (64 KiB).
    let mut child = Command::new(KV)
        .args(["--db", &db, "retention", "due", "--as-of", "2060-01-01"])
        .env_remove("KUNDVAKT_DB")
        .stdout(std::process::Stdio::piped())
        .stderr(std::process::Stdio::piped())
        .spawn()
        .expect("run");
    let mut first = String::new();
    BufReader::new(child.stdout.take().expect("stdout")).read_line(&mut first).expect("a line");
    // The reader is dropped here: the pipe closes with most of the list unwritten.
    let out = child.wait_with_output().expect("wait");
    assert!(!first.is_empty());
    assert_eq!(out.status.code(), Some(0), "{}", String::from_utf8_lossy(&out.stderr));
    assert!(!String::from_utf8_lossy(&out.stderr).contains("panicked"));
}

/// The tables name a retention rule as a person reads it; the JSON keeps the code.
#[test]
fn tables_name_the_law_and_json_the_code() {
    let dir = tempfile::tempdir().expect("dir");
    let db = dir.path().join("r.db").display().to_string();
    ok(&db, &["init", "--demo"]);
    let statute = "Bokföringslagen (1999:1078) 7 kap. 2 §";
    let due = ok(&db, &["retention", "due", "--as-of", "2026-01-01"]);
    // A setting's rule with the period it sets.
    assert!(due.contains(statute) && due.contains("Setting: Notes after the matter closed (24 months)"), "{due}");
    assert!(!due.contains("SE BFL 7:2") && !due.contains("setting retention."), "{due}");
    let sweep = ok(&db, &["retention", "sweep", "--as-of", "2026-01-01", "--dry-run"]);
    assert!(sweep.contains(statute) && !sweep.contains("SE BFL"), "{sweep}");
    let erase = ok(&db, &["erase", "K000001", "--dry-run"]);
    assert!(erase.contains(statute) && !erase.contains("SE BFL"), "{erase}");
    // What the erased row keeps against a re-import, and why.
    let kept = "The customer's row keeps their customer number K000001, and a checksum of the e-mail address \
                (not the address), so that the shop's files do not add the person again.";
    assert!(erase.contains(kept), "{erase}");
    // The categories in words, as the window and the letters name them.
    assert!(erase.lines().any(|l| l.starts_with("Identity and contact details")), "{erase}");
    // Who must be told of it (Art. 19), with the data each received.
    let told = erase.split("To be told of the erasure (GDPR Art. 19)").nth(1).unwrap_or_else(|| panic!("{erase}"));
    let payex = told.lines().find(|l| l.starts_with("PayEx Sverige AB")).unwrap_or_else(|| panic!("{told}"));
    assert!(payex.contains("recipient") && payex.trim_end().ends_with("Orders (purchase history)"), "{payex}");
    let json = json(&db, &["retention", "due", "--as-of", "2026-01-01", "--json"]);
    assert!(json["items"].as_array().expect("items").iter().any(|i| i["rule"] == "SE BFL 7:2"));
    // The catalogue in words, each category with the code its flags take, and the purpose the documents print.
    let catalogue = ok(&db, &["processing", "show"]);
    let row = catalogue.lines().find(|l| l.starts_with("Orders (purchase history) (purchase_history)")).unwrap_or("");
    assert!(row.contains("Legal obligation (Art. 6(1)(c))") && row.contains("From the customer"), "{catalogue}");
    assert!(row.ends_with("the bookkeeping law requires. (default)"), "{catalogue}");
    // The sweep made says what it deleted (here just what was due), and the books it keeps apart.
    let summaries = dir.path().join("summaries");
    std::fs::create_dir(&summaries).expect("dir");
    let summaries = summaries.display().to_string();
    let due = self::json(&db, &["retention", "sweep", "--as-of", "2026-01-01", "--dry-run", "--json"])["total"].clone();
    let done = ok(&db, &["retention", "sweep", "--as-of", "2026-01-01", "--yes", "--summary-dir", &summaries]);
    assert!(done.contains(&format!(" done: {due} records deleted or anonymised in ")), "{due}: {done}");
    let books = done.lines().find(|l| l.contains("of the customers it erased kept under a pseudonym")).unwrap_or("");
    assert!(books.contains("orders and invoices") || books.starts_with("1 order or invoice"), "{done}");
}

/// `audit verify --file`: a saved file of the trail is checked by whoever
/// was given it, without the register; a row changed after saving is named
/// by its line.
#[test]
fn a_saved_trail_is_checked_without_the_register() {
    let dir = tempfile::tempdir().expect("dir");
    let db = dir.path().join("r.db").display().to_string();
    ok(&db, &["init", "--language", "en"]);
    ok(&db, &["--actor", "Eva", "customer", "add", "--name", "Kari Nordmann", "--email", "kari@example.no"]);
    let trail = dir.path().join("trail.csv");
    ok(&db, &["audit", "log", "--csv", &trail.display().to_string()]);
    let elsewhere = dir.path().join("no-register-here.db").display().to_string();
    let said = ok(&elsewhere, &["audit", "verify", "--file", &trail.display().to_string()]);
    assert!(said.starts_with(&format!("{} holds: ", trail.display())), "{said}");
    assert!(!Path::new(&elsewhere).exists(), "no register was made or opened");
    let checked = json(&elsewhere, &["audit", "verify", "--file", &trail.display().to_string(), "--json"]);
    assert_eq!((&checked["oldest"], &checked["problems"]), (&Value::from(1), &Value::Array(vec![])));

    let text = std::fs::read_to_string(&trail).expect("trail");
    let forged = dir.path().join("forged.csv");
    std::fs::write(&forged, text.replacen(";Eva;", ";Mallory;", 1)).expect("write");
    let out = kv(&elsewhere, &["audit", "verify", "--file", &forged.display().to_string()]);
    let err = String::from_utf8_lossy(&out.stderr);
    assert_eq!(out.status.code(), Some(1), "{err}");
    let lines: Vec<&str> = err.lines().collect();
    assert_eq!(lines.len(), 2, "{err}");
    assert!(lines[0].contains("forged.csv:2: Hash: the fields of entry "), "{err}");
    assert!(lines[1].ends_with("rows that do not hold: 1 of 2; the file was changed after it was saved"), "{err}");
}
