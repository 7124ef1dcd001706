/**
 * Reading other rows at the cost of what is read (v2 §17). A value is a pure function of its
 * coordinates, so a child that reads `parent.id`, `pick(t).id` or `t[e].id` needs `id` and what `id`
 * depends on — not the whole row. For every (table, columns) that some function reads, this emits a
 * slice: a function that computes only the steps those columns need, into its own scratch row,
 * cached on the last row index.
 *
 *   function ss2_0(i: number): S2        // row i of table 2, columns {id} only
 *   function ssk2_0(i, p, k): S2         // the same when the parent and ordinal are known (prev, aggregates)
 *
 * A table that redraws rows (checks, unproven validators) computes a value that depends on the attempt
 * only together with the rest of its row: such a slice is the full row (`look`). Aggregates over child
 * rows are functions `ag<j>(p)` that walk the children of p and read them through a slice.
 */
import type { Expr, Plan, Step, TablePlan } from "../ir/ir.js";
import { attemptDependent, tableRedraws } from "../ir/redraws.js";
import { walk } from "../ir/walk.js";
import { exprCode, type ExprCtx, type RowAccess } from "./emit-expr.js";
import { stepsCode } from "./emit-steps.js";
import { exactScale } from "./exact-scale.js";
import type { ModuleNames } from "./module-names.js";
import { field, jsString } from "./names.js";

interface Slice {
  readonly table: TablePlan;
  readonly steps: readonly Step[];
  /** The whole row (the table's `look`), for a table that redraws values this slice needs. */
  readonly full: boolean;
  /** fn(i) → scratch. */
  readonly fn: string;
  /** fnAt(i, p, k) → scratch, for `per` and time-series tables; undefined for the whole row (`look` locates). */
  readonly fnAt?: string;
  readonly id: number;
}

/** The columns and lets an expression reads of its own row. */
export function localReads(e: Expr): Set<string> {
  const out = new Set<string>();
  walk(e, (x) => {
    if (x.k === "local") out.add(x.name);
  });
  return out;
}

/** Reads of other rows in `exprs`, grouped by table: table → columns. */
function rowReads(exprs: readonly Expr[]): Map<string, Set<string>> {
  const out = new Map<string, Set<string>>();
  for (const e of exprs)
    walk(e, (x) => {
      if (x.k === "rowField") {
        let set = out.get(x.table);
        if (!set) out.set(x.table, (set = new Set()));
        set.add(x.column);
      } else if (x.k === "sample") {
        let set = out.get(x.table);
        if (!set) out.set(x.table, (set = new Set()));
        set.add(x.column);
      }
    });
  return out;
}

/** Every expression a step evaluates. */
function stepExprs(t: TablePlan, step: Step): Expr[] {
  if (step.kind === "column") {
    const c = t.columns.find((x) => x.name === step.name);
    return c ? [c.value] : [];
  }
  const rule = t.rules[step.index]!;
  return [rule.condition, ...rule.assignments.map((a) => a.value)];
}

/** The steps of `t` that `wanted` needs, in order: the columns, their reads, and the rules that assign them. */
function closure(t: TablePlan, wanted: Iterable<string>): Step[] {
  const need = new Set(wanted);
  const out: Step[] = [];
  for (let s = t.steps.length - 1; s >= 0; s--) {
    const step = t.steps[s]!;
    if (step.kind === "column" && !need.has(step.name)) continue;
    if (step.kind === "rule" && !t.rules[step.index]!.assignments.some((a) => need.has(a.column))) continue;
    out.push(step);
    for (const e of stepExprs(t, step)) for (const n of localReads(e)) need.add(n);
  }
  return out.reverse();
}

export class Slices {
  private readonly byKey = new Map<string, Slice>();
  private readonly queue: Slice[] = [];
  private readonly aggQueue: { name: string; parent: TablePlan; e: Extract<Expr, { k: "agg" }> }[] = [];
  private readonly aggNames = new Map<object, string>();
  private readonly tables: Map<string, TablePlan>;
  /** Statements of `configure()` that forget cached rows (a new seed or row count changes them). */
  readonly resets: string[] = [];
  /** Tables some slice reads whole (`look`). */
  readonly wholeRows = new Set<string>();

  constructor(
    plan: Plan,
    private readonly names: ModuleNames,
  ) {
    this.tables = new Map(plan.tables.map((t) => [t.name, t]));
  }

