/**
 * `--to mysql://…` (MySQL or MariaDB, through mysql2). MySQL commits every `CREATE`/`ALTER` as it
 * runs it, so a load cannot be one transaction from end to end; instead:
 *
 *   1. every table is checked first (`--if-exists fail` stops before anything is created);
 *   2. the missing tables are created with all their foreign keys (on empty tables: nothing to check);
 *   3. one transaction: `--if-exists truncate` deletes the old rows, then every table's rows go in as
 *      multi-row INSERTs of INSERT_BATCH rows each (the statements of `--format sql --dialect mysql`),
 *      one statement in flight at a time;
 *   4. when a foreign key waits for a later table (a cycle, a self-reference) the rows go in with
 *      `foreign_key_checks = 0`, and every foreign key is checked by an anti-join before the commit;
 *   5. on any failure the transaction is rolled back (by the server, if the connection was lost) and
 *      exactly the tables this run created are dropped — over a second connection when the first is
 *      gone — so the database is as it was. Ctrl-C stops the load at its next statement the same
 *      way, with DG7005 (`load-interrupt.ts`).
 */
import { messages } from "../../diagnostics/messages.js";
import type { Program } from "../contract.js";
import { type GenerateOptions, RunError, type RunEnv, type RunResult, runtimeDiag, type TableResult } from "../generate-options.js";
import { loadWriteKeys } from "../noise/write-keys.js";
import { planRun } from "../run-plan.js";
import { INSERT_BATCH, quoteIdent } from "../sql/dialect.js";
import { addForeignKey, foreignKeys, sqlSchema } from "../sql/sql-schema.js";
import { generateChunk } from "../workers/chunk.js";
import { ByteBuffer } from "../writers/byte-buffer.js";
import { SqlInsertFormat } from "../writers/sql-insert-sink.js";
import { hide, reason, safeUrl } from "./url-text.js";
import type { Progress } from "../run-progress.js";
import { LoadInterrupt } from "./load-interrupt.js";
import { type MysqlTarget, openMysql } from "./mysql-target.js";

const q = (s: string) => quoteIdent("mysql", s);

