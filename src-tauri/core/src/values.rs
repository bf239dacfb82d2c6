//! Values that carry their meaning in their type: ids, money, countries, languages.

use std::fmt;

use serde::{Deserialize, Serialize};

use crate::error::{Error, Result};
use crate::macros::text_enum;

macro_rules! id_type {
    ($($(#[$meta:meta])* $name:ident),+ $(,)?) => {$(
        $(#[$meta])*
        #[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize, sqlx::Type, schemars::JsonSchema)]
        #[serde(transparent)]
        #[sqlx(transparent)]
        pub struct $name(pub i64);

        impl fmt::Display for $name {
            fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result { self.0.fmt(f) }
        }
    )+};
}

id_type!(
    /// A customer's row id (not the shop's customer number).
    CustomerId,
    OrderId,
    InvoiceId,
    InteractionId,
    WebEventId,
    ConsentId,
    EventRegistrationId,
    ProcessorId,
    AssessmentId,
    RequestId,
    /// A personal data breach's number in the shop's record of breaches.
    BreachId,
);

/// An ISO 4217 currency code, checked against the standard's list.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub struct Currency(iso_currency::Currency);

impl Currency {
    pub fn parse(code: &str) -> Result<Self> {
        iso_currency::Currency::from_code(&code.trim().to_ascii_uppercase())
            .map(Currency)
            .ok_or_else(|| Error::invalid("currency", crate::msg!("msg-not-a-currency", code)))
    }

    pub fn code(self) -> &'static str {
        self.0.code()
    }

    /// Digits after the decimal point (SEK 2, ISK 0); 2 where the standard gives none.
    pub fn exponent(self) -> u32 {
        self.0.exponent().map(u32::from).unwrap_or(2)
    }
}

impl fmt::Display for Currency {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.code())
    }
}

impl Serialize for Currency {
    fn serialize<S: serde::Serializer>(&self, s: S) -> std::result::Result<S::Ok, S::Error> {
        s.serialize_str(self.code())
    }
}

impl<'de> Deserialize<'de> for Currency {
    fn deserialize<D: serde::Deserializer<'de>>(d: D) -> std::result::Result<Self, D::Error> {
        let s = String::deserialize(d)?;
        Currency::parse(&s).map_err(serde::de::Error::custom)
    }
}

/// An amount in integer minor units (öre, øre, cent) with its currency; never a float.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub struct Money {
    pub minor: i64,
    pub currency: Currency,
}

impl Money {
    pub fn new(minor: i64, currency: Currency) -> Self {
        Money { minor, currency }
    }

    /// Parses "123.45", "123,45", "1 234,50", "1.249,50", "-5" in the
    /// currency's precision, with the currency written beside it as a shop
    /// writes it ("89 kr", "89:-", "SEK 1 249,50"; see [`bare_amount`]). More
    /// decimals than the currency has is an error, not a rounding.
    pub fn parse(text: &str, currency: Currency, place: &str) -> Result<Self> {
        let bare = bare_amount(text, currency).map_err(|m| Error::invalid(place, m))?;
        let minor = parse_decimal(&plain_number(bare), currency.exponent())
            .map_err(|why| Error::invalid(place, why.about(text, currency)))?;
        Ok(Money::new(minor, currency))
    }

    /// "1234.50": a plain decimal string with a point, as JSON documents carry money.
    pub fn to_decimal_string(&self) -> String {
        let exp = self.currency.exponent();
        let sign = if self.minor < 0 { "-" } else { "" };
        let abs = self.minor.unsigned_abs();
        if exp == 0 {
            return format!("{sign}{abs}");
        }
        let scale = 10_u64.pow(exp);
        format!("{sign}{}.{:0width$}", abs / scale, abs % scale, width = exp as usize)
    }
}

impl fmt::Display for Money {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{} {}", self.to_decimal_string(), self.currency)
    }
}

