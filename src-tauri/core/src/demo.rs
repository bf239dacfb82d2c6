//! The demo shop: "Lindqvists Hemslöjd", a small Swedish craft shop with a few
//! hundred customers (some Norwegian), nine years of orders (so that some are
//! past their retention), notes of calls and e-mails, web events, newsletter
//! consents given and withdrawn, course sign-ups and one open request.
//!
//! Deterministic: a fixed seed, and dates that stand to the demo's last day
//! as they stand to [`DEMO_TODAY`], so tests and screenshots can rely on
//! every value. Made for a person, the last day is yesterday ([`last_day`]):
//! the shop they look around in is of this week, its request still open
//! within its month, not one that aged since Kundvakt was built. Always
//! includes Åsa Öberg.

use chrono::{Duration, NaiveDate, NaiveTime, TimeZone, Utc};
use rand::seq::SliceRandom;
use rand::{Rng, SeedableRng};
use rand_chacha::ChaCha8Rng;

use crate::error::{Error, Result};
use crate::register::{self, *};
use crate::requests::{deadline, RequestKind};
use crate::values::{Currency, Language, Money, ShopCountry};

/// The last day of the demo shop's data as it was written: a demo whose data
/// ends on another day is the same shop moved by the days between.
pub const DEMO_TODAY: NaiveDate = match NaiveDate::from_ymd_opt(2026, 10, 31) {
    Some(d) => d,
    None => panic!("valid date"),
};

const SEED: u64 = 0x4b75_6e64_7661_6b74; // "Kundvakt"

const SE_FIRST: &[&str] = &[
    "Anna",
    "Åsa",
    "Märta",
    "Björn",
    "Örjan",
    "Karin",
    "Lars",
    "Sofia",
    "Göran",
    "Ingrid",
    "Mats",
    "Elin",
    "Håkan",
    "Maja",
    "Jöns",
    "Linnéa",
    "Per",
    "Ebba",
    "Sven",
    "Ylva",
    "Torbjörn",
    "Agneta",
    "Pär",
    "Hjördis",
    "Nils",
];
const SE_LAST: &[&str] = &[
    "Andersson",
    "Öberg",
    "Lindqvist",
    "Håkansson",
    "Ström",
    "Bäckström",
    "Nyström",
    "Sjögren",
    "Åberg",
    "Karlsson",
    "Ek",
    "Holmström",
    "Löfgren",
    "Bergström",
    "Öhman",
    "Dahl",
    "Forsén",
    "Lundgren",
    "Wästberg",
    "Ångström",
];
const NO_FIRST: &[&str] =
    &["Øyvind", "Kjærsti", "Bjørn", "Solveig", "Ståle", "Ragnhild", "Tor", "Åse", "Eirik", "Sigrid"];
const NO_LAST: &[&str] = &["Bjørnstad", "Sæther", "Løvås", "Hægeland", "Østby", "Dæhli", "Haugen", "Brøndbo", "Nygård"];
const SE_PLACES: &[(&str, &str)] = &[
    ("111 22", "Stockholm"),
    ("411 04", "Göteborg"),
    ("211 20", "Malmö"),
    ("753 10", "Uppsala"),
    ("791 71", "Falun"),
    ("903 25", "Umeå"),
    ("582 23", "Linköping"),
    ("702 10", "Örebro"),
    ("352 30", "Växjö"),
    ("831 30", "Östersund"),
];
const NO_PLACES: &[(&str, &str)] = &[("0150", "Oslo"), ("5003", "Bergen"), ("7011", "Trondheim"), ("9008", "Tromsø")];
const STREETS: &[&str] =
    &["Storgatan", "Kyrkvägen", "Åsgatan", "Björkvägen", "Skolgatan", "Sjövägen", "Ängsvägen", "Järnvägsgatan"];
/// (product, price in öre including VAT, VAT in basis points)
const PRODUCTS: &[(&str, i64, i64)] = &[
    ("Ljusstake i mässing", 49_500, 2500),
    ("Linneduk, 140 × 250 cm", 89_000, 2500),
    ("Smörkniv i björk", 19_500, 2500),
    ("Dalahäst, röd, 13 cm", 34_900, 2500),
    ("Ullfilt, grå", 129_000, 2500),
    ("Bok: Slöjd genom året", 29_900, 600),
    ("Lingonsylt från Järvsö", 8_900, 1200),
    ("Korg i spån", 65_000, 2500),
    ("Tovade tofflor", 54_900, 2500),
];
const COURSES: &[&str] = &["Kurs: Tälja sked", "Kurs: Tova tofflor", "Julmarknad med verkstad"];

