// A customer's orders on their page: an order taken by hand (in the shop, on
// the phone) recorded with its lines, each one's status changed where it
// stands (paid, shipped, cancelled, refunded: the amounts stay the voucher's),
// and an invoice, a reminder or a credit note of one recorded, checked
// against its order.
import { api } from "../api";
import { dateField } from "../datefield";
import { h, table } from "../dom";
import type { AppInfo, CustomerPage, InvoiceKind, LineDraft, OrderDraft, OrderSheet, OrderStatus, Series } from "../generated/app-types";
import { shopToday } from "../clock";
import { formatDate, formatMoney, language, t } from "../i18n";
import { errorText, pageError, showEach } from "./errors";
import { opener, recordForm, statusChoice, type RecordForm, type Reload, type Row } from "./records";

const STATUSES: OrderStatus[] = ["placed", "paid", "shipped", "cancelled", "refunded"];
const KINDS: InvoiceKind[] = ["invoice", "reminder", "credit_note"];

export function orderTable(page: CustomerPage, status: HTMLElement, reload: Reload): HTMLElement {
  const erased = page.customer.state === "erased";
  const statusCell = (number: string, current: OrderStatus) =>
    erased
      ? t(`order-status-${current}`)
      : statusChoice(STATUSES, current, (v) => t(`order-status-${v}`), `${t("col-status")}: ${number}`, { class: "order-status", "data-order": number }, (v) => api.orderStatus(number, v), status, reload);
  // Kept for the books alone: until the law's end, or while a legal hold
  // lasts (Art. 17(3)(b), (e)); past that end, until the person's request
  // is answered, or to be deleted by the next sweep: a day gone by alone
  // would read as kept without end.
  const kept = (o: { id: number }) => {
    const k = page.kept.find((x) => x.order === o.id);
    if (!k) return "";
    if (k.held) return t("erasure-until-hold");
    if (k.kept_past === "request") return t("ui-kept-order-request");
    if (k.kept_past === "due") return t("ui-kept-order-due", { date: formatDate(k.until) });
    return formatDate(k.until);
  };
  const head = [t("col-order"), t("col-date"), t("col-items"), t("col-total"), t("col-payment"), t("col-status"), ...(erased ? [t("col-kept-until")] : [])];
  const opener = (number: string) => sheetOpener(number, head.length, status);
  return h(
    "table",
    { class: "data orders" },
    h("caption", { class: "sr-only" }, t("cat-purchase_history")),
    h("thead", {}, h("tr", {}, ...head.map((x) => h("th", { scope: "col" }, x)))),
    h(
      "tbody",
      {},
      ...page.orders.map((o) =>
        h(
          "tr",
          {},
          h("td", {}, opener(o.number)),
          h("td", {}, formatDate(o.order_date)),
          h("td", {}, o.lines.map((l) => `${l.quantity} × ${l.description}`).join("; ")),
          h("td", {}, formatMoney(o.total)),
          h("td", {}, o.payment_provider ?? ""),
          h("td", {}, statusCell(o.number, o.status)),
          ...(erased ? [h("td", { class: "kept-until" }, kept(o))] : []),
        ),
      ),
    ),
  );
}

/**
 * The order's number, which opens beneath its row what the table does not
 * say: each line's VAT rate, VAT and amount, its invoices, reminders and
 * credit notes, and until when the bookkeeping law keeps the order, by
 * which rule, and past that day what keeps it (as `order show` and the
 * sweep read it). Opened again, it closes.
 */
function sheetOpener(number: string, columns: number, status: HTMLElement): HTMLButtonElement {
  const button = h("button", { type: "button", class: "link plain order-open", "aria-expanded": "false", "data-order": number }, number);
  button.addEventListener("click", () => {
    const row = button.closest("tr");
    const shown = row?.nextElementSibling;
    if (shown?.classList.contains("order-sheet")) {
      shown.remove();
      button.setAttribute("aria-expanded", "false");
      return;
    }
    void Promise.all([api.orderSheet(number), api.retentionRuleTexts(language())])
      .then(([sheet, rules]) => {
        const opened = h("tr", { class: "order-sheet", "data-order": number }, h("td", { colspan: columns }, orderSheet(sheet, rules)));
        row?.after(opened);
        button.setAttribute("aria-expanded", "true");
        opened.scrollIntoView({ block: "nearest" });
      })
      .catch((e: unknown) => {
        status.textContent = errorText(e);
      });
  });
  return button;
}

