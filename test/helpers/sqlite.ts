/**
 * Load a folder of CSV files into a real SQLite (sql.js, compiled to wasm) whose tables declare the
 * schema's keys, so that SQLite itself judges primary keys, uniqueness and foreign keys.
 *
 *   const db = await sqliteWithKeys(ddl);           // PRAGMA foreign_keys = ON
 *   loadCsv(db, "customers", join(out, "customers.csv"));
 *   expect(foreignKeyViolations(db)).toEqual([]);
 */
import initSqlJs from "sql.js";
import type { Database, SqlValue } from "sql.js";
import { readCsv } from "./csv.js";

/** A fresh in-memory database with foreign keys enforced and the given `CREATE TABLE` statements. */
export async function sqliteWithKeys(ddl: readonly string[]): Promise<Database> {
  const SQL = await initSqlJs();
  const db = new SQL.Database();
  db.run("PRAGMA foreign_keys = ON");
  const on = db.exec("PRAGMA foreign_keys")[0]?.values[0]?.[0];
  if (on !== 1) throw new Error("this SQLite build does not enforce foreign keys");
  for (const statement of ddl) db.run(statement);
  return db;
}

const quoteId = (name: string) => `"${name.replaceAll('"', '""')}"`;

/**
 * Inserts every row of a CSV file (header = column names; empty unquoted field = NULL) into `table`,
 * in one transaction; a constraint error throws with the failing row's number. Returns the row count.
 */
export function loadCsv(db: Database, table: string, csvPath: string): number {
  const csv = readCsv(csvPath);
  const sql = `INSERT INTO ${quoteId(table)} (${csv.header.map(quoteId).join(", ")}) VALUES (${csv.header.map(() => "?").join(", ")})`;
  const statement = db.prepare(sql);
  db.run("BEGIN");
  try {
    csv.rows.forEach((row, i) => {
      try {
        statement.run(row as SqlValue[]);
      } catch (e) {
        throw new Error(
          `${table} row ${i + 1} (${JSON.stringify(row)}): ${e instanceof Error ? e.message : String(e)}`,
        );
      }
    });
    db.run("COMMIT");
  } catch (e) {
    db.run("ROLLBACK");
    throw e;
  } finally {
    statement.free();
  }
  return csv.rows.length;
}

/** The rows of `PRAGMA foreign_key_check` (empty when every foreign key holds). */
export function foreignKeyViolations(db: Database): SqlValue[][] {
  return db.exec("PRAGMA foreign_key_check").flatMap((r) => r.values);
}

/** The single value of a one-row, one-column query. */
export function scalar(db: Database, sql: string): SqlValue {
  const r = db.exec(sql);
  return r[0]?.values[0]?.[0] ?? null;
}
