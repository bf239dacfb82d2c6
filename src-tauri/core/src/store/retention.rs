//! SQL of the retention view: the records of one kind dated on or before a
//! cutoff, with or without a legal hold, and counts between two cutoffs.

use chrono::{DateTime, NaiveDate, Utc};

use super::{on_pool, on_tx, Store, Within, WriteTx};
use crate::error::Result;
use crate::requests::{RequestKind, RequestState};
use crate::retention::due::{instant_after, Basis, Keeper, Part, RecordKind};
use crate::settings::Settings;
use crate::values::{CustomerId, OrderId};

/// The table that holds records of `kind`.
pub(crate) fn table(kind: RecordKind) -> &'static str {
    match kind {
        RecordKind::Order => "orders",
        RecordKind::Invoice => "invoices",
        RecordKind::Customer => "customers",
        RecordKind::Interaction => "interactions",
        RecordKind::WebEvent => "web_events",
        RecordKind::Consent => "consents",
        RecordKind::EventRegistration => "event_registrations",
        RecordKind::Request => "requests",
    }
}

/// A record's date: a day, or a point in time.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum RowDate {
    Day(NaiveDate),
    Time(DateTime<Utc>),
}

/// What a hold keeps an order `r` by: one on it, on one of its invoices
/// (deleting the order would delete them; the subject `'invoices_of'`, by
/// the order's id) or on its customer. An erased
/// customer's orders keep no link to the customer row, only the pseudonym
/// (Art. 17(3)(b)): a hold put on that row since, for a claim of the
/// person's (Art. 17(3)(e)), keeps them and their invoices, as the
/// customer's page says, found by it (the subject `'pseudonym'`: the
/// customer whose pseudonym the record is kept under); so does a request of
/// theirs that keeps records ([`requested_predicate`]).
const ORDER_SUBJECTS: &str =
    "('order', r.id), ('invoices_of', r.id), ('customer', r.customer_id), ('pseudonym', r.pseudonym)";

/// How the records of a kind are read: the table (aliased `r`) with what
/// else the rows are read with and a `WHERE` that the caller continues
/// with `AND`, the record's id and number, the column it is dated by, and
/// the subjects a keeper is asked of, as `(entity, id)` pairs of SQL.
struct Shape {
    from: &'static str,
    id: &'static str,
    number: &'static str,
    column: &'static str,
    subjects: &'static str,
}

