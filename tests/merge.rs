//! Two customers who are one person, merged (register/merge.rs), on both
//! backends: every record of the one merged goes to the one kept, and no
//! table is left naming them; the kept customer's empty details are filled;
//! the merged customer's number finds the person, in a search and in a web
//! shop's file; their history is read with the kept one's; the refusals; and
//! a restore of a backup from before the merge makes it again before it
//! replays an erasure, so that the erasure reaches what the other had.

mod common;

use std::sync::atomic::AtomicBool;

use common::{all_customers, assert_valid, input, paid_order, pdftotext, phone_call, register, schema, Kind};
use kundvakt_core::audit::trail::TrailQuery;
use kundvakt_core::import::{ImportKind, ImportOptions};
use kundvakt_core::register::restriction::RestrictionGround;
use kundvakt_core::register::{CustomerChanges, CustomerInput, CustomerState};
use kundvakt_core::reports::Format;
use kundvakt_core::requests::{RequestKind, Step};
use kundvakt_core::retention::due::RecordKind;
use kundvakt_core::retention::erasure::ErasedBy;
use kundvakt_core::values::CustomerId;
use kundvakt_core::Register;

const KEPT: &str = "asa.oberg@exempel-samma.se";
const MERGED: &str = "asa.o@exempel-annan.se";

/// Åsa as she first bought: a name, an e-mail address and her phone.
fn first_account() -> CustomerInput {
    CustomerInput { phone: Some("+46 70 123 45 67".into()), ..input("Åsa Öberg", KEPT) }
}

/// Åsa as she bought again: another e-mail address, the same phone, and a postal address.
fn second_account() -> CustomerInput {
    CustomerInput {
        phone: Some("070-123 45 67".into()),
        street: Some("Storgatan 3".into()),
        postal_code: Some("411 38".into()),
        city: Some("Göteborg".into()),
        ..input("Åsa Öberg", MERGED)
    }
}

