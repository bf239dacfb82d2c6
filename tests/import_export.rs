//! Getting the register in and the order history out: realistic Shopify and
//! WooCommerce exports (tests/fixtures/import), a generic file with a mapping,
//! bad rows with every message checked, all or nothing, re-imports, erased
//! people, and the accountant's CSV and JSON with their totals.

mod common;

use std::collections::BTreeMap;
use std::path::{Path, PathBuf};
use std::sync::atomic::AtomicBool;

use common::{assert_valid, kv_output, register, schema, Kind, TestRegister};
use kundvakt_core::export::ExportFormat;
use kundvakt_core::import::{Field, ImportFormat, ImportKind, ImportOptions, ImportReport, TextEncoding};
use kundvakt_core::register::OrderStatus;
use kundvakt_core::retention::due::RecordKind;
use kundvakt_core::values::Language;
use kundvakt_core::Location;

fn fixture(name: &str) -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("../tests/fixtures/import").join(name)
}

async fn import(t: &TestRegister, kind: ImportKind, file: &Path, options: &ImportOptions) -> ImportReport {
    let cancel = AtomicBool::new(false);
    t.reg.import(file, kind, options, &mut |_| {}, &cancel).await.expect("import")
}

fn generic_mapping() -> Vec<(String, Option<Field>)> {
    [
        ("Kundnr", Field::CustomerNumber),
        ("Namn", Field::Name),
        ("E-post", Field::Email),
        ("Telefon", Field::Phone),
        ("Gatuadress", Field::Street),
        ("Postnummer", Field::PostalCode),
        ("Ort", Field::City),
        ("Land", Field::Country),
    ]
    .into_iter()
    .map(|(c, f)| (c.to_owned(), Some(f)))
    .collect()
}

/// Imports every fixture of a real shop's files; returns the reports.
async fn import_all(t: &TestRegister) -> Vec<ImportReport> {
    let none = ImportOptions::default();
    let mapped = ImportOptions { map: generic_mapping(), ..ImportOptions::default() };
    vec![
        import(t, ImportKind::Customers, &fixture("shopify-customers.csv"), &none).await,
        import(t, ImportKind::Orders, &fixture("shopify-orders.csv"), &none).await,
        import(t, ImportKind::Customers, &fixture("woocommerce-customers.csv"), &none).await,
        import(t, ImportKind::Orders, &fixture("woocommerce-orders.csv"), &none).await,
        import(t, ImportKind::Customers, &fixture("generic-customers.tsv"), &mapped).await,
        import(t, ImportKind::Orders, &fixture("generic-orders.csv"), &none).await,
    ]
}

async fn shop_exports_come_in_whole(kind: Kind) {
    let t = register(kind).await;
    let reports = import_all(&t).await;
    let counts: Vec<(ImportFormat, TextEncoding, &str, u64, u64)> =
        reports.iter().map(|r| (r.format, r.source.encoding, r.source.delimiter.as_str(), r.rows, r.added)).collect();
    assert_eq!(
        counts,
        vec![
            (ImportFormat::Shopify, TextEncoding::Utf8, ",", 3, 3),
            (ImportFormat::Shopify, TextEncoding::Utf8, ",", 4, 3),
            (ImportFormat::Woocommerce, TextEncoding::Windows1252, ";", 2, 2),
            (ImportFormat::Woocommerce, TextEncoding::Utf8Bom, ";", 2, 1),
            (ImportFormat::Generic, TextEncoding::Utf8, "\t", 2, 2),
            (ImportFormat::Generic, TextEncoding::Utf8, ",", 3, 3),
        ]
    );
    assert!(reports.iter().all(|r| r.committed && r.problem_count == 0), "{:?}", reports[0].problems);

    // The people, with the fields as the register keeps them.
    let asa = t.reg.find_customer("7012345678901").await.expect("Åsa");
    assert_eq!(asa.name.as_deref(), Some("Åsa Öberg"));
    assert_eq!(asa.phone.as_deref(), Some("+46701234567"), "a national number becomes E.164");
    assert_eq!(asa.street.as_deref(), Some("Storgatan 1, lgh 1102"));
    let marta = t.reg.find_customer("102").await.expect("Märta, from Windows-1252");
    assert_eq!(marta.name.as_deref(), Some("Märta Ålund"));
    assert_eq!(marta.street.as_deref(), Some("Västra vägen 3, Box 12"), "a two-line address in quotes");
    let knut = t.reg.find_customer("G-2").await.expect("Knut");
    assert_eq!((knut.phone.as_deref(), knut.country.as_deref()), (Some("+4790000000"), Some("NO")));

    // The orders: several rows are one order, shipping and discounts are lines, totals are the shop's.
    let page = t.reg.customer_page(asa.id).await.expect("page");
    let o = page.orders.iter().find(|o| o.number == "#1001").expect("#1001");
    assert_eq!((o.total.to_decimal_string(), o.vat.to_decimal_string()), ("1149.00".into(), "229.80".into()));
    let lines: Vec<(String, i64, String)> =
        o.lines.iter().map(|l| (l.description.clone(), l.quantity, l.unit_price.to_decimal_string())).collect();
    assert_eq!(lines[0], ("Tumvantar i ull".into(), 2, "350.00".into()));
    assert_eq!(lines[1], ("Sjal \"Dalarna\", blå".into(), 1, "400.00".into()));
    assert_eq!(lines[2].2, "49.00", "shipping");
    assert_eq!(o.order_date.to_string(), "2025-03-15");
    let goran = t.reg.customer_page(t.reg.find_customer("101").await.expect("Göran").id).await.expect("page");
    let w = &goran.orders[0];
    assert_eq!((w.number.as_str(), w.total.to_decimal_string(), w.lines.len()), ("5001", "823.75".into(), 3));
    assert_eq!(w.lines[0].unit_price.to_decimal_string(), "125.00", "item total and tax, per item");
    let ingrid = t.reg.customer_page(t.reg.find_customer("G-1").await.expect("Ingrid").id).await.expect("page");
    let first = ingrid.orders.iter().find(|o| o.number == "G-O-1").expect("G-O-1");
    assert_eq!(
        (first.order_date.to_string(), first.total.to_decimal_string()),
        ("2024-03-15".into(), "1234.50".into())
    );
    // What became of each order, in the shop's own words: Shopify's paid and
    // fulfilled is shipped, paid alone is paid; WooCommerce's completed is shipped.
    let status_of = |orders: &[kundvakt_core::register::Order], n: &str| {
        orders.iter().find(|o| o.number == n).map(|o| o.status).expect("order")
    };
    assert_eq!(status_of(&page.orders, "#1001"), OrderStatus::Shipped);
    let oyvind = t.reg.find_customer("7012345678902").await.expect("Øyvind");
    let oyvind_orders = t.reg.customer_page(oyvind.id).await.expect("page").orders;
    assert_eq!(status_of(&oyvind_orders, "#1002"), OrderStatus::Paid);
    assert_eq!(w.status, OrderStatus::Shipped);
    assert_eq!(first.status, OrderStatus::Placed, "a generic file without a status");
    let nok = t.reg.customer_page(knut.id).await.expect("page").orders;
    assert_eq!((nok[0].order_date.to_string(), nok[0].total.to_string()), ("2025-01-02".into(), "1250.00 NOK".into()));

    // A guest order (WooCommerce's customer_id 0) is found by its e-mail.
    let dir = tempfile::tempdir().expect("dir");
    let guest = dir.path().join("guest.csv");
    let header = std::fs::read_to_string(fixture("woocommerce-orders.csv")).expect("read");
    let first_line = header.lines().next().expect("header").trim_start_matches('\u{feff}').to_owned();
    std::fs::write(
        &guest,
        format!("{first_line}\n6001;6001;2025-02-01 10:00:00;completed;0;0;0;0;20.00;0;0;0;100.00;0;SEK;swish;Swish;S-1;;;;0;0;marta.alund@exempel.se;Märta;Ålund;marta.alund@exempel.se;;;;;;;;;;;\n"),
    )
    .expect("write");
    let r = import(&t, ImportKind::Orders, &guest, &ImportOptions::default()).await;
    assert_eq!((r.added, r.problem_count), (1, 0), "{:?}", r.problems);
    assert_eq!(t.reg.customer_page(marta.id).await.expect("page").orders[0].number, "6001");

    // Importing the same files again changes nothing.
    let before = t.reg.list_customers(0, 100).await.expect("list");
    let again = import_all(&t).await;
    let changes: Vec<(u64, u64, u64, u64, u64)> =
        again.iter().map(|r| (r.added, r.updated, r.skipped, r.rejected, r.unchanged)).collect();
    assert_eq!(
        changes,
        vec![(0, 0, 0, 0, 3), (0, 0, 0, 0, 3), (0, 0, 0, 0, 2), (0, 0, 0, 0, 1), (0, 0, 0, 0, 2), (0, 0, 0, 0, 3)]
    );
    assert_eq!(t.reg.list_customers(0, 100).await.expect("list"), before);
    // Later the shop refunds #1002: the next export says so, and only the status moves on.
    let refunded = dir.path().join("refunded.csv");
    let text = std::fs::read_to_string(fixture("shopify-orders.csv")).expect("read");
    let changed: Vec<String> = text
        .lines()
        .map(|l| if l.starts_with("#1002,") { l.replacen(",paid,", ",refunded,", 1) } else { l.to_owned() })
        .collect();
    std::fs::write(&refunded, changed.join("\n") + "\n").expect("write");
    let r = import(&t, ImportKind::Orders, &refunded, &ImportOptions::default()).await;
    assert_eq!((r.added, r.updated, r.unchanged), (0, 1, 2), "{:?}", r.problems);
    let after = t.reg.customer_page(oyvind.id).await.expect("page");
    let o2 = after.orders.iter().find(|o| o.number == "#1002").expect("#1002");
    let o2_before = oyvind_orders.iter().find(|o| o.number == "#1002").expect("#1002");
    assert_eq!(o2.status, OrderStatus::Refunded);
    assert_eq!(
        (&o2.total, &o2.vat, &o2.lines),
        (&o2_before.total, &o2_before.vat, &o2_before.lines),
        "the voucher as recorded"
    );
    let v = kundvakt_core::audit::verify(t.reg.store()).await.expect("verify");
    assert!(v.broken.is_none());
    let audited = kundvakt_core::audit::history(t.reg.store(), asa.id).await.expect("history");
    assert!(audited.iter().any(|e| e.entry.action == "customer.add"));
    let refund = kundvakt_core::audit::history(t.reg.store(), oyvind.id).await.expect("history");
    assert!(refund.iter().any(|e| e.entry.action == "order.status"), "the refund is audited");
    // A status no shop writes is named at its column.
    let odd = dir.path().join("odd.csv");
    std::fs::write(
        &odd,
        "order_number,order_date,customer_number,total,currency,status\nX-1,2025-05-05,G-1,10.00,SEK,betald\n",
    )
    .expect("write");
    let r = import(&t, ImportKind::Orders, &odd, &ImportOptions::default()).await;
    let got: Vec<String> = r.problems.iter().map(|p| p.display("odd.csv")).collect();
    assert_eq!(got, vec!["odd.csv:2: status: `betald` is not an order status (placed, paid, shipped, cancelled, refunded, or a shop's word for one)"]);
    // An order dated ahead would be kept past its retention end: named at its date.
    let ahead = dir.path().join("ahead.csv");
    std::fs::write(&ahead, "order_number,order_date,customer_number,total,currency\nX-2,2099-05-05,G-1,10.00,SEK\n")
        .expect("write");
    let r = import(&t, ImportKind::Orders, &ahead, &ImportOptions::default()).await;
    let got: Vec<String> = r.problems.iter().map(|p| p.display("ahead.csv")).collect();
    assert_eq!(got, vec!["ahead.csv:2: order_date: 2099-05-05 is in the future"]);
}

