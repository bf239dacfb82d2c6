//! A note filed under the wrong customer, moved to the right one. The note
//! is about the other person: kept under the first, it is inaccurate data of
//! both (GDPR Art. 5(1)(d), 16), and the first person's access report would
//! hand them someone else's (Art. 15(4)). The note keeps its id, wording and
//! dates; the old wordings its corrections kept go with it; the move is
//! audited on both customers' histories.

use super::{active_customer_in, refuse_if_erased, Interaction, Register};
use crate::audit::to_json as json;
use crate::audit::Action;
use crate::error::{Error, Result};
use crate::msg;
use crate::retention::due::RecordKind;
use crate::store;
use crate::values::{CustomerId, InteractionId};

impl Register {
    /// Moves note `id` to customer `to`, who must be active. Refused for a
    /// note of an erased customer (what the erasure kept is only stored,
    /// Art. 18(2)) and for one a legal hold keeps where it is (Art. 17(3)(e)).
    pub async fn move_interaction(&self, id: InteractionId, to: CustomerId) -> Result<Interaction> {
        let mut tx = self.store.begin(&self.actor).await?;
        let current = store::records::interaction_tx(&mut tx, id).await?.ok_or_else(|| Error::not_found("note", id))?;
        let from = current.customer_id;
        refuse_if_erased(&mut tx, from).await?;
        let target = active_customer_in(&mut tx, to).await?;
        if from == to {
            return Err(Error::invalid("customer", msg!("msg-note-same-customer", id, customer = target.number)));
        }
        if crate::retention::part_erasure::held(&mut tx, from, RecordKind::Interaction, &[id.0]).await? > 0 {
            return Err(Error::Refused(msg!("msg-note-held-not-moved", id)));
        }
        let moved = store::records::move_interaction(&mut tx, id, from, to)
            .await?
            .ok_or_else(|| Error::Refused(msg!("msg-note-changed", id)))?;
        let (before, after) = (json(&current)?, json(&moved)?);
        for customer in [from, to] {
            tx.audit(Action::InteractionMove, "interaction", id, Some(customer), Some(&before), Some(&after)).await?;
        }
        tx.commit().await?;
        Ok(moved)
    }
}
