//! The access report and the portability export made from the register:
//! everything about one customer read in one snapshot ([`Sources`]), and
//! each category's records with their retention as the document tells it
//! on the day it is made.

use std::collections::HashMap;

use chrono::{DateTime, Utc};

use super::access::{
    controller, processing_section, recipients, request_ref, AccessCategories, AccessReport, AuditHead, Authority,
    AutomatedDecisions, BreachConcerning, ConsentRecord, ConsentReplacement, ContactDetails, CorrectionRecord,
    EventRecord, IdentityRecord, InteractionRecord, InvoiceRecord, KeptToUndo, MergedCustomer, ObservedData,
    OrderLineRecord, OrderRecord, PortabilityExport, ProvidedData, RequestRecord, RightInfo, Section, WebEventRecord,
    ACCESS_SCHEMA, PORTABILITY_SCHEMA, RIGHTS, SCHEMA_VERSION,
};
use crate::audit::corrections::Corrected;
use crate::error::{Error, Result};
use crate::i18n::Translator;
use crate::processing::{Catalogue, Category};
use crate::register::{Customer, CustomerPage, CustomerState, Invoice};
use crate::requests::{Request, RequestKind};
use crate::retention::due::{Keeper, RecordKind};
use crate::retention::{self, KeptPast, Retention};
use crate::settings::Settings;
use crate::values::{CustomerId, OrderId, RequestId};
use crate::Register;

/// Everything a report is made from, read once.
pub(crate) struct Sources {
    pub settings: Settings,
    pub catalogue: Catalogue,
    pub page: CustomerPage,
    /// The details of the customers merged into this one kept to undo their
    /// merge, by merge id, while they are kept.
    pub merge_notes: Vec<(i64, Customer)>,
    pub request: Option<Request>,
    pub head: (i64, String),
    pub now: DateTime<Utc>,
    /// The records the legal holds in force are on.
    pub held: Vec<(RecordKind, i64)>,
}

impl Sources {
    /// Everything is read in one snapshot: the audit head the report names is
    /// the state its contents are from, whatever is written meanwhile.
    /// A document made for a request answers it, so the request must be one
    /// of `answers` kinds, open and with the identity verified.
    pub(crate) async fn load(
        reg: &Register,
        customer: CustomerId,
        request: Option<RequestId>,
        answers: &[RequestKind],
    ) -> Result<Sources> {
        let mut snapshot = reg.store().snapshot().await?;
        let settings = crate::register::settings_in(&mut snapshot).await?;
        let catalogue = crate::processing::catalogue_in(&mut snapshot).await?;
        let page = crate::register::customer_page_in(&mut snapshot, customer, &settings).await?;
        if page.customer.state == CustomerState::Erased {
            return Err(Error::Refused(crate::msg!("msg-report-erased", customer = page.customer.number)));
        }
        let merge_notes = crate::register::unmerge::noted_details(&mut snapshot, &page.merges).await?;
        let request = match request {
            Some(id) => {
                let r = crate::store::requests::get_tx(&mut snapshot, id)
                    .await?
                    .ok_or_else(|| Error::not_found("request", id))?;
                if r.customer_id != Some(customer) {
                    return Err(Error::invalid(
                        "--request",
                        crate::msg!("msg-request-not-from", request = id, customer = page.customer.number),
                    ));
                }
                crate::requests::check_answerable(&r, answers)?;
                Some(r)
            }
            None => None,
        };
        let held = crate::store::holds::all(&mut snapshot)
            .await?
            .into_iter()
            .filter(|h| h.lifted_at.is_none())
            .map(|h| (h.entity, h.entity_id))
            .collect();
        let head = snapshot.head().clone();
        snapshot.end().await?;
        Ok(Sources { settings, catalogue, page, merge_notes, request, head, now: crate::store::now(), held })
    }

    /// A record's `retention` as the document tells it on the day it is
    /// made: past its last day, what keeps it as the sweep reads it
    /// (store/retention.rs), or nothing, and it is due.
    fn told(&self, retention: Retention, subjects: &[(RecordKind, i64)]) -> Retention {
        retention.on(self.settings.day_of(self.now), || self.keeper(subjects).map_or(KeptPast::Due, KeptPast::from))
    }

    /// What keeps a record of the customer's past its end, the first in the
    /// sweep's order ([`Keeper`]): a hold in force on the record, on what it
    /// belongs to (`subjects`: its order, and for an order its invoices,
    /// which it cannot be deleted without) or on the customer; the
    /// customer's restriction; a request of theirs that keeps their records,
    /// other than the one the document answers, which it ends (Art. 12(3)).
    fn keeper(&self, subjects: &[(RecordKind, i64)]) -> Option<Keeper> {
        let customer = (RecordKind::Customer, self.page.customer.id.0);
        let answered = self.request.as_ref().map(|r| r.id);
        if subjects.iter().chain([&customer]).any(|s| self.held.contains(s)) {
            Some(Keeper::LegalHold)
        } else if self.page.customer.state == CustomerState::Restricted {
            Some(Keeper::Restriction)
        } else if self.page.requests.iter().any(|r| r.keeps_records() && Some(r.id) != answered) {
            Some(Keeper::Request)
        } else {
            None
        }
    }
}

