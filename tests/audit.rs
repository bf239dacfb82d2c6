//! The audit trail: every write leaves an entry, and any later change to the
//! entries is found by `verify`, on both backends.

mod common;

use common::{input, register, Kind, TestRegister};
use kundvakt_core::audit::{self, BreakKind};
use kundvakt_core::register::{CustomerChanges, CustomerInput};
use kundvakt_core::reports::Format;
use kundvakt_core::requests::RequestKind;
use kundvakt_core::retention::sweep::Batching;
use kundvakt_core::values::Language;
use kundvakt_core::{OpenMode, Register};

/// Runs one statement straight against the register's database, as a tamperer would.
async fn tamper(t: &TestRegister, sql: &str) {
    common::execute(&t.location, sql).await;
}

async fn with_five_customers(kind: Kind) -> TestRegister {
    let t = register(kind).await;
    for i in 0..5 {
        t.reg.add_customer(&input(&format!("Kund {i}"), &format!("k{i}@example.se"))).await.expect("add");
    }
    t
}

async fn every_write_is_chained(kind: Kind) {
    let t = with_five_customers(kind).await;
    let v = audit::verify(t.reg.store()).await.expect("verify");
    assert_eq!(v.broken, None);
    // init + five customers
    assert_eq!(v.entries, 6);
    let (seq, hash) = t.reg.audit_head().await.expect("head");
    assert_eq!((seq, hash), (v.entries, v.head));
}

async fn an_edited_entry_is_named(kind: Kind) {
    let t = with_five_customers(kind).await;
    tamper(&t, "UPDATE audit_entries SET actor = 'someone else' WHERE seq = 4").await;
    let b = audit::verify(t.reg.store()).await.expect("verify").broken.expect("broken");
    assert_eq!((b.seq, b.kind), (4, BreakKind::Edited));
    assert!(b.reason.contains("edited"), "{}", b.reason);
}

async fn an_edited_digest_is_found(kind: Kind) {
    let t = with_five_customers(kind).await;
    tamper(&t, "UPDATE audit_entries SET after_digest = 'ab' WHERE seq = 3").await;
    assert_eq!(audit::verify(t.reg.store()).await.expect("verify").broken.map(|b| b.seq), Some(3));
}

async fn a_deleted_entry_is_found(kind: Kind) {
    let t = with_five_customers(kind).await;
    tamper(&t, "DELETE FROM audit_entries WHERE seq = 2").await;
    let b = audit::verify(t.reg.store()).await.expect("verify").broken.expect("broken");
    assert_eq!((b.seq, b.kind), (2, BreakKind::Missing));
    assert!(b.reason.contains("missing"), "{}", b.reason);
}

async fn a_cut_tail_is_found(kind: Kind) {
    let t = with_five_customers(kind).await;
    tamper(&t, "DELETE FROM audit_entries WHERE seq = 6").await;
    let broken = audit::verify(t.reg.store()).await.expect("verify").broken;
    assert_eq!(broken.map(|b| (b.seq, b.kind)), Some((6, BreakKind::Cut)));
}

async fn a_rewritten_chain_is_found(kind: Kind) {
    // Recomputing one entry's hash is not enough: the next entry's link breaks.
    let t = with_five_customers(kind).await;
    let entries = audit::history(t.reg.store(), kundvakt_core::values::CustomerId(2)).await.expect("history");
    let mut forged = entries[0].entry.clone();
    forged.actor = "mallory".into();
    let hash = forged.hash();
    tamper(&t, &format!("UPDATE audit_entries SET actor = 'mallory', hash = '{hash}' WHERE seq = {}", forged.seq))
        .await;
    let broken = audit::verify(t.reg.store()).await.expect("verify").broken;
    assert_eq!(broken.map(|b| (b.seq, b.kind)), Some((forged.seq + 1, BreakKind::Link)));
}

/// Another computer writes while this one verifies: the entries and the head
/// are read as of one moment, so nothing reads as broken. (On PostgreSQL the
/// head was read after the entries, in a statement of its own, and an entry
/// written in between made a sound chain look cut.)
async fn verifying_while_another_computer_writes_finds_the_chain_whole(kind: Kind) {
    let t = with_five_customers(kind).await;
    let other = Register::open(&t.location, OpenMode::Existing, "the other computer").await.expect("open again");
    let pace = common::Pace::default();
    let paced = pace.clone();
    let writer = tokio::spawn(async move {
        for i in 0..150 {
            other.add_customer(&input(&format!("Kund {i}"), &format!("more{i}@example.se"))).await.expect("add");
            paced.checkpoint(i, 30).await;
        }
    });
    let mut verified = 0;
    while !writer.is_finished() {
        let v = audit::verify(t.reg.store()).await.expect("verify");
        assert_eq!(v.broken, None, "after {verified} verifications, with {} entries", v.entries);
        verified = pace.read();
    }
    writer.await.expect("the writer");
    assert!(verified >= 3, "the verifications overlapped the writes ({verified})");
    let v = audit::verify(t.reg.store()).await.expect("verify");
    assert_eq!((v.broken, v.entries), (None, 156));
}