/// Åsa bought under two e-mail addresses; the shop merges the second
/// customer into the first. Everything of the second is the first's, no
/// table names the second any longer, and their number finds the first.
async fn a_merge_makes_two_customers_one(kind: Kind) {
    let t = register(kind).await;
    let keep = t.reg.add_customer(&first_account()).await.expect("customer");
    let other = t.reg.add_customer(&second_account()).await.expect("customer");
    let bystander = t.reg.add_customer(&input("Per Persson", "per@exempel-samma.se")).await.expect("customer");
    t.reg.add_order(&paid_order(keep.id, "1001", "2026-09-01", 19_900)).await.expect("order");
    common::records::one_of_everything(&t.reg, other.id, "1002").await;
    // Two breaches: one reached both accounts, one the second alone.
    let both = t.reg.record_breach(&common::records::leak()).await.expect("breach").breach.id;
    let theirs = t.reg.record_breach(&common::records::leak()).await.expect("breach").breach.id;
    t.reg.breach_concern(both, &[keep.id, other.id], &[]).await.expect("concern");
    t.reg.breach_concern(theirs, &[other.id], &[]).await.expect("concern");
    // A hold on the second, placed and lifted: its record goes with them.
    let hold = t.reg.add_hold(RecordKind::Customer, other.id.0, "Tvist om leverans").await.expect("hold");
    let page = t.reg.customer_page(keep.id).await.expect("page");
    assert_eq!(page.maybe_same.iter().map(|m| m.id).collect::<Vec<_>>(), [other.id], "named as maybe the same");

    // Refused: into themselves; while held; while restricted.
    let same = t.reg.merge_customers(keep.id, keep.id).await.expect_err("into themselves");
    assert_eq!(same.code(), "invalid", "{same}");
    let looked = t.reg.merge_preview(keep.id, other.id).await.expect_err("held, said before");
    assert_eq!(looked.code(), "refused", "{looked}");
    let held = t.reg.merge_customers(keep.id, other.id).await.expect_err("held");
    assert_eq!(held.code(), "refused", "{held}");
    assert!(held.to_string().contains(&other.number), "{held}");
    t.reg.lift_hold(hold.id).await.expect("lift");
    t.reg.restrict_customer(keep.id, RestrictionGround::AccuracyContested, None, None).await.expect("restrict");
    let restricted = t.reg.merge_customers(keep.id, other.id).await.expect_err("restricted");
    assert_eq!(restricted.code(), "refused", "{restricted}");
    t.reg.lift_restriction(keep.id, t.reg.today().await.expect("today")).await.expect("lift");

    let plan = t.reg.merge_preview(keep.id, other.id).await.expect("preview");
    let merged = t.reg.merge_customers(keep.id, other.id).await.expect("merge");
    assert_eq!((&plan.moved, &plan.not_kept), (&merged.moved, &merged.not_kept), "the preview said what was done");
    let m = &merged.moved;
    let counts = (m.orders, m.interactions, m.web_events, m.consents, m.event_registrations, m.requests);
    assert_eq!(counts, (1, 1, 1, 1, 1, 1));
    assert_eq!(merged.not_kept, ["email"], "her first address is kept");
    let c = &merged.customer;
    assert_eq!((c.id, c.email.as_deref(), c.phone.as_deref()), (keep.id, Some(KEPT), Some("+46701234567")));
    assert_eq!((c.street.as_deref(), c.city.as_deref()), (Some("Storgatan 3"), Some("Göteborg")));
    assert!(c.version > keep.version, "a window showing the old version saves no more over it");
    assert_eq!((merged.merge.merged_id, merged.merge.merged_number.as_str()), (other.id, other.number.as_str()));

    // No table names the second customer any longer.
    for table in common::customer_tables(&t.location).await {
        let sql = format!("SELECT COUNT(*) FROM {table} WHERE customer_id = {}", other.id.0);
        let left = common::scalar(&t.location, &sql).await;
        let expected = i64::from(table == "audit_entries");
        assert!(left == 0 || table == "audit_entries", "{table} keeps {left} rows of the merged customer");
        assert!(left >= expected, "{table}");
    }
    let holds = format!("SELECT COUNT(*) FROM legal_holds WHERE entity = 'customer' AND entity_id = {}", other.id.0);
    assert_eq!(common::scalar(&t.location, &holds).await, 0, "the lifted hold is the kept customer's");
    // The merged row is retired: emptied, under its pseudonym, never listed; its id is never given again.
    let retired = t.reg.customer(other.id).await.expect("the retired row");
    assert_eq!((retired.state, retired.name.as_deref()), (CustomerState::Erased, None));
    assert_eq!(retired.number, other.pseudonym, "its number is the kept customer's shop number now");

    // The kept customer has it all, and the history of both.
    let page = t.reg.customer_page(keep.id).await.expect("page");
    let mut orders: Vec<_> = page.orders.iter().map(|o| o.number.as_str()).collect();
    orders.sort();
    assert_eq!(orders, ["1001", "1002"]);
    let found = (page.interactions.len(), page.web_events.len(), page.consents.len(), page.event_registrations.len());
    assert_eq!((found, page.requests.len()), ((1, 1, 1, 1), 1));
    assert_eq!(
        page.shop_numbers,
        std::slice::from_ref(&other.number),
        "the second number is a web shop number of hers"
    );
    assert!(page.maybe_same.is_empty(), "{:?}", page.maybe_same);
    assert_eq!(page.merges.len(), 1);
    let added: Vec<_> = page
        .history
        .iter()
        .filter(|e| e.entry.action.as_str() == "customer.add")
        .map(|e| e.entry.customer_id)
        .collect();
    assert_eq!(added, [Some(keep.id), Some(other.id)], "the merged customer's history is read with hers");
    assert!(page.history.iter().any(|e| e.entry.action.as_str() == "customer.merge"));
    assert_eq!(t.reg.find_customer(&other.number).await.expect("by the old number").id, keep.id);
    let by_phone = t.reg.search_customers("0701234567", 10).await.expect("search");
    assert_eq!(by_phone.iter().map(|c| c.id).collect::<Vec<_>>(), [keep.id], "found by the phone she brought");
    for b in [both, theirs] {
        let concerned: Vec<_> = t.reg.breach_concerned(b).await.expect("concerned").into_iter().map(|c| c.id).collect();
        assert_eq!(concerned, [keep.id], "breach {b}: the person, once");
    }
    assert_eq!(t.reg.customer(bystander.id).await.expect("untouched").version, bystander.version);
    assert_eq!(all_customers(&t.reg).await.len(), 2);

    // Her copy of her data holds what both accounts had.
    let json = t.reg.access_report(keep.id, None, None, Format::Json).await.expect("json");
    let doc: serde_json::Value = serde_json::from_slice(&json.bytes).expect("JSON");
    assert_valid(&schema("access-report.v1.json"), &doc, "an access report after a merge");
    let text = doc.to_string();
    assert!(text.contains("\"1001\"") && text.contains("\"1002\"") && text.contains("Kurs i surdeg"), "{text}");
    // It says why: she was registered twice.
    let zone = t.reg.settings().await.expect("settings").time_zone();
    let day = merged.merge.merged_at.with_timezone(&zone).date_naive();
    // Her second account's details, which the shop keeps while the merge
    // may be undone, are data held about her too (Art. 15(1)).
    let until = merged.merge.undo_until.expect("may be undone").with_timezone(&zone).date_naive();
    let kept = serde_json::json!({
        "until": until.to_string(), "name": "Åsa Öberg", "email": MERGED, "phone": "+46701234567",
        "street": "Storgatan 3", "postal_code": "411 38", "city": "Göteborg", "country": "SE", "language": "sv",
    });
    let said =
        serde_json::json!([{ "customer_number": other.number, "merged_on": day.to_string(), "kept_to_undo": kept }]);
    assert_eq!(doc["merged"], said);
    let pdf = t.reg.access_report(keep.id, None, None, Format::Pdf).await.expect("pdf");
    let text = pdftotext(&pdf.bytes).split_whitespace().collect::<Vec<_>>().join(" ");
    let said = format!(
        "Du var registrerad hos oss två gånger: uppgifterna under kundnummer {} fördes samman med den här kunden den {}",
        other.number,
        day.format("%Y-%m-%d")
    );
    assert!(text.contains(&said), "{text}");
    let said = format!(
        "Fram till den {} sparar vi också uppgifterna som lämnades under kundnummer {}",
        until.format("%Y-%m-%d"),
        other.number
    );
    assert!(text.contains(&said) && text.contains(MERGED) && text.contains("Storgatan 3, 411 38 Göteborg"), "{text}");

    // The web shop's next file names the second account by its number: it is her.
    let dir = tempfile::tempdir().expect("dir");
    let file = dir.path().join("kunder.csv");
    std::fs::write(&file, format!("kundnummer,name,email\n{},Åsa Öberg,{MERGED}\n", other.number)).expect("write");
    let cancel = AtomicBool::new(false);
    let report = t
        .reg
        .import(&file, ImportKind::Customers, &ImportOptions::default(), &mut |_| {}, &cancel)
        .await
        .expect("import");
    assert_eq!((report.added, report.updated, report.unchanged), (0, 0, 1), "not added again: {report:?}");
    let said = format!(
        "customer {} was merged into customer {}: the row's details are not written over theirs (merge the two \
         accounts in the web shop too); its consents count",
        other.number, keep.number
    );
    assert_eq!(report.notices.iter().map(|n| n.message.to_string()).collect::<Vec<_>>(), [said]);
    assert_eq!(t.reg.customer(keep.id).await.expect("kept").email.as_deref(), Some(KEPT), "her address stays");
    assert_eq!(all_customers(&t.reg).await.len(), 2);

    assert!(kundvakt_core::audit::verify(t.reg.store()).await.expect("verify").broken.is_none());
}

