/**
 * Noise (spec §8): the shares of `@noise(typo: 2%, missing: 1%, format: 3%, outlier: 0.5%)` on a
 * column and of the table setting `noise: { ... }`, which kinds apply to which types, and the table
 * default applied to a table's string and number columns (never to its keys).
 *
 *   noiseKindProblem("outlier", { kind: "string" })   // "outlier applies to numbers only"
 *   defaultNoise({ typo: 0.01, missing: 0, format: 0, outlier: 0.02 }, { kind: "string" })
 *   // { typo: 0.01, missing: 0, format: 0, outlier: 0 }
 */
import type * as A from "../ast/nodes.js";
import { reporter } from "../../diagnostics/diagnostic.js";
import { messages } from "../../diagnostics/messages.js";
import { didYouMean } from "../../diagnostics/spelling.js";
import type { ColumnPlan, NoisePlan, Type } from "../ir/ir.js";
import type { SchemaInfo } from "./context.js";
import { showType } from "./types.js";

export const NOISE_KINDS = ["typo", "missing", "format", "outlier"] as const;
export type NoiseKind = (typeof NOISE_KINDS)[number];

const NUMBERS = new Set(["int", "bigint", "float", "decimal"]);
const TEXT = new Set(["string", "uuid", "enum"]);
/** The types a table's `noise:` default reaches (spec §8: its string and number columns). */
const DEFAULTED = new Set(["int", "bigint", "float", "decimal", "string"]);

/** Why `kind` cannot dirty a column of type `t`, or undefined when it can. */
export function noiseKindProblem(kind: NoiseKind, t: Type): string | undefined {
  switch (kind) {
    case "missing":
      return undefined;
    case "outlier":
      return NUMBERS.has(t.kind) ? undefined : "outlier applies to numbers only";
    case "typo":
    case "format":
      return NUMBERS.has(t.kind) || TEXT.has(t.kind) || t.kind === "date" || t.kind === "timestamp"
        ? undefined
        : `${kind} applies to strings, numbers, dates and timestamps`;
  }
}

/** The part of a table's default that applies to a column of type `t` (undefined when none does). */
export function defaultNoise(plan: NoisePlan, t: Type): NoisePlan | undefined {
  if (!DEFAULTED.has(t.kind)) return undefined;
  const out = {
    typo: noiseKindProblem("typo", t) ? 0 : plan.typo,
    missing: plan.missing,
    format: noiseKindProblem("format", t) ? 0 : plan.format,
    outlier: noiseKindProblem("outlier", t) ? 0 : plan.outlier,
  };
  return hasNoise(out) ? out : undefined;
}

export function hasNoise(p: NoisePlan): boolean {
  return p.typo > 0 || p.missing > 0 || p.format > 0 || p.outlier > 0;
}

interface Entry {
  readonly name: A.Name;
  readonly value: A.Expr;
  readonly span: A.Span;
}

/**
 * The shares of `@noise(...)` (with the column's type, so kinds that do not apply are errors) or of
 * a table's `noise: { ... }` (without). Reports and returns undefined when something is wrong.
 */
export function noiseShares(
  schema: SchemaInfo,
  entries: readonly Entry[],
  span: A.Span,
  type: Type | undefined,
): NoisePlan | undefined {
  const err = reporter(schema.diagnostics);
  const shares: Record<NoiseKind, number> = { typo: 0, missing: 0, format: 0, outlier: 0 };
  const seen = new Set<string>();
  let ok = true;
  for (const e of entries) {
    const name = e.name.text;
    if (!(NOISE_KINDS as readonly string[]).includes(name)) {
      const help = didYouMean(name, NOISE_KINDS);
      err(messages.unknownNoiseKind, e.name.span, [name], help ? { help } : {});
      ok = false;
      continue;
    }
    if (seen.has(name)) {
      err(messages.duplicateArgument, e.name.span, [name]);
      ok = false;
      continue;
    }
    seen.add(name);
    const p = share(e.value);
    if (p === undefined) {
      err(messages.badNoiseShare, e.value.span, [name]);
      ok = false;
      continue;
    }
    const kind = name as NoiseKind;
    const problem = type && p > 0 ? noiseKindProblem(kind, type) : undefined;
    if (problem && type) {
      err(messages.noiseNotForType, e.span, [kind, showType(type), problem]);
      ok = false;
      continue;
    }
    shares[kind] = p;
  }
  if (!ok) return undefined;
  const total = shares.typo + shares.missing + shares.format + shares.outlier;
  if (total > 1 + 1e-9) {
    err(messages.noiseOverFull, span, [`${+(total * 100).toFixed(6)}%`]);
    return undefined;
  }
  return shares;
}

/** A constant share in [0, 1]: `2%`, `0.02`. */
function share(e: A.Expr): number | undefined {
  if (e.kind !== "NumberLit") return undefined;
  return e.value >= 0 && e.value <= 1 ? e.value : undefined;
}

/** `@noise(typo: 2%, ...)`: its named arguments as shares (positional ones are DG3057). */
export function noiseAnnotation(schema: SchemaInfo, a: A.Annotation, type: Type): NoisePlan | undefined {
  if (a.args.length === 0 || a.args.some((x) => !x.name)) {
    reporter(schema.diagnostics)(messages.noiseNotNamed, a.span, ["'@noise'", "@noise(typo: 2%, missing: 1%)"]);
    return undefined;
  }
  const entries = a.args.map((x) => ({ name: x.name!, value: x.value, span: x.span }));
  const plan = noiseShares(schema, entries, a.span, type);
  return plan && hasNoise(plan) ? plan : undefined;
}

/** The table setting `noise: { typo: 1%, ... }`. */
export function noiseSetting(schema: SchemaInfo, s: A.Setting): NoisePlan | undefined {
  if (s.value.kind !== "ObjectLit" || s.value.entries.length === 0) {
    reporter(schema.diagnostics)(messages.noiseNotNamed, s.value.span, [
      "The table setting 'noise:'",
      "noise: { typo: 1%, missing: 0.5% }",
    ]);
    return undefined;
  }
  const entries = s.value.entries.map((x) => ({ name: x.key, value: x.value, span: x.span }));
  const plan = noiseShares(schema, entries, s.span, undefined);
  return plan && hasNoise(plan) ? plan : undefined;
}

/**
 * Sets each column's noise: its own `@noise` (a warning when the column is a key), else the table's
 * default for string and number columns that are not keys (`@pk`, `@unique`, `@ref`, `unique(...)`).
 * Noisy columns get the manifest tag `noise`.
 */
export function applyNoise(
  schema: SchemaInfo,
  columns: ColumnPlan[],
  explicit: ReadonlyMap<string, { plan: NoisePlan; span: A.Span }>,
  tableDefault: NoisePlan | undefined,
  uniqueLines: readonly A.UniqueDecl[],
): void {
  const inLines = new Set(uniqueLines.flatMap((u) => u.columns.map((n) => n.text)));
  columns.forEach((c, i) => {
    if (c.hidden) return;
    const key = c.pk ? "@pk" : c.unique ? "@unique" : c.ref ? "@ref" : inLines.has(c.name) ? "unique(...)" : undefined;
    const own = explicit.get(c.name);
    if (own && key) reporter(schema.diagnostics)(messages.noiseOnKey, own.span, [c.name, key]);
    const noise = own?.plan ?? (tableDefault && !key ? defaultNoise(tableDefault, c.type) : undefined);
    if (noise) columns[i] = { ...c, noise, tags: [...c.tags, "noise"] };
  });
}
