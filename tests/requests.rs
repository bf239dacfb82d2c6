//! Data-subject requests: the workflow, its deadlines and the inbox, on both backends.

mod common;

use chrono::NaiveDate;
use common::{input, pdftotext, register, Kind};
use kundvakt_core::audit::corrections::Corrected;
use kundvakt_core::reports::{DocumentKind, Format};
use kundvakt_core::requests::{ListFilter, RequestKind, RequestState, Step};
use kundvakt_core::values::Language;
use sha2::Digest;

fn d(s: &str) -> NaiveDate {
    s.parse().expect("date")
}

async fn a_request_walks_through_its_workflow(kind: Kind) {
    let t = register(kind).await;
    let c = t.reg.add_customer(&input("Åsa Öberg", "asa@example.se")).await.expect("customer");
    let r = t.reg.open_request(c.id, RequestKind::Access, Some(d("2025-03-05")), Some("email")).await.expect("open");
    assert_eq!((r.state, r.due_on, r.due_date()), (RequestState::Received, d("2025-04-07"), d("2025-04-07")));

    let early =
        t.reg.request_step(r.id, Step::Answer { answer: "Här är dina uppgifter".into() }, Some(d("2025-03-06"))).await;
    assert_eq!(early.expect_err("no answer before the identity is verified").code(), "refused");
    let before =
        t.reg.request_step(r.id, Step::Verify { how: None }, Some(d("2025-03-04"))).await.expect_err("before receipt");
    assert!(before.to_string().starts_with("--on: "), "{before}");

    let verified = t
        .reg
        .request_step(r.id, Step::Verify { how: Some(" BankID ".into()) }, Some(d("2025-03-06")))
        .await
        .expect("verify");
    assert_eq!(verified.verification.as_deref(), Some("BankID"), "how the identity was checked, kept");
    t.reg.request_step(r.id, Step::Start, Some(d("2025-03-07"))).await.expect("start");
    // What the shop hands out for the request is recorded under it, by digest.
    let receipt = t.reg.request_receipt(r.id, None, Format::Pdf).await.expect("receipt");
    t.reg.access_report(c.id, None, None, Format::Pdf).await.expect("a report of no request");
    // The answer waits for the copy made for the request (Art. 15(3)): nothing can be made for it once answered.
    let uncopied = t.reg.request_step(r.id, Step::Answer { answer: "Skickat".into() }, Some(d("2025-03-10"))).await;
    assert_eq!(
        uncopied.expect_err("no copy made for the request").to_string(),
        format!(
            "request {} is answered with a copy of the person's data (GDPR Art. 15(3)): make customer \
             K000001's access report for the request first, so that it is recorded under it, then answer",
            r.id
        )
    );
    let report = t.reg.access_report(c.id, Some(Language::En), Some(r.id), Format::Json).await.expect("report");
    let blank = t.reg.request_step(r.id, Step::Answer { answer: "  ".into() }, Some(d("2025-03-10"))).await;
    assert!(blank.expect_err("an empty answer").to_string().starts_with("answer: "));
    let answered = t
        .reg
        .request_step(r.id, Step::Answer { answer: "Registerutdrag skickat".into() }, Some(d("2025-03-10")))
        .await
        .expect("answer");
    assert_eq!((answered.state, answered.answered_on), (RequestState::Answered, Some(d("2025-03-10"))));
    let closed = t.reg.request_step(r.id, Step::Close, Some(d("2025-03-11"))).await.expect("close");
    assert_eq!(closed.state, RequestState::Closed);
    assert_eq!(t.reg.request_step(r.id, Step::Close, None).await.expect_err("closed twice").code(), "refused");

    let detail = t.reg.request_detail(r.id, d("2025-03-12")).await.expect("detail");
    assert_eq!(
        (detail.request.state, detail.request.customer_number.as_deref()),
        (RequestState::Closed, Some("K000001"))
    );
    let steps: Vec<(&str, &str)> =
        detail.steps.iter().map(|e| (e.entry.action.as_str(), e.entry.actor.as_str())).collect();
    let actions: Vec<&str> = steps.iter().map(|(a, _)| *a).collect();
    assert_eq!(actions, ["request.open", "request.verify", "request.start", "request.answer", "request.close"]);
    assert!(steps.iter().all(|(_, actor)| *actor == "test"), "every step is attributed");
    let documents: Vec<_> = detail
        .documents
        .iter()
        .map(|x| (x.kind, x.format, x.language, x.digest.as_str(), x.actor.as_deref()))
        .collect();
    assert_eq!(
        documents,
        [
            (DocumentKind::Receipt, Format::Pdf, Language::Sv, receipt.digest.as_str(), Some("test")),
            (DocumentKind::Access, Format::Json, Language::En, report.digest.as_str(), Some("test")),
        ],
        "the request's documents, not the report made without it"
    );
    let json = serde_json::to_value(&detail).expect("json");
    assert_eq!((json["id"].clone(), json["state"].clone()), (serde_json::json!(r.id.0), serde_json::json!("closed")));
    assert_eq!(json["documents"][1]["digest"], serde_json::json!(report.digest));
    assert_eq!(kundvakt_core::audit::verify(t.reg.store()).await.expect("verify").broken, None);
}

