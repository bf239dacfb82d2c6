//! Erasure that keeps the books (Art. 17 with the bookkeeping law), restriction
//! (Art. 18) and withdrawal of consent (Art. 7(3)), on both backends; on SQLite
//! also the bytes of the database file and its log.

mod common;

use chrono::{NaiveDate, TimeZone, Utc};
use common::{assert_valid, input, pdftotext, register, schema, Kind, TestRegister};
use kundvakt_core::processing::Category;
use kundvakt_core::register::restriction::RestrictionGround;
use kundvakt_core::register::{
    Channel, CustomerInput, CustomerState, Direction, NewConsent, NewEventRegistration, NewInteraction, NewInvoice,
    NewOrder, NewWebEvent, OrderStatus, RegistrationStatus,
};
use kundvakt_core::reports::Format;
use kundvakt_core::requests::{RequestKind, Step};
use kundvakt_core::retention::due::RecordKind;
use kundvakt_core::retention::erasure::ErasedBy;
use kundvakt_core::values::{Currency, CustomerId, Money};
use kundvakt_core::Location;

fn d(s: &str) -> NaiveDate {
    s.parse().expect("date")
}

/// What identifies the person we erase: none of it may survive anywhere.
const NAME: &str = "Gunnborg Ödquist-Wærnér";
const EMAIL: &str = "gunnborg.odquist@exempel-erase.se";
const PHONE: &str = "+46701234987";
const STREET: &str = "Kvarnbäcksvägen 17";

/// A customer on top of the demo shop with an order from 2017 (past its
/// retention in Sweden since 2025-01-01), a recent one with an invoice, and
/// something in every other category.
async fn person_with_history(t: &TestRegister) -> CustomerId {
    kundvakt_core::demo::fill(&t.reg, 300, kundvakt_core::demo::DEMO_TODAY).await.expect("demo");
    let c = t
        .reg
        .add_customer(&CustomerInput {
            phone: Some(PHONE.into()),
            street: Some(STREET.into()),
            postal_code: Some("123 45".into()),
            city: Some("Ödeshög".into()),
            ..input(NAME, EMAIL)
        })
        .await
        .expect("customer");
    let sek = Currency::parse("SEK").expect("SEK");
    let order = |number: &str, date: &str, total: i64| NewOrder {
        customer_id: c.id,
        number: number.into(),
        order_date: d(date),
        total: Money::new(total, sek),
        vat: Some(Money::new(total / 5, sek)),
        payment_provider: Some("Klarna".into()),
        payment_reference: Some(format!("KL-{number}")),
        status: OrderStatus::Shipped,
        lines: vec![],
    };
    t.reg.add_order(&order("E-2017", "2017-03-15", 45_000)).await.expect("old order");
    let recent = t.reg.add_order(&order("E-2025", "2025-06-02", 129_900)).await.expect("recent order");
    t.reg
        .add_invoice(&NewInvoice {
            order_id: recent.id,
            number: "F-E-2025".into(),
            kind: kundvakt_core::register::InvoiceKind::Invoice,
            issued_on: d("2025-06-02"),
            due_on: Some(d("2025-07-02")),
            amount: Money::new(129_900, sek),
            credits: None,
        })
        .await
        .expect("invoice");
    t.reg
        .add_interaction(&NewInteraction {
            customer_id: c.id,
            occurred_at: Utc.with_ymd_and_hms(2025, 6, 10, 9, 0, 0).single().expect("time"),
            channel: Channel::Phone,
            direction: Direction::Inbound,
            summary: format!("{NAME} ringde om leveransen till {STREET}"),
            staff: Some("Maja".into()),
            closed_on: Some(d("2025-06-11")),
            bookkeeping: false,
        })
        .await
        .expect("interaction");
    t.reg
        .add_web_event(&NewWebEvent {
            customer_id: c.id,
            occurred_at: Utc.with_ymd_and_hms(2026, 9, 1, 12, 0, 0).single().expect("time"),
            ip: "198.51.100.77".parse().expect("IP"),
            action: "login".into(),
            user_agent: Some("Firefox".into()),
        })
        .await
        .expect("web event");
    t.reg
        .add_consent(&NewConsent {
            customer_id: c.id,
            purpose: "newsletter".into(),
            text_version: "v3".into(),
            given_at: Utc.with_ymd_and_hms(2024, 1, 5, 8, 0, 0).single().expect("time"),
            channel: "web_form".into(),
        })
        .await
        .expect("consent");
    t.reg
        .add_event_registration(&NewEventRegistration {
            customer_id: c.id,
            event_name: "Sticka tumvantar".into(),
            event_date: d("2026-02-14"),
            status: RegistrationStatus::Attended,
        })
        .await
        .expect("sign-up");
    c.id
}

async fn order_sum(t: &TestRegister) -> i64 {
    scalar(t, "SELECT CAST(COALESCE(SUM(total_minor), 0) AS BIGINT) FROM orders").await
}

/// A test's own look into the tables (the product has no such query).
async fn scalar(t: &TestRegister, sql: &str) -> i64 {
    common::scalar(&t.location, sql).await
}

