//! Personal data breaches (GDPR Art. 33 and 34): the shop's record of every
//! breach, with the 72-hour clock for telling the supervisory authority.
//!
//! Art. 33(5): the controller documents every breach, "comprising the facts
//! relating to the personal data breach, its effects and the remedial action
//! taken", whether it was notified or not. Art. 33(1): a breach is notified
//! within 72 hours of becoming aware of it, unless it is unlikely to result in
//! a risk to people's rights and freedoms; a later notification gives the
//! reasons for the delay. The period is in hours (retention-law.md): no
//! moving to the next working day. Art. 34: a breach likely to result in a
//! high risk is also told to the people concerned, or the record says why
//! not (Art. 34(3)). The customers it concerns, where the shop knows them,
//! are linked to it ([`concerned`]). The record is kept as the shop's proof
//! (Art. 5(2)), never swept.

use chrono::{DateTime, Duration, Utc};
use chrono_tz::Tz;
use serde::{Deserialize, Serialize};

use crate::audit::to_json as json;
use crate::audit::Action;
use crate::error::{Checks, Error, Result};
use crate::macros::text_enum;
use crate::msg;
use crate::processing::CategoryList;
use crate::register::customer::optional_text;
use crate::register::records::check_text;
use crate::store;
use crate::values::BreachId;
use crate::Register;

pub mod concerned;

pub use concerned::{ConcernChange, ConcernedPage, LettersProgress, LettersWritten};

/// Art. 33(1): "not later than 72 hours after having become aware of it".
pub const NOTIFY_WITHIN_HOURS: i64 = 72;

const MAX_TEXT: usize = 5000;

text_enum! {
    /// The risk the breach is likely to pose to the people concerned.
    pub enum BreachRisk {
        /// Unlikely to result in a risk: recorded, not notified (Art. 33(1)).
        Unlikely = "unlikely",
        /// A risk: the authority is told within 72 hours (Art. 33(1)).
        Risk = "risk",
        /// A high risk: the people concerned are told too (Art. 34(1)).
        High = "high",
    }
}

/// A breach as the shop first records it (Art. 33(3)).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, sqlx::FromRow, schemars::JsonSchema)]
pub struct NewBreach {
    /// When the shop became aware of the breach: the 72 hours run from here.
    pub aware_at: DateTime<Utc>,
    /// What happened (Art. 33(3)(a)): the nature of the breach.
    pub nature: String,
    /// The categories of the register's data concerned (Art. 33(3)(a)).
    #[sqlx(try_from = "String")]
    pub categories: CategoryList,
    /// About how many people are concerned, where known (Art. 33(3)(a)).
    pub people: Option<i64>,
    /// Its likely consequences for them (Art. 33(3)(c)).
    pub consequences: String,
    /// What was done or is proposed to deal with it and limit its effects (Art. 33(3)(d)).
    pub measures: String,
    pub risk: BreachRisk,
}

/// A breach as stored.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, sqlx::FromRow, schemars::JsonSchema)]
pub struct Breach {
    pub id: BreachId,
    #[sqlx(flatten)]
    #[serde(flatten)]
    pub fields: NewBreach,
    pub recorded_by: String,
    pub recorded_at: DateTime<Utc>,
    /// When the supervisory authority was notified.
    pub notified_at: Option<DateTime<Utc>>,
    /// The authority's reference for the notification, where it gave one.
    pub authority_reference: Option<String>,
    /// Why the notification came after the 72 hours (Art. 33(1)).
    pub delay_reason: Option<String>,
    /// When the people concerned were told, or it was decided they need not be (Art. 34).
    pub informed_at: Option<DateTime<Utc>>,
    /// How they were told, or why not (Art. 34(2), (3)).
    pub informed_how: Option<String>,
    pub closed_at: Option<DateTime<Utc>>,
}

impl Breach {
    /// The end of the 72 hours (Art. 33(1)).
    pub fn notify_by(&self) -> DateTime<Utc> {
        self.fields.aware_at + Duration::hours(NOTIFY_WITHIN_HOURS)
    }

    /// The authority must be told: the breach is not unlikely to pose a risk.
    pub fn must_notify(&self) -> bool {
        self.fields.risk != BreachRisk::Unlikely
    }

