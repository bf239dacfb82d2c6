// The audit trail's check on the settings screen (Art. 5(2): the shop shows
// that it complies). Every change is an entry holding the hash of the one
// before; the check walks the chain and names the first entry that does not
// hold, which means the register was changed outside Kundvakt or the file is
// damaged. The remedy is a backup from before, so the check sits beside them.
// A saved file of the trail is checked here too, as whoever the shop gives it
// to would check it: each row's hash and the links between rows.
import { api } from "../api";
import { clear, h } from "../dom";
import { t } from "../i18n";
import { errorText, say } from "./errors";

export function auditSection(box: HTMLElement): void {
  clear(box);
  const result = h("div", { id: "audit-result", role: "status" });
  const check = h("button", { type: "button", id: "audit-verify" }, t("ui-audit-verify"));
  check.addEventListener("click", () => {
    check.disabled = true;
    clear(result);
    result.append(h("p", { class: "hint" }, t("ui-audit-checking")));
    void api
      .auditVerify()
      .then((v) => {
        clear(result);
        result.append(
          v.broken
            ? h(
                "div",
                { class: "alert danger", id: "audit-broken" },
                h("p", {}, h("strong", {}, t("ui-audit-broken", { seq: v.broken.seq })), " ", t(`audit-break-${v.broken.kind}`)),
                h("p", {}, t("ui-audit-broken-what")),
              )
            : h("p", { id: "audit-holds" }, t("ui-audit-holds", { entries: v.entries, head: v.head.slice(0, 16) })),
        );
        // The answer sits at the foot of the screen: bring it into view.
        result.scrollIntoView({ block: "nearest" });
      })
      .catch((e: unknown) => {
        clear(result);
        result.append(h("p", { class: "error" }, errorText(e)));
      })
      .finally(() => (check.disabled = false));
  });
  // A saved file of the trail, checked on its own as whoever the shop gave it to would (`audit verify --file`).
  const file = h("button", { type: "button", id: "audit-file-check" }, t("ui-audit-file-check"));
  file.addEventListener("click", () => {
    file.disabled = true;
    void api
      .auditFileCheck()
      .then((c) => {
        if (!c) return;
        clear(result);
        if (c.problems.length > 0) {
          result.append(
            h(
              "div",
              { class: "alert danger", id: "audit-file-broken" },
              h("p", {}, h("strong", {}, t("ui-audit-file-broken", { count: c.problems.length, entries: c.entries }))),
              h("ul", {}, ...c.problems.map((p) => h("li", {}, `${t("ui-audit-file-line", { line: p.line })}: ${p.column}: ${say(p.reason)}`))),
            ),
          );
        } else {
          const args = { entries: c.entries, oldest: c.oldest ?? 0, newest: c.newest ?? 0, links: c.links, hash: (c.newest_hash ?? "").slice(0, 16) };
          result.append(h("p", { id: "audit-file-holds" }, t("ui-audit-file-holds", args)));
        }
        result.scrollIntoView({ block: "nearest" });
      })
      .catch((e: unknown) => {
        clear(result);
        result.append(h("p", { class: "error" }, errorText(e)));
      })
      .finally(() => (file.disabled = false));
  });
  box.append(h("p", {}, t("ui-audit-intro")), h("div", { class: "actions" }, check, file), result);
}