/// An order with several wrong cells, in its own row and in its line items'
/// rows, is named at each of them, from top to bottom and left to right, and
/// set aside once with all of them: the shop mends the file once.
#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn an_order_s_every_problem_is_named_at_its_line() {
    let t = register(Kind::Sqlite).await;
    import(&t, ImportKind::Customers, &fixture("shopify-customers.csv"), &ImportOptions::default()).await;
    let before = snapshot(&t).await;
    let dir = tempfile::tempdir().expect("dir");
    let file = dir.path().join("ordrar.csv");
    std::fs::write(
        &file,
        "order_number;order_date;customer_number;total;currency;line_description;line_quantity;line_unit_price;line_vat_rate\n\
         W-1;2026-13-01;7012345678901;12x;SEK;Mugg;x;10;25\n\
         W-1;;;;;Tallrik;1;abc;250\n\
         W-2;2026-01-05;K-999;100;SEK;Mugg;1;100;25\n\
         W-3;2026-01-05;7012345678901;100;XYZ;Mugg;1;100;25\n\
         W-4;2026-01-06;7012345678901;100;SEK;Mugg;2;50;25\n",
    )
    .expect("write");
    let r = import(&t, ImportKind::Orders, &file, &ImportOptions::default()).await;
    let got: Vec<String> = r.problems.iter().map(|p| p.display("ordrar.csv")).collect();
    assert_eq!(
        got,
        vec![
            "ordrar.csv:2: order_date: `2026-13-01` is not a date (write 2024-03-15 or 15.03.2024)",
            "ordrar.csv:2: total: `12x` is not an amount in SEK: write it as 1234.50 or 1 234,50",
            "ordrar.csv:2: line_quantity: `x` is not a quantity",
            "ordrar.csv:3: line_unit_price: `abc` is not an amount in SEK: write it as 1234.50 or 1 234,50",
            "ordrar.csv:3: line_vat_rate: `250` is not a percentage from 0 to 100",
            "ordrar.csv:4: customer_number: no customer `K-999` in the register (import the customers first)",
            "ordrar.csv:5: currency: `XYZ` is not an ISO 4217 currency code",
        ]
    );
    assert_eq!((r.rows, r.added, r.rejected, r.problem_count, r.committed), (5, 1, 3, 7, false));
    assert_eq!(snapshot(&t).await, before, "all or nothing");

    // Set aside: the order's two rows, each with every problem of the order by its line.
    let options = ImportOptions { skip_invalid: true, ..ImportOptions::default() };
    let r = import(&t, ImportKind::Orders, &file, &options).await;
    assert_eq!((r.added, r.rejected, r.committed), (1, 3, true));
    let mut reader = csv::ReaderBuilder::new()
        .delimiter(b';')
        .from_path(dir.path().join("ordrar.rejected.csv"))
        .expect("the rows set aside");
    let rows: Vec<csv::StringRecord> = reader.records().map(|r| r.expect("row")).collect();
    let why: Vec<(&str, &str)> = rows.iter().map(|r| (&r[0], &r[9])).collect();
    let w1 = "rad 2: order_date: `2026-13-01` är inget datum (skriv 2024-03-15 eller 15.03.2024); total: `12x` är \
              inget belopp i SEK: skriv det som 1234.50 eller 1 234,50; line_quantity: `x` är inget antal; rad 3: \
              line_unit_price: `abc` är inget belopp i SEK: skriv det som 1234.50 eller 1 234,50; line_vat_rate: \
              `250` är ingen procentsats från 0 till 100";
    assert_eq!(why[..2], [("W-1", w1), ("W-1", w1)]);
    assert_eq!(why.len(), 4, "{why:?}");
    assert!(t.reg.find_customer("7012345678901").await.is_ok());
}

async fn bad_rows_are_each_named_and_nothing_changes(kind: Kind) {
    let t = register(kind).await;
    import(&t, ImportKind::Customers, &fixture("shopify-customers.csv"), &ImportOptions::default()).await;
    let before = snapshot(&t).await;
    let r = import(&t, ImportKind::Customers, &fixture("bad-customers.csv"), &ImportOptions::default()).await;
    assert!(!r.committed);
    let got: Vec<String> = r.problems.iter().map(|p| p.display("bad-customers.csv")).collect();
    assert_eq!(
        got,
        vec![
            "bad-customers.csv:3: name: a customer needs a name",
            "bad-customers.csv:4: email: `inte-en-adress` is not a valid e-mail address",
            "bad-customers.csv:5: country: `XX` is not an ISO 3166 country code (SE, NO, ...) or the name of a country",
            "bad-customers.csv:6: language: `fi` is not a supported language (sv, nb, en)",
            "bad-customers.csv:7: phone: `ring mig` is not a phone number (digits, spaces, + - ( ) only)",
            "bad-customers.csv:8: email: customer B-1 has the e-mail bra@exempel.se under another name; a file \
             changes a customer's name only in a row with their customer number",
            // Every problem of a row, from left to right: the file is mended once.
            "bad-customers.csv:9: name: a customer needs a name",
            "bad-customers.csv:9: phone: `070 abc` is not a phone number (digits, spaces, + - ( ) only)",
            "bad-customers.csv:9: country: `Narnia` is not an ISO 3166 country code (SE, NO, ...) or the name of a country",
            "bad-customers.csv:9: language: `fi` is not a supported language (sv, nb, en)",
        ]
    );
    assert_eq!((r.rejected, r.problem_count), (7, 10));
    assert_eq!(snapshot(&t).await, before, "all or nothing: the register is as it was");
    // A dry run of a good file changes nothing either.
    let dry = ImportOptions { dry_run: true, ..ImportOptions::default() };
    let r = import(&t, ImportKind::Customers, &fixture("woocommerce-customers.csv"), &dry).await;
    assert_eq!((r.added, r.committed), (2, false));
    assert_eq!(snapshot(&t).await, before);
}

/// The whole register as text: `sqlite3 .dump` for SQLite, every customer and
/// order for PostgreSQL.
async fn snapshot(t: &TestRegister) -> String {
    match &t.location {
        Location::Sqlite(path) => common::sqlite3(path, ".dump"),
        Location::Postgres(_) => {
            let customers = t.reg.list_customers(0, 500).await.expect("list");
            let mut text = format!("{customers:?}");
            for c in &customers.items {
                text.push_str(&format!("{:?}", t.reg.customer_page(c.id).await.expect("page").orders));
            }
            text
        }
    }
}

async fn erased_people_are_not_brought_back(kind: Kind) {
    let t = register(kind).await;
    import(&t, ImportKind::Customers, &fixture("shopify-customers.csv"), &ImportOptions::default()).await;
    import(&t, ImportKind::Orders, &fixture("shopify-orders.csv"), &ImportOptions::default()).await;
    let asa = t.reg.find_customer("7012345678901").await.expect("Åsa");
    t.reg.erase_customer(asa.id, None).await.expect("erase");
    let r = import(&t, ImportKind::Customers, &fixture("shopify-customers.csv"), &ImportOptions::default()).await;
    assert_eq!((r.skipped, r.unchanged, r.added), (1, 2, 0));
    assert!(r.notices[0].message.contains("erased"), "{:?}", r.notices);
    // Under another number, the e-mail still recognises her.
    let dir = tempfile::tempdir().expect("dir");
    let file = dir.path().join("nya.csv");
    std::fs::write(&file, "name,email,customer_number\nÅsa Öberg,ASA.OBERG@exempel.se,NY-1\n").expect("write");
    let r = import(&t, ImportKind::Customers, &file, &ImportOptions::default()).await;
    assert_eq!((r.skipped, r.added), (1, 0));
    assert!(t.reg.search_customers("asa oberg", 10).await.expect("search").is_empty());
    // Her orders were kept under the pseudonym; a re-import leaves them so.
    let r = import(&t, ImportKind::Orders, &fixture("shopify-orders.csv"), &ImportOptions::default()).await;
    assert_eq!((r.added, r.updated, r.unchanged), (0, 0, 3));
    // A refund of her order still reaches the books, the order staying hers by pseudonym only.
    let text = std::fs::read_to_string(fixture("shopify-orders.csv")).expect("read");
    let changed: Vec<String> = text
        .lines()
        .map(|l| if l.starts_with("#1001,") { l.replacen(",paid,", ",refunded,", 1) } else { l.to_owned() })
        .collect();
    let refunded = dir.path().join("refund.csv");
    std::fs::write(&refunded, changed.join("\n") + "\n").expect("write");
    let r = import(&t, ImportKind::Orders, &refunded, &ImportOptions::default()).await;
    assert_eq!((r.added, r.updated, r.unchanged), (0, 1, 2), "{:?}", r.problems);
    let out = dir.path().join("orders.json");
    t.reg.export_orders(d("2025-01-01"), d("2025-12-31"), ExportFormat::Json, false, &out).await.expect("export");
    let doc: serde_json::Value = serde_json::from_slice(&std::fs::read(&out).expect("read")).expect("JSON");
    let hers: Vec<(&serde_json::Value, &serde_json::Value)> = doc["orders"]
        .as_array()
        .expect("orders")
        .iter()
        .filter(|o| o["number"] == "#1001")
        .map(|o| (&o["customer"], &o["status"]))
        .collect();
    assert_eq!(hers, vec![(&serde_json::Value::from(asa.pseudonym.clone()), &serde_json::Value::from("refunded"))]);
}

