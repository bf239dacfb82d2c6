//! SQL of the records attached to customers.

use std::collections::HashMap;

use chrono::{DateTime, NaiveDate, Utc};

use super::customers::Who;
use super::{on_tx, Within, WriteTx};
use crate::error::{Error, Result};
use crate::register::records::currency_of;
use crate::register::{
    Consent, EventRegistration, Interaction, Invoice, InvoiceKind, NewConsent, NewEventRegistration, NewInteraction,
    NewInvoice, NewOrder, NewWebEvent, Order, OrderLine, OrderStatus, RegistrationStatus, WebEvent,
};
use crate::values::{CustomerId, EventRegistrationId, InteractionId, InvoiceId, Money, OrderId};

pub(super) const ORDER_COLUMNS: &str = "id, number, customer_id, order_date, currency, total_minor, vat_minor, \
                             payment_provider, payment_reference, status, restricted, pseudonym, created_at";

#[derive(sqlx::FromRow)]
pub(super) struct OrderRow {
    id: OrderId,
    number: String,
    customer_id: Option<CustomerId>,
    order_date: NaiveDate,
    currency: String,
    total_minor: i64,
    vat_minor: i64,
    payment_provider: Option<String>,
    payment_reference: Option<String>,
    status: OrderStatus,
    restricted: bool,
    pseudonym: Option<String>,
    created_at: DateTime<Utc>,
}

#[derive(sqlx::FromRow)]
pub(super) struct LineRow {
    order_id: OrderId,
    line_no: i64,
    description: String,
    quantity: i64,
    unit_price_minor: i64,
    vat_rate_bp: i64,
}

fn stored_currency(code: &str) -> Result<crate::values::Currency> {
    currency_of(code).map_err(|_| Error::Internal(format!("the register holds an unknown currency `{code}`")))
}

impl OrderRow {
    fn into_order(self, lines: Vec<OrderLine>) -> Result<Order> {
        let currency = stored_currency(&self.currency)?;
        Ok(Order {
            id: self.id,
            number: self.number,
            customer_id: self.customer_id,
            order_date: self.order_date,
            total: Money::new(self.total_minor, currency),
            vat: Money::new(self.vat_minor, currency),
            payment_provider: self.payment_provider,
            payment_reference: self.payment_reference,
            status: self.status,
            restricted: self.restricted,
            pseudonym: self.pseudonym,
            created_at: self.created_at,
            lines,
        })
    }
}

pub(crate) async fn order_number_taken(tx: &mut WriteTx, number: &str) -> Result<bool> {
    let n: i64 = on_tx!(tx, c => sqlx::query_scalar("SELECT COUNT(*) FROM orders WHERE number = $1").bind(number).fetch_one(c).await?);
    Ok(n > 0)
}

/// The order with this number, if the register has it: its id, status and customer.
pub(crate) async fn order_status_by_number(
    tx: &mut WriteTx,
    number: &str,
) -> Result<Option<(OrderId, OrderStatus, Option<CustomerId>)>> {
    Ok(on_tx!(tx, c => sqlx::query_as("SELECT id, status, customer_id FROM orders WHERE number = $1")
        .bind(number).fetch_optional(c).await?))
}

/// Sets an order's status; `false` when it was not `from` (changed meanwhile).
pub(crate) async fn set_order_status(
    tx: &mut WriteTx,
    id: OrderId,
    from: OrderStatus,
    to: OrderStatus,
) -> Result<bool> {
    let n = on_tx!(tx, c => sqlx::query("UPDATE orders SET status = $1 WHERE id = $2 AND status = $3")
        .bind(to).bind(id).bind(from).execute(c).await?.rows_affected());
    Ok(n == 1)
}

/// Inserts a new order; `by_hand` where a person entered it (migration 50).
pub(crate) async fn insert_order(tx: &mut WriteTx, o: &NewOrder, vat: Money, by_hand: bool) -> Result<Order> {
    let now = tx.now();
    let sql = format!(
        "INSERT INTO orders (number, customer_id, order_date, currency, total_minor, vat_minor, payment_provider, \
         payment_reference, status, restricted, created_at, by_hand) \
         VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, FALSE, $10, $11) RETURNING {ORDER_COLUMNS}"
    );
    let row: OrderRow = on_tx!(tx, c => sqlx::query_as(&sql)
        .bind(&o.number).bind(o.customer_id).bind(o.order_date).bind(o.total.currency.code())
        .bind(o.total.minor).bind(vat.minor).bind(&o.payment_provider).bind(&o.payment_reference)
        .bind(o.status).bind(now).bind(by_hand).fetch_one(c).await?);
    let mut lines = Vec::with_capacity(o.lines.len());
    for (i, l) in o.lines.iter().enumerate() {
        let line = OrderLine {
            line_no: i as i64 + 1,
            description: l.description.clone(),
            quantity: l.quantity,
            unit_price: Money::new(l.unit_price_minor, o.total.currency),
            vat_rate_bp: l.vat_rate_bp,
        };
        insert_line(tx, row.id, &line).await?;
        lines.push(line);
    }
    row.into_order(lines)
}

