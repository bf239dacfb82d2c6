//! The shop's settings: who the controller is, which country's law applies,
//! the financial year, and the retention periods of PRODUCT.md section 3.
//!
//! Kept as key/value rows so that a new setting needs no migration; every key is
//! known here, validated on the way in and given its default on the way out.

use std::collections::BTreeMap;

use serde::Serialize;

use crate::error::{Error, Result};
use crate::fiscal_years::{self, FinancialYears};
use crate::i18n::Translator;
use crate::msg;
use crate::values::{Language, ShopCountry};

/// One known setting: its key, what it accepts, and its default.
struct Key {
    name: &'static str,
    kind: Kind,
}

enum Kind {
    Country,
    Language,
    TimeZone,
    Months {
        min: u32,
        max: u32,
        default: u32,
    },
    Text {
        default: &'static str,
        max_len: usize,
    },
    Email,
    /// The shop's phone number as it writes it, or empty.
    Phone,
    /// The shop's number in its country's register of companies, or empty.
    OrgNumber,
    /// The shop's web site, or empty.
    Website,
    /// A month's last day, or empty.
    MonthEnd,
    /// The years of changes of the financial year (`fiscal_years::parse_changed`), or empty.
    ChangedYears,
    /// A folder on this computer, or empty.
    Folder,
    /// An account of the chart of accounts (BAS: four digits).
    Account {
        default: u32,
    },
}

/// The settings that set a retention period (`retention.…_months`).
pub fn retention_keys() -> impl Iterator<Item = &'static str> {
    KEYS.iter().map(|k| k.name).filter(|n| n.starts_with("retention."))
}

const KEYS: &[Key] = &[
    Key { name: "country", kind: Kind::Country },
    Key { name: "fiscal_year_start_month", kind: Kind::Months { min: 1, max: 12, default: 1 } },
    // A first financial year may be longer, up to 18 months (BFL 3 kap. 3 §):
    // records dated on or before this day belong to a year ending on it.
    Key { name: "first_fiscal_year_end", kind: Kind::MonthEnd },
    // So may the year of a change of the financial year, or shorter (the same
    // paragraph): each with its first and last day, so that the years before
    // it keep their ends (fiscal_years).
    Key { name: "changed_fiscal_years", kind: Kind::ChangedYears },
    // Orders taken by hand are vouchers, each with its own number (BFL 5
    // kap. 6-7 §s), here in a series apart from the web shop's, whose next
    // export would otherwise match them: this prefix and five digits.
    // Empty: no number is given; each order needs one typed.
    Key { name: "order.series", kind: Kind::Text { default: "M-", max_len: 10 } },
    // Each invoice (reminder, credit note) a sequential number of a series
    // that identifies it (VAT Directive 2006/112/EC art. 226(2)): this
    // prefix and five digits. Empty: each invoice needs one typed.
    Key { name: "invoice.series", kind: Kind::Text { default: "F-", max_len: 10 } },
    Key { name: "time_zone", kind: Kind::TimeZone },
    Key { name: "language", kind: Kind::Language },
    Key { name: "controller.name", kind: Kind::Text { default: "", max_len: 200 } },
    // Who the controller is, in every document given to a person (GDPR Art. 13(1)(a), 15).
    Key { name: "controller.org_number", kind: Kind::OrgNumber },
    Key { name: "controller.address", kind: Kind::Text { default: "", max_len: 500 } },
    Key { name: "controller.email", kind: Kind::Email },
    Key { name: "controller.phone", kind: Kind::Phone },
    Key { name: "controller.website", kind: Kind::Website },
    // Empty: the authority of the shop's country (retention-law.md, supervisory authorities).
    Key { name: "authority.name", kind: Kind::Text { default: "", max_len: 200 } },
    Key { name: "authority.address", kind: Kind::Text { default: "", max_len: 500 } },
    // PRODUCT.md section 3, the default retention of each non-accounting category.
    Key { name: "retention.inactive_customer_months", kind: Kind::Months { min: 1, max: 240, default: 36 } },
    Key { name: "retention.interaction_months", kind: Kind::Months { min: 1, max: 240, default: 24 } },
    Key { name: "retention.web_event_months", kind: Kind::Months { min: 1, max: 240, default: 13 } },
    Key { name: "retention.consent_proof_months", kind: Kind::Months { min: 1, max: 240, default: 36 } },
    Key { name: "retention.event_months", kind: Kind::Months { min: 1, max: 240, default: 12 } },
    Key { name: "retention.request_months", kind: Kind::Months { min: 1, max: 240, default: 36 } },
    // Automatic backups before a sweep, an erasure, an import or a restore
    // (Art. 32(1)(c)): how many are kept (0: none), and where (empty: a folder
    // beside an SQLite register; a PostgreSQL register needs a folder set).
    Key { name: "backup.keep", kind: Kind::Months { min: 0, max: 100, default: 5 } },
    Key { name: "backup.folder", kind: Kind::Folder },
    // The SIE 4I export (export::sie): the voucher series the bookkeeping
    // program files the vouchers under, and the BAS accounts they are booked
    // to: the receivable, the sales and the output VAT of each Swedish rate
    // (mervärdesskattelagen 2023:200, 9 kap.).
    Key { name: "sie.series", kind: Kind::Text { default: "A", max_len: 10 } },
    Key { name: "sie.account.receivable", kind: Kind::Account { default: 1510 } },
    Key { name: "sie.account.sales_25", kind: Kind::Account { default: 3001 } },
    Key { name: "sie.account.sales_12", kind: Kind::Account { default: 3002 } },
    Key { name: "sie.account.sales_6", kind: Kind::Account { default: 3003 } },
    Key { name: "sie.account.sales_0", kind: Kind::Account { default: 3004 } },
    Key { name: "sie.account.vat_25", kind: Kind::Account { default: 2611 } },
    Key { name: "sie.account.vat_12", kind: Kind::Account { default: 2621 } },
    Key { name: "sie.account.vat_6", kind: Kind::Account { default: 2631 } },
];

