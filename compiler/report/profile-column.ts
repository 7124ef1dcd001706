/**
 * One column of data without a schema, measured cell by cell: the kind of each cell's text (null, int,
 * float, bool, date, timestamp, uuid, string, nested JSON), its values as numbers where it has one
 * (row by row, NaN otherwise), category counts, distinct values, text that looks like a null, and
 * text with leading or trailing spaces.
 *
 *   const c = new ProfileColumn("age");
 *   c.text("42"); c.text("N/A"); c.text(null);
 *   c.kinds   // Map { int → 1, string → 1, null → 1 }
 */
import { CATEGORY_CAP, DISTINCT_CAP } from "./measure.js";

export type CellKind = "null" | "int" | "float" | "bool" | "date" | "timestamp" | "uuid" | "string" | "json";

const INT = /^[+-]?[0-9]+$/;
const FLOAT = /^[+-]?(?:[0-9]+(?:\.[0-9]*)?|\.[0-9]+)(?:[eE][+-]?[0-9]+)?$/;
const DATE = /^[0-9]{4}-[0-9]{2}-[0-9]{2}$/;
const TIMESTAMP = /^[0-9]{4}-[0-9]{2}-[0-9]{2}[T ][0-9]{2}:[0-9]{2}(?::[0-9]{2}(?:\.[0-9]+)?)?(?:Z|[+-][0-9]{2}:?[0-9]{2})?$/;
const UUID = /^[0-9a-fA-F]{8}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{12}$/;
/** Text people write for "no value". */
export const NULL_MARKERS = new Set(["", "null", "none", "nil", "n/a", "na", "nan", "-", "?", "#n/a", "missing", "undefined"]);

const DAY_MS = 86_400_000;

export class ProfileColumn {
  readonly kinds = new Map<CellKind, number>();
  /** Row by row: the cell as a number (int, float, date in days, timestamp in ms), else NaN. */
  numbers: number[] = [];
  readonly counts = new Map<string, number>();
  uncounted = 0;
  private readonly seen = new Set<string>();
  distinctCapped = false;
  nullMarkers = new Map<string, number>();
  padded = 0;
  /** Up to 3 cells per kind, for the anomaly lines. */
  readonly examples = new Map<CellKind, string[]>();

  constructor(readonly name: string) {}

  /** Rows before this column was first seen (a JSON key appearing late) count as missing cells. */
  padTo(rows: number): void {
    while (this.numbers.length < rows) this.cell("null", null, NaN);
  }

  /** A CSV/TSV cell (null: the format's null). */
  text(s: string | null): void {
    if (s === null) return this.cell("null", null, NaN);
    const k = kindOf(s);
    const marker = s.trim().toLowerCase();
    if (k === "string" && NULL_MARKERS.has(marker)) this.nullMarkers.set(s, (this.nullMarkers.get(s) ?? 0) + 1);
    else if (k === "string" && s !== s.trim()) this.padded++;
    this.cell(k, s, numberOf(k, s));
  }

  /** A JSON cell: `raw` its text for numbers and nested values. */
  json(v: null | boolean | string | { raw: string } | { text: string } | undefined): void {
    if (v === null || v === undefined) return this.cell("null", null, NaN);
    if (typeof v === "boolean") return this.cell("bool", String(v), NaN);
    if (typeof v === "string") return this.text(v);
    if ("raw" in v) {
      const k: CellKind = INT.test(v.raw) ? "int" : "float";
      return this.cell(k, v.raw, Number(v.raw));
    }
    return this.cell("json", v.text, NaN);
  }

  private cell(k: CellKind, s: string | null, n: number): void {
    this.kinds.set(k, (this.kinds.get(k) ?? 0) + 1);
    this.numbers.push(n);
    if (s === null) return;
    const ex = this.examples.get(k) ?? [];
    if (ex.length < 3) this.examples.set(k, [...ex, s]);
    if (!this.distinctCapped) {
      this.seen.add(s);
      if (this.seen.size >= DISTINCT_CAP) this.distinctCapped = true;
    }
    const c = this.counts.get(s);
    if (c !== undefined) this.counts.set(s, c + 1);
    else if (this.counts.size < CATEGORY_CAP) this.counts.set(s, 1);
    else this.uncounted++;
  }

  get distinct(): number {
    return this.seen.size;
  }
}

export function kindOf(s: string): CellKind {
  if (INT.test(s)) return "int";
  if (FLOAT.test(s)) return "float";
  if (s === "true" || s === "false") return "bool";
  if (DATE.test(s) && !Number.isNaN(Date.parse(s))) return "date";
  if (TIMESTAMP.test(s) && !Number.isNaN(Date.parse(s.replace(" ", "T")))) return "timestamp";
  if (UUID.test(s)) return "uuid";
  return "string";
}

function numberOf(k: CellKind, s: string): number {
  switch (k) {
    case "int":
    case "float":
      return Number(s);
    case "date":
      return Date.parse(s) / DAY_MS;
    case "timestamp":
      return Date.parse(s.replace(" ", "T"));
    default:
      return NaN;
  }
}
