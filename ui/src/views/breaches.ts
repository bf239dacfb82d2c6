// The record of personal data breaches (GDPR Art. 33(5)): every breach with
// its facts, the 72 hours to notify the supervisory authority (Art. 33(1)) and
// the word owed to the people at a high risk (Art. 34). The core decides what
// may be recorded and when; this screen shows what is owed, most urgent first.
import { api, type DocumentIds } from "../api";
import { momentField, unreadDate } from "../datefield";
import { clear, h } from "../dom";
import type { AppInfo, BreachRisk, BreachStep, BreachView, Category, ConcernChange, Language, NewBreach } from "../generated/app-types";
import { shopNow, toUtc } from "../clock";
import { formatDateTime, LANGUAGES, t } from "../i18n";
import { CATEGORIES } from "./categories";
import { errorText, pageError, showAtNotes } from "./errors";
import { opener, recordForm, type RecordForm, type Row } from "./records";
import { saveDocument } from "./save";

const RISKS: BreachRisk[] = ["risk", "high", "unlikely"];

export async function breachesView(main: HTMLElement, info: AppInfo): Promise<void> {
  let showClosed = false;
  /** The breach whose facts are being updated, or whose letter is being written: the form beneath its row. */
  let beneath: { id: number; form: "update" | "letter" | "customers" } | null = null;
  const status = h("p", { class: "status", role: "status" });
  const body = h("div", {});
  const toggle = h("input", { type: "checkbox", id: "show-closed-breaches" });
  toggle.addEventListener("change", () => {
    showClosed = toggle.checked;
    void draw();
  });
  /** The whole record as a document, to hand to the supervisory authority when it asks (Art. 33(5)). */
  const save = saveDocument(status, "breaches", {});
  main.append(
    h("h1", {}, t("ui-breaches-title")),
    h("p", { class: "hint" }, t("ui-breaches-intro")),
    h("p", { id: "breach-authority" }, t("ui-breach-authority", { authority: info.authority, address: info.authority_address })),
    h(
      "div",
      { class: "actions" },
      h("button", { type: "button", id: "breaches-pdf", onclick: save("pdf") }, t("ui-breaches-save-pdf")),
      h("button", { type: "button", id: "breaches-json", onclick: save("json") }, t("ui-breaches-save-json")),
    ),
    // The screen's own first step, not a section's aside: a full-size button.
    opener("record-breach", "ui-breach-record", recordBreach, "primary"),
    h("label", { class: "check" }, toggle, " ", t("ui-breaches-show-closed")),
    status,
    body,
  );

  /** The rows of Art. 33(3)'s facts (what happened, to which data and how many, the consequences, the measures and the risk), filled from `b` when it is given. */
  function factRows(b: BreachView | null): { rows: Row[]; read: (f: RecordForm) => Omit<NewBreach, "aware_at"> } {
    const boxes = CATEGORIES.map((c) => h("input", { type: "checkbox", value: c, checked: b?.categories.includes(c) ?? false }));
    const categories = h("div", { class: "checks" }, ...boxes.map((box, i) => h("label", { class: "check" }, box, " ", t(`cat-${CATEGORIES[i]}`))));
    const text = (rows: number, value = "") => {
      const area = h("textarea", { rows, maxlength: 5000 });
      area.value = value;
      return area;
    };
    const rows: Row[] = [
      { name: "nature", label: "ui-breach-nature", control: text(3, b?.nature) },
      { name: "categories", label: "ui-breach-categories", control: categories },
      { name: "people", label: "ui-breach-people", control: h("input", { type: "number", min: 0, step: 1, value: b?.people ?? null }) },
      { name: "consequences", label: "ui-breach-consequences", control: text(2, b?.consequences) },
      { name: "measures", label: "ui-breach-measures", control: text(2, b?.measures) },
      { name: "risk", label: "ui-breach-risk", control: h("select", {}, ...RISKS.map((r) => h("option", { value: r, selected: r === b?.risk }, t(`breach-risk-${r}`)))) },
    ];
    /** The facts as the form holds them now. */
    const read = (f: RecordForm): Omit<NewBreach, "aware_at"> => ({
      nature: f.value("nature"),
      categories: boxes.filter((box) => box.checked).map((box) => box.value as Category),
      people: f.value("people") === "" ? null : Number(f.value("people")),
      consequences: f.value("consequences"),
      measures: f.value("measures"),
      risk: f.value("risk") as BreachRisk,
    });
    return { rows, read };
  }

  /** The form that records a breach: when the shop learnt of it, and the facts. */
  function recordBreach(): HTMLFormElement {
    const { rows: facts, read } = factRows(null);
    const rows: Row[] = [{ name: "aware_at", label: "ui-breach-aware", control: momentField({ value: shopNow(), required: true }) }, ...facts];
    return recordForm("breach", rows, "ui-save", (f) => {
      const aware = toUtc(f.value("aware_at"));
      if (!aware) return f.fail(pageError("aware_at", t("ui-time-needed")));
      void api
        .breachRecord({ aware_at: aware, ...read(f) })
        .then(async (v) => {
          // The form goes, its button comes back, and the list shows the new breach.
          f.form.remove();
          const again = document.getElementById("record-breach");
          if (again) again.hidden = false;
          await draw();
          status.textContent = t("ui-breach-recorded", { id: v.id, by: formatDateTime(v.notify_by) });
        })
        .catch((e: unknown) => f.fail(e));
    }).form;
  }

  /** What was learnt since (Art. 33(4)): the facts, filled in as recorded, beneath the breach's row. */
  function updateForm(b: BreachView): HTMLFormElement {
    const { rows, read } = factRows(b);
    const f = recordForm(`breach-${b.id}-update`, rows, "ui-save", (form) => {
      void api
        .breachStep(b.id, { step: "update", ...read(form) })
        .then(async () => {
          beneath = null;
          await draw();
          status.textContent = t("ui-saved");
        })
        .catch((e: unknown) => form.fail(e));
    });
    f.form.querySelector(".status")?.before(
      h("button", { type: "button", onclick: () => ((beneath = null), void draw()) }, t("ui-cancel")),
    );
    return f.form;
  }

  async function step(b: BreachView, s: BreachStep): Promise<void> {
    try {
      await api.breachStep(b.id, s);
      status.textContent = t("ui-saved");
      await draw();
    } catch (e) {
      status.textContent = errorText(e);
      // A row far down the list would otherwise leave it out of sight.
      status.scrollIntoView({ block: "nearest" });
    }
  }

  /** A step that takes words and a time: a small form in the row's actions. */
  function stepForm(b: BreachView, cell: HTMLElement, fields: Array<[string, string, boolean]>, make: (values: Record<string, string>, at: string | null) => BreachStep): void {
    clear(cell);
    const at = momentField({ id: `breach-${b.id}-at`, value: shopNow(), required: true });
    const inputs = fields.map(([name, label, required]) => [name, label, h("input", { id: `breach-${b.id}-${name}`, required, maxlength: 5000 })] as const);
    // Each control with its note beneath: a refusal (a late notification
    // without its reasons, a time ahead) is said at the field it concerns.
    const noted = (control: HTMLElement) => h("span", { class: "noted" }, control, h("span", { class: "invalid-note", id: `${control.id}-note` }));
    const form = h(
      "form",
      { class: "inline" },
      h("label", { for: at.id }, t("ui-col-time")),
      noted(at),
      ...inputs.flatMap(([, label, input]) => [h("label", { for: input.id }, t(label)), noted(input)]),
      h("button", { type: "submit", class: "primary" }, t("ui-save")),
      h("button", { type: "button", onclick: () => void draw() }, t("ui-cancel")),
    );
    form.addEventListener("submit", (e) => {
      e.preventDefault();
      const unread = unreadDate(form);
      if (unread) return void showAtNotes(form, `breach-${b.id}`, pageError("at", unread.message));
      const values = Object.fromEntries(inputs.map(([name, , input]) => [name, input.value.trim()]));
      void api
        .breachStep(b.id, make(values, toUtc(at.value)))
        .then(async () => {
          status.textContent = t("ui-saved");
          await draw();
        })
        .catch((err: unknown) => {
          status.textContent = showAtNotes(form, `breach-${b.id}`, err) ? "" : errorText(err);
        });
    });
    cell.append(form);
    inputs[0]?.[2].focus();
  }

  function actions(b: BreachView): HTMLElement {
    const cell = h("div", { class: "actions" });
    const button = (key: string, onclick: () => void) => h("button", { type: "button", "data-action": key, onclick }, t(key));
    // The letter may be wanted again after the breach is closed: another copy, a late address.
    const letter = button("ui-breach-letter", () => {
      beneath = { id: b.id, form: "letter" };
      void draw().then(() => document.getElementById(`breach-${b.id}-letter-customer`)?.focus());
    });
    const customers = button("ui-breach-customers", () => {
      beneath = { id: b.id, form: "customers" };
      void draw().then(() => document.getElementById(`breach-${b.id}-concern`)?.focus());
    });
    if (b.closed_at) {
      cell.append(letter, customers);
      return cell;
    }
    if (!b.notified_at && b.risk !== "unlikely")
      cell.append(
        button("ui-breach-notify", () =>
          stepForm(b, cell, [["reference", "ui-breach-reference", false], ["delay_reason", "ui-breach-delay-reason", false]], (v, at) => ({
            step: "notify",
            at,
            reference: v.reference || null,
            delay_reason: v.delay_reason || null,
          })),
        ),
      );
    if (!b.informed_at && b.risk === "high")
      cell.append(button("ui-breach-inform", () => stepForm(b, cell, [["how", "ui-breach-how", true]], (v, at) => ({ step: "inform", at, how: v.how ?? "" }))));
    cell.append(
      letter,
      customers,
      button("ui-breach-update", () => {
        beneath = { id: b.id, form: "update" };
        void draw();
      }),
    );
    cell.append(button("ui-breach-close", () => void step(b, { step: "close" })));
    return cell;
  }

  /**
   * The letter to the people (Art. 34(2)), saved where the user says: to
   * everyone concerned, or addressed to one customer (by number), in the
   * language chosen or, left to the register, the customer's (everyone's: the shop's).
   */
  function letterForm(b: BreachView): HTMLElement {
    const language = h(
      "select",
      { id: `breach-${b.id}-letter-language` },
      h("option", { value: "" }, t("ui-breach-letter-language-own")),
      ...LANGUAGES.map((l) => h("option", { value: l }, t(`language-${l}`))),
    );
    const customer = h("input", { id: `breach-${b.id}-letter-customer`, autocomplete: "off", size: 12 });
    const ids = async (): Promise<DocumentIds> => {
      const number = customer.value.trim();
      return number ? { breach: b.id, customer: (await api.customerFind(number)).id } : { breach: b.id };
    };
    const save = saveDocument(status, "breach-letter", ids, () => (language.value as Language) || null);
    return h(
      "div",
      { id: `breach-${b.id}-letter` },
      h("p", { class: "hint" }, t("ui-breach-letter-hint")),
      h(
        "form",
        { class: "inline", onsubmit: (e: Event) => (e.preventDefault(), save("pdf")()) },
        h("label", { for: customer.id }, t("ui-breach-letter-customer")),
        customer,
        h("label", { for: language.id }, t("ui-breach-letter-language")),
        language,
        h("button", { type: "submit", class: "primary", id: `breach-${b.id}-letter-pdf` }, t("ui-breach-letter-save")),
        h("button", { type: "button", onclick: () => ((beneath = null), void draw()) }, t("ui-cancel")),
      ),
    );
  }

  /**
   * The customers the breach concerns (Art. 34: the letters go to them),
   * linked by number and unlinked one by one while the breach is open; a
   * letter to each, in their language or the one chosen, into a folder; and
   * their mailing list for a mail merge.
   */
  function customersForm(b: BreachView): HTMLElement {
    const list = h("div", {}, h("p", { class: "hint" }, t("ui-loading")));
    const local = h("p", { class: "status", role: "status", id: `breach-${b.id}-customers-status` });
    const say = (text: string) => (local.textContent = text);
    const change = (add: string, remove: number[], done: (c: ConcernChange) => string) =>
      api
        .breachConcern(b.id, add, remove)
        .then(async (c) => {
          await fill();
          say(done(c));
          return true;
        })
        .catch((e: unknown) => (say(errorText(e)), false));
    async function fill(): Promise<void> {
      const { customers: people, total } = await api.breachConcerned(b.id);
      clear(list);
      nobody.hidden = total === 0;
      if (people.length === 0) {
        list.append(h("p", { class: "hint" }, t("ui-breach-customers-none")));
        return;
      }
      if (total > people.length) list.append(h("p", { class: "hint", id: `breach-${b.id}-customers-more` }, t("ui-breach-customers-more", { shown: people.length, total })));
      const head = ["col-number", "col-name", "ui-breach-letter-language", "col-state", ...(b.closed_at ? [] : ["ui-actions"])];
      list.append(
        h(
          "table",
          { class: "data", id: `breach-${b.id}-customers` },
          h("caption", { class: "sr-only" }, t("ui-breach-concerned")),
          h("thead", {}, h("tr", {}, ...head.map((k) => h("th", { scope: "col" }, t(k))))),
          h(
            "tbody",
            {},
            ...people.map((c) =>
              h(
                "tr",
                { "data-number": c.number },
                h("td", {}, c.state === "erased" ? c.pseudonym : c.number),
                h("td", {}, c.name ?? ""),
                h("td", {}, t(`language-${c.language}`)),
                h("td", {}, t(`state-${c.state}`)),
                ...(b.closed_at
                  ? []
                  : [
                      h(
                        "td",
                        {},
                        h(
                          "button",
                          { type: "button", "data-action": "unlink", "aria-label": `${t("ui-breach-customers-remove")} ${c.number}`, onclick: () => void change("", [c.id], (r) => t("ui-breach-customers-unlinked", { concerned: r.concerned })) },
                          t("ui-breach-customers-remove"),
                        ),
                      ),
                    ]),
              ),
            ),
          ),
        ),
      );
    }
    /** The whole register at once (a stolen laptop, a copied database), and every link removed again. */
    const all = (everyone: boolean) => () =>
      void api
        .breachConcernAll(b.id, everyone)
        .then(async (concerned) => {
          await fill();
          say(t("ui-breach-customers-all-done", { concerned }));
        })
        .catch((e: unknown) => say(errorText(e)));
    const everyone = h("button", { type: "button", id: `breach-${b.id}-concern-everyone`, onclick: all(true) }, t("ui-breach-customers-everyone"));
    const nobody = h("button", { type: "button", id: `breach-${b.id}-concern-nobody`, onclick: all(false) }, t("ui-breach-customers-nobody"));
    const numbers = h("input", { id: `breach-${b.id}-concern`, autocomplete: "off", size: 30 });
    const link = h(
      "form",
      {
        class: "inline",
        onsubmit: (e: Event) => {
          e.preventDefault();
          void change(numbers.value, [], (r) => t("ui-breach-customers-linked", { added: r.added.length, concerned: r.concerned })).then((ok) => {
            if (ok) numbers.value = "";
          });
        },
      },
      h("label", { for: numbers.id }, t("ui-breach-customers-add")),
      numbers,
      h("button", { type: "submit", class: "primary" }, t("ui-breach-customers-link")),
      everyone,
      nobody,
    );
    const language = h(
      "select",
      { id: `breach-${b.id}-letters-language` },
      h("option", { value: "" }, t("ui-breach-letters-language-own")),
      ...LANGUAGES.map((l) => h("option", { value: l }, t(`language-${l}`))),
    );
    // A letter takes about a tenth of a second: a long list shows how far
    // the letters have got, and can be stopped between two of them.
    const bar = h("progress", { id: `breach-${b.id}-letters-progress`, max: 1, value: 0, hidden: true, "aria-label": t("ui-breach-letters-save") });
    const stop = h("button", { type: "button", id: `breach-${b.id}-letters-cancel`, hidden: true, onclick: () => void api.breachLettersCancel() }, t("ui-cancel"));
    const letters = () => {
      // An event sent before the answer may arrive after it: once answered, the answer stands.
      let answered = false;
      void api
        .onProgress((p) => {
          if (p.task !== "letters" || answered) return;
          bar.hidden = stop.hidden = false;
          bar.max = Math.max(1, p.total);
          bar.value = p.done;
          say(t("ui-breach-letters-progress", { done: p.done, total: p.total }));
        })
        .then((unlisten) =>
          api
            .breachLettersSave(b.id, (language.value as Language) || null)
            .then((w) => {
              answered = true;
              if (!w) return;
              if (w.cancelled) return say(t("ui-breach-letters-stopped", { written: w.written.length, folder: w.folder }));
              const erased = w.erased.length ? ` ${t("ui-breach-letters-erased", { list: w.erased.join(", ") })}` : "";
              // Sending them is the shop's; recording that it did is Art. 34's step.
              const record = b.informed_at || b.risk !== "high" ? "" : ` ${t("ui-breach-letters-record")}`;
              say(t("ui-breach-letters-saved", { written: w.written.length, folder: w.folder }) + erased + record);
            })
            .catch((e: unknown) => {
              answered = true;
              say(errorText(e));
            })
            .finally(() => {
              void unlisten();
              bar.hidden = stop.hidden = true;
            }),
        );
    };
    const recipients = () =>
      void api
        .breachRecipientsSave(b.id)
        .then((path) => path && say(t("ui-report-saved", { path })))
        .catch((e: unknown) => say(errorText(e)));
    void fill().catch((e: unknown) => say(errorText(e)));
    return h(
      "div",
      { id: `breach-${b.id}-customers-form` },
      h("p", { class: "hint" }, t("ui-breach-customers-hint")),
      ...(b.closed_at ? [] : [link]),
      list,
      h(
        "div",
        { class: "actions" },
        h("label", { for: language.id }, t("ui-breach-letter-language")),
        language,
        h("button", { type: "button", id: `breach-${b.id}-letters`, onclick: letters }, t("ui-breach-letters-save")),
        bar,
        stop,
        h("button", { type: "button", id: `breach-${b.id}-recipients`, onclick: recipients }, t("ui-breach-recipients-save")),
        h("button", { type: "button", onclick: () => ((beneath = null), void draw()) }, t("ui-breach-customers-done")),
      ),
      local,
    );
  }

  /** What is owed, most pressing first: the notification's hours, then the people's word. */
  function owed(b: BreachView): HTMLElement {
    if (b.closed_at) return h("span", {}, t("ui-breach-closed", { at: formatDateTime(b.closed_at) }));
    const by = h("span", { class: "hint-line" }, t("ui-breach-notify-by-time", { by: formatDateTime(b.notify_by) }));
    if (b.overdue) return h("span", {}, h("span", { class: "badge overdue" }, t("ui-breach-late", { hours: -(b.hours_left ?? 0) })), by);
    if (b.hours_left != null) return h("span", {}, h("span", { class: "badge soon" }, t("ui-breach-hours-left", { hours: b.hours_left })), by);
    if (b.inform_owed) return h("span", { class: "badge soon" }, t("ui-breach-inform-owed"));
    return h("span", {}, b.notified_at ? t("ui-breach-notified", { at: formatDateTime(b.notified_at) }) : t("ui-breach-no-notification"));
  }

  /** Everything recorded, beneath the short text: Art. 33(3)'s facts and the steps. */
  function facts(b: BreachView): HTMLElement {
    const line = (key: string, value: string | null | undefined) => (value ? [h("dt", {}, t(key)), h("dd", {}, value)] : []);
    return h(
      "details",
      {},
      h("summary", {}, b.nature),
      h(
        "dl",
        { class: "fields" },
        ...line("ui-breach-categories", b.categories.map((c) => t(`cat-${c}`)).join(", ")),
        ...line("ui-breach-people", b.people == null ? null : String(b.people)),
        ...line("ui-breach-concerned", b.concerned ? String(b.concerned) : null),
        ...line("ui-breach-consequences", b.consequences),
        ...line("ui-breach-measures", b.measures),
        ...line("ui-breach-recorded-by", `${formatDateTime(b.recorded_at)}, ${b.recorded_by}`),
        ...line("ui-breach-notified-at", formatDateTime(b.notified_at)),
        ...line("ui-breach-reference", b.authority_reference),
        ...line("ui-breach-delay-reason", b.delay_reason),
        ...line("ui-breach-informed-at", formatDateTime(b.informed_at)),
        ...line("ui-breach-how", b.informed_how),
      ),
    );
  }

  const forms = { update: updateForm, letter: letterForm, customers: customersForm };

  async function draw(): Promise<void> {
    const list = await api.breachesList(showClosed);
    clear(body);
    if (list.length === 0) {
      body.append(h("p", { class: "hint" }, t("ui-breaches-empty")));
      return;
    }
    body.append(
      h(
        "table",
        { class: "data breaches", id: "breaches" },
        h("caption", { class: "sr-only" }, t("ui-breaches-title")),
        h("thead", {}, h("tr", {}, ...["col-number", "ui-breach-aware", "ui-breach-nature", "ui-breach-risk", "ui-breach-owed", "ui-actions"].map((k) => h("th", { scope: "col" }, t(k))))),
        h(
          "tbody",
          {},
          ...list.flatMap((b) => [
            h(
              "tr",
              { class: b.overdue ? "breach-row overdue" : b.hours_left != null || b.inform_owed ? "breach-row soon" : "breach-row", "data-id": b.id },
              h("td", {}, String(b.id)),
              h("td", {}, formatDateTime(b.aware_at)),
              h("td", {}, facts(b)),
              h("td", {}, t(`breach-risk-short-${b.risk}`)),
              h("td", {}, owed(b)),
              h("td", {}, actions(b)),
            ),
            ...(beneath?.id === b.id ? [h("tr", { class: `breach-${beneath.form}-row` }, h("td", { colspan: 6 }, forms[beneath.form](b)))] : []),
          ]),
        ),
      ),
    );
  }

  await draw();
}
