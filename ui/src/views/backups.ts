// Backups on the settings screen (Art. 32(1)(c)): where the automatic copies
// go and how many are kept, the copies there are, and a copy made now through
// the native save dialog. Restoring stays on the command line, with the
// window closed: it replaces the register the window has open.
import { api } from "../api";
import { clear, h, table } from "../dom";
import type { Backups } from "../generated/app-types";
import { formatDateTime, t } from "../i18n";
import { errorText } from "./errors";

function rows(b: Backups): string[][] {
  const automatic = b.automatic.map((a) => ({ at: a.made_at, purpose: a.purpose, file: a.file }));
  const manual = b.manual.map((m) => ({ at: m.made_at, purpose: m.purpose, file: m.file }));
  return [...automatic, ...manual]
    .sort((x, y) => y.at.localeCompare(x.at))
    .map((r) => [formatDateTime(r.at), t(`backup-purpose-${r.purpose}`), r.file]);
}

export async function backupsSection(box: HTMLElement, message = ""): Promise<void> {
  const b = await api.backupsList();
  clear(box);
  const status = h("p", { class: "status", role: "status", id: "backup-status" }, message);
  const now = h("button", { type: "button", id: "backup-now", class: "primary" }, t("ui-backup-now"));
  now.addEventListener("click", () =>
    void api
      .backupSave()
      .then((made) => (made ? backupsSection(box, t("ui-backup-saved", { path: made.file })) : undefined))
      .catch((e: unknown) => (status.textContent = errorText(e))),
  );
  const list = rows(b);
  box.append(
    h("p", { id: "backup-intro" }, b.folder ? t("ui-backup-intro", { folder: b.folder, keep: b.keep }) : t("ui-backup-off")),
    h("p", { class: "hint" }, t("ui-backup-restore")),
    h("div", { class: "actions" }, now),
    status,
    list.length > 0 ? table(t("ui-settings-backups"), [t("col-made"), t("col-before"), t("col-file")], list, "backups") : h("p", {}, t("ui-backups-none")),
  );
}