/// A correction keeps the old value in the audit trail, not in the register
/// (PRODUCT.md section 4; Art. 16): the customer page names each changed part
/// with its value before and after, checked against the entry's digests; an
/// altered value is flagged, and an erasure takes every old value with it.
async fn a_correction_keeps_the_old_value_until_the_person_is_erased(kind: Kind) {
    use kundvakt_core::audit::corrections::Corrected;
    use kundvakt_core::register::{CustomerChanges, InteractionChanges};
    let t = register(kind).await;
    let c = t
        .reg
        .add_customer(&kundvakt_core::register::CustomerInput {
            phone: Some("070-111 11 11".into()),
            ..input("Asa Oberg", "asa@example.se")
        })
        .await
        .expect("add");
    let rename = CustomerChanges {
        fields: kundvakt_core::register::CustomerInput {
            name: Some("Åsa Öberg".into()),
            phone: Some("070-222 22 22".into()),
            ..Default::default()
        },
    };
    t.reg.edit_customer(c.id, &rename, None).await.expect("correct");
    // The same number typed another way changes nothing and keeps nothing.
    let same = CustomerChanges {
        fields: kundvakt_core::register::CustomerInput { phone: Some("+46 70 222 22 22".into()), ..Default::default() },
    };
    t.reg.edit_customer(c.id, &same, None).await.expect("same");
    let note = t.reg.add_interaction(&common::phone_call(c.id, "Vill byta till storlek M", None)).await.expect("note");
    let fix = InteractionChanges { summary: Some("Vill byta till storlek S".into()), ..Default::default() };
    t.reg.edit_interaction(note.id, &fix, None).await.expect("correct the note");

    let page = t.reg.customer_page(c.id).await.expect("page");
    assert_eq!(page.customer.name.as_deref(), Some("Åsa Öberg"), "the register keeps the corrected value");
    let found: Vec<_> = page
        .corrections
        .iter()
        .map(|k| {
            let parts: Vec<_> = k.changes.iter().map(|x| (x.field, x.before.clone(), x.after.clone())).collect();
            (k.interaction_id, k.actor.as_str(), k.intact, parts)
        })
        .collect();
    let s = |x: &str| Some(x.to_owned());
    assert_eq!(
        found,
        vec![
            (
                None,
                "test",
                true,
                vec![
                    (Corrected::Name, s("Asa Oberg"), s("Åsa Öberg")),
                    (Corrected::Phone, s("+46701111111"), s("+46702222222")),
                ]
            ),
            (
                Some(note.id),
                "test",
                true,
                vec![(Corrected::Summary, s("Vill byta till storlek M"), s("Vill byta till storlek S"))]
            ),
        ]
    );
    // The numbers as the page writes them: a Swedish customer's in Sweden's own form.
    let phone = &page.corrections[0].changes[1];
    assert_eq!(
        (phone.before_shown.as_deref(), phone.after_shown.as_deref()),
        (Some("070-111 11 11"), Some("070-222 22 22"))
    );
    assert_eq!(page.corrections[0].changes[0].before_shown, None, "only a phone has a written form of its own");
    // Each correction is the audit entry of its edit.
    let history = audit::history(t.reg.store(), c.id).await.expect("history");
    for k in &page.corrections {
        let entry = history.iter().find(|e| e.entry.seq == k.seq).expect("the entry");
        assert!(entry.entry.action.ends_with(".edit"), "{}", entry.entry.action);
    }

    // An old value altered by hand is no longer the trail's, and says so.
    tamper(
        &t,
        &format!(
            "UPDATE corrections SET before = replace(before, 'Asa', 'Eva') WHERE seq = {}",
            page.corrections[0].seq
        ),
    )
    .await;
    let page = t.reg.customer_page(c.id).await.expect("page");
    assert_eq!(page.corrections[0].changes[0].before.as_deref(), Some("Eva Oberg"));
    assert!(!page.corrections[0].intact && page.corrections[1].intact);

    // The erasure takes the old values with the person; the chain keeps its digests and holds.
    t.reg.erase_customer(c.id, None).await.expect("erase");
    assert_eq!(common::scalar(&t.location, "SELECT count(*) FROM corrections").await, 0);
    assert_eq!(t.reg.customer_page(c.id).await.expect("page").corrections, vec![]);
    assert_eq!(audit::verify(t.reg.store()).await.expect("verify").broken, None);
}

