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
#[derive(Debug, Clone, PartialEq, Eq, Serialize, serde::Deserialize, sqlx::FromRow, schemars::JsonSchema)]
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

/// Every problem [`CustomerFields::check`] found, in the order of the fields:
/// at least one.
#[derive(Debug)]
pub struct Problems {
    pub first: Error,
    pub more: Vec<Error>,
}

impl Problems {
    pub fn into_vec(self) -> Vec<Error> {
        std::iter::once(self.first).chain(self.more).collect()
    }
}

/// One problem as it is; several as [`Error::InvalidFields`], each at its field.
impl From<Problems> for Error {
    fn from(problems: Problems) -> Error {
        Error::together(problems.into_vec()).unwrap_or_else(|| Error::Internal("problems without a problem".into()))
    }
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

impl From<&Customer> for CustomerFields {
    /// A customer's details as the register holds them, to be saved again.
    fn from(c: &Customer) -> Self {
        CustomerFields {
            number: Some(c.number.clone()),
            name: c.name.clone().unwrap_or_default(),
            email: c.email.clone(),
            phone: c.phone.clone(),
            street: c.street.clone(),
            postal_code: c.postal_code.clone(),
            city: c.city.clone(),
            country: c.country.clone().unwrap_or_default(),
            language: c.language,
        }
    }
}

impl CustomerFields {
    /// Checks every field; the first problem is reported with its field name.
    /// `shop_country` and `shop_language` fill what the input leaves out.
    pub fn validate(input: &CustomerInput, shop_country: ShopCountry, shop_language: Language) -> Result<Self> {
        Self::check(input, shop_country, shop_language).map_err(|problems| problems.first)
    }

    /// Checks every field and reports every problem, each with its field
    /// name: a row of an imported file is then mended once, not once per
    /// cell that is wrong.
    pub fn check(
        input: &CustomerInput,
        shop_country: ShopCountry,
        shop_language: Language,
    ) -> std::result::Result<Self, Problems> {
        let mut problems = vec![];
        let mut keep = |checked: Result<Option<String>>| match checked {
            Ok(v) => v,
            Err(e) => {
                problems.push(e);
                None
            }
        };
        let number = keep(optional_text(input.number.as_deref(), "number", 40).and_then(|n| match n {
            Some(n) if n.chars().any(char::is_whitespace) => Err(Error::invalid("number", msg!("msg-number-spaces"))),
            n => Ok(n),
        }));
        let name = keep(
            optional_text(input.name.as_deref(), "name", 200)
                .and_then(|n| n.map(Some).ok_or_else(|| Error::invalid("name", msg!("msg-customer-needs-name")))),
        );
        let email = keep(
            optional_text(input.email.as_deref(), "email", 254)
                .and_then(|e| e.map(|e| validate_email(&e, "email")).transpose()),
        );
        let country = keep(
            optional_text(input.country.as_deref(), "country", 80)
                .and_then(|c| c.map(|c| CountryCode::read(&c, "country").map(|c| c.alpha2().to_owned())).transpose()),
        );
        // The phone's own problems (characters, digits) are the same in every
        // numbering plan, so an unreadable country still lets it be checked.
        let plan = country.clone().unwrap_or_else(|| shop_country.code().to_owned());
        let phone = keep(
            optional_text(input.phone.as_deref(), "phone", 40)
                .and_then(|p| p.map(|p| super::phone::normalise(&p, &plan)).transpose()),
        );
        let street = keep(optional_text(input.street.as_deref(), "street", 200));
        let postal_code = keep(optional_text(input.postal_code.as_deref(), "postal_code", 20));
        let city = keep(optional_text(input.city.as_deref(), "city", 100));
        let language = match optional_text(input.language.as_deref(), "language", 10) {
            Ok(Some(l)) => match l.parse::<Language>() {
                Ok(l) => Some(l),
                Err(_) => {
                    problems.push(Error::invalid("language", msg!("msg-not-a-language", value = l)));
                    None
                }
            },
            Ok(None) => Some(shop_language),
            Err(e) => {
                problems.push(e);
                None
            }
        };
        let mut problems = problems.into_iter();
        if let Some(first) = problems.next() {
            return Err(Problems { first, more: problems.collect() });
        }
        let (Some(name), Some(language)) = (name, language) else {
            return Err(Problems { first: Error::Internal("a customer checked without a name".into()), more: vec![] });
        };
        Ok(CustomerFields {
            number,
            name,
            email,
            phone,
            street,
            postal_code,
            city,
            country: country.unwrap_or_else(|| shop_country.code().to_owned()),
            language,
        })
    }

