//! Dates and amounts as shops' files write them.

use chrono::{DateTime, NaiveDate, NaiveDateTime, TimeZone, Utc};

use crate::message::Message;
use crate::msg;
use crate::register::OrderStatus;
use crate::values::{self, bare_amount, parse_decimal, Currency};

/// ISO dates (with or without a time after them: "2024-03-15 10:22:01 +0100",
/// "2024-03-15T10:22:01Z") and the local forms "15.03.2024", "15/03/2024",
/// "15-03-2024" (day first, as in the Nordic countries and Germany), "2024/03/15"
/// and the compact "20240315" of bank files and SIE.
pub fn date(text: &str) -> Result<NaiveDate, Message> {
    let t = text.trim();
    let head: String = t.chars().take_while(|c| !c.is_whitespace() && *c != 'T').collect();
    let parsed = compact_date(&head)
        .ok_or(())
        .or_else(|_| NaiveDate::parse_from_str(&head, "%Y-%m-%d"))
        .or_else(|_| NaiveDate::parse_from_str(&head, "%Y/%m/%d"))
        .or_else(|_| NaiveDate::parse_from_str(&head, "%d.%m.%Y"))
        .or_else(|_| NaiveDate::parse_from_str(&head, "%d/%m/%Y"))
        .or_else(|_| NaiveDate::parse_from_str(&head, "%d-%m-%Y"));
    match parsed {
        Ok(d) if (1900..=2200).contains(&chrono::Datelike::year(&d)) => Ok(d),
        _ => Err(msg!("msg-not-a-date", text = t)),
    }
}

/// "20240315": eight digits, year first, as bank files and SIE files write a
/// date. Nothing shorter: "250315" could be either end first.
fn compact_date(text: &str) -> Option<NaiveDate> {
    if text.len() != 8 || !text.bytes().all(|b| b.is_ascii_digit()) {
        return None;
    }
    let number = |range: std::ops::Range<usize>| text[range].parse::<u32>().ok();
    NaiveDate::from_ymd_opt(i32::try_from(number(0..4)?).ok()?, number(4..6)?, number(6..8)?)
}

/// A moment as people and logs write it: RFC 3339 ("2025-03-01T10:22:01Z",
/// "+01:00"), with a numeric offset after a space ("2025-03-01 10:22:01
/// +0100"), a web server's log time ("01/Mar/2025:10:22:01 +0100"), or a date
/// and time without a zone, read on the shop's clock `zone` ("2025-03-01
/// 10:22", "01.03.2025 10:22"; a bare date is midnight). A time the clocks skip
/// in spring is taken as the moment after the gap; in the autumn's repeated
/// hour, the first.
pub fn moment(text: &str, zone: chrono_tz::Tz) -> Result<DateTime<Utc>, Message> {
    let t = text.trim();
    let zoned = DateTime::parse_from_rfc3339(t)
        .or_else(|_| DateTime::parse_from_str(t, "%Y-%m-%d %H:%M:%S %z"))
        .or_else(|_| DateTime::parse_from_str(t, "%Y-%m-%d %H:%M:%S%.f %z"))
        .or_else(|_| DateTime::parse_from_str(t, "%d/%b/%Y:%H:%M:%S %z"));
    if let Ok(m) = zoned {
        return Ok(m.with_timezone(&Utc));
    }
    let local = ["%Y-%m-%d %H:%M:%S", "%Y-%m-%dT%H:%M:%S", "%Y-%m-%d %H:%M", "%Y-%m-%dT%H:%M", "%Y-%m-%d %H:%M:%S%.f"]
        .iter()
        .chain(&["%d.%m.%Y %H:%M:%S", "%d.%m.%Y %H:%M"])
        .find_map(|f| NaiveDateTime::parse_from_str(t, f).ok())
        .or_else(|| {
            NaiveDate::parse_from_str(t, "%Y-%m-%d")
                .ok()
                .or_else(|| compact_date(t))
                .and_then(|d| d.and_hms_opt(0, 0, 0))
        });
    let Some(local) = local else {
        return Err(msg!("msg-not-a-time", text = t));
    };
    zone.from_local_datetime(&local)
        .earliest()
        .or_else(|| zone.from_local_datetime(&(local + chrono::Duration::hours(1))).earliest())
        .map(|m| m.with_timezone(&Utc))
        .ok_or_else(|| msg!("msg-not-on-the-clock", text = t))
}

