//! Retention under the bookkeeping law and the settings: the view of what is
//! due, legal holds and the forecast, on both backends, on the demo shop.

mod common;

use std::collections::{BTreeMap, BTreeSet};

use chrono::{Datelike, NaiveDate};
use common::{register, Kind};
use kundvakt_core::register::{Channel, CustomerInput, CustomerState, Direction, InteractionChanges, NewInteraction};
use kundvakt_core::reports::Format;
use kundvakt_core::requests::{RequestKind, Step};
use kundvakt_core::retention;
use kundvakt_core::retention::due::{
    DueItem, DueReport, DueSink, DueTotals, Keeper, KeptCount, RecordKind, RecordOwner,
};
use kundvakt_core::retention::sweep::Batching;
use kundvakt_core::values::CustomerId;
use kundvakt_core::Register;

fn d(s: &str) -> NaiveDate {
    s.parse().expect("date")
}

/// Every record of the register with its retention end, computed record by
/// record from the customer pages (not through the view's cutoffs and SQL).
async fn every_record(reg: &Register) -> Vec<(RecordKind, i64, NaiveDate)> {
    let s = reg.settings().await.expect("settings");
    let mut all = vec![];
    let mut offset = 0;
    loop {
        let page = reg.list_customers(offset, 100).await.expect("page");
        if page.items.is_empty() {
            break;
        }
        offset += page.items.len() as i64;
        for c in page.items {
            let p = reg.customer_page(c.id).await.expect("customer page");
            let mut push = |kind, id: i64, r: retention::Retention| {
                if let Some(until) = r.retain_until {
                    all.push((kind, id, until));
                }
            };
            push(RecordKind::Customer, c.id.0, retention::customer(&s, c.last_activity_at));
            for o in &p.orders {
                let invoiced = p.invoices.iter().filter(|i| i.order_id == o.id).map(|i| i.issued_on);
                push(RecordKind::Order, o.id.0, retention::order(&s, o.order_date, invoiced));
            }
            for i in &p.invoices {
                push(RecordKind::Invoice, i.id.0, retention::accounting_record(&s, i.issued_on));
            }
            for i in &p.interactions {
                push(RecordKind::Interaction, i.id.0, retention::interaction(&s, i.closed_on, i.bookkeeping));
            }
            for w in &p.web_events {
                push(RecordKind::WebEvent, w.id.0, retention::web_event(&s, w.occurred_at));
            }
            for x in &p.consents {
                push(RecordKind::Consent, x.id.0, retention::consent(&s, x.withdrawn_at));
            }
            for e in &p.event_registrations {
                push(RecordKind::EventRegistration, e.id.0, retention::event_registration(&s, e.event_date));
            }
            for r in &p.requests {
                if r.state == kundvakt_core::requests::RequestState::Closed {
                    push(RecordKind::Request, r.id.0, retention::request(&s, r.closed_on));
                }
            }
        }
    }
    all
}

/// Whose each record is: the customer whose page lists it.
async fn record_owners(reg: &Register) -> BTreeMap<(RecordKind, i64), RecordOwner> {
    let mut owners = BTreeMap::new();
    for c in reg.list_customers(0, 10_000).await.expect("customers").items {
        let page = reg.customer_page(c.id).await.expect("page");
        let owner = RecordOwner { id: c.id, number: c.number.clone() };
        owners.extend(records_of(&page).into_iter().map(|record| (record, owner.clone())));
    }
    owners
}

/// Marks every third closed note of the register as documenting a business
/// event, so that both of the notes' rules are in what is due.
async fn some_notes_document_business_events(reg: &Register) -> usize {
    let mut marked = 0;
    let mut offset = 0;
    loop {
        let page = reg.list_customers(offset, 100).await.expect("page");
        if page.items.is_empty() {
            return marked;
        }
        offset += page.items.len() as i64;
        for c in page.items {
            for i in reg.customer_page(c.id).await.expect("page").interactions {
                if i.closed_on.is_some() && !i.bookkeeping && i.id.0 % 3 == 0 {
                    let changes = InteractionChanges { bookkeeping: Some(true), ..InteractionChanges::default() };
                    reg.edit_interaction(i.id, &changes, Some(&i)).await.expect("mark");
                    marked += 1;
                }
            }
        }
    }
}

async fn due_lists_exactly_what_is_past_its_end(kind: Kind) {
    let t = register(kind).await;
    kundvakt_core::demo::fill(&t.reg, 300, kundvakt_core::demo::DEMO_TODAY).await.expect("demo");
    assert!(some_notes_document_business_events(&t.reg).await > 10);
    let all = every_record(&t.reg).await;
    let owners = record_owners(&t.reg).await;
    for as_of in [d("2026-01-01"), d("2025-07-15"), d("2026-10-31")] {
        let report = t.reg.retention_due(as_of).await.expect("due");
        let got: BTreeSet<(RecordKind, i64, NaiveDate)> =
            report.items.iter().map(|i| (i.entity, i.id, i.retain_until)).collect();
        let want: BTreeSet<(RecordKind, i64, NaiveDate)> =
            all.iter().filter(|(_, _, until)| *until < as_of).cloned().collect();
        assert!(!want.is_empty(), "the demo has records past their end on {as_of}");
        assert_eq!(got, want, "as of {as_of}");
        assert!(report.items.iter().all(|i| i.retain_until < as_of));
        // In due order: by end, then kind (each kind's list merged into one).
        assert!(report.items.windows(2).all(|w| (w[0].retain_until, w[0].entity) <= (w[1].retain_until, w[1].entity)));
        for item in report.items.iter().filter(|i| i.entity == RecordKind::Order) {
            assert_eq!(item.rule, "SE BFL 7:2");
            assert!(item.number.as_deref().is_some_and(|n| n.starts_with("O-")));
        }
        // The forecast: the next 24 months hold exactly the records whose end falls in them.
        let first = NaiveDate::from_ymd_opt(as_of.year(), as_of.month(), 1).expect("date");
        let from = kundvakt_core::calendar::add_months(first, 1);
        let to = kundvakt_core::calendar::add_months(first, 25);
        let in_window = all.iter().filter(|(_, _, u)| *u >= from && *u < to).count() as i64;
        assert_eq!(report.forecast.len(), 24);
        assert_eq!(report.forecast.iter().map(|m| m.total).sum::<i64>(), in_window, "as of {as_of}");
        // The window's view counts what the report lists and reads its head: a
        // few records (the kinds' heads merged), a page, more than there are.
        let yesterday = as_of.pred_opt().expect("date");
        let overdue = all.iter().filter(|(_, _, until)| *until < yesterday).count() as i64;
        assert_eq!(report.overdue, overdue, "as of {as_of}");
        for first in [0, 7, 200, report.items.len() + 5] {
            let view = t.reg.retention_view(as_of, first).await.expect("view");
            assert_eq!((view.as_of, view.total, view.overdue, view.held), (as_of, want.len() as i64, overdue, 0));
            // Each named with the customer whose page holds it, a way there for the owner.
            let named: Vec<DueItem> = report.items[..first.min(report.items.len())]
                .iter()
                .map(|i| DueItem { customer: owners.get(&(i.entity, i.id)).cloned(), ..i.clone() })
                .collect();
            assert_eq!(view.first, named, "the first {first} as of {as_of}");
            assert_eq!(view.forecast, report.forecast);
        }
    }
}

/// An order of 100.00 SEK of customer `c`, shipped, without lines.
fn plain_order(c: kundvakt_core::values::CustomerId, number: &str, date: &str) -> kundvakt_core::register::NewOrder {
    use kundvakt_core::values::{Currency, Money};
    kundvakt_core::register::NewOrder {
        customer_id: c,
        number: number.into(),
        order_date: d(date),
        total: Money::new(10_000, Currency::parse("SEK").expect("SEK")),
        vat: None,
        payment_provider: None,
        payment_reference: None,
        status: kundvakt_core::register::OrderStatus::Shipped,
        lines: vec![],
    }
}

/// Each order's number and retention end as the access report (JSON) gives them.
async fn reported_ends(reg: &Register, c: kundvakt_core::values::CustomerId) -> Vec<(String, String)> {
    let json = reg.access_report(c, None, None, Format::Json).await.expect("report");
    let v: serde_json::Value = serde_json::from_slice(&json.bytes).expect("JSON");
    v["categories"]["purchase_history"]["records"]
        .as_array()
        .expect("orders")
        .iter()
        .map(|o| {
            (o["number"].as_str().expect("number").into(), o["retention"]["retain_until"].as_str().expect("end").into())
        })
        .collect()
}

