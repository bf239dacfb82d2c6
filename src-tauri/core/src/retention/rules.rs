//! The bookkeeping laws' retention periods, one row per country
//! (retention-law.md, "Retention of accounting records"). A correction of the
//! law is a change of one row, with its test.

use chrono::{Datelike, NaiveDate};

use crate::calendar::end_of_month_after;
use crate::fiscal_years::FinancialYears;
use crate::values::ShopCountry;

/// How a country counts the period.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Period {
    /// Through 31 December of the year `years` after the calendar year in which
    /// the financial year ended (SE, FI).
    YearsAfterFiscalYearEndYear { years: i32 },
    /// To the end of the month `months` after the end of the financial year (NO, DK).
    MonthsAfterFiscalYearEnd { months: u32 },
    /// Through 31 December of the year `years` after the calendar year the
    /// record arose in, whatever the financial year (DE).
    YearsAfterRecordYear { years: i32 },
}

/// One country's rule for vouchers.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct AccountingRule {
    pub country: ShopCountry,
    /// Short and stable: what `retention due --json` prints as `rule`.
    pub code: &'static str,
    /// The statute, as the documents cite it.
    pub source: &'static str,
    pub period: Period,
}

pub const ACCOUNTING_RULES: [AccountingRule; 5] = [
    AccountingRule {
        country: ShopCountry::Se,
        code: "SE BFL 7:2",
        source: "Bokföringslagen (1999:1078) 7 kap. 2 §",
        period: Period::YearsAfterFiscalYearEndYear { years: 7 },
    },
    AccountingRule {
        country: ShopCountry::No,
        code: "NO BFL 13",
        source: "Bokføringsloven § 13 andre ledd",
        period: Period::MonthsAfterFiscalYearEnd { months: 60 },
    },
    // The 2022 act kept the five years; its paragraph number is to be verified (retention-law.md).
    AccountingRule {
        country: ShopCountry::Dk,
        code: "DK BFL",
        source: "Bogføringsloven (lov nr. 700 af 24. maj 2022)",
        period: Period::MonthsAfterFiscalYearEnd { months: 60 },
    },
    AccountingRule {
        country: ShopCountry::Fi,
        code: "FI KPL 2:10",
        source: "Kirjanpitolaki 2 luku 10 §",
        period: Period::YearsAfterFiscalYearEndYear { years: 6 },
    },
    AccountingRule {
        country: ShopCountry::De,
        code: "DE AO 147",
        source: "§ 147 Abs. 3-4 AO, § 257 Abs. 4-5 HGB (BEG IV)",
        period: Period::YearsAfterRecordYear { years: 8 },
    },
];

pub fn accounting_rule(country: ShopCountry) -> &'static AccountingRule {
    row_of(&ACCOUNTING_RULES, country)
}

/// `country`'s row of a table that has one for every shop country.
fn row_of(table: &'static [AccountingRule], country: ShopCountry) -> &'static AccountingRule {
    table.iter().find(|r| r.country == country).expect("every shop country has a rule")
}

/// The bookkeeping laws' periods for correspondence that documents a
/// business event (an agreement, a change of an order, a settled
/// complaint): a note the shop marks as such is accounting material. Where
/// the law keeps it with the vouchers, the row is the voucher's.
pub const CORRESPONDENCE_RULES: [AccountingRule; 5] = [
    // Räkenskapsinformation includes what a voucher refers to, agreements of
    // particular weight and what else is needed to follow a posting (BFL
    // 1 kap. 2 § första stycket 9 a-c); 7 kap. 2 § keeps all of it.
    ACCOUNTING_RULES[0],
    // Secondary documentation: agreements, correspondence, order and packing
    // slips, price lists; three years and six months after the year's end.
    AccountingRule {
        country: ShopCountry::No,
        code: "NO BFL 13 secondary",
        source: "Bokføringsloven § 13 første ledd nr. 5–8 og andre ledd (sekundærdokumentasjon)",
        period: Period::MonthsAfterFiscalYearEnd { months: 42 },
    },
    ACCOUNTING_RULES[2],
    // "Tositteet ja kirjeenvaihto": vouchers and correspondence alike.
    ACCOUNTING_RULES[3],
    // Handelsbriefe, received and sent: six years from the end of the
    // calendar year of the letter.
    AccountingRule {
        country: ShopCountry::De,
        code: "DE HGB 257 letters",
        source: "§ 257 Abs. 1 Nr. 2-3, Abs. 4-5 HGB; § 147 Abs. 1 Nr. 2-3, Abs. 3 AO (Handelsbriefe)",
        period: Period::YearsAfterRecordYear { years: 6 },
    },
];

pub fn correspondence_rule(country: ShopCountry) -> &'static AccountingRule {
    row_of(&CORRESPONDENCE_RULES, country)
}

fn december_31(year: i32) -> NaiveDate {
    NaiveDate::from_ymd_opt(year, 12, 31).expect("31 December")
}

impl AccountingRule {
    /// The last day a voucher dated `record_date` must be kept, for twelve-month
    /// financial years from `fiscal_year_start_month`.
    pub fn retain_until(&self, record_date: NaiveDate, fiscal_year_start_month: u32) -> NaiveDate {
        self.retain_until_in(record_date, &FinancialYears::regular(fiscal_year_start_month))
    }