    /// The people concerned must be told, or the record say why not (Art. 34).
    pub fn must_inform(&self) -> bool {
        self.fields.risk == BreachRisk::High
    }
}

/// A breach as lists and scripts see it at a moment.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, schemars::JsonSchema)]
pub struct BreachView {
    #[serde(flatten)]
    pub breach: Breach,
    pub notify_by: DateTime<Utc>,
    /// Whole hours left to notify the authority (negative when late, counted
    /// toward zero); null when no notification is owed or it was made.
    pub hours_left: Option<i64>,
    /// A notification is owed and the 72 hours are over.
    pub overdue: bool,
    /// The people concerned are still to be told (Art. 34).
    pub inform_owed: bool,
    /// How many customers the record links to the breach (the people known by name).
    pub concerned: i64,
}

impl BreachView {
    pub fn new(b: Breach, concerned: i64, now: DateTime<Utc>) -> Self {
        let notify_by = b.notify_by();
        let owed = b.must_notify() && b.notified_at.is_none() && b.closed_at.is_none();
        let hours_left = owed.then(|| (notify_by - now).num_hours());
        BreachView {
            notify_by,
            hours_left,
            overdue: owed && now > notify_by,
            inform_owed: b.must_inform() && b.informed_at.is_none() && b.closed_at.is_none(),
            concerned,
            breach: b,
        }
    }
}

/// A step in a breach's record, as the window and the command line send it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, schemars::JsonSchema)]
#[serde(tag = "step", rename_all = "snake_case")]
pub enum BreachStep {
    /// The authority was notified at `at` (default now).
    Notify { at: Option<DateTime<Utc>>, reference: Option<String>, delay_reason: Option<String> },
    /// The people concerned were told at `at` (default now), or it was decided
    /// they need not be; `how` says which (Art. 34(2), (3)).
    Inform { at: Option<DateTime<Utc>>, how: String },
    /// What was learnt since (Art. 33(4): the information may be given in
    /// phases): each fact given replaces the one recorded; when the shop became
    /// aware stays, as the 72 hours run from it. A risk found unlikely after
    /// all owes no notification; the audit trail keeps the assessment before.
    Update {
        nature: Option<String>,
        categories: Option<CategoryList>,
        people: Option<i64>,
        consequences: Option<String>,
        measures: Option<String>,
        risk: Option<BreachRisk>,
    },
    /// Nothing more is to be done.
    Close,
}

impl BreachStep {
    fn action(&self) -> Action {
        match self {
            BreachStep::Notify { .. } => Action::BreachNotify,
            BreachStep::Inform { .. } => Action::BreachInform,
            BreachStep::Update { .. } => Action::BreachUpdate,
            BreachStep::Close => Action::BreachClose,
        }
    }
}

impl NewBreach {
    /// Every fact given and not too long; the moment of awareness not after
    /// `now` (said on the shop's clock, `zone`, when it is).
    pub fn validate(&self, now: DateTime<Utc>, zone: Tz) -> Result<NewBreach> {
        // Every fact is checked before any is told, in the form's order.
        let mut c = Checks::default();
        if self.aware_at > now {
            c.fail(Error::invalid("aware_at", msg!("msg-in-the-future", when = local(self.aware_at, zone))));
        }
        let nature = c.take(check_text(&self.nature, "nature", MAX_TEXT));
        if self.people.is_some_and(|n| n < 0) {
            c.fail(Error::invalid("people", msg!("msg-breach-people")));
        }
        let consequences = c.take(check_text(&self.consequences, "consequences", MAX_TEXT));
        let measures = c.take(check_text(&self.measures, "measures", MAX_TEXT));
        c.done()?;
        let mut categories = self.categories.0.clone();
        categories.sort();
        categories.dedup();
        Ok(NewBreach {
            aware_at: self.aware_at,
            nature,
            categories: CategoryList(categories),
            people: self.people,
            consequences,
            measures,
            risk: self.risk,
        })
    }
}

/// A moment on the shop's clock, as its messages say it (in any language).
fn local(t: DateTime<Utc>, zone: Tz) -> String {
    crate::reports::document::Clock(zone).stamp(&t)
}

