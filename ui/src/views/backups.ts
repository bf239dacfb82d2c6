// Backups on the settings screen (Art. 32(1)(c)): where the automatic copies
// go and how many are kept, the copies there are, a copy made now through the
// native save dialog, and a copy restored into the register the window has
// open. A restore keeps a copy of the register as it is first, and makes
// again every erasure made since the copy, so that no erased person comes back.
import { api, isCommandError } from "../api";
import { clear, h } from "../dom";
import type { Backups, RestoreReport } from "../generated/app-types";
import { formatDate, formatDateTime, t } from "../i18n";
import { errorText, say } from "./errors";

interface Copy {
  at: string;
  purpose: string;
  file: string;
}

function copies(b: Backups): Copy[] {
  const automatic = b.automatic.map((a) => ({ at: a.made_at, purpose: a.purpose, file: a.file }));
  const manual = b.manual.map((m) => ({ at: m.made_at, purpose: m.purpose, file: m.file }));
  return [...automatic, ...manual].sort((x, y) => y.at.localeCompare(x.at));
}

/** The first twenty of `numbers`, and how many more there are. */
function someOf(numbers: string[]): string {
  const shown = numbers.slice(0, 20).join(", ");
  return numbers.length > 20 ? `${shown} ${t("ui-retention-more", { count: numbers.length - 20 })}` : shown;
}

/**
 * What a restore of `file` did, as the report `r` tells it: what it kept of
 * the register it replaced, and apart, what the shop must see to by hand
 * (what the restored register could not take).
 */
