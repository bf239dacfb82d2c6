//! The customers a personal data breach concerns, and the letters to each of
//! them (GDPR Art. 34), on both backends and from the command line.

mod common;

use chrono::Duration;
use common::{kv_ok, kv_output, pdftotext, register, Kind};
use kundvakt_core::breaches::concerned::references;
use kundvakt_core::breaches::{BreachRisk, BreachStep, NewBreach};
use kundvakt_core::register::{Customer, CustomerInput};
use kundvakt_core::reports::Format;
use kundvakt_core::values::{CustomerId, Language};
use kundvakt_core::Register;

fn breach() -> NewBreach {
    NewBreach {
        aware_at: kundvakt_core::store::now() - Duration::hours(5),
        nature: "Kundlistan låg öppen på webbservern".into(),
        categories: Default::default(),
        people: Some(3),
        consequences: "Namn och e-postadresser kan ha lästs".into(),
        measures: "Filen borttagen; åtkomstloggarna granskade".into(),
        risk: BreachRisk::High,
    }
}

async fn customer(reg: &Register, name: &str, email: &str, language: &str) -> Customer {
    let input = CustomerInput {
        name: Some(name.into()),
        email: Some(email.into()),
        street: Some("Storgatan 1".into()),
        postal_code: Some("411 01".into()),
        city: Some("Göteborg".into()),
        language: Some(language.into()),
        ..CustomerInput::default()
    };
    reg.add_customer(&input).await.expect("customer")
}

/// Every letter, with no one watching or stopping them.
async fn write_letters(
    reg: &Register,
    id: kundvakt_core::values::BreachId,
    dir: &std::path::Path,
    language: Option<Language>,
    format: Format,
) -> kundvakt_core::Result<kundvakt_core::breaches::LettersWritten> {
    let never = std::sync::atomic::AtomicBool::new(false);
    reg.breach_letters(id, dir, language, format, &mut |_| {}, &never).await
}

fn numbers(list: &[Customer]) -> Vec<String> {
    list.iter().map(|c| c.number.clone()).collect()
}

