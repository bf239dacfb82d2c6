// The person's rights on the customer page: erasure (Art. 17) with its preview
// and typed confirmation, restriction (Art. 18) and its lifting, withdrawal of
// consent (Art. 7(3)). The backend decides what is erased and kept; this shows it.
import { api } from "../api";
import { dateField, datesRead } from "../datefield";
import { clear, h, table } from "../dom";
import type { CustomerPage, ErasurePlan, InformedRecipient, RequestState, RestrictionGround } from "../generated/app-types";
import { shopToday } from "../clock";
import { defaulted, entityName, formatDate, formatDateTime, named, t } from "../i18n";
import { errorText } from "./errors";
import { showHold } from "./holds";
import { showMergeOther } from "./likeness";
import { saveDocument } from "./save";

type Reload = (message?: string) => void;

const GROUNDS: RestrictionGround[] = ["accuracy_contested", "unlawful_processing", "legal_claims", "objection_pending"];

/** Whether a request in `state` may be answered: open, its identity verified (Art. 12(6)). */
export function isVerified(state: RequestState): boolean {
  return state === "identity_verified" || state === "in_progress";
}

/** The open request of one of `kinds` whose identity check is done: the one an action answers. */
export function answerable(page: CustomerPage, kinds: string[]): number | null {
  const r = page.requests.find((q) => kinds.includes(q.kind) && isVerified(q.state));
  return r ? r.id : null;
}

/** An erased customer's page says where what the law keeps went: under the pseudonym, restricted (Art. 17(3)(b), 18). */
export function erasedNote(page: CustomerPage): HTMLElement | null {
  const c = page.customer;
  if (c.state !== "erased") return null;
  return h("p", { class: "notice", id: "erased-note" }, t("ui-erased-under", { pseudonym: c.pseudonym }));
}

/** The buttons of the rights that change the register, for the customer page's action bar. */
export function rightsActions(panel: HTMLElement, page: CustomerPage, reload: Reload, goToRequest: (id: number) => void): HTMLElement[] {
  const c = page.customer;
  if (c.state === "erased") return [];
  const erase = h("button", { type: "button", id: "erase", class: "danger", onclick: () => void showErasure(panel, page, reload, goToRequest) }, t("ui-erase"));
  // A restricted customer's data is only stored (Art. 18(2)): erased on the
  // person's own request, which the restriction note beside says.
  if (c.state === "restricted" && answerable(page, ["erasure"]) === null) {
    erase.disabled = true;
    erase.setAttribute("aria-describedby", "restriction-note");
    erase.title = t("ui-erase-restricted");
  }
  const buttons = [erase];
  if (c.state === "active") {
    buttons.push(h("button", { type: "button", id: "restrict", onclick: () => showRestrict(panel, page, reload) }, t("ui-restrict")));
  } else {
    buttons.push(h("button", { type: "button", id: "unrestrict", onclick: () => showLift(panel, page, reload) }, t("ui-unrestrict")));
  }
  buttons.push(h("button", { type: "button", id: "hold", onclick: () => showHold(panel, c, reload) }, t("ui-hold")));
  // Nothing new is done with a restricted customer's data (Art. 18(2)).
  if (c.state === "active") {
    buttons.push(h("button", { type: "button", id: "merge-other", onclick: () => showMergeOther(panel, page, reload) }, t("ui-merge-other")));
  }
  return buttons;
}

/** The line under the name while a restriction is in force. */
export function restrictionNote(page: CustomerPage): HTMLElement | null {
  const r = page.restrictions.find((x) => !x.lifted_at);
  if (!r) return null;
  return h("p", { class: "notice", id: "restriction-note" }, t("ui-restricted-since", { date: formatDate(r.set_at), ground: t(`ground-${r.ground}`) }));
}

/** The customer's open requests whose identity check is still to do: nothing
 * is handed out or done for them until it is (Art. 12(6)), and the report
 * buttons beside would otherwise make a copy that answers no request. */
