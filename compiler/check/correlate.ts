/**
 * `correlate a, b, c { a ~ b: 0.5 ... }` (spec §7) as a Gaussian copula.
 *
 * Each listed column must be a monotone function of exactly one random draw with a distribution (its
 * "source": `normal(...)`, `weighted(...)`, an enum default, `between(...)` …), possibly through
 * `round`, `clamp`, arithmetic with constants and other columns (`age = year(epoch) - year(birth_date)`
 * correlates through `birth_date`, flipped because age falls as the birth date rises). The Spearman
 * targets become the latent Pearson matrix 2·sin(π·ρ/6), which must be positive semi-definite; its
 * Cholesky factor is emitted as constants. Each source draw is then rewritten to read its uniform from
 * the group (`copula` on the IR node), so its marginal is unchanged.
 */
import type * as A from "../ast/nodes.js";
import type { ColumnPlan, CopulaInput, CorrelationPlan, Expr } from "../ir/ir.js";
import { messages } from "../../diagnostics/messages.js";
import { reporter, type Diagnostic } from "../../diagnostics/diagnostic.js";
import { didYouMean } from "../../diagnostics/spelling.js";
import { walk } from "../ir/walk.js";
import { coefficients, latentFor, marginOf } from "./copula-calibrate.js";
import { cholesky, minEigenvalue, nearestValid, PSD_TOLERANCE, spearmanToPearson } from "./linalg.js";

/** Generators whose draw can be replaced by an inverse CDF of a uniform. */
const INVERTIBLE = new Set([
  "uniformInt",
  "uniformFloat",
  "normal",
  "lognormal",
  "exponential",
  "poisson",
  "zipf",
  "bernoulli",
  "beta",
  "gamma",
]);

type Source = Extract<Expr, { k: "gen" } | { k: "choice" }>;

interface Traced {
  readonly source: Source;
  /** The column whose expression holds the draw. */
  readonly owner: string;
  /** +1 when the column rises with the draw, -1 when it falls. */
  readonly direction: 1 | -1;
}

type Trace =
  Traced | { readonly problem: "none" | "several" | "notMonotone" | "notInvertible"; readonly what?: string };

export interface Correlated {
  readonly columns: ColumnPlan[];
  readonly correlations: CorrelationPlan[];
}