/// `b` after `step` at `now`, or why the step cannot be taken.
fn apply(b: &Breach, step: &BreachStep, now: DateTime<Utc>, zone: Tz) -> Result<Breach> {
    let id = b.id;
    if b.closed_at.is_some() {
        return Err(Error::Refused(msg!("msg-breach-closed", id)));
    }
    let moment = |at: &Option<DateTime<Utc>>| -> Result<DateTime<Utc>> {
        let at = at.unwrap_or(now);
        if at > now {
            return Err(Error::invalid("at", msg!("msg-in-the-future", when = local(at, zone))));
        }
        if at < b.fields.aware_at {
            return Err(Error::invalid("at", msg!("msg-breach-before-aware", aware = local(b.fields.aware_at, zone))));
        }
        Ok(at)
    };
    let mut next = b.clone();
    match step {
        BreachStep::Notify { at, reference, delay_reason } => {
            if b.notified_at.is_some() {
                return Err(Error::Refused(msg!("msg-breach-notified-already", id)));
            }
            let at = moment(at)?;
            let delay_reason = optional_text(delay_reason.as_deref(), "delay_reason", MAX_TEXT)?;
            // Art. 33(1): "Where the notification ... is not made within 72 hours,
            // it shall be accompanied by reasons for the delay."
            if at > b.notify_by() && delay_reason.is_none() {
                return Err(Error::invalid(
                    "delay_reason",
                    msg!("msg-breach-delay-reason", hours = NOTIFY_WITHIN_HOURS),
                ));
            }
            next.notified_at = Some(at);
            next.authority_reference = optional_text(reference.as_deref(), "reference", 200)?;
            next.delay_reason = delay_reason;
        }
        BreachStep::Inform { at, how } => {
            if b.informed_at.is_some() {
                return Err(Error::Refused(msg!("msg-breach-informed-already", id)));
            }
            next.informed_at = Some(moment(at)?);
            next.informed_how = Some(check_text(how, "how", MAX_TEXT)?);
        }
        BreachStep::Update { nature, categories, people, consequences, measures, risk } => {
            let f = &b.fields;
            let merged = NewBreach {
                aware_at: f.aware_at,
                nature: nature.clone().unwrap_or_else(|| f.nature.clone()),
                categories: categories.clone().unwrap_or_else(|| f.categories.clone()),
                people: people.or(f.people),
                consequences: consequences.clone().unwrap_or_else(|| f.consequences.clone()),
                measures: measures.clone().unwrap_or_else(|| f.measures.clone()),
                risk: risk.unwrap_or(f.risk),
            };
            next.fields = merged.validate(now, zone)?;
        }
        BreachStep::Close => {
            if b.must_notify() && b.notified_at.is_none() {
                return Err(Error::Refused(msg!("msg-breach-close-unnotified", id)));
            }
            if b.must_inform() && b.informed_at.is_none() {
                return Err(Error::Refused(msg!("msg-breach-close-uninformed", id)));
            }
            next.closed_at = Some(now);
        }
    }
    Ok(next)
}

impl Register {
    /// Records a breach (Art. 33(5)), audited.
    pub async fn record_breach(&self, breach: &NewBreach) -> Result<BreachView> {
        let now = store::now();
        let breach = breach.validate(now, self.settings().await?.time_zone())?;
        let mut tx = self.store().begin(self.actor()).await?;
        let saved = store::breaches::insert(&mut tx, &breach).await?;
        tx.audit(Action::BreachRecord, "breach", saved.id, None, None, Some(&json(&saved)?)).await?;
        tx.commit().await?;
        Ok(BreachView::new(saved, 0, now))
    }

    /// Takes one step in a breach's record, audited with the record before and after.
    pub async fn breach_step(&self, id: BreachId, step: &BreachStep) -> Result<BreachView> {
        let now = store::now();
        let zone = self.settings().await?.time_zone();
        let mut tx = self.store().begin(self.actor()).await?;
        let current = store::breaches::get_tx(&mut tx, id).await?.ok_or_else(|| Error::not_found("breach", id))?;
        let next = apply(&current, step, now, zone)?;
        store::breaches::update(&mut tx, &next).await?;
        tx.audit(step.action(), "breach", id, None, Some(&json(&current)?), Some(&json(&next)?)).await?;
        let concerned = store::breaches::concerned_count(&mut tx, id).await?;
        tx.commit().await?;
        Ok(BreachView::new(next, concerned, now))
    }

