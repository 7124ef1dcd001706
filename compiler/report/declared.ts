/**
 * What a column declares about its values, read from the Plan: a continuous distribution (possibly
 * rounded and clamped, so with atoms), a distribution on whole numbers, or shares of categories. Only
 * values drawn by one generator with constant parameters have one; anything computed from other
 * columns or rows has none and is shown as measured only. Dates are in days since 1970-01-01, as the
 * Plan holds them.
 *
 *   declaredOf(column)   // { kind: "continuous", label: "clamp(round(normal(690, 70)), 300, 850)", cdf, before }
 */
import type { ColumnPlan, Expr, TablePlan } from "../ir/ir.js";
import { children } from "../ir/walk.js";
import * as ref from "./stats/reference.js";

export type Declared =
  /** `before(x)` is P(X < x); it differs from `cdf` where the distribution has atoms. */
  | {
      readonly kind: "continuous";
      readonly label: string;
      cdf(x: number): number;
      before(x: number): number;
    }
  /** Whole numbers lo..hi; the last bin of a chi-square test takes everything above hi. */
  | {
      readonly kind: "discrete";
      readonly label: string;
      pmf(k: number): number;
      readonly lo: number;
      readonly hi: number;
    }
  | {
      readonly kind: "categories";
      readonly label: string;
      readonly values: readonly string[];
      readonly probs: readonly number[];
    };

/** The declared distribution of a column's non-null values, or undefined when it declares none. */
export function declaredOf(c: ColumnPlan): Declared | undefined {
  if (c.noise || c.privacy?.mask || c.privacy?.encrypt) return undefined;
  const d = distOf(c.value);
  // a date or timestamp drawn uniformly: say so in its own terms, not in days or milliseconds
  if (d && c.value.k === "gen" && c.value.fn === "uniformInt" && (c.type.kind === "date" || c.type.kind === "timestamp")) {
    const [lo, hi] = args(c.value)!;
    const show = (x: number) =>
      c.type.kind === "date"
        ? new Date(x * 86_400_000).toISOString().slice(0, 10)
        : new Date(x).toISOString().replace(".000Z", "Z");
    return { ...d, label: `between(${show(lo!)}, ${show(hi!)})` };
  }
  return d;
}

function num(e: Expr | undefined): number | undefined {
  return e?.k === "const" && typeof e.v === "number" ? e.v : undefined;
}

function args(e: Expr & { args: readonly Expr[] }): number[] | undefined {
  const out = e.args.map(num);
  return out.every((x) => x !== undefined) ? (out as number[]) : undefined;
}

/** Whole-number distributions wider than this are tested by KS rather than by chi-square over every value. */
const WIDE = 10_000;

const fmt = (x: number) => String(Number(x.toPrecision(12)));

