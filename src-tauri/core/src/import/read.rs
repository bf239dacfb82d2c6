//! Reading a shop's CSV file as it comes, streamed, never read whole, so that
//! memory does not grow with it. Its encoding is detected: UTF-8 with or
//! without a byte-order mark, Windows-1252 or Mac OS Roman (what spreadsheets
//! save as "CSV"), or UTF-16 (their "Unicode text", with its byte-order mark
//! or, as some programs write it, without);
//! its delimiter, `,` `;` or tab, from the header line. Quoted fields with line
//! breaks and quotes inside, CRLF, blank lines and trailing delimiters are read.

use std::collections::VecDeque;
use std::fs::File;
use std::io::{BufReader, Read};
use std::path::{Path, PathBuf};
use std::sync::{Arc, Mutex};

use encoding_rs::{CoderResult, Decoder, Encoding, MACINTOSH, UTF_16BE, UTF_16LE, UTF_8, WINDOWS_1252};
use serde::Serialize;
use sha2::{Digest, Sha256};

use crate::error::{Error, Result};
use crate::macros::text_enum;
use crate::msg;

text_enum! {
    pub enum TextEncoding {
        Utf8 = "utf-8",
        Utf8Bom = "utf-8-bom",
        Windows1252 = "windows-1252",
        MacRoman = "mac-roman",
        Utf16Le = "utf-16le",
        Utf16Be = "utf-16be",
    }
}

/// What Mac OS Roman's Nordic letters read as in Windows-1252 (å Œ, ä Š,
/// ö š, é Ž, ü Ÿ, ø ¿, æ ¾; Å and four more bytes are no character there).
const MAC_ROMAN_TELLS: &[char] =
    &['Œ', 'œ', 'Š', 'š', 'Ž', 'ž', 'Ÿ', '¿', '¾', '\u{81}', '\u{8d}', '\u{8f}', '\u{90}', '\u{9d}'];

impl TextEncoding {
    /// The file's byte-order mark names UTF-16, or its NUL bytes do (below);
    /// otherwise UTF-8 when every byte is valid UTF-8, else the 8-bit encoding
    /// a spreadsheet saves "CSV" in.
    fn detect(head: &[u8], valid_utf8: bool) -> TextEncoding {
        let utf16 = match head {
            [0xFF, 0xFE, ..] => Some(TextEncoding::Utf16Le),
            [0xFE, 0xFF, ..] => Some(TextEncoding::Utf16Be),
            _ => TextEncoding::utf16_unmarked(head),
        };
        if let Some(utf16) = utf16 {
            return utf16;
        }
        match (head, valid_utf8) {
            ([0xEF, 0xBB, 0xBF, ..], true) => TextEncoding::Utf8Bom,
            (_, true) => TextEncoding::Utf8,
            (_, false) => TextEncoding::eight_bit(head),
        }
    }

    /// UTF-16 written without its byte-order mark (some exporting programs
    /// do): a CSV file's header is mostly ASCII, which UTF-16 writes as the
    /// letter and a NUL, little-endian, or a NUL and the letter, big-endian.
    /// Nearly every second byte NUL and hardly any other is no binary file's
    /// pattern and no 8-bit text's.
    fn utf16_unmarked(head: &[u8]) -> Option<TextEncoding> {
        let pairs = head.len() / 2;
        if pairs < 4 {
            return None;
        }
        let nul_at = |parity: usize| head.iter().skip(parity).step_by(2).take(pairs).filter(|b| **b == 0).count();
        let (even, odd) = (nul_at(0), nul_at(1));
        let mostly = |n: usize| n * 10 >= pairs * 7;
        let hardly = |n: usize| n * 50 <= pairs;
        if mostly(odd) && hardly(even) {
            Some(TextEncoding::Utf16Le)
        } else if mostly(even) && hardly(odd) {
            Some(TextEncoding::Utf16Be)
        } else {
            None
        }
    }

