// Settings: the shop's identity, its country and financial year, the retention
// periods, the document language and the backups; each field saved on its own, checked by
// the core, with the message at the field.
import { api } from "../api";
import { SHOP_COUNTRIES, shopCountryLabel } from "../countries";
import { clear, h, table } from "../dom";
import { formatDate, formatDateTime, LANGUAGES, t } from "../i18n";
import { errorText, say } from "./errors";
import { auditSection } from "./audit";
import { trailSection } from "./trail";
import { backupsSection } from "./backups";
import { encryptionSection } from "./encryption";
import { sharingSection } from "./sharing";
import { assessmentsSection } from "./assessments";
import { categoriesSection } from "./categories";
import { privacySection } from "./privacy";
import { processorsSection } from "./processors";
import { saveDocument } from "./save";

const GROUPS: Array<[string, string[]]> = [
  ["ui-settings-controller", ["controller.name", "controller.org_number", "controller.address", "controller.email", "controller.phone", "controller.website"]],
  ["ui-settings-law", ["country", "fiscal_year_start_month", "changed_fiscal_years", "first_fiscal_year_end", "order.series", "invoice.series", "time_zone", "authority.name", "authority.address"]],
  [
    "ui-settings-retention",
    [
      "retention.inactive_customer_months",
      "retention.interaction_months",
      "retention.web_event_months",
      "retention.consent_proof_months",
      "retention.event_months",
      "retention.request_months",
    ],
  ],
  ["ui-settings-documents", ["language"]],
  ["ui-settings-backups", ["backup.keep", "backup.folder"]],
  [
    "ui-settings-sie",
    [
      "sie.series",
      "sie.account.receivable",
      "sie.account.sales_25",
      "sie.account.sales_12",
      "sie.account.sales_6",
      "sie.account.sales_0",
      "sie.account.vat_25",
      "sie.account.vat_12",
      "sie.account.vat_6",
    ],
  ],
];

/** Groups that need a word of explanation before their fields. */
const HINTS: Record<string, string> = { "ui-settings-sie": "ui-settings-sie-hint" };

/** Fields that need a word of explanation under them. */
const FIELD_HINTS: Record<string, string> = {
  "authority.name": "ui-settings-authority-hint",
  changed_fiscal_years: "ui-settings-fiscal-hint",
};

/** How a value is written, where a field takes dates. */
const PLACEHOLDERS: Record<string, string> = { changed_fiscal_years: "2025-01-01..2025-04-30", first_fiscal_year_end: "2025-12-31" };

const CHOICES: Record<string, Array<[string, string]>> = {
  // "Sweden (SE)": labelled at draw time, in the window's language (see `label`).
  country: SHOP_COUNTRIES.map((c) => [c, c]),
  language: LANGUAGES.map((l) => [l, `language-${l}`]),
  fiscal_year_start_month: Array.from({ length: 12 }, (_, i) => [String(i + 1), `ui-month-${i + 1}`] as [string, string]),
};

/** What an option reads as: a message, a country by its name, or the value itself. */
function label(key: string, value: string, text: string): string {
  if (key === "country") return shopCountryLabel(value);
  return text.includes("-") ? t(text) : text;
}

/** A value stored for `key` as the field shows it: a choice by its label, else as stored. */
function shown(key: string, value: string): string {
  const choice = CHOICES[key]?.find(([v]) => v === value);
  if (choice) return label(key, value, choice[1]);
  return value === "" ? "–" : value;
}

/**
 * Every change of the settings, the newest first, with who made it and the
 * value set (Art. 5(2): which retention period was in force when). Read when
 * opened, so that it shows the changes saved above meanwhile.
 */
