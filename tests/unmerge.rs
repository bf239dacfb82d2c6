//! A merge undone (register/unmerge.rs), on both backends: two people merged
//! by mistake get back, each, the records they had and their details, table
//! by table; what was added since stays with the customer kept; the undo is
//! refused where the data may only be stored or a later merge came; it is
//! found by the merged customer's number after the shop took it away; and its
//! note is forgotten when its days are over and when the customer kept is
//! erased.

mod common;

use common::{input, paid_order, phone_call, register, Kind};
use kundvakt_core::register::restriction::RestrictionGround;
use kundvakt_core::register::{Customer, CustomerInput, CustomerState};
use kundvakt_core::reports::Format;
use kundvakt_core::retention::due::RecordKind;
use kundvakt_core::retention::sweep::Batching;
use kundvakt_core::values::CustomerId;
use kundvakt_core::Location;

/// Anna Berg of Göteborg, with an e-mail address and a phone, no postal address.
fn anna_in_goteborg() -> CustomerInput {
    CustomerInput { phone: Some("+46 70 111 22 33".into()), ..input("Anna Berg", "anna.berg@exempel.se") }
}

/// Another Anna Berg: another address, another phone, a postal address.
fn anna_in_boras() -> CustomerInput {
    CustomerInput {
        phone: Some("+46 73 444 55 66".into()),
        street: Some("Allégatan 9".into()),
        postal_code: Some("503 32".into()),
        city: Some("Borås".into()),
        ..input("Anna Berg", "anna.b@foretaget.se")
    }
}

/// Of every table with a `customer_id`, and of the breaches and holds, how
/// many rows customer `id` has: what a merge moves and an undo gives back.
async fn rows_of(location: &Location, id: CustomerId) -> Vec<(String, i64)> {
    let mut counts = vec![];
    for table in common::customer_tables(location).await {
        // The audit trail is never rewritten: a merge and its undo add to it.
        if table == "audit_entries" {
            continue;
        }
        let sql = format!("SELECT COUNT(*) FROM {table} WHERE customer_id = {}", id.0);
        counts.push((table, common::scalar(location, &sql).await));
    }
    let holds = format!("SELECT COUNT(*) FROM legal_holds WHERE entity = 'customer' AND entity_id = {}", id.0);
    counts.push(("legal_holds".into(), common::scalar(location, &holds).await));
    counts
}

fn details(c: &Customer) -> [Option<String>; 7] {
    [&c.name, &c.email, &c.phone, &c.street, &c.postal_code, &c.city, &c.country].map(Clone::clone)
}

