//! The invoice journal: every invoice, reminder and credit note issued in a
//! period, for the accountant, as CSV (the order export's conventions) or JSON
//! (schema `docs/schema/invoice-export.v1.json`).
//!
//! The order history says what was sold; this says what was billed and, above
//! all, what was taken back: a refund is a credit note (an issued invoice is
//! never changed), a voucher of its own that the books need (BFL 5 kap. 6 §,
//! bokføringsloven § 10, and their neighbours' laws alike). Each invoice and
//! credit note carries its share of its order's VAT, in proportion to its
//! amount; a reminder is no sale and carries none. Erased customers appear
//! under their pseudonym, and restricted records are included for the same
//! reason as in the order export (GDPR Art. 18(2)).

use std::collections::BTreeMap;
use std::path::Path;

use chrono::NaiveDate;
use schemars::JsonSchema;
use serde::Serialize;

use super::file::{csv_done, csv_err, Hashing, JsonItems, Staged};
use super::{amount, neutralise, vat, ExportFormat};
use crate::audit::Action;
use crate::error::{Error, Result};
use crate::i18n::Translator;
use crate::register::InvoiceKind;
use crate::store::records::JournalEntry;
use crate::values::{InvoiceId, Money};
use crate::Register;

/// One invoice, reminder or credit note as exported.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, JsonSchema)]
pub struct ExportInvoice {
    pub number: String,
    pub kind: InvoiceKind,
    pub issued_on: NaiveDate,
    pub due_on: Option<NaiveDate>,
    /// The number of the order it bills.
    pub order: String,
    /// The customer number, or the pseudonym of an erased customer.
    pub customer: String,
    /// Restricted (Art. 18): kept only for the bookkeeping obligation.
    pub restricted: bool,
    /// A credit note's: the number of the invoice it credits.
    pub credits: Option<String>,
    /// The amount less its VAT; none for a reminder.
    pub net: Option<Money>,
    /// Its share of the order's VAT, in proportion to the amount; none for a reminder.
    pub vat: Option<Money>,
    /// What the voucher says: negative for a credit note.
    pub gross: Money,
}

/// The journal's sums in one currency: invoices and credit notes (a
/// reminder asks again for an invoice's amount, and is counted apart).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, JsonSchema)]
pub struct InvoiceTotal {
    pub invoices: i64,
    pub credit_notes: i64,
    pub reminders: i64,
    pub net: Money,
    pub vat: Money,
    pub gross: Money,
}

/// The JSON export (schema `docs/schema/invoice-export.v1.json`), its
/// invoices streamed one by one.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, JsonSchema)]
pub struct InvoiceExport {
    /// Always "kundvakt/invoice-export".
    pub schema: String,
    pub schema_version: u32,
    pub controller: String,
    pub from: NaiveDate,
    pub to: NaiveDate,
    pub invoices: Vec<ExportInvoice>,
    pub totals: Vec<InvoiceTotal>,
}

/// What an export of the journal wrote.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, JsonSchema)]
pub struct InvoiceExportSummary {
    pub path: String,
    pub from: NaiveDate,
    pub to: NaiveDate,
    /// Invoices, reminders and credit notes written.
    pub rows: i64,
    pub totals: Vec<InvoiceTotal>,
    /// SHA-256 of the file's bytes.
    pub digest: String,
}

fn export_invoice(e: JournalEntry) -> ExportInvoice {
    let i = e.invoice;
    let currency = i.amount.currency;
    let (net, vat) = if i.kind == InvoiceKind::Reminder {
        (None, None)
    } else {
        let vat = vat::share(i.amount.minor, e.order_vat_minor, e.order_total_minor);
        (Some(Money::new(i.amount.minor - vat, currency)), Some(Money::new(vat, currency)))
    };
    ExportInvoice {
        number: i.number,
        kind: i.kind,
        issued_on: i.issued_on,
        due_on: i.due_on,
        order: e.order,
        customer: e.customer.or(e.pseudonym).unwrap_or_default(),
        restricted: e.restricted,
        credits: i.credits,
        net,
        vat,
        gross: i.amount,
    }
}

enum Sink {
    Csv { writer: Box<csv::Writer<Hashing>>, decimal_comma: bool, kinds: BTreeMap<InvoiceKind, String> },
    Json(JsonItems),
}

impl Sink {
    fn open(
        format: ExportFormat,
        out: Hashing,
        tr: &Translator,
        decimal_comma: bool,
        head: serde_json::Value,
        path: &Path,
    ) -> Result<Sink> {
        Ok(match format {
            ExportFormat::Csv => {
                let header: Vec<String> = [
                    "invoice", "kind", "issued", "due", "order", "customer", "credits", "net", "vat", "gross",
                    "currency",
                ]
                .iter()
                .map(|k| tr.t(&format!("export-col-{k}")))
                .collect();
                let writer = out.into_csv(&header, path)?;
                let kinds = InvoiceKind::ALL.iter().map(|k| (*k, tr.t(&format!("invoice-kind-{k}")))).collect();
                Sink::Csv { writer: Box::new(writer), decimal_comma, kinds }
            }
            ExportFormat::Json => Sink::Json(out.into_json(&head, "invoices", path)?),
            ExportFormat::Sie => return Err(no_sie()),
        })
    }

