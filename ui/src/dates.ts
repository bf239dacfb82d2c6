// Days and times as people type them, read into the ISO forms the core
// reads. Apart from the window (no DOM, no translations), so that node's test
// runner reads every form there is (ui/tests, `npm test`).

export const pad = (n: number, width = 2) => String(n).padStart(width, "0");

/** "YYYY-MM-DD" of a day that exists, in the years the core reads (its `import::values::date`); null otherwise. */
function day(year: number, month: number, date: number): string | null {
  if (year < 1900 || year > 2200) return null;
  const at = new Date(Date.UTC(year, month - 1, date));
  if (at.getUTCFullYear() !== year || at.getUTCMonth() !== month - 1 || at.getUTCDate() !== date) return null;
  return `${pad(year, 4)}-${pad(month)}-${pad(date)}`;
}

/**
 * The day `text` names as "YYYY-MM-DD"; null when it names none. Year first
 * as ISO writes it (2026-12-10, 2026.12.10, 20261210), otherwise day first as
 * the Nordic countries and Britain write it (10.12.2026, 10/12/2026, 10-12-26;
 * a two-digit year is of this century). Never month first: 12/10 is October.
 */
export function readDate(text: string): string | null {
  const s = text.trim();
  const iso = /^(\d{4})([-./])(\d{1,2})\2(\d{1,2})$/.exec(s) ?? /^(\d{4})()(\d{2})(\d{2})$/.exec(s);
  if (iso) return day(Number(iso[1]), Number(iso[3]), Number(iso[4]));
  const local = /^(\d{1,2})([-./ ])(\d{1,2})\2(\d{2}|\d{4})$/.exec(s);
  if (!local) return null;
  const year = Number(local[4]);
  return day(local[4]!.length === 2 ? 2000 + year : year, Number(local[3]), Number(local[1]));
}

/**
 * A day and a time of day, "YYYY-MM-DDTHH:MM" (as `toUtc` reads it); null when
 * `text` is not one. The day as `readDate` reads it, the time on the 24-hour
 * clock with ":" or "." (10:30, 10.30).
 */
export function readMoment(text: string): string | null {
  const m = /^(.+?)(?:\s+|T)(\d{1,2})[:.](\d{2})(?::\d{2})?$/.exec(text.trim());
  if (!m) return null;
  const date = readDate(m[1]!);
  const [hour, minute] = [Number(m[2]), Number(m[3])];
  if (!date || hour > 23 || minute > 59) return null;
  return `${date}T${pad(hour)}:${pad(minute)}`;
}