fn shape(basis: &Basis) -> Shape {
    let (from, id, number, column, subjects) = match basis.kind {
        // An order goes with its invoices (deleting it deletes them), so it is
        // dated by the latest of them (migration 49) and kept by a hold on
        // any of them ([`ORDER_SUBJECTS`]).
        RecordKind::Order => {
            ("orders r WHERE TRUE", "r.id", "r.number", "COALESCE(r.kept_from, r.order_date)", ORDER_SUBJECTS)
        }
        RecordKind::Invoice => (
            "invoices r JOIN orders o ON o.id = r.order_id WHERE TRUE",
            "r.id",
            "r.number",
            "r.issued_on",
            // Its order's customer, erased or not, as [`ORDER_SUBJECTS`] has it.
            "('invoice', r.id), ('order', r.order_id), ('customer', o.customer_id), ('pseudonym', o.pseudonym)",
        ),
        RecordKind::Customer => {
            ("customers r WHERE r.state = 'active'", "r.id", "r.number", "r.last_activity_at", "('customer', r.id)")
        }
        // The two kinds of note are two ranges of the date index, which has
        // the kind first; the few marked ones are told apart by whether an
        // erasure kept them.
        RecordKind::Interaction => (
            match basis.part {
                Part::Bookkeeping => {
                    "interactions r WHERE r.bookkeeping = TRUE AND r.closed_on IS NOT NULL AND NOT EXISTS \
                     (SELECT 1 FROM customers c WHERE c.id = r.customer_id AND c.state = 'erased')"
                }
                Part::BookkeepingKept => {
                    "interactions r WHERE r.bookkeeping = TRUE AND r.closed_on IS NOT NULL AND EXISTS \
                     (SELECT 1 FROM customers c WHERE c.id = r.customer_id AND c.state = 'erased')"
                }
                Part::Ordinary => "interactions r WHERE r.bookkeeping = FALSE AND r.closed_on IS NOT NULL",
                Part::All => "interactions r WHERE r.closed_on IS NOT NULL",
            },
            "r.id",
            "NULL",
            "r.closed_on",
            "('interaction', r.id), ('customer', r.customer_id)",
        ),
        RecordKind::WebEvent => (
            "web_events r WHERE TRUE",
            "r.id",
            "NULL",
            "r.occurred_at",
            "('web_event', r.id), ('customer', r.customer_id)",
        ),
        RecordKind::Consent => (
            "consents r WHERE r.withdrawn_at IS NOT NULL",
            "r.id",
            "NULL",
            "r.withdrawn_at",
            "('consent', r.id), ('customer', r.customer_id)",
        ),
        RecordKind::EventRegistration => (
            "event_registrations r WHERE TRUE",
            "r.id",
            "NULL",
            "r.event_date",
            "('event_registration', r.id), ('customer', r.customer_id)",
        ),
        RecordKind::Request => (
            "requests r WHERE r.state = 'closed' AND r.closed_on IS NOT NULL",
            "r.id",
            "NULL",
            "r.closed_on",
            "('request', r.id), ('customer', r.customer_id)",
        ),
    };
    Shape { from, id, number, column, subjects }
}

/// Whether an unlifted hold is on any of the subjects, written portably.
/// Each subject is looked up among the ids held of its kind, read once for
/// the statement: an order among the orders held, or among the orders of the
/// invoices held (`'invoices_of'`); a pseudonym among the held customers'
/// pseudonyms, only for a record without a link ([`kept_under`]). Asked of
/// each record instead (`EXISTS` over the holds, by the record's ids),
/// sqlite3's count of a million orders past their end took about twice as
/// long while one hold was in force (1.0 s against 0.58 s). Each test is
/// `FALSE`, not `NULL`, for a record without the subject (an erased
/// customer's order has no customer), so that `NOT` of them lists it.
fn hold_predicate(subjects: &str) -> String {
    let link = customer_of(subjects);
    let alternatives: Vec<String> = pairs(subjects)
        .map(|(entity, id)| match entity {
            "'pseudonym'" => {
                let customers = pseudonyms_of(&held("'customer'"));
                kept_under(link, &format!("COALESCE({id} IN ({customers}), FALSE)"))
            }
            _ => format!("COALESCE({id} IN ({}), FALSE)", held(entity)),
        })
        .collect();
    format!("({})", alternatives.join(" OR "))
}

/// The ids of the subject `entity` (quoted, as in a shape's subjects) that
/// an unlifted hold is on; for `'invoices_of'`, the orders of the invoices
/// held.
fn held(entity: &str) -> String {
    let held = |entity: &str| {
        format!("SELECT h.entity_id FROM legal_holds h WHERE h.lifted_at IS NULL AND h.entity = {entity}")
    };
    match entity {
        "'invoices_of'" => format!("SELECT i.order_id FROM invoices i WHERE i.id IN ({})", held("'invoice'")),
        _ => held(entity),
    }
}

/// The pseudonyms of the `customers` (a query of their ids).
fn pseudonyms_of(customers: &str) -> String {
    format!("SELECT c.pseudonym FROM customers c WHERE c.id IN ({customers})")
}

/// Whether the record's customer (the subject `'customer'`) is restricted.
/// Art. 18(2) allows a restricted customer's data to be stored and little
/// else; erasure is processing (Art. 4(2)), and under ground (c) the person
/// needs the data kept precisely when the shop's own need has ended. The
/// restricted customers are read once (a range of the customers' activity
/// index, which leads with the state) and each record's customer is looked
/// up among them; a record without a customer (an erased customer's order)
/// is not kept by it.
fn restricted_predicate(subjects: &str) -> String {
    let customer = customer_of(subjects);
    format!("COALESCE({customer} IN (SELECT id FROM customers WHERE state = 'restricted'), FALSE)")
}