/// A request for data portability waits for its export, in the person's
/// language; an erasure request waits for the erasure; an access request
/// whose customer has been erased meanwhile is answered with their erasure
/// confirmation, what is left being what the law keeps.
async fn a_copy_answers_its_request_unless_nothing_is_left(kind: Kind) {
    let t = register(kind).await;
    let c = t.reg.add_customer(&input("Åsa Öberg", "asa@example.se")).await.expect("customer");
    let verified = |kind: RequestKind| {
        let t = &t;
        async move {
            let r = t.reg.open_request(c.id, kind, Some(d("2025-03-05")), None).await.expect("open");
            t.reg.request_step(r.id, Step::Verify { how: None }, Some(d("2025-03-06"))).await.expect("verify");
            r
        }
    };
    let portability = verified(RequestKind::Portability).await;
    let answer = |id| t.reg.request_step(id, Step::Answer { answer: "Skickat".into() }, Some(d("2025-03-10")));
    let e = answer(portability.id).await.expect_err("no export made for it");
    let sv = kundvakt_core::i18n::Translator::new(Language::Sv);
    assert_eq!(
        e.message().map(|m| m.in_language(&sv)).as_deref(),
        Some(
            "begäran 1 besvaras med en kopia av personens uppgifter (GDPR art. 20): gör först \
             dataportabilitetsexporten för kund K000001 till begäran, så att den registreras under den, och \
             besvara sedan"
        )
    );
    // An access report made for it does not answer a request for the data to take elsewhere.
    let access = verified(RequestKind::Access).await;
    t.reg.access_report(c.id, None, Some(access.id), Format::Pdf).await.expect("report");
    t.reg.portability_export(c.id, Some(portability.id)).await.expect("export");
    answer(portability.id).await.expect("answered with its export");

    let erasure = verified(RequestKind::Erasure).await;
    let second = verified(RequestKind::Access).await;
    // A copy made before the erasure answers its request after it too.
    let sent = verified(RequestKind::Access).await;
    t.reg.access_report(c.id, None, Some(sent.id), Format::Json).await.expect("report");
    // An erasure request is answered by the erasure, not before it (Art. 17(1)).
    let unerased = answer(erasure.id).await.expect_err("the customer is still in the register");
    assert_eq!(
        unerased.to_string(),
        format!(
            "request {} is answered by erasing the person's data (GDPR Art. 17): erase customer K000001 for the \
             request first (what the law makes the shop keep is kept, and the confirmation lists it), or, where \
             the person asked for some details, notes, sign-ups or their web activity only, remove those on the \
             customer's page while the request is open; then answer. Where nothing may be erased, refuse the request and give the reason (Art. 12(4))",
            erasure.id
        )
    );
    assert_eq!(t.reg.request(erasure.id).await.expect("request").state, RequestState::IdentityVerified);
    t.reg.erase_customer(c.id, Some(erasure.id)).await.expect("erased");
    assert_eq!(answer(erasure.id).await.expect("answered by the erasure").state, RequestState::Answered);
    // What is left to tell of them is what the law keeps: their erasure
    // confirmation, made for the request, answers it.
    let waiting = answer(second.id).await.expect_err("no confirmation made for it");
    assert!(waiting.to_string().contains("kundvakt report erased K000001 --request"), "{waiting}");
    t.reg.erasure_confirmation_again(c.id, Format::Pdf, Some(second.id)).await.expect("made for it");
    let answered = answer(second.id).await.expect("answered with the confirmation");
    assert_eq!(answered.state, RequestState::Answered);
    assert_eq!(answer(sent.id).await.expect("answered with its copy").state, RequestState::Answered);
    // Whatever else they ask is logged with its deadline and answered within
    // it (Art. 12(3)-(4)), though nothing is left to act on but what the law
    // keeps: the confirmation goes with the answer, and need not.
    let today = t.reg.today().await.expect("today");
    let erased = t.reg.request_detail(erasure.id, today).await.expect("detail").customer_erased;
    assert_eq!(erased.map(|e| e.request), Some(Some(erasure.id)), "erased for that request");
    for kind in [RequestKind::Portability, RequestKind::Rectification, RequestKind::Objection] {
        let later = verified(kind).await;
        assert_eq!(later.due_on, d("2025-04-07"), "a month from 2025-03-05, a Saturday moved to Monday");
        let detail = t.reg.request_detail(later.id, today).await.expect("detail");
        assert_eq!(detail.customer_erased, erased, "{kind}: the erasure said on its page");
        answer(later.id).await.expect("answered without a copy");
    }
    let restriction = verified(RequestKind::Restriction).await;
    let sent = t.reg.erasure_confirmation_again(c.id, Format::Json, Some(restriction.id)).await.expect("made for it");
    let listed = t.reg.request_detail(restriction.id, today).await.expect("detail").documents;
    assert_eq!(
        listed.iter().map(|x| (x.kind, x.digest.clone())).collect::<Vec<_>>(),
        [(DocumentKind::Erasure, sent.digest)]
    );
    // Of a customer who is not erased, nothing is said.
    let other = t.reg.add_customer(&input("Per Persson", "per@example.se")).await.expect("customer");
    let r = t.reg.open_request(other.id, RequestKind::Objection, None, None).await.expect("open");
    assert_eq!(t.reg.request_detail(r.id, today).await.expect("detail").customer_erased, None);
}

async fn a_refusal_needs_its_reason(kind: Kind) {
    let t = register(kind).await;
    let c = t.reg.add_customer(&input("Åsa Öberg", "asa@example.se")).await.expect("customer");
    let r = t.reg.open_request(c.id, RequestKind::Erasure, Some(d("2025-05-02")), None).await.expect("open");
    let e = t
        .reg
        .request_step(r.id, Step::Refuse { reason: "".into() }, Some(d("2025-05-03")))
        .await
        .expect_err("no reason");
    assert!(e.to_string().starts_with("reason: "), "{e}");
    let refused = t
        .reg
        .request_step(r.id, Step::Refuse { reason: "Identiteten kunde inte styrkas".into() }, Some(d("2025-05-05")))
        .await
        .expect("refuse");
    assert_eq!(refused.refusal_reason.as_deref(), Some("Identiteten kunde inte styrkas"));
}

