/**
 * A live PostgreSQL database → the import model, from `pg_catalog` through pg (node-postgres): the
 * tables of the connection's current schema, their columns (`format_type`, domains read as their base
 * type, enums with their labels in order), keys, unique indexes, foreign keys, CHECK constraints
 * (`pg_get_constraintdef`, parsed with node-sql-parser) and row counts (`count(*)`, or the planner's
 * estimate past 100 000 rows).
 *
 *   await readPostgres("postgresql://postgres@127.0.0.1/shop")   // { dialect: "postgres", tables: […], notes: [] }
 */
import { createRequire } from "node:module";
import type { Column, ColumnType, ImportModel, Table } from "./model.js";
import { pgCheckFromText, pgTypesFromText } from "./pg-ddl-reader.js";

interface Client {
  connect(): Promise<void>;
  query(sql: string, params?: unknown[]): Promise<{ rows: Record<string, unknown>[] }>;
  end(): Promise<void>;
}

export async function readPostgres(url: string): Promise<ImportModel> {
  const pg = createRequire(import.meta.url)("pg") as { Client: new (o: { connectionString: string }) => Client };
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  try {
    return await readCatalog(client);
  } finally {
    await client.end();
  }
}

async function readCatalog(db: Client): Promise<ImportModel> {
  const tables = (
    await db.query(
      `SELECT c.oid::int AS oid, c.relname AS name, c.reltuples::float8 AS estimate
         FROM pg_class c JOIN pg_namespace n ON n.oid = c.relnamespace
        WHERE n.nspname = current_schema() AND c.relkind IN ('r', 'p') AND NOT c.relispartition
        ORDER BY c.oid`,
    )
  ).rows as { oid: number; name: string; estimate: number }[];
  const cols = (
    await db.query(
      `SELECT a.attrelid::int AS rel, a.attnum AS num, a.attname AS name, a.attnotnull AS notnull,
              a.attidentity AS identity, pg_get_expr(d.adbin, d.adrelid) AS def,
              format_type(CASE WHEN t.typtype = 'd' THEN t.typbasetype ELSE a.atttypid END,
                          CASE WHEN t.typtype = 'd' THEN t.typtypmod ELSE a.atttypmod END) AS type,
              COALESCE(et.oid, t.oid)::int AS enum_oid, (et.oid IS NOT NULL) AS is_array,
              COALESCE(et.typtype, t.typtype) = 'e' AS is_enum, COALESCE(et.typname, t.typname) AS typname
         FROM pg_attribute a
         JOIN pg_class c ON c.oid = a.attrelid JOIN pg_namespace n ON n.oid = c.relnamespace
         JOIN pg_type t ON t.oid = a.atttypid
         LEFT JOIN pg_type et ON et.oid = t.typelem AND t.typcategory = 'A' AND et.typtype = 'e'
         LEFT JOIN pg_attrdef d ON d.adrelid = a.attrelid AND d.adnum = a.attnum
        WHERE n.nspname = current_schema() AND c.relkind IN ('r', 'p') AND a.attnum > 0 AND NOT a.attisdropped
        ORDER BY a.attrelid, a.attnum`,
    )
  ).rows as { rel: number; num: number; name: string; notnull: boolean; identity: string; def: string | null; type: string; enum_oid: number; is_array: boolean; is_enum: boolean; typname: string }[];
  const labels = new Map<number, string[]>();
  for (const r of (await db.query("SELECT enumtypid::int AS oid, enumlabel AS label FROM pg_enum ORDER BY enumtypid, enumsortorder")).rows as { oid: number; label: string }[])
    labels.set(r.oid, [...(labels.get(r.oid) ?? []), r.label]);
  const cons = (
    await db.query(
      `SELECT conrelid::int AS rel, contype AS kind, conkey AS cols, confrelid::int AS ref, confkey AS refcols,
              pg_get_constraintdef(oid) AS def
         FROM pg_constraint WHERE contype IN ('p', 'u', 'f', 'c') AND conrelid <> 0 ORDER BY conrelid, conname`,
    )
  ).rows as { rel: number; kind: string; cols: number[]; ref: number; refcols: number[] | null; def: string }[];
  const uniqueIndexes = (
    await db.query(
      `SELECT i.indrelid::int AS rel, i.indkey::int2[] AS cols FROM pg_index i
        WHERE i.indisunique AND NOT i.indisprimary AND i.indpred IS NULL AND i.indexprs IS NULL
          AND NOT EXISTS (SELECT 1 FROM pg_constraint k WHERE k.conindid = i.indexrelid)`,
    )
  ).rows as { rel: number; cols: number[] }[];

  const byRel = new Map(tables.map((t) => [t.oid, t]));
  const colName = (rel: number, num: number) => cols.find((c) => c.rel === rel && c.num === num)?.name ?? "";
  const out: Table[] = [];
  for (const t of tables) {
    const own = cols.filter((c) => c.rel === t.oid);
    const plain = await pgTypesFromText(own.map((c) => (c.is_enum ? "text" : c.type)));
    const columns: Column[] = own.map((c, i) => {
      let type: ColumnType = plain[i]!;
      if (c.is_enum) {
        const e: ColumnType = { kind: "enum", labels: labels.get(c.enum_oid) ?? [], typeName: c.typname };
        type = c.is_array ? { kind: "array", element: e } : e;
      }
      return {
        name: c.name,
        sqlType: c.type,
        type,
        nullable: !c.notnull,
        autoIncrement: c.identity !== "" || /^nextval\(/.test(c.def ?? ""),
        ...(c.def !== null ? { defaultText: c.def } : {}),
      };
    });
    const mine = cons.filter((k) => k.rel === t.oid);
    const names = (nums: readonly number[] | null, rel = t.oid) => (nums ?? []).map((n) => colName(rel, n));
    let rowCount = 0;
    if (t.estimate > 100_000) rowCount = Math.round(t.estimate);
    else rowCount = Number(((await db.query(`SELECT count(*)::int8 AS n FROM "${t.name.replaceAll('"', '""')}"`)).rows[0] as { n: string }).n);
    out.push({
      name: t.name,
      columns,
      primaryKey: names(mine.find((k) => k.kind === "p")?.cols ?? []),
      uniques: [...mine.filter((k) => k.kind === "u").map((k) => names(k.cols)), ...uniqueIndexes.filter((u) => u.rel === t.oid).map((u) => names(u.cols))],
      foreignKeys: mine
        .filter((k) => k.kind === "f" && byRel.has(k.ref))
        .map((k) => ({ columns: names(k.cols), table: byRel.get(k.ref)!.name, refColumns: names(k.refcols, k.ref) })),
      checks: await Promise.all(mine.filter((k) => k.kind === "c").map(async (k) => ({ text: k.def, expr: await pgCheckFromText(k.def) }))),
      rowCount,
    });
  }
  return { dialect: "postgres", tables: out, notes: [] };
}
