//! An order as a person types it, in the app's form or on the command line:
//! amounts as text in the order's currency ("1 249,50"), a VAT rate as a
//! percentage ("25" or "12 %"). One reader turns it into a [`NewOrder`], so
//! that both ways of recording an order read amounts alike and report a bad
//! one at the same field (`lines[2].unit_price`).

use chrono::NaiveDate;
use serde::{Deserialize, Serialize};

use super::records::{NewOrder, NewOrderLine, OrderStatus};
use crate::error::{Error, Result};
use crate::values::{parse_percent_bp, Currency, CustomerId, Money};

/// An order as typed. Empty text counts as not given.
#[derive(Debug, Clone, PartialEq, Eq, Deserialize, schemars::JsonSchema)]
pub struct OrderDraft {
    pub customer_id: CustomerId,
    pub number: String,
    pub order_date: NaiveDate,
    /// ISO 4217, such as SEK.
    pub currency: String,
    /// Including VAT; not given: the sum of the lines.
    pub total: Option<String>,
    /// The VAT included in the total; not given: the lines' VAT.
    pub vat: Option<String>,
    pub payment_provider: Option<String>,
    pub payment_reference: Option<String>,
    pub status: OrderStatus,
    pub lines: Vec<LineDraft>,
}

/// One line as typed: how many of what, at which price each including VAT.
#[derive(Debug, Clone, PartialEq, Eq, Deserialize, schemars::JsonSchema)]
pub struct LineDraft {
    pub description: String,
    pub quantity: String,
    pub unit_price: String,
    /// The VAT rate in per cent.
    pub vat_rate: String,
}

fn given(text: &Option<String>) -> Option<&str> {
    text.as_deref().map(str::trim).filter(|t| !t.is_empty())
}

impl LineDraft {
    /// The line, or every problem of its fields.
    fn read(&self, n: usize, currency: Currency) -> std::result::Result<NewOrderLine, Vec<Error>> {
        let place = |field: &str| format!("lines[{n}].{field}");
        let text = self.quantity.trim();
        let quantity = text
            .parse::<i64>()
            .map_err(|_| Error::invalid(place("quantity"), crate::msg!("msg-not-a-whole-number", value = text)));
        let unit = Money::parse(&self.unit_price, currency, &place("unit_price"));
        let vat_rate_bp = parse_percent_bp(&self.vat_rate, &place("vat_rate"));
        match (quantity, unit, vat_rate_bp) {
            (Ok(quantity), Ok(unit), Ok(vat_rate_bp)) => Ok(NewOrderLine {
                description: self.description.trim().to_owned(),
                quantity,
                unit_price_minor: unit.minor,
                vat_rate_bp,
            }),
            (quantity, unit, rate) => Err([quantity.err(), unit.err(), rate.err()].into_iter().flatten().collect()),
        }
    }
}

impl OrderDraft {
    /// The order the draft describes, or every problem of its fields (each
    /// line's, the total's, the VAT's) together. What the register checks
    /// besides (the lines add up to the total, a unique number, an active
    /// customer) is checked when it is added.
    pub fn read(&self) -> Result<NewOrder> {
        let currency = Currency::parse(&self.currency)?;
        let mut problems = vec![];
        let mut lines = vec![];
        for (i, line) in self.lines.iter().enumerate() {
            match line.read(i + 1, currency) {
                Ok(l) => lines.push(l),
                Err(found) => problems.extend(found),
            }
        }
        let total = match given(&self.total) {
            Some(t) => Money::parse(t, currency, "total").map(Some),
            None if self.lines.is_empty() => {
                Err(Error::invalid("total", crate::msg!("msg-order-needs-total-or-lines")))
            }
            None => Ok(None),
        };
        let vat = given(&self.vat).map(|v| Money::parse(v, currency, "vat")).transpose();
        let (total, vat) = match (total, vat) {
            (Ok(total), Ok(vat)) if problems.is_empty() => (total, vat),
            (total, vat) => {
                problems.extend(total.err());
                problems.extend(vat.err());
                return Err(Error::together(problems).unwrap_or_else(|| Error::Internal("no problem".into())));
            }
        };
        let total = match total {
            Some(total) => total,
            None => {
                let sum = lines.iter().try_fold(0_i64, |sum, l| {
                    l.quantity.checked_mul(l.unit_price_minor).and_then(|gross| sum.checked_add(gross))
                });
                Money::new(sum.ok_or_else(|| Error::invalid("total", crate::msg!("msg-amount-too-large")))?, currency)
            }
        };
        Ok(NewOrder {
            customer_id: self.customer_id,
            number: self.number.trim().to_owned(),
            order_date: self.order_date,
            total,
            vat,
            payment_provider: given(&self.payment_provider).map(str::to_owned),
            payment_reference: given(&self.payment_reference).map(str::to_owned),
            status: self.status,
            lines,
        })
    }
}

