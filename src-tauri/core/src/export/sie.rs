//! SIE 4I: the period's sales as vouchers for the shop's bookkeeping program.
//!
//! SIE ("Standard Import Export", SIE-gruppen's file format, edition 4B) is how
//! Swedish bookkeeping programs take vouchers from a sub-system; type 4I holds
//! vouchers only, for the receiving program to number and book. PRODUCT.md
//! section 6 names it as the accountant's export's extension.
//!
//! What is booked, and how:
//! - each order of the period is one voucher on its order date: its gross to
//!   the receivable account, its net to the sales account of its VAT rate and
//!   its VAT to the output-VAT account of that rate (the Swedish rates 25, 12,
//!   6 and 0 %, mervärdesskattelagen 2023:200, 9 kap.);
//! - a cancelled order that no credit note credits was never a sale, and is
//!   left out; one with a credit note is booked, and so is its credit note;
//! - each credit note issued in the period is a voucher on its issue date that
//!   books the same accounts back, shared over the order's rates in proportion
//!   to the order's amounts;
//! - amounts are the company's currency, SEK: the register keeps no exchange
//!   rates, so an order in another currency stops the export with its number.
//!
//! The file is CP437 ("#FORMAT PC8", the only encoding SIE 4 allows), lines end
//! in CR LF, and voucher texts name the order and the customer's number or
//! pseudonym, never a name.

use std::collections::BTreeMap;
use std::io::Write;

use chrono::NaiveDate;
use oem_cp::code_table::ENCODING_TABLE_CP437;

use super::vat;
use crate::error::{Error, Result};
use crate::i18n::Translator;
use crate::register::{Invoice, Order};
use crate::settings::Settings;

/// The Swedish VAT rates in basis points of the net.
const RATES: [i64; 4] = [2500, 1200, 600, 0];

/// The only currency an SIE file's amounts can be in here.
pub const CURRENCY: &str = "SEK";

/// The accounts vouchers are booked to (settings `sie.account.*`).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Accounts {
    receivable: u32,
    sales: BTreeMap<i64, u32>,
    vat: BTreeMap<i64, u32>,
}

impl Accounts {
    pub fn from_settings(s: &Settings) -> Self {
        let rate_key = |bp: i64| bp / 100;
        Accounts {
            receivable: s.account("sie.account.receivable"),
            sales: RATES.iter().map(|r| (*r, s.account(&format!("sie.account.sales_{}", rate_key(*r))))).collect(),
            vat: RATES
                .iter()
                .filter(|r| **r > 0)
                .map(|r| (*r, s.account(&format!("sie.account.vat_{}", rate_key(*r)))))
                .collect(),
        }
    }

    /// Every account with what it is for, in the file's language.
    fn named(&self, tr: &Translator) -> Vec<(u32, String)> {
        let rate = |bp: i64| (bp / 100).to_string();
        let mut named = vec![(self.receivable, tr.t("sie-account-receivable"))];
        named.extend(self.sales.iter().map(|(bp, a)| (*a, tr.t_args("sie-account-sales", &[("rate", rate(*bp))]))));
        named.extend(self.vat.iter().map(|(bp, a)| (*a, tr.t_args("sie-account-vat", &[("rate", rate(*bp))]))));
        named.sort_by_key(|(a, _)| *a);
        named.dedup_by_key(|(a, _)| *a);
        named
    }
}

/// An order's amounts by Swedish VAT rate: (net, VAT) in öre for each rate.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Split(BTreeMap<i64, (i64, i64)>);

impl Split {
    /// The order's amounts by rate, from its lines (or its totals, when it has
    /// none). A rate that is not a Swedish one stops the export, naming the
    /// order and the line (in the message: the window shows no place).
    pub fn of(order: &Order) -> Result<Split> {
        let number = &order.number;
        if order.total.currency.code() != CURRENCY {
            let currency = order.total.currency;
            return Err(refused(crate::msg!("msg-sie-order-currency", order = number, currency, sie = CURRENCY)));
        }
        let mut split = Split::default();
        let mut add = |line: Option<i64>, gross: i64, share: vat::LineVat| -> Result<()> {
            let rate = swedish_rate(gross, share).ok_or_else(|| {
                let rate = share.rate_text();
                refused(match line {
                    Some(line) => crate::msg!("msg-sie-line-rate", order = number, line, rate),
                    None => crate::msg!("msg-sie-rate", order = number, rate),
                })
            })?;
            let e = split.0.entry(rate).or_default();
            e.0 += gross - share.vat;
            e.1 += share.vat;
            Ok(())
        };
        if order.lines.is_empty() {
            let share = vat::LineVat {
                vat: order.vat.minor,
                rate_bp: vat::effective_bp(order.total.minor, order.vat.minor),
                stated: false,
            };
            add(None, order.total.minor, share)?;
        } else {
            for (line, share) in order.lines.iter().zip(vat::allocate(order)) {
                add(Some(line.line_no), line.gross().minor, share)?;
            }
        }
        Ok(split)
    }

