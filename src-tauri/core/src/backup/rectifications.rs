//! The corrections the register made for people's requests for
//! rectification since the backup, made again on the restored copy (Art. 16):
//! a restore must not bring back what a person had the shop correct.

use crate::error::Result;
use crate::register::CustomerState;
use crate::store::{self, WriteTx};
use crate::values::RequestId;

/// The customers (by number) whose rectifications a restore made again, and
/// those whose rectification the restored copy could not take.
#[derive(Debug, Default)]
pub(super) struct CarriedRectifications {
    pub replayed: Vec<String>,
    pub lost: Vec<String>,
}

/// Makes again in the copy each correction (`known`, oldest first) that the
/// register made for a person's request for rectification: a restore must
/// not bring back the inaccurate data the person had the shop correct
/// (Art. 16), while their request, carried over, says it was answered. A
/// note is found by its id, its customer and the time of its contact. A
/// correction the copy holds itself (made before the backup, within the
/// day's margin of `since`) is left as the copy has it, later edits and
/// all; a part the copy already holds corrected is not written again. Recorded
/// under the request as the copy numbers it (`requests`). A value the copy
/// refuses (a number or an e-mail another customer has there) is refused
/// before anything of it is written, and stops that one only.
pub(super) async fn carry_rectifications(
    tx: &mut WriteTx,
    settings: &crate::settings::Settings,
    known: &[store::corrections::Rectification],
    requests: &[(RequestId, RequestId)],
) -> Result<CarriedRectifications> {
    let mut out = CarriedRectifications::default();
    for k in known {
        if store::corrections::holds(tx, k.correction.seq, &k.correction.after).await? {
            continue;
        }
        let parse = |text: &str| serde_json::from_str::<serde_json::Value>(text).unwrap_or_default();
        let (before, after) = (parse(&k.correction.before), parse(&k.correction.after));
        let number = k.who.number.clone();
        let request =
            k.correction.request_id.and_then(|q| requests.iter().find(|(theirs, _)| *theirs == q)).map(|p| p.1);
        let done = match store::customers::same_tx(tx, &k.who).await? {
            None => Ok(None),
            Some(c) if c.state == CustomerState::Erased => Ok(Some(false)),
            Some(c) => redo(tx, settings, &c, k, (&before, &after), request).await,
        };
        match done {
            Ok(Some(changed)) => {
                if changed && !out.replayed.contains(&number) {
                    out.replayed.push(number);
                }
            }
            Err(e) if !e.is_user() => return Err(e),
            // Not in the copy, or refused there.
            _ => {
                if !out.lost.contains(&number) {
                    out.lost.push(number);
                }
            }
        }
    }
    Ok(out)
}

/// One rectification made again on customer `c`: the parts it changed set
/// to the values it set them to. `Some(false)`: the copy holds them already;
/// `None`: it cannot take them (the note is not in it, or the values kept
/// are not the ones the audit trail holds).
async fn redo(
    tx: &mut WriteTx,
    settings: &crate::settings::Settings,
    c: &crate::register::Customer,
    k: &store::corrections::Rectification,
    (before, after): (&serde_json::Value, &serde_json::Value),
    request: Option<RequestId>,
) -> Result<Option<bool>> {
    // Values altered since they were recorded are not the person's correction.
    if !crate::audit::corrections::from_stored(k.correction.clone()).intact {
        return Ok(None);
    }
    // The parts changed, as the record after the correction holds them; an emptied text part as "" (which clears it).
    let mut parts = serde_json::Map::new();
    for change in crate::audit::corrections::changes(before, after) {
        let field = change.field.as_str();
        let value = after.get(field).filter(|v| !v.is_null()).cloned().unwrap_or_else(|| "".into());
        parts.insert(field.to_owned(), value);
    }
    let parts = serde_json::Value::Object(parts);
    match k.correction.interaction_id {
        None => {
            let Ok(changes) = serde_json::from_value::<crate::register::CustomerChanges>(parts) else {
                return Ok(None);
            };
            let saved = crate::register::correct_customer_in(tx, settings, c, &changes, request).await?;
            Ok(Some(saved.version != c.version))
        }
        Some(id) => {
            let when = before.get("occurred_at").cloned().and_then(|v| serde_json::from_value(v).ok());
            let note = store::records::interaction_tx(tx, id).await?;
            let Some(note) = note.filter(|n| n.customer_id == c.id && Some(n.occurred_at) == when) else {
                return Ok(None);
            };
            let Ok(changes) = serde_json::from_value::<crate::register::InteractionChanges>(parts) else {
                return Ok(None);
            };
            Ok(Some(crate::register::correct_interaction_in(tx, &note, &changes, request).await?.is_some()))
        }
    }
}