/// A setting whose value in force does not hold ([`Settings::problems`]).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, schemars::JsonSchema)]
pub struct SettingProblem {
    pub key: String,
    pub value: String,
    pub message: crate::Message,
}

/// One change of a setting: the value set, when and by whom (migration 47;
/// the audit trail holds digests, not values).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, sqlx::FromRow, schemars::JsonSchema)]
pub struct SettingChange {
    pub key: String,
    pub value: String,
    pub set_by: String,
    pub set_at: chrono::DateTime<chrono::Utc>,
}

/// Every setting with its value in force (stored, or the default).
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Settings {
    values: BTreeMap<String, String>,
    /// Read once: every voucher's retention counts from them.
    #[serde(skip)]
    years: FinancialYears,
}

impl Settings {
    /// The settings in force given the stored rows; unknown stored keys are ignored.
    pub fn from_stored(stored: impl IntoIterator<Item = (String, String)>) -> Self {
        let stored: BTreeMap<String, String> = stored.into_iter().collect();
        let country = stored.get("country").and_then(|c| c.parse::<ShopCountry>().ok()).unwrap_or(ShopCountry::Se);
        let values = KEYS
            .iter()
            .map(|k| {
                let v = stored.get(k.name).cloned().unwrap_or_else(|| default_value(k, country));
                (k.name.to_owned(), v)
            })
            .collect();
        let mut settings = Settings { values, years: FinancialYears::regular(1) };
        settings.years = settings.read_financial_years();
        settings
    }

    pub fn get(&self, key: &str) -> Option<&str> {
        self.values.get(key).map(String::as_str)
    }

    pub fn iter(&self) -> impl Iterator<Item = (&str, &str)> {
        self.values.iter().map(|(k, v)| (k.as_str(), v.as_str()))
    }

