/**
 * Hive-style partitions (v2 §16): `partition: t by expr` routes each row of `t` to the folder of its
 * value, `t/<name>=<value>/part-00000.<ext>`. The expression is a column (`status`: the folder is
 * `status=<value>`) or `year(c)`, `month(c)`, `day(c)` of a date or timestamp column (UTC: `c_year=1996`,
 * `c_month=1996-03`, `c_day=1996-03-14`). A null value goes to `__HIVE_DEFAULT_PARTITION__`, as in Hive.
 * Names and values are escaped for paths: every byte outside `A-Z a-z 0-9 _ - .` (and a leading `.`)
 * becomes `%XX` of its UTF-8, so no value can leave its table's folder.
 *
 *   parsePartition("readings by day(at)", table)   // { table: "readings", column: 1, part: "day", name: "at_day" }
 *   partitionFolder(spec, "2024-01-03")            // "at_day=2024-01-03"
 */
import type { TableProgram } from "./contract.js";
import { formatDate, formatTimestamp } from "./text/dates.js";

/** At most this many partitions per table (each is an open file while the table is written): DG7051 past it. */
export const MAX_PARTITIONS = 512;
export const NULL_PARTITION = "__HIVE_DEFAULT_PARTITION__";

export type PartitionPart = "value" | "year" | "month" | "day";

export interface PartitionSpec {
  readonly table: string;
  /** The column's index among the table's output columns. */
  readonly column: number;
  readonly part: PartitionPart;
  /** The folder's key: the column's name, with `_year`, `_month` or `_day` for a part of a date. */
  readonly name: string;
}

/** The spec of `text` (`t by c`, `t by month(c)`), or why it cannot be (a message's reason). */
export function parsePartition(text: string, tables: readonly TableProgram[]): PartitionSpec | string {
  const m =
    /^\s*([A-Za-z_][A-Za-z0-9_]*)\s+by\s+(?:(year|month|day)\s*\(\s*([A-Za-z_][A-Za-z0-9_]*)\s*\)|([A-Za-z_][A-Za-z0-9_]*))\s*$/.exec(
      text,
    );
  if (m === null) return `expected 't by c' or 't by year(c)', 'month(c)', 'day(c)'`;
  const table = tables.find((t) => t.name === m[1]);
  if (table === undefined) return `there is no table '${m[1]}'`;
  const part = (m[2] ?? "value") as PartitionPart;
  const name = m[3] ?? m[4]!;
  const column = table.columns.findIndex((c) => c.name === name);
  if (column < 0) return `table '${table.name}' has no column '${name}'`;
  const kind = table.columns[column]!.kind;
  if (part !== "value" && kind !== "date" && kind !== "timestamp")
    return `${part}(${name}) needs a date or timestamp column`;
  if (["float", "json", "bytes", "array"].includes(kind)) return `a ${kind} column cannot name a folder`;
  return { table: table.name, column, part, name: part === "value" ? name : `${name}_${part}` };
}

/** `<name>=<value>` with both escaped. */
export function partitionFolder(spec: PartitionSpec, value: string): string {
  return `${escapePathPart(spec.name)}=${value === NULL_PARTITION ? value : escapePathPart(value)}`;
}

const SAFE = /^[A-Za-z0-9_.-]$/;

export function escapePathPart(s: string): string {
  if (s === "") return NULL_PARTITION;
  let out = "";
  for (const ch of s) {
    if (SAFE.test(ch) && !(ch === "." && out === "")) out += ch;
    else for (const b of new TextEncoder().encode(ch)) out += `%${b.toString(16).toUpperCase().padStart(2, "0")}`;
  }
  return out;
}

const MS_PER_DAY = 86_400_000;

/** The partition value of a date (days since 1970-01-01) or a timestamp (ms since the epoch). */
export function timePart(part: PartitionPart, ms: number, isTimestamp: boolean): string {
  const days = Math.floor(ms / MS_PER_DAY);
  const date = formatDate(days); // 1996-03-14
  switch (part) {
    case "year":
      return date.slice(0, date.indexOf("-", 1));
    case "month":
      return date.slice(0, date.indexOf("-", 1) + 3);
    case "day":
      return date;
    case "value":
      return isTimestamp ? formatTimestamp(ms) : date;
  }
}

export function dateMs(days: number): number {
  return days * MS_PER_DAY;
}
