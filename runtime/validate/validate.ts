/**
 * `dgen validate`'s runtime entry: checks data files against a compiled program — types, nullability
 * and every validator (through the emitted `validate<Table>()`, the functions generation uses), and
 * primary, unique and foreign keys across the files. Tables are read parents first, so a foreign key
 * is looked up in the values its table's file held. Never throws on bad data: file problems are
 * diagnostics (DG5050–DG5057), data problems are violations in the result.
 *
 *   const r = await validateData(program, { data: "out/shop" });
 *   r.ok          // false
 *   r.lines[0]    // { table: "customers", file: "out/shop/customers.csv", row: 3, column: "email", rule: "@email", value: '"ann"' }
 */
import type { Diagnostic } from "../../diagnostics/diagnostic.js";
import { messages } from "../../diagnostics/messages.js";
import type { Program, TableProgram } from "../contract.js";
import { runtimeDiag } from "../generate-options.js";
import { describeFsError } from "../writers/file-output.js";
import { findDataFiles, type DataFile } from "./data-files.js";
import { ViolationCollector, type TableSummary, type ValidationResult } from "./report.js";
import { KeyRegistry, TableCheck, type RowObserver } from "./table-check.js";
import { DataLimitError, DataReadError, DataSyntaxError } from "./text-input.js";

export interface ValidateOptions {
  /** A data file or a folder of them (the layout `dgen generate` writes). */
  readonly data: string;
  /** Violation lines kept per (table, column, rule); 0 keeps all. Default 20. */
  readonly limit?: number;
  /**
   * Sees every row as it is checked (`dgen report` measures the data this way, in the same pass):
   * called once per table read, it returns the table's row observer, or undefined to skip the table.
   */
  readonly observe?: (table: TableProgram) => RowObserver | undefined;
}

export type { RowObserver } from "./table-check.js";

export const DEFAULT_LIMIT = 20;

const REF = /^ref:([^.]+)\.(.+)$/;

export async function validateData(program: Program, options: ValidateOptions): Promise<ValidationResult> {
  const collector = new ViolationCollector(options.limit ?? DEFAULT_LIMIT);
  const found = findDataFiles(
    options.data,
    program.tables.map((t) => t.name),
  );
  const diagnostics: Diagnostic[] = [...found.diagnostics];
  const summaries = new Map<string, TableSummary>();

  if (found.found) {
    const referenced = new Map<string, Set<string>>();
    for (const t of program.tables)
      for (const c of t.columns)
        for (const tag of c.tags) {
          const m = REF.exec(tag);
          if (m) referenced.set(m[1]!, (referenced.get(m[1]!) ?? new Set()).add(m[2]!));
        }
    const keys = new KeyRegistry();
    for (const table of parentsFirst(program.tables)) {
      const files = found.tables.get(table.name);
      if (!files) continue;
      const check = new TableCheck(table, keys, collector, referenced.get(table.name), options.observe?.(table));
      const notes: string[] = [];
      let complete = true;
      for (const file of files) {
        const problem = await readOne(check, file);
        if (problem) {
          diagnostics.push(problem);
          complete = false;
        }
      }
      if (complete) keys.read.add(table.name);
      notes.push(...check.notes());
      summaries.set(table.name, {
        name: table.name,
        files: files.map((f) => f.path),
        rows: check.rows,
        violations: collector.count(table.name),
        checked: true,
        complete,
        notes,
      });
    }
  }

  const tables = program.tables.map(
    (t) =>
      summaries.get(t.name) ?? {
        name: t.name,
        files: [],
        rows: 0,
        violations: 0,
        checked: false,
        complete: false,
        notes: [],
      },
  );
  const errors = diagnostics.some((d) => d.severity === "error");
  return {
    ok: !errors && collector.total === 0,
    tables,
    lines: collector.lines,
    omitted: collector.omitted(),
    rows: tables.reduce((n, t) => n + t.rows, 0),
    violations: collector.total,
    diagnostics,
  };
}

const FORMAT_NAMES: Readonly<Record<DataFile["format"], string>> = {
  csv: "CSV",
  tsv: "TSV",
  json: "JSON (an array of row objects)",
  jsonl: "JSON Lines (one row object per line)",
};

/** Reads a file into the check; a problem that stops it becomes a diagnostic. */
async function readOne(check: TableCheck, file: DataFile): Promise<Diagnostic | undefined> {
  try {
    await check.readFile(file);
    return undefined;
  } catch (e) {
    if (e instanceof DataLimitError) {
      const where = e.line > 0 ? `:${e.line}` : "";
      return { ...runtimeDiag(messages.dataLimit, [file.path, ...e.found]), file: file.path + where };
    }
    if (e instanceof DataSyntaxError) {
      const where = e.line > 0 ? `:${e.line}${e.column !== undefined ? `:${e.column}` : ""}` : "";
      return {
        ...runtimeDiag(messages.dataMalformed, [file.path, FORMAT_NAMES[file.format], e.reason]),
        file: file.path + where,
      };
    }
    if (e instanceof DataReadError) {
      const code = (e.failure as NodeJS.ErrnoException).code;
      return runtimeDiag(messages.dataUnreadable, [file.path, code ? describeFsError(code, e.failure) : e.message]);
    }
    throw e;
  }
}

/** The tables with every table a foreign key or a relation of theirs reads placed before them. */
export function parentsFirst(tables: readonly TableProgram[]): TableProgram[] {
  const byName = new Map(tables.map((t) => [t.name, t]));
  const out: TableProgram[] = [];
  const state = new Map<string, "visiting" | "done">();
  const visit = (t: TableProgram) => {
    if (state.has(t.name)) return; // done, or a cycle (the compiler rejects those): keep declaration order
    state.set(t.name, "visiting");
    const parents = new Set(t.dependsOn);
    for (const c of t.columns)
      for (const tag of c.tags) {
        const m = REF.exec(tag);
        if (m) parents.add(m[1]!);
      }
    for (const p of parents) {
      const parent = byName.get(p);
      if (parent && p !== t.name) visit(parent);
    }
    state.set(t.name, "done");
    out.push(t);
  };
  tables.forEach(visit);
  return out;
}