    /// The values in force that today's checks refuse: stored before a check
    /// existed (a controller's phone "ring oss" prints on every access
    /// report), or a backup folder since removed. Saving is where a value is
    /// checked; these are said where the settings are shown, to be mended.
    pub fn problems(&self) -> Vec<SettingProblem> {
        let problem = |key: &str, checked: Result<()>| match checked {
            Err(Error::Invalid { message, .. }) => Some(SettingProblem {
                key: key.to_owned(),
                value: self.get(key).unwrap_or_default().to_owned(),
                message,
            }),
            _ => None,
        };
        let mut found: Vec<SettingProblem> =
            self.iter().filter_map(|(key, value)| problem(key, validate(key, value).map(|_| ()))).collect();
        // The financial years saved before their check (a first year whose
        // next month is not the start month), said at the first year's field.
        found.extend(problem("first_fiscal_year_end", self.years.check("first_fiscal_year_end")));
        found
    }

    pub fn country(&self) -> ShopCountry {
        self.get("country").and_then(|c| c.parse().ok()).unwrap_or(ShopCountry::Se)
    }

    pub fn language(&self) -> Language {
        self.get("language").and_then(|c| c.parse().ok()).unwrap_or(Language::Sv)
    }

    pub fn fiscal_year_start_month(&self) -> u32 {
        self.months("fiscal_year_start_month")
    }

    /// The end of a first, longer financial year, where the shop has one.
    pub fn first_fiscal_year_end(&self) -> Option<chrono::NaiveDate> {
        self.get("first_fiscal_year_end").and_then(|v| v.parse().ok())
    }

    /// The shop's financial years: the start month, a first year, the changes.
    pub fn financial_years(&self) -> &FinancialYears {
        &self.years
    }

    fn read_financial_years(&self) -> FinancialYears {
        let changed = self.get(fiscal_years::CHANGED_KEY).and_then(|v| fiscal_years::parse_changed(v).ok());
        FinancialYears::new(
            self.country(),
            self.fiscal_year_start_month(),
            self.first_fiscal_year_end(),
            changed.unwrap_or_default(),
        )
    }

    pub fn time_zone(&self) -> chrono_tz::Tz {
        self.get("time_zone").and_then(|z| z.parse().ok()).unwrap_or(chrono_tz::Europe::Stockholm)
    }

    /// The day `at` falls on, on the shop's clock: what a record's day is for
    /// people and for the retention rules (PRODUCT.md section 3).
    pub fn day_of(&self, at: chrono::DateTime<chrono::Utc>) -> chrono::NaiveDate {
        at.with_timezone(&self.time_zone()).date_naive()
    }

    /// A whole-number setting (a month of the year, a period in months, an account).
    pub fn months(&self, key: &str) -> u32 {
        self.get(key).and_then(|v| v.parse().ok()).unwrap_or_else(|| {
            match KEYS.iter().find(|k| k.name == key).map(|k| &k.kind) {
                Some(Kind::Months { default, .. } | Kind::Account { default }) => *default,
                _ => 0,
            }
        })
    }

    /// An account number setting (`sie.account.*`).
    pub fn account(&self, key: &str) -> u32 {
        self.months(key)
    }
}

impl Settings {
    /// What the documents given to people lack of the shop: who the
    /// controller is and how to reach them, which every such document owes
    /// the person (GDPR Art. 13(1)(a), 14(1)(a); the access report under
    /// Art. 15, the records of processing under Art. 30(1)(a)). The setting to
    /// fill in and why, or `None` when the shop is named and reachable. The
    /// documents are made all the same, and the window and the command line
    /// say this beside them: a register is started before its settings are
    /// complete, and a person's request is not to wait for them.
    pub fn controller_gap(&self) -> Option<(&'static str, crate::Message)> {
        let blank = |key: &str| self.get(key).unwrap_or_default().trim().is_empty();
        if blank("controller.name") {
            return Some(("controller.name", msg!("msg-controller-nameless")));
        }
        if ["controller.email", "controller.address", "controller.phone"].iter().all(|k| blank(k)) {
            return Some(("controller.email", msg!("msg-controller-unreachable")));
        }
        None
    }