/// What an order as typed comes to, as the register would record it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, schemars::JsonSchema)]
pub struct OrderTotals {
    pub total: Money,
    /// The VAT included in the total.
    pub vat: Money,
}

impl OrderDraft {
    /// The total and VAT of the draft, for the form to show while it is
    /// typed: the same reading and checks as recording it, short of the
    /// register's own (a unique number, an active customer).
    pub fn totals(&self) -> Result<OrderTotals> {
        let mut order = self.read()?;
        if order.number.is_empty() {
            // Not typed yet; a number does not change what the order comes to.
            order.number = "-".into();
        }
        let vat = order.validate()?;
        Ok(OrderTotals { total: order.total, vat })
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn draft(lines: &[(&str, &str, &str, &str)], total: Option<&str>) -> OrderDraft {
        OrderDraft {
            customer_id: CustomerId(1),
            number: " W-1 ".into(),
            order_date: NaiveDate::from_ymd_opt(2026, 11, 30).expect("date"),
            currency: "sek".into(),
            total: total.map(str::to_owned),
            vat: Some(" ".into()),
            payment_provider: Some("Klarna".into()),
            payment_reference: Some(String::new()),
            status: OrderStatus::Paid,
            lines: lines
                .iter()
                .map(|(d, q, p, v)| LineDraft {
                    description: (*d).into(),
                    quantity: (*q).into(),
                    unit_price: (*p).into(),
                    vat_rate: (*v).into(),
                })
                .collect(),
        }
    }

    #[test]
    fn the_total_is_the_sum_of_the_lines_when_not_typed() {
        let order = draft(&[("Ljusstake", "2", "1 249,50", "25 %"), ("Kaffe", "1", "89", "12")], None).read();
        let order = order.expect("reads");
        assert_eq!(order.total, Money::new(2 * 124_950 + 8_900, Currency::parse("SEK").expect("SEK")));
        assert_eq!((order.number.as_str(), order.vat, order.payment_reference), ("W-1", None, None));
        assert_eq!((order.lines[0].vat_rate_bp, order.lines[1].unit_price_minor), (2500, 8900));
        let typed = draft(&[("Kaffe", "1", "89", "12")], Some("100")).read().expect("reads");
        assert_eq!(typed.total.minor, 10_000, "a typed total is kept; the register compares it with the lines");
        let mut unnumbered = draft(&[("Ljusstake", "2", "1 249,50", "25"), ("Kaffe", "1", "89", "12")], None);
        unnumbered.number = String::new();
        let totals = unnumbered.totals().expect("totals");
        assert_eq!((totals.total.minor, totals.vat.minor), (258_800, 49_980 + 954));
        let wrong = draft(&[("Kaffe", "1", "89", "12")], Some("100")).totals();
        assert!(wrong.is_err(), "a typed total that is not the lines' sum has no totals");
    }

    #[test]
    fn a_bad_value_is_reported_at_its_line_and_field() {
        let place = |e: Error| match e {
            Error::Invalid { place, message } => format!("{}: {message}", place.0),
            other => other.to_string(),
        };
        let bad = |lines: &[(&str, &str, &str, &str)], total: Option<&str>| {
            place(draft(lines, total).read().expect_err("refused"))
        };
        assert!(bad(&[("a", "1", "5", "25"), ("b", "två", "5", "25")], None).starts_with("lines[2].quantity: `två`"));
        assert!(
            bad(&[("a", "1", "5 €", "25")], None) == "lines[1].unit_price: `5 €` is written in €; the amount is in SEK"
        );
        assert!(bad(&[("a", "1", "5", "125")], None).starts_with("lines[1].vat_rate: `125` is not a percentage"));
        assert_eq!(bad(&[], None), "total: an order needs a total or its lines");
        assert!(bad(&[], Some("12.345")).starts_with("total: `12.345` is not an amount in SEK"));
        assert!(
            bad(&[("a", "1", "5 äpplen", "25")], None).starts_with("lines[1].unit_price: `5 äpplen` is not an amount")
        );
        // Every line's problems and the total's, together, in the form's order.
        match draft(&[("a", "två", "5 äpplen", "25"), ("b", "1", "5", "125")], Some("x")).read() {
            Err(Error::InvalidFields(fields)) => {
                let places: Vec<&str> = fields.iter().map(|(p, _)| p.0.as_str()).collect();
                assert_eq!(places, ["lines[1].quantity", "lines[1].unit_price", "lines[2].vat_rate", "total"]);
            }
            other => panic!("{other:?}"),
        }
        let mut other = draft(&[], Some("1"));
        other.currency = "KRONOR".into();
        assert!(place(other.read().expect_err("refused")).starts_with("currency: `KRONOR`"));
    }
}
