/**
 * Spelling suggestions, after TypeScript's `getSpellingSuggestion`: the closest candidate whose
 * Levenshtein distance is at most 0.4 × the name's length (and at least 1 edit away).
 *
 * `suggest("cutomer_id", ["customer_id", "id"])` → `"customer_id"`.
 */
export function suggest(name: string, candidates: Iterable<string>): string | undefined {
  const max = Math.max(1, Math.floor(name.length * 0.4));
  let best: string | undefined;
  let bestDistance = Infinity;
  for (const candidate of candidates) {
    if (candidate === name) continue;
    if (Math.abs(candidate.length - name.length) > max) continue;
    const d = candidate.toLowerCase() === name.toLowerCase() ? 0.5 : levenshtein(name, candidate, max);
    if (d <= max && d < bestDistance) {
      best = candidate;
      bestDistance = d;
    }
  }
  return best;
}

/** `didYouMean("cutomer_id", names)` → `"did you mean 'customer_id'?"` or undefined. */
export function didYouMean(name: string, candidates: Iterable<string>): string | undefined {
  const s = suggest(name, candidates);
  return s === undefined ? undefined : `did you mean '${s}'?`;
}

function levenshtein(a: string, b: string, limit: number): number {
  let prev = new Array<number>(b.length + 1);
  let cur = new Array<number>(b.length + 1);
  for (let j = 0; j <= b.length; j++) prev[j] = j;
  for (let i = 1; i <= a.length; i++) {
    cur[0] = i;
    let rowMin = i;
    for (let j = 1; j <= b.length; j++) {
      const cost = a.charCodeAt(i - 1) === b.charCodeAt(j - 1) ? 0 : 1;
      cur[j] = Math.min(prev[j]! + 1, cur[j - 1]! + 1, prev[j - 1]! + cost);
      if (cur[j]! < rowMin) rowMin = cur[j]!;
    }
    if (rowMin > limit) return limit + 1;
    [prev, cur] = [cur, prev];
  }
  return prev[b.length]!;
}
