//! The app's commands: each checks what the page sent, calls one core function
//! and returns its typed result. No SQL, no business rule here.

use std::collections::BTreeMap;

use kundvakt_core::assessments::{Assessment, NewAssessment};
use kundvakt_core::demo::DemoSummary;
use kundvakt_core::export::requests::RequestsExportSummary;
use kundvakt_core::processing::{Catalogue, Category, CategoryChanges, CategoryProcessing};
use kundvakt_core::processing::{NewProcessor, Processor};
use kundvakt_core::register::merge::{MergePlan, Merged};
use kundvakt_core::register::unmerge::Unmerged;
use kundvakt_core::register::{
    Consent, Customer, CustomerChanges, CustomerInput, CustomerPage, EventRegistration, Found, Interaction,
    InteractionChanges, Invoice, InvoiceDraft, NewConsent, NewEventRegistration, NewInteraction, Order, OrderDraft,
    OrderSheet, OrderStatus, OrderTotals, Page, RegistrationStatus, Series, WebEvent,
};
use kundvakt_core::reports::privacy::{NoticeFormat, NoticeState};
use kundvakt_core::reports::{DocumentKind, Format};
use kundvakt_core::requests::{ListFilter, RequestDetail, RequestKind, RequestView, Step};
use kundvakt_core::retention::held_back::HeldBack;
use kundvakt_core::retention::note_erasure::NoteErasure;
use kundvakt_core::retention::record_erasure::{SignUpErasure, WebActivity, WebActivityErasure};
use kundvakt_core::settings::{SettingChange, SettingProblem};
use kundvakt_core::values::{
    AssessmentId, BreachId, CountryCode, CustomerId, EventRegistrationId, InteractionId, Language, ProcessorId,
    RequestId, WebEventId,
};
use kundvakt_core::Register;
use serde::Serialize;
use tauri::{AppHandle, Emitter, State};
use tauri_plugin_dialog::DialogExt;

use super::error::{from_page, invalid, CmdResult};

/// What the window shows about the register it has open.
#[derive(Debug, Serialize, schemars::JsonSchema)]
pub struct AppInfo {
    pub version: String,
    pub register: String,
    pub backend: kundvakt_core::Backend,
    pub customers: i64,
    pub country: String,
    /// The currency of the shop's country: a new order's, unless changed.
    pub currency: String,
    /// The country's standard VAT rate in per cent: a new order line's, unless changed.
    pub vat_rate: String,
    pub language: Language,
    pub today: chrono::NaiveDate,
    /// The shop's time zone (IANA name): the window shows times on its clock.
    pub time_zone: String,
    /// Whether the register's file is encrypted at rest (SQLite only).
    pub encrypted: bool,
    /// The choices of a customer's or a processor's country.
    pub countries: Vec<CountryChoice>,
    /// The supervisory authority a breach is notified to (the settings', or
    /// the shop country's), named in the shop's language, and its address.
    pub authority: String,
    pub authority_address: String,
    /// The setting the shop must fill in before the documents it gives
    /// people say who it is and how to reach it (`controller.name`, or
    /// `controller.email` for a way to reach it); `None` when they do.
    pub controller_gap: Option<String>,
    /// Open data-subject requests past their deadline, and those due within
    /// seven days (Art. 12(3)): said on every screen as it is drawn.
    pub requests_late: usize,
    pub requests_soon: usize,
    /// The open breach whose notification is owed soonest (Art. 33(1)'s 72
    /// hours), said on every screen as it is drawn.
    pub breach_owed: Option<kundvakt_core::breaches::BreachView>,
}

/// A country a form offers; the window names it in its own language.
#[derive(Debug, Serialize, schemars::JsonSchema)]
pub struct CountryChoice {
    /// ISO 3166-1 alpha-2.
    pub code: &'static str,
    /// Inside the EEA: a recipient elsewhere is a transfer to a third country.
    pub eea: bool,
}

/// Progress of long work, sent as the `progress` event.
#[derive(Debug, Clone, Serialize, schemars::JsonSchema)]
pub struct Progress {
    pub task: String,
    pub done: u64,
    pub total: u64,
}

impl Progress {
    /// Tells the window how far `task` has got; a window that is gone is no
    /// reason to stop the work.
    pub(super) fn send(app: &AppHandle, task: &str, done: u64, total: u64) {
        let _ = app.emit("progress", Progress { task: task.into(), done, total });
    }
}

pub(super) fn positive(id: i64, field: &str) -> CmdResult<i64> {
    if id > 0 {
        Ok(id)
    } else {
        Err(from_page(field, "must be a positive id"))
    }
}

