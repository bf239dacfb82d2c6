//! One register for several computers: this computer's register moved into
//! a PostgreSQL database, opened from then on by the window and the command
//! line alike, and this computer's own file again when asked.

mod common;

use std::path::{Path, PathBuf};
use std::process::{Command, Output};

use kundvakt_core::retention::sweep::Batching;
use kundvakt_core::{Location, OpenMode, Register};
use serde_json::Value;

/// `kundvakt` without --db, on a computer whose user folders are under `home`.
fn here(home: &Path, args: &[&str]) -> Output {
    Command::new(env!("CARGO_BIN_EXE_kundvakt"))
        .args(args)
        .env_remove("KUNDVAKT_DB")
        .env_remove("KUNDVAKT_PASSPHRASE")
        .env("HOME", home)
        .env("XDG_DATA_HOME", home.join("data"))
        .env("XDG_CONFIG_HOME", home.join("config"))
        .output()
        .expect("run kundvakt")
}

fn ok(out: Output) -> String {
    assert!(out.status.success(), "failed: {}", String::from_utf8_lossy(&out.stderr));
    String::from_utf8(out.stdout).expect("UTF-8")
}

fn refused(out: Output, needle: &str) {
    let err = String::from_utf8_lossy(&out.stderr);
    assert_eq!(out.status.code(), Some(1), "{err}");
    assert!(err.contains(needle), "{needle:?} in {err}");
}

