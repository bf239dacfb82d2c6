// Recording what happens with a customer: a note of a call, meeting or e-mail,
// a consent they gave (with the text version, as Art. 7(1) asks the shop to be
// able to show), and a sign-up for a course or event. Each form opens under
// its section's table.
import { api, isCommandError } from "../api";
import { dateField, momentField, unreadDate } from "../datefield";
import { clear, h, table } from "../dom";
import type { Channel, CustomerPage, Direction, EventRegistration, Interaction, RegistrationStatus, WebEvent } from "../generated/app-types";
import { shopNow, shopToday, toUtc } from "../clock";
import { defaulted, formatDate, formatDateTime, t } from "../i18n";
import { errorText, pageError, showEach } from "./errors";
import { answerable } from "./rights";

export type Reload = (message?: string) => void;

/** How the shop and a customer are in touch (the interactions' and requests' channels). */
export const CHANNELS: Channel[] = ["phone", "email", "meeting", "letter", "document", "web_form"];
const DIRECTIONS: Direction[] = ["inbound", "outbound"];
const STATUSES: RegistrationStatus[] = ["registered", "attended", "cancelled"];

export interface Row {
  name: string;
  label: string;
  /** A field, or a group of boxes (a `div`), which the form labels as a group and whose value it does not read. */
  control: HTMLInputElement | HTMLSelectElement | HTMLTextAreaElement | HTMLDivElement;
}

/** A form of labelled rows, each with its slot for the core's message. */
export function recordForm(id: string, rows: Row[], submitLabel: string, onSubmit: (form: RecordForm) => void): RecordForm {
  const form = h("form", { id, class: "fields record", novalidate: true });
  const status = h("p", { class: "status", role: "status" });
  for (const r of rows) {
    const control = r.control;
    control.id = `${id}-${r.name}`;
    control.setAttribute("aria-describedby", `${id}-${r.name}-error`);
    const note = h("span", { class: "invalid-note", id: `${id}-${r.name}-error` });
    if (control instanceof HTMLDivElement) {
      const label = `${id}-${r.name}-label`;
      form.append(h("span", { class: "label", id: label }, t(r.label)), h("div", { role: "group", "aria-labelledby": label }, control, note));
    } else {
      control.name = r.name;
      form.append(h("label", { for: control.id }, t(r.label)), h("div", {}, control, note));
    }
  }
  form.append(h("span"), h("div", {}, h("button", { type: "submit", class: "primary", id: `${id}-submit` }, t(submitLabel)), status));
  const handle: RecordForm = {
    form,
    value(name) {
      const control = rows.find((r) => r.name === name)?.control;
      return control && !(control instanceof HTMLDivElement) ? control.value.trim() : "";
    },
    showAt(field, message) {
      const row = rows.find((r) => r.name === field);
      const slot = form.querySelector(`#${id}-${field}-error`);
      if (!row || !slot) return false;
      row.control.setAttribute("aria-invalid", "true");
      slot.textContent = message;
      row.control.focus();
      return true;
    },
    fail(err) {
      if (!showEach(err, (field, message) => handle.showAt(field, message))) status.textContent = errorText(err);
    },
    clear() {
      for (const el of Array.from(form.querySelectorAll(".invalid-note"))) el.textContent = "";
      for (const r of rows) r.control.removeAttribute("aria-invalid");
      status.textContent = "";
    },
  };
  form.addEventListener("submit", (e) => {
    e.preventDefault();
    handle.clear();
    // A date typed in a form the field cannot read is said at the field, before the core is asked.
    const unread = unreadDate(form);
    const row = unread && rows.find((r) => r.control === unread.field);
    if (unread && row) return void handle.showAt(row.name, unread.message);
    onSubmit(handle);
  });
  return handle;
}

export interface RecordForm {
  form: HTMLFormElement;
  value(name: string): string;
  /** Shows `message` at the row `field`, focused; false when the form has no such row. */
  showAt(field: string, message: string): boolean;
  /** Shows a failed save at each field it names (the first focused), else on the status line. */
  fail(err: unknown): void;
  /** Takes away the messages of an earlier attempt. */
  clear(): void;
}

