/**
 * `--to URL`: the rows of a run loaded into a database instead of written to files — the tables
 * created unless they exist (`--if-exists fail|truncate|append`, default `fail`), every row inserted,
 * all in one transaction: on any error it is rolled back, so the database is as it was, and the run
 * ends with one diagnostic (DG5100, DG5101) that names the target without credentials.
 *
 *   await loadDatabase(program, { rows: {}, to: "sqlite:out/shop.db" }, env)
 *
 * `sqlite:path.db` (better-sqlite3), `postgresql://…` (node-postgres, COPY through pg-copy-streams)
 * and `mysql://…` (mysql2, MySQL or MariaDB: `mysql-load.ts`).
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
import { openPostgres, type PgCopy, type PgTarget } from "./pg-target.js";
import { addForeignKey } from "../sql/sql-schema.js";
import { quoteIdent } from "../sql/dialect.js";
import { PgCopyFormat } from "../writers/pg-copy-sink.js";
import { advanceIdentity } from "../sql/sql-load.js";
import { loadMysql } from "./mysql-load.js";
import { LoadInterrupt } from "./load-interrupt.js";
import { Progress } from "../run-progress.js";
import { loadManifestText, rowHashes, writeLoadManifest } from "./load-manifest.js";
import { hide, reason, safeUrl } from "./url-text.js";


export async function loadDatabase(program: Program, options: GenerateOptions, env: RunEnv): Promise<RunResult> {
  const { manifest, ...load } = options;
  const stderr = env.stderr ?? process.stderr;
  const tty = env.isTTY ?? (stderr as { isTTY?: boolean }).isTTY === true;
  const progress = new Progress(options.progress !== false && tty ? stderr : undefined, plannedRows(program, load));
  let result: RunResult;
  try {
    result = await loadInto(program, load, env, progress);
  } finally {
    progress.end();
  }
  if (!result.ok || manifest === undefined) return result;
  try {
    const { to: _to, ifExists: _ifExists, ...rest } = load;
    const plan = planRun(program, { ...rest, format: "csv" }, 1).plan!;
    const hashes = rowHashes(plan, env.env ?? process.env);
    const faker = program.fakerVersion ?? env.fakerVersion ?? null;
    const text = loadManifestText(program, plan, safeUrl(options.to!), options.ifExists ?? "fail", result.tables, hashes, faker);
    await writeLoadManifest(manifest, text);
    return result;
  } catch (e) {
    return { ...result, ok: false, diagnostics: [runtimeDiag(messages.loadManifestFailed, [manifest, safeUrl(options.to!), reason(e)])] };
  }
}

/** The rows a load will write, for the progress line (0 when the plan fails: the loader says why). */
function plannedRows(program: Program, options: GenerateOptions): number {
  const { to: _to, ifExists: _ifExists, ...rest } = options;
  try {
    return planRun(program, { ...rest, format: "csv" }, 1).plan?.files.reduce((n, f) => n + f.to - f.from, 0) ?? 0;
  } catch {
    return 0;
  }
}

