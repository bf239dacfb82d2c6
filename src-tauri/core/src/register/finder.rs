//! Answering a search in name order without sorting every match.
//!
//! A search shows the first customers, in name order, who have a word starting
//! with each word of the query. On a million customers one word ("and", "tuo")
//! can match tens of thousands, and collecting and sorting them all took
//! 300 ms. The index keeps each token's customers in name order
//! (store::search), and the query is planned from what its words match:
//!
//! 1. A word with fewer than [`Plan::rare`] matches drives: its matches are read,
//!    checked against the other words and sorted. Bounded by that number.
//! 2. Otherwise every word is common. A common word that spans few distinct
//!    tokens ("tuo": tuomas) is a handful of lists already in name order, and
//!    such words are intersected by leapfrogging: each list jumps to the
//!    greatest key another stands at, so a page costs a few index seeks however
//!    the matches cluster (every "Tuomas Öberg" sits together near the end of
//!    the Tuomases *and* of the Öbergs, which made a walk along either slow).
//! 3. A common word that spans many tokens (the start of customer or phone
//!    numbers) matches customers spread over the alphabet: it filters, batch by
//!    batch, the keys of step 2 or, when there are none, every customer in name
//!    order, read in one bounded query from the name index that holds each
//!    customer's words beside the name (unless such a word has so few matches
//!    that sorting them is cheaper than walking to a page of them, see
//!    [`walk_break_even`]: then it drives as in step 1). Should filtering pass
//!    few of them, after [`Plan::budget`] candidates the search falls back to
//!    step 1 on the first word: slower, but bounded by its matches.

use std::collections::VecDeque;

use crate::error::Result;
use crate::store::{search, Store};
use crate::values::CustomerId;

/// The thresholds between the steps. The defaults are what the register
/// uses; the tests force each step with others (its answer must not change).
#[derive(Debug, Clone, Copy)]
pub struct Plan {
    /// A word with fewer matches than this drives the search (step 1).
    pub rare: i64,
    /// A common word spanning at most this many tokens is intersected as lists (step 2).
    pub few_tokens: usize,
    /// When every word is spread, one with fewer matches than this still
    /// drives: sorting its matches costs less than walking the names to find
    /// a page of them (step 3). `None`: [`walk_break_even`] for the register's size.
    pub spread: Option<i64>,
    /// Candidates a spread word may filter, and customers a walk of the
    /// names may read, before the search falls back to step 1.
    pub budget: usize,
}

impl Default for Plan {
    /// Measured on a million customers (docs/BENCHMARKS.md): step 1 reads at
    /// most 2 000 index entries; 24 lists cost 24 seeks at the start; a page
    /// of 200 at one match in ten (a number's first digit) lies well inside
    /// a walk's budget, which it reads in about 15 ms.
    fn default() -> Plan {
        Plan { rare: 2_000, few_tokens: 24, spread: None, budget: 16_384 }
    }
}

/// Checking a walked candidate's words costs about what sorting one match
/// cost when this was set: ~0.7–1 µs to skip over its entry of the name index
/// for the window's end and read it again with its words, ~0.75 µs to sort
/// (measured on a million customers). Before the words lay in the name
/// index, a check looked them up elsewhere: 4.5 µs, six times a sort. Since
/// step 1 no longer asks for distinct rows (store::search::driven), its sort
/// costs less (11 000 matches: 3 ms, was 8), which moves the break-even up;
/// the figures of docs/BENCHMARKS.md were measured with this value. Since the
/// walk is one query (no skip to a window's end), sqlite3 reads a candidate
/// in ~0.6 µs and sorts a match in ~0.35 µs: a ratio of 1.8 would move the
/// break-even at a million from 14 000 matches to 19 000, where either way
/// takes some 7 ms; no query of the benchmark falls between, so it stays.
const CHECK_OVER_SORT: f64 = 1.0;

