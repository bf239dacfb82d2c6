//! Calendar arithmetic the law counts in: months per Regulation (EEC, Euratom)
//! No 1182/71 Art. 3, and the official public holidays of the shop's country
//! (retention-law.md, "Public holidays"), with Easter computed, not tabulated.

use chrono::{Datelike, Duration, NaiveDate, Weekday};

use crate::values::ShopCountry;

/// The same day number `n` months later, clamped to that month's last day
/// (31 Jan + 1 → 28/29 Feb; 28 Feb + 1 → 28 Mar). 1182/71 Art. 3(2)(c).
pub fn add_months(d: NaiveDate, n: u32) -> NaiveDate {
    let months0 = d.year() * 12 + d.month0() as i32 + n as i32;
    let (y, m) = (months0.div_euclid(12), months0.rem_euclid(12) as u32 + 1);
    NaiveDate::from_ymd_opt(y, m, d.day().min(days_in_month(y, m))).expect("a clamped day always exists")
}

/// The last day of the month `n` months after `d`'s month.
pub fn end_of_month_after(d: NaiveDate, n: u32) -> NaiveDate {
    let first = NaiveDate::from_ymd_opt(d.year(), d.month(), 1).expect("first of month exists");
    let target = add_months(first, n);
    NaiveDate::from_ymd_opt(target.year(), target.month(), days_in_month(target.year(), target.month()))
        .expect("last day of month exists")
}

pub fn days_in_month(year: i32, month: u32) -> u32 {
    let (ny, nm) = if month == 12 { (year + 1, 1) } else { (year, month + 1) };
    let next = NaiveDate::from_ymd_opt(ny, nm, 1).expect("valid month");
    next.pred_opt().expect("a day before the first exists").day()
}

/// Easter Sunday of the Gregorian calendar (the anonymous Gregorian algorithm,
/// "Meeus/Jones/Butcher").
pub fn easter_sunday(year: i32) -> NaiveDate {
    let a = year % 19;
    let b = year / 100;
    let c = year % 100;
    let d = b / 4;
    let e = b % 4;
    let f = (b + 8) / 25;
    let g = (b - f + 1) / 3;
    let h = (19 * a + b - d - g + 15) % 30;
    let i = c / 4;
    let k = c % 4;
    let l = (32 + 2 * e + 2 * i - h - k) % 7;
    let m = (a + 11 * h + 22 * l) / 451;
    let month = (h + l - 7 * m + 114) / 31;
    let day = (h + l - 7 * m + 114) % 31 + 1;
    NaiveDate::from_ymd_opt(year, month as u32, day as u32).expect("Easter is a real date")
}

/// The Saturday between `from_day` of `month` and the six days after it
/// (Swedish and Finnish Midsummer Day, All Saints' Day).
fn saturday_from(year: i32, month: u32, from_day: u32) -> NaiveDate {
    let start = NaiveDate::from_ymd_opt(year, month, from_day).expect("valid start");
    let offset = (Weekday::Sat.num_days_from_monday() + 7 - start.weekday().num_days_from_monday()) % 7;
    start + Duration::days(offset as i64)
}

/// The official public holidays of `country` in `year` (Sundays aside: every
/// Sunday is a non-working day anyway).
pub fn public_holidays(country: ShopCountry, year: i32) -> Vec<NaiveDate> {
    let ymd = |m, d| NaiveDate::from_ymd_opt(year, m, d).expect("fixed holiday exists");
    let easter = easter_sunday(year);
    let from_easter = |days: i64| easter + Duration::days(days);
    let good_friday = from_easter(-2);
    let maundy_thursday = from_easter(-3);
    let easter_monday = from_easter(1);
    let ascension = from_easter(39);
    let whit_sunday = from_easter(49);
    let whit_monday = from_easter(50);
    match country {
        ShopCountry::Se => vec![
            ymd(1, 1),
            ymd(1, 6),
            good_friday,
            easter,
            easter_monday,
            ymd(5, 1),
            ascension,
            whit_sunday,
            ymd(6, 6),
            saturday_from(year, 6, 20),
            saturday_from(year, 10, 31),
            ymd(12, 25),
            ymd(12, 26),
        ],
        ShopCountry::No => vec![
            ymd(1, 1),
            maundy_thursday,
            good_friday,
            easter,
            easter_monday,
            ymd(5, 1),
            ymd(5, 17),
            ascension,
            whit_sunday,
            whit_monday,
            ymd(12, 25),
            ymd(12, 26),
        ],
        ShopCountry::Dk => {
            let mut days = vec![
                ymd(1, 1),
                maundy_thursday,
                good_friday,
                easter,
                easter_monday,
                ascension,
                whit_sunday,
                whit_monday,
                ymd(12, 25),
                ymd(12, 26),
            ];
            // Store bededag (the fourth Friday after Easter) was abolished from 2024
            // (lov nr 184 af 28/02/2023).
            if year < 2024 {
                days.push(from_easter(26));
            }
            days
        }
        ShopCountry::Fi => vec![
            ymd(1, 1),
            ymd(1, 6),
            good_friday,
            easter,
            easter_monday,
            ymd(5, 1),
            ascension,
            whit_sunday,
            saturday_from(year, 6, 20),
            saturday_from(year, 10, 31),
            ymd(12, 6),
            ymd(12, 25),
            ymd(12, 26),
        ],
        ShopCountry::De => vec![
            ymd(1, 1),
            good_friday,
            easter_monday,
            ymd(5, 1),
            ascension,
            whit_monday,
            ymd(10, 3),
            ymd(12, 25),
            ymd(12, 26),
        ],
    }
}