async fn each_customer_concerned_gets_a_letter_in_their_language(kind: Kind) {
    let t = register(kind).await;
    let reg = &t.reg;
    let ingrid = customer(reg, "Ingrid Fjellheim", "ingrid@fjellheim.no", "nb").await;
    let sven = customer(reg, "=Sven Svensson", "sven@exempel.se", "sv").await;
    let john = customer(reg, "John Smith", "john@example.com", "en").await;
    let erik = customer(reg, "Erik Ek", "erik@exempel.se", "sv").await;
    let b = reg.record_breach(&breach()).await.expect("breach").breach;
    assert_eq!(reg.breach(b.id).await.expect("view").concerned, 0);

    // Nobody linked yet: the letters for each have no one to go to.
    let dir = tempfile::tempdir().expect("dir");
    let none = write_letters(reg, b.id, dir.path(), None, Format::Pdf).await.expect_err("nobody");
    assert_eq!(none.code(), "refused");

    // By number as typed; a customer named twice, or again, is linked once.
    let refs = references(
        &format!("{}, {} {}\n{}\n{}", ingrid.number, sven.number, john.number, erik.number, sven.number),
        "leak.txt",
    );
    let ids = reg.find_customers(&refs).await.expect("found");
    let change = reg.breach_concern(b.id, &ids, &[]).await.expect("link");
    assert_eq!(change.added, [ingrid.number.clone(), sven.number.clone(), john.number.clone(), erik.number.clone()]);
    assert_eq!(change.concerned, 4);
    let again = reg.breach_concern(b.id, &[ingrid.id], &[]).await.expect("again");
    assert!(again.added.is_empty() && again.concerned == 4, "{again:?}");
    let view = reg.breach(b.id).await.expect("view");
    assert_eq!(view.concerned, 4);
    assert_eq!(reg.breaches(false).await.expect("list")[0].concerned, 4);

    // An unknown reference is named by its place, and nothing changes: a
    // link to someone not in the register is refused whole.
    let bad = references("K999999", "leak.txt");
    let e = reg.find_customers(&[refs[0].clone(), bad[0].clone()]).await.expect_err("unknown");
    assert_eq!(e.to_string(), "leak.txt: no customer K999999 in the register");
    let e = reg.breach_concern(b.id, &[john.id, CustomerId(999_999)], &[]).await.expect_err("unknown id");
    assert_eq!(e.code(), "not_found");
    // Each link is audited under its customer, so that their own history
    // shows it; only the changes that changed something.
    let audited = format!(
        "SELECT COUNT(DISTINCT customer_id) FROM audit_entries WHERE action = 'breach.link' AND entity_id = '{}'",
        b.id
    );
    assert_eq!(common::scalar(&t.location, &audited).await, 4, "one entry for each customer linked");
    let linked = "SELECT COUNT(*) FROM audit_entries WHERE action = 'breach.link'";
    assert_eq!(common::scalar(&t.location, linked).await, 4, "the second link of Ingrid changed nothing");
    let history = reg.customer_page(sven.id).await.expect("page").history;
    assert!(history.iter().any(|e| e.entry.action == "breach.link"), "{history:?}");

    // The customer's page and access report (Art. 15) say so: that their data
    // was breached is data about them. Someone not concerned reads nothing of it.
    let page = reg.customer_page(ingrid.id).await.expect("page");
    assert_eq!(page.breaches.iter().map(|x| x.id).collect::<Vec<_>>(), [b.id]);
    let json = reg.access_report(ingrid.id, None, None, Format::Json).await.expect("access JSON");
    let doc: serde_json::Value = serde_json::from_slice(&json.bytes).expect("JSON");
    common::assert_valid(&common::schema("access-report.v1.json"), &doc, "an access report with a breach");
    assert_eq!(doc["breaches"][0]["nature"], "Kundlistan låg öppen på webbservern");
    assert_eq!(doc["breaches"][0]["informed_at"], serde_json::Value::Null);
    let pdf = reg.access_report(ingrid.id, None, None, Format::Pdf).await.expect("access PDF");
    let words = pdftotext(&pdf.bytes).split_whitespace().collect::<Vec<_>>().join(" ");
    for needle in [
        "Brudd på personopplysningssikkerheten som gjaldt deg",
        "Kundlistan låg öppen på webbservern",
        "Hva det kan bety for deg",
    ] {
        assert!(words.contains(needle), "{needle:?} in {words}");
    }
    let other = customer(reg, "Olle Annan", "olle@exempel.se", "sv").await;
    let json = reg.access_report(other.id, None, None, Format::Json).await.expect("access JSON");
    let doc: serde_json::Value = serde_json::from_slice(&json.bytes).expect("JSON");
    assert!(doc.get("breaches").is_none(), "no breach section for someone not concerned");
    assert!(reg.customer_page(other.id).await.expect("page").breaches.is_empty());

    // Erik is erased: still linked, under his pseudonym, with no letter. The
    // preview and his confirmation say that the link is kept, and why.
    let preview = reg.erasure_preview(erik.id, None).await.expect("preview");
    let kept: Vec<(i64, &str)> = preview.breaches.iter().map(|k| (k.breach, k.law.as_str())).collect();
    assert_eq!(kept, vec![(b.id.0, "GDPR Art. 33(5)")]);
    let plan = reg.erase_customer(erik.id, None).await.expect("erase");
    assert_eq!(plan.breaches, preview.breaches);
    assert_eq!(plan.kept_count(), plan.kept.len() + 1);
    let pdf = reg.erasure_confirmation_of(&plan, Format::Pdf).await.expect("confirmation");
    let words = pdftotext(&pdf.bytes).split_whitespace().collect::<Vec<_>>().join(" ");
    for needle in [
        "Vår förteckning över personuppgiftsincidenter behåller",
        &format!("under referensen {}", plan.pseudonym),
        "(artikel 33.5)",
        "Fick kännedom",
        "GDPR Art. 33(5)",
    ] {
        assert!(words.contains(needle), "{needle:?} in {words}");
    }
    assert!(!words.contains("Lagen kräver inte att vi sparar"), "the link is something kept: {words}");
    let json = reg.erasure_confirmation_of(&plan, Format::Json).await.expect("confirmation JSON");
    let doc: serde_json::Value = serde_json::from_slice(&json.bytes).expect("JSON");
    common::assert_valid(&common::schema("erasure-confirmation.v1.json"), &doc, "erasure confirmation");
    assert_eq!(doc["breaches"][0]["breach"], b.id.0);
    assert_eq!(doc["breaches"][0]["law"], "GDPR Art. 33(5)");
    let concerned = reg.breach_concerned(b.id).await.expect("concerned");
    let mut expected = numbers(&[ingrid.clone(), sven.clone(), john.clone(), erik.clone()]);
    expected.sort();
    assert_eq!(numbers(&concerned), expected);
    let letters = write_letters(reg, b.id, dir.path(), None, Format::Pdf).await.expect("letters");
    let erik_now = reg.customer(erik.id).await.expect("tombstone");
    assert_eq!(letters.erased, std::slice::from_ref(&erik_now.pseudonym));
    assert_eq!((letters.written.len(), letters.folder.as_str()), (3, dir.path().to_str().expect("path")));
    for (who, greeting, heading) in [
        (&ingrid, "Hei Ingrid Fjellheim!", "Hva som skjedde"),
        (&sven, "Hej =Sven Svensson!", "Vad som hände"),
        (&john, "Dear John Smith,", "What happened"),
    ] {
        let file = dir.path().join(format!("breach-{}-{}.pdf", b.id, who.number));
        let text = pdftotext(&std::fs::read(&file).expect("the letter"));
        let words = text.split_whitespace().collect::<Vec<_>>().join(" ");
        for needle in [greeting, heading, "Kundlistan låg öppen på webbservern", "Storgatan 1 411 01 Göteborg"] {
            assert!(words.contains(needle), "{}: {needle:?} in {words}", who.number);
        }
        let recorded =
            format!("SELECT COUNT(*) FROM request_documents WHERE kind = 'breach-letter' AND customer_id = {}", who.id);
        assert_eq!(common::scalar(&t.location, &recorded).await, 1, "recorded under {}", who.number);
    }
    assert_eq!(std::fs::read_dir(dir.path()).expect("dir").count(), 3, "no letter to the erased, no partial file");
    let unknown = write_letters(reg, kundvakt_core::values::BreachId(b.id.0 + 99), dir.path(), None, Format::Pdf).await;
    assert_eq!(unknown.expect_err("no such breach").code(), "not_found");
    // In one language for all when asked; JSON too.
    let json = write_letters(reg, b.id, dir.path(), Some(Language::En), Format::Json).await.expect("JSON");
    let doc: serde_json::Value =
        serde_json::from_slice(&std::fs::read(&json.written[0].1).expect("file")).expect("JSON");
    common::assert_valid(&common::schema("breach-letter.v1.json"), &doc, "a letter to each");
    assert!(json.written.iter().all(|(_, f)| f.ends_with(".json")));

    // Each customer done is reported; stopped after the second, the two
    // written stay written and recorded, and the answer says it stopped.
    let stop = std::sync::atomic::AtomicBool::new(false);
    let mut heard = vec![];
    let mut watch = |p: kundvakt_core::breaches::LettersProgress| {
        heard.push((p.done, p.total));
        if p.done == 2 {
            stop.store(true, std::sync::atomic::Ordering::SeqCst);
        }
    };
    let folder = tempfile::tempdir().expect("dir");
    let stopped = reg.breach_letters(b.id, folder.path(), None, Format::Pdf, &mut watch, &stop).await.expect("stopped");
    assert_eq!(heard, [(1, 4), (2, 4)]);
    assert!(stopped.cancelled && stopped.erased.is_empty(), "{stopped:?}");
    let first_two: Vec<&str> = stopped.written.iter().map(|(n, _)| n.as_str()).collect();
    assert_eq!(first_two, [ingrid.number.as_str(), sven.number.as_str()]);
    assert_eq!(std::fs::read_dir(folder.path()).expect("dir").count(), 2);

    // The mailing list: the living, neutralised against formulas, with a BOM and `;`.
    let list = dir.path().join("mottagare.csv");
    let summary = reg.export_breach_recipients(b.id, &list).await.expect("recipients");
    assert_eq!((summary.recipients, summary.erased_left_out), (3, 1));
    let csv = std::fs::read(&list).expect("the list");
    assert!(csv.starts_with("\u{feff}".as_bytes()));
    let mut rows = csv::ReaderBuilder::new().delimiter(b';').from_reader(&csv[3..]);
    let header = rows.headers().expect("header").clone();
    assert_eq!(&header[1], "name");
    let rows: Vec<csv::StringRecord> = rows.records().map(|r| r.expect("row")).collect();
    assert_eq!(rows.len(), 3, "the erased left out");
    let sven_row = rows.iter().find(|r| &r[0] == sven.number.as_str()).expect("Sven");
    assert_eq!((&sven_row[1], &sven_row[2], &sven_row[8]), ("'=Sven Svensson", "sven@exempel.se", "sv"));
    let listed = "SELECT COUNT(*) FROM audit_entries WHERE action = 'breach.recipients'";
    assert_eq!(common::scalar(&t.location, listed).await, 1, "the list leaving the register is audited");

    // The whole register reached (a copied database): everyone not erased, in
    // one step, audited by count; a page of them for the window; all unlinked again.
    let whole = reg.record_breach(&breach()).await.expect("breach").breach;
    assert_eq!(reg.breach_concern_all(whole.id, true).await.expect("everyone"), 4, "all but the erased Erik");
    assert_eq!(reg.breach_concern_all(whole.id, true).await.expect("again"), 4);
    let page = reg.breach_concerned_page(whole.id, Some(2)).await.expect("page");
    assert_eq!((page.customers.len(), page.total), (2, 4));
    let mut first_two = expected.iter().filter(|n| **n != erik.number).cloned().collect::<Vec<_>>();
    first_two.push(other.number.clone());
    first_two.sort();
    assert_eq!(numbers(&page.customers), first_two[..2]);
    assert_eq!(reg.breach_concern_all(whole.id, false).await.expect("nobody"), 0);
    let counted =
        format!("SELECT COUNT(*) FROM audit_entries WHERE action = 'breach.concern' AND entity_id = '{}'", whole.id);
    assert_eq!(common::scalar(&t.location, &counted).await, 2, "the change that changed nothing is not audited");

    // Unlinked again; a closed breach takes no more changes.
    let change = reg.breach_concern(b.id, &[], &[john.id, john.id]).await.expect("unlink");
    assert_eq!((change.removed, change.concerned), (vec![john.number.clone()], 3));
    let unlinked =
        format!("SELECT COUNT(*) FROM audit_entries WHERE action = 'breach.unlink' AND customer_id = {}", john.id);
    assert_eq!(common::scalar(&t.location, &unlinked).await, 1);
    reg.breach_step(b.id, &BreachStep::Notify { at: None, reference: None, delay_reason: None }).await.expect("notify");
    reg.breach_step(b.id, &BreachStep::Inform { at: None, how: "Brev".into() }).await.expect("inform");
    reg.breach_step(b.id, &BreachStep::Close).await.expect("close");
    let closed = reg.breach_concern(b.id, &[john.id], &[]).await.expect_err("closed");
    assert_eq!(closed.code(), "refused");
    assert_eq!(reg.breach_concern_all(b.id, false).await.expect_err("closed").code(), "refused");
    assert_eq!(reg.breach(b.id).await.expect("view").concerned, 3);
    assert_eq!(kundvakt_core::audit::verify(reg.store()).await.expect("verify").broken, None);
}

