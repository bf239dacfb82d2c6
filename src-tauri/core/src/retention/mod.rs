//! How long each record may be kept, and under which rule.
//!
//! Accounting records (orders, invoices) follow the bookkeeping law of the
//! shop's country and its financial year ([`rules`], a table per country as
//! retention-law.md asks); the other categories follow the shop's settings
//! (PRODUCT.md section 3). `retain_until` is inclusive: a record may be deleted
//! from the next day.

pub mod due;
mod due_list;
pub mod erasure;
pub mod held_back;
pub mod holds;
pub mod note_erasure;
pub(crate) mod part_erasure;
pub mod record_erasure;
pub mod rules;
pub mod sweep;

use chrono::{DateTime, NaiveDate, Utc};
use serde::Serialize;

use std::collections::BTreeMap;

use crate::calendar::add_months;
use crate::i18n::Translator;
use crate::settings::Settings;

/// A record's retention: until when (if a date follows yet) and why.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, schemars::JsonSchema)]
pub struct Retention {
    /// The last day the record is kept; `None` while it is kept for an open-ended reason.
    pub retain_until: Option<NaiveDate>,
    /// A stable short name of the rule, such as `SE BFL 7:2` or `setting retention.web_event_months`.
    pub rule: String,
    /// Why there is no date yet, when there is none.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub open_reason: Option<OpenReason>,
    /// In a document, where `retain_until` had passed on the day it was
    /// made: whether the record waits to be deleted, or what keeps it.
    /// Left out otherwise (and everywhere but in documents).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub kept_past: Option<KeptPast>,
}

impl Retention {
    /// The retention as a document made on `today` tells it: where its last
    /// day has passed, marked with what keeps the record (`why`, asked only then).
    pub fn on(mut self, today: NaiveDate, why: impl FnOnce() -> KeptPast) -> Retention {
        if self.retain_until.is_some_and(|last| last < today) {
            self.kept_past = Some(why());
        }
        self
    }
}

/// Why a record is still held after its last day. A person told "kept until"
/// a day gone by would read that the shop keeps their data without end;
/// an access report says which it is (Art. 15(1)(d), 5(1)(e)).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, schemars::JsonSchema)]
#[serde(rename_all = "snake_case")]
pub enum KeptPast {
    /// Nothing keeps it: the next sweep deletes it.
    Due,
    /// A legal hold in force (Art. 17(3)(e)).
    LegalHold,
    /// Its customer's restriction (Art. 18(2)).
    Restriction,
    /// A request of its customer's for a copy or a restriction, not yet
    /// answered (`RequestKind::keeps_records`); in a report that answers
    /// one, another than that.
    Request,
}

impl From<due::Keeper> for KeptPast {
    fn from(keeper: due::Keeper) -> KeptPast {
        match keeper {
            due::Keeper::LegalHold => KeptPast::LegalHold,
            due::Keeper::Restriction => KeptPast::Restriction,
            due::Keeper::Request => KeptPast::Request,
        }
    }
}

impl KeptPast {
    /// What keeps the record, where something does ([`From<due::Keeper>`]'s inverse).
    pub fn keeper(self) -> Option<due::Keeper> {
        match self {
            KeptPast::Due => None,
            KeptPast::LegalHold => Some(due::Keeper::LegalHold),
            KeptPast::Restriction => Some(due::Keeper::Restriction),
            KeptPast::Request => Some(due::Keeper::Request),
        }
    }

    /// The key of its words beside the date (`{ $date }, to be deleted`).
    pub fn text_key(self) -> &'static str {
        match self {
            KeptPast::Due => "kept-past-due",
            KeptPast::LegalHold => "kept-past-legal_hold",
            KeptPast::Restriction => "kept-past-restriction",
            KeptPast::Request => "kept-past-request",
        }
    }
}

/// Why a record is kept with no end date yet.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, schemars::JsonSchema)]
#[serde(rename_all = "snake_case")]
pub enum OpenReason {
    /// The consent still stands.
    ConsentStands,
    /// The matter is not closed.
    MatterOpen,
    /// The request is not closed.
    RequestOpen,
}

/// What a person reads for a rule code: the statute of a bookkeeping law as
/// the documents cite it ("Bokföringslagen (1999:1078) 7 kap. 2 §" for `SE
/// BFL 7:2`), or the shop's own setting by its name in the settings ("Setting:
/// Notes after the matter closed" for `setting retention.interaction_months`);
/// any other code as it is. The code stays what the JSON and the command
/// line give: it is the stable name; this is for screens and documents.
pub fn rule_text(code: &str, tr: &Translator) -> String {
    if let Some(rule) = rules::ACCOUNTING_RULES.iter().chain(&rules::CORRESPONDENCE_RULES).find(|r| r.code == code) {
        return rule.source.to_owned();
    }
    match code.strip_prefix("setting ") {
        Some(key) => tr.t_args("rule-setting", &[("setting", tr.t(&format!("setting-{}", key.replace('.', "-"))))]),
        None => code.to_owned(),
    }
}

