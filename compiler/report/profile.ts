/**
 * `dgen profile`'s model: data without a schema, as measured by profile-read.ts — per column its
 * inferred type, nulls, distinct values, summary, chart and outliers (Tukey's far-out fences, 3 × IQR);
 * per table its anomalies (constant and empty columns, mixed types, text that looks like a null,
 * padded text, duplicate and ragged rows) and the rank correlations of its number columns. Pure.
 *
 *   buildProfile({ data: "out/shop", tables, generator: "dgen 0.1.0", problems: [] }).tables[0].checks
 *   // [{ what: "rows", … }, { what: "duplicate rows", measured: "2 rows repeat an earlier one", verdict: "warn" }]
 */
import { categoryChart, numberChart } from "./charts.js";
import { summarize } from "./measure.js";
import { countVerdicts, type CheckLine, type ColumnReport, type Heatmap, type ReportModel, type TableReport } from "./model.js";
import type { CellKind, ProfileColumn } from "./profile-column.js";
import { valueText } from "./render-html.js";
import { spearman } from "./stats/rank-correlation.js";
import { pct } from "./tests.js";

export interface ProfiledTable {
  readonly name: string;
  readonly files: readonly string[];
  readonly rows: number;
  readonly columns: readonly ProfileColumn[];
  /** Rows equal to an earlier row of the table (all their cells), and the first such row (1-based). */
  readonly duplicates: number;
  readonly firstDuplicate?: number;
  /** CSV/TSV rows whose field count differs from the header's. */
  readonly ragged: number;
  readonly complete: boolean;
}

/** Far-out fences: beyond 3 interquartile ranges from the quartiles. */
export const FENCE = 3;
/** Number columns in a correlation heat map, at most. */
const HEAT_COLUMNS = 12;

export function buildProfile(input: {
  readonly data: string;
  readonly tables: readonly ProfiledTable[];
  readonly generator: string;
  readonly problems: readonly string[];
}): ReportModel {
  const tables = input.tables.map(profileTable);
  return {
    kind: "profile",
    title: `dgen profile: ${input.data}`,
    source: input.data,
    data: input.data,
    generator: input.generator,
    tables,
    counts: countVerdicts(tables),
    problems: input.problems,
  };
}

interface Inferred {
  readonly type: "int" | "float" | "bool" | "date" | "timestamp" | "uuid" | "string" | "json" | "null";
  readonly matching: number;
  readonly others: readonly [CellKind, number][];
}

/** The type most non-null cells have (int within float counts as float). */
export function inferType(c: ProfileColumn): Inferred {
  const k = new Map(c.kinds);
  k.delete("null");
  const markers = [...c.nullMarkers.values()].reduce((a, b) => a + b, 0);
  // text that looks like a null is not evidence of a string column
  if (markers > 0) k.set("string", (k.get("string") ?? 0) - markers);
  if ((k.get("string") ?? 0) <= 0) k.delete("string");
  if (k.size === 0) return { type: "null", matching: 0, others: [] };
  const ints = k.get("int") ?? 0;
  const floats = k.get("float") ?? 0;
  const merged = new Map(k);
  if (ints > 0 && floats > 0) {
    merged.delete("int");
    merged.set("float", ints + floats);
  }
  const [type, matching] = [...merged].sort((a, b) => b[1] - a[1])[0]!;
  const others = [...merged].filter(([t]) => t !== type);
  return { type: type as Inferred["type"], matching, others };
}

function profileTable(t: ProfiledTable): TableReport {
  const checks: CheckLine[] = [
    {
      what: "rows",
      test: "read",
      measured: `${t.rows} rows, ${t.columns.length} columns in ${t.files.length} file${t.files.length === 1 ? "" : "s"}${t.complete ? "" : " (not read to the end)"}`,
      verdict: t.complete ? "info" : "fail",
      values: { rows: t.rows, columns: t.columns.length },
    },
    {
      what: "duplicate rows",
      test: "equal to an earlier row in every cell",
      measured: t.duplicates === 0 ? "none" : `${t.duplicates} rows repeat an earlier one (first: row ${t.firstDuplicate})`,
      verdict: t.duplicates === 0 ? "pass" : "warn",
      values: { duplicates: t.duplicates },
    },
  ];
  if (t.ragged > 0)
    checks.push({
      what: "ragged rows",
      test: "field count equals the header's",
      measured: `${t.ragged} rows`,
      verdict: "warn",
      values: { ragged: t.ragged },
    });
  const inferred = t.columns.map(inferType);
  const columns = t.columns.map((c, i) => profileColumn(c, inferred[i]!, t.rows));
  const numeric = t.columns.filter((_, i) => isNumeric(inferred[i]!.type)).slice(0, HEAT_COLUMNS);
  const heatmaps: Heatmap[] = numeric.length >= 2 ? [numberHeatmap(t.name, numeric)] : [];
  return { name: t.name, rows: t.rows, files: t.files, columns, heatmaps, checks, notes: [] };
}

function isNumeric(type: Inferred["type"]): boolean {
  return type === "int" || type === "float" || type === "date" || type === "timestamp";
}

