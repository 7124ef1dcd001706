/**
 * `dgen import SOURCE [-o schema.dgen] [--dialect D] [--rows N] [--force]`: a `.dgen` schema from SQL
 * DDL (PostgreSQL, MySQL/MariaDB, SQLite) or from a live database's catalog. The phases are pure
 * (compiler/import/): source → model → text; this file reads the source, lets `dgen check` read the
 * text and turns a line it refuses into a comment (a few rounds), and writes the file atomically,
 * never over an existing one without `--force`. Passwords in URLs never reach a message.
 *
 *   dgen import chinook.sql --dialect postgres -o chinook.dgen
 *   dgen import postgresql://postgres@127.0.0.1/shop -o shop.dgen --rows 1000
 */
import { existsSync, readFileSync, statSync } from "node:fs";
import { basename, extname } from "node:path";
import { diag, type Diagnostic } from "../../diagnostics/diagnostic.js";
import { messages } from "../../diagnostics/messages.js";
import { lineCol } from "../../diagnostics/source.js";
import { hide, safeUrl } from "../../runtime/db/url-text.js";
import { checkSourceAsync } from "../compile.js";
import { fileSystemHost } from "../host.js";
import { readDdl } from "../import/ddl-reader.js";
import type { Dialect, ImportModel } from "../import/model.js";
import { readSqliteDdl, readSqliteFile } from "../import/sqlite-reader.js";
import { writeDgen } from "../import/write-dgen.js";
import { writeAtomic } from "./io.js";
import type { CommandResult } from "./result.js";

export interface ImportOptions {
  readonly out?: string;
  readonly dialect?: string;
  readonly rows: number;
  readonly force: boolean;
}

const nowhere = { start: 0, end: 0 };
const fail = (d: Diagnostic, exitCode: 1 | 2 = 1): CommandResult => ({ exitCode, diagnostics: [], runDiagnostics: [d] });

export async function importCommand(source: string, opts: ImportOptions): Promise<CommandResult> {
  if (opts.out !== undefined && existsSync(opts.out) && !opts.force) return fail(diag(messages.importWouldOverwrite, nowhere, [opts.out]), 2);
  const read = await readModel(source, opts.dialect);
  if (!read.ok) return read.result;
  const { model, name, shownSource } = read;
  if (model.tables.length === 0) return fail(diag(messages.importNoTables, nowhere, [shownSource]));
  const written = writeDgen(model, { rows: opts.rows, name, source: shownSource });
  const warnings: Diagnostic[] = written.warnings.map((w) => diag(messages.importWarning, nowhere, [w]));
  if (written.renamed.length > 0) {
    const list = written.renamed.slice(0, 5).map((r) => `${JSON.stringify(r.sql)} → ${r.dgen}`).join(", ") + (written.renamed.length > 5 ? ", …" : "");
    warnings.push(diag(messages.importRenamed, nowhere, [written.renamed.length, list]));
  }
  const repaired = await repair(written.text, opts.out ?? "imported.dgen");
  warnings.push(...repaired.dropped);
  const diagnostics = [...warnings, ...(repaired.error ? [repaired.error] : [])];
  const exitCode = repaired.error ? 1 : 0;
  if (opts.out === undefined) return { exitCode, diagnostics: [], runDiagnostics: diagnostics, stdout: repaired.text };
  const failed = writeAtomic(opts.out, repaired.text);
  if (failed) return fail(failed);
  return {
    exitCode,
    diagnostics: [],
    runDiagnostics: diagnostics,
    stdout: `wrote ${opts.out}: ${model.tables.length} table(s) from ${shownSource}\n`,
  };
}

type Read =
  | { ok: true; model: ImportModel; name: string; shownSource: string }
  | { ok: false; result: CommandResult };

