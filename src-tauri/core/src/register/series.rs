//! Number series for the vouchers the shop makes itself: orders taken by
//! hand (setting `order.series`) and invoices (`invoice.series`). Each
//! voucher needs a number of its own (BFL 5 kap. 6-7 §§); an invoice a
//! sequential number "based on one or more series, which uniquely
//! identifies" it (VAT Directive 2006/112/EC art. 226(2), which the Nordic
//! VAT laws carry over).
//!
//! A number is never issued twice. The sweep deletes vouchers whose
//! retention has ended, and a restore brings back a register from before
//! the last ones were issued; either would let a series start again below
//! numbers that the shop's customers and its books already hold. So the
//! register remembers, for every prefix a series has used, the highest
//! number that it no longer holds, and a series goes on from whichever is
//! higher.

use std::collections::BTreeMap;

use crate::settings::Settings;

/// Which vouchers a series numbers.
#[derive(Debug, Clone, Copy, PartialEq, Eq, serde::Deserialize, schemars::JsonSchema)]
#[serde(rename_all = "snake_case")]
pub enum Series {
    /// Orders taken by hand: apart from the web shop's numbers, which its next
    /// export would otherwise match.
    Orders,
    /// Invoices, reminders and credit notes.
    Invoices,
}

impl Series {
    /// How the register's remembered numbers name the series.
    pub(crate) fn as_str(self) -> &'static str {
        match self {
            Series::Orders => "orders",
            Series::Invoices => "invoices",
        }
    }

    /// The setting that holds the series' prefix.
    pub fn setting(self) -> &'static str {
        match self {
            Series::Orders => "order.series",
            Series::Invoices => "invoice.series",
        }
    }

    /// The shop's prefix for this series; `None` when the setting is empty
    /// (every number is then typed).
    pub(crate) fn prefix(self, settings: &Settings) -> Option<String> {
        Some(settings.get(self.setting()).unwrap_or_default().to_owned()).filter(|p| !p.is_empty())
    }
}

/// The first text after every number that begins with `prefix`: the
/// prefix with its last character moved one on (`M-` → `M.`). `None` for an
/// empty prefix, or one ending in the last character there is.
pub(crate) fn series_end(prefix: &str) -> Option<String> {
    let mut chars: Vec<char> = prefix.chars().collect();
    let last = chars.pop()?;
    let next = char::from_u32(last as u32 + 1)?;
    chars.push(next);
    Some(chars.into_iter().collect())
}

/// The next number of the series `prefix` after `taken` (numbers of the
/// register beginning with it): one more than the highest prefix-and-digits,
/// as wide as it or five digits; the first is `prefix` and 00001.
pub(crate) fn next_in_series(prefix: &str, taken: &[String]) -> String {
    let highest = taken
        .iter()
        .filter_map(|n| n.strip_prefix(prefix))
        .filter(|digits| !digits.is_empty() && digits.len() <= 18 && digits.bytes().all(|b| b.is_ascii_digit()))
        .filter_map(|digits| digits.parse::<u64>().ok().map(|v| (v, digits.len())))
        .max();
    let (next, width) = match highest {
        Some((v, len)) => (v + 1, len.max(5)),
        None => (1, 5),
    };
    format!("{prefix}{next:0width$}")
}

/// The highest number of each prefix (a number without its trailing
/// digits) among the numbers seen: what a series must go on from, whatever
/// its prefix is set to by then.
#[derive(Debug, Default, Clone, PartialEq, Eq)]
pub(crate) struct Highest(BTreeMap<String, String>);

impl Highest {
    /// Takes `number` in if it ends in digits and is further on than the
    /// highest of its prefix so far. Numbers without digits at the end are
    /// no series' numbers.
    pub(crate) fn see(&mut self, number: &str) {
        let prefix = number.trim_end_matches(|c: char| c.is_ascii_digit());
        if prefix.len() == number.len() {
            return;
        }
        match self.0.get_mut(prefix) {
            Some(highest) if !further_on(number, highest) => {}
            Some(highest) => number.clone_into(highest),
            None => {
                self.0.insert(prefix.to_owned(), number.to_owned());
            }
        }
    }

    /// (prefix, highest number), by prefix.
    pub(crate) fn iter(&self) -> impl Iterator<Item = (&str, &str)> {
        self.0.iter().map(|(p, n)| (p.as_str(), n.as_str()))
    }
}

/// Whether `number` is further on in its series than `than` (a number of
/// the same prefix): by the value of their trailing digits (`M-0010` is
/// before `M-999`), compared without parsing, however long.
pub(crate) fn further_on(number: &str, than: &str) -> bool {
    position(number) > position(than)
}

fn position(number: &str) -> (usize, &str) {
    let digits = &number[number.trim_end_matches(|c: char| c.is_ascii_digit()).len()..];
    let value = digits.trim_start_matches('0');
    (value.len(), value)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_highest_number_of_each_prefix_is_kept() {
        let mut highest = Highest::default();
        for n in ["M-00009", "M-0010", "M-999", "M-00002", "F-1", "#1001", "#999", "KONTANT", "2024-17"] {
            highest.see(n);
        }
        let kept: Vec<(&str, &str)> = highest.iter().collect();
        assert_eq!(kept, [("#", "#1001"), ("2024-", "2024-17"), ("F-", "F-1"), ("M-", "M-999")]);
        // What a series goes on from: the highest remembered, when the register holds none higher.
        assert_eq!(next_in_series("M-", &["M-999".to_owned(), "M-00004".to_owned()]), "M-01000");
    }

    #[test]
    fn a_series_goes_on_from_its_highest_number() {
        let taken = |v: &[&str]| v.iter().map(|s| (*s).to_owned()).collect::<Vec<_>>();
        assert_eq!(next_in_series("M-", &[]), "M-00001");
        assert_eq!(next_in_series("M-", &taken(&["M-00009", "M-00010", "M-0007"])), "M-00011");
        assert_eq!(next_in_series("M-", &taken(&["M-99999"])), "M-100000");
        // Numbers of the series' neighbours, or with more than digits, are not of it.
        assert_eq!(next_in_series("M-", &taken(&["M-00003b", "M-", "MX-00009"])), "M-00001");
        assert_eq!(series_end("M-").as_deref(), Some("M."));
        assert_eq!(series_end("Ö").as_deref(), Some("×"));
        assert_eq!(series_end(""), None);
    }
}
