// The register: search as you type over the whole register, a list that pages
// from the backend and draws only the rows in view (smooth at a million
// customers), and the customer page with every category.
import { api, isCommandError } from "../api";
import { clear, h, table } from "../dom";
import type { AppInfo, Customer, CustomerInput, CustomerPage, DocumentKind, ErasedCustomer, Format, HoldView, MaybeSame, MergedInto, Page, VoucherFound } from "../generated/app-types";
import { actionName, defaulted, formatDate, formatDateTime, formatMoney, t } from "../i18n";
import { detailText, errorBanner, errorText, say } from "./errors";
import { correctionsSection } from "./corrections";
import { addCustomerForm, customerForm, FIELDS } from "./fields";
import { holdNotes } from "./holds";
import { maybeSameNotice, merging } from "./likeness";
import { invoiceForm, invoiceKind, orderForm, orderTable } from "./orders";
import { showPreview } from "./preview";
import { saveDocument } from "./save";
import { confirming, consentGiven, contactNote, interactionTable, registrationTable, signUp, webActivityTable } from "./records";
import { shopNumbers } from "./shopnumbers";
import { isOpen, logRequestForm } from "./request";
import { answerable, consentTable, erasedNote, identityNotes, restrictionNote, rightsActions } from "./rights";

const ROW = 54;
const PAGE = 100;

