// Retention: what may be deleted on a day, what a legal hold keeps, and what
// falls due in each of the next 24 months, as a bar chart.
import { api } from "../api";
import { clear, h, table } from "../dom";
import type { AppInfo, DueReport } from "../generated/app-types";
import { formatDate, t } from "../i18n";
import { errorText } from "./errors";

const SVG = "http://www.w3.org/2000/svg";

function svg<K extends keyof SVGElementTagNameMap>(tag: K, attrs: Record<string, string | number>, text?: string): SVGElementTagNameMap[K] {
  const el = document.createElementNS(SVG, tag);
  for (const [k, v] of Object.entries(attrs)) el.setAttribute(k, String(v));
  if (text !== undefined) el.textContent = text;
  return el;
}

function chart(report: DueReport): SVGSVGElement {
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

export async function retentionView(main: HTMLElement, info: AppInfo): Promise<void> {
  const asOf = h("input", { id: "retention-as-of", type: "date", value: info.today });
  const body = h("div", { id: "retention" });
  main.append(h("h1", {}, t("ui-retention-title")), h("label", { class: "check" }, t("ui-retention-as-of"), " ", asOf), body);

  let draws = 0;
  async function draw(): Promise<void> {
    // A date field changes once per segment typed: only the newest answer is drawn.
    const mine = ++draws;
    try {
      const report = await api.retentionDue(asOf.value || null);
      if (mine !== draws) return;
      clear(body);
      const shown = report.items.slice(0, 200);
      body.append(
        h("p", { id: "retention-summary" }, t("ui-retention-summary", { due: report.items.length, overdue: report.overdue, held: report.held.length })),
        h("h2", {}, t("ui-retention-chart")),
        chart(report),
        h("h2", {}, t("ui-retention-list")),
        table(
          t("ui-retention-list"),
          [t("col-kind"), t("col-number"), t("col-kept-until"), t("col-law")],
          shown.map((i) => [t(`record-${i.entity}`), i.number ?? String(i.id), formatDate(i.retain_until), i.rule]),
        ),
      );
      if (report.items.length > shown.length) {
        body.append(h("p", { class: "hint" }, t("ui-retention-more", { count: report.items.length - shown.length })));
      }
    } catch (e) {
      if (mine !== draws) return;
      clear(body);
      body.append(h("p", { class: "error", role: "alert" }, errorText(e)));
    }
  }
  asOf.addEventListener("change", () => void draw());
  await draw();
}
