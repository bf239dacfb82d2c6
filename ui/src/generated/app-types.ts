/* Generated from the Rust types by json-schema-to-typescript (npm run types). Do not edit. */

export type Category =
  | "identity_contact"
  | "purchase_history"
  | "invoices"
  | "communications"
  | "web_activity"
  | "consents"
  | "events"
  | "requests";
export type LegalBasis = "consent" | "contract" | "legal_obligation" | "legitimate_interest";
export type Channel = "meeting" | "phone" | "email" | "letter" | "document" | "web_form";
export type Direction = "inbound" | "outbound";
/**
 * Why a record is still held after its last day. A person told "kept until"
 * a day gone by would read that the shop keeps their data without end;
 * an access report says which it is (Art. 15(1)(d), 5(1)(e)).
 */
export type KeptPast = "due" | "legal_hold" | "restriction" | "request";
/**
 * Why a record is kept with no end date yet.
 */
export type OpenReason = "consent_stands" | "matter_open" | "request_open";
export type Source = "data_subject" | "observed" | "shop";
export type RegistrationStatus = "registered" | "attended" | "cancelled";
export type Language = "sv" | "nb" | "en";
export type CustomerState = "active" | "restricted" | "erased";
export type InvoiceKind = "invoice" | "reminder" | "credit_note";
export type OrderStatus = "placed" | "paid" | "shipped" | "cancelled" | "refunded";
export type RequestKind =
  "access" | "rectification" | "erasure" | "restriction" | "portability" | "objection" | "withdraw_consent";
export type RequestState = "received" | "identity_verified" | "in_progress" | "answered" | "refused" | "closed";
export type Corrected =
  | "number"
  | "name"
  | "email"
  | "phone"
  | "street"
  | "postal_code"
  | "city"
  | "country"
  | "language"
  | "summary"
  | "staff"
  | "channel"
  | "direction"
  | "bookkeeping";
export type ProcessorRole = "processor" | "recipient";
export type Backend = "sqlite" | "postgres";
/**
 * Categories as stored: comma-separated codes in one TEXT column.
 */
export type CategoryList = Category[];
/**
 * A personal data breach's number in the shop's record of breaches.
 */
export type BreachId = number;
export type BreachRisk = "unlikely" | "risk" | "high";
export type BackupPurpose = "manual" | "sweep" | "erasure" | "import" | "restore";
/**
 * A step in a breach's record, as the window and the command line send it.
 */
export type BreachStep =
  | {
      at?: string | null;
      delay_reason?: string | null;
      reference?: string | null;
      step: "notify";
    }
  | {
      at?: string | null;
      how: string;
      step: "inform";
    }
  | {
      categories?: CategoryList | null;
      consequences?: string | null;
      measures?: string | null;
      nature?: string | null;
      people?: number | null;
      risk?: BreachRisk | null;
      step: "update";
    }
  | {
      step: "close";
    };
/**
 * A customer's row id (not the shop's customer number).
 */
export type CustomerId = number;
export type Likeness = "phone" | "name_and_postal_code" | "name_and_city";
export type RestrictionGround = "accuracy_contested" | "unlawful_processing" | "legal_claims" | "objection_pending";
export type Format = "pdf" | "json";
export type DocumentKind =
  "access" | "portability" | "receipt" | "notice" | "erasure" | "processing" | "sweep" | "breaches" | "breach-letter";
export type RecordKind =
  "order" | "invoice" | "customer" | "interaction" | "web_event" | "consent" | "event_registration" | "request";
export type Keeper = "legal_hold" | "restriction" | "request";
/**
 * How a search named an erased customer.
 */
export type ErasedBy = "email" | "number" | "pseudonym" | "voucher";
/**
 * What a kept record's end waits on when it has no date yet.
 */
export type KeptPending = "request_closed" | "hold_lifted";
export type ErasureReason = "request" | "retention" | "manual";
export type ExportFormat = "csv" | "json" | "sie";
export type Field =
  | "customer_number"
  | "name"
  | "first_name"
  | "last_name"
  | "email"
  | "phone"
  | "street"
  | "street2"
  | "postal_code"
  | "city"
  | "country"
  | "language"
  | "email_marketing"
  | "sms_marketing"
  | "order_number"
  | "order_date"
  | "customer_email"
  | "total"
  | "currency"
  | "vat"
  | "shipping"
  | "shipping_tax"
  | "discount"
  | "payment_provider"
  | "payment_reference"
  | "line_description"
  | "line_quantity"
  | "line_unit_price"
  | "line_total"
  | "line_tax"
  | "line_vat_rate"
  | "tax_name"
  | "occurred_at"
  | "ip"
  | "action"
  | "user_agent"
  | "status"
  | "fulfillment";
export type ImportFormat = "generic" | "shopify" | "woocommerce";
export type ImportKind = "customers" | "orders" | "web_events";
export type TextEncoding = "utf-8" | "utf-8-bom" | "windows-1252" | "mac-roman" | "utf-16le" | "utf-16be";
export type NoticeFormat = "pdf" | "html";
/**
 * Which vouchers a series numbers.
 */
export type Series = "orders" | "invoices";
/**
 * One step of the workflow, with what it records. The app sends it as
 * `{"step": "extend", "reason": "..."}`.
 */
export type Step =
  | {
      how?: string | null;
      step: "verify";
    }
  | {
      step: "start";
    }
  | {
      reason: string;
      step: "extend";
    }
  | {
      answer: string;
      step: "answer";
    }
  | {
      reason: string;
      step: "refuse";
    }
  | {
      step: "close";
    };
export type SweepAction = "deleted" | "pseudonymised" | "anonymised";
export type SweepState = "running" | "done" | "abandoned";
export type BreakKind = "missing" | "link" | "edited" | "cut" | "anchor";

/**
 * Every type the window and the commands exchange. Generated from the Rust types; do not edit.
 */
export interface KundvaktApp {
  AccessReport?: AccessReport;
  AppInfo?: AppInfo;
  Backups?: Backups;
  BreachRisk?: BreachRisk;
  BreachStep?: BreachStep;
  BreachView?: BreachView;
  Catalogue?: Catalogue;
  CategoryChanges?: CategoryChanges;
  CommandError?: CommandError;
  ConcernChange?: ConcernChange;
  ConcernedPage?: ConcernedPage;
  Consent?: Consent;
  ConsentListSummary?: ConsentListSummary;
  ConsentPurpose?: ConsentPurpose;
  Customer?: Customer;
  CustomerInput?: CustomerInput;
  CustomerPage?: CustomerPage;
  DemoSummary?: DemoSummary;
  DocumentChoice?: DocumentChoice;
  DocumentKind?: DocumentKind;
  DueView?: DueView;
  ErasedCustomer?: ErasedCustomer;
  ErasurePlan?: ErasurePlan;
  EventRegistration?: EventRegistration;
  ExportFormat?: ExportFormat;
  ExportSummary?: ExportSummary;
  Field?: Field;
  Format?: Format;
  Found?: Found;
  HeldBack?: HeldBack;
  Hold?: Hold;
  HoldView?: HoldView;
  ImportFormat?: ImportFormat;
  ImportKind?: ImportKind;
  ImportReport?: ImportReport;
  InformedRecipient?: InformedRecipient;
  Interaction?: Interaction;
  InteractionChanges?: InteractionChanges;
  InvoiceDraft?: InvoiceDraft;
  InvoiceExportSummary?: InvoiceExportSummary;
  InvoiceKind?: InvoiceKind;
  Language?: Language;
  LettersWritten?: LettersWritten;
  LiftedHold?: LiftedHold;
  LoggedBackup?: LoggedBackup;
  MergePlan?: MergePlan;
  Merged?: Merged;
  NewAssessment?: NewAssessment;
  NewBreach?: NewBreach;
  NewConsent?: NewConsent;
  NewEventRegistration?: NewEventRegistration;
  NewInteraction?: NewInteraction;
  NewProcessor?: NewProcessor;
  NoteErasure?: NoteErasure;
  NoticeFormat?: NoticeFormat;
  NoticeState?: NoticeState;
  OrderDraft?: OrderDraft;
  OrderSheet?: OrderSheet;
  OrderStatus?: OrderStatus;
  OrderTotals?: OrderTotals;
  Page?: Page;
  Progress?: Progress;
  RecordKind?: RecordKind;
  RegisterPlace?: RegisterPlace;
  RegistrationStatus?: RegistrationStatus;
  RequestDetail?: RequestDetail;
  RequestKind?: RequestKind;
  RequestView?: RequestView;
  RequestsExportSummary?: RequestsExportSummary;
  RestoreReport?: RestoreReport;
  Restriction?: Restriction;
  RestrictionGround?: RestrictionGround;
  Series?: Series;
  SettingChange?: SettingChange;
  SettingProblem?: SettingProblem;
  SignUpErasure?: SignUpErasure;
  Step?: Step;
  SweepDone?: SweepDone;
  SweepListed?: SweepListed;
  SweepPreview?: SweepPreview;
  TrailExportSummary?: TrailExportSummary;
  TrailFileCheck?: TrailFileCheck;
  TrailPage?: TrailPage;
  TrailQuery?: TrailQuery;
  Unmerged?: Unmerged;
  Verification?: Verification;
  WebActivity?: WebActivity;
  WebActivityErasure?: WebActivityErasure;
  WebObjection?: WebObjection;
  YearsShown?: YearsShown;
}
/**
 * The access report: everything held about one customer, and the processing
 * information of Art. 15(1).
 */
export interface AccessReport {
  audit_head: AuditHead;
  automated_decision_making: AutomatedDecisions;
  /**
   * The personal data breaches the shop recorded as concerning the
   * customer (Art. 33, 34): that their data was breached is itself data
   * about them. Left out when there are none.
   */
  breaches?: BreachConcerning[];
  categories: AccessCategories;
  controller: Controller;
  /**
   * The values that corrections of the customer's data replaced, which
   * the audit trail keeps (Art. 16; PRODUCT.md section 4): data held about
   * them, so told (Art. 15(1)). Left out when there are none.
   */
  corrections?: CorrectionRecord[];
  customer_number: string;
  generated_at: string;
  language: Language;
  /**
   * The customers found to be the same person and merged into this one
   * (register/merge.rs): the data in this report includes theirs, which
   * the person may wonder at otherwise (Art. 15(1), 5(1)(a)). Left out
   * when there are none.
   */
  merged?: MergedCustomer[];
  recipients: RecipientInfo[];
  request?: RequestRef | null;
  rights: RightInfo[];
  /**
   * Always "kundvakt/access-report".
   */
  schema: string;
  schema_version: number;
  supervisory_authority: Authority;
  /**
   * The day, on the shop's clock, since which the shop no longer records
   * the customer's web activity, for their objection (Art. 21(1)). Left
   * out while it is recorded.
   */
  web_activity_stopped?: string | null;
}
export interface AuditHead {
  /**
   * Its hash: later tampering with the trail before this point is detectable.
   */
  hash: string;
  /**
   * The audit trail's last entry when the document was made.
   */
  seq: number;
}
export interface AutomatedDecisions {
  text: string;
  /**
   * Art. 15(1)(h): whether decisions based solely on automated processing, or profiling, take place.
   */
  used: boolean;
}
/**
 * A breach as the access report tells the customer of it: what the letter
 * of Art. 34(2) says, and when they were told.
 */
