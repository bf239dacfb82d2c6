//! An objection to the recording of web activity (GDPR Art. 21(1)), on both
//! backends: accepted, it stops the recording (an event added by hand is
//! refused, a web log's rows about the person are skipped with the reason),
//! what was recorded is erased under the same request (Art. 17(1)(c)), the
//! person's access report says since when, the mark outlives a restore of an
//! earlier backup, and lifting it records the activity again.

mod common;

use std::path::Path;
use std::sync::atomic::AtomicBool;

use chrono::{DateTime, Duration, Utc};
use common::{assert_valid, input, pdftotext, register, schema, Kind};
use kundvakt_core::import::{ImportKind, ImportOptions, ImportReport};
use kundvakt_core::register::restriction::RestrictionGround;
use kundvakt_core::register::web_objection::WebObjection;
use kundvakt_core::register::NewWebEvent;
use kundvakt_core::reports::Format;
use kundvakt_core::requests::{RequestKind, RequestState, Step};
use kundvakt_core::values::CustomerId;
use kundvakt_core::Register;

const EMAIL: &str = "vendela.wikstrom@exempel-invand.se";
const OTHER: &str = "per.persson@exempel-invand.se";

fn visit(customer: CustomerId, at: DateTime<Utc>, ip: &str) -> NewWebEvent {
    NewWebEvent {
        customer_id: customer,
        occurred_at: at,
        ip: ip.parse().expect("ip"),
        action: "login".to_owned(),
        user_agent: None,
    }
}

/// The site's log: one visit of each of `rows`, (e-mail, time, address).
async fn import_log(reg: &Register, dir: &Path, rows: &[(&str, DateTime<Utc>, &str)]) -> ImportReport {
    let log = dir.join("webblogg.csv");
    let mut text = String::from("Timestamp;IP_Address;Event;User_Agent;Email\n");
    for (email, at, ip) in rows {
        text.push_str(&format!("{};{ip};login;;{email}\n", at.format("%Y-%m-%dT%H:%M:%SZ")));
    }
    std::fs::write(&log, text).expect("write the log");
    let cancel = AtomicBool::new(false);
    reg.import(&log, ImportKind::WebEvents, &ImportOptions::default(), &mut |_| {}, &cancel).await.expect("import")
}

