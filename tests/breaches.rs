//! The record of personal data breaches (GDPR Art. 33(5)) and its 72-hour
//! clock (Art. 33(1)), on both backends and from the command line.

mod common;

use chrono::{DateTime, Duration, Utc};
use common::{assert_valid, kv_ok, kv_output, pdftotext, register, render_pages, schema, Kind};
use kundvakt_core::breaches::{BreachRisk, BreachStep, NewBreach};
use kundvakt_core::processing::{Category, CategoryList};
use kundvakt_core::register::CustomerInput;
use kundvakt_core::reports::{DocumentKind, Format};
use kundvakt_core::values::Language;
use serde_json::Value;

fn breach(aware_at: DateTime<Utc>, risk: BreachRisk) -> NewBreach {
    NewBreach {
        aware_at,
        nature: "  Ett USB-minne med kundlistan glömdes på tåget  ".into(),
        categories: CategoryList(vec![Category::PurchaseHistory, Category::IdentityContact, Category::IdentityContact]),
        people: Some(340),
        consequences: "Namn, adresser och köp kan läsas av den som hittar minnet".into(),
        measures: "SJ:s hittegods kontaktat; kundlistor krypteras hädanefter".into(),
        risk,
    }
}

/// Now to the microsecond, as the register stores times.
fn now() -> DateTime<Utc> {
    kundvakt_core::store::now()
}

async fn a_breach_is_recorded_notified_and_closed(kind: Kind) {
    let t = register(kind).await;
    let aware = now() - Duration::hours(80);
    let v = t.reg.record_breach(&breach(aware, BreachRisk::Risk)).await.expect("record");
    let b = &v.breach;
    // Kept as given, trimmed and with each category once.
    assert_eq!(b.fields.aware_at, aware);
    assert_eq!(b.fields.nature, "Ett USB-minne med kundlistan glömdes på tåget");
    assert_eq!(b.fields.categories.to_text(), "identity_contact,purchase_history");
    assert_eq!((b.recorded_by.as_str(), b.fields.people), ("test", Some(340)));
    // Eighty hours after: the 72 are over by eight.
    assert_eq!(v.notify_by, aware + Duration::hours(72));
    assert!(v.overdue && v.hours_left.is_some_and(|h| (-9..=-8).contains(&h)), "{v:?}");

    // Nothing is closed while the notification is owed; a late one needs its reasons.
    let e = t.reg.breach_step(b.id, &BreachStep::Close).await.expect_err("not notified");
    assert_eq!(e.code(), "refused");
    let late = BreachStep::Notify { at: None, reference: Some("IMY-2026-77".into()), delay_reason: None };
    let e = t.reg.breach_step(b.id, &late).await.expect_err("late without reasons");
    assert!(e.to_string().starts_with("delay_reason: "), "{e}");
    let said = BreachStep::Notify {
        at: None,
        reference: Some("IMY-2026-77".into()),
        delay_reason: Some("Minnets innehåll blev känt först i dag".into()),
    };
    let notified = t.reg.breach_step(b.id, &said).await.expect("notify");
    assert_eq!(notified.breach.authority_reference.as_deref(), Some("IMY-2026-77"));
    assert!((notified.hours_left, notified.overdue) == (None, false), "{notified:?}");
    let again = t.reg.breach_step(b.id, &said).await.expect_err("notified once");
    assert_eq!(again.code(), "refused");
    let closed = t.reg.breach_step(b.id, &BreachStep::Close).await.expect("close");
    assert!(closed.breach.closed_at.is_some());
    let e = t.reg.breach_step(b.id, &BreachStep::Inform { at: None, how: "E-post".into() }).await;
    assert_eq!(e.expect_err("closed").code(), "refused");

    // Read back as written, and every step in the audit trail, which holds.
    assert_eq!(t.reg.breach(b.id).await.expect("read").breach, closed.breach);
    assert!(t.reg.breaches(false).await.expect("open ones").is_empty());
    assert_eq!(t.reg.breaches(true).await.expect("all").len(), 1);
    let steps = common::scalar(
        &t.location,
        "SELECT COUNT(*) FROM audit_entries WHERE entity = 'breach' AND action IN ('breach.record', 'breach.notify', 'breach.close')",
    )
    .await;
    assert_eq!(steps, 3);
    assert_eq!(kundvakt_core::audit::verify(t.reg.store()).await.expect("verify").broken, None);
}

