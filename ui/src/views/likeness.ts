// Others in the register who may be the same person as a customer (the same
// phone, or the same name in the same place): a copy of their data or an
// erasure should cover each that is (GDPR Art. 15, 17). Said on the
// customer's page and on their open request's.
import { h } from "../dom";
import type { MaybeSame } from "../generated/app-types";
import { t } from "../i18n";

/** The notice: each one named with what they have in common, a link to their page, and `extra` buttons beside. */
export function maybeSameNotice(id: string, all: MaybeSame[], go: (m: MaybeSame) => void, extra: (m: MaybeSame) => HTMLElement[] = () => []): HTMLElement {
  const row = (m: MaybeSame) =>
    h(
      "li",
      {},
      h("button", { type: "button", class: "link", "data-customer": m.id, onclick: () => go(m) }, `${m.name ?? m.number} (${m.number})`),
      ` · ${[m.email, m.city, m.likeness.map((l) => t(`likeness-${l}`)).join(", ")].filter(Boolean).join(" · ")} `,
      ...extra(m),
    );
  return h("div", { class: "notice", id }, h("p", {}, t("ui-maybe-same")), h("ul", {}, ...all.map(row)));
}
