/**
 * `correlate` (spec §7), measured end to end: a schema whose groups cover every marginal the language
 * can correlate (normal, lognormal, exponential, beta, gamma with shape below and above 1, float and
 * int uniforms, dates, poisson, zipf, bernoulli, weighted choices, enums, and `round`/`clamp`/arithmetic
 * wrappers, including a column that falls as its draw rises), 100 000 rows read through the compiled
 * module. Each listed pair's Spearman correlation (midranks for ties) must be within ±0.02 of its
 * target, unlisted pairs within ±0.02 of 0, and every correlated column must keep its declared
 * marginal: KS or chi-square against the reference distributions of reference.ts, α = 0.001.
 */
import { writeFileSync } from "node:fs";
import { join } from "node:path";
import { pathToFileURL } from "node:url";
import { beforeAll, describe, expect, it } from "vitest";
import { dgen, tempDir } from "../helpers/cli.js";
import { bundleModule } from "../helpers/typescript.js";
import { chiSquare, ks } from "../../compiler/report/stats/goodness.js";
import * as ref from "../../compiler/report/stats/reference.js";
import { spearman } from "../../compiler/report/stats/rank-correlation.js";

const N = 100_000;
const TOLERANCE = 0.02;

const SCHEMA = `
dataset corr { seed: 11  epoch: 2025-06-30 }
enum Tier { bronze: 0.5, silver: 0.3, gold: 0.2 }
enum Side { left, right }
table people {
  rows: ${N}
  id      int   @pk = sequence(1)
  born    date  = between(1950-01-01, 1999-12-31)
  age     int   = year(epoch) - year(born)
  income  float = lognormal(10.6, 0.6)
  score   int   = clamp(round(normal(690, 70)), 300, 850)
  correlate age, income, score {
    age ~ income: 0.4
    income ~ score: 0.5
    age ~ score: 0.3
  }
}
table mix {
  rows: ${N}
  visits  int   = poisson(3.5)
  ratio   float = beta(2, 5)
  wait    float = gamma(0.7, 2)
  tier    Tier
  rank    int   = zipf(1.2, 1000)
  level   float = uniform(0, 10)
  dice    int   = uniform(1, 6)
  churn   bool  = bernoulli(0.3)
  delay   float = exponential(0.5)
  big     float = gamma(5, 1)
  side    Side
  color   string = weighted({"red": 0.2, "green": 0.5, "blue": 0.3})
  correlate visits, ratio, wait, tier, rank, level {
    visits ~ ratio: 0.6
    wait ~ tier: -0.4
    rank ~ level: 0.7
    visits ~ level: 0.2
  }
  correlate dice, churn, delay, big, side, color {
    dice ~ delay: -0.5
    churn ~ big: 0.3
    side ~ color: 0.25
    delay ~ big: 0.45
  }
}
`;

interface Pair {
  readonly table: string;
  readonly a: string;
  readonly b: string;
  readonly target: number;
}

const PAIRS: readonly Pair[] = [
  { table: "people", a: "age", b: "income", target: 0.4 },
  { table: "people", a: "income", b: "score", target: 0.5 },
  { table: "people", a: "age", b: "score", target: 0.3 },
  { table: "mix", a: "visits", b: "ratio", target: 0.6 },
  { table: "mix", a: "wait", b: "tier", target: -0.4 },
  { table: "mix", a: "rank", b: "level", target: 0.7 },
  { table: "mix", a: "visits", b: "level", target: 0.2 },
  { table: "mix", a: "visits", b: "wait", target: 0 },
  { table: "mix", a: "ratio", b: "rank", target: 0 },
  { table: "mix", a: "dice", b: "delay", target: -0.5 },
  { table: "mix", a: "churn", b: "big", target: 0.3 },
  { table: "mix", a: "side", b: "color", target: 0.25 },
  { table: "mix", a: "delay", b: "big", target: 0.45 },
  { table: "mix", a: "dice", b: "churn", target: 0 },
  // Across groups the draws are independent.
  { table: "mix", a: "visits", b: "dice", target: 0 },
];

/** Category orders: a choice's values rank in declaration order. */
const ORDER: Record<string, readonly string[]> = {
  tier: ["bronze", "silver", "gold"],
  side: ["left", "right"],
  color: ["red", "green", "blue"],
};

let columns: Map<string, number[]>;

