// A customer's orders on their page: each one's status changed where it
// stands (paid, shipped, cancelled, refunded: the amounts stay the voucher's),
// and an invoice or a reminder of one recorded, checked against its order.
import { api } from "../api";
import { h } from "../dom";
import type { CustomerPage, InvoiceKind, OrderStatus } from "../generated/app-types";
import { formatDate, formatMoney, t } from "../i18n";
import { localNow, opener, recordForm, statusChoice, type Reload, type Row } from "./records";

const STATUSES: OrderStatus[] = ["placed", "paid", "shipped", "cancelled", "refunded"];
const KINDS: InvoiceKind[] = ["invoice", "reminder"];

export function orderTable(page: CustomerPage, status: HTMLElement, reload: Reload): HTMLElement {
  const erased = page.customer.state === "erased";
  const statusCell = (number: string, current: OrderStatus) =>
    erased
      ? t(`order-status-${current}`)
      : statusChoice(STATUSES, current, (v) => t(`order-status-${v}`), `${t("col-status")}: ${number}`, { class: "order-status", "data-order": number }, (v) => api.orderStatus(number, v), status, reload);
  const head = [t("col-order"), t("col-date"), t("col-items"), t("col-total"), t("col-payment"), t("col-status")];
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
          h("td", {}, o.number),
          h("td", {}, formatDate(o.order_date)),
          h("td", {}, o.lines.map((l) => `${l.quantity} × ${l.description}`).join("; ")),
          h("td", {}, formatMoney(o.total)),
          h("td", {}, o.payment_provider ?? ""),
          h("td", {}, statusCell(o.number, o.status)),
        ),
      ),
    ),
  );
}

/** "Record an invoice or reminder": of which order, its number, when issued and due, how much. */
export function invoiceForm(page: CustomerPage, reload: Reload): HTMLElement | false {
  if (page.orders.length === 0 || page.customer.state === "erased") return false;
  return opener("invoice-add", "ui-invoice-add", () => {
    const today = localNow().slice(0, 10);
    const rows: Row[] = [
      { name: "order", label: "col-order", control: h("select", {}, ...page.orders.map((o) => h("option", { value: o.number }, `${o.number} (${formatMoney(o.total)})`))) },
      { name: "kind", label: "col-kind", control: h("select", {}, ...KINDS.map((k) => h("option", { value: k }, t(`invoice-kind-${k}`)))) },
      { name: "number", label: "col-number", control: h("input", { maxlength: 60 }) },
      { name: "issued_on", label: "ui-issued", control: h("input", { type: "date", value: today }) },
      { name: "due_on", label: "col-due", control: h("input", { type: "date" }) },
      { name: "amount", label: "col-amount", control: h("input", { inputmode: "decimal" }) },
    ];
    return recordForm("invoice", rows, "ui-save", (f) => {
      if (!f.value("issued_on")) return f.fail({ code: "invalid", field: "issued_on", message: t("ui-date-needed") });
      void api
        .invoiceAdd({
          order: f.value("order"),
          number: f.value("number"),
          kind: f.value("kind") as InvoiceKind,
          issued_on: f.value("issued_on"),
          due_on: f.value("due_on") || null,
          amount: f.value("amount"),
        })
        .then(() => reload(t("ui-saved")))
        .catch((e: unknown) => f.fail(e));
    }).form;
  });
}
