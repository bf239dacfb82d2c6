//! SQL of the vouchers the shop recorded by hand (the order form, `order
//! add`, `order invoice`, `order status`), and of the notes it marked as
//! documenting a business event: read from a register that a restore
//! replaces, and written whole into the restored copy (backup/vouchers.rs). An order is marked where it was entered by hand
//! (migration 50); a web shop's file brings its own back when imported again.

use chrono::{DateTime, Utc};

use super::customers::{Who, COLUMNS as CUSTOMER_COLUMNS};
use super::records::{with_lines, InvoiceRow, LineRow, OrderRow, INTERACTION_COLUMNS, INVOICE_COLUMNS, ORDER_COLUMNS};
use super::{on_tx, Within, WriteTx};
use crate::audit::Action;
use crate::error::Result;
use crate::register::{Customer, Interaction, Invoice, Order, OrderStatus};
use crate::values::{CustomerId, InteractionId, InvoiceId, OrderId};

/// An order recorded by hand, with its customer (`None` once erased: the
/// order is then kept under its pseudonym, restricted).
#[derive(Debug, Clone)]
pub(crate) struct HandOrder {
    pub order: Order,
    pub customer: Option<Who>,
}

/// An invoice, a reminder or a credit note, with its order's number and when it was recorded.
#[derive(Debug, Clone)]
pub(crate) struct HandInvoice {
    pub invoice: Invoice,
    pub order: String,
    pub recorded_at: DateTime<Utc>,
}

#[derive(sqlx::FromRow)]
struct WhoseOrder {
    id: OrderId,
    #[sqlx(flatten)]
    who: Who,
}

#[derive(sqlx::FromRow)]
struct InvoiceOf {
    #[sqlx(flatten)]
    row: InvoiceRow,
    order_number: String,
    created_at: DateTime<Utc>,
}

/// Of the orders recorded at `since` or later: those entered by hand.
const BY_HAND: &str = "o.created_at >= $1 AND o.by_hand";

/// The orders recorded by hand at `since` or later, with their lines and customers, in the order recorded.
pub(crate) async fn orders_since(tx: &mut impl Within, since: DateTime<Utc>) -> Result<Vec<HandOrder>> {
    let columns: Vec<String> = ORDER_COLUMNS.split(", ").map(|c| format!("o.{c}")).collect();
    let orders = format!("SELECT {} FROM orders o WHERE {BY_HAND} ORDER BY o.id", columns.join(", "));
    let lines = format!(
        "SELECT l.order_id, l.line_no, l.description, l.quantity, l.unit_price_minor, l.vat_rate_bp \
         FROM order_lines l JOIN orders o ON o.id = l.order_id WHERE {BY_HAND} ORDER BY l.order_id, l.line_no"
    );
    let whose = format!(
        "SELECT o.id, c.number, c.pseudonym FROM orders o JOIN customers c ON c.id = o.customer_id WHERE {BY_HAND}"
    );
    let (rows, line_rows, whose): (Vec<OrderRow>, Vec<LineRow>, Vec<WhoseOrder>) = on_tx!(tx, c => (
        sqlx::query_as(&orders).bind(since).fetch_all(&mut *c).await?,
        sqlx::query_as(&lines).bind(since).fetch_all(&mut *c).await?,
        sqlx::query_as(&whose).bind(since).fetch_all(c).await?,
    ));
    let mut whose: std::collections::HashMap<OrderId, Who> = whose.into_iter().map(|w| (w.id, w.who)).collect();
    Ok(with_lines(rows, line_rows)?
        .into_iter()
        .map(|order| HandOrder { customer: whose.remove(&order.id), order })
        .collect())
}

/// The customers of the orders entered by hand at `since` or later, and of
/// the notes of business events written then, as the register has them: the
/// voucher names its counterparty (BFL 5 kap. 7 §).
pub(crate) async fn customers_since(tx: &mut impl Within, since: DateTime<Utc>) -> Result<Vec<Customer>> {
    let sql = format!(
        "SELECT {CUSTOMER_COLUMNS} FROM customers WHERE id IN (SELECT o.customer_id FROM orders o WHERE {BY_HAND}) \
         OR id IN (SELECT i.customer_id FROM interactions i JOIN audit_entries a ON i.bookkeeping AND {}) ORDER BY id",
        note_added(2)
    );
    Ok(on_tx!(tx, c => sqlx::query_as(&sql).bind(since).bind(Action::InteractionAdd).bind(since - MARGIN)
        .fetch_all(c).await?))
}

/// A note that documents a business event (accounting material, see
/// [`crate::retention::interaction`]), with its customer.
#[derive(Debug, Clone)]
pub(crate) struct HandNote {
    pub note: Interaction,
    pub customer: Who,
    /// The audit trail's entry of its writing: its place and hash.
    pub added: (i64, String),
}