/// `{"amount": "123.45", "currency": "SEK"}`: money as documents and the UI carry it.
impl Serialize for Money {
    fn serialize<S: serde::Serializer>(&self, s: S) -> std::result::Result<S::Ok, S::Error> {
        use serde::ser::SerializeStruct;
        let mut st = s.serialize_struct("Money", 2)?;
        st.serialize_field("amount", &self.to_decimal_string())?;
        st.serialize_field("currency", self.currency.code())?;
        st.end()
    }
}

/// Why a text is not a decimal number.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum NotADecimal {
    Empty,
    NoDigits,
    /// Anything but digits, one decimal separator and a leading minus.
    Characters,
    /// More decimals than the currency (or the quantity) has.
    Decimals,
    TooLarge,
}

impl NotADecimal {
    /// "`text` is not an amount in `currency`: why", said by the translations.
    pub fn about(self, text: &str, currency: Currency) -> crate::Message {
        let why = match self {
            NotADecimal::Empty => "empty",
            NotADecimal::NoDigits => "no-digits",
            NotADecimal::Characters => "characters",
            NotADecimal::Decimals => "decimals",
            NotADecimal::TooLarge => "too-large",
        };
        crate::msg!("msg-not-an-amount", text, currency, why, exp = currency.exponent())
    }
}

/// What shops write beside an amount besides its ISO code, by currency: the
/// Nordic crowns' "kr", the euro's sign, ...
const SIGNS: &[(&str, &[&str])] = &[
    ("SEK", &["kr", "kr."]),
    ("NOK", &["kr", "kr."]),
    ("DKK", &["kr", "kr."]),
    ("ISK", &["kr", "kr."]),
    ("EUR", &["€"]),
    ("USD", &["$", "US$"]),
    ("GBP", &["£"]),
];

/// Whether `written` (beside an amount) names `currency` (`None`: any currency).
fn names(written: &str, currency: Option<Currency>) -> bool {
    let code = |c: &str| currency.is_none_or(|cur| cur.code() == c);
    let by_code = iso_currency::Currency::from_code(&written.to_ascii_uppercase()).is_some_and(|c| code(c.code()));
    by_code || SIGNS.iter().any(|(c, signs)| code(c) && signs.iter().any(|s| s.eq_ignore_ascii_case(written)))
}

/// The number of an amount without what is written beside it for
/// `currency`: its code or sign before or after ("349 kr", "SEK 349,00",
/// "€12") and the Nordic dash of whole units ("89:-", "75,-"). Another
/// currency written beside it is refused, not dropped: "12 EUR" is not
/// 12 SEK. Words that name no currency are left for the number's own check.
pub fn bare_amount(text: &str, currency: Currency) -> std::result::Result<&str, crate::Message> {
    let is_sign = |c: char| c.is_alphabetic() || matches!(c, '€' | '$' | '£');
    let mut t = text.trim();
    // Before: "SEK 349", "kr. 349", "€12".
    let lead = t.find(|c: char| !is_sign(c)).unwrap_or(t.len());
    // The dot of an abbreviation ("kr. 349"), not the decimal point of "€.50".
    let abbreviated = t[..lead].ends_with(char::is_alphabetic)
        && t[lead..].starts_with('.')
        && !t[lead + 1..].starts_with(|c: char| c.is_ascii_digit());
    let lead = if abbreviated { lead + 1 } else { lead };
    // After: "349 kr", "349 kr.", "12€"; a dot right after the digits is the number's.
    let tail =
        t.len() - t[lead..].chars().rev().take_while(|c| is_sign(*c) || *c == '.').map(char::len_utf8).sum::<usize>();
    let tail = tail + t[tail..].len() - t[tail..].trim_start_matches('.').len();
    for written in [&t[..lead], &t[tail..]] {
        let written = written.trim();
        if written.is_empty() {
            continue;
        }
        if !names(written, Some(currency)) {
            if names(written, None) {
                return Err(crate::msg!("msg-amount-in-another-currency", text = text.trim(), written, currency));
            }
            return Ok(text.trim());
        }
    }
    t = t[lead..tail].trim();
    // "89:-" (Swedish), "75,-" (Norwegian, Danish): whole crowns.
    for dash in [":-", ",-", ".-", ":–", ",–", ".–"] {
        if let Some(whole) = t.strip_suffix(dash) {
            t = whole.trim_end();
            break;
        }
    }
    Ok(t)
}