fn json(out: Output) -> Value {
    serde_json::from_str(&ok(out)).expect("JSON")
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_register_moves_into_postgres_and_every_command_follows_it() {
    let home = tempfile::tempdir().expect("home");
    let home = home.path();
    ok(here(home, &["init", "--demo", "--demo-customers", "40", "--language", "en"]));
    let shown = json(here(home, &["shared", "show", "--json"]));
    let own = PathBuf::from(shown["register"].as_str().expect("path"));
    assert_eq!(own, home.join("data/kundvakt/register.db"), "{shown}");
    let total = |out: Output| json(out)["total"].as_i64().expect("total");
    let before = total(here(home, &["customer", "list", "--limit", "1", "--json"]));
    // A breach with its times moves too (the record Art. 33(5) asks for is the register's).
    let breach = [
        "breach",
        "record",
        "--aware",
        "2026-03-02 08:30",
        "--nature",
        "Fel mottagare",
        "--consequences",
        "Adresser röjda",
        "--measures",
        "Raderat hos mottagaren",
        "--risk",
        "risk",
        "--json",
    ];
    let id = json(here(home, &breach))["id"].to_string();
    // With the customers it concerns.
    let listed = json(here(home, &["customer", "list", "--limit", "2", "--json"]));
    let two: Vec<&str> =
        listed["items"].as_array().expect("items").iter().filter_map(|c| c["number"].as_str()).collect();
    ok(here(home, &["breach", "concern", &id, two[0], two[1]]));
    let recorded = json(here(home, &["breach", "show", &id, "--json"]));
    assert_eq!(recorded["concerned"], 2);
    let concerned = json(here(home, &["breach", "customers", &id, "--json"]));
    let url = common::fresh_pg_database().await;

    // An empty database holds nothing to open yet; an address that is not PostgreSQL is refused.
    refused(here(home, &["shared", "use", &url]), "holds no register yet");
    refused(here(home, &["shared", "use", "/tmp/elsewhere.db"]), "url: give a PostgreSQL address");
    ok(here(home, &["shared", "use", &url, "--move"]));

    // Every command now reaches the shared register: the same customers, the audit trail whole.
    let shown = json(here(home, &["shared", "show", "--json"]));
    assert!(shown["register"].as_str().is_some_and(|r| r.starts_with("postgres://")), "{shown}");
    assert_eq!(shown["moved_from"].as_str().map(PathBuf::from), Some(own.clone()));
    assert_eq!(total(here(home, &["customer", "list", "--limit", "1", "--json"])), before);
    assert!(ok(here(home, &["audit", "verify"])).contains("holds"));
    assert_eq!(recorded_now(&json(here(home, &["breach", "show", &id, "--json"]))), recorded_now(&recorded));
    assert_eq!(json(here(home, &["breach", "customers", &id, "--json"])), concerned);
    ok(here(home, &["customer", "add", "--name", "Delad Kund", "--email", "delad@example.se"]));
    let found = |db: &str| common::kv_ok(db, &["customer", "search", "Delad Kund", "--json"]);
    assert!(found(&url).contains("delad@example.se"), "the change is in the shared register");
    assert!(!found(&own.display().to_string()).contains("delad@example.se"), "and not in the file");
    // The file it was moved from is read as it was, and written to no more.
    let own_db = own.display().to_string();
    let stale = common::kv_output(&own_db, &["customer", "add", "--name", "Kvar Kund", "--email", "kvar@example.se"]);
    refused(stale, "was moved to the shared register at postgres://");
    assert!(common::kv_ok(&own_db, &["audit", "verify"]).contains("holds"));
    let moved = Register::open(&Location::Postgres(url.clone()), OpenMode::Existing, "test").await.expect("open");
    let entries = kundvakt_core::audit::verify(moved.store()).await.expect("verify");
    assert!(entries.broken.is_none(), "{entries:?}");
    moved.store().close().await;

    // A database that holds a register is never overwritten by another move.
    let again = Command::new(env!("CARGO_BIN_EXE_kundvakt"))
        .args(["--db", &own.display().to_string(), "shared", "use", &url, "--move"])
        .env("HOME", home)
        .env("XDG_DATA_HOME", home.join("data"))
        .env("XDG_CONFIG_HOME", home.join("config"))
        .env_remove("KUNDVAKT_DB")
        .output()
        .expect("run");
    refused(again, "holds a register already");

    // The file left behind goes only when asked, and never while it is the register opened.
    refused(here(home, &["shared", "delete-copy"]), "confirm with --yes");
    assert!(ok(here(home, &["shared", "leave"])).contains("It had been moved to a shared register"));
    assert_eq!(json(here(home, &["shared", "show", "--json"]))["register"], own.display().to_string());
    // Taken back into use, the file is written to again.
    ok(here(home, &["customer", "add", "--name", "Åter Kund", "--email", "ater@example.se"]));
    refused(here(home, &["shared", "delete-copy", "--yes"]), "is the register this computer opens");
    ok(here(home, &["shared", "use", &url]));
    assert_eq!(total(here(home, &["customer", "list", "--limit", "1", "--json"])), before + 1);
    ok(here(home, &["shared", "delete-copy", "--yes"]));
    assert!(!own.exists(), "the moved-from file is gone");
    refused(here(home, &["shared", "delete-copy", "--yes"]), "no file that a register was moved from");

    // The choice holds the shared register's password: readable by this user alone.
    #[cfg(unix)]
    {
        use std::os::unix::fs::PermissionsExt;
        let config = home.join("config/kundvakt/register.json");
        let mode = std::fs::metadata(&config).expect("config").permissions().mode();
        assert_eq!(mode & 0o777, 0o600, "{config:?}");
    }
}

/// A breach as `show` gives it later: the same record; only the hours left move with the clock.
fn recorded_now(recorded: &Value) -> Value {
    let mut v = recorded.clone();
    v["hours_left"] = Value::Null;
    v
}

/// The file a register was moved from is kept as it was: no backup is made
/// of it (an automatic one, before an erasure that is then refused, would
/// push a real backup out of the folder) and no backup is restored over it,
/// which would bring it back into use beside the shared register. A copy of
/// it, restored into a register taken back, is in use.
#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn the_file_a_register_moved_from_takes_no_backup_and_no_restore() {
    let home = tempfile::tempdir().expect("home");
    let home = home.path();
    ok(here(home, &["init", "--demo", "--demo-customers", "5", "--language", "en"]));
    let own = PathBuf::from(json(here(home, &["shared", "show", "--json"]))["register"].as_str().expect("path"));
    let own_db = own.display().to_string();
    let before_move = home.join("before-move.db");
    ok(here(home, &["backup", &before_move.display().to_string()]));
    let listed = json(here(home, &["customer", "list", "--json"]));
    let number = listed["items"][0]["number"].as_str().expect("number").to_owned();
    let url = common::fresh_pg_database().await;
    ok(here(home, &["shared", "use", &url, "--move"]));
    let moved_bytes = std::fs::read(&own).expect("the file");
    let folder = own.with_file_name("register-backups");
    let automatic = || std::fs::read_dir(&folder).map(|d| d.count()).unwrap_or(0);
    let automatic_before = automatic();

    let refused_here = |args: &[&str]| {
        let out = common::kv_output(&own_db, args);
        refused(out, "was moved to the shared register at postgres://");
    };
    refused_here(&["restore", &before_move.display().to_string(), "--yes"]);
    let again = home.join("again.db");
    refused_here(&["backup", &again.display().to_string()]);
    assert!(!again.exists(), "no copy was written");
    refused_here(&["erase", &number, "--yes"]);
    assert_eq!(automatic(), automatic_before, "no automatic backup of the moved file");
    assert!(std::fs::read(&own).expect("the file") == moved_bytes, "the file is as it was moved");

    // A copy of the moved file carries the mark; restored into the register
    // taken back, it is the register in use.
    let copied = home.join("copied.db");
    std::fs::copy(&own, &copied).expect("copy");
    assert!(ok(here(home, &["shared", "leave"])).contains("It had been moved to a shared register"));
    ok(here(home, &["restore", &copied.display().to_string(), "--yes"]));
    ok(here(home, &["customer", "add", "--name", "Efter Återställning", "--email", "efter@example.se"]));
    assert!(ok(here(home, &["audit", "verify"])).contains("holds"));
    let file = sqlx::sqlite::SqlitePool::connect(&format!("sqlite:{own_db}")).await.expect("the file");
    let actions: Vec<String> = sqlx::query_scalar("SELECT action FROM audit_entries ORDER BY seq DESC LIMIT 3")
        .fetch_all(&file)
        .await
        .expect("log");
    file.close().await;
    assert_eq!(actions, ["customer.add", "register.restore", "register.taken_back"], "the newest first");
}

