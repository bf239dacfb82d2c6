// The access report before it is saved: the same content the PDF and the JSON
// are made from, category by category, in the window's language.
import { api } from "../api";
import { clear, h, table } from "../dom";
import type { AccessReport, ConsentRecord, Corrected, CustomerPage, KeptToUndo, Retention } from "../generated/app-types";
import { formatDate, formatMoney, language, named, t, webAction } from "../i18n";
import { shown } from "./corrections";
import { errorText } from "./errors";
import { invoiceKind } from "./orders";
import { saveDocument } from "./save";

function kept(r: Retention): string {
  // A day gone by says what keeps the record, or that it is to be deleted, as the PDF does.
  if (r.retain_until) return r.kept_past ? t(`kept-past-${r.kept_past}`, { date: formatDate(r.retain_until) }) : formatDate(r.retain_until);
  return r.open_reason ? t(`kept-open-${r.open_reason}`) : "";
}

/** When a consent was withdrawn, or, standing beside a later one to the same purpose, which replaced it. */
function withdrawnOrReplaced(x: ConsentRecord): string {
  const later = x.withdrawn_at ? null : x.replaced_by;
  return later ? t("consent-replaced", { version: later.text_version, date: formatDate(later.given_at) }) : formatDate(x.withdrawn_at);
}

/** The person's details; their web shop numbers where the register keeps any, as the PDF prints them. */
function identity(section: AccessReport["categories"]["identity_contact"], phone: string | null): HTMLElement {
  const shop = section.records.some((r) => r.shop_numbers.length > 0);
  const head = [t("field-name"), t("field-email"), t("field-phone"), ...(shop ? [t("field-shop-numbers")] : []), t("col-kept-until")];
  const rows = section.records.map((r) => [r.name ?? "", r.email ?? "", r.phone ? (phone ?? r.phone) : "", ...(shop ? [r.shop_numbers.join(", ")] : []), kept(r.retention)]);
  return table(section.title, head, rows);
}

/** A merged customer's details kept to undo the merge; their phone as the page writes it where it is the one held. */
function keptToUndo(k: KeptToUndo, phone: string | null, held: string | null): HTMLElement {
  const address = [k.street, [k.postal_code, k.city].filter(Boolean).join(" ")].filter(Boolean).join(", ");
  const shownPhone = k.phone && k.phone === held ? (phone ?? k.phone) : (k.phone ?? "");
  return table(t("access-merged-kept-title"), [t("field-name"), t("field-email"), t("field-phone"), t("field-address")], [[k.name ?? "", k.email ?? "", shownPhone, address]], "preview-merged-details");
}

/**
 * The report of the customer of `page`, whose phone numbers (the one held, and
 * those corrections replaced) are written as the page writes them, and as the
 * PDF prints them.
 */
