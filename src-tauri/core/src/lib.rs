//! Kundvakt's domain core: the customer register, data-subject requests,
//! retention under the bookkeeping law, reports, import and export, the audit
//! trail and storage. It knows nothing of windows or webviews: the command line,
//! the desktop app and the tests all drive it through [`register::Register`].

mod macros;

pub mod assessments;
pub mod audit;
pub mod backup;
pub mod breaches;
pub mod calendar;
pub mod countries;
pub mod demo;
pub mod error;
pub mod export;
pub mod files;
pub mod fiscal_years;
pub mod i18n;
pub mod import;
pub mod message;
pub mod processing;
pub mod register;
pub mod reports;
pub mod requests;
pub mod retention;
pub mod settings;
pub mod sharing;
pub mod store;
pub mod values;

pub use error::{Error, Result};
pub use message::Message;
pub use register::Register;
pub use store::cipher::Passphrase;
pub use store::{Backend, Location, OpenMode, Store};

impl Register {
    /// The audit chain's head (sequence number and hash), for documents and backups.
    pub async fn audit_head(&self) -> Result<(i64, String)> {
        store::audit::head_now(self.store()).await
    }
}
