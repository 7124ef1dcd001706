/**
 * `dgen report`'s model: the Plan's declarations against what `dgen validate` read (its result, and
 * the TableMeasures fed by its row observer in the same pass). Pure: no file is read here.
 *
 *   buildReport({ plan, result, measures, schema: "shop.dgen", data: "out/shop", generator: "dgen 0.1.0" })
 *   // { kind: "report", tables: [{ name: "customers", columns: [...], checks: [...] }], counts: { pass: 31, … } }
 */
import type { ValidationResult } from "../../runtime/validate/report.js";
import { rowCheckReported } from "../emit/emit-row-checks.js";
import type { ColumnPlan, Plan, TablePlan } from "../ir/ir.js";
import { categoryChart, numberChart } from "./charts.js";
import { declaredOf, reshaped } from "./declared.js";
import { countVerdicts, type CheckLine, type ColumnReport, type Heatmap, type ReportModel, type TableReport } from "./model.js";
import { spearman } from "./stats/rank-correlation.js";
import { unitOf, type TableMeasure } from "./table-measure.js";
import { distributionLine, g, nullLine } from "./tests.js";

export interface ReportInput {
  readonly plan: Plan;
  readonly result: ValidationResult;
  /** Per table read, its measures (absent for a table without data). */
  readonly measures: ReadonlyMap<string, TableMeasure>;
  readonly schema: string;
  readonly data: string;
  readonly generator: string;
  readonly problems: readonly string[];
}

/** Violation counts of one table by (column, rule), from validate's kept lines and its omitted counts. */
export function violationCounts(result: ValidationResult, table: string): Map<string, number> {
  const out = new Map<string, number>();
  const add = (column: string, rule: string, n: number) => {
    const k = `${column}\u0000${rule}`;
    out.set(k, (out.get(k) ?? 0) + n);
  };
  for (const l of result.lines) if (l.table === table) add(l.column, l.rule, 1);
  for (const o of result.omitted) if (o.table === table) add(o.column, o.rule, o.more);
  return out;
}

export function buildReport(input: ReportInput): ReportModel {
  const tables = input.plan.tables
    .map((t) => tableReport(t, input))
    .filter((t): t is TableReport => t !== undefined);
  return {
    kind: "report",
    title: `dgen report: ${input.plan.dataset}`,
    source: input.schema,
    data: input.data,
    generator: input.generator,
    tables,
    counts: countVerdicts(tables),
    problems: input.problems,
  };
}

function tableReport(t: TablePlan, input: ReportInput): TableReport | undefined {
  const summary = input.result.tables.find((s) => s.name === t.name);
  const m = input.measures.get(t.name);
  if (!summary) return undefined;
  const counts = violationCounts(input.result, t.name);
  const used = new Set<string>();
  const take = (column: string, rule: string) => {
    const k = `${column}\u0000${rule}`;
    used.add(k);
    return counts.get(k) ?? 0;
  };
  const checks: CheckLine[] = [];
  if (!summary.checked)
    checks.push({ what: "data", test: "none", measured: "no data file for this table", verdict: "warn" });
  else
    checks.push({
      what: "rows",
      test: "read back",
      measured: `${summary.rows} rows in ${summary.files.length} file${summary.files.length === 1 ? "" : "s"}${summary.complete ? "" : " (not read to the end)"}`,
      verdict: summary.complete ? "info" : "fail",
      values: { rows: summary.rows },
    });

  const columns: ColumnReport[] = [];
  const shaped = reshaped(t);
  if (m)
    t.columns
      .filter((c) => !c.hidden)
      .forEach((c) => {
        const i = m.meta.findIndex((x) => x.name === c.name);
        if (i >= 0) columns.push(columnReport(c, m, i, counts, used, shaped.get(c.name)));
      });

  if (summary.checked) checks.push(...keyLines(t, take, summary.notes), ...ruleLines(t, take));
  // what is left: the header and the rows' shape (unknown, missing or repeated columns, field counts)
  let rest = 0;
  const kinds = new Map<string, number>();
  for (const [k, n] of counts)
    if (!used.has(k)) {
      rest += n;
      const rule = k.split("\u0000")[1]!;
      kinds.set(rule, (kinds.get(rule) ?? 0) + n);
    }
  if (summary.checked)
    checks.push({
      what: "file structure",
      test: "header and field counts",
      measured: rest === 0 ? "as declared" : [...kinds].map(([r, n]) => `${r}: ${n}`).join("; "),
      verdict: rest === 0 ? "pass" : "fail",
      values: { violations: rest },
    });
  const heatmaps = m ? t.correlations.map((g, i) => heatmap(t, g.columns, g.spearman, m, i)) : [];
  for (const h of heatmaps) checks.push(...correlationLines(h, m!.rows));
  checks.push({
    what: "violations",
    test: "dgen validate",
    measured: `${summary.violations}`,
    verdict: summary.violations === 0 ? "pass" : "fail",
    values: { violations: summary.violations },
  });
  return {
    name: t.name,
    rows: summary.rows,
    files: summary.files,
    columns,
    heatmaps,
    checks,
    notes: summary.notes,
  };
}