/// A backup from before the merge, restored after the kept customer was
/// erased: the merge is made again first, so the erasure reaches what the
/// second account had and nothing of it comes back. A hold on the second
/// account and a restriction of the first, lifted before the merge, are
/// lifted first there too. A merge into
/// a customer added after the backup cannot be made there, and is named.
async fn a_restore_merges_again_before_it_erases(kind: Kind) {
    let t = register(kind).await;
    let dir = tempfile::tempdir().expect("dir");
    let keep = t.reg.add_customer(&first_account()).await.expect("customer");
    let other = t.reg.add_customer(&second_account()).await.expect("customer");
    common::records::one_of_everything(&t.reg, other.id, "2001").await;
    let older = t.reg.add_customer(&input("Per Persson", "per@exempel-samma.se")).await.expect("customer");
    let hold = t.reg.add_hold(RecordKind::Customer, other.id.0, "Tvist om leverans").await.expect("hold");
    let ground = RestrictionGround::AccuracyContested;
    t.reg.restrict_customer(keep.id, ground, None, None).await.expect("restrict");
    let backup = dir.path().join("before.db");
    t.reg.backup(&backup, None).await.expect("backup");
    t.reg.lift_hold(hold.id).await.expect("settled");
    t.reg.lift_restriction(keep.id, t.reg.today().await.expect("today")).await.expect("checked");
    t.reg.merge_customers(keep.id, other.id).await.expect("merge");
    t.reg.erase_customer(keep.id, None).await.expect("erase");
    let newer = t.reg.add_customer(&input("Per Persson", "per.p@exempel-annan.se")).await.expect("customer");
    t.reg.merge_customers(newer.id, older.id).await.expect("merge into a newer customer");

    let after = dir.path().join("after.db");
    t.reg.backup(&after, None).await.expect("a backup after the merges");

    let report = t.reg.restore_in_place(&backup, None).await.expect("restore");
    assert_eq!(report.merges_replayed, std::slice::from_ref(&other.number));
    assert_eq!(report.merges_lost, std::slice::from_ref(&older.number), "the customer kept is not in the backup");
    assert_eq!(report.erasures_replayed, std::slice::from_ref(&keep.number));
    assert_eq!((report.holds_carried, report.restrictions_carried), (1, 1), "the lifts");
    let holds = t.reg.holds(true).await.expect("holds");
    let lifted: Vec<_> = holds.iter().map(|v| (v.hold.entity_id, v.hold.lifted_at.is_some())).collect();
    assert_eq!(lifted, [(keep.id.0, true)], "lifted, and moved to her with the merge");
    // Nothing of Åsa is listed: the second account went with the first.
    let listed: Vec<_> = all_customers(&t.reg).await.into_iter().map(|c| c.number).collect();
    assert_eq!(listed, std::slice::from_ref(&older.number));
    let page = t.reg.customer_page(keep.id).await.expect("the tombstone");
    assert_eq!(page.orders.iter().map(|o| o.number.as_str()).collect::<Vec<_>>(), ["2001"], "kept for the books");
    assert!(page.interactions.is_empty() && page.web_events.is_empty() && page.event_registrations.is_empty());
    assert!(page.consents.iter().all(|c| c.withdrawn_at.is_some()), "kept only as proof: {:?}", page.consents);
    // A backup made after the merges holds them made: nothing to merge again, nothing lost.
    let report = t.reg.restore_in_place(&after, None).await.expect("restore");
    assert!(report.merges_replayed.is_empty() && report.merges_lost.is_empty(), "{report:?}");
    assert!(kundvakt_core::audit::verify(t.reg.store()).await.expect("verify").broken.is_none());
}

