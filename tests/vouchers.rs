//! The accountant's vouchers beyond the order history: the SIE 4I export (a
//! period's sales and credit notes as vouchers for a Swedish bookkeeping
//! program) and the invoice journal (every invoice, reminder and credit note).
//! The SIE file is read back here by a parser of its own (CP437, `#VER {
//! #TRANS }`): every voucher must balance, every account be declared, and the
//! accounts' sums agree with the register's own figures read by SQL. The
//! journal is read back by a CSV parser and against its JSON Schema. One
//! order is read with all its vouchers, as the accountant asks about it.

mod common;

use std::collections::BTreeMap;

use chrono::NaiveDate;
use common::{input, kv_output, register, Kind, TestRegister};
use kundvakt_core::export::ExportFormat;
use kundvakt_core::register::{InvoiceDraft, InvoiceKind, NewOrder, NewOrderLine, OrderStatus};
use kundvakt_core::retention::sweep::Batching;
use kundvakt_core::values::{Currency, CustomerId, Money};
use kundvakt_core::{Location, OpenMode, Register};

fn d(s: &str) -> NaiveDate {
    s.parse().expect("date")
}

/// One voucher of the file: its series, date, text and rows (account, öre).
#[derive(Debug)]
struct Voucher {
    series: String,
    date: String,
    text: String,
    rows: Vec<(u32, i64)>,
}

/// What a bookkeeping program would read: the head's records and the vouchers.
#[derive(Debug, Default)]
struct SieFile {
    head: Vec<Vec<String>>,
    accounts: BTreeMap<u32, String>,
    vouchers: Vec<Voucher>,
}

/// Splits a record into its fields: words, or quoted texts with `\"` inside.
fn fields(line: &str) -> Vec<String> {
    let (mut out, mut cur, mut quoted, mut escaped, mut any) = (vec![], String::new(), false, false, false);
    for c in line.trim().chars() {
        match c {
            _ if escaped => {
                cur.push(c);
                escaped = false;
            }
            '\\' if quoted => escaped = true,
            '"' => {
                quoted = !quoted;
                any = true;
            }
            ' ' | '\t' if !quoted => {
                if any || !cur.is_empty() {
                    out.push(std::mem::take(&mut cur));
                }
                any = false;
            }
            c => cur.push(c),
        }
    }
    if any || !cur.is_empty() {
        out.push(cur);
    }
    out
}

fn ore(amount: &str) -> i64 {
    let sek = kundvakt_core::values::Currency::parse("SEK").expect("SEK");
    kundvakt_core::import::values::amount(amount, sek).expect("an amount")
}

fn parse(bytes: &[u8]) -> SieFile {
    let text = oem_cp::decode_string_complete_table(bytes, &oem_cp::code_table::DECODING_TABLE_CP437);
    assert!(text.ends_with("\r\n"), "lines end in CR LF");
    let mut file = SieFile::default();
    let mut open: Option<Voucher> = None;
    let mut in_block = false;
    for line in text.split("\r\n").filter(|l| !l.trim().is_empty()) {
        assert!(!line.contains('\n'), "a lone LF in {line:?}");
        let f = fields(line);
        match f[0].as_str() {
            "#VER" => {
                assert!(open.is_none() && !in_block, "a #VER inside a voucher");
                assert_eq!(f[2], "", "4I: the receiving program numbers the voucher");
                open = Some(Voucher { series: f[1].clone(), date: f[3].clone(), text: f[4].clone(), rows: vec![] });
            }
            "{" => {
                assert!(open.is_some() && !in_block);
                in_block = true;
            }
            "#TRANS" => {
                assert!(in_block, "#TRANS outside a voucher");
                assert_eq!(f[2], "{}", "an empty object list");
                let account: u32 = f[1].parse().expect("an account number");
                open.as_mut().expect("voucher").rows.push((account, ore(&f[3])));
            }
            "}" => {
                assert!(in_block);
                in_block = false;
                file.vouchers.push(open.take().expect("voucher"));
            }
            "#KONTO" => {
                file.accounts.insert(f[1].parse().expect("account"), f[2].clone());
            }
            _ => {
                assert!(open.is_none(), "{line:?} inside a voucher");
                file.head.push(f);
            }
        }
    }
    assert!(open.is_none() && !in_block, "the last voucher is closed");
    file
}

/// One number from the register, read by SQL apart from the export's code.
async fn scalar(t: &TestRegister, sql: &str, dates: &[NaiveDate]) -> i64 {
    match &t.location {
        Location::Sqlite(path) => {
            let mut c = <sqlx::SqliteConnection as sqlx::Connection>::connect(&format!("sqlite:{}", path.display()))
                .await
                .expect("open");
            let mut q = sqlx::query_scalar(sql);
            for d in dates {
                q = q.bind(*d);
            }
            q.fetch_one(&mut c).await.expect("sum")
        }
        Location::Postgres(url) => {
            let mut c = <sqlx::PgConnection as sqlx::Connection>::connect(url).await.expect("connect");
            let mut q = sqlx::query_scalar(sql);
            for d in dates {
                q = q.bind(*d);
            }
            q.fetch_one(&mut c).await.expect("sum")
        }
    }
}

fn line(description: &str, quantity: i64, unit_price_minor: i64, vat_rate_bp: i64) -> NewOrderLine {
    NewOrderLine { description: description.into(), quantity, unit_price_minor, vat_rate_bp }
}

