//! The storage suite: the same tests on SQLite and on PostgreSQL.

mod common;

use chrono::{NaiveDate, TimeZone, Utc};
use common::{input, register, Kind};
use kundvakt_core::register::*;
use kundvakt_core::values::{Currency, CustomerId, InteractionId, Money};
use kundvakt_core::{audit, Error};

async fn head(reg: &kundvakt_core::Register) -> (i64, String) {
    reg.audit_head().await.expect("audit head")
}

async fn customers_round_trip(kind: Kind) {
    let t = register(kind).await;
    assert!(!t.reg.has_customers().await.expect("empty"), "a new register has no customers");
    let added = t
        .reg
        .add_customer(&CustomerInput {
            name: Some("  Åsa Öberg ".into()),
            email: Some("Asa.Oberg@Example.SE".into()),
            phone: Some("070-123 45 67".into()),
            street: Some("Storgatan 1".into()),
            postal_code: Some("111 22".into()),
            city: Some("Stockholm".into()),
            ..Default::default()
        })
        .await
        .expect("add");
    assert_eq!(added.number, format!("K{:06}", added.id.0));
    assert_eq!(added.name.as_deref(), Some("Åsa Öberg"));
    assert_eq!(added.email.as_deref(), Some("Asa.Oberg@example.se"));
    assert_eq!(added.phone.as_deref(), Some("+46701234567"));
    assert_eq!(added.country.as_deref(), Some("SE"));
    assert_eq!((added.version, added.state), (1, CustomerState::Active));
    assert_eq!(t.reg.customer(added.id).await.expect("read back"), added);
    assert_eq!(t.reg.find_customer(&added.number).await.expect("by number"), added);
    let missing = t.reg.find_customer("999999").await.expect_err("no such customer");
    assert_eq!(missing.code(), "not_found");
    assert!(t.reg.has_customers().await.expect("one"));
    // An erased customer's tombstone is no customer: the register is empty again.
    t.reg.erase_customer(added.id, None).await.expect("erase");
    assert!(!t.reg.has_customers().await.expect("erased"), "a tombstone is not a customer");
}

async fn search_is_prefix_case_and_accent_insensitive(kind: Kind) {
    let t = register(kind).await;
    let asa = t
        .reg
        .add_customer(&CustomerInput { phone: Some("070-123 45 67".into()), ..input("Åsa Öberg", "asa@example.se") })
        .await
        .expect("add");
    let oyvind = t
        .reg
        .add_customer(&CustomerInput {
            phone: Some("912 34 567".into()),
            country: Some("Norge".into()),
            ..input("Øyvind Sæther", "oyvind@example.no")
        })
        .await
        .expect("add");
    assert_eq!(oyvind.phone.as_deref(), Some("+4791234567"), "Norway's plan, no trunk prefix");
    let anna = t.reg.add_customer(&input("Anna Andersson", "anna.a@example.se")).await.expect("add");
    let ids = |found: Vec<Customer>| found.into_iter().map(|c| c.id).collect::<Vec<_>>();
    for (query, want) in [
        ("asa oberg", vec![asa.id]),
        ("ÅSA", vec![asa.id]),
        ("öber å", vec![asa.id]),
        ("oyv", vec![oyvind.id]),
        ("saether", vec![oyvind.id]),
        ("and", vec![anna.id]),
        ("a", vec![anna.id, asa.id]),
        ("example.no", vec![oyvind.id]),
        ("070-123", vec![asa.id]),
        ("+46 70 123 45", vec![asa.id]),
        // A Norwegian number as Norway writes it, with no trunk 0, and with its code.
        ("912 34 567", vec![oyvind.id]),
        ("+47 912", vec![oyvind.id]),
        ("0912", vec![]),
        (asa.number.as_str(), vec![asa.id]),
        ("asa andersson", vec![]),
        ("zzz", vec![]),
        ("   ", vec![]),
    ] {
        assert_eq!(ids(t.reg.search_customers(query, 50).await.expect("search")), want, "query {query:?}");
    }
    t.reg
        .edit_customer(
            asa.id,
            &CustomerChanges { fields: CustomerInput { name: Some("Åsa Lind".into()), ..Default::default() } },
            None,
        )
        .await
        .expect("rename");
    assert!(t.reg.search_customers("oberg", 10).await.expect("search").is_empty(), "the old name is no longer indexed");
    assert_eq!(ids(t.reg.search_customers("lind", 10).await.expect("search")), vec![asa.id]);
}

/// Every way of answering a search (register::finder) gives what checking each
/// customer's words one by one gives: names that cluster (all the Tuomas
/// Öbergs together), words spread over the alphabet (numbers, phones), words
/// that match nothing, and a renamed customer, under plans that force each step.
async fn every_search_plan_gives_the_brute_force_answer(kind: Kind) {
    use kundvakt_core::register::finder::Plan;
    use kundvakt_core::register::search::{customer_tokens, name_key, query_words};
    let t = register(kind).await;
    let first = ["Åsa", "Tuomas", "Tuva", "Øyvind", "Anders", "Andrea", "Märta", "Sören"];
    let last = ["Öberg", "Andersson", "Ström", "Sæther", "Tuominen", "Lind"];
    for i in 0..240usize {
        let (f, l) = (first[i % first.len()], last[(i / first.len()) % last.len()]);
        let mail = format!("{}.{}{i}@example.se", search_fold(f), search_fold(l));
        let phone = format!("070-{:03} {:02} {:02}", i * 7 % 1000, i % 100, (i * 3) % 100);
        t.reg
            .add_customer(&CustomerInput { phone: Some(phone), ..input(&format!("{f} {l}"), &mail) })
            .await
            .expect("add");
    }
    // First in name order, with 22 words that start with "ann": a search
    // driven by "ann" reads her 22 times before anyone else.
    let many: Vec<String> =
        "a b c d e f g h i j k l m n o p q r s t u v".split(' ').map(|c| format!("Ann{c}")).collect();
    t.reg.add_customer(&input(&format!("Aa {}", many.join(" ")), "many.words@example.se")).await.expect("add");
    let renamed = t.reg.search_customers("tuomas lind", 1).await.expect("search")[0].clone();
    let changes =
        CustomerChanges { fields: CustomerInput { name: Some("Aino Ödegård".into()), ..Default::default() } };
    t.reg.edit_customer(renamed.id, &changes, None).await.expect("rename");

    let everyone = common::all_customers(&t.reg).await;
    let brute = |query: &str, limit: usize| -> Vec<CustomerId> {
        let words = query_words(query);
        let mut hits: Vec<(String, CustomerId)> = everyone
            .iter()
            .filter(|c| {
                let tokens = customer_tokens(&c.number, c.name.as_deref(), c.email.as_deref(), c.phone.as_deref());
                !words.is_empty() && words.iter().all(|w| tokens.iter().any(|t| t.starts_with(w.as_str())))
            })
            .map(|c| (name_key(c.name.as_deref()), c.id))
            .collect();
        hits.sort();
        hits.into_iter().take(limit).map(|(_, id)| id).collect()
    };
    let huge = usize::MAX;
    let plans = [
        Plan::default(),
        Plan { rare: 1, few_tokens: 1_000, spread: Some(0), budget: huge },
        Plan { rare: 1, few_tokens: 0, spread: Some(0), budget: huge },
        Plan { rare: 1, few_tokens: 0, spread: Some(1_000_000), budget: huge },
        Plan { rare: 1, few_tokens: 2, spread: Some(0), budget: huge },
        Plan { rare: 1, few_tokens: 2, spread: Some(0), budget: 1 },
        Plan { rare: 1_000_000, few_tokens: 0, spread: Some(0), budget: huge },
        // A walk of the names that falls back after 30 customers (the one
        // above, with a huge budget, reads to the end).
        Plan { rare: 1, few_tokens: 0, spread: Some(0), budget: 30 },
    ];
    let queries = [
        "tuo",
        "tuomas öb",
        "öberg tuomas",
        "ANDERS",
        "and",
        "andersson anders",
        "a",
        "s",
        "ström sö",
        "märta str",
        "aino",
        "lind",
        "ödegård",
        "example",
        "example se",
        "070",
        "070 tuva",
        "k000",
        "k0001",
        "k000 sæther",
        "asa.oberg",
        "andrea.andersson",
        "tuv tuo",
        "zzz",
        "tuomas zzz",
        "oyvind saether 070",
        "ann",
        "ann aa",
        "an example",
    ];
    for query in queries {
        for limit in [5usize, 500] {
            let want = brute(query, limit);
            for plan in &plans {
                let got: Vec<CustomerId> = t
                    .reg
                    .search_customers_planned(query, limit as i64, plan)
                    .await
                    .expect("search")
                    .into_iter()
                    .map(|c| c.id)
                    .collect();
                assert_eq!(got, want, "query {query:?}, limit {limit}, {plan:?}");
            }
        }
    }
    assert!(brute("tuomas", 500).len() > 20 && brute("070", 500).len() > 200, "the queries reach many customers");
}

fn search_fold(s: &str) -> String {
    kundvakt_core::register::search::fold(s)
}