/// Saturdays, Sundays and public holidays: the days a period may not end on
/// (1182/71 Art. 3(4)).
pub fn is_non_working_day(country: ShopCountry, d: NaiveDate) -> bool {
    matches!(d.weekday(), Weekday::Sat | Weekday::Sun) || public_holidays(country, d.year()).contains(&d)
}

/// The day itself, or the next working day after it (1182/71 Art. 3(4)).
pub fn roll_forward(country: ShopCountry, mut d: NaiveDate) -> NaiveDate {
    while is_non_working_day(country, d) {
        d = d.succ_opt().expect("dates in range");
    }
    d
}

#[cfg(test)]
mod tests {
    use super::*;

    fn date(s: &str) -> NaiveDate {
        s.parse().expect("test date")
    }

    #[test]
    fn months_clamp_to_the_last_day() {
        assert_eq!(add_months(date("2025-01-31"), 1), date("2025-02-28"));
        assert_eq!(add_months(date("2028-01-31"), 1), date("2028-02-29"));
        assert_eq!(add_months(date("2025-02-28"), 1), date("2025-03-28"));
        assert_eq!(add_months(date("2025-11-30"), 3), date("2026-02-28"));
        assert_eq!(end_of_month_after(date("2024-12-31"), 60), date("2029-12-31"));
        assert_eq!(end_of_month_after(date("2024-06-30"), 42), date("2027-12-31"));
        assert_eq!(end_of_month_after(date("2017-04-30"), 120), date("2027-04-30"));
    }

    #[test]
    fn easter_matches_known_years() {
        for (y, d) in [
            (2024, "2024-03-31"),
            (2025, "2025-04-20"),
            (2026, "2026-04-05"),
            (2019, "2019-04-21"),
            (2038, "2038-04-25"),
            (2285, "2285-03-22"),
        ] {
            assert_eq!(easter_sunday(y), date(d), "{y}");
        }
    }

    #[test]
    fn holidays_per_country() {
        // Swedish Midsummer Day 2025 is Saturday 21 June; All Saints' Day Saturday 1 Nov.
        let se = public_holidays(ShopCountry::Se, 2025);
        assert!(se.contains(&date("2025-06-21")) && se.contains(&date("2025-11-01")));
        assert!(public_holidays(ShopCountry::No, 2025).contains(&date("2025-05-17")));
        assert!(public_holidays(ShopCountry::De, 2025).contains(&date("2025-10-03")));
        assert!(
            !public_holidays(ShopCountry::De, 2025).contains(&date("2025-04-20")),
            "DE: Easter Sunday is not a nationwide holiday"
        );
        assert!(public_holidays(ShopCountry::Dk, 2023).contains(&date("2023-05-05")));
        assert!(!public_holidays(ShopCountry::Dk, 2024).contains(&date("2024-04-26")));
        assert!(public_holidays(ShopCountry::Fi, 2025).contains(&date("2025-12-06")));
        assert_eq!(roll_forward(ShopCountry::Se, date("2025-04-05")), date("2025-04-07"));
        assert_eq!(roll_forward(ShopCountry::Se, date("2025-12-24")), date("2025-12-24"));
        assert_eq!(roll_forward(ShopCountry::Se, date("2025-12-25")), date("2025-12-29"));
    }
}