/// Whether the record's customer has a request open that keeps their
/// records ([`RequestKind::keeps_records`]): read as the restricted
/// customers are, the few such customers once for the statement. The
/// pseudonym counts as well as the link: an erased customer's access
/// request asks what is kept under their pseudonym (Art. 15(1); the shop
/// can still tell whose it is), and deleting it before the copy is made
/// would answer the request with less than the shop held when it came. Their
/// pseudonyms are read once too. A restriction needs no such reach: an
/// erased customer is not restricted.
fn requested_predicate(subjects: &str) -> String {
    let requesters = format!("SELECT customer_id FROM requests r2 WHERE {}", keeping_requests("r2"));
    let customer = customer_of(subjects);
    let by_link = format!("COALESCE({customer} IN ({requesters}), FALSE)");
    match pairs(subjects).find(|(entity, _)| *entity == "'pseudonym'") {
        Some((_, pseudonym)) => {
            let requesters = pseudonyms_of(&requesters);
            format!(
                "({by_link} OR {})",
                kept_under(customer, &format!("COALESCE({pseudonym} IN ({requesters}), FALSE)"))
            )
        }
        None => by_link,
    }
}

/// `condition` on a record's pseudonym, asked only of a record without a
/// link to its customer (`link`): the date indexes carry the customer, not
/// the pseudonym, so a record with a customer (nearly every one) passes on
/// the index alone. Asked of every row, reading the pseudonym from the
/// table made sqlite3's count of a million orders past their end, while a
/// request was open, about four times as slow (0.68–0.97 s against
/// 0.17–0.29 s; 0.22–0.29 s asked so).
fn kept_under(link: &str, condition: &str) -> String {
    format!("({link} IS NULL AND {condition})")
}

/// The ids of the records of `shape` that anything could keep past their
/// end: those held, those whose order or invoice is held, and every record
/// of a customer whom a hold, a restriction or a request keeps the records
/// of, under the customer's pseudonym too. A superset of what each keeper
/// keeps, the few customers' records, read by id and by customer from the
/// indexes whatever the range of dates; so a count of what a keeper keeps
/// asks it of these alone, and what nothing keeps is the range less those
/// of these that something keeps ([`tally`]). Asked of every record in the
/// range instead, sqlite3's counts of a million orders past their end took
/// 1.5–2.0 s with a hold and a request in force, and 0.15 s so; the head of
/// a keeper's list, read in date order, read the whole range when it kept
/// few records of it (0.28 s against 0.005 s).
fn candidates(shape: &Shape) -> String {
    let Shape { from, id, subjects, .. } = shape;
    let customers = format!(
        "{} UNION SELECT c.id FROM customers c WHERE c.state = 'restricted' \
         UNION SELECT r2.customer_id FROM requests r2 WHERE {}",
        held("'customer'"),
        keeping_requests("r2")
    );
    let link = customer_of(subjects);
    let picks: Vec<String> = pairs(subjects)
        .map(|(entity, subject)| {
            let condition = match entity {
                "'customer'" => format!("{subject} IN ({customers})"),
                "'pseudonym'" => kept_under(link, &format!("{subject} IN ({})", pseudonyms_of(&customers))),
                _ => format!("{subject} IN ({})", held(entity)),
            };
            format!("SELECT {id} FROM {from} AND {condition}")
        })
        .collect();
    picks.join(" UNION ")
}

