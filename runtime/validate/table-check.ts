/**
 * Checks the rows of one table's data files: the header (missing, unknown, repeated columns), each
 * cell's type (`cells.ts`), the emitted `validate<Table>()` on the row's public form (nullability and
 * every validator — the same functions the generator uses), and keys: `@pk` (composite when several),
 * `@unique`, `unique(a, b)` lines and foreign keys (`ref:t.c`), whose values must have been seen in the
 * referenced table's file, which is read first.
 *
 *   const t = new TableCheck(program.tables[0], keys, collector);
 *   await t.readFile(file);   // violations go to the collector
 */
import type { ColumnMeta, TableProgram } from "../contract.js";
import type { Violation } from "../validators.js";
import { Bad, cellReader, isTransformed, showCell, type CellReader } from "./cells.js";
import { CsvRecords } from "./csv-reader.js";
import type { DataFile } from "./data-files.js";
import { JsonArrayRecords, JsonlRecords } from "./json-reader.js";
import type { JsonCell } from "./json-value.js";
import { HashSet64 } from "./key-sets.js";
import type { ViolationCollector } from "./report.js";
import { DataSyntaxError, forEachChunk } from "./text-input.js";
import { TsvRecords } from "./tsv-reader.js";

/** Value sets of single key columns, shared by the table that owns them and the tables that refer to them. */
export class KeyRegistry {
  private readonly sets = new Map<string, Set<unknown>>();
  /** Tables whose files were read completely (a foreign key into another table cannot be checked). */
  readonly read = new Set<string>();

  values(table: string, column: string): Set<unknown> {
    const key = `${table}.${column}`;
    let s = this.sets.get(key);
    if (!s) {
      s = new Set();
      this.sets.set(key, s);
    }
    return s;
  }

  private readonly tupleSets = new Map<string, HashSet64>();

  /** The tuples of a composite key (`primary key (a, b)`, `unique(a, b)`), shared with foreign keys into it. */
  tuples(table: string, columns: readonly string[]): HashSet64 {
    const key = `${table}.(${[...columns].sort().join(",")})`;
    let s = this.tupleSets.get(key);
    if (!s) this.tupleSets.set(key, (s = new HashSet64()));
    return s;
  }

  /** The values of a column of a table read completely; undefined when they were not collected. */
  complete(table: string, column: string): Set<unknown> | undefined {
    return this.read.has(table) ? this.sets.get(`${table}.${column}`) : undefined;
  }
}

interface SingleKey {
  readonly col: number;
  readonly set: Set<unknown>;
  /** The rule a repeated value breaks; undefined for a column only collected for foreign keys. */
  readonly rule: string | undefined;
}

interface CompositeKey {
  readonly cols: readonly number[];
  readonly set: HashSet64;
  readonly column: string;
  readonly rule: string;
}

interface CompositeForeignKey {
  readonly cols: readonly number[];
  /** The referenced key's tuples (values in its columns' name order); undefined when unknown. */
  readonly target: HashSet64 | undefined;
  /** For each position of the target's tuple, the index into `cols` that supplies it. */
  readonly order: readonly number[];
  readonly column: string;
  readonly rule: string;
  readonly why: string;
}

interface ForeignKey {
  readonly col: number;
  /** The referenced column's values; undefined when they cannot be known (`why`). */
  readonly target: Set<unknown> | undefined;
  readonly rule: string;
  readonly why: string;
}

type Cell = string | JsonCell | undefined;

/**
 * Sees each data row of a table after its cells are read as their types: `values` in the table's
 * column order (the public form `validate<Table>()` takes; null for a null, missing or unreadable
 * cell), `unreadable[i]` true when column i's cell was not of its type or the file lacks the column.
 * Both arrays are reused for the next row.
 */
export type RowObserver = (values: readonly unknown[], unreadable: readonly boolean[]) => void;