/// Two Anna Bergs merged by mistake, and the merge undone: each has what
/// she had, table by table; the note added since to the one kept stays hers.
async fn an_undone_merge_gives_each_their_own_back(kind: Kind) {
    let t = register(kind).await;
    let keep = t.reg.add_customer(&anna_in_goteborg()).await.expect("customer");
    let other = t.reg.add_customer(&anna_in_boras()).await.expect("customer");
    t.reg.add_order(&paid_order(keep.id, "1001", "2026-09-01", 19_900)).await.expect("order");
    common::records::one_of_everything(&t.reg, other.id, "1002").await;
    t.reg.add_shop_number(other.id, "W-77").await.expect("shop number");
    let hold = t.reg.add_hold(RecordKind::Customer, other.id.0, "Tvist om leverans").await.expect("hold");
    t.reg.lift_hold(hold.id).await.expect("lift");
    let both = t.reg.record_breach(&common::records::leak()).await.expect("breach").breach.id;
    let hers = t.reg.record_breach(&common::records::leak()).await.expect("breach").breach.id;
    t.reg.breach_concern(both, &[keep.id, other.id], &[]).await.expect("concern");
    t.reg.breach_concern(hers, &[other.id], &[]).await.expect("concern");
    let (keep, other) = (t.reg.customer(keep.id).await.expect("read"), t.reg.customer(other.id).await.expect("read"));
    let before = (rows_of(&t.location, keep.id).await, rows_of(&t.location, other.id).await);
    assert!(before.1.iter().filter(|(_, n)| *n > 0).count() >= 9, "she has records to move: {:?}", before.1);

    let merged = t.reg.merge_customers(keep.id, other.id).await.expect("merge");
    assert_eq!(merged.customer.street.as_deref(), Some("Allégatan 9"), "the address was filled in from hers");
    let until = merged.merge.undo_until.expect("may be undone");
    assert_eq!(until, merged.merge.merged_at + chrono::Days::new(30));
    assert_eq!(t.reg.customer_page(keep.id).await.expect("page").merges[0].undo_until, Some(until));
    // Since the merge, a call from the Anna kept: hers, whatever is undone.
    t.reg.add_interaction(&phone_call(keep.id, "Ringde om sin beställning", None)).await.expect("note");

    // Asked first, the undo says what it will give back, and changes nothing.
    let head = common::newest_entry(&t.reg).await;
    let plan = t.reg.unmerge_preview(other.id).await.expect("preview");
    assert_eq!(common::newest_entry(&t.reg).await, head, "nothing written");
    assert!(t.reg.customer_page(keep.id).await.expect("page").merges[0].undo_until.is_some(), "still merged");
    let undone = t.reg.unmerge_customer(other.id).await.expect("undo");
    assert_eq!(plan, undone, "the preview said what was done");
    assert_eq!(details(&undone.restored), details(&other), "her details are hers again");
    // Her phone as the shop (in Sweden) writes a Swedish one, for the question the window asks.
    assert_eq!(
        (undone.restored.phone.as_deref(), undone.restored_phone_shown.as_deref()),
        (Some("+46734445566"), Some("073-444 55 66"))
    );
    assert_eq!(
        (undone.restored.number.as_str(), undone.restored.state),
        (other.number.as_str(), CustomerState::Active)
    );
    assert_eq!(details(&undone.kept), details(&keep), "the address the merge filled in is gone from the one kept");
    assert_eq!(undone.reverted, ["address"]);
    let m = &undone.moved;
    assert_eq!(
        (m.orders, m.interactions, m.web_events, m.consents, m.event_registrations, m.requests),
        (1, 1, 1, 1, 1, 1)
    );
    let after = (rows_of(&t.location, keep.id).await, rows_of(&t.location, other.id).await);
    assert_eq!(after.1, before.1, "every record of hers is back");
    let expected: Vec<(String, i64)> =
        before.0.iter().map(|(table, n)| (table.clone(), if table == "interactions" { n + 1 } else { *n })).collect();
    assert_eq!(after.0, expected, "the one kept has hers, and the call since");
    for (b, concerned) in [(both, vec![keep.id, other.id]), (hers, vec![other.id])] {
        let mut found: Vec<_> = t.reg.breach_concerned(b).await.expect("concerned").into_iter().map(|c| c.id).collect();
        found.sort();
        assert_eq!(found, concerned, "breach {b}");
    }

    // They are two again: each found by her own, nothing read as the other's.
    let page = t.reg.customer_page(other.id).await.expect("page");
    assert_eq!((page.shop_numbers.as_slice(), page.merged_into.is_none()), (["W-77".to_owned()].as_slice(), true));
    assert_eq!(page.orders.iter().map(|o| o.number.as_str()).collect::<Vec<_>>(), ["1002"]);
    let page = t.reg.customer_page(keep.id).await.expect("page");
    assert!(page.merges.is_empty() && page.shop_numbers.is_empty(), "{:?} {:?}", page.merges, page.shop_numbers);
    assert_eq!(page.orders.iter().map(|o| o.number.as_str()).collect::<Vec<_>>(), ["1001"]);
    assert!(page.history.iter().any(|e| e.entry.action.as_str() == "customer.unmerge"));
    assert!(page.history.iter().all(|e| e.entry.customer_id == Some(keep.id)), "her history alone");
    assert_eq!(t.reg.find_customer(&other.number).await.expect("by her number").id, other.id);
    let found = t.reg.look_up("anna.b@foretaget.se", 10).await.expect("search");
    assert_eq!((found.customers.iter().map(|c| c.id).collect::<Vec<_>>(), found.merged), (vec![other.id], None));
    let found = t.reg.look_up("073 444 55 66", 10).await.expect("search by phone");
    assert_eq!(found.customers.iter().map(|c| c.id).collect::<Vec<_>>(), [other.id]);
    let undos = common::scalar(&t.location, "SELECT COUNT(*) FROM merge_undos").await;
    assert_eq!(undos, 0, "the note is forgotten once used");

    // Undone once; and the two may be merged again, should they be one after all.
    let again = t.reg.unmerge_customer(other.id).await.expect_err("not merged");
    assert_eq!(again.code(), "invalid", "{again}");
    assert!(again.to_string().contains(&other.number), "{again}");
    t.reg.merge_customers(keep.id, other.id).await.expect("merged again");
    assert!(kundvakt_core::audit::verify(t.reg.store()).await.expect("verify").broken.is_none());
}

