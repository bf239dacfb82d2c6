// Others in the register who may be the same person as a customer (the same
// phone, or the same name in the same place): a copy of their data or an
// erasure should cover each that is (GDPR Art. 15, 17). Said on the
// customer's page and on their open request's.
import { api } from "../api";
import { h } from "../dom";
import type { CustomerPage, MaybeSame } from "../generated/app-types";
import { t } from "../i18n";
import type { Part } from "./records";

/**
 * The notice: each one named with what they have in common, a link to their page, and `extra` buttons beside; and
 * how many `more` were found than it names.
 */
export function maybeSameNotice(id: string, all: MaybeSame[], more: number, go: (m: MaybeSame) => void, extra: (m: MaybeSame) => HTMLElement[] = () => []): HTMLElement {
  const row = (m: MaybeSame) =>
    h(
      "li",
      {},
      h("button", { type: "button", class: "link", "data-customer": m.id, onclick: () => go(m) }, `${m.name ?? m.number} (${m.number})`),
      ` · ${[m.email, m.city, m.likeness.map((l) => t(`likeness-${l}`)).join(", ")].filter(Boolean).join(" · ")} `,
      ...extra(m),
    );
  const rest = more > 0 ? h("p", { class: "maybe-same-more" }, t("ui-maybe-same-more", { more })) : "";
  return h("div", { class: "notice", id }, h("p", {}, t("ui-maybe-same")), h("ul", {}, ...all.map(row)), rest);
}

/**
 * Merging `m` into the customer of `page`, once the shop has found by the identity it checked that they are one
 * person: every record of theirs moves here, and their number finds this customer (Art. 5(1)(d)).
 */
export function merging(page: CustomerPage, m: MaybeSame): Part {
  const args = { name: m.name ?? m.number, number: m.number };
  return {
    box: { class: "merge-box", "data-customer": m.id },
    yesId: "merge-yes",
    yes: "ui-merge-yes",
    preview: () => Promise.resolve(t("ui-merge-question", args)),
    run: () => api.customerMerge(page.customer.id, m.id),
    done: t("ui-merged", args),
  };
}
