//! The shop's financial years: which year a record's day belongs to, from
//! which the bookkeeping law counts its retention (retention-law.md,
//! "Definitions": never assume the calendar year).
//!
//! Years are twelve months from the start month in the settings, but for a
//! first year that may be longer (`first_fiscal_year_end`) and for the years
//! of a change of financial year (`changed_fiscal_years`), shorter or longer
//! (BFL 3 kap. 3 §). A change must not move the years before it: a May–April
//! year counted afterwards as a calendar year would let its vouchers go a
//! year before 7 kap. 2 § allows. So a changed year is kept with its first
//! and last day, and the years before it begin in its first day's month.

use std::fmt;

use chrono::{Datelike, Months, NaiveDate};
use serde::Serialize;

use crate::calendar::days_in_month;
use crate::error::{Error, Result};
use crate::message::Message;
use crate::msg;
use crate::values::ShopCountry;

/// The setting that holds the changed years.
pub const CHANGED_KEY: &str = "changed_fiscal_years";

/// The settings the years are made of: saving one checks that they agree
/// (the country sets the longest year).
pub const YEAR_KEYS: [&str; 4] = ["fiscal_year_start_month", "first_fiscal_year_end", CHANGED_KEY, "country"];

/// The longest financial year a country's law allows, a first one or one
/// at a change; *verify* marks a row resting on secondary sources.
pub fn longest_months(country: ShopCountry) -> (u32, &'static str) {
    match country {
        ShopCountry::Se => (18, "BFL 3 kap. 3 §"),
        // *verify*: regnskapsloven § 1-7 names no length; 18 months as Sweden's,
        // which Norwegian accounting guidance also gives (a first or last year
        // "at most one and a half years", conta.no's glossary, read 2026-12-06).
        ShopCountry::No => (18, "regnskapsloven § 1-7"),
        ShopCountry::Dk => (18, "årsregnskabsloven § 15"),
        ShopCountry::Fi => (18, "KPL 1 luku 4 §"),
        ShopCountry::De => (12, "§ 240 Abs. 2 HGB"),
    }
}

/// A financial year of another length than twelve months at a change of
/// the financial year: its first and last day.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
pub struct ChangedYear {
    pub first: NaiveDate,
    pub last: NaiveDate,
}

impl ChangedYear {
    /// How many calendar months it spans.
    pub fn months(&self) -> u32 {
        let count = |d: NaiveDate| d.year() * 12 + d.month0() as i32;
        (count(self.last) - count(self.first) + 1).max(0) as u32
    }

    /// The day the next year begins; its month starts every year after.
    pub fn next(&self) -> NaiveDate {
        self.last.succ_opt().unwrap_or(self.last)
    }
}

impl fmt::Display for ChangedYear {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{}..{}", self.first, self.last)
    }
}

/// Reads the setting's value: changed years as `FIRST..LAST` (or with a dash
/// between spaces, `–`, `—`), separated by commas or semicolons, each
/// beginning on a month's first day and ending on a month's last, in order,
/// each beginning a year of those the change before it started.
pub fn parse_changed(value: &str) -> Result<Vec<ChangedYear>> {
    let mut years: Vec<ChangedYear> = Vec::new();
    for item in value.split([',', ';']).map(str::trim).filter(|s| !s.is_empty()) {
        let year = parse_one(item)?;
        if let Some(before) = years.last() {
            // Twelve-month years in between, from the month the change before hands on.
            if year.first < before.next() || year.first.month() != before.next().month() {
                let (after, next) = (before.to_string(), before.next());
                return Err(Error::invalid(CHANGED_KEY, msg!("msg-changed-year-not-next", value = item, after, next)));
            }
        }
        years.push(year);
    }
    Ok(years)
}

fn parse_one(item: &str) -> Result<ChangedYear> {
    let not_a_year = || Error::invalid(CHANGED_KEY, msg!("msg-not-a-changed-year", value = item));
    let (first, last) = ["..", "–", "—", " - "].iter().find_map(|sep| item.split_once(sep)).ok_or_else(not_a_year)?;
    let day = |s: &str| NaiveDate::parse_from_str(s.trim(), "%Y-%m-%d").map_err(|_| not_a_year());
    let year = ChangedYear { first: day(first)?, last: day(last)? };
    let month_end = year.last.succ_opt().is_some_and(|n| n.day() == 1);
    if year.first.day() != 1 || !month_end || year.last < year.first {
        return Err(Error::invalid(CHANGED_KEY, msg!("msg-changed-year-bounds", value = item)));
    }
    Ok(year)
}