/// The matches below which a spread word drives. Driving sorts all `m` of its
/// matches; a walk to a page of `limit` checks about `limit × total / m`
/// candidates. The two meet where `m² = limit × total × CHECK_OVER_SORT`: at
/// a million customers and a page of 200 near 14 000 matches (10 ms either
/// way), at 20 000 customers near 2 000 — there a word every customer has
/// ("kund") is found by a walk in a millisecond, where sorting took 27 ms.
/// Below the break-even the count that decides reads at most that many
/// entries of the words' index.
pub fn walk_break_even(limit: usize, total: i64) -> i64 {
    (limit as f64 * total.max(0) as f64 * CHECK_OVER_SORT).sqrt() as i64
}

/// Keys read from one token's list at a time.
const PAGE: i64 = 128;

/// A position in name order: the folded name, then the id (names repeat).
#[derive(Debug, Clone, PartialEq, Eq, PartialOrd, Ord)]
pub struct Key {
    pub name: String,
    pub id: CustomerId,
}

impl Key {
    /// Before every customer.
    pub(crate) fn first() -> Key {
        Key { name: String::new(), id: CustomerId(i64::MIN) }
    }

    fn next(&self) -> Key {
        Key { name: self.name.clone(), id: CustomerId(self.id.0.saturating_add(1)) }
    }
}

/// The ids of the first `limit` customers in name order who have a word
/// starting with each of `words` (folded, not empty).
pub async fn find(store: &Store, words: &[String], limit: usize, plan: &Plan) -> Result<Vec<CustomerId>> {
    if words.is_empty() {
        return Ok(vec![]);
    }
    let mut counts = Vec::with_capacity(words.len());
    for w in words {
        counts.push(search::count_capped(store, w, plan.rare).await?);
    }
    let rarest = (0..words.len()).min_by_key(|&i| counts[i]).unwrap_or(0);
    if counts[rarest] < plan.rare {
        return driven(store, words, rarest, limit).await;
    }
    let mut lists = vec![];
    let mut spread = vec![];
    for w in words {
        let tokens = search::tokens(store, w, plan.few_tokens as i64 + 1).await?;
        if tokens.len() <= plan.few_tokens {
            lists.push(Word { lists: tokens.into_iter().map(TokenList::new).collect() });
        } else {
            spread.push(w.as_str());
        }
    }
    if lists.is_empty() {
        let cap = match plan.spread {
            Some(n) => n,
            None => walk_break_even(limit, search::customers_estimate(store).await?),
        };
        let mut fewest = (cap, 0);
        for (i, w) in words.iter().enumerate() {
            let n = search::count_capped(store, w, cap).await?;
            fewest = fewest.min((n, i));
        }
        if fewest.0 < cap {
            return driven(store, words, fewest.1, limit).await;
        }
    }
    if lists.is_empty() {
        return walked(store, words, rarest, limit, plan).await;
    }
    let mut source = Leapfrog::new(lists);
    let mut found = vec![];
    let mut examined = 0;
    let mut batch = limit.max(32);
    while found.len() < limit {
        let keys = source.next(store, batch).await?;
        if keys.is_empty() {
            break;
        }
        examined += keys.len();
        let mut ids: Vec<CustomerId> = keys.iter().map(|k| k.id).collect();
        for w in &spread {
            let pass = search::having(store, &ids, w).await?;
            ids.retain(|id| pass.contains(id));
        }
        found.extend(ids);
        if found.len() < limit && examined >= plan.budget {
            return driven(store, words, rarest, limit).await;
        }
        batch = (batch * 2).min(2_048);
    }
    found.truncate(limit);
    Ok(found)
}

/// Step 1: every match of `words[driver]`, checked against the others.
async fn driven(store: &Store, words: &[String], driver: usize, limit: usize) -> Result<Vec<CustomerId>> {
    let others: Vec<&str> = words.iter().enumerate().filter(|(i, _)| *i != driver).map(|(_, w)| w.as_str()).collect();
    let keys = search::driven(store, &words[driver], &others, limit as i64).await?;
    Ok(keys.into_iter().map(|k| k.id).collect())
}