function historySection(): HTMLElement {
  const box = h("div", { id: "settings-history-box" });
  const details = h("details", { id: "settings-history" }, h("summary", {}, t("ui-settings-history")), box);
  details.addEventListener("toggle", () => {
    if (!details.open) return;
    void api
      .settingsHistory()
      .then((changes) => {
        clear(box);
        if (changes.length === 0) return box.append(h("p", {}, t("ui-settings-history-none")));
        const rows = changes.map((c) => [formatDateTime(c.set_at), c.set_by, t(`setting-${c.key.replace(/\./g, "-")}`), shown(c.key, c.value)]);
        box.append(table(t("ui-settings-history"), [t("col-time"), t("col-by"), t("col-setting"), t("col-value")], rows));
      })
      .catch((e: unknown) => box.replaceChildren(h("p", { class: "error" }, errorText(e))));
  });
  return details;
}

/** The settings that make the financial years, from which the bookkeeping law counts. */
const YEAR_KEYS = ["fiscal_year_start_month", "changed_fiscal_years", "first_fiscal_year_end", "country"];

/** The years around a first year and each change, said under their settings, so that a slip is seen. */
function financialYears(): { note: HTMLElement; refresh: () => void } {
  const note = h("p", { class: "hint", id: "financial-years", role: "status", hidden: true });
  const refresh = () =>
    void api.financialYears().then(({ years, note: said }) => {
      const shown = years.map(([from, to]) => `${formatDate(from)} – ${formatDate(to)}`).join("; ");
      // A first year counted from an order before the law lets it begin: its end is likely set wrong.
      const parts = [years.length > 0 ? t("ui-settings-fiscal-years", { years: shown }) : "", said ? say(said) : ""];
      note.textContent = parts.filter((p) => p).join(" ");
      note.hidden = !note.textContent;
    });
  refresh();
  return { note, refresh };
}

