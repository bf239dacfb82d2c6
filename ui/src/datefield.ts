// The window's own date and time fields. The platform's <input type="date">
// is drawn in the order of the computer's locale, not the window's language:
// WebKitGTK under an English or unset locale shows 12/10/2026 for 10 December,
// which a Nordic shop reads as 12 October, and it has no calendar to pick
// from. These fields show a day as ISO 8601 writes it (2026-12-10, the
// Swedish standard and unambiguous in all three languages), read the
// day-first forms people type (10.12.2026, 10/12/26, 20261210), and open a
// month calendar in the window's language. Their `value` is always the ISO
// text once read, so the forms send the core what it reads.
import { shopNow, shopToday } from "./clock";
import { pad, readDate, readMoment } from "./dates";
import { h } from "./dom";
import { formatDate, t } from "./i18n";

type Kind = "date" | "moment";

/** How a field of `kind` shows what it read. */
function shown(kind: Kind, read: string): string {
  return kind === "moment" ? read.replace("T", " ") : read;
}

/** The day a field's text begins with (a time field's day), if it names one. */
function dayIn(text: string): string | null {
  return readDate(text.trim().split(/\s+|T/)[0] ?? "");
}

/** The field's text read and written back in its own form; false when it is neither empty nor readable. */
function settle(input: HTMLInputElement): boolean {
  const kind = input.dataset.kind as Kind;
  if (!input.value.trim()) {
    input.value = "";
    return true;
  }
  const read = kind === "moment" ? readMoment(input.value) : readDate(input.value);
  if (read === null) return false;
  input.value = shown(kind, read);
  return true;
}

/**
 * The date and time fields under `root` read, each written in its own form;
 * the first that holds something it cannot read, with the message to show
 * at it, or null when every one is read.
 */
export function unreadDate(root: ParentNode): { field: HTMLInputElement; message: string } | null {
  for (const field of Array.from(root.querySelectorAll<HTMLInputElement>("input.date-field"))) {
    if (settle(field)) continue;
    const moment = field.dataset.kind === "moment";
    const example = moment ? shown("moment", shopNow()) : shopToday();
    return { field, message: t("ui-date-unreadable", { format: t(moment ? "ui-moment-format" : "ui-date-format"), example }) };
  }
  return null;
}

interface Options {
  id?: string;
  /** "YYYY-MM-DD" (a date field) or "YYYY-MM-DDTHH:MM" (a time field). */
  value?: string | null;
  /** The last day the calendar offers ("YYYY-MM-DD"). */
  max?: string;
  /** Marked as needing a value (the forms check it themselves: they are `novalidate`). */
  required?: boolean;
}

function field(kind: Kind, o: Options): HTMLInputElement {
  const input = h("input", {
    id: o.id,
    type: "text",
    class: "date-field",
    "data-kind": kind,
    "data-max": o.max,
    required: o.required,
    value: o.value ? shown(kind, o.value) : "",
    placeholder: t(kind === "moment" ? "ui-moment-format" : "ui-date-format"),
    autocomplete: "off",
    spellcheck: "false",
    "aria-haspopup": "dialog",
  });
  input.addEventListener("change", () => void settle(input));
  input.addEventListener("click", () => openCalendar(input));
  // The calendar open beneath follows a day typed.
  input.addEventListener("input", () => {
    const typed = dayIn(input.value);
    if (typed && open?.input === input) open.show(typed);
  });
  // Left by the keyboard for another field, the calendar goes (a click elsewhere is `away`'s).
  input.addEventListener("focusout", (e) => {
    const next = e.relatedTarget;
    if (open?.input === input && next instanceof Node && !open.pop.contains(next)) closeCalendar();
  });
  input.addEventListener("keydown", (e) => {
    if ((e.altKey && e.key === "ArrowDown") || e.key === "F4") {
      e.preventDefault();
      openCalendar(input, true);
    } else if (e.key === "Escape" && open?.input === input) {
      e.preventDefault();
      closeCalendar();
    }
  });
  return input;
}

/** A field for a day, "YYYY-MM-DD". */
export function dateField(o: Options = {}): HTMLInputElement {
  return field("date", o);
}

/** A field for a day and a time on the shop's clock, "YYYY-MM-DD HH:MM"; `readMoment` gives its value for `toUtc`. */
export function momentField(o: Options = {}): HTMLInputElement {
  return field("moment", o);
}

// The one calendar open, under its field.
let open: {
  input: HTMLInputElement;
  pop: HTMLElement;
  away: (e: Event) => void;
  /** Draws the month of `day` with it chosen (the day chosen so far without one); `focus` puts the keyboard on it. */
  show: (day?: string, focus?: boolean) => void;
} | null = null;

function closeCalendar(): void {
  if (!open) return;
  document.removeEventListener("mousedown", open.away, true);
  open.pop.remove();
  open = null;
}

/** The day `iso` moved by `days`. */
function shift(iso: string, days: number): string {
  const [y, m, d] = iso.split("-").map(Number) as [number, number, number];
  return new Date(Date.UTC(y, m - 1, d + days)).toISOString().slice(0, 10);
}

