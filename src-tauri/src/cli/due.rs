//! `retention due`, written as the register reads it: on a large register the
//! list runs to millions of records, and neither the table nor the JSON holds
//! it (a whole list of 1.85 million records once took 1 GiB here).

use chrono::NaiveDate;
use kundvakt_core::i18n::Translator;
use kundvakt_core::retention::due::{DueItem, DueSink, DueTotals, Keeper, KeptCount, MonthDue, RecordKind};
use kundvakt_core::{Error, Register};
use serde::Serialize;

use super::output::{self, opt, Table};

pub async fn due(reg: &Register, as_of: Option<NaiveDate>, json: bool) -> Result<(), Error> {
    let as_of = match as_of {
        Some(d) => d,
        None => reg.today().await?,
    };
    if json {
        let mut out = DueJson { part: Part::Head, pending: None, overdue: 0, forecast: vec![] };
        reg.retention_due_into(as_of, &mut out).await?;
        return out.finish();
    }
    let rules = output::Rules::of(reg).await?;
    let mut out = DueTable { table: records(false), holding: None, held_by: vec![], forecast: vec![], rules };
    reg.retention_due_into(as_of, &mut out).await?;
    out.table.finish();
    say!("\nFalls due in the coming months:");
    let rows: Vec<Vec<String>> = out
        .forecast
        .iter()
        .map(|m| {
            let parts: Vec<String> = m.by_entity.iter().map(|(k, v)| format!("{k} {v}")).collect();
            vec![m.month.clone(), m.total.to_string(), parts.join(", ")]
        })
        .collect();
    output::table(&["month", "records", ""], &rows);
    Ok(())
}

/// A table of records past their end; of those kept, with whose they are.
fn records(kept: bool) -> Table {
    // A long list's rows come from kinds and years that its first rows may
    // not show: every kind's name, ids to 99 999 999, numbers as shops write them.
    let record = RecordKind::ALL.iter().map(|k| k.as_str().len()).max().unwrap_or(0);
    if kept {
        Table::new(&["record", "id", "number", "customer", "kept until", "rule"], &[record, 8, 12, 8])
    } else {
        Table::new(&["record", "id", "number", "kept until", "rule"], &[record, 8, 12])
    }
}

/// The records due, then (in a table of their own for each) those a legal
/// hold, a restriction or an open request keeps.
struct DueTable {
    table: Table,
    /// Whose records `table` lists: `None` for those due.
    holding: Option<Keeper>,
    /// How many each keeper keeps, said above its table.
    held_by: Vec<KeptCount>,
    forecast: Vec<MonthDue>,
    rules: output::Rules,
}

impl DueTable {
    fn row(&mut self, i: DueItem) {
        let rule = self.rules.text(&i.rule);
        let mut row = vec![i.entity.to_string(), i.id.to_string(), opt(&i.number)];
        if self.holding.is_some() {
            row.push(i.customer.map(|c| c.number).unwrap_or_default());
        }
        row.extend([i.retain_until.to_string(), rule]);
        self.table.row(row);
    }
}

impl DueSink for DueTable {
    fn totals(&mut self, t: DueTotals) -> Result<(), Error> {
        let due = output::count(t.total, "record", "records");
        say!("Due on {}: {due} ({} overdue); {} held.", t.as_of, t.overdue, t.held);
        (self.held_by, self.forecast) = (t.held_by, t.forecast);
        Ok(())
    }

    fn due(&mut self, i: DueItem) -> Result<(), Error> {
        self.row(i);
        Ok(())
    }

    fn held(&mut self, i: DueItem) -> Result<(), Error> {
        // The list comes keeper by keeper: a table for each.
        if i.kept_by != self.holding {
            std::mem::replace(&mut self.table, records(true)).finish();
            if self.holding.is_none() {
                say!(
                    "\nKept past their end by a legal hold, the customer's restriction or their request for a copy \
                     or a restriction not yet answered (kundvakt hold list shows the holds, kundvakt request list \
                     the requests)."
                );
            }
            let keeper = i.kept_by.map(|k| k.name(Translator::english())).unwrap_or_default();
            let records = self.held_by.iter().find(|k| Some(k.keeper) == i.kept_by).map_or(0, |k| k.records);
            say!("\nKept by: {keeper} ({})", output::count(records, "record", "records"));
            self.holding = i.kept_by;
        }
        self.row(i);
        Ok(())
    }
}

/// The JSON of a [`kundvakt_core::retention::due::DueReport`] (`as_of`,
/// `items`, `overdue`, `held`, `forecast`), written a record a line.
struct DueJson {
    part: Part,
    /// The record last read, held back until the next says whether a comma follows it.
    pending: Option<String>,
    overdue: i64,
    forecast: Vec<MonthDue>,
}

#[derive(PartialEq)]
enum Part {
    Head,
    Items,
    Held,
}

impl DueJson {
    fn record(&mut self, i: &DueItem) -> Result<(), Error> {
        let text = format!("    {}", to_json(i)?);
        if let Some(before) = self.pending.replace(text) {
            say!("{before},");
        }
        Ok(())
    }

    /// Ends the list being written.
    fn close_list(&mut self) {
        if let Some(last) = self.pending.take() {
            say!("{last}");
        }
        say!("  ],");
    }

    /// Ends `items` and begins `held`: at the first held record, or at the end.
    fn begin_held(&mut self) {
        self.close_list();
        say!("  \"overdue\": {},", self.overdue);
        say!("  \"held\": [");
        self.part = Part::Held;
    }

    fn finish(mut self) -> Result<(), Error> {
        if self.part == Part::Items {
            self.begin_held();
        }
        self.close_list();
        say!("  \"forecast\": {}", to_json(&self.forecast)?);
        say!("}}");
        Ok(())
    }
}

impl DueSink for DueJson {
    fn totals(&mut self, t: DueTotals) -> Result<(), Error> {
        say!("{{");
        say!("  \"as_of\": {},", to_json(&t.as_of)?);
        say!("  \"items\": [");
        (self.part, self.overdue, self.forecast) = (Part::Items, t.overdue, t.forecast);
        Ok(())
    }

    fn due(&mut self, i: DueItem) -> Result<(), Error> {
        self.record(&i)
    }

    fn held(&mut self, i: DueItem) -> Result<(), Error> {
        if self.part == Part::Items {
            self.begin_held();
        }
        self.record(&i)
    }
}

fn to_json(value: &impl Serialize) -> Result<String, Error> {
    serde_json::to_string(value).map_err(|e| Error::Internal(format!("cannot write JSON: {e}")))
}