#[tauri::command]
pub async fn app_info(reg: State<'_, Register>) -> CmdResult<AppInfo> {
    let s = reg.settings().await?;
    let (authority, authority_address) = s.authority(&kundvakt_core::i18n::Translator::new(s.language()));
    let today = reg.today().await?;
    let open = reg.list_requests(today, kundvakt_core::requests::ListFilter { include_done: false }).await?;
    Ok(AppInfo {
        version: env!("CARGO_PKG_VERSION").to_owned(),
        register: reg.store().location().display(),
        backend: reg.store().backend(),
        customers: reg.list_customers(0, 1).await?.total,
        country: s.country().code().to_owned(),
        currency: s.country().default_currency().to_owned(),
        vat_rate: s.country().standard_vat_rate().to_owned(),
        language: s.language(),
        today,
        time_zone: s.time_zone().name().to_owned(),
        encrypted: reg.store().encrypted(),
        countries: CountryCode::all().map(|c| CountryChoice { code: c.alpha2(), eea: c.in_eea() }).collect(),
        authority,
        authority_address,
        controller_gap: s.controller_gap().map(|(setting, _)| setting.to_owned()),
        requests_late: open.iter().filter(|r| r.overdue).count(),
        requests_soon: open.iter().filter(|r| r.due_soon && !r.overdue).count(),
        // The list puts the nearest notification first.
        breach_owed: reg.breaches(false).await?.into_iter().find(|b| b.hours_left.is_some()),
    })
}

/// The list version ([`Register::list_version`]): the window's list asks now
/// and then whether its pages are still the register's.
#[tauri::command]
pub async fn customers_list_version(reg: State<'_, Register>) -> CmdResult<i64> {
    Ok(reg.list_version().await?)
}

#[tauri::command]
pub async fn customers_list(reg: State<'_, Register>, offset: i64, limit: i64) -> CmdResult<Page<Customer>> {
    if offset < 0 || !(1..=500).contains(&limit) {
        return Err(from_page("limit", "a page is 1 to 500 customers from a non-negative offset"));
    }
    Ok(reg.list_customers(offset, limit).await?)
}

#[tauri::command]
pub async fn customers_search(reg: State<'_, Register>, query: String, limit: i64) -> CmdResult<Vec<Customer>> {
    Ok(reg.search_customers(checked_query(&query)?, limit.clamp(1, 500)).await?)
}

/// A search's query, refused past 200 characters (no name or address is longer).
fn checked_query(query: &str) -> CmdResult<&str> {
    match query.chars().count() > 200 {
        true => Err(invalid("query", kundvakt_core::msg!("msg-too-long", max = 200))),
        false => Ok(query),
    }
}

/// A search of the register as the list shows it: the customers found,
/// whose a merged address was, whom a query names that was erased.
#[tauri::command]
pub async fn customers_look_up(reg: State<'_, Register>, query: String, limit: i64) -> CmdResult<Found> {
    Ok(reg.look_up(checked_query(&query)?, limit.clamp(1, 500)).await?)
}

#[tauri::command]
pub async fn customer_page(reg: State<'_, Register>, id: i64) -> CmdResult<CustomerPage> {
    Ok(reg.customer_page(CustomerId(positive(id, "id")?)).await?)
}

/// A customer by customer number (or row id), as a person types it.
#[tauri::command]
pub async fn customer_find(reg: State<'_, Register>, reference: String) -> CmdResult<Customer> {
    Ok(reg.find_customer(&reference).await?)
}

#[tauri::command]
pub async fn customer_add(reg: State<'_, Register>, input: CustomerInput) -> CmdResult<Customer> {
    Ok(reg.add_customer(&input).await?)
}

/// A note of a call, meeting, e-mail, letter, document or web form.
#[tauri::command]
pub async fn interaction_add(reg: State<'_, Register>, note: NewInteraction) -> CmdResult<Interaction> {
    positive(note.customer_id.0, "customer")?;
    Ok(reg.add_interaction(&note).await?)
}

/// Corrects a note (Art. 16); refused if it changed since the window showed
/// `expected`. With `request`, as the answer to the person's request for rectification.
#[tauri::command]
pub async fn interaction_edit(
    reg: State<'_, Register>,
    id: i64,
    changes: InteractionChanges,
    expected: Interaction,
    request: Option<i64>,
) -> CmdResult<Interaction> {
    let id = InteractionId(positive(id, "id")?);
    Ok(reg.edit_interaction_answering(id, &changes, Some(&expected), super::rights::request_id(request)?).await?)
}