async fn erasure_keeps_the_books(kind: Kind) {
    let t = register(kind).await;
    let id = person_with_history(&t).await;
    let before = t.reg.customer(id).await.expect("customer");
    let sum_before = order_sum(&t).await;
    let request = t.reg.open_request(id, RequestKind::Erasure, None, Some("e-mail")).await.expect("request");
    // Not before the identity is checked.
    let early = t.reg.erase_customer(id, Some(request.id)).await.expect_err("identity first");
    assert_eq!(early.code(), "refused");
    t.reg.request_step(request.id, Step::Verify { how: None }, None).await.expect("verify");

    let preview = t.reg.erasure_preview(id, Some(request.id)).await.expect("preview");
    assert_eq!(t.reg.customer(id).await.expect("still there").name.as_deref(), Some(NAME), "a preview changes nothing");
    let erased = |c: Category| preview.erased.iter().find(|e| e.category == c).map(|e| e.records);
    assert_eq!(erased(Category::IdentityContact), Some(1));
    assert_eq!(erased(Category::PurchaseHistory), Some(1), "the 2017 order is past its retention");
    assert_eq!(erased(Category::Communications), Some(1));
    assert_eq!(erased(Category::WebActivity), Some(1));
    assert_eq!(erased(Category::Events), Some(1));
    let kept: Vec<(&str, Option<NaiveDate>)> =
        preview.kept.iter().map(|k| (k.record.as_str(), k.retain_until)).collect();
    assert!(kept.contains(&("E-2025", Some(d("2032-12-31")))), "{kept:?}");
    assert!(kept.contains(&("F-E-2025", Some(d("2032-12-31")))), "{kept:?}");
    let order_kept = preview.kept.iter().find(|k| k.record == "E-2025").expect("kept order");
    assert_eq!(order_kept.rule, "SE BFL 7:2");
    assert!(order_kept.law.contains("7 kap. 2 §"));
    // The consent is withdrawn now and its proof kept for three years.
    assert!(preview.kept.iter().any(|k| k.category == Category::Consents && k.retain_until.is_some()));
    assert!(preview.kept.iter().any(|k| k.record == format!("request {}", request.id)));
    // Everyone who received what the erasure reaches is named, to be told of
    // it (Art. 19): the person had data in every category, so all five of the
    // catalogue, each with its categories.
    let told: Vec<(&str, &[Category])> =
        preview.recipients.iter().map(|r| (r.name.as_str(), r.categories.as_slice())).collect();
    use Category::{IdentityContact, Invoices, PurchaseHistory, WebActivity};
    assert!(told.contains(&("Klarna Bank AB", &[IdentityContact, PurchaseHistory, Invoices][..])), "{told:?}");
    assert!(told.contains(&("PayEx Sverige AB", &[PurchaseHistory][..])), "{told:?}");
    assert!(told.iter().any(|(n, c)| n.starts_with("Google Analytics") && c == &[WebActivity]), "{told:?}");
    assert_eq!(told.len(), 5, "{told:?}");

    if let Location::Sqlite(path) = &t.location {
        assert!(!traces(path).is_empty(), "before the erasure the person is in the file or its log");
    }
    let plan = t.reg.erase_customer(id, Some(request.id)).await.expect("erase");
    assert_eq!(plan.erased, preview.erased);
    let after = t.reg.customer(id).await.expect("tombstone");
    assert_eq!(after.state, CustomerState::Erased);
    assert_eq!((after.name, after.email, after.phone, after.street), (None, None, None, None));
    assert_eq!(after.pseudonym, before.pseudonym);
    assert!(t.reg.search_customers("Gunnborg", 10).await.expect("search").is_empty());
    assert!(t.reg.search_customers(EMAIL, 10).await.expect("search").is_empty());
    assert_eq!(t.reg.erase_customer(id, None).await.expect_err("twice").code(), "refused");
    let page = t.reg.customer_page(id).await.expect("page");
    assert!(page.interactions.is_empty() && page.web_events.is_empty());
    // What the law keeps is shown on the erased row's page, for the books
    // alone: restricted, under the pseudonym, no longer linked to the row.
    let kept: Vec<_> = page.orders.iter().map(|o| (o.number.as_str(), o.restricted, o.customer_id)).collect();
    assert_eq!(kept, [("E-2025", true, None)]);
    assert_eq!(page.orders[0].pseudonym.as_deref(), Some(before.pseudonym.as_str()));
    let invoices: Vec<&str> = page.invoices.iter().map(|i| i.number.as_str()).collect();
    assert_eq!(invoices, ["F-E-2025"]);
    // Until when, as the confirmation says: 2025 is kept through 2032 (BFL 7 kap. 2 §).
    let until: Vec<_> = page.kept.iter().map(|k| (k.order, k.until, k.rule.as_str(), k.held)).collect();
    assert_eq!(until, [(page.orders[0].id, NaiveDate::from_ymd_opt(2032, 12, 31).expect("day"), "SE BFL 7:2", false)]);
    assert!(page.event_registrations.is_empty());
    assert!(page.consents.iter().all(|c| c.withdrawn_at.is_some()), "the consent stopped");

    // The books: the old order is gone, the recent one kept, restricted, under the pseudonym.
    let pseudonym = &before.pseudonym;
    assert_eq!(scalar(&t, "SELECT COUNT(*) FROM orders WHERE number = 'E-2017'").await, 0);
    let kept_sql = format!(
        "SELECT COUNT(*) FROM orders WHERE number = 'E-2025' AND customer_id IS NULL AND restricted AND pseudonym = '{pseudonym}' AND total_minor = 129900"
    );
    assert_eq!(scalar(&t, &kept_sql).await, 1);
    assert_eq!(scalar(&t, "SELECT COUNT(*) FROM invoices WHERE number = 'F-E-2025'").await, 1);
    assert_eq!(order_sum(&t).await, sum_before - 45_000, "only the order past its retention left the books");
    // Asked again, by the address in any case: who it was, under which pseudonym, when and for which request.
    let known =
        t.reg.erased_with_email(&EMAIL.to_uppercase()).await.expect("digest").expect("a re-import is recognised");
    assert_eq!((&known.number, &known.pseudonym, known.request_id), (&before.number, pseudonym, Some(request.id)));
    assert!(known.erased_at <= chrono::Utc::now());
    assert_eq!(t.reg.erased_with_email("someone.else@example.se").await.expect("digest"), None);
    assert_eq!(t.reg.erased_with_email("Gunnborg").await.expect("no address"), None);
    // A search names them by their number, and by the pseudonym the accountant's file gives.
    for (query, by) in [
        (EMAIL.to_owned(), ErasedBy::Email),
        (before.number.clone(), ErasedBy::Number),
        (format!(" {pseudonym} "), ErasedBy::Pseudonym),
    ] {
        let found = t.reg.erased_matching(&query).await.expect("lookup").expect("named");
        assert_eq!((found.id, found.by, found.request_id), (id, by, Some(request.id)), "{query}");
    }
    for nobody in ["Gunnborg", "K-404", "P-NOONE", "", "two words"] {
        assert_eq!(t.reg.erased_matching(nobody).await.expect("lookup"), None, "{nobody}");
    }

    // The confirmation: what went, what stays under which paragraph, no name.
    let pdf = t.reg.erasure_confirmation_of(&plan, Format::Pdf).await.expect("pdf");
    let text = pdftotext(&pdf.bytes);
    for needle in [
        "Bekräftelse av radering",
        "E-2025",
        "7 kap. 2 §",
        "2032-12-31",
        pseudonym.as_str(),
        "Mottagare som vi underrättar om raderingen",
        "PayEx Sverige AB",
    ] {
        assert!(text.contains(needle), "{needle} in {text}");
    }
    assert!(!text.contains("Gunnborg") && !text.contains(EMAIL));
    let json = t.reg.erasure_confirmation_of(&plan, Format::Json).await.expect("json");
    let value: serde_json::Value = serde_json::from_slice(&json.bytes).expect("JSON");
    assert_valid(&schema("erasure-confirmation.v1.json"), &value, "erasure confirmation");
    assert_eq!(value["request"]["id"], request.id.0);
    assert_eq!(value["recipients"].as_array().map(Vec::len), Some(5));
    // Made again later (the person asks again, or the copy was lost): the same
    // confirmation, from what the register kept of the erasure.
    let again = t.reg.erasure_confirmation_again(id, Format::Json, None).await.expect("again");
    let mut again: serde_json::Value = serde_json::from_slice(&again.bytes).expect("JSON");
    let mut first = value.clone();
    for doc in [&mut again, &mut first] {
        let fields = doc.as_object_mut().expect("object");
        fields.remove("generated_at");
        fields.remove("audit_head");
    }
    assert_eq!(again, first, "the same erasure, the same words");
    let pdf_again = t.reg.erasure_confirmation_again(id, Format::Pdf, None).await.expect("pdf again");
    assert!(pdftotext(&pdf_again.bytes).contains("E-2025"));
    let someone = t.reg.add_customer(&common::input("Eva Ek", "eva@example.se")).await.expect("add");
    let not_erased = t.reg.erasure_confirmation_again(someone.id, Format::Pdf, None).await.expect_err("not erased");
    assert_eq!(
        not_erased.to_string(),
        format!("customer {} is not erased: there is no erasure to confirm", someone.number)
    );

    let v = kundvakt_core::audit::verify(t.reg.store()).await.expect("verify");
    assert!(v.broken.is_none(), "{:?}", v.broken);
    // What the register kept of the erasure, altered by hand, no longer
    // matches the trail's digest of it: it is not given out as the proof.
    common::execute(
        &t.location,
        &format!("UPDATE erasures SET plan = replace(plan, 'E-2025', 'E-2026') WHERE customer_id = {id}"),
    )
    .await;
    let altered = t.reg.erasure_confirmation_again(id, Format::Json, None).await.expect_err("altered");
    assert!(altered.to_string().contains("no longer matches the audit trail's entry of it"), "{altered}");
    common::execute(&t.location, &format!("UPDATE erasures SET plan = NULL WHERE customer_id = {id}")).await;
    let missing = t.reg.erasure_confirmation_again(id, Format::Json, None).await.expect_err("none kept");
    assert!(missing.to_string().contains("was made before Kundvakt kept what an erasure did"), "{missing}");
    let history = kundvakt_core::audit::history(t.reg.store(), id).await.expect("history");
    assert!(history.iter().any(|e| e.entry.action == "customer.erase"));

    if let Location::Sqlite(path) = &t.location {
        t.reg.store().close().await;
        assert_eq!(traces(path), Vec::<String>::new(), "nothing of the person is left in the files");
    }
}

