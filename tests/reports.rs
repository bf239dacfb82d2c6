//! The documents: the access report as PDF (checked by extracting its text and
//! rendering its pages with poppler) and as JSON (validated against the committed
//! schema), the portability export, the receipt and the records of processing.

mod common;

use std::path::Path;
use std::process::Command;

use common::{assert_valid, input, pdftotext, register, render_pages, schema, Kind};
use kundvakt_core::i18n::Translator;
use kundvakt_core::reports::{self, Format};
use kundvakt_core::requests::Step;
use kundvakt_core::values::{CountryCode, Currency, Language, Money};
use kundvakt_core::Register;
use serde_json::Value;

fn pdfinfo_pages(pdf: &[u8]) -> usize {
    let dir = tempfile::tempdir().expect("dir");
    let path = dir.path().join("r.pdf");
    std::fs::write(&path, pdf).expect("write");
    let out = Command::new("pdfinfo").arg(&path).output().expect("pdfinfo");
    let text = String::from_utf8_lossy(&out.stdout).into_owned();
    text.lines().find_map(|l| l.strip_prefix("Pages:")).and_then(|n| n.trim().parse().ok()).expect("page count")
}

async fn demo(kind: Kind) -> common::TestRegister {
    let t = register(kind).await;
    kundvakt_core::demo::fill(&t.reg, 300, kundvakt_core::demo::DEMO_TODAY).await.expect("demo");
    t
}

#[test]
fn the_committed_schemas_are_the_generated_ones() {
    for (name, generated) in reports::schemas() {
        let path = Path::new(env!("CARGO_MANIFEST_DIR")).join("../docs/schema").join(name);
        let committed: Value =
            serde_json::from_str(&std::fs::read_to_string(&path).expect("committed schema")).expect("JSON");
        assert_eq!(committed, generated, "{name} is out of date: run `kundvakt report schema --out docs/schema`");
    }
}

async fn the_access_pdf_has_every_category_in_every_language(kind: Kind) {
    let t = demo(kind).await;
    let asa = t.reg.find_customer("K000001").await.expect("Åsa");
    let page = t.reg.customer_page(asa.id).await.expect("page");
    let zone_of_shop = t.reg.settings().await.expect("settings").time_zone();
    let notes_interest = "Att kunna svara på frågor om en beställning långt efteråt";
    let notes = t.reg.catalogue().await.expect("catalogue").assessments[0].clone();
    let edited = kundvakt_core::assessments::NewAssessment { interest: notes_interest.into(), ..notes.fields };
    t.reg.update_assessment(notes.id, &edited).await.expect("the shop words its interest");
    for language in [Language::Sv, Language::Nb, Language::En] {
        let g = t.reg.access_report(asa.id, Some(language), None, Format::Pdf).await.expect("pdf");
        assert!(g.bytes.starts_with(b"%PDF-"));
        let text = pdftotext(&g.bytes);
        let tr = Translator::new(language);
        for category in kundvakt_core::processing::Category::ALL {
            let heading = tr.t(&format!("cat-{category}"));
            assert!(text.contains(&heading), "{language:?}: heading {heading:?}");
        }
        for o in &page.orders {
            assert!(text.contains(&o.number), "{language:?}: order {}", o.number);
        }
        // Her visits as she reads them, not in the words of the site's log.
        for w in &page.web_events {
            let read = tr.web_action(&w.action);
            assert!(read != w.action && text.contains(&read), "{language:?}: {} as {read:?}", w.action);
        }
        assert!(!page.web_events.is_empty(), "the demo shop logs her visits");
        assert!(
            text.contains("Åsa Öberg") && text.contains("Örebro") && text.contains("Åsgatan"),
            "{language:?}: å, ä, ö intact"
        );
        assert!(text.contains("Integritetsskyddsmyndigheten (IMY)"), "{language:?}: the Swedish authority");
        // And the person's own country's authority, which art. 77 opens too.
        let words = text.split_whitespace().collect::<Vec<_>>().join(" ");
        assert!(words.contains(&tr.t("authority-where-you-live")), "{language:?}: art. 77");
        // The interest pursued, beside the basis of the categories that rest on it (Art. 13(1)(d)):
        // the shop's own words as written; Kundvakt's proposal, kept as proposed (the site's log
        // here), in the document's language, as the platform supplier's name is.
        for interest in [notes_interest.to_owned(), tr.t("default-assessment-web-interest")] {
            let said = format!("{} {}", tr.t("section-interest"), interest);
            assert!(words.contains(&said), "{language:?}: {said}");
        }
        assert!(words.contains(&tr.t("default-processor-platform")), "{language:?}: the platform supplier");
        // Countries are named in the document's language, the customer's and each recipient's.
        let sweden = CountryCode::parse("SE", "country").expect("SE").name(language);
        let line =
            |start: &str| text.lines().find(|l| l.trim_start().starts_with(start)).unwrap_or_default().to_owned();
        let country = line(&tr.t("field-country"));
        assert!(country.trim_end().ends_with(sweden), "{language:?}: {country:?}");
        assert!(line("Klarna Bank AB").contains(&format!(" {sweden} ")), "{language:?}: {}", line("Klarna Bank AB"));
        // A Swedish customer's Swedish number as Swedes write it, not as stored.
        let written = page.phone_display.as_deref().expect("the demo's first customer has a phone");
        assert!(written.starts_with("07") && written.contains('-'), "{written:?}");
        let stored = asa.phone.as_deref().expect("stored");
        assert!(text.contains(written) && !text.contains(stored), "{language:?}: {written} for {stored}");
        // Times on the shop's clock (Stockholm), as the window shows them, and said so.
        let zone = tr.t_args("doc-times-zone", &[("zone", zone_of_shop.name().to_owned())]);
        assert!(text.contains(&zone), "{language:?}: {zone:?}");
        assert!(!page.interactions.is_empty(), "the demo's first customer has notes");
        for i in &page.interactions {
            // The day as the language writes dates ("10.03.2025" in Norwegian), then the time
            // (which may wrap in its cell).
            let at = i.occurred_at.with_timezone(&zone_of_shop);
            let local = format!("{} {}", tr.date(at.date_naive()), at.format("%H:%M"));
            assert!(words.contains(&local), "{language:?}: the note of {} at {local}", i.occurred_at);
        }
        // A consent's purpose and channel, entered as the codes the window offers, in words.
        let consent = page.consents.first().expect("the demo's first customer has a consent");
        assert_eq!((consent.purpose.as_str(), consent.channel.as_str()), ("newsletter", "web_form"));
        let (purpose, channel) = (tr.t("consent-purpose-newsletter"), tr.t("channel-web_form"));
        assert!(words.contains(&purpose) && words.contains(&channel), "{language:?}: {purpose}, {channel}");
        assert!(!text.contains("web_form"), "{language:?}: no code");
        let pages = pdfinfo_pages(&g.bytes);
        assert!(pages >= 2, "a multi-page report");
        let label = tr.t_args("doc-page", &[("page", "1".into()), ("pages", pages.to_string())]);
        assert!(text.contains(&label), "{language:?}: {label:?}");
        assert!(text.contains(&format!(" {pages} / {pages}")), "the last page is numbered");
        assert_eq!(render_pages(&g.bytes), pages, "pdftoppm renders every page");
    }
}

