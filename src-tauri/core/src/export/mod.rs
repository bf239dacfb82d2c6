//! The accountant's export: the order history of a period, one row per order
//! line, as CSV for the spreadsheets used in the Nordics (UTF-8 with a BOM, `;`,
//! optionally a decimal comma) or JSON with a documented schema.
//!
//! An erased customer's orders appear under the stable pseudonym, never a name;
//! restricted records are exported because this export serves the bookkeeping
//! obligation they are kept for (GDPR Art. 18(2)). Amounts are the register's:
//! each order's lines add up to its total, and the order's VAT is spread over
//! its lines so that the VAT column adds up to the VAT booked. Orders are read a
//! page at a time and written as they come, so memory does not grow with the
//! period; the file appears whole or not at all, and the export is audited.
//! The same period as SIE 4 vouchers for a Swedish bookkeeping program is
//! [`sie`]'s.

pub mod consents;
mod file;
pub mod invoices;
pub mod recipients;
pub mod requests;
pub mod sie;
pub mod trail;
mod vat;

use std::collections::BTreeMap;
use std::path::Path;

use chrono::NaiveDate;
use schemars::JsonSchema;
use serde::Serialize;

use crate::audit::Action;
use crate::error::{Error, Result};
use crate::i18n::Translator;
use crate::macros::text_enum;
use crate::register::{Order, OrderStatus};
use crate::store::Snapshot;
use crate::values::{InvoiceId, Money, OrderId};
use crate::Register;
use file::{csv_done, csv_err, Hashing, JsonItems, Staged};

text_enum! {
    /// `sie`: an SIE 4I file of vouchers for a Swedish bookkeeping program.
    pub enum ExportFormat { Csv = "csv", Json = "json", Sie = "sie" }
}

/// One line of an order as exported.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, JsonSchema)]
pub struct ExportLine {
    /// 0 for an order recorded without lines (the row carries the order's totals).
    pub line_no: i64,
    pub description: String,
    pub quantity: i64,
    /// Percent with two decimals, such as "25.00"; empty where none is known.
    pub vat_rate: String,
    pub net: Money,
    pub vat: Money,
    pub gross: Money,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, JsonSchema)]
pub struct ExportOrder {
    pub number: String,
    pub date: NaiveDate,
    /// The customer number, or the pseudonym of an erased customer.
    pub customer: String,
    /// Restricted (Art. 18): kept only for the bookkeeping obligation.
    pub restricted: bool,
    /// What became of the order: a cancelled or refunded one is still a
    /// voucher of the period, with its amounts as recorded.
    pub status: OrderStatus,
    pub payment_provider: Option<String>,
    pub net: Money,
    pub vat: Money,
    pub gross: Money,
    pub lines: Vec<ExportLine>,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, JsonSchema)]
pub struct CurrencyTotal {
    pub orders: i64,
    pub net: Money,
    pub vat: Money,
    pub gross: Money,
}

/// The JSON export (schema `docs/schema/order-export.v1.json`). The file is
/// written in this shape, its orders streamed one by one.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, JsonSchema)]
pub struct OrderExport {
    /// Always "kundvakt/order-export".
    pub schema: String,
    pub schema_version: u32,
    pub controller: String,
    pub from: NaiveDate,
    pub to: NaiveDate,
    pub orders: Vec<ExportOrder>,
    pub totals: Vec<CurrencyTotal>,
}

/// What an export wrote.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, JsonSchema)]
pub struct ExportSummary {
    pub path: String,
    pub from: NaiveDate,
    pub to: NaiveDate,
    /// The orders in the file (in an SIE file, those booked).
    pub orders: i64,
    /// CSV and JSON: the order lines written; SIE: the vouchers.
    pub rows: i64,
    pub totals: Vec<CurrencyTotal>,
    /// SIE: the credit notes of the period, each a voucher.
    pub credit_notes: i64,
    /// SIE: the cancelled orders left out (no credit note credits them: they were never sales).
    pub left_out: i64,
    /// SHA-256 of the file's bytes.
    pub digest: String,
}