/// What of the person is in the database file, its write-ahead log or shared
/// memory. After an erasure: nothing, as secure_delete zeroes freed space and
/// the erasure checkpoints and truncates the log.
fn traces(path: &std::path::Path) -> Vec<String> {
    let folded = kundvakt_core::register::search::fold(NAME);
    let mut found = vec![];
    for suffix in ["", "-wal", "-shm", "-journal"] {
        let file = std::path::PathBuf::from(format!("{}{suffix}", path.display()));
        let Ok(bytes) = std::fs::read(&file) else { continue };
        for needle in [NAME, EMAIL, PHONE, STREET, "Gunnborg", "gunnborg", folded.as_str(), "701234987"] {
            if bytes.windows(needle.len()).any(|w| w == needle.as_bytes()) {
                found.push(format!("{needle} in {}", file.display()));
            }
        }
    }
    found
}

/// A customer who calls about an order, an accountant who asks about an
/// invoice, gives its number: the search finds whose it is, first, typed in
/// any case or without a web shop's `#`; once the customer is erased, it
/// names the erasure and the pseudonym the order is kept under.
async fn an_order_s_or_invoice_s_number_finds_its_customer(kind: Kind) {
    use kundvakt_core::register::VoucherFound;
    let t = register(kind).await;
    let id = person_with_history(&t).await;
    let c = t.reg.customer(id).await.expect("customer");
    let sek = Currency::parse("SEK").expect("SEK");
    let shopify = NewOrder {
        customer_id: id,
        number: "#7001".into(),
        order_date: d("2026-03-01"),
        total: Money::new(10_000, sek),
        vat: None,
        payment_provider: None,
        payment_reference: None,
        status: OrderStatus::Shipped,
        lines: vec![],
    };
    t.reg.add_order(&shopify).await.expect("order");
    let voucher =
        |kind, number: &str| Some(VoucherFound { kind, number: number.into(), customer_number: c.number.clone() });
    for (query, want) in [
        ("E-2025", voucher(RecordKind::Order, "E-2025")),
        (" e-2025 ", voucher(RecordKind::Order, "E-2025")),
        ("f-e-2025", voucher(RecordKind::Invoice, "F-E-2025")),
        ("7001", voucher(RecordKind::Order, "#7001")),
        ("#7001", voucher(RecordKind::Order, "#7001")),
    ] {
        let found = t.reg.look_up(query, 5).await.expect("look up");
        assert_eq!(found.voucher, want, "{query}");
        assert_eq!(found.customers.first().map(|f| f.id), Some(id), "{query}: whose it is, first");
        assert_eq!(found.customers.iter().filter(|f| f.id == id).count(), 1, "{query}: once");
    }
    // Two orders whose numbers differ by the web shop's `#` alone: the one as typed.
    t.reg.add_order(&NewOrder { number: "7001".into(), ..shopify }).await.expect("order");
    for number in ["7001", "#7001"] {
        let found = t.reg.look_up(number, 5).await.expect("look up").voucher.map(|v| v.number);
        assert_eq!(found.as_deref(), Some(number));
    }
    for nobody in ["E-9999", "Gunnborg", "E-2025 E-2017", "2025"] {
        assert_eq!(t.reg.look_up(nobody, 5).await.expect("look up").voucher, None, "{nobody}");
    }
    // Her own words find her as before, with no voucher said.
    assert_eq!(t.reg.look_up(&c.number, 5).await.expect("look up").customers[0].id, id);
    t.reg.erase_customer(id, None).await.expect("erase");
    let found = t.reg.look_up("e-2025", 5).await.expect("look up");
    assert_eq!(found.voucher, voucher(RecordKind::Order, "E-2025"), "kept for the books, under the pseudonym");
    assert!(found.customers.is_empty(), "{:?}", found.customers);
    let erased = found.erased.expect("the erasure named");
    assert_eq!((erased.id, erased.by, &erased.pseudonym), (id, ErasedBy::Voucher, &c.pseudonym));
}

async fn holds_and_requests_shape_an_erasure(kind: Kind) {
    let t = register(kind).await;
    let id = person_with_history(&t).await;
    let hold = t.reg.add_hold(RecordKind::Customer, id.0, "Tvist om retur").await.expect("hold");
    let refused = t.reg.erase_customer(id, None).await.expect_err("held");
    assert_eq!(refused.code(), "refused");
    assert!(refused.to_string().contains("legal hold"));
    t.reg.lift_hold(hold.id).await.expect("lift");
    // A hold on the old order keeps it, restricted, whatever its retention says.
    let old = t
        .reg
        .customer_page(id)
        .await
        .expect("page")
        .orders
        .into_iter()
        .find(|o| o.number == "E-2017")
        .expect("old order");
    t.reg.add_hold(RecordKind::Order, old.id.0, "Reklamation").await.expect("hold");
    // A request for something else does not authorise an erasure.
    let access = t.reg.open_request(id, RequestKind::Access, None, None).await.expect("request");
    t.reg.request_step(access.id, Step::Verify { how: None }, None).await.expect("verify");
    assert_eq!(t.reg.erase_customer(id, Some(access.id)).await.expect_err("wrong kind").code(), "invalid");
    // A hold on the note, two on the web event (a dispute and an authority's
    // order), one on the standing consent.
    let page = t.reg.customer_page(id).await.expect("page");
    let (note, visit, consent) = (page.interactions[0].id.0, page.web_events[0].id.0, page.consents[0].id.0);
    let note_hold = t.reg.add_hold(RecordKind::Interaction, note, "Reklamation").await.expect("hold");
    let visit_holds = [
        t.reg.add_hold(RecordKind::WebEvent, visit, "Bedrägeriutredning").await.expect("hold"),
        t.reg.add_hold(RecordKind::WebEvent, visit, "Polisens begäran").await.expect("hold"),
    ];
    t.reg.add_hold(RecordKind::Consent, consent, "Tvist om utskick").await.expect("hold");
    let plan = t.reg.erase_customer(id, None).await.expect("erase");
    let held = plan.kept.iter().find(|k| k.record == "E-2017").expect("held order kept");
    assert_eq!(held.retain_until, None);
    assert_eq!(scalar(&t, "SELECT COUNT(*) FROM orders WHERE number = 'E-2017' AND restricted").await, 1);
    // The page says which kept order a hold keeps, and when the law lets the others go.
    let kept_on_page = |page: kundvakt_core::register::CustomerPage| -> Vec<(String, bool)> {
        let numbered = |k: &kundvakt_core::register::KeptOrder| {
            page.orders.iter().find(|o| o.id == k.order).map(|o| o.number.clone())
        };
        page.kept.iter().map(|k| (numbered(k).unwrap_or_default(), k.held)).collect()
    };
    let page = t.reg.customer_page(id).await.expect("page");
    assert_eq!(kept_on_page(page), [("E-2025".to_owned(), false), ("E-2017".to_owned(), true)]);
    for record in [format!("note {note}"), format!("web_event {visit}"), format!("consent {consent}")] {
        let kept = plan.kept.iter().find(|k| k.record == record).unwrap_or_else(|| panic!("{record} kept"));
        assert_eq!(kept.pending, Some(kundvakt_core::reports::notices::KeptPending::HoldLifted), "{record}");
    }
    // Her confirmation names them in her language, as records of their kind
    // (the JSON keeps the English labels above; the web activity's wraps in its cell).
    let pdf = t.reg.erasure_confirmation_of(&plan, Format::Pdf).await.expect("confirmation");
    let text = pdftotext(&pdf.bytes).split_whitespace().collect::<Vec<_>>().join(" ");
    assert_eq!(plan.language, kundvakt_core::values::Language::Sv);
    for named in [format!("Anteckning {note}"), format!("webbplatsen {visit}"), format!("Samtycke {consent}")] {
        assert!(text.contains(&named), "{named}: {text}");
    }
    assert!(!text.contains(&format!("consent {consent}")), "{text}");
    // The hold keeps the consent's proof, not the consent: she wants nothing more from us.
    let withdrawn = format!("SELECT COUNT(*) FROM consents WHERE id = {consent} AND withdrawn_at IS NOT NULL");
    assert_eq!(scalar(&t, &withdrawn).await, 1);

    // Lifting says beforehand what it does: only the note's hold, alone on a
    // record no law keeps, completes the erasure.
    let erases = |holds: Vec<kundvakt_core::retention::holds::HoldView>| -> Vec<(RecordKind, bool)> {
        holds.into_iter().map(|v| (v.hold.entity, v.erases)).collect()
    };
    let expected = vec![
        (RecordKind::Order, false),
        (RecordKind::Interaction, true),
        (RecordKind::WebEvent, false),
        (RecordKind::WebEvent, false),
        (RecordKind::Consent, false),
    ];
    assert_eq!(erases(t.reg.holds(false).await.expect("holds")), expected);
    let count_of = |table: &str, rid: i64| format!("SELECT COUNT(*) FROM {table} WHERE id = {rid}");
    let lifted = t.reg.lift_hold(note_hold.id).await.expect("lift");
    assert_eq!(lifted.erased_for, Some(id));
    assert_eq!(scalar(&t, &count_of("interactions", note)).await, 0, "the note goes with its hold");
    let lifted = t.reg.lift_hold(visit_holds[0].id).await.expect("lift");
    assert_eq!(lifted.erased_for, None, "the other hold still keeps the visit");
    assert_eq!(scalar(&t, &count_of("web_events", visit)).await, 1);
    let expected = vec![(RecordKind::Order, false), (RecordKind::WebEvent, true), (RecordKind::Consent, false)];
    assert_eq!(erases(t.reg.holds(false).await.expect("holds")), expected);
    assert_eq!(t.reg.lift_hold(visit_holds[1].id).await.expect("lift").erased_for, Some(id));
    assert_eq!(scalar(&t, &count_of("web_events", visit)).await, 0);
    // The order and the consent's proof follow their own periods: the law's and Art. 7(1)'s.
    for v in t.reg.holds(false).await.expect("holds") {
        assert_eq!(t.reg.lift_hold(v.hold.id).await.expect("lift").erased_for, None, "{:?}", v.hold.entity);
    }
    assert_eq!(scalar(&t, &count_of("consents", consent)).await, 1);
    assert_eq!(scalar(&t, "SELECT COUNT(*) FROM orders WHERE number = 'E-2017'").await, 1);
    let page = t.reg.customer_page(id).await.expect("page");
    assert_eq!(kept_on_page(page), [("E-2025".to_owned(), false), ("E-2017".to_owned(), false)], "the hold lifted");
    let history = kundvakt_core::audit::history(t.reg.store(), id).await.expect("history");
    let lifts = history.iter().filter(|e| e.entry.action == "hold.lift").count();
    assert_eq!(lifts, 3, "the customer hold and the two lifts that erased");

    if let Location::Sqlite(path) = &t.location {
        t.reg.store().close().await;
        assert_eq!(traces(path), Vec::<String>::new(), "the note's words went with it");
    }
}