    /// Whether saving these fields over `current` would change nothing.
    pub fn unchanged(&self, current: &Customer) -> bool {
        self.number.as_ref().is_none_or(|n| *n == current.number)
            && current.name.as_ref() == Some(&self.name)
            && self.email == current.email
            && self.phone == current.phone
            && self.street == current.street
            && self.postal_code == current.postal_code
            && self.city == current.city
            && current.country.as_ref() == Some(&self.country)
            && self.language == current.language
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

/// A stored value of a customer that today's checks refuse.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, schemars::JsonSchema)]
pub struct FieldProblem {
    /// The field, as the customer form names it (`phone`).
    pub field: String,
    pub value: String,
    pub message: crate::Message,
}

impl Customer {
    /// The stored values that today's checks refuse: saved before a check
    /// existed, by an older version or another program writing to a shared
    /// register (a phone `+47091234567`, an address that is no address).
    /// Saving is where a value is checked; these are said where the customer
    /// is shown, to be corrected (Art. 5(1)(d): accurate and kept up to
    /// date). None for an erased customer, whose details are gone.
    pub fn problems(&self, shop: ShopCountry) -> Vec<FieldProblem> {
        if self.state == CustomerState::Erased {
            return vec![];
        }
        let input = self.to_input();
        let stored = |field: &str| match field {
            "number" => input.number.clone(),
            "name" => input.name.clone(),
            "email" => input.email.clone(),
            "phone" => input.phone.clone(),
            "street" => input.street.clone(),
            "postal_code" => input.postal_code.clone(),
            "city" => input.city.clone(),
            "country" => input.country.clone(),
            _ => input.language.clone(),
        };
        let mut problems: Vec<FieldProblem> = match CustomerFields::check(&input, shop, self.language) {
            Ok(_) => vec![],
            Err(found) => found
                .into_vec()
                .into_iter()
                .filter_map(|e| match e {
                    Error::Invalid { place, message } => {
                        Some(FieldProblem { value: stored(&place.0).unwrap_or_default(), field: place.0, message })
                    }
                    _ => None,
                })
                .collect(),
        };
        // A phone that holds, but is stored otherwise than a save stores it
        // today (kept as typed, `070-123 45 67`): neither searched nor
        // written for people as the number it is.
        let plan = self.country.as_deref().unwrap_or(shop.code());
        if let Some(phone) = self.phone.as_deref().filter(|_| !problems.iter().any(|p| p.field == "phone")) {
            match super::phone::normalise(phone, plan) {
                Ok(normal) if normal != phone => problems.push(FieldProblem {
                    field: "phone".into(),
                    value: phone.to_owned(),
                    message: msg!("msg-phone-not-normal", value = phone, normal = normal),
                }),
                _ => {}
            }
        }
        problems
    }
}

impl CustomerInput {
    /// The same input with its blank values taken as not given: for a file,
    /// where an empty cell says only that the shop's export has nothing there.
    pub fn without_blanks(self) -> CustomerInput {
        let given = |v: Option<String>| v.filter(|v| !v.trim().is_empty());
        CustomerInput {
            number: given(self.number),
            name: given(self.name),
            email: given(self.email),
            phone: given(self.phone),
            street: given(self.street),
            postal_code: given(self.postal_code),
            city: given(self.city),
            country: given(self.country),
            language: given(self.language),
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
    fn every_field_found_wrong_is_told_in_the_order_of_the_fields() {
        let inp = CustomerInput {
            number: Some("K 1".into()),
            name: None,
            email: Some("x@".into()),
            phone: Some("ring mig".into()),
            country: Some("Narnia".into()),
            language: Some("fi".into()),
            ..Default::default()
        };
        let problems = CustomerFields::check(&inp, ShopCountry::Se, Language::Sv).expect_err("six problems");
        let places: Vec<String> = problems
            .into_vec()
            .iter()
            .map(|e| match e {
                Error::Invalid { place, .. } => place.0.clone(),
                other => panic!("not a field's problem: {other}"),
            })
            .collect();
        assert_eq!(places, ["number", "name", "email", "country", "phone", "language"]);
        // Together, as one error that names each field; one alone stays as it was.
        let all = Error::from(CustomerFields::check(&inp, ShopCountry::Se, Language::Sv).expect_err("problems"));
        match &all {
            Error::InvalidFields(fields) => assert_eq!(fields.len(), 6),
            other => panic!("{other}"),
        }
        assert_eq!(all.code(), "invalid");
        assert!(all.to_string().starts_with("number: "), "{all}");
        assert!(all.to_string().contains("; phone: `ring mig` is not a phone number"), "{all}");
        let one =
            Error::from(CustomerFields::check(&input("", "a@b.se"), ShopCountry::Se, Language::Sv).expect_err("one"));
        assert!(matches!(one, Error::Invalid { .. }), "{one}");
    }
}