/// Who an order is listed under: its customer's number, or the pseudonym
/// once the customer is erased.
fn customer_of(o: &Order, owner: Option<String>) -> String {
    owner.or_else(|| o.pseudonym.clone()).unwrap_or_default()
}

fn export_order(o: &Order, owner: Option<String>) -> ExportOrder {
    let currency = o.total.currency;
    let m = |minor| Money::new(minor, currency);
    let lines = if o.lines.is_empty() {
        vec![ExportLine {
            line_no: 0,
            description: String::new(),
            quantity: 1,
            vat_rate: vat::effective_rate(o.total.minor, o.vat.minor),
            net: m(o.total.minor - o.vat.minor),
            vat: o.vat,
            gross: o.total,
        }]
    } else {
        let shares = vat::allocate(o);
        o.lines
            .iter()
            .zip(shares)
            .map(|(l, share)| ExportLine {
                line_no: l.line_no,
                description: l.description.clone(),
                quantity: l.quantity,
                vat_rate: share.rate_text(),
                net: m(l.gross().minor - share.vat),
                vat: m(share.vat),
                gross: l.gross(),
            })
            .collect()
    };
    ExportOrder {
        number: o.number.clone(),
        date: o.order_date,
        customer: customer_of(o, owner),
        restricted: o.restricted,
        status: o.status,
        payment_provider: o.payment_provider.clone(),
        net: m(o.total.minor - o.vat.minor),
        vat: o.vat,
        gross: o.total,
        lines,
    }
}

/// The fields of a JSON export before its items: the schema, the controller, the period.
fn json_head(schema: &str, settings: &crate::settings::Settings, from: NaiveDate, to: NaiveDate) -> serde_json::Value {
    serde_json::json!({
        "schema": schema, "schema_version": 1,
        "controller": settings.get("controller.name").unwrap_or_default(),
        "from": from, "to": to,
    })
}

/// A cell a spreadsheet would run as a formula (`=`, `+`, `-`, `@`, tab, CR
/// first) gets a leading apostrophe (OWASP's advice on CSV injection).
pub fn neutralise(text: &str) -> String {
    match text.chars().next() {
        Some('=' | '+' | '-' | '@' | '\t' | '\r') => format!("'{text}"),
        _ => text.to_owned(),
    }
}

/// The cells that name a customer on a mailing list (number, name, e-mail,
/// phone), each as a spreadsheet may open it.
pub(crate) fn contact_cells(c: &crate::register::Customer) -> [String; 4] {
    let cell = |v: &Option<String>| neutralise(v.as_deref().unwrap_or(""));
    [neutralise(&c.number), cell(&c.name), cell(&c.email), neutralise_phone(c.phone.as_deref().unwrap_or(""))]
}

/// A phone number as a mailing tool needs it: in E.164 (`+46701234567`, a
/// plus and digits, which no formula can carry a payload in) as it is,
/// anything else neutralised.
pub fn neutralise_phone(phone: &str) -> String {
    match phone.strip_prefix('+') {
        Some(digits) if !digits.is_empty() && digits.bytes().all(|b| b.is_ascii_digit()) => phone.to_owned(),
        _ => neutralise(phone),
    }
}

fn amount(m: Money, decimal_comma: bool) -> String {
    let s = m.to_decimal_string();
    if decimal_comma {
        s.replace('.', ",")
    } else {
        s
    }
}

enum Sink {
    /// `statuses`: each order status in the shop's language, as the CSV's cells say it.
    Csv {
        writer: Box<csv::Writer<Hashing>>,
        decimal_comma: bool,
        statuses: BTreeMap<OrderStatus, String>,
    },
    Json(JsonItems),
    Sie {
        out: Hashing,
        writer: Box<sie::SieWriter>,
    },
}