/** The Register screen; `customer`, when given, is found and opened (another screen sent the user to them). */
export async function registerView(
  main: HTMLElement,
  info: AppInfo,
  customer: { id: number; number: string } | null,
  openRequest: (id: number) => void,
): Promise<void> {
  const search = h("input", {
    id: "search",
    type: "search",
    autocomplete: "off",
    placeholder: t("ui-search-placeholder"),
    maxlength: 200,
    "aria-label": t("ui-search-label"),
    "aria-controls": "customer-list",
  });
  const count = h("p", { class: "count", id: "list-count", "aria-live": "polite" });
  const viewport = h("div", { id: "customer-list", class: "list", role: "listbox", "aria-label": t("ui-nav-register"), "aria-busy": "false", tabindex: 0 });
  const spacer = h("div", { class: "spacer" });
  viewport.append(spacer);
  const panel = h("section", { id: "customer", class: "panel", "aria-label": t("ui-details") }, h("p", { class: "hint" }, t("ui-choose-customer")));
  const addButton = h("button", { id: "new-customer", type: "button" }, t("ui-new-customer"));
  addButton.addEventListener("click", () => newCustomer());
  main.append(h("div", { class: "register" }, h("div", { class: "left" }, h("div", { class: "search-row" }, search, addButton), count, viewport), panel));

  // Either the whole register (paged from the backend) or the search results.
  let total = info.customers;
  let results: Customer[] | null = null;
  // A search that finds no one, but names a customer erased (an e-mail address
  // they had, their number, their pseudonym): who, and a way to their page.
  let erased: ErasedCustomer | null = null;
  // A search by an address a merge did not keep finds the customer kept: the count says whose it was.
  let merged: { email: string; into: MergedInto } | null = null;
  // A search by an order's or invoice's number finds its customer first: the count says whose it is.
  let voucher: VoucherFound | null = null;
  // A search that could not be answered (a shared register out of reach): why, where the rows would be.
  let failed: unknown = null;
  const pages = new Map<number, Customer[]>();
  // The list version of the pages held (Page.version), and how often they were forgotten.
  let version: number | null = null;
  let generation = 0;
  const forget = (): void => {
    pages.clear();
    generation++;
  };
  const loading = new Set<number>();
  let selected: number | null = null;

  const rowAt = (i: number): Customer | undefined => (results ? results[i] : pages.get(Math.floor(i / PAGE))?.[i % PAGE]);

  // The rows drawn, by what they show: a customer's row stays the same element
  // while the customer stays in view (a search refined key by key, a scroll),
  // so a click made as an answer arrives lands, and focus stays where it was.
  let drawn = new Map<string, HTMLElement>();

  function draw(): void {
    const n = results ? results.length : total;
    // A search not answered found no one, nor did it say so: the row beneath says why.
    const unanswered = results !== null && failed !== null;
    count.textContent = unanswered ? "" : results ? t("ui-search-count", { count: n }) : t("ui-customers-count", { count: n });
    if (results && merged) {
      const { email, into } = merged;
      count.textContent += ` · ${t("ui-search-merged-address", { email, number: into.merged_number, into: into.number, date: formatDate(into.merged_at) })}`;
    }
    if (results && voucher && !unanswered) {
      const key = voucher.kind === "order" ? "ui-search-voucher-order" : "ui-search-voucher-invoice";
      count.textContent += ` · ${t(key, { number: voucher.number, customer: voucher.customer_number })}`;
    }
    spacer.style.height = `${n * ROW}px`;
    const first = Math.max(0, Math.floor(viewport.scrollTop / ROW) - 5);
    const last = Math.min(n, Math.ceil((viewport.scrollTop + viewport.clientHeight) / ROW) + 5);
    const focusedId = viewport.contains(document.activeElement) ? (document.activeElement as HTMLElement).dataset.id : undefined;
    const wanted: [string, HTMLElement][] = [];
    const take = (key: string, make: () => HTMLElement): HTMLElement => {
      const row = drawn.get(key) ?? make();
      drawn.delete(key);
      wanted.push([key, row]);
      return row;
    };
    if (unanswered) {
      // The query refused is said as its field would be; anything else (a shared register out of reach) as itself.
      const said = isCommandError(failed) && failed.field ? `${t("ui-search-label")}: ${detailText(failed)}` : errorText(failed);
      take(`failed ${said}`, () => h("div", { class: "customer-row hint", id: "search-none" }, h("p", { class: "error", role: "alert" }, said)));
    } else if (results && n === 0) {
      const gone = erased;
      const said = gone ? erasedSaid(gone) : t("ui-no-results");
      take(`none ${said}`, () =>
        h(
          "div",
          { class: "customer-row hint", id: "search-none" },
          h("p", {}, said),
          gone
            ? h("button", { type: "button", id: "open-erased", class: "small", onclick: () => void open(gone.id) }, t("ui-search-erased-open"))
            : h("button", { type: "button", id: "search-log-request", class: "small", onclick: () => logUnknown(search.value.trim()) }, t("ui-search-log-request")),
        ),
      );
    }
    for (let i = first; i < last; i++) {
      const c = rowAt(i);
      if (!c && !results) void load(Math.floor(i / PAGE));
      // A customer renamed since the row was drawn gets a new row.
      const key = c ? JSON.stringify([c.id, c.name, c.number, c.email, c.city]) : `loading ${i}`;
      const row = take(key, () => customerRow(c));
      const chosen = c !== undefined && c.id === selected;
      row.classList.toggle("selected", chosen);
      row.setAttribute("aria-selected", String(chosen));
      row.setAttribute("aria-posinset", String(i + 1));
      row.setAttribute("aria-setsize", String(n));
      row.style.transform = `translateY(${i * ROW}px)`;
    }
    // Whatever is not wanted goes (a row for the same key twice stays no longer than its draw).
    const kept = new Set(wanted.map(([, row]) => row));
    for (const row of Array.from(viewport.querySelectorAll(".customer-row"))) if (!kept.has(row as HTMLElement)) row.remove();
    // In the list's order (what a screen reader and the arrow keys follow);
    // a row already in its place is not moved.
    let at = spacer.nextSibling;
    for (const [, row] of wanted) {
      if (row === at) at = row.nextSibling;
      else viewport.insertBefore(row, at);
    }
    drawn = new Map(wanted);
    if (focusedId !== undefined && !viewport.contains(document.activeElement)) {
      viewport.querySelector<HTMLElement>(`.customer-row[data-id="${focusedId}"]`)?.focus();
    }
  }

  function customerRow(c: Customer | undefined): HTMLElement {
    return h(
      "div",
      {
        class: "customer-row",
        role: "option",
        tabindex: -1,
        "data-id": c ? c.id : null,
        onclick: () => c && void open(c.id),
      },
      c ? h("span", { class: "name" }, c.name ?? "") : t("ui-loading"),
      c ? h("span", { class: "meta" }, [c.number, c.email ?? "", c.city ?? ""].filter(Boolean).join(" · ")) : null,
    );
  }

  /** Reads page `page` of the list, unless it is held (or, `fresh`, anyway). */
  async function load(page: number, fresh = false): Promise<void> {
    if (!fresh && (pages.has(page) || loading.has(page))) return;
    loading.add(page);
    const asked = generation;
    let result: Page;
    try {
      result = await api.customersList(page * PAGE, PAGE);
    } finally {
      // A page that failed is asked for again when the rows in view are drawn.
      loading.delete(page);
    }
    // Asked before the pages were forgotten: of a list that is gone; the
    // rows in view ask again.
    if (asked !== generation) {
      draw();
      return;
    }
    // The list changed since the pages held were read (here or on another
    // computer): they no longer fit this one, and are read again as needed.
    if (version !== null && result.version !== version) forget();
    version = result.version;
    total = result.total;
    pages.set(page, result.items);
    draw();
  }

  let searchSeq = 0;
  search.addEventListener("input", () => {
    const q = search.value.trim();
    const seq = ++searchSeq;
    // Busy while a query typed is unanswered: a screen reader waits for the
    // rows that answer it, and so does the end-to-end test before it clicks.
    viewport.setAttribute("aria-busy", String(q !== ""));
    if (!q) {
      results = null;
      viewport.scrollTop = 0;
      draw();
      return;
    }
    // Someone who asks again what the shop holds of them (Art. 15) may have
    // been erased or merged into another customer: their old address or
    // number says so; an order of the accountant's file, under a pseudonym,
    // leads to what is kept; and an order's or invoice's number, to whose it is.
    void api.customersLookUp(q, 200).then((found) => {
      if (seq !== searchSeq) return; // a newer query has been typed
      viewport.setAttribute("aria-busy", "false");
      results = found.customers;
      erased = found.erased ?? null;
      merged = found.merged ? { email: q, into: found.merged } : null;
      voucher = found.voucher ?? null;
      failed = null;
      viewport.scrollTop = 0;
      draw();
    }, (e: unknown) => {
      if (seq !== searchSeq) return;
      viewport.setAttribute("aria-busy", "false");
      [results, erased, merged, voucher, failed] = [[], null, null, null, e];
      draw();
    });
  });
  viewport.addEventListener("scroll", () => draw());

  // A customer added, renamed or erased on another computer (or by the
  // command line) shows without a scroll: the list asks every few seconds,
  // and when the window comes back into focus, whether it changed.
  async function recheck(): Promise<void> {
    if (!viewport.isConnected) {
      window.clearInterval(watch);
      window.removeEventListener("focus", onFocus);
      return;
    }
    if (results || version === null || document.hidden) return;
    const now = await api.customersListVersion().catch(() => version);
    // The page at the top of the view, read again, replaces the pages held
    // (load forgets them when its version differs), so the rows in view do
    // not blink through "Loading".
    if (now !== version && !results) await load(Math.floor(viewport.scrollTop / ROW / PAGE), true);
  }
  const onFocus = (): void => void recheck();
  const watch = window.setInterval(() => void recheck(), 5000);
  window.addEventListener("focus", onFocus);
  // Arrow keys move through the list; Enter opens.
  viewport.addEventListener("keydown", (e: KeyboardEvent) => {
    const rows = Array.from(viewport.querySelectorAll<HTMLElement>(".customer-row[data-id]"));
    const at = rows.findIndex((r) => r === document.activeElement);
    if (e.key === "ArrowDown" || e.key === "ArrowUp") {
      e.preventDefault();
      const next = rows[Math.max(0, Math.min(rows.length - 1, at + (e.key === "ArrowDown" ? 1 : -1)))];
      next?.focus();
    } else if (e.key === "Enter" && at >= 0) {
      void open(Number(rows[at]?.dataset.id));
    }
  });
  search.addEventListener("keydown", (e: KeyboardEvent) => {
    if (e.key === "ArrowDown") viewport.querySelector<HTMLElement>(".customer-row[data-id]")?.focus();
  });
  new ResizeObserver(() => draw()).observe(viewport);

  /** Forgets the pages read so far (a customer was added or changed) and draws again. */
  function refreshList(): void {
    forget();
    if (results) search.dispatchEvent(new Event("input"));
    else draw();
  }

  /** The form for a customer of one's own; the shop's country and language filled in. */
  function newCustomer(): void {
    selected = null;
    draw();
    clear(panel);
    const added = (c: Customer) => {
      refreshList();
      void open(c.id, t("ui-customer-added", { number: c.number }));
    };
    panel.append(addCustomerForm("new", { country: info.country, language: info.language }, FIELDS, added));
    panel.querySelector("input")?.focus();
  }

  /**
   * A request from someone the search finds no customer for (Art. 15(1): they
   * are owed an answer, if only that nothing of them is held), begun with
   * what was searched for.
   */
  function logUnknown(query: string): void {
    selected = null;
    draw();
    clear(panel);
    const said = h("p", { class: "status", role: "status", id: "request-person-status" });
    const form = logRequestForm(
      null,
      (message = "") => {
        form.remove();
        said.textContent = message;
      },
      (id) => said.append(" ", h("button", { type: "button", class: "link", id: "request-person-show", onclick: () => openRequest(id) }, t("ui-request-show", { id }))),
    );
    const who = form.querySelector<HTMLInputElement>("#request-person-requester");
    if (who) who.value = query;
    panel.append(h("h1", {}, t("ui-request-person-title")), h("p", { class: "hint" }, t("ui-request-person-hint")), form, said);
    who?.focus();
  }

  /** Shows customer `id`, with `message` in the panel's status line (such as "Saved."). */
  async function open(id: number, message = ""): Promise<void> {
    selected = id;
    draw();
    clear(panel);
    panel.append(h("p", { class: "hint" }, t("ui-loading")));
    try {
      const [page, holds] = await Promise.all([api.customerPage(id), api.holdsList()]);
      clear(panel);
      customerPanel(panel, page, holds, info, message, openRequest, (other) => void open(other), (next = "") => {
        // A saved name or e-mail shows in the list too.
        if (next) refreshList();
        void open(id, next);
      });
      if (results && voucher?.customer_number === page.customer.number) markVoucher(panel, voucher);
    } catch (e) {
      clear(panel);
      panel.append(errorBanner(e));
    }
  }

  draw();
  search.focus();
  if (customer) {
    search.value = customer.number;
    search.dispatchEvent(new Event("input"));
    void open(customer.id);
  }
}

