// Where the register is, on the settings screen: a shop that began on one
// computer moves its register into a PostgreSQL database that its other
// computers then open too, or connects this computer to a register already
// there; it can go back to this computer's own file, and delete the file a
// register was moved from (a copy that erasures made since do not reach).
// After a switch the window starts over on the register it now has.
import { api, isCommandError } from "../api";
import { clear, h } from "../dom";
import type { RegisterPlace } from "../generated/app-types";
import { t } from "../i18n";
import { errorText } from "./errors";
import { recordForm, type RecordForm, type Row } from "./records";

/** The whole window reads the register anew: every screen shows the one it now has. */
function startOver(): void {
  window.location.reload();
}

export async function sharingSection(box: HTMLElement): Promise<void> {
  const place = await api.registerPlace();
  clear(box);
  const status = h("p", { class: "status", role: "status", id: "sharing-status" });
  const shared = place.backend === "postgres";
  box.append(h("p", { id: "sharing-where" }, t(shared ? "ui-sharing-shared" : "ui-sharing-local", { register: place.register })));
  if (place.named_at_start) box.append(h("p", { class: "hint" }, t("ui-sharing-named")));
  box.append(shared ? leaveForm(place, status) : shareForm(status));
  if (place.moved_from) box.append(copyNotice(place.moved_from, box));
  box.append(status);
}

/** This computer's register into a shared database (or this computer onto a register there). */
function shareForm(status: HTMLElement): HTMLElement {
  const url = h("input", { type: "password", autocomplete: "off", spellcheck: false, placeholder: "postgres://user:password@server/database", class: "wide" });
  const rows: Row[] = [{ name: "url", label: "ui-sharing-url", control: url }];
  const connect = h("button", { type: "button", id: "share-connect" }, t("ui-sharing-connect"));
  // One move at a time: both buttons wait while the register is moved or opened.
  const go = (moveHere: boolean, form: RecordForm) => {
    const buttons = Array.from(form.form.querySelectorAll("button"));
    for (const b of buttons) b.disabled = true;
    status.textContent = t(moveHere ? "ui-sharing-moving" : "ui-sharing-connecting");
    void api
      .registerShare(url.value.trim(), moveHere)
      .then(startOver)
      .catch((e: unknown) => {
        for (const b of buttons) b.disabled = false;
        status.textContent = "";
        form.fail(e);
      });
  };
  const move = recordForm("share", rows, "ui-sharing-move", (form) => go(true, form));
  connect.addEventListener("click", () => {
    move.clear();
    go(false, move);
  });
  move.form.querySelector("#share-submit")?.after(connect);
  return h("div", {}, h("p", { class: "hint" }, t("ui-sharing-explain")), move.form);
}

/** Back to this computer's own file; its passphrase is asked for when it is encrypted. */
function leaveForm(place: RegisterPlace, status: HTMLElement): HTMLElement {
  const passphrase = h("input", { type: "password", autocomplete: "current-password", maxlength: 200 });
  const rows: Row[] = [{ name: "passphrase", label: "ui-passphrase-current", control: passphrase }];
  const leave = recordForm("leave", rows, "ui-sharing-leave", (form) => {
    status.textContent = t("ui-sharing-connecting");
    void api
      .registerLeave(passphrase.value || null)
      .then(startOver)
      .catch((e: unknown) => {
        status.textContent = "";
        // An encrypted file: its passphrase is asked for at its field.
        if (isCommandError(e) && (e.code === "register_locked" || e.code === "wrong_passphrase")) {
          askPassphrase(true);
          return form.fail({ ...e, field: "passphrase", message: errorText(e) });
        }
        form.fail(e);
      });
  });
  const askPassphrase = (shown: boolean) => {
    const label = leave.form.querySelector<HTMLElement>(`label[for="${passphrase.id}"]`);
    if (label) label.hidden = !shown;
    if (passphrase.parentElement) passphrase.parentElement.hidden = !shown;
    // Without its one field the form is its button alone, not an empty box.
    leave.form.classList.toggle("bare", !shown);
  };
  askPassphrase(false);
  return h("div", {}, h("p", { class: "hint" }, t("ui-sharing-leave-explain", { file: place.this_computers })), leave.form);
}

/** The file the register was moved from: deleted with a second, explicit click. */
function copyNotice(path: string, box: HTMLElement): HTMLElement {
  const status = h("p", { class: "status", role: "status" });
  const remove = h("button", { type: "button", id: "sharing-delete-copy" }, t("ui-sharing-delete-copy"));
  const notice = h("div", { id: "sharing-copy" }, h("p", { class: "notice" }, t("ui-sharing-copy", { file: path })), remove, status);
  remove.addEventListener("click", () => {
    if (notice.querySelector("#sharing-delete-sure")) return;
    const sure = h("button", { type: "button", class: "danger", id: "sharing-delete-sure" }, t("ui-sharing-delete-sure"));
    sure.addEventListener("click", () =>
      void api
        .registerDeleteCopy()
        .then(() => sharingSection(box))
        .catch((e: unknown) => (status.textContent = errorText(e))),
    );
    remove.after(sure);
  });
  return notice;
}
