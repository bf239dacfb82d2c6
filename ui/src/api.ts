// The one module that talks to the backend: every Tauri command, typed with
// the types generated from Rust (generated/app-types.ts).
import { invoke as send, type InvokeArgs } from "@tauri-apps/api/core";
import { listen, type UnlistenFn } from "@tauri-apps/api/event";
import type {
  AccessReport,
  ConsentListSummary,
  ConsentPurpose,
  Assessment,
  AppInfo,
  Backups,
  BreachStep,
  BreachView,
  Catalogue,
  SettingProblem,
  SettingChange,
  YearsShown,
  Category,
  CategoryChanges,
  CategoryProcessing,
  Channel,
  CommandError,
  ConcernChange,
  ConcernedPage,
  Customer,
  CustomerInput,
  CustomerPage,
  DemoSummary,
  DocumentKind,
  Found,
  NewAssessment,
  NewBreach,
  NewProcessor,
  OrderSheet,
  OrderStatus,
  Processor,
  DueView,
  Consent,
  EventRegistration,
  Hold,
  HoldView,
  LiftedHold,
  Interaction,
  InteractionChanges,
  NoteErasure,
  TrailFileCheck,
  HeldBack,
  SignUpErasure,
  WebActivity,
  WebActivityErasure,
  WebObjection,
  WebEvent,
  Merged,
  MergePlan,
  Unmerged,
  Invoice,
  InvoiceDraft,
  LettersWritten,
  TrailExportSummary,
  TrailPage,
  TrailQuery,
  LoggedBackup,
  Order,
  OrderDraft,
  OrderTotals,
  Series,
  RegisterPlace,
  RestoreReport,
  Verification,
  NewConsent,
  NewEventRegistration,
  RecordKind,
  RequestDetail,
  RegistrationStatus,
  NewInteraction,
  ErasurePlan,
  InformedRecipient,
  Restriction,
  RestrictionGround,
  SweepDone,
  SweepListed,
  ExportFormat,
  ExportSummary,
  InvoiceExportSummary,
  Field,
  ImportFormat,
  ImportKind,
  ImportReport,
  SweepPreview,
  Format,
  NoticeFormat,
  NoticeState,
  Language,
  Page,
  Progress,
  RequestKind,
  RequestView,
  RequestsExportSummary,
  Step,
} from "./generated/app-types";

export type { CommandError };

/** Which customer, request, sweep or breach a document is of (as its kind needs). */
export type DocumentIds = { customer?: number; request?: number; sweep?: number; breach?: number };

// A command still running when the same one, with the same arguments, is sent
// again: a double click on Save, Enter pressed twice. The second gets the first's
// answer instead of running again: one order, one note, one voucher number taken.
const running = new Map<string, Promise<unknown>>();

function invoke<T>(command: string, args?: InvokeArgs): Promise<T> {
  // Every command's arguments are JSON; bytes would all look alike as such.
  if (args instanceof ArrayBuffer || ArrayBuffer.isView(args)) return send<T>(command, args);
  const key = `${command} ${JSON.stringify(args ?? {})}`;
  const same = running.get(key);
  if (same) return same as Promise<T>;
  const answer = send<T>(command, args).finally(() => running.delete(key));
  running.set(key, answer);
  return answer;
}

export function isCommandError(e: unknown): e is CommandError {
  return typeof e === "object" && e !== null && "code" in e && "message" in e;
}

