// One request whole, opened from the inbox: its dates and reasons, each step as
// the audit trail recorded it, and the documents produced for it with their
// digests (Art. 5(2): the shop can show what it did and what it handed out).
// An access or portability request that is ready to answer produces its
// documents here, so that they are recorded under it.
import { api, type DocumentIds } from "../api";
import { dateField } from "../datefield";
import { h, table, type OpenCustomer } from "../dom";
import type { Channel, DocumentKind, Format, Language, RequestDetail, RequestKind, RequestState } from "../generated/app-types";
import { shopToday, wallClock, wallDate } from "../clock";
import { actionName, formatDate, formatDateTime, language, LANGUAGES, t } from "../i18n";
import { correctionsTable } from "./corrections";
import { errorText, pageError } from "./errors";
import { maybeSameNotice } from "./likeness";
import { CHANNELS, recordForm, type Reload } from "./records";
import { isVerified } from "./rights";

const KINDS: RequestKind[] = ["access", "rectification", "erasure", "restriction", "portability", "objection", "withdraw_consent"];

/** Whether a request in `state` still waits for its answer: received, its identity verified, or in progress. */
export function isOpen(state: RequestState): boolean {
  return state === "received" || state === "identity_verified" || state === "in_progress";
}

/** Goes to a customer on the Register screen: set by the inbox, which the request pages are opened from. */
let toCustomer: OpenCustomer = () => {};

export function onCustomerLink(go: OpenCustomer): void {
  toCustomer = go;
}

/** While a request is open, the others who may be the same person as its customer (Art. 15, 17), each opening their page. */
function maybeSame(r: RequestDetail): HTMLElement | string {
  return r.maybe_same.length === 0 ? "" : maybeSameNotice(`request-maybe-same-${r.id}`, r.maybe_same, r.maybe_same_more, (m) => toCustomer(m.id, m.number));
}

/**
 * "Log a request" of a customer: its kind, the day it came and how. The
 * deadline counts from the day it was received (Art. 12(3)), not from the day
 * it is logged, so a letter of last week is logged with its own day. Where
 * `customer` is null, of someone the register has no customer for, named as
 * they named themselves: they are owed an answer too (Art. 15(1)).
 */
export function logRequestForm(customer: number | null, reload: Reload, logged?: (id: number) => void): HTMLFormElement {
  const today = shopToday();
  // Of a person erased too: every request is answered within its month (Art. 12(3)-(4)).
  // Of someone with no customer: who, and the language of the letters to them (Art. 12(1)), the window's unless chosen.
  const who =
    customer === null
      ? [
          { name: "requester", label: "ui-requester", control: h("input", { maxlength: 500, placeholder: t("ui-requester-example") }) },
          { name: "language", label: "ui-requester-language", control: h("select", {}, ...LANGUAGES.map((l) => h("option", { value: l, selected: l === language() }, t(`language-${l}`)))) },
        ]
      : [];
  return recordForm(
    customer === null ? "request-person" : "request-new",
    [
      ...who,
      { name: "kind", label: "ui-request-kind", control: h("select", {}, ...KINDS.map((k) => h("option", { value: k }, t(`kind-${k}`)))) },
      { name: "received", label: "ui-request-received-on", control: dateField({ value: today, max: today, required: true }) },
      { name: "channel", label: "ui-request-channel", control: h("select", {}, ...CHANNELS.map((c) => h("option", { value: c, selected: c === "email" }, t(`channel-${c}`)))) },
    ],
    "ui-request-log",
    (f) => {
      if (!f.value("received")) return f.fail(pageError("received", t("ui-date-needed")));
      void api
        .requestOpen(
          customer,
          f.value("kind") as RequestKind,
          f.value("received"),
          f.value("channel") as Channel,
          customer === null ? f.value("requester") : null,
          customer === null ? (f.value("language") as Language) : null,
        )
        .then((r) => {
          reload(t("ui-request-logged", { id: r.id, due: formatDate(r.due_date) }));
          logged?.(r.id);
        })
        .catch((e: unknown) => f.fail(e));
    },
  ).form;
}

/** How a request came, in words where it is one of the channels the window offers. */
function channelName(channel: string): string {
  return (CHANNELS as string[]).includes(channel) ? t(`channel-${channel}`) : channel;
}