async fn listing_pages_through_every_customer_once(kind: Kind) {
    let t = register(kind).await;
    let mut ids = vec![];
    for i in 0..23 {
        let c = t.reg.add_customer(&input(&format!("Kund {:02}", 22 - i), &format!("k{i}@example.se"))).await;
        ids.push(c.expect("add").id);
    }
    let mut want: Vec<String> = (0..23).map(|i| format!("Kund {i:02}")).collect();
    // The list's marks (register::listing) every `step` customers: each step,
    // and each page size, pages through the same customers once.
    let pages_through = |want: Vec<String>| {
        let reg = t.reg.clone();
        async move {
            for step in [1, 3, 10, kundvakt_core::register::listing::STEP] {
                for size in [10, 7, 23] {
                    let mut seen = vec![];
                    loop {
                        let page = reg.list_customers_in_steps(seen.len() as i64, size, step).await.expect("page");
                        assert_eq!(page.total, want.len() as i64, "step {step}");
                        if page.items.is_empty() {
                            break;
                        }
                        assert!(page.items.len() <= size as usize);
                        seen.extend(page.items.into_iter().map(|c| c.name.unwrap_or_default()));
                    }
                    assert_eq!(seen, want, "name order, each once (step {step}, pages of {size})");
                }
            }
        }
    };
    pages_through(want.clone()).await;
    // A change anywhere moves the marks: a customer who sorts first, one erased.
    t.reg.add_customer(&input("Aaron Först", "aaron@example.se")).await.expect("add");
    t.reg.erase_customer(ids[17], None).await.expect("erase Kund 05");
    want.insert(0, "Aaron Först".into());
    want.retain(|n| n != "Kund 05");
    // The app's list does not wait for new marks: the first page after the
    // change is answered without them (count and offset) while they are made
    // in the background, the later ones either way; all agree.
    let mut seen = vec![];
    loop {
        let page = t.reg.list_customers(seen.len() as i64, 7).await.expect("page");
        assert_eq!(page.total, want.len() as i64);
        if page.items.is_empty() {
            break;
        }
        seen.extend(page.items.into_iter().map(|c| c.name.unwrap_or_default()));
    }
    assert_eq!(seen, want, "the app's list right after a change");
    // Made ahead, as the window does when it opens the register: the same pages.
    t.reg.prepare_list().await.expect("the list's marks");
    t.reg.prepare_list().await.expect("up to date: nothing to do");
    let first = t.reg.list_customers(0, 100).await.expect("page");
    assert_eq!(first.items.into_iter().map(|c| c.name.unwrap_or_default()).collect::<Vec<_>>(), want);
    pages_through(want).await;
    let beyond = t.reg.list_customers(10_000, 10).await.expect("past the end");
    assert!(beyond.items.is_empty());
    assert_eq!(beyond.total, 23);
}

/// A page of the list and its total are of one moment: while another
/// computer adds customers, no page holds more or fewer customers than the
/// total it comes with says there are (the register is smaller than a page),
/// with the list's marks and without them.
async fn a_page_and_its_total_are_of_one_moment(kind: Kind) {
    let t = register(kind).await;
    let other =
        Register::open(&t.location, kundvakt_core::OpenMode::Existing, "the other computer").await.expect("open again");
    let pace = common::Pace::default();
    let paced = pace.clone();
    let writer = tokio::spawn(async move {
        for i in 0..150 {
            other.add_customer(&input(&format!("Kund {i:03}"), &format!("k{i}@example.se"))).await.expect("add");
            paced.checkpoint(i, 15).await;
        }
    });
    let mut pages = 0;
    while !writer.is_finished() {
        pace.read();
        for page in [
            t.reg.list_customers(0, 500).await.expect("page"),
            t.reg.list_customers_in_steps(0, 500, 10).await.expect("page from marks"),
        ] {
            assert_eq!(page.items.len() as i64, page.total, "a page of the register its total counts");
            let names: Vec<_> = page.items.iter().map(|c| c.name.clone().unwrap_or_default()).collect();
            assert!(names.windows(2).all(|w| w[0] < w[1]), "in name order");
        }
        pages += 2;
    }
    writer.await.expect("the writer");
    assert!(pages >= 20, "the pages overlapped the writes ({pages})");
    assert_eq!(t.reg.list_customers(0, 500).await.expect("page").total, 150);
}

/// The list's version (which the list's marks are kept for) moves with every
/// change to the list, whatever makes it, and with nothing else: notes,
/// orders and e-mail addresses leave a million customers' marks standing.
async fn the_list_version_moves_with_the_list_and_nothing_else(kind: Kind) {
    let t = register(kind).await;
    let version = || async { t.reg.list_version().await.expect("version") };
    let mut was = version().await;
    let mut moved = |now: i64, what: &str, expected: bool| {
        assert_eq!(now != was, expected, "{what}: the list version {}", if expected { "moves" } else { "stays" });
        was = now;
    };
    let c = t.reg.add_customer(&input("Åsa Öberg", "asa@example.se")).await.expect("add");
    moved(version().await, "a customer added", true);
    let other = t.reg.add_customer(&input("Bo Ek", "bo@example.se")).await.expect("add");
    moved(version().await, "another customer added", true);

    let email =
        CustomerChanges { fields: CustomerInput { email: Some("asa.o@example.se".into()), ..Default::default() } };
    t.reg.edit_customer(c.id, &email, None).await.expect("e-mail");
    moved(version().await, "an e-mail address changed", false);
    t.reg
        .add_interaction(&NewInteraction {
            customer_id: c.id,
            occurred_at: Utc::now(),
            channel: Channel::Phone,
            direction: Direction::Inbound,
            summary: "Frågade om leverans".into(),
            staff: None,
            closed_on: None,
            bookkeeping: false,
        })
        .await
        .expect("note");
    moved(version().await, "a note", false);
    t.reg.add_order(&common::paid_order(c.id, "O-1", "2026-03-15", 10_000)).await.expect("order");
    moved(version().await, "an order", false);

    let rename = CustomerChanges { fields: CustomerInput { name: Some("Åsa Lind".into()), ..Default::default() } };
    t.reg.edit_customer(c.id, &rename, None).await.expect("rename");
    moved(version().await, "a rename", true);
    t.reg.erase_customer(other.id, None).await.expect("erase");
    moved(version().await, "an erasure", true);

    // Another computer's change moves it too: the marks are the register's, not the window's.
    let elsewhere =
        Register::open(&t.location, kundvakt_core::OpenMode::Existing, "the other computer").await.expect("open again");
    elsewhere.add_customer(&input("Cecilia Berg", "cecilia@example.se")).await.expect("add");
    moved(version().await, "a customer added on another computer", true);
    // And the list read after all this is the register's.
    let names: Vec<_> =
        t.reg.list_customers(0, 10).await.expect("list").items.into_iter().filter_map(|c| c.name).collect();
    assert_eq!(names, ["Åsa Lind", "Cecilia Berg"]);
}

async fn duplicates_are_refused_and_change_nothing(kind: Kind) {
    let t = register(kind).await;
    let first = t
        .reg
        .add_customer(&CustomerInput { number: Some("A-1".into()), ..input("Åsa", "asa@example.se") })
        .await
        .expect("add");
    let before = head(&t.reg).await;
    let e = t.reg.add_customer(&input("Other", "ASA@example.SE")).await.expect_err("same e-mail");
    assert!(matches!(&e, Error::Duplicate { place, .. } if place.0 == "email"), "{e}");
    let e = t
        .reg
        .add_customer(&CustomerInput { number: Some("A-1".into()), ..input("Other", "o@example.se") })
        .await
        .expect_err("same number");
    assert!(matches!(&e, Error::Duplicate { place, .. } if place.0 == "number"), "{e}");
    let e = t.reg.add_customer(&input("Bad", "not-an-email")).await.expect_err("bad e-mail");
    assert_eq!(e.code(), "invalid");
    assert_eq!(head(&t.reg).await, before, "no audit entry for refused writes");
    assert_eq!(t.reg.list_customers(0, 10).await.expect("list").total, 1);
    // Editing a customer to their own e-mail is not a duplicate.
    let same = CustomerChanges { fields: CustomerInput { email: Some("asa@example.se".into()), ..Default::default() } };
    t.reg.edit_customer(first.id, &same, None).await.expect("own e-mail");
}

async fn a_stale_edit_is_refused(kind: Kind) {
    let t = register(kind).await;
    let c = t.reg.add_customer(&input("Åsa Öberg", "asa@example.se")).await.expect("add");
    let phone = |p: &str| CustomerChanges { fields: CustomerInput { phone: Some(p.into()), ..Default::default() } };
    let first = t.reg.edit_customer(c.id, &phone("070-111 11 11"), Some(c.version)).await.expect("first save");
    assert_eq!(first.version, 2);
    let e = t
        .reg
        .edit_customer(c.id, &phone("070-222 22 22"), Some(c.version))
        .await
        .expect_err("second save from version 1");
    assert!(matches!(e, Error::Conflict { expected: 1, current: 2, .. }), "{e}");
    assert!(e.to_string().contains("changed by someone else"), "{e}");
    assert_eq!(
        t.reg.customer(c.id).await.expect("read").phone.as_deref(),
        Some("+46701111111"),
        "the first save stands"
    );
    let clear = CustomerChanges { fields: CustomerInput { phone: Some(String::new()), ..Default::default() } };
    assert_eq!(t.reg.edit_customer(c.id, &clear, None).await.expect("clear").phone, None);
}

