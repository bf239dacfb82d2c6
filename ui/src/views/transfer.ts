// Import & export: a shop's CSV file in (choose it, see the detected format,
// the mapping of its columns and its first rows, every problem, then import
// with a progress bar that can be cancelled), the accountant's file out, and
// the mailing list of a consent's purpose for the tool that sends it.
import { api } from "../api";
import { dateField, datesRead } from "../datefield";
import { clear, h, table } from "../dom";
import type { AppInfo, ExportFormat, Field, ImportFormat, ImportKind, ImportReport, Problem } from "../generated/app-types";
import { language, named, t } from "../i18n";
import { errorText, say } from "./errors";

const FIELDS: Record<ImportKind, Field[]> = {
  customers: ["customer_number", "name", "first_name", "last_name", "email", "phone", "street", "street2", "postal_code", "city", "country", "language", "email_marketing", "sms_marketing"],
  orders: [
    "order_number", "order_date", "customer_number", "customer_email", "total", "currency", "vat", "shipping", "shipping_tax", "discount",
    "payment_provider", "payment_reference", "line_description", "line_quantity", "line_unit_price", "line_total", "line_tax", "line_vat_rate", "tax_name",
    "status", "fulfillment",
  ],
  web_events: ["occurred_at", "ip", "action", "user_agent", "customer_number", "customer_email"],
};

/** The formats a kind of file comes in: the shop platforms export no web activity. */
const FORMATS: Record<ImportKind, ImportFormat[]> = {
  customers: ["generic", "shopify", "woocommerce"],
  orders: ["generic", "shopify", "woocommerce"],
  web_events: ["generic"],
};