/// A phone number is written for people as its country groups it: in the
/// national form for a customer of the shop's own country, in the
/// international one for anyone else; the register and the JSON keep E.164.
#[tokio::test]
async fn a_phone_is_written_as_the_shop_dials_it() {
    let t = register(Kind::Sqlite).await;
    let with = |name: &str, email: &str, phone: &str, country: &str| kundvakt_core::register::CustomerInput {
        phone: Some(phone.into()),
        country: Some(country.into()),
        ..input(name, email)
    };
    for (customer, stored, written) in [
        (with("Åsa Öberg", "asa@exempel.se", "070-123 45 67", "SE"), "+46701234567", "070-123 45 67"),
        (with("Ola Nordmann", "ola@eksempel.no", "912 34 567", "NO"), "+4791234567", "+47 91 23 45 67"),
        // A Swedish number of a customer abroad: dialled from Sweden, but the form
        // must read back under the customer's country, so international.
        (with("Kari Nordmann", "kari@eksempel.no", "+46 70 765 43 21", "NO"), "+46707654321", "+46 70 765 43 21"),
    ] {
        let c = t.reg.add_customer(&customer).await.expect("add");
        assert_eq!(c.phone.as_deref(), Some(stored));
        let page = t.reg.customer_page(c.id).await.expect("page");
        assert_eq!(page.phone_display.as_deref(), Some(written));
        let pdf = t.reg.access_report(c.id, Some(Language::En), None, Format::Pdf).await.expect("pdf");
        let text = pdftotext(&pdf.bytes);
        let shown = text.lines().any(|l| l.trim_start().starts_with("Phone") && l.trim_end().ends_with(written));
        assert!(shown && !text.contains(stored), "{written} for {stored}:\n{text}");
        let json = t.reg.access_report(c.id, None, None, Format::Json).await.expect("json");
        let v: Value = serde_json::from_slice(&json.bytes).expect("JSON");
        assert_eq!(v["categories"]["identity_contact"]["records"][0]["phone"], stored);
        // What the page shows is saved back as the same number: no edit at all.
        let again = kundvakt_core::register::CustomerInput { phone: Some(written.into()), ..Default::default() };
        let edited = t
            .reg
            .edit_customer(c.id, &kundvakt_core::register::CustomerChanges { fields: again }, None)
            .await
            .expect("edit");
        assert_eq!(edited.phone.as_deref(), Some(stored));
        assert_eq!(edited.version, c.version, "no new version");
        let history = t.reg.customer_page(c.id).await.expect("page").history;
        assert!(history.iter().all(|e| e.entry.action != "customer.edit"), "no audit entry: {history:?}");
    }
}

/// The values that corrections replaced are kept by the audit trail (Art. 16),
/// so the access report tells them (Art. 15(1)): in the JSON as stored, in
/// the PDF as people read them; who at the shop took a note stays out
/// (Art. 15(4)), before as after.
#[tokio::test]
async fn the_report_tells_the_values_corrections_replaced() {
    use kundvakt_core::register::{CustomerChanges, CustomerInput, InteractionChanges};
    let t = register(Kind::Sqlite).await;
    let c = t
        .reg
        .add_customer(&CustomerInput {
            phone: Some("070-111 11 11".into()),
            city: Some("Stockholm".into()),
            ..input("Åsa Öberg", "asa@exempel.se")
        })
        .await
        .expect("add");
    let moved =
        CustomerInput { city: Some("Göteborg".into()), phone: Some("070-222 22 22".into()), ..Default::default() };
    t.reg.edit_customer(c.id, &CustomerChanges { fields: moved }, None).await.expect("correct");
    let note =
        t.reg.add_interaction(&common::phone_call(c.id, "Beställde fel färg", Some("Eva Ek"))).await.expect("note");
    let fix = InteractionChanges {
        summary: Some("Beställde fel storlek".into()),
        staff: Some("Per Pålsson".into()),
        ..Default::default()
    };
    t.reg.edit_interaction(note.id, &fix, None).await.expect("correct the note");

    let json = t.reg.access_report(c.id, None, None, Format::Json).await.expect("json");
    let v: Value = serde_json::from_slice(&json.bytes).expect("JSON");
    assert_valid(&schema("access-report.v1.json"), &v, "access report");
    let told: Vec<(String, Value, Value, bool)> = v["corrections"]
        .as_array()
        .expect("corrections")
        .iter()
        .map(|x| {
            (
                x["field"].as_str().expect("field").to_owned(),
                x["before"].clone(),
                x["after"].clone(),
                x["note_time"].is_null(),
            )
        })
        .collect();
    assert_eq!(
        told,
        vec![
            ("phone".into(), "+46701111111".into(), "+46702222222".into(), true),
            ("city".into(), "Stockholm".into(), "Göteborg".into(), true),
            ("summary".into(), "Beställde fel färg".into(), "Beställde fel storlek".into(), false),
        ]
    );

    let pdf = t.reg.access_report(c.id, Some(Language::Sv), None, Format::Pdf).await.expect("pdf");
    let text = pdftotext(&pdf.bytes);
    assert!(text.contains("Tidigare värden i rättade uppgifter"), "{text}");
    for shown in ["Stockholm", "070-111 11 11", "Anteckning: sammanfattning", "Beställde fel färg"] {
        assert!(text.contains(shown), "{shown}:\n{text}");
    }
    assert!(!text.contains("Eva Ek") && !text.contains("Per Pålsson"), "staff names stay out:\n{text}");
    assert!(render_pages(&pdf.bytes) >= 1);
    // A customer never corrected has no such section.
    let other = t.reg.add_customer(&input("Bo Ek", "bo@exempel.se")).await.expect("add");
    let v: Value =
        serde_json::from_slice(&t.reg.access_report(other.id, None, None, Format::Json).await.expect("json").bytes)
            .expect("JSON");
    assert!(v.get("corrections").is_none(), "{v}");
}

/// While the settings give the shop no name (the window and the command line
/// warn of it), the documents still read as whole sentences: no "at" left
/// hanging where the name would be.
#[tokio::test]
async fn a_nameless_shop_s_documents_read_whole() {
    let t = register(Kind::Sqlite).await;
    let c = t.reg.add_customer(&input("Åsa Öberg", "asa@exempel.se")).await.expect("add");
    let pdf = t.reg.access_report(c.id, Some(Language::En), None, Format::Pdf).await.expect("pdf");
    let text = pdftotext(&pdf.bytes);
    assert!(text.starts_with("Your personal data\n") && !text.contains("Your personal data at"), "{text}");
    let records = t.reg.processing_records(Some(Language::En), Format::Pdf).await.expect("records");
    let text = pdftotext(&records.bytes);
    assert!(text.contains("in the customer register.") && !text.contains("register of ."), "{text}");
    // Named, the title names the shop.
    t.reg.set_setting("controller.name", "Lindqvists Hemslöjd AB").await.expect("name");
    let pdf = t.reg.access_report(c.id, Some(Language::En), None, Format::Pdf).await.expect("pdf");
    assert!(pdftotext(&pdf.bytes).starts_with("Your personal data at Lindqvists Hemslöjd AB\n"));
}