async fn every_category_attaches_to_a_customer(kind: Kind) {
    let t = register(kind).await;
    let c = t.reg.add_customer(&input("Åsa Öberg", "asa@example.se")).await.expect("add");
    let sek = Currency::parse("SEK").expect("SEK");
    let order = t
        .reg
        .add_order(&NewOrder {
            customer_id: c.id,
            number: "O-1".into(),
            order_date: NaiveDate::from_ymd_opt(2024, 3, 15).expect("date"),
            total: Money::new(111_400, sek),
            vat: None,
            payment_provider: Some("Klarna".into()),
            payment_reference: Some("KL-1".into()),
            status: OrderStatus::Paid,
            lines: vec![
                NewOrderLine {
                    description: "Ljusstake i mässing".into(),
                    quantity: 2,
                    unit_price_minor: 49_500,
                    vat_rate_bp: 2500,
                },
                NewOrderLine {
                    description: "Lingonsylt".into(),
                    quantity: 1,
                    unit_price_minor: 12_400,
                    vat_rate_bp: 1200,
                },
            ],
        })
        .await
        .expect("order");
    assert_eq!(order.vat.minor, 19_800 + 1_329);
    t.reg
        .add_invoice(&NewInvoice {
            order_id: order.id,
            number: "F-1".into(),
            kind: InvoiceKind::Invoice,
            issued_on: order.order_date,
            due_on: None,
            amount: order.total,
            credits: None,
        })
        .await
        .expect("invoice");
    let when = Utc.with_ymd_and_hms(2025, 6, 1, 10, 30, 0).single().expect("time");
    t.reg
        .add_interaction(&NewInteraction {
            customer_id: c.id,
            occurred_at: when,
            channel: Channel::Phone,
            direction: Direction::Inbound,
            summary: "Frågade om leveransen".into(),
            staff: Some("Eva".into()),
            closed_on: None,
            bookkeeping: false,
        })
        .await
        .expect("interaction");
    t.reg
        .add_web_event(&NewWebEvent {
            customer_id: c.id,
            occurred_at: when,
            ip: "192.0.2.7".parse().expect("ip"),
            action: "login".into(),
            user_agent: None,
        })
        .await
        .expect("web event");
    let consent = t
        .reg
        .add_consent(&NewConsent {
            customer_id: c.id,
            purpose: "newsletter".into(),
            text_version: "v1".into(),
            given_at: when,
            channel: "web_form".into(),
        })
        .await
        .expect("consent");
    // The same wording again while the consent stands: refused, naming the one that stands.
    let again = NewConsent {
        customer_id: c.id,
        purpose: "Nyhetsbrev".into(),
        text_version: " v1 ".into(),
        given_at: when,
        channel: "phone".into(),
    };
    let twice = t.reg.add_consent(&again).await.expect_err("the same wording twice");
    assert_eq!(twice.code(), "duplicate");
    assert!(twice.to_string().starts_with(&format!("text_version: consent {}, given ", consent.id)), "{twice}");
    // A new wording is a new consent; withdrawing either stops the purpose.
    let renewed =
        t.reg.add_consent(&NewConsent { text_version: "v2".into(), ..again.clone() }).await.expect("a new wording");
    let sms = NewConsent { purpose: "sms".into(), text_version: "v1".into(), ..again };
    let sms = t.reg.add_consent(&sms).await.expect("another purpose");
    // Both stand, as proof of what was agreed when; the new wording is the one in force.
    let page = t.reg.customer_page(c.id).await.expect("page");
    let replaced: Vec<_> = page.consents.iter().map(|k| (k.id, k.replaced_by)).collect();
    assert_eq!(replaced, [(sms.id, None), (renewed.id, None), (consent.id, Some(renewed.id))], "{replaced:?}");
    let withdrawn = t.reg.withdraw_consent(consent.id, None).await.expect("withdraw");
    let ids: Vec<_> = withdrawn.iter().map(|w| w.id).collect();
    assert_eq!(ids, [consent.id, renewed.id], "the consent pressed first, then the other to the purpose");
    assert!(withdrawn.iter().all(|w| w.withdrawn_at.is_some()), "{withdrawn:?}");
    let page = t.reg.customer_page(c.id).await.expect("page");
    let standing: Vec<_> = page.consents.iter().filter(|k| k.withdrawn_at.is_none()).map(|k| k.id).collect();
    assert_eq!(standing, [sms.id], "another purpose stands");
    assert_eq!(t.reg.withdraw_consent(consent.id, None).await.expect_err("twice").code(), "refused");
    assert_eq!(t.reg.withdraw_consent(renewed.id, None).await.expect_err("with it").code(), "refused");
    t.reg
        .add_event_registration(&NewEventRegistration {
            customer_id: c.id,
            event_name: "Kurs: Tälja sked".into(),
            event_date: NaiveDate::from_ymd_opt(2025, 9, 1).expect("date"),
            status: RegistrationStatus::Registered,
        })
        .await
        .expect("sign-up");

    let page = t.reg.customer_page(c.id).await.expect("page");
    assert_eq!(page.orders.len(), 1);
    assert_eq!(page.orders[0].lines.len(), 2);
    assert_eq!(page.orders[0].lines[0].description, "Ljusstake i mässing");
    assert_eq!(page.orders[0], order);
    assert_eq!((page.invoices.len(), page.interactions.len(), page.web_events.len()), (1, 1, 1));
    assert_eq!((page.consents.len(), page.event_registrations.len()), (3, 1));
    assert_eq!(page.interactions[0].occurred_at, when, "times come back to the microsecond");
    assert_eq!(page.customer.last_activity_at, c.created_at, "older records never move the last activity back");
    let later = c.created_at + chrono::Duration::hours(1);
    t.reg
        .add_web_event(&NewWebEvent {
            customer_id: c.id,
            occurred_at: later,
            ip: "2001:db8::1".parse().expect("ip"),
            action: "checkout".into(),
            user_agent: None,
        })
        .await
        .expect("web event");
    assert_eq!(t.reg.customer(c.id).await.expect("read").last_activity_at, later, "a newer record moves it forward");
    let actions: Vec<&str> = page.history.iter().map(|e| e.entry.action.as_str()).collect();
    assert_eq!(
        actions,
        [
            "customer.add",
            "order.add",
            "invoice.add",
            "interaction.add",
            "web_event.add",
            "consent.give",
            "consent.give",
            "consent.give",
            // One withdrawal stops the purpose: each consent to it is withdrawn, and audited.
            "consent.withdraw",
            "consent.withdraw",
            "event_registration.add"
        ]
    );
    // A form with several wrong fields hears of each, in one error, and nothing is saved.
    let places = |e: kundvakt_core::Error| match e {
        kundvakt_core::Error::InvalidFields(fields) => fields.into_iter().map(|(p, _)| p.0).collect::<Vec<_>>(),
        other => panic!("not every field: {other}"),
    };
    let wrong = NewInteraction {
        customer_id: c.id,
        occurred_at: Utc::now() + chrono::Duration::days(30),
        channel: Channel::Phone,
        direction: Direction::Inbound,
        summary: " ".into(),
        staff: None,
        closed_on: NaiveDate::from_ymd_opt(2020, 1, 1),
        bookkeeping: false,
    };
    let refused = t.reg.add_interaction(&wrong).await.expect_err("refused");
    assert_eq!(places(refused), ["summary", "occurred_at", "closed_on"]);
    let refused = t
        .reg
        .add_consent(&NewConsent {
            customer_id: c.id,
            purpose: "".into(),
            text_version: "".into(),
            given_at: when,
            channel: "web_form".into(),
        })
        .await
        .expect_err("refused");
    assert_eq!(places(refused), ["purpose", "text_version"]);
    let page = t.reg.customer_page(c.id).await.expect("page");
    assert_eq!((page.interactions.len(), page.consents.len()), (1, 3));
}