    pub async fn breach(&self, id: BreachId) -> Result<BreachView> {
        Ok(store::in_snapshot!(self.store(), s => {
            let b = store::breaches::get_tx(&mut s, id).await?.ok_or_else(|| Error::not_found("breach", id))?;
            BreachView::new(b, store::breaches::concerned_count(&mut s, id).await?, store::now())
        }))
    }

    /// The breaches still open (with `all`, closed ones too): the most urgent
    /// notification first, then the others newest first.
    pub async fn breaches(&self, all: bool) -> Result<Vec<BreachView>> {
        let now = store::now();
        let mut views = store::in_snapshot!(self.store(), s => views_in(&mut s, all, now).await?);
        views.sort_by_key(|v| {
            let b = &v.breach;
            (b.closed_at.is_some(), v.hours_left.is_none(), v.hours_left, std::cmp::Reverse(b.fields.aware_at), b.id)
        });
        Ok(views)
    }
}

/// The breaches (with `all`, closed ones too) as read in `s`, with how many customers each concerns.
pub(crate) async fn views_in(s: &mut impl store::Within, all: bool, now: DateTime<Utc>) -> Result<Vec<BreachView>> {
    let counts = store::breaches::concerned_counts(s).await?;
    let listed = store::breaches::list(s, all).await?;
    Ok(listed
        .into_iter()
        .map(|b| {
            let n = counts.iter().find(|(id, _)| *id == b.id).map_or(0, |(_, n)| *n);
            BreachView::new(b, n, now)
        })
        .collect())
}

#[cfg(test)]
mod tests {
    use super::*;

    fn breach(risk: BreachRisk, aware: &str) -> Breach {
        Breach {
            id: BreachId(1),
            fields: NewBreach {
                aware_at: aware.parse().expect("time"),
                nature: "A laptop with the register was stolen".into(),
                categories: CategoryList::default(),
                people: Some(300),
                consequences: "Names and addresses may be read".into(),
                measures: "The register is encrypted; the passphrase changed".into(),
                risk,
            },
            recorded_by: "kari".into(),
            recorded_at: aware.parse().expect("time"),
            notified_at: None,
            authority_reference: None,
            delay_reason: None,
            informed_at: None,
            informed_how: None,
            closed_at: None,
        }
    }

    const Z: Tz = chrono_tz::Europe::Stockholm;

    fn at(s: &str) -> DateTime<Utc> {
        s.parse().expect("time")
    }

    #[test]
    fn a_breach_is_told_every_wrong_fact_at_once() {
        let now = at("2026-12-05T08:00:00Z");
        let b = NewBreach {
            aware_at: at("2026-12-05T09:00:00Z"),
            nature: String::new(),
            people: Some(-3),
            measures: "  ".into(),
            ..breach(BreachRisk::Risk, "2026-12-04T18:30:00Z").fields
        };
        match b.validate(now, Z) {
            Err(Error::InvalidFields(fields)) => {
                let places: Vec<&str> = fields.iter().map(|(p, _)| p.0.as_str()).collect();
                assert_eq!(places, ["aware_at", "nature", "people", "measures"]);
                // The moment is said on the shop's clock.
                assert!(fields[0].1.to_string().contains("10:00"), "{}", fields[0].1);
            }
            other => panic!("expected every fact, got {other:?}"),
        }
        let good = breach(BreachRisk::Risk, "2026-12-04T18:30:00Z").fields;
        assert_eq!(good.validate(now, Z).expect("valid"), good);
    }

    #[test]
    fn the_72_hours_are_hours_not_working_days() {
        // Friday 18:30 UTC: the 72 hours end on Monday 18:30, weekend or not.
        let b = breach(BreachRisk::Risk, "2026-12-04T18:30:00Z");
        assert_eq!(b.notify_by(), at("2026-12-07T18:30:00Z"));
        let v = BreachView::new(b.clone(), 0, at("2026-12-05T18:30:00Z"));
        assert_eq!((v.hours_left, v.overdue), (Some(48), false));
        let v = BreachView::new(b.clone(), 0, at("2026-12-07T18:29:00Z"));
        assert_eq!((v.hours_left, v.overdue), (Some(0), false));
        let v = BreachView::new(b, 0, at("2026-12-07T19:31:00Z"));
        assert_eq!((v.hours_left, v.overdue), (Some(-1), true));
    }