export async function showPreview(panel: HTMLElement, page: CustomerPage, back: () => void): Promise<void> {
  const customer = page.customer.id;
  const phone = page.phone_display ?? null;
  const phones = new Map<string, string>();
  for (const x of page.corrections.flatMap((k) => k.changes)) {
    if (x.before && x.before_shown) phones.set(x.before, x.before_shown);
    if (x.after && x.after_shown) phones.set(x.after, x.after_shown);
  }
  const value = (field: Corrected, v: string | null | undefined) => (field === "phone" && v ? (phones.get(v) ?? v) : shown(field, v));
  clear(panel);
  panel.append(h("p", { class: "hint" }, t("ui-loading")));
  let report: AccessReport;
  try {
    report = await api.reportPreview(customer, language());
  } catch (e) {
    clear(panel);
    panel.append(h("p", { class: "error", role: "alert" }, errorText(e)), h("button", { type: "button", onclick: back }, t("ui-back")));
    return;
  }
  const status = h("p", { class: "status", role: "status" });
  const save = saveDocument(status, "access", { customer }, language);
  const c = report.categories;
  const sections: Array<[{ title: string; purpose: string; legal_basis_text: string; legitimate_interests: string[]; source_text: string; retention_text: string; recipients: string[] }, HTMLElement]> = [
    [c.identity_contact, identity(c.identity_contact, phone)],
    [c.purchase_history, table(c.purchase_history.title, [t("col-order"), t("col-date"), t("col-total"), t("col-kept-until")], c.purchase_history.records.map((o) => [o.number, formatDate(o.date), formatMoney(o.total), kept(o.retention)]), "preview-orders")],
    [c.invoices, table(c.invoices.title, [t("col-number"), t("col-kind"), t("col-date"), t("col-amount"), t("col-kept-until")], c.invoices.records.map((i) => [i.number, invoiceKind(i), formatDate(i.issued), formatMoney(i.amount), kept(i.retention)]))],
    [c.communications, table(c.communications.title, [t("col-date"), t("col-summary"), t("col-kept-until")], c.communications.records.map((i) => [formatDate(i.time), i.summary, kept(i.retention)]))],
    [c.web_activity, table(c.web_activity.title, [t("col-date"), t("col-ip"), t("col-action"), t("col-kept-until")], c.web_activity.records.map((w) => [formatDate(w.time), w.ip_address, webAction(w.action), kept(w.retention)]))],
    [c.consents, table(c.consents.title, [t("col-purpose"), t("col-given"), t("col-withdrawn"), t("col-kept-until")], c.consents.records.map((x) => [named("consent-purpose-", x.purpose), formatDate(x.given_at), withdrawnOrReplaced(x), kept(x.retention)]))],
    [c.events, table(c.events.title, [t("col-event"), t("col-date"), t("col-kept-until")], c.events.records.map((e) => [e.event, formatDate(e.date), kept(e.retention)]))],
    [c.requests, table(c.requests.title, [t("col-kind"), t("col-received"), t("col-kept-until")], c.requests.records.map((r) => [t(`kind-${r.kind}`), formatDate(r.received), kept(r.retention)]))],
  ];
  const pastDue = [
    ...c.identity_contact.records,
    ...c.purchase_history.records,
    ...c.invoices.records,
    ...c.communications.records,
    ...c.web_activity.records,
    ...c.consents.records,
    ...c.events.records,
    ...c.requests.records,
  ].filter((r) => r.retention.kept_past === "due").length;
  clear(panel);
  panel.append(
    h("div", { class: "actions" }, h("button", { type: "button", onclick: back }, `← ${t("ui-back")}`), h("button", { type: "button", class: "primary", onclick: save("pdf") }, t("ui-report-pdf")), h("button", { type: "button", onclick: save("json") }, t("ui-report-json"))),
    status,
    h("h1", { id: "preview-title" }, report.controller.name.trim() ? t("access-title", { controller: report.controller.name }) : t("access-title-nameless")),
    h("p", { class: "meta" }, t("access-subject")),
    h("p", {}, t("access-intro")),
  );
  // The person is told what is to be deleted; the shop, that the next sweep
  // deletes it: this report answers no request, and what one keeps is marked so.
  if (pastDue > 0) panel.append(h("p", { class: "hint" }, t("access-past-due")));
  if (pastDue > 0) status.after(h("p", { class: "notice", id: "preview-past-due" }, t("ui-preview-past-due-free", { count: pastDue })));
  for (const [s, records] of sections) {
    panel.append(
      h("h2", {}, s.title),
      h(
        "dl",
        { class: "fields" },
        h("dt", {}, t("section-purpose")), h("dd", {}, s.purpose),
        h("dt", {}, t("section-legal-basis")), h("dd", {}, s.legal_basis_text),
        ...(s.legitimate_interests.length ? [h("dt", {}, t("section-interest")), h("dd", {}, s.legitimate_interests.join("; "))] : []),
        h("dt", {}, t("section-source")), h("dd", {}, s.source_text),
        h("dt", {}, t("section-recipients")), h("dd", {}, s.recipients.length ? s.recipients.join(", ") : t("recipients-none")),
        h("dt", {}, t("section-retention")), h("dd", {}, s.retention_text),
      ),
      records.querySelector("tbody")?.children.length ? records : h("p", { class: "hint" }, t("access-category-empty")),
    );
    // Since when their web activity is not recorded, for their objection (Art. 21(1)), as the PDF says.
    const stopped = report.web_activity_stopped;
    // The customers merged into this one: the data above includes theirs, as the PDF says.
    if (s === c.identity_contact) {
      for (const m of report.merged ?? []) {
        panel.append(h("p", { class: "preview-merged" }, t("access-merged", { number: m.customer_number, date: formatDate(m.merged_on) })));
        // The details kept while the merge may be undone are data held about them too (Art. 15(1)).
        const k = m.kept_to_undo;
        if (k) panel.append(h("p", { class: "preview-merged-kept" }, t("access-merged-kept", { number: m.customer_number, date: formatDate(k.until) })), keptToUndo(k, phone, page.customer.phone ?? null));
      }
    }
    if (s === c.web_activity && stopped) panel.append(h("p", { id: "preview-web-stopped" }, t("web-activity-stopped", { since: formatDate(stopped) })));
  }
  // The values corrections replaced, which the audit trail keeps (Art. 16), as the PDF lists them.
  const corrections = report.corrections ?? [];
  if (corrections.length) {
    panel.append(
      h("h2", {}, t("access-corrections-title")),
      h("p", {}, t("access-corrections-intro")),
      table(
        t("access-corrections-title"),
        [t("col-corrected-on"), t("col-corrected-part"), t("col-value-before"), t("col-value-after")],
        corrections.map((x) => [formatDate(x.corrected_at), x.note_time ? `${t(`corrected-${x.field}`)} (${formatDate(x.note_time)})` : t(`corrected-${x.field}`), value(x.field, x.before), value(x.field, x.after)]),
        "preview-corrections",
      ),
    );
  }
  panel.append(
    h("h2", {}, t("automated-title")),
    h("p", {}, report.automated_decision_making.text),
    h("h2", {}, t("rights-title")),
    h("ul", {}, ...report.rights.map((r) => h("li", {}, r.text))),
    h("h2", {}, t("authority-title")),
    h("p", {}, `${report.supervisory_authority.name}, ${report.supervisory_authority.address}`),
    h("p", {}, t("authority-where-you-live")),
  );
  panel.scrollTop = 0;
}