/// The condition on a request (aliased `r`) that it is open and keeps its
/// customer's records.
fn keeping_requests(r: &str) -> String {
    let list = |names: Vec<&str>| names.iter().map(|n| format!("'{n}'")).collect::<Vec<_>>().join(", ");
    let kinds = list(RequestKind::ALL.iter().filter(|k| k.keeps_records()).map(|k| k.as_str()).collect());
    let states = list(RequestState::ALL.iter().filter(|s| s.is_open()).map(|s| s.as_str()).collect());
    format!("{r}.customer_id IS NOT NULL AND {r}.kind IN ({kinds}) AND {r}.state IN ({states})")
}

/// The record's customer among its subjects, the first (`NULL` where it
/// has none): its link to the customer row, which an erased customer's
/// orders and invoices no longer have.
fn customer_of(subjects: &str) -> &str {
    pairs(subjects).find(|(entity, _)| *entity == "'customer'").map_or("NULL", |(_, id)| id)
}

/// The (entity, id) pairs of a shape's subjects.
fn pairs(subjects: &str) -> impl Iterator<Item = (&str, &str)> {
    subjects.split("), (").map(|pair| {
        let pair = pair.trim_matches(|c| c == '(' || c == ')');
        pair.split_once(", ").unwrap_or((pair, "NULL"))
    })
}

/// What keeps a record past its end, read once for a view: a legal hold in
/// force (Art. 17(3)(e)), its customer's restriction (Art. 18(2)), or a
/// request of theirs for a copy or a restriction not yet answered
/// ([`RequestKind::keeps_records`]). With none of them (most shops, most
/// days) a view's queries leave the check out:
/// for an order the hold check read the order's row for its customer, which
/// at five million orders was 9 s of the 24 s the retention screen took
/// (docs/BENCHMARKS.md). Since migration 14 the date indexes carry the
/// customer and the check costs 1.4 s of sqlite3's count there, against
/// 0.44 s without it. The sweep's own reads ([`due_ids`]) always check, in
/// the transaction that deletes.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) struct Holds {
    in_force: bool,
    restricted: bool,
    requested: bool,
}

pub(crate) async fn holds(tx: &mut impl Within) -> Result<Holds> {
    let sql = format!(
        "SELECT (SELECT COUNT(*) FROM (SELECT 1 FROM legal_holds WHERE lifted_at IS NULL LIMIT 1) x), \
         (SELECT COUNT(*) FROM (SELECT 1 FROM customers WHERE state = 'restricted' LIMIT 1) y), \
         (SELECT COUNT(*) FROM (SELECT 1 FROM requests r WHERE {} LIMIT 1) z)",
        keeping_requests("r")
    );
    let (holds, restricted, requested): (i64, i64, i64) = on_tx!(tx, c => sqlx::query_as(&sql).fetch_one(c).await?);
    Ok(Holds { in_force: holds > 0, restricted: restricted > 0, requested: requested > 0 })
}

impl Holds {
    /// The condition on a record of these `subjects` that each keeper in
    /// force keeps it, in [`Keeper::ALL`]'s order.
    fn in_force(self, subjects: &str) -> Vec<(Keeper, String)> {
        let Holds { in_force, restricted, requested } = self;
        let predicates: [(Keeper, bool, Predicate); 3] = [
            (Keeper::LegalHold, in_force, hold_predicate),
            (Keeper::Restriction, restricted, restricted_predicate),
            (Keeper::Request, requested, requested_predicate),
        ];
        predicates.into_iter().filter(|(_, on, _)| *on).map(|(k, _, predicate)| (k, predicate(subjects))).collect()
    }

    /// The condition on a record of `shape` that something in force keeps
    /// it, asked of the [`candidates`] alone; `None` when nothing is in force.
    fn kept(self, shape: &Shape) -> Option<String> {
        let keeps = self.in_force(shape.subjects);
        (!keeps.is_empty()).then(|| format!("{} IN ({}) AND ({})", shape.id, candidates(shape), any(&keeps)))
    }

    /// The records nothing keeps: those a view lists as due.
    pub(crate) fn free(self) -> HoldFilter {
        HoldFilter { side: Side::Free, holds: self }
    }

