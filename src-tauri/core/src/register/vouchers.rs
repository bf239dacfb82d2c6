//! Orders and invoices: the accounting records (vouchers) of the bookkeeping
//! law, numbered from the shop's series where nobody typed a number, checked
//! against each other, and never changed once recorded but by a status or a
//! credit note.

use super::{active_customer_in, records, series, InvoiceDraft, OrderDraft, Register, Series};
use super::{Invoice, InvoiceKind, NewInvoice, NewOrder, Order, OrderStatus};
use crate::audit::to_json as json;
use crate::audit::Action;
use crate::error::{Error, Result};
use crate::msg;
use crate::store::records::OrderKey;
use crate::store::{self, WriteTx};
use crate::values::Money;

impl Register {
    /// The next number of the shop's `series` (orders taken by hand,
    /// invoices); `None` when its setting is empty.
    pub async fn next_number(&self, series: Series) -> Result<Option<String>> {
        let Some(prefix) = series.prefix(&self.settings().await?) else { return Ok(None) };
        let Some(below) = series::series_end(&prefix) else { return Ok(None) };
        let mut taken = store::series::numbers_in_series(&self.store, series, &prefix, &below).await?;
        taken.extend(store::series::remembered_in_series(&self.store, series, &prefix, &below).await?);
        Ok(Some(series::next_in_series(&prefix, &taken)))
    }

    /// Records a voucher with the number `typed`, or, when nothing was typed,
    /// with the next of `series`. Two computers (or two windows) issuing at
    /// the same moment both see the same next number; the one that comes
    /// second finds it taken, and `record` is run again with the one after.
    async fn numbered<T, F, Fut>(&self, typed: &str, series: Series, record: F) -> Result<T>
    where
        F: Fn(String) -> Fut,
        Fut: std::future::Future<Output = Result<T>>,
    {
        /// Enough for every writer of a small shop's computers at once.
        const TRIES: usize = 10;
        let typed = typed.trim();
        if !typed.is_empty() {
            return record(typed.to_owned()).await;
        }
        let mut tries = 1;
        loop {
            let number = self
                .next_number(series)
                .await?
                .ok_or_else(|| Error::invalid("number", msg!("msg-give-number", setting = series.setting())))?;
            match record(number).await {
                Err(e) if e.is_number_taken() && tries < TRIES => tries += 1,
                done => return done,
            }
        }
    }

    /// Records an order as typed (the app's form, `kundvakt order add`); one
    /// typed without a number takes the next of the shop's series.
    pub async fn record_order(&self, draft: &OrderDraft) -> Result<Order> {
        let order = draft.read()?;
        self.numbered(&order.number, Series::Orders, |number| {
            let order = NewOrder { number, ..order.clone() };
            async move { self.add_order(&order).await }
        })
        .await
    }

    pub async fn add_order(&self, order: &NewOrder) -> Result<Order> {
        let mut tx = self.store.begin(&self.actor).await?;
        let saved = add_order_in(&mut tx, order, Entered::ByHand).await?;
        tx.commit().await?;
        Ok(saved)
    }

    /// Moves an order on (paid, shipped, cancelled, refunded); returns the
    /// status it had. Refused when it has that status already.
    pub async fn set_order_status(&self, number: &str, status: OrderStatus) -> Result<OrderStatus> {
        let mut tx = self.store.begin(&self.actor).await?;
        let before = set_order_status_in(&mut tx, number, status)
            .await?
            .ok_or_else(|| Error::Refused(msg!("msg-order-status-already", number, status)))?;
        tx.commit().await?;
        Ok(before)
    }

    /// Issues an invoice, a reminder or a credit note of an order as a person
    /// gives it (the app's form, `kundvakt order invoice`); without a
    /// number, the next of the shop's invoice series.
    pub async fn record_invoice(&self, draft: &InvoiceDraft) -> Result<Invoice> {
        self.numbered(&draft.number, Series::Invoices, |number| self.invoice_numbered(draft, number)).await
    }