export async function settingsView(main: HTMLElement): Promise<void> {
  const [values, problems] = await Promise.all([api.settingsGet(), api.settingsProblems()]);
  main.append(h("h1", {}, t("ui-settings-title")));
  // Values saved before today's checks (or a folder since removed): named
  // at the top, each a way to its field, and said at the field.
  const fields = new Map<string, { control: HTMLInputElement | HTMLSelectElement; error: HTMLElement }>();
  const summary = h("p", { class: "error", id: "settings-problems", hidden: problems.length === 0 }, t("ui-settings-problems"));
  main.append(summary);
  const mended = (key: string) => {
    summary.querySelector(`button[data-key="${key}"]`)?.remove();
    if (!summary.querySelector("button")) summary.hidden = true;
  };
  // The SIE export's accounts concern a Swedish shop only: shown while the country is SE.
  let sie: HTMLElement | null = null;
  const years = financialYears();
  for (const [title, keys] of GROUPS) {
    const fieldset = h("fieldset", { class: "fields" }, h("legend", {}, t(title)));
    if (title === "ui-settings-sie") {
      sie = fieldset;
      fieldset.id = "settings-sie";
      fieldset.hidden = values.country !== "SE";
    }
    if (HINTS[title]) fieldset.append(h("p", { class: "group-hint" }, t(HINTS[title])));
    for (const key of keys) {
      const id = `setting-${key.replace(/\./g, "-")}`;
      const error = h("span", { class: "invalid-note", id: `${id}-error`, role: "status" });
      const choices = CHOICES[key];
      const hint = FIELD_HINTS[key] ? h("p", { class: "hint", id: `${id}-hint` }, t(FIELD_HINTS[key])) : null;
      const described = hint ? `${id}-error ${id}-hint` : `${id}-error`;
      const control = choices
        ? h("select", { id, "aria-describedby": described }, ...choices.map(([v, text]) => h("option", { value: v, selected: values[key] === v }, label(key, v, text))))
        : h("input", { id, value: values[key] ?? "", "aria-describedby": described, placeholder: PLACEHOLDERS[key] ?? null, inputmode: key.startsWith("retention.") || key.startsWith("sie.account.") || key === "backup.keep" ? "numeric" : null });
      control.addEventListener("change", () => {
        error.textContent = "";
        error.classList.remove("saved");
        control.removeAttribute("aria-invalid");
        const sent = control.value;
        api
          .settingsSet(key, sent)
          .then((stored) => {
            mended(key);
            // Show the stored form ("se" -> "SE") unless the user has typed on since.
            if (control.value === sent) control.value = stored;
            if (key === "country" && sie) sie.hidden = stored !== "SE";
            // The country may bring its time zone (the register kept the old country's own).
            const zone = fields.get("time_zone");
            if (key === "country" && zone) void api.settingsGet().then((now) => (zone.control.value = now.time_zone ?? zone.control.value));
            // A changed financial year brings the month the years begin in after it.
            const month = fields.get("fiscal_year_start_month");
            if (key === "changed_fiscal_years" && month)
              void api.settingsGet().then((now) => (month.control.value = now.fiscal_year_start_month ?? month.control.value));
            if (YEAR_KEYS.includes(key)) years.refresh();
            error.textContent = t("ui-saved");
            error.classList.add("saved");
          })
          .catch((e: unknown) => {
            control.setAttribute("aria-invalid", "true");
            error.textContent = errorText(e);
          });
      });
      const note = key === "changed_fiscal_years" ? years.note : null;
      fieldset.append(h("label", { for: id }, t(`setting-${key.replace(/\./g, "-")}`)), h("div", {}, control, error, hint, note));
      fields.set(key, { control, error });
    }
    main.append(fieldset);
  }
  main.append(historySection());
  for (const p of problems) {
    const field = fields.get(p.key);
    if (!field) continue;
    field.control.setAttribute("aria-invalid", "true");
    field.error.textContent = say(p.message);
    const go = () => {
      if (sie && field.control.closest("#settings-sie")) sie.hidden = false;
      field.control.focus();
    };
    summary.append(" ", h("button", { type: "button", class: "link", "data-key": p.key, onclick: go }, t(`setting-${p.key.replace(/\./g, "-")}`)));
  }
  const status = h("p", { class: "status", role: "status", id: "settings-status" });
  const save = saveDocument(status, "processing", {});
  const processors = h("div", { id: "processors-box" });
  const assessments = h("div", { id: "assessments-box" });
  const categories = h("div", { id: "categories-box" });
  const backups = h("div", { id: "backups-box" });
  const audit = h("div", { id: "audit-box" });
  const encryption = h("div", { id: "encryption-box" });
  const sharing = h("div", { id: "sharing-box" });
  const trail = h("div", { id: "trail-box" });
  auditSection(audit);
  trailSection(trail);
  main.append(
    h("h2", {}, t("ui-settings-backups")),
    backups,
    h("h2", {}, t("ui-settings-encryption")),
    encryption,
    h("h2", {}, t("ui-settings-sharing")),
    sharing,
    h("h2", {}, t("ui-settings-audit")),
    audit,
    h("h3", {}, t("ui-trail")),
    trail,
    h("h2", {}, t("ui-settings-categories")),
    categories,
    h("h2", {}, t("ui-settings-processors")),
    processors,
    h("h2", {}, t("ui-settings-assessments")),
    assessments,
    h("h2", {}, t("records-title")),
    h("div", { class: "actions" }, h("button", { type: "button", id: "records-pdf", onclick: save("pdf") }, t("ui-records-pdf")), h("button", { type: "button", onclick: save("json") }, t("ui-records-json"))),
    // What the shop tells everyone whose data it collects (Art. 13, 14), from the same record.
    ...privacySection(status),
    status,
  );
  // A category moved onto legitimate interest (or off it) changes what the assessments say is uncovered.
  // (Not while an assessment is being written: that form stays as it is.)
  const categoriesChanged = () => {
    if (!assessments.querySelector("#assessment-form")) void assessmentsSection(assessments);
  };
  await Promise.all([categoriesSection(categories, categoriesChanged), processorsSection(processors), assessmentsSection(assessments), backupsSection(backups), encryptionSection(encryption), sharingSection(sharing)]);
}