beforeAll(async () => {
  const root = tempDir("stats-corr");
  const schemaPath = join(root, "corr.dgen");
  writeFileSync(schemaPath, SCHEMA);
  const compiled = await dgen(["compile", schemaPath, "-o", join(root, "gen")]);
  expect(compiled.stderr).toBe("");
  expect(compiled.code).toBe(0);
  const moduleFile = join(root, "corr-module.mjs");
  await bundleModule(root, join(root, "gen", "corr.ts"), moduleFile);
  const mod = (await import(pathToFileURL(moduleFile).href)) as Record<string, unknown>;
  columns = new Map();
  for (const table of ["people", "mix"]) {
    // A plural table name keeps its name as the iterator (`people`, `mix`).
    const iter = mod[table] as (from: number, to: number) => Iterable<Record<string, unknown>>;
    expect(typeof iter, `the iterator of ${table}`).toBe("function");
    for (const row of iter(0, N))
      for (const [k, v] of Object.entries(row)) {
        const key = `${table}.${k}`;
        if (!columns.has(key)) columns.set(key, []);
        columns.get(key)!.push(numeric(k, v));
      }
  }
}, 180_000);

function numeric(column: string, v: unknown): number {
  if (typeof v === "number") return v;
  if (typeof v === "boolean") return v ? 1 : 0;
  if (typeof v === "string" && ORDER[column]) return ORDER[column]!.indexOf(v);
  if (typeof v === "string") return Date.parse(v);
  throw new Error(`unexpected ${column} value ${String(v)}`);
}

describe(`Spearman correlations of ${N} rows`, () => {
  for (const p of PAIRS)
    it(`${p.table}: ${p.a} ~ ${p.b} measures ${p.target} ± ${TOLERANCE}`, () => {
      const rho = spearman(columns.get(`${p.table}.${p.a}`)!, columns.get(`${p.table}.${p.b}`)!);
      expect(Math.abs(rho - p.target), `measured ${rho.toFixed(4)}`).toBeLessThanOrEqual(TOLERANCE);
    });
});

describe("correlated columns keep their marginals", () => {
  const continuous: [string, ref.Continuous][] = [
    ["people.income", ref.lognormal(10.6, 0.6)],
    ["mix.ratio", ref.beta(2, 5)],
    ["mix.wait", ref.gamma(0.7, 2)],
    ["mix.level", ref.uniform(0, 10)],
    ["mix.delay", ref.exponential(0.5)],
    ["mix.big", ref.gamma(5, 1)],
  ];
  for (const [name, dist] of continuous)
    it(`${name} follows ${dist.label} (KS)`, () => {
      const r = ks(columns.get(name)!, (x) => dist.cdf(x));
      expect(r.d, `D = ${r.d.toFixed(5)} at ${r.at}`).toBeLessThan(r.critical);
    });

  const discrete: [string, (k: number) => number, number, number][] = [
    ["mix.visits", (k) => ref.poisson(3.5).pmf(k), 0, 12],
    ["mix.rank", (k) => ref.zipf(1.2, 1000).pmf(k), 1, 30],
    ["mix.dice", () => 1 / 6, 1, 6],
    ["mix.tier", (k) => [0.5, 0.3, 0.2][k]!, 0, 2],
    ["mix.color", (k) => [0.2, 0.5, 0.3][k]!, 0, 2],
    ["mix.side", () => 0.5, 0, 1],
    ["mix.churn", (k) => (k === 1 ? 0.3 : 0.7), 0, 1],
  ];
  for (const [name, pmf, lo, hi] of discrete)
    it(`${name} keeps its probabilities (chi-square)`, () => {
      const values = columns.get(name)!;
      // Bins lo..hi, the last one open-ended.
      const counts = new Array<number>(hi - lo + 1).fill(0);
      expect(Math.min(...values)).toBeGreaterThanOrEqual(lo);
      for (const v of values) counts[Math.min(v, hi) - lo]!++;
      const probs = counts.map((_, i) => pmf(lo + i));
      probs[probs.length - 1] = 1 - probs.slice(0, -1).reduce((a, b) => a + b, 0);
      const r = chiSquare(counts, probs);
      expect(r.stat, JSON.stringify(r)).toBeLessThan(r.critical);
    });

  it("people.born stays uniform over its days, although age is correlated through it", () => {
    const lo = Date.UTC(1950, 0, 1);
    const hi = Date.UTC(1999, 11, 31);
    const days = (hi - lo) / 86_400_000 + 1;
    const r = ks(
      columns.get("people.born")!,
      (x) => Math.min(1, (Math.floor((x - lo) / 86_400_000) + 1) / days),
      (x) => Math.max(0, Math.floor((x - lo) / 86_400_000) / days),
    );
    expect(r.d).toBeLessThan(r.critical);
  });

  it("people.score keeps clamp(round(normal(690, 70)), 300, 850) (KS with atoms)", () => {
    const n = ref.normal(690, 70);
    const cdf = (x: number) => (x >= 850 ? 1 : n.cdf(x + 0.5));
    const before = (x: number) => (x <= 300 ? 0 : n.cdf(x - 0.5));
    const r = ks(columns.get("people.score")!, cdf, before);
    expect(r.d).toBeLessThan(r.critical);
  });
});