async fn order(
    t: &TestRegister,
    customer: CustomerId,
    number: &str,
    date: &str,
    (total, vat): (i64, Option<i64>),
    status: OrderStatus,
    lines: Vec<NewOrderLine>,
) {
    let sek = Currency::parse(if number.starts_with('E') { "EUR" } else { "SEK" }).expect("currency");
    t.reg
        .add_order(&NewOrder {
            customer_id: customer,
            number: number.into(),
            order_date: d(date),
            total: Money::new(total, sek),
            vat: vat.map(|v| Money::new(v, sek)),
            payment_provider: Some("Klarna".into()),
            payment_reference: None,
            status,
            lines,
        })
        .await
        .expect("order");
}

async fn invoice(
    t: &TestRegister,
    order: &str,
    kind: InvoiceKind,
    on: &str,
    amount: &str,
    credits: Option<&str>,
) -> String {
    let draft = InvoiceDraft {
        order: order.into(),
        number: String::new(),
        kind,
        issued_on: d(on),
        due_on: None,
        amount: amount.into(),
        credits: credits.map(str::to_owned),
    };
    t.reg.record_invoice(&draft).await.expect("invoice").number
}

async fn sales_and_credit_notes_become_balanced_vouchers(kind: Kind) {
    let t = register(kind).await;
    let dir = tempfile::tempdir().expect("dir");
    let out = dir.path().join("2025.si");
    let (from, to) = t.reg.fiscal_year(2025).await.expect("year");

    // SIE names the company; without a name the export says where to set it.
    let e = t.reg.export_orders(from, to, ExportFormat::Sie, false, &out).await.expect_err("no company name");
    assert!(e.to_string().starts_with("controller.name:"), "{e}");
    assert!(!out.exists() && std::fs::read_dir(dir.path()).expect("dir").next().is_none(), "nothing left behind");
    t.reg.set_setting("controller.name", "Blåbärsboden \"Norr\" AB").await.expect("name");
    t.reg.set_setting("controller.org_number", "556677-8899").await.expect("org");
    t.reg.set_setting("sie.series", "K").await.expect("series");

    let ada_c = t.reg.add_customer(&input("Ada Lind", "ada@exempel.se")).await.expect("Ada");
    let (ada, k) = (ada_c.id, ada_c.number.clone());
    let asa = t.reg.add_customer(&input("Åsa Öberg", "asa@exempel.se")).await.expect("Åsa");
    let pseudonym = asa.pseudonym.clone();
    // Two rates on one order: 2 × 125.00 at 25 %, 106.00 at 6 % (VAT 50.00 + 6.00).
    let two_rates = vec![line("Kaffe", 2, 12_500, 2500), line("Bok", 1, 10_600, 600)];
    order(&t, ada, "W-1", "2025-03-15", (35_600, None), OrderStatus::Paid, two_rates).await;
    // No lines: the rate comes from the totals (19.80 of 99.00 is 25 %).
    order(&t, ada, "W-2", "2025-04-01", (9_900, Some(1_980)), OrderStatus::Shipped, vec![]).await;
    // Cancelled before anything was invoiced: never a sale.
    order(&t, ada, "W-3", "2025-05-10", (20_000, Some(4_000)), OrderStatus::Placed, vec![]).await;
    t.reg.set_order_status("W-3", OrderStatus::Cancelled).await.expect("cancel");
    // Invoiced, credited in full, then cancelled: the sale and its credit note both booked.
    order(&t, ada, "W-4", "2025-06-01", (50_000, None), OrderStatus::Paid, vec![line("Kvarn", 1, 50_000, 2500)]).await;
    let f1 = invoice(&t, "W-4", InvoiceKind::Invoice, "2025-06-01", "500.00", None).await;
    invoice(&t, "W-4", InvoiceKind::CreditNote, "2025-06-20", "500.00", Some(&f1)).await;
    t.reg.set_order_status("W-4", OrderStatus::Cancelled).await.expect("cancel");
    // Refunded in part in the next year: the credit note belongs to 2026's file.
    order(&t, ada, "W-5", "2025-12-20", (25_000, None), OrderStatus::Paid, vec![line("Kanna", 1, 25_000, 2500)]).await;
    let f2 = invoice(&t, "W-5", InvoiceKind::Invoice, "2025-12-20", "250.00", None).await;
    invoice(&t, "W-5", InvoiceKind::CreditNote, "2026-01-05", "100.00", Some(&f2)).await;
    // Åsa's order, then Åsa erased: the voucher names her pseudonym only.
    order(&t, asa.id, "W-6", "2025-08-08", (11_200, None), OrderStatus::Shipped, vec![line("Te", 1, 11_200, 1200)])
        .await;
    t.reg.erase_customer(asa.id, None).await.expect("erase");
    // Outside the year, and in another currency in the next.
    order(&t, ada, "W-0", "2024-12-31", (1_000, None), OrderStatus::Paid, vec![line("Kort", 1, 1_000, 2500)]).await;
    order(&t, ada, "E-1", "2026-11-01", (1_000, Some(200)), OrderStatus::Paid, vec![]).await;

    let s = t.reg.export_orders(from, to, ExportFormat::Sie, false, &out).await.expect("SIE");
    assert_eq!((s.orders, s.credit_notes, s.left_out, s.rows), (5, 1, 1, 6), "{s:?}");
    let bytes = std::fs::read(&out).expect("read");
    assert!(bytes.starts_with(b"#FLAGGA 0\r\n"));
    assert!(bytes.windows(12).any(|w| w == b"Bl\x86b\x84rsboden"), "å and ä in CP437");
    let file = parse(&bytes);
    let head: BTreeMap<&str, &[String]> = file.head.iter().map(|f| (f[0].as_str(), &f[1..])).collect();
    assert_eq!(head["#SIETYP"], ["4"]);
    assert_eq!(head["#FORMAT"], ["PC8"]);
    assert_eq!(head["#FNAMN"], ["Blåbärsboden \"Norr\" AB"]);
    assert_eq!(head["#ORGNR"], ["556677-8899"]);
    assert_eq!(head["#VALUTA"], ["SEK"]);
    assert_eq!(head["#PROGRAM"][0], "Kundvakt");
    assert_eq!(head["#GEN"][0].len(), 8);

    assert_eq!(file.vouchers.len(), 6);
    let mut sums: BTreeMap<u32, i64> = BTreeMap::new();
    for v in &file.vouchers {
        assert_eq!(v.series, "K");
        assert_eq!(v.rows.iter().map(|r| r.1).sum::<i64>(), 0, "a voucher that does not balance: {v:?}");
        assert!(v.date.as_str() >= "20250101" && v.date.as_str() <= "20251231", "{v:?}");
        for (account, amount) in &v.rows {
            assert!(file.accounts.contains_key(account), "account {account} is declared");
            *sums.entry(*account).or_default() += amount;
        }
    }
    let texts: Vec<&str> = file.vouchers.iter().map(|v| v.text.as_str()).collect();
    assert_eq!(
        texts,
        vec![
            format!("Order W-1, kund {k}"),
            format!("Order W-2, kund {k}"),
            format!("Order W-4, kund {k}"),
            format!("Order W-6, kund {pseudonym}"),
            format!("Order W-5, kund {k}"),
            format!("Kreditfaktura F-00002 för {f1}, order W-4"),
        ]
    );
    assert!(!String::from_utf8_lossy(&bytes).contains("berg"), "no customer's name in the file");
    let w1 = &file.vouchers[0].rows;
    assert_eq!(w1, &vec![(1510, 35_600), (3003, -10_000), (2631, -600), (3001, -20_000), (2611, -5_000)]);

    // The receivable's sum is the register's: the orders booked (not
    // cancelled, or credited) less the credit notes issued in the year.
    let booked = "SELECT CAST(COALESCE(SUM(total_minor), 0) AS BIGINT) FROM orders WHERE order_date >= $1 \
                  AND order_date <= $2 AND currency = 'SEK' AND (status <> 'cancelled' OR id IN \
                  (SELECT order_id FROM invoices WHERE kind = 'credit_note'))";
    let credited = "SELECT CAST(COALESCE(SUM(amount_minor), 0) AS BIGINT) FROM invoices WHERE kind = 'credit_note' \
                    AND issued_on >= $1 AND issued_on <= $2";
    let want = scalar(&t, booked, &[from, to]).await + scalar(&t, credited, &[from, to]).await;
    assert_eq!(sums[&1510], want);
    assert_eq!(sums[&1510], 35_600 + 9_900 + 50_000 - 50_000 + 11_200 + 25_000);
    // Each rate's VAT is what the orders booked hold at it.
    assert_eq!(sums[&2611], -(5_000 + 1_980 + 10_000 - 10_000 + 5_000));
    assert_eq!(sums[&2621], -1_200);
    assert_eq!(sums[&2631], -600);
    assert_eq!(s.totals.iter().map(|t| t.gross.minor).sum::<i64>(), 35_600 + 9_900 + 50_000 + 11_200 + 25_000);

    // The next year: the credit note of W-5, shared back at its rate; the
    // euro order stops the whole year's file, naming itself.
    let (from26, to26) = t.reg.fiscal_year(2026).await.expect("2026");
    let out26 = dir.path().join("2026.si");
    let e = t.reg.export_orders(from26, to26, ExportFormat::Sie, false, &out26).await.expect_err("EUR");
    assert!(e.to_string().starts_with("--format: order E-1 is in EUR; an SIE file holds SEK only"), "{e}");
    assert!(!out26.exists());
    let s = t.reg.export_orders(from26, d("2026-10-31"), ExportFormat::Sie, false, &out26).await.expect("SIE 2026");
    assert_eq!((s.orders, s.credit_notes), (0, 1));
    let file = parse(&std::fs::read(&out26).expect("read"));
    assert_eq!(file.vouchers.len(), 1);
    assert_eq!(file.vouchers[0].date, "20260105");
    assert_eq!(file.vouchers[0].rows, vec![(1510, -10_000), (3001, 8_000), (2611, 2_000)]);

    // The command line: the same file, and its summary.
    let cli_out = dir.path().join("cli.si");
    let cli = kv_output(
        &t.db_arg,
        &["export", "orders", "--fiscal-year", "2025", "--format", "sie", "--out", cli_out.to_str().expect("path")],
    );
    assert!(cli.status.success(), "{}", String::from_utf8_lossy(&cli.stderr));
    let said = String::from_utf8_lossy(&cli.stdout);
    assert!(said.contains("6 vouchers: 5 orders and 1 credit note,") && said.contains("1 cancelled"), "{said}");
    let a = parse(&std::fs::read(&cli_out).expect("cli file"));
    assert_eq!(a.vouchers.len(), 6);
    let cli = kv_output(
        &t.db_arg,
        &[
            "export",
            "orders",
            "--fiscal-year",
            "2026",
            "--format",
            "sie",
            "--out",
            cli_out.to_str().expect("path"),
            "--force",
        ],
    );
    assert_eq!(cli.status.code(), Some(1));
    assert!(String::from_utf8_lossy(&cli.stderr).contains("--format: order E-1 is in EUR"));
    assert_eq!(parse(&std::fs::read(&cli_out).expect("the earlier file stays")).vouchers.len(), 6);

    // Every export that wrote a file is in the audit trail; the refused ones are not.
    let exports = "SELECT COUNT(*) FROM audit_entries WHERE action = 'export.orders'";
    assert_eq!(scalar(&t, exports, &[]).await, 3);
    let history = kundvakt_core::audit::verify(t.reg.store()).await.expect("verify");
    assert!(history.broken.is_none());
}