/// The setting a rule's code names (`retention.interaction_months` of
/// `setting retention.interaction_months`), where the rule is the shop's own.
pub fn rule_setting(code: &str) -> Option<&str> {
    code.strip_prefix("setting ")
}

/// [`rule_text`], and for a setting's rule its period, `months`: "Setting:
/// Notes after the matter closed (24 months)". A statute's text names its own.
pub fn rule_text_with_period(code: &str, tr: &Translator, months: Option<u32>) -> String {
    let text = rule_text(code, tr);
    match months.filter(|_| rule_setting(code).is_some()) {
        Some(months) => tr.t_counted("rule-period", ("months", months.into()), &[("rule", text)]),
        None => text,
    }
}

/// [`rule_text_with_period`] of every rule a record's retention can follow,
/// by code, with the periods `settings` set.
pub fn rule_texts(tr: &Translator, settings: &Settings) -> BTreeMap<String, String> {
    let accounting = rules::ACCOUNTING_RULES.iter().chain(&rules::CORRESPONDENCE_RULES).map(|r| r.code.to_owned());
    let settings_rules = crate::settings::retention_keys().map(|k| format!("setting {k}"));
    accounting
        .chain(settings_rules)
        .map(|code| {
            let months = rule_setting(&code).map(|key| settings.months(key));
            let text = rule_text_with_period(&code, tr, months);
            (code, text)
        })
        .collect()
}

fn months_after(settings: &Settings, key: &str, from: NaiveDate) -> Retention {
    Retention {
        retain_until: Some(add_months(from, settings.months(key))),
        rule: format!("setting {key}"),
        open_reason: None,
        kept_past: None,
    }
}

fn open(key: &str, reason: OpenReason) -> Retention {
    Retention { retain_until: None, rule: format!("setting {key}"), open_reason: Some(reason), kept_past: None }
}

/// Orders, invoices and payments: vouchers under the bookkeeping law.
pub fn accounting_record(settings: &Settings, record_date: NaiveDate) -> Retention {
    let rule = rules::accounting_rule(settings.country());
    Retention {
        retain_until: Some(rule.retain_until_in(record_date, settings.financial_years())),
        rule: rule.code.to_owned(),
        open_reason: None,
        kept_past: None,
    }
}

/// The last day an order dated `order_date` is kept under the bookkeeping law,
/// with invoices issued on `invoiced`: the latest of their ends, since deleting
/// the order would take its invoices with it.
pub fn order_kept_until(
    settings: &Settings,
    order_date: NaiveDate,
    invoiced: impl IntoIterator<Item = NaiveDate>,
) -> NaiveDate {
    invoiced
        .into_iter()
        .chain([order_date])
        .map(|d| accounting_record(settings, d).retain_until.unwrap_or(d))
        .max()
        .unwrap_or(order_date)
}

/// An order's retention under the bookkeeping law: [`order_kept_until`],
/// the latest end of the order and of its invoices (an order invoiced, or
/// reminded or credited, in the next financial year is kept a year longer).
pub fn order(settings: &Settings, order_date: NaiveDate, invoiced: impl IntoIterator<Item = NaiveDate>) -> Retention {
    Retention {
        retain_until: Some(order_kept_until(settings, order_date, invoiced)),
        rule: rules::accounting_rule(settings.country()).code.to_owned(),
        open_reason: None,
        kept_past: None,
    }
}

/// Identity and contact data: while the relationship lasts; an inactive
/// account for the set period after the last activity.
pub fn customer(settings: &Settings, last_activity: DateTime<Utc>) -> Retention {
    let day = settings.day_of(last_activity);
    months_after(settings, "retention.inactive_customer_months", day)
}

/// Notes of calls, meetings and e-mail: the set period after the matter
/// closed. A note marked as documenting a business event (`bookkeeping`) is
/// also accounting material: kept as long as the country's law keeps such
/// correspondence ([`rules::correspondence_rule`]), counted from the day its
/// matter closed (its last letter: the correspondence is kept whole), where
/// that is the later end.
pub fn interaction(settings: &Settings, closed_on: Option<NaiveDate>, bookkeeping: bool) -> Retention {
    match closed_on {
        Some(d) if bookkeeping => {
            let own = months_after(settings, "retention.interaction_months", d);
            let law = correspondence(settings, d);
            if law.retain_until >= own.retain_until {
                law
            } else {
                own
            }
        }
        Some(d) => months_after(settings, "retention.interaction_months", d),
        None => open("retention.interaction_months", OpenReason::MatterOpen),
    }
}

/// Correspondence that documents a business event, dated `d`, under the
/// bookkeeping law of the shop's country.
pub fn correspondence(settings: &Settings, d: NaiveDate) -> Retention {
    let rule = rules::correspondence_rule(settings.country());
    Retention {
        retain_until: Some(rule.retain_until_in(d, settings.financial_years())),
        rule: rule.code.to_owned(),
        open_reason: None,
        kept_past: None,
    }
}

