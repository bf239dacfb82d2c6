//! SQL of the processing catalogue: categories, processors, assessments.

use super::{on_pool, on_tx, Store, Within, WriteTx};
use crate::assessments::{Assessment, NewAssessment};
use crate::error::Result;
use crate::processing::{Category, CategoryProcessing, NewProcessor, Processor};
use crate::values::{AssessmentId, ProcessorId};

pub(crate) async fn is_seeded(store: &Store) -> Result<bool> {
    let n: i64 = on_pool!(store, p => sqlx::query_scalar("SELECT COUNT(*) FROM categories").fetch_one(p).await?);
    Ok(n > 0)
}

pub(crate) async fn is_seeded_tx(tx: &mut WriteTx) -> Result<bool> {
    let n: i64 = on_tx!(tx, c => sqlx::query_scalar("SELECT COUNT(*) FROM categories").fetch_one(c).await?);
    Ok(n > 0)
}

pub(crate) async fn upsert_category(tx: &mut WriteTx, c: &CategoryProcessing) -> Result<()> {
    on_tx!(tx, conn => sqlx::query(
        "INSERT INTO categories (code, purpose, legal_basis, source) VALUES ($1, $2, $3, $4) \
         ON CONFLICT (code) DO UPDATE SET purpose = excluded.purpose, legal_basis = excluded.legal_basis, source = excluded.source")
        .bind(c.code).bind(&c.purpose).bind(c.legal_basis).bind(c.source).execute(conn).await?.rows_affected());
    Ok(())
}

pub(crate) async fn category_tx(tx: &mut WriteTx, code: Category) -> Result<Option<CategoryProcessing>> {
    Ok(on_tx!(tx, c => sqlx::query_as("SELECT code, purpose, legal_basis, source FROM categories WHERE code = $1")
        .bind(code).fetch_optional(c).await?))
}

const PROCESSOR_COLUMNS: &str = "id, name, role, country, purpose, categories, agreement_date, outside_eea, safeguards";

pub(crate) async fn processor_tx(tx: &mut WriteTx, id: ProcessorId) -> Result<Option<Processor>> {
    let sql = format!("SELECT {PROCESSOR_COLUMNS} FROM processors WHERE id = $1");
    Ok(on_tx!(tx, c => sqlx::query_as(&sql).bind(id).fetch_optional(c).await?))
}

pub(crate) async fn update_processor(tx: &mut WriteTx, id: ProcessorId, p: &NewProcessor) -> Result<Processor> {
    let sql = format!(
        "UPDATE processors SET name = $1, role = $2, country = $3, purpose = $4, agreement_date = $5, outside_eea = $6, \
         safeguards = $7, categories = $8 WHERE id = $9 RETURNING {PROCESSOR_COLUMNS}"
    );
    Ok(on_tx!(tx, c => sqlx::query_as(&sql)
        .bind(&p.name).bind(p.role).bind(p.country.to_uppercase()).bind(&p.purpose).bind(p.agreement_date)
        .bind(p.outside_eea).bind(&p.safeguards).bind(p.categories.to_text()).bind(id).fetch_one(c).await?))
}

pub(crate) async fn delete_processor(tx: &mut WriteTx, id: ProcessorId) -> Result<()> {
    on_tx!(tx, c => sqlx::query("DELETE FROM processors WHERE id = $1").bind(id).execute(c).await?.rows_affected());
    Ok(())
}

pub(crate) async fn insert_processor(tx: &mut WriteTx, p: &NewProcessor) -> Result<Processor> {
    insert_processor_as(tx, None, p).await
}

/// Inserts `p` under `id` (a restore carries the register's processor over
/// with the id it had there), or under a new id.
pub(crate) async fn insert_processor_as(
    tx: &mut WriteTx,
    id: Option<ProcessorId>,
    p: &NewProcessor,
) -> Result<Processor> {
    let (id_column, id_value) = if id.is_some() { ("id, ", "$9, ") } else { ("", "") };
    let sql = format!(
        "INSERT INTO processors ({id_column}name, role, country, purpose, agreement_date, outside_eea, safeguards, categories) \
         VALUES ({id_value}$1, $2, $3, $4, $5, $6, $7, $8) RETURNING {PROCESSOR_COLUMNS}"
    );
    Ok(on_tx!(tx, c => {
        let q = sqlx::query_as(&sql)
            .bind(&p.name).bind(p.role).bind(p.country.to_uppercase()).bind(&p.purpose).bind(p.agreement_date)
            .bind(p.outside_eea).bind(&p.safeguards).bind(p.categories.to_text());
        match id {
            Some(id) => q.bind(id),
            None => q,
        }.fetch_one(c).await?
    }))
}

