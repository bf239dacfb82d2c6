// What the window's date and time fields read (ui/src/dates.ts), form by
// form: `npm test` builds the module with esbuild and runs this file with
// node's own test runner. The fields themselves are tested in the real
// window (tests/e2e/app_test.py).
import assert from "node:assert/strict";
import { test } from "node:test";

import { readDate, readMoment } from "../dist-test/dates.mjs";

/** Each text read by `read` as what is beside it (null: refused). */
function reads(read, cases) {
  for (const [text, want] of cases) assert.equal(read(text), want, text);
}

test("a day written year first, as ISO 8601 writes it, with any of its separators or none", () => {
  reads(readDate, [
    ["2026-12-07", "2026-12-07"],
    ["  2026-12-07 ", "2026-12-07"],
    ["2026-2-9", "2026-02-09"],
    ["2026.12.07", "2026-12-07"],
    ["2026/12/07", "2026-12-07"],
    ["20261207", "2026-12-07"],
  ]);
});

test("a day written day first, as the Nordic countries and Britain write it, never month first", () => {
  reads(readDate, [
    ["7.12.2026", "2026-12-07"],
    ["07.12.2026", "2026-12-07"],
    ["12/10/2026", "2026-10-12"],
    ["12/10/26", "2026-10-12"],
    ["7-12-2026", "2026-12-07"],
    ["7 12 2026", "2026-12-07"],
    ["31.1.2026", "2026-01-31"],
  ]);
});

test("what names no day is not read as one", () => {
  reads(
    readDate,
    [
      "",
      "31.02.2026", // no 31 February
      "29.02.2025", // 2025 is no leap year
      "2026-13-01",
      "2026-00-10",
      "32.12.2025",
      "12/31/2026", // month first: a 31st month
      "7.12-2026", // separators that differ
      "2026127", // seven digits: either end could be first
      "261207",
      "1.1.1899", // before the years the core reads
      "1.1.2201",
      "7 December 2026",
      "tomorrow",
    ].map((text) => [text, null]),
  );
  reads(readDate, [["29.02.2028", "2028-02-29"]]);
});

test("a day and a time on the 24-hour clock, with a colon or a point", () => {
  reads(readMoment, [
    ["2026-12-07 14:30", "2026-12-07T14:30"],
    ["2026-12-07T14:30", "2026-12-07T14:30"],
    ["2026-12-07 14:30:59", "2026-12-07T14:30"],
    ["7.12.2026 9.05", "2026-12-07T09:05"],
    ["7/12/26  0:00", "2026-12-07T00:00"],
    ["20261207 23:59", "2026-12-07T23:59"],
  ]);
  reads(readMoment, ["2026-12-07", "2026-12-07 24:00", "2026-12-07 10:60", "2026-12-07 10", "31.02.2026 10:00", "10:00"].map((text) => [text, null]));
});