/// An objection of `customer` to the recording of their web activity, accepted.
async fn objecting(reg: &Register, customer: CustomerId) {
    let r = reg.open_request(customer, RequestKind::Objection, None, None).await.expect("request");
    reg.request_step(r.id, Step::Verify { how: None }, None).await.expect("verify");
    reg.stop_web_activity(customer, r.id).await.expect("stop");
}

/// Both accounts objected to the recording of their web activity: merged,
/// the person has one objection in force (the other's ends with the merge),
/// and withdrawing it records their visits again. The merged customer was
/// the newest: the next one added does not get their id.
async fn one_objection_stands_after_a_merge(kind: Kind) {
    let t = register(kind).await;
    let keep = t.reg.add_customer(&first_account()).await.expect("customer");
    let other = t.reg.add_customer(&second_account()).await.expect("customer");
    objecting(&t.reg, keep.id).await;
    objecting(&t.reg, other.id).await;
    t.reg.merge_customers(keep.id, other.id).await.expect("merge");
    let all = t.reg.web_objections(keep.id).await.expect("objections");
    assert_eq!((all.len(), all.iter().filter(|o| o.lifted_at.is_none()).count()), (2, 1), "{all:?}");
    assert!(t.reg.customer_page(keep.id).await.expect("page").web_objection.is_some());
    t.reg.resume_web_activity(keep.id).await.expect("she withdrew it");
    assert_eq!(t.reg.customer_page(keep.id).await.expect("page").web_objection, None);

    // The merged customer was the newest: someone added next gets neither
    // their id nor their number, and none of their history.
    let newcomer = t.reg.add_customer(&input("Nils Nyberg", "nils@exempel-samma.se")).await.expect("customer");
    assert!(newcomer.id.0 > other.id.0 && newcomer.number != other.number, "{newcomer:?}");
    let history = t.reg.customer_page(newcomer.id).await.expect("page").history;
    assert_eq!(history.iter().map(|e| e.entry.action.as_str()).collect::<Vec<_>>(), ["customer.add"]);
}