/// The trail read as people ask of it: newest first, by day on the shop's
/// clock, by whose work, by customer (an erased one under their pseudonym)
/// and by kind of action, a page at a time without gaps or repeats.
async fn the_trail_is_read_by_day_person_customer_and_kind(kind: Kind) {
    use kundvakt_core::audit::trail::{self, TrailQuery};
    use kundvakt_core::register::{CustomerChanges, CustomerInput};
    let t = register(kind).await;
    let asa = t.reg.add_customer(&input("Åsa Öberg", "asa@example.se")).await.expect("Åsa");
    let bo = t.reg.add_customer(&input("Bo Ek", "bo@example.se")).await.expect("Bo");
    let anna = Register::open(&t.location, OpenMode::Existing, "anna").await.expect("Anna's computer");
    let changes = CustomerChanges { fields: CustomerInput { city: Some("Gävle".into()), ..CustomerInput::default() } };
    anna.edit_customer(asa.id, &changes, None).await.expect("Anna corrects Åsa's city");
    anna.erase_customer(bo.id, None).await.expect("Anna erases Bo");
    let order = t.reg.add_order(&common::paid_order(asa.id, "O-77", "2026-01-15", 12_500)).await.expect("Åsa's order");
    // A setting's entry names its key, a word where the others name a number.
    t.reg.set_setting("controller.name", "Butiken AB").await.expect("a setting");
    let read = |q: TrailQuery| {
        let store = t.reg.store().clone();
        async move { trail::read(&store, &TrailQuery { limit: 100, ..q }).await }
    };
    let all = read(TrailQuery::default()).await.expect("all");
    let seqs: Vec<i64> = all.entries.iter().map(|e| e.stored.entry.seq).collect();
    let head = t.reg.audit_head().await.expect("head").0;
    assert_eq!(seqs, (1..=head).rev().collect::<Vec<_>>(), "every entry, newest first");
    assert!(!all.more);

    let annas = read(TrailQuery { actor: Some("anna".into()), ..TrailQuery::default() }).await.expect("Anna's");
    let actions: Vec<&str> = annas.entries.iter().map(|e| e.stored.entry.action.as_str()).collect();
    assert_eq!(actions.first(), Some(&"customer.erase"), "{actions:?}");
    assert!(
        actions.contains(&"customer.edit") && annas.entries.iter().all(|e| e.stored.entry.actor == "anna"),
        "{actions:?}"
    );

    let about_asa = read(TrailQuery { customer: Some(asa.id), ..TrailQuery::default() }).await.expect("Åsa's");
    let actions: Vec<&str> = about_asa.entries.iter().map(|e| e.stored.entry.action.as_str()).collect();
    assert_eq!(actions, ["order.add", "customer.edit", "customer.add"]);
    assert!(about_asa.entries.iter().all(|e| e.customer_number.as_deref() == Some(asa.number.as_str())));

    // An erased customer is named by the pseudonym the register keeps, never their old number.
    let erasures =
        read(TrailQuery { action: Some("customer.erase".into()), ..TrailQuery::default() }).await.expect("erasures");
    assert_eq!(erasures.entries.len(), 1);
    let erased = t.reg.customer(bo.id).await.expect("Bo's row");
    assert_eq!(erasures.entries[0].customer_number.as_deref(), Some(erased.pseudonym.as_str()));
    assert_ne!(erased.pseudonym, bo.number);
    // An order is named by its number, by which people know it; other records by their id or key.
    let orders = read(TrailQuery { action: Some("order".into()), ..TrailQuery::default() }).await.expect("orders");
    assert_eq!(orders.entries.len(), 1);
    assert_eq!(orders.entries[0].stored.entry.entity_id, order.id.to_string());
    assert_eq!(orders.entries[0].record_number.as_deref(), Some("O-77"));
    let settings =
        read(TrailQuery { action: Some("settings".into()), ..TrailQuery::default() }).await.expect("settings");
    assert_eq!(settings.entries[0].stored.entry.entity_id, "controller.name");
    assert_eq!(settings.entries[0].record_number, None);
    let customers = read(TrailQuery { action: Some("customer".into()), ..TrailQuery::default() }).await.expect("group");
    assert_eq!(customers.entries.len(), 4, "two added, one corrected, one erased");

    // Days on the shop's clock: today holds them all, tomorrow and yesterday none.
    let today = t.reg.today().await.expect("today");
    let day = |from, to| TrailQuery { from: Some(from), to: Some(to), ..TrailQuery::default() };
    assert_eq!(read(day(today, today)).await.expect("today").entries.len(), all.entries.len());
    let tomorrow = today.succ_opt().expect("tomorrow");
    let yesterday = today.pred_opt().expect("yesterday");
    assert_eq!(read(day(tomorrow, tomorrow)).await.expect("tomorrow").entries.len(), 0);
    assert_eq!(read(day(yesterday, yesterday)).await.expect("yesterday").entries.len(), 0);

    // Pages of two, each from the last one's seq: the same entries, once each.
    let mut paged = vec![];
    let mut before = None;
    loop {
        let page =
            trail::read(t.reg.store(), &TrailQuery { limit: 2, before, ..TrailQuery::default() }).await.expect("page");
        paged.extend(page.entries.iter().map(|e| e.stored.entry.seq));
        before = page.entries.last().map(|e| e.stored.entry.seq);
        if !page.more {
            break;
        }
    }
    assert_eq!(paged, seqs);

    let unknown =
        read(TrailQuery { action: Some("custom".into()), ..TrailQuery::default() }).await.expect_err("no such group");
    assert!(unknown.to_string().contains("`custom`") && unknown.to_string().contains("customer"), "{unknown}");
    let backwards = read(day(today, yesterday)).await.expect_err("backwards");
    assert!(backwards.to_string().contains("--to"), "{backwards}");
}

