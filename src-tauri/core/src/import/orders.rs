//! Orders from a shop's file: one order may span several rows, one per line
//! item (Shopify, WooCommerce), so consecutive rows with the same order number
//! are one order. An order is a voucher: one already in the register keeps its
//! amounts, and only its status (paid, shipped, refunded) moves on. Where the
//! lines do not add up to the total (shipping, discounts, fees kept in their
//! own columns), the difference becomes lines of its own so that the order's
//! total, the amount in the books, is the shop's.

use super::formats::{Field, Mapping};
use super::values::{amount, date, order_status, quantity, rate_in_name};
use super::{Context, Named, Outcome, RowError, Run};
use crate::error::Result;
use crate::i18n::Translator;
use crate::msg;
use crate::register::{CustomerState, NewOrder, NewOrderLine, OrderStatus};
use crate::store::{self, WriteTx};
use crate::values::{percent_bp, Currency, Money};

/// The rows of one order, with the line each starts on.
pub(crate) struct Pending {
    number: String,
    rows: Vec<(u64, csv::StringRecord)>,
}

/// Collects consecutive rows of the same order.
#[derive(Default)]
pub(crate) struct Group {
    current: Option<Pending>,
}

impl Group {
    /// Adds a row; returns the previous order when this row starts another.
    pub fn push(&mut self, mapping: &Mapping, record: csv::StringRecord, line: u64) -> Option<Pending> {
        let number = mapping.get(&record, Field::OrderNumber).map(|(v, _)| v.to_owned()).unwrap_or_default();
        match &mut self.current {
            Some(p) if !number.is_empty() && p.number == number => {
                p.rows.push((line, record));
                None
            }
            _ => self.current.replace(Pending { number, rows: vec![(line, record)] }),
        }
    }

    pub fn finish(&mut self) -> Option<Pending> {
        self.current.take()
    }
}

/// An order's outcome, or every problem found in its rows, each at its line.
type Checked<T> = std::result::Result<T, Vec<(u64, RowError)>>;

pub(crate) async fn import_group(tx: &mut WriteTx, cx: &Context<'_>, run: &mut Run<'_>, p: Pending) -> Result<()> {
    let first_line = p.rows.first().map(|(l, _)| *l).unwrap_or(0);
    match import_order(tx, cx, run.mapping, &p).await? {
        Ok(outcome) => run.count(outcome, first_line),
        Err(problems) => {
            let records: Vec<csv::StringRecord> = p.rows.into_iter().map(|(_, r)| r).collect();
            run.reject(problems, &records)?;
        }
    }
    Ok(())
}

fn money(
    m: &Mapping,
    r: &csv::StringRecord,
    f: Field,
    currency: Currency,
) -> std::result::Result<Option<i64>, RowError> {
    match m.get(r, f) {
        Some((v, column)) => amount(v, currency).map(Some).map_err(|why| RowError::new(column, why)),
        None => Ok(None),
    }
}

/// A checked value, or `None` with its problem noted at `line`.
fn keep<T>(problems: &mut Vec<(u64, RowError)>, line: u64, checked: std::result::Result<T, RowError>) -> Option<T> {
    checked.map_err(|e| problems.push((line, e))).ok()
}

/// The order's own cells (its first row), each checked; a problem in one
/// does not hide the next.
struct Head {
    order_date: chrono::NaiveDate,
    currency: Currency,
    total: i64,
    vat: Option<i64>,
    shipping: i64,
    shipping_tax: Option<i64>,
    discount: i64,
    status: Option<OrderStatus>,
}

/// The order's currency: its column's, else the shop country's.
fn order_currency(cx: &Context<'_>, m: &Mapping, first: &csv::StringRecord) -> std::result::Result<Currency, RowError> {
    let code = m.get(first, Field::Currency).map_or(cx.settings.country().default_currency(), |(v, _)| v);
    Currency::parse(code).map_err(|_| RowError::new(m.column(Field::Currency), msg!("msg-not-a-currency", code)))
}