/// The financial years shown where their settings are saved.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, schemars::JsonSchema)]
pub struct YearsShown {
    /// The years around a first year and each change, each its first and
    /// last day ([`FinancialYears::around_changes`]).
    pub years: Vec<(NaiveDate, NaiveDate)>,
    /// Said where the register's first order is dated before the earliest
    /// day the law lets the first year begin.
    pub note: Option<Message>,
}

/// The shop's financial years, as its settings have them.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct FinancialYears {
    /// The month the years begin in since the last change (1 = January).
    start_month: u32,
    /// The last day of a first, longer year that takes every record before it.
    first_end: Option<NaiveDate>,
    /// The changed years, in order.
    changed: Vec<ChangedYear>,
    country: ShopCountry,
    /// The day of the register's first record, where a first year is given
    /// it ([`FinancialYears::with_first_record`]).
    first_record: Option<NaiveDate>,
}

impl FinancialYears {
    pub fn new(
        country: ShopCountry,
        start_month: u32,
        first_end: Option<NaiveDate>,
        changed: Vec<ChangedYear>,
    ) -> Self {
        FinancialYears { start_month: start_month.clamp(1, 12), first_end, changed, country, first_record: None }
    }

    /// These years where the register's first record is dated `day`. A
    /// first year takes every record before its end ([`Self::end_of`]), but
    /// the settings hold no beginning for it: it is given as the earliest
    /// the law allows, and from a record dated earlier where there is one (a
    /// web shop's history imported whole, a first year's end set too early).
    /// The accountant's export of the year leaves none of its vouchers out
    /// (BFL 5 kap. 1 §: every business event is booked); it is named by
    /// either year ([`Self::beginning_in`]).
    pub fn with_first_record(self, day: Option<NaiveDate>) -> Self {
        FinancialYears { first_record: day, ..self }
    }

    /// Whether the settings have a first year, longer than the others.
    pub fn has_first_year(&self) -> bool {
        self.first_end.is_some()
    }

    /// Twelve-month years from `start_month`, with no first year or change.
    pub fn regular(start_month: u32) -> Self {
        Self::new(ShopCountry::Se, start_month, None, vec![])
    }

    pub fn changed(&self) -> &[ChangedYear] {
        &self.changed
    }

    /// Whether the year that ends on `last` is a first year, which takes
    /// every record before it.
    fn is_first(&self, last: NaiveDate) -> bool {
        self.first_end == Some(last)
    }

    /// The last day of the financial year `d` belongs to (FYE).
    pub fn end_of(&self, d: NaiveDate) -> NaiveDate {
        if let Some(end) = self.first_end.filter(|end| d <= *end) {
            return end;
        }
        for c in &self.changed {
            if d < c.first {
                // The years before a change began in its first day's month.
                return regular_end(d, c.first.month());
            }
            if d <= c.last {
                return c.last;
            }
        }
        regular_end(d, self.start_month)
    }

    /// The first and last day of the financial year `d` belongs to. A first
    /// year's beginning is not in the settings: it is given as the earliest
    /// the country's law allows, or the first record's day where that is
    /// earlier (a record before it is in that year all the same).
    pub fn year_of(&self, d: NaiveDate) -> (NaiveDate, NaiveDate) {
        let (first, last) = self.lawful_year_of(d);
        match self.first_record {
            Some(day) if self.is_first(last) => (first.min(day), last),
            _ => (first, last),
        }
    }

    /// [`Self::year_of`], a first year from the earliest the law allows.
    fn lawful_year_of(&self, d: NaiveDate) -> (NaiveDate, NaiveDate) {
        let last = self.end_of(d);
        if let Some(c) = self.changed.iter().find(|c| c.first <= d && d <= c.last) {
            return (c.first, c.last);
        }
        let (longest, _) = longest_months(self.country);
        let months = if self.is_first(last) { longest } else { 12 };
        let mut first = last.succ_opt().and_then(|n| n.checked_sub_months(Months::new(months))).unwrap_or(last);
        // A regular year begins no earlier than the day after the year before
        // it, where the settings have that year end otherwise.
        let before = self.changed.iter().map(|c| c.last).filter(|l| *l < d).chain(self.first_end.filter(|e| *e < d));
        if let Some(next) = before.max().and_then(|l| l.succ_opt()) {
            first = first.max(next);
        }
        (first, last)
    }

