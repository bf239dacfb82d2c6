//! Phone numbers: read into E.164 as the customer's country writes them, and
//! written back for people as the number's country groups it, both by
//! libphonenumber's numbering plans (the `phonenumber` crate's copy).
//!
//! The register keeps E.164 alone (one spelling to match, search and export);
//! the grouping is made where a person reads the number.

use phonenumber::metadata::{Format, Metadata, DATABASE};

use crate::error::{Error, Result};
use crate::msg;
use crate::values::ShopCountry;

/// A phone number in E.164 (`+46701234567`), read as the customer's country
/// writes it: its trunk prefix ("070-123 45 67" in Sweden), its international
/// call prefix ("0046 ..."), a trunk prefix kept after the country code
/// ("+46 (0)70 ..."), by libphonenumber's numbering plan of that country. A
/// number the plan cannot read keeps its digits, with the `+` if one was given.
/// The number is not checked against the plan's ranges: a number the plan does
/// not know yet is still the customer's.
pub fn normalise(value: &str, country: &str) -> Result<String> {
    let (v, digits) = dialled(value, "phone")?;
    let region = country.parse::<phonenumber::country::Id>().ok();
    if let Ok(number) = phonenumber::parse(region, &v) {
        // E.164 is the country code and the national significant number; the
        // crate's formatter would first choose a national layout (regular
        // expressions over the plan's formats), two thirds of the time here.
        let e164 = format!("+{}{}", number.code().value(), number.national());
        // E.164 has at most 15 digits (ITU-T E.164, 6.1).
        if e164.len() <= 16 {
            return Ok(e164);
        }
    }
    if v.starts_with('+') {
        return Ok(format!("+{digits}"));
    }
    match digits.strip_prefix("00") {
        Some(international) => Ok(format!("+{international}")),
        None => Ok(digits),
    }
}

/// A phone number as typed, checked at `field` for what any plan allows:
/// digits with spaces, `+ - ( ) . /` between them, 5 to 15 digits (ITU-T
/// E.164, 6.1); with the text that is dialled and its digits. "(0)" after a
/// country code marks the trunk prefix, not dialled from abroad: dropped for
/// every country, also where the plan has no trunk prefix to drop it by
/// ("+47 (0)912 34 567", written as Sweden writes).
pub(crate) fn dialled(value: &str, field: &str) -> Result<(String, String)> {
    let typed = value.trim();
    if !typed.chars().all(|c| c.is_ascii_digit() || " +-().\u{a0}/".contains(c)) {
        return Err(Error::invalid(field, msg!("msg-phone-characters", value = typed)));
    }
    let v = match typed.starts_with('+') || typed.starts_with("00") {
        true => typed.replace("(0)", ""),
        false => typed.to_owned(),
    };
    let digits: String = v.chars().filter(char::is_ascii_digit).collect();
    if !(5..=15).contains(&digits.len()) {
        return Err(Error::invalid(field, msg!("msg-phone-digits", value = typed)));
    }
    Ok((v, digits))
}

/// The national form of international digits: the significant number after
/// the country code (codes are prefix-free, one to three digits: ITU-T E.164),
/// behind its country's trunk prefix.
pub(crate) fn national_digits(digits: &str) -> Option<String> {
    (1..=3.min(digits.len().saturating_sub(1))).find_map(|length| {
        let code: u16 = digits[..length].parse().ok()?;
        let plan = main_plan(code)?;
        Some(format!("{}{}", plan.national_prefix().unwrap_or(""), &digits[length..]))
    })
}

/// A number in E.164 as people write it: grouped by its country's plan, in
/// the national form ("070-123 45 67") when it belongs to `home`, the country
/// whose readers dial it so, and in the international form ("+47 91 23 45 67")
/// otherwise. Digits without a country code, or a code no plan knows, stay as
/// stored, as does a number no layout of its plan fits (not a number of the
/// plan's: its digits are all that is known of it).
///
/// The form for `home` is read back as the same number by [`normalise`] with
/// `home` as the customer's country, so a form may show it and save it again.
pub fn display(e164: &str, home: Option<&str>) -> String {
    written(e164, home).unwrap_or_else(|| e164.to_owned())
}

