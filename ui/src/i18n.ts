// Translations: the same Fluent files the documents use (src-tauri/core/locales),
// and dates and money written the way each language writes them.
import { FluentBundle, FluentResource, type FluentVariable } from "@fluent/bundle";
import en from "../../src-tauri/core/locales/en.ftl?raw";
import nb from "../../src-tauri/core/locales/nb.ftl?raw";
import sv from "../../src-tauri/core/locales/sv.ftl?raw";
import { wallClock, wallDate } from "./clock";
import type { Language, Money } from "./generated/app-types";

/** The languages of the window and the documents, in the order they are offered. */
export const LANGUAGES: Language[] = ["sv", "nb", "en"];

const SOURCES: Record<Language, string> = { sv, nb, en };
const STORAGE_KEY = "kundvakt.language";

function bundle(lang: Language): FluentBundle {
  const b = new FluentBundle(lang, { useIsolating: false });
  const errors = b.addResource(new FluentResource(SOURCES[lang]));
  if (errors.length > 0) console.error(`translations for ${lang}:`, errors);
  return b;
}

const bundles: Record<Language, FluentBundle> = { sv: bundle("sv"), nb: bundle("nb"), en: bundle("en") };

/** The language of the system at first start; the user's choice after. */
function initialLanguage(): Language {
  const saved = localStorage.getItem(STORAGE_KEY);
  if (saved === "sv" || saved === "nb" || saved === "en") return saved;
  const system = (navigator.language || "en").toLowerCase();
  if (system.startsWith("sv")) return "sv";
  if (system.startsWith("nb") || system.startsWith("no") || system.startsWith("nn")) return "nb";
  return "en";
}

let current: Language = initialLanguage();
const listeners: Array<() => void> = [];

export function language(): Language {
  return current;
}

export function setLanguage(lang: Language): void {
  current = lang;
  localStorage.setItem(STORAGE_KEY, lang);
  document.documentElement.lang = lang;
  listeners.forEach((l) => l());
}

export function onLanguageChange(listener: () => void): void {
  listeners.push(listener);
}

/** The message `key`; `[key]` where it is missing (a test keeps that from happening). */
export function t(key: string, args?: Record<string, FluentVariable>): string {
  const b = bundles[current];
  const message = b.getMessage(key);
  if (!message?.value) return `[${key}]`;
  return b.formatPattern(message.value, args);
}

/** An audit entry's action ("customer.edit") as the language names it; the code itself where none does. */
export function actionName(action: string): string {
  const key = `audit-action-${action.replace(/[._]/g, "-")}`;
  return bundles[current].hasMessage(key) ? t(key) : action;
}

/** The kind of record an audit entry names ("web_event") as the language names it; the word itself where none does. */
export function entityName(entity: string): string {
  const key = `entity-${entity.replace(/_/g, "-")}`;
  return bundles[current].hasMessage(key) ? t(key) : entity;
}

/** A value kept as the shop entered it, named in the language where it is a code the language names (a consent's purpose "newsletter" as "nyhetsbrev"; i18n.rs, named). */
export function named(prefix: string, value: string): string {
  const key = `${prefix}${value}`;
  return bundles[current].hasMessage(key) ? t(key) : value;
}

/** An action of a web site's log as the person reads it: the common ones in the language, any other as logged (i18n.rs, web_action). */
export function webAction(action: string): string {
  const key = `web-action-${action.trim().toLowerCase().replace(/[-. ]/g, "_")}`;
  return bundles[current].hasMessage(key) ? t(key) : action;
}

/** Kundvakt's suggested texts (the `default-` messages) of every language, each with its key. */
let suggestions: Map<string, string> | null = null;

/**
 * A text Kundvakt suggested to the shop (a default processor's name, a
 * suggested assessment), while the shop keeps it word for word in any
 * language, in the window's language; the shop's own text as written. The
 * documents word it so too (i18n.rs, `Translator::defaulted`); saved so
 * worded, it is still the suggestion.
 */
export function defaulted(text: string): string {
  if (suggestions === null) {
    suggestions = new Map();
    for (const lang of LANGUAGES) {
      for (const id of messageIds(lang).filter((k) => k.startsWith("default-"))) {
        const message = bundles[lang].getMessage(id);
        if (message?.value) suggestions.set(bundles[lang].formatPattern(message.value), id);
      }
    }
  }
  const key = suggestions.get(text.trim());
  return key ? t(key) : text;
}

/** Every message id of a language (for the completeness check). */
export function messageIds(lang: Language): string[] {
  return [...bundles[lang]._messages.keys()].sort();
}

/**
 * A date "YYYY-MM-DD" as the language writes it: 2025-03-05, 05.03.2025, 5 March 2025. A UTC time
 * "YYYY-MM-DDTHH:MM:SSZ" gives its day on the shop's clock: a call at 00:30 in Stockholm is on that day, not
 * on the day before, as its UTC date would have it.
 */
export function formatDate(iso: string | null | undefined): string {
  if (!iso) return "";
  const at = iso.length > 10 ? new Date(iso) : null;
  const day = at && !Number.isNaN(at.getTime()) ? wallDate(wallClock(at)) : iso;
  const [y, m, d] = day.slice(0, 10).split("-");
  if (!y || !m || !d) return iso;
  if (current === "sv") return `${y}-${m}-${d}`;
  if (current === "nb") return `${d}.${m}.${y}`;
  return `${Number(d)} ${t(`ui-month-${Number(m)}`)} ${y}`;
}

/** A UTC time "YYYY-MM-DDTHH:MM:SSZ" as the language writes it, on the shop's clock. */
export function formatDateTime(iso: string | null | undefined): string {
  if (!iso) return "";
  const at = new Date(iso);
  if (Number.isNaN(at.getTime())) return iso;
  const w = wallClock(at);
  return `${formatDate(wallDate(w))} ${String(w.hour).padStart(2, "0")}:${String(w.minute).padStart(2, "0")}`;
}

/** Money from its decimal string, exactly (no float): "1 234,50 SEK", "SEK 1,234.50". */
export function formatMoney(m: Money): string {
  const negative = m.amount.startsWith("-");
  const [whole = "0", frac = ""] = m.amount.replace(/^-/, "").split(".");
  const group = current === "en" ? "," : "\u00a0";
  const decimal = current === "en" ? "." : ",";
  const grouped = whole.replace(/\B(?=(\d{3})+(?!\d))/g, group);
  const number = `${negative ? "-" : ""}${grouped}${frac ? decimal + frac : ""}`;
  // Joined by a no-break space, as the groups are in Swedish and Norwegian: an
  // amount split over two lines in a narrow column reads as two values.
  return current === "en" ? `${m.currency}\u00a0${number}` : `${number}\u00a0${m.currency}`;
}

document.documentElement.lang = current;
