//! The file an export writes: under a hidden name beside its place, hashed as
//! it is written, and renamed into place only when whole, so that a failed
//! export leaves nothing and an earlier file of the same name stays.

use std::io::Write;
use std::path::{Path, PathBuf};

use serde::Serialize;
use sha2::{Digest, Sha256};

use crate::error::{Error, Result};

/// A file writer that hashes what it writes.
pub(super) struct Hashing {
    file: std::io::BufWriter<std::fs::File>,
    hasher: Sha256,
}

impl Write for Hashing {
    fn write(&mut self, buf: &[u8]) -> std::io::Result<usize> {
        let n = self.file.write(buf)?;
        self.hasher.update(&buf[..n]);
        Ok(n)
    }
    fn flush(&mut self) -> std::io::Result<()> {
        self.file.flush()
    }
}

impl Hashing {
    /// A CSV for the spreadsheets used in the Nordics: UTF-8 with a byte-order
    /// mark, `;` between cells, and the header row.
    pub fn into_csv(mut self, header: &[String], path: &Path) -> Result<csv::Writer<Hashing>> {
        self.write_all("\u{feff}".as_bytes()).map_err(io(path))?;
        let mut writer = csv::WriterBuilder::new().delimiter(b';').from_writer(self);
        writer.write_record(header).map_err(csv_err)?;
        Ok(writer)
    }

    /// A JSON document of `head`'s fields and then the array `key`, whose
    /// items follow one by one (so that memory does not grow with them).
    pub fn into_json(mut self, head: &serde_json::Value, key: &str, path: &Path) -> Result<JsonItems> {
        let text = serde_json::to_string(head).map_err(|e| Error::Internal(e.to_string()))?;
        // The head object without its closing brace, then the items as they come.
        write!(self, "{},\"{key}\":[", &text[..text.len() - 1]).map_err(io(path))?;
        Ok(JsonItems { out: self, first: true })
    }
}

/// The items of a JSON document's array, written as they come.
pub(super) struct JsonItems {
    pub out: Hashing,
    first: bool,
}

impl JsonItems {
    pub fn push(&mut self, item: &impl Serialize, path: &Path) -> Result<()> {
        if !self.first {
            self.out.write_all(b",").map_err(io(path))?;
        }
        self.first = false;
        serde_json::to_writer(&mut self.out, item).map_err(|e| Error::Internal(e.to_string()))
    }

    /// Ends the array, and the document with its `totals`.
    pub fn close(mut self, totals: &impl Serialize, path: &Path) -> Result<Hashing> {
        let text = serde_json::to_string(totals).map_err(|e| Error::Internal(e.to_string()))?;
        writeln!(self.out, "],\"totals\":{text}}}").map_err(io(path))?;
        Ok(self.out)
    }
}

pub(super) fn csv_err(e: csv::Error) -> Error {
    Error::Internal(format!("writing CSV: {e}"))
}

/// A CSV writer's file, flushed.
pub(super) fn csv_done(writer: csv::Writer<Hashing>) -> Result<Hashing> {
    writer.into_inner().map_err(|e| Error::Internal(e.to_string()))
}

/// An export's file while it is written.
pub(super) struct Staged {
    /// The hidden file beside the place.
    pub partial: PathBuf,
    /// The file name at the place, as the audit entry records it.
    pub name: String,
}

impl Staged {
    /// Starts the file for `out`, which must be a file in an existing folder.
    pub fn begin(out: &Path) -> Result<(Staged, Hashing)> {
        crate::files::check_target(out)?;
        let name = out.file_name().map(|n| n.to_string_lossy().into_owned()).unwrap_or_default();
        let partial = crate::files::partial_of(out)?;
        let file = std::fs::File::create(&partial).map_err(io(&partial))?;
        let hashing = Hashing { file: std::io::BufWriter::new(file), hasher: Sha256::new() };
        Ok((Staged { partial, name }, hashing))
    }

    /// Puts the whole file in its place: its SHA-256 in hex, and what the
    /// writing of it gave besides. A writing that failed leaves no file.
    pub fn finish<T>(&self, written: Result<(Hashing, T)>, out: &Path) -> Result<(String, T)> {
        let (mut hashing, besides) = match written {
            Ok(w) => w,
            Err(e) => {
                self.abandon();
                return Err(e);
            }
        };
        if let Err(e) = hashing.flush() {
            self.abandon();
            return Err(io(&self.partial)(e));
        }
        let digest = hex::encode(hashing.hasher.finalize());
        drop(hashing.file);
        if let Err(e) = std::fs::rename(&self.partial, out) {
            self.abandon();
            return Err(io(out)(e));
        }
        Ok((digest, besides))
    }

    /// Removes the unfinished file.
    pub fn abandon(&self) {
        let _ = std::fs::remove_file(&self.partial);
    }
}

pub(super) fn io(path: &Path) -> impl Fn(std::io::Error) -> Error + '_ {
    move |e| Error::File { path: path.display().to_string(), reason: e.to_string() }
}

impl crate::Register {
    /// Records in the audit trail that a file was saved: `about` says which
    /// (its name, its digest, what it holds), `entity` and `id` what it was of.
    pub(super) async fn audit_saved(
        &self,
        action: crate::audit::Action,
        entity: &str,
        id: impl ToString,
        about: serde_json::Value,
    ) -> Result<()> {
        let mut tx = self.store().begin(self.actor()).await?;
        tx.audit(action, entity, id, None, None, Some(&about)).await?;
        tx.commit().await
    }
}