async fn restriction_stops_use_until_lifted(kind: Kind) {
    let t = register(kind).await;
    let c = t.reg.add_customer(&input("Eira Solheim", "eira@example.no")).await.expect("customer");
    // Who must be told of a restriction (Art. 19): the recipients of what the
    // register holds about her, growing with it.
    let told = |list: Vec<kundvakt_core::processing::InformedRecipient>| -> Vec<(String, Vec<Category>)> {
        list.into_iter().map(|r| (r.name, r.categories)).collect()
    };
    let contact = told(t.reg.recipients_to_tell(c.id, None).await.expect("recipients"));
    assert!(contact.contains(&("Klarna Bank AB".into(), vec![Category::IdentityContact])), "{contact:?}");
    assert!(contact.iter().all(|(name, _)| name != "PayEx Sverige AB"), "{contact:?}");
    t.reg.add_order(&common::paid_order(c.id, "R-1", "2026-05-04", 25_000)).await.expect("order");
    let with_order = told(t.reg.recipients_to_tell(c.id, None).await.expect("recipients"));
    assert!(with_order.contains(&("PayEx Sverige AB".into(), vec![Category::PurchaseHistory])), "{with_order:?}");
    let klarna = vec![Category::IdentityContact, Category::PurchaseHistory];
    assert!(with_order.contains(&("Klarna Bank AB".into(), klarna)), "{with_order:?}");
    // A correction of her details reaches the recipients of contact data alone.
    let details = told(t.reg.recipients_to_tell(c.id, Some(Category::IdentityContact)).await.expect("recipients"));
    assert_eq!(details, contact);
    let r = t.reg.restrict_customer(c.id, RestrictionGround::AccuracyContested, None, Some("Adressen bestrids")).await;
    let r = r.expect("restrict");
    assert_eq!(t.reg.customer(c.id).await.expect("c").state, CustomerState::Restricted);
    let again = t.reg.restrict_customer(c.id, RestrictionGround::LegalClaims, None, None).await.expect_err("twice");
    assert_eq!(again.code(), "refused");
    // Nothing new is recorded about a restricted customer (Art. 18(2)).
    let consent = NewConsent {
        customer_id: c.id,
        purpose: "sms".into(),
        text_version: "v1".into(),
        given_at: Utc::now(),
        channel: "web_form".into(),
    };
    assert_eq!(t.reg.add_consent(&consent).await.expect_err("restricted").code(), "refused");
    // Restricted customers are not swept as inactive: the restriction may be for legal claims.
    let far = t.reg.today().await.expect("today");
    let due = t.reg.retention_due(far).await.expect("due");
    assert!(due.items.iter().all(|i| !(i.entity == RecordKind::Customer && i.id == c.id.0)));
    // Nor erased but on their own request: erasing is processing too.
    let refused = t.reg.erase_customer(c.id, None).await.expect_err("restricted");
    assert_eq!(refused.code(), "refused");
    assert!(refused.to_string().contains("is restricted"), "{refused}");
    assert_eq!(t.reg.erasure_preview(c.id, None).await.expect_err("restricted").code(), "refused");
    // Lifting needs the day the person was told, not a day to come (Art. 18(3)).
    let tomorrow = far.succ_opt().expect("date");
    assert_eq!(t.reg.lift_restriction(c.id, tomorrow).await.expect_err("future").code(), "invalid");
    let lifted = t.reg.lift_restriction(c.id, far).await.expect("lift");
    assert_eq!((lifted.id, lifted.notified_on), (r.id, Some(far)));
    assert_eq!(t.reg.customer(c.id).await.expect("c").state, CustomerState::Active);
    assert_eq!(t.reg.restrictions(c.id).await.expect("list").len(), 1);
    let actions: Vec<String> = kundvakt_core::audit::history(t.reg.store(), c.id)
        .await
        .expect("h")
        .into_iter()
        .map(|e| e.entry.action)
        .collect();
    assert!(actions.contains(&"customer.restrict".into()) && actions.contains(&"customer.unrestrict".into()));
    // Restricted again, she asks to be erased: her request allows it.
    t.reg.restrict_customer(c.id, RestrictionGround::UnlawfulProcessing, None, None).await.expect("restrict");
    let request = t.reg.open_request(c.id, RequestKind::Erasure, None, None).await.expect("request");
    t.reg.request_step(request.id, Step::Verify { how: None }, None).await.expect("verify");
    t.reg.erase_customer(c.id, Some(request.id)).await.expect("erase on request");
    assert_eq!(t.reg.customer(c.id).await.expect("c").state, CustomerState::Erased);
}

async fn consent_withdrawal_answers_a_request(kind: Kind) {
    let t = register(kind).await;
    let c = t.reg.add_customer(&input("Sigrun Berg", "sigrun@example.no")).await.expect("customer");
    let consent = t
        .reg
        .add_consent(&NewConsent {
            customer_id: c.id,
            purpose: "newsletter".into(),
            text_version: "v2".into(),
            given_at: Utc::now(),
            channel: "web_form".into(),
        })
        .await
        .expect("consent");
    let other = t.reg.add_customer(&input("Annan Person", "annan@example.no")).await.expect("other");
    let foreign = t.reg.open_request(other.id, RequestKind::WithdrawConsent, None, None).await.expect("request");
    t.reg.request_step(foreign.id, Step::Verify { how: None }, None).await.expect("verify");
    let wrong = t.reg.withdraw_consent(consent.id, Some(foreign.id)).await.expect_err("someone else's request");
    assert_eq!(wrong.code(), "invalid");
    let request = t.reg.open_request(c.id, RequestKind::WithdrawConsent, None, None).await.expect("request");
    t.reg.request_step(request.id, Step::Verify { how: None }, None).await.expect("verify");
    let withdrawn = t.reg.withdraw_consent(consent.id, Some(request.id)).await.expect("withdraw");
    assert!(withdrawn.len() == 1 && withdrawn[0].withdrawn_at.is_some(), "{withdrawn:?}");
    // The proof stays: who, when, which text, and when it was withdrawn.
    let page = t.reg.customer_page(c.id).await.expect("page");
    assert_eq!(page.consents.len(), 1);
    assert_eq!(page.consents[0].text_version, "v2");
}