fn read_head(cx: &Context<'_>, m: &Mapping, p: &Pending, line: u64, first: &csv::StringRecord) -> Checked<Head> {
    let mut problems = vec![];
    if p.number.is_empty() {
        problems.push((line, RowError::new(m.column(Field::OrderNumber), msg!("msg-order-needs-number"))));
    }
    let order_date = keep(
        &mut problems,
        line,
        match m.get(first, Field::OrderDate) {
            Some((v, column)) => date(v).map_err(|why| RowError::new(column, why)),
            None => Err(RowError::new(m.column(Field::OrderDate), msg!("msg-order-needs-date"))),
        },
    );
    let currency = keep(&mut problems, line, order_currency(cx, m, first));
    // Amounts are read in their currency's minor units: with no currency, unread.
    let amounts = currency.map(|c| {
        let total = match money(m, first, Field::Total, c) {
            Ok(Some(t)) => Ok(t),
            Ok(None) => Err(RowError::new(m.column(Field::Total), msg!("msg-order-needs-total"))),
            Err(e) => Err(e),
        };
        (
            keep(&mut problems, line, total),
            keep(&mut problems, line, money(m, first, Field::Vat, c)),
            keep(&mut problems, line, money(m, first, Field::Shipping, c)),
            keep(&mut problems, line, money(m, first, Field::ShippingTax, c)),
            keep(&mut problems, line, money(m, first, Field::Discount, c)),
        )
    });
    let status = match m.get(first, Field::Status) {
        Some((v, column)) => keep(
            &mut problems,
            line,
            order_status(v, m.get(first, Field::Fulfillment).map(|(f, _)| f))
                .map(Some)
                .map_err(|why| RowError::new(column, why)),
        ),
        None => Some(None),
    };
    match (order_date, currency, amounts, status) {
        (
            Some(order_date),
            Some(currency),
            Some((Some(total), Some(vat), Some(shipping), Some(shipping_tax), Some(discount))),
            Some(status),
        ) if problems.is_empty() => Ok(Head {
            order_date,
            currency,
            total,
            vat,
            shipping: shipping.unwrap_or(0),
            shipping_tax,
            discount: discount.unwrap_or(0),
            status,
        }),
        _ => Err(problems),
    }
}

/// The order's line items, one per row that has one, with every problem of every row.
fn read_lines(m: &Mapping, p: &Pending, currency: Currency, order_rate: Option<i64>) -> Checked<Vec<NewOrderLine>> {
    let mut lines = vec![];
    let mut problems = vec![];
    for (line, r) in &p.rows {
        match order_line(m, r, currency, order_rate) {
            Ok(Some(l)) => lines.push(l),
            Ok(None) => {}
            Err(found) => problems.extend(found.into_iter().map(|e| (*line, e))),
        }
    }
    if problems.is_empty() {
        Ok(lines)
    } else {
        Err(problems)
    }
}

async fn import_order(tx: &mut WriteTx, cx: &Context<'_>, m: &Mapping, p: &Pending) -> Result<Checked<Outcome>> {
    let Some((line, first)) = p.rows.first() else { return Ok(Ok(Outcome::Unchanged)) };
    let order_rate = m.get(first, Field::TaxName).and_then(|(v, _)| rate_in_name(v));
    let head = read_head(cx, m, p, *line, first);
    // `None`: someone erased, known by the digest of their e-mail.
    let customer = match super::named_customer(tx, cx, m, first).await? {
        Named::Customer(c) => Ok(Some(*c)),
        Named::Erased => Ok(None),
        Named::Missing(e) => Err((*line, e)),
    };
    let (head, customer) = match (head, customer) {
        (Ok(head), Ok(customer)) => (head, customer),
        (head, customer) => {
            // Set aside anyway: every problem of its rows is told, its lines' too.
            let mut problems = head.err().unwrap_or_default();
            problems.extend(customer.err());
            if let Ok(currency) = order_currency(cx, m, first) {
                problems.extend(read_lines(m, p, currency, order_rate).err().unwrap_or_default());
            }
            return Ok(Err(problems));
        }
    };
    let Head { order_date, currency, total, vat, shipping, shipping_tax, discount, status } = head;
    if let Some((_, current, owner)) = store::records::order_status_by_number(tx, &p.number).await? {
        // A voucher is left as it is; what became of the order (paid, refunded)
        // moves on, also for an erased or a restricted customer's order: the
        // books need it (Art. 17(3)(b), 18(2)). Only for the order of the person
        // the row names: an erased person's orders have no customer any more.
        let theirs = match &customer {
            Some(c) => owner == Some(c.id) || (c.state == CustomerState::Erased && owner.is_none()),
            None => owner.is_none(),
        };
        return Ok(Ok(match status {
            Some(s) if theirs && s != current => {
                crate::register::set_order_status_in(tx, &p.number, s).await?;
                Outcome::Updated
            }
            _ => Outcome::Unchanged,
        }));
    }
    let erased = || Ok(Ok(Outcome::Skipped(msg!("msg-skipped-order-erased", order = p.number))));
    let Some(customer) = customer else { return erased() };
    match customer.state {
        CustomerState::Erased => return erased(),
        CustomerState::Restricted => {
            return Ok(Ok(Outcome::Skipped(msg!(
                "msg-skipped-order-restricted",
                order = p.number,
                customer = customer.number
            ))))
        }
        CustomerState::Active => {}
    }

    let mut lines = match read_lines(m, p, currency, order_rate) {
        Ok(lines) => lines,
        Err(problems) => return Ok(Err(problems)),
    };
    if !lines.is_empty() {
        // Shipping before tax (WooCommerce) gets its tax added and its own rate.
        let (shipping, shipping_rate) = match shipping_tax {
            Some(tax) if shipping != 0 => (shipping + tax, rate_of(tax, shipping)),
            _ => (shipping, order_rate.unwrap_or(0)),
        };
        let extra = Extra { shipping, shipping_rate, discount, rate: order_rate.unwrap_or(0) };
        reconcile(&mut lines, total, &extra, &Translator::new(cx.settings.language()));
    }
    let order = NewOrder {
        customer_id: customer.id,
        number: p.number.clone(),
        order_date,
        total: Money::new(total, currency),
        vat: vat.map(|v| Money::new(v, currency)),
        payment_provider: m.get(first, Field::PaymentProvider).map(|(v, _)| v.to_owned()),
        payment_reference: m.get(first, Field::PaymentReference).map(|(v, _)| v.to_owned()),
        status: status.unwrap_or(OrderStatus::Placed),
        lines,
    };
    Ok(match crate::register::add_order_in(tx, &order, crate::register::Entered::FromFile).await {
        Ok(_) => Ok(Outcome::Added),
        Err(e) => Err(vec![(*line, RowError::from_error(e, m)?)]),
    })
}

