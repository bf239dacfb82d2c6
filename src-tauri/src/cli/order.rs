//! `order add`, `order invoice`, `order status` and `order show`.

use chrono::NaiveDate;
use clap::{Args, Subcommand};
use kundvakt_core::register::{InvoiceDraft, InvoiceKind, LineDraft, OrderDraft, OrderSheet, OrderStatus};
use kundvakt_core::retention::KeptPast;
use kundvakt_core::{Error, Message, Register};

use super::output;

#[derive(Debug, Subcommand)]
pub enum OrderCommand {
    /// Record an order of a customer; prints the new id
    Add(AddOrder),
    /// Record an invoice, a reminder or a credit note of an order; prints the new id
    Invoice {
        /// The order number
        order: String,
        /// The invoice's own number (unique) [default: the next of the setting invoice.series, such as F-00001]
        #[arg(long)]
        number: Option<String>,
        /// invoice, reminder or credit_note
        #[arg(long, default_value = "invoice")]
        kind: InvoiceKind,
        /// A credit note's: the number of the invoice it credits (of the same order)
        #[arg(long)]
        credits: Option<String>,
        /// The day it was issued, YYYY-MM-DD [default: today, in the shop's time zone]
        #[arg(long, value_parser = parse_date)]
        issued: Option<NaiveDate>,
        /// The day it falls due, YYYY-MM-DD
        #[arg(long, value_parser = parse_date)]
        due: Option<NaiveDate>,
        /// The amount in the order's currency, such as 349,00
        #[arg(long)]
        amount: String,
        /// Print the answer as JSON (for scripts) instead of text
        #[arg(long)]
        json: bool,
    },
    /// Move an order on: placed, paid, shipped, cancelled or refunded (its amounts stay as recorded)
    Status {
        /// The order number
        number: String,
        /// placed, paid, shipped, cancelled or refunded
        status: OrderStatus,
    },
    /// An order with its lines, invoices, reminders and credit notes, whose it is and until when the law keeps it
    Show {
        /// The order's number, or one of its invoices' (in any case, with or without a web shop's #)
        number: String,
        /// Print the order as JSON (for scripts) instead of text
        #[arg(long)]
        json: bool,
    },
}

#[derive(Debug, Args)]
pub struct AddOrder {
    /// The customer's id or customer number
    #[arg(long)]
    pub customer: String,
    /// The order number (unique) [default: the next of the setting order.series, such as M-00001]
    #[arg(long)]
    pub number: Option<String>,
    /// The order date, YYYY-MM-DD [default: today, in the shop's time zone]
    #[arg(long, value_parser = parse_date)]
    pub date: Option<NaiveDate>,
    /// The total including VAT, such as 123.45 or 123,45 (a return's negative) [default: the sum of the lines]
    #[arg(long, required_unless_present = "lines", allow_hyphen_values = true)]
    pub total: Option<String>,
    /// ISO 4217 currency code, such as SEK [default: the currency of the shop's country]
    #[arg(long)]
    pub currency: Option<String>,
    /// The VAT included in the total (a return's negative) [default: from the lines, else 0]
    #[arg(long, allow_hyphen_values = true)]
    pub vat: Option<String>,
    /// Who took the payment, such as Klarna or Swish
    #[arg(long)]
    pub payment_provider: Option<String>,
    /// The payment's reference at its provider
    #[arg(long)]
    pub payment_reference: Option<String>,
    /// placed, paid, shipped, cancelled or refunded
    #[arg(long, default_value = "placed")]
    pub status: OrderStatus,
    /// A line "DESCRIPTION;QUANTITY;UNIT PRICE;VAT %" (repeat for more lines)
    #[arg(long = "line", value_name = "LINE")]
    pub lines: Vec<String>,
    /// Print the answer as JSON (for scripts) instead of text
    #[arg(long)]
    pub json: bool,
}