export class TableCheck {
  rows = 0;
  private readonly columns: readonly ColumnMeta[];
  private readonly readers: readonly CellReader[];
  private readonly index: ReadonlyMap<string, number>;
  private readonly singles: SingleKey[] = [];
  private readonly composites: CompositeKey[] = [];
  private readonly foreign: ForeignKey[] = [];
  private readonly foreignComposites: CompositeForeignKey[] = [];
  /** Per column, for the current row: its cell could not be read (type error or missing column). */
  private readonly skip: boolean[];
  private readonly values: unknown[];
  private file = "";
  private textual = true;
  /** Columns a file lacks (reported once at the header, never per row), and encrypted or masked ones. */
  private missing: boolean[] = [];
  private readonly transformed: readonly boolean[];
  private rowInFile = 0;

  constructor(
    private readonly table: TableProgram,
    keys: KeyRegistry,
    private readonly collector: ViolationCollector,
    /** Columns of this table that foreign keys of other tables refer to. */
    referenced: ReadonlySet<string> = new Set(),
    private readonly observer?: RowObserver,
  ) {
    this.columns = table.columns;
    this.readers = table.columns.map(cellReader);
    this.index = new Map(table.columns.map((c, i) => [c.name, i]));
    this.skip = table.columns.map(() => false);
    this.transformed = table.columns.map(isTransformed);
    this.values = table.columns.map(() => null);
    const pk = table.columns.flatMap((c, i) => (c.tags.includes("pk") ? [i] : []));
    table.columns.forEach((c, i) => {
      if (isTransformed(c)) return;
      if (c.tags.includes("pk") && pk.length === 1)
        this.singles.push({ col: i, set: keys.values(table.name, c.name), rule: "duplicate primary key" });
      else if (c.tags.includes("unique"))
        this.singles.push({ col: i, set: keys.values(table.name, c.name), rule: "duplicate @unique" });
      else if (referenced.has(c.name))
        this.singles.push({ col: i, set: keys.values(table.name, c.name), rule: undefined });
      for (const tag of c.tags) {
        const m = /^ref:([^.]+)\.(.+)$/.exec(tag);
        if (!m) continue;
        const [, t, col] = m;
        this.foreign.push({
          col: i,
          target: keys.complete(t!, col!),
          rule: `not found in ${t}.${col}`,
          why: keys.read.has(t!)
            ? `${t}.${col} is written encrypted or masked`
            : `${t} has no data file read to its end`,
        });
      }
    });
    if (pk.length > 1) this.composite(pk, "duplicate primary key", keys);
    for (const u of table.uniques ?? []) {
      const cols = u.map((name) => this.index.get(name)).filter((i): i is number => i !== undefined);
      if (cols.length === u.length) this.composite(cols, `duplicate unique(${u.join(", ")})`, keys);
    }
    for (const f of table.foreignKeys ?? []) {
      const cols = f.columns.map((name) => this.index.get(name)).filter((i): i is number => i !== undefined);
      if (cols.length !== f.columns.length || cols.some((i) => isTransformed(this.columns[i]!))) continue;
      // The target keeps its tuples in its columns' name order: take this key's values in that order.
      const sorted = [...f.refColumns].sort();
      this.foreignComposites.push({
        cols,
        target: keys.read.has(f.table) ? keys.tuples(f.table, f.refColumns) : undefined,
        order: sorted.map((name) => f.refColumns.indexOf(name)),
        column: f.columns.join(", "),
        rule: `not found in ${f.table}(${f.refColumns.join(", ")})`,
        why: `${f.table} has no data file read to its end`,
      });
    }
  }

  /** What was not checked: encrypted or masked columns, foreign keys into tables not read completely. */
  notes(): string[] {
    const out = this.columns.flatMap((c, i) =>
      this.transformed[i]
        ? [`column ${c.name}: written ${c.tags.includes("encrypted") ? "encrypted" : "masked"}, not checked`]
        : [],
    );
    for (const f of this.foreign)
      if (f.target === undefined) out.push(`column ${this.columns[f.col]!.name}: foreign key not checked (${f.why})`);
    for (const f of this.foreignComposites)
      if (f.target === undefined) out.push(`columns ${f.column}: foreign key not checked (${f.why})`);
    return out;
  }