async fn the_list_puts_the_nearest_notification_first(kind: Kind) {
    let t = register(kind).await;
    let unlikely = t.reg.record_breach(&breach(now() - Duration::hours(100), BreachRisk::Unlikely)).await.expect("1");
    let later = t.reg.record_breach(&breach(now() - Duration::hours(2), BreachRisk::Risk)).await.expect("2");
    let sooner = t.reg.record_breach(&breach(now() - Duration::hours(50), BreachRisk::High)).await.expect("3");
    assert_eq!((unlikely.hours_left, unlikely.overdue), (None, false), "nothing owed to the authority");
    assert!(sooner.inform_owed && !later.inform_owed, "a high risk owes the people a word (Art. 34)");
    let order: Vec<_> = t.reg.breaches(false).await.expect("list").iter().map(|v| v.breach.id).collect();
    assert_eq!(order, [sooner.breach.id, later.breach.id, unlikely.breach.id]);

    // A high risk closes only once the people were told, or the record says why not.
    let id = sooner.breach.id;
    t.reg.breach_step(id, &BreachStep::Notify { at: None, reference: None, delay_reason: None }).await.expect("notify");
    assert_eq!(t.reg.breach_step(id, &BreachStep::Close).await.expect_err("not told").code(), "refused");
    let blank = t.reg.breach_step(id, &BreachStep::Inform { at: None, how: " ".into() }).await.expect_err("how");
    assert!(blank.to_string().starts_with("how: "), "{blank}");
    let told = BreachStep::Inform { at: None, how: "E-post till de 340 kunderna den 3 december".into() };
    assert!(!t.reg.breach_step(id, &told).await.expect("inform").inform_owed);
    t.reg.breach_step(id, &BreachStep::Close).await.expect("close");
    // An unlikely risk closes at once: the record itself is what Art. 33(5) asks for.
    t.reg.breach_step(unlikely.breach.id, &BreachStep::Close).await.expect("close the unlikely one");

    // Bad facts change nothing.
    let mut ahead = breach(now() + Duration::hours(1), BreachRisk::Risk);
    let e = t.reg.record_breach(&ahead).await.expect_err("in the future");
    assert!(e.to_string().starts_with("aware_at: "), "{e}");
    ahead.aware_at = now();
    ahead.people = Some(-1);
    assert!(t.reg.record_breach(&ahead).await.expect_err("people").to_string().starts_with("people: "));
    ahead.people = None;
    ahead.measures = String::new();
    assert!(t.reg.record_breach(&ahead).await.expect_err("measures").to_string().starts_with("measures: "));
    assert_eq!(t.reg.breaches(true).await.expect("all").len(), 3);
}

