/**
 * The code of one step of a row (v1 §4 order): a column or `let` computed into the scratch row `r`,
 * or a `when` rule applied to it. Used by a table's full `fill` (with its redraw loop) and by the
 * slices that compute only some columns of a row (emit-slices.ts).
 */
import type { ColumnPlan, Expr, Step, TablePlan } from "../ir/ir.js";
import { exprCode, usesStream, NULL_SLOT, type ExprCtx } from "./emit-expr.js";
import type { ModuleNames } from "./module-names.js";
import { field, jsString } from "./names.js";
import { snapScale } from "./exact-scale.js";
import { isWide, wideScale } from "../ir/wide-decimal.js";
import { wideStoreCode } from "./emit-wide-decimal.js";

export function streamName(c: ColumnPlan): string {
  return c.name;
}

/** The scratch field holding value part `k` of a streamed column. */
export function partField(c: ColumnPlan, k: number): string {
  return `${field(c.name)}$${k}`;
}

export function columnCode(t: TablePlan, c: ColumnPlan, names: ModuleNames, ctx: ExprCtx, attempt: string): string[] {
  const n = names.table(t.name);
  const out: string[] = [];
  const key = n.key(streamName(c));
  const target = `r.${field(c.name)}`;
  const v = c.value;
  if (c.stream) {
    // Only the drawn parts are computed; the writers stream the parts, the row function joins them.
    const values = c.stream.flatMap((p, k) => (p.kind === "value" ? [{ k, value: p.value }] : []));
    if (values.some((x) => usesStream(x.value))) out.push(`s = rt.cell(${key}, i, ${attempt});`);
    for (const x of values) out.push(`r.${partField(c, x.k)} = ${exprCode(x.value, ctx)};`);
    return out;
  }
  if (v.k === "uniqueInt" || v.k === "uniqueChoice" || v.k === "uniquePattern") {
    const holder = `U${n.index}_${c.name}`;
    if (v.k === "uniquePattern") {
      out.push(`${holder} ??= new rt.UniquePattern(${names.pattern(v.spec)}, ${key});`);
      out.push(
        `${target} = i < ${holder}.capacity ? ${holder}.at(i) : rt.failUnique(${jsString(c.name)}, ${jsString(t.name)}, ${holder}.capacity, ${n.size}());`,
      );
    } else {
      const size = v.k === "uniqueInt" ? v.size : v.choices.values.length;
      out.push(`${holder} ??= new rt.Permutation(${size}, ${key});`);
      const value =
        v.k === "uniqueInt" ? `${v.lo} + ${holder}.at(i)` : `${names.choice(v.choices.id).values}[${holder}.at(i)]!`;
      out.push(
        `${target} = i < ${size} ? ${value} : rt.failUnique(${jsString(c.name)}, ${jsString(t.name)}, ${size}, ${n.size}());`,
      );
    }
    return out;
  }
  const needsCell = usesStream(v) || c.nullShare > 0;
  if (needsCell) out.push(`s = rt.cell(${key}, i, ${attempt});`);
  const value = storeCode(c, v, ctx);
  if (c.nullShare > 0) {
    const threshold = Math.round(c.nullShare * 4294967296);
    out.push(`${target} = rt.u32(rt.sub(s, ${NULL_SLOT}), 0) < ${threshold} ? null : ${value};`);
  } else out.push(`${target} = ${value};`);
  return out;
}

/** The value as stored in a column: rounded to a decimal's scale, a date widened to a timestamp. */
export function storeCode(c: ColumnPlan, v: Expr, ctx: ExprCtx): string {
  // int64 values are BigInts: a sequence counts in BigInt (exact past 2^53), an int converts.
  if (c.type.kind === "bigint" && v.k === "sequence")
    return `(${BigInt(v.start)}n + BigInt(i)${v.step === 1 ? "" : ` * ${BigInt(v.step)}n`})`;
  // Wide decimals are BigInt units, computed exactly (v2 §15).
  if (isWide(c.type)) return wideStoreCode(v, wideScale(c.type), ctx);
  const code = exprCode(v, ctx);
  if (c.type.kind === "bigint" && v.t.type.kind === "int")
    return v.t.nullable ? `rt.toBigInt(${code})` : `BigInt(${code})`;
  const roundedEnough =
    v.k === "call" &&
    v.fn === "round" &&
    v.args[1]?.k === "const" &&
    Number(v.args[1].v) <= (c.type.kind === "decimal" ? c.type.scale : 0);
  const snapped = snapScale(v);
  if (
    c.type.kind === "decimal" &&
    !roundedEnough &&
    !(snapped !== undefined && snapped <= c.type.scale) &&
    !(v.t.type.kind === "decimal" && v.t.type.scale <= c.type.scale) &&
    v.t.type.kind !== "int"
  )
    return v.t.nullable
      ? `(${code} === null ? null : rt.roundHalfEven(${code}, ${c.type.scale}))`
      : `rt.roundHalfEven(${code}, ${c.type.scale})`;
  if (c.type.kind === "timestamp" && v.t.type.kind === "date") return `(${code} * 86400000)`;
  // Timestamps are whole milliseconds; arithmetic with fractional durations may leave a fraction.
  if (c.type.kind === "timestamp" && (v.k === "binary" || v.k === "call" || v.k === "if" || v.k === "match"))
    return v.t.nullable ? `rt.wholeMs(${code})` : `Math.floor(${code})`;
  return code;
}

/**
 * The lines computing `steps` of table `t` into `r`: each column draws from `s = cell(key, i, attempt)`
 * (attempt 0 for keys by construction), each rule tests its condition and assigns.
 */
export function stepsCode(
  t: TablePlan,
  steps: readonly Step[],
  names: ModuleNames,
  ctxFor: (cell: string, key?: string) => ExprCtx,
  attempt: (stable: boolean) => string,
): string[] {
  const n = names.table(t.name);
  const cols = new Map(t.columns.map((c) => [c.name, c]));
  const body: string[] = [];
  for (const step of steps) {
    if (step.kind === "column") {
      const c = cols.get(step.name);
      if (!c) continue;
      body.push(...columnCode(t, c, names, ctxFor("s", n.key(streamName(c))), attempt(c.stable)));
    } else {
      const rule = t.rules[step.index]!;
      const keyName = n.key(`#when${step.index}`);
      const uses = usesStream(rule.condition) || rule.assignments.some((a) => usesStream(a.value));
      if (uses) body.push(`s = rt.cell(${keyName}, i, ${attempt(false)});`);
      const ctx = ctxFor("s", keyName);
      const assigns = rule.assignments.map(
        (a) => `r.${field(a.column)} = ${storeCode(cols.get(a.column)!, a.value, ctx)};`,
      );
      body.push(`if (${exprCode(rule.condition, ctx)}) {\n  ${assigns.join("\n  ")}\n}`);
    }
  }
  return body;
}
