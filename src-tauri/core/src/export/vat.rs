//! The VAT of an order spread over its lines so that the lines' VAT adds up to
//! the VAT booked on the order (an imported order may carry its VAT only as a
//! total, or a line rate may round differently from the shop's own figure).

use crate::register::Order;

/// A line's share of its order's VAT, and the rate (in basis points of the
/// net) that share is at.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct LineVat {
    pub vat: i64,
    /// `None` where there is VAT but no net to be a rate of.
    pub rate_bp: Option<i64>,
    /// The rate is the one the line states, not one worked out from its amounts.
    pub stated: bool,
}

impl LineVat {
    /// "25.00", or empty where no rate is known.
    pub fn rate_text(&self) -> String {
        self.rate_bp.map(percent).unwrap_or_default()
    }
}

/// VAT as basis points of the net amount (2500 = 25 %), rounded; `None` when
/// there is VAT but no net.
pub fn effective_bp(gross: i64, vat: i64) -> Option<i64> {
    let net = gross - vat;
    if vat == 0 {
        return Some(0);
    }
    if net == 0 {
        return None;
    }
    Some(((vat as i128 * 10_000 * 2 + net as i128) / (net as i128 * 2)) as i64)
}

/// "25.00": VAT as a percentage of the net amount, two decimals; empty when there is no net.
pub fn effective_rate(gross: i64, vat: i64) -> String {
    effective_bp(gross, vat).map(percent).unwrap_or_default()
}

/// `amount`'s share of `part` of `whole` (an invoice's share of its order's
/// VAT), rounded half away from zero; 0 when `whole` is.
pub fn share(amount: i64, part: i64, whole: i64) -> i64 {
    if whole == 0 {
        return 0;
    }
    let (num, den) = (amount as i128 * part as i128, whole as i128);
    let sign = num.signum() * den.signum();
    ((2 * num.abs() + den.abs()) / (2 * den.abs()) * sign) as i64
}

/// Basis points as a percentage with two decimals: 2500 is "25.00".
pub fn percent(bp: i64) -> String {
    format!("{}.{:02}", bp / 100, (bp % 100).abs())
}

/// Each line's VAT and its rate. Where the lines' own rates give the order's
/// VAT exactly, those; otherwise the order's VAT shared out in proportion to
/// each line's VAT at its rate (or to its amount, when no line has a rate), the
/// remainder of the rounding going to the largest line.
pub fn allocate(order: &Order) -> Vec<LineVat> {
    let own: Vec<i64> = order.lines.iter().map(|l| l.vat().minor).collect();
    if own.iter().sum::<i64>() == order.vat.minor {
        return order
            .lines
            .iter()
            .zip(own)
            .map(|(l, vat)| LineVat { vat, rate_bp: Some(l.vat_rate_bp), stated: true })
            .collect();
    }
    let any_rate = order.lines.iter().any(|l| l.vat_rate_bp > 0);
    let weights: Vec<i128> = order
        .lines
        .iter()
        .zip(&own)
        .map(|(l, v)| if any_rate { *v as i128 } else { l.gross().minor as i128 })
        .collect();
    let total_weight: i128 = weights.iter().sum();
    let vat = order.vat.minor as i128;
    let mut shares: Vec<i64> = if total_weight == 0 {
        vec![0; weights.len()]
    } else {
        weights.iter().map(|w| (vat * w / total_weight) as i64).collect()
    };
    let rest = order.vat.minor - shares.iter().sum::<i64>();
    if let Some(biggest) = (0..weights.len()).max_by_key(|i| weights[*i].abs()) {
        shares[biggest] += rest;
    }
    order
        .lines
        .iter()
        .zip(shares)
        .map(|(l, vat)| {
            if any_rate && l.vat_rate_bp > 0 {
                LineVat { vat, rate_bp: Some(l.vat_rate_bp), stated: true }
            } else {
                LineVat { vat, rate_bp: effective_bp(l.gross().minor, vat), stated: false }
            }
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::fixtures::test_order;
    use super::*;
    use proptest::prelude::*;

    fn order(lines: &[(i64, i64, i64)], vat: i64) -> Order {
        test_order(lines, lines.iter().map(|(q, p, _)| q * p).sum(), vat)
    }

    #[test]
    fn the_lines_own_vat_is_kept_when_it_adds_up() {
        // 125.00 at 25 % holds 25.00; 106.00 at 6 % holds 6.00.
        let o = order(&[(1, 12_500, 2500), (1, 10_600, 600)], 3_100);
        let a = allocate(&o);
        assert_eq!(
            a.iter().map(|v| (v.vat, v.rate_text())).collect::<Vec<_>>(),
            vec![(2_500, "25.00".into()), (600, "6.00".into())]
        );
        assert!(a.iter().all(|v| v.stated));
        assert_eq!(effective_rate(12_500, 2_500), "25.00");
        assert_eq!(effective_rate(10_000, 0), "0.00");
        // Half of 25.01 is 12.505: 12.51, and -12.51 for a credit note.
        assert_eq!((share(5_000, 2_501, 10_000), share(-5_000, 2_501, 10_000)), (1_251, -1_251));
        assert_eq!(share(100, 20, 0), 0);
    }

    #[test]
    fn an_order_level_vat_is_shared_out_by_amount() {
        let o = order(&[(2, 10_000, 0), (1, 5_000, 0)], 5_000);
        let a = allocate(&o);
        assert_eq!(a.iter().map(|x| x.vat).sum::<i64>(), 5_000);
        assert_eq!((a[0].vat, a[0].rate_text(), a[0].stated), (4_000, "25.00".into(), false));
        assert_eq!((a[1].vat, a[1].rate_text()), (1_000, "25.00".into()));
    }

    proptest! {
        #[test]
        fn the_shares_always_add_up_to_the_order_s_vat(
            lines in prop::collection::vec((1_i64..20, -50_000_i64..500_000, prop::sample::select(vec![0_i64, 600, 1200, 2500])), 1..8),
            vat in -100_000_i64..400_000,
        ) {
            let o = order(&lines, vat);
            prop_assert_eq!(allocate(&o).iter().map(|x| x.vat).sum::<i64>(), vat);
        }
    }
}

/// Orders for the tests of the export's modules.
#[cfg(test)]
pub(crate) mod fixtures {
    use crate::register::{Order, OrderLine, OrderStatus};
    use crate::values::{Currency, Money, OrderId};

    /// An order of 1 March 2025 in SEK with lines (quantity, unit price, rate in basis points).
    pub(crate) fn test_order(lines: &[(i64, i64, i64)], total: i64, vat: i64) -> Order {
        let sek = Currency::parse("SEK").expect("SEK");
        Order {
            id: OrderId(1),
            number: "O-1".into(),
            customer_id: None,
            order_date: chrono::NaiveDate::from_ymd_opt(2025, 3, 1).expect("date"),
            total: Money::new(total, sek),
            vat: Money::new(vat, sek),
            payment_provider: None,
            payment_reference: None,
            status: OrderStatus::Placed,
            restricted: false,
            pseudonym: None,
            created_at: chrono::Utc::now(),
            lines: lines
                .iter()
                .enumerate()
                .map(|(i, (q, p, r))| OrderLine {
                    line_no: i as i64 + 1,
                    description: "x".into(),
                    quantity: *q,
                    unit_price: Money::new(*p, sek),
                    vat_rate_bp: *r,
                })
                .collect(),
        }
    }
}
