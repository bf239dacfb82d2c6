//! The web shop's other numbers for a customer: a customer file's row matched
//! by e-mail under a number the register does not give the person is kept as
//! the shop's, so that the shop's next file finds them by it whatever e-mail
//! it gives; orders name them by it; the shop owner adds and takes away such
//! numbers; the access report shows them; an erased person's keep them out.

mod common;

use std::path::Path;
use std::sync::atomic::AtomicBool;

use common::{input, pdftotext, register, Kind, TestRegister};
use kundvakt_core::audit;
use kundvakt_core::i18n::Translator;
use kundvakt_core::import::{ImportKind, ImportOptions, ImportReport};
use kundvakt_core::register::restriction::RestrictionGround;
use kundvakt_core::register::{Customer, CustomerChanges, CustomerInput};
use kundvakt_core::reports::Format;
use kundvakt_core::values::{CustomerId, Language};
use kundvakt_core::Error;

async fn import_text(t: &TestRegister, kind: ImportKind, dir: &Path, name: &str, text: &str) -> ImportReport {
    let file = dir.join(name);
    std::fs::write(&file, text).expect("write the file");
    let cancel = AtomicBool::new(false);
    t.reg.import(&file, kind, &ImportOptions::default(), &mut |_| {}, &cancel).await.expect("import")
}

async fn typed_in(t: &TestRegister) -> Customer {
    t.reg.add_customer(&input("Åsa Öberg", "asa@exempel.se")).await.expect("Åsa typed in")
}

async fn actions(t: &TestRegister, c: &Customer) -> Vec<String> {
    audit::history(t.reg.store(), c.id).await.expect("history").into_iter().map(|e| e.entry.action).collect()
}

/// The customers the register's search finds by `query`.
async fn found(t: &TestRegister, query: &str) -> Vec<CustomerId> {
    t.reg.search_customers(query, 5).await.expect("search").into_iter().map(|c| c.id).collect()
}

/// The error's message as the window shows it to a Swedish shop.
fn message(e: &Error) -> String {
    e.message().expect("a message for people").in_language(&Translator::new(Language::Sv))
}

async fn the_shop_s_number_finds_the_person_in_its_next_file(kind: Kind) {
    let t = register(kind).await;
    let dir = tempfile::tempdir().expect("dir");
    let asa = typed_in(&t).await;
    assert!(asa.number.starts_with('K'), "numbered by the register: {}", asa.number);

    // The shop's first file names her by its own id: found by e-mail, she
    // keeps the register's number, and the shop's is kept beside it.
    let first = "customer_number,name,email\n7001,Åsa Öberg,asa@exempel.se\n";
    let r = import_text(&t, ImportKind::Customers, dir.path(), "kunder.csv", first).await;
    assert_eq!((r.added, r.updated, r.unchanged, r.committed), (0, 1, 0, true), "{:?}", r.problems);
    // Said, line by line, so that the shop owner can check the match.
    let said: Vec<String> = r
        .notices
        .iter()
        .map(|n| format!("{}:{}: {}", r.file, n.line, n.reason.in_language(&Translator::new(Language::Sv))))
        .collect();
    assert_eq!(
        said,
        [format!("kunder.csv:2: hittad via e-post som kund {}; butikens nummer 7001 sparas som kundens", asa.number)]
    );
    let page = t.reg.customer_page(asa.id).await.expect("page");
    assert_eq!(
        (page.customer.number.as_str(), page.shop_numbers.as_slice()),
        (asa.number.as_str(), &["7001".to_owned()][..])
    );
    assert_eq!(actions(&t, &asa).await, ["customer.add", "customer.shop_number"]);
    assert!(audit::verify(t.reg.store()).await.expect("verify").broken.is_none());

    // The same file again changes nothing.
    let r = import_text(&t, ImportKind::Customers, dir.path(), "kunder.csv", first).await;
    assert_eq!((r.added, r.updated, r.unchanged, r.notices.len()), (0, 0, 1, 0));

    // Her next file gives a new e-mail address: the shop's number finds her,
    // and the address is corrected on her, not a second Åsa added.
    let moved = "customer_number,name,email,city\n7001,Åsa Öberg,asa.ny@exempel.se,Falun\n";
    let r = import_text(&t, ImportKind::Customers, dir.path(), "kunder2.csv", moved).await;
    assert_eq!((r.added, r.updated, r.unchanged), (0, 1, 0), "{:?}", r.problems);
    let now = t.reg.customer(asa.id).await.expect("Åsa");
    assert_eq!(
        (now.number.as_str(), now.email.as_deref(), now.city.as_deref()),
        (asa.number.as_str(), Some("asa.ny@exempel.se"), Some("Falun"))
    );
    assert_eq!(t.reg.list_customers(0, 10).await.expect("list").items.len(), 1);

    // The shop's orders name her by its number, and so can a person.
    let orders = "order_number,order_date,customer_number,total,currency,vat\nW-1,2025-03-01,7001,125.00,SEK,25.00\n";
    let r = import_text(&t, ImportKind::Orders, dir.path(), "ordrar.csv", orders).await;
    assert_eq!((r.added, r.committed), (1, true), "{:?}", r.problems);
    let page = t.reg.customer_page(asa.id).await.expect("page");
    assert_eq!(page.orders.iter().map(|o| o.number.as_str()).collect::<Vec<_>>(), ["W-1"]);
    assert_eq!(t.reg.find_customer("7001").await.expect("by the shop's number").id, asa.id);
    assert_eq!(found(&t, "7001").await, [asa.id]);
}