export interface BreachConcerning {
  /**
   * When the shop became aware of it.
   */
  aware_at: string;
  categories: Category[];
  consequences: string;
  /**
   * The breach's number in the shop's record.
   */
  id: number;
  /**
   * When the people concerned were told, where the record says.
   */
  informed_at?: string | null;
  measures: string;
  nature: string;
}
export interface AccessCategories {
  communications: SectionOfInteractionRecord;
  consents: SectionOfConsentRecord;
  events: SectionOfEventRecord;
  identity_contact: SectionOfIdentityRecord;
  invoices: SectionOfInvoiceRecord;
  purchase_history: SectionOfOrderRecord;
  requests: SectionOfRequestRecord;
  web_activity: SectionOfWebEventRecord;
}
/**
 * One category: the data, and how and why it is processed (Art. 15(1)(a)-(g)).
 */
export interface SectionOfInteractionRecord {
  category: Category;
  legal_basis: LegalBasis;
  legal_basis_text: string;
  /**
   * Where the basis is the shop's legitimate interest: that interest, as
   * each assessment covering the category states it (Art. 13(1)(d),
   * 14(2)(b)); empty otherwise.
   */
  legitimate_interests: string[];
  purpose: string;
  recipients: string[];
  records: InteractionRecord[];
  retention_text: string;
  source: Source;
  source_text: string;
  title: string;
  transfers_outside_eea: Transfer[];
}
/**
 * A note of a contact. The staff member's name is left out: it is another
 * person's data (Art. 15(4)).
 */
export interface InteractionRecord {
  channel: Channel;
  closed_on?: string | null;
  direction: Direction;
  retention: Retention;
  summary: string;
  time: string;
}
/**
 * A record's retention: until when (if a date follows yet) and why.
 */
export interface Retention {
  /**
   * In a document, where `retain_until` had passed on the day it was
   * made: whether the record waits to be deleted, or what keeps it.
   * Left out otherwise (and everywhere but in documents).
   */
  kept_past?: KeptPast | null;
  /**
   * Why there is no date yet, when there is none.
   */
  open_reason?: OpenReason | null;
  /**
   * The last day the record is kept; `None` while it is kept for an open-ended reason.
   */
  retain_until?: string | null;
  /**
   * A stable short name of the rule, such as `SE BFL 7:2` or `setting retention.web_event_months`.
   */
  rule: string;
}
export interface Transfer {
  country: string;
  recipient: string;
  safeguards?: string | null;
}
/**
 * One category: the data, and how and why it is processed (Art. 15(1)(a)-(g)).
 */
export interface SectionOfConsentRecord {
  category: Category;
  legal_basis: LegalBasis;
  legal_basis_text: string;
  /**
   * Where the basis is the shop's legitimate interest: that interest, as
   * each assessment covering the category states it (Art. 13(1)(d),
   * 14(2)(b)); empty otherwise.
   */
  legitimate_interests: string[];
  purpose: string;
  recipients: string[];
  records: ConsentRecord[];
  retention_text: string;
  source: Source;
  source_text: string;
  title: string;
  transfers_outside_eea: Transfer[];
}
export interface ConsentRecord {
  channel: string;
  given_at: string;
  purpose: string;
  /**
   * Where the person agreed again since, to a new wording, and this
   * consent is not withdrawn: the consent in force now.
   */
  replaced_by?: ConsentReplacement | null;
  retention: Retention;
  text_version: string;
  withdrawn_at?: string | null;
}
/**
 * The later consent to the same purpose that is in force in an earlier one's stead.
 */
export interface ConsentReplacement {
  given_at: string;
  text_version: string;
}
/**
 * One category: the data, and how and why it is processed (Art. 15(1)(a)-(g)).
 */
export interface SectionOfEventRecord {
  category: Category;
  legal_basis: LegalBasis;
  legal_basis_text: string;
  /**
   * Where the basis is the shop's legitimate interest: that interest, as
   * each assessment covering the category states it (Art. 13(1)(d),
   * 14(2)(b)); empty otherwise.
   */
  legitimate_interests: string[];
  purpose: string;
  recipients: string[];
  records: EventRecord[];
  retention_text: string;
  source: Source;
  source_text: string;
  title: string;
  transfers_outside_eea: Transfer[];
}
export interface EventRecord {
  date: string;
  event: string;
  retention: Retention;
  status: RegistrationStatus;
}
/**
 * One category: the data, and how and why it is processed (Art. 15(1)(a)-(g)).
 */
export interface SectionOfIdentityRecord {
  category: Category;
  legal_basis: LegalBasis;
  legal_basis_text: string;
  /**
   * Where the basis is the shop's legitimate interest: that interest, as
   * each assessment covering the category states it (Art. 13(1)(d),
   * 14(2)(b)); empty otherwise.
   */
  legitimate_interests: string[];
  purpose: string;
  recipients: string[];
  records: IdentityRecord[];
  retention_text: string;
  source: Source;
  source_text: string;
  title: string;
  transfers_outside_eea: Transfer[];
}
/**
 * The customer's record: their numbers, details, and how long they are kept.
 */
export interface IdentityRecord {
  city?: string | null;
  country?: string | null;
  customer_number: string;
  customer_since: string;
  email?: string | null;
  language: Language;
  last_activity: string;
  name?: string | null;
  phone?: string | null;
  postal_code?: string | null;
  retention: Retention;
  /**
   * The web shop's other numbers for the customer: the ids its files name
   * them by where the register gives them another number.
   */
  shop_numbers: string[];
  state: CustomerState;
  street?: string | null;
}
/**
 * One category: the data, and how and why it is processed (Art. 15(1)(a)-(g)).
 */
export interface SectionOfInvoiceRecord {
  category: Category;
  legal_basis: LegalBasis;
  legal_basis_text: string;
  /**
   * Where the basis is the shop's legitimate interest: that interest, as
   * each assessment covering the category states it (Art. 13(1)(d),
   * 14(2)(b)); empty otherwise.
   */
  legitimate_interests: string[];
  purpose: string;
  recipients: string[];
  records: InvoiceRecord[];
  retention_text: string;
  source: Source;
  source_text: string;
  title: string;
  transfers_outside_eea: Transfer[];
}
export interface InvoiceRecord {
  /**
   * Negative for a credit note.
   */
  amount: Money;
  /**
   * A credit note's: the number of the invoice it credits.
   */
  credits?: string | null;
  due?: string | null;
  issued: string;
  kind: InvoiceKind;
  number: string;
  order_number?: string | null;
  retention: Retention;
}
/**
 * An amount as a decimal string with a point, and its ISO 4217 currency; never a float.
 */
export interface Money {
  amount: string;
  currency: string;
}
/**
 * One category: the data, and how and why it is processed (Art. 15(1)(a)-(g)).
 */
export interface SectionOfOrderRecord {
  category: Category;
  legal_basis: LegalBasis;
  legal_basis_text: string;
  /**
   * Where the basis is the shop's legitimate interest: that interest, as
   * each assessment covering the category states it (Art. 13(1)(d),
   * 14(2)(b)); empty otherwise.
   */
  legitimate_interests: string[];
  purpose: string;
  recipients: string[];
  records: OrderRecord[];
  retention_text: string;
  source: Source;
  source_text: string;
  title: string;
  transfers_outside_eea: Transfer[];
}
export interface OrderRecord {
  date: string;
  lines: OrderLineRecord[];
  number: string;
  payment_provider?: string | null;
  payment_reference?: string | null;
  /**
   * Kept only for the bookkeeping obligation (Art. 18).
   */
  restricted: boolean;
  retention: Retention;
  status: OrderStatus;
  total: Money;
  vat: Money;
}
export interface OrderLineRecord {
  description: string;
  quantity: number;
  unit_price: Money;
  /**
   * VAT rate in percent, as a decimal string ("25.00").
   */
  vat_rate: string;
}
/**
 * One category: the data, and how and why it is processed (Art. 15(1)(a)-(g)).
 */
export interface SectionOfRequestRecord {
  category: Category;
  legal_basis: LegalBasis;
  legal_basis_text: string;
  /**
   * Where the basis is the shop's legitimate interest: that interest, as
   * each assessment covering the category states it (Art. 13(1)(d),
   * 14(2)(b)); empty otherwise.
   */
  legitimate_interests: string[];
  purpose: string;
  recipients: string[];
  records: RequestRecord[];
  retention_text: string;
  source: Source;
  source_text: string;
  title: string;
  transfers_outside_eea: Transfer[];
}
export interface RequestRecord {
  answered_on?: string | null;
  due_date: string;
  id: number;
  kind: RequestKind;
  received: string;
  retention: Retention;
  state: RequestState;
}
/**
 * One category: the data, and how and why it is processed (Art. 15(1)(a)-(g)).
 */
export interface SectionOfWebEventRecord {
  category: Category;
  legal_basis: LegalBasis;
  legal_basis_text: string;
  /**
   * Where the basis is the shop's legitimate interest: that interest, as
   * each assessment covering the category states it (Art. 13(1)(d),
   * 14(2)(b)); empty otherwise.
   */
  legitimate_interests: string[];
  purpose: string;
  recipients: string[];
  records: WebEventRecord[];
  retention_text: string;
  source: Source;
  source_text: string;
  title: string;
  transfers_outside_eea: Transfer[];
}
export interface WebEventRecord {
  action: string;
  ip_address: string;
  retention: Retention;
  time: string;
  user_agent?: string | null;
}
export interface Controller {
  address: string;
  email: string;
  name: string;
  org_number: string;
  phone: string;
  website: string;
}
/**
 * One part of the customer's data as it was before a correction.
 */
export interface CorrectionRecord {
  after?: string | null;
  /**
   * As stored: a country or language by its code, a note's channel and
   * direction by their names, its kind as `"true"` or `"false"`; `None`
   * where the part was empty.
   */
  before?: string | null;
  corrected_at: string;
  field: Corrected;
  /**
   * The time of the contact whose note was corrected; `None` for the
   * customer's own details.
   */
  note_time?: string | null;
}
/**
 * A customer merged into the one the report is about.
 */
export interface MergedCustomer {
  customer_number: string;
  /**
   * The merged customer's details as they were at the merge, which the
   * shop keeps beside it while the merge may be undone
   * (register/unmerge.rs): data held about the person (Art. 15(1)).
   * Left out once they are forgotten.
   */
  kept_to_undo?: KeptToUndo | null;
  /**
   * The day of the merge, on the shop's clock.
   */
  merged_on: string;
}
/**
 * A merged customer's details, kept so that a merge of two people can be undone.
 */
