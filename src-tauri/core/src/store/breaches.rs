//! SQL of the record of personal data breaches.

use super::{on_pool, on_tx, Store, Within, WriteTx};
use crate::breaches::{Breach, NewBreach};
use crate::error::Result;
use crate::values::BreachId;

const COLUMNS: &str = "id, aware_at, nature, categories, people, consequences, measures, risk, recorded_by, \
                       recorded_at, notified_at, authority_reference, delay_reason, informed_at, informed_how, closed_at";

pub(crate) async fn insert(tx: &mut WriteTx, b: &NewBreach) -> Result<Breach> {
    let (now, actor) = (tx.now(), tx.actor().to_owned());
    let sql = format!(
        "INSERT INTO breaches (aware_at, nature, categories, people, consequences, measures, risk, recorded_by, recorded_at) \
         VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9) RETURNING {COLUMNS}"
    );
    Ok(on_tx!(tx, c => sqlx::query_as(&sql)
        .bind(b.aware_at).bind(&b.nature).bind(b.categories.to_text()).bind(b.people).bind(&b.consequences)
        .bind(&b.measures).bind(b.risk).bind(&actor).bind(now).fetch_one(c).await?))
}

/// A breach as another copy of the register recorded it (a restore carries it
/// over), with its steps and who recorded it when; a new id here.
pub(crate) async fn insert_whole(tx: &mut WriteTx, b: &Breach) -> Result<Breach> {
    let f = &b.fields;
    let sql = format!(
        "INSERT INTO breaches (aware_at, nature, categories, people, consequences, measures, risk, recorded_by, recorded_at, \
         notified_at, authority_reference, delay_reason, informed_at, informed_how, closed_at) \
         VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13, $14, $15) RETURNING {COLUMNS}"
    );
    Ok(on_tx!(tx, c => sqlx::query_as(&sql)
        .bind(f.aware_at).bind(&f.nature).bind(f.categories.to_text()).bind(f.people).bind(&f.consequences)
        .bind(&f.measures).bind(f.risk).bind(&b.recorded_by).bind(b.recorded_at).bind(b.notified_at)
        .bind(&b.authority_reference).bind(&b.delay_reason).bind(b.informed_at).bind(&b.informed_how).bind(b.closed_at)
        .fetch_one(c).await?))
}

/// Writes the facts as learnt and the steps taken (when the shop became aware,
/// and who recorded it when, never change).
pub(crate) async fn update(tx: &mut WriteTx, b: &Breach) -> Result<()> {
    let f = &b.fields;
    on_tx!(tx, c => sqlx::query(
        "UPDATE breaches SET nature = $1, categories = $2, people = $3, consequences = $4, measures = $5, risk = $6, \
         notified_at = $7, authority_reference = $8, delay_reason = $9, informed_at = $10, informed_how = $11, \
         closed_at = $12 WHERE id = $13")
        .bind(&f.nature).bind(f.categories.to_text()).bind(f.people).bind(&f.consequences).bind(&f.measures)
        .bind(f.risk).bind(b.notified_at).bind(&b.authority_reference).bind(&b.delay_reason).bind(b.informed_at)
        .bind(&b.informed_how).bind(b.closed_at).bind(b.id)
        .execute(c).await?.rows_affected());
    Ok(())
}

pub(crate) async fn get_tx(tx: &mut impl Within, id: BreachId) -> Result<Option<Breach>> {
    let sql = format!("SELECT {COLUMNS} FROM breaches WHERE id = $1");
    Ok(on_tx!(tx, c => sqlx::query_as(&sql).bind(id).fetch_optional(c).await?))
}

pub(crate) async fn get(store: &Store, id: BreachId) -> Result<Option<Breach>> {
    let sql = format!("SELECT {COLUMNS} FROM breaches WHERE id = $1");
    Ok(on_pool!(store, p => sqlx::query_as(&sql).bind(id).fetch_optional(p).await?))
}

/// Open breaches (with `all`, closed ones too); a shop records a handful a year.
pub(crate) async fn list(tx: &mut impl Within, all: bool) -> Result<Vec<Breach>> {
    let filter = if all { "" } else { "WHERE closed_at IS NULL" };
    let sql = format!("SELECT {COLUMNS} FROM breaches {filter} ORDER BY id");
    Ok(on_tx!(tx, c => sqlx::query_as(&sql).fetch_all(c).await?))
}
