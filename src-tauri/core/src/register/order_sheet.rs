//! One order as the shop and its accountant read it, found by its number
//! or by one of its invoices': its lines, its invoices, reminders and
//! credit notes, whose it is, and until when the bookkeeping law keeps it.
//! A customer calling about an order and an accountant asking about a
//! voucher both name it by its number; the customer's page lists every
//! order, this reads the one.

use serde::Serialize;

use super::{settings_in, Customer, CustomerState, Invoice, Order, Register};
use crate::error::{Error, Result};
use crate::retention::due::RecordKind;
use crate::retention::erasure::{ErasedBy, ErasedCustomer};
use crate::retention::{KeptPast, Retention};
use crate::store;
use crate::values::Money;

/// An order with what belongs to it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, schemars::JsonSchema)]
pub struct OrderSheet {
    pub order: Order,
    /// Each of its lines' amount and the VAT in it, in the order of
    /// `order.lines`, worked out here so that the window does not work
    /// them out again.
    pub lines: Vec<LineAmounts>,
    /// Its invoices, reminders and credit notes, in the order they were issued.
    pub invoices: Vec<Invoice>,
    /// The number given, where it was one of the order's invoices, reminders
    /// or credit notes rather than the order's own.
    pub found_by_invoice: Option<String>,
    /// Whose order it is; once they are erased, the row that keeps only
    /// their number and the pseudonym the order is kept under (Art. 17(3)(b)).
    pub customer: Customer,
    /// Of a customer erased: when, and for which request of theirs.
    pub erased: Option<ErasedCustomer>,
    /// Until when the bookkeeping law keeps the order: the latest end of it
    /// and of its invoices, since deleting it deletes them. Past that day,
    /// `kept_past` says what keeps it, as the sweep reads it, or that the
    /// next sweep deletes it.
    pub retention: Retention,
}

/// A line's amount (quantity times the price each, VAT included) and the VAT in it.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, schemars::JsonSchema)]
pub struct LineAmounts {
    pub gross: Money,
    pub vat: Money,
}

impl Register {
    /// The order numbered `number`, or the order of the invoice, reminder or
    /// credit note so numbered, found as a search finds a voucher (as
    /// typed, in capitals, with or without a web shop's `#`).
    pub async fn order_sheet(&self, number: &str) -> Result<OrderSheet> {
        let not_found = || Error::not_found("order", number.trim());
        let voucher = self.numbered_voucher(number).await?.ok_or_else(not_found)?;
        let customer = self.voucher_owner(&voucher).await?.ok_or_else(not_found)?;
        let erased = match customer.state {
            CustomerState::Erased => self.erasure_of(customer.id, ErasedBy::Voucher).await?,
            _ => None,
        };
        let (order, invoices, settings, keeper) = store::in_snapshot!(self.store(), s => {
            let settings = settings_in(&mut s).await?;
            let (order, _) = store::records::orders_with_ids(&mut s, &[voucher.order_id])
                .await?
                .pop()
                .ok_or_else(not_found)?;
            let invoices = store::records::invoices_of(&mut s, &[order.id]).await?;
            let keeper = store::retention::order_keepers(&mut s, &[order.id]).await?.pop().and_then(|(_, k)| k);
            (order, invoices, settings, keeper)
        });
        let today = settings.day_of(store::now());
        let retention = crate::retention::order(&settings, order.order_date, invoices.iter().map(|i| i.issued_on))
            .on(today, || keeper.map_or(KeptPast::Due, KeptPast::from));
        let found_by_invoice = (voucher.kind == RecordKind::Invoice.as_str()).then_some(voucher.number);
        let lines = order.lines.iter().map(|l| LineAmounts { gross: l.gross(), vat: l.vat() }).collect();
        Ok(OrderSheet { order, lines, invoices, found_by_invoice, customer, erased, retention })
    }
}