async fn a_shop_number_is_nobody_else_s_number(kind: Kind) {
    let t = register(kind).await;
    let dir = tempfile::tempdir().expect("dir");
    let asa = typed_in(&t).await;
    let file = "customer_number,name,email\n7001,Åsa Öberg,asa@exempel.se\n";
    import_text(&t, ImportKind::Customers, dir.path(), "kunder.csv", file).await;

    // Another customer cannot be given it, typed in or corrected.
    let per = CustomerInput { number: Some("7001".into()), ..input("Per Berg", "per@exempel.se") };
    let e = t.reg.add_customer(&per).await.expect_err("taken");
    assert_eq!(e.code(), "duplicate");
    assert_eq!(message(&e), format!("7001 är webbutikens nummer för kund {}", asa.number));
    let per = t.reg.add_customer(&input("Per Berg", "per@exempel.se")).await.expect("Per");
    let to = CustomerChanges { fields: CustomerInput { number: Some("7001".into()), ..Default::default() } };
    let e = t.reg.edit_customer(per.id, &to, None).await.expect_err("taken");
    assert_eq!(e.code(), "duplicate");
    // Nor added as Per's shop number, nor Per's own number as Åsa's.
    let e = t.reg.add_shop_number(per.id, "7001").await.expect_err("Åsa's");
    assert_eq!(message(&e), format!("7001 är webbutikens nummer för kund {}", asa.number));
    let e = t.reg.add_shop_number(asa.id, &per.number).await.expect_err("Per's own");
    assert_eq!(message(&e), format!("kundnummer {} är upptaget", per.number));
    let e = t.reg.add_shop_number(asa.id, "7001").await.expect_err("hers already");
    assert_eq!(message(&e), "7001 är redan kundens nummer i webbutiken");
    let e = t.reg.add_shop_number(asa.id, "70 01").await.expect_err("spaces");
    assert_eq!(e.code(), "invalid");
    let e = t.reg.add_shop_number(asa.id, "  ").await.expect_err("empty");
    assert_eq!(message(&e), "webbutikens nummer kan inte vara tomt");

    // Åsa herself may take the shop's number as her own: then it is no longer another.
    let hers = CustomerChanges { fields: CustomerInput { number: Some("7001".into()), ..Default::default() } };
    let now = t.reg.edit_customer(asa.id, &hers, None).await.expect("her own");
    assert_eq!(now.number, "7001");
    assert!(t.reg.customer_page(asa.id).await.expect("page").shop_numbers.is_empty());
    assert_eq!(t.reg.find_customer("7001").await.expect("found").id, asa.id);
}

async fn the_shop_owner_adds_and_removes_them(kind: Kind) {
    let t = register(kind).await;
    let asa = typed_in(&t).await;
    assert_eq!(t.reg.add_shop_number(asa.id, " 7001 ").await.expect("add"), ["7001"]);
    assert_eq!(t.reg.add_shop_number(asa.id, "WC-88").await.expect("add"), ["7001", "WC-88"]);
    // The register's search finds her by them, as by her own number: by the
    // number's words and by its digits alone.
    for query in ["wc-8", "88", "700"] {
        assert_eq!(found(&t, query).await, [asa.id], "{query}");
    }
    assert_eq!(t.reg.remove_shop_number(asa.id, "7001").await.expect("remove"), ["WC-88"]);
    assert!(found(&t, "7001").await.is_empty());
    // Her details corrected, she is found by the shop's number still.
    let moved = CustomerChanges { fields: CustomerInput { city: Some("Falun".into()), ..Default::default() } };
    t.reg.edit_customer(asa.id, &moved, None).await.expect("edit");
    assert_eq!(found(&t, "wc-88").await, [asa.id]);
    let e = t.reg.remove_shop_number(asa.id, "7001").await.expect_err("gone");
    assert_eq!((e.code(), message(&e).as_str()), ("refused", "7001 är inte kundens nummer i webbutiken"));
    assert_eq!(
        actions(&t, &asa).await,
        [
            "customer.add",
            "customer.shop_number",
            "customer.shop_number",
            "customer.shop_number_remove",
            "customer.edit"
        ]
    );
    // The trail holds digests, never the number itself.
    let entries = audit::history(t.reg.store(), asa.id).await.expect("history");
    assert!(entries.iter().all(|e| !format!("{e:?}").contains("7001")), "{entries:?}");
    assert!(audit::verify(t.reg.store()).await.expect("verify").broken.is_none());

    // Nothing new is done with a restricted customer's data (Art. 18(2)).
    t.reg.restrict_customer(asa.id, RestrictionGround::AccuracyContested, None, None).await.expect("restrict");
    let e = t.reg.add_shop_number(asa.id, "7002").await.expect_err("restricted");
    assert_eq!(e.code(), "refused");
}