/// A file says nothing of what it does not hold: a column it lacks, or a cell
/// left empty, keeps what the register has (the staff's phone note, the
/// language the person's documents are written in); what it gives replaces.
async fn a_file_never_clears_what_it_does_not_say(kind: Kind) {
    let t = register(kind).await;
    let kari = t
        .reg
        .add_customer(&kundvakt_core::register::CustomerInput {
            number: Some("K1".into()),
            name: Some("Kari Nordmann".into()),
            email: Some("kari@example.no".into()),
            phone: Some("912 34 567".into()),
            street: Some("Storgata 1".into()),
            postal_code: Some("0155".into()),
            city: Some("Oslo".into()),
            country: Some("NO".into()),
            language: Some("nb".into()),
        })
        .await
        .expect("Kari");
    assert_eq!(kari.phone.as_deref(), Some("+4791234567"));
    let dir = tempfile::tempdir().expect("dir");
    let write = |name: &str, text: &str| {
        let file = dir.path().join(name);
        std::fs::write(&file, text).expect("write");
        file
    };
    let none = ImportOptions::default();
    // A newsletter list: name and e-mail only.
    let list = write("nyhetsbrev.csv", "customer_number,name,email\nK1,Kari Nordmann,kari@example.no\n");
    let r = import(&t, ImportKind::Customers, &list, &none).await;
    assert_eq!((r.updated, r.unchanged), (0, 1), "{:?}", r.problems);
    let again = t.reg.find_customer("K1").await.expect("K1");
    assert_eq!(again, kari, "nothing the list lacks is cleared");
    // The same address in other capitals is the same mailbox: nothing changes.
    let shouted = write("versaler.csv", "customer_number,name,email\nK1,Kari Nordmann,Kari@Example.NO\n");
    let r = import(&t, ImportKind::Customers, &shouted, &none).await;
    assert_eq!((r.updated, r.unchanged), (0, 1), "{:?}", r.problems);
    assert_eq!(t.reg.find_customer("K1").await.expect("K1"), kari, "the register's spelling stays");
    // The shop's export with the phone cell empty and a new city.
    let moved = write("kunder.csv", "customer_number,name,email,phone,city,language\nK1,Kari Nordmann,,,Bergen, \n");
    let r = import(&t, ImportKind::Customers, &moved, &none).await;
    assert_eq!((r.updated, r.unchanged), (1, 0), "{:?}", r.problems);
    let now = t.reg.find_customer("K1").await.expect("K1");
    assert_eq!(now.city.as_deref(), Some("Bergen"));
    assert_eq!(
        (now.email.as_deref(), now.phone.as_deref(), now.street.as_deref(), now.country.as_deref(), now.language),
        (Some("kari@example.no"), Some("+4791234567"), Some("Storgata 1"), Some("NO"), Language::Nb),
        "the empty cells keep hers"
    );
    // A list without numbers finds her by e-mail under her name, and never
    // turns her into someone else who shares the address.
    let shared = write(
        "lista.csv",
        "name,email,city\nKari Nordmann,kari@example.no,Bergen\nOla Nordmann,kari@example.no,Oslo\n",
    );
    let r = import(&t, ImportKind::Customers, &shared, &none).await;
    let got: Vec<String> = r.problems.iter().map(|p| p.display("lista.csv")).collect();
    assert_eq!(
        got,
        ["lista.csv:3: email: customer K1 has the e-mail kari@example.no under another name; a file changes a \
          customer's name only in a row with their customer number"]
    );
    let named = write("navn.csv", "customer_number,name,email\nK1,Kari Nordmann Hansen,kari@example.no\n");
    let r = import(&t, ImportKind::Customers, &named, &none).await;
    assert_eq!(r.updated, 1, "under her number, her name changes: {:?}", r.problems);
    // A phone in national form is read by her country's plan, not the shop's.
    let phone = write("telefon.csv", "customer_number,name,phone\nK1,Kari Nordmann Hansen,415 55 555\n");
    let r = import(&t, ImportKind::Customers, &phone, &none).await;
    assert_eq!(r.updated, 1, "{:?}", r.problems);
    assert_eq!(t.reg.find_customer("K1").await.expect("K1").phone.as_deref(), Some("+4741555555"));
}

async fn the_accountant_s_export_adds_up(kind: Kind) {
    let t = register(kind).await;
    import_all(&t).await;
    // A cell that a spreadsheet would run as a formula.
    let dir = tempfile::tempdir().expect("dir");
    let evil = dir.path().join("evil.csv");
    std::fs::write(
        &evil,
        "order_number;order_date;customer_number;total;currency;line_description;line_quantity;line_unit_price\n\
         =1+1;2025-05-05;G-1;10,00;SEK;=HYPERLINK(\"http://x\");1;10,00\n",
    )
    .expect("write");
    let r = import(&t, ImportKind::Orders, &evil, &ImportOptions::default()).await;
    assert_eq!(r.added, 1, "{:?}", r.problems);
    // Erase one customer: their kept orders carry the pseudonym.
    let asa = t.reg.find_customer("7012345678901").await.expect("Åsa");
    let pseudonym = asa.pseudonym.clone();
    t.reg.erase_customer(asa.id, None).await.expect("erase");

    let (from, to) = (d("2024-01-01"), d("2026-12-31"));
    let csv_path = dir.path().join("orders.csv");
    let summary = t.reg.export_orders(from, to, ExportFormat::Csv, true, &csv_path).await.expect("csv");
    let bytes = std::fs::read(&csv_path).expect("read");
    assert!(bytes.starts_with(&[0xEF, 0xBB, 0xBF]), "UTF-8 with a byte-order mark");
    let mut reader = csv::ReaderBuilder::new().delimiter(b';').from_reader(&bytes[3..]);
    let rows: Vec<csv::StringRecord> = reader.records().map(|r| r.expect("row")).collect();
    assert_eq!(rows.len() as i64, summary.rows);
    let sek = kundvakt_core::values::Currency::parse("SEK").expect("SEK");
    let minor = |s: &str| kundvakt_core::import::values::amount(s, sek).expect("amount");
    let mut gross: BTreeMap<String, i64> = BTreeMap::new();
    let mut vat: BTreeMap<String, i64> = BTreeMap::new();
    for r in &rows {
        assert_eq!(minor(&r[6]) + minor(&r[8]), minor(&r[9]), "net + VAT = gross: {r:?}");
        *gross.entry(r[10].to_owned()).or_default() += minor(&r[9]);
        *vat.entry(r[10].to_owned()).or_default() += minor(&r[8]);
    }
    let want = register_totals(&t, from, to).await;
    assert_eq!(gross, want.iter().map(|(c, (g, _))| (c.clone(), *g)).collect(), "gross per currency");
    assert_eq!(vat, want.iter().map(|(c, (_, v))| (c.clone(), *v)).collect(), "VAT per currency");
    let evil_row = rows.iter().find(|r| r[4].contains("HYPERLINK")).expect("the line");
    assert_eq!(&evil_row[0], "'=1+1");
    assert!(evil_row[4].starts_with("'="), "{evil_row:?}");
    assert!(
        rows.iter().any(|r| r[0] == *"#1001" && r[2] == pseudonym),
        "an erased customer's order under the pseudonym"
    );
    assert!(!String::from_utf8_lossy(&bytes).contains("Öberg"));
    assert!(rows.iter().any(|r| r[6].contains(',')), "decimal comma");
    // The status in the shop's language (Swedish here): a refunded or cancelled order is still a voucher of the period.
    assert_eq!(&reader.headers().expect("header")[12], "Status");
    assert!(
        rows.iter().any(|r| r[0] == *"#1001" && r[12] == *"skickad"),
        "{:?}",
        rows.iter().map(|r| r[12].to_owned()).collect::<Vec<_>>()
    );

    let json_path = dir.path().join("orders.json");
    let s = t.reg.export_orders(from, to, ExportFormat::Json, false, &json_path).await.expect("json");
    let doc: serde_json::Value = serde_json::from_slice(&std::fs::read(&json_path).expect("read")).expect("JSON");
    assert_valid(&schema("order-export.v1.json"), &doc, "order export");
    assert_eq!(doc["orders"].as_array().map(Vec::len), Some(s.orders as usize));
    let sek = doc["totals"].as_array().expect("totals").iter().find(|t| t["gross"]["currency"] == "SEK").expect("SEK");
    assert_eq!(minor(sek["gross"]["amount"].as_str().expect("amount")), want["SEK"].0);
    let history = kundvakt_core::audit::verify(t.reg.store()).await.expect("verify");
    assert!(history.broken.is_none());
}

fn d(s: &str) -> chrono::NaiveDate {
    s.parse().expect("date")
}

/// The register's own sums of order totals and VAT per currency in a period.
async fn register_totals(
    t: &TestRegister,
    from: chrono::NaiveDate,
    to: chrono::NaiveDate,
) -> BTreeMap<String, (i64, i64)> {
    let sql = "SELECT currency, CAST(SUM(total_minor) AS BIGINT), CAST(SUM(vat_minor) AS BIGINT) FROM orders \
               WHERE order_date >= $1 AND order_date <= $2 GROUP BY currency";
    let rows: Vec<(String, i64, i64)> = match &t.location {
        Location::Sqlite(path) => {
            let mut c = <sqlx::SqliteConnection as sqlx::Connection>::connect(&format!("sqlite:{}", path.display()))
                .await
                .expect("open");
            sqlx::query_as(sql).bind(from).bind(to).fetch_all(&mut c).await.expect("sum")
        }
        Location::Postgres(url) => {
            let mut c = <sqlx::PgConnection as sqlx::Connection>::connect(url).await.expect("connect");
            sqlx::query_as(sql).bind(from).bind(to).fetch_all(&mut c).await.expect("sum")
        }
    };
    rows.into_iter().map(|(c, g, v)| (c, (g, v))).collect()
}

/// A web site's log, written for today: its times lie in the 13 months that
/// web activity is kept (PRODUCT.md section 3), all but one row.
fn web_log(file: &Path, now: chrono::DateTime<chrono::Utc>, local: &str, rows: &[[&str; 5]]) -> PathBuf {
    let days = |n: i64| now - chrono::Duration::days(n);
    let mut text = String::from("\u{feff}Timestamp;IP_Address;Event;User_Agent;Email\r\n");
    let fixed = [
        // RFC 3339 in UTC, as most logs write it.
        [
            days(10).format("%Y-%m-%dT%H:%M:%SZ").to_string(),
            "192.0.2.10".into(),
            "login".into(),
            "Mozilla/5.0 (Windows NT 10.0; Win64; x64)".into(),
            "asa.oberg@exempel.se".into(),
        ],
        // A web server's own time, with a bracketed IPv6 address; the e-mail in capitals.
        [
            days(9)
                .with_timezone(&chrono::FixedOffset::east_opt(3600).expect("offset"))
                .format("%d/%b/%Y:%H:%M:%S %z")
                .to_string(),
            "[2001:DB8::1]".into(),
            "checkout".into(),
            String::new(),
            "OYVIND.BRATEN@eksempel.no".into(),
        ],
        // On the shop's clock, without a zone.
        [
            local.into(),
            "198.51.100.7".into(),
            "newsletter signup; \"spring\"".into(),
            "curl/8.5".into(),
            "mikko.jarvinen@esimerkki.fi".into(),
        ],
        // Older than the 13 months kept: not written only to be swept away.
        [
            days(500).format("%Y-%m-%dT%H:%M:%SZ").to_string(),
            "192.0.2.10".into(),
            "login".into(),
            String::new(),
            "asa.oberg@exempel.se".into(),
        ],
    ];
    let mut w = csv::WriterBuilder::new().delimiter(b';').terminator(csv::Terminator::CRLF).from_writer(vec![]);
    for r in
        fixed.iter().map(|r| r.iter().map(String::as_str).collect::<Vec<_>>()).chain(rows.iter().map(|r| r.to_vec()))
    {
        w.write_record(&r).expect("row");
    }
    text.push_str(&String::from_utf8(w.into_inner().expect("csv")).expect("utf-8"));
    std::fs::write(file, text).expect("write the log");
    file.to_owned()
}