/** The facts of a request that are set: label and value. */
function facts(r: RequestDetail): HTMLElement {
  const rows: Array<[string, string | null | undefined]> = [
    ["ui-request-customer", r.customer_number ? `${r.customer_name ?? ""} (${r.customer_number})`.trim() : null],
    ["ui-requester", r.requester],
    ["ui-requester-language", r.requester_language ? t(`language-${r.requester_language}`) : null],
    ["col-received", formatDate(r.received)],
    ["ui-request-channel", r.channel ? channelName(r.channel) : null],
    ["ui-request-deadline", formatDate(r.due_date)],
    ["ui-request-first-deadline", r.extended_due_date ? formatDate(r.first_due_date) : null],
    ["ui-request-extended", r.extended_due_date ? formatDate(r.extended_due_date) : null],
    ["ui-request-extension-reason", r.extension_reason],
    ["ui-request-verified", r.verified_on ? formatDate(r.verified_on) : null],
    ["ui-verify-how", r.verification],
    ["ui-request-started", r.started_on ? formatDate(r.started_on) : null],
    ["ui-request-answered", r.answered_on ? formatDate(r.answered_on) : null],
    ["ui-answer-text", r.answer],
    ["ui-request-refused", r.refusal_reason],
    ["ui-request-closed", r.closed_on ? formatDate(r.closed_on) : null],
  ];
  return h("dl", { class: "fields" }, ...rows.filter(([, v]) => v).flatMap(([k, v]) => [h("dt", {}, t(k)), h("dd", {}, v ?? "")]));
}

/**
 * What a legal hold keeps of what the request asked to erase, as people name it: a note by its contact's time
 * (`when` formats it) and way, a sign-up by its course's day, the web events counted.
 */
export function heldBackParts(d: RequestDetail, when: (at: string) => string): string[] {
  const parts: string[] = [];
  for (const b of d.held_back) {
    if (b.entity === "interaction" && b.occurred_at && b.channel) parts.push(t("ui-held-back-note", { date: when(b.occurred_at), channel: t(`channel-${b.channel}`) }));
    if (b.entity === "event_registration" && b.event_date) parts.push(t("ui-held-back-signup", { date: formatDate(b.event_date) }));
  }
  const web = d.held_back.filter((b) => b.entity === "web_event").length;
  if (web > 0) parts.push(t("ui-held-back-web", { events: web }));
  return parts;
}

/** Whether some details, notes, sign-ups or web activity were erased for the request, where the person asked for those only. */
export function erasedPart(d: RequestDetail): boolean {
  return d.corrections.length > 0 || d.notes_erased.length > 0 || d.signups_erased.length > 0 || d.web_activity_erased.length > 0;
}

/** Buttons that save the request's documents (`ids` naming what each is of) and draw the page again to list them. */
function offering(r: RequestDetail, ids: DocumentIds, offers: Array<[DocumentKind, Format, string]>, box: HTMLElement, status: HTMLElement): HTMLElement {
  const make = (kind: DocumentKind, format: Format) => () =>
    void api
      .documentSave(kind, ids, format, null)
      .then((path) => {
        // Drawn again, to list the document just recorded.
        if (path) void showRequest(box, r.id, t("ui-request-for", { path, id: r.id }));
      })
      .catch((e: unknown) => (status.textContent = errorText(e)));
  return h(
    "div",
    { class: "actions" },
    ...offers.map(([kind, format, label]) => h("button", { type: "button", "data-document": `${kind}-${format}`, onclick: make(kind, format) }, t(label))),
  );
}

/**
 * The confirmation of what a request for erasure of some of a person's data
 * erased (Art. 17(1)): offered once something was, while the person is a
 * customer still (one erased whole had theirs with the erasure).
 */
function confirming(r: RequestDetail, box: HTMLElement, status: HTMLElement): HTMLElement | null {
  if (r.kind !== "erasure" || r.customer_name == null || !erasedPart(r)) return null;
  const offers: Array<[DocumentKind, Format, string]> = [
    ["erasure", "pdf", "ui-erasure-confirmation-pdf"],
    ["erasure", "json", "ui-erasure-confirmation-json"],
  ];
  return offering(r, { request: r.id }, offers, box, status);
}

/**
 * The documents that answer an access or portability request, once its
 * identity is verified; beneath an access report's, how many of its records
 * it tells the person are to be deleted (`pastDue`), as the preview says:
 * the shop answers with them, and deletes them afterwards.
 */
