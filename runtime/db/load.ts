/**
 * `--to URL`: the rows of a run loaded into a database instead of written to files — the tables
 * created unless they exist (`--if-exists fail|truncate|append`, default `fail`), every row inserted,
 * all in one transaction: on any error it is rolled back, so the database is as it was, and the run
 * ends with one diagnostic (DG5100, DG5101) that names the target without credentials.
 *
 *   await loadDatabase(program, { rows: {}, to: "sqlite:out/shop.db" }, env)
 *
 * Today: `sqlite:path.db` (better-sqlite3). `postgresql://` and `mysql://` are DG6001.
 */
import { messages } from "../../diagnostics/messages.js";
import type { Program } from "../contract.js";
import { type GenerateOptions, RunError, type RunEnv, type RunResult, runtimeDiag, type TableResult } from "../generate-options.js";
import { loadWriteKeys } from "../noise/write-keys.js";
import { planRun } from "../run-plan.js";
import { sqlSchema } from "../sql/sql-schema.js";
import { generateChunk } from "../workers/chunk.js";
import { splitRows } from "../workers/chunks.js";
import { ByteBuffer } from "../writers/byte-buffer.js";
import { SqlInsertFormat } from "../writers/sql-insert-sink.js";
import { openSqlite, type SqliteTarget } from "./sqlite-target.js";

/** The URL without user and password, for messages. */
export function safeUrl(url: string): string {
  return url.replace(/^([a-z][a-z0-9+.-]*:\/\/)[^@/]*@/i, "$1");
}

export async function loadDatabase(program: Program, options: GenerateOptions, env: RunEnv): Promise<RunResult> {
  const url = options.to!;
  const shown = safeUrl(url);
  const fail = (d: ReturnType<typeof runtimeDiag>): RunResult => ({ ok: false, diagnostics: [d], tables: [] });
  if (!url.startsWith("sqlite:")) {
    const scheme = /^[a-z][a-z0-9+.-]*:/i.exec(url)?.[0];
    if (scheme === "postgresql:" || scheme === "postgres:" || scheme === "mysql:")
      return fail(runtimeDiag(messages.notSupportedYet, [`Loading into '${scheme}' databases (--to)`], "write SQL files (--format sql --dialect …) and load them with the database's client"));
    return fail(runtimeDiag(messages.badDatabaseUrl, [shown, "expected sqlite:path.db"]));
  }
  const path = url.slice("sqlite:".length).replace(/^\/\//, "");
  if (path === "") return fail(runtimeDiag(messages.badDatabaseUrl, [shown, "expected a file after 'sqlite:'"]));
  if (options.out !== undefined || options.shard !== undefined || options.truth !== undefined)
    return fail(runtimeDiag(messages.badOption, ["--to", "it writes no files: leave out --out, --shard and --truth"]));
  const { to: _to, ifExists: _ifExists, ...rest } = options;
  const planned = planRun(program, { ...rest, format: "sql", dialect: "sqlite" }, 1);
  const plan = planned.plan;
  if (plan === undefined) return { ok: false, diagnostics: planned.diagnostics, tables: [] };
  const tables = plan.files.map((f) => f.table);
  const schema = sqlSchema("sqlite", tables);
  let db: SqliteTarget;
  try {
    db = await openSqlite(path, env.importModule ?? ((n) => import(n)));
  } catch (e) {
    return fail(runtimeDiag(messages.databaseLoadFailed, [shown, reason(e)]));
  }
  try {
    const cells = { keys: loadWriteKeys(tables, env.env ?? process.env) };
    db.begin();
    const mode = options.ifExists ?? "fail";
    for (const t of schema.order) {
      if (!db.exists(t.name)) db.exec(schema.creates.get(t.name)!);
      else if (mode === "fail") throw new RunError(runtimeDiag(messages.tableExists, [t.name, shown], "pass --if-exists truncate or --if-exists append"));
    }
    if (mode === "truncate")
      for (const t of [...schema.order].reverse()) db.exec(`DELETE FROM "${t.name.replaceAll('"', '""')}"`);
    const buffer = new ByteBuffer();
    const decoder = new TextDecoder();
    const results: TableResult[] = [];
    for (const table of schema.order) {
      const file = plan.files.find((f) => f.table === table)!;
      const factory = new SqlInsertFormat("sqlite", table, true);
      for (const [from, to] of splitRows(file.from, file.to, file.chunkRows)) {
        // Each chunk is whole statements (it starts one), so it can be run by itself.
        const chunk = generateChunk(table, factory, buffer, from, to, true, cells);
        db.exec(decoder.decode(chunk.bytes) + ";");
      }
      results.push({ name: table.name, rows: file.to - file.from, files: [] });
    }
    db.commit();
    return { ok: true, diagnostics: [], tables: results };
  } catch (e) {
    db.rollback();
    if (e instanceof RunError && (e.diagnostic.code === messages.tableExists.code || e.diagnostic.code.startsWith("DG7")))
      return fail(e.diagnostic);
    return fail(runtimeDiag(messages.databaseLoadFailed, [shown, reason(e)]));
  } finally {
    db.close();
  }
}

function reason(e: unknown): string {
  const text = e instanceof RunError ? e.diagnostic.message : e instanceof Error ? e.message : String(e);
  return text.replace(/\.$/, "");
}