export function applyCorrelations(
  decls: readonly A.CorrelateDecl[],
  tableName: string,
  columns: readonly ColumnPlan[],
  diagnostics: Diagnostic[],
): Correlated {
  const err = reporter(diagnostics);
  const byName = new Map(columns.map((c) => [c.name, c]));
  const memberOf = new Map<string, number>(); // column or source owner → group
  const inputs = new Map<Expr, CopulaInput>();
  const correlations: CorrelationPlan[] = [];

  for (const decl of decls) {
    const g = correlations.length;
    const names: string[] = [];
    const traces: Traced[] = [];
    let ok = true;
    for (const n of decl.columns) {
      const c = byName.get(n.text);
      if (!c) {
        const help = didYouMean(
          n.text,
          columns.map((x) => x.name),
        );
        err(messages.unknownColumn, n.span, [n.text, tableName], help ? { help } : {});
        ok = false;
        continue;
      }
      if (names.includes(n.text)) {
        err(messages.correlateRepeated, n.span, [n.text]);
        ok = false;
        continue;
      }
      const t = trace(c, byName);
      if (!("source" in t)) {
        err(messages.correlateNoDistribution, n.span, [n.text, whyNot(t)]);
        ok = false;
        continue;
      }
      for (const key of new Set([n.text, t.owner])) {
        if (memberOf.has(key)) {
          err(messages.columnInTwoGroups, n.span, [key]);
          ok = false;
        }
      }
      const twin = traces.findIndex((x) => x.source === t.source);
      if (twin >= 0) {
        err(messages.correlateSameDraw, n.span, [n.text, names[twin]!, t.owner]);
        ok = false;
        continue;
      }
      names.push(n.text);
      traces.push(t);
    }
    if (!ok) continue;

    // The Spearman matrix from the pairs; unlisted pairs are 0.
    const m: number[][] = names.map((_, i) => names.map((__, j) => (i === j ? 1 : 0)));
    const pairAt = new Map<string, A.CorrelationPair>();
    for (const p of decl.pairs) {
      const i = names.indexOf(p.left.text);
      const j = names.indexOf(p.right.text);
      const outside = [p.left, p.right].find((x) => !names.includes(x.text));
      if (outside) {
        err(messages.correlatePairOutside, outside.span, [outside.text], { help: `list it after 'correlate'` });
        ok = false;
        continue;
      }
      if (i === j) {
        err(messages.correlateSelf, p.span, [p.left.text]);
        ok = false;
        continue;
      }
      const key = i < j ? `${i},${j}` : `${j},${i}`;
      if (pairAt.has(key)) {
        err(messages.correlateDuplicatePair, p.span, [p.left.text, p.right.text]);
        ok = false;
        continue;
      }
      const v = constNumber(p.value);
      if (v === undefined || !(v >= -1 && v <= 1)) {
        err(messages.correlateBadValue, p.value.span, []);
        ok = false;
        continue;
      }
      pairAt.set(key, p);
      m[i]![j] = v;
      m[j]![i] = v;
    }
    if (!ok) continue;

    // The latent Pearson matrix: 2·sin(π·ρ/6) between continuous draws, calibrated for ties otherwise.
    const margins = traces.map((t) => marginOf(t.source, t.direction < 0));
    const coefs = margins.map((mg) => (mg.kind === "continuous" ? undefined : coefficients(mg)));
    let continuous: Float64Array | undefined;
    const coefOf = (i: number) => coefs[i] ?? (continuous ??= coefficients({ kind: "continuous" }));
    const latentOf = (x: number, i: number, j: number) =>
      !coefs[i] && !coefs[j] ? spearmanToPearson(x) : latentFor(x, coefOf(i), coefOf(j));
    const latent = (s: number[][]) => s.map((row, i) => row.map((x, j) => (i === j ? 1 : latentOf(x, i, j))));
    const lat = latent(m);
    const low = minEigenvalue(lat);
    if (low < -PSD_TOLERANCE) {
      // Name the listed pair whose smallest change makes the matrix valid.
      let best: { pair: A.CorrelationPair; value: number; change: number } | undefined;
      for (const [key, pair] of pairAt) {
        const [i, j] = key.split(",").map(Number) as [number, number];
        const v = nearestValid(m, i, j, latent);
        if (v === undefined) continue;
        const change = Math.abs(v - m[i]![j]!);
        if (!best || change < best.change) best = { pair, value: v, change };
      }
      const help = best
        ? `the nearest valid value of '${best.pair.left.text} ~ ${best.pair.right.text}' is ${inward(best.value, m, best.pair, names)}, with the other pairs unchanged`
        : undefined;
      err(messages.correlateNotPsd, best ? best.pair.value.span : decl.span, [low.toFixed(4)], help ? { help } : {});
      continue;
    }

    for (const n of names) memberOf.set(n, g);
    traces.forEach((t, index) => {
      memberOf.set(t.owner, g);
      inputs.set(t.source, { group: g, index, flip: t.direction < 0 });
    });
    correlations.push({ columns: names, cholesky: cholesky(lat), spearman: m });
  }

  if (inputs.size === 0) return { columns: [...columns], correlations };
  return { columns: columns.map((c) => replaceIn(c, inputs)), correlations };
}

/** The suggested value, rounded to two places towards the valid side. */
function inward(v: number, m: number[][], pair: A.CorrelationPair, names: string[]): string {
  const current = m[names.indexOf(pair.left.text)]![names.indexOf(pair.right.text)]!;
  const r = v < current ? Math.floor(v * 100 + 1e-9) / 100 : Math.ceil(v * 100 - 1e-9) / 100;
  return String(r);
}

function whyNot(t: Exclude<Trace, Traced>): string {
  switch (t.problem) {
    case "none":
      return "its value is not drawn from a distribution";
    case "several":
      return "its value combines several random draws";
    case "notMonotone":
      return `its value is not a monotone function of its draw (${t.what})`;
    case "notInvertible":
      return `${t.what} has no distribution function to correlate through`;
  }
}

function constNumber(e: A.Expr): number | undefined {
  if (e.kind === "NumberLit") return e.value;
  if (e.kind === "Unary" && e.op === "-") {
    const x = constNumber(e.operand);
    return x === undefined ? undefined : -x;
  }
  return undefined;
}

// ---------------------------------------------------------------- tracing a column to its draw

/** Finds the one random draw a column's value depends on, and whether the value rises or falls with it. */
function trace(c: ColumnPlan, columns: Map<string, ColumnPlan>): Trace {
  const r = dir(c.value, columns, new Set([c.name]));
  if (r === "neutral") return { problem: "none" };
  if ("problem" in r) return r;
  return { source: r.source, owner: r.owner ?? c.name, direction: r.direction };
}

type Dir = "neutral" | { source: Source; owner?: string; direction: 1 | -1 } | Exclude<Trace, Traced>;

const flip = (d: Dir): Dir =>
  typeof d === "object" && "source" in d ? { ...d, direction: d.direction === 1 ? -1 : 1 } : d;