async function readModel(source: string, dialectFlag: string | undefined): Promise<Read> {
  const url = /^(postgres(?:ql)?|mysql|mariadb):\/\//i.exec(source);
  if (url) {
    const shownSource = safeUrl(source);
    const name = decodeURIComponent(new URL(source).pathname.replace(/^\//, "")) || "imported";
    try {
      const isPg = url[1]!.toLowerCase().startsWith("postgres");
      const model = isPg
        ? await (await import("../import/pg-catalog.js")).readPostgres(source)
        : await (await import("../import/mysql-catalog.js")).readMysql(source.replace(/^mariadb:/i, "mysql:"));
      return { ok: true, model, name, shownSource };
    } catch (e) {
      const why = hide(e instanceof Error ? e.message : String(e), source).replace(/\.$/, "");
      return { ok: false, result: fail(diag(messages.importDatabaseFailed, nowhere, [shownSource, why])) };
    }
  }
  if (/^sqlite:/i.test(source)) {
    const path = source.replace(/^sqlite:(\/\/)?/i, "");
    const r = readSqliteFile(path);
    if (!r.ok) return { ok: false, result: fail(diag(messages.importDatabaseFailed, nowhere, [source, r.message.replace(/\.$/, "")])) };
    return { ok: true, model: r.model, name: basename(path, extname(path)), shownSource: source };
  }
  const dialect = dialectOf(dialectFlag);
  if (dialect === undefined) return { ok: false, result: fail(diag(messages.importNoDialect, nowhere, [source]), 2) };
  let text: string;
  try {
    if (!statSync(source).isFile()) throw Object.assign(new Error("it is not a file"), { code: "" });
    text = readFileSync(source, "utf8");
  } catch (e) {
    const code = (e as NodeJS.ErrnoException).code;
    const why = code === "ENOENT" ? "no such file" : code === "EACCES" ? "permission denied" : e instanceof Error ? e.message : String(e);
    return { ok: false, result: fail(diag(messages.importUnreadable, nowhere, [source, why])) };
  }
  const name = basename(source, extname(source)).split(".")[0] ?? "imported";
  if (dialect === "sqlite") {
    const r = readSqliteDdl(text);
    if (!r.ok) return { ok: false, result: fail(diag(messages.importSqlSyntax, nowhere, [source, 1, 1, "SQLite", `${r.message.replace(/\.$/, "")}.`])) };
    return { ok: true, model: r.model, name, shownSource: source };
  }
  const r = dialect === "postgres" ? await (await import("../import/pg-ddl-reader.js")).readPgDdl(text) : readDdl(text, dialect);
  if (!r.ok) return { ok: false, result: fail(diag(messages.importSqlSyntax, nowhere, [source, r.line, r.column, dialect === "postgres" ? "PostgreSQL" : "MySQL", r.message])) };
  return { ok: true, model: r.model, name, shownSource: source };
}

function dialectOf(flag: string | undefined): Dialect | undefined {
  switch (flag?.toLowerCase()) {
    case "postgres":
    case "postgresql":
    case "pg":
      return "postgres";
    case "mysql":
    case "mariadb":
      return "mysql";
    case "sqlite":
      return "sqlite";
    default:
      return undefined;
  }
}

/**
 * Runs the checker on the text; a `check`, key or foreign-key line it refuses becomes a comment, and a
 * column whose generator it refuses keeps its type's default generator. At most five rounds.
 */
async function repair(text: string, path: string): Promise<{ text: string; dropped: Diagnostic[]; error?: Diagnostic }> {
  const dropped: Diagnostic[] = [];
  let current = text;
  for (let round = 0; round < 5; round++) {
    const file = { path, text: current };
    const r = await checkSourceAsync(file, fileSystemHost(path));
    const errors = r.diagnostics.filter((d) => d.severity === "error");
    if (errors.length === 0) return { text: current, dropped };
    const lines = current.split("\n");
    let changed = false;
    for (const e of errors) {
      const n = lineCol(file, e.span.start).line - 1;
      const line = lines[n];
      if (line === undefined || line.trimStart().startsWith("//")) continue;
      const fixed = repairLine(line, e.code);
      if (fixed === undefined) continue;
      lines[n] = fixed;
      changed = true;
      dropped.push(diag(messages.importLineDropped, nowhere, [n + 1, e.code, e.message.replace(/\.$/, "")]));
    }
    if (!changed) return { text: current, dropped, error: diag(messages.importCheckFailed, nowhere, [errors.length, `${errors[0]!.code} ${errors[0]!.message}`]) };
    current = lines.join("\n");
  }
  return { text: current, dropped, error: diag(messages.importCheckFailed, nowhere, [1, "five rounds of repairs were not enough"]) };
}

function repairLine(line: string, code: string): string | undefined {
  const indent = /^\s*/.exec(line)![0];
  const body = line.trimStart();
  if (/^(check |primary key |unique\(|foreign key )/.test(body)) return `${indent}// dropped by dgen check (${code}): ${body}`;
  const eq = body.indexOf(" = ");
  if (/^[A-Za-z_][A-Za-z0-9_]* /.test(body) && eq > 0 && !body.startsWith("rows:") && !body.startsWith("let ")) {
    const comment = body.lastIndexOf("  // ");
    const expr = comment > eq ? body.slice(eq + 3, comment) : body.slice(eq + 3);
    const head = body.slice(0, eq);
    return `${indent}${head}  // the type's default generator: dgen check (${code}) refused ${expr.trim().slice(0, 80)}`;
  }
  return undefined;
}
