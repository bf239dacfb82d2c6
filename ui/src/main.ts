// The window's frame: navigation, the language choice and the screens.
import "./style.css";
import { api } from "./api";
import { setCountries } from "./countries";
import { clear, clearRefusalsOnEdit, h } from "./dom";
import type { AppInfo, Language } from "./generated/app-types";
import { setTimeZone } from "./clock";
import { countDue, dueCount } from "./due";
import { formatDateTime, LANGUAGES, language, onLanguageChange, setLanguage, t } from "./i18n";
import { breachesView } from "./views/breaches";
import { errorBanner } from "./views/errors";
import { registerView } from "./views/register";
import { requestsView } from "./views/requests";
import { retentionView } from "./views/retention";
import { settingsView } from "./views/settings";
import { transferView } from "./views/transfer";
import { unlockView } from "./views/unlock";
import { welcomeView } from "./views/welcome";

type Screen = "register" | "requests" | "breaches" | "retention" | "transfer" | "settings";

const root = document.getElementById("app") as HTMLElement;
let screen: Screen = "register";
/** The customer the Register screen opens with, when another screen sent the user there. */
let wanted: { id: number; number: string } | null = null;
/** The request the Requests screen opens, when the customer page sent the user there. */
let wantedRequest: number | null = null;
let info: AppInfo | null = null;
let renders = 0;

async function render(): Promise<void> {
  // A newer render (another click, a language switch) supersedes this one.
  const mine = ++renders;
  const locked = await api.registerLocked();
  if (mine !== renders) return;
  if (locked !== null) {
    clear(root);
    unlockView(root, locked, () => void render());
    return;
  }
  // Counted beside the app's state, and waited for a moment (due.ts).
  const due = screen === "retention" ? null : countDue();
  // A register that cannot be read (a damaged file, a server gone) still
  // gets the window's frame, saying so, and Settings, where its backups are.
  let failure: unknown = null;
  info = await api.appInfo().catch((e: unknown) => {
    failure = e;
    return null;
  });
  if (mine !== renders) return;
  if (due) await due.early;
  if (mine !== renders) return;
  if (info) {
    setTimeZone(info.time_zone);
    setCountries(info.countries);
  }
  clear(root);
  const langSelect = h(
    "select",
    {
      id: "language",
      "aria-label": t("ui-language"),
      onchange: (e: Event) => setLanguage((e.target as HTMLSelectElement).value as Language),
    },
    ...LANGUAGES.map((l) => h("option", { value: l, selected: l === language() }, t(`language-${l}`))),
  );
  const nav = h(
    "nav",
    { "aria-label": t("ui-app-name") },
    ...(["register", "requests", "breaches", "retention", "transfer", "settings"] as Screen[]).map((s) =>
      h(
        "button",
        {
          id: `nav-${s}`,
          class: s === screen ? "nav active" : "nav",
          "aria-current": s === screen ? "page" : null,
          onclick: () => {
            screen = s;
            void render();
          },
        },
        t(`ui-nav-${s}`),
      ),
    ),
  );
  const header = h(
    "header",
    {},
    h("div", { class: "brand" }, h("span", { class: "logo", "aria-hidden": "true" }, "✓"), t("ui-app-name")),
    info ? h("span", { class: "where" }, t("ui-register-location", { location: info.register })) : "",
    h("label", { class: "lang" }, h("span", { class: "sr-only" }, t("ui-language")), langSelect),
  );
  const main = h("main", { id: "main" });
  root.append(header, h("div", { class: "body" }, nav, main));
  if (!info) {
    main.append(errorBanner(failure));
    if (screen === "settings") await screenOrError(main, mine, settingsView(main));
    return;
  }
  // What is due: drawn with the screen, so as not to move the page under the user's click.
  if (due && dueCount()) banner(main, "due", t("ui-due-banner", { count: dueCount() }), t("ui-due-review"), "retention", "status");
  if (due) void dueLate(main, mine, due.late);
  // A breach whose notification is owed: the 72 hours (GDPR Art. 33(1)) on every screen but Breaches.
  const owed = info.breach_owed;
  if (owed && screen !== "breaches") {
    const args = { id: owed.id, by: formatDateTime(owed.notify_by), authority: info.authority };
    banner(main, "breach", t(owed.overdue ? "ui-breach-banner-late" : "ui-breach-banner", args), t("ui-breach-review"), "breaches", "alert");
  }
  // Requests past their deadline, or due within seven days (Art. 12(3)): on every screen but Requests.
  const [late, soon] = [info.requests_late, info.requests_soon];
  if (late > 0 && screen !== "requests") {
    const text = soon > 0 ? `${t("ui-requests-banner-late", { late })} ${t("ui-requests-banner-more", { soon })}` : t("ui-requests-banner-late", { late });
    banner(main, "requests", text, t("ui-requests-review"), "requests", "alert");
  } else if (soon > 0 && screen !== "requests") {
    banner(main, "requests", t("ui-requests-banner", { soon }), t("ui-requests-review"), "requests", "status");
  }
  // The documents given to people must say who the shop is and how to reach it (Art. 13(1)(a)).
  if (info.controller_gap && screen !== "settings") {
    const nameless = info.controller_gap === "controller.name";
    banner(main, "controller", t(nameless ? "ui-controller-nameless" : "ui-controller-unreachable"), t("ui-controller-set"), "settings", "status");
  }
  if (info.customers === 0 && screen === "register") {
    welcomeView(
      main,
      () => void render(),
      () => {
        screen = "transfer";
        void render();
      },
    );
  } else if (screen === "register") {
    const customer = wanted;
    wanted = null;
    await screenOrError(
      main,
      mine,
      registerView(main, info, customer, (id) => {
        wantedRequest = id;
        screen = "requests";
        void render();
      }),
    );
  } else if (screen === "requests") {
    const request = wantedRequest;
    wantedRequest = null;
    await screenOrError(main, mine, requestsView(main, info, openCustomer, request));
  } else if (screen === "breaches") {
    await screenOrError(main, mine, breachesView(main, info));
  } else if (screen === "retention") {
    await screenOrError(main, mine, retentionView(main, info, openCustomer));
  } else if (screen === "transfer") {
    await screenOrError(main, mine, transferView(main, info));
  } else {
    await screenOrError(main, mine, settingsView(main));
  }
}