function restored(file: string, r: RestoreReport): HTMLElement {
  const kept: string[] = [];
  const toSee: string[] = [];
  const numbers = (list: string[]) => list.join(", ");
  // The merges first, as the restore makes them: what follows names the person as the customer kept.
  if (r.unmerges_replayed.length > 0) kept.push(t("ui-restored-unmerges", { numbers: numbers(r.unmerges_replayed) }));
  if (r.unmerges_lost.length > 0) toSee.push(t("ui-restored-unmerges-lost", { numbers: numbers(r.unmerges_lost) }));
  if (r.merges_replayed.length > 0) kept.push(t("ui-restored-merges", { numbers: numbers(r.merges_replayed) }));
  if (r.merges_lost.length > 0) toSee.push(t("ui-restored-merges-lost", { numbers: numbers(r.merges_lost) }));
  if (r.erasures_replayed.length > 0) kept.push(t("ui-restored-erasures", { count: r.erasures_replayed.length }));
  if (r.sweeps_replayed.length > 0) kept.push(t("ui-restored-sweeps", { days: r.sweeps_replayed.map((d) => formatDate(d)).join(", ") }));
  // Each setting by its label on the settings screen.
  const labels = r.settings_carried.map((key) => t(`setting-${key.replace(/\./g, "-")}`));
  if (labels.length > 0) kept.push(t("ui-restored-settings", { settings: labels.join(", ") }));
  if (r.catalogue_carried > 0) kept.push(t("ui-restored-catalogue", { count: r.catalogue_carried }));
  for (const not of r.not_replayed) toSee.push(t("ui-restored-not-erased", { number: not.number, reason: say(not.why) }));
  if (r.breaches_carried > 0) kept.push(t("ui-restored-breaches", { count: r.breaches_carried }));
  if (r.concerned_lost.length > 0) toSee.push(t("ui-restored-concerned-lost", { numbers: numbers(r.concerned_lost) }));
  if (r.holds_carried > 0) kept.push(t("ui-restored-holds", { count: r.holds_carried }));
  if (r.requests_carried > 0) kept.push(t("ui-restored-requests", { count: r.requests_carried }));
  if (r.requests_without_customer.length > 0)
    toSee.push(t("ui-restored-requests-alone", { numbers: numbers(r.requests_without_customer) }));
  if (r.restrictions_carried > 0) kept.push(t("ui-restored-restrictions", { count: r.restrictions_carried }));
  if (r.consents_carried > 0) kept.push(t("ui-restored-consents", { count: r.consents_carried }));
  if (r.withdrawals_carried > 0) kept.push(t("ui-restored-withdrawals", { count: r.withdrawals_carried }));
  if (r.restrictions_lost.length > 0) toSee.push(t("ui-restored-restrictions-lost", { numbers: numbers(r.restrictions_lost) }));
  if (r.consents_lost.length > 0) toSee.push(t("ui-restored-consents-lost", { numbers: someOf(r.consents_lost) }));
  if (r.signups_carried > 0) kept.push(t("ui-restored-signups", { count: r.signups_carried }));
  if (r.signups_lost.length > 0) toSee.push(t("ui-restored-signups-lost", { numbers: someOf(r.signups_lost) }));
  if (r.web_objections_carried > 0) kept.push(t("ui-restored-web-objections", { count: r.web_objections_carried }));
  if (r.web_objections_lost.length > 0)
    toSee.push(t("ui-restored-web-objections-lost", { numbers: numbers(r.web_objections_lost) }));
  if (r.rectifications_replayed.length > 0)
    kept.push(t("ui-restored-rectifications", { numbers: numbers(r.rectifications_replayed) }));
  if (r.rectifications_lost.length > 0)
    toSee.push(t("ui-restored-rectifications-lost", { numbers: numbers(r.rectifications_lost) }));
  if (r.parts_erased_again.length > 0) kept.push(t("ui-restored-parts-erased", { numbers: numbers(r.parts_erased_again) }));
  if (r.orders_carried.length > 0 || r.invoices_carried.length > 0 || r.statuses_carried.length > 0)
    kept.push(
      t("ui-restored-vouchers", {
        orders: someOf(r.orders_carried) || t("doc-none"),
        invoices: someOf(r.invoices_carried) || t("doc-none"),
        statuses: someOf(r.statuses_carried) || t("doc-none"),
      }),
    );
  if (r.notes_carried > 0) kept.push(t("ui-restored-notes", { count: r.notes_carried }));
  if (r.notes_lost.length > 0) toSee.push(t("ui-restored-notes-lost", { numbers: numbers(r.notes_lost) }));
  if (r.customers_carried.length > 0) kept.push(t("ui-restored-customers", { numbers: someOf(r.customers_carried) }));
  if (r.documents_carried > 0) kept.push(t("ui-restored-documents", { count: r.documents_carried }));
  if (r.holds_lost.length > 0) toSee.push(t("ui-restored-holds-lost", { records: numbers(r.holds_lost) }));
  // Those added by hand are to be added again; an import's come back with its file; of the rest
  // (added by a version that did not mark how), either.
  const marked = new Set([...r.customers_lost_by_hand, ...r.customers_lost_imported]);
  const unmarked = r.customers_lost.filter((n) => !marked.has(n));
  if (r.customers_lost_by_hand.length > 0) toSee.push(t("ui-restored-customers-lost-by-hand", { numbers: someOf(r.customers_lost_by_hand) }));
  if (r.customers_lost_imported.length > 0) toSee.push(t("ui-restored-customers-lost-imported", { numbers: someOf(r.customers_lost_imported) }));
  if (unmarked.length > 0) toSee.push(t("ui-restored-customers-lost", { numbers: someOf(unmarked) }));
  if (r.notes_undone.length > 0) toSee.push(t("ui-restored-notes-undone", { numbers: someOf(r.notes_undone) }));
  if (r.notes_changed_undone.length > 0) toSee.push(t("ui-restored-notes-changed-undone", { numbers: someOf(r.notes_changed_undone) }));
  if (r.details_undone.length > 0) toSee.push(t("ui-restored-details-undone", { numbers: someOf(r.details_undone) }));
  if (r.imports_undone.length > 0) {
    const times = r.imports_undone.map((at) => formatDateTime(at)).join(", ");
    toSee.push(t("ui-restored-imports-undone", { count: r.imports_undone.length, times }));
  }
  const books = [
    ...(r.orders_lost.length > 0 ? [t("ui-restored-orders-lost", { numbers: someOf(r.orders_lost) })] : []),
    ...(r.invoices_lost.length > 0 ? [t("ui-restored-invoices-lost", { numbers: someOf(r.invoices_lost) })] : []),
  ];
  if (books.length > 0) toSee.push([...books, t("ui-restored-books-lost")].join(" "));
  const first = [t("ui-restored", { file, seq: r.backup_audit_seq })];
  if (r.safety_backup) first.push(t("ui-restored-safety", { file: r.safety_backup.file }));
  const list = (items: string[], id: string) => h("ul", { id }, ...items.map((x) => h("li", {}, x)));
  return h(
    "div",
    {},
    h("p", {}, first.join(" ")),
    kept.length > 0 ? list(kept, "restored-kept") : "",
    toSee.length > 0 ? h("div", { class: "notice", id: "restored-to-see" }, h("p", {}, t("ui-restored-to-see")), list(toSee, "restored-lost")) : "",
  );
}