/// Inserts `l`, a line of the order `order`.
pub(super) async fn insert_line(tx: &mut WriteTx, order: OrderId, l: &OrderLine) -> Result<()> {
    on_tx!(tx, c => sqlx::query(
        "INSERT INTO order_lines (order_id, line_no, description, quantity, unit_price_minor, vat_rate_bp) \
         VALUES ($1, $2, $3, $4, $5, $6)")
        .bind(order).bind(l.line_no).bind(&l.description).bind(l.quantity).bind(l.unit_price.minor)
        .bind(l.vat_rate_bp).execute(c).await?.rows_affected());
    Ok(())
}

/// Whose orders to read: a customer's, or the orders an erased customer's
/// pseudonym keeps for the books (the link to the customer row is cut).
#[derive(Debug, Clone, Copy)]
pub(crate) enum OrdersOf<'a> {
    Customer(CustomerId),
    KeptUnder(&'a str),
}

/// The orders of `of` with their lines, newest first.
pub(crate) async fn orders_of(tx: &mut impl Within, of: OrdersOf<'_>) -> Result<Vec<Order>> {
    let filter = match of {
        OrdersOf::Customer(_) => "o.customer_id = $1",
        OrdersOf::KeptUnder(_) => "o.pseudonym = $1 AND o.customer_id IS NULL",
    };
    let sql = format!("SELECT {ORDER_COLUMNS} FROM orders o WHERE {filter} ORDER BY order_date DESC, id DESC");
    let lines_sql = format!(
        "SELECT l.order_id, l.line_no, l.description, l.quantity, l.unit_price_minor, l.vat_rate_bp \
         FROM order_lines l JOIN orders o ON o.id = l.order_id WHERE {filter} ORDER BY l.order_id, l.line_no"
    );
    let (rows, line_rows): (Vec<OrderRow>, Vec<LineRow>) = match of {
        OrdersOf::Customer(id) => on_tx!(tx, c => (
            sqlx::query_as(&sql).bind(id).fetch_all(&mut *c).await?,
            sqlx::query_as(&lines_sql).bind(id).fetch_all(c).await?,
        )),
        OrdersOf::KeptUnder(pseudonym) => on_tx!(tx, c => (
            sqlx::query_as(&sql).bind(pseudonym).fetch_all(&mut *c).await?,
            sqlx::query_as(&lines_sql).bind(pseudonym).fetch_all(c).await?,
        )),
    };
    with_lines(rows, line_rows)
}

/// Orders with their lines, from the rows and line rows of the same orders.
pub(super) fn with_lines(rows: Vec<OrderRow>, line_rows: Vec<LineRow>) -> Result<Vec<Order>> {
    let mut by_order: HashMap<OrderId, Vec<LineRow>> = HashMap::new();
    for l in line_rows {
        by_order.entry(l.order_id).or_default().push(l);
    }
    rows.into_iter()
        .map(|r| {
            let currency = stored_currency(&r.currency)?;
            let lines = by_order
                .remove(&r.id)
                .unwrap_or_default()
                .into_iter()
                .map(|l| OrderLine {
                    line_no: l.line_no,
                    description: l.description,
                    quantity: l.quantity,
                    unit_price: Money::new(l.unit_price_minor, currency),
                    vat_rate_bp: l.vat_rate_bp,
                })
                .collect();
            r.into_order(lines)
        })
        .collect()
}

/// An order or an invoice found by its number, with its order's customer
/// (none once erased: then the pseudonym its records are kept under).
#[derive(Debug, sqlx::FromRow)]
pub(crate) struct NumberedVoucher {
    /// `order` or `invoice`.
    pub kind: String,
    pub number: String,
    /// The order's, or the invoice's order's.
    pub order_id: OrderId,
    pub customer_id: Option<CustomerId>,
    pub pseudonym: Option<String>,
}