    /// The supervisory authority a complaint goes to (GDPR art. 77, named in
    /// the access report under art. 15(1)(f)): the setting, or the authority
    /// of the shop's country (retention-law.md, "Supervisory authorities"),
    /// named in the document's language where its name is not a proper noun
    /// alone. Germany's is the authority of the shop's federal state (BDSG
    /// § 40), which the settings name; until they do, the documents say so
    /// and where the authorities are listed, rather than print a blank.
    pub fn authority(&self, tr: &Translator) -> (String, String) {
        let (name, address) = match self.country() {
            ShopCountry::Se => {
                ("Integritetsskyddsmyndigheten (IMY)".into(), "Box 8114, 104 20 Stockholm; imy.se".into())
            }
            ShopCountry::No => ("Datatilsynet".into(), "Postboks 458 Sentrum, 0105 Oslo; datatilsynet.no".into()),
            ShopCountry::Dk => ("Datatilsynet".into(), "Carl Jacobsens Vej 35, 2500 Valby; datatilsynet.dk".into()),
            ShopCountry::Fi => (tr.t("authority-fi-name"), "PL 800, 00531 Helsinki; tietosuoja.fi".into()),
            ShopCountry::De => (tr.t("authority-de-name"), tr.t("authority-de-address")),
        };
        let pick = |key: &str, default: String| match self.get(key) {
            Some(v) if !v.is_empty() => v.to_owned(),
            _ => default,
        };
        (pick("authority.name", name), pick("authority.address", address))
    }
}

fn default_value(key: &Key, country: ShopCountry) -> String {
    match &key.kind {
        Kind::Country => ShopCountry::Se.code().to_owned(),
        Kind::Language => Language::Sv.as_str().to_owned(),
        Kind::TimeZone => country.default_time_zone().to_owned(),
        Kind::Months { default, .. } | Kind::Account { default } => default.to_string(),
        Kind::Text { default, .. } => (*default).to_owned(),
        Kind::Email
        | Kind::Phone
        | Kind::OrgNumber
        | Kind::Website
        | Kind::MonthEnd
        | Kind::ChangedYears
        | Kind::Folder => String::new(),
    }
}

/// The names of every setting, in the order `settings show` prints them.
pub fn keys() -> impl Iterator<Item = &'static str> {
    KEYS.iter().map(|k| k.name)
}

/// Checks `value` for `key` and returns it in its canonical form.
/// The known setting `key`, or the error that names the keys there are.
fn spec(key: &str) -> Result<&'static Key> {
    KEYS.iter().find(|k| k.name == key).ok_or_else(|| {
        Error::invalid("key", msg!("msg-no-such-setting", key, settings = keys().collect::<Vec<_>>().join(", ")))
    })
}

/// Refuses a key no setting has.
pub fn check_key(key: &str) -> Result<()> {
    spec(key).map(|_| ())
}