    async fn invoice_numbered(&self, draft: &InvoiceDraft, number: String) -> Result<Invoice> {
        let mut tx = self.store.begin(&self.actor).await?;
        let order = draft.order.trim();
        let invoiced = store::records::order_for_invoice(&mut tx, OrderKey::Number(order))
            .await?
            .ok_or_else(|| Error::not_found("order", order))?;
        let currency = crate::values::Currency::parse(&invoiced.currency)?;
        let invoice = NewInvoice {
            order_id: invoiced.id,
            number,
            kind: draft.kind,
            issued_on: draft.issued_on,
            due_on: draft.due_on,
            amount: crate::values::Money::parse(&draft.amount, currency, "amount")?,
            credits: draft.credits.as_deref().map(str::trim).filter(|c| !c.is_empty()).map(str::to_owned),
        };
        let saved = invoice_of(&mut tx, &invoice, &invoiced).await?;
        tx.commit().await?;
        Ok(saved)
    }

    pub async fn add_invoice(&self, invoice: &NewInvoice) -> Result<Invoice> {
        let mut tx = self.store.begin(&self.actor).await?;
        let saved = add_invoice_in(&mut tx, invoice).await?;
        tx.commit().await?;
        Ok(saved)
    }
}

// Inside a caller's transaction (see the module `register`).

/// How an order came into the register: a restore carries those entered by
/// hand, which nothing else has (backup/vouchers.rs).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Entered {
    /// The order form, `kundvakt order add`.
    ByHand,
    /// A web shop's file, or the demo shop's history.
    FromFile,
}

pub(crate) async fn add_order_in(tx: &mut WriteTx, order: &NewOrder, entered: Entered) -> Result<Order> {
    let vat = order.validate()?;
    // Retention counts from the order's day (BFL 7 kap. 2 §): a day ahead of
    // the shop's would keep the voucher past its end. One day of slack for a
    // time zone east of the register's clock.
    if order.order_date > (tx.now() + chrono::Days::new(1)).date_naive() {
        return Err(Error::invalid("order_date", msg!("msg-in-the-future", when = order.order_date)));
    }
    let customer = active_customer_in(tx, order.customer_id).await?;
    if store::records::order_number_taken(tx, &order.number).await? {
        return Err(Error::duplicate("number", msg!("msg-order-exists", number = order.number)));
    }
    let saved = store::records::insert_order(tx, order, vat, entered == Entered::ByHand).await?;
    store::customers::touch(tx, customer.id, order.order_date.and_hms_opt(12, 0, 0).map(|t| t.and_utc())).await?;
    tx.audit(Action::OrderAdd, "order", saved.id, Some(customer.id), None, Some(&json(&saved)?)).await?;
    Ok(saved)
}

/// An invoice, a reminder or a credit note of an order: an accounting
/// record of its own (BFL 5 kap. 6 §), so it must agree with its order. Its
/// number is unique, it is issued on or after the order's day and not in the
/// future, falls due no earlier than it is issued, and is in the order's
/// currency. A credit note credits an invoice of the same order, issued on
/// or before it, by no more than is left of it. An erased customer's order
/// is kept only for the books: nothing is sent about it.
pub(crate) async fn add_invoice_in(tx: &mut WriteTx, invoice: &NewInvoice) -> Result<Invoice> {
    let invoiced = store::records::order_for_invoice(tx, OrderKey::Id(invoice.order_id))
        .await?
        .ok_or_else(|| Error::not_found("order", invoice.order_id))?;
    invoice_of(tx, invoice, &invoiced).await
}