/// A customer objects to the log of her visits. The shop restricts her data
/// while it weighs the objection (Art. 18(1)(d)), accepts it, stops the
/// recording and erases what was recorded, all under her request; later she
/// withdraws the objection and her visits are recorded again.
async fn an_objection_stops_the_recording_of_web_activity(kind: Kind) {
    let t = register(kind).await;
    let dir = tempfile::tempdir().expect("dir");
    let id = t.reg.add_customer(&input("Vendela Wikström", EMAIL)).await.expect("customer").id;
    let other = t.reg.add_customer(&input("Per Persson", OTHER)).await.expect("customer").id;
    let number = t.reg.customer(id).await.expect("customer").number;
    let ago = |hours: i64| Utc::now() - Duration::hours(hours);
    t.reg.add_web_event(&visit(id, ago(50), "198.51.100.7")).await.expect("event");
    t.reg.add_web_event(&visit(id, ago(30), "198.51.100.8")).await.expect("event");

    let erasure = t.reg.open_request(id, RequestKind::Erasure, None, Some("e-post")).await.expect("request");
    t.reg.request_step(erasure.id, Step::Verify { how: None }, None).await.expect("verify");
    let wrong = t.reg.stop_web_activity(id, erasure.id).await.expect_err("an erasure request is not an objection");
    assert_eq!(wrong.code(), "invalid", "{wrong}");
    let r = t.reg.open_request(id, RequestKind::Objection, None, Some("e-post")).await.expect("request");
    let unverified = t.reg.stop_web_activity(id, r.id).await.expect_err("identity not checked");
    assert_eq!(unverified.code(), "refused", "{unverified}");
    assert_eq!(t.reg.stop_web_activity(other, r.id).await.expect_err("someone else's").code(), "invalid");
    t.reg.request_step(r.id, Step::Verify { how: Some("BankID".into()) }, None).await.expect("verify");

    // Restricted while the objection is weighed; the outcome is recorded all the same.
    t.reg.restrict_customer(id, RestrictionGround::ObjectionPending, Some(r.id), None).await.expect("restrict");
    let stopped = t.reg.stop_web_activity(id, r.id).await.expect("stop");
    assert_eq!((stopped.customer_id, stopped.request_id, stopped.lifted_at), (id, Some(r.id), None));
    let today = t.reg.today().await.expect("today");
    let since = stopped.set_at.with_timezone(&t.reg.settings().await.expect("settings").time_zone()).date_naive();
    assert_eq!(
        t.reg.stop_web_activity(id, r.id).await.expect_err("stopped already").to_string(),
        format!("the recording of customer {number}'s web activity has been stopped since {since}")
    );
    t.reg.lift_restriction(id, today).await.expect("lift the restriction");

    let refused = t.reg.add_web_event(&visit(id, ago(1), "198.51.100.9")).await.expect_err("not recorded");
    assert_eq!(refused.code(), "refused");
    assert_eq!(
        refused.to_string(),
        format!(
            "customer {number} objected to the recording of their web activity on {since} (GDPR Art. 21(1)): none of \
             it is recorded until that is lifted"
        )
    );
    let report =
        import_log(&t.reg, dir.path(), &[(EMAIL, ago(2), "198.51.100.9"), (OTHER, ago(2), "203.0.113.4")]).await;
    assert_eq!((report.added, report.skipped, report.committed), (1, 1, true), "{:?}", report.problems);
    assert_eq!(report.notices.len(), 1, "{:?}", report.notices);
    assert_eq!(report.notices[0].line, 2);
    assert_eq!(
        report.notices[0].message,
        format!(
            "activity of customer {number}, who objected to the recording of their web activity on {since} (GDPR \
             Art. 21(1)): not imported"
        )
    );
    assert_eq!(t.reg.customer_page(other).await.expect("page").web_events.len(), 1, "his visit is recorded");

    // What was recorded goes for the objection (Art. 17(1)(c)).
    let erased = t.reg.erase_web_activity(id, r.id).await.expect("erase for the objection");
    assert_eq!((erased.request_id, erased.events, erased.held), (r.id, 2, 0));
    let page = t.reg.customer_page(id).await.expect("page");
    assert!(page.web_events.is_empty(), "{:?}", page.web_events);
    assert_eq!(page.web_objection.as_ref(), Some(&stopped));
    let answered = t.reg.request_step(r.id, Step::Answer { answer: "Vi registrerar inte längre".into() }, None).await;
    assert_eq!(answered.expect("answer").state, RequestState::Answered);
    let actions: Vec<_> = page.history.iter().map(|e| e.entry.action.as_str().to_owned()).collect();
    assert!(actions.contains(&"web_event.stop".to_owned()), "{actions:?}");

    // Her copy of her data says since when her visits are not recorded, and why.
    let json = t.reg.access_report(id, None, None, Format::Json).await.expect("json");
    let doc: serde_json::Value = serde_json::from_slice(&json.bytes).expect("JSON");
    assert_valid(&schema("access-report.v1.json"), &doc, "an access report of someone who objected");
    assert_eq!(doc["web_activity_stopped"], serde_json::json!(since.to_string()));
    let pdf = t.reg.access_report(id, None, None, Format::Pdf).await.expect("pdf");
    let text = pdftotext(&pdf.bytes).split_whitespace().collect::<Vec<_>>().join(" ");
    let day = since.format("%Y-%m-%d");
    let said = format!("Sedan {day} registrerar vi inte längre din aktivitet på vår webbplats: du invände mot det");
    assert!(text.contains(&said), "{text}");

    // She withdraws the objection: her visits are recorded again.
    let resumed = t.reg.resume_web_activity(id).await.expect("resume");
    assert_eq!((resumed.id, resumed.lifted_by.as_deref()), (stopped.id, Some("test")));
    assert!(resumed.lifted_at.is_some());
    let again = t.reg.resume_web_activity(id).await.expect_err("not stopped");
    assert_eq!(again.to_string(), format!("the recording of customer {number}'s web activity is not stopped"));
    assert_eq!(t.reg.customer_page(id).await.expect("page").web_objection, None);
    // A visit from before the erasure stays erased; a later one is recorded.
    let later = erased.erased_at + Duration::seconds(1);
    tokio::time::sleep(std::time::Duration::from_millis(1500)).await;
    let rows = [(EMAIL, ago(1), "198.51.100.10"), (EMAIL, later, "198.51.100.11")];
    let report = import_log(&t.reg, dir.path(), &rows).await;
    assert_eq!((report.added, report.skipped), (1, 1), "{:?}", report.notices);
    let kept: Vec<_> = t.reg.customer_page(id).await.expect("page").web_events.into_iter().map(|e| e.ip).collect();
    assert_eq!(kept, ["198.51.100.11"]);
    assert_eq!(t.reg.web_objections(id).await.expect("objections"), vec![resumed]);
    let page = t.reg.customer_page(id).await.expect("page");
    let actions: Vec<_> = page.history.iter().map(|e| e.entry.action.as_str().to_owned()).collect();
    assert!(actions.contains(&"web_event.resume".to_owned()), "{actions:?}");
    let json = t.reg.access_report(id, None, None, Format::Json).await.expect("json");
    let doc: serde_json::Value = serde_json::from_slice(&json.bytes).expect("JSON");
    assert!(doc.get("web_activity_stopped").is_none(), "left out while recorded: {doc}");
    assert!(kundvakt_core::audit::verify(t.reg.store()).await.expect("verify").broken.is_none());
}

