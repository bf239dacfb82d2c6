//! What falls due: the records whose `retain_until` is before a given day (they
//! may be deleted from the day after it), those held back by a legal hold, and
//! what falls due in each of the coming 24 months.
//!
//! Each kind of record has its retention end as a non-decreasing function of one
//! date (the order date, the day a matter closed, ...). So "due on day X" is
//! "that date is on or before a cutoff", the cutoff is found by bisection over
//! days, and the database answers with one indexed range query per kind: fast
//! on five million orders, with no per-record state to keep in step.

use std::collections::BTreeMap;

use chrono::{DateTime, Datelike, Duration, NaiveDate, TimeZone, Utc};
use serde::Serialize;

use super::due_list::DueList;
use crate::calendar::add_months;
use crate::error::Result;
use crate::macros::text_enum;
use crate::settings::Settings;
use crate::store;
use crate::store::retention::Holds;
use crate::store::Within;
use crate::Register;

text_enum! {
    /// The kinds of record that retention applies to.
    pub enum RecordKind {
        Order = "order",
        Invoice = "invoice",
        Customer = "customer",
        Interaction = "interaction",
        WebEvent = "web_event",
        Consent = "consent",
        EventRegistration = "event_registration",
        Request = "request",
    }
}

text_enum! {
    /// What keeps a record past its retention end, in the order in which a
    /// record kept by more than one is counted under the first.
    pub enum Keeper {
        /// A legal hold in force (Art. 17(3)(e)).
        LegalHold = "legal_hold",
        /// The customer's restriction (Art. 18(2)).
        Restriction = "restriction",
        /// The customer's request for a copy or a restriction, not yet
        /// answered (Art. 15(1), 18(1)(c); `RequestKind::keeps_records`).
        Request = "request",
    }
}

impl Keeper {
    /// What keeps the records, as a document or the window names it (`keeper-…`).
    pub fn name(self, tr: &crate::i18n::Translator) -> String {
        tr.t(&format!("keeper-{self}"))
    }
}

/// How many records past their end one keeper keeps.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, serde::Deserialize, schemars::JsonSchema)]
pub struct KeptCount {
    pub keeper: Keeper,
    pub records: i64,
}

/// The records past their end each keeper keeps, counted kind by kind: a
/// record kept by more than one under the first, as the sweep reads them.
#[derive(Debug, Default)]
pub(crate) struct KeptTally(BTreeMap<Keeper, i64>);

impl KeptTally {
    /// Adds the records of one kind each keeper in force keeps ([`store::retention::tally`]).
    pub(crate) fn add(&mut self, tally: &store::retention::Tally) {
        for &(keeper, records) in &tally.kept {
            *self.0.entry(keeper).or_insert(0) += records;
        }
    }

    /// The keepers that keep any record, in [`Keeper`]'s order, with their counts.
    pub(crate) fn counts(self) -> Vec<KeptCount> {
        self.0
            .into_iter()
            .filter(|(_, records)| *records > 0)
            .map(|(keeper, records)| KeptCount { keeper, records })
            .collect()
    }
}

/// One record past (or reaching) its retention end.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, schemars::JsonSchema)]
pub struct DueItem {
    pub entity: RecordKind,
    pub id: i64,
    /// The order, invoice or customer number, where the record has one.
    pub number: Option<String>,
    pub retain_until: NaiveDate,
    /// The rule that set the date, such as `SE BFL 7:2`.
    pub rule: String,
    /// In a list of the records kept past their end, what keeps this one:
    /// the first of them in [`Keeper`]'s order. Left out in a list of those due.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub kept_by: Option<Keeper>,
    /// Whose record it is, in the lists that name them (those kept past
    /// their end, the window's head of those due): the owner turns to the
    /// customer's page (to lift a restriction, to answer a request, to put
    /// a hold on a record before a sweep). None for a record without one
    /// (an erased customer's order, the request of someone who is not a
    /// customer). Left out in the command line's list of those due.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub customer: Option<RecordOwner>,
}

