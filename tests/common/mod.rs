//! Shared set-up of the integration tests: real registers on both backends.
//!
//! SQLite registers are files in a temporary folder. PostgreSQL registers are
//! fresh databases in the throw-away cluster that `tests/support/with-postgres.sh`
//! starts and names in `KUNDVAKT_TEST_PG` (the README's test command does this).
//! A PostgreSQL test without that variable fails: it never passes by skipping.

#![allow(dead_code)]

use std::path::{Path, PathBuf};
use std::process::Command;
use std::sync::atomic::{AtomicU32, Ordering};

use kundvakt_core::{Location, OpenMode, Register};

/// A register for one test, and what keeps it alive.
pub struct TestRegister {
    pub reg: Register,
    pub location: Location,
    /// The --db argument that reaches the same register from the command line.
    pub db_arg: String,
    _dir: Option<tempfile::TempDir>,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Kind {
    Sqlite,
    Postgres,
}

pub fn pg_admin_url() -> String {
    std::env::var("KUNDVAKT_TEST_PG").unwrap_or_else(|_| {
        panic!("KUNDVAKT_TEST_PG is not set: run the tests with `make test` (or tests/support/with-postgres.sh), which starts PostgreSQL")
    })
}

static COUNTER: AtomicU32 = AtomicU32::new(0);

/// A new, empty PostgreSQL database in the test cluster; returns its URL.
pub async fn fresh_pg_database() -> String {
    let admin = pg_admin_url();
    let name = format!("kv_{}_{}", std::process::id(), COUNTER.fetch_add(1, Ordering::SeqCst));
    let mut conn =
        <sqlx::PgConnection as sqlx::Connection>::connect(&admin).await.expect("connect to the test cluster");
    sqlx::query(&format!("CREATE DATABASE {name}")).execute(&mut conn).await.expect("create database");
    let base = admin.rsplit_once('/').expect("URL with a database").0;
    format!("{base}/{name}")
}

/// A new location of the given kind (nothing created yet for SQLite).
pub async fn fresh_location(kind: Kind) -> (Location, String, Option<tempfile::TempDir>) {
    match kind {
        Kind::Sqlite => {
            let dir = tempfile::tempdir().expect("temp dir");
            let path: PathBuf = dir.path().join("register.db");
            (Location::Sqlite(path.clone()), path.display().to_string(), Some(dir))
        }
        Kind::Postgres => {
            let url = fresh_pg_database().await;
            (Location::Postgres(url.clone()), url, None)
        }
    }
}

/// A new, initialised register (Swedish shop, Swedish language).
pub async fn register(kind: Kind) -> TestRegister {
    let (location, db_arg, dir) = fresh_location(kind).await;
    let reg = Register::open(&location, OpenMode::Create, "test").await.expect("open a new register");
    reg.init(kundvakt_core::register::InitOptions {
        country: kundvakt_core::values::ShopCountry::Se,
        language: kundvakt_core::values::Language::Sv,
    })
    .await
    .expect("init");
    TestRegister { reg, location, db_arg, _dir: dir }
}

/// Runs each listed async test once on SQLite and once on PostgreSQL.
#[macro_export]
macro_rules! on_both_backends {
    ($($name:ident),+ $(,)?) => {
        mod sqlite {
            $(#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
            async fn $name() { super::$name($crate::common::Kind::Sqlite).await }
            )+
        }
        mod postgres {
            $(#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
            async fn $name() { super::$name($crate::common::Kind::Postgres).await }
            )+
        }
    };
}

/// The audit trail's newest entry, which is its head.
pub async fn newest_entry(reg: &Register) -> kundvakt_core::audit::Entry {
    let head = reg.audit_head().await.expect("head").0;
    let query = kundvakt_core::audit::trail::TrailQuery { limit: 1, ..Default::default() };
    let newest = kundvakt_core::audit::trail::read(reg.store(), &query).await.expect("trail");
    let entry = newest.entries[0].stored.entry.clone();
    assert_eq!(entry.seq, head, "the newest entry is the head");
    entry
}

/// Every customer not erased, in name order, paged as the list view pages.
pub async fn all_customers(reg: &Register) -> Vec<kundvakt_core::register::Customer> {
    let mut all = vec![];
    loop {
        let page = reg.list_customers(all.len() as i64, 500).await.expect("list a page");
        if page.items.is_empty() {
            return all;
        }
        all.extend(page.items);
    }
}

pub fn input(name: &str, email: &str) -> kundvakt_core::register::CustomerInput {
    kundvakt_core::register::CustomerInput {
        name: Some(name.to_owned()),
        email: Some(email.to_owned()),
        ..Default::default()
    }
}

/// A call from the customer just now, its matter open.
pub fn phone_call(
    customer: kundvakt_core::values::CustomerId,
    summary: &str,
    staff: Option<&str>,
) -> kundvakt_core::register::NewInteraction {
    kundvakt_core::register::NewInteraction {
        customer_id: customer,
        occurred_at: chrono::Utc::now(),
        channel: kundvakt_core::register::Channel::Phone,
        direction: kundvakt_core::register::Direction::Inbound,
        summary: summary.to_owned(),
        staff: staff.map(str::to_owned),
        closed_on: None,
        bookkeeping: false,
    }
}

/// A paid order in SEK of `total` öre on `date`, without lines or payment details.
pub fn paid_order(
    customer: kundvakt_core::values::CustomerId,
    number: &str,
    date: &str,
    total: i64,
) -> kundvakt_core::register::NewOrder {
    let sek = kundvakt_core::values::Currency::parse("SEK").expect("SEK");
    kundvakt_core::register::NewOrder {
        customer_id: customer,
        number: number.into(),
        order_date: date.parse().expect("date"),
        total: kundvakt_core::values::Money::new(total, sek),
        vat: None,
        payment_provider: None,
        payment_reference: None,
        status: kundvakt_core::register::OrderStatus::Paid,
        lines: vec![],
    }
}

/// Runs the `kundvakt` binary on register `db` (never the user's own: KUNDVAKT_DB
/// is cleared); returns what it printed.
pub fn kv_output(db: &str, args: &[&str]) -> std::process::Output {
    std::process::Command::new(env!("CARGO_BIN_EXE_kundvakt"))
        .arg("--db")
        .arg(db)
        .args(args)
        .env_remove("KUNDVAKT_DB")
        // The demo shop of `init --demo` as written, whatever today is.
        .env("KUNDVAKT_TEST_DEMO_DAY", kundvakt_core::demo::DEMO_TODAY.to_string())
        // A new register takes the system's country and language: the same
        // on every machine the tests run on.
        .env("LANG", "C.UTF-8")
        .env_remove("LC_ALL")
        .env_remove("LC_MESSAGES")
        .output()
        .expect("run kundvakt")
}

/// A user error: exit code 1 and exactly one line on stderr that contains `needle`.
pub fn user_error(out: &std::process::Output, needle: &str) {
    let err = String::from_utf8_lossy(&out.stderr);
    assert_eq!(out.status.code(), Some(1), "stderr: {err}");
    assert_eq!(err.trim_end().lines().count(), 1, "one line: {err}");
    assert!(err.contains(needle), "{needle:?} in {err}");
}

/// As [`kv_output`], for a command that must succeed; returns its standard output.
pub fn kv_ok(db: &str, args: &[&str]) -> String {
    let out = kv_output(db, args);
    assert!(out.status.success(), "kundvakt {args:?} failed: {}", String::from_utf8_lossy(&out.stderr));
    String::from_utf8(out.stdout).expect("UTF-8 output")
}

/// Runs `sql` (a statement or a dot-command such as `.dump`) in the sqlite3
/// shell on the register file at `db`; returns what it printed, trimmed.
///
/// The shell waits up to ten seconds for a lock: a pool's connections finish
/// closing a moment after `close` returns, and a killed process's last write
/// may still be settling, and the shell's default is to fail at once.
pub fn sqlite3(db: impl AsRef<Path>, sql: &str) -> String {
    let out = Command::new("sqlite3")
        .args(["-bail", "-cmd", ".timeout 10000"])
        .arg(db.as_ref())
        .arg(sql)
        .output()
        .expect("sqlite3 (apt-get install sqlite3)");
    let err = String::from_utf8_lossy(&out.stderr);
    assert!(out.status.success() && err.trim().is_empty(), "sqlite3 {sql:?}: {err}");
    String::from_utf8_lossy(&out.stdout).trim().to_owned()
}

/// The text of a PDF, as `pdftotext -layout` extracts it.
pub fn pdftotext(pdf: &[u8]) -> String {
    let dir = tempfile::tempdir().expect("dir");
    let path = dir.path().join("r.pdf");
    std::fs::write(&path, pdf).expect("write");
    let out = Command::new("pdftotext")
        .arg("-layout")
        .arg(&path)
        .arg("-")
        .output()
        .expect("pdftotext (apt-get install poppler-utils)");
    assert!(out.status.success(), "pdftotext: {}", String::from_utf8_lossy(&out.stderr));
    String::from_utf8(out.stdout).expect("UTF-8 text")
}

/// A committed JSON Schema of `docs/schema/`.
pub fn schema(name: &str) -> jsonschema::Validator {
    let path = Path::new(env!("CARGO_MANIFEST_DIR")).join("../docs/schema").join(name);
    let text = std::fs::read_to_string(&path).unwrap_or_else(|e| panic!("{}: {e}", path.display()));
    jsonschema::validator_for(&serde_json::from_str(&text).expect("schema JSON")).expect("a valid JSON Schema")
}

pub fn assert_valid(validator: &jsonschema::Validator, doc: &serde_json::Value, what: &str) {
    let errors: Vec<String> =
        validator.iter_errors(doc).map(|e| format!("{} at {}", e, e.instance_path)).take(5).collect();
    assert!(errors.is_empty(), "{what}: {errors:?}");
}

/// Renders every page of a PDF to PNG with pdftoppm; returns the number of pages rendered.
pub fn render_pages(pdf: &[u8]) -> usize {
    let dir = tempfile::tempdir().expect("dir");
    let path = dir.path().join("r.pdf");
    std::fs::write(&path, pdf).expect("write");
    let out = std::process::Command::new("pdftoppm")
        .args(["-r", "40", "-png"])
        .arg(&path)
        .arg(dir.path().join("page"))
        .output()
        .expect("pdftoppm");
    assert!(out.status.success(), "pdftoppm: {}", String::from_utf8_lossy(&out.stderr));
    std::fs::read_dir(dir.path())
        .expect("dir")
        .filter_map(|e| e.ok())
        // A page that rendered at all is more than a blank PNG's few hundred bytes.
        .filter(|e| {
            e.file_name().to_string_lossy().ends_with(".png") && e.metadata().map(|m| m.len() > 500).unwrap_or(false)
        })
        .count()
}

/// Runs one statement straight against the register's database, behind the
/// product's back (a tamperer's edit, or a test's own set-up).
pub async fn execute(location: &Location, sql: &str) {
    match location {
        Location::Sqlite(path) => {
            let pool = sqlx::SqlitePool::connect_with(sqlx::sqlite::SqliteConnectOptions::new().filename(path))
                .await
                .expect("sqlite");
            sqlx::query(sql).execute(&pool).await.expect(sql);
            pool.close().await;
        }
        Location::Postgres(url) => {
            let pool = sqlx::PgPool::connect(url).await.expect("pg");
            sqlx::query(sql).execute(&pool).await.expect(sql);
            pool.close().await;
        }
    }
}

/// The one number `sql` gives, read straight from the register's tables: a
/// test's own look (the product has no such query).
pub async fn scalar(location: &Location, sql: &str) -> i64 {
    match location {
        Location::Sqlite(path) => {
            let mut c = <sqlx::SqliteConnection as sqlx::Connection>::connect(&format!("sqlite:{}", path.display()))
                .await
                .expect("open");
            sqlx::query_scalar(sql).fetch_one(&mut c).await.expect(sql)
        }
        Location::Postgres(url) => {
            let mut c = <sqlx::PgConnection as sqlx::Connection>::connect(url).await.expect("connect");
            sqlx::query_scalar(sql).fetch_one(&mut c).await.expect(sql)
        }
    }
}

/// The tables of the register with a `customer_id` column, read from its schema.
pub async fn customer_tables(location: &Location) -> Vec<String> {
    match location {
        Location::Sqlite(path) => {
            let url = format!("sqlite:{}", path.display());
            let mut c = <sqlx::SqliteConnection as sqlx::Connection>::connect(&url).await.expect("open");
            sqlx::query_scalar(
                "SELECT m.name FROM sqlite_master m JOIN pragma_table_info(m.name) p \
                 WHERE m.type = 'table' AND p.name = 'customer_id' ORDER BY m.name",
            )
            .fetch_all(&mut c)
            .await
            .expect("tables")
        }
        Location::Postgres(url) => {
            let mut c = <sqlx::PgConnection as sqlx::Connection>::connect(url).await.expect("connect");
            sqlx::query_scalar(
                "SELECT table_name::text FROM information_schema.columns \
                 WHERE column_name = 'customer_id' AND table_schema = current_schema() ORDER BY 1",
            )
            .fetch_all(&mut c)
            .await
            .expect("tables")
        }
    }
}

/// Records of every kind, for the tests of what moves with a customer (merges).
pub mod records {
    use chrono::{Duration, NaiveDate, Utc};
    use kundvakt_core::breaches::{BreachRisk, NewBreach};
    use kundvakt_core::register::{NewConsent, NewEventRegistration, NewWebEvent, RegistrationStatus};
    use kundvakt_core::requests::RequestKind;
    use kundvakt_core::values::CustomerId;
    use kundvakt_core::Register;

