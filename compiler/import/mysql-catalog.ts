/**
 * A live MySQL or MariaDB database → the import model, from `information_schema` through mysql2: the
 * base tables of the URL's database, their columns (`COLUMN_TYPE` read by node-sql-parser, so enums,
 * sets and unsigned widths come out as in DDL), keys, foreign keys, CHECK constraints
 * (`CHECK_CONSTRAINTS`, where the server has it) and row counts (`COUNT(*)`, or `TABLE_ROWS` past
 * 100 000).
 *
 *   await readMysql("mysql://root@127.0.0.1/sakila")   // { dialect: "mysql", tables: […], notes: [] }
 */
import { createRequire } from "node:module";
import { typesFromText } from "./ddl-reader.js";
import type { ImportModel, Table } from "./model.js";
import { parseCheckText } from "./sql-ast.js";

interface Conn {
  query(sql: string, params?: unknown[]): Promise<[unknown, unknown]>;
  end(): Promise<void>;
}

export async function readMysql(url: string): Promise<ImportModel> {
  const mysql = createRequire(import.meta.url)("mysql2/promise") as { createConnection(o: object): Promise<Conn> };
  const u = new URL(url);
  const database = decodeURIComponent(u.pathname.replace(/^\//, ""));
  if (database === "") throw new Error("the URL names no database (mysql://host/DATABASE)");
  const conn = await mysql.createConnection({
    host: u.hostname.replace(/^\[|\]$/g, ""),
    port: u.port === "" ? 3306 : Number(u.port),
    user: decodeURIComponent(u.username) || "root",
    password: decodeURIComponent(u.password),
    database,
    charset: "UTF8MB4_GENERAL_CI",
    supportBigNumbers: true,
    bigNumberStrings: true,
  });
  try {
    return await readCatalog(conn);
  } finally {
    await conn.end();
  }
}

async function rows<T>(conn: Conn, sql: string, params: unknown[] = []): Promise<T[]> {
  return (await conn.query(sql, params))[0] as T[];
}

async function readCatalog(conn: Conn): Promise<ImportModel> {
  const notes: string[] = [];
  const tables = await rows<{ name: string; estimate: string | null }>(
    conn,
    `SELECT TABLE_NAME AS name, TABLE_ROWS AS estimate FROM information_schema.TABLES
      WHERE TABLE_SCHEMA = DATABASE() AND TABLE_TYPE = 'BASE TABLE' ORDER BY CREATE_TIME, TABLE_NAME`,
  );
  const cols = await rows<{ t: string; name: string; type: string; nullable: string; def: string | null; extra: string }>(
    conn,
    `SELECT TABLE_NAME AS t, COLUMN_NAME AS name, COLUMN_TYPE AS type, IS_NULLABLE AS nullable,
            COLUMN_DEFAULT AS def, EXTRA AS extra
       FROM information_schema.COLUMNS WHERE TABLE_SCHEMA = DATABASE() ORDER BY TABLE_NAME, ORDINAL_POSITION`,
  );
  const keys = await rows<{ t: string; kind: string; con: string; col: string; rt: string | null; rc: string | null }>(
    conn,
    `SELECT k.TABLE_NAME AS t, c.CONSTRAINT_TYPE AS kind, k.CONSTRAINT_NAME AS con, k.COLUMN_NAME AS col,
            k.REFERENCED_TABLE_NAME AS rt, k.REFERENCED_COLUMN_NAME AS rc
       FROM information_schema.KEY_COLUMN_USAGE k
       JOIN information_schema.TABLE_CONSTRAINTS c
         ON c.CONSTRAINT_SCHEMA = k.CONSTRAINT_SCHEMA AND c.TABLE_NAME = k.TABLE_NAME AND c.CONSTRAINT_NAME = k.CONSTRAINT_NAME
      WHERE k.TABLE_SCHEMA = DATABASE() ORDER BY k.TABLE_NAME, k.CONSTRAINT_NAME, k.ORDINAL_POSITION`,
  );
  let checks: { t: string; clause: string }[] = [];
  try {
    checks = await rows(
      conn,
      `SELECT c.TABLE_NAME AS t, k.CHECK_CLAUSE AS clause FROM information_schema.CHECK_CONSTRAINTS k
         JOIN information_schema.TABLE_CONSTRAINTS c
           ON c.CONSTRAINT_SCHEMA = k.CONSTRAINT_SCHEMA AND c.CONSTRAINT_NAME = k.CONSTRAINT_NAME AND c.CONSTRAINT_TYPE = 'CHECK'
        WHERE k.CONSTRAINT_SCHEMA = DATABASE()`,
    );
  } catch {
    notes.push("this server has no information_schema.CHECK_CONSTRAINTS: CHECK constraints were not read");
  }
  const out: Table[] = [];
  for (const t of tables) {
    const own = cols.filter((c) => c.t === t.name);
    const types = typesFromText(own.map((c) => c.type), "mysql");
    const mine = keys.filter((k) => k.t === t.name);
    const groups = new Map<string, typeof mine>();
    for (const k of mine) groups.set(k.con, [...(groups.get(k.con) ?? []), k]);
    const estimate = Number(t.estimate ?? 0);
    const rowCount =
      estimate > 100_000
        ? estimate
        : Number((await rows<{ n: string }>(conn, `SELECT COUNT(*) AS n FROM \`${t.name.replaceAll("`", "``")}\``))[0]!.n);
    out.push({
      name: t.name,
      columns: own.map((c, i) => ({
        name: c.name,
        sqlType: c.type,
        type: types[i]!,
        nullable: c.nullable === "YES",
        autoIncrement: /auto_increment/i.test(c.extra),
        ...(c.def !== null && c.def !== "NULL" ? { defaultText: c.def } : {}),
      })),
      primaryKey: [...groups.values()].find((g) => g[0]!.kind === "PRIMARY KEY")?.map((k) => k.col) ?? [],
      uniques: [...groups.values()].filter((g) => g[0]!.kind === "UNIQUE").map((g) => g.map((k) => k.col)),
      foreignKeys: [...groups.values()]
        .filter((g) => g[0]!.kind === "FOREIGN KEY" && g[0]!.rt !== null)
        .map((g) => ({ columns: g.map((k) => k.col), table: g[0]!.rt!, refColumns: g.map((k) => k.rc ?? "") })),
      checks: checks.filter((c) => c.t === t.name).map((c) => ({ text: c.clause, expr: parseCheckText(c.clause, "mysql") })),
      rowCount,
    });
  }
  return { dialect: "mysql", tables: out, notes };
}
