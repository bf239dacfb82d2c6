//! Customers: who they are, how they are checked, and how they are found.

use chrono::{DateTime, Utc};
use serde::Serialize;

use crate::error::{Error, Result};
use crate::macros::text_enum;
use crate::msg;
use crate::values::{CountryCode, CustomerId, Language, ShopCountry};

text_enum! {
    pub enum CustomerState {
        Active = "active",
        /// Art. 18: kept, but used for nothing but storage and legal claims.
        Restricted = "restricted",
        Erased = "erased",
    }
}

/// A customer as the register holds them. Every field but the number, language,
/// times, state and pseudonym is personal data of the identity-and-contact category.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, sqlx::FromRow, schemars::JsonSchema)]
pub struct Customer {
    pub id: CustomerId,
    pub number: String,
    pub name: Option<String>,
    pub email: Option<String>,
    pub phone: Option<String>,
    pub street: Option<String>,
    pub postal_code: Option<String>,
    pub city: Option<String>,
    pub country: Option<String>,
    pub language: Language,
    pub created_at: DateTime<Utc>,
    pub last_activity_at: DateTime<Utc>,
    pub state: CustomerState,
    /// Stable and meaningless: stands for the customer once they are erased.
    pub pseudonym: String,
    /// Optimistic versioning: an edit names the version it started from.
    pub version: i64,
}

/// What a user types for a customer; every field is checked by [`CustomerFields::validate`].
#[derive(Debug, Clone, Default, PartialEq, Eq, serde::Deserialize, schemars::JsonSchema)]
pub struct CustomerInput {
    pub number: Option<String>,
    pub name: Option<String>,
    pub email: Option<String>,
    pub phone: Option<String>,
    pub street: Option<String>,
    pub postal_code: Option<String>,
    pub city: Option<String>,
    pub country: Option<String>,
    pub language: Option<String>,
}

/// Checked customer fields, in the form they are stored.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct CustomerFields {
    pub number: Option<String>,
    pub name: String,
    pub email: Option<String>,
    pub phone: Option<String>,
    pub street: Option<String>,
    pub postal_code: Option<String>,
    pub city: Option<String>,
    pub country: String,
    pub language: Language,
}

impl CustomerFields {
    /// Checks every field; the first problem is reported with its field name.
    /// `shop_country` and `shop_language` fill what the input leaves out.
    pub fn validate(input: &CustomerInput, shop_country: ShopCountry, shop_language: Language) -> Result<Self> {
        let number = optional_text(input.number.as_deref(), "number", 40)?;
        if let Some(n) = &number {
            if n.chars().any(char::is_whitespace) {
                return Err(Error::invalid("number", msg!("msg-number-spaces")));
            }
        }
        let name = optional_text(input.name.as_deref(), "name", 200)?
            .ok_or_else(|| Error::invalid("name", msg!("msg-customer-needs-name")))?;
        let email = match optional_text(input.email.as_deref(), "email", 254)? {
            Some(e) => Some(validate_email(&e, "email")?),
            None => None,
        };
        let country = match optional_text(input.country.as_deref(), "country", 80)? {
            Some(c) => CountryCode::read(&c, "country")?.alpha2().to_owned(),
            None => shop_country.code().to_owned(),
        };
        let phone = match optional_text(input.phone.as_deref(), "phone", 40)? {
            Some(p) => Some(normalise_phone(&p, &country)?),
            None => None,
        };
        let language = match optional_text(input.language.as_deref(), "language", 10)? {
            Some(l) => {
                l.parse::<Language>().map_err(|_| Error::invalid("language", msg!("msg-not-a-language", value = l)))?
            }
            None => shop_language,
        };
        Ok(CustomerFields {
            number,
            name,
            email,
            phone,
            street: optional_text(input.street.as_deref(), "street", 200)?,
            postal_code: optional_text(input.postal_code.as_deref(), "postal_code", 20)?,
            city: optional_text(input.city.as_deref(), "city", 100)?,
            country,
            language,
        })
    }
}

impl Customer {
    /// The customer's current values as input, for editing.
    pub fn to_input(&self) -> CustomerInput {
        CustomerInput {
            number: Some(self.number.clone()),
            name: self.name.clone(),
            email: self.email.clone(),
            phone: self.phone.clone(),
            street: self.street.clone(),
            postal_code: self.postal_code.clone(),
            city: self.city.clone(),
            country: self.country.clone(),
            language: Some(self.language.as_str().to_owned()),
        }
    }
}

/// Changes to a customer: `None` leaves a field as it is; `Some("")` clears it.
#[derive(Debug, Clone, Default, PartialEq, Eq, serde::Deserialize)]
pub struct CustomerChanges {
    #[serde(flatten)]
    pub fields: CustomerInput,
}

impl CustomerChanges {
    pub fn apply_to(&self, current: &Customer) -> CustomerInput {
        let pick = |new: &Option<String>, old: &Option<String>| match new {
            Some(v) => Some(v.clone()),
            None => old.clone(),
        };
        let old = current.to_input();
        let f = &self.fields;
        CustomerInput {
            number: pick(&f.number, &old.number),
            name: pick(&f.name, &old.name),
            email: pick(&f.email, &old.email),
            phone: pick(&f.phone, &old.phone),
            street: pick(&f.street, &old.street),
            postal_code: pick(&f.postal_code, &old.postal_code),
            city: pick(&f.city, &old.city),
            country: pick(&f.country, &old.country),
            language: pick(&f.language, &old.language),
        }
    }

    pub fn is_empty(&self) -> bool {
        self.fields == CustomerInput::default()
    }