/// The orders and the invoices numbered one of `numbers`. Each number is
/// unique among its kind (the tables' unique indexes, which the lookup
/// reads).
pub(crate) async fn vouchers_numbered(store: &super::Store, numbers: &[String]) -> Result<Vec<NumberedVoucher>> {
    if numbers.is_empty() {
        return Ok(vec![]);
    }
    let n = numbers.len();
    let (orders, invoices) = (super::params(store.backend(), 1, n), super::params(store.backend(), n + 1, n));
    let sql = format!(
        "SELECT 'order' AS kind, number, id AS order_id, customer_id, pseudonym FROM orders WHERE number IN ({orders}) \
         UNION ALL SELECT 'invoice' AS kind, i.number, o.id AS order_id, o.customer_id, o.pseudonym FROM invoices i \
         JOIN orders o ON o.id = i.order_id WHERE i.number IN ({invoices})"
    );
    Ok(super::on_pool!(store, p => {
        let mut q = sqlx::query_as(&sql);
        for number in numbers.iter().chain(numbers) {
            q = q.bind(number);
        }
        q.fetch_all(p).await?
    }))
}

/// The date of the register's earliest order, if it has any: the first
/// entry of the date index. No invoice is issued before its order, so no
/// voucher is earlier.
pub(crate) async fn earliest_order_date(tx: &mut impl Within) -> Result<Option<NaiveDate>> {
    Ok(on_tx!(tx, c => sqlx::query_scalar("SELECT MIN(order_date) FROM orders").fetch_one(c).await?))
}

/// Orders dated `from` through `to`, after the order (`date`, `id`) `after`,
/// `limit` at a time in date order, each with the number of its customer (none
/// once the customer is erased: the order then carries the pseudonym). The
/// key is compared as a row value, which both databases seek to in the date
/// index (see [`super::retention::records_after`]).
pub(crate) async fn orders_between(
    tx: &mut impl Within,
    from: NaiveDate,
    to: NaiveDate,
    after: (NaiveDate, OrderId),
    limit: i64,
) -> Result<Vec<(Order, Option<String>)>> {
    let columns: Vec<String> = ORDER_COLUMNS.split(", ").map(|c| format!("o.{c}")).collect();
    let filter = "o.order_date >= $1 AND o.order_date <= $2 AND (o.order_date, o.id) > ($3, $4)";
    let sql =
        format!("SELECT {} FROM orders o WHERE {filter} ORDER BY o.order_date, o.id LIMIT $5", columns.join(", "));
    let owners_sql = format!(
        "SELECT o.id, c.number FROM orders o JOIN customers c ON c.id = o.customer_id WHERE {filter}          ORDER BY o.order_date, o.id LIMIT $5"
    );
    let (rows, owners): (Vec<OrderRow>, Vec<(OrderId, String)>) = on_tx!(tx, c => (
        sqlx::query_as(&sql).bind(from).bind(to).bind(after.0).bind(after.1).bind(limit).fetch_all(&mut *c).await?,
        sqlx::query_as(&owners_sql).bind(from).bind(to).bind(after.0).bind(after.1).bind(limit).fetch_all(c).await?,
    ));
    with_owners(tx, rows, owners).await
}

/// Orders by id, with their lines and the numbers of their customers (as
/// [`orders_between`]), in the order of their ids.
pub(crate) async fn orders_with_ids(tx: &mut impl Within, ids: &[OrderId]) -> Result<Vec<(Order, Option<String>)>> {
    let columns: Vec<String> = ORDER_COLUMNS.split(", ").map(|c| format!("o.{c}")).collect();
    let (mut rows, mut owners) = (vec![], vec![]);
    for chunk in ids.chunks(500) {
        let list = super::params(tx.backend_of(), 1, chunk.len());
        let sql = format!("SELECT {} FROM orders o WHERE o.id IN ({list}) ORDER BY o.id", columns.join(", "));
        let owners_sql = format!(
            "SELECT o.id, c.number FROM orders o JOIN customers c ON c.id = o.customer_id WHERE o.id IN ({list})"
        );
        let (mut r, mut o): (Vec<OrderRow>, Vec<(OrderId, String)>) = on_tx!(tx, c => {
            let (mut q, mut q2) = (sqlx::query_as(&sql), sqlx::query_as(&owners_sql));
            for id in chunk {
                q = q.bind(*id);
                q2 = q2.bind(*id);
            }
            (q.fetch_all(&mut *c).await?, q2.fetch_all(c).await?)
        });
        rows.append(&mut r);
        owners.append(&mut o);
    }
    with_owners(tx, rows, owners).await
}