/** A button that opens `make()`'s form beneath it (once): `look` small beside a section, primary where it is the screen's own first step. */
export function opener(id: string, label: string, make: () => HTMLFormElement, look = "small"): HTMLElement {
  const slot = h("div", {});
  const button = h("button", { type: "button", id, class: look }, t(label));
  button.addEventListener("click", () => {
    button.hidden = true;
    const form = make();
    slot.append(form);
    form.querySelector<HTMLElement>("select, input, textarea")?.focus();
  });
  return h("div", { class: "record-add" }, button, slot);
}

/** The form that corrects a note (Art. 16), filled in with what it says now; the audit trail records the correction. */
function correction(x: Interaction, slot: HTMLElement, reload: Reload, request: number | null): void {
  clear(slot);
  const summary = h("textarea", { rows: 3, maxlength: 5000 });
  summary.value = x.summary;
  const bookkeeping = h("input", { type: "checkbox", checked: x.bookkeeping });
  const rows: Row[] = [
    { name: "channel", label: "col-channel", control: h("select", {}, ...CHANNELS.map((c) => h("option", { value: c, selected: c === x.channel }, t(`channel-${c}`)))) },
    { name: "direction", label: "ui-direction", control: h("select", {}, ...DIRECTIONS.map((d) => h("option", { value: d, selected: d === x.direction }, t(`ui-direction-${d}`)))) },
    { name: "summary", label: "col-summary", control: summary },
    { name: "staff", label: "ui-staff", control: h("input", { maxlength: 100, value: x.staff ?? "" }) },
    { name: "bookkeeping", label: "ui-note-bookkeeping", control: bookkeeping },
  ];
  const f = recordForm("correct", rows, "ui-save", (form) => {
    void api
      .interactionEdit(
        x.id,
        {
          summary: form.value("summary"),
          staff: form.value("staff"),
          channel: form.value("channel") as Channel,
          direction: form.value("direction") as Direction,
          bookkeeping: bookkeeping.checked,
        },
        x,
        request,
      )
      .then(() => reload(request === null ? t("ui-saved") : `${t("ui-saved")} ${t("ui-correction-recorded-under", { id: request })}`))
      .catch((e: unknown) => form.fail(e));
  });
  slot.append(f.form);
  summary.focus();
}

/** The form that moves a note filed under the wrong customer to the right one, named by their customer number. */
function moving(x: Interaction, slot: HTMLElement, reload: Reload): void {
  clear(slot);
  const to = h("input", { maxlength: 40, autocomplete: "off" });
  const f = recordForm("move-note", [{ name: "customer", label: "ui-note-move-to", control: to }], "ui-note-move-yes", (form) => {
    const customer = form.value("customer");
    void api
      .interactionMove(x.id, customer)
      // The note was about the other person all along: whoever received the first customer's notes holds it
      // under the wrong name (Art. 19). Moved whatever the list's answer: without it, the plain notice.
      .then(async (moved) => {
        const told = await api.customerRecipients(moved.customer_id, "communications").catch(() => []);
        const names = told.map((r) => defaulted(r.name)).join(", ");
        reload(told.length > 0 ? t("ui-note-moved-tell", { customer, names }) : t("ui-note-moved", { customer }));
      })
      .catch((e: unknown) => form.fail(e));
  });
  slot.append(f.form);
  to.focus();
}

/**
 * What a confirmation box asks and does: a part of a person's data erased alone, or the recording of their web
 * activity stopped or taken up again.
 */
export interface Part<T = unknown> {
  /** The box's class and data attributes, which name the record. */
  box: Record<string, string | number>;
  /** The confirming button's id and label; its class, where not "danger" (nothing is erased). */
  yesId: string;
  yes: string;
  yesClass?: string;
  /** What the register says would be done, as the question to confirm; or why it may not be. */
  preview: () => Promise<string>;
  run: () => Promise<T>;
  /** What the page says once it is done, or how it says it from what was done. */
  done: string | ((result: T) => string);
  /**
   * Where a legal hold keeps the part (the register refuses with `heldKey`): the shop has it erased when the
   * hold is lifted, refusing that part of the request for now (Art. 17(3)(e)).
   */
  holdBack?: { heldKey: string; run: () => Promise<unknown>; done: string };
}

/**
 * Erasing part of a person's data for their request for erasure (Art.
 * 17(1)): a note, a sign-up, their web activity. The register first says
 * whether it may go (what the bookkeeping law or a legal hold keeps is
 * refused with the reason to give), then the shop confirms: it is gone for
 * good. The recording of web activity is stopped and taken up again in the
 * same box, its question asked without the register.
 */
