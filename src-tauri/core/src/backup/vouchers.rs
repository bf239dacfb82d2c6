//! The vouchers the shop recorded by hand after a backup was made, carried
//! into the restored copy: an order taken on the telephone, an invoice, a
//! reminder, a credit note of a return, what became of an order. The books
//! must keep them (BFL 7 kap. 2 §, bokføringsloven § 13, HGB § 257), a
//! recorded voucher is corrected only by another (BFL 5 kap. 5 §), and
//! nothing else has them: the web shop's own orders come back by importing
//! its export again, which is why a restore does not carry imported orders
//! (it is also how a mistaken import is undone). The notes written since
//! that document a purchase or an agreement (`--bookkeeping`: accounting
//! material, BFL 1 kap. 2 § 9, bokføringsloven § 13 første ledd nr. 5, HGB
//! § 257 Abs. 1 Nr. 2-3) are carried too, all being written by hand; one the
//! copy has (the same customer, time, way and words: written within the
//! margin before the backup) is not.
//!
//! Carried after the merges (an order is under the customer it is under
//! now), before the holds (a hold placed on one is carried with it) and the
//! erasures and sweeps (which then do to them what they did). An order is
//! carried as the register has it: of a customer erased since, already kept
//! under the pseudonym and restricted (Art. 17(3)(b), 18). One whose
//! customer the copy does not have (added after the backup, and not erased)
//! brings the customer, as the register has them: a voucher names its
//! counterparty (BFL 5 kap. 7 §). Where the copy has someone else under the
//! customer's number or e-mail address, it is not carried: the restore
//! names it among the orders lost. The notes are carried after the erasures
//! and sweeps: a note of a customer erased since goes under their erased
//! row, or the tombstone carried for them, as the register keeps it; a hold
//! placed on one since comes with it (backup/carry.rs).

use crate::audit::to_json as json;
use crate::audit::Action;
use crate::error::{Error, Result};
use crate::register::{Customer, CustomerFields, CustomerState, Interaction, OrderStatus, Series};
use crate::retention::due::RecordKind;
use crate::store::customers::Who;
use crate::store::hand_vouchers::{self as stored, HandInvoice, HandNote, HandOrder};
use crate::store::{self, Store, WriteTx};
use crate::values::InteractionId;
use chrono::{DateTime, Utc};

/// What the register recorded by hand about when the backup was made, or later.
#[derive(Default)]
pub(super) struct HandVouchers {
    orders: Vec<HandOrder>,
    /// The customers of those orders and notes.
    customers: Vec<Customer>,
    notes: Vec<HandNote>,
    invoices: Vec<HandInvoice>,
    statuses: Vec<(String, OrderStatus)>,
}

/// The numbers of the vouchers carried into the restored copy.
#[derive(Default)]
pub(super) struct Carried {
    pub orders: Vec<String>,
    /// Customers added after the backup, brought with their orders or notes.
    pub customers: Vec<String>,
    pub invoices: Vec<String>,
    /// Orders the copy has, whose status is now the register's.
    pub statuses: Vec<String>,
    /// How many notes of purchases or agreements.
    pub notes: i64,
    /// Each note of those in the restored copy: its id in the register
    /// replaced and in the copy (for the holds placed on it since).
    pub notes_here: Vec<(InteractionId, InteractionId)>,
}

impl HandVouchers {
    /// Read from `store`, the register a restore replaces, at one moment.
    pub(super) async fn of(store: &Store, since: DateTime<Utc>) -> Result<HandVouchers> {
        Ok(store::in_snapshot!(store, s => HandVouchers {
            orders: stored::orders_since(&mut s, since).await?,
            customers: stored::customers_since(&mut s, since).await?,
            notes: stored::notes_since(&mut s, since, true).await?,
            invoices: stored::invoices_since(&mut s, since).await?,
            statuses: stored::statuses_since(&mut s, since).await?,
        }))
    }