/// An ISO date, strictly YYYY-MM-DD.
pub fn parse_date(text: &str) -> Result<NaiveDate, String> {
    NaiveDate::parse_from_str(text.trim(), "%Y-%m-%d").map_err(|_| format!("`{text}` is not a date (YYYY-MM-DD)"))
}

/// `--line "DESCRIPTION;QUANTITY;UNIT PRICE;VAT %"`; the description may hold `;`.
fn line_draft(text: &str, n: usize) -> Result<LineDraft, Error> {
    let parts: Vec<&str> = text.rsplitn(4, ';').collect();
    let [vat_rate, unit_price, quantity, description] = parts[..] else {
        return Err(Error::invalid(
            format!("--line {n}"),
            Message::english("write lines as DESCRIPTION;QUANTITY;UNIT PRICE;VAT %"),
        ));
    };
    Ok(LineDraft {
        description: description.to_owned(),
        quantity: quantity.to_owned(),
        unit_price: unit_price.to_owned(),
        vat_rate: vat_rate.to_owned(),
    })
}

pub async fn run(reg: &Register, command: OrderCommand) -> Result<(), Error> {
    match command {
        OrderCommand::Add(add) => add_order(reg, add).await,
        OrderCommand::Invoice { order, number, kind, credits, issued, due, amount, json } => {
            let draft = InvoiceDraft {
                order,
                number: number.unwrap_or_default(),
                kind,
                issued_on: match issued {
                    Some(day) => day,
                    None => reg.today().await?,
                },
                due_on: due,
                amount,
                credits,
            };
            let saved = reg.record_invoice(&draft).await?;
            if json {
                output::json(&serde_json::json!({ "id": saved.id, "number": saved.number }))
            } else {
                say!("{}", saved.id);
                Ok(())
            }
        }
        OrderCommand::Status { number, status } => {
            let before = reg.set_order_status(&number, status).await?;
            say!("Order {number}: {before} → {status}.");
            Ok(())
        }
        OrderCommand::Show { number, json } => {
            let sheet = reg.order_sheet(&number).await?;
            if json {
                return output::json(&sheet);
            }
            print_sheet(&sheet, &output::Rules::of(reg).await?, reg.settings().await?.time_zone());
            Ok(())
        }
    }
}