    /// The records `keeper` keeps that no keeper before it does.
    pub(crate) fn kept_by(self, keeper: Keeper) -> HoldFilter {
        HoldFilter { side: Side::KeptBy(keeper), holds: self }
    }
}

/// The SQL condition on a record of a shape's subjects that one thing keeps it.
type Predicate = fn(&str) -> String;

/// The condition that any of `keeps` keeps the record.
fn any(keeps: &[(Keeper, String)]) -> String {
    keeps.iter().map(|(_, p)| p.as_str()).collect::<Vec<_>>().join(" OR ")
}

/// The records of a view on one side of what keeps them ([`Holds::free`] or
/// [`Holds::kept_by`]), with what is in force.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) struct HoldFilter {
    side: Side,
    holds: Holds,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Side {
    Free,
    /// Kept by this keeper, and by none before it in [`Keeper::ALL`]: each
    /// record kept is counted once, under the first that keeps it.
    KeptBy(Keeper),
}

impl HoldFilter {
    /// Whether these are the records a hold, a restriction or an open request keeps.
    pub(crate) fn held(self) -> bool {
        self.side != Side::Free
    }

    /// The keeper of the records these are, where one is.
    pub(crate) fn keeper(self) -> Option<Keeper> {
        match self.side {
            Side::KeptBy(keeper) => Some(keeper),
            Side::Free => None,
        }
    }

    /// The condition on a record of `shape`; `None` when no record can
    /// pass it (those a keeper keeps, when it is not in force). What a
    /// keeper keeps is looked for among the [`candidates`]; what nothing
    /// keeps, most of the range, is read by the range and each record asked.
    fn condition(self, shape: &Shape) -> Option<String> {
        let keeps = self.holds.in_force(shape.subjects);
        match self.side {
            Side::Free if keeps.is_empty() => Some("TRUE".into()),
            Side::Free => Some(format!("NOT ({})", any(&keeps))),
            Side::KeptBy(keeper) => {
                let at = keeps.iter().position(|(k, _)| *k == keeper)?;
                let own = &keeps[at].1;
                let among = format!("{} IN ({})", shape.id, candidates(shape));
                Some(match &keeps[..at] {
                    [] => format!("{among} AND ({own})"),
                    before => format!("{among} AND ({own}) AND NOT ({})", any(before)),
                })
            }
        }
    }
}

/// A record of a due list as read: its id, number and date, and where
/// asked for, whose it is (the customer's id and number).
pub(crate) struct ListedRow {
    pub id: i64,
    pub number: Option<String>,
    pub date: RowDate,
    pub owner: Option<(CustomerId, String)>,
}

/// Which page of a due list to read.
#[derive(Debug, Clone, Copy)]
pub(crate) struct Page {
    /// The last record read (its date and id): the page starts after it, or
    /// at the start.
    pub after: Option<(RowDate, i64)>,
    pub limit: usize,
    /// Each record with its customer, whom the owner turns to about it (the
    /// window's lists, and those kept past their end; the command line's
    /// list due, millions of records, reads no more than it shows).
    pub named: bool,
}

