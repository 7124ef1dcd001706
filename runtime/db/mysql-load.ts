/**
 * `--to mysql://…` (MySQL or MariaDB, through mysql2). MySQL commits every `CREATE`/`ALTER` as it
 * runs it, so a load cannot be one transaction from end to end; instead:
 *
 *   1. every table is checked first (`--if-exists fail` stops before anything is created);
 *   2. the missing tables are created with all their foreign keys (on empty tables: nothing to check);
 *   3. one transaction: `--if-exists truncate` deletes the old rows, then every table's rows go in by
 *      one `LOAD DATA LOCAL INFILE` streamed from memory (`mysql-infile.ts`; a short row count or any
 *      warning fails the load), or — when the server's `local_infile` is off or it refuses — as
 *      multi-row INSERTs of INSERT_BATCH rows each (the statements of `--format sql --dialect mysql`,
 *      one in flight at a time) with a DG5350 note;
 *   4. when a foreign key waits for a later table (a cycle, a self-reference) the rows go in with
 *      `foreign_key_checks = 0`, and every foreign key is checked by an anti-join before the commit;
 *   5. on any failure the transaction is rolled back (by the server, if the connection was lost) and
 *      exactly the tables this run created are dropped — over a second connection when the first is
 *      gone — so the database is as it was. Ctrl-C stops the load at its next statement the same
 *      way, with DG7005 (`load-interrupt.ts`).
 */
import { messages } from "../../diagnostics/messages.js";
import type { Program, TableProgram } from "../contract.js";
import type { CellOut } from "../noise/column-out.js";
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
import { infileStream, loadDataStatement } from "./mysql-infile.js";
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
    let infile = await db.localInfile();
    const notes = infile ? [] : [runtimeDiag(messages.mysqlInserts, [shown, "its local_infile is OFF"])];
    for (const table of schema.order) {
      const file = plan.files.find((f) => f.table === table)!;
      const sent = file.to - file.from;
      progress.beginTable(table.name);
      if (infile && sent > 0) {
        try {
          await loadTable(db, table, file.from, file.to, cells, stop, progress);
          results.push({ name: table.name, rows: sent, files: [] });
          continue;
        } catch (e) {
          // the server may refuse LOCAL although local_infile is on (MySQL 8's client side, a proxy):
          // the statement read nothing, so the INSERTs take over from here
          if (!refused(e)) throw e;
          infile = false;
          notes.push(runtimeDiag(messages.mysqlInserts, [shown, `it refused LOAD DATA LOCAL (${hide(reason(e), url)})`]));
        }
      }
      const factory = new SqlInsertFormat("mysql", table, true);
      // One chunk per INSERT statement (the rows of one batch), awaited before the next is made.
      for (let from = file.from; from < file.to; ) {
        const to = Math.min(file.to, (Math.floor(from / batch) + 1) * batch);
        stop.check();
        await db.exec(decoder.decode(generateChunk(table, factory, buffer, from, to, true, cells).bytes));
        progress.advance(to - from);
        from = to;
      }
      results.push({ name: table.name, rows: sent, files: [] });
    }
    if (deferred) {
      const names = new Set(tables.map((t) => t.name));
      for (const t of schema.order) for (const f of foreignKeys(t, names)) await checkForeignKey(db, f);
      await db.exec("SET SESSION foreign_key_checks = 1");
    }
    stop.check();
    await db.exec("COMMIT");
    return { ok: true, diagnostics: notes, tables: results };
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

/**
 * One table's rows by `LOAD DATA LOCAL INFILE`. `LOCAL` turns a bad row into a warning (a duplicate key
 * skipped, a value truncated): a row count short of the rows sent, or any warning, fails the load.
 */
async function loadTable(db: MysqlTarget, table: TableProgram, from: number, to: number, cells: CellOut, stop: LoadInterrupt, progress: Progress): Promise<void> {
  const r = await db.loadData(loadDataStatement(table), () =>
    infileStream(table, from, to, cells, () => stop.check(), (n) => progress.advance(n)),
  );
  stop.check();
  const warnings = r.warnings > 0 || r.affected !== to - from ? await db.warnings() : [];
  if (warnings.length > 0 || r.affected !== to - from)
    throw new Error(`table ${table.name} took ${r.affected} of ${to - from} rows${warnings.length > 0 ? ` (${warnings.join("; ")})` : ""}`);
}

/** The server's refusals of `LOAD DATA LOCAL`: ER_NOT_ALLOWED_COMMAND, MySQL 8's ER_CLIENT_LOCAL_FILES_DISABLED, MariaDB's ER_LOAD_INFILE_CAPABILITY_DISABLED. */
function refused(e: unknown): boolean {
  const errno = (e as { errno?: unknown }).errno;
  return errno === 1148 || errno === 3948 || errno === 4166;
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