fn pick<'a, T>(rng: &mut ChaCha8Rng, items: &'a [T]) -> &'a T {
    items.choose(rng).expect("demo lists are not empty")
}

fn day_between(rng: &mut ChaCha8Rng, from: NaiveDate, to: NaiveDate) -> NaiveDate {
    let span = (to - from).num_days().max(0);
    from + Duration::days(rng.gen_range(0..=span))
}

fn at(day: NaiveDate, rng: &mut ChaCha8Rng) -> chrono::DateTime<Utc> {
    let t = NaiveTime::from_hms_opt(rng.gen_range(7..21), rng.gen_range(0..60), rng.gen_range(0..60)).expect("time");
    Utc.from_utc_datetime(&day.and_time(t))
}

/// How much the demo holds, for messages and tests.
#[derive(Debug, Clone, Default, PartialEq, Eq, serde::Serialize, schemars::JsonSchema)]
pub struct DemoSummary {
    pub customers: usize,
    pub orders: usize,
    pub interactions: usize,
    pub web_events: usize,
    pub consents: usize,
    pub event_registrations: usize,
    pub requests: usize,
}

/// What the test hook that pins the demo's last day is called.
const PINNED_DAY: &str = "KUNDVAKT_TEST_DEMO_DAY";

/// The last day of a demo shop made now: the day before the shop's today,
/// so that every time it holds is past (a note of today at 20:00 would be
/// in the future until evening). `KUNDVAKT_TEST_DEMO_DAY` (YYYY-MM-DD) pins
/// it, for the tests that rely on the demo's every value.
pub async fn last_day(reg: &Register) -> Result<NaiveDate> {
    if let Some(day) = std::env::var_os(PINNED_DAY) {
        let day = day.to_string_lossy();
        return NaiveDate::parse_from_str(&day, "%Y-%m-%d")
            .map_err(|_| Error::Internal(format!("{PINNED_DAY}={day} is not a date (YYYY-MM-DD)")));
    }
    Ok(reg.today().await? - Duration::days(1))
}

/// Fills an initialised, empty register with the demo shop whose data ends
/// on `last_day`, in one transaction.
pub async fn fill(reg: &Register, customers: usize, last_day: NaiveDate) -> Result<DemoSummary> {
    fill_with_progress(reg, customers, last_day, |_, _| {}).await
}