/// The trail saved as CSV: every entry the question selects, across pages,
/// each row as the trail reads it (its hashes, the customer by number or
/// pseudonym), the words in the language asked for, a name a spreadsheet
/// would run as a formula neutralised, the file's digest in its own audit
/// entry, and no file at all when the question is wrong.
async fn the_trail_is_saved_whole_as_csv(kind: Kind) {
    use kundvakt_core::audit::trail::{self, TrailQuery, MAX_PAGE};
    use kundvakt_core::values::Language;
    use sha2::Digest;
    let t = register(kind).await;
    // A name that a spreadsheet would run as a formula, as the trail records a person.
    let tricky = Register::open(&t.location, OpenMode::Existing, "=HYPERLINK(\"x\")").await.expect("a computer");
    let first = tricky.add_customer(&input("Åsa Öberg", "asa@example.se")).await.expect("Åsa");
    // More entries than one page of the trail holds.
    for i in 0..MAX_PAGE {
        t.reg.add_customer(&input(&format!("Kund {i}"), &format!("k{i}@example.se"))).await.expect("add");
    }
    tricky.erase_customer(first.id, None).await.expect("erased");
    let head = t.reg.audit_head().await.expect("head").0;
    assert!(head > i64::from(MAX_PAGE) + 2, "{head} entries");

    let dir = tempfile::tempdir().expect("dir");
    let out = dir.path().join("trail.csv");
    let saved = t.reg.export_audit_trail(&TrailQuery::default(), Language::Sv, &out).await.expect("saved");
    let bytes = std::fs::read(&out).expect("the file");
    assert_eq!(saved.digest, hex::encode(sha2::Sha256::digest(&bytes)), "the digest is the file's");
    assert_eq!(saved.entries, head, "every entry, not a page");
    let text = std::str::from_utf8(&bytes).expect("UTF-8").strip_prefix('\u{feff}').expect("a BOM for spreadsheets");
    let mut reader = csv::ReaderBuilder::new().delimiter(b';').from_reader(text.as_bytes());
    let header: Vec<String> = reader.headers().expect("header").iter().map(str::to_owned).collect();
    assert_eq!(header[..5], ["Nr", "Tid", "Av", "Händelse", "Vad"], "in Swedish");
    let rows: Vec<csv::StringRecord> = reader.records().map(|r| r.expect("a row")).collect();
    let seqs: Vec<i64> = rows.iter().map(|r| r[0].parse().expect("seq")).collect();
    assert_eq!(seqs, (1..=head).rev().collect::<Vec<_>>(), "newest first, none twice, none left out");

    // Each row is the entry the trail holds (the save's own entry, newer, aside).
    let all = |before| {
        let store = t.reg.store().clone();
        async move { trail::read(&store, &TrailQuery { limit: MAX_PAGE, before, ..TrailQuery::default() }).await }
    };
    let page = all(Some(head + 1)).await.expect("the page the file begins with");
    for (row, entry) in rows.iter().zip(&page.entries) {
        assert_eq!(row[3], entry.stored.entry.action);
        assert_eq!(row[11], entry.stored.hash);
        assert_eq!(row[10], entry.stored.entry.prev_hash);
        assert_eq!(row[9], entry.stored.entry.after_digest.clone().unwrap_or_default());
    }
    // The file can be checked on its own: each row's fields give its hash, each row follows the one before.
    let check = kundvakt_core::audit::file_check::check_trail_file(&out).expect("checked");
    assert_eq!((check.entries, check.oldest, check.newest, check.links), (head, Some(1), Some(head), head - 1));
    assert_eq!(check.newest_hash.as_deref(), Some(page.entries[0].stored.hash.as_str()));
    assert_eq!(check.problems, vec![], "the neutralised actor is read either way");
    // A row changed after saving is named by its line; so is one put in between with a made-up chain.
    let forged = dir.path().join("forged.csv");
    // Saved again by a spreadsheet on Windows: CRLF, which counts lines as LF does.
    let mut writer =
        csv::WriterBuilder::new().delimiter(b';').terminator(csv::Terminator::CRLF).from_writer(vec![0xEF, 0xBB, 0xBF]);
    writer.write_record(&header).expect("header");
    for (i, row) in rows.iter().enumerate() {
        let mut cells: Vec<String> = row.iter().map(str::to_owned).collect();
        if i == 2 {
            cells[2] = "mallory".into(); // who did it, as the hash covers it
        }
        writer.write_record(&cells).expect("row");
    }
    std::fs::write(&forged, writer.into_inner().expect("bytes")).expect("write");
    let check = kundvakt_core::audit::file_check::check_trail_file(&forged).expect("checked");
    let said: Vec<String> = check.problems.iter().map(|p| p.display("forged.csv")).collect();
    let seq = &rows[2][0];
    assert_eq!(
        said,
        [format!("forged.csv:4: Hash: the fields of entry {seq} do not give its hash: the row was changed after the trail was saved")]
    );
    let not_a_trail = dir.path().join("orders.csv");
    std::fs::write(&not_a_trail, "\u{feff}order;date\n1;2026-01-01\n").expect("write");
    let err = kundvakt_core::audit::file_check::check_trail_file(&not_a_trail).expect_err("not a trail");
    assert!(
        err.to_string().starts_with(&format!("{}: this is not a file of the audit trail", not_a_trail.display())),
        "{err}"
    );

    let erasure = rows.iter().find(|r| &r[3] == "customer.erase").expect("the erasure");
    let pseudonym = t.reg.customer(first.id).await.expect("the erased row").pseudonym;
    assert_eq!(&erasure[7], pseudonym.as_str(), "the erased customer by pseudonym");
    assert_eq!(&erasure[4], "Kund raderad");
    assert_eq!(&erasure[5], "Kund");
    assert_eq!(&erasure[2], "'=HYPERLINK(\"x\")", "neutralised, not a formula");

    // A narrower question, in English; its file names only what it selects.
    let narrow = dir.path().join("erasures.csv");
    let erasures = TrailQuery { action: Some("customer.erase".into()), ..TrailQuery::default() };
    let saved_narrow = t.reg.export_audit_trail(&erasures, Language::En, &narrow).await.expect("erasures");
    assert_eq!(saved_narrow.entries, 1);
    let narrow_text = std::fs::read_to_string(&narrow).expect("erasures file");
    assert!(narrow_text.starts_with("\u{feff}No.;Time;By;Action;What;"), "{narrow_text}");
    assert!(narrow_text.contains(";customer.erase;Customer erased;"), "{narrow_text}");

    // Saving is audited under the file's digest, after the entries it holds.
    let newest = all(None).await.expect("newest").entries;
    assert_eq!(newest[0].stored.entry.action, "export.audit_trail");
    assert_eq!(newest[0].stored.entry.entity_id, saved_narrow.digest[..16]);
    assert_eq!(newest[1].stored.entry.entity_id, saved.digest[..16]);

    // A wrong question leaves no file, not even a part of one.
    let today = t.reg.today().await.expect("today");
    let backwards = TrailQuery { from: Some(today), to: today.pred_opt(), ..TrailQuery::default() };
    let wrong = dir.path().join("wrong.csv");
    let err = t.reg.export_audit_trail(&backwards, Language::En, &wrong).await.expect_err("to before from");
    assert!(err.to_string().contains("--to"), "{err}");
    let left: Vec<String> = std::fs::read_dir(dir.path())
        .expect("dir")
        .map(|e| e.expect("entry").file_name().to_string_lossy().into_owned())
        .filter(|n| n.contains("wrong"))
        .collect();
    assert!(left.is_empty(), "{left:?}");
    assert_eq!(all(None).await.expect("newest").entries[0].stored.entry.entity_id, saved_narrow.digest[..16]);
}

