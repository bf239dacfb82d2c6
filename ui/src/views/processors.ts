// Processors and recipients in Settings: the list, and a form to add or change
// one (the core checks every field, and that a transfer outside the EU/EEA
// names its safeguards).
import { api } from "../api";
import { countryName, countrySelect, inEea } from "../countries";
import { clear, h } from "../dom";
import type { Category, NewProcessor, Processor, ProcessorRole } from "../generated/app-types";
import { defaulted, t } from "../i18n";
import { CATEGORIES } from "./categories";
import { errorText, showAtNotes } from "./errors";

export async function processorsSection(box: HTMLElement): Promise<void> {
  const catalogue = await api.catalogueGet();
  clear(box);
  const status = h("p", { class: "status", role: "status", id: "processors-status" });
  const rows = catalogue.processors.map((p) =>
    h(
      "tr",
      { class: "processor-row" },
      h("td", {}, defaulted(p.name)),
      h("td", {}, t(`role-${p.role}`)),
      h("td", {}, countryName(p.country) || p.country),
      h("td", {}, defaulted(p.purpose)),
      h("td", {}, p.categories.map((c) => t(`cat-${c}`)).join(", ")),
      h("td", {}, p.outside_eea ? `${t("doc-yes")}: ${defaulted(p.safeguards ?? "")}` : t("doc-no")),
      h(
        "td",
        {},
        h("div", { class: "actions" }, h("button", { type: "button", onclick: () => form(box, p, () => void processorsSection(box)) }, t("ui-edit")), h("button", {
          type: "button",
          onclick: () =>
            void api
              .processorRemove(p.id)
              .then(() => processorsSection(box))
              .catch((e: unknown) => (status.textContent = errorText(e))),
        }, t("ui-remove"))),
      ),
    ),
  );
  box.append(
    h(
      "table",
      { class: "data", id: "processors" },
      h("caption", { class: "sr-only" }, t("ui-settings-processors")),
      h("thead", {}, h("tr", {}, ...["col-name", "col-role", "col-country", "col-purpose", "col-categories", "col-outside-eea", "ui-actions"].map((k) => h("th", { scope: "col" }, t(k))))),
      h("tbody", {}, ...rows),
    ),
    status,
    h("button", { type: "button", id: "processor-add", onclick: () => form(box, null, () => void processorsSection(box)) }, t("ui-processor-add")),
  );
}

function form(box: HTMLElement, current: Processor | null, done: () => void): void {
  clear(box);
  const field = (name: string, label: string, control: HTMLElement) =>
    [h("label", { for: `processor-${name}` }, label), h("div", {}, control, h("span", { class: "invalid-note", id: `processor-${name}-note` }))] as const;
  const name = h("input", { id: "processor-name", value: defaulted(current?.name ?? "") });
  const role = h("select", { id: "processor-role" }, ...(["processor", "recipient"] as ProcessorRole[]).map((r) => h("option", { value: r, selected: current?.role === r }, t(`role-${r}`))));
  const country = countrySelect({ id: "processor-country" }, current?.country ?? "");
  const purpose = h("input", { id: "processor-purpose", value: defaulted(current?.purpose ?? "") });
  const boxes = CATEGORIES.map((c) => h("input", { type: "checkbox", value: c, id: `processor-cat-${c}`, checked: current?.categories.includes(c) ?? false }));
  const cats = h("div", { class: "checks" }, ...boxes.map((b, i) => h("label", { class: "check" }, b, " ", t(`cat-${CATEGORIES[i]}`))));
  const outside = h("input", { type: "checkbox", id: "processor-outside_eea", checked: current?.outside_eea ?? false });
  // A country chosen anew says whether the recipient is outside the EEA; the
  // box stays the user's to change (an EEA processor may transfer further).
  country.addEventListener("change", () => (outside.checked = country.value !== "" && !inEea(country.value)));
  const safeguards = h("input", { id: "processor-safeguards", value: defaulted(current?.safeguards ?? "") });
  const status = h("p", { class: "status", role: "status" });
  const f = h(
    "form",
    { class: "fields", id: "processor-form", novalidate: true },
    ...field("name", t("col-name"), name),
    ...field("role", t("col-role"), role),
    ...field("country", t("col-country"), country),
    ...field("purpose", t("col-purpose"), purpose),
    ...field("categories", t("col-categories"), cats),
    ...field("outside_eea", t("col-outside-eea"), outside),
    ...field("safeguards", t("col-safeguards"), safeguards),
    h("span"),
    h("div", { class: "actions" }, h("button", { type: "submit", class: "primary", id: "processor-save" }, t("ui-save")), h("button", { type: "button", onclick: done }, t("ui-cancel"))),
  );
  f.addEventListener("submit", (e) => {
    e.preventDefault();
    status.textContent = "";
    const fields: NewProcessor = {
      name: name.value,
      role: role.value as ProcessorRole,
      country: country.value,
      purpose: purpose.value,
      categories: boxes.filter((b) => b.checked).map((b) => b.value as Category),
      agreement_date: current?.agreement_date ?? null,
      outside_eea: outside.checked,
      safeguards: safeguards.value || null,
    };
    const save = current ? api.processorUpdate(current.id, fields) : api.processorAdd(fields);
    save.then(done).catch((err: unknown) => {
      if (!showAtNotes(f, "processor", err)) status.textContent = errorText(err);
    });
  });
  box.append(h("h3", {}, t(current ? "ui-processor-edit" : "ui-processor-add")), f, status);
  name.focus();
}