/// Only those who received what an erasure reaches are named to be told of
/// it: a customer known by name and e-mail alone reaches the recipients of
/// contact data, not the web analytics or the card payments.
async fn only_the_recipients_of_what_is_erased_are_told(kind: Kind) {
    let t = register(kind).await;
    let c = t.reg.add_customer(&input("Bo Ek", "bo.ek@example.se")).await.expect("add");
    let catalogue = t.reg.catalogue().await.expect("catalogue");
    let of_contact: Vec<&str> = catalogue
        .processors
        .iter()
        .filter(|p| p.fields.categories.0.contains(&Category::IdentityContact))
        .map(|p| p.fields.name.as_str())
        .collect();
    assert!(of_contact.contains(&"Klarna Bank AB") && of_contact.len() < catalogue.processors.len(), "{of_contact:?}");
    let plan = t.reg.erase_customer(c.id, None).await.expect("erase");
    let told: Vec<&str> = plan.recipients.iter().map(|r| r.name.as_str()).collect();
    assert_eq!(told, of_contact);
    assert!(plan.recipients.iter().all(|r| r.categories == [Category::IdentityContact]), "{:?}", plan.recipients);
    // A shop that discloses nothing tells no one, and the confirmation says so.
    for p in catalogue.processors {
        t.reg.remove_processor(p.id).await.expect("remove");
    }
    let alone = t.reg.add_customer(&input("Cia Alm", "cia@example.se")).await.expect("add");
    let plan = t.reg.erase_customer(alone.id, None).await.expect("erase");
    assert!(plan.recipients.is_empty());
    let text = pdftotext(&t.reg.erasure_confirmation_of(&plan, Format::Pdf).await.expect("pdf").bytes);
    assert!(text.contains("Vi har inte lämnat ut de raderade uppgifterna till någon annan."), "{text}");
    // Nothing is kept under the law; what her row keeps against a re-import is said.
    let words = text.split_whitespace().collect::<Vec<_>>().join(" ");
    assert!(words.contains("Lagen kräver inte att vi sparar någon av dina uppgifter."), "{words}");
    let said = format!("sparar vi också ditt kundnummer {} och en kontrollsumma av din e-postadress", alone.number);
    assert!(words.contains(&said), "{words}");
    // Someone the register has no e-mail address of: their number alone, said so beforehand too.
    let unreached = kundvakt_core::register::CustomerInput { name: Some("Dag Ros".into()), ..Default::default() };
    let dag = t.reg.add_customer(&unreached).await.expect("add");
    let plan = t.reg.erase_customer(dag.id, None).await.expect("erase");
    assert_eq!(
        (plan.kept_identifiers.numbers.clone(), plan.kept_identifiers.email_checksum),
        (vec![dag.number.clone()], false)
    );
    let text = pdftotext(&t.reg.erasure_confirmation_of(&plan, Format::Pdf).await.expect("pdf").bytes);
    let words = text.split_whitespace().collect::<Vec<_>>().join(" ");
    assert!(words.contains(&format!("sparar vi också ditt kundnummer {}.", dag.number)), "{words}");
    assert!(!words.contains("kontrollsumma av din e-postadress"), "{words}");
}

/// A person who asks for one note to be erased, not for everything (Art.
/// 17(1)), has that note erased under their request: its words gone from
/// the register and its file, with the old wordings of its corrections,
/// the request recording which note went and answered by it. A note the
/// bookkeeping law keeps, or a legal hold, is refused with the reason that
/// the refusal of that part gives (Art. 17(3), 12(4)); a held one is
/// erased under the request when the hold is lifted, if the shop says so.
async fn one_note_is_erased_for_its_request(kind: Kind) {
    use kundvakt_core::register::InteractionChanges;
    let t = register(kind).await;
    let id = t.reg.add_customer(&input(NAME, EMAIL)).await.expect("customer").id;
    let today = t.reg.today().await.expect("today");
    let note = |summary: &str, bookkeeping: bool| NewInteraction {
        summary: summary.to_owned(),
        closed_on: Some(today),
        bookkeeping,
        ..common::phone_call(id, summary, Some("Eva"))
    };
    let told = t.reg.add_interaction(&note("Berättade om Kvarnbäcksvägen-hemligheten", false)).await.expect("note");
    let deal = t.reg.add_interaction(&note("Avtalad rabatt på ordern", true)).await.expect("note");
    let disputed = t.reg.add_interaction(&note("Reklamation av ljusstaken", false)).await.expect("note");
    let hold = t.reg.add_hold(RecordKind::Interaction, disputed.id.0, "Tvist").await.expect("hold");
    // Corrected once: the old wording is kept beside the trail until the note goes.
    let fix =
        InteractionChanges { summary: Some(format!("{STREET}: berättade om hemligheten")), ..Default::default() };
    t.reg.edit_interaction(told.id, &fix, None).await.expect("correct");

    let r = t.reg.open_request(id, RequestKind::Erasure, None, Some("telefon")).await.expect("request");
    let refused = t.reg.erase_note(told.id, r.id).await.expect_err("identity not checked");
    assert_eq!(refused.code(), "refused", "{refused}");
    t.reg.request_step(r.id, Step::Verify { how: Some("BankID".into()) }, None).await.expect("verify");
    let access = t.reg.open_request(id, RequestKind::Access, None, None).await.expect("request");
    t.reg.request_step(access.id, Step::Verify { how: None }, None).await.expect("verify");
    assert_eq!(t.reg.erase_note(told.id, access.id).await.expect_err("not an erasure").code(), "invalid");
    let other = t.reg.add_customer(&input("Per Persson", "per@exempel.se")).await.expect("customer").id;
    let theirs = t.reg.add_interaction(&common::phone_call(other, "Frågade om öppettider", None)).await.expect("note");
    assert_eq!(t.reg.erase_note(theirs.id, r.id).await.expect_err("someone else's").code(), "invalid");

    let kept = t.reg.erase_note(deal.id, r.id).await.expect_err("the bookkeeping law keeps it");
    assert!(
        kept.to_string().starts_with(&format!(
            "note {} documents a business event, which the bookkeeping law keeps until 20",
            deal.id
        )),
        "{kept}"
    );
    assert!(
        kept.to_string()
            .ends_with("refuse that part of the request and give this reason; the note is erased when its time is up"),
        "{kept}"
    );
    let held = t.reg.erase_note(disputed.id, r.id).await.expect_err("held");
    assert_eq!(
        held.to_string(),
        format!(
            "note {} is under a legal hold, which keeps it while the dispute lasts (GDPR Art. 17(3)(e)): refuse \
             that part of the request and give this reason, and have the note erased when the hold is lifted",
            disputed.id
        )
    );
    // Erased when the hold is lifted: only a held note the law does not keep otherwise.
    let unheld = t.reg.hold_back_note_erasure(told.id, r.id).await.expect_err("no hold");
    assert_eq!(unheld.to_string(), format!("note {} is under no legal hold: erase it now", told.id));
    let by_law = t.reg.hold_back_note_erasure(deal.id, r.id).await.expect_err("the law keeps it");
    assert!(by_law.to_string().contains("documents a business event"), "{by_law}");
    let later = t.reg.hold_back_note_erasure(disputed.id, r.id).await.expect("held back");
    assert_eq!(
        (later.request_id, later.entity, later.entity_id, later.occurred_at, later.channel),
        (r.id, RecordKind::Interaction, disputed.id.0, Some(disputed.occurred_at), Some(Channel::Phone))
    );
    let twice = t.reg.hold_back_note_erasure(disputed.id, r.id).await.expect_err("once");
    assert_eq!(twice.to_string(), format!("note {} is to be erased when the hold is lifted already", disputed.id));
    let answer = || t.reg.request_step(r.id, Step::Answer { answer: "Anteckningen är raderad".into() }, None);
    assert_eq!(answer().await.expect_err("nothing erased yet").code(), "refused");
    let preview = t.reg.note_erasure_preview(told.id, r.id).await.expect("preview");
    assert_eq!(preview.summary, format!("{STREET}: berättade om hemligheten"));

    let erased = t.reg.erase_note(told.id, r.id).await.expect("erase");
    assert_eq!(
        (erased.request_id, erased.customer_id, erased.note_id, erased.occurred_at, erased.channel),
        (r.id, id, told.id, told.occurred_at, Channel::Phone)
    );
    let page = t.reg.customer_page(id).await.expect("page");
    let left: Vec<_> = page.interactions.iter().map(|n| n.id).collect();
    assert_eq!(left, [disputed.id, deal.id], "the others stay");
    assert_eq!(page.corrections, vec![], "the old wording goes with the note");
    assert_eq!(page.customer.state, CustomerState::Active, "she stays a customer");
    assert!(page.history.iter().any(|e| e.entry.action == "interaction.erase"), "audited");
    let detail = t.reg.request_detail(r.id, today).await.expect("detail");
    assert_eq!((detail.notes_erased, detail.held_back), (vec![erased.clone()], vec![later.clone()]));
    assert_eq!(t.reg.erase_note(told.id, r.id).await.expect_err("gone").code(), "not_found");
    assert_eq!(answer().await.expect("answered by the erasure").state, kundvakt_core::requests::RequestState::Answered);
    assert!(kundvakt_core::audit::verify(t.reg.store()).await.expect("verify").broken.is_none());
    // The dispute settled, lifting the hold erases the note under her request, said first.
    let view = t.reg.holds(false).await.expect("holds").into_iter().find(|v| v.hold.id == hold.id).expect("hold");
    assert_eq!((view.erases, view.releases), (false, true));
    // The automatic copies sit beside an SQLite register ("r-backups/…-erasure.db").
    let erasure_backups = || {
        let Location::Sqlite(path) = &t.location else { return 0 };
        let stem = path.file_stem().map(|s| s.to_string_lossy().into_owned()).unwrap_or_default();
        let Ok(files) = std::fs::read_dir(path.with_file_name(format!("{stem}-backups"))) else { return 0 };
        files.filter(|f| f.as_ref().is_ok_and(|f| f.file_name().to_string_lossy().ends_with("-erasure.db"))).count()
    };
    let before = erasure_backups();
    let lifted = t.reg.lift_hold(hold.id).await.expect("lift");
    assert_eq!(lifted.released, vec![later]);
    if matches!(kind, Kind::Sqlite) {
        assert_eq!(erasure_backups(), before + 1, "a backup first, as before any erasure");
    }
    let page = t.reg.customer_page(id).await.expect("page");
    assert_eq!(page.interactions.iter().map(|n| n.id).collect::<Vec<_>>(), [deal.id], "what the law keeps stays");
    let detail = t.reg.request_detail(r.id, today).await.expect("detail");
    let erased: Vec<_> = detail.notes_erased.iter().map(|e| (e.request_id, e.note_id)).collect();
    assert_eq!((erased, detail.held_back), (vec![(r.id, told.id), (r.id, disputed.id)], vec![]));
    assert!(kundvakt_core::audit::verify(t.reg.store()).await.expect("verify").broken.is_none());
    if let Location::Sqlite(path) = &t.location {
        t.reg.store().close().await;
        for suffix in ["", "-wal"] {
            let Ok(bytes) = std::fs::read(format!("{}{suffix}", path.display())) else { continue };
            for needle in ["hemligheten", STREET, "ljusstaken"] {
                assert!(!bytes.windows(needle.len()).any(|w| w == needle.as_bytes()), "{needle} in the file{suffix}");
            }
        }
    }
}

