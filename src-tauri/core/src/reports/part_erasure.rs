//! The confirmation of an erasure of part of a person's data at their
//! request (GDPR Art. 17(1), 12(1)): where they asked for some details, a
//! note, a course sign-up or their web activity to be erased and stay a
//! customer, the confirmation lists what went and when, never what it held,
//! and whom the shop tells of it (Art. 19). A customer erased whole gets the
//! erasure's own confirmation ([`super::notices::ErasureConfirmation`]).

use std::collections::BTreeSet;

use chrono::{DateTime, NaiveDate, Utc};
use schemars::JsonSchema;
use serde::Serialize;

use super::access::{AuditHead, Controller, RequestRef};
use super::access_pdf::controller_fields;
use super::document::{Block, Clock, Doc, Table};
use super::notices::{addressee, doc};
use super::{json_bytes, pdf, Format, Generated};
use crate::audit::corrections::Corrected;
use crate::error::{Error, Result};
use crate::i18n::Translator;
use crate::msg;
use crate::processing::{Category, InformedRecipient};
use crate::register::{Channel, CustomerState};
use crate::requests::RequestKind;
use crate::retention::due::RecordKind;
use crate::store;
use crate::values::{Language, RequestId};
use crate::Register;

/// What a request for erasure of some of a person's data erased.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, JsonSchema)]
pub struct PartErasureConfirmation {
    /// Always "kundvakt/part-erasure-confirmation".
    pub schema: String,
    pub schema_version: u32,
    pub generated_at: DateTime<Utc>,
    pub controller: Controller,
    pub request: RequestRef,
    pub customer_number: String,
    pub customer_name: Option<String>,
    /// The details removed: which parts, never what they held.
    pub details_removed: Vec<RemovedDetail>,
    pub notes_erased: Vec<ErasedNote>,
    pub signups_erased: Vec<ErasedSignUp>,
    pub web_activity_erased: Vec<ErasedWebActivity>,
    /// What a legal hold still keeps of what the request asked to erase
    /// (Art. 17(3)(e)): the part not acted on, told with its reason
    /// (Art. 12(4)). Lifting the hold erases it under the request.
    pub kept: Vec<KeptPart>,
    /// The processors and recipients of what was erased, told of it (Art. 19).
    pub recipients: Vec<InformedRecipient>,
    pub audit_head: AuditHead,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, JsonSchema)]
pub struct RemovedDetail {
    pub part: Corrected,
    pub removed_at: DateTime<Utc>,
}

/// A note erased, by the contact it was of.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, JsonSchema)]
pub struct ErasedNote {
    pub contact_at: DateTime<Utc>,
    pub channel: Channel,
    pub erased_at: DateTime<Utc>,
}

/// A sign-up erased, by the day of its course or event.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, JsonSchema)]
pub struct ErasedSignUp {
    pub event_date: NaiveDate,
    pub erased_at: DateTime<Utc>,
}

/// A record kept by a legal hold from the erasure asked for, named as the
/// erased ones are: a note by its contact's time and way, a sign-up by its
/// course's day, a web event by its time.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, JsonSchema)]
pub struct KeptPart {
    /// `interaction` (a note), `event_registration` (a sign-up) or `web_event`.
    pub entity: RecordKind,
    pub occurred_at: Option<DateTime<Utc>>,
    pub channel: Option<Channel>,
    pub event_date: Option<NaiveDate>,
}

/// Web activity erased: how many events, from when to when; and how many a
/// legal hold kept.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, JsonSchema)]
pub struct ErasedWebActivity {
    pub events: i64,
    pub first_at: DateTime<Utc>,
    pub last_at: DateTime<Utc>,
    pub erased_at: DateTime<Utc>,
    /// The events a legal hold kept, which were not erased (Art. 17(3)(e)).
    pub held: i64,
}

impl PartErasureConfirmation {
    /// The categories of data the erasure reached.
    fn categories(&self) -> BTreeSet<Category> {
        [
            (!self.details_removed.is_empty(), Category::IdentityContact),
            (!self.notes_erased.is_empty(), Category::Communications),
            (!self.signups_erased.is_empty(), Category::Events),
            (!self.web_activity_erased.is_empty(), Category::WebActivity),
        ]
        .into_iter()
        .filter_map(|(reached, c)| reached.then_some(c))
        .collect()
    }