export function identityNotes(page: CustomerPage): HTMLElement[] {
  return page.requests
    .filter((r) => r.state === "received")
    .map((r) => h("p", { class: "notice", id: `identity-pending-${r.id}` }, t("ui-identity-pending", { id: r.id, kind: t(`kind-${r.kind}`) })));
}

/** A standing consent that a later one to the same purpose replaces (the
 * person agreed again, to a new wording): which one, and when. Both stand as
 * proof; withdrawing either stops the purpose. */
function replacedBy(page: CustomerPage, id: number | null | undefined): string {
  const later = page.consents.find((c) => c.id === id);
  return later ? t("consent-replaced", { version: later.text_version, date: formatDateTime(later.given_at) }) : "";
}

/** The consents with a button to withdraw each one that stands. */
export function consentTable(page: CustomerPage, status: HTMLElement, reload: Reload): HTMLElement {
  const request = answerable(page, ["withdraw_consent", "objection"]);
  const rows = page.consents.map((x) =>
    h(
      "tr",
      {},
      h("td", {}, named("consent-purpose-", x.purpose)),
      h("td", {}, x.text_version),
      h("td", {}, formatDateTime(x.given_at)),
      h("td", {}, x.withdrawn_at ? formatDateTime(x.withdrawn_at) : replacedBy(page, x.replaced_by)),
      h(
        "td",
        {},
        x.withdrawn_at || page.customer.state === "erased"
          ? ""
          : h(
              "button",
              {
                type: "button",
                class: "small withdraw",
                "data-consent": x.id,
                onclick: () =>
                  void api
                    .consentWithdraw(x.id, request)
                    .then((withdrawn) => reload(withdrawn.length > 1 ? t("ui-withdrawn-purpose", { count: withdrawn.length }) : t("ui-withdrawn")))
                    .catch((e: unknown) => (status.textContent = errorText(e))),
              },
              t("ui-withdraw"),
            ),
      ),
    ),
  );
  return h(
    "table",
    { class: "data consents" },
    h("caption", { class: "sr-only" }, t("cat-consents")),
    h("thead", {}, h("tr", {}, ...[t("col-purpose"), t("col-text-version"), t("col-given"), t("col-withdrawn"), ""].map((x) => h("th", { scope: "col" }, x)))),
    h("tbody", {}, ...rows),
  );
}

/** A kept record as the language names it: an order or invoice by its number, another ("consent 3", "note 12") by its kind (erasure.rs, record_name). */
function recordName(record: string): string {
  const [, word, id] = /^([a-z_]+) (\d+)$/.exec(record) ?? [];
  if (!word || !id || word === "order" || word === "invoice") return record;
  return `${entityName(word === "note" ? "interaction" : word)} ${id}`;
}

/** What the erased row keeps against a re-import: the customer's numbers, and a checksum of the e-mail address where there is one. */
function identifiersKept(plan: ErasurePlan): string {
  const ids = plan.kept_identifiers;
  const key = ids.email_checksum ? "ui-erase-identifiers-email" : "ui-erase-identifiers";
  return t(key, { form: ids.numbers.length === 1 ? "one" : "other", numbers: ids.numbers.join(", ") });
}

function planTables(plan: ErasurePlan): HTMLElement[] {
  const until = (k: ErasurePlan["kept"][number]): string =>
    k.retain_until ? formatDate(k.retain_until) : k.pending === "hold_lifted" ? t("erasure-until-hold") : t("kept-open-request_open");
  return [
    h("h2", {}, t("ui-erase-erased")),
    table(t("ui-erase-erased"), [t("col-kind"), t("col-count")], plan.erased.map((e) => [t(`cat-${e.category}`), String(e.records)]), "erasure-erased"),
    h("h2", {}, t("ui-erase-kept")),
    table(
      t("ui-erase-kept"),
      [t("col-kind"), t("col-number"), t("col-law"), t("col-kept-until")],
      plan.kept.map((k) => [t(`cat-${k.category}`), recordName(k.record), k.law, until(k)]),
      "erasure-kept",
    ),
    ...breachesKept(plan),
    ...recipientsTable(plan.recipients, t("ui-erase-recipients"), "erasure-recipients"),
  ];
}