async fn web_activity_comes_from_the_site_s_log(kind: Kind) {
    use chrono::TimeZone;
    let t = register(kind).await;
    import(&t, ImportKind::Customers, &fixture("shopify-customers.csv"), &ImportOptions::default()).await;
    let dir = tempfile::tempdir().expect("dir");
    let now = chrono::DateTime::from_timestamp(chrono::Utc::now().timestamp(), 0).expect("now");
    let zone = t.reg.settings().await.expect("settings").time_zone();
    // To the minute, as a person would write it.
    let local = (now - chrono::Duration::days(8)).with_timezone(&zone).naive_local();
    let local = chrono::NaiveDateTime::parse_from_str(&local.format("%Y-%m-%d %H:%M").to_string(), "%Y-%m-%d %H:%M")
        .expect("to the minute");
    let log = web_log(&dir.path().join("webblogg.csv"), now, &local.format("%Y-%m-%d %H:%M").to_string(), &[]);
    let none = ImportOptions::default();
    let r = import(&t, ImportKind::WebEvents, &log, &none).await;
    assert_eq!((r.format, r.source.delimiter.as_str(), r.rows), (ImportFormat::Generic, ";", 4));
    assert_eq!((r.added, r.skipped, r.rejected, r.committed), (3, 1, 0, true), "{:?}", r.problems);
    assert_eq!(r.notices.len(), 1);
    assert!(r.notices[0].message.contains("older than the 13 months"), "{:?}", r.notices);
    assert_eq!(r.notices[0].line, 5);
    // Each event as written, in UTC, with the address in its canonical form.
    let page = |number: &'static str| {
        let reg = &t.reg;
        async move {
            let c = reg.find_customer(number).await.expect("customer");
            reg.customer_page(c.id).await.expect("page").web_events
        }
    };
    let asa = page("7012345678901").await;
    assert_eq!(asa.len(), 1);
    assert_eq!(
        (asa[0].occurred_at, asa[0].ip.as_str(), asa[0].action.as_str(), asa[0].user_agent.as_deref()),
        (now - chrono::Duration::days(10), "192.0.2.10", "login", Some("Mozilla/5.0 (Windows NT 10.0; Win64; x64)"))
    );
    let oyvind = page("7012345678902").await;
    assert_eq!(
        (oyvind[0].occurred_at, oyvind[0].ip.as_str(), oyvind[0].user_agent.as_deref()),
        (now - chrono::Duration::days(9), "2001:db8::1", None)
    );
    let mikko = page("7012345678903").await;
    let shop_time = zone.from_local_datetime(&local).earliest().expect("local time").with_timezone(&chrono::Utc);
    assert_eq!((mikko[0].occurred_at, mikko[0].action.as_str()), (shop_time, "newsletter signup; \"spring\""));
    // A second import of the same log adds nothing.
    let again = import(&t, ImportKind::WebEvents, &log, &none).await;
    assert_eq!((again.added, again.unchanged, again.skipped), (0, 3, 1));
    assert_eq!(page("7012345678901").await.len(), 1);

    // Bad rows: each named by line and column; nothing lands.
    let before = snapshot(&t).await;
    let future = (now + chrono::Duration::days(3)).format("%Y-%m-%dT%H:%M:%SZ").to_string();
    let recent = (now - chrono::Duration::days(1)).format("%Y-%m-%dT%H:%M:%SZ").to_string();
    let bad = web_log(
        &dir.path().join("felaktig.csv"),
        now - chrono::Duration::days(1),
        &local.format("%Y-%m-%d %H:%M").to_string(),
        &[
            ["igår kväll", "192.0.2.1", "login", "", "asa.oberg@exempel.se"],
            [&recent, "192.0.2.300", "login", "", "asa.oberg@exempel.se"],
            [&recent, "192.0.2.1", "", "", "asa.oberg@exempel.se"],
            [&recent, "192.0.2.1", "login", "", "okand@exempel.se"],
            [&future, "192.0.2.1", "login", "", "asa.oberg@exempel.se"],
            ["i morgon", "999.1.1.1", "", "", "okand@exempel.se"],
        ],
    );
    let r = import(&t, ImportKind::WebEvents, &bad, &none).await;
    assert!(!r.committed);
    let got: Vec<String> = r.problems.iter().map(|p| p.display("felaktig.csv")).collect();
    assert_eq!(
        got,
        vec![
            "felaktig.csv:6: Timestamp: `igår kväll` is not a time (write 2025-03-01 10:22, or with its offset 2025-03-01T10:22:01+01:00)".to_owned(),
            "felaktig.csv:7: IP_Address: `192.0.2.300` is not an IP address".to_owned(),
            "felaktig.csv:8: Event: a row needs an action".to_owned(),
            "felaktig.csv:9: Email: no customer `okand@exempel.se` in the register (import the customers first)".to_owned(),
            // Said on the shop's clock, as a log's local times are written.
            format!("felaktig.csv:10: Timestamp: {} is in the future", (now + chrono::Duration::days(3)).with_timezone(&zone).format("%Y-%m-%d %H:%M")),
            // Every problem of one row, left to right.
            "felaktig.csv:11: Timestamp: `i morgon` is not a time (write 2025-03-01 10:22, or with its offset 2025-03-01T10:22:01+01:00)".to_owned(),
            "felaktig.csv:11: IP_Address: `999.1.1.1` is not an IP address".to_owned(),
            "felaktig.csv:11: Event: a row needs an action".to_owned(),
            "felaktig.csv:11: Email: no customer `okand@exempel.se` in the register (import the customers first)".to_owned(),
        ]
    );
    assert_eq!(snapshot(&t).await, before, "all or nothing: the register is as it was");
    // The shop platforms export no web activity.
    let shopify = ImportOptions { format: Some(ImportFormat::Shopify), ..ImportOptions::default() };
    let cancel = AtomicBool::new(false);
    let e =
        t.reg.import(&log, ImportKind::WebEvents, &shopify, &mut |_| {}, &cancel).await.expect_err("no Shopify log");
    assert!(e.to_string().contains("generic"), "{e}");

    // An erased person's activity is not brought back; what was imported is audited and kept 13 months.
    let mikko_id = t.reg.find_customer("7012345678903").await.expect("Mikko").id;
    let audited = kundvakt_core::audit::history(t.reg.store(), mikko_id).await.expect("history");
    assert!(audited.iter().any(|e| e.entry.action == "web_event.add"), "each event is audited");
    t.reg.erase_customer(mikko_id, None).await.expect("erase");
    let r = import(&t, ImportKind::WebEvents, &log, &none).await;
    assert_eq!((r.added, r.unchanged, r.skipped), (0, 2, 2), "{r:?}");
    assert!(r.notices.iter().any(|n| n.line == 4 && n.message.contains("erased")), "{:?}", r.notices);
    let due = t.reg.retention_due((now + chrono::Duration::days(400)).date_naive()).await.expect("due");
    let web: Vec<_> = due.items.iter().filter(|i| i.entity == RecordKind::WebEvent).collect();
    assert_eq!(web.len(), 2, "{web:?}");
    let v = kundvakt_core::audit::verify(t.reg.store()).await.expect("verify");
    assert!(v.broken.is_none());
}

/// A bulk load leaves PostgreSQL's statistics and visibility map behind:
/// an import of a thousand customers or more vacuums and analyses the
/// tables it writes at once, a small one leaves them to autovacuum. SQLite's
/// statistics are not taken (store/statistics.rs).
async fn a_bulk_import_settles_the_tables(kind: Kind) {
    let t = register(kind).await;
    let dir = tempfile::tempdir().expect("dir");
    let write = |name: &str, n: usize| {
        let file = dir.path().join(name);
        let rows: String = (0..n).map(|i| format!("{name}-{i},Kund {i} {name},{name}{i}@exempel.se\n")).collect();
        std::fs::write(&file, format!("customer_number,name,email\n{rows}")).expect("write");
        file
    };
    let settled = match kind {
        Kind::Sqlite => "SELECT COUNT(*) FROM sqlite_master WHERE name = 'sqlite_stat1'",
        Kind::Postgres => {
            "SELECT COUNT(*) FROM pg_stat_user_tables WHERE relname IN ('customers', 'customer_search') \
             AND last_analyze IS NOT NULL AND last_vacuum IS NOT NULL"
        }
    };
    let small = import(&t, ImportKind::Customers, &write("s", 10), &ImportOptions::default()).await;
    assert_eq!((small.added, small.committed), (10, true));
    assert_eq!(common::scalar(&t.location, settled).await, 0, "ten rows are no bulk load");
    let bulk = import(&t, ImportKind::Customers, &write("b", 1000), &ImportOptions::default()).await;
    assert_eq!((bulk.added, bulk.committed), (1000, true));
    let want = match kind {
        Kind::Sqlite => 0,
        Kind::Postgres => 2,
    };
    assert_eq!(common::scalar(&t.location, settled).await, want, "settled after the bulk load");
    assert_eq!(t.reg.search_customers("kund 999 b", 5).await.expect("search").len(), 1);
}

on_both_backends!(
    a_bulk_import_settles_the_tables,
    shop_exports_come_in_whole,
    bad_rows_are_each_named_and_nothing_changes,
    erased_people_are_not_brought_back,
    a_file_never_clears_what_it_does_not_say,
    the_accountant_s_export_adds_up,
    web_activity_comes_from_the_site_s_log,
    the_web_shop_s_marketing_choices_become_consents
);