impl Register {
    /// Writes the orders dated `from` through `to` to `out`.
    pub async fn export_orders(
        &self,
        from: NaiveDate,
        to: NaiveDate,
        format: ExportFormat,
        decimal_comma: bool,
        out: &Path,
    ) -> Result<ExportSummary> {
        if to < from {
            return Err(Error::invalid("--to", crate::msg!("msg-to-before-from", to, from)));
        }
        let settings = self.settings().await?;
        let tr = Translator::new(settings.language());
        let (staged, mut hashing) = Staged::begin(out)?;
        let partial = staged.partial.clone();
        let result = async {
            let mut sink = match format {
                ExportFormat::Csv => {
                    let header: Vec<String> = [
                        "order",
                        "date",
                        "customer",
                        "line",
                        "description",
                        "quantity",
                        "net",
                        "vat-rate",
                        "vat",
                        "gross",
                        "currency",
                        "payment",
                        "status",
                    ]
                    .iter()
                    .map(|k| tr.t(&format!("export-col-{k}")))
                    .collect();
                    let writer = hashing.into_csv(&header, &partial)?;
                    let statuses = OrderStatus::ALL.iter().map(|s| (*s, tr.t(&format!("order-status-{s}")))).collect();
                    Sink::Csv { writer: Box::new(writer), decimal_comma, statuses }
                }
                ExportFormat::Json => {
                    let head = json_head("kundvakt/order-export", &settings, from, to);
                    Sink::Json(hashing.into_json(&head, "orders", &partial)?)
                }
                ExportFormat::Sie => {
                    let writer = sie::SieWriter::begin(&mut hashing, &settings, self.today().await?)?;
                    Sink::Sie { out: hashing, writer: Box::new(writer) }
                }
            };
            // Every page, the credit notes and so the totals come from one
            // moment of the register, whatever others record meanwhile.
            let mut snapshot = self.store().snapshot().await?;
            let mut totals: BTreeMap<String, CurrencyTotal> = BTreeMap::new();
            let (mut orders, mut rows, mut left_out) = (0_i64, 0_i64, 0_i64);
            let mut after = (from.pred_opt().unwrap_or(from), OrderId(0));
            loop {
                let page = crate::store::records::orders_between(&mut snapshot, from, to, after, 2000).await?;
                let Some((last, _)) = page.last() else { break };
                after = (last.order_date, last.id);
                // In the books, a cancelled order is a sale only if a credit note took it back.
                let credited = match sink {
                    Sink::Sie { .. } => {
                        let cancelled: Vec<OrderId> = page
                            .iter()
                            .filter(|(o, _)| o.status == OrderStatus::Cancelled)
                            .map(|(o, _)| o.id)
                            .collect();
                        crate::store::records::credited_orders(&mut snapshot, &cancelled).await?
                    }
                    _ => Default::default(),
                };
                for (order, owner) in page {
                    if matches!(sink, Sink::Sie { .. })
                        && order.status == OrderStatus::Cancelled
                        && !credited.contains(&order.id)
                    {
                        left_out += 1;
                        continue;
                    }
                    let t = totals.entry(order.total.currency.code().to_owned()).or_insert_with(|| {
                        let zero = Money::new(0, order.total.currency);
                        CurrencyTotal { orders: 0, net: zero, vat: zero, gross: zero }
                    });
                    t.orders += 1;
                    t.net.minor += order.total.minor - order.vat.minor;
                    t.vat.minor += order.vat.minor;
                    t.gross.minor += order.total.minor;
                    orders += 1;
                    rows += write_order(&mut sink, &order, owner, &partial)?;
                }
            }
            let mut credit_notes = 0;
            if let Sink::Sie { out, writer } = &mut sink {
                credit_notes = write_credit_notes(&mut snapshot, out, writer, from, to).await?;
                rows = orders + credit_notes;
            }
            snapshot.end().await?;
            let totals: Vec<CurrencyTotal> = totals.into_values().collect();
            let hashing = match sink {
                Sink::Csv { writer, .. } => csv_done(*writer)?,
                Sink::Json(items) => items.close(&totals, &partial)?,
                Sink::Sie { out, .. } => out,
            };
            Ok::<_, Error>((hashing, (Counts { orders, rows, credit_notes, left_out }, totals)))
        }
        .await;
        let (digest, (Counts { orders, rows, credit_notes, left_out }, totals)) = staged.finish(result, out)?;
        let summary = ExportSummary {
            path: out.display().to_string(),
            from,
            to,
            orders,
            rows,
            totals,
            credit_notes,
            left_out,
            digest,
        };
        let about = serde_json::json!({
            "file": staged.name, "format": format, "from": from, "to": to, "orders": orders,
            "credit_notes": credit_notes, "digest": summary.digest,
        });
        self.audit_saved(Action::ExportOrders, "export", format!("{from}..{to}"), about).await?;
        Ok(summary)
    }