/// The number `sql` gives, read straight from the register.
async fn number(t: &TestRegister, sql: &str) -> i64 {
    common::scalar(&t.location, sql).await
}

async fn the_oldest_entries_are_purged_and_the_rest_still_prove_their_place(kind: Kind) {
    let t = with_five_customers(kind).await;
    let asked = t.reg.find_customer("K000003").await.expect("customer");
    // A correction before the request: its old value is the trail's, and goes with its entry.
    let first = t.reg.find_customer("K000001").await.expect("customer");
    let moved = CustomerChanges { fields: CustomerInput { city: Some("Gävle".into()), ..CustomerInput::default() } };
    t.reg.edit_customer(first.id, &moved, None).await.expect("correct");
    assert_eq!(t.reg.customer_page(first.id).await.expect("page").corrections.len(), 1);
    t.reg.open_request(asked.id, RequestKind::Access, None, None).await.expect("request");
    t.reg.add_customer(&input("Kund 6", "k6@example.se")).await.expect("add");
    let history = audit::history(t.reg.store(), asked.id).await.expect("history");
    let first_request = history.iter().find(|e| e.entry.action.starts_with("request.")).expect("the request's entry");
    let (head, _) = t.reg.audit_head().await.expect("head");

    // Everything written before now may go, but for the request still kept:
    // the trail keeps every entry from its first on.
    let cutoff = chrono::Utc::now() + chrono::Duration::minutes(1);
    let purged = t.reg.purge_audit(cutoff).await.expect("purge").expect("something removed");
    assert_eq!((purged.through, purged.entries), (first_request.entry.seq - 1, first_request.entry.seq - 1));
    assert_eq!(number(&t, "SELECT MIN(seq) FROM audit_entries").await, first_request.entry.seq);
    let v = audit::verify(t.reg.store()).await.expect("verify");
    assert_eq!(v.broken, None, "{v:?}");
    assert_eq!(v.entries, head - purged.through + 1, "the entries kept and the purge's own");
    let entries = audit::history(t.reg.store(), asked.id).await.expect("history");
    assert_eq!(entries.first().map(|e| e.entry.seq), Some(first_request.entry.seq), "her older entries went");
    let page = t.reg.customer_page(first.id).await.expect("page");
    assert!(page.corrections.is_empty() && page.history.is_empty(), "{:?}", page.corrections);
    // Nothing more may go while the request is kept; writing goes on.
    assert_eq!(t.reg.purge_audit(cutoff).await.expect("purge"), None);
    t.reg.add_customer(&input("Kund 7", "k7@example.se")).await.expect("add");
    assert_eq!(audit::verify(t.reg.store()).await.expect("verify").broken, None);

    // The next entry removed behind the product's back, the anchor moved onto it: found.
    let next = &first_request;
    tamper(&t, &format!("DELETE FROM audit_entries WHERE seq = {}", next.entry.seq)).await;
    tamper(&t, &format!("UPDATE audit_anchor SET seq = {}, hash = '{}' WHERE id = 1", next.entry.seq, next.hash)).await;
    let b = audit::verify(t.reg.store()).await.expect("verify").broken.expect("broken");
    assert_eq!((b.seq, b.kind), (next.entry.seq + 1, BreakKind::Anchor), "{b:?}");
    // And without moving the anchor, the entry is missing.
    tamper(&t, &format!("UPDATE audit_anchor SET seq = {}, hash = 'x' WHERE id = 1", purged.through)).await;
    let b = audit::verify(t.reg.store()).await.expect("verify").broken.expect("broken");
    assert!(matches!(b.kind, BreakKind::Link | BreakKind::Missing), "{b:?}");
}