/// A merged customer named as they were known (their number, id or
/// pseudonym) is the customer kept, also after that one is merged on; a
/// request cannot be logged on the retired row; the kept customer's trail
/// holds the merged customer's entries, under the number they had.
async fn a_merged_customer_is_found_as_the_one_kept(kind: Kind) {
    let t = register(kind).await;
    let keep = t.reg.add_customer(&first_account()).await.expect("customer");
    let other = t.reg.add_customer(&second_account()).await.expect("customer");
    t.reg.add_interaction(&phone_call(other.id, "Frågade om leveransen", None)).await.expect("note");
    t.reg.merge_customers(keep.id, other.id).await.expect("merge");

    for reference in [other.id.to_string(), other.pseudonym.clone(), other.number.clone()] {
        let found = t.reg.locate_customer(&reference).await.expect("found");
        assert_eq!(found.customer.id, keep.id, "{reference}");
        assert_eq!(found.merged.map(|m| m.merged_id), Some(other.id), "{reference}: the merge is named");
        assert_eq!(t.reg.find_customer(&reference).await.expect("found").id, keep.id, "{reference}");
    }
    let herself = t.reg.locate_customer(&keep.number).await.expect("found");
    assert_eq!((herself.customer.id, herself.merged), (keep.id, None));
    // A window that had the merged customer open: its save is told of the change, and the page read again says whose.
    let stale = CustomerChanges { fields: CustomerInput { city: Some("Visby".into()), ..Default::default() } };
    let told = t.reg.edit_customer(other.id, &stale, Some(other.version)).await.expect_err("merged meanwhile");
    assert_eq!(told.code(), "conflict", "{told}");
    let into = t.reg.customer_page(other.id).await.expect("the retired row").merged_into.expect("merged");
    assert_eq!(
        (into.customer_id, into.number.as_str(), into.merged_number.as_str()),
        (keep.id, keep.number.as_str(), other.number.as_str())
    );
    assert!(t.reg.customer_page(keep.id).await.expect("page").merged_into.is_none());

    // The retired row has nothing to answer a request with: the kept customer is named.
    let refused = t.reg.open_request(other.id, RequestKind::Access, None, None).await.expect_err("retired");
    assert_eq!(refused.code(), "refused", "{refused}");
    let said = format!(
        "customer {} was merged into {}: their records, and their requests, are {}'s now",
        other.number, keep.number, keep.number
    );
    assert_eq!(refused.to_string(), said);
    assert!(t.reg.customer_page(keep.id).await.expect("page").requests.is_empty(), "nothing was logged");
    // So is anything else done with the retired row (a window that still shows it): a note, an erasure, a restriction.
    let note = t.reg.add_interaction(&phone_call(other.id, "Ringde igen", None)).await.expect_err("retired");
    let erased = t.reg.erase_customer(other.id, None).await.expect_err("retired");
    let restricted =
        t.reg.restrict_customer(other.id, RestrictionGround::AccuracyContested, None, None).await.expect_err("retired");
    for refused in [note, erased, restricted] {
        assert_eq!((refused.code(), refused.to_string()), ("refused", said.clone()));
    }

    // The trail filtered by the kept customer holds the merged one's entries, by their old number.
    let query = TrailQuery { customer: Some(keep.id), limit: 100, ..Default::default() };
    let page = kundvakt_core::audit::trail::read(t.reg.store(), &query).await.expect("trail");
    let theirs: Vec<_> = page
        .entries
        .iter()
        .filter(|e| e.stored.entry.customer_id == Some(other.id))
        .map(|e| (e.stored.entry.action.as_str(), e.customer_number.as_deref()))
        .collect();
    let number = Some(other.number.as_str());
    for action in ["customer.add", "interaction.add", "customer.merge"] {
        assert!(theirs.contains(&(action, number)), "{action} missing from {theirs:?}");
    }

    // Merged on: the kept customer merged into a third, everyone is the third now.
    let third = t.reg.add_customer(&input("Åsa Öberg", "asa@exempel-tredje.se")).await.expect("customer");
    t.reg.merge_customers(third.id, keep.id).await.expect("merge again");
    for reference in [other.id.to_string(), other.number.clone(), keep.id.to_string(), keep.number.clone()] {
        assert_eq!(t.reg.find_customer(&reference).await.expect("found").id, third.id, "{reference}");
    }
    let query = TrailQuery { customer: Some(third.id), limit: 100, ..Default::default() };
    let page = kundvakt_core::audit::trail::read(t.reg.store(), &query).await.expect("trail");
    let notes: Vec<_> = page.entries.iter().filter(|e| e.stored.entry.action.as_str() == "interaction.add").collect();
    assert_eq!(notes.len(), 1, "the first account's note is in the third's trail");
    let refused = t.reg.open_request(other.id, RequestKind::Access, None, None).await.expect_err("retired");
    assert!(refused.to_string().contains(&format!("merged into {}", third.number)), "{refused}");
}