/// A customer's number as the shop writes it, to its staff and in the
/// customer's documents alike: in the national form when the customer is of
/// the shop's own country (and so is the number), else in the international.
pub fn of_customer(e164: &str, customer_country: Option<&str>, shop: ShopCountry) -> String {
    display(e164, customer_country.filter(|c| *c == shop.code()))
}

fn written(e164: &str, home: Option<&str>) -> Option<String> {
    e164.strip_prefix('+')?;
    let number = phonenumber::parse(None, e164).ok()?;
    let code = number.code().value();
    let plan = main_plan(code)?;
    let national = number.national().to_string();
    let at_home = home.is_some_and(|h| number.metadata(&DATABASE).is_some_and(|m| m.id() == h));
    // A plan gives international layouts of its own only where they differ
    // (and leaves out those used at home alone).
    let layouts = match at_home || plan.international_formats().is_empty() {
        true => plan.formats(),
        false => plan.international_formats(),
    };
    let format = layouts.iter().find(|f| fits(f, &national))?;
    let layout = match (at_home, format.national_prefix()) {
        (true, Some(rule)) => with_trunk_prefix(format.format(), rule, plan.national_prefix().unwrap_or("")),
        _ => format.format().to_owned(),
    };
    let grouped = format.pattern().replace(&national, layout.as_str());
    Some(if at_home { grouped.into_owned() } else { format!("+{code} {grouped}") })
}

/// The plan a calling code is written by: its main country's ("NO" for +47,
/// not Svalbard's, which has no layouts of its own).
fn main_plan(code: u16) -> Option<&'static Metadata> {
    let plans = DATABASE.by_code(&code)?;
    plans.iter().find(|p| p.is_main_country_for_code()).or(plans.first()).copied()
}

/// A layout fits a national number when the last (most specific) of its
/// leading-digit patterns matches the number's start and its pattern the
/// whole number (libphonenumber's `chooseFormattingPatternForNumber`).
fn fits(format: &Format, national: &str) -> bool {
    let leads = format.leading_digits().last().is_none_or(|lead| lead.find(national).is_some_and(|m| m.start() == 0));
    leads && format.pattern().find(national).is_some_and(|m| m.start() == 0 && m.end() == national.len())
}