/// Moves note `id` to the customer `to` names (by number): one filed under the wrong customer.
#[tauri::command]
pub async fn interaction_move(reg: State<'_, Register>, id: i64, to: String) -> CmdResult<Interaction> {
    let id = InteractionId(positive(id, "id")?);
    let to = reg.find_customer(&to).await?;
    Ok(reg.move_interaction(id, to.id).await?)
}

/// The note erasing `id` for the erasure `request` would erase, or why it may not be; changes nothing.
#[tauri::command]
pub async fn note_erasure_preview(reg: State<'_, Register>, id: i64, request: i64) -> CmdResult<Interaction> {
    let (id, request) = (InteractionId(positive(id, "id")?), RequestId(positive(request, "request")?));
    Ok(reg.note_erasure_preview(id, request).await?)
}

/// Erases one note for the person's request for erasure (Art. 17(1)).
#[tauri::command]
pub async fn note_erase(reg: State<'_, Register>, id: i64, request: i64) -> CmdResult<NoteErasure> {
    let (id, request) = (InteractionId(positive(id, "id")?), RequestId(positive(request, "request")?));
    Ok(reg.erase_note(id, request).await?)
}

/// Has a held note erased for the erasure `request` when its legal hold is lifted (Art. 17(3)(e)).
#[tauri::command]
pub async fn note_hold_back(reg: State<'_, Register>, id: i64, request: i64) -> CmdResult<HeldBack> {
    let (id, request) = (InteractionId(positive(id, "id")?), RequestId(positive(request, "request")?));
    Ok(reg.hold_back_note_erasure(id, request).await?)
}

/// The sign-up erasing `id` for the erasure `request` would erase, or why it may not be; changes nothing.
#[tauri::command]
pub async fn signup_erasure_preview(reg: State<'_, Register>, id: i64, request: i64) -> CmdResult<EventRegistration> {
    let (id, request) = (EventRegistrationId(positive(id, "id")?), RequestId(positive(request, "request")?));
    Ok(reg.signup_erasure_preview(id, request).await?)
}

/// Erases one course sign-up for the person's request for erasure (Art. 17(1)).
#[tauri::command]
pub async fn signup_erase(reg: State<'_, Register>, id: i64, request: i64) -> CmdResult<SignUpErasure> {
    let (id, request) = (EventRegistrationId(positive(id, "id")?), RequestId(positive(request, "request")?));
    Ok(reg.erase_signup(id, request).await?)
}

/// Has a held sign-up erased for the erasure `request` when its legal hold is lifted (Art. 17(3)(e)).
#[tauri::command]
pub async fn signup_hold_back(reg: State<'_, Register>, id: i64, request: i64) -> CmdResult<HeldBack> {
    let (id, request) = (EventRegistrationId(positive(id, "id")?), RequestId(positive(request, "request")?));
    Ok(reg.hold_back_signup_erasure(id, request).await?)
}

/// The web activity erasing the customer's for the erasure `request` would erase, or why it may not be; changes nothing.
#[tauri::command]
pub async fn web_erasure_preview(reg: State<'_, Register>, customer: i64, request: i64) -> CmdResult<WebActivity> {
    let (customer, request) = (CustomerId(positive(customer, "customer")?), RequestId(positive(request, "request")?));
    Ok(reg.web_activity_erasure_preview(customer, request).await?)
}

/// The web event erasing `event` alone for `request` would erase, or why it may not be.
#[tauri::command]
pub async fn web_event_erase_preview(reg: State<'_, Register>, event: i64, request: i64) -> CmdResult<WebEvent> {
    let (event, request) = (WebEventId(positive(event, "event")?), RequestId(positive(request, "request")?));
    Ok(reg.web_event_erasure_preview(event, request).await?)
}

/// Erases web event `event` alone for the person's request (Art. 17(1)).
#[tauri::command]
pub async fn web_event_erase(reg: State<'_, Register>, event: i64, request: i64) -> CmdResult<WebActivityErasure> {
    let (event, request) = (WebEventId(positive(event, "event")?), RequestId(positive(request, "request")?));
    Ok(reg.erase_web_event(event, request).await?)
}

/// Erases all of a customer's web activity for their request for erasure (Art. 17(1)).
#[tauri::command]
pub async fn web_erase(reg: State<'_, Register>, customer: i64, request: i64) -> CmdResult<WebActivityErasure> {
    let (customer, request) = (CustomerId(positive(customer, "customer")?), RequestId(positive(request, "request")?));
    Ok(reg.erase_web_activity(customer, request).await?)
}