async function loadInto(program: Program, options: GenerateOptions, env: RunEnv, progress: Progress): Promise<RunResult> {
  const url = options.to!;
  const shown = safeUrl(url);
  const fail = (d: ReturnType<typeof runtimeDiag>): RunResult => ({ ok: false, diagnostics: [d], tables: [] });
  if (/^postgres(ql)?:\/\//.test(url)) return loadPostgres(program, options, env, url, progress);
  if (/^(mysql|mariadb):\/\//.test(url)) return loadMysql(program, options, env, url, progress);
  if (!url.startsWith("sqlite:"))
    return fail(runtimeDiag(messages.badDatabaseUrl, [shown, "expected sqlite:path.db, postgresql://… or mysql://…"]));
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
      progress.beginTable(table.name);
      for (const [from, to] of splitRows(file.from, file.to, file.chunkRows)) {
        // Each chunk is whole statements (it starts one), so it can be run by itself.
        const chunk = generateChunk(table, factory, buffer, from, to, true, cells);
        db.exec(decoder.decode(chunk.bytes) + ";");
        progress.advance(to - from);
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


async function loadPostgres(program: Program, options: GenerateOptions, env: RunEnv, url: string, progress: Progress): Promise<RunResult> {
  const stop = new LoadInterrupt();
  try {
    return await loadPostgresUntil(program, options, env, url, stop, progress);
  } finally {
    stop.dispose();
  }
}

async function loadPostgresUntil(
  program: Program,
  options: GenerateOptions,
  env: RunEnv,
  url: string,
  stop: LoadInterrupt,
  progress: Progress,
): Promise<RunResult> {
  const shown = safeUrl(url);
  const fail = (d: ReturnType<typeof runtimeDiag>): RunResult => ({ ok: false, diagnostics: [d], tables: [] });
  if (options.out !== undefined || options.shard !== undefined || options.truth !== undefined)
    return fail(runtimeDiag(messages.badOption, ["--to", "it writes no files: leave out --out, --shard and --truth"]));
  const { to: _to, ifExists: _ifExists, ...rest } = options;
  const planned = planRun(program, { ...rest, format: "sql", dialect: "postgres" }, 1);
  const plan = planned.plan;
  if (plan === undefined) return { ok: false, diagnostics: planned.diagnostics, tables: [] };
  const tables = plan.files.map((f) => f.table);
  const schema = sqlSchema("postgres", tables);
  let db: PgTarget;
  try {
    db = await openPostgres(url, env.importModule ?? ((n) => import(n)));
  } catch (e) {
    return fail(runtimeDiag(messages.databaseLoadFailed, [shown, hide(reason(e), url)]));
  }
  const q = (s: string) => quoteIdent("postgres", s);
  let open: PgCopy | undefined;
  try {
    const cells = { keys: loadWriteKeys(tables, env.env ?? process.env) };
    await db.exec("BEGIN");
    await db.exec("SET CONSTRAINTS ALL DEFERRED");
    const mode = options.ifExists ?? "fail";
    const created = new Set<string>();
    const enums = schema.text.split("\n").filter((l) => l.startsWith("CREATE TYPE "));
    for (const t of schema.order) {
      if (await db.exists(t.name)) {
        if (mode === "fail")
          throw new RunError(runtimeDiag(messages.tableExists, [t.name, shown], "pass --if-exists truncate or --if-exists append"));
        continue;
      }
      if (created.size === 0)
        for (const e of enums) {
          // an enum type that exists already is kept; the dollar tag is one the statement does not hold
          let tag = "$dgen$";
          for (let n = 0; e.includes(tag); n++) tag = `$dgen${n}$`;
          await db.exec(`DO ${tag} BEGIN ${e} EXCEPTION WHEN duplicate_object THEN NULL; END ${tag}`);
        }
      await db.exec(schema.creates.get(t.name)!);
      created.add(t.name);
    }
    const existing = schema.order.filter((t) => !created.has(t.name));
    if (mode === "truncate" && existing.length > 0) await db.exec(`TRUNCATE ${existing.map((t) => q(t.name)).join(", ")}`);
    const buffer = new ByteBuffer();
    const results: TableResult[] = [];
    for (const table of schema.order) {
      const file = plan.files.find((f) => f.table === table)!;
      const factory = new PgCopyFormat(table);
      const copy = (open = await db.copy(`COPY ${q(table.name)} (${table.columns.map((c) => q(c.name)).join(", ")}) FROM STDIN`));
      progress.beginTable(table.name);
      for (const [from, to] of splitRows(file.from, file.to, file.chunkRows)) {
        stop.check();
        await copy.write(generateChunk(table, factory, buffer, from, to, from === file.from, cells).bytes);
        progress.advance(to - from);
      }
      stop.check();
      open = undefined;
      await copy.end();
      results.push({ name: table.name, rows: file.to - file.from, files: [] });
    }
    for (const f of schema.afterData) if (created.has(f.table)) await db.exec(addForeignKey("postgres", f));
    for (const t of schema.order) for (const sql of advanceIdentity("postgres", t)) await db.exec(sql);
    stop.check();
    await db.exec("COMMIT");
    return { ok: true, diagnostics: [], tables: results };
  } catch (e) {
    await open?.abort();
    await db.exec("ROLLBACK").catch(() => {});
    if (e instanceof RunError && (e.diagnostic.code === messages.tableExists.code || e.diagnostic.code.startsWith("DG7")))
      return fail(e.diagnostic);
    return fail(runtimeDiag(messages.databaseLoadFailed, [shown, hide(reason(e), url)]));
  } finally {
    await db.close();
  }
}

