// The privacy notice (GDPR Art. 13, 14) in Settings: saved for the web shop's
// page and to hand out, in the language chosen beside its buttons; with the
// day it carries (the last change to what it is made from) and, once the
// notice saved last no longer says what the shop does, a word that it is to
// be saved and published again (Art. 12(1), 13(3)).
import { api } from "../api";
import type { Language, NoticeFormat, NoticeState } from "../generated/app-types";
import { h } from "../dom";
import { LANGUAGES, formatDate, language, t } from "../i18n";
import { errorText } from "./errors";

/** The section's heading, hint, state and buttons; what is saved is said in `status`. */
export function privacySection(status: HTMLElement): HTMLElement[] {
  const state = h("p", { class: "hint", id: "privacy-state", role: "status" });
  const show = (): void =>
    void api.privacyNoticeState().then(
      (s) => stateSaid(state, s),
      (e: unknown) => (state.textContent = errorText(e)),
    );
  // The notice's language: the window's at first; a shop that sells abroad publishes one in each.
  const noticeLanguage = h("select", { id: "privacy-language" }, ...LANGUAGES.map((l) => h("option", { value: l, selected: l === language() }, t(`language-${l}`))));
  const save = (format: NoticeFormat) =>
    api
      .privacyNoticeSave(format, noticeLanguage.value as Language)
      .then((path) => {
        if (path) status.textContent = t("ui-report-saved", { path });
        show();
      })
      .catch((e: unknown) => (status.textContent = errorText(e)));
  // Read again as it comes into view, and every few seconds while in view: a
  // setting, a category or a recipient above may have changed since, here or
  // on another computer.
  let inView = false;
  new IntersectionObserver((seen) => {
    const was = inView;
    inView = seen.some((e) => e.isIntersecting);
    if (inView && !was) show();
  }).observe(state);
  const watch = window.setInterval(() => {
    if (!state.isConnected) window.clearInterval(watch);
    else if (inView && !document.hidden) show();
  }, 5000);
  show();
  return [
    h("h2", {}, t("ui-privacy-title")),
    h("p", { class: "hint" }, t("ui-privacy-hint")),
    state,
    h(
      "div",
      { class: "actions" },
      h("label", {}, t("ui-privacy-language"), " ", noticeLanguage),
      ...(["pdf", "html"] as const).map((format) => h("button", { type: "button", id: `privacy-${format}`, onclick: () => void save(format) }, t(`ui-privacy-${format}`))),
    ),
  ];
}

function stateSaid(p: HTMLElement, s: NoticeState): void {
  const changed = formatDate(s.changed_at);
  const saved = s.saved ? { date: formatDate(s.saved.at), who: s.saved.by } : null;
  p.className = s.outdated ? "notice" : "hint";
  if (s.outdated && saved) p.textContent = t("ui-privacy-outdated", { changed, ...saved });
  else p.textContent = [t("ui-privacy-dated", { changed }), saved ? t("ui-privacy-saved", saved) : ""].filter(Boolean).join(" ");
}
