// Retention: what may be deleted on a day, what a legal hold, a restriction or an open request keeps (and the
// holds in force, to lift), the sweeps made with their summaries, what falls
// due in each of the next 24 months, as a bar chart; and the records kept past their end, under what keeps them.
import { api } from "../api";
import { dateField, datesRead } from "../datefield";
import { clear, customerLink, h, table, type OpenCustomer } from "../dom";
import { countDue, noteDue } from "../due";
import type { AppInfo, DueItem, DueView, SweepCount } from "../generated/app-types";
import { formatDate, formatDateTime, language, t } from "../i18n";
import { errorText } from "./errors";
import { holdsSection } from "./holds";
import { saveDocument } from "./save";

const SVG = "http://www.w3.org/2000/svg";

function svg<K extends keyof SVGElementTagNameMap>(tag: K, attrs: Record<string, string | number>, text?: string): SVGElementTagNameMap[K] {
  const el = document.createElementNS(SVG, tag);
  for (const [k, v] of Object.entries(attrs)) el.setAttribute(k, String(v));
  if (text !== undefined) el.textContent = text;
  return el;
}

function chart(report: DueView): SVGSVGElement {
  const W = 760;
  const H = 220;
  const pad = { left: 40, bottom: 38, top: 14 };
  const max = Math.max(1, ...report.forecast.map((m) => m.total));
  const bw = (W - pad.left) / report.forecast.length;
  const root = svg("svg", { viewBox: `0 0 ${W} ${H}`, role: "img", "aria-label": t("ui-retention-chart"), class: "chart", id: "retention-chart" });
  root.append(svg("title", {}, t("ui-retention-chart")));
  const plotH = H - pad.bottom - pad.top;
  for (const frac of max >= 2 ? [0, 0.5, 1] : [0, 1]) {
    const y = pad.top + plotH * (1 - frac);
    root.append(svg("line", { x1: pad.left, x2: W, y1: y, y2: y, class: "grid" }));
    root.append(svg("text", { x: pad.left - 6, y: y + 4, class: "axis", "text-anchor": "end" }, String(Math.round(max * frac))));
  }
  report.forecast.forEach((m, i) => {
    const bh = (m.total / max) * plotH;
    const x = pad.left + i * bw + 3;
    const bar = svg("rect", { x, y: pad.top + plotH - bh, width: bw - 6, height: Math.max(bh, 0), class: "bar" });
    const detail = Object.entries(m.by_entity).map(([k, v]) => `${t(`record-${k}`)} ${v}`).join(", ");
    bar.append(svg("title", {}, `${m.month}: ${m.total}${detail ? ` (${detail})` : ""}`));
    root.append(bar);
    if (i % 3 === 0) root.append(svg("text", { x: x + (bw - 6) / 2, y: H - pad.bottom + 16, class: "axis", "text-anchor": "middle" }, m.month));
  });
  return root;
}

/** Which records a sweep's count is, as its summary says: "dated, with their invoices, on or before 31 December 2018". */
function cutoffText(c: SweepCount): string {
  return c.cutoff && c.dated_by ? t(`sweep-cutoff-${c.dated_by}`, { date: formatDate(c.cutoff) }) : "";
}

