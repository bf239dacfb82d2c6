// The countries a form offers, each named in the window's language and in that
// language's alphabetical order: Germany is "Tyskland" under T in a Swedish
// window. The core gives the codes (ISO 3166-1) and which lie in the EEA; the
// names come from the web view's own Intl data, so no list is written twice.
import { h } from "./dom";
import type { CountryChoice } from "./generated/app-types";
import { language } from "./i18n";

let choices: CountryChoice[] = [];
/** The choices named and sorted in one language: every customer page draws them. */
let sorted: { language: string; named: Array<[string, string]> } | null = null;
let display: { language: string; names: Intl.DisplayNames | null } | null = null;

/** The core's list, from the app's info. */
export function setCountries(list: CountryChoice[]): void {
  if (list.length !== choices.length || list.some((c, i) => c.code !== choices[i]?.code)) sorted = null;
  choices = list;
}

/** "Sverige" for "SE" in Swedish; "" when the code is not a country. */
export function countryName(code: string): string {
  const c = code.trim().toUpperCase();
  if (!/^[A-Z]{2}$/.test(c)) return "";
  if (display?.language !== language()) {
    let names: Intl.DisplayNames | null = null;
    try {
      names = new Intl.DisplayNames([language()], { type: "region" });
    } catch {
      names = null;
    }
    display = { language: language(), names };
  }
  try {
    const name = display.names?.of(c);
    return name && name !== c ? name : "";
  } catch {
    return "";
  }
}

/** Whether the country is in the EEA; false for a code the core did not list. */
export function inEea(code: string): boolean {
  return choices.some((c) => c.code === code && c.eea);
}

/**
 * A choice of every country, `value` chosen. With no value the first option is
 * empty, so nothing is chosen by accident; a code the list lacks stays as it is.
 */
export function countrySelect(attrs: Record<string, string>, value: string): HTMLSelectElement {
  if (sorted?.language !== language()) {
    const collator = new Intl.Collator(language());
    const all = choices.map((c): [string, string] => [c.code, countryName(c.code) || c.code]).sort((a, b) => collator.compare(a[1], b[1]));
    sorted = { language: language(), named: all };
  }
  const named = [...sorted.named];
  if (value && !named.some(([code]) => code === value)) named.unshift([value, value]);
  if (!value) named.unshift(["", ""]);
  return h("select", attrs, ...named.map(([code, name]) => h("option", { value: code, selected: code === value }, name)));
}

/** The countries whose bookkeeping law Kundvakt knows (the setting `country`). */
export const SHOP_COUNTRIES = ["SE", "NO", "DK", "FI", "DE"];

/** A shop's country as a choice reads: "Sweden (SE)". */
export function shopCountryLabel(code: string): string {
  return `${countryName(code) || code} (${code})`;
}