    fn gross(&self) -> i64 {
        self.0.values().map(|(net, vat)| net + vat).sum()
    }

    /// The split scaled to `amount` (a credit note's): each rate's gross and
    /// VAT in proportion, the rounding's remainder of the gross on the largest
    /// rate, so that the shares add up to `amount` exactly.
    pub fn scaled(&self, amount: i64) -> Option<Split> {
        let total = self.gross() as i128;
        if total == 0 {
            return None;
        }
        let share = |part: i64| (amount as i128 * part as i128 / total) as i64;
        let mut grosses: BTreeMap<i64, i64> = self.0.iter().map(|(r, (n, v))| (*r, share(n + v))).collect();
        let rest = amount - grosses.values().sum::<i64>();
        if let Some((rate, _)) = self.0.iter().max_by_key(|(_, (n, v))| (n + v).abs()) {
            *grosses.entry(*rate).or_default() += rest;
        }
        Some(Split(
            self.0
                .iter()
                .map(|(r, (_, v))| {
                    let vat = share(*v);
                    (*r, (grosses[r] - vat, vat))
                })
                .collect(),
        ))
    }

    /// A voucher's rows (account, öre) for this split: the gross to the
    /// receivable, each rate's net and VAT against it. They add up to zero.
    fn rows(&self, accounts: &Accounts) -> Vec<(u32, i64)> {
        let mut rows = vec![(accounts.receivable, self.gross())];
        for (rate, (net, vat)) in &self.0 {
            rows.push((accounts.sales[rate], -net));
            if *rate > 0 {
                rows.push((accounts.vat[rate], -vat));
            }
        }
        rows.retain(|(_, amount)| *amount != 0);
        rows
    }
}

/// What stops an SIE file, said at the choice of the format: the order or
/// credit note that an SIE file cannot hold is named in the message.
fn refused(why: crate::Message) -> Error {
    Error::invalid("--format", why)
}

/// The Swedish rate a line's VAT is at: the one it states, or the one its
/// amounts give, within half a percentage point (or, by amounts, one öre) of
/// rounding. A rate an import worked out from a line's tax and net is rounded
/// (7.99 with 2.00 tax states 25.03 %), and is still 25 %.
fn swedish_rate(gross: i64, share: vat::LineVat) -> Option<i64> {
    if share.stated {
        let stated = share.rate_bp?;
        return RATES.iter().copied().find(|r| (stated - r).abs() <= 50);
    }
    let net = (gross - share.vat) as i128;
    let off = |r: i64| (share.vat as i128 * 10_000 - net * r as i128).abs();
    RATES.iter().copied().filter(|r| off(*r) <= 50 * net.abs() + 10_000).min_by_key(|r| off(*r))
}

/// Writes an SIE 4I file: the head, then vouchers as they come.
pub(super) struct SieWriter {
    series: String,
    accounts: Accounts,
    tr: Translator,
}