/// A number with `.` as its one decimal separator, as [`parse_decimal`]
/// reads it: where both `.` and `,` appear ("1.249,50", "1,249.50"), the last
/// one separates the decimals and the others thousands, each followed by
/// three digits. Anything else is returned as written (without spaces), for
/// [`parse_decimal`] to refuse: "12,34.5" is a slip of the hand, not 1 234,50.
pub fn plain_number(text: &str) -> String {
    let cleaned: String = text.trim().chars().filter(|c| !matches!(c, ' ' | '\u{a0}' | '\u{202f}' | '\'')).collect();
    let (Some(dot), Some(comma)) = (cleaned.rfind('.'), cleaned.rfind(',')) else { return cleaned };
    let (whole, decimals) = cleaned.split_at(dot.max(comma));
    let unsigned = whole.strip_prefix('-').unwrap_or(whole);
    let mut groups = unsigned.split(['.', ',']);
    let first_ok = groups.next().is_some_and(|g| (1..=3).contains(&g.len()));
    if !first_ok || !groups.all(|g| g.len() == 3) {
        return cleaned;
    }
    let digits: String = whole.chars().filter(|c| !matches!(c, '.' | ',')).collect();
    format!("{digits}.{}", &decimals[1..])
}

/// A decimal number as integer units of 10^-`exp`: "12,5" with exp 2 is 1250.
/// Accepts `.` or `,` as the decimal separator, spaces as thousands separators
/// and a leading minus; refuses more than `exp` decimals.
pub fn parse_decimal(text: &str, exp: u32) -> std::result::Result<i64, NotADecimal> {
    let cleaned: String = text.trim().chars().filter(|c| !matches!(c, ' ' | '\u{a0}' | '\u{202f}' | '\'')).collect();
    let (negative, digits) = match cleaned.strip_prefix('-') {
        Some(rest) => (true, rest),
        None => (false, cleaned.as_str()),
    };
    if digits.is_empty() {
        return Err(NotADecimal::Empty);
    }
    let (whole, frac) = match digits.find(['.', ',']) {
        Some(i) => (&digits[..i], &digits[i + 1..]),
        None => (digits, ""),
    };
    if whole.is_empty() && frac.is_empty() {
        return Err(NotADecimal::NoDigits);
    }
    if !whole.bytes().all(|b| b.is_ascii_digit()) || !frac.bytes().all(|b| b.is_ascii_digit()) {
        return Err(NotADecimal::Characters);
    }
    if frac.len() > exp as usize {
        return Err(NotADecimal::Decimals);
    }
    let too_large = || NotADecimal::TooLarge;
    let whole_v: i64 = if whole.is_empty() { 0 } else { whole.parse().map_err(|_| too_large())? };
    let frac_v: i64 = if frac.is_empty() {
        0
    } else {
        frac.parse::<i64>().map_err(|_| too_large())? * 10_i64.pow(exp - frac.len() as u32)
    };
    let v = whole_v.checked_mul(10_i64.pow(exp)).and_then(|v| v.checked_add(frac_v)).ok_or_else(too_large)?;
    Ok(if negative { -v } else { v })
}

/// A percentage such as "25", "12,5" or "6 %" in basis points (2500, 1250, 600).
pub fn parse_percent_bp(text: &str, place: &str) -> Result<i64> {
    percent_bp(text).ok_or_else(|| Error::invalid(place, crate::msg!("msg-not-a-percentage", text)))
}

/// A percentage in basis points, if `text` is one from 0 to 100.
pub fn percent_bp(text: &str) -> Option<i64> {
    let t = text.trim().trim_end_matches('%');
    parse_decimal(t, 2).ok().filter(|bp| (0..=10_000).contains(bp))
}

