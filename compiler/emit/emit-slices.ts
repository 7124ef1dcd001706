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
import { isWide, wideScale } from "../ir/wide-decimal.js";
import { wideTermCode } from "./emit-wide-decimal.js";
import type { Expr, Plan, Step, TablePlan } from "../ir/ir.js";
import { attemptDependent, tableRedraws } from "../ir/redraws.js";
import { walk } from "../ir/walk.js";
import { exprCode, type ExprCtx, type RowAccess } from "./emit-expr.js";
import { stepsCode } from "./emit-steps.js";
import { exactScale } from "./exact-scale.js";
import type { ModuleNames } from "./module-names.js";
import { field, jsString } from "./names.js";

interface Aggregate {
  readonly e: Extract<Expr, { k: "agg" }>;
  readonly name: string;
}

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
  /** Aggregates by parent table, then child table (each group is computed in one walk). */
  private readonly aggGroups = new Map<string, Map<string, Aggregate[]>>();
  private readonly aggNames = new Map<object, string>();
  private readonly aggQueue: { parent: TablePlan; child: string }[] = [];
  private groups = 0;
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
      aggregate: (e) => this.aggregateName(table, e),
    };
  }

  /**
   * The function of an aggregate. The first one asked for of a (parent, child) pair registers every
   * aggregate the parent table has over that child, so that one walk computes them all.
   */
  private aggregateName(table: string, e: Extract<Expr, { k: "agg" }>): string {
    const known = this.aggNames.get(e);
    if (known) return known;
    const parent = this.tables.get(table)!;
    let byChild = this.aggGroups.get(table);
    if (!byChild) this.aggGroups.set(table, (byChild = new Map()));
    if (!byChild.has(e.table)) {
      const group: Aggregate[] = [];
      const exprs = [
        ...parent.columns.map((c) => c.value),
        ...parent.rules.flatMap((r) => [r.condition, ...r.assignments.map((a) => a.value)]),
        ...parent.checks.map((c) => c.condition),
      ];
      for (const x of exprs)
        walk(x, (y) => {
          if (y.k === "agg" && y.table === e.table && !this.aggNames.has(y)) {
            const name = `ag${this.names.table(table).index}_${this.aggNames.size}`;
            this.aggNames.set(y, name);
            group.push({ e: y, name });
          }
        });
      byChild.set(e.table, group);
      this.aggQueue.push({ parent, child: e.table });
    }
    if (!this.aggNames.has(e)) throw new Error(`internal: an aggregate of '${table}' outside its columns`);
    return this.aggNames.get(e)!;
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
        out.push(...this.emitAggregates(agg.parent, agg.child, this.aggGroups.get(agg.parent.name)!.get(agg.child)!));
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

  /**
   * The aggregates of `parent` over one child table, computed in one walk of the children of row p
   * (`sum`, `all` and `all` of an order's lineitems read each lineitem once) and cached on p; each
   * aggregate's own function returns its value.
   */
  private emitAggregates(parent: TablePlan, childName: string, group: readonly Aggregate[]): string[] {
    const child = this.tables.get(childName)!;
    const c = this.names.table(child.name);
    const pn = this.names.table(parent.name).index;
    const g = `${pn}_${this.tables.size + this.groups++}`;
    const at = `agAt${g}`;
    const walker = `agw${g}`;
    const temps: string[] = [];
    const inner = group.flatMap((x) => (x.e.e ? [x.e.e] : []));
    const reads = new Set(inner.flatMap((e) => [...localReads(e)]));
    const slice = inner.length > 0 ? this.request(child.name, reads) : undefined;
    const ctx: ExprCtx = {
      names: this.names,
      table: child.name,
      cell: "s",
      temps,
      rows: this.access(child.name, inner),
    };
    const decls: string[] = [`let ${at} = -1;`];
    this.resets.push(`${at} = -1;`);
    const init: string[] = [];
    const step: string[] = [];
    const finish: string[] = [];
    group.forEach(({ e, name }, j) => {
      const v = `agv${g}_${j}`;
      const wide = isWide(e.t.type);
      const ts = e.t.type.kind === "bool" ? "boolean" : wide ? "bigint" : e.t.nullable ? "number | null" : "number";
      decls.push(
        `let ${v}: ${ts} = ${e.t.type.kind === "bool" ? "false" : wide ? "0n" : e.t.nullable ? "null" : "0"};`,
      );
      decls.push(
        `/** ${e.op}(${jsString(child.name)}, …) of row p of ${jsString(parent.name)}. */\nfunction ${name}(p: number): ${ts} {\n  if (${at} !== p) ${walker}(p);\n  return ${v};\n}`,
      );
      if (isWide(e.t.type) && e.e) {
        // A wide sum (v2 §15): exact BigInt units at its terms' places.
        init.push(`let a${j} = 0n;`);
        step.push(`a${j} += ${wideTermCode(e.e, wideScale(e.t.type), ctx)};`);
        finish.push(`${v} = a${j};`);
        return;
      }
      const value = e.e ? exprCode(e.e, ctx) : "";
      switch (e.op) {
        case "count":
          finish.push(`${v} = n;`);
          break;
        case "sum": {
          // A sum of exact decimals is rounded back to their places: the same as summing the decimals exactly.
          const scale = exactScale(e.e!);
          init.push(`let a${j} = 0;`);
          step.push(`a${j} += ${value};`);
          finish.push(
            `${v} = ${scale !== undefined && scale > 0 && scale <= 12 ? `rt.roundHalfEven(a${j}, ${scale})` : `a${j}`};`,
          );
          break;
        }
        case "avg":
          init.push(`let a${j} = 0;`);
          step.push(`a${j} += ${value};`);
          finish.push(`${v} = n === 0 ? null : a${j} / n;`);
          break;
        case "min":
        case "max":
          init.push(`let a${j}: number | null = null;`);
          step.push(
            `{\n      const x = ${value};\n      if (a${j} === null || x ${e.op === "min" ? "<" : ">"} a${j}) a${j} = x;\n    }`,
          );
          finish.push(`${v} = a${j};`);
          break;
        case "any":
          init.push(`let a${j} = false;`);
          step.push(`if (!a${j} && ${value}) a${j} = true;`);
          finish.push(`${v} = a${j};`);
          break;
        case "all":
          init.push(`let a${j} = true;`);
          step.push(`if (a${j} && !(${value})) a${j} = false;`);
          finish.push(`${v} = a${j};`);
          break;
      }
    });
    const row = slice ? (slice.fnAt ? `${slice.fnAt}(i, p, k)` : `${slice.fn}(i)`) : undefined;
    const loop =
      step.length > 0
        ? `  let i = ${childStart(this.names, child, "p")};\n  for (let k = 0; k < n; k++, i++) {\n    const r = ${row};\n    ${step.join("\n    ")}\n  }\n`
        : "";
    const body = `function ${walker}(p: number): void {\n  ${[...temps, "let s = 0;"].join("\n  ")}\n  const n = Math.max(0, ${c.count}(p));\n  ${init.join("\n  ")}\n${loop}  ${finish.join("\n  ")}\n  ${at} = p;\n}`;
    return [
      ...decls,
      `/** The aggregates of row p of ${jsString(parent.name)} over its ${jsString(child.name)} rows, in one walk. */\n${body}`,
    ];
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
