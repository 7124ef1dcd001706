/**
 * SQLite → the import model, read from SQLite's own catalog (`sqlite_schema` and the `table_xinfo`,
 * `foreign_key_list`, `index_list` pragmas) through better-sqlite3. A DDL file is run in an in-memory
 * database first, so SQLite's own parser reads it; a live database file is opened read-only. CHECK
 * constraints are not in any pragma: they are read from each table's CREATE text with node-sql-parser.
 *
 *   readSqliteDdl("CREATE TABLE t (id INTEGER PRIMARY KEY)")   // { ok: true, model: { dialect: "sqlite", … } }
 *   readSqliteFile("chinook.db")                                // the same, with each table's row count
 */
import { createRequire } from "node:module";
import type { Check, Column, ForeignKey, ImportModel, Table } from "./model.js";
import { parseSql } from "./sql-ast.js";
import { sqlType } from "./types.js";

interface Db {
  prepare(sql: string): { all(...p: unknown[]): unknown[]; get(...p: unknown[]): unknown };
  exec(sql: string): void;
  close(): void;
}
type DbClass = new (path: string, opts?: { readonly?: boolean; fileMustExist?: boolean }) => Db;

function open(path: string, readonly: boolean): Db {
  const Database = createRequire(import.meta.url)("better-sqlite3") as DbClass;
  return new Database(path, readonly ? { readonly: true, fileMustExist: true } : {});
}

export type SqliteResult = { ok: true; model: ImportModel } | { ok: false; message: string };

export function readSqliteDdl(sql: string): SqliteResult {
  let db: Db | undefined;
  try {
    db = open(":memory:", false);
    db.exec(sql);
    return { ok: true, model: readCatalog(db, false) };
  } catch (e) {
    return { ok: false, message: e instanceof Error ? e.message : String(e) };
  } finally {
    db?.close();
  }
}

export function readSqliteFile(path: string): SqliteResult {
  let db: Db | undefined;
  try {
    db = open(path, true);
    return { ok: true, model: readCatalog(db, true) };
  } catch (e) {
    return { ok: false, message: e instanceof Error ? e.message : String(e) };
  } finally {
    db?.close();
  }
}

const q = (name: string) => `"${name.replaceAll('"', '""')}"`;

function readCatalog(db: Db, counts: boolean): ImportModel {
  const notes: string[] = [];
  const rows = db
    .prepare("SELECT name, sql FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite\\_%' ESCAPE '\\' ORDER BY rowid")
    .all() as { name: string; sql: string | null }[];
  const tables: Table[] = rows.map((r) => {
    const info = db.prepare(`PRAGMA table_xinfo(${q(r.name)})`).all() as {
      name: string; type: string; notnull: number; dflt_value: string | null; pk: number; hidden: number;
    }[];
    const visible = info.filter((c) => c.hidden === 0);
    const pk = visible.filter((c) => c.pk > 0).sort((a, b) => a.pk - b.pk).map((c) => c.name);
    const autoinc = /\bAUTOINCREMENT\b/i.test(r.sql ?? "");
    const columns: Column[] = visible.map((c) => {
      const m = /^\s*(.*?)\s*(?:\(\s*(\d+)\s*(?:,\s*(\d+)\s*)?\))?\s*$/.exec(c.type)!;
      const params = [m[2], m[3]].filter((x): x is string => x !== undefined).map(Number);
      const rowid = pk.length === 1 && pk[0] === c.name && /^integer$/i.test(c.type.trim());
      return {
        name: c.name,
        sqlType: c.type,
        type: sqlType("sqlite", m[1] ?? "", params),
        nullable: c.notnull === 0 && !rowid,
        autoIncrement: rowid || (autoinc && pk[0] === c.name),
        ...(c.dflt_value !== null ? { defaultText: c.dflt_value } : {}),
      };
    });
    const fkRows = db.prepare(`PRAGMA foreign_key_list(${q(r.name)})`).all() as { id: number; seq: number; table: string; from: string; to: string | null }[];
    const byId = new Map<number, { table: string; from: string[]; to: (string | null)[] }>();
    for (const f of fkRows.sort((a, b) => a.id - b.id || a.seq - b.seq)) {
      const e = byId.get(f.id) ?? { table: f.table, from: [], to: [] };
      e.from.push(f.from);
      e.to.push(f.to);
      byId.set(f.id, e);
    }
    const foreignKeys: ForeignKey[] = [...byId.values()].map((f) => ({
      columns: f.from,
      table: f.table,
      refColumns: f.to.every((x) => x !== null) ? (f.to as string[]) : primaryKeyOf(db, f.table),
    }));
    const uniques: string[][] = [];
    for (const ix of db.prepare(`PRAGMA index_list(${q(r.name)})`).all() as { name: string; unique: number; origin: string; partial: number }[]) {
      if (ix.unique !== 1 || ix.origin === "pk" || ix.partial === 1) continue;
      const cols = (db.prepare(`PRAGMA index_info(${q(ix.name)})`).all() as { name: string | null }[]).map((c) => c.name);
      if (cols.every((c): c is string => c !== null)) uniques.push(cols);
    }
    const t: Table = {
      name: r.name,
      columns,
      primaryKey: pk,
      uniques,
      foreignKeys,
      checks: checksOf(r.name, r.sql ?? "", notes),
      ...(counts ? { rowCount: Number((db.prepare(`SELECT count(*) AS n FROM ${q(r.name)}`).get() as { n: number }).n) } : {}),
    };
    return t;
  });
  return { dialect: "sqlite", tables, notes };
}

function primaryKeyOf(db: Db, table: string): string[] {
  const info = db.prepare(`PRAGMA table_info(${q(table)})`).all() as { name: string; pk: number }[];
  return info.filter((c) => c.pk > 0).sort((a, b) => a.pk - b.pk).map((c) => c.name);
}

/** The CHECK constraints of a table's CREATE text, as node-sql-parser reads them. */
function checksOf(table: string, sql: string, notes: string[]): Check[] {
  if (!/\bCHECK\b/i.test(sql)) return [];
  const parsed = parseSql(sql, "sqlite");
  if (!parsed.ok) {
    notes.push(`the CHECK constraints of table ${JSON.stringify(table)} were not read (node-sql-parser: ${parsed.message.slice(0, 80)})`);
    return [];
  }
  const checks: Check[] = [];
  for (const d of ((parsed.statements[0] as { create_definitions?: unknown[] }).create_definitions ?? []) as Record<string, unknown>[]) {
    const c = (d.resource === "column" ? d.check : d.constraint_type === "check" ? d : undefined) as { definition?: unknown[] } | undefined;
    for (const e of c?.definition ?? []) checks.push({ text: "", expr: e });
  }
  return checks;
}