    /// The register's ids of the notes written since: a hold on one is
    /// carried with the note, which the copy has under another id, if at all.
    pub(super) fn note_ids(&self) -> impl Iterator<Item = (RecordKind, i64)> + '_ {
        self.notes.iter().map(|h| (RecordKind::Interaction, h.note.id.0))
    }

    /// Records in the restored copy each voucher it lacks (by number), and
    /// the status of each order it has that changed since.
    pub(super) async fn carry(&self, tx: &mut WriteTx) -> Result<Carried> {
        let mut carried = Carried::default();
        for h in &self.orders {
            if store::series::holds_number(tx, Series::Orders, &h.order.number).await? {
                continue;
            }
            let customer = match &h.customer {
                Some(who) => match self.customer_here(tx, who, &mut carried).await? {
                    Some(c) => Some(c.id),
                    None => continue,
                },
                None => None,
            };
            let id = stored::insert_order(tx, &h.order, customer).await?;
            if let Some(c) = customer {
                let active = h.order.order_date.and_hms_opt(12, 0, 0).map(|t| t.and_utc());
                store::customers::touch(tx, c, active).await?;
            }
            let order = crate::register::Order { id, customer_id: customer, ..h.order.clone() };
            tx.audit(Action::OrderAdd, "order", id, customer, None, Some(&json(&order)?)).await?;
            carried.orders.push(h.order.number.clone());
        }
        for h in &self.invoices {
            if store::series::holds_number(tx, Series::Invoices, &h.invoice.number).await? {
                continue;
            }
            let Some((order, _, customer)) = store::records::order_status_by_number(tx, &h.order).await? else {
                continue;
            };
            let id = stored::insert_invoice(tx, h, order).await?;
            let invoice = crate::register::Invoice { id, order_id: order, ..h.invoice.clone() };
            tx.audit(Action::InvoiceAdd, "invoice", id, customer, None, Some(&json(&invoice)?)).await?;
            carried.invoices.push(h.invoice.number.clone());
        }
        for (number, status) in &self.statuses {
            // One the copy lacks was imported after the backup: it comes back with the web shop's file.
            if store::records::order_status_by_number(tx, number).await?.is_none() {
                continue;
            }
            if crate::register::set_order_status_in(tx, number, *status).await?.is_some() {
                carried.statuses.push(number.clone());
            }
        }
        Ok(carried)
    }

    /// Records in the restored copy each note of a purchase or an agreement
    /// it lacks, under the customer it is under now (after the erasures and
    /// sweeps made again). Counts them in `carried`; returns the numbers of
    /// the customers whose notes it cannot take.
    pub(super) async fn carry_notes(&self, tx: &mut WriteTx, carried: &mut Carried) -> Result<Vec<String>> {
        let mut lost = Vec::new();
        for h in &self.notes {
            let Some(customer) = self.customer_here(tx, &h.customer, carried).await? else {
                lost.push(h.customer.number.clone());
                continue;
            };
            if let Some(id) = stored::same_note(tx, customer.id, h).await? {
                carried.notes_here.push((h.note.id, id));
                continue;
            }
            let id = stored::insert_note(tx, &h.note, customer.id).await?;
            carried.notes_here.push((h.note.id, id));
            if customer.state != CustomerState::Erased {
                store::customers::touch(tx, customer.id, Some(h.note.occurred_at)).await?;
            }
            let note = Interaction { id, customer_id: customer.id, ..h.note.clone() };
            tx.audit(Action::InteractionAdd, "interaction", id, Some(customer.id), None, Some(&json(&note)?)).await?;
            carried.notes += 1;
        }
        lost.sort();
        lost.dedup();
        Ok(lost)
    }

    /// The customer `who` in the copy, found by pseudonym, or brought into
    /// it (and named in `carried`); `None` where it cannot take them.
    async fn customer_here(&self, tx: &mut WriteTx, who: &Who, carried: &mut Carried) -> Result<Option<Customer>> {
        if let Some(c) = store::customers::same_tx(tx, who).await? {
            return Ok(Some(c));
        }
        let brought = self.bring_customer(tx, who).await?;
        carried.customers.extend(brought.iter().map(|c| c.number.clone()));
        Ok(brought)
    }

    /// Adds the customer `who` of an order to the copy, which lacks them, as
    /// the register has them (their number, pseudonym and when they were
    /// added); `None` where the copy has someone else under their number or
    /// e-mail address.
    async fn bring_customer(&self, tx: &mut WriteTx, who: &Who) -> Result<Option<Customer>> {
        // One erased is in the copy already (a tombstone carried for them).
        let Some(c) = self.customers.iter().find(|c| c.pseudonym == who.pseudonym && c.state != CustomerState::Erased)
        else {
            return Ok(None);
        };
        let added =
            store::customers::insert(tx, &CustomerFields::from(c), c.pseudonym.clone(), c.created_at, None).await;
        let added = match added {
            Err(Error::Duplicate { .. }) => return Ok(None),
            added => added?,
        };
        tx.audit(Action::CustomerAdd, "customer", added.id, Some(added.id), None, Some(&json(&added)?)).await?;
        Ok(Some(added))
    }
}