/// A demo shop of `customers` in `country`, in a register file in `dir`, opened by the window.
async fn demo_file(dir: &Path, country: kundvakt_core::values::ShopCountry, customers: usize) -> (Location, Register) {
    let file = Location::Sqlite(dir.join("shop.db"));
    let window = Register::open(&file, OpenMode::Create, "app").await.expect("open");
    let language = match country {
        kundvakt_core::values::ShopCountry::No => kundvakt_core::values::Language::Nb,
        _ => kundvakt_core::values::Language::Sv,
    };
    window.init(kundvakt_core::register::InitOptions { country, language }).await.expect("init");
    kundvakt_core::demo::fill(&window, customers, kundvakt_core::demo::DEMO_TODAY).await.expect("demo");
    (file, window)
}

/// The window moves its register and goes on with the shared one without
/// letting go of itself: every clone (the window's commands) follows, and it
/// can go back to the file.
#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn the_window_goes_on_with_the_moved_register() {
    let dir = tempfile::tempdir().expect("dir");
    let (file, window) = demo_file(dir.path(), kundvakt_core::values::ShopCountry::No, 25).await;
    let commands = window.clone();
    let shared = Location::Postgres(common::fresh_pg_database().await);

    // A command of the window that comes during the move waits for it, and is done in the shared register.
    let during = {
        let commands = commands.clone();
        tokio::spawn(async move {
            tokio::time::sleep(std::time::Duration::from_millis(5)).await;
            commands.add_customer(&common::input("Under Flytten", "under@example.no")).await
        })
    };
    window.move_and_go_on(&shared).await.expect("move");
    during.await.expect("join").expect("added");
    assert_eq!(commands.store().location(), shared);
    assert_eq!(commands.store().backend(), kundvakt_core::Backend::Postgres);
    assert_eq!(commands.list_customers(0, 1).await.expect("list").total, 26);
    assert_eq!(commands.search_customers("Under Flytten", 5).await.expect("search").len(), 1);
    assert_eq!(commands.settings().await.expect("settings").country(), kundvakt_core::values::ShopCountry::No);
    commands.add_customer(&common::input("Kari Nordmann", "kari@example.no")).await.expect("add");
    // Moving a shared register again is refused; so is a file given as the place to move to.
    assert!(window.move_into(&shared).await.is_err());
    assert!(window.move_and_go_on(&shared).await.is_err());

    let own = Register::open(&file, OpenMode::Existing, "app").await.expect("the file");
    window.go_on_with(own).await;
    assert_eq!(commands.store().location(), file);
    let stale = commands.add_customer(&common::input("Kvar Kund", "kvar@example.no")).await.expect_err("moved");
    assert_eq!(stale.code(), "register_moved", "{stale}");
    // A refused move (the database holds a register now) leaves the window on its file.
    let refused = window.move_and_go_on(&shared).await.expect_err("refused");
    assert!(refused.to_string().contains("holds a register already"), "{refused}");
    assert_eq!(commands.store().location(), file);
    let in_file = commands.list_customers(0, 1).await.expect("list").total;
    assert!(in_file == 25 || in_file == 26, "the file is as it was at the move: {in_file}");
    let back = Register::open_shared(&shared, "app").await.expect("the shared register");
    assert_eq!(back.list_customers(0, 1).await.expect("list").total, 27);
    back.store().close().await;
    window.store().close().await;
}

