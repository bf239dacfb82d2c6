// The requests inbox: most urgent first, overdue and due-within-seven-days
// marked, and the workflow's next steps at hand; a request's number opens it
// whole beneath its row (request.ts). The list as shown can be saved as CSV
// (audited), for whoever asks the shop to show that it answered in time.
import { api } from "../api";
import { clear, customerLink, h, type OpenCustomer } from "../dom";
import type { AppInfo, RequestDetail, RequestView, Step } from "../generated/app-types";
import { wallClock, wallDate } from "../clock";
import { formatDate, language, t } from "../i18n";
import { errorText } from "./errors";
import { erasedPart, heldBackParts, isOpen, logRequestForm, onCustomerLink, showRequest } from "./request";

/** The inbox; `openCustomer` goes to a request's customer on the Register screen. */
export async function requestsView(
  main: HTMLElement,
  _info: AppInfo,
  openCustomer: OpenCustomer,
  open: number | null,
): Promise<void> {
  onCustomerLink(openCustomer);
  let showDone = false;
  /** The request opened beneath its row, kept open when the list is drawn again. */
  let opened: number | null = open;
  const status = h("p", { class: "status", role: "status" });
  // Busy while the list is being drawn again (a step taken, the toggle changed): a screen reader waits for the rows, and so do the checks.
  const body = h("div", { id: "requests-body", "aria-busy": "false" });
  let drawing = 0;
  const toggle = h("input", { type: "checkbox", id: "show-done" });
  toggle.addEventListener("change", () => {
    showDone = toggle.checked;
    void draw();
  });
  const saveList = h("button", { type: "button", id: "requests-save" }, t("ui-requests-save"));
  saveList.addEventListener("click", () => {
    saveList.disabled = true;
    api
      .requestsSave(showDone, language())
      .then((file) => (status.textContent = file ? t("ui-requests-saved", { requests: file.requests, path: file.path }) : ""))
      .catch((e: unknown) => (status.textContent = errorText(e)))
      .finally(() => (saveList.disabled = false));
  });
  // Someone the register has no customer for is owed an answer too, if only that nothing of them is held (Art. 15(1)).
  const personSlot = h("div", { id: "request-person-slot" });
  const logPerson = h("button", { type: "button", id: "request-person-open" }, t("ui-request-person"));
  logPerson.addEventListener("click", () => {
    if (personSlot.firstChild) return;
    const form = logRequestForm(null, (message = "") => {
      clear(personSlot);
      tell(message);
      void draw();
    });
    personSlot.append(form);
    form.querySelector("input")?.focus();
  });
  main.append(
    h("h1", {}, t("ui-requests-title")),
    h("div", { class: "actions" }, h("label", { class: "check" }, toggle, " ", t("ui-show-done")), saveList, logPerson),
    personSlot,
    status,
    body,
  );

  /** Saves a request's document where the user chooses. */
  function save(kind: "receipt" | "notice", request: number): void {
    void api
      .documentSave(kind, { request }, "pdf", null)
      .then((path) => {
        if (path) tell(t("ui-report-saved", { path }));
      })
      .catch((e: unknown) => tell(errorText(e)));
  }

  /** A word on the status line, brought into view: a row far down the list would otherwise leave it out of sight. */
  function tell(text: string): void {
    status.textContent = text;
    status.scrollIntoView({ block: "nearest" });
  }

  /** Takes step `s`; a refusal is said by `fail` (by default on the screen's status line, brought into view). */
  async function step(r: RequestView, s: Step, fail = (e: unknown) => tell(errorText(e))): Promise<void> {
    try {
      await api.requestStep(r.id, s);
      clear(status);
      // An extension or a refusal is told to the person with its reasons
      // (Art. 12(3), (4)): the notice is offered at once, as a refused
      // request leaves the list of open ones.
      if (s.step === "extend" || s.step === "refuse") {
        status.append(
          t("ui-notice-owed", { id: r.id }),
          " ",
          h("button", { type: "button", id: `notice-${r.id}`, onclick: () => save("notice", r.id) }, t("ui-notice")),
        );
      }
      await draw();
    } catch (e) {
      fail(e);
    }
  }

  /** A step that takes words (a reason, the answer; how the identity was checked, which may be left out): a small inline form. */
  function withText(r: RequestView, labelKey: string, make: (text: string) => Step, cell: HTMLDivElement, required = true, value = ""): void {
    clear(cell);
    const id = `text-${r.id}`;
    const input = h("input", { id, required, value, placeholder: required ? null : t("ui-verify-how-example"), "aria-describedby": `${id}-error` });
    // A refusal (an answer before the copy is made, a reason too long) is said beneath the form, in the row.
    const refused = h("p", { class: "error", id: `${id}-error`, role: "alert", hidden: true });
    const form = h(
      "form",
      { class: "inline" },
      h("label", { for: id }, t(labelKey)),
      input,
      h("button", { type: "submit", class: "primary" }, t("ui-save")),
      h("button", { type: "button", onclick: () => void draw() }, t("ui-cancel")),
    );
    form.addEventListener("submit", (e) => {
      e.preventDefault();
      void step(r, make(input.value), (err) => {
        refused.textContent = errorText(err);
        refused.hidden = false;
        input.setAttribute("aria-invalid", "true");
        input.focus();
      });
    });
    cell.append(form, refused);
    input.focus();
  }

  function actions(r: RequestView): HTMLElement {
    const cell = h("div", { class: "actions" });
    const b = (key: string, onclick: () => void) => h("button", { type: "button", "data-action": key, onclick }, t(key));
    const s = r.state;
    if (s === "received")
      cell.append(b("ui-step-verify", () => withText(r, "ui-verify-how", (how) => ({ step: "verify", how: how.trim() || null }), cell, false)));
    if (s === "identity_verified") cell.append(b("ui-step-start", () => void step(r, { step: "start" })));
    if (s === "identity_verified" || s === "in_progress")
      cell.append(b("ui-step-answer", () => void answerForm(r, cell)));
    // Art. 12(3): an extension must be told within the first month; past it the core refuses, so it is not offered.
    if (isOpen(s) && !r.extended_due_date && r.days_left >= 0)
      cell.append(b("ui-step-extend", () => withText(r, "ui-reason", (reason) => ({ step: "extend", reason }), cell)));
    if (isOpen(s))
      cell.append(b("ui-step-refuse", () => void refuseForm(r, cell)));
    if (s === "answered" || s === "refused") cell.append(b("ui-step-close", () => void step(r, { step: "close" })));
    cell.append(b("ui-receipt", () => save("receipt", r.id)));
    // What the person must be told, with the reasons: an extension (Art. 12(3)) or a refusal (Art. 12(4));
    // to someone the register has no customer for, the answer that nothing of them is held (Art. 15(1)).
    const nothingHeld = r.requester != null && r.customer == null && r.answer != null && !r.refusal_reason;
    if (nothingHeld) cell.append(b("ui-nothing-held-letter", () => save("notice", r.id)));
    else if (r.refusal_reason || r.extended_due_date) cell.append(b("ui-notice", () => save("notice", r.id)));
    return cell;
  }

  /** The answer's form, begun with what answered the request: the documents made for it, the corrections made for it; what the answer still waits for, said. */
  async function answerForm(r: RequestView, cell: HTMLDivElement): Promise<void> {
    const detail = await api.requestDetail(r.id).catch(() => null);
    withText(r, "ui-answer-text", (answer) => ({ step: "answer", answer }), cell, true, detail ? whatAnswered(detail) : "");
    // Said before the answer is sent: the core waits for the copy, which cannot be made for the request once answered.
    const copy = r.kind === "access" || r.kind === "portability" ? r.kind : null;
    if (detail && copy && r.customer_name !== null && !detail.documents.some((d) => d.kind === copy)) {
      cell.append(h("p", { class: "notice", "data-hint": "copy-first" }, t("msg-answer-without-copy", { request: r.id, kind: r.kind, customer: r.customer_number ?? "" })));
    }
    // Likewise an erasure request waits for the erasure, or the removal of the details or records asked for (Art. 17(1)); an erased customer's name is gone.
    if (r.kind === "erasure" && r.customer_name !== null && !(detail && erasedPart(detail))) {
      cell.append(h("p", { class: "notice", "data-hint": "erase-first" }, t("msg-answer-without-erasure", { request: r.id, customer: r.customer_number ?? "" })));
    }
  }

  /**
   * The refusal's form; for a request for erasure whose records a legal hold keeps, begun with that reason and
   * what is erased once it is lifted (Art. 12(4), 17(3)(e)).
   */
  async function refuseForm(r: RequestView, cell: HTMLDivElement): Promise<void> {
    const detail = r.kind === "erasure" ? await api.requestDetail(r.id).catch(() => null) : null;
    const kept = detail ? heldBackParts(detail, (at) => formatDate(wallDate(wallClock(new Date(at))))) : [];
    const reason = kept.length > 0 ? t("ui-answer-held-back", { parts: kept.join("; ") }) : "";
    withText(r, "ui-reason", (text) => ({ step: "refuse", reason: text }), cell, true, reason);
  }

  function urgency(r: RequestView): HTMLElement {
    if (r.overdue) return h("span", { class: "badge overdue" }, t("ui-overdue", { days: -r.days_left }));
    if (r.due_soon && r.days_left === 0) return h("span", { class: "badge soon" }, t("ui-due-today"));
    if (r.due_soon) return h("span", { class: "badge soon" }, t("ui-due-soon", { days: r.days_left }));
    return h("span", {}, isOpen(r.state) ? String(r.days_left) : "");
  }

  /** Draws the list again, busy meanwhile. */
  async function draw(): Promise<void> {
    drawing += 1;
    body.setAttribute("aria-busy", "true");
    try {
      await drawList();
    } finally {
      drawing -= 1;
      if (drawing === 0) body.setAttribute("aria-busy", "false");
    }
  }

  /** The requests as the register has them now, most urgent first. */
  async function drawList(): Promise<void> {
    let list = await api.requestsList(showDone);
    if (!showDone && opened !== null && !list.some((r) => r.id === opened)) {
      // The request to show is answered or closed: the list shows those too.
      showDone = true;
      toggle.checked = true;
      list = await api.requestsList(true);
    }
    clear(body);
    if (list.length === 0) {
      body.append(h("p", { class: "hint" }, t("ui-requests-empty")));
      return;
    }
    body.append(
      h(
        "table",
        { class: "data requests", id: "requests" },
        h("caption", { class: "sr-only" }, t("ui-requests-title")),
        h(
          "thead",
          {},
          h("tr", {}, ...["col-number", "col-name", "col-kind", "col-state", "col-received", "col-due", "ui-days-left", "ui-actions"].map((k) => h("th", { scope: "col" }, t(k)))),
        ),
        h(
          "tbody",
          {},
          ...list.flatMap((r) => [
            h(
              "tr",
              { class: r.overdue ? "request-row overdue" : r.due_soon ? "request-row soon" : "request-row", "data-id": r.id },
              h("td", {}, number(r)),
              h("td", {}, customerCell(r)),
              h("td", {}, t(`kind-${r.kind}`)),
              h("td", {}, t(`request-state-${r.state}`)),
              h("td", {}, formatDate(r.received)),
              h("td", {}, formatDate(r.due_date)),
              h("td", {}, urgency(r)),
              h("td", {}, actions(r)),
            ),
            ...(opened === r.id ? [detailRow(r)] : []),
          ]),
        ),
      ),
    );
  }

  /** The request's customer: a link to their page, where the rights are acted on. */
  function customerCell(r: RequestView): HTMLElement | string {
    if (r.requester != null) return t("ui-requester-cell", { who: r.requester });
    // An erased customer's name is gone: said so, by the number the erasure kept.
    const text =
      r.customer_name != null
        ? `${r.customer_name} (${r.customer_number ?? ""})`
        : r.customer_number
          ? t("ui-request-erased-customer", { number: r.customer_number })
          : t("ui-request-without-customer");
    if (r.customer == null || !r.customer_number) return text;
    return customerLink(r.customer, r.customer_number, openCustomer, text);
  }

  /** The request's number: a button that opens (or closes) the request beneath its row. */
  function number(r: RequestView): HTMLElement {
    const open = opened === r.id;
    return h(
      "button",
      {
        type: "button",
        class: "link",
        id: `request-${r.id}`,
        "aria-expanded": open ? "true" : "false",
        "aria-controls": open ? `request-detail-${r.id}` : null,
        title: t("ui-request-show", { id: r.id }),
        onclick: () => {
          opened = open ? null : r.id;
          void draw();
        },
      },
      String(r.id),
    );
  }

  function detailRow(r: RequestView): HTMLElement {
    const box = h("div", { class: "request-detail", id: `request-detail-${r.id}` });
    void showRequest(box, r.id);
    return h("tr", { class: "request-detail-row" }, h("td", { colspan: 8 }, box));
  }

  await draw();
  // Sent here for one request (from the customer page): it is in view.
  if (open !== null) document.getElementById(`request-detail-${open}`)?.scrollIntoView({ block: "nearest" });
}

