//! Checking a saved file of the trail on its own ([`crate::export::trail`]):
//! whoever the shop gives it to (a supervisory authority, Art. 58(1)(a); an
//! auditor) can see that no row was changed since it was saved, without the
//! register. Each row carries every field its entry's hash covers, as the
//! register hashed it ([`super::Entry::hash`]): the hash is computed again
//! from them, and where two entries that follow each other are both in the
//! file, the later one's "previous hash" must be the earlier one's hash.
//! The newest entry's hash can then be compared with the head that
//! `audit verify` reports on the register.
//!
//! The cells a spreadsheet could read as a formula were saved with a `'`
//! before them; the check reads such a cell either way, since a value may
//! begin with `'` of its own.

use std::path::Path;

use chrono::{DateTime, Utc};
use serde::Serialize;

use super::Entry;
use crate::error::{Error, Result};
use crate::import::Problem;
use crate::msg;
use crate::values::CustomerId;

/// The columns of the file, by position (their names are in the language it
/// was saved in): what [`crate::export::trail`] writes.
mod col {
    pub const SEQ: usize = 0;
    pub const BY: usize = 2;
    pub const ACTION: usize = 3;
    pub const BEFORE: usize = 8;
    pub const AFTER: usize = 9;
    pub const PREVIOUS: usize = 10;
    pub const HASH: usize = 11;
    pub const TIME_UTC: usize = 12;
    pub const ENTITY: usize = 13;
    pub const ENTITY_ID: usize = 14;
    pub const CUSTOMER_ID: usize = 15;
    pub const COUNT: usize = 16;
}

/// What checking a file of the trail found.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, schemars::JsonSchema)]
pub struct TrailFileCheck {
    pub entries: i64,
    /// The oldest and the newest entry in the file.
    pub oldest: Option<i64>,
    pub newest: Option<i64>,
    /// The newest entry's hash: the head `audit verify` reports on the
    /// register, if nothing was recorded after the file was saved.
    pub newest_hash: Option<String>,
    /// Pairs of entries following each other whose link was checked.
    pub links: i64,
    /// Each row whose hash or link does not hold, by its line.
    pub problems: Vec<Problem>,
}

/// One row as read: its line, entry and the hash it gives.
struct Row {
    line: u64,
    seq: i64,
    prev_hash: String,
    hash: String,
}

/// Checks the file of the trail at `path`. An unreadable file, or one that
/// is no file of the trail, is an error; rows that do not hold are problems.
pub fn check_trail_file(path: &Path) -> Result<TrailFileCheck> {
    let place = path.display().to_string();
    let bytes = std::fs::read(path).map_err(|e| Error::File { path: place.clone(), reason: e.to_string() })?;
    let text = std::str::from_utf8(&bytes).map_err(|_| Error::invalid(place.as_str(), msg!("msg-trail-file-not")))?;
    let text = text.trim_start_matches('\u{feff}');
    let mut reader = csv::ReaderBuilder::new().delimiter(b';').flexible(true).from_reader(text.as_bytes());
    let header = reader.headers().map_err(|_| Error::invalid(place.as_str(), msg!("msg-trail-file-not")))?;
    if header.len() != col::COUNT {
        return Err(Error::invalid(place.as_str(), msg!("msg-trail-file-not")));
    }
    let header: Vec<String> = header.iter().map(str::to_owned).collect();
    let mut problems = Vec::new();
    let mut rows = Vec::new();
    // Lines counted from the bytes before each record, which CRLF and LF count alike.
    let (mut counted_to, mut line) = (0usize, 1u64);
    for record in reader.records() {
        let record =
            record.map_err(|e| Error::invalid(place.as_str(), msg!("msg-trail-file-unreadable", reason = e)))?;
        let start = record.position().map_or(counted_to, |p| usize::try_from(p.byte()).unwrap_or(counted_to));
        let mut start = start.clamp(counted_to, text.len());
        // The reader may place a record at the line break before it (after a CR).
        while matches!(text.as_bytes().get(start), Some(b'\r' | b'\n')) {
            start += 1;
        }
        line += text.as_bytes()[counted_to..start].iter().filter(|b| **b == b'\n').count() as u64;
        counted_to = start;
        match read_row(&record, line) {
            Ok(row) if row.hash == record[col::HASH] => rows.push(row),
            Ok(row) => {
                problems.push(Problem::new(line, header[col::HASH].clone(), msg!("msg-trail-row-hash", seq = row.seq)));
                rows.push(Row { hash: record[col::HASH].to_owned(), ..row });
            }
            Err((column, reason)) => problems.push(Problem::new(line, header[column].clone(), reason)),
        }
    }
    rows.sort_by_key(|r| r.seq);
    let mut links = 0;
    for pair in rows.windows(2) {
        let (earlier, later) = (&pair[0], &pair[1]);
        if later.seq == earlier.seq + 1 {
            links += 1;
            if later.prev_hash != earlier.hash {
                let reason = msg!("msg-trail-row-link", seq = later.seq, previous = earlier.seq);
                problems.push(Problem::new(later.line, header[col::PREVIOUS].clone(), reason));
            }
        }
    }
    problems.sort_by_key(|p| p.line);
    let newest = rows.last();
    Ok(TrailFileCheck {
        entries: i64::try_from(rows.len()).unwrap_or(i64::MAX),
        oldest: rows.first().map(|r| r.seq),
        newest: newest.map(|r| r.seq),
        newest_hash: newest.map(|r| r.hash.clone()),
        links,
        problems,
    })
}

