//! `order add`, `order invoice` and `order status`.

use chrono::NaiveDate;
use clap::{Args, Subcommand};
use kundvakt_core::register::{InvoiceDraft, InvoiceKind, LineDraft, OrderDraft, OrderStatus};
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
    }
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