async fn every_demo_customer_s_json_validates(kind: Kind) {
    let t = demo(kind).await;
    let access = schema("access-report.v1.json");
    let portability = schema("portability-export.v1.json");
    let mut checked = 0;
    for c in common::all_customers(&t.reg).await {
        let g = t.reg.access_report(c.id, None, None, Format::Json).await.expect("json");
        let doc: Value = serde_json::from_slice(&g.bytes).expect("JSON");
        assert_valid(&access, &doc, &c.number);
        for category in [
            "identity_contact",
            "purchase_history",
            "invoices",
            "communications",
            "web_activity",
            "consents",
            "events",
            "requests",
        ] {
            assert!(doc["categories"][category]["records"].is_array(), "{}: {category} present", c.number);
        }
        let p: Value = serde_json::from_slice(&t.reg.portability_export(c.id, None).await.expect("portability").bytes)
            .expect("JSON");
        assert_valid(&portability, &p, &c.number);
        checked += 1;
    }
    assert_eq!(checked, 300);
}

async fn the_json_speaks_iso_and_decimal_strings(kind: Kind) {
    let t = demo(kind).await;
    let asa = t.reg.find_customer("K000001").await.expect("Åsa");
    let doc: Value =
        serde_json::from_slice(&t.reg.access_report(asa.id, None, None, Format::Json).await.expect("json").bytes)
            .expect("JSON");
    assert_eq!(doc["schema"], "kundvakt/access-report");
    assert_eq!(doc["schema_version"], 1);
    let first = &doc["categories"]["purchase_history"]["records"][5];
    assert_eq!(first["number"], "O-10001");
    assert_eq!(first["date"], "2017-03-14");
    assert_eq!(first["total"], serde_json::json!({"amount": "3665.00", "currency": "SEK"}));
    assert_eq!(first["retention"]["retain_until"], "2024-12-31");
    assert_eq!(first["retention"]["rule"], "SE BFL 7:2");
    assert_eq!(doc["supervisory_authority"]["name"], "Integritetsskyddsmyndigheten (IMY)");
    assert_eq!(doc["automated_decision_making"]["used"], false);
    // Each shop country's authority, named in the document's language; a
    // German shop's until the settings name its federal state's.
    let authority =
        |doc: Value| (doc["supervisory_authority"]["name"].clone(), doc["supervisory_authority"]["address"].clone());
    let (reg, id) = (&t.reg, asa.id);
    let report = |language| async move {
        let g = reg.access_report(id, Some(language), None, Format::Json).await.expect("json");
        serde_json::from_slice::<Value>(&g.bytes).expect("JSON")
    };
    t.reg.set_setting("country", "FI").await.expect("FI");
    assert_eq!(authority(report(Language::Sv).await).0, "Dataombudsmannens byrå (Tietosuojavaltuutetun toimisto)");
    t.reg.set_setting("country", "DE").await.expect("DE");
    let (name, address) = authority(report(Language::En).await);
    assert!(name.as_str().is_some_and(|n| n.contains("German federal state")), "{name}");
    assert!(address.as_str().is_some_and(|a| a.contains("datenschutzkonferenz-online.de")), "{address}");
    t.reg.set_setting("authority.name", "Der Hamburgische Beauftragte für Datenschutz").await.expect("name");
    assert_eq!(authority(report(Language::Sv).await).0, "Der Hamburgische Beauftragte für Datenschutz");
    // A legal obligation names its own law: the bookkeeping law for orders, the GDPR's duty to answer for the requests.
    let basis = |c: &str| doc["categories"][c]["legal_basis_text"].as_str().unwrap_or_default().to_owned();
    assert!(basis("purchase_history").contains("bokföringslagen"), "{}", basis("purchase_history"));
    let requests = basis("requests");
    assert!(requests.contains("besvara dina begäranden") && !requests.contains("bokföringslagen"), "{requests}");
    // Resting on legitimate interest, a category says which interest (Art. 13(1)(d)): the assessment's words.
    let notes = t.reg.catalogue().await.expect("catalogue").assessments[0].fields.interest.clone();
    assert_eq!(doc["categories"]["communications"]["legitimate_interests"], serde_json::json!([notes]));
    assert_eq!(doc["categories"]["purchase_history"]["legitimate_interests"], serde_json::json!([]));
    let web = &doc["categories"]["web_activity"];
    assert!(web["transfers_outside_eea"].as_array().is_some_and(|t| !t.is_empty()), "analytics leave the EU/EEA");
    assert!(
        doc["categories"]["communications"]["records"][0].get("staff").is_none(),
        "staff names are another person's data"
    );
    assert!(doc["audit_head"]["hash"].as_str().is_some_and(|h| h.len() == 64));
}

async fn portability_holds_only_what_article_20_covers(kind: Kind) {
    let t = demo(kind).await;
    let asa = t.reg.find_customer("K000001").await.expect("Åsa");
    let bytes = t.reg.portability_export(asa.id, None).await.expect("portability").bytes;
    let text = String::from_utf8(bytes.clone()).expect("UTF-8");
    let doc: Value = serde_json::from_slice(&bytes).expect("JSON");
    assert_eq!(doc["provided"]["identity_contact"][0]["email"], "asa.oberg1@example.se");
    assert!(doc["provided"]["orders"].as_array().is_some_and(|o| o.len() == 6));
    assert!(doc["observed"]["web_activity"].as_array().is_some_and(|w| !w.is_empty()));
    assert!(doc.get("categories").is_none() && !text.contains("\"summary\""), "no staff notes");
    for other in t.reg.list_customers(0, 500).await.expect("all").items.iter().filter(|c| c.id != asa.id) {
        let email = other.email.as_deref().unwrap_or("-");
        assert!(!text.contains(email), "another customer's e-mail {email}");
    }
}

async fn generating_is_audited_with_the_digest(kind: Kind) {
    let t = demo(kind).await;
    let c = t.reg.find_customer("K000002").await.expect("customer");
    let access = kundvakt_core::requests::RequestKind::Access;
    let request = t.reg.open_request(c.id, access, None, Some("e-mail")).await.expect("open").id;
    // A copy of someone's data goes to no one whose identity is unchecked (Art. 12(6)).
    let unverified = t.reg.access_report(c.id, None, Some(request), Format::Pdf).await.expect_err("unverified");
    assert_eq!(unverified.code(), "refused", "{unverified}");
    assert!(unverified.to_string().contains(&format!("request {request} is received")), "{unverified}");
    let preview = t.reg.access_report_content(c.id, None, Some(request)).await.expect_err("preview unverified");
    assert_eq!(preview.code(), "refused", "{preview}");
    let wrong = t.reg.portability_export(c.id, Some(request)).await.expect_err("an access request");
    assert!(wrong.to_string().starts_with("request: "), "{wrong}");
    t.reg.request_step(request, Step::Verify { how: Some("BankID".into()) }, None).await.expect("verify");
    let g = t.reg.access_report(c.id, None, Some(request), Format::Pdf).await.expect("pdf");
    let history = kundvakt_core::audit::history(t.reg.store(), c.id).await.expect("history");
    let last = history.last().expect("an entry");
    assert_eq!((last.entry.action.as_str(), last.entry.actor.as_str()), ("document.generate", "test"));
    let about = serde_json::json!({"kind": "access", "format": "pdf", "language": "sv", "digest": g.digest, "request": request});
    assert_eq!(last.entry.after_digest.as_deref(), Some(kundvakt_core::audit::digest(&about).as_str()));
    let text = pdftotext(&g.bytes);
    assert!(text.contains(&format!("begäran {request}")), "the request reference");
    let other = t.reg.find_customer("K000003").await.expect("customer");
    let e = t.reg.access_report(other.id, None, Some(request), Format::Json).await.expect_err("someone else's request");
    assert!(e.to_string().starts_with("--request: "), "{e}");
}