/// The record as a document for the supervisory authority (Art. 33(5)): every
/// breach with its facts and steps, in the language asked, recorded by digest.
async fn the_record_is_a_document_in_each_language(kind: Kind) {
    let t = register(kind).await;
    let empty = t.reg.breach_record(Some(Language::Sv), Format::Pdf).await.expect("an empty record");
    assert!(pdftotext(&empty.bytes).contains("Ingen personuppgiftsincident har registrerats."));
    let late = t.reg.record_breach(&breach(now() - Duration::hours(90), BreachRisk::High)).await.expect("late");
    let closed = t.reg.record_breach(&breach(now() - Duration::hours(5), BreachRisk::Unlikely)).await.expect("closed");
    let reason = "Vi förstod först efter fyra dagar vad minnet innehöll";
    let step =
        BreachStep::Notify { at: None, reference: Some("IMY-2026-77".into()), delay_reason: Some(reason.into()) };
    t.reg.breach_step(late.breach.id, &step).await.expect("notify");
    t.reg.breach_step(closed.breach.id, &BreachStep::Close).await.expect("close");
    let open = t.reg.record_breach(&breach(now() - Duration::hours(100), BreachRisk::Risk)).await.expect("owed");

    let json = t.reg.breach_record(None, Format::Json).await.expect("JSON");
    assert_eq!((json.kind, json.language), (DocumentKind::Breaches, Language::Sv), "the shop's language by default");
    let doc: Value = serde_json::from_slice(&json.bytes).expect("JSON");
    assert_valid(&schema("breach-record.v1.json"), &doc, "breach record");
    let ids: Vec<i64> = doc["breaches"].as_array().expect("breaches").iter().filter_map(|b| b["id"].as_i64()).collect();
    assert_eq!(ids, [late.breach.id.0, closed.breach.id.0, open.breach.id.0], "every breach, oldest first, closed too");
    assert_eq!(doc["breaches"][0]["delay_reason"], reason);
    assert_eq!(doc["breaches"][2]["overdue"], true);
    assert_eq!(doc["supervisory_authority"]["name"], "Integritetsskyddsmyndigheten (IMY)", "a Swedish shop's");

    for (language, needles) in [
        (Language::Sv, ["Förteckning över personuppgiftsincidenter", "Skäl till försening", "Avslutad"]),
        (Language::Nb, ["Oversikt over brudd på personopplysningssikkerheten", "Meld til myndigheten", "Avsluttet"]),
        (Language::En, ["Record of personal data breaches", "Reasons for a delay", "Closed"]),
    ] {
        let pdf = t.reg.breach_record(Some(language), Format::Pdf).await.expect("PDF");
        let text = pdftotext(&pdf.bytes);
        let words = text.split_whitespace().collect::<Vec<_>>().join(" ");
        let more = ["IMY-2026-77", reason, "USB-minne med kundlistan glömdes på tåget", "Box 8114, 104 20 Stockholm"];
        for needle in needles.iter().chain(&more) {
            assert!(words.contains(needle), "{language:?}: {needle:?} in {words}");
        }
        assert!(render_pages(&pdf.bytes) >= 1, "pdftoppm renders it");
    }
    // Each one produced is recorded, by its digest, like every document.
    let made = common::scalar(&t.location, "SELECT COUNT(*) FROM request_documents WHERE kind = 'breaches'").await;
    assert_eq!(made, 5);
}