/// Refused while the one kept is restricted or merged on; forgotten when its
/// days are over (then refused, saying so) and when the one kept is erased.
async fn an_undo_is_refused_where_it_may_not_be_made(kind: Kind) {
    let t = register(kind).await;
    let keep = t.reg.add_customer(&anna_in_goteborg()).await.expect("customer");
    let other = t.reg.add_customer(&anna_in_boras()).await.expect("customer");
    let third = t.reg.add_customer(&input("Anna Berg", "anna@berg.se")).await.expect("customer");
    t.reg.merge_customers(keep.id, other.id).await.expect("merge");

    t.reg.restrict_customer(keep.id, RestrictionGround::AccuracyContested, None, None).await.expect("restrict");
    let restricted = t.reg.unmerge_customer(other.id).await.expect_err("restricted");
    assert_eq!(restricted.code(), "refused", "{restricted}");
    t.reg.lift_restriction(keep.id, t.reg.today().await.expect("today")).await.expect("lift");

    // Merged on into a third: that merge is undone first.
    t.reg.merge_customers(third.id, keep.id).await.expect("merge on");
    let later = t.reg.unmerge_customer(other.id).await.expect_err("merged on");
    assert_eq!(later.code(), "refused", "{later}");
    let said = format!("was merged into {}, which was merged into {} since", keep.number, third.number);
    assert!(later.to_string().contains(&said), "{later}");
    t.reg.unmerge_customer(keep.id).await.expect("the later one first");
    t.reg.unmerge_customer(other.id).await.expect("then this one");
    assert_eq!(common::all_customers(&t.reg).await.len(), 3);

    // Thirty days on, the note is forgotten and the undo refused.
    t.reg.merge_customers(keep.id, other.id).await.expect("merge");
    common::execute(&t.location, "UPDATE merge_undos SET until = '2026-01-01T00:00:00+00:00'").await;
    assert_eq!(t.reg.customer_page(keep.id).await.expect("page").merges[0].undo_until, None);
    // Her access report no longer names the details kept for the undo: they are not kept.
    let json = t.reg.access_report(keep.id, None, None, Format::Json).await.expect("json").bytes;
    let doc: serde_json::Value = serde_json::from_slice(&json).expect("JSON");
    assert_eq!(doc["merged"][0]["customer_number"], other.number.as_str());
    assert!(doc["merged"][0].get("kept_to_undo").is_none(), "{}", doc["merged"]);
    let late = t.reg.unmerge_customer(other.id).await.expect_err("too late");
    assert_eq!(late.code(), "refused", "{late}");
    assert!(late.to_string().contains("30 days"), "{late}");
    assert_eq!(common::scalar(&t.location, "SELECT COUNT(*) FROM merge_undos").await, 0, "forgotten");
    // So does the retention sweep, whether or not an undo is asked for.
    let (fifth, sixth) = (input("Eva Ek", "eva@ek.se"), input("Eva Ek", "eva.ek@annat.se"));
    let (fifth, sixth) =
        (t.reg.add_customer(&fifth).await.expect("customer"), t.reg.add_customer(&sixth).await.expect("customer"));
    t.reg.merge_customers(fifth.id, sixth.id).await.expect("merge");
    common::execute(&t.location, "UPDATE merge_undos SET until = '2026-01-01T00:00:00+00:00'").await;
    t.reg.sweep(t.reg.today().await.expect("today"), Batching::Fixed(100), &mut |_| {}).await.expect("sweep");
    assert_eq!(common::scalar(&t.location, "SELECT COUNT(*) FROM merge_undos").await, 0, "swept");

    // Erased, the one kept takes the merged one's noted details with her (Art. 17).
    let fourth = t.reg.add_customer(&input("Anna Berg", "anna.berg@annat.se")).await.expect("customer");
    t.reg.merge_customers(third.id, fourth.id).await.expect("merge");
    assert_eq!(common::scalar(&t.location, "SELECT COUNT(*) FROM merge_undos").await, 1);
    t.reg.erase_customer(third.id, None).await.expect("erase");
    assert_eq!(common::scalar(&t.location, "SELECT COUNT(*) FROM merge_undos").await, 0, "erased with her");
    let gone = t.reg.unmerge_customer(fourth.id).await.expect_err("erased");
    assert_eq!(gone.code(), "refused", "{gone}");
}