async fn an_extension_is_recorded_by_the_first_deadline(kind: Kind) {
    let t = register(kind).await;
    let c = t.reg.add_customer(&input("Åsa Öberg", "asa@example.se")).await.expect("customer");
    let late = t.reg.open_request(c.id, RequestKind::Access, Some(d("2025-01-31")), None).await.expect("open");
    assert_eq!(late.due_on, d("2025-02-28"));
    let e = t.reg.request_step(late.id, Step::Extend { reason: "Många ärenden".into() }, Some(d("2025-03-03"))).await;
    let e = e.expect_err("after the first deadline");
    assert!(e.to_string().contains("must be recorded by the first deadline, 2025-02-28"), "{e}");
    assert_eq!(t.reg.request(late.id).await.expect("read").extended_to, None, "nothing changed");

    let e = t.reg.request_step(late.id, Step::Extend { reason: " ".into() }, Some(d("2025-02-20"))).await;
    assert!(e.expect_err("no reason").to_string().starts_with("reason: "));
    let ext = t
        .reg
        .request_step(late.id, Step::Extend { reason: "Många ärenden".into() }, Some(d("2025-02-28")))
        .await
        .expect("on the day");
    // 2025-01-31 + 3 months = 2025-04-30 (Wednesday)
    assert_eq!((ext.extended_to, ext.due_date()), (Some(d("2025-04-30")), d("2025-04-30")));
    let again = t.reg.request_step(late.id, Step::Extend { reason: "igen".into() }, Some(d("2025-02-28"))).await;
    assert_eq!(again.expect_err("once only").code(), "refused");
}

async fn the_inbox_sorts_by_days_left_and_warns(kind: Kind) {
    let t = register(kind).await;
    let c = t.reg.add_customer(&input("Åsa Öberg", "asa@example.se")).await.expect("customer");
    let overdue = t.reg.open_request(c.id, RequestKind::Access, Some(d("2025-03-05")), None).await.expect("open");
    let soon = t.reg.open_request(c.id, RequestKind::Portability, Some(d("2025-03-20")), None).await.expect("open");
    let later = t.reg.open_request(c.id, RequestKind::Objection, Some(d("2025-04-07")), None).await.expect("open");
    let done = t.reg.open_request(c.id, RequestKind::Rectification, Some(d("2025-03-01")), None).await.expect("open");
    t.reg
        .request_step(done.id, Step::Refuse { reason: "Uppgiften är korrekt".into() }, Some(d("2025-03-02")))
        .await
        .expect("refuse");

    let as_of = d("2025-04-15");
    let inbox = t.reg.list_requests(as_of, ListFilter::default()).await.expect("list");
    let ids: Vec<_> = inbox.iter().map(|v| v.id).collect();
    assert_eq!(ids, vec![overdue.id, soon.id, later.id], "most urgent first; done requests left out");
    // due 2025-04-07 (overdue by 8 days); 2025-04-22 after Easter Monday (7 days left); 2025-05-07
    assert_eq!(inbox.iter().map(|v| v.days_left).collect::<Vec<_>>(), vec![-8, 7, 22]);
    assert_eq!(
        inbox.iter().map(|v| (v.overdue, v.due_soon)).collect::<Vec<_>>(),
        vec![(true, false), (false, true), (false, false)]
    );
    assert_eq!(inbox[0].customer_name.as_deref(), Some("Åsa Öberg"));
    let all = t.reg.list_requests(as_of, ListFilter { include_done: true }).await.expect("list");
    assert_eq!(all.len(), 4);
    assert!(!all[3].overdue && all[3].state == RequestState::Refused);
}

async fn a_request_needs_a_customer(kind: Kind) {
    let t = register(kind).await;
    let e = t.reg.open_request(kundvakt_core::values::CustomerId(99), RequestKind::Access, None, None).await;
    assert_eq!(e.expect_err("no such customer").code(), "not_found");
    let e = t.reg.request_step(kundvakt_core::values::RequestId(99), Step::Verify { how: None }, None).await;
    assert_eq!(e.expect_err("no such request").code(), "not_found");
}

