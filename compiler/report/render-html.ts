/**
 * The report model as one self-contained HTML page: text and tables rendered here (every data string
 * escaped), charts drawn in the browser by Chart.js, whose minified UMD build is inlined (`library`:
 * its text, read by the CLI). The page loads nothing: a Content-Security-Policy allows no network and
 * only the page's own two scripts (by their SHA-256), so no cell text can run as script. Pure.
 *
 *   renderHtml(model, chartJsText)   // "<!doctype html><html lang=\"en\">…"
 */
import { createHash } from "node:crypto";
import { escapeHtml as h, inlineScript, scriptJson } from "./html-text.js";
import type { Chart, CheckLine, ColumnReport, Heatmap, ReportModel, TableReport, Verdict } from "./model.js";
import { g } from "./tests.js";

/** A chart as the browser script draws it. */
interface ChartSpec {
  readonly labels: readonly string[];
  readonly counts: readonly number[];
  readonly expected?: readonly number[];
  readonly title: string;
  /** Separate values (categories, whole numbers): the declared counts as marks, not a curve. */
  readonly bars: boolean;
}

export function renderHtml(model: ReportModel, library: string): string {
  const specs: ChartSpec[] = [];
  const body = [
    `<header><h1>${h(model.title)}</h1>`,
    `<p class="meta">${model.kind === "report" ? `schema <code>${h(model.source)}</code>, ` : ""}data <code>${h(model.data)}</code>; made by ${h(model.generator)}</p>`,
    `<p class="counts">${(["pass", "warn", "fail", "info"] as Verdict[]).map((v) => `<span class="v ${v}">${model.counts[v]} ${v}</span>`).join(" ")}</p>`,
    `</header>`,
    model.problems.length > 0
      ? `<section class="problems"><h2>Problems reading the data</h2><ul>${model.problems.map((p) => `<li><pre>${h(p)}</pre></li>`).join("")}</ul></section>`
      : "",
    `<nav><ul>${model.tables.map((t, i) => `<li><a href="#t${i}">${h(t.name)}</a> (${t.rows} rows)</li>`).join("")}</ul></nav>`,
    ...model.tables.map((t, i) => tableSection(t, i, specs)),
  ].join("\n");
  const lib = inlineScript(library.replace(/\n\/\/# sourceMappingURL=\S*\s*$/, "\n"));
  const client = inlineScript(CLIENT);
  const hashes = [lib, client].map((s) => `'sha256-${createHash("sha256").update(s, "utf8").digest("base64")}'`);
  const csp = `default-src 'none'; script-src ${hashes.join(" ")}; style-src 'unsafe-inline'; img-src data:`;
  return `<!doctype html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta http-equiv="Content-Security-Policy" content="${csp}">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>${h(model.title)}</title>
<style>${STYLE}</style>
</head>
<body data-kind="${model.kind}">
${body}
<script type="application/json" id="dgen-charts">${scriptJson(specs)}</script>
<script type="application/json" id="dgen-model">${scriptJson(model)}</script>
<script>${lib}</script>
<script>${client}</script>
</body>
</html>
`;
}

function tableSection(t: TableReport, i: number, specs: ChartSpec[]): string {
  return [
    `<section class="table" id="t${i}">`,
    `<h2>${h(t.name)} <small>${t.rows} rows${t.files.length ? ` · ${t.files.map((f) => h(f)).join(", ")}` : ""}</small></h2>`,
    lines(t.checks),
    t.notes.length ? `<ul class="notes">${t.notes.map((n) => `<li>${h(n)}</li>`).join("")}</ul>` : "",
    t.heatmaps.map(heatmap).join("\n"),
    `<div class="columns">`,
    ...t.columns.map((c) => columnCard(t, c, specs)),
    `</div>`,
    `</section>`,
  ].join("\n");
}

function lines(checks: readonly CheckLine[]): string {
  if (checks.length === 0) return "";
  const rows = checks.map(
    (l) =>
      `<tr class="${l.verdict}"><td>${h(l.what)}</td><td>${h(l.test)}</td><td>${h(l.declared ?? "")}</td><td>${h(l.measured)}</td><td><span class="v ${l.verdict}">${l.verdict}</span></td></tr>`,
  );
  return `<table class="checks"><thead><tr><th>check</th><th>test</th><th>declared</th><th>measured</th><th>verdict</th></tr></thead><tbody>${rows.join("")}</tbody></table>`;
}

function columnCard(t: TableReport, c: ColumnReport, specs: ChartSpec[]): string {
  const facts = [
    `${c.cells} cells`,
    `${c.nulls} null (${c.cells ? g((100 * c.nulls) / c.cells, 3) : 0}%)`,
    ...(c.unreadable ? [`${c.unreadable} unreadable`] : []),
    `${c.distinctCapped ? "≥ " : ""}${c.distinct} distinct`,
  ];
  const s = c.summary;
  const show = (x: number) => valueText(x, c.unit ?? "number");
  const stats = s
    ? `<p class="stats">min ${h(show(s.min))} · q1 ${h(show(s.q1))} · median ${h(show(s.median))} · q3 ${h(show(s.q3))} · max ${h(show(s.max))} · mean ${h(show(s.mean))}${c.unit === "number" || !c.unit ? ` · sd ${h(g(s.sd))}` : ""}</p>`
    : "";
  let canvas = "";
  if (c.chart) {
    const spec = chartSpec(c.chart, `${t.name}.${c.name}`);
    canvas = `<canvas data-chart="${specs.length}" width="460" height="220" aria-label="${h(`chart of ${t.name}.${c.name}`)}"></canvas>`;
    specs.push(spec);
  }
  return [
    `<article class="column">`,
    `<h3>${h(c.name)} <small>${h(c.type)}</small></h3>`,
    c.declared ? `<p class="declared">declared: <code>${h(c.declared)}</code></p>` : "",
    `<p class="facts">${facts.map((f) => h(f)).join(" · ")}</p>`,
    stats,
    canvas,
    lines(c.checks),
    `</article>`,
  ].join("\n");
}

function chartSpec(chart: Chart, title: string): ChartSpec {
  if (chart.kind === "bars")
    return {
      title,
      bars: true,
      // a long text would push the chart aside: labels are cut (the model keeps them whole)
      labels: chart.labels.map((l) => ([...l].length > 40 ? `${[...l].slice(0, 39).join("")}…` : l)),
      counts: chart.counts,
      ...(chart.expected ? { expected: chart.expected } : {}),
    };
  const withExpected = chart.bins.some((b) => b.expected !== undefined);
  return {
    title,
    bars: false,
    labels: chart.bins.map((b) => valueText(b.lo, chart.unit === "timestamp" ? "date" : chart.unit)),
    counts: chart.bins.map((b) => b.count),
    ...(withExpected ? { expected: chart.bins.map((b) => b.expected ?? 0) } : {}),
  };
}

/** A measured number as its column shows it: dates from days, timestamps from milliseconds. */
export function valueText(x: number, unit: "number" | "date" | "timestamp"): string {
  if (!Number.isFinite(x)) return String(x);
  if (unit === "date") {
    const d = new Date(Math.floor(x) * 86_400_000);
    return Number.isNaN(d.getTime()) ? g(x) : d.toISOString().slice(0, 10);
  }
  if (unit === "timestamp") {
    const d = new Date(Math.round(x / 1000) * 1000);
    return Number.isNaN(d.getTime()) ? g(x) : d.toISOString().replace(".000Z", "Z");
  }
  return g(x, 6);
}

function heatmap(m: Heatmap): string {
  const grid = (title: string, values: readonly (readonly (number | null)[])[]) =>
    `<table class="heat"><caption>${h(title)}</caption><tr><th></th>${m.columns.map((c) => `<th>${h(c)}</th>`).join("")}</tr>${values
      .map(
        (row, i) =>
          `<tr><th>${h(m.columns[i]!)}</th>${row.map((v) => (v === null ? `<td class="na">–</td>` : `<td style="background:${color(v)}">${g(v, 2)}</td>`)).join("")}</tr>`,
      )
      .join("")}</table>`;
  return `<div class="heatmaps"><h4>${h(m.title)} (Spearman)</h4>${m.declared ? grid("declared", m.declared) : ""}${grid("measured", m.measured)}</div>`;
}

/** Red for positive, blue for negative, paler towards 0. */
function color(v: number): string {
  const a = Math.min(1, Math.abs(v));
  const [r, g2, b] = v >= 0 ? [214, 39, 40] : [31, 119, 180];
  return `rgba(${r}, ${g2}, ${b}, ${(0.1 + 0.8 * a).toFixed(2)})`;
}

const STYLE = `
body { font: 14px/1.4 system-ui, sans-serif; margin: 0 2em 3em; color: #222; }
header { border-bottom: 1px solid #ccc; }
code, pre { font: 12px ui-monospace, monospace; white-space: pre-wrap; word-break: break-all; }
.v { display: inline-block; padding: 0 .5em; border-radius: 3px; font-weight: 600; }
.v.pass { background: #d4edda; color: #155724; } .v.warn { background: #fff3cd; color: #856404; }
.v.fail { background: #f8d7da; color: #721c24; } .v.info { background: #e2e3e5; color: #383d41; }
table.checks { border-collapse: collapse; margin: .5em 0; width: 100%; }
table.checks td, table.checks th { border: 1px solid #ddd; padding: 2px 6px; text-align: left; vertical-align: top; }
table.checks { font-size: 12px; } table.checks td { overflow-wrap: break-word; }
.columns { display: grid; grid-template-columns: repeat(auto-fill, minmax(540px, 1fr)); gap: 1em; }
article.column { border: 1px solid #ddd; border-radius: 4px; padding: .5em 1em; overflow: hidden; }
h3 small, h2 small { color: #666; font-weight: normal; }
table.heat { border-collapse: collapse; display: inline-table; margin: 0 2em 1em 0; }
table.heat td, table.heat th { border: 1px solid #ccc; padding: 3px 8px; text-align: center; }
table.heat caption { font-weight: 600; }
td.na { color: #999; }
`;

/** The browser side: one Chart.js chart per canvas, from the specs; no animation, fixed size. */
const CLIENT = `(function () {
  "use strict";
  var specs = JSON.parse(document.getElementById("dgen-charts").textContent);
  var drawn = 0;
  var canvases = document.querySelectorAll("canvas[data-chart]");
  for (var i = 0; i < canvases.length; i++) {
    var canvas = canvases[i];
    var s = specs[Number(canvas.getAttribute("data-chart"))];
    var sets = [{ type: "bar", label: "measured", data: s.counts, backgroundColor: "rgba(31, 119, 180, 0.7)", barPercentage: 1, categoryPercentage: 0.95, order: 2 }];
    if (s.expected) sets.push(s.bars
      ? { type: "line", label: "declared", data: s.expected, showLine: false, pointStyle: "line", pointRadius: 14, pointBorderWidth: 3, borderColor: "rgb(214, 39, 40)", backgroundColor: "rgb(214, 39, 40)", order: 1 }
      : { type: "line", label: "declared", data: s.expected, borderColor: "rgb(214, 39, 40)", backgroundColor: "rgb(214, 39, 40)", pointRadius: 0, borderWidth: 2, order: 1 });
    new Chart(canvas, {
      type: "bar",
      data: { labels: s.labels, datasets: sets },
      options: {
        animation: false, responsive: false, devicePixelRatio: 1, events: [],
        plugins: { legend: { display: true }, title: { display: false }, tooltip: { enabled: false } },
        scales: { x: { ticks: { maxRotation: 60, autoSkip: true } }, y: { beginAtZero: true } }
      }
    });
    drawn++;
  }
  document.body.setAttribute("data-charts", String(drawn));
})();
`;