function customerPanel(
  panel: HTMLElement,
  page: CustomerPage,
  holds: HoldView[],
  info: AppInfo,
  message: string,
  goToRequest: (id: number) => void,
  goToCustomer: (id: number) => void,
  reload: (message?: string) => void,
): void {
  const c = page.customer;
  // A customer merged into another (on another computer, while their page was open) is a retired row: it says whose
  // their records are now, and opens that customer.
  const into = page.merged_into;
  if (into) {
    const said = t("ui-merged-away", { number: into.number, name: into.name ?? into.number, date: formatDate(into.merged_at), by: into.merged_by });
    panel.append(
      h("h1", { id: "customer-name" }, into.merged_number),
      h("p", { class: "notice", id: "merged-away" }, said),
      h("div", { class: "actions" }, h("button", { type: "button", class: "primary", id: "merged-away-open", onclick: () => goToCustomer(into.customer_id) }, t("ui-merged-away-open", { number: into.number }))),
    );
    return;
  }
  const status = h("p", { class: "status", role: "status", id: "customer-status" }, message);
  // The phone as the shop dials it ("070-123 45 67"), which saves back as the same number.
  const shown = { ...c, phone: page.phone_display ?? c.phone };
  // A customer number stored before today's checks (another program on a
  // shared register) is corrected here too: every save checks it.
  const pageFields: typeof FIELDS = page.problems.some((p) => p.field === "number") ? [["number", "field-customer-number"], ...FIELDS] : FIELDS;
  const fields = customerForm("field", shown, pageFields);
  const form = fields.form;
  form.id = "customer-form";
  const save = h("button", { id: "save-customer", type: "submit", class: "primary" }, t("ui-save"));
  form.append(h("span"), h("div", {}, save));
  form.addEventListener("submit", (e) => {
    e.preventDefault();
    fields.clearErrors();
    const changes: CustomerInput = {};
    for (const [field] of pageFields) {
      const now = fields.value(field);
      const before = shown[field] ?? "";
      if (now !== before) changes[field] = now;
    }
    // A correction of what recipients received is theirs to learn too (Art. 19).
    const corrected = Object.keys(changes).some((field) => field !== "language");
    // While the person's request for rectification is open, their identity verified, the correction answers it (Art. 16);
    // details only emptied answer their request to erase some details, if that is what is open (Art. 17(1)).
    const emptied = Object.values(changes).every((v) => v === "");
    const request = corrected ? (answerable(page, ["rectification"]) ?? (emptied ? answerable(page, ["erasure"]) : null)) : null;
    api
      .customerEdit(c.id, changes, c.version, request)
      // A save that changed nothing (the same number written another way) corrects nothing: no one to tell, nothing recorded.
      .then(async (saved) => {
        const changed = saved.version !== c.version;
        // Saved whatever the list's answer: without it, the plain notice.
        const told = corrected && changed ? await api.customerRecipients(c.id, "identity_contact").catch(() => []) : [];
        const said = !changed ? t("ui-unchanged") : told.length > 0 ? t(emptied ? "ui-removed-tell" : "ui-corrected-tell", { names: told.map((r) => defaulted(r.name)).join(", ") }) : t("ui-saved");
        reload(request !== null && changed ? `${said} ${t("ui-correction-recorded-under", { id: request })}` : said);
      })
      .catch((err: unknown) => {
        if (isCommandError(err) && err.code === "conflict") {
          status.textContent = "";
          status.append(t("ui-conflict"), " ", h("button", { type: "button", onclick: () => reload() }, t("ui-reload")));
        } else if (!fields.showErrors(err)) {
          status.textContent = errorText(err);
        }
      });
  });

  // A report made while the customer's request for it is open (identity
  // verified) is that request's answer: recorded under it, and naming it.
  const report = (kind: DocumentKind, format: Format) => () => {
    const request = answerable(page, [kind]);
    void api
      .documentSave(kind, { customer: c.id, request: request ?? undefined }, format, null)
      .then((path) => {
        if (path) status.textContent = request ? t("ui-request-for", { path, id: request }) : t("ui-report-saved", { path });
      })
      .catch((e: unknown) => (status.textContent = errorText(e)));
  };
  // Logging a request asks for its day and channel, in a form beneath the buttons.
  const requestSlot = h("div", { id: "request-new-slot" });
  const openRequest = () => {
    if (requestSlot.firstChild) return;
    const form = logRequestForm(c.id, reload);
    requestSlot.append(form);
    form.querySelector("select")?.focus();
  };

  // Details stored before today's checks (an older version, another program
  // on a shared register): said at their fields, and named at the top, each a
  // way to its field, so that they are corrected (Art. 5(1)(d)).
  const problems = page.problems.filter((p) => fields.showError(p.field, say(p.message), false));
  const problemNote = problems.length
    ? h(
        "p",
        { class: "error", id: "customer-problems" },
        t("ui-customer-problems"),
        ...problems.flatMap((p) => [
          " ",
          h("button", { type: "button", class: "link", "data-field": p.field, onclick: () => form.querySelector<HTMLElement>(`#field-${p.field}`)?.focus() }, t(pageFields.find(([f]) => f === p.field)?.[1] ?? p.field)),
        ]),
      )
    : "";

  const o = page.orders;
  // Notes, consents and sign-ups are added to an active customer only (restricted data is not processed further, Art. 18).
  const active = c.state === "active";
  // An erased customer's row holds no details, and has no report to make
  // (the core refuses it): the page shows what the law keeps, for the books.
  const erased = c.state === "erased";
  // The erasure confirmation, made again from what the register kept of the
  // erasure: for a person who asks again, or a copy that was never saved.
  const confirmation = saveDocument(status, "erasure", { customer: c.id });
  const reports = erased
    ? [
        h("button", { type: "button", id: "erased-confirmation-pdf", class: "primary", onclick: confirmation("pdf") }, t("ui-erasure-confirmation-pdf")),
        h("button", { type: "button", id: "erased-confirmation-json", onclick: confirmation("json") }, t("ui-erasure-confirmation-json")),
      ]
    : [
        h("button", { type: "button", id: "report-preview", class: "primary", onclick: () => void showPreview(panel, page, () => reload()) }, t("ui-report-preview")),
        h("button", { type: "button", id: "report-pdf", onclick: report("access", "pdf") }, t("ui-report-pdf")),
        h("button", { type: "button", id: "report-json", onclick: report("access", "json") }, t("ui-report-json")),
        h("button", { type: "button", id: "portability", onclick: report("portability", "json") }, t("ui-portability")),
      ];
  panel.append(
    h("h1", { id: "customer-name" }, c.name ?? c.number),
    h("p", { class: "meta" }, `${c.number} · ${t(`state-${c.state}`)} · ${t("field-created")} ${formatDate(c.created_at)}`),
    h(
      "div",
      { class: "actions" },
      ...reports,
      h("button", { type: "button", id: "open-request", onclick: openRequest }, t("ui-new-request")),
      ...rightsActions(panel, page, reload, goToRequest),
    ),
    requestSlot,
    ...identityNotes(page),
    restrictionNote(page) ?? "",
    maybeSameNote(page, goToCustomer, reload),
    erasedNote(page) ?? "",
    ...holdNotes(holds, c, status, reload),
    status,
    problemNote,
    erased ? "" : h("h2", {}, t("ui-details")),
    erased ? "" : form,
    // An erased row keeps the numbers it had against a re-import; none to add.
    erased && page.shop_numbers.length === 0 ? "" : section("field-shop-numbers", page.shop_numbers.length, shopNumbers(page, status, reload)),
    section(
      "cat-purchase_history",
      o.length,
      withAdding(orderTable(page, status, reload), orderForm(page, info, reload)),
      true,
    ),
    section(
      "cat-invoices",
      page.invoices.length,
      withAdding(
        table(
          t("cat-invoices"),
          [t("col-number"), t("col-order"), t("col-kind"), t("col-date"), t("col-due"), t("col-amount")],
          // Each with its order's number: a customer with several orders asks about one.
          page.invoices.map((x) => [x.number, o.find((order) => order.id === x.order_id)?.number ?? "", invoiceKind(x), formatDate(x.issued_on), formatDate(x.due_on), formatMoney(x.amount)]),
        ),
        invoiceForm(page, reload),
      ),
    ),
    section(
      "cat-communications",
      page.interactions.length,
      withAdding(interactionTable(page, status, reload), active && contactNote(c.id, reload)),
    ),
    // Open where an objection waits for its answer, which may be to stop the recording (Art. 21(1)).
    section("cat-web_activity", page.web_events.length, webActivityTable(page, reload), !page.web_objection && answerable(page, ["objection"]) !== null),
    section(
      "cat-consents",
      page.consents.length,
      withAdding(consentTable(page, status, reload), active && consentGiven(c.id, reload)),
    ),
    section(
      "cat-events",
      page.event_registrations.length,
      withAdding(registrationTable(page, status, reload), active && signUp(c.id, reload)),
    ),
    // The report's own title speaks to the customer ("your requests"); the shop's window names them plainly.
    section(
      "ui-nav-requests",
      page.requests.length,
      requestsTable(page, goToRequest),
    ),
    // Shown where the register links the customer to a breach: what to say when they ask whether they were affected.
    ...(page.breaches.length
      ? [
          section(
            "ui-customer-breaches",
            page.breaches.length,
            table(
              t("ui-customer-breaches"),
              [t("col-number"), t("ui-breach-aware"), t("ui-breach-nature"), t("ui-breach-risk"), t("ui-breach-informed-at")],
              page.breaches.map((b) => [String(b.id), formatDateTime(b.aware_at), b.nature, t(`breach-risk-short-${b.risk}`), b.informed_at ? formatDateTime(b.informed_at) : "–"]),
            ),
          ),
        ]
      : []),
    // Shown once the customer has been corrected: the old values the audit trail keeps (Art. 16).
    ...(page.corrections.length ? [section("ui-corrections", page.corrections.length, correctionsSection(page))] : []),
    section(
      "ui-history",
      page.history.length,
      table(
        t("ui-history"),
        [t("ui-col-time"), t("ui-history-action"), t("ui-history-actor")],
        page.history.map((x) => [formatDateTime(x.at), actionName(x.action), x.actor]),
      ),
    ),
  );
}