/// Someone the register has no customer for is owed an answer within the
/// month too, if only that nothing of them is held (Art. 12(3), 15(1)): their
/// request is logged as they named themselves, its letters are addressed so,
/// and once the shop finds them after all, it becomes that customer's.
async fn a_request_from_someone_not_in_the_register(kind: Kind) {
    use kundvakt_core::requests::Asker;
    let t = register(kind).await;
    let person = Asker::person;
    let blank = t.reg.open_request_from(&person("  "), RequestKind::Access, None, None).await;
    assert!(blank.expect_err("no one").to_string().starts_with("requester: "));
    let eva = person(" Eva Ek, eva@example.se ");
    let open = |kind| t.reg.open_request_from(&eva, kind, Some(d("2025-03-05")), None);
    let r = open(RequestKind::Access).await.expect("open");
    assert_eq!((r.customer_id, r.requester.as_deref()), (None, Some("Eva Ek, eva@example.se")));
    assert_eq!(r.due_on, d("2025-04-07"));
    let listed = t.reg.list_requests(d("2025-03-06"), ListFilter::default()).await.expect("list");
    let shown: Vec<_> = listed.iter().map(|v| (v.id, v.customer, v.requester.as_deref())).collect();
    assert_eq!(shown, [(r.id, None, Some("Eva Ek, eva@example.se"))]);
    // The receipt is addressed to them as they named themselves.
    let receipt = t.reg.request_receipt(r.id, Some(Language::En), Format::Pdf).await.expect("receipt");
    let text = pdftotext(&receipt.bytes);
    assert!(text.contains("Eva Ek, eva@example.se"), "{text}");
    // The inbox saved as CSV names them as they named themselves.
    let dir = tempfile::tempdir().expect("dir");
    let inbox = dir.path().join("inbox.csv");
    t.reg.export_requests(d("2025-03-06"), ListFilter::default(), Language::En, &inbox).await.expect("saved");
    let mut reader = csv::ReaderBuilder::new().delimiter(b';').from_path(&inbox).expect("CSV");
    let row = reader.records().next().expect("a row").expect("CSV");
    assert_eq!((&row[0], &row[1], &row[2]), (r.id.to_string().as_str(), "", "Eva Ek, eva@example.se"));
    // Nothing of them is held: answered without a copy.
    let verify = |id| t.reg.request_step(id, Step::Verify { how: None }, Some(d("2025-03-06")));
    verify(r.id).await.expect("verify");
    let nothing = Step::Answer { answer: "Inga personuppgifter om dig behandlas".into() };
    let early = t.reg.request_notice(r.id, Some(Language::En), Format::Pdf).await.expect_err("not answered yet");
    assert!(early.to_string().contains("nothing to give notice of"), "{early}");
    assert_eq!(
        t.reg.request_step(r.id, nothing, Some(d("2025-03-07"))).await.expect("answer").state,
        RequestState::Answered
    );
    // The answer in writing, to them as they named themselves.
    let letter = t.reg.request_notice(r.id, Some(Language::En), Format::Pdf).await.expect("letter");
    let text = pdftotext(&letter.bytes).split_whitespace().collect::<Vec<_>>().join(" ");
    for said in [
        "We hold no personal data about you",
        "Eva Ek, eva@example.se",
        "Our answer",
        "Inga personuppgifter om dig behandlas",
    ] {
        assert!(text.contains(said), "{said}: {text}");
    }
    assert!(!text.contains("supervisory authority"), "no refusal to complain of: {text}");
    let json = t.reg.request_notice(r.id, None, Format::Json).await.expect("JSON");
    let value: serde_json::Value = serde_json::from_slice(&json.bytes).expect("JSON");
    common::assert_valid(&common::schema("request-notice.v1.json"), &value, "notice");
    let said = (value["notice"].as_str(), value["customer_name"].as_str());
    assert_eq!(said, (Some("nothing_held"), Some("Eva Ek, eva@example.se")));
    // Found after all, under another address: the request is hers, answered with her copy.
    let c = t.reg.add_customer(&input("Eva Ek", "eva.ek@example.se")).await.expect("customer");
    assert_eq!(t.reg.link_request(r.id, c.id).await.expect_err("answered").code(), "refused");
    let second = open(RequestKind::Access).await.expect("open");
    verify(second.id).await.expect("verify");
    let linked = t.reg.link_request(second.id, c.id).await.expect("linked");
    assert_eq!((linked.customer_id, linked.requester), (Some(c.id), None), "her record names her now");
    let again = t.reg.link_request(second.id, c.id).await.expect_err("hers already");
    assert!(again.to_string().contains("is a customer's already"), "{again}");
    let answer = Step::Answer { answer: "Registerutdrag skickat".into() };
    let uncopied = t.reg.request_step(second.id, answer.clone(), Some(d("2025-03-07"))).await;
    assert!(uncopied.expect_err("her copy first").to_string().contains("access report for the request first"));
    t.reg.access_report(c.id, None, Some(second.id), Format::Json).await.expect("report");
    t.reg.request_step(second.id, answer, Some(d("2025-03-07"))).await.expect("answered");
    let page = t.reg.customer_page(c.id).await.expect("page");
    assert_eq!(page.requests.iter().map(|x| x.id).collect::<Vec<_>>(), [second.id]);
    let steps = t.reg.request_detail(second.id, d("2025-03-07")).await.expect("detail").steps;
    assert!(steps.iter().any(|e| e.entry.action == "request.link"), "{steps:?}");
    // Written to in the language chosen for them, where not the register's (Art. 12(1)).
    let swedish = t.reg.request_receipt(r.id, None, Format::Pdf).await.expect("receipt");
    assert!(pdftotext(&swedish.bytes).contains("Vi har tagit emot din begäran"), "the register's language");
    let english = Asker::Person { name: "John Smith, john@example.com".into(), language: Some(Language::En) };
    let j = t.reg.open_request_from(&english, RequestKind::Access, Some(d("2025-03-05")), None).await.expect("open");
    assert_eq!(j.requester_language, Some(Language::En));
    let receipt = t.reg.request_receipt(j.id, None, Format::Pdf).await.expect("receipt");
    assert!(pdftotext(&receipt.bytes).contains("We have received your request"), "theirs");
    let linked = t.reg.link_request(j.id, c.id).await.expect("linked");
    assert_eq!((linked.requester, linked.requester_language), (None, None), "the customer's own language rules");
    assert_eq!(kundvakt_core::audit::verify(t.reg.store()).await.expect("verify").broken, None, "the trail holds");
}