const ASSESSMENT_COLUMNS: &str =
    "id, purpose, categories, interest, necessity, balancing, outcome, assessed_on, author";

pub(crate) async fn insert_assessment(tx: &mut WriteTx, a: &NewAssessment) -> Result<Assessment> {
    insert_assessment_as(tx, None, a).await
}

/// Inserts `a` under `id` (a restore carries the register's assessment over
/// with the id it had there), or under a new id.
pub(crate) async fn insert_assessment_as(
    tx: &mut WriteTx,
    id: Option<AssessmentId>,
    a: &NewAssessment,
) -> Result<Assessment> {
    let (id_column, id_value) = if id.is_some() { ("id, ", "$9, ") } else { ("", "") };
    let sql = format!(
        "INSERT INTO li_assessments ({id_column}purpose, interest, necessity, balancing, outcome, assessed_on, author, categories) \
         VALUES ({id_value}$1, $2, $3, $4, $5, $6, $7, $8) RETURNING {ASSESSMENT_COLUMNS}"
    );
    Ok(on_tx!(tx, c => {
        let q = sqlx::query_as(&sql)
            .bind(&a.purpose).bind(&a.interest).bind(&a.necessity).bind(&a.balancing).bind(&a.outcome)
            .bind(a.assessed_on).bind(&a.author).bind(a.categories.to_text());
        match id {
            Some(id) => q.bind(id),
            None => q,
        }.fetch_one(c).await?
    }))
}

pub(crate) async fn update_assessment(tx: &mut WriteTx, id: AssessmentId, a: &NewAssessment) -> Result<Assessment> {
    let sql = format!(
        "UPDATE li_assessments SET purpose = $1, interest = $2, necessity = $3, balancing = $4, outcome = $5, \
         assessed_on = $6, author = $7, categories = $8 WHERE id = $9 RETURNING {ASSESSMENT_COLUMNS}"
    );
    Ok(on_tx!(tx, c => sqlx::query_as(&sql)
        .bind(&a.purpose).bind(&a.interest).bind(&a.necessity).bind(&a.balancing).bind(&a.outcome)
        .bind(a.assessed_on).bind(&a.author).bind(a.categories.to_text()).bind(id).fetch_one(c).await?))
}

pub(crate) async fn assessment_tx(tx: &mut WriteTx, id: AssessmentId) -> Result<Option<Assessment>> {
    let sql = format!("SELECT {ASSESSMENT_COLUMNS} FROM li_assessments WHERE id = $1");
    Ok(on_tx!(tx, c => sqlx::query_as(&sql).bind(id).fetch_optional(c).await?))
}

pub(crate) async fn delete_assessment(tx: &mut WriteTx, id: AssessmentId) -> Result<()> {
    on_tx!(tx, c => sqlx::query("DELETE FROM li_assessments WHERE id = $1").bind(id).execute(c).await?.rows_affected());
    Ok(())
}

pub(crate) async fn categories(tx: &mut impl Within) -> Result<Vec<CategoryProcessing>> {
    Ok(on_tx!(tx, c => sqlx::query_as("SELECT code, purpose, legal_basis, source FROM categories ORDER BY code")
        .fetch_all(c).await?))
}

pub(crate) async fn processors(tx: &mut impl Within) -> Result<Vec<Processor>> {
    let sql = format!("SELECT {PROCESSOR_COLUMNS} FROM processors ORDER BY id");
    Ok(on_tx!(tx, c => sqlx::query_as(&sql).fetch_all(c).await?))
}

pub(crate) async fn assessments(tx: &mut impl Within) -> Result<Vec<Assessment>> {
    let sql = format!("SELECT {ASSESSMENT_COLUMNS} FROM li_assessments ORDER BY id");
    Ok(on_tx!(tx, c => sqlx::query_as(&sql).fetch_all(c).await?))
}