async fn a_note_is_corrected_and_a_stale_correction_refused(kind: Kind) {
    let t = register(kind).await;
    let c = t.reg.add_customer(&input("Åsa Öberg", "asa@exempel.se")).await.expect("add");
    let note = t
        .reg
        .add_interaction(&NewInteraction {
            customer_id: c.id,
            occurred_at: Utc.with_ymd_and_hms(2026, 3, 2, 9, 15, 0).single().expect("time"),
            channel: Channel::Phone,
            direction: Direction::Inbound,
            summary: "Reklamerade vantar, storlek M".into(),
            staff: Some("Eva".into()),
            closed_on: None,
            bookkeeping: false,
        })
        .await
        .expect("note");
    let (seq, _) = head(&t.reg).await;
    // She points out it was size S, by e-mail, and that Per took it; the
    // complaint was settled with a refund, so it documents a purchase.
    let changes = InteractionChanges {
        summary: Some("Reklamerade vantar, storlek S".into()),
        staff: Some("Per".into()),
        channel: Some(Channel::Email),
        direction: None,
        bookkeeping: Some(true),
    };
    let fixed = t.reg.edit_interaction(note.id, &changes, Some(&note)).await.expect("correct");
    assert_eq!(
        (fixed.summary.as_str(), fixed.staff.as_deref(), fixed.channel, fixed.direction, fixed.occurred_at),
        ("Reklamerade vantar, storlek S", Some("Per"), Channel::Email, Direction::Inbound, note.occurred_at)
    );
    assert!(fixed.bookkeeping && !note.bookkeeping);
    let page = t.reg.customer_page(c.id).await.expect("page");
    assert_eq!(page.interactions, vec![fixed.clone()], "only the corrected wording is kept");
    let entries = audit::history(t.reg.store(), c.id).await.expect("history");
    let edit = entries.iter().find(|e| e.entry.action == "interaction.edit").expect("the correction is audited");
    assert_eq!(edit.entry.seq, seq + 1);
    let digest = |i: &Interaction| audit::digest(&audit::to_json(i).expect("json"));
    assert_eq!(
        (edit.entry.before_digest.as_deref(), edit.entry.after_digest.as_deref()),
        (Some(digest(&note).as_str()), Some(digest(&fixed).as_str()))
    );
    // A second window that still shows the old note cannot overwrite the correction.
    let stale = InteractionChanges { summary: Some("Reklamerade handskar".into()), ..Default::default() };
    let e = t.reg.edit_interaction(note.id, &stale, Some(&note)).await.expect_err("stale");
    assert!(matches!(e, Error::Refused(_)) && e.to_string().contains("meanwhile"), "{e}");
    // Nothing to change, a blank summary, an unknown note: refused, nothing written.
    let e = t.reg.edit_interaction(note.id, &InteractionChanges::default(), None).await.expect_err("empty");
    assert_eq!(e.code(), "invalid");
    let blank = InteractionChanges { summary: Some("  ".into()), ..Default::default() };
    let e = t.reg.edit_interaction(note.id, &blank, None).await.expect_err("blank");
    assert!(e.to_string().contains("summary"), "{e}");
    let same = InteractionChanges { staff: Some("Per".into()), ..Default::default() };
    assert!(t.reg.edit_interaction(note.id, &same, None).await.is_err(), "says that already");
    let e = t.reg.edit_interaction(InteractionId(999_999), &changes, None).await.expect_err("unknown");
    assert_eq!(e.code(), "not_found");
    assert_eq!(head(&t.reg).await.0, seq + 1, "nothing more written");
    // The staff member's name can be cleared.
    let cleared = InteractionChanges { staff: Some(String::new()), ..Default::default() };
    assert_eq!(t.reg.edit_interaction(note.id, &cleared, None).await.expect("clear").staff, None);
}

async fn orders_are_checked(kind: Kind) {
    let t = register(kind).await;
    let c = t.reg.add_customer(&input("Åsa Öberg", "asa@example.se")).await.expect("add");
    let sek = Currency::parse("SEK").expect("SEK");
    let order = |customer: CustomerId, number: &str| NewOrder {
        customer_id: customer,
        number: number.into(),
        order_date: NaiveDate::from_ymd_opt(2024, 3, 15).expect("date"),
        total: Money::new(10_000, sek),
        vat: Some(Money::new(2_000, sek)),
        payment_provider: None,
        payment_reference: None,
        status: OrderStatus::Placed,
        lines: vec![],
    };
    t.reg.add_order(&order(c.id, "A-1")).await.expect("first");
    let before = head(&t.reg).await;
    assert_eq!(t.reg.add_order(&order(c.id, "A-1")).await.expect_err("same number").code(), "duplicate");
    assert_eq!(t.reg.add_order(&order(CustomerId(4242), "A-2")).await.expect_err("no customer").code(), "not_found");
    assert_eq!(head(&t.reg).await, before);
}

async fn settings_are_validated_and_audited(kind: Kind) {
    let t = register(kind).await;
    assert_eq!(t.reg.settings().await.expect("settings").get("country"), Some("SE"));
    assert_eq!(t.reg.set_setting("country", "no").await.expect("set"), "NO");
    assert_eq!(t.reg.set_setting("fiscal_year_start_month", "7").await.expect("set"), "7");
    let s = t.reg.settings().await.expect("settings");
    assert_eq!((s.country().code(), s.fiscal_year_start_month()), ("NO", 7));
    // The country's time zone came with it (the register kept Sweden's own);
    // one the shop chose stays when the country changes again.
    assert_eq!(s.get("time_zone"), Some("Europe/Oslo"));
    t.reg.set_setting("country", "FI").await.expect("set");
    assert_eq!(t.reg.settings().await.expect("settings").get("time_zone"), Some("Europe/Helsinki"));
    t.reg.set_setting("time_zone", "Europe/Stockholm").await.expect("set");
    t.reg.set_setting("country", "NO").await.expect("set");
    assert_eq!(t.reg.settings().await.expect("settings").get("time_zone"), Some("Europe/Stockholm"));
    let changed: Vec<String> = kundvakt_core::audit::trail::read(
        t.reg.store(),
        &kundvakt_core::audit::trail::TrailQuery {
            action: Some("settings.set".into()),
            limit: 50,
            ..Default::default()
        },
    )
    .await
    .expect("trail")
    .entries
    .iter()
    .map(|e| e.stored.entry.entity_id.clone())
    .collect();
    assert_eq!(
        changed,
        ["country", "time_zone", "time_zone", "country", "fiscal_year_start_month", "time_zone", "country"],
        "each change audited, newest first"
    );
    // And kept with its value, who set it and when (migration 47), from the register's start.
    let history = t.reg.setting_changes(None).await.expect("history");
    let said: Vec<(&str, &str, &str)> =
        history.iter().map(|c| (c.key.as_str(), c.value.as_str(), c.set_by.as_str())).collect();
    assert_eq!(
        said,
        [
            ("country", "NO", "test"),
            ("time_zone", "Europe/Stockholm", "test"),
            ("time_zone", "Europe/Helsinki", "test"),
            ("country", "FI", "test"),
            ("fiscal_year_start_month", "7", "test"),
            ("time_zone", "Europe/Oslo", "test"),
            ("country", "NO", "test"),
            ("time_zone", "Europe/Stockholm", "test"),
            ("language", "sv", "test"),
            ("country", "SE", "test"),
        ],
        "newest first, down to the register's start"
    );
    assert!(history.windows(2).all(|w| w[0].set_at >= w[1].set_at));
    // A value the setting has already changes nothing, and nothing is recorded.
    let head_before = head(&t.reg).await;
    assert_eq!(t.reg.set_setting("country", "no").await.expect("set"), "NO");
    assert_eq!(head(&t.reg).await, head_before, "no audit entry");
    assert_eq!(t.reg.setting_changes(None).await.expect("history"), history);
    let countries: Vec<String> =
        t.reg.setting_changes(Some("country")).await.expect("history").into_iter().map(|c| c.value).collect();
    assert_eq!(countries, ["NO", "FI", "NO", "SE"], "one setting's alone");
    assert!(t.reg.setting_changes(Some("nonsense")).await.is_err(), "a key no setting has");
    let before = head(&t.reg).await;
    assert!(t.reg.set_setting("country", "US").await.is_err());
    assert!(t.reg.set_setting("fiscal_year_start_month", "0").await.is_err());
    assert!(t.reg.set_setting("nonsense", "1").await.is_err());
    assert_eq!(head(&t.reg).await, before);
    let catalogue = t.reg.catalogue().await.expect("catalogue");
    let processors = &catalogue.processors;
    let names: Vec<&str> = processors.iter().map(|p| p.fields.name.as_str()).collect();
    assert!(names.iter().any(|n| n.contains("Klarna")) && names.iter().any(|n| n.contains("PayEx")), "{names:?}");
    assert!(
        names.contains(&"Leverantör av webbutiksplattformen"),
        "a Swedish register's defaults are in Swedish: {names:?}"
    );
    assert!(
        processors.iter().all(|p| p.fields.outside_eea == p.fields.safeguards.is_some()),
        "transfers name their safeguards"
    );
    assert_eq!(catalogue.categories.len(), 8);
    assert!(
        !t.reg
            .init(kundvakt_core::register::InitOptions {
                country: kundvakt_core::values::ShopCountry::Dk,
                language: kundvakt_core::values::Language::En
            })
            .await
            .expect("init again"),
        "a second init changes nothing"
    );
}

async fn concurrent_writers_keep_the_chain_whole(kind: Kind) {
    let t = register(kind).await;
    let mut tasks = vec![];
    for w in 0..6 {
        let reg = t.reg.clone();
        tasks.push(tokio::spawn(async move {
            for i in 0..5 {
                reg.add_customer(&input(&format!("Writer {w} customer {i}"), &format!("w{w}c{i}@example.se")))
                    .await
                    .expect("add");
            }
        }));
    }
    for task in tasks {
        task.await.expect("writer");
    }
    let v = audit::verify(t.reg.store()).await.expect("verify");
    assert_eq!(v.broken, None);
    assert_eq!(t.reg.list_customers(0, 100).await.expect("list").total, 30);
    assert_eq!(v.entries, head(&t.reg).await.0);
}