    /// Windows-1252 (Excel on Windows), or Mac OS Roman (Excel for Mac's plain
    /// "CSV"): read the wrong way, every name with å, ä or ö would be imported
    /// misspelt. Mac OS Roman has those letters at 80–BF, where Windows-1252
    /// has Œ Š š ¿ ¾ or no character at all; a file that reads so in
    /// Windows-1252, and as more letters in Mac OS Roman, is Mac OS Roman.
    /// Windows-1252's own 80–9F (€ – “ ” …) are letters in Mac OS Roman, so the
    /// letters alone cannot tell.
    ///
    /// Mac OS Roman's capitals Ä Ö Ü É read as Windows-1252's € … † ƒ, which
    /// Windows-1252 text has too, but not written straight onto a letter:
    /// "€lmhult" and "BJ…RK" are Mac OS Roman's "Älmhult" and "BJÖRK".
    fn eight_bit(head: &[u8]) -> TextEncoding {
        let as_windows = WINDOWS_1252.decode_without_bom_handling(head).0;
        let as_mac = MACINTOSH.decode_without_bom_handling(head).0;
        let capital_on_a_letter = || {
            let mut chars = as_windows.chars().peekable();
            while let Some(c) = chars.next() {
                if matches!(c, '€' | '…' | '†' | 'ƒ') && chars.peek().is_some_and(char::is_ascii_alphabetic) {
                    return true;
                }
            }
            false
        };
        let tells = as_windows.chars().any(|c| MAC_ROMAN_TELLS.contains(&c)) || capital_on_a_letter();
        let letters =
            |text: &str| text.chars().filter(|c| matches!(c, '\u{c0}'..='\u{ff}') && !matches!(c, '×' | '÷')).count();
        match tells && letters(&as_mac) > letters(&as_windows) {
            true => TextEncoding::MacRoman,
            false => TextEncoding::Windows1252,
        }
    }

    pub(crate) fn encoding(self) -> &'static Encoding {
        match self {
            TextEncoding::Utf8 | TextEncoding::Utf8Bom => UTF_8,
            TextEncoding::Windows1252 => WINDOWS_1252,
            TextEncoding::MacRoman => MACINTOSH,
            TextEncoding::Utf16Le => UTF_16LE,
            TextEncoding::Utf16Be => UTF_16BE,
        }
    }
}

/// A file looked at once: its encoding, delimiter, size and SHA-256.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, schemars::JsonSchema)]
pub struct Source {
    pub path: PathBuf,
    pub encoding: TextEncoding,
    /// ",", ";" or "\t".
    pub delimiter: String,
    pub bytes: u64,
    pub digest: String,
}

pub(crate) fn file_error(path: &Path, e: impl std::fmt::Display) -> Error {
    Error::File { path: path.display().to_string(), reason: e.to_string() }
}

impl Source {
    /// Reads the file once: digest, size, whether it is valid UTF-8, and the header line.
    pub fn inspect(path: &Path) -> Result<Source> {
        let mut file = File::open(path).map_err(|e| file_error(path, e))?;
        let mut hasher = Sha256::new();
        let mut utf8 = UTF_8.new_decoder_without_bom_handling();
        let mut valid = true;
        let mut head: Vec<u8> = vec![];
        let mut total = 0_u64;
        let mut buf = vec![0_u8; 1 << 16];
        let mut scratch = vec![0_u8; 1 << 17];
        loop {
            let n = file.read(&mut buf).map_err(|e| file_error(path, e))?;
            let last = n == 0;
            let chunk = &buf[..n];
            hasher.update(chunk);
            total += n as u64;
            if head.len() < 1 << 16 {
                head.extend_from_slice(&chunk[..chunk.len().min((1 << 16) - head.len())]);
            }
            if valid {
                let (result, _, _) = utf8.decode_to_utf8_without_replacement(chunk, &mut scratch, last);
                if let encoding_rs::DecoderResult::Malformed(_, _) = result {
                    valid = false;
                }
            }
            if last {
                break;
            }
        }
        if total == 0 {
            return Err(file_error(path, "the file is empty"));
        }
        let encoding = TextEncoding::detect(&head, valid);
        if let Some(what) = not_text(&head, encoding) {
            return Err(Error::invalid(path.display().to_string(), crate::msg!("msg-file-not-csv", what)));
        }
        let text = encoding.encoding().decode_with_bom_removal(&head).0.into_owned();
        let delimiter = detect_delimiter(&text);
        Ok(Source {
            path: path.to_path_buf(),
            encoding,
            delimiter: (delimiter as char).to_string(),
            bytes: total,
            digest: hex::encode(hasher.finalize()),
        })
    }

