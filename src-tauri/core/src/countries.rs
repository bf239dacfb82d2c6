//! Countries: the ISO 3166-1 code of an address or a recipient, its name in the
//! documents' languages, and whether the GDPR reaches it without a transfer.
//!
//! The names are the Unicode CLDR's (through ICU4X), the data the window's own
//! `Intl.DisplayNames` gives: a country is named alike on the screen and in the
//! access report, and no list of names is kept here by hand.

use std::collections::HashMap;
use std::fmt;
use std::sync::LazyLock;

use icu_experimental::displaynames::{multi::RegionDisplayNames, DisplayNamesOptions, Style};
use icu_locale_core::subtags::Region;
use icu_locale_core::Locale;
use serde::Serialize;
use unicode_normalization::UnicodeNormalization;

use crate::error::{Error, Result};
use crate::values::Language;

/// An ISO 3166-1 alpha-2 country code of a customer's address.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub struct CountryCode(isocountry::CountryCode);

impl CountryCode {
    pub fn parse(code: &str, place: &str) -> Result<Self> {
        isocountry::CountryCode::for_alpha2_caseless(code.trim())
            .map(CountryCode)
            .map_err(|_| Error::invalid(place, crate::msg!("msg-not-a-country-code", code)))
    }

    /// A customer's country as people and their spreadsheets write it: the
    /// ISO 3166 code of two or three letters, ISO's English name, or the
    /// country's name (long or short) in Swedish, Norwegian (Bokmål and
    /// Nynorsk), Danish, Finnish, German or English: `Sverige`, `Norge`,
    /// `Tyskland`, `Storbritannien`, `Ruotsi`. Case and accents do not matter.
    pub fn read(text: &str, place: &str) -> Result<Self> {
        let t = text.trim();
        if let Ok(code) = Self::parse(t, place) {
            return Ok(code);
        }
        let found = isocountry::CountryCode::for_alpha3_caseless(t)
            .ok()
            .map(CountryCode)
            .or_else(|| BY_NAME.get(&folded(t)).copied());
        found.ok_or_else(|| Error::invalid(place, crate::msg!("msg-not-a-country-code", code = t)))
    }

    pub fn alpha2(self) -> &'static str {
        self.0.alpha2()
    }

    /// Every country ISO 3166-1 names: the choices of a country field.
    pub fn all() -> impl Iterator<Item = CountryCode> {
        isocountry::CountryCode::iter().map(|c| CountryCode(*c))
    }

    /// The country's name in `language`: "Tyskland" for DE in Swedish.
    pub fn name(self, language: Language) -> &'static str {
        NAMES.get(&(language, self)).map(String::as_str).unwrap_or(self.alpha2())
    }

    /// Whether the GDPR reaches the country without a transfer: a recipient
    /// anywhere else is a transfer to a third country (GDPR art. 44), which
    /// needs a safeguard (art. 45–46) and is named in the access report
    /// (art. 15(2)).
    pub fn in_eea(self) -> bool {
        EEA.contains(&self.alpha2())
    }
}

/// The European Economic Area: the EU's 27 (with the parts ISO gives codes of
/// their own: Åland, and France's outermost regions, TFEU art. 349 and 355),
/// and Iceland, Liechtenstein and Norway, which apply the GDPR through the EEA
/// Agreement (Joint Committee Decision 154/2018). Greenland and the Faroe
/// Islands are outside the EU and the EEA.
const EEA: &[&str] = &[
    "AT", "BE", "BG", "HR", "CY", "CZ", "DK", "EE", "FI", "FR", "DE", "GR", "HU", "IE", "IT", "LV", "LT", "LU", "MT",
    "NL", "PL", "PT", "RO", "SK", "SI", "ES", "SE", "AX", "GF", "GP", "MQ", "RE", "YT", "MF", "IS", "LI", "NO",
];

/// The languages whose names a file may give a country in, those of the
/// documents first: where two languages give one name to two countries
/// (Norwegian "Kongo" is Congo-Kinshasa), the earlier language decides.
const READ_IN: [&str; 7] = ["sv", "nb", "en", "da", "nn", "fi", "de"];

/// Names CLDR does not give that exports still write.
const ALSO_CALLED: &[(&str, &str)] =
    &[("GB", "England"), ("GB", "Great Britain"), ("NL", "Holland"), ("US", "Förenta staterna")];

/// Each country's name in each language of the documents.
static NAMES: LazyLock<HashMap<(Language, CountryCode), String>> = LazyLock::new(|| {
    let mut names = HashMap::new();
    for language in [Language::Sv, Language::Nb, Language::En] {
        for (country, name) in cldr_names(language.as_str(), None) {
            names.insert((language, country), name);
        }
    }
    names
});

/// Every name a country is read by, folded ([`folded`]).
static BY_NAME: LazyLock<HashMap<String, CountryCode>> = LazyLock::new(|| {
    let mut by_name = HashMap::new();
    let iso_english = CountryCode::all().map(|c| (c, c.0.name().to_owned()));
    let also =
        ALSO_CALLED.iter().filter_map(|(code, name)| Some((CountryCode::parse(code, "").ok()?, (*name).to_owned())));
    let cldr = READ_IN.iter().flat_map(|tag| [None, Some(Style::Short)].map(|style| cldr_names(tag, style))).flatten();
    for (country, name) in cldr.chain(iso_english).chain(also) {
        by_name.entry(folded(&name)).or_insert(country);
    }
    by_name
});