/** Today's sweep: what it would delete, a confirmation, progress, and the summary to save. */
async function sweepSection(box: HTMLElement, redraw: () => void): Promise<void> {
  clear(box);
  const status = h("p", { class: "status", role: "status", id: "sweep-status" });
  const [preview, rules] = await Promise.all([api.sweepPreview(), api.retentionRuleTexts(language())]);
  // The next screen's notice starts from this count, not the one before it.
  noteDue(preview.total);
  box.append(h("h2", {}, t("ui-sweep-title")));
  if (preview.total === 0 && preview.resumes == null && preview.audit_entries === 0) {
    box.append(h("p", { id: "sweep-preview" }, t("ui-sweep-nothing")));
    return;
  }
  box.append(
    h("p", { id: "sweep-preview" }, t("ui-sweep-preview", { total: preview.total, held: preview.held })),
    table(
      t("ui-sweep-title"),
      [t("col-kind"), t("col-rule"), t("col-cutoff"), t("col-count")],
      preview.counts.map((c) => [t(`record-${c.entity}`), rules[c.rule] ?? c.rule, cutoffText(c), String(c.records)]),
    ),
  );
  // What keeps the rest past their end, each record under the first that keeps it, as the summary says.
  if (preview.held_by.length > 0) {
    box.append(
      h("p", { id: "sweep-held" }, t("ui-sweep-held")),
      table(
        t("ui-sweep-held"),
        [t("col-kept-by"), t("col-count")],
        preview.held_by.map((k) => [t(`keeper-${k.keeper}`), String(k.records)]),
      ),
    );
  }
  // The trail's oldest entries go with the records of requests (PRODUCT.md section 3).
  if (preview.audit_entries > 0) box.append(h("p", { id: "sweep-audit" }, t("ui-sweep-audit-due", { entries: preview.audit_entries })));
  if (preview.resumes != null) box.append(h("p", { class: "notice" }, t("ui-sweep-resumes", { id: preview.resumes })));
  const actions = h("div", { class: "actions" });
  const start = h("button", { type: "button", id: "sweep-start", class: "danger" }, t("ui-sweep-run"));
  actions.append(start);
  box.append(actions, status);
  start.addEventListener("click", () => {
    clear(actions);
    const yes = h("button", { type: "button", id: "sweep-yes", class: "danger" }, t("ui-sweep-yes"));
    const no = h("button", { type: "button", onclick: () => void sweepSection(box, redraw) }, t("ui-cancel"));
    actions.append(h("span", {}, t("ui-sweep-confirm", { total: preview.total })), " ", yes, no);
    yes.addEventListener("click", () => {
      clear(actions);
      const bar = h("progress", { id: "sweep-progress", max: Math.max(1, preview.total), value: 0 });
      actions.append(bar);
      void api.onProgress((p) => {
        if (p.task === "sweep") bar.value = p.done;
      }).then((stop) =>
        api
          .sweepRun()
          .then((done) => {
            clear(actions);
            countDue();
            // The accounting records of the customers it erased are kept, not deleted: said apart,
            // so that the count deleted is the one the table above promised.
            const kept = done.counts.filter((c) => c.action === "pseudonymised").reduce((n, c) => n + c.records, 0);
            const removed = done.counts.reduce((n, c) => n + c.records, 0) - kept;
            const save = saveDocument(status, "sweep", { sweep: done.run.id });
            actions.append(
              h(
                "span",
                { id: "sweep-done" },
                t("ui-sweep-done", { id: done.run.id, removed }),
                kept > 0 ? ` ${t("ui-sweep-done-kept", { kept })}` : "",
                // The trail's oldest entries went with the records of requests (PRODUCT.md section 3).
                done.run.audit_removed > 0 ? ` ${t("ui-sweep-audit-removed", { entries: done.run.audit_removed })}` : "",
              ),
              " ",
              h("button", { type: "button", id: "sweep-pdf", class: "primary", onclick: save("pdf") }, t("ui-sweep-save-pdf")),
              h("button", { type: "button", id: "sweep-json", onclick: save("json") }, t("ui-sweep-save-json")),
            );
            redraw();
          })
          .catch((e: unknown) => (status.textContent = errorText(e)))
          .finally(stop),
      );
    });
  });
}

/**
 * The sweeps made, the newest first, each with its summary to save again: the
 * shop's proof that it deleted on time (Art. 5(2)). Read when opened, and
 * again after a sweep while open.
 */
function sweepsSection(): { details: HTMLDetailsElement; refresh: () => void } {
  const box = h("div", { id: "sweeps-box" });
  const status = h("p", { class: "status", role: "status", id: "sweeps-status" });
  const details = h("details", { id: "sweeps" }, h("summary", {}, t("ui-sweeps")), h("p", { class: "hint" }, t("ui-sweeps-hint")), box, status);
  const refresh = () => {
    if (!details.open) return;
    void api
      .sweeps()
      .then((sweeps) => {
        clear(box);
        if (sweeps.length === 0) return box.append(h("p", {}, t("ui-sweeps-none")));
        const rows = sweeps.map(({ run, removed, kept }) => {
          const save = saveDocument(status, "sweep", { sweep: run.id });
          const button = (format: "pdf" | "json") =>
            h("button", { type: "button", "aria-label": t("ui-sweeps-save", { id: run.id, format: format.toUpperCase() }), onclick: save(format) }, format.toUpperCase());
          return [
            String(run.id),
            formatDate(run.as_of),
            `${formatDateTime(run.started_at)} (${run.started_by})`,
            t(`sweep-state-${run.state}`),
            String(removed),
            String(kept),
            h("span", { class: "actions" }, button("pdf"), " ", button("json")),
          ];
        });
        const headers = [t("sweep-run"), t("col-sweep-day"), t("sweep-started"), t("sweep-state"), t("col-removed"), t("col-kept-pseudonym"), t("col-sweep-summary")];
        box.append(table(t("ui-sweeps"), headers, rows));
      })
      .catch((e: unknown) => box.replaceChildren(h("p", { class: "error" }, errorText(e))));
  };
  details.addEventListener("toggle", refresh);
  return { details, refresh };
}

/** The columns of a record past its end, the lists due and kept alike. */
const DUE_COLUMNS = ["col-kind", "col-number", "col-customer", "col-kept-until", "col-rule"];

/**
 * A record past its end as its row; its customer a link to their page, where
 * a restriction is lifted, a request answered, a hold put on a record before
 * a sweep takes it.
 */