function dir(e: Expr, columns: Map<string, ColumnPlan>, seen: Set<string>): Dir {
  const sub = (x: Expr) => dir(x, columns, seen);
  const both = (a: Dir, b: Dir, combine: (a: Dir, b: Dir) => Dir): Dir => {
    if (a !== "neutral" && "problem" in a) return a;
    if (b !== "neutral" && "problem" in b) return b;
    if (a !== "neutral" && b !== "neutral") return { problem: "several" };
    return combine(a, b);
  };
  switch (e.k) {
    case "gen":
      if (!INVERTIBLE.has(e.fn)) return { problem: "notInvertible", what: `'${e.fn}()'` };
      if (e.args.some((a) => sub(a) !== "neutral")) return { problem: "several" };
      return { source: e, direction: 1 };
    case "choice":
      return { source: e, direction: 1 };
    case "const":
    case "special":
    case "sequence":
    case "parentRow":
      return "neutral";
    case "local": {
      if (seen.has(e.name)) return "neutral";
      const c = columns.get(e.name);
      if (!c) return "neutral";
      const inner = dir(c.value, columns, new Set([...seen, e.name]));
      if (typeof inner === "object" && "source" in inner) return { ...inner, owner: inner.owner ?? e.name };
      return inner;
    }
    case "neg":
      return flip(sub(e.e));
    case "binary": {
      const l = sub(e.l);
      const r = sub(e.r);
      switch (e.op) {
        case "add":
          return both(l, r, (a, b) => (a === "neutral" ? b : a));
        case "sub":
          return both(l, r, (a, b) => (a === "neutral" ? flip(b) : a));
        case "mul":
        case "div": {
          if (l !== "neutral" && "problem" in l) return l;
          if (r !== "neutral" && "problem" in r) return r;
          if (l === "neutral" && r === "neutral") return "neutral";
          if (l !== "neutral" && r !== "neutral") return { problem: "several" };
          // x·k and x/k follow the sign of k; k·x too; k/x is not monotone across 0.
          const k = l === "neutral" ? (e.op === "mul" ? constOf(e.l) : undefined) : constOf(e.r);
          if (k === undefined || k === 0)
            return {
              problem: "notMonotone",
              what: `'${e.op === "mul" ? "*" : "/"}' by something other than a non-zero constant`,
            };
          const d = l === "neutral" ? r : l;
          return k > 0 ? d : flip(d);
        }
        default:
          return both(l, r, (a, b) =>
            a === "neutral" && b === "neutral" ? "neutral" : { problem: "notMonotone", what: e.op },
          );
      }
    }
    case "call": {
      const args = e.args.map(sub);
      const [first, ...rest] = args;
      if (rest.some((a) => a !== "neutral")) {
        const bad = rest.find((a) => a !== "neutral")!;
        return "problem" in bad ? bad : { problem: "several" };
      }
      if (first === undefined || first === "neutral") return "neutral";
      if ("problem" in first) return first;
      switch (e.fn) {
        case "round":
        case "floor":
        case "ceil":
        case "clamp":
        case "min":
        case "max":
        case "year":
        case "toDate":
        case "toTimestamp":
          return first;
        default:
          return { problem: "notMonotone", what: e.fn };
      }
    }
    default: {
      // Anything else is fine when it holds no draw of this table's row.
      let random: string | undefined;
      const drawn: Partial<Record<Expr["k"], string>> = {
        gen: "a random draw",
        choice: "a choice",
        pattern: "a pattern",
        faker: "a faker method",
        pick: "a picked row",
        fileRow: "a row drawn from a file",
        uniqueInt: "a key",
        uniquePattern: "a key",
        uniqueChoice: "a key",
      };
      walk(e, (x) => {
        random ??= drawn[x.k];
      });
      if (random === undefined) return "neutral";
      return drawn[e.k] ? { problem: "notInvertible", what: random } : { problem: "notMonotone", what: e.k };
    }
  }
}

function constOf(e: Expr): number | undefined {
  if (e.k === "const" && typeof e.v === "number") return e.v;
  if (e.k === "neg") {
    const x = constOf(e.e);
    return x === undefined ? undefined : -x;
  }
  return undefined;
}

// ---------------------------------------------------------------- rewriting the draws

/** `c` with every source draw in `inputs` marked with its copula input (a structural copy where changed). */
function replaceIn(c: ColumnPlan, inputs: Map<Expr, CopulaInput>): ColumnPlan {
  return rewrite(c, inputs) as ColumnPlan;
}

function rewrite(x: unknown, inputs: Map<Expr, CopulaInput>): unknown {
  if (Array.isArray(x)) {
    let changed = false;
    const out = x.map((y) => {
      const z = rewrite(y, inputs);
      if (z !== y) changed = true;
      return z;
    });
    return changed ? out : x;
  }
  if (x === null || typeof x !== "object") return x;
  const input = inputs.get(x as Expr);
  let changed = false;
  const out: Record<string, unknown> = {};
  for (const [k, v] of Object.entries(x)) {
    const z = rewrite(v, inputs);
    if (z !== v) changed = true;
    out[k] = z;
  }
  if (input) return { ...out, copula: input };
  return changed ? out : x;
}