/// An order goes with its invoices, so one reminded in the next financial
/// year is kept as long as the reminder (BFL 7 kap. 2 §): the access report
/// says so, the due list dates it so and lists it only then, the forecast
/// counts it in that month, and the sweep takes it then, not before.
async fn an_order_is_kept_as_long_as_its_invoices(kind: Kind) {
    use kundvakt_core::register::{InvoiceKind, NewInvoice};
    use kundvakt_core::values::{Currency, Money};
    let t = register(kind).await;
    let c = t.reg.add_customer(&common::input("Nils Berg", "nils@example.se")).await.expect("customer");
    let sek = Currency::parse("SEK").expect("SEK");
    let order = |number: &str, date: &str| plain_order(c.id, number, date);
    let invoice = |order: &kundvakt_core::register::Order, number: &str, kind, date: &str| NewInvoice {
        order_id: order.id,
        number: number.into(),
        kind,
        issued_on: d(date),
        due_on: None,
        amount: Money::new(10_000, sek),
        credits: None,
    };
    // Ordered and invoiced at the end of 2017, reminded in January 2018.
    let late = t.reg.add_order(&order("A-1", "2017-12-28")).await.expect("order");
    t.reg.add_invoice(&invoice(&late, "F-1", InvoiceKind::Invoice, "2017-12-28")).await.expect("invoice");
    t.reg.add_invoice(&invoice(&late, "P-1", InvoiceKind::Reminder, "2018-01-20")).await.expect("reminder");
    let plain = t.reg.add_order(&order("A-2", "2017-06-01")).await.expect("order");
    t.reg.add_invoice(&invoice(&plain, "F-2", InvoiceKind::Invoice, "2017-06-01")).await.expect("invoice");
    // A recent order keeps the customer active.
    t.reg.add_order(&order("A-3", "2026-11-01")).await.expect("order");

    let ends = reported_ends(&t.reg, c.id).await;
    assert!(ends.contains(&("A-1".into(), "2025-12-31".into())), "the reminder's end: {ends:?}");
    assert!(ends.contains(&("A-2".into(), "2024-12-31".into())), "its own: {ends:?}");

    let listed = |r: &kundvakt_core::retention::due::DueReport| -> Vec<(String, NaiveDate)> {
        r.items.iter().filter_map(|i| i.number.clone().map(|n| (n, i.retain_until))).collect()
    };
    let between = t.reg.retention_due(d("2025-06-01")).await.expect("due");
    assert_eq!(
        listed(&between),
        [("A-2".to_owned(), d("2024-12-31")), ("F-2".to_owned(), d("2024-12-31")), ("F-1".to_owned(), d("2024-12-31"))]
    );
    let after = t.reg.retention_due(d("2026-01-02")).await.expect("due");
    let after = listed(&after);
    assert!(
        after.contains(&("A-1".to_owned(), d("2025-12-31"))) && after.contains(&("P-1".to_owned(), d("2025-12-31"))),
        "{after:?}"
    );
    // The forecast counts it in the month its reminder falls due.
    let forecast = t.reg.retention_due(d("2025-06-15")).await.expect("due").forecast;
    let december = forecast.iter().find(|m| m.month == "2025-12").expect("December");
    assert_eq!(december.by_entity.get("order"), Some(&1), "{december:?}");
    assert_eq!(december.by_entity.get("invoice"), Some(&1), "{december:?}");

    // The sweep takes A-2 when it is due; A-1 (and its invoice, due on its own) only with its reminder.
    t.reg.sweep(d("2025-06-01"), Batching::Fixed(100), &mut |_| {}).await.expect("sweep");
    let numbers = |p: &kundvakt_core::register::CustomerPage| -> Vec<String> {
        let mut n: Vec<String> =
            p.orders.iter().map(|o| o.number.clone()).chain(p.invoices.iter().map(|i| i.number.clone())).collect();
        n.sort();
        n
    };
    let page = t.reg.customer_page(c.id).await.expect("page");
    assert_eq!(numbers(&page), ["A-1", "A-3", "P-1"], "F-1 went on its own end, A-1 waits for P-1");
    t.reg.sweep(d("2026-01-02"), Batching::Fixed(100), &mut |_| {}).await.expect("sweep");
    let page = t.reg.customer_page(c.id).await.expect("page");
    assert_eq!(numbers(&page), ["A-3"]);
}

/// A change of the financial year moves no year before it (BFL 3 kap. 3 §,
/// 7 kap. 2 §): calendar years until 2024, a changed year of sixteen months,
/// May to April since. The orders of the changed year are kept a year
/// longer than May-to-April years counted back would keep them, and those of
/// the years before as long as before; the accountant's years are the
/// shop's; years that disagree are refused and nothing is saved.
async fn a_changed_financial_year_keeps_the_years_before_it(kind: Kind) {
    use kundvakt_core::export::ExportFormat;
    let t = register(kind).await;
    let c = t.reg.add_customer(&common::input("Nils Berg", "nils@example.se")).await.expect("customer");
    for (number, date) in [("A-1", "2024-06-15"), ("A-2", "2025-03-15"), ("A-3", "2026-03-15"), ("A-4", "2026-06-15")] {
        t.reg.add_order(&plain_order(c.id, number, date)).await.expect("order");
    }
    let orders_due = |r: DueReport| -> Vec<(String, NaiveDate)> {
        r.items
            .iter()
            .filter(|i| i.entity == RecordKind::Order)
            .filter_map(|i| Some((i.number.clone()?, i.retain_until)))
            .collect()
    };

    let saved = t.reg.set_setting("changed_fiscal_years", "2025-01-01 – 2026-04-30").await.expect("changed year");
    assert_eq!(saved, "2025-01-01..2026-04-30");
    let s = t.reg.settings().await.expect("settings");
    assert_eq!(s.fiscal_year_start_month(), 5, "the years after it begin in May");
    let history = t.reg.setting_changes(None).await.expect("history");
    let keys: Vec<&str> = history.iter().map(|c| c.key.as_str()).collect();
    assert!(
        keys.starts_with(&["fiscal_year_start_month", "changed_fiscal_years"])
            || keys.starts_with(&["changed_fiscal_years", "fiscal_year_start_month"]),
        "{keys:?}"
    );

    // A-1 in calendar 2024, A-2 and A-3 in the changed year, A-4 in 2026-05..2027-04.
    let ends = [("A-1", "2031-12-31"), ("A-2", "2033-12-31"), ("A-3", "2033-12-31"), ("A-4", "2034-12-31")];
    let mut reported = reported_ends(&t.reg, c.id).await;
    reported.sort();
    assert_eq!(reported, ends.map(|(n, e)| (n.to_owned(), e.to_owned())));
    assert_eq!(
        orders_due(t.reg.retention_due(d("2033-06-01")).await.expect("due")),
        [("A-1".to_owned(), d("2031-12-31"))]
    );
    assert_eq!(
        orders_due(t.reg.retention_due(d("2034-01-01")).await.expect("due")),
        [("A-1".to_owned(), d("2031-12-31")), ("A-2".to_owned(), d("2033-12-31")), ("A-3".to_owned(), d("2033-12-31"))]
    );
    // The forecast counts in the month they fall due.
    let forecast = t.reg.retention_due(d("2033-06-15")).await.expect("due").forecast;
    let december = forecast.iter().find(|m| m.month == "2033-12").expect("December");
    assert_eq!(december.by_entity.get("order"), Some(&2), "{december:?}");

    // The accountant's years: the changed one, the one after; none begins in 2027's January.
    assert_eq!(t.reg.fiscal_year(2025).await.expect("2025"), (d("2025-01-01"), d("2026-04-30")));
    assert_eq!(t.reg.fiscal_year(2026).await.expect("2026"), (d("2026-05-01"), d("2027-04-30")));
    assert_eq!(t.reg.fiscal_year(2024).await.expect("2024"), (d("2024-01-01"), d("2024-12-31")));
    assert_eq!(t.reg.last_fiscal_year(d("2026-12-06")).await.expect("last"), (d("2025-01-01"), d("2026-04-30")));
    let dir = tempfile::tempdir().expect("dir");
    let (from, to) = t.reg.fiscal_year(2025).await.expect("2025");
    let summary =
        t.reg.export_orders(from, to, ExportFormat::Csv, false, &dir.path().join("2025.csv")).await.expect("export");
    assert_eq!(summary.orders, 2, "A-2 and A-3, the changed year's");

    // Years that disagree are refused where they are saved, and nothing changes.
    let refused = |r: kundvakt_core::error::Result<String>| match r {
        Err(kundvakt_core::Error::Invalid { message, .. }) => message.key,
        other => panic!("{other:?}"),
    };
    assert_eq!(refused(t.reg.set_setting("fiscal_year_start_month", "1").await), "msg-start-month-after-change");
    assert_eq!(
        refused(t.reg.set_setting("changed_fiscal_years", "2025-01-01..2026-07-31").await),
        "msg-changed-year-too-long"
    );
    assert_eq!(refused(t.reg.set_setting("first_fiscal_year_end", "2025-06-30").await), "msg-changed-year-in-first");
    assert_eq!(refused(t.reg.set_setting("country", "DE").await), "msg-changed-year-too-long");
    assert_eq!(t.reg.settings().await.expect("settings"), s, "nothing saved");
    assert_eq!(t.reg.setting_changes(None).await.expect("history").len(), history.len());

    // Set straight to May without the changed year, the years are May to April
    // back to the start: A-2's year ends 2025-04-30, and it would go a year early.
    t.reg.set_setting("changed_fiscal_years", "").await.expect("no change");
    t.reg.set_setting("fiscal_year_start_month", "5").await.expect("May");
    let due = orders_due(t.reg.retention_due(d("2033-06-01")).await.expect("due"));
    assert!(due.contains(&("A-2".to_owned(), d("2032-12-31"))), "{due:?}");

    // Years saved before the check (a first year to June, years from May)
    // are said at the field, and stop no other setting from being saved.
    common::execute(&t.location, "INSERT INTO settings (key, value) VALUES ('first_fiscal_year_end', '2024-06-30')")
        .await;
    t.reg.set_setting("controller.name", "Berg AB").await.expect("another setting");
    let problems = t.reg.settings().await.expect("settings").problems();
    assert_eq!(problems.iter().map(|p| p.key.as_str()).collect::<Vec<_>>(), ["first_fiscal_year_end"]);
}