/// Another window (or the command line) writes to the register while it is
/// moved: each write lands before the copy, and so in the shared register,
/// or waits for the move and is refused; none stays behind in the file alone.
/// Taken back, the file is written to again.
#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn nothing_written_during_a_move_stays_behind_in_the_file() {
    let dir = tempfile::tempdir().expect("dir");
    let (file, source) = demo_file(dir.path(), kundvakt_core::values::ShopCountry::Se, 60).await;
    let other = Register::open(&file, OpenMode::Existing, "another window").await.expect("open again");
    let writer = {
        let other = other.clone();
        tokio::spawn(async move {
            let mut added = vec![];
            for i in 0.. {
                match other.add_customer(&common::input(&format!("Kund {i}"), &format!("k{i}@example.se"))).await {
                    Ok(c) => added.push(c.number),
                    Err(e) if e.code() == "register_moved" => return (added, e.to_string()),
                    Err(e) => panic!("a write during the move: {e}"),
                }
            }
            unreachable!("the loop ends with the move")
        })
    };
    tokio::time::sleep(std::time::Duration::from_millis(30)).await;
    let url = common::fresh_pg_database().await;
    let shared = source.move_into(&Location::Postgres(url.clone())).await.expect("move");
    let (added, refusal) = writer.await.expect("the writer");
    assert!(!added.is_empty(), "the writer wrote before the move");
    for number in &added {
        shared.find_customer(number).await.unwrap_or_else(|e| panic!("{number} is not in the shared register: {e}"));
    }
    let redacted = Location::Postgres(url.clone()).display();
    assert!(refusal.contains(&redacted) && !redacted.contains("secret"), "{refusal}");

    // The file holds what it held at the move, and its trail is whole.
    let in_file = other.list_customers(0, 1).await.expect("read").total;
    assert_eq!(in_file, shared.list_customers(0, 1).await.expect("list").total);
    let trail = kundvakt_core::audit::verify(other.store()).await.expect("verify");
    assert!(trail.broken.is_none(), "{trail:?}");
    // A moved register is not moved again.
    let again = Location::Postgres(common::fresh_pg_database().await);
    assert_eq!(other.move_into(&again).await.expect_err("moved already").code(), "register_moved");

    // Taken back into use, it is written to again, once.
    assert!(other.take_back().await.expect("take back"));
    assert!(!other.take_back().await.expect("again"), "nothing to take back twice");
    other.add_customer(&common::input("Åter Kund", "ater@example.se")).await.expect("written again");
    assert_eq!(source.list_customers(0, 1).await.expect("list").total, in_file + 1);
    shared.store().close().await;
    other.store().close().await;
    source.store().close().await;
}