/// A person erased whole while a hold kept one of her notes, which her
/// request also asked to erase on its own: lifting the hold erases it once,
/// told as her request's (Art. 17(1)), not again as the erased customer's.
async fn a_held_note_of_an_erased_customer_goes_once_for_her_request(kind: Kind) {
    let t = register(kind).await;
    let id = t.reg.add_customer(&input(NAME, EMAIL)).await.expect("customer").id;
    let disputed =
        t.reg.add_interaction(&common::phone_call(id, "Reklamation av ljusstaken", None)).await.expect("note");
    let hold = t.reg.add_hold(RecordKind::Interaction, disputed.id.0, "Tvist").await.expect("hold");
    let r = t.reg.open_request(id, RequestKind::Erasure, None, None).await.expect("request");
    t.reg.request_step(r.id, Step::Verify { how: None }, None).await.expect("verify");
    let later = t.reg.hold_back_note_erasure(disputed.id, r.id).await.expect("held back");
    t.reg.erase_customer(id, Some(r.id)).await.expect("erased whole");
    let view = t.reg.holds(false).await.expect("holds").into_iter().find(|v| v.hold.id == hold.id).expect("hold");
    assert_eq!((view.erases, view.releases), (true, true), "both are said before the lift");
    let lifted = t.reg.lift_hold(hold.id).await.expect("lift");
    assert_eq!((lifted.released, lifted.erased_for), (vec![later], None));
    assert_eq!(t.reg.customer_page(id).await.expect("page").interactions, vec![]);
    let today = t.reg.today().await.expect("today");
    let detail = t.reg.request_detail(r.id, today).await.expect("detail");
    let erased: Vec<_> = detail.notes_erased.iter().map(|e| e.note_id).collect();
    assert_eq!((erased, detail.held_back), (vec![disputed.id], vec![]));
    let lift = kundvakt_core::audit::history(t.reg.store(), id).await.expect("history");
    assert!(lift.iter().any(|e| e.entry.action == "hold.lift"), "the lift is in her history");
}

