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

#[cfg(test)]
mod tests {
    use super::*;

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
}
