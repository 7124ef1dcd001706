/**
 * `_load.sql`: runs `_schema.sql` and every data file in load order with the dialect's own client,
 * in one transaction, then adds the foreign keys that had to wait for the data and moves identity
 * columns past the written keys, so the next ordinary `INSERT` without a key succeeds.
 *
 *   psql -v ON_ERROR_STOP=1 -d db -f _load.sql          (PostgreSQL: \ir is relative to this file)
 *   cd out && mariadb db < _load.sql                    (MySQL/MariaDB: `source` is relative to the cwd)
 *   cd out && sqlite3 db.sqlite < _load.sql             (SQLite: `.read` is relative to the cwd)
 *   cd out && sqlcmd -d db -f 65001 -i _load.sql        (SQL Server: `:r`)
 *
 * MySQL commits DDL implicitly, so there the tables are created before the transaction and the
 * waiting foreign keys added after it (`ALTER TABLE` checks the loaded rows). MySQL and SQLite move
 * their auto-increment counters themselves when a key is written explicitly.
 */
import type { TableProgram } from "../contract.js";
import { type Dialect, quoteIdent, quoteText } from "./dialect.js";
import { addForeignKey, primaryKey, type SqlSchema } from "./sql-schema.js";

export const SCHEMA_FILE = "_schema.sql";
export const LOAD_FILE = "_load.sql";

/** `files`: each table's data files relative to the output folder, in order. */
export function loadScript(dialect: Dialect, schema: SqlSchema, files: ReadonlyMap<string, readonly string[]>): string {
  const data = schema.order.flatMap((t) => files.get(t.name) ?? []);
  const after = schema.afterData.map((f) => addForeignKey(dialect, f));
  const identities = schema.order.flatMap((t) => advanceIdentity(dialect, t));
  const lines: string[] = [`-- Loads every table in one transaction; run with the ${CLIENT[dialect]}.`];
  switch (dialect) {
    case "postgres":
      lines.push("\\set ON_ERROR_STOP 1", "SET client_encoding = 'UTF8';", "BEGIN;");
      lines.push(...[SCHEMA_FILE, ...data].map((f) => `\\ir ${psqlArg(f)}`), ...after, ...identities, "COMMIT;");
      break;
    case "mysql":
      lines.push(
        "SET NAMES utf8mb4;",
        "SET SESSION sql_mode = 'STRICT_ALL_TABLES,NO_AUTO_VALUE_ON_ZERO';",
        "SET SESSION foreign_key_checks = 1;",
        `source ${SCHEMA_FILE}`,
        "START TRANSACTION;",
        ...data.map((f) => `source ${f}`),
        "COMMIT;",
        ...after,
      );
      break;
    case "sqlite":
      lines.push(".bail on", "PRAGMA foreign_keys = ON;", "BEGIN;", "PRAGMA defer_foreign_keys = ON;");
      lines.push(...[SCHEMA_FILE, ...data].map((f) => `.read ${sqliteArg(f)}`), "COMMIT;");
      break;
    case "mssql":
      lines.push("SET XACT_ABORT ON;", "SET NOCOUNT ON;", "BEGIN TRANSACTION;");
      lines.push(...[SCHEMA_FILE, ...data].map((f) => `:r "${f}"`), ...after, ...identities, "COMMIT TRANSACTION;");
      break;
  }
  return lines.join("\n") + "\n";
}

const CLIENT: Readonly<Record<Dialect, string>> = {
  postgres: "psql client: psql -v ON_ERROR_STOP=1 -f _load.sql",
  mysql: "mysql or mariadb client from this folder: mariadb DB < _load.sql",
  sqlite: "sqlite3 shell from this folder: sqlite3 DB < _load.sql",
  mssql: "sqlcmd client from this folder: sqlcmd -f 65001 -i _load.sql",
};

/** PostgreSQL: `setval` of the identity's sequence to one past the largest key. */
export function advanceIdentity(dialect: Dialect, t: TableProgram): string[] {
  const pk = primaryKey(t);
  const c = t.columns.find((x) => x.identity && pk.length === 1 && pk[0] === x.name);
  if (c === undefined) return [];
  const q = (s: string) => quoteIdent(dialect, s);
  if (dialect === "postgres") {
    const seq = `pg_get_serial_sequence(${quoteText(dialect, q(t.name))}, ${quoteText(dialect, c.name)})`;
    return [`SELECT setval(${seq}, coalesce(max(${q(c.name)}), 0) + 1, false) FROM ${q(t.name)};`];
  }
  if (dialect === "mssql") return [`DBCC CHECKIDENT (${quoteText(dialect, q(t.name))}, RESEED);`];
  return [];
}

/** A psql meta-command argument: single-quoted, `'` doubled, `\` escaped. */
function psqlArg(path: string): string {
  return "'" + path.replaceAll("\\", "\\\\").replaceAll("'", "''") + "'";
}

/** A sqlite3 shell argument: double-quoted with C escapes. */
function sqliteArg(path: string): string {
  return '"' + path.replaceAll("\\", "\\\\").replaceAll('"', '\\"') + '"';
}