/// One line item of a row, if the row has one, or every problem of its cells.
fn order_line(
    m: &Mapping,
    r: &csv::StringRecord,
    currency: Currency,
    order_rate: Option<i64>,
) -> std::result::Result<Option<NewOrderLine>, Vec<RowError>> {
    let Some((description, _)) = m.get(r, Field::LineDescription) else { return Ok(None) };
    let mut problems = vec![];
    let mut keep = |checked: std::result::Result<Option<i64>, RowError>| checked.map_err(|e| problems.push(e)).ok();
    let quantity = match m.get(r, Field::LineQuantity) {
        Some((v, column)) => keep(quantity(v).map(Some).map_err(|why| RowError::new(column, why))),
        None => Some(Some(1)),
    };
    let unit_price = keep(money(m, r, Field::LineUnitPrice, currency));
    let line_total = keep(money(m, r, Field::LineTotal, currency));
    let line_tax = keep(money(m, r, Field::LineTax, currency));
    let rate = match m.get(r, Field::LineVatRate) {
        Some((v, column)) => {
            keep(percent_bp(v).map(Some).ok_or_else(|| RowError::new(column, msg!("msg-not-a-percentage", text = v))))
        }
        None => Some(None),
    };
    if let (Some(None), Some(None)) = (unit_price, line_total) {
        problems.push(RowError::new(m.column(Field::LineUnitPrice), msg!("msg-line-needs-price")));
    }
    let (Some(Some(mut quantity)), Some(unit_price), Some(line_total), Some(line_tax), Some(rate)) =
        (quantity, unit_price, line_total, line_tax, rate)
    else {
        return Err(problems);
    };
    if !problems.is_empty() {
        return Err(problems);
    }
    let mut description = description.to_owned();
    let unit = match (unit_price, line_total) {
        (Some(unit), _) => unit,
        (None, Some(line_total)) => {
            // A line total before tax (WooCommerce): the gross is total plus tax.
            let gross = line_total + line_tax.unwrap_or(0);
            if gross % quantity == 0 {
                gross / quantity
            } else {
                description = format!("{quantity} × {description}");
                quantity = 1;
                gross
            }
        }
        (None, None) => return Err(problems),
    };
    let rate = match (rate, line_total, line_tax) {
        (Some(rate), _, _) => rate,
        (None, Some(net), Some(tax)) if net != 0 => rate_of(tax, net),
        _ => order_rate.unwrap_or(0),
    };
    Ok(Some(NewOrderLine { description, quantity, unit_price_minor: unit, vat_rate_bp: rate.clamp(0, 10_000) }))
}

/// A tax as a rate of its net amount, in basis points, rounded.
fn rate_of(tax: i64, net: i64) -> i64 {
    let (tax, net) = (tax as i128, net as i128);
    ((2 * tax * 10_000 + net) / (2 * net)).clamp(0, 10_000) as i64
}

/// The order's amounts outside its line items (gross), and their VAT rates.
struct Extra {
    shipping: i64,
    shipping_rate: i64,
    discount: i64,
    rate: i64,
}

/// Adds shipping, a discount and whatever else remains as lines, so that the
/// lines add up to the order's total.
fn reconcile(lines: &mut Vec<NewOrderLine>, total: i64, x: &Extra, tr: &Translator) {
    let sum = |lines: &Vec<NewOrderLine>| lines.iter().map(|l| l.quantity * l.unit_price_minor).sum::<i64>();
    let add = |key: &str, amount: i64, rate: i64, lines: &mut Vec<NewOrderLine>| {
        lines.push(NewOrderLine { description: tr.t(key), quantity: 1, unit_price_minor: amount, vat_rate_bp: rate })
    };
    if sum(lines) == total {
        return;
    }
    if x.shipping != 0 {
        add("import-line-shipping", x.shipping, x.shipping_rate, lines);
    }
    if x.discount != 0 {
        add("import-line-discount", -x.discount.abs(), x.rate, lines);
    }
    let rest = total - sum(lines);
    if rest != 0 {
        add("import-line-other", rest, x.rate, lines);
    }
}