  /** The slice of `table` that computes `columns`. */
  request(table: string, columns: Iterable<string>): Slice {
    const t = this.tables.get(table)!;
    const steps = closure(t, columns);
    const dependent = attemptDependent(t);
    const full =
      (tableRedraws(t) && steps.some((s) => s.kind === "rule" || dependent.has(s.name))) ||
      steps.some((s) => s.kind === "column" && t.columns.find((c) => c.name === s.name)?.stream !== undefined) ||
      (t.correlations.length > 0 &&
        steps.some((s) => s.kind === "column" && t.correlations.some((g) => g.columns.includes(s.name))));
    const n = this.names.table(table);
    const key = full
      ? `${table}\u0000full`
      : `${table}\u0000${steps.map((s) => (s.kind === "column" ? s.name : `#${s.index}`)).join("\u0000")}`;
    let slice = this.byKey.get(key);
    if (slice) return slice;
    const id = this.byKey.size;
    slice = full
      ? { table: t, steps: t.steps, full, fn: n.look, id }
      : { table: t, steps, full, fn: `ss${n.index}_${id}`, fnAt: `ssk${n.index}_${id}`, id };
    this.byKey.set(key, slice);
    this.queue.push(slice);
    if (full) this.wholeRows.add(table);
    return slice;
  }

  /** How a function reading `exprs` (in a row of `table`) reaches other rows. */
  access(table: string, exprs: readonly Expr[]): RowAccess {
    const reads = rowReads(exprs);
    const slices = new Map<string, Slice>();
    const sliceOf = (t: string) => {
      let s = slices.get(t);
      if (!s) slices.set(t, (s = this.request(t, reads.get(t) ?? [])));
      return s;
    };
    return {
      field: (e, rowCode) => {
        const s = sliceOf(e.table);
        if (e.row.k === "prevRow")
          return s.fnAt ? `${s.fnAt}(i - 1, p, k - 1).${field(e.column)}` : `${s.fn}(i - 1).${field(e.column)}`;
        return `${s.fn}(${rowCode}).${field(e.column)}`;
      },
      aggregate: (e) => {
        let name = this.aggNames.get(e);
        if (!name) {
          name = `ag${this.names.table(table).index}_${this.aggNames.size}`;
          this.aggNames.set(e, name);
          this.aggQueue.push({ name, parent: this.tables.get(table)!, e });
        }
        return name;
      },
    };
  }

  /** The code of every slice and aggregate asked for so far, and of those they ask for in turn. */
  drain(): string[] {
    const out: string[] = [];
    for (;;) {
      const slice = this.queue.shift();
      if (slice) {
        if (!slice.full) out.push(...this.emitSlice(slice));
        continue;
      }
      const agg = this.aggQueue.shift();
      if (agg) {
        out.push(this.emitAggregate(agg.name, agg.parent, agg.e));
        continue;
      }
      return out;
    }
  }

  private emitSlice(slice: Slice): string[] {
    const t = slice.table;
    const n = this.names.table(t.name);
    const kind = t.rows.kind;
    const scratch = `SS${n.index}_${slice.id}`;
    const at = `ssAt${n.index}_${slice.id}`;
    const temps: string[] = [];
    const access = this.access(
      t.name,
      slice.steps.flatMap((s) => stepExprs(t, s)),
    );
    const ctxFor = (cell: string, key?: string): ExprCtx => ({
      names: this.names,
      table: t.name,
      cell,
      temps,
      rows: access,
      stateSuffix: `$s${slice.id}`,
      ...(key ? { key } : {}),
    });
    const body = stepsCode(t, slice.steps, this.names, ctxFor, () => "0");
    const out = [`const ${scratch} = new ${n.scratch}();`, `let ${at} = -1;`];
    this.resets.push(`${at} = -1;`);
    const compute = [...temps, "let s = 0;", `const r = ${scratch};`, ...body, `${at} = i;`, "return r;"].join("\n  ");
    if (kind === "fixed") {
      out.push(
        `/** Row i of ${jsString(t.name)}, the columns other rows read only. */\nfunction ${slice.fn}(i: number): ${n.scratch} {\n  if (${at} === i) return ${scratch};\n  ${compute}\n}`,
      );
      return out;
    }
    out.push(
      `/** Row i (parent p, ordinal k) of ${jsString(t.name)}, the columns other rows read only. */\nfunction ${slice.fnAt!}(i: number, p: number, k: number): ${n.scratch} {\n  if (${at} === i) return ${scratch};\n  ${compute}\n}`,
    );
    out.push(
      `function ${slice.fn}(i: number): ${n.scratch} {\n  if (${at} === i) return ${scratch};\n  ${locateCode(this.names, t, "i", (p, k) => `return ${slice.fnAt!}(i, ${p}, ${k});`)}\n}`,
    );
    return out;
  }

