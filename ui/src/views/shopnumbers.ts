// The web shop's other numbers for a customer: the ids its files name the
// person by where the register gives them another number. An import keeps the
// number of a row it matched by e-mail; here the shop owner sees them, adds
// one they know and takes away one that was matched to the wrong person. An
// erased customer's stay (they keep the person from being imported again).
import { api } from "../api";
import { h } from "../dom";
import type { CustomerPage, Merge } from "../generated/app-types";
import { defaulted, formatDate, t } from "../i18n";
import { errorText } from "./errors";
import { confirming, opener, recordForm, type Part, type Reload } from "./records";

export function shopNumbers(page: CustomerPage, status: HTMLElement, reload: Reload): HTMLElement {
  const c = page.customer;
  const remove = (number: string) => () => {
    void api
      .shopNumberRemove(c.id, number)
      .then(() => reload(t("ui-shop-number-removed", { number })))
      .catch((e: unknown) => (status.textContent = errorText(e)));
  };
  // The question and answer of an undo, in a box beneath the list.
  const slot = h("div", { id: "unmerge-slot" });
  // A customer merged into this one: their number is kept as the shop's, and said so; for thirty days, undone here.
  const merged = (number: string) => {
    const m = page.merges.find((x) => x.merged_number === number);
    if (!m) return "";
    const until = m.undo_until && c.state === "active" ? m.undo_until : null;
    const said = [t("ui-merged-number", { date: formatDate(m.merged_at) }), until ? t("ui-unmerge-until", { date: formatDate(until) }) : ""];
    return h(
      "span",
      { class: "merged-number" },
      ` · ${said.filter(Boolean).join(", ")} `,
      until ? h("button", { type: "button", class: "small unmerge", "data-merged": m.merged_id, onclick: () => confirming(unmerging(m), slot, reload) }, t("ui-unmerge")) : "",
    );
  };
  const items = page.shop_numbers.map((number) =>
    h(
      "li",
      { "data-shop-number": number },
      h("span", { class: "shop-number" }, number),
      merged(number),
      c.state === "erased"
        ? ""
        : h("button", { type: "button", class: "small", "aria-label": t("ui-shop-number-remove", { number }), onclick: remove(number) }, t("ui-remove")),
    ),
  );
  // A merge whose number the shop has since taken away is still undone here, within its thirty days.
  const unlisted = page.merges
    .filter((m) => !page.shop_numbers.includes(m.merged_number) && m.undo_until && c.state === "active")
    .map((m) =>
      h(
        "li",
        { "data-merged-number": m.merged_number },
        h("span", { class: "shop-number" }, m.merged_number),
        ` (${t("ui-merged-number-removed")})`,
        merged(m.merged_number),
      ),
    );
  items.push(...unlisted);
  const list = items.length ? h("ul", { class: "shop-numbers", id: "shop-numbers" }, ...items) : "";
  // Nothing new is done with a restricted customer's data (Art. 18(2)).
  const adding =
    c.state === "active" &&
    opener("add-shop-number", "ui-shop-number-add", () => {
      const input = h("input", { maxlength: 40, autocomplete: "off", spellcheck: false });
      return recordForm("shop-number", [{ name: "number", label: "field-shop-number", control: input }], "ui-save", (f) => {
        void api
          .shopNumberAdd(c.id, f.value("number"))
          .then(() => reload(t("ui-saved")))
          .catch((e: unknown) => f.fail(e));
      }).form;
    });
  return h("div", {}, h("p", { class: "hint" }, t("ui-shop-numbers-hint")), list, slot, adding || "");
}

/**
 * A merge undone (two people merged by mistake): the question says what goes back; the answer names those to tell,
 * since the register's record of each person changed again (Art. 19).
 */
function unmerging(m: Merge): Part<string> {
  const number = m.merged_number;
  return {
    box: { class: "unmerge-box", "data-merged": m.merged_id },
    yesId: "unmerge-yes",
    yes: "ui-unmerge-yes",
    yesClass: "primary",
    // Whom it gives back, with which details and records, as the undo would: the undo itself, made and not kept.
    preview: () =>
      api.customerUnmergePreview(m.merged_id).then((u) => {
        const x = u.moved;
        const r = u.restored;
        const address = [r.street, [r.postal_code, r.city].filter(Boolean).join(" ")].filter(Boolean).join(", ");
        const details = [r.name, r.email, u.restored_phone_shown, address].filter(Boolean).join(", ");
        return [
          t("ui-unmerge-question", { number }),
          t("ui-unmerge-moves", { number, orders: x.orders, notes: x.interactions, web: x.web_events, consents: x.consents, signups: x.event_registrations, requests: x.requests }),
          details ? t("ui-unmerge-details", { details }) : "",
          u.reverted.length ? t("ui-unmerge-reverted", { fields: u.reverted.map((f) => t(`field-${f}`)).join(", ") }) : "",
        ]
          .filter(Boolean)
          .join(" ");
      }),
    run: async () => {
      const undone = await api.customerUnmerge(m.merged_id);
      const told = await api.customerRecipients(undone.kept.id, "identity_contact").catch(() => []);
      return told.map((r) => defaulted(r.name)).join(", ");
    },
    done: (names) => [t("ui-unmerged", { number }), names ? t("ui-unmerged-tell", { names }) : ""].filter(Boolean).join(" "),
  };
}