async fn a_backup_is_a_whole_register(kind: Kind) {
    let t = register(kind).await;
    let c = t.reg.add_customer(&input("Åsa Öberg", "asa@example.se")).await.expect("add");
    let dir = tempfile::tempdir().expect("dir");
    let target = dir.path().join("backup.db");
    let before = head(&t.reg).await;
    let made = t.reg.backup(&target, None).await.expect("backup");
    assert_eq!((made.audit_seq, made.audit_hash.clone()), before, "the log records the copy's head");
    let copy = kundvakt_core::Register::open(
        &kundvakt_core::Location::Sqlite(target.clone()),
        kundvakt_core::OpenMode::Existing,
        "test",
    )
    .await
    .expect("open the backup");
    assert_eq!(copy.customer(c.id).await.expect("customer in the backup"), c);
    assert_eq!(copy.search_customers("asa oberg", 5).await.expect("search").len(), 1);
    assert_eq!(audit::verify(copy.store()).await.expect("verify").broken, None);
    assert_eq!(copy.audit_head().await.expect("head"), before);
    assert_eq!(t.reg.backups().await.expect("log")[0], made);
    assert_eq!(copy.settings().await.expect("settings"), t.reg.settings().await.expect("settings"));
    let again = t.reg.backup(&target, None).await.expect_err("an existing file is not overwritten");
    assert_eq!(again.code(), "file");
    let leftovers: Vec<_> =
        std::fs::read_dir(dir.path()).expect("dir").filter_map(|e| e.ok()).map(|e| e.file_name()).collect();
    assert!(leftovers.iter().all(|n| !n.to_string_lossy().ends_with(".partial")), "{leftovers:?}");
}

/// A register made before search words sat beside the names (schema
/// migrations 9 and 10) opens and upgrades without loss.
async fn an_older_register_upgrades(kind: Kind) {
    // The first migration that the upgrade makes here.
    const WORDS_BESIDE_NAMES: i64 = 20261130000009;
    let (location, _, _dir) = common::fresh_location(kind).await;
    let backend = match kind {
        Kind::Sqlite => kundvakt_core::Backend::Sqlite,
        Kind::Postgres => kundvakt_core::Backend::Postgres,
    };
    let all = kundvakt_core::Store::migrator(backend);
    let folder = tempfile::tempdir().expect("dir");
    let source = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("core/migrations").join(match kind {
        Kind::Sqlite => "sqlite",
        Kind::Postgres => "postgres",
    });
    for entry in std::fs::read_dir(&source).expect("migrations folder") {
        let path = entry.expect("entry").path();
        let version: i64 = path
            .file_name()
            .and_then(|n| n.to_str())
            .and_then(|n| n.split('_').next())
            .and_then(|v| v.parse().ok())
            .expect("version");
        if version < WORDS_BESIDE_NAMES {
            std::fs::copy(&path, folder.path().join(path.file_name().expect("name"))).expect("copy");
        }
    }
    let older = sqlx::migrate::Migrator::new(folder.path().to_path_buf()).await.expect("older migrator");
    assert!(older.iter().count() >= 1 && older.iter().count() < all.iter().count());
    let insert = "INSERT INTO customers (number, name, name_key, email, phone, language, created_at, last_activity_at, state, pseudonym) \
                  VALUES ('K-OLD', 'Åsa Öberg', 'asa oberg', 'asa@example.se', '+4791234567', 'sv', $1, $1, 'active', 'P-OLD')";
    // Its search words as the older register kept them, in their table only:
    // the Norwegian number's national form wrongly with a trunk 0.
    // Two assessments of an older register: the suggestion it started with, and one of the shop's own.
    let assessments = "INSERT INTO li_assessments (purpose, interest, necessity, balancing, outcome, assessed_on, author) \
                       VALUES ('Web-site security and statistics from IP addresses and actions', 'i', 'n', 'b', 'o', \
                       '2020-01-02', 'Kundvakt defaults'), ('Kamerabevakning', 'i', 'n', 'b', 'o', '2020-01-02', 'Anna')";
    let words = "INSERT INTO customer_search (token, name_key, customer_id) \
                 SELECT t.token, 'asa oberg', c.id FROM customers c, (SELECT 'asa' AS token UNION ALL \
                 SELECT 'oberg' UNION ALL SELECT 'k' UNION ALL SELECT 'old' UNION ALL SELECT '4791234567' \
                 UNION ALL SELECT '091234567') t WHERE c.number = 'K-OLD'";
    // A document made then, whose maker only its audit entry named.
    let document = "INSERT INTO request_documents (id, kind, format, language, digest, created_at) \
                    VALUES (7, 'access', 'pdf', 'sv', 'ab', $1)";
    let made = "INSERT INTO audit_entries (seq, at, actor, action, entity, entity_id, prev_hash, hash) \
                VALUES (1000000, $1, 'Anna', 'document.generate', 'document', '7', '0', '0')";
    let created = Utc.with_ymd_and_hms(2020, 1, 2, 3, 4, 5).single().expect("time");
    match &location {
        kundvakt_core::Location::Sqlite(path) => {
            let opts = sqlx::sqlite::SqliteConnectOptions::new().filename(path).create_if_missing(true);
            let pool = sqlx::SqlitePool::connect_with(opts).await.expect("sqlite");
            older.run(&pool).await.expect("older schema");
            sqlx::query(insert).bind(created).execute(&pool).await.expect("old row");
            sqlx::query(words).execute(&pool).await.expect("old words");
            sqlx::query(assessments).execute(&pool).await.expect("old assessments");
            sqlx::query(document).bind(created).execute(&pool).await.expect("old document");
            sqlx::query(made).bind(created).execute(&pool).await.expect("its audit entry");
            pool.close().await;
        }
        kundvakt_core::Location::Postgres(url) => {
            let pool = sqlx::PgPool::connect(url).await.expect("pg");
            older.run(&pool).await.expect("older schema");
            sqlx::query(insert).bind(created).execute(&pool).await.expect("old row");
            sqlx::query(words).execute(&pool).await.expect("old words");
            sqlx::query(assessments).execute(&pool).await.expect("old assessments");
            sqlx::query(document).bind(created).execute(&pool).await.expect("old document");
            sqlx::query(made).bind(created).execute(&pool).await.expect("its audit entry");
            pool.close().await;
        }
    }
    let reg = kundvakt_core::Register::open(&location, kundvakt_core::OpenMode::Existing, "test")
        .await
        .expect("open and upgrade");
    let c = reg.find_customer("K-OLD").await.expect("the old customer survives");
    // Migration 26 kept with the document who made it, from its audit entry.
    let kept = "SELECT COUNT(*) FROM request_documents WHERE id = 7 AND made_by = 'Anna'";
    assert_eq!(common::scalar(&location, kept).await, 1);
    // The stand-in entry is no link of this register's chain, which is verified below.
    common::execute(&location, "DELETE FROM audit_entries WHERE seq = 1000000").await;
    assert_eq!((c.name.as_deref(), c.created_at), (Some("Åsa Öberg"), created));
    // The upgrade put those words beside the name: a walk of the names finds them.
    use kundvakt_core::register::finder::Plan;
    let walk = Plan { rare: 1, few_tokens: 0, spread: Some(0), budget: usize::MAX };
    // Migration 18 gave the Norwegian number its national form as Norway writes it.
    for query in ["obe", "asa old", "Öberg", "912 34 567", "+47 912"] {
        let found = reg.search_customers_planned(query, 10, &walk).await.expect("search");
        assert_eq!(found.iter().map(|c| c.number.as_str()).collect::<Vec<_>>(), ["K-OLD"], "{query}");
    }
    // And the words' own table, which migration 10 made anew, still drives a search.
    let driven = Plan { rare: i64::MAX, few_tokens: 0, spread: None, budget: usize::MAX };
    for query in ["old obe", "asa", "912 34"] {
        let found = reg.search_customers_planned(query, 10, &driven).await.expect("search");
        assert_eq!(found.iter().map(|c| c.number.as_str()).collect::<Vec<_>>(), ["K-OLD"], "{query}");
    }
    use kundvakt_core::processing::Category;
    // Migration 19: the suggestion covers the category it was written for; the shop's own names none yet.
    let covered: Vec<(String, Vec<Category>)> = reg
        .catalogue()
        .await
        .expect("catalogue")
        .assessments
        .into_iter()
        .map(|a| (a.fields.purpose, a.fields.categories.0))
        .collect();
    assert_eq!(
        covered,
        [
            ("Web-site security and statistics from IP addresses and actions".to_owned(), vec![Category::WebActivity]),
            ("Kamerabevakning".to_owned(), vec![])
        ]
    );
    reg.add_customer(&input("Ny Kund", "ny@example.se")).await.expect("the upgraded register takes writes");
    // Migration 21: the row's copy of its words agrees with the words' table,
    // which is what a change and an erasure remove them by.
    let (table, row) = words_of(&location, "K-OLD").await;
    assert_eq!(table, row);
    assert!(table.contains(&"091234567".to_owned()), "the old word is the row's too: {table:?}");
    let renamed =
        CustomerInput { name: Some("Åsa Lind".into()), phone: Some("+46701234567".into()), ..Default::default() };
    reg.edit_customer(c.id, &CustomerChanges { fields: renamed }, None).await.expect("edit");
    let (table, row) = words_of(&location, "K-OLD").await;
    assert_eq!(table, row);
    assert!(table.contains(&"lind".to_owned()) && !table.iter().any(|w| w == "oberg" || w == "091234567"), "{table:?}");
    reg.erase_customer(c.id, None).await.expect("erase");
    assert_eq!(words_of(&location, "K-OLD").await, (vec![], vec![]), "an erased customer keeps no words");
    assert_eq!(audit::verify(reg.store()).await.expect("verify").broken, None);
}