    pub fn to_doc(&self, tr: &Translator, clock: Clock) -> Doc {
        let day = |t: &DateTime<Utc>| tr.date(clock.day(t));
        let mut blocks = vec![Block::Title(tr.t("erasure-title")), Block::Subtitle(tr.t("erasure-subject"))];
        blocks.push(controller_fields(tr, &self.controller));
        blocks.extend(addressee(tr, &self.customer_name, &Some(self.customer_number.clone())));
        let received = tr.date(self.request.received);
        blocks.push(Block::Paragraph(tr.t_args("part-erasure-intro", &[("received", received)])));
        blocks.push(Block::Heading(tr.t("erasure-erased")));
        let mut t = Table::with_titles(vec![(tr.t("col-kind"), 4.0), (tr.t("part-erasure-col-erased"), 1.5)]);
        for d in &self.details_removed {
            t.rows.push(vec![
                tr.t_args("part-erasure-detail", &[("part", tr.t(&format!("corrected-{}", d.part)))]),
                day(&d.removed_at),
            ]);
        }
        for n in &self.notes_erased {
            let channel = tr.t(&format!("channel-{}", n.channel));
            t.rows.push(vec![
                tr.t_args("part-erasure-note", &[("date", day(&n.contact_at)), ("channel", channel)]),
                day(&n.erased_at),
            ]);
        }
        for s in &self.signups_erased {
            t.rows.push(vec![tr.t_args("part-erasure-signup", &[("date", tr.date(s.event_date))]), day(&s.erased_at)]);
        }
        for w in &self.web_activity_erased {
            // One visit erased alone is named as one.
            let said = if w.events == 1 && w.first_at == w.last_at {
                tr.t_args("part-erasure-web-visit", &[("date", day(&w.first_at))])
            } else {
                let args = [("first", day(&w.first_at)), ("last", day(&w.last_at)), ("events", w.events.to_string())];
                tr.t_args("part-erasure-web", &args)
            };
            t.rows.push(vec![said, day(&w.erased_at)]);
        }
        blocks.push(Block::Table(t));
        // What a legal hold kept is the part of the request not acted on:
        // the person is told why and where to complain (Art. 12(4)).
        if !self.kept.is_empty() {
            blocks.push(Block::Heading(tr.t("part-erasure-kept")));
            let mut t = Table::with_titles(vec![(tr.t("col-kind"), 1.0)]);
            let web = self.kept.iter().filter(|k| k.entity == RecordKind::WebEvent).count();
            for k in &self.kept {
                let row = match (k.entity, k.occurred_at, k.channel, k.event_date) {
                    (RecordKind::Interaction, Some(at), Some(channel), _) => {
                        let channel = tr.t(&format!("channel-{channel}"));
                        tr.t_args("part-erasure-note", &[("date", day(&at)), ("channel", channel)])
                    }
                    (RecordKind::EventRegistration, _, _, Some(date)) => {
                        tr.t_args("part-erasure-signup", &[("date", tr.date(date))])
                    }
                    _ => continue,
                };
                t.rows.push(vec![row]);
            }
            if web > 0 {
                t.rows.push(vec![tr.t_args("part-erasure-web-kept", &[("events", web.to_string())])]);
            }
            blocks.push(Block::Table(t));
            blocks.push(Block::Paragraph(tr.t("part-erasure-kept-why")));
            blocks.push(Block::Paragraph(tr.t("notice-refusal-remedies")));
        }
        blocks.push(Block::Paragraph(tr.t("part-erasure-rest")));
        blocks.extend(super::notices::told(tr, &self.recipients));
        blocks.push(Block::Paragraph(tr.t("erasure-audit")));
        blocks.push(Block::Paragraph(tr.t_args("receipt-reference", &[("id", self.request.id.to_string())])));
        doc(tr, tr.t("erasure-title"), "erasure-subject", &self.controller, self.generated_at, &self.audit_head, blocks)
    }
}