/// A request for rectification (Art. 16) is answered by the corrections made
/// for it: only while it is open and the person's identity verified, only
/// for its own customer; each is recorded under it with the values it
/// replaced, and goes with the person when they are erased.
async fn a_rectification_is_recorded_under_its_request(kind: Kind) {
    use kundvakt_core::register::{CustomerChanges, CustomerInput, InteractionChanges};
    let t = register(kind).await;
    let c = t
        .reg
        .add_customer(&CustomerInput { city: Some("Stockholm".into()), ..input("Åsa Öberg", "asa@exempel.se") })
        .await
        .expect("add");
    let other = t.reg.add_customer(&input("Bo Ek", "bo@exempel.se")).await.expect("add");
    let note = t.reg.add_interaction(&common::phone_call(c.id, "Flyttar till Malmö i maj", None)).await.expect("note");
    let r = t.reg.open_request(c.id, RequestKind::Rectification, None, Some("email")).await.expect("open");
    let moved = CustomerChanges { fields: CustomerInput { city: Some("Malmö".into()), ..Default::default() } };
    // Before her identity is checked the request answers nothing, and nothing is written.
    let early = t.reg.edit_customer_answering(c.id, &moved, None, Some(r.id)).await.expect_err("unverified");
    assert_eq!(early.code(), "refused", "{early}");
    assert_eq!(t.reg.customer(c.id).await.expect("customer").city.as_deref(), Some("Stockholm"));
    t.reg.request_step(r.id, Step::Verify { how: Some("BankID".into()) }, None).await.expect("verify");
    // Someone else's request, or one of another kind, answers no correction of hers.
    let theirs = t.reg.open_request(other.id, RequestKind::Rectification, None, None).await.expect("open");
    t.reg.request_step(theirs.id, Step::Verify { how: None }, None).await.expect("verify");
    let e = t.reg.edit_customer_answering(c.id, &moved, None, Some(theirs.id)).await.expect_err("not hers");
    assert_eq!(e.code(), "invalid", "{e}");
    let access = t.reg.open_request(c.id, RequestKind::Access, None, None).await.expect("open");
    t.reg.request_step(access.id, Step::Verify { how: None }, None).await.expect("verify");
    let e = t.reg.edit_customer_answering(c.id, &moved, None, Some(access.id)).await.expect_err("an access request");
    assert_eq!(e.code(), "invalid", "{e}");

    t.reg.edit_customer_answering(c.id, &moved, None, Some(r.id)).await.expect("correct");
    let fix = InteractionChanges { summary: Some("Flyttar till Malmö i juni".into()), ..Default::default() };
    t.reg.edit_interaction_answering(note.id, &fix, None, Some(r.id)).await.expect("correct the note");
    // A correction of nobody's request stays outside it.
    let street =
        CustomerChanges { fields: CustomerInput { street: Some("Lilla torg 1".into()), ..Default::default() } };
    t.reg.edit_customer(c.id, &street, None).await.expect("correct");

    let detail = t.reg.request_detail(r.id, t.reg.today().await.expect("today")).await.expect("detail");
    let recorded: Vec<_> = detail
        .corrections
        .iter()
        .map(|k| (k.interaction_id, k.request_id, k.changes.iter().map(|x| x.after.clone()).collect::<Vec<_>>()))
        .collect();
    assert_eq!(
        recorded,
        vec![
            (None, Some(r.id), vec![Some("Malmö".to_owned())]),
            (Some(note.id), Some(r.id), vec![Some("Flyttar till Malmö i juni".to_owned())]),
        ]
    );
    // A corrected note is named by the time of its contact, which people know it by.
    let times: Vec<_> = detail.corrections.iter().map(|k| k.note_time).collect();
    assert_eq!(times, [None, Some(note.occurred_at)]);
    let page = t.reg.customer_page(c.id).await.expect("page");
    let under: Vec<_> = page.corrections.iter().map(|k| k.request_id).collect();
    assert_eq!(under, [Some(r.id), Some(r.id), None]);

    // Answered, it answers no more.
    t.reg.request_step(r.id, Step::Answer { answer: "Rättat: ort".into() }, None).await.expect("answer");
    let late = CustomerChanges { fields: CustomerInput { city: Some("Lund".into()), ..Default::default() } };
    let e = t.reg.edit_customer_answering(c.id, &late, None, Some(r.id)).await.expect_err("answered");
    assert_eq!(e.code(), "refused", "{e}");
    // Erased, she takes the old values with her; the request keeps its record of steps.
    t.reg.erase_customer(c.id, None).await.expect("erase");
    let detail = t.reg.request_detail(r.id, t.reg.today().await.expect("today")).await.expect("detail");
    assert_eq!(detail.corrections, vec![]);
    assert!(!detail.steps.is_empty());
}

