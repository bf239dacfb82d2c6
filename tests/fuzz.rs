//! Hostile input (issue 8): property-based fuzzing of every parser — the CSV
//! import, dates and money, the command line's arguments — and documents
//! generated from extreme field contents. Each property runs
//! `KUNDVAKT_FUZZ_CASES` cases (default 256; CI runs the default, a bounded
//! time); proptest keeps any failing input in `fuzz.proptest-regressions`, and a
//! crash found becomes a named regression test below.

mod common;

use std::process::Command;
use std::sync::atomic::AtomicBool;

use common::{input, pdftotext, register, render_pages, Kind};
use kundvakt_core::import::values::{amount, date, quantity, rate_in_name};
use kundvakt_core::import::{ImportKind, ImportOptions};
use kundvakt_core::reports::Format;
use kundvakt_core::values::{parse_decimal, Currency};
use proptest::prelude::*;

/// A currency of 0, 2 or 3 decimals (no ISO currency has 1).
fn currency(n: u32) -> Currency {
    Currency::parse(["ISK", "SEK", "BHD"][n as usize % 3]).expect("an ISO currency")
}

fn cases() -> u32 {
    std::env::var("KUNDVAKT_FUZZ_CASES").ok().and_then(|v| v.parse().ok()).unwrap_or(256)
}

/// Text as shops' files and people's fingers produce it: digits, separators,
/// letters of several scripts, currency signs, spaces of several widths.
fn messy_text() -> impl Strategy<Value = String> {
    prop::collection::vec(
        prop_oneof![
            4 => prop::char::range('0', '9'),
            2 => prop::sample::select(vec![',', '.', '-', ' ', '/', '\'', '%', '+', 'T', ':', 'e', 'E']),
            1 => prop::sample::select(vec!['€', '£', '$', 'k', 'r', 'é', 'ø', 'å', '\u{a0}', '\u{202f}', 'ب', '😀']),
            1 => any::<char>(),
        ],
        0..24,
    )
    .prop_map(|chars| chars.into_iter().collect())
}

proptest! {
    #![proptest_config(ProptestConfig { cases: cases(), ..ProptestConfig::default() })]

    /// No text makes the value parsers panic, and what they accept is sane.
    #[test]
    fn value_parsers_never_panic(text in messy_text(), exp in 0u32..4) {
        if let Ok(d) = date(&text) {
            prop_assert!((1900..=2200).contains(&chrono::Datelike::year(&d)));
        }
        let _ = amount(&text, currency(exp));
        if let Ok(q) = quantity(&text) {
            prop_assert!(q > 0);
        }
        if let Some(bp) = rate_in_name(&text) {
            prop_assert!((0..=10_000).contains(&bp));
        }
        let _ = parse_decimal(&text, exp);
    }

    /// An amount written the way a Nordic file writes it reads back exactly.
    #[test]
    fn amounts_round_trip_in_local_notation(minor in -10_000_000_000i64..10_000_000_000, comma in any::<bool>()) {
        let (whole, frac) = (minor.abs() / 100, minor.abs() % 100);
        let sign = if minor < 0 { "-" } else { "" };
        let text = if comma { format!("{sign}{whole},{frac:02}") } else { format!("{sign}{whole}.{frac:02}") };
        prop_assert_eq!(amount(&text, currency(1)), Ok(minor));
    }
}

/// A crash the fuzzer found: a multi-byte character just before the number of
/// a tax name ("€5%") made the rate's slice start inside the character.
#[test]
fn a_tax_name_with_a_multibyte_character_before_the_rate() {
    assert_eq!(rate_in_name("€5%"), Some(500));
    assert_eq!(rate_in_name("Moms ø12,5 %"), Some(1250));
    assert_eq!(rate_in_name("😀%"), None);
}

/// Bytes as a broken or hostile CSV file holds them: some real header names,
/// quotes, separators, line ends, invalid UTF-8, NULs.
fn hostile_csv() -> impl Strategy<Value = Vec<u8>> {
    let pieces = prop_oneof![
        3 => prop::sample::select(vec![
            "Email", "First Name", "Last Name", "Name", "Customer ID", "Phone", "Created at", "Total", "Id",
            "Lineitem quantity", "Lineitem price", "Currency", "e-post", "namn",
        ]).prop_map(|s| s.as_bytes().to_vec()),
        3 => prop::sample::select(vec![",", ";", "\t", "\"", "\r\n", "\n", "\r", "\"\"", "=", "\u{feff}"])
            .prop_map(|s| s.as_bytes().to_vec()),
        2 => "[a-zåäöø0-9@. -]{0,12}".prop_map(|s| s.into_bytes()),
        1 => prop::collection::vec(any::<u8>(), 0..8),
    ];
    prop::collection::vec(pieces, 0..60).prop_map(|v| v.concat())
}