/// The letter to the people a breach concerns (Art. 34(2)): the facts as the
/// shop recorded them, in clear language, with whom to ask and where to
/// complain, in each of the three languages; recorded by digest.
async fn the_people_concerned_get_a_letter_in_their_language(kind: Kind) {
    let t = register(kind).await;
    for (key, value) in [
        ("controller.name", "Garnboden AB"),
        ("controller.email", "hej@garnboden.se"),
        ("controller.phone", "+46 31 12 34 56"),
    ] {
        t.reg.set_setting(key, value).await.expect(key);
    }
    let aware = "2026-03-29T23:30:00Z".parse::<DateTime<Utc>>().expect("time");
    let b = t.reg.record_breach(&breach(aware, BreachRisk::High)).await.expect("breach");
    let none = t.reg.breach_letter(kundvakt_core::values::BreachId(b.breach.id.0 + 1), None, None, Format::Pdf).await;
    let why = none.expect_err("no such breach").to_string();
    assert_eq!(why, format!("no breach {} in the register", b.breach.id.0 + 1));

    let json = t.reg.breach_letter(b.breach.id, None, None, Format::Json).await.expect("JSON");
    assert_eq!(
        (json.kind, json.language),
        (DocumentKind::BreachLetter, Language::Sv),
        "the shop's language by default"
    );
    let doc: Value = serde_json::from_slice(&json.bytes).expect("JSON");
    assert_valid(&schema("breach-letter.v1.json"), &doc, "breach letter");
    assert_eq!(doc["breach"], b.breach.id.0);
    assert_eq!(doc["categories"], serde_json::json!(["identity_contact", "purchase_history"]), "each once, in order");
    assert_eq!(doc["nature"], "Ett USB-minne med kundlistan glömdes på tåget", "trimmed as recorded");
    assert_eq!(doc["supervisory_authority"]["name"], "Integritetsskyddsmyndigheten (IMY)");

    // The day the shop became aware is the shop's: 23:30 UTC on 29 March 2026
    // (summer time began that night) is 01:30 on 30 March in Stockholm.
    for (language, needles) in [
        (
            Language::Sv,
            [
                "Om en personuppgiftsincident hos Garnboden AB",
                "Vad det kan innebära för dig",
                "köphistorik",
                "2026-03-30",
                "kontakta Garnboden AB: hej@garnboden.se, +46 31 12 34 56",
            ],
        ),
        (
            Language::Nb,
            [
                "Om et brudd på personopplysningssikkerheten hos Garnboden AB",
                "Hva det kan bety for deg",
                "kjøpshistorikk",
                "30.03.2026",
                "kontakt Garnboden AB: hej@garnboden.se, +46 31 12 34 56",
            ],
        ),
        (
            Language::En,
            [
                "About a personal data breach at Garnboden AB",
                "What it may mean for you",
                "Orders (purchase history)",
                "30 March 2026",
                "contact Garnboden AB: hej@garnboden.se, +46 31 12 34 56",
            ],
        ),
    ] {
        let pdf = t.reg.breach_letter(b.breach.id, None, Some(language), Format::Pdf).await.expect("PDF");
        assert_eq!(pdf.language, language);
        let text = pdftotext(&pdf.bytes);
        let words = text.split_whitespace().collect::<Vec<_>>().join(" ");
        let facts = [
            "Ett USB-minne med kundlistan glömdes på tåget",
            "Namn, adresser och köp kan läsas av den som hittar minnet",
            "SJ:s hittegods kontaktat; kundlistor krypteras hädanefter",
            "Integritetsskyddsmyndigheten (IMY), Box 8114, 104 20 Stockholm",
        ];
        for needle in needles.iter().chain(&facts) {
            assert!(words.contains(needle), "{language:?}: {needle:?} in {words}");
        }
        assert!(render_pages(&pdf.bytes) >= 1, "pdftoppm renders it");
    }
    let made = common::scalar(&t.location, "SELECT COUNT(*) FROM request_documents WHERE kind = 'breach-letter'").await;
    assert_eq!(made, 4, "each letter produced is recorded by its digest");

    // Addressed to one customer: in her language, with her name and address
    // (the country named, as it is not the shop's), recorded under her.
    let ingrid = CustomerInput {
        name: Some("Ingrid Fjellheim".into()),
        email: Some("ingrid@fjellheim.no".into()),
        street: Some("Storgata 1".into()),
        postal_code: Some("9008".into()),
        city: Some("Tromsø".into()),
        country: Some("NO".into()),
        language: Some("nb".into()),
        ..CustomerInput::default()
    };
    let ingrid = t.reg.add_customer(&ingrid).await.expect("customer");
    let letter = t.reg.breach_letter(b.breach.id, Some(ingrid.id), None, Format::Pdf).await.expect("her letter");
    assert_eq!(letter.language, Language::Nb, "the customer's language");
    let words = pdftotext(&letter.bytes).split_whitespace().collect::<Vec<_>>().join(" ");
    for needle in [
        "Til Ingrid Fjellheim Storgata 1 9008 Tromsø Norge",
        "Hei Ingrid Fjellheim!",
        "Hva som skjedde",
        &format!("brudd {}, kunde {}", b.breach.id.0, ingrid.number),
    ] {
        assert!(words.contains(needle), "{needle:?} in {words}");
    }
    let json = t.reg.breach_letter(b.breach.id, Some(ingrid.id), Some(Language::En), Format::Json).await.expect("JSON");
    let doc: Value = serde_json::from_slice(&json.bytes).expect("JSON");
    assert_valid(&schema("breach-letter.v1.json"), &doc, "an addressed letter");
    assert_eq!(doc["addressee"]["address"], serde_json::json!(["Storgata 1", "9008 Tromsø", "Norway"]));
    let hers =
        format!("SELECT COUNT(*) FROM request_documents WHERE kind = 'breach-letter' AND customer_id = {}", ingrid.id);
    assert_eq!(common::scalar(&t.location, &hers).await, 2, "recorded under her");
    // Once she is erased there is no one to write to; nothing more is recorded.
    t.reg.erase_customer(ingrid.id, None).await.expect("erase");
    let refused = t.reg.breach_letter(b.breach.id, Some(ingrid.id), None, Format::Pdf).await.expect_err("erased");
    assert_eq!(refused.to_string(), format!("customer {} is erased", ingrid.number));
    assert_eq!(common::scalar(&t.location, &hers).await, 2);
}