export interface KeptToUndo {
  city?: string | null;
  country?: string | null;
  email?: string | null;
  language: Language;
  name?: string | null;
  phone?: string | null;
  postal_code?: string | null;
  street?: string | null;
  /**
   * The last day they are kept, on the shop's clock.
   */
  until: string;
}
export interface RecipientInfo {
  categories: Category[];
  country: string;
  name: string;
  outside_eea: boolean;
  purpose: string;
  role: ProcessorRole;
  safeguards?: string | null;
}
export interface RequestRef {
  due_date: string;
  id: number;
  kind: RequestKind;
  received: string;
}
export interface RightInfo {
  article: string;
  right: string;
  text: string;
}
export interface Authority {
  address: string;
  name: string;
}
/**
 * What the window shows about the register it has open.
 */
export interface AppInfo {
  /**
   * The supervisory authority a breach is notified to (the settings', or
   * the shop country's), named in the shop's language, and its address.
   */
  authority: string;
  authority_address: string;
  backend: Backend;
  /**
   * The open breach whose notification is owed soonest (Art. 33(1)'s 72
   * hours), said on every screen as it is drawn.
   */
  breach_owed?: BreachView | null;
  /**
   * The setting the shop must fill in before the documents it gives
   * people say who it is and how to reach it (`controller.name`, or
   * `controller.email` for a way to reach it); `None` when they do.
   */
  controller_gap?: string | null;
  /**
   * The choices of a customer's or a processor's country.
   */
  countries: CountryChoice[];
  country: string;
  /**
   * The currency of the shop's country: a new order's, unless changed.
   */
  currency: string;
  customers: number;
  /**
   * Whether the register's file is encrypted at rest (SQLite only).
   */
  encrypted: boolean;
  language: Language;
  register: string;
  /**
   * Open data-subject requests past their deadline, and those due within
   * seven days (Art. 12(3)): said on every screen as it is drawn.
   */
  requests_late: number;
  requests_soon: number;
  /**
   * The shop's time zone (IANA name): the window shows times on its clock.
   */
  time_zone: string;
  today: string;
  /**
   * The country's standard VAT rate in per cent: a new order line's, unless changed.
   */
  vat_rate: string;
  version: string;
}
/**
 * A breach as lists and scripts see it at a moment.
 */
export interface BreachView {
  /**
   * The authority's reference for the notification, where it gave one.
   */
  authority_reference?: string | null;
  /**
   * When the shop became aware of the breach: the 72 hours run from here.
   */
  aware_at: string;
  /**
   * The categories of the register's data concerned (Art. 33(3)(a)).
   */
  categories: CategoryList;
  closed_at?: string | null;
  /**
   * How many customers the record links to the breach (the people known by name).
   */
  concerned: number;
  /**
   * Its likely consequences for them (Art. 33(3)(c)).
   */
  consequences: string;
  /**
   * Why the notification came after the 72 hours (Art. 33(1)).
   */
  delay_reason?: string | null;
  /**
   * Whole hours left to notify the authority (negative when late, counted
   * toward zero); null when no notification is owed or it was made.
   */
  hours_left?: number | null;
  id: BreachId;
  /**
   * The people concerned are still to be told (Art. 34).
   */
  inform_owed: boolean;
  /**
   * When the people concerned were told, or it was decided they need not be (Art. 34).
   */
  informed_at?: string | null;
  /**
   * How they were told, or why not (Art. 34(2), (3)).
   */
  informed_how?: string | null;
  /**
   * What was done or is proposed to deal with it and limit its effects (Art. 33(3)(d)).
   */
  measures: string;
  /**
   * What happened (Art. 33(3)(a)): the nature of the breach.
   */
  nature: string;
  /**
   * When the supervisory authority was notified.
   */
  notified_at?: string | null;
  notify_by: string;
  /**
   * A notification is owed and the 72 hours are over.
   */
  overdue: boolean;
  /**
   * About how many people are concerned, where known (Art. 33(3)(a)).
   */
  people?: number | null;
  recorded_at: string;
  recorded_by: string;
  risk: BreachRisk;
}
/**
 * A country a form offers; the window names it in its own language.
 */
export interface CountryChoice {
  /**
   * ISO 3166-1 alpha-2.
   */
  code: string;
  /**
   * Inside the EEA: a recipient elsewhere is a transfer to a third country.
   */
  eea: boolean;
}
/**
 * The backups of a register: where the automatic ones go and how many are
 * kept, those in the folder now, and the ones made by hand (logged in the
 * register with their audit head).
 */
export interface Backups {
  /**
   * Newest first.
   */
  automatic: AutomaticBackup[];
  /**
   * Whether the register is encrypted, and so its copies, which a restore
   * opens with its passphrase (one made under an earlier passphrase asks
   * for that). Told here too, for a register too damaged to say more.
   */
  encrypted: boolean;
  /**
   * `None` when automatic backups are off (`backup.keep` 0) or have no
   * folder (a PostgreSQL register without `backup.folder`).
   */
  folder?: string | null;
  keep: number;
  /**
   * Newest first.
   */
  manual: LoggedBackup[];
}
/**
 * An automatic backup in the backup folder, as its file name records it.
 */
export interface AutomaticBackup {
  file: string;
  made_at: string;
  /**
   * The operation it was made before.
   */
  purpose: BackupPurpose;
}
/**
 * One backup of the register, as its log records it.
 */
export interface LoggedBackup {
  audit_hash: string;
  audit_seq: number;
  encrypted: boolean;
  file: string;
  made_at: string;
  made_by: string;
  purpose: string;
}
/**
 * The whole catalogue, as `processing show` and the documents read it.
 */
export interface Catalogue {
  assessments: Assessment[];
  categories: CategoryProcessing[];
  processors: Processor[];
  /**
   * The categories resting on legitimate interest that no assessment
   * covers: processing the shop cannot show it weighed (Art. 6(1)(f),
   * 5(2)). Empty when every one is covered.
   */
  unassessed: Category[];
}
/**
 * A documented legitimate-interest assessment (Art. 6(1)(f)).
 */
export interface Assessment {
  assessed_on: string;
  /**
   * Who made the assessment.
   */
  author: string;
  /**
   * The people's interests, rights and expectations weighed against it.
   */
  balancing: string;
  /**
   * The categories of data the processing concerns: those whose legal
   * basis this assessment documents.
   */
  categories: CategoryList;
  id: number;
  /**
   * The shop's interest in that processing.
   */
  interest: string;
  /**
   * Why the processing is needed for the interest, and nothing less would do.
   */
  necessity: string;
  /**
   * What the shop concluded, with the limits it set.
   */
  outcome: string;
  /**
   * The processing it concerns, such as keeping notes of calls.
   */
  purpose: string;
}
/**
 * One row of the catalogue: a category and how it is processed.
 */
export interface CategoryProcessing {
  code: Category;
  legal_basis: LegalBasis;
  /**
   * The shop's own wording; `None` means the translated default text.
   */
  purpose?: string | null;
  source: Source;
}
/**
 * A processor or recipient of personal data.
 */
export interface Processor {
  agreement_date?: string | null;
  /**
   * The categories of data it receives.
   */
  categories: CategoryList;
  /**
   * ISO 3166 alpha-2 of where it is established.
   */
  country: string;
  id: number;
  name: string;
  /**
   * Whether data goes outside the EU/EEA (Art. 44).
   */
  outside_eea: boolean;
  purpose: string;
  role: ProcessorRole;
  /**
   * Art. 46 safeguards where data leaves the EU/EEA.
   */
  safeguards?: string | null;
}
/**
 * Changes to a category's processing: `None` leaves a field as it is; an empty
 * purpose returns to the translated default text.
 */
export interface CategoryChanges {
  legal_basis?: LegalBasis | null;
  purpose?: string | null;
  source?: Source | null;
}
export interface CommandError {
  /**
   * The other fields found wrong with `field` (a customer's), each with
   * its message, for the page to show them all at once.
   */
  also: FieldProblem[];
  code: string;
  /**
   * The same for the page to translate; absent where only technical
   * detail follows the code's own sentence (a path, the system's words).
   */
  detail?: Message | null;
  field?: string | null;
  /**
   * In English, as the command line would say it.
   */
  message: string;
}
export interface FieldProblem {
  detail: Message;
  field: string;
}
/**
 * A message by its key in the translations, with the values it names.
 */
export interface Message {
  /**
   * The message's arguments by name, each as text.
   */
  args: {
    [k: string]: string;
  };
  /**
   * A `msg-` key of `locales/*.ftl`.
   */
  key: string;
}
/**
 * What a change in whom a breach concerns did.
 */
export interface ConcernChange {
  /**
   * The customer numbers linked now that were not before.
   */
  added: string[];
  /**
   * How many customers the breach concerns now.
   */
  concerned: number;
  /**
   * The customer numbers no longer linked.
   */
  removed: string[];
}
/**
 * The first customers a breach concerns, by number, and how many it concerns in all.
 */
export interface ConcernedPage {
  customers: Customer[];
  total: number;
}
/**
 * A customer as the register holds them. Every field but the number, language,
 * times, state and pseudonym is personal data of the identity-and-contact category.
 */
export interface Customer {
  city?: string | null;
  country?: string | null;
  created_at: string;
  email?: string | null;
  id: CustomerId;
  language: Language;
  last_activity_at: string;
  name?: string | null;
  number: string;
  phone?: string | null;
  postal_code?: string | null;
  /**
   * Stable and meaningless: stands for the customer once they are erased.
   */
  pseudonym: string;
  state: CustomerState;
  street?: string | null;
  /**
   * Optimistic versioning: an edit names the version it started from.
   */
  version: number;
}
/**
 * Consent to a purpose (Art. 7(1): the shop must be able to show who consented,
 * when, through which channel, to which text).
 */
export interface Consent {
  channel: string;
  customer_id: CustomerId;
  given_at: string;
  id: number;
  purpose: string;
  /**
   * A consent that stands beside a later one to the same purpose (the
   * person agreed again, to a new wording): the later one, in force now.
   * Both stay as proof of what was agreed to when (Art. 7(1)); one
   * withdrawal stops the purpose. Set by [`mark_replaced`] where a
   * customer's consents are read together.
   */
  replaced_by?: number | null;
  text_version: string;
  withdrawn_at?: string | null;
}
/**
 * What a mailing list holds.
 */
export interface ConsentListSummary {
  /**
   * SHA-256 of the file's bytes.
   */
  digest: string;
  path: string;
  purpose: string;
  /**
   * The customers in the file.
   */
  recipients: number;
  /**
   * The customers consenting whose data is restricted (Art. 18(2)): left out.
   */
  restricted_left_out: number;
}
/**
 * A purpose consents have been given to, and how many customers consent to it now.
 */
export interface ConsentPurpose {
  /**
   * Customers not erased with a standing consent to it (the restricted among them).
   */
  consenting: number;
  purpose: string;
}
/**
 * What a user types for a customer; every field is checked by [`CustomerFields::validate`].
 */
export interface CustomerInput {
  city?: string | null;
  country?: string | null;
  email?: string | null;
  language?: string | null;
  name?: string | null;
  number?: string | null;
  phone?: string | null;
  postal_code?: string | null;
  street?: string | null;
}
/**
 * Everything the register holds about one customer (the customer page).
 */