    /// The financial year that begins in the calendar year `year`, as the
    /// accountant names it; the year that covers it where none begins in it
    /// (the years of a change, a first year). A first year begun at a record
    /// before the earliest the law allows is named by that record's year and
    /// by the year it would have begun in.
    pub fn beginning_in(&self, year: i32) -> Result<(NaiveDate, NaiveDate)> {
        let not_a_year = || Error::invalid("--fiscal-year", msg!("msg-not-a-year", year));
        if !(1000..=9999).contains(&year) {
            return Err(not_a_year());
        }
        let mut covering = None;
        for month in 1..=12 {
            let day = NaiveDate::from_ymd_opt(year, month, 1).ok_or_else(not_a_year)?;
            let (first, last) = self.year_of(day);
            if first.year() == year || self.lawful_year_of(day).0.year() == year {
                return Ok((first, last));
            }
            covering.get_or_insert((first, last));
        }
        let (from, to) = covering.ok_or_else(not_a_year)?;
        Err(Error::invalid("--fiscal-year", msg!("msg-no-fiscal-year-begins", year, from, to)))
    }

    /// The last financial year that ended before `today`, or the year
    /// `today` is in where none has (a first year not yet over).
    pub fn last_closed(&self, today: NaiveDate) -> (NaiveDate, NaiveDate) {
        let (first, _) = self.year_of(today);
        match first.pred_opt() {
            Some(before) if self.first_end.is_none_or(|end| today > end) => self.year_of(before),
            _ => self.year_of(today),
        }
    }

    /// What is shown where the settings of the financial year are saved.
    pub fn shown(&self) -> YearsShown {
        YearsShown { years: self.around_changes(), note: self.first_begun_early() }
    }

    /// Where the first record is dated before the earliest day the law lets
    /// the first year begin: the year runs longer than the law allows, so
    /// its end is likely set wrong (or the records are older than the
    /// business, a predecessor's history imported).
    fn first_begun_early(&self) -> Option<Message> {
        let end = self.first_end?;
        let (earliest, _) = self.lawful_year_of(end);
        let first = self.first_record.filter(|day| *day < earliest)?;
        let (longest, law) = longest_months(self.country);
        Some(msg!("msg-first-year-begun-early", first, earliest, end, longest, law))
    }

    /// The years on either side of a first year and of each change, and the
    /// changed years themselves, in order: what a change of the settings
    /// made of the years, shown where they are saved so that a slip (a changed
    /// year begun in the wrong month moves the years before it) is seen.
    pub fn around_changes(&self) -> Vec<(NaiveDate, NaiveDate)> {
        let mut days: Vec<NaiveDate> = vec![];
        if let Some(end) = self.first_end {
            days.extend([end].into_iter().chain(end.succ_opt()));
        }
        for c in &self.changed {
            days.extend(c.first.pred_opt().into_iter().chain([c.first, c.next()]));
        }
        let mut years: Vec<(NaiveDate, NaiveDate)> = days.into_iter().map(|d| self.year_of(d)).collect();
        years.dedup();
        years
    }

    /// The settings' years agree: each changed year within the country's
    /// longest, after the first year; the start month the month the last
    /// changed year hands on to. `key` is the setting being saved.
    pub fn check(&self, key: &str) -> Result<()> {
        let (longest, law) = longest_months(self.country);
        if let Some(c) = self.changed.iter().find(|c| c.months() > longest) {
            let (value, months, country) = (c.to_string(), c.months(), self.country.code());
            return Err(Error::invalid(key, msg!("msg-changed-year-too-long", value, months, longest, country, law)));
        }
        if let (Some(end), Some(c)) = (self.first_end, self.changed.first()) {
            if c.first <= end {
                return Err(Error::invalid(key, msg!("msg-changed-year-in-first", value = c.to_string(), end)));
            }
        }
        if let Some(end) = self.first_end {
            // The year after the first begins the day after it: the years go on from its month.
            let next = end.succ_opt().unwrap_or(end);
            if next.month() != self.changed.first().map_or(self.start_month, |c| c.first.month()) {
                return Err(Error::invalid(key, msg!("msg-first-year-disagrees", end, next)));
            }
        }
        if let Some(c) = self.changed.last() {
            if c.next().month() != self.start_month {
                let (value, next) = (c.to_string(), c.next());
                return Err(Error::invalid(key, msg!("msg-start-month-after-change", value, next)));
            }
        }
        Ok(())
    }
}