/** The calendar of the month of the field's day (of today when it has none), beneath the field; `focus` puts the keyboard in it. */
function openCalendar(input: HTMLInputElement, focus = false): void {
  if (open?.input === input) {
    if (focus) open.show(undefined, true);
    return;
  }
  closeCalendar();
  const max = input.dataset.max ?? null;
  const today = shopToday();
  let chosen = dayIn(input.value) ?? (max && max < today ? max : today);
  let shownMonth = chosen.slice(0, 7);
  const pop = h("div", { class: "calendar", role: "dialog", "aria-label": t("ui-calendar") });

  const pick = (iso: string) => {
    const kind = input.dataset.kind as Kind;
    // A time field keeps its time of day; a new one takes the time now.
    const time = kind === "moment" ? (readMoment(input.value) ?? shopNow()).slice(11, 16) : "";
    // Closed first: the field's input event would draw it again for the day picked.
    closeCalendar();
    input.value = kind === "moment" ? `${iso} ${time}` : iso;
    input.dispatchEvent(new Event("input", { bubbles: true }));
    input.dispatchEvent(new Event("change", { bubbles: true }));
    input.focus();
  };

  const draw = (focusDay: boolean) => {
    const [year, month] = shownMonth.split("-").map(Number) as [number, number];
    const move = (by: number) => {
      const at = new Date(Date.UTC(year, month - 1 + by, 1));
      shownMonth = `${at.getUTCFullYear()}-${pad(at.getUTCMonth() + 1)}`;
      draw(false);
    };
    // Weeks begin on Monday in the Nordic countries and in ISO 8601.
    const lead = (new Date(Date.UTC(year, month - 1, 1)).getUTCDay() + 6) % 7;
    const length = new Date(Date.UTC(year, month, 0)).getUTCDate();
    const cells: HTMLElement[] = [];
    for (let i = 0; i < lead; i++) cells.push(h("span"));
    for (let d = 1; d <= length; d++) {
      const iso = `${shownMonth}-${pad(d)}`;
      const classes = [iso === today ? "today" : "", iso === chosen ? "chosen" : ""].filter(Boolean).join(" ");
      cells.push(
        h("button", {
          type: "button",
          class: classes || null,
          "data-date": iso,
          disabled: max !== null && iso > max,
          "aria-pressed": iso === chosen ? "true" : "false",
          "aria-label": formatDate(iso),
          tabindex: iso === chosen ? "0" : "-1",
          onclick: () => pick(iso),
        }, String(d)),
      );
    }
    pop.replaceChildren(
      h(
        "div",
        { class: "calendar-head" },
        h("button", { type: "button", class: "plain", "aria-label": t("ui-calendar-previous"), onclick: () => move(-1) }, "‹"),
        h("span", { "aria-live": "polite" }, `${t(`ui-month-${month}`)} ${year}`),
        h("button", { type: "button", class: "plain", "aria-label": t("ui-calendar-next"), onclick: () => move(1) }, "›"),
      ),
      h("div", { class: "calendar-days", role: "group" }, ...[1, 2, 3, 4, 5, 6, 7].map((w) => h("span", { class: "weekday" }, t(`ui-weekday-${w}`))), ...cells),
    );
    if (focusDay) pop.querySelector<HTMLButtonElement>(`button[data-date="${chosen}"]`)?.focus();
  };
  // The month of `day`, with it chosen (the day chosen so far without one).
  const show = (day?: string, focus = false) => {
    if (day) {
      chosen = day;
      shownMonth = day.slice(0, 7);
    }
    draw(focus);
  };

  // The arrow keys walk the days, into the next or last month as they pass its edge.
  pop.addEventListener("keydown", (e) => {
    const steps: Record<string, number> = { ArrowLeft: -1, ArrowRight: 1, ArrowUp: -7, ArrowDown: 7 };
    if (e.key === "Escape") {
      e.preventDefault();
      closeCalendar();
      input.focus();
    } else if (e.key in steps && e.target instanceof HTMLButtonElement && e.target.dataset.date) {
      e.preventDefault();
      // Not past the last day the field takes: the keyboard would be left on no day.
      const next = shift(e.target.dataset.date, steps[e.key]!);
      show(max !== null && next > max ? max : next, true);
    }
  });
  const away = (e: Event) => {
    if (e.target instanceof Node && (pop.contains(e.target) || e.target === input)) return;
    closeCalendar();
  };
  document.addEventListener("mousedown", away, true);
  // A click in the calendar leaves the keyboard in the field (WebKit on macOS never gives a clicked button focus).
  pop.addEventListener("mousedown", (e) => e.preventDefault());
  pop.addEventListener("focusout", (e) => {
    const next = e.relatedTarget;
    if (next instanceof Node && (pop.contains(next) || next === input)) return;
    if (next) closeCalendar();
  });
  open = { input, pop, away, show };
  // Beneath the field and the note under it (which may say why what it holds is no day),
  // over what follows them: the form does not move.
  const holder = input.parentElement;
  if (holder && getComputedStyle(holder).position === "static") holder.style.position = "relative";
  const below = holder ? holder.offsetHeight : input.offsetTop + input.offsetHeight;
  input.after(pop);
  pop.style.top = `${below + 2}px`;
  pop.style.left = `${input.offsetLeft}px`;
  show(undefined, focus);
}

/**
 * True when every date and time field under `root` is read; otherwise the
 * first that is not is marked and focused and `say` is given the reason, for
 * the screens whose fields have no note of their own beneath them.
 */
export function datesRead(root: ParentNode, say: (message: string) => void): boolean {
  const unread = unreadDate(root);
  if (!unread) return true;
  unread.field.setAttribute("aria-invalid", "true");
  unread.field.focus();
  say(unread.message);
  return false;
}
