// Legitimate-interest assessments in Settings (Art. 6(1)(f)): each balancing the
// shop has written down, revised or withdrawn here, and a form for a new one.
// The core checks every answer; the author, left blank, is who is working. The
// categories resting on legitimate interest that no assessment covers are named
// first (Art. 5(2): the shop must be able to show it weighed).
import { api } from "../api";
import { dateField, unreadDate } from "../datefield";
import { clear, h } from "../dom";
import type { Assessment, Category, NewAssessment } from "../generated/app-types";
import { shopToday } from "../clock";
import { defaulted, formatDate, t } from "../i18n";
import { CATEGORIES } from "./categories";
import { errorText, pageError, showAtNotes } from "./errors";

/** The assessment's questions, in the order the records of processing print them. */
const QUESTIONS = ["purpose", "interest", "necessity", "balancing", "outcome"] as const;

const categoryNames = (codes: Category[]) => codes.map((c) => t(`cat-${c}`)).join(", ");

export async function assessmentsSection(box: HTMLElement): Promise<void> {
  const catalogue = await api.catalogueGet();
  clear(box);
  const status = h("p", { class: "status", role: "status", id: "assessments-status" });
  const reload = () => void assessmentsSection(box);
  const items = catalogue.assessments.map((a) =>
    h(
      "article",
      { class: "assessment", "data-id": String(a.id) },
      h("h3", {}, defaulted(a.purpose)),
      h("dl", { class: "fields" }, ...(a.categories.length > 0 ? [h("dt", {}, t("assessment-categories")), h("dd", {}, categoryNames(a.categories))] : []), ...QUESTIONS.slice(1).flatMap((q) => [h("dt", {}, t(`assessment-${q}`)), h("dd", {}, defaulted(a[q]))]), h("dt", {}, t("assessment-assessed")), h("dd", {}, `${formatDate(a.assessed_on)}, ${defaulted(a.author)}`)),
      h(
        "div",
        { class: "actions" },
        h("button", { type: "button", "data-action": "edit", onclick: () => form(box, a, reload) }, t("ui-edit")),
        h("button", {
          type: "button",
          "data-action": "remove",
          onclick: () =>
            void api
              .assessmentRemove(a.id)
              .then(reload)
              .catch((e: unknown) => (status.textContent = errorText(e))),
        }, t("ui-remove")),
      ),
    ),
  );
  const unassessed = catalogue.unassessed.length > 0 ? h("p", { class: "notice", id: "unassessed", role: "status" }, t("ui-unassessed", { categories: categoryNames(catalogue.unassessed) })) : "";
  box.append(h("p", { class: "group-hint" }, t("ui-settings-assessments-hint")), unassessed, ...items, status, h("button", { type: "button", id: "assessment-add", onclick: () => form(box, null, reload) }, t("ui-assessment-add")));
}

function form(box: HTMLElement, current: Assessment | null, done: () => void): void {
  clear(box);
  const today = shopToday();
  const control = (name: string, value: string, multiline: boolean) =>
    multiline
      ? h("textarea", { id: `assessment-${name}`, rows: 3 }, value)
      : name === "assessed_on"
        ? dateField({ id: `assessment-${name}`, value })
        : h("input", { id: `assessment-${name}`, value, placeholder: name === "author" ? t("ui-assessment-author-blank") : null });
  const controls = new Map<string, HTMLInputElement | HTMLTextAreaElement>();
  const boxes = CATEGORIES.map((c) => h("input", { type: "checkbox", value: c, id: `assessment-cat-${c}`, checked: current?.categories.includes(c) ?? false }));
  const cats = h("div", { class: "checks", id: "assessment-categories" }, ...boxes.map((b, i) => h("label", { class: "check" }, b, " ", t(`cat-${CATEGORIES[i]}`))));
  const categoryRow = [
    h("span", { class: "label", id: "assessment-categories-label" }, t("assessment-categories")),
    h("div", { role: "group", "aria-labelledby": "assessment-categories-label" }, cats, h("span", { class: "hint-line" }, t("ui-assessment-categories-hint")), h("span", { class: "invalid-note", id: "assessment-categories-note" })),
  ];
  const rows = [...QUESTIONS.map((q) => [q, `assessment-${q}`, defaulted(current?.[q] ?? ""), q !== "purpose"] as const), ["assessed_on", "col-date", current?.assessed_on ?? today, false] as const, ["author", "assessment-author", defaulted(current?.author ?? ""), false] as const].flatMap(([name, label, value, multiline]) => {
    const c = control(name, value, multiline);
    controls.set(name, c);
    return [h("label", { for: `assessment-${name}` }, t(label)), h("div", {}, c, h("span", { class: "invalid-note", id: `assessment-${name}-note` }))];
  });
  const status = h("p", { class: "status", role: "status" });
  const f = h(
    "form",
    { class: "fields", id: "assessment-form", novalidate: true },
    ...rows.slice(0, 2),
    ...categoryRow,
    ...rows.slice(2),
    h("span"),
    h("div", { class: "actions" }, h("button", { type: "submit", class: "primary", id: "assessment-save" }, t("ui-save")), h("button", { type: "button", onclick: done }, t("ui-cancel"))),
  );
  f.addEventListener("submit", (e) => {
    e.preventDefault();
    status.textContent = "";
    const unread = unreadDate(f);
    if (unread) return void showAtNotes(f, "assessment", pageError(unread.field.id.replace("assessment-", ""), unread.message));
    const value = (name: string) => controls.get(name)?.value ?? "";
    const fields: NewAssessment = {
      purpose: value("purpose"),
      categories: boxes.filter((b) => b.checked).map((b) => b.value as Category),
      interest: value("interest"),
      necessity: value("necessity"),
      balancing: value("balancing"),
      outcome: value("outcome"),
      assessed_on: value("assessed_on"),
      author: value("author"),
    };
    const save = current ? api.assessmentUpdate(current.id, fields) : api.assessmentAdd(fields);
    save.then(done).catch((err: unknown) => {
      if (!showAtNotes(f, "assessment", err)) status.textContent = errorText(err);
    });
  });
  box.append(h("h3", {}, t(current ? "ui-assessment-edit" : "ui-assessment-add")), f, status);
  controls.get("purpose")?.focus();
}
