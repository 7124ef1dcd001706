/**
 * The compact JSON text of an `array` cell (spec §15), shared by every format: JSON and JSONL write
 * it as the value, CSV and TSV as the cell's text (quoted or escaped like any string cell).
 * Strings are escaped as `JSON.stringify` escapes them (which is what the JSON sink writes for string
 * cells); a bigint is a number when it is a safe integer and a string of its digits otherwise, so no
 * reader loses a digit; a number that is not finite is `null`, as in float cells.
 *
 *   arrayJson(["sql", "go"])                   // '["sql","go"]'
 *   arrayJson([1n, 9007199254740993n, null])   // '[1,"9007199254740993",null]'
 */

const MAX_SAFE = BigInt(Number.MAX_SAFE_INTEGER);

/** An int64 as JSON: a number when |v| ≤ 2^53 − 1, else a string of its digits. */
export function int64Json(v: bigint): string {
  return v >= -MAX_SAFE && v <= MAX_SAFE ? v.toString() : `"${v}"`;
}

/** The compact JSON text of an array of JSON-able values (nested arrays and plain objects allowed). */
export function arrayJson(v: readonly unknown[]): string {
  let s = "[";
  for (let i = 0; i < v.length; i++) {
    if (i > 0) s += ",";
    s += valueJson(v[i]);
  }
  return s + "]";
}

function valueJson(x: unknown): string {
  switch (typeof x) {
    case "string":
      return JSON.stringify(x);
    case "number":
      return Number.isFinite(x) ? String(x) : "null";
    case "boolean":
      return x ? "true" : "false";
    case "bigint":
      return int64Json(x);
    case "object":
      if (x === null) return "null";
      if (Array.isArray(x)) return arrayJson(x);
      return objectJson(x as Record<string, unknown>);
    default:
      return "null"; // undefined, functions, symbols: as JSON.stringify writes them in an array
  }
}

function objectJson(o: Record<string, unknown>): string {
  let s = "{";
  let first = true;
  for (const k of Object.keys(o)) {
    const x = o[k];
    if (x === undefined || typeof x === "function" || typeof x === "symbol") continue;
    s += (first ? "" : ",") + JSON.stringify(k) + ":" + valueJson(x);
    first = false;
  }
  return s + "}";
}