  private composite(cols: readonly number[], rule: string, keys: KeyRegistry): void {
    if (cols.some((i) => isTransformed(this.columns[i]!))) return;
    // In column-name order, so a foreign key naming the columns in another order finds the same tuples.
    const sorted = [...cols].sort((a, b) => (this.columns[a]!.name < this.columns[b]!.name ? -1 : 1));
    this.composites.push({
      cols: sorted,
      set: keys.tuples(
        this.table.name,
        sorted.map((i) => this.columns[i]!.name),
      ),
      column: cols.map((i) => this.columns[i]!.name).join(", "),
      rule,
    });
  }

  /** Reads one file; throws DataSyntaxError / DataReadError (the caller reports them). */
  async readFile(file: DataFile): Promise<void> {
    this.file = file.path;
    this.rowInFile = 0;
    this.missing = [...this.transformed];
    let parser: { push(s: string): void; end(): void };
    switch (file.format) {
      case "csv":
      case "tsv": {
        this.textual = true;
        let header: number[] | undefined;
        const onRecord = (fields: (string | null)[]) => {
          if (!header) header = this.header(fields);
          else this.textRow(fields, header);
        };
        parser = file.format === "csv" ? new CsvRecords(onRecord) : new TsvRecords(onRecord);
        await forEachChunk(file.path, file.compression, (s) => parser.push(s));
        parser.end();
        if (!header) throw new DataSyntaxError(1, "the file is empty; it needs a header row with the column names");
        return;
      }
      case "json":
      case "jsonl": {
        this.textual = false;
        const onRow = (row: Map<string, JsonCell>) => this.jsonRow(row);
        parser = file.format === "json" ? new JsonArrayRecords(onRow) : new JsonlRecords(onRow);
        await forEachChunk(file.path, file.compression, (s) => parser.push(s));
        parser.end();
        return;
      }
    }
  }

  private violation(row: number | null, column: string, rule: string, value?: string): void {
    this.collector.add({
      table: this.table.name,
      file: this.file,
      row,
      column,
      rule,
      ...(value !== undefined ? { value } : {}),
    });
  }

  /** Maps the header's fields to columns: for each field, its column's index, or -1. */
  private header(fields: readonly (string | null)[]): number[] {
    const seen = new Set<string>();
    const map = fields.map((f) => {
      const name = f ?? "";
      const i = this.index.get(name);
      if (i === undefined) this.violation(null, name === "" ? '""' : name, "unknown column");
      else if (seen.has(name)) {
        this.violation(null, name, "column appears twice (the first one is read)");
        return -1;
      }
      seen.add(name);
      return i ?? -1;
    });
    this.columns.forEach((c, i) => {
      if (!seen.has(c.name)) {
        this.missing[i] = true;
        this.violation(null, c.name, "missing column");
      }
    });
    return map;
  }

  private textRow(fields: readonly (string | null)[], header: readonly number[]): void {
    if (fields.length !== header.length) {
      // a blank line (one empty field) is skipped when the table has several columns
      if (fields.length === 1 && (fields[0] === null || fields[0] === "") && header.length > 1) return;
      this.rows++;
      this.rowInFile++;
      this.violation(
        this.rowInFile,
        "*",
        "wrong number of fields",
        `${fields.length}, the header has ${header.length}`,
      );
      return;
    }
    const cells: Cell[] = this.columns.map(() => undefined);
    for (let f = 0; f < header.length; f++) {
      const i = header[f]!;
      if (i >= 0 && cells[i] === undefined) cells[i] = fields[f];
    }
    this.row(cells);
  }

  private jsonRow(row: Map<string, JsonCell>): void {
    const cells: Cell[] = this.columns.map((c) => row.get(c.name));
    let known = 0;
    for (const c of cells) if (c !== undefined) known++;
    if (known < row.size) {
      for (const key of row.keys())
        if (!this.index.has(key)) this.violation(this.rowInFile + 1, key, "unknown column", showCell(row.get(key)));
    }
    this.row(cells);
  }

