//! Translations: one Fluent source per language (`locales/*.ftl`), shared by the
//! documents here and by the app's screens, plus the date and money formats
//! each language expects.

use chrono::{Datelike, NaiveDate};
use fluent_bundle::concurrent::FluentBundle;
use fluent_bundle::{FluentArgs, FluentResource, FluentValue};

use crate::values::{CountryCode, Language, Money};

pub const SOURCES: [(Language, &str); 3] = [
    (Language::En, include_str!("../locales/en.ftl")),
    (Language::Sv, include_str!("../locales/sv.ftl")),
    (Language::Nb, include_str!("../locales/nb.ftl")),
];

/// The strings of one language.
pub struct Translator {
    language: Language,
    bundle: FluentBundle<FluentResource>,
}

impl std::fmt::Debug for Translator {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("Translator").field("language", &self.language).finish()
    }
}

fn source(language: Language) -> &'static str {
    SOURCES.iter().find(|(l, _)| *l == language).map(|(_, s)| *s).unwrap_or(SOURCES[0].1)
}

impl Translator {
    /// English, made once for the process: what the command line prints and
    /// the logs keep (making a translator parses every translation).
    pub fn english() -> &'static Translator {
        static ENGLISH: std::sync::OnceLock<Translator> = std::sync::OnceLock::new();
        ENGLISH.get_or_init(|| Translator::new(Language::En))
    }

    pub fn new(language: Language) -> Translator {
        let tag: unic_langid::LanguageIdentifier = language.as_str().parse().unwrap_or_default();
        let mut bundle = FluentBundle::new_concurrent(vec![tag]);
        // Documents are plain text: no Unicode bidi isolation marks around arguments.
        bundle.set_use_isolating(false);
        let resource = FluentResource::try_new(source(language).to_owned()).unwrap_or_else(|(partial, _)| partial);
        let _ = bundle.add_resource(resource);
        Translator { language, bundle }
    }

    pub fn language(&self) -> Language {
        self.language
    }

    /// The message `key`; `[key]` where it is missing, so that a gap shows (and tests catch it).
    pub fn t(&self, key: &str) -> String {
        self.t_args(key, &[])
    }

    /// Whether the language has the message `key`.
    pub fn has(&self, key: &str) -> bool {
        self.bundle.has_message(key)
    }

    /// A value kept as the shop entered it, in this language where it is a
    /// code the language names (`prefix` and the value: a consent's purpose
    /// `newsletter` as "nyhetsbrev"), and as entered otherwise.
    pub fn named(&self, prefix: &str, value: &str) -> String {
        let key = format!("{prefix}{value}");
        if self.has(&key) {
            self.t(&key)
        } else {
            value.to_owned()
        }
    }

    /// An action of a web site's log, as the person reads it: the common
    /// ones ("login", "add-to-cart", "Page view") in this language, any
    /// other as the site logged it.
    pub fn web_action(&self, action: &str) -> String {
        let code: String =
            action.trim().to_lowercase().chars().map(|c| if matches!(c, '-' | ' ' | '.') { '_' } else { c }).collect();
        let key = format!("web-action-{code}");
        if self.has(&key) {
            self.t(&key)
        } else {
            action.to_owned()
        }
    }

    /// A text Kundvakt proposed to the shop (the catalogue's and the
    /// assessments' first wording, a `default-` message, written in the
    /// register's language when it was made) in this language, as long as
    /// the shop has left it as proposed; the shop's own text as it is. So a
    /// Norwegian customer's report does not quote a Swedish shop's defaults
    /// in English.
    pub fn defaulted(&self, text: &str) -> String {
        let text = text.trim();
        let proposed = worded(text).find(|(key, exact)| key.starts_with("default-") && *exact == text);
        match proposed {
            Some((key, _)) => self.t(key),
            None => text.to_owned(),
        }
    }

    pub fn t_args(&self, key: &str, args: &[(&str, String)]) -> String {
        self.format(key, args.iter().map(|(name, value)| (*name, FluentValue::from(value.clone()))))
    }

    /// [`Translator::t_args`] with a number `count` that the message's
    /// variants choose by (`[one] one month *[other] { $months } months`):
    /// given as text, it would always take the default.
    pub fn t_counted(&self, key: &str, count: (&str, i64), args: &[(&str, String)]) -> String {
        let args = args.iter().map(|(name, value)| (*name, FluentValue::from(value.clone())));
        self.format(key, std::iter::once((count.0, FluentValue::from(count.1))).chain(args))
    }

    fn format<'a>(&self, key: &str, args: impl Iterator<Item = (&'a str, FluentValue<'a>)>) -> String {
        let Some(pattern) = self.bundle.get_message(key).and_then(|m| m.value()) else {
            return format!("[{key}]");
        };
        let mut fluent_args = FluentArgs::new();
        for (name, value) in args {
            fluent_args.set(name, value);
        }
        let mut errors = vec![];
        self.bundle.format_pattern(pattern, Some(&fluent_args), &mut errors).into_owned()
    }

    /// Dates as each language writes them: 2025-03-05, 05.03.2025, 5 March 2025.
    pub fn date(&self, d: NaiveDate) -> String {
        match self.language {
            Language::Sv => d.format("%Y-%m-%d").to_string(),
            Language::Nb => d.format("%d.%m.%Y").to_string(),
            Language::En => format!("{} {} {}", d.day(), d.format("%B"), d.year()),
        }
    }

    /// A country named in this language ("Tyskland" for DE in Swedish); a
    /// text that is no country's code is shown as it is.
    pub fn country(&self, code: &str) -> String {
        match CountryCode::parse(code, "") {
            Ok(country) => country.name(self.language).to_owned(),
            Err(_) => code.to_owned(),
        }
    }

    /// Money with the language's separators and the ISO code: "1 234,50 SEK", "SEK 1,234.50".
    pub fn money(&self, m: &Money) -> String {
        let plain = m.to_decimal_string();
        let (sign, digits) = plain.strip_prefix('-').map(|d| ("-", d)).unwrap_or(("", plain.as_str()));
        let (whole, frac) = digits.split_once('.').unwrap_or((digits, ""));
        let (group, decimal) = match self.language {
            Language::En => (",", "."),
            Language::Sv | Language::Nb => ("\u{a0}", ","),
        };
        let mut grouped = String::new();
        for (i, c) in whole.chars().enumerate() {
            if i > 0 && (whole.len() - i) % 3 == 0 {
                grouped.push_str(group);
            }
            grouped.push(c);
        }
        let number =
            if frac.is_empty() { format!("{sign}{grouped}") } else { format!("{sign}{grouped}{decimal}{frac}") };
        match self.language {
            Language::En => format!("{} {number}", m.currency),
            Language::Sv | Language::Nb => format!("{number}\u{a0}{}", m.currency),
        }
    }
}

