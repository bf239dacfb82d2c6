//! Number series for the vouchers the shop makes itself: orders taken by
//! hand (setting `order.series`) and invoices (`invoice.series`). Each
//! voucher needs a number of its own (BFL 5 kap. 6-7 §§); an invoice a
//! sequential number "based on one or more series, which uniquely
//! identifies" it (VAT Directive 2006/112/EC art. 226(2), which the Nordic
//! VAT laws carry over).

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

#[cfg(test)]
mod tests {
    use super::*;

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
