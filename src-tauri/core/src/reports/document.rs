//! A document as a list of blocks, independent of how it is rendered. Every
//! document of Kundvakt (access report, receipt, erasure confirmation, records of
//! processing, sweep summary) is built as a [`Doc`] and printed by [`super::pdf`].

use chrono::{DateTime, Utc};

use crate::values::Language;

/// The shop's clock: a document for people gives its times and days as the
/// shop lives them (PRODUCT.md section 3), and the access report says which
/// clock that is; the JSON keeps UTC.
#[derive(Debug, Clone, Copy)]
pub struct Clock(pub chrono_tz::Tz);

impl Clock {
    /// A moment written the same in every language (YYYY-MM-DD HH:MM), for
    /// messages and the command line.
    pub fn stamp(&self, t: &DateTime<Utc>) -> String {
        t.with_timezone(&self.0).format("%Y-%m-%d %H:%M").to_string()
    }

    /// A moment as `tr`'s language writes it, as the window shows it: the
    /// day as the language writes dates, then the hour and minute.
    pub fn time(&self, tr: &crate::i18n::Translator, t: &DateTime<Utc>) -> String {
        let local = t.with_timezone(&self.0);
        format!("{} {}", tr.date(local.date_naive()), local.format("%H:%M"))
    }

    pub fn day(&self, t: &DateTime<Utc>) -> chrono::NaiveDate {
        t.with_timezone(&self.0).date_naive()
    }
}

#[cfg(test)]
mod clock_tests {
    use super::Clock;
    use chrono::TimeZone;

    #[test]
    fn a_late_evening_in_utc_is_the_next_day_in_the_shop() {
        use crate::i18n::Translator;
        use crate::values::Language;
        let clock = Clock(chrono_tz::Europe::Stockholm);
        let t = chrono::Utc.with_ymd_and_hms(2025, 12, 31, 23, 30, 0).single().expect("time");
        assert_eq!(clock.day(&t).to_string(), "2026-01-01");
        assert_eq!(clock.time(&Translator::new(Language::Sv), &t), "2026-01-01 00:30");
        let summer = chrono::Utc.with_ymd_and_hms(2025, 7, 1, 10, 0, 0).single().expect("time");
        assert_eq!(clock.time(&Translator::new(Language::Sv), &summer), "2025-07-01 12:00");
        // Each language's dates, as the window writes them.
        assert_eq!(clock.time(&Translator::new(Language::Nb), &summer), "01.07.2025 12:00");
        assert_eq!(clock.time(&Translator::new(Language::En), &summer), "1 July 2025 12:00");
        assert_eq!(clock.stamp(&summer), "2025-07-01 12:00");
    }
}

#[derive(Debug, Clone, PartialEq)]
pub struct Doc {
    pub title: String,
    pub subject: String,
    /// The controller: the PDF's author.
    pub author: String,
    pub language: Language,
    pub created: DateTime<Utc>,
    /// Small print at the foot of every page (the audit chain head).
    pub footer_note: String,
    /// "Page {page} / {pages}" in the document's language, with those two placeholders.
    pub page_label: String,
    pub blocks: Vec<Block>,
}

#[derive(Debug, Clone, PartialEq)]
pub enum Block {
    Title(String),
    Subtitle(String),
    Heading(String),
    Paragraph(String),
    /// Label and value pairs, two columns.
    Fields(Vec<(String, String)>),
    Bullets(Vec<String>),
    Table(Table),
    /// Grey, smaller text.
    Note(String),
}

#[derive(Debug, Clone, PartialEq)]
pub struct Table {
    /// Column titles and relative widths.
    pub columns: Vec<(String, f32)>,
    pub rows: Vec<Vec<String>>,
}

impl Table {
    pub fn new(columns: &[(&str, f32)]) -> Table {
        Table { columns: columns.iter().map(|(t, w)| ((*t).to_owned(), *w)).collect(), rows: vec![] }
    }

    pub fn with_titles(columns: Vec<(String, f32)>) -> Table {
        Table { columns, rows: vec![] }
    }
}

/// Text as it may be printed: control characters (other than line breaks)
/// become spaces, so hostile input cannot break the layout.
pub fn printable(text: &str) -> String {
    text.chars().map(|c| if c.is_control() && c != '\n' { ' ' } else { c }).collect()
}
