//! The audit trail: every write leaves an entry, and any later change to the
//! entries is found by `verify`, on both backends.

mod common;

use common::{input, register, Kind, TestRegister};
use kundvakt_core::audit::{self, BreakKind};
use kundvakt_core::{Location, OpenMode, Register};

/// Runs one statement straight against the register's database, as a tamperer would.
async fn tamper(t: &TestRegister, sql: &str) {
    match &t.location {
        Location::Sqlite(path) => {
            let pool = sqlx::SqlitePool::connect_with(sqlx::sqlite::SqliteConnectOptions::new().filename(path))
                .await
                .expect("sqlite");
            sqlx::query(sql).execute(&pool).await.expect("tamper");
            pool.close().await;
        }
        Location::Postgres(url) => {
            let pool = sqlx::PgPool::connect(url).await.expect("pg");
            sqlx::query(sql).execute(&pool).await.expect("tamper");
            pool.close().await;
        }
    }
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
    let writer = tokio::spawn(async move {
        for i in 0..150 {
            other.add_customer(&input(&format!("Kund {i}"), &format!("more{i}@example.se"))).await.expect("add");
        }
    });
    let mut verified = 0;
    while !writer.is_finished() {
        let v = audit::verify(t.reg.store()).await.expect("verify");
        assert_eq!(v.broken, None, "after {verified} verifications, with {} entries", v.entries);
        verified += 1;
    }
    writer.await.expect("the writer");
    assert!(verified >= 3, "the verifications overlapped the writes ({verified})");
    let v = audit::verify(t.reg.store()).await.expect("verify");
    assert_eq!((v.broken, v.entries), (None, 156));
}

on_both_backends!(
    verifying_while_another_computer_writes_finds_the_chain_whole,
    every_write_is_chained,
    an_edited_entry_is_named,
    an_edited_digest_is_found,
    a_deleted_entry_is_found,
    a_cut_tail_is_found,
    a_rewritten_chain_is_found,
);