/// Records of `basis`'s kind dated on or before `cutoff` (local day) that
/// pass `filter`, by date then id: the `page`.
///
/// Paged on the date and the id, as the date index is ordered, so that each
/// page is one index range however far into the list it is: the key is
/// compared as a row value, which both databases seek to in the index
/// (PostgreSQL read `date > x OR (date = x AND id > y)` from the start of the
/// range on every page: 285 ms a page late in 500 000 rows, against 2 ms).
/// A timed date is compared as stored: every one is written through the same
/// encoding (sqlx's), so the key read back and bound again is the text it
/// was read from.
pub(crate) async fn records_after(
    tx: &mut impl Within,
    settings: &Settings,
    basis: &Basis,
    cutoff: NaiveDate,
    filter: HoldFilter,
    Page { after, limit, named }: Page,
) -> Result<Vec<ListedRow>> {
    let shape = shape(basis);
    let Some(hold) = filter.condition(&shape) else { return Ok(vec![]) };
    let Shape { from, id, number, column, subjects } = shape;
    // The bound on the date alone as well: SQLite seeks an expression index
    // (an order's, migration 49) by it, not by the row value, and read each
    // page from the start of the range without it (58.8 s for the list that
    // took 7.3 s, docs/BENCHMARKS.md).
    let after_key = match after {
        Some(_) => format!(" AND {column} >= $2 AND ({column}, {id}) > ($2, $3)"),
        None => String::new(),
    };
    let owner = match customer_of(subjects) {
        customer if named => {
            format!("{customer}, (SELECT c.number FROM customers c WHERE c.id = {customer})")
        }
        _ => "CAST(NULL AS BIGINT), CAST(NULL AS TEXT)".to_owned(),
    };
    let bound = if basis.timed { "<" } else { "<=" };
    let sql = format!(
        "SELECT {id}, {number}, {column}, {owner} FROM {from} AND {column} {bound} $1 AND {hold}{after_key} \
         ORDER BY {column}, {id} LIMIT {limit}"
    );
    macro_rules! read {
        ($end:expr, $decode:ty, $wrap:expr) => {{
            let rows: Vec<(i64, Option<String>, $decode, Option<CustomerId>, Option<String>)> = on_tx!(tx, c => {
                let q = sqlx::query_as(&sql).bind($end);
                let q = match after {
                    Some((RowDate::Day(d), i)) => q.bind(d).bind(i),
                    Some((RowDate::Time(t), i)) => q.bind(t).bind(i),
                    None => q,
                };
                q.fetch_all(c).await?
            });
            rows.into_iter()
                .map(|(id, number, date, customer, customer_number)| ListedRow {
                    id,
                    number,
                    date: $wrap(date),
                    owner: customer.zip(customer_number),
                })
                .collect()
        }};
    }
    Ok(if basis.timed {
        read!(instant_after(settings, cutoff), DateTime<Utc>, RowDate::Time)
    } else {
        read!(cutoff, NaiveDate, RowDate::Day)
    })
}

/// The records of a kind dated on or before a cutoff, counted ([`tally`]).
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub(crate) struct Tally {
    /// Those nothing keeps: due.
    pub free: i64,
    /// Of those, the ones dated on or before the earlier day asked about.
    pub free_before: i64,
    /// Those each keeper in force keeps, a record kept by more than one
    /// under the first in [`Keeper::ALL`]'s order.
    pub kept: Vec<(Keeper, i64)>,
}