    /// As [`Self::retain_until`], in the shop's financial `years` (a first
    /// longer year, the years of a change).
    pub fn retain_until_in(&self, record_date: NaiveDate, years: &FinancialYears) -> NaiveDate {
        let fye = years.end_of(record_date);
        match self.period {
            Period::YearsAfterFiscalYearEndYear { years } => december_31(fye.year() + years),
            Period::MonthsAfterFiscalYearEnd { months } => end_of_month_after(fye, months),
            Period::YearsAfterRecordYear { years } => december_31(record_date.year() + years),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::fiscal_years::regular_end;

    fn d(s: &str) -> NaiveDate {
        s.parse().expect("date")
    }

    fn until(c: ShopCountry, record: &str, start_month: u32) -> NaiveDate {
        accounting_rule(c).retain_until(d(record), start_month)
    }

    #[test]
    fn the_worked_examples_of_retention_law_md() {
        // FY = calendar year, order 2024-03-15
        assert_eq!(until(ShopCountry::Se, "2024-03-15", 1), d("2031-12-31"));
        assert_eq!(until(ShopCountry::No, "2024-03-15", 1), d("2029-12-31"));
        assert_eq!(until(ShopCountry::Dk, "2024-03-15", 1), d("2029-12-31"));
        assert_eq!(until(ShopCountry::Fi, "2024-03-15", 1), d("2030-12-31"));
        assert_eq!(until(ShopCountry::De, "2024-03-15", 1), d("2032-12-31"));
        // SE, FY July-June
        assert_eq!(until(ShopCountry::Se, "2024-06-30", 7), d("2031-12-31"));
        assert_eq!(until(ShopCountry::Se, "2024-07-01", 7), d("2032-12-31"));
        // SE, FY 2008-07-01 - 2009-06-30: may be discarded from 2017-01-01
        assert_eq!(until(ShopCountry::Se, "2008-07-01", 7), d("2016-12-31"));
        assert_eq!(until(ShopCountry::Se, "2009-06-30", 7), d("2016-12-31"));
        // NO, FY ends 2024-06-30: primary until 2029-06-30
        assert_eq!(until(ShopCountry::No, "2023-07-01", 7), d("2029-06-30"));
        // DK, FY 2023-07-01 - 2024-06-30 -> 2029-06-30
        assert_eq!(until(ShopCountry::Dk, "2023-09-12", 7), d("2029-06-30"));
        // FI, FY ended 2017-04-30 -> vouchers until 2023-12-31
        assert_eq!(until(ShopCountry::Fi, "2016-08-01", 5), d("2023-12-31"));
        // DE counts from the record's calendar year, whatever the FY
        assert_eq!(until(ShopCountry::De, "2024-03-15", 7), d("2032-12-31"));
        // PRODUCT.md: a May-April FY; an order of 2024-03-15 belongs to the year ending 2024-04-30
        assert_eq!(regular_end(d("2024-03-15"), 5), d("2024-04-30"));
    }

    #[test]
    fn correspondence_follows_the_worked_examples_of_retention_law_md() {
        let corr = |c, record: &str, start| correspondence_rule(c).retain_until(d(record), start);
        // NO: secondary documentation 3 years 6 months after the year's end.
        assert_eq!(corr(ShopCountry::No, "2024-03-15", 1), d("2028-06-30"));
        assert_eq!(corr(ShopCountry::No, "2023-07-01", 7), d("2027-12-31"), "FY ends 2024-06-30");
        // DE: business letters 6 years from the end of their calendar year.
        assert_eq!(corr(ShopCountry::De, "2024-03-15", 7), d("2030-12-31"));
        // SE, DK, FI keep correspondence with the vouchers.
        for c in [ShopCountry::Se, ShopCountry::Dk, ShopCountry::Fi] {
            assert_eq!(corr(c, "2024-03-15", 1), until(c, "2024-03-15", 1), "{c:?}");
        }
        for (rule, country) in CORRESPONDENCE_RULES.iter().zip([
            ShopCountry::Se,
            ShopCountry::No,
            ShopCountry::Dk,
            ShopCountry::Fi,
            ShopCountry::De,
        ]) {
            assert_eq!(rule.country, country);
        }
    }

    #[test]
    fn a_longer_first_year_takes_its_records() {
        // A shop started 2023-07-01 with a first year to 2024-12-31 (18 months), then calendar years.
        let years = FinancialYears::new(ShopCountry::Se, 1, Some(d("2024-12-31")), vec![]);
        let se = accounting_rule(ShopCountry::Se);
        assert_eq!(se.retain_until_in(d("2023-08-01"), &years), d("2031-12-31"), "not 2030-12-31");
        assert_eq!(se.retain_until_in(d("2025-01-01"), &years), d("2032-12-31"));
    }

    proptest::proptest! {
        /// For any start month, a financial year ends on a month's last day within
        /// the twelve months from the record, and retention never ends before it.
        #[test]
        fn any_financial_year_holds_its_invariants(offset in 0_i64..40_000, start in 1_u32..=12) {
            let record = d("1990-01-01") + chrono::Duration::days(offset);
            let fye = regular_end(record, start);
            proptest::prop_assert!(fye >= record && fye < crate::calendar::add_months(record, 12) + chrono::Duration::days(1));
            proptest::prop_assert_eq!(fye.succ_opt().map(|n| n.day()), Some(1));
            proptest::prop_assert_eq!(regular_end(fye, start), fye, "the year end belongs to its own year");
            for rule in ACCOUNTING_RULES.iter().chain(&CORRESPONDENCE_RULES) {
                let until = rule.retain_until(record, start);
                proptest::prop_assert!(until > fye);
                proptest::prop_assert!(until >= rule.retain_until(record - chrono::Duration::days(1), start), "monotone in the record's date");
            }
        }
    }
}