/**
 * What answered a request, for its answer's record: "Sent: Access report (PDF,
 * SHA-256 5310b7848ed88a47…)" for the documents, "Corrected: Phone, City" for
 * the corrections made for a request for rectification.
 */
function whatAnswered(d: RequestDetail): string {
  const said: string[] = [];
  const answering = d.documents.filter((x) => x.kind === "access" || x.kind === "portability" || x.kind === "erasure");
  if (answering.length > 0) {
    const list = answering.map((x) => `${t(`document-kind-${x.kind}`)} (${x.format.toUpperCase()}, SHA-256 ${x.digest.slice(0, 16)}…)`);
    said.push(t("ui-answer-documents", { documents: list.join("; ") }));
  }
  const parts = [...new Set(d.corrections.flatMap((k) => k.changes.map((x) => t(`corrected-${x.field}`))))];
  if (parts.length > 0) said.push(t(d.kind === "erasure" ? "ui-answer-removed" : "ui-answer-corrected", { parts: parts.join(", ") }));
  const notes = d.notes_erased.map((e) => `${formatDate(wallDate(wallClock(new Date(e.occurred_at))))} (${t(`channel-${e.channel}`)})`);
  if (notes.length > 0) said.push(t("ui-answer-notes-erased", { notes: notes.join(", ") }));
  const signups = d.signups_erased.map((e) => formatDate(e.event_date));
  if (signups.length > 0) said.push(t("ui-answer-signups-erased", { dates: signups.join(", ") }));
  for (const w of d.web_activity_erased) {
    const day = (at: string) => formatDate(wallDate(wallClock(new Date(at))));
    // One visit erased alone is named as one, as the confirmation names it.
    const one = w.events === 1 && w.first_at === w.last_at;
    said.push(one ? t("ui-answer-web-visit-erased", { date: day(w.first_at) }) : t("ui-answer-web-erased", { first: day(w.first_at), last: day(w.last_at), events: w.events }));
  }
  // Of someone the register has no customer for, nothing is held (Art. 15(1)).
  if (d.requester != null && d.customer == null) said.push(t("ui-answer-nothing-held"));
  // Of a person erased, nothing is left to correct, restrict or stop but what the law keeps (Art. 12(4), 18(2)).
  const erased = d.customer_erased;
  if (erased && erased.request !== d.id && d.kind !== "access" && d.kind !== "portability") said.push(t("ui-answer-erased", { customer: d.customer_number ?? "" }));
  // What a legal hold keeps is the part of the request refused for now, with its reason (Art. 12(4)).
  const kept = heldBackParts(d, (at) => formatDate(wallDate(wallClock(new Date(at)))));
  if (kept.length > 0) said.push(t("ui-answer-held-back", { parts: kept.join("; ") }));
  return said.join(" ");
}