    /// About where in the file a reader is, `decoded` bytes into its UTF-8
    /// text, for the progress bar. The 8-bit encodings grow in UTF-8 (å: one
    /// byte to two); UTF-16 shrinks, its ASCII by half.
    pub fn file_offset(&self, decoded: u64) -> u64 {
        let offset = match self.encoding {
            TextEncoding::Utf16Le | TextEncoding::Utf16Be => decoded.saturating_mul(2),
            _ => decoded,
        };
        offset.min(self.bytes)
    }

    /// A CSV reader of the decoded text, and the line index that numbers its records.
    pub fn reader(&self) -> Result<(csv::Reader<Box<dyn Read + Send>>, Lines)> {
        let file = File::open(&self.path).map_err(|e| file_error(&self.path, e))?;
        let lines = Lines::default();
        // A byte-order mark, where there is one, says the encoding and is dropped.
        let decoder = self.encoding.encoding().new_decoder();
        let delimiter = self.delimiter.as_bytes().first().copied().unwrap_or(b',');
        let inner: Box<dyn Read + Send> =
            Box::new(Transcode::new(BufReader::new(file), decoder, lines.clone(), delimiter));
        let reader = csv::ReaderBuilder::new().delimiter(delimiter).flexible(true).has_headers(true).from_reader(inner);
        Ok((reader, lines))
    }
}

/// Where the line breaks of the decoded text are, as far as the reader has
/// read (only those not yet passed are kept). The csv crate's own line numbers
/// go wrong after blank lines and with CRLF, and people need the right line.
#[derive(Clone, Default)]
pub struct Lines(Arc<Mutex<LineState>>);

#[derive(Default)]
struct LineState {
    pending: VecDeque<u64>,
    passed: u64,
    last_passed: Option<u64>,
    /// Set at the end of the text when a quote opened there was never closed.
    open_quote: Option<OpenQuote>,
}

/// A quote that opens a field and is never closed: the CSV reader reads the
/// rest of the file, every line of it, as that one field.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct OpenQuote {
    /// The line the quote is on.
    pub line: u64,
    /// Where it is in the decoded text.
    pub offset: u64,
    /// The file's last line, which the field runs to.
    pub last_line: u64,
}

impl Lines {
    fn push(&self, offset: u64) {
        if let Ok(mut s) = self.0.lock() {
            s.pending.push_back(offset);
        }
    }

    /// The quote left open at the end of the file, once the reader is there,
    /// if it falls before `end` (the reader's position after a record).
    pub fn open_quote_before(&self, end: u64) -> Option<OpenQuote> {
        let s = self.0.lock().ok()?;
        s.open_quote.filter(|q| q.offset < end)
    }

    fn end_open(&self, quote: OpenQuote) {
        if let Ok(mut s) = self.0.lock() {
            s.open_quote = Some(quote);
        }
    }

