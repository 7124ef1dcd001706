/**
 * One cell of external data read as its column's type, into the public form the emitted
 * `validate<Table>()` takes (spec §2): int and float as numbers, bigint as BigInt, decimals, dates and
 * timestamps as their canonical text, bool as boolean, enums, uuids and strings as strings, json as the
 * parsed value, bytes as a Uint8Array, arrays as the parsed array. A cell that is not of the type gives
 * a `Bad` naming the rule.
 *
 *   const r = cellReader({ kind: "date", ... });
 *   r.text("2024-02-29")   // "2024-02-29"
 *   r.text("2023-02-29")   // Bad("not a calendar date")
 *
 * CSV and TSV cells are text (`text`); JSON cells (`json`) must have the JSON type the writer gives
 * the column: numbers for int, float, decimal and bigint (decimal and bigint may also be strings),
 * booleans for bool, strings for the rest; a `json` column takes any JSON value. Bytes are hex in
 * CSV/TSV and a base64 string in JSON; an array is JSON array text in CSV/TSV and a JSON array in JSON.
 *
 *   cellReader({ kind: "bytes", ... }).text("00ff")      // Uint8Array [0, 255]
 *   cellReader({ kind: "bytes", ... }).json("AP8=")      // Uint8Array [0, 255]
 *   cellReader({ kind: "array", ... }).text('["a","b"]') // ["a", "b"]
 */
import type { ColumnMeta } from "../contract.js";
import { daysFromCivil, formatTimestamp } from "../text/dates.js";
import { JsonNested, JsonNumber, type JsonCell } from "./json-value.js";
import { MAX_DEPTH, tooDeep } from "./limits.js";

/** A failed type check. */
export class Bad {
  constructor(readonly rule: string) {}
}

export interface CellReader {
  /** A CSV or TSV cell (never null: the reader has handled null). */
  text(s: string): unknown;
  /** A JSON cell (never null). */
  json(v: Exclude<JsonCell, null>): unknown;
}

const INT = /^[+-]?[0-9]+$/;
const FLOAT = /^[+-]?(?:[0-9]+(?:\.[0-9]*)?|\.[0-9]+)(?:[eE][+-]?[0-9]+)?$/;
const DECIMAL = /^([+-]?)([0-9]+)(?:\.([0-9]+))?$/;
/** Years 0000–9999, or ISO's extended form `±YYYYYY` that the writers use beyond them. */
const DATE = /^([0-9]{4}|[+-][0-9]{6})-([0-9]{2})-([0-9]{2})$/;
const TIMESTAMP =
  /^([0-9]{4}|[+-][0-9]{6})-([0-9]{2})-([0-9]{2})T([0-9]{2}):([0-9]{2}):([0-9]{2})(?:\.([0-9]{1,3}))?Z$/;
const UUID = /^[0-9a-fA-F]{8}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{12}$/;
const DAYS_IN_MONTH = [31, 29, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31];

/** Tags of columns whose written values are not the column's values (privacy transforms). */
export function isTransformed(column: ColumnMeta): boolean {
  return column.tags.some((t) => t === "encrypted" || t.startsWith("masked"));
}