function orderSheet(sheet: OrderSheet, rules: Record<string, string>): HTMLElement {
  const o = sheet.order;
  const lines = table(
    t("ui-order-sheet", { number: o.number }),
    [t("ui-line-description"), t("ui-line-quantity"), t("ui-line-unit-price"), t("ui-line-vat-rate"), t("col-vat"), t("col-amount")],
    o.lines.map((l, i) => {
      const amounts = sheet.lines[i];
      return [l.description, String(l.quantity), formatMoney(l.unit_price), percent(l.vat_rate_bp), amounts ? formatMoney(amounts.vat) : "", amounts ? formatMoney(amounts.gross) : ""];
    }),
    "order-sheet-lines",
  );
  // Its vouchers, whose latest the bookkeeping law keeps it with (the end below is theirs too).
  const vouchers = table(
    t("ui-order-sheet-vouchers", { number: o.number }),
    [t("col-number"), t("col-kind"), t("col-date"), t("col-amount")],
    sheet.invoices.map((i) => [i.number, invoiceKind(i), formatDate(i.issued_on), formatMoney(i.amount)]),
    "order-sheet-vouchers",
  );
  const r = sheet.retention;
  const rule = rules[r.rule] ?? r.rule;
  const kept = r.retain_until ? t("ui-order-kept-until", { date: formatDate(r.retain_until), rule }) : rule;
  const past = r.kept_past === "due" ? t("ui-order-kept-past-due") : r.kept_past ? t("ui-order-kept-past-by", { keeper: t(`keeper-${r.kept_past}`) }) : null;
  return h(
    "div",
    { class: "order-sheet-body" },
    ...(o.lines.length > 0 ? [lines] : []),
    h("p", { class: "order-totals" }, t("ui-order-totals", { total: formatMoney(o.total), vat: formatMoney(o.vat) })),
    ...(sheet.invoices.length > 0 ? [vouchers] : []),
    h("p", { class: "order-kept" }, kept, ...(past ? [" ", past] : [])),
  );
}

/** A VAT rate in basis points as the column "VAT %" gives it ("25", "12,5"). */
function percent(bp: number): string {
  return (bp / 100).toLocaleString(language(), { maximumFractionDigits: 2 });
}

/**
 * A voucher's number field: left empty, the voucher takes the next of the
 * shop's own `series`, which the field shows; a number typed wins.
 */
function seriesNumber(series: Series): HTMLInputElement {
  const input = h("input", { maxlength: 60 });
  void api.nextNumber(series).then((n) => {
    if (n) input.placeholder = n;
  });
  return input;
}

/**
 * "Record an invoice, reminder or credit note": of which order, its number,
 * when issued and due, how much; a credit note also which of the order's
 * invoices it credits (the invoice itself is never changed).
 */
