//! Others in the register who may be the same person as a customer: with
//! the same phone number, or the same name in the same place. A person who
//! bought under two e-mail addresses is two customers, and a copy of "all
//! the personal data" made from one of them would leave out the other's
//! (GDPR Art. 15(1), (3)); an erasure would leave the other behind (Art.
//! 17(1)). The register cannot tell whether they are one person; the shop
//! can, by the identity it checked (Art. 12(6)), and then answers the
//! request for both. Namesakes in other places are not named: a common name
//! would name hundreds.

use std::collections::BTreeMap;

use serde::Serialize;

use super::search::{fold, phone_tokens};
use super::{Customer, CustomerState};
use crate::error::Result;
use crate::macros::text_enum;
use crate::store::{self, Within};
use crate::values::CustomerId;

text_enum! {
    /// What another customer has in common with this one.
    pub enum Likeness {
        /// The same phone number.
        Phone = "phone",
        /// The same name and postal code.
        NameAndPostalCode = "name_and_postal_code",
        /// The same name and city (the postal code differs, or one is missing).
        NameAndCity = "name_and_city",
    }
}

/// Another customer who may be the same person, and why.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, schemars::JsonSchema)]
pub struct MaybeSame {
    pub id: CustomerId,
    pub number: String,
    pub name: Option<String>,
    pub email: Option<String>,
    pub city: Option<String>,
    pub likeness: Vec<Likeness>,
}

/// A number shared by more customers than this is a switchboard's (a
/// company's, a school's), which says nothing of who is who: not named.
const PHONE_SHARED_BY: usize = 20;
/// How many namesakes are read, the first by id, to find those in the same
/// place: a name shared by more is too common to tell people apart by.
const NAMESAKES: i64 = 200;
/// How many are named at most; the page says how many more there are.
const NAMED: usize = 10;

/// The customers, not erased, who may be the same person as `c` (none for
/// a customer erased), in the order of their ids: the first [`NAMED`], and
/// how many more were found.
pub(crate) async fn maybe_same_in(tx: &mut impl Within, c: &Customer) -> Result<(Vec<MaybeSame>, usize)> {
    if c.state == CustomerState::Erased {
        return Ok((vec![], 0));
    }
    let mut found: BTreeMap<CustomerId, (Customer, Vec<Likeness>)> = BTreeMap::new();
    let mut add = |other: Customer, why: Likeness| {
        if other.id != c.id {
            let (_, likeness) = found.entry(other.id).or_insert_with(|| (other, vec![]));
            if !likeness.contains(&why) {
                likeness.push(why);
            }
        }
    };
    if let Some(digits) = c.phone.as_deref().and_then(|p| phone_tokens(p).into_iter().next()) {
        let sharing = store::likeness::with_word(tx, &digits, PHONE_SHARED_BY as i64 + 2).await?;
        // The customer is among them; more others than the cap, a switchboard.
        if sharing.len() <= PHONE_SHARED_BY + 1 {
            for other in sharing {
                add(other, Likeness::Phone);
            }
        }
    }
    let name = c.name.as_deref().map(fold).unwrap_or_default();
    if !name.is_empty() {
        let namesakes = store::likeness::named(tx, &name, NAMESAKES).await?;
        let common = namesakes.len() as i64 == NAMESAKES;
        for other in namesakes {
            if let Some(why) = same_place(c, &other) {
                add(other, why);
            }
        }
        // A name shared by more than were read: the same postal code still
        // tells the one person from the many, wherever they stand by id.
        if let (true, Some(code)) = (common, postal_code(c)) {
            for other in store::likeness::named_at(tx, &name, &code, NAMESAKES).await? {
                add(other, Likeness::NameAndPostalCode);
            }
        }
    }
    let more = found.len().saturating_sub(NAMED);
    let named = found
        .into_values()
        .take(NAMED)
        .map(|(o, likeness)| MaybeSame {
            id: o.id,
            number: o.number,
            name: o.name,
            email: o.email,
            city: o.city,
            likeness,
        })
        .collect();
    Ok((named, more))
}

/// A customer's postal code as it is compared: without spaces, in capitals.
fn postal_code(c: &Customer) -> Option<String> {
    c.postal_code.as_deref().map(|p| p.replace(' ', "").to_uppercase()).filter(|p| !p.is_empty())
}

/// Whether `a` and `b` live in the same place: the same postal code, else the same city.
fn same_place(a: &Customer, b: &Customer) -> Option<Likeness> {
    let city = |c: &Customer| c.city.as_deref().map(fold).filter(|f| !f.is_empty());
    if postal_code(a).is_some() && postal_code(a) == postal_code(b) {
        return Some(Likeness::NameAndPostalCode);
    }
    (city(a).is_some() && city(a) == city(b)).then_some(Likeness::NameAndCity)
}
