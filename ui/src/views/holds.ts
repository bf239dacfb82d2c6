// Legal holds: a customer's records, or one record, kept from deletion while a
// dispute or an authority's order lasts (GDPR Art. 17(3)(e), "legal claims").
// Placed from the customer page; listed, and lifted, there and on the
// retention screen, where the records they keep are counted.
import { api, isCommandError } from "../api";
import { clear, customerLink, h, type OpenCustomer } from "../dom";
import type { Customer, HoldView } from "../generated/app-types";
import { formatDate, t } from "../i18n";
import { detailText, errorText } from "./errors";

type Reload = (message?: string) => void;

/** A held record as people name it: "order 10234", "customer account K000001". */
function record(v: HoldView): string {
  return `${t(`record-${v.entity}`)} ${v.number ?? v.entity_id}`;
}

function liftButton(v: HoldView, status: HTMLElement, done: Reload): HTMLElement {
  const lift = () =>
    void api
      .holdLift(v.id)
      .then((l) =>
        done(
          l.released.length > 0
            ? t("ui-hold-lifted-released", { requests: [...new Set(l.released.map((e) => e.request_id))].join(", ") })
            : t(l.erased_for == null ? "ui-hold-lifted" : "ui-hold-lifted-erased"),
        ),
      )
      .catch((e: unknown) => (status.textContent = errorText(e)));
  const button = h("button", { type: "button", class: "small lift-hold", "data-hold": v.id }, t("ui-hold-lift"));
  // Lifting a hold that alone keeps an erased customer's record, or what a
  // person's request asked to erase (a note, a sign-up, web events), erases
  // them: said, and confirmed, before it happens.
  button.addEventListener("click", () => {
    if (!v.erases && !v.releases) return lift();
    const slot = h("span", { class: "lift-confirm" });
    const yes = h(
      "button",
      { type: "button", class: "small danger", "data-hold-erase": v.id, onclick: lift },
      t("ui-hold-lift-erase"),
    );
    const no = h("button", { type: "button", class: "small", onclick: () => slot.replaceWith(button) }, t("ui-cancel"));
    slot.append(h("span", {}, t(v.erases ? "ui-hold-lift-erases" : "ui-hold-lift-releases")), " ", yes, " ", no);
    button.replaceWith(slot);
    yes.focus();
  });
  return button;
}

/** The holds on this customer or any of their records, each with its lift button. */
export function holdNotes(holds: HoldView[], c: Customer, status: HTMLElement, reload: Reload): HTMLElement[] {
  return holds
    .filter((v) => v.customer_id === c.id)
    .map((v) =>
      h(
        "p",
        { class: "notice hold-note", "data-hold": v.id },
        t("ui-hold-in-force", { record: record(v), reason: v.reason, date: formatDate(v.set_at), by: v.set_by }),
        " ",
        liftButton(v, status, reload),
      ),
    );
}

/** The page that places a hold on all of the customer's records, with its reason. */
export function showHold(panel: HTMLElement, c: Customer, reload: Reload): void {
  const reason = h("textarea", { id: "hold-reason", rows: 2, maxlength: 1000 });
  const status = h("p", { class: "status", role: "status" });
  const invalid = h("span", { class: "invalid-note", id: "hold-reason-error" });
  reason.setAttribute("aria-describedby", "hold-reason-error");
  const go = h("button", { type: "button", id: "hold-confirm", class: "primary" }, t("ui-hold-confirm"));
  go.addEventListener("click", () =>
    void api
      .holdAdd("customer", c.id, reason.value)
      .then(() => reload(t("ui-saved")))
      .catch((e: unknown) => {
        invalid.textContent = isCommandError(e) && e.field ? detailText(e) : errorText(e);
        reason.setAttribute("aria-invalid", "true");
        reason.focus();
      }),
  );
  clear(panel);
  panel.append(
    h("div", { class: "actions" }, h("button", { type: "button", onclick: () => reload() }, `← ${t("ui-back")}`)),
    h("h1", {}, t("ui-hold-title", { name: c.name ?? c.number })),
    h("p", {}, t("ui-hold-intro")),
    h("div", { class: "fields" }, h("label", { for: "hold-reason" }, t("ui-hold-reason")), h("div", {}, reason, invalid)),
    h("p", {}, go),
    status,
  );
  reason.focus();
}

/** Every hold in force, for the retention screen. */
export async function holdsSection(box: HTMLElement, redraw: () => void, openCustomer: OpenCustomer): Promise<void> {
  clear(box);
  const status = h("p", { class: "status", role: "status", id: "holds-status" });
  const holds = await api.holdsList();
  box.append(h("h2", {}, t("ui-holds-title")));
  if (holds.length === 0) {
    box.append(h("p", { id: "holds-none" }, t("ui-holds-none")), status);
    return;
  }
  const again = (message?: string) => {
    void holdsSection(box, redraw, openCustomer).then(() => {
      const s = box.querySelector("#holds-status");
      if (s && message) s.textContent = message;
    });
    redraw();
  };
  const head = [t("col-record"), t("col-customer"), t("col-reason"), t("col-since"), t("col-by"), ""];
  // Whose record is held, a way to their page.
  const whose = (v: HoldView) => (v.customer_id != null && v.customer_number != null ? customerLink(v.customer_id, v.customer_number, openCustomer) : "");
  box.append(
    h(
      "table",
      { class: "data holds", id: "holds" },
      h("caption", { class: "sr-only" }, t("ui-holds-title")),
      h("thead", {}, h("tr", {}, ...head.map((x) => h("th", { scope: "col" }, x)))),
      h(
        "tbody",
        {},
        ...holds.map((v) =>
          h("tr", {}, h("td", {}, record(v)), h("td", {}, whose(v)), h("td", {}, v.reason), h("td", {}, formatDate(v.set_at)), h("td", {}, v.set_by), h("td", {}, liftButton(v, status, again))),
        ),
      ),
    ),
    status,
  );
}