/// The orders of `rows` with their lines, each with its customer's number.
async fn with_owners(
    tx: &mut impl Within,
    rows: Vec<OrderRow>,
    owners: Vec<(OrderId, String)>,
) -> Result<Vec<(Order, Option<String>)>> {
    let ids: Vec<OrderId> = rows.iter().map(|r| r.id).collect();
    let mut line_rows: Vec<LineRow> = vec![];
    for chunk in ids.chunks(500) {
        let sql = format!(
            "SELECT order_id, line_no, description, quantity, unit_price_minor, vat_rate_bp FROM order_lines \
             WHERE order_id IN ({}) ORDER BY order_id, line_no",
            super::params(tx.backend_of(), 1, chunk.len())
        );
        let mut part: Vec<LineRow> = on_tx!(tx, c => {
            let mut q = sqlx::query_as(&sql);
            for id in chunk {
                q = q.bind(*id);
            }
            q.fetch_all(c).await?
        });
        line_rows.append(&mut part);
    }
    let owners: HashMap<OrderId, String> = owners.into_iter().collect();
    let orders = with_lines(rows, line_rows)?;
    Ok(orders
        .into_iter()
        .map(|o| {
            let n = owners.get(&o.id).cloned();
            (o, n)
        })
        .collect())
}

#[derive(sqlx::FromRow)]
pub(super) struct InvoiceRow {
    id: InvoiceId,
    number: String,
    order_id: OrderId,
    kind: InvoiceKind,
    issued_on: NaiveDate,
    due_on: Option<NaiveDate>,
    amount_minor: i64,
    currency: String,
    credits: Option<String>,
}

impl InvoiceRow {
    pub(super) fn into_invoice(self) -> Result<Invoice> {
        Ok(Invoice {
            amount: Money::new(self.amount_minor, stored_currency(&self.currency)?),
            id: self.id,
            number: self.number,
            order_id: self.order_id,
            kind: self.kind,
            issued_on: self.issued_on,
            due_on: self.due_on,
            credits: self.credits,
        })
    }
}

pub(super) const INVOICE_COLUMNS: &str =
    "id, number, order_id, kind, issued_on, due_on, amount_minor, currency, credits";

/// An order as an invoice of it must agree with: its number, date,
/// currency and customer (`None` once erased).
#[derive(Debug, sqlx::FromRow)]
pub(crate) struct InvoicedOrder {
    pub id: OrderId,
    pub number: String,
    pub order_date: NaiveDate,
    pub currency: String,
    pub customer_id: Option<CustomerId>,
}

/// How an order is named: by its id, or by its number.
#[derive(Debug, Clone, Copy)]
pub(crate) enum OrderKey<'a> {
    Id(OrderId),
    Number(&'a str),
}

pub(crate) async fn order_for_invoice(tx: &mut WriteTx, key: OrderKey<'_>) -> Result<Option<InvoicedOrder>> {
    const COLUMNS: &str = "SELECT id, number, order_date, currency, customer_id FROM orders";
    Ok(match key {
        OrderKey::Id(id) => on_tx!(tx, c => sqlx::query_as(&format!("{COLUMNS} WHERE id = $1"))
            .bind(id).fetch_optional(c).await?),
        OrderKey::Number(number) => on_tx!(tx, c => sqlx::query_as(&format!("{COLUMNS} WHERE number = $1"))
            .bind(number).fetch_optional(c).await?),
    })
}

/// An invoice that a credit note would credit, and how much of it earlier
/// credit notes have credited (a negative sum, in minor units).
pub(crate) struct Credited {
    pub invoice: Invoice,
    pub credited_minor: i64,
}

pub(crate) async fn credited(tx: &mut WriteTx, number: &str) -> Result<Option<Credited>> {
    let sql = format!("SELECT {INVOICE_COLUMNS} FROM invoices WHERE number = $1");
    let row: Option<InvoiceRow> = on_tx!(tx, c => sqlx::query_as(&sql).bind(number).fetch_optional(c).await?);
    let Some(row) = row else { return Ok(None) };
    let credited_minor: i64 = on_tx!(tx, c => sqlx::query_scalar(
        "SELECT CAST(COALESCE(SUM(amount_minor), 0) AS BIGINT) FROM invoices WHERE credits = $1")
        .bind(number).fetch_one(c).await?);
    Ok(Some(Credited { invoice: row.into_invoice()?, credited_minor }))
}

pub(crate) async fn invoice_number_taken(tx: &mut WriteTx, number: &str) -> Result<bool> {
    let n: i64 = on_tx!(tx, c => sqlx::query_scalar("SELECT COUNT(*) FROM invoices WHERE number = $1")
        .bind(number).fetch_one(c).await?);
    Ok(n > 0)
}