/// Imports `content` as a file of `kind`, all of it or nothing.
async fn import_text(
    reg: &Register,
    kind: ImportKind,
    name: &str,
    content: &str,
) -> kundvakt_core::import::ImportReport {
    let dir = tempfile::tempdir().expect("dir");
    let file = dir.path().join(name);
    std::fs::write(&file, content).expect("write");
    let cancel = AtomicBool::new(false);
    reg.import(&file, kind, &ImportOptions::default(), &mut |_| {}, &cancel).await.expect("import")
}

/// The second account's address, which the merge did not keep, in a file
/// without the shop's numbers (a newsletter list; a guest order): the
/// person, not someone new; and once she is erased, not brought back.
async fn the_address_a_merge_did_not_keep_is_the_person(kind: Kind) {
    let t = register(kind).await;
    let keep = t.reg.add_customer(&first_account()).await.expect("customer");
    let other = t.reg.add_customer(&second_account()).await.expect("customer");
    let merged = t.reg.merge_customers(keep.id, other.id).await.expect("merge");
    assert_eq!(merged.not_kept, ["email"]);

    let list = format!("name,email,email_marketing\nÅsa Öberg,{MERGED},yes\nPer Persson,per@exempel-samma.se,yes\n");
    let report = import_text(&t.reg, ImportKind::Customers, "nyhetsbrev.csv", &list).await;
    assert_eq!((report.added, report.updated), (1, 1), "Per is new; Åsa's consent is hers: {report:?}");
    let said = format!(
        "the row's e-mail address was that of customer {}, who was merged into customer {}: the row's details are \
         not written over theirs; its consents count",
        other.number, keep.number
    );
    assert!(report.notices.iter().any(|n| n.message == said), "{:?}", report.notices);
    let page = t.reg.customer_page(keep.id).await.expect("page");
    assert_eq!(page.customer.email.as_deref(), Some(KEPT), "her kept address stays");
    assert_eq!((page.consents.len(), report.consents_given), (1, 2), "her consent is recorded: {:?}", page.consents);
    assert_eq!(all_customers(&t.reg).await.len(), 2, "she was not added again");

    // Searched for, the address finds her, and whose it was is said.
    let found = t.reg.search_customers(MERGED, 10).await.expect("search");
    assert_eq!(found.iter().map(|c| c.id).collect::<Vec<_>>(), [keep.id]);
    let found = t.reg.look_up(&format!(" {} ", MERGED.to_uppercase()), 10).await.expect("look up");
    assert_eq!(found.customers.iter().map(|c| c.id).collect::<Vec<_>>(), [keep.id]);
    let into = found.merged.expect("whose address it was");
    assert_eq!((into.customer_id, into.merged_number.as_str()), (keep.id, other.number.as_str()));
    assert_eq!(found.erased, None);
    let own = t.reg.look_up(KEPT, 10).await.expect("look up");
    assert_eq!((own.customers.len(), own.merged), (1, None), "her own address is no merged one");
    // Another whom the address's words find too is listed after her.
    let namesake = t.reg.add_customer(&input("Åsa Olsson", "asa.olsson@exempel-annan.se")).await.expect("customer");
    let found = t.reg.look_up(MERGED, 10).await.expect("look up");
    assert_eq!(found.customers.iter().map(|c| c.id).collect::<Vec<_>>(), [keep.id, namesake.id]);
    assert_eq!(found.merged.map(|m| m.customer_id), Some(keep.id));
    assert_eq!(t.reg.look_up(MERGED, 1).await.expect("look up").customers[0].id, keep.id, "her first");
    t.reg.erase_customer(namesake.id, None).await.expect("erase");

    // So is a row under a number the register has not seen (read in a batch of its own kind).
    let numbered = format!("customer_number,name,email\nW-9,Åsa Öberg,{MERGED}\nW-10,Eva Ek,eva@exempel-samma.se\n");
    let report = import_text(&t.reg, ImportKind::Customers, "konton.csv", &numbered).await;
    assert_eq!((report.added, report.unchanged), (1, 1), "Eva is new: {report:?}");
    assert!(report.notices.iter().any(|n| n.message == said), "{:?}", report.notices);
    assert_eq!(all_customers(&t.reg).await.len(), 3);

    // A guest order under that address is hers.
    let orders = format!(
        "order_number,order_date,customer_email,total,currency,vat,payment_provider\n\
         7001,2026-11-20,{MERGED},100.00,SEK,20.00,Swish\n"
    );
    let report = import_text(&t.reg, ImportKind::Orders, "ordrar.csv", &orders).await;
    assert_eq!((report.added, report.problem_count), (1, 0), "{:?}", report.problems);
    let page = t.reg.customer_page(keep.id).await.expect("page");
    assert_eq!(page.orders.iter().map(|o| o.number.as_str()).collect::<Vec<_>>(), ["7001"]);

    // Erased, she is not brought back by the address she had as the other account (Art. 17).
    t.reg.erase_customer(keep.id, None).await.expect("erase");
    let report = import_text(&t.reg, ImportKind::Customers, "nyhetsbrev.csv", &list).await;
    assert_eq!((report.added, report.skipped), (0, 1), "{report:?}");
    let report = import_text(&t.reg, ImportKind::Customers, "konton.csv", &numbered).await;
    assert_eq!((report.added, report.skipped), (0, 1), "{report:?}");
    // Searched for, the address says whose it was and when they were erased (Art. 15: asked again).
    assert!(t.reg.search_customers(MERGED, 10).await.expect("search").is_empty());
    let found = t.reg.look_up(MERGED, 10).await.expect("look up");
    assert_eq!((found.customers.len(), found.merged), (0, None), "the erasure names her, not the merge");
    let erased = found.erased.expect("named");
    assert_eq!((erased.id, erased.by), (keep.id, ErasedBy::Email));
    let report = import_text(&t.reg, ImportKind::Orders, "ordrar.csv", &orders.replace("7001", "7002")).await;
    assert_eq!((report.added, report.skipped, report.problem_count), (0, 1, 0), "{report:?}");
    assert_eq!(all_customers(&t.reg).await.len(), 2, "Per and Eva alone");
}

on_both_backends!(
    the_address_a_merge_did_not_keep_is_the_person,
    a_merged_customer_is_found_as_the_one_kept,
    a_merge_makes_two_customers_one,
    a_restore_merges_again_before_it_erases,
    one_objection_stands_after_a_merge
);
