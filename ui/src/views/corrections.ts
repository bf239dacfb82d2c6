// The corrections of a customer's details and notes (GDPR Art. 16): the
// register keeps the corrected value, the audit trail the old one, and the
// customer page shows both, checked against the trail. The old values go
// when the customer is erased; the access report lists them (Art. 15). A
// detail removed at the person's request for erasure is not kept at all.
import { h } from "../dom";
import type { Corrected, Correction, CustomerPage } from "../generated/app-types";
import { countryName } from "../countries";
import { formatDateTime, t } from "../i18n";

/** A corrected value as people read it: names for codes, a dash for an empty part. */
export function shown(field: Corrected, value: string | null | undefined): string {
  if (value == null) return "–";
  switch (field) {
    case "country":
      return countryName(value);
    case "language":
      return t(`language-${value}`);
    case "channel":
      return t(`channel-${value}`);
    case "direction":
      return t(`direction-${value}`);
    case "bookkeeping":
      return t(`corrected-value-${value}`);
    default:
      return value;
  }
}

/** The customer page's section: what the audit trail keeps, and the table. */
export function correctionsSection(page: CustomerPage): HTMLElement {
  return h("div", {}, h("p", { class: "hint" }, t("ui-corrections-hint")), correctionsTable(page.corrections, "corrections"));
}

/** Each part a correction changed, with its value before and after; a note by the time of its contact. */
export function correctionsTable(corrections: Correction[], id: string): HTMLElement {
  const rows = corrections.flatMap((k) =>
    k.changes.map((x) => {
      const note = k.note_time;
      // As the access report names it: the part, and the time of the note's contact.
      const part = note ? `${t(`corrected-${x.field}`)} (${formatDateTime(note)})` : t(`corrected-${x.field}`);
      return h(
        "tr",
        { class: k.intact ? "" : "altered", "data-seq": k.seq },
        h("td", {}, formatDateTime(k.at)),
        h("td", {}, part),
        // A value the person had erased (Art. 17(1)) is not kept: said so.
        h("td", {}, x.before_erased ? t("ui-value-erased") : (x.before_shown ?? shown(x.field, x.before)), k.intact ? "" : h("span", { class: "hint-line error" }, t("ui-correction-altered"))),
        h("td", {}, x.after_erased ? t("ui-value-erased") : (x.after_shown ?? shown(x.field, x.after))),
        h("td", {}, k.actor),
      );
    }),
  );
  return h(
    "table",
    { class: "data", id },
    h("caption", { class: "sr-only" }, t("ui-corrections")),
    h("thead", {}, h("tr", {}, ...[t("ui-col-time"), t("col-corrected-part"), t("col-value-before"), t("col-value-after"), t("col-by")].map((x) => h("th", { scope: "col" }, x)))),
    h("tbody", {}, ...rows),
  );
}
