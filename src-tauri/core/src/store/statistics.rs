//! The query planner's statistics of the register's tables, taken afresh.
//!
//! SQLite plans by `sqlite_stat1`, which only `ANALYZE` writes: a register
//! never analysed is planned as if every table were small. Measured at
//! 200 000 customers (docs/BENCHMARKS.md, fiftieth run), the whole due list
//! took 1.32 s without statistics and 0.91 s with them, the accountant's
//! export 1.68 s and 557 MiB against 1.11 s and 384 MiB, the sweep 13 %
//! longer. PostgreSQL analyses by itself (autovacuum), but within the
//! minute after a large write, not at once; and until its vacuum has marked
//! the pages written as visible to all, the search's index-only scans read
//! every row's page besides (a search for a word every customer has read
//! 4.6 ms instead of 0.6). Its manual advises both after a bulk load
//! ("Populating a Database").

use super::{Pool, Store};
use crate::error::Result;

/// Rows of each index SQLite reads to estimate it (`PRAGMA analysis_limit`,
/// "approximate ANALYZE"): the top of the range its manual recommends, so
/// that the statistics cost milliseconds at any size of register.
const ANALYSIS_LIMIT: u32 = 1000;

/// The tables an import writes the rows of, which PostgreSQL vacuums and
/// analyses after it; SQLite analyses every table, as cheaply.
const IMPORTED: [&str; 7] =
    ["customers", "customer_search", "consents", "orders", "order_lines", "invoices", "web_events"];

impl Store {
    /// Takes SQLite's statistics afresh; PostgreSQL's autovacuum keeps its own.
    pub(crate) async fn analyse(&self) -> Result<()> {
        match &self.live_pool().await.pool {
            Pool::Sqlite(p) => analyse_sqlite(p).await,
            Pool::Postgres(_) => Ok(()),
        }
    }

    /// After an import wrote many rows: the statistics afresh, and on
    /// PostgreSQL the tables vacuumed besides, at once rather than when
    /// autovacuum comes round.
    pub(crate) async fn analyse_imported(&self) -> Result<()> {
        match &self.live_pool().await.pool {
            Pool::Sqlite(p) => analyse_sqlite(p).await,
            Pool::Postgres(p) => {
                // VACUUM runs outside a transaction block, as a pool's single statement does.
                sqlx::query(&format!("VACUUM (ANALYZE) {}", IMPORTED.join(", "))).execute(p).await?;
                Ok(())
            }
        }
    }
}

async fn analyse_sqlite(p: &sqlx::SqlitePool) -> Result<()> {
    // On one connection: the limit is the connection's.
    let mut c = p.acquire().await?;
    sqlx::query(&format!("PRAGMA analysis_limit = {ANALYSIS_LIMIT}")).execute(&mut *c).await?;
    sqlx::query("ANALYZE").execute(&mut *c).await?;
    Ok(())
}