/// A person asks to be taken off a course's list and to have the log of
/// their visits deleted, and to stay a customer (Art. 17(1)): the sign-up
/// and the web activity go alone, under the request, which records what went
/// without the course or an address; a held sign-up is refused with its
/// reason, held web events stay while the rest go (Art. 17(3)(e) covers
/// what the claim needs, no more), and a hold on the customer refuses it all;
/// a web log imported again does not bring the activity back.
async fn a_sign_up_and_web_activity_are_erased_for_their_request(kind: Kind) {
    use kundvakt_core::import::{ImportKind, ImportOptions};
    let t = register(kind).await;
    let id = t.reg.add_customer(&input(NAME, EMAIL)).await.expect("customer").id;
    let today = t.reg.today().await.expect("today");
    let signup = |event: &str, date: &str| NewEventRegistration {
        customer_id: id,
        event_name: event.to_owned(),
        event_date: d(date),
        status: RegistrationStatus::Attended,
    };
    let course = t.reg.add_event_registration(&signup("Kvarnbäckens surdegskurs", "2026-05-09")).await.expect("signup");
    let disputed = t.reg.add_event_registration(&signup("Bandvävning", "2026-06-13")).await.expect("signup");
    let hold = t.reg.add_hold(RecordKind::EventRegistration, disputed.id.0, "Tvist om avgiften").await.expect("hold");
    let at = |days: i64| Utc::now() - chrono::Duration::days(days);
    let visit = |days: i64, ip: &str| NewWebEvent {
        customer_id: id,
        occurred_at: at(days),
        ip: ip.parse().expect("ip"),
        action: "login".to_owned(),
        user_agent: Some("Mozilla/5.0 (X11; Linux x86_64)".to_owned()),
    };
    let first = t.reg.add_web_event(&visit(20, "198.51.100.77")).await.expect("event");
    let second = t.reg.add_web_event(&visit(12, "198.51.100.78")).await.expect("event");
    let last = t.reg.add_web_event(&visit(3, "2001:db8::77")).await.expect("event");

    let r = t.reg.open_request(id, RequestKind::Erasure, None, Some("e-post")).await.expect("request");
    assert_eq!(t.reg.erase_signup(course.id, r.id).await.expect_err("identity not checked").code(), "refused");
    assert_eq!(t.reg.erase_web_activity(id, r.id).await.expect_err("identity not checked").code(), "refused");
    t.reg.request_step(r.id, Step::Verify { how: Some("BankID".into()) }, None).await.expect("verify");
    let other = t.reg.add_customer(&input("Per Persson", "per@exempel.se")).await.expect("customer").id;
    let theirs = NewEventRegistration { customer_id: other, ..signup("Vävkurs", "2026-06-13") };
    let theirs = t.reg.add_event_registration(&theirs).await.expect("signup");
    assert_eq!(t.reg.erase_signup(theirs.id, r.id).await.expect_err("someone else's").code(), "invalid");
    assert_eq!(t.reg.erase_web_activity(other, r.id).await.expect_err("someone else's").code(), "invalid");
    let none = t.reg.web_activity_erasure_preview(id, r.id).await.map(|w| w.events);
    assert_eq!(none.expect("preview"), 3);
    let held = t.reg.erase_signup(disputed.id, r.id).await.expect_err("held");
    assert_eq!(
        held.to_string(),
        format!(
            "sign-up {} is under a legal hold, which keeps it while the dispute lasts (GDPR Art. 17(3)(e)): refuse \
             that part of the request and give this reason, and have the sign-up erased when the hold is lifted",
            disputed.id
        )
    );
    let customer_hold = t.reg.add_hold(RecordKind::Customer, id.0, "Tvist om allt").await.expect("hold");
    let number = t.reg.customer(id).await.expect("customer").number;
    assert_eq!(
        t.reg.erase_web_activity(id, r.id).await.expect_err("all of it held").to_string(),
        format!(
            "the web activity of customer {number} is under a legal hold (events held: 3), which keeps it while the \
             dispute lasts (GDPR Art. 17(3)(e)): refuse that part of the request and give this reason"
        )
    );
    t.reg.lift_hold(customer_hold.id).await.expect("lift");
    // The first visit is evidence of an intrusion: it stays, the others go.
    let web_hold = t.reg.add_hold(RecordKind::WebEvent, first.id.0, "Intrångsförsök").await.expect("hold");
    let answer = || t.reg.request_step(r.id, Step::Answer { answer: "Raderat".into() }, None);
    assert_eq!(answer().await.expect_err("nothing erased yet").code(), "refused");

    let preview = t.reg.signup_erasure_preview(course.id, r.id).await.expect("preview");
    assert_eq!(preview, course);
    let gone = t.reg.erase_signup(course.id, r.id).await.expect("erase");
    assert_eq!(
        (gone.request_id, gone.customer_id, gone.signup_id, gone.event_date),
        (r.id, id, course.id, d("2026-05-09"))
    );
    let preview = t.reg.web_activity_erasure_preview(id, r.id).await.expect("preview");
    assert_eq!(
        (preview.events, preview.first_at, preview.last_at, preview.held),
        (2, second.occurred_at, last.occurred_at, 1)
    );
    let web = t.reg.erase_web_activity(id, r.id).await.expect("erase");
    assert_eq!(
        (web.request_id, web.events, web.first_at, web.last_at, web.held),
        (r.id, 2, second.occurred_at, last.occurred_at, 1)
    );
    let again = t.reg.web_activity_erasure_preview(id, r.id).await.expect_err("only the held one left");
    assert!(again.to_string().contains("(events held: 1)"), "{again}");

    let page = t.reg.customer_page(id).await.expect("page");
    assert_eq!(page.event_registrations.iter().map(|s| s.id).collect::<Vec<_>>(), [disputed.id], "the held one stays");
    assert_eq!(page.web_events.iter().map(|e| e.id).collect::<Vec<_>>(), [first.id], "the held one stays");
    assert_eq!(page.customer.state, CustomerState::Active, "she stays a customer");
    let actions: Vec<_> = page.history.iter().map(|e| e.entry.action.as_str()).collect();
    assert!(actions.contains(&"event_registration.erase") && actions.contains(&"web_event.erase"), "{actions:?}");
    // The held sign-up goes when its hold is lifted, as the shop says.
    let when_lifted = t.reg.hold_back_signup_erasure(disputed.id, r.id).await.expect("held back");
    assert_eq!((when_lifted.entity, when_lifted.event_date), (RecordKind::EventRegistration, Some(d("2026-06-13"))));
    let detail = t.reg.request_detail(r.id, today).await.expect("detail");
    assert_eq!((detail.signups_erased, detail.web_activity_erased), (vec![gone], vec![web.clone()]));
    let kept: Vec<_> = detail.held_back.iter().map(|b| (b.entity, b.entity_id)).collect();
    assert_eq!(kept, [(RecordKind::WebEvent, first.id.0), (RecordKind::EventRegistration, disputed.id.0)]);
    assert_eq!(
        answer().await.expect("answered by the erasures").state,
        kundvakt_core::requests::RequestState::Answered
    );
    assert!(kundvakt_core::audit::verify(t.reg.store()).await.expect("verify").broken.is_none());

    // The site's log, exported again with her old visits and one new one.
    let dir = tempfile::tempdir().expect("dir");
    let log = dir.path().join("webblogg.csv");
    let row =
        |at: chrono::DateTime<Utc>, ip: &str| format!("{};{ip};login;;{EMAIL}\n", at.format("%Y-%m-%dT%H:%M:%SZ"));
    let later = Utc::now() + chrono::Duration::seconds(1);
    let text = format!(
        "Timestamp;IP_Address;Event;User_Agent;Email\n{}{}",
        row(at(20), "198.51.100.77"),
        row(later, "203.0.113.5")
    );
    std::fs::write(&log, text).expect("write");
    tokio::time::sleep(std::time::Duration::from_secs(2)).await;
    let cancel = std::sync::atomic::AtomicBool::new(false);
    let options = ImportOptions::default();
    let report = t.reg.import(&log, ImportKind::WebEvents, &options, &mut |_| {}, &cancel).await.expect("import");
    assert_eq!((report.added, report.skipped, report.committed), (1, 1, true), "{:?}", report.problems);
    let erased_day = web.erased_at.with_timezone(&t.reg.settings().await.expect("settings").time_zone()).date_naive();
    assert_eq!(
        report.notices[0].message,
        format!(
            "activity of customer {number} from before {erased_day}, when their web activity was erased at their \
             request (GDPR Art. 17): not imported"
        )
    );
    let page = t.reg.customer_page(id).await.expect("page");
    assert_eq!(
        page.web_events.iter().map(|e| e.ip.as_str()).collect::<Vec<_>>(),
        ["203.0.113.5", "198.51.100.77"],
        "the new visit beside the held one, which is not imported twice"
    );

    let lifted = t.reg.lift_hold(hold.id).await.expect("lift");
    assert_eq!(lifted.released, vec![when_lifted]);
    assert_eq!(t.reg.customer_page(id).await.expect("page").event_registrations, vec![]);
    // The dispute settled, the held visit goes too, under her request (Art. 17(1)): said before, done on lifting.
    let views = t.reg.holds(false).await.expect("holds");
    let view = views.iter().find(|v| v.hold.id == web_hold.id).expect("in force");
    assert_eq!((view.erases, view.releases), (false, true));
    let lifted = t.reg.lift_hold(web_hold.id).await.expect("lift");
    let released: Vec<_> = lifted.released.iter().map(|b| (b.request_id, b.entity, b.occurred_at)).collect();
    assert_eq!(released, [(r.id, RecordKind::WebEvent, Some(first.occurred_at))]);
    let page = t.reg.customer_page(id).await.expect("page");
    assert_eq!(page.web_events.iter().map(|e| e.ip.as_str()).collect::<Vec<_>>(), ["203.0.113.5"]);
    let detail = t.reg.request_detail(r.id, today).await.expect("detail");
    assert_eq!(detail.web_activity_erased.iter().map(|e| (e.events, e.held)).collect::<Vec<_>>(), [(2, 1), (1, 0)]);
    assert_eq!((detail.signups_erased.len(), detail.held_back.len()), (2, 0));
    assert!(t.reg.holds(true).await.expect("holds").iter().all(|v| !v.releases), "nothing more to release");
    assert!(kundvakt_core::audit::verify(t.reg.store()).await.expect("verify").broken.is_none());
    if let Location::Sqlite(path) = &t.location {
        t.reg.store().close().await;
        for suffix in ["", "-wal"] {
            let Ok(bytes) = std::fs::read(format!("{}{suffix}", path.display())) else { continue };
            for needle in ["surdegskurs", "Bandvävning", "198.51.100.77", "198.51.100.78", "2001:db8::77"] {
                assert!(!bytes.windows(needle.len()).any(|w| w == needle.as_bytes()), "{needle} in the file{suffix}");
            }
        }
        // The new visit is kept, and found where the erased ones are not.
        let bytes = std::fs::read(path).expect("file");
        let kept = b"203.0.113.5";
        assert!(bytes.windows(kept.len()).any(|w| w == kept), "the new visit in the file");
    }
}