/// An order's status as the shops write it: Kundvakt's own words, Shopify's
/// financial status ("paid", "partially_refunded", "voided") with its
/// fulfillment status ("fulfilled" makes a paid order shipped), and
/// WooCommerce's ("wc-completed", "processing", "on-hold"). A partly refunded
/// order stays paid: its amounts are the voucher's, and a refund is its own.
pub fn order_status(status: &str, fulfillment: Option<&str>) -> Result<OrderStatus, Message> {
    let word = status.trim().to_lowercase().replace([' ', '-'], "_");
    let word = word.strip_prefix("wc_").unwrap_or(&word);
    let base = match word {
        "placed" | "pending" | "authorized" | "on_hold" | "partially_paid" => OrderStatus::Placed,
        "paid" | "processing" | "partially_refunded" => OrderStatus::Paid,
        "shipped" | "completed" | "fulfilled" => OrderStatus::Shipped,
        "cancelled" | "canceled" | "voided" | "failed" => OrderStatus::Cancelled,
        "refunded" => OrderStatus::Refunded,
        _ => return Err(msg!("msg-not-an-order-status", text = status.trim())),
    };
    let fulfilled = fulfillment.is_some_and(|f| matches!(f.trim().to_lowercase().as_str(), "fulfilled" | "shipped"));
    Ok(if base == OrderStatus::Paid && fulfilled { OrderStatus::Shipped } else { base })
}

/// An amount in minor units of `currency`: "1 234,50", "1234.50", "1.234,50",
/// "1,234.50", "-99", "349 kr"; not "12 EUR" in kronor ([`bare_amount`]).
pub fn amount(text: &str, currency: Currency) -> Result<i64, Message> {
    let t = text.trim();
    // What bare_amount leaves beside the number names no currency: the
    // number's own check refuses it ("12x" is not 12 kronor).
    parse_decimal(&values::plain_number(bare_amount(t, currency)?), currency.exponent())
        .map_err(|why| why.about(t, currency))
}

/// The words a count of items is written with in shop files: "3 st", "2 stk.", "1 pcs", "2x".
const ITEM_UNITS: [&str; 12] =
    ["stycken", "stykker", "styck", "stykk", "st.", "st", "stk.", "stk", "pcs.", "pcs", "x", "×"];

/// A whole number of items, with or without its unit; any other word beside it is refused.
pub fn quantity(text: &str) -> Result<i64, Message> {
    let t = text.trim();
    let number = ITEM_UNITS
        .iter()
        .find_map(|unit| {
            let at = t.len().checked_sub(unit.len()).filter(|at| *at > 0 && t.is_char_boundary(*at))?;
            t[at..].eq_ignore_ascii_case(unit).then(|| &t[..at])
        })
        .unwrap_or(t);
    let v = parse_decimal(&values::plain_number(number.trim()), 3).map_err(|_| msg!("msg-not-a-quantity", text = t))?;
    if v % 1000 != 0 || v <= 0 {
        return Err(msg!("msg-not-whole-items", text = t));
    }
    Ok(v / 1000)
}