/// The merged customer's number, taken away from the one kept's web shop
/// numbers, still names the merge (and so its undo); a customer who has the
/// number now is the one it names.
async fn a_merge_is_found_by_a_number_the_shop_took_away(kind: Kind) {
    let t = register(kind).await;
    let keep = t.reg.add_customer(&anna_in_goteborg()).await.expect("customer");
    let other = t.reg.add_customer(&anna_in_boras()).await.expect("customer");
    t.reg.merge_customers(keep.id, other.id).await.expect("merge");
    let left = t.reg.remove_shop_number(keep.id, &other.number).await.expect("taken away");
    assert!(left.is_empty(), "{left:?}");

    let found = t.reg.locate_customer(&other.number).await.expect("by her old number");
    let merge = found.merged.expect("named through the merge");
    assert_eq!((found.customer.id, merge.merged_id), (keep.id, other.id));
    let unknown = t.reg.locate_customer("K999999").await.expect_err("no one");
    assert_eq!(unknown.code(), "not_found", "{unknown}");

    // Given to someone else as their web shop number, it names them.
    let third = t.reg.add_customer(&input("Ebba Ek", "ebba@ek.se")).await.expect("customer");
    t.reg.add_shop_number(third.id, &other.number).await.expect("shop number");
    let found = t.reg.locate_customer(&other.number).await.expect("by the number");
    assert_eq!((found.customer.id, found.merged), (third.id, None));
    t.reg.remove_shop_number(third.id, &other.number).await.expect("taken away");

    t.reg.unmerge_customer(merge.merged_id).await.expect("undone");
    let found = t.reg.locate_customer(&other.number).await.expect("her own again");
    assert_eq!((found.customer.id, found.merged), (other.id, None));
}

/// A backup made while two were merged, restored after the merge was undone:
/// the restored register has them apart again, and one merged into another
/// customer since is merged there; a restriction and a hold lifted before
/// an undo are lifted before it there too; one whose customer kept the
/// backup holds under a hold the register never had cannot be given back
/// there, and is named.
async fn a_restore_undoes_again_a_merge_undone_since_the_backup(kind: Kind) {
    let t = register(kind).await;
    let dir = tempfile::tempdir().expect("dir");
    let add = |c: CustomerInput| {
        let reg = &t.reg;
        async move { reg.add_customer(&c).await.expect("customer") }
    };
    let (keep, other) = (add(anna_in_goteborg()).await, add(anna_in_boras()).await);
    common::records::one_of_everything(&t.reg, other.id, "1002").await;
    let (eva, eva_too, third) = (
        add(input("Eva Ek", "eva@ek.se")).await,
        add(input("Eva Ek", "eva.ek@annat.se")).await,
        add(input("Eva Ek", "e@ek.se")).await,
    );
    let (per, per_too) = (add(input("Per Ek", "per@ek.se")).await, add(input("Per Ek", "per.ek@annat.se")).await);
    let (ola, ola_too) = (add(input("Ola Ek", "ola@ek.se")).await, add(input("Ola Ek", "ola.ek@annat.se")).await);
    for (k, o) in [(keep.id, other.id), (eva.id, eva_too.id), (per.id, per_too.id), (ola.id, ola_too.id)] {
        t.reg.merge_customers(k, o).await.expect("merge");
    }
    t.reg.restrict_customer(per.id, RestrictionGround::AccuracyContested, None, None).await.expect("restrict");
    let hold = t.reg.add_hold(RecordKind::Customer, per.id.0, "Tvist om leverans").await.expect("hold");
    let merged = dir.path().join("merged.db");
    t.reg.backup(&merged, None).await.expect("backup");
    // The copy holds Ola under a hold this register never had (a copy from a register restored in between).
    let stray = format!(
        "INSERT INTO legal_holds (entity, entity_id, reason, set_by, set_at) \
         VALUES ('customer', {}, 'Tvist', 'någon', '2026-01-05T10:00:00+00:00')",
        ola.id.0
    );
    common::sqlite3(&merged, &stray);
    // Per's restriction and hold are lifted before his undo: the restore lifts them first too.
    t.reg.lift_restriction(per.id, t.reg.today().await.expect("today")).await.expect("lift");
    t.reg.lift_hold(hold.id).await.expect("lift");
    for o in [other.id, eva_too.id, per_too.id, ola_too.id] {
        t.reg.unmerge_customer(o).await.expect("undo");
    }
    // Eva's second account is a third Eva's after all.
    let elsewhere = t.reg.merge_customers(third.id, eva_too.id).await.expect("merged elsewhere").merge;
    let apart = dir.path().join("apart.db");
    t.reg.backup(&apart, None).await.expect("backup");

    let report = t.reg.restore_in_place(&merged, None).await.expect("restore");
    let mut replayed = report.unmerges_replayed.clone();
    replayed.sort();
    let mut expected = [other.number.clone(), eva_too.number.clone(), per_too.number.clone()];
    expected.sort();
    assert_eq!(replayed, expected);
    assert_eq!((report.restrictions_carried, report.holds_carried), (1, 1), "Per's, lifted before the undo");
    assert_eq!(report.unmerges_lost, std::slice::from_ref(&ola_too.number), "the backup holds the customer kept");
    assert_eq!(report.merges_replayed, std::slice::from_ref(&eva_too.number), "merged into the third Eva again");
    let page = t.reg.customer_page(other.id).await.expect("her page");
    assert_eq!(
        (page.merged_into.is_none(), page.orders.iter().map(|o| o.number.as_str()).collect::<Vec<_>>()),
        (true, vec!["1002"])
    );
    assert!(t.reg.customer_page(keep.id).await.expect("page").merges.is_empty());
    let merges = t.reg.customer_page(third.id).await.expect("page").merges;
    assert_eq!(merges.iter().map(|m| m.merged_id).collect::<Vec<_>>(), [eva_too.id]);
    // Made again as the register made it: its days to undo it are the register's, not new ones.
    let again = &merges[0];
    assert_eq!(
        (&again.merged_by, again.merged_at, again.undo_until),
        (&elsewhere.merged_by, elsewhere.merged_at, elsewhere.undo_until)
    );
    assert!(t.reg.customer_page(per.id).await.expect("page").merges.is_empty(), "Per's undone again");
    assert_eq!(t.reg.customer_page(ola.id).await.expect("page").merges.len(), 1, "still merged: undo by hand");
    assert!(kundvakt_core::audit::verify(t.reg.store()).await.expect("verify").broken.is_none());

    // Undone by hand once the stray hold is lifted, as the report asks; then
    // a backup made after the undo has them apart: nothing to undo again.
    let holds = t.reg.holds(false).await.expect("holds");
    let stray = holds.iter().find(|v| v.hold.entity_id == ola.id.0).expect("the stray hold");
    t.reg.lift_hold(stray.hold.id).await.expect("lift");
    t.reg.unmerge_customer(ola_too.id).await.expect("undone by hand");
    let report = t.reg.restore_in_place(&apart, None).await.expect("restore");
    let carried = (&report.unmerges_replayed, &report.unmerges_lost, &report.merges_replayed, &report.merges_lost);
    assert!(carried.0.is_empty() && carried.1.is_empty() && carried.2.is_empty() && carried.3.is_empty(), "{report:?}");
}

