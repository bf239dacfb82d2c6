//! Legitimate-interest assessments: the balancing test a shop documents before
//! it relies on its legitimate interest (GDPR art. 6(1)(f)) and keeps to show
//! that it did (art. 5(2), accountability). Each is the shop's own text, added,
//! revised and withdrawn here with an audit entry; a new register starts with
//! the two behind the privacy policy's legitimate-interest purposes, worded in
//! the register's language, for the shop to review and sign as its own.

use chrono::NaiveDate;
use serde::{Deserialize, Serialize};

use crate::audit::to_json;
use crate::audit::Action;
use crate::error::{Checks, Error, Result};
use crate::i18n::Translator;
use crate::msg;
use crate::processing::{Category, CategoryList};
use crate::register::records::check_text;
use crate::store::catalogue as sql;
use crate::values::AssessmentId;
use crate::Register;

/// A documented legitimate-interest assessment (Art. 6(1)(f)).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, sqlx::FromRow, schemars::JsonSchema)]
pub struct Assessment {
    pub id: AssessmentId,
    #[sqlx(flatten)]
    #[serde(flatten)]
    pub fields: NewAssessment,
}

/// An assessment as it is written, before it has an id.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, sqlx::FromRow, schemars::JsonSchema)]
pub struct NewAssessment {
    /// The processing it concerns, such as keeping notes of calls.
    pub purpose: String,
    /// The categories of data the processing concerns: those whose legal
    /// basis this assessment documents.
    #[sqlx(try_from = "String")]
    pub categories: CategoryList,
    /// The shop's interest in that processing.
    pub interest: String,
    /// Why the processing is needed for the interest, and nothing less would do.
    pub necessity: String,
    /// The people's interests, rights and expectations weighed against it.
    pub balancing: String,
    /// What the shop concluded, with the limits it set.
    pub outcome: String,
    pub assessed_on: NaiveDate,
    /// Who made the assessment.
    pub author: String,
}

/// The longest answer to one of the assessment's questions.
const MAX_TEXT: usize = 4000;

impl NewAssessment {
    /// Every answer given and not too long, the author named, and the day not
    /// after `today` (an assessment documents what was weighed, not a plan).
    pub fn validate(&self, today: NaiveDate) -> Result<NewAssessment> {
        // Every answer is checked before any is told, in the form's order.
        let mut c = Checks::default();
        let purpose = c.take(check_text(&self.purpose, "purpose", MAX_TEXT));
        let interest = c.take(check_text(&self.interest, "interest", MAX_TEXT));
        let necessity = c.take(check_text(&self.necessity, "necessity", MAX_TEXT));
        let balancing = c.take(check_text(&self.balancing, "balancing", MAX_TEXT));
        let outcome = c.take(check_text(&self.outcome, "outcome", MAX_TEXT));
        let day = self.assessed_on;
        if day > today {
            c.fail(Error::invalid("assessed_on", msg!("msg-assessed-after-today", date = day.to_string())));
        }
        let author = c.take(check_text(&self.author, "author", 200));
        c.done()?;
        // None may be named: processing outside the register (a camera in the shop) is weighed too.
        let mut categories = self.categories.0.clone();
        categories.sort();
        categories.dedup();
        Ok(NewAssessment {
            purpose,
            categories: CategoryList(categories),
            interest,
            necessity,
            balancing,
            outcome,
            assessed_on: day,
            author,
        })
    }
}

/// The assessments behind the privacy policy's legitimate-interest purposes
/// (notes of calls, meetings and e-mail; the web site's activity log), in the
/// register's language, dated `today`.
pub fn defaults(tr: &Translator, today: NaiveDate) -> Vec<NewAssessment> {
    [("notes", Category::Communications), ("web", Category::WebActivity)]
        .into_iter()
        .map(|(which, category)| {
            let text = |part: &str| tr.t(&format!("default-assessment-{which}-{part}"));
            NewAssessment {
                purpose: text("purpose"),
                categories: CategoryList(vec![category]),
                interest: text("interest"),
                necessity: text("necessity"),
                balancing: text("balancing"),
                outcome: text("outcome"),
                assessed_on: today,
                author: tr.t("default-assessment-author"),
            }
        })
        .collect()
}

impl Register {
    /// `a` checked, its author who is working where it names none.
    async fn checked(&self, a: &NewAssessment) -> Result<NewAssessment> {
        let author = match a.author.trim() {
            "" => self.actor().to_owned(),
            named => named.to_owned(),
        };
        NewAssessment { author, ..a.clone() }.validate(self.today().await?)
    }

