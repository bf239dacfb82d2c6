// The categories of data in Settings: each one's purpose, legal basis (Art.
// 6(1)) and source, from which the access report and the records of
// processing are written. A change saves at once and is audited by the core;
// `changed` tells the assessments beside it, which name the categories resting
// on legitimate interest that no assessment covers.
import { api } from "../api";
import { clear, h } from "../dom";
import type { Catalogue, Category, CategoryChanges, CategoryProcessing, LegalBasis, Source } from "../generated/app-types";
import { t } from "../i18n";
import { errorText } from "./errors";

/** The categories in the order the access report gives them (and every list of them in the window). */
export const CATEGORIES: Category[] = ["identity_contact", "purchase_history", "invoices", "communications", "web_activity", "consents", "events", "requests"];
const BASES: LegalBasis[] = ["contract", "legal_obligation", "consent", "legitimate_interest"];
const SOURCES: Source[] = ["data_subject", "observed", "shop"];

export async function categoriesSection(box: HTMLElement, changed: () => void): Promise<void> {
  const catalogue: Catalogue = await api.catalogueGet();
  clear(box);
  const sorted = [...catalogue.categories].sort((a, b) => CATEGORIES.indexOf(a.code) - CATEGORIES.indexOf(b.code));
  const rows = sorted.map((c) => row(c, changed));
  box.append(
    h("p", { class: "group-hint" }, t("ui-settings-categories-hint")),
    h(
      "table",
      { class: "data categories", id: "categories" },
      h("caption", { class: "sr-only" }, t("ui-settings-categories")),
      h("thead", {}, h("tr", {}, ...["ui-col-category", "col-purpose", "ui-col-legal-basis", "ui-col-source"].map((k) => h("th", { scope: "col" }, t(k))))),
      h("tbody", {}, ...rows),
    ),
  );
}

function row(c: CategoryProcessing, changed: () => void): HTMLElement {
  const code: Category = c.code;
  const name = t(`cat-${code}`);
  const note = h("span", { class: "invalid-note", id: `category-${code}-note`, role: "status" });
  const purpose = h("textarea", { id: `category-${code}-purpose`, rows: 2, placeholder: t(`purpose-${code}`), "aria-label": t("ui-category-purpose", { category: name }), "aria-describedby": note.id, maxlength: 500 });
  const basis = h("select", { id: `category-${code}-basis`, "aria-label": t("ui-category-basis", { category: name }), "aria-describedby": note.id }, ...BASES.map((b) => h("option", { value: b, selected: b === c.legal_basis }, t(`ui-basis-${b}`))));
  const source = h("select", { id: `category-${code}-source`, "aria-label": t("ui-category-source", { category: name }), "aria-describedby": note.id }, ...SOURCES.map((s) => h("option", { value: s, selected: s === c.source }, t(`ui-source-${s}`))));
  purpose.value = c.purpose ?? "";
  const save = (control: HTMLTextAreaElement | HTMLSelectElement, changes: CategoryChanges): void => {
    control.removeAttribute("aria-invalid");
    note.classList.remove("saved");
    void api
      .categoryChange(code, changes)
      .then((saved) => {
        note.textContent = t("ui-saved");
        note.classList.add("saved");
        // An empty purpose is the default text again: shown as the placeholder.
        purpose.value = saved.purpose ?? "";
        if (changes.legal_basis) changed();
      })
      .catch((e: unknown) => {
        control.setAttribute("aria-invalid", "true");
        note.textContent = errorText(e);
      });
  };
  purpose.addEventListener("change", () => save(purpose, { purpose: purpose.value }));
  basis.addEventListener("change", () => save(basis, { legal_basis: basis.value as LegalBasis }));
  source.addEventListener("change", () => save(source, { source: source.value as Source }));
  return h("tr", { "data-code": code }, h("th", { scope: "row" }, name), h("td", {}, purpose, note), h("td", {}, basis), h("td", {}, source));
}