/// The code that `name` is any language's name for, by the messages that
/// name codes under `prefix` (`consent-purpose-newsletter` is "nyhetsbrev" in
/// Swedish: `code_named("consent-purpose-", "Nyhetsbrev")` is `newsletter`),
/// whatever its case.
pub fn code_named(prefix: &str, name: &str) -> Option<String> {
    worded(name.trim()).find_map(|(key, _)| key.strip_prefix(prefix).map(str::to_owned))
}

/// The messages of every language worded as `text` is, whatever its case:
/// each one's key and exact wording.
fn worded(text: &str) -> impl Iterator<Item = (&'static str, &'static str)> {
    type Wordings = std::collections::HashMap<String, Vec<(String, String)>>;
    static WORDINGS: std::sync::OnceLock<Wordings> = std::sync::OnceLock::new();
    let all = WORDINGS.get_or_init(|| {
        let mut all = Wordings::new();
        for (language, _) in SOURCES {
            let tr = Translator::new(language);
            for key in message_ids(language) {
                let wording = tr.t(&key);
                all.entry(wording.to_lowercase()).or_default().push((key, wording));
            }
        }
        all
    });
    all.get(&text.to_lowercase()).into_iter().flatten().map(|(k, w)| (k.as_str(), w.as_str()))
}

