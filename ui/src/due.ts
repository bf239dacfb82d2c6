// The count of records past their retention, for the notice on every screen
// but Retention. Counting takes a moment on a large register (0.2 to 0.3 s
// over five million orders, docs/BENCHMARKS.md), so each screen asks for it
// as it starts and waits a short while: on a shop's register the answer comes
// first, and the notice is drawn with the screen. A notice that came or went
// after the screen was drawn would move the page under the user's click.

import { api } from "./api";

/** How long a screen waits for the count before it is drawn with the last one. */
const WAIT_MS = 300;

let last = 0;
/** Whether the last count took longer than the wait: then the next screen does not wait for it. */
let slow = false;

/** The records past their retention when last counted (0 before the first count). */
export function dueCount(): number {
  return last;
}

/** A count made elsewhere (the Retention screen's own, before and after a sweep). */
export function noteDue(total: number): void {
  last = total;
}

/**
 * Counts again. `early` settles when the count is in or the wait is over,
 * whichever comes first; `late` with the count itself (null where it failed:
 * the notice is a courtesy, and the Retention screen shows the same with its
 * errors).
 */
export function countDue(): { early: Promise<void>; late: Promise<number | null> } {
  const started = performance.now();
  const late = api.sweepPreview().then(
    (preview) => {
      last = preview.total;
      slow = performance.now() - started > WAIT_MS;
      return preview.total;
    },
    () => null,
  );
  // A register that takes longer to count than the wait (millions of records)
  // would make every screen wait in vain: there it is drawn at once, with the
  // last count, which seldom changes from one screen to the next.
  const waited = slow ? 0 : WAIT_MS;
  const early = Promise.race([late.then(() => undefined), new Promise<void>((done) => setTimeout(done, waited))]);
  return { early, late };
}
