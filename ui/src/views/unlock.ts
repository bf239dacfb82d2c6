// The passphrase prompt of an encrypted register: shown instead of every
// screen until the register opens.
import { api, isCommandError } from "../api";
import { h } from "../dom";
import { t } from "../i18n";
import { errorText } from "./errors";

export function unlockView(root: HTMLElement, location: string, done: () => void): void {
  const input = h("input", {
    id: "unlock-passphrase",
    type: "password",
    autocomplete: "current-password",
    required: true,
    "aria-describedby": "unlock-help",
  }) as HTMLInputElement;
  const status = h("p", { id: "unlock-status", class: "error", role: "alert" });
  const button = h("button", { id: "unlock-open", type: "submit", class: "primary" }, t("ui-unlock-open"));
  const form = h(
    "form",
    { class: "welcome unlock", id: "unlock" },
    h("h1", {}, t("ui-unlock-title")),
    h("p", { id: "unlock-help" }, t("ui-unlock-text", { location })),
    h("label", {}, t("ui-unlock-passphrase"), input),
    h("div", { class: "actions" }, button),
    status,
  ) as HTMLFormElement;
  form.addEventListener("submit", async (e) => {
    e.preventDefault();
    button.disabled = true;
    status.textContent = "";
    try {
      await api.registerUnlock(input.value);
      input.value = "";
      done();
    } catch (err) {
      // A wrong passphrase needs no detail beyond its translation.
      status.textContent = isCommandError(err) && err.code === "wrong_passphrase" ? t("error-wrong_passphrase") : errorText(err);
      input.select();
    } finally {
      button.disabled = false;
    }
  });
  root.append(h("main", { id: "main" }, form));
  input.focus();
}