/// A first financial year takes every voucher before its end, also one
/// dated before the earliest beginning the law allows it (an imported
/// history, a first year's end set too early): the accountant's export of
/// that year begins at the earliest voucher, named by its year or the one
/// the law would have begun it in, and its totals are the register's; the
/// years after it keep their own beginning.
async fn the_first_year_is_exported_from_its_first_voucher(kind: Kind) {
    use kundvakt_core::export::ExportFormat;
    use kundvakt_core::register::{InvoiceKind, NewInvoice};
    use kundvakt_core::values::{Currency, Money};
    let t = register(kind).await;
    let c = t.reg.add_customer(&common::input("Nils Berg", "nils@example.se")).await.expect("customer");
    t.reg.set_setting("fiscal_year_start_month", "1").await.expect("January");
    t.reg.set_setting("first_fiscal_year_end", "2025-12-31").await.expect("a first year");
    // No vouchers yet: the first year from the earliest the law allows (18 months, BFL 3 kap. 3 §).
    assert_eq!(t.reg.fiscal_year(2024).await.expect("2024"), (d("2024-07-01"), d("2025-12-31")));
    let early = t.reg.add_order(&plain_order(c.id, "A-1", "2023-03-15")).await.expect("order");
    t.reg.add_order(&plain_order(c.id, "A-2", "2025-06-01")).await.expect("order");
    t.reg.add_order(&plain_order(c.id, "A-3", "2026-02-01")).await.expect("order");
    let first = (d("2023-03-15"), d("2025-12-31"));
    assert_eq!(t.reg.fiscal_year(2024).await.expect("2024"), first);
    assert_eq!(t.reg.fiscal_year(2023).await.expect("2023, the first order's year"), first);
    // Where the years are set, they are shown so, and why.
    let shown = t.reg.financial_years().await.expect("years").shown();
    assert_eq!(shown.years, [first, (d("2026-01-01"), d("2026-12-31"))]);
    assert_eq!(shown.note.map(|m| m.key), Some("msg-first-year-begun-early"));
    assert_eq!(t.reg.last_fiscal_year(d("2025-09-01")).await.expect("running"), first, "while it runs");
    assert_eq!(t.reg.last_fiscal_year(d("2026-09-01")).await.expect("closed"), first);
    assert_eq!(t.reg.fiscal_year(2026).await.expect("2026"), (d("2026-01-01"), d("2026-12-31")));
    // The journal takes the invoices of the first year's orders, issued on or after them.
    let sek = Currency::parse("SEK").expect("SEK");
    let invoice = NewInvoice {
        order_id: early.id,
        number: "F-1".into(),
        kind: InvoiceKind::Invoice,
        issued_on: d("2023-03-15"),
        due_on: None,
        amount: Money::new(10_000, sek),
        credits: None,
    };
    t.reg.add_invoice(&invoice).await.expect("invoice");
    let (from, to) = t.reg.fiscal_year(2024).await.expect("2024");
    let dir = tempfile::tempdir().expect("dir");
    let orders = t.reg.export_orders(from, to, ExportFormat::Csv, false, &dir.path().join("o.csv")).await.expect("csv");
    assert_eq!(orders.orders, 2, "A-1 and A-2, both of the first year");
    assert_eq!(orders.totals.iter().map(|t| t.gross.minor).sum::<i64>(), 20_000);
    let journal =
        t.reg.export_invoices(from, to, ExportFormat::Csv, false, &dir.path().join("i.csv")).await.expect("journal");
    assert_eq!(journal.rows, 1, "F-1");
}

/// A register made before migration 49 has its orders dated by their
/// latest voucher when it is opened: the migration's own fill gives what
/// the trigger gives a new register.
async fn an_older_register_s_orders_are_dated_on_upgrade(kind: Kind) {
    let t = register(kind).await;
    kundvakt_core::demo::fill(&t.reg, 300, kundvakt_core::demo::DEMO_TODAY).await.expect("demo");
    let later = "SELECT COUNT(*) FROM orders o WHERE o.kept_from > o.order_date AND \
                 o.kept_from = (SELECT MAX(i.issued_on) FROM invoices i WHERE i.order_id = o.id)";
    let dated = common::scalar(&t.location, later).await;
    let set = "SELECT COUNT(*) FROM orders WHERE kept_from IS NOT NULL";
    assert!(dated > 10 && common::scalar(&t.location, set).await == dated, "the trigger dated {dated}");
    let before = t.reg.retention_due(d("2031-01-01")).await.expect("due");
    // Closed, its folder kept (the rest of `t`).
    drop(t.reg);
    let location = t.location.clone();
    // The register as migration 48 left it.
    let undo: &[&str] = match kind {
        Kind::Sqlite => &["DROP TRIGGER invoices_keep_order", "DROP INDEX orders_kept"],
        Kind::Postgres => &[
            "DROP TRIGGER invoices_keep_order ON invoices",
            "DROP FUNCTION invoices_keep_order()",
            "DROP INDEX orders_kept",
        ],
    };
    for sql in undo.iter().chain(&[
        "ALTER TABLE orders DROP COLUMN kept_from",
        "DELETE FROM _sqlx_migrations WHERE version = 20261206000049",
    ]) {
        common::execute(&location, sql).await;
    }
    let reg = Register::open(&location, kundvakt_core::OpenMode::Existing, "test").await.expect("upgrade");
    assert_eq!(common::scalar(&location, later).await, dated);
    assert_eq!(common::scalar(&location, set).await, dated);
    let after = reg.retention_due(d("2031-01-01")).await.expect("due");
    assert_eq!(after.items, before.items);
    assert_eq!(after.forecast, before.forecast);
}

/// The demo shop with two holds in force: on the first order due on `as_of`,
/// and on Åsa (K000001), and so on every record of hers.
struct Held {
    t: common::TestRegister,
    /// The due list before the holds.
    before: DueReport,
    order: DueItem,
    asa: kundvakt_core::register::Customer,
    /// The order's hold and Åsa's.
    holds: [kundvakt_core::retention::holds::Hold; 2],
}

async fn demo_with_holds(kind: Kind, as_of: NaiveDate) -> Held {
    let t = register(kind).await;
    kundvakt_core::demo::fill(&t.reg, 300, kundvakt_core::demo::DEMO_TODAY).await.expect("demo");
    let before = t.reg.retention_due(as_of).await.expect("due");
    let order = before.items.iter().find(|i| i.entity == RecordKind::Order).expect("a due order").clone();
    let asa = t.reg.find_customer("K000001").await.expect("Åsa");
    let holds = [
        t.reg.add_hold(RecordKind::Order, order.id, "Reklamation under utredning").await.expect("hold"),
        t.reg.add_hold(RecordKind::Customer, asa.id.0, "Tvist om leverans").await.expect("hold"),
    ];
    Held { t, before, order, asa, holds }
}

async fn holds_keep_records_until_lifted(kind: Kind) {
    let as_of = d("2026-01-01");
    let Held { t, before, order, asa, holds: [hold, customer_hold] } = demo_with_holds(kind, as_of).await;
    let during = t.reg.retention_due(as_of).await.expect("due");
    assert!(during.items.iter().all(|i| !(i.entity == order.entity && i.id == order.id)), "the held order is not due");
    assert!(during.held.iter().any(|i| i.entity == order.entity && i.id == order.id), "it is listed as held");
    let asas: Vec<i64> = t.reg.customer_page(asa.id).await.expect("page").orders.iter().map(|o| o.id.0).collect();
    assert!(
        during.items.iter().all(|i| !(i.entity == RecordKind::Order && asas.contains(&i.id))),
        "a held customer's orders are not due"
    );
    assert!(during.held.iter().any(|i| i.entity == RecordKind::Order && asas.contains(&i.id)));
    assert_eq!(during.items.len() + during.held.len(), before.items.len());
    let view = t.reg.retention_view(as_of, 10).await.expect("view");
    assert_eq!((view.total, view.held), (during.items.len() as i64, during.held.len() as i64));
    let unnamed: Vec<DueItem> = view.first.iter().map(|i| DueItem { customer: None, ..i.clone() }).collect();
    assert_eq!(unnamed, during.items[..10], "the head of the list, each named with its customer");
    assert!(view.first.iter().all(|i| i.customer.is_some()), "{:?}", view.first);
    let preview = t.reg.sweep_preview(as_of).await.expect("preview");
    assert_eq!(preview.held_by, [KeptCount { keeper: Keeper::LegalHold, records: during.held.len() as i64 }]);
    // The list names each held record by its number and says whose it is.
    let listed: Vec<(RecordKind, Option<String>, Option<i64>)> = t
        .reg
        .holds(false)
        .await
        .expect("holds")
        .into_iter()
        .map(|v| (v.hold.entity, v.number, v.customer_id.map(|c| c.0)))
        .collect();
    let owner = t.reg.customer_page(asa.id).await.expect("page");
    assert_eq!(listed.len(), 2);
    assert_eq!((listed[0].0, listed[0].1.as_deref()), (RecordKind::Order, order.number.as_deref()));
    assert_eq!(listed[1], (RecordKind::Customer, Some(owner.customer.number.clone()), Some(asa.id.0)));
    t.reg.lift_hold(hold.id).await.expect("lift");
    t.reg.lift_hold(customer_hold.id).await.expect("lift");
    assert_eq!(t.reg.lift_hold(hold.id).await.expect_err("lifted twice").code(), "refused");
    assert_eq!(t.reg.retention_due(as_of).await.expect("due").items, before.items);
    assert_eq!(t.reg.add_hold(RecordKind::Order, 999_999, "x").await.expect_err("no such order").code(), "not_found");
    assert!(t
        .reg
        .add_hold(RecordKind::Order, order.id, " ")
        .await
        .expect_err("no reason")
        .to_string()
        .starts_with("reason: "));
    let history = kundvakt_core::audit::history(t.reg.store(), asa.id).await.expect("history");
    assert!(
        history.iter().any(|e| e.entry.action == "hold.add") && history.iter().any(|e| e.entry.action == "hold.lift")
    );
}