/// The order as text: the order, whose it is, until when it is kept, its lines and its invoices.
fn print_sheet(sheet: &OrderSheet, rules: &output::Rules, zone: chrono_tz::Tz) {
    let (o, c) = (&sheet.order, &sheet.customer);
    if let Some(number) = &sheet.found_by_invoice {
        let kind = match sheet.invoices.iter().find(|i| &i.number == number).map(|i| i.kind) {
            Some(InvoiceKind::Reminder) => "a reminder",
            Some(InvoiceKind::CreditNote) => "a credit note",
            _ => "an invoice",
        };
        say!("{number} is {kind} of order {}.\n", o.number);
    }
    let customer = match &sheet.erased {
        // Erased: the order serves the books alone, under the pseudonym (Art. 17(3)(b), 18).
        Some(e) => format!(
            "{} (erased on {}; the order is kept for the books alone under {})",
            c.number,
            e.erased_at.with_timezone(&zone).format("%Y-%m-%d"),
            e.pseudonym
        ),
        None => [Some(c.number.clone()), c.name.clone(), c.email.clone()]
            .into_iter()
            .flatten()
            .collect::<Vec<_>>()
            .join(", "),
    };
    let paid = match (&o.payment_provider, &o.payment_reference) {
        (Some(p), Some(r)) => format!("{p} (reference {r})"),
        (Some(p), None) => p.clone(),
        (None, Some(r)) => format!("reference {r}"),
        (None, None) => String::new(),
    };
    let kept = match (&sheet.retention.retain_until, sheet.retention.kept_past) {
        (Some(day), None) => format!("{day} ({})", rules.text(&sheet.retention.rule)),
        (Some(day), Some(KeptPast::Due)) => {
            format!("{day} ({}); past: the next sweep deletes it", rules.text(&sheet.retention.rule))
        }
        (Some(day), Some(why)) => {
            format!("{day} ({}); past, and kept by {}", rules.text(&sheet.retention.rule), keeper(why))
        }
        (None, _) => rules.text(&sheet.retention.rule),
    };
    for (label, value) in [
        ("Order", format!("{} (id {})", o.number, o.id)),
        ("Date", o.order_date.to_string()),
        ("Status", o.status.to_string()),
        ("Customer", customer),
        ("Total", format!("{} (VAT {})", o.total, o.vat)),
        ("Paid with", paid),
        ("Kept until", kept),
    ] {
        if !value.is_empty() {
            say!("{label:<14} {value}");
        }
    }
    if o.restricted && sheet.erased.is_none() {
        say!("{:<14} kept for the books alone while the customer's processing is restricted (Art. 18)", "Restricted");
    }
    say!("\nLines ({})", o.lines.len());
    let rows: Vec<Vec<String>> = o
        .lines
        .iter()
        .map(|l| {
            // 25 %, 25.5 % (Finland's since 2024): as a rate is written.
            let rate = format!("{}.{:02}", l.vat_rate_bp / 100, l.vat_rate_bp % 100);
            let rate = format!("{} %", rate.trim_end_matches('0').trim_end_matches('.'));
            vec![
                l.line_no.to_string(),
                l.description.clone(),
                l.quantity.to_string(),
                l.unit_price.to_string(),
                rate,
                l.vat().to_string(),
                l.gross().to_string(),
            ]
        })
        .collect();
    output::table(&["line", "description", "quantity", "unit price", "VAT rate", "VAT", "gross"], &rows);
    say!("\nInvoices, reminders and credit notes ({})", sheet.invoices.len());
    let rows: Vec<Vec<String>> = sheet
        .invoices
        .iter()
        .map(|i| {
            vec![
                i.number.clone(),
                i.kind.to_string(),
                i.issued_on.to_string(),
                i.due_on.map(|d| d.to_string()).unwrap_or_default(),
                i.amount.to_string(),
                output::opt(&i.credits),
            ]
        })
        .collect();
    output::table(&["number", "kind", "issued", "due", "amount", "credits"], &rows);
}

/// What keeps an order past its end, in the words `retention due` uses.
fn keeper(why: KeptPast) -> String {
    let english = kundvakt_core::i18n::Translator::english();
    let name = why.keeper().map(|k| k.name(english)).unwrap_or_default();
    // Said within a sentence: "kept by a legal hold …".
    let mut chars = name.chars();
    chars.next().map(|first| first.to_lowercase().chain(chars).collect()).unwrap_or_default()
}

async fn add_order(reg: &Register, add: AddOrder) -> Result<(), Error> {
    let AddOrder {
        customer,
        number,
        date,
        total,
        currency,
        vat,
        payment_provider,
        payment_reference,
        status,
        lines,
        json,
    } = add;
    let customer = super::customer::find(reg, &customer).await?;
    let date = match date {
        Some(day) => day,
        None => reg.today().await?,
    };
    let currency = match currency {
        Some(code) => code,
        None => reg.settings().await?.country().default_currency().to_owned(),
    };
    let lines = lines.iter().enumerate().map(|(i, l)| line_draft(l, i + 1)).collect::<Result<Vec<_>, _>>()?;
    let draft = OrderDraft {
        customer_id: customer.id,
        number: number.unwrap_or_default(),
        order_date: date,
        currency,
        total,
        vat,
        payment_provider,
        payment_reference,
        status,
        lines,
    };
    let saved = reg.record_order(&draft).await?;
    if json {
        output::json(&serde_json::json!({ "id": saved.id, "number": saved.number }))
    } else {
        say!("{}", saved.id);
        Ok(())
    }
}