/**
 * Others in the register who may be the same person (the same phone, or the same name in the same place): a copy
 * of their data or an erasure should cover each that is (GDPR Art. 15, 17). Each opens their page.
 */
function maybeSameNote(page: CustomerPage, goToCustomer: (id: number) => void, reload: (message?: string) => void): HTMLElement | string {
  if (page.maybe_same.length === 0) return "";
  const open = page.requests.filter((r) => isOpen(r.state));
  const status = h("p", { class: "status", role: "status" });
  // One of theirs found to be the same person: their request is logged for them too, as it came (its day, so
  // its deadline, and how), so that its answer covers them (Art. 12(3), 15, 17).
  const logAgain = (m: MaybeSame, r: (typeof open)[number]) =>
    h(
      "button",
      {
        type: "button",
        class: "small log-again",
        "data-customer": m.id,
        "data-request": r.id,
        onclick: (e: Event) => {
          const button = e.currentTarget as HTMLButtonElement;
          button.disabled = true;
          void api
            .requestOpen(m.id, r.kind, r.received_on, r.channel ?? "email")
            .then((logged) => reload(t("ui-maybe-same-logged", { id: logged.id, request: r.id, number: m.number, due: formatDate(logged.due_date) })))
            .catch((err: unknown) => {
              button.disabled = false;
              status.textContent = errorText(err);
            });
        },
      },
      t("ui-maybe-same-log", { id: r.id, kind: t(`kind-${r.kind}`) }),
    );
  // Found to be the same person: made one customer (Art. 5(1)(d)); nothing new is done with restricted data (Art. 18(2)).
  const slot = h("div", {});
  const merge = (m: MaybeSame) =>
    h("button", { type: "button", class: "small merge", "data-customer": m.id, onclick: () => confirming(merging(page, m), slot, reload) }, t("ui-merge"));
  const extra = (m: MaybeSame) => [...open.map((r) => logAgain(m, r)), ...(page.customer.state === "active" ? [merge(m)] : [])];
  const notice = maybeSameNotice("maybe-same", page.maybe_same, page.maybe_same_more, (m) => goToCustomer(m.id), extra);
  notice.append(slot, status);
  return notice;
}