/// A customer's search words in their table and as their row keeps them, each sorted.
async fn words_of(location: &kundvakt_core::Location, number: &str) -> (Vec<String>, Vec<String>) {
    let table = "SELECT s.token FROM customer_search s JOIN customers c ON c.id = s.customer_id \
                 WHERE c.number = $1";
    let row = "SELECT COALESCE(search_words, '') FROM customers WHERE number = $1";
    let (mut table, row): (Vec<String>, String) = match location {
        kundvakt_core::Location::Sqlite(path) => {
            let pool = sqlx::SqlitePool::connect_with(sqlx::sqlite::SqliteConnectOptions::new().filename(path))
                .await
                .expect("sqlite");
            let table = sqlx::query_scalar(table).bind(number).fetch_all(&pool).await.expect("words");
            (table, sqlx::query_scalar(row).bind(number).fetch_one(&pool).await.expect("row"))
        }
        kundvakt_core::Location::Postgres(url) => {
            let pool = sqlx::PgPool::connect(url).await.expect("pg");
            let table = sqlx::query_scalar(table).bind(number).fetch_all(&pool).await.expect("words");
            (table, sqlx::query_scalar(row).bind(number).fetch_one(&pool).await.expect("row"))
        }
    };
    let mut row: Vec<String> = row.split_whitespace().map(str::to_owned).collect();
    row.sort();
    table.sort();
    (table, row)
}

/// The demo shop holds what a shop owner tries the app with (the register-core issue, point 7).
async fn the_demo_shop_is_complete(kind: Kind) {
    let t = register(kind).await;
    let sum = kundvakt_core::demo::fill(&t.reg, 300, kundvakt_core::demo::DEMO_TODAY).await.expect("demo");
    assert_eq!((sum.customers, sum.requests), (300, 1));
    let everyone = {
        let mut all = vec![];
        let mut offset = 0;
        loop {
            let page = t.reg.list_customers(offset, 100).await.expect("page");
            if page.items.is_empty() {
                break all;
            }
            offset += page.items.len() as i64;
            all.extend(page.items);
        }
    };
    assert_eq!(everyone.len(), 300);
    let names: Vec<String> = everyone.iter().filter_map(|c| c.name.clone()).collect();
    assert!(names.iter().any(|n| n == "Åsa Öberg"));
    assert!(names.iter().any(|n| n.contains('æ')) && names.iter().any(|n| n.contains('ø')), "Norwegian names");
    assert!(names.iter().any(|n| n.contains('ä')) && names.iter().any(|n| n.contains('ö')), "Swedish names");
    assert!(everyone.iter().any(|c| c.language == kundvakt_core::values::Language::Nb));
    let (mut years, mut withdrawn, mut given, mut courses, mut open_requests, mut interactions, mut web) =
        (std::collections::BTreeSet::new(), 0, 0, 0, 0, 0, 0);
    let mut last_voucher = NaiveDate::MIN;
    let mut wordings = std::collections::BTreeSet::new();
    for c in &everyone {
        let page = t.reg.customer_page(c.id).await.expect("page");
        assert_eq!(page.problems, [], "the demo's details pass today's checks: {}", c.number);
        years.extend(page.orders.iter().map(|o| chrono::Datelike::year(&o.order_date)));
        let dates = page.orders.iter().map(|o| o.order_date).chain(page.invoices.iter().map(|i| i.issued_on));
        last_voucher = dates.fold(last_voucher, NaiveDate::max);
        withdrawn += page.consents.iter().filter(|c| c.withdrawn_at.is_some()).count();
        given += page.consents.iter().filter(|c| c.withdrawn_at.is_none()).count();
        for consent in &page.consents {
            // The wording shown on the day, not one written years after.
            let month = consent.text_version.strip_prefix("nyhetsbrev-").expect("the newsletter's wording");
            assert!(month <= &consent.given_at.format("%Y-%m").to_string()[..], "{} {}", month, consent.given_at);
            wordings.insert(consent.text_version.clone());
        }
        courses += page.event_registrations.len();
        open_requests +=
            page.requests.iter().filter(|r| r.state == kundvakt_core::requests::RequestState::Received).count();
        interactions += page.interactions.len();
        web += page.web_events.len();
    }
    assert!(
        years.len() >= 9 && years.first() <= Some(&2018) && years.last() >= Some(&2026),
        "nine years of orders: {years:?}"
    );
    // The register refuses a voucher dated in the future; a demo made in the
    // weeks after its today once failed on a reminder dated after it.
    assert!(last_voucher <= kundvakt_core::demo::DEMO_TODAY, "a voucher dated {last_voucher}");
    assert!(withdrawn > 0 && given > 0, "consents given and withdrawn");
    assert_eq!(wordings.len(), 3, "the newsletter reworded twice: {wordings:?}");
    assert!(courses > 0 && interactions > 0 && web > 0);
    assert_eq!(open_requests, 1);
    assert_eq!(audit::verify(t.reg.store()).await.expect("verify").broken, None);
}

/// Every date of a customer's records, moved by `days`.
fn demo_dates(page: &CustomerPage, days: i64) -> Vec<String> {
    let by = chrono::Duration::days(days);
    let day = |d: NaiveDate| (d + by).to_string();
    let at = |t: chrono::DateTime<Utc>| (t + by).to_rfc3339();
    let mut all = vec![at(page.customer.created_at)];
    all.extend(page.orders.iter().map(|o| format!("{} {}", o.number, day(o.order_date))));
    all.extend(page.invoices.iter().map(|i| format!("{} {} {:?}", i.number, day(i.issued_on), i.due_on.map(day))));
    all.extend(page.interactions.iter().map(|i| format!("{} {:?}", at(i.occurred_at), i.closed_on.map(day))));
    all.extend(page.web_events.iter().map(|e| at(e.occurred_at)));
    all.extend(page.consents.iter().map(|c| format!("{} {:?}", at(c.given_at), c.withdrawn_at.map(at))));
    all.extend(page.event_registrations.iter().map(|e| format!("{} {:?}", day(e.event_date), e.status)));
    all.extend(page.requests.iter().map(|r| day(r.received_on)));
    all
}

/// A demo made on another day is the demo as written, moved by the days
/// between: each record stands to its last day as the written one's to
/// DEMO_TODAY, so that a shop owner trying it later finds a shop of this
/// week, its request open within its month (not one that aged since the
/// demo was written).
#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_demo_made_on_another_day_is_the_same_shop_moved() {
    use kundvakt_core::demo::{fill, DEMO_TODAY};
    let (written, moved) = (register(Kind::Sqlite).await, register(Kind::Sqlite).await);
    // Earlier than the written one, across a leap day: the register refuses vouchers dated in the future.
    let last = NaiveDate::from_ymd_opt(2024, 3, 10).expect("date");
    assert_eq!(
        fill(&written.reg, 40, DEMO_TODAY).await.expect("demo"),
        fill(&moved.reg, 40, last).await.expect("demo")
    );
    let days = (last - DEMO_TODAY).num_days();
    let mut newest = NaiveDate::MIN;
    for n in 1..=40 {
        let number = format!("K{n:06}");
        let a =
            written.reg.customer_page(written.reg.find_customer(&number).await.expect("find").id).await.expect("page");
        let b = moved.reg.customer_page(moved.reg.find_customer(&number).await.expect("find").id).await.expect("page");
        assert_eq!(demo_dates(&a, days), demo_dates(&b, 0), "{number}");
        assert!(!demo_dates(&b, 0).is_empty());
        newest = b
            .orders
            .iter()
            .map(|o| o.order_date)
            .chain(b.invoices.iter().map(|i| i.issued_on))
            .fold(newest, NaiveDate::max);
        for request in &b.requests {
            assert_eq!(request.received_on, last - chrono::Duration::days(9), "{number}");
            assert!(request.due_on > last, "{number}'s request is within its month on the demo's last day");
        }
    }
    assert!(newest <= last && newest > last - chrono::Duration::days(60), "the newest voucher: {newest}");
}