impl schemars::JsonSchema for Money {
    fn schema_name() -> std::borrow::Cow<'static, str> {
        "Money".into()
    }
    fn json_schema(_: &mut schemars::SchemaGenerator) -> schemars::Schema {
        schemars::json_schema!({
            "description": "An amount as a decimal string with a point, and its ISO 4217 currency; never a float.",
            "type": "object",
            "properties": {
                "amount": { "type": "string", "pattern": "^-?[0-9]+(\\.[0-9]+)?$" },
                "currency": { "type": "string", "pattern": "^[A-Z]{3}$" }
            },
            "required": ["amount", "currency"],
            "additionalProperties": false
        })
    }
}

pub use crate::countries::CountryCode;

text_enum! {
    /// The countries whose bookkeeping law and holidays Kundvakt knows (retention-law.md).
    pub enum ShopCountry { Se = "se", No = "no", Dk = "dk", Fi = "fi", De = "de" }
}

impl ShopCountry {
    pub fn code(self) -> &'static str {
        match self {
            ShopCountry::Se => "SE",
            ShopCountry::No => "NO",
            ShopCountry::Dk => "DK",
            ShopCountry::Fi => "FI",
            ShopCountry::De => "DE",
        }
    }

    /// The shop country a locale tag suggests ("nb-NO" → NO); Sweden otherwise.
    pub fn from_locale(tag: &str) -> ShopCountry {
        let lower = tag.to_ascii_lowercase();
        let region = lower.split(['-', '_', '.']).nth(1).unwrap_or("");
        match (lower.split(['-', '_', '.']).next().unwrap_or(""), region) {
            (_, "no") | ("nb" | "nn" | "no", _) => ShopCountry::No,
            (_, "dk") | ("da", _) => ShopCountry::Dk,
            (_, "fi") | ("fi", _) => ShopCountry::Fi,
            (_, "de") | ("de", _) => ShopCountry::De,
            _ => ShopCountry::Se,
        }
    }

    pub fn default_time_zone(self) -> &'static str {
        match self {
            ShopCountry::Se => "Europe/Stockholm",
            ShopCountry::No => "Europe/Oslo",
            ShopCountry::Dk => "Europe/Copenhagen",
            ShopCountry::Fi => "Europe/Helsinki",
            ShopCountry::De => "Europe/Berlin",
        }
    }

    /// The standard VAT rate in per cent, a new order line's unless changed:
    /// SE ML 9 kap. 5 §, NO mval. § 5-1, DK momsloven § 33, FI AVL 84 §
    /// (25.5 % since 1 September 2024), DE UStG § 12(1).
    pub fn standard_vat_rate(self) -> &'static str {
        match self {
            ShopCountry::Se | ShopCountry::No | ShopCountry::Dk => "25",
            ShopCountry::Fi => "25.5",
            ShopCountry::De => "19",
        }
    }

    pub fn default_currency(self) -> &'static str {
        match self {
            ShopCountry::Se => "SEK",
            ShopCountry::No => "NOK",
            ShopCountry::Dk => "DKK",
            ShopCountry::Fi | ShopCountry::De => "EUR",
        }
    }
}

text_enum! {
    /// The languages of the UI and the documents.
    pub enum Language { Sv = "sv", Nb = "nb", En = "en" }
}

