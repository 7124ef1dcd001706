/**
 * The chart of a column: a histogram of its numbers or bars of its categories, with the counts its
 * declaration expects when it has one. Pure.
 *
 *   histogram(Float64Array.of(1, 2, 2, 3), "number", undefined)
 *   // { kind: "bars"… } for few whole numbers, else { kind: "histogram", bins: [{ lo, hi, count }, …] }
 */
import type { Declared } from "./declared.js";
import type { Bin, Chart } from "./model.js";

const BINS = 30;
/** Whole numbers spanning at most this many values get one bar each. */
const INT_BARS = 40;
const BARS = 30;

export function numberChart(values: Float64Array, unit: "number" | "date" | "timestamp", declared?: Declared): Chart | undefined {
  const n = values.length;
  if (n === 0) return undefined;
  let min = Infinity;
  let max = -Infinity;
  let integral = true;
  for (let i = 0; i < n; i++) {
    const v = values[i]!;
    if (v < min) min = v;
    if (v > max) max = v;
    if (integral && !Number.isInteger(v)) integral = false;
  }
  const expectIn = expectation(declared, n, integral);
  if (integral && max - min + 1 <= INT_BARS && unit === "number") {
    const counts = new Array<number>(max - min + 1).fill(0);
    for (let i = 0; i < n; i++) counts[values[i]! - min]!++;
    const labels = counts.map((_, i) => String(min + i));
    const expected = expectIn ? counts.map((_, i) => expectIn(min + i, min + i + 1, false)) : undefined;
    return { kind: "bars", labels, counts, ...(expected ? { expected } : {}) };
  }
  const width = integral ? Math.max(1, Math.ceil((max - min + 1) / BINS)) : (max - min) / BINS || 1;
  const count = integral ? Math.ceil((max - min + 1) / width) : BINS;
  const bins: { lo: number; hi: number; count: number; expected?: number }[] = [];
  for (let b = 0; b < count; b++) {
    const lo = min + b * width;
    const hi = b === count - 1 && !integral ? max : lo + width;
    bins.push({ lo, hi, count: 0 });
  }
  for (let i = 0; i < n; i++) bins[Math.min(count - 1, Math.floor((values[i]! - min) / width))]!.count++;
  if (expectIn) bins.forEach((b, i) => (b.expected = expectIn(b.lo, b.hi, i === count - 1 && !integral)));
  return { kind: "histogram", unit, bins: bins as Bin[] };
}

/** The expected count in [lo, hi) (closed at hi when `closed`), or undefined without a declaration. */
function expectation(
  d: Declared | undefined,
  n: number,
  integral: boolean,
): ((lo: number, hi: number, closed: boolean) => number) | undefined {
  if (!d) return undefined;
  switch (d.kind) {
    case "continuous":
      return (lo, hi, closed) => n * ((closed ? d.cdf(hi) : d.before(hi)) - d.before(lo));
    case "discrete":
      if (!integral) return undefined;
      return (lo, hi) => {
        let p = 0;
        const a = Math.max(Math.ceil(lo), d.lo);
        const b = Math.min(Math.ceil(hi) - 1, d.hi, a + 1_000_000);
        for (let k = a; k <= b; k++) p += d.pmf(k);
        return n * p;
      };
    case "categories":
      return undefined;
  }
}

/** Bars of categories: declared values first in their order, then the others by count; at most 30 and "(other)". */
export function categoryChart(counts: ReadonlyMap<string, number>, uncounted: number, declared?: Declared): Chart | undefined {
  const total = [...counts.values()].reduce((a, b) => a + b, uncounted);
  if (total === 0) return undefined;
  // every value once (emails, uuids): bars would say nothing
  if (declared?.kind !== "categories" && uncounted === 0 && counts.size > 1 && [...counts.values()].every((c) => c === 1))
    return undefined;
  const order: string[] = [];
  const expectedOf = new Map<string, number>();
  if (declared?.kind === "categories")
    declared.values.forEach((v, i) => {
      order.push(v);
      expectedOf.set(v, total * declared.probs[i]!);
    });
  const rest = [...counts.entries()]
    .filter(([v]) => !expectedOf.has(v))
    .sort((a, b) => b[1] - a[1] || (a[0] < b[0] ? -1 : 1))
    .map(([v]) => v);
  order.push(...rest);
  const shown = order.slice(0, BARS);
  let other = uncounted;
  for (const v of order.slice(BARS)) other += counts.get(v) ?? 0;
  const labels = [...shown, ...(other > 0 ? ["(other)"] : [])];
  const barCounts = [...shown.map((v) => counts.get(v) ?? 0), ...(other > 0 ? [other] : [])];
  const expected = expectedOf.size > 0 ? labels.map((v) => expectedOf.get(v) ?? 0) : undefined;
  return { kind: "bars", labels, counts: barCounts, ...(expected ? { expected } : {}) };
}