/// Inserts an invoice of an existing order.
pub(crate) async fn insert_invoice(tx: &mut WriteTx, i: &NewInvoice) -> Result<Invoice> {
    let sql = format!(
        "INSERT INTO invoices (number, order_id, kind, issued_on, due_on, amount_minor, currency, credits, created_at) \
         VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9) RETURNING {INVOICE_COLUMNS}"
    );
    let now = tx.now();
    // A credit note's amount is what it takes off: kept negative, so that
    // the vouchers of an order sum to what is owed.
    let minor = if i.kind == InvoiceKind::CreditNote { -i.amount.minor } else { i.amount.minor };
    let row: InvoiceRow = on_tx!(tx, c => sqlx::query_as(&sql)
        .bind(&i.number).bind(i.order_id).bind(i.kind).bind(i.issued_on).bind(i.due_on)
        .bind(minor).bind(i.amount.currency.code()).bind(&i.credits).bind(now).fetch_one(c).await?);
    row.into_invoice()
}

pub(crate) async fn invoices_of(tx: &mut impl Within, orders: &[OrderId]) -> Result<Vec<Invoice>> {
    if orders.is_empty() {
        return Ok(vec![]);
    }
    let sql = format!(
        "SELECT {INVOICE_COLUMNS} FROM invoices WHERE order_id IN ({}) ORDER BY issued_on, id",
        super::params(tx.backend_of(), 1, orders.len())
    );
    let rows: Vec<InvoiceRow> = on_tx!(tx, c => {
        let mut q = sqlx::query_as(&sql);
        for id in orders {
            q = q.bind(*id);
        }
        q.fetch_all(c).await?
    });
    rows.into_iter().map(InvoiceRow::into_invoice).collect()
}

/// Credit notes issued `from` through `to`, after the one (`date`, `id`)
/// `after`, `limit` at a time in date order.
pub(crate) async fn credit_notes_between(
    tx: &mut impl Within,
    from: NaiveDate,
    to: NaiveDate,
    after: (NaiveDate, InvoiceId),
    limit: i64,
) -> Result<Vec<Invoice>> {
    let sql = format!(
        "SELECT {INVOICE_COLUMNS} FROM invoices WHERE kind = $1 AND issued_on >= $2 AND issued_on <= $3 \
         AND (issued_on, id) > ($4, $5) ORDER BY issued_on, id LIMIT $6"
    );
    let rows: Vec<InvoiceRow> = on_tx!(tx, c => sqlx::query_as(&sql)
        .bind(InvoiceKind::CreditNote).bind(from).bind(to).bind(after.0).bind(after.1).bind(limit)
        .fetch_all(c).await?);
    rows.into_iter().map(InvoiceRow::into_invoice).collect()
}

/// An invoice as the invoice journal lists it, with what it needs of its
/// order: the number, the totals, and the customer's number (none once the
/// customer is erased: then the order's pseudonym).
pub(crate) struct JournalEntry {
    pub invoice: Invoice,
    pub order: String,
    pub customer: Option<String>,
    pub pseudonym: Option<String>,
    pub restricted: bool,
    pub order_total_minor: i64,
    pub order_vat_minor: i64,
}

#[derive(sqlx::FromRow)]
struct JournalRow {
    #[sqlx(flatten)]
    invoice: InvoiceRow,
    order_number: String,
    customer_number: Option<String>,
    pseudonym: Option<String>,
    restricted: bool,
    total_minor: i64,
    vat_minor: i64,
}

/// Invoices, reminders and credit notes issued `from` through `to`, after the
/// one (`date`, `id`) `after`, `limit` at a time in date order.
pub(crate) async fn invoices_between(
    tx: &mut impl Within,
    from: NaiveDate,
    to: NaiveDate,
    after: (NaiveDate, InvoiceId),
    limit: i64,
) -> Result<Vec<JournalEntry>> {
    let columns: Vec<String> = INVOICE_COLUMNS.split(", ").map(|c| format!("i.{c}")).collect();
    let sql = format!(
        "SELECT {}, o.number AS order_number, c.number AS customer_number, o.pseudonym, o.restricted, \
         o.total_minor, o.vat_minor FROM invoices i JOIN orders o ON o.id = i.order_id \
         LEFT JOIN customers c ON c.id = o.customer_id \
         WHERE i.issued_on >= $1 AND i.issued_on <= $2 AND (i.issued_on, i.id) > ($3, $4) \
         ORDER BY i.issued_on, i.id LIMIT $5",
        columns.join(", ")
    );
    let rows: Vec<JournalRow> = on_tx!(tx, c => sqlx::query_as(&sql)
        .bind(from).bind(to).bind(after.0).bind(after.1).bind(limit).fetch_all(c).await?);
    rows.into_iter()
        .map(|r| {
            Ok(JournalEntry {
                invoice: r.invoice.into_invoice()?,
                order: r.order_number,
                customer: r.customer_number,
                pseudonym: r.pseudonym,
                restricted: r.restricted,
                order_total_minor: r.total_minor,
                order_vat_minor: r.vat_minor,
            })
        })
        .collect()
}