export interface CustomerPage {
  /**
   * The personal data breaches recorded as concerning the customer (Art. 34).
   */
  breaches: Breach[];
  consents: Consent[];
  /**
   * The corrections of the customer's details and notes, with the values
   * they replaced (Art. 16; kept by the audit trail, not the register).
   */
  corrections: Correction[];
  customer: Customer;
  event_registrations: EventRegistration[];
  history: StoredEntry[];
  interactions: Interaction[];
  invoices: Invoice[];
  /**
   * Of a customer erased, until when the law keeps each order kept under
   * the pseudonym, in the order of `orders`; empty for any other customer.
   */
  kept: KeptOrder[];
  /**
   * Others in the register who may be the same person ([`likeness`]):
   * a copy or an erasure for them should cover those that are.
   */
  maybe_same: MaybeSame[];
  /**
   * How many more than those named were found (the list names ten at most).
   */
  maybe_same_more: number;
  /**
   * Of a customer merged into another, whom into: this row is retired,
   * and everything it held is that customer's now.
   */
  merged_into?: MergedInto | null;
  /**
   * The customers merged into this one, oldest first ([`merge`]): their
   * history is read with this customer's.
   */
  merges: Merge[];
  orders: Order[];
  /**
   * The customer's phone as people read it ([`phone::of_customer`]): in
   * the national form when the customer and the number are of the shop's
   * own country, in the international form otherwise.
   */
  phone_display?: string | null;
  /**
   * The stored details that today's checks refuse ([`Customer::problems`]).
   */
  problems: FieldProblem2[];
  requests: Request[];
  /**
   * Restrictions (Art. 18), the one in force and lifted ones.
   */
  restrictions: Restriction[];
  /**
   * The web shop's other numbers for the customer, in the order they were
   * recorded ([`shop_numbers`]).
   */
  shop_numbers: string[];
  web_events: WebEvent[];
  /**
   * Their objection to the recording of their web activity, while it is
   * in force (Art. 21(1)): none of it is recorded ([`web_objection`]).
   */
  web_objection?: WebObjection | null;
}
/**
 * A breach as stored.
 */
export interface Breach {
  /**
   * The authority's reference for the notification, where it gave one.
   */
  authority_reference?: string | null;
  /**
   * When the shop became aware of the breach: the 72 hours run from here.
   */
  aware_at: string;
  /**
   * The categories of the register's data concerned (Art. 33(3)(a)).
   */
  categories: CategoryList;
  closed_at?: string | null;
  /**
   * Its likely consequences for them (Art. 33(3)(c)).
   */
  consequences: string;
  /**
   * Why the notification came after the 72 hours (Art. 33(1)).
   */
  delay_reason?: string | null;
  id: BreachId;
  /**
   * When the people concerned were told, or it was decided they need not be (Art. 34).
   */
  informed_at?: string | null;
  /**
   * How they were told, or why not (Art. 34(2), (3)).
   */
  informed_how?: string | null;
  /**
   * What was done or is proposed to deal with it and limit its effects (Art. 33(3)(d)).
   */
  measures: string;
  /**
   * What happened (Art. 33(3)(a)): the nature of the breach.
   */
  nature: string;
  /**
   * When the supervisory authority was notified.
   */
  notified_at?: string | null;
  /**
   * About how many people are concerned, where known (Art. 33(3)(a)).
   */
  people?: number | null;
  recorded_at: string;
  recorded_by: string;
  risk: BreachRisk;
}
/**
 * A correction of a customer's details or of one of their notes.
 */
export interface Correction {
  actor: string;
  at: string;
  /**
   * The parts that changed, in the order the record lists them.
   */
  changes: Change[];
  /**
   * Whether the values kept are the ones whose SHA-256 the audit entry
   * holds; `false` means they were altered since, and are not the trail's.
   * A side holding values erased at the person's request is not checked.
   */
  intact: boolean;
  /**
   * The note corrected; `None` for the customer's own details.
   */
  interaction_id?: number | null;
  /**
   * When the contact whose note was corrected took place, which names the
   * note to people; `None` for the customer's own details.
   */
  note_time?: string | null;
  /**
   * The person's request for rectification (Art. 16) it answers, if it does.
   */
  request_id?: number | null;
  /**
   * The audit entry that records it.
   */
  seq: number;
}
/**
 * One part that a correction changed.
 */
export interface Change {
  after?: string | null;
  /**
   * The same of the value after.
   */
  after_erased: boolean;
  after_shown?: string | null;
  /**
   * The value before; `None` where the part was empty. A note's kind is
   * `"true"` (accounting material) or `"false"`.
   */
  before?: string | null;
  /**
   * The value before was erased at the person's request (Art. 17(1)):
   * the register keeps that the part held a value, not what it was, and
   * `before` is `None`.
   */
  before_erased: boolean;
  /**
   * A phone number's change as people read the numbers, like the
   * customer page's `phone_display` ([`crate::register::phone::of_customer`]);
   * `None` for every other part, which the window names itself.
   */
  before_shown?: string | null;
  field: Corrected;
}
/**
 * A sign-up for a course or an event.
 */
export interface EventRegistration {
  customer_id: CustomerId;
  event_date: string;
  event_name: string;
  id: number;
  status: RegistrationStatus;
}
/**
 * A stored entry with the hash it was stored with.
 */
export interface StoredEntry {
  action: string;
  actor: string;
  after_digest?: string | null;
  at: string;
  before_digest?: string | null;
  customer_id?: CustomerId | null;
  entity: string;
  entity_id: string;
  hash: string;
  prev_hash: string;
  seq: number;
}
/**
 * A note of a call, meeting, e-mail, letter, document or web form.
 */
export interface Interaction {
  /**
   * It documents a business event (an agreement, a change of an order, a
   * settled complaint): accounting material, kept as long as the
   * bookkeeping law keeps such correspondence where that is longer than
   * the shop's own period ([`crate::retention::interaction`]).
   */
  bookkeeping?: boolean;
  channel: Channel;
  /**
   * When the matter closed; retention counts from here.
   */
  closed_on?: string | null;
  customer_id: CustomerId;
  direction: Direction;
  id: number;
  occurred_at: string;
  staff?: string | null;
  summary: string;
}
export interface Invoice {
  /**
   * What the voucher says: negative for a credit note.
   */
  amount: Money;
  /**
   * A credit note's: the number of the invoice it credits.
   */
  credits?: string | null;
  due_on?: string | null;
  id: number;
  issued_on: string;
  kind: InvoiceKind;
  number: string;
  order_id: number;
}
/**
 * How long an order of a customer erased is kept (Art. 17(3)(b)): until the
 * bookkeeping law's end for it and its invoices, or, while a legal hold is
 * on it, one of its invoices or the customer, until the hold is lifted.
 */
export interface KeptOrder {
  /**
   * A legal hold keeps it, whatever its end: it is kept while the hold lasts.
   */
  held: boolean;
  /**
   * Where `until` has passed, on the day the page was read: what keeps
   * it, as the sweep reads it (the person's request for a copy, until it
   * is answered), or that the next sweep deletes it. A page that told
   * only a day gone by would say the shop keeps it without end.
   */
  kept_past?: KeptPast | null;
  order: number;
  /**
   * The law's rule, as [`crate::retention::Retention::rule`] names it.
   */
  rule: string;
  until: string;
}
/**
 * Another customer who may be the same person, and why.
 */
export interface MaybeSame {
  city?: string | null;
  email?: string | null;
  id: CustomerId;
  likeness: Likeness[];
  name?: string | null;
  number: string;
}
/**
 * Of a merged customer's retired row, the customer it was merged into,
 * as the merges stand now (a later merge of that one, the one after).
 */
export interface MergedInto {
  customer_id: CustomerId;
  merged_at: string;
  merged_by: string;
  /**
   * The merged customer's number before the merge.
   */
  merged_number: string;
  name?: string | null;
  number: string;
}
/**
 * A customer merged into another.
 */
export interface Merge {
  /**
   * The customer kept.
   */
  customer_id: CustomerId;
  id: number;
  merged_at: string;
  merged_by: string;
  /**
   * The merged customer's id: their row is retired, emptied and never listed.
   */
  merged_id: CustomerId;
  /**
   * The merged customer's number, now a web shop number of the one kept.
   */
  merged_number: string;
  merged_pseudonym: string;
  /**
   * Until when the merge may be undone ([`super::unmerge`]); none once
   * it may not. Given with the merges of a customer (their page).
   */
  undo_until?: string | null;
}
/**
 * An order: a voucher under the bookkeeping law (BFL 5 kap. 6 §, Bokføringsloven § 10).
 */
export interface Order {
  created_at: string;
  /**
   * `None` once the customer is erased and the order only serves the books.
   */
  customer_id?: CustomerId | null;
  id: number;
  lines: OrderLine[];
  number: string;
  order_date: string;
  payment_provider?: string | null;
  payment_reference?: string | null;
  pseudonym?: string | null;
  /**
   * Art. 18: kept only for the legal obligation.
   */
  restricted: boolean;
  status: OrderStatus;
  total: Money;
  vat: Money;
}
export interface OrderLine {
  description: string;
  line_no: number;
  quantity: number;
  /**
   * Including VAT, as Nordic shops price for consumers.
   */
  unit_price: Money;
  /**
   * VAT rate in basis points: 2500 is 25 %.
   */
  vat_rate_bp: number;
}
/**
 * A stored value of a customer that today's checks refuse.
 */
export interface FieldProblem2 {
  /**
   * The field, as the customer form names it (`phone`).
   */
  field: string;
  message: Message;
  value: string;
}
/**
 * A request as stored.
 */
export interface Request {
  answer?: string | null;
  answered_on?: string | null;
  channel?: string | null;
  closed_on?: string | null;
  created_at: string;
  customer_id?: CustomerId | null;
  due_on: string;
  extended_to?: string | null;
  extension_reason?: string | null;
  id: number;
  kind: RequestKind;
  received_on: string;
  refusal_reason?: string | null;
  /**
   * Who asked, as they named themselves, where the register has no
   * customer for them ([`Asker::Person`]); none once linked to one.
   */
  requester?: string | null;
  /**
   * The language of the letters to them, where the shop chose one.
   */
  requester_language?: Language | null;
  started_on?: string | null;
  state: RequestState;
  /**
   * How the identity was checked (Art. 12(6)), where the shop said.
   */
  verification?: string | null;
  verified_on?: string | null;
}
export interface Restriction {
  customer_id: CustomerId;
  ground: RestrictionGround;
  id: number;
  lifted_at?: string | null;
  lifted_by?: string | null;
  note?: string | null;
  /**
   * The day the person was told that the restriction would be lifted.
   */
  notified_on?: string | null;
  request_id?: number | null;
  set_at: string;
  set_by: string;
}
/**
 * An action on the web site, with the IP address it came from.
 */
export interface WebEvent {
  action: string;
  customer_id: CustomerId;
  id: number;
  ip: string;
  occurred_at: string;
  user_agent?: string | null;
}
/**
 * A customer's objection to the recording of their web activity: in force
 * from `set_at` until `lifted_at`.
 */
export interface WebObjection {
  customer_id: CustomerId;
  id: number;
  lifted_at?: string | null;
  lifted_by?: string | null;
  /**
   * The objection request it answers (none once that request's record is purged).
   */
  request_id?: number | null;
  set_at: string;
  set_by: string;
}
/**
 * How much the demo holds, for messages and tests.
 */