async fn receipt_and_records_of_processing(kind: Kind) {
    let t = demo(kind).await;
    let c = t.reg.find_customer("K000004").await.expect("customer");
    let r = t
        .reg
        .open_request(
            c.id,
            kundvakt_core::requests::RequestKind::Erasure,
            Some("2025-03-05".parse().expect("date")),
            Some("letter"),
        )
        .await
        .expect("open");
    let pdf = t.reg.request_receipt(r.id, Some(Language::En), Format::Pdf).await.expect("receipt");
    let text = pdftotext(&pdf.bytes);
    assert!(text.contains("5 March 2025") && text.contains("7 April 2025"), "received and due: {text}");
    // A letter: to the person, by name and customer number.
    assert!(text.contains(&format!("To: {} (customer {})", c.name.as_deref().expect("name"), c.number)), "{text}");
    let json: Value =
        serde_json::from_slice(&t.reg.request_receipt(r.id, None, Format::Json).await.expect("json").bytes)
            .expect("JSON");
    assert_valid(&schema("request-receipt.v1.json"), &json, "receipt");
    assert_eq!(json["request"]["due_date"], "2025-04-07");
    assert_eq!((&json["customer_name"], &json["customer_number"]), (&c.name.clone().into(), &c.number.clone().into()));
    // One written before the addressee was added to version 1 still validates.
    let mut before = json.clone();
    before.as_object_mut().expect("object").remove("customer_name");
    assert_valid(&schema("request-receipt.v1.json"), &before, "an earlier receipt");

    // The notice the person is owed with the reasons (Art. 12(3), (4)): none
    // before a step that needs one.
    let none = t.reg.request_notice(r.id, None, Format::Pdf).await.expect_err("nothing to tell");
    assert_eq!(none.code(), "refused", "{none}");
    let on = |d: &str| Some(d.parse().expect("date"));
    let extend = Step::Extend { reason: "Begäran gäller tio års orderhistorik i tre system.".into() };
    t.reg.request_step(r.id, extend, on("2025-03-20")).await.expect("extend");
    let words = |pdf: &[u8]| pdftotext(pdf).split_whitespace().collect::<Vec<_>>().join(" ");
    let extended = words(&t.reg.request_notice(r.id, Some(Language::Sv), Format::Pdf).await.expect("notice").bytes);
    for needle in ["Vi behöver mer tid för din begäran", "senast den 2025-06-05", "tio års orderhistorik", "art. 12.3"]
    {
        assert!(extended.contains(needle), "{needle}: {extended}");
    }
    assert!(!extended.contains("Integritetsskyddsmyndigheten"), "an extension is no refusal");
    let json: Value =
        serde_json::from_slice(&t.reg.request_notice(r.id, None, Format::Json).await.expect("json").bytes)
            .expect("JSON");
    assert_valid(&schema("request-notice.v1.json"), &json, "notice");
    assert_eq!((&json["notice"], &json["request"]["due_date"]), (&"extension".into(), &"2025-06-05".into()));
    assert!(json["supervisory_authority"].is_null(), "{json}");
    // Refused after all: the reasons, and where to complain and go to court.
    let refuse = Step::Refuse { reason: "Begäran är uppenbart ogrundad.".into() };
    t.reg.request_step(r.id, refuse, on("2025-04-01")).await.expect("refuse");
    let refused = words(&t.reg.request_notice(r.id, Some(Language::En), Format::Pdf).await.expect("notice").bytes);
    for needle in [
        "We will not act on your request",
        "(GDPR Art. 12(4))",
        "uppenbart ogrundad",
        "(Art. 79)",
        "Integritetsskyddsmyndigheten (IMY)",
    ] {
        assert!(refused.contains(needle), "{needle}: {refused}");
    }
    let json: Value =
        serde_json::from_slice(&t.reg.request_notice(r.id, None, Format::Json).await.expect("json").bytes)
            .expect("JSON");
    assert_valid(&schema("request-notice.v1.json"), &json, "notice");
    assert_eq!((&json["notice"], &json["reason"]), (&"refusal".into(), &"Begäran är uppenbart ogrundad.".into()));
    assert_eq!(json["supervisory_authority"]["name"], "Integritetsskyddsmyndigheten (IMY)");

    let records = t.reg.processing_records(Some(Language::Nb), Format::Pdf).await.expect("records");
    let text = pdftotext(&records.bytes);
    for needle in [
        "Protokoll over behandlingsaktiviteter",
        "Lindqvists Hemslöjd AB",
        "Klarna Bank AB",
        "Overføringer utenfor EU/EØS",
        "Sikkerhetstiltak",
        // The recipients' countries are named in Norwegian: Ireland's is "Irland".
        "Irland",
    ] {
        assert!(text.contains(needle), "{needle}");
    }
    let json: Value =
        serde_json::from_slice(&t.reg.processing_records(None, Format::Json).await.expect("json").bytes).expect("JSON");
    assert_valid(&schema("processing-records.v1.json"), &json, "records");
}

/// An access report names the audit entry it was made at: its contents are
/// the register at that entry, though another computer adds notes about the
/// customer while reports are made.
async fn a_report_holds_the_register_at_the_audit_entry_it_names(kind: Kind) {
    let t = register(kind).await;
    let c = t.reg.add_customer(&input("Åsa Öberg", "asa@example.se")).await.expect("customer");
    let other =
        Register::open(&t.location, kundvakt_core::OpenMode::Existing, "the other computer").await.expect("open again");
    let customer = c.id;
    let pace = common::Pace::default();
    let paced = pace.clone();
    let writer = tokio::spawn(async move {
        for i in 0..80 {
            other
                .add_interaction(&kundvakt_core::register::NewInteraction {
                    customer_id: customer,
                    occurred_at: kundvakt_core::store::now(),
                    channel: kundvakt_core::register::Channel::Phone,
                    direction: kundvakt_core::register::Direction::Inbound,
                    summary: format!("Call {i}"),
                    staff: None,
                    closed_on: None,
                    bookkeeping: false,
                })
                .await
                .expect("note");
            paced.checkpoint(i, 20).await;
        }
    });
    let mut reports = vec![];
    while !writer.is_finished() {
        pace.read();
        reports.push(t.reg.access_report_content(c.id, None, None).await.expect("report"));
    }
    writer.await.expect("the writer");
    let history = t.reg.customer_page(c.id).await.expect("page").history;
    assert!(reports.len() >= 3, "the reports overlapped the writes ({})", reports.len());
    for r in &reports {
        let added =
            history.iter().filter(|e| e.entry.action == "interaction.add" && e.entry.seq <= r.audit_head.seq).count();
        assert_eq!(
            r.categories.communications.records.len(),
            added,
            "the report at entry {} holds the notes added up to it",
            r.audit_head.seq
        );
    }
}