/// A restricted customer's data is only stored (Art. 18(2)): nothing of
/// theirs is due, the sweep deletes none of it, and once the restriction is
/// lifted what had passed its end is due again.
async fn a_restriction_keeps_the_customer_s_records_from_the_sweep(kind: Kind) {
    let as_of = d("2026-01-01");
    let t = register(kind).await;
    kundvakt_core::demo::fill(&t.reg, 300, kundvakt_core::demo::DEMO_TODAY).await.expect("demo");
    let before = t.reg.retention_due(as_of).await.expect("due");
    assert!(before.held.is_empty());
    let asa = t.reg.find_customer("K000001").await.expect("Åsa");
    let orders = |page: &kundvakt_core::register::CustomerPage| page.orders.iter().map(|o| o.id.0).collect::<Vec<_>>();
    let asas = orders(&t.reg.customer_page(asa.id).await.expect("page"));
    let ground = kundvakt_core::register::restriction::RestrictionGround::LegalClaims;
    t.reg.restrict_customer(asa.id, ground, None, Some("Behöver kvittona i en tvist")).await.expect("restrict");

    let during = t.reg.retention_due(as_of).await.expect("due");
    let key = |i: &DueItem| (i.entity, i.id);
    let hers: BTreeSet<(RecordKind, i64)> =
        before.items.iter().map(key).filter(|k| !during.items.iter().any(|i| key(i) == *k)).collect();
    assert!(hers.iter().any(|(k, id)| *k == RecordKind::Order && asas.contains(id)), "her due orders: {hers:?}");
    assert_eq!(during.items.len() + hers.len(), before.items.len(), "only hers left the list");
    // Listed as kept, but for her account itself: a restricted account is never inactive.
    let held: BTreeSet<(RecordKind, i64)> = during.held.iter().map(key).collect();
    let records: BTreeSet<(RecordKind, i64)> =
        hers.iter().filter(|(k, _)| *k != RecordKind::Customer).copied().collect();
    assert_eq!(held, records);
    let view = t.reg.retention_view(as_of, 0).await.expect("view");
    assert_eq!((view.total, view.held), (during.items.len() as i64, during.held.len() as i64));
    let preview = t.reg.sweep_preview(as_of).await.expect("preview");
    assert_eq!((preview.total, preview.held), (during.items.len() as i64, during.held.len() as i64));
    assert_eq!(preview.held_by, [KeptCount { keeper: Keeper::Restriction, records: preview.held }]);

    t.reg.sweep(as_of, Batching::Fixed(50), &mut |_| {}).await.expect("sweep");
    assert_eq!(orders(&t.reg.customer_page(asa.id).await.expect("page")), asas, "the sweep kept her orders");
    let swept = t.reg.retention_due(as_of).await.expect("due");
    assert!(swept.items.is_empty());
    assert_eq!(swept.held, during.held);

    t.reg.lift_restriction(asa.id, as_of).await.expect("lift");
    let after: BTreeSet<(RecordKind, i64)> =
        t.reg.retention_due(as_of).await.expect("due").items.iter().map(key).collect();
    assert_eq!(after, hers, "what had passed its end is due once she is no longer restricted");
}

/// A person who asked for a copy of their data is owed the data the shop
/// held when they asked (Art. 15(1)); one who asked for a restriction may
/// need it for a legal claim once the shop's own need has ended (Art.
/// 18(1)(c)). While such a request is open, the sweep keeps that customer's
/// records past their end, the account too; once it is answered they go.
async fn an_open_request_for_a_copy_keeps_the_customer_s_records_from_the_sweep(kind: Kind) {
    let as_of = d("2026-01-01");
    let t = register(kind).await;
    kundvakt_core::demo::fill(&t.reg, 300, kundvakt_core::demo::DEMO_TODAY).await.expect("demo");
    let key = |i: &DueItem| (i.entity, i.id);
    let before = t.reg.retention_due(as_of).await.expect("due");
    let due: BTreeSet<(RecordKind, i64)> = before.items.iter().map(key).collect();
    let held_before: BTreeSet<(RecordKind, i64)> = before.held.iter().map(key).collect();
    // Inactive customers whose account is due with more of theirs.
    let mut inactive = vec![];
    for i in before.items.iter().filter(|i| i.entity == RecordKind::Customer) {
        let page = t.reg.customer_page(CustomerId(i.id)).await.expect("page");
        let theirs: BTreeSet<(RecordKind, i64)> = records_of(&page).into_iter().filter(|r| due.contains(r)).collect();
        if theirs.len() > 1 {
            inactive.push((CustomerId(i.id), theirs));
        }
    }
    let [copy, restriction, other] = &inactive[..3] else { panic!("three inactive customers: {inactive:?}") };
    let access = t.reg.open_request(copy.0, RequestKind::Access, None, None).await.expect("access");
    t.reg.open_request(restriction.0, RequestKind::Restriction, None, None).await.expect("restriction");
    // A request to correct their details keeps nothing.
    t.reg.open_request(other.0, RequestKind::Rectification, None, None).await.expect("rectification");

    let during = t.reg.retention_due(as_of).await.expect("due");
    let kept: BTreeSet<(RecordKind, i64)> = copy.1.union(&restriction.1).copied().collect();
    assert_eq!(during.items.iter().map(key).collect::<BTreeSet<_>>(), &due - &kept);
    assert_eq!(during.held.iter().map(key).collect::<BTreeSet<_>>(), &held_before | &kept);
    let view = t.reg.retention_view(as_of, 0).await.expect("view");
    assert_eq!((view.total, view.held), (during.items.len() as i64, during.held.len() as i64));
    let preview = t.reg.sweep_preview(as_of).await.expect("preview");
    assert_eq!((preview.total, preview.held), (during.items.len() as i64, during.held.len() as i64));
    assert!(held_before.is_empty(), "the demo shop keeps nothing past its end: {held_before:?}");
    let by = |keeper: Keeper, n: &BTreeSet<(RecordKind, i64)>| KeptCount { keeper, records: n.len() as i64 };
    assert_eq!(preview.held_by, [by(Keeper::Request, &kept)]);
    // A record kept by more than one thing is counted once, under the first: a legal hold on the
    // customer who asked for a copy takes their records from the requests' count.
    let hold = t.reg.add_hold(RecordKind::Customer, copy.0 .0, "Tvist").await.expect("hold");
    let preview = t.reg.sweep_preview(as_of).await.expect("preview");
    assert_eq!(preview.held_by, [by(Keeper::LegalHold, &copy.1), by(Keeper::Request, &restriction.1)]);
    assert_eq!(preview.held, kept.len() as i64);
    t.reg.lift_hold(hold.id).await.expect("lift");

    let run = t.reg.sweep(as_of, Batching::Fixed(50), &mut |_| {}).await.expect("sweep");
    // The sweep's summary accounts for what it kept past its end, and why.
    let json = t.reg.sweep_summary(run.id, None, Format::Json).await.expect("summary");
    let summary: serde_json::Value = serde_json::from_slice(&json.bytes).expect("JSON");
    common::assert_valid(&common::schema("sweep-summary.v1.json"), &summary, "sweep summary");
    assert_eq!(summary["held"], serde_json::json!([{ "keeper": "request", "records": kept.len() }]));
    let pdf = t.reg.sweep_summary(run.id, Some(kundvakt_core::values::Language::En), Format::Pdf).await.expect("pdf");
    let words = common::pdftotext(&pdf.bytes).split_whitespace().collect::<Vec<_>>().join(" ");
    assert!(words.contains("that were kept, not erased, and what kept them"), "{words}");
    assert!(words.contains("The customer's request for a copy or a restriction, not yet answered"), "{words}");
    let state = |c: CustomerId| {
        let reg = &t.reg;
        async move { reg.customer(c).await.expect("customer").state }
    };
    assert_eq!(state(other.0).await, CustomerState::Erased, "a request to correct keeps nothing");
    for (asked, theirs) in [copy, restriction] {
        assert_eq!(state(*asked).await, CustomerState::Active);
        let page = t.reg.customer_page(*asked).await.expect("page");
        let left: BTreeSet<(RecordKind, i64)> = records_of(&page).into_iter().collect();
        assert!(left.is_superset(theirs), "the sweep kept every record of theirs");
    }

    // Answered with the copy, the request keeps nothing more: theirs are due, and the next sweep takes them.
    t.reg.request_step(access.id, Step::Verify { how: None }, None).await.expect("verify");
    t.reg.access_report(copy.0, None, Some(access.id), Format::Json).await.expect("the copy");
    t.reg.request_step(access.id, Step::Answer { answer: "Här är dina uppgifter".into() }, None).await.expect("answer");
    let after = t.reg.retention_due(as_of).await.expect("due");
    assert_eq!(after.items.iter().map(key).collect::<BTreeSet<_>>(), copy.1);
    t.reg.sweep(as_of, Batching::Fixed(50), &mut |_| {}).await.expect("sweep");
    assert_eq!(state(copy.0).await, CustomerState::Erased);
    assert_eq!(state(restriction.0).await, CustomerState::Active, "the restriction is still asked for");
}