/// Every entry written `years` earlier, the chain hashed again as it would
/// have been: the test's stand-in for a register in use for years.
async fn age_the_trail(t: &TestRegister, years: i32) {
    use kundvakt_core::audit::trail::{read, TrailQuery};
    let mut all = vec![];
    let mut before = None;
    loop {
        let page =
            read(t.reg.store(), &TrailQuery { before, limit: 500, ..TrailQuery::default() }).await.expect("read");
        before = page.entries.last().map(|e| e.stored.entry.seq);
        all.extend(page.entries.into_iter().map(|e| e.stored.entry));
        if !page.more {
            break;
        }
    }
    all.reverse();
    let mut prev = audit::GENESIS.to_owned();
    for mut e in all {
        e.at -= chrono::Duration::days(366 * i64::from(years));
        e.prev_hash = prev.clone();
        let hash = e.hash();
        let at = e.at.format("%Y-%m-%dT%H:%M:%S%.6f+00:00");
        let sql = format!(
            "UPDATE audit_entries SET at = '{at}', prev_hash = '{prev}', hash = '{hash}' WHERE seq = {}",
            e.seq
        );
        tamper(t, &sql).await;
        prev = hash;
    }
    tamper(t, &format!("UPDATE audit_head SET hash = '{prev}' WHERE id = 1")).await;
    assert_eq!(audit::verify(t.reg.store()).await.expect("verify").broken, None, "aged whole");
}