/// On SQLite the search words' foreign key is checked when the import commits
/// (migration 10), so a failure can come at COMMIT itself. A trigger plants a
/// word of a customer that does not exist: the import must fail with the
/// database's reason, leave the register byte for byte as it was, and leave
/// it usable.
#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_failure_at_commit_changes_nothing() {
    let t = register(Kind::Sqlite).await;
    import(&t, ImportKind::Customers, &fixture("shopify-customers.csv"), &ImportOptions::default()).await;
    let Location::Sqlite(db) = &t.location else { unreachable!("a SQLite register") };
    common::sqlite3(
        db,
        "CREATE TRIGGER plant_orphan AFTER INSERT ON customers WHEN NEW.name = 'Fel Vid Commit' BEGIN \
         INSERT INTO customer_search (token, name_key, customer_id) VALUES ('orphan', 'orphan', 999999999); END;",
    );
    let before = snapshot(&t).await;
    let dir = tempfile::tempdir().expect("dir");
    let file = dir.path().join("kunder.csv");
    std::fs::write(&file, "customer_number,name,email\nC-1,Ny Kund,ny@exempel.se\nC-2,Fel Vid Commit,fel@exempel.se\n")
        .expect("write");
    let cancel = AtomicBool::new(false);
    let failed = t.reg.import(&file, ImportKind::Customers, &ImportOptions::default(), &mut |_| {}, &cancel).await;
    let error = failed.expect_err("the commit fails").to_string();
    assert!(error.contains("FOREIGN KEY"), "{error}");
    assert_eq!(snapshot(&t).await, before, "nothing of the failed import is left");
    assert!(t.reg.search_customers("ny kund", 10).await.expect("search").is_empty());
    // The register goes on: without the trigger, the same file lands.
    common::sqlite3(db, "DROP TRIGGER plant_orphan;");
    let r = import(&t, ImportKind::Customers, &file, &ImportOptions::default()).await;
    assert_eq!((r.added, r.committed), (2, true));
    assert_eq!(t.reg.search_customers("fel vid", 10).await.expect("search").len(), 1);
    let chain = kundvakt_core::audit::verify(t.reg.store()).await.expect("verify");
    assert!(chain.broken.is_none(), "the chain is whole: {chain:?}");
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn skip_invalid_lands_the_good_rows_and_files_the_rest() {
    let t = register(Kind::Sqlite).await;
    let dir = tempfile::tempdir().expect("dir");
    let file = dir.path().join("kunder.csv");
    std::fs::copy(fixture("bad-customers.csv"), &file).expect("copy");
    let options = ImportOptions { skip_invalid: true, ..ImportOptions::default() };
    let r = import(&t, ImportKind::Customers, &file, &options).await;
    assert_eq!((r.added, r.rejected, r.committed), (1, 7, true));
    let rejected = dir.path().join("kunder.rejected.csv");
    assert_eq!(r.rejected_file.as_deref(), Some(rejected.to_str().expect("path")));
    let mut reader = csv::Reader::from_path(&rejected).expect("rejected file");
    // Why, in the register's language (Swedish here), as the shop's own file is a document to it.
    assert_eq!(reader.headers().expect("header").iter().next_back(), Some("fel"));
    let rows: Vec<csv::StringRecord> = reader.records().map(|r| r.expect("row")).collect();
    assert_eq!(rows.len(), 7);
    assert_eq!(&rows[0][0], "B-2");
    assert_eq!(&rows[0][9], "rad 3: name: en kund behöver ett namn");
    // A row with several problems is set aside once, with each of them.
    assert_eq!(&rows[6][0], "B-8");
    assert_eq!(
        &rows[6][9],
        "rad 9: name: en kund behöver ett namn; phone: `070 abc` är inget telefonnummer (bara siffror, \
         mellanslag och + - ( )); country: `Narnia` är ingen landskod enligt ISO 3166 (SE, NO, ...) eller namnet \
         på ett land; language: `fi` är inget språk som stöds (sv, nb, en)"
    );
}

/// A quote that opens a field and is never closed (a line item "5" screen"
/// typed with the quote first) takes the rest of the file into that field.
/// The import names the quote's line and the file's last, rather than a
/// line break in the field; with `--skip-invalid` the rows before it land
/// and the rest is set aside whole, to be mended and imported.
#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_quote_never_closed_is_named_where_it_opens() {
    let t = register(Kind::Sqlite).await;
    import(
        &t,
        ImportKind::Customers,
        &fixture("generic-customers.tsv"),
        &ImportOptions { map: generic_mapping(), ..ImportOptions::default() },
    )
    .await;
    let dir = tempfile::tempdir().expect("dir");
    let file = dir.path().join("ordrar.csv");
    // A quote inside a field, not at its start, is a character like any other (line 2).
    let text = "order_number,order_date,customer_number,total,currency,line_quantity,line_unit_price,\
                line_description\r\n\
                Q-1,2024-03-15,G-1,100.00,SEK,1,100.00,TV 55\" skärm\r\n\
                Q-2,2024-03-16,G-1,100.00,SEK,1,100.00,\"Kabel \"\"HDMI\"\", 2 m\"\r\n\
                \r\n\
                Q-3,2024-03-17,G-1,100.00,SEK,1,100.00,\"Stativ\r\n\
                Q-4,2024-03-18,G-1,100.00,SEK,1,100.00,Fjärrkontroll\r\n";
    std::fs::write(&file, text).expect("write");
    let before = snapshot(&t).await;
    let r = import(&t, ImportKind::Orders, &file, &ImportOptions::default()).await;
    let got: Vec<String> = r.problems.iter().map(|p| p.display("ordrar.csv")).collect();
    assert_eq!(
        got,
        ["ordrar.csv:5: line_description: a quote opens this field and is never closed, so the rest of the \
          file, through line 6, was read into it and not as rows; close the quote, or remove it"]
    );
    assert_eq!((r.rows, r.added, r.rejected, r.committed), (3, 2, 1, false));
    assert_eq!(snapshot(&t).await, before, "all or nothing");

    let options = ImportOptions { skip_invalid: true, ..ImportOptions::default() };
    let r = import(&t, ImportKind::Orders, &file, &options).await;
    assert_eq!((r.added, r.rejected, r.committed), (2, 1, true));
    let mut descriptions: Vec<String> = t
        .reg
        .customer_page(t.reg.find_customer("G-1").await.expect("G-1").id)
        .await
        .expect("page")
        .orders
        .iter()
        .filter(|o| o.number.starts_with("Q-"))
        .flat_map(|o| o.lines.iter().map(|l| l.description.clone()))
        .collect();
    descriptions.sort();
    assert_eq!(descriptions, ["Kabel \"HDMI\", 2 m", "TV 55\" skärm"]);
    // Set aside whole: the rows the open quote took in are in its field, for the shop to mend.
    let mut rejected = csv::Reader::from_path(dir.path().join("ordrar.rejected.csv")).expect("set aside");
    let rows: Vec<csv::StringRecord> = rejected.records().map(|r| r.expect("row")).collect();
    assert_eq!(rows.len(), 1);
    assert_eq!(&rows[0][0], "Q-3");
    assert_eq!(&rows[0][7], "Stativ\r\nQ-4,2024-03-18,G-1,100.00,SEK,1,100.00,Fjärrkontroll\r\n");
}

/// A quote left open early in a large file, or a file that is one endless
/// line, would be read into a single field, all of it held in memory: the
/// reading stops a megabyte into such a record and names where it starts,
/// and nothing is imported.
#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_record_that_runs_on_for_a_megabyte_stops_the_import_at_its_line() {
    let t = register(Kind::Sqlite).await;
    let before = snapshot(&t).await;
    let dir = tempfile::tempdir().expect("dir");
    let file = dir.path().join("kunder.csv");
    let mut text =
        String::from("customer_number,name,email\r\nK-1,Åsa Öberg,asa@exempel.se\r\nK-2,\"Öppen,b@exempel.se\r\n");
    for i in 3..60_000 {
        text.push_str(&format!("K-{i},Kund {i},kund{i}@exempel.se\r\n"));
    }
    std::fs::write(&file, &text).expect("write");
    let cancel = AtomicBool::new(false);
    for dry_run in [true, false] {
        let options = ImportOptions { dry_run, skip_invalid: !dry_run, ..ImportOptions::default() };
        let refused = t.reg.import(&file, ImportKind::Customers, &options, &mut |_| {}, &cancel).await;
        let error = refused.expect_err("refused").to_string();
        assert_eq!(
            error,
            format!(
                "{}:3: a quote opens a field here and is not closed in the 1 MB of the file after it, so the rest \
                 of the file would be read into that one field; close the quote, or remove it",
                file.display()
            )
        );
    }
    assert!(!dir.path().join("kunder.rejected.csv").exists());
    assert_eq!(snapshot(&t).await, before, "nothing imported");

    // One line with no end, past the header.
    let endless = dir.path().join("logg.csv");
    std::fs::write(&endless, format!("name,email\nÅsa,a@exempel.se\n{}", "x;".repeat(600_000))).expect("write");
    let refused = t.reg.import(&endless, ImportKind::Customers, &ImportOptions::default(), &mut |_| {}, &cancel).await;
    let error = refused.expect_err("refused").to_string();
    assert!(
        error.starts_with(&format!("{}:3: the row that starts here runs on for more than 1 MB", endless.display())),
        "{error}"
    );
    // A header that long is no header: named at line 1.
    std::fs::write(&endless, "x".repeat(1_100_000)).expect("write");
    let refused = t.reg.import(&endless, ImportKind::Customers, &ImportOptions::default(), &mut |_| {}, &cancel).await;
    let error = refused.expect_err("refused").to_string();
    assert!(error.starts_with(&format!("{}:1: the row", endless.display())), "{error}");
    assert_eq!(snapshot(&t).await, before);
}

/// A stray quote that a quote rows later closes makes one field of the lines
/// between: the row is named with those lines and the quote that is likely
/// open, not by what the swallowed lines then broke.
#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_quote_closed_rows_later_is_named_with_its_lines() {
    let t = register(Kind::Sqlite).await;
    let dir = tempfile::tempdir().expect("dir");
    let file = dir.path().join("kunder.csv");
    let text = "customer_number;name;email;city\n\
                Q-1;\"Stina Berg;stina@exempel.se;Falun\n\
                Q-2;Olle Dahl;olle@exempel.se;Mora\n\
                Q-3;\"Ada Ek\";ada@exempel.se;Rättvik\n\
                Q-4;Bo Lind;bo@exempel.se;Leksand\n";
    std::fs::write(&file, text).expect("write");
    let r = import(&t, ImportKind::Customers, &file, &ImportOptions::default()).await;
    let got: Vec<String> = r.problems.iter().map(|p| p.display("kunder.csv")).collect();
    assert_eq!(
        got,
        ["kunder.csv:2: name: runs from line 2 to line 4, from a quote to the next one: a quote on line 2 is likely \
          missing its closing quote"]
    );
    assert_eq!((r.added, r.rejected, r.committed), (1, 1, false), "Bo Lind would land; nothing does");
}