export function cellReader(column: ColumnMeta): CellReader {
  if (isTransformed(column)) return anyValue;
  switch (column.kind) {
    case "int": {
      const bad = new Bad("not an int");
      return numeric(intText(bad, new Bad("int outside the safe range ±(2^53 − 1)")), bad, false);
    }
    case "bigint": {
      const bad = new Bad("not a bigint");
      return numeric((s) => (INT.test(s) ? BigInt(s) : bad), bad, true);
    }
    case "float": {
      const bad = new Bad("not a float");
      const float = (s: string) =>
        FLOAT.test(s) || s === "NaN" || s === "Infinity" || s === "-Infinity" ? Number(s) : bad;
      return numeric(float, bad, false);
    }
    case "decimal": {
      const bad = new Bad("not a decimal");
      return numeric(decimalText(column, bad), bad, true);
    }
    case "bool": {
      const bad = new Bad("not true or false");
      return {
        text: (s) => (s === "true" ? true : s === "false" ? false : bad),
        json: (v) => (typeof v === "boolean" ? v : bad),
      };
    }
    case "date":
      return textual(dateText);
    case "timestamp":
      return textual(timestampText);
    case "uuid": {
      const bad = new Bad("not a uuid");
      return textual((s) => (UUID.test(s) ? s : bad));
    }
    case "json":
      return jsonValue;
    case "bytes":
      return bytesValue;
    case "array":
      return arrayValue;
    case "string": {
      if (column.enumValues) {
        const members = new Set(column.enumValues);
        const bad = new Bad(`not a member of ${column.type.replace(/\?$/, "")}`);
        return textual((s) => (members.has(s) ? s : bad));
      }
      return textual((s) => s);
    }
  }
}

/** Numbers: text as is; JSON numbers by their exact text (and JSON strings when `strings`). */
function numeric(fromText: (s: string) => unknown, bad: Bad, strings: boolean): CellReader {
  return {
    text: fromText,
    json: (v) => (v instanceof JsonNumber ? fromText(v.raw) : strings && typeof v === "string" ? fromText(v) : bad),
  };
}

/** Text types: a JSON cell must be a JSON string. */
function textual(fromText: (s: string) => unknown): CellReader {
  const notString = new Bad("not a JSON string");
  return { text: fromText, json: (v) => (typeof v === "string" ? fromText(v) : notString) };
}

function intText(bad: Bad, range: Bad): (s: string) => unknown {
  return (s) => {
    if (!INT.test(s)) return bad;
    const n = Number(s);
    return Number.isSafeInteger(n) ? n : range;
  };
}