/// Every import of arbitrary bytes ends in a report or a clear error that
/// names the file; none panics or hangs, and a preview writes nothing.
#[test]
fn the_csv_import_survives_any_bytes() {
    let rt = tokio::runtime::Builder::new_multi_thread().worker_threads(2).enable_all().build().expect("runtime");
    let t = rt.block_on(register(Kind::Sqlite));
    let dir = tempfile::tempdir().expect("dir");
    let path = dir.path().join("fuzz.csv");
    let config = ProptestConfig { cases: cases(), failure_persistence: None, ..ProptestConfig::default() };
    let mut runner = proptest::test_runner::TestRunner::new(config);
    runner
        .run(&(hostile_csv(), any::<bool>(), any::<bool>()), |(bytes, orders, skip)| {
            std::fs::write(&path, &bytes).expect("write");
            let kind = if orders { ImportKind::Orders } else { ImportKind::Customers };
            let options = ImportOptions { dry_run: true, skip_invalid: skip, ..ImportOptions::default() };
            let result = rt.block_on(t.reg.import(&path, kind, &options, &mut |_| {}, &AtomicBool::new(false)));
            if let Err(e) = result {
                let message = e.to_string();
                prop_assert!(!message.is_empty());
                prop_assert!(e.is_user() || e.code() == "file", "not the user's: {}", message);
            }
            Ok(())
        })
        .expect("no input breaks the import");
    let customers = rt.block_on(t.reg.list_customers(0, 1)).expect("list").total;
    assert_eq!(customers, 0, "previews wrote nothing");
}

/// Arguments of every shape: the command line answers with success or a
/// one-line error and exit code 0, 1 or 2, never a panic (101) or a signal.
#[test]
fn the_command_line_survives_any_arguments() {
    let dir = tempfile::tempdir().expect("dir");
    let db = dir.path().join("shop.db").display().to_string();
    common::kv_ok(&db, &["init", "--demo", "--demo-customers", "10"]);
    let words = prop::sample::select(vec![
        "customer",
        "show",
        "search",
        "list",
        "add",
        "edit",
        "order",
        "request",
        "open",
        "report",
        "access",
        "retention",
        "due",
        "sweep",
        "erase",
        "--dry-run",
        "--json",
        "--as-of",
        "--name",
        "--email",
        "--limit",
        "--offset",
        "--format",
        "pdf",
        "json",
        "--out",
        "export",
        "orders",
        "--fiscal-year",
        "2026",
        "-1",
        "99999999999999999999",
        "2026-02-30",
        "K-00001",
        "",
        "é",
        "--",
        "--help",
        "import",
        "hold",
        "audit",
        "verify",
        "settings",
        "set",
        "country",
        "XX",
        "backup",
        "--list",
        "restrict",
        "--ground",
    ]);
    let cases = (cases() / 4).max(16);
    let config = ProptestConfig { cases, failure_persistence: None, ..ProptestConfig::default() };
    let mut runner = proptest::test_runner::TestRunner::new(config);
    runner
        .run(&prop::collection::vec(words, 0..6), |args| {
            // Never a command that would change the register or write files: this checks parsing and refusing.
            if args.iter().any(|a| {
                matches!(
                    *a,
                    "add"
                        | "edit"
                        | "erase"
                        | "sweep"
                        | "set"
                        | "backup"
                        | "restrict"
                        | "--out"
                        | "import"
                        | "open"
                        | "hold"
                )
            }) {
                return Ok(());
            }
            // No display: arguments that name no command ask for the window, which must then refuse clearly.
            let out = Command::new(env!("CARGO_BIN_EXE_kundvakt"))
                .arg("--db")
                .arg(&db)
                .args(&args)
                .env_remove("KUNDVAKT_DB")
                .env_remove("DISPLAY")
                .env_remove("WAYLAND_DISPLAY")
                .output()
                .expect("run");
            let code = out.status.code();
            prop_assert!(
                matches!(code, Some(0..=2)),
                "{:?} ended with {:?}: {}",
                args,
                code,
                String::from_utf8_lossy(&out.stderr)
            );
            Ok(())
        })
        .expect("no arguments crash the command line");
}

