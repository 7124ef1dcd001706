/**
 * Reads data without a schema for `dgen profile`: the files `dgen validate` would read (a data file, or a
 * folder of `<table>.<ext>` files and `<table>/part-NNNNN.<ext>` shards; csv, tsv, json, jsonl, with
 * .gz or .br), through validate's own file finder and streaming readers. Every table is named by its
 * files; columns come from the CSV/TSV header or the JSON keys in order of appearance.
 *
 *   const { tables, diagnostics } = await readForProfile("out/shop");
 *   tables[0]   // { name: "customers", rows: 1000, columns: [ProfileColumn, …], duplicates: 0, … }
 */
import { readdirSync, statSync } from "node:fs";
import { basename, join } from "node:path";
import type { Diagnostic } from "../../diagnostics/diagnostic.js";
import { messages } from "../../diagnostics/messages.js";
import { runtimeDiag } from "../../runtime/generate-options.js";
import { CsvRecords } from "../../runtime/validate/csv-reader.js";
import { findDataFiles, type DataFile } from "../../runtime/validate/data-files.js";
import { JsonArrayRecords, JsonlRecords } from "../../runtime/validate/json-reader.js";
import type { JsonCell } from "../../runtime/validate/json-value.js";
import { DataLimitError, DataReadError, DataSyntaxError, forEachChunk } from "../../runtime/validate/text-input.js";
import { TsvRecords } from "../../runtime/validate/tsv-reader.js";
import { describeFsError } from "../../runtime/writers/file-output.js";
import type { ProfiledTable } from "./profile.js";
import { ProfileColumn } from "./profile-column.js";

const NAME = /^(.+?)\.(csv|tsv|jsonl|json)(\.gz|\.br)?$/i;
/** Rows whose text is remembered to find duplicates; later rows are not compared. */
const DUPLICATE_CAP = 2_000_000;

/** The table names DATA's files are named for, so that validate's finder can sort them. */
function tableNames(data: string): string[] {
  try {
    if (!statSync(data).isDirectory()) {
      const m = NAME.exec(basename(data));
      return m ? [m[1]!] : [];
    }
    return readdirSync(data).flatMap((name) => {
      const m = NAME.exec(name);
      if (m) return [m[1]!];
      try {
        return statSync(join(data, name)).isDirectory() ? [name] : [];
      } catch {
        return [];
      }
    });
  } catch {
    return [];
  }
}

export async function readForProfile(data: string): Promise<{ tables: ProfiledTable[]; diagnostics: Diagnostic[] }> {
  const found = findDataFiles(data, tableNames(data));
  const diagnostics: Diagnostic[] = [...found.diagnostics];
  const tables: ProfiledTable[] = [];
  for (const [name, files] of [...found.tables].sort((a, b) => (a[0] < b[0] ? -1 : 1))) {
    const t = new TableReader(name);
    let complete = true;
    for (const f of files) {
      const problem = await readOne(t, f);
      if (problem) {
        diagnostics.push(problem);
        complete = false;
      }
    }
    tables.push(t.result(files.map((f) => f.path), complete));
  }
  return { tables, diagnostics };
}

class TableReader {
  rows = 0;
  private readonly columns: ProfileColumn[] = [];
  private readonly byName = new Map<string, ProfileColumn>();
  private readonly seenRows = new Set<string>();
  private duplicates = 0;
  private firstDuplicate: number | undefined;
  private ragged = 0;

  constructor(private readonly name: string) {}

  private column(name: string): ProfileColumn {
    let c = this.byName.get(name);
    if (!c) {
      c = new ProfileColumn(name);
      c.padTo(this.rows);
      this.byName.set(name, c);
      this.columns.push(c);
    }
    return c;
  }

  private remember(key: string): void {
    if (this.seenRows.size >= DUPLICATE_CAP) return;
    if (this.seenRows.has(key)) {
      this.duplicates++;
      this.firstDuplicate ??= this.rows;
    } else this.seenRows.add(key);
  }

  async read(file: DataFile): Promise<void> {
    let parser: { push(s: string): void; end(): void };
    if (file.format === "csv" || file.format === "tsv") {
      let header: ProfileColumn[] | undefined;
      const onRecord = (fields: (string | null)[]) => {
        if (!header) {
          header = fields.map((f, i) => this.column(f ?? `(column ${i + 1})`));
          return;
        }
        if (fields.length === 1 && (fields[0] === null || fields[0] === "") && header.length > 1) return;
        this.rows++;
        if (fields.length !== header.length) this.ragged++;
        header.forEach((c, i) => c.text(i < fields.length ? fields[i]! : null));
        for (const c of this.columns) if (!header.includes(c)) c.text(null);
        this.remember(JSON.stringify(fields));
      };
      parser = file.format === "csv" ? new CsvRecords(onRecord) : new TsvRecords(onRecord);
    } else {
      const onRow = (row: Map<string, JsonCell>) => {
        for (const k of row.keys()) this.column(k);
        this.rows++;
        for (const c of this.columns) c.json(row.get(c.name) as Parameters<ProfileColumn["json"]>[0]);
        this.remember(JSON.stringify(this.columns.map((c) => cellText(row.get(c.name)))));
      };
      parser = file.format === "json" ? new JsonArrayRecords(onRow) : new JsonlRecords(onRow);
    }
    await forEachChunk(file.path, file.compression, (s) => parser.push(s));
    parser.end();
  }

  result(files: string[], complete: boolean): ProfiledTable {
    for (const c of this.columns) c.padTo(this.rows);
    return {
      name: this.name,
      files,
      rows: this.rows,
      columns: this.columns,
      duplicates: this.duplicates,
      ...(this.firstDuplicate !== undefined ? { firstDuplicate: this.firstDuplicate } : {}),
      ragged: this.ragged,
      complete,
    };
  }
}

function cellText(v: JsonCell | undefined): unknown {
  if (v === null || v === undefined || typeof v !== "object") return v ?? null;
  return "raw" in v ? { n: v.raw } : { j: v.text };
}

async function readOne(t: TableReader, file: DataFile): Promise<Diagnostic | undefined> {
  try {
    await t.read(file);
    return undefined;
  } catch (e) {
    if (e instanceof DataLimitError) return { ...runtimeDiag(messages.dataLimit, [file.path, ...e.found]), file: file.path };
    if (e instanceof DataSyntaxError)
      return { ...runtimeDiag(messages.dataMalformed, [file.path, file.format.toUpperCase(), e.reason]), file: `${file.path}${e.line > 0 ? `:${e.line}` : ""}` };
    if (e instanceof DataReadError) {
      const code = (e.failure as NodeJS.ErrnoException).code;
      return runtimeDiag(messages.dataUnreadable, [file.path, code ? describeFsError(code, e.failure) : e.message]);
    }
    throw e;
  }
}