    /// Whether the change corrects what identifies or reaches the person (any
    /// field but the language of their documents): a correction the
    /// recipients of those data are to be told of (GDPR art. 19).
    pub fn corrects_details(&self) -> bool {
        CustomerInput { language: None, ..self.fields.clone() } != CustomerInput::default()
    }
}

/// Trimmed text, `None` when empty; refuses control characters and overlong values.
pub(crate) fn optional_text(value: Option<&str>, field: &str, max_chars: usize) -> Result<Option<String>> {
    let Some(v) = value.map(str::trim).filter(|v| !v.is_empty()) else { return Ok(None) };
    if v.chars().count() > max_chars {
        return Err(Error::invalid(field, msg!("msg-too-long", max = max_chars)));
    }
    if v.chars().any(char::is_control) {
        return Err(Error::invalid(field, msg!("msg-control-characters-in-line")));
    }
    Ok(Some(v.to_owned()))
}

/// An e-mail address as RFC 5322 allows it, with a dotted domain (a shop's
/// customers do not live on `localhost`); the domain is lower-cased.
pub fn validate_email(value: &str, field: &str) -> Result<String> {
    let v = value.trim();
    let bad = || Error::invalid(field, msg!("msg-not-an-email", value = v));
    let parsed = v.parse::<email_address::EmailAddress>().map_err(|_| bad())?;
    let domain = parsed.domain();
    if !domain.contains('.') || domain.starts_with('.') || domain.ends_with('.') || domain.starts_with('[') {
        return Err(bad());
    }
    Ok(format!("{}@{}", parsed.local_part(), domain.to_lowercase()))
}

/// A phone number in E.164 (`+46701234567`), read as the customer's country
/// writes it: its trunk prefix ("070-123 45 67" in Sweden), its international
/// call prefix ("0046 ..."), a trunk prefix kept after the country code
/// ("+46 (0)70 ..."), by libphonenumber's numbering plan of that country. A
/// number the plan cannot read keeps its digits, with the `+` if one was given.
/// The number is not checked against the plan's ranges: a number the plan does
/// not know yet is still the customer's.
pub fn normalise_phone(value: &str, country: &str) -> Result<String> {
    let v = value.trim();
    if !v.chars().all(|c| c.is_ascii_digit() || " +-().\u{a0}/".contains(c)) {
        return Err(Error::invalid("phone", msg!("msg-phone-characters", value = v)));
    }
    let digits: String = v.chars().filter(char::is_ascii_digit).collect();
    if !(5..=15).contains(&digits.len()) {
        return Err(Error::invalid("phone", msg!("msg-phone-digits", value = v)));
    }
    let region = country.parse::<phonenumber::country::Id>().ok();
    if let Ok(number) = phonenumber::parse(region, v) {
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

#[cfg(test)]
mod tests {
    use super::*;

    fn input(name: &str, email: &str) -> CustomerInput {
        CustomerInput { name: Some(name.into()), email: Some(email.into()), ..Default::default() }
    }

    #[test]
    fn fields_are_checked_with_their_names() {
        let ok = CustomerFields::validate(&input("Åsa Öberg", "Asa@Example.SE"), ShopCountry::Se, Language::Sv)
            .expect("valid");
        assert_eq!(ok.email.as_deref(), Some("Asa@example.se"));
        assert_eq!(ok.country, "SE");
        for (inp, field) in [
            (input("X", "not-an-email"), "email"),
            (input("X", "a@localhost"), "email"),
            (input("", "a@b.se"), "name"),
            (CustomerInput { country: Some("XX".into()), ..input("X", "a@b.se") }, "country"),
            (CustomerInput { phone: Some("call me".into()), ..input("X", "a@b.se") }, "phone"),
            (CustomerInput { language: Some("fr".into()), ..input("X", "a@b.se") }, "language"),
            (CustomerInput { name: Some("a\u{7}b".into()), ..Default::default() }, "name"),
            (CustomerInput { name: Some("x".repeat(201)), ..Default::default() }, "name"),
        ] {
            let err = CustomerFields::validate(&inp, ShopCountry::Se, Language::Sv).expect_err(field);
            assert!(err.to_string().starts_with(&format!("{field}: ")), "{err}");
        }
    }

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
            // Beyond the Nordics, each country's own plan: a trunk 0 dropped,
            // Italy's leading 0 kept, Hungary's trunk 06, North America's 1.
            ("06 12 34 56 78", "FR", "+33612345678"),
            ("044 123 45 67", "CH", "+41441234567"),
            ("06 1234 5678", "IT", "+390612345678"),
            ("06 1 234 5678", "HU", "+3612345678"),
            ("(202) 555-0143", "US", "+12025550143"),
            ("1 202 555 0143", "US", "+12025550143"),
        ] {
            assert_eq!(normalise_phone(typed, country).ok().as_deref(), Some(e164), "{typed} in {country}");
        }
        assert!(normalise_phone("12", "SE").is_err());
        assert!(normalise_phone("0701234567890123", "SE").is_err(), "16 digits");
        // Fifteen digits and a country code would pass E.164's length: the digits stay.
        assert_eq!(normalise_phone("912345678901234", "NO").ok().as_deref(), Some("912345678901234"));
    }

    proptest::proptest! {
        /// Whatever is typed, the answer is an error or at most 15 digits
        /// after at most one `+`, and the plan's reading never panics.
        #[test]
        fn any_typed_number_is_read_or_refused(typed in "[0-9 +()./-]{0,24}", country in "(SE|NO|DK|FI|DE|US|IT|HU|AR|MX|XX)") {
            if let Ok(e164) = normalise_phone(&typed, &country) {
                let digits = e164.trim_start_matches('+');
                proptest::prop_assert!((1..=15).contains(&digits.len()) && digits.chars().all(|c| c.is_ascii_digit()), "{e164}");
            }
        }
    }
}
