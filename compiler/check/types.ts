/**
 * Type helpers of §2: display, widening, assignability.
 */
import type { Type, VType } from "../ir/ir.js";

export const T = {
  int: { kind: "int" } as Type,
  bigint: { kind: "bigint" } as Type,
  float: { kind: "float" } as Type,
  string: { kind: "string" } as Type,
  bool: { kind: "bool" } as Type,
  date: { kind: "date" } as Type,
  timestamp: { kind: "timestamp" } as Type,
  uuid: { kind: "uuid" } as Type,
  duration: { kind: "duration" } as Type,
  null: { kind: "null" } as Type,
  regex: { kind: "regex" } as Type,
  json: { kind: "json", fields: [] } as Type,
} as const;

export function v(type: Type, nullable = false): VType {
  return { type, nullable };
}

/** `showType({kind:"decimal",precision:10,scale:2})` → `decimal(10, 2)`. */
export function showType(t: Type): string {
  switch (t.kind) {
    case "decimal":
      return `decimal(${t.precision}, ${t.scale})`;
    case "enum":
      return t.name;
    case "row":
      return `a row of '${t.table}'`;
    case "fileRow":
      return `a row of '${t.data}'`;
    case "record":
      return t.record === "place" ? `a place${t.country ? ` of '${t.country}'` : ""}` : "a route";
    case "int":
      return t.bits ? `int${t.bits}` : "int";
    case "array":
      return `${showType(t.element)}[]`;
    default:
      return t.kind;
  }
}

export function showVType(t: VType): string {
  return showType(t.type) + (t.nullable && t.type.kind !== "null" ? "?" : "");
}

export function isNumeric(t: Type): boolean {
  return t.kind === "int" || t.kind === "float" || t.kind === "decimal" || t.kind === "bigint";
}

export function isTemporal(t: Type): boolean {
  return t.kind === "date" || t.kind === "timestamp";
}

export function isStringLike(t: Type): boolean {
  return t.kind === "string" || t.kind === "enum" || t.kind === "uuid";
}

export function sameType(a: Type, b: Type): boolean {
  if (a.kind !== b.kind) return false;
  if (a.kind === "enum" && b.kind === "enum") return a.name === b.name;
  if (a.kind === "row" && b.kind === "row") return a.table === b.table;
  if (a.kind === "record" && b.kind === "record") return a.record === b.record && a.country === b.country;
  if (a.kind === "decimal" && b.kind === "decimal") return a.precision === b.precision && a.scale === b.scale;
  if (a.kind === "array" && b.kind === "array") return sameType(a.element, b.element);
  return true; // ints of any width hold the same values where they meet (a key and its reference)
}

/** The numeric result of combining two numeric types: int op int is int, anything else is float. */
export function numericJoin(a: Type, b: Type): Type {
  if (a.kind === "int" && b.kind === "int") return T.int;
  if (a.kind === "bigint" && b.kind === "bigint") return T.bigint;
  return T.float;
}

/**
 * The common type of two branches (`if`, `match`, `clamp`), or undefined when there is none.
 * null joins with anything as nullable; enums join with strings as strings.
 */
export function join(a: VType, b: VType): VType | undefined {
  if (a.type.kind === "null") return v(b.type, true);
  if (b.type.kind === "null") return v(a.type, true);
  const nullable = a.nullable || b.nullable;
  if (sameType(a.type, b.type)) return v(a.type, nullable);
  if (isNumeric(a.type) && isNumeric(b.type) && a.type.kind !== "bigint" && b.type.kind !== "bigint")
    return v(numericJoin(a.type, b.type), nullable);
  if (isStringLike(a.type) && isStringLike(b.type)) return v(T.string, nullable);
  if (isTemporal(a.type) && isTemporal(b.type)) return v(T.timestamp, nullable);
  return undefined;
}

export type Assignability = "ok" | "needsRounding" | "mismatch";

/** Can a value of type `from` be stored in a column of type `to`? (nullability is checked apart). */
export function assignable(from: Type, to: Type): Assignability {
  if (from.kind === "null") return "ok";
  switch (to.kind) {
    case "int":
      if (from.kind === "int") return "ok";
      if (from.kind === "float" || from.kind === "decimal") return "needsRounding";
      return "mismatch";
    case "bigint":
      return from.kind === "int" || from.kind === "bigint" ? "ok" : "mismatch";
    case "float":
      return from.kind === "int" || from.kind === "float" || from.kind === "decimal" ? "ok" : "mismatch";
    case "decimal":
      return from.kind === "int" || from.kind === "float" || from.kind === "decimal" ? "ok" : "mismatch";
    case "string":
      return from.kind === "string" || from.kind === "enum" || from.kind === "uuid" ? "ok" : "mismatch";
    case "timestamp":
      return from.kind === "timestamp" || from.kind === "date" ? "ok" : "mismatch";
    case "enum":
      return from.kind === "enum" && from.name === to.name ? "ok" : "mismatch";
    case "json":
      return from.kind === "json" ? "ok" : "mismatch";
    case "array":
      return from.kind === "array" && assignable(from.element, to.element) === "ok" ? "ok" : "mismatch";
    default:
      return sameType(from, to) ? "ok" : "mismatch";
  }
}
