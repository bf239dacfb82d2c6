//! The answer deadline of a request: GDPR Art. 12(3) counted per Regulation
//! 1182/71 Art. 3 (retention-law.md, "Response deadlines").

use chrono::NaiveDate;

use crate::calendar::{add_months, roll_forward};
use crate::values::ShopCountry;

/// One month after receipt: the same date in the next month or that month's
/// last day, moved past Saturdays, Sundays and public holidays.
pub fn due(country: ShopCountry, received: NaiveDate) -> NaiveDate {
    roll_forward(country, add_months(received, 1))
}

/// The extended deadline: three months after receipt, likewise moved.
pub fn extended_due(country: ShopCountry, received: NaiveDate) -> NaiveDate {
    roll_forward(country, add_months(received, 3))
}

/// The most days a deadline can move past a non-working run: Good Friday to
/// Easter Monday (+4), or in Norway and Denmark Maundy Thursday to Easter
/// Monday (+5).
pub fn max_roll_days(country: ShopCountry) -> i64 {
    match country {
        ShopCountry::No | ShopCountry::Dk => 5,
        _ => 4,
    }
}

#[cfg(test)]
mod tests {
    use chrono::{Datelike, Duration, Months, Weekday};
    use proptest::prelude::*;

    use super::*;
    use crate::calendar::is_non_working_day;

    fn date(s: &str) -> NaiveDate {
        s.parse().expect("date")
    }

    #[test]
    fn worked_examples_of_retention_law_md() {
        for (received, want) in [
            ("2025-03-05", "2025-04-07"),
            ("2025-01-31", "2025-02-28"),
            ("2028-01-31", "2028-02-29"),
            ("2025-02-28", "2025-03-28"),
        ] {
            assert_eq!(due(ShopCountry::Se, date(received)), date(want), "received {received}");
        }
    }

    #[test]
    fn norway_and_denmark_roll_over_maundy_thursday() {
        // 2025-03-17 + 1 month = Maundy Thursday 2025-04-17: Thu, Fri, Sat, Sun, Mon are off.
        for c in [ShopCountry::No, ShopCountry::Dk] {
            assert_eq!(due(c, date("2025-03-17")), date("2025-04-22"));
        }
        assert_eq!(due(ShopCountry::Se, date("2025-03-17")), date("2025-04-17"), "a working day in Sweden");
        assert_eq!(due(ShopCountry::De, date("2025-03-18")), date("2025-04-22"), "Good Friday to Easter Monday");
    }

    const COUNTRIES: [ShopCountry; 5] =
        [ShopCountry::Se, ShopCountry::No, ShopCountry::Dk, ShopCountry::Fi, ShopCountry::De];

    /// The official holidays of 2025 and January 2026, written out by hand from
    /// the statutes' lists (Easter 2025 is 20 April), independent of the computus.
    fn holidays_by_hand(country: ShopCountry) -> Vec<NaiveDate> {
        let days: &[&str] = match country {
            ShopCountry::Se => &[
                "2025-01-01",
                "2025-01-06",
                "2025-04-18",
                "2025-04-20",
                "2025-04-21",
                "2025-05-01",
                "2025-05-29",
                "2025-06-06",
                "2025-06-08",
                "2025-06-21",
                "2025-11-01",
                "2025-12-25",
                "2025-12-26",
                "2026-01-01",
                "2026-01-06",
            ],
            ShopCountry::No => &[
                "2025-01-01",
                "2025-04-17",
                "2025-04-18",
                "2025-04-20",
                "2025-04-21",
                "2025-05-01",
                "2025-05-17",
                "2025-05-29",
                "2025-06-08",
                "2025-06-09",
                "2025-12-25",
                "2025-12-26",
                "2026-01-01",
            ],
            ShopCountry::Dk => &[
                "2025-01-01",
                "2025-04-17",
                "2025-04-18",
                "2025-04-20",
                "2025-04-21",
                "2025-05-29",
                "2025-06-08",
                "2025-06-09",
                "2025-12-25",
                "2025-12-26",
                "2026-01-01",
            ],
            ShopCountry::Fi => &[
                "2025-01-01",
                "2025-01-06",
                "2025-04-18",
                "2025-04-20",
                "2025-04-21",
                "2025-05-01",
                "2025-05-29",
                "2025-06-08",
                "2025-06-21",
                "2025-11-01",
                "2025-12-06",
                "2025-12-25",
                "2025-12-26",
                "2026-01-01",
                "2026-01-06",
            ],
            ShopCountry::De => &[
                "2025-01-01",
                "2025-04-18",
                "2025-04-21",
                "2025-05-01",
                "2025-05-29",
                "2025-06-09",
                "2025-10-03",
                "2025-12-25",
                "2025-12-26",
                "2026-01-01",
            ],
        };
        days.iter().map(|d| date(d)).collect()
    }

    #[test]
    fn a_year_of_receipts_matches_an_independent_calculation() {
        for country in COUNTRIES {
            let holidays = holidays_by_hand(country);
            let off = |d: NaiveDate| matches!(d.weekday(), Weekday::Sat | Weekday::Sun) || holidays.contains(&d);
            let mut received = date("2025-01-01");
            while received.year() == 2025 {
                // chrono's own month arithmetic also clamps to the month's last day.
                let mut want = received.checked_add_months(Months::new(1)).expect("in range");
                while off(want) {
                    want += Duration::days(1);
                }
                assert_eq!(due(country, received), want, "{country:?}, received {received}");
                let mut want_ext = received.checked_add_months(Months::new(3)).expect("in range");
                // Three months after a 2025 receipt ends by March 2026: no Easter, weekends only.
                while matches!(want_ext.weekday(), Weekday::Sat | Weekday::Sun) || holidays.contains(&want_ext) {
                    want_ext += Duration::days(1);
                }
                assert_eq!(extended_due(country, received), want_ext, "{country:?}, received {received}");
                received += Duration::days(1);
            }
        }
    }

    fn any_country() -> impl Strategy<Value = ShopCountry> {
        prop::sample::select(COUNTRIES.to_vec())
    }

    proptest! {
        #![proptest_config(ProptestConfig::with_cases(2000))]

        #[test]
        fn deadlines_hold_their_invariants(country in any_country(), offset in 0_i64..60_000) {
            let received = date("1950-01-01") + Duration::days(offset);
            let d = due(country, received);
            let month = add_months(received, 1);
            prop_assert!(!is_non_working_day(country, d), "{d} is not a working day");
            prop_assert!(d >= received + Duration::days(28), "{d} is less than 28 days after {received}");
            prop_assert!(d >= month && d <= month + Duration::days(max_roll_days(country)), "{d} vs {month}");
            let e = extended_due(country, received);
            prop_assert!(!is_non_working_day(country, e));
            prop_assert!(e > d && e >= add_months(received, 3));
            prop_assert!(e <= add_months(received, 3) + Duration::days(max_roll_days(country)));
        }
    }
}