impl SieWriter {
    /// Writes the file's head. The company's name is a field SIE requires.
    pub fn begin(out: &mut impl Write, settings: &Settings, today: NaiveDate) -> Result<SieWriter> {
        let company = settings.get("controller.name").unwrap_or_default().trim().to_owned();
        if company.is_empty() {
            return Err(Error::invalid("controller.name", crate::msg!("msg-sie-needs-company")));
        }
        let w = SieWriter {
            series: settings.get("sie.series").unwrap_or("A").to_owned(),
            accounts: Accounts::from_settings(settings),
            tr: Translator::new(settings.language()),
        };
        let mut head = vec![
            "#FLAGGA 0".to_owned(),
            format!("#PROGRAM {} {}", quoted("Kundvakt"), quoted(env!("CARGO_PKG_VERSION"))),
            "#FORMAT PC8".to_owned(),
            format!("#GEN {}", today.format("%Y%m%d")),
            "#SIETYP 4".to_owned(),
            format!("#FNAMN {}", quoted(&company)),
        ];
        let org = settings.get("controller.org_number").unwrap_or_default().trim();
        if !org.is_empty() {
            head.push(format!("#ORGNR {}", quoted(org)));
        }
        head.push(format!("#VALUTA {CURRENCY}"));
        for (account, name) in w.accounts.named(&w.tr) {
            head.push(format!("#KONTO {account} {}", quoted(&name)));
        }
        for line in head {
            write_line(out, &line)?;
        }
        Ok(w)
    }

    /// The voucher of an order sold to `customer` (a number or a pseudonym).
    pub fn order(&self, out: &mut impl Write, order: &Order, customer: &str) -> Result<()> {
        let text = self.tr.t_args("sie-order", &[("number", order.number.clone()), ("customer", customer.to_owned())]);
        self.voucher(out, order.order_date, &text, &Split::of(order)?.rows(&self.accounts))
    }

    /// The voucher of a credit note of `order`.
    pub fn credit_note(&self, out: &mut impl Write, note: &Invoice, order: &Order) -> Result<()> {
        if note.amount.currency.code() != CURRENCY {
            let currency = note.amount.currency;
            return Err(refused(crate::msg!("msg-sie-note-currency", note = note.number, currency, sie = CURRENCY)));
        }
        let split = Split::of(order)?
            .scaled(note.amount.minor)
            .ok_or_else(|| refused(crate::msg!("msg-sie-credits-zero", note = note.number, order = order.number)))?;
        let text = self.tr.t_args(
            "sie-credit-note",
            &[
                ("number", note.number.clone()),
                ("credits", note.credits.clone().unwrap_or_default()),
                ("order", order.number.clone()),
            ],
        );
        self.voucher(out, note.issued_on, &text, &split.rows(&self.accounts))
    }

    /// `#VER` with an empty number, for the bookkeeping program to number in
    /// its series, then its `#TRANS` rows.
    fn voucher(&self, out: &mut impl Write, date: NaiveDate, text: &str, rows: &[(u32, i64)]) -> Result<()> {
        write_line(out, &format!("#VER {} \"\" {} {}", quoted(&self.series), date.format("%Y%m%d"), quoted(text)))?;
        write_line(out, "{")?;
        for (account, amount) in rows {
            write_line(out, &format!("   #TRANS {account} {{}} {}", ore(*amount)))?;
        }
        write_line(out, "}")
    }
}

/// Öre as kronor with a decimal point: -125050 is "-1250.50".
fn ore(minor: i64) -> String {
    let sign = if minor < 0 { "-" } else { "" };
    format!("{sign}{}.{:02}", minor.unsigned_abs() / 100, minor.unsigned_abs() % 100)
}

/// A text field: in quotes, a quote inside as `\"`. SIE has no escape for a
/// backslash or a control character, so those become `/` and a space.
fn quoted(text: &str) -> String {
    let inner: String = text
        .chars()
        .map(|c| match c {
            '"' => "\\\"".to_owned(),
            '\\' => "/".to_owned(),
            c if c.is_control() => " ".to_owned(),
            c => c.to_string(),
        })
        .collect();
    format!("\"{inner}\"")
}

/// A line in CP437. Its letters for Swedish (å ä ö) are there; ø and Ø are
/// not, and become ö and Ö; anything else CP437 lacks becomes `?`.
fn write_line(out: &mut impl Write, line: &str) -> Result<()> {
    let nordic: String = line
        .chars()
        .map(|c| match c {
            'ø' => 'ö',
            'Ø' => 'Ö',
            c => c,
        })
        .collect();
    let mut bytes = oem_cp::encode_string_lossy(&nordic, &ENCODING_TABLE_CP437);
    bytes.extend_from_slice(b"\r\n");
    out.write_all(&bytes).map_err(|e| Error::Internal(format!("writing the SIE file: {e}")))
}