on_both_backends!(
    a_breach_is_recorded_notified_and_closed,
    the_list_puts_the_nearest_notification_first,
    the_record_is_a_document_in_each_language,
    the_people_concerned_get_a_letter_in_their_language
);

/// The command line reads times on the shop's clock and says when the 72 hours end.
#[test]
fn the_command_line_keeps_the_record_on_the_shop_s_clock() {
    let dir = tempfile::tempdir().expect("dir");
    let db = dir.path().join("r.db").display().to_string();
    kv_ok(&db, &["init"]);
    // Stockholm in winter is UTC+1.
    let record = [
        "breach",
        "record",
        "--aware",
        "2026-01-10 09:15",
        "--nature",
        "Stulen bärbar dator",
        "--categories",
        "identity_contact,kurs",
        "--consequences",
        "Kunduppgifter kan läsas",
        "--measures",
        "Lösenord bytta",
        "--risk",
        "risk",
    ];
    let bad = kv_output(&db, &record);
    assert_eq!(bad.status.code(), Some(1));
    assert!(String::from_utf8_lossy(&bad.stderr).contains("--categories"), "{bad:?}");
    let mut good = record.to_vec();
    good[7] = "identity_contact";
    good.push("--json");
    let saved: Value = serde_json::from_str(&kv_ok(&db, &good)).expect("JSON");
    assert_eq!(saved["aware_at"], "2026-01-10T08:15:00Z");
    assert_eq!(saved["notify_by"], "2026-01-13T08:15:00Z");
    assert_eq!((saved["overdue"].as_bool(), saved["risk"].as_str()), (Some(true), Some("risk")));
    let id = saved["id"].to_string();
    let listed = kv_ok(&db, &["breach", "list"]);
    assert!(listed.contains("NOTIFY:") && listed.contains("was due 2026-01-13 09:15"), "{listed}");
    let late = kv_output(&db, &["breach", "notify", &id, "--at", "2026-01-14 10:00"]);
    assert_eq!(late.status.code(), Some(1));
    assert!(
        String::from_utf8_lossy(&late.stderr)
            .contains("error: --delay-reason: the notification comes after the 72 hours"),
        "{late:?}"
    );
    let told = kv_ok(&db, &["breach", "notify", &id, "--at", "2026-01-14 10:00", "--delay-reason", "Helg"]);
    assert!(told.contains("2026-01-14 10:00"), "{told}");
    let shown: Value = serde_json::from_str(&kv_ok(&db, &["breach", "show", &id, "--json"])).expect("JSON");
    assert_eq!(
        (shown["notified_at"].as_str(), shown["delay_reason"].as_str()),
        (Some("2026-01-14T09:00:00Z"), Some("Helg"))
    );
    assert!(shown["hours_left"].is_null());
    // Learnt later: fewer people than feared (Art. 33(4)); the clock stays.
    let updated =
        kv_ok(&db, &["breach", "update", &id, "--people", "12", "--measures", "Lösenord bytta; datorn spärrad"]);
    assert!(updated.contains("Breach"), "{updated}");
    let shown: Value = serde_json::from_str(&kv_ok(&db, &["breach", "show", &id, "--json"])).expect("JSON");
    assert_eq!((shown["people"].as_i64(), shown["aware_at"].as_str()), (Some(12), Some("2026-01-10T08:15:00Z")));
    assert_eq!(shown["measures"], "Lösenord bytta; datorn spärrad");
    // The record in text names the data in words, with the codes --categories takes.
    let page = kv_ok(&db, &["breach", "show", &id]);
    let categories = page.lines().find(|l| l.starts_with("categories")).unwrap_or_default();
    assert!(categories.ends_with("Identity and contact details (identity_contact)"), "{page}");
    let bad = kv_output(&db, &["breach", "update", &id, "--people", "-1"]);
    assert!(
        bad.status.code() == Some(1) && String::from_utf8_lossy(&bad.stderr).contains("error: --people: "),
        "{bad:?}"
    );
    kv_ok(&db, &["breach", "close", &id]);
    assert!(kv_ok(&db, &["breach", "list"]).ends_with("(none)\n"), "no open breach left");
    assert!(kv_ok(&db, &["breach", "list", "--all"]).contains("closed"));
    assert!(kv_ok(&db, &["audit", "verify"]).contains("holds"));
    let out = dir.path().join("incidenter.pdf").display().to_string();
    kv_ok(&db, &["report", "breaches", "--format", "pdf", "--out", &out]);
    let text = pdftotext(&std::fs::read(&out).expect("the PDF"));
    assert!(text.contains("Stulen bärbar dator") && text.contains("14 January 2026 10:00"), "{text}");
    // The letter to the people, in Norwegian for the shop's Norwegian customers.
    let letter = dir.path().join("brev-nb.pdf").display().to_string();
    kv_ok(&db, &["report", "breach-letter", &id, "--lang", "nb", "--format", "pdf", "--out", &letter]);
    let text = pdftotext(&std::fs::read(&letter).expect("the letter"));
    assert!(text.contains("Hva som skjedde") && text.contains("Stulen bärbar dator"), "{text}");
    let unknown = kv_output(&db, &["report", "breach-letter", "99", "--format", "pdf", "--out", &letter, "--force"]);
    assert_eq!(unknown.status.code(), Some(1));
    assert!(String::from_utf8_lossy(&unknown.stderr).contains("breach 99"), "{unknown:?}");
    // Addressed to a customer, found by number, in her language.
    let kari: Value = serde_json::from_str(&kv_ok(
        &db,
        &["customer", "add", "--name", "Kari Nordmann", "--email", "kari@example.no", "--language", "nb", "--json"],
    ))
    .expect("JSON");
    let number = kari["number"].as_str().expect("number");
    let hers = dir.path().join("kari.pdf").display().to_string();
    kv_ok(&db, &["report", "breach-letter", &id, "--customer", number, "--format", "pdf", "--out", &hers]);
    let text = pdftotext(&std::fs::read(&hers).expect("her letter"));
    assert!(text.contains("Hei Kari Nordmann!") && text.contains(&format!("kunde {number}")), "{text}");
    let nobody = kv_output(
        &db,
        &["report", "breach-letter", &id, "--customer", "K404", "--format", "pdf", "--out", &hers, "--force"],
    );
    assert_eq!(nobody.status.code(), Some(1));
    assert!(String::from_utf8_lossy(&nobody.stderr).contains("no customer K404"), "{nobody:?}");
}