function distOf(e: Expr): Declared | undefined {
  switch (e.k) {
    case "gen": {
      const a = args(e);
      if (!a) return undefined;
      const label = `${e.fn === "uniformInt" || e.fn === "uniformFloat" ? "uniform" : e.fn}(${a.map(fmt).join(", ")})`;
      switch (e.fn) {
        case "uniformFloat":
          return continuous(label, ref.uniform(a[0]!, a[1]!));
        case "normal":
          return continuous(label, ref.normal(a[0]!, a[1]!));
        case "lognormal":
          return continuous(label, ref.lognormal(a[0]!, a[1]!));
        case "exponential":
          return continuous(label, ref.exponential(a[0]!));
        case "gamma":
          return continuous(label, ref.gamma(a[0]!, a[1]!));
        case "beta":
          return continuous(label, ref.beta(a[0]!, a[1]!));
        case "uniformInt":
        {
          const [lo, hi] = [a[0]!, a[1]!];
          const size = hi - lo + 1;
          // many values (dates over decades, ids): KS with the steps of the discrete uniform, as the suite tests dates
          if (size > WIDE)
            return {
              kind: "continuous",
              label,
              cdf: (x) => Math.min(1, Math.max(0, (Math.floor(x) - lo + 1) / size)),
              before: (x) => Math.min(1, Math.max(0, (Math.ceil(x) - lo) / size)),
            };
          return { kind: "discrete", label, pmf: (k) => (k >= lo && k <= hi ? 1 / size : 0), lo, hi };
        }
        case "poisson": {
          const p = ref.poisson(a[0]!);
          let hi = 0;
          for (let cum = p.pmf(0); 1 - cum > 1e-6 && hi < 100_000; ) cum += p.pmf(++hi);
          return { kind: "discrete", label, pmf: (k) => p.pmf(k), lo: 0, hi };
        }
        case "zipf": {
          if (!(a[1]! <= WIDE)) return undefined;
          const z = ref.zipf(a[0]!, a[1]!);
          return { kind: "discrete", label, pmf: (k) => z.pmf(k), lo: 1, hi: a[1]! };
        }
        case "bernoulli":
          return { kind: "categories", label, values: ["false", "true"], probs: [1 - a[0]!, a[0]!] };
        case "uuid":
          return undefined;
      }
      return undefined;
    }
    case "choice": {
      const values = e.choices.values.map(String);
      const w = e.choices.weights ?? values.map(() => 1);
      const total = w.reduce((x, y) => x + y, 0);
      const probs = w.map((x) => x / total);
      const label = e.choices.weights
        ? `weighted(${values.map((v, i) => `${JSON.stringify(v)}: ${fmt(probs[i]!)}`).join(", ")})`
        : `one_of(${values.map((v) => JSON.stringify(v)).join(", ")})`;
      return { kind: "categories", label, values, probs };
    }
    case "call": {
      if (e.fn === "round" && e.args.length >= 1) {
        const inner = distOf(e.args[0]!);
        const digits = e.args.length > 1 ? num(e.args[1]) : 0;
        if (inner?.kind !== "continuous" || digits === undefined) return undefined;
        const step = 10 ** -digits;
        // round half away from zero: value v takes the draws in [v − step/2, v + step/2)
        return {
          kind: "continuous",
          label: `round(${inner.label}${digits ? `, ${digits}` : ""})`,
          cdf: (x) => inner.before(Math.floor(x / step + 1e-9) * step + step / 2),
          before: (x) => inner.before(Math.ceil(x / step - 1e-9) * step - step / 2),
        };
      }
      if (e.fn === "clamp" && e.args.length === 3) {
        const inner = distOf(e.args[0]!);
        const lo = num(e.args[1]);
        const hi = num(e.args[2]);
        if (inner?.kind !== "continuous" || lo === undefined || hi === undefined) return undefined;
        return {
          kind: "continuous",
          label: `clamp(${inner.label}, ${fmt(lo)}, ${fmt(hi)})`,
          cdf: (x) => (x >= hi ? 1 : x < lo ? 0 : inner.cdf(x)),
          before: (x) => (x <= lo ? 0 : x > hi ? 1 : inner.before(x)),
        };
      }
      return undefined;
    }
    default:
      return undefined;
  }
}

function continuous(label: string, d: ref.Continuous): Declared {
  return { kind: "continuous", label, cdf: (x) => d.cdf(x), before: (x) => d.cdf(x) };
}

/**
 * Columns whose values a rule reshapes, so their declared draw no longer describes them: those a
 * `when` rule assigns, and those a `check` or a validator generation checks (which redraw rejected
 * rows) reads — through the columns and `let`s it reads, as far as they go.
 */
export function reshaped(t: TablePlan): Map<string, string> {
  const byName = new Map(t.columns.map((c) => [c.name, c]));
  const out = new Map<string, string>();
  const mark = (e: Expr, why: string) => {
    const stack = [e];
    while (stack.length > 0) {
      const x = stack.pop()!;
      if (x.k === "local" && !out.has(x.name)) {
        out.set(x.name, why);
        const c = byName.get(x.name);
        if (c) stack.push(c.value);
      }
      stack.push(...children(x));
    }
  };
  for (const r of t.rules) for (const a of r.assignments) if (!out.has(a.column)) out.set(a.column, r.text.startsWith("when ") ? r.text : `when ${r.text}`);
  for (const c of t.checks) mark(c.condition, `check ${c.text}`);
  for (const c of t.columns)
    if (c.checked.length > 0) mark({ k: "local", t: { type: c.type, nullable: c.nullable }, name: c.name }, `@${c.checked[0]!.kind}, checked while generating`);
  return out;
}