/// The message ids of one language's source, for the completeness test.
pub fn message_ids(language: Language) -> Vec<String> {
    let resource = FluentResource::try_new(source(language).to_owned()).unwrap_or_else(|(partial, _)| partial);
    let mut ids: Vec<String> = resource
        .entries()
        .filter_map(|e| match e {
            fluent_syntax::ast::Entry::Message(m) => Some(m.id.name.to_owned()),
            _ => None,
        })
        .collect();
    ids.sort();
    ids
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::values::Currency;

    #[test]
    fn every_language_has_every_key_and_parses() {
        for (language, text) in SOURCES {
            assert!(FluentResource::try_new(text.to_owned()).is_ok(), "{language:?} has syntax errors");
        }
        let english = message_ids(Language::En);
        assert!(english.len() > 150);
        for language in [Language::Sv, Language::Nb] {
            assert_eq!(message_ids(language), english, "{language:?} has the same keys as English");
        }
    }

    #[test]
    fn arguments_and_formats() {
        let sv = Translator::new(Language::Sv);
        assert_eq!(sv.t_args("doc-page", &[("page", "1".into()), ("pages", "3".into())]), "Sida 1 / 3");
        assert_eq!(Translator::new(Language::Nb).t("cat-consents"), "Samtykker");
        assert_eq!(sv.t("no-such-key"), "[no-such-key]");
        let d = NaiveDate::from_ymd_opt(2025, 3, 5).expect("date");
        assert_eq!(sv.date(d), "2025-03-05");
        assert_eq!(Translator::new(Language::Nb).date(d), "05.03.2025");
        assert_eq!(Translator::new(Language::En).date(d), "5 March 2025");
        let m = Money::new(-123_456_750, Currency::parse("SEK").expect("SEK"));
        assert_eq!(sv.money(&m), "-1\u{a0}234\u{a0}567,50\u{a0}SEK");
        assert_eq!(Translator::new(Language::En).money(&m), "SEK -1,234,567.50");
    }

    #[test]
    fn a_proposed_text_left_as_proposed_follows_the_reader() {
        let (en, sv, nb) =
            (Translator::new(Language::En), Translator::new(Language::Sv), Translator::new(Language::Nb));
        assert_eq!(sv.defaulted("Web platform supplier"), "Leverantör av webbutiksplattformen");
        assert_eq!(en.defaulted(&nb.t("default-safeguards-us")), en.t("default-safeguards-us"));
        assert_eq!(nb.defaulted(" Web platform supplier "), nb.t("default-processor-platform"));
        // Changed by the shop, by a word or a letter: the shop's own, as written.
        assert_eq!(sv.defaulted("Web platform supplier (Shopify)"), "Web platform supplier (Shopify)");
        assert_eq!(sv.defaulted("Klarna Bank AB"), "Klarna Bank AB");
        assert_eq!(sv.defaulted("web platform supplier"), "web platform supplier", "the shop's own, by a letter");
    }

    #[test]
    fn a_web_log_s_common_actions_are_worded_for_the_reader() {
        let (en, sv, nb) =
            (Translator::new(Language::En), Translator::new(Language::Sv), Translator::new(Language::Nb));
        assert_eq!(sv.web_action("login"), "Loggade in");
        assert_eq!(en.web_action("Add-to-cart"), "Put something in the cart", "any case, hyphens for underscores");
        assert_eq!(nb.web_action(" page view "), "Så på en side");
        // One the site named its own way stays as it logged it.
        assert_eq!(sv.web_action("wishlist.add"), "wishlist.add");
    }

    #[test]
    fn a_code_is_found_by_any_language_s_name_for_it() {
        assert_eq!(code_named("consent-purpose-", "Nyhetsbrev").as_deref(), Some("newsletter"));
        assert_eq!(code_named("consent-purpose-", " Text Messages (SMS) ").as_deref(), Some("sms"));
        assert_eq!(code_named("consent-purpose-", "SMS-utsendelser").as_deref(), Some("sms"));
        assert_eq!(code_named("consent-purpose-", "kurser"), None);
        assert_eq!(code_named("channel-", "nyhetsbrev"), None, "another prefix's names only");
    }
}