/// Closes the matter of a note on `on`; its retention period starts there.
#[tauri::command]
pub async fn interaction_close(reg: State<'_, Register>, id: i64, on: chrono::NaiveDate) -> CmdResult<Interaction> {
    Ok(reg.close_interaction(InteractionId(positive(id, "id")?), on).await?)
}

/// A consent the customer gave (Art. 7(1)): to what, to which text, when, how.
#[tauri::command]
pub async fn consent_give(reg: State<'_, Register>, consent: NewConsent) -> CmdResult<Consent> {
    positive(consent.customer_id.0, "customer")?;
    Ok(reg.add_consent(&consent).await?)
}

/// An order taken by hand (in the shop, on the phone), amounts as typed;
/// without a number, the next of the shop's series.
#[tauri::command]
pub async fn order_add(reg: State<'_, Register>, order: OrderDraft) -> CmdResult<Order> {
    positive(order.customer_id.0, "customer")?;
    Ok(reg.record_order(&order).await?)
}

/// The next number of the shop's series for orders taken by hand, or for
/// invoices, if it has one.
#[tauri::command]
pub async fn next_number(reg: State<'_, Register>, series: Series) -> CmdResult<Option<String>> {
    Ok(reg.next_number(series).await?)
}

/// What an order being typed comes to (total and VAT), read as `order_add` reads it.
#[tauri::command]
pub fn order_totals(order: OrderDraft) -> CmdResult<OrderTotals> {
    Ok(order.totals()?)
}

/// Moves an order on (paid, shipped, cancelled, refunded); returns the status it had.
#[tauri::command]
pub async fn order_status(reg: State<'_, Register>, number: String, status: OrderStatus) -> CmdResult<OrderStatus> {
    Ok(reg.set_order_status(&number, status).await?)
}

/// One order with its lines' VAT, its vouchers and until when the law keeps
/// it, by its number or a voucher's (`order show`).
#[tauri::command]
pub async fn order_sheet(reg: State<'_, Register>, number: String) -> CmdResult<OrderSheet> {
    Ok(reg.order_sheet(&number).await?)
}

/// An invoice, a reminder or a credit note of the order numbered `order`, `amount` as typed.
#[tauri::command]
pub async fn invoice_add(reg: State<'_, Register>, invoice: InvoiceDraft) -> CmdResult<Invoice> {
    Ok(reg.record_invoice(&invoice).await?)
}

/// Signs the customer up for a course or an event.
#[tauri::command]
pub async fn registration_add(
    reg: State<'_, Register>,
    registration: NewEventRegistration,
) -> CmdResult<EventRegistration> {
    positive(registration.customer_id.0, "customer")?;
    Ok(reg.add_event_registration(&registration).await?)
}

/// Marks a sign-up attended, cancelled or registered again.
#[tauri::command]
pub async fn registration_status(
    reg: State<'_, Register>,
    id: i64,
    status: RegistrationStatus,
) -> CmdResult<EventRegistration> {
    Ok(reg.set_registration_status(EventRegistrationId(positive(id, "id")?), status).await?)
}

/// Saves changes made to version `expected_version`; refused if someone saved
/// in between. With `request`, as the answer to the person's request for rectification.
#[tauri::command]
pub async fn customer_edit(
    reg: State<'_, Register>,
    id: i64,
    changes: CustomerInput,
    expected_version: i64,
    request: Option<i64>,
) -> CmdResult<Customer> {
    let (id, changes) = (CustomerId(positive(id, "id")?), CustomerChanges { fields: changes });
    Ok(reg.edit_customer_answering(id, &changes, Some(expected_version), super::rights::request_id(request)?).await?)
}

/// Records `number` as the web shop's number of the customer; their numbers after.
#[tauri::command]
pub async fn customer_shop_number_add(reg: State<'_, Register>, id: i64, number: String) -> CmdResult<Vec<String>> {
    Ok(reg.add_shop_number(CustomerId(positive(id, "id")?), &number).await?)
}

/// What merging customer `other` into customer `keep` would do, or why it may not be done.
#[tauri::command]
pub async fn customer_merge_preview(reg: State<'_, Register>, keep: i64, other: i64) -> CmdResult<MergePlan> {
    Ok(reg.merge_preview(CustomerId(positive(keep, "keep")?), CustomerId(positive(other, "other")?)).await?)
}