/** Asks before `file` replaces the register; the copy's own passphrase is asked only where one is needed. */
function confirmRestore(slot: HTMLElement, box: HTMLElement, file: string, made: string | null, encrypted: boolean): void {
  clear(slot);
  const status = h("p", { class: "status", role: "status", id: "restore-status" });
  const passphrase = h("input", { type: "password", id: "restore-passphrase", autocomplete: "off", maxlength: 200 });
  const passphraseRow = h("p", {}, h("label", { for: "restore-passphrase" }, t("ui-restore-passphrase")), " ", passphrase);
  // An encrypted register's copies open with its passphrase; one made under an earlier passphrase asks for it.
  passphraseRow.hidden = !encrypted;
  const go = h("button", { type: "button", class: "danger", id: "restore-confirm" }, t("ui-restore-confirm"));
  const cancel = h("button", { type: "button", id: "restore-cancel", onclick: () => clear(slot) }, t("ui-cancel"));
  go.addEventListener("click", () => {
    go.disabled = true;
    status.textContent = t("ui-restoring");
    void api
      .backupRestore(file, passphrase.value || null)
      .then((r) => backupsSection(box, restored(file, r)))
      .catch((e: unknown) => {
        go.disabled = false;
        // A copy encrypted under a passphrase the register does not have (another computer's, an
        // earlier one): asked for at its field, without the path the core names it by.
        const locked = isCommandError(e) && (e.code === "wrong_passphrase" || e.code === "register_locked");
        status.textContent = !locked ? errorText(e) : t(e.code === "register_locked" ? "ui-restore-copy-locked" : "error-wrong_passphrase");
        if (locked) {
          passphraseRow.hidden = false;
          passphrase.focus();
        }
      });
  });
  slot.append(
    h(
      "div",
      { class: "notice", id: "restore-question" },
      h("p", {}, made ? t("ui-restore-question", { made, file }) : t("ui-restore-question-file", { file })),
      h("p", {}, t("ui-restore-first")),
      h("ul", {}, ...["erasures", "numbers", "records", "settings", "books"].map((k) => h("li", {}, t(`ui-restore-kept-${k}`)))),
      h("p", {}, t("ui-restore-as-copy")),
      passphraseRow,
      h("div", { class: "actions" }, go, cancel),
      status,
    ),
  );
  go.focus();
}

export async function backupsSection(box: HTMLElement, message: string | HTMLElement = ""): Promise<void> {
  const b = await api.backupsList();
  clear(box);
  const status = h("div", { class: "status", role: "status", id: "backup-status" }, message);
  const slot = h("div", { id: "restore-slot" });
  const now = h("button", { type: "button", id: "backup-now", class: "primary" }, t("ui-backup-now"));
  now.addEventListener("click", () =>
    void api
      .backupSave()
      .then((made) => (made ? backupsSection(box, t("ui-backup-saved", { path: made.file })) : undefined))
      .catch((e: unknown) => (status.textContent = errorText(e))),
  );
  const other = h("button", { type: "button", id: "restore-file" }, t("ui-restore-file"));
  other.addEventListener("click", () =>
    void api
      .backupChoose()
      .then((file) => file && confirmRestore(slot, box, file, null, b.encrypted))
      .catch((e: unknown) => (status.textContent = errorText(e))),
  );
  const list = copies(b);
  const rows = list.map((c) => {
    const restore = h("button", { type: "button", class: "small restore", "data-file": c.file }, t("ui-restore"));
    restore.addEventListener("click", () => confirmRestore(slot, box, c.file, formatDateTime(c.at), b.encrypted));
    return h("tr", {}, h("td", {}, formatDateTime(c.at)), h("td", {}, t(`backup-purpose-${c.purpose}`)), h("td", {}, c.file), h("td", {}, restore));
  });
  box.append(
    h("p", { id: "backup-intro" }, b.folder ? t("ui-backup-intro", { folder: b.folder, keep: b.keep }) : t("ui-backup-off")),
    h("div", { class: "actions" }, now, other),
    status,
    slot,
    list.length > 0
      ? h(
          "table",
          { class: "data backups" },
          h("caption", { class: "sr-only" }, t("ui-settings-backups")),
          h("thead", {}, h("tr", {}, ...[t("col-made"), t("col-before"), t("col-file"), ""].map((x) => h("th", { scope: "col" }, x)))),
          h("tbody", {}, ...rows),
        )
      : h("p", {}, t("ui-backups-none")),
  );
}