/// `init --demo` makes the shop of yesterday, on the shop's clock.
#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn init_demo_makes_the_shop_of_yesterday() {
    let dir = tempfile::tempdir().expect("dir");
    let path = dir.path().join("r.db");
    let out = std::process::Command::new(env!("CARGO_BIN_EXE_kundvakt"))
        .arg("--db")
        .arg(&path)
        .args(["init", "--demo", "--demo-customers", "3"])
        .env_remove("KUNDVAKT_DB")
        .env_remove("KUNDVAKT_TEST_DEMO_DAY")
        .output()
        .expect("run kundvakt");
    assert!(out.status.success(), "{}", String::from_utf8_lossy(&out.stderr));
    let reg = kundvakt_core::Register::open(
        &kundvakt_core::Location::Sqlite(path),
        kundvakt_core::OpenMode::Existing,
        "test",
    )
    .await
    .expect("open");
    // The day the command said; yesterday, or the day before should midnight
    // (in Stockholm) have passed since it ran.
    let said = String::from_utf8_lossy(&out.stdout);
    let last: NaiveDate = said
        .split_once("its records up to ")
        .and_then(|(_, rest)| rest.get(..10))
        .and_then(|d| d.parse().ok())
        .unwrap_or_else(|| panic!("the day its records run up to: {said}"));
    let today = reg.today().await.expect("today");
    let days = (today - last).num_days();
    assert!(days == 1 || days == 2, "its records up to {last}, today {today}");
    let open = reg.list_requests(last + chrono::Duration::days(1), Default::default()).await.expect("requests");
    let [request] = &open[..] else { panic!("one open request: {open:?}") };
    assert_eq!(request.received, last - chrono::Duration::days(9));
    assert!(!request.overdue && request.days_left > 7, "due on {}", request.due_date);
    let asa = reg.customer_page(reg.find_customer("K000001").await.expect("Åsa").id).await.expect("page");
    let newest = asa.orders.iter().map(|o| o.order_date).max().expect("Åsa's orders");
    assert!(newest <= last, "Åsa's newest order {newest}");
    drop(reg);
}

async fn the_catalogue_is_editable(kind: Kind) {
    use kundvakt_core::processing::*;
    let t = register(kind).await;
    let fresh = t.reg.catalogue().await.expect("catalogue");
    assert_eq!(fresh.processors.len(), 5);
    assert!(fresh.assessments.len() >= 2, "the legitimate-interest assessments behind the policy");
    let carrier = NewProcessor {
        name: "Fraktbolaget AB".into(),
        role: ProcessorRole::Processor,
        country: "se".into(),
        purpose: "Leveranser".into(),
        categories: CategoryList(vec![Category::IdentityContact, Category::PurchaseHistory]),
        agreement_date: NaiveDate::from_ymd_opt(2024, 1, 10),
        outside_eea: false,
        safeguards: None,
    };
    let added = t.reg.add_processor(&carrier).await.expect("add");
    assert_eq!((added.fields.country.as_str(), added.fields.categories.0.len()), ("SE", 2));
    let abroad = NewProcessor { country: "US".into(), outside_eea: true, ..carrier.clone() };
    let e = t.reg.update_processor(added.id, &abroad).await.expect_err("a transfer needs safeguards");
    assert!(e.to_string().starts_with("safeguards: "), "{e}");
    let with_scc = NewProcessor { safeguards: Some("Standard contractual clauses 2021/914".into()), ..abroad };
    assert!(t.reg.update_processor(added.id, &with_scc).await.expect("update").fields.outside_eea);
    let klarna = fresh.processors.iter().find(|p| p.fields.name.contains("Klarna")).expect("Klarna");
    t.reg.remove_processor(klarna.id).await.expect("remove");
    let changed = t
        .reg
        .change_category(
            Category::WebActivity,
            &CategoryChanges {
                purpose: Some("Statistik".into()),
                legal_basis: Some(LegalBasis::Consent),
                source: None,
            },
        )
        .await
        .expect("category");
    assert_eq!(
        (changed.purpose.as_deref(), changed.legal_basis, changed.source),
        (Some("Statistik"), LegalBasis::Consent, Source::Observed)
    );
    let after = t.reg.catalogue().await.expect("catalogue");
    assert_eq!(after.processors.len(), 5);
    assert!(after.processors.iter().all(|p| !p.fields.name.contains("Klarna")));
    assert!(after.categories.contains(&changed));
    let reset = t
        .reg
        .change_category(Category::WebActivity, &CategoryChanges { purpose: Some(" ".into()), ..Default::default() })
        .await
        .expect("reset");
    assert_eq!(reset.purpose, None, "an empty purpose returns to the default text");
    assert_eq!(audit::verify(t.reg.store()).await.expect("verify").broken, None);
}

/// Legitimate-interest assessments (Art. 6(1)(f)): the defaults in the
/// register's language, then one documented, revised and withdrawn, each step
/// one audit entry; every answer is required and the day not ahead; the records
/// of processing print the whole balancing; a category resting on legitimate
/// interest that no assessment covers is named.
async fn assessments_are_documented_revised_and_withdrawn(kind: Kind) {
    use kundvakt_core::assessments::NewAssessment;
    use kundvakt_core::processing::{Category, CategoryChanges, CategoryList, LegalBasis};
    let t = register(kind).await;
    let entries = |v: audit::Verification| (v.entries, v.broken);
    let defaults = t.reg.catalogue().await.expect("catalogue").assessments;
    assert_eq!(defaults.len(), 2);
    assert!(defaults[0].fields.purpose.starts_with("Följa upp"), "Swedish: {:?}", defaults[0].fields.purpose);
    let today = t.reg.today().await.expect("today");
    let catalogue = t.reg.catalogue().await.expect("catalogue");
    let covered: Vec<_> = defaults.iter().map(|a| a.fields.categories.0.clone()).collect();
    assert_eq!(covered, [vec![Category::Communications], vec![Category::WebActivity]]);
    assert_eq!(catalogue.unassessed, [], "the defaults cover the categories resting on legitimate interest");
    // Processing outside the register is weighed too: an assessment may name no category.
    let cameras = NewAssessment {
        purpose: "Kamerabevakning i butiken".into(),
        categories: CategoryList(vec![]),
        interest: "Att förebygga stölder och skydda personalen".into(),
        necessity: "Larm och lås har inte räckt; kameran filmar bara kassan och entrén".into(),
        balancing: "Kunderna informeras vid entrén; inget ljud; inspelningar raderas efter 14 dagar".into(),
        outcome: "Berättigat intresse väger tyngre med dessa begränsningar".into(),
        assessed_on: today,
        author: " ".into(),
    };
    for (bad, field) in [
        (NewAssessment { interest: "".into(), ..cameras.clone() }, "interest"),
        (NewAssessment { assessed_on: today.succ_opt().expect("tomorrow"), ..cameras.clone() }, "assessed_on"),
        (NewAssessment { outcome: "x".repeat(4001), ..cameras.clone() }, "outcome"),
    ] {
        let e = t.reg.add_assessment(&bad).await.expect_err(field);
        assert!(e.to_string().starts_with(&format!("{field}: ")), "{e}");
    }
    let (before, _) = entries(audit::verify(t.reg.store()).await.expect("verify"));
    let added = t.reg.add_assessment(&cameras).await.expect("add");
    assert_eq!(added.fields.author, "test", "a blank author is who is working");
    let revised = NewAssessment {
        outcome: "Berättigat intresse väger tyngre; raderas efter 7 dagar".into(),
        ..added.fields.clone()
    };
    let saved = t.reg.update_assessment(added.id, &revised).await.expect("revise");
    assert_eq!((saved.id, saved.fields.outcome.as_str()), (added.id, revised.outcome.as_str()));
    // A category moved onto legitimate interest is named until an assessment covers it.
    let events = CategoryChanges { legal_basis: Some(LegalBasis::LegitimateInterest), ..Default::default() };
    t.reg.change_category(Category::Events, &events).await.expect("events on legitimate interest");
    assert_eq!(t.reg.catalogue().await.expect("catalogue").unassessed, [Category::Events]);
    let covering = NewAssessment {
        categories: CategoryList(vec![Category::Events, Category::WebActivity, Category::Events]),
        ..revised.clone()
    };
    let saved = t.reg.update_assessment(added.id, &covering).await.expect("revise");
    assert_eq!(saved.fields.categories.0, [Category::WebActivity, Category::Events], "sorted, once each");
    assert_eq!(t.reg.catalogue().await.expect("catalogue").unassessed, []);
    let contract = CategoryChanges { legal_basis: Some(LegalBasis::Contract), ..Default::default() };
    t.reg.change_category(Category::Events, &contract).await.expect("events back on the contract");
    let pdf = t.reg.processing_records(None, kundvakt_core::reports::Format::Pdf).await.expect("records");
    let words = common::pdftotext(&pdf.bytes).split_whitespace().collect::<Vec<_>>().join(" ");
    for text in
        [&cameras.interest, &cameras.necessity, &cameras.balancing, &revised.outcome, &defaults[1].fields.balancing]
    {
        assert!(words.contains(text.as_str()), "{text} in the records of processing");
    }
    let sv = kundvakt_core::i18n::Translator::new(kundvakt_core::values::Language::Sv);
    let concerns = format!("{} {}, {}", sv.t("assessment-categories"), sv.t("cat-web_activity"), sv.t("cat-events"));
    assert!(words.contains(&concerns), "{concerns} in the records of processing");
    let removed = t.reg.remove_assessment(added.id).await.expect("withdraw");
    assert_eq!(removed, saved);
    let e = t.reg.remove_assessment(added.id).await.expect_err("gone");
    assert!(e.to_string().starts_with("no assessment"), "{e}");
    assert_eq!(t.reg.catalogue().await.expect("catalogue").assessments, defaults);
    // Add, revise twice, two changes of a category, withdraw and the records' generation: one entry each, the chain whole.
    let (after, broken) = entries(audit::verify(t.reg.store()).await.expect("verify"));
    assert_eq!((after - before, broken), (7, None));
}