  /** One data row, aligned to the table's columns (undefined: a missing column or JSON key, read as null). */
  private row(cells: readonly Cell[]): void {
    this.rows++;
    const n = ++this.rowInFile;
    const pub: Record<string, unknown> = {};
    const skip = this.skip;
    const values = this.values;
    for (let i = 0; i < cells.length; i++) {
      const c = cells[i];
      const name = this.columns[i]!.name;
      skip[i] = this.missing[i]!;
      let v: unknown = null;
      if (c !== undefined && c !== null) {
        v =
          typeof c === "string" && this.textual
            ? this.readers[i]!.text(c)
            : this.readers[i]!.json(c as Exclude<JsonCell, null>);
        if (v instanceof Bad) {
          this.violation(n, name, v.rule, showCell(c));
          skip[i] = true;
          v = null;
        }
      }
      values[i] = v;
      // a column named `__proto__` must be an own property, not the object's prototype
      if (name === "__proto__") Object.defineProperty(pub, name, { value: v, enumerable: true, writable: true });
      else pub[name] = v;
    }

    this.observer?.(values, skip);

    // every rule a readable cell breaks is reported (a cell may break several validators); a cell that
    // broke one is then left out of the key checks
    const broken: readonly Violation[] = this.table.validate ? this.table.validate(pub) : this.nulls(values);
    const failed: number[] = [];
    for (const b of broken) {
      if (b.rule.startsWith("check ")) {
        // a row-local check (its columns joined by ", "): only on cells that could be read
        const read = b.column.split(", ").map((c) => this.index.get(c));
        if (read.some((i) => i === undefined || skip[i])) continue;
        this.violation(n, b.column, b.rule, `(${read.map((i) => showCell(cells[i!])).join(", ")})`);
        continue;
      }
      const i = this.index.get(b.column);
      if (i !== undefined && skip[i]) continue;
      const rule = b.rule === "not null" ? "not null" : `@${b.rule}`;
      this.violation(n, b.column, rule, i === undefined ? undefined : showCell(cells[i]));
      if (i !== undefined) failed.push(i);
    }
    for (const i of failed) skip[i] = true;

    for (const k of this.singles) {
      const v = values[k.col];
      if (v === null || skip[k.col]) continue;
      const key = keyOf(v);
      if (!k.set.has(key)) k.set.add(key);
      else if (k.rule !== undefined) this.violation(n, this.columns[k.col]!.name, k.rule, showCell(cells[k.col]));
    }
    for (const k of this.composites) {
      if (k.cols.some((i) => values[i] === null || skip[i])) continue;
      const parts = k.cols.map((i) => keyOf(values[i]));
      if (!k.set.add(parts))
        this.violation(n, k.column, k.rule, `(${k.cols.map((i) => showCell(cells[i])).join(", ")})`);
    }
    for (const f of this.foreign) {
      const v = values[f.col];
      if (f.target === undefined || v === null || skip[f.col]) continue;
      if (!f.target.has(keyOf(v))) this.violation(n, this.columns[f.col]!.name, f.rule, showCell(cells[f.col]));
    }
    for (const f of this.foreignComposites) {
      if (f.target === undefined || f.cols.some((i) => values[i] === null || skip[i])) continue;
      const parts = f.order.map((j) => keyOf(values[f.cols[j]!]));
      if (!f.target.has(parts))
        this.violation(n, f.column, f.rule, `(${f.cols.map((i) => showCell(cells[i])).join(", ")})`);
    }
  }

  /** Nullability, for programs without an emitted `validate` (hand-written ones). */
  private nulls(values: readonly unknown[]): Violation[] {
    const out: Violation[] = [];
    this.columns.forEach((c, i) => {
      if (!c.nullable && values[i] === null) out.push({ column: c.name, rule: "not null" });
    });
    return out;
  }
}

/** A value as a Set member: numbers, strings, BigInts and booleans as they are; json as its text. */
function keyOf(v: unknown): unknown {
  return typeof v === "object" ? JSON.stringify(v) : v;
}