/// A web shop's own exports, imported, then booked: WooCommerce's order
/// states its lines' tax and its shipping's apart, and the voucher books the
/// whole at 25 %.
async fn imported_shop_orders_are_booked(kind: Kind) {
    let t = register(kind).await;
    t.reg.set_setting("controller.name", "Lindqvists Hemslöjd AB").await.expect("name");
    let fixtures = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("../tests/fixtures/import");
    let options = kundvakt_core::import::ImportOptions::default();
    let cancel = std::sync::atomic::AtomicBool::new(false);
    for (kind, file) in [
        (kundvakt_core::import::ImportKind::Customers, "woocommerce-customers.csv"),
        (kundvakt_core::import::ImportKind::Orders, "woocommerce-orders.csv"),
    ] {
        let r = t.reg.import(&fixtures.join(file), kind, &options, &mut |_| {}, &cancel).await.expect("import");
        assert_eq!(r.problem_count, 0, "{file}: {:?}", r.problems);
    }
    let dir = tempfile::tempdir().expect("dir");
    let out = dir.path().join("2024.si");
    let (from, to) = t.reg.fiscal_year(2024).await.expect("year");
    let s = t.reg.export_orders(from, to, ExportFormat::Sie, false, &out).await.expect("SIE");
    let file = parse(&std::fs::read(&out).expect("read"));
    assert_eq!(file.vouchers.len() as i64, s.rows);
    let booked = "SELECT CAST(COALESCE(SUM(total_minor), 0) AS BIGINT) FROM orders WHERE order_date >= $1 \
                  AND order_date <= $2 AND status <> 'cancelled'";
    let receivable: i64 = file.vouchers.iter().flat_map(|v| &v.rows).filter(|r| r.0 == 1510).map(|r| r.1).sum();
    assert_eq!(receivable, scalar(&t, booked, &[from, to]).await);
    let woo = file.vouchers.iter().find(|v| v.text.starts_with("Order 5001,")).expect("order 5001");
    assert_eq!(woo.rows, vec![(1510, 82_375), (3001, -65_900), (2611, -16_475)]);
    for v in &file.vouchers {
        assert_eq!(v.rows.iter().map(|r| r.1).sum::<i64>(), 0, "{v:?}");
    }
}