/// The last day of the twelve-month year from the first of `start_month` that contains `d`.
pub fn regular_end(d: NaiveDate, start_month: u32) -> NaiveDate {
    let start_month = start_month.clamp(1, 12);
    let (year, month) = if start_month == 1 {
        (d.year(), 12)
    } else if d.month() >= start_month {
        (d.year() + 1, start_month - 1)
    } else {
        (d.year(), start_month - 1)
    };
    NaiveDate::from_ymd_opt(year, month, days_in_month(year, month)).expect("a month's last day")
}

#[cfg(test)]
mod tests {
    use super::*;

    fn d(s: &str) -> NaiveDate {
        s.parse().expect("date")
    }

    fn changed(value: &str) -> Vec<ChangedYear> {
        parse_changed(value).expect("changed years")
    }

    /// Calendar years until 2024; a changed year; May to April since.
    fn to_may(change: &str) -> FinancialYears {
        FinancialYears::new(ShopCountry::Se, 5, None, changed(change))
    }

    #[test]
    fn a_short_changed_year_keeps_the_years_before_it() {
        let y = to_may("2025-01-01..2025-04-30");
        assert_eq!(y.end_of(d("2024-06-15")), d("2024-12-31"), "a calendar year, as it was");
        assert_eq!(y.end_of(d("2025-01-01")), d("2025-04-30"));
        assert_eq!(y.end_of(d("2025-04-30")), d("2025-04-30"));
        assert_eq!(y.end_of(d("2025-05-01")), d("2026-04-30"));
        assert_eq!(y.year_of(d("2025-02-10")), (d("2025-01-01"), d("2025-04-30")));
        assert_eq!(y.year_of(d("2024-02-10")), (d("2024-01-01"), d("2024-12-31")));
        assert_eq!(y.year_of(d("2027-02-10")), (d("2026-05-01"), d("2027-04-30")));
        let around = [
            (d("2024-01-01"), d("2024-12-31")),
            (d("2025-01-01"), d("2025-04-30")),
            (d("2025-05-01"), d("2026-04-30")),
        ];
        assert_eq!(y.around_changes(), around);
        assert_eq!(FinancialYears::regular(1).around_changes(), []);
    }

    #[test]
    fn a_long_changed_year_takes_sixteen_months() {
        let y = to_may("2025-01-01..2026-04-30");
        assert_eq!(y.end_of(d("2025-06-15")), d("2026-04-30"), "not the 2025-04-30 May years would give");
        assert_eq!(y.end_of(d("2024-06-15")), d("2024-12-31"));
        assert_eq!(y.beginning_in(2025).expect("2025"), (d("2025-01-01"), d("2026-04-30")));
        assert_eq!(y.beginning_in(2026).expect("2026"), (d("2026-05-01"), d("2027-04-30")));
        assert_eq!(y.beginning_in(2024).expect("2024"), (d("2024-01-01"), d("2024-12-31")));
    }

    #[test]
    fn from_may_years_to_calendar_years() {
        // May to April until April 2024, a changed year of eight months, calendar years since.
        let y = FinancialYears::new(ShopCountry::Se, 1, None, changed("2024-05-01 – 2024-12-31"));
        assert_eq!(y.end_of(d("2023-06-15")), d("2024-04-30"), "not 2023-12-31: a year too early");
        assert_eq!(y.end_of(d("2024-07-01")), d("2024-12-31"));
        assert_eq!(y.end_of(d("2025-07-01")), d("2025-12-31"));
        assert_eq!(y.beginning_in(2023).expect("2023"), (d("2023-05-01"), d("2024-04-30")));
        assert_eq!(y.beginning_in(2024).expect("2024"), (d("2024-05-01"), d("2024-12-31")));
    }