async fn the_access_report_names_them(kind: Kind) {
    let t = register(kind).await;
    let asa = typed_in(&t).await;
    t.reg.add_shop_number(asa.id, "7001").await.expect("add");
    t.reg.add_shop_number(asa.id, "WC-88").await.expect("add");
    let json = t.reg.access_report(asa.id, None, None, Format::Json).await.expect("JSON");
    let doc: serde_json::Value = serde_json::from_slice(&json.bytes).expect("JSON");
    common::assert_valid(&common::schema("access-report.v1.json"), &doc, "access report");
    let identity = &doc["categories"]["identity_contact"]["records"][0];
    assert_eq!(identity["shop_numbers"], serde_json::json!(["7001", "WC-88"]), "{identity}");
    let pdf = t.reg.access_report(asa.id, None, None, Format::Pdf).await.expect("PDF");
    let text = pdftotext(&pdf.bytes);
    assert!(text.contains("Nummer i webbutiken"), "{text}");
    assert!(text.contains("7001, WC-88"), "{text}");
    // Without any, the line is left out.
    let per = t.reg.add_customer(&input("Per Berg", "per@exempel.se")).await.expect("Per");
    let pdf = t.reg.access_report(per.id, None, None, Format::Pdf).await.expect("PDF");
    assert!(!pdftotext(&pdf.bytes).contains("Nummer i webbutiken"));
}

async fn an_erased_person_s_stay_and_keep_them_out(kind: Kind) {
    let t = register(kind).await;
    let dir = tempfile::tempdir().expect("dir");
    let asa = typed_in(&t).await;
    let file = "customer_number,name,email\n7001,Åsa Öberg,asa@exempel.se\n";
    import_text(&t, ImportKind::Customers, dir.path(), "kunder.csv", file).await;
    let plan = t.reg.erase_customer(asa.id, None).await.expect("erase");
    assert_eq!(
        (plan.kept_identifiers.numbers.clone(), plan.kept_identifiers.email_checksum),
        (vec![asa.number.clone(), "7001".into()], true)
    );
    // Her confirmation says what her row keeps, and why (Art. 12(1)).
    let pdf = t.reg.erasure_confirmation_of(&plan, Format::Pdf).await.expect("confirmation");
    let text = pdftotext(&pdf.bytes).split_whitespace().collect::<Vec<_>>().join(" ");
    let said = format!("sparar vi också dina kundnummer {}, 7001 och en kontrollsumma av din e-postadress", asa.number);
    assert!(text.contains(&said), "{text}");
    let json = t.reg.erasure_confirmation_of(&plan, Format::Json).await.expect("confirmation");
    let doc: serde_json::Value = serde_json::from_slice(&json.bytes).expect("JSON");
    common::assert_valid(&common::schema("erasure-confirmation.v1.json"), &doc, "erasure confirmation");
    assert_eq!(doc["kept_identifiers"], serde_json::json!({ "numbers": [asa.number, "7001"], "email_checksum": true }));
    // The shop's next file, with an address the register never had: the
    // shop's number still says who she was, and she is not added again.
    assert!(t.reg.search_customers("7001", 5).await.expect("search").is_empty(), "no words of an erased person");
    let later = "customer_number,name,email\n7001,Åsa Öberg,asa.ny@exempel.se\n";
    let r = import_text(&t, ImportKind::Customers, dir.path(), "kunder2.csv", later).await;
    assert_eq!((r.added, r.skipped), (0, 1), "{:?}", r.problems);
    assert!(t.reg.list_customers(0, 10).await.expect("list").items.is_empty());
    let e = t.reg.remove_shop_number(asa.id, "7001").await.expect_err("erased");
    assert_eq!(e.code(), "refused");
}

on_both_backends!(
    the_shop_s_number_finds_the_person_in_its_next_file,
    a_shop_number_is_nobody_else_s_number,
    the_shop_owner_adds_and_removes_them,
    the_access_report_names_them,
    an_erased_person_s_stay_and_keep_them_out,
);