/// A breach of the whole register: the mailing list is read a page at a
/// time (1000 customers), and holds each customer once, the erased left out.
async fn the_mailing_list_of_a_whole_register_holds_each_customer_once(kind: Kind) {
    let t = register(kind).await;
    let reg = &t.reg;
    kundvakt_core::demo::fill(reg, 1203, kundvakt_core::demo::DEMO_TODAY).await.expect("demo");
    let erased = reg.list_customers(500, 1).await.expect("list").items.remove(0);
    reg.erase_customer(erased.id, None).await.expect("erase");
    let b = reg.record_breach(&breach()).await.expect("breach").breach;
    let living = reg.list_customers(0, 1).await.expect("list").total;
    assert_eq!(reg.breach_concern_all(b.id, true).await.expect("everyone"), living);
    // Erased after it was linked: still linked, left out of the list.
    let later = reg.list_customers(900, 1).await.expect("list").items.remove(0);
    reg.erase_customer(later.id, None).await.expect("erase");
    let dir = tempfile::tempdir().expect("dir");
    let out = dir.path().join("alla.csv");
    let summary = reg.export_breach_recipients(b.id, &out).await.expect("list");
    assert_eq!((summary.recipients, summary.erased_left_out), (living - 1, 1));
    let text = std::fs::read_to_string(&out).expect("file");
    let mut rows =
        csv::ReaderBuilder::new().delimiter(b';').from_reader(text.trim_start_matches('\u{feff}').as_bytes());
    let mut numbers: Vec<String> = rows.records().map(|r| r.expect("row")[0].to_owned()).collect();
    let listed = numbers.len();
    numbers.sort();
    numbers.dedup();
    assert_eq!((numbers.len(), listed as i64), (listed, living - 1), "each once");
    assert!(!numbers.contains(&later.number) && !numbers.contains(&erased.number));
}

