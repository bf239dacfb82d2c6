// Others in the register who may be the same person as a customer (the same
// phone, or the same name in the same place): a copy of their data or an
// erasure should cover each that is (GDPR Art. 15, 17). Said on the
// customer's page and on their open request's.
import { api, isCommandError } from "../api";
import { clear, h } from "../dom";
import type { CustomerPage, MaybeSame, Merged } from "../generated/app-types";
import { defaulted, t } from "../i18n";
import { detailText, errorText } from "./errors";
import { confirming, type Part, type Reload } from "./records";

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
export function merging(page: CustomerPage, m: MaybeSame): Part<{ merged: Merged; names: string }> {
  const args = { name: m.name ?? m.number, number: m.number };
  return {
    box: { class: "merge-box", "data-customer": m.id },
    yesId: "merge-yes",
    yes: "ui-merge-yes",
    // What would move, counted, and which of their details would not be kept; or why it may not be done.
    preview: () =>
      api.customerMergePreview(page.customer.id, m.id).then((plan) => {
        const x = plan.moved;
        const moves = t("ui-merge-moves", { orders: x.orders, notes: x.interactions, web: x.web_events, consents: x.consents, signups: x.event_registrations, requests: x.requests });
        return [t("ui-merge-question", args), moves, notKept(plan.not_kept), t("ui-merge-warning")].filter(Boolean).join(" ");
      }),
    // With whom to tell of it: the register's record of the person changed (Art. 19); merged whatever the list's answer.
    run: async () => {
      const merged = await api.customerMerge(page.customer.id, m.id);
      const told = await api.customerRecipients(page.customer.id, "identity_contact").catch(() => []);
      return { merged, names: told.map((r) => defaulted(r.name)).join(", ") };
    },
    // Their details this customer had its own of are not kept: said, so that the shop knows which went.
    done: ({ merged, names }) => [t("ui-merged", args), notKept(merged.not_kept), names ? t("ui-merged-tell", { names }) : ""].filter(Boolean).join(" "),
  };
}

/**
 * Merging a customer the page does not name as maybe the same person (another spelling, another town), found by
 * the number the shop gives: the same question, then the same merge.
 */
export function showMergeOther(panel: HTMLElement, page: CustomerPage, reload: Reload): void {
  const c = page.customer;
  const number = h("input", { id: "merge-other-number", maxlength: 40, autocomplete: "off", spellcheck: false });
  const invalid = h("span", { class: "invalid-note", id: "merge-other-number-error" });
  number.setAttribute("aria-describedby", "merge-other-number-error");
  const slot = h("div", {});
  const find = h("button", { type: "submit", id: "merge-other-find", class: "primary" }, t("ui-merge-find"));
  const form = h("form", { class: "fields", novalidate: true }, h("label", { for: "merge-other-number" }, t("ui-merge-number")), h("div", {}, number, invalid), h("p", {}, find));
  form.addEventListener("submit", (e) => {
    e.preventDefault();
    invalid.textContent = "";
    void api
      .customerFind(number.value)
      .then((other) => {
        const m: MaybeSame = { id: other.id, number: other.number, name: other.name, email: other.email, city: other.city, likeness: [] };
        confirming(merging(page, m), slot, reload);
      })
      .catch((err: unknown) => {
        invalid.textContent = isCommandError(err) && err.field ? detailText(err) : errorText(err);
        number.setAttribute("aria-invalid", "true");
        number.focus();
      });
  });
  clear(panel);
  panel.append(
    h("div", { class: "actions" }, h("button", { type: "button", onclick: () => reload() }, `← ${t("ui-back")}`)),
    h("h1", {}, t("ui-merge-title", { name: c.name ?? c.number })),
    h("p", {}, t("ui-merge-intro")),
    form,
    slot,
  );
  number.focus();
}

/** The merged customer's details the kept one has their own of, named in the window's language; "" for none. */
function notKept(fields: string[]): string {
  return fields.length === 0 ? "" : t("ui-merged-not-kept", { fields: fields.map((f) => t(`field-${f}`)).join(", ") });
}
