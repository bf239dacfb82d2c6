//! The import benchmark: a deterministic file of Nordic customers, imported by
//! Kundvakt and, on the same file, by sqlite3's own `.import` into a bare table;
//! and the same rows copied by sqlite3 into Kundvakt's schema.

use std::io::Write;
use std::path::Path;
use std::process::Command;
use std::time::{Duration, Instant};

pub const FIRST: &[&str] =
    &["Åsa", "Björn", "Märta", "Øyvind", "Jörg", "Ingrid", "Sören", "Åke", "Linnéa", "Tuomas", "Kirsi", "Mads"];
pub const LAST: &[&str] =
    &["Öberg", "Ström", "Ålund", "Bråten", "Järvinen", "Sjöberg", "Nørgaard", "Lindqvist", "Håkansson", "Ødegård"];
const CITIES: &[&str] =
    &["Falun", "Göteborg", "Malmö", "Oslo", "Tromsø", "Århus", "Helsinki", "Umeå", "Växjö", "Kiruna"];

/// Writes `n` customers in the generic format; the same `seed` gives the same file.
pub fn write_customers(path: &Path, n: usize, seed: u64) {
    let mut random = crate::scale::Lcg(seed);
    let mut next = move || random.draw() as usize;
    let file = std::fs::File::create(path).expect("create the CSV");
    let mut out = std::io::BufWriter::new(file);
    writeln!(out, "customer_number,name,email,phone,street,postal_code,city,country,language").expect("write");
    for i in 0..n {
        let (f, l, c) = (FIRST[next() % FIRST.len()], LAST[next() % LAST.len()], CITIES[next() % CITIES.len()]);
        writeln!(
            out,
            "B{i:07},{f} {l},kund{i}@example.se,070-{:03} {:02} {:02},Storgatan {},{:03} {:02},{c},SE,sv",
            next() % 1000,
            next() % 100,
            next() % 100,
            1 + next() % 120,
            100 + next() % 900,
            next() % 100
        )
        .expect("write");
    }
    out.flush().expect("flush");
}

/// sqlite3's `.import` of `csv` into a bare table of a new database file.
pub fn sqlite3_import(csv: &Path, dir: &Path) -> Duration {
    let db = dir.join("bare.db");
    let _ = std::fs::remove_file(&db);
    let start = Instant::now();
    let out = Command::new("sqlite3")
        .arg(&db)
        .arg(".mode csv")
        .arg(format!(".import {} customers", csv.display()))
        .output()
        .expect("sqlite3 (apt-get install sqlite3)");
    let elapsed = start.elapsed();
    assert!(out.status.success(), "sqlite3: {}", String::from_utf8_lossy(&out.stderr));
    elapsed
}

/// What sqlite3 took to copy an imported register's rows into an empty one.
pub struct Floor {
    /// The whole copy, commit included.
    pub total: Duration,
    /// The customers table alone, with its indexes: no words, no audit.
    pub customers: Duration,
    /// The customers the copy holds.
    pub copied: usize,
}

/// The database's own share of an import: sqlite3 copies the rows our import
/// wrote (customers, their search words, their audit entries) from `imported`
/// into `empty`, a new register of the same schema, in one transaction. No
/// parsing, checking or hashing: what any import into this schema must pay
/// at least, as the bare `.import` is what a file into one table pays. The
/// words go in customer order, as an import meets them. The customers' own
/// statement is timed apart: the least a register with this table pays.
pub fn sqlite3_copy_into_schema(imported: &Path, empty: &Path) -> Floor {
    // The words have no index by customer (migration 21): one made on the
    // imported register before the clock starts, and dropped after, lets
    // sqlite3 read them in customer order without sorting them in the copy.
    sqlite3(imported, "CREATE INDEX bench_words_by_customer ON customer_search (customer_id, token);");
    let script = format!(
        "PRAGMA cache_size = -65536;\n\
         ATTACH '{}' AS s;\n\
         BEGIN;\n\
         .timer on\n\
         INSERT INTO main.customers SELECT * FROM s.customers ORDER BY id;\n\
         .timer off\n\
         INSERT INTO main.customer_search SELECT * FROM s.customer_search ORDER BY customer_id;\n\
         INSERT INTO main.audit_entries SELECT * FROM s.audit_entries \
           WHERE seq > (SELECT COALESCE(MAX(seq), 0) FROM main.audit_entries) ORDER BY seq;\n\
         COMMIT;\n\
         SELECT COUNT(*) FROM main.customers;\n",
        imported.display().to_string().replace('\'', "''")
    );
    let start = Instant::now();
    let mut child = Command::new("sqlite3")
        .arg(empty)
        .stdin(std::process::Stdio::piped())
        .stdout(std::process::Stdio::piped())
        .stderr(std::process::Stdio::piped())
        .spawn()
        .expect("sqlite3 (apt-get install sqlite3)");
    child.stdin.take().expect("stdin").write_all(script.as_bytes()).expect("script");
    let out = child.wait_with_output().expect("sqlite3");
    let total = start.elapsed();
    sqlite3(imported, "DROP INDEX bench_words_by_customer;");
    assert!(out.status.success() && out.stderr.is_empty(), "sqlite3: {}", String::from_utf8_lossy(&out.stderr));
    let stdout = String::from_utf8_lossy(&out.stdout);
    // `.timer on` prints "Run Time: real 12.697 user 11.28 sys 1.30" after the one statement it wraps.
    let customers = stdout
        .lines()
        .find_map(|l| l.strip_prefix("Run Time: real "))
        .and_then(|rest| rest.split_whitespace().next())
        .and_then(|secs| secs.parse::<f64>().ok())
        .map(Duration::from_secs_f64)
        .expect("sqlite3's timer line for the customers");
    let copied = stdout
        .lines()
        .rev()
        .find(|l| !l.starts_with("Run Time:"))
        .and_then(|l| l.trim().parse().ok())
        .expect("sqlite3's count of the copy");
    Floor { total, customers, copied }
}

/// Runs `sql` in sqlite3 on `db`, untimed.
fn sqlite3(db: &Path, sql: &str) {
    let out = Command::new("sqlite3").arg(db).arg(sql).output().expect("sqlite3 (apt-get install sqlite3)");
    assert!(out.status.success(), "sqlite3 {sql}: {}", String::from_utf8_lossy(&out.stderr));
}

/// The peak resident memory of this process so far (VmHWM), in MiB.
pub fn peak_rss_mib() -> f64 {
    let status = std::fs::read_to_string("/proc/self/status").unwrap_or_default();
    let kib: f64 = status
        .lines()
        .find_map(|l| l.strip_prefix("VmHWM:"))
        .and_then(|v| v.trim().trim_end_matches("kB").trim().parse().ok())
        .unwrap_or(0.0);
    kib / 1024.0
}