export function confirming<T>(part: Part<T>, slot: HTMLElement, reload: Reload): void {
  clear(slot);
  const status = h("p", { class: "status", role: "status" });
  const box = h("div", part.box, status);
  slot.append(box);
  const cancel = () => h("button", { type: "button", onclick: () => clear(slot) }, t("ui-cancel"));
  // A button that runs `run` once, then draws the page again saying `done`; a refusal is said beside it.
  const step = <R>(attrs: Record<string, string>, label: string, run: () => Promise<R>, done: string | ((result: R) => string)) => {
    const yes = h("button", { type: "button", ...attrs }, t(label));
    yes.addEventListener("click", () => {
      yes.disabled = true;
      void run()
        .then((result) => reload(typeof done === "string" ? done : done(result)))
        .catch((e: unknown) => {
          yes.disabled = false;
          status.textContent = errorText(e);
        });
    });
    box.append(h("div", { class: "actions" }, yes, cancel()));
    return yes;
  };
  void part
    .preview()
    .then((question) => {
      status.textContent = question;
      step({ class: part.yesClass ?? "danger", id: part.yesId }, part.yes, part.run, part.done).focus();
    })
    .catch((e: unknown) => {
      status.textContent = errorText(e);
      const later = part.holdBack;
      if (later && isCommandError(e) && e.detail?.key === later.heldKey) {
        step({ class: "hold-back-yes" }, "ui-hold-back", later.run, later.done);
      } else {
        box.append(h("div", { class: "actions" }, cancel()));
      }
    });
}

/** One note, erased alone: its words are gone, the request keeps its time and way of contact. */
function noteErasure(x: Interaction, request: number): Part {
  return {
    box: { class: "note-erasure", "data-interaction": x.id },
    yesId: "note-erase-yes",
    yes: "ui-note-erase-yes",
    preview: () =>
      api
        .noteErasurePreview(x.id, request)
        .then((note) => t("ui-note-erase-confirm", { request, when: formatDateTime(note.occurred_at), channel: t(`channel-${note.channel}`) })),
    run: () => api.noteErase(x.id, request),
    done: t("ui-note-erased", { request }),
    holdBack: { heldKey: "msg-note-held", run: () => api.noteHoldBack(x.id, request), done: t("ui-held-back", { request }) },
  };
}

/** The notes, with when each matter closed; an open one can be closed today (its retention period starts then), and any can be corrected. */
export function interactionTable(page: CustomerPage, status: HTMLElement, reload: Reload): HTMLElement {
  const slot = h("div", { class: "record-add" });
  const erased = page.customer.state === "erased";
  // A note can be erased alone while the person's request for erasure is open (Art. 17(1)).
  const erasure = erased ? null : answerable(page, ["erasure"]);
  const rows = page.interactions.map((x) =>
    h(
      "tr",
      {},
      h("td", {}, formatDateTime(x.occurred_at)),
      h("td", {}, t(`channel-${x.channel}`)),
      h(
        "td",
        {},
        x.summary,
        // Kept as the bookkeeping law keeps correspondence, not only the shop's period.
        x.bookkeeping ? h("span", { class: "hint-line bookkeeping-note" }, t("ui-note-bookkeeping-mark")) : "",
        erased
          ? ""
          : h("button", { type: "button", class: "small correct-note", "data-interaction": x.id, onclick: () => correction(x, slot, reload, answerable(page, ["rectification"])) }, t("ui-correct")),
        erased ? "" : h("button", { type: "button", class: "small move-note", "data-interaction": x.id, onclick: () => moving(x, slot, reload) }, t("ui-note-move")),
        erasure === null
          ? ""
          : h("button", { type: "button", class: "small danger erase-note", "data-interaction": x.id, onclick: () => confirming(noteErasure(x, erasure), slot, reload) }, t("ui-erase-record")),
      ),
      h(
        "td",
        {},
        x.closed_on
          ? formatDate(x.closed_on)
          : page.customer.state === "erased"
            ? ""
            : h(
                "button",
                {
                  type: "button",
                  class: "small close-matter",
                  "data-interaction": x.id,
                  onclick: () =>
                    void api
                      .interactionClose(x.id, shopToday())
                      .then(() => reload(t("ui-saved")))
                      .catch((e: unknown) => (status.textContent = errorText(e))),
                },
                t("ui-close-matter"),
              ),
      ),
    ),
  );
  return h(
    "div",
    {},
    h(
      "table",
      { class: "data interactions" },
      h("caption", { class: "sr-only" }, t("cat-communications")),
      h("thead", {}, h("tr", {}, ...[t("ui-col-time"), t("col-channel"), t("col-summary"), t("ui-closed-on")].map((x) => h("th", { scope: "col" }, x)))),
      h("tbody", {}, ...rows),
    ),
    slot,
  );
}