export interface DemoSummary {
  consents: number;
  customers: number;
  event_registrations: number;
  interactions: number;
  orders: number;
  requests: number;
  web_events: number;
}
/**
 * Which document to save: the access report and the portability export need
 * `customer`, as does the erasure confirmation; the receipt and the notice `request`; the
 * sweep summary `sweep`; the letter to the people a breach concerns `breach`
 * (and `customer` when it is addressed to one).
 */
export interface DocumentChoice {
  breach?: number | null;
  customer?: number | null;
  format: Format;
  kind: DocumentKind;
  language?: Language | null;
  request?: number | null;
  sweep?: number | null;
}
/**
 * The retention screen's view on a day: a [`DueReport`] counted, with the
 * head of its list.
 */
export interface DueView {
  as_of: string;
  /**
   * The first records of [`DueReport::items`], in its order.
   */
  first: DueItem[];
  /**
   * What falls due in each of the next 24 months.
   */
  forecast: MonthDue[];
  /**
   * How many records past their end a legal hold, a restriction or an open request keeps.
   */
  held: number;
  /**
   * Of those, how many each keeps; only those that keep any, in [`Keeper`]'s order.
   */
  held_by: KeptCount[];
  /**
   * The first records each keeper in `held_by` keeps, keeper by keeper:
   * the head of each keeper's part of [`DueReport::held`].
   */
  kept: DueItem[];
  /**
   * Of those, how many were due before today (should have gone already).
   */
  overdue: number;
  /**
   * How many records may be deleted on `as_of`: `retain_until` before it, not held.
   */
  total: number;
}
/**
 * One record past (or reaching) its retention end.
 */
export interface DueItem {
  /**
   * Whose record it is, in the lists that name them (those kept past
   * their end, the window's head of those due): the owner turns to the
   * customer's page (to lift a restriction, to answer a request, to put
   * a hold on a record before a sweep). None for a record without one
   * (an erased customer's order, the request of someone who is not a
   * customer). Left out in the command line's list of those due.
   */
  customer?: RecordOwner | null;
  entity: RecordKind;
  id: number;
  /**
   * In a list of the records kept past their end, what keeps this one:
   * the first of them in [`Keeper`]'s order. Left out in a list of those due.
   */
  kept_by?: Keeper | null;
  /**
   * The order, invoice or customer number, where the record has one.
   */
  number?: string | null;
  retain_until: string;
  /**
   * The rule that set the date, such as `SE BFL 7:2`.
   */
  rule: string;
}
/**
 * The customer a record is of.
 */
export interface RecordOwner {
  id: CustomerId;
  /**
   * The shop's customer number.
   */
  number: string;
}
export interface MonthDue {
  by_entity: {
    [k: string]: number;
  };
  /**
   * "2027-01"
   */
  month: string;
  total: number;
}
/**
 * How many records past their end one keeper keeps.
 */
export interface KeptCount {
  keeper: Keeper;
  records: number;
}
/**
 * A customer erased: their number and pseudonym, which the erased row
 * keeps, and when and for which request.
 */
export interface ErasedCustomer {
  /**
   * What the search gave that named them.
   */
  by: ErasedBy;
  erased_at: string;
  /**
   * The erased row, whose page shows the records kept for the books.
   */
  id: CustomerId;
  number: string;
  /**
   * What the records the law keeps (orders, invoices) are filed under.
   */
  pseudonym: string;
  /**
   * The person's request for erasure, where it answered one (a sweep's or
   * the shop's own erasure answers none).
   */
  request_id?: number | null;
}
/**
 * What erasing a customer does: the preview, and afterwards the record of it.
 */
export interface ErasurePlan {
  /**
   * The personal data breaches whose record keeps the link to the person,
   * under the pseudonym (Art. 33(5)).
   */
  breaches: KeptBreach[];
  customer: CustomerId;
  erased: ErasedItem[];
  kept: KeptItem[];
  /**
   * What the customer's row keeps of them, so that the shop's files do not add them again.
   */
  kept_identifiers: KeptIdentifiers;
  /**
   * The person's language, for the confirmation.
   */
  language: Language;
  number: string;
  /**
   * The day the erasure takes effect (retention is judged on this day).
   */
  on: string;
  /**
   * The stable pseudonym that the kept accounting records carry instead of the person.
   */
  pseudonym: string;
  reason: ErasureReason;
  /**
   * Who received what the erasure erases or restricts, and must be told
   * of it (Art. 19): the catalogue's processors and recipients of those
   * categories.
   */
  recipients: InformedRecipient[];
  request?: number | null;
}
/**
 * A personal data breach whose record keeps, under the pseudonym, that it
 * concerned the person: the controller documents each breach and its effects
 * (GDPR Art. 33(5)), and whom it reached is part of them, as is the proof
 * that they were told (Art. 34). The link holds no name or contact detail.
 */
export interface KeptBreach {
  /**
   * The day, on the shop's clock, the shop became aware of it.
   */
  aware_on: string;
  /**
   * The breach's number in the shop's record.
   */
  breach: number;
  /**
   * The statute, as cited.
   */
  law: string;
}
export interface ErasedItem {
  category: Category;
  records: number;
}
export interface KeptItem {
  category: Category;
  /**
   * The statute, as cited.
   */
  law: string;
  pending?: KeptPending | null;
  /**
   * The record's number (an order or invoice number).
   */
  record: string;
  /**
   * The last day it is kept; `None` while that waits on `pending`.
   */
  retain_until?: string | null;
  /**
   * The rule's short name, such as "SE BFL 7:2".
   */
  rule: string;
}
/**
 * The identifiers an erased customer's row keeps, and nothing else of them:
 * said in the preview and the confirmation, since the person is told what is
 * kept (Art. 12(1)).
 */
export interface KeptIdentifiers {
  /**
   * Whether a keyed checksum of the e-mail address is kept (never the address).
   */
  email_checksum: boolean;
  /**
   * The customer number and the web shop's numbers of the person.
   */
  numbers: string[];
}
/**
 * A processor or recipient of data that an erasure, restriction or correction
 * reaches: the shop tells each of it (GDPR art. 19, first sentence), and the
 * person may learn who they are (second sentence).
 */
export interface InformedRecipient {
  /**
   * The categories it receives that the change reaches.
   */
  categories: Category[];
  name: string;
  role: ProcessorRole;
}
/**
 * What an export wrote.
 */
export interface ExportSummary {
  /**
   * SIE: the credit notes of the period, each a voucher.
   */
  credit_notes: number;
  /**
   * SHA-256 of the file's bytes.
   */
  digest: string;
  from: string;
  /**
   * SIE: the cancelled orders left out (no credit note credits them: they were never sales).
   */
  left_out: number;
  /**
   * The orders in the file (in an SIE file, those booked).
   */
  orders: number;
  path: string;
  /**
   * CSV and JSON: the order lines written; SIE: the vouchers.
   */
  rows: number;
  to: string;
  totals: CurrencyTotal[];
}
export interface CurrencyTotal {
  gross: Money;
  net: Money;
  orders: number;
  vat: Money;
}
/**
 * What a search found.
 */
export interface Found {
  /**
   * The customers found, in name order.
   */
  customers: Customer[];
  /**
   * No one found, and the query names a customer erased: by an address
   * they had, a number of theirs, their pseudonym or the number of an
   * order or invoice of theirs kept for the books.
   */
  erased?: ErasedCustomer | null;
  /**
   * The query is an e-mail address a merge did not keep: whose it was and
   * whom they were merged into, who is among the customers found.
   */
  merged?: MergedInto | null;
  /**
   * The query is the number of an order or an invoice: whose it is, the
   * first of the customers found (or the customer erased).
   */
  voucher?: VoucherFound | null;
}
/**
 * An order or an invoice a search found by its number, and whose it is.
 */
export interface VoucherFound {
  /**
   * The number of the customer it is of.
   */
  customer_number: string;
  /**
   * `order` or `invoice`.
   */
  kind: RecordKind;
  /**
   * Its number as recorded (a search for `1001` finds Shopify's `#1001`).
   */
  number: string;
}
/**
 * A record a hold keeps from the erasure a request asked for, with what
 * names it to people: the time of the contact or visit, the way of
 * contact, the day of the course; never what it held.
 */
export interface HeldBack {
  /**
   * How the contact of a note took place.
   */
  channel?: Channel | null;
  customer_id: CustomerId;
  /**
   * `interaction` (a note), `event_registration` (a sign-up) or `web_event`.
   */
  entity: RecordKind;
  entity_id: number;
  /**
   * The day of the course or event of a sign-up.
   */
  event_date?: string | null;
  held_at: string;
  /**
   * When the contact of a note, or a web event, took place.
   */
  occurred_at?: string | null;
  request_id: number;
}
export interface Hold {
  entity: RecordKind;
  entity_id: number;
  id: number;
  lifted_at?: string | null;
  lifted_by?: string | null;
  reason: string;
  set_at: string;
  set_by: string;
}
/**
 * A hold as the lists show it: with the number of the record it keeps (a
 * customer, order or invoice number) and the customer the record is about,
 * where the record still says.
 */
export interface HoldView {
  customer_id?: CustomerId | null;
  /**
   * That customer's number: the window opens their page by it.
   */
  customer_number?: string | null;
  entity: RecordKind;
  entity_id: number;
  /**
   * Whether lifting the hold erases its record: its customer was erased
   * and this hold alone kept it (see [`Register::lift_hold`]).
   */
  erases: boolean;
  id: number;
  lifted_at?: string | null;
  lifted_by?: string | null;
  number?: string | null;
  reason: string;
  /**
   * Whether lifting the hold erases what it alone kept from a person's
   * request to erase it: a note, a sign-up, web events (see [`Register::lift_hold`]).
   */
  releases: boolean;
  set_at: string;
  set_by: string;
}
export interface ImportReport {
  added: number;
  /**
   * Whether the register changed.
   */
  committed: boolean;
  /**
   * Consents the file's marketing columns gave ("yes" where the register
   * had none standing) and withdrew ("no"), see `import::consents`.
   */
  consents_given: number;
  consents_withdrawn: number;
  dry_run: boolean;
  file: string;
  format: ImportFormat;
  kind: ImportKind;
  mapping: Mapping;
  /**
   * Rows skipped on purpose (erased or restricted people), with why,
   * rows found by e-mail as a customer the file names by another number,
   * and rows whose "yes" met a consent withdrawn in the register.
   */
  notices: Problem[];
  problem_count: number;
  problems: Problem[];
  rejected: number;
  rejected_file?: string | null;
  /**
   * Records read (an order spanning several rows counts each).
   */
  rows: number;
  /**
   * The first rows as read, for the app's preview.
   */
  sample: string[][];
  /**
   * People who were erased, or are restricted, and so were not imported.
   */
  skipped: number;
  source: Source2;
  unchanged: number;
  updated: number;
}
/**
 * Which field each column holds: by the format's table, then `overrides`
 * (`COLUMN=FIELD`, the column by its header, case-insensitively).
 */