on_both_backends!(
    each_customer_concerned_gets_a_letter_in_their_language,
    the_mailing_list_of_a_whole_register_holds_each_customer_once
);

/// `breach concern`, `breach customers` and `report breach-letter --concerned`.
#[test]
fn the_command_line_links_customers_and_writes_their_letters() {
    let dir = tempfile::tempdir().expect("dir");
    let db = dir.path().join("r.db").display().to_string();
    kv_ok(&db, &["init"]);
    // The letters name the shop and how to reach it (Art. 34(2), 33(3)(b)).
    kv_ok(&db, &["settings", "set", "controller.name", "Garn och Glädje AB"]);
    kv_ok(&db, &["settings", "set", "controller.email", "hej@garnochgladje.example"]);
    let add = |name: &str, email: &str, lang: &str| -> String {
        let out = kv_ok(&db, &["customer", "add", "--name", name, "--email", email, "--language", lang, "--json"]);
        let c: serde_json::Value = serde_json::from_str(&out).expect("JSON");
        c["number"].as_str().expect("number").to_owned()
    };
    let kari = add("Kari Nordmann", "kari@example.no", "nb");
    let lisa = add("Lisa Larsson", "lisa@exempel.se", "sv");
    let record = [
        "breach",
        "record",
        "--nature",
        "Stulen bärbar dator",
        "--consequences",
        "Kunduppgifter kan läsas",
        "--measures",
        "Lösenord bytta",
        "--risk",
        "high",
    ];
    let id = kv_ok(&db, &record).trim().to_owned();

    // A file from the leak: a number that names nobody is named by its line, and nothing is linked.
    let list = dir.path().join("läcka.txt");
    std::fs::write(&list, format!("# rader ur dumpen\n{kari}\nK404\n")).expect("write");
    let list_arg = list.display().to_string();
    let bad = kv_output(&db, &["breach", "concern", &id, "--from-file", &list_arg]);
    assert_eq!(bad.status.code(), Some(1));
    let said = String::from_utf8_lossy(&bad.stderr);
    assert!(said.contains("läcka.txt:3") && said.contains("K404"), "{said}");
    assert!(kv_ok(&db, &["breach", "show", &id, "--json"]).contains("\"concerned\": 0"));
    std::fs::write(&list, format!("# rader ur dumpen\n{kari}\n")).expect("write");
    let linked = kv_ok(&db, &["breach", "concern", &id, &lisa, "--from-file", &list_arg]);
    assert!(linked.contains("concerns 2 customers (2 linked now)"), "{linked}");
    let shown = kv_ok(&db, &["breach", "customers", &id]);
    assert!(shown.contains("Kari Nordmann") && shown.contains("Lisa Larsson"), "{shown}");
    let nobody = kv_output(&db, &["breach", "concern", &id]);
    assert!(String::from_utf8_lossy(&nobody.stderr).contains("at least one customer"), "{nobody:?}");

    // A letter to each, in their language, into a folder.
    let out = dir.path().join("brev");
    std::fs::create_dir(&out).expect("folder");
    let out_arg = out.display().to_string();
    let wrote = kv_output(&db, &["report", "breach-letter", &id, "--concerned", "--format", "pdf", "--out", &out_arg]);
    let (said, told) = (String::from_utf8_lossy(&wrote.stdout), String::from_utf8_lossy(&wrote.stderr));
    assert!(wrote.status.success() && said.contains("Wrote 2 letters"), "{said} {told}");
    assert_eq!(told.trim(), format!("letters of breach {id}: 2 of 2 customers"), "how far, on stderr");
    let hers = pdftotext(&std::fs::read(out.join(format!("breach-{id}-{kari}.pdf"))).expect("Kari's"));
    assert!(hers.contains("Hei Kari Nordmann!"), "{hers}");
    let his = pdftotext(&std::fs::read(out.join(format!("breach-{id}-{lisa}.pdf"))).expect("Lisa's"));
    assert!(his.contains("Hej Lisa Larsson!"), "{his}");
    let both = kv_output(
        &db,
        &["report", "breach-letter", &id, "--concerned", "--customer", &kari, "--format", "pdf", "--out", &out_arg],
    );
    assert_eq!(both.status.code(), Some(1));
    assert!(String::from_utf8_lossy(&both.stderr).contains("cannot be used with"), "one or the other: {both:?}");
    // Again into the same folder: the letters there are kept unless --force says to replace them.
    let letters = ["report", "breach-letter", &id, "--concerned", "--format", "pdf", "--out", &out_arg];
    let again = kv_output(&db, &letters);
    let said = String::from_utf8_lossy(&again.stderr);
    assert_eq!(again.status.code(), Some(1), "{said}");
    assert!(said.contains("2 letters of breach") && said.contains("add --force to replace them"), "{said}");
    let made = |db: &str| common::sqlite3(db, "SELECT COUNT(*) FROM request_documents WHERE kind = 'breach-letter'");
    assert_eq!(made(&db).trim(), "2", "nothing more recorded: {said}");
    let forced = kv_output(&db, &[&letters[..], &["--force"]].concat());
    assert!(forced.status.success() && String::from_utf8_lossy(&forced.stdout).contains("Wrote 2 letters"));
    assert_eq!(made(&db).trim(), "4");

    // The mailing list, and Lisa unlinked.
    let csv_file = dir.path().join("mottagare.csv").display().to_string();
    kv_ok(&db, &["breach", "customers", &id, "--csv", &csv_file]);
    let text = std::fs::read_to_string(&csv_file).expect("CSV");
    assert!(text.starts_with('\u{feff}') && text.contains("kari@example.no") && text.contains(";nb"), "{text}");
    let everyone = kv_ok(&db, &["breach", "concern", &id, "--all"]);
    assert!(everyone.contains("concerns 2 customers"), "{everyone}");
    let both = kv_output(&db, &["breach", "concern", &id, "--all", &kari]);
    assert!(String::from_utf8_lossy(&both.stderr).contains("cannot be used with"), "{both:?}");
    let unlinked = kv_ok(&db, &["breach", "concern", &id, &lisa, "--remove"]);
    assert!(unlinked.contains("concerns 1 customer (1 unlinked now)"), "{unlinked}");
    let nobody = kv_ok(&db, &["breach", "concern", &id, "--all", "--remove"]);
    assert!(nobody.contains("concerns 0 customers"), "{nobody}");
    assert!(kv_ok(&db, &["audit", "verify"]).contains("holds"));
}