#[cfg(test)]
mod tests {
    use super::super::vat::fixtures::test_order as order;
    use super::*;
    use proptest::prelude::*;

    fn accounts() -> Accounts {
        Accounts::from_settings(&Settings::from_stored([]))
    }

    #[test]
    fn an_order_of_two_rates_books_each_rate_to_its_accounts() {
        // 125.00 at 25 % (25.00 VAT) and 106.00 at 6 % (6.00 VAT).
        let o = order(&[(1, 12_500, 2500), (1, 10_600, 600)], 23_100, 3_100);
        let rows = Split::of(&o).expect("split").rows(&accounts());
        assert_eq!(rows, vec![(1510, 23_100), (3003, -10_000), (2631, -600), (3001, -10_000), (2611, -2_500)]);
        assert_eq!(rows.iter().map(|r| r.1).sum::<i64>(), 0);
    }

    #[test]
    fn an_order_without_lines_is_booked_at_the_rate_its_totals_give() {
        let rows = Split::of(&order(&[], 9_900, 1_980)).expect("25 %").rows(&accounts());
        assert_eq!(rows, vec![(1510, 9_900), (3001, -7_920), (2611, -1_980)]);
        // 0.99 with 0.20 VAT is 25.3 %: one öre of rounding, still 25 %.
        assert!(Split::of(&order(&[], 99, 20)).is_ok());
        let e = Split::of(&order(&[], 11_500, 1_500)).expect_err("15 %");
        assert!(e.to_string().starts_with("--format: order O-1: VAT of 15.00 %"), "{e}");
        let e = Split::of(&order(&[(1, 11_500, 1500)], 11_500, 1_500)).expect_err("stated 15 %");
        assert!(e.to_string().starts_with("--format: order O-1, line 1: VAT of 15.00 %"), "{e}");
        // An imported line's rounded rate: 9.99 with 2.00 VAT states 25.03 %.
        let rows = Split::of(&order(&[(1, 999, 2503)], 999, 200)).expect("25 %").rows(&accounts());
        assert_eq!(rows, vec![(1510, 999), (3001, -799), (2611, -200)]);
    }

    #[test]
    fn a_credit_note_books_back_in_proportion() {
        let o = order(&[(1, 12_500, 2500), (1, 10_600, 600)], 23_100, 3_100);
        let split = Split::of(&o).expect("split");
        assert_eq!(split.scaled(23_100), Some(split.clone()));
        let back = split.scaled(-11_550).expect("half").rows(&accounts());
        assert_eq!(back, vec![(1510, -11_550), (3003, 5_000), (2631, 300), (3001, 5_000), (2611, 1_250)]);
        assert_eq!(Split::of(&order(&[], 0, 0)).expect("zero").scaled(-100), None);
    }

    #[test]
    fn texts_are_quoted_and_written_in_cp437() {
        assert_eq!(quoted("Butik \"Ö\" \\ AB\n"), "\"Butik \\\"Ö\\\" / AB \"");
        let mut out = vec![];
        write_line(&mut out, "#FNAMN \"Blåbär Søm\"").expect("line");
        assert_eq!(out, b"#FNAMN \"Bl\x86b\x84r S\x94m\"\r\n");
        assert_eq!(ore(-125_050), "-1250.50");
        assert_eq!(ore(7), "0.07");
    }

    proptest! {
        #[test]
        fn every_voucher_balances(
            lines in prop::collection::vec((1_i64..20, -50_000_i64..500_000, prop::sample::select(vec![0_i64, 600, 1200, 2500])), 1..8),
            part in 1_i64..=100,
        ) {
            let total: i64 = lines.iter().map(|(q, p, _)| q * p).sum();
            let vat: i64 = lines.iter().map(|(q, p, r)| q * p * r / (10_000 + r)).sum();
            let o = order(&lines, total, vat);
            let split = Split::of(&o).expect("Swedish rates");
            prop_assert_eq!(split.rows(&accounts()).iter().map(|r| r.1).sum::<i64>(), 0);
            if let Some(back) = split.scaled(-total * part / 100) {
                let rows = back.rows(&accounts());
                prop_assert_eq!(rows.iter().map(|r| r.1).sum::<i64>(), 0);
                prop_assert_eq!(back.gross(), -total * part / 100);
            }
        }
    }
}
