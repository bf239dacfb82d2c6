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
    let widths = widths(headers, rows);
    line(&widths, headers);
    for row in rows {
        line(&widths, row);
    }
    // A header alone reads as if something failed to print.
    if rows.is_empty() {
        say!("(none)");
    }
}

/// A text's first line, cut at `chars` characters with an ellipsis, for a
/// table cell; the whole text is in the JSON.
pub fn first_line(text: &str, chars: usize) -> String {
    let line = text.lines().next().unwrap_or_default().trim();
    let cut: String = line.chars().take(chars).collect();
    if cut.len() < line.len() || text.trim().lines().nth(1).is_some() {
        format!("{}…", cut.trim_end())
    } else {
        cut
    }
}

/// A table printed as its rows come: the columns are sized by the first
/// [`Table::SIZED_BY`] rows and keep that size, so that a list of millions
/// (`retention due` on a large register) is printed without being held. A
/// longer table's columns are at least as wide as `floors`, the widest cell
/// that a later row is expected to bring; one wider still pushes the rest of
/// its row along.
pub struct Table {
    headers: Vec<String>,
    floors: Vec<usize>,
    widths: Option<Vec<usize>>,
    waiting: Vec<Vec<String>>,
}

impl Table {
    pub const SIZED_BY: usize = 1000;

    pub fn new(headers: &[&str], floors: &[usize]) -> Table {
        Table {
            headers: headers.iter().map(|h| h.to_string()).collect(),
            floors: floors.to_vec(),
            widths: None,
            waiting: vec![],
        }
    }

    pub fn row(&mut self, row: Vec<String>) {
        match &self.widths {
            Some(widths) => line(widths, &row),
            None => {
                self.waiting.push(row);
                if self.waiting.len() >= Table::SIZED_BY {
                    self.size(true);
                }
            }
        }
    }

    /// Prints what is still waiting (all of a short table).
    pub fn finish(mut self) {
        if self.widths.is_none() {
            self.size(false);
        }
    }

    /// Sizes the columns by the rows waiting (and, when more are to come, the
    /// floors) and prints them.
    fn size(&mut self, more: bool) {
        let mut widths = widths(&self.headers, &self.waiting);
        if more {
            for (w, floor) in widths.iter_mut().zip(&self.floors) {
                *w = (*w).max(*floor);
            }
        }
        line(&widths, &self.headers);
        for row in self.waiting.drain(..) {
            line(&widths, &row);
        }
        self.widths = Some(widths);
    }
}

fn widths(headers: &[impl AsRef<str>], rows: &[Vec<String>]) -> Vec<usize> {
    let mut widths: Vec<usize> = headers.iter().map(|h| h.as_ref().chars().count()).collect();
    for row in rows {
        for (w, cell) in widths.iter_mut().zip(row) {
            *w = (*w).max(cell.chars().count());
        }
    }
    widths
}

fn line(widths: &[usize], cells: &[impl AsRef<str>]) {
    let padded: Vec<String> = cells
        .iter()
        .zip(widths)
        .map(|(c, w)| {
            let c = c.as_ref();
            format!("{c}{}", " ".repeat(w.saturating_sub(c.chars().count())))
        })
        .collect();
    say!("{}", padded.join("  ").trim_end());
}

/// "1 request", "2 requests": `n` with the word for one or for more.
pub fn count<N: std::fmt::Display + PartialEq + From<u8>>(n: N, one: &str, more: &str) -> String {
    let word = if n == N::from(1) { one } else { more };
    format!("{n} {word}")
}

pub fn opt(v: &Option<String>) -> String {
    v.clone().unwrap_or_default()
}

/// The commands that do here what a message tells the shop to do in the
/// window ("on the customer's page"), for the messages that say so.
pub fn commands_for(m: &Message) -> Option<String> {
    let arg = |name: &str| m.args.get(name).cloned().unwrap_or_default();
    match m.key {
        "msg-answer-without-erasure" => {
            let (customer, request) = (arg("customer"), arg("request"));
            Some(format!(
                "on the command line: `erase {customer} --request {request}`; `customer edit {customer} --request \
                 {request}` with the details to remove given as \"\"; `interaction erase NOTE --request {request}`; \
                 `signup erase SIGNUP --request {request}`; `web erase {customer} --request {request}`"
            ))
        }
        // A held record the shop has erased when its hold is lifted (Art. 17(3)(e)).
        "msg-note-held" => {
            Some(format!("on the command line: `interaction erase {} --request REQUEST --when-lifted`", arg("id")))
        }
        "msg-signup-held" => {
            Some(format!("on the command line: `signup erase {} --request REQUEST --when-lifted`", arg("id")))
        }
        // The window's way to a backup is in the message; this is the command line's.
        "msg-register-damaged" => Some(
            "on the command line: `kundvakt backup --list` lists the backups, newest first; `kundvakt restore FILE` \
             restores one"
                .into(),
        ),
        _ => None,
    }
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

/// A moment on the shop's clock, to the minute, as the tables print it.
pub fn minute(at: chrono::DateTime<chrono::Utc>, zone: chrono_tz::Tz) -> String {
    at.with_timezone(&zone).format("%Y-%m-%d %H:%M").to_string()
}

/// A request's kind as people read it, with its article: "access (Art. 15)";
/// `--json` and `request open --kind` use the code.
pub fn request_kind(kind: kundvakt_core::requests::RequestKind) -> String {
    kind.name(kundvakt_core::i18n::Translator::english())
}

/// A request's state as people read it ("identity verified"); `--json` gives the code.
pub fn request_state(state: kundvakt_core::requests::RequestState) -> String {
    state.name(kundvakt_core::i18n::Translator::english())
}

/// An audit entry's action in words, with the code that `audit log
/// --action` takes: "Customer erased (customer.erase)".
pub fn action(stored: &str) -> String {
    let words = kundvakt_core::audit::Action::words(stored, kundvakt_core::i18n::Translator::english());
    if words == stored {
        words
    } else {
        format!("{words} ({stored})")
    }
}

/// A category of data as people read it ("Orders (purchase history)");
/// `--json` keeps the code.
pub fn category(c: kundvakt_core::processing::Category) -> String {
    c.name(kundvakt_core::i18n::Translator::english())
}

/// The retention rules as a person reads them in a table (the statute, or
/// the setting by its name with the period it sets); `--json` keeps the
/// codes, which scripts rely on.
pub struct Rules(std::collections::BTreeMap<String, String>);

impl Rules {
    /// The rules with the periods `reg`'s settings set.
    pub async fn of(reg: &kundvakt_core::Register) -> Result<Rules, Error> {
        let english = kundvakt_core::i18n::Translator::english();
        Ok(Rules(kundvakt_core::retention::rule_texts(english, &reg.settings().await?)))
    }

    pub fn text(&self, code: &str) -> String {
        match self.0.get(code) {
            Some(text) => text.clone(),
            None => kundvakt_core::retention::rule_text(code, kundvakt_core::i18n::Translator::english()),
        }
    }
}