/// The records of processing name the audit entry they were made at, and list
/// the recipients the register had then, while another computer adds more.
async fn the_records_of_processing_hold_the_catalogue_at_their_audit_entry(kind: Kind) {
    use kundvakt_core::processing::{Category, CategoryList, NewProcessor, ProcessorRole};
    let t = register(kind).await;
    let first: Value =
        serde_json::from_slice(&t.reg.processing_records(None, Format::Json).await.expect("json").bytes).expect("JSON");
    let (recipients, seq) = (
        first["recipients"].as_array().expect("recipients").len() as i64,
        first["audit_head"]["seq"].as_i64().expect("seq"),
    );
    let other =
        Register::open(&t.location, kundvakt_core::OpenMode::Existing, "the other computer").await.expect("open again");
    let pace = common::Pace::default();
    let paced = pace.clone();
    let writer = tokio::spawn(async move {
        for i in 0..60 {
            let carrier = NewProcessor {
                name: format!("Fraktbolag {i} AB"),
                role: ProcessorRole::Processor,
                country: "SE".into(),
                purpose: "Leveranser".into(),
                categories: CategoryList(vec![Category::IdentityContact]),
                agreement_date: None,
                outside_eea: false,
                safeguards: None,
            };
            other.add_processor(&carrier).await.expect("processor");
            // Room between the writes for the records' own audit entry, so that they overlap.
            tokio::time::sleep(std::time::Duration::from_millis(3)).await;
            paced.checkpoint(i, 15).await;
        }
    });
    // Each set of records made is an audit entry of its own, after its head: the first one's, then these.
    let mut made = 1;
    while !writer.is_finished() {
        pace.read();
        let records: Value =
            serde_json::from_slice(&t.reg.processing_records(None, Format::Json).await.expect("json").bytes)
                .expect("JSON");
        let at = records["audit_head"]["seq"].as_i64().expect("seq");
        let added = at - seq - made;
        assert_eq!(
            records["recipients"].as_array().expect("recipients").len() as i64,
            recipients + added,
            "the records at entry {at} list the {added} recipients added before it"
        );
        made += 1;
    }
    writer.await.expect("the writer");
    assert!(made >= 4, "the records overlapped the writes ({made})");
}

/// The privacy notice says what the records of processing say, in every
/// language: each category's purpose, basis, retention and recipients, the
/// rights and the authority; as PDF and as an HTML page whose every text the
/// shop wrote is escaped.
async fn the_privacy_notice_says_what_the_records_say(kind: Kind) {
    use kundvakt_core::processing::{CategoryList, NewProcessor, ProcessorRole};
    use kundvakt_core::reports::privacy::NoticeFormat;
    let t = demo(kind).await;
    let mailer = NewProcessor {
        name: "Mejl & Co <AB>".into(),
        role: ProcessorRole::Processor,
        country: "SE".into(),
        purpose: "Sends the newsletter".into(),
        categories: CategoryList(vec![kundvakt_core::processing::Category::Consents]),
        agreement_date: None,
        outside_eea: false,
        safeguards: None,
    };
    t.reg.add_processor(&mailer).await.expect("a processor named with markup");
    let catalogue = t.reg.catalogue().await.expect("catalogue");
    let documents = "SELECT COUNT(*) FROM request_documents";
    let before = common::scalar(&t.location, documents).await;
    for language in [Language::Sv, Language::Nb, Language::En] {
        let tr = Translator::new(language);
        let pdf = t.reg.privacy_notice(Some(language), NoticeFormat::Pdf).await.expect("pdf");
        assert!(render_pages(&pdf) >= 2, "{language:?}: pdftoppm renders it");
        let text = pdftotext(&pdf).split_whitespace().collect::<Vec<_>>().join(" ");
        let html = String::from_utf8(t.reg.privacy_notice(Some(language), NoticeFormat::Html).await.expect("html"))
            .expect("UTF-8");
        let title = tr.t_args("privacy-title", &[("controller", "Lindqvists Hemslöjd AB".into())]);
        assert!(text.contains(&title), "{language:?}: {text}");
        assert!(html.contains(&format!("<title>{title}</title>")) && html.contains(&format!("<h1>{title}</h1>")));
        assert!(html.starts_with(&format!("<!DOCTYPE html>\n<html lang=\"{language}\">")), "{html}");
        for &category in kundvakt_core::processing::Category::ALL {
            let heading = tr.t(&format!("cat-{category}"));
            let purpose = catalogue.categories.iter().find(|c| c.code == category).and_then(|c| c.purpose.clone());
            let purpose = purpose.unwrap_or_else(|| tr.t(&format!("purpose-{category}")));
            let holds = tr.t(&format!("privacy-data-{category}"));
            for needle in [&heading, &purpose, &holds] {
                let words = needle.split_whitespace().collect::<Vec<_>>().join(" ");
                assert!(text.contains(&words), "{language:?}: {category}: {words}");
            }
            assert!(html.contains(&format!("<h2>{heading}</h2>")), "{language:?}: {heading}");
        }
        // The web activity's months as the settings keep them; no order's own date, which only a report has.
        let months = t.reg.settings().await.expect("settings").months("retention.web_event_months");
        assert!(text.contains(&tr.t_args("retention-web_activity", &[("months", months.to_string())])));
        assert!(!text.contains(&tr.t("retention-dated-purchase_history")), "{language:?}");
        for needle in [
            tr.t("privacy-right-access"),
            tr.t("right-erasure"),
            tr.t("right-withdraw"),
            tr.t("automated-none"),
            tr.t("privacy-required"),
        ] {
            let words = needle.split_whitespace().collect::<Vec<_>>().join(" ");
            assert!(text.contains(&words), "{language:?}: {words}");
        }
        assert!(text.contains("Integritetsskyddsmyndigheten (IMY)"), "{language:?}: the Swedish authority");
        assert!(text.contains("Mejl & Co <AB>") && text.contains("Google Analytics"), "{language:?}: the recipients");
        assert!(html.contains("<td>Mejl &amp; Co &lt;AB&gt;</td>") && !html.contains("<AB>"), "{html}");
    }
    // Nobody's data: not recorded as a document handed to someone.
    assert_eq!(common::scalar(&t.location, documents).await, before);
    // A shop that passes data to no one says so, not that it holds no data of the reader.
    for p in &catalogue.processors {
        t.reg.remove_processor(p.id).await.expect("removed");
    }
    assert!(t.reg.catalogue().await.expect("catalogue").processors.is_empty());
    let tr = Translator::new(Language::En);
    let pdf = t.reg.privacy_notice(Some(Language::En), NoticeFormat::Pdf).await.expect("pdf");
    let text = pdftotext(&pdf).split_whitespace().collect::<Vec<_>>().join(" ");
    assert!(text.contains(&tr.t("recipients-nobody")) && !text.contains(&tr.t("access-category-empty")), "{text}");
    let records = t.reg.processing_records(Some(Language::En), Format::Pdf).await.expect("records");
    let text = pdftotext(&records.bytes).split_whitespace().collect::<Vec<_>>().join(" ");
    assert!(text.contains(&tr.t("recipients-nobody")), "{text}");
    // The access report still gives each order's own date.
    let asa = t.reg.find_customer("K000001").await.expect("Åsa");
    let report = t.reg.access_report(asa.id, Some(Language::En), None, Format::Pdf).await.expect("pdf");
    let words = pdftotext(&report.bytes).split_whitespace().collect::<Vec<_>>().join(" ");
    let tr = Translator::new(Language::En);
    assert!(words.contains(&tr.t("retention-dated-purchase_history")), "{words}");
}