export function invoiceForm(page: CustomerPage, reload: Reload): HTMLElement | false {
  if (page.orders.length === 0) return false;
  // An erased customer's orders are kept for the books alone (Art. 17(3)(b),
  // 18): a return after the erasure is put right by a credit note, nothing else.
  const kinds: InvoiceKind[] = page.customer.state === "erased" ? ["credit_note"] : KINDS;
  return opener("invoice-add", page.customer.state === "erased" ? "ui-credit-note-add" : "ui-invoice-add", () => {
    const today = shopToday();
    const order = h("select", {}, ...page.orders.map((o) => h("option", { value: o.number }, `${o.number} (${formatMoney(o.total)})`)));
    const kind = h("select", {}, ...kinds.map((k) => h("option", { value: k }, t(`invoice-kind-${k}`))));
    const credits = h("select", {});
    const rows: Row[] = [
      { name: "order", label: "col-order", control: order },
      { name: "kind", label: "col-kind", control: kind },
      { name: "credits", label: "ui-credits", control: credits },
      { name: "number", label: "col-number", control: seriesNumber("invoices") },
      { name: "issued_on", label: "ui-issued", control: dateField({ value: today }) },
      { name: "due_on", label: "col-due", control: dateField() },
      { name: "amount", label: "col-amount", control: h("input", { inputmode: "decimal" }) },
    ];
    const record = recordForm("invoice", rows, "ui-save", (f) => {
      if (!f.value("issued_on")) return f.fail(pageError("issued_on", t("ui-date-needed")));
      const creditNote = f.value("kind") === "credit_note";
      void api
        .invoiceAdd({
          order: f.value("order"),
          number: f.value("number"),
          kind: f.value("kind") as InvoiceKind,
          issued_on: f.value("issued_on"),
          due_on: f.value("due_on") || null,
          amount: f.value("amount"),
          credits: creditNote ? f.value("credits") : null,
        })
        .then(() => reload(t("ui-saved")))
        .catch((e: unknown) => f.fail(e));
    });
    // The invoices a credit note may credit: those of the chosen order.
    const fillCredits = () => {
      const id = page.orders.find((o) => o.number === order.value)?.id;
      const invoices = page.invoices.filter((i) => i.order_id === id && i.kind === "invoice");
      credits.replaceChildren(...invoices.map((i) => h("option", { value: i.number }, `${i.number} (${formatMoney(i.amount)})`)));
    };
    const showCredits = () => {
      const shown = kind.value === "credit_note";
      const label = record.form.querySelector<HTMLElement>(`label[for="${credits.id}"]`);
      if (label) label.hidden = !shown;
      if (credits.parentElement) credits.parentElement.hidden = !shown;
    };
    order.addEventListener("change", fillCredits);
    kind.addEventListener("change", showCredits);
    fillCredits();
    showCredits();
    return record.form;
  });
}

/** An invoice's kind as its table and report say it: a credit note names the invoice it credits. */
export function invoiceKind(i: { kind: InvoiceKind; credits?: string | null }): string {
  return i.credits ? t("invoice-credits", { invoice: i.credits }) : t(`invoice-kind-${i.kind}`);
}

const LINE_FIELDS: Array<[keyof LineDraft, string, Record<string, string | number>]> = [
  ["description", "ui-line-description", { maxlength: 500 }],
  ["quantity", "ui-line-quantity", { type: "number", min: 1, step: 1, value: 1, class: "narrow" }],
  ["unit_price", "ui-line-unit-price", { inputmode: "decimal", class: "narrow" }],
  ["vat_rate", "ui-line-vat-rate", { inputmode: "decimal", class: "narrow" }],
];

/**
 * The lines of a new order: what, how many, at which price each including
 * VAT, at which rate. Each control is named as the core names a problem with
 * it (`lines[2].unit_price`), so a message lands beside the value it is about.
 */
function lineEditor(vatRate: string): { element: HTMLElement; lines(): LineDraft[]; fail(field: string, message: string): boolean; clear(): void } {
  const body = h("tbody", {});
  const add = () => {
    const n = body.rows.length + 1;
    const row = h("tr", { class: "order-line" });
    for (const [field, label, attrs] of LINE_FIELDS) {
      const input = h("input", { ...attrs, name: `lines[${n}].${field}`, id: `order-line-${n}-${field}`, "aria-label": `${t(label)} ${n}`, "aria-describedby": `order-line-${n}-error` });
      if (field === "vat_rate") input.value = vatRate;
      row.append(h("td", {}, input));
    }
    row.append(h("td", {}, h("span", { class: "invalid-note", id: `order-line-${n}-error` })));
    body.append(row);
    return row;
  };
  add();
  const addButton = h("button", { type: "button", class: "small", id: "order-line-add" }, t("ui-line-add"));
  addButton.addEventListener("click", () => add().querySelector("input")?.focus());
  const element = h(
    "fieldset",
    { class: "order-lines" },
    h("legend", {}, t("col-items")),
    h("table", { class: "data" }, h("thead", {}, h("tr", {}, ...LINE_FIELDS.map(([, label]) => h("th", { scope: "col" }, t(label))), h("th", {}))), body),
    addButton,
  );
  const value = (row: HTMLTableRowElement, field: string) => row.querySelector<HTMLInputElement>(`input[name$=".${field}"]`)?.value.trim() ?? "";
  return {
    element,
    // A line left wholly empty is no line; the quantity alone does not count, it starts at 1.
    lines: () =>
      Array.from(body.rows)
        .filter((r) => value(r, "description") || value(r, "unit_price"))
        .map((r) => ({ description: value(r, "description"), quantity: value(r, "quantity"), unit_price: value(r, "unit_price"), vat_rate: value(r, "vat_rate") })),
    fail(field, message) {
      const input = element.querySelector<HTMLInputElement>(`input[name="${CSS.escape(field)}"]`);
      const slot = input?.closest("tr")?.querySelector(".invalid-note");
      if (!input || !slot) return false;
      input.setAttribute("aria-invalid", "true");
      // A line's one slot says each of its problems.
      slot.textContent = slot.textContent ? `${message} ${slot.textContent}` : message;
      input.focus();
      return true;
    },
    clear() {
      for (const el of Array.from(element.querySelectorAll(".invalid-note"))) el.textContent = "";
      for (const el of Array.from(element.querySelectorAll("input"))) el.removeAttribute("aria-invalid");
    },
  };
}