    #[test]
    fn two_changes_one_after_the_other() {
        let y =
            FinancialYears::new(ShopCountry::Se, 9, None, changed("2020-01-01..2020-06-30; 2022-07-01..2022-08-31"));
        assert_eq!(y.end_of(d("2019-03-01")), d("2019-12-31"));
        assert_eq!(y.end_of(d("2020-03-01")), d("2020-06-30"));
        assert_eq!(y.end_of(d("2021-03-01")), d("2021-06-30"));
        assert_eq!(y.end_of(d("2022-03-01")), d("2022-06-30"));
        assert_eq!(y.end_of(d("2022-08-01")), d("2022-08-31"));
        assert_eq!(y.end_of(d("2022-09-01")), d("2023-08-31"));
        assert!(y.check(CHANGED_KEY).is_ok());
    }

    #[test]
    fn a_first_year_and_the_accountant_s_years() {
        // Begun 2024-07-01, a first year to 2025-12-31, calendar years after.
        let y = FinancialYears::new(ShopCountry::Se, 1, Some(d("2025-12-31")), vec![]);
        assert_eq!(y.beginning_in(2024).expect("2024"), (d("2024-07-01"), d("2025-12-31")));
        assert_eq!(y.beginning_in(2026).expect("2026"), (d("2026-01-01"), d("2026-12-31")));
        let Err(Error::Invalid { message, .. }) = y.beginning_in(2025) else { panic!("none begins in 2025") };
        assert_eq!(message.key, "msg-no-fiscal-year-begins");
        assert_eq!(y.last_closed(d("2025-03-01")), (d("2024-07-01"), d("2025-12-31")), "the first year runs");
        assert_eq!(y.last_closed(d("2026-03-01")), (d("2024-07-01"), d("2025-12-31")));
        assert_eq!(y.last_closed(d("2027-03-01")), (d("2026-01-01"), d("2026-12-31")));
        // Its first record before the earliest the law allows it to begin: the
        // year from that record, named by either year; the years after as they were.
        let early = y.clone().with_first_record(Some(d("2023-03-15")));
        let first = (d("2023-03-15"), d("2025-12-31"));
        assert_eq!((early.beginning_in(2023).expect("2023"), early.beginning_in(2024).expect("2024")), (first, first));
        assert_eq!(early.year_of(d("2022-05-01")), first, "a record earlier still is in it");
        assert_eq!(early.last_closed(d("2026-03-01")), first);
        assert_eq!(early.beginning_in(2026).expect("2026"), (d("2026-01-01"), d("2026-12-31")));
        let Err(Error::Invalid { message, .. }) = early.beginning_in(2025) else { panic!("none begins in 2025") };
        assert_eq!(message.args.get("from").map(String::as_str), Some("2023-03-15"), "{message:?}");
        let note = early.shown().note.expect("said");
        assert_eq!(
            (note.key, note.args["first"].as_str(), note.args["earliest"].as_str()),
            ("msg-first-year-begun-early", "2023-03-15", "2024-07-01")
        );
        assert_eq!(early.shown().years[0], first);
        let later = y.clone().with_first_record(Some(d("2025-02-01")));
        assert_eq!(later.shown().note, None, "a first record within the year");
        assert_eq!(
            later.beginning_in(2024).expect("2024"),
            (d("2024-07-01"), d("2025-12-31")),
            "a first record within"
        );
        assert_eq!(later.end_of(d("2025-02-01")), y.end_of(d("2025-02-01")));
        let regular = FinancialYears::regular(7);
        assert_eq!(regular.beginning_in(2024).expect("2024"), (d("2024-07-01"), d("2025-06-30")));
        assert_eq!(regular.last_closed(d("2026-12-06")), (d("2025-07-01"), d("2026-06-30")));
        // A slip of the keyboard is no year of books.
        for slip in [0, 999, 10_000, 99_999] {
            assert_eq!(regular.beginning_in(slip).expect_err("not a year").code(), "invalid", "{slip}");
        }
    }