async fn the_sweep_purges_what_is_older_than_the_records_of_requests(kind: Kind) {
    let t = with_five_customers(kind).await;
    age_the_trail(&t, 5).await;
    let (head, _) = t.reg.audit_head().await.expect("head");
    let today = t.reg.today().await.expect("today");
    // The preview says so first.
    let preview = t.reg.sweep_preview(today).await.expect("preview");
    assert_eq!((preview.total, preview.audit_entries), (0, head));
    let run = t.reg.sweep(today, Batching::Fixed(100), &mut |_| {}).await.expect("sweep");
    assert_eq!(run.audit_removed, head, "every entry was older than 36 months");
    // Nothing else was due, yet a copy was made first, as before every deletion.
    if let kundvakt_core::Location::Sqlite(path) = &t.location {
        let folder = path.with_file_name("register-backups");
        let made: Vec<String> = std::fs::read_dir(&folder)
            .expect("backup folder")
            .map(|e| e.expect("entry").file_name().to_string_lossy().into_owned())
            .collect();
        assert!(made.iter().any(|m| m.ends_with("-sweep.db")), "{made:?}");
    }
    let v = audit::verify(t.reg.store()).await.expect("verify");
    assert_eq!(v.broken, None, "{v:?}");
    // The summary says so, with the period the purge used, whatever is set since.
    t.reg.set_setting("retention.request_months", "48").await.expect("a longer period");
    let pdf = t.reg.sweep_summary(run.id, Some(Language::En), Format::Pdf).await.expect("summary");
    let words = common::pdftotext(&pdf.bytes).split_whitespace().collect::<Vec<_>>().join(" ");
    let said = format!("The audit trail's {head} oldest entries were removed too: they were older than the 36 months");
    assert!(words.contains(&said), "{words}");
    let json = t.reg.sweep_summary(run.id, None, Format::Json).await.expect("summary");
    let doc: serde_json::Value = serde_json::from_slice(&json.bytes).expect("JSON");
    common::assert_valid(&common::schema("sweep-summary.v1.json"), &doc, "sweep summary");
    assert_eq!((doc["audit_removed"].as_i64(), doc["audit_months"].as_i64()), (Some(head), Some(36)));
    // A backup of it (from PostgreSQL, copied row by row into a file) starts after the same anchor.
    let dir = tempfile::tempdir().expect("dir");
    let copy = dir.path().join("copy.db");
    t.reg.backup(&copy, None).await.expect("backup");
    let opened =
        Register::open(&kundvakt_core::Location::Sqlite(copy), OpenMode::Existing, "test").await.expect("open");
    let v = audit::verify(opened.store()).await.expect("verify the copy");
    assert_eq!(v.broken, None, "{v:?}");
    opened.store().close().await;
    // A second sweep that day finds nothing older.
    assert_eq!(t.reg.sweep_preview(today).await.expect("preview").audit_entries, 0);
    let again = t.reg.sweep(today, Batching::Fixed(100), &mut |_| {}).await.expect("sweep");
    assert_eq!(again.audit_removed, 0);
    assert_eq!(audit::verify(t.reg.store()).await.expect("verify").broken, None);
}

/// A request the sweep deletes no longer holds the trail back, and the
/// preview counts it so: what the sweep removes is what it said it would.
async fn the_preview_counts_the_entries_of_requests_the_sweep_deletes(kind: Kind) {
    use kundvakt_core::requests::Step;
    let t = with_five_customers(kind).await;
    let today = t.reg.today().await.expect("today");
    let day = |years_ago: i32, day: u32| {
        chrono::NaiveDate::from_ymd_opt(chrono::Datelike::year(&today) - years_ago, 3, day).expect("day")
    };
    let asked = t.reg.find_customer("K000002").await.expect("customer");
    // Answered and closed five years ago: the records of requests are kept 36 months.
    let old = t.reg.open_request(asked.id, RequestKind::Objection, Some(day(5, 2)), None).await.expect("open");
    let steps = [
        (Step::Verify { how: Some("BankID".into()) }, 3),
        (Step::Answer { answer: "Inga fler utskick".into() }, 4),
        (Step::Close, 5),
    ];
    for (step, on) in steps {
        t.reg.request_step(old.id, step, Some(day(5, on))).await.expect("step");
    }
    // And one still open, received later, whose entries stay.
    let other = t.reg.find_customer("K000004").await.expect("customer");
    t.reg.open_request(other.id, RequestKind::Erasure, Some(day(5, 20)), None).await.expect("open");
    age_the_trail(&t, 5).await;
    let (head, _) = t.reg.audit_head().await.expect("head");
    let kept_from = audit::history(t.reg.store(), other.id)
        .await
        .expect("history")
        .into_iter()
        .find(|e| e.entry.action == "request.open")
        .expect("the open request's first entry")
        .entry
        .seq;
    assert_eq!(kept_from, head, "the open request's opening is the newest entry");

    let preview = t.reg.sweep_preview(today).await.expect("preview");
    assert_eq!(preview.total, 1, "the closed request is due: {:?}", preview.counts);
    assert_eq!(preview.audit_entries, kept_from - 1, "everything before the open request's first entry");
    let run = t.reg.sweep(today, Batching::Fixed(100), &mut |_| {}).await.expect("sweep");
    assert_eq!(run.audit_removed, preview.audit_entries, "as the preview said");
    assert_eq!(number(&t, "SELECT MIN(seq) FROM audit_entries").await, kept_from);
    assert_eq!(audit::verify(t.reg.store()).await.expect("verify").broken, None);
}

