//! Customer search: prefix matching over folded words.
//!
//! A customer is indexed as the words of their name, e-mail and customer number
//! and the digits of their phone number, each *folded*: lower case, accents
//! removed, and the Nordic letters that are not accented Latin letters spelt out
//! (ø → o, æ → ae), so "asa oberg" finds "Åsa Öberg" and "oyvind" finds "Øyvind".
//! The tokens live in their own indexed table (store::search), each beside its
//! customer's [`name_key`], and a query matches a customer when every query
//! word is a prefix of one of their tokens. How a query is answered in name
//! order without sorting every match is [`super::finder`]'s job.

use unicode_normalization::char::is_combining_mark;
use unicode_normalization::UnicodeNormalization;

/// At most this many words of a query are used.
pub const MAX_QUERY_WORDS: usize = 6;

/// Lower case, accents stripped, Nordic and German letters spelt in ASCII.
pub fn fold(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    for c in text.nfkd() {
        if is_combining_mark(c) {
            continue;
        }
        match c {
            'ø' | 'Ø' => out.push('o'),
            'æ' | 'Æ' => out.push_str("ae"),
            'œ' | 'Œ' => out.push_str("oe"),
            'ß' => out.push_str("ss"),
            'đ' | 'Đ' | 'ð' | 'Ð' => out.push('d'),
            'ł' | 'Ł' => out.push('l'),
            'þ' | 'Þ' => out.push_str("th"),
            c => out.extend(c.to_lowercase()),
        }
    }
    out
}

/// The key customers are listed and found in order by: the folded name (an
/// erased customer, who has none, has the empty key).
pub fn name_key(name: Option<&str>) -> String {
    name.map(fold).unwrap_or_default()
}

/// The folded words of `text`: runs of letters and digits.
pub fn words(text: &str) -> impl Iterator<Item = String> + '_ {
    let folded = fold(text);
    folded
        .split(|c: char| !c.is_alphanumeric())
        .filter(|w| !w.is_empty())
        .map(str::to_owned)
        .collect::<Vec<_>>()
        .into_iter()
}

/// The phone number's digits as searched: the international digits, and the
/// national form as the number's own country writes it ("46701234567" and
/// "0701234567"; Norway's "4791234567" and "91234567", as Norway has no trunk
/// prefix), the country code and trunk prefix from libphonenumber's plans.
pub fn phone_tokens(e164: &str) -> Vec<String> {
    let digits: String = e164.chars().filter(char::is_ascii_digit).collect();
    if digits.is_empty() {
        return vec![];
    }
    let national = e164.strip_prefix('+').and_then(|_| super::phone::national_digits(&digits));
    let mut tokens = vec![digits];
    tokens.extend(national.filter(|n| *n != tokens[0]));
    tokens
}

/// The tokens a customer number is found by: its words ("k000042"), and its
/// digits alone ("000042"). A web shop number of the customer's is found the same way.
pub fn number_tokens(number: &str) -> Vec<String> {
    let mut tokens: Vec<String> = words(number).collect();
    let digits: String = number.chars().filter(char::is_ascii_digit).collect();
    if !digits.is_empty() && !tokens.contains(&digits) {
        tokens.push(digits);
    }
    tokens
}

/// Every token a customer is found by (besides their web shop numbers').
pub fn customer_tokens(number: &str, name: Option<&str>, email: Option<&str>, phone: Option<&str>) -> Vec<String> {
    let mut tokens = number_tokens(number);
    tokens.extend(name.into_iter().flat_map(words));
    // The address's words ("asa", "oberg", "example", "se"), not the whole
    // address: a token that is one customer's alone would make every prefix of
    // a common first name look like a prefix of thousands of different words.
    tokens.extend(email.into_iter().flat_map(words));
    tokens.extend(phone.map(phone_tokens).unwrap_or_default());
    tokens.sort();
    tokens.dedup();
    tokens
}

/// The words of a search query. A query that looks like a phone number
/// ("070-123 45 67", "+46 70 123") is one run of digits.
pub fn query_words(query: &str) -> Vec<String> {
    let trimmed = query.trim();
    let phone_like = trimmed.chars().filter(char::is_ascii_digit).count() >= 3
        && trimmed.chars().all(|c| c.is_ascii_digit() || " +-().".contains(c));
    if phone_like {
        let mut digits: String = trimmed.chars().filter(char::is_ascii_digit).collect();
        if let Some(rest) = trimmed.strip_prefix("00") {
            digits = rest.chars().filter(char::is_ascii_digit).collect();
        }
        return vec![digits];
    }
    let mut ws: Vec<String> = words(trimmed).collect();
    ws.dedup();
    ws.truncate(MAX_QUERY_WORDS);
    ws
}

/// The exclusive upper bound of the strings that start with `prefix`.
pub fn prefix_end(prefix: &str) -> String {
    format!("{prefix}{}", char::MAX)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn folding_reaches_ascii() {
        assert_eq!(fold("Åsa Öberg"), "asa oberg");
        assert_eq!(fold("Øyvind Ærø"), "oyvind aero");
        assert_eq!(fold("Märta Strauß"), "marta strauss");
        assert_eq!(fold("ÉLODIE"), "elodie");
    }

    #[test]
    fn customers_are_found_by_every_field() {
        let t = customer_tokens("K000042", Some("Åsa Öberg"), Some("Asa.Oberg@Example.se"), Some("+46701234567"));
        for want in ["k000042", "000042", "asa", "oberg", "example", "se", "46701234567", "0701234567"] {
            assert!(t.contains(&want.to_owned()), "{want} in {t:?}");
        }
        assert!(t.iter().all(|w| !w.contains('@')), "no whole address: {t:?}");
        assert_eq!(number_tokens("WC-2041"), ["wc", "2041"]);
    }

    #[test]
    fn a_phone_is_found_as_its_own_country_writes_it() {
        for (e164, national) in [
            ("+46701234567", "0701234567"),
            ("+4791234567", "91234567"),
            ("+4520123456", "20123456"),
            ("+358401234567", "0401234567"),
            ("+49301234567", "0301234567"),
            ("+33612345678", "0612345678"),
            ("+390612345678", "0612345678"),
            ("+3612345678", "0612345678"),
            ("+447700900123", "07700900123"),
        ] {
            assert_eq!(phone_tokens(e164), vec![e164[1..].to_owned(), national.to_owned()], "{e164}");
        }
        // North America's trunk prefix is its country code: one token.
        assert_eq!(phone_tokens("+12025550143"), vec!["12025550143"]);
        // Digits with no country code stay as they are.
        assert_eq!(phone_tokens("555010022"), vec!["555010022"]);
        assert!(phone_tokens("").is_empty());
    }

    #[test]
    fn queries_split_into_words_or_digits() {
        assert_eq!(query_words("  asa  Öberg "), vec!["asa", "oberg"]);
        assert_eq!(query_words("070-123 45"), vec!["07012345"]);
        assert_eq!(query_words("+46 70 123"), vec!["4670123"]);
        assert_eq!(query_words("0046 70 123"), vec!["4670123"]);
        assert_eq!(query_words("a b c d e f g h").len(), MAX_QUERY_WORDS);
        assert!(query_words("  ").is_empty());
        let end = prefix_end("asa");
        assert!("asa" < end.as_str() && "asazzz" < end.as_str() && "asb" > end.as_str());
    }
}