    /// Documents a new assessment (its author, left blank, is who is working).
    pub async fn add_assessment(&self, a: &NewAssessment) -> Result<Assessment> {
        let a = self.checked(a).await?;
        let mut tx = self.store().begin(self.actor()).await?;
        let saved = sql::insert_assessment(&mut tx, &a).await?;
        tx.audit(Action::AssessmentAdd, "assessment", saved.id, None, None, Some(&to_json(&saved)?)).await?;
        tx.commit().await?;
        Ok(saved)
    }

    /// Revises an assessment; the audit trail keeps what it said before.
    pub async fn update_assessment(&self, id: AssessmentId, a: &NewAssessment) -> Result<Assessment> {
        let a = self.checked(a).await?;
        let mut tx = self.store().begin(self.actor()).await?;
        let before = sql::assessment_tx(&mut tx, id).await?.ok_or_else(|| Error::not_found("assessment", id))?;
        let saved = sql::update_assessment(&mut tx, id, &a).await?;
        tx.audit(Action::AssessmentEdit, "assessment", id, None, Some(&to_json(&before)?), Some(&to_json(&saved)?))
            .await?;
        tx.commit().await?;
        Ok(saved)
    }

    /// Withdraws an assessment the shop no longer relies on (its processing
    /// stopped, or another basis applies); the audit trail keeps its text.
    pub async fn remove_assessment(&self, id: AssessmentId) -> Result<Assessment> {
        let mut tx = self.store().begin(self.actor()).await?;
        let before = sql::assessment_tx(&mut tx, id).await?.ok_or_else(|| Error::not_found("assessment", id))?;
        sql::delete_assessment(&mut tx, id).await?;
        tx.audit(Action::AssessmentRemove, "assessment", id, None, Some(&to_json(&before)?), None).await?;
        tx.commit().await?;
        Ok(before)
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::values::Language;

    #[test]
    fn the_defaults_are_worded_in_each_language() {
        let day = NaiveDate::from_ymd_opt(2026, 12, 2).expect("day");
        let [sv, nb, en] = [Language::Sv, Language::Nb, Language::En].map(|l| defaults(&Translator::new(l), day));
        for (i, ((sv, nb), en)) in sv.iter().zip(&nb).zip(&en).enumerate() {
            assert_ne!(sv.purpose, en.purpose, "assessment {i} in Swedish");
            assert_ne!(nb.purpose, en.purpose, "assessment {i} in Norwegian");
            assert!(sv.validate(day).is_ok() && nb.validate(day).is_ok() && en.validate(day).is_ok());
        }
        assert_eq!(en.len(), 2);
    }

    #[test]
    fn every_answer_is_required_and_the_day_not_ahead() {
        let day = NaiveDate::from_ymd_opt(2026, 12, 2).expect("day");
        let good = defaults(&Translator::new(Language::En), day).remove(0);
        for field in ["purpose", "interest", "necessity", "balancing", "outcome", "author"] {
            let mut bad = good.clone();
            let text = match field {
                "purpose" => &mut bad.purpose,
                "interest" => &mut bad.interest,
                "necessity" => &mut bad.necessity,
                "balancing" => &mut bad.balancing,
                "outcome" => &mut bad.outcome,
                _ => &mut bad.author,
            };
            *text = "  ".into();
            let err = bad.validate(day).expect_err(field);
            assert!(err.to_string().starts_with(&format!("{field}: ")), "{err}");
        }
        let ahead = NewAssessment { assessed_on: day.succ_opt().expect("next"), ..good.clone() };
        assert!(ahead.validate(day).expect_err("ahead").to_string().starts_with("assessed_on: "));
        assert_eq!(good.validate(day).expect("valid"), good);
    }

    #[test]
    fn an_empty_form_is_told_every_answer_at_once() {
        let day = NaiveDate::from_ymd_opt(2026, 12, 2).expect("day");
        let empty = NewAssessment {
            purpose: String::new(),
            categories: CategoryList::default(),
            interest: " ".into(),
            necessity: String::new(),
            balancing: String::new(),
            outcome: "Kept to the last order's year".into(),
            assessed_on: day.succ_opt().expect("next"),
            author: String::new(),
        };
        match empty.validate(day) {
            Err(Error::InvalidFields(fields)) => {
                let places: Vec<&str> = fields.iter().map(|(p, _)| p.0.as_str()).collect();
                assert_eq!(places, ["purpose", "interest", "necessity", "balancing", "assessed_on", "author"]);
            }
            other => panic!("expected every field, got {other:?}"),
        }
    }
}