/// Step 3 when every word is spread: the customers in name order, each
/// checked against every word inside the entry of the name index that the
/// walk reads (store::search::walk), at most [`Plan::budget`] of them, so
/// that a query whose words seldom meet falls back to step 1 instead of
/// reading the whole index. A walk that found too few has either read every
/// customer (then its answer is whole) or stopped at the budget; the
/// register's size tells which, from one index seek.
async fn walked(store: &Store, words: &[String], rarest: usize, limit: usize, plan: &Plan) -> Result<Vec<CustomerId>> {
    let spread: Vec<&str> = words.iter().map(String::as_str).collect();
    let budget = i64::try_from(plan.budget).unwrap_or(i64::MAX);
    let keys = search::walk(store, &spread, budget, limit as i64).await?;
    if keys.len() < limit && search::customers_estimate(store).await? > budget {
        return driven(store, words, rarest, limit).await;
    }
    Ok(keys.into_iter().map(|k| k.id).collect())
}

/// One token's customers in name order, read a page at a time.
struct TokenList {
    token: String,
    read: VecDeque<Key>,
    /// Nothing after what has been read.
    ended: bool,
}

impl TokenList {
    fn new(token: String) -> TokenList {
        TokenList { token, read: VecDeque::new(), ended: false }
    }

    /// The first key at or after `at`, if any.
    async fn seek(&mut self, store: &Store, at: &Key) -> Result<Option<Key>> {
        while self.read.front().is_some_and(|k| k < at) {
            self.read.pop_front();
        }
        if self.read.is_empty() && !self.ended {
            let page = search::postings(store, &self.token, at, PAGE).await?;
            self.ended = (page.len() as i64) < PAGE;
            self.read = page.into();
        }
        Ok(self.read.front().cloned())
    }
}

/// A query word: the union of the lists of the tokens it starts.
struct Word {
    lists: Vec<TokenList>,
}

impl Word {
    async fn seek(&mut self, store: &Store, at: &Key) -> Result<Option<Key>> {
        let mut first: Option<Key> = None;
        for list in &mut self.lists {
            if let Some(k) = list.seek(store, at).await? {
                first = match first {
                    Some(f) if f <= k => Some(f),
                    _ => Some(k),
                };
            }
        }
        Ok(first)
    }
}

/// The keys every word has, in order.
struct Leapfrog {
    words: Vec<Word>,
    at: Key,
    ended: bool,
}

impl Leapfrog {
    fn new(words: Vec<Word>) -> Leapfrog {
        Leapfrog { words, at: Key::first(), ended: false }
    }

    async fn next(&mut self, store: &Store, n: usize) -> Result<Vec<Key>> {
        let mut out = vec![];
        while out.len() < n && !self.ended {
            // Raise `at` to the greatest key some word stands at, until a whole
            // round of seeks agrees on it.
            let mut at = self.at.clone();
            let mut agreed = false;
            while !agreed {
                agreed = true;
                for w in &mut self.words {
                    match w.seek(store, &at).await? {
                        None => {
                            self.ended = true;
                            return Ok(out);
                        }
                        Some(k) if k > at => {
                            at = k;
                            agreed = false;
                        }
                        Some(_) => {}
                    }
                }
            }
            self.at = at.next();
            out.push(at);
        }
        Ok(out)
    }
}

#[cfg(test)]
mod tests {
    use super::walk_break_even;

    #[test]
    fn a_spread_word_drives_below_the_break_even_of_the_register_s_size() {
        // The figures of the doc comment: a page of 200.
        assert_eq!(walk_break_even(200, 1_000_000), 14_142);
        assert_eq!(walk_break_even(200, 20_000), 2_000);
        // A larger register or page: a walk checks more candidates to fill its
        // page, so a word drives up to more matches.
        assert!(walk_break_even(200, 100_000) > walk_break_even(200, 20_000));
        assert!(walk_break_even(500, 20_000) > walk_break_even(200, 20_000));
        assert_eq!(walk_break_even(200, 0), 0);
    }
}