/// The invoice journal: what was billed and what was taken back, with each
/// voucher's share of its order's VAT, totals that are the register's, and
/// the CSV's cells neutralised.
async fn the_invoice_journal_lists_every_voucher_of_the_period(kind: Kind) {
    let t = register(kind).await;
    let ada = t.reg.add_customer(&input("Ada Lind", "ada@exempel.se")).await.expect("Ada");
    let asa = t.reg.add_customer(&input("Åsa Öberg", "asa@exempel.se")).await.expect("Åsa");
    let pseudonym = asa.pseudonym.clone();
    order(&t, ada.id, "W-1", "2025-03-15", (12_500, None), OrderStatus::Paid, vec![line("Kaffe", 1, 12_500, 2500)])
        .await;
    order(&t, asa.id, "W-2", "2025-04-01", (10_600, None), OrderStatus::Paid, vec![line("Bok", 1, 10_600, 600)]).await;
    order(&t, ada.id, "W-3", "2024-12-01", (5_000, Some(1_000)), OrderStatus::Paid, vec![]).await;
    let f1 = invoice(&t, "W-1", InvoiceKind::Invoice, "2025-03-15", "125.00", None).await;
    invoice(&t, "W-1", InvoiceKind::Reminder, "2025-04-20", "125.00", None).await;
    // A third back: 41.67 of 125.00, of which 8.33 VAT (a fifth, as the order's).
    invoice(&t, "W-1", InvoiceKind::CreditNote, "2025-05-02", "41.67", Some(&f1)).await;
    // A number typed by hand that a spreadsheet would run as a formula.
    let draft = InvoiceDraft {
        order: "W-2".into(),
        number: "=F-EXTERN".into(),
        kind: InvoiceKind::Invoice,
        issued_on: d("2025-04-01"),
        due_on: Some(d("2025-05-01")),
        amount: "106.00".into(),
        credits: None,
    };
    t.reg.record_invoice(&draft).await.expect("typed number");
    t.reg.erase_customer(asa.id, None).await.expect("erase");
    invoice(&t, "W-3", InvoiceKind::Invoice, "2024-12-01", "50.00", None).await;
    // After the erasure nothing more is sent about her order, but a refund
    // still reaches the books as a credit note.
    let reminder = InvoiceDraft {
        number: String::new(),
        kind: InvoiceKind::Reminder,
        issued_on: d("2025-05-10"),
        due_on: None,
        ..draft.clone()
    };
    let e = t.reg.record_invoice(&reminder).await.expect_err("no reminder to an erased customer");
    assert!(e.to_string().contains("is of an erased customer"), "{e}");
    let refund = InvoiceDraft {
        kind: InvoiceKind::CreditNote,
        amount: "53.00".into(),
        credits: Some("=F-EXTERN".into()),
        ..reminder
    };
    t.reg.record_invoice(&refund).await.expect("a credit note of an erased customer's order");

    let dir = tempfile::tempdir().expect("dir");
    let (from, to) = t.reg.fiscal_year(2025).await.expect("year");
    let csv_path = dir.path().join("invoices.csv");
    let s = t.reg.export_invoices(from, to, ExportFormat::Csv, true, &csv_path).await.expect("CSV");
    assert_eq!(s.rows, 5, "{s:?}");
    let bytes = std::fs::read(&csv_path).expect("read");
    assert!(bytes.starts_with(&[0xEF, 0xBB, 0xBF]), "UTF-8 with a byte-order mark");
    let mut reader = csv::ReaderBuilder::new().delimiter(b';').from_reader(&bytes[3..]);
    let header: Vec<String> = reader.headers().expect("header").iter().map(str::to_owned).collect();
    assert_eq!(header[..4], ["Faktura", "Slag", "Utfärdad", "Förfaller"]);
    let rows: Vec<csv::StringRecord> = reader.records().map(|r| r.expect("row")).collect();
    let cells: Vec<String> = rows.iter().map(|r| r.iter().collect::<Vec<_>>().join(";")).collect();
    let (p, k) = (pseudonym.as_str(), ada.number.as_str());
    assert_eq!(
        cells,
        vec![
            format!("{f1};faktura;2025-03-15;;W-1;{k};;100,00;25,00;125,00;SEK"),
            format!("'=F-EXTERN;faktura;2025-04-01;2025-05-01;W-2;{p};;100,00;6,00;106,00;SEK"),
            format!("F-00002;påminnelse;2025-04-20;;W-1;{k};;;;125,00;SEK"),
            format!("F-00003;kreditfaktura;2025-05-02;;W-1;{k};{f1};-33,34;-8,33;-41,67;SEK"),
            format!("F-00005;kreditfaktura;2025-05-10;;W-2;{p};'=F-EXTERN;-50,00;-3,00;-53,00;SEK"),
        ]
    );
    // The totals are the register's: invoices and credit notes, reminders apart.
    let billed = "SELECT CAST(COALESCE(SUM(amount_minor), 0) AS BIGINT) FROM invoices WHERE kind <> 'reminder' \
                  AND issued_on >= $1 AND issued_on <= $2";
    let sek = &s.totals[0];
    assert_eq!((sek.invoices, sek.credit_notes, sek.reminders), (2, 2, 1));
    assert_eq!(sek.gross.minor, scalar(&t, billed, &[from, to]).await);
    assert_eq!((sek.net.minor, sek.vat.minor), (10_000 + 10_000 - 3_334 - 5_000, 2_500 + 600 - 833 - 300));

    let json_path = dir.path().join("invoices.json");
    let s = t.reg.export_invoices(from, to, ExportFormat::Json, false, &json_path).await.expect("JSON");
    let doc: serde_json::Value = serde_json::from_slice(&std::fs::read(&json_path).expect("read")).expect("JSON");
    common::assert_valid(&common::schema("invoice-export.v1.json"), &doc, "invoice export");
    assert_eq!(doc["invoices"].as_array().map(Vec::len), Some(s.rows as usize));
    assert_eq!(doc["invoices"][3]["kind"], "credit_note");
    assert_eq!(doc["invoices"][3]["credits"], f1.as_str());
    assert_eq!(doc["invoices"][3]["vat"]["amount"], "-8.33");
    assert!(doc["invoices"][2]["vat"].is_null(), "a reminder carries no VAT");
    assert_eq!(doc["totals"][0]["gross"]["amount"], "136.33");

    // The journal is no SIE file; the command line writes both formats.
    let e = t.reg.export_invoices(from, to, ExportFormat::Sie, false, &dir.path().join("x.si")).await.expect_err("SIE");
    assert!(e.to_string().starts_with("--format:"), "{e}");
    assert!(!dir.path().join("x.si").exists());
    let cli_out = dir.path().join("cli.csv");
    let said = common::kv_ok(
        &t.db_arg,
        &["export", "invoices", "--fiscal-year", "2025", "--format", "csv", "--out", cli_out.to_str().expect("path")],
    );
    assert!(said.contains("5 invoices, reminders and credit notes") && said.contains("136.33 SEK"), "{said}");
    let exports = "SELECT COUNT(*) FROM audit_entries WHERE action = 'export.invoices'";
    assert_eq!(scalar(&t, exports, &[]).await, 3);
}