/// The customer a record is of.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, schemars::JsonSchema)]
pub struct RecordOwner {
    pub id: crate::values::CustomerId,
    /// The shop's customer number.
    pub number: String,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, schemars::JsonSchema)]
pub struct MonthDue {
    /// "2027-01"
    pub month: String,
    pub total: i64,
    pub by_entity: BTreeMap<String, i64>,
}

/// The retention view on a day.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, schemars::JsonSchema)]
pub struct DueReport {
    pub as_of: NaiveDate,
    /// Everything that may be deleted on `as_of`: `retain_until` before it, not held.
    pub items: Vec<DueItem>,
    /// Of those, how many were due before today (should have gone already).
    pub overdue: i64,
    /// Records past their end that a legal hold, their customer's
    /// restriction or open request keeps: those each [`Keeper`] keeps, in its
    /// order, and each keeper's in the order of `items`.
    pub held: Vec<DueItem>,
    /// What falls due in each of the next 24 months.
    pub forecast: Vec<MonthDue>,
}

/// The retention screen's view on a day: a [`DueReport`] counted, with the
/// head of its list.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, schemars::JsonSchema)]
pub struct DueView {
    pub as_of: NaiveDate,
    /// How many records may be deleted on `as_of`: `retain_until` before it, not held.
    pub total: i64,
    /// Of those, how many were due before today (should have gone already).
    pub overdue: i64,
    /// How many records past their end a legal hold, a restriction or an open request keeps.
    pub held: i64,
    /// Of those, how many each keeps; only those that keep any, in [`Keeper`]'s order.
    pub held_by: Vec<KeptCount>,
    /// The first records of [`DueReport::items`], in its order.
    pub first: Vec<DueItem>,
    /// The first records each keeper in `held_by` keeps, keeper by keeper:
    /// the head of each keeper's part of [`DueReport::held`].
    pub kept: Vec<DueItem>,
    /// What falls due in each of the next 24 months.
    pub forecast: Vec<MonthDue>,
}

/// Which of a kind's records a basis covers: all of them, or, for the
/// notes, those that do not document a business event, those that do, and
/// those of them an erasure kept.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Part {
    All,
    Ordinary,
    Bookkeeping,
    /// Kept by an erasure: the law alone keeps them, as the shop's own
    /// purpose for notes ended with the person's data (Art. 17(3)(b)).
    BookkeepingKept,
}

/// How one kind's retention end follows from its date.
pub(crate) struct Basis {
    pub kind: RecordKind,
    pub part: Part,
    pub rule: String,
    /// Whether the date is a point in time (compared in the shop's time zone).
    pub timed: bool,
    retain: Box<dyn Fn(NaiveDate) -> NaiveDate + Send + Sync>,
}

impl Basis {
    pub(crate) fn retain_until(&self, d: NaiveDate) -> NaiveDate {
        (self.retain)(d)
    }

    /// The last date whose retention ends before `day`; `None` when none does.
    pub(crate) fn cutoff(&self, day: NaiveDate) -> Option<NaiveDate> {
        let mut lo = NaiveDate::from_ymd_opt(1900, 1, 1).expect("date");
        let mut hi = day;
        if self.retain_until(lo) >= day {
            return None;
        }
        // Invariant: retain(lo) < day; retain(hi) >= day or hi is the answer.
        if self.retain_until(hi) < day {
            return Some(hi);
        }
        while (hi - lo).num_days() > 1 {
            let mid = lo + Duration::days((hi - lo).num_days() / 2);
            if self.retain_until(mid) < day {
                lo = mid;
            } else {
                hi = mid;
            }
        }
        Some(lo)
    }
}

/// The setting whose rule erases an inactive customer, with their other records.
pub(crate) const INACTIVE_CUSTOMERS: &str = "retention.inactive_customer_months";