/** The customer's requests, each number opening the request on the Requests screen. */
function requestsTable(page: CustomerPage, goToRequest: (id: number) => void): HTMLElement {
  const rows = page.requests.map((x) =>
    h(
      "tr",
      {},
      h("td", {}, h("button", { type: "button", class: "link", "data-request": x.id, title: t("ui-request-show", { id: x.id }), onclick: () => goToRequest(x.id) }, String(x.id))),
      h("td", {}, t(`kind-${x.kind}`)),
      h("td", {}, formatDate(x.received_on)),
      h("td", {}, t(`request-state-${x.state}`)),
    ),
  );
  return h(
    "table",
    { class: "data" },
    h("caption", { class: "sr-only" }, t("ui-nav-requests")),
    h("thead", {}, h("tr", {}, ...[t("col-number"), t("col-kind"), t("col-received"), t("col-state")].map((x) => h("th", { scope: "col" }, x)))),
    h("tbody", {}, ...rows),
  );
}

/** A section's table, with the button that adds to it where adding is allowed. */
function withAdding(body: HTMLElement, adding: HTMLElement | false): HTMLElement {
  return adding ? h("div", {}, body, adding) : body;
}

/** The sections the person opened, kept open when the page is drawn again (after a save). */
const opened = new Set<string>();