    use super::{paid_order, phone_call};

    /// A breach of the shop's mailing list.
    pub fn leak() -> NewBreach {
        NewBreach {
            aware_at: Utc::now() - Duration::hours(2),
            nature: "Kundlistan skickades till fel mottagare".into(),
            categories: Default::default(),
            people: Some(2),
            consequences: "E-postadresser kan ha lästs".into(),
            measures: "Mottagaren har raderat listan".into(),
            risk: BreachRisk::High,
        }
    }

    /// Gives customer `id` one record of every kind a customer has.
    pub async fn one_of_everything(reg: &Register, id: CustomerId, order: &str) {
        reg.add_order(&paid_order(id, order, "2026-10-02", 49_900)).await.expect("order");
        reg.add_interaction(&phone_call(id, "Frågade om leveransen", None)).await.expect("note");
        let ip = "198.51.100.7".parse().expect("ip");
        let visit =
            NewWebEvent { customer_id: id, occurred_at: Utc::now(), ip, action: "login".into(), user_agent: None };
        reg.add_web_event(&visit).await.expect("web event");
        let consent = NewConsent {
            customer_id: id,
            purpose: "newsletter".into(),
            text_version: "v1".into(),
            given_at: Utc::now() - Duration::days(3),
            channel: "web".into(),
        };
        reg.add_consent(&consent).await.expect("consent");
        let signup = NewEventRegistration {
            customer_id: id,
            event_name: "Kurs i surdeg".into(),
            event_date: NaiveDate::from_ymd_opt(2027, 2, 6).expect("day"),
            status: RegistrationStatus::Registered,
        };
        reg.add_event_registration(&signup).await.expect("sign-up");
        reg.open_request(id, RequestKind::Access, None, Some("e-post")).await.expect("request");
    }
}

/// Paces a writer against a reader, for the tests of reads made while
/// another computer writes: the reader counts each read it makes, and the
/// writer waits at its checkpoints until the reader has made so many (ten
/// seconds at most, after which the test's own count fails it). Whichever
/// is faster on the day, the reads are made while the writes go on.
#[derive(Clone, Default)]
pub struct Pace(std::sync::Arc<std::sync::atomic::AtomicUsize>);

impl Pace {
    /// One read made; returns how many so far.
    pub fn read(&self) -> usize {
        self.0.fetch_add(1, Ordering::SeqCst) + 1
    }

    /// Waits until the reader has made `reads` reads.
    pub async fn reads(&self, reads: usize) {
        let deadline = std::time::Instant::now() + std::time::Duration::from_secs(10);
        while self.0.load(Ordering::SeqCst) < reads && std::time::Instant::now() < deadline {
            tokio::time::sleep(std::time::Duration::from_millis(1)).await;
        }
    }

    /// After write `i` (from 0) of a writer: at every `every`th write, waits
    /// for one more read than at the checkpoint before.
    pub async fn checkpoint(&self, i: usize, every: usize) {
        if (i + 1).is_multiple_of(every) {
            self.reads((i + 1) / every).await;
        }
    }
}

/// A refused restore leaves no half-made file in `dir` (its staged copy is
/// named after the register with `restore` in it).
pub fn assert_no_restore_leftovers(dir: &Path) {
    let leftovers: Vec<_> = std::fs::read_dir(dir)
        .expect("dir")
        .filter_map(|e| e.ok())
        .filter(|e| e.file_name().to_string_lossy().contains("restore"))
        .map(|e| e.file_name())
        .collect();
    assert!(leftovers.is_empty(), "no half-made file is left: {leftovers:?}");
}
