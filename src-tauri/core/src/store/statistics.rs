//! A PostgreSQL register's tables settled after a bulk load.
//!
//! PostgreSQL's planner and its index-only scans rest on what its
//! autovacuum keeps: the statistics of each table and the map of the pages
//! whose rows every transaction sees. It comes round within the minute
//! after a large write, not at once; until it has, the search's index-only
//! scans read each row's page besides (a search for a word every customer
//! has counted its matches in 4.6 ms instead of 0.6 at 100 000 customers
//! just imported; search's p99 was 16.6–23.6 ms before, 8.9 ms after:
//! docs/BENCHMARKS.md, fiftieth run). Its manual advises vacuuming and
//! analysing after a bulk load ("Populating a Database").
//!
//! SQLite's planner reads only the statistics `ANALYZE` writes, which
//! Kundvakt does not take: its plans for the long lists (the due list, the
//! export) are the same without them and so are the times (docs/BENCHMARKS.md,
//! fifty-first run); approximate ones (`analysis_limit`) misled it at a
//! million customers, and exact ones hold the write lock for seconds there
//! (the fiftieth).

use super::{Pool, Store};
use crate::error::Result;

/// The tables an import writes the rows of.
const IMPORTED: [&str; 7] =
    ["customers", "customer_search", "consents", "orders", "order_lines", "invoices", "web_events"];

impl Store {
    /// After an import wrote many rows: on PostgreSQL, the tables it writes
    /// vacuumed and analysed at once rather than when autovacuum comes round.
    pub(crate) async fn settle_imported(&self) -> Result<()> {
        if let Pool::Postgres(p) = &self.live_pool().await.pool {
            // VACUUM runs outside a transaction block, as a pool's single statement does.
            sqlx::query(&format!("VACUUM (ANALYZE) {}", IMPORTED.join(", "))).execute(p).await?;
        }
        Ok(())
    }
}