/// The privacy notice carries the day of the last change to what it is made
/// from, not the day it is written out; a notice saved to a file is recorded
/// in the audit trail with its digest, and a change to what it is made from
/// (not to any setting) leaves it outdated until it is saved again.
async fn the_privacy_notice_is_dated_by_its_last_change(kind: Kind) {
    use kundvakt_core::reports::privacy::NoticeFormat;
    let t = register(kind).await;
    let saves = "SELECT COUNT(*) FROM audit_entries WHERE action = 'privacy_notice.save'";
    // Everything so far done on the first of March last year.
    common::execute(&t.location, "UPDATE audit_entries SET at = '2025-03-01T10:00:00+00:00'").await;
    let march = chrono::NaiveDate::from_ymd_opt(2025, 3, 1).expect("date");
    let state = t.reg.privacy_notice_state().await.expect("state");
    assert_eq!((state.changed_at.date_naive(), &state.saved, state.outdated), (march, &None, false));
    let tr = Translator::new(Language::En);
    let dated = tr.t_args("privacy-updated", &[("date", tr.date(march))]);
    let pdf = t.reg.privacy_notice(Some(Language::En), NoticeFormat::Pdf).await.expect("pdf");
    let text = pdftotext(&pdf).split_whitespace().collect::<Vec<_>>().join(" ");
    assert!(text.contains(&dated), "{dated} in {text}");
    assert_eq!(common::scalar(&t.location, saves).await, 0, "written out, not saved: nothing recorded");

    let dir = tempfile::tempdir().expect("dir");
    let page = dir.path().join("integritet.html");
    let state = t.reg.save_privacy_notice(Some(Language::Sv), NoticeFormat::Html, &page).await.expect("saved");
    let html = std::fs::read_to_string(&page).expect("the page");
    let sv = Translator::new(Language::Sv);
    assert!(html.contains(&sv.t_args("privacy-updated", &[("date", sv.date(march))])), "{html}");
    let saved = state.saved.expect("recorded");
    assert_eq!((saved.by.as_str(), state.outdated, state.changed_at.date_naive()), ("test", false, march));
    let entry = common::newest_entry(&t.reg).await;
    let digest = hex::encode(<sha2::Sha256 as sha2::Digest>::digest(html.as_bytes()));
    assert_eq!((entry.action.as_str(), entry.entity.as_str()), ("privacy_notice.save", "privacy_notice"));
    assert_eq!(entry.entity_id, digest[..16], "named by the digest of what was written");

    // A setting it is not made from leaves it as it is; one it is made from does not.
    t.reg.set_setting("order.series", "W-").await.expect("set");
    assert!(!t.reg.privacy_notice_state().await.expect("state").outdated);
    t.reg.set_setting("controller.phone", "08-123 456 78").await.expect("set");
    let state = t.reg.privacy_notice_state().await.expect("state");
    assert!(state.outdated && state.changed_at > saved.at, "{state:?}");
    let again = t.reg.save_privacy_notice(None, NoticeFormat::Pdf, &dir.path().join("integritet.pdf")).await;
    assert!(!again.expect("saved again").outdated);
    // So does a recipient removed.
    let catalogue = t.reg.catalogue().await.expect("catalogue");
    t.reg.remove_processor(catalogue.processors[0].id).await.expect("removed");
    assert!(t.reg.privacy_notice_state().await.expect("state").outdated);

    // A place that cannot be written: nothing recorded.
    let nowhere = dir.path().join("no such folder").join("integritet.html");
    let failed = t.reg.save_privacy_notice(None, NoticeFormat::Html, &nowhere).await.expect_err("no folder");
    assert_eq!(failed.code(), "file", "{failed}");
    assert_eq!(common::scalar(&t.location, saves).await, 2);
}

on_both_backends!(
    the_privacy_notice_is_dated_by_its_last_change,
    the_privacy_notice_says_what_the_records_say,
    the_records_of_processing_hold_the_catalogue_at_their_audit_entry,
    a_report_holds_the_register_at_the_audit_entry_it_names,
    the_access_pdf_has_every_category_in_every_language,
    every_demo_customer_s_json_validates,
    the_json_speaks_iso_and_decimal_strings,
    portability_holds_only_what_article_20_covers,
    generating_is_audited_with_the_digest,
    receipt_and_records_of_processing,
);

/// A customer with 2 000 orders: a long multi-page report, and valid JSON.
#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn two_thousand_orders_make_a_long_valid_report() {
    let t = register(Kind::Sqlite).await;
    let c = t.reg.add_customer(&input("Märta Ångström", "marta@example.se")).await.expect("customer");
    big_customer(&t.reg, c.id, 2000).await;
    let pdf = t.reg.access_report(c.id, None, None, Format::Pdf).await.expect("pdf");
    let pages = pdfinfo_pages(&pdf.bytes);
    assert!(pages > 40, "{pages} pages");
    let text = pdftotext(&pdf.bytes);
    assert!(text.contains("B-0001") && text.contains("B-2000"));
    // pdftotext separates pages with a form feed: every page with order rows repeats the header.
    let order_pages: Vec<&str> = text.split('\u{c}').filter(|page| page.contains("B-")).collect();
    assert!(order_pages.len() > 40);
    for (i, page) in order_pages.iter().enumerate() {
        assert!(page.contains("Varav") && page.contains("Sparas till"), "order page {} has the table header", i + 1);
    }
    let json: Value =
        serde_json::from_slice(&t.reg.access_report(c.id, None, None, Format::Json).await.expect("json").bytes)
            .expect("JSON");
    assert_eq!(json["categories"]["purchase_history"]["records"].as_array().map(Vec::len), Some(2000));
    assert_valid(&schema("access-report.v1.json"), &json, "2000 orders");
}