    /// The financial year that begins in `year`, under the shop's settings
    /// (its start month, a first year, the years of a change).
    pub async fn fiscal_year(&self, year: i32) -> Result<(NaiveDate, NaiveDate)> {
        self.financial_years().await?.beginning_in(year)
    }

    /// The last financial year that has ended by `today`, what the
    /// accountant asks for first (the year `today` is in while the first runs).
    pub async fn last_fiscal_year(&self, today: NaiveDate) -> Result<(NaiveDate, NaiveDate)> {
        Ok(self.financial_years().await?.last_closed(today))
    }
}

/// The SIE vouchers of the credit notes issued `from` through `to`, read a
/// page at a time with the orders they credit; how many there were.
async fn write_credit_notes(
    snapshot: &mut Snapshot,
    out: &mut Hashing,
    writer: &sie::SieWriter,
    from: NaiveDate,
    to: NaiveDate,
) -> Result<i64> {
    let mut after = (from.pred_opt().unwrap_or(from), InvoiceId(0));
    let mut count = 0;
    loop {
        let page = crate::store::records::credit_notes_between(snapshot, from, to, after, 500).await?;
        let Some(last) = page.last() else { break };
        after = (last.issued_on, last.id);
        let ids: Vec<OrderId> = page.iter().map(|n| n.order_id).collect();
        let orders: BTreeMap<OrderId, Order> =
            crate::store::records::orders_with_ids(snapshot, &ids).await?.into_iter().map(|(o, _)| (o.id, o)).collect();
        for note in &page {
            let order = orders
                .get(&note.order_id)
                .ok_or_else(|| Error::Internal(format!("credit note {} has no order", note.number)))?;
            writer.credit_note(out, note, order)?;
            count += 1;
        }
    }
    Ok(count)
}

/// What an export counted on its way.
struct Counts {
    orders: i64,
    rows: i64,
    credit_notes: i64,
    left_out: i64,
}

/// Writes an order; how many rows that made (the CSV's and JSON's lines; an SIE voucher counts apart).
fn write_order(sink: &mut Sink, order: &Order, owner: Option<String>, path: &Path) -> Result<i64> {
    if let Sink::Sie { out, writer } = sink {
        writer.order(out, order, &customer_of(order, owner))?;
        return Ok(0);
    }
    let e = export_order(order, owner);
    match sink {
        Sink::Sie { .. } => {} // written above
        Sink::Csv { writer, decimal_comma, statuses } => {
            for l in &e.lines {
                let rate = if *decimal_comma { l.vat_rate.replace('.', ",") } else { l.vat_rate.clone() };
                writer
                    .write_record([
                        neutralise(&e.number),
                        e.date.to_string(),
                        neutralise(&e.customer),
                        l.line_no.to_string(),
                        neutralise(&l.description),
                        l.quantity.to_string(),
                        amount(l.net, *decimal_comma),
                        rate,
                        amount(l.vat, *decimal_comma),
                        amount(l.gross, *decimal_comma),
                        e.gross.currency.code().to_owned(),
                        neutralise(e.payment_provider.as_deref().unwrap_or("")),
                        statuses.get(&e.status).cloned().unwrap_or_else(|| e.status.to_string()),
                    ])
                    .map_err(csv_err)?;
            }
        }
        Sink::Json(items) => items.push(&e, path)?,
    }
    Ok(e.lines.len() as i64)
}