/// Checks `invoice` against its order, `invoiced`, and records it.
async fn invoice_of(
    tx: &mut WriteTx,
    invoice: &NewInvoice,
    invoiced: &store::records::InvoicedOrder,
) -> Result<Invoice> {
    let number = records::check_text(&invoice.number, "number", 60)?;
    let store::records::InvoicedOrder { number: order_number, order_date, currency, customer_id, .. } = invoiced;
    // An erased customer's order is kept only for the books: nothing more is
    // sent about it. A refund made after the erasure must still reach the
    // books, as a credit note (a voucher, BFL 5 kap. 6 §), which needs no
    // personal data (GDPR Art. 17(3)(b): a legal obligation).
    if customer_id.is_none() && invoice.kind != InvoiceKind::CreditNote {
        return Err(Error::Refused(msg!("msg-order-of-erased", number = order_number)));
    }
    if store::records::invoice_number_taken(tx, &number).await? {
        return Err(Error::duplicate("number", msg!("msg-invoice-exists", number)));
    }
    if invoice.issued_on < *order_date {
        return Err(Error::invalid("issued_on", msg!("msg-invoice-before-order", order_date)));
    }
    if invoice.issued_on > (tx.now() + chrono::Days::new(1)).date_naive() {
        return Err(Error::invalid("issued_on", msg!("msg-in-the-future", when = invoice.issued_on)));
    }
    if invoice.due_on.is_some_and(|due| due < invoice.issued_on) {
        return Err(Error::invalid("due_on", msg!("msg-due-before-issued")));
    }
    if invoice.amount.currency.code() != currency.as_str() {
        return Err(Error::invalid("amount", msg!("msg-order-currency", currency)));
    }
    if invoice.amount.minor <= 0 {
        return Err(Error::invalid("amount", msg!("msg-more-than-zero")));
    }
    match (invoice.kind, invoice.credits.as_deref()) {
        (InvoiceKind::CreditNote, Some(credits)) => check_credit(tx, invoice, credits).await?,
        (InvoiceKind::CreditNote, None) => return Err(Error::invalid("credits", msg!("msg-give-credited"))),
        (_, Some(_)) => return Err(Error::invalid("credits", msg!("msg-only-credit-notes-credit"))),
        (_, None) => {}
    }
    let saved = store::records::insert_invoice(tx, invoice).await?;
    tx.audit(Action::InvoiceAdd, "invoice", saved.id, *customer_id, None, Some(&json(&saved)?)).await?;
    Ok(saved)
}

/// A credit note credits an invoice (not a reminder or another credit note)
/// of its own order, issued on or before it, and by no more than what
/// earlier credit notes have left of it.
async fn check_credit(tx: &mut WriteTx, note: &NewInvoice, credits: &str) -> Result<()> {
    let credited = store::records::credited(tx, credits)
        .await?
        .ok_or_else(|| Error::invalid("credits", msg!("msg-no-invoice", credits)))?;
    let invoice = &credited.invoice;
    if invoice.order_id != note.order_id {
        return Err(Error::invalid("credits", msg!("msg-invoice-of-another-order", credits)));
    }
    if invoice.kind != InvoiceKind::Invoice {
        return Err(Error::invalid("credits", msg!("msg-credit-not-an-invoice", credits)));
    }
    if note.issued_on < invoice.issued_on {
        return Err(Error::invalid(
            "issued_on",
            msg!("msg-credit-before-invoice", credits, issued = invoice.issued_on),
        ));
    }
    let left = Money::new(invoice.amount.minor + credited.credited_minor, invoice.amount.currency);
    if note.amount.minor > left.minor {
        return Err(Error::invalid("amount", msg!("msg-credit-left", left, credits)));
    }
    Ok(())
}

/// An order's status, changed and audited: the amounts stay the voucher's (the
/// bookkeeping law keeps them as recorded), only what became of the order
/// moves on. `None` when the order had that status already.
pub(crate) async fn set_order_status_in(
    tx: &mut WriteTx,
    number: &str,
    status: OrderStatus,
) -> Result<Option<OrderStatus>> {
    let (id, before, customer) =
        store::records::order_status_by_number(tx, number).await?.ok_or_else(|| Error::not_found("order", number))?;
    if before == status {
        return Ok(None);
    }
    if !store::records::set_order_status(tx, id, before, status).await? {
        return Err(Error::Refused(msg!("msg-order-changed", number)));
    }
    let state = |s: OrderStatus| serde_json::json!({ "order": number, "status": s });
    tx.audit(Action::OrderStatus, "order", id, customer, Some(&state(before)), Some(&state(status))).await?;
    Ok(Some(before))
}