/// The entry a row records, and the hash its fields give; or the column
/// that cannot be read, and why.
fn read_row(record: &csv::StringRecord, line: u64) -> std::result::Result<Row, (usize, crate::Message)> {
    if record.len() != col::COUNT {
        return Err((col::SEQ, msg!("msg-trail-row-columns", found = record.len(), wanted = col::COUNT)));
    }
    let cell = |c: usize| record[c].to_owned();
    let seq: i64 = record[col::SEQ].parse().map_err(|_| (col::SEQ, msg!("msg-trail-row-seq")))?;
    let at = DateTime::parse_from_rfc3339(&record[col::TIME_UTC])
        .map_err(|_| (col::TIME_UTC, msg!("msg-trail-row-time")))?
        .with_timezone(&Utc);
    let customer_id = match &record[col::CUSTOMER_ID] {
        "" => None,
        id => Some(CustomerId(id.parse().map_err(|_| (col::CUSTOMER_ID, msg!("msg-trail-row-customer")))?)),
    };
    let optional = |c: usize| Some(cell(c)).filter(|v| !v.is_empty());
    let base = Entry {
        seq,
        at,
        actor: String::new(),
        action: String::new(),
        entity: cell(col::ENTITY),
        entity_id: String::new(),
        customer_id,
        before_digest: optional(col::BEFORE),
        after_digest: optional(col::AFTER),
        prev_hash: cell(col::PREVIOUS),
    };
    // Each cell as saved, or without the `'` that kept a spreadsheet from reading it as a formula.
    let ways = |c: usize| -> Vec<String> {
        let saved = cell(c);
        let unguarded = saved.strip_prefix('\'').filter(|v| crate::export::neutralise(v) != *v).map(str::to_owned);
        std::iter::once(saved).chain(unguarded).collect()
    };
    let saved_hash = &record[col::HASH];
    let mut first = None;
    for actor in ways(col::BY) {
        for action in ways(col::ACTION) {
            for entity_id in ways(col::ENTITY_ID) {
                let entry = Entry { actor: actor.clone(), action: action.clone(), entity_id, ..base.clone() };
                let hash = entry.hash();
                if hash == saved_hash {
                    return Ok(Row { line, seq, prev_hash: base.prev_hash.clone(), hash });
                }
                first.get_or_insert(hash);
            }
        }
    }
    Ok(Row { line, seq, prev_hash: base.prev_hash.clone(), hash: first.unwrap_or_default() })
}