/// A reader of the due list that asks for `page` records of a kind at a time.
struct Paged {
    page: usize,
    report: DueReport,
    totals: Option<DueTotals>,
}

impl DueSink for Paged {
    fn totals(&mut self, totals: DueTotals) -> kundvakt_core::Result<()> {
        assert!(self.totals.is_none(), "the totals come once, first");
        self.totals = Some(totals);
        Ok(())
    }

    fn due(&mut self, item: DueItem) -> kundvakt_core::Result<()> {
        assert!(
            self.totals.is_some() && self.report.held.is_empty(),
            "the records due come after the totals, before the held"
        );
        self.report.items.push(item);
        Ok(())
    }

    fn held(&mut self, item: DueItem) -> kundvakt_core::Result<()> {
        self.report.held.push(item);
        Ok(())
    }

    fn page(&self) -> usize {
        self.page
    }
}

/// The list is read a page of each kind at a time (the command line writes
/// it as it comes): whatever the page, the same records in the same order,
/// none twice, and the totals count them. Pages of one record put a page's
/// end between every two records, those of one date and of one moment too.
async fn the_due_list_read_in_pages_is_the_whole_list(kind: Kind) {
    let as_of = d("2026-10-31");
    let t = demo_with_holds(kind, as_of).await.t;
    let whole = t.reg.retention_due(as_of).await.expect("due");
    assert!(whole.held.len() > 1 && whole.items.len() > 100, "{} held, {} due", whole.held.len(), whole.items.len());
    let days: BTreeSet<(RecordKind, NaiveDate)> = whole.items.iter().map(|i| (i.entity, i.retain_until)).collect();
    assert!(days.len() < whole.items.len(), "some records share a kind and an end");
    for page in [1, 2, 7, 500] {
        let empty = DueReport { as_of, items: vec![], overdue: 0, held: vec![], forecast: vec![] };
        let mut paged = Paged { page, report: empty, totals: None };
        t.reg.retention_due_into(as_of, &mut paged).await.expect("paged");
        assert_eq!(paged.report.items, whole.items, "due, in pages of {page}");
        assert_eq!(paged.report.held, whole.held, "held, in pages of {page}");
        let totals = paged.totals.expect("totals");
        assert_eq!((totals.total, totals.held), (whole.items.len() as i64, whole.held.len() as i64));
        assert_eq!((totals.overdue, &totals.forecast), (whole.overdue, &whole.forecast));
    }
    let ids: BTreeSet<(RecordKind, i64)> = whole.items.iter().map(|i| (i.entity, i.id)).collect();
    assert_eq!(ids.len(), whole.items.len(), "no record twice");
}

/// A note that documents a business event (a settled complaint) is kept as
/// the bookkeeping law keeps correspondence (Norway: secondary documentation,
/// three years and six months after the financial year), an ordinary note
/// the shop's period; the due list, the sweep, the access report and an
/// erasure all say so.
async fn a_note_that_documents_a_business_event_is_kept_under_the_bookkeeping_law(kind: Kind) {
    let t = register(kind).await;
    let reg = &t.reg;
    reg.set_setting("country", "NO").await.expect("NO");
    let input = CustomerInput {
        name: Some("Kari Nordmann".into()),
        email: Some("kari@example.no".into()),
        ..CustomerInput::default()
    };
    let kari = reg.add_customer(&input).await.expect("customer");
    let note = |summary: &str, closed: Option<NaiveDate>, bookkeeping: bool| NewInteraction {
        customer_id: kari.id,
        occurred_at: d("2022-01-10").and_hms_opt(10, 0, 0).expect("time").and_utc(),
        channel: Channel::Email,
        direction: Direction::Inbound,
        summary: summary.into(),
        staff: None,
        closed_on: closed,
        bookkeeping,
    };
    let chat = reg.add_interaction(&note("Spurte om åpningstider", Some(d("2022-01-10")), false)).await.expect("chat");
    let deal = reg
        .add_interaction(&note("Reklamasjon: avtalt 20 % avslag på ordre O-1", Some(d("2022-01-10")), true))
        .await
        .expect("deal");
    let open = reg.add_interaction(&note("Avtale om delbetaling, pågår", None, true)).await.expect("open");
    assert!(deal.bookkeeping && !chat.bookkeeping);

    // 2024-02-01: the chat's 24 months are over; the agreement is kept
    // through 2026-06-30 (the year 2022 ended 2022-12-31, plus 42 months).
    let due = reg.retention_due(d("2024-02-01")).await.expect("due");
    let notes: Vec<(i64, NaiveDate, &str)> = due
        .items
        .iter()
        .filter(|i| i.entity == RecordKind::Interaction)
        .map(|i| (i.id, i.retain_until, i.rule.as_str()))
        .collect();
    assert_eq!(notes, [(chat.id.0, d("2024-01-10"), "setting retention.interaction_months")]);
    let later = reg.retention_due(d("2026-07-01")).await.expect("due");
    let deal_due = later.items.iter().find(|i| i.id == deal.id.0 && i.entity == RecordKind::Interaction);
    assert_eq!(deal_due.map(|i| (i.retain_until, i.rule.as_str())), Some((d("2026-06-30"), "NO BFL 13 secondary")));
    assert!(!later.items.iter().any(|i| i.id == open.id.0 && i.entity == RecordKind::Interaction), "open: no end yet");
    let preview = reg.sweep_preview(d("2024-02-01")).await.expect("preview");
    let swept: Vec<(&str, i64)> = preview
        .counts
        .iter()
        .filter(|c| c.entity == RecordKind::Interaction)
        .map(|c| (c.rule.as_str(), c.records))
        .collect();
    assert_eq!(swept, [("setting retention.interaction_months", 1)]);

    // The access report gives each note its own end and rule.
    let report = reg.access_report_content(kari.id, None, None).await.expect("report");
    let ends: Vec<(Option<NaiveDate>, String)> = report
        .categories
        .communications
        .records
        .iter()
        .map(|r| (r.retention.retain_until, r.retention.rule.clone()))
        .collect();
    assert!(ends.contains(&(Some(d("2026-06-30")), "NO BFL 13 secondary".into())), "{ends:?}");
    assert!(ends.contains(&(Some(d("2024-01-10")), "setting retention.interaction_months".into())), "{ends:?}");
    let pdf =
        reg.access_report(kari.id, Some(kundvakt_core::values::Language::Nb), None, Format::Pdf).await.expect("pdf");
    let words = common::pdftotext(&pdf.bytes).split_whitespace().collect::<Vec<_>>().join(" ");
    assert!(words.contains("sekundærdokumentasjon"), "the law named in the report: {words}");

    // Erased today: the agreement and the open matter are kept under the
    // law (the open one closes with the erasure), the chat goes.
    let today = reg.today().await.expect("today");
    let plan = reg.erasure_preview(kari.id, None).await.expect("preview");
    let kept: Vec<(&str, Option<NaiveDate>, &str)> = plan
        .kept
        .iter()
        .filter(|k| k.category == kundvakt_core::processing::Category::Communications)
        .map(|k| (k.record.as_str(), k.retain_until, k.rule.as_str()))
        .collect();
    let open_until = retention::correspondence(&reg.settings().await.expect("settings"), today).retain_until;
    let (deal_record, open_record) = (format!("note {}", deal.id), format!("note {}", open.id));
    if today <= d("2026-06-30") {
        assert_eq!(
            kept,
            [
                (deal_record.as_str(), Some(d("2026-06-30")), "NO BFL 13 secondary"),
                (open_record.as_str(), open_until, "NO BFL 13 secondary")
            ]
        );
    } else {
        assert_eq!(kept, [(open_record.as_str(), open_until, "NO BFL 13 secondary")], "the agreement's period is over");
    }
    reg.erase_customer(kari.id, None).await.expect("erase");
    let closed = format!("SELECT COUNT(*) FROM interactions WHERE id = {} AND closed_on = '{today}'", open.id);
    assert_eq!(common::scalar(&t.location, &closed).await, 1, "the kept open matter closes with the erasure");
    // The law alone keeps it now, however long the shop keeps its own notes:
    // the shop's purpose for them ended with the erasure.
    reg.set_setting("retention.interaction_months", "120").await.expect("months");
    let law_end = open_until.expect("an end");
    let after = reg.retention_due(law_end.succ_opt().expect("day")).await.expect("due");
    let kept_due = after.items.iter().find(|i| i.entity == RecordKind::Interaction && i.id == open.id.0);
    assert_eq!(kept_due.map(|i| (i.retain_until, i.rule.as_str())), Some((law_end, "NO BFL 13 secondary")));
    // What the erasure keeps is only stored: not corrected, not unmarked (Art. 18(2)).
    let unmark = InteractionChanges { bookkeeping: Some(false), ..InteractionChanges::default() };
    let refused = reg.edit_interaction(open.id, &unmark, None).await.expect_err("erased");
    assert_eq!(refused.to_string(), format!("customer {} is erased", kari.number));
    let left =
        common::scalar(&t.location, &format!("SELECT COUNT(*) FROM interactions WHERE customer_id = {}", kari.id))
            .await;
    assert_eq!(left, kept.len() as i64, "the chat is gone, the kept notes stay on the tombstone");
}

