// The web shop's other numbers for a customer: the ids its files name the
// person by where the register gives them another number. An import keeps the
// number of a row it matched by e-mail; here the shop owner sees them, adds
// one they know and takes away one that was matched to the wrong person. An
// erased customer's stay (they keep the person from being imported again).
import { api } from "../api";
import { h } from "../dom";
import type { CustomerPage } from "../generated/app-types";
import { formatDate, t } from "../i18n";
import { errorText } from "./errors";
import { opener, recordForm, type Reload } from "./records";

export function shopNumbers(page: CustomerPage, status: HTMLElement, reload: Reload): HTMLElement {
  const c = page.customer;
  const remove = (number: string) => () => {
    void api
      .shopNumberRemove(c.id, number)
      .then(() => reload(t("ui-shop-number-removed", { number })))
      .catch((e: unknown) => (status.textContent = errorText(e)));
  };
  // A customer merged into this one: their number is kept as the shop's, and said so.
  const merged = (number: string) => {
    const m = page.merges.find((x) => x.merged_number === number);
    return m ? h("span", { class: "merged-number" }, ` · ${t("ui-merged-number", { date: formatDate(m.merged_at) })} `) : "";
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
  return h("div", {}, h("p", { class: "hint" }, t("ui-shop-numbers-hint")), list, adding || "");
}