/** The precision of `decimal(p, s)` from the type's text; undefined when it does not say. */
function precisionOf(type: string): number | undefined {
  const m = /decimal\s*\(\s*([0-9]+)/.exec(type);
  return m ? Number(m[1]) : undefined;
}

/**
 * `decimal(p, s)`: at most `s` digits after the point and `p − s` before it (leading zeros not
 * counted). The public form has exactly `s` decimals, as the writers give it (`12.3` → `12.30`).
 */
function decimalText(column: ColumnMeta, bad: Bad): (s: string) => unknown {
  const scale = column.scale;
  const p = precisionOf(column.type);
  const name = column.type.replace(/\?$/, "");
  const tooPrecise = new Bad(`more than ${scale} decimals for ${name}`);
  const tooLarge = new Bad(`more than ${p === undefined ? "?" : p - scale} digits before the point for ${name}`);
  return (s) => {
    const m = DECIMAL.exec(s);
    if (!m) return bad;
    const int = m[2]!.replace(/^0+(?=[0-9])/, "");
    const frac = (m[3] ?? "").replace(/0+$/, "");
    if (frac.length > scale) return tooPrecise;
    if (p !== undefined && (int === "0" ? 0 : int.length) > p - scale) return tooLarge;
    const zero = int === "0" && frac === "";
    const sign = m[1] === "-" && !zero ? "-" : "";
    return scale === 0 ? sign + int : `${sign}${int}.${frac.padEnd(scale, "0")}`;
  };
}

const notDate = new Bad("not a date (YYYY-MM-DD)");
const notCalendarDate = new Bad("not a calendar date");

function calendarOk(y: number, m: number, d: number): boolean {
  if (m < 1 || m > 12 || d < 1 || d > DAYS_IN_MONTH[m - 1]!) return false;
  return m !== 2 || d < 29 || (y % 4 === 0 && (y % 100 !== 0 || y % 400 === 0));
}

function dateText(s: string): unknown {
  const m = DATE.exec(s);
  if (!m) return notDate;
  return calendarOk(Number(m[1]), Number(m[2]), Number(m[3])) ? s : notCalendarDate;
}

const notTimestamp = new Bad("not a timestamp (YYYY-MM-DDTHH:MM:SS[.sss]Z)");
const notCalendarTime = new Bad("not a valid date and time");

/** The canonical text (`.sss` only when the milliseconds are not 0), so equal instants compare equal. */
function timestampText(s: string): unknown {
  const m = TIMESTAMP.exec(s);
  if (!m) return notTimestamp;
  const y = Number(m[1]);
  const mo = Number(m[2]);
  const d = Number(m[3]);
  const h = Number(m[4]);
  const mi = Number(m[5]);
  const sec = Number(m[6]);
  if (!calendarOk(y, mo, d) || h > 23 || mi > 59 || sec > 59) return notCalendarTime;
  if (m[7] === undefined || m[7] === "000") return m[7] === undefined ? s : s.slice(0, -5) + "Z";
  if (y < 0 || y > 9999) return s; // the extended form has no shorter spelling to compare by
  const ms = Number(m[7].padEnd(3, "0"));
  return formatTimestamp(daysFromCivil(y, mo, d) * 86_400_000 + h * 3_600_000 + mi * 60_000 + sec * 1000 + ms);
}

const notJson = new Bad("not valid JSON");
const nestedTooDeep = new Bad(`nested more than ${MAX_DEPTH} levels deep`);

const jsonValue: CellReader = {
  text(s) {
    if (tooDeep(s)) return nestedTooDeep;
    try {
      return JSON.parse(s) as unknown;
    } catch {
      return notJson;
    }
  },
  json(v) {
    if (v instanceof JsonNested) return JSON.parse(v.text) as unknown;
    if (v instanceof JsonNumber) return Number(v.raw);
    return v;
  },
};

const HEX_TEXT = /^(?:[0-9a-fA-F]{2})*$/;
const BASE64_TEXT = /^(?:[A-Za-z0-9+/]{4})*(?:[A-Za-z0-9+/]{2}==|[A-Za-z0-9+/]{3}=)?$/;
const notHex = new Bad("not hex bytes (two hex digits a byte)");
const notBase64 = new Bad("not a base64 string");

/** Bytes: hex text in CSV/TSV, a base64 JSON string in JSON (RFC 4648, padded). */
const bytesValue: CellReader = {
  text(s) {
    if (!HEX_TEXT.test(s)) return notHex;
    return Uint8Array.from({ length: s.length / 2 }, (_, i) => parseInt(s.slice(2 * i, 2 * i + 2), 16));
  },
  json(v) {
    if (typeof v !== "string" || !BASE64_TEXT.test(v)) return notBase64;
    return new Uint8Array(Buffer.from(v, "base64"));
  },
};

const notArray = new Bad("not a JSON array");

/** Arrays: JSON array text in CSV/TSV, a JSON array in JSON; the public value is the parsed array. */
const arrayValue: CellReader = {
  text(s) {
    const v = jsonValue.text(s);
    return Array.isArray(v) || v === nestedTooDeep ? v : notArray;
  },
  json(v) {
    return v instanceof JsonNested && v.text.startsWith("[") ? (JSON.parse(v.text) as unknown) : notArray;
  },
};

/** Encrypted or masked columns: the written text is not the column's value; nothing to check. */
const anyValue: CellReader = {
  text: (s) => s,
  json: (v) => (v instanceof JsonNumber ? v.raw : v instanceof JsonNested ? v.text : v),
};

/** A cell as shown in a report: JSON-quoted text (so spaces show), at most 40 characters. */
export function showCell(v: string | JsonCell | undefined): string {
  let s: string;
  if (v === undefined) s = "missing";
  else if (v === null) s = "null";
  else if (v instanceof JsonNumber) s = v.raw;
  else if (v instanceof JsonNested) s = v.text;
  else if (typeof v === "string") s = JSON.stringify(v);
  else s = String(v);
  return s.length > 40 ? s.slice(0, 39) + "…" : s;
}