/// Orders invoiced and then cancelled, whose credit notes another computer
/// issues while SIE files are written: each file is of one moment, so a credit
/// note it books comes with the sale it takes back. (Read apart, an order left
/// out as never sold could meet its credit note, issued in between, and the
/// file took back a sale it had not booked.)
async fn a_credit_note_issued_during_an_export_comes_with_its_sale(kind: Kind) {
    let t = register(kind).await;
    t.reg.set_setting("controller.name", "Boden AB").await.expect("name");
    let ada = t.reg.add_customer(&input("Ada Lind", "ada@exempel.se")).await.expect("Ada").id;
    let mut invoiced = vec![];
    for i in 0..150 {
        let number = format!("W-{i}");
        order(&t, ada, &number, "2025-06-01", (10_000, None), OrderStatus::Paid, vec![line("Kopp", 1, 10_000, 2500)])
            .await;
        invoiced.push((number.clone(), invoice(&t, &number, InvoiceKind::Invoice, "2025-06-01", "100.00", None).await));
        t.reg.set_order_status(&number, OrderStatus::Cancelled).await.expect("cancel");
    }
    let other = Register::open(&t.location, OpenMode::Existing, "the other computer").await.expect("open again");
    let pace = common::Pace::default();
    let paced = pace.clone();
    let writer = tokio::spawn(async move {
        for (i, (order, invoice)) in invoiced.into_iter().enumerate() {
            let draft = InvoiceDraft {
                order,
                number: String::new(),
                kind: InvoiceKind::CreditNote,
                issued_on: d("2025-06-10"),
                due_on: None,
                amount: "100.00".into(),
                credits: Some(invoice),
            };
            other.record_invoice(&draft).await.expect("credit note");
            // Room between the writes for each export's own audit entry, so that they overlap.
            tokio::time::sleep(std::time::Duration::from_millis(3)).await;
            paced.checkpoint(i, 30).await;
        }
    });
    let dir = tempfile::tempdir().expect("dir");
    let (from, to) = t.reg.fiscal_year(2025).await.expect("year");
    let (mut files, mut booked_credit_notes) = (0, 0);
    while !writer.is_finished() {
        pace.read();
        let out = dir.path().join(format!("{files}.si"));
        let s = t.reg.export_orders(from, to, ExportFormat::Sie, false, &out).await.expect("SIE");
        let file = parse(&std::fs::read(&out).expect("read"));
        let sold: Vec<&str> =
            file.vouchers.iter().filter_map(|v| v.text.strip_prefix("Order ")?.split(',').next()).collect();
        for v in file.vouchers.iter().filter(|v| v.text.starts_with("Kreditfaktura")) {
            let credited = v.text.rsplit("order ").next().expect("the order");
            assert!(sold.contains(&credited), "file {files}: {} without the sale of {credited}", v.text);
        }
        assert_eq!((s.orders, s.orders + s.left_out), (s.credit_notes, 150), "file {files}: {s:?}");
        booked_credit_notes += s.credit_notes;
        files += 1;
    }
    writer.await.expect("the writer");
    assert!(files >= 3 && booked_credit_notes > 0, "the exports overlapped the credit notes ({files} files)");
}

