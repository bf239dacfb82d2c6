// Reading the audit trail on the settings screen: who did what and when,
// newest first (GDPR Art. 5(2), 24: the shop shows what was done with the
// data). Filtered by days on the shop's clock, by whose work, by customer and
// by the kind of action; a page at a time, older pages on request. The trail
// holds digests, never the data, so an entry names its record, not its contents.
// What the screen shows can be saved whole as CSV (audited), for whoever asks
// the shop to show it.
import { api, isCommandError } from "../api";
import { dateField, datesRead } from "../datefield";
import { clear, h } from "../dom";
import type { TrailEntry, TrailQuery } from "../generated/app-types";
import { actionName, entityName, formatDateTime, language, t } from "../i18n";
import { errorText } from "./errors";

/** The groups of actions, by the first word of their names (the core's `audit::trail::groups`). */
const GROUPS = [
  "customer",
  "order",
  "invoice",
  "interaction",
  "consent",
  "event_registration",
  "web_event",
  "request",
  "document",
  "hold",
  "retention",
  "audit",
  "import",
  "export",
  "breach",
  "privacy_notice",
  "settings",
  "category",
  "processor",
  "assessment",
  "register",
] as const;

const PAGE = 100;

export function trailSection(box: HTMLElement): void {
  clear(box);
  const input = (id: string, attrs: Record<string, string> = {}) => h("input", { id, ...attrs });
  const from = dateField({ id: "trail-from" });
  const to = dateField({ id: "trail-to" });
  const actor = input("trail-by", { maxlength: "200" });
  const customer = input("trail-customer", { maxlength: "100" });
  const group = h(
    "select",
    { id: "trail-action" },
    h("option", { value: "" }, t("ui-trail-all")),
    ...GROUPS.map((g) => h("option", { value: g }, t(`ui-trail-group-${g.replace(/_/g, "-")}`))),
  );
  const field = (control: HTMLElement, label: string) => [h("label", { for: control.id }, t(label)), h("div", {}, control)];
  const show = h("button", { type: "submit", id: "trail-show" }, t("ui-trail-show"));
  // Every entry the question selects, not only the pages shown; offered once it has been asked.
  const save = h("button", { type: "button", id: "trail-save", hidden: true }, t("ui-trail-save"));
  const form = h(
    "form",
    { class: "fields", id: "trail-form" },
    ...field(from, "ui-trail-from"),
    ...field(to, "ui-trail-to"),
    ...field(actor, "ui-trail-by"),
    ...field(customer, "ui-trail-customer"),
    ...field(group, "ui-trail-what"),
    h("span", {}),
    h("div", { class: "actions" }, show, save),
  );
  const result = h("div", { id: "trail-result", "aria-live": "polite" });
  const status = h("p", { class: "status", role: "status", id: "trail-status" });
  const older = h("button", { type: "button", id: "trail-older", hidden: true }, t("ui-trail-older"));
  const body = h("tbody", {});
  let query: TrailQuery | null = null;
  let last: number | null = null;

  const row = (e: TrailEntry) =>
    h(
      "tr",
      { "data-seq": e.seq },
      h("td", {}, formatDateTime(e.at)),
      h("td", {}, e.actor),
      h("td", {}, actionName(e.action)),
      h("td", {}, `${entityName(e.entity)} ${e.record_number ?? e.entity_id}`),
      h("td", {}, e.customer_number ?? ""),
    );
  const read = async (q: TrailQuery, more: boolean) => {
    const page = await api.auditTrail({ ...q, before: more ? last : null });
    if (!more) {
      clear(body);
      clear(result);
      result.append(
        page.entries.length
          ? h(
              "table",
              { class: "data", id: "trail" },
              h("caption", { class: "sr-only" }, t("ui-trail")),
              h("thead", {}, h("tr", {}, ...["ui-col-time", "col-by", "ui-history-action", "ui-trail-record", "ui-trail-customer"].map((k) => h("th", { scope: "col" }, t(k))))),
              body,
            )
          : h("p", { class: "hint", id: "trail-none" }, t("ui-trail-none")),
      );
    }
    body.append(...page.entries.map(row));
    last = page.entries.at(-1)?.seq ?? last;
    older.hidden = !page.more;
    if (!more) save.hidden = page.entries.length === 0;
    result.append(older);
    // The answer sits low on a long screen: bring the question and its first rows into view.
    if (!more) form.scrollIntoView({ block: "start" });
  };
  const say = (text: string, error = false) => {
    status.textContent = text;
    status.classList.toggle("error", error);
  };
  const failed = (text: string) => {
    clear(result);
    save.hidden = true;
    say(text, true);
  };
  const run = (more: boolean) => {
    if (!query) return;
    show.disabled = older.disabled = true;
    read(query, more)
      .catch((e: unknown) => failed(errorText(e)))
      .finally(() => (show.disabled = older.disabled = false));
  };
  form.addEventListener("submit", (ev) => {
    ev.preventDefault();
    if (!datesRead(form, (m) => say(m, true))) return;
    const text = (x: HTMLInputElement) => x.value.trim() || null;
    const number = text(customer);
    // A customer is named by their number, as the register shows it; the core finds them.
    const found = number ? api.customerFind(number).then((c) => c.id) : Promise.resolve(null);
    show.disabled = true;
    save.hidden = true;
    say("");
    found
      .then((id) => {
        query = { from: from.value || null, to: to.value || null, actor: text(actor), customer: id, action: group.value || null, limit: PAGE };
        run(false);
      })
      .catch((e: unknown) => {
        failed(isCommandError(e) && e.code === "not_found" ? t("ui-trail-no-customer", { number: number ?? "" }) : errorText(e));
        show.disabled = false;
      });
  });
  older.addEventListener("click", () => run(true));
  save.addEventListener("click", () => {
    if (!query) return;
    save.disabled = true;
    // A long trail takes a while (some 370 000 entries a few seconds): say that it is under way.
    say(t("ui-trail-saving"));
    api
      .auditTrailSave(query, language())
      .then((file) => say(file ? t("ui-trail-saved", { entries: file.entries, path: file.path }) : ""))
      .catch((e: unknown) => say(errorText(e), true))
      .finally(() => (save.disabled = false));
  });
  box.append(h("p", {}, t("ui-trail-intro")), form, status, result);
}