/// Merges customer `other` into customer `keep`, who is the same person.
#[tauri::command]
pub async fn customer_merge(reg: State<'_, Register>, keep: i64, other: i64) -> CmdResult<Merged> {
    Ok(reg.merge_customers(CustomerId(positive(keep, "keep")?), CustomerId(positive(other, "other")?)).await?)
}

/// What undoing the merge of customer `merged` (their id) would give back, or why it may not be done.
#[tauri::command]
pub async fn customer_unmerge_preview(reg: State<'_, Register>, merged: i64) -> CmdResult<Unmerged> {
    Ok(reg.unmerge_preview(CustomerId(positive(merged, "merged")?)).await?)
}

/// Undoes the merge that retired customer `merged`'s row (their id), within its thirty days.
#[tauri::command]
pub async fn customer_unmerge(reg: State<'_, Register>, merged: i64) -> CmdResult<Unmerged> {
    Ok(reg.unmerge_customer(CustomerId(positive(merged, "merged")?)).await?)
}

/// Takes `number` away from the customer's web shop numbers; their numbers after.
#[tauri::command]
pub async fn customer_shop_number_remove(reg: State<'_, Register>, id: i64, number: String) -> CmdResult<Vec<String>> {
    Ok(reg.remove_shop_number(CustomerId(positive(id, "id")?), &number).await?)
}

#[tauri::command]
pub async fn requests_list(reg: State<'_, Register>, include_done: bool) -> CmdResult<Vec<RequestView>> {
    let today = reg.today().await?;
    Ok(reg.list_requests(today, ListFilter { include_done }).await?)
}

/// The requests the inbox lists (with `include_done`, the answered and
/// closed too), saved as CSV where the native dialog says, in the window's
/// `language`; `None` when the dialog was cancelled.
#[tauri::command]
pub async fn requests_save(
    app: AppHandle,
    reg: State<'_, Register>,
    include_done: bool,
    language: Language,
) -> CmdResult<Option<RequestsExportSummary>> {
    let today = reg.today().await?;
    let Some(path) = save_path(&app, &format!("kundvakt-requests-{today}.csv"), "CSV", "csv")? else {
        return Ok(None);
    };
    Ok(Some(reg.export_requests(today, ListFilter { include_done }, language, &path).await?))
}

/// A request with its steps and the documents produced for it.
#[tauri::command]
pub async fn request_detail(reg: State<'_, Register>, id: i64) -> CmdResult<RequestDetail> {
    Ok(reg.request_detail(RequestId(positive(id, "id")?), reg.today().await?).await?)
}

/// Logs a request as it came: the day it was received (the deadline counts
/// from it, Art. 12(3); a request received last week is late a week sooner)
/// and how it came: one of the channels the form offers, or, for a request
/// logged again for another customer who is the same person, as the first
/// was logged (from the command line, in words). The window takes no day
/// ahead of today.
#[tauri::command]
pub async fn request_open(
    reg: State<'_, Register>,
    customer: Option<i64>,
    person: Option<String>,
    person_language: Option<Language>,
    kind: RequestKind,
    received: chrono::NaiveDate,
    channel: String,
) -> CmdResult<RequestView> {
    let today = reg.today().await?;
    if received > today {
        return Err(invalid("received", kundvakt_core::msg!("msg-in-the-future", when = received)));
    }
    // Of a customer, or of someone the register has no customer for, as they named themselves.
    let from = match customer {
        Some(c) => kundvakt_core::requests::Asker::Customer(CustomerId(positive(c, "customer")?)),
        None => kundvakt_core::requests::Asker::Person { name: person.unwrap_or_default(), language: person_language },
    };
    let r = reg.open_request_from(&from, kind, Some(received), Some(&channel)).await?;
    Ok(reg.request_view(r.id, today).await?)
}

/// Makes a request from someone the register had no customer for the request of the customer found since.
#[tauri::command]
pub async fn request_link(reg: State<'_, Register>, id: i64, customer: String) -> CmdResult<RequestView> {
    let c = reg.find_customer(&customer).await?;
    let r = reg.link_request(RequestId(positive(id, "id")?), c.id).await?;
    Ok(reg.request_view(r.id, reg.today().await?).await?)
}

#[tauri::command]
pub async fn request_step(reg: State<'_, Register>, id: i64, step: Step) -> CmdResult<RequestView> {
    let r = reg.request_step(RequestId(positive(id, "id")?), step, None).await?;
    Ok(reg.request_view(r.id, reg.today().await?).await?)
}

/// The records the retention screen lists at most; it says how many more there are.
const RETENTION_LISTED: usize = 200;