/// A voucher number is issued once (BFL 5 kap. 6 §, VAT Directive art.
/// 226(2)): neither the sweep, which deletes vouchers whose retention has
/// ended, nor a restore of a backup from before the last ones lets a series
/// start again below numbers already issued.
async fn a_series_never_issues_a_number_again(kind: Kind) {
    use kundvakt_core::register::Series::{Invoices, Orders};
    let t = register(kind).await;
    let next = |reg: Register, series| async move { reg.next_number(series).await.expect("next").expect("a series") };
    let old = t.reg.add_customer(&input("Gammal Kund", "gammal@example.se")).await.expect("add").id;
    // A number typed in the series' form counts as one of it.
    order(&t, old, "M-00007", "2017-03-01", (12500, Some(2500)), OrderStatus::Paid, vec![]).await;
    order(&t, old, "M-0002", "2017-03-01", (12500, Some(2500)), OrderStatus::Paid, vec![]).await;
    assert_eq!(invoice(&t, "M-00007", InvoiceKind::Invoice, "2017-03-02", "125,00", None).await, "F-00001");
    assert_eq!(invoice(&t, "M-00007", InvoiceKind::Reminder, "2017-04-02", "125,00", None).await, "F-00002");
    assert_eq!(next(t.reg.clone(), Orders).await, "M-00008");

    // Their retention ended in 2024 (SE: seven years after the year's end); swept, they are gone.
    let today = chrono::Utc::now().date_naive();
    t.reg.sweep(today, Batching::Fixed(100), &mut |_| {}).await.expect("sweep");
    assert_eq!(scalar(&t, "SELECT COUNT(*) FROM orders", &[]).await, 0);
    assert_eq!(scalar(&t, "SELECT COUNT(*) FROM invoices", &[]).await, 0);
    assert_eq!(next(t.reg.clone(), Orders).await, "M-00008");
    assert_eq!(next(t.reg.clone(), Invoices).await, "F-00003");

    // A backup, then an order from a web shop's file under a number of the
    // series, and an invoice of it, which the backup does not have (a
    // restore keeps what was entered by hand, not what a file brought):
    // restored, the register goes on after them.
    let dir = tempfile::tempdir().expect("dir");
    let backup = dir.path().join("before.db");
    t.reg.backup(&backup, None).await.expect("backup");
    let file = dir.path().join("orders.csv");
    let row = format!("M-00008,{today},gammal@example.se,50.00,SEK");
    std::fs::write(&file, format!("order_number,order_date,customer_email,total,currency\n{row}\n")).expect("write");
    let options = kundvakt_core::import::ImportOptions::default();
    let cancel = std::sync::atomic::AtomicBool::new(false);
    let kind = kundvakt_core::import::ImportKind::Orders;
    t.reg.import(&file, kind, &options, &mut |_| {}, &cancel).await.expect("import");
    assert_eq!(invoice(&t, "M-00008", InvoiceKind::Invoice, &today.to_string(), "50,00", None).await, "F-00003");
    t.reg.store().close().await;
    let (restored, report) = Register::restore(&t.location, None, &backup, None, "test").await.expect("restore");
    assert_eq!(
        (report.orders_lost.as_slice(), report.invoices_lost.as_slice()),
        (&["M-00008".to_owned()][..], &["F-00003".to_owned()][..])
    );
    assert_eq!(scalar(&t, "SELECT COUNT(*) FROM orders", &[]).await, 0, "the backup holds none");
    assert_eq!(next(restored.clone(), Orders).await, "M-00009");
    assert_eq!(next(restored.clone(), Invoices).await, "F-00004");
    restored.store().close().await;
}