export interface Mapping {
  /**
   * For each column of the file, the field it holds (`None`: not imported).
   */
  columns: [string, Field | null][];
}
/**
 * A row that cannot be imported, or a row skipped on purpose (a notice).
 */
export interface Problem {
  column: string;
  line: number;
  /**
   * In English, as the command line prints it.
   */
  message: string;
  /**
   * The same, for the app to say in the window's language.
   */
  reason: Message;
}
/**
 * A file looked at once: its encoding, delimiter, size and SHA-256.
 */
export interface Source2 {
  bytes: number;
  /**
   * ",", ";" or "\t".
   */
  delimiter: string;
  digest: string;
  encoding: TextEncoding;
  path: string;
}
/**
 * A correction of a note (Art. 16): what was said, who at the shop, how and
 * which way, and whether it documents a business event; `None` leaves a
 * part as it is, and an empty `staff` clears it. When it happened and when
 * the matter closed are not corrected here: the note's retention counts
 * from them.
 */
export interface InteractionChanges {
  bookkeeping?: boolean | null;
  channel?: Channel | null;
  direction?: Direction | null;
  staff?: string | null;
  summary?: string | null;
}
/**
 * An invoice, reminder or credit note as a person gives it (the app's form,
 * `kundvakt order invoice`): the order by its number, the amount as typed
 * ("349,00") in the order's currency.
 */
export interface InvoiceDraft {
  amount: string;
  /**
   * A credit note's: the number of the invoice it credits.
   */
  credits?: string | null;
  due_on?: string | null;
  issued_on: string;
  kind: InvoiceKind;
  /**
   * Empty: the next of the shop's invoice series.
   */
  number: string;
  order: string;
}
/**
 * What an export of the journal wrote.
 */
export interface InvoiceExportSummary {
  /**
   * SHA-256 of the file's bytes.
   */
  digest: string;
  from: string;
  path: string;
  /**
   * Invoices, reminders and credit notes written.
   */
  rows: number;
  to: string;
  totals: InvoiceTotal[];
}
/**
 * The journal's sums in one currency: invoices and credit notes (a
 * reminder asks again for an invoice's amount, and is counted apart).
 */
export interface InvoiceTotal {
  credit_notes: number;
  gross: Money;
  invoices: number;
  net: Money;
  reminders: number;
  vat: Money;
}
/**
 * The letters written to each customer a breach concerns.
 */
export interface LettersWritten {
  /**
   * Stopped when asked, with the letters above written.
   */
  cancelled: boolean;
  /**
   * The erased customers (by pseudonym): nobody left to write to.
   */
  erased: string[];
  /**
   * The folder they were written into.
   */
  folder: string;
  /**
   * Each letter's customer number and file.
   */
  written: [string, string][];
}
/**
 * A lifted hold, and the record its lifting erased, if it did.
 */
export interface LiftedHold {
  entity: RecordKind;
  entity_id: number;
  /**
   * The erased customer whose record the lifting erased (where no
   * request asked for that record: then it is among `released`).
   */
  erased_for?: CustomerId | null;
  id: number;
  lifted_at?: string | null;
  lifted_by?: string | null;
  reason: string;
  /**
   * What the hold had kept from a person's request to erase it (a note,
   * a sign-up, web events), erased now under that request.
   */
  released: HeldBack[];
  set_at: string;
  set_by: string;
}
/**
 * What a merge would do, before it is done: asked of the shop first.
 */
export interface MergePlan {
  keep: Customer;
  /**
   * How many of each record would come over from `other`.
   */
  moved: Moved;
  /**
   * `other`'s details that would not be kept, `keep` having their own.
   */
  not_kept: string[];
  other: Customer;
}
/**
 * The records moved by a merge, counted.
 */
export interface Moved {
  consents: number;
  event_registrations: number;
  interactions: number;
  orders: number;
  requests: number;
  web_events: number;
}
/**
 * What a merge did.
 */
export interface Merged {
  /**
   * The customer kept, as saved.
   */
  customer: Customer;
  merge: Merge;
  /**
   * How many of each record came over from the merged customer.
   */
  moved: Moved;
  /**
   * The merged customer's details that were not kept: the kept customer
   * had their own ("email", "phone", "address"). Only the audit trail's
   * digest of them stays.
   */
  not_kept: string[];
}
/**
 * An assessment as it is written, before it has an id.
 */
export interface NewAssessment {
  assessed_on: string;
  /**
   * Who made the assessment.
   */
  author: string;
  /**
   * The people's interests, rights and expectations weighed against it.
   */
  balancing: string;
  /**
   * The categories of data the processing concerns: those whose legal
   * basis this assessment documents.
   */
  categories: CategoryList;
  /**
   * The shop's interest in that processing.
   */
  interest: string;
  /**
   * Why the processing is needed for the interest, and nothing less would do.
   */
  necessity: string;
  /**
   * What the shop concluded, with the limits it set.
   */
  outcome: string;
  /**
   * The processing it concerns, such as keeping notes of calls.
   */
  purpose: string;
}
/**
 * A breach as the shop first records it (Art. 33(3)).
 */
export interface NewBreach {
  /**
   * When the shop became aware of the breach: the 72 hours run from here.
   */
  aware_at: string;
  /**
   * The categories of the register's data concerned (Art. 33(3)(a)).
   */
  categories: CategoryList;
  /**
   * Its likely consequences for them (Art. 33(3)(c)).
   */
  consequences: string;
  /**
   * What was done or is proposed to deal with it and limit its effects (Art. 33(3)(d)).
   */
  measures: string;
  /**
   * What happened (Art. 33(3)(a)): the nature of the breach.
   */
  nature: string;
  /**
   * About how many people are concerned, where known (Art. 33(3)(a)).
   */
  people?: number | null;
  risk: BreachRisk;
}
/**
 * A consent to record, as the command line and the app's form give it.
 */
export interface NewConsent {
  channel: string;
  customer_id: CustomerId;
  given_at: string;
  purpose: string;
  text_version: string;
}
/**
 * A sign-up to record, as the command line and the app's form give it.
 */
export interface NewEventRegistration {
  customer_id: CustomerId;
  event_date: string;
  event_name: string;
  status: RegistrationStatus;
}
/**
 * A note to add, as the command line and the app's form give it.
 */
export interface NewInteraction {
  /**
   * It documents a business event: see [`Interaction::bookkeeping`].
   */
  bookkeeping?: boolean;
  channel: Channel;
  closed_on?: string | null;
  customer_id: CustomerId;
  direction: Direction;
  occurred_at: string;
  staff?: string | null;
  summary: string;
}
/**
 * A processor or recipient as it is entered, before it has an id.
 */
export interface NewProcessor {
  agreement_date?: string | null;
  /**
   * The categories of data it receives.
   */
  categories: CategoryList;
  /**
   * ISO 3166 alpha-2 of where it is established.
   */
  country: string;
  name: string;
  /**
   * Whether data goes outside the EU/EEA (Art. 44).
   */
  outside_eea: boolean;
  purpose: string;
  role: ProcessorRole;
  /**
   * Art. 46 safeguards where data leaves the EU/EEA.
   */
  safeguards?: string | null;
}
/**
 * A note erased for a request: which note, and when and by whom it went.
 */
export interface NoteErasure {
  channel: Channel;
  customer_id: CustomerId;
  direction: Direction;
  erased_at: string;
  erased_by: string;
  id: number;
  note_id: number;
  /**
   * When the contact the note was of took place.
   */
  occurred_at: string;
  request_id: number;
}
/**
 * Where the shop's privacy notice stands.
 */
export interface NoticeState {
  /**
   * When what the notice is made from last changed: the date it carries.
   * The register's creation (or the oldest entry the trail still holds)
   * when nothing changed since.
   */
  changed_at: string;
  /**
   * What the notice is made from changed after the last one was saved.
   */
  outdated: boolean;
  /**
   * The last notice saved, if the audit trail still holds its entry.
   */
  saved?: NoticeSaved | null;
}
/**
 * A notice saved to a file: when, and by whom.
 */
export interface NoticeSaved {
  at: string;
  by: string;
}
/**
 * An order as typed. Empty text counts as not given.
 */
export interface OrderDraft {
  /**
   * ISO 4217, such as SEK.
   */
  currency: string;
  customer_id: CustomerId;
  lines: LineDraft[];
  number: string;
  order_date: string;
  payment_provider?: string | null;
  payment_reference?: string | null;
  status: OrderStatus;
  /**
   * Including VAT; not given: the sum of the lines.
   */
  total?: string | null;
  /**
   * The VAT included in the total; not given: the lines' VAT.
   */
  vat?: string | null;
}
/**
 * One line as typed: how many of what, at which price each including VAT.
 */
export interface LineDraft {
  description: string;
  quantity: string;
  unit_price: string;
  /**
   * The VAT rate in per cent.
   */
  vat_rate: string;
}
/**
 * An order with what belongs to it.
 */
export interface OrderSheet {
  /**
   * Whose order it is; once they are erased, the row that keeps only
   * their number and the pseudonym the order is kept under (Art. 17(3)(b)).
   */
  customer: Customer;
  /**
   * Of a customer erased: when, and for which request of theirs.
   */
  erased?: ErasedCustomer | null;
  /**
   * The number given, where it was one of the order's invoices, reminders
   * or credit notes rather than the order's own.
   */
  found_by_invoice?: string | null;
  /**
   * Its invoices, reminders and credit notes, in the order they were issued.
   */
  invoices: Invoice[];
  /**
   * Each of its lines' amount and the VAT in it, in the order of
   * `order.lines`, worked out here so that the window does not work
   * them out again.
   */
  lines: LineAmounts[];
  order: Order;
  /**
   * Until when the bookkeeping law keeps the order: the latest end of it
   * and of its invoices, since deleting it deletes them. Past that day,
   * `kept_past` says what keeps it, as the sweep reads it, or that the
   * next sweep deletes it.
   */
  retention: Retention;
}
/**
 * A line's amount (quantity times the price each, VAT included) and the VAT in it.
 */
export interface LineAmounts {
  gross: Money;
  vat: Money;
}
/**
 * What an order as typed comes to, as the register would record it.
 */
export interface OrderTotals {
  total: Money;
  /**
   * The VAT included in the total.
   */
  vat: Money;
}
/**
 * A page of the customer list.
 */
export interface Page {
  items: Customer[];
  offset: number;
  total: number;
  /**
   * The list version the page was read at ([`Register::list_version`]):
   * pages of one version fit together; a page of another means the list
   * changed in between, and the pages read before are out of date.
   */
  version: number;
}
/**
 * Progress of long work, sent as the `progress` event.
 */
export interface Progress {
  done: number;
  task: string;
  total: number;
}
/**
 * Where the window's register is, and what this computer chose.
 */
export interface RegisterPlace {
  backend: Backend;
  /**
   * The file this computer's register was moved from, while it is there.
   */
  moved_from?: string | null;
  /**
   * The window was started with --db or KUNDVAKT_DB, which a choice made
   * here does not override: it applies when Kundvakt starts without them.
   */
  named_at_start: boolean;
  /**
   * The open register: a file, or a shared register's address without its password.
   */
  register: string;
  /**
   * Where this computer's own register file is.
   */
  this_computers: string;
}
/**
 * One request whole: what `request show` and the request's page in the app show.
 */
