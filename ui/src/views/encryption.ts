// Encryption at rest on the settings screen (GDPR Art. 32(1)(a)): a shop
// owner encrypts the register file, changes its passphrase or stores it plain
// again without the command line. The file is rewritten in place and the
// window goes on with it; from the next start on, the window asks for the
// passphrase. Changing or removing it takes the passphrase it has now.
import { api } from "../api";
import { clear, h } from "../dom";
import { t } from "../i18n";
import { pageError } from "./errors";
import { recordForm, type RecordForm, type Row } from "./records";

/** A passphrase field; read untrimmed (a space is part of a passphrase), unlike the form's other values. */
function secret(name: string, label: string, autocomplete: string): Row & { control: HTMLInputElement } {
  return { name, label, control: h("input", { type: "password", autocomplete, maxlength: 200 }) };
}

export async function encryptionSection(box: HTMLElement, message = ""): Promise<void> {
  const info = await api.appInfo();
  clear(box);
  const done = h("p", { class: "status", role: "status", id: "encryption-status" }, message);
  if (info.backend === "postgres") {
    box.append(h("p", { id: "encryption-intro" }, t("ui-encryption-postgres")));
    return;
  }
  const change = (form: RecordForm, current: string | null, next: string | null, after: string) =>
    void api
      .registerPassphrase(current, next)
      .then(() => encryptionSection(box, t(after)))
      .catch((e: unknown) => form.fail(e));
  const fresh = secret("passphrase", "ui-passphrase-new", "new-password");
  const repeat = secret("repeat", "ui-passphrase-repeat", "new-password");
  // The two entries must agree before anything is rewritten.
  const agreed = (form: RecordForm): boolean => {
    if (fresh.control.value === repeat.control.value) return true;
    form.fail(pageError("repeat", t("ui-passphrase-differ")));
    return false;
  };
  if (!info.encrypted) {
    const f = recordForm("encrypt", [fresh, repeat], "ui-encrypt", (form) => {
      if (agreed(form)) change(form, null, fresh.control.value, "ui-encrypted-now");
    });
    box.append(h("p", { id: "encryption-intro" }, t("ui-encryption-off")), h("p", { class: "hint" }, t("ui-encryption-keep")), f.form, done);
    return;
  }
  const now = secret("current", "ui-passphrase-current", "current-password");
  const rekey = recordForm("rekey", [now, fresh, repeat], "ui-passphrase-change", (form) => {
    if (agreed(form)) change(form, now.control.value, fresh.control.value, "ui-passphrase-changed");
  });
  // Storing it plain takes the passphrase and a second, explicit click.
  const nowPlain = secret("current", "ui-passphrase-current", "current-password");
  const plain = recordForm("decrypt", [nowPlain], "ui-decrypt", (form) => {
    if (form.form.querySelector("#decrypt-sure")) return;
    const sure = h("button", { type: "button", class: "danger", id: "decrypt-sure" }, t("ui-decrypt-sure"));
    sure.addEventListener("click", () => change(form, nowPlain.control.value, null, "ui-decrypted-now"));
    form.form.append(h("span"), h("div", {}, h("p", { class: "notice" }, t("ui-decrypt-warning")), sure));
  });
  box.append(h("p", { id: "encryption-intro" }, t("ui-encryption-on")), h("h3", {}, t("ui-passphrase-change")), rekey.form, h("h3", {}, t("ui-decrypt")), plain.form, done);
}