#[derive(sqlx::FromRow)]
struct NoteRow {
    #[sqlx(flatten)]
    note: Interaction,
    #[sqlx(flatten)]
    who: Who,
    written_at: DateTime<Utc>,
    added_seq: i64,
    added_hash: String,
}

/// The trail's time is compared as text on SQLite: the bound is a day
/// earlier, and the times read are compared again.
const MARGIN: chrono::Duration = chrono::Duration::days(1);

/// A note `i` joined to its entry `a` in the trail: the action bound at
/// `$first`, the time from which at the next (every note is written by hand).
fn note_added(first: usize) -> String {
    format!(
        "a.entity = 'interaction' AND a.entity_id = CAST(i.id AS TEXT) \
         AND a.action = ${first} AND a.at >= ${}",
        first + 1
    )
}

/// The notes written at `since` or later, as the register has them now:
/// those of business events (`bookkeeping`), or the others.
pub(crate) async fn notes_since(
    tx: &mut impl Within,
    since: DateTime<Utc>,
    bookkeeping: bool,
) -> Result<Vec<HandNote>> {
    let columns: Vec<String> = INTERACTION_COLUMNS.split(", ").map(|c| format!("i.{c}")).collect();
    let sql = format!(
        "SELECT {}, c.number, c.pseudonym, a.at AS written_at, a.seq AS added_seq, a.hash AS added_hash \
         FROM interactions i \
         JOIN customers c ON c.id = i.customer_id JOIN audit_entries a ON i.bookkeeping = $3 AND {} ORDER BY i.id",
        columns.join(", "),
        note_added(1)
    );
    let rows: Vec<NoteRow> = on_tx!(tx, c => sqlx::query_as(&sql).bind(Action::InteractionAdd)
        .bind(since - MARGIN).bind(bookkeeping).fetch_all(c).await?);
    Ok(rows
        .into_iter()
        .filter(|r| r.written_at >= since)
        .map(|r| HandNote { note: r.note, customer: r.who, added: (r.added_seq, r.added_hash) })
        .collect())
}

/// The notes changed at `since` or later (corrected, closed, moved to
/// another customer), as the register has them, each with the entry of its
/// writing in the trail. The trail's time is compared as in [`notes_since`].
pub(crate) async fn notes_changed_since(tx: &mut impl Within, since: DateTime<Utc>) -> Result<Vec<HandNote>> {
    #[derive(sqlx::FromRow)]
    struct Changed {
        #[sqlx(flatten)]
        row: NoteRow,
        changed_at: DateTime<Utc>,
    }
    // Read from the trail's side: its interaction entries are one range of
    // its subject index, and only the notes changed are joined.
    let columns: Vec<String> = INTERACTION_COLUMNS.split(", ").map(|c| format!("i.{c}")).collect();
    let sql = format!(
        "SELECT {}, c.number, c.pseudonym, a.at AS written_at, a.seq AS added_seq, a.hash AS added_hash, \
         ch.changed_at FROM (SELECT entity_id, MAX(at) AS changed_at FROM audit_entries \
         WHERE entity = 'interaction' AND action IN ($2, $3, $4) AND at >= $5 GROUP BY entity_id) ch \
         JOIN interactions i ON i.id = CAST(ch.entity_id AS BIGINT) JOIN customers c ON c.id = i.customer_id \
         JOIN audit_entries a ON a.entity = 'interaction' AND a.entity_id = ch.entity_id AND a.action = $1 \
         ORDER BY i.id",
        columns.join(", ")
    );
    let rows: Vec<Changed> = on_tx!(tx, c => sqlx::query_as(&sql).bind(Action::InteractionAdd)
        .bind(Action::InteractionEdit).bind(Action::InteractionClose).bind(Action::InteractionMove)
        .bind(since - MARGIN).fetch_all(c).await?);
    Ok(rows
        .into_iter()
        .filter(|r| r.changed_at >= since)
        .map(|Changed { row: r, .. }| HandNote { note: r.note, customer: r.who, added: (r.added_seq, r.added_hash) })
        .collect())
}

/// The id of note `h` here, where it is here: one written before the
/// backup was made (within the margin) is. Found by the entry of its writing
/// in the trail, which a backup of the same register shares, whatever was
/// changed in the note since (corrected, moved to another customer: a
/// restore undoes such an edit, as any other); else as a note of the
/// customer `customer` with the same time, way and words.
pub(crate) async fn same_note(tx: &mut WriteTx, customer: CustomerId, h: &HandNote) -> Result<Option<InteractionId>> {
    let by_entry = "SELECT i.id FROM audit_entries a JOIN interactions i ON CAST(i.id AS TEXT) = a.entity_id \
                    WHERE a.seq = $1 AND a.hash = $2 AND a.entity = 'interaction' AND a.action = $3";
    let (seq, hash) = &h.added;
    let found: Option<InteractionId> = on_tx!(tx, c => sqlx::query_scalar(by_entry).bind(seq).bind(hash)
        .bind(Action::InteractionAdd).fetch_optional(c).await?);
    if found.is_some() {
        return Ok(found);
    }
    let n = &h.note;
    let sql = "SELECT MIN(id) FROM interactions WHERE customer_id = $1 AND occurred_at = $2 \
               AND channel = $3 AND direction = $4 AND summary = $5";
    Ok(on_tx!(tx, c => sqlx::query_scalar(sql).bind(customer).bind(n.occurred_at).bind(n.channel)
        .bind(n.direction).bind(&n.summary).fetch_one(c).await?))
}