export interface RequestDetail {
  answer?: string | null;
  answered_on?: string | null;
  article: string;
  as_of: string;
  channel?: string | null;
  closed_on?: string | null;
  /**
   * The corrections made as its answer, for a request for rectification
   * (Art. 16), or the details removed for a request to erase them (Art.
   * 17(1)), with the values they replaced.
   */
  corrections: Correction[];
  customer?: CustomerId | null;
  /**
   * When the customer was erased whole, where they are, and for which
   * request: nothing of them is left to act on but what the law keeps
   * (Art. 12(4), 17(3)(b)).
   */
  customer_erased?: CustomerErased | null;
  customer_name?: string | null;
  customer_number?: string | null;
  /**
   * Days from `as_of` to the deadline in force; negative when overdue.
   */
  days_left: number;
  /**
   * The documents produced for the request, with their digests.
   */
  documents: ProducedDocument[];
  due_date: string;
  /**
   * Open, and due within seven days.
   */
  due_soon: boolean;
  extended_due_date?: string | null;
  extension_reason?: string | null;
  /**
   * The one-month deadline, whether or not it was extended.
   */
  first_due_date: string;
  /**
   * What a legal hold keeps of what it asked to erase, to be erased under
   * it once the hold is lifted ([`crate::retention::held_back`]).
   */
  held_back: HeldBack[];
  id: number;
  kind: RequestKind;
  /**
   * While the request is open, the others in the register who may be
   * the same person as its customer: its answer should cover each that
   * is (Art. 15, 17; [`crate::register::likeness`]).
   */
  maybe_same: MaybeSame[];
  /**
   * How many more than those named were found (the list names ten at most).
   */
  maybe_same_more: number;
  /**
   * The notes erased alone for a request for erasure (Art. 17(1)), by
   * their time and way of contact.
   */
  notes_erased: NoteErasure[];
  overdue: boolean;
  received: string;
  refusal_reason?: string | null;
  /**
   * Who asked, where the register has no customer for them.
   */
  requester?: string | null;
  /**
   * The language of the letters to them, where the shop chose one.
   */
  requester_language?: Language | null;
  /**
   * The course sign-ups erased alone for a request for erasure, by the
   * day of their event.
   */
  signups_erased: SignUpErasure[];
  started_on?: string | null;
  state: RequestState;
  /**
   * Each step as the audit trail recorded it: when, by whom (Art. 5(2)).
   */
  steps: StoredEntry[];
  /**
   * How the identity was checked, where the shop said.
   */
  verification?: string | null;
  verified_on?: string | null;
  /**
   * The web activity erased alone for a request for erasure: how many
   * events, from when to when.
   */
  web_activity_erased: WebActivityErasure[];
}
/**
 * The erasure of a request's customer.
 */
export interface CustomerErased {
  at: string;
  /**
   * The request for erasure it answered, this one or another; none for a
   * sweep's or the shop's own erasure.
   */
  request?: number | null;
}
/**
 * A document as recorded when it was produced: what proves, later, which
 * document the shop handed out for a request (Art. 5(2)), by its digest.
 */
export interface ProducedDocument {
  /**
   * Who produced it (kept with the document: after a restore that carried
   * it over, its audit entry is the restorer's).
   */
  actor?: string | null;
  created_at: string;
  /**
   * SHA-256 of the bytes produced, hex.
   */
  digest: string;
  format: Format;
  id: number;
  kind: DocumentKind;
  language: Language;
}
/**
 * A course sign-up erased for a request: which, the day of its event, and
 * when and by whom it went.
 */
export interface SignUpErasure {
  customer_id: CustomerId;
  erased_at: string;
  erased_by: string;
  /**
   * The day of the course or event the sign-up was for.
   */
  event_date: string;
  id: number;
  request_id: number;
  signup_id: number;
}
/**
 * A customer's web activity erased for a request: how many events went,
 * the times of the first and the last, how many a legal hold kept, and when
 * and by whom.
 */
export interface WebActivityErasure {
  customer_id: CustomerId;
  erased_at: string;
  erased_by: string;
  events: number;
  first_at: string;
  /**
   * The events a legal hold kept, which stayed (Art. 17(3)(e)): the part
   * of the request to refuse, with that reason (Art. 12(4)).
   */
  held: number;
  id: number;
  last_at: string;
  request_id: number;
}
/**
 * A request as lists and scripts see it, on a given day (PRODUCT.md section 7:
 * `id`, `customer`, `kind`, `state`, `received`, `due_date`, `extended_due_date`, `days_left`).
 */
export interface RequestView {
  answer?: string | null;
  answered_on?: string | null;
  article: string;
  as_of: string;
  channel?: string | null;
  closed_on?: string | null;
  customer?: CustomerId | null;
  customer_name?: string | null;
  customer_number?: string | null;
  /**
   * Days from `as_of` to the deadline in force; negative when overdue.
   */
  days_left: number;
  due_date: string;
  /**
   * Open, and due within seven days.
   */
  due_soon: boolean;
  extended_due_date?: string | null;
  extension_reason?: string | null;
  /**
   * The one-month deadline, whether or not it was extended.
   */
  first_due_date: string;
  id: number;
  kind: RequestKind;
  overdue: boolean;
  received: string;
  refusal_reason?: string | null;
  /**
   * Who asked, where the register has no customer for them.
   */
  requester?: string | null;
  /**
   * The language of the letters to them, where the shop chose one.
   */
  requester_language?: Language | null;
  started_on?: string | null;
  state: RequestState;
  /**
   * How the identity was checked, where the shop said.
   */
  verification?: string | null;
  verified_on?: string | null;
}
/**
 * What a file of the requests holds.
 */
export interface RequestsExportSummary {
  /**
   * SHA-256 of the file's bytes.
   */
  digest: string;
  path: string;
  /**
   * The requests in the file.
   */
  requests: number;
}
/**
 * What a restore did.
 */
export interface RestoreReport {
  backup_audit_hash: string;
  /**
   * The audit chain head of the backup that was restored.
   */
  backup_audit_seq: number;
  /**
   * Whether this register's backup log records a backup with that head.
   */
  backup_recorded: boolean;
  /**
   * Personal data breaches recorded, or taken further, after the backup was
   * made: carried over, as Art. 33(5) asks the shop to keep them.
   */
  breaches_carried: number;
  /**
   * How many categories, processors and recipients, and legitimate-interest
   * assessments of the records of processing (Art. 30) were changed, added
   * or removed again, as the register changed them after the backup.
   */
  catalogue_carried: number;
  /**
   * Customers (by number) a breach concerned who are not in the restored
   * register (created after the backup, and not erased since): the link is
   * lost with them, the breach's own record is not.
   */
  concerned_lost: string[];
  /**
   * Consents recorded by hand after the backup was made (not by a web
   * shop's file, which brings its own back): recorded again as given,
   * the shop's proof of them (Art. 7(1)).
   */
  consents_carried: number;
  /**
   * Customers (by number) with such a consent whom the restored register
   * does not have: to be recorded again should they come back.
   */
  consents_lost: string[];
  /**
   * The numbers of the customers added after the backup was made whom
   * such an order, or a note below, names: carried with it, as the
   * register had them (a voucher names its counterparty, BFL 5 kap. 7 §).
   */
  customers_carried: string[];
  /**
   * The customers (by number) added after the backup was made whom the
   * restored register does not have: neither erased since (their
   * tombstones are carried) nor brought with an order or a note. A web
   * shop's file imported again brings its own back; one added by hand is
   * added again (the safety copy has them).
   */
  customers_lost: string[];
  /**
   * Of `customers_lost`, those added by hand (the window, `customer
   * add`): only the register as it was before the restore has them.
   */
  customers_lost_by_hand: string[];
  /**
   * Of `customers_lost`, those an import brought: the same file imported
   * again brings them back. (The others were added by a version before
   * migration 51, which did not mark how.)
   */
  customers_lost_imported: string[];
  /**
   * The customers (by number, as the register had it) whose details
   * (number, name, e-mail, phone, address, language) were changed after
   * the backup was made, by hand or by an import, and are as the backup
   * has them in the restored register: to be changed again where the
   * change was meant. Corrections a person asked for are made again
   * (`rectifications_replayed`), and not named here.
   */
  details_undone: string[];
  /**
   * Documents made after the backup was made (access reports, receipts,
   * notices, confirmations, letters): recorded in the restored register
   * too, with their digests, under their requests where it has them.
   */
  documents_carried: number;
  /**
   * Customers (by number) erased again because the backup predates their erasure.
   */
  erasures_replayed: string[];
  /**
   * Legal holds placed, or lifted, after the backup was made: carried
   * over, so that the sweep does not delete what a legal claim needs.
   */
  holds_carried: number;
  /**
   * The records of holds in force, placed after the backup, that the
   * restored register does not have ("order 10234"): nothing there to keep.
   */
  holds_lost: string[];
  /**
   * When each import run after the backup was made was (a web shop's
   * customers or orders, a web site's log): what it brought is not in the
   * restored register, but for what is named as kept above (the orders a
   * customer it brought placed by hand, say); the same file imported
   * again brings it back.
   */
  imports_undone: string[];
  /**
   * The numbers of the invoices, reminders and credit notes recorded after
   * the backup was made, of orders the restored register has: carried over.
   */
  invoices_carried: string[];
  /**
   * The numbers of invoices, reminders and credit notes recorded after
   * the backup was made, whatever day they are dated (or, kept by a
   * version before migration 27, dated on the backup's day or later), or
   * of an order recorded since, that the restored register does not have.
   */
  invoices_lost: string[];
  /**
   * Such customers (by number) whom the restored register cannot merge:
   * the customer kept is not in it, or it restricts or holds one of the
   * two. Their records are apart there: merge them again by hand.
   */
  merges_lost: string[];
  /**
   * Customers (by number) merged into another after the backup was made,
   * merged again in the restored register before anything else is carried.
   */
  merges_replayed: string[];
  /**
   * Erasures that could not be replayed (a legal hold in the backup the
   * register did not have).
   */
  not_replayed: NotErasedAgain[];
  /**
   * How many notes of calls, letters or e-mails that document a purchase
   * or an agreement (`--bookkeeping`: accounting material, kept under the
   * bookkeeping law) written after the backup was made: carried over, as
   * the register has them.
   */
  notes_carried: number;
  /**
   * The customers (by number, as the register had it) with notes changed
   * after the backup was made (corrected, closed, moved to another
   * customer) that are as the backup has them in the restored register:
   * to be changed again where the change was meant. Corrections a person
   * asked for are made again, and not named here.
   */
  notes_changed_undone: string[];
  /**
   * The customers (by number) of such notes that the restored register
   * cannot take (someone else has their number or e-mail address there):
   * the safety copy has the notes.
   */
  notes_lost: string[];
  /**
   * The customers (by number) with notes written after the backup was
   * made that the restored register does not have: notes of calls,
   * letters or e-mails that document no purchase or agreement, which a
   * restore does not carry (backup/undone.rs). The register as it was
   * before has them.
   */
  notes_undone: string[];
  /**
   * The numbers of the orders recorded by hand after the backup was made
   * (the order form, `order add`): carried over, with their lines, as the
   * register had them. The books must keep them, and nothing else has them
   * (backup/vouchers.rs).
   */
  orders_carried: string[];
  /**
   * The numbers of orders recorded after the backup was made that the
   * restored register does not have: those a web shop's file brought
   * (imported again, it brings them back; not carried over, since a
   * restore is also how a mistaken import is undone), and those recorded
   * by hand for a customer added after the backup whose number or e-mail
   * address someone else has there.
   * The books must keep them (the bookkeeping law): the safety copy has them.
   */
  orders_lost: string[];
  /**
   * Customers (by number) whose note, course sign-up or web activity the
   * shop erased after the backup was made, for their request for erasure:
   * erased again in the restored register (Art. 17(1)), under the request.
   */
  parts_erased_again: string[];
  /**
   * Customers (by number) with such a correction that the restored
   * register cannot take (the customer or the note is not in it, or the
   * value is refused there): to be corrected again by hand.
   */
  rectifications_lost: string[];
  /**
   * Customers (by number) whose data the shop corrected after the backup
   * was made, for their request for rectification: corrected again in
   * the restored register (Art. 16), under the request.
   */
  rectifications_replayed: string[];
  /**
   * Data-subject requests logged or taken further after the backup was
   * made: carried over, so that none passes its deadline unanswered.
   */
  requests_carried: number;
  /**
   * Customers (by number) with a request carried over whom the restored
   * register does not have (added after the backup, and not erased): the
   * request is kept without its customer, to be answered all the same.
   */
  requests_without_customer: string[];
  /**
   * Restrictions (Art. 18) placed or lifted after the backup was made:
   * carried over for the customers the restored register has.
   */
  restrictions_carried: number;
  /**
   * Customers (by number) restricted in the register, added after the
   * backup, whom the restored register does not have: should an import
   * bring them back, they must be restricted again.
   */
  restrictions_lost: string[];
  /**
   * The copy of the register as it was just before the restore.
   */
  safety_backup?: LoggedBackup | null;
  /**
   * The settings (by key) changed after the backup was made: changed
   * again, each in its place among the erasures and sweeps made again, so
   * that these delete under the retention periods then in force.
   */
  settings_carried: string[];
  /**
   * Sign-ups for courses and events recorded, or marked attended or
   * cancelled, after the backup was made: as the register had them.
   */
  signups_carried: number;
  /**
   * Customers (by number) with such a sign-up whom the restored register
   * does not have.
   */
  signups_lost: string[];
  /**
   * The numbers of the orders the restored register has whose status was
   * changed after the backup was made: changed again to the register's.
   */
  statuses_carried: string[];
  /**
   * The days of the retention sweeps made after the backup, made again:
   * what they deleted is not brought back (Art. 5(1)(e)).
   */
  sweeps_replayed: string[];
  /**
   * Customers created and erased after the backup: their tombstones carried over.
   */
  tombstones_carried: number;
  /**
   * Such customers (by number) the restored register cannot give back
   * (it restricts, erases or holds the customer kept): still merged
   * there, to be undone by hand.
   */
  unmerges_lost: string[];
  /**
   * Customers (by number) whose merge into another was undone after the
   * backup was made: given back their records again in the restored
   * register, before the merges are carried.
   */
  unmerges_replayed: string[];
  /**
   * Objections to the recording of web activity (Art. 21(1)) made or
   * lifted after the backup was made: carried over for the customers the
   * restored register has.
   */
  web_objections_carried: number;
  /**
   * Customers (by number) who objected after the backup, and whom the
   * restored register does not have: should an import bring them back,
   * the recording of their web activity must be stopped again.
   */
  web_objections_lost: string[];
  /**
   * Consents withdrawn after the backup was made (Art. 7(3)): withdrawn
   * in the restored register too.
   */
  withdrawals_carried: number;
}
/**
 * A customer erased after the backup whom the restored register would not erase again.
 */
