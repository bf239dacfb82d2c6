//! The mailing list of a consent's purpose (the newsletter, text messages):
//! who consents now, each once, with the proof's date, wording and channel;
//! not those who withdrew, were erased or are restricted; the file as the
//! other exports write it, audited. On both backends.

mod common;

use chrono::{DateTime, Utc};
use common::{input, register, Kind};
use kundvakt_core::register::restriction::RestrictionGround;
use kundvakt_core::register::NewConsent;
use kundvakt_core::values::CustomerId;
use sha2::Digest;

fn at(s: &str) -> DateTime<Utc> {
    s.parse().expect("time")
}

async fn who_consents_now_is_on_the_list_once(kind: Kind) {
    let t = register(kind).await;
    let add = |name: &str, email: &str, phone: Option<&str>| {
        let t = &t;
        let customer = kundvakt_core::register::CustomerInput { phone: phone.map(str::to_owned), ..input(name, email) };
        async move { t.reg.add_customer(&customer).await.expect("customer").id }
    };
    let consent = |customer: CustomerId, purpose: &str, given: &str| {
        let t = &t;
        let c = NewConsent {
            customer_id: customer,
            purpose: purpose.to_owned(),
            // The wording of the year given: a consent anew is to a new wording.
            text_version: format!("nyhetsbrev-{}", &given[..4]),
            given_at: at(given),
            channel: "web_form".into(),
        };
        async move { t.reg.add_consent(&c).await.expect("consent") }
    };
    let dir = tempfile::tempdir().expect("dir");
    let none = t.reg.export_consent_list("newsletter", &dir.path().join("none.csv")).await.expect_err("no consents");
    assert_eq!(none.to_string(), "purpose: no consent has been recorded yet, to `newsletter` or anything else");

    let asa = add("Åsa Öberg", "asa@exempel.se", Some("070-123 45 67")).await;
    // Given twice (to the wordings of two years), on the list once, with the latest; typed as the Swedish window names the purpose.
    consent(asa, "newsletter", "2024-03-01T10:00:00Z").await;
    let again = consent(asa, "Nyhetsbrev", "2025-02-01T09:30:00Z").await;
    assert_eq!(again.purpose, "newsletter", "kept as its code");
    let bo = add("Bo Ek", "bo@exempel.se", None).await;
    let withdrawn = consent(bo, "newsletter", "2024-05-01T10:00:00Z").await;
    t.reg.withdraw_consent(withdrawn.id, None).await.expect("withdrawn");
    let cay = add("Cay Lund", "cay@exempel.se", Some("070-765 43 21")).await;
    consent(cay, "text messages (SMS)", "2024-06-01T10:00:00Z").await;
    let dan = add("Dan Holm", "dan@exempel.se", None).await;
    consent(dan, "newsletter", "2024-07-01T10:00:00Z").await;
    t.reg.restrict_customer(dan, RestrictionGround::ObjectionPending, None, None).await.expect("restricted");
    let eva = add("Eva Berg", "eva@exempel.se", None).await;
    consent(eva, "newsletter", "2024-08-01T10:00:00Z").await;
    t.reg.erase_customer(eva, None).await.expect("erased");
    let formula = add("=HYPERLINK(\"x\")", "f@exempel.se", None).await;
    consent(formula, "newsletter", "2024-09-01T10:00:00Z").await;

    let purposes: Vec<(String, i64)> =
        t.reg.consent_purposes().await.expect("purposes").into_iter().map(|p| (p.purpose, p.consenting)).collect();
    assert_eq!(purposes, [("newsletter".to_owned(), 3), ("sms".to_owned(), 1)], "Åsa, Dan and the formula; Cay");

    let out = dir.path().join("nyhetsbrev.csv");
    let list = t.reg.export_consent_list("nyhetsbrev", &out).await.expect("the list");
    assert_eq!((list.purpose.as_str(), list.recipients, list.restricted_left_out), ("newsletter", 2, 1));
    let bytes = std::fs::read(&out).expect("file");
    assert_eq!(list.digest, hex::encode(sha2::Sha256::digest(&bytes)));
    let text = std::str::from_utf8(&bytes).expect("UTF-8").strip_prefix('\u{feff}').expect("a BOM");
    let mut reader = csv::ReaderBuilder::new().delimiter(b';').from_reader(text.as_bytes());
    let header: Vec<String> = reader.headers().expect("header").iter().map(str::to_owned).collect();
    assert_eq!(
        header,
        ["number", "name", "email", "phone", "language", "consent_given_at", "consent_text_version", "consent_channel"]
    );
    let rows: Vec<Vec<String>> =
        reader.records().map(|r| r.expect("row").iter().map(str::to_owned).collect()).collect();
    assert_eq!(
        rows,
        [
            // The phone in E.164 as a mailing tool needs it, though it begins with a plus.
            ["K000001", "Åsa Öberg", "asa@exempel.se", "+46701234567", "sv", "2025-02-01T09:30:00Z"],
            // A name a spreadsheet would run as a formula, neutralised.
            ["K000006", "'=HYPERLINK(\"x\")", "f@exempel.se", "", "sv", "2024-09-01T10:00:00Z"],
        ]
        .map(|r| {
            let mut r: Vec<String> = r.map(str::to_owned).to_vec();
            r.extend([format!("nyhetsbrev-{}", &r[5][..4]), "web_form".to_owned()]);
            r
        })
    );

    let sms = t.reg.export_consent_list("SMS-utskick", &dir.path().join("sms.csv")).await.expect("the sms list");
    assert_eq!((sms.purpose.as_str(), sms.recipients), ("sms", 1));
    let slip = t.reg.export_consent_list("kurser", &dir.path().join("kurser.csv")).await.expect_err("no such purpose");
    assert_eq!(
        slip.to_string(),
        "purpose: no consent has been given to `kurser`; the purposes consented to are: newsletter, sms"
    );
    assert!(!dir.path().join("kurser.csv").exists(), "no file for a slip");

    let entry = common::newest_entry(&t.reg).await;
    assert_eq!(entry.action.as_str(), "export.consents", "saving it is audited");
    assert_eq!(entry.entity_id, sms.digest[..16]);
}