/// Those of `orders` that a credit note credits.
pub(crate) async fn credited_orders(
    tx: &mut impl Within,
    orders: &[OrderId],
) -> Result<std::collections::HashSet<OrderId>> {
    let mut found = std::collections::HashSet::new();
    for chunk in orders.chunks(500) {
        let sql = format!(
            "SELECT DISTINCT order_id FROM invoices WHERE order_id IN ({}) AND kind = {}",
            super::params(tx.backend_of(), 1, chunk.len()),
            super::params(tx.backend_of(), chunk.len() + 1, 1)
        );
        let ids: Vec<OrderId> = on_tx!(tx, c => {
            let mut q = sqlx::query_scalar(&sql);
            for id in chunk {
                q = q.bind(*id);
            }
            q.bind(InvoiceKind::CreditNote).fetch_all(c).await?
        });
        found.extend(ids);
    }
    Ok(found)
}

pub(super) const INTERACTION_COLUMNS: &str =
    "id, customer_id, occurred_at, channel, direction, summary, staff, closed_on, bookkeeping";

pub(crate) async fn insert_interaction(tx: &mut WriteTx, i: &NewInteraction) -> Result<Interaction> {
    let sql = format!(
        "INSERT INTO interactions (customer_id, occurred_at, channel, direction, summary, staff, closed_on, bookkeeping) \
         VALUES ($1, $2, $3, $4, $5, $6, $7, $8) RETURNING {INTERACTION_COLUMNS}"
    );
    Ok(on_tx!(tx, c => sqlx::query_as(&sql)
        .bind(i.customer_id).bind(i.occurred_at).bind(i.channel).bind(i.direction).bind(&i.summary)
        .bind(&i.staff).bind(i.closed_on).bind(i.bookkeeping).fetch_one(c).await?))
}

pub(crate) async fn interaction_tx(tx: &mut WriteTx, id: InteractionId) -> Result<Option<Interaction>> {
    let sql = format!("SELECT {INTERACTION_COLUMNS} FROM interactions WHERE id = $1");
    Ok(on_tx!(tx, c => sqlx::query_as(&sql).bind(id).fetch_optional(c).await?))
}

/// Records the day the note's matter closed; `None` when it had closed already.
pub(crate) async fn close_interaction(
    tx: &mut WriteTx,
    id: InteractionId,
    on: NaiveDate,
) -> Result<Option<Interaction>> {
    let sql = format!(
        "UPDATE interactions SET closed_on = $1 WHERE id = $2 AND closed_on IS NULL RETURNING {INTERACTION_COLUMNS}"
    );
    Ok(on_tx!(tx, c => sqlx::query_as(&sql).bind(on).bind(id).fetch_optional(c).await?))
}

/// Writes `corrected` over `current`; `None` when the note is no longer as
/// `current` says (another correction landed in between).
pub(crate) async fn update_interaction(
    tx: &mut WriteTx,
    current: &Interaction,
    corrected: &Interaction,
) -> Result<Option<Interaction>> {
    let sql = format!(
        "UPDATE interactions SET summary = $1, staff = $2, channel = $3, direction = $4, bookkeeping = $5 \
         WHERE id = $6 AND summary = $7 AND channel = $8 AND direction = $9 AND staff IS NOT DISTINCT FROM $10 \
         AND bookkeeping = $11 RETURNING {INTERACTION_COLUMNS}"
    );
    Ok(on_tx!(tx, c => sqlx::query_as(&sql)
        .bind(&corrected.summary).bind(&corrected.staff).bind(corrected.channel).bind(corrected.direction)
        .bind(corrected.bookkeeping)
        .bind(current.id).bind(&current.summary).bind(current.channel).bind(current.direction).bind(&current.staff)
        .bind(current.bookkeeping)
        .fetch_optional(c).await?))
}