function dueRow(i: DueItem, rules: Record<string, string>, open: OpenCustomer): Array<string | HTMLElement> {
  const whose = i.customer ? customerLink(i.customer.id, i.customer.number, open) : "";
  return [t(`record-${i.entity}`), i.number ?? String(i.id), whose, formatDate(i.retain_until), rules[i.rule] ?? i.rule];
}

/**
 * The records past their end that the sweep keeps, under what keeps them
 * (each under the first, as the sweep's summary counts them): the owner
 * sees which records a hold, a restriction or an unanswered request holds
 * back, and how many, before they wonder why a sweep left them. Each
 * keeper's list is folded: the counts are what is read first.
 */
function keptSection(report: DueView, rules: Record<string, string>, openCustomer: OpenCustomer): HTMLElement[] {
  if (report.held_by.length === 0) return [];
  const parts: HTMLElement[] = [h("h2", {}, t("ui-retention-kept")), h("p", { class: "hint" }, t("ui-retention-kept-hint"))];
  for (const { keeper, records } of report.held_by) {
    const title = t("ui-retention-kept-by", { keeper: t(`keeper-${keeper}`), count: records });
    const shown = report.kept.filter((i) => i.kept_by === keeper);
    const list = table(
      title,
      DUE_COLUMNS.map((c) => t(c)),
      shown.map((i) => dueRow(i, rules, openCustomer)),
      `kept-${keeper}`,
    );
    const more = records > shown.length ? h("p", { class: "hint" }, t("ui-retention-more", { count: records - shown.length })) : "";
    // What ends this keeper's hold, said of the keepers in force only.
    const ends = h("p", { class: "hint" }, t(`ui-retention-kept-until-${keeper}`));
    parts.push(h("details", { class: "kept", id: `kept-${keeper}` }, h("summary", {}, title), ends, list, more));
  }
  return parts;
}

/** The retention screen; `openCustomer` goes to a kept record's customer on the Register screen. */
export async function retentionView(main: HTMLElement, info: AppInfo, openCustomer: OpenCustomer): Promise<void> {
  const asOf = dateField({ id: "retention-as-of", value: info.today });
  const body = h("div", { id: "retention" });
  const sweepBox = h("section", { id: "sweep", class: "sweep" });
  const holdsBox = h("section", { id: "legal-holds" });
  const sweeps = sweepsSection();
  main.append(h("h1", {}, t("ui-retention-title")), sweepBox, sweeps.details, holdsBox, h("label", { class: "check" }, t("ui-retention-as-of"), " ", asOf), body);

  let draws = 0;
  async function draw(): Promise<void> {
    // A date field changes once per segment typed: only the newest answer is drawn.
    const mine = ++draws;
    try {
      const [report, rules] = await Promise.all([api.retentionView(asOf.value || null), api.retentionRuleTexts(language())]);
      if (mine !== draws) return;
      clear(body);
      const shown = report.first;
      body.append(
        h("p", { id: "retention-summary" }, t("ui-retention-summary", { due: report.total, overdue: report.overdue, held: report.held })),
        ...keptSection(report, rules, openCustomer),
        h("h2", {}, t("ui-retention-chart")),
        chart(report),
        h("h2", {}, t("ui-retention-list")),
        table(
          t("ui-retention-list"),
          DUE_COLUMNS.map((c) => t(c)),
          shown.map((i) => dueRow(i, rules, openCustomer)),
          "retention-due",
        ),
      );
      if (report.total > shown.length) {
        body.append(h("p", { class: "hint" }, t("ui-retention-more", { count: report.total - shown.length })));
      }
    } catch (e) {
      if (mine !== draws) return;
      clear(body);
      body.append(h("p", { class: "error", role: "alert" }, errorText(e)));
    }
  }
  asOf.addEventListener("change", () => datesRead(asOf.parentElement ?? main, (m) => body.replaceChildren(h("p", { class: "error", role: "alert" }, m))) && void draw());
  // After a sweep, the list below and the sweeps made are drawn again.
  const afterSweep = () => {
    void draw();
    sweeps.refresh();
  };
  try {
    await sweepSection(sweepBox, afterSweep);
  } catch (e) {
    sweepBox.append(h("p", { class: "error", role: "alert" }, errorText(e)));
  }
  // A lifted hold changes what the sweep and the list may delete: both are drawn again.
  const afterLift = () => {
    void sweepSection(sweepBox, afterSweep).catch((e: unknown) => sweepBox.append(h("p", { class: "error", role: "alert" }, errorText(e))));
    void draw();
  };
  try {
    await holdsSection(holdsBox, afterLift, openCustomer);
  } catch (e) {
    holdsBox.append(h("p", { class: "error", role: "alert" }, errorText(e)));
  }
  await draw();
}