export interface NotErasedAgain {
  /**
   * The customer's number.
   */
  number: string;
  /**
   * Why, in English, as the command line says it.
   */
  reason: string;
  /**
   * Why, for the window to say in its language.
   */
  why: Message;
}
/**
 * One change of a setting: the value set, when and by whom (migration 47;
 * the audit trail holds digests, not values).
 */
export interface SettingChange {
  key: string;
  set_at: string;
  set_by: string;
  value: string;
}
/**
 * A setting whose value in force does not hold ([`Settings::problems`]).
 */
export interface SettingProblem {
  key: string;
  message: Message;
  value: string;
}
/**
 * A finished sweep and what it did.
 */
export interface SweepDone {
  counts: SweepCount[];
  run: SweepRun;
}
/**
 * How many records of one kind, under one rule, had one outcome.
 */
export interface SweepCount {
  action: SweepAction;
  category: Category;
  /**
   * The last day of the records' dates that the rule let go on the
   * sweep's day: each record counted is dated on or before it, by the
   * date its retention is counted from. Left out for a sweep of a
   * register older than migration 52. Added to version 1 of the sweep
   * summary's schema without making it required, as is `dated_by`.
   */
  cutoff?: string | null;
  /**
   * The kind of record whose date `cutoff` is: the customer's (their last
   * activity) for the records an inactive customer's erasure took, else
   * the record's own (an order's date, the day a note's matter closed).
   * Given with `cutoff`.
   */
  dated_by?: RecordKind | null;
  entity: RecordKind;
  records: number;
  rule: string;
}
export interface SweepRun {
  as_of: string;
  /**
   * The audit trail's oldest entries it removed ([`crate::audit::purge`]).
   */
  audit_removed: number;
  batches: number;
  finished_at?: string | null;
  id: number;
  started_at: string;
  started_by: string;
  state: SweepState;
}
/**
 * A sweep made (or cut off), as the list of sweeps shows it.
 */
export interface SweepListed {
  /**
   * Accounting records of the customers it erased, kept under a pseudonym (BFL 7 kap.).
   */
  kept: number;
  /**
   * Records it deleted, and customers it anonymised.
   */
  removed: number;
  run: SweepRun;
}
/**
 * What a sweep on `as_of` would do.
 */
export interface SweepPreview {
  as_of: string;
  /**
   * The audit trail's oldest entries it would remove, older than the
   * records of requests are kept ([`crate::audit::purge`]).
   */
  audit_entries: number;
  /**
   * Records due, by kind and rule (customers are erased: their other records go or are pseudonymised with them).
   */
  counts: SweepCount[];
  /**
   * Records past their end that legal holds, restrictions or open requests keep.
   */
  held: number;
  /**
   * Of those, how many each keeps (a record kept by more than one under
   * the first, [`super::due::Keeper`]); only those that keep any.
   */
  held_by: KeptCount[];
  /**
   * The unfinished sweep of the same day that this one would resume.
   */
  resumes?: number | null;
  total: number;
}
/**
 * What a file of the trail holds.
 */
export interface TrailExportSummary {
  /**
   * SHA-256 of the file's bytes.
   */
  digest: string;
  /**
   * The entries in the file.
   */
  entries: number;
  path: string;
}
/**
 * What checking a file of the trail found.
 */
export interface TrailFileCheck {
  entries: number;
  /**
   * Pairs of entries following each other whose link was checked.
   */
  links: number;
  newest?: number | null;
  /**
   * The newest entry's hash: the head `audit verify` reports on the
   * register, if nothing was recorded after the file was saved.
   */
  newest_hash?: string | null;
  /**
   * The oldest and the newest entry in the file.
   */
  oldest?: number | null;
  /**
   * Each row whose hash or link does not hold, by its line.
   */
  problems: Problem[];
}
/**
 * A page of the trail, newest first.
 */
export interface TrailPage {
  entries: TrailEntry[];
  /**
   * Older entries match too: ask again with `before` the last one's seq.
   */
  more: boolean;
}
/**
 * One entry as people read it: the entry as the chain holds it, and the
 * customer it concerns by number.
 */
export interface TrailEntry {
  action: string;
  actor: string;
  after_digest?: string | null;
  at: string;
  before_digest?: string | null;
  customer_id?: CustomerId | null;
  /**
   * The customer's number as the register holds it now: an erased
   * customer's pseudonym, a merged customer's number of before the merge
   * (a web shop number of the one kept now), none where the customer's
   * row is gone.
   */
  customer_number?: string | null;
  entity: string;
  entity_id: string;
  hash: string;
  prev_hash: string;
  /**
   * An order's or invoice's number, by which people know it (the entry
   * names its id); none for other records, or where the record is gone.
   */
  record_number?: string | null;
  seq: number;
}
/**
 * Which entries to read. Every part left out reads them all.
 */
export interface TrailQuery {
  /**
   * An action ("customer.erase") or the group of actions its first word
   * names ("customer", "request", "document", "export").
   */
  action?: string | null;
  /**
   * Whose work: the name the trail records (the computer's account, or
   * the name given to the command line).
   */
  actor?: string | null;
  /**
   * Entries written before this one (the last entry of the page before).
   */
  before?: number | null;
  /**
   * The entries that concern this customer, or a customer merged into them.
   */
  customer?: CustomerId | null;
  /**
   * From this day on, on the shop's clock.
   */
  from?: string | null;
  /**
   * How many, at most [`MAX_PAGE`].
   */
  limit: number;
  /**
   * To this day, inclusive, on the shop's clock.
   */
  to?: string | null;
}
/**
 * A merge undone.
 */
export interface Unmerged {
  /**
   * The customer the merge kept, as saved.
   */
  kept: Customer;
  /**
   * How many of each record went back to them.
   */
  moved: Moved;
  /**
   * The merged customer, theirs again.
   */
  restored: Customer;
  /**
   * Their phone as people read it, as the customer page's `phone_display`
   * ([`super::phone::of_customer`]); `restored.phone` is in E.164.
   */
  restored_phone_shown?: string | null;
  /**
   * The kept customer's details given back as they were before the merge.
   */
  reverted: string[];
}
/**
 * The outcome of walking the chain.
 */
export interface Verification {
  /**
   * The first entry that does not hold, and why; `None` when the chain is whole.
   */
  broken?: Break | null;
  entries: number;
  head: string;
}
export interface Break {
  /**
   * What does not hold, for the window to say in its language.
   */
  kind: BreakKind;
  /**
   * The same in English, with the entries concerned.
   */
  reason: string;
  seq: number;
}
/**
 * A customer's web activity that an erasure would erase: how many events,
 * and the times of the first and the last; and how many a legal hold keeps.
 */
export interface WebActivity {
  customer_id: CustomerId;
  events: number;
  first_at: string;
  /**
   * The events a legal hold keeps, which stay (Art. 17(3)(e)).
   */
  held: number;
  last_at: string;
}
/**
 * The financial years shown where their settings are saved.
 */
export interface YearsShown {
  /**
   * Said where the register's first order is dated before the earliest
   * day the law lets the first year begin.
   */
  note?: Message | null;
  /**
   * The years around a first year and each change, each its first and
   * last day ([`FinancialYears::around_changes`]).
   */
  years: [string, string][];
}
