/**
 * Which rows of a table may be drawn again, and which values change when they are: the facts that
 * decide whether a column can be computed apart from the rest of its row (emit-slices.ts).
 *
 * A table redraws a row (attempt + 1) when a `check`, a validator the compiler could not prove, or a
 * type-range check fails. A value that draws from its stream (and is not a key by construction), or
 * reads such a value, is different on the next attempt; anything else is the same on every attempt.
 */
import { isWide } from "./wide-decimal.js";
import type { ColumnPlan, Expr, TablePlan } from "./ir.js";
import { walk } from "./walk.js";

/** Constant bounds of a value when its expression fixes them: `clamp(x, lo, hi)`, `uniform(lo, hi)`, a constant. */
export function constBounds(e: Expr): [number, number] | undefined {
  const num = (x: Expr | undefined) => (x?.k === "const" && typeof x.v === "number" ? x.v : undefined);
  if (e.k === "const") return num(e) === undefined ? undefined : [num(e)!, num(e)!];
  if (e.k === "call" && e.fn === "clamp") {
    const lo = num(e.args[1]);
    const hi = num(e.args[2]);
    return lo !== undefined && hi !== undefined ? [lo, hi] : undefined;
  }
  if (
    e.k === "gen" &&
    (e.fn === "uniformInt" || e.fn === "uniformFloat") &&
    e.t.type.kind !== "timestamp" &&
    e.t.type.kind !== "date"
  ) {
    const lo = num(e.args[0]);
    const hi = num(e.args[1]);
    return lo !== undefined && hi !== undefined ? [lo, hi] : undefined;
  }
  if (e.k === "call" && e.fn === "round") return constBounds(e.args[0]!);
  return undefined;
}

/**
 * The check that keeps a value inside its column's type, when the expression does not prove it:
 * an int must be a safe integer (float arithmetic can give 1e300 or Infinity), a decimal(p, s) must
 * have at most p − s digits before the point.
 */
export function rangeCheck(c: ColumnPlan): { test: (x: string) => string; rule: string } | undefined {
  if (c.fits) return undefined;
  const b = constBounds(c.value);
  if (c.type.kind === "int" && c.type.bits !== undefined) {
    // int16 and int32: any value that does not fit is redrawn (a constant one is a compile error).
    const half = 2 ** (c.type.bits - 1);
    if (b && b[0] >= -half && b[1] < half) return undefined;
    if (c.value.k === "data") return undefined;
    return {
      test: (x) => `(${x} >= ${-half} && ${x} <= ${half - 1} && Number.isInteger(${x}))`,
      rule: `must fit int${c.type.bits} (${-half} to ${half - 1})`,
    };
  }
  if (c.type.kind === "int") {
    const v = c.value;
    // Float arithmetic rounded into an int can leave the safe range (1e300, Infinity); sums of ints cannot in practice.
    const risky =
      (v.k === "call" && ["round", "floor", "ceil", "abs"].includes(v.fn)) ||
      (v.k === "binary" && v.op === "mul") ||
      v.k === "faker";
    if (!risky || (b && Number.isSafeInteger(b[0]) && Number.isSafeInteger(b[1]))) return undefined;
    return { test: (x) => `(Number.isSafeInteger(${x}))`, rule: "must be a safe integer (|x| ≤ 2^53 − 1)" };
  }
  if (c.type.kind === "decimal" && isWide(c.type)) {
    // Units: |v| < 10^p. A value read from a no-wider decimal was checked where it was made.
    const from = c.value.t.type;
    const read = c.value.k === "local" || c.value.k === "rowField";
    if (
      read &&
      from.kind === "decimal" &&
      from.precision - from.scale <= c.type.precision - c.type.scale &&
      from.scale === c.type.scale
    )
      return undefined;
    const limit = 10n ** BigInt(c.type.precision);
    return {
      test: (x) => `(${x} < ${limit}n && ${x} > -${limit}n)`,
      rule: `must fit ${c.typeText} (less than 1e${c.type.precision - c.type.scale} in magnitude)`,
    };
  }
  if (c.type.kind === "decimal") {
    const limit = 10 ** (c.type.precision - c.type.scale);
    if (b && Math.abs(b[0]) < limit && Math.abs(b[1]) < limit) return undefined;
    const from = c.value.t.type;
    if (from.kind === "decimal" && from.precision - from.scale <= c.type.precision - c.type.scale) return undefined; // already checked where it was made
    return {
      test: (x) => `(Math.abs(${x}) < ${limit})`,
      rule: `must fit ${c.typeText} (less than ${limit} in magnitude)`,
    };
  }
  return undefined;
}

/** True when a failed check or validator makes the table draw a row again. */
export function tableRedraws(t: TablePlan): boolean {
  return (
    t.checks.length > 0 || t.columns.some((c) => !c.hidden && (c.checked.length > 0 || rangeCheck(c) !== undefined))
  );
}

function draws(e: Expr): boolean {
  let found = false;
  walk(e, (x) => {
    if ("slot" in x) found = true;
  });
  return found;
}

/**
 * The columns (and lets) whose value depends on the attempt: drawn from the stream (not a key by
 * construction), assigned by a `when` rule, a member of a `correlate` group, or reading one of those.
 */
export function attemptDependent(t: TablePlan): Set<string> {
  const out = new Set<string>();
  if (!tableRedraws(t)) return out;
  for (const r of t.rules) for (const a of r.assignments) out.add(a.column);
  for (const g of t.correlations) for (const c of g.columns) out.add(c);
  const byName = new Map(t.columns.map((c) => [c.name, c]));
  const reads = (c: ColumnPlan) => {
    const names: string[] = [];
    walk(c.value, (x) => {
      if (x.k === "local") names.push(x.name);
    });
    return names;
  };
  for (let changed = true; changed;) {
    changed = false;
    for (const c of t.columns) {
      if (out.has(c.name)) continue;
      const dep =
        (!c.stable && (draws(c.value) || c.nullShare > 0)) || reads(c).some((n) => out.has(n) && byName.has(n));
      if (dep) {
        out.add(c.name);
        changed = true;
      }
    }
  }
  return out;
}

/**
 * True when `e` is the same on every attempt of its row: it draws nothing and reads no value of
 * `dependent` (see `attemptDependent`). A check or validator over such a value holds or fails for
 * good, so a redraw cannot mend it.
 */
export function attemptInvariant(e: Expr, dependent: ReadonlySet<string>): boolean {
  let fixed = true;
  walk(e, (x) => {
    if ("slot" in x || (x.k === "local" && dependent.has(x.name))) fixed = false;
  });
  return fixed;
}
