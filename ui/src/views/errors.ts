// How a failed command is shown: the translated meaning of its stable code, and
// what went wrong, in the window's language where the core said it as a message
// (technical detail, such as a path or the system's words, stays as it came).
import { isCommandError } from "../api";
import { h } from "../dom";
import type { CommandError, Message } from "../generated/app-types";
import { t } from "../i18n";

/** A message of the core in the window's language. */
export function say(m: Message): string {
  return t(m.key, m.args);
}

/** What went wrong, without the code's sentence: for a message at its field. */
export function detailText(e: CommandError): string {
  return e.detail ? say(e.detail) : e.message;
}

export function errorText(e: unknown): string {
  if (isCommandError(e)) return `${t(`error-${e.code}`)} ${detailText(e)}`;
  return t("error-internal");
}

export function errorBanner(e: unknown): HTMLElement {
  return h("p", { class: "error", role: "alert" }, errorText(e));
}

/**
 * Shows a failure at each field it names with `show` (the first field last,
 * so that it has the focus); false when `show` has not the first one, for the
 * caller to say that one where it says what has no field.
 */
export function showEach(err: unknown, show: (field: string, message: string) => boolean): boolean {
  if (!isCommandError(err) || !err.field) return false;
  // A failure the page makes itself (two passphrases that differ) names one field, without `also`.
  for (const other of [...(err.also ?? [])].reverse()) show(other.field, say(other.detail));
  return show(err.field, detailText(err));
}

/**
 * Shows a failure at each field it names in `form`, whose notes are
 * `#${prefix}-${field}-note` beside controls `#${prefix}-${field}`; false when
 * the first field has no note there. Notes and marks of a submit before go first.
 */
export function showAtNotes(form: HTMLElement, prefix: string, err: unknown): boolean {
  for (const note of Array.from(form.querySelectorAll(".invalid-note"))) note.textContent = "";
  for (const marked of Array.from(form.querySelectorAll("[aria-invalid]"))) marked.removeAttribute("aria-invalid");
  return showEach(err, (field, message) => {
    const note = form.querySelector(`#${prefix}-${field}-note`);
    if (!note) return false;
    note.textContent = message;
    const control = form.querySelector<HTMLElement>(`#${prefix}-${field}`);
    control?.setAttribute("aria-invalid", "true");
    control?.focus();
    return true;
  });
}

/** A failure the page finds itself, before asking the core (a date left empty), at `field`. */
export function pageError(field: string, message: string): CommandError {
  return { code: "invalid", message, detail: null, field, also: [] };
}