    fn write(&mut self, i: &ExportInvoice, path: &Path) -> Result<()> {
        match self {
            Sink::Csv { writer, decimal_comma, kinds } => {
                let money = |m: Option<Money>| m.map(|m| amount(m, *decimal_comma)).unwrap_or_default();
                writer
                    .write_record([
                        neutralise(&i.number),
                        kinds.get(&i.kind).cloned().unwrap_or_else(|| i.kind.to_string()),
                        i.issued_on.to_string(),
                        i.due_on.map(|d| d.to_string()).unwrap_or_default(),
                        neutralise(&i.order),
                        neutralise(&i.customer),
                        neutralise(i.credits.as_deref().unwrap_or("")),
                        money(i.net),
                        money(i.vat),
                        money(Some(i.gross)),
                        i.gross.currency.code().to_owned(),
                    ])
                    .map_err(csv_err)
            }
            Sink::Json(items) => items.push(i, path),
        }
    }

    fn close(self, totals: &[InvoiceTotal], path: &Path) -> Result<Hashing> {
        match self {
            Sink::Csv { writer, .. } => csv_done(*writer),
            Sink::Json(items) => items.close(&totals, path),
        }
    }
}

/// The journal is not an SIE file: the order export's SIE books the credit notes.
fn no_sie() -> Error {
    Error::invalid("--format", crate::msg!("msg-sie-invoices"))
}

fn add_to(totals: &mut BTreeMap<String, InvoiceTotal>, i: &ExportInvoice) {
    let zero = Money::new(0, i.gross.currency);
    let t = totals.entry(i.gross.currency.code().to_owned()).or_insert_with(|| InvoiceTotal {
        invoices: 0,
        credit_notes: 0,
        reminders: 0,
        net: zero,
        vat: zero,
        gross: zero,
    });
    match i.kind {
        InvoiceKind::Reminder => {
            t.reminders += 1;
            return;
        }
        InvoiceKind::Invoice => t.invoices += 1,
        InvoiceKind::CreditNote => t.credit_notes += 1,
    }
    t.net.minor += i.net.map(|m| m.minor).unwrap_or(0);
    t.vat.minor += i.vat.map(|m| m.minor).unwrap_or(0);
    t.gross.minor += i.gross.minor;
}

impl Register {
    /// Writes the invoices, reminders and credit notes issued `from` through `to` to `out`.
    pub async fn export_invoices(
        &self,
        from: NaiveDate,
        to: NaiveDate,
        format: ExportFormat,
        decimal_comma: bool,
        out: &Path,
    ) -> Result<InvoiceExportSummary> {
        if to < from {
            return Err(Error::invalid("--to", crate::msg!("msg-to-before-from", to, from)));
        }
        let settings = self.settings().await?;
        let tr = Translator::new(settings.language());
        let head = super::json_head("kundvakt/invoice-export", &settings, from, to);
        if format == ExportFormat::Sie {
            return Err(no_sie());
        }
        let (staged, hashing) = Staged::begin(out)?;
        let result = async {
            let mut sink = Sink::open(format, hashing, &tr, decimal_comma, head, &staged.partial)?;
            let mut totals: BTreeMap<String, InvoiceTotal> = BTreeMap::new();
            let mut rows = 0_i64;
            let mut after = (from.pred_opt().unwrap_or(from), InvoiceId(0));
            // Every page from one moment of the register (see `export_orders`).
            let mut snapshot = self.store().snapshot().await?;
            loop {
                let page = crate::store::records::invoices_between(&mut snapshot, from, to, after, 2000).await?;
                let Some(last) = page.last() else { break };
                after = (last.invoice.issued_on, last.invoice.id);
                for entry in page {
                    let i = export_invoice(entry);
                    add_to(&mut totals, &i);
                    rows += 1;
                    sink.write(&i, &staged.partial)?;
                }
            }
            snapshot.end().await?;
            let totals: Vec<InvoiceTotal> = totals.into_values().collect();
            Ok::<_, Error>((sink.close(&totals, &staged.partial)?, (rows, totals)))
        }
        .await;
        let (digest, (rows, totals)) = staged.finish(result, out)?;
        let summary = InvoiceExportSummary { path: out.display().to_string(), from, to, rows, totals, digest };
        let about = serde_json::json!({
            "file": staged.name, "format": format, "from": from, "to": to, "rows": rows, "digest": summary.digest,
        });
        self.audit_saved(Action::ExportInvoices, "export", format!("{from}..{to}"), about).await?;
        Ok(summary)
    }
}