impl Register {
    /// The confirmation of what request `id` for erasure of some of a
    /// person's data erased, in `language` (default: theirs), recorded
    /// under the request as its erasure confirmation.
    pub async fn part_erasure_confirmation(
        &self,
        id: RequestId,
        language: Option<Language>,
        format: Format,
    ) -> Result<Generated> {
        let mut s = self.store().snapshot().await?;
        let r = store::requests::get_tx(&mut s, id).await?.ok_or_else(|| Error::not_found("request", id))?;
        if r.kind != RequestKind::Erasure {
            return Err(Error::invalid("request", msg!("msg-part-erasure-not-erasure", request = id, kind = r.kind)));
        }
        let Some(customer) = r.customer_id else {
            return Err(Error::Refused(msg!("msg-part-erasure-nothing", request = id)));
        };
        let c =
            store::customers::get_tx(&mut s, customer).await?.ok_or_else(|| Error::not_found("customer", customer))?;
        if c.state == CustomerState::Erased {
            return Err(Error::Refused(msg!("msg-part-erasure-whole", request = id, customer = c.number)));
        }
        let settings = crate::register::settings_in(&mut s).await?;
        // The parts only: their values are not kept, nor shown here.
        let removed = crate::audit::corrections::of_request(&mut s, id, str::to_owned).await?;
        let details_removed = removed
            .into_iter()
            .flat_map(|k| {
                let at = k.at;
                k.changes
                    .into_iter()
                    .filter(|x| x.after.is_none())
                    .map(move |x| RemovedDetail { part: x.field, removed_at: at })
            })
            .collect();
        let notes_erased = store::note_erasures::of_request(&mut s, id)
            .await?
            .into_iter()
            .map(|e| ErasedNote { contact_at: e.occurred_at, channel: e.channel, erased_at: e.erased_at })
            .collect();
        let signups_erased = store::record_erasures::signups_of_request(&mut s, id)
            .await?
            .into_iter()
            .map(|e| ErasedSignUp { event_date: e.event_date, erased_at: e.erased_at })
            .collect();
        let web_activity_erased = store::record_erasures::web_of_request(&mut s, id)
            .await?
            .into_iter()
            .map(|e| ErasedWebActivity {
                events: e.events,
                first_at: e.first_at,
                last_at: e.last_at,
                erased_at: e.erased_at,
                held: e.held,
            })
            .collect();
        let held_back = store::held_back::of_request(&mut s, id).await?;
        let processors = crate::processing::catalogue_in(&mut s).await?.processors;
        let (seq, hash) = s.head().clone();
        s.end().await?;
        let mut confirmation = PartErasureConfirmation {
            schema: "kundvakt/part-erasure-confirmation".into(),
            schema_version: super::access::SCHEMA_VERSION,
            generated_at: crate::store::now(),
            controller: super::access::controller(&settings),
            request: super::access::request_ref(&r),
            customer_number: c.number.clone(),
            customer_name: c.name.clone(),
            details_removed,
            notes_erased,
            signups_erased,
            web_activity_erased,
            kept: held_back
                .into_iter()
                .map(|b| KeptPart {
                    entity: b.entity,
                    occurred_at: b.occurred_at,
                    channel: b.channel,
                    event_date: b.event_date,
                })
                .collect(),
            recipients: Vec::new(),
            audit_head: AuditHead { seq, hash },
        };
        let reached = confirmation.categories();
        if reached.is_empty() {
            return Err(Error::Refused(msg!("msg-part-erasure-nothing", request = id)));
        }
        confirmation.recipients = crate::processing::recipients_of(&processors, &reached);
        let tr = Translator::new(language.unwrap_or(c.language));
        let bytes = match format {
            Format::Json => json_bytes(&confirmation)?,
            Format::Pdf => pdf::render(&confirmation.to_doc(&tr, Clock(settings.time_zone())))?,
        };
        let kind = super::DocumentKind::Erasure;
        self.finish(kind, format, tr.language(), bytes, Some(c.id), Some(id)).await
    }
}
