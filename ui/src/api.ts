// The one module that talks to the backend: every Tauri command, typed with
// the types generated from Rust (generated/app-types.ts).
import { invoke } from "@tauri-apps/api/core";
import { listen, type UnlistenFn } from "@tauri-apps/api/event";
import type {
  AccessReport,
  AppInfo,
  Backups,
  Catalogue,
  CommandError,
  Customer,
  CustomerInput,
  CustomerPage,
  DemoSummary,
  DocumentKind,
  NewProcessor,
  OrderStatus,
  Processor,
  DueReport,
  Consent,
  EventRegistration,
  Hold,
  HoldView,
  Interaction,
  InteractionChanges,
  Invoice,
  InvoiceDraft,
  LoggedBackup,
  Order,
  OrderDraft,
  OrderTotals,
  Verification,
  NewConsent,
  NewEventRegistration,
  RecordKind,
  RegistrationStatus,
  NewInteraction,
  ErasurePlan,
  Restriction,
  RestrictionGround,
  SweepDone,
  ExportFormat,
  ExportSummary,
  Field,
  ImportFormat,
  ImportKind,
  ImportReport,
  SweepPreview,
  Format,
  Language,
  Page,
  Progress,
  RequestKind,
  RequestView,
  Step,
} from "./generated/app-types";

export type { CommandError };

export function isCommandError(e: unknown): e is CommandError {
  return typeof e === "object" && e !== null && "code" in e && "message" in e;
}

export const api = {
  registerLocked: () => invoke<string | null>("register_locked"),
  registerUnlock: (passphrase: string) => invoke<void>("register_unlock", { passphrase }),
  appInfo: () => invoke<AppInfo>("app_info"),
  customersList: (offset: number, limit: number) => invoke<Page>("customers_list", { offset, limit }),
  customersSearch: (query: string, limit: number) => invoke<Customer[]>("customers_search", { query, limit }),
  customerPage: (id: number) => invoke<CustomerPage>("customer_page", { id }),
  customerAdd: (input: CustomerInput) => invoke<Customer>("customer_add", { input }),
  customerEdit: (id: number, changes: CustomerInput, expectedVersion: number) =>
    invoke<Customer>("customer_edit", { id, changes, expectedVersion }),
  interactionAdd: (note: NewInteraction) => invoke<Interaction>("interaction_add", { note }),
  interactionClose: (id: number, on: string) => invoke<Interaction>("interaction_close", { id, on }),
  interactionEdit: (id: number, changes: InteractionChanges, expected: Interaction) =>
    invoke<Interaction>("interaction_edit", { id, changes, expected }),
  consentGive: (consent: NewConsent) => invoke<Consent>("consent_give", { consent }),
  backupsList: () => invoke<Backups>("backups_list"),
  backupSave: () => invoke<LoggedBackup | null>("backup_save"),
  orderStatus: (number: string, status: OrderStatus) => invoke<OrderStatus>("order_status", { number, status }),
  auditVerify: () => invoke<Verification>("audit_verify"),
  registerPassphrase: (current: string | null, next: string | null) => invoke<boolean>("register_passphrase", { current, new: next }),
  orderAdd: (order: OrderDraft) => invoke<Order>("order_add", { order }),
  orderTotals: (order: OrderDraft) => invoke<OrderTotals>("order_totals", { order }),
  invoiceAdd: (invoice: InvoiceDraft) => invoke<Invoice>("invoice_add", { invoice }),
  holdsList: () => invoke<HoldView[]>("holds_list"),
  holdAdd: (entity: RecordKind, id: number, reason: string) => invoke<Hold>("hold_add", { entity, id, reason }),
  holdLift: (id: number) => invoke<Hold>("hold_lift", { id }),
  registrationAdd: (registration: NewEventRegistration) => invoke<EventRegistration>("registration_add", { registration }),
  registrationStatus: (id: number, status: RegistrationStatus) => invoke<EventRegistration>("registration_status", { id, status }),
  requestsList: (includeDone: boolean) => invoke<RequestView[]>("requests_list", { includeDone }),
  requestOpen: (customer: number, kind: RequestKind) => invoke<RequestView>("request_open", { customer, kind }),
  requestStep: (id: number, step: Step) => invoke<RequestView>("request_step", { id, step }),
  retentionDue: (asOf: string | null) => invoke<DueReport>("retention_due", { asOf }),
  settingsGet: () => invoke<Record<string, string>>("settings_get"),
  settingsSet: (key: string, value: string) => invoke<string>("settings_set", { key, value }),
  catalogueGet: () => invoke<Catalogue>("catalogue_get"),
  demoCreate: () => invoke<DemoSummary>("demo_create"),
  reportPreview: (customer: number, language: Language | null) => invoke<AccessReport>("report_preview", { customer, language }),
  documentSave: (kind: DocumentKind, ids: { customer?: number; request?: number; sweep?: number }, format: Format, language: Language | null) =>
    invoke<string | null>("document_save", {
      choice: { kind, customer: ids.customer ?? null, request: ids.request ?? null, sweep: ids.sweep ?? null, format, language },
    }),
  erasurePreview: (customer: number, request: number | null) => invoke<ErasurePlan>("erasure_preview", { customer, request }),
  customerErase: (customer: number, request: number | null, number: string) =>
    invoke<ErasurePlan>("customer_erase", { customer, request, number }),
  customerRestrict: (customer: number, ground: RestrictionGround, request: number | null, note: string | null) =>
    invoke<Restriction>("customer_restrict", { customer, ground, request, note }),
  customerUnrestrict: (customer: number, notifiedOn: string) => invoke<Restriction>("customer_unrestrict", { customer, notifiedOn }),
  consentWithdraw: (consent: number, request: number | null) => invoke<Consent>("consent_withdraw", { consent, request }),
  sweepPreview: () => invoke<SweepPreview>("sweep_preview"),
  sweepRun: () => invoke<SweepDone>("sweep_run"),
  importChoose: () => invoke<string | null>("import_choose"),
  importPreview: (kind: ImportKind, format: ImportFormat | null, map: [string, Field | null][]) =>
    invoke<ImportReport>("import_preview", { kind, format, map }),
  importRun: (kind: ImportKind, format: ImportFormat | null, map: [string, Field | null][], skipInvalid: boolean) =>
    invoke<ImportReport>("import_run", { kind, format, map, skipInvalid }),
  importCancel: () => invoke<null>("import_cancel"),
  fiscalYear: (year: number) => invoke<[string, string]>("fiscal_year", { year }),
  exportSave: (from: string, to: string, format: ExportFormat, decimalComma: boolean) =>
    invoke<ExportSummary | null>("export_save", { from, to, format, decimalComma }),
  processorAdd: (fields: NewProcessor) => invoke<Processor>("processor_add", { fields }),
  processorUpdate: (id: number, fields: NewProcessor) => invoke<Processor>("processor_update", { id, fields }),
  processorRemove: (id: number) => invoke<Processor>("processor_remove", { id }),
  onProgress: (handler: (p: Progress) => void): Promise<UnlistenFn> =>
    listen<Progress>("progress", (event) => handler(event.payload)),
};