    /// The line a record starts on, given the reader's position after it and the record.
    pub fn start_of(&self, end: u64, record: &csv::StringRecord) -> u64 {
        let Ok(mut s) = self.0.lock() else { return 0 };
        while s.pending.front().is_some_and(|o| *o < end) {
            let o = s.pending.pop_front().unwrap_or_default();
            s.passed += 1;
            s.last_passed = Some(o);
        }
        let terminated = end > 0 && s.last_passed == Some(end - 1);
        let last_line = if terminated { s.passed } else { s.passed + 1 };
        let inside: u64 = record.iter().map(breaks).sum();
        last_line.saturating_sub(inside)
    }
}

/// What a file that is no CSV text is, by its first bytes: a spreadsheet
/// workbook (chosen in place of the CSV saved from it: a zip, as .xlsx, .ods
/// and .numbers are, or the older .xls), a PDF, or other binary data (a NUL
/// byte, which no text but UTF-16's holds).
fn not_text(head: &[u8], encoding: TextEncoding) -> Option<&'static str> {
    const XLS: [u8; 8] = [0xD0, 0xCF, 0x11, 0xE0, 0xA1, 0xB1, 0x1A, 0xE1];
    if head.starts_with(b"PK\x03\x04") || head.starts_with(&XLS) {
        Some("workbook")
    } else if head.starts_with(b"%PDF") {
        Some("pdf")
    } else if !matches!(encoding, TextEncoding::Utf16Le | TextEncoding::Utf16Be) && head.contains(&0) {
        Some("binary")
    } else {
        None
    }
}

/// The line breaks inside a field: LF, CRLF and a CR alone, each one.
pub(crate) fn breaks(field: &str) -> u64 {
    let bytes = field.as_bytes();
    let lone_cr = bytes.iter().enumerate().filter(|(i, b)| **b == b'\r' && bytes.get(i + 1) != Some(&b'\n')).count();
    (bytes.iter().filter(|b| **b == b'\n').count() + lone_cr) as u64
}

/// The delimiter of the header line: the most frequent of `,` `;` and tab outside quotes.
fn detect_delimiter(text: &str) -> u8 {
    let text = text.trim_start_matches('\u{feff}');
    let mut counts = [(b',', 0_usize), (b';', 0), (b'\t', 0)];
    let mut quoted = false;
    for c in text.bytes() {
        match c {
            b'"' => quoted = !quoted,
            b'\n' | b'\r' if !quoted => break,
            _ if !quoted => {
                for (d, n) in counts.iter_mut() {
                    if *d == c {
                        *n += 1;
                    }
                }
            }
            _ => {}
        }
    }
    counts.iter().max_by_key(|(_, n)| *n).filter(|(_, n)| *n > 0).map(|(d, _)| *d).unwrap_or(b',')
}

/// A reader that decodes its input to UTF-8 as it goes, noting its line breaks.
struct Transcode<R> {
    inner: R,
    decoder: Decoder,
    done: bool,
    offset: u64,
    lines: Lines,
    /// The last byte noted was a CR.
    after_cr: bool,
    /// The last byte noted was an LF.
    after_lf: bool,
    /// The line breaks noted so far.
    breaks: u64,
    /// Where in a field the text is, as the CSV reader sees it.
    quoting: Quoting,
    delimiter: u8,
    /// Where the record being read starts, and on which line.
    record_start: u64,
    record_line: u64,
    /// Set once a record runs past [`MAX_RECORD`]: the reading stops there.
    too_long: Option<TooLong>,
}

/// The longest record read, in bytes of UTF-8. A shop's row is a few hundred
/// bytes, an order's with a long customer note a few thousand; a record of a
/// megabyte is a quote left open or a file that is no CSV export, and reading
/// on would hold the rest of the file in memory as one field.
pub(crate) const MAX_RECORD: u64 = 1 << 20;

/// A record that ran past [`MAX_RECORD`]: where it starts, and where the
/// quote opened that keeps it from ending, if one did.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) struct TooLong {
    pub line: u64,
    pub quote_line: Option<u64>,
}

