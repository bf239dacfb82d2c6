//! One web event erased alone for the person's request (GDPR Art. 17(1):
//! "delete the record of that visit"), on both backends: the others stay; a
//! held one is refused with the reason; a web log imported again skips that
//! visit alone, not the older ones it never had; a restore of an earlier
//! backup erases that event again and no other.

mod common;

use std::path::Path;
use std::sync::atomic::AtomicBool;

use chrono::{DateTime, Duration, DurationRound, Utc};
use common::{input, pdftotext, register, Kind};
use kundvakt_core::import::{ImportKind, ImportOptions, ImportReport};
use kundvakt_core::reports::Format;
use kundvakt_core::requests::{RequestKind, Step};
use kundvakt_core::retention::due::RecordKind;
use kundvakt_core::values::CustomerId;
use kundvakt_core::Register;

const EMAIL: &str = "hedda.lind@exempel-besok.se";

/// The site's log: one visit of hers at each of `rows`, (time, address).
async fn import_log(reg: &Register, dir: &Path, rows: &[(DateTime<Utc>, &str)]) -> ImportReport {
    let log = dir.join("webblogg.csv");
    let mut text = String::from("Timestamp;IP_Address;Event;User_Agent;Email\n");
    for (at, ip) in rows {
        text.push_str(&format!("{};{ip};login;;{EMAIL}\n", at.format("%Y-%m-%dT%H:%M:%SZ")));
    }
    std::fs::write(&log, text).expect("write the log");
    let cancel = AtomicBool::new(false);
    reg.import(&log, ImportKind::WebEvents, &ImportOptions::default(), &mut |_| {}, &cancel).await.expect("import")
}

/// The addresses of the customer's web events, oldest first.
async fn addresses(reg: &Register, id: CustomerId) -> Vec<String> {
    let mut events = reg.customer_page(id).await.expect("page").web_events;
    events.sort_by_key(|e| e.occurred_at);
    events.into_iter().map(|e| e.ip).collect()
}

/// Hedda asks the shop to delete the record of one visit. It goes, alone.
async fn one_visit_is_erased_alone(kind: Kind) {
    let t = register(kind).await;
    let dir = tempfile::tempdir().expect("dir");
    let id = t.reg.add_customer(&input("Hedda Lind", EMAIL)).await.expect("customer").id;
    let other = t.reg.add_customer(&input("Per Persson", "per@exempel-besok.se")).await.expect("customer").id;
    let now = Utc::now().duration_trunc(Duration::seconds(1)).expect("seconds");
    let ago = |hours: i64| now - Duration::hours(hours);
    let report = import_log(
        &t.reg,
        dir.path(),
        &[(ago(50), "198.51.100.7"), (ago(30), "198.51.100.8"), (ago(10), "198.51.100.9")],
    )
    .await;
    assert_eq!(report.added, 3, "{:?}", report.problems);
    let events = t.reg.customer_page(id).await.expect("page").web_events;
    let event = |ip: &str| events.iter().find(|e| e.ip == ip).expect("event").id;
    let backup = dir.path().join("before.db");
    t.reg.backup(&backup, None).await.expect("backup");

    let r = t.reg.open_request(id, RequestKind::Erasure, None, Some("e-post")).await.expect("request");
    let unverified = t.reg.erase_web_event(event("198.51.100.8"), r.id).await.expect_err("identity not checked");
    assert_eq!(unverified.code(), "refused", "{unverified}");
    t.reg.request_step(r.id, Step::Verify { how: None }, None).await.expect("verify");
    let theirs = t.reg.open_request(other, RequestKind::Erasure, None, None).await.expect("request");
    t.reg.request_step(theirs.id, Step::Verify { how: None }, None).await.expect("verify");
    let wrong = t.reg.erase_web_event(event("198.51.100.8"), theirs.id).await.expect_err("someone else's request");
    assert_eq!(wrong.code(), "invalid", "{wrong}");
    // A visit a legal hold keeps stays, with the reason.
    let held = event("198.51.100.9");
    t.reg.add_hold(RecordKind::WebEvent, held.0, "Misstänkt bedrägeri").await.expect("hold");
    let kept = t.reg.erase_web_event(held, r.id).await.expect_err("held");
    assert_eq!(kept.to_string(), format!("web event {} is under a legal hold, which keeps it while the dispute lasts (GDPR Art. 17(3)(e)): refuse that part of the request and give this reason", held.0));

    let shown = t.reg.web_event_erasure_preview(event("198.51.100.8"), r.id).await.expect("preview");
    assert_eq!((shown.ip.as_str(), shown.occurred_at), ("198.51.100.8", ago(30)));
    let erased = t.reg.erase_web_event(event("198.51.100.8"), r.id).await.expect("erase");
    assert_eq!((erased.events, erased.first_at, erased.last_at, erased.held), (1, ago(30), ago(30), 0));
    assert_eq!(addresses(&t.reg, id).await, ["198.51.100.7", "198.51.100.9"]);
    // Her confirmation names the one visit, by its day, never its address.
    let pdf = t.reg.part_erasure_confirmation(r.id, None, Format::Pdf).await.expect("pdf");
    let text = pdftotext(&pdf.bytes).split_whitespace().collect::<Vec<_>>().join(" ");
    let zone = t.reg.settings().await.expect("settings").time_zone();
    let visited = ago(30).with_timezone(&zone).date_naive().format("%Y-%m-%d");
    assert!(text.contains(&format!("Ditt besök på vår webbplats den {visited}, med dess IP-adress")), "{text}");
    assert!(!text.contains("198.51.100.8"), "{text}");

    // The log again, with a visit older than all she had and never imported: that one comes in, hers does not.
    let report = import_log(
        &t.reg,
        dir.path(),
        &[(ago(60), "198.51.100.6"), (ago(30), "198.51.100.8"), (ago(50), "198.51.100.7")],
    )
    .await;
    assert_eq!((report.added, report.skipped), (1, 1), "{:?}", report.notices);
    let day = erased.erased_at.with_timezone(&t.reg.settings().await.expect("settings").time_zone()).date_naive();
    let number = t.reg.customer(id).await.expect("customer").number;
    assert_eq!(
        report.notices[0].message.to_string(),
        format!("a visit of customer {number} that was erased at their request on {day} (GDPR Art. 17): not imported")
    );
    assert_eq!(addresses(&t.reg, id).await, ["198.51.100.6", "198.51.100.7", "198.51.100.9"]);

    // The backup from before: that visit is erased again, the others stay.
    let restored = t.reg.restore_in_place(&backup, None).await.expect("restore");
    assert_eq!(restored.parts_erased_again, [number]);
    assert_eq!(addresses(&t.reg, id).await, ["198.51.100.7", "198.51.100.9"]);
    let again = import_log(&t.reg, dir.path(), &[(ago(30), "198.51.100.8")]).await;
    assert_eq!((again.added, again.skipped), (0, 1), "{:?}", again.notices);
    assert!(kundvakt_core::audit::verify(t.reg.store()).await.expect("verify").broken.is_none());
}

on_both_backends!(one_visit_is_erased_alone);
