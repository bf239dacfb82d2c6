//! A refusal names what was typed as it was typed: `--at`, not the core's
//! `occurred_at`, and `--line 2 (quantity)`, not `lines[2].quantity`. The
//! flags are read from the command's own definition, so no refusal names a
//! flag the command does not take; a place without one stays as the core said
//! it (a setting's key, a file's line and column).

use clap::{ArgMatches, Command};
use kundvakt_core::error::Place;
use kundvakt_core::Error;

/// The core's names of fields that the command line takes under another
/// flag, each with its flags in the order they are tried.
const ALIASES: &[(&str, &[&str])] = &[
    ("occurred_at", &["at"]),
    ("given_at", &["at"]),
    ("aware_at", &["aware"]),
    ("assessed_on", &["date"]),
    ("event_name", &["event"]),
    ("event_date", &["date"]),
    ("order_date", &["date"]),
    ("issued_on", &["issued"]),
    ("due_on", &["due"]),
    ("closed_on", &["closed-on", "on"]),
    ("notified_on", &["on"]),
];

/// The long flags of the subcommand that `matches` (of `root`) ran.
pub fn invoked(root: &Command, matches: &ArgMatches) -> Vec<String> {
    let (mut command, mut matches) = (root, matches);
    while let Some((name, sub)) = matches.subcommand() {
        match command.find_subcommand(name) {
            Some(next) => (command, matches) = (next, sub),
            None => break,
        }
    }
    command.get_arguments().filter_map(|a| a.get_long()).map(str::to_owned).collect()
}

/// `error` with each place it names by its flag among `flags`, where it has one.
pub fn by_flags(error: Error, flags: &[String]) -> Error {
    let rename = |place: Place| flag_of(&place.0, flags).map(Place).unwrap_or(place);
    match error {
        Error::Invalid { place, message } => Error::Invalid { place: rename(place), message },
        Error::Duplicate { place, message } => Error::Duplicate { place: rename(place), message },
        Error::InvalidFields(fields) => {
            Error::InvalidFields(fields.into_iter().map(|(place, message)| (rename(place), message)).collect())
        }
        other => other,
    }
}

/// The flag that gave the field the core calls `field`.
fn flag_of(field: &str, flags: &[String]) -> Option<String> {
    let taken = |flag: &str| flags.iter().any(|f| f == flag);
    // An order's line: `lines[2].quantity` is the second --line's quantity.
    if let Some((line, part)) = field.strip_prefix("lines[").and_then(|rest| rest.split_once("].")) {
        return taken("line").then(|| format!("--line {line} ({part})"));
    }
    if !field.bytes().all(|b| b.is_ascii_lowercase() || b == b'_') {
        return None;
    }
    let aliases = ALIASES.iter().find(|(name, _)| *name == field).map_or(&[][..], |(_, flags)| *flags);
    let plain = field.replace('_', "-");
    let flag = aliases.iter().copied().chain([plain.as_str()]).find(|flag| taken(flag))?;
    Some(format!("--{flag}"))
}

#[cfg(test)]
mod tests {
    use super::*;
    use clap::CommandFactory;

    fn flags_of(args: &[&str]) -> Vec<String> {
        let root = super::super::Cli::command();
        let matches = root.clone().try_get_matches_from(args).expect("the arguments parse");
        invoked(&root, &matches)
    }

    #[test]
    fn a_field_is_named_by_the_flag_of_the_command_that_ran() {
        let note = flags_of(&[
            "kundvakt",
            "interaction",
            "add",
            "--customer",
            "1",
            "--channel",
            "phone",
            "--direction",
            "inbound",
            "--summary",
            "x",
        ]);
        assert_eq!(flag_of("occurred_at", &note).as_deref(), Some("--at"));
        assert_eq!(flag_of("closed_on", &note).as_deref(), Some("--closed-on"));
        assert_eq!(flag_of("summary", &note).as_deref(), Some("--summary"));
        let close = flags_of(&["kundvakt", "interaction", "close", "3"]);
        assert_eq!(flag_of("closed_on", &close).as_deref(), Some("--on"));
        let setting = flags_of(&["kundvakt", "settings", "set", "country", "US"]);
        assert_eq!(flag_of("country", &setting), None, "a setting's key is no flag");
        let order = flags_of(&["kundvakt", "order", "add", "--customer", "1", "--total", "10"]);
        assert_eq!(flag_of("lines[2].quantity", &order).as_deref(), Some("--line 2 (quantity)"));
        assert_eq!(flag_of("kunder.csv:3: e-post", &order), None);
    }

    #[test]
    fn every_place_of_a_refusal_is_renamed() {
        let flags = flags_of(&[
            "kundvakt",
            "consent",
            "give",
            "--customer",
            "1",
            "--purpose",
            "p",
            "--text-version",
            "v1",
            "--channel",
            "web",
        ]);
        let m = || kundvakt_core::msg!("msg-not-empty");
        let e = Error::InvalidFields(vec![(Place::from("text_version"), m()), (Place::from("given_at"), m())]);
        assert_eq!(by_flags(e, &flags).to_string(), "--text-version: must not be empty; --at: must not be empty");
    }
}