function profileColumn(c: ProfileColumn, inf: Inferred, rows: number): ColumnReport {
  const nulls = c.kinds.get("null") ?? 0;
  const cells = c.numbers.length;
  const checks: CheckLine[] = [];
  const nonNull = cells - nulls;
  const mixed = inf.others.reduce((a, [, n]) => a + n, 0);
  checks.push({
    what: "type",
    test: "inferred from the cells' text",
    measured:
      mixed === 0
        ? `${inf.type} (${inf.matching} of ${nonNull} non-null cells)`
        : `${inf.type} (${inf.matching} of ${nonNull}); also ${inf.others.map(([k, n]) => `${k} ×${n} (e.g. ${JSON.stringify((c.examples.get(k) ?? [])[0] ?? "")})`).join(", ")}`,
    verdict: mixed === 0 ? "pass" : "warn",
    values: { matching: inf.matching, mixed },
  });
  checks.push({
    what: "nulls",
    test: "share of cells",
    measured: `${pct(cells ? nulls / cells : 0)} (${nulls} of ${cells})`,
    verdict: cells > 0 && nulls === cells ? "warn" : "info",
    values: { nulls, cells },
  });
  const markers = [...c.nullMarkers].sort((a, b) => b[1] - a[1]);
  if (markers.length > 0)
    checks.push({
      what: "text that looks like a null",
      test: "cells such as N/A, null, none, -, empty text",
      measured: markers.slice(0, 5).map(([s, n]) => `${JSON.stringify(s)} ×${n}`).join(", "),
      verdict: "warn",
      values: { cells: markers.reduce((a, [, n]) => a + n, 0) },
    });
  if (c.padded > 0)
    checks.push({ what: "padded text", test: "leading or trailing spaces", measured: `${c.padded} cells`, verdict: "warn", values: { cells: c.padded } });
  const distinctText = `${c.distinctCapped ? "≥ " : ""}${c.distinct}`;
  if (nonNull > 1 && c.distinct === 1)
    checks.push({ what: "constant", test: "distinct values", measured: `one value in all ${nonNull} non-null cells`, verdict: "warn", values: { distinct: 1 } });
  else
    checks.push({
      what: "distinct",
      test: "distinct values",
      measured: c.distinct === rows && nulls === 0 && rows > 1 ? `${distinctText}: every row differs (a candidate key)` : distinctText,
      verdict: "info",
      values: { distinct: c.distinct },
    });

  let summary;
  let chart;
  const unit = inf.type === "date" ? "date" : inf.type === "timestamp" ? "timestamp" : "number";
  if (isNumeric(inf.type)) {
    const values = Float64Array.from(c.numbers.filter((x) => !Number.isNaN(x)));
    summary = summarize(values);
    chart = numberChart(values, unit);
    if (summary) checks.push(outlierLine(values, summary.q1, summary.q3, unit));
  } else if (inf.type !== "json" && inf.type !== "null") chart = categoryChart(c.counts, c.uncounted);
  return {
    name: c.name,
    type: inf.type,
    cells,
    nulls,
    unreadable: 0,
    distinct: c.distinct,
    distinctCapped: c.distinctCapped,
    ...(summary ? { summary, unit } : {}),
    ...(chart ? { chart } : {}),
    checks,
  };
}

/** Values beyond Tukey's far-out fences: q1 − 3·IQR and q3 + 3·IQR. */
export function outliers(values: Float64Array, q1: number, q3: number): { low: number; high: number; found: number[] } {
  const iqr = q3 - q1;
  const low = q1 - FENCE * iqr;
  const high = q3 + FENCE * iqr;
  const found: number[] = [];
  if (iqr > 0) for (const v of values) if (v < low || v > high) found.push(v);
  return { low, high, found };
}

function outlierLine(values: Float64Array, q1: number, q3: number, unit: "number" | "date" | "timestamp"): CheckLine {
  const o = outliers(values, q1, q3);
  const show = (x: number) => valueText(x, unit);
  const extreme = [...o.found].sort((a, b) => Math.abs(b - (q1 + q3) / 2) - Math.abs(a - (q1 + q3) / 2)).slice(0, 5);
  return {
    what: "outliers",
    test: `beyond Tukey's far-out fences (quartiles ∓ ${FENCE} × IQR)`,
    declared: q3 > q1 ? `[${show(o.low)}, ${show(o.high)}]` : "IQR is 0: not tested",
    measured: o.found.length === 0 ? "none" : `${o.found.length}: ${extreme.map(show).join(", ")}${o.found.length > 5 ? ", …" : ""}`,
    verdict: o.found.length === 0 ? "pass" : "warn",
    values: { outliers: o.found.length, low: o.low, high: o.high },
  };
}

function numberHeatmap(table: string, columns: readonly ProfileColumn[]): Heatmap {
  const measured = columns.map((a, i) =>
    columns.map((b, j) => {
      if (i === j) return 1;
      const xs: number[] = [];
      const ys: number[] = [];
      for (let r = 0; r < a.numbers.length; r++)
        if (!Number.isNaN(a.numbers[r]!) && !Number.isNaN(b.numbers[r] ?? NaN)) {
          xs.push(a.numbers[r]!);
          ys.push(b.numbers[r]!);
        }
      const rho = xs.length > 2 ? spearman(xs, ys) : NaN;
      return Number.isFinite(rho) ? rho : null;
    }),
  );
  return { title: `${table}: number columns`, columns: columns.map((c) => c.name), measured };
}
