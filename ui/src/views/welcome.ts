// First start: an empty register offers an import from the web shop, the demo
// shop, or a first customer of one's own.
import { api } from "../api";
import { SHOP_COUNTRIES, shopCountryLabel } from "../countries";
import { clear, h } from "../dom";
import { LANGUAGES, t } from "../i18n";
import { errorText } from "./errors";
import { addCustomerForm, FIELDS } from "./fields";

export function welcomeView(main: HTMLElement, done: () => void, openImport: () => void): void {
  const status = h("p", { class: "status", role: "status" });
  const progress = h("progress", { id: "demo-progress", max: 100, value: 0, hidden: true, "aria-label": t("ui-welcome-demo") });
  const demo = h("button", { id: "welcome-demo", type: "button", class: "primary" }, t("ui-welcome-demo"));
  const add = h("button", { id: "welcome-add", type: "button" }, t("ui-welcome-add"));
  const fromShop = h("button", { id: "welcome-import", type: "button", onclick: openImport }, t("ui-welcome-import"));
  // The law the register follows and the language of its documents are
  // chosen first: a register started from the system's locale (an English
  // one, say) may follow another country's, in another language.
  const stored = api.settingsGet();
  const setting = (key: string, label: string, hint: string, choices: Array<[string, string]>): HTMLElement => {
    const id = `welcome-${key}`;
    const select = h("select", { id, "aria-describedby": `${id}-hint` }, ...choices.map(([v, text]) => h("option", { value: v }, text)));
    void stored.then((s) => (select.value = s[key] ?? select.value)).catch((e: unknown) => (status.textContent = errorText(e)));
    select.addEventListener("change", () => {
      api
        .settingsSet(key, select.value)
        .then(() => (status.textContent = t("ui-saved")))
        .catch((e: unknown) => (status.textContent = errorText(e)));
    });
    return h("p", { class: "welcome-setting" }, h("label", { for: id }, t(label)), " ", select, h("span", { class: "hint-line", id: `${id}-hint` }, t(hint)));
  };
  const card = h(
    "section",
    { class: "welcome" },
    h("h1", {}, t("ui-welcome-title")),
    setting(
      "country",
      "setting-country",
      "ui-welcome-country-hint",
      SHOP_COUNTRIES.map((c) => [c, shopCountryLabel(c)]),
    ),
    setting(
      "language",
      "setting-language",
      "ui-welcome-language-hint",
      LANGUAGES.map((l) => [l, t(`language-${l}`)]),
    ),
    h("p", {}, t("ui-welcome-text")),
    h("div", { class: "actions" }, fromShop, demo, add),
    progress,
    status,
  );
  main.append(card);
  demo.addEventListener("click", async () => {
    demo.disabled = true;
    progress.hidden = false;
    const stop = await api.onProgress((p) => {
      progress.max = p.total;
      progress.value = p.done;
      status.textContent = t("ui-demo-progress", { done: p.done, total: p.total });
    });
    try {
      await api.demoCreate();
      done();
    } catch (e) {
      status.textContent = errorText(e);
      demo.disabled = false;
    } finally {
      stop();
    }
  });
  add.addEventListener("click", () => newCustomerForm(card, done));
}

function newCustomerForm(card: HTMLElement, done: () => void): void {
  clear(card);
  // A first customer needs no country or language: the shop's are the defaults.
  const fields = FIELDS.filter(([field]) => field !== "country" && field !== "language");
  card.append(addCustomerForm("new", {}, fields, () => done()));
}