/// The records of `basis`'s kind dated on or before `cutoff`, counted: those
/// nothing keeps, and of them those dated on or before `before`, and those
/// each keeper in force keeps. What the keepers keep is counted among the
/// [`candidates`], each asked once which keeper keeps it (the first in
/// [`Keeper::ALL`]'s order, as [`HoldFilter`]'s conditions ask it), and
/// what nothing keeps is the range less those: the range itself is only
/// counted, from the date index. Asking every record in the range what
/// keeps it made the retention screen with a request open and a hold in
/// force take 6.5 s on SQLite at five million orders, against 0.6 s with
/// nothing in force (docs/BENCHMARKS.md, fifty-fifth run).
pub(crate) async fn tally(
    tx: &mut impl Within,
    settings: &Settings,
    basis: &Basis,
    cutoff: NaiveDate,
    before: Option<NaiveDate>,
    holds: Holds,
) -> Result<Tally> {
    let shape = shape(basis);
    let Shape { from, id, column, subjects, .. } = &shape;
    let keeps = holds.in_force(subjects);
    let (range, bound) = range(basis, column);
    let count = |more: &str| format!("(SELECT COUNT(*) FROM {from} AND {range}{more})");
    let (all, all_before) = (count(""), count(&format!(" AND {column} {bound} $3")));
    let sql = if keeps.is_empty() {
        format!("SELECT {all}, {all_before}, {none}, {none}, {none}, {none}", none = "CAST(0 AS BIGINT)")
    } else {
        // Which keeper keeps the record, by its place in Keeper::ALL from 1; 0 for none.
        let whens: Vec<String> = keeps.iter().map(|(k, p)| format!("WHEN {p} THEN {}", place(*k))).collect();
        let which = format!("CASE {} ELSE 0 END", whens.join(" "));
        let sum = |test: &str| format!("COALESCE(SUM(CASE WHEN {test} THEN 1 ELSE 0 END), 0)");
        format!(
            "SELECT {all}, {all_before}, {}, {}, {}, {} FROM \
             (SELECT {which} AS w, {column} AS at FROM {from} AND {range} AND {id} IN ({})) k",
            sum(&format!("k.w > 0 AND k.at {bound} $3")),
            sum("k.w = 1"),
            sum("k.w = 2"),
            sum("k.w = 3"),
            candidates(&shape)
        )
    };
    // Without an earlier day, the floor: no record in the range is dated before it.
    let floor = NaiveDate::from_ymd_opt(1800, 1, 1).expect("date");
    let before = before.unwrap_or(floor);
    let (all, all_before, kept_before, held, restricted, requested): (i64, i64, i64, i64, i64, i64) = match basis.timed
    {
        true => {
            let (from, to, before) =
                (instant_after(settings, floor), instant_after(settings, cutoff), instant_after(settings, before));
            on_tx!(tx, c => sqlx::query_as(&sql).bind(from).bind(to).bind(before).fetch_one(c).await?)
        }
        false => {
            on_tx!(tx, c => sqlx::query_as(&sql).bind(floor).bind(cutoff).bind(before).fetch_one(c).await?)
        }
    };
    // The query sums the three keepers there are.
    const _: () = assert!(Keeper::ALL.len() == 3);
    let counted = [0, held, restricted, requested];
    Ok(Tally {
        free: all - held - restricted - requested,
        free_before: all_before - kept_before,
        kept: keeps.into_iter().map(|(k, _)| (k, counted[place(k)])).collect(),
    })
}

/// The condition that a record's date (`column`) is after `$1` and on or
/// before `$2` (a timed one: from the instant `$1` up to `$2`, the instants
/// after those days), and the comparison that bounds it at a day as well.
fn range(basis: &Basis, column: &str) -> (String, &'static str) {
    match basis.timed {
        true => (format!("{column} >= $1 AND {column} < $2"), "<"),
        false => (format!("{column} > $1 AND {column} <= $2"), "<="),
    }
}

/// A keeper's place in [`Keeper::ALL`], from 1.
fn place(keeper: Keeper) -> usize {
    Keeper::ALL.iter().position(|k| *k == keeper).map_or(0, |at| at + 1)
}

/// How many records that pass `filter` are dated after `from` (or ever, when
/// `None`) and on or before `to`: those nothing keeps, as [`tally`] counts
/// them, the range less what is kept of it.
pub(crate) async fn count_between(
    tx: &mut impl Within,
    settings: &Settings,
    basis: &Basis,
    from: Option<NaiveDate>,
    to: NaiveDate,
    filter: HoldFilter,
) -> Result<i64> {
    let shape = shape(basis);
    let Shape { from: rows, column, .. } = &shape;
    let (range, _) = range(basis, column);
    let count = |condition: &str| format!("SELECT COUNT(*) FROM {rows} AND {range} AND {condition}");
    let sql = match (filter.side, filter.holds.kept(&shape)) {
        (Side::Free, Some(kept)) => format!("SELECT ({}) - ({})", count("TRUE"), count(&kept)),
        _ => match filter.condition(&shape) {
            Some(condition) => count(&condition),
            None => return Ok(0),
        },
    };
    let floor = from.unwrap_or(NaiveDate::from_ymd_opt(1800, 1, 1).expect("date"));
    Ok(if basis.timed {
        let (floor, to) = (instant_after(settings, floor), instant_after(settings, to));
        on_tx!(tx, c => sqlx::query_scalar(&sql).bind(floor).bind(to).fetch_one(c).await?)
    } else {
        on_tx!(tx, c => sqlx::query_scalar(&sql).bind(floor).bind(to).fetch_one(c).await?)
    })
}