/// The retention screen on `as_of` (default: today): the counts, the first
/// records due and the forecast, not every record (millions on a large register).
#[tauri::command]
pub async fn retention_view(
    reg: State<'_, Register>,
    as_of: Option<chrono::NaiveDate>,
) -> CmdResult<kundvakt_core::retention::due::DueView> {
    let as_of = match as_of {
        Some(d) => d,
        None => reg.today().await?,
    };
    Ok(reg.retention_view(as_of, RETENTION_LISTED).await?)
}

/// What each retention rule code reads as in `language` (the statute, or the
/// setting by its name with the period it sets): the retention view shows
/// these, not the codes.
#[tauri::command]
pub async fn retention_rule_texts(reg: State<'_, Register>, language: Language) -> CmdResult<BTreeMap<String, String>> {
    let settings = reg.settings().await?;
    Ok(kundvakt_core::retention::rule_texts(&kundvakt_core::i18n::Translator::new(language), &settings))
}

#[tauri::command]
pub async fn settings_get(reg: State<'_, Register>) -> CmdResult<BTreeMap<String, String>> {
    Ok(reg.settings().await?.iter().map(|(k, v)| (k.to_owned(), v.to_owned())).collect())
}

/// The settings whose values in force today's checks refuse, for the page
/// to say at each field.
#[tauri::command]
pub async fn settings_problems(reg: State<'_, Register>) -> CmdResult<Vec<SettingProblem>> {
    Ok(reg.settings().await?.problems())
}

/// Every change of the settings, the newest first: when, by whom, the value set.
#[tauri::command]
pub async fn settings_history(reg: State<'_, Register>) -> CmdResult<Vec<SettingChange>> {
    Ok(reg.setting_changes(None).await?)
}

#[tauri::command]
pub async fn settings_set(reg: State<'_, Register>, key: String, value: String) -> CmdResult<String> {
    Ok(reg.set_setting(&key, &value).await?)
}

/// The financial years on either side of a first year and of each change,
/// shown under the settings of the financial year, with what the years say
/// of the register's first order.
#[tauri::command]
pub async fn financial_years(reg: State<'_, Register>) -> CmdResult<kundvakt_core::fiscal_years::YearsShown> {
    Ok(reg.financial_years().await?.shown())
}

#[tauri::command]
pub async fn catalogue_get(reg: State<'_, Register>) -> CmdResult<Catalogue> {
    Ok(reg.catalogue().await?)
}

/// Fills an empty register with the demo shop, reporting progress as it goes.
#[tauri::command]
pub async fn demo_create(app: AppHandle, reg: State<'_, Register>) -> CmdResult<DemoSummary> {
    if reg.has_customers().await? {
        return Err(invalid("register", kundvakt_core::msg!("msg-demo-needs-empty")));
    }
    let progress = |done: usize, total: usize| {
        Progress::send(&app, "demo", done as u64, total as u64);
    };
    let last_day = kundvakt_core::demo::last_day(&reg).await?;
    Ok(kundvakt_core::demo::fill_with_progress(&reg, 300, last_day, progress).await?)
}

/// The access report's content, in the window's language, for the preview.
#[tauri::command]
pub async fn report_preview(
    reg: State<'_, Register>,
    customer: i64,
    language: Option<Language>,
) -> CmdResult<kundvakt_core::reports::access::AccessReport> {
    Ok(reg.access_report_content(CustomerId(positive(customer, "customer")?), language, None).await?)
}

/// How many records of the customer's access report answering `request`
/// it would tell as to be deleted (past their last day, nothing but the
/// request keeping them): said where the request is answered with it.
#[tauri::command]
pub async fn report_past_due(reg: State<'_, Register>, customer: i64, request: i64) -> CmdResult<usize> {
    let (customer, request) = (CustomerId(positive(customer, "customer")?), RequestId(positive(request, "request")?));
    let report = reg.access_report_content(customer, None, Some(request)).await?;
    Ok(report.records_past_due())
}

/// Which document to save: the access report and the portability export need
/// `customer`, as does the erasure confirmation; the receipt and the notice `request`; the
/// sweep summary `sweep`; the letter to the people a breach concerns `breach`
/// (and `customer` when it is addressed to one).
#[derive(Debug, serde::Deserialize, schemars::JsonSchema)]
pub struct DocumentChoice {
    pub kind: DocumentKind,
    pub customer: Option<i64>,
    pub request: Option<i64>,
    pub sweep: Option<i64>,
    pub breach: Option<i64>,
    pub format: Format,
    pub language: Option<Language>,
}