/// A merge made after the backup whose thirty days are over by the
/// restore: made again there, without a note to undo it (the register has
/// none either).
async fn a_merge_made_again_by_a_restore_keeps_its_days(kind: Kind) {
    let t = register(kind).await;
    let dir = tempfile::tempdir().expect("dir");
    let keep = t.reg.add_customer(&anna_in_goteborg()).await.expect("customer");
    let other = t.reg.add_customer(&anna_in_boras()).await.expect("customer");
    let backup = dir.path().join("before.db");
    t.reg.backup(&backup, None).await.expect("backup");
    t.reg.merge_customers(keep.id, other.id).await.expect("merge");
    // Forty days on (the backup was made before the merge all the same).
    let long_ago = (kundvakt_core::store::now() - chrono::Duration::days(40)).to_rfc3339();
    common::execute(&t.location, &format!("UPDATE customer_merges SET merged_at = '{long_ago}'")).await;
    common::execute(&t.location, &format!("UPDATE merge_undos SET until = '{long_ago}'")).await;

    let report = t.reg.restore_in_place(&backup, None).await.expect("restore");
    assert_eq!(report.merges_replayed, std::slice::from_ref(&other.number));
    let merges = t.reg.customer_page(keep.id).await.expect("page").merges;
    assert_eq!(merges.len(), 1);
    assert_eq!(merges[0].undo_until, None, "its days were over");
    assert_eq!(common::scalar(&t.location, "SELECT COUNT(*) FROM merge_undos").await, 0, "no note kept");
    let late = t.reg.unmerge_customer(other.id).await.expect_err("too late");
    assert_eq!(late.code(), "refused", "{late}");
}

on_both_backends!(
    a_restore_undoes_again_a_merge_undone_since_the_backup,
    a_merge_made_again_by_a_restore_keeps_its_days,
    an_undone_merge_gives_each_their_own_back,
    an_undo_is_refused_where_it_may_not_be_made,
    a_merge_is_found_by_a_number_the_shop_took_away
);