/// A VAT rate in a tax's name, such as Shopify's "VAT 25%" or "Moms 12 %".
pub fn rate_in_name(text: &str) -> Option<i64> {
    let (before, _) = text.split_once('%')?;
    let before = before.trim_end();
    // After the last character that is not part of the number (whatever its width in bytes).
    let start = before
        .char_indices()
        .rev()
        .find(|(_, c)| !(c.is_ascii_digit() || *c == ',' || *c == '.'))
        .map_or(0, |(i, c)| i + c.len_utf8());
    let number = &before[start..];
    if number.is_empty() {
        return None;
    }
    parse_decimal(number, 2).ok().filter(|bp| (0..=10_000).contains(bp))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn dates_in_the_forms_files_use() {
        let d = |s: &str| date(s).expect(s).to_string();
        assert_eq!(d("2024-03-15"), "2024-03-15");
        assert_eq!(d("2024-03-15 10:22:01 +0100"), "2024-03-15");
        assert_eq!(d("2024-03-15T10:22:01Z"), "2024-03-15");
        assert_eq!(d("15.03.2024"), "2024-03-15");
        assert_eq!(d("5.3.2024"), "2024-03-05");
        assert_eq!(d("15/03/2024"), "2024-03-15");
        assert_eq!(d("2024/03/15"), "2024-03-15");
        assert_eq!(d("15-03-2024"), "2024-03-15");
        assert_eq!(d("20240315"), "2024-03-15");
        assert_eq!(d("20240315 10:22"), "2024-03-15");
        assert!(date("20240230").is_err(), "no 30 February, compact or not");
        assert!(date("15032024").is_err(), "eight digits are year first: no year 1503 is meant");
        assert!(date("240315").is_err(), "a two-digit year could be either end");
        assert!(date("2024-02-30").is_err());
        assert!(date("03/15/2024").is_err(), "month first is not a Nordic date");
        assert!(date("igår").expect_err("words").to_string().contains("igår"));
    }

    #[test]
    fn moments_with_and_without_their_zone() {
        let oslo = chrono_tz::Europe::Oslo;
        let m = |s: &str| moment(s, oslo).expect(s).to_rfc3339_opts(chrono::SecondsFormat::Secs, true);
        assert_eq!(m("2025-03-01T10:22:01Z"), "2025-03-01T10:22:01Z");
        assert_eq!(m("2025-03-01T10:22:01+01:00"), "2025-03-01T09:22:01Z");
        assert_eq!(m("2025-03-01 10:22:01 +0100"), "2025-03-01T09:22:01Z");
        assert_eq!(m("01/Mar/2025:10:22:01 +0100"), "2025-03-01T09:22:01Z");
        // On the shop's clock: winter time (UTC+1), summer time (UTC+2).
        assert_eq!(m("2025-03-01 10:22"), "2025-03-01T09:22:00Z");
        assert_eq!(m("2025-07-01 10:22:05"), "2025-07-01T08:22:05Z");
        assert_eq!(m("01.07.2025 10:22"), "2025-07-01T08:22:00Z");
        assert_eq!(m("2025-07-01"), "2025-06-30T22:00:00Z");
        assert_eq!(m("20250701"), "2025-06-30T22:00:00Z");
        // 02:30 on the night summer time begins does not exist: the moment after the gap.
        assert_eq!(m("2025-03-30 02:30"), "2025-03-30T01:30:00Z");
        // 02:30 on the night it ends comes twice: the first.
        assert_eq!(m("2025-10-26 02:30"), "2025-10-26T00:30:00Z");
        assert!(moment("i går", oslo).expect_err("words").to_string().contains("i går"));
        assert!(moment("2025-02-30 10:00", oslo).is_err());
        assert!(moment("07/01/2025 10:22", oslo).is_err(), "month first is not a Nordic date");
    }

    #[test]
    fn order_statuses_in_the_shops_words() {
        let s = |status: &str, fulfillment: Option<&str>| order_status(status, fulfillment).expect(status);
        assert_eq!(s("paid", Some("fulfilled")), OrderStatus::Shipped);
        assert_eq!(s("paid", Some("unfulfilled")), OrderStatus::Paid);
        assert_eq!(s("Partially Refunded", None), OrderStatus::Paid);
        assert_eq!(s("refunded", Some("fulfilled")), OrderStatus::Refunded);
        assert_eq!(s("voided", None), OrderStatus::Cancelled);
        assert_eq!(s("authorized", None), OrderStatus::Placed);
        assert_eq!(s("wc-completed", None), OrderStatus::Shipped);
        assert_eq!(s("on-hold", None), OrderStatus::Placed);
        assert_eq!(s("processing", None), OrderStatus::Paid);
        assert_eq!(s("failed", None), OrderStatus::Cancelled);
        assert_eq!(s("Shipped", None), OrderStatus::Shipped);
        assert!(order_status("betald", None).expect_err("a word of no shop").to_string().contains("betald"));
    }

    #[test]
    fn amounts_with_either_decimal_separator() {
        let sek = Currency::parse("SEK").expect("SEK");
        let a = |s: &str| amount(s, sek).expect(s);
        assert_eq!(a("1234.50"), 123_450);
        assert_eq!(a("1 234,50"), 123_450);
        assert_eq!(a("1\u{a0}234,5"), 123_450);
        assert_eq!(a("1.234,50"), 123_450);
        assert_eq!(a("1,234.50"), 123_450);
        assert_eq!(a("-99"), -9_900);
        assert_eq!(a("349 kr"), 34_900);
        assert_eq!(a("SEK 349,00"), 34_900);
        assert_eq!(a("1 249:-"), 124_900);
        let other = amount("€12", Currency::parse("SEK").expect("SEK")).expect_err("euros in kronor");
        assert_eq!(other.key, "msg-amount-in-another-currency");
        assert_eq!(a("12 345 678,90"), 1_234_567_890);
        assert_eq!(
            amount("1,234", sek).expect_err("three decimals").to_string(),
            "`1,234` is not an amount in SEK: more than 2 decimals"
        );
        assert!(amount("12,3,4", sek).is_err());
        // Thousands separators separate threes: anything else is refused, not guessed.
        assert_eq!(amount("12,34.5", sek).expect_err("a slip").key, "msg-not-an-amount");
        assert!(amount("", sek).is_err());
        assert_eq!(amount("100", Currency::parse("ISK").expect("ISK")), Ok(100));
    }

    #[test]
    fn quantities_and_rates() {
        assert_eq!(quantity("3"), Ok(3));
        assert_eq!(quantity("2.000"), Ok(2));
        assert!(quantity("1.5").is_err() && quantity("0").is_err() && quantity("x").is_err());
        assert_eq!(
            [quantity("3 st"), quantity("2 Stk."), quantity("4pcs"), quantity("2x")],
            [Ok(3), Ok(2), Ok(4), Ok(2)]
        );
        assert!(quantity("12abc").is_err() && quantity("3 kg").is_err() && quantity("st").is_err());
        assert!(quantity("İ3 st").is_err() && quantity("3 åst").is_err());
        assert_eq!(rate_in_name("VAT 25%"), Some(2500));
        assert_eq!(rate_in_name("Moms 12 %"), Some(1200));
        assert_eq!(rate_in_name("MVA 15,5%"), Some(1550));
        assert_eq!(rate_in_name("VAT"), None);
    }
}