/// Generates a document and saves it where the user chooses in the native save
/// dialog; `None` when the dialog was cancelled.
#[tauri::command]
pub async fn document_save(
    app: AppHandle,
    reg: State<'_, Register>,
    choice: DocumentChoice,
) -> CmdResult<Option<String>> {
    let DocumentChoice { kind, customer, request, sweep, breach, format, language } = choice;
    let today = reg.today().await?;
    let customer = customer.map(|c| positive(c, "customer")).transpose()?.map(CustomerId);
    let request = request.map(|r| positive(r, "request")).transpose()?.map(RequestId);
    let need_customer = || customer.ok_or_else(|| from_page("customer", "this document is about a customer"));
    let need_request = || request.ok_or_else(|| from_page("request", "this document is of a request"));
    let breach = breach.map(|b| positive(b, "breach")).transpose()?.map(BreachId);
    let need_breach = || breach.ok_or_else(|| from_page("breach", "this letter is of a breach"));
    let (name, format) = match kind {
        DocumentKind::Access => (format!("{}-{today}", reg.customer(need_customer()?).await?.number), format),
        DocumentKind::Portability => {
            (format!("{}-portability-{today}", reg.customer(need_customer()?).await?.number), Format::Json)
        }
        DocumentKind::Receipt => (format!("request-{}-receipt", need_request()?), format),
        DocumentKind::Notice => (format!("request-{}-notice", need_request()?), format),
        DocumentKind::Processing => (format!("records-of-processing-{today}"), format),
        DocumentKind::Breaches => (format!("breaches-{today}"), format),
        DocumentKind::BreachLetter => {
            let to = match customer {
                Some(c) => {
                    // Said before the save dialog opens, not after a place was chosen for nothing.
                    let c = reg.customer(c).await?;
                    if c.state == kundvakt_core::register::CustomerState::Erased {
                        let why = kundvakt_core::msg!("msg-customer-erased", customer = c.number);
                        return Err(kundvakt_core::Error::Refused(why).into());
                    }
                    format!("-{}", c.number)
                }
                None => language.map(|l| format!("-{l}")).unwrap_or_default(),
            };
            (format!("breach-{}-letter{to}", need_breach()?), format)
        }
        // Of a request alone: what it erased of a person who stays a customer.
        DocumentKind::Erasure if customer.is_none() => (format!("request-{}-erasure", need_request()?), format),
        DocumentKind::Erasure => (format!("erasure-{}", reg.customer(need_customer()?).await?.pseudonym), format),
        DocumentKind::Sweep => {
            (format!("sweep-{}", sweep.ok_or_else(|| from_page("sweep", "a summary is of a sweep"))?), format)
        }
    };
    let (label, ext) = match format {
        Format::Pdf => ("PDF", "pdf"),
        Format::Json => ("JSON", "json"),
    };
    let Some(path) = save_path(&app, &format!("{name}.{ext}"), label, ext)? else {
        return Ok(None);
    };
    let g = match kind {
        DocumentKind::Access => reg.access_report(need_customer()?, language, request, format).await?,
        DocumentKind::Portability => reg.portability_export(need_customer()?, request).await?,
        DocumentKind::Receipt => reg.request_receipt(need_request()?, language, format).await?,
        DocumentKind::Notice => reg.request_notice(need_request()?, language, format).await?,
        DocumentKind::Erasure if customer.is_none() => {
            reg.part_erasure_confirmation(need_request()?, language, format).await?
        }
        // Made from what the register kept of the erasure: right after it, or at any later time.
        DocumentKind::Erasure => reg.erasure_confirmation_again(need_customer()?, format, request).await?,
        DocumentKind::Sweep => {
            reg.sweep_summary(positive(sweep.unwrap_or_default(), "sweep")?, language, format).await?
        }
        DocumentKind::Processing => reg.processing_records(language, format).await?,
        DocumentKind::Breaches => reg.breach_record(language, format).await?,
        DocumentKind::BreachLetter => reg.breach_letter(need_breach()?, customer, language, format).await?,
    };
    kundvakt_core::files::write_whole(&path, &g.bytes)?;
    Ok(Some(path.display().to_string()))
}

/// The privacy notice (Art. 13, 14), saved where the user chooses: PDF to
/// hand out, HTML for the web shop's privacy page; `None` when the dialog
/// was cancelled.
#[tauri::command]
pub async fn privacy_notice_save(
    app: AppHandle,
    reg: State<'_, Register>,
    format: NoticeFormat,
    language: Option<Language>,
) -> CmdResult<Option<String>> {
    let (label, ext) = match format {
        NoticeFormat::Pdf => ("PDF", "pdf"),
        NoticeFormat::Html => ("HTML", "html"),
    };
    let name = format!("privacy-notice-{}.{ext}", language.unwrap_or(reg.settings().await?.language()));
    let Some(path) = save_path(&app, &name, label, ext)? else { return Ok(None) };
    reg.save_privacy_notice(language, format, &path).await?;
    Ok(Some(path.display().to_string()))
}