/// Documents from the most awkward data a register can hold: the longest
/// name, right-to-left script, emoji, combining marks, bidirectional
/// overrides, and 10 000 characters of notes (a note holds no control
/// characters: the register refuses them; the renderer's own test below gets
/// them). The PDF renders, its text holds the content, and the JSON is valid
/// and whole.
#[tokio::test]
async fn reports_survive_extreme_field_contents() {
    let t = register(Kind::Sqlite).await;
    let names = [
        "Å".repeat(200),
        "مريم الحسن".to_owned(),
        "שרה כהן".to_owned(),
        "Zoë 😀 Ångström".to_owned(),
        "A\u{0301}sa O\u{0308}berg".to_owned(),
    ];
    for (i, name) in names.iter().enumerate() {
        let c = t.reg.add_customer(&input(name, &format!("extreme{i}@exempel.se"))).await.expect("add");
        // Two notes of the longest length a note may have (5 000 characters).
        let mut note = String::new();
        while note.chars().count() < 4_900 {
            note.push_str("Rad med text, \u{202e}omvänd\u{202c} ");
            note.push_str(name);
            note.push_str(". ");
        }
        let note: String = note.chars().take(5_000).collect();
        for _ in 0..2 {
            t.reg
                .add_interaction(&kundvakt_core::register::NewInteraction {
                    customer_id: c.id,
                    occurred_at: kundvakt_core::store::now(),
                    channel: kundvakt_core::register::Channel::Email,
                    direction: kundvakt_core::register::Direction::Inbound,
                    summary: note.clone(),
                    staff: None,
                    closed_on: None,
                    bookkeeping: false,
                })
                .await
                .expect("note");
        }
        let pdf = t.reg.access_report(c.id, None, None, Format::Pdf).await.expect("pdf");
        assert!(pdf.bytes.starts_with(b"%PDF"));
        let text = pdftotext(&pdf.bytes);
        assert!(text.contains(&format!("extreme{i}@exempel.se")), "the e-mail is in the PDF text");
        let pages = render_pages(&pdf.bytes);
        assert!(pages >= 2, "10 000 characters of notes run over pages ({pages})");
        let json = t.reg.access_report(c.id, None, None, Format::Json).await.expect("json");
        let v: serde_json::Value = serde_json::from_slice(&json.bytes).expect("valid JSON");
        assert!(json.bytes.len() > 2 * note.len(), "the JSON holds the whole notes");
        assert!(serde_json::to_string(&v).expect("text").contains(&name.chars().take(20).collect::<String>()));
    }
}

/// Below the register's own limits (a name is at most 200 characters): the
/// renderer itself with a 10 000-character name of mixed scripts, emoji and
/// control characters in every text field it draws.
#[tokio::test]
async fn the_pdf_renderer_survives_what_no_register_would_hold() {
    let t = register(Kind::Sqlite).await;
    let c = t.reg.add_customer(&input("Åsa Öberg", "asa@exempel.se")).await.expect("add");
    let mut report = t.reg.access_report_content(c.id, None, None).await.expect("content");
    let unit = "Åsa مريم שרה 😀 \u{0}\u{7}\u{1b}[31m \u{202e}x\u{202c} ";
    let huge: String = unit.chars().cycle().take(10_000).collect();
    let identity = &mut report.categories.identity_contact.records[0];
    identity.contact.name = Some(huge.clone());
    identity.contact.street = Some(huge.clone());
    identity.contact.city = Some(huge);
    let tr = kundvakt_core::i18n::Translator::new(kundvakt_core::values::Language::Sv);
    let settings = t.reg.settings().await.expect("settings");
    let clock = kundvakt_core::reports::document::Clock(settings.time_zone());
    let doc = kundvakt_core::reports::access_pdf::to_doc(&report, &tr, clock, settings.country());
    let pdf = kundvakt_core::reports::pdf::render(&doc).expect("a PDF of the extreme report");
    assert!(render_pages(&pdf) >= 2, "the long fields wrap onto further pages");
    assert!(pdftotext(&pdf).contains("asa@exempel.se"));
    let json = serde_json::to_vec(&report).expect("JSON");
    let back: serde_json::Value = serde_json::from_slice(&json).expect("valid JSON");
    assert_eq!(
        back["categories"]["identity_contact"]["records"][0]["name"].as_str().map(|n| n.chars().count()),
        Some(10_000)
    );
}