/// CLDR's name of every country in the language `tag`, in `style` (the short
/// names, "UK" and "USA", where CLDR has them, else the usual ones).
fn cldr_names(tag: &str, style: Option<Style>) -> Vec<(CountryCode, String)> {
    let mut options = DisplayNamesOptions::default();
    options.style = style;
    let Some(names) = tag.parse::<Locale>().ok().and_then(|l| RegionDisplayNames::try_new(l.into(), options).ok())
    else {
        return vec![];
    };
    CountryCode::all()
        .filter_map(|c| {
            let region: Region = c.alpha2().parse().ok()?;
            Some((c, names.of(region)?.to_owned()))
        })
        .collect()
}

/// A name as it is compared: lower case, without accents, one kind of apostrophe.
fn folded(name: &str) -> String {
    name.trim()
        .nfd()
        .filter(|c| !unicode_normalization::char::is_combining_mark(*c))
        .map(|c| if c == '’' { '\'' } else { c })
        .collect::<String>()
        .to_lowercase()
}

impl fmt::Display for CountryCode {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.alpha2())
    }
}

impl Serialize for CountryCode {
    fn serialize<S: serde::Serializer>(&self, s: S) -> std::result::Result<S::Ok, S::Error> {
        s.serialize_str(self.alpha2())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn read(text: &str) -> Option<&'static str> {
        CountryCode::read(text, "country").ok().map(CountryCode::alpha2)
    }

    #[test]
    fn codes_are_checked() {
        assert_eq!(CountryCode::parse("no", "country").expect("NO").alpha2(), "NO");
        assert!(CountryCode::parse("QQ", "country").is_err());
        // A processor's country is a code; a customer's is read as people write it.
        assert!(CountryCode::parse("Sverige", "country").is_err());
        let e = CountryCode::read("Atlantis", "country").expect_err("no such country");
        assert!(e.to_string().starts_with("country: `Atlantis`"), "{e}");
        assert!(CountryCode::all().count() > 240);
    }

    #[test]
    fn a_country_is_read_by_its_name_in_the_languages_of_nordic_files() {
        for (text, code) in [
            ("Sverige", "SE"),
            (" norge ", "NO"),
            ("Noreg", "NO"),
            ("SWE", "SE"),
            ("Denmark", "DK"),
            ("Suomi", "FI"),
            ("Ruotsi", "SE"),
            ("Tyskland", "DE"),
            ("Deutschland", "DE"),
            ("Storbritannien", "GB"),
            ("Storbritannia", "GB"),
            ("UK", "GB"),
            ("England", "GB"),
            ("United Kingdom of Great Britain and Northern Ireland", "GB"),
            ("USA", "US"),
            ("United States", "US"),
            ("Förenta staterna", "US"),
            ("fi", "FI"),
            ("Island", "IS"),
            ("Åland", "AX"),
            ("Aland", "AX"),
            ("Færøyene", "FO"),
            ("Färöarna", "FO"),
            ("Grönland", "GL"),
            ("Nederländerna", "NL"),
            ("Holland", "NL"),
            ("Österrike", "AT"),
            ("Østerrike", "AT"),
            ("Schweiz", "CH"),
            ("Sveits", "CH"),
            ("Elfenbenskusten", "CI"),
            ("Cote d'Ivoire", "CI"),
            ("Côte d’Ivoire", "CI"),
            ("Kongo-Kinshasa", "CD"),
            ("Kongo-Brazzaville", "CG"),
            ("Tjeckien", "CZ"),
            ("Tsjekkia", "CZ"),
            ("Nordmakedonien", "MK"),
        ] {
            assert_eq!(read(text), Some(code), "{text}");
        }
    }

    #[test]
    fn every_country_has_a_name_in_every_language_of_the_documents() {
        for language in [Language::Sv, Language::Nb, Language::En] {
            for c in CountryCode::all() {
                let name = c.name(language);
                assert_ne!(name, c.alpha2(), "{c} in {language:?}");
                // A name read back gives its country: the window's choice and a file's agree.
                assert_eq!(read(name), Some(c.alpha2()), "{name} ({language:?})");
            }
        }
        let de = CountryCode::parse("DE", "c").expect("DE");
        assert_eq!(
            (de.name(Language::Sv), de.name(Language::Nb), de.name(Language::En)),
            ("Tyskland", "Tyskland", "Germany")
        );
        let gb = CountryCode::parse("GB", "c").expect("GB");
        assert_eq!((gb.name(Language::Sv), gb.name(Language::Nb)), ("Storbritannien", "Storbritannia"));
    }

    #[test]
    fn the_eea_is_the_eu_and_three() {
        // The EU's 27 and three, with the EU's parts ISO codes apart.
        let eea: Vec<&str> = CountryCode::all().filter(|c| c.in_eea()).map(CountryCode::alpha2).collect();
        assert_eq!(eea.len(), 27 + 3 + 7, "{eea:?}");
        for (code, inside) in
            [("SE", true), ("NO", true), ("AX", true), ("US", false), ("GB", false), ("CH", false), ("GL", false)]
        {
            assert_eq!(CountryCode::parse(code, "c").expect(code).in_eea(), inside, "{code}");
        }
    }
}