/// An objection of `customer`, accepted: the recording of their web activity stopped.
async fn objecting(reg: &Register, customer: CustomerId) -> WebObjection {
    let r = reg.open_request(customer, RequestKind::Objection, None, None).await.expect("request");
    reg.request_step(r.id, Step::Verify { how: None }, None).await.expect("verify");
    reg.stop_web_activity(customer, r.id).await.expect("stop")
}

/// A backup made before the objection, restored: the objection is carried
/// over, under the request as the restored register numbers it, and the
/// recording stays stopped; one lifted since the backup is lifted in it.
async fn a_restore_keeps_an_objection_made_since_the_backup(kind: Kind) {
    let t = register(kind).await;
    let dir = tempfile::tempdir().expect("dir");
    let id = t.reg.add_customer(&input("Vendela Wikström", EMAIL)).await.expect("customer").id;
    let other = t.reg.add_customer(&input("Per Persson", OTHER)).await.expect("customer").id;
    objecting(&t.reg, other).await;
    let backup = dir.path().join("before.db");
    t.reg.backup(&backup, None).await.expect("backup");
    let hers = objecting(&t.reg, id).await;
    t.reg.resume_web_activity(other).await.expect("he withdrew his");
    // A customer added after the backup, who objected: not in it, so named, to be stopped again should an import bring them back.
    let newer = t.reg.add_customer(&input("Nils Nyberg", "nils.nyberg@exempel-invand.se")).await.expect("customer");
    objecting(&t.reg, newer.id).await;

    let report = t.reg.restore_in_place(&backup, None).await.expect("restore");
    assert_eq!((report.web_objections_carried, report.web_objections_lost), (2, vec![newer.number]));
    let kept = t.reg.customer_page(id).await.expect("page").web_objection.expect("carried over");
    assert_eq!((kept.set_at, kept.set_by.as_str(), kept.lifted_at), (hers.set_at, "test", None));
    let request = kept.request_id.expect("under her request");
    let carried = t.reg.request_detail(request, t.reg.today().await.expect("today")).await.expect("request");
    assert_eq!((carried.request.kind, carried.request.customer), (RequestKind::Objection, Some(id)));
    assert_eq!(t.reg.customer_page(other).await.expect("page").web_objection, None, "his lifted, as since");
    let ago = Utc::now() - Duration::hours(1);
    let report = import_log(&t.reg, dir.path(), &[(EMAIL, ago, "198.51.100.9"), (OTHER, ago, "203.0.113.4")]).await;
    assert_eq!((report.added, report.skipped), (1, 1), "{:?}", report.notices);
    assert!(kundvakt_core::audit::verify(t.reg.store()).await.expect("verify").broken.is_none());
}

on_both_backends!(an_objection_stops_the_recording_of_web_activity, a_restore_keeps_an_objection_made_since_the_backup);