pub fn web_event(settings: &Settings, occurred: DateTime<Utc>) -> Retention {
    months_after(settings, "retention.web_event_months", settings.day_of(occurred))
}

/// As long as the consent stands, and the proof of it for the set period after withdrawal.
pub fn consent(settings: &Settings, withdrawn: Option<DateTime<Utc>>) -> Retention {
    match withdrawn {
        Some(w) => months_after(settings, "retention.consent_proof_months", settings.day_of(w)),
        None => open("retention.consent_proof_months", OpenReason::ConsentStands),
    }
}

pub fn event_registration(settings: &Settings, event_date: NaiveDate) -> Retention {
    months_after(settings, "retention.event_months", event_date)
}

pub fn request(settings: &Settings, closed_on: Option<NaiveDate>) -> Retention {
    match closed_on {
        Some(d) => months_after(settings, "retention.request_months", d),
        None => open("retention.request_months", OpenReason::RequestOpen),
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::values::Language;

    #[test]
    fn a_rule_reads_as_its_statute_or_the_setting_it_is() {
        let sv = Translator::new(Language::Sv);
        assert_eq!(rule_text("SE BFL 7:2", &sv), "Bokföringslagen (1999:1078) 7 kap. 2 §");
        assert_eq!(
            rule_text("setting retention.interaction_months", &sv),
            "Inställning: Anteckningar efter avslutat ärende"
        );
        assert_eq!(rule_text("legal hold", &sv), "legal hold", "an unknown code as it is");
        let defaults = Settings::from_stored(vec![]);
        for language in [Language::En, Language::Sv, Language::Nb] {
            let texts = rule_texts(&Translator::new(language), &defaults);
            assert_eq!(
                texts.len(),
                5 + 2 + 6,
                "five laws' vouchers, two laws' own correspondence, six settings: {texts:?}"
            );
            assert!(texts.values().all(|t| !t.contains('[') && !t.contains("retention.")), "{texts:?}");
        }
        // A setting's rule with the period it sets; a statute's as it is.
        let set = Settings::from_stored(vec![("retention.interaction_months".to_owned(), "1".to_owned())]);
        let texts = rule_texts(&sv, &set);
        assert_eq!(
            texts["setting retention.interaction_months"],
            "Inställning: Anteckningar efter avslutat ärende (en månad)"
        );
        assert_eq!(texts["setting retention.web_event_months"], "Inställning: Aktivitet på webbplatsen (13 månader)");
        assert_eq!(texts["SE BFL 7:2"], "Bokföringslagen (1999:1078) 7 kap. 2 §");
        // Every rule that a record's retention follows has its text.
        let settings = Settings::from_stored(vec![]);
        let day = NaiveDate::from_ymd_opt(2025, 3, 1).expect("date");
        let texts = rule_texts(&Translator::new(Language::En), &settings);
        for r in [
            accounting_record(&settings, day),
            interaction(&settings, Some(day), false),
            interaction(&settings, Some(day), true),
            request(&settings, None),
        ] {
            assert!(texts.contains_key(&r.rule), "{}", r.rule);
        }
    }

    #[test]
    fn a_note_that_documents_a_business_event_is_kept_as_the_law_keeps_correspondence() {
        let day = NaiveDate::from_ymd_opt(2024, 3, 15).expect("date");
        let d = |s: &str| s.parse::<NaiveDate>().expect("date");
        let shop = |country: &str, months: &str| {
            Settings::from_stored(vec![
                ("country".to_owned(), country.to_owned()),
                ("retention.interaction_months".to_owned(), months.to_owned()),
            ])
        };
        // An ordinary note: the shop's 24 months from the day its matter closed.
        let ordinary = interaction(&shop("NO", "24"), Some(day), false);
        assert_eq!(
            (ordinary.retain_until, ordinary.rule.as_str()),
            (Some(d("2026-03-15")), "setting retention.interaction_months")
        );
        // Documenting a business event: Norway's secondary documentation, 3 years 6 months after the year's end.
        let kept = interaction(&shop("NO", "24"), Some(day), true);
        assert_eq!((kept.retain_until, kept.rule.as_str()), (Some(d("2028-06-30")), "NO BFL 13 secondary"));
        // The shop's own period where that is the longer.
        let longer = interaction(&shop("NO", "60"), Some(day), true);
        assert_eq!(
            (longer.retain_until, longer.rule.as_str()),
            (Some(d("2029-03-15")), "setting retention.interaction_months")
        );
        // Sweden keeps it with the vouchers; an open matter has no end yet.
        assert_eq!(interaction(&shop("SE", "24"), Some(day), true).retain_until, Some(d("2031-12-31")));
        assert_eq!(interaction(&shop("SE", "24"), None, true).open_reason, Some(OpenReason::MatterOpen));
    }
}