export async function loadMysql(program: Program, options: GenerateOptions, env: RunEnv, url: string, progress: Progress): Promise<RunResult> {
  const shown = safeUrl(url);
  const fail = (d: ReturnType<typeof runtimeDiag>): RunResult => ({ ok: false, diagnostics: [d], tables: [] });
  if (options.out !== undefined || options.shard !== undefined || options.truth !== undefined)
    return fail(runtimeDiag(messages.badOption, ["--to", "it writes no files: leave out --out, --shard and --truth"]));
  const { to: _to, ifExists: _ifExists, ...rest } = options;
  const planned = planRun(program, { ...rest, format: "sql", dialect: "mysql" }, 1);
  const plan = planned.plan;
  if (plan === undefined) return { ok: false, diagnostics: planned.diagnostics, tables: [] };
  const tables = plan.files.map((f) => f.table);
  const schema = sqlSchema("mysql", tables);
  const importModule = env.importModule ?? ((n: string) => import(n));
  let db: MysqlTarget;
  try {
    db = await openMysql(url, importModule);
  } catch (e) {
    return fail(runtimeDiag(messages.databaseLoadFailed, [shown, hide(reason(e), url)]));
  }
  const created: string[] = [];
  const stop = new LoadInterrupt();
  try {
    const cells = { keys: loadWriteKeys(tables, env.env ?? process.env) };
    const mode = options.ifExists ?? "fail";
    await db.exec("SET NAMES utf8mb4");
    await db.exec("SET SESSION sql_mode = 'STRICT_ALL_TABLES,NO_AUTO_VALUE_ON_ZERO'");
    const existing = new Set<string>();
    for (const t of schema.order) if (await db.exists(t.name)) existing.add(t.name);
    if (mode === "fail" && existing.size > 0) {
      const first = schema.order.find((t) => existing.has(t.name))!;
      throw new RunError(runtimeDiag(messages.tableExists, [first.name, shown], "pass --if-exists truncate or --if-exists append"));
    }
    const deferred = schema.afterData.length > 0;
    await db.exec(`SET SESSION foreign_key_checks = ${deferred ? 0 : 1}`);
    for (const t of schema.order) {
      if (existing.has(t.name)) continue;
      stop.check();
      created.push(t.name);
      await db.exec(schema.creates.get(t.name)!.replace(/;\s*$/, ""));
    }
    for (const f of schema.afterData) if (created.includes(f.table)) await db.exec(addForeignKey("mysql", f).replace(/;$/, ""));
    await db.exec("START TRANSACTION");
    if (mode === "truncate")
      for (const t of [...schema.order].reverse()) if (existing.has(t.name)) await db.exec(`DELETE FROM ${q(t.name)}`);
    const buffer = new ByteBuffer();
    const decoder = new TextDecoder();
    const results: TableResult[] = [];
    const batch = INSERT_BATCH.mysql;
    for (const table of schema.order) {
      const file = plan.files.find((f) => f.table === table)!;
      const factory = new SqlInsertFormat("mysql", table, true);
      progress.beginTable(table.name);
      // One chunk per INSERT statement (the rows of one batch), awaited before the next is made.
      for (let from = file.from; from < file.to; ) {
        const to = Math.min(file.to, (Math.floor(from / batch) + 1) * batch);
        stop.check();
        await db.exec(decoder.decode(generateChunk(table, factory, buffer, from, to, true, cells).bytes));
        progress.advance(to - from);
        from = to;
      }
      results.push({ name: table.name, rows: file.to - file.from, files: [] });
    }
    if (deferred) {
      const names = new Set(tables.map((t) => t.name));
      for (const t of schema.order) for (const f of foreignKeys(t, names)) await checkForeignKey(db, f);
      await db.exec("SET SESSION foreign_key_checks = 1");
    }
    stop.check();
    await db.exec("COMMIT");
    return { ok: true, diagnostics: [], tables: results };
  } catch (e) {
    await db.exec("ROLLBACK").catch(() => {});
    const undo = await dropCreated(db, url, created, importModule);
    const diag =
      e instanceof RunError && (e.diagnostic.code === messages.tableExists.code || e.diagnostic.code.startsWith("DG7"))
        ? e.diagnostic
        : runtimeDiag(messages.databaseLoadFailed, [shown, hide(reason(e), url)]);
    if (undo !== undefined)
      return fail(runtimeDiag(messages.mysqlUndoFailed, [shown, created.join(", "), hide(reason(undo), url), diag.message]));
    return fail(diag);
  } finally {
    stop.dispose();
    await db.close();
  }
}

/** A foreign key that does not hold for some loaded row stops the load, as the server would have. */
async function checkForeignKey(db: MysqlTarget, f: { table: string; columns: readonly string[]; refTable: string; refColumns: readonly string[] }): Promise<void> {
  const set = f.columns.map((c) => `c.${q(c)} IS NOT NULL`).join(" AND ");
  const match = f.columns.map((c, i) => `p.${q(f.refColumns[i]!)} = c.${q(c)}`).join(" AND ");
  const bad = await db.column(
    `SELECT 1 FROM ${q(f.table)} c WHERE ${set} AND NOT EXISTS (SELECT 1 FROM ${q(f.refTable)} p WHERE ${match}) LIMIT 1`,
  );
  if (bad.length > 0)
    throw new Error(`a foreign key constraint fails: ${f.table} (${f.columns.join(", ")}) references ${f.refTable} (${f.refColumns.join(", ")})`);
}

/** Drops the tables this run created; over a new connection when the first is gone. The error if it could not. */
async function dropCreated(
  db: MysqlTarget,
  url: string,
  created: readonly string[],
  importModule: (name: string) => Promise<unknown>,
): Promise<unknown> {
  if (created.length === 0) return undefined;
  const drop = async (target: MysqlTarget) => {
    await target.exec("SET SESSION foreign_key_checks = 0");
    await target.exec(`DROP TABLE IF EXISTS ${created.map(q).join(", ")}`);
  };
  try {
    await drop(db);
    return undefined;
  } catch {
    try {
      const again = await openMysql(url, importModule);
      try {
        await drop(again);
      } finally {
        await again.close();
      }
      return undefined;
    } catch (e) {
      return e;
    }
  }
}