/** "Note a contact": channel, direction, when, what, who, and when the matter closed. */
export function contactNote(customer: number, reload: Reload): HTMLElement {
  return opener("note-contact", "ui-note-contact", () => {
    const bookkeeping = h("input", { type: "checkbox" });
    const rows: Row[] = [
      { name: "channel", label: "col-channel", control: h("select", {}, ...CHANNELS.map((c) => h("option", { value: c }, t(`channel-${c}`)))) },
      { name: "direction", label: "ui-direction", control: h("select", {}, ...DIRECTIONS.map((d) => h("option", { value: d }, t(`ui-direction-${d}`)))) },
      { name: "occurred_at", label: "ui-col-time", control: momentField({ value: shopNow(), required: true }) },
      { name: "summary", label: "col-summary", control: h("textarea", { rows: 3, maxlength: 5000 }) },
      { name: "staff", label: "ui-staff", control: h("input", { maxlength: 100 }) },
      // Most matters end with the contact; one left open is kept until it is closed.
      { name: "closed_on", label: "ui-closed-on", control: dateField({ value: shopToday() }) },
      // A settled complaint, an agreed change: accounting material under the bookkeeping law.
      { name: "bookkeeping", label: "ui-note-bookkeeping", control: bookkeeping },
    ];
    return recordForm("contact", rows, "ui-save", (f) => {
      const occurred = toUtc(f.value("occurred_at"));
      if (!occurred) return f.fail(pageError("occurred_at", t("ui-time-needed")));
      void api
        .interactionAdd({
          customer_id: customer,
          channel: f.value("channel") as Channel,
          direction: f.value("direction") as Direction,
          occurred_at: occurred,
          summary: f.value("summary"),
          staff: f.value("staff") || null,
          closed_on: f.value("closed_on") || null,
          bookkeeping: bookkeeping.checked,
        })
        .then(() => reload(t("ui-saved")))
        .catch((e: unknown) => f.fail(e));
    }).form;
  });
}

/** The consents' purposes the languages name, offered as the window's language names them; the core keeps a purpose so named as its code. */
const PURPOSES = ["newsletter", "sms"];

/** "Record a consent": to what, which text version, how, and when. */
export function consentGiven(customer: number, reload: Reload): HTMLElement {
  return opener("record-consent", "ui-record-consent", () => {
    const purposes = h("datalist", { id: "consent-purposes" }, ...PURPOSES.map((p) => h("option", { value: t(`consent-purpose-${p}`) })));
    const rows: Row[] = [
      { name: "purpose", label: "col-purpose", control: h("input", { value: t("consent-purpose-newsletter"), maxlength: 100, list: "consent-purposes" }) },
      { name: "text_version", label: "col-text-version", control: h("input", { maxlength: 100, placeholder: t("ui-text-version-example") }) },
      { name: "channel", label: "col-channel", control: h("select", {}, ...CHANNELS.map((c) => h("option", { value: c, selected: c === "web_form" }, t(`channel-${c}`)))) },
      { name: "given_at", label: "col-given", control: momentField({ value: shopNow() }) },
    ];
    const form = recordForm("consent", rows, "ui-save", (f) => {
      const given = toUtc(f.value("given_at"));
      if (!given) return f.fail(pageError("given_at", t("ui-time-needed")));
      void api
        .consentGive({ customer_id: customer, purpose: f.value("purpose"), text_version: f.value("text_version"), channel: f.value("channel"), given_at: given })
        .then(() => reload(t("ui-saved")))
        .catch((e: unknown) => f.fail(e));
    });
    form.form.append(purposes);
    return form.form;
  });
}

/**
 * A status changed where it stands: the choice saves at once and the page is
 * drawn again; when the core refuses, the choice goes back and says why.
 */