/// The records of one customer, each with its kind and id, in the order of
/// the access report's categories.
fn records_of(p: &kundvakt_core::register::CustomerPage) -> Vec<(RecordKind, i64)> {
    let mut all = vec![(RecordKind::Customer, p.customer.id.0)];
    all.extend(p.orders.iter().map(|o| (RecordKind::Order, o.id.0)));
    all.extend(p.invoices.iter().map(|i| (RecordKind::Invoice, i.id.0)));
    all.extend(p.interactions.iter().map(|i| (RecordKind::Interaction, i.id.0)));
    all.extend(p.web_events.iter().map(|w| (RecordKind::WebEvent, w.id.0)));
    all.extend(p.consents.iter().map(|x| (RecordKind::Consent, x.id.0)));
    all.extend(p.event_registrations.iter().map(|e| (RecordKind::EventRegistration, e.id.0)));
    all.extend(p.requests.iter().map(|r| (RecordKind::Request, r.id.0)));
    all
}

/// An access report tells a record past its last day as the sweep reads
/// it: to be deleted, or kept by a legal hold, the customer's restriction
/// or a request of theirs not yet answered, as the list of those kept says;
/// a person told "kept until" a day gone by would read that the shop keeps
/// their data without end (Art. 15(1)(d), 5(1)(e)).
async fn an_access_report_tells_what_keeps_a_record_past_its_end(kind: Kind) {
    use kundvakt_core::register::restriction::RestrictionGround;
    use kundvakt_core::register::CustomerState;
    use kundvakt_core::retention::KeptPast;
    let t = register(kind).await;
    kundvakt_core::demo::fill(&t.reg, 300, kundvakt_core::demo::DEMO_TODAY).await.expect("demo");
    let today = t.reg.today().await.expect("today");
    let mut pages = vec![];
    for c in t.reg.list_customers(0, 1000).await.expect("customers").items {
        let page = t.reg.customer_page(c.id).await.expect("page");
        if c.state != CustomerState::Erased && page.merged_into.is_none() {
            pages.push(page);
        }
    }
    let owner = |pages: &[kundvakt_core::register::CustomerPage], kind: RecordKind, id: i64| {
        pages.iter().position(|p| records_of(p).contains(&(kind, id)))
    };
    // A hold on an order past its end that has an invoice, and a restriction of another customer with records past theirs.
    let before = t.reg.retention_due(today).await.expect("due");
    let (order, held_at) = before
        .items
        .iter()
        .filter(|i| i.entity == RecordKind::Order)
        .find_map(|i| {
            let at = owner(&pages, i.entity, i.id)?;
            pages[at].invoices.iter().any(|v| v.order_id.0 == i.id).then_some((i.id, at))
        })
        .expect("an invoiced order past its end");
    t.reg.add_hold(RecordKind::Order, order, "Tvist om en reklamation").await.expect("hold");
    let restricted_at = before
        .items
        .iter()
        .filter_map(|i| owner(&pages, i.entity, i.id))
        .find(|at| *at != held_at)
        .expect("another customer with records past their end");
    let restricted = pages[restricted_at].customer.id;
    t.reg.restrict_customer(restricted, RestrictionGround::LegalClaims, None, None).await.expect("restrict");
    // And a third asks for a copy.
    let asking_at = before
        .items
        .iter()
        .filter_map(|i| owner(&pages, i.entity, i.id))
        .find(|at| ![held_at, restricted_at].contains(at))
        .expect("a third customer with records past their end");
    let asking = pages[asking_at].customer.id;
    let access = t.reg.open_request(asking, RequestKind::Access, None, None).await.expect("request");
    pages[asking_at] = t.reg.customer_page(asking).await.expect("page, with the request");
    let due = t.reg.retention_due(today).await.expect("due");
    assert!(!due.items.is_empty() && !due.held.is_empty());
    let keepers: BTreeSet<Keeper> = due.held.iter().filter_map(|i| i.kept_by).collect();
    assert_eq!(keepers.len(), 3, "each held record says what keeps it: {:?}", due.held);
    assert!(due.held.iter().all(|i| i.kept_by.is_some()));
    // Each names the customer it is of, whom the owner turns to about it.
    for i in &due.held {
        let page = &pages[owner(&pages, i.entity, i.id).expect("a customer's record")];
        let whose = i.customer.as_ref().map(|c| (c.id, c.number.as_str()));
        assert_eq!(whose, Some((page.customer.id, page.customer.number.as_str())), "{i:?}");
    }
    // The window's retention screen counts each keeper's records as the list
    // holds them, and the sweep's preview, and shows the head of each keeper's.
    let by_keeper = |k: Keeper| due.held.iter().filter(move |i| i.kept_by == Some(k));
    let held_by: Vec<KeptCount> =
        Keeper::ALL.iter().map(|&k| KeptCount { keeper: k, records: by_keeper(k).count() as i64 }).collect();
    assert_eq!(t.reg.sweep_preview(today).await.expect("preview").held_by, held_by);
    let most = Keeper::ALL.iter().map(|&k| by_keeper(k).count()).max().unwrap_or(0);
    assert!(Keeper::ALL.iter().any(|&k| by_keeper(k).count() > 1), "a keeper with more than one record");
    // Counted in one pass with what keeps the rest: the records due, and of
    // them those that were due the day before already; on the day after
    // the last end of those due today, some of them are and some are not.
    let last = due.items.iter().map(|i| i.retain_until).max().expect("records due");
    let day = last.succ_opt().expect("date");
    let then = t.reg.retention_due(day).await.expect("due");
    let overdue = then.items.iter().filter(|i| i.retain_until < last).count() as i64;
    assert!(overdue > 0 && overdue < then.items.len() as i64, "some due the day before, some not: {overdue}");
    let view = t.reg.retention_view(day, 0).await.expect("view");
    let counted = (view.total, view.overdue, view.held);
    assert_eq!(counted, (then.items.len() as i64, overdue, then.held.len() as i64), "on {day}");
    assert_eq!(then.overdue, overdue);
    for first in [0, 1, most + 1] {
        let view = t.reg.retention_view(today, first).await.expect("view");
        assert_eq!((view.held, &view.held_by), (due.held.len() as i64, &held_by), "the first {first}");
        assert_eq!(view.total, due.items.len() as i64, "the first {first}");
        let heads: Vec<DueItem> = Keeper::ALL.iter().flat_map(|&k| by_keeper(k).take(first).cloned()).collect();
        assert_eq!(view.kept, heads, "the first {first} of each");
    }
    let (mut told_due, mut told_kept) = (0, 0);
    for page in &pages {
        let report = t.reg.access_report_content(page.customer.id, None, None).await.expect("report");
        let records = records_of(page);
        let told: Vec<_> = report.retentions().collect();
        assert_eq!(told.len(), records.len(), "{}: a retention for every record", page.customer.number);
        for (&(kind, id), r) in records.iter().zip(&told) {
            let listed = |list: &[DueItem]| list.iter().any(|i| (i.entity, i.id) == (kind, id));
            let past = r.retain_until.is_some_and(|u| u < today);
            let is_restricted = page.customer.id == restricted;
            let kept_by = due.held.iter().find(|i| (i.entity, i.id) == (kind, id)).and_then(|i| i.kept_by);
            let want = match (listed(&due.items), past, kept_by) {
                (true, _, _) => Some(KeptPast::Due),
                (false, false, _) => None,
                (false, true, Some(keeper)) => Some(KeptPast::from(keeper)),
                (false, true, None) => {
                    assert!(
                        is_restricted && kind == RecordKind::Customer,
                        "{kind} {id}: past, and neither due nor kept"
                    );
                    Some(KeptPast::Restriction)
                }
            };
            assert_eq!(r.kept_past, want, "{} {kind} {id}: {r:?}", page.customer.number);
            // What is past and not due, the sweep keeps (a restricted customer's own record is not
            // among its kinds: it takes only active customers).
            if past && !listed(&due.items) && !(is_restricted && kind == RecordKind::Customer) {
                assert!(listed(&due.held), "{kind} {id}");
                told_kept += 1;
            }
        }
        told_due += report.records_past_due();
    }
    // Every record of the lists was told, by the report of the customer it belongs to.
    assert_eq!(told_due, due.items.iter().filter(|i| owner(&pages, i.entity, i.id).is_some()).count());
    assert_eq!(told_kept, due.held.len());
    // The report that answers the request tells the person what it keeps as
    // to be deleted: answered, nothing keeps it. Another request open keeps it still.
    let past = |report: &kundvakt_core::reports::access::AccessReport| {
        report.retentions().filter_map(|r| r.kept_past).collect::<Vec<_>>()
    };
    let preview = t.reg.access_report_content(asking, None, None).await.expect("report");
    assert!(!past(&preview).is_empty() && past(&preview).iter().all(|k| *k == KeptPast::Request));
    t.reg.request_step(access.id, Step::Verify { how: None }, None).await.expect("verify");
    let answer = t.reg.access_report_content(asking, None, Some(access.id)).await.expect("report");
    assert_eq!(past(&answer).len(), past(&preview).len());
    assert!(past(&answer).iter().all(|k| *k == KeptPast::Due) && answer.records_past_due() == past(&answer).len());
    t.reg.open_request(asking, RequestKind::Restriction, None, None).await.expect("another request");
    let answer = t.reg.access_report_content(asking, None, Some(access.id)).await.expect("report");
    assert!(past(&answer).iter().all(|k| *k == KeptPast::Request) && answer.records_past_due() == 0);
    let pdf = t.reg.access_report(asking, Some(kundvakt_core::values::Language::En), Some(access.id), Format::Pdf);
    let words = common::pdftotext(&pdf.await.expect("pdf").bytes).split_whitespace().collect::<Vec<_>>().join(" ");
    assert!(words.contains("kept until a request") && words.contains("is answered"), "{words}");
    // The order held, and its invoices, which it cannot be deleted without.
    let held = t.reg.access_report_content(pages[held_at].customer.id, None, None).await.expect("report");
    let number = &pages[held_at].orders.iter().find(|o| o.id.0 == order).expect("order").number;
    let o = held.categories.purchase_history.records.iter().find(|o| &o.number == number).expect("the order");
    assert_eq!(o.retention.kept_past, Some(KeptPast::LegalHold));
    let invoices = held.categories.invoices.records.iter().filter(|i| i.order_number.as_ref() == Some(number));
    assert!(
        invoices.clone().count() > 0 && invoices.clone().all(|i| i.retention.kept_past == Some(KeptPast::LegalHold))
    );
    // The document says it in words, in the customer's language, and the JSON by name.
    let pdf =
        t.reg.access_report(pages[held_at].customer.id, Some(kundvakt_core::values::Language::En), None, Format::Pdf);
    let text = common::pdftotext(&pdf.await.expect("pdf").bytes);
    // (A table's narrow column breaks the words over lines.)
    assert!(text.contains("kept longer") && text.contains("for a legal claim"), "{text}");
    let r = t.reg.access_report(restricted, Some(kundvakt_core::values::Language::Sv), None, Format::Pdf);
    let text = common::pdftotext(&r.await.expect("pdf").bytes);
    assert!(text.contains("sparas medan") && text.contains("begränsad"), "{text}");
    let json = t.reg.access_report(pages[held_at].customer.id, None, None, Format::Json).await.expect("json");
    let json: serde_json::Value = serde_json::from_slice(&json.bytes).expect("JSON");
    let orders = json["categories"]["purchase_history"]["records"].as_array().expect("orders");
    let o = orders.iter().find(|o| o["number"] == number.as_str()).expect("the order");
    assert_eq!(o["retention"]["kept_past"], "legal_hold");
    // A customer with records to be deleted: each marked, and a word on what the mark means.
    let (due_at, _) = pages
        .iter()
        .enumerate()
        .find(|(at, p)| {
            *at != held_at
                && p.customer.id != restricted
                && records_of(p).iter().any(|(k, id)| due.items.iter().any(|i| (i.entity, i.id) == (*k, *id)))
        })
        .expect("a customer with records due");
    let pdf =
        t.reg.access_report(pages[due_at].customer.id, Some(kundvakt_core::values::Language::Nb), None, Format::Pdf);
    let text = common::pdftotext(&pdf.await.expect("pdf").bytes);
    let words = text.split_whitespace().collect::<Vec<_>>().join(" ");
    assert!(
        text.contains("skal slettes") && words.contains("En opplysning merket «skal slettes» har passert"),
        "{text}"
    );
}