/// Details stored before today's checks (by an older version, or another
/// program writing to a shared register) are named on the customer's page,
/// each at its field, until they are saved again (Art. 5(1)(d)).
async fn details_that_today_s_checks_refuse_are_named(kind: Kind) {
    let t = register(kind).await;
    let c = t.reg.add_customer(&common::input("Kari Nordmann", "kari@example.no")).await.expect("add");
    let page = t.reg.customer_page(c.id).await.expect("page");
    assert_eq!(page.problems, [], "saved today, it holds");
    let sql = format!(
        "UPDATE customers SET email = 'kari at example', phone = '070-123 45 67', country = 'SE' WHERE id = {}",
        c.id
    );
    common::execute(&t.location, &sql).await;
    let page = t.reg.customer_page(c.id).await.expect("page");
    let named: Vec<(&str, &str, &str)> =
        page.problems.iter().map(|p| (p.field.as_str(), p.value.as_str(), p.message.key)).collect();
    // A phone kept as typed holds, but is neither searched nor written as the number it is.
    assert_eq!(
        named,
        [("email", "kari at example", "msg-not-an-email"), ("phone", "070-123 45 67", "msg-phone-not-normal")]
    );
    assert!(page.problems[1].message.to_string().contains("stored as +46701234567"), "{}", page.problems[1].message);
    // Saved again with both mended, nothing is left to say.
    let changes = CustomerChanges {
        fields: CustomerInput {
            email: Some("kari@example.no".into()),
            phone: Some("070-123 45 67".into()),
            ..Default::default()
        },
    };
    t.reg.edit_customer(c.id, &changes, Some(page.customer.version)).await.expect("saved again");
    let page = t.reg.customer_page(c.id).await.expect("page");
    assert_eq!((page.problems.len(), page.customer.phone.as_deref()), (0, Some("+46701234567")));
}

on_both_backends!(
    details_that_today_s_checks_refuse_are_named,
    a_note_is_corrected_and_a_stale_correction_refused,
    assessments_are_documented_revised_and_withdrawn,
    the_catalogue_is_editable,
    the_demo_shop_is_complete,
    customers_round_trip,
    search_is_prefix_case_and_accent_insensitive,
    every_search_plan_gives_the_brute_force_answer,
    listing_pages_through_every_customer_once,
    a_page_and_its_total_are_of_one_moment,
    the_list_version_moves_with_the_list_and_nothing_else,
    duplicates_are_refused_and_change_nothing,
    a_stale_edit_is_refused,
    every_category_attaches_to_a_customer,
    orders_are_checked,
    settings_are_validated_and_audited,
    concurrent_writers_keep_the_chain_whole,
    a_backup_is_a_whole_register,
    an_older_register_upgrades,
);

#[tokio::test]
async fn what_is_not_a_register_is_refused() {
    let dir = tempfile::tempdir().expect("dir");
    let open = |p: std::path::PathBuf, mode| async move {
        kundvakt_core::Register::open(&kundvakt_core::Location::Sqlite(p), mode, "test").await
    };
    let missing = open(dir.path().join("none.db"), kundvakt_core::OpenMode::Existing).await.expect_err("missing");
    assert_eq!(missing.code(), "no_register");
    assert!(!dir.path().join("none.db").exists(), "opening an existing register never creates one");

    let text = dir.path().join("notes.txt");
    std::fs::write(&text, "Inköpslista: mjölk, bröd, smör\n".repeat(100)).expect("write");
    let e = open(text.clone(), kundvakt_core::OpenMode::Existing).await.expect_err("a text file");
    assert_eq!(e.code(), "not_a_register", "{e}");
    assert_eq!(
        std::fs::read_to_string(&text).expect("read"),
        "Inköpslista: mjölk, bröd, smör\n".repeat(100),
        "left untouched"
    );

    let other = dir.path().join("other.db");
    let pool = sqlx::SqlitePool::connect_with(
        sqlx::sqlite::SqliteConnectOptions::new().filename(&other).create_if_missing(true),
    )
    .await
    .expect("sqlite");
    sqlx::query("CREATE TABLE recipes (name TEXT)").execute(&pool).await.expect("table");
    pool.close().await;
    for mode in [kundvakt_core::OpenMode::Existing, kundvakt_core::OpenMode::Create] {
        let e = open(other.clone(), mode).await.expect_err("someone else's database");
        assert_eq!(e.code(), "not_a_register", "{e}");
        assert!(e.to_string().contains("recipes"), "{e}");
    }
}

/// A register made before credit notes (schema version 10) keeps its
/// invoices, ids and all, when this version opens it, and takes credit notes
/// after: SQLite's table is made anew for its new constraint.
#[tokio::test]
async fn invoices_made_before_credit_notes_are_kept_by_the_upgrade() {
    use kundvakt_core::{Backend, Location, OpenMode, Store};
    let dir = tempfile::tempdir().expect("dir");
    let path = dir.path().join("old.db");
    let full = Store::migrator(Backend::Sqlite);
    let old = sqlx::migrate::Migrator {
        migrations: std::borrow::Cow::Owned(
            full.migrations.iter().filter(|m| m.version < 20261201000011).cloned().collect(),
        ),
        ..sqlx::migrate::Migrator::DEFAULT
    };
    let options = sqlx::sqlite::SqliteConnectOptions::new().filename(&path).create_if_missing(true);
    let pool = sqlx::SqlitePool::connect_with(options).await.expect("connect");
    old.run(&pool).await.expect("schema 10");
    for sql in [
        "INSERT INTO customers (id, number, name, language, created_at, last_activity_at, pseudonym) \
         VALUES (1, 'K1', 'Åsa Öberg', 'sv', '2025-03-01T10:00:00Z', '2025-03-01T10:00:00Z', 'P-OLD1')",
        "INSERT INTO orders (id, number, customer_id, order_date, currency, total_minor, created_at) \
         VALUES (1, 'W-1', 1, '2025-03-01', 'SEK', 50000, '2025-03-01T10:00:00Z')",
        "INSERT INTO invoices (id, number, order_id, kind, issued_on, due_on, amount_minor, currency) \
         VALUES (7, 'F-7', 1, 'invoice', '2025-03-02', '2025-04-01', 50000, 'SEK'), \
                (8, 'P-7', 1, 'reminder', '2025-04-10', NULL, 50000, 'SEK')",
    ] {
        sqlx::query(sql).execute(&pool).await.expect(sql);
    }
    pool.close().await;

    let reg = Register::open(&Location::Sqlite(path.clone()), OpenMode::Existing, "test").await.expect("upgrade");
    reg.init(InitOptions {
        country: kundvakt_core::values::ShopCountry::Se,
        language: kundvakt_core::values::Language::Sv,
    })
    .await
    .expect("init");
    let page = reg.customer_page(CustomerId(1)).await.expect("page");
    let kept: Vec<(i64, &str, InvoiceKind, i64, Option<&str>)> = page
        .invoices
        .iter()
        .map(|i| (i.id.0, i.number.as_str(), i.kind, i.amount.minor, i.credits.as_deref()))
        .collect();
    assert_eq!(
        kept,
        vec![(7, "F-7", InvoiceKind::Invoice, 50000, None), (8, "P-7", InvoiceKind::Reminder, 50000, None)]
    );
    let note = reg
        .record_invoice(&InvoiceDraft {
            order: "W-1".into(),
            number: "K-1".into(),
            kind: InvoiceKind::CreditNote,
            issued_on: NaiveDate::from_ymd_opt(2025, 4, 12).expect("date"),
            due_on: None,
            amount: "200".into(),
            credits: Some("F-7".into()),
        })
        .await
        .expect("a credit note of the old invoice");
    assert_eq!((note.amount.minor, note.credits.as_deref()), (-20000, Some("F-7")));
    let indexes = common::sqlite3(
        &path,
        "SELECT name FROM sqlite_master WHERE tbl_name = 'invoices' AND type = 'index' ORDER BY name",
    );
    assert_eq!(
        indexes.lines().filter(|n| !n.starts_with("sqlite_autoindex")).collect::<Vec<_>>(),
        ["invoices_credits", "invoices_issued", "invoices_order"]
    );
    assert_eq!(common::sqlite3(&path, "PRAGMA foreign_key_check"), "");
    reg.store().close().await;
}