impl Language {
    /// The language for a locale tag such as "sv-SE", "nb_NO.UTF-8" or "no"; English otherwise.
    pub fn from_locale(tag: &str) -> Language {
        let lower = tag.to_ascii_lowercase();
        let primary = lower.split(['-', '_', '.']).next().unwrap_or("");
        match primary {
            "sv" => Language::Sv,
            "nb" | "no" | "nn" => Language::Nb,
            _ => Language::En,
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn sek() -> Currency {
        Currency::parse("SEK").expect("SEK is ISO 4217")
    }

    #[test]
    fn money_parses_nordic_and_plain_forms() {
        for (text, minor) in
            [("123.45", 12345), ("123,45", 12345), ("1 234,5", 123450), ("-5", -500), ("0.01", 1), (",5", 50)]
        {
            assert_eq!(Money::parse(text, sek(), "total").expect(text).minor, minor, "{text}");
        }
    }

    #[test]
    fn money_is_read_with_the_currency_a_shop_writes_beside_it() {
        let eur = Currency::parse("EUR").expect("EUR");
        for (text, currency, minor) in [
            ("89 kr", sek(), 8900),
            ("89 kr.", sek(), 8900),
            ("kr 75,-", sek(), 7500),
            ("89:-", sek(), 8900),
            ("SEK 1 249,50", sek(), 124_950),
            ("1249,50 sek", sek(), 124_950),
            ("12.", sek(), 1200),
            ("€12,50", eur, 1250),
            ("€.50", eur, 50),
            ("kr. 349", sek(), 34_900),
            ("12 EUR", eur, 1200),
        ] {
            assert_eq!(Money::parse(text, currency, "price").expect(text).minor, minor, "{text}");
        }
        // Another currency is refused by name, not dropped.
        for text in ["12 EUR", "€12", "US$ 5", "NOK 100"] {
            let err = Money::parse(text, sek(), "price").expect_err(text);
            assert_eq!(err.message().map(|m| m.key), Some("msg-amount-in-another-currency"), "{text}");
        }
        assert!(Money::parse("89 kr", eur, "price").is_err());
        // Words that name no currency are the number's problem.
        let err = Money::parse("12 äpplen", sek(), "price").expect_err("apples");
        assert_eq!(err.message().map(|m| m.key), Some("msg-not-an-amount"));
    }

    #[test]
    fn money_with_thousands_separators_and_a_decimal_one() {
        for (text, minor) in [
            ("1.249,50", 124_950),
            ("1,249.50", 124_950),
            ("12.345.678,9", 1_234_567_890),
            ("-1.249,50", -124_950),
            ("1.249,50 kr", 124_950),
        ] {
            assert_eq!(Money::parse(text, sek(), "price").expect(text).minor, minor, "{text}");
        }
        // Groups of other than three digits are a slip, not a thousands separator.
        for text in ["12,34.5", "1.24,50", "1.2345,50", ".249,50", "1.249.5,0,0"] {
            let err = Money::parse(text, sek(), "price").expect_err(text);
            assert_eq!(err.message().map(|m| m.key), Some("msg-not-an-amount"), "{text}");
        }
    }

    #[test]
    fn money_refuses_what_is_not_an_amount() {
        for text in ["", "-", "12.345", "1.2.3", "abc", "12e3", "99999999999999999999"] {
            let err = Money::parse(text, sek(), "total").expect_err(text);
            assert!(err.to_string().starts_with("total: "), "{err}");
        }
    }

    #[test]
    fn percentages_become_basis_points() {
        assert_eq!(parse_percent_bp("25", "vat").expect("25"), 2500);
        assert_eq!(parse_percent_bp("12,5 %", "vat").expect("12,5"), 1250);
        assert!(parse_percent_bp("101", "vat").is_err());
        assert!(parse_percent_bp("6.125", "vat").is_err());
    }

    #[test]
    fn money_respects_the_currency_exponent() {
        let isk = Currency::parse("isk").expect("ISK");
        assert_eq!(Money::parse("150", isk, "t").expect("whole krónur").minor, 150);
        assert!(Money::parse("1.5", isk, "t").is_err());
        assert_eq!(Money::new(-1205, sek()).to_decimal_string(), "-12.05");
        assert_eq!(Money::new(150, isk).to_decimal_string(), "150");
    }

    #[test]
    fn codes_are_checked() {
        assert!(Currency::parse("XXY").is_err());
        assert_eq!("DK".parse::<ShopCountry>(), Ok(ShopCountry::Dk));
        assert_eq!(Language::from_locale("nb_NO.UTF-8"), Language::Nb);
        assert_eq!(Language::from_locale("sv-FI"), Language::Sv);
        assert_eq!(Language::from_locale("de-DE"), Language::En);
        assert_eq!(ShopCountry::from_locale("nb_NO.UTF-8"), ShopCountry::No);
        assert_eq!(ShopCountry::from_locale("da-DK"), ShopCountry::Dk);
        assert_eq!(ShopCountry::from_locale("sv-FI"), ShopCountry::Fi);
        assert_eq!(ShopCountry::from_locale("de-AT"), ShopCountry::De);
        assert_eq!(ShopCountry::from_locale("en-US"), ShopCountry::Se);
    }
}