/// `consent list` names the purposes, and with `--purpose` and `--out`
/// writes the list; a slip exits 1 naming the purposes there are.
#[test]
fn the_command_line_lists_purposes_and_writes_the_list() {
    let dir = tempfile::tempdir().expect("dir");
    let db = dir.path().join("r.db").display().to_string();
    let kv = |args: &[&str]| common::kv_ok(&db, args);
    kv(&["init", "--country", "NO", "--language", "nb"]);
    let id = kv(&["customer", "add", "--name", "Kari Nordmann", "--email", "kari@example.no", "--phone", "912 34 567"]);
    kv(&[
        "consent",
        "give",
        "--customer",
        &id,
        "--purpose",
        "nyhetsbrev",
        "--text-version",
        "v1",
        "--channel",
        "email",
    ]);
    let purposes = kv(&["consent", "list", "--json"]);
    let purposes: serde_json::Value = serde_json::from_str(&purposes).expect("JSON");
    assert_eq!(purposes, serde_json::json!([{ "purpose": "newsletter", "consenting": 1 }]));
    let out = dir.path().join("liste.csv").display().to_string();
    let said = kv(&["consent", "list", "--purpose", "newsletter", "--out", &out]);
    assert!(said.starts_with(&format!("Wrote {out} (1 customer consenting to newsletter now; SHA-256 ")), "{said}");
    let text = std::fs::read_to_string(&out).expect("the list");
    assert!(text.contains(";Kari Nordmann;kari@example.no;+4791234567;nb;"), "{text}");
    let slip = common::kv_output(&db, &["consent", "list", "--purpose", "kurs", "--out", &out]);
    assert_eq!(slip.status.code(), Some(1));
    assert_eq!(
        String::from_utf8_lossy(&slip.stderr).trim(),
        "error: --purpose: no consent has been given to `kurs`; the purposes consented to are: newsletter"
    );
}

on_both_backends!(who_consents_now_is_on_the_list_once);