pub fn validate(key: &str, value: &str) -> Result<String> {
    let spec = spec(key)?;
    let value = value.trim();
    match &spec.kind {
        Kind::Country => value
            .parse::<ShopCountry>()
            .map(|c| c.code().to_owned())
            .map_err(|_| Error::invalid(key, msg!("msg-not-a-shop-country", value))),
        Kind::Language => value
            .parse::<Language>()
            .map(|l| l.as_str().to_owned())
            .map_err(|_| Error::invalid(key, msg!("msg-not-a-language", value))),
        Kind::TimeZone => value
            .parse::<chrono_tz::Tz>()
            .map(|z| z.name().to_owned())
            .map_err(|_| Error::invalid(key, msg!("msg-not-a-time-zone", value))),
        Kind::Account { .. } => match value.parse::<u32>() {
            Ok(n) if (1000..=9999).contains(&n) && value.len() == 4 => Ok(n.to_string()),
            _ => Err(Error::invalid(key, msg!("msg-not-an-account", value))),
        },
        Kind::Months { min, max, .. } => match value.parse::<u32>() {
            Ok(n) if (*min..=*max).contains(&n) => Ok(n.to_string()),
            _ => Err(Error::invalid(key, msg!("msg-not-a-number-between", value, min, max))),
        },
        Kind::Text { max_len, .. } => {
            if value.chars().count() > *max_len {
                Err(Error::invalid(key, msg!("msg-too-long", max = max_len)))
            } else if value.chars().any(|c| c.is_control() && c != '\n') {
                Err(Error::invalid(key, msg!("msg-control-characters")))
            } else {
                Ok(value.to_owned())
            }
        }
        Kind::MonthEnd => {
            if value.is_empty() {
                return Ok(String::new());
            }
            let d = chrono::NaiveDate::parse_from_str(value, "%Y-%m-%d")
                .map_err(|_| Error::invalid(key, msg!("msg-not-an-iso-date", value)))?;
            if d.succ_opt().map(|n| chrono::Datelike::day(&n)) != Some(1) {
                return Err(Error::invalid(key, msg!("msg-not-a-month-end", value)));
            }
            Ok(d.to_string())
        }
        Kind::ChangedYears => {
            Ok(fiscal_years::parse_changed(value)?.iter().map(ToString::to_string).collect::<Vec<_>>().join(", "))
        }
        Kind::Email => {
            if value.is_empty() {
                Ok(String::new())
            } else {
                crate::register::validate_email(value, key)
            }
        }
        _ if value.is_empty() => Ok(String::new()),
        // Kept as the shop writes its own number; checked as any number is.
        Kind::Phone => crate::register::phone::dialled(value, key).map(|_| value.to_owned()),
        // Registries write their numbers with digits, spaces, dashes and a
        // country's letters ("556677-8899", "NO 912 345 678 MVA", "CVR 12345678").
        Kind::OrgNumber => {
            let digits = value.chars().filter(char::is_ascii_digit).count();
            let written = value.chars().all(|c| c.is_alphanumeric() || " -./".contains(c));
            match (6..=14).contains(&digits) && written && value.chars().count() <= 50 {
                true => Ok(value.to_owned()),
                false => Err(Error::invalid(key, msg!("msg-not-an-org-number", value))),
            }
        }
        Kind::Website => {
            let host = value.strip_prefix("https://").or_else(|| value.strip_prefix("http://")).unwrap_or(value);
            let host = host.split('/').next().unwrap_or_default();
            let dotted = host.contains('.') && !host.starts_with('.') && !host.ends_with('.');
            match dotted && !value.chars().any(char::is_whitespace) && value.chars().count() <= 200 {
                true => Ok(value.to_owned()),
                false => Err(Error::invalid(key, msg!("msg-not-a-website", value))),
            }
        }
        Kind::Folder => {
            let path = std::path::Path::new(value);
            if !path.is_absolute() {
                Err(Error::invalid(key, msg!("msg-not-a-full-path", value)))
            } else if !path.is_dir() {
                Err(Error::invalid(key, msg!("msg-no-such-folder", value)))
            } else {
                Ok(value.to_owned())
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_setting_has_its_label_in_every_language() {
        // The window names a setting by it (on the settings screen, and where
        // a restore says which settings it kept).
        for &language in Language::ALL {
            let t = Translator::new(language);
            for key in KEYS {
                let label = format!("setting-{}", key.name.replace('.', "-"));
                assert!(t.has(&label), "{label} in {language:?}");
            }
        }
    }

    #[test]
    fn the_documents_want_the_shop_named_and_reachable() {
        let stored = |pairs: &[(&str, &str)]| {
            Settings::from_stored(pairs.iter().map(|(k, v)| ((*k).to_owned(), (*v).to_owned())))
        };
        let gap = |s: &Settings| s.controller_gap().map(|(setting, _)| setting);
        assert_eq!(gap(&stored(&[])), Some("controller.name"));
        assert_eq!(gap(&stored(&[("controller.name", "  ")])), Some("controller.name"), "blank is unset");
        assert_eq!(gap(&stored(&[("controller.name", "Garn AB")])), Some("controller.email"));
        for contact in ["controller.email", "controller.address", "controller.phone"] {
            assert_eq!(gap(&stored(&[("controller.name", "Garn AB"), (contact, "x")])), None, "{contact}");
        }
    }

    #[test]
    fn values_stored_before_their_checks_are_found() {
        let none_dir = std::env::temp_dir().join("kundvakt-no-such-folder-for-settings-test");
        let s = Settings::from_stored(
            [
                ("controller.phone", "ring oss"),
                ("controller.email", "info@butik.se"),
                ("controller.website", "butik se"),
                ("backup.folder", none_dir.to_str().expect("a path")),
            ]
            .map(|(k, v)| (k.to_owned(), v.to_owned())),
        );
        let found: Vec<(String, String)> = s.problems().into_iter().map(|p| (p.key, p.value)).collect();
        assert_eq!(
            found,
            [
                ("backup.folder".to_owned(), none_dir.display().to_string()),
                ("controller.phone".to_owned(), "ring oss".to_owned()),
                ("controller.website".to_owned(), "butik se".to_owned()),
            ]
        );
        assert_eq!(Settings::from_stored([]).problems(), [], "the defaults hold");
        let years = Settings::from_stored(
            [("fiscal_year_start_month", "5"), ("first_fiscal_year_end", "2025-12-31")]
                .map(|(k, v)| (k.to_owned(), v.to_owned())),
        );
        let found: Vec<(String, &str)> = years.problems().into_iter().map(|p| (p.key, p.message.key)).collect();
        assert_eq!(found, [("first_fiscal_year_end".to_owned(), "msg-first-year-disagrees")]);
    }

    #[test]
    fn defaults_follow_the_country() {
        let s = Settings::from_stored([("country".to_owned(), "NO".to_owned())]);
        assert_eq!(s.country(), ShopCountry::No);
        assert_eq!(s.get("time_zone"), Some("Europe/Oslo"));
        assert_eq!(s.months("retention.web_event_months"), 13);
        assert_eq!(s.fiscal_year_start_month(), 1);
    }

    #[test]
    fn values_are_validated_and_canonical() {
        assert_eq!(validate("country", "fi").expect("FI"), "FI");
        assert_eq!(validate("fiscal_year_start_month", " 7 ").expect("7"), "7");
        assert!(validate("fiscal_year_start_month", "13").is_err());
        assert!(validate("country", "US").is_err());
        assert!(validate("time_zone", "Mars/Olympus").is_err());
        assert!(validate("no.such.key", "x").is_err());
        assert!(validate("controller.email", "not-an-email").is_err());
        for (key, good, bad) in [
            ("controller.phone", "08-123 456 78", "ring oss"),
            ("controller.phone", "+47 22 12 34 56", "12"),
            ("controller.org_number", "556677-8899", "abc"),
            ("controller.org_number", "NO 912 345 678 MVA", "12-34"),
            ("controller.org_number", "CVR 12345678", "556677-8899; 556677-8890"),
            ("controller.website", "butik.se", "x"),
            ("controller.website", "https://www.butik.se/om-oss", "butik se"),
        ] {
            assert_eq!(validate(key, &format!(" {good} ")).expect(good), good, "{key}");
            match validate(key, bad) {
                Err(Error::Invalid { place, .. }) => assert_eq!(place.0, key, "{bad}"),
                other => panic!("{key} = {bad}: {other:?}"),
            }
            assert_eq!(validate(key, "  ").expect("empty"), "", "{key} may be left empty");
        }
        assert_eq!(validate("controller.email", "info@butik.se").expect("email"), "info@butik.se");
        assert_eq!(validate("backup.keep", "0").expect("no backups"), "0");
        assert_eq!(validate("sie.account.sales_25", " 3010 ").expect("an account"), "3010");
        for bad in ["301", "30010", "0301", "+301", "konto"] {
            assert!(validate("sie.account.sales_25", bad).is_err(), "{bad}");
        }
        assert_eq!(Settings::from_stored([]).account("sie.account.vat_12"), 2621);
        assert!(validate("backup.folder", "relative/folder").is_err());
        let dir = std::env::temp_dir();
        assert_eq!(validate("backup.folder", &dir.display().to_string()).expect("a folder"), dir.display().to_string());
    }
}