function producing(r: RequestDetail, box: HTMLElement, status: HTMLElement, pastDue: number): HTMLElement | null {
  const open = isVerified(r.state);
  // A person erased asks: nothing of them is left to report or act on but
  // what the law keeps, which their erasure confirmation says (Art. 15(1), 12(4)).
  const erased = r.customer_erased;
  const offers: Array<[DocumentKind, Format, string]> = erased
    ? [["erasure", "pdf", "ui-erasure-confirmation-pdf"], ["erasure", "json", "ui-erasure-confirmation-json"]]
      : r.kind === "access"
        ? [["access", "pdf", "ui-report-pdf"], ["access", "json", "ui-report-json"]]
        : r.kind === "portability"
          ? [["portability", "json", "ui-portability"]]
          : [];
  if (offers.length === 0 || r.customer == null || !(open || r.state === "received")) return null;
  if (!open) return h("p", { class: "hint", id: `request-verify-first-${r.id}` }, t("ui-request-verify-first"));
  const made = offering(r, { customer: r.customer, request: r.id }, offers, box, status);
  if (!erased) return pastDue > 0 ? h("div", {}, made, h("p", { class: "notice", id: `request-past-due-${r.id}` }, t("ui-preview-past-due", { count: pastDue }))) : made;
  const said =
    erased.request === r.id ? "ui-request-erased-for-it" : r.kind === "access" || r.kind === "portability" ? "ui-request-erased-answer" : "ui-request-erased-other";
  const args = { customer: r.customer_number ?? "", date: formatDate(wallDate(wallClock(new Date(erased.at)))) };
  return h("div", {}, h("p", { class: "hint", id: `request-erased-${r.id}` }, t(said, args)), made);
}

/**
 * A request from someone the register has no customer for, while open: what
 * to do (search for every name, address and number they gave; answer that
 * nothing of them is held where none is theirs, Art. 15(1)), and the link to
 * the customer found, which makes it theirs.
 */
function unknownPerson(r: RequestDetail, box: HTMLElement): HTMLElement | null {
  // Of someone with no customer, or carried over by a restore without theirs.
  if (r.customer != null || !isOpen(r.state)) return null;
  const linked = (v: { customer_number?: string | null }) => showRequest(box, r.id, t("ui-request-linked", { id: r.id, customer: v.customer_number ?? "" }));
  const link = recordForm(
    `request-link-${r.id}`,
    [{ name: "customer", label: "field-customer-number", control: h("input", { maxlength: 40 }) }],
    "ui-request-link",
    (f) => {
      if (!f.value("customer")) return f.fail(pageError("customer", t("ui-customer-number-needed")));
      void api
        .requestLink(r.id, f.value("customer"))
        .then(linked)
        .catch((e: unknown) => f.fail(e));
    },
  );
  // The search the shop owes them, begun: each part of what they gave (a name, an address), each customer it finds offered.
  const candidates = h("div", { class: "request-candidates", id: `request-candidates-${r.id}` });
  const parts = (r.requester ?? "")
    .split(/[,;<>()]/)
    .map((p) => p.trim())
    .filter((p) => p.length >= 3);
  void Promise.all(parts.map((p) => api.customersSearch(p, 5).catch(() => []))).then((lists) => {
    const found = new Map(lists.flat().map((c) => [c.id, c]));
    if (parts.length === 0) return;
    if (found.size === 0) {
      candidates.append(h("p", { class: "hint" }, t("ui-request-no-candidates", { searched: parts.join("; ") })));
      return;
    }
    candidates.append(
      h("p", {}, t("ui-request-candidates", { searched: parts.join("; ") })),
      h(
        "div",
        { class: "actions" },
        ...[...found.values()].map((c) =>
          h(
            "button",
            {
              type: "button",
              class: "small",
              "data-link": c.number,
              onclick: () => void api.requestLink(r.id, c.number).then(linked).catch((e: unknown) => link.fail(e)),
            },
            t("ui-request-link-to", { customer: `${c.name ?? ""} (${c.number})`.trim() }),
          ),
        ),
      ),
    );
  });
  return h("div", { class: "request-unknown" }, h("p", { class: "hint", id: `request-unknown-${r.id}` }, t("ui-request-no-customer")), candidates, link.form);
}