/// A request to erase some details only (the phone number) is answered by
/// removing them under it (Art. 17(1)); a new value under it is refused, as
/// a correction is what a request for rectification asks for (Art. 16).
async fn an_erasure_of_some_details_is_answered_by_removing_them(kind: Kind) {
    use kundvakt_core::register::{CustomerChanges, CustomerInput};
    let t = register(kind).await;
    let c = t
        .reg
        .add_customer(&CustomerInput {
            city: Some("Stockholm".into()),
            phone: Some("070-123 45 67".into()),
            ..input("Åsa Öberg", "asa@exempel.se")
        })
        .await
        .expect("add");
    let r = t.reg.open_request(c.id, RequestKind::Erasure, None, Some("phone")).await.expect("open");
    t.reg.request_step(r.id, Step::Verify { how: Some("BankID".into()) }, None).await.expect("verify");
    let answer = || t.reg.request_step(r.id, Step::Answer { answer: "Telefonnumret är raderat".into() }, None);
    assert_eq!(answer().await.expect_err("nothing erased yet").code(), "refused");

    let moved = CustomerChanges { fields: CustomerInput { city: Some("Malmö".into()), ..Default::default() } };
    let e = t.reg.edit_customer_answering(c.id, &moved, None, Some(r.id)).await.expect_err("a new value");
    assert_eq!(
        e.to_string(),
        format!(
            "request {} asks for erasure (GDPR Art. 17): under it, details are only removed; a new value is a \
             correction, which a request for rectification asks for (Art. 16)",
            r.id
        )
    );
    assert_eq!(t.reg.customer(c.id).await.expect("customer").city.as_deref(), Some("Stockholm"), "nothing written");

    let erasure_backups = || {
        let Ok(files) = std::fs::read_dir(backup_folder(&t.location)) else { return 0 };
        files.filter(|f| f.as_ref().is_ok_and(|f| f.file_name().to_string_lossy().ends_with("-erasure.db"))).count()
    };
    let backups_before = erasure_backups();
    let no_phone = CustomerChanges { fields: CustomerInput { phone: Some(" ".into()), ..Default::default() } };
    let saved = t.reg.edit_customer_answering(c.id, &no_phone, None, Some(r.id)).await.expect("the phone removed");
    if matches!(kind, Kind::Sqlite) {
        assert_eq!(erasure_backups(), backups_before + 1, "a backup first, as before any erasure");
    }
    assert_eq!((saved.phone, saved.city.as_deref()), (None, Some("Stockholm")));
    let detail = t.reg.request_detail(r.id, t.reg.today().await.expect("today")).await.expect("detail");
    // The part removed, not what it held: the person asked for it to be erased.
    let removed: Vec<_> = detail
        .corrections
        .iter()
        .flat_map(|k| k.changes.iter().map(|x| (x.field, x.before.clone(), x.after.clone(), x.before_erased, k.intact)))
        .collect();
    assert_eq!(removed, [(Corrected::Phone, None, None, true, true)]);
    let page = t.reg.customer_page(c.id).await.expect("page");
    assert_eq!(page.corrections, detail.corrections);
    let report = t.reg.access_report_content(c.id, None, None).await.expect("report");
    assert_eq!(report.corrections, vec![], "nothing held of it to report");
    assert_eq!(answer().await.expect("answered by the removal").state, RequestState::Answered);
    assert!(kundvakt_core::audit::verify(t.reg.store()).await.expect("verify").broken.is_none());
    if let kundvakt_core::Location::Sqlite(path) = &t.location {
        t.reg.store().close().await;
        for suffix in ["", "-wal"] {
            let Ok(bytes) = std::fs::read(format!("{}{suffix}", path.display())) else { continue };
            for needle in ["701234567", "70-123 45"] {
                assert!(!bytes.windows(needle.len()).any(|w| w == needle.as_bytes()), "{needle} in the file{suffix}");
            }
        }
    }
}

/// Where an SQLite register's automatic backups go (`backup.folder` unset).
fn backup_folder(location: &kundvakt_core::Location) -> std::path::PathBuf {
    match location {
        kundvakt_core::Location::Sqlite(path) => {
            let stem = path.file_stem().map(|s| s.to_string_lossy().into_owned()).unwrap_or_default();
            path.with_file_name(format!("{stem}-backups"))
        }
        kundvakt_core::Location::Postgres(_) => std::path::PathBuf::new(),
    }
}

/// The inbox saved as CSV: the requests the inbox lists, in its order, each
/// with its deadline, extension, the days of its steps and how the identity
/// was checked, the words in the
/// language asked for, a channel a spreadsheet would run as a formula
/// neutralised; done requests only when asked for; saving it audited.
async fn the_inbox_is_saved_as_csv(kind: Kind) {
    let t = register(kind).await;
    let c = t.reg.add_customer(&input("Åsa Öberg", "asa@example.se")).await.expect("customer");
    let open = t.reg.open_request(c.id, RequestKind::Access, Some(d("2025-01-31")), Some("=1+1")).await.expect("open");
    t.reg
        .request_step(open.id, Step::Extend { reason: "Många ärenden".into() }, Some(d("2025-02-20")))
        .await
        .expect("extend");
    let done = t.reg.open_request(c.id, RequestKind::Rectification, Some(d("2025-03-01")), None).await.expect("open");
    t.reg
        .request_step(done.id, Step::Verify { how: Some("BankID".into()) }, Some(d("2025-03-02")))
        .await
        .expect("verify");
    t.reg
        .request_step(done.id, Step::Refuse { reason: "Uppgiften är korrekt".into() }, Some(d("2025-03-03")))
        .await
        .expect("refuse");
    let as_of = d("2025-04-15");
    let dir = tempfile::tempdir().expect("dir");
    let read = |path: &std::path::Path| -> Vec<Vec<String>> {
        let bytes = std::fs::read(path).expect("the file");
        let text = std::str::from_utf8(&bytes).expect("UTF-8").strip_prefix('\u{feff}').expect("a BOM").to_owned();
        let mut reader = csv::ReaderBuilder::new().delimiter(b';').has_headers(false).from_reader(text.as_bytes());
        reader.records().map(|r| r.expect("a row").iter().map(str::to_owned).collect()).collect()
    };

    let inbox = dir.path().join("inbox.csv");
    let saved = t.reg.export_requests(as_of, ListFilter::default(), Language::Sv, &inbox).await.expect("saved");
    assert_eq!(saved.digest, hex::encode(sha2::Sha256::digest(std::fs::read(&inbox).expect("file"))));
    let rows = read(&inbox);
    assert_eq!(rows[0][..5], ["Nr", "Kund", "Namn", "Typ av begäran", "Läge"], "in Swedish");
    assert_eq!((saved.requests, rows.len()), (1, 2), "the open request alone: {rows:?}");
    let id = open.id.to_string();
    let want = [
        id.as_str(),
        c.number.as_str(),
        "Åsa Öberg",
        "registerutdrag (art. 15)",
        "mottagen",
        "'=1+1",
        "2025-01-31",
        "2025-02-28",
        "2025-04-30",
        "Många ärenden",
        "15",
        "",
        "",
        "",
        "",
        "",
    ];
    assert_eq!(rows[1], want, "received, the first deadline, the extension and the days left to it");

    let all = dir.path().join("all.csv");
    let saved = t.reg.export_requests(as_of, ListFilter { include_done: true }, Language::En, &all).await.expect("all");
    let rows = read(&all);
    assert_eq!(rows[0][..5], ["No.", "Customer", "Name", "Kind of request", "State"]);
    assert_eq!(saved.requests, 2);
    let refused = &rows[2];
    assert_eq!(refused[0], done.id.to_string(), "the inbox's order: open first");
    assert_eq!((refused[4].as_str(), refused[11].as_str(), refused[12].as_str()), ("refused", "2025-03-02", "BankID"));
    assert_eq!((refused[10].as_str(), refused[14].as_str()), ("", "Uppgiften är korrekt"), "no days left once done");

    let entry = common::newest_entry(&t.reg).await;
    assert_eq!(entry.action.as_str(), "export.requests", "saving it is audited");
    assert_eq!(entry.entity_id, saved.digest[..16]);
}

