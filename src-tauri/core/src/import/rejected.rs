//! The rows an import sets aside (`--skip-invalid`), in a file beside the
//! input: "kunder.csv" → "kunder.rejected.csv". It is written as the input was
//! (its delimiter, its encoding), so that it opens where the shop opened the
//! export (a Windows-1252 file with `;` in a Nordic spreadsheet), the rows can
//! be mended and the file imported again; its last column says what was
//! wrong, in the language of whoever imports (the window's; the register's
//! from the command line).

use std::fs::File;
use std::io::{BufWriter, Write};
use std::path::{Path, PathBuf};

use super::read::{Source, TextEncoding};
use super::RowError;
use crate::error::{Error, Result};
use crate::i18n::Translator;

pub(crate) struct Rejected {
    /// The input's delimiter; each record is encoded into `file` as the input was.
    rows: csv::WriterBuilder,
    /// Flushed, synced and closed before the file is named, so that its name
    /// stands for the whole file; closed before it is removed.
    file: Option<BufWriter<File>>,
    encoding: TextEncoding,
    width: usize,
    tr: Translator,
    partial: PathBuf,
    path: PathBuf,
}

impl Rejected {
    /// Starts the file under a temporary name, with the input's header and the reason's column.
    pub fn create(source: &Source, header: &[String], tr: Translator) -> Result<Rejected> {
        let input = &source.path;
        let stem = input.file_stem().map(|s| s.to_string_lossy().into_owned()).unwrap_or_else(|| "import".into());
        let dir = input.parent().filter(|d| !d.as_os_str().is_empty()).unwrap_or(Path::new("."));
        let path = dir.join(format!("{stem}.rejected.csv"));
        let partial = dir.join(format!(".{stem}.rejected.csv.partial"));
        let mut file = BufWriter::new(File::create(&partial).map_err(|e| file_error(&partial, e))?);
        let bom = match source.encoding {
            TextEncoding::Utf8Bom => "\u{feff}".as_bytes().to_vec(),
            TextEncoding::Utf16Le | TextEncoding::Utf16Be => utf16("\u{feff}", source.encoding),
            TextEncoding::Utf8 | TextEncoding::Windows1252 | TextEncoding::MacRoman => vec![],
        };
        file.write_all(&bom).map_err(|e| file_error(&partial, e))?;
        let delimiter = source.delimiter.bytes().next().unwrap_or(b',');
        let mut rows = csv::WriterBuilder::new();
        rows.delimiter(delimiter);
        let mut rejected =
            Rejected { rows, file: Some(file), encoding: source.encoding, width: header.len(), tr, partial, path };
        let mut first = header.to_vec();
        first.push(rejected.tr.t("import-rejected-column"));
        rejected.record(&first)?;
        Ok(rejected)
    }

    /// The rows of one record (an order spans several) and why they were set
    /// aside: each problem with its column, those of one line after its number.
    pub fn write(&mut self, problems: &[(u64, RowError)], rows: &[csv::StringRecord]) -> Result<()> {
        let mut lines: Vec<(u64, Vec<String>)> = vec![];
        for (line, e) in problems {
            let reason = e.message.in_language(&self.tr);
            let cell = match e.column.as_str() {
                "-" => reason,
                column => self.tr.t_args("import-rejected-cell", &[("column", column.to_owned()), ("reason", reason)]),
            };
            match lines.last_mut() {
                Some((last, cells)) if last == line => cells.push(cell),
                _ => lines.push((*line, vec![cell])),
            }
        }
        let why = lines
            .into_iter()
            .map(|(line, cells)| {
                self.tr.t_args("import-rejected-reason", &[("line", line.to_string()), ("reason", cells.join("; "))])
            })
            .collect::<Vec<_>>()
            .join("; ");
        for r in rows {
            let mut row: Vec<String> = r.iter().map(str::to_owned).collect();
            row.resize(self.width, String::new());
            row.push(why.clone());
            self.record(&row)?;
        }
        Ok(())
    }

    fn record(&mut self, row: &[String]) -> Result<()> {
        let mut text = vec![];
        let mut writer = self.rows.from_writer(&mut text);
        writer.write_record(row).and_then(|()| Ok(writer.flush()?)).map_err(|e| file_error(&self.partial, e))?;
        drop(writer);
        let bytes = match self.encoding {
            TextEncoding::Windows1252 | TextEncoding::MacRoman => {
                self.encoding.encoding().encode(&String::from_utf8_lossy(&text)).0.into_owned()
            }
            TextEncoding::Utf16Le | TextEncoding::Utf16Be => utf16(&String::from_utf8_lossy(&text), self.encoding),
            TextEncoding::Utf8 | TextEncoding::Utf8Bom => text,
        };
        let file = self.file.as_mut().ok_or_else(|| file_error(&self.partial, "closed"))?;
        file.write_all(&bytes).map_err(|e| file_error(&self.partial, e))
    }

    /// Gives the file its name when it holds a row (when none was set
    /// aside, dropping it removes it).
    pub fn finish(mut self, any: bool) -> Result<Option<PathBuf>> {
        if !any {
            return Ok(None);
        }
        if let Some(file) = self.file.take() {
            let file = file.into_inner().map_err(|e| file_error(&self.partial, e.error()))?;
            file.sync_all().map_err(|e| file_error(&self.partial, e))?;
        }
        std::fs::rename(&self.partial, &self.path).map_err(|e| file_error(&self.path, e))?;
        Ok(Some(std::mem::take(&mut self.path)))
    }
}

/// `text` in UTF-16 of `encoding`'s byte order (encoding_rs encodes only to
/// UTF-8 where UTF-16 is asked for, as the WHATWG standard has it).
fn utf16(text: &str, encoding: TextEncoding) -> Vec<u8> {
    let big = encoding == TextEncoding::Utf16Be;
    text.encode_utf16().flat_map(|u| if big { u.to_be_bytes() } else { u.to_le_bytes() }).collect()
}

/// An import that changed nothing (refused, cancelled, failed) leaves no file:
/// the unfinished one goes with the import (after `finish`, it has its name).
impl Drop for Rejected {
    fn drop(&mut self) {
        drop(self.file.take());
        let _ = std::fs::remove_file(&self.partial);
    }
}

fn file_error(path: &Path, e: impl std::fmt::Display) -> Error {
    Error::File { path: path.display().to_string(), reason: e.to_string() }
}
