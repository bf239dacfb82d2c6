//! The records of processing (Art. 30) as the register has them, carried
//! into a restored backup that predates a change to them: the categories,
//! processors and recipients, and the legitimate-interest assessments are the
//! shop's account of what it does with the data, and the documents given to
//! people are made from them (Art. 13-15). A restore, also how a mistaken
//! import is undone, must not take them back to the backup's.

use crate::audit::to_json as json;
use crate::audit::Action;
use crate::error::Result;
use crate::processing::Catalogue;
use crate::store::catalogue as stored;
use crate::store::WriteTx;

/// Makes the copy's records of processing `register`'s, each change audited
/// as the window's would be; returns how many entries it changed.
pub(super) async fn carry_catalogue(tx: &mut WriteTx, register: &Catalogue) -> Result<i64> {
    let mut changed = 0;
    for category in &register.categories {
        let before =
            stored::category_tx(tx, category.code).await?.unwrap_or_else(|| category.code.default_processing());
        if &before != category {
            stored::upsert_category(tx, category).await?;
            tx.audit(
                Action::CategoryEdit,
                "category",
                category.code,
                None,
                Some(&json(&before)?),
                Some(&json(category)?),
            )
            .await?;
            changed += 1;
        }
    }
    let copy = stored::processors(tx).await?;
    for gone in copy.iter().filter(|q| !register.processors.iter().any(|p| p.id == q.id)) {
        stored::delete_processor(tx, gone.id).await?;
        tx.audit(Action::ProcessorRemove, "processor", gone.id, None, Some(&json(gone)?), None).await?;
        changed += 1;
    }
    for p in &register.processors {
        match copy.iter().find(|q| q.id == p.id) {
            Some(q) if q == p => continue,
            Some(q) => {
                stored::update_processor(tx, p.id, &p.fields).await?;
                tx.audit(Action::ProcessorEdit, "processor", p.id, None, Some(&json(q)?), Some(&json(p)?)).await?;
            }
            None => {
                stored::insert_processor_as(tx, Some(p.id), &p.fields).await?;
                tx.audit(Action::ProcessorAdd, "processor", p.id, None, None, Some(&json(p)?)).await?;
            }
        }
        changed += 1;
    }
    let copy = stored::assessments(tx).await?;
    for gone in copy.iter().filter(|b| !register.assessments.iter().any(|a| a.id == b.id)) {
        stored::delete_assessment(tx, gone.id).await?;
        tx.audit(Action::AssessmentRemove, "assessment", gone.id, None, Some(&json(gone)?), None).await?;
        changed += 1;
    }
    for a in &register.assessments {
        match copy.iter().find(|b| b.id == a.id) {
            Some(b) if b == a => continue,
            Some(b) => {
                stored::update_assessment(tx, a.id, &a.fields).await?;
                tx.audit(Action::AssessmentEdit, "assessment", a.id, None, Some(&json(b)?), Some(&json(a)?)).await?;
            }
            None => {
                stored::insert_assessment_as(tx, Some(a.id), &a.fields).await?;
                tx.audit(Action::AssessmentAdd, "assessment", a.id, None, None, Some(&json(a)?)).await?;
            }
        }
        changed += 1;
    }
    Ok(changed)
}