impl std::fmt::Display for TooLong {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(f, "the row at line {} is longer than {MAX_RECORD} bytes", self.line)
    }
}

impl std::error::Error for TooLong {}

/// The file's problem at the record that ran too long, named at its line,
/// if that is what stopped the CSV reader.
pub(crate) fn too_long(path: &Path, e: &csv::Error) -> Option<Error> {
    let csv::ErrorKind::Io(io) = e.kind() else { return None };
    let long = io.get_ref()?.downcast_ref::<TooLong>()?;
    let max = MAX_RECORD >> 20;
    Some(match long.quote_line {
        Some(line) => Error::invalid(format!("{}:{line}", path.display()), msg!("msg-quote-runs-on", max)),
        None => Error::invalid(format!("{}:{}", path.display(), long.line), msg!("msg-row-runs-on", max)),
    })
}

/// The states of the CSV reader's (csv-core's, with its defaults) that tell
/// whether a quote is open: a quote opens a field only as its first
/// character; inside it, a doubled quote is a quote and a single one closes it.
#[derive(Clone, Copy, PartialEq, Eq)]
enum Quoting {
    FieldStart,
    Unquoted,
    /// In a quoted field that opened at this offset, on this line.
    Quoted {
        offset: u64,
        line: u64,
    },
    /// Just after a quote inside a quoted field: it closes the field, or a quote follows.
    QuoteInQuoted {
        offset: u64,
        line: u64,
    },
}

impl Quoting {
    fn next(self, b: u8, delimiter: u8, offset: u64, line: u64) -> Quoting {
        use Quoting::*;
        let ends_field = b == delimiter || b == b'\n' || b == b'\r';
        match self {
            FieldStart if b == b'"' => Quoted { offset, line },
            FieldStart | Unquoted if ends_field => FieldStart,
            FieldStart | Unquoted => Unquoted,
            Quoted { offset, line } if b == b'"' => QuoteInQuoted { offset, line },
            Quoted { .. } => self,
            QuoteInQuoted { offset, line } if b == b'"' => Quoted { offset, line },
            QuoteInQuoted { .. } if ends_field => FieldStart,
            QuoteInQuoted { .. } => Unquoted,
        }
    }
}

impl<R> Transcode<R> {
    fn new(inner: R, decoder: Decoder, lines: Lines, delimiter: u8) -> Transcode<R> {
        Transcode {
            inner,
            decoder,
            done: false,
            offset: 0,
            lines,
            after_cr: false,
            after_lf: false,
            breaks: 0,
            quoting: Quoting::FieldStart,
            delimiter,
            record_start: 0,
            record_line: 1,
            too_long: None,
        }
    }

    /// Notes the line breaks of `out`: LF, CRLF (at its LF) and a CR alone
    /// (Excel for Mac's older "CSV" ends its lines so), which is known to be
    /// alone only at the next byte.
    fn note(&mut self, out: &[u8]) {
        let Some(last) = out.last() else { return };
        if self.after_cr && out[0] != b'\n' {
            self.lines.push(self.offset - 1);
            self.breaks += 1;
        }
        for (i, b) in out.iter().enumerate() {
            let at = self.offset + i as u64;
            self.quoting = self.quoting.next(*b, self.delimiter, at, self.breaks + 1);
            match *b {
                b'\n' => {
                    self.lines.push(at);
                    self.breaks += 1;
                }
                b'\r' if out.get(i + 1).is_some_and(|next| *next != b'\n') => {
                    self.lines.push(at);
                    self.breaks += 1;
                }
                _ => {}
            }
            if matches!(b, b'\n' | b'\r') && self.quoting == Quoting::FieldStart {
                self.record_start = at + 1;
                self.record_line = self.breaks + 1;
            } else if at - self.record_start >= MAX_RECORD && self.too_long.is_none() {
                let quote_line = match self.quoting {
                    Quoting::Quoted { line, .. } | Quoting::QuoteInQuoted { line, .. } => Some(line),
                    Quoting::FieldStart | Quoting::Unquoted => None,
                };
                self.too_long = Some(TooLong { line: self.record_line, quote_line });
            }
        }
        self.after_cr = *last == b'\r';
        self.after_lf = *last == b'\n';
        self.offset += out.len() as u64;
    }
}