/** "Record an order": one taken by hand, with its lines; the total is theirs unless typed. */
export function orderForm(page: CustomerPage, info: AppInfo, reload: Reload): HTMLElement | false {
  if (page.customer.state !== "active") return false;
  return opener("order-add", "ui-order-add", () => {
    const editor = lineEditor(info.vat_rate);
    const rows: Row[] = [
      { name: "number", label: "col-order", control: seriesNumber("orders") },
      { name: "order_date", label: "col-date", control: dateField({ value: shopToday() }) },
      { name: "currency", label: "col-currency", control: h("input", { maxlength: 3, size: 4, value: info.currency, autocapitalize: "characters" }) },
      { name: "status", label: "col-status", control: h("select", {}, ...STATUSES.map((s) => h("option", { value: s, selected: s === "paid" }, t(`order-status-${s}`)))) },
      { name: "payment_provider", label: "col-payment", control: h("input", { maxlength: 100, list: "payment-providers" }) },
      { name: "payment_reference", label: "ui-payment-reference", control: h("input", { maxlength: 200 }) },
      { name: "total", label: "col-total", control: h("input", { inputmode: "decimal", placeholder: t("ui-total-of-lines") }) },
    ];
    const draft = (form: RecordForm, date: string): OrderDraft => ({
      customer_id: page.customer.id,
      number: form.value("number"),
      order_date: date,
      currency: form.value("currency"),
      total: form.value("total") || null,
      vat: null,
      payment_provider: form.value("payment_provider") || null,
      payment_reference: form.value("payment_reference") || null,
      status: form.value("status") as OrderStatus,
      lines: editor.lines(),
    });
    const f = recordForm("order", rows, "ui-save", (form) => {
      editor.clear();
      if (!form.value("order_date")) return form.fail(pageError("order_date", t("ui-date-needed")));
      void api
        .orderAdd(draft(form, form.value("order_date")))
        .then((o) => reload(t("ui-order-saved", { number: o.number, total: formatMoney(o.total) })))
        .catch((e: unknown) => {
          // Each field named at its line or its row; the form's status line when none is.
          if (!showEach(e, (field, message) => editor.fail(field, message) || form.showAt(field, message))) form.fail(e);
        });
    });
    // What the order comes to, as the core reads it, while it is typed; nothing while it does not add up.
    const totals = h("p", { id: "order-totals", class: "hint", "aria-live": "polite" });
    let asked = 0;
    f.form.addEventListener("input", () => {
      // Only the answer to the latest keystroke is shown. The day does not
      // change the sums, and a half-typed one would not read: today stands in.
      const mine = ++asked;
      void api
        .orderTotals(draft(f, shopToday()))
        .then((x) => {
          if (mine === asked) totals.textContent = t("ui-order-totals", { total: formatMoney(x.total), vat: formatMoney(x.vat) });
        })
        .catch(() => {
          if (mine === asked) totals.textContent = "";
        });
    });
    // The lines go above the save button, across the form; common payment providers are offered.
    f.form.insertBefore(editor.element, f.form.lastElementChild?.previousElementSibling ?? null);
    editor.element.append(totals);
    f.form.append(h("datalist", { id: "payment-providers" }, ...["Klarna", "Payex", "Swish", "Vipps", "MobilePay", "Stripe", "PayPal"].map((p) => h("option", { value: p }))));
    return f.form;
  });
}