pub async fn big_customer(reg: &Register, id: kundvakt_core::values::CustomerId, orders: usize) {
    let sek = Currency::parse("SEK").expect("SEK");
    for i in 1..=orders {
        reg.add_order(&kundvakt_core::register::NewOrder {
            customer_id: id,
            number: format!("B-{i:04}"),
            order_date: chrono::NaiveDate::from_ymd_opt(
                2018 + (i % 8) as i32,
                1 + (i % 12) as u32,
                1 + (i % 28) as u32,
            )
            .expect("date"),
            total: Money::new(12_500 * (1 + (i % 3) as i64), sek),
            vat: None,
            payment_provider: Some("Klarna".into()),
            payment_reference: None,
            status: kundvakt_core::register::OrderStatus::Shipped,
            lines: vec![kundvakt_core::register::NewOrderLine {
                description: "Ljusstake i mässing".into(),
                quantity: 1 + (i % 3) as i64,
                unit_price_minor: 12_500,
                vat_rate_bp: 2500,
            }],
        })
        .await
        .expect("order");
    }
}

/// An amount is printed whole on its line, its currency beside it, however
/// wide: its column takes the room from the items', which wrap.
#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn amounts_are_never_broken_in_their_column() {
    let t = register(Kind::Sqlite).await;
    let c = t.reg.add_customer(&input("Märta Ångström", "marta@example.se")).await.expect("customer");
    let sek = Currency::parse("SEK").expect("SEK");
    let order = t
        .reg
        .add_order(&kundvakt_core::register::NewOrder {
            customer_id: c.id,
            number: "B-1".into(),
            order_date: chrono::NaiveDate::from_ymd_opt(2026, 1, 18).expect("date"),
            total: Money::new(123_456_789, sek),
            vat: None,
            payment_provider: Some("Klarna".into()),
            payment_reference: None,
            status: kundvakt_core::register::OrderStatus::Shipped,
            lines: vec![kundvakt_core::register::NewOrderLine {
                description: "Vävstol i björk med tillbehör, monterad och levererad".into(),
                quantity: 1,
                unit_price_minor: 123_456_789,
                vat_rate_bp: 2500,
            }],
        })
        .await
        .expect("order");
    for language in [Language::Sv, Language::Nb, Language::En] {
        let tr = Translator::new(language);
        let pdf = t.reg.access_report(c.id, Some(language), None, Format::Pdf).await.expect("pdf");
        let text = pdftotext(&pdf.bytes).replace('\u{a0}', " ");
        let row = text.lines().find(|l| l.starts_with("B-1 ")).expect("the order's row");
        for amount in [&order.total, &order.vat] {
            let printed = tr.money(amount).replace('\u{a0}', " ");
            assert!(row.contains(&printed), "{language:?}: {printed} whole in {row:?}");
        }
    }
}

/// Hostile field contents still make a readable document.
#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn extreme_field_contents_still_print() {
    let t = register(Kind::Sqlite).await;
    let long = "Å".repeat(200);
    let c = t.reg.add_customer(&input(&long, "x@example.se")).await.expect("customer");
    let mut note = "שלום עולם مرحبا 🎉🧶 ".repeat(20);
    note.push_str(&"ä".repeat(4000));
    t.reg
        .add_interaction(&kundvakt_core::register::NewInteraction {
            customer_id: c.id,
            occurred_at: kundvakt_core::store::now(),
            channel: kundvakt_core::register::Channel::Email,
            direction: kundvakt_core::register::Direction::Inbound,
            summary: note,
            staff: None,
            closed_on: None,
            bookkeeping: false,
        })
        .await
        .expect("note");
    let pdf = t.reg.access_report(c.id, None, None, Format::Pdf).await.expect("pdf");
    let text = pdftotext(&pdf.bytes);
    assert!(text.replace(['\n', ' '], "").contains(&"ä".repeat(500)), "the long summary is all there");
    assert!(text.contains("ÅÅÅÅÅÅÅÅ"));
    assert_eq!(render_pages(&pdf.bytes), pdfinfo_pages(&pdf.bytes));
}

/// The erasure confirmation's machinery: what the erasure issue will fill in.
#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn the_erasure_confirmation_prints_and_validates() {
    use kundvakt_core::processing::{Category, InformedRecipient};
    use kundvakt_core::reports::notices::{ErasedItem, ErasureConfirmation, KeptBreach, KeptIdentifiers, KeptItem};
    let t = register(Kind::Sqlite).await;
    t.reg.set_setting("controller.name", "Lindqvists Hemslöjd AB").await.expect("name");
    let (seq, hash) = t.reg.audit_head().await.expect("head");
    let c = ErasureConfirmation {
        schema: "kundvakt/erasure-confirmation".into(),
        schema_version: 1,
        generated_at: kundvakt_core::store::now(),
        controller: kundvakt_core::reports::access::Controller {
            name: "Lindqvists Hemslöjd AB".into(),
            org_number: String::new(),
            address: String::new(),
            email: "kundservice@example.se".into(),
            phone: String::new(),
            website: String::new(),
        },
        request: None,
        pseudonym: "P-ABCDEFGH2345".into(),
        erased_on: "2026-11-25".parse().expect("date"),
        erased: vec![
            ErasedItem { category: Category::IdentityContact, records: 1 },
            ErasedItem { category: Category::WebActivity, records: 4 },
        ],
        kept: vec![KeptItem {
            category: Category::PurchaseHistory,
            record: "O-10004".into(),
            rule: "SE BFL 7:2".into(),
            law: "Bokföringslagen (1999:1078) 7 kap. 2 §".into(),
            retain_until: Some("2031-12-31".parse().expect("date")),
            pending: None,
        }],
        breaches: vec![KeptBreach {
            breach: 7,
            aware_on: "2026-10-02".parse().expect("date"),
            law: "GDPR Art. 33(5)".into(),
        }],
        recipients: vec![InformedRecipient {
            name: "Klarna Bank AB".into(),
            role: kundvakt_core::processing::ProcessorRole::Recipient,
            categories: vec![Category::IdentityContact, Category::PurchaseHistory],
        }],
        request_retention_months: 36,
        kept_identifiers: KeptIdentifiers { numbers: vec!["K000004".into(), "7001".into()], email_checksum: true },
        audit_head: kundvakt_core::reports::access::AuditHead { seq, hash },
    };
    let pdf = t.reg.erasure_confirmation(&c, None, Language::Sv, Format::Pdf).await.expect("pdf");
    let text = pdftotext(&pdf.bytes);
    for needle in [
        "Bekräftelse av radering",
        "Raderat",
        "Sparas enligt lag",
        "O-10004",
        "7 kap. 2 §",
        "2031-12-31",
        "Aktivitet på vår webbplats",
        "Mottagare som vi underrättar om raderingen",
        "(artikel 19 i",
        "Klarna Bank AB",
        "Vår förteckning över personuppgiftsincidenter behåller",
        "2026-10-02",
    ] {
        assert!(text.contains(needle), "{needle} in {text}");
    }
    // What the customer's row keeps so that the shop's files do not add them again.
    let said = "För att vår webbutiks filer inte ska lägga in dig i registret igen sparar vi också dina kundnummer \
                K000004, 7001 och en kontrollsumma av din e-postadress, ur vilken adressen inte kan utläsas.";
    assert!(text.split_whitespace().collect::<Vec<_>>().join(" ").contains(said), "{text}");
    let json: Value = serde_json::from_slice(
        &t.reg.erasure_confirmation(&c, None, Language::En, Format::Json).await.expect("json").bytes,
    )
    .expect("JSON");
    assert_valid(&schema("erasure-confirmation.v1.json"), &json, "erasure confirmation");
    // One written before the recipients and breaches were added to version 1 still validates.
    let mut before = json.clone();
    before.as_object_mut().expect("object").remove("recipients");
    before.as_object_mut().expect("object").remove("breaches");
    before.as_object_mut().expect("object").remove("kept_identifiers");
    assert_valid(&schema("erasure-confirmation.v1.json"), &before, "an earlier erasure confirmation");
}