pub(crate) fn bases(s: &Settings) -> Vec<Basis> {
    let rule = crate::retention::rules::accounting_rule(s.country());
    let correspondence = crate::retention::rules::correspondence_rule(s.country());
    let years = std::sync::Arc::new(s.financial_years().clone());
    let months = |key: &'static str| {
        let n = s.months(key);
        Box::new(move |d: NaiveDate| add_months(d, n)) as Box<dyn Fn(NaiveDate) -> NaiveDate + Send + Sync>
    };
    let setting = |key: &str| format!("setting {key}");
    let accounting = |kind| {
        let years = years.clone();
        Basis {
            kind,
            part: Part::All,
            rule: rule.code.to_owned(),
            timed: false,
            retain: Box::new(move |d| rule.retain_until_in(d, &years)),
        }
    };
    vec![
        accounting(RecordKind::Order),
        accounting(RecordKind::Invoice),
        Basis {
            kind: RecordKind::Customer,
            part: Part::All,
            rule: setting(INACTIVE_CUSTOMERS),
            timed: true,
            retain: months(INACTIVE_CUSTOMERS),
        },
        Basis {
            kind: RecordKind::Interaction,
            part: Part::Ordinary,
            rule: setting("retention.interaction_months"),
            timed: false,
            retain: months("retention.interaction_months"),
        },
        // A note that documents a business event: the later of the shop's
        // period and the bookkeeping law's for correspondence, both counted
        // from the day the matter closed (retention::interaction); named by
        // the law, which is the longer but for a shop's period of years.
        Basis {
            kind: RecordKind::Interaction,
            part: Part::Bookkeeping,
            rule: correspondence.code.to_owned(),
            timed: false,
            retain: {
                let (n, years) = (s.months("retention.interaction_months"), years.clone());
                Box::new(move |d| add_months(d, n).max(correspondence.retain_until_in(d, &years)))
            },
        },
        Basis {
            kind: RecordKind::Interaction,
            part: Part::BookkeepingKept,
            rule: correspondence.code.to_owned(),
            timed: false,
            retain: {
                let years = years.clone();
                Box::new(move |d| correspondence.retain_until_in(d, &years))
            },
        },
        Basis {
            kind: RecordKind::WebEvent,
            part: Part::All,
            rule: setting("retention.web_event_months"),
            timed: true,
            retain: months("retention.web_event_months"),
        },
        Basis {
            kind: RecordKind::Consent,
            part: Part::All,
            rule: setting("retention.consent_proof_months"),
            timed: true,
            retain: months("retention.consent_proof_months"),
        },
        Basis {
            kind: RecordKind::EventRegistration,
            part: Part::All,
            rule: setting("retention.event_months"),
            timed: false,
            retain: months("retention.event_months"),
        },
        Basis {
            kind: RecordKind::Request,
            part: Part::All,
            rule: setting("retention.request_months"),
            timed: false,
            retain: months("retention.request_months"),
        },
    ]
}

/// The first instant of the day after `d` in the shop's time zone: timed records
/// on or before `d` (local) are those before this instant.
pub(crate) fn instant_after(s: &Settings, d: NaiveDate) -> DateTime<Utc> {
    let next = d.succ_opt().unwrap_or(d).and_hms_opt(0, 0, 0).expect("midnight");
    s.time_zone().from_local_datetime(&next).earliest().map(|t| t.with_timezone(&Utc)).unwrap_or_else(|| next.and_utc())
}

fn month_start(d: NaiveDate) -> NaiveDate {
    NaiveDate::from_ymd_opt(d.year(), d.month(), 1).expect("first of month")
}

/// The counts of a due list and its forecast: what is known of it before
/// its records are read.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct DueTotals {
    pub as_of: NaiveDate,
    /// How many records may be deleted on `as_of`: `retain_until` before it, not held.
    pub total: i64,
    /// Of those, how many were due before today (should have gone already).
    pub overdue: i64,
    /// How many records past their end a legal hold, a restriction or an open request keeps.
    pub held: i64,
    /// Of those, how many each keeps; only those that keep any, in [`Keeper`]'s order.
    pub held_by: Vec<KeptCount>,
    /// What falls due in each of the next 24 months.
    pub forecast: Vec<MonthDue>,
}

