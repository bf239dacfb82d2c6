// The shop's clock. Times are stored in UTC; the window shows them, offers
// "now" and "today", and reads what is typed into a time field on the clock of
// the shop's country (PRODUCT.md section 3), as the documents and the command
// line do, whatever zone this computer is set to. A laptop on another zone's
// time would otherwise show a call noted at 10:00 as 16:00, and default a
// field to a day the shop has not reached yet.
import { pad } from "./dates";

/** A moment on a clock, to the minute. */
interface Wall {
  year: number;
  month: number;
  day: number;
  hour: number;
  minute: number;
}

let reader: Intl.DateTimeFormat | null = null;

/** The shop's time zone (IANA, from the app's settings). */
export function setTimeZone(tz: string): void {
  try {
    reader = new Intl.DateTimeFormat("en-GB", {
      timeZone: tz,
      year: "numeric",
      month: "2-digit",
      day: "2-digit",
      hour: "2-digit",
      minute: "2-digit",
      hourCycle: "h23",
    });
  } catch {
    // A zone this web view does not know: this computer's clock, as before the settings were read.
    reader = null;
  }
}

/** What the shop's clock shows at `at` (this computer's clock while no zone is known). */
export function wallClock(at: Date): Wall {
  if (!reader) {
    return { year: at.getFullYear(), month: at.getMonth() + 1, day: at.getDate(), hour: at.getHours(), minute: at.getMinutes() };
  }
  const parts = reader.formatToParts(at);
  const part = (type: Intl.DateTimeFormatPartTypes) => Number(parts.find((p) => p.type === type)?.value ?? NaN);
  return { year: part("year"), month: part("month"), day: part("day"), hour: part("hour") % 24, minute: part("minute") };
}


/** "YYYY-MM-DD" of a wall-clock moment. */
export function wallDate(w: Wall): string {
  return `${pad(w.year, 4)}-${pad(w.month)}-${pad(w.day)}`;
}

/** Now on the shop's clock, as a datetime-local field writes it: "YYYY-MM-DDTHH:MM". */
export function shopNow(): string {
  const w = wallClock(new Date());
  return `${wallDate(w)}T${pad(w.hour)}:${pad(w.minute)}`;
}

/** Today on the shop's clock, as a date field writes it: "YYYY-MM-DD". */
export function shopToday(): string {
  return wallDate(wallClock(new Date()));
}

/** How far the shop's clock is ahead of UTC at the moment `t` (ms since the epoch, whole minutes). */
function offsetAt(t: number): number {
  const w = wallClock(new Date(t));
  return Date.UTC(w.year, w.month - 1, w.day, w.hour, w.minute) - t;
}

/**
 * A datetime-local value, read on the shop's clock, as UTC ("…Z"); null when
 * empty or unreadable. As the command line reads a time (the core's
 * `import::values::moment`): in the autumn's repeated hour the first of the
 * two moments, and a time the clocks skip in spring an hour later.
 */
export function toUtc(local: string): string | null {
  const m = /^(\d{4})-(\d{2})-(\d{2})[T ](\d{2}):(\d{2})/.exec(local.trim());
  if (!m) return null;
  const [year, month, day, hour, minute] = m.slice(1).map(Number) as [number, number, number, number, number];
  const asUtc = Date.UTC(year, month - 1, day, hour, minute);
  if (Number.isNaN(asUtc)) return null;
  for (const wall of [asUtc, asUtc + 3600e3]) {
    // The offsets in force a day either side cover any one change of the clocks.
    const offsets = new Set([offsetAt(wall - 86400e3), offsetAt(wall), offsetAt(wall + 86400e3)]);
    const moments = [...offsets].map((o) => wall - o).filter((t) => offsetAt(t) === wall - t);
    if (moments.length > 0) return new Date(Math.min(...moments)).toISOString();
  }
  return null;
}