/// Whatever keeps records past their end, the counts are the lists: the
/// retention screen's and the sweep preview's totals, those overdue and
/// those each keeper keeps, and each month of the forecast, against the
/// lists read record by record. Counted, what is kept is looked for among
/// the few records the keepers could keep; a record one keeps that the
/// search missed would be neither counted nor listed as kept. So each kind
/// of keeper is here: a hold on a record of every kind, on a customer and
/// on an erased customer (what is kept under the pseudonym), a restriction
/// and a request for a copy, each with records due now and records that
/// end within the forecast.
async fn the_counts_are_the_lists_whatever_keeps_records(kind: Kind) {
    use chrono::Months;
    use kundvakt_core::register::restriction::RestrictionGround;
    let as_of = d("2027-01-01");
    let t = register(kind).await;
    kundvakt_core::demo::fill(&t.reg, 300, kundvakt_core::demo::DEMO_TODAY).await.expect("demo");
    let key = |i: &DueItem| (i.entity, i.id);
    let keys = |items: &[DueItem]| items.iter().map(key).collect::<BTreeSet<_>>();
    let now = keys(&t.reg.retention_due(as_of).await.expect("due").items);
    let later = &keys(&t.reg.retention_due(d("2028-06-01")).await.expect("due").items) - &now;
    // The customers with records due now and records that end within the forecast.
    let mut both = vec![];
    for c in t.reg.list_customers(0, 1000).await.expect("customers").items {
        let records: BTreeSet<(RecordKind, i64)> =
            records_of(&t.reg.customer_page(c.id).await.expect("page")).into_iter().collect();
        let order_later = records.iter().find(|r| r.0 == RecordKind::Order && later.contains(r)).copied();
        if let (CustomerState::Active, false, Some(order)) = (c.state, records.is_disjoint(&now), order_later) {
            both.push((c.id, order));
        }
    }
    let [(erased, kept_order), (held, _), (restricted, _), (asking, _), ..] = both[..] else {
        panic!("four customers with records due now and later: {both:?}")
    };
    // Erased, the order is kept for the books under the pseudonym.
    t.reg.erase_customer(erased, None).await.expect("erase");
    let before = t.reg.retention_due(as_of).await.expect("due");
    assert!(before.held.is_empty(), "{:?}", before.held);
    let mut kinds = BTreeSet::new();
    for kind in [
        RecordKind::Order,
        RecordKind::Invoice,
        RecordKind::Interaction,
        RecordKind::WebEvent,
        RecordKind::Consent,
        RecordKind::EventRegistration,
        RecordKind::Request,
    ] {
        if let Some(i) = before.items.iter().find(|i| i.entity == kind) {
            t.reg.add_hold(kind, i.id, "Tvist").await.expect("hold");
            kinds.insert(kind);
        }
    }
    assert!(kinds.len() >= 6, "holds on records of most kinds: {kinds:?}");
    t.reg.add_hold(RecordKind::Customer, erased.0, "Tvist om en gammal order").await.expect("hold");
    t.reg.add_hold(RecordKind::Customer, held.0, "Tvist").await.expect("hold");
    t.reg.restrict_customer(restricted, RestrictionGround::LegalClaims, None, None).await.expect("restrict");
    t.reg.open_request(asking, RequestKind::Access, None, None).await.expect("request");

    let due = t.reg.retention_due(as_of).await.expect("due");
    let (listed, kept) = (keys(&due.items), keys(&due.held));
    assert!(listed.is_disjoint(&kept));
    assert_eq!(&listed | &kept, keys(&before.items), "each record past its end is due or kept");
    let keepers: BTreeSet<Keeper> = due.held.iter().filter_map(|i| i.kept_by).collect();
    assert_eq!(keepers.len(), Keeper::ALL.len(), "{:?}", due.held);
    let by_keeper = |k: Keeper| due.held.iter().filter(move |i| i.kept_by == Some(k));
    let held_by: Vec<KeptCount> =
        Keeper::ALL.iter().map(|&k| KeptCount { keeper: k, records: by_keeper(k).count() as i64 }).collect();
    let yesterday = as_of.pred_opt().expect("date");
    let overdue = due.items.iter().filter(|i| i.retain_until < yesterday).count() as i64;
    assert!(overdue > 0 && overdue < due.items.len() as i64, "{overdue}");
    let view = t.reg.retention_view(as_of, 2).await.expect("view");
    let counted = (view.total, view.overdue, view.held, &view.held_by);
    assert_eq!(counted, (due.items.len() as i64, overdue, due.held.len() as i64, &held_by));
    assert_eq!(due.overdue, overdue);
    let heads: Vec<DueItem> = Keeper::ALL.iter().flat_map(|&k| by_keeper(k).take(2).cloned()).collect();
    assert_eq!(view.kept, heads);
    let preview = t.reg.sweep_preview(as_of).await.expect("preview");
    assert_eq!((preview.total, preview.held, &preview.held_by), (view.total, view.held, &held_by));

    // Month by month, what falls due: what is due on the first of the next
    // month and was not on the first of this one.
    let mut firsts = vec![];
    for months in 1..=25 {
        let day = as_of.checked_add_months(Months::new(months)).expect("date");
        firsts.push(t.reg.retention_due(day).await.expect("due"));
    }
    assert_eq!(due.forecast.len(), 24);
    for (month, (start, end)) in due.forecast.iter().zip(firsts.iter().zip(&firsts[1..])) {
        let falling = &keys(&end.items) - &keys(&start.items);
        let mut by_entity = BTreeMap::new();
        for (kind, _) in &falling {
            *by_entity.entry(kind.to_string()).or_insert(0) += 1;
        }
        assert_eq!((month.total, &month.by_entity), (falling.len() as i64, &by_entity), "{}", month.month);
    }
    // Among what the keepers keep within the forecast, the erased customer's order.
    let last = firsts.last().expect("the forecast's end");
    assert!(last.held.len() > due.held.len(), "records kept that end within the forecast");
    let kept_order = last.held.iter().find(|i| key(i) == kept_order).and_then(|i| i.kept_by);
    assert_eq!(kept_order, Some(Keeper::LegalHold));
}

