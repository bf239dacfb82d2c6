// Saving a document where the user chooses (the native save dialog, opened by
// the backend), with where it went, or why not, said in the screen's status line.
import { api, type DocumentIds } from "../api";
import type { DocumentKind, Format, Language } from "../generated/app-types";
import { t } from "../i18n";
import { errorText } from "./errors";

/**
 * A button's action for each format: `kind`'s document of `ids`, saved, and
 * said in `status`. `ids` may be found when the button is pressed (from what
 * a form holds); why they could not be is said in `status` too.
 */
export function saveDocument(
  status: HTMLElement,
  kind: DocumentKind,
  ids: DocumentIds | (() => Promise<DocumentIds>),
  language: () => Language | null = () => null,
): (format: Format) => () => void {
  return (format) => () =>
    void Promise.resolve(typeof ids === "function" ? ids() : ids)
      .then((found) => api.documentSave(kind, found, format, language()))
      .then((path) => {
        if (path) status.textContent = t("ui-report-saved", { path });
      })
      .catch((e: unknown) => (status.textContent = errorText(e)));
}
