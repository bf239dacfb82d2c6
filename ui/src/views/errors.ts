// How a failed command is shown: the translated meaning of its stable code, and
// the core's detail.
import { isCommandError } from "../api";
import { h } from "../dom";
import { t } from "../i18n";

export function errorText(e: unknown): string {
  if (isCommandError(e)) return `${t(`error-${e.code}`)} ${e.message}`;
  return t("error-internal");
}

export function errorBanner(e: unknown): HTMLElement {
  return h("p", { class: "error", role: "alert" }, errorText(e));
}