function section(titleKey: string, n: number, body: HTMLElement, open = false): HTMLElement {
  const details = h("details", { open: open || opened.has(titleKey), class: "category", id: `section-${titleKey}` }, h("summary", {}, `${t(titleKey)} (${n})`), body);
  details.addEventListener("toggle", () => (details.open ? opened.add(titleKey) : opened.delete(titleKey)));
  return details;
}

/**
 * The order or invoice a search found by its number, marked on its customer's
 * page and brought into view: a customer who calls about one order of many.
 */
function markVoucher(panel: HTMLElement, v: VoucherFound): void {
  const section = panel.querySelector<HTMLDetailsElement>(v.kind === "order" ? "#section-cat-purchase_history" : "#section-cat-invoices");
  const rows = section?.querySelectorAll<HTMLTableRowElement>("table.data > tbody > tr") ?? [];
  const row = [...rows].find((r) => r.cells[0]?.textContent === v.number);
  if (!section || !row) return;
  section.open = true;
  row.classList.add("found");
  row.scrollIntoView({ block: "center" });
}

/** What the register says of the customer erased whom a search names: by an address they had, or by their number or pseudonym. */
function erasedSaid(e: ErasedCustomer): string {
  const args = { number: e.number, when: formatDateTime(e.erased_at), pseudonym: e.pseudonym };
  const key = e.by === "email" ? "ui-search-erased" : "ui-search-erased-number";
  return e.request_id === null || e.request_id === undefined ? t(key, args) : t(`${key}-request`, { ...args, request: e.request_id });
}
