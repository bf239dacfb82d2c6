//! Messages for people: why a value or a step was refused, said as a key into
//! the translations (`locales/*.ftl`, the `msg-` keys) and its arguments.
//!
//! The core does not know who reads a message: the command line prints it in
//! English (`Display`), the app's window says it in the window's language from
//! the same key and arguments. So no message is a sentence built in code.

use std::collections::BTreeMap;
use std::fmt;

use serde::Serialize;

use crate::i18n::Translator;

/// A message by its key in the translations, with the values it names.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, schemars::JsonSchema)]
pub struct Message {
    /// A `msg-` key of `locales/*.ftl`.
    pub key: &'static str,
    /// The message's arguments by name, each as text.
    pub args: BTreeMap<String, String>,
}

impl Message {
    pub fn new(key: &'static str, args: Vec<(&'static str, String)>) -> Self {
        Message { key, args: args.into_iter().map(|(k, v)| (k.to_owned(), v)).collect() }
    }

    /// A sentence of the command line, which speaks English only (README,
    /// "The command line"); the window never shows these.
    pub fn english(text: impl Into<String>) -> Self {
        Message { key: "msg-english", args: BTreeMap::from([("text".to_owned(), text.into())]) }
    }

    /// The message in `language`.
    pub fn in_language(&self, translator: &Translator) -> String {
        let args: Vec<(&str, String)> = self.args.iter().map(|(k, v)| (k.as_str(), v.clone())).collect();
        translator.t_args(self.key, &args)
    }
}

/// English: what the command line prints and the logs keep.
impl fmt::Display for Message {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.in_language(Translator::english()))
    }
}

/// `msg!(KEY, name = value, other)`: a [`Message`]; an argument given
/// by its name alone is the variable of that name.
#[macro_export]
macro_rules! msg {
    (@value $name:ident) => { $name.to_string() };
    (@value $name:ident $value:expr) => { ($value).to_string() };
    ($key:literal $(, $name:ident $(= $value:expr)?)* $(,)?) => {
        $crate::message::Message::new($key, vec![$((stringify!($name), $crate::msg!(@value $name $($value)?))),*])
    };
}

#[cfg(test)]
mod tests {
    use std::collections::{BTreeMap, BTreeSet};
    use std::path::Path;

    use super::*;
    use crate::i18n::SOURCES;
    use crate::values::Language;

    /// Each `msg-` message of a Fluent source with the variables it names.
    fn variables(source: &str) -> BTreeMap<String, BTreeSet<String>> {
        let mut out: BTreeMap<String, BTreeSet<String>> = BTreeMap::new();
        let mut current: Option<String> = None;
        for line in source.lines() {
            if !line.starts_with(' ') {
                current = line.split_once(" = ").map(|(k, _)| k.to_owned()).filter(|k| k.starts_with("msg-"));
            }
            let Some(key) = &current else { continue };
            let names = out.entry(key.clone()).or_default();
            for (i, _) in line.match_indices('$') {
                let name: String =
                    line[i + 1..].chars().take_while(|c| c.is_ascii_alphanumeric() || *c == '_').collect();
                names.insert(name);
            }
        }
        out
    }

    /// Every key given to `msg!` in the core's and the app's Rust sources.
    fn keys_in_code() -> BTreeSet<String> {
        fn walk(dir: &Path, keys: &mut BTreeSet<String>) {
            for entry in std::fs::read_dir(dir).expect("a source folder").flatten() {
                let path = entry.path();
                if path.is_dir() {
                    walk(&path, keys);
                } else if path.extension().is_some_and(|e| e == "rs") {
                    let text = std::fs::read_to_string(&path).expect("a source file");
                    for (i, _) in text.match_indices("msg!(") {
                        let Some(rest) = text[i + 5..].trim_start().strip_prefix("\"msg-") else { continue };
                        keys.insert(format!("msg-{}", &rest[..rest.find('"').unwrap_or(0)]));
                    }
                }
            }
        }
        let mut keys = BTreeSet::new();
        let core = Path::new(env!("CARGO_MANIFEST_DIR"));
        walk(&core.join("src"), &mut keys);
        walk(&core.join("../src"), &mut keys);
        keys
    }

    #[test]
    fn every_message_in_the_code_is_in_every_language_with_the_same_arguments() {
        let english = variables(SOURCES[0].1);
        let used = keys_in_code();
        assert!(used.len() > 100, "the scan found the messages ({})", used.len());
        for key in &used {
            assert!(english.contains_key(key), "{key} is used in the code and missing in en.ftl");
        }
        for (language, source) in &SOURCES[1..] {
            assert_eq!(&variables(source), &english, "{language:?}: the same messages, naming the same arguments");
        }
        let unused: Vec<&String> = english.keys().filter(|k| !used.contains(*k) && *k != "msg-english").collect();
        assert!(unused.is_empty(), "messages no code says: {unused:?}");
    }

    #[test]
    fn every_message_formats_whole_in_every_language() {
        for (language, source) in SOURCES {
            let tr = Translator::new(language);
            for (key, names) in variables(source) {
                let args: Vec<(&str, String)> = names.iter().map(|n| (n.as_str(), format!("<{n}>"))).collect();
                let text = tr.t_args(&key, &args);
                // A variable left unsaid or a broken pattern shows as `{$name}` or `[key]`.
                assert!(!text.contains('{') && !text.starts_with('['), "{language:?} {key}: {text}");
            }
        }
    }

    #[test]
    fn a_message_reads_in_each_language_with_its_arguments() {
        let text = "12,345";
        let sek = crate::values::Currency::parse("SEK").expect("SEK");
        let m = crate::values::parse_decimal(text, 2).expect_err("three decimals").about(text, sek);
        assert_eq!(m.to_string(), "`12,345` is not an amount in SEK: more than 2 decimals");
        assert_eq!(
            m.in_language(&Translator::new(Language::Sv)),
            "`12,345` är inget belopp i SEK: fler än 2 decimaler"
        );
        let gone = crate::msg!("msg-not-found", entity = "order", id = 1001);
        assert_eq!(gone.in_language(&Translator::new(Language::Nb)), "ordre 1001 finnes ikke i registeret");
        assert_eq!(gone.to_string(), "no order 1001 in the register");
        // A state is a word of the code in English, the language's own word in the others.
        let early = crate::msg!("msg-request-not-open", request = 3, state = "received");
        assert!(early.to_string().starts_with("request 3 is received: verify"), "{early}");
        let sv = early.in_language(&Translator::new(Language::Sv));
        assert!(sv.starts_with("begäran 3 är mottagen: kontrollera"), "{sv}");
        let json = serde_json::to_value(&gone).expect("json");
        assert_eq!(json, serde_json::json!({ "key": "msg-not-found", "args": { "entity": "order", "id": "1001" } }));
    }
}