/// What a request for erasure of some of a person's data erased is
/// confirmed to them, in PDF and in JSON (Art. 17(1), 12(1)): which details,
/// which notes, sign-ups and web activity, and when, never what they held;
/// and whom the shop tells of it (Art. 19). Not before anything is erased,
/// and not for a customer erased whole, whose erasure confirmed itself.
async fn an_erasure_of_some_data_is_confirmed(kind: Kind) {
    use kundvakt_core::register::CustomerChanges;
    let t = register(kind).await;
    let details = CustomerInput { phone: Some(PHONE.into()), language: Some("en".into()), ..input(NAME, EMAIL) };
    let id = t.reg.add_customer(&details).await.expect("customer").id;
    let note = t.reg.add_interaction(&common::phone_call(id, "Berättade om sin sjukdom", None)).await.expect("note");
    let course = NewEventRegistration {
        customer_id: id,
        event_name: "Kvarnbäckens surdegskurs".into(),
        event_date: d("2026-05-09"),
        status: RegistrationStatus::Attended,
    };
    let course = t.reg.add_event_registration(&course).await.expect("signup");
    let visit = NewWebEvent {
        customer_id: id,
        occurred_at: Utc::now() - chrono::Duration::days(3),
        ip: "198.51.100.77".parse().expect("ip"),
        action: "login".into(),
        user_agent: None,
    };
    t.reg.add_web_event(&visit).await.expect("event");
    // A visit a dispute needs as evidence: kept, and the person told why.
    let evidence = NewWebEvent { ip: "203.0.113.9".parse().expect("ip"), ..visit.clone() };
    let evidence = t.reg.add_web_event(&evidence).await.expect("event");
    t.reg.add_hold(RecordKind::WebEvent, evidence.id.0, "Tvist om en beställning").await.expect("hold");
    let r = t.reg.open_request(id, RequestKind::Erasure, None, None).await.expect("request");
    t.reg.request_step(r.id, Step::Verify { how: Some("BankID".into()) }, None).await.expect("verify");
    let early = t.reg.part_erasure_confirmation(r.id, None, Format::Pdf).await.expect_err("nothing erased yet");
    assert_eq!(
        early.to_string(),
        format!(
            "nothing has been erased for request {} yet: remove the details, or erase the notes, sign-ups or web \
             activity the person asked for, on their page first",
            r.id
        )
    );
    let access = t.reg.open_request(id, RequestKind::Access, None, None).await.expect("request");
    assert_eq!(
        t.reg.part_erasure_confirmation(access.id, None, Format::Pdf).await.expect_err("access").code(),
        "invalid"
    );

    let no_phone = CustomerChanges { fields: CustomerInput { phone: Some("".into()), ..Default::default() } };
    t.reg.edit_customer_answering(id, &no_phone, None, Some(r.id)).await.expect("removed");
    t.reg.erase_note(note.id, r.id).await.expect("note");
    t.reg.erase_signup(course.id, r.id).await.expect("signup");
    t.reg.erase_web_activity(id, r.id).await.expect("web");

    let pdf = t.reg.part_erasure_confirmation(r.id, None, Format::Pdf).await.expect("pdf");
    assert!(common::render_pages(&pdf.bytes) >= 1);
    let text = pdftotext(&pdf.bytes).split_whitespace().collect::<Vec<_>>().join(" ");
    let today = t.reg.today().await.expect("today");
    let said = |day: NaiveDate| format!("{} {} {}", day.format("%-d"), day.format("%B"), day.format("%Y"));
    for expected in [
        "Confirmation of erasure".to_owned(),
        format!("At your request of {} we have erased the data listed below.", said(r.received_on)),
        "Phone (among your details)".to_owned(),
        format!("Our note of a contact on {} (phone)", said(today)),
        "Your sign-up for the course or event on 9 May 2026".to_owned(),
        // One event went (the other is held): named as the one visit it was.
        "Your visit to our web site on".to_owned(),
        "Not erased".to_owned(),
        "Your activity on our web site, with its IP addresses (events: 1)".to_owned(),
        "We must keep these while a legal claim is settled (Article 17(3)(e) of the GDPR), and keep them for that \
         alone: we erase them when it is."
            .to_owned(),
        "You may lodge a complaint with a supervisory authority (GDPR Art. 77)".to_owned(),
        format!("Reference: request {}", r.id),
    ] {
        assert!(text.contains(&expected), "{expected:?} in {text}");
    }
    for held in ["701234987", "sjukdom", "surdegskurs", "198.51.100.77", "203.0.113.9"] {
        assert!(!text.contains(held), "{held} in the confirmation");
    }
    let json = t.reg.part_erasure_confirmation(r.id, None, Format::Json).await.expect("json");
    let value: serde_json::Value = serde_json::from_slice(&json.bytes).expect("JSON");
    assert_valid(&schema("part-erasure-confirmation.v1.json"), &value, "part erasure confirmation");
    assert_eq!(value["details_removed"][0]["part"], "phone");
    let counts = ["notes_erased", "signups_erased", "web_activity_erased"].map(|k| value[k].as_array().map(Vec::len));
    assert_eq!(counts, [Some(1); 3]);
    assert_eq!(
        (&value["web_activity_erased"][0]["events"], &value["web_activity_erased"][0]["held"]),
        (&1.into(), &1.into())
    );
    let kept = value["kept"].as_array().map(|k| k.iter().map(|p| p["entity"].clone()).collect::<Vec<_>>());
    assert_eq!(kept, Some(vec![serde_json::json!("web_event")]));
    let told: Vec<&str> =
        value["recipients"].as_array().expect("recipients").iter().filter_map(|r| r["name"].as_str()).collect();
    assert!(!told.is_empty(), "the catalogue's recipients of what was erased: {value}");
    for held in ["701234987", "sjukdom", "surdegskurs", "198.51.100.77"] {
        assert!(!value.to_string().contains(held), "{held} in the JSON");
    }
    let detail = t.reg.request_detail(r.id, today).await.expect("detail");
    assert_eq!(detail.documents.iter().filter(|x| x.kind == kundvakt_core::reports::DocumentKind::Erasure).count(), 2);

    t.reg.erase_customer(id, Some(r.id)).await.expect("erased whole");
    let whole = t.reg.part_erasure_confirmation(r.id, None, Format::Pdf).await.expect_err("erased whole");
    assert_eq!(whole.code(), "refused", "{whole}");
}

on_both_backends!(
    only_the_recipients_of_what_is_erased_are_told,
    erasure_keeps_the_books,
    holds_and_requests_shape_an_erasure,
    restriction_stops_use_until_lifted,
    consent_withdrawal_answers_a_request,
    one_note_is_erased_for_its_request,
    a_held_note_of_an_erased_customer_goes_once_for_her_request,
    a_sign_up_and_web_activity_are_erased_for_their_request,
    an_erasure_of_some_data_is_confirmed,
    an_order_s_or_invoice_s_number_finds_its_customer
);