/// A phone number removed for a request for erasure by a version that still
/// kept it beside the audit trail (as the removal's old value, and in the
/// records of the customer's other corrections) is forgotten by migration
/// 34, as the current version forgets it at once; the other corrections
/// keep what they changed.
async fn values_removed_before_migration_34_are_forgotten(kind: Kind) {
    use kundvakt_core::register::{CustomerChanges, CustomerInput};
    let t = register(kind).await;
    let with_phone = CustomerInput { phone: Some("+46701234567".into()), ..input("Åsa Öberg", "asa@exempel.se") };
    let c = t.reg.add_customer(&with_phone).await.expect("add");
    let erasure = t.reg.open_request(c.id, RequestKind::Erasure, None, None).await.expect("open");
    let rectification = t.reg.open_request(c.id, RequestKind::Rectification, None, None).await.expect("open");
    for r in [erasure.id, rectification.id] {
        t.reg.request_step(r, Step::Verify { how: None }, None).await.expect("verify");
    }
    let city = CustomerChanges { fields: CustomerInput { city: Some("Malmö".into()), ..Default::default() } };
    t.reg.edit_customer_answering(c.id, &city, None, Some(rectification.id)).await.expect("corrected");
    let phone = CustomerChanges { fields: CustomerInput { phone: Some("".into()), ..Default::default() } };
    t.reg.edit_customer_answering(c.id, &phone, None, Some(erasure.id)).await.expect("removed");
    let kept = "SELECT count(*) FROM corrections WHERE before LIKE '%701234567%' OR after LIKE '%701234567%'";
    assert_eq!(common::scalar(&t.location, kept).await, 0, "forgotten at once");
    // As the older version kept it: the whole records before and after, the phone number in them.
    let set = "UPDATE corrections SET before = replace(before, '\"phone\":true', '\"phone\":\"+46701234567\"'), \
               after = replace(after, '\"phone\":true', '\"phone\":\"+46701234567\"')";
    common::execute(&t.location, set).await;
    assert_eq!(common::scalar(&t.location, kept).await, 2, "kept as the older version kept it");

    let dir = match kind {
        Kind::Sqlite => "sqlite",
        Kind::Postgres => "postgres",
    };
    let file =
        format!("{}/core/migrations/{dir}/20261204000034_removed_values_forgotten.sql", env!("CARGO_MANIFEST_DIR"));
    let sql = std::fs::read_to_string(file).expect("migration 34");
    let code: String = sql.lines().filter(|l| !l.starts_with("--")).collect::<Vec<_>>().join("\n");
    for statement in code.split(';').map(str::trim).filter(|s| !s.is_empty()) {
        common::execute(&t.location, statement).await;
    }
    assert_eq!(common::scalar(&t.location, kept).await, 0, "forgotten");
    let page = t.reg.customer_page(c.id).await.expect("page");
    let changes: Vec<_> = page
        .corrections
        .iter()
        .flat_map(|k| k.changes.iter().map(|x| (k.request_id, x.field, x.before.clone(), x.before_erased)))
        .collect();
    assert_eq!(
        changes,
        [(Some(rectification.id), Corrected::City, None, false), (Some(erasure.id), Corrected::Phone, None, true)],
        "the city was empty before the correction"
    );
    assert!(page.corrections.iter().all(|k| k.intact));
}

on_both_backends!(
    the_inbox_is_saved_as_csv,
    a_request_walks_through_its_workflow,
    a_copy_answers_its_request_unless_nothing_is_left,
    a_refusal_needs_its_reason,
    an_extension_is_recorded_by_the_first_deadline,
    the_inbox_sorts_by_days_left_and_warns,
    a_request_needs_a_customer,
    a_request_from_someone_not_in_the_register,
    a_rectification_is_recorded_under_its_request,
    an_erasure_of_some_details_is_answered_by_removing_them,
    values_removed_before_migration_34_are_forgotten,
);