/// The invoices, reminders and credit notes recorded at `since` or later (all
/// are recorded by hand), in the order recorded.
pub(crate) async fn invoices_since(tx: &mut impl Within, since: DateTime<Utc>) -> Result<Vec<HandInvoice>> {
    let columns: Vec<String> = INVOICE_COLUMNS.split(", ").map(|c| format!("i.{c}")).collect();
    let sql = format!(
        "SELECT {}, o.number AS order_number, i.created_at FROM invoices i JOIN orders o ON o.id = i.order_id \
         WHERE i.created_at >= $1 ORDER BY i.id",
        columns.join(", ")
    );
    let rows: Vec<InvoiceOf> = on_tx!(tx, c => sqlx::query_as(&sql).bind(since).fetch_all(c).await?);
    rows.into_iter()
        .map(|r| Ok(HandInvoice { invoice: r.row.into_invoice()?, order: r.order_number, recorded_at: r.created_at }))
        .collect()
}

/// The orders whose status was changed by hand at `since` or a day before
/// (the trail's time is compared as text on SQLite: a day's margin), by
/// number, with the status they have now: the newest, whichever it is.
pub(crate) async fn statuses_since(tx: &mut impl Within, since: DateTime<Utc>) -> Result<Vec<(String, OrderStatus)>> {
    let sql = "SELECT o.number, o.status FROM orders o WHERE EXISTS (SELECT 1 FROM audit_entries a \
               WHERE a.entity = 'order' AND a.entity_id = CAST(o.id AS TEXT) AND a.action = $1 AND a.at >= $2) \
               ORDER BY o.id";
    Ok(
        on_tx!(tx, c => sqlx::query_as(sql).bind(Action::OrderStatus).bind(since - chrono::Duration::days(1)).fetch_all(c).await?),
    )
}

/// Inserts `o` as it was recorded (its lines, status, restriction,
/// pseudonym and time), under `customer`; returns its id here.
pub(crate) async fn insert_order(tx: &mut WriteTx, o: &Order, customer: Option<CustomerId>) -> Result<OrderId> {
    let id: OrderId = on_tx!(tx, c => sqlx::query_scalar(
        "INSERT INTO orders (number, customer_id, order_date, currency, total_minor, vat_minor, payment_provider, \
         payment_reference, status, restricted, pseudonym, created_at, by_hand) \
         VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, TRUE) RETURNING id")
        .bind(&o.number).bind(customer).bind(o.order_date).bind(o.total.currency.code()).bind(o.total.minor)
        .bind(o.vat.minor).bind(&o.payment_provider).bind(&o.payment_reference).bind(o.status)
        .bind(o.restricted).bind(&o.pseudonym).bind(o.created_at).fetch_one(c).await?);
    for l in &o.lines {
        super::records::insert_line(tx, id, l).await?;
    }
    Ok(id)
}

/// Inserts the note `n` as the register has it, under `customer`; returns its id here.
pub(crate) async fn insert_note(tx: &mut WriteTx, n: &Interaction, customer: CustomerId) -> Result<InteractionId> {
    let new = crate::register::NewInteraction {
        customer_id: customer,
        occurred_at: n.occurred_at,
        channel: n.channel,
        direction: n.direction,
        summary: n.summary.clone(),
        staff: n.staff.clone(),
        closed_on: n.closed_on,
        bookkeeping: n.bookkeeping,
    };
    Ok(super::records::insert_interaction(tx, &new).await?.id)
}

/// Inserts `i` as it was recorded (its amount as the voucher says it, its
/// time), as an invoice of the order `order` here; returns its id here.
pub(crate) async fn insert_invoice(tx: &mut WriteTx, i: &HandInvoice, order: OrderId) -> Result<InvoiceId> {
    let v = &i.invoice;
    Ok(on_tx!(tx, c => sqlx::query_scalar(
        "INSERT INTO invoices (number, order_id, kind, issued_on, due_on, amount_minor, currency, credits, created_at) \
         VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9) RETURNING id")
        .bind(&v.number).bind(order).bind(v.kind).bind(v.issued_on).bind(v.due_on).bind(v.amount.minor)
        .bind(v.amount.currency.code()).bind(&v.credits).bind(i.recorded_at).fetch_one(c).await?))
}