function importSection(box: HTMLElement): void {
  const kind = h(
    "select",
    { id: "import-kind", "aria-label": t("ui-import-kind") },
    h("option", { value: "customers" }, t("ui-import-customers")),
    h("option", { value: "orders" }, t("ui-import-orders")),
    h("option", { value: "web_events" }, t("ui-import-web-events")),
  );
  const choose = h("button", { type: "button", id: "import-choose", class: "primary" }, t("ui-import-choose"));
  const status = h("p", { class: "status", role: "status", id: "import-status" });
  const body = h("div", { id: "import-body" });
  box.append(h("h2", {}, t("ui-import-title")), h("p", { class: "hint" }, t("ui-import-intro")), h("div", { class: "actions" }, kind, choose), status, body);

  let file: string | null = null;
  let format: ImportFormat | null = null;
  let map: [string, Field | null][] = [];

  let previews = 0;
  async function preview(): Promise<void> {
    // Each change of the mapping asks again; only the newest answer is shown.
    const mine = ++previews;
    status.textContent = t("ui-loading");
    try {
      const r = await api.importPreview(kind.value as ImportKind, format, map);
      if (mine !== previews) return;
      status.textContent = "";
      show(r);
    } catch (e) {
      if (mine !== previews) return;
      clear(body);
      status.textContent = errorText(e);
    }
  }

  function show(r: ImportReport): void {
    clear(body);
    format = r.format;
    map = r.mapping.columns.map(([c, f]) => [c, f ?? null]);
    const formatSelect = h(
      "select",
      { id: "import-format", "aria-label": t("ui-import-format"), onchange: (e: Event) => { format = (e.target as HTMLSelectElement).value as ImportFormat; map = []; void preview(); } },
      ...FORMATS[kind.value as ImportKind].map((f) => h("option", { value: f, selected: f === r.format }, t(`ui-format-${f}`))),
    );
    const delimiter = r.source.delimiter === "\t" ? t("ui-import-tab") : r.source.delimiter;
    body.append(
      h("p", { id: "import-detected" }, t("ui-import-detected", { file: file ?? r.file, encoding: r.source.encoding, delimiter, rows: r.rows }), " ", formatSelect),
      h("h3", {}, t("ui-import-mapping")),
    );
    const fields = FIELDS[kind.value as ImportKind];
    const mapping = h("div", { class: "fields mapping", id: "import-mapping" });
    r.mapping.columns.forEach(([column, field], i) => {
      const select = h(
        "select",
        {
          "data-column": column,
          "aria-label": column || "–",
          onchange: (e: Event) => {
            const v = (e.target as HTMLSelectElement).value;
            map[i] = [column, v ? (v as Field) : null];
            void preview();
          },
        },
        h("option", { value: "" }, t("ui-import-skip-column")),
        ...fields.map((f) => h("option", { value: f, selected: f === field }, t(`import-field-${f}`))),
      );
      mapping.append(h("label", {}, column || "–"), select);
    });
    body.append(mapping);
    if (r.sample.length > 0) {
      body.append(h("h3", {}, t("ui-import-first-rows")), table(t("ui-import-first-rows"), r.mapping.columns.map(([c]) => c), r.sample, "import-sample"));
    }
    body.append(
      h("p", { id: "import-counts" }, t("ui-import-counts", { added: r.added, updated: r.updated, unchanged: r.unchanged, skipped: r.skipped, rejected: r.rejected })),
    );
    if (r.consents_given + r.consents_withdrawn > 0) body.append(h("p", { id: "import-consents" }, consentCounts(r, "ui-import-consents-would")));
    if (r.problems.length > 0) {
      body.append(
        h("h3", {}, t("ui-import-problems", { count: r.problem_count })),
        h("ul", { class: "problems", id: "import-problems" }, ...r.problems.map((p) => h("li", {}, problemLine(r.file, p)))),
      );
    }
    for (const n of r.notices) body.append(h("p", { class: "hint" }, problemLine(r.file, n)));
    const skip = h("input", { type: "checkbox", id: "import-skip-invalid" });
    const go = h("button", { type: "button", id: "import-run", class: "primary" }, t("ui-import-run"));
    const actions = h("div", { class: "actions" }, go);
    if (r.problem_count > 0) actions.prepend(h("label", { class: "check" }, skip, " ", t("ui-import-skip-invalid")));
    body.append(actions);
    go.addEventListener("click", () => {
      clear(actions);
      const bar = h("progress", { id: "import-progress", max: 1, value: 0 });
      const cancel = h("button", { type: "button", id: "import-cancel", onclick: () => void api.importCancel() }, t("ui-cancel"));
      actions.append(bar, cancel);
      void api.onProgress((p) => {
        if (p.task === "import") {
          bar.max = Math.max(1, p.total);
          bar.value = p.done;
        }
      }).then((stop) =>
        api
          .importRun(kind.value as ImportKind, format, map, skip.checked, language())
          .then((done) => {
            clear(actions);
            if (done.committed) {
              status.textContent = t("ui-import-done", { added: done.added, updated: done.updated, unchanged: done.unchanged, skipped: done.skipped, rejected: done.rejected });
              if (done.consents_given + done.consents_withdrawn > 0) status.append(" ", consentCounts(done, "ui-import-consents"));
              if (done.rejected_file) status.append(" ", t("ui-import-rejected-file", { path: done.rejected_file }));
            } else {
              // Refused whole: the problems again, with the choice to set them aside.
              show(done);
              // No row set aside: the header names no column a row needs, and no row was read.
              status.textContent = done.rejected === 0 ? t("ui-import-refused-header") : t("ui-import-refused", { count: done.rejected });
            }
          })
          .catch((e: unknown) => {
            clear(actions);
            status.textContent = errorText(e);
          })
          .finally(stop),
      );
    });
  }

  choose.addEventListener("click", () =>
    void api
      .importChoose()
      .then((name) => {
        if (!name) return;
        file = name;
        format = null;
        map = [];
        return preview();
      })
      .catch((e: unknown) => (status.textContent = errorText(e))),
  );
  kind.addEventListener("change", () => {
    // Each kind has its own fields, and its own formats to recognise.
    format = null;
    map = [];
    if (file) void preview();
  });
}

/** The consents an import's marketing columns record and withdraw: the mailing lists change with them. */
function consentCounts(r: ImportReport, key: "ui-import-consents" | "ui-import-consents-would"): string {
  return t(key, { given: r.consents_given, withdrawn: r.consents_withdrawn });
}