#[test]
fn the_command_line_gives_the_stable_json_keys() {
    let dir = tempfile::tempdir().expect("dir");
    let db = dir.path().join("r.db").display().to_string();
    let kv = |args: &[&str]| common::kv_ok(&db, args);
    kv(&["init", "--country", "NO"]);
    let id = kv(&["customer", "add", "--name", "Kari Nordmann", "--email", "kari@example.no"]);
    let opened: serde_json::Value = serde_json::from_str(&kv(&[
        "request",
        "open",
        "--customer",
        id.trim(),
        "--kind",
        "access",
        "--received",
        "2025-03-17",
        "--json",
    ]))
    .expect("json");
    let rid = opened["id"].to_string();
    kv(&[
        "request",
        "verify",
        &rid,
        "--on",
        "2025-03-18",
        "--how",
        "Kopia av pass, sendt fra e-postadressen i registeret",
    ]);
    kv(&["request", "extend", &rid, "--reason", "Stor mengde data", "--on", "2025-04-01"]);
    let list: serde_json::Value =
        serde_json::from_str(&kv(&["request", "list", "--as-of", "2025-04-22", "--json"])).expect("json");
    let r = &list[0];
    for key in ["id", "customer", "kind", "state", "received", "due_date", "extended_due_date", "days_left"] {
        assert!(r.get(key).is_some(), "{key} in {r}");
    }
    // Norway: 2025-04-17 is Maundy Thursday, so the first deadline is Tuesday 2025-04-22.
    assert_eq!((r["received"].as_str(), r["state"].as_str()), (Some("2025-03-17"), Some("identity_verified")));
    assert_eq!(r["first_due_date"], "2025-04-22");
    assert_eq!((r["due_date"].as_str(), r["extended_due_date"].as_str()), (Some("2025-06-17"), Some("2025-06-17")));
    assert_eq!(r["days_left"], 56);
    let shown = kv(&["request", "show", &rid, "--as-of", "2025-04-22"]);
    assert!(shown.contains("request.extend") && shown.contains("Stor mengde data"), "{shown}");
    assert!(shown.contains("2025-03-18 Kopia av pass"), "how the identity was checked: {shown}");
    assert_eq!(r["verification"], "Kopia av pass, sendt fra e-postadressen i registeret");
    // The notice of the extension the person is owed (Art. 12(3)), in their language (the shop's).
    let out = dir.path().join("notice.json");
    kv(&["report", "notice", &rid, "--format", "json", "--out", &out.display().to_string()]);
    let notice: serde_json::Value = serde_json::from_slice(&std::fs::read(&out).expect("written")).expect("json");
    assert_eq!((&notice["notice"], &notice["reason"]), (&"extension".into(), &"Stor mengde data".into()));
    assert_eq!(notice["request"]["due_date"], "2025-06-17");
    // The request's page names the notice among its documents, with the digest of the file handed out.
    let digest = hex::encode(sha2::Sha256::digest(std::fs::read(&out).expect("written")));
    let shown = kv(&["request", "show", &rid, "--as-of", "2025-04-22"]);
    assert!(shown.contains("Documents produced") && shown.contains(&digest), "{shown}");
    let detail: serde_json::Value = serde_json::from_str(&kv(&["request", "show", &rid, "--json"])).expect("json");
    assert_eq!((&detail["id"], &detail["state"]), (&opened["id"], &"identity_verified".into()));
    let documents = detail["documents"].as_array().expect("documents");
    assert_eq!(documents.len(), 1, "{detail}");
    assert_eq!((&documents[0]["kind"], &documents[0]["format"]), (&"notice".into(), &"json".into()));
    assert_eq!(documents[0]["digest"], serde_json::json!(digest));
    let steps: Vec<&str> =
        detail["steps"].as_array().expect("steps").iter().filter_map(|e| e["action"].as_str()).collect();
    assert_eq!(steps, ["request.open", "request.verify", "request.extend"]);
}

/// A copy made without `--request` answers none: the command line names
/// the customer's open request of that kind, so that its deadline does not
/// run out while the copy lies unsent, and says what is still to do.
#[test]
fn a_copy_made_without_its_request_names_the_open_one() {
    let dir = tempfile::tempdir().expect("dir");
    let db = dir.path().join("r.db").display().to_string();
    let kv = |args: &[&str]| common::kv_ok(&db, args);
    let note = |args: &[&str]| {
        let out = common::kv_output(&db, args);
        assert!(out.status.success(), "{}", String::from_utf8_lossy(&out.stderr));
        String::from_utf8_lossy(&out.stderr).into_owned()
    };
    kv(&["init"]);
    kv(&["settings", "set", "controller.name", "Garn og Gleder AS"]);
    kv(&["settings", "set", "controller.email", "post@garnoggleder.example"]);
    let id = kv(&["customer", "add", "--name", "Kari Nordmann", "--email", "kari@example.no"]);
    let id = id.trim();
    let out = dir.path().join("copy.json").display().to_string();
    let access = ["report", "access", id, "--format", "json", "--out", &out, "--force"];
    assert_eq!(note(&access), "", "no request, nothing to say");
    let opened = kv(&["request", "open", "--customer", id, "--kind", "access"]);
    let rid = opened.trim();
    let said = note(&access);
    assert!(said.contains(&format!("request {rid} (access, due ")), "{said}");
    assert!(said.contains(&format!("`request verify {rid}`, then add --request {rid}")), "{said}");
    kv(&["request", "verify", rid]);
    let said = note(&access);
    assert!(said.contains(&format!("is open: add --request {rid} to answer it")), "{said}");
    assert_eq!(note(&[&access[..], &["--request", rid]].concat()), "", "it answers the request");
    // A portability export is not the access request's answer.
    let portable = ["report", "portability", id, "--out", &out, "--force"];
    assert_eq!(note(&portable), "");
}