#[test]
fn bad_input_is_a_clear_error_and_leaves_no_file() {
    let dir = tempfile::tempdir().expect("dir");
    let db = dir.path().join("r.db").display().to_string();
    let kv = |args: &[&str]| common::kv_output(&db, args);
    assert!(kv(&["init"]).status.success());
    assert!(kv(&["customer", "add", "--name", "Åsa", "--email", "asa@example.se"]).status.success());
    let out_pdf = dir.path().join("out.pdf").display().to_string();
    let missing_dir = dir.path().join("no/such/folder/out.pdf").display().to_string();
    let a_folder = dir.path().display().to_string();
    for (args, needle) in [
        (vec!["report", "access", "4242", "--format", "pdf", "--out", &out_pdf], "no customer 4242"),
        (vec!["report", "access", "1", "--format", "pdf", "--out", &missing_dir], "no such folder"),
        (vec!["report", "access", "1", "--format", "pdf", "--out", &a_folder], "a folder: give the file's name in it"),
        (vec!["report", "access", "1", "--format", "pdf", "--out", &out_pdf, "--lang", "fr"], "fr"),
        (vec!["report", "access", "1", "--format", "docx", "--out", &out_pdf], "docx"),
        (vec!["report", "receipt", "77", "--format", "pdf", "--out", &out_pdf], "no request 77"),
    ] {
        let out = kv(&args);
        let err = String::from_utf8_lossy(&out.stderr);
        assert_eq!(out.status.code(), Some(1), "{args:?}: {err}");
        assert!(err.contains(needle) && err.trim_end().lines().count() == 1, "{args:?}: {err}");
    }
    let files: Vec<String> = std::fs::read_dir(dir.path())
        .expect("dir")
        .filter_map(|e| e.ok())
        .map(|e| e.file_name().to_string_lossy().into_owned())
        .collect();
    assert!(files.iter().all(|f| f.starts_with("r.db")), "no output and no partial file: {files:?}");
    let ok = kv(&["report", "access", "1", "--format", "pdf", "--out", &out_pdf]);
    assert!(ok.status.success());
    assert!(std::fs::read(&out_pdf).expect("pdf").starts_with(b"%PDF-"));
    // Made all the same, but a new register names no shop, and the copy does
    // not say who the controller is or how to reach them (Art. 13(1)(a)).
    let warned = String::from_utf8_lossy(&ok.stderr).into_owned();
    assert!(warned.starts_with("warning: controller.name: the shop's name is not set"), "{warned}");
    assert!(kv(&["settings", "set", "controller.name", "Åsas Garn AB"]).status.success());
    let receipt = kv(&["request", "open", "--customer", "1", "--kind", "access"]);
    assert!(receipt.status.success());
    let named = kv(&["report", "receipt", "1", "--format", "pdf", "--out", &out_pdf, "--force"]);
    let warned = String::from_utf8_lossy(&named.stderr).into_owned();
    assert!(warned.starts_with("warning: controller.email: the shop has no e-mail address"), "{warned}");
    assert!(kv(&["settings", "set", "controller.address", "Storgatan 1, 111 22 Stockholm"]).status.success());
    let reachable = kv(&["report", "access", "1", "--format", "pdf", "--out", &out_pdf, "--force"]);
    let said = String::from_utf8_lossy(&reachable.stderr).into_owned();
    assert!(reachable.status.success() && !said.contains("warning"), "named and reachable: nothing to warn of: {said}");
    // A phone saved before the phone check (or written by an older
    // version) prints on the document as stored: said, with the setting.
    common::sqlite3(&db, "INSERT INTO settings (key, value) VALUES ('controller.phone', 'ring oss');");
    let old_value = kv(&["report", "access", "1", "--format", "pdf", "--out", &out_pdf, "--force"]);
    let said = String::from_utf8_lossy(&old_value.stderr).into_owned();
    assert!(old_value.status.success(), "{said}");
    assert!(
        said.contains("warning: controller.phone: `ring oss` is not a phone number")
            && said.contains("(the document prints it as stored)"),
        "{said}"
    );
    let shown = kv(&["settings", "show"]);
    let said = String::from_utf8_lossy(&shown.stderr).into_owned();
    assert!(shown.status.success() && said.contains("kundvakt settings set controller.phone VALUE"), "{said}");
    assert!(kv(&["settings", "set", "controller.phone", "08-123 456 78"]).status.success());
    assert!(kv(&["settings", "show"]).stderr.is_empty(), "mended");
    // The shop's own record of breaches names no one to a person: no word of it.
    assert!(kv(&["settings", "set", "controller.name", ""]).status.success());
    let record = kv(&["report", "breaches", "--format", "json", "--out", &out_pdf, "--force"]);
    assert!(record.status.success() && record.stderr.is_empty(), "{}", String::from_utf8_lossy(&record.stderr));
}

/// A table's header row is never left alone at the foot of a page: it goes
/// over with its first row, whichever line of the page the table starts on
/// (the orders of an access report once began with their header alone).
#[test]
fn a_table_header_stays_with_its_first_row() {
    use kundvakt_core::reports::document::{Block, Doc, Table};
    for filler in 30..60 {
        let mut blocks: Vec<Block> = (0..filler).map(|i| Block::Paragraph(format!("Stycke {i}."))).collect();
        let mut table = Table::new(&[("Ordernummer", 1.0), ("Varav moms i kronor", 0.6), ("Varor", 2.0)]);
        table.rows.push(vec![
            "Förstarad".into(),
            "55,80".into(),
            "1 × Korg i spån; 1 × Dalahäst, röd, 13 cm; 2 × Linneduk, 140 × 250 cm, blekt".into(),
        ]);
        table.rows.push(vec!["Andrarad".into(), "99,00".into(), "1 × Ljusstake i mässing".into()]);
        blocks.push(Block::Table(table));
        let doc = Doc {
            title: "Tabell".into(),
            subject: "Sidbrytning".into(),
            author: "Kundvakt".into(),
            language: Language::Sv,
            created: chrono::Utc::now(),
            footer_note: String::new(),
            page_label: "Sida {page} / {pages}".into(),
            blocks,
        };
        let text = pdftotext(&reports::pdf::render(&doc).expect("pdf"));
        let pages: Vec<&str> = text.split('\u{c}').collect();
        let first = pages.iter().position(|p| p.contains("Ordernummer")).expect("the header is printed");
        assert!(pages[first].contains("Förstarad"), "{filler} paragraphs: the header alone on page {}", first + 1);
    }
}