/// One order as the accountant asks about it (`kundvakt order show`): found
/// by its number or an invoice's, with its lines and vouchers, whose it is,
/// until when the law keeps it and, past that day, what keeps it, as the
/// sweep reads it (the list of what is due says the same).
async fn an_order_is_read_with_its_vouchers_and_its_end(kind: Kind) {
    use kundvakt_core::register::restriction::RestrictionGround;
    use kundvakt_core::register::CustomerState;
    use kundvakt_core::requests::RequestKind;
    use kundvakt_core::retention::due::{Keeper, RecordKind};
    use kundvakt_core::retention::KeptPast;
    let t = register(kind).await;
    let id = t.reg.add_customer(&input("Åsa Öberg", "asa@example.se")).await.expect("add").id;
    let lines = vec![line("Tröja", 2, 34900, 2500), line("Bok", 1, 20000, 600)];
    order(&t, id, "A-100", "2017-03-01", (89800, None), OrderStatus::Shipped, lines).await;
    assert_eq!(invoice(&t, "A-100", InvoiceKind::Invoice, "2017-03-02", "898,00", None).await, "F-00001");
    // Credited in the next financial year: the order is kept with it, a year longer (SE BFL 7:2).
    let note = invoice(&t, "A-100", InvoiceKind::CreditNote, "2018-01-10", "200", Some("F-00001")).await;
    let today = t.reg.today().await.expect("today");
    order(&t, id, "A-200", &today.to_string(), (10000, None), OrderStatus::Placed, vec![]).await;

    let sheet = t.reg.order_sheet(" a-100 ").await.expect("by its number, in any case");
    assert_eq!((sheet.order.number.as_str(), sheet.customer.id, sheet.erased.as_ref()), ("A-100", id, None));
    let described: Vec<(&str, i64, i64, i64)> = (sheet.order.lines.iter().zip(&sheet.lines))
        .map(|(l, a)| (l.description.as_str(), l.quantity, a.gross.minor, a.vat.minor))
        .collect();
    assert_eq!(described, vec![("Tröja", 2, 69800, 13960), ("Bok", 1, 20000, 1132)]);
    assert_eq!(sheet.lines.len(), sheet.order.lines.len());
    assert_eq!((sheet.order.total.minor, sheet.order.vat.minor), (89800, 15092));
    let vouchers: Vec<(&str, InvoiceKind, i64, Option<&str>)> =
        sheet.invoices.iter().map(|i| (i.number.as_str(), i.kind, i.amount.minor, i.credits.as_deref())).collect();
    assert_eq!(
        vouchers,
        vec![
            ("F-00001", InvoiceKind::Invoice, 89800, None),
            (note.as_str(), InvoiceKind::CreditNote, -20000, Some("F-00001"))
        ]
    );
    assert_eq!(sheet.retention.retain_until, Some(d("2025-12-31")));
    assert_eq!((sheet.retention.rule.as_str(), sheet.retention.kept_past), ("SE BFL 7:2", Some(KeptPast::Due)));
    // The list of what is due says the same day, and lists it as due.
    let due = t.reg.retention_due(today).await.expect("due");
    let listed = due.items.iter().find(|i| i.entity == RecordKind::Order && i.number.as_deref() == Some("A-100"));
    assert_eq!(listed.map(|i| i.retain_until), Some(d("2025-12-31")));
    // By an invoice's number: the same order, and which invoice named it.
    let by_note = t.reg.order_sheet(&note.to_lowercase()).await.expect("by the credit note");
    assert_eq!((by_note.order.id, by_note.found_by_invoice.as_deref()), (sheet.order.id, Some(note.as_str())));
    // This year's order: kept for years to come, nothing said of what keeps it.
    let new = t.reg.order_sheet("A-200").await.expect("A-200");
    assert!(new.retention.retain_until.is_some_and(|end| end > today) && new.retention.kept_past.is_none());
    for nobody in ["A-999", "Åsa", ""] {
        let e = t.reg.order_sheet(nobody).await.expect_err(nobody);
        assert_eq!(e.code(), "not_found", "{nobody}: {e}");
    }

    // What keeps it past its end, the first in the sweep's order: a hold on
    // one of its invoices, then a request for a copy not yet answered.
    let keeper = |number: &'static str| {
        let reg = t.reg.clone();
        async move { reg.order_sheet(number).await.expect("sheet").retention.kept_past }
    };
    let invoice_id = sheet.invoices[0].id.0;
    let hold = t.reg.add_hold(RecordKind::Invoice, invoice_id, "Reklamation").await.expect("hold");
    let access = t.reg.open_request(id, RequestKind::Access, None, None).await.expect("request");
    assert_eq!(keeper("A-100").await, Some(KeptPast::LegalHold));
    let held = t.reg.retention_due(today).await.expect("due").held;
    let kept_by = held.iter().find(|i| i.number.as_deref() == Some("A-100")).and_then(|i| i.kept_by);
    assert_eq!(kept_by, Some(Keeper::LegalHold), "as the list of those kept says");
    t.reg.lift_hold(hold.id).await.expect("lift");
    assert_eq!(keeper("A-100").await, Some(KeptPast::Request));
    t.reg
        .request_step(access.id, kundvakt_core::requests::Step::Refuse { reason: "Ej styrkt".into() }, None)
        .await
        .expect("refuse");
    assert_eq!(keeper("A-100").await, Some(KeptPast::Due));
    t.reg.restrict_customer(id, RestrictionGround::LegalClaims, None, None).await.expect("restrict");
    let restricted = t.reg.order_sheet("A-100").await.expect("sheet");
    assert_eq!(restricted.retention.kept_past, Some(KeptPast::Restriction));
    assert_eq!(restricted.customer.state, CustomerState::Restricted);

    // Of a customer erased: the order kept for the books under the
    // pseudonym, the erasure named, nothing of the person.
    let other = t.reg.add_customer(&input("Bo Ek", "bo@example.se")).await.expect("add");
    order(&t, other.id, "B-1", &today.to_string(), (5000, None), OrderStatus::Paid, vec![]).await;
    invoice(&t, "B-1", InvoiceKind::Invoice, &today.to_string(), "50", None).await;
    // And one past its end that a hold on it kept through the erasure.
    order(&t, other.id, "B-0", "2017-05-01", (5000, None), OrderStatus::Paid, vec![]).await;
    let b0_invoice = invoice(&t, "B-0", InvoiceKind::Invoice, "2017-05-02", "50", None).await;
    let b0 = t.reg.record_numbered(RecordKind::Order, "B-0").await.expect("B-0");
    let order_hold = t.reg.add_hold(RecordKind::Order, b0, "Reklamation").await.expect("hold");
    t.reg.erase_customer(other.id, None).await.expect("erase");
    let kept = t.reg.order_sheet("b-1").await.expect("kept for the books");
    assert_eq!((kept.order.customer_id, kept.order.pseudonym.as_deref()), (None, Some(other.pseudonym.as_str())));
    let whose = (kept.customer.id, kept.customer.state, kept.customer.name.as_deref());
    assert_eq!(whose, (other.id, CustomerState::Erased, None));
    let erased = kept.erased.expect("the erasure");
    assert_eq!((erased.pseudonym.as_str(), erased.request_id), (other.pseudonym.as_str(), None));
    assert_eq!(kept.invoices.len(), 1);
    assert!(kept.retention.kept_past.is_none());
    // A hold put on the erased customer since, for a claim of the person's,
    // keeps what is kept under the pseudonym past its end: as their page
    // says, the lists say and the sweep does.
    let customer_hold = t.reg.add_hold(RecordKind::Customer, other.id.0, "Tvist").await.expect("hold");
    t.reg.lift_hold(order_hold.id).await.expect("lift");
    assert!(t.reg.customer_page(other.id).await.expect("page").kept.iter().all(|k| k.held));
    assert_eq!(keeper("B-0").await, Some(KeptPast::LegalHold));
    let due = t.reg.retention_due(today).await.expect("due");
    let listed =
        |items: &[kundvakt_core::retention::due::DueItem]| items.iter().any(|i| i.number.as_deref() == Some("B-0"));
    assert_eq!((listed(&due.items), listed(&due.held)), (false, true));
    t.reg.sweep(today, Batching::Fixed(100), &mut |_| {}).await.expect("sweep");
    assert!(t.reg.order_sheet("B-0").await.is_ok(), "kept by the hold");
    // So does a request of the erased person's for a copy, not yet
    // answered: what is kept under the pseudonym is theirs to be told of
    // (Art. 15(1)), the order and its invoice alike; the page's mark is
    // the hold's alone.
    let copy = t.reg.open_request(other.id, RequestKind::Access, None, None).await.expect("request");
    t.reg.lift_hold(customer_hold.id).await.expect("lift");
    let page = t.reg.customer_page(other.id).await.expect("page");
    assert!(page.kept.iter().all(|k| !k.held));
    // The page says so of the order past its end, not a day gone by alone.
    let kept_past = |page: &kundvakt_core::register::CustomerPage| {
        let number = |id| page.orders.iter().find(|o| o.id == id).map(|o| o.number.clone()).unwrap_or_default();
        page.kept.iter().map(|k| (number(k.order), k.kept_past)).collect::<std::collections::BTreeMap<_, _>>()
    };
    let told = kept_past(&page);
    assert_eq!((told["B-0"], told["B-1"]), (Some(KeptPast::Request), None));
    assert_eq!(keeper("B-0").await, Some(KeptPast::Request));
    let due = t.reg.retention_due(today).await.expect("due");
    let kept_by = |number: &str| due.held.iter().find(|i| i.number.as_deref() == Some(number)).and_then(|i| i.kept_by);
    assert_eq!((kept_by("B-0"), kept_by(&b0_invoice)), (Some(Keeper::Request), Some(Keeper::Request)));
    assert!(!listed(&due.items));
    t.reg.sweep(today, Batching::Fixed(100), &mut |_| {}).await.expect("sweep");
    assert_eq!(t.reg.order_sheet(&b0_invoice).await.expect("kept by the request").order.number, "B-0");
    let refuse = kundvakt_core::requests::Step::Refuse { reason: "Ej styrkt".into() };
    t.reg.request_step(copy.id, refuse, None).await.expect("refuse");
    assert_eq!(keeper("B-0").await, Some(KeptPast::Due));
    let told = kept_past(&t.reg.customer_page(other.id).await.expect("page"));
    assert_eq!((told["B-0"], told["B-1"]), (Some(KeptPast::Due), None));
    t.reg.sweep(today, Batching::Fixed(100), &mut |_| {}).await.expect("sweep");
    assert_eq!(t.reg.order_sheet("B-0").await.expect_err("swept").code(), "not_found");
    assert!(t.reg.order_sheet("B-1").await.is_ok() && t.reg.order_sheet("A-100").await.is_ok(), "kept");
}

on_both_backends!(
    an_order_is_read_with_its_vouchers_and_its_end,
    a_series_never_issues_a_number_again,
    a_credit_note_issued_during_an_export_comes_with_its_sale,
    sales_and_credit_notes_become_balanced_vouchers,
    imported_shop_orders_are_booked,
    the_invoice_journal_lists_every_voucher_of_the_period
);