export const api = {
  registerLocked: () => invoke<string | null>("register_locked"),
  registerUnlock: (passphrase: string) => invoke<void>("register_unlock", { passphrase }),
  appInfo: () => invoke<AppInfo>("app_info"),
  customersList: (offset: number, limit: number) => invoke<Page>("customers_list", { offset, limit }),
  customersListVersion: () => invoke<number>("customers_list_version"),
  customersSearch: (query: string, limit: number) => invoke<Customer[]>("customers_search", { query, limit }),
  customersLookUp: (query: string, limit: number) => invoke<Found>("customers_look_up", { query, limit }),
  customerPage: (id: number) => invoke<CustomerPage>("customer_page", { id }),
  customerFind: (reference: string) => invoke<Customer>("customer_find", { reference }),
  customerAdd: (input: CustomerInput) => invoke<Customer>("customer_add", { input }),
  customerEdit: (id: number, changes: CustomerInput, expectedVersion: number, request: number | null) =>
    invoke<Customer>("customer_edit", { id, changes, expectedVersion, request }),
  customerMergePreview: (keep: number, other: number) => invoke<MergePlan>("customer_merge_preview", { keep, other }),
  customerMerge: (keep: number, other: number) => invoke<Merged>("customer_merge", { keep, other }),
  customerUnmerge: (merged: number) => invoke<Unmerged>("customer_unmerge", { merged }),
  customerUnmergePreview: (merged: number) => invoke<Unmerged>("customer_unmerge_preview", { merged }),
  shopNumberAdd: (id: number, number: string) => invoke<string[]>("customer_shop_number_add", { id, number }),
  shopNumberRemove: (id: number, number: string) => invoke<string[]>("customer_shop_number_remove", { id, number }),
  interactionAdd: (note: NewInteraction) => invoke<Interaction>("interaction_add", { note }),
  interactionClose: (id: number, on: string) => invoke<Interaction>("interaction_close", { id, on }),
  noteErasurePreview: (id: number, request: number) => invoke<Interaction>("note_erasure_preview", { id, request }),
  noteErase: (id: number, request: number) => invoke<NoteErasure>("note_erase", { id, request }),
  noteHoldBack: (id: number, request: number) => invoke<HeldBack>("note_hold_back", { id, request }),
  interactionMove: (id: number, to: string) => invoke<Interaction>("interaction_move", { id, to }),
  signupErasurePreview: (id: number, request: number) => invoke<EventRegistration>("signup_erasure_preview", { id, request }),
  signupErase: (id: number, request: number) => invoke<SignUpErasure>("signup_erase", { id, request }),
  signupHoldBack: (id: number, request: number) => invoke<HeldBack>("signup_hold_back", { id, request }),
  webErasurePreview: (customer: number, request: number) => invoke<WebActivity>("web_erasure_preview", { customer, request }),
  webErase: (customer: number, request: number) => invoke<WebActivityErasure>("web_erase", { customer, request }),
  webEventErasePreview: (event: number, request: number) => invoke<WebEvent>("web_event_erase_preview", { event, request }),
  webEventErase: (event: number, request: number) => invoke<WebActivityErasure>("web_event_erase", { event, request }),
  webStop: (customer: number, request: number) => invoke<WebObjection>("web_stop", { customer, request }),
  webResume: (customer: number) => invoke<WebObjection>("web_resume", { customer }),
  interactionEdit: (id: number, changes: InteractionChanges, expected: Interaction, request: number | null) =>
    invoke<Interaction>("interaction_edit", { id, changes, expected, request }),
  consentGive: (consent: NewConsent) => invoke<Consent>("consent_give", { consent }),
  backupsList: () => invoke<Backups>("backups_list"),
  backupSave: () => invoke<LoggedBackup | null>("backup_save"),
  orderStatus: (number: string, status: OrderStatus) => invoke<OrderStatus>("order_status", { number, status }),
  orderSheet: (number: string) => invoke<OrderSheet>("order_sheet", { number }),
  auditVerify: () => invoke<Verification>("audit_verify"),
  auditFileCheck: () => invoke<TrailFileCheck | null>("audit_file_check"),
  auditTrail: (query: TrailQuery) => invoke<TrailPage>("audit_trail", { query }),
  auditTrailSave: (query: TrailQuery, language: Language) =>
    invoke<TrailExportSummary | null>("audit_trail_save", { query, language }),
  backupChoose: () => invoke<string | null>("backup_choose"),
  backupRestore: (file: string, passphrase: string | null) => invoke<RestoreReport>("backup_restore", { file, passphrase }),
  registerPassphrase: (current: string | null, next: string | null) => invoke<boolean>("register_passphrase", { current, new: next }),
  registerPlace: () => invoke<RegisterPlace>("register_place"),
  registerShare: (url: string, moveHere: boolean) => invoke<RegisterPlace>("register_share", { url, moveHere }),
  registerLeave: (passphrase: string | null) => invoke<RegisterPlace>("register_leave", { passphrase }),
  registerDeleteCopy: () => invoke<RegisterPlace>("register_delete_copy"),
  orderAdd: (order: OrderDraft) => invoke<Order>("order_add", { order }),
  nextNumber: (series: Series) => invoke<string | null>("next_number", { series }),
  orderTotals: (order: OrderDraft) => invoke<OrderTotals>("order_totals", { order }),
  invoiceAdd: (invoice: InvoiceDraft) => invoke<Invoice>("invoice_add", { invoice }),
  holdsList: () => invoke<HoldView[]>("holds_list"),
  holdAdd: (entity: RecordKind, id: number, reason: string) => invoke<Hold>("hold_add", { entity, id, reason }),
  holdLift: (id: number) => invoke<LiftedHold>("hold_lift", { id }),
  breachesList: (all: boolean) => invoke<BreachView[]>("breaches_list", { all }),
  breachRecord: (breach: NewBreach) => invoke<BreachView>("breach_record", { breach }),
  breachStep: (id: number, step: BreachStep) => invoke<BreachView>("breach_step", { id, step }),
  /** Links the customers typed in `add` (numbers, separated by commas or spaces) and unlinks `remove` (row ids). */
  breachConcern: (id: number, add: string, remove: number[]) => invoke<ConcernChange>("breach_concern", { id, add, remove }),
  /** The first customers the breach concerns (a page the window can draw) and how many in all. */
  breachConcerned: (id: number) => invoke<ConcernedPage>("breach_concerned", { id }),
  /** Links every customer not erased (`everyone`), or unlinks every one; how many the breach concerns now. */
  breachConcernAll: (id: number, everyone: boolean) => invoke<number>("breach_concern_all", { id, everyone }),
  /** A letter to each customer concerned, into a folder picked in the native dialog; null when cancelled. */
  breachLettersSave: (id: number, language: Language | null) => invoke<LettersWritten | null>("breach_letters_save", { id, language }),
  breachLettersCancel: () => invoke<null>("breach_letters_cancel"),
  /** The mailing list (CSV), saved through the native dialog; its path, or null when cancelled. */
  breachRecipientsSave: (id: number) => invoke<string | null>("breach_recipients_save", { id }),
  registrationAdd: (registration: NewEventRegistration) => invoke<EventRegistration>("registration_add", { registration }),
  registrationStatus: (id: number, status: RegistrationStatus) => invoke<EventRegistration>("registration_status", { id, status }),
  requestsList: (includeDone: boolean) => invoke<RequestView[]>("requests_list", { includeDone }),
  requestsSave: (includeDone: boolean, language: Language) =>
    invoke<RequestsExportSummary | null>("requests_save", { includeDone, language }),
  /** A request of `customer`, or, where that is null, of `person`: someone the register has no customer for, as they named themselves. */
  requestOpen: (customer: number | null, kind: RequestKind, received: string, channel: Channel | string, person: string | null = null, personLanguage: Language | null = null) =>
    invoke<RequestView>("request_open", { customer, person, personLanguage, kind, received, channel }),
  requestLink: (id: number, customer: string) => invoke<RequestView>("request_link", { id, customer }),
  requestDetail: (id: number) => invoke<RequestDetail>("request_detail", { id }),
  requestStep: (id: number, step: Step) => invoke<RequestView>("request_step", { id, step }),
  retentionView: (asOf: string | null) => invoke<DueView>("retention_view", { asOf }),
  /** Each retention rule code as a person reads it, in `language`. */
  retentionRuleTexts: (language: Language) => invoke<Record<string, string>>("retention_rule_texts", { language }),
  settingsGet: () => invoke<Record<string, string>>("settings_get"),
  settingsSet: (key: string, value: string) => invoke<string>("settings_set", { key, value }),
  financialYears: () => invoke<YearsShown>("financial_years"),
  settingsProblems: () => invoke<SettingProblem[]>("settings_problems"),
  settingsHistory: () => invoke<SettingChange[]>("settings_history"),
  catalogueGet: () => invoke<Catalogue>("catalogue_get"),
  categoryChange: (code: Category, changes: CategoryChanges) => invoke<CategoryProcessing>("category_change", { code, changes }),
  demoCreate: () => invoke<DemoSummary>("demo_create"),
  reportPreview: (customer: number, language: Language | null) => invoke<AccessReport>("report_preview", { customer, language }),
  reportPastDue: (customer: number, request: number) => invoke<number>("report_past_due", { customer, request }),
  privacyNoticeSave: (format: NoticeFormat, language: Language | null) => invoke<string | null>("privacy_notice_save", { format, language }),
  privacyNoticeState: () => invoke<NoticeState>("privacy_notice_state"),
  documentSave: (kind: DocumentKind, ids: DocumentIds, format: Format, language: Language | null) =>
    invoke<string | null>("document_save", {
      choice: { kind, customer: ids.customer ?? null, request: ids.request ?? null, sweep: ids.sweep ?? null, breach: ids.breach ?? null, format, language },
    }),
  erasurePreview: (customer: number, request: number | null) => invoke<ErasurePlan>("erasure_preview", { customer, request }),
  customerErase: (customer: number, request: number | null, number: string) =>
    invoke<ErasurePlan>("customer_erase", { customer, request, number }),
  customerRecipients: (customer: number, only: Category | null = null) => invoke<InformedRecipient[]>("customer_recipients", { customer, only }),
  customerRestrict: (customer: number, ground: RestrictionGround, request: number | null, note: string | null) =>
    invoke<Restriction>("customer_restrict", { customer, ground, request, note }),
  customerUnrestrict: (customer: number, notifiedOn: string) => invoke<Restriction>("customer_unrestrict", { customer, notifiedOn }),
  consentWithdraw: (consent: number, request: number | null) => invoke<Consent[]>("consent_withdraw", { consent, request }),
  sweepPreview: () => invoke<SweepPreview>("sweep_preview"),
  sweepRun: () => invoke<SweepDone>("sweep_run"),
  sweeps: () => invoke<SweepListed[]>("sweeps"),
  importChoose: () => invoke<string | null>("import_choose"),
  importPreview: (kind: ImportKind, format: ImportFormat | null, map: [string, Field | null][]) =>
    invoke<ImportReport>("import_preview", { kind, format, map }),
  importRun: (kind: ImportKind, format: ImportFormat | null, map: [string, Field | null][], skipInvalid: boolean, language: Language) =>
    invoke<ImportReport>("import_run", { kind, format, map, skipInvalid, language }),
  importCancel: () => invoke<null>("import_cancel"),
  lastFiscalYear: () => invoke<[string, string]>("last_fiscal_year"),
  exportSave: (from: string, to: string, format: ExportFormat, decimalComma: boolean) =>
    invoke<ExportSummary | null>("export_save", { from, to, format, decimalComma }),
  exportInvoicesSave: (from: string, to: string, format: ExportFormat, decimalComma: boolean) =>
    invoke<InvoiceExportSummary | null>("export_invoices_save", { from, to, format, decimalComma }),
  /** The purposes consented to, each with how many consent to it now. */
  consentPurposes: () => invoke<ConsentPurpose[]>("consent_purposes"),
  /** The mailing list of those who consent to `purpose` now (CSV), saved through the native dialog; null when cancelled. */
  consentListSave: (purpose: string) => invoke<ConsentListSummary | null>("consent_list_save", { purpose }),
  processorAdd: (fields: NewProcessor) => invoke<Processor>("processor_add", { fields }),
  processorUpdate: (id: number, fields: NewProcessor) => invoke<Processor>("processor_update", { id, fields }),
  processorRemove: (id: number) => invoke<Processor>("processor_remove", { id }),
  assessmentAdd: (fields: NewAssessment) => invoke<Assessment>("assessment_add", { fields }),
  assessmentUpdate: (id: number, fields: NewAssessment) => invoke<Assessment>("assessment_update", { id, fields }),
  assessmentRemove: (id: number) => invoke<Assessment>("assessment_remove", { id }),
  onProgress: (handler: (p: Progress) => void): Promise<UnlistenFn> =>
    listen<Progress>("progress", (event) => handler(event.payload)),
};
