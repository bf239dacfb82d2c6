// Legitimate-interest assessments in Settings (Art. 6(1)(f)): each balancing the
// shop has written down, revised or withdrawn here, and a form for a new one.
// The core checks every answer; the author, left blank, is who is working.
import { api, isCommandError } from "../api";
import { clear, h } from "../dom";
import type { Assessment, NewAssessment } from "../generated/app-types";
import { formatDate, t } from "../i18n";
import { detailText, errorText } from "./errors";

/** The assessment's questions, in the order the records of processing print them. */
const QUESTIONS = ["purpose", "interest", "necessity", "balancing", "outcome"] as const;

export async function assessmentsSection(box: HTMLElement): Promise<void> {
  const catalogue = await api.catalogueGet();
  clear(box);
  const status = h("p", { class: "status", role: "status", id: "assessments-status" });
  const reload = () => void assessmentsSection(box);
  const items = catalogue.assessments.map((a) =>
    h(
      "article",
      { class: "assessment", "data-id": String(a.id) },
      h("h3", {}, a.purpose),
      h("dl", { class: "fields" }, ...QUESTIONS.slice(1).flatMap((q) => [h("dt", {}, t(`assessment-${q}`)), h("dd", {}, a[q])]), h("dt", {}, t("assessment-assessed")), h("dd", {}, `${formatDate(a.assessed_on)}, ${a.author}`)),
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
  box.append(h("p", { class: "group-hint" }, t("ui-settings-assessments-hint")), ...items, status, h("button", { type: "button", id: "assessment-add", onclick: () => form(box, null, reload) }, t("ui-assessment-add")));
}

function form(box: HTMLElement, current: Assessment | null, done: () => void): void {
  clear(box);
  const today = new Date().toISOString().slice(0, 10);
  const control = (name: string, value: string, multiline: boolean) =>
    multiline ? h("textarea", { id: `assessment-${name}`, rows: 3 }, value) : h("input", { id: `assessment-${name}`, value, type: name === "assessed_on" ? "date" : "text", placeholder: name === "author" ? t("ui-assessment-author-blank") : null });
  const controls = new Map<string, HTMLInputElement | HTMLTextAreaElement>();
  const rows = [...QUESTIONS.map((q) => [q, `assessment-${q}`, current?.[q] ?? "", q !== "purpose"] as const), ["assessed_on", "col-date", current?.assessed_on ?? today, false] as const, ["author", "assessment-author", current?.author ?? "", false] as const].flatMap(([name, label, value, multiline]) => {
    const c = control(name, value, multiline);
    controls.set(name, c);
    return [h("label", { for: `assessment-${name}` }, t(label)), h("div", {}, c, h("span", { class: "invalid-note", id: `assessment-${name}-note` }))];
  });
  const status = h("p", { class: "status", role: "status" });
  const f = h(
    "form",
    { class: "fields", id: "assessment-form", novalidate: true },
    ...rows,
    h("span"),
    h("div", { class: "actions" }, h("button", { type: "submit", class: "primary", id: "assessment-save" }, t("ui-save")), h("button", { type: "button", onclick: done }, t("ui-cancel"))),
  );
  f.addEventListener("submit", (e) => {
    e.preventDefault();
    for (const note of Array.from(f.querySelectorAll(".invalid-note"))) note.textContent = "";
    const value = (name: string) => controls.get(name)?.value ?? "";
    const fields: NewAssessment = {
      purpose: value("purpose"),
      interest: value("interest"),
      necessity: value("necessity"),
      balancing: value("balancing"),
      outcome: value("outcome"),
      assessed_on: value("assessed_on"),
      author: value("author"),
    };
    const save = current ? api.assessmentUpdate(current.id, fields) : api.assessmentAdd(fields);
    save.then(done).catch((err: unknown) => {
      const note = isCommandError(err) && err.field ? f.querySelector(`#assessment-${err.field}-note`) : null;
      if (note && isCommandError(err)) note.textContent = detailText(err);
      else status.textContent = errorText(err);
    });
  });
  box.append(h("h3", {}, t(current ? "ui-assessment-edit" : "ui-assessment-add")), f, status);
  controls.get("purpose")?.focus();
}