/// What keeps each of the orders `ids` past its end, as the sweep reads it
/// ([`due_ids`]): a hold on it, on one of its invoices or on its customer,
/// its customer's restriction, or a request of theirs that keeps their
/// records, the first of them in [`Keeper::ALL`]'s order; `None` where
/// nothing does. In the order of `ids`, one statement for all of them (an
/// erased customer's page asks it of every order kept); an id of no order
/// is left out.
pub(crate) async fn order_keepers(tx: &mut impl Within, ids: &[OrderId]) -> Result<Vec<(OrderId, Option<Keeper>)>> {
    if ids.is_empty() {
        return Ok(vec![]);
    }
    let sql = format!(
        "SELECT r.id, CASE WHEN {} THEN 'legal_hold' WHEN {} THEN 'restriction' WHEN {} THEN 'request' END \
         FROM orders r WHERE r.id IN ({})",
        hold_predicate(ORDER_SUBJECTS),
        restricted_predicate(ORDER_SUBJECTS),
        requested_predicate(ORDER_SUBJECTS),
        super::params(tx.backend_of(), 1, ids.len())
    );
    let rows: Vec<(OrderId, Option<Keeper>)> = on_tx!(tx, c => {
        let mut q = sqlx::query_as(&sql);
        for id in ids {
            q = q.bind(*id);
        }
        q.fetch_all(c).await?
    });
    let keepers: std::collections::HashMap<OrderId, Option<Keeper>> = rows.into_iter().collect();
    Ok(ids.iter().filter_map(|id| keepers.get(id).map(|k| (*id, *k))).collect())
}

/// The ids of the next `limit` records of `basis`'s kind dated on or before
/// `cutoff` that neither a hold nor a restriction keeps, read inside the sweep's batch transaction: the oldest
/// first, or with `after`, the first in id order after that id.
pub(crate) async fn due_ids(
    tx: &mut WriteTx,
    settings: &Settings,
    basis: &Basis,
    cutoff: NaiveDate,
    limit: i64,
    after: Option<i64>,
) -> Result<Vec<i64>> {
    let Shape { from, id, column, subjects, .. } = shape(basis);
    let hold = format!(
        "({} OR {} OR {})",
        hold_predicate(subjects),
        restricted_predicate(subjects),
        requested_predicate(subjects)
    );
    let bound = if basis.timed { "<" } else { "<=" };
    let order = match after {
        Some(_) => format!("AND {id} > $3 ORDER BY {id}"),
        None => format!("ORDER BY {column}, {id}"),
    };
    let sql = format!("SELECT {id} FROM {from} AND {column} {bound} $1 AND NOT {hold} {order} LIMIT $2");
    Ok(if basis.timed {
        on_tx!(tx, c => {
            let q = sqlx::query_scalar(&sql).bind(instant_after(settings, cutoff)).bind(limit);
            if let Some(a) = after { q.bind(a) } else { q }.fetch_all(c).await?
        })
    } else {
        on_tx!(tx, c => {
            let q = sqlx::query_scalar(&sql).bind(cutoff).bind(limit);
            if let Some(a) = after { q.bind(a) } else { q }.fetch_all(c).await?
        })
    })
}

/// The highest id of `kind`'s table: about how many records it has, from one
/// index seek.
pub(crate) async fn highest_id(store: &Store, kind: RecordKind) -> Result<i64> {
    let sql = format!("SELECT COALESCE(MAX(id), 0) FROM {}", table(kind));
    Ok(on_pool!(store, p => sqlx::query_scalar(&sql).fetch_one(p).await?))
}
