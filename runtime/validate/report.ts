/**
 * What `dgen validate` found, collected while reading: every violation is counted, but only the first
 * `limit` of each (table, column, rule) are kept as lines, so a bad 10-million-row file reports a few
 * lines and a count, in memory bounded by the number of columns and rules.
 *
 *   customers.csv
 *     customers: row 3, column email: @email ("ann.example.com")
 *     … and 12 more: customers, column email: @email
 *
 *   customers: 100 rows, 13 violations
 *   total: 1 table, 100 rows, 13 violations
 */
import type { Diagnostic } from "../../diagnostics/diagnostic.js";

export interface ViolationLine {
  readonly table: string;
  /** The data file, as the user named it (the data path joined with the file's name). */
  readonly file: string;
  /** 1-based data row of the file (the header and blank lines are not rows); null for the header. */
  readonly row: number | null;
  readonly column: string;
  readonly rule: string;
  /** The cell as written (JSON-quoted text), truncated; absent when there is none to show. */
  readonly value?: string;
}

export interface Omitted {
  readonly table: string;
  readonly column: string;
  readonly rule: string;
  /** Violations of this kind beyond the ones shown. */
  readonly more: number;
}

export interface TableSummary {
  readonly name: string;
  readonly files: readonly string[];
  /** Data rows read (all files of the table). */
  readonly rows: number;
  readonly violations: number;
  /** false when the table had no data file (or its files could not be used). */
  readonly checked: boolean;
  /** false when a file of the table could not be read to its end (a DG5051/DG5052 error). */
  readonly complete: boolean;
  /** Why a table or some of its checks were skipped, in words. */
  readonly notes: readonly string[];
}

export interface ValidationResult {
  /** No violation and no error diagnostic. */
  readonly ok: boolean;
  readonly tables: readonly TableSummary[];
  readonly lines: readonly ViolationLine[];
  readonly omitted: readonly Omitted[];
  readonly rows: number;
  readonly violations: number;
  /** File problems (DG5050–DG5057): unreadable or malformed files, unknown tables, ignored files. */
  readonly diagnostics: readonly Diagnostic[];
}

interface Group {
  readonly table: string;
  readonly column: string;
  readonly rule: string;
  count: number;
}

/** Collects violations, keeping `limit` lines per (table, column, rule); limit 0 keeps every line. */
export class ViolationCollector {
  readonly lines: ViolationLine[] = [];
  private readonly groups = new Map<string, Group>();
  private readonly perTable = new Map<string, number>();
  total = 0;

  constructor(private readonly limit: number) {}

  add(line: ViolationLine): void {
    const key = `${line.table}\u0000${line.column}\u0000${line.rule}`;
    let g = this.groups.get(key);
    if (!g) {
      g = { table: line.table, column: line.column, rule: line.rule, count: 0 };
      this.groups.set(key, g);
    }
    g.count++;
    this.total++;
    this.perTable.set(line.table, (this.perTable.get(line.table) ?? 0) + 1);
    if (this.limit === 0 || g.count <= this.limit) this.lines.push(line);
  }

  count(table: string): number {
    return this.perTable.get(table) ?? 0;
  }

  omitted(): Omitted[] {
    if (this.limit === 0) return [];
    return [...this.groups.values()]
      .filter((g) => g.count > this.limit)
      .map((g) => ({ table: g.table, column: g.column, rule: g.rule, more: g.count - this.limit }));
  }
}

function plural(n: number, word: string): string {
  return `${n} ${word}${n === 1 ? "" : "s"}`;
}

/** The report for people: violations grouped by file, then a line per table and a total. */
export function formatReport(r: ValidationResult): string {
  const out: string[] = [];
  let file: string | undefined;
  for (const table of r.tables) {
    for (const l of r.lines) {
      if (l.table !== table.name) continue;
      if (l.file !== file) {
        if (file !== undefined) out.push("");
        file = l.file;
        out.push(file);
      }
      const where = l.row === null ? "header" : `row ${l.row}`;
      out.push(`  ${l.table}: ${where}, column ${l.column}: ${l.rule}${l.value !== undefined ? ` (${l.value})` : ""}`);
    }
    for (const o of r.omitted)
      if (o.table === table.name) out.push(`  … and ${o.more} more: ${o.table}, column ${o.column}: ${o.rule}`);
  }
  if (out.length > 0) out.push("");
  let checked = 0;
  for (const t of r.tables) {
    if (t.checked) checked++;
    const rows = plural(t.rows, "row");
    const state = !t.checked
      ? "no data file, not checked"
      : !t.complete
        ? `${rows} read, then a file error, ${plural(t.violations, "violation")}`
        : t.violations === 0
          ? `${rows}, ok`
          : `${rows}, ${plural(t.violations, "violation")}`;
    out.push(`${t.name}: ${state}`);
    for (const n of t.notes) out.push(`  note: ${n}`);
  }
  const errors = r.diagnostics.filter((d) => d.severity === "error").length;
  out.push(
    `total: ${checked} of ${plural(r.tables.length, "table")} checked, ${plural(r.rows, "row")}, ${plural(r.violations, "violation")}` +
      (errors > 0 ? `, ${plural(errors, "file error")}` : ""),
  );
  return out.join("\n") + "\n";
}

/** The same as one JSON object (`--format json`); `diagnostics` are rendered by the caller. */
export function reportJson(r: ValidationResult, diagnostics: unknown): string {
  return (
    JSON.stringify(
      {
        ok: r.ok,
        rows: r.rows,
        violations: r.violations,
        tables: r.tables,
        lines: r.lines,
        omitted: r.omitted,
        diagnostics,
      },
      null,
      2,
    ) + "\n"
  );
}