/// The rows set aside are written as the shop's file was (Windows-1252 with
/// `;`, as a Nordic spreadsheet saves it), so that the file opens where the
/// export did; mended there, it imports.
#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn the_rows_set_aside_are_written_as_the_file_was_and_import_once_mended() {
    let t = register(Kind::Sqlite).await;
    let dir = tempfile::tempdir().expect("dir");
    let file = dir.path().join("kunder.csv");
    // Windows-1252 writes å, ä, ö, Å, Ä, Ö as Latin-1 does: one byte each.
    let latin1 = |s: &str| s.chars().map(|c| u8::try_from(u32::from(c)).expect("Latin-1")).collect::<Vec<u8>>();
    let text = "customer_number;name;email\r\nK-1;Åsa Öberg;asa@exempel.se\r\nK-2;Östen Ärlig;östen(at)exempel.se\r\n";
    std::fs::write(&file, latin1(text)).expect("write");
    let options = ImportOptions { skip_invalid: true, ..ImportOptions::default() };
    let r = import(&t, ImportKind::Customers, &file, &options).await;
    assert_eq!((r.source.encoding, r.source.delimiter.as_str()), (TextEncoding::Windows1252, ";"));
    assert_eq!((r.added, r.rejected), (1, 1));
    // The rows set aside, read as Windows-1252 (each byte the Latin-1 character).
    let set_aside = |name: &str| {
        let bytes = std::fs::read(dir.path().join(name)).expect("the rows set aside");
        assert!(std::str::from_utf8(&bytes).is_err(), "Windows-1252, as the file was");
        bytes.iter().map(|b| char::from(*b)).collect::<String>()
    };
    let lines = |text: &str| text.lines().map(|l| l.trim_end_matches('\r').to_owned()).collect::<Vec<_>>();
    let rejected = dir.path().join("kunder.rejected.csv");
    let back = set_aside("kunder.rejected.csv");
    assert_eq!(
        lines(&back),
        [
            "customer_number;name;email;fel",
            "K-2;Östen Ärlig;östen(at)exempel.se;rad 3: email: `östen(at)exempel.se` är ingen giltig e-postadress"
        ]
    );
    // Mended where it was opened, and saved as it came.
    std::fs::write(&rejected, latin1(&back.replace("östen(at)exempel.se;", "osten@exempel.se;"))).expect("mend");
    let again = import(&t, ImportKind::Customers, &rejected, &ImportOptions::default()).await;
    assert_eq!((again.added, again.rejected, again.committed), (1, 0, true));
    let osten = t.reg.find_customer("K-2").await.expect("Östen, mended");
    assert_eq!((osten.name.as_deref(), osten.email.as_deref()), (Some("Östen Ärlig"), Some("osten@exempel.se")));
    assert!(!dir.path().join("kunder.rejected.rejected.csv").exists(), "nothing set aside the second time");
    // The window asks for the reasons in its own language: the mender's, not the register's.
    let norsk = dir.path().join("kunder-no.csv");
    std::fs::write(&norsk, latin1("customer_number;name;email\r\nK-3;Åse Ødegård;ase(at)eksempel.no\r\n"))
        .expect("write");
    let options = ImportOptions { skip_invalid: true, language: Some(Language::Nb), ..ImportOptions::default() };
    assert_eq!(import(&t, ImportKind::Customers, &norsk, &options).await.rejected, 1);
    assert_eq!(
        lines(&set_aside("kunder-no.rejected.csv")),
        [
            "customer_number;name;email;feil",
            "K-3;Åse Ødegård;ase(at)eksempel.no;linje 2: email: `ase(at)eksempel.no` er ikke en gyldig e-postadresse"
        ]
    );
}

/// Shopify's customer export as it was before 2023 ("Accepts Marketing",
/// "Address1", "Country Code", no customer id) is still Shopify's: the
/// addresses come in, and the rows match by e-mail the customers a newer
/// export brought.
#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn shopify_s_older_customer_export_is_recognised() {
    let t = register(Kind::Sqlite).await;
    let none = ImportOptions::default();
    let r = import(&t, ImportKind::Customers, &fixture("shopify-customers-2022.csv"), &none).await;
    assert_eq!((r.format, r.rows, r.added, r.committed), (ImportFormat::Shopify, 2, 2, true), "{:?}", r.problems);
    let found = t.reg.search_customers("oyvind", 5).await.expect("search");
    let oyvind = t.reg.customer_page(found[0].id).await.expect("page").customer;
    assert_eq!(
        (oyvind.street.as_deref(), oyvind.postal_code.as_deref(), oyvind.city.as_deref(), oyvind.country.as_deref()),
        (Some("Kirkegata 5"), Some("0153"), Some("Oslo"), Some("NO"))
    );
    let asa = t.reg.search_customers("asa oberg", 5).await.expect("search");
    let asa = t.reg.customer_page(asa[0].id).await.expect("page").customer;
    assert_eq!(asa.street.as_deref(), Some("Storgatan 1, lgh 1102"));
    assert_eq!(asa.phone.as_deref(), Some("+46701234567"));
    // The newer export of the same shop names them by Shopify's ids, which the
    // register does not know: the same people, found by e-mail, keep their
    // numbers, and Shopify's ids are kept as the shop's numbers of them.
    let newer = import(&t, ImportKind::Customers, &fixture("shopify-customers.csv"), &none).await;
    assert_eq!((newer.added, newer.updated, newer.unchanged), (1, 2, 0), "{:?}", newer.problems);
    let asa_page = t.reg.customer_page(asa.id).await.expect("page");
    assert_eq!(asa_page.shop_numbers, ["7012345678901"]);
    let again = import(&t, ImportKind::Customers, &fixture("shopify-customers.csv"), &none).await;
    assert_eq!((again.added, again.unchanged), (0, 3));
    let numbers: Vec<String> =
        t.reg.list_customers(0, 10).await.expect("list").items.into_iter().map(|c| c.number).collect();
    assert_eq!(numbers.len(), 3);
    assert!(numbers.contains(&asa.number) && numbers.contains(&oyvind.number), "{numbers:?}");
    // Someone else of the same e-mail address is not merged into Åsa: the row is refused as the e-mail's.
    let dir = tempfile::tempdir().expect("dir");
    let other = dir.path().join("kunder.csv");
    std::fs::write(&other, "customer_number,name,email,city\nX-9,Per Öberg,asa.oberg@exempel.se,Falun\nX-10,Åsa Öberg,asa.oberg@exempel.se,Gävle\n")
        .expect("write");
    let before = snapshot(&t).await;
    let r = import(&t, ImportKind::Customers, &other, &none).await;
    let got: Vec<String> = r.problems.iter().map(|p| p.display("kunder.csv")).collect();
    assert_eq!(
        got,
        [format!(
            "kunder.csv:2: email: customer {} has the e-mail asa.oberg@exempel.se under another name; a file changes \
             a customer's name only in a row with their customer number",
            asa.number
        )]
    );
    assert_eq!(snapshot(&t).await, before, "refused whole");
}

/// What a spreadsheet saves as "Unicode text": UTF-16 (little-endian, with
/// its byte-order mark), tab-separated, CRLF. It is read as such, and the rows
/// set aside are written back the same way, so that the spreadsheet opens them.
#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_spreadsheet_s_unicode_text_is_read_and_set_aside_as_it_came() {
    let t = register(Kind::Sqlite).await;
    let dir = tempfile::tempdir().expect("dir");
    let utf16 = |text: &str| {
        let mut bytes = vec![0xFF, 0xFE];
        bytes.extend(text.encode_utf16().flat_map(u16::to_le_bytes));
        bytes
    };
    let file = dir.path().join("kunder.txt");
    let text = "customer_number\tname\temail\tcity\r\nK-1\tÅsa Öberg\tasa@exempel.se\tGävle\r\n\
                K-2\tØystein Ærø\toystein(at)eksempel.no\tTromsø\r\nK-3\tMikko Hyvärinen 😀\tmikko@esimerkki.fi\tÅbo\r\n";
    std::fs::write(&file, utf16(text)).expect("write");
    let options = ImportOptions { skip_invalid: true, ..ImportOptions::default() };
    let r = import(&t, ImportKind::Customers, &file, &options).await;
    assert_eq!((r.source.encoding, r.source.delimiter.as_str()), (TextEncoding::Utf16Le, "\t"));
    assert_eq!((r.rows, r.added, r.rejected, r.committed), (3, 2, 1, true), "{:?}", r.problems);
    let asa = t.reg.find_customer("K-1").await.expect("Åsa");
    assert_eq!((asa.name.as_deref(), asa.city.as_deref()), (Some("Åsa Öberg"), Some("Gävle")));
    let mikko = t.reg.find_customer("K-3").await.expect("Mikko, past the surrogate pair");
    assert_eq!((mikko.name.as_deref(), mikko.city.as_deref()), (Some("Mikko Hyvärinen 😀"), Some("Åbo")));
    // The row set aside: UTF-16 with its mark, as the file was, named by its line.
    let rejected = std::fs::read(dir.path().join("kunder.rejected.csv")).expect("the rows set aside");
    assert_eq!(rejected[..2], [0xFF, 0xFE], "little-endian, with its byte-order mark");
    let units: Vec<u16> = rejected[2..].chunks_exact(2).map(|p| u16::from_le_bytes([p[0], p[1]])).collect();
    let back = String::from_utf16(&units).expect("UTF-16");
    assert_eq!(
        back.lines().map(|l| l.trim_end_matches('\r')).collect::<Vec<_>>(),
        [
            "customer_number\tname\temail\tcity\tfel",
            "K-2\tØystein Ærø\toystein(at)eksempel.no\tTromsø\trad 3: email: `oystein(at)eksempel.no` är ingen giltig e-postadress"
        ]
    );
}

/// Some programs write UTF-16 without its byte-order mark: the NUL beside
/// each ASCII character says which end comes first, and the rows set aside
/// are written back in the same order, with the mark that names it.
#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn unicode_text_without_its_mark_is_read_too() {
    let t = register(Kind::Sqlite).await;
    let dir = tempfile::tempdir().expect("dir");
    let file = dir.path().join("kunder.csv");
    let text = "customer_number,name,email,city\nK-1,Åsa Öberg,asa@exempel.se,Gävle\n\
                K-2,Øystein Ærø,oystein(at)eksempel.no,Tromsø\n";
    std::fs::write(&file, text.encode_utf16().flat_map(u16::to_be_bytes).collect::<Vec<u8>>()).expect("write");
    let all_or_nothing = import(&t, ImportKind::Customers, &file, &ImportOptions::default()).await;
    assert_eq!((all_or_nothing.source.encoding, all_or_nothing.committed), (TextEncoding::Utf16Be, false));
    assert_eq!(all_or_nothing.problems.len(), 1, "{:?}", all_or_nothing.problems);
    let problem = all_or_nothing.problems[0].display("kunder.csv");
    assert!(problem.starts_with("kunder.csv:3: email: `oystein(at)eksempel.no`"), "{problem}");
    assert!(t.reg.find_customer("K-1").await.is_err(), "nothing landed");
    let options = ImportOptions { skip_invalid: true, ..ImportOptions::default() };
    let r = import(&t, ImportKind::Customers, &file, &options).await;
    assert_eq!((r.added, r.rejected), (1, 1), "{:?}", r.problems);
    let asa = t.reg.find_customer("K-1").await.expect("Åsa");
    assert_eq!((asa.name.as_deref(), asa.city.as_deref()), (Some("Åsa Öberg"), Some("Gävle")));
    let rejected = std::fs::read(dir.path().join("kunder.rejected.csv")).expect("the row set aside");
    assert_eq!(rejected[..4], [0xFE, 0xFF, 0, b'c'], "big-endian, now with its mark");
}