  /** `ag<j>(p)`: the aggregate over the children of row p of `parent`, read through a slice of the child table. */
  private emitAggregate(name: string, parent: TablePlan, e: Extract<Expr, { k: "agg" }>): string {
    const child = this.tables.get(e.table)!;
    const c = this.names.table(child.name);
    const count = `${c.count}(p)`;
    const start = childStart(this.names, child, "p");
    if (e.op === "count")
      return `/** count(${jsString(child.name)}) of row p of ${jsString(parent.name)}. */\nfunction ${name}(p: number): number {\n  return Math.max(0, ${count});\n}`;
    const inner = e.e!;
    const slice = this.request(child.name, localReads(inner));
    const temps: string[] = [];
    const ctx: ExprCtx = {
      names: this.names,
      table: child.name,
      cell: "s",
      temps,
      rows: this.access(child.name, [inner]),
    };
    const value = exprCode(inner, ctx);
    const scale = exactScale(inner);
    const loop = (stmt: string) =>
      `  const n = Math.max(0, ${count});\n  let i = ${start};\n  for (let k = 0; k < n; k++, i++) {\n    const r = ${slice.fnAt ? `${slice.fnAt}(i, p, k)` : `${slice.fn}(i)`};\n    ${stmt}\n  }`;
    const ret = e.t.type.kind === "bool" ? "boolean" : e.t.nullable ? "number | null" : "number";
    let body: string;
    switch (e.op) {
      case "sum":
        // A sum of exact decimals is rounded back to their places: the same as summing the decimals exactly.
        body = `  let acc = 0;\n${loop(`acc += ${value};`)}\n  return ${scale !== undefined && scale > 0 && scale <= 12 ? `rt.roundHalfEven(acc, ${scale})` : "acc"};`;
        break;
      case "avg":
        body = `  let acc = 0;\n${loop(`acc += ${value};`)}\n  return n === 0 ? null : acc / n;`;
        break;
      case "min":
      case "max": {
        const better = e.op === "min" ? "<" : ">";
        body = `  let best: number | null = null;\n${loop(`const x = ${value};\n    if (best === null || x ${better} best) best = x;`)}\n  return best;`;
        break;
      }
      case "any":
        body = `${loop(`if (${value}) return true;`)}\n  return false;`;
        break;
      case "all":
        body = `${loop(`if (!(${value})) return false;`)}\n  return true;`;
        break;
    }
    return `/** ${e.op}(${jsString(child.name)}, …) over the children of row p of ${jsString(parent.name)}. */\nfunction ${name}(p: number): ${ret} {\n  ${[...temps, "let s = 0;"].join("\n  ")}\n${body}\n}`;
  }
}

/** The first child row of parent `p` of a `per` (or time-series) table. */
function childStart(names: ModuleNames, t: TablePlan, p: string): string {
  const n = names.table(t.name);
  if (t.rows.kind === "every") return `${p} * ${t.rows.count}`;
  if (t.rows.kind === "per" && t.rows.count.k === "const") return `${p} * ${Number(t.rows.count.v)}`;
  return `${n.ix}().startOf(${p})`;
}

/** Code that finds the parent and ordinal of row `i` and hands them to `use`. */
export function locateCode(names: ModuleNames, t: TablePlan, i: string, use: (p: string, k: string) => string): string {
  const n = names.table(t.name);
  if (t.rows.kind === "every") return use(`Math.floor(${i} / ${t.rows.count})`, `${i} % ${t.rows.count}`);
  if (t.rows.kind === "per" && t.rows.count.k === "const") {
    const c = Number(t.rows.count.v);
    return use(`Math.floor(${i} / ${c})`, `${i} % ${c}`);
  }
  return `const at = ${n.ix}().locate(${i});\n  ${use("at.parent", "at.ordinal")}`;
}
