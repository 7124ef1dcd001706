/**
 * Load a folder of generated CSVs into a real SQLite (better-sqlite3, native) whose tables declare the
 * keys a DBA would write, with foreign keys enforced, so that SQLite itself judges the data.
 *
 *   const { db } = await loadCsvFolder(out, [
 *     `CREATE TABLE region (r_regionkey INTEGER PRIMARY KEY, r_name TEXT NOT NULL UNIQUE) STRICT`,
 *     `CREATE TABLE nation (n_nationkey INTEGER PRIMARY KEY,
 *        n_regionkey INTEGER NOT NULL REFERENCES region(r_regionkey)) STRICT`,
 *   ]);                                    // reads out/region.csv, then out/nation.csv
 *   expect(foreignKeyViolations(db)).toEqual([]);
 *
 * Every table of the DDL is read from `<dir>/<table>.csv`, whose header must name exactly the table's
 * columns. Tables are filled parents first (the order comes from SQLite's own `foreign_key_list`), all
 * in one transaction. When the foreign keys form a cycle (departments ↔ employees, or a table that
 * references itself) no order works row by row, so the transaction defers them
 * (`PRAGMA defer_foreign_keys`) and they are judged at COMMIT; a violation then throws with the rows of
 * `PRAGMA foreign_key_check`. An empty unquoted field is NULL (dgen writes null that way and "" as `""`).
 * STRICT tables make SQLite refuse a value that is not of the column's type.
 */
import Database from "better-sqlite3";
import { parse } from "csv-parse";
import { createReadStream, existsSync } from "node:fs";
import { join } from "node:path";

export type Db = Database.Database;

export interface LoadedFolder {
  readonly db: Db;
  /** The tables in the order they were filled. */
  readonly order: readonly string[];
  /** Rows inserted per table. */
  readonly rows: Readonly<Record<string, number>>;
  /** Whether foreign keys were deferred to COMMIT because they form a cycle. */
  readonly deferred: boolean;
}

/** One row of `PRAGMA foreign_key_check`: the child table and rowid, the parent table, the key's id. */
export interface ForeignKeyViolation {
  readonly table: string;
  readonly rowid: number | null;
  readonly parent: string;
  readonly fkid: number;
}

const quoteId = (name: string) => `"${name.replaceAll('"', '""')}"`;

/** The tables of `ddl` (run on a fresh in-memory database) filled from `<dir>/<table>.csv`. */
export async function loadCsvFolder(dir: string, ddl: readonly string[]): Promise<LoadedFolder> {
  const db = new Database(":memory:");
  try {
    db.pragma("foreign_keys = ON");
    if (db.pragma("foreign_keys", { simple: true }) !== 1) throw new Error("this SQLite does not enforce foreign keys");
    for (const statement of ddl) db.exec(statement);
    const tables = (db.prepare(`SELECT name FROM sqlite_schema WHERE type = 'table'`).all() as { name: string }[]).map(
      (t) => t.name,
    );
    const { order, cyclic } = fillOrder(db, tables);
    const rows: Record<string, number> = {};
    db.exec("BEGIN");
    try {
      if (cyclic) db.pragma("defer_foreign_keys = ON");
      for (const table of order) rows[table] = await insertCsv(db, table, join(dir, `${table}.csv`));
      const violations = foreignKeyViolations(db);
      if (violations.length > 0)
        throw new Error(`foreign keys violated at COMMIT: ${JSON.stringify(violations.slice(0, 10))}`);
      db.exec("COMMIT");
    } catch (e) {
      if (db.inTransaction) db.exec("ROLLBACK");
      throw e;
    }
    return { db, order, rows, deferred: cyclic };
  } catch (e) {
    db.close();
    throw e;
  }
}

/** Parents before children (self-references ignored); `cyclic` when some tables reference each other round. */
function fillOrder(db: Db, tables: readonly string[]): { order: string[]; cyclic: boolean } {
  const parents = new Map<string, Set<string>>();
  let selfReference = false;
  for (const t of tables) {
    const refs = (db.pragma(`foreign_key_list(${quoteId(t)})`) as { table: string }[]).map((r) => r.table);
    selfReference ||= refs.includes(t);
    parents.set(t, new Set(refs.filter((r) => r !== t)));
  }
  const order: string[] = [];
  const done = new Set<string>();
  while (order.length < tables.length) {
    const ready = tables.filter(
      (t) => !done.has(t) && [...parents.get(t)!].every((p) => done.has(p) || !parents.has(p)),
    );
    // a cycle: the tables left go in DDL order and COMMIT judges their keys
    if (ready.length === 0) return { order: [...order, ...tables.filter((t) => !done.has(t))], cyclic: true };
    for (const t of ready) {
      order.push(t);
      done.add(t);
    }
  }
  return { order, cyclic: selfReference };
}

/** Streams one CSV into `table`; the header must be the table's columns (any order). Returns the row count. */
async function insertCsv(db: Db, table: string, path: string): Promise<number> {
  if (!existsSync(path)) throw new Error(`no file ${path} for table ${table}`);
  const columns = (db.pragma(`table_info(${quoteId(table)})`) as { name: string }[]).map((c) => c.name);
  const parser = createReadStream(path).pipe(
    parse({
      bom: false,
      relax_column_count: false,
      skip_empty_lines: false,
      cast: (value: string, context: { quoting: boolean }) => (value === "" && !context.quoting ? null : value),
    }),
  );
  let insert: Database.Statement | undefined;
  let count = 0;
  for await (const record of parser as AsyncIterable<(string | null)[]>) {
    if (insert === undefined) {
      const header = record.map((h) => h ?? "");
      if ([...header].sort().join(",") !== [...columns].sort().join(","))
        throw new Error(
          `${path}: header [${header.join(", ")}] is not the columns of ${table} [${columns.join(", ")}]`,
        );
      insert = db.prepare(
        `INSERT INTO ${quoteId(table)} (${header.map(quoteId).join(", ")}) VALUES (${header.map(() => "?").join(", ")})`,
      );
      continue;
    }
    try {
      insert.run(record);
    } catch (e) {
      throw new Error(`${table} row ${count + 1} ${JSON.stringify(record)}: ${e instanceof Error ? e.message : e}`);
    }
    count++;
  }
  if (insert === undefined) throw new Error(`${path}: no header row`);
  return count;
}

/** The rows of `PRAGMA foreign_key_check` (empty when every foreign key holds). */
export function foreignKeyViolations(db: Db): ForeignKeyViolation[] {
  return db.pragma("foreign_key_check") as ForeignKeyViolation[];
}

/** The single value of a one-row, one-column query. */
export function scalar(db: Db, sql: string, ...params: unknown[]): unknown {
  return db
    .prepare(sql)
    .pluck()
    .get(...params);
}