/// A layout with the national prefix written as the plan's rule puts it
/// before the first group ("0$1" in Sweden, "($NP$FG)" elsewhere).
fn with_trunk_prefix(layout: &str, rule: &str, prefix: &str) -> String {
    let Some(at) = layout.find('$').filter(|&at| layout[at + 1..].starts_with(|c: char| c.is_ascii_digit())) else {
        return layout.to_owned();
    };
    let first = &layout[at..at + 2];
    let rule = rule.replace("$NP", prefix).replace("$FG", first);
    format!("{}{rule}{}", &layout[..at], &layout[at + 2..])
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn phones_become_e164() {
        for (typed, country, e164) in [
            ("070-123 45 67", "SE", "+46701234567"),
            ("08-123 456 78", "SE", "+46812345678"),
            ("0046 70 123 45 67", "SE", "+46701234567"),
            ("+46 (0)70 123 45 67", "SE", "+46701234567"),
            ("+47 912 34 567", "SE", "+4791234567"),
            // Norway and Denmark have no trunk prefix.
            ("912 34 567", "NO", "+4791234567"),
            ("20 12 34 56", "DK", "+4520123456"),
            ("040 123 4567", "FI", "+358401234567"),
            ("030 1234567", "DE", "+49301234567"),
            ("611 1234", "IS", "+3546111234"),
            ("07700 900123", "GB", "+447700900123"),
            ("+44 (0)20 7946 0958", "SE", "+442079460958"),
            // "(0)" is dropped where the plan has no trunk prefix too.
            ("+47 (0) 912 34 567", "NO", "+4791234567"),
            ("+47(0)91234567", "SE", "+4791234567"),
            ("0045 (0)20 12 34 56", "DK", "+4520123456"),
            ("+354 (0) 611 1234", "", "+3546111234"),
            // Beyond the Nordics, each country's own plan: a trunk 0 dropped,
            // Italy's leading 0 kept, Hungary's trunk 06, North America's 1.
            ("06 12 34 56 78", "FR", "+33612345678"),
            ("044 123 45 67", "CH", "+41441234567"),
            ("06 1234 5678", "IT", "+390612345678"),
            ("06 1 234 5678", "HU", "+3612345678"),
            ("(202) 555-0143", "US", "+12025550143"),
            ("1 202 555 0143", "US", "+12025550143"),
        ] {
            assert_eq!(normalise(typed, country).ok().as_deref(), Some(e164), "{typed} in {country}");
        }
        assert!(normalise("12", "SE").is_err());
        assert!(normalise("0701234567890123", "SE").is_err(), "16 digits");
        // Fifteen digits and a country code would pass E.164's length: the digits stay.
        assert_eq!(normalise("912345678901234", "NO").ok().as_deref(), Some("912345678901234"));
    }

    proptest::proptest! {
        /// Whatever is typed, the answer is an error or at most 15 digits
        /// after at most one `+`, and the plan's reading never panics.
        #[test]
        fn any_typed_number_is_read_or_refused(typed in "[0-9 +()./-]{0,24}", country in "(SE|NO|DK|FI|DE|US|IT|HU|AR|MX|XX)") {
            if let Ok(e164) = normalise(&typed, &country) {
                let digits = e164.trim_start_matches('+');
                proptest::prop_assert!((1..=15).contains(&digits.len()) && digits.chars().all(|c| c.is_ascii_digit()), "{e164}");
            }
        }
    }

    #[test]
    fn numbers_are_written_as_their_country_groups_them() {
        for (e164, home, shown) in [
            ("+46701234567", Some("SE"), "070-123 45 67"),
            ("+46812345678", Some("SE"), "08-123 456 78"),
            ("+46701234567", None, "+46 70 123 45 67"),
            ("+46701234567", Some("NO"), "+46 70 123 45 67"),
            ("+4791234567", Some("NO"), "91 23 45 67"),
            ("+4791234567", Some("SE"), "+47 91 23 45 67"),
            ("+4520123456", Some("DK"), "20 12 34 56"),
            ("+358401234567", Some("FI"), "040 1234567"),
            ("+358401234567", None, "+358 40 1234567"),
            ("+49301234567", Some("DE"), "030 1234567"),
            ("+447700900123", None, "+44 7700 900123"),
            ("+12025550143", None, "+1 202-555-0143"),
        ] {
            assert_eq!(display(e164, home), shown, "{e164} at home in {home:?}");
        }
        // Without a country code, or with a code no plan knows, as stored.
        assert_eq!(display("555010022", Some("SE")), "555010022");
        assert_eq!(display("+999123456", None), "+999123456");
    }

    proptest::proptest! {
        /// What is written for people is read back as the same number: at
        /// home under the home country's plan, abroad under any. (Of numbers the
        /// plans know, without Italy's leading zero: the crate reads "+47 0..."
        /// under Sweden's plan as "+47 (0)...", outside every plan. North
        /// America is left out: the crate takes a local seven-digit number for
        /// a whole one, and reads it back with its area code twice.)
        #[test]
        fn a_written_number_reads_back(typed in "0?[1-9][0-9]{6,10}", country in "(SE|NO|DK|FI|DE|GB|FR)") {
            let valid = |e164: &String| phonenumber::parse(None, e164).is_ok_and(|n| n.is_valid() && n.national().zeros() == 0);
            let stored = normalise(&typed, &country).ok().filter(valid);
            if let Some(e164) = stored {
                proptest::prop_assert_eq!(normalise(&display(&e164, Some(&country)), &country).ok(), Some(e164.clone()));
                proptest::prop_assert_eq!(normalise(&display(&e164, None), "SE").ok(), Some(e164.clone()));
            }
        }
    }
}