const KEY_RULE = /^(duplicate |not found in )/;

function columnReport(
  c: ColumnPlan,
  m: TableMeasure,
  i: number,
  counts: ReadonlyMap<string, number>,
  used: Set<string>,
  /** The rule that reshapes the column's values, if any: its draw is then not tested. */
  shapedBy: string | undefined,
): ColumnReport {
  const meta = m.meta[i]!;
  const cm = m.columns[i]!;
  const drawn = declaredOf(c);
  const declared = shapedBy ? undefined : drawn;
  const checks: CheckLine[] = [];
  // the column's own rules: its type, `not null` and its validators (keys and checks are the table's)
  const own: [string, number][] = [];
  for (const [k, n] of counts) {
    const [column, rule] = k.split("\u0000") as [string, string];
    if (column !== c.name || KEY_RULE.test(rule) || rule.startsWith("check ") || structural(rule)) continue;
    used.add(k);
    own.push([rule, n]);
  }
  const bad = own.reduce((a, [, n]) => a + n, 0);
  const rules = [c.nullable ? "" : "not null", ...c.validators.map((v) => `@${v.kind}`)].filter(Boolean);
  checks.push({
    what: "type and validators",
    test: "validate<Table>() on each row",
    declared: [c.typeText, ...rules].join(", "),
    measured: bad === 0 ? "0 violations" : `${bad} violations: ${own.map(([r, n]) => `${r} (${n})`).join(", ")}`,
    verdict: bad === 0 ? "pass" : "fail",
    values: { violations: bad },
  });
  if (c.nullShare > 0 || cm.nulls > 0) {
    if (c.nullShare > 0) checks.push(nullLine(cm.nulls, cm.cells - cm.unreadable, c.nullShare));
    else
      checks.push({
        what: "nulls",
        test: "none declared",
        declared: "0%",
        measured: `${cm.nulls} of ${cm.cells}`,
        verdict: c.nullable ? "warn" : "fail",
        values: { nulls: cm.nulls },
      });
  }
  if (declared) checks.push(distributionLine(declared, cm.numbers(), cm.counts, cm.uncounted));
  else if (drawn && shapedBy)
    checks.push({
      what: "distribution",
      test: "none",
      declared: drawn.label,
      measured: `not tested: ${shapedBy} reshapes it`,
      verdict: "info",
    });
  const unit = unitOf(meta);
  const chart = cm.kind === "number" ? numberChart(cm.numbers(), unit, declared) : cm.kind === "category" ? categoryChart(cm.counts, cm.uncounted, declared) : undefined;
  const summary = cm.kind === "number" ? cm.summary() : undefined;
  return {
    name: c.name,
    type: c.typeText,
    cells: cm.cells,
    nulls: cm.nulls,
    unreadable: cm.unreadable,
    distinct: cm.distinct,
    distinctCapped: cm.distinctCapped,
    ...(summary ? { summary, unit } : {}),
    ...(drawn ? { declared: drawn.label } : {}),
    ...(chart ? { chart } : {}),
    checks,
  };
}

function structural(rule: string): boolean {
  return rule === "unknown column" || rule === "missing column" || rule.startsWith("column appears twice") || rule === "wrong number of fields";
}