/// The list's total as a register opened afresh answers it (no marks yet:
/// the count its triggers keep) and as a walk along the names counts it.
async fn listed_both_ways(at: &Location) -> (i64, i64) {
    let reg = Register::open(at, OpenMode::Existing, "a count").await.expect("open");
    let kept = reg.list_customers(0, 1).await.expect("page").total;
    let walked = reg.list_customers_in_steps(0, 1, 1).await.expect("walked").total;
    reg.store().close().await;
    (kept, walked)
}

/// The count of listed customers (migration 17) is the register's through
/// every way customers come and go: added, imported, erased, deleted by the
/// sweep, moved into a shared register, copied out of it by a backup and
/// restored into it.
#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn the_list_s_count_holds_through_every_way_customers_come_and_go() {
    let dir = tempfile::tempdir().expect("dir");
    let (file, window) = demo_file(dir.path(), kundvakt_core::values::ShopCountry::Se, 60).await;
    let same = |(kept, walked): (i64, i64), what: &str| {
        assert_eq!(kept, walked, "{what}: the count kept, and the names walked");
        kept
    };
    let demo = same(listed_both_ways(&file).await, "the demo");
    assert!(demo >= 60, "{demo}");
    let asa = window.find_customer("K000001").await.expect("Åsa");
    window.erase_customer(asa.id, None).await.expect("erase");
    assert_eq!(same(listed_both_ways(&file).await, "an erasure"), demo - 1);
    let swept =
        window.sweep(window.today().await.expect("today"), Batching::Fixed(100), &mut |_| {}).await.expect("sweep");
    let after_sweep = same(listed_both_ways(&file).await, "the sweep");
    assert!(after_sweep < demo - 1, "the sweep deleted inactive customers: {swept:?}");
    let csv = dir.path().join("kunder.csv");
    std::fs::write(&csv, "name,email\nNy Kund,ny@example.se\nAnnan Kund,annan@example.se\n").expect("csv");
    let cancel = std::sync::atomic::AtomicBool::new(false);
    let kind = kundvakt_core::import::ImportKind::Customers;
    window.import(&csv, kind, &Default::default(), &mut |_| {}, &cancel).await.expect("import");
    assert_eq!(same(listed_both_ways(&file).await, "an import"), after_sweep + 2);

    let shared_at = Location::Postgres(common::fresh_pg_database().await);
    let shared = window.move_into(&shared_at).await.expect("move");
    assert_eq!(same(listed_both_ways(&shared_at).await, "the move"), after_sweep + 2);
    let backup = dir.path().join("shared.db");
    shared.backup(&backup, None).await.expect("backup");
    let copy = Location::Sqlite(backup.clone());
    assert_eq!(same(listed_both_ways(&copy).await, "the shared register's backup"), after_sweep + 2);
    for i in 0..3 {
        shared.add_customer(&common::input(&format!("Kund {i}"), &format!("k{i}@example.se"))).await.expect("add");
    }
    let bo = shared.find_customer("K000002").await.expect("K000002");
    shared.erase_customer(bo.id, None).await.expect("erase");
    assert_eq!(same(listed_both_ways(&shared_at).await, "added and erased"), after_sweep + 4);
    shared.restore_in_place(&backup, None).await.expect("restore");
    assert_eq!(same(listed_both_ways(&shared_at).await, "the restore"), after_sweep + 1, "the erasure made again");
    shared.store().close().await;
    window.store().close().await;
}
