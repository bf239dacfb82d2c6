// The customer's fields as a form: one builder for the first customer, a new
// customer and the customer page, so the three never drift apart. The language
// is chosen from the three the documents are written in, the country from every
// country by its name, so "DK" is never mistaken for Germany.
import { api } from "../api";
import { countrySelect } from "../countries";
import { h } from "../dom";
import type { Customer, CustomerInput } from "../generated/app-types";
import { LANGUAGES, t } from "../i18n";
import { errorText, showEach } from "./errors";

export type FieldName = keyof CustomerInput;

/** The customer's editable fields and their labels. */
export const FIELDS: Array<[FieldName, string]> = [
  ["name", "field-name"],
  ["email", "field-email"],
  ["phone", "field-phone"],
  ["street", "field-street"],
  ["postal_code", "field-postal-code"],
  ["city", "field-city"],
  ["country", "field-country"],
  ["language", "field-language"],
];

export interface CustomerForm {
  form: HTMLFormElement;
  /** What the field holds now ("" when empty). */
  value(field: FieldName): string;
  /** Shows the core's message at `field`, focusing it unless `focus` is false; false when the form has no such field. */
  showError(field: string, message: string, focus?: boolean): boolean;
  /** Shows a failed save at its fields, every one found wrong, the first focused; false when it names none of the form's. */
  showErrors(err: unknown): boolean;
  clearErrors(): void;
}

/** A form of `fields`, ids `${prefix}-${field}`, filled from `values`. */
export function customerForm(prefix: string, values: Partial<Record<FieldName, string | null>>, fields = FIELDS): CustomerForm {
  const form = h("form", { id: `${prefix}-form`, class: "fields", novalidate: true });
  const controls = new Map<string, HTMLInputElement | HTMLSelectElement>();
  for (const [field, label] of fields) {
    const id = `${prefix}-${field}`;
    const value = values[field] ?? "";
    const described = `${id}-error`;
    let control: HTMLInputElement | HTMLSelectElement;
    if (field === "language") {
      control = h("select", { id, name: field, "aria-describedby": described }, ...LANGUAGES.map((l) => h("option", { value: l, selected: l === value }, t(`language-${l}`))));
    } else if (field === "country") {
      control = countrySelect({ id, name: field, autocomplete: "country", "aria-describedby": described }, value);
    } else {
      control = h("input", { id, name: field, value, type: field === "email" ? "email" : field === "phone" ? "tel" : "text", "aria-describedby": described });
    }
    controls.set(field, control);
    form.append(h("label", { for: id }, t(label)), h("div", {}, control, h("span", { class: "invalid-note", id: described })));
  }
  return {
    form,
    value: (field) => controls.get(field)?.value ?? "",
    showError(field, message, focus = true) {
      const control = controls.get(field);
      const slot = form.querySelector(`#${prefix}-${field}-error`);
      if (!control || !slot) return false;
      control.setAttribute("aria-invalid", "true");
      slot.textContent = message;
      if (focus) control.focus();
      return true;
    },
    showErrors(err) {
      return showEach(err, (field, message) => this.showError(field, message));
    },
    clearErrors() {
      for (const el of Array.from(form.querySelectorAll(".invalid-note"))) el.textContent = "";
      for (const control of controls.values()) control.removeAttribute("aria-invalid");
    },
  };
}

/** A form that adds a customer, with its button and status line; `added` gets the new customer. */
export function addCustomerForm(prefix: string, values: Partial<Record<FieldName, string | null>>, fields: Array<[FieldName, string]>, added: (c: Customer) => void): HTMLElement {
  const f = customerForm(prefix, values, fields);
  const status = h("p", { class: "status", role: "status" });
  f.form.append(h("span"), h("div", {}, h("button", { type: "submit", class: "primary", id: `${prefix}-add` }, t("ui-add"))));
  f.form.addEventListener("submit", (e) => {
    e.preventDefault();
    f.clearErrors();
    const input: CustomerInput = {};
    for (const [field] of FIELDS) input[field] = f.value(field) || null;
    api
      .customerAdd(input)
      .then(added)
      .catch((err: unknown) => {
        if (!f.showErrors(err)) status.textContent = errorText(err);
      });
  });
  return h("div", {}, h("h1", {}, t("ui-new-customer")), f.form, status);
}