function keyLines(t: TablePlan, take: (column: string, rule: string) => number, notes: readonly string[]): CheckLine[] {
  const out: CheckLine[] = [];
  const line = (what: string, test: string, n: number, unchecked?: string): CheckLine =>
    unchecked
      ? { what, test, measured: `not checked: ${unchecked}`, verdict: "warn" }
      : { what, test, measured: n === 0 ? "0 violations" : `${n} violations`, verdict: n === 0 ? "pass" : "fail", values: { violations: n } };
  const note = (columns: string) =>
    notes.find((n) => n.startsWith(`column ${columns}:`) || n.startsWith(`columns ${columns}:`))?.replace(/^[^:]+: /, "");
  if (t.primaryKey.length === 1)
    out.push(line(`primary key (${t.primaryKey[0]})`, "distinct values", take(t.primaryKey[0]!, "duplicate primary key")));
  else if (t.primaryKey.length > 1) {
    const cols = t.primaryKey.join(", ");
    out.push(line(`primary key (${cols})`, "distinct tuples", take(cols, "duplicate primary key")));
  }
  for (const c of t.columns)
    if (c.unique && !c.pk) out.push(line(`unique (${c.name})`, "distinct values", take(c.name, "duplicate @unique")));
  for (const u of t.uniques) {
    if (u.join() === t.primaryKey.join()) continue;
    out.push(line(`unique (${u.join(", ")})`, "distinct tuples", take(u.join(", "), `duplicate unique(${u.join(", ")})`)));
  }
  for (const c of t.columns)
    if (c.ref) {
      const unchecked = note(c.name);
      out.push(
        line(`foreign key ${c.name} → ${c.ref.table}.${c.ref.column}`, "every value found in the parent", take(c.name, `not found in ${c.ref.table}.${c.ref.column}`), unchecked?.startsWith("foreign key not checked") ? unchecked : undefined),
      );
    }
  for (const f of t.foreignKeys) {
    const cols = f.columns.join(", ");
    const unchecked = note(cols);
    out.push(
      line(`foreign key (${cols}) → ${f.table}(${f.refColumns.join(", ")})`, "every tuple found in the parent", take(cols, `not found in ${f.table}(${f.refColumns.join(", ")})`), unchecked?.startsWith("foreign key not checked") ? unchecked : undefined),
    );
  }
  return out;
}

function ruleLines(t: TablePlan, take: (column: string, rule: string) => number): CheckLine[] {
  return t.checks.map((check) => {
    const r = rowCheckReported(t, check);
    if (!r)
      return { what: `check ${check.text}`, test: "none", measured: "left to generation: it reads more than the row's columns", verdict: "info" };
    const n = take(r.column, r.rule);
    return {
      what: r.rule,
      test: "on each row",
      measured: n === 0 ? "0 violations" : `${n} violations`,
      verdict: n === 0 ? "pass" : "fail",
      values: { violations: n },
    };
  });
}

function heatmap(
  t: TablePlan,
  columns: readonly string[],
  declared: readonly (readonly number[])[] | undefined,
  m: TableMeasure,
  index: number,
): Heatmap {
  const series = columns.map((name) => m.aligned.get(m.meta.findIndex((c) => c.name === name)));
  const measured = columns.map((_, i) =>
    columns.map((__, j) => {
      if (i === j) return 1;
      const a = series[i];
      const b = series[j];
      if (!a || !b) return null;
      const xs: number[] = [];
      const ys: number[] = [];
      for (let r = 0; r < a.length; r++)
        if (!Number.isNaN(a[r]!) && !Number.isNaN(b[r]!)) {
          xs.push(a[r]!);
          ys.push(b[r]!);
        }
      const rho = xs.length > 2 ? spearman(xs, ys) : NaN;
      return Number.isFinite(rho) ? rho : null;
    }),
  );
  return {
    title: `${t.name}: correlate group ${index + 1}`,
    columns,
    ...(declared ? { declared } : {}),
    measured,
  };
}

/** The tolerance of a measured Spearman ρ: ±0.02 as in the statistical suite, or 3.29 standard errors if wider. */
export function correlationTolerance(target: number, n: number): number {
  return Math.max(0.02, 3.29 * (1 - target * target) * Math.sqrt(1.06 / Math.max(1, n - 3)));
}

function correlationLines(h: Heatmap, rows: number): CheckLine[] {
  const out: CheckLine[] = [];
  if (!h.declared) return out;
  for (let i = 0; i < h.columns.length; i++)
    for (let j = i + 1; j < h.columns.length; j++) {
      const target = h.declared[i]![j]!;
      const rho = h.measured[i]![j];
      const tol = correlationTolerance(target, rows);
      const what = `correlation ${h.columns[i]} ~ ${h.columns[j]}`;
      if (rho === null || rho === undefined) {
        out.push({ what, test: "Spearman", declared: g(target), measured: "not measurable", verdict: "warn" });
        continue;
      }
      out.push({
        what,
        test: `Spearman, |ρ − target| ≤ ${g(tol, 3)}`,
        declared: g(target),
        measured: `ρ = ${g(rho)}`,
        verdict: Math.abs(rho - target) <= tol ? "pass" : "fail",
        values: { rho, target, tolerance: tol },
      });
    }
  return out;
}