/**
 * A screen drawn, or what kept it from being drawn said at its top (never a
 * blank page), once: a damaged register's frame says it already.
 */
async function screenOrError(main: HTMLElement, mine: number, drawn: Promise<void>): Promise<void> {
  try {
    await drawn;
  } catch (e: unknown) {
    const said = errorBanner(e);
    const shown = Array.from(main.querySelectorAll("p.error[role=alert]")).some((p) => p.textContent === said.textContent);
    if (mine === renders && !shown) main.prepend(said);
  }
}

/** Opens a customer's page on the Register screen, found by their number (a request's customer, a kept record's). */
function openCustomer(id: number, number: string): void {
  wanted = { id, number };
  screen = "register";
  void render();
}

/** A notice above the screen, with a button that opens the screen `to`, where what it says is dealt with. */
function banner(main: HTMLElement, name: string, text: string, label: string, to: Screen, role: "status" | "alert"): void {
  const made = notice(name, text, label, to, role);
  // The urgent ones on top, whichever check answered first.
  const urgent = Array.from(main.querySelectorAll(".notice.urgent")).pop();
  if (role === "status" && urgent) urgent.after(made);
  else main.prepend(made);
}

function notice(name: string, text: string, label: string, to: Screen, role: "status" | "alert"): HTMLElement {
  const open = h(
    "button",
    {
      type: "button",
      id: `${name}-review`,
      onclick: () => {
        screen = to;
        void render();
      },
    },
    label,
  );
  return h("div", { class: role === "alert" ? "notice due-banner urgent" : "notice due-banner", id: `${name}-banner`, role }, text, " ", open);
}

/**
 * Where the count came in after the screen was drawn (a register too large
 * to count in the wait), the notice changes in place, and moves the page
 * only when it comes or goes.
 */
async function dueLate(main: HTMLElement, mine: number, late: Promise<number | null>): Promise<void> {
  const total = await late;
  if (mine !== renders || total === null) return;
  const shown = main.querySelector("#due-banner");
  if (total === 0) {
    shown?.remove();
    return;
  }
  const text = t("ui-due-banner", { count: total });
  if (!shown) banner(main, "due", text, t("ui-due-review"), "retention", "status");
  else if (!shown.textContent?.startsWith(text)) shown.replaceWith(notice("due", text, t("ui-due-review"), "retention", "status"));
}

onLanguageChange(() => void render());
clearRefusalsOnEdit(document);
void render();