/// Files note `id` under customer `to`, with the old wordings its
/// corrections kept; `None` when it is no longer `from`'s.
pub(crate) async fn move_interaction(
    tx: &mut WriteTx,
    id: InteractionId,
    from: CustomerId,
    to: CustomerId,
) -> Result<Option<Interaction>> {
    let sql = format!(
        "UPDATE interactions SET customer_id = $1 WHERE id = $2 AND customer_id = $3 RETURNING {INTERACTION_COLUMNS}"
    );
    let moved: Option<Interaction> =
        on_tx!(tx, c => sqlx::query_as(&sql).bind(to).bind(id).bind(from).fetch_optional(c).await?);
    if moved.is_some() {
        let sql = "UPDATE corrections SET customer_id = $1 WHERE interaction_id = $2";
        on_tx!(tx, c => sqlx::query(sql).bind(to).bind(id).execute(c).await?.rows_affected());
    }
    Ok(moved)
}

pub(crate) async fn interactions_of(tx: &mut impl Within, customer: CustomerId) -> Result<Vec<Interaction>> {
    let sql = format!(
        "SELECT {INTERACTION_COLUMNS} FROM interactions WHERE customer_id = $1 ORDER BY occurred_at DESC, id DESC"
    );
    Ok(on_tx!(tx, c => sqlx::query_as(&sql).bind(customer).fetch_all(c).await?))
}

const WEB_EVENT_COLUMNS: &str = "id, customer_id, occurred_at, ip, action, user_agent";

pub(crate) async fn insert_web_event(tx: &mut WriteTx, e: &NewWebEvent) -> Result<WebEvent> {
    let sql = format!(
        "INSERT INTO web_events (customer_id, occurred_at, ip, action, user_agent) VALUES ($1, $2, $3, $4, $5) \
         RETURNING {WEB_EVENT_COLUMNS}"
    );
    Ok(on_tx!(tx, c => sqlx::query_as(&sql)
        .bind(e.customer_id).bind(e.occurred_at).bind(e.ip.to_string()).bind(&e.action).bind(&e.user_agent)
        .fetch_one(c).await?))
}

/// Whether the customer has this event already (the same moment, address and
/// action): a log imported twice adds nothing.
pub(crate) async fn web_event_exists(tx: &mut WriteTx, e: &NewWebEvent) -> Result<bool> {
    let sql = "SELECT id FROM web_events WHERE customer_id = $1 AND occurred_at = $2 AND ip = $3 AND action = $4";
    let found: Option<i64> = on_tx!(tx, c => sqlx::query_scalar(sql)
        .bind(e.customer_id).bind(e.occurred_at).bind(e.ip.to_string()).bind(&e.action).fetch_optional(c).await?);
    Ok(found.is_some())
}

pub(crate) async fn web_event_tx(tx: &mut WriteTx, id: crate::values::WebEventId) -> Result<Option<WebEvent>> {
    let sql = format!("SELECT {WEB_EVENT_COLUMNS} FROM web_events WHERE id = $1");
    Ok(on_tx!(tx, c => sqlx::query_as(&sql).bind(id).fetch_optional(c).await?))
}

pub(crate) async fn web_events_of(tx: &mut impl Within, customer: CustomerId) -> Result<Vec<WebEvent>> {
    let sql =
        format!("SELECT {WEB_EVENT_COLUMNS} FROM web_events WHERE customer_id = $1 ORDER BY occurred_at DESC, id DESC");
    Ok(on_tx!(tx, c => sqlx::query_as(&sql).bind(customer).fetch_all(c).await?))
}

pub(crate) const CONSENT_COLUMNS: &str = "id, customer_id, purpose, text_version, given_at, channel, withdrawn_at";

pub(crate) async fn insert_consent(tx: &mut WriteTx, c: &NewConsent) -> Result<Consent> {
    let sql = format!(
        "INSERT INTO consents (customer_id, purpose, text_version, given_at, channel) VALUES ($1, $2, $3, $4, $5) \
         RETURNING {CONSENT_COLUMNS}"
    );
    Ok(on_tx!(tx, conn => sqlx::query_as(&sql)
        .bind(c.customer_id).bind(&c.purpose).bind(&c.text_version).bind(c.given_at).bind(&c.channel)
        .fetch_one(conn).await?))
}

/// Marks a consent withdrawn at `at` (Art. 7(3)); the row stays as proof.
pub(crate) async fn withdraw_consent(
    tx: &mut WriteTx,
    id: crate::values::ConsentId,
    at: DateTime<Utc>,
) -> Result<Option<Consent>> {
    let sql = format!(
        "UPDATE consents SET withdrawn_at = $1 WHERE id = $2 AND withdrawn_at IS NULL RETURNING {CONSENT_COLUMNS}"
    );
    Ok(on_tx!(tx, c => sqlx::query_as(&sql).bind(at).bind(id).fetch_optional(c).await?))
}