/// As [`fill`], calling `progress(done, total)` as customers are added.
pub async fn fill_with_progress(
    reg: &Register,
    customers: usize,
    last_day: NaiveDate,
    progress: impl Fn(usize, usize) + Send + Sync,
) -> Result<DemoSummary> {
    // The demo's today, as its records see it.
    let today = last_day;
    // The days a date of the demo as written moves.
    let moved = |day: &str| day.parse::<NaiveDate>().expect("date") + (last_day - DEMO_TODAY);
    for (key, value) in [
        ("controller.name", "Lindqvists Hemslöjd AB"),
        ("controller.org_number", "556677-8899"),
        ("controller.address", "Storgatan 12, 791 71 Falun, Sverige"),
        ("controller.email", "kundservice@lindqvists-hemslojd.example"),
        ("controller.phone", "+46 23 123 45"),
    ] {
        reg.set_setting(key, value).await?;
    }
    let mut rng = ChaCha8Rng::seed_from_u64(SEED);
    let sek = Currency::parse("SEK")?;
    // Nine years of customers, so that some orders are past their retention.
    let first_day = moved("2017-11-01");
    // The newsletter's sign-up text, reworded twice since: a consent names
    // the wording the person was shown, the one in force on the day.
    let wordings: Vec<NaiveDate> = ["2017-11-01", "2021-03-01", "2024-09-01"].into_iter().map(moved).collect();
    let wording = |day: NaiveDate| {
        let since = wordings.iter().rev().find(|w| **w <= day).unwrap_or(&wordings[0]);
        format!("nyhetsbrev-{}", since.format("%Y-%m"))
    };
    let mut tx = reg.store().begin(reg.actor()).await?;
    let mut sum = DemoSummary::default();
    let mut order_no = 10_000;
    let mut open_request_for = None;
    for i in 0..customers {
        let norwegian = i % 7 == 3;
        let (first, last) = if i == 0 {
            ("Åsa", "Öberg")
        } else if norwegian {
            (*pick(&mut rng, NO_FIRST), *pick(&mut rng, NO_LAST))
        } else {
            (*pick(&mut rng, SE_FIRST), *pick(&mut rng, SE_LAST))
        };
        let (postal_code, city) = *pick(&mut rng, if norwegian { NO_PLACES } else { SE_PLACES });
        let domain = if norwegian { "example.no" } else { "example.se" };
        let local = format!("{}.{}{}", register::search::fold(first), register::search::fold(last), i + 1);
        let phone = if norwegian {
            format!("+47 9{:07}", rng.gen_range(0..10_000_000))
        } else {
            format!(
                "07{} {:03} {:02} {:02}",
                rng.gen_range(0..10),
                rng.gen_range(0..1000),
                rng.gen_range(0..100),
                rng.gen_range(0..100)
            )
        };
        let fields = CustomerFields::validate(
            &CustomerInput {
                number: Some(format!("K{:06}", i + 1)),
                name: Some(format!("{first} {last}")),
                email: Some(format!("{local}@{domain}")),
                phone: Some(phone),
                street: Some(format!("{} {}", pick(&mut rng, STREETS), rng.gen_range(1..80))),
                postal_code: Some(postal_code.to_owned()),
                city: Some(city.to_owned()),
                country: Some(if norwegian { "NO" } else { "SE" }.to_owned()),
                language: Some(if norwegian { Language::Nb } else { Language::Sv }.as_str().to_owned()),
            },
            ShopCountry::Se,
            Language::Sv,
        )?;
        let since = day_between(&mut rng, first_day, today - Duration::days(30));
        let created = at(if i == 0 { moved("2017-03-01") } else { since }, &mut rng);
        let customer =
            register::add_customer_in(&mut tx, &fields, register::pseudonym_from(&mut rng), created, None).await?;
        sum.customers += 1;

        let n_orders = if i == 0 { 6 } else { rng.gen_range(0..6) };
        let mut dates: Vec<NaiveDate> = (0..n_orders).map(|_| day_between(&mut rng, since, today)).collect();
        if i == 0 {
            // Åsa has both orders past their retention and recent ones.
            dates = ["2017-03-14", "2018-12-02", "2021-06-18", "2024-03-15", "2025-11-28", "2026-09-03"]
                .iter()
                .map(|d| moved(d))
                .collect();
        }
        dates.sort();
        for date in dates {
            order_no += 1;
            let lines: Vec<NewOrderLine> = (0..rng.gen_range(1..4))
                .map(|_| {
                    let (name, price, vat) = *pick(&mut rng, PRODUCTS);
                    NewOrderLine {
                        description: name.to_owned(),
                        quantity: rng.gen_range(1..3),
                        unit_price_minor: price,
                        vat_rate_bp: vat,
                    }
                })
                .collect();
            let total: i64 = lines.iter().map(|l| l.quantity * l.unit_price_minor).sum();
            let provider = if rng.gen_bool(0.6) { "Klarna" } else { "Payex" };
            // A few orders of the last two years went wrong, picked by number so
            // that the random choices of the rest stay as they were: an invoiced
            // one refunded with a credit note, a card payment cancelled.
            let recent = date > today - Duration::days(700) && date < today - Duration::days(20);
            let refunded = recent && provider == "Klarna" && order_no % 17 == 5;
            let cancelled = recent && provider == "Payex" && order_no % 19 == 7;
            let order = register::add_order_in(
                &mut tx,
                &NewOrder {
                    customer_id: customer.id,
                    number: format!("O-{order_no}"),
                    order_date: date,
                    total: Money::new(total, sek),
                    vat: None,
                    payment_provider: Some(provider.to_owned()),
                    payment_reference: Some(format!(
                        "{}-{:08}",
                        &provider[..2].to_uppercase(),
                        rng.gen_range(0..100_000_000)
                    )),
                    status: if refunded {
                        OrderStatus::Refunded
                    } else if cancelled {
                        OrderStatus::Cancelled
                    } else if date > today - Duration::days(5) {
                        OrderStatus::Paid
                    } else {
                        OrderStatus::Shipped
                    },
                    lines,
                },
                register::Entered::FromFile,
            )
            .await?;
            sum.orders += 1;
            if provider == "Klarna" {
                // The order's invoice (F-), a credit note (K-) of a refund, a reminder (P-).
                let voucher = |series: &str, kind, days: i64, due: Option<i64>| NewInvoice {
                    order_id: order.id,
                    number: format!("{series}-{order_no}"),
                    kind,
                    issued_on: date + Duration::days(days),
                    due_on: due.map(|d| date + Duration::days(d)),
                    amount: order.total,
                    credits: (kind == InvoiceKind::CreditNote).then(|| format!("F-{order_no}")),
                };
                register::add_invoice_in(&mut tx, &voucher("F", InvoiceKind::Invoice, 0, Some(30))).await?;
                if refunded {
                    register::add_invoice_in(&mut tx, &voucher("K", InvoiceKind::CreditNote, 14, None)).await?;
                }
                // (The draw comes first, so that the sequence stays as it was.)
                // A reminder is never issued after the demo's last day: the
                // register refuses a voucher dated in the future.
                if rng.gen_bool(0.1) && !refunded && date + Duration::days(40) <= today {
                    register::add_invoice_in(&mut tx, &voucher("P", InvoiceKind::Reminder, 40, Some(50))).await?;
                }
            }
        }

        if i == 0 || rng.gen_bool(0.3) {
            for _ in 0..rng.gen_range(1..3) {
                let day = day_between(&mut rng, since, today);
                let (channel, summary) = *pick(
                    &mut rng,
                    &[
                        (Channel::Phone, "Frågade om leveranstiden för sin beställning."),
                        (Channel::Email, "Reklamation: ljusstaken kom med en buckla. Ny skickad."),
                        (Channel::Meeting, "Besökte butiken och frågade om kurser i vår."),
                        (Channel::WebForm, "Kontakta mig-formuläret: vill ha offert på tio dukar."),
                    ],
                );
                register::add_interaction_in(
                    &mut tx,
                    &NewInteraction {
                        customer_id: customer.id,
                        occurred_at: at(day, &mut rng),
                        channel,
                        direction: Direction::Inbound,
                        summary: summary.to_owned(),
                        staff: Some((*pick(&mut rng, &["Eva", "Johan", "Lisa"])).to_owned()),
                        closed_on: if day < today - Duration::days(14) { Some(day + Duration::days(3)) } else { None },
                        // A complaint settled with a new candlestick documents a purchase.
                        bookkeeping: summary.starts_with("Reklamation"),
                    },
                )
                .await?;
                sum.interactions += 1;
            }
        }

        if i == 0 || rng.gen_bool(0.5) {
            for _ in 0..rng.gen_range(1..5) {
                let day = day_between(&mut rng, today - Duration::days(450), today);
                let ip = std::net::IpAddr::from([
                    rng.gen_range(81..95),
                    rng.gen_range(0..255),
                    rng.gen_range(0..255),
                    rng.gen_range(1..255),
                ]);
                register::add_web_event_in(
                    &mut tx,
                    &NewWebEvent {
                        customer_id: customer.id,
                        occurred_at: at(day, &mut rng),
                        ip,
                        action: (*pick(
                            &mut rng,
                            &["login", "view_order", "update_address", "checkout", "download_data"],
                        ))
                        .to_owned(),
                        user_agent: Some("Mozilla/5.0 (Windows NT 10.0; Win64; x64) Firefox/128.0".to_owned()),
                    },
                )
                .await?;
                sum.web_events += 1;
            }
        }

        if i == 0 || rng.gen_bool(0.4) {
            let given = at(day_between(&mut rng, since, today), &mut rng);
            let consent = register::add_consent_in(
                &mut tx,
                &NewConsent {
                    customer_id: customer.id,
                    purpose: "newsletter".to_owned(),
                    text_version: wording(given.date_naive()),
                    given_at: given,
                    channel: "web_form".to_owned(),
                },
            )
            .await?;
            sum.consents += 1;
            if i != 0 && rng.gen_bool(0.25) {
                let withdrawn = given + Duration::days(rng.gen_range(30..400));
                if withdrawn.date_naive() < today {
                    register::withdraw_consent_in(&mut tx, consent.id, withdrawn, None).await?;
                }
            }
        }

        if i == 0 || rng.gen_bool(0.08) {
            let date = day_between(&mut rng, today - Duration::days(500), today + Duration::days(60));
            register::add_event_registration_in(
                &mut tx,
                &NewEventRegistration {
                    customer_id: customer.id,
                    event_name: (*pick(&mut rng, COURSES)).to_owned(),
                    event_date: date,
                    status: if date < today { RegistrationStatus::Attended } else { RegistrationStatus::Registered },
                },
            )
            .await?;
            sum.event_registrations += 1;
        }
        if i == 1 {
            open_request_for = Some(customer.id);
        }
        if (i + 1) % 10 == 0 || i + 1 == customers {
            progress(i + 1, customers);
        }
    }
    if let Some(customer) = open_request_for {
        let received = today - Duration::days(9);
        crate::requests::open_in(
            &mut tx,
            &crate::requests::Asker::Customer(customer),
            RequestKind::Access,
            received,
            deadline::due(ShopCountry::Se, received),
            Some("email"),
        )
        .await?;
        sum.requests += 1;
    }
    tx.commit().await?;
    Ok(sum)
}