async function exportSection(box: HTMLElement, info: AppInfo): Promise<void> {
  const [from0, to0] = await api.lastFiscalYear();
  const from = dateField({ id: "export-from", value: from0 });
  const to = dateField({ id: "export-to", value: to0 });
  const what = h(
    "select",
    { id: "export-what" },
    h("option", { value: "orders" }, t("ui-export-what-orders")),
    h("option", { value: "invoices" }, t("ui-export-what-invoices")),
  );
  // SIE is the Swedish bookkeeping programs' format: offered to a Swedish shop.
  const sie = info.country === "SE" && h("option", { value: "sie" }, t("ui-export-format-sie"));
  const format = h("select", { id: "export-format" }, h("option", { value: "csv" }, "CSV"), h("option", { value: "json" }, "JSON"), sie);
  const comma = h("input", { type: "checkbox", id: "export-decimal-comma", checked: true });
  const sieHint = h("p", { class: "group-hint", id: "export-sie-hint", hidden: true }, t("ui-export-sie-hint"));
  // SIE books the sales (and their credit notes) only; a decimal comma is for spreadsheets.
  const fit = () => {
    if (sie) sie.disabled = what.value === "invoices";
    if (what.value === "invoices" && format.value === "sie") format.value = "csv";
    sieHint.hidden = format.value !== "sie";
    comma.disabled = format.value !== "csv";
  };
  what.addEventListener("change", fit);
  format.addEventListener("change", fit);
  const status = h("p", { class: "status", role: "status", id: "export-status" });
  const go = h("button", { type: "button", id: "export-save", class: "primary" }, t("ui-export-save"));
  const save = async (): Promise<string | null> => {
    const chosen = format.value as ExportFormat;
    if (what.value === "invoices") {
      const s = await api.exportInvoicesSave(from.value, to.value, chosen, comma.checked);
      return s && t("ui-export-done-invoices", { rows: s.rows, path: s.path });
    }
    const s = await api.exportSave(from.value, to.value, chosen, comma.checked);
    if (!s) return null;
    return chosen === "sie"
      ? t("ui-export-done-sie", { orders: s.orders, notes: s.credit_notes, left: s.left_out, path: s.path })
      : t("ui-export-done", { orders: s.orders, path: s.path });
  };
  go.addEventListener("click", () =>
    datesRead(box, (m) => (status.textContent = m)) &&
    void save()
      .then((done) => {
        if (done) status.textContent = done;
      })
      .catch((e: unknown) => (status.textContent = errorText(e))),
  );
  box.append(
    h("h2", {}, t("ui-export-title")),
    h("p", { class: "hint" }, t("ui-export-intro")),
    h(
      "div",
      { class: "fields" },
      h("label", { for: "export-what" }, t("ui-export-what")), what,
      h("label", { for: "export-from" }, t("ui-export-from")), from,
      h("label", { for: "export-to" }, t("ui-export-to")), to,
      h("label", { for: "export-format" }, t("ui-export-format")), format,
      h("label", { for: "export-decimal-comma" }, t("ui-export-decimal-comma")), comma,
      sieHint,
    ),
    h("div", { class: "actions" }, go),
    status,
  );
}

/** The mailing list of a consent's purpose (the newsletter): who consents now, for the tool that sends it. */
async function mailingSection(box: HTMLElement): Promise<void> {
  const purposes = await api.consentPurposes();
  box.append(h("h2", {}, t("ui-mailing-title")), h("p", { class: "hint" }, t("ui-mailing-intro")));
  if (purposes.length === 0) {
    box.append(h("p", { id: "mailing-none" }, t("ui-mailing-none")));
    return;
  }
  const purpose = h(
    "select",
    { id: "mailing-purpose" },
    ...purposes.map((p) => h("option", { value: p.purpose }, t("ui-mailing-option", { purpose: named("consent-purpose-", p.purpose), count: p.consenting }))),
  );
  const status = h("p", { class: "status", role: "status", id: "mailing-status" });
  const go = h("button", { type: "button", id: "mailing-save", class: "primary" }, t("ui-mailing-save"));
  go.addEventListener("click", () =>
    void api
      .consentListSave(purpose.value)
      .then((s) => {
        if (s) status.textContent = t("ui-mailing-done", { count: s.recipients, restricted: s.restricted_left_out, path: s.path });
      })
      .catch((e: unknown) => (status.textContent = errorText(e))),
  );
  box.append(h("div", { class: "fields" }, h("label", { for: "mailing-purpose" }, t("ui-mailing-purpose")), purpose), h("div", { class: "actions" }, go), status);
}

/** "kunder.csv:3: E-post: why", in the window's language: the header row named
 * as such, and no column where the problem is the whole row's ("-"). */
function problemLine(file: string, p: Problem): string {
  const column = p.line === 1 && p.column === "header" ? t("ui-import-header-row") : p.column;
  const why = say(p.reason);
  return column === "-" ? `${file}:${p.line}: ${why}` : `${file}:${p.line}: ${column}: ${why}`;
}

export async function transferView(main: HTMLElement, info: AppInfo): Promise<void> {
  const imp = h("section", { id: "import" });
  const exp = h("section", { id: "export" });
  const mailing = h("section", { id: "mailing" });
  main.append(h("h1", {}, t("ui-nav-transfer")), imp, exp, mailing);
  importSection(imp);
  await exportSection(exp, info);
  await mailingSection(mailing);
}