/// Excel for Mac saves plain "CSV" in Mac OS Roman, where å is 0x8C (Œ in
/// Windows-1252): such a file is read as it was saved, and its rows set aside
/// are written back the same way.
#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn excel_for_mac_s_csv_is_read_as_mac_os_roman() {
    let t = register(Kind::Sqlite).await;
    let dir = tempfile::tempdir().expect("dir");
    let mac = |text: &str| -> Vec<u8> {
        let nordic = [('Ä', 0x80), ('Å', 0x81), ('Ö', 0x85), ('ä', 0x8A), ('å', 0x8C), ('ö', 0x9A)];
        let other = [('Æ', 0xAE), ('Ø', 0xAF), ('æ', 0xBE), ('ø', 0xBF)];
        text.chars()
            .map(|c| match nordic.iter().chain(&other).find(|(n, _)| *n == c) {
                Some((_, byte)) => *byte,
                None => u8::try_from(c).expect("ASCII"),
            })
            .collect()
    };
    let file = dir.path().join("kunder.csv");
    let text = "customer_number;name;email;city\rK-1;Åsa Öberg;asa@exempel.se;Gävle\r\
                K-2;Øystein Ærø;oystein(at)eksempel.no;Tromsø\rK-3;Märta Ängström;marta@exempel.se;Umeå\r";
    std::fs::write(&file, mac(text)).expect("write");
    let options = ImportOptions { skip_invalid: true, ..ImportOptions::default() };
    let r = import(&t, ImportKind::Customers, &file, &options).await;
    assert_eq!((r.source.encoding, r.source.delimiter.as_str()), (TextEncoding::MacRoman, ";"));
    assert_eq!((r.rows, r.added, r.rejected), (3, 2, 1), "{:?}", r.problems);
    let asa = t.reg.find_customer("K-1").await.expect("Åsa");
    assert_eq!((asa.name.as_deref(), asa.city.as_deref()), (Some("Åsa Öberg"), Some("Gävle")));
    let marta = t.reg.find_customer("K-3").await.expect("Märta");
    assert_eq!((marta.name.as_deref(), marta.city.as_deref()), (Some("Märta Ängström"), Some("Umeå")));
    let back = std::fs::read(dir.path().join("kunder.rejected.csv")).expect("the rows set aside");
    let want = mac(
        "K-2;Øystein Ærø;oystein(at)eksempel.no;Tromsø;rad 3: email: `oystein(at)eksempel.no` är ingen giltig e-postadress",
    );
    assert!(back.windows(want.len()).any(|w| w == want.as_slice()), "{:?}", String::from_utf8_lossy(&back));

    // Names in capitals alone (Ä and Ö are € and … in Windows-1252): still Mac OS Roman.
    let capitals = dir.path().join("versaler.csv");
    let text = "customer_number;name;email;city\rK-4;ÖRJAN ÄNG;orjan@exempel.se;ÖREBRO\r";
    std::fs::write(&capitals, mac(text)).expect("write");
    let r = import(&t, ImportKind::Customers, &capitals, &ImportOptions::default()).await;
    assert_eq!((r.source.encoding, r.added), (TextEncoding::MacRoman, 1), "{:?}", r.problems);
    let orjan = t.reg.find_customer("K-4").await.expect("Örjan");
    assert_eq!((orjan.name.as_deref(), orjan.city.as_deref()), (Some("ÖRJAN ÄNG"), Some("ÖREBRO")));
}

/// A file chosen by mistake (the workbook the CSV was to be saved from, a
/// PDF, a picture) is refused by what it is, and a file whose columns hold no
/// name is refused naming the file and its header line; nothing changes.
#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_file_that_is_no_csv_is_refused_by_what_it_is() {
    let t = register(Kind::Sqlite).await;
    import(&t, ImportKind::Customers, &fixture("shopify-customers.csv"), &ImportOptions::default()).await;
    let before = snapshot(&t).await;
    let dir = tempfile::tempdir().expect("dir");
    let shown = dir.path().display().to_string();
    let refused = |name: &'static str, bytes: Vec<u8>, kind: ImportKind| {
        let path = dir.path().join(name);
        let (reg, shown) = (&t.reg, &shown);
        async move {
            std::fs::write(&path, bytes).expect("write");
            let cancel = AtomicBool::new(false);
            let e =
                reg.import(&path, kind, &ImportOptions::default(), &mut |_| {}, &cancel).await.expect_err("refused");
            (e.code(), e.to_string().replace(shown.as_str(), "DIR"))
        }
    };
    let mut xlsx = b"PK\x03\x04\x14\x00\x06\x00".to_vec();
    xlsx.extend(b"[Content_Types].xml");
    let xls = vec![0xD0, 0xCF, 0x11, 0xE0, 0xA1, 0xB1, 0x1A, 0xE1, 0, 0];
    let png = vec![0x89, b'P', b'N', b'G', b'\r', b'\n', 0x1A, b'\n', 0, 0, 0, 0x0D];
    let workbook = "is not a CSV file: it is a spreadsheet workbook. Save it from the spreadsheet as CSV \
                    (“CSV UTF-8” where offered) and import that file";
    assert_eq!(
        refused("kunder.xlsx", xlsx, ImportKind::Customers).await,
        ("invalid", format!("DIR/kunder.xlsx: {workbook}"))
    );
    assert_eq!(
        refused("ordrar.xls", xls, ImportKind::Orders).await,
        ("invalid", format!("DIR/ordrar.xls: {workbook}"))
    );
    assert_eq!(
        refused("kunder.pdf", b"%PDF-1.7\n".to_vec(), ImportKind::Customers).await,
        (
            "invalid",
            "DIR/kunder.pdf: is not a CSV file: it is a PDF. Export the customers or orders from the web shop \
             as CSV and import that file"
                .to_owned()
        )
    );
    assert_eq!(
        refused("kunder.csv", png, ImportKind::Customers).await,
        (
            "invalid",
            "DIR/kunder.csv: is not a CSV file: it holds no text. Choose the CSV file the web shop exported".to_owned()
        )
    );
    assert_eq!(
        refused("adresser.csv", "Adress;Ort\nStorgatan 1;Gävle\n".as_bytes().to_vec(), ImportKind::Customers).await,
        (
            "invalid",
            "DIR/adresser.csv:1: header: no column holds name / first_name / last_name: \
             name one with --map COLUMN=name"
                .to_owned()
        )
    );
    assert_eq!(snapshot(&t).await, before, "nothing changed");
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_cancelled_import_changes_nothing() {
    let t = register(Kind::Sqlite).await;
    let dir = tempfile::tempdir().expect("dir");
    let file = dir.path().join("many.csv");
    let mut text = String::from("name,email\n");
    for i in 0..2500 {
        text.push_str(&format!("Kund {i},kund{i}@exempel.se\n"));
    }
    std::fs::write(&file, text).expect("write");
    let cancel = AtomicBool::new(true);
    // Setting bad rows aside starts their file; a cancel takes it away again.
    let skip = ImportOptions { skip_invalid: true, ..ImportOptions::default() };
    let e = t.reg.import(&file, ImportKind::Customers, &skip, &mut |_| {}, &cancel).await.expect_err("cancelled");
    assert_eq!(e.code(), "refused");
    assert_eq!(t.reg.list_customers(0, 1).await.expect("list").total, 0);
    let left: Vec<_> = std::fs::read_dir(dir.path()).expect("dir").map(|e| e.expect("entry").file_name()).collect();
    assert_eq!(left, ["many.csv"], "nothing beside the file");
    let mut seen = vec![];
    let none = AtomicBool::new(false);
    t.reg
        .import(&file, ImportKind::Customers, &ImportOptions::default(), &mut |p| seen.push(p), &none)
        .await
        .expect("import");
    assert!(seen.len() >= 2 && seen.last().is_some_and(|p| p.bytes == p.total_bytes), "{seen:?}");
    assert_eq!(t.reg.list_customers(0, 1).await.expect("list").total, 2500);
}

/// The rows are read and checked on a thread of their own, handed over in
/// chunks of 500: a file of several chunks keeps its order, its line numbers
/// and its last short chunk, refused whole or landed with the bad rows aside.
#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn rows_read_ahead_keep_their_lines_and_order() {
    let t = register(Kind::Sqlite).await;
    let dir = tempfile::tempdir().expect("dir");
    let file = dir.path().join("many.csv");
    let mut text = String::from("customer_number,name,email\n");
    // Line n + 2 holds customer n; three bad e-mails: the first row, one in the
    // third chunk, and the last row of the file, in a chunk of its own.
    let bad = [0, 1199, 2500];
    for i in 0..=2500 {
        let email = if bad.contains(&i) { format!("kund{i}(at)exempel.se") } else { format!("kund{i}@exempel.se") };
        text.push_str(&format!("K{i},Kund {i},{email}\n"));
    }
    std::fs::write(&file, text).expect("write");
    let refused = import(&t, ImportKind::Customers, &file, &ImportOptions::default()).await;
    assert!(!refused.committed);
    assert_eq!((refused.rows, refused.problem_count), (2501, 3));
    let lines: Vec<u64> = refused.problems.iter().map(|p| p.line).collect();
    assert_eq!(lines, [2, 1201, 2502]);
    assert!(refused.problems.iter().all(|p| p.column == "email"), "{:?}", refused.problems);
    assert_eq!(t.reg.list_customers(0, 1).await.expect("list").total, 0);

    let skip = ImportOptions { skip_invalid: true, ..ImportOptions::default() };
    let landed = import(&t, ImportKind::Customers, &file, &skip).await;
    assert!(landed.committed);
    assert_eq!((landed.added, landed.rejected), (2498, 3));
    let aside = std::fs::read_to_string(landed.rejected_file.expect("the rejected rows' file")).expect("read");
    let numbers: Vec<&str> = aside.lines().skip(1).filter_map(|l| l.split(',').next()).collect();
    assert_eq!(numbers, ["K0", "K1199", "K2500"], "{aside}");
    let page = t.reg.list_customers(0, 3000).await.expect("list");
    assert_eq!(page.total, 2498);
    let found = t.reg.search_customers("K1198", 5).await.expect("search");
    assert_eq!(found.first().map(|c| c.email.as_deref()), Some(Some("kund1198@exempel.se")));
}