export function statusChoice<T extends string>(
  values: T[],
  current: T,
  text: (v: T) => string,
  label: string,
  attrs: Record<string, string | number>,
  save: (v: T) => Promise<unknown>,
  status: HTMLElement,
  reload: Reload,
): HTMLSelectElement {
  const select = h("select", { ...attrs, "aria-label": label }, ...values.map((v) => h("option", { value: v, selected: v === current }, text(v))));
  select.addEventListener("change", () => {
    void save(select.value as T)
      .then(() => reload(t("ui-saved")))
      .catch((e: unknown) => {
        select.value = current;
        status.textContent = errorText(e);
      });
  });
  return select;
}

/** The sign-ups; while the customer is active each one's status can be changed where it stands, and while their request for erasure is open each can be erased alone (Art. 17(1)). */
export function registrationTable(page: CustomerPage, status: HTMLElement, reload: Reload): HTMLElement {
  const active = page.customer.state === "active";
  const erasure = page.customer.state === "erased" ? null : answerable(page, ["erasure"]);
  const slot = h("div", { class: "record-add" });
  const statusCell = (id: number, current: RegistrationStatus, event: string) =>
    active
      ? statusChoice(STATUSES, current, (v) => t(`registration-${v}`), `${t("col-status")}: ${event}`, { class: "registration-status", "data-registration": id }, (v) => api.registrationStatus(id, v), status, reload)
      : t(`registration-${current}`);
  const erase = (x: EventRegistration, request: number): Part => ({
    box: { class: "signup-erasure", "data-registration": x.id },
    yesId: "signup-erase-yes",
    yes: "ui-signup-erase-yes",
    preview: () => api.signupErasurePreview(x.id, request).then((s) => t("ui-signup-erase-confirm", { request, date: formatDate(s.event_date) })),
    run: () => api.signupErase(x.id, request),
    done: t("ui-signup-erased", { request }),
    holdBack: { heldKey: "msg-signup-held", run: () => api.signupHoldBack(x.id, request), done: t("ui-held-back", { request }) },
  });
  const rows = page.event_registrations.map((x) =>
    h(
      "tr",
      {},
      h("td", {}, x.event_name),
      h("td", {}, formatDate(x.event_date)),
      h(
        "td",
        {},
        statusCell(x.id, x.status, x.event_name),
        erasure === null
          ? ""
          : h("button", { type: "button", class: "small danger erase-signup", "data-registration": x.id, onclick: () => confirming(erase(x, erasure), slot, reload) }, t("ui-erase-record")),
      ),
    ),
  );
  return h(
    "div",
    {},
    h(
      "table",
      { class: "data registrations" },
      h("caption", { class: "sr-only" }, t("cat-events")),
      h("thead", {}, h("tr", {}, ...[t("col-event"), t("col-date"), t("col-status")].map((x) => h("th", { scope: "col" }, x)))),
      h("tbody", {}, ...rows),
    ),
    slot,
  );
}

/**
 * The web activity, with its IP addresses; while the person's request for erasure, or their objection, is open, all
 * of it can be erased (Art. 17(1)(c)). Their objection stops its recording (Art. 21(1)), until it is recorded again.
 */
export function webActivityTable(page: CustomerPage, reload: Reload): HTMLElement {
  const erasure = page.customer.state === "erased" || page.web_events.length === 0 ? null : answerable(page, ["erasure", "objection"]);
  const slot = h("div", { class: "record-add" });
  const customer = page.customer.id;
  const part = (request: number): Part => ({
    box: { class: "web-erasure" },
    yesId: "web-erase-yes",
    yes: "ui-web-erase-yes",
    preview: () =>
      api
        .webErasurePreview(customer, request)
        .then((w) => {
          const asked = t("ui-web-erase-confirm", { request, events: w.events, first: formatDateTime(w.first_at), last: formatDateTime(w.last_at) });
          // The events a legal hold keeps stay, the rest go (Art. 17(3)(e) covers what the claim needs, no more).
          return w.held > 0 ? `${asked} ${t("ui-web-erase-held", { held: w.held })}` : asked;
        }),
    run: () => api.webErase(customer, request),
    done: t("ui-web-erased", { request }),
  });
  // One visit alone, where the person asked for that one ("delete the record of that visit", Art. 17(1)).
  const one = (x: WebEvent, request: number): Part => ({
    box: { class: "web-event-erasure", "data-event": x.id },
    yesId: "web-event-erase-yes",
    yes: "ui-web-event-erase-yes",
    preview: () =>
      api.webEventErasePreview(x.id, request).then((e) => t("ui-web-event-erase-confirm", { request, time: formatDateTime(e.occurred_at), ip: e.ip, action: e.action })),
    run: () => api.webEventErase(x.id, request),
    done: t("ui-web-event-erased", { request }),
  });
  const eraseOne = (x: WebEvent) =>
    erasure === null ? "" : h("button", { type: "button", class: "small danger erase-web-event", "data-event": x.id, onclick: () => confirming(one(x, erasure), slot, reload) }, t("ui-erase-record"));
  return h(
    "div",
    {},
    table(
      t("cat-web_activity"),
      [t("ui-col-time"), t("col-ip"), t("col-action"), ...(erasure === null ? [] : [""])],
      page.web_events.map((x) => [formatDateTime(x.occurred_at), x.ip, x.action, ...(erasure === null ? [] : [eraseOne(x)])]),
      "web-events",
    ),
    recording(page, slot, reload),
    erasure === null ? "" : h("button", { type: "button", class: "small danger", id: "erase-web", onclick: () => confirming(part(erasure), slot, reload) }, t("ui-web-erase")),
    slot,
  );
}

