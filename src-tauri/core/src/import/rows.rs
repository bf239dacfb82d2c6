//! The file's rows, read, numbered and (in a customer file) checked on a thread
//! of their own while the register writes the rows before them, so that the
//! import's own thread, which takes turns with the database's, has that much
//! less to do between statements (perf: a tenth of its work).
//!
//! The reader hands rows over in chunks, a few chunks ahead at most, so memory
//! does not grow with the file. When the import stops early (cancelled, or
//! refused by an error) the reader finds the channel closed and ends.

use tokio::sync::mpsc;
use tokio::task::JoinHandle;

use super::customers;
use super::formats::Mapping;
use crate::error::{Error, Result};
use crate::register::customer::Problems;
use crate::register::CustomerFields;
use crate::values::{Language, ShopCountry};

/// Rows per chunk handed over, and chunks the reader may be ahead.
const CHUNK: usize = 500;
const AHEAD: usize = 4;

/// A row of the file that holds something.
pub(crate) struct Row {
    pub record: csv::StringRecord,
    /// The line the row starts on (a quoted field may span lines).
    pub line: u64,
    /// How far into the decoded text the reader was after the row.
    pub at_byte: u64,
    /// A customer row, checked as the register checks a typed customer.
    pub customer: Option<std::result::Result<CustomerFields, Problems>>,
}

pub(crate) enum Item {
    Row(Row),
    /// A row the CSV reader could not make out.
    Unreadable {
        line: u64,
        detail: String,
    },
    /// The file's last row, where a quote opens a field and is never closed:
    /// the reader took every line after it into that field.
    OpenQuote {
        quote: super::read::OpenQuote,
        record: csv::StringRecord,
    },
}

/// How a customer file's rows are checked while they are read.
pub(crate) struct CustomerCheck {
    pub mapping: Mapping,
    pub country: ShopCountry,
    pub language: Language,
}

/// The rows of a file, as the reading thread hands them over, in file order.
pub(crate) struct Rows {
    chunks: mpsc::Receiver<Vec<Item>>,
    reader: Option<JoinHandle<Result<()>>>,
    current: std::vec::IntoIter<Item>,
}

impl Rows {
    /// Starts reading `reader` on a thread of the blocking pool.
    pub fn start(
        mut reader: csv::Reader<Box<dyn std::io::Read + Send>>,
        lines: super::read::Lines,
        path: std::path::PathBuf,
        check: Option<CustomerCheck>,
    ) -> Rows {
        let (send, chunks) = mpsc::channel(AHEAD);
        let reader = tokio::task::spawn_blocking(move || {
            let mut chunk = Vec::with_capacity(CHUNK);
            let mut record = csv::StringRecord::new();
            loop {
                let item = match reader.read_record(&mut record) {
                    Ok(true) if record.iter().all(|f| f.trim().is_empty()) => continue,
                    Ok(true) => {
                        let at_byte = reader.position().byte();
                        if let Some(quote) = lines.open_quote_before(at_byte) {
                            chunk.push(Item::OpenQuote { quote, record: record.clone() });
                            continue;
                        }
                        let line = lines.start_of(at_byte, &record);
                        let customer = check.as_ref().map(|c| {
                            CustomerFields::check(&customers::input(&c.mapping, &record), c.country, c.language)
                        });
                        Item::Row(Row { record: record.clone(), line, at_byte, customer })
                    }
                    Ok(false) => break,
                    // The file itself failed (a disk, a network share): the
                    // import stops, rather than count the rest as missing.
                    Err(e) if e.is_io_error() => {
                        return Err(
                            super::read::too_long(&path, &e).unwrap_or_else(|| super::read::file_error(&path, e))
                        )
                    }
                    Err(e) => {
                        let line = e.position().map(|p| p.line()).unwrap_or(0);
                        Item::Unreadable { line, detail: e.to_string() }
                    }
                };
                chunk.push(item);
                if chunk.len() == CHUNK {
                    // A closed channel: the import has stopped, and so does the reading.
                    if send.blocking_send(std::mem::replace(&mut chunk, Vec::with_capacity(CHUNK))).is_err() {
                        return Ok(());
                    }
                }
            }
            if !chunk.is_empty() {
                let _ = send.blocking_send(chunk);
            }
            Ok(())
        });
        Rows { chunks, reader: Some(reader), current: Vec::new().into_iter() }
    }