/// Every withdrawn consent, with its customer (an erased one too: the proof kept).
pub(crate) async fn withdrawn_with_customers(tx: &mut impl Within) -> Result<Vec<(Who, Consent)>> {
    let columns: Vec<String> = CONSENT_COLUMNS.split(", ").map(|c| format!("r.{c}")).collect();
    let sql = format!(
        "SELECT c.number, c.pseudonym, {} FROM consents r JOIN customers c ON c.id = r.customer_id \
         WHERE r.withdrawn_at IS NOT NULL ORDER BY r.id",
        columns.join(", ")
    );
    let rows: Vec<WhoseConsent> = on_tx!(tx, c => sqlx::query_as(&sql).fetch_all(c).await?);
    Ok(rows.into_iter().map(|r| (r.who, r.consent)).collect())
}

#[derive(sqlx::FromRow)]
struct WhoseConsent {
    #[sqlx(flatten)]
    who: Who,
    #[sqlx(flatten)]
    consent: Consent,
}

/// The standing consent of customer `who` to `purpose` given at
/// `given_at`, if there is one.
pub(crate) async fn standing_consent(
    tx: &mut WriteTx,
    who: &Who,
    purpose: &str,
    given_at: DateTime<Utc>,
) -> Result<Option<crate::values::ConsentId>> {
    let sql = "SELECT r.id FROM consents r JOIN customers c ON c.id = r.customer_id \
               WHERE c.pseudonym = $1 AND r.purpose = $2 AND r.given_at = $3 AND r.withdrawn_at IS NULL";
    Ok(
        on_tx!(tx, c => sqlx::query_scalar(sql).bind(&who.pseudonym).bind(purpose).bind(given_at).fetch_optional(c).await?),
    )
}

pub(crate) async fn consents_of(tx: &mut impl Within, customer: CustomerId) -> Result<Vec<Consent>> {
    let sql = format!("SELECT {CONSENT_COLUMNS} FROM consents WHERE customer_id = $1 ORDER BY given_at DESC, id DESC");
    Ok(on_tx!(tx, c => sqlx::query_as(&sql).bind(customer).fetch_all(c).await?))
}

pub(crate) const REGISTRATION_COLUMNS: &str = "id, customer_id, event_name, event_date, status";

pub(crate) async fn insert_event_registration(tx: &mut WriteTx, r: &NewEventRegistration) -> Result<EventRegistration> {
    let sql = format!(
        "INSERT INTO event_registrations (customer_id, event_name, event_date, status) VALUES ($1, $2, $3, $4) \
         RETURNING {REGISTRATION_COLUMNS}"
    );
    Ok(on_tx!(tx, c => sqlx::query_as(&sql)
        .bind(r.customer_id).bind(&r.event_name).bind(r.event_date).bind(r.status).fetch_one(c).await?))
}

pub(crate) async fn event_registration_tx(
    tx: &mut WriteTx,
    id: EventRegistrationId,
) -> Result<Option<EventRegistration>> {
    let sql = format!("SELECT {REGISTRATION_COLUMNS} FROM event_registrations WHERE id = $1");
    Ok(on_tx!(tx, c => sqlx::query_as(&sql).bind(id).fetch_optional(c).await?))
}

/// The sign-up with its new status; `None` when it is gone.
pub(crate) async fn set_registration_status(
    tx: &mut WriteTx,
    id: EventRegistrationId,
    status: RegistrationStatus,
) -> Result<Option<EventRegistration>> {
    let sql = format!("UPDATE event_registrations SET status = $1 WHERE id = $2 RETURNING {REGISTRATION_COLUMNS}");
    Ok(on_tx!(tx, c => sqlx::query_as(&sql).bind(status).bind(id).fetch_optional(c).await?))
}

pub(crate) async fn event_registrations_of(
    tx: &mut impl Within,
    customer: CustomerId,
) -> Result<Vec<EventRegistration>> {
    let sql = format!("SELECT {REGISTRATION_COLUMNS} FROM event_registrations WHERE customer_id = $1 ORDER BY event_date DESC, id DESC");
    Ok(on_tx!(tx, c => sqlx::query_as(&sql).bind(customer).fetch_all(c).await?))
}

/// Whose consent this is.
pub(crate) async fn consent_customer(tx: &mut WriteTx, id: crate::values::ConsentId) -> Result<Option<CustomerId>> {
    Ok(
        on_tx!(tx, c => sqlx::query_scalar("SELECT customer_id FROM consents WHERE id = $1").bind(id).fetch_optional(c).await?),
    )
}