/** The request's page, in `box`, with `message` in its status line. */
export async function showRequest(box: HTMLElement, id: number, message = ""): Promise<void> {
  const status = h("p", { class: "status", role: "status" }, message);
  let r: RequestDetail;
  try {
    r = await api.requestDetail(id);
  } catch (e) {
    box.replaceChildren(h("p", { class: "error" }, errorText(e)));
    return;
  }
  // Counted before the request is drawn, so that the notice does not come in beneath it later.
  const answering = r.kind === "access" && r.customer != null && !r.customer_erased && isVerified(r.state);
  const pastDue = answering && r.customer != null ? await api.reportPastDue(r.customer, r.id).catch(() => 0) : 0;
  const documents =
    r.documents.length === 0
      ? h("p", { class: "hint" }, t("ui-request-no-documents"))
      : table(
          t("ui-request-documents"),
          [t("ui-col-time"), t("ui-col-document"), t("ui-col-format"), t("ui-col-language"), t("ui-col-digest"), t("col-by")],
          r.documents.map((d) => [formatDateTime(d.created_at), t(`document-kind-${d.kind}`), d.format.toUpperCase(), t(`language-${d.language}`), d.digest, d.actor ?? ""]),
          "request-documents",
        );
  box.replaceChildren(
    h("h2", {}, t("ui-request-title", { id: r.id, kind: t(`kind-${r.kind}`) })),
    facts(r),
    unknownPerson(r, box) ?? "",
    maybeSame(r),
    h("h3", {}, t("ui-request-steps")),
    table(
      t("ui-request-steps"),
      [t("ui-col-time"), t("ui-history-action"), t("col-by")],
      r.steps.map((e) => [formatDateTime(e.at), actionName(e.action), e.actor]),
      "request-steps",
    ),
    // A request for rectification is answered by the corrections made for it (Art. 16).
    ...(r.kind === "rectification"
      ? [
          h("h3", {}, t("ui-request-corrections")),
          h("p", { class: "meta" }, t("ui-request-corrections-hint")),
          r.corrections.length === 0 ? h("p", { class: "hint" }, t("ui-request-no-corrections")) : correctionsTable(r.corrections, "request-corrections"),
        ]
      : []),
    // An objection is answered on the customer's page, by what it objects to.
    ...(r.kind === "objection" && r.customer != null && !r.customer_erased ? [h("p", { class: "meta", id: "objection-hint" }, t("ui-request-objection-hint"))] : []),
    // A request to erase some details only is answered by removing them (Art. 17(1)): shown once there are any.
    ...(r.kind === "erasure" && r.corrections.length > 0
      ? [h("h3", {}, t("ui-request-removals")), correctionsTable(r.corrections, "request-corrections")]
      : []),
    // Notes erased alone for it (Art. 17(1)), named by their contact, never by what they said.
    ...(r.notes_erased.length > 0
      ? [
          h("h3", {}, t("ui-request-notes-erased")),
          table(
            t("ui-request-notes-erased"),
            [t("ui-col-time"), t("ui-col-erased-note"), t("col-by")],
            r.notes_erased.map((e) => [formatDateTime(e.erased_at), `${formatDateTime(e.occurred_at)} · ${t(`channel-${e.channel}`)}`, e.erased_by]),
            "request-notes-erased",
          ),
        ]
      : []),
    // Sign-ups erased alone for it, by the day of their event, never by the course.
    ...(r.signups_erased.length > 0
      ? [
          h("h3", {}, t("ui-request-signups-erased")),
          table(
            t("ui-request-signups-erased"),
            [t("ui-col-time"), t("ui-col-erased-signup"), t("col-by")],
            r.signups_erased.map((e) => [formatDateTime(e.erased_at), formatDate(e.event_date), e.erased_by]),
            "request-signups-erased",
          ),
        ]
      : []),
    // Web activity erased for it: how many events and when, never an address.
    ...(r.web_activity_erased.length > 0
      ? [
          h("h3", {}, t("ui-request-web-erased")),
          table(
            t("ui-request-web-erased"),
            [t("ui-col-time"), t("ui-col-erased-web"), t("col-by")],
            r.web_activity_erased.map((e) => [
              formatDateTime(e.erased_at),
              t("ui-erased-web-span", { first: formatDateTime(e.first_at), last: formatDateTime(e.last_at), events: e.events }) +
                (e.held > 0 ? t("ui-erased-web-held", { held: e.held }) : ""),
              e.erased_by,
            ]),
            "request-web-erased",
          ),
        ]
      : []),
    // What a legal hold keeps of what it asked to erase: erased under it when the hold is lifted (Art. 17(3)(e)).
    ...(r.held_back.length > 0
      ? [h("h3", {}, t("ui-request-held-back")), h("ul", { class: "request-held-back" }, ...heldBackParts(r, formatDateTime).map((p) => h("li", {}, p.charAt(0).toUpperCase() + p.slice(1))))]
      : []),
    h("h3", {}, t("ui-request-documents")),
    h("p", { class: "meta" }, t("ui-request-documents-hint")),
    documents,
    producing(r, box, status, pastDue) ?? "",
    confirming(r, box, status) ?? "",
    status,
  );
}