    /// The next row; `None` once the whole file has been read.
    pub async fn next(&mut self) -> Result<Option<Item>> {
        loop {
            if let Some(item) = self.current.next() {
                return Ok(Some(item));
            }
            match self.chunks.recv().await {
                Some(chunk) => self.current = chunk.into_iter(),
                // The channel closes when the reader ends: at the end of the
                // file, or because it panicked, which must not pass for the end.
                None => {
                    if let Some(reader) = self.reader.take() {
                        reader.await.map_err(|e| Error::Internal(format!("reading the file stopped: {e}")))??;
                    }
                    return Ok(None);
                }
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use std::io::Read;

    use super::*;

    /// A file of a header and `rows` rows that, once they are read, fails as
    /// a disk or a network share can, or makes the reading thread panic.
    struct Failing {
        text: std::io::Cursor<Vec<u8>>,
        panics: bool,
    }

    impl Read for Failing {
        fn read(&mut self, buf: &mut [u8]) -> std::io::Result<usize> {
            match self.text.read(buf)? {
                0 if self.panics => panic!("the reader's own mistake"),
                0 => Err(std::io::Error::other("the network share went away")),
                n => Ok(n),
            }
        }
    }

    fn rows(rows: usize, panics: bool) -> Rows {
        let mut text = String::from("name,email\n");
        for i in 0..rows {
            text.push_str(&format!("Kund {i},kund{i}@example.se\n"));
        }
        let file: Box<dyn Read + Send> = Box::new(Failing { text: std::io::Cursor::new(text.into_bytes()), panics });
        let reader = csv::ReaderBuilder::new().has_headers(true).from_reader(file);
        Rows::start(reader, super::super::read::Lines::default(), "kunder.csv".into(), None)
    }

    /// Reads every row until the end or an error: (rows read, how it ended).
    async fn drain(mut rows: Rows) -> (usize, Result<()>) {
        let mut read = 0;
        loop {
            match rows.next().await {
                Ok(Some(Item::Row(_))) => read += 1,
                Ok(Some(Item::Unreadable { line, detail })) => panic!("line {line} unreadable: {detail}"),
                Ok(Some(Item::OpenQuote { quote, .. })) => panic!("a quote open from {quote:?}"),
                Ok(None) => return (read, Ok(())),
                Err(e) => return (read, Err(e)),
            }
        }
    }

    #[tokio::test(flavor = "multi_thread", worker_threads = 2)]
    async fn a_file_that_fails_while_it_is_read_stops_the_rows() {
        // Past two whole chunks: the rows read before the failure are handed
        // over, and then the failure, naming the file; never an end of file.
        let (read, ended) = drain(rows(CHUNK * 2 + 7, false)).await;
        match ended {
            Err(Error::File { path, reason }) => {
                assert_eq!(path, "kunder.csv");
                assert!(reason.contains("the network share went away"), "{reason}");
            }
            other => panic!("the failure must stop the rows: {other:?}"),
        }
        // The whole chunks before it; the rest of the import is refused with it.
        assert_eq!(read, CHUNK * 2);
    }

    #[tokio::test(flavor = "multi_thread", worker_threads = 2)]
    async fn a_reading_thread_that_panics_is_no_end_of_file() {
        let (_, ended) = drain(rows(CHUNK + 3, true)).await;
        match ended {
            Err(Error::Internal(why)) => assert!(why.contains("reading the file stopped"), "{why}"),
            other => panic!("a panic must not pass for the end of the file: {other:?}"),
        }
    }
}