/** The breaches whose record keeps the link to the person under the pseudonym (Art. 33(5)). */
function breachesKept(plan: ErasurePlan): HTMLElement[] {
  if (plan.breaches.length === 0) return [];
  return [
    h("p", { class: "hint" }, t("ui-erase-breaches", { pseudonym: plan.pseudonym })),
    table(
      t("ui-customer-breaches"),
      [t("col-breach"), t("col-aware"), t("col-law")],
      plan.breaches.map((b) => [String(b.breach), formatDate(b.aware_on), b.law]),
      "erasure-breaches",
    ),
  ];
}

/** Who received the data and must be told of the change (Art. 19), under `title`. */
function recipientsTable(recipients: InformedRecipient[], title: string, cls: string): HTMLElement[] {
  if (recipients.length === 0) return [h("h2", {}, title), h("p", { class: cls }, t("ui-recipients-none"))];
  return [
    h("h2", {}, title),
    h("p", { class: "hint" }, t("ui-recipients-hint")),
    table(
      title,
      [t("col-name"), t("col-role"), t("col-categories")],
      recipients.map((r) => [defaulted(r.name), t(`role-${r.role}`), r.categories.map((c) => t(`cat-${c}`)).join(", ")]),
      cls,
    ),
  ];
}

async function showErasure(panel: HTMLElement, page: CustomerPage, reload: Reload, goToRequest: (id: number) => void): Promise<void> {
  const c = page.customer;
  const request = answerable(page, ["erasure"]);
  clear(panel);
  panel.append(h("p", { class: "hint" }, t("ui-loading")));
  let plan: ErasurePlan;
  try {
    plan = await api.erasurePreview(c.id, request);
  } catch (e) {
    clear(panel);
    panel.append(h("p", { class: "error", role: "alert" }, errorText(e)), h("button", { type: "button", onclick: () => reload() }, t("ui-back")));
    return;
  }
  const status = h("p", { class: "status", role: "status", id: "erasure-status" });
  const typed = h("input", { id: "erase-number", autocomplete: "off", "aria-describedby": "erasure-status" });
  const go = h("button", { type: "button", id: "erase-confirm", class: "danger", disabled: true }, t("ui-erase-confirm"));
  typed.addEventListener("input", () => (go.disabled = typed.value.trim() !== c.number));
  const save = saveDocument(status, "erasure", { customer: c.id });
  go.addEventListener("click", () => {
    go.disabled = true;
    api
      .customerErase(c.id, request, typed.value)
      .then((done) => {
        clear(panel);
        panel.append(
          h("h1", {}, c.number),
          h(
            "p",
            { id: "erasure-done", class: "notice" },
            // Under a request, the answer is recorded once the confirmation is sent (Art. 12(3)).
            t(request ? "ui-erase-done-request" : "ui-erase-done", {
              erased: done.erased.reduce((n, e) => n + e.records, 0),
              kept: done.kept.length + done.breaches.length,
              request: request ?? "",
            }),
            done.recipients.length > 0 ? ` ${t("ui-erase-tell")}` : "",
          ),
          h(
            "div",
            { class: "actions" },
            h("button", { type: "button", id: "erasure-pdf", class: "primary", onclick: save("pdf") }, t("ui-erase-save-pdf")),
            h("button", { type: "button", id: "erasure-json", onclick: save("json") }, t("ui-erase-save-json")),
            // The request it answers, where its answer is recorded once the confirmation is sent.
            request ? h("button", { type: "button", id: "erasure-request", onclick: () => goToRequest(request) }, t("ui-request-show", { id: request })) : null,
            h("button", { type: "button", id: "erasure-back", onclick: () => reload() }, t("ui-back")),
          ),
          status,
          ...planTables(done),
        );
      })
      .catch((e: unknown) => {
        status.textContent = errorText(e);
        go.disabled = typed.value.trim() !== c.number;
      });
  });
  const requestLine = request ? `${t("ui-erase-request")} ${request}` : t("ui-erase-no-request");
  clear(panel);
  panel.append(
    h("div", { class: "actions" }, h("button", { type: "button", onclick: () => reload() }, `← ${t("ui-back")}`)),
    h("h1", { id: "erasure-title" }, t("ui-erase-title", { name: c.name ?? c.number })),
    h("p", {}, t("ui-erase-intro", { pseudonym: plan.pseudonym })),
    h("p", { id: "erasure-identifiers" }, identifiersKept(plan)),
    h("p", { class: "meta" }, requestLine),
    ...planTables(plan),
    h("p", { class: "confirm" }, h("label", { for: "erase-number" }, t("ui-erase-confirm-label", { number: c.number })), " ", typed, " ", go),
    status,
  );
  typed.focus();
}