impl<R: Read> Read for Transcode<R> {
    fn read(&mut self, out: &mut [u8]) -> std::io::Result<usize> {
        if self.done || out.len() < 4 {
            return Ok(0);
        }
        let mut input = [0_u8; 4096];
        // Windows-1252 grows at most threefold in UTF-8, UTF-16 by half: read no more than fits.
        let want = (out.len() / 3).clamp(1, input.len());
        loop {
            let n = self.inner.read(&mut input[..want])?;
            let last = n == 0;
            let (result, _, written, _) = self.decoder.decode_to_utf8(&input[..n], out, last);
            debug_assert!(matches!(result, CoderResult::InputEmpty));
            self.note(&out[..written]);
            if let Some(long) = self.too_long {
                self.done = true;
                return Err(std::io::Error::new(std::io::ErrorKind::InvalidData, long));
            }
            if last {
                if self.after_cr {
                    self.lines.push(self.offset - 1);
                    self.breaks += 1;
                }
                if let Quoting::Quoted { offset, line } = self.quoting {
                    // The file's last line: the one its final line break ends, or the one after.
                    let last_line = if self.after_cr || self.after_lf { self.breaks } else { self.breaks + 1 };
                    self.lines.end_open(OpenQuote { line, offset, last_line });
                }
                self.done = true;
                return Ok(written);
            }
            if written > 0 {
                return Ok(written);
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_delimiter_is_the_commonest_outside_quotes() {
        assert_eq!(detect_delimiter("a;b;c\n1,2;3"), b';');
        assert_eq!(detect_delimiter("\"x;y;z\",b,c\n"), b',');
        assert_eq!(detect_delimiter("a\tb\tc"), b'\t');
        assert_eq!(detect_delimiter("\u{feff}Name;E-post"), b';');
        assert_eq!(detect_delimiter("one"), b',');
    }

    #[test]
    fn windows_1252_is_decoded_while_reading() {
        let dir = tempfile::tempdir().expect("dir");
        let path = dir.path().join("k.csv");
        // "Namn;Ort\r\nÅsa Öberg;Gävle\r\n" in Windows-1252.
        let mut bytes = b"Namn;Ort\r\n".to_vec();
        bytes.extend([0xC5, b's', b'a', b' ', 0xD6, b'b', b'e', b'r', b'g', b';', b'G', 0xE4, b'v', b'l', b'e']);
        bytes.extend(b"\r\n");
        std::fs::write(&path, &bytes).expect("write");
        let source = Source::inspect(&path).expect("inspect");
        assert_eq!(source.encoding, TextEncoding::Windows1252);
        assert_eq!(source.delimiter, ";");
        let (mut reader, _) = source.reader().expect("reader");
        let rows: Vec<csv::StringRecord> = reader.records().map(|r| r.expect("record")).collect();
        assert_eq!(&rows[0][0], "Åsa Öberg");
        assert_eq!(&rows[0][1], "Gävle");
    }

    /// Line breaks are found whatever the reads cut: here one byte at a time,
    /// so that each CR is seen before the byte that says whether it is alone.
    #[test]
    fn a_line_break_cut_between_reads_is_one_break() {
        let text = "a\rb\r\nc\rd\ne\r";
        let lines = Lines::default();
        let mut reader =
            Transcode::new(std::io::Cursor::new(text.as_bytes()), UTF_8.new_decoder(), lines.clone(), b',');
        let (mut out, mut buf) = (vec![], [0_u8; 4]);
        loop {
            match reader.read(&mut buf).expect("read") {
                0 => break,
                n => out.extend_from_slice(&buf[..n]),
            }
        }
        assert_eq!(out, text.as_bytes());
        let breaks: Vec<u64> = lines.0.lock().expect("lines").pending.iter().copied().collect();
        assert_eq!(breaks, [1, 4, 6, 8, 10], "CR, CRLF at its LF, CR, LF, and the CR at the end");
    }

    /// A quote is open at the end only where the CSV reader would have taken
    /// the rest of the file into a field: not for a quote inside a field,
    /// a doubled one, or a quoted field closed on a later line.
    #[test]
    fn a_quote_is_open_at_the_end_only_where_the_reader_left_it_open() {
        let open_at = |text: &str, delimiter: u8| {
            let lines = Lines::default();
            let mut reader =
                Transcode::new(std::io::Cursor::new(text.as_bytes()), UTF_8.new_decoder(), lines.clone(), delimiter);
            std::io::copy(&mut reader, &mut std::io::sink()).expect("read");
            let open = lines.0.lock().expect("lines").open_quote;
            open.map(|q| (q.line, q.offset, q.last_line))
        };
        assert_eq!(open_at("a,b\n1,TV 55\" skärm\n2,x\n", b','), None, "a quote inside a field");
        assert_eq!(open_at("a,b\n1,\"Kabel \"\"HDMI\"\"\"\n2,x", b','), None, "doubled quotes");
        assert_eq!(open_at("a,b\r\n1,\"två\r\nrader\"\r\n", b','), None, "closed on the next line");
        assert_eq!(open_at("a;b\n1;\"x\"y\"\n", b';'), None, "closed, then a quote inside");
        assert_eq!(open_at("a,b\n1,\"x\n2,y\n", b','), Some((2, 6, 3)));
        assert_eq!(open_at("a,b\r\n1,\"x\r\n2,y", b','), Some((2, 7, 3)), "no line break at the end");
        assert_eq!(open_at("a;b\r1;\"x\r2;y\r", b';'), Some((2, 6, 3)), "a CR alone ends a line");
        assert_eq!(open_at("a;b\n1;x,\"y\n", b';'), None, "not at the start of a `;` field");
        assert_eq!(open_at("a\tb\n1\t\"y\n", b'\t'), Some((2, 6, 2)), "open on the last line");
    }

    /// Nordic, Finnish and German names saved by Excel on Windows
    /// (Windows-1252) or Excel for Mac (Mac OS Roman) are each read as saved.
    #[test]
    fn windows_1252_and_mac_roman_are_told_apart() {
        let names = [
            "Åsa Öberg;Gävle\r\nÄrla Ängström;Umeå",
            "åsa öberg;gävle",
            "Øystein Ærø;Tromsø\r\nÅse Bråten;Bærum",
            "Mikko Hyvärinen;Jyväskylä",
            "Jürgen Weiß;Köln; für €12",
        ];
        for text in names {
            for (encoding, want) in [(WINDOWS_1252, TextEncoding::Windows1252), (MACINTOSH, TextEncoding::MacRoman)] {
                let (bytes, _, unmappable) = encoding.encode(text);
                assert!(!unmappable, "{text} in {}", encoding.name());
                assert_eq!(TextEncoding::detect(&bytes, false), want, "{text} in {}", encoding.name());
            }
        }
        // Capitals alone: Ä and Ö are € and … in Windows-1252, but never on a letter there.
        for text in ["ÄRLA ÖBERG;ÖREBRO", "Örjan Ek;Älmhult", "BJÖRK;ÖLAND"] {
            let (bytes, _, unmappable) = MACINTOSH.encode(text);
            assert!(!unmappable, "{text}");
            assert_eq!(TextEncoding::detect(&bytes, false), TextEncoding::MacRoman, "{text}");
        }
        for text in ["Pris: 12 €;Vänta… nu", "Ö. Ek;€ 12;“billigt”…", "Åsa;Väntar…OK"] {
            assert_eq!(TextEncoding::detect(&WINDOWS_1252.encode(text).0, false), TextEncoding::Windows1252, "{text}");
        }
        // No letter to tell them by: the commoner.
        assert_eq!(
            TextEncoding::detect(&WINDOWS_1252.encode("Pris: 12 € – “billigt”").0, false),
            TextEncoding::Windows1252
        );
    }

    /// UTF-16 is known by its byte-order mark, and without one by the NUL
    /// beside each ASCII character; other files with NUL bytes are not it.
    #[test]
    fn utf16_with_and_without_its_mark() {
        let text = "Kundnr\tNamn\tOrt\r\nK1\tÅsa Öberg\tGävle 😀\r\nK2\tØystein Ærø\tTromsø\r\n";
        let le: Vec<u8> = text.encode_utf16().flat_map(u16::to_le_bytes).collect();
        let be: Vec<u8> = text.encode_utf16().flat_map(u16::to_be_bytes).collect();
        assert_eq!(TextEncoding::detect(&le, true), TextEncoding::Utf16Le);
        assert_eq!(TextEncoding::detect(&be, true), TextEncoding::Utf16Be);
        assert_eq!(TextEncoding::detect(&[&[0xFF, 0xFE][..], &le].concat(), false), TextEncoding::Utf16Le);
        assert_eq!(TextEncoding::detect(&[&[0xFE, 0xFF][..], &be].concat(), false), TextEncoding::Utf16Be);
        let decoded = UTF_16LE.decode_without_bom_handling(&le).0;
        assert_eq!(decoded, text);
        // A binary file's NULs fall anywhere; a text with one stray NUL is no UTF-16.
        let binary: Vec<u8> = (0..4096_u32).map(|i| if i % 3 == 0 { 0 } else { (i * 7 % 251) as u8 }).collect();
        assert_eq!(TextEncoding::detect(&binary, false), TextEncoding::Windows1252);
        assert_eq!(TextEncoding::detect(b"name;email\nAsa;a@b.se\0\n", true), TextEncoding::Utf8);
        assert_eq!(TextEncoding::detect(b"a\0", true), TextEncoding::Utf8, "too short to tell");
    }

    /// Each record's line, after blank lines and quoted line breaks, with LF,
    /// CRLF and no line break at the end.
    #[test]
    fn records_are_numbered_by_the_line_they_start_on() {
        let dir = tempfile::tempdir().expect("dir");
        for text in [
            "h;a\r\nx;1\r\n\r\n\"y\r\nz\";2\r\nw;3",
            "h;a\nx;1\n\n\"y\nz\";2\nw;3\n",
            "\u{feff}h;a\nx;1\n\n\n\"y\nz\";2\n\nw;3",
            "h;a\rx;1\r\r\"y\rz\";2\rw;3\r",
            "h;a\rx;1\r\r\"y\rz\";2\rw;3",
        ] {
            let path = dir.path().join("l.csv");
            std::fs::write(&path, text).expect("write");
            let (mut reader, lines) = Source::inspect(&path).expect("inspect").reader().expect("reader");
            let mut rec = csv::StringRecord::new();
            let mut got = vec![];
            while reader.read_record(&mut rec).expect("read") {
                got.push((rec[0].to_owned(), lines.start_of(reader.position().byte(), &rec)));
            }
            let line_break = if text.contains("\r\n") { 2 } else { 1 };
            let want_y = if text.contains("\n\n\n") { 5 } else { 4 };
            let want_w = if text.contains("\n\n\n") { 8 } else { 6 };
            assert_eq!(
                got,
                vec![
                    ("x".into(), 2),
                    ("y\nz".replace("\n", &text[text.find(['\r', '\n']).unwrap_or(0)..][..line_break]), want_y),
                    ("w".into(), want_w)
                ],
                "{text:?}"
            );
        }
    }
}
