//! Others who may be the same person, on a customer's page, on both
//! backends: the same phone number, or the same name in the same place;
//! never a namesake elsewhere, never the customer themselves, never one
//! erased; and on the customer's request while it is open.

mod common;

use common::{register, Kind};
use kundvakt_core::register::likeness::Likeness;
use kundvakt_core::register::CustomerInput;
use kundvakt_core::requests::{RequestKind, Step};

fn person(name: &str, email: &str, phone: Option<&str>, postal_code: Option<&str>, city: &str) -> CustomerInput {
    CustomerInput {
        name: Some(name.to_owned()),
        email: Some(email.to_owned()),
        phone: phone.map(str::to_owned),
        postal_code: postal_code.map(str::to_owned),
        city: Some(city.to_owned()),
        ..Default::default()
    }
}

async fn others_who_may_be_the_same_person_are_named(kind: Kind) {
    let t = register(kind).await;
    let add = |c: CustomerInput| {
        let reg = t.reg.clone();
        async move { reg.add_customer(&c).await.expect("customer") }
    };
    let asa = add(person("Åsa Öberg", "asa@exempel.se", Some("070-123 45 67"), Some("702 10"), "Örebro")).await;
    // She bought again under her work address: the same name, the same postal code written without its space.
    let work = add(person("Asa Oberg", "asa.oberg@foretaget.se", None, Some("70210"), "Örebro")).await;
    // Her husband answers on the same phone.
    let phone = add(person("Lennart Öberg", "lennart@exempel.se", Some("+46 70 123 45 67"), None, "Örebro")).await;
    // The same name in the same town, another postal code: said by the town.
    let town = add(person("ÅSA ÖBERG", "a.oberg@exempel.se", None, Some("703 61"), "örebro")).await;
    // A namesake elsewhere is not named: a common name would name hundreds.
    add(person("Åsa Öberg", "asa.oberg@exempel-umea.se", None, Some("903 25"), "Umeå")).await;
    // Nor is anyone erased, whatever they had in common.
    let gone = add(person("Åsa Öberg", "gammal@exempel.se", Some("0701234567"), Some("702 10"), "Örebro")).await;
    t.reg.erase_customer(gone.id, None).await.expect("erase");

    let page = t.reg.customer_page(asa.id).await.expect("page");
    let named: Vec<_> = page.maybe_same.iter().map(|m| (m.number.as_str(), m.likeness.clone())).collect();
    assert_eq!(
        named,
        [
            (work.number.as_str(), vec![Likeness::NameAndPostalCode]),
            (phone.number.as_str(), vec![Likeness::Phone]),
            (town.number.as_str(), vec![Likeness::NameAndCity]),
        ]
    );
    let first = &page.maybe_same[0];
    assert_eq!(
        (first.id, first.name.as_deref(), first.email.as_deref(), first.city.as_deref()),
        (work.id, Some("Asa Oberg"), Some("asa.oberg@foretaget.se"), Some("Örebro"))
    );
    // Both ways: she is named on each of theirs.
    let back = t.reg.customer_page(phone.id).await.expect("page").maybe_same;
    assert_eq!(back.iter().map(|m| (m.id, m.likeness.clone())).collect::<Vec<_>>(), [(asa.id, vec![Likeness::Phone])]);
    // One with a phone and the name in the place is named once, for both.
    let both = add(person("Åsa Öberg", "asa.privat@exempel.se", Some("0701234567"), Some("702 10"), "Örebro")).await;
    let page = t.reg.customer_page(asa.id).await.expect("page");
    let found = page.maybe_same.iter().find(|m| m.id == both.id).expect("named");
    assert_eq!(found.likeness, [Likeness::Phone, Likeness::NameAndPostalCode]);
    // Her open request names them too, for its answer to cover each that is; once answered, no more.
    let r = t.reg.open_request(asa.id, RequestKind::Access, None, Some("e-post")).await.expect("request");
    let today = t.reg.today().await.expect("today");
    let detail = t.reg.request_detail(r.id, today).await.expect("detail");
    assert_eq!(detail.maybe_same, page.maybe_same);
    t.reg.request_step(r.id, Step::Refuse { reason: "Inte hon".into() }, None).await.expect("refuse");
    assert!(t.reg.request_detail(r.id, today).await.expect("detail").maybe_same.is_empty());
    // An erased customer's page names no one.
    assert!(t.reg.customer_page(gone.id).await.expect("page").maybe_same.is_empty());
    // Someone with nothing in common with anyone: nothing said.
    let alone = add(person("Per Persson", "per@exempel.se", Some("0709876543"), Some("111 22"), "Stockholm")).await;
    assert!(t.reg.customer_page(alone.id).await.expect("page").maybe_same.is_empty());
    // Twenty others on one number are named; more, and it is a switchboard's, which says nothing of who is who.
    let staff = |i: usize| {
        person(&format!("Anställd {i}"), &format!("anstalld{i}@foretaget.se"), Some("08-123 456 00"), None, "Solna")
    };
    let desk = add(person("Receptionen", "reception@foretaget.se", Some("08-123 456 00"), None, "Stockholm")).await;
    for i in 0..20 {
        add(staff(i)).await;
    }
    let page = t.reg.customer_page(desk.id).await.expect("page");
    assert_eq!((page.maybe_same.len(), page.maybe_same_more), (10, 10), "the first ten named, and how many more");
    assert_eq!(t.reg.customer_page(alone.id).await.expect("page").maybe_same_more, 0);
    add(staff(20)).await;
    let page = t.reg.customer_page(desk.id).await.expect("page");
    assert!(page.maybe_same.is_empty() && page.maybe_same_more == 0, "{page:?}");
}

/// A name shared by more than the two hundred namesakes read by id: one of
/// the same postal code, added after all of them, is named still.
async fn a_namesake_at_the_same_postal_code_is_named_however_common_the_name(kind: Kind) {
    let t = register(kind).await;
    let anna = |i: usize, code: &str, city: &str| {
        person("Anna Andersson", &format!("anna{i}@exempel.se"), None, Some(code), city)
    };
    let her = t.reg.add_customer(&anna(0, "702 10", "Örebro")).await.expect("customer");
    for i in 1..=200 {
        t.reg.add_customer(&anna(i, "111 22", "Stockholm")).await.expect("a namesake elsewhere");
    }
    let again = t.reg.add_customer(&anna(201, "70210", "Örebro")).await.expect("her again");
    let page = t.reg.customer_page(her.id).await.expect("page");
    let named: Vec<_> = page.maybe_same.iter().map(|m| (m.id, m.likeness.clone())).collect();
    assert_eq!(named, [(again.id, vec![Likeness::NameAndPostalCode])]);
    assert_eq!(page.maybe_same_more, 0);
}

on_both_backends!(
    others_who_may_be_the_same_person_are_named,
    a_namesake_at_the_same_postal_code_is_named_however_common_the_name
);