/// When what the privacy notice is made from last changed, and whether the
/// notice saved last says it as it stands.
#[tauri::command]
pub async fn privacy_notice_state(reg: State<'_, Register>) -> CmdResult<NoticeState> {
    Ok(reg.privacy_notice_state().await?)
}

/// The end-to-end tests cannot click in a native dialog: with
/// `KUNDVAKT_TEST_SAVE_DIR` or `KUNDVAKT_TEST_OPEN_FILE` set, the dialogs
/// answer with that folder or file instead of opening.
fn test_dialog(var: &str) -> Option<std::path::PathBuf> {
    std::env::var_os(var).map(std::path::PathBuf::from)
}

/// Where to save a file, asked in the native save dialog; `None` when cancelled.
pub(super) fn save_path(app: &AppHandle, name: &str, label: &str, ext: &str) -> CmdResult<Option<std::path::PathBuf>> {
    if let Some(dir) = test_dialog("KUNDVAKT_TEST_SAVE_DIR") {
        return Ok(Some(dir.join(name)));
    }
    let Some(path) = app.dialog().file().set_file_name(name).add_filter(label, &[ext]).blocking_save_file() else {
        return Ok(None);
    };
    Ok(Some(path.into_path().map_err(|e| from_page("path", &e.to_string()))?))
}

/// Which folder to write into, asked in the native dialog; `None` when cancelled.
pub(super) fn folder_path(app: &AppHandle) -> CmdResult<Option<std::path::PathBuf>> {
    if let Some(dir) = test_dialog("KUNDVAKT_TEST_SAVE_DIR") {
        return Ok(Some(dir));
    }
    let Some(path) = app.dialog().file().blocking_pick_folder() else {
        return Ok(None);
    };
    Ok(Some(path.into_path().map_err(|e| from_page("path", &e.to_string()))?))
}

/// Which file to open, asked in the native open dialog; `None` when cancelled.
pub(super) fn open_path(app: &AppHandle, label: &str, exts: &[&str]) -> CmdResult<Option<std::path::PathBuf>> {
    if let Some(file) = test_dialog("KUNDVAKT_TEST_OPEN_FILE") {
        return Ok(Some(file));
    }
    let Some(path) = app.dialog().file().add_filter(label, exts).blocking_pick_file() else {
        return Ok(None);
    };
    Ok(Some(path.into_path().map_err(|e| from_page("path", &e.to_string()))?))
}

#[tauri::command]
pub async fn processor_add(reg: State<'_, Register>, fields: NewProcessor) -> CmdResult<Processor> {
    Ok(reg.add_processor(&fields).await?)
}

#[tauri::command]
pub async fn processor_update(reg: State<'_, Register>, id: i64, fields: NewProcessor) -> CmdResult<Processor> {
    Ok(reg.update_processor(ProcessorId(positive(id, "id")?), &fields).await?)
}

#[tauri::command]
pub async fn processor_remove(reg: State<'_, Register>, id: i64) -> CmdResult<Processor> {
    Ok(reg.remove_processor(ProcessorId(positive(id, "id")?)).await?)
}

/// Changes how a category of data is processed: its purpose (empty: the
/// default text), its legal basis or its source.
#[tauri::command]
pub async fn category_change(
    reg: State<'_, Register>,
    code: Category,
    changes: CategoryChanges,
) -> CmdResult<CategoryProcessing> {
    Ok(reg.change_category(code, &changes).await?)
}

#[tauri::command]
pub async fn assessment_add(reg: State<'_, Register>, fields: NewAssessment) -> CmdResult<Assessment> {
    Ok(reg.add_assessment(&fields).await?)
}

#[tauri::command]
pub async fn assessment_update(reg: State<'_, Register>, id: i64, fields: NewAssessment) -> CmdResult<Assessment> {
    Ok(reg.update_assessment(AssessmentId(positive(id, "id")?), &fields).await?)
}

#[tauri::command]
pub async fn assessment_remove(reg: State<'_, Register>, id: i64) -> CmdResult<Assessment> {
    Ok(reg.remove_assessment(AssessmentId(positive(id, "id")?)).await?)
}