fn percent(bp: i64) -> String {
    format!("{}.{:02}", bp / 100, bp % 100)
}

fn section<T>(src: &Sources, tr: &Translator, category: Category, records: Vec<T>) -> Section<T> {
    let mut s = processing_section(&src.settings, &src.catalogue, tr, category, records);
    // The report gives each order's, invoice's and note's own date beside it.
    let dated = format!("retention-dated-{category}");
    if tr.has(&dated) {
        s.retention_text = format!("{} {}", s.retention_text, tr.t(&dated));
    }
    s
}

pub(crate) fn identity(src: &Sources) -> IdentityRecord {
    let c = &src.page.customer;
    IdentityRecord {
        customer_number: c.number.clone(),
        shop_numbers: src.page.shop_numbers.clone(),
        contact: ContactDetails::from(c),
        customer_since: c.created_at,
        last_activity: c.last_activity_at,
        state: c.state,
        retention: src.told(retention::customer(&src.settings, c.last_activity_at), &[]),
    }
}

pub(crate) fn orders(src: &Sources) -> Vec<OrderRecord> {
    // Each order's invoices, gathered once: a customer may have thousands of each.
    let mut invoiced: HashMap<OrderId, Vec<&Invoice>> = HashMap::new();
    for i in &src.page.invoices {
        invoiced.entry(i.order_id).or_default().push(i);
    }
    src.page
        .orders
        .iter()
        .map(|o| OrderRecord {
            number: o.number.clone(),
            date: o.order_date,
            status: o.status,
            total: o.total,
            vat: o.vat,
            payment_provider: o.payment_provider.clone(),
            payment_reference: o.payment_reference.clone(),
            lines: o
                .lines
                .iter()
                .map(|l| OrderLineRecord {
                    description: l.description.clone(),
                    quantity: l.quantity,
                    unit_price: l.unit_price,
                    vat_rate: percent(l.vat_rate_bp),
                })
                .collect(),
            restricted: o.restricted,
            // As long as its invoices are: deleting the order would take them with it.
            retention: {
                let invoices = invoiced.get(&o.id).map_or(&[][..], Vec::as_slice);
                let subjects: Vec<_> = invoices
                    .iter()
                    .map(|i| (RecordKind::Invoice, i.id.0))
                    .chain([(RecordKind::Order, o.id.0)])
                    .collect();
                src.told(retention::order(&src.settings, o.order_date, invoices.iter().map(|i| i.issued_on)), &subjects)
            },
        })
        .collect()
}

pub(crate) fn consents(src: &Sources) -> Vec<ConsentRecord> {
    src.page
        .consents
        .iter()
        .map(|c| ConsentRecord {
            purpose: c.purpose.clone(),
            text_version: c.text_version.clone(),
            given_at: c.given_at,
            channel: c.channel.clone(),
            withdrawn_at: c.withdrawn_at,
            replaced_by: c
                .replaced_by
                .and_then(|id| src.page.consents.iter().find(|d| d.id == id))
                .map(|d| ConsentReplacement { text_version: d.text_version.clone(), given_at: d.given_at }),
            retention: src.told(retention::consent(&src.settings, c.withdrawn_at), &[(RecordKind::Consent, c.id.0)]),
        })
        .collect()
}

pub(crate) fn events(src: &Sources) -> Vec<EventRecord> {
    src.page
        .event_registrations
        .iter()
        .map(|e| EventRecord {
            event: e.event_name.clone(),
            date: e.event_date,
            status: e.status,
            retention: src.told(
                retention::event_registration(&src.settings, e.event_date),
                &[(RecordKind::EventRegistration, e.id.0)],
            ),
        })
        .collect()
}

pub(crate) fn web_events(src: &Sources) -> Vec<WebEventRecord> {
    src.page
        .web_events
        .iter()
        .map(|w| WebEventRecord {
            time: w.occurred_at,
            ip_address: w.ip.clone(),
            action: w.action.clone(),
            user_agent: w.user_agent.clone(),
            retention: src.told(retention::web_event(&src.settings, w.occurred_at), &[(RecordKind::WebEvent, w.id.0)]),
        })
        .collect()
}