    #[test]
    fn what_the_setting_refuses() {
        let refused = |value: &str| match parse_changed(value) {
            Err(Error::Invalid { message, .. }) => message.key,
            other => panic!("{value}: {other:?}"),
        };
        assert_eq!(refused("2025"), "msg-not-a-changed-year");
        assert_eq!(refused("2025-01-01..2025-02-30"), "msg-not-a-changed-year");
        assert_eq!(refused("2025-01-02..2025-04-30"), "msg-changed-year-bounds");
        assert_eq!(refused("2025-01-01..2025-04-29"), "msg-changed-year-bounds");
        assert_eq!(refused("2025-05-01..2025-04-30"), "msg-changed-year-bounds");
        assert_eq!(refused("2020-01-01..2020-06-30, 2022-08-01..2022-12-31"), "msg-changed-year-not-next");
        assert_eq!(refused("2020-01-01..2020-06-30, 2020-01-01..2020-06-30"), "msg-changed-year-not-next");
        assert_eq!(changed("2020-01-01..2020-06-30,2020-07-01..2020-12-31").len(), 2, "one after the other");
        assert_eq!(parse_changed(" ").expect("none"), vec![]);
        let c = changed("2025-01-01 - 2026-06-30");
        assert_eq!((c[0].months(), c[0].to_string()), (18, "2025-01-01..2026-06-30".to_owned()));
        let checked = |country, start, first_end: Option<&str>, value: &str| {
            let y = FinancialYears::new(country, start, first_end.map(d), changed(value));
            y.check(CHANGED_KEY).err().map(|e| match e {
                Error::Invalid { message, .. } => message.key,
                other => panic!("{other:?}"),
            })
        };
        assert_eq!(checked(ShopCountry::Se, 7, None, "2025-01-01..2026-06-30"), None, "18 months");
        assert_eq!(checked(ShopCountry::Se, 8, None, "2025-01-01..2026-07-31"), Some("msg-changed-year-too-long"));
        assert_eq!(checked(ShopCountry::De, 7, None, "2025-01-01..2026-06-30"), Some("msg-changed-year-too-long"));
        assert_eq!(checked(ShopCountry::Se, 1, None, "2025-01-01..2025-04-30"), Some("msg-start-month-after-change"));
        let first_end = Some("2025-06-30");
        assert_eq!(checked(ShopCountry::Se, 1, first_end, "2025-01-01..2025-12-31"), Some("msg-changed-year-in-first"));
        assert_eq!(checked(ShopCountry::Se, 7, first_end, ""), None, "July on, after a first year to June");
        assert_eq!(checked(ShopCountry::Se, 1, first_end, ""), Some("msg-first-year-disagrees"));
        assert_eq!(checked(ShopCountry::Se, 1, first_end, "2025-07-01..2025-12-31"), None, "then changed to January");
    }

    #[test]
    fn financial_year_ends_are_month_ends() {
        assert_eq!(regular_end(d("2024-02-29"), 3), d("2024-02-29"));
        assert_eq!(regular_end(d("2023-03-01"), 3), d("2024-02-29"));
        assert_eq!(regular_end(d("2024-12-31"), 1), d("2024-12-31"));
        assert_eq!(regular_end(d("2024-12-31"), 12), d("2025-11-30"));
        assert_eq!(regular_end(d("2024-11-30"), 12), d("2024-11-30"));
    }

    proptest::proptest! {
        /// With a change anywhere, every day belongs to a year that contains
        /// it and ends on a month's last day, and later days to no earlier years.
        #[test]
        fn a_change_keeps_the_years_in_order(
            offset in 0_i64..20_000,
            change_at in 0_u32..300,
            length in 1_u32..=18,
        ) {
            let first = NaiveDate::from_ymd_opt(2000 + (change_at / 12) as i32, change_at % 12 + 1, 1).expect("first");
            let last = first.checked_add_months(Months::new(length)).and_then(|n| n.pred_opt()).expect("last");
            let c = ChangedYear { first, last };
            let y = FinancialYears::new(ShopCountry::Se, c.next().month(), None, vec![c]);
            let day = NaiveDate::from_ymd_opt(1995, 1, 1).expect("day") + chrono::Duration::days(offset);
            let (from, to) = y.year_of(day);
            proptest::prop_assert!(from <= day && day <= to, "{} in {}..{}", day, from, to);
            proptest::prop_assert_eq!(to.succ_opt().map(|n| n.day()), Some(1));
            proptest::prop_assert!(y.end_of(day) <= y.end_of(day + chrono::Duration::days(1)));
        }
    }
}
