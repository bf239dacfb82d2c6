//! Printing: JSON for scripts, aligned text for people.

use kundvakt_core::{Error, Message};
use serde::Serialize;

pub fn json(value: &impl Serialize) -> Result<(), Error> {
    let text = serde_json::to_string_pretty(value).map_err(|e| Error::Internal(format!("cannot write JSON: {e}")))?;
    say!("{text}");
    Ok(())
}

/// Prints rows as columns padded to their widest cell.
pub fn table(headers: &[&str], rows: &[Vec<String>]) {
    let mut widths: Vec<usize> = headers.iter().map(|h| h.chars().count()).collect();
    for row in rows {
        for (w, cell) in widths.iter_mut().zip(row) {
            *w = (*w).max(cell.chars().count());
        }
    }
    let line = |cells: Vec<&str>| {
        let padded: Vec<String> = cells
            .iter()
            .zip(&widths)
            .map(|(c, w)| format!("{c}{}", " ".repeat(w.saturating_sub(c.chars().count()))))
            .collect();
        say!("{}", padded.join("  ").trim_end());
    };
    line(headers.to_vec());
    for row in rows {
        line(row.iter().map(String::as_str).collect());
    }
}

pub fn opt(v: &Option<String>) -> String {
    v.clone().unwrap_or_default()
}

/// A destructive command's confirmation (PRODUCT.md section 7): `--yes`, or a
/// "y" typed on a terminal; with neither, it refuses.
pub fn confirm(question: &str, yes: bool) -> Result<bool, Error> {
    use std::io::{BufRead, IsTerminal, Write};
    if yes {
        return Ok(true);
    }
    if !std::io::stdin().is_terminal() {
        return Err(Error::Refused(Message::english(
            "not run from a terminal: add --yes to confirm, or --dry-run to look first",
        )));
    }
    print!("{question} [y/N] ");
    std::io::stdout().flush().map_err(|e| Error::Internal(e.to_string()))?;
    let mut answer = String::new();
    std::io::stdin().lock().read_line(&mut answer).map_err(|e| Error::Internal(e.to_string()))?;
    Ok(matches!(answer.trim().to_lowercase().as_str(), "y" | "yes" | "j" | "ja"))
}

/// Retention rules as a person reads them in a table (the statute, or the
/// setting by its name); `--json` keeps the code, which scripts rely on. One
/// for a whole table: making its translator parses every translation, which
/// once per row made `retention due` at a million customers spend minutes.
pub struct Rules(kundvakt_core::i18n::Translator);

impl Rules {
    pub fn new() -> Rules {
        Rules(kundvakt_core::i18n::Translator::new(kundvakt_core::values::Language::En))
    }

    pub fn text(&self, code: &str) -> String {
        kundvakt_core::retention::rule_text(code, &self.0)
    }
}
