/* Generated from the Rust types by json-schema-to-typescript (npm run types). Do not edit. */

export type Backend = "sqlite" | "postgres";
export type Language = "sv" | "nb" | "en";
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
export type Source = "data_subject" | "observed" | "shop";
/**
 * Categories as stored: comma-separated codes in one TEXT column.
 */
export type CategoryList = Category[];
export type ProcessorRole = "processor" | "recipient";
/**
 * A customer's row id (not the shop's customer number).
 */
export type CustomerId = number;
export type CustomerState = "active" | "restricted" | "erased";
export type RegistrationStatus = "registered" | "attended" | "cancelled";
export type Channel = "meeting" | "phone" | "email" | "letter" | "document" | "web_form";
export type Direction = "inbound" | "outbound";
export type InvoiceKind = "invoice" | "reminder";
export type OrderStatus = "placed" | "paid" | "shipped" | "cancelled" | "refunded";
export type RequestKind =
  "access" | "rectification" | "erasure" | "restriction" | "portability" | "objection" | "withdraw_consent";
export type RequestState = "received" | "identity_verified" | "in_progress" | "answered" | "refused" | "closed";
export type RecordKind =
  "order" | "invoice" | "customer" | "interaction" | "web_event" | "consent" | "event_registration" | "request";
export type Format = "pdf" | "json";
/**
 * One step of the workflow, with what it records. The app sends it as
 * `{"step": "extend", "reason": "..."}`.
 */
export type Step =
  | {
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

/**
 * Every type the window and the commands exchange. Generated from the Rust types; do not edit.
 */
export interface KundvaktApp {
  AppInfo?: AppInfo;
  Catalogue?: Catalogue;
  CommandError?: CommandError;
  Customer?: Customer;
  CustomerInput?: CustomerInput;
  CustomerPage?: CustomerPage;
  DemoSummary?: DemoSummary;
  DueReport?: DueReport;
  Format?: Format;
  Language?: Language;
  Page?: Page;
  Progress?: Progress;
  RequestKind?: RequestKind;
  RequestView?: RequestView;
  Step?: Step;
}
/**
 * What the window shows about the register it has open.
 */
export interface AppInfo {
  backend: Backend;
  country: string;
  customers: number;
  language: Language;
  register: string;
  today: string;
  version: string;
}
/**
 * The whole catalogue, as `processing show` and the documents read it.
 */
export interface Catalogue {
  assessments: Assessment[];
  categories: CategoryProcessing[];
  processors: Processor[];
}
/**
 * A documented legitimate-interest assessment (Art. 6(1)(f)).
 */
export interface Assessment {
  assessed_on: string;
  author: string;
  balancing: string;
  id: number;
  interest: string;
  necessity: string;
  outcome: string;
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
export interface CommandError {
  code: string;
  field?: string | null;
  message: string;
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
  consents: Consent[];
  customer: Customer;
  event_registrations: EventRegistration[];
  history: StoredEntry[];
  interactions: Interaction[];
  invoices: Invoice[];
  orders: Order[];
  requests: Request[];
  web_events: WebEvent[];
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
  text_version: string;
  withdrawn_at?: string | null;
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
  amount: Money;
  due_on?: string | null;
  id: number;
  issued_on: string;
  kind: InvoiceKind;
  number: string;
  order_id: number;
}
/**
 * An amount as a decimal string with a point, and its ISO 4217 currency; never a float.
 */
export interface Money {
  amount: string;
  currency: string;
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
  started_on?: string | null;
  state: RequestState;
  verified_on?: string | null;
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
 * The retention view on a day.
 */
export interface DueReport {
  as_of: string;
  /**
   * What falls due in each of the next 24 months.
   */
  forecast: MonthDue[];
  /**
   * Records past their end that a legal hold keeps.
   */
  held: DueItem[];
  /**
   * Everything that may be deleted on `as_of`: `retain_until` before it, not held.
   */
  items: DueItem[];
  /**
   * Of those, how many were due before today (should have gone already).
   */
  overdue: number;
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
 * One record past (or reaching) its retention end.
 */
export interface DueItem {
  entity: RecordKind;
  id: number;
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
 * A page of a longer list.
 */
export interface Page {
  items: Customer[];
  offset: number;
  total: number;
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
  started_on?: string | null;
  state: RequestState;
  verified_on?: string | null;
}