#[test]
fn the_command_line_lists_every_problem_and_exits_1() {
    let dir = tempfile::tempdir().expect("dir");
    let db = dir.path().join("r.db").display().to_string();
    common::kv_ok(&db, &["init"]);
    let file = fixture("bad-customers.csv").display().to_string();
    let out = kv_output(&db, &["import", "customers", &file]);
    assert_eq!(out.status.code(), Some(1));
    let err = String::from_utf8_lossy(&out.stderr);
    let lines: Vec<&str> = err.lines().collect();
    assert_eq!(lines.len(), 11, "{err}");
    assert!(lines[0].ends_with("bad-customers.csv:3: name: a customer needs a name"), "{err}");
    assert!(
        lines[9].ends_with("bad-customers.csv:9: language: `fi` is not a supported language (sv, nb, en)"),
        "{err}"
    );
    assert!(lines[10].starts_with("error: ") && lines[10].contains("7 rows have problems; nothing"), "{err}");
    // The counts are of what the file would have done, not of what happened.
    let said = String::from_utf8_lossy(&out.stdout);
    assert!(said.contains(": 1 would be added, 0 updated"), "{said}");
    let out = kv_output(&db, &["customer", "list", "--json"]);
    let list: serde_json::Value = serde_json::from_slice(&out.stdout).expect("JSON");
    assert_eq!(list["total"], 0);
    let csv_out = dir.path().join("o.csv").display().to_string();
    let out = kv_output(&db, &["export", "orders", "--fiscal-year", "2025", "--format", "csv", "--out", &csv_out]);
    assert!(out.status.success(), "{}", String::from_utf8_lossy(&out.stderr));
    let out = kv_output(
        &db,
        &["export", "orders", "--from", "2025-02-01", "--to", "2025-01-01", "--format", "csv", "--out", &csv_out],
    );
    assert_eq!(out.status.code(), Some(1));
    // A folder, or a place in none, is named with what to do instead.
    let folder = dir.path().display().to_string();
    let out = kv_output(&db, &["export", "orders", "--fiscal-year", "2025", "--format", "csv", "--out", &folder]);
    let err = String::from_utf8_lossy(&out.stderr);
    assert!(err.contains("a folder: give the file's name in it"), "{err}");
    let nowhere = dir.path().join("saknas").join("o.csv").display().to_string();
    let out = kv_output(&db, &["export", "orders", "--fiscal-year", "2025", "--format", "csv", "--out", &nowhere]);
    let err = String::from_utf8_lossy(&out.stderr);
    assert!(
        err.contains(&format!("{}: no such folder: create it first", dir.path().join("saknas").display())),
        "{err}"
    );
    assert_eq!(out.status.code(), Some(1));
}

/// Shopify's "Accepts Email Marketing" and "Accepts SMS Marketing" become the
/// register's consents: a "yes" records one where none stands, dated by the
/// import and worded by the column; a "no" withdraws a standing one (whoever
/// unsubscribed in the web shop leaves the register's mailing list); the same
/// file again changes nothing; a value that is neither is refused at its
/// column, with nothing changed.
async fn the_web_shop_s_marketing_choices_become_consents(kind: Kind) {
    let t = register(kind).await;
    let none = ImportOptions::default();
    let dry = ImportOptions { dry_run: true, ..ImportOptions::default() };
    let before = snapshot(&t).await;
    let preview = import(&t, ImportKind::Customers, &fixture("shopify-customers.csv"), &dry).await;
    assert_eq!((preview.consents_given, preview.consents_withdrawn, preview.committed), (2, 0, false));
    assert_eq!(snapshot(&t).await, before, "a dry run records no consent");

    let r = import(&t, ImportKind::Customers, &fixture("shopify-customers.csv"), &none).await;
    assert_eq!((r.added, r.consents_given, r.consents_withdrawn), (3, 2, 0), "{:?}", r.problems);
    let consents_of = |number: &'static str| {
        let t = &t;
        async move {
            let c = t.reg.find_customer(number).await.expect("customer");
            t.reg.customer_page(c.id).await.expect("page").consents
        }
    };
    let asa = consents_of("7012345678901").await;
    let shown: Vec<(&str, &str, &str, bool)> = asa
        .iter()
        .map(|c| (c.purpose.as_str(), c.channel.as_str(), c.text_version.as_str(), c.withdrawn_at.is_none()))
        .collect();
    assert_eq!(
        shown,
        [(
            "newsletter",
            "web_shop",
            "lämnat i webbutiken senast detta datum (dess export: ”Accepts Email Marketing”)",
            true
        )]
    );
    assert!(consents_of("7012345678902").await.is_empty(), "Øyvind said no, and had nothing to withdraw");
    assert_eq!(consents_of("7012345678903").await.len(), 1, "Mikko, added in the same batch");

    let again = import(&t, ImportKind::Customers, &fixture("shopify-customers.csv"), &none).await;
    assert_eq!((again.unchanged, again.consents_given, again.consents_withdrawn), (3, 0, 0));

    let dir = tempfile::tempdir().expect("dir");
    let later = dir.path().join("customers_export.csv");
    std::fs::write(
        &later,
        "Customer ID,First Name,Last Name,Email,Accepts Email Marketing,Accepts SMS Marketing\n\
         7012345678901,Åsa,Öberg,asa.oberg@exempel.se,no,\n\
         7012345678902,Øyvind,Bråten,oyvind.braten@eksempel.no,no,yes\n",
    )
    .expect("write");
    let r = import(&t, ImportKind::Customers, &later, &none).await;
    assert_eq!((r.updated, r.consents_given, r.consents_withdrawn), (2, 1, 1), "{:?}", r.problems);
    let asa = consents_of("7012345678901").await;
    assert_eq!(asa.len(), 1, "the withdrawn consent stays as proof (Art. 7(1))");
    assert!(asa[0].withdrawn_at.is_some(), "{asa:?}");
    let oyvind = consents_of("7012345678902").await;
    assert_eq!(oyvind.iter().map(|c| c.purpose.as_str()).collect::<Vec<_>>(), ["sms"]);
    // The first file again, where Åsa still says yes: a consent withdrawn is
    // not given back by a file (its "no" for Øyvind's text messages withdraws that one).
    let stale = import(&t, ImportKind::Customers, &fixture("shopify-customers.csv"), &none).await;
    assert_eq!((stale.consents_given, stale.consents_withdrawn), (0, 1), "{:?}", stale.problems);
    let asa = consents_of("7012345678901").await;
    assert!(asa.len() == 1 && asa[0].withdrawn_at.is_some(), "{asa:?}");
    // Said at her row, so that the shop owner knows why the file's "yes" did nothing.
    let said: Vec<(u64, &str)> = stale.notices.iter().map(|n| (n.line, n.message.as_str())).collect();
    let number = t.reg.find_customer("7012345678901").await.expect("Åsa").number;
    let told = format!(
        "customer {number} withdrew their consent to newsletter in the register; the file's \"yes\" does not give \
         it back (GDPR Art. 7(3)): if they have consented again, record the new consent on their page"
    );
    assert_eq!(said, [(2, told.as_str())]);
    // Øyvind signed up for the newsletter on paper at a course; the web shop's
    // "no" may only mean he never ticked its box: withdrawn all the same, and said.
    let oyvind = t.reg.find_customer("7012345678902").await.expect("Øyvind");
    let paper = kundvakt_core::register::NewConsent {
        customer_id: oyvind.id,
        purpose: "newsletter".into(),
        text_version: "kursblankett 2026".into(),
        given_at: chrono::Utc::now() - chrono::Duration::days(2),
        channel: "letter".into(),
    };
    t.reg.add_consent(&paper).await.expect("consent on paper");
    let r = import(&t, ImportKind::Customers, &later, &none).await;
    assert_eq!((r.consents_given, r.consents_withdrawn), (0, 1), "{:?}", r.problems);
    let said: Vec<(u64, &str)> = r.notices.iter().map(|n| (n.line, n.message.as_str())).collect();
    let told = format!(
        "the file's \"no\" withdrew customer {}'s consent to newsletter, which they gave another way than in the \
         web shop (GDPR Art. 7(3)): if they did not unsubscribe in the web shop, record their consent again on their page",
        oyvind.number
    );
    // His text messages, withdrawn by the file before, are not given back by its "yes".
    let sms = format!(
        "customer {} withdrew their consent to sms in the register; the file's \"yes\" does not give it back (GDPR \
         Art. 7(3)): if they have consented again, record the new consent on their page",
        oyvind.number
    );
    assert_eq!(said, [(3, sms.as_str()), (3, told.as_str())]);

    let bad = dir.path().join("bad.csv");
    std::fs::write(
        &bad,
        "Customer ID,First Name,Last Name,Email,Accepts Email Marketing,Accepts SMS Marketing\n\
         7012345678903,Mikko,Järvinen,mikko.jarvinen@esimerkki.fi,no,\n\
         7012345678902,Øyvind,Bråten,oyvind.braten@eksempel.no,kanske,\n\
         7012345678904,Per,,per(at)exempel.se,ibland,kanske\n",
    )
    .expect("write");
    let before = snapshot(&t).await;
    let r = import(&t, ImportKind::Customers, &bad, &none).await;
    let got: Vec<String> = r.problems.iter().map(|p| p.display("bad.csv")).collect();
    assert_eq!(
        got,
        [
            "bad.csv:3: Accepts Email Marketing: `kanske` is neither yes nor no",
            // A row's every problem, its consents' too.
            "bad.csv:4: Email: `per(at)exempel.se` is not a valid e-mail address",
            "bad.csv:4: Accepts Email Marketing: `ibland` is neither yes nor no",
            "bad.csv:4: Accepts SMS Marketing: `kanske` is neither yes nor no",
        ]
    );
    assert!(!r.committed);
    assert_eq!(snapshot(&t).await, before, "Mikko's withdrawal is not half-written");

    // Audited as the register's own consents are, on the customer's history.
    let asa = t.reg.find_customer("7012345678901").await.expect("Åsa");
    let history = kundvakt_core::audit::history(t.reg.store(), asa.id).await.expect("history");
    let actions: Vec<&str> = history.iter().map(|e| e.entry.action.as_str()).collect();
    assert!(actions.contains(&"consent.give") && actions.contains(&"consent.withdraw"), "{actions:?}");
    assert_eq!(kundvakt_core::audit::verify(t.reg.store()).await.expect("verify").broken, None);
}