/** Whether the web activity is recorded: stopped for the person's objection (Art. 21(1)), or stoppable while one is open. */
function recording(page: CustomerPage, slot: HTMLElement, reload: Reload): HTMLElement | string {
  const c = page.customer;
  if (c.state === "erased") return "";
  const confirm = (id: string, yes: string, question: string, run: () => Promise<unknown>, done: string): Part => ({
    box: { class: "web-recording" },
    yesId: id,
    yes,
    yesClass: "primary",
    preview: () => Promise.resolve(question),
    run,
    done,
  });
  const stopped = page.web_objection;
  if (stopped) {
    const since = formatDate(stopped.set_at);
    const said = stopped.request_id == null ? t("ui-web-stopped-no-request", { since }) : t("ui-web-stopped", { since, request: stopped.request_id });
    const resume = confirm("web-resume-yes", "ui-web-resume-yes", t("ui-web-resume-confirm", { customer: c.number }), () => api.webResume(c.id), t("ui-web-resumed"));
    return h("p", { class: "notice", id: "web-stopped" }, said, " ", h("button", { type: "button", class: "small", id: "web-resume", onclick: () => confirming(resume, slot, reload) }, t("ui-web-resume")));
  }
  const objection = answerable(page, ["objection"]);
  if (objection === null) return "";
  // The site sends their visits on by itself (analytics, pixels): the objection reaches that processing too.
  let names = "";
  const told = () => (names ? ` ${t("ui-web-stop-recipients", { names })}` : "");
  const stop: Part = {
    ...confirm("web-stop-yes", "ui-web-stop-yes", "", () => api.webStop(c.id, objection), ""),
    preview: () =>
      api.customerRecipients(c.id, "web_activity").then((list) => {
        names = list.map((r) => defaulted(r.name)).join(", ");
        return t("ui-web-stop-confirm", { customer: c.number, request: objection }) + told();
      }),
    done: () => t("ui-web-stopped-done", { request: objection }) + told(),
  };
  return h("button", { type: "button", class: "small", id: "web-stop", onclick: () => confirming(stop, slot, reload) }, t("ui-web-stop"));
}

/** "Sign up for a course or event": which, on what day, and (for one already held) whether they came. */
export function signUp(customer: number, reload: Reload): HTMLElement {
  return opener("sign-up", "ui-sign-up", () => {
    const rows: Row[] = [
      { name: "event_name", label: "col-event", control: h("input", { maxlength: 200 }) },
      { name: "event_date", label: "col-date", control: dateField({ value: shopToday() }) },
      { name: "status", label: "col-status", control: h("select", {}, ...STATUSES.map((s) => h("option", { value: s }, t(`registration-${s}`)))) },
    ];
    return recordForm("signup", rows, "ui-save", (f) => {
      if (!f.value("event_date")) return f.fail(pageError("event_date", t("ui-date-needed")));
      void api
        .registrationAdd({ customer_id: customer, event_name: f.value("event_name"), event_date: f.value("event_date"), status: f.value("status") as RegistrationStatus })
        .then(() => reload(t("ui-saved")))
        .catch((e: unknown) => f.fail(e));
    }).form;
  });
}