pub(crate) fn build_access(src: &Sources, tr: &Translator) -> AccessReport {
    let page = &src.page;
    let order_numbers: HashMap<_, _> = page.orders.iter().map(|o| (o.id, o.number.clone())).collect();
    let categories = AccessCategories {
        identity_contact: section(src, tr, Category::IdentityContact, vec![identity(src)]),
        purchase_history: section(src, tr, Category::PurchaseHistory, orders(src)),
        invoices: section(
            src,
            tr,
            Category::Invoices,
            page.invoices
                .iter()
                .map(|i| InvoiceRecord {
                    number: i.number.clone(),
                    kind: i.kind,
                    order_number: order_numbers.get(&i.order_id).cloned(),
                    issued: i.issued_on,
                    due: i.due_on,
                    amount: i.amount,
                    credits: i.credits.clone(),
                    retention: src.told(
                        retention::accounting_record(&src.settings, i.issued_on),
                        &[(RecordKind::Invoice, i.id.0), (RecordKind::Order, i.order_id.0)],
                    ),
                })
                .collect(),
        ),
        communications: section(
            src,
            tr,
            Category::Communications,
            page.interactions
                .iter()
                .map(|i| InteractionRecord {
                    time: i.occurred_at,
                    channel: i.channel,
                    direction: i.direction,
                    summary: i.summary.clone(),
                    closed_on: i.closed_on,
                    retention: src.told(
                        retention::interaction(&src.settings, i.closed_on, i.bookkeeping),
                        &[(RecordKind::Interaction, i.id.0)],
                    ),
                })
                .collect(),
        ),
        web_activity: section(src, tr, Category::WebActivity, web_events(src)),
        consents: section(src, tr, Category::Consents, consents(src)),
        events: section(src, tr, Category::Events, events(src)),
        requests: section(
            src,
            tr,
            Category::Requests,
            page.requests
                .iter()
                .map(|r| RequestRecord {
                    id: r.id,
                    kind: r.kind,
                    received: r.received_on,
                    due_date: r.due_date(),
                    state: r.state,
                    answered_on: r.answered_on,
                    retention: src
                        .told(retention::request(&src.settings, r.closed_on), &[(RecordKind::Request, r.id.0)]),
                })
                .collect(),
        ),
    };
    let (authority, address) = src.settings.authority(tr);
    AccessReport {
        schema: ACCESS_SCHEMA.to_owned(),
        schema_version: SCHEMA_VERSION,
        generated_at: src.now,
        language: tr.language(),
        controller: controller(&src.settings),
        request: src.request.as_ref().map(request_ref),
        customer_number: page.customer.number.clone(),
        categories,
        recipients: recipients(&src.catalogue, tr),
        automated_decision_making: AutomatedDecisions { used: false, text: tr.t("automated-none") },
        rights: RIGHTS
            .iter()
            .map(|(right, article, key)| RightInfo {
                right: (*right).to_owned(),
                article: (*article).to_owned(),
                text: tr.t(key),
            })
            .collect(),
        supervisory_authority: Authority { name: authority, address },
        breaches: page
            .breaches
            .iter()
            .map(|b| BreachConcerning {
                id: b.id.0,
                aware_at: b.fields.aware_at,
                nature: b.fields.nature.clone(),
                categories: b.fields.categories.0.clone(),
                consequences: b.fields.consequences.clone(),
                measures: b.fields.measures.clone(),
                informed_at: b.informed_at,
            })
            .collect(),
        corrections: corrections(page),
        web_activity_stopped: page.web_objection.as_ref().map(|o| o.since(&src.settings)),
        merged: merged(src),
        audit_head: AuditHead { seq: src.head.0, hash: src.head.1.clone() },
    }
}

/// The customers merged into this one, each with the details kept to undo
/// the merge while they are kept.
fn merged(src: &Sources) -> Vec<MergedCustomer> {
    let day = |at: DateTime<Utc>| src.settings.day_of(at);
    let kept = |m: &crate::register::merge::Merge| {
        let until = m.undo_until?;
        let (_, c) = src.merge_notes.iter().find(|(id, _)| *id == m.id)?;
        Some(KeptToUndo { until: day(until), contact: ContactDetails::from(c) })
    };
    src.page
        .merges
        .iter()
        .map(|m| MergedCustomer {
            customer_number: m.merged_number.clone(),
            merged_on: day(m.merged_at),
            kept_to_undo: kept(m),
        })
        .collect()
}

pub(crate) fn build_portability(src: &Sources) -> PortabilityExport {
    PortabilityExport {
        schema: PORTABILITY_SCHEMA.to_owned(),
        schema_version: SCHEMA_VERSION,
        generated_at: src.now,
        controller: controller(&src.settings),
        request: src.request.as_ref().map(request_ref),
        provided: ProvidedData {
            identity_contact: vec![identity(src)],
            orders: orders(src),
            consents: consents(src),
            event_registrations: events(src),
        },
        observed: ObservedData { web_activity: web_events(src) },
        audit_head: AuditHead { seq: src.head.0, hash: src.head.1.clone() },
    }
}

/// Every part the customer's corrections changed, oldest first. Who at the
/// shop took a note is left out, before as after: another person's data
/// (Art. 15(4)), as in the notes themselves; so is a detail removed at the
/// person's request for erasure, whose value the register no longer holds.
fn corrections(page: &crate::register::CustomerPage) -> Vec<CorrectionRecord> {
    page.corrections
        .iter()
        .flat_map(|k| {
            let held = |c: &&crate::audit::corrections::Change| !c.before_erased && !c.after_erased;
            let shown = k.changes.iter().filter(|c| c.field != Corrected::Staff).filter(held);
            shown.map(move |c| CorrectionRecord {
                corrected_at: k.at,
                note_time: k.note_time,
                field: c.field,
                before: c.before.clone(),
                after: c.after.clone(),
            })
        })
        .collect()
}