/// What [`Register::retention_due_into`] hands its reader, in this order:
/// the totals, every record due (in the order of [`DueReport::items`]), then
/// every record held (in the order of [`DueReport::held`]). A reader that
/// writes each as it comes (the command line's table or JSON) holds none of
/// the list.
pub trait DueSink {
    fn totals(&mut self, totals: DueTotals) -> Result<()>;
    fn due(&mut self, item: DueItem) -> Result<()>;
    fn held(&mut self, item: DueItem) -> Result<()>;
    /// How many records of a kind are read at once: the memory the list
    /// takes (a page per kind) against its number of queries.
    fn page(&self) -> usize {
        2000
    }
}

/// A report collects the whole list.
impl DueSink for DueReport {
    fn totals(&mut self, totals: DueTotals) -> Result<()> {
        (self.as_of, self.overdue, self.forecast) = (totals.as_of, totals.overdue, totals.forecast);
        Ok(())
    }

    fn due(&mut self, item: DueItem) -> Result<()> {
        self.items.push(item);
        Ok(())
    }

    fn held(&mut self, item: DueItem) -> Result<()> {
        self.held.push(item);
        Ok(())
    }
}

impl Register {
    /// Every record that may be deleted on `as_of`, every one held back, and
    /// the forecast, in memory. On a large register the lists run to
    /// millions: the command line reads them through
    /// [`Register::retention_due_into`], the window the head of the list
    /// ([`Register::retention_view`]).
    pub async fn retention_due(&self, as_of: NaiveDate) -> Result<DueReport> {
        let mut report = DueReport { as_of, items: vec![], overdue: 0, held: vec![], forecast: vec![] };
        self.retention_due_into(as_of, &mut report).await?;
        Ok(report)
    }

    /// The due list on `as_of`, handed to `sink` as it is read: the totals,
    /// then each record due, then each record held, keeper by keeper. All of
    /// it is read from one moment of the register, so the totals count the
    /// records listed.
    pub async fn retention_due_into(&self, as_of: NaiveDate, sink: &mut impl DueSink) -> Result<()> {
        let mut s = self.store().snapshot().await?;
        let settings = crate::register::settings_in(&mut s).await?;
        let bases = bases(&settings);
        let holds = store::retention::holds(&mut s).await?;
        sink.totals(totals(&mut s, &settings, &bases, as_of, holds).await?)?;
        let kept = Keeper::ALL.iter().map(|&keeper| holds.kept_by(keeper));
        for filter in std::iter::once(holds.free()).chain(kept) {
            let mut list = DueList::new(&settings, &bases, as_of, filter, sink.page());
            while let Some(item) = list.next(&mut s, &settings).await? {
                if filter.held() {
                    sink.held(item)?;
                } else {
                    sink.due(item)?;
                }
            }
        }
        s.end().await
    }

    /// What the window's retention screen shows on `as_of`: the counts, the
    /// first `first` records due (the head of [`DueReport::items`]), the
    /// first `first` each keeper keeps past their end, and the forecast.
    /// Counted in the database and read `first` per kind and keeper at most,
    /// so that the screen opens as fast on a million customers as on a
    /// hundred and holds no more than it shows.
    pub async fn retention_view(&self, as_of: NaiveDate, first: usize) -> Result<DueView> {
        let mut s = self.store().snapshot().await?;
        let settings = crate::register::settings_in(&mut s).await?;
        let bases = bases(&settings);
        let holds = store::retention::holds(&mut s).await?;
        let totals = totals(&mut s, &settings, &bases, as_of, holds).await?;
        let due = DueList::new(&settings, &bases, as_of, holds.free(), first).named();
        let items = head(&mut s, &settings, due, first).await?;
        let mut kept = vec![];
        for count in &totals.held_by {
            let list = DueList::new(&settings, &bases, as_of, holds.kept_by(count.keeper), first);
            kept.extend(head(&mut s, &settings, list, first).await?);
        }
        s.end().await?;
        let DueTotals { as_of, total, overdue, held, held_by, forecast } = totals;
        Ok(DueView { as_of, total, overdue, held, held_by, first: items, kept, forecast })
    }
}