function showRestrict(panel: HTMLElement, page: CustomerPage, reload: Reload): void {
  const c = page.customer;
  const request = answerable(page, ["restriction", "objection"]);
  const ground = h("select", { id: "restrict-ground" }, ...GROUNDS.map((g) => h("option", { value: g }, t(`ground-${g}`))));
  const note = h("input", { id: "restrict-note", maxlength: 1000 });
  const status = h("p", { class: "status", role: "status" });
  const go = h("button", { type: "button", id: "restrict-confirm", class: "primary" }, t("ui-restrict-confirm"));
  // Whom the restriction must be reported to (Art. 19), read before it is set.
  const told = h("div", { id: "restrict-recipients" });
  let recipients: InformedRecipient[] = [];
  void api
    .customerRecipients(c.id)
    .then((list) => {
      recipients = list;
      told.append(...recipientsTable(list, t("ui-restrict-recipients"), "restriction-recipients"));
    })
    .catch((e: unknown) => (status.textContent = errorText(e)));
  go.addEventListener("click", () =>
    void api
      .customerRestrict(c.id, ground.value as RestrictionGround, request, note.value.trim() || null)
      .then(() => reload(recipients.length > 0 ? t("ui-restrict-told", { names: recipients.map((r) => defaulted(r.name)).join(", ") }) : t("ui-saved")))
      .catch((e: unknown) => (status.textContent = errorText(e))),
  );
  clear(panel);
  panel.append(
    h("div", { class: "actions" }, h("button", { type: "button", onclick: () => reload() }, `← ${t("ui-back")}`)),
    h("h1", {}, t("ui-restrict-title", { name: c.name ?? c.number })),
    h("p", {}, t("ui-restrict-intro")),
    h("div", { class: "fields" }, h("label", { for: "restrict-ground" }, t("ui-restrict-ground")), ground, h("label", { for: "restrict-note" }, t("ui-restrict-note")), note),
    h("p", {}, go),
    status,
    told,
  );
}

function showLift(panel: HTMLElement, page: CustomerPage, reload: Reload): void {
  const c = page.customer;
  const today = shopToday();
  const told = dateField({ id: "unrestrict-notified", value: today, max: today });
  const status = h("p", { class: "status", role: "status" });
  const go = h("button", { type: "button", id: "unrestrict-confirm", class: "primary" }, t("ui-unrestrict-confirm"));
  go.addEventListener("click", () =>
    datesRead(panel, (m) => (status.textContent = m)) &&
    void api
      .customerUnrestrict(c.id, told.value)
      .then(() => reload(t("ui-saved")))
      .catch((e: unknown) => (status.textContent = errorText(e))),
  );
  clear(panel);
  panel.append(
    h("div", { class: "actions" }, h("button", { type: "button", onclick: () => reload() }, `← ${t("ui-back")}`)),
    h("h1", {}, c.name ?? c.number),
    h("p", {}, t("ui-unrestrict-intro")),
    h("p", {}, h("label", { for: "unrestrict-notified" }, t("ui-unrestrict-notified")), " ", told),
    h("p", {}, go),
    status,
  );
}
