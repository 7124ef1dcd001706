/**
 * The ranges of the integer types (v2 §15) and the compile-time checks that keep values inside them:
 * a literal that does not fit its column is an error, and so is a `sequence` whose last value can pass
 * its type's range.
 * The ranges themselves are `compiler/ir/int-range.ts`'s, shared with the emitter.
 *
 *   literalFits(schema, 40000, int16, span)  → false, after reporting DG3030
 */
import type * as A from "../ast/nodes.js";
import { diag } from "../../diagnostics/diagnostic.js";
import { messages } from "../../diagnostics/messages.js";
import type { Expr, Type } from "../ir/ir.js";
import type { SchemaInfo } from "./context.js";
import { INT64_MAX, INT64_MIN, intRange } from "../ir/int-range.js";

export { INT64_MAX, INT64_MIN, intRange };
const SAFE = Number.MAX_SAFE_INTEGER;

/** `int16`, `int32`, `int`, `int64`. */
export function intTypeName(t: Type): string {
  if (t.kind === "bigint") return "int64";
  return t.kind === "int" && t.bits ? `int${t.bits}` : "int";
}

function rangeText(t: Type): string {
  if (t.kind === "bigint") return "−2^63 to 2^63 − 1";
  const r = intRange(t)!;
  return r[1] === SAFE
    ? "whole numbers up to ±2^53 − 1, the exact range of generated code"
    : `${r[0].toLocaleString("en-US")} to ${r[1].toLocaleString("en-US")}`;
}

/** Reports a constant that does not fit an integer column; true when it fits (or is not an integer column). */
export function literalFits(schema: SchemaInfo, x: Expr, t: Type, span: A.Span): boolean {
  const r = intRange(t);
  if (!r || x.k !== "const" || (typeof x.v !== "number" && typeof x.v !== "bigint")) return true;
  const n = Number(x.v);
  const inside =
    t.kind === "bigint"
      ? BigInt(x.v) >= INT64_MIN && BigInt(x.v) <= INT64_MAX
      : typeof x.v === "bigint"
        ? x.v >= BigInt(r[0]) && x.v <= BigInt(r[1])
        : n >= r[0] && n <= r[1];
  if (inside) return true;
  schema.diagnostics.push(diag(messages.literalOutOfRange, span, [String(x.v), intTypeName(t), rangeText(t)]));
  return false;
}

/** An integer literal beyond ±2^53 − 1 where an integer is expected: reported, undefined. */
export function unsafeIntegerLiteral(schema: SchemaInfo, raw: string, t: Type, span: A.Span): undefined {
  schema.diagnostics.push(diag(messages.literalOutOfRange, span, [raw, intTypeName(t), rangeText(t)]));
  return undefined;
}

/**
 * A sequence `start + i · step` for rows i < rows stays inside its type: checked here when the row
 * count is known at compile time (the generated code checks it again for the run's count).
 */
export function sequenceFits(
  schema: SchemaInfo,
  column: string,
  seq: { start: number; step: number },
  t: Type,
  rows: number | undefined,
  span: A.Span,
): boolean {
  const r = intRange(t);
  if (!r || rows === undefined || rows === 0) return true;
  const last = seq.start + (rows - 1) * seq.step;
  if (last >= r[0] && last <= r[1] && seq.start >= r[0] && seq.start <= r[1]) return true;
  const exact = BigInt(seq.start) + BigInt(rows - 1) * BigInt(seq.step); // the message shows every digit
  schema.diagnostics.push(
    diag(messages.sequenceOutOfRange, span, [column, intTypeName(t), exact.toLocaleString("en-US")], {
      help:
        t.kind === "int" && t.bits !== undefined
          ? "declare the column int or int64, or use fewer rows"
          : "use fewer rows or a smaller start",
    }),
  );
  return false;
}