/// The first `first` records of `list`.
async fn head(s: &mut impl Within, settings: &Settings, mut list: DueList<'_>, first: usize) -> Result<Vec<DueItem>> {
    let mut items = Vec::with_capacity(first.min(64));
    while items.len() < first {
        match list.next(s, settings).await? {
            Some(item) => items.push(item),
            None => break,
        }
    }
    Ok(items)
}

/// The counts of the list due on `as_of` and the forecast, counted in the
/// database.
async fn totals(
    s: &mut impl Within,
    settings: &Settings,
    bases: &[Basis],
    as_of: NaiveDate,
    holds: Holds,
) -> Result<DueTotals> {
    let yesterday = as_of.pred_opt().unwrap_or(as_of);
    let (mut total, mut overdue, mut kept) = (0, 0, KeptTally::default());
    for basis in bases {
        let Some(cutoff) = basis.cutoff(as_of) else { continue };
        // Overdue: its end was before yesterday, so it was due yesterday already.
        let tally = store::retention::tally(s, settings, basis, cutoff, basis.cutoff(yesterday), holds).await?;
        total += tally.free;
        overdue += tally.free_before;
        kept.add(&tally);
    }
    let forecast = forecast(s, settings, bases, as_of, holds).await?;
    let held_by = kept.counts();
    Ok(DueTotals { as_of, total, overdue, held: held_by.iter().map(|k| k.records).sum(), held_by, forecast })
}

/// What falls due in each of the 24 months after `as_of`'s.
async fn forecast(
    s: &mut impl Within,
    settings: &Settings,
    bases: &[Basis],
    as_of: NaiveDate,
    holds: Holds,
) -> Result<Vec<MonthDue>> {
    let mut forecast: Vec<MonthDue> = (1..=24)
        .map(|i| {
            let m = add_months(month_start(as_of), i);
            MonthDue { month: format!("{:04}-{:02}", m.year(), m.month()), total: 0, by_entity: BTreeMap::new() }
        })
        .collect();
    for basis in bases {
        // Month i: retention ends within it, so the record's date lies between
        // the cutoffs of its first day and of the next month's first day.
        for (i, month) in forecast.iter_mut().enumerate() {
            let start = add_months(month_start(as_of), i as u32 + 1);
            let end = add_months(month_start(as_of), i as u32 + 2);
            let (Some(to), from) = (basis.cutoff(end), basis.cutoff(start)) else { continue };
            let n = store::retention::count_between(s, settings, basis, from, to, holds.free()).await?;
            if n > 0 {
                month.total += n;
                *month.by_entity.entry(basis.kind.to_string()).or_default() += n;
            }
        }
    }
    Ok(forecast)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_cutoff_is_the_last_date_that_is_due() {
        let s = Settings::from_stored([]);
        let orders = bases(&s).into_iter().find(|b| b.kind == RecordKind::Order).expect("orders");
        let d = |x: &str| x.parse::<NaiveDate>().expect("date");
        // SE: everything of 2024 is kept through 2031-12-31, so it is due on 2032-01-01.
        assert_eq!(orders.cutoff(d("2031-12-31")), Some(d("2023-12-31")));
        assert_eq!(orders.cutoff(d("2032-01-01")), Some(d("2024-12-31")));
        assert_eq!(orders.cutoff(d("1905-01-01")), None);
        let web = bases(&s).into_iter().find(|b| b.kind == RecordKind::WebEvent).expect("web");
        // 13 months: an event of 2025-01-31 is kept through 2026-02-28.
        assert_eq!(web.retain_until(d("2025-01-31")), d("2026-02-28"));
        assert_eq!(web.cutoff(d("2026-03-01")), Some(d("2025-01-31")));
        assert_eq!(web.cutoff(d("2026-02-28")), Some(d("2025-01-27")));
    }
}