on_both_backends!(
    the_counts_are_the_lists_whatever_keeps_records,
    an_access_report_tells_what_keeps_a_record_past_its_end,
    a_note_that_documents_a_business_event_is_kept_under_the_bookkeeping_law,
    due_lists_exactly_what_is_past_its_end,
    holds_keep_records_until_lifted,
    a_restriction_keeps_the_customer_s_records_from_the_sweep,
    an_open_request_for_a_copy_keeps_the_customer_s_records_from_the_sweep,
    the_due_list_read_in_pages_is_the_whole_list,
    an_order_is_kept_as_long_as_its_invoices,
    an_older_register_s_orders_are_dated_on_upgrade,
    a_changed_financial_year_keeps_the_years_before_it,
    the_first_year_is_exported_from_its_first_voucher
);

/// The command line writes the due list as it reads it; its JSON is the
/// report's, and its tables have a row for every record due and for every
/// record a hold keeps.
#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn the_command_line_writes_the_whole_due_list() {
    let dir = tempfile::tempdir().expect("dir");
    let path = dir.path().join("r.db");
    let db = path.display().to_string();
    common::kv_ok(&db, &["init", "--demo"]);
    // A number longer than any in the rows that size the table's columns.
    let late = ["--customer", "K000003", "--number", "WEB-24-00001", "--date", "2024-06-01"];
    common::kv_ok(&db, &[&["order", "add", "--total", "100", "--currency", "SEK"][..], &late].concat());
    let day = "2060-01-01";
    let reg = Register::open(&kundvakt_core::Location::Sqlite(path.clone()), kundvakt_core::OpenMode::Existing, "test")
        .await
        .expect("open");
    let asa = reg.find_customer("K000001").await.expect("Åsa");
    reg.add_hold(RecordKind::Customer, asa.id.0, "Tvist").await.expect("hold");
    let asking = reg.find_customer("K000002").await.expect("Håkan");
    reg.open_request(asking.id, RequestKind::Portability, None, None).await.expect("request");
    let report = reg.retention_due(d(day)).await.expect("due");
    assert!(report.items.len() > 1000 && !report.held.is_empty(), "more rows than size the table's columns");
    let json: serde_json::Value =
        serde_json::from_str(&common::kv_ok(&db, &["retention", "due", "--as-of", day, "--json"])).expect("JSON");
    assert_eq!(json, serde_json::to_value(&report).expect("value"));
    let table = common::kv_ok(&db, &["retention", "due", "--as-of", day]);
    let records = match report.items.len() {
        1 => "1 record".to_owned(),
        n => format!("{n} records"),
    };
    let head = format!("Due on {day}: {records} ({} overdue); {} held.", report.overdue, report.held.len());
    assert_eq!(table.lines().next(), Some(head.as_str()));
    let rows: Vec<&str> = table.lines().skip(2).take_while(|l| !l.is_empty()).collect();
    assert_eq!(rows.len(), report.items.len());
    // In line to the last row, past the rows that sized the columns.
    let column = table.lines().nth(1).and_then(|h| h.find("kept until")).expect("the header");
    let place = rows.iter().position(|r| r.contains("WEB-24-00001")).expect("the order with the long number");
    assert!(place > 1000, "row {place} comes after those that size the columns");
    for (row, item) in rows.iter().zip(&report.items) {
        let cells: Vec<&str> = row.split_whitespace().collect();
        assert_eq!((cells[0], cells[1]), (item.entity.to_string().as_str(), item.id.to_string().as_str()), "{row}");
        assert_eq!(row.find(&item.retain_until.to_string()), Some(column), "{row}");
    }
    // Then what the hold keeps, and what the request keeps, each in a table of its own under what keeps them.
    let rest: Vec<&str> = table.lines().skip(2 + rows.len() + 1).collect();
    assert!(rest[0].starts_with("Kept past their end by a legal hold"), "{}", rest[0]);
    let rest: Vec<&str> = rest.into_iter().skip(1).take_while(|l| !l.starts_with("Falls due")).collect();
    let english = kundvakt_core::i18n::Translator::english();
    let mut tables = vec![];
    for part in rest.split(|l| l.is_empty()).filter(|p| !p.is_empty()) {
        let said = part[0].strip_prefix("Kept by: ").expect("what keeps them, above its table");
        let (keeper, count) = said.rsplit_once(" (").expect("and how many records it keeps");
        assert!(part[1].starts_with("record"), "{part:?}");
        let column = part[1].find("customer").expect("a column of whose the records are");
        let rows = &part[2..];
        let records = if rows.len() == 1 { "1 record)".to_owned() } else { format!("{} records)", rows.len()) };
        assert_eq!(count, records, "{said}");
        tables.push((keeper, column, rows));
    }
    let keepers: Vec<String> = [Keeper::LegalHold, Keeper::Request].iter().map(|k| k.name(english)).collect();
    assert_eq!(tables.iter().map(|(k, _, _)| k.to_string()).collect::<Vec<_>>(), keepers);
    let held: Vec<(&str, usize, &str)> =
        tables.iter().flat_map(|(k, at, rows)| rows.iter().map(move |r| (*k, *at, *r))).collect();
    assert_eq!(held.len(), report.held.len());
    for ((keeper, column, row), item) in held.iter().zip(&report.held) {
        let cells: Vec<&str> = row.split_whitespace().collect();
        assert_eq!((cells[0], cells[1]), (item.entity.to_string().as_str(), item.id.to_string().as_str()), "{row}");
        assert_eq!(Some(keeper.to_string()), item.kept_by.map(|k| k.name(english)), "{row}");
        // Whose record it is: Åsa's under the hold, Håkan's under his request.
        let owner = item.customer.as_ref().expect("a kept record's customer");
        let whose = if item.kept_by == Some(Keeper::LegalHold) { &asa } else { &asking };
        assert_eq!((owner.id, owner.number.as_str()), (whose.id, whose.number.as_str()), "{row}");
        assert!(
            row[*column..].starts_with(&format!("{} ", owner.number)),
            "the customer's number in its column: {row}"
        );
    }
    assert!(report.items.iter().all(|i| i.customer.is_none()), "the list due does not name customers");
    drop(reg);
}

/// Each country's rule on the demo shop: the JSON of `retention due` names it.
#[test]
fn every_country_s_rule_applies_to_the_demo_shop() {
    for (country, rule, until_2024) in [
        ("SE", "SE BFL 7:2", "2031-12-31"),
        ("NO", "NO BFL 13", "2029-12-31"),
        ("DK", "DK BFL", "2029-12-31"),
        ("FI", "FI KPL 2:10", "2030-12-31"),
        ("DE", "DE AO 147", "2032-12-31"),
    ] {
        let dir = tempfile::tempdir().expect("dir");
        let db = dir.path().join("r.db").display().to_string();
        let kv = |args: &[&str]| common::kv_ok(&db, args);
        kv(&["init", "--demo", "--demo-customers", "40"]);
        kv(&["settings", "set", "country", country]);
        // Åsa's order of 2024-03-15 is kept through the country's date, and due the day after.
        let on = |day: &str| -> serde_json::Value {
            serde_json::from_str(&kv(&["retention", "due", "--as-of", day, "--json"])).expect("json")
        };
        let next =
            NaiveDate::parse_from_str(until_2024, "%Y-%m-%d").expect("date").succ_opt().expect("next").to_string();
        let has =
            |v: &serde_json::Value| v["items"].as_array().expect("items").iter().any(|i| i["number"] == "O-10004");
        assert!(!has(&on(until_2024)), "{country}: kept through {until_2024}");
        let due = on(&next);
        assert!(has(&due), "{country}: due on {next}");
        let item =
            due["items"].as_array().expect("items").iter().find(|i| i["number"] == "O-10004").expect("O-10004").clone();
        assert_eq!(
            (item["entity"].as_str(), item["rule"].as_str(), item["retain_until"].as_str()),
            (Some("order"), Some(rule), Some(until_2024))
        );
    }
}