    #[test]
    fn an_unlikely_risk_owes_no_notification_and_a_high_one_owes_the_people() {
        let now = at("2026-12-10T00:00:00Z");
        let v = BreachView::new(breach(BreachRisk::Unlikely, "2026-12-01T00:00:00Z"), 0, now);
        assert_eq!((v.hours_left, v.overdue, v.inform_owed), (None, false, false));
        let v = BreachView::new(breach(BreachRisk::High, "2026-12-01T00:00:00Z"), 0, now);
        assert!(v.overdue && v.inform_owed);
        assert!(apply(&v.breach, &BreachStep::Close, now, Z).is_err());
        let closed =
            apply(&breach(BreachRisk::Unlikely, "2026-12-01T00:00:00Z"), &BreachStep::Close, now, Z).expect("close");
        assert_eq!(closed.closed_at, Some(now));
        assert!(apply(&closed, &BreachStep::Close, now, Z).is_err(), "closed once");
    }

    #[test]
    fn what_is_learnt_later_replaces_the_facts_but_not_the_clock() {
        let b = breach(BreachRisk::Risk, "2026-12-01T08:00:00Z");
        let now = at("2026-12-02T08:00:00Z");
        let learnt = BreachStep::Update {
            nature: None,
            categories: None,
            people: Some(12),
            consequences: None,
            measures: Some("  The stick was encrypted; the key was not with it  ".into()),
            risk: Some(BreachRisk::Unlikely),
        };
        let u = apply(&b, &learnt, now, Z).expect("update");
        assert_eq!((u.fields.people, u.fields.risk), (Some(12), BreachRisk::Unlikely));
        assert_eq!(u.fields.measures, "The stick was encrypted; the key was not with it");
        assert_eq!((u.fields.aware_at, &u.fields.nature), (b.fields.aware_at, &b.fields.nature));
        // Unlikely after all: nothing is owed, and it closes.
        assert_eq!(BreachView::new(u.clone(), 0, now).hours_left, None);
        assert!(apply(&u, &BreachStep::Close, now, Z).is_ok());
        let blank = BreachStep::Update {
            nature: Some(" ".into()),
            categories: None,
            people: None,
            consequences: None,
            measures: None,
            risk: None,
        };
        assert!(apply(&b, &blank, now, Z).expect_err("empty").to_string().starts_with("nature:"));
    }

    #[test]
    fn a_late_notification_needs_its_reasons() {
        let b = breach(BreachRisk::Risk, "2026-12-01T08:00:00Z");
        let now = at("2026-12-06T12:00:00Z");
        let late = BreachStep::Notify { at: Some(at("2026-12-04T08:01:00Z")), reference: None, delay_reason: None };
        let e = apply(&b, &late, now, Z).expect_err("late without reasons");
        assert!(e.to_string().starts_with("delay_reason:"), "{e}");
        let in_time = BreachStep::Notify {
            at: Some(at("2026-12-04T08:00:00Z")),
            reference: Some("IMY-2026-1".into()),
            delay_reason: None,
        };
        let n = apply(&b, &in_time, now, Z).expect("on the 72nd hour");
        assert_eq!(
            (n.notified_at, n.authority_reference.as_deref()),
            (Some(at("2026-12-04T08:00:00Z")), Some("IMY-2026-1"))
        );
        assert!(BreachView::new(n.clone(), 0, now).hours_left.is_none());
        assert!(apply(&n, &in_time, now, Z).is_err(), "notified once");
        let before = BreachStep::Notify { at: Some(at("2026-12-01T07:59:00Z")), reference: None, delay_reason: None };
        let e = apply(&b, &before, now, Z).expect_err("before aware").to_string();
        assert!(e.starts_with("at:") && e.contains("2026-12-01 09:00"), "on the shop's clock: {e}");
        let ahead = BreachStep::Inform { at: Some(at("2026-12-06T12:01:00Z")), how: "E-mail".into() };
        assert!(apply(&b, &ahead, now, Z).expect_err("future").to_string().starts_with("at:"));
    }
}