/// A note filed under the wrong customer is moved to the right one, with
/// the old wordings its corrections kept, audited on both customers'
/// histories (Art. 5(1)(d), 16): the first customer's page, and so their
/// access report, no longer holds another person's note. Not to the same
/// customer, not to one who is erased, not while a legal hold keeps it.
async fn a_note_filed_under_the_wrong_customer_is_moved(kind: Kind) {
    use kundvakt_core::register::InteractionChanges;
    use kundvakt_core::retention::due::RecordKind;
    let t = register(kind).await;
    let asa = t.reg.add_customer(&input("Åsa Öberg", "asa@exempel.se")).await.expect("Åsa");
    let per = t.reg.add_customer(&input("Per Persson", "per@exempel.se")).await.expect("Per");
    let note = t.reg.add_interaction(&common::phone_call(asa.id, "Per ringde om sin order", None)).await.expect("note");
    let fix = InteractionChanges { summary: Some("Per ringde om sin order 1043".into()), ..Default::default() };
    t.reg.edit_interaction(note.id, &fix, None).await.expect("corrected");
    let disputed = t.reg.add_interaction(&common::phone_call(asa.id, "Reklamation", None)).await.expect("note");
    t.reg.add_hold(RecordKind::Interaction, disputed.id.0, "Tvist").await.expect("hold");

    let same = t.reg.move_interaction(note.id, asa.id).await.expect_err("the same customer");
    assert_eq!(same.to_string(), format!("customer: note {} is filed under customer {} already", note.id, asa.number));
    let held = t.reg.move_interaction(disputed.id, per.id).await.expect_err("held");
    assert_eq!(
        held.to_string(),
        format!(
            "note {} is under a legal hold, which keeps it where it is while the dispute lasts (GDPR Art. \
             17(3)(e)): move it once the hold is lifted",
            disputed.id
        )
    );
    let gone = t.reg.add_customer(&input("Eva Ek", "eva@exempel.se")).await.expect("Eva");
    t.reg.erase_customer(gone.id, None).await.expect("erased");
    assert_eq!(t.reg.move_interaction(note.id, gone.id).await.expect_err("erased").code(), "refused");

    let moved = t.reg.move_interaction(note.id, per.id).await.expect("moved");
    assert_eq!(
        (moved.id, moved.customer_id, moved.summary.as_str()),
        (note.id, per.id, "Per ringde om sin order 1043")
    );
    let first = t.reg.customer_page(asa.id).await.expect("Åsa's page");
    assert_eq!(first.interactions.iter().map(|n| n.id).collect::<Vec<_>>(), [disputed.id]);
    assert_eq!(first.corrections, vec![], "the note's old wording went with it");
    let right = t.reg.customer_page(per.id).await.expect("Per's page");
    assert_eq!(right.interactions.iter().map(|n| n.id).collect::<Vec<_>>(), [note.id]);
    let old: Vec<_> = right.corrections.iter().flat_map(|k| k.changes.iter().map(|x| x.before.clone())).collect();
    assert_eq!(old, [Some("Per ringde om sin order".to_owned())]);
    for page in [&first, &right] {
        assert!(page.history.iter().any(|e| e.entry.action == "interaction.move"), "on both histories");
    }
    assert!(audit::verify(t.reg.store()).await.expect("verify").broken.is_none());
}

on_both_backends!(
    the_oldest_entries_are_purged_and_the_rest_still_prove_their_place,
    the_sweep_purges_what_is_older_than_the_records_of_requests,
    the_preview_counts_the_entries_of_requests_the_sweep_deletes,
    the_trail_is_saved_whole_as_csv,
    the_trail_is_read_by_day_person_customer_and_kind,
    verifying_while_another_computer_writes_finds_the_chain_whole,
    every_write_is_chained,
    an_edited_entry_is_named,
    an_edited_digest_is_found,
    a_deleted_entry_is_found,
    a_cut_tail_is_found,
    a_rewritten_chain_is_found,
    a_correction_keeps_the_old_value_until_the_person_is_erased,
    a_note_filed_under_the_wrong_customer_is_moved,
);
